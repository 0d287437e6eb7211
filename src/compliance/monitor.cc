// The compliance monitor (compliance.h): current results in memory, kept up to date batch by batch.

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <iterator>
#include <map>
#include <set>

#include "compliance/compliance.h"
#include "compliance/subjects.h"

namespace mamori {

using compliance_internal::Decide;
using compliance_internal::Decision;
using compliance_internal::Plan;
using compliance_internal::RuleTables;

namespace {

constexpr Micros kTimeBasedMaxAge = kMinute;          // time-based rules are re-run when older than this
constexpr auto kTickEvery = std::chrono::seconds(5);  // how often the worker looks at the clock

double MsSince(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

// Runs `fn` in one read transaction (one snapshot of the database for every rule).
template <typename F>
Status InReadTx(Conn& conn, F&& fn) {
  RETURN_IF_ERROR(conn.Exec("BEGIN"));
  Status st = fn();
  Status end = conn.Rollback();
  return st.ok() ? end : st;
}

// Rule parameters per profile, computed once per evaluation.
class ParamCache {
 public:
  ParamCache(Conn& conn, Micros now) : conn_(conn), now_(now) {}
  Result<RuleParams> For(const Profile& p) {
    auto it = cache_.find(&p);
    if (it != cache_.end()) return it->second;
    ASSIGN_OR_RETURN(RuleParams rp, ComputeRuleParams(conn_, p, now_));
    cache_[&p] = rp;
    return rp;
  }

 private:
  Conn& conn_;
  Micros now_;
  std::map<const Profile*, RuleParams> cache_;
};

}  // namespace

struct ComplianceMonitor::RuleInfo {
  const Profile* profile = nullptr;
  const RuleDef* rule = nullptr;
  RuleTables tables;
};

Result<std::vector<CommittedCommand>> ReadCommitted(Conn& conn, int64_t after, int64_t limit) {
  std::vector<CommittedCommand> out;
  RETURN_IF_ERROR(conn.ForEach(
      "SELECT seq, command, payload FROM trail_events WHERE seq > ? AND command <> 'view' "
      "ORDER BY seq LIMIT ?",
      {after, limit}, [&](const Row& r) {
        Json payload = Json::parse(r.Str(2), nullptr, false);
        Json effects = payload.is_object() && payload.contains("effects") ? payload["effects"] : Json::array();
        out.push_back(CommittedCommand{r.Int(0), r.Str(1), std::move(effects)});
        return true;
      }));
  return out;
}

ComplianceMonitor::ComplianceMonitor(const Clock& clock) : clock_(clock) {}

ComplianceMonitor::~ComplianceMonitor() { Stop(); }

void ComplianceMonitor::Attach(Engine& engine) {
  engine.AddCommitObserver([this](const std::vector<CommittedCommand>& batch) { OnCommitted(batch); });
}

void ComplianceMonitor::Configure(Profiles profiles) {
  std::lock_guard<std::mutex> eval(eval_mu_);
  profiles_ = std::move(profiles);
  infos_.clear();
  for (const auto& p : profiles_)
    for (const RuleDef& r : p->rules) {
      auto info = std::make_shared<RuleInfo>();
      info->profile = p.get();
      info->rule = &r;
      info->tables = RuleTables::Of(r);
      infos_.push_back(std::move(info));
    }
  std::lock_guard<std::mutex> lock(mu_);
  snapshot_.reset();
}

Status ComplianceMonitor::Start(Engine& engine, Store& store) {
  if (running()) return Status::Ok();
  Configure(engine.profiles());
  std::lock_guard<std::mutex> lock(mu_);
  store_ = &store;
  running_ = true;
  stopping_ = false;
  worker_ = std::thread([this] { WorkerLoop(); });
  return Status::Ok();
}

void ComplianceMonitor::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!running_) return;
    stopping_ = true;
  }
  wake_.notify_all();
  if (worker_.joinable()) worker_.join();
  {
    std::lock_guard<std::mutex> lock(mu_);
    running_ = false;
    queue_.clear();
  }
  changed_.notify_all();
}

bool ComplianceMonitor::running() const {
  std::lock_guard<std::mutex> lock(mu_);
  return running_;
}

void ComplianceMonitor::OnCommitted(const std::vector<CommittedCommand>& batch) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!running_ || stopping_ || batch.empty()) return;
    queue_.push_back(batch);
    delivered_seq_ = std::max(delivered_seq_, batch.back().seq);
  }
  wake_.notify_one();
}

void ComplianceMonitor::Expect(int64_t seq) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!running_ || seq <= delivered_seq_ || seq <= full_wanted_ || (snapshot_ && snapshot_->as_of_seq >= seq)) return;
    full_wanted_ = seq;
  }
  wake_.notify_one();
}

