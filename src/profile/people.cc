// people.yaml: the agreements a person signs before a designation and the rosters kept of role holders.

#include "profile/load_state.h"

namespace mamori::profile_internal {
namespace {

void ReadAgreements(LoadState& s, MapReader& m) {
  m.ForEachMap("agreements", kOptional, [&](MapReader& a, size_t) {
    AgreementDef d;
    d.code = s.Code(a, "agreements");
    d.clause = a.Str("clause");
    s.CiteValue(d.clause, a.At("clause"), a.Path("clause"), "agreement", d.code);
    d.name_ja = a.Str("name_ja");
    d.name_en = a.Str("name_en");
    a.ForEachMap("points", kRequired, [&](MapReader& p, size_t) {
      d.points.push_back(AgreementPoint{p.Str("key"), p.Str("text_ja"), p.Str("text_en")});
    });
    const auto roles = a.StrList("required_for");
    s.RoleRefs(roles);
    for (const Item& i : roles) d.required_for.push_back(i.value);
    for (const Item& k : a.StrList("kinds")) {
      if (k.value == "employee" || k.value == "non_regular" || k.value == "contractor" || k.value == "visitor")
        d.kinds.push_back(k.value);
      else
        s.Error(k.at, k.path, "者の区分は employee, non_regular, contractor, visitor のいずれかです: " + k.value,
                "a kind of person is one of employee, non_regular, contractor, visitor: " + k.value);
    }
    d.supervisor_role = a.Str("supervisor_role", kOptional);
    if (!d.supervisor_role.empty())
      s.RoleRefs({Item{d.supervisor_role, a.At("supervisor_role"), a.Path("supervisor_role")}});
    s.profile.agreements.push_back(std::move(d));
  });
}

// A reference to an agreement of this file, checked once the whole file is read.
void AgreementRef(LoadState& s, MapReader& m, const std::string& key, std::string* out) {
  *out = m.Str(key, kOptional);
  if (out->empty()) return;
  s.deferred.push_back([&s, value = *out, path = m.Path(key), at = m.At(key)] {
    for (const AgreementDef& a : s.profile.agreements)
      if (a.code == value) return;
    s.Error(at, path, "people.yaml の agreements にない合意です: " + value, "no agreement \"" + value + "\" in agreements");
  });
}

void ReadRosters(LoadState& s, MapReader& m) {
  m.ForEachMap("rosters", kOptional, [&](MapReader& r, size_t) {
    RosterDef d;
    d.code = s.Code(r, "rosters");
    d.clause = r.Str("clause");
    s.CiteValue(d.clause, r.At("clause"), r.Path("clause"), "roster", d.code);
    d.name_ja = r.Str("name_ja");
    d.name_en = r.Str("name_en");
    d.role = r.Str("role");
    s.RoleRef(r, "role", kRequired);
    d.keeper = r.Str("keeper");
    s.RoleRef(r, "keeper", kRequired);
    AgreementRef(s, r, "agreement", &d.agreement);
    d.particulars = r.Bool("particulars");
    if (r.Has("confirmation")) {
      MapReader c(r.file(), r.Raw("confirmation"), r.Path("confirmation"), s.errors);
      d.confirmation_clause = c.Str("clause");
      s.CiteValue(d.confirmation_clause, c.At("clause"), c.Path("clause"), "roster", d.code);
      d.confirmed_by_ja = c.Str("by_ja");
      d.confirmed_by_en = c.Str("by_en");
      d.gates_protected = c.Bool("gates_protected");
    }
    d.update_clause = r.Str("update_clause", kOptional);
    s.CiteValue(d.update_clause, r.At("update_clause"), r.Path("update_clause"), "roster", d.code);
    AgreementRef(s, r, "interview_agreement", &d.interview_agreement);
    d.per_unit = r.Bool("per_unit");
    if (d.per_unit && (!d.confirmation_clause.empty() || d.particulars))
      s.Error(r.At("per_unit"), r.Path("per_unit"),
              "課室等ごとの名簿（per_unit）には外部の確認（confirmation）も生年月日等（particulars）も定められません。",
              "a per-unit roster (per_unit) takes neither an outside confirmation nor particulars");
    s.profile.rosters.push_back(std::move(d));
  });
}

}  // namespace

void ReadPeople(LoadState& s, MapReader& m) {
  ReadAgreements(s, m);
  ReadRosters(s, m);
}

}  // namespace mamori::profile_internal
