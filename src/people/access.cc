// The gate on protected items (001 第5 2(1)エ: the handler roster is confirmed by MOD before a handler
// handles protected information; 2(3)ア: nobody but a handler touches it).

#include "identity/catalog.h"
#include "people/people.h"

namespace mamori {

Result<Clearance> ProtectedClearance(Conn& conn, const Catalog& catalog, int64_t person_id, const std::string& now) {
  Clearance c;
  const RosterDef* gate = catalog.GatingRoster();
  if (!gate) {
    c.cleared = true;
    return c;
  }
  c.gated = true;
  ASSIGN_OR_RETURN(Rows holds, conn.Query(
      "SELECT 1 FROM designations d JOIN persons p ON p.id = d.person_id WHERE d.person_id = ? AND d.role_code = ? "
      "AND p.active = 1 AND d.revoked_at IS NULL AND d.valid_from <= ? AND (d.valid_until IS NULL OR d.valid_until > ?)",
      {person_id, gate->role, now, now}));
  if (holds.empty()) {
    c.reason = "not_holder";
    return c;
  }
  // The latest confirmed version (older confirmed ones are superseded when a newer one is confirmed).
  ASSIGN_OR_RETURN(Rows listed, conn.Query(
      "SELECT 1 FROM roster_entries e WHERE e.person_id = ? AND e.version_id = ("
      "  SELECT v.id FROM roster_versions v WHERE v.roster = ? AND v.state = 'confirmed' ORDER BY v.version DESC LIMIT 1)",
      {person_id, gate->code}));
  c.cleared = !listed.empty();
  if (!c.cleared) c.reason = "not_confirmed";
  return c;
}

Result<bool> IsProtectedItem(Conn& conn, int64_t item_id) {
  ASSIGN_OR_RETURN(Rows r, conn.Query("SELECT 1 FROM protected_items WHERE id = ?", {item_id}));
  return !r.empty();
}

Status NotClearedError(const Catalog& catalog, const Clearance& c) {
  const RosterDef* gate = catalog.GatingRoster();
  const RoleDef* role = gate ? catalog.FindRole(gate->role) : nullptr;
  if (!gate || !role) return Status::Internal("no gating roster");
  if (c.reason == "not_holder")
    return Status::Error(ErrorKind::kForbidden, "people.not_handler", role->clause,
                         "保護すべき情報は" + role->name_ja + "以外の者が取り扱うことはできません。",
                         "Only a " + role->name_en + " may handle protected information.");
  return Status::Error(ErrorKind::kForbidden, "people.not_confirmed", gate->confirmation_clause,
                       gate->confirmed_by_ja + "の確認を受けた" + gate->name_ja +
                           "に記載されるまで、保護すべき情報を取り扱うことはできません。",
                       "Protected information may be handled only once a " + gate->name_en + " listing you has been "
                       "confirmed by " + gate->confirmed_by_en + ".");
}

Status CheckProtectedAccess(Tx& tx, int64_t item_id) {
  if (tx.actor().system) return Status::Ok();
  ASSIGN_OR_RETURN(bool is_protected, IsProtectedItem(tx.conn(), item_id));
  if (!is_protected) return Status::Ok();
  ASSIGN_OR_RETURN(Clearance c, ProtectedClearance(tx.conn(), tx.catalog(), tx.actor().person_id, tx.now_text()));
  return c.cleared ? Status::Ok() : NotClearedError(tx.catalog(), c);
}

Status MarkProtected(Tx& tx, int64_t item_id) {
  const RosterDef* gate = tx.catalog().GatingRoster();
  const std::string clause = gate ? gate->confirmation_clause : "";
  ASSIGN_OR_RETURN(bool already, IsProtectedItem(tx.conn(), item_id));
  if (already) return Status::Ok();
  return tx.Put("protected_items", Record{{"id", item_id}, {"clause", clause}, {"marked_at", tx.now_text()},
                                          {"marked_by_person_id", tx.actor().person_id ? Value(tx.actor().person_id)
                                                                                        : NullValue()}});
}

}  // namespace mamori
