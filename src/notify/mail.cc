#include "notify/mail.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

#include "crypto/crypto.h"
#include "notify/mime.h"

namespace mamori {
namespace {

constexpr size_t kMaxLine = 76;       // lines with encoded-words (RFC 2047 2) and base64 (RFC 2045 6.8)
constexpr size_t kMaxHardLine = 998;  // RFC 5322 2.1.1

// Headers that RenderMessage writes itself (lower case); an extra header may not repeat them.
constexpr std::array<std::string_view, 8> kReserved = {"date", "message-id", "from",    "to",
                                                       "cc",   "bcc",        "subject", "mime-version"};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

Status Invalid(std::string rule, std::string field, std::string ja, std::string en) {
  return Status::Error(ErrorKind::kInvalidArgument, std::move(rule), "", std::move(ja), std::move(en),
                       std::move(field));
}

// CR, LF or NUL would end the header line early and start a header (or the body) of the sender's choosing.
Status NoLineBreak(std::string_view value, const std::string& field) {
  if (value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos) return Status::Ok();
  return Invalid("mail.header_injection", field,
                 "メールのヘッダ（" + field + "）に改行文字を含めることはできません（ヘッダ注入の防止）。",
                 "A mail header (" + field + ") must not contain CR, LF or NUL (header injection).");
}

Status Utf8(std::string_view value, const std::string& field) {
  if (mime::IsValidUtf8(value)) return Status::Ok();
  return Invalid("mail.invalid_utf8", field, "メールの" + field + "が UTF-8 として正しくありません。",
                 "The mail's " + field + " is not valid UTF-8.");
}

bool IsAddressChar(char c) {
  static constexpr std::string_view kSpecials = "()<>[]:;,\"\\";
  return c > 0x20 && c < 0x7F && kSpecials.find(c) == std::string_view::npos;
}

bool IsDomain(std::string_view d) {
  if (d.empty() || d.size() > 253 || d.front() == '.' || d.back() == '.' || d.find("..") != d.npos) return false;
  return std::all_of(d.begin(), d.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.'; });
}

bool IsAddress(std::string_view a) {
  const size_t at = a.find('@');
  if (at == a.npos || at != a.rfind('@') || at == 0 || at > 64 || a.size() > 254) return false;
  const std::string_view local = a.substr(0, at);
  return std::all_of(local.begin(), local.end(), IsAddressChar) && IsDomain(a.substr(at + 1));
}

Status CheckAddress(const MailAddress& m, const std::string& field) {
  RETURN_IF_ERROR(NoLineBreak(m.address, field + ".address"));
  RETURN_IF_ERROR(NoLineBreak(m.display_name, field + ".display_name"));
  RETURN_IF_ERROR(Utf8(m.display_name, field + ".display_name"));
  if (IsAddress(m.address)) return Status::Ok();
  return Invalid("mail.invalid_address", field + ".address", "メールアドレスの形式が正しくありません: " + m.address,
                 "Not a valid e-mail address: " + m.address);
}

bool IsHeaderName(std::string_view n) {
  return !n.empty() && n.size() < kMaxLine &&
         std::all_of(n.begin(), n.end(), [](char c) { return c > 0x20 && c < 0x7F && c != ':'; });
}

Status CheckHeader(const MailHeader& h, const std::string& field) {
  RETURN_IF_ERROR(NoLineBreak(h.name, field));
  RETURN_IF_ERROR(NoLineBreak(h.value, field));
  RETURN_IF_ERROR(Utf8(h.value, field));
  const std::string lower = Lower(h.name);
  const bool reserved =
      std::find(kReserved.begin(), kReserved.end(), lower) != kReserved.end() || lower.rfind("content-", 0) == 0;
  const bool too_long = h.name.size() + 2 + h.value.size() > kMaxHardLine;
  if (IsHeaderName(h.name) && !reserved && !too_long) return Status::Ok();
  return Invalid("mail.invalid_header", field, "追加できないメールヘッダです: " + h.name,
                 "This mail header cannot be added (malformed, too long, or written by mamori): " + h.name);
}

// Folds tokens into "Name: t1 t2", starting a continuation line (CRLF SP) whenever the next token
// would pass kMaxLine. A token longer than a line stays whole.
std::string Fold(std::string_view name, const std::vector<std::string>& tokens) {
  std::string out = std::string(name) + ":";
  size_t line = out.size();
  bool line_has_token = false;
  for (const std::string& t : tokens) {
    if (line_has_token && line + 1 + t.size() > kMaxLine) {
      out += "\r\n";
      line = 0;
    }
    out += " " + t;
    line += 1 + t.size();
    line_has_token = true;
  }
  return out + "\r\n";
}

// Room for the first word of a header's value after "Name: ".
size_t FirstRoom(std::string_view name) { return kMaxLine - name.size() - 2; }

// Unstructured text (Subject, extra headers): as is when it is short printable ASCII, else encoded-words.
std::vector<std::string> TextTokens(std::string_view name, std::string_view text, bool may_fold) {
  if (text.empty()) return {};
  const bool plain = mime::IsPrintableAscii(text) && text.find("=?") == text.npos;
  if (plain && (!may_fold || name.size() + 2 + text.size() <= kMaxLine)) return {std::string(text)};
  return mime::EncodedWords(text, FirstRoom(name));
}

bool IsAtomText(std::string_view s) {
  static constexpr std::string_view kExtra = "!#$%&'*+-/=?^_`{|}~ ";
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || kExtra.find(c) != std::string_view::npos;
  });
}

// "Name <address>": the name as atoms, a quoted-string, or encoded-words when it is not ASCII.
std::vector<std::string> MailboxTokens(const MailAddress& m, size_t first_room) {
  std::vector<std::string> tokens;
  const std::string_view name = m.display_name;
  if (name.empty()) return {m.address};
  if (!mime::IsPrintableAscii(name) || name.find("=?") != name.npos) {
    tokens = mime::EncodedWords(name, first_room);
  } else if (IsAtomText(name)) {
    tokens.emplace_back(name);
  } else {
    std::string quoted = "\"";
    for (char c : name) quoted += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
    tokens.push_back(quoted + "\"");
  }
  tokens.push_back("<" + m.address + ">");
  return tokens;
}

std::vector<std::string> MailboxListTokens(std::string_view name, const std::vector<MailAddress>& list) {
  std::vector<std::string> tokens;
  for (size_t i = 0; i < list.size(); ++i) {
    std::vector<std::string> one = MailboxTokens(list[i], i == 0 ? FirstRoom(name) : kMaxLine - 1);
    if (i + 1 < list.size()) one.back() += ",";
    tokens.insert(tokens.end(), one.begin(), one.end());
  }
  return tokens;
}

}  // namespace

