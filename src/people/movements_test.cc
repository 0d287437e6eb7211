// A person leaving or moving (person.leave, person.transfer; 001 第5 2(1)オ, 2(2)ウ, 第7 3) on the
// defense-contractor organization of the people fixture: leaving ends every designation at once (the
// protected items close), raises the roster updates and the reconfirmation interview for a handler and
// nothing for someone who held none of the roles; a transfer moves the person and raises the roster update
// and the training for the new duties; every refusal names rule and clause and writes nothing.

#include <gtest/gtest.h>

#include "people/people.h"
#include "people/people_test_fixture.h"

namespace mamori::people_test {
namespace {

class MovementsTest : public PeopleFixture {
 protected:
  Json LeaveInput(const Actor& who) { return Json{{"person_id", who.person_id}, {"reason", "退職"}}; }
  Json TransferInput(const Actor& who, int64_t unit) {
    return Json{{"person_id", who.person_id}, {"unit_id", unit}, {"reason", "人事異動"}};
  }
  // Occurrences of `obligation` raised about `who` by a person event.
  int64_t Raised(const std::string& obligation, const Actor& who) {
    return Count("SELECT COUNT(*) FROM obligation_occurrences WHERE obligation = ? AND subject = ? AND source = 'trigger'",
                 {obligation, "persons/" + std::to_string(who.person_id)});
  }
  int64_t InForce(const Actor& who) {
    return Count("SELECT COUNT(*) FROM designations WHERE person_id = ? AND revoked_at IS NULL", {who.person_id});
  }
  bool Cleared(const Actor& who) {
    auto r = engine().Read([&](Conn& c) {
      return ProtectedClearance(c, engine().catalog(), who.person_id, FormatUtc(clock_.Now()));
    });
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() && r->cleared;
  }
  int64_t NewUnit() {
    return Run(sys_, "unit.create", Json{{"parent_id", 1}, {"kind", "department"}, {"code", "DEPT-B"},
                                         {"name_ja", "第二事業部"}, {"name_en", "Second division"}, {"head_title", "部長"}})
        .value("unit_id", int64_t{0});
  }
};

TEST_F(MovementsTest, HandlerWhoLeavesLosesAccessAtOnceAndRaisesTheRosterUpdateAndInterview) {
  ConfirmNewVersion();
  ASSERT_TRUE(Cleared(handler_));
  ASSERT_EQ(InForce(handler_), 1);
  Json out = Run(admin_, "person.leave", LeaveInput(handler_));
  EXPECT_EQ(out.value("designations_ended", 0), 1);
  EXPECT_EQ(Count("SELECT active FROM persons WHERE id = ?", {handler_.person_id}), 0);
  EXPECT_EQ(InForce(handler_), 0);
  EXPECT_EQ(Count("SELECT revoked_by_person_id FROM designations WHERE person_id = ?", {handler_.person_id}),
            admin_.person_id);
  EXPECT_FALSE(Cleared(handler_)) << "a confirmed roster does not keep someone who left cleared";
  EXPECT_EQ(Raised("handler_roster_update", handler_), 1);
  EXPECT_EQ(Raised("confidentiality_reconfirmation", handler_), 1);
  EXPECT_EQ(Raised("system_user_roster_update", handler_), 0) << "not a protected-system user";
}

TEST_F(MovementsTest, SomeoneWithoutTheRolesLeavesWithoutRosterDuties) {
  Run(admin_, "person.leave", LeaveInput(outsider_));
  EXPECT_EQ(Raised("handler_roster_update", outsider_), 0);
  EXPECT_EQ(Raised("confidentiality_reconfirmation", outsider_), 0);
  EXPECT_EQ(Raised("system_user_roster_update", outsider_), 0);
  // The protected-system user and administrator leaving raises the user roster's update (once the
  // update raised by the designations is done), not the handler roster's.
  Run(admin_, "roster.prepare", Json{{"roster", "system_user"}, {"reason", "作成"}});
  ASSERT_EQ(Count("SELECT COUNT(*) FROM obligation_occurrences WHERE obligation = 'system_user_roster_update' "
                  "AND state = 'open'"), 0);
  Run(sys_, "person.leave", LeaveInput(admin_));
  EXPECT_EQ(Raised("system_user_roster_update", admin_), 1);
  EXPECT_EQ(Raised("handler_roster_update", admin_), 0);
}

TEST_F(MovementsTest, RefusalsNameRuleAndClauseAndWriteNothing) {
  const std::string clause = "001 第5 1";  // org.admin's clause in 001
  ExpectRefused(handler_, "person.leave", LeaveInput(outsider_), "authz.denied", clause);
  ExpectRefused(admin_, "person.leave", LeaveInput(admin_), "person.leave_self", clause);
  ExpectRefused(admin_, "person.leave", Json{{"person_id", outsider_.person_id}}, "input.required", "");
  Run(admin_, "person.leave", LeaveInput(outsider_));
  ExpectRefused(admin_, "person.leave", LeaveInput(outsider_), "person.inactive", clause);
  ExpectRefused(sys_, "person.transfer", TransferInput(outsider_, NewUnit()), "person.inactive", clause);
  ExpectRefused(admin_, "person.transfer", TransferInput(handler_, dept_), "person.same_unit", clause);
}

TEST_F(MovementsTest, TransferMovesThePersonAndRaisesRosterUpdateAndTraining) {
  ConfirmNewVersion();
  const int64_t second = NewUnit();
  // The administrator of 第一事業部 may not move someone into a unit outside his designation.
  ExpectRefused(admin_, "person.transfer", TransferInput(handler_, second), "authz.denied", "001 第5 1");
  Json out = Run(sys_, "person.transfer", TransferInput(handler_, second));
  EXPECT_EQ(Count("SELECT unit_id FROM persons WHERE id = ?", {handler_.person_id}), second);
  EXPECT_EQ(out["designations_in_force"].size(), 1u) << out.dump();
  EXPECT_EQ(Raised("handler_roster_update", handler_), 1);
  EXPECT_EQ(Raised("triggered_training", handler_), 1);
  EXPECT_EQ(Raised("confidentiality_reconfirmation", handler_), 1);
  // The roster's pending changes show the new department.
  auto overview = engine().Read([&](Conn& c) {
    return RosterOverview(c, engine().catalog(), "handler", FormatUtc(clock_.Now()));
  });
  ASSERT_TRUE(overview.ok()) << overview.status().ToString();
  ASSERT_EQ((*overview)["pending"]["changed"].size(), 1u) << overview->dump();
  EXPECT_EQ((*overview)["pending"]["changed"][0].value("name", ""), "田中 美咲");
  // Someone without a role moves without roster duties.
  Run(sys_, "person.transfer", TransferInput(outsider_, second));
  EXPECT_EQ(Raised("handler_roster_update", outsider_), 0);
  EXPECT_EQ(Raised("triggered_training", outsider_), 0);
  auto report = VerifyTrail();
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->ok) << report->problem_en;
}

}  // namespace
}  // namespace mamori::people_test