void ComplianceMonitor::RequestRefresh() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    refresh_ = true;
  }
  wake_.notify_one();
}

std::shared_ptr<const ComplianceSnapshot> ComplianceMonitor::Report() const {
  std::lock_guard<std::mutex> lock(mu_);
  return snapshot_;
}

bool ComplianceMonitor::WaitFor(int64_t seq, Micros timeout) const {
  std::unique_lock<std::mutex> lock(mu_);
  const auto reached = [&] { return snapshot_ && snapshot_->as_of_seq >= seq; };
  changed_.wait_for(lock, std::chrono::microseconds(timeout), [&] { return reached() || !running_; });
  return reached();
}

ComplianceMonitor::Stats ComplianceMonitor::stats() const {
  std::lock_guard<std::mutex> lock(mu_);
  return stats_;
}

void ComplianceMonitor::Publish(std::shared_ptr<const ComplianceSnapshot> snap) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    snapshot_ = std::move(snap);
  }
  changed_.notify_all();
}

// ---- full evaluation ------------------------------------------------------------------------------

Status ComplianceMonitor::EvaluateFull(Conn& conn) {
  std::lock_guard<std::mutex> eval(eval_mu_);
  return FullLocked(conn);
}

Status ComplianceMonitor::FullLocked(Conn& conn) {
  const auto t0 = std::chrono::steady_clock::now();
  const Micros now = clock_.Now();
  auto snap = std::make_shared<ComplianceSnapshot>();
  RETURN_IF_ERROR(InReadTx(conn, [&]() -> Status {
    ASSIGN_OR_RETURN(Rows seq, conn.Query("SELECT COALESCE(MAX(seq), 0) FROM trail_events"));
    snap->as_of_seq = seq.rows[0].Int(0);
    ParamCache params(conn, now);
    for (const auto& info : infos_) {
      ASSIGN_OR_RETURN(RuleParams rp, params.For(*info->profile));
      ASSIGN_OR_RETURN(RuleResult r, Evaluator::EvaluateRule(conn, *info->profile, *info->rule, rp));
      snap->rules.push_back(std::make_shared<const RuleResult>(std::move(r)));
    }
    return Status::Ok();
  }));
  snap->evaluated_at = snap->full_at = now;
  const double ms = MsSince(t0);
  {
    std::lock_guard<std::mutex> lock(mu_);
    stats_.last_full_ms = ms;
    stats_.last_full_at = now;
    ++stats_.full_evaluations;
  }
  spdlog::info("compliance: full evaluation of {} rules as of trail seq {} in {:.1f} ms", snap->rules.size(),
               snap->as_of_seq, ms);
  Publish(std::move(snap));
  return Status::Ok();
}

// ---- incremental update ---------------------------------------------------------------------------

Status ComplianceMonitor::ApplyBatch(const std::vector<CommittedCommand>& batch, Conn& conn) {
  std::lock_guard<std::mutex> eval(eval_mu_);
  return ApplyLocked(batch, conn);
}

