// compliance_bench: the compliance engine on a large organization (issue 4 item 8). Goals on the 2-core
// machine: a full evaluation of a profile's rules in ≤ 2 s, the incremental update after one command in
// ≤ 5 ms.
//
// Fixture: bench_org.h's GenerateOrg — 100,000 people in ~2,000 units, their designations and accounts,
// 1,000,000 items, 10,000,000 ledger rows, reconciliations and obligation occurrences — generated once and
// cached in bench/out/compliance-org/<key>/ (key: sizes, seed, generator version and a hash of the
// migrations), copied to a work directory for each run (the commands below change it).
//
// Measured, on the real App (engine, command path, trail) opened on the copy with a clock anchored at the
// generation instant:
//   full         ComplianceMonitor::EvaluateFull (every rule of every profile taken, one read
//                transaction), `--runs` times after one cold run; each rule's own time too
//   incremental  a real command through Engine::Execute (item.checkout / item.return of a random medium by
//                a media user of its section), its committed batch read back (ReadCommitted) and timed through
//                ComplianceMonitor::ApplyBatch; `--commands` commands
//   designation  the same after designation.create / designation.revoke (rules over designations re-run)
//   raw          the physical limit on the same store in the same run: SELECT COUNT(*) over
//                ledger_entries and over items, a full read of every ledger row, a primary-key SELECT
//
// Prints progress on stderr and one JSON object on stdout. Usage:
//   compliance_bench [--persons N] [--units N] [--items N] [--events N] [--seed S] [--runs R]
//                    [--profiles defense-contractor,mod-internal]
//                    [--commands C] [--designations D] [--cache DIR] [--work DIR] [--regenerate]
//                    [--generate-only] [--keep-work]

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "app/app.h"
#include "base/embedded.h"
#include "bench/bench_org.h"
#include "compliance/compliance.h"
#include "compliance/subjects.h"
#include "crypto/crypto.h"

namespace mamori {
namespace {

using bench::Check;
using bench::Die;
using bench::Percentile;
using Steady = std::chrono::steady_clock;
namespace fs = std::filesystem;

constexpr int kGeneratorVersion = 2;  // bump when GenerateOrg writes different data

double MsSince(Steady::time_point t0) { return std::chrono::duration<double, std::milli>(Steady::now() - t0).count(); }

struct Options {
  bench::OrgSpec spec;
  int runs = 5;
  int commands = 200;
  int designations = 6;  // each forces full re-runs of the rules over designations: seconds
  std::string cache = "bench/out/compliance-org";
  std::string work = "bench/out/compliance-work";
  bool regenerate = false, generate_only = false, keep_work = false;
};

std::vector<std::string> SplitComma(const std::string& s) {
  std::vector<std::string> out;
  size_t at = 0;
  while (at <= s.size()) {
    const size_t comma = std::min(s.find(',', at), s.size());
    if (comma > at) out.push_back(s.substr(at, comma - at));
    at = comma + 1;
  }
  return out;
}

Options ParseArgs(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--regenerate") { o.regenerate = true; continue; }
    if (a == "--generate-only") { o.generate_only = true; continue; }
    if (a == "--keep-work") { o.keep_work = true; continue; }
    const char* v = i + 1 < argc ? argv[i + 1] : nullptr;
    if (!v) Die("missing value for " + a);
    ++i;
    if (a == "--persons") o.spec.persons = std::atoll(v);
    else if (a == "--units") o.spec.units = std::atoll(v);
    else if (a == "--items") o.spec.items = std::atoll(v);
    else if (a == "--events") o.spec.events = std::atoll(v);
    else if (a == "--seed") o.spec.seed = std::strtoull(v, nullptr, 10);
    else if (a == "--profiles") o.spec.profiles = SplitComma(v);
    else if (a == "--runs") o.runs = std::atoi(v);
    else if (a == "--commands") o.commands = std::atoi(v);
    else if (a == "--designations") o.designations = std::atoi(v);
    else if (a == "--cache") o.cache = v;
    else if (a == "--work") o.work = v;
    else Die("unknown option " + a);
  }
  if (o.spec.profiles.empty() || o.spec.profiles[0] != "defense-contractor") Die("--profiles must start with defense-contractor");
  if (o.spec.persons < 30'000 || o.spec.items < 1'000 || o.spec.events < o.spec.items || o.runs < 1)
    Die("--persons must be >= 30000, --items >= 1000, --events >= --items and --runs >= 1");
  return o;
}

// A clock that runs at the real rate from `anchor` (the generation instant): the generated data stays
// "now" whenever the cached store is measured.
class AnchoredClock final : public Clock {
 public:
  explicit AnchoredClock(Micros anchor) : offset_(anchor - SystemClock().Now()) {}
  Micros Now() const override { return SystemClock().Now() + offset_; }

