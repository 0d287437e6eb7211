// TrainingDueState over a fake clock in Asia/Tokyo with an April fiscal year: the 31 March / 1 April
// boundary (local), the rule-judged program (training_overdue: 30 days' grace, 365 days, the UTC date of
// now), and the duties of `every: once` programs.

#include <gtest/gtest.h>

#include "base/clock.h"
#include "training/training.h"

namespace mamori {
namespace {

Micros At(const char* utc) { return ParseTimestamp(utc).value(); }

class TrainingDueTest : public ::testing::Test {
 protected:
  DueState Now(const DueFacts& f) { return TrainingDueState(f, clock_.Now(), tz_, MonthDay{4, 1}); }
  static DueFacts Yearly(const std::string& since, const std::string& last, bool rule = false) {
    DueFacts f{"fiscal_year"};
    f.required = true;
    f.rolling_year = rule;
    f.designated_since = since;
    f.last_held_on = last;
    return f;
  }

  FakeClock clock_{At("2026-03-31T14:59:59.999Z")};  // 2026-03-31 23:59:59.999 JST: the last instant of FY2025
  TimeZone tz_;                                       // Asia/Tokyo
};

void Expect(const DueState& got, const std::string& state, const std::string& due_on) {
  EXPECT_EQ(got.state, state);
  EXPECT_EQ(got.due_on, due_on);
}

TEST_F(TrainingDueTest, AttendedThisFiscalYearIsDoneUntilTheNextOneBegins) {
  const DueFacts f = Yearly("2025-01-10T00:00:00.000Z", "2025-06-01");
  Expect(Now(f), "done", "");
  clock_.Advance(1000);  // 2026-04-01 00:00 JST: FY2026, not attended yet; last year's was attended
  Expect(Now(f), "due", "2027-03-31");
}

TEST_F(TrainingDueTest, TheLastDayOfTheFiscalYearCountsForThatYear) {
  const DueFacts f = Yearly("2025-01-10T00:00:00.000Z", "2026-03-31");
  Expect(Now(f), "done", "");
  clock_.Advance(1000);
  Expect(Now(f), "due", "2027-03-31");
  const DueFacts first_day = Yearly("2025-01-10T00:00:00.000Z", "2026-04-01");
  Expect(Now(first_day), "done", "");
}

TEST_F(TrainingDueTest, AYearMissedIsOverdueFromTheFirstOfApril) {
  // Required since before FY2025 began and never trained: due by 31 March, overdue from 1 April (local).
  const DueFacts f = Yearly("2025-03-31T14:00:00.000Z", "");  // 2025-03-31 23:00 JST, before FY2025
  clock_.Set(At("2026-03-31T14:59:59.999Z"));
  Expect(Now(f), "due", "2026-03-31");
  clock_.Set(At("2026-03-31T15:00:00.000Z"));
  Expect(Now(f), "overdue", "2026-03-31");
  // Trained before FY2025 only: the same.
  Expect(Now(Yearly("2025-03-31T14:00:00.000Z", "2025-03-31")), "overdue", "2026-03-31");
  // Designated at FY2025's first instant (2025-04-01 00:00 JST): required for the whole of it. A day later:
  // not, so only due by the end of FY2026.
  Expect(Now(Yearly("2025-03-31T15:00:00.000Z", "")), "overdue", "2026-03-31");
  Expect(Now(Yearly("2025-04-01T15:00:00.000Z", "")), "due", "2027-03-31");
  // Everyone's program (no designation): since the person was registered.
  DueFacts everyone = Yearly("", "");
  everyone.person_since = "2024-12-01T00:00:00.000Z";
  Expect(Now(everyone), "overdue", "2026-03-31");
  everyone.person_since = "2026-01-01T00:00:00.000Z";
  Expect(Now(everyone), "due", "2027-03-31");
}

TEST_F(TrainingDueTest, NotInTheAudienceIsNotRequiredEvenIfAttended) {
  DueFacts f = Yearly("", "2026-01-10");
  f.required = false;
  Expect(Now(f), "not_required", "");
}

TEST_F(TrainingDueTest, RuleJudgedNewDesigneeHasThirtyDaysCountedOnTheUtcDate) {
  const DueFacts f = Yearly("2026-11-24T00:00:00.000Z", "", /*rule=*/true);
  clock_.Set(At("2026-11-24T00:00:00.000Z"));
  Expect(Now(f), "due", "2026-12-24");  // earlier than the fiscal year's end
  clock_.Set(At("2026-12-24T23:59:59.999Z"));  // 12-25 08:59 JST, but the rule reads :now's UTC date 12-24
  Expect(Now(f), "due", "2026-12-24");
  clock_.Set(At("2026-12-25T00:00:00.000Z"));
  Expect(Now(f), "overdue", "2026-12-24");
}

TEST_F(TrainingDueTest, RuleJudgedProgramIsOverdueThreeHundredSixtySixDaysAfterTheLastSession) {
  const DueFacts f = Yearly("2020-01-01T00:00:00.000Z", "2026-04-01", /*rule=*/true);
  clock_.Set(At("2027-03-31T14:59:59.999Z"));  // the last instant of FY2026, local
  Expect(Now(f), "done", "");
  clock_.Set(At("2027-03-31T15:00:00.000Z"));  // FY2027 (local) and 2027-03-31 UTC: 364 days
  Expect(Now(f), "due", "2027-04-01");
  clock_.Set(At("2027-04-01T00:00:00.000Z"));  // 365 days: still within the rule's year
  Expect(Now(f), "due", "2027-04-01");
  clock_.Set(At("2027-04-02T00:00:00.000Z"));  // 366 days
  Expect(Now(f), "overdue", "2027-04-01");
  // A later designation gives its 30 days even to someone trained long ago.
  clock_.Set(At("2027-04-02T00:00:00.000Z"));
  Expect(Now(Yearly("2027-03-20T00:00:00.000Z", "2026-04-01", true)), "due", "2027-04-19");
}

TEST_F(TrainingDueTest, RuleJudgedProgramIsNotOverdueAtTheFiscalYearEndAlone) {
  // Trained in May 2025; on 1 April 2026 FY2025's attendance no longer makes it done, but the rule gives
  // until 365 days after it.
  const DueFacts f = Yearly("2020-01-01T00:00:00.000Z", "2025-05-10", true);
  clock_.Set(At("2026-03-31T15:00:00.000Z"));
  Expect(Now(f), "due", "2026-05-10");
  // Without a designation the rule reports nobody: due by the year's end.
  Expect(Now(Yearly("", "", true)), "due", "2027-03-31");
}

TEST_F(TrainingDueTest, OnceProgramFollowsItsOpenDuty) {
  DueFacts f{"once"};
  Expect(Now(f), "not_required", "");
  f.open_due_at = "2026-12-24T14:59:59.999Z";  // the end of 2026-12-24 JST
  clock_.Set(At("2026-12-24T14:59:59.999Z"));
  Expect(Now(f), "due", "2026-12-24");
  clock_.Advance(1000);
  Expect(Now(f), "overdue", "2026-12-24");
  f.open_due_at.clear();
  f.duty_done = true;  // completed (perhaps by the yearly training it also completes)
  Expect(Now(f), "done", "");
  f.duty_done = false;
  f.last_held_on = "2026-05-01";
  Expect(Now(f), "done", "");
}

TEST_F(TrainingDueTest, AnotherFiscalYearStart) {
  const DueFacts f = Yearly("2020-01-01T00:00:00.000Z", "2026-05-01");
  clock_.Set(At("2026-12-31T14:59:59.999Z"));  // 2026-12-31 23:59:59 JST
  EXPECT_EQ(TrainingDueState(f, clock_.Now(), tz_, MonthDay{1, 1}).state, "done");
  clock_.Advance(1000);
  const DueState next = TrainingDueState(f, clock_.Now(), tz_, MonthDay{1, 1});
  EXPECT_EQ(next.state, "due");
  EXPECT_EQ(next.due_on, "2027-12-31");
}

}  // namespace
}  // namespace mamori
