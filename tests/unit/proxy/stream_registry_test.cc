#include "server/proxy/stream_registry.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

namespace alluxio::proxy {
namespace {

class FakeOut final : public client::FileOutStream {
 public:
  explicit FakeOut(int* cancels) : cancels_(cancels) {}
  Status Write(std::string_view) override { return Status::OK(); }
  Status Close() override { return Status::OK(); }
  void Cancel() override { ++*cancels_; }
  int64_t bytes_written() const override { return 0; }

 private:
  int* cancels_;
};

}  // namespace

TEST_CASE("stream ids start at 1 and unknown ids are INTERNAL", "[proxy]") {
  ManualClock clock;
  StreamRegistry r(&clock, 1000);
  int cancels = 0;
  CHECK(r.Add(std::make_unique<FakeOut>(&cancels)) == 1);
  CHECK(r.Add(std::make_unique<FakeOut>(&cancels)) == 2);
  auto missing = r.CheckOut(3);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().code() == StatusCode::kInternal);
  CHECK(missing.status().message() == "stream does not exist");
}

TEST_CASE("a checked-out stream is busy and not swept; idle ones are cancelled", "[proxy]") {
  ManualClock clock;
  StreamRegistry r(&clock, 1000);
  int cancels = 0;
  int64_t a = r.Add(std::make_unique<FakeOut>(&cancels));
  int64_t b = r.Add(std::make_unique<FakeOut>(&cancels));
  auto out = r.CheckOut(a);
  REQUIRE(out.ok());
  CHECK(r.CheckOut(a).status().code() == StatusCode::kFailedPrecondition);
  clock.AdvanceMs(2000);
  CHECK(r.Sweep() == 1);  // b only: a is in use
  CHECK(cancels == 1);
  CHECK(r.CheckOut(b).status().code() == StatusCode::kInternal);
  r.Return(a, std::move(*out));
  clock.AdvanceMs(500);
  CHECK(r.Sweep() == 0);  // returning counts as an access
  clock.AdvanceMs(1500);
  CHECK(r.Sweep() == 1);
  CHECK(cancels == 2);
  CHECK(r.size() == 0);
}

TEST_CASE("CheckOut waits up to busy_wait_ms for a stream another request holds", "[proxy]") {
  ManualClock clock;
  StreamRegistry r(&clock, 60'000, /*busy_wait_ms=*/5'000);
  int cancels = 0;
  int64_t a = r.Add(std::make_unique<FakeOut>(&cancels));
  auto held = r.CheckOut(a);
  REQUIRE(held.ok());
  // The holder gives it back a little later (a response that ended); the waiter gets it.
  auto start = std::chrono::steady_clock::now();
  std::thread giver([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    r.Return(a, std::move(*held));
  });
  auto again = r.CheckOut(a);
  giver.join();
  REQUIRE(again.ok());  // without the wait this would be FAILED_PRECONDITION (busy)
  // Removed while waited for: the waiter learns that at once, not after the wait.
  StreamRegistry quick(&clock, 60'000, /*busy_wait_ms=*/5'000);
  int64_t b = quick.Add(std::make_unique<FakeOut>(&cancels));
  auto taken = quick.CheckOut(b);
  REQUIRE(taken.ok());
  std::thread remover([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    quick.Remove(b);
  });
  start = std::chrono::steady_clock::now();
  CHECK(quick.CheckOut(b).status().code() == StatusCode::kInternal);
  remover.join();
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(4));
}

}  // namespace alluxio::proxy
