#pragma once
// The state of one profile load, shared by the section readers (sections.cc) and the checks
// (checks.cc). Internal to src/profile/.

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "profile/profile.h"
#include "profile/yaml_reader.h"
#include "store/store.h"

namespace mamori::profile_internal {

// A value that must name something defined elsewhere in the profile.
struct Ref {
  std::string value, path;
  SourceLoc at;
};

struct LoadState {
  LoadState(const ProfileFiles& f, Profile& p) : files(f), profile(p) {}

  const ProfileFiles& files;
  Profile& profile;
  Errors errors;
  bool check_roles = true;  // false while validating a shared part alone

  std::vector<Ref> role_refs;                          // role codes
  std::vector<Ref> permission_refs;                    // permission codes of roles
  std::vector<Ref> role_or_permission_refs;            // four-eyes acts
  std::vector<Ref> obligation_refs;                    // obligations raised by triggers
  std::vector<Ref> clause_refs;                        // parallel to profile.citations
  std::map<std::string, Ref> clause_entries;           // listed clause → where it is listed
  std::optional<std::set<std::string>> foreign_index;  // clauses listed by other profiles and parts
  std::map<std::string, std::set<std::string>> codes;  // section → codes seen (uniqueness)
  std::vector<std::function<void()>> deferred;         // checks that need every file read
  std::vector<std::function<void(Conn&)>> sql_checks;  // checks against a migrated in-memory database

  std::string Display(const std::string& rel) const { return files.Display(rel); }
  void Error(const SourceLoc& at, const std::string& path, std::string ja, std::string en) {
    errors.Add(at, path, std::move(ja), std::move(en));
  }
  // Records that `kind` `code` cites `clause` (nothing if it is empty).
  void CiteValue(const std::string& clause, const SourceLoc& at, const std::string& path, const std::string& kind,
                 const std::string& code);
  // Reads "code" and checks it is unique within `section`.
  std::string Code(MapReader& m, const std::string& section);
  void RoleRefs(const std::vector<Item>& items);
  void RoleRef(MapReader& m, const std::string& key, Need need);
};

// Section readers: each reads its keys from `m` (a file's top level or a shared part).
void ReadProfileYaml(LoadState& s, MapReader& m);
void ReadRoles(LoadState& s, MapReader& m, bool standalone);
void ReadClauses(LoadState& s, MapReader& m, Need need);
void ReadSchemes(LoadState& s, MapReader& m);
void ReadMatrices(LoadState& s, MapReader& m);
void ReadForms(LoadState& s, MapReader& m);
void ReadObligations(LoadState& s, MapReader& m);
void ReadTriggers(LoadState& s, MapReader& m);
void ReadRules(LoadState& s, MapReader& m);
void ReadChains(LoadState& s, MapReader& m);
void ReadPeople(LoadState& s, MapReader& m);  // people.cc
void ReadTraining(LoadState& s, MapReader& m);  // training.cc
// A shared part's top level (part, version, document and any section).
void ReadPart(LoadState& s, MapReader& m, const std::string& stem);

// Checks once every file is read: references, clauses, then (if `conn`) rule SQL.
void CheckReferences(LoadState& s);
void CheckClauses(LoadState& s);
// RoleDef::designation_clause and minimum_necessary_clause, from the clauses list (after CheckClauses).
void DeriveRoleClauses(Profile& p);
void CheckSql(LoadState& s);

}  // namespace mamori::profile_internal
