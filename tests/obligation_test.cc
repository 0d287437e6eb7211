// The obligation calendar through the real binary: a person lists the duties they own, completes one
// with its evidence, sees it done, and the completion is on the trail; someone else is refused with the
// duty's clause; the CLI lists and schedules on var/ directly. Against the demo (mod-internal), whose
// calendar starts three months back.

#include "server_harness.h"

namespace mamori::test {
namespace {

class ObligationApiTest : public DemoServerTest<> {};

// The first duty of `list` that its viewer may complete, or null.
Json FirstCompletable(const Json& list) {
  for (const Json& d : list.value("occurrences", Json::array()))
    if (d.value("can_complete", false)) return d;
  return nullptr;
}

TEST_F(ObligationApiTest, OwnerListsCompletesAndSeesTheDutyDoneOnTheTrail) {
  auto suzuki = s_.Login("suzuki");  // 部隊等情報保証責任者 of サイバー整備課
  auto tanaka = s_.Login("tanaka");  // staff of the same unit
  auto sato = s_.Login("sato");      // 情報保証責任者: reads the trail
  ASSERT_TRUE(suzuki && tanaka && sato);

  Reply mine = suzuki->Get("/api/v1/obligations?mine=1");
  ASSERT_EQ(mine.status, 200) << mine.body;
  const Json duty = FirstCompletable(mine.Json());
  ASSERT_TRUE(duty.is_object()) << "suzuki owns no open duty in the demo: " << mine.body.substr(0, 500);
  bool owner = false;
  for (const Json& o : duty["owners"]) owner |= o.value("name", "") == "鈴木 花子";
  EXPECT_TRUE(owner) << duty.dump();
  EXPECT_NE(duty.value("status", ""), "done");
  EXPECT_FALSE(duty.value("clause", "").empty());
  const int64_t id = duty.value("id", int64_t{0});
  const std::string path = "/api/v1/obligations/" + std::to_string(id) + "/completion";

  // Not the owner: refused with the duty's clause, nothing written.
  Reply refused = tanaka->Post(path, Json{{"evidence_kind", "record"}, {"evidence_ref", "items/M-CY-001"}});
  EXPECT_TRUE(IsApiError(refused, 403, "forbidden", "obligation.not_owner", duty.value("clause", "")));
  // The owner without evidence: refused too.
  Reply empty = suzuki->Post(path, Json{{"evidence_kind", "record"}});
  EXPECT_TRUE(IsApiError(empty, 400, "invalid_argument", "obligation.evidence_missing", duty.value("clause", ""),
                         "evidence_ref"));
  // A record that does not exist.
  Reply unresolved = suzuki->Post(path, Json{{"evidence_kind", "record"}, {"evidence_ref", "items/NO-SUCH-ITEM"}});
  EXPECT_TRUE(IsApiError(unresolved, 422, "rule_violation", "obligation.evidence_unresolved", duty.value("clause", ""),
                         "evidence_ref"));

  Reply done = suzuki->Post(
      path, Json{{"evidence_kind", "record"}, {"evidence_ref", "items/M-CY-001"}, {"note", "保管庫で確認"}});
  ASSERT_TRUE(IsOk(done));
  EXPECT_EQ(done.Json().value("state", ""), "done");
  const int64_t seq = done.Json().value("trail_seq", int64_t{0});

  Reply after = suzuki->Get("/api/v1/obligations?mine=1&status=done&limit=500");
  ASSERT_EQ(after.status, 200);
  Json found;
  const Json done_list = after.Json();
  for (const Json& d : done_list["occurrences"])
    if (d.value("id", int64_t{0}) == id) found = d;
  ASSERT_TRUE(found.is_object()) << "the duty is not listed as done: " << duty.dump();
  EXPECT_EQ(found.value("status", ""), "done");
  EXPECT_EQ(found.value("evidence_kind", ""), "record");
  EXPECT_EQ(found.value("evidence_ref", ""), "items/M-CY-001");
  EXPECT_EQ(found.value("evidence_note", ""), "保管庫で確認");
  EXPECT_EQ(found["done_by"].value("name", ""), "鈴木 花子");
  EXPECT_FALSE(found.value("can_complete", true));
  // Twice: already done.
  EXPECT_TRUE(IsApiError(suzuki->Post(path, Json{{"evidence_ref", "items/M-CY-001"}}), 409, "conflict",
                         "obligation.not_open", duty.value("clause", "")));

  // The completion is one trail event holding the row as stored.
  const Json events = TrailEvents(*sato, "obligation:" + std::to_string(id));
  ASSERT_EQ(events.size(), 1u) << events.dump();
  EXPECT_EQ(events[0].value("seq", int64_t{0}), seq);
  EXPECT_EQ(events[0].value("command", ""), "obligation.complete");
  EXPECT_EQ(events[0].value("actor", ""), "user:suzuki");
  bool row = false;
  for (const Json& e : events[0]["payload"]["effects"])
    row |= e.value("t", "") == "obligation_occurrences" && e["row"].value("state", "") == "done" &&
           e["row"].value("evidence_ref", "") == "items/M-CY-001";
  EXPECT_TRUE(row) << events[0].dump();
}

TEST_F(ObligationApiTest, StaffSeeOnlyTheirOwnDutiesAndOverseersTheirUnits) {
  auto tanaka = s_.Login("tanaka");      // owns no duty in the demo, oversees nothing
  auto nakamura = s_.Login("nakamura");  // 情報保証監査責任者: compliance.view everywhere
  ASSERT_TRUE(tanaka && nakamura);
  Reply own_reply = tanaka->Get("/api/v1/obligations?status=all&limit=500");
  ASSERT_EQ(own_reply.status, 200) << own_reply.body;
  const Json own = own_reply.Json();
  for (const Json& d : own.value("occurrences", Json::array())) {
    bool mine = false;
    for (const Json& o : d["owners"]) mine |= o.value("name", "") == "田中 美咲";
    EXPECT_TRUE(mine) << "tanaka sees a duty she does not own: " << d.dump();
  }
  const Json all = nakamura->Get("/api/v1/obligations?status=overdue&limit=500").Json();
  ASSERT_FALSE(all.value("occurrences", Json::array()).empty()) << "the demo plants overdue duties";
  for (const Json& d : all["occurrences"]) {
    EXPECT_EQ(d.value("status", ""), "overdue");
    EXPECT_FALSE(d.value("can_complete", true)) << "compliance.view sees but does not complete";
  }
  // Escalated duties carry the role they went to.
  bool escalated = false;
  for (const Json& d : all["occurrences"])
    escalated |= d.value("escalation_level", 0) > 0 && d["escalated_to"].is_string();
  EXPECT_TRUE(escalated);
  EXPECT_TRUE(
      IsApiError(nakamura->Get("/api/v1/obligations?status=late"), 400, "invalid_argument", "obligation.status", ""));
}

TEST(ObligationCliTest, ListsAndSchedulesOnVar) {
  Server s;
  ASSERT_TRUE(s.MakeDemo());
  CommandResult list = RunMamori({"obligations", "list", "--var", s.var(), "--status", "overdue"});
  EXPECT_EQ(list.exit_code, 0) << list.All();
  EXPECT_NE(list.out.find("overdue"), std::string::npos) << list.out;
  EXPECT_EQ(list.out.find("  done  "), std::string::npos) << list.out;
  CommandResult schedule = RunMamori({"obligations", "schedule", "--var", s.var()});
  EXPECT_EQ(schedule.exit_code, 0) << schedule.All();
  Json out = Json::parse(schedule.out, nullptr, false);
  ASSERT_TRUE(out.is_object()) << schedule.All();
  EXPECT_GE(out.value("created", -1), 0) << schedule.out;
  CommandResult again = RunMamori({"obligations", "schedule", "--var", s.var()});
  EXPECT_EQ(Json::parse(again.out, nullptr, false).value("created", -1), 0) << "idempotent: " << again.All();
  CommandResult far = RunMamori({"obligations", "schedule", "--var", s.var(), "--from", "2001-01-01"});
  EXPECT_EQ(far.exit_code, 1) << far.All();
  EXPECT_NE(far.All().find("obligation.from_range"), std::string::npos) << far.All();
  CommandResult v = s.Verify();
  EXPECT_EQ(v.exit_code, 0) << v.All();
}

}  // namespace
}  // namespace mamori::test
