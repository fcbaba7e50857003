#include "lib/client/worker_picker.h"

#include <chrono>

namespace alluxio::client {
namespace {

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

uint64_t Mix(uint64_t x) {  // splitmix64 finaliser
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

uint64_t Fnv1a(const std::string& s) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
  return h;
}

}  // namespace

WorkerPicker::WorkerPicker(Lister lister, std::string local_host, int64_t refresh_ms)
    : lister_(std::move(lister)), local_host_(std::move(local_host)), refresh_ms_(refresh_ms) {}

std::string WorkerPicker::Key(const wire::WorkerNetAddress& a) {
  return a.host + ":" + std::to_string(a.rpc_port);
}

void WorkerPicker::Invalidate() {
  std::lock_guard<std::mutex> lock(mu_);
  fetched_at_ms_ = -1;
}

Result<std::vector<wire::WorkerNetAddress>> WorkerPicker::Live() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (fetched_at_ms_ >= 0 && NowMs() - fetched_at_ms_ < refresh_ms_) return workers_;
  }
  ASSIGN_OR_RETURN(std::vector<wire::WorkerInfo> all, lister_());
  std::vector<wire::WorkerNetAddress> live;
  for (const auto& w : all) {
    if (w.state == "LIVE") live.push_back(w.address);
  }
  std::lock_guard<std::mutex> lock(mu_);
  workers_ = live;
  fetched_at_ms_ = NowMs();
  return live;
}

Result<wire::WorkerNetAddress> WorkerPicker::Pick(int64_t key,
                                                  const std::vector<wire::BlockLocation>& holders,
                                                  const std::set<std::string>& exclude) {
  const wire::WorkerNetAddress* best_holder = nullptr;
  for (const auto& loc : holders) {
    if (exclude.count(Key(loc.worker_address))) continue;
    if (!best_holder ||
        (loc.worker_address.host == local_host_ && best_holder->host != local_host_)) {
      best_holder = &loc.worker_address;
    }
  }
  if (best_holder) return *best_holder;
  ASSIGN_OR_RETURN(std::vector<wire::WorkerNetAddress> live, Live());
  std::vector<wire::WorkerNetAddress> usable;
  for (auto& w : live) {
    if (!exclude.count(Key(w))) usable.push_back(w);
  }
  if (usable.empty()) {
    return Status::Unavailable(
        live.empty() ? "No worker is available: start one (alluxio worker) or a local cluster "
                       "(alluxio local), and check that it registered with the master"
                     : "Every worker failed for this request; see the errors above");
  }
  for (const auto& w : usable) {
    if (w.host == local_host_) return w;
  }
  const wire::WorkerNetAddress* best = nullptr;
  uint64_t best_score = 0;
  for (const auto& w : usable) {
    uint64_t score = Mix(Fnv1a(Key(w)) ^ Mix(static_cast<uint64_t>(key)));
    if (!best || score > best_score) {
      best = &w;
      best_score = score;
    }
  }
  return *best;
}

}  // namespace alluxio::client
