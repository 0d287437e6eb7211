#pragma once
// Who owns a duty now: a snapshot of the units, the active people and the designations in force at one
// moment, read once and asked many times (a list of a few hundred occurrences costs three queries).
//
// The holders of a role for a unit are the active people with a designation of that role in force now
// whose unit is that unit or one of its ancestors, or any unit when the role is org-wide; for an implicit
// role (職員), the active people of exactly that unit. For an organization-wide occurrence (scope `org`,
// which also stands for `system` and `facility` duties: there is no register of those yet) every holder
// of the role, wherever designated, owns it. A person-scoped occurrence is owned by its person.
// When an occurrence was escalated, the holders of the role it was escalated to own it too (the owner
// still has to do it; the escalation adds the next step of the chain).

#include <map>
#include <set>
#include <string>
#include <vector>

#include "identity/catalog.h"
#include "obligation/occurrence.h"

namespace mamori {

class OwnerIndex {
 public:
  // Reads units, active people and the designations in force at `now_text`. Errors: the store's.
  static Result<OwnerIndex> Load(Conn& conn, const Catalog& catalog, const std::string& now_text);

  // Holders of `role` for `unit`; with `anywhere`, every holder of the role in any unit. Sorted.
  std::vector<int64_t> Holders(const std::string& role, int64_t unit, bool anywhere) const;
  bool Holds(int64_t person, const std::string& role, int64_t unit, bool anywhere) const;
  // The persons who own `o` now (see above). Sorted, without duplicates.
  std::vector<int64_t> Owners(const Occurrence& o) const;
  bool IsOwner(int64_t person, const Occurrence& o) const;

  // Units where `role` is designated (in force now) to an active person; for an implicit role, units with
  // active people. Sorted.
  std::vector<int64_t> UnitsWithHolder(const std::string& role) const;
  // `unit` and its ancestors, nearest first.
  std::vector<int64_t> UnitAndAncestors(int64_t unit) const;
  // Every unit, by id.
  std::vector<int64_t> Units() const;
  // Where a person belongs (0 if unknown or inactive), and "family given".
  int64_t UnitOf(int64_t person) const;
  std::string NameOf(int64_t person) const;
  // The unit of the person's first designation of `role` in force, else the person's own unit.
  int64_t UnitOfHolder(int64_t person, const std::string& role) const;

 private:
  struct Designation {
    int64_t person, unit;
    std::string role;
  };
  const Catalog* catalog_ = nullptr;
  std::map<int64_t, int64_t> parent_;                           // unit → parent (0 for a root)
  std::map<int64_t, std::pair<int64_t, std::string>> persons_;  // active person → (unit, name)
  std::vector<Designation> designations_;
};

}  // namespace mamori
