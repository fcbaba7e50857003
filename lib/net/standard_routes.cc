#include "lib/net/standard_routes.h"

#include "lib/wire/error_body.h"

namespace alluxio::net {

void SetErrorResponse(HttpResponse& res, const Status& status, int http_status) {
  res.Set(http_status ? http_status : wire::HttpStatusFor(status.code()), "application/json",
          wire::ErrorBodyJson(status));
}

void AddStandardRoutes(Router& router, MetricsRegistry* metrics, std::function<Status()> health) {
  RouteOptions on_loop;
  on_loop.nonblocking = true;
  router.Add(
      "GET", "/healthz",
      [health](HttpRequest&, HttpResponse& res) {
        Status st = health ? health() : Status::OK();
        if (st.ok()) {
          res.Set(200, "text/plain", "OK\n");
        } else {
          SetErrorResponse(res, st, 503);
        }
      },
      on_loop);
  auto json = [metrics](HttpRequest&, HttpResponse& res) {
    res.Set(200, "application/json", metrics->RenderJson());
  };
  auto prom = [metrics](HttpRequest&, HttpResponse& res) {
    res.Set(200, "text/plain; version=0.0.4", metrics->RenderPrometheus());
  };
  router.Add("GET", "/metrics/json/", json, on_loop);
  router.Add("GET", "/metrics/json", json, on_loop);
  router.Add("GET", "/metrics/prometheus/", prom, on_loop);
  router.Add("GET", "/metrics/prometheus", prom, on_loop);
}

}  // namespace alluxio::net
