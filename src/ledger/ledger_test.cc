// The ledger state machine (src/ledger/ledger.h): registration, use → return → check, the states
// that forbid a checkout, reach across sections, reconciliation and the trail's verification.

#include "ledger/ledger.h"

#include "ledger/ledger_test_fixture.h"
#include "ledger/queries.h"
#include "trail/trail.h"
#include "trail/verify.h"

namespace mamori::ledger_test {
namespace {

using K = ErrorKind;

class LedgerTest : public LedgerFixture {};

TEST_F(LedgerTest, OrgIsBuilt) {
  EXPECT_GT(section_a_, 0);
  EXPECT_GT(other_.person_id, 0);
  EXPECT_EQ(State("M-001"), "in_storage");
  EXPECT_EQ(Item("D-001")["kind"], "device");
  EXPECT_EQ(Item("M-001")["origin"], "registered");
  EXPECT_EQ(Item("M-001")["registered_by_person_id"], std::to_string(assistant_.person_id));
  EXPECT_EQ(Item("M-B01")["custodian_unit_id"], std::to_string(section_b_));
}

TEST_F(LedgerTest, CheckoutReturnCheckFillsOneNumberedRow) {
  const int64_t trail0 = TrailSize();
  const std::string digest0 = Digest();
  Json out = Checkout(staff1_, "M-001");
  // The no-write checks of ExpectRejected do see a write.
  EXPECT_EQ(TrailSize(), trail0 + 1);
  EXPECT_NE(Digest(), digest0);
  EXPECT_EQ(out["trail_seq"], trail0 + 1);
  EXPECT_EQ(out["state"], "in_use");
  EXPECT_EQ(out["row_no"], 1);
  EXPECT_TRUE(out.contains("trail_seq"));
  EXPECT_EQ(State("M-001"), "in_use");
  Fields e = Entry(out["entry_id"].get<int64_t>());
  EXPECT_EQ(e["movement"], "use");
  EXPECT_EQ(e["user_person_id"], std::to_string(staff1_.person_id));
  EXPECT_EQ(e["user_name"], "田中 美咲");
  EXPECT_EQ(e["purpose"], "会議資料の作成");
  EXPECT_EQ(e["returned_at"], "NULL");
  EXPECT_EQ(Item("M-001")["current_entry_id"], out["entry_id"].dump());

  EXPECT_EQ(Run(staff1_, "item.return", Json{{"control_no", "M-001"}})["state"], "awaiting_check");
  e = LastEntry("M-001");
  EXPECT_NE(e["returned_at"], "NULL");
  EXPECT_EQ(e["returned_by_person_id"], std::to_string(staff1_.person_id));
  EXPECT_EQ(e["check_result"], "NULL");

  // Staff may use media but not check them (000 第4 3(2) is the unit IA officer's side).
  EXPECT_REJECTED(staff1_, "item.check", Json({{"control_no", "M-001"}, {"result", "no_data"}}), K::kForbidden,
                  "authz.denied", "000 第4 3(2)");
  EXPECT_REJECTED(assistant_, "item.check", Json({{"control_no", "M-001"}, {"result", "looked_fine"}}),
                  K::kInvalidArgument, "input.malformed", "000 第4 3(2)");
  EXPECT_REJECTED(assistant_, "item.check", Json({{"control_no", "M-001"}}), K::kInvalidArgument, "input.required",
                  "000 第4 3(2)");

  EXPECT_EQ(Run(assistant_, "item.check", Json{{"control_no", "M-001"}, {"result", "erased"}})["state"], "in_storage");
  e = LastEntry("M-001");
  EXPECT_EQ(e["check_result"], "erased");
  EXPECT_EQ(e["checked_by_person_id"], std::to_string(assistant_.person_id));
  EXPECT_NE(e["checked_at"], "NULL");
  EXPECT_EQ(Item("M-001")["current_entry_id"], "NULL");

  // The next use is row 2; returning or checking an item in storage is refused.
  EXPECT_REJECTED(staff1_, "item.return", Json({{"control_no", "M-001"}}), K::kConflict, "ledger.state",
                  "000 第4 3(1)");
  EXPECT_REJECTED(assistant_, "item.check", Json({{"control_no", "M-001"}, {"result", "no_data"}}), K::kConflict,
                  "ledger.state", "000 第4 3(2)");
  EXPECT_EQ(Checkout(staff2_, "M-001")["row_no"], 2);
}

TEST_F(LedgerTest, CheckoutNeedsAPurposeAndAPersonsOwnAccount) {
  EXPECT_REJECTED(staff1_, "item.checkout", Json({{"control_no", "M-001"}}), K::kInvalidArgument, "input.required",
                  "000 第4 3(1)");
  EXPECT_REJECTED(staff1_, "item.checkout", Json({{"control_no", "M-001"}, {"purpose", "   "}}), K::kInvalidArgument,
                  "input.required", "000 第4 3(1)");
  EXPECT_REJECTED(staff1_, "item.checkout", Json({{"control_no", "NO-SUCH"}, {"purpose", "x"}}), K::kNotFound,
                  "items.not_found", "000 第4 2(2)");
  // The command-line administrator has no person: a ledger row needs one.
  EXPECT_REJECTED(sys_, "item.checkout", Json({{"control_no", "M-001"}, {"purpose", "x"}}), K::kForbidden,
                  "authz.person_required", "000 第4 3(1)");
}

TEST_F(LedgerTest, DeviceCheckoutNeedsAPlace) {
  Rejection r = ExpectRejected(staff1_, "item.checkout", Json{{"control_no", "D-001"}, {"purpose", "記録撮影"}},
                               K::kInvalidArgument, "input.required", "000 第3 3(1)");
  EXPECT_EQ(r.status.field(), "place");
  Json out = Checkout(staff1_, "D-001", "第3会議室");
  EXPECT_EQ(out["state"], "in_use");
  EXPECT_EQ(Entry(out["entry_id"].get<int64_t>())["place"], "第3会議室");
  // A device in use cannot be taken again; the device clause is cited.
  EXPECT_REJECTED(staff2_, "item.checkout", Json({{"control_no", "D-001"}, {"purpose", "x"}, {"place", "y"}}),
                  K::kConflict, "ledger.state", "000 第3 3(1)");
  Run(staff1_, "item.return", Json{{"control_no", "D-001"}});
  EXPECT_EQ(Run(officer_, "item.check", Json{{"control_no", "D-001"}, {"result", "no_data"}})["state"], "in_storage");
}

TEST_F(LedgerTest, NothingIsCheckedOutUnlessInStorage) {
  for (const char* no : {"M-004", "M-005", "M-006", "M-007", "M-008", "M-009", "M-010", "M-011"})
    RegisterItem(no, "medium", section_a_, assistant_);
  RegisterItem("D-002", "device", section_a_, assistant_);
  Checkout(staff1_, "M-001");  // in_use
  Checkout(staff1_, "M-002");
  Run(staff1_, "item.return", Json{{"control_no", "M-002"}});                 // awaiting_check
  Run(staff1_, "item.request_movement", MovementInput("M-003", "take_out"));  // movement_requested
  TakeOut("M-004", "lend");                                                   // out (lent)
  TakeOut("M-005", "take_out");                                               // out (taken out)
  Run(staff1_, "item.request_handover", HandoverInput("M-006"));              // handover_requested
  Run(staff1_, "item.request_handover", HandoverInput("M-007"));
  Run(officer_, "item.approve", Json{{"control_no", "M-007"}, {"decision", "approve"}, {"confirmed_data", true}});
  Run(staff1_, "item.request_handover", HandoverInput("M-008"));
  Run(officer_, "item.approve", Json{{"control_no", "M-008"}, {"decision", "approve"}, {"confirmed_data", true}});
  Run(staff1_, "item.complete_handover", Json{{"control_no", "M-008"}, {"recipient", "調達管理部 佐々木"}});
  Run(staff1_, "item.record_destruction", DestructionInput("M-009", witness_.person_id));  // destruction_pending
  Run(staff1_, "item.record_destruction", DestructionInput("M-010", witness_.person_id));
  Run(witness_, "item.witness_destruction", Json{{"control_no", "M-010"}});  // destroyed
  Run(assistant_, "item.dispose", Json{{"control_no", "D-002"}, {"disposal", "disposal"}, {"erasure_confirmed", true}});

  const std::map<std::string, std::string> expected = {{"M-001", "in_use"},
                                                       {"M-002", "awaiting_check"},
                                                       {"M-003", "movement_requested"},
                                                       {"M-004", "out"},
                                                       {"M-005", "out"},
                                                       {"M-006", "handover_requested"},
                                                       {"M-007", "handover_approved"},
                                                       {"M-008", "handed_over"},
                                                       {"M-009", "destruction_pending"},
                                                       {"M-010", "destroyed"},
                                                       {"D-002", "disposed"}};
  for (const auto& [no, state] : expected) {
    SCOPED_TRACE(no + " " + state);
    ASSERT_EQ(State(no), state);
    Json in{{"control_no", no}, {"purpose", "会議資料の作成"}, {"place", "第3会議室"}};
    EXPECT_REJECTED(staff2_, "item.checkout", in, K::kConflict, "ledger.state",
                    no[0] == 'D' ? "000 第3 3(1)" : "000 第4 3(1)");
    // Nor can it be requested for a take-out.
    EXPECT_REJECTED(staff2_, "item.request_movement", MovementInput(no, "lend"), K::kConflict, "ledger.state",
                    no[0] == 'D' ? "000 第3 4(1)" : "000 第4 4(1)");
  }
  EXPECT_TRUE(IsFinalState("handed_over"));
  EXPECT_TRUE(IsFinalState("destroyed"));
  EXPECT_TRUE(IsFinalState("disposed"));
  EXPECT_FALSE(IsFinalState("out"));
  EXPECT_EQ(StateNameJa("destruction_pending"), "破棄立会待ち");
}

// Another section's items answer like missing numbers (404), so that numbers cannot be probed.
TEST_F(LedgerTest, StaffOfAnotherSectionCannotUseThisSectionsItems) {
  EXPECT_REJECTED(other_, "item.checkout", Json({{"control_no", "M-001"}, {"purpose", "x"}}), K::kNotFound,
                  "items.not_found", "000 第4 2(2)");
  EXPECT_REJECTED(other_, "item.request_movement", MovementInput("M-001", "take_out"), K::kNotFound, "items.not_found",
                  "000 第4 2(2)");
  EXPECT_REJECTED(other_, "item.record_destruction", DestructionInput("M-001", witness_.person_id), K::kNotFound,
                  "items.not_found", "000 第4 2(2)");
  Checkout(staff1_, "M-001");
  EXPECT_REJECTED(other_, "item.return", Json({{"control_no", "M-001"}}), K::kNotFound, "items.not_found",
                  "000 第4 2(2)");
  // … while its own section's item is theirs to use.
  EXPECT_EQ(Checkout(other_, "M-B01")["state"], "in_use");
  // And this section's staff cannot use the other section's items.
  EXPECT_REJECTED(staff1_, "item.return", Json({{"control_no", "M-B01"}}), K::kNotFound, "items.not_found",
                  "000 第4 2(2)");
}

TEST_F(LedgerTest, RegisterRefusesDuplicatesBureausAndStaff) {
  const Json medium{{"control_no", "M-001"},
                    {"kind", "medium"},
                    {"type", "SDカード"},
                    {"storage", "保管庫"},
                    {"unit_id", section_a_}};
  EXPECT_REJECTED(assistant_, "item.register", medium, K::kRuleViolation, "ledger.media_number_unique", "000 第4 2(2)");
  Json device = medium;
  device["control_no"] = "D-001";
  device["kind"] = "device";
  EXPECT_REJECTED(assistant_, "item.register", device, K::kRuleViolation, "ledger.device_number_unique",
                  "000 第3 2(2)");
  // Numbers are unique across sections too.
  Json elsewhere = medium;
  elsewhere["unit_id"] = section_b_;
  EXPECT_REJECTED(sys_, "item.register", elsewhere, K::kRuleViolation, "ledger.media_number_unique", "000 第4 2(2)");
  Json bureau = medium;
  bureau["control_no"] = "M-900";
  bureau["unit_id"] = bureau_;
  EXPECT_REJECTED(sys_, "item.register", bureau, K::kRuleViolation, "ledger.custodian_unit", "000 第1(6)");
  Json fresh = medium;
  fresh["control_no"] = "M-901";
  EXPECT_REJECTED(staff1_, "item.register", fresh, K::kForbidden, "authz.denied", "000 第4 2(1)");
  Json no_storage = fresh;
  no_storage.erase("storage");
  EXPECT_REJECTED(assistant_, "item.register", no_storage, K::kInvalidArgument, "input.required", "000 第4 1(1)");
  Json bad_kind = fresh;
  bad_kind["kind"] = "tape";
  EXPECT_REJECTED(assistant_, "item.register", bad_kind, K::kInvalidArgument, "input.malformed", "000 第4 2(1)");
  Json no_unit = fresh;
  no_unit["unit_id"] = 999;
  EXPECT_REJECTED(assistant_, "item.register", no_unit, K::kNotFound, "org_units.not_found", "");

  Json out = Run(officer_, "item.register", fresh);
  EXPECT_EQ(out["state"], "in_storage");
  EXPECT_EQ(Item("M-901")["type"], "SDカード");
}

TEST_F(LedgerTest, ReceiveRegistersAReceivedMedium) {
  const Json in{{"control_no", "R-001"},
                {"type", "DVD-R"},
                {"storage", "施錠保管庫A"},
                {"unit_id", section_a_},
                {"received_from", "防衛装備庁 調達管理部"}};
  Json missing = in;
  missing.erase("received_from");
  EXPECT_REJECTED(assistant_, "item.receive", missing, K::kInvalidArgument, "input.required", "000 第4 6(4)");
  EXPECT_EQ(Run(assistant_, "item.receive", in)["state"], "in_storage");
  Fields item = Item("R-001");
  EXPECT_EQ(item["origin"], "received");
  EXPECT_EQ(item["kind"], "medium");
  EXPECT_EQ(item["received_from"], "防衛装備庁 調達管理部");
  EXPECT_EQ(Checkout(staff1_, "R-001")["state"], "in_use");
  Json again = in;
  EXPECT_REJECTED(assistant_, "item.receive", again, K::kRuleViolation, "ledger.media_number_unique", "000 第4 2(2)");
}

TEST_F(LedgerTest, ReconciliationFindsEveryDiscrepancyAndClosesWhenResolved) {
  Checkout(staff1_, "M-003");  // in use, yet counted in storage: unexpected
  const Json in{{"unit_id", section_a_}, {"kind", "medium"}, {"counted", {"M-001", "M-003", "X-999"}}};
  EXPECT_REJECTED(staff1_, "reconcile.submit", in, K::kForbidden, "authz.denied", "000 第4 1(3)");
  EXPECT_REJECTED(assistant_, "reconcile.submit", in, K::kForbidden, "authz.denied", "000 第4 1(3)");
  EXPECT_REJECTED(officer_, "reconcile.submit", Json({{"unit_id", section_a_}, {"kind", "medium"}}),
                  K::kInvalidArgument, "input.required", "000 第4 1(3)");
  EXPECT_REJECTED(officer_, "reconcile.submit",
                  Json({{"unit_id", section_a_}, {"kind", "medium"}, {"counted", {1, 2}}}), K::kInvalidArgument,
                  "input.malformed", "000 第4 1(3)");

  Json out = Run(officer_, "reconcile.submit", in);
  EXPECT_EQ(out["expected"], 2);  // M-001, M-002
  EXPECT_EQ(out["counted"], 3);
  EXPECT_EQ(out["discrepancies"], 3);
  EXPECT_EQ(out["state"], "open");
  const int64_t rec = out["reconciliation_id"].get<int64_t>();
  std::map<std::string, std::string> found;
  std::map<std::string, int64_t> ids;
  auto rows = engine().Read([&](Conn& c) {
    return c.Query("SELECT control_no, kind, ledger_state, id FROM discrepancies WHERE reconciliation_id = ?", {rec});
  });
  ASSERT_TRUE(rows.ok());
  for (const Row& r : rows->rows) found[r.Str(0)] = r.Str(1) + "/" + r.Str(2), ids[r.Str(0)] = r.Int(3);
  EXPECT_EQ(found, (std::map<std::string, std::string>{
                       {"M-002", "missing/in_storage"}, {"M-003", "unexpected/in_use"}, {"X-999", "unknown/"}}));

  EXPECT_REJECTED(officer_, "reconcile.resolve", Json({{"discrepancy_id", ids["M-002"]}}), K::kInvalidArgument,
                  "input.required", "000 第4 1(3)");
  EXPECT_REJECTED(staff1_, "reconcile.resolve", Json({{"discrepancy_id", ids["M-002"]}, {"resolution", "x"}}),
                  K::kForbidden, "authz.denied", "000 第4 1(3)");
  Json r1 = Run(officer_, "reconcile.resolve",
                Json{{"discrepancy_id", ids["M-002"]}, {"resolution", "机上で発見、保管庫へ"}});
  EXPECT_EQ(r1["state"], "open");
  EXPECT_EQ(r1["open_discrepancies"], 2);
  EXPECT_REJECTED(officer_, "reconcile.resolve", Json({{"discrepancy_id", ids["M-002"]}, {"resolution", "again"}}),
                  K::kConflict, "reconcile.resolved", "000 第4 1(3)");
  EXPECT_EQ(
      Run(officer_, "reconcile.resolve", Json{{"discrepancy_id", ids["M-003"]}, {"resolution", "記入漏れ"}})["state"],
      "open");
  EXPECT_EQ(Row1("SELECT state FROM reconciliations WHERE id = ?", {rec})["state"], "open");
  Json r3 = Run(officer_, "reconcile.resolve", Json{{"discrepancy_id", ids["X-999"]}, {"resolution", "他課の媒体"}});
  EXPECT_EQ(r3["state"], "closed");
  Fields closed = Row1("SELECT state, closed_at FROM reconciliations WHERE id = ?", {rec});
  EXPECT_EQ(closed["state"], "closed");
  EXPECT_NE(closed["closed_at"], "NULL");

  // A count that matches closes at once; items in use are reported, not discrepancies.
  Json ok = Run(officer_, "reconcile.submit",
                Json{{"unit_id", section_a_}, {"kind", "medium"}, {"counted", {"M-001", "M-002"}}});
  EXPECT_EQ(ok["discrepancies"], 0);
  EXPECT_EQ(ok["in_use"], 1);
  EXPECT_EQ(ok["state"], "closed");
  // Devices are reconciled separately.
  Json dev =
      Run(officer_, "reconcile.submit", Json{{"unit_id", section_a_}, {"kind", "device"}, {"counted", Json::array()}});
  EXPECT_EQ(dev["discrepancies"], 1);
  EXPECT_EQ(dev["state"], "open");
}

TEST_F(LedgerTest, TrailVerifiesAfterASequenceAndCatchesAnEditBehindItsBack) {
  UseAndCheck(staff1_, "M-001");
  UseAndCheck(staff2_, "D-001");
  TakeOut("M-002", "lend");
  Run(staff1_, "item.record_borrower", Json{{"control_no", "M-002"}, {"borrower", "統合幕僚監部 森"}});
  Run(staff1_, "item.record_destruction", DestructionInput("M-003", witness_.person_id));
  Run(witness_, "item.witness_destruction", Json{{"control_no", "M-003"}});
  Run(officer_, "reconcile.submit", Json{{"unit_id", section_a_}, {"kind", "medium"}, {"counted", {"M-001"}}});
  auto verify = [&]() { return VerifyTrail(); };
  auto report = verify();
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->ok) << report->problem_en;
  EXPECT_EQ(report->events, TrailSize());
  EXPECT_GE(report->heads_checked, 1);
  EXPECT_GT(report->rows, 0);

