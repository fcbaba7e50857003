// The master's HTTP surfaces:
//   RPC (alluxio.master.rpc.port, 19998): the file-system routes of lib/wire/master_rpc.h,
//     JSON in and out, errors with proper HTTP codes and the JSON error body.
//   Web (alluxio.master.web.port, 19999): /healthz, /metrics/json/, /metrics/prometheus/,
//     GET /api/v1/master/info.
// Handlers only translate between HTTP/JSON and FileSystemMaster calls.
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "lib/common/clock.h"
#include "lib/common/metrics.h"
#include "lib/net/router.h"
#include "server/master/block_master.h"
#include "server/master/file_system_master.h"

namespace alluxio::master {

// Who a request comes from: the X-Alluxio-User header under SIMPLE authentication, nobody
// (no checks) under NOSASL. Group lists come from this host's user database, cached briefly.
class CallerResolver {
 public:
  CallerResolver(bool authentication_enabled, Clock* clock)
      : enabled_(authentication_enabled), clock_(clock) {}
  // UNAUTHENTICATED when authentication is on and the request names no user.
  Result<CallerInfo> Resolve(const net::HttpRequest& req);
  // Resolve without blocking: nullopt when the user's groups must be looked up (NSS) first.
  std::optional<Result<CallerInfo>> TryResolve(const net::HttpRequest& req);

 private:
  Result<CallerInfo> ResolveImpl(const net::HttpRequest& req, bool may_block, bool* blocked);

  const bool enabled_;
  Clock* const clock_;
  std::mutex mu_;
  std::map<std::string, std::pair<int64_t, std::vector<std::string>>> groups_;  // guarded by mu_
};

void AddMasterRpcRoutes(net::Router& router, FileSystemMaster* fs, CallerResolver* callers);

// Worker-facing routes on the RPC port: POST /api/v1/master/worker/register and
// /api/v1/master/worker/heartbeat, GET /api/v1/master/workers (bodies in lib/wire/README.md).
void AddBlockMasterRoutes(net::Router& router, BlockMaster* blocks, FileSystemMaster* fs);

struct MasterInfo {
  std::string rpc_address;  // host:port
  int web_port = 0;
  int64_t start_time_ms = 0;
  std::string version;
};

void AddMasterWebRoutes(net::Router& router, FileSystemMaster* fs, MetricsRegistry* metrics,
                        Clock* clock, std::function<MasterInfo()> info);
// GET /api/v1/master/info alone (the web routes include it; the RPC port serves it too, for
// `alluxio fsadmin report`).
void AddMasterInfoRoute(net::Router& router, FileSystemMaster* fs, Clock* clock,
                        std::function<MasterInfo()> info);

}  // namespace alluxio::master
