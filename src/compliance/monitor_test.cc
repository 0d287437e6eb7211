// The ComplianceMonitor: after every command of a sequence, its incremental results equal a fresh full
// evaluation (synchronously, batch by batch as the engine hands them over, and through its own worker
// thread); a violation appears after a command and goes after the one that fixes it; commands of another
// process lead to a full evaluation; time-based rules are re-run when the clock passes the working day.

#include <gtest/gtest.h>

#include "compliance/compliance_test_fixture.h"

namespace mamori::compliance_test {
namespace {

class ComplianceMonitorTest : public ComplianceFixture {
 protected:
  // Every rule's outcome in the monitor equals a full evaluation now.
  void ExpectEqualsFull(const ComplianceSnapshot& snap, Conn& c, const std::string& after) {
    const std::vector<RuleResult> full = FullNow(c);
    ASSERT_EQ(snap.rules.size(), full.size()) << after;
    for (size_t i = 0; i < full.size(); ++i) {
      const RuleResult& inc = *snap.rules[i];
      EXPECT_TRUE(inc.SameOutcome(full[i]))
          << "after " << after << ": rule " << full[i].rule << " incremental " << RuleStateName(inc.state) << " with "
          << inc.violations.size() << " violation(s), full " << RuleStateName(full[i].state) << " with "
          << full[i].violations.size();
    }
  }

  // Hands the monitor the commands committed since its results, one batch per command (as the engine
  // does for commands run one after another), and checks the outcome against a full evaluation.
  void Catch(ComplianceMonitor& m, Conn& c, const std::string& after) {
    auto batches = ReadCommitted(c, m.Report()->as_of_seq);
    ASSERT_TRUE(batches.ok()) << batches.status().ToString();
    ASSERT_FALSE(batches->empty()) << after;
    for (const CommittedCommand& cmd : *batches) {
      Status st = m.ApplyBatch({cmd}, c);
      ASSERT_TRUE(st.ok()) << st.ToString();
    }
    EXPECT_EQ(m.Report()->as_of_seq, batches->back().seq);
    ExpectEqualsFull(*m.Report(), c, after);
  }

  size_t Violations(const ComplianceSnapshot& snap, const std::string& rule) {
    const RuleResult* r = Find(snap, rule);
    EXPECT_NE(r, nullptr) << rule;
    return r ? r->violations.size() : 0;
  }

  // Configures a monitor of the test's own (not the App's) with the organization's profiles and runs
  // its first, full evaluation.
  void EvaluateFirst(ComplianceMonitor& m, Conn& c) {
    m.Configure(app_->profiles());
    ASSERT_TRUE(m.EvaluateFull(c).ok());
  }

  // The carrier checks out M-002 through a second App on the same var/ (as the CLI beside a running
  // server): a command app_'s engine never hands over. Returns its trail seq (0 on failure).
  int64_t CheckoutInAnotherProcess() {
    auto other = App::Open(dir_.path() + "/var", &clock_);
    EXPECT_TRUE(other.ok()) << other.status().ToString();
    if (!other.ok()) return 0;
    clock_.Advance(kMinute);
    auto r =
        (*other)->engine().Execute(carrier_, "item.checkout", Json{{"control_no", "M-002"}, {"purpose", "別プロセス"}});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->value("trail_seq", int64_t{0}) : 0;
  }

