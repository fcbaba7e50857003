// WorkerProcess: the `alluxio worker` daemon. Owns the block store, the UFS manager, the fetcher
// of missed blocks, the RPC/data server (alluxio.worker.rpc.port, 29999), the web server
// (alluxio.worker.web.port, 30000: /healthz and metrics), when enabled the S3 API
// (alluxio.worker.rest.port, 29998) and the heartbeat thread.
//
// The heartbeat thread registers with the master (retrying while the master is down), then
// every alluxio.worker.block.heartbeat.interval reports usage and block changes and carries out
// the reply: free blocks, take the pinned-file list, register again (after a master restart).
#pragma once

#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "lib/common/clock.h"
#include "lib/common/logging.h"
#include "lib/common/metrics.h"
#include "lib/common/result.h"
#include "lib/conf/configuration.h"
#include "lib/net/http_client.h"
#include "lib/net/http_server.h"
#include "lib/ufs/under_file_system.h"
#include "server/worker/block_fetcher.h"
#include "server/worker/block_store.h"
#include "server/worker/tier_config.h"
#include "server/worker/ufs_manager.h"
#include "server/worker/worker_s3_server.h"

namespace alluxio::worker {

struct WorkerProcessOptions {
  std::string hostname = "localhost";  // what clients and the master use to reach this worker
  std::string bind_host = "0.0.0.0";
  int rpc_port = 29999;
  int web_port = 30000;
  std::string master_host = "localhost";
  int master_rpc_port = 19998;
  int64_t heartbeat_interval_ms = 1'000;
  int64_t master_timeout_ms = 10'000;
  int http_threads = 0;
  int64_t idle_timeout_ms = 60'000;
  int64_t shutdown_timeout_ms = 10'000;
  BlockStoreOptions store;
  // The S3 API on alluxio.worker.rest.port (worker_s3_server.h); off by default.
  WorkerS3Options s3;
};

// Builds the options from configuration: the one place worker keys are read and validated.
Result<WorkerProcessOptions> WorkerOptionsFromConfiguration(const conf::Configuration& conf);

class WorkerProcess {
 public:
  // `registry` (optional) supplies UFS schemes; `alluxio local` passes the master's so that
  // in-memory mounts are shared. Null: the built-in registry.
  WorkerProcess(WorkerProcessOptions options, Logger* logger, Clock* clock,
                const ufs::UfsRegistry* registry = nullptr);
  ~WorkerProcess();  // Stop()
  WorkerProcess(const WorkerProcess&) = delete;
  WorkerProcess& operator=(const WorkerProcess&) = delete;

  // Opens the block store, starts the servers and the heartbeat thread. Does not wait for the
  // master: registration is retried in the background.
  Status Start();
  void Stop();

  int rpc_port() const;
  int web_port() const;
  // The S3 API's port; 0 when it is not enabled.
  int rest_port() const;
  int64_t worker_id() const { return worker_id_.load(); }
  BlockStore* block_store() { return store_.get(); }
  MetricsRegistry* metrics() { return &metrics_; }

 private:
  void HeartbeatLoop();
  Status Register();
  Status Heartbeat();
  wire::WorkerNetAddress Address() const;
  // Pins: the master's list (pinned and not yet persisted files) plus files this worker took
  // ASYNC_THROUGH writes for and the master has not listed yet.
  void PinLocally(int64_t file_id);
  void ApplyPins(std::vector<int64_t> master_pins);
  Result<std::string> CallMaster(const std::string& route, const std::string& body);

  const WorkerProcessOptions options_;
  Logger* const logger_;
  Clock* const clock_;
  MetricsRegistry metrics_;
  ufs::UfsRegistry own_registry_;
  const ufs::UfsRegistry* registry_;
  net::HttpClient master_client_;
  std::unique_ptr<BlockStore> store_;
  std::unique_ptr<UfsManager> ufs_;
  std::unique_ptr<BlockFetcher> fetcher_;
  std::unique_ptr<net::HttpServer> rpc_server_;
  std::unique_ptr<net::HttpServer> web_server_;
  std::unique_ptr<WorkerS3Server> s3_server_;  // when options_.s3.enabled
  std::atomic<int64_t> worker_id_{0};
  std::atomic<bool> registered_{false};
  int64_t start_time_ms_ = 0;

  std::mutex pins_mu_;
  std::vector<int64_t> master_pins_;       // guarded by pins_mu_
  std::map<int64_t, int64_t> local_pins_;  // guarded by pins_mu_: file id -> since (ms)

  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;  // guarded by mu_
  std::thread heartbeat_thread_;
};

}  // namespace alluxio::worker
