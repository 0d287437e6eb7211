#include "obligation/owners.h"

#include <algorithm>

namespace mamori {
namespace {

void SortUnique(std::vector<int64_t>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

}  // namespace

Result<OwnerIndex> OwnerIndex::Load(Conn& conn, const Catalog& catalog, const std::string& now) {
  OwnerIndex ix;
  ix.catalog_ = &catalog;
  RETURN_IF_ERROR(conn.ForEach("SELECT id, parent_id FROM org_units", {}, [&](const Row& r) {
    ix.parent_[r.Int(0)] = r.Int(1);
    return true;
  }));
  RETURN_IF_ERROR(conn.ForEach("SELECT id, unit_id, family_name || ' ' || given_name FROM persons WHERE active = 1", {},
                               [&](const Row& r) {
                                 ix.persons_[r.Int(0)] = {r.Int(1), r.Str(2)};
                                 return true;
                               }));
  RETURN_IF_ERROR(
      conn.ForEach("SELECT person_id, unit_id, role_code FROM designations WHERE revoked_at IS NULL AND "
                   "valid_from <= ? AND (valid_until IS NULL OR valid_until > ?) ORDER BY id",
                   {now, now}, [&](const Row& r) {
                     if (ix.persons_.count(r.Int(0)))
                       ix.designations_.push_back(Designation{r.Int(0), r.Int(1), r.Str(2)});
                     return true;
                   }));
  return ix;
}

std::vector<int64_t> OwnerIndex::UnitAndAncestors(int64_t unit) const {
  std::vector<int64_t> out;
  for (int64_t u = unit; u != 0 && out.size() < 64;) {
    out.push_back(u);
    auto it = parent_.find(u);
    u = it == parent_.end() ? 0 : it->second;
  }
  return out;
}

std::vector<int64_t> OwnerIndex::Holders(const std::string& role, int64_t unit, bool anywhere) const {
  std::vector<int64_t> out;
  const RoleDef* def = catalog_ ? catalog_->FindRole(role) : nullptr;
  if (def && def->implicit_member) {
    for (const auto& [id, p] : persons_)
      if (anywhere || p.first == unit) out.push_back(id);
    return out;
  }
  const std::vector<int64_t> scope = UnitAndAncestors(unit);
  const bool org_wide = def && def->org_wide;
  for (const Designation& d : designations_)
    if (d.role == role && (anywhere || org_wide || std::find(scope.begin(), scope.end(), d.unit) != scope.end()))
      out.push_back(d.person);
  SortUnique(out);
  return out;
}

bool OwnerIndex::Holds(int64_t person, const std::string& role, int64_t unit, bool anywhere) const {
  const std::vector<int64_t> h = Holders(role, unit, anywhere);
  return std::binary_search(h.begin(), h.end(), person);
}

std::vector<int64_t> OwnerIndex::Owners(const Occurrence& o) const {
  const bool anywhere = o.scope_kind == "org";
  std::vector<int64_t> out;
  if (o.scope_kind == "person") {
    if (persons_.count(o.scope_id)) out.push_back(o.scope_id);
  } else {
    out = Holders(o.owner_role, o.unit_id, anywhere);
  }
  if (o.escalation_level > 0 && !o.escalated_to.empty())
    for (int64_t p : Holders(o.escalated_to, o.unit_id, anywhere)) out.push_back(p);
  SortUnique(out);
  return out;
}

bool OwnerIndex::IsOwner(int64_t person, const Occurrence& o) const {
  const std::vector<int64_t> owners = Owners(o);
  return std::binary_search(owners.begin(), owners.end(), person);
}

std::vector<int64_t> OwnerIndex::UnitsWithHolder(const std::string& role) const {
  std::vector<int64_t> out;
  const RoleDef* def = catalog_ ? catalog_->FindRole(role) : nullptr;
  if (def && def->implicit_member) {
    for (const auto& [id, p] : persons_) out.push_back(p.first);
  } else {
    for (const Designation& d : designations_)
      if (d.role == role) out.push_back(d.unit);
  }
  SortUnique(out);
  return out;
}

std::vector<int64_t> OwnerIndex::Units() const {
  std::vector<int64_t> out;
  for (const auto& [id, parent] : parent_) out.push_back(id);
  return out;
}

int64_t OwnerIndex::UnitOf(int64_t person) const {
  auto it = persons_.find(person);
  return it == persons_.end() ? 0 : it->second.first;
}

std::string OwnerIndex::NameOf(int64_t person) const {
  auto it = persons_.find(person);
  return it == persons_.end() ? "" : it->second.second;
}

int64_t OwnerIndex::UnitOfHolder(int64_t person, const std::string& role) const {
  for (const Designation& d : designations_)
    if (d.person == person && d.role == role) return d.unit;
  return UnitOf(person);
}

}  // namespace mamori
