// The compliance rules of 001 第5 2 over rosters, agreements and the separation of responsibilities
// (profiles/defense-contractor/rules.yaml), run by the Evaluator on a real SQLite organization: each is
// violated by the state it looks for and satisfied once the command that fixes it has run.

#include <gtest/gtest.h>

#include <algorithm>

#include "people/people_test_fixture.h"

namespace mamori::people_test {
namespace {

class PeopleRulesTest : public PeopleFixture {
 protected:
  // The subjects (person names) the rule reports now; fails the test unless the rule ran.
  std::vector<std::string> Subjects(const std::string& rule) { return ViolationSubjects(rule); }
  // The one violation of `rule` (nullptr, and a failure, unless there is exactly one).
  ViolationPtr Only(const std::string& rule) {
    auto conn = Reader();
    const std::vector<RuleResult> all = FullNow(*conn);
    const RuleResult* r = Find(all, rule);
    EXPECT_TRUE(r && r->violations.size() == 1u) << rule;
    return r && r->violations.size() == 1u ? r->violations[0] : nullptr;
  }
  int64_t AgreementOf(const Actor& who, const char* kind) {
    return Count("SELECT id FROM agreements WHERE person_id = ? AND kind = ? AND withdrawn_at IS NULL",
                 {who.person_id, kind});
  }
  // Writes behind the command path (a state the commands refuse to make); the trail no longer verifies.
  void Exec(const std::string& sql, const Params& params) {
    auto c = app_->store().Connect(false);
    ASSERT_TRUE(c.ok());
    ASSERT_TRUE((*c)->Exec(sql, params).ok()) << sql;
  }
  using Names = std::vector<std::string>;
};

TEST_F(PeopleRulesTest, HandlerNotOnTheConfirmedRoster) {
  const char* kRule = "handler_not_on_confirmed_roster";
  EXPECT_EQ(Subjects(kRule), (Names{"佐藤 一郎", "田中 美咲", "鈴木 花子"}));
  ViolationPtr v = nullptr;
  {
    auto conn = Reader();
    const auto all = FullNow(*conn);
    const RuleResult* r = Find(all, kRule);
    ASSERT_NE(r, nullptr);
    EXPECT_EQ(r->clause, "001 第5 2(1)エ");
    EXPECT_EQ(r->subject_kind, "person");
    v = r->violations[0];
  }
  EXPECT_EQ(v->subject_id, manager_.person_id);
  EXPECT_EQ(v->unit_id, dept_);
  EXPECT_EQ(v->columns["since"], "2026-11-24");
  EXPECT_EQ(v->evidence, "/trail?entity=person:" + std::to_string(manager_.person_id));
  // A draft or a submission is not a confirmation.
  Run(manager_, "roster.prepare", Json{{"roster", "handler"}});
  Run(manager_, "roster.submit", Json{{"roster", "handler"}, {"version", 1}});
  EXPECT_EQ(Subjects(kRule).size(), 3u);
  Run(manager_, "roster.confirm", Json{{"roster", "handler"}, {"version", 1}, {"confirmed_on", Today()}, {"reference", "第1号"}});
  EXPECT_EQ(Subjects(kRule), Names{});
  // A new handler is reported until a newer confirmed version lists them.
  const Actor newcomer = NewPerson(dept_, "高橋", "健", "takahashi");
  MakeHandler(newcomer);
  Particulars(newcomer, "1995-05-05", "日本", "社員");
  EXPECT_EQ(Subjects(kRule), Names{"高橋 健"});
  ConfirmNewVersion();
  EXPECT_EQ(Subjects(kRule), Names{});
}

TEST_F(PeopleRulesTest, HandlerWithoutAgreementAndSystemUserWithoutConsent) {
  EXPECT_EQ(Subjects("handler_without_agreement"), Names{});
  EXPECT_EQ(Subjects("system_user_without_consent"), Names{});
  Run(manager_, "agreement.withdraw", Json{{"agreement_id", AgreementOf(handler_, "confidentiality")}});
  Run(admin_, "agreement.withdraw", Json{{"agreement_id", AgreementOf(admin_, "system_use_consent")}});
  ViolationPtr h = Only("handler_without_agreement");
  ASSERT_NE(h, nullptr);
  EXPECT_EQ(h->subject, "田中 美咲");
  EXPECT_EQ(h->clause, "001 第5 2(1)ア");
  EXPECT_EQ(h->subject_kind, "person");
  ViolationPtr s = Only("system_user_without_consent");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->subject, "伊藤 大輔");
  EXPECT_EQ(s->clause, "001 第5 2(2)ア");
  // Another kind of agreement does not count.
  Agree(handler_, "system_use_consent");
  EXPECT_EQ(Subjects("handler_without_agreement"), Names{"田中 美咲"});
  Agree(handler_, "confidentiality");
  Agree(admin_, "system_use_consent");
  EXPECT_EQ(Subjects("handler_without_agreement"), Names{});
  EXPECT_EQ(Subjects("system_user_without_consent"), Names{});
  // Ending the designation ends the need.
  Run(manager_, "agreement.withdraw", Json{{"agreement_id", AgreementOf(handler_, "confidentiality")}});
  EXPECT_EQ(Subjects("handler_without_agreement"), Names{"田中 美咲"});
  Run(sys_, "designation.revoke", Json{{"designation_id", handler_handler_}});
  EXPECT_EQ(Subjects("handler_without_agreement"), Names{});
}

TEST_F(PeopleRulesTest, RosterStillListingSomeoneWhoNoLongerNeedsAccess) {
  const char* kRule = "roster_left_person_still_listed";
  EXPECT_EQ(Subjects(kRule), Names{});  // no roster yet
  ConfirmNewVersion();
  EXPECT_EQ(Subjects(kRule), Names{});
  Run(sys_, "designation.revoke", Json{{"designation_id", handler_handler_}});
  ViolationPtr v = Only(kRule);
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->subject, "田中 美咲");
  EXPECT_EQ(v->clause, "001 第5 2(1)オ");
  EXPECT_EQ(v->columns["version"], "1");
  EXPECT_NE(v->message_ja.find("第1版"), std::string::npos) << v->message_ja;
  // The update: a new version (still a draft: the removal needs no confirmation to be the update).
  Run(manager_, "roster.prepare", Json{{"roster", "handler"}, {"reason", "田中 美咲の指定解除"}});
  EXPECT_EQ(Subjects(kRule), Names{});
  // A person who has left while still designated is reported too (with departed_handler_still_designated).
  Exec("UPDATE persons SET active = 0 WHERE id = ?", {gm_.person_id});
  EXPECT_EQ(Subjects(kRule), Names{"佐藤 一郎"});
  EXPECT_EQ(Subjects("departed_handler_still_designated"), Names{"佐藤 一郎"});
}

