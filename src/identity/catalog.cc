#include "identity/catalog.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>

#include "base/embedded.h"

namespace mamori {
namespace {

Status CatalogError(std::string_view source, const std::string& where, const std::string& what) {
  return Status::Error(ErrorKind::kInvalidArgument, "profile.invalid", "",
                       std::string(source) + ": " + where + " が正しくありません（" + what + "）",
                       std::string(source) + ": " + where + " is invalid (" + what + ")");
}

std::vector<std::string> StringList(const YAML::Node& n) {
  std::vector<std::string> out;
  if (n && n.IsSequence())
    for (const auto& x : n) out.push_back(x.as<std::string>());
  return out;
}

std::string Str(const YAML::Node& n, const char* key) { return n[key] ? n[key].as<std::string>() : ""; }
bool Bool(const YAML::Node& n, const char* key) { return n[key] && n[key].as<bool>(); }

}  // namespace

Json RoleDef::ToJson() const {
  return Json{{"code", code},
              {"name_ja", name_ja},
              {"name_en", name_en},
              {"clause", clause},
              {"designated_by", designated_by},
              {"permissions", permissions},
              {"eligible_pool", eligible_pool},
              {"certificate", certificate},
              {"certificate_label", certificate_label},
              {"implicit_member", implicit_member},
              {"org_wide", org_wide},
              {"minimum_necessary", minimum_necessary}};
}

Result<Catalog> Catalog::FromYaml(std::string_view yaml, std::string_view source) {
  Catalog c;
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    return CatalogError(source, "line " + std::to_string(e.mark.line + 1), e.msg);
  }
  c.profile_ = Str(root, "profile");
  c.legal_basis_ = Str(root, "legal_basis");
  if (c.profile_.empty()) return CatalogError(source, "profile", "missing");
  try {
    for (const auto& p : root["permissions"]) {
      PermissionDef d{Str(p, "code"), Str(p, "clause"), Str(p, "name_ja"), Str(p, "name_en")};
      if (d.code.empty() || d.clause.empty() || d.name_ja.empty())
        return CatalogError(source, "permissions[" + d.code + "]", "code, clause and name_ja are required");
      c.permissions_.push_back(std::move(d));
    }
    for (const auto& r : root["roles"]) {
      RoleDef d;
      d.code = Str(r, "code");
      d.name_ja = Str(r, "name_ja");
      d.name_en = Str(r, "name_en");
      d.clause = Str(r, "clause");
      d.designated_by = StringList(r["designated_by"]);
      d.permissions = StringList(r["permissions"]);
      d.eligible_pool = Str(r, "eligible_pool");
      d.certificate = Bool(r, "certificate");
      d.certificate_label = Str(r, "certificate_label");
      d.implicit_member = Bool(r, "implicit_member");
      d.org_wide = Bool(r, "org_wide");
      d.minimum_necessary = Bool(r, "minimum_necessary");
      if (d.code.empty() || d.name_ja.empty() || d.name_en.empty() || d.clause.empty())
        return CatalogError(source, "roles[" + d.code + "]", "code, name_ja, name_en and clause are required");
      c.roles_.push_back(std::move(d));
    }
  } catch (const YAML::Exception& e) {
    return CatalogError(source, "line " + std::to_string(e.mark.line + 1), e.msg);
  }
  for (const RoleDef& r : c.roles_) {
    for (const auto& p : r.permissions)
      if (!c.FindPermission(p)) return CatalogError(source, "roles[" + r.code + "].permissions", "unknown " + p);
    for (const auto& d : r.designated_by)
      if (!c.FindRole(d)) return CatalogError(source, "roles[" + r.code + "].designated_by", "unknown " + d);
    if (!r.eligible_pool.empty() && !c.FindRole(r.eligible_pool))
      return CatalogError(source, "roles[" + r.code + "].eligible_pool", "unknown " + r.eligible_pool);
  }
  return c;
}

Result<Catalog> Catalog::ForProfile(std::string_view profile) {
  const std::string path = "profiles/" + std::string(profile) + "/roles.yaml";
  const auto& files = EmbeddedFiles();
  auto it = files.find(path);
  if (it == files.end())
    return Status::Error(ErrorKind::kInvalidArgument, "profile.unknown", "",
                         "プロファイルがありません: " + std::string(profile), "Unknown profile: " + std::string(profile));
  return FromYaml(it->second, path);
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
