// PersistenceScheduler: writes ASYNC_THROUGH files to their UFS in the background.
//
// Each pass reads the master's persist queue (files in state TO_BE_PERSISTED, a RocksDB index,
// so the queue survives restarts), skips files with a blacklisted path component (they stay
// queued: a Spark job renames them out of `_temporary` later), waits the initial wait after a
// file first shows up, and asks a live worker that holds all of the file's blocks to write the
// file to the UFS (POST /api/v1/worker/persist). On success the file becomes PERSISTED; on
// failure it is retried with exponential back-off between the initial and the maximum interval.
//
// Called from the master's background thread only; not thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "lib/common/clock.h"
#include "lib/common/logging.h"
#include "lib/common/metrics.h"
#include "lib/net/http_client.h"
#include "server/master/block_master.h"
#include "server/master/file_system_master.h"

namespace alluxio::master {

struct PersistenceOptions {
  int64_t scheduler_interval_ms = 1'000;  // alluxio.master.persistence.scheduler.interval
  int64_t initial_wait_ms = 0;            // alluxio.user.file.persistence.initial.wait.time
  int64_t initial_interval_ms = 1'000;    // alluxio.master.persistence.initial.interval
  int64_t max_interval_ms = 3'600'000;    // alluxio.master.persistence.max.interval
  std::vector<std::string> blacklist = {"_temporary", ".spark-staging"};
  int64_t request_timeout_ms = 600'000;  // a worker copying a large file to the UFS
};

class PersistenceScheduler {
 public:
  PersistenceScheduler(PersistenceOptions options, FileSystemMaster* fs, BlockMaster* blocks,
                       Clock* clock, Logger* logger, MetricsRegistry* metrics);

  // One pass over the queue; returns how many files became PERSISTED.
  int RunOnce();
  const PersistenceOptions& options() const { return options_; }

 private:
  struct Retry {
    int64_t next_ms = 0;
    int64_t interval_ms = 0;
    int attempts = 0;
  };
  bool Blacklisted(const std::string& path) const;
  // A live worker holding every block of the job, if any.
  std::optional<wire::WorkerNetAddress> PickWorker(const FileSystemMaster::PersistJob& job);
  Status PersistOn(const wire::WorkerNetAddress& worker, const FileSystemMaster::PersistJob& job,
                   std::string* fingerprint);

  const PersistenceOptions options_;
  FileSystemMaster* const fs_;
  BlockMaster* const blocks_;
  Clock* const clock_;
  Logger* const logger_;
  net::HttpClient http_;
  std::map<int64_t, Retry> retries_;  // file id -> when to try next
  Counter* persisted_ = nullptr;
  Counter* failures_ = nullptr;
};

}  // namespace alluxio::master
