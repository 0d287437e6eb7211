// rules.yaml: compliance rules as portable SQL. Reading the section, binding the named parameters, and
// checking each query against a freshly migrated in-memory database.

#include <algorithm>
#include <cctype>
#include <regex>
#include <set>

#include "profile/load_state.h"

namespace mamori {

const std::vector<std::string>& RuleParameterNames() {
  static const std::vector<std::string> kNames = {"now", "workday_cutoff", "today", "fiscal_year_start",
                                                  "fiscal_year_end"};
  return kNames;
}

namespace {

Status SqlError(const std::string& ja, const std::string& en) {
  return Status::Error(ErrorKind::kInvalidArgument, "profile.rule_sql", "", ja, en);
}

bool IdentChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Binds the named parameters; `code`, if given, receives the SQL with quoted text and comments blanked.
Result<BoundQuery> Bind(std::string_view sql, std::string* code) {
  enum { kCode, kSingle, kDouble, kLine, kBlock } st = kCode;
  BoundQuery out;
  std::string blank;
  for (size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i], next = i + 1 < sql.size() ? sql[i + 1] : '\0';
    const bool in_code = st == kCode;
    switch (st) {
      case kCode:
        if (c == '\'')
          st = kSingle;
        else if (c == '"')
          st = kDouble;
        else if (c == '-' && next == '-')
          st = kLine;
        else if (c == '/' && next == '*')
          st = kBlock;
        else if (c == '?')
          return SqlError("? ではなく名前付きパラメータ（:now など）を使ってください。",
                          "use the named parameters (:now, …), not ?");
        else if (c == ':' && next == ':')
          return SqlError(":: による型変換は移植できません。CAST(x AS 型) を使ってください。",
                          ":: casts are not portable; use CAST(x AS type)");
        else if (c == ':' && (std::isalpha(static_cast<unsigned char>(next)) || next == '_')) {
          size_t end = i + 1;
          while (end < sql.size() && IdentChar(sql[end])) ++end;
          const std::string name(sql.substr(i + 1, end - i - 1));
          const auto& names = RuleParameterNames();
          if (std::find(names.begin(), names.end(), name) == names.end())
            return SqlError(
                "パラメータ :" + name +
                    " はありません（:now, :workday_cutoff, :today, :fiscal_year_start, "
                    ":fiscal_year_end）。",
                "unknown parameter :" + name +
                    " (the engine supplies :now, :workday_cutoff, :today, :fiscal_year_start, :fiscal_year_end)");
          out.sql += '?';
          blank += '?';
          out.names.push_back(name);
          i = end - 1;
          continue;
        }
        break;
      case kSingle:
        if (c == '\'') st = kCode;
        break;
      case kDouble:
        if (c == '"') st = kCode;
        break;
      case kLine:
        if (c == '\n') st = kCode;
        break;
      case kBlock:
        if (c == '*' && next == '/') {
          out.sql += "*/";
          blank += "  ";
          ++i;
          st = kCode;
          continue;
        }
        break;
    }
    out.sql += c;
    blank += in_code && st == kCode ? c : ' ';
  }
  if (code) *code = std::move(blank);
  return out;
}

// A SQLite-only construct in `code` (quoted text and comments blanked), or "".
std::string NonPortable(std::string code) {
  std::transform(code.begin(), code.end(), code.begin(), [](unsigned char c) { return std::tolower(c); });
  static const std::regex kFn(
      "\\b(datetime|date|time|julianday|strftime|unixepoch|ifnull|iif|printf|instr|group_concat|now)\\s*\\(");
  static const std::regex kWord("\\b(current_timestamp|current_date|current_time|glob)\\b");
  std::smatch m;
  if (std::regex_search(code, m, kFn)) return m[1].str() + "()";
  if (std::regex_search(code, m, kWord)) return m[1].str();
  return "";
}

Value SampleValue(const std::string& name) {
  if (name == "today" || name == "fiscal_year_start") return std::string("2026-04-01");
  if (name == "fiscal_year_end") return std::string("2027-03-31");
  return std::string("2026-04-01T09:00:00.000Z");
}

using profile_internal::Item;
using profile_internal::kOptional;
using profile_internal::kRequired;
using profile_internal::LoadState;
using profile_internal::MapReader;

struct Site {
  SourceLoc at;
  std::string path;
};

// Checks one SELECT the engine will run; its result columns, or nullopt after reporting an error.
std::optional<std::vector<std::string>> CheckSelect(LoadState& s, Conn& conn, const std::string& sql,
                                                    const Site& site) {
  std::string code;
  auto bound = Bind(sql, &code);
  if (!bound.ok()) {
    s.Error(site.at, site.path, bound.status().ja(), bound.status().en());
    return std::nullopt;
  }
  const std::string bad = NonPortable(code);
  if (!bad.empty()) {
    s.Error(site.at, site.path, bad + " は SQLite 固有で、移植できません。",
            bad + " is SQLite-only: rules must be portable SQL (SQLite and PostgreSQL)");
    return std::nullopt;
  }
  auto info = conn.Describe(bound->sql);
  if (!info.ok()) {
    s.Error(site.at, site.path, "SQL を準備できません: " + info.status().en(),
            "the query does not prepare: " + info.status().en());
    return std::nullopt;
  }
  if (!info->read_only || info->columns.empty()) {
    s.Error(site.at, site.path, "読み取りの SELECT 文でなければなりません。", "must be a read-only SELECT");
    return std::nullopt;
  }
  Params params;
  for (const auto& name : bound->names) params.push_back(SampleValue(name));
  auto run = conn.Query(bound->sql, params);
  if (!run.ok()) {
    s.Error(site.at, site.path, "SQL を実行できません: " + run.status().en(),
            "the query does not run: " + run.status().en());
    return std::nullopt;
  }
  return info->columns;
}

void CheckPlaceholders(LoadState& s, const std::string& text, const Site& site,
                       const std::vector<std::string>& columns) {
  static const std::regex kPlaceholder("\\{([^{}]*)\\}");
  for (std::sregex_iterator it(text.begin(), text.end(), kPlaceholder), end; it != end; ++it) {
    const std::string name = (*it)[1];
    if (std::find(columns.begin(), columns.end(), name) == columns.end())
      s.Error(site.at, site.path, "{" + name + "} はクエリの列にありません。",
              "{" + name + "} is not a column of the query");
  }
}

struct RuleSites {
  Site query, applies_if, message_ja, message_en, evidence;
  std::vector<Item> depends_on;
};

void CheckRule(LoadState& s, Conn& conn, size_t index, const RuleSites& sites) {
  RuleDef& rule = s.profile.rules[index];
  if (!rule.query.empty()) {
    auto columns = CheckSelect(s, conn, rule.query, sites.query);
    if (columns) {
      for (const char* required : {"subject_id", "subject", "unit_id"})
        if (std::find(columns->begin(), columns->end(), required) == columns->end())
          s.Error(sites.query.at, sites.query.path, std::string("列 ") + required + " を返さなければなりません。",
                  std::string("the query must return a column ") + required);
      CheckPlaceholders(s, rule.message_ja, sites.message_ja, *columns);
      CheckPlaceholders(s, rule.message_en, sites.message_en, *columns);
      CheckPlaceholders(s, rule.evidence, sites.evidence, *columns);
      rule.columns = *columns;
    }
  }
  if (!rule.applies_if.empty()) {
    auto columns = CheckSelect(s, conn, rule.applies_if, sites.applies_if);
    if (columns && columns->size() != 1)
      s.Error(sites.applies_if.at, sites.applies_if.path, "列を一つだけ返さなければなりません（SELECT EXISTS …）。",
              "must return exactly one column (SELECT EXISTS …)");
  }
  auto tables = conn.Query("SELECT name FROM sqlite_master WHERE type = 'table'");
  if (!tables.ok()) return;
  std::set<std::string> names;
  for (const Row& r : tables->rows) names.insert(r.Str(0));
  for (const Item& t : sites.depends_on)
    if (!names.count(t.value))
      s.Error(t.at, t.path, "表 \"" + t.value + "\" はありません。", "no table \"" + t.value + "\" in the schema");
}

}  // namespace

