// Running rule queries (compliance.h, Evaluator).

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <set>

#include "compliance/compliance.h"

namespace mamori {
namespace {

using Json = nlohmann::json;

Json ValueToJson(const Value& v) {
  if (const auto* n = std::get_if<int64_t>(&v)) return *n;
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  return nullptr;
}

std::string JsonText(const Json& j) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_number_integer()) return std::to_string(j.get<int64_t>());
  if (j.is_null()) return "";
  return j.dump();
}

// A query's text without trailing blanks and semicolons, so that it can be wrapped in a subquery.
std::string Trimmed(std::string_view sql) {
  size_t end = sql.size();
  while (end > 0 && (std::isspace(static_cast<unsigned char>(sql[end - 1])) || sql[end - 1] == ';')) --end;
  return std::string(sql.substr(0, end));
}

// The bound query and its parameters; with `only`, wrapped to look at those subject ids only. The id
// list is padded (with its last id) to a power of two so that the connection's statement cache holds a
// few shapes per rule, not one per list length.
Result<std::pair<std::string, Params>> Prepare(std::string_view query, const RuleParams& rp,
                                               const std::vector<int64_t>* only) {
  ASSIGN_OR_RETURN(BoundQuery b, BindRuleParameters(query));
  Params params;
  for (const std::string& name : b.names) params.push_back(rp.Get(name));
  if (!only) return std::make_pair(std::move(b.sql), std::move(params));
  size_t n = 1;
  while (n < only->size()) n *= 2;
  for (size_t i = 0; i < n; ++i) params.push_back(only->empty() ? int64_t{0} : (*only)[std::min(i, only->size() - 1)]);
  return std::make_pair(RestrictToSubjects(b.sql, n), std::move(params));
}

bool Truthy(const Row& r) {
  if (r.size() == 0 || r.IsNull(0)) return false;
  if (std::holds_alternative<int64_t>(r.at(0))) return r.Int(0) != 0;
  const std::string s = r.Str(0);
  return !(s.empty() || s == "0" || s == "f" || s == "false");
}

Result<bool> Applies(Conn& conn, const RuleDef& rule, const RuleParams& rp) {
  if (rule.applies_if.empty()) return true;
  ASSIGN_OR_RETURN(auto q, Prepare(rule.applies_if, rp, nullptr));
  bool applies = false;
  RETURN_IF_ERROR(conn.ForEach(q.first, q.second, [&](const Row& r) {
    applies = Truthy(r);
    return false;
  }));
  return applies;
}

Violation MakeViolation(const Profile& p, const RuleDef& rule, const Row& r) {
  Violation v;
  v.profile = p.name;
  v.rule = rule.code;
  v.clause = rule.clause;
  v.severity = rule.severity;
  v.subject_kind = rule.subject;
  for (size_t i = 0; i < r.size(); ++i) v.columns[r.name(i)] = ValueToJson(r.at(i));
  const Json& id = v.columns.contains("subject_id") ? v.columns["subject_id"] : Json();
  v.subject_id = id.is_number_integer() ? id.get<int64_t>() : std::strtoll(JsonText(id).c_str(), nullptr, 10);
  v.subject = JsonText(v.columns.value("subject", Json()));
  const Json unit = v.columns.value("unit_id", Json());
  v.unit_id = unit.is_number_integer() ? unit.get<int64_t>() : std::strtoll(JsonText(unit).c_str(), nullptr, 10);
  v.message_ja = FillTemplate(rule.message_ja, v.columns);
  v.message_en = FillTemplate(rule.message_en, v.columns);
  v.evidence = FillTemplate(rule.evidence, v.columns);
  return v;
}

