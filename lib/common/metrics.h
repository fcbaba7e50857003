// MetricsRegistry: named counters, gauges and histograms, rendered as Dropwizard-style JSON
// (Alluxio's /metrics/json/) and Prometheus text (/metrics/prometheus/).
//
// Metrics are created on first use and live as long as the registry; the returned pointers stay
// valid and are safe to update from any thread without locks. Callback gauges are registered with
// an RAII handle so a component that goes away also takes its gauges away.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace alluxio {

class Counter {
 public:
  void Inc(int64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
  int64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<int64_t> value_{0};
};

// Records non-negative integer samples (e.g. latencies in microseconds) into log-linear
// buckets: exact below 16, then 8 buckets per power of two (quantile error under 7%).
class Histogram {
 public:
  static constexpr int kBuckets = 16 + 60 * 8;

  void Record(int64_t value);
  int64_t count() const { return count_.load(std::memory_order_relaxed); }
  int64_t sum() const { return sum_.load(std::memory_order_relaxed); }
  int64_t min() const;
  int64_t max() const { return max_.load(std::memory_order_relaxed); }
  // Approximate value at quantile q in [0, 1]; 0 when empty.
  int64_t Quantile(double q) const;

 private:
  static int BucketOf(uint64_t v);
  static uint64_t BucketMid(int b);

  std::array<std::atomic<uint64_t>, kBuckets> buckets_{};
  std::atomic<int64_t> count_{0};
  std::atomic<int64_t> sum_{0};
  std::atomic<int64_t> min_{INT64_MAX};
  std::atomic<int64_t> max_{0};
};

class MetricsRegistry;

// Removes its gauge from the registry when destroyed. Movable, not copyable.
class GaugeRegistration {
 public:
  GaugeRegistration() = default;
  GaugeRegistration(MetricsRegistry* registry, std::string name)
      : registry_(registry), name_(std::move(name)) {}
  GaugeRegistration(GaugeRegistration&& o) noexcept
      : registry_(o.registry_), name_(std::move(o.name_)) {
    o.registry_ = nullptr;
  }
  GaugeRegistration& operator=(GaugeRegistration&& o) noexcept;
  GaugeRegistration(const GaugeRegistration&) = delete;
  GaugeRegistration& operator=(const GaugeRegistration&) = delete;
  ~GaugeRegistration();

 private:
  MetricsRegistry* registry_ = nullptr;
  std::string name_;
};

class MetricsRegistry {
 public:
  MetricsRegistry() = default;
  MetricsRegistry(const MetricsRegistry&) = delete;
  MetricsRegistry& operator=(const MetricsRegistry&) = delete;

  // Returns the metric named `name`, creating it on first use. Never null.
  Counter* GetCounter(const std::string& name);
  Histogram* GetHistogram(const std::string& name);
  // A gauge whose value is read from `fn` at render time; `fn` must be thread-safe and stay
  // callable until the returned registration is destroyed.
  [[nodiscard]] GaugeRegistration RegisterGauge(const std::string& name,
                                                std::function<double()> fn);

  // Dropwizard MetricsModule layout:
  // {"version","gauges","counters","histograms","meters","timers"}.
  std::string RenderJson() const;
  // Prometheus text exposition format 0.0.4; '.' and '-' in names become '_'.
  std::string RenderPrometheus() const;

 private:
  friend class GaugeRegistration;
  void RemoveGauge(const std::string& name);

  mutable std::mutex mu_;
  std::map<std::string, std::unique_ptr<Counter>> counters_;      // guarded by mu_
  std::map<std::string, std::unique_ptr<Histogram>> histograms_;  // guarded by mu_
  std::map<std::string, std::function<double()>> gauges_;         // guarded by mu_
};

}  // namespace alluxio
