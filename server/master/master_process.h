// MasterProcess: the `alluxio master` daemon. Owns everything the master runs: the metastore,
// the UFS registry, the file-system master, the RPC and web servers, and the TTL checker
// thread. Start() brings them up in dependency order, Stop() takes them down in reverse.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "lib/common/clock.h"
#include "lib/common/logging.h"
#include "lib/common/metrics.h"
#include "lib/common/result.h"
#include "lib/conf/configuration.h"
#include "lib/net/http_server.h"
#include "lib/ufs/under_file_system.h"
#include "server/master/block_master.h"
#include "server/master/file_system_master.h"
#include "server/master/master_http_service.h"
#include "server/master/metastore/inode_store.h"
#include "server/master/persistence_scheduler.h"

namespace alluxio::master {

struct MasterProcessOptions {
  std::string hostname = "localhost";  // what clients use to reach this master
  std::string bind_host = "0.0.0.0";
  int rpc_port = 19998;
  int web_port = 19999;
  bool metastore_rocks = true;
  std::string metastore_dir;
  size_t inode_cache_size = 100000;
  int64_t ttl_check_interval_ms = 3'600'000;
  int64_t worker_timeout_ms = 300'000;
  bool authentication_enabled = true;  // SIMPLE; false for NOSASL
  int http_threads = 0;
  size_t max_header_bytes = 64 * 1024;
  size_t max_body_bytes = 64 * 1024 * 1024;
  int64_t idle_timeout_ms = 60'000;
  int64_t shutdown_timeout_ms = 10'000;
  std::string version = "2.9.3";
  FileSystemMasterOptions fs;
  PersistenceOptions persistence;
};

// Builds the options from configuration: the one place master keys are read and validated.
Result<MasterProcessOptions> MasterOptionsFromConfiguration(const conf::Configuration& conf);

class MasterProcess {
 public:
  MasterProcess(MasterProcessOptions options, Logger* logger, Clock* clock);
  ~MasterProcess();  // Stop()
  MasterProcess(const MasterProcess&) = delete;
  MasterProcess& operator=(const MasterProcess&) = delete;

  // Opens the metastore, starts the file-system master, the servers and the TTL checker.
  Status Start();
  void Stop();

  int rpc_port() const;
  int web_port() const;
  FileSystemMaster* file_system_master() { return fs_.get(); }
  BlockMaster* block_master() { return blocks_.get(); }
  MetricsRegistry* metrics() { return &metrics_; }
  const ufs::UfsRegistry* ufs_registry() const { return &ufs_registry_; }

 private:
  // Runs the TTL checker, lost-worker detection and the persistence scheduler on their
  // intervals until Stop().
  void BackgroundLoop();

  const MasterProcessOptions options_;
  Logger* const logger_;
  Clock* const clock_;
  MetricsRegistry metrics_;
  ufs::UfsRegistry ufs_registry_;
  std::unique_ptr<InodeStore> store_;
  std::unique_ptr<FileSystemMaster> fs_;
  std::unique_ptr<BlockMaster> blocks_;
  std::unique_ptr<CallerResolver> callers_;
  std::unique_ptr<PersistenceScheduler> persistence_;
  std::unique_ptr<net::HttpServer> rpc_server_;
  std::unique_ptr<net::HttpServer> web_server_;
  int64_t start_time_ms_ = 0;

  std::mutex background_mu_;
  std::condition_variable background_cv_;
  bool stopping_ = false;  // guarded by background_mu_
  std::thread background_thread_;
};

}  // namespace alluxio::master
