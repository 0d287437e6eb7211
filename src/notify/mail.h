#pragma once
// src/notify/ — outgoing e-mail, for the reminder digests of duties due soon or overdue.
//
//   mail.h         the MailMessage value, its checks and its RFC 5322 rendering (this file)
//   mime.h         base64, RFC 2047 encoded-words, UTF-8 checks, the Date format
//   mailer.h       the Mailer interface and FakeMailer (records what was sent; for callers' tests)
//   smtp_mailer.h  SmtpMailer: SMTP / SMTPS / STARTTLS through libcurl
//
// A message is plain text in UTF-8 (Japanese is the normal case): the body goes out base64-encoded
// in lines of at most 76 characters, the subject and non-ASCII display names as encoded-words.
// CR, LF or NUL in any header value or address is refused (header injection), before any I/O.

#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "base/time.h"

namespace mamori {

struct MailAddress {
  std::string address;       // "tanaka@example.go.jp": ASCII local@domain, no spaces or brackets
  std::string display_name;  // optional, UTF-8 ("田中 太郎")
};

struct MailHeader {
  std::string name;   // e.g. "Auto-Submitted"; printable ASCII without ':' or space
  std::string value;  // UTF-8, one line; non-ASCII text is sent as encoded-words
};

struct MailMessage {
  MailAddress from;
  std::vector<MailAddress> to;            // at least one; all of them go in To: and in the envelope
  std::string subject;                    // UTF-8, one line
  std::string body;                       // UTF-8 plain text; line breaks LF, CRLF or CR
  std::vector<MailHeader> extra_headers;  // added after the standard ones, in order
};

// Checks a message; every refusal is kInvalidArgument and names the field at fault
// ("from.address", "to[1].display_name", "subject", "body", "extra_headers[0]"):
//   mail.header_injection  CR, LF or NUL in an address, a display name, the subject or an extra header
//   mail.invalid_address   an address that is not ASCII local@domain
//   mail.no_recipient      `to` is empty
//   mail.invalid_utf8      the subject, a display name, a header value or the body is not UTF-8
//   mail.invalid_header    an extra header whose name is malformed, or one mamori writes itself
//                          (Date, Message-ID, From, To, Cc, Bcc, Subject, MIME-Version, Content-*),
//                          or a header line longer than 998 characters
Status ValidateMessage(const MailMessage& msg);

// The message as RFC 5322 text with CRLF line breaks, ready for SMTP DATA: Date (clock.Now() in `tz`),
// Message-ID (random, "@" the sender's domain), From, To, Subject, MIME-Version: 1.0,
// Content-Type: text/plain; charset=UTF-8, Content-Transfer-Encoding: base64, the extra headers, an
// empty line, then the body (line breaks made CRLF first, RFC 2045 6.8) in base64 lines of ≤ 76
// characters. Header lines that carry encoded-words are folded to ≤ 76 characters.
// Errors: those of ValidateMessage. Thread-safe.
Result<std::string> RenderMessage(const MailMessage& msg, const Clock& clock, const TimeZone& tz = TimeZone{});

}  // namespace mamori
