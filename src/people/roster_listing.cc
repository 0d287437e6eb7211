// What rosters list: the roster a command or read addresses (organization-wide or one 課室等's record),
// the role's holders now, stored versions and their differences (roster_internal.h).

#include "identity/catalog.h"
#include "people/people.h"
#include "people/roster_internal.h"

namespace mamori {

std::string RosterKey(const RosterDef& roster, int64_t unit_id) {
  return roster.per_unit ? roster.code + "@" + std::to_string(unit_id) : roster.code;
}

namespace people_internal {

Result<RosterScope> ResolveRoster(Conn& conn, const Catalog& catalog, const std::string& code, int64_t unit_id) {
  const RosterDef* def = catalog.FindRoster(code);
  if (!def)
    return Status::Error(ErrorKind::kNotFound, "roster.unknown", "", "この規程にない名簿です: " + code,
                         "No such roster in this organization's profiles: " + code, "roster");
  RosterScope s{def, 0, "", def->code};
  if (!def->per_unit) {
    if (unit_id == 0) return s;
    return Status::Error(ErrorKind::kInvalidArgument, "roster.unit_not_applicable", def->clause,
                         def->name_ja + "は組織で一つの名簿です。課室等は指定できません。",
                         "The " + def->name_en + " is one list for the organization; it takes no unit.", "unit_id");
  }
  if (unit_id == 0) return Missing(Field{"unit_id", def->clause.c_str(), "課室等", "section (unit)"});
  ASSIGN_OR_RETURN(Rows u, conn.Query("SELECT name_ja FROM org_units WHERE id = ?", {unit_id}));
  if (u.empty())
    return Status::Error(ErrorKind::kNotFound, "roster.unit_unknown", def->clause,
                         "その課室等は登録されていません（" + def->name_ja + "）。",
                         "No such unit (" + def->name_en + ").", "unit_id");
  s.unit_id = unit_id;
  s.unit_name = u.rows[0].Str(0);
  s.key = RosterKey(*def, unit_id);
  return s;
}

Result<TimeZone> OrgZone(Conn& conn) {
  ASSIGN_OR_RETURN(Rows org, conn.Query("SELECT timezone FROM org WHERE id = 1"));
  if (org.empty()) return TimeZone{};
  return TimeZone::FromName(org.rows[0].Str(0));
}

Result<std::vector<Listing>> CurrentListing(Conn& conn, const Catalog& catalog, const RosterScope& scope,
                                            const std::string& now) {
  const RosterDef& roster = *scope.def;
  ASSIGN_OR_RETURN(TimeZone tz, OrgZone(conn));
  // `below` is the unit and every unit under it; for an organization-wide roster (unit 0) it is unused.
  ASSIGN_OR_RETURN(Rows r, conn.Query(
      "WITH RECURSIVE below(id) AS (SELECT CAST(? AS INTEGER) UNION ALL SELECT u.id FROM org_units u JOIN below b ON u.parent_id = b.id) "
      "SELECT p.id, p.family_name || ' ' || p.given_name, u.name_ja, pp.birth_date, pp.position, pp.nationality, "
      "  MIN(d.valid_from), p.title "
      "FROM designations d JOIN persons p ON p.id = d.person_id JOIN org_units u ON u.id = p.unit_id "
      "LEFT JOIN person_particulars pp ON pp.id = p.id "
      "WHERE d.role_code = ? AND p.active = 1 AND d.revoked_at IS NULL AND d.valid_from <= ? "
      "  AND (d.valid_until IS NULL OR d.valid_until > ?) "
      "  AND (CAST(? AS INTEGER) = 0 OR p.unit_id IN (SELECT id FROM below)) "
      "GROUP BY p.id, p.family_name, p.given_name, u.name_ja, pp.birth_date, pp.position, pp.nationality, p.title "
      "ORDER BY p.id",
      {scope.unit_id, roster.role, now, now, scope.unit_id}));
  // Roles drawn from the listed role (総括者, 管理者, …) shown beside each person.
  std::vector<std::string> drawn{roster.role};
  for (const RoleDef& role : catalog.roles())
    if (role.eligible_pool == roster.role) drawn.push_back(role.code);
  std::vector<Listing> out;
  for (const Row& row : r.rows) {
    Listing l;
    l.person_id = row.Int(0);
    l.name = row.Str(1);
    l.department = row.Str(2);
    l.has_particulars = !row.IsNull(3);
    if (roster.particulars) {
      l.birth_date = row.IsNull(3) ? "" : row.Str(3);
      l.nationality = row.IsNull(5) ? "" : row.Str(5);
    }
    l.position = row.IsNull(4) ? row.Str(7) : row.Str(4);
    ASSIGN_OR_RETURN(Micros from, ParseTimestamp(row.Str(6)));
    l.designated_on = LocalDate(from, tz);
    ASSIGN_OR_RETURN(Rows held, conn.Query(
        "SELECT DISTINCT role_code FROM designations WHERE person_id = ? AND revoked_at IS NULL AND valid_from <= ? "
        "AND (valid_until IS NULL OR valid_until > ?) ORDER BY role_code", {l.person_id, now, now}));
    for (const std::string& code : drawn)
      for (const Row& h : held.rows)
        if (h.Str(0) == code) l.roles.push_back(code);
    if (!roster.agreement.empty()) {
      ASSIGN_OR_RETURN(Rows a, conn.Query(
          "SELECT MAX(id) FROM agreements WHERE person_id = ? AND kind = ? AND withdrawn_at IS NULL",
          {l.person_id, roster.agreement}));
      if (!a.empty() && !a.rows[0].IsNull(0)) l.agreement_id = a.rows[0].Int(0);
    }
    out.push_back(std::move(l));
  }
  return out;
}

Json ListingJson(const Listing& l) {
  return Json{{"person_id", l.person_id}, {"name", l.name}, {"birth_date", l.birth_date},
              {"department", l.department}, {"position", l.position}, {"nationality", l.nationality},
              {"roles", l.roles}, {"designated_on", l.designated_on},
              {"agreement_id", l.agreement_id ? Json(*l.agreement_id) : Json(nullptr)}};
}

Result<std::vector<Listing>> VersionEntries(Conn& conn, int64_t version_id) {
  ASSIGN_OR_RETURN(Rows r, conn.Query(
      "SELECT person_id, name, birth_date, department, position, nationality, roles, designated_on, agreement_id "
      "FROM roster_entries WHERE version_id = ? ORDER BY person_id", {version_id}));
  std::vector<Listing> out;
  for (const Row& row : r.rows) {
    Listing l;
    l.person_id = row.Int(0);
    l.name = row.Str(1), l.birth_date = row.Str(2), l.department = row.Str(3), l.position = row.Str(4);
    l.nationality = row.Str(5), l.designated_on = row.Str(7);
    l.roles = Json::parse(row.Str(6), nullptr, false);
    if (!row.IsNull(8)) l.agreement_id = row.Int(8);
    out.push_back(std::move(l));
  }
  return out;
}

Result<std::optional<std::pair<int64_t, int64_t>>> LatestVersion(Conn& conn, const std::string& key) {
  ASSIGN_OR_RETURN(Rows r, conn.Query("SELECT id, version FROM roster_versions WHERE roster = ? ORDER BY version DESC LIMIT 1",
                                      {key}));
  if (r.empty()) return std::optional<std::pair<int64_t, int64_t>>();
  return std::optional<std::pair<int64_t, int64_t>>(std::make_pair(r.rows[0].Int(0), r.rows[0].Int(1)));
}

Json Difference(const std::vector<Listing>& before, const std::vector<Listing>& now) {
  Json added = Json::array(), removed = Json::array(), changed = Json::array();
  auto find = [](const std::vector<Listing>& v, int64_t id) -> const Listing* {
    for (const Listing& l : v)
      if (l.person_id == id) return &l;
    return nullptr;
  };
  for (const Listing& l : now) {
    const Listing* b = find(before, l.person_id);
    if (!b)
      added.push_back(Json{{"person_id", l.person_id}, {"name", l.name}});
    else if (ListingJson(*b) != ListingJson(l))
      changed.push_back(Json{{"person_id", l.person_id}, {"name", l.name}});
  }
  for (const Listing& l : before)
    if (!find(now, l.person_id)) removed.push_back(Json{{"person_id", l.person_id}, {"name", l.name}});
  return Json{{"added", added}, {"removed", removed}, {"changed", changed}};
}

Json RosterJson(const RosterScope& s) {
  const RosterDef& r = *s.def;
  Json j{{"code", r.code}, {"clause", r.clause}, {"name_ja", r.name_ja}, {"name_en", r.name_en},
         {"role", r.role}, {"keeper", r.keeper}, {"agreement", r.agreement}, {"particulars", r.particulars},
         {"confirmation_clause", r.confirmation_clause}, {"confirmed_by_ja", r.confirmed_by_ja},
         {"confirmed_by_en", r.confirmed_by_en}, {"gates_protected", r.gates_protected}, {"per_unit", r.per_unit}};
  if (r.per_unit) j["unit"] = Json{{"id", s.unit_id}, {"name_ja", s.unit_name}};
  return j;
}

}  // namespace people_internal
}  // namespace mamori