TEST_F(PeopleRulesTest, IncompatibleResponsibilitiesHeldAreReported) {
  // designation.create refuses the pair (designation.separation); a designation written before that
  // check existed is what the rule finds: 001 第5 2(3)エ, the newer designation of the pair.
  const char* kRule = "incompatible_roles_held";
  EXPECT_EQ(Subjects(kRule), Names{});
  Exec("INSERT INTO designations (id, person_id, role_code, unit_id, designated_by_person_id, valid_from, valid_until, "
       "revoked_at, revoked_by_person_id, note, created_at) VALUES (900, ?, 'protected_system_staff', ?, NULL, "
       "'2026-11-24T00:00:00.000Z', NULL, NULL, NULL, '', '2026-11-24T00:00:00.000Z')",
       {admin_.person_id, dept_});
  ViolationPtr v = Only(kRule);
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->subject, "伊藤 大輔");
  EXPECT_EQ(v->subject_id, 900);
  EXPECT_EQ(v->clause, "001 第5 2(3)エ");
  // The general manager who is also a manager is the one combination allowed.
  Run(sys_, "designation.create",
      Json{{"person_id", gm_.person_id}, {"role", "manager"}, {"unit_id", dept_}, {"note", "兼任"}});
  EXPECT_EQ(Subjects(kRule), Names{"伊藤 大輔"});
  Exec("UPDATE designations SET revoked_at = '2026-11-24T01:00:00.000Z' WHERE id = 900", {});
  EXPECT_EQ(Subjects(kRule), Names{});
}

}  // namespace
}  // namespace mamori::people_test
