// What only the RocksDB store promises: persistence across restarts, the directory lock, and
// that an acknowledged Commit survives kill -9. The shared contract is in
// inode_store_contract_test.cc.
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include "lib/common/unique_fd.h"
#include "server/master/metastore/inode_store.h"
#include "tests/unit/master/metastore_test_util.h"

namespace alluxio::master {
namespace {

using testing::FileInode;
using testing::FullInode;
using testing::TempDir;

RocksInodeStoreOptions SmallOptions(const std::string& dir) {
  RocksInodeStoreOptions options;
  options.dir = dir;
  options.block_cache_bytes = 1 << 20;
  options.write_buffer_bytes = 1 << 20;
  return options;
}

std::unique_ptr<InodeStore> MustOpen(const std::string& dir) {
  Result<std::unique_ptr<InodeStore>> store = OpenRocksInodeStore(SmallOptions(dir));
  if (!store.ok()) FAIL(store.status().ToString());
  return std::move(store).value();
}

bool MentionsAnotherMaster(const Status& s) {
  return s.message().find(
             "Is another master running with the same "
             "alluxio.master.metastore.dir?") != std::string_view::npos;
}

std::string CrashName(uint64_t i) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "f%08llu", static_cast<unsigned long long>(i));
  return buf;
}

// The child of the kill -9 test: commits batch i (inode i+1, its edge under 0, meta
// "commits" = i+1) in a loop and reports i+1 on `fd` after each Commit returns. Never returns.
[[noreturn]] void CommitUntilKilled(const std::string& dir, int fd) {
  Result<std::unique_ptr<InodeStore>> store = OpenRocksInodeStore(SmallOptions(dir));
  if (!store.ok()) ::_exit(2);
  for (uint64_t i = 0;; ++i) {
    Inode inode = FileInode(static_cast<int64_t>(i + 1), 0, CrashName(i));
    inode.block_ids.assign(64, static_cast<int64_t>(i));  // some bulk per batch
    InodeWriteBatch batch;
    batch.PutInode(std::move(inode));
    batch.PutEdge(0, CrashName(i), static_cast<int64_t>(i + 1));
    batch.PutMeta("commits", std::to_string(i + 1));
    if (!(*store)->Commit(batch).ok()) ::_exit(3);
    const uint64_t acknowledged = i + 1;
    if (::write(fd, &acknowledged, sizeof(acknowledged)) != sizeof(acknowledged)) ::_exit(4);
  }
}

// Reads 8-byte counts from `fd` until `want` is reached, EOF, or the deadline. Returns the
// last complete count; `pending` carries a partial one across calls.
uint64_t ReadCounts(int fd, uint64_t want, std::chrono::milliseconds timeout, std::string& pending,
                    uint64_t last) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (last < want && std::chrono::steady_clock::now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    char buf[4096];
    ssize_t n = ::read(fd, buf, sizeof(buf));
    if (n <= 0) break;  // EOF: the child is gone
    pending.append(buf, static_cast<size_t>(n));
    while (pending.size() >= sizeof(uint64_t)) {
      std::memcpy(&last, pending.data(), sizeof(uint64_t));
      pending.erase(0, sizeof(uint64_t));
    }
  }
  return last;
}

}  // namespace

