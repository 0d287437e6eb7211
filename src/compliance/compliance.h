#pragma once
// The compliance engine (docs/architecture.md, "The compliance engine"). The `rules:` of the profiles an
// organization takes are portable SQL returning the records that break a clause; the Evaluator runs them,
// the ComplianceMonitor keeps their results current as commands commit (re-running a rule only for the
// subjects a batch wrote when it can), and BuildReport turns results, duties and the clause lists into
// per-clause states for `mamori check` and GET /api/v1/compliance.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "base/status.h"
#include "base/time.h"
#include "engine/engine.h"
#include "profile/profile.h"
#include "store/store.h"

namespace mamori {

using Profiles = std::vector<std::shared_ptr<const Profile>>;

// ---- parameters ----------------------------------------------------------------------------------

// The named parameters a rule query may use. Every value is UTC ISO-8601 text with milliseconds, as the
// store keeps timestamps (FormatUtc), so that rules compare them with stored columns as text:
//   :now                the evaluation time;
//   :workday_cutoff     the most recent end of a working day at or before :now (workday_end in the
//                       organization's zone; every day counts, mamori keeps no calendar of days off);
//   :today              the start (00:00) of the current day in the organization's zone;
//   :fiscal_year_start  the start (00:00 local) of the current fiscal year (the profile's MM-DD);
//   :fiscal_year_end    the start of the next fiscal year: the current one is [start, end).
struct RuleParams {
  Micros now = 0;
  TimeZone tz;
  std::string workday_end = "18:15";       // local HH:MM
  std::string fiscal_year_mmdd = "04-01";  // the MM-DD the fiscal-year bounds were computed for
  std::string now_text, workday_cutoff, today, fiscal_year_start, fiscal_year_end;

  // The value of `:name` ("now", …); NULL for a name that is not a parameter.
  Value Get(std::string_view name) const;
};

// Computes the parameters at `now`. kInvalidArgument if `workday_end` is not HH:MM or `fiscal_year_start`
// not MM-DD. A fiscal year starting on 02-29 starts on 02-28 in other years.
Result<RuleParams> MakeRuleParams(Micros now, const TimeZone& tz, std::string_view workday_end,
                                  std::string_view fiscal_year_start);
// The same for the organization (its time zone and workday_end, table org) and `profile`'s fiscal year.
// kNotFound (org.missing) before org.init.
Result<RuleParams> ComputeRuleParams(Conn& conn, const Profile& profile, Micros now);

// ---- results -------------------------------------------------------------------------------------

// One record a rule found.
struct Violation {
  std::string profile, rule, clause, severity, subject_kind;
  int64_t subject_id = 0;
  std::string subject;
  int64_t unit_id = 0;  // 0 when the rule gave NULL
  std::string message_ja, message_en;
  std::string evidence;                               // the rule's evidence template filled in; "" when it has none
  nlohmann::json columns = nlohmann::json::object();  // every result column: name → text, integer or null

  // {profile, rule, clause, severity, subject_kind, subject_id, subject, unit_id, message_ja, message_en,
  //  evidence, columns} (unit_id and evidence null when absent).
  nlohmann::json ToJson() const;
  bool operator==(const Violation& o) const;
};

// Violations are shared, immutable once made: results that differ in a few subjects share the rest.
using ViolationPtr = std::shared_ptr<const Violation>;

enum class RuleState { kSatisfied, kViolated, kNotApplicable, kError };
// "satisfied", "violated", "not_applicable", "error".
const char* RuleStateName(RuleState state);

struct RuleResult {
  std::string profile, rule, clause, severity, subject_kind;
  bool time_based = false;
  RuleState state = RuleState::kSatisfied;
  std::vector<ViolationPtr> violations;  // sorted by subject_id, then columns (SortViolations)
  std::string error_ja, error_en;        // state == kError: why the rule could not run
  Micros evaluated_at = 0;               // the params' now of the rule's last full run
  Micros duration_us = 0;                // how long that run took
  std::string params_key;                // ParamsKey of that run

