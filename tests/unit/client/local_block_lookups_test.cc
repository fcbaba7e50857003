// LocalBlockLookups against a real block store behind the worker's real /local route (a lib/net
// server on an ephemeral port): a lookup is reused within its window, never for a file that
// changed identity, and asked afresh after the window.
#include "lib/client/local_block_lookups.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <memory>
#include <string>

#include "lib/common/clock.h"
#include "lib/common/logging.h"
#include "lib/common/metrics.h"
#include "lib/net/http_server.h"
#include "server/worker/block_store.h"
#include "server/worker/worker_http_service.h"
#include "tests/unit/temp_dir.h"

namespace alluxio::client {
namespace {

class LookupsFixture {
 public:
  LookupsFixture() {
    worker::BlockStoreOptions o;
    worker::TierSpec mem;
    mem.alias = "MEM";
    mem.dirs.push_back({dir_.Sub("mem"), 1 << 20, "MEM"});
    o.tiers.push_back(mem);
    auto store = worker::BlockStore::Open(o, &clock_, &logger_, &metrics_);
    INFO(store.status().ToString());
    REQUIRE(store.ok());
    store_ = std::move(store).value();
    net::Router router;
    worker::WorkerServices s;
    s.store = store_.get();
    s.logger = &logger_;
    s.metrics = &metrics_;
    worker::AddWorkerRoutes(router, s);
    net::HttpServerOptions so;
    so.bind_host = "127.0.0.1";
    so.threads = 2;
    server_ = std::make_unique<net::HttpServer>(so, std::move(router), &logger_);
    REQUIRE(server_->Start().ok());
  }
  ~LookupsFixture() {
    server_->Stop();
    store_.reset();
  }

  void Write(int64_t id, const std::string& data) {
    auto w = store_->CreateBlock(id, static_cast<int64_t>(data.size()), 0);
    REQUIRE(w.ok());
    REQUIRE((*w)->Append(data).ok());
    REQUIRE((*w)->Commit().ok());
  }
  wire::FileBlockInfo Block(int64_t id, int64_t length) const {
    wire::FileBlockInfo b;
    b.block_info.block_id = id;
    b.block_info.length = length;
    wire::BlockLocation loc;
    loc.worker_address = worker();
    b.block_info.locations.push_back(loc);
    return b;
  }
  wire::WorkerNetAddress worker() const {
    wire::WorkerNetAddress w;
    w.host = "127.0.0.1";
    w.rpc_port = server_->port();
    return w;
  }
  static std::string ReadAll(const UniqueFd& fd, size_t n) {
    std::string out(n, '\0');
    REQUIRE(::pread(fd.get(), out.data(), n, 0) == static_cast<ssize_t>(n));
    return out;
  }
  int64_t WorkerLookups() { return metrics_.GetCounter("Worker.BlocksReadLocal")->value(); }

  ManualClock clock_;
  Logger logger_{LogLevel::kError};
  MetricsRegistry metrics_;
  testing::TempDir dir_;
  std::unique_ptr<worker::BlockStore> store_;
  std::unique_ptr<net::HttpServer> server_;
  net::HttpClient http_;
};

}  // namespace

TEST_CASE_METHOD(LookupsFixture, "a lookup is reused within its window and redone after",
                 "[client][short_circuit]") {
  const int64_t id = (7 << 24);
  Write(id, "hello block");
  LocalBlockLookups lookups(&clock_, 1'000);
  UniqueFd fd = lookups.Open(http_, "127.0.0.1", worker(), Block(id, 11));
  REQUIRE(fd.valid());
  CHECK(ReadAll(fd, 11) == "hello block");
  CHECK(WorkerLookups() == 1);
  CHECK(lookups.reused() == 0);

  fd = lookups.Open(http_, "127.0.0.1", worker(), Block(id, 11));
  REQUIRE(fd.valid());
  CHECK(ReadAll(fd, 11) == "hello block");
  CHECK(WorkerLookups() == 1);  // no round trip to the worker
  CHECK(lookups.reused() == 1);

  clock_.AdvanceMs(1'000);
  fd = lookups.Open(http_, "127.0.0.1", worker(), Block(id, 11));
  REQUIRE(fd.valid());
  CHECK(WorkerLookups() == 2);  // the worker sees the access again
}

TEST_CASE_METHOD(LookupsFixture, "a block removed or cached again is looked up afresh",
                 "[client][short_circuit]") {
  const int64_t id = (8 << 24);
  Write(id, "first copy!");
  LocalBlockLookups lookups(&clock_, 60'000);
  // Held open, the first file keeps its inode number from being handed to the next one.
  UniqueFd first = lookups.Open(http_, "127.0.0.1", worker(), Block(id, 11));
  REQUIRE(first.valid());

  // The same block id cached again: a new file (another inode) at the same path.
  REQUIRE(store_->RemoveBlock(id).ok());
  Write(id, "second copy");
  UniqueFd fd = lookups.Open(http_, "127.0.0.1", worker(), Block(id, 11));
  REQUIRE(fd.valid());
  CHECK(ReadAll(fd, 11) == "second copy");
  CHECK(WorkerLookups() == 2);

  // Gone from the worker: nothing to open, and nothing stale comes back.
  REQUIRE(store_->RemoveBlock(id).ok());
  CHECK_FALSE(lookups.Open(http_, "127.0.0.1", worker(), Block(id, 11)).valid());
  CHECK(lookups.size() == 0);

  // A block whose expected length differs from the file's is refused too.
  Write(id, "third copy!");
  REQUIRE(lookups.Open(http_, "127.0.0.1", worker(), Block(id, 11)).valid());
  CHECK_FALSE(lookups.Open(http_, "127.0.0.1", worker(), Block(id, 12)).valid());
}

TEST_CASE_METHOD(LookupsFixture, "OpenRemembered opens only what a lookup left, never asking",
                 "[client][short_circuit]") {
  const int64_t id = (9 << 24);
  Write(id, "remembered!");
  LocalBlockLookups lookups(&clock_, 1'000);
  CHECK_FALSE(lookups.OpenRemembered(worker(), Block(id, 11)).valid());
  CHECK(WorkerLookups() == 0);
  REQUIRE(lookups.Open(http_, "127.0.0.1", worker(), Block(id, 11)).valid());
  UniqueFd fd = lookups.OpenRemembered(worker(), Block(id, 11));
  REQUIRE(fd.valid());
  CHECK(ReadAll(fd, 11) == "remembered!");
  CHECK(WorkerLookups() == 1);
  CHECK(lookups.reused() == 1);
  // The wrong length, a removed block and an expired lookup all give nothing.
  CHECK_FALSE(lookups.OpenRemembered(worker(), Block(id, 12)).valid());
  REQUIRE(lookups.Open(http_, "127.0.0.1", worker(), Block(id, 11)).valid());
  clock_.AdvanceMs(1'000);
  CHECK_FALSE(lookups.OpenRemembered(worker(), Block(id, 11)).valid());
  REQUIRE(lookups.Open(http_, "127.0.0.1", worker(), Block(id, 11)).valid());
  REQUIRE(store_->RemoveBlock(id).ok());
  CHECK_FALSE(lookups.OpenRemembered(worker(), Block(id, 11)).valid());
  CHECK(WorkerLookups() == 3);
}

}  // namespace alluxio::client
