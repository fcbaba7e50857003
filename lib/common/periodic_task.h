// PeriodicTask: runs a function on its own thread every `period_ms` (first run one period after
// Start) until Stop() or destruction. Stop wakes a waiting thread at once and waits for a run in
// progress to return. Start and Stop are called by the owner only (not concurrently).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>

namespace alluxio {

class PeriodicTask {
 public:
  PeriodicTask() = default;
  ~PeriodicTask() { Stop(); }
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

  // Call at most once.
  void Start(int64_t period_ms, std::function<void()> fn);
  // Idempotent.
  void Stop();

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;  // guarded by mu_
  std::thread thread_;
};

}  // namespace alluxio
