#include "server/master/block_master.h"

#include <catch2/catch.hpp>

namespace alluxio::master {
namespace {

wire::RegisterWorkerRequest Registration(const std::string& host, int port,
                                         std::vector<int64_t> mem_blocks = {}) {
  wire::RegisterWorkerRequest r;
  r.address.host = host;
  r.address.rpc_port = port;
  r.address.data_port = port;
  r.address.web_port = port + 1;
  r.tiers = {{"MEM", 1000, 100}, {"SSD", 5000, 0}};
  r.blocks["MEM"] = std::move(mem_blocks);
  return r;
}

struct Fixture {
  ManualClock clock;
  Logger logger{LogLevel::kError};
  MetricsRegistry metrics;
  BlockMaster blocks{&clock, &logger, &metrics, /*worker_timeout_ms=*/5000};
};

}  // namespace

TEST_CASE("a registered worker's blocks have locations with its address and tier", "[master]") {
  Fixture f;
  int64_t id = f.blocks.RegisterWorker(Registration("w1", 29999, {10, 11}));
  auto locs = f.blocks.GetLocations(10);
  REQUIRE(locs.size() == 1);
  CHECK(locs[0].worker_id == id);
  CHECK(locs[0].worker_address.host == "w1");
  CHECK(locs[0].tier_alias == "MEM");
  CHECK(f.blocks.GetLocations(12).empty());
  auto cap = f.blocks.Capacity();
  REQUIRE(cap.size() == 2);
  CHECK(cap[0].alias == "MEM");
  CHECK(cap[0].capacity_bytes == 1000);
}

TEST_CASE("the same address keeps its worker id across registrations", "[master]") {
  Fixture f;
  int64_t a = f.blocks.RegisterWorker(Registration("w1", 29999));
  int64_t b = f.blocks.RegisterWorker(Registration("w2", 29999));
  CHECK(a != b);
  CHECK(f.blocks.RegisterWorker(Registration("w1", 29999, {7})) == a);
  CHECK(f.blocks.GetLocations(7).size() == 1);
}

TEST_CASE("heartbeats add and remove block locations", "[master]") {
  Fixture f;
  int64_t id = f.blocks.RegisterWorker(Registration("w1", 29999, {1}));
  wire::HeartbeatRequest hb;
  hb.worker_id = id;
  hb.added_blocks["SSD"] = {2};
  hb.removed_blocks = {1};
  auto reply = f.blocks.Heartbeat(hb);
  CHECK(reply.command == wire::WorkerCommandType::kNothing);
  CHECK(f.blocks.GetLocations(1).empty());
  REQUIRE(f.blocks.GetLocations(2).size() == 1);
  CHECK(f.blocks.GetLocations(2)[0].tier_alias == "SSD");
}

TEST_CASE("freed blocks reach the holding worker in its next heartbeat reply", "[master]") {
  Fixture f;
  int64_t w1 = f.blocks.RegisterWorker(Registration("w1", 29999, {5, 6}));
  int64_t w2 = f.blocks.RegisterWorker(Registration("w2", 29999, {6}));
  f.blocks.FreeBlocks({6, 99});
  wire::HeartbeatRequest hb;
  hb.worker_id = w1;
  auto r1 = f.blocks.Heartbeat(hb);
  CHECK(r1.command == wire::WorkerCommandType::kFree);
  CHECK(r1.free_blocks == std::vector<int64_t>{6});
  CHECK(f.blocks.Heartbeat(hb).command == wire::WorkerCommandType::kNothing);  // sent once
  hb.worker_id = w2;
  CHECK(f.blocks.Heartbeat(hb).free_blocks == std::vector<int64_t>{6});
  // The location stays until the worker reports the removal.
  CHECK(f.blocks.GetLocations(6).size() == 2);
}

TEST_CASE("a worker silent past the timeout is lost and its locations dropped", "[master]") {
  Fixture f;
  int64_t id = f.blocks.RegisterWorker(Registration("w1", 29999, {3}));
  f.clock.AdvanceMs(4000);
  CHECK(f.blocks.DetectLostWorkers() == 0);
  f.clock.AdvanceMs(2000);
  CHECK(f.blocks.DetectLostWorkers() == 1);
  CHECK(f.blocks.GetLocations(3).empty());
  auto workers = f.blocks.Workers();
  REQUIRE(workers.size() == 1);
  CHECK(workers[0].state == "LOST");
  CHECK(f.blocks.Workers(false).empty());
  // Its next heartbeat is told to register again; registering brings it back.
  wire::HeartbeatRequest hb;
  hb.worker_id = id;
  CHECK(f.blocks.Heartbeat(hb).command == wire::WorkerCommandType::kRegister);
  CHECK(f.blocks.RegisterWorker(Registration("w1", 29999, {3})) == id);
  CHECK(f.blocks.Workers(false).size() == 1);
  CHECK(f.blocks.GetLocations(3).size() == 1);
}

TEST_CASE("an unknown worker id is asked to register", "[master]") {
  Fixture f;
  wire::HeartbeatRequest hb;
  hb.worker_id = 42;
  CHECK(f.blocks.Heartbeat(hb).command == wire::WorkerCommandType::kRegister);
}

}  // namespace alluxio::master
