#include "server/master/block_master.h"

#include <algorithm>

#include "lib/common/strings.h"

namespace alluxio::master {
namespace {

std::string AddressKey(const wire::WorkerNetAddress& a) {
  return a.host + ":" + std::to_string(a.rpc_port);
}

int TierRank(const std::string& alias) {
  if (alias == "MEM") return 0;
  if (alias == "SSD") return 1;
  if (alias == "HDD") return 2;
  return 3;
}

}  // namespace

BlockMaster::BlockMaster(Clock* clock, Logger* logger, MetricsRegistry* metrics,
                         int64_t worker_timeout_ms)
    : clock_(clock), logger_(logger), worker_timeout_ms_(worker_timeout_ms) {
  if (metrics) {
    workers_gauge_ = metrics->RegisterGauge("Cluster.Workers", [this] {
      std::lock_guard<std::mutex> lock(mu_);
      return static_cast<double>(workers_.size());
    });
    capacity_total_gauge_ = metrics->RegisterGauge("Cluster.CapacityTotal", [this] {
      double sum = 0;
      for (const auto& t : Capacity()) sum += static_cast<double>(t.capacity_bytes);
      return sum;
    });
    capacity_used_gauge_ = metrics->RegisterGauge("Cluster.CapacityUsed", [this] {
      double sum = 0;
      for (const auto& t : Capacity()) sum += static_cast<double>(t.used_bytes);
      return sum;
    });
  }
}

void BlockMaster::AddLocationLocked(int64_t worker_id, int64_t block_id, const std::string& tier) {
  locations_[block_id][worker_id] = tier;
  workers_[worker_id].blocks.insert(block_id);
}

void BlockMaster::RemoveLocationLocked(int64_t worker_id, int64_t block_id) {
  auto it = locations_.find(block_id);
  if (it != locations_.end()) {
    it->second.erase(worker_id);
    if (it->second.empty()) locations_.erase(it);
  }
  auto w = workers_.find(worker_id);
  if (w != workers_.end()) w->second.blocks.erase(block_id);
}

void BlockMaster::DropWorkerLocationsLocked(Worker& w) {
  for (int64_t b : w.blocks) {
    auto it = locations_.find(b);
    if (it == locations_.end()) continue;
    it->second.erase(w.info.id);
    if (it->second.empty()) locations_.erase(it);
  }
  w.blocks.clear();
}

int64_t BlockMaster::RegisterWorker(const wire::RegisterWorkerRequest& request) {
  std::lock_guard<std::mutex> lock(mu_);
  std::string key = AddressKey(request.address);
  int64_t id;
  auto known = ids_by_address_.find(key);
  if (known != ids_by_address_.end()) {
    id = known->second;
  } else {
    id = next_worker_id_++;
    ids_by_address_[key] = id;
  }
  lost_.erase(id);
  Worker& w = workers_[id];
  DropWorkerLocationsLocked(w);
  w.info.id = id;
  w.info.address = request.address;
  w.info.start_time_ms = w.info.last_contact_ms = clock_->NowMs();
  w.info.state = "LIVE";
  w.info.tiers = request.tiers;
  for (const auto& [tier, ids] : request.blocks) {
    for (int64_t b : ids) AddLocationLocked(id, b, tier);
  }
  w.info.block_count = static_cast<int64_t>(w.blocks.size());
  logger_->Info("master", StrCat("Worker ", id, " registered from ", key, " with ", w.blocks.size(),
                                 " blocks"));
  return id;
}

wire::HeartbeatResponse BlockMaster::Heartbeat(const wire::HeartbeatRequest& request) {
  wire::HeartbeatResponse reply;
  std::lock_guard<std::mutex> lock(mu_);
  auto it = workers_.find(request.worker_id);
  if (it == workers_.end()) {
    reply.command = wire::WorkerCommandType::kRegister;  // restarted master, or lost worker
    return reply;
  }
  Worker& w = it->second;
  w.info.last_contact_ms = clock_->NowMs();
  w.info.tiers = request.tiers;
  for (int64_t b : request.removed_blocks) RemoveLocationLocked(w.info.id, b);
  for (const auto& [tier, ids] : request.added_blocks) {
    for (int64_t b : ids) AddLocationLocked(w.info.id, b, tier);
  }
  w.info.block_count = static_cast<int64_t>(w.blocks.size());
  if (!w.pending_free.empty()) {
    reply.command = wire::WorkerCommandType::kFree;
    reply.free_blocks.swap(w.pending_free);
  }
  return reply;
}

int BlockMaster::DetectLostWorkers() {
  std::lock_guard<std::mutex> lock(mu_);
  int64_t now = clock_->NowMs();
  int lost = 0;
  for (auto it = workers_.begin(); it != workers_.end();) {
    if (now - it->second.info.last_contact_ms > worker_timeout_ms_) {
      logger_->Warn(
          "master",
          StrCat("Worker ", it->first, " (", AddressKey(it->second.info.address),
                 ") is lost: no heartbeat for ", now - it->second.info.last_contact_ms, " ms"));
      DropWorkerLocationsLocked(it->second);
      wire::WorkerInfo info = it->second.info;
      info.state = "LOST";
      lost_[it->first] = info;
      it = workers_.erase(it);
      ++lost;
    } else {
      ++it;
    }
  }
  return lost;
}

std::vector<wire::BlockLocation> BlockMaster::GetLocations(int64_t block_id) {
  std::vector<wire::BlockLocation> out;
  std::lock_guard<std::mutex> lock(mu_);
  auto it = locations_.find(block_id);
  if (it == locations_.end()) return out;
  for (const auto& [worker_id, tier] : it->second) {
    auto w = workers_.find(worker_id);
    if (w == workers_.end()) continue;
    wire::BlockLocation loc;
    loc.worker_id = worker_id;
    loc.worker_address = w->second.info.address;
    loc.tier_alias = tier;
    loc.medium_type = tier;
    out.push_back(std::move(loc));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return TierRank(a.tier_alias) < TierRank(b.tier_alias);
  });
  return out;
}

