#pragma once
// The role catalog of the organization's regulation profiles, as data (profiles/<name>/roles.yaml, read
// by the profile loader, src/profile/): roles with their clause, who designates them, whether a 指定書
// is issued, the permissions they grant, and which roles one person may hold together. An organization on
// several profiles has one catalog holding the roles of all of them (role codes are unique across them).

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "engine/tx.h"
#include "profile/profile.h"

namespace mamori {

class Catalog {
 public:
  // Parses a roles.yaml alone (it must name its `profile`); errors name file, line, column and key.
  static Result<Catalog> FromYaml(std::string_view yaml, std::string_view source_name);
  // The catalog of the embedded profile `profile` (e.g. "mod-internal"), validated by the profile loader.
  static Result<Catalog> ForProfile(std::string_view profile);
  // One catalog for the embedded profiles `profiles` together ("profile.invalid" if two define a role).
  static Result<Catalog> ForProfiles(const std::vector<std::string>& profiles);
  // One catalog for loaded profiles. REQUIRES: at least one; their role codes checked unique by the caller
  // (LoadProfiles / CheckProfilesTogether).
  static Catalog FromProfiles(const std::vector<std::shared_ptr<const Profile>>& profiles);

  // The first profile's name and legal basis (指定書 cite it).
  const std::string& profile() const { return profile_; }
  const std::string& legal_basis() const { return legal_basis_; }
  const RoleDef* FindRole(std::string_view code) const;
  const PermissionDef* FindPermission(std::string_view code) const;
  // Roles granting `permission`, in catalog order.
  std::vector<const RoleDef*> RolesWithPermission(std::string_view permission) const;
  const std::vector<RoleDef>& roles() const { return roles_; }
  const std::vector<PermissionDef>& permissions() const { return permissions_; }

  // Whether one person may hold roles `a` and `b` together: true unless the roles' profile lists
  // `separation.compatible` pairs and {a, b} is not one of them. Implicit roles, a role with itself and
  // roles of different profiles always combine; an unknown role never does.
  bool MayHoldTogether(std::string_view a, std::string_view b) const;
  // Four-eyes pairs of every profile: the first and second act on one record by different people.
  const std::vector<FourEyesRule>& four_eyes() const { return four_eyes_; }
  // The profile a role comes from ("" if unknown).
  std::string ProfileOf(std::string_view role) const;
  // The separation clause of the role's profile ("" if it has none), cited when a designation would
  // make one person hold two roles the profile keeps apart.
  std::string SeparationClause(std::string_view role) const;

  // people.yaml of every profile: agreements and rosters.
  const AgreementDef* FindAgreement(std::string_view code) const;
  // Agreements that must be in force before `role` is designated.
  std::vector<const AgreementDef*> AgreementsRequiredFor(std::string_view role) const;
  const RosterDef* FindRoster(std::string_view code) const;
  const std::vector<AgreementDef>& agreements() const { return agreements_; }
  const std::vector<RosterDef>& rosters() const { return rosters_; }
  // The roster whose confirmed versions gate access to protected items (nullptr: no gate).
  const RosterDef* GatingRoster() const;

 private:
  void Add(const Profile& p);

  std::string profile_, legal_basis_;
  std::vector<RoleDef> roles_;
  std::vector<PermissionDef> permissions_;
  std::vector<std::string> role_profile_;             // parallel to roles_
  std::map<std::string, SeparationDef> separations_;  // by profile
  std::vector<FourEyesRule> four_eyes_;
  std::vector<AgreementDef> agreements_;
  std::vector<RosterDef> rosters_;
};

// The profiles the organization has taken, first (org.profile) first; {"mod-internal"} before org.init.
Result<std::vector<std::string>> TakenProfiles(Conn& conn);

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
