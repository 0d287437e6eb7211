// Clause states and the report bodies of `mamori check` and the compliance API (compliance.h).

#include <algorithm>
#include <map>
#include <set>

#include "compliance/compliance.h"

namespace mamori {
namespace {

using Json = nlohmann::json;

// A reader's units, for quick look-ups.
class Scope {
 public:
  explicit Scope(const VisibleUnits& v) : all_(!v) {
    if (v) units_.insert(v->begin(), v->end());
  }
  bool Sees(int64_t unit) const { return all_ || units_.count(unit) > 0; }

 private:
  bool all_;
  std::set<int64_t> units_;
};

struct UnitRow {
  std::string code, name_ja, name_en;
};

Result<std::map<int64_t, UnitRow>> LoadUnits(Conn& conn) {
  std::map<int64_t, UnitRow> out;
  RETURN_IF_ERROR(conn.ForEach("SELECT id, code, name_ja, name_en FROM org_units ORDER BY id", {}, [&](const Row& r) {
    out[r.Int(0)] = UnitRow{r.Str(1), r.Str(2), r.Str(3)};
    return true;
  }));
  return out;
}

// An open duty (obligation_occurrences, state open) as the clause states need it.
struct OpenDuty {
  std::string clause;
  int64_t unit_id = 0;
  bool overdue = false, due_soon = false;
};

// The duties a reader can see: the open ones, and the clauses of those done.
struct Duties {
  std::vector<OpenDuty> open;
  std::set<std::string> done;
  bool Raised(const std::string& clause) const {
    if (done.count(clause)) return true;
    for (const OpenDuty& d : open)
      if (d.clause == clause) return true;
    return false;
  }
};

Result<Duties> LoadDuties(Conn& conn, const Scope& scope, Micros now) {
  const std::string now_text = FormatUtc(now);
  Duties out;
  RETURN_IF_ERROR(
      conn.ForEach("SELECT clause, unit_id, due_at, remind_from FROM obligation_occurrences "
                   "WHERE state = 'open'",
                   {}, [&](const Row& r) {
                     if (!scope.Sees(r.Int(1))) return true;
                     const bool overdue = r.Str(2) < now_text;
                     out.open.push_back(OpenDuty{r.Str(0), r.Int(1), overdue, !overdue && r.Str(3) <= now_text});
                     return true;
                   }));
  RETURN_IF_ERROR(
      conn.ForEach("SELECT clause, unit_id FROM obligation_occurrences WHERE state = 'done' "
                   "GROUP BY clause, unit_id",
                   {}, [&](const Row& r) {
                     if (scope.Sees(r.Int(1))) out.done.insert(r.Str(0));
                     return true;
                   }));
  return out;
}

// A rule's state for a reader: violated only by violations the reader may see.
std::string VisibleState(const RuleResult& r, const Scope& scope, int64_t* visible_count = nullptr) {
  int64_t n = 0;
  for (const ViolationPtr& v : r.violations) n += scope.Sees(v->unit_id);
  if (visible_count) *visible_count = n;
  if (r.state == RuleState::kError || r.state == RuleState::kNotApplicable) return RuleStateName(r.state);
  return n > 0 ? "violated" : "satisfied";
}

ClauseState StateOf(const ClauseDef& c, const ComplianceSnapshot& snap, const Duties& duties, const Scope& scope) {
  ClauseState s{c.ref, c.title_ja, c.title_en, c.coverage, "", c.caps, {}, 0, 0, 0};
  bool applicable = false, error = false, all_na = true;
  for (const auto& r : snap.rules) {
    if (r->clause != c.ref) continue;
    s.rules.push_back(r->rule);
    int64_t n = 0;
    const std::string st = VisibleState(*r, scope, &n);
    s.violations += n;
    applicable |= st == "satisfied" || st == "violated";
    error |= st == "error";
    all_na &= st == "not_applicable";
  }
  for (const OpenDuty& d : duties.open)
    if (d.clause == c.ref) {
      ++s.obligations_open;
      s.obligations_overdue += d.overdue;
    }
  if (s.violations > 0 || s.obligations_overdue > 0)
    s.state = "violated";
  else if (error)
    s.state = "error";
  else if (applicable || !c.commands.empty() || c.coverage == "enforced" || duties.Raised(c.ref))
    s.state = "satisfied";
  else if (!s.rules.empty() && all_na)
    s.state = "not_applicable";
  else
    s.state = c.coverage;
  return s;
}

ProfileCompliance ProfileOf(const Profile& p, const ComplianceSnapshot& snap, const Duties& duties,
                            const Scope& scope) {
  ProfileCompliance out;
  out.profile = p.name;
  out.version = p.version;
  out.document = p.document;
  for (const ClauseDef& c : p.clauses) {
    ClauseState s = StateOf(c, snap, duties, scope);
    ++out.clauses;
    out.satisfied += s.state == "satisfied";
    out.violated += s.state == "violated";
    out.not_applicable += s.state == "not_applicable";
    out.error += s.state == "error";
    out.recorded += s.state == "recorded";
    out.not_yet += s.state == "not_yet";
    out.clause_states.push_back(std::move(s));
  }
  const int64_t judged = out.clauses - out.not_applicable;
  out.share_satisfied = judged > 0 ? static_cast<double>(out.satisfied) / static_cast<double>(judged) : 0.0;
  return out;
}

Json ClauseJson(const ClauseState& c) {
  return Json{
      {"ref", c.ref},           {"title_ja", c.title_ja},
      {"title_en", c.title_en}, {"coverage", c.coverage},
      {"state", c.state},       {"violations", c.violations},
      {"rules", c.rules},       {"obligations", Json{{"open", c.obligations_open}, {"overdue", c.obligations_overdue}}},
      {"caps", c.caps}};
}

Json ProfileJson(const ProfileCompliance& p) {
  Json clauses = Json::array();
  for (const ClauseState& c : p.clause_states) clauses.push_back(ClauseJson(c));
  return Json{{"profile", p.profile},
              {"version", p.version},
              {"document",
               Json{{"code", p.document.code}, {"title_ja", p.document.title_ja}, {"title_en", p.document.title_en}}},
              {"summary", Json{{"clauses", p.clauses},
                               {"satisfied", p.satisfied},
                               {"violated", p.violated},
                               {"not_applicable", p.not_applicable},
                               {"error", p.error},
                               {"recorded", p.recorded},
                               {"not_yet", p.not_yet},
                               {"share_satisfied", p.share_satisfied}}},
              {"clauses", std::move(clauses)}};
}

Json WithUnitCode(const Violation& v, const std::map<int64_t, UnitRow>& units) {
  Json j = v.ToJson();
  auto u = units.find(v.unit_id);
  j["unit_code"] = u == units.end() ? Json() : Json(u->second.code);
  return j;
}

const RuleDef* FindRule(const Profiles& profiles, const std::string& profile, const std::string& code) {
  for (const auto& p : profiles)
    if (p->name == profile)
      for (const RuleDef& r : p->rules)
        if (r.code == code) return &r;
  return nullptr;
}

// At most this many violations of each rule in a clause's detail (the list API pages through the rest).
constexpr int64_t kClauseViolationsPerRule = 500;

// The rules citing `ref`, with their violations a reader sees (GET /api/v1/compliance/clause).
Json RulesJson(const ComplianceSnapshot& snapshot, const Profiles& profiles, const std::string& ref, const Scope& scope,
               const std::map<int64_t, UnitRow>& units) {
  Json rules = Json::array();
  for (const auto& r : snapshot.rules) {
    if (r->clause != ref) continue;
    const RuleDef* def = FindRule(profiles, r->profile, r->rule);
    Json vs = Json::array();
    int64_t total = 0;
    for (const ViolationPtr& v : r->violations)
      if (scope.Sees(v->unit_id) && total++ < kClauseViolationsPerRule) {
        Json j = WithUnitCode(*v, units);
        vs.push_back(Json{{"subject_id", j["subject_id"]},
                          {"subject", j["subject"]},
                          {"unit_id", j["unit_id"]},
                          {"unit_code", j["unit_code"]},
                          {"message_ja", j["message_ja"]},
                          {"message_en", j["message_en"]},
                          {"evidence", j["evidence"]}});
      }
    rules.push_back(Json{{"profile", r->profile},
                         {"code", r->rule},
                         {"name_ja", def ? def->name_ja : ""},
                         {"name_en", def ? def->name_en : ""},
                         {"severity", r->severity},
                         {"subject", r->subject_kind},
                         {"state", VisibleState(*r, scope)},
                         {"error_ja", r->error_ja.empty() ? Json() : Json(r->error_ja)},
                         {"error_en", r->error_en.empty() ? Json() : Json(r->error_en)},
                         {"violations", std::move(vs)},
                         {"violations_total", total}});
  }
  return rules;
}

Status NotFound(const std::string& rule, const std::string& ja, const std::string& en, const char* field) {
  return Status::Error(ErrorKind::kNotFound, rule, "", ja, en, field);
}

// Occurrences of the duties citing `ref`, newest due date first (at most 500).
Result<Json> DutiesJson(Conn& conn, const Profiles& profiles, const std::string& ref, const Scope& scope, Micros now) {
  const std::string now_text = FormatUtc(now);
  Json out = Json::array();
  for (const auto& p : profiles) {
    std::map<std::string, const ObligationDef*> defs;
    for (const ObligationDef& o : p->obligations)
      if (o.clause == ref) defs[o.code] = &o;
    if (defs.empty()) continue;
    std::string in;
    Params params{p->name};
    for (const auto& [code, def] : defs) {
      in += in.empty() ? "?" : ",?";
      params.push_back(code);
    }
    RETURN_IF_ERROR(conn.ForEach(
        "SELECT id, obligation, period, unit_id, due_at, remind_from, state, done_at, evidence_kind, evidence_ref "
        "FROM obligation_occurrences WHERE profile = ? AND obligation IN (" +
            in +
            ") AND state <> 'cancelled' "
            "ORDER BY due_at DESC, id DESC LIMIT 500",
        params, [&](const Row& r) {
          if (!scope.Sees(r.Int(3))) return true;
          const ObligationDef* def = defs.at(r.Str(1));
          const std::string state = r.Str(6);
          const std::string status = state == "done"        ? "done"
                                     : r.Str(4) < now_text  ? "overdue"
                                     : r.Str(5) <= now_text ? "due_soon"
                                                            : "open";
          out.push_back(Json{{"id", r.Int(0)},
                             {"obligation", r.Str(1)},
                             {"name_ja", def->name_ja},
                             {"name_en", def->name_en},
                             {"period", r.Str(2)},
                             {"unit_id", r.Int(3)},
                             {"due_at", r.Str(4)},
                             {"state", state},
                             {"status", status},
                             {"done_at", r.IsNull(7) ? Json() : Json(r.Str(7))},
                             {"evidence_kind", r.IsNull(8) ? Json() : Json(r.Str(8))},
                             {"evidence_ref", r.IsNull(9) ? Json() : Json(r.Str(9))}});
          return true;
        }));
  }
  return out;
}

}  // namespace

bool ComplianceReport::any_violated() const {
  if (obligations_overdue > 0 || !violations.empty()) return true;
  for (const ProfileCompliance& p : profiles)
    if (p.violated > 0) return true;
  return false;
}

Json ComplianceReport::ToJson() const {
  Json profs = Json::array(), us = Json::array();
  for (const ProfileCompliance& p : profiles) profs.push_back(ProfileJson(p));
  for (const UnitCompliance& u : units)
    us.push_back(Json{{"unit_id", u.unit_id},
                      {"code", u.code},
                      {"name_ja", u.name_ja},
                      {"name_en", u.name_en},
                      {"violations", Json{{"high", u.high}, {"medium", u.medium}, {"low", u.low}}},
                      {"overdue_duties", u.overdue_duties}});
  return Json{{"evaluated_at", FormatUtc(evaluated_at)},
              {"full_at", FormatUtc(full_at)},
              {"as_of_seq", as_of_seq},
              {"profiles", std::move(profs)},
              {"units", std::move(us)},
              {"obligations",
               Json{{"open", obligations_open}, {"due_soon", obligations_due_soon}, {"overdue", obligations_overdue}}}};
}

Result<ComplianceReport> BuildReport(Conn& conn, const ComplianceSnapshot& snapshot, const Profiles& profiles,
                                     const VisibleUnits& visible, Micros now) {
  const Scope scope(visible);
  ASSIGN_OR_RETURN(auto units, LoadUnits(conn));
  ASSIGN_OR_RETURN(Duties duties, LoadDuties(conn, scope, now));
  ComplianceReport out;
  out.evaluated_at = snapshot.evaluated_at;
  out.full_at = snapshot.full_at;
  out.as_of_seq = snapshot.as_of_seq;
  for (const auto& p : profiles) out.profiles.push_back(ProfileOf(*p, snapshot, duties, scope));
  std::map<int64_t, UnitCompliance> by_unit;
  for (const auto& [id, u] : units)
    if (scope.Sees(id)) by_unit[id] = UnitCompliance{id, u.code, u.name_ja, u.name_en};
  for (const auto& r : snapshot.rules)
    for (const ViolationPtr& vp : r->violations) {
      const Violation& v = *vp;
      if (!scope.Sees(v.unit_id)) continue;
      out.violations.push_back(&v);
      auto u = by_unit.find(v.unit_id);
      if (u == by_unit.end()) continue;
      (v.severity == "high" ? u->second.high : v.severity == "medium" ? u->second.medium : u->second.low) += 1;
    }
  for (const OpenDuty& d : duties.open) {
    ++out.obligations_open;
    out.obligations_overdue += d.overdue;
    out.obligations_due_soon += d.due_soon;
    auto u = by_unit.find(d.unit_id);
    if (u != by_unit.end()) u->second.overdue_duties += d.overdue;
  }
  for (auto& [id, u] : by_unit) out.units.push_back(std::move(u));
  return out;
}

Result<Json> ClauseDetail(Conn& conn, const ComplianceSnapshot& snapshot, const Profiles& profiles,
                          std::string_view profile, std::string_view ref, const VisibleUnits& visible, Micros now) {
  const Profile* p = nullptr;
  for (const auto& x : profiles)
    if (x->name == profile) p = x.get();
  if (!p)
    return NotFound("compliance.unknown_profile",
                    "組織はプロファイル " + std::string(profile) + " を適用していません。",
                    "The organization does not take profile " + std::string(profile) + ".", "profile");
  const ClauseDef* c = p->FindClause(ref);
  if (!c)
    return NotFound("compliance.unknown_clause",
                    "プロファイル " + p->name + " に条項 " + std::string(ref) + " はありません。",
                    "Profile " + p->name + " lists no clause " + std::string(ref) + ".", "ref");
  const Scope scope(visible);
  ASSIGN_OR_RETURN(auto units, LoadUnits(conn));
  ASSIGN_OR_RETURN(Duties duties, LoadDuties(conn, scope, now));
  const ClauseState state = StateOf(*c, snapshot, duties, scope);
  const Json rules = RulesJson(snapshot, profiles, c->ref, scope, units);
  Json citations = Json::array();
  for (const Citation& ci : p->citations)
    if (ci.clause == c->ref) citations.push_back(Json{{"kind", ci.kind}, {"code", ci.code}});
  ASSIGN_OR_RETURN(Json obligations, DutiesJson(conn, profiles, c->ref, scope, now));
  const auto opt = [](const std::string& s) { return s.empty() ? Json() : Json(s); };
  return Json{{"profile", p->name},
              {"clause", Json{{"ref", c->ref},
                              {"title_ja", c->title_ja},
                              {"title_en", c->title_en},
                              {"coverage", c->coverage},
                              {"caps", c->caps},
                              {"commands", c->commands},
                              {"note_ja", opt(c->note_ja)},
                              {"note_en", opt(c->note_en)}}},
              {"state", state.state},
              {"rules", rules},
              {"citations", std::move(citations)},
              {"obligations", std::move(obligations)},
              {"evaluated_at", FormatUtc(snapshot.evaluated_at)},
              {"as_of_seq", snapshot.as_of_seq}};
}

Result<Json> ViolationsJson(Conn& conn, const ComplianceSnapshot& snapshot, const VisibleUnits& visible,
                            const ViolationFilter& f) {
  const Scope scope(visible);
  ASSIGN_OR_RETURN(auto units, LoadUnits(conn));
  Json out = Json::array();
  int64_t total = 0;
  for (const auto& r : snapshot.rules) {
    if ((!f.rule.empty() && r->rule != f.rule) || (!f.profile.empty() && r->profile != f.profile) ||
        (!f.severity.empty() && r->severity != f.severity) || (!f.clause.empty() && r->clause != f.clause))
      continue;
    for (const ViolationPtr& v : r->violations) {
      if (!scope.Sees(v->unit_id) || (f.unit_id && v->unit_id != f.unit_id)) continue;
      if (total++ < f.limit) out.push_back(WithUnitCode(*v, units));
    }
  }
  return Json{{"violations", std::move(out)},
              {"total", total},
              {"as_of_seq", snapshot.as_of_seq},
              {"evaluated_at", FormatUtc(snapshot.evaluated_at)}};
}

}  // namespace mamori
