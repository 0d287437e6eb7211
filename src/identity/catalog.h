#pragma once
// The role catalog of a regulation profile, as data (profiles/<name>/roles.yaml): roles with their
// clause, who designates them, whether a 指定書 is issued, and the permissions they grant.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "engine/tx.h"

namespace mamori {

struct PermissionDef {
  std::string code, clause, name_ja, name_en;
};

struct RoleDef {
  std::string code, name_ja, name_en, clause;
  std::vector<std::string> designated_by;   // role codes whose holders may designate this role
  std::vector<std::string> permissions;
  std::string eligible_pool;                // a role the designee must already hold ("" = anyone)
  bool certificate = false;                 // designation issues a 指定書 (000 第1(12))
  std::string certificate_label;            // e.g. "第1第1項 情報保証監査責任者"
  bool implicit_member = false;             // held by every active person of a unit, for exactly that unit
  bool org_wide = false;                    // its designations cover every unit
  bool minimum_necessary = false;           // designation requires a justification (000 第1(3)③)
  Json ToJson() const;
};

class Catalog {
 public:
  // Parses a roles.yaml; errors name the key at fault.
  static Result<Catalog> FromYaml(std::string_view yaml, std::string_view source_name);
  // The catalog of the embedded profile `profile` (e.g. "mod-internal").
  static Result<Catalog> ForProfile(std::string_view profile);

  const std::string& profile() const { return profile_; }
  const std::string& legal_basis() const { return legal_basis_; }
  const RoleDef* FindRole(std::string_view code) const;
  const PermissionDef* FindPermission(std::string_view code) const;
  // Roles granting `permission`, in catalog order.
  std::vector<const RoleDef*> RolesWithPermission(std::string_view permission) const;
  const std::vector<RoleDef>& roles() const { return roles_; }
  const std::vector<PermissionDef>& permissions() const { return permissions_; }

 private:
  std::string profile_, legal_basis_;
  std::vector<RoleDef> roles_;
  std::vector<PermissionDef> permissions_;
};

// Checks whether the actor may use `permission` in `unit_id` now (see Tx::Authorize). `scope`, if
// given, is UnitAndAncestors(unit_id) already looked up by the caller.
Result<bool> HasPermission(Conn& conn, const Catalog& catalog, int64_t person_id, std::string_view permission,
                           int64_t unit_id, const std::string& now_text,
                           const std::vector<int64_t>* scope = nullptr);

// Ids of `unit_id` and all its ancestors.
Result<std::vector<int64_t>> UnitAndAncestors(Conn& conn, int64_t unit_id);

}  // namespace mamori

namespace mamori {
// The units in which `person_id` may use `permission` now: every unit under a granting designation
// (or under the person's own unit for implicit roles). nullopt means every unit (an org-wide role).
Result<std::optional<std::vector<int64_t>>> UnitsWithPermission(Conn& conn, const Catalog& catalog, int64_t person_id,
                                                                std::string_view permission, const std::string& now);
}  // namespace mamori
