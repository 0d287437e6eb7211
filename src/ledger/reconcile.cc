// Stock reconciliation (000 第3 1(3), 第4 1(3)): the unit IA officer counts what is in the locked
// storage; mamori compares the count with the ledgers and records each discrepancy until resolved.

#include <set>

#include "ledger/ledger.h"
#include "ledger/ledger_common.h"

namespace mamori::ledger {
namespace {

// States in which the item should physically be in the unit's storage.
bool ExpectedInStorage(const std::string& state) {
  return state == "in_storage" || state == "awaiting_check" || state == "movement_requested" ||
         state == "handover_requested" || state == "handover_approved" || state == "destruction_pending";
}

Status PutDiscrepancy(Tx& tx, int64_t rec_id, Value item_id, const std::string& no, const char* kind,
                      const std::string& state) {
  ASSIGN_OR_RETURN(int64_t id, tx.NextId("discrepancies"));
  return tx.Put("discrepancies", Record{{"id", id}, {"reconciliation_id", rec_id}, {"item_id", item_id},
                                        {"control_no", no}, {"kind", std::string(kind)}, {"ledger_state", state},
                                        {"resolution", NullValue()}, {"resolved_by_person_id", NullValue()},
                                        {"resolved_at", NullValue()}});
}

}  // namespace

Status ReconcileSubmit(Tx& tx, const Json& j) {
  Input in(j);
  ASSIGN_OR_RETURN(int64_t unit_id, in.Int(Field{"unit_id", "000 第4 1(3)", "照合する課室等", "unit"}));
  ASSIGN_OR_RETURN(std::string kind, in.OneOf(Field{"kind", "000 第4 1(3)", "種別（medium/device）", "kind"},
                                              {"medium", "device"}));
  const char* clause = kind == "device" ? "000 第3 1(3)" : "000 第4 1(3)";
  RETURN_IF_ERROR(tx.Get("org_units", unit_id).status());
  RETURN_IF_ERROR(tx.Authorize("ledger.reconcile", unit_id));
  if (!j.contains("counted") || !j["counted"].is_array())
    return Missing(Field{"counted", clause, "保管場所で数えた番号の一覧", "list of control numbers counted in storage"});
  std::set<std::string> counted;
  for (const auto& v : j["counted"]) {
    if (!v.is_string())
      return Malformed(Field{"counted", clause, "数えた番号", "counted numbers"}, "文字列の配列", "an array of strings");
    counted.insert(v.get<std::string>());
  }
  ASSIGN_OR_RETURN(std::string note, in.OptText(Field{"note", "", "備考", "note"}));
  ASSIGN_OR_RETURN(int64_t rec_id, tx.NextId("reconciliations"));
  // The reconciliation row first: discrepancies refer to it.
  Record rec{{"id", rec_id}, {"unit_id", unit_id}, {"kind", kind}, {"counted_by_person_id", tx.actor().person_id},
             {"counted_at", tx.now_text()}, {"expected_count", int64_t{0}},
             {"counted_count", static_cast<int64_t>(counted.size())}, {"state", std::string("open")},
             {"closed_at", NullValue()}, {"note", note}};
  RETURN_IF_ERROR(tx.Put("reconciliations", rec));
  int64_t expected = 0, problems = 0, in_use = 0;
  std::set<std::string> seen;
  struct ItemRow {
    int64_t id;
    std::string no, state;
  };
  std::vector<ItemRow> items;
  RETURN_IF_ERROR(tx.conn().ForEach("SELECT id, control_no, state FROM items WHERE custodian_unit_id = ? AND kind = ?",
                                    {unit_id, kind}, [&](const Row& r) {
                                      items.push_back({r.Int(0), r.Str(1), r.Str(2)});
                                      return true;
                                    }));
  for (const ItemRow& it : items) {
    const bool here = counted.count(it.no) > 0;
    seen.insert(it.no);
    if (ExpectedInStorage(it.state)) {
      ++expected;
      if (!here) {
        RETURN_IF_ERROR(PutDiscrepancy(tx, rec_id, it.id, it.no, "missing", it.state));
        ++problems;
      }
    } else if (here) {
      RETURN_IF_ERROR(PutDiscrepancy(tx, rec_id, it.id, it.no, "unexpected", it.state));
      ++problems;
    } else if (it.state == "in_use" || it.state == "out") {
      ++in_use;
    }
  }
  for (const std::string& no : counted)
    if (!seen.count(no)) {
      RETURN_IF_ERROR(PutDiscrepancy(tx, rec_id, NullValue(), no, "unknown", ""));
      ++problems;
    }
  rec["expected_count"] = expected;
  if (problems == 0) {
    rec["state"] = std::string("closed");
    rec["closed_at"] = tx.now_text();
  }
  RETURN_IF_ERROR(tx.Put("reconciliations", rec));
  tx.SetEntity("reconciliation:" + std::to_string(rec_id));
  tx.output() = Json{{"reconciliation_id", rec_id}, {"expected", expected}, {"counted", counted.size()},
                     {"in_use", in_use}, {"discrepancies", problems}, {"state", RecStr(rec, "state")}};
  return Status::Ok();
}

Status ReconcileResolve(Tx& tx, const Json& j) {
  Input in(j);
  ASSIGN_OR_RETURN(int64_t id, in.Int(Field{"discrepancy_id", "000 第4 1(3)", "差異", "discrepancy"}));
  ASSIGN_OR_RETURN(Record d, tx.Get("discrepancies", id));
  ASSIGN_OR_RETURN(Record rec, tx.Get("reconciliations", RecInt(d, "reconciliation_id")));
  RETURN_IF_ERROR(tx.Authorize("ledger.reconcile", RecInt(rec, "unit_id")));
  if (!RecNull(d, "resolution"))
    return Status::Error(ErrorKind::kConflict, "reconcile.resolved", "000 第4 1(3)", "この差異は解消済みです。",
                         "This discrepancy is already resolved.", "discrepancy_id");
  ASSIGN_OR_RETURN(std::string resolution,
                   in.Text(Field{"resolution", "000 第4 1(3)", "差異の原因と処置", "cause and action taken"}));
  d["resolution"] = resolution;
  d["resolved_by_person_id"] = tx.actor().person_id;
  d["resolved_at"] = tx.now_text();
  RETURN_IF_ERROR(tx.Put("discrepancies", d));
  ASSIGN_OR_RETURN(Rows open, tx.conn().Query(
      "SELECT COUNT(*) FROM discrepancies WHERE reconciliation_id = ? AND resolution IS NULL", {RecInt(rec, "id")}));
  if (open.rows[0].Int(0) == 0) {
    rec["state"] = std::string("closed");
    rec["closed_at"] = tx.now_text();
    RETURN_IF_ERROR(tx.Put("reconciliations", rec));
  }
  tx.SetEntity("reconciliation:" + RecStr(rec, "id"));
  tx.output() = Json{{"reconciliation_id", RecInt(rec, "id")}, {"state", RecStr(rec, "state")},
                     {"open_discrepancies", open.rows[0].Int(0)}};
  return Status::Ok();
}

}  // namespace mamori::ledger
