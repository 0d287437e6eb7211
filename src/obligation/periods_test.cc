// Periods and due dates of the obligation calendar: fiscal years in Asia/Tokyo, halves and quarters of
// the fiscal year, ISO weeks at year ends, working days.

#include "obligation/periods.h"

#include <gtest/gtest.h>

namespace mamori {
namespace {

const TimeZone kTokyo{};
const MonthDay kApril{4, 1};

LocalDay Day(const char* text) { return ParseDay(text).value(); }
Micros At(const char* text) { return ParseTimestamp(text).value(); }

Period Of(const char* every, const char* day, MonthDay fy = kApril) {
  auto p = PeriodContaining(every, Day(day), fy);
  EXPECT_TRUE(p.ok()) << every << " " << day << ": " << p.status().ToString();
  return p.ok() ? *p : Period{};
}

TEST(PeriodsTest, FiscalYearBoundaryInTokyo) {
  // 2027-03-31 23:59:59 local is the last second of FY2026; 2027-04-01 00:00 local starts FY2027.
  const LocalDay last = DayOf(At("2027-03-31T23:59:59+09:00"), kTokyo);
  const LocalDay first = DayOf(At("2027-04-01T00:00:00+09:00"), kTokyo);
  EXPECT_EQ(Of("fiscal_year", FormatDay(last).c_str()).key, "FY2026");
  EXPECT_EQ(Of("fiscal_year", FormatDay(first).c_str()).key, "FY2027");
  // The same instants in UTC are 14:59:59 and 15:00 on 31 March: the zone decides, not UTC.
  EXPECT_EQ(FormatDay(DayOf(At("2027-03-31T15:00:00Z"), kTokyo)), "2027-04-01");
  const Period fy = Of("fiscal_year", "2026-11-24");
  EXPECT_EQ(fy.key, "FY2026");
  EXPECT_EQ(FormatDay(fy.first), "2026-04-01");
  EXPECT_EQ(FormatDay(fy.last), "2027-03-31");
  // Due at the end of the fiscal year's last day, Tokyo time, stored in UTC.
  EXPECT_EQ(FormatUtc(DueAt("fiscal_year", fy, kTokyo, "18:15")), "2027-03-31T14:59:59.999Z");
}

TEST(PeriodsTest, FiscalYearNamedByTheYearItStartsIn) {
  EXPECT_EQ(Of("fiscal_year", "2027-01-15").key, "FY2026");
  EXPECT_EQ(Of("fiscal_year", "2026-04-01").key, "FY2026");
  EXPECT_EQ(Of("fiscal_year", "2026-03-31").key, "FY2025");
  // A profile whose business year starts in October.
  EXPECT_EQ(Of("fiscal_year", "2026-09-30", MonthDay{10, 1}).key, "FY2025");
  EXPECT_EQ(Of("fiscal_year", "2026-10-01", MonthDay{10, 1}).key, "FY2026");
  EXPECT_EQ(FormatDay(Of("fiscal_year", "2026-10-01", MonthDay{10, 1}).last), "2027-09-30");
}

TEST(PeriodsTest, HalvesAndQuartersOfTheFiscalYear) {
  EXPECT_EQ(Of("quarter", "2026-04-01").key, "FY2026-Q1");
  EXPECT_EQ(Of("quarter", "2026-06-30").key, "FY2026-Q1");
  const Period q3 = Of("quarter", "2026-11-24");
  EXPECT_EQ(q3.key, "FY2026-Q3");
  EXPECT_EQ(FormatDay(q3.first), "2026-10-01");
  EXPECT_EQ(FormatDay(q3.due_day), "2026-12-31");
  EXPECT_EQ(Of("quarter", "2027-03-31").key, "FY2026-Q4");
  EXPECT_EQ(Of("half_year", "2026-09-30").key, "FY2026-H1");
  const Period h2 = Of("half_year", "2026-10-01");
  EXPECT_EQ(h2.key, "FY2026-H2");
  EXPECT_EQ(FormatDay(h2.last), "2027-03-31");
}

TEST(PeriodsTest, CalendarYearsAndMonths) {
  const Period y = Of("year", "2026-11-24");
  EXPECT_EQ(y.key, "2026");
  EXPECT_EQ(FormatUtc(DueAt("year", y, kTokyo, "18:15")), "2026-12-31T14:59:59.999Z");
  EXPECT_EQ(Of("month", "2028-02-10").key, "2028-02");
  EXPECT_EQ(FormatDay(Of("month", "2028-02-10").last), "2028-02-29");  // leap year
  EXPECT_EQ(FormatDay(Of("month", "2026-02-10").last), "2026-02-28");
}

TEST(PeriodsTest, IsoWeeksAtYearEnds) {
  // 2026-12-31 is a Thursday: week 53 of 2026. 2027-01-01..03 belong to it too.
  EXPECT_EQ(Of("week", "2026-12-31").key, "2026-W53");
  EXPECT_EQ(Of("week", "2027-01-03").key, "2026-W53");
  EXPECT_EQ(Of("week", "2027-01-04").key, "2027-W01");
  // 2024-12-30 (a Monday) is in week 1 of 2025.
  EXPECT_EQ(Of("week", "2024-12-30").key, "2025-W01");
  EXPECT_EQ(Of("week", "2024-12-29").key, "2024-W52");
  // 2021-01-03 (a Sunday) is still in 2020's week 53.
  EXPECT_EQ(Of("week", "2021-01-03").key, "2020-W53");
  const Period w = Of("week", "2026-11-24");
  EXPECT_EQ(w.key, "2026-W48");
  EXPECT_EQ(FormatDay(w.first), "2026-11-23");
  EXPECT_EQ(FormatDay(w.last), "2026-11-29");
  // Due on the week's last working day, Friday.
  EXPECT_EQ(FormatDay(w.due_day), "2026-11-27");
  EXPECT_EQ(FormatUtc(DueAt("week", w, kTokyo, "18:15")), "2026-11-27T14:59:59.999Z");
}

TEST(PeriodsTest, WorkdaysAreDueAtTheEndOfTheWorkingDay) {
  const Period d = Of("workday", "2026-11-24");
  EXPECT_EQ(d.key, "2026-11-24");
  EXPECT_EQ(FormatUtc(DueAt("workday", d, kTokyo, "18:15")), "2026-11-24T09:15:00.000Z");
  EXPECT_TRUE(IsWorkday(Day("2026-11-27")));   // Friday
  EXPECT_FALSE(IsWorkday(Day("2026-11-28")));  // Saturday
  EXPECT_FALSE(IsWorkday(Day("2026-11-29")));  // Sunday
  EXPECT_EQ(IsoWeekday(Day("1970-01-01")), 4);
}

TEST(PeriodsTest, BadInputIsRefused) {
  EXPECT_FALSE(PeriodContaining("fortnight", Day("2026-11-24"), kApril).ok());
  EXPECT_FALSE(ParseDay("2026-02-30").ok());
  EXPECT_FALSE(ParseDay("26-11-24").ok());
  EXPECT_FALSE(ParseMonthDay("13-01").ok());
  EXPECT_TRUE(IsRecurring("quarter"));
  EXPECT_FALSE(IsRecurring("once"));
}

}  // namespace
}  // namespace mamori
