// A person leaving or moving to another unit (001 第5 2(1)オ, 2(2)ウ; 000 第2 2(2)): person.leave ends
// everything the person holds in the same command — designations, accounts, sessions and API tokens — so
// that access stops at once; person.transfer moves the person to another unit. Both emit person.left /
// person.transferred (src/obligation/events.cc), which raise the roster updates, the reconfirmation
// interview and the training the profiles' triggers name for holders of the roles concerned.

#include "engine/engine.h"
#include "engine/input.h"
#include "identity/catalog.h"
#include "identity/identity.h"

namespace mamori {
namespace {

const Field kPerson{"person_id", "", "職員", "person"};
const Field kReason{"reason", "", "事由", "reason"};
const Field kNewUnit{"unit_id", "", "異動先", "new unit"};

// The clause people are administered under in this organization's profiles (org.admin's).
std::string AdminClause(const Tx& tx) {
  const PermissionDef* p = tx.catalog().FindPermission("org.admin");
  return p ? p->clause : "";
}

// The person, refused if they have already left.
Result<Record> ActivePerson(Tx& tx, int64_t person_id) {
  ASSIGN_OR_RETURN(Record person, tx.Get("persons", person_id));
  if (RecInt(person, "active") != 1)
    return Status::Error(ErrorKind::kConflict, "person.inactive", AdminClause(tx), "この者は既に離職しています。",
                         "This person has already left.", "person_id");
  return person;
}

// Ends every designation of `person_id` still in force; returns how many.
Result<int64_t> EndDesignations(Tx& tx, int64_t person_id) {
  ASSIGN_OR_RETURN(Rows open, tx.conn().Query(
      "SELECT id FROM designations WHERE person_id = ? AND revoked_at IS NULL AND (valid_until IS NULL OR valid_until > ?) "
      "ORDER BY id", {person_id, tx.now_text()}));
  for (const Row& row : open.rows) {
    ASSIGN_OR_RETURN(Record d, tx.Get("designations", row.Int(0)));
    d["revoked_at"] = tx.now_text();
    d["revoked_by_person_id"] = tx.actor().person_id ? Value(tx.actor().person_id) : NullValue();
    RETURN_IF_ERROR(tx.Put("designations", d));
  }
  return static_cast<int64_t>(open.rows.size());
}

// Disables the person's account (if any) and ends its sessions and API tokens.
Result<bool> DisableAccount(Tx& tx, int64_t person_id) {
  ASSIGN_OR_RETURN(Rows acc, tx.conn().Query("SELECT id FROM accounts WHERE person_id = ?", {person_id}));
  if (acc.empty()) return false;
  const int64_t account_id = acc.rows[0].Int(0);
  ASSIGN_OR_RETURN(Record a, tx.Get("accounts", account_id));
  a["disabled"] = int64_t{1};
  RETURN_IF_ERROR(tx.Put("accounts", a));
  RETURN_IF_ERROR(tx.ExecUncovered("UPDATE sessions SET revoked = 1 WHERE account_id = ?", {account_id}));
  RETURN_IF_ERROR(tx.ExecUncovered("UPDATE api_tokens SET revoked_at = ? WHERE account_id = ? AND revoked_at IS NULL",
                                   {tx.now_text(), account_id}));
  return true;
}

// {person_id, reason}: the person leaves (退職・転出 …) now.
Status PersonLeave(Tx& tx, const Json& j) {
  Input in(j);
  ASSIGN_OR_RETURN(int64_t person_id, in.Int(kPerson));
  ASSIGN_OR_RETURN(std::string reason, in.Text(kReason));
  ASSIGN_OR_RETURN(Record person, tx.Get("persons", person_id));
  RETURN_IF_ERROR(tx.Authorize("org.admin", RecInt(person, "unit_id")));
  ASSIGN_OR_RETURN(person, ActivePerson(tx, person_id));
  if (person_id == tx.actor().person_id)
    return Status::Error(ErrorKind::kConflict, "person.leave_self", AdminClause(tx),
                         "自分自身の離職は記録できません。他の管理者が記録します。",
                         "You cannot record your own leaving: another administrator records it.", "person_id");
  person["active"] = int64_t{0};
  RETURN_IF_ERROR(tx.Put("persons", person));
  ASSIGN_OR_RETURN(int64_t ended, EndDesignations(tx, person_id));
  ASSIGN_OR_RETURN(bool account, DisableAccount(tx, person_id));
  tx.SetEntity("person:" + std::to_string(person_id));
  tx.output() = Json{{"person_id", person_id}, {"designations_ended", ended}, {"account_disabled", account}};
  return Status::Ok();
}

// {person_id, unit_id, reason}: the person moves to another unit (異動). Designations stay: the
// administrator ends those the new post does not need (the roster duties raised say which rosters change).
Status PersonTransfer(Tx& tx, const Json& j) {
  Input in(j);
  ASSIGN_OR_RETURN(int64_t person_id, in.Int(kPerson));
  ASSIGN_OR_RETURN(int64_t unit, in.Int(kNewUnit));
  ASSIGN_OR_RETURN(std::string reason, in.Text(kReason));
  ASSIGN_OR_RETURN(Record person, tx.Get("persons", person_id));
  RETURN_IF_ERROR(tx.Get("org_units", unit).status());
  RETURN_IF_ERROR(tx.Authorize("org.admin", RecInt(person, "unit_id")));
  RETURN_IF_ERROR(tx.Authorize("org.admin", unit));
  ASSIGN_OR_RETURN(person, ActivePerson(tx, person_id));
  if (RecInt(person, "unit_id") == unit)
    return Status::Error(ErrorKind::kConflict, "person.same_unit", AdminClause(tx), "異動先が現在の所属と同じです。",
                         "The new unit is the person's current unit.", "unit_id");
  person["unit_id"] = unit;
  RETURN_IF_ERROR(tx.Put("persons", person));
  ASSIGN_OR_RETURN(Rows held, tx.conn().Query(
      "SELECT id FROM designations WHERE person_id = ? AND revoked_at IS NULL AND (valid_until IS NULL OR valid_until > ?)",
      {person_id, tx.now_text()}));
  Json still = Json::array();
  for (const Row& r : held.rows) still.push_back(r.Int(0));
  tx.SetEntity("person:" + std::to_string(person_id));
  tx.output() = Json{{"person_id", person_id}, {"unit_id", unit}, {"designations_in_force", still}};
  return Status::Ok();
}

}  // namespace

void RegisterPersonMovements(Engine& e) {
  e.Register({"person.leave", "Record that a person has left: ends their designations and account (001 第5 2(1)オ)",
              PersonLeave});
  e.Register({"person.transfer", "Move a person to another unit (異動)", PersonTransfer});
}

}  // namespace mamori