namespace {

// `r` with other violations.
std::shared_ptr<const RuleResult> WithViolations(const RuleResult& r, std::vector<ViolationPtr> v) {
  auto out = std::make_shared<RuleResult>();
  out->profile = r.profile;
  out->rule = r.rule;
  out->clause = r.clause;
  out->severity = r.severity;
  out->subject_kind = r.subject_kind;
  out->time_based = r.time_based;
  out->evaluated_at = r.evaluated_at;
  out->duration_us = r.duration_us;
  out->params_key = r.params_key;
  out->state = v.empty() ? RuleState::kSatisfied : RuleState::kViolated;
  out->violations = std::move(v);
  return out;
}

// `prior` with the violations of `subjects` (sorted) replaced by those of `partial`, a run restricted to
// them; `prior` itself when they are the same (most batches change nothing), found by binary search.
std::shared_ptr<const RuleResult> Merge(const std::shared_ptr<const RuleResult>& prior,
                                        const std::vector<int64_t>& subjects, RuleResult&& partial) {
  const std::vector<ViolationPtr>& old = prior->violations;
  const auto by_id = [](const ViolationPtr& v, int64_t id) { return v->subject_id < id; };
  std::vector<std::pair<size_t, size_t>> ranges;  // [begin, end) of each subject's old violations
  std::vector<ViolationPtr> before;
  for (int64_t id : subjects) {
    const auto b = std::lower_bound(old.begin(), old.end(), id, by_id);
    auto e = b;
    while (e != old.end() && (*e)->subject_id == id) ++e;
    ranges.emplace_back(b - old.begin(), e - old.begin());
    before.insert(before.end(), b, e);
  }
  if (SameViolations(before, partial.violations)) return prior;
  std::vector<ViolationPtr> kept;
  kept.reserve(old.size() - before.size());
  size_t at = 0;
  for (const auto& [b, e] : ranges) {
    kept.insert(kept.end(), old.begin() + at, old.begin() + b);
    at = e;
  }
  kept.insert(kept.end(), old.begin() + at, old.end());
  std::vector<ViolationPtr> merged;
  merged.reserve(kept.size() + partial.violations.size());
  std::merge(kept.begin(), kept.end(), partial.violations.begin(), partial.violations.end(), std::back_inserter(merged),
             ViolationBefore);
  return WithViolations(*prior, std::move(merged));
}

// Whether a command other than a view lies between trail seqs `after` and `before` (exclusive): only
// this process's view events may, anything else was written by another process.
Result<bool> OtherProcessWrote(Conn& conn, int64_t after, int64_t before) {
  if (before <= after + 1) return false;
  ASSIGN_OR_RETURN(Rows gap, conn.Query("SELECT COUNT(*) FROM trail_events WHERE seq > ? AND seq < ? AND "
                                        "command <> 'view'",
                                        {after, before}));
  return gap.rows[0].Int(0) > 0;
}

// The rule re-run as `d` says (restricted, or in full when that fails or `d` says so).
Result<std::shared_ptr<const RuleResult>> Rerun(Conn& conn, const Profile& profile, const RuleDef& rule,
                                                const std::shared_ptr<const RuleResult>& old, const Decision& d,
                                                const RuleParams& rp, bool& restricted) {
  restricted = false;
  if (d.plan == Plan::kRestricted) {
    ASSIGN_OR_RETURN(RuleResult part, Evaluator::EvaluateRule(conn, profile, rule, rp, &d.subjects));
    if (part.state == RuleState::kSatisfied || part.state == RuleState::kViolated) {
      restricted = true;
      return Merge(old, d.subjects, std::move(part));
    }
  }
  ASSIGN_OR_RETURN(RuleResult full, Evaluator::EvaluateRule(conn, profile, rule, rp));
  return std::shared_ptr<const RuleResult>(std::make_shared<RuleResult>(std::move(full)));
}

}  // namespace

Status ComplianceMonitor::ApplyLocked(const std::vector<CommittedCommand>& batch, Conn& conn) {
  std::shared_ptr<const ComplianceSnapshot> prior = Report();
  if (!prior) return FullLocked(conn);
  std::vector<CommittedCommand> cmds;
  for (const CommittedCommand& c : batch)
    if (c.seq > prior->as_of_seq) cmds.push_back(c);
  if (cmds.empty()) return Status::Ok();  // already reflected (a full evaluation read past it)

  const auto t0 = std::chrono::steady_clock::now();
  const Micros now = clock_.Now();
  auto snap = std::make_shared<ComplianceSnapshot>(*prior);
  bool other_process = false;
  int64_t restricted = 0, full = 0;
  RETURN_IF_ERROR(InReadTx(conn, [&]() -> Status {
    ASSIGN_OR_RETURN(other_process, OtherProcessWrote(conn, prior->as_of_seq, cmds.front().seq));
    if (other_process) return Status::Ok();
    const auto written = compliance_internal::CollectWrites(cmds);
    ParamCache params(conn, now);
    for (size_t i = 0; i < infos_.size(); ++i) {
      const RuleInfo& info = *infos_[i];
      auto decision = Decide(conn, *info.rule, info.tables, snap->rules[i]->state, written);
      const Decision d = decision.ok() ? *decision : Decision{Plan::kFull, {}};
      if (d.plan == Plan::kKeep) continue;
      ASSIGN_OR_RETURN(RuleParams rp, params.For(*info.profile));
      bool was_restricted = false;
      ASSIGN_OR_RETURN(snap->rules[i], Rerun(conn, *info.profile, *info.rule, snap->rules[i], d, rp, was_restricted));
      ++(was_restricted ? restricted : full);
    }
    return Status::Ok();
  }));
  if (other_process) {
    spdlog::info("compliance: another process wrote to the trail before seq {}: full evaluation", cmds.front().seq);
    return FullLocked(conn);
  }
  snap->as_of_seq = cmds.back().seq;
  snap->evaluated_at = now;
  const double ms = MsSince(t0);
  {
    std::lock_guard<std::mutex> lock(mu_);
    stats_.last_incremental_ms = ms;
    stats_.last_incremental_at = now;
    ++stats_.incremental_updates;
    stats_.rules_rerun_restricted += restricted;
    stats_.rules_rerun_full += full;
  }
  Publish(std::move(snap));
  return Status::Ok();
}

// ---- time ---------------------------------------------------------------------------------------

