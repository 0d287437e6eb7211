#include "identity/catalog.h"

#include <algorithm>

namespace mamori {

Result<Catalog> Catalog::FromYaml(std::string_view yaml, std::string_view source) {
  ASSIGN_OR_RETURN(Profile p, LoadRolesFile(yaml, source));
  Catalog c;
  c.profile_ = p.name;
  c.legal_basis_ = p.legal_basis;
  c.Add(p);
  return c;
}

Result<Catalog> Catalog::ForProfile(std::string_view profile) { return ForProfiles({std::string(profile)}); }

Result<Catalog> Catalog::ForProfiles(const std::vector<std::string>& profiles) {
  ASSIGN_OR_RETURN(auto loaded, LoadProfiles(profiles));
  if (loaded.empty()) return Status::Internal("no profile");
  return FromProfiles(loaded);
}

Catalog Catalog::FromProfiles(const std::vector<std::shared_ptr<const Profile>>& profiles) {
  Catalog c;
  if (!profiles.empty()) {
    c.profile_ = profiles[0]->name;
    c.legal_basis_ = profiles[0]->legal_basis;
  }
  for (const auto& p : profiles) c.Add(*p);
  return c;
}

void Catalog::Add(const Profile& p) {
  for (const PermissionDef& d : p.permissions)
    if (!FindPermission(d.code)) permissions_.push_back(d);
  for (const RoleDef& r : p.roles) {
    roles_.push_back(r);
    role_profile_.push_back(p.name);
  }
  separations_[p.name] = p.separation;
  four_eyes_.insert(four_eyes_.end(), p.separation.four_eyes.begin(), p.separation.four_eyes.end());
  agreements_.insert(agreements_.end(), p.agreements.begin(), p.agreements.end());
  rosters_.insert(rosters_.end(), p.rosters.begin(), p.rosters.end());
}

std::string Catalog::SeparationClause(std::string_view role) const {
  auto it = separations_.find(ProfileOf(role));
  return it == separations_.end() ? "" : it->second.clause;
}

const AgreementDef* Catalog::FindAgreement(std::string_view code) const {
  for (const AgreementDef& a : agreements_)
    if (a.code == code) return &a;
  return nullptr;
}

std::vector<const AgreementDef*> Catalog::AgreementsRequiredFor(std::string_view role) const {
  std::vector<const AgreementDef*> out;
  for (const AgreementDef& a : agreements_)
    if (std::find(a.required_for.begin(), a.required_for.end(), role) != a.required_for.end()) out.push_back(&a);
  return out;
}

const RosterDef* Catalog::FindRoster(std::string_view code) const {
  for (const RosterDef& r : rosters_)
    if (r.code == code) return &r;
  return nullptr;
}

const RosterDef* Catalog::GatingRoster() const {
  for (const RosterDef& r : rosters_)
    if (r.gates_protected) return &r;
  return nullptr;
}

std::string Catalog::ProfileOf(std::string_view role) const {
  for (size_t i = 0; i < roles_.size(); ++i)
    if (roles_[i].code == role) return role_profile_[i];
  return "";
}

bool Catalog::MayHoldTogether(std::string_view a, std::string_view b) const {
  const RoleDef* ra = FindRole(a);
  const RoleDef* rb = FindRole(b);
  if (!ra || !rb) return false;
  if (a == b || ra->implicit_member || rb->implicit_member) return true;
  const std::string pa = ProfileOf(a), pb = ProfileOf(b);
  if (pa != pb) return true;
  auto it = separations_.find(pa);
  if (it == separations_.end() || !it->second.has_compatible) return true;
  for (const auto& [x, y] : it->second.compatible)
    if ((x == a && y == b) || (x == b && y == a)) return true;
  return false;
}

Result<std::vector<std::string>> TakenProfiles(Conn& conn) {
  ASSIGN_OR_RETURN(Rows org, conn.Query("SELECT profile FROM org WHERE id = 1"));
  std::vector<std::string> out{org.empty() ? "mod-internal" : org.rows[0].Str(0)};
  if (org.empty()) return out;
  ASSIGN_OR_RETURN(Rows more, conn.Query("SELECT profile FROM org_profiles ORDER BY id"));
  for (const Row& r : more.rows)
    if (std::find(out.begin(), out.end(), r.Str(0)) == out.end()) out.push_back(r.Str(0));
  return out;
}

const RoleDef* Catalog::FindRole(std::string_view code) const {
  for (const auto& r : roles_)
    if (r.code == code) return &r;
  return nullptr;
}

const PermissionDef* Catalog::FindPermission(std::string_view code) const {
  for (const auto& p : permissions_)
    if (p.code == code) return &p;
  return nullptr;
}

std::vector<const RoleDef*> Catalog::RolesWithPermission(std::string_view permission) const {
  std::vector<const RoleDef*> out;
  for (const auto& r : roles_)
    for (const auto& p : r.permissions)
      if (p == permission) out.push_back(&r);
  return out;
}

Result<std::vector<int64_t>> UnitAndAncestors(Conn& conn, int64_t unit_id) {
  std::vector<int64_t> ids;
  RETURN_IF_ERROR(conn.ForEach(
      "WITH RECURSIVE up(id) AS (SELECT ? UNION ALL SELECT u.parent_id FROM org_units u JOIN up ON u.id = up.id "
      "WHERE u.parent_id IS NOT NULL) SELECT id FROM up",
      {unit_id}, [&](const Row& r) {
        ids.push_back(r.Int(0));
        return true;
      }));
  return ids;
}

Result<bool> HasPermission(Conn& conn, const Catalog& catalog, int64_t person_id, std::string_view permission,
                           int64_t unit_id, const std::string& now, const std::vector<int64_t>* known_scope) {
  const auto roles = catalog.RolesWithPermission(permission);
  if (roles.empty() || person_id == 0) return false;
  std::vector<int64_t> scope;
  if (known_scope) {
    scope = *known_scope;
  } else {
    ASSIGN_OR_RETURN(scope, UnitAndAncestors(conn, unit_id));
  }
  std::string role_list;
  Params params{person_id};
  for (const RoleDef* r : roles) {
    if (r->implicit_member) {  // 職員 of exactly this 課室等, not of the units above it
      ASSIGN_OR_RETURN(Rows m, conn.Query("SELECT 1 FROM persons WHERE id = ? AND active = 1 AND unit_id = ?",
                                          {person_id, unit_id}));
      if (!m.empty()) return true;
      continue;
    }
    role_list += role_list.empty() ? "?" : ",?";
    params.push_back(r->code);
  }
  if (role_list.empty()) return false;
  params.push_back(now);
  params.push_back(now);
  ASSIGN_OR_RETURN(Rows rows,
                   conn.Query("SELECT d.role_code, d.unit_id FROM designations d WHERE d.person_id = ? AND d.role_code IN (" +
                                  role_list +
                                  ") AND d.revoked_at IS NULL AND d.valid_from <= ? AND (d.valid_until IS NULL OR "
                                  "d.valid_until > ?)",
                              params));
  for (const Row& r : rows.rows) {
    const RoleDef* role = catalog.FindRole(r.Str(0));
    if (role && role->org_wide) return true;
    for (int64_t id : scope)
      if (id == r.Int(1)) return true;
  }
  return false;
}

}  // namespace mamori

