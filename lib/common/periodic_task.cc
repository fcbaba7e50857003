#include "lib/common/periodic_task.h"

#include <chrono>

namespace alluxio {

void PeriodicTask::Start(int64_t period_ms, std::function<void()> fn) {
  thread_ = std::thread([this, period_ms, fn = std::move(fn)] {
    std::unique_lock<std::mutex> lock(mu_);
    while (!stopping_) {
      cv_.wait_for(lock, std::chrono::milliseconds(period_ms), [this] { return stopping_; });
      if (stopping_) break;
      lock.unlock();
      fn();
      lock.lock();
    }
  });
}

void PeriodicTask::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace alluxio
