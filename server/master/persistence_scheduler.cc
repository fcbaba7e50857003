#include "server/master/persistence_scheduler.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "lib/common/path.h"
#include "lib/wire/error_body.h"
#include "lib/wire/worker_json.h"

namespace alluxio::master {

PersistenceScheduler::PersistenceScheduler(PersistenceOptions options, FileSystemMaster* fs,
                                           BlockMaster* blocks, Clock* clock, Logger* logger,
                                           MetricsRegistry* metrics)
    : options_(std::move(options)),
      fs_(fs),
      blocks_(blocks),
      clock_(clock),
      logger_(logger),
      http_([this] {
        net::HttpClientOptions h;
        h.io_timeout_ms = options_.request_timeout_ms;
        h.max_retries = 0;
        return h;
      }()) {
  if (metrics) {
    persisted_ = metrics->GetCounter("Master.FilesPersisted");
    failures_ = metrics->GetCounter("Master.PersistFailures");
  }
}

bool PersistenceScheduler::Blacklisted(const std::string& path) const {
  for (const std::string& c : PathComponents(path)) {
    if (std::find(options_.blacklist.begin(), options_.blacklist.end(), c) !=
        options_.blacklist.end()) {
      return true;
    }
  }
  return false;
}

std::optional<wire::WorkerNetAddress> PersistenceScheduler::PickWorker(
    const FileSystemMaster::PersistJob& job) {
  std::map<int64_t, wire::WorkerNetAddress> candidates;
  bool first = true;
  for (int64_t block : job.block_ids) {
    std::map<int64_t, wire::WorkerNetAddress> holders;
    for (const wire::BlockLocation& loc : blocks_->GetLocations(block)) {
      if (first || candidates.count(loc.worker_id)) holders[loc.worker_id] = loc.worker_address;
    }
    candidates = std::move(holders);
    first = false;
    if (candidates.empty()) return std::nullopt;
  }
  if (candidates.empty()) return std::nullopt;
  return candidates.begin()->second;
}

Status PersistenceScheduler::PersistOn(const wire::WorkerNetAddress& worker,
                                       const FileSystemMaster::PersistJob& job,
                                       std::string* fingerprint) {
  net::ClientRequest req;
  req.method = "POST";
  req.target = "/api/v1/worker/persist";
  req.headers.Set("Content-Type", "application/json");
  req.body = nlohmann::json(job.request).dump();
  ASSIGN_OR_RETURN(net::ClientResponse res, http_.Send(worker.host, worker.rpc_port, req));
  if (res.status != 200) return wire::StatusFromHttp(res.status, res.body);
  nlohmann::json j = nlohmann::json::parse(res.body, nullptr, false);
  ASSIGN_OR_RETURN(wire::WriteFileResponse r, wire::WriteFileResponseFromJson(j));
  *fingerprint = r.ufs_fingerprint;
  return Status::OK();
}

int PersistenceScheduler::RunOnce() {
  auto jobs = fs_->PendingPersists(10'000);
  if (!jobs.ok()) {
    logger_->Warn("master", "Reading the persist queue failed: " + jobs.status().ToString());
    return 0;
  }
  const int64_t now = clock_->MonotonicMs();
  std::set<int64_t> queued;
  int done = 0;
  for (const FileSystemMaster::PersistJob& job : *jobs) {
    const int64_t id = job.request.file_id;
    queued.insert(id);
    if (Blacklisted(job.request.path)) continue;
    auto [it, fresh] = retries_.try_emplace(id);
    Retry& retry = it->second;
    if (fresh) {
      retry.next_ms = now + options_.initial_wait_ms;
      retry.interval_ms = options_.initial_interval_ms;
    }
    if (now < retry.next_ms) continue;
    Status st;
    std::string fingerprint;
    if (auto worker = PickWorker(job)) {
      st = PersistOn(*worker, job, &fingerprint);
      if (st.ok()) st = fs_->CompletePersist(job, fingerprint);
    } else {
      st = Status::Unavailable("No live worker holds all blocks of " + job.request.path);
    }
    if (st.ok()) {
      ++done;
      if (persisted_) persisted_->Inc();
      retries_.erase(it);
      continue;
    }
    if (failures_) failures_->Inc();
    ++retry.attempts;
    retry.next_ms = clock_->MonotonicMs() + retry.interval_ms;
    logger_->Warn("master",
                  StrCat("Persisting ", job.request.path, " failed (attempt ", retry.attempts,
                         ", next in ", retry.interval_ms / 1000.0, " s): ", st.ToString()));
    retry.interval_ms = std::min(retry.interval_ms * 2, options_.max_interval_ms);
  }
  // Forget files that left the queue (persisted, deleted).
  for (auto it = retries_.begin(); it != retries_.end();) {
    it = queued.count(it->first) ? std::next(it) : retries_.erase(it);
  }
  return done;
}

}  // namespace alluxio::master
