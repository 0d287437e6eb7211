// `mamori check`: evaluates every compliance rule of the organization's profiles on the local database
// (read-only) and prints, per profile, the share of clauses satisfied and each clause's state with the
// records that break it. Exit 0 when nothing is violated, 2 when something is, 1 on error.

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>

#include "app/app.h"
#include "base/time.h"
#include "cli/cli_util.h"
#include "cli/subcommands.h"
#include "compliance/compliance.h"
#include "identity/catalog.h"

namespace mamori {
namespace {

const char* StateLabel(const std::string& state) {
  if (state == "violated") return "違反 violated";
  if (state == "satisfied") return "充足 satisfied";
  if (state == "not_applicable") return "対象外 not applicable";
  if (state == "error") return "評価不能 error";
  if (state == "recorded") return "記録のみ recorded";
  return "未対応 not yet";
}

// `s` padded with spaces to `width` terminal columns (a CJK character takes two).
std::string Pad(const std::string& s, size_t width) {
  size_t cols = 0;
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    cols += len == 3 ? 2 : 1;
    i += len;
  }
  return s + std::string(width > cols ? width - cols : 0, ' ');
}

struct Selection {
  std::string profile, clause;  // "" = all
  bool Wants(const ProfileCompliance& p) const { return profile.empty() || p.profile == profile; }
  bool Wants(const ClauseState& c) const { return clause.empty() || c.ref == clause; }
};

using ByClause = std::map<std::string, std::vector<const Violation*>>;

void PrintClause(const ClauseState& c, const ByClause& violations, const ComplianceSnapshot& snap) {
  std::printf("  %s %s  %s / %s\n", Pad(StateLabel(c.state), 22).c_str(), c.ref.c_str(), c.title_ja.c_str(),
              c.title_en.c_str());
  auto found = violations.find(c.ref);
  if (found != violations.end())
    for (const Violation* v : found->second)
      std::printf("      [%s] %s\n             %s\n", v->severity.c_str(), v->message_ja.c_str(),
                  v->message_en.c_str());
  if (c.obligations_overdue > 0)
    std::printf("      期限を過ぎた義務 %lld 件 / %lld overdue duties\n", static_cast<long long>(c.obligations_overdue),
                static_cast<long long>(c.obligations_overdue));
  for (const auto& r : snap.rules)
    if (r->clause == c.ref && r->state == RuleState::kError)
      std::printf("      %s\n      %s\n", r->error_ja.c_str(), r->error_en.c_str());
}

void PrintText(const ComplianceReport& report, const ComplianceSnapshot& snap, const Selection& sel,
               const TimeZone& tz) {
  ByClause by_clause;
  for (const Violation* v : report.violations) by_clause[v->clause].push_back(v);
  std::printf("遵守状況 / Compliance — %s (%s), trail seq %lld\n",
              FormatDisplay(report.evaluated_at, tz, DateStyle::kSeireki).c_str(), tz.name.c_str(),
              static_cast<long long>(report.as_of_seq));
  for (const ProfileCompliance& p : report.profiles) {
    if (!sel.Wants(p)) continue;
    std::printf("\n%s %s (%s v%d)\n", p.document.code.c_str(), p.document.title_ja.c_str(), p.profile.c_str(),
                p.version);
    std::printf(
        "  充足率 share satisfied: %.1f%% (%lld / %lld; 違反 violated %lld, 対象外 not applicable %lld, "
        "評価不能 error %lld, 記録のみ recorded %lld, 未対応 not yet %lld)\n",
        p.share_satisfied * 100, static_cast<long long>(p.satisfied),
        static_cast<long long>(p.clauses - p.not_applicable), static_cast<long long>(p.violated),
        static_cast<long long>(p.not_applicable), static_cast<long long>(p.error), static_cast<long long>(p.recorded),
        static_cast<long long>(p.not_yet));
    for (const ClauseState& c : p.clause_states)
      if (sel.Wants(c)) PrintClause(c, by_clause, snap);
  }
}

// Whether anything selected is violated.
bool AnyViolated(const ComplianceReport& report, const Selection& sel) {
  for (const ProfileCompliance& p : report.profiles)
    if (sel.Wants(p))
      for (const ClauseState& c : p.clause_states)
        if (sel.Wants(c) && c.state == "violated") return true;
  return false;
}

Json SelectedJson(const ComplianceReport& report, const Selection& sel) {
  Json j = report.ToJson();
  Json profiles = Json::array();
  for (Json& p : j["profiles"]) {
    if (!sel.profile.empty() && p["profile"] != sel.profile) continue;
    if (!sel.clause.empty()) {
      Json kept = Json::array();
      for (Json& c : p["clauses"])
        if (c["ref"] == sel.clause) kept.push_back(c);
      p["clauses"] = kept;
    }
    profiles.push_back(p);
  }
  j["profiles"] = profiles;
  std::set<std::string> refs;  // the clauses selected
  for (const ProfileCompliance& p : report.profiles)
    if (sel.Wants(p))
      for (const ClauseState& c : p.clause_states)
        if (sel.Wants(c)) refs.insert(c.ref);
  Json violations = Json::array();
  for (const Violation* v : report.violations)
    if (refs.count(v->clause)) violations.push_back(v->ToJson());
  j["violations"] = violations;
  return j;
}

int Check(const std::string& var, const Selection& sel, const std::string& format) {
  if (!std::filesystem::exists(Paths{var}.db()))
    return Fail(Status::Error(ErrorKind::kNotFound, "var.missing", "",
                              var + " にデータベースがありません（mamori init）。",
                              "No database in " + var + " (run mamori init or mamori demo)."));
  auto store = OpenSqliteStore(StoreOptions{Paths{var}.db(), true});
  if (!store.ok()) return Fail(store.status());
  auto conn = (*store)->Connect(true);
  if (!conn.ok()) return Fail(conn.status());
  if (Status st = CheckMigrations(**conn); !st.ok()) return Fail(st);
  auto names = TakenProfiles(**conn);
  if (!names.ok()) return Fail(names.status());
  if (!sel.profile.empty() && std::find(names->begin(), names->end(), sel.profile) == names->end())
    return Fail(Status::Error(ErrorKind::kNotFound, "compliance.unknown_profile", "",
                              "組織はプロファイル " + sel.profile + " を適用していません。",
                              "The organization does not take profile " + sel.profile + ".", "profile"));
  auto profiles = LoadProfiles(*names);
  if (!profiles.ok()) return Fail(profiles.status());
  if (!sel.clause.empty()) {
    bool found = false;
    for (const auto& p : *profiles)
      found |= (sel.profile.empty() || p->name == sel.profile) && p->FindClause(sel.clause);
    if (!found)
      return Fail(Status::Error(ErrorKind::kNotFound, "compliance.unknown_clause", "",
                                "条項 " + sel.clause + " はありません。", "No clause " + sel.clause + ".", "clause"));
  }
  auto org = (*conn)->Query("SELECT timezone FROM org WHERE id = 1");
  if (!org.ok()) return Fail(org.status());
  auto tz = TimeZone::FromName(org->empty() ? "Asia/Tokyo" : org->rows[0].Str(0));
  if (!tz.ok()) return Fail(tz.status());

  SystemClock clock;
  ComplianceMonitor monitor(clock);
  monitor.Configure(*profiles);
  if (Status st = monitor.EvaluateFull(**conn); !st.ok()) return Fail(st);
  const auto snap = monitor.Report();
  auto report = BuildReport(**conn, *snap, *profiles, std::nullopt, clock.Now());
  if (!report.ok()) return Fail(report.status());
  if (format == "json")
    std::printf("%s\n", SelectedJson(*report, sel).dump(2).c_str());
  else
    PrintText(*report, *snap, sel, *tz);
  return AnyViolated(*report, sel) ? 2 : 0;
}

}  // namespace

int CmdCheck(int argc, char** argv) {
  CLI::App cli("Evaluate the compliance rules of the organization's profiles on the local database (read-only)",
               "mamori check");
  std::string var = DefaultVar(), format = "text";
  Selection sel;
  cli.add_option("--var", var, "data directory")->capture_default_str();
  cli.add_option("--profile", sel.profile, "only this profile (one the organization takes)");
  cli.add_option("--format", format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  cli.add_option("--clause", sel.clause, "only this clause, e.g. '001 第8 5(1)ア'");
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = cli.exit(e);
    return code == 0 ? 0 : 1;  // 2 means "violated" here: a usage error is 1
  }
  // Log lines (a rule that fails) go to stderr, away from the report.
  spdlog::set_default_logger(spdlog::stderr_color_mt("mamori-check"));
  spdlog::set_level(spdlog::level::warn);
  return Check(var, sel, format);
}

}  // namespace mamori
