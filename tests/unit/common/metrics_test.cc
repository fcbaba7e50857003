#include "lib/common/metrics.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

namespace alluxio {

TEST_CASE("metrics render as Dropwizard JSON with counters gauges and histograms", "[common]") {
  MetricsRegistry registry;
  registry.GetCounter("Master.FilesCreated")->Inc(3);
  registry.GetCounter("Master.FilesCreated")->Inc();
  double paths = 42;
  auto gauge = registry.RegisterGauge("Master.TotalPaths", [&] { return paths; });
  Histogram* h = registry.GetHistogram("Master.GetStatusLatency");
  for (int i = 1; i <= 1000; ++i) h->Record(i);

  auto j = nlohmann::json::parse(registry.RenderJson());
  CHECK(j["version"].is_string());
  for (const char* k : {"gauges", "counters", "histograms", "meters", "timers"}) {
    CHECK(j.contains(k));
  }
  CHECK(j["counters"]["Master.FilesCreated"]["count"] == 4);
  CHECK(j["gauges"]["Master.TotalPaths"]["value"] == 42);
  auto hist = j["histograms"]["Master.GetStatusLatency"];
  CHECK(hist["count"] == 1000);
  CHECK(hist["min"] == 1);
  CHECK(hist["max"] == 1000);
  int64_t p50 = hist["p50"], p99 = hist["p99"];
  CHECK(p50 > 460);
  CHECK(p50 < 540);
  CHECK(p99 > 930);
  CHECK(p99 <= 1000);
}

TEST_CASE("a gauge disappears when its registration is destroyed", "[common]") {
  MetricsRegistry registry;
  {
    auto g = registry.RegisterGauge("Worker.CapacityUsed", [] { return 1.0; });
    CHECK(nlohmann::json::parse(registry.RenderJson())["gauges"].contains("Worker.CapacityUsed"));
  }
  CHECK_FALSE(
      nlohmann::json::parse(registry.RenderJson())["gauges"].contains("Worker.CapacityUsed"));
}

TEST_CASE("prometheus text replaces dots in names and types every metric", "[common]") {
  MetricsRegistry registry;
  registry.GetCounter("Cluster.BytesReadLocal")->Inc(10);
  std::string text = registry.RenderPrometheus();
  CHECK(text.find("# TYPE Cluster_BytesReadLocal counter\n") != std::string::npos);
  CHECK(text.find("Cluster_BytesReadLocal 10\n") != std::string::npos);
}

TEST_CASE("histogram quantiles of an empty histogram are zero", "[common]") {
  Histogram h;
  CHECK(h.Quantile(0.5) == 0);
  CHECK(h.min() == 0);
  h.Record(5);
  CHECK(h.Quantile(0.99) == 5);
}

}  // namespace alluxio
