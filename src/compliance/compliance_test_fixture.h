#pragma once
// Shared fixture of the compliance tests: a real SQLite organization on the defense-contractor profile
// (001), built through the command path on a fake clock, with a manager, two handlers (one a
// protected-system user and media user, one a carrier) and three media in one department.

#include <gtest/gtest.h>

#include <algorithm>

#include <memory>
#include <string>

#include "app/app.h"
#include "base/time.h"
#include "compliance/compliance.h"
#include "testing/org_fixture.h"
#include "testing/people_support.h"

namespace mamori::compliance_test {

class ComplianceFixture : public mamori::testing::OrgFixture {
 protected:
  // A Tuesday, 09:00 JST.
  ComplianceFixture() : OrgFixture("mamori-compliance-test", ParseTimestamp("2026-11-24T00:00:00Z").value()) {}

  Result<std::unique_ptr<App>> InitApp(const std::string& var) override {
    return App::Init(var, OrgSettings{"テスト防衛関連企業", "defense-contractor", TimeZone{}, "18:15"}, "admin",
                     "admin-password-0001", &clock_);
  }

  Actor NewPerson(int64_t unit, const char* family, const char* given, const char* username) {
    Json r = Run(sys_, "person.create",
                 Json{{"family_name", family}, {"given_name", given}, {"unit_id", unit}, {"title", "社員"}});
    return Person(r.value("person_id", int64_t{0}), username);
  }

  // Designates `who`, first recording the agreements the role needs (001 第5 2(1)ア, 2(2)ア) if missing.
  int64_t Designate(const Actor& who, const char* role, int64_t unit, const char* note = "業務上必要") {
    testing::RecordAgreementsFor(app_.get(), who.person_id, role, clock_);
    Json r = Run(sys_, "designation.create",
                 Json{{"person_id", who.person_id}, {"role", role}, {"unit_id", unit}, {"note", note}});
    return r.value("designation_id", int64_t{0});
  }

  void BuildOrg() override {
    Json u = Run(sys_, "unit.create",
                 Json{{"parent_id", 1},
                      {"kind", "department"},
                      {"code", "DEPT-A"},
                      {"name_ja", "第一事業部"},
                      {"name_en", "First division"},
                      {"head_title", "部長"}});
    dept_ = u.value("unit_id", int64_t{0});
    manager_ = NewPerson(dept_, "鈴木", "花子", "suzuki");
    user_ = NewPerson(dept_, "田中", "美咲", "tanaka");
    carrier_ = NewPerson(dept_, "渡辺", "直子", "watanabe");
    Designate(manager_, "handler", dept_);
    Designate(manager_, "manager", dept_);
    user_handler_ = Designate(user_, "handler", dept_);
    system_user_ = Designate(user_, "protected_system_user", dept_);
    media_user_ = Designate(user_, "media_user", dept_);  // drawn from the protected-system users
    Designate(carrier_, "handler", dept_);
    Designate(carrier_, "carrier", dept_);
    testing::ConfirmGatingRoster(app_.get(), clock_);  // the handlers are on a roster MOD confirmed
    for (const char* no : {"M-001", "M-002", "M-003"})
      Run(manager_, "item.register",
          Json{{"control_no", no},
               {"kind", "medium"},
               {"type", "USBメモリ"},
               {"storage", "施錠保管庫A"},
               {"unit_id", dept_},
               {"protected", false}});  // unprotected: the gate itself is tested in src/people/
  }

  // A read connection of its own (not the engine's pool).
  std::unique_ptr<Conn> Reader() {
    auto c = app_->store().Connect(true);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return c.ok() ? std::move(c).value() : nullptr;
  }

  // A fresh full evaluation of every rule now.
  std::vector<RuleResult> FullNow(Conn& conn) {
    auto params = ComputeRuleParams(conn, *app_->profiles()[0], clock_.Now());
    EXPECT_TRUE(params.ok()) << params.status().ToString();
    if (!params.ok()) return {};
    auto all = Evaluator::EvaluateAll(conn, app_->profiles(), *params);
    EXPECT_TRUE(all.ok()) << all.status().ToString();
    return all.ok() ? std::move(all).value() : std::vector<RuleResult>{};
  }

  // The violations `rule` reports now, each checked to cite the rule's clause and to name its subject in
  // messages with every placeholder filled; fails the test unless the rule ran.
  std::vector<ViolationPtr> CheckedViolations(const std::string& rule) {
    auto conn = Reader();
    if (!conn) return {};
    const std::vector<RuleResult> all = FullNow(*conn);
    const RuleResult* r = Find(all, rule);
    EXPECT_NE(r, nullptr) << rule;
    if (!r) return {};
    EXPECT_NE(r->state, RuleState::kError) << rule << ": " << r->error_en;
    for (const ViolationPtr& v : r->violations) {
      EXPECT_EQ(v->clause, r->clause);
      EXPECT_EQ(v->message_ja.find('{'), std::string::npos) << v->message_ja;
      EXPECT_EQ(v->message_en.find('{'), std::string::npos) << v->message_en;
      EXPECT_NE(v->message_ja.find(v->subject), std::string::npos) << v->message_ja;
    }
    return r->violations;
  }
  // The subjects of CheckedViolations(rule), sorted.
  std::vector<std::string> ViolationSubjects(const std::string& rule) {
    std::vector<std::string> out;
    for (const ViolationPtr& v : CheckedViolations(rule)) out.push_back(v->subject);
    std::sort(out.begin(), out.end());
    return out;
  }

  // The result of one rule in a list of results (nullptr if absent).
  static const RuleResult* Find(const std::vector<RuleResult>& all, const std::string& rule) {
    for (const RuleResult& r : all)
      if (r.rule == rule) return &r;
    return nullptr;
  }
  static const RuleResult* Find(const ComplianceSnapshot& snap, const std::string& rule) {
    for (const auto& r : snap.rules)
      if (r->rule == rule) return r.get();
    return nullptr;
  }

  int64_t dept_ = 0, user_handler_ = 0, system_user_ = 0, media_user_ = 0;
  Actor manager_, user_, carrier_;
};

}  // namespace mamori::compliance_test
