#include "notify/mime.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>

namespace mamori::mime {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view kWordPrefix = "=?UTF-8?B?";
constexpr std::string_view kWordSuffix = "?=";
constexpr size_t kMaxWord = 75;  // RFC 2047 section 2
constexpr size_t kMinWord = 20;  // room for one 4-byte UTF-8 sequence

// Length of the UTF-8 sequence that starts with `lead` (1 for ASCII and for stray bytes).
size_t SequenceLength(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

// The byte budget of one encoded-word of at most `room` characters: whole base64 groups only.
size_t WordBytes(size_t room) {
  const size_t overhead = kWordPrefix.size() + kWordSuffix.size();
  return (room - overhead) / 4 * 3;
}

std::string Word(std::string_view bytes) { return std::string(kWordPrefix) + Base64(bytes) + std::string(kWordSuffix); }

}  // namespace

std::string Base64(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const uint32_t v = static_cast<uint8_t>(bytes[i]) << 16 | static_cast<uint8_t>(bytes[i + 1]) << 8 |
                       static_cast<uint8_t>(bytes[i + 2]);
    for (int shift = 18; shift >= 0; shift -= 6) out += kAlphabet[(v >> shift) & 0x3F];
  }
  const size_t rest = bytes.size() - i;
  if (rest == 0) return out;
  uint32_t v = static_cast<uint8_t>(bytes[i]) << 16;
  if (rest == 2) v |= static_cast<uint8_t>(bytes[i + 1]) << 8;
  out += kAlphabet[(v >> 18) & 0x3F];
  out += kAlphabet[(v >> 12) & 0x3F];
  out += rest == 2 ? kAlphabet[(v >> 6) & 0x3F] : '=';
  out += '=';
  return out;
}

std::string Base64Lines(std::string_view bytes, size_t line_length) {
  const size_t chunk = line_length / 4 * 3;  // input bytes per full line
  std::string out;
  for (size_t i = 0; i < bytes.size(); i += chunk) {
    out += Base64(bytes.substr(i, chunk));
    out += "\r\n";
  }
  return out;
}

bool IsValidUtf8(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    const unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    const size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    if (c < 0xC2 || c > 0xF4) return false;  // a continuation byte, an overlong 2-byte lead, or beyond U+10FFFF
    uint32_t cp = c & (0x7F >> n);
    if (static_cast<size_t>(end - p) < n) return false;
    for (size_t k = 1; k < n; ++k) {
      if ((p[k] & 0xC0) != 0x80) return false;
      cp = cp << 6 | (p[k] & 0x3F);
    }
    const bool overlong = (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000);
    if (overlong || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return false;
    p += n;
  }
  return true;
}

bool IsPrintableAscii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c == '\t' || (c >= 0x20 && c <= 0x7E); });
}

std::vector<std::string> EncodedWords(std::string_view text, size_t first_room) {
  std::vector<std::string> words;
  size_t budget = WordBytes(std::clamp<size_t>(first_room, kMinWord, kMaxWord));
  size_t start = 0, pos = 0;
  while (pos < text.size()) {
    const size_t n = std::min(SequenceLength(static_cast<unsigned char>(text[pos])), text.size() - pos);
    if (pos + n - start > budget && pos > start) {
      words.push_back(Word(text.substr(start, pos - start)));
      start = pos;
      budget = WordBytes(kMaxWord);
    }
    pos += n;
  }
  if (pos > start) words.push_back(Word(text.substr(start, pos - start)));
  return words;
}

std::string CanonicalLineBreaks(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 32);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out += "\r\n";
    } else if (text[i] == '\n') {
      out += "\r\n";
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string Rfc5322Date(Micros t, const TimeZone& tz) {
  static const char* kDays[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};  // 1970-01-01 was a Thursday
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const CivilTime c = ToCivil(t, tz);
  const Micros local = t + tz.offset_minutes * kMinute;
  const int64_t days = local / kDay - (local % kDay < 0 ? 1 : 0);
  const int64_t weekday = ((days % 7) + 7) % 7;
  const int offset = tz.offset_minutes < 0 ? -tz.offset_minutes : tz.offset_minutes;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d %c%02d%02d", kDays[weekday], c.day,
                kMonths[c.month - 1], c.year, c.hour, c.minute, c.second, tz.offset_minutes < 0 ? '-' : '+',
                offset / 60, offset % 60);
  return buf;
}

}  // namespace mamori::mime
