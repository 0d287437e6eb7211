#include "base/time.h"

#include <array>
#include <cstdio>

namespace mamori {
namespace {

// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void CivilFromDays(int64_t z, int& y, int& m, int& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(static_cast<int64_t>(yoe) + era * 400 + (m <= 2));
}

int DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

Status BadTime(std::string_view text) {
  return Status::Error(ErrorKind::kInvalidArgument, "time.format", "",
                       "日時の形式が正しくありません（例: 2026-11-22T10:30:00+09:00）: " + std::string(text),
                       "Bad timestamp (expected e.g. 2026-11-22T10:30:00+09:00): " + std::string(text));
}

}  // namespace

bool ParseDigits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

CivilTime ToCivil(Micros t, const TimeZone& tz) {
  const int64_t secs = FloorDiv(t, kSecond) + int64_t{tz.offset_minutes} * 60;
  const int64_t days = FloorDiv(secs, 86400);
  const int64_t rem = secs - days * 86400;
  CivilTime c{};
  CivilFromDays(days, c.year, c.month, c.day);
  c.hour = static_cast<int>(rem / 3600);
  c.minute = static_cast<int>(rem % 3600 / 60);
  c.second = static_cast<int>(rem % 60);
  return c;
}

Micros FromCivil(const CivilTime& c, const TimeZone& tz) {
  const int64_t days = DaysFromCivil(c.year, static_cast<unsigned>(c.month), static_cast<unsigned>(c.day));
  const int64_t secs = days * 86400 + c.hour * 3600 + c.minute * 60 + c.second - int64_t{tz.offset_minutes} * 60;
  return secs * kSecond;
}

std::string FormatUtc(Micros t) {
  const CivilTime c = ToCivil(t, TimeZone{"UTC", 0});
  const int64_t ms = FloorDiv(t, 1000) - FloorDiv(t, kSecond) * 1000;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", c.year, c.month, c.day, c.hour,
                c.minute, c.second, static_cast<int>(ms));
  return buf;
}

Result<Micros> ParseTimestamp(std::string_view s) {
  CivilTime c{};
  if (!ParseDigits(s, 0, 4, c.year) || s.size() < 16 || s[4] != '-' || !ParseDigits(s, 5, 2, c.month) || s[7] != '-' ||
      !ParseDigits(s, 8, 2, c.day) || (s[10] != 'T' && s[10] != ' ') || !ParseDigits(s, 11, 2, c.hour) ||
      s[13] != ':' || !ParseDigits(s, 14, 2, c.minute))
    return BadTime(s);
  size_t pos = 16;
  int64_t frac_us = 0;
  if (pos < s.size() && s[pos] == ':') {
    if (!ParseDigits(s, pos + 1, 2, c.second)) return BadTime(s);
    pos += 3;
    if (pos < s.size() && s[pos] == '.') {
      ++pos;
      int64_t scale = 100000;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
        frac_us += (s[pos] - '0') * scale;
        scale /= 10;
        ++pos;
      }
    }
  }
  if (c.month < 1 || c.month > 12 || c.day < 1 || c.day > DaysInMonth(c.year, c.month) || c.hour > 23 ||
      c.minute > 59 || c.second > 59)
    return BadTime(s);
  TimeZone tz{"", 0};
  if (pos < s.size() && s[pos] == 'Z' && pos + 1 == s.size()) {
    tz.offset_minutes = 0;
  } else if (pos + 6 == s.size() && (s[pos] == '+' || s[pos] == '-') && s[pos + 3] == ':') {
    int hh = 0, mm = 0;
    if (!ParseDigits(s, pos + 1, 2, hh) || !ParseDigits(s, pos + 4, 2, mm)) return BadTime(s);
    tz.offset_minutes = (s[pos] == '-' ? -1 : 1) * (hh * 60 + mm);
  } else {
    return BadTime(s);
  }
  return FromCivil(c, tz) + frac_us;
}

Result<TimeZone> TimeZone::FromName(std::string_view name) {
  static const std::array<std::pair<const char*, int>, 4> kKnown = {
      {{"Asia/Tokyo", 540}, {"Japan", 540}, {"UTC", 0}, {"Etc/UTC", 0}}};
  for (const auto& [n, off] : kKnown)
    if (name == n) return TimeZone{std::string(name), off};
  if (name.size() == 6 && (name[0] == '+' || name[0] == '-') && name[3] == ':') {
    int hh = 0, mm = 0;
    if (ParseDigits(name, 1, 2, hh) && ParseDigits(name, 4, 2, mm))
      return TimeZone{std::string(name), (name[0] == '-' ? -1 : 1) * (hh * 60 + mm)};
  }
  return Status::Error(ErrorKind::kInvalidArgument, "config.timezone", "",
                       "タイムゾーンが不明です: " + std::string(name),
                       "Unknown time zone (use Asia/Tokyo, UTC or an offset like +09:00): " + std::string(name));
}

std::string LocalDate(Micros t, const TimeZone& tz) {
  const CivilTime c = ToCivil(t, tz);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.year, c.month, c.day);
  return buf;
}

std::string WarekiDate(int year, int month, int day) {
  struct Era {
    const char* name;
    int y, m, d;
  };
  static const Era kEras[] = {{"令和", 2019, 5, 1}, {"平成", 1989, 1, 8}, {"昭和", 1926, 12, 25},
                              {"大正", 1912, 7, 30}, {"明治", 1868, 1, 25}};
  const int key = year * 10000 + month * 100 + day;
  for (const Era& e : kEras) {
    if (key >= e.y * 10000 + e.m * 100 + e.d) {
      const int ey = year - e.y + 1;
      const std::string y = ey == 1 ? "元" : std::to_string(ey);
      return std::string(e.name) + y + "年" + std::to_string(month) + "月" + std::to_string(day) + "日";
    }
  }
  return std::to_string(year) + "年" + std::to_string(month) + "月" + std::to_string(day) + "日";
}

std::string FormatDisplay(Micros t, const TimeZone& tz, DateStyle style, bool with_time) {
  const CivilTime c = ToCivil(t, tz);
  char buf[64];
  std::string out;
  if (style == DateStyle::kWareki) {
    out = WarekiDate(c.year, c.month, c.day);
    if (with_time) {
      std::snprintf(buf, sizeof buf, " %02d:%02d", c.hour, c.minute);
      out += buf;
    }
    return out;
  }
  if (with_time)
    std::snprintf(buf, sizeof buf, "%04d/%02d/%02d %02d:%02d", c.year, c.month, c.day, c.hour, c.minute);
  else
    std::snprintf(buf, sizeof buf, "%04d/%02d/%02d", c.year, c.month, c.day);
  return buf;
}

}  // namespace mamori
