#pragma once
// Timestamps are stored as UTC ISO 8601 text with millisecond precision ("2026-11-22T01:42:00.000Z"):
// sortable as text and portable between SQLite and PostgreSQL. Display uses the organization's
// time zone, a fixed UTC offset (Japan has no daylight saving time; see docs/decisions.md).

#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/status.h"

namespace mamori {

// UTC ISO 8601 with milliseconds and 'Z'.
std::string FormatUtc(Micros t);

// Parses "YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM)"; a time without an offset is refused.
Result<Micros> ParseTimestamp(std::string_view text);

// Reads the `n` characters of `s` from `pos` as a decimal number into `out`; false if they run past the end
// of `s` or are not all ASCII digits (no sign, no spaces).
bool ParseDigits(std::string_view s, size_t pos, size_t n, int& out);

// An organization time zone: an IANA name we know ("Asia/Tokyo", "UTC") or "+09:00".
struct TimeZone {
  std::string name = "Asia/Tokyo";
  int offset_minutes = 9 * 60;
  static Result<TimeZone> FromName(std::string_view name);
};

struct CivilTime {
  int year, month, day, hour, minute, second;
};
CivilTime ToCivil(Micros t, const TimeZone& tz);
Micros FromCivil(const CivilTime& c, const TimeZone& tz);

// Local date "2026-11-22" of t in tz.
std::string LocalDate(Micros t, const TimeZone& tz);

enum class DateStyle { kSeireki, kWareki };
// "2026/11/22 10:30" (西暦) or "令和8年11月22日 10:30" (和暦), in tz. Without time when with_time=false.
std::string FormatDisplay(Micros t, const TimeZone& tz, DateStyle style, bool with_time = true);
// The era name and year for a civil date: ("令和", 8). Dates before 明治 fall back to 西暦.
std::string WarekiDate(int year, int month, int day);

}  // namespace mamori
