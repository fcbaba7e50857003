#include "lib/common/periodic_task.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

namespace alluxio {

TEST_CASE("a periodic task runs again and again until stopped", "[common]") {
  std::atomic<int> runs{0};
  PeriodicTask task;
  task.Start(1, [&] { ++runs; });
  while (runs.load() < 3) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  task.Stop();
  int after_stop = runs.load();
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  CHECK(runs.load() == after_stop);
  task.Stop();  // idempotent
}

TEST_CASE("stopping does not wait out the period", "[common]") {
  std::atomic<int> runs{0};
  PeriodicTask never_started;
  never_started.Stop();  // nothing to wake or join
  PeriodicTask task;
  task.Start(3'600'000, [&] { ++runs; });  // an hour: Stop must wake it, or this test hangs
  task.Stop();
  CHECK(runs.load() == 0);
}

}  // namespace alluxio
