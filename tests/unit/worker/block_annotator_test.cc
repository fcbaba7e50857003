#include "server/worker/block_annotator.h"

#include <catch2/catch.hpp>

namespace alluxio::worker {
namespace {

std::vector<int64_t> Order(const BlockAnnotator& annotator) { return annotator.ColdestFirst(); }

}  // namespace

TEST_CASE("LRU puts the least recently accessed block first", "[annotator]") {
  ManualClock clock;
  auto lru = NewBlockAnnotator(AnnotatorKind::kLru, 0.25, 2.0, &clock);
  lru->RecordAccess(1);
  lru->RecordAccess(2);
  lru->RecordAccess(3);
  CHECK(Order(*lru) == std::vector<int64_t>{1, 2, 3});
  // Same millisecond: the logical order still counts.
  lru->RecordAccess(1);
  CHECK(Order(*lru) == std::vector<int64_t>{2, 3, 1});
  lru->RecordAccess(2);
  CHECK(Order(*lru) == std::vector<int64_t>{3, 1, 2});
}

TEST_CASE("removing a block takes it out of the eviction order", "[annotator]") {
  ManualClock clock;
  for (AnnotatorKind kind : {AnnotatorKind::kLru, AnnotatorKind::kLrfu, AnnotatorKind::kLfu}) {
    auto annotator = NewBlockAnnotator(kind, 0.25, 2.0, &clock);
    annotator->RecordAccess(7);
    annotator->RecordAccess(8);
    annotator->RecordAccess(7);
    CHECK(annotator->size() == 2);
    annotator->Remove(7);
    annotator->Remove(99);  // unknown: no-op
    CHECK_FALSE(annotator->Contains(7));
    CHECK(annotator->Contains(8));
    CHECK(Order(*annotator) == std::vector<int64_t>{8});
  }
}

TEST_CASE("LFU puts the least often accessed block first, ties by recency", "[annotator]") {
  ManualClock clock;
  auto lfu = NewBlockAnnotator(AnnotatorKind::kLfu, 0.25, 2.0, &clock);
  for (int i = 0; i < 3; ++i) lfu->RecordAccess(1);
  lfu->RecordAccess(5);        // once, before 4
  lfu->RecordAccess(4);        // once
  clock.AdvanceMs(3'600'000);  // time plays no part in LFU
  lfu->RecordAccess(3);
  lfu->RecordAccess(3);
  CHECK(Order(*lfu) == std::vector<int64_t>{5, 4, 3, 1});
}

TEST_CASE("visiting stops when the visitor returns false", "[annotator]") {
  ManualClock clock;
  auto lru = NewBlockAnnotator(AnnotatorKind::kLru, 0.25, 2.0, &clock);
  for (int64_t id = 1; id <= 5; ++id) lru->RecordAccess(id);
  std::vector<int64_t> seen;
  lru->ForEachColdestFirst([&](int64_t id) {
    seen.push_back(id);
    return seen.size() < 2;
  });
  CHECK(seen == std::vector<int64_t>{1, 2});
}

// F(x) = (1/attenuation)^(step * x), x in seconds. With step 0.5 and attenuation 4, or step 1
// and attenuation 2, F(x) = 0.5^x. Block A is accessed at t=0 and t=2: crf = 1 * 0.25 + 1 =
// 1.25. Block B is accessed once at t = 2 + d, with crf 1. A is colder iff 1.25 * 0.5^d < 1,
// i.e. d > log2(1.25) = 0.32.
TEST_CASE("LRFU combines recency and frequency with Alluxio's CRF formula", "[annotator]") {
  struct Params {
    double step;
    double attenuation;
  };
  for (Params p : {Params{0.5, 4.0}, Params{1.0, 2.0}}) {
    for (int64_t b_delay_ms : {200, 500}) {
      ManualClock clock;
      auto lrfu = NewBlockAnnotator(AnnotatorKind::kLrfu, p.step, p.attenuation, &clock);
      lrfu->RecordAccess(/*A=*/1);
      clock.AdvanceMs(2000);
      lrfu->RecordAccess(1);
      clock.AdvanceMs(b_delay_ms);
      lrfu->RecordAccess(/*B=*/2);
      INFO("step " << p.step << ", attenuation " << p.attenuation << ", delay " << b_delay_ms);
      if (b_delay_ms == 200) {
        CHECK(Order(*lrfu) == std::vector<int64_t>{2, 1});
      } else {
        CHECK(Order(*lrfu) == std::vector<int64_t>{1, 2});
      }
    }
  }
}

TEST_CASE("LRFU with a small step factor behaves like LFU, with a large one like LRU",
          "[annotator]") {
  // Block 1: three accesses long ago; block 2: one access now.
  auto run = [](double step) {
    ManualClock clock;
    auto lrfu = NewBlockAnnotator(AnnotatorKind::kLrfu, step, 2.0, &clock);
    for (int i = 0; i < 3; ++i) lrfu->RecordAccess(1);
    clock.AdvanceMs(10'000);
    lrfu->RecordAccess(2);
    return Order(*lrfu);
  };
  CHECK(run(0.001) == std::vector<int64_t>{2, 1});
  CHECK(run(1.0) == std::vector<int64_t>{1, 2});
}

TEST_CASE("annotator kinds have their names", "[annotator]") {
  CHECK(AnnotatorKindName(AnnotatorKind::kLru) == "LRU");
  CHECK(AnnotatorKindName(AnnotatorKind::kLrfu) == "LRFU");
  CHECK(AnnotatorKindName(AnnotatorKind::kLfu) == "LFU");
}

}  // namespace alluxio::worker
