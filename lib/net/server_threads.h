// Threads of the HTTP server besides its event loops (internal to lib/net): the handler pool,
// and what every server thread sets up.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace alluxio::net {

// A peer that hangs up during sendfile(2) raises SIGPIPE, whose default action would kill the
// whole process; blocked in the server's threads, the call just fails with EPIPE. (Asio's own
// writes use MSG_NOSIGNAL.) Call at the start of each server thread.
void BlockSigpipe();

// Threads for handlers that may block. Up to `core` threads start as soon as tasks wait for
// one; beyond that a watchdog adds a thread (up to `max`) only when a queued task has waited
// `grow_after` while no thread took any task (the running handlers are blocked, not busy), or
// five times that while a few threads serve the queue alone. Busy handlers gain nothing from
// more threads on a few cores, only lock contention and context switches (32 threads of master
// creates did ~35% fewer than 4); blocked ones (an fsync, a UFS call, a slow client) need them.
// Threads stay once started. Thread-safe.
class HandlerPool {
 public:
  // `core` = max(4, 2 x hardware threads), at most `max`; `max` 0 = max(256, 32 x hardware
  // threads).
  HandlerPool(int max, std::chrono::milliseconds grow_after);
  ~HandlerPool();  // Stop()
  HandlerPool(const HandlerPool&) = delete;
  HandlerPool& operator=(const HandlerPool&) = delete;

  // False (task dropped) once stopping, or when not even one thread can be started.
  [[nodiscard]] bool Submit(std::function<void()> task);
  // Runs what is queued, then joins the threads.
  void Stop();

 private:
  using Clock = std::chrono::steady_clock;
  struct Task {
    std::function<void()> fn;
    Clock::time_point queued;
  };

  void Run();
  void Watch();

  const int core_;
  const int max_;
  const Clock::duration grow_after_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::condition_variable watch_cv_;
  std::deque<Task> queue_;            // guarded by mu_
  std::vector<std::thread> threads_;  // guarded by mu_
  std::thread watchdog_;              // guarded by mu_
  int idle_ = 0;                      // guarded by mu_
  uint64_t started_ = 0;              // tasks taken; guarded by mu_
  bool stopping_ = false;             // guarded by mu_
};

}  // namespace alluxio::net