Result<BoundQuery> BindRuleParameters(std::string_view sql) { return Bind(sql, nullptr); }

namespace profile_internal {

void ReadRules(LoadState& s, MapReader& m) {
  static const std::vector<std::string> kSeverities = {"high", "medium", "low"};
  static const std::vector<std::string> kSubjects = {"item",        "ledger_entry", "copy_entry",  "person",
                                                     "account",     "designation",  "certificate", "reconciliation",
                                                     "discrepancy", "unit",         "org",         "obligation"};
  m.ForEachMap("rules", kOptional, [&](MapReader& r, size_t) {
    RuleDef d;
    RuleSites sites;
    d.code = s.Code(r, "rules");
    d.clause = r.Str("clause");
    s.CiteValue(d.clause, r.At("clause"), r.Path("clause"), "rule", d.code);
    d.name_ja = r.Str("name_ja");
    d.name_en = r.Str("name_en");
    d.severity = r.OneOf("severity", kSeverities);
    d.subject = r.OneOf("subject", kSubjects);
    sites.depends_on = r.StrList("depends_on");
    for (const Item& t : sites.depends_on) d.depends_on.push_back(t.value);
    d.time_based = r.Bool("time_based");
    d.query = r.Str("query");
    d.applies_if = r.Str("applies_if", kOptional);
    d.message_ja = r.Str("message_ja");
    d.message_en = r.Str("message_en");
    d.evidence = r.Str("evidence", kOptional);
    sites.query = {r.At("query"), r.Path("query")};
    sites.applies_if = {r.At("applies_if"), r.Path("applies_if")};
    sites.message_ja = {r.At("message_ja"), r.Path("message_ja")};
    sites.message_en = {r.At("message_en"), r.Path("message_en")};
    sites.evidence = {r.At("evidence"), r.Path("evidence")};
    const size_t index = s.profile.rules.size();
    s.profile.rules.push_back(std::move(d));
    s.sql_checks.push_back([&s, index, sites](Conn& conn) { CheckRule(s, conn, index, sites); });
  });
}

void CheckSql(LoadState& s) {
  if (s.sql_checks.empty()) return;
  auto fail = [&](const Status& st) {
    s.Error(SourceLoc{s.Display(s.profile.name + "/rules.yaml"), 1, 1}, "",
            "規則を検査するデータベースを用意できません: " + st.en(),
            "cannot set up the database to check rules on: " + st.en());
  };
  auto store = OpenSqliteStore(StoreOptions{":memory:"});
  if (!store.ok()) return fail(store.status());
  auto conn = (*store)->Connect(false);
  if (!conn.ok()) return fail(conn.status());
  Status migrated = Migrate(**conn);
  if (!migrated.ok()) return fail(migrated);
  for (auto& check : s.sql_checks) check(**conn);
}

}  // namespace profile_internal
}  // namespace mamori
