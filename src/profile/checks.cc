// Checks that need every file of a profile read: references between sections and clause citations.

#include <algorithm>

#include "profile/load_state.h"

namespace mamori::profile_internal {
namespace {

bool HasPermission(const Profile& p, const std::string& code) {
  return std::any_of(p.permissions.begin(), p.permissions.end(),
                     [&](const PermissionDef& d) { return d.code == code; });
}

// Clauses listed by every other profile and part the files hold (for citations of other documents).
const std::set<std::string>& ForeignIndex(LoadState& s) {
  if (s.foreign_index) return *s.foreign_index;
  s.foreign_index.emplace();
  auto add = [&](const std::string& rel) {
    auto text = s.files.Read(rel);
    if (!text) return;
    try {
      const YAML::Node root = YAML::Load(*text);
      if (!root.IsMap() || !root["clauses"] || !root["clauses"].IsSequence()) return;
      for (const auto& c : root["clauses"])
        if (c.IsMap() && c["ref"] && c["ref"].IsScalar()) s.foreign_index->insert(c["ref"].Scalar());
    } catch (const YAML::Exception&) {
      // a broken file is reported when that profile or part is validated
    }
  };
  for (const auto& name : s.files.Profiles())
    if (name != s.profile.name) add(name + "/clauses.yaml");
  for (const auto& part : s.files.Parts()) add(part + ".yaml");
  return *s.foreign_index;
}

}  // namespace

void CheckReferences(LoadState& s) {
  for (auto& check : s.deferred) check();
  const Profile& p = s.profile;
  if (s.check_roles) {
    for (const Ref& r : s.role_refs)
      if (!p.FindRole(r.value))
        s.Error(r.at, r.path, "ロール \"" + r.value + "\" はありません（roles.yaml）。",
                "unknown role \"" + r.value + "\" (not in roles.yaml)");
    for (const Ref& r : s.role_or_permission_refs)
      if (!p.FindRole(r.value) && !HasPermission(p, r.value))
        s.Error(r.at, r.path, "\"" + r.value + "\" はロールでも権限でもありません（roles.yaml）。",
                "\"" + r.value + "\" is neither a role nor a permission of roles.yaml");
  }
  for (const Ref& r : s.permission_refs)
    if (!HasPermission(p, r.value))
      s.Error(r.at, r.path, "権限 \"" + r.value + "\" はありません（permissions）。",
              "unknown permission \"" + r.value + "\" (not in permissions)");
  for (const Ref& r : s.obligation_refs) {
    const bool found = std::any_of(p.obligations.begin(), p.obligations.end(),
                                   [&](const ObligationDef& o) { return o.code == r.value; });
    if (!found)
      s.Error(r.at, r.path, "義務 \"" + r.value + "\" はありません（obligations）。",
              "unknown obligation \"" + r.value + "\" (not in obligations)");
  }
}

void CheckClauses(LoadState& s) {
  Profile& p = s.profile;
  for (const Ref& r : s.clause_refs) {
    if (s.clause_entries.count(r.value)) continue;
    if (ForeignIndex(s).count(r.value)) {
      if (std::find(p.foreign_clauses.begin(), p.foreign_clauses.end(), r.value) == p.foreign_clauses.end())
        p.foreign_clauses.push_back(r.value);
      continue;
    }
    s.Error(r.at, r.path, "条項 \"" + r.value + "\" を引用していますが、clauses.yaml にありません。",
            "clause \"" + r.value + "\" is cited but not listed in clauses.yaml");
  }
  for (const ClauseDef& c : p.clauses) {
    auto entry = s.clause_entries.find(c.ref);
    if (c.coverage != "enforced" || entry == s.clause_entries.end()) continue;
    const bool cited =
        std::any_of(p.citations.begin(), p.citations.end(), [&](const Citation& x) { return x.clause == c.ref; });
    if (cited) continue;
    s.Error(
        entry->second.at, entry->second.path, "条項 \"" + c.ref + "\" は enforced ですが、引用するものがありません。",
        "clause \"" + c.ref + "\" is marked enforced but nothing cites it (no role, rule, obligation, … or commands)");
  }
}

namespace {

// Whether `ref` is `clause` itself or one of its items: "000 第1(3)③" under "000 第1(3)", but not
// "000 第1(10)" under "000 第1(1)".
bool IsUnder(const std::string& ref, const std::string& clause) {
  if (clause.empty() || ref.compare(0, clause.size(), clause) != 0) return false;
  if (ref.size() == clause.size()) return true;
  const char next = ref[clause.size()];
  return !(next >= '0' && next <= '9');
}

bool NamesCommand(const ClauseDef& c, const std::string& command) {
  return std::find(c.commands.begin(), c.commands.end(), command) != c.commands.end();
}

}  // namespace

void DeriveRoleClauses(Profile& p) {
  for (RoleDef& r : p.roles) {
    r.designation_clause = r.minimum_necessary_clause = r.clause;
    size_t enclosing = 0;  // the longest clause naming designation.create that encloses the role's
    bool item_found = false;
    for (const ClauseDef& c : p.clauses) {
      if (!NamesCommand(c, "designation.create")) continue;
      if (IsUnder(r.clause, c.ref) && c.ref.size() > enclosing) {
        r.designation_clause = c.ref;
        enclosing = c.ref.size();
      }
      if (!item_found && IsUnder(c.ref, r.clause)) {
        r.minimum_necessary_clause = c.ref;
        item_found = true;
      }
    }
  }
}

}  // namespace mamori::profile_internal
