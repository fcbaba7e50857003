#include "lib/net/server_threads.h"

#include <pthread.h>

#include <csignal>

#include <algorithm>
#include <system_error>

namespace alluxio::net {

void BlockSigpipe() {
  sigset_t pipe;
  sigemptyset(&pipe);
  sigaddset(&pipe, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe, nullptr);
}

namespace {

int HardwareThreads() { return std::max(1, static_cast<int>(std::thread::hardware_concurrency())); }
int MaxThreads(int max) { return max > 0 ? max : std::max(256, 32 * HardwareThreads()); }

}  // namespace

HandlerPool::HandlerPool(int max, std::chrono::milliseconds grow_after)
    : core_(std::min(std::max(4, 2 * HardwareThreads()), MaxThreads(max))),
      max_(MaxThreads(max)),
      grow_after_(grow_after) {}

HandlerPool::~HandlerPool() { Stop(); }

bool HandlerPool::Submit(std::function<void()> task) {
  std::lock_guard<std::mutex> lock(mu_);
  if (stopping_) return false;
  queue_.push_back(Task{std::move(task), Clock::now()});
  try {
    if (queue_.size() <= static_cast<size_t>(idle_)) {
      cv_.notify_one();
    } else if (static_cast<int>(threads_.size()) < core_) {
      threads_.emplace_back([this] { Run(); });
    } else if (static_cast<int>(threads_.size()) < max_) {
      if (!watchdog_.joinable()) watchdog_ = std::thread([this] { Watch(); });
      if (queue_.size() == 1) watch_cv_.notify_one();  // it sleeps only on an empty queue
    }
  } catch (const std::system_error&) {
    // Out of threads (a process limit): the task waits for a running thread, if any.
    if (threads_.empty()) {
      queue_.pop_back();
      return false;
    }
  }
  return true;
}

void HandlerPool::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) return;
    stopping_ = true;
  }
  cv_.notify_all();
  watch_cv_.notify_all();
  if (watchdog_.joinable()) watchdog_.join();
  for (auto& t : threads_) t.join();  // threads_ no longer changes once stopping_
}

void HandlerPool::Run() {
  BlockSigpipe();
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    ++idle_;
    cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    --idle_;
    if (queue_.empty()) return;  // stopping, nothing left
    std::function<void()> task = std::move(queue_.front().fn);
    queue_.pop_front();
    ++started_;
    lock.unlock();
    task();
    lock.lock();
  }
}

void HandlerPool::Watch() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    if (queue_.empty() || static_cast<int>(threads_.size()) >= max_) {
      watch_cv_.wait(lock);
      continue;
    }
    const uint64_t seen = started_;
    watch_cv_.wait_for(lock, grow_after_);
    if (stopping_ || queue_.empty() || static_cast<int>(threads_.size()) >= max_) continue;
    // Blocked, not busy: a task waited the whole interval and no thread took one; or a task
    // waited five intervals while a few unblocked threads serve the queue alone.
    const auto waited = Clock::now() - queue_.front().queued;
    if ((started_ == seen && waited >= grow_after_) || waited >= 5 * grow_after_) {
      try {
        threads_.emplace_back([this] { Run(); });
      } catch (const std::system_error&) {
        // Out of threads: the queue waits for the running ones.
      }
    }
  }
}

}  // namespace alluxio::net
