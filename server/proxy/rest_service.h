// The proxy's REST API v1 (compat §1): /api/v1/paths/{path}/{action}, /api/v1/streams/{id}/...
// and /api/v1/proxy/info, on alluxio.proxy.web.port (39999). Every handler is a thin mapping to
// client::FileSystem; every error answers HTTP 500 with {"statusCode","message"}, as Alluxio's
// proxy does.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "lib/client/file_system.h"
#include "lib/net/router.h"
#include "server/proxy/stream_registry.h"

namespace alluxio::proxy {

struct ProxyInfo {
  int64_t start_time_ms = 0;
  int64_t uptime_ms = 0;
  std::string version;
  std::map<std::string, std::string> configuration;  // secrets masked
};

void AddRestRoutes(net::Router& router, client::FileSystem* fs, StreamRegistry* streams,
                   std::function<ProxyInfo()> info);

// Admin endpoints for the interactive shell (lib/wire/README.md), under /api/v1/proxy/admin/:
// report, workers, mounts, metrics (GET); mount, unmount, persist (POST). `master_get` fetches a
// route of the master's RPC port (its info and metrics).
using MasterGet = std::function<Result<std::string>(const std::string& target)>;
void AddAdminRoutes(net::Router& router, client::FileSystem* fs, MasterGet master_get);

}  // namespace alluxio::proxy
