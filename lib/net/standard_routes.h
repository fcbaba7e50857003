// Routes every server exposes on its web port: GET /healthz, /metrics/json/ and
// /metrics/prometheus/ (each with or without the trailing slash).
#pragma once

#include <functional>

#include "lib/common/metrics.h"
#include "lib/common/status.h"
#include "lib/net/router.h"

namespace alluxio::net {

// `health` (optional) decides /healthz: OK -> 200 "OK", an error -> 503 with the JSON error
// body. `metrics` must outlive the router's server. The routes run on the server's event loop
// (RouteOptions::nonblocking), so `health` must not block.
void AddStandardRoutes(Router& router, MetricsRegistry* metrics,
                       std::function<Status()> health = {});

// Fills `res` with the JSON error body for `status` and the HTTP status the wire mapping gives
// (lib/wire/error_body.h), or with `http_status` when it is non-zero.
void SetErrorResponse(HttpResponse& res, const Status& status, int http_status = 0);

}  // namespace alluxio::net