TEST_CASE("WhenDurable answers every waiter after a sync, sharing syncs, and on close",
          "[metastore]") {
  TempDir dir;
  auto store = MustOpen(dir.Sub("metastore"));
  // Nothing committed: answered at once, on this thread.
  bool immediate = false;
  store->WhenDurable([&](Status st) { immediate = st.ok(); });
  CHECK(immediate);

  // Many writers, each waiting for its own commit without a thread: all answered OK.
  std::mutex mu;
  std::condition_variable cv;
  int answered = 0, ok = 0;
  std::atomic<int> commit_failures{0};
  std::vector<std::thread> writers;
  for (int t = 0; t < 8; ++t) {
    writers.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        InodeWriteBatch batch;
        batch.PutInode(FileInode(1 + t * 100 + i, 0, "f" + std::to_string(t * 100 + i)));
        if (!store->Commit(batch).ok()) ++commit_failures;  // no Catch macros in threads
        store->WhenDurable([&](Status st) {
          std::lock_guard<std::mutex> lock(mu);
          ++answered;
          if (st.ok()) ++ok;
          cv.notify_all();
        });
      }
    });
  }
  for (auto& w : writers) w.join();
  CHECK(commit_failures == 0);
  {
    std::unique_lock<std::mutex> lock(mu);
    REQUIRE(cv.wait_for(lock, std::chrono::seconds(30), [&] { return answered == 400; }));
    CHECK(ok == 400);
  }
  // A blocking Sync still works alongside, and a waiter queued just before the store closes is
  // answered by the close.
  InodeWriteBatch last;
  last.PutInode(FileInode(9999, 0, "last"));
  REQUIRE(store->Commit(last).ok());
  CHECK(store->Sync().ok());
  REQUIRE(store->Commit(last).ok());
  bool closing = false;
  store->WhenDurable([&](Status st) { closing = st.ok(); });
  store.reset();
  CHECK(closing);
}

TEST_CASE("a rocks store keeps inodes, edges and meta across close and reopen", "[metastore]") {
  TempDir dir;
  const std::string path = dir.Sub("nested/metastore");  // parents are created too
  {
    std::unique_ptr<InodeStore> store = MustOpen(path);
    InodeWriteBatch batch;
    batch.PutInode(FullInode(1));
    batch.PutInode(FullInode(FileIdOfContainer(3)));
    batch.PutEdge(1, "child", FileIdOfContainer(3));
    batch.PutMeta("mount/1", "file:///tmp");
    REQUIRE(store->Commit(batch).ok());
    REQUIRE(store->Sync().ok());
  }
  std::unique_ptr<InodeStore> store = MustOpen(path);
  CHECK(store->GetInode(1)->value_or(Inode{}) == FullInode(1));
  CHECK(store->GetInode(FileIdOfContainer(3))->value_or(Inode{}) ==
        FullInode(FileIdOfContainer(3)));
  CHECK(store->GetChild(1, "child")->value_or(-1) == FileIdOfContainer(3));
  CHECK(store->GetMeta("mount/1")->value_or("") == "file:///tmp");
  CHECK(store->MaxInodeId().value_or(-1) == FileIdOfContainer(3));
  CHECK(store->ApproximateInodeCount() > 0);
}

TEST_CASE(
    "opening a rocks store that is already open fails with UNAVAILABLE naming another "
    "master",
    "[metastore]") {
  TempDir dir;
  std::unique_ptr<InodeStore> first = MustOpen(dir.path());
  Result<std::unique_ptr<InodeStore>> second = OpenRocksInodeStore(SmallOptions(dir.path()));
  REQUIRE_FALSE(second.ok());
  CHECK(second.status().code() == StatusCode::kUnavailable);
  CHECK(MentionsAnotherMaster(second.status()));
  CHECK(second.status().message().find(dir.path()) != std::string_view::npos);

  // Closing the first releases the lock.
  first.reset();
  CHECK(OpenRocksInodeStore(SmallOptions(dir.path())).ok());
}

TEST_CASE("opening a rocks store where a file blocks the directory fails with UNAVAILABLE",
          "[metastore]") {
  TempDir dir;
  std::ofstream(dir.Sub("file")) << "not a directory";
  Result<std::unique_ptr<InodeStore>> store = OpenRocksInodeStore(SmallOptions(dir.Sub("file")));
  REQUIRE_FALSE(store.ok());
  CHECK(store.status().code() == StatusCode::kUnavailable);
  CHECK_FALSE(MentionsAnotherMaster(store.status()));
  CHECK(OpenRocksInodeStore(SmallOptions("")).status().code() == StatusCode::kInvalidArgument);
}