  // State and violations equal (the times are not compared).
  bool SameOutcome(const RuleResult& o) const;
};

// The canonical order of violations: by subject_id, then columns.
bool ViolationBefore(const ViolationPtr& a, const ViolationPtr& b);
void SortViolations(std::vector<ViolationPtr>& v);
// Equal violations, element by element (not the same pointers).
bool SameViolations(const std::vector<ViolationPtr>& a, const std::vector<ViolationPtr>& b);

// Runs rules. Stateless; thread-safe as long as each thread uses its own Conn.
class Evaluator {
 public:
  // Evaluates one rule of `profile`: not applicable when its `applies_if` gives no row or a false first
  // value; otherwise satisfied with no rows, violated with them. With `only_subjects`, only those subject
  // ids are looked at (SELECT * FROM (<query>) r WHERE r.subject_id IN (…)): the result then holds their
  // violations only. A query that fails is state kError with the reason (and a log line), not an error
  // Status: one bad rule never stops the others. Errors only for a Conn that cannot be used at all.
  static Result<RuleResult> EvaluateRule(Conn& conn, const Profile& profile, const RuleDef& rule,
                                         const RuleParams& params, const std::vector<int64_t>* only_subjects = nullptr);
  // Every rule of every profile, in profile order then rule order. `params` are taken for the first
  // profile; the fiscal-year bounds are recomputed for a profile whose fiscal year starts on another day.
  static Result<std::vector<RuleResult>> EvaluateAll(Conn& conn, const Profiles& profiles, const RuleParams& params);
};

// The values of the parameters `rule` uses (in its query and applies_if) as one text. Rule SQL cannot read
// the clock (validation refuses the vendor time functions), so while this key is unchanged, time alone
// cannot change the rule's result: only writes can.
std::string ParamsKey(const RuleDef& rule, const RuleParams& params);

// A bound rule query (BindRuleParameters) looking at `count` subject ids only:
// SELECT * FROM (<sql>) r WHERE r.subject_id IN (?, …). SQLite and PostgreSQL push the predicate into the
// query, so the subject table is read by its primary key.
std::string RestrictToSubjects(std::string_view sql, size_t count);

// Fills "{name}" from a result row's columns (text as is, integers in decimal, NULL as ""); an unknown
// name is left as written.
std::string FillTemplate(std::string_view tmpl, const nlohmann::json& columns);

// ---- the monitor ---------------------------------------------------------------------------------

// The results at one point of the trail. Immutable once published; shared by readers.
struct ComplianceSnapshot {
  int64_t as_of_seq = 0;                                 // every command up to this trail seq is reflected
  Micros evaluated_at = 0;                               // when the results last changed
  Micros full_at = 0;                                    // the last full evaluation
  std::vector<std::shared_ptr<const RuleResult>> rules;  // profile order, then rule order
};

// The commands committed after trail seq `after` (view events skipped), as the engine's commit observer
// saw them: {seq, command, payload.effects}. At most `limit` of them, in seq order.
Result<std::vector<CommittedCommand>> ReadCommitted(Conn& conn, int64_t after, int64_t limit = 100000);

// Keeps the current results of every rule in memory. Owned by the App; `serve` starts it.
//
// Start: a worker thread does a full evaluation on its own read connection, then applies each committed
// batch the engine hands over (OnCommitted, the engine's commit observer) incrementally: a rule whose
// tables the batch did not write is kept; one whose written tables all map to its subject kind is re-run
// for those subjects only; any other is re-run in full. A rule whose parameter values changed (time
// passed: :now, the working day's end, …) is re-run in full once its results are a minute old (a tick
// every few seconds). Commands of another process (the CLI beside the server), found as a gap in the
// trail or expected by a reader (Expect), cause a full evaluation.
//
// The synchronous methods (Configure, EvaluateFull, ApplyBatch, RefreshTimeBased) do the same work on
// the caller's thread for tests and benchmarks; they must not be used while the worker runs.
// Report, WaitFor and stats are thread-safe.
class ComplianceMonitor {
 public:
  struct Stats {
    double last_full_ms = 0, last_incremental_ms = 0;
    Micros last_full_at = 0, last_incremental_at = 0;
    int64_t full_evaluations = 0, incremental_updates = 0;
    int64_t rules_rerun_restricted = 0, rules_rerun_full = 0;  // by incremental updates, in total
  };

