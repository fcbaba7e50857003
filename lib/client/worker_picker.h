// WorkerPicker: which worker serves a block. In order: a live worker that holds the block
// (preferring one on this host), else the local worker, else one chosen by rendezvous hashing
// of the block id over the live workers, so every client sends the same block to the same
// worker and it is cached once. The worker list comes from the master and is cached briefly.
// Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "lib/common/result.h"
#include "lib/wire/fs_types.h"
#include "lib/wire/worker_types.h"

namespace alluxio::client {

class WorkerPicker {
 public:
  using Lister = std::function<Result<std::vector<wire::WorkerInfo>>()>;
  // `local_host`: this machine's name as workers report it (alluxio.user.hostname).
  WorkerPicker(Lister lister, std::string local_host, int64_t refresh_ms = 2'000);

  // `exclude`: "host:port" of workers that failed for this request.
  Result<wire::WorkerNetAddress> Pick(int64_t key, const std::vector<wire::BlockLocation>& holders,
                                      const std::set<std::string>& exclude);
  // Forces a refresh of the worker list on the next Pick.
  void Invalidate();

  static std::string Key(const wire::WorkerNetAddress& a);

 private:
  Result<std::vector<wire::WorkerNetAddress>> Live();

  const Lister lister_;
  const std::string local_host_;
  const int64_t refresh_ms_;
  std::mutex mu_;
  std::vector<wire::WorkerNetAddress> workers_;  // guarded by mu_
  int64_t fetched_at_ms_ = -1;                   // guarded by mu_; steady clock
};

}  // namespace alluxio::client
