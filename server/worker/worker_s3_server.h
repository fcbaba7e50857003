// WorkerS3Server: the S3 API on a worker (compat page §2.1, Alluxio 3.x): when
// alluxio.worker.s3.api.enabled=true, the proxy's S3 handlers (server/proxy/s3_service.h, the
// same code, not a copy) serve `/<bucket>/<key>` with no prefix on alluxio.worker.rest.port
// (29998), over a native client of the worker's master.
//
// Redirect mode (alluxio.worker.s3.redirect.enabled): a GetObject of a non-empty object whose
// first block belongs to another worker (by the client's worker picking, lib/client/
// worker_picker.h: a worker holding the block, else rendezvous hashing of the block id) that
// serves the S3 API is answered 307 Temporary Redirect with
// `Location: http://<owner host>:<owner rest port><the request's path and query>` and no body.
// Alluxio compares hosts only; we compare host and REST port, so that several workers on one
// machine redirect too.
//
// Thread-safe once started.
#pragma once

#include <memory>
#include <string>

#include "lib/client/metadata_cache.h"
#include "lib/client/native_file_system.h"
#include "lib/client/worker_picker.h"
#include "lib/common/clock.h"
#include "lib/common/logging.h"
#include "lib/common/metrics.h"
#include "lib/common/periodic_task.h"
#include "lib/common/result.h"
#include "lib/conf/configuration.h"
#include "lib/net/http_server.h"
#include "server/proxy/s3_service.h"
#include "server/proxy/s3_users.h"
#include "server/worker/block_store.h"

namespace alluxio::worker {

struct WorkerS3Options {
  // alluxio.worker.s3.api.enabled: serve the S3 API at all.
  bool enabled = false;
  // alluxio.worker.rest.port; 0 picks a free port.
  int rest_port = 29998;
  // alluxio.worker.s3.redirect.enabled: 307 GetObject to the worker owning the data.
  bool redirect = false;
  // The S3 API's settings (alluxio.proxy.s3.*, alluxio.s3.rest.authentication.*).
  proxy::S3Options s3;
  // The client the API runs on (its master is set by the worker at start).
  client::ClientOptions client;
  client::MetadataCacheOptions metadata_cache;  // alluxio.user.metadata.cache.*
};

// Reads the keys above; the S3 and client keys only when the API is enabled.
Result<WorkerS3Options> WorkerS3OptionsFromConfiguration(const conf::Configuration& conf);

class WorkerS3Server {
 public:
  // `self_host`: the name this worker registers with (Location headers compare against it).
  // `server_options`: bind address, threads and timeouts of the HTTP server (port from
  // `options`). `logger`, `clock` and `metrics` must outlive the server.
  // `store` (optional): the worker's block store; GetObject of data cached there is sent from
  // the block files with sendfile(2) instead of through the client.
  WorkerS3Server(WorkerS3Options options, std::string self_host, BlockStore* store,
                 net::HttpServerOptions server_options, Logger* logger, Clock* clock,
                 MetricsRegistry* metrics);
  ~WorkerS3Server();  // Stop()
  WorkerS3Server(const WorkerS3Server&) = delete;
  WorkerS3Server& operator=(const WorkerS3Server&) = delete;

  Status Start();
  void Stop();
  // The bound port; 0 before Start.
  int port() const;

 private:
  // The redirect hook: true when it answered `call` with a 307.
  bool MaybeRedirect(proxy::S3Call& call);
  // The block files of `info` covering [first, first + length), all from store_, or nullopt.
  // Without `may_block`, a block being moved between tiers gives nullopt instead of a wait.
  std::optional<std::vector<net::FileBody>> LocalRegions(const wire::FileInfo& info, int64_t first,
                                                         int64_t length, bool may_block);

  const WorkerS3Options options_;
  const std::string self_host_;
  BlockStore* const store_;
  const net::HttpServerOptions server_options_;
  Logger* const logger_;
  Clock* const clock_;
  MetricsRegistry* const metrics_;
  std::unique_ptr<client::FileSystem> fs_;  // with the metadata cache when on
  std::unique_ptr<client::WorkerPicker> picker_;
  std::unique_ptr<proxy::S3UserFileSystems> users_;
  std::unique_ptr<proxy::S3Service> s3_;
  std::unique_ptr<net::HttpServer> server_;
  // Aborts abandoned multipart uploads (alluxio.proxy.s3.multipart.upload.cleaner.*), as the
  // proxy does: a cluster serving S3 only from its workers needs it too.
  PeriodicTask cleaner_;
};

}  // namespace alluxio::worker