namespace mamori {

Result<std::optional<std::vector<int64_t>>> UnitsWithPermission(Conn& conn, const Catalog& catalog, int64_t person_id,
                                                                std::string_view permission, const std::string& now) {
  using Out = std::optional<std::vector<int64_t>>;
  std::vector<int64_t> roots, out;
  for (const RoleDef* r : catalog.RolesWithPermission(permission)) {
    if (r->implicit_member) {  // the person's own unit only
      ASSIGN_OR_RETURN(Rows m, conn.Query("SELECT unit_id FROM persons WHERE id = ? AND active = 1", {person_id}));
      for (const Row& row : m.rows) out.push_back(row.Int(0));
      continue;
    }
    ASSIGN_OR_RETURN(Rows d, conn.Query("SELECT unit_id FROM designations WHERE person_id = ? AND role_code = ? AND "
                                        "revoked_at IS NULL AND valid_from <= ? AND (valid_until IS NULL OR "
                                        "valid_until > ?)", {person_id, r->code, now, now}));
    if (!d.empty() && r->org_wide) return Out();
    for (const Row& row : d.rows) roots.push_back(row.Int(0));
  }
  for (int64_t root : roots) {
    RETURN_IF_ERROR(conn.ForEach("WITH RECURSIVE down(id) AS (SELECT ? UNION ALL SELECT u.id FROM org_units u JOIN down "
                                 "ON u.parent_id = down.id) SELECT id FROM down", {root}, [&](const Row& r) {
                                   out.push_back(r.Int(0));
                                   return true;
                                 }));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return Out(std::move(out));
}

}  // namespace mamori