  // An edit that bypasses the command path is caught.
  auto conn = app_->store().Connect(false);
  ASSERT_TRUE(conn.ok());
  ASSERT_TRUE((*conn)->Exec("UPDATE items SET state = 'in_storage' WHERE control_no = 'M-003'").ok());
  auto tampered = verify();
  ASSERT_TRUE(tampered.ok());
  EXPECT_FALSE(tampered->ok);
}

// Regression: Query results once pointed their rows at the column list of a moved-from local, so
// Row::name() dangled in ItemDetail and ReconciliationDetail. Rows now share their column names.
TEST_F(LedgerTest, ItemDetailAndReconciliationDetailNameTheirColumns) {
  Checkout(staff1_, "M-001");
  auto detail = engine().Read([](Conn& c) { return ItemDetail(c, "M-001", std::nullopt); });
  ASSERT_TRUE(detail.ok()) << detail.status().ToString();
  EXPECT_EQ((*detail)["item"].value("control_no", ""), "M-001");
  EXPECT_EQ((*detail)["item"].value("state", ""), "in_use");
  EXPECT_EQ((*detail)["item"].value("unit_name", ""), "情報通信課");
  EXPECT_EQ((*detail)["entries"].size(), 1u);
  const int64_t rec =
      Run(officer_, "reconcile.submit",
          Json{{"unit_id", section_a_}, {"kind", "medium"}, {"counted", {"M-002", "M-003"}}})["reconciliation_id"]
          .get<int64_t>();
  auto rd = engine().Read([&](Conn& c) { return ReconciliationDetail(c, rec); });
  ASSERT_TRUE(rd.ok()) << rd.status().ToString();
  EXPECT_EQ((*rd)["reconciliation"].value("state", ""), "closed");
  EXPECT_EQ((*rd)["reconciliation"].value("unit_name", ""), "情報通信課");
}

}  // namespace
}  // namespace mamori::ledger_test
