// ProxyProcess: the `alluxio proxy` daemon: the REST API v1 and the S3 API (/api/v1/s3) on
// alluxio.proxy.web.port (39999), built on the native client (master + workers), plus a thread
// closing idle REST streams (alluxio.proxy.stream.cache.timeout) and, when enabled, aborting
// abandoned S3 multipart uploads.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "lib/client/metadata_cache.h"
#include "lib/client/native_file_system.h"
#include "lib/common/clock.h"
#include "lib/common/logging.h"
#include "lib/common/metrics.h"
#include "lib/common/periodic_task.h"
#include "lib/common/result.h"
#include "lib/conf/configuration.h"
#include "lib/net/http_server.h"
#include "server/proxy/s3_service.h"
#include "server/proxy/s3_users.h"
#include "server/proxy/stream_registry.h"

namespace alluxio::proxy {

struct ProxyProcessOptions {
  std::string bind_host = "0.0.0.0";
  int web_port = 39999;
  int64_t stream_timeout_ms = 3'600'000;
  int http_threads = 0;
  int64_t idle_timeout_ms = 60'000;
  int64_t shutdown_timeout_ms = 10'000;
  std::string version = "2.9.3";
  client::ClientOptions client;
  client::MetadataCacheOptions metadata_cache;       // alluxio.user.metadata.cache.*
  S3Options s3;                                      // alluxio.proxy.s3.*
  std::map<std::string, std::string> configuration;  // for /api/v1/proxy/info, secrets masked
};

Result<ProxyProcessOptions> ProxyOptionsFromConfiguration(const conf::Configuration& conf);

class ProxyProcess {
 public:
  ProxyProcess(ProxyProcessOptions options, Logger* logger, Clock* clock);
  ~ProxyProcess();  // Stop()
  ProxyProcess(const ProxyProcess&) = delete;
  ProxyProcess& operator=(const ProxyProcess&) = delete;

  Status Start();
  void Stop();
  int web_port() const;

 private:
  const ProxyProcessOptions options_;
  Logger* const logger_;
  Clock* const clock_;
  MetricsRegistry metrics_;
  // The proxy's own client (REST API, S3 without credentials), with the metadata cache when on;
  // native_ is the NativeFileSystem inside it (tier-file lookups, master GETs).
  std::unique_ptr<client::FileSystem> fs_;
  client::NativeFileSystem* native_ = nullptr;
  std::unique_ptr<StreamRegistry> streams_;
  std::unique_ptr<S3UserFileSystems> s3_users_;
  std::unique_ptr<S3Service> s3_;
  std::unique_ptr<net::HttpServer> server_;
  int64_t start_time_ms_ = 0;
  // Closes idle streams and, when on, aborts abandoned multipart uploads.
  PeriodicTask sweeper_;
};

}  // namespace alluxio::proxy
