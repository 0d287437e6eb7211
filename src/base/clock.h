#pragma once
// Time is never read from a global in domain code: it comes from a Clock passed in.

#include <atomic>
#include <cstdint>

namespace mamori {

// Microseconds since the Unix epoch, UTC.
using Micros = int64_t;

class Clock {
 public:
  virtual ~Clock() = default;
  // Current UTC time. Thread-safe.
  virtual Micros Now() const = 0;
};

// The real wall clock.
class SystemClock final : public Clock {
 public:
  Micros Now() const override;
};

// A clock that moves only when told to; for tests and the demo's simulated history. Thread-safe.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(Micros start) : now_(start) {}
  Micros Now() const override { return now_.load(); }
  void Set(Micros t) { now_.store(t); }
  void Advance(Micros d) { now_.fetch_add(d); }

 private:
  std::atomic<Micros> now_;
};

constexpr Micros kSecond = 1'000'000;
constexpr Micros kMinute = 60 * kSecond;
constexpr Micros kHour = 60 * kMinute;
constexpr Micros kDay = 24 * kHour;

}  // namespace mamori
