#include "ledger/ledger_common.h"

#include "ledger/ledger.h"
#include "people/people.h"

namespace mamori::ledger {

namespace {
// An item outside the units the actor may view is reported exactly like a missing one, so that
// control numbers of other units cannot be probed through the commands.
// A protected item is refused to anyone not cleared (001 第5 2(1)エ), after the visibility check.
Result<Record> Visible(Tx& tx, Result<Record> item, const std::string& ref) {
  if (!item.ok()) return item;
  ASSIGN_OR_RETURN(bool visible, tx.Can("ledger.view", RecInt(*item, "custodian_unit_id")));
  if (visible) {
    RETURN_IF_ERROR(CheckProtectedAccess(tx, RecInt(*item, "id")));
    return item;
  }
  return Status::Error(ErrorKind::kNotFound, "items.not_found", "000 第4 2(2)",
                       "媒体番号・機器番号 " + ref + " は登録されていません。",
                       "No medium or device with control number " + ref + " is registered.", "control_no");
}
}  // namespace

Result<Record> LoadItem(Tx& tx, const Json& input) {
  Input in(input);
  static const Field kId{"item_id", "", "媒体・機器", "item"};
  static const Field kNo{"control_no", "000 第4 2(2)", "媒体番号・機器番号", "control number"};
  ASSIGN_OR_RETURN(std::optional<int64_t> id, in.OptInt(kId));
  if (id) return Visible(tx, tx.Get("items", *id), std::to_string(*id));
  ASSIGN_OR_RETURN(std::string no, in.Text(kNo));
  ASSIGN_OR_RETURN(Rows r, tx.conn().Query("SELECT id FROM items WHERE control_no = ?", {no}));
  if (r.empty())
    return Status::Error(ErrorKind::kNotFound, "items.not_found", "000 第4 2(2)", "媒体番号・機器番号 " + no + " は登録されていません。",
                         "No medium or device with control number " + no + " is registered.", "control_no");
  return Visible(tx, tx.Get("items", r.rows[0].Int(0)), no);
}

Status RequireState(const Record& item, std::initializer_list<const char*> states, const char* op_ja,
                    const char* op_en, const char* clause) {
  const std::string state = RecStr(item, "state");
  std::string need_ja, need_en;
  for (const char* s : states) {
    if (state == s) return Status::Ok();
    need_ja += (need_ja.empty() ? "" : "・") + StateNameJa(s);
    need_en += (need_en.empty() ? "" : " or ") + StateNameEn(s);
  }
  const std::string no = RecStr(item, "control_no");
  return Status::Error(ErrorKind::kConflict, "ledger.state", clause,
                       no + " は「" + StateNameJa(state) + "」のため" + op_ja + "できません（" + need_ja + "の場合のみ可能）。",
                       no + " is " + StateNameEn(state) + ", so it cannot be " + op_en + " (only when " + need_en + ").");
}

Status RequireKind(const Record& item, const char* kind, const char* clause) {
  if (RecStr(item, "kind") == kind) return Status::Ok();
  const bool medium = std::string(kind) == "medium";
  return Status::Error(ErrorKind::kRuleViolation, "ledger.kind", clause,
                       medium ? "この操作は可搬記憶媒体にのみ行えます。" : "この操作は目的特化型機器にのみ行えます。",
                       medium ? "Only portable storage media allow this." : "Only special-purpose devices allow this.");
}

Result<PersonInfo> LoadPerson(Tx& tx, int64_t person_id) {
  ASSIGN_OR_RETURN(Rows r, tx.conn().Query(
                               "SELECT p.id, p.family_name || ' ' || p.given_name, u.name_ja, p.unit_id, p.active "
                               "FROM persons p JOIN org_units u ON u.id = p.unit_id WHERE p.id = ?",
                               {person_id}));
  if (r.empty())
    return Status::Error(ErrorKind::kNotFound, "persons.not_found", "", "指定された職員がいません（" +
                         std::to_string(person_id) + "）。", "No such person (" + std::to_string(person_id) + ").");
  const Row& row = r.rows[0];
  return PersonInfo{row.Int(0), row.Str(1), row.Str(2), row.Int(3), row.Int(4) == 1};
}

Result<Record> NewEntry(Tx& tx, const Record& item, const std::string& movement, const PersonInfo& user,
                        const std::string& purpose, const std::string& place) {
  ASSIGN_OR_RETURN(int64_t id, tx.NextId("ledger_entries"));
  ASSIGN_OR_RETURN(Rows n, tx.conn().Query("SELECT COALESCE(MAX(row_no), 0) + 1 FROM ledger_entries WHERE item_id = ?",
                                           {RecInt(item, "id")}));
  return Record{{"id", id},
                {"item_id", RecInt(item, "id")},
                {"row_no", n.rows[0].Int(0)},
                {"movement", movement},
                {"started_at", tx.now_text()},
                {"user_person_id", user.id},
                {"user_name", user.name},
                {"purpose", purpose},
                {"place", place},
                {"returned_at", NullValue()},
                {"returned_by_person_id", NullValue()},
                {"check_result", NullValue()},
                {"checked_at", NullValue()},
                {"checked_by_person_id", NullValue()},
                {"period_from", NullValue()},
                {"period_until", NullValue()},
                {"destination", std::string()},
                {"movement_purpose", std::string()},
                {"borrower", std::string()},
                {"handover_at", NullValue()},
                {"handover_executor", std::string()},
                {"handover_recipient", std::string()},
                {"data_minimized", int64_t{0}},
                {"approval", NullValue()},
                {"approved_by_person_id", NullValue()},
                {"approved_at", NullValue()},
                {"approval_note", std::string()},
                {"created_at", tx.now_text()}};
}

Result<Record> CurrentEntry(Tx& tx, const Record& item) {
  if (RecNull(item, "current_entry_id"))
    return Status::Internal("item " + RecStr(item, "control_no") + " has no current ledger row");
  return tx.Get("ledger_entries", RecInt(item, "current_entry_id"));
}

Status SaveItem(Tx& tx, Record& item, const std::string& state) {
  item["state"] = state;
  item["version"] = RecInt(item, "version") + 1;
  tx.SetEntity(ItemEntity(item));
  tx.output()["item_id"] = RecInt(item, "id");
  tx.output()["control_no"] = RecStr(item, "control_no");
  tx.output()["state"] = state;
  return tx.Put("items", item);
}

std::string ItemEntity(const Record& item) { return "item:" + RecStr(item, "control_no"); }

}  // namespace mamori::ledger