  int64_t MissingDiscrepancy(Conn& c) {
    auto r = c.Query("SELECT id FROM discrepancies WHERE kind = 'missing' AND resolution IS NULL ORDER BY id LIMIT 1");
    return r.ok() && !r->empty() ? r->rows[0].Int(0) : 0;
  }
};

TEST_F(ComplianceMonitorTest, IncrementalResultsEqualAFullEvaluationAfterEveryCommand) {
  auto c = Reader();
  ASSERT_TRUE(c);
  ComplianceMonitor m(clock_);
  ASSERT_NO_FATAL_FAILURE(EvaluateFirst(m, *c));
  ExpectEqualsFull(*m.Report(), *c, "the first evaluation");
  const int64_t fulls = m.stats().full_evaluations;

  // A medium used by its media user: nothing to report during the day. The rule is re-run for that
  // medium's entries only, and its unchanged results are kept as they were (not copied).
  const RuleResult* media_rule = Find(*m.Report(), "medium_used_by_non_media_user");
  Run(user_, "item.checkout", Json{{"control_no", "M-001"}, {"purpose", "設計資料の作成"}});
  Catch(m, *c, "checkout by the media user");
  EXPECT_EQ(Violations(*m.Report(), "medium_used_by_non_media_user"), 0u);
  EXPECT_EQ(Find(*m.Report(), "medium_used_by_non_media_user"), media_rule);
  EXPECT_GT(m.stats().rules_rerun_restricted, 0);

  // The carrier uses a medium without being a media user (001 第6 5(4)).
  Run(carrier_, "item.checkout", Json{{"control_no", "M-002"}, {"purpose", "資料の持参準備"}});
  Catch(m, *c, "checkout by the carrier");
  EXPECT_EQ(Violations(*m.Report(), "medium_used_by_non_media_user"), 1u);

  // A count that misses M-003 (in storage): a missing medium, unresolved (001 第11 1(1)) …
  Run(manager_, "reconcile.submit", Json{{"unit_id", dept_}, {"kind", "medium"}, {"counted", Json::array()}});
  Catch(m, *c, "a count missing M-003");
  EXPECT_EQ(Violations(*m.Report(), "missing_medium_unresolved"), 1u);
  // … until the discrepancy is resolved.
  Run(manager_, "reconcile.resolve", Json{{"discrepancy_id", MissingDiscrepancy(*c)}, {"resolution", "棚の奥で発見"}});
  Catch(m, *c, "the discrepancy resolved");
  EXPECT_EQ(Violations(*m.Report(), "missing_medium_unresolved"), 0u);

  // The media user stops being a handler: their protected-system user and media-user designations reach
  // protected information without one (001 第5 2(3)ア) …
  Run(sys_, "designation.revoke", Json{{"designation_id", user_handler_}});
  Catch(m, *c, "the handler designation revoked");
  const RuleResult* r = Find(*m.Report(), "non_handler_with_protected_access");
  ASSERT_NE(r, nullptr);
  ASSERT_EQ(r->violations.size(), 2u);
  EXPECT_EQ(r->violations[0]->subject_id, system_user_);
  EXPECT_EQ(r->violations[1]->subject_id, media_user_);
  // … until they are a handler again.
  Designate(user_, "handler", dept_);
  Catch(m, *c, "a handler again");
  EXPECT_EQ(Violations(*m.Report(), "non_handler_with_protected_access"), 0u);

  Run(user_, "item.return", Json{{"control_no", "M-001"}});
  Catch(m, *c, "the return");

  // Nothing above needed a full evaluation; some rules were re-run for a few subjects only.
  EXPECT_EQ(m.stats().full_evaluations, fulls);
  EXPECT_GT(m.stats().rules_rerun_restricted, 0);
  EXPECT_GT(m.stats().incremental_updates, 0);
}

TEST_F(ComplianceMonitorTest, TimeBasedRulesAreReRunWhenTheWorkingDayHasEnded) {
  auto c = Reader();
  ASSERT_TRUE(c);
  ComplianceMonitor m(clock_);
  Run(user_, "item.checkout", Json{{"control_no", "M-001"}, {"purpose", "設計資料の作成"}});
  ASSERT_NO_FATAL_FAILURE(EvaluateFirst(m, *c));
  EXPECT_EQ(Violations(*m.Report(), "item_in_use_after_workday"), 0u);
  clock_.Set(ParseTimestamp("2026-11-24T09:30:00Z").value());  // 18:30 JST: the results are hours old
  ASSERT_TRUE(m.RefreshTimeBased(*c, kMinute).ok());
  EXPECT_EQ(Violations(*m.Report(), "item_in_use_after_workday"), 1u);
  ExpectEqualsFull(*m.Report(), *c, "the refresh after 18:15");
  // Fresh results are kept as they are.
  const auto before = m.Report();
  ASSERT_TRUE(m.RefreshTimeBased(*c, kMinute).ok());
  EXPECT_EQ(m.Report(), before);
}

TEST_F(ComplianceMonitorTest, WorkerKeepsUpWithCommittedBatches) {
  ComplianceMonitor& m = app_->compliance();
  ASSERT_TRUE(app_->StartCompliance().ok());
  ASSERT_TRUE(m.running());
  auto c = Reader();
  ASSERT_TRUE(c);
  ASSERT_TRUE(m.WaitFor(0, 30 * kSecond)) << "no first evaluation";
  Json out = Run(carrier_, "item.checkout", Json{{"control_no", "M-002"}, {"purpose", "資料の持参準備"}});
  ASSERT_TRUE(m.WaitFor(out.value("trail_seq", int64_t{0}), 30 * kSecond));
  EXPECT_EQ(Violations(*m.Report(), "medium_used_by_non_media_user"), 1u);
  ExpectEqualsFull(*m.Report(), *c, "the checkout, through the worker");
  out = Run(sys_, "designation.revoke", Json{{"designation_id", user_handler_}});
  ASSERT_TRUE(m.WaitFor(out.value("trail_seq", int64_t{0}), 30 * kSecond));
  EXPECT_EQ(Violations(*m.Report(), "non_handler_with_protected_access"), 2u);
  ExpectEqualsFull(*m.Report(), *c, "the revocation, through the worker");
  EXPECT_GE(m.stats().incremental_updates, 2);
  m.Stop();
  EXPECT_FALSE(m.running());
  EXPECT_FALSE(m.WaitFor(out.value("trail_seq", int64_t{0}) + 100, kSecond));
}

// Another process (here a second App on the same var/, as the CLI beside a running server) appends
// commands the monitor never hears of: the gap in the trail before the next batch leads to a full
// evaluation, whose results include them.
TEST_F(ComplianceMonitorTest, CommandsOfAnotherProcessLeadToAFullEvaluation) {
  auto c = Reader();
  ASSERT_TRUE(c);
  ComplianceMonitor m(clock_);
  ASSERT_NO_FATAL_FAILURE(EvaluateFirst(m, *c));
  const int64_t fulls = m.stats().full_evaluations;
  ASSERT_GT(CheckoutInAnotherProcess(), 0);
  Run(user_, "item.checkout", Json{{"control_no", "M-001"}, {"purpose", "設計資料の作成"}});
  auto last = ReadCommitted(*c, 0);
  ASSERT_TRUE(last.ok());
  ASSERT_TRUE(m.ApplyBatch({last->back()}, *c).ok());  // only this process's batch reaches the monitor
  EXPECT_EQ(m.stats().full_evaluations, fulls + 1);
  EXPECT_EQ(Violations(*m.Report(), "medium_used_by_non_media_user"), 1u) << "the other process's checkout";
  ExpectEqualsFull(*m.Report(), *c, "the other process's command");
}

// A reader that expects a command the engine never handed over (written by another process) gets a full
// evaluation at once rather than waiting for the next tick.
TEST_F(ComplianceMonitorTest, ReaderExpectingAnotherProcessesCommandGetsAFullEvaluation) {
  ComplianceMonitor& m = app_->compliance();
  ASSERT_TRUE(app_->StartCompliance().ok());
  ASSERT_TRUE(m.WaitFor(0, 30 * kSecond)) << "no first evaluation";
  const int64_t fulls = m.stats().full_evaluations;
  const int64_t seq = CheckoutInAnotherProcess();
  ASSERT_GT(seq, 0);
  m.Expect(seq);
  ASSERT_TRUE(m.WaitFor(seq, 30 * kSecond));
  EXPECT_EQ(m.stats().full_evaluations, fulls + 1);
  EXPECT_EQ(Violations(*m.Report(), "medium_used_by_non_media_user"), 1u);
  // A command of this process is handed over by the engine: expecting it asks for nothing more.
  Json out = Run(user_, "item.checkout", Json{{"control_no", "M-001"}, {"purpose", "設計資料の作成"}});
  m.Expect(out.value("trail_seq", int64_t{0}));
  ASSERT_TRUE(m.WaitFor(out.value("trail_seq", int64_t{0}), 30 * kSecond));
  EXPECT_EQ(m.stats().full_evaluations, fulls + 1);
  auto c = Reader();
  ASSERT_TRUE(c);
  ExpectEqualsFull(*m.Report(), *c, "the other process's command and one of ours");
}

// A rule's result changes with time only through its parameters: one that uses :fiscal_year_start alone
// is not re-run while the fiscal year lasts, one that uses :now is, once a minute has passed.
TEST_F(ComplianceMonitorTest, RulesWhoseParametersDidNotChangeAreNotReRun) {
  auto c = Reader();
  ASSERT_TRUE(c);
  ComplianceMonitor m(clock_);
  ASSERT_NO_FATAL_FAILURE(EvaluateFirst(m, *c));
  const Micros first = clock_.Now();
  clock_.Advance(2 * kHour);  // 11:00 JST: the same day and fiscal year
  ASSERT_TRUE(m.RefreshTimeBased(*c, kMinute).ok());
  const auto snap = m.Report();
  const RuleResult* fiscal = Find(*snap, "take_out_without_manager_permission");  // :fiscal_year_start only
  const RuleResult* daily = Find(*snap, "item_in_use_after_workday");             // :workday_cutoff only
  const RuleResult* now = Find(*snap, "responsibility_holder_not_handler");       // :now
  ASSERT_TRUE(fiscal && daily && now);
  EXPECT_EQ(fiscal->evaluated_at, first);
  EXPECT_EQ(daily->evaluated_at, first);
  EXPECT_EQ(now->evaluated_at, clock_.Now());
  ExpectEqualsFull(*snap, *c, "two hours later");
}

}  // namespace
}  // namespace mamori::compliance_test
