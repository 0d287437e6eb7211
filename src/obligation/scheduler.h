#pragma once
// The background scheduler of `mamori serve`: at start and then every tick it runs the calendar's
// periodic work as the system actor — obligation.schedule (the occurrences of the periods that have
// begun) and obligation.escalate (overdue duties one step up their chain) — and then every task
// registered with Add (e.g. the daily reminder digests). Each command runs only when a read-only dry
// run (PlanSchedule / PlanEscalations) finds something to do, so an idle calendar adds nothing to the
// trail. A failing task is logged and retried at the next tick; it does not stop the others.
//
// Time comes from the Clock given (tests pass a FakeClock and call RunOnce); the tick itself is real
// time. Start/Stop/Add are not thread-safe with each other: call them from one thread.

#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "engine/engine.h"

namespace mamori {

struct SchedulerOptions {
  Micros tick = 60 * kSecond;  // real time between runs
};

class Scheduler {
 public:
  using Task = std::function<Status(Micros now)>;

  // `engine` and `clock` must outlive the scheduler; the engine must be started.
  Scheduler(Engine& engine, const Clock& clock, SchedulerOptions options = {});
  ~Scheduler();  // Stop()
  Scheduler(const Scheduler&) = delete;

  // A task run after the calendar's own work at every tick, in the order added. REQUIRES: before Start.
  void Add(std::string name, Task task);
  // One run of everything now (on the caller's thread): the first error, after running every task.
  Status RunOnce();
  // Runs once at once, then every tick, on a thread of its own.
  void Start();
  // Wakes the thread and joins it (a run in progress finishes first). Idempotent.
  void Stop();
  // How many runs have finished (tests wait on it).
  int64_t runs() const;

 private:
  Status ScheduleAndEscalate(Micros now);
  void Loop();

  Engine& engine_;
  const Clock& clock_;
  SchedulerOptions options_;
  std::vector<std::pair<std::string, Task>> tasks_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  int64_t runs_ = 0;
  std::thread thread_;
};

}  // namespace mamori