 private:
  Micros offset_;
};

// ---- the cached organization ----------------------------------------------------------------------

std::string CacheKey(const bench::OrgSpec& s) {
  std::string schema;
  for (const auto& [path, content] : EmbeddedFiles())
    if (path.rfind("src/store/migrations/", 0) == 0) schema += path + "\n" + std::string(content);
  std::string profiles;
  for (const std::string& p : s.profiles) profiles += (profiles.empty() ? "" : "+") + p;
  char key[256];
  std::snprintf(key, sizeof key, "%s-p%lld-u%lld-i%lld-e%lld-s%llu-g%d-m%s", profiles.c_str(),
                static_cast<long long>(s.persons),
                static_cast<long long>(s.units), static_cast<long long>(s.items), static_cast<long long>(s.events),
                static_cast<unsigned long long>(s.seed), kGeneratorVersion, ToHex(Sha256(schema)).substr(0, 10).c_str());
  return key;
}

// The cache entry's var/ and its meta.json (OrgStats), generating it when missing or asked to.
Json CachedOrg(const Options& o, std::string& var) {
  const fs::path dir = fs::path(o.cache) / CacheKey(o.spec);
  var = (dir / "var").string();
  const fs::path meta = dir / "meta.json";
  if (!o.regenerate && fs::exists(meta)) {
    std::ifstream in(meta);
    Json j = Json::parse(in);
    j["cached"] = true;
    std::fprintf(stderr, "compliance_bench: cached organization %s (generated in %.0f s)\n", dir.c_str(),
                 j["seconds"].get<double>());
    return j;
  }
  std::error_code ec;
  fs::remove_all(o.cache, ec);  // one entry at a time: each is several GB
  fs::create_directories(dir);
  const Micros now = SystemClock().Now() / kSecond * kSecond;
  std::fprintf(stderr, "compliance_bench: generating %lld persons, %lld items, %lld ledger rows in %s\n",
               static_cast<long long>(o.spec.persons), static_cast<long long>(o.spec.items),
               static_cast<long long>(o.spec.events), var.c_str());
  const bench::OrgStats st = Check(bench::GenerateOrg(var, o.spec, now), "generate");
  Json planted = Json::object();
  for (const auto& [rule, n] : st.planted) planted[rule] = n;
  Json j{{"key", dir.filename().string()}, {"now", st.now},         {"seconds", st.seconds},
         {"db_bytes", st.db_bytes},        {"units", st.units},     {"persons", st.persons},
         {"accounts", st.accounts},        {"designations", st.designations}, {"items", st.items},
         {"ledger_entries", st.entries},   {"reconciliations", st.reconciliations},
         {"discrepancies", st.discrepancies}, {"obligation_occurrences", st.occurrences}, {"planted", planted},
         {"profiles", o.spec.profiles}};
  std::ofstream(meta) << j.dump(1) << "\n";
  std::fprintf(stderr, "compliance_bench: generated in %.0f s, database %.2f GB\n", st.seconds, st.db_bytes / 1e9);
  j["cached"] = false;
  return j;
}

// A fresh copy of the cached var/ to measure on (commands write to it).
std::string WorkCopy(const Options& o, const std::string& var) {
  const auto t0 = Steady::now();
  const fs::path work = fs::path(o.work) / "var";
  std::error_code ec;
  fs::remove_all(o.work, ec);
  fs::create_directories(work.parent_path());
  fs::copy(var, work, fs::copy_options::recursive);
  std::fprintf(stderr, "compliance_bench: copied the store to %s in %.1f s\n", work.c_str(), MsSince(t0) / 1000);
  return work.string();
}

// ---- measurements -----------------------------------------------------------------------------------

Json Summary(const std::vector<double>& ms) {
  if (ms.empty()) return Json{{"n", 0}};
  return Json{{"n", ms.size()}, {"p50_ms", Percentile(ms, 0.5)}, {"p99_ms", Percentile(ms, 0.99)},
              {"max_ms", *std::max_element(ms.begin(), ms.end())}, {"min_ms", *std::min_element(ms.begin(), ms.end())}};
}

// Median of `n` timed runs of a query (after one untimed run that warms the page cache).
double TimedQueryMs(Conn& c, const std::string& sql, int n, int64_t* value) {
  std::vector<double> ms;
  for (int i = 0; i <= n; ++i) {
    const auto t0 = Steady::now();
    Rows r = Check(c.Query(sql), sql.c_str());
    if (i > 0) ms.push_back(MsSince(t0));
    if (value) *value = r.rows[0].Int(0);
  }
  return Percentile(ms, 0.5);
}

Json RawLimits(Store& store) {
  auto conn = Check(store.Connect(true), "connect");
  Json out;
  int64_t n = 0;
  out["count_ledger_ms"] = TimedQueryMs(*conn, "SELECT COUNT(*) FROM ledger_entries", 3, &n);
  out["ledger_rows"] = n;
  out["count_items_ms"] = TimedQueryMs(*conn, "SELECT COUNT(*) FROM items", 3, &n);
  out["item_rows"] = n;
  // Every row read, not just an index counted: the cost floor of a rule that must look at each row.
  out["scan_ledger_ms"] = TimedQueryMs(*conn, "SELECT SUM(LENGTH(created_at)) FROM ledger_entries", 1, nullptr);
  out["scan_items_ms"] = TimedQueryMs(*conn, "SELECT SUM(LENGTH(registered_at)) FROM items", 1, nullptr);
  const int64_t max_id = Check(conn->Query("SELECT MAX(id) FROM items"), "max").rows[0].Int(0);
  std::mt19937_64 rng(7);
  std::vector<double> us;
  for (int i = 0; i < 2000; ++i) {
    const int64_t id = std::uniform_int_distribution<int64_t>(1, max_id)(rng);
    const auto t0 = Steady::now();
    Check(conn->Query("SELECT * FROM items WHERE id = ?", {id}), "pk select");
    us.push_back(MsSince(t0) * 1000);
  }
  out["pk_select_p50_us"] = Percentile(us, 0.5);
  out["pk_select_p99_us"] = Percentile(us, 0.99);
  return out;
}

Json Full(ComplianceMonitor& monitor, Conn& conn, int runs) {
  std::vector<double> total;
  std::map<std::string, std::vector<double>> per_rule;
  std::map<std::string, Json> info;
  double cold = 0;
  for (int r = 0; r <= runs; ++r) {
    const auto t0 = Steady::now();
    Check(monitor.EvaluateFull(conn), "full evaluation");
    const double ms = MsSince(t0);
    if (r == 0) cold = ms;
    else total.push_back(ms);
    for (const auto& rr : monitor.Report()->rules) {
      const std::string key = rr->profile + "/" + rr->rule;
      if (r > 0) per_rule[key].push_back(static_cast<double>(rr->duration_us) / 1000);
      info[key] = Json{{"profile", rr->profile}, {"rule", rr->rule}, {"state", RuleStateName(rr->state)},
                       {"violations", rr->violations.size()}, {"time_based", rr->time_based}};
      if (rr->state == RuleState::kError) info[key]["error"] = rr->error_en;
    }
    std::fprintf(stderr, "  full evaluation %d: %.0f ms\n", r, ms);
  }
  Json rules = Json::array();
  for (auto& [key, j] : info) {
    j.update(Summary(per_rule[key]));
    rules.push_back(j);
  }
  std::sort(rules.begin(), rules.end(), [](const Json& a, const Json& b) { return a["p50_ms"] > b["p50_ms"]; });
  Json out = Summary(total);
  out["cold_ms"] = cold;
  out["rules"] = rules;
  return out;
}

struct Subject {
  int64_t item_id = 0;
  std::string control_no;
  int64_t unit_id = 0;
  Actor actor;
};

// `n` random media in storage, each with a holder of `role` in its section who has an account.
std::vector<Subject> PickItems(Conn& c, int n, const std::string& role, std::mt19937_64& rng) {
  const int64_t max_id = Check(c.Query("SELECT MAX(id) FROM items"), "max").rows[0].Int(0);
  std::vector<Subject> out;
  for (int tries = 0; static_cast<int>(out.size()) < n && tries < 100 * n; ++tries) {
    const int64_t id = std::uniform_int_distribution<int64_t>(1, max_id)(rng);
    Rows r = Check(c.Query("SELECT i.control_no, i.custodian_unit_id, a.id, a.username, a.person_id FROM items i "
                           "JOIN designations d ON d.unit_id = i.custodian_unit_id AND d.role_code = ? "
                           "AND d.revoked_at IS NULL JOIN accounts a ON a.person_id = d.person_id AND a.disabled = 0 "
                           "WHERE i.id = ? AND i.state = 'in_storage' AND i.kind = 'medium' LIMIT 1",
                           {role, id}),
                   "pick item");
    if (r.empty()) continue;
    Subject s{id, r.rows[0].Str(0), r.rows[0].Int(1), {}};
    s.actor.account_id = r.rows[0].Int(2);
    s.actor.username = r.rows[0].Str(3);
    s.actor.person_id = r.rows[0].Int(4);
    out.push_back(std::move(s));
  }
  if (static_cast<int>(out.size()) < n) Die("not enough media in storage with a " + role);
  return out;
}

struct Timings {
  std::vector<double> apply_ms, command_ms;
  int64_t restricted = 0, full = 0;
  std::vector<CommittedCommand> last_batch;
};

// Runs one command, reads its committed batch back and times the incremental update.
void Step(App& app, ComplianceMonitor& monitor, Conn& conn, int64_t& seq, const Actor& actor, const char* cmd,
          const Json& input, Timings& t, Json* output = nullptr) {
  const auto t0 = Steady::now();
  Json out = Check(app.engine().Execute(actor, cmd, input), cmd);
  t.command_ms.push_back(MsSince(t0));
  if (output) *output = out;
  std::vector<CommittedCommand> batch = Check(ReadCommitted(conn, seq), "read committed");
  if (batch.empty()) Die(std::string("no committed batch after ") + cmd);
  seq = batch.back().seq;
  t.last_batch = batch;
  const ComplianceMonitor::Stats before = monitor.stats();
  const auto t1 = Steady::now();
  Check(monitor.ApplyBatch(batch, conn), "apply batch");
  t.apply_ms.push_back(MsSince(t1));
  const ComplianceMonitor::Stats after = monitor.stats();
  t.restricted += after.rules_rerun_restricted - before.rules_rerun_restricted;
  t.full += after.rules_rerun_full - before.rules_rerun_full;
}

// What ApplyBatch does with each rule after `batch` (compliance_internal::Decide: keep, re-run for the
// subjects written, or re-run in full) and how long that re-run takes: where the incremental time goes.
Json RuleBreakdown(const ComplianceMonitor& monitor, Conn& conn, const std::vector<CommittedCommand>& batch,
                   Micros now) {
  namespace ci = compliance_internal;
  const auto written = ci::CollectWrites(batch);
  std::map<std::string, std::shared_ptr<const RuleResult>> prior;
  for (const auto& r : monitor.Report()->rules) prior[r->profile + "/" + r->rule] = r;
  Json out = Json::array();
  for (const auto& p : monitor.profiles()) {
    const RuleParams params = Check(ComputeRuleParams(conn, *p, now), "params");
    for (const RuleDef& rule : p->rules) {
      const std::shared_ptr<const RuleResult>& before = prior[p->name + "/" + rule.code];
      const auto td = Steady::now();
      const ci::Decision d = Check(ci::Decide(conn, rule, ci::RuleTables::Of(rule), before->state, written), "decide");
      const double decide_ms = MsSince(td);
      if (d.plan == ci::Plan::kKeep) continue;
      std::vector<double> ms;  // median of 3 for a restricted re-run; a full one is timed once (seconds)
      for (int i = 0; i < (d.plan == ci::Plan::kRestricted ? 3 : 1); ++i) {
        const auto t0 = Steady::now();
        const RuleResult r = Check(
            Evaluator::EvaluateRule(conn, *p, rule, params, d.plan == ci::Plan::kRestricted ? &d.subjects : nullptr),
            "rule");
        ms.push_back(MsSince(t0));
        if (r.state == RuleState::kError) Die(rule.code + ": " + r.error_en);
      }
      // What folding a restricted result into the rule's previous one costs at least: a copy of its
      // violations and a sort (the monitor's merge does that and a little more).
      double copy_ms = 0;
      if (d.plan == ci::Plan::kRestricted) {
        const auto t0 = Steady::now();
        RuleResult copy = *before;
        SortViolations(copy.violations);
        copy_ms = MsSince(t0);
      }
      out.push_back(Json{{"profile", p->name},
                         {"rule", rule.code},
                         {"plan", d.plan == ci::Plan::kRestricted ? "restricted" : "full"},
                         {"subjects", d.subjects.size()},
                         {"ms", Percentile(ms, 0.5)},
                         {"decide_ms", decide_ms},
                         {"violations", before->violations.size()},
                         {"copy_sort_ms", copy_ms}});
    }
  }
  return out;
}

Json TimingsJson(const Timings& t) {
  Json j = Summary(t.apply_ms);
  j["command"] = Summary(t.command_ms);
  j["rules_rerun_restricted"] = t.restricted;
  j["rules_rerun_full"] = t.full;
  return j;
}

Json Incremental(App& app, ComplianceMonitor& monitor, Conn& conn, int commands, std::mt19937_64& rng) {
  int64_t seq = Check(conn.Query("SELECT COALESCE(MAX(seq), 0) FROM trail_events"), "seq").rows[0].Int(0);
  Timings checkout, ret;
  // By a named media user of the item's section: the usual case (a use by anyone else is a breach the
  // rules then look into further).
  for (const Subject& s : PickItems(conn, (commands + 1) / 2, "media_user", rng)) {
    Step(app, monitor, conn, seq, s.actor, "item.checkout",
         Json{{"control_no", s.control_no}, {"purpose", "ベンチマーク"}}, checkout);
    Step(app, monitor, conn, seq, s.actor, "item.return", Json{{"control_no", s.control_no}}, ret);
  }
  Timings all = checkout;
  all.apply_ms.insert(all.apply_ms.end(), ret.apply_ms.begin(), ret.apply_ms.end());
  all.command_ms.insert(all.command_ms.end(), ret.command_ms.begin(), ret.command_ms.end());
  all.restricted += ret.restricted;
  all.full += ret.full;
  return Json{{"all", TimingsJson(all)},
              {"checkout", TimingsJson(checkout)},
              {"return", TimingsJson(ret)},
              {"rules_after_checkout", RuleBreakdown(monitor, conn, checkout.last_batch, app.clock().Now())},
              {"rules_after_return", RuleBreakdown(monitor, conn, ret.last_batch, app.clock().Now())}};
}

// Designates a protected-system user of a section as media user (by the section's manager), then ends it.
Json DesignationChanges(App& app, ComplianceMonitor& monitor, Conn& conn, int n, std::mt19937_64& rng) {
  int64_t seq = Check(conn.Query("SELECT COALESCE(MAX(seq), 0) FROM trail_events"), "seq").rows[0].Int(0);
  Timings create, revoke;
  for (const Subject& s : PickItems(conn, (n + 1) / 2, "manager", rng)) {
    Rows p = Check(conn.Query("SELECT d.person_id FROM designations d WHERE d.unit_id = ? AND "
                              "d.role_code = 'protected_system_user' AND d.revoked_at IS NULL AND d.person_id NOT IN "
                              "(SELECT person_id FROM designations WHERE unit_id = ? AND role_code = 'media_user') "
                              "LIMIT 1",
                              {s.unit_id, s.unit_id}),
                   "pick person");
    if (p.empty()) continue;
    Json out;
    Step(app, monitor, conn, seq, s.actor, "designation.create",
         Json{{"person_id", p.rows[0].Int(0)}, {"role", "media_user"}, {"unit_id", s.unit_id},
              {"note", "ベンチマーク: 媒体の使用が必要なため"}},
         create, &out);
    Step(app, monitor, conn, seq, s.actor, "designation.revoke", Json{{"designation_id", out["designation_id"]}},
         revoke);
  }
  return Json{{"create", TimingsJson(create)},
              {"revoke", TimingsJson(revoke)},
              {"rules_after_create", RuleBreakdown(monitor, conn, create.last_batch, app.clock().Now())}};
}

int Main(int argc, char** argv) {
  bench::SetBenchName("compliance_bench");
  const Options o = ParseArgs(argc, argv);
  spdlog::set_level(spdlog::level::warn);
  std::string cached;
  Json gen = CachedOrg(o, cached);
  if (o.generate_only) {
    std::printf("%s\n", Json{{"generation", gen}}.dump(1).c_str());
    return 0;
  }
  const std::string var = WorkCopy(o, cached);
  const AnchoredClock clock(Check(ParseTimestamp(gen["now"].get<std::string>()), "now"));
  const std::string load_before = bench::LoadAverage();
  Json out{{"date", FormatUtc(SystemClock().Now())}, {"cpu", bench::CpuModel()}, {"generation", gen},
           {"runs", o.runs}};
  {
    auto app = Check(App::Open(var, &clock), "open");
    std::fprintf(stderr, "compliance_bench: raw SQLite limits\n");
    out["raw"] = RawLimits(app->store());
    ComplianceMonitor monitor(clock);
    monitor.Configure(app->profiles());
    auto conn = Check(app->store().Connect(true), "connect");
    Json profiles = Json::array();
    for (const auto& p : app->profiles()) profiles.push_back(Json{{"name", p->name}, {"rules", p->rules.size()}});
    out["profiles"] = profiles;
    std::fprintf(stderr, "compliance_bench: full evaluation, %d runs after a cold one\n", o.runs);
    out["full"] = Full(monitor, *conn, o.runs);
    std::mt19937_64 rng(o.spec.seed + 1);
    std::fprintf(stderr, "compliance_bench: %d commands, incremental update after each\n", o.commands);
    out["incremental"] = Incremental(*app, monitor, *conn, o.commands, rng);
    std::fprintf(stderr, "compliance_bench: %d designation changes\n", o.designations);
    out["designation"] = DesignationChanges(*app, monitor, *conn, o.designations, rng);
  }
  out["load_before"] = load_before;
  out["load_after"] = bench::LoadAverage();
  out["goals"] = Json{{"full_ms", 2000}, {"incremental_ms", 5}};
  const double raw_ms = out["raw"]["count_ledger_ms"].get<double>() + out["raw"]["count_items_ms"].get<double>();
  out["full"]["ratio_to_raw_count"] = out["full"]["p50_ms"].get<double>() / raw_ms;
  out["incremental"]["all"]["ratio_to_pk_select"] =
      out["incremental"]["all"]["p50_ms"].get<double>() * 1000 / out["raw"]["pk_select_p50_us"].get<double>();
  if (!o.keep_work) {
    std::error_code ec;
    fs::remove_all(o.work, ec);
  }
  std::printf("%s\n", out.dump(1).c_str());
  const Json& f = out["full"];
  const Json& inc = out["incremental"]["all"];
  std::fprintf(stderr,
               "compliance_bench: full p50 %.0f ms p99 %.0f ms (goal 2000; raw counts %.0f ms), incremental p50 %.2f "
               "ms p99 %.2f ms (goal 5)\n",
               f["p50_ms"].get<double>(), f["p99_ms"].get<double>(), raw_ms, inc["p50_ms"].get<double>(),
               inc["p99_ms"].get<double>());
  return 0;
}

}  // namespace
}  // namespace mamori

int main(int argc, char** argv) { return mamori::Main(argc, argv); }
