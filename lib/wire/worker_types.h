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
  std::vector<TierUsage> tiers;                        // in tier order
  std::map<std::string, std::vector<int64_t>> blocks;  // tier alias -> block ids held
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
  // Files whose blocks must not be evicted (pinned in the namespace). Sent with every reply.
  std::vector<int64_t> pinned_file_ids;
};

// What a worker needs to reach a mount's UFS (internal; properties unmasked).
struct MountUfsInfo {
  int64_t mount_id = 0;
  std::string ufs_uri;
  std::map<std::string, std::string> properties;
};

// The master asks a worker holding a file's blocks to write the file to the UFS
// (ASYNC_THROUGH persistence).
struct PersistFileRequest {
  int64_t file_id = 0;
  std::string path;      // Alluxio path, for messages
  std::string ufs_path;  // full UFS URI of the file
  int64_t mount_id = 0;
  int64_t length = 0;
  int64_t block_size = 0;
  int mode = 0644;
};

// Result of a file write or persist on a worker.
struct WriteFileResponse {
  int64_t length = 0;
  std::vector<int64_t> block_ids;
  std::string ufs_fingerprint;  // content hash of the UFS file, when the worker wrote one
  // Where the blocks were cached (writes only), so the client can report them to the master
  // with complete-file instead of waiting for the worker's next heartbeat.
  int64_t worker_id = 0;
  std::map<std::string, std::vector<int64_t>> blocks_by_tier;
};

struct WorkerInfo {
  int64_t id = 0;
  WorkerNetAddress address;
  int64_t last_contact_ms = 0;  // wall time of the last heartbeat
  int64_t start_time_ms = 0;    // when it registered
  std::string state;            // "LIVE" or "LOST"
  std::vector<TierUsage> tiers;
  int64_t block_count = 0;
};

// What the master says of itself (`GET /api/v1/master/info`, minus the mount table).
struct MasterInfo {
  std::string rpc_address;  // "host:port"
  int web_port = 0;
  int64_t start_time_ms = 0;
  int64_t uptime_ms = 0;
  std::string version;
};

}  // namespace alluxio::wire
