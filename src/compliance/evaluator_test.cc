// The Evaluator on a real SQLite organization (defense-contractor): a rule violated once the working day
// ends and satisfied again after the return, restricted runs, a rule that is not applicable until its
// condition holds, a rule whose SQL fails at run time, and the restricted query's plan.

#include <gtest/gtest.h>

#include "compliance/compliance_test_fixture.h"

namespace mamori::compliance_test {
namespace {

class ComplianceEvaluatorTest : public ComplianceFixture {
 protected:
  const Profile& profile() { return *app_->profiles()[0]; }
  const RuleDef& Rule(const std::string& code) {
    for (const RuleDef& r : profile().rules)
      if (r.code == code) return r;
    ADD_FAILURE() << "no rule " << code;
    static const RuleDef kNone;
    return kNone;
  }
  RuleResult Evaluate(Conn& c, const Profile& p, const RuleDef& rule, const std::vector<int64_t>* only = nullptr) {
    auto params = ComputeRuleParams(c, p, clock_.Now());
    EXPECT_TRUE(params.ok()) << params.status().ToString();
    auto r = Evaluator::EvaluateRule(c, p, rule, params.ok() ? *params : RuleParams{}, only);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : RuleResult{};
  }
  int64_t ItemId(Conn& c, const std::string& no) {
    auto r = c.Query("SELECT id FROM items WHERE control_no = ?", {no});
    return r.ok() && !r->empty() ? r->rows[0].Int(0) : 0;
  }
  void Checkout(const std::string& no) {
    Run(user_, "item.checkout", Json{{"control_no", no}, {"purpose", "設計資料の作成"}});
  }
};

TEST_F(ComplianceEvaluatorTest, MediumInUseIsReportedOnceTheWorkingDayEndsAndClearedByTheReturn) {
  auto c = Reader();
  ASSERT_TRUE(c);
  const RuleDef& rule = Rule("item_in_use_after_workday");
  Checkout("M-001");
  RuleResult r = Evaluate(*c, profile(), rule);
  EXPECT_EQ(r.state, RuleState::kSatisfied) << "09:10 JST: the working day has not ended";

  clock_.Set(ParseTimestamp("2026-11-24T10:00:00Z").value());  // 19:00 JST
  r = Evaluate(*c, profile(), rule);
  ASSERT_EQ(r.state, RuleState::kViolated);
  ASSERT_EQ(r.violations.size(), 1u);
  const Violation& v = *r.violations[0];
  EXPECT_EQ(v.profile, "defense-contractor");
  EXPECT_EQ(v.rule, "item_in_use_after_workday");
  EXPECT_EQ(v.clause, "001 第8 5(1)ア");
  EXPECT_EQ(v.severity, "high");
  EXPECT_EQ(v.subject_kind, "item");
  EXPECT_EQ(v.subject_id, ItemId(*c, "M-001"));
  EXPECT_EQ(v.subject, "M-001");
  EXPECT_EQ(v.unit_id, dept_);
  EXPECT_EQ(v.evidence, "/items/M-001");
  EXPECT_EQ(v.message_ja.rfind("M-001 が終業時刻を過ぎても保管場所（施錠保管庫A）に戻されていません", 0), 0u)
      << v.message_ja;
  EXPECT_NE(v.message_en.find("M-001 has not been put back"), std::string::npos) << v.message_en;
  EXPECT_EQ(v.columns.value("storage", ""), "施錠保管庫A") << v.columns.dump();

  Run(user_, "item.return", Json{{"control_no", "M-001"}});
  EXPECT_EQ(Evaluate(*c, profile(), rule).state, RuleState::kSatisfied);
}

TEST_F(ComplianceEvaluatorTest, RestrictedRunLooksAtTheGivenSubjectsOnly) {
  auto c = Reader();
  ASSERT_TRUE(c);
  Checkout("M-001");
  Checkout("M-002");
  clock_.Set(ParseTimestamp("2026-11-24T10:00:00Z").value());
  const RuleDef& rule = Rule("item_in_use_after_workday");
  EXPECT_EQ(Evaluate(*c, profile(), rule).violations.size(), 2u);
  const std::vector<int64_t> only{ItemId(*c, "M-002")};
  RuleResult part = Evaluate(*c, profile(), rule, &only);
  ASSERT_EQ(part.violations.size(), 1u);
  EXPECT_EQ(part.violations[0]->subject, "M-002");
  const std::vector<int64_t> stored{ItemId(*c, "M-003")};  // in storage: nothing to report
  EXPECT_EQ(Evaluate(*c, profile(), rule, &stored).state, RuleState::kSatisfied);
}

TEST_F(ComplianceEvaluatorTest, RuleIsNotApplicableUntilItsConditionHolds) {
  auto c = Reader();
  ASSERT_TRUE(c);
  RuleDef rule;
  rule.code = "facility_without_manager";
  rule.clause = "001 第8 1(1)";
  rule.severity = "medium";
  rule.subject = "unit";
  rule.applies_if = "SELECT EXISTS (SELECT 1 FROM org_units WHERE kind = 'handling_facility')";
  rule.query =
      "SELECT u.id AS subject_id, u.name_ja AS subject, u.id AS unit_id FROM org_units u "
      "WHERE u.kind = 'handling_facility'";
  rule.message_ja = "{subject} に管理責任者がいません。";
  rule.message_en = "{subject} has no physical security manager.";
  EXPECT_EQ(Evaluate(*c, profile(), rule).state, RuleState::kNotApplicable);
  Run(sys_, "unit.create",
      Json{{"parent_id", dept_},
           {"kind", "handling_facility"},
           {"code", "FAC-1"},
           {"name_ja", "第一取扱施設"},
           {"name_en", "Facility 1"},
           {"head_title", "施設長"}});
  RuleResult r = Evaluate(*c, profile(), rule);
  ASSERT_EQ(r.state, RuleState::kViolated);
  EXPECT_EQ(r.violations[0]->message_ja, "第一取扱施設 に管理責任者がいません。");
  EXPECT_EQ(r.violations[0]->evidence, "");
}

TEST_F(ComplianceEvaluatorTest, RuleFailingAtRunTimeIsReportedAsErrorAndTheOthersStillRun) {
  auto c = Reader();
  ASSERT_TRUE(c);
  auto broken = std::make_shared<Profile>(profile());
  RuleDef bad;
  bad.code = "reads_a_missing_table";
  bad.clause = "001 第8 5(1)ア";
  bad.severity = "high";
  bad.subject = "item";
  bad.query = "SELECT x.id AS subject_id, x.name AS subject, 0 AS unit_id FROM no_such_table x WHERE x.at < :now";
  broken->rules.insert(broken->rules.begin(), bad);
  auto params = ComputeRuleParams(*c, *broken, clock_.Now());
  ASSERT_TRUE(params.ok());
  auto all = Evaluator::EvaluateAll(*c, {broken}, *params);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all->size(), broken->rules.size());
  const RuleResult* r = Find(*all, "reads_a_missing_table");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->state, RuleState::kError);
  EXPECT_TRUE(r->violations.empty());
  EXPECT_NE(r->error_en.find("no_such_table"), std::string::npos) << r->error_en;
  EXPECT_FALSE(r->error_ja.empty());
  for (const RuleResult& other : *all)
    if (other.rule != bad.code) {
      EXPECT_NE(other.state, RuleState::kError) << other.rule << ": " << other.error_en;
    }
}

