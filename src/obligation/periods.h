#pragma once
// Periods of the obligation calendar (docs/architecture.md, "The obligation calendar"): which period a
// local date falls in for each `every` of obligations.yaml, the period's key, and when it is due.
// Pure functions on civil dates; no clock, no store.
//
//   every        key            period                                 due day (end of it, local)
//   fiscal_year  "FY2026"       the fiscal year that starts in 2026    its last day
//   year         "2026"         the calendar year                      31 December
//   half_year    "FY2026-H2"    the second half of FY2026              its last day
//   quarter      "FY2026-Q3"    the third quarter of FY2026            its last day
//   month        "2026-11"      the calendar month                     its last day
//   week         "2026-W48"     the ISO 8601 week (Monday–Sunday)      its Friday (last working day)
//   workday      "2026-11-24"   one working day (Monday–Friday)        that day, at the end of the working day
//   once         "once"         —                                      30 days after the profile was taken
//
// Fiscal years start on the profile's `fiscal_year_start` (MM-DD, April 1 by default) and are named by
// the calendar year they start in; half years and quarters count from that start.

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"
#include "base/time.h"

namespace mamori {

// A civil date (no time zone).
struct LocalDay {
  int year = 1970, month = 1, day = 1;
  bool operator==(const LocalDay&) const = default;
  auto operator<=>(const LocalDay&) const = default;
};

// Days since 1970-01-01, and back.
int64_t DayNumber(const LocalDay& d);
LocalDay DayFromNumber(int64_t n);
LocalDay AddDays(const LocalDay& d, int64_t days);
// 1 = Monday … 7 = Sunday (ISO 8601).
int IsoWeekday(const LocalDay& d);
bool IsWorkday(const LocalDay& d);  // Monday to Friday; public holidays are not known
// "2026-11-24".
std::string FormatDay(const LocalDay& d);
// Parses "YYYY-MM-DD"; kInvalidArgument (rule "time.format") otherwise.
Result<LocalDay> ParseDay(std::string_view text);
// The local date of `t` in `tz`.
LocalDay DayOf(Micros t, const TimeZone& tz);

// The start of a fiscal year, "MM-DD" as in profile.yaml.
struct MonthDay {
  int month = 4, day = 1;
};
Result<MonthDay> ParseMonthDay(std::string_view text);

struct Period {
  std::string key;       // "FY2026", "2026-W48", …
  LocalDay first, last;  // the days it covers, inclusive
  LocalDay due_day;      // the day it is due
};

// True for the `every` values that recur (all but "once").
bool IsRecurring(std::string_view every);
// The period of `every` containing `d`. REQUIRES: IsRecurring(every). For "workday", the day itself
// (even on a weekend: callers skip those with IsWorkday). kInvalidArgument for an unknown `every`.
Result<Period> PeriodContaining(std::string_view every, const LocalDay& d, MonthDay fiscal_start);
// The fiscal year (named by the calendar year it starts in) that contains `d`.
int FiscalYearOf(const LocalDay& d, MonthDay fiscal_start);

// The end of a day in `tz`: 23:59:59.999 local, as UTC microseconds.
Micros EndOfDay(const LocalDay& d, const TimeZone& tz);
// When an occurrence of `period` is due: the end of its due day, or for "workday" the end of the
// working day (`workday_end`, local "HH:MM") of that day.
Micros DueAt(std::string_view every, const Period& period, const TimeZone& tz, std::string_view workday_end);

// A one-time duty (`every: once` that no trigger raises) is due this many days after the organization
// took the profile.
inline constexpr int kOnceDueDays = 30;

}  // namespace mamori
