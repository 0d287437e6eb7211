// The ledger's commands. Each: load → authorize in the item's custodian unit → check the
// regulation's invariants (citing the clause) → write rows through Tx::Put.

#include "base/time.h"
#include "identity/catalog.h"
#include "ledger/ledger.h"
#include "ledger/ledger_common.h"
#include "people/people.h"

namespace mamori {
namespace ledger {
namespace {

const Field kControlNo{"control_no", "000 第4 2(2)", "媒体番号・機器番号", "control number"};
const Field kKind{"kind", "000 第4 2(1)", "種別（medium/device）", "kind (medium or device)"};
const Field kType{"type", "000 第4 2(1)", "品目", "type"};
const Field kStorage{"storage", "000 第4 1(1)", "保管場所（かぎのかかる容器）", "locked storage"};
const Field kUnit{"unit_id", "000 第1(6)", "管理する課室等", "custodian unit"};
const Field kVendor{"vendor", "", "製造者（申告）", "vendor (claimed)"};
const Field kProduct{"product", "", "製品名（申告）", "product (claimed)"};
const Field kSerial{"serial", "", "製造番号（申告）", "serial (claimed)"};
const Field kReceivedFrom{"received_from", "000 第4 6(4)", "交付元", "where it was received from"};
const Field kPurpose{"purpose", "000 第4 3(1)", "使用目的", "purpose of use"};
const Field kPlace{"place", "000 第3 3(1)", "設置場所（使用場所）", "place of use"};
const Field kCheck{"result", "000 第4 3(2)", "データ確認の結果（no_data/erased）", "check result (no_data or erased)"};
const Field kMovement{"movement", "000 第4 4(1)", "持出し・貸出しの別", "take-out or lending"};
const Field kFrom{"period_from", "000 第4 4(1)", "持出し・貸出し期間（開始）", "start of the period"};
const Field kUntil{"period_until", "000 第4 4(1)", "持出し・貸出し期間（終了）", "end of the period"};
const Field kDest{"destination", "000 第4 4(1)", "持出し・貸出し先", "destination or borrower"};
const Field kMovePurpose{"movement_purpose", "000 第4 4(1)", "持出し・貸出し目的", "purpose of the take-out or loan"};
const Field kMinimized{"data_minimized", "000 第4 4(1)", "持出し先で不要なデータの消去", "erasure of data not needed there"};
const Field kDecision{"decision", "000 第4 4(2)", "許可・不許可", "decision (approve or reject)"};
const Field kNote{"note", "", "所見", "note"};
const Field kConfirmed{"confirmed_data", "000 第4 4(2)", "必要なデータ以外が保存されていないこと",
                       "that only the data needed there remains"};
const Field kNoCopy{"instructed_no_copy", "000 第4 4(2)", "業務用データを複製しないことの指導",
                    "instruction not to copy the business data"};
const Field kBorrower{"borrower", "000 第4 4(3)", "貸出し相手", "borrower"};
const Field kCopyContent{"content", "000 第4 5(1)", "複製する業務用データの内容", "content of the data copied"};
const Field kCopyParty{"counterparty", "000 第4 5(1)", "複製する相手方", "recipient of the copy"};
const Field kCopyPurpose{"purpose", "000 第4 5(1)", "複製の目的", "purpose of the copy"};
const Field kCopyId{"copy_id", "000 第4 5(2)", "複製の記入", "copy entry"};
const Field kCopyConfirmed{"confirmed_no_other_copy", "000 第4 5(2)", "その他の業務用データを複製しないことの指導",
                           "instruction not to copy any other business data"};
const Field kHandoverAt{"handover_at", "000 第4 6(1)", "交付日時", "handover date and time"};
const Field kHandoverTo{"recipient", "000 第4 6(1)", "交付先", "handover recipient"};
const Field kHandoverPurpose{"handover_purpose", "000 第4 6(1)", "交付目的", "purpose of the handover"};
const Field kHandoverExec{"executor", "000 第4 6(1)", "交付実施者", "handover executor"};
const Field kHandoverParty{"recipient", "000 第4 6(3)", "交付相手", "the party it was handed to"};
const Field kMethod{"method", "000 第4 7(2)", "破棄の方法", "destruction method"};
const Field kDestroyAt{"destroy_at", "000 第4 7(1)", "破棄の日時", "destruction date and time"};
const Field kExecutor{"executor_person_id", "000 第4 7(1)", "破棄の実施者", "executor"};
const Field kWitness{"witness_person_id", "000 第4 7(1)", "破棄立会者", "witness"};
const Field kDisposeKind{"disposal", "000 第3 6(1)", "廃棄等の別（disposal/transfer）", "disposal or transfer"};
const Field kErased{"erasure_confirmed", "000 第3 6(1)", "データが抹消されていること", "that the data have been erased"};
const Field kDevExec{"executor_person_id", "000 第3 6(1)", "廃棄等実施者", "executor"};

Status Violation(const char* rule, const char* clause, const std::string& ja, const std::string& en,
                 const char* field = "") {
  return Status::Error(ErrorKind::kRuleViolation, rule, clause, ja, en, field);
}

Result<PersonInfo> Self(Tx& tx) {
  if (tx.actor().person_id == 0)
    return Status::Error(ErrorKind::kForbidden, "authz.person_required", "000 第4 3(1)",
                         "管理簿への記入は職員本人のアカウントで行ってください。",
                         "Ledger entries must be made from a person's own account.");
  return LoadPerson(tx, tx.actor().person_id);
}

Status RegisterItem(Tx& tx, const Json& j, bool received) {
  Input in(j);
  ASSIGN_OR_RETURN(std::string no, in.Text(kControlNo));
  ASSIGN_OR_RETURN(std::string kind, received ? Result<std::string>(std::string("medium")) : in.OneOf(kKind, {"medium", "device"}));
  ASSIGN_OR_RETURN(std::string type, in.Text(kType));
  ASSIGN_OR_RETURN(std::string storage, in.Text(kStorage));
  ASSIGN_OR_RETURN(int64_t unit_id, in.Int(kUnit));
  ASSIGN_OR_RETURN(std::string vendor, in.OptText(kVendor));
  ASSIGN_OR_RETURN(std::string product, in.OptText(kProduct));
  ASSIGN_OR_RETURN(std::string serial, in.OptText(kSerial));
  std::string from;
  if (received) {
    ASSIGN_OR_RETURN(from, in.Text(kReceivedFrom));
  }
  ASSIGN_OR_RETURN(Record unit, tx.Get("org_units", unit_id));
  RETURN_IF_ERROR(tx.Authorize("ledger.register", unit_id));
  if (RecStr(unit, "kind") == "bureau")
    return Violation("ledger.custodian_unit", "000 第1(6)", "管理簿は課室等ごとに設けます。局には登録できません。",
                     "Ledgers are kept by a 課室等 (section), not by a bureau.", "unit_id");
  ASSIGN_OR_RETURN(Rows dup, tx.conn().Query("SELECT 1 FROM items WHERE control_no = ?", {no}));
  if (!dup.empty())
    return Violation(kind == "medium" ? "ledger.media_number_unique" : "ledger.device_number_unique",
                     kind == "medium" ? "000 第4 2(2)" : "000 第3 2(2)",
                     "番号 " + no + " は既に使われています。番号は媒体・機器ごとに固有でなければなりません。",
                     "Control number " + no + " is already in use; each item needs its own number.", "control_no");
  ASSIGN_OR_RETURN(int64_t id, tx.NextId("items"));
  Record item{{"id", id}, {"control_no", no}, {"kind", kind}, {"type", type}, {"storage", storage},
              {"custodian_unit_id", unit_id}, {"vendor", vendor}, {"product", product}, {"serial", serial},
              {"state", std::string("in_storage")}, {"origin", std::string(received ? "received" : "registered")},
              {"received_from", from}, {"registered_at", tx.now_text()},
              {"registered_by_person_id", tx.actor().person_id ? Value(tx.actor().person_id) : NullValue()},
              {"current_entry_id", NullValue()}, {"final_kind", NullValue()}, {"final_at", NullValue()},
              {"final_method", NullValue()}, {"executor_person_id", NullValue()}, {"executor_affiliation", NullValue()},
              {"executor_name", NullValue()}, {"witness_person_id", NullValue()}, {"witness_affiliation", NullValue()},
              {"witness_name", NullValue()}, {"witnessed_at", NullValue()},
              {"erasure_confirmed_by_person_id", NullValue()}, {"version", int64_t{0}}};
  RETURN_IF_ERROR(SaveItem(tx, item, "in_storage"));
  // Items hold protected information by default where a roster gates it (001 第5 2(1)エ); registering
  // one is handling it, so the registrar must be cleared too.
  bool is_protected = tx.catalog().GatingRoster() != nullptr;
  if (in.Has("protected")) {
    ASSIGN_OR_RETURN(is_protected, in.Flag(Field{"protected", "", "保護すべき情報", "protected"}, false));
  }
  if (!is_protected) return Status::Ok();
  RETURN_IF_ERROR(MarkProtected(tx, id));
  tx.output()["protected"] = true;
  return CheckProtectedAccess(tx, id);
}

Status Checkout(Tx& tx, const Json& j) {
  ASSIGN_OR_RETURN(Record item, LoadItem(tx, j));
  RETURN_IF_ERROR(tx.Authorize("ledger.use", RecInt(item, "custodian_unit_id")));
  const bool device = RecStr(item, "kind") == "device";
  RETURN_IF_ERROR(RequireState(item, {"in_storage"}, "使用", "checked out", device ? "000 第3 3(1)" : "000 第4 3(1)"));
  Input in(j);
  ASSIGN_OR_RETURN(std::string purpose, in.Text(kPurpose));
  std::string place;
  if (device) {
    ASSIGN_OR_RETURN(place, in.Text(kPlace));
  }
  ASSIGN_OR_RETURN(PersonInfo me, Self(tx));
  ASSIGN_OR_RETURN(Record entry, NewEntry(tx, item, "use", me, purpose, place));
  RETURN_IF_ERROR(tx.Put("ledger_entries", entry));
  item["current_entry_id"] = entry["id"];
  tx.output()["entry_id"] = RecInt(entry, "id");
  tx.output()["row_no"] = RecInt(entry, "row_no");
  return SaveItem(tx, item, "in_use");
}

Status Return(Tx& tx, const Json& j) {
  ASSIGN_OR_RETURN(Record item, LoadItem(tx, j));
  RETURN_IF_ERROR(tx.Authorize("ledger.use", RecInt(item, "custodian_unit_id")));
  RETURN_IF_ERROR(RequireState(item, {"in_use", "out"}, "返却", "returned", "000 第4 3(1)"));
  ASSIGN_OR_RETURN(Record entry, CurrentEntry(tx, item));
  entry["returned_at"] = tx.now_text();
  entry["returned_by_person_id"] = tx.actor().person_id ? Value(tx.actor().person_id) : NullValue();
  RETURN_IF_ERROR(tx.Put("ledger_entries", entry));
  return SaveItem(tx, item, "awaiting_check");
}

Status Check(Tx& tx, const Json& j) {
  ASSIGN_OR_RETURN(Record item, LoadItem(tx, j));
  const bool device = RecStr(item, "kind") == "device";
  RETURN_IF_ERROR(tx.Authorize("ledger.check", RecInt(item, "custodian_unit_id")));
  RETURN_IF_ERROR(RequireState(item, {"awaiting_check"}, "返却確認", "checked", device ? "000 第3 3(2)" : "000 第4 3(2)"));
  ASSIGN_OR_RETURN(std::string result, Input(j).OneOf(kCheck, {"no_data", "erased"}));
  ASSIGN_OR_RETURN(Record entry, CurrentEntry(tx, item));
  entry["check_result"] = result;
  entry["checked_at"] = tx.now_text();
  entry["checked_by_person_id"] = tx.actor().person_id ? Value(tx.actor().person_id) : NullValue();
  RETURN_IF_ERROR(tx.Put("ledger_entries", entry));
  item["current_entry_id"] = NullValue();
  return SaveItem(tx, item, "in_storage");
}

Status RequestMovement(Tx& tx, const Json& j) {
  ASSIGN_OR_RETURN(Record item, LoadItem(tx, j));
  RETURN_IF_ERROR(tx.Authorize("ledger.use", RecInt(item, "custodian_unit_id")));
  const bool device = RecStr(item, "kind") == "device";
  const char* clause = device ? "000 第3 4(1)" : "000 第4 4(1)";
  RETURN_IF_ERROR(RequireState(item, {"in_storage"}, "持出し・貸出しの申請", "requested for take-out or lending", clause));
  Input in(j);
  ASSIGN_OR_RETURN(std::string movement, in.OneOf(kMovement, {"take_out", "lend"}));
  if (device && movement != "lend")
    return Violation("ledger.device_lend_only", "000 第3 4(1)", "目的特化型機器は貸出しの手続で持ち出します。",
                     "Special-purpose devices leave only by lending.", "movement");
  ASSIGN_OR_RETURN(std::string purpose, in.Text(kPurpose));
  std::string place;
  if (device) {
    ASSIGN_OR_RETURN(place, in.Text(kPlace));
  }
  ASSIGN_OR_RETURN(Micros from, in.Time(kFrom));
  ASSIGN_OR_RETURN(Micros until, in.Time(kUntil));
  if (until <= from)
    return Violation("ledger.period_order", clause, "期間の終了は開始より後にしてください。",
                     "The end of the period must come after its start.", "period_until");
  ASSIGN_OR_RETURN(std::string dest, in.Text(kDest));
  ASSIGN_OR_RETURN(std::string why, in.Text(kMovePurpose));
  RETURN_IF_ERROR(in.Flag(kMinimized, true).status());
  ASSIGN_OR_RETURN(PersonInfo me, Self(tx));
  ASSIGN_OR_RETURN(Record entry, NewEntry(tx, item, movement, me, purpose, place));
  entry["period_from"] = FormatUtc(from);
  entry["period_until"] = FormatUtc(until);
  entry["destination"] = dest;
  entry["movement_purpose"] = why;
  entry["data_minimized"] = int64_t{1};
  entry["approval"] = std::string("pending");
  RETURN_IF_ERROR(tx.Put("ledger_entries", entry));
  item["current_entry_id"] = entry["id"];
  tx.output()["entry_id"] = RecInt(entry, "id");
  return SaveItem(tx, item, "movement_requested");
}

Status RequestHandover(Tx& tx, const Json& j) {
  ASSIGN_OR_RETURN(Record item, LoadItem(tx, j));
  RETURN_IF_ERROR(tx.Authorize("ledger.use", RecInt(item, "custodian_unit_id")));
  RETURN_IF_ERROR(RequireKind(item, "medium", "000 第4 6(1)"));
  RETURN_IF_ERROR(RequireState(item, {"in_storage"}, "交付の申請", "requested for handover", "000 第4 6(1)"));
  Input in(j);
  ASSIGN_OR_RETURN(std::string purpose, in.Text(kPurpose));
  ASSIGN_OR_RETURN(Micros at, in.Time(kHandoverAt));
  ASSIGN_OR_RETURN(std::string to, in.Text(kHandoverTo));
  ASSIGN_OR_RETURN(std::string why, in.Text(kHandoverPurpose));
  ASSIGN_OR_RETURN(std::string executor, in.Text(kHandoverExec));
  RETURN_IF_ERROR(in.Flag(Field{"data_minimized", "000 第4 6(1)", "交付に不要なデータの消去", "erasure of data not needed"},
                          true).status());
  ASSIGN_OR_RETURN(PersonInfo me, Self(tx));
  ASSIGN_OR_RETURN(Record entry, NewEntry(tx, item, "handover", me, purpose, ""));
  entry["handover_at"] = FormatUtc(at);
  entry["destination"] = to;
  entry["movement_purpose"] = why;
  entry["handover_executor"] = executor;
  entry["data_minimized"] = int64_t{1};
  entry["approval"] = std::string("pending");
  RETURN_IF_ERROR(tx.Put("ledger_entries", entry));
  item["current_entry_id"] = entry["id"];
  tx.output()["entry_id"] = RecInt(entry, "id");
  return SaveItem(tx, item, "handover_requested");
}

Status Approve(Tx& tx, const Json& j) {
  ASSIGN_OR_RETURN(Record item, LoadItem(tx, j));
  const bool device = RecStr(item, "kind") == "device";
  RETURN_IF_ERROR(tx.Authorize("ledger.approve", RecInt(item, "custodian_unit_id")));
  RETURN_IF_ERROR(RequireState(item, {"movement_requested", "handover_requested"}, "許可", "approved",
                               device ? "000 第3 4(2)" : "000 第4 4(2)"));
  ASSIGN_OR_RETURN(Record entry, CurrentEntry(tx, item));
  const bool handover = RecStr(item, "state") == "handover_requested";
  Input in(j);
  ASSIGN_OR_RETURN(std::string decision, in.OneOf(kDecision, {"approve", "reject"}));
  ASSIGN_OR_RETURN(std::string note, in.OptText(kNote));
  if (decision == "approve") {
    const Field confirmed{"confirmed_data", handover ? "000 第4 6(2)" : (device ? "000 第3 4(2)" : "000 第4 4(2)"),
                          "必要なデータ以外が保存されていないこと", "that only the data needed there remains"};
    RETURN_IF_ERROR(in.Flag(confirmed, true).status());
    const bool needs_no_copy = !handover && (device || RecStr(entry, "movement") == "take_out");
    if (needs_no_copy) {
      const Field no_copy{kNoCopy.key, device ? "000 第3 4(2)" : "000 第4 4(2)", kNoCopy.name_ja, kNoCopy.name_en};
      RETURN_IF_ERROR(in.Flag(no_copy, true).status());
    }
  }
  entry["approval"] = decision == "approve" ? std::string("approved") : std::string("rejected");
  entry["approved_by_person_id"] = tx.actor().person_id ? Value(tx.actor().person_id) : NullValue();
  entry["approved_at"] = tx.now_text();
  entry["approval_note"] = note;
  if (decision == "reject") {
    entry["returned_at"] = tx.now_text();  // the row closes: the item never left storage
    entry["check_result"] = std::string("not_taken");
    RETURN_IF_ERROR(tx.Put("ledger_entries", entry));
    item["current_entry_id"] = NullValue();
    return SaveItem(tx, item, "in_storage");
  }
  if (!handover) entry["started_at"] = tx.now_text();
  RETURN_IF_ERROR(tx.Put("ledger_entries", entry));
  return SaveItem(tx, item, handover ? "handover_approved" : "out");
}

Status RecordBorrower(Tx& tx, const Json& j) {
  ASSIGN_OR_RETURN(Record item, LoadItem(tx, j));
  RETURN_IF_ERROR(tx.Authorize("ledger.use", RecInt(item, "custodian_unit_id")));
  RETURN_IF_ERROR(RequireState(item, {"out"}, "貸出し相手の記入", "given a borrower", "000 第4 4(3)"));
  ASSIGN_OR_RETURN(Record entry, CurrentEntry(tx, item));
  if (RecStr(entry, "movement") != "lend")
    return Violation("ledger.borrower_on_loan", "000 第4 4(3)", "貸出し相手は貸出しの場合に記入します。",
                     "A borrower is recorded only for a loan.", "borrower");
  ASSIGN_OR_RETURN(std::string borrower, Input(j).Text(kBorrower));
  entry["borrower"] = borrower;
  RETURN_IF_ERROR(tx.Put("ledger_entries", entry));
  return SaveItem(tx, item, "out");
}

Status RequestCopy(Tx& tx, const Json& j) {
  ASSIGN_OR_RETURN(Record item, LoadItem(tx, j));
  const bool device = RecStr(item, "kind") == "device";
  RETURN_IF_ERROR(tx.Authorize("ledger.use", RecInt(item, "custodian_unit_id")));
  RETURN_IF_ERROR(RequireState(item, {"movement_requested", "out"}, "複製の記入", "copied at the destination",
                               device ? "000 第3 5(1)" : "000 第4 5(1)"));
  Input in(j);
  ASSIGN_OR_RETURN(std::string content, in.Text(kCopyContent));
  ASSIGN_OR_RETURN(std::string party, in.Text(kCopyParty));
  ASSIGN_OR_RETURN(std::string purpose, in.Text(kCopyPurpose));
  ASSIGN_OR_RETURN(int64_t id, tx.NextId("copy_entries"));
  Record copy{{"id", id}, {"entry_id", RecInt(item, "current_entry_id")}, {"item_id", RecInt(item, "id")},
              {"content", content}, {"counterparty", party}, {"purpose", purpose},
              {"requested_by_person_id", tx.actor().person_id}, {"approval", std::string("pending")},
              {"approved_by_person_id", NullValue()}, {"approved_at", NullValue()}, {"approval_note", std::string()},
              {"created_at", tx.now_text()}};
  RETURN_IF_ERROR(tx.Put("copy_entries", copy));
  tx.output()["copy_id"] = id;
  return SaveItem(tx, item, RecStr(item, "state"));
}

Status ApproveCopy(Tx& tx, const Json& j) {
  Input in(j);
  ASSIGN_OR_RETURN(int64_t copy_id, in.Int(kCopyId));
  ASSIGN_OR_RETURN(Record copy, tx.Get("copy_entries", copy_id));
  ASSIGN_OR_RETURN(Record item, tx.Get("items", RecInt(copy, "item_id")));
  RETURN_IF_ERROR(tx.Authorize("ledger.approve", RecInt(item, "custodian_unit_id")));
  if (RecStr(copy, "approval") != "pending")
    return Status::Error(ErrorKind::kConflict, "ledger.copy_decided", "000 第4 5(2)", "この複製は既に決裁済みです。",
                         "This copy has already been decided.", "copy_id");
  ASSIGN_OR_RETURN(std::string decision, in.OneOf(Field{"decision", "000 第4 5(2)", "許可・不許可", "decision"},
                                                  {"approve", "reject"}));
  if (decision == "approve") RETURN_IF_ERROR(in.Flag(kCopyConfirmed, true).status());
  ASSIGN_OR_RETURN(std::string note, in.OptText(kNote));
  copy["approval"] = decision == "approve" ? std::string("approved") : std::string("rejected");
  copy["approved_by_person_id"] = tx.actor().person_id ? Value(tx.actor().person_id) : NullValue();
  copy["approved_at"] = tx.now_text();
  copy["approval_note"] = note;
  RETURN_IF_ERROR(tx.Put("copy_entries", copy));
  tx.output()["copy_id"] = copy_id;
  tx.output()["approval"] = RecStr(copy, "approval");
  return SaveItem(tx, item, RecStr(item, "state"));
}

Status CompleteHandover(Tx& tx, const Json& j) {
  ASSIGN_OR_RETURN(Record item, LoadItem(tx, j));
  RETURN_IF_ERROR(tx.Authorize("ledger.use", RecInt(item, "custodian_unit_id")));
  RETURN_IF_ERROR(RequireState(item, {"handover_approved"}, "交付", "handed over", "000 第4 6(2)"));
  ASSIGN_OR_RETURN(std::string party, Input(j).Text(kHandoverParty));
  ASSIGN_OR_RETURN(Record entry, CurrentEntry(tx, item));
  ASSIGN_OR_RETURN(Record unit, tx.Get("org_units", RecInt(item, "custodian_unit_id")));
  entry["handover_recipient"] = party;
  entry["returned_at"] = NullValue();
  RETURN_IF_ERROR(tx.Put("ledger_entries", entry));
  // The 交付実施者 is the one named in the pre-recorded handover (000 第4 6(1)), acting for the unit.
  item["final_kind"] = std::string("handed_over");
  item["final_at"] = tx.now_text();
  item["executor_person_id"] = NullValue();
  item["executor_affiliation"] = RecStr(unit, "name_ja");
  item["executor_name"] = RecStr(entry, "handover_executor");
  item["current_entry_id"] = NullValue();
  return SaveItem(tx, item, "handed_over");
}

Result<bool> IsDesignatedWitness(Tx& tx, int64_t person_id, int64_t unit_id) {
  ASSIGN_OR_RETURN(std::vector<int64_t> scope, UnitAndAncestors(tx.conn(), unit_id));
  std::string units;
  for (int64_t id : scope) units += (units.empty() ? "" : ",") + std::to_string(id);
  // The witness's designation must come from a person who is, at designation time, the unit's
  // 部隊等情報保証責任者 (000 第4 7(1): 部隊等情報保証責任者が指定する者).
  ASSIGN_OR_RETURN(Rows r, tx.conn().Query(
      "SELECT 1 FROM designations w JOIN designations h ON h.person_id = w.designated_by_person_id "
      "AND h.role_code = 'unit_ia_officer' AND h.revoked_at IS NULL AND h.valid_from <= w.valid_from "
      "AND h.unit_id IN (" + units + ") WHERE w.person_id = ? AND w.role_code = 'destruction_witness' "
      "AND w.revoked_at IS NULL AND w.valid_from <= ? AND (w.valid_until IS NULL OR w.valid_until > ?) "
      "AND w.unit_id IN (" + units + ") LIMIT 1",
      {person_id, tx.now_text(), tx.now_text()}));
  return !r.empty();
}

Status RecordDestruction(Tx& tx, const Json& j) {
  ASSIGN_OR_RETURN(Record item, LoadItem(tx, j));
  const int64_t unit = RecInt(item, "custodian_unit_id");
  RETURN_IF_ERROR(tx.Authorize("ledger.destroy", unit));
  RETURN_IF_ERROR(RequireKind(item, "medium", "000 第4 7(1)"));
  RETURN_IF_ERROR(RequireState(item, {"in_storage"}, "破棄", "destroyed", "000 第4 7(1)"));
  Input in(j);
  ASSIGN_OR_RETURN(std::string method, in.Text(kMethod));
  bool known = false;
  for (const auto& [code, ja] : DestructionMethods()) known |= (method == code || method == ja);
  if (!known)
    return Violation("ledger.destruction_method", "000 第4 7(2)",
                     "破棄は焼却、粉碎、細断、溶解、破壊等の方法により確実に行います（incinerate, pulverize, shred, dissolve, destroy）。",
                     "Destruction must be by incineration, pulverizing, shredding, dissolving or destruction "
                     "(incinerate, pulverize, shred, dissolve, destroy).", "method");
  for (const auto& [code, ja] : DestructionMethods())
    if (method == ja) method = code;
  ASSIGN_OR_RETURN(Micros at, in.Time(kDestroyAt));
  ASSIGN_OR_RETURN(std::optional<int64_t> exec_id, in.OptInt(kExecutor));
  ASSIGN_OR_RETURN(int64_t witness_id, in.Int(kWitness));
  const int64_t executor_id = exec_id.value_or(tx.actor().person_id);
  if (witness_id == executor_id)
    return Violation("ledger.witness_differs", "000 第4 7(1)",
                     "破棄立会者は破棄の実施者と別の者でなければなりません。",
                     "The witness must be a different person from the one who destroys the medium.",
                     "witness_person_id");
  ASSIGN_OR_RETURN(PersonInfo executor, LoadPerson(tx, executor_id));
  ASSIGN_OR_RETURN(PersonInfo witness, LoadPerson(tx, witness_id));
  ASSIGN_OR_RETURN(bool designated, IsDesignatedWitness(tx, witness_id, unit));
  if (!designated)
    return Violation("ledger.witness_designated", "000 第4 7(1)",
                     witness.name + " は部隊等情報保証責任者が指定した破棄立会者ではありません。",
                     witness.name + " is not a destruction witness designated by the unit's IA officer.",
                     "witness_person_id");
  item["final_kind"] = std::string("destroyed");
  item["final_at"] = FormatUtc(at);
  item["final_method"] = method;
  item["executor_person_id"] = executor.id;
  item["executor_affiliation"] = executor.affiliation;
  item["executor_name"] = executor.name;
  item["witness_person_id"] = witness.id;
  return SaveItem(tx, item, "destruction_pending");
}

Status WitnessDestruction(Tx& tx, const Json& j) {
  ASSIGN_OR_RETURN(Record item, LoadItem(tx, j));
  RETURN_IF_ERROR(RequireState(item, {"destruction_pending"}, "立会いの記入", "witnessed", "000 第4 7(1)"));
  if (tx.actor().person_id == RecInt(item, "executor_person_id"))
    return Violation("ledger.witness_differs", "000 第4 7(1)",
                     "破棄の実施者は自分の破棄に立ち会えません。立会者本人が記入してください。",
                     "The executor cannot witness their own destruction; the witness must sign.");
  if (tx.actor().person_id == 0 || tx.actor().person_id != RecInt(item, "witness_person_id"))
    return Status::Error(ErrorKind::kForbidden, "ledger.witness_self", "000 第4 7(1)",
                         "立会いの記入は、指定された破棄立会者本人だけが行えます。",
                         "Only the designated witness may record their own presence.");
  ASSIGN_OR_RETURN(bool designated, IsDesignatedWitness(tx, tx.actor().person_id, RecInt(item, "custodian_unit_id")));
  if (!designated)
    return Violation("ledger.witness_designated", "000 第4 7(1)", "立会者の指定が有効ではありません。",
                     "The witness's designation is no longer in force.");
  tx.AuthorizedBy("designated destruction witness of " + RecStr(item, "control_no"));
  ASSIGN_OR_RETURN(PersonInfo me, LoadPerson(tx, tx.actor().person_id));
  item["witness_affiliation"] = me.affiliation;
  item["witness_name"] = me.name;
  item["witnessed_at"] = tx.now_text();
  return SaveItem(tx, item, "destroyed");
}

Status Dispose(Tx& tx, const Json& j) {
  ASSIGN_OR_RETURN(Record item, LoadItem(tx, j));
  RETURN_IF_ERROR(tx.Authorize("ledger.dispose", RecInt(item, "custodian_unit_id")));
  RETURN_IF_ERROR(RequireKind(item, "device", "000 第3 6(1)"));
  RETURN_IF_ERROR(RequireState(item, {"in_storage"}, "廃棄等", "disposed of", "000 第3 6(1)"));
  Input in(j);
  ASSIGN_OR_RETURN(std::string kind, in.OneOf(kDisposeKind, {"disposal", "transfer"}));
  RETURN_IF_ERROR(in.Flag(kErased, true).status());
  ASSIGN_OR_RETURN(std::optional<int64_t> exec_id, in.OptInt(kDevExec));
  ASSIGN_OR_RETURN(PersonInfo executor, LoadPerson(tx, exec_id.value_or(tx.actor().person_id)));
  ASSIGN_OR_RETURN(std::string note, in.OptText(kNote));
  item["final_kind"] = kind == "disposal" ? std::string("disposed") : std::string("transferred");
  item["final_at"] = tx.now_text();
  item["final_method"] = note;
  item["executor_person_id"] = executor.id;
  item["executor_affiliation"] = executor.affiliation;
  item["executor_name"] = executor.name;
  item["erasure_confirmed_by_person_id"] = tx.actor().person_id ? Value(tx.actor().person_id) : NullValue();
  return SaveItem(tx, item, "disposed");
}

}  // namespace

Status ReconcileSubmit(Tx& tx, const Json& j);
Status ReconcileResolve(Tx& tx, const Json& j);

}  // namespace ledger

void RegisterLedgerCommands(Engine& e) {
  using namespace ledger;
  e.Register({"item.register", "Register a medium or device and open its ledger (000 第3 2, 第4 2)",
              [](Tx& tx, const Json& j) { return RegisterItem(tx, j, false); }});
  e.Register({"item.receive", "Register a medium received from outside the unit (000 第4 6(4))",
              [](Tx& tx, const Json& j) { return RegisterItem(tx, j, true); }});
  e.Register({"item.checkout", "Take an item from storage for use (000 第3 3(1), 第4 3(1))", Checkout});
  e.Register({"item.return", "Return an item to storage (000 第4 3(1))", Return});
  e.Register({"item.check", "Check a returned item for data and erase it (000 第3 3(2), 第4 3(2))", Check});
  e.Register({"item.request_movement", "Request a take-out or loan (000 第3 4(1), 第4 4(1))", RequestMovement});
  e.Register({"item.approve", "Approve or reject a take-out, loan or handover (000 第4 4(2), 6(2))", Approve});
  e.Register({"item.record_borrower", "Record the actual borrower (000 第4 4(3))", RecordBorrower});
  e.Register({"item.request_copy", "Record a copy of business data at the destination (000 第4 5(1))", RequestCopy});
  e.Register({"item.approve_copy", "Approve or reject a copy (000 第4 5(2))", ApproveCopy});
  e.Register({"item.request_handover", "Request a handover (交付) (000 第4 6(1))", RequestHandover});
  e.Register({"item.complete_handover", "Record the handover's recipient (000 第4 6(3))", CompleteHandover});
  e.Register({"item.record_destruction", "Record a destruction before it is done (000 第4 7(1))", RecordDestruction});
  e.Register({"item.witness_destruction", "The designated witness signs the destruction (000 第4 7(1))",
              WitnessDestruction});
  e.Register({"item.dispose", "Dispose of or transfer a device after the erasure check (000 第3 6(1))", Dispose});
  e.Register({"reconcile.submit", "Count storage against the ledgers (000 第3 1(3), 第4 1(3))", ReconcileSubmit});
  e.Register({"reconcile.resolve", "Resolve one discrepancy of a reconciliation", ReconcileResolve});
}

}  // namespace mamori