// The restricted form of a rule query reads the subject's table by its primary key (SQLite pushes the
// outer WHERE into the subquery, CTEs included), so re-running a rule for a few subjects costs a few
// look-ups whatever the size of the ledger.
TEST_F(ComplianceEvaluatorTest, RestrictedQueryReadsTheSubjectByItsPrimaryKey) {
  auto c = Reader();
  ASSERT_TRUE(c);
  for (const char* code : {"item_in_use_after_workday", "take_out_without_manager_permission"}) {
    auto bound = BindRuleParameters(Rule(code).query);
    ASSERT_TRUE(bound.ok());
    Params params;
    for (size_t i = 0; i < bound->names.size(); ++i) params.push_back(std::string("2026-11-24T00:00:00.000Z"));
    params.push_back(int64_t{1});
    params.push_back(int64_t{2});
    std::string plan;
    ASSERT_TRUE(c->ForEach("EXPLAIN QUERY PLAN " + RestrictToSubjects(bound->sql, 2), params, [&](const Row& r) {
                   plan += r.Str(3) + "\n";
                   return true;
                 }).ok());
    const std::string alias = std::string(code) == "item_in_use_after_workday" ? "i" : "e";
    EXPECT_NE(plan.find("SEARCH " + alias + " USING INTEGER PRIMARY KEY"), std::string::npos) << code << ":\n" << plan;
    EXPECT_EQ(plan.find("SCAN " + alias + "\n"), std::string::npos) << code << ":\n" << plan;
  }
}

TEST(ComplianceTemplateTest, FillsColumnsAndLeavesUnknownNames) {
  const Json cols{{"subject", "M-001"}, {"row_no", 3}, {"holder", nullptr}};
  EXPECT_EQ(FillTemplate("{subject} 第{row_no}行 {holder}/{nope}", cols), "M-001 第3行 /{nope}");
  EXPECT_EQ(FillTemplate("{unclosed", cols), "{unclosed");
}

}  // namespace
}  // namespace mamori::compliance_test
