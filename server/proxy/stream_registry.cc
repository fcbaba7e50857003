#include "server/proxy/stream_registry.h"

#include <chrono>
#include <vector>

namespace alluxio::proxy {
namespace {

void CloseAbandoned(AnyStream& stream) {
  if (auto* out = std::get_if<std::unique_ptr<client::FileOutStream>>(&stream)) {
    if (*out) (*out)->Cancel();
  }
}

}  // namespace

StreamRegistry::~StreamRegistry() {
  for (auto& [id, e] : streams_) CloseAbandoned(e.stream);
}

int64_t StreamRegistry::Add(AnyStream stream) {
  std::lock_guard<std::mutex> lock(mu_);
  int64_t id = next_id_++;
  streams_[id] = Entry{std::move(stream), false, clock_->MonotonicMs()};
  return id;
}

Result<AnyStream> StreamRegistry::CheckOut(int64_t id) {
  std::unique_lock<std::mutex> lock(mu_);
  auto available = [&] {
    auto it = streams_.find(id);
    return it == streams_.end() || !it->second.checked_out;
  };
  if (busy_wait_ms_ > 0) {
    returned_.wait_for(lock, std::chrono::milliseconds(busy_wait_ms_), available);
  }
  auto it = streams_.find(id);
  if (it == streams_.end()) return Status::Internal("stream does not exist");
  if (it->second.checked_out) {
    return Status::FailedPrecondition("stream " + std::to_string(id) +
                                      " is in use by another request");
  }
  it->second.checked_out = true;
  return std::move(it->second.stream);
}

void StreamRegistry::Return(int64_t id, AnyStream stream) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = streams_.find(id);
  if (it == streams_.end()) return;
  it->second.stream = std::move(stream);
  it->second.checked_out = false;
  it->second.last_access_ms = clock_->MonotonicMs();
  returned_.notify_all();
}

void StreamRegistry::Remove(int64_t id) {
  std::lock_guard<std::mutex> lock(mu_);
  streams_.erase(id);
  returned_.notify_all();
}

int StreamRegistry::Sweep() {
  std::vector<AnyStream> expired;
  {
    std::lock_guard<std::mutex> lock(mu_);
    int64_t now = clock_->MonotonicMs();
    for (auto it = streams_.begin(); it != streams_.end();) {
      if (!it->second.checked_out && now - it->second.last_access_ms > idle_timeout_ms_) {
        expired.push_back(std::move(it->second.stream));
        it = streams_.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (auto& s : expired) CloseAbandoned(s);  // outside the lock: cancelling calls the master
  return static_cast<int>(expired.size());
}

size_t StreamRegistry::size() {
  std::lock_guard<std::mutex> lock(mu_);
  return streams_.size();
}

}  // namespace alluxio::proxy