void BlockMaster::FreeBlocks(const std::vector<int64_t>& block_ids) {
  std::lock_guard<std::mutex> lock(mu_);
  for (int64_t b : block_ids) {
    auto it = locations_.find(b);
    if (it == locations_.end()) continue;
    for (const auto& [worker_id, tier] : it->second) {
      auto w = workers_.find(worker_id);
      if (w != workers_.end()) w->second.pending_free.push_back(b);
    }
  }
}

void BlockMaster::CommitBlocks(int64_t worker_id,
                               const std::map<std::string, std::vector<int64_t>>& blocks) {
  std::lock_guard<std::mutex> lock(mu_);
  if (workers_.find(worker_id) == workers_.end()) return;  // unknown or lost: heartbeats tell
  for (const auto& [tier, ids] : blocks) {
    for (int64_t b : ids) AddLocationLocked(worker_id, b, tier);
  }
}

std::vector<wire::WorkerInfo> BlockMaster::Workers(bool include_lost) {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<wire::WorkerInfo> out;
  for (const auto& [id, w] : workers_) out.push_back(w.info);
  if (include_lost) {
    for (const auto& [id, info] : lost_) out.push_back(info);
  }
  return out;
}

std::vector<wire::TierUsage> BlockMaster::Capacity() {
  std::map<int, wire::TierUsage> by_rank;
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& [id, w] : workers_) {
    for (const auto& t : w.info.tiers) {
      auto& sum = by_rank[TierRank(t.alias)];
      sum.alias = t.alias;
      sum.capacity_bytes += t.capacity_bytes;
      sum.used_bytes += t.used_bytes;
    }
  }
  std::vector<wire::TierUsage> out;
  for (auto& [rank, t] : by_rank) out.push_back(std::move(t));
  return out;
}

}  // namespace alluxio::master