Status ValidateMessage(const MailMessage& msg) {
  RETURN_IF_ERROR(CheckAddress(msg.from, "from"));
  if (msg.to.empty()) {
    return Invalid("mail.no_recipient", "to", "メールの宛先が指定されていません。", "The mail has no recipient.");
  }
  for (size_t i = 0; i < msg.to.size(); ++i) {
    RETURN_IF_ERROR(CheckAddress(msg.to[i], "to[" + std::to_string(i) + "]"));
  }
  RETURN_IF_ERROR(NoLineBreak(msg.subject, "subject"));
  RETURN_IF_ERROR(Utf8(msg.subject, "subject"));
  for (size_t i = 0; i < msg.extra_headers.size(); ++i) {
    RETURN_IF_ERROR(CheckHeader(msg.extra_headers[i], "extra_headers[" + std::to_string(i) + "]"));
  }
  return Utf8(msg.body, "body");
}

Result<std::string> RenderMessage(const MailMessage& msg, const Clock& clock, const TimeZone& tz) {
  RETURN_IF_ERROR(ValidateMessage(msg));
  const std::string domain = msg.from.address.substr(msg.from.address.find('@') + 1);
  std::string out;
  out += "Date: " + mime::Rfc5322Date(clock.Now(), tz) + "\r\n";
  out += "Message-ID: <" + RandomHex(16) + "@" + domain + ">\r\n";
  out += Fold("From", MailboxListTokens("From", {msg.from}));
  out += Fold("To", MailboxListTokens("To", msg.to));
  out += Fold("Subject", TextTokens("Subject", msg.subject, /*may_fold=*/true));
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  out += "Content-Transfer-Encoding: base64\r\n";
  for (const MailHeader& h : msg.extra_headers) out += Fold(h.name, TextTokens(h.name, h.value, false));
  out += "\r\n";
  out += mime::Base64Lines(mime::CanonicalLineBreaks(msg.body));
  return out;
}

}  // namespace mamori