Status Run(Conn& conn, const Profile& p, const RuleDef& rule, const RuleParams& rp, const std::vector<int64_t>* only,
           RuleResult& out) {
  ASSIGN_OR_RETURN(bool applies, Applies(conn, rule, rp));
  if (!applies) {
    out.state = RuleState::kNotApplicable;
    return Status::Ok();
  }
  ASSIGN_OR_RETURN(auto q, Prepare(rule.query, rp, only));
  RETURN_IF_ERROR(conn.ForEach(q.first, q.second, [&](const Row& r) {
    out.violations.push_back(std::make_shared<const Violation>(MakeViolation(p, rule, r)));
    return true;
  }));
  SortViolations(out.violations);
  out.state = out.violations.empty() ? RuleState::kSatisfied : RuleState::kViolated;
  return Status::Ok();
}

}  // namespace

std::string ParamsKey(const RuleDef& rule, const RuleParams& params) {
  std::set<std::string> names;
  for (const std::string* sql : {&rule.query, &rule.applies_if}) {
    auto b = BindRuleParameters(*sql);
    if (b.ok()) names.insert(b->names.begin(), b->names.end());
  }
  std::string key;
  for (const std::string& n : names) {
    const Value v = params.Get(n);
    key += n + "=" + (std::holds_alternative<std::string>(v) ? std::get<std::string>(v) : "") + ";";
  }
  return key;
}

std::string RestrictToSubjects(std::string_view sql, size_t count) {
  std::string out = "SELECT * FROM (\n" + Trimmed(sql) + "\n) r WHERE r.subject_id IN (";
  for (size_t i = 0; i < count; ++i) out += i ? ",?" : "?";
  return out + ")";
}

std::string FillTemplate(std::string_view tmpl, const Json& columns) {
  std::string out;
  out.reserve(tmpl.size() + 64);
  size_t i = 0;
  while (i < tmpl.size()) {
    const size_t open = tmpl.find('{', i);
    const size_t close = open == std::string_view::npos ? open : tmpl.find('}', open + 1);
    if (close == std::string_view::npos) {
      out.append(tmpl.substr(i));
      break;
    }
    out.append(tmpl.substr(i, open - i));
    const auto it = columns.find(std::string(tmpl.substr(open + 1, close - open - 1)));
    if (it != columns.end()) {
      out += JsonText(*it);
      i = close + 1;
    } else {
      out += '{';
      i = open + 1;
    }
  }
  return out;
}

Result<RuleResult> Evaluator::EvaluateRule(Conn& conn, const Profile& profile, const RuleDef& rule,
                                           const RuleParams& params, const std::vector<int64_t>* only_subjects) {
  RuleResult out;
  out.profile = profile.name;
  out.rule = rule.code;
  out.clause = rule.clause;
  out.severity = rule.severity;
  out.subject_kind = rule.subject;
  out.time_based = rule.time_based;
  out.evaluated_at = params.now;
  out.params_key = ParamsKey(rule, params);
  const auto t0 = std::chrono::steady_clock::now();
  Status st = Run(conn, profile, rule, params, only_subjects, out);
  out.duration_us =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0).count();
  if (!st.ok()) {
    spdlog::error("compliance rule {}/{} failed: {}", profile.name, rule.code, st.en());
    out.state = RuleState::kError;
    out.violations.clear();
    out.error_ja = "規則 " + rule.code + " を評価できません: " + st.en();
    out.error_en = "rule " + rule.code + " could not be evaluated: " + st.en();
  }
  return out;
}

Result<std::vector<RuleResult>> Evaluator::EvaluateAll(Conn& conn, const Profiles& profiles, const RuleParams& params) {
  std::vector<RuleResult> out;
  for (const auto& p : profiles) {
    RuleParams rp = params;
    if (p->fiscal_year_start != params.fiscal_year_mmdd) {
      ASSIGN_OR_RETURN(rp, MakeRuleParams(params.now, params.tz, params.workday_end, p->fiscal_year_start));
    }
    for (const RuleDef& rule : p->rules) {
      ASSIGN_OR_RETURN(RuleResult r, EvaluateRule(conn, *p, rule, rp));
      out.push_back(std::move(r));
    }
  }
  return out;
}

}  // namespace mamori
