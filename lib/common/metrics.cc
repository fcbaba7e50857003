#include "lib/common/metrics.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>

namespace alluxio {

int Histogram::BucketOf(uint64_t v) {
  if (v < 16) return static_cast<int>(v);
  int e = 63 - std::countl_zero(v);  // e >= 4
  int sub = static_cast<int>((v >> (e - 3)) & 7);
  int b = 16 + (e - 4) * 8 + sub;
  return std::min(b, kBuckets - 1);
}

uint64_t Histogram::BucketMid(int b) {
  if (b < 16) return static_cast<uint64_t>(b);
  int e = (b - 16) / 8 + 4;
  uint64_t sub = static_cast<uint64_t>((b - 16) % 8);
  uint64_t lo = (uint64_t{1} << e) + (sub << (e - 3));
  uint64_t width = uint64_t{1} << (e - 3);
  return lo + width / 2;
}

void Histogram::Record(int64_t value) {
  if (value < 0) value = 0;
  buckets_[BucketOf(static_cast<uint64_t>(value))].fetch_add(1, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(value, std::memory_order_relaxed);
  int64_t cur = min_.load(std::memory_order_relaxed);
  while (value < cur && !min_.compare_exchange_weak(cur, value, std::memory_order_relaxed)) {
  }
  cur = max_.load(std::memory_order_relaxed);
  while (value > cur && !max_.compare_exchange_weak(cur, value, std::memory_order_relaxed)) {
  }
}

int64_t Histogram::min() const {
  int64_t m = min_.load(std::memory_order_relaxed);
  return m == INT64_MAX ? 0 : m;
}

int64_t Histogram::Quantile(double q) const {
  int64_t n = count();
  if (n == 0) return 0;
  auto rank = static_cast<uint64_t>(std::ceil(std::clamp(q, 0.0, 1.0) * static_cast<double>(n)));
  if (rank == 0) rank = 1;
  uint64_t seen = 0;
  for (int b = 0; b < kBuckets; ++b) {
    seen += buckets_[b].load(std::memory_order_relaxed);
    if (seen >= rank) {
      auto mid = static_cast<int64_t>(BucketMid(b));
      return std::clamp(mid, min(), max());
    }
  }
  return max();
}

GaugeRegistration& GaugeRegistration::operator=(GaugeRegistration&& o) noexcept {
  if (this != &o) {
    if (registry_) registry_->RemoveGauge(name_);
    registry_ = o.registry_;
    name_ = std::move(o.name_);
    o.registry_ = nullptr;
  }
  return *this;
}

GaugeRegistration::~GaugeRegistration() {
  if (registry_) registry_->RemoveGauge(name_);
}

Counter* MetricsRegistry::GetCounter(const std::string& name) {
  std::lock_guard<std::mutex> lock(mu_);
  auto& slot = counters_[name];
  if (!slot) slot = std::make_unique<Counter>();
  return slot.get();
}

Histogram* MetricsRegistry::GetHistogram(const std::string& name) {
  std::lock_guard<std::mutex> lock(mu_);
  auto& slot = histograms_[name];
  if (!slot) slot = std::make_unique<Histogram>();
  return slot.get();
}

GaugeRegistration MetricsRegistry::RegisterGauge(const std::string& name,
                                                 std::function<double()> fn) {
  std::lock_guard<std::mutex> lock(mu_);
  gauges_[name] = std::move(fn);
  return GaugeRegistration(this, name);
}

void MetricsRegistry::RemoveGauge(const std::string& name) {
  std::lock_guard<std::mutex> lock(mu_);
  gauges_.erase(name);
}

std::string MetricsRegistry::RenderJson() const {
  nlohmann::ordered_json out;
  out["version"] = "4.0.0";
  out["gauges"] = nlohmann::ordered_json::object();
  out["counters"] = nlohmann::ordered_json::object();
  out["histograms"] = nlohmann::ordered_json::object();
  out["meters"] = nlohmann::ordered_json::object();
  out["timers"] = nlohmann::ordered_json::object();
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& [name, fn] : gauges_) {
    double v = fn();
    if (v == std::floor(v) && std::abs(v) < 9e15) {
      out["gauges"][name] = {{"value", static_cast<int64_t>(v)}};
    } else {
      out["gauges"][name] = {{"value", v}};
    }
  }
  for (const auto& [name, c] : counters_) out["counters"][name] = {{"count", c->value()}};
  for (const auto& [name, h] : histograms_) {
    int64_t n = h->count();
    out["histograms"][name] = {
        {"count", n},
        {"max", h->max()},
        {"mean", n ? static_cast<double>(h->sum()) / static_cast<double>(n) : 0.0},
        {"min", h->min()},
        {"p50", h->Quantile(0.50)},
        {"p75", h->Quantile(0.75)},
        {"p95", h->Quantile(0.95)},
        {"p98", h->Quantile(0.98)},
        {"p99", h->Quantile(0.99)},
        {"p999", h->Quantile(0.999)},
    };
  }
  return out.dump(2);
}

namespace {
std::string PromName(const std::string& name) {
  std::string out = name;
  for (char& c : out) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != ':') c = '_';
  }
  if (!out.empty() && std::isdigit(static_cast<unsigned char>(out[0]))) out = "_" + out;
  return out;
}
}  // namespace

std::string MetricsRegistry::RenderPrometheus() const {
  std::ostringstream os;
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& [name, fn] : gauges_) {
    std::string n = PromName(name);
    os << "# TYPE " << n << " gauge\n" << n << ' ' << fn() << '\n';
  }
  for (const auto& [name, c] : counters_) {
    std::string n = PromName(name);
    os << "# TYPE " << n << " counter\n" << n << ' ' << c->value() << '\n';
  }
  for (const auto& [name, h] : histograms_) {
    std::string n = PromName(name);
    os << "# TYPE " << n << " summary\n";
    for (double q : {0.5, 0.75, 0.95, 0.98, 0.99, 0.999}) {
      os << n << "{quantile=\"" << q << "\"} " << h->Quantile(q) << '\n';
    }
    os << n << "_sum " << h->sum() << '\n' << n << "_count " << h->count() << '\n';
  }
  return os.str();
}

}  // namespace alluxio
