// Clause states and report bodies: a clause is violated by a rule's records or an overdue duty, satisfied
// when its rules run clean, kept at its coverage when nothing judges it; a reader who cannot see a unit
// does not see its violations, and the clause states follow what is visible.

#include <gtest/gtest.h>

#include "compliance/compliance_test_fixture.h"

namespace mamori::compliance_test {
namespace {

class ComplianceReportTest : public ComplianceFixture {
 protected:
  void SetUp() override {
    ComplianceFixture::SetUp();
    if (HasFatalFailure()) return;
    conn_ = Reader();
    ASSERT_TRUE(conn_);
    // The carrier uses a medium without being a media user (001 第6 5(4)).
    Run(carrier_, "item.checkout", Json{{"control_no", "M-002"}, {"purpose", "資料の持参準備"}});
    monitor_ = std::make_unique<ComplianceMonitor>(clock_);
    monitor_->Configure(app_->profiles());
    ASSERT_TRUE(monitor_->EvaluateFull(*conn_).ok());
  }

  ComplianceReport Build(const VisibleUnits& visible) {
    auto r = BuildReport(*conn_, *monitor_->Report(), app_->profiles(), visible, clock_.Now());
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : ComplianceReport{};
  }
  static const ClauseState* Clause(const ComplianceReport& r, const std::string& ref) {
    for (const ProfileCompliance& p : r.profiles)
      for (const ClauseState& c : p.clause_states)
        if (c.ref == ref) return &c;
    return nullptr;
  }
  // An open duty of `clause` in the department for `period`, due at `due`, reminders from an hour ago
  // (written straight to the table).
  void OpenDuty(const std::string& clause, const std::string& period, const std::string& due) {
    auto w = app_->store().Connect(false);
    ASSERT_TRUE(w.ok());
    Status st = (*w)->Exec(
        "INSERT INTO obligation_occurrences (profile, obligation, clause, period, scope_kind, scope_id, unit_id, "
        "owner_role, due_at, remind_from, source, state, escalation_level, created_at) VALUES ('defense-contractor', "
        "'handler_roster_review', ?, ?, 'unit', ?, ?, 'manager', ?, ?, 'schedule', 'open', 0, ?)",
        {clause, period, dept_, dept_, due, FormatUtc(clock_.Now() - kHour), FormatUtc(clock_.Now())});
    ASSERT_TRUE(st.ok()) << st.ToString();
  }