Status ComplianceMonitor::RefreshTimeBased(Conn& conn, Micros max_age) {
  std::lock_guard<std::mutex> eval(eval_mu_);
  std::shared_ptr<const ComplianceSnapshot> prior = Report();
  if (!prior) return FullLocked(conn);
  const Micros now = clock_.Now();
  auto snap = std::make_shared<ComplianceSnapshot>(*prior);
  bool changed = false;
  RETURN_IF_ERROR(InReadTx(conn, [&]() -> Status {
    ParamCache params(conn, now);
    for (size_t i = 0; i < infos_.size(); ++i) {
      const RuleResult& old = *snap->rules[i];
      const RuleInfo& info = *infos_[i];
      if (max_age > 0 && now - old.evaluated_at < max_age) continue;
      ASSIGN_OR_RETURN(RuleParams rp, params.For(*info.profile));
      const std::string key = ParamsKey(*info.rule, rp);
      const bool stale = max_age > 0 ? key != old.params_key : old.time_based || !key.empty();
      if (!stale) continue;  // the same parameter values: only writes could change the result
      ASSIGN_OR_RETURN(RuleResult r, Evaluator::EvaluateRule(conn, *info.profile, *info.rule, rp));
      snap->rules[i] = std::make_shared<const RuleResult>(std::move(r));
      changed = true;
    }
    return Status::Ok();
  }));
  if (!changed) return Status::Ok();
  snap->evaluated_at = now;
  Publish(std::move(snap));
  return Status::Ok();
}

// ---- the worker ---------------------------------------------------------------------------------

void ComplianceMonitor::Tick(Conn& conn) {
  Status st = RefreshTimeBased(conn, kTimeBasedMaxAge);
  if (!st.ok()) spdlog::error("compliance: time-based refresh failed: {}", st.en());
  // A command this process never saw (another process appended it) shows as a non-view event beyond the
  // results that is still not reflected one tick later, with no batch waiting.
  std::shared_ptr<const ComplianceSnapshot> snap = Report();
  if (!snap) return;
  auto beyond = conn.Query("SELECT COALESCE(MAX(seq), 0) FROM trail_events WHERE seq > ? AND command <> 'view'",
                           {snap->as_of_seq});
  if (!beyond.ok()) {
    spdlog::error("compliance: reading the trail head failed: {}", beyond.status().en());
    return;
  }
  const int64_t max_seq = beyond->rows[0].Int(0);
  bool idle, unseen;
  {
    std::lock_guard<std::mutex> lock(mu_);
    idle = queue_.empty();
    unseen = max_seq > 0 && suspect_seq_ > 0 && snap->as_of_seq < suspect_seq_ && idle;
    suspect_seq_ = max_seq;
  }
  if (unseen) {
    spdlog::info("compliance: trail seq {} was written by another process: full evaluation", max_seq);
    st = EvaluateFull(conn);
    if (!st.ok()) spdlog::error("compliance: full evaluation failed: {}", st.en());
  }
}

void ComplianceMonitor::WorkerLoop() {
  auto conn = store_->Connect(true);
  if (!conn.ok()) {
    spdlog::critical("compliance: no read connection: {}", conn.status().en());
    return;
  }
  Status st = EvaluateFull(**conn);
  if (!st.ok()) spdlog::error("compliance: full evaluation failed: {}", st.en());
  auto last_tick = std::chrono::steady_clock::now();
  while (true) {
    std::vector<CommittedCommand> work;
    bool refresh = false;
    int64_t wanted = 0;
    st = Status::Ok();
    {
      std::unique_lock<std::mutex> lock(mu_);
      wake_.wait_for(lock, kTickEvery, [&] { return stopping_ || !queue_.empty() || refresh_ || full_wanted_; });
      if (stopping_) break;
      for (auto& b : queue_)
        for (auto& c : b) work.push_back(std::move(c));
      queue_.clear();
      refresh = refresh_;
      refresh_ = false;
      wanted = full_wanted_;
      full_wanted_ = 0;
    }
    if (!work.empty()) {
      st = ApplyBatch(work, **conn);
      if (!st.ok()) spdlog::error("compliance: incremental update failed ({}): full evaluation", st.en());
    }
    auto snap = Report();
    if (!st.ok() || (wanted > 0 && (!snap || snap->as_of_seq < wanted))) {
      if (st.ok()) spdlog::info("compliance: trail seq {} was written by another process: full evaluation", wanted);
      st = EvaluateFull(**conn);
      if (!st.ok()) spdlog::error("compliance: full evaluation failed: {}", st.en());
    }
    if (refresh || std::chrono::steady_clock::now() - last_tick >= kTickEvery) {
      Tick(**conn);
      last_tick = std::chrono::steady_clock::now();
    }
  }
}

}  // namespace mamori
