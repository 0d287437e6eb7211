// Take-out and lending with approval (000 第4 4), copying at the destination (000 第4 5) and
// handover (000 第4 6), for media; lending of special-purpose devices (000 第3 4).

#include "ledger/ledger.h"
#include "ledger/ledger_test_fixture.h"

namespace mamori::ledger_test {
namespace {

using K = ErrorKind;

class LedgerMovementTest : public LedgerFixture {};

TEST_F(LedgerMovementTest, RequestNeedsPeriodDestinationPurposeAndMinimizedData) {
  const Json good = MovementInput("M-001", "take_out");
  for (const char* key :
       {"period_from", "period_until", "destination", "movement_purpose", "data_minimized", "purpose", "movement"}) {
    SCOPED_TRACE(key);
    Json in = good;
    in.erase(key);
    Rejection r = ExpectRejected(staff1_, "item.request_movement", in, K::kInvalidArgument, "input.required",
                                 std::string(key) == "purpose" ? "000 第4 3(1)" : "000 第4 4(1)");
    EXPECT_EQ(r.status.field(), key);
  }
  Json not_minimized = good;
  not_minimized["data_minimized"] = false;
  EXPECT_REJECTED(staff1_, "item.request_movement", not_minimized, K::kRuleViolation, "confirm.data_minimized",
                  "000 第4 4(1)");
  Json backwards = good;
  backwards["period_until"] = good["period_from"];
  EXPECT_REJECTED(staff1_, "item.request_movement", backwards, K::kRuleViolation, "ledger.period_order",
                  "000 第4 4(1)");
  backwards["period_until"] = FormatUtc(clock_.Now() - kHour);
  EXPECT_REJECTED(staff1_, "item.request_movement", backwards, K::kRuleViolation, "ledger.period_order",
                  "000 第4 4(1)");
  Json no_offset = good;
  no_offset["period_from"] = "2026-11-24T10:00:00";
  EXPECT_REJECTED(staff1_, "item.request_movement", no_offset, K::kInvalidArgument, "input.malformed", "000 第4 4(1)");
  Json bad_kind = good;
  bad_kind["movement"] = "carry";
  EXPECT_REJECTED(staff1_, "item.request_movement", bad_kind, K::kInvalidArgument, "input.malformed", "000 第4 4(1)");

  Json out = Run(staff1_, "item.request_movement", good);
  EXPECT_EQ(out["state"], "movement_requested");
  Fields e = Entry(out["entry_id"].get<int64_t>());
  EXPECT_EQ(e["movement"], "take_out");
  EXPECT_EQ(e["approval"], "pending");
  EXPECT_EQ(e["destination"], "防衛装備庁 会議室");
  EXPECT_EQ(e["movement_purpose"], "装備庁との打合せ");
  EXPECT_EQ(e["data_minimized"], "1");
  EXPECT_EQ(e["period_from"], FormatUtc(ParseTimestamp(good["period_from"].get<std::string>()).value()));
  EXPECT_EQ(e["period_until"], good["period_until"].get<std::string>());
}

TEST_F(LedgerMovementTest, OnlyTheUnitIaOfficerApproves) {
  Run(staff1_, "item.request_movement", MovementInput("M-001", "take_out"));
  const Json in = ApproveInput("M-001");
  EXPECT_REJECTED(assistant_, "item.approve", in, K::kForbidden, "authz.denied", "000 第4 4(2)");
  EXPECT_REJECTED(staff1_, "item.approve", in, K::kForbidden, "authz.denied", "000 第4 4(2)");
  EXPECT_REJECTED(staff2_, "item.approve", in, K::kForbidden, "authz.denied", "000 第4 4(2)");
  EXPECT_REJECTED(witness_, "item.approve", in, K::kForbidden, "authz.denied", "000 第4 4(2)");
  EXPECT_REJECTED(other_, "item.approve", in, K::kNotFound, "items.not_found", "000 第4 2(2)");

  // The approval confirms the data (and, for a take-out, the instruction not to copy).
  Json unconfirmed = in;
  unconfirmed.erase("confirmed_data");
  EXPECT_REJECTED(officer_, "item.approve", unconfirmed, K::kInvalidArgument, "input.required", "000 第4 4(2)");
  unconfirmed["confirmed_data"] = false;
  EXPECT_REJECTED(officer_, "item.approve", unconfirmed, K::kRuleViolation, "confirm.confirmed_data", "000 第4 4(2)");
  Json no_instruction = in;
  no_instruction.erase("instructed_no_copy");
  EXPECT_REJECTED(officer_, "item.approve", no_instruction, K::kInvalidArgument, "input.required", "000 第4 4(2)");
  no_instruction["instructed_no_copy"] = false;
  EXPECT_REJECTED(officer_, "item.approve", no_instruction, K::kRuleViolation, "confirm.instructed_no_copy",
                  "000 第4 4(2)");
  Json bad_decision = in;
  bad_decision["decision"] = "maybe";
  EXPECT_REJECTED(officer_, "item.approve", bad_decision, K::kInvalidArgument, "input.malformed", "000 第4 4(2)");

  Json out = Run(officer_, "item.approve", in);
  EXPECT_EQ(out["state"], "out");
  Fields e = LastEntry("M-001");
  EXPECT_EQ(e["approval"], "approved");
  EXPECT_EQ(e["approved_by_person_id"], std::to_string(officer_.person_id));
  EXPECT_NE(e["approved_at"], "NULL");
  // Approved twice? The item is out now.
  EXPECT_REJECTED(officer_, "item.approve", in, K::kConflict, "ledger.state", "000 第4 4(2)");
  // Nothing pending on M-002.
  EXPECT_REJECTED(officer_, "item.approve", ApproveInput("M-002"), K::kConflict, "ledger.state", "000 第4 4(2)");

  // Returned from the take-out, it goes through the check like any use.
  EXPECT_EQ(Run(staff1_, "item.return", Json{{"control_no", "M-001"}})["state"], "awaiting_check");
  EXPECT_EQ(Run(assistant_, "item.check", Json{{"control_no", "M-001"}, {"result", "erased"}})["state"], "in_storage");
}

TEST_F(LedgerMovementTest, ALoanNeedsNoCopyInstructionAndRecordsTheBorrower) {
  Run(staff1_, "item.request_movement", MovementInput("M-001", "lend"));
  EXPECT_REJECTED(staff1_, "item.record_borrower", Json({{"control_no", "M-001"}, {"borrower", "森"}}), K::kConflict,
                  "ledger.state", "000 第4 4(3)");
  EXPECT_EQ(Run(officer_, "item.approve",
                Json{{"control_no", "M-001"}, {"decision", "approve"}, {"confirmed_data", true}})["state"],
            "out");
  EXPECT_REJECTED(staff1_, "item.record_borrower", Json({{"control_no", "M-001"}}), K::kInvalidArgument,
                  "input.required", "000 第4 4(3)");
  Json out =
      Run(staff2_, "item.record_borrower", Json{{"control_no", "M-001"}, {"borrower", "統合幕僚監部 二等陸佐 森"}});
  EXPECT_EQ(out["state"], "out");
  EXPECT_EQ(LastEntry("M-001")["borrower"], "統合幕僚監部 二等陸佐 森");

  // A take-out has no borrower.
  TakeOut("M-002", "take_out");
  EXPECT_REJECTED(staff1_, "item.record_borrower", Json({{"control_no", "M-002"}, {"borrower", "森"}}),
                  K::kRuleViolation, "ledger.borrower_on_loan", "000 第4 4(3)");
}

TEST_F(LedgerMovementTest, RejectReturnsTheItemToStorage) {
  Run(staff1_, "item.request_movement", MovementInput("M-001", "take_out"));
  const int64_t entry = std::stoll(Item("M-001")["current_entry_id"]);
  // Rejecting needs no confirmations.
  Json out =
      Run(officer_, "item.approve", Json{{"control_no", "M-001"}, {"decision", "reject"}, {"note", "目的が不明確"}});
  EXPECT_EQ(out["state"], "in_storage");
  Fields e = Entry(entry);
  EXPECT_EQ(e["approval"], "rejected");
  EXPECT_EQ(e["approval_note"], "目的が不明確");
  EXPECT_EQ(e["check_result"], "not_taken");
  EXPECT_NE(e["returned_at"], "NULL");
  EXPECT_EQ(Item("M-001")["current_entry_id"], "NULL");
  EXPECT_REJECTED(staff1_, "item.return", Json({{"control_no", "M-001"}}), K::kConflict, "ledger.state",
                  "000 第4 3(1)");
  EXPECT_EQ(Checkout(staff1_, "M-001")["row_no"], 2);
}

TEST_F(LedgerMovementTest, DevicesAreLentWithAPlaceAndTheNoCopyInstruction) {
  EXPECT_REJECTED(staff1_, "item.request_movement", MovementInput("D-001", "take_out"), K::kRuleViolation,
                  "ledger.device_lend_only", "000 第3 4(1)");
  Json no_place = MovementInput("D-001", "lend");
  no_place.erase("place");
  EXPECT_REJECTED(staff1_, "item.request_movement", no_place, K::kInvalidArgument, "input.required", "000 第3 3(1)");
  Json backwards = MovementInput("D-001", "lend");
  backwards["period_until"] = backwards["period_from"];
  EXPECT_REJECTED(staff1_, "item.request_movement", backwards, K::kRuleViolation, "ledger.period_order",
                  "000 第3 4(1)");
  Run(staff1_, "item.request_movement", MovementInput("D-001", "lend"));
  EXPECT_REJECTED(officer_, "item.approve",
                  Json({{"control_no", "D-001"}, {"decision", "approve"}, {"confirmed_data", true}}),
                  K::kInvalidArgument, "input.required", "000 第3 4(2)");
  EXPECT_REJECTED(assistant_, "item.approve", ApproveInput("D-001"), K::kForbidden, "authz.denied", "000 第4 4(2)");
  EXPECT_EQ(Run(officer_, "item.approve", ApproveInput("D-001"))["state"], "out");
  EXPECT_EQ(LastEntry("D-001")["place"], "防衛装備庁 会議室");
}

TEST_F(LedgerMovementTest, CopiesAreRecordedAndApprovedByTheUnitIaOfficer) {
  const Json copy_in{{"control_no", "M-001"},
                     {"content", "訓練シナリオ（第2版）"},
                     {"counterparty", "統合幕僚監部 指揮通信システム部"},
                     {"purpose", "訓練参加者への配布"}};
  EXPECT_REJECTED(staff1_, "item.request_copy", copy_in, K::kConflict, "ledger.state", "000 第4 5(1)");
  TakeOut("M-001", "lend");
  for (const char* key : {"content", "counterparty", "purpose"}) {
    SCOPED_TRACE(key);
    Json in = copy_in;
    in.erase(key);
    EXPECT_REJECTED(staff1_, "item.request_copy", in, K::kInvalidArgument, "input.required", "000 第4 5(1)");
  }
  EXPECT_REJECTED(other_, "item.request_copy", copy_in, K::kNotFound, "items.not_found", "000 第4 2(2)");
  Json out = Run(staff1_, "item.request_copy", copy_in);
  const int64_t copy_id = out["copy_id"].get<int64_t>();
  EXPECT_EQ(out["state"], "out");
  Fields c = Row1("SELECT * FROM copy_entries WHERE id = ?", {copy_id});
  EXPECT_EQ(c["approval"], "pending");
  EXPECT_EQ(c["content"], "訓練シナリオ（第2版）");
  EXPECT_EQ(c["entry_id"], Item("M-001")["current_entry_id"]);
  EXPECT_EQ(c["requested_by_person_id"], std::to_string(staff1_.person_id));

  const Json approve{{"copy_id", copy_id}, {"decision", "approve"}, {"confirmed_no_other_copy", true}};
  EXPECT_REJECTED(staff1_, "item.approve_copy", approve, K::kForbidden, "authz.denied", "000 第4 4(2)");
  EXPECT_REJECTED(assistant_, "item.approve_copy", approve, K::kForbidden, "authz.denied", "000 第4 4(2)");
  Json unconfirmed = approve;
  unconfirmed.erase("confirmed_no_other_copy");
  EXPECT_REJECTED(officer_, "item.approve_copy", unconfirmed, K::kInvalidArgument, "input.required", "000 第4 5(2)");
  unconfirmed["confirmed_no_other_copy"] = false;
  EXPECT_REJECTED(officer_, "item.approve_copy", unconfirmed, K::kRuleViolation, "confirm.confirmed_no_other_copy",
                  "000 第4 5(2)");
  EXPECT_REJECTED(officer_, "item.approve_copy", Json({{"decision", "approve"}}), K::kInvalidArgument, "input.required",
                  "000 第4 5(2)");
  EXPECT_REJECTED(officer_, "item.approve_copy", Json({{"copy_id", 999}, {"decision", "approve"}}), K::kNotFound,
                  "copy_entries.not_found", "");
  EXPECT_EQ(Run(officer_, "item.approve_copy", approve)["approval"], "approved");
  c = Row1("SELECT * FROM copy_entries WHERE id = ?", {copy_id});
  EXPECT_EQ(c["approval"], "approved");
  EXPECT_EQ(c["approved_by_person_id"], std::to_string(officer_.person_id));
  EXPECT_REJECTED(officer_, "item.approve_copy", approve, K::kConflict, "ledger.copy_decided", "000 第4 5(2)");

  // A second copy may be refused, without confirmations.
  const int64_t second = Run(staff1_, "item.request_copy", copy_in)["copy_id"].get<int64_t>();
  EXPECT_EQ(Run(officer_, "item.approve_copy", Json{{"copy_id", second}, {"decision", "reject"}})["approval"],
            "rejected");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM copy_entries WHERE item_id = ?",
                  {static_cast<int64_t>(std::stoll(Item("M-001")["id"]))}),
            2);
}