TEST_CASE("destroying a rocks store deletes its data and a missing directory is fine",
          "[metastore]") {
  TempDir dir;
  const std::string path = dir.Sub("metastore");
  {
    std::unique_ptr<InodeStore> store = MustOpen(path);
    InodeWriteBatch batch;
    batch.PutInode(FileInode(1, 0, "a"));
    REQUIRE(store->Commit(batch).ok());
    // While open, the store cannot be destroyed.
    Status busy = DestroyRocksInodeStore(path);
    CHECK(busy.code() == StatusCode::kUnavailable);
  }
  CHECK(std::filesystem::exists(path));
  CHECK(DestroyRocksInodeStore(path).ok());
  CHECK_FALSE(std::filesystem::exists(path));
  CHECK(DestroyRocksInodeStore(path).ok());
  CHECK(DestroyRocksInodeStore(dir.Sub("never/was")).ok());

  std::unique_ptr<InodeStore> fresh = MustOpen(path);
  CHECK_FALSE(fresh->GetInode(1)->has_value());
  CHECK(fresh->MaxInodeId().value_or(-2) == -1);
}

TEST_CASE(
    "every commit acknowledged before kill -9 is present after reopen and the store is "
    "consistent",
    "[metastore]") {
  TempDir dir;
  const std::string path = dir.Sub("metastore");
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  UniqueFd read_end(fds[0]);
  UniqueFd write_end(fds[1]);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    read_end.Reset();
    CommitUntilKilled(path, write_end.get());
  }
  write_end.Reset();

  std::string pending;
  uint64_t acknowledged = ReadCounts(read_end.get(), 300, std::chrono::seconds(60), pending, 0);
  const bool child_running = acknowledged >= 300;
  if (child_running) {
    // While the child holds the store, a second master cannot open it.
    Result<std::unique_ptr<InodeStore>> second = OpenRocksInodeStore(SmallOptions(path));
    CHECK_FALSE(second.ok());
    CHECK(second.status().code() == StatusCode::kUnavailable);
    CHECK(MentionsAnotherMaster(second.status()));
    // Let it run on a little, so the kill lands at an arbitrary point of its loop.
    acknowledged = ReadCounts(read_end.get(), acknowledged + 200, std::chrono::seconds(10), pending,
                              acknowledged);
  }
  ::kill(pid, SIGKILL);
  int wait_status = 0;
  REQUIRE(::waitpid(pid, &wait_status, 0) == pid);
  REQUIRE(child_running);  // else the child failed early (see its exit code)
  CHECK(WIFSIGNALED(wait_status));
  acknowledged =
      ReadCounts(read_end.get(), UINT64_MAX, std::chrono::seconds(10), pending, acknowledged);
  INFO("acknowledged commits: " << acknowledged);

  std::unique_ptr<InodeStore> store = MustOpen(path);
  Result<std::vector<Edge>> edges = store->ListChildren(0, "", 0);
  REQUIRE(edges.ok());
  // Commits are sequential, so what survived is a prefix: every acknowledged batch, plus at
  // most the one in flight when the kill landed.
  const uint64_t present = edges->size();
  CHECK(present >= acknowledged);
  CHECK(present <= acknowledged + 1);
  for (uint64_t i = 0; i < present; ++i) {
    const Edge& e = (*edges)[i];
    REQUIRE(e.name == CrashName(i));
    REQUIRE(e.child_id == static_cast<int64_t>(i + 1));
    Result<std::optional<Inode>> inode = store->GetInode(e.child_id);
    REQUIRE(inode.ok());
    REQUIRE(inode->has_value());  // every edge points to an existing inode
    CHECK((*inode)->name == e.name);
    CHECK((*inode)->block_ids.size() == 64);
  }
  CHECK_FALSE(store->GetInode(static_cast<int64_t>(present + 1))->has_value());
  CHECK(store->MaxInodeId().value_or(-1) == static_cast<int64_t>(present));
  CHECK(store->GetMeta("commits")->value_or("0") == std::to_string(present));
}

}  // namespace alluxio::master
