// BlockMaster: the master's view of workers and of which worker holds which block.
//
// Workers register (address, tiers, the blocks they hold) and heartbeat every
// alluxio.worker.block.heartbeat.interval with usage and block deltas; the reply carries
// commands (free these blocks; register again after a master restart, since locations live
// only in memory and are rebuilt from registrations). A worker silent for
// alluxio.master.worker.timeout is lost and its locations dropped. Time comes from the injected
// clock, so tests drive timeouts without sleeping.
//
// Thread-safe (one mutex; every operation is a few map updates).
#pragma once

#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "lib/common/clock.h"
#include "lib/common/logging.h"
#include "lib/common/metrics.h"
#include "lib/common/result.h"
#include "lib/wire/worker_types.h"
#include "server/master/file_system_master.h"

namespace alluxio::master {

class BlockMaster final : public BlockService {
 public:
  BlockMaster(Clock* clock, Logger* logger, MetricsRegistry* metrics, int64_t worker_timeout_ms);

  // Registers (or re-registers) a worker; the same host:rpc port keeps its id. Replaces its
  // block list with the registration's.
  int64_t RegisterWorker(const wire::RegisterWorkerRequest& request);
  // Applies a heartbeat; answers REGISTER for an unknown worker id, FREE with pending frees.
  wire::HeartbeatResponse Heartbeat(const wire::HeartbeatRequest& request);
  // Marks workers silent past the timeout as lost and drops their locations. Returns how many.
  int DetectLostWorkers();

  // BlockService.
  std::vector<wire::BlockLocation> GetLocations(int64_t block_id) override;
  void FreeBlocks(const std::vector<int64_t>& block_ids) override;
  void CommitBlocks(int64_t worker_id,
                    const std::map<std::string, std::vector<int64_t>>& blocks) override;

  std::vector<wire::WorkerInfo> Workers(bool include_lost = true);
  // Sum of the live workers' tiers, in tier order (MEM, SSD, HDD).
  std::vector<wire::TierUsage> Capacity();

 private:
  struct Worker {
    wire::WorkerInfo info;
    std::set<int64_t> blocks;
    std::vector<int64_t> pending_free;
  };
  void AddLocationLocked(int64_t worker_id, int64_t block_id, const std::string& tier);
  void RemoveLocationLocked(int64_t worker_id, int64_t block_id);
  void DropWorkerLocationsLocked(Worker& w);

  Clock* const clock_;
  Logger* const logger_;
  const int64_t worker_timeout_ms_;
  std::mutex mu_;
  int64_t next_worker_id_ = 1;                                   // guarded by mu_
  std::map<int64_t, Worker> workers_;                            // guarded by mu_; live
  std::map<int64_t, wire::WorkerInfo> lost_;                     // guarded by mu_
  std::map<std::string, int64_t> ids_by_address_;                // guarded by mu_
  std::map<int64_t, std::map<int64_t, std::string>> locations_;  // block -> worker -> tier
  GaugeRegistration workers_gauge_;
  GaugeRegistration capacity_total_gauge_;
  GaugeRegistration capacity_used_gauge_;
};

}  // namespace alluxio::master
