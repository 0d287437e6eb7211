#include "obligation/scheduler.h"

#include <spdlog/spdlog.h>

#include "obligation/obligation.h"

namespace mamori {
namespace {

Actor SchedulerActor() {
  Actor a;
  a.system = true;
  a.username = "scheduler";
  return a;
}

}  // namespace

Scheduler::Scheduler(Engine& engine, const Clock& clock, SchedulerOptions options)
    : engine_(engine), clock_(clock), options_(options) {}

Scheduler::~Scheduler() { Stop(); }

void Scheduler::Add(std::string name, Task task) { tasks_.emplace_back(std::move(name), std::move(task)); }

Status Scheduler::ScheduleAndEscalate(Micros now) {
  const Actor actor = SchedulerActor();
  auto plan = engine_.Read([&](Conn& c) { return PlanSchedule(c, engine_.catalog(), engine_.profiles(), now); });
  if (!plan.ok()) return plan.status();
  if (!plan->empty()) RETURN_IF_ERROR(engine_.Execute(actor, "obligation.schedule", Json::object()).status());
  auto late = engine_.Read([&](Conn& c) { return PlanEscalations(c, engine_.profiles(), now); });
  if (!late.ok()) return late.status();
  if (!late->empty()) RETURN_IF_ERROR(engine_.Execute(actor, "obligation.escalate", Json::object()).status());
  return Status::Ok();
}

Status Scheduler::RunOnce() {
  const Micros now = clock_.Now();
  Status first = ScheduleAndEscalate(now);
  if (!first.ok()) spdlog::error("scheduler: obligation calendar: {}", first.ToString());
  for (const auto& [name, task] : tasks_) {
    Status st = task(now);
    if (st.ok()) continue;
    spdlog::error("scheduler: {}: {}", name, st.ToString());
    if (first.ok()) first = st;
  }
  std::lock_guard<std::mutex> lock(mu_);
  ++runs_;
  return first;
}

void Scheduler::Start() {
  if (thread_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = false;
  }
  thread_ = std::thread([this] { Loop(); });
}

void Scheduler::Loop() {
  for (;;) {
    (void)RunOnce();
    std::unique_lock<std::mutex> lock(mu_);
    if (cv_.wait_for(lock, std::chrono::microseconds(options_.tick), [this] { return stopping_; })) return;
  }
}

void Scheduler::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

int64_t Scheduler::runs() const {
  std::lock_guard<std::mutex> lock(mu_);
  return runs_;
}

}  // namespace mamori
