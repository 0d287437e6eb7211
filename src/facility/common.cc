// Helpers of the facility module (facility_internal.h).

#include "facility/facility_internal.h"
#include "identity/catalog.h"

namespace mamori::facility_internal {
namespace {

// The role's names from the catalog; the 001 names when the organization's profiles lack the role.
std::pair<std::string, std::string> RoleNames(const Catalog& catalog, const std::string& role) {
  if (const RoleDef* def = catalog.FindRole(role)) return {def->name_ja, def->name_en};
  if (role == kKeeperRole) return {"管理責任者", "Physical Security Manager"};
  if (role == kConsentRole) return {"保護システム管理者", "Protected-System Administrator"};
  if (role == kEscortRole) return {"立入りの同行監視者", "Visitor Escort"};
  return {role, role};
}

}  // namespace

bool IsFacilityKind(const std::string& kind) { return kind == "handling_facility" || kind == "related_facility"; }

Result<bool> HoldsRoleNow(Conn& conn, int64_t person_id, const std::string& role, const std::string& now) {
  ASSIGN_OR_RETURN(Rows r, conn.Query(
      "SELECT 1 FROM designations d JOIN persons p ON p.id = d.person_id WHERE d.person_id = ? AND d.role_code = ? "
      "AND p.active = 1 AND d.revoked_at IS NULL AND d.valid_from <= ? AND (d.valid_until IS NULL OR d.valid_until > ?)",
      {person_id, role, now, now}));
  return !r.empty();
}

Status AuthorizeRole(Tx& tx, const char* role, const char* rule, const char* clause, const std::string& act_ja,
                     const std::string& act_en) {
  if (tx.actor().system) return tx.AuthorizeSystem();
  ASSIGN_OR_RETURN(bool holds, HoldsRoleNow(tx.conn(), tx.actor().person_id, role, tx.now_text()));
  if (!holds) {
    const auto [ja, en] = RoleNames(tx.catalog(), role);
    return Status::Error(ErrorKind::kForbidden, rule, clause, act_ja + "は" + ja + "が行います。",
                         "Only the " + en + " may " + act_en + ".");
  }
  tx.AuthorizedBy(std::string("holder of ") + role);
  return Status::Ok();
}

Result<Record> LoadFacility(Tx& tx, const Input& in) {
  const bool from_route = in.Has("unit_id");
  const char* key = from_route && !in.Has("facility_unit_id") ? "unit_id" : "facility_unit_id";
  ASSIGN_OR_RETURN(int64_t unit_id, in.Int(Field{key, kFacilityClause, "取扱施設等", "facility"}));
  if (from_route && std::string(key) == "facility_unit_id") {
    ASSIGN_OR_RETURN(int64_t path_unit, in.Int(Field{"unit_id", kFacilityClause, "取扱施設等", "facility"}));
    if (path_unit != unit_id)
      return Status::Error(ErrorKind::kInvalidArgument, "entry.facility_mismatch", kFacilityClause,
                           "経路の取扱施設等と facility_unit_id が異なります。",
                           "The facility of the path and facility_unit_id differ.", "facility_unit_id");
  }
  ASSIGN_OR_RETURN(Rows r, tx.conn().Query("SELECT kind FROM org_units WHERE id = ?", {unit_id}));
  if (r.empty())
    return Status::Error(ErrorKind::kNotFound, "entry.not_facility", kFacilityClause,
                         "その取扱施設等はありません。", "No such facility.", key);
  if (!IsFacilityKind(r.rows[0].Str(0)))
    return Status::Error(ErrorKind::kRuleViolation, "entry.not_facility", kFacilityClause,
                         "取扱施設又は関係施設として指定された組織ではありません。",
                         "This unit is not designated as a handling facility or a related facility.", key);
  return tx.Get("org_units", unit_id);
}

Result<Record> LoadPermit(Tx& tx, const Input& in, const char* clause) {
  ASSIGN_OR_RETURN(int64_t id, in.Int(Field{"permit_id", clause, "立入許可", "entry permit"}));
  ASSIGN_OR_RETURN(Rows r, tx.conn().Query("SELECT 1 FROM entry_permits WHERE id = ?", {id}));
  if (r.empty())
    return Status::Error(ErrorKind::kNotFound, "entry.permit_not_found", clause, "その立入許可はありません。",
                         "No such entry permit.", "permit_id");
  return tx.Get("entry_permits", id);
}

Result<Record> ActivePerson(Tx& tx, int64_t person_id, const char* rule, const char* clause, const char* field) {
  ASSIGN_OR_RETURN(Rows r, tx.conn().Query("SELECT 1 FROM persons WHERE id = ?", {person_id}));
  if (r.empty())
    return Status::Error(ErrorKind::kNotFound, "persons.not_found", clause, "その者は登録されていません。",
                         "No such person.", field);
  ASSIGN_OR_RETURN(Record person, tx.Get("persons", person_id));
  if (RecInt(person, "active") != 1)
    return Status::Error(ErrorKind::kRuleViolation, rule, clause, "在籍していない者です。", "This person has left.",
                         field);
  return person;
}

Result<TimeZone> OrgZone(Conn& conn) {
  ASSIGN_OR_RETURN(Rows org, conn.Query("SELECT timezone FROM org WHERE id = 1"));
  if (org.empty()) return TimeZone{};
  return TimeZone::FromName(org.rows[0].Str(0));
}

Result<std::string> LocalToday(Tx& tx) {
  ASSIGN_OR_RETURN(TimeZone tz, OrgZone(tx.conn()));
  return LocalDate(tx.now(), tz);
}

Value ActorPerson(const Tx& tx) { return tx.actor().person_id ? Value(tx.actor().person_id) : NullValue(); }

}  // namespace mamori::facility_internal
