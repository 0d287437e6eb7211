// Which rules a batch can change, and for which subjects (subjects.h).

#include "compliance/subjects.h"

#include <algorithm>
#include <cctype>

namespace mamori::compliance_internal {

using Json = nlohmann::json;
using Written = std::map<std::string, std::vector<const Json*>>;

const std::vector<SubjectSource>& SubjectSources() {
  static const std::vector<SubjectSource> kSources = {
      {"item", "items", "id", ""},
      {"item", "ledger_entries", "item_id", ""},
      {"item", "copy_entries", "item_id", ""},
      {"item", "discrepancies", "item_id", ""},
      {"ledger_entry", "ledger_entries", "id", ""},
      {"ledger_entry", "copy_entries", "entry_id", ""},
      {"ledger_entry", "items", "id", "SELECT id FROM ledger_entries WHERE item_id IN"},
      {"copy_entry", "copy_entries", "id", ""},
      {"person", "persons", "id", ""},
      {"person", "accounts", "person_id", ""},
      {"person", "designations", "person_id", ""},
      {"designation", "designations", "id", ""},
      {"designation", "certificates", "designation_id", ""},
      {"designation", "persons", "id", "SELECT id FROM designations WHERE person_id IN"},
      {"account", "accounts", "id", ""},
      {"certificate", "certificates", "id", ""},
      {"reconciliation", "reconciliations", "id", ""},
      {"reconciliation", "discrepancies", "reconciliation_id", ""},
      {"discrepancy", "discrepancies", "id", ""},
      {"obligation", "obligation_occurrences", "id", ""},
      {"org", "org", "id", ""},
  };
  return kSources;
}

std::map<std::string, int> IdentifierCounts(std::string_view sql) {
  std::map<std::string, int> out;
  size_t i = 0;
  const auto ident = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  while (i < sql.size()) {
    const char c = sql[i], next = i + 1 < sql.size() ? sql[i + 1] : '\0';
    if (c == '\'') {  // text: up to the closing quote ('' inside is two quotes in a row)
      const size_t close = sql.find('\'', i + 1);
      i = close == std::string_view::npos ? sql.size() : close + 1;
    } else if (c == '-' && next == '-') {
      const size_t nl = sql.find('\n', i);
      i = nl == std::string_view::npos ? sql.size() : nl + 1;
    } else if (c == '/' && next == '*') {
      const size_t close = sql.find("*/", i + 2);
      i = close == std::string_view::npos ? sql.size() : close + 2;
    } else if (ident(c) && !std::isdigit(static_cast<unsigned char>(c))) {
      size_t end = i;
      while (end < sql.size() && ident(sql[end])) ++end;
      size_t before = i;  // a column after "alias." is not a table
      while (before > 0 && std::isspace(static_cast<unsigned char>(sql[before - 1]))) --before;
      if (before == 0 || sql[before - 1] != '.') {
        std::string word(sql.substr(i, end - i));
        std::transform(word.begin(), word.end(), word.begin(), [](unsigned char x) { return std::tolower(x); });
        ++out[word];
      }
      i = end;
    } else {
      ++i;  // double-quoted identifiers are read as identifiers: their quotes are skipped here
    }
  }
  return out;
}

RuleTables RuleTables::Of(const RuleDef& rule) {
  RuleTables t;
  t.query = IdentifierCounts(rule.query);
  t.applies_if = IdentifierCounts(rule.applies_if);
  t.depends_on.insert(rule.depends_on.begin(), rule.depends_on.end());
  return t;
}

std::vector<std::string> RuleTables::Touched(const Written& written) const {
  std::vector<std::string> out;
  for (const auto& [table, rows] : written)
    if (depends_on.count(table) || query.count(table) || applies_if.count(table)) out.push_back(table);
  return out;
}

Written CollectWrites(const std::vector<CommittedCommand>& batch) {
  Written out;
  out["trail_events"];
  for (const CommittedCommand& c : batch) {
    if (!c.effects.is_array()) continue;
    for (const Json& e : c.effects)
      if (e.is_object() && e.contains("t") && e["t"].is_string() && e.contains("row"))
        out[e["t"].get<std::string>()].push_back(&e["row"]);
  }
  return out;
}

namespace {

std::optional<int64_t> IntField(const Json& row, const char* column) {
  if (!row.is_object() || !row.contains(column)) return std::nullopt;
  const Json& v = row[column];
  if (v.is_number_integer()) return v.get<int64_t>();
  return std::nullopt;
}

// The ids `lookup` gives for `keys`, padded like rule queries (a few statement shapes only).
Status Lookup(Conn& conn, const std::string& lookup, const std::vector<int64_t>& keys, std::set<int64_t>& ids) {
  for (size_t at = 0; at < keys.size(); at += kMaxSubjects) {
    const size_t count = std::min(kMaxSubjects, keys.size() - at);
    size_t n = 1;
    while (n < count) n *= 2;
    std::string sql = lookup + " (";
    Params params(n);  // sized up front: g++ 12 -O2 warns (falsely) on a variant moved by push_back here
    for (size_t i = 0; i < n; ++i) {
      sql += i ? ",?" : "?";
      params[i] = keys[at + std::min(i, count - 1)];
    }
    RETURN_IF_ERROR(conn.ForEach(sql + ")", params, [&](const Row& r) {
      ids.insert(r.Int(0));
      return ids.size() <= kMaxSubjects;
    }));
    if (ids.size() > kMaxSubjects) break;
  }
  return Status::Ok();
}

}  // namespace

Result<Decision> Decide(Conn& conn, const RuleDef& rule, const RuleTables& tables, RuleState prior,
                        const Written& written) {
  const std::vector<std::string> touched = tables.Touched(written);
  if (touched.empty()) return Decision{Plan::kKeep, {}};
  if (prior == RuleState::kError) return Decision{Plan::kFull, {}};
  for (const std::string& t : touched)
    if (tables.applies_if.count(t)) return Decision{Plan::kFull, {}};  // applicability may have changed
  if (prior == RuleState::kNotApplicable) return Decision{Plan::kKeep, {}};
  std::set<int64_t> ids;
  for (const std::string& t : touched) {
    const auto count = tables.query.find(t);
    if (count == tables.query.end()) continue;  // listed in depends_on but not read by the query
    // Read twice (a self-join, a subquery): a row may bear on subjects other than its own.
    if (count->second > 1) return Decision{Plan::kFull, {}};
    bool mapped = false;
    for (const SubjectSource& s : SubjectSources()) {
      if (rule.subject != s.kind || t != s.table) continue;
      mapped = true;
      std::vector<int64_t> keys;
      for (const Json* row : written.at(t))
        if (auto v = IntField(*row, s.column)) {
          if (*s.lookup)
            keys.push_back(*v);
          else
            ids.insert(*v);
        }
      if (*s.lookup && !keys.empty()) RETURN_IF_ERROR(Lookup(conn, s.lookup, keys, ids));
      if (ids.size() > kMaxSubjects) return Decision{Plan::kFull, {}};
    }
    if (!mapped) return Decision{Plan::kFull, {}};
  }
  if (ids.empty()) return Decision{Plan::kKeep, {}};
  return Decision{Plan::kRestricted, std::vector<int64_t>(ids.begin(), ids.end())};
}

}  // namespace mamori::compliance_internal
