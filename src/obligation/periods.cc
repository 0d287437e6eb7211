#include "obligation/periods.h"

#include <cstdio>

#include "base/time.h"

namespace mamori {
namespace {

const TimeZone kUtc{"UTC", 0};

Status BadDay(std::string_view text, const char* expected) {
  return Status::Error(ErrorKind::kInvalidArgument, "time.format", "",
                       "日付の形式が正しくありません（例: " + std::string(expected) + "）: " + std::string(text),
                       "Bad date (expected e.g. " + std::string(expected) + "): " + std::string(text));
}

int DaysIn(int year, int month) {
  const LocalDay next = month == 12 ? LocalDay{year + 1, 1, 1} : LocalDay{year, month + 1, 1};
  return static_cast<int>(DayNumber(next) - DayNumber(LocalDay{year, month, 1}));
}

// `d` moved by `months` calendar months, the day clamped to the month's length.
LocalDay AddMonths(const LocalDay& d, int months) {
  const int index = d.year * 12 + (d.month - 1) + months;
  LocalDay out{index / 12, index % 12 + 1, d.day};
  if (out.day > DaysIn(out.year, out.month)) out.day = DaysIn(out.year, out.month);
  return out;
}

LocalDay FiscalStart(int fy, MonthDay s) { return LocalDay{fy, s.month, s.day}; }

std::string Pad(int n, int width) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%0*d", width, n);
  return buf;
}

// The `index`-th part (0-based) of `parts` equal parts of the fiscal year containing `d`.
Period FiscalPart(const LocalDay& d, MonthDay s, int parts, const std::string& label) {
  const int fy = FiscalYearOf(d, s);
  const LocalDay start = FiscalStart(fy, s);
  const int step = 12 / parts;
  for (int i = 0; i < parts; ++i) {
    const LocalDay first = AddMonths(start, i * step);
    const LocalDay last = AddDays(AddMonths(start, (i + 1) * step), -1);
    if (d >= first && d <= last) {
      std::string key = "FY" + std::to_string(fy);
      if (parts > 1) key += "-" + label + std::to_string(i + 1);
      return Period{key, first, last, last};
    }
  }
  return Period{};  // unreachable: the parts cover the year
}

Period IsoWeek(const LocalDay& d) {
  const LocalDay monday = AddDays(d, 1 - IsoWeekday(d));
  const LocalDay thursday = AddDays(monday, 3);  // the ISO year is the year of the week's Thursday
  const int64_t jan1 = DayNumber(LocalDay{thursday.year, 1, 1});
  const int week = static_cast<int>((DayNumber(thursday) - jan1) / 7 + 1);
  return Period{std::to_string(thursday.year) + "-W" + Pad(week, 2), monday, AddDays(monday, 6), AddDays(monday, 4)};
}

}  // namespace

int64_t DayNumber(const LocalDay& d) { return FromCivil(CivilTime{d.year, d.month, d.day, 0, 0, 0}, kUtc) / kDay; }

LocalDay DayFromNumber(int64_t n) {
  const CivilTime c = ToCivil(n * kDay, kUtc);
  return LocalDay{c.year, c.month, c.day};
}

LocalDay AddDays(const LocalDay& d, int64_t days) { return DayFromNumber(DayNumber(d) + days); }

int IsoWeekday(const LocalDay& d) {
  const int64_t n = DayNumber(d);           // 1970-01-01 was a Thursday (4)
  const int64_t w = ((n + 3) % 7 + 7) % 7;  // 0 = Monday
  return static_cast<int>(w) + 1;
}

bool IsWorkday(const LocalDay& d) { return IsoWeekday(d) <= 5; }

std::string FormatDay(const LocalDay& d) { return Pad(d.year, 4) + "-" + Pad(d.month, 2) + "-" + Pad(d.day, 2); }

Result<LocalDay> ParseDay(std::string_view s) {
  LocalDay d;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !ParseDigits(s, 0, 4, d.year) || !ParseDigits(s, 5, 2, d.month) ||
      !ParseDigits(s, 8, 2, d.day) || d.month < 1 || d.month > 12 || d.day < 1 || d.day > DaysIn(d.year, d.month))
    return BadDay(s, "2026-11-24");
  return d;
}

LocalDay DayOf(Micros t, const TimeZone& tz) {
  const CivilTime c = ToCivil(t, tz);
  return LocalDay{c.year, c.month, c.day};
}

Result<MonthDay> ParseMonthDay(std::string_view s) {
  MonthDay md;
  if (s.size() != 5 || s[2] != '-' || !ParseDigits(s, 0, 2, md.month) || !ParseDigits(s, 3, 2, md.day) ||
      md.month < 1 || md.month > 12 || md.day < 1 || md.day > 28)
    return BadDay(s, "04-01");
  return md;
}

bool IsRecurring(std::string_view every) {
  return every == "fiscal_year" || every == "year" || every == "half_year" || every == "quarter" || every == "month" ||
         every == "week" || every == "workday";
}

int FiscalYearOf(const LocalDay& d, MonthDay s) {
  return (d.month > s.month || (d.month == s.month && d.day >= s.day)) ? d.year : d.year - 1;
}

Result<Period> PeriodContaining(std::string_view every, const LocalDay& d, MonthDay s) {
  if (every == "fiscal_year") return FiscalPart(d, s, 1, "");
  if (every == "half_year") return FiscalPart(d, s, 2, "H");
  if (every == "quarter") return FiscalPart(d, s, 4, "Q");
  if (every == "year") {
    const LocalDay last{d.year, 12, 31};
    return Period{std::to_string(d.year), LocalDay{d.year, 1, 1}, last, last};
  }
  if (every == "month") {
    const LocalDay last{d.year, d.month, DaysIn(d.year, d.month)};
    return Period{Pad(d.year, 4) + "-" + Pad(d.month, 2), LocalDay{d.year, d.month, 1}, last, last};
  }
  if (every == "week") return IsoWeek(d);
  if (every == "workday") return Period{FormatDay(d), d, d, d};
  return Status::Error(ErrorKind::kInvalidArgument, "obligation.every", "", "不明な周期です: " + std::string(every),
                       "Unknown period kind: " + std::string(every));
}

Micros EndOfDay(const LocalDay& d, const TimeZone& tz) {
  return FromCivil(CivilTime{d.year, d.month, d.day, 23, 59, 59}, tz) + 999 * 1000;
}

Micros DueAt(std::string_view every, const Period& p, const TimeZone& tz, std::string_view workday_end) {
  int hh = 0, mm = 0;
  if (every == "workday" && workday_end.size() == 5 && ParseDigits(workday_end, 0, 2, hh) &&
      ParseDigits(workday_end, 3, 2, mm))
    return FromCivil(CivilTime{p.due_day.year, p.due_day.month, p.due_day.day, hh, mm, 0}, tz);
  return EndOfDay(p.due_day, tz);
}

}  // namespace mamori