TEST_F(LedgerMovementTest, HandoverIsRequestedApprovedAndCompleted) {
  EXPECT_REJECTED(staff1_, "item.request_handover", HandoverInput("D-001"), K::kRuleViolation, "ledger.kind",
                  "000 第4 6(1)");
  for (const char* key : {"handover_at", "recipient", "handover_purpose", "executor", "data_minimized"}) {
    SCOPED_TRACE(key);
    Json in = HandoverInput("M-001");
    in.erase(key);
    EXPECT_REJECTED(staff1_, "item.request_handover", in, K::kInvalidArgument, "input.required", "000 第4 6(1)");
  }
  Json not_minimized = HandoverInput("M-001");
  not_minimized["data_minimized"] = false;
  EXPECT_REJECTED(staff1_, "item.request_handover", not_minimized, K::kRuleViolation, "confirm.data_minimized",
                  "000 第4 6(1)");
  EXPECT_REJECTED(other_, "item.request_handover", HandoverInput("M-001"), K::kNotFound, "items.not_found",
                  "000 第4 2(2)");

  Json req = Run(staff1_, "item.request_handover", HandoverInput("M-001"));
  EXPECT_EQ(req["state"], "handover_requested");
  Fields e = Entry(req["entry_id"].get<int64_t>());
  EXPECT_EQ(e["movement"], "handover");
  EXPECT_EQ(e["destination"], "防衛装備庁 調達管理部");
  EXPECT_EQ(e["handover_executor"], "田中 美咲");
  EXPECT_NE(e["handover_at"], "NULL");

  const Json complete{{"control_no", "M-001"}, {"recipient", "調達管理部 佐々木 一郎"}};
  EXPECT_REJECTED(staff1_, "item.complete_handover", complete, K::kConflict, "ledger.state", "000 第4 6(2)");
  const Json approve{{"control_no", "M-001"}, {"decision", "approve"}, {"confirmed_data", true}};
  EXPECT_REJECTED(assistant_, "item.approve", approve, K::kForbidden, "authz.denied", "000 第4 4(2)");
  EXPECT_REJECTED(officer_, "item.approve", Json({{"control_no", "M-001"}, {"decision", "approve"}}),
                  K::kInvalidArgument, "input.required", "000 第4 6(2)");
  // A handover needs no instruction about copying (that belongs to take-outs).
  EXPECT_EQ(Run(officer_, "item.approve", approve)["state"], "handover_approved");
  EXPECT_REJECTED(staff1_, "item.complete_handover", Json({{"control_no", "M-001"}}), K::kInvalidArgument,
                  "input.required", "000 第4 6(3)");
  Json done = Run(staff1_, "item.complete_handover", complete);
  EXPECT_EQ(done["state"], "handed_over");
  Fields item = Item("M-001");
  EXPECT_EQ(item["final_kind"], "handed_over");
  EXPECT_NE(item["final_at"], "NULL");
  EXPECT_EQ(item["executor_name"], "田中 美咲");
  EXPECT_EQ(item["executor_affiliation"], "情報通信課");
  EXPECT_EQ(item["current_entry_id"], "NULL");
  EXPECT_EQ(Entry(req["entry_id"].get<int64_t>())["handover_recipient"], "調達管理部 佐々木 一郎");
  // Final: nothing more happens to it.
  EXPECT_REJECTED(staff1_, "item.complete_handover", complete, K::kConflict, "ledger.state", "000 第4 6(2)");
  EXPECT_REJECTED(staff1_, "item.request_handover", HandoverInput("M-001"), K::kConflict, "ledger.state",
                  "000 第4 6(1)");
  EXPECT_REJECTED(staff1_, "item.record_destruction", DestructionInput("M-001", witness_.person_id), K::kConflict,
                  "ledger.state", "000 第4 7(1)");
}

TEST_F(LedgerMovementTest, ARejectedHandoverReturnsTheMediumToStorage) {
  Run(staff1_, "item.request_handover", HandoverInput("M-002"));
  EXPECT_EQ(Run(officer_, "item.approve", Json{{"control_no", "M-002"}, {"decision", "reject"}})["state"],
            "in_storage");
  EXPECT_EQ(LastEntry("M-002")["approval"], "rejected");
  EXPECT_EQ(Checkout(staff1_, "M-002")["state"], "in_use");
}

}  // namespace
}  // namespace mamori::ledger_test