  explicit ComplianceMonitor(const Clock& clock);
  ~ComplianceMonitor();
  ComplianceMonitor(const ComplianceMonitor&) = delete;

  // Registers the commit observer. REQUIRES: before engine.Start(); the monitor outlives the engine's
  // writer (stop the engine first). Batches committed while the monitor is not running are ignored.
  void Attach(Engine& engine);
  // Starts the worker on the engine's profiles and a read connection of `store`. REQUIRES: the engine
  // has started. Returns at once; the first evaluation runs in the background. Does nothing if running.
  Status Start(Engine& engine, Store& store);
  // Stops the worker. Idempotent.
  void Stop();
  bool running() const;

  // The commit observer: queues the batch for the worker and returns. No-op when not running.
  void OnCommitted(const std::vector<CommittedCommand>& batch);

  // ---- synchronous (tests, benchmarks) ----
  // The profiles whose rules are evaluated, in order. Drops any results.
  void Configure(Profiles profiles);
  // Evaluates every rule in one read transaction and publishes the results as of the trail's last seq.
  Status EvaluateFull(Conn& conn);
  // Applies one batch (commands in seq order) as the worker does. Before any evaluation: a full one.
  Status ApplyBatch(const std::vector<CommittedCommand>& batch, Conn& conn);
  // Re-runs in full every rule whose parameter values changed since its last full run (ParamsKey: a
  // rule using :now always, :workday_cutoff once a day, …) and that ran `max_age` or more ago. With
  // `max_age` 0, every time-based rule and every rule using a parameter, changed or not.
  Status RefreshTimeBased(Conn& conn, Micros max_age);

  // The current results; nullptr before the first evaluation.
  std::shared_ptr<const ComplianceSnapshot> Report() const;
  // Waits (at most `timeout`, real time) until the results reflect trail seq `seq`. False on timeout or
  // when not running and not that far.
  bool WaitFor(int64_t seq, Micros timeout) const;
  // A reader expects results that reflect trail seq `seq` (its last command). If the engine never handed
  // that command over (another process wrote it), the worker evaluates in full at once.
  void Expect(int64_t seq);
  // Asks the worker to re-run stale time-based rules and look for other processes' writes soon.
  void RequestRefresh();
  Stats stats() const;
  const Profiles& profiles() const { return profiles_; }

 private:
  struct RuleInfo;
  void WorkerLoop();
  void Tick(Conn& conn);
  Status FullLocked(Conn& conn);
  Status ApplyLocked(const std::vector<CommittedCommand>& batch, Conn& conn);
  void Publish(std::shared_ptr<const ComplianceSnapshot> snap);

  const Clock& clock_;
  Profiles profiles_;
  std::vector<std::shared_ptr<const RuleInfo>> infos_;  // parallel to the snapshot's rules
  Store* store_ = nullptr;

