// When a person's training is due and whether it is overdue (TrainingDueState): a pure function of the
// facts the status query gathers, the clock and the profile's fiscal year start.

#include <algorithm>

#include "training/training.h"

namespace mamori {
namespace {

// Day numbers of "YYYY-MM-DD" (or of the date part of a UTC timestamp, as SUBSTR(x, 1, 10) reads it);
// nullopt when the text is not a date.
std::optional<int64_t> DayNo(std::string_view text) {
  auto d = ParseDay(text.substr(0, 10));
  return d.ok() ? std::optional<int64_t>(DayNumber(*d)) : std::nullopt;
}

// The first day of fiscal year `fy`: a 02-29 start is the 28th in other years (as the obligation calendar
// and FiscalYearDates do).
LocalDay FiscalFirst(int fy, MonthDay md) {
  LocalDay d{fy, md.month, md.day};
  if (md.month == 2 && md.day == 29 && !(fy % 4 == 0 && (fy % 100 != 0 || fy % 400 == 0))) d.day = 28;
  return d;
}

DueState OnceState(const DueFacts& f, Micros now, const TimeZone& tz) {
  if (!f.open_due_at.empty()) {
    auto due = ParseTimestamp(f.open_due_at);
    if (due.ok()) return {now > *due ? "overdue" : "due", LocalDate(*due, tz)};
  }
  if (f.duty_done || !f.last_held_on.empty()) return {"done", ""};
  return {"not_required", ""};
}

// The rule's verdict (training_overdue): the last day before it reports the person, counted on the UTC
// date of `now` as the rule counts :now. nullopt when the rule cannot report them (no designation).
std::optional<int64_t> RuleDeadline(const DueFacts& f) {
  auto since = DayNo(f.designated_since);
  if (!since) return std::nullopt;
  int64_t deadline = *since + kTrainingGraceDays;
  if (auto last = DayNo(f.last_held_on)) deadline = std::max(deadline, *last + kTrainingWindowDays);
  return deadline;
}

}  // namespace

DueState TrainingDueState(const DueFacts& f, Micros now, const TimeZone& tz, MonthDay fiscal_start) {
  if (f.every != "fiscal_year") return OnceState(f, now, tz);
  if (!f.required) return {"not_required", ""};
  const LocalDay today = DayOf(now, tz);
  const int fy = FiscalYearOf(today, fiscal_start);
  const LocalDay first = FiscalFirst(fy, fiscal_start);
  const LocalDay last_day = AddDays(FiscalFirst(fy + 1, fiscal_start), -1);
  const bool current = !f.last_held_on.empty() && f.last_held_on >= FormatDay(first);
  if (f.rolling_year) {
    const std::optional<int64_t> deadline = RuleDeadline(f);
    const int64_t rule_today = DayNumber(DayOf(now, TimeZone{"UTC", 0}));
    if (deadline && rule_today > *deadline) return {"overdue", FormatDay(DayFromNumber(*deadline))};
    if (current) return {"done", ""};
    const int64_t due = deadline ? std::min(*deadline, DayNumber(last_day)) : DayNumber(last_day);
    return {"due", FormatDay(DayFromNumber(due))};
  }
  if (current) return {"done", ""};
  // Required since before the previous fiscal year began and not attended in it: its last day has passed.
  const LocalDay prev_first = FiscalFirst(fy - 1, fiscal_start);
  const std::string& since_text = f.designated_since.empty() ? f.person_since : f.designated_since;
  auto since = ParseTimestamp(since_text);
  const bool missed = since.ok() && DayOf(*since, tz) <= prev_first &&
                      (f.last_held_on.empty() || f.last_held_on < FormatDay(prev_first));
  if (missed) return {"overdue", FormatDay(AddDays(first, -1))};
  return {"due", FormatDay(last_day)};
}

}  // namespace mamori
