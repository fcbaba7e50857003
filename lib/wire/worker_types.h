// What workers and the master exchange: registration, heartbeats and the commands in their
// replies, plus the worker summaries the master reports (fsadmin report, the web UI).
// JSON shapes are listed in lib/wire/README.md; the codec is worker_json.h.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "lib/wire/fs_types.h"

namespace alluxio::wire {

struct TierUsage {
  std::string alias;  // MEM, SSD, HDD
  int64_t capacity_bytes = 0;
  int64_t used_bytes = 0;
};

struct RegisterWorkerRequest {
  WorkerNetAddress address;
  std::vector<TierUsage> tiers;                            // in tier order
  std::map<std::string, std::vector<int64_t>> blocks;      // tier alias -> block ids held
};

struct HeartbeatRequest {
  int64_t worker_id = 0;
  std::vector<TierUsage> tiers;
  std::map<std::string, std::vector<int64_t>> added_blocks;  // tier alias -> new block ids
  std::vector<int64_t> removed_blocks;
};

enum class WorkerCommandType { kNothing, kRegister, kFree };

struct HeartbeatResponse {
  WorkerCommandType command = WorkerCommandType::kNothing;
  std::vector<int64_t> free_blocks;  // kFree: drop these blocks
};

struct WorkerInfo {
  int64_t id = 0;
  WorkerNetAddress address;
  int64_t last_contact_ms = 0;   // wall time of the last heartbeat
  int64_t start_time_ms = 0;     // when it registered
  std::string state;             // "LIVE" or "LOST"
  std::vector<TierUsage> tiers;
  int64_t block_count = 0;
};

}  // namespace alluxio::wire
