// The worker's RPC and data routes (alluxio.worker.rpc.port, 29999), listed in
// lib/wire/README.md:
//   GET  /api/v1/worker/blocks/{blockId}  a byte range of a block: from the cache (sendfile), or
//        on a miss from the UFS named in the query, caching the whole block per the read type
//   GET  /api/v1/worker/blocks/{blockId}/local  the tier file of a block for a client on this
//        host (short-circuit); an uncached block named with its UFS copy is fetched first
//   PUT  /api/v1/worker/files/{fileId}    a whole file streamed in: cut into blocks and cached
//        and/or written to the UFS per the write type
//   POST /api/v1/worker/persist           write a cached file to its UFS (ASYNC_THROUGH)
//   GET  /api/v1/worker/info              the worker's id, address, tiers and block count
#pragma once

#include <cstdint>
#include <functional>

#include "lib/common/logging.h"
#include "lib/common/metrics.h"
#include "lib/net/router.h"
#include "lib/wire/worker_types.h"
#include "server/worker/block_fetcher.h"
#include "server/worker/block_store.h"
#include "server/worker/ufs_manager.h"

namespace alluxio::worker {

struct WorkerServices {
  BlockStore* store = nullptr;
  BlockFetcher* fetcher = nullptr;
  UfsManager* ufs = nullptr;
  Logger* logger = nullptr;
  MetricsRegistry* metrics = nullptr;
  // The worker's id (0 until registered) and address, for /info.
  std::function<wire::WorkerInfo()> info;
  // Keeps a file's blocks from eviction until the master's pin list takes over (ASYNC_THROUGH
  // files: their only copy is in the cache until persisted).
  std::function<void(int64_t file_id)> pin_until_persisted;
};

void AddWorkerRoutes(net::Router& router, const WorkerServices& services);

}  // namespace alluxio::worker
