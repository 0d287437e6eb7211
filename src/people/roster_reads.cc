// The roster reads (people.h): a roster's versions and pending change, one version, a person's
// agreements, and who may read a 課室等's record.

#include "identity/catalog.h"
#include "people/people.h"
#include "people/roster_internal.h"

namespace mamori {
using namespace people_internal;
namespace {

// The roster as RosterJson shows it; for a per-unit roster the unit is named by its code and in both
// languages ({id, code, name_ja, name_en}), so a screen in English need not look the unit up.
Result<Json> ScopedRosterJson(Conn& conn, const RosterScope& scope) {
  Json j = RosterJson(scope);
  if (!scope.def->per_unit) return j;
  ASSIGN_OR_RETURN(Json unit, QueryJson(conn, "SELECT id, code, name_ja, name_en FROM org_units WHERE id = ?",
                                        {scope.unit_id}));
  if (!unit.empty()) j["unit"] = unit[0];
  return j;
}

}  // namespace

Result<Json> RosterOverview(Conn& conn, const Catalog& catalog, const std::string& code, const std::string& now,
                            int64_t unit_id) {
  ASSIGN_OR_RETURN(RosterScope scope, ResolveRoster(conn, catalog, code, unit_id));
  const RosterDef* roster = scope.def;
  ASSIGN_OR_RETURN(Json versions, QueryJson(conn,
      "SELECT v.id, v.version, v.state, v.reason, v.prepared_at, v.submitted_at, v.confirmed_on, v.confirmation_ref, "
      "  (SELECT COUNT(*) FROM roster_entries e WHERE e.version_id = v.id) AS entries "
      "FROM roster_versions v WHERE v.roster = ? ORDER BY v.version DESC", {scope.key}));
  ASSIGN_OR_RETURN(std::vector<Listing> current, CurrentListing(conn, catalog, scope, now));
  ASSIGN_OR_RETURN(auto latest, LatestVersion(conn, scope.key));
  std::vector<Listing> before;
  if (latest) {
    ASSIGN_OR_RETURN(before, VersionEntries(conn, latest->first));
  }
  Json missing = Json::array();
  for (const Listing& l : current)
    if ((roster->particulars && !l.has_particulars) || (!roster->agreement.empty() && !l.agreement_id))
      missing.push_back(Json{{"person_id", l.person_id}, {"name", l.name},
                             {"particulars", !roster->particulars || l.has_particulars},
                             {"agreement", roster->agreement.empty() || l.agreement_id.has_value()}});
  ASSIGN_OR_RETURN(Json roster_json, ScopedRosterJson(conn, scope));
  return Json{{"roster", roster_json}, {"versions", versions}, {"pending", Difference(before, current)},
              {"incomplete", missing}};
}

Result<Json> RosterVersion(Conn& conn, const Catalog& catalog, const std::string& code, int64_t version,
                           bool with_particulars, int64_t unit_id) {
  ASSIGN_OR_RETURN(RosterScope scope, ResolveRoster(conn, catalog, code, unit_id));
  const RosterDef* roster = scope.def;
  ASSIGN_OR_RETURN(Json v, QueryJson(conn, "SELECT * FROM roster_versions WHERE roster = ? AND version = ?",
                                     {scope.key, version}));
  if (v.empty())
    return Status::Error(ErrorKind::kNotFound, "roster.version_not_found", roster->clause,
                         roster->name_ja + "の第" + std::to_string(version) + "版はありません。",
                         "The " + roster->name_en + " has no version " + std::to_string(version) + ".");
  ASSIGN_OR_RETURN(std::vector<Listing> entries, VersionEntries(conn, v[0]["id"].get<int64_t>()));
  Json list = Json::array();
  for (Listing& l : entries) {
    if (!with_particulars) l.birth_date = l.nationality = "";
    list.push_back(ListingJson(l));
  }
  ASSIGN_OR_RETURN(Json roster_json, ScopedRosterJson(conn, scope));
  return Json{{"roster", roster_json}, {"version", v[0]}, {"entries", list},
              {"particulars_shown", with_particulars}};
}

Result<bool> MayReadUnitRoster(Conn& conn, const Catalog& catalog, const std::string& code, int64_t unit_id,
                               int64_t person_id, const std::string& now) {
  const RosterDef* roster = catalog.FindRoster(code);
  if (!roster || !roster->per_unit || unit_id == 0 || person_id == 0) return false;
  ASSIGN_OR_RETURN(std::vector<int64_t> up, UnitAndAncestors(conn, unit_id));
  const RoleDef* keeper = catalog.FindRole(roster->keeper);
  ASSIGN_OR_RETURN(Rows held, conn.Query(
      "SELECT unit_id FROM designations WHERE person_id = ? AND role_code = ? AND revoked_at IS NULL AND valid_from <= ? "
      "AND (valid_until IS NULL OR valid_until > ?)", {person_id, roster->keeper, now, now}));
  for (const Row& r : held.rows)
    for (int64_t id : up)
      if ((keeper && keeper->org_wide) || id == r.Int(0)) return true;
  for (const char* permission : {"org.admin", "people.agreements"}) {
    ASSIGN_OR_RETURN(bool may, HasPermission(conn, catalog, person_id, permission, unit_id, now, &up));
    if (may) return true;
  }
  return false;
}

Result<Json> PersonPeopleRecord(Conn& conn, int64_t person_id, bool with_particulars) {
  ASSIGN_OR_RETURN(Json agreements, QueryJson(conn,
      "SELECT a.id, a.kind, a.clause, a.points, a.signed_on, a.document, a.note, a.withdrawn_at, a.created_at, "
      "  s.supervisor_person_id "
      "FROM agreements a LEFT JOIN agreement_supervisors s ON s.id = a.id "
      "WHERE a.person_id = ? ORDER BY a.id DESC", {person_id}));
  for (Json& a : agreements) a["points"] = Json::parse(a["points"].get<std::string>(), nullptr, false);
  Json out{{"person_id", person_id}, {"agreements", agreements}};
  if (with_particulars) {
    ASSIGN_OR_RETURN(Json p, QueryJson(conn, "SELECT birth_date, nationality, position, updated_at FROM person_particulars "
                                             "WHERE id = ?", {person_id}));
    out["particulars"] = p.empty() ? Json(nullptr) : p[0];
  }
  return out;
}

}  // namespace mamori
