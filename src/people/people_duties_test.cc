// The roster and agreement duties of 001 第5 2 on the obligation calendar: raised by the designation
// events of the roles they concern only, and completed by the commands that fulfil them (roster.confirm,
// roster.prepare, agreement.record of the interview) — each only for its own roster or agreement kind.

#include <gtest/gtest.h>

#include "people/people_test_fixture.h"

namespace mamori::people_test {
namespace {

class PeopleDutiesTest : public PeopleFixture {
 protected:
  // "state/done_by_command" of each occurrence of `obligation`, by subject.
  std::map<std::string, std::string> Duties(const std::string& obligation) {
    std::map<std::string, std::string> out;
    auto r = engine().Read([&](Conn& c) {
      return c.Query("SELECT subject, state, COALESCE(done_by_command, '') FROM obligation_occurrences "
                     "WHERE obligation = ? ORDER BY id", {obligation});
    });
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    if (r.ok())
      for (const Row& row : r->rows) out[row.IsNull(0) ? "" : row.Str(0)] = row.Str(1) + "/" + row.Str(2);
    return out;
  }
  static std::string Subject(int64_t designation) { return "designations/" + std::to_string(designation); }
};

TEST_F(PeopleDutiesTest, MODConfirmationDutyIsRaisedForHandlersOnlyAndCompletedByTheConfirmation) {
  // Three handler designations raised the duty; the manager, general manager and system roles did not.
  auto open = Duties("handler_roster_mod_confirmation");
  ASSERT_EQ(open.size(), 3u);
  EXPECT_EQ(open[Subject(manager_handler_)], "open/");
  EXPECT_EQ(open[Subject(handler_handler_)], "open/");

  // Preparing and submitting do not fulfil it; MOD's confirmation does, for everyone it lists.
  const int64_t v = Run(manager_, "roster.prepare", Json{{"roster", "handler"}, {"reason", "作成"}}).value("version", 0);
  Run(manager_, "roster.submit", Json{{"roster", "handler"}, {"version", v}});
  for (const auto& [subject, state] : Duties("handler_roster_mod_confirmation")) EXPECT_EQ(state, "open/") << subject;
  Run(manager_, "roster.confirm",
      Json{{"roster", "handler"}, {"version", v}, {"confirmed_on", Today()}, {"reference", "防衛省確認第1号"}});
  for (const auto& [subject, state] : Duties("handler_roster_mod_confirmation"))
    EXPECT_EQ(state, "done/roster.confirm") << subject;
}

TEST_F(PeopleDutiesTest, LeavingRaisesTheRosterUpdateAndTheInterviewEachCompletedByItsOwnRecord) {
  // 田中 is also a protected-system user, so the system-user roster lists them too.
  Agree(handler_, "system_use_consent");
  Designate(handler_, "protected_system_user", dept_);
  ConfirmNewVersion();
  Run(sys_, "designation.revoke", Json{{"designation_id", handler_handler_}});
  const std::string subject = Subject(handler_handler_);
  EXPECT_EQ(Duties("handler_roster_update")[subject], "open/");
  EXPECT_EQ(Duties("confidentiality_reconfirmation")[subject], "open/");

  // Another kind of agreement, or the other roster, completes neither.
  Run(sys_, "agreement.record", AgreementInput(handler_, "confidentiality"));
  Run(admin_, "roster.prepare", Json{{"roster", "system_user"}, {"reason", "作成"}});
  EXPECT_EQ(Duties("handler_roster_update")[subject], "open/");
  EXPECT_EQ(Duties("confidentiality_reconfirmation")[subject], "open/");

  // The handler roster's new version (which no longer lists them) and the recorded interview do.
  Run(manager_, "roster.prepare", Json{{"roster", "handler"}, {"reason", "田中 美咲の指定解除"}});
  EXPECT_EQ(Duties("handler_roster_update")[subject], "done/roster.prepare");
  EXPECT_EQ(Duties("confidentiality_reconfirmation")[subject], "open/");
  Run(manager_, "agreement.record",
      Json{{"kind", "confidentiality_reconfirmation"}, {"person_id", handler_.person_id}, {"signed_on", Today()},
           {"document", "面談記録 第3号"}, {"points", Points("confidentiality_reconfirmation")}});
  EXPECT_EQ(Duties("confidentiality_reconfirmation")[subject], "done/agreement.record");
}

}  // namespace
}  // namespace mamori::people_test
