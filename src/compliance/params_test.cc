// The named parameters of rule queries at fixed instants in Asia/Tokyo (UTC+9): the end of the working day
// before and after it comes, the start of the day, and the fiscal year around April 1.

#include <gtest/gtest.h>

#include "compliance/compliance.h"

namespace mamori {
namespace {

Micros At(const char* utc) { return ParseTimestamp(utc).value(); }

RuleParams Params(const char* now_utc, const char* workday_end = "18:15", const char* fy = "04-01") {
  auto p = MakeRuleParams(At(now_utc), TimeZone{}, workday_end, fy);
  EXPECT_TRUE(p.ok()) << p.status().ToString();
  return p.ok() ? *p : RuleParams{};
}

TEST(ComplianceParamsTest, WorkdayCutoffIsYesterdaysEndUntilTodaysHasCome) {
  // 17:00 JST: today's 18:15 has not come, so the cutoff is yesterday's.
  EXPECT_EQ(Params("2026-11-24T08:00:00Z").workday_cutoff, "2026-11-23T09:15:00.000Z");
  // One millisecond before 18:15 JST: still yesterday's.
  EXPECT_EQ(Params("2026-11-24T09:14:59.999Z").workday_cutoff, "2026-11-23T09:15:00.000Z");
  // At 18:15 JST exactly, and after: today's.
  EXPECT_EQ(Params("2026-11-24T09:15:00Z").workday_cutoff, "2026-11-24T09:15:00.000Z");
  EXPECT_EQ(Params("2026-11-24T14:59:00Z").workday_cutoff, "2026-11-24T09:15:00.000Z");
  // 00:30 JST the next day (still the 24th in UTC): the 24th's end.
  EXPECT_EQ(Params("2026-11-24T15:30:00Z").workday_cutoff, "2026-11-24T09:15:00.000Z");
  // Another workday end.
  EXPECT_EQ(Params("2026-11-24T10:00:00Z", "17:00").workday_cutoff, "2026-11-24T08:00:00.000Z");
}

TEST(ComplianceParamsTest, NowAndTodayAreUtcTextOfTheLocalDay) {
  const RuleParams p = Params("2026-11-24T15:30:00Z");  // 00:30 JST on the 25th
  EXPECT_EQ(p.now_text, "2026-11-24T15:30:00.000Z");
  EXPECT_EQ(p.today, "2026-11-24T15:00:00.000Z");  // 00:00 JST on the 25th
  EXPECT_EQ(Params("2026-11-24T14:59:59Z").today, "2026-11-23T15:00:00.000Z");
  EXPECT_EQ(std::get<std::string>(p.Get("today")), p.today);
  EXPECT_EQ(std::get<std::string>(p.Get("now")), p.now_text);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(p.Get("tomorrow")));
}

TEST(ComplianceParamsTest, FiscalYearTurnsAtAprilFirstInTokyo) {
  // 23:59:59.999 JST on March 31, 2026: still fiscal 2025.
  RuleParams p = Params("2026-03-31T14:59:59.999Z");
  EXPECT_EQ(p.fiscal_year_start, "2025-03-31T15:00:00.000Z");
  EXPECT_EQ(p.fiscal_year_end, "2026-03-31T15:00:00.000Z");
  // 00:00 JST on April 1 (still March 31 in UTC): fiscal 2026.
  p = Params("2026-03-31T15:00:00Z");
  EXPECT_EQ(p.fiscal_year_start, "2026-03-31T15:00:00.000Z");
  EXPECT_EQ(p.fiscal_year_end, "2027-03-31T15:00:00.000Z");
  // January: the fiscal year began the April before.
  p = Params("2027-01-10T03:00:00Z");
  EXPECT_EQ(p.fiscal_year_start, "2026-03-31T15:00:00.000Z");
  EXPECT_EQ(p.fiscal_year_end, "2027-03-31T15:00:00.000Z");
  // A calendar-year profile.
  p = Params("2026-12-31T15:00:00Z", "18:15", "01-01");
  EXPECT_EQ(p.fiscal_year_start, "2026-12-31T15:00:00.000Z");
  EXPECT_EQ(p.fiscal_year_end, "2027-12-31T15:00:00.000Z");
}

TEST(ComplianceParamsTest, MalformedSettingsAreRefused) {
  EXPECT_FALSE(MakeRuleParams(0, TimeZone{}, "1815", "04-01").ok());
  EXPECT_FALSE(MakeRuleParams(0, TimeZone{}, "24:00", "04-01").ok());
  EXPECT_FALSE(MakeRuleParams(0, TimeZone{}, "18:15", "13-01").ok());
  EXPECT_FALSE(MakeRuleParams(0, TimeZone{}, "18:15", "04-31").ok());
  auto leap = MakeRuleParams(At("2027-03-01T00:00:00Z"), TimeZone{}, "18:15", "02-29");
  ASSERT_TRUE(leap.ok()) << leap.status().ToString();
  EXPECT_EQ(leap->fiscal_year_start, "2027-02-27T15:00:00.000Z");  // Feb 28 in a year without Feb 29
}

}  // namespace
}  // namespace mamori
