// The final states: destruction of media with a designated witness (000 第4 7) and disposal or
// transfer of special-purpose devices after the erasure check (000 第3 6).

#include "ledger/ledger.h"
#include "ledger/ledger_test_fixture.h"

namespace mamori::ledger_test {
namespace {

using K = ErrorKind;

class LedgerDestructionTest : public LedgerFixture {};

TEST_F(LedgerDestructionTest, TheWitnessIsNotTheExecutor) {
  // The executor defaults to the actor.
  EXPECT_REJECTED(staff1_, "item.record_destruction", DestructionInput("M-001", staff1_.person_id), K::kRuleViolation,
                  "ledger.witness_differs", "000 第4 7(1)");
  Json named = DestructionInput("M-001", witness_.person_id);
  named["executor_person_id"] = witness_.person_id;
  Rejection r = ExpectRejected(staff1_, "item.record_destruction", named, K::kRuleViolation, "ledger.witness_differs",
                               "000 第4 7(1)");
  EXPECT_EQ(r.status.field(), "witness_person_id");
  // Even the designated witness cannot witness their own destruction.
  EXPECT_REJECTED(witness_, "item.record_destruction", DestructionInput("M-001", witness_.person_id), K::kRuleViolation,
                  "ledger.witness_differs", "000 第4 7(1)");
}

TEST_F(LedgerDestructionTest, TheWitnessMustBeDesignatedByTheUnitIaOfficer) {
  EXPECT_REJECTED(staff1_, "item.record_destruction", DestructionInput("M-001", staff2_.person_id), K::kRuleViolation,
                  "ledger.witness_designated", "000 第4 7(1)");
  EXPECT_REJECTED(staff1_, "item.record_destruction", DestructionInput("M-001", officer_.person_id), K::kRuleViolation,
                  "ledger.witness_designated", "000 第4 7(1)");
  // A destruction_witness designation made by someone else (here the command-line administrator)
  // does not count: 000 第4 7(1) says the unit IA officer designates the witness.
  const int64_t by_admin = Designate(sys_, staff2_, "destruction_witness", section_a_);
  EXPECT_REJECTED(staff1_, "item.record_destruction", DestructionInput("M-001", staff2_.person_id), K::kRuleViolation,
                  "ledger.witness_designated", "000 第4 7(1)");
  // Another section's staff is no witness here.
  EXPECT_REJECTED(staff1_, "item.record_destruction", DestructionInput("M-001", other_.person_id), K::kRuleViolation,
                  "ledger.witness_designated", "000 第4 7(1)");
  EXPECT_REJECTED(staff1_, "item.record_destruction", DestructionInput("M-001", 999), K::kNotFound, "persons.not_found",
                  "");
  // The unit IA officer cannot designate staff2 over the administrator's designation (a duplicate)
  // until that one is revoked; after that staff2 may witness.
  EXPECT_REJECTED(officer_, "designation.create",
                  Json({{"person_id", staff2_.person_id}, {"role", "destruction_witness"}, {"unit_id", section_a_}}),
                  K::kConflict, "designation.duplicate", "000 第4 7(1)");
  Run(officer_, "designation.revoke", Json{{"designation_id", by_admin}});
  Designate(officer_, staff2_, "destruction_witness", section_a_);
  EXPECT_EQ(Run(staff1_, "item.record_destruction", DestructionInput("M-001", staff2_.person_id))["state"],
            "destruction_pending");
}

TEST_F(LedgerDestructionTest, MethodsAndFieldsOf7) {
  Json bad = DestructionInput("M-001", witness_.person_id);
  bad["method"] = "bury";
  Rejection r = ExpectRejected(staff1_, "item.record_destruction", bad, K::kRuleViolation, "ledger.destruction_method",
                               "000 第4 7(2)");
  EXPECT_EQ(r.status.field(), "method");
  for (const char* key : {"method", "destroy_at", "witness_person_id"}) {
    SCOPED_TRACE(key);
    Json in = DestructionInput("M-001", witness_.person_id);
    in.erase(key);
    EXPECT_REJECTED(staff1_, "item.record_destruction", in, K::kInvalidArgument, "input.required",
                    std::string(key) == "method" ? "000 第4 7(2)" : "000 第4 7(1)");
  }
  EXPECT_REJECTED(staff1_, "item.record_destruction", DestructionInput("D-001", witness_.person_id), K::kRuleViolation,
                  "ledger.kind", "000 第4 7(1)");
  Checkout(staff2_, "M-003");
  EXPECT_REJECTED(staff1_, "item.record_destruction", DestructionInput("M-003", witness_.person_id), K::kConflict,
                  "ledger.state", "000 第4 7(1)");

  // The Japanese names of 000 第4 7(2) are accepted and stored as codes.
  Json ja = DestructionInput("M-002", witness_.person_id);
  ja["method"] = "細断";
  EXPECT_EQ(Run(staff1_, "item.record_destruction", ja)["state"], "destruction_pending");
  EXPECT_EQ(Item("M-002")["final_method"], "shred");
  EXPECT_EQ(DestructionMethods().size(), 5u);
  for (const char* code : {"incinerate", "pulverize", "dissolve", "destroy"}) {
    SCOPED_TRACE(code);
    const std::string no = std::string("M-") + code;
    RegisterItem(no.c_str(), "medium", section_a_, assistant_);
    Json in = DestructionInput(no, witness_.person_id);
    in["method"] = code;
    EXPECT_EQ(Run(staff1_, "item.record_destruction", in)["state"], "destruction_pending");
  }
}

TEST_F(LedgerDestructionTest, OnlyTheDesignatedWitnessSignsThenTheMediumIsDestroyed) {
  const Json sign{{"control_no", "M-001"}};
  EXPECT_REJECTED(witness_, "item.witness_destruction", sign, K::kConflict, "ledger.state", "000 第4 7(1)");
  const Json in = DestructionInput("M-001", witness_.person_id);
  Json out = Run(staff1_, "item.record_destruction", in);
  EXPECT_EQ(out["state"], "destruction_pending");
  Fields item = Item("M-001");
  EXPECT_EQ(item["final_method"], "shred");
  EXPECT_EQ(item["final_at"], FormatUtc(ParseTimestamp(in["destroy_at"].get<std::string>()).value()));
  EXPECT_EQ(item["executor_person_id"], std::to_string(staff1_.person_id));
  EXPECT_EQ(item["executor_name"], "田中 美咲");
  EXPECT_EQ(item["executor_affiliation"], "情報通信課");
  EXPECT_EQ(item["witness_person_id"], std::to_string(witness_.person_id));
  EXPECT_EQ(item["witness_name"], "NULL");

  EXPECT_REJECTED(staff1_, "item.witness_destruction", sign, K::kRuleViolation, "ledger.witness_differs",
                  "000 第4 7(1)");
  EXPECT_REJECTED(staff2_, "item.witness_destruction", sign, K::kForbidden, "ledger.witness_self", "000 第4 7(1)");
  EXPECT_REJECTED(officer_, "item.witness_destruction", sign, K::kForbidden, "ledger.witness_self", "000 第4 7(1)");
  EXPECT_REJECTED(sys_, "item.witness_destruction", sign, K::kForbidden, "ledger.witness_self", "000 第4 7(1)");
  // Nothing else may happen to it meanwhile.
  EXPECT_REJECTED(staff2_, "item.record_destruction", DestructionInput("M-001", witness_.person_id), K::kConflict,
                  "ledger.state", "000 第4 7(1)");

  Json done = Run(witness_, "item.witness_destruction", sign);
  EXPECT_EQ(done["state"], "destroyed");
  item = Item("M-001");
  EXPECT_EQ(item["state"], "destroyed");
  EXPECT_EQ(item["final_kind"], "destroyed");
  EXPECT_EQ(item["witness_affiliation"], "情報通信課");
  EXPECT_EQ(item["witness_name"], "伊藤 大輔");
  EXPECT_NE(item["witnessed_at"], "NULL");
  EXPECT_REJECTED(witness_, "item.witness_destruction", sign, K::kConflict, "ledger.state", "000 第4 7(1)");
  // The trail names the witness as the one who authorized the event.
  Fields ev = Row1("SELECT actor, entity, payload FROM trail_events WHERE command = 'item.witness_destruction'");
  EXPECT_EQ(ev["actor"], "user:ito");
  EXPECT_EQ(ev["entity"], "item:M-001");
  EXPECT_NE(ev["payload"].find("designated destruction witness"), std::string::npos);
}

TEST_F(LedgerDestructionTest, AWitnessWhoseDesignationEndedCannotSign) {
  Run(staff1_, "item.record_destruction", DestructionInput("M-001", witness_.person_id));
  Run(officer_, "designation.revoke", Json{{"designation_id", witness_designation_}});
  EXPECT_REJECTED(witness_, "item.witness_destruction", Json({{"control_no", "M-001"}}), K::kRuleViolation,
                  "ledger.witness_designated", "000 第4 7(1)");
  EXPECT_EQ(State("M-001"), "destruction_pending");
}

class LedgerDisposalTest : public LedgerFixture {};

TEST_F(LedgerDisposalTest, DisposalNeedsTheErasureConfirmed) {
  const Json in{{"control_no", "D-001"}, {"disposal", "disposal"}, {"erasure_confirmed", true}};
  EXPECT_REJECTED(staff1_, "item.dispose", in, K::kForbidden, "authz.denied", "000 第3 6(1)");
  EXPECT_REJECTED(other_, "item.dispose", in, K::kNotFound, "items.not_found", "000 第4 2(2)");
  Json medium = in;
  medium["control_no"] = "M-001";
  EXPECT_REJECTED(assistant_, "item.dispose", medium, K::kRuleViolation, "ledger.kind", "000 第3 6(1)");
  Json unconfirmed = in;
  unconfirmed.erase("erasure_confirmed");
  EXPECT_REJECTED(assistant_, "item.dispose", unconfirmed, K::kInvalidArgument, "input.required", "000 第3 6(1)");
  unconfirmed["erasure_confirmed"] = false;
  Rejection r = ExpectRejected(assistant_, "item.dispose", unconfirmed, K::kRuleViolation, "confirm.erasure_confirmed",
                               "000 第3 6(1)");
  EXPECT_EQ(r.status.field(), "erasure_confirmed");
  unconfirmed["erasure_confirmed"] = "yes";
  EXPECT_REJECTED(assistant_, "item.dispose", unconfirmed, K::kInvalidArgument, "input.malformed", "000 第3 6(1)");
  Json sell = in;
  sell["disposal"] = "sell";
  EXPECT_REJECTED(assistant_, "item.dispose", sell, K::kInvalidArgument, "input.malformed", "000 第3 6(1)");
  Checkout(staff1_, "D-001", "第3会議室");
  EXPECT_REJECTED(assistant_, "item.dispose", in, K::kConflict, "ledger.state", "000 第3 6(1)");
  Run(staff1_, "item.return", Json{{"control_no", "D-001"}});
  EXPECT_REJECTED(assistant_, "item.dispose", in, K::kConflict, "ledger.state", "000 第3 6(1)");
  Run(assistant_, "item.check", Json{{"control_no", "D-001"}, {"result", "erased"}});

  EXPECT_EQ(Run(assistant_, "item.dispose", in)["state"], "disposed");
  Fields item = Item("D-001");
  EXPECT_EQ(item["final_kind"], "disposed");
  EXPECT_EQ(item["executor_name"], "高橋 健");
  EXPECT_EQ(item["erasure_confirmed_by_person_id"], std::to_string(assistant_.person_id));
  EXPECT_NE(item["final_at"], "NULL");
  EXPECT_REJECTED(assistant_, "item.dispose", in, K::kConflict, "ledger.state", "000 第3 6(1)");
}

TEST_F(LedgerDisposalTest, TransferNamesTheExecutor) {
  RegisterItem("D-002", "device", section_a_, assistant_);
  Json out = Run(officer_, "item.dispose",
                 Json{{"control_no", "D-002"},
                      {"disposal", "transfer"},
                      {"erasure_confirmed", true},
                      {"executor_person_id", staff2_.person_id},
                      {"note", "防衛装備庁へ管理換"}});
  EXPECT_EQ(out["state"], "disposed");
  Fields item = Item("D-002");
  EXPECT_EQ(item["final_kind"], "transferred");
  EXPECT_EQ(item["final_method"], "防衛装備庁へ管理換");
  EXPECT_EQ(item["executor_person_id"], std::to_string(staff2_.person_id));
  EXPECT_EQ(item["executor_name"], "渡辺 直子");
  EXPECT_EQ(item["erasure_confirmed_by_person_id"], std::to_string(officer_.person_id));
}

}  // namespace
}  // namespace mamori::ledger_test
