#include "lib/client/worker_picker.h"

#include <catch2/catch.hpp>
#include <map>

namespace alluxio::client {
namespace {

wire::WorkerInfo Worker(std::string host, int port, std::string state = "LIVE") {
  wire::WorkerInfo w;
  w.address.host = std::move(host);
  w.address.rpc_port = port;
  w.state = std::move(state);
  return w;
}

wire::BlockLocation Holder(std::string host, int port) {
  wire::BlockLocation l;
  l.worker_address.host = std::move(host);
  l.worker_address.rpc_port = port;
  return l;
}

}  // namespace

TEST_CASE("a worker holding the block wins, the local one among holders first", "[client]") {
  WorkerPicker picker(
      [] {
        return std::vector<wire::WorkerInfo>{Worker("a", 1), Worker("b", 2)};
      },
      "b");
  auto one = picker.Pick(7, {Holder("a", 1)}, {});
  REQUIRE(one.ok());
  CHECK(one->host == "a");
  auto local = picker.Pick(7, {Holder("a", 1), Holder("b", 2)}, {});
  REQUIRE(local.ok());
  CHECK(local->host == "b");
  auto excluded = picker.Pick(7, {Holder("a", 1), Holder("b", 2)}, {"b:2"});
  REQUIRE(excluded.ok());
  CHECK(excluded->host == "a");
}

TEST_CASE("without holders the local worker is chosen, else a stable hash", "[client]") {
  std::vector<wire::WorkerInfo> workers = {Worker("w1", 1), Worker("w2", 2), Worker("w3", 3),
                                           Worker("dead", 4, "LOST")};
  WorkerPicker local([&] { return workers; }, "w2");
  for (int64_t block = 0; block < 20; ++block) {
    auto w = local.Pick(block, {}, {});
    REQUIRE(w.ok());
    CHECK(w->host == "w2");
  }
  WorkerPicker remote([&] { return workers; }, "elsewhere");
  WorkerPicker again([&] { return workers; }, "elsewhere");
  std::map<std::string, int> spread;
  for (int64_t block = 0; block < 300; ++block) {
    auto a = remote.Pick(block, {}, {});
    auto b = again.Pick(block, {}, {});
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(a->host == b->host);  // every client sends the same block to the same worker
    CHECK(a->host != "dead");
    ++spread[a->host];
  }
  CHECK(spread.size() == 3);
  for (const auto& [host, n] : spread) CHECK(n > 50);
}

TEST_CASE("removing a worker only moves the blocks it had", "[client]") {
  std::vector<wire::WorkerInfo> three = {Worker("w1", 1), Worker("w2", 2), Worker("w3", 3)};
  std::vector<wire::WorkerInfo> two = {Worker("w1", 1), Worker("w2", 2)};
  WorkerPicker before([&] { return three; }, "x");
  WorkerPicker after([&] { return two; }, "x");
  int moved_needlessly = 0;
  for (int64_t block = 0; block < 300; ++block) {
    auto a = before.Pick(block, {}, {});
    auto b = after.Pick(block, {}, {});
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    if (a->host != "w3" && a->host != b->host) ++moved_needlessly;
  }
  CHECK(moved_needlessly == 0);
}

TEST_CASE("no live worker is UNAVAILABLE with advice", "[client]") {
  WorkerPicker none([] { return std::vector<wire::WorkerInfo>{Worker("a", 1, "LOST")}; }, "a");
  auto w = none.Pick(1, {}, {});
  REQUIRE_FALSE(w.ok());
  CHECK(w.status().code() == StatusCode::kUnavailable);
  CHECK(std::string(w.status().message()).find("alluxio worker") != std::string::npos);
  WorkerPicker failing(
      [] { return Result<std::vector<wire::WorkerInfo>>(Status::Unavailable("master down")); },
      "a");
  CHECK(failing.Pick(1, {}, {}).status().code() == StatusCode::kUnavailable);
}

}  // namespace alluxio::client