  std::unique_ptr<Conn> conn_;
  std::unique_ptr<ComplianceMonitor> monitor_;
};

TEST_F(ComplianceReportTest, ClauseStatesFollowRulesCoverageAndDuties) {
  const ComplianceReport r = Build(std::nullopt);
  ASSERT_EQ(r.profiles.size(), 1u);
  const ProfileCompliance& p = r.profiles[0];
  EXPECT_EQ(p.profile, "defense-contractor");
  EXPECT_EQ(p.document.code, "001");
  EXPECT_EQ(p.clauses, static_cast<int64_t>(app_->profiles()[0]->clauses.size()));
  EXPECT_EQ(p.satisfied + p.violated + p.not_applicable + p.error + p.recorded + p.not_yet, p.clauses);
  EXPECT_DOUBLE_EQ(p.share_satisfied,
                   static_cast<double>(p.satisfied) / static_cast<double>(p.clauses - p.not_applicable));

  const ClauseState* used = Clause(r, "001 第6 5(4)");
  ASSERT_NE(used, nullptr);
  EXPECT_EQ(used->state, "violated");
  EXPECT_EQ(used->violations, 1);
  EXPECT_NE(std::find(used->rules.begin(), used->rules.end(), "medium_used_by_non_media_user"), used->rules.end());
  // A rule that finds nothing makes its clause satisfied.
  const ClauseState* storage = Clause(r, "001 第8 5(1)ア");
  ASSERT_NE(storage, nullptr);
  EXPECT_EQ(storage->state, "satisfied");
  // A clause that nothing judges keeps its coverage.
  for (const ClauseDef& c : app_->profiles()[0]->clauses)
    if (c.coverage == "not_yet") {
      const ClauseState* s = Clause(r, c.ref);
      ASSERT_NE(s, nullptr);
      if (s->rules.empty() && s->obligations_open == 0) {
        EXPECT_EQ(s->state, "not_yet") << c.ref;
      }
    }
  EXPECT_TRUE(r.any_violated());
  ASSERT_EQ(r.violations.size(), 1u);
  EXPECT_EQ(r.violations[0]->rule, "medium_used_by_non_media_user");

  const Json j = r.ToJson();
  EXPECT_EQ(j["profiles"][0]["summary"]["violated"], p.violated);
  EXPECT_EQ(j["as_of_seq"], monitor_->Report()->as_of_seq);
  bool unit_listed = false;
  for (const Json& u : j["units"])
    if (u["unit_id"] == dept_) {
      unit_listed = true;
      EXPECT_EQ(u["code"], "DEPT-A");
      EXPECT_EQ(u["violations"]["medium"], 1);
      EXPECT_EQ(u["violations"]["high"], 0);
    }
  EXPECT_TRUE(unit_listed) << j["units"].dump();
}

TEST_F(ComplianceReportTest, ReaderSeesOnlyTheViolationsOfTheirUnits) {
  const ComplianceReport elsewhere = Build(VisibleUnits(std::vector<int64_t>{1}));  // the company's root only
  EXPECT_TRUE(elsewhere.violations.empty());
  const ClauseState* used = Clause(elsewhere, "001 第6 5(4)");
  ASSERT_NE(used, nullptr);
  EXPECT_EQ(used->state, "satisfied") << "the violation is in a unit the reader cannot see";
  ASSERT_EQ(elsewhere.units.size(), 1u);
  EXPECT_EQ(elsewhere.units[0].unit_id, 1);

  const ComplianceReport here = Build(VisibleUnits(std::vector<int64_t>{dept_}));
  EXPECT_EQ(here.violations.size(), 1u);
  EXPECT_EQ(Clause(here, "001 第6 5(4)")->state, "violated");

  ViolationFilter f;
  f.severity = "medium";
  auto v = ViolationsJson(*conn_, *monitor_->Report(), std::nullopt, f);
  ASSERT_TRUE(v.ok());
  ASSERT_EQ((*v)["violations"].size(), 1u);
  EXPECT_EQ((*v)["violations"][0]["unit_code"], "DEPT-A");
  EXPECT_EQ((*v)["violations"][0]["rule"], "medium_used_by_non_media_user");
  f.severity = "high";
  EXPECT_EQ((*ViolationsJson(*conn_, *monitor_->Report(), std::nullopt, f))["total"], 0);
  f.severity.clear();
  f.unit_id = 1;
  EXPECT_EQ((*ViolationsJson(*conn_, *monitor_->Report(), std::nullopt, f))["total"], 0);
  f.unit_id = 0;
  EXPECT_EQ((*ViolationsJson(*conn_, *monitor_->Report(), VisibleUnits(std::vector<int64_t>{1}), f))["total"], 0);
}

TEST_F(ComplianceReportTest, OverdueDutyViolatesItsClause) {
  // The calendar may already hold duties raised by the set-up (designations raise some): count from here.
  const std::string clause = "001 第13 2";  // recorded: nothing judges it but its duties
  const ComplianceReport before = Build(std::nullopt);
  ASSERT_NE(Clause(before, clause), nullptr);
  EXPECT_NE(Clause(before, clause)->state, "violated");
  EXPECT_EQ(before.obligations_overdue, 0);
  OpenDuty(clause, "2026-11", FormatUtc(clock_.Now() + kDay));  // due tomorrow: open, due soon
  ComplianceReport r = Build(std::nullopt);
  EXPECT_EQ(Clause(r, clause)->obligations_open, Clause(before, clause)->obligations_open + 1);
  EXPECT_NE(Clause(r, clause)->state, "violated");
  EXPECT_EQ(r.obligations_open, before.obligations_open + 1);
  EXPECT_EQ(r.obligations_due_soon, before.obligations_due_soon + 1);
  EXPECT_EQ(r.obligations_overdue, 0);
  OpenDuty(clause, "2026-10", FormatUtc(clock_.Now() - kDay));  // due yesterday
  r = Build(std::nullopt);
  EXPECT_EQ(Clause(r, clause)->state, "violated");
  EXPECT_EQ(Clause(r, clause)->obligations_overdue, 1);
  EXPECT_EQ(r.obligations_overdue, 1);
  for (const UnitCompliance& u : r.units)
    if (u.unit_id == dept_) {
      EXPECT_EQ(u.overdue_duties, 1);
    }
}

TEST_F(ComplianceReportTest, ClauseDetailListsRulesViolationsAndCitations) {
  auto d = ClauseDetail(*conn_, *monitor_->Report(), app_->profiles(), "defense-contractor", "001 第6 5(4)",
                        std::nullopt, clock_.Now());
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ((*d)["state"], "violated");
  EXPECT_EQ((*d)["clause"]["ref"], "001 第6 5(4)");
  bool found = false;
  for (const Json& r : (*d)["rules"])
    if (r["code"] == "medium_used_by_non_media_user") {
      found = true;
      EXPECT_EQ(r["state"], "violated");
      ASSERT_EQ(r["violations"].size(), 1u);
      EXPECT_EQ(r["violations"][0]["unit_code"], "DEPT-A");
      EXPECT_EQ(r["violations"][0]["subject"], "M-002 #1");
    }
  EXPECT_TRUE(found) << d->dump();
  bool cites_rule = false;
  for (const Json& c : (*d)["citations"]) cites_rule |= c["kind"] == "rule";
  EXPECT_TRUE(cites_rule) << (*d)["citations"].dump();

  auto unknown = ClauseDetail(*conn_, *monitor_->Report(), app_->profiles(), "defense-contractor", "001 第99",
                              std::nullopt, clock_.Now());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().kind(), ErrorKind::kNotFound);
  EXPECT_EQ(unknown.status().rule(), "compliance.unknown_clause");
  auto other = ClauseDetail(*conn_, *monitor_->Report(), app_->profiles(), "municipality", "003 §1-1(1)", std::nullopt,
                            clock_.Now());
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.status().rule(), "compliance.unknown_profile");
}

}  // namespace
}  // namespace mamori::compliance_test