  mutable std::mutex eval_mu_;               // one evaluation at a time
  mutable std::mutex mu_;                    // guards what follows
  mutable std::condition_variable changed_;  // a new snapshot was published
  std::condition_variable wake_;             // work for the worker
  std::shared_ptr<const ComplianceSnapshot> snapshot_;
  std::deque<std::vector<CommittedCommand>> queue_;
  bool running_ = false, stopping_ = false, refresh_ = false;
  int64_t suspect_seq_ = 0;    // a non-view event beyond the results seen at the last tick
  int64_t delivered_seq_ = 0;  // the last seq the engine handed over
  int64_t full_wanted_ = 0;    // Expect: a full evaluation reaching this seq is wanted
  Stats stats_;
  std::thread worker_;
};

// ---- reports -------------------------------------------------------------------------------------

// The units whose records a reader may see: nullopt = every unit (an organization-wide designation).
using VisibleUnits = std::optional<std::vector<int64_t>>;

// One clause of a profile's document. `state` is one of
//   violated        a rule citing it found a (visible) record, or one of its duties is open past due;
//   satisfied       a rule citing it was evaluated and is applicable, or it is enforced by commands
//                   (`commands`, or coverage `enforced`: the command path refuses what it forbids), or
//                   duties citing it were raised (open or done) and none is overdue;
//   error           a rule citing it could not run, and nothing above holds;
//   not_applicable  every rule citing it is not applicable;
//   recorded / not_yet  otherwise, its coverage.
struct ClauseState {
  std::string ref, title_ja, title_en, coverage, state;
  std::vector<std::string> caps, rules;  // codes of the rules citing it
  int64_t violations = 0;
  int64_t obligations_open = 0, obligations_overdue = 0;
};

struct ProfileCompliance {
  std::string profile;
  int version = 0;
  DocumentDef document;
  int64_t clauses = 0, satisfied = 0, violated = 0, not_applicable = 0, error = 0, recorded = 0, not_yet = 0;
  double share_satisfied = 0;              // satisfied ÷ (clauses − not_applicable); 0 when that is 0
  std::vector<ClauseState> clause_states;  // document order
};

struct UnitCompliance {
  int64_t unit_id = 0;
  std::string code, name_ja, name_en;
  int64_t high = 0, medium = 0, low = 0;  // visible violations by severity
  int64_t overdue_duties = 0;
};

struct ComplianceReport {
  Micros evaluated_at = 0, full_at = 0;
  int64_t as_of_seq = 0;
  std::vector<ProfileCompliance> profiles;
  std::vector<UnitCompliance> units;  // the visible units, by id
  int64_t obligations_open = 0, obligations_due_soon = 0, obligations_overdue = 0;
  std::vector<const Violation*> violations;  // the visible ones, into the snapshot (keep it alive)
  bool any_violated() const;
  // The body of GET /api/v1/compliance (docs/openapi.yaml).
  nlohmann::json ToJson() const;
};

// Builds the report from `snapshot` for a reader who sees `visible`: violations outside those units are
// left out, and clause states are computed from what is left. Reads units and open duties from `conn`.
// The report points into `snapshot`, which must outlive it.
Result<ComplianceReport> BuildReport(Conn& conn, const ComplianceSnapshot& snapshot, const Profiles& profiles,
                                     const VisibleUnits& visible, Micros now);

// The body of GET /api/v1/compliance/clause: the clause, its state for the reader, the rules citing it
// with their visible violations (the first 500 of each, and the total), what else in the profile cites it,
// and the occurrences of the duties that cite it. kNotFound (compliance.unknown_profile / compliance.unknown_clause)
// for a profile not taken or a clause not in its list.
Result<nlohmann::json> ClauseDetail(Conn& conn, const ComplianceSnapshot& snapshot, const Profiles& profiles,
                                    std::string_view profile, std::string_view ref, const VisibleUnits& visible,
                                    Micros now);

struct ViolationFilter {
  int64_t unit_id = 0;  // 0 = any
  std::string severity, rule, profile, clause;
  int64_t limit = 1000;
};
// {"violations": [...], "total": n} (each Violation::ToJson plus unit_code; the first `limit`), visible
// and matching `filter`.
Result<nlohmann::json> ViolationsJson(Conn& conn, const ComplianceSnapshot& snapshot, const VisibleUnits& visible,
                                      const ViolationFilter& filter);

}  // namespace mamori
