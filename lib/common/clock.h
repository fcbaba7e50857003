// Clock: the source of time for everything that ages (heartbeats, timeouts, TTL, eviction).
// Components take a Clock& so tests can drive time with ManualClock instead of sleeping.
// Both implementations are thread-safe.
#pragma once

#include <atomic>
#include <cstdint>

namespace alluxio {

class Clock {
 public:
  virtual ~Clock() = default;
  // Milliseconds since the Unix epoch (wall time; what Alluxio stores in timestamps).
  virtual int64_t NowMs() const = 0;
  // Monotonic milliseconds, for measuring intervals; unrelated to the epoch.
  virtual int64_t MonotonicMs() const = 0;
};

class SystemClock final : public Clock {
 public:
  int64_t NowMs() const override;
  int64_t MonotonicMs() const override;
};

// A clock that moves only when told to. Wall and monotonic time advance together.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(int64_t start_ms = 1'700'000'000'000) : now_ms_(start_ms) {}
  int64_t NowMs() const override { return now_ms_.load(); }
  int64_t MonotonicMs() const override { return now_ms_.load(); }
  void AdvanceMs(int64_t ms) { now_ms_ += ms; }
  void SetMs(int64_t ms) { now_ms_ = ms; }

 private:
  std::atomic<int64_t> now_ms_;
};

}  // namespace alluxio
