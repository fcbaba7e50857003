#include "lib/net/deferred_answers.h"

namespace alluxio::net {

std::function<void(Status)> DeferRegistry::Add(Resumer resumer) {
  std::unique_lock<std::mutex> lock(mu_);
  if (!open_) {
    lock.unlock();
    resumer(Status::Unavailable("The server is stopping"));
    return [](Status) {};
  }
  const uint64_t id = next_++;
  waiting_.emplace(id, std::move(resumer));
  return [self = shared_from_this(), id](Status st) { self->Finish(id, std::move(st)); };
}

void DeferRegistry::Close() {
  std::unordered_map<uint64_t, Resumer> left;
  {
    std::lock_guard<std::mutex> lock(mu_);
    open_ = false;
    left.swap(waiting_);
  }
  for (auto& [id, resumer] : left) resumer(Status::Unavailable("The server is stopping"));
}

void DeferRegistry::Finish(uint64_t id, Status st) {
  Resumer resumer;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = waiting_.find(id);
    if (it == waiting_.end()) return;
    resumer = std::move(it->second);
    waiting_.erase(it);
  }
  resumer(std::move(st));
}

}  // namespace alluxio::net
