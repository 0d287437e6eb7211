#include "base/clock.h"

#include <chrono>

namespace mamori {

Micros SystemClock::Now() const {
  using namespace std::chrono;
  return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace mamori
