#pragma once
// The MIME building blocks of an outgoing mail (RFC 2045, RFC 2047, RFC 5322): base64 in lines,
// encoded-words for non-ASCII header text, UTF-8 checks, the Date header's format. Pure functions,
// no I/O; thread-safe.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/time.h"

namespace mamori::mime {

// Standard base64 (RFC 4648, with padding) of `bytes`, as one line.
std::string Base64(std::string_view bytes);

// Base64 of `bytes` in lines of at most `line_length` characters (a multiple of 4), each ended by
// CRLF; the empty input gives the empty string. REQUIRES: line_length >= 4.
std::string Base64Lines(std::string_view bytes, size_t line_length = 76);

// True if `text` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool IsValidUtf8(std::string_view text);

// True if every byte is printable ASCII (0x20..0x7E) or TAB.
bool IsPrintableAscii(std::string_view text);

// `text` as RFC 2047 encoded-words "=?UTF-8?B?…?=", each at most 75 characters and never splitting
// a UTF-8 sequence. The first word is at most `first_room` characters long (the room left on the
// header's first line; clamped to [20, 75]), the others at most 75, so that a header folded as
// "Name: w1 CRLF SP w2 CRLF SP w3" keeps every line within 76 characters.
// REQUIRES: IsValidUtf8(text). The empty text gives no words.
std::vector<std::string> EncodedWords(std::string_view text, size_t first_room = 75);

// Converts line breaks (LF, CR or CRLF) to CRLF, the canonical form of text/plain (RFC 2045 6.8).
std::string CanonicalLineBreaks(std::string_view text);

// The RFC 5322 date of `t` in `tz`: "Tue, 01 Dec 2026 09:00:00 +0900".
std::string Rfc5322Date(Micros t, const TimeZone& tz);

}  // namespace mamori::mime
