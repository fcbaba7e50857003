#include "server/worker/block_store.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include "tests/unit/temp_dir.h"

namespace alluxio::worker {
namespace {

namespace fs = std::filesystem;

using ::alluxio::testing::TempDir;

// Blocks of different files: Alluxio's block id is (container id << 24) | sequence.
int64_t BlockId(int64_t container, int64_t sequence = 0) { return (container << 24) | sequence; }

std::string Data(int64_t block_id, size_t size) {
  std::string data(size, '\0');
  for (size_t i = 0; i < size; ++i) data[i] = static_cast<char>('a' + (block_id * 7 + i) % 26);
  return data;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void WriteFile(const std::string& path, std::string_view data) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << data;
  REQUIRE(out.good());
}

struct TierDef {
  std::string alias;
  std::vector<int64_t> quotas;  // one dir per quota
};

// The environment a store needs; declared before the store so it outlives it.
struct Env {
  TempDir root;
  ManualClock clock;
  Logger logger{LogLevel::kError};
  MetricsRegistry metrics;

  BlockStoreOptions Options(const std::vector<TierDef>& tiers,
                            AnnotatorKind annotator = AnnotatorKind::kLru) const {
    BlockStoreOptions options;
    for (const TierDef& def : tiers) {
      TierSpec tier;
      tier.alias = def.alias;
      for (size_t i = 0; i < def.quotas.size(); ++i) {
        tier.dirs.push_back({DirPath(def.alias, i), def.quotas[i], def.alias});
      }
      options.tiers.push_back(std::move(tier));
    }
    options.annotator = annotator;
    options.lrfu_step_factor = 1.0;
    return options;
  }
  std::string DirPath(const std::string& alias, size_t i) const {
    return root.Sub(alias + std::to_string(i));
  }
  std::unique_ptr<BlockStore> Open(BlockStoreOptions options) {
    auto store = BlockStore::Open(std::move(options), &clock, &logger, &metrics);
    INFO(store.status().ToString());
    REQUIRE(store.ok());
    return *std::move(store);
  }
};

void Write(BlockStore& store, int64_t id, size_t size, int tier = 0) {
  auto writer = store.CreateBlock(id, static_cast<int64_t>(size), tier);
  INFO("create " << id << ": " << writer.status().ToString());
  REQUIRE(writer.ok());
  Status appended = (*writer)->Append(Data(id, size));
  INFO(appended.ToString());
  REQUIRE(appended.ok());
  Status committed = (*writer)->Commit();
  INFO(committed.ToString());
  REQUIRE(committed.ok());
}

// A read that records an access and releases at once.
void Touch(BlockStore& store, int64_t id) {
  auto handle = store.LockBlock(id);
  INFO("lock " << id << ": " << handle.status().ToString());
  REQUIRE(handle.ok());
}

std::string TierOf(BlockStore& store, int64_t id) {
  auto handle = store.LockBlock(id);
  return handle.ok() ? handle->tier_alias() : "";
}

int64_t Used(const BlockStore& store, int tier = 0) { return store.Usage()[tier].used_bytes; }

std::vector<int64_t> Sorted(std::vector<int64_t> ids) {
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace

TEST_CASE("a committed block is readable and listed under its tier", "[block_store]") {
  Env env;
  auto store = env.Open(env.Options({{"MEM", {1000}}, {"SSD", {1000}}}));
  int64_t id = BlockId(1);
  auto writer = store->CreateBlock(id, 100);
  REQUIRE(writer.ok());
  CHECK((*writer)->tier_alias() == "MEM");
  CHECK(Used(*store) == 100);  // reserved before anything is written
  REQUIRE((*writer)->Append(Data(id, 30)).ok());
  REQUIRE((*writer)->Append(Data(id, 40).substr(30)).ok());
  CHECK((*writer)->bytes_written() == 40);
  CHECK_FALSE(store->HasBlock(id));  // not yet committed
  REQUIRE((*writer)->Commit().ok());
  CHECK((*writer)->Commit().code() == StatusCode::kFailedPrecondition);
  CHECK(Used(*store) == 40);  // the reservation shrinks to the length

  CHECK(store->HasBlock(id));
  auto handle = store->LockBlock(id);
  REQUIRE(handle.ok());
  CHECK(handle->block_id() == id);
  CHECK(handle->length() == 40);
  CHECK(handle->tier() == 0);
  CHECK(handle->tier_alias() == "MEM");
  CHECK(handle->path() == env.DirPath("MEM", 0) + "/" + std::to_string(id));
  CHECK(ReadFile(handle->path()) == Data(id, 30) + Data(id, 40).substr(30));

  auto all = store->AllBlocks();
  CHECK(all["MEM"] == std::vector<int64_t>{id});
  CHECK(all["SSD"].empty());
  auto usage = store->Usage();
  REQUIRE(usage.size() == 2);
  CHECK(usage[0].alias == "MEM");
  CHECK(usage[0].capacity_bytes == 1000);
  CHECK(usage[1].alias == "SSD");
  CHECK(usage[1].used_bytes == 0);
  CHECK(store->LockBlock(BlockId(9)).status().code() == StatusCode::kNotFound);
}

TEST_CASE("creating a committed or in-progress block returns ALREADY_EXISTS", "[block_store]") {
  Env env;
  auto store = env.Open(env.Options({{"MEM", {1000}}}));
  Write(*store, 1, 10);
  CHECK(store->CreateBlock(1, 10).status().code() == StatusCode::kAlreadyExists);
  auto writer = store->CreateBlock(2, 10);
  REQUIRE(writer.ok());
  auto again = store->CreateBlock(2, 10);
  CHECK(again.status().code() == StatusCode::kAlreadyExists);
  CHECK_THAT(std::string(again.status().message()), Catch::Contains("being written"));
  CHECK(store->CreateBlock(3, 10, /*tier=*/1).status().code() == StatusCode::kInvalidArgument);
  CHECK(store->CreateBlock(3, -1).status().code() == StatusCode::kInvalidArgument);
}

TEST_CASE("an aborted or dropped writer leaves no file and releases its space", "[block_store]") {
  Env env;
  auto store = env.Open(env.Options({{"MEM", {1000}}}));
  std::string tmp = env.DirPath("MEM", 0) + "/.tmp_blocks";
  {
    auto writer = store->CreateBlock(1, 200);
    REQUIRE(writer.ok());
    REQUIRE((*writer)->Append("abc").ok());
    CHECK(fs::exists(tmp + "/1"));
    CHECK(Used(*store) == 200);
    (*writer)->Abort();
    CHECK((*writer)->Append("x").code() == StatusCode::kFailedPrecondition);
  }
  CHECK_FALSE(fs::exists(tmp + "/1"));
  CHECK(Used(*store) == 0);
  { REQUIRE(store->CreateBlock(1, 300).ok()); }  // destroyed without Commit
  CHECK(Used(*store) == 0);
  CHECK_FALSE(store->HasBlock(1));
  CHECK(env.metrics.GetCounter("Worker.BlocksCancelled")->value() == 2);
  Write(*store, 1, 5);  // the id is free again
}

TEST_CASE("writing through the fd is accounted with Reserve and Advance", "[block_store]") {
  Env env;
  auto store = env.Open(env.Options({{"MEM", {100}}}));
  auto writer = store->CreateBlock(1, 0);
  REQUIRE(writer.ok());
  REQUIRE((*writer)->Reserve(60).ok());
  CHECK(Used(*store) == 60);
  REQUIRE(::write((*writer)->fd(), "0123456789", 10) == 10);
  REQUIRE((*writer)->Advance(10).ok());
  CHECK((*writer)->Reserve(91).code() == StatusCode::kResourceExhausted);
  REQUIRE((*writer)->Commit().ok());
  CHECK(Used(*store) == 10);

  // A length that does not match the file is refused rather than mis-accounted.
  auto bad = store->CreateBlock(2, 10);
  REQUIRE(bad.ok());
  REQUIRE(::write((*bad)->fd(), "abc", 3) == 3);
  CHECK((*bad)->Commit().code() == StatusCode::kInternal);
  CHECK_FALSE(store->HasBlock(2));
  CHECK(Used(*store) == 10);
}

TEST_CASE("a new block goes to the dir with the most free space", "[block_store]") {
  Env env;
  auto store = env.Open(env.Options({{"MEM", {100, 300, 200}}}));
  auto dir_of = [&](int64_t id) {
    auto handle = store->LockBlock(id);
    REQUIRE(handle.ok());
    return fs::path(handle->path()).parent_path().string();
  };
  Write(*store, 1, 150);  // free: 100, 300, 200 -> dir 1
  CHECK(dir_of(1) == env.DirPath("MEM", 1));
  Write(*store, 2, 100);  // free: 100, 150, 200 -> dir 2
  CHECK(dir_of(2) == env.DirPath("MEM", 2));
  Write(*store, 3, 120);  // free: 100, 150, 100 -> dir 1
  CHECK(dir_of(3) == env.DirPath("MEM", 1));
  Write(*store, 4, 100);  // free: 100, 30, 100 -> dir 0 (first of the ties)
  CHECK(dir_of(4) == env.DirPath("MEM", 0));
  CHECK(Used(*store) == 470);
}

TEST_CASE("a block goes to the first tier from the requested one that has room", "[block_store]") {
  Env env;
  auto store = env.Open(env.Options({{"MEM", {100}}, {"SSD", {100}}, {"HDD", {100}}}));
  Write(*store, 1, 80);
  Write(*store, 2, 80);  // MEM has only 20 free: SSD, without evicting
  CHECK(TierOf(*store, 1) == "MEM");
  CHECK(TierOf(*store, 2) == "SSD");
  Write(*store, 3, 10, /*tier=*/2);
  CHECK(TierOf(*store, 3) == "HDD");
  CHECK(env.metrics.GetCounter("Worker.BlocksEvicted")->value() == 0);
}

TEST_CASE("a full tier evicts the least recently used block", "[block_store]") {
  Env env;
  auto store = env.Open(env.Options({{"MEM", {300}}}));
  Write(*store, 1, 100);
  Write(*store, 2, 100);
  Write(*store, 3, 100);
  Touch(*store, 1);
  (void)store->TakeDeltas();
  Write(*store, 4, 100);
  CHECK_FALSE(store->HasBlock(2));
  CHECK(store->HasBlock(1));
  CHECK(store->HasBlock(3));
  CHECK(store->HasBlock(4));
  CHECK_FALSE(fs::exists(env.DirPath("MEM", 0) + "/2"));
  CHECK(Used(*store) == 300);
  auto deltas = store->TakeDeltas();
  CHECK(deltas.removed == std::vector<int64_t>{2});
  CHECK(deltas.added["MEM"] == std::vector<int64_t>{4});
  CHECK(env.metrics.GetCounter("Worker.BlocksEvicted")->value() == 1);

  // Evicting several small blocks for one big one, giving back what is not needed.
  Write(*store, 5, 150);  // the two coldest, 3 and 1, go
  CHECK(Sorted(store->AllBlocks()["MEM"]) == std::vector<int64_t>{4, 5});
  CHECK(Used(*store) == 250);
}

TEST_CASE("LFU evicts the least often read block, LRU the least recent", "[block_store]") {
  for (AnnotatorKind kind : {AnnotatorKind::kLru, AnnotatorKind::kLfu}) {
    Env env;
    auto store = env.Open(env.Options({{"MEM", {300}}}, kind));
    Write(*store, 1, 100);
    Write(*store, 2, 100);
    Write(*store, 3, 100);
    for (int i = 0; i < 3; ++i) Touch(*store, 1);
    for (int i = 0; i < 2; ++i) Touch(*store, 3);
    Touch(*store, 2);  // most recent, least frequent
    env.clock.AdvanceMs(1000);
    Write(*store, 4, 100);
    INFO(AnnotatorKindName(kind));
    if (kind == AnnotatorKind::kLfu) {
      CHECK_FALSE(store->HasBlock(2));
      CHECK(store->HasBlock(1));
    } else {
      CHECK_FALSE(store->HasBlock(1));
      CHECK(store->HasBlock(2));
    }
  }
}

TEST_CASE("LRFU forgets old reads as the clock advances", "[block_store]") {
  Env env;
  // step 1, attenuation 2: a read's weight halves every second.
  auto store = env.Open(env.Options({{"MEM", {200}}}, AnnotatorKind::kLrfu));
  Write(*store, 1, 100);
  for (int i = 0; i < 5; ++i) Touch(*store, 1);  // crf 6
  env.clock.AdvanceMs(10'000);                   // 6 / 1024 now
  Write(*store, 2, 100);                         // crf 1
  Write(*store, 3, 100);
  CHECK_FALSE(store->HasBlock(1));
  CHECK(store->HasBlock(2));
}

TEST_CASE("evicted blocks move down a tier, and leave the worker from the last one",
          "[block_store]") {
  Env env;
  auto store = env.Open(env.Options({{"MEM", {100}}, {"SSD", {100}}}));
  Write(*store, 1, 50);
  Write(*store, 2, 50);
  Write(*store, 3, 40);  // MEM full: SSD, 60 free
  CHECK(TierOf(*store, 3) == "SSD");
  (void)store->TakeDeltas();

  // 80 bytes in MEM: evict 1 and 2. Block 1 fits in SSD's free space; block 2 needs block 3
  // evicted from SSD, which has no lower tier and leaves.
  Write(*store, 4, 80);
  CHECK(TierOf(*store, 4) == "MEM");
  CHECK(TierOf(*store, 1) == "SSD");
  CHECK(TierOf(*store, 2) == "SSD");
  CHECK_FALSE(store->HasBlock(3));
  CHECK(fs::exists(env.DirPath("SSD", 0) + "/1"));
  CHECK_FALSE(fs::exists(env.DirPath("MEM", 0) + "/1"));
  CHECK_FALSE(fs::exists(env.DirPath("SSD", 0) + "/3"));
  {
    auto handle = store->LockBlock(2);
    REQUIRE(handle.ok());
    CHECK(ReadFile(handle->path()) == Data(2, 50));
  }
  CHECK(Used(*store, 0) == 80);
  CHECK(Used(*store, 1) == 100);

  auto deltas = store->TakeDeltas();
  CHECK(Sorted(deltas.added["SSD"]) == std::vector<int64_t>{1, 2});
  CHECK(deltas.added["MEM"] == std::vector<int64_t>{4});
  CHECK(deltas.removed == std::vector<int64_t>{3});
  CHECK(env.metrics.GetCounter("Worker.BlocksEvicted")->value() == 3);
}

TEST_CASE("eviction cascades through three tiers", "[block_store]") {
  Env env;
  auto store = env.Open(env.Options({{"MEM", {100}}, {"SSD", {100}}, {"HDD", {100}}}));
  Write(*store, 1, 100);
  Write(*store, 2, 100);
  Write(*store, 3, 100);
  Write(*store, 4, 100);  // everything full: 1 -> SSD, 2 -> HDD, 3 leaves
  CHECK(TierOf(*store, 4) == "MEM");
  CHECK(TierOf(*store, 1) == "SSD");
  CHECK(TierOf(*store, 2) == "HDD");
  CHECK_FALSE(store->HasBlock(3));
  for (int t = 0; t < 3; ++t) CHECK(Used(*store, t) == 100);
}

TEST_CASE("pinned blocks are never evicted", "[block_store]") {
  Env env;
  auto store = env.Open(env.Options({{"MEM", {300}}}));
  int64_t a = BlockId(1, 0), b = BlockId(2, 0), c = BlockId(2, 1);
  Write(*store, a, 100);
  Write(*store, b, 100);
  Write(*store, c, 100);
  store->SetPinnedFiles({wire::FileIdOfBlock(a)});
  Write(*store, BlockId(3), 100);  // a is the coldest but pinned: b goes
  CHECK(store->HasBlock(a));
  CHECK_FALSE(store->HasBlock(b));

  store->SetPinnedFiles(
      {wire::FileIdOfBlock(a), wire::FileIdOfBlock(c), wire::FileIdOfBlock(BlockId(3))});
  auto refused = store->CreateBlock(BlockId(4), 100);
  REQUIRE(refused.status().code() == StatusCode::kResourceExhausted);
  std::string message(refused.status().message());
  CHECK_THAT(message, Catch::Contains("100 bytes") && Catch::Contains("tier MEM") &&
                          Catch::Contains("pinned") && Catch::Contains("being read") &&
                          Catch::Contains("capacity 300 bytes, used 300 bytes"));
  CHECK(Used(*store) == 300);

  store->SetPinnedFiles({});
  Write(*store, BlockId(4), 100);
  CHECK_FALSE(store->HasBlock(a));
}

TEST_CASE("blocks with a live read handle are neither evicted nor moved", "[block_store]") {
  Env env;
  auto store = env.Open(env.Options({{"MEM", {200}}, {"SSD", {100}}}));
  Write(*store, 1, 100);
  Write(*store, 2, 100);
  auto h1 = store->LockBlock(1);
  auto h2 = store->LockBlock(2);
  REQUIRE(h1.ok());
  REQUIRE(h2.ok());
  CHECK(store->MoveBlock(1, 1).code() == StatusCode::kFailedPrecondition);
  Write(*store, 3, 100);                      // fits in SSD
  auto refused = store->CreateBlock(4, 150);  // nothing evictable in MEM, SSD too small
  REQUIRE(refused.status().code() == StatusCode::kResourceExhausted);
  CHECK_THAT(std::string(refused.status().message()), Catch::Contains("tiers MEM to SSD"));
  CHECK(store->HasBlock(1));
  CHECK(store->HasBlock(2));

  h1->Release();
  Write(*store, 4, 100);  // now 1 can go down; 3 leaves to make room for it
  CHECK(TierOf(*store, 1) == "SSD");
  CHECK(TierOf(*store, 2) == "MEM");
  CHECK_FALSE(store->HasBlock(3));
}

TEST_CASE("a block larger than any dir is refused with the sizes", "[block_store]") {
  Env env;
  auto store = env.Open(env.Options({{"MEM", {100, 100}}}));
  auto refused = store->CreateBlock(1, 150);
  REQUIRE(refused.status().code() == StatusCode::kResourceExhausted);
  CHECK_THAT(std::string(refused.status().message()),
             Catch::Contains("150 bytes") && Catch::Contains("largest dir 100 bytes"));
  CHECK(Used(*store) == 0);
}

TEST_CASE("Append past the reservation reserves more, evicting in the block's dir",
          "[block_store]") {
  Env env;
  auto store = env.Open(env.Options({{"MEM", {300}}}));
  Write(*store, 1, 100);
  Write(*store, 2, 100);
  auto writer = store->CreateBlock(3, 10);
  REQUIRE(writer.ok());
  REQUIRE((*writer)->Append(Data(3, 150)).ok());  // 160 reserved: evicts block 1
  CHECK((*writer)->bytes_reserved() == 150);
  CHECK_FALSE(store->HasBlock(1));
  CHECK(Used(*store) == 250);

  auto reader = store->LockBlock(2);
  REQUIRE(reader.ok());
  Status full = (*writer)->Append(Data(3, 200));  // would need block 2, which is being read
  CHECK(full.code() == StatusCode::kResourceExhausted);
  CHECK((*writer)->bytes_written() == 150);  // nothing written on failure
  REQUIRE((*writer)->Commit().ok());
  CHECK(Used(*store) == 250);
}

TEST_CASE("removing a block while it is read hides it and deletes it after the last reader",
          "[block_store]") {
  Env env;
  auto store = env.Open(env.Options({{"MEM", {1000}}}));
  Write(*store, 1, 100);
  auto r1 = store->LockBlock(1);
  auto r2 = store->LockBlock(1);
  REQUIRE(r1.ok());
  REQUIRE(r2.ok());
  std::string path = r1->path();
  (void)store->TakeDeltas();

  REQUIRE(store->RemoveBlock(1).ok());
  CHECK_FALSE(store->HasBlock(1));
  CHECK(store->LockBlock(1).status().code() == StatusCode::kNotFound);
  CHECK(store->RemoveBlock(1).code() == StatusCode::kNotFound);
  CHECK(store->AllBlocks()["MEM"].empty());
  CHECK(store->TakeDeltas().removed == std::vector<int64_t>{1});
  CHECK(store->CreateBlock(1, 10).status().code() == StatusCode::kAlreadyExists);
  CHECK(ReadFile(path) == Data(1, 100));  // readers still see the file
  CHECK(Used(*store) == 100);

  r1->Release();
  CHECK(fs::exists(path));
  BlockReadHandle moved = std::move(*r2);  // handles move; the lock goes with them
  CHECK(fs::exists(path));
  moved = BlockReadHandle();
  CHECK_FALSE(fs::exists(path));
  CHECK(Used(*store) == 0);
  Write(*store, 1, 10);

  CHECK(store->RemoveBlock(42).code() == StatusCode::kNotFound);
  REQUIRE(store->RemoveBlock(1).ok());
  CHECK(Used(*store) == 0);
  CHECK(env.metrics.GetCounter("Worker.BlocksRemoved")->value() == 2);
}

TEST_CASE("MoveBlock moves between tiers, evicting in the target", "[block_store]") {
  Env env;
  auto store = env.Open(env.Options({{"MEM", {100}}, {"SSD", {300}}}));
  Write(*store, 1, 100);
  Write(*store, 2, 100, /*tier=*/1);
  (void)store->TakeDeltas();

  REQUIRE(store->MoveBlock(2, 0).ok());  // promote: 1 is evicted down to SSD
  CHECK(TierOf(*store, 2) == "MEM");
  CHECK(TierOf(*store, 1) == "SSD");
  CHECK(ReadFile(env.DirPath("MEM", 0) + "/2") == Data(2, 100));
  CHECK_FALSE(fs::exists(env.DirPath("SSD", 0) + "/2"));
  CHECK(Used(*store, 0) == 100);
  CHECK(Used(*store, 1) == 100);
  auto deltas = store->TakeDeltas();
  CHECK(deltas.added["MEM"] == std::vector<int64_t>{2});
  CHECK(deltas.added["SSD"] == std::vector<int64_t>{1});
  CHECK(deltas.removed.empty());
  CHECK(env.metrics.GetCounter("Worker.BlocksPromoted")->value() == 1);

  REQUIRE(store->MoveBlock(2, 0).ok());  // already there
  CHECK(store->TakeDeltas().added.empty());
  CHECK(store->MoveBlock(99, 0).code() == StatusCode::kNotFound);
  CHECK(store->MoveBlock(2, 5).code() == StatusCode::kInvalidArgument);

  store->SetPinnedFiles({wire::FileIdOfBlock(2)});
  CHECK(store->MoveBlock(1, 0).code() == StatusCode::kResourceExhausted);
  CHECK(TierOf(*store, 1) == "SSD");
  CHECK(Used(*store, 0) == 100);
  CHECK(Used(*store, 1) == 100);
}

TEST_CASE("blocks move between file systems by copy, leaving no source or temp file",
          "[block_store]") {
  Env env;
  struct stat shm, tmp;
  bool two_file_systems = ::stat("/dev/shm", &shm) == 0 && ::access("/dev/shm", W_OK) == 0 &&
                          ::stat(fs::temp_directory_path().c_str(), &tmp) == 0 &&
                          shm.st_dev != tmp.st_dev;
  if (!two_file_systems) {
    WARN("/dev/shm is not a separate writable file system; moves across file systems untested");
    return;
  }
  TempDir mem_root("/dev/shm");
  BlockStoreOptions options = env.Options({{"MEM", {100}}, {"SSD", {1000}}});
  options.tiers[0].dirs[0].path = mem_root.Sub("mem");
  auto store = env.Open(options);
  Write(*store, 1, 100);
  Write(*store, 2, 100);                 // MEM is full: SSD
  REQUIRE(store->MoveBlock(2, 0).ok());  // 2 copied up to tmpfs, 1 copied down to disk
  CHECK(ReadFile(mem_root.Sub("mem") + "/2") == Data(2, 100));
  CHECK(ReadFile(env.DirPath("SSD", 0) + "/1") == Data(1, 100));
  CHECK_FALSE(fs::exists(mem_root.Sub("mem") + "/1"));
  CHECK_FALSE(fs::exists(env.DirPath("SSD", 0) + "/2"));
  CHECK(fs::is_empty(mem_root.Sub("mem") + "/.tmp_blocks"));
  CHECK(fs::is_empty(env.DirPath("SSD", 0) + "/.tmp_blocks"));
  CHECK(TierOf(*store, 1) == "SSD");
  CHECK(TierOf(*store, 2) == "MEM");
}

TEST_CASE("LockBlock without waiting never waits for a move and never sees a half-moved block",
          "[block_store]") {
  Env env;
  BlockStoreOptions options = env.Options({{"MEM", {4 << 20}}, {"SSD", {8 << 20}}});
  auto store = env.Open(options);
  Write(*store, 1, 4 << 20);
  {
    auto settled = store->LockBlock(1, /*wait_if_busy=*/false);
    REQUIRE(settled.ok());
    CHECK(settled->length() == 4 << 20);
  }
  CHECK(store->LockBlock(99, false).status().code() == StatusCode::kNotFound);

  // Moves back and forth while a reader asks without waiting: each answer is the whole block
  // or UNAVAILABLE (being moved), never a wait, NOT_FOUND or a short file.
  std::atomic<bool> done{false};
  std::thread mover([&] {
    // A move finding a live read handle is refused (FAILED_PRECONDITION); count the others.
    for (int moved = 0, tries = 0; moved < 20 && tries < 100'000; ++tries) {
      if (store->MoveBlock(1, moved % 2 == 0 ? 1 : 0).ok()) ++moved;
    }
    done = true;
  });
  int answers = 0;
  while (!done) {
    auto h = store->LockBlock(1, false);
    if (h.ok()) {
      CHECK(h->length() == 4 << 20);
      CHECK(fs::file_size(h->path()) == static_cast<uintmax_t>(4 << 20));
    } else {
      CHECK(h.status().code() == StatusCode::kUnavailable);
    }
    ++answers;
  }
  mover.join();
  CHECK(answers > 0);
}

TEST_CASE("Open rebuilds the index after a crash and deletes uncommitted blocks", "[block_store]") {
  Env env;
  BlockStoreOptions options = env.Options({{"MEM", {100}}, {"SSD", {1000}}});
  {
    auto store = env.Open(options);
    Write(*store, 1, 60);
    Write(*store, 2, 30, /*tier=*/1);
  }
  std::string mem = env.DirPath("MEM", 0);
  std::string ssd = env.DirPath("SSD", 0);
  // What a crash leaves: a half-written block, a block committed past the quota by hand, a copy
  // of a block in two tiers, and files that are not blocks.
  WriteFile(mem + "/.tmp_blocks/7", "partial");
  WriteFile(mem + "/3", std::string(70, 'x'));
  WriteFile(ssd + "/1", "stale copy");
  WriteFile(mem + "/notes.txt", "keep me");
  WriteFile(mem + "/12ab", "keep me too");

  auto store = env.Open(options);
  CHECK_FALSE(fs::exists(mem + "/.tmp_blocks/7"));
  CHECK(fs::exists(mem + "/.tmp_blocks"));
  CHECK_FALSE(fs::exists(ssd + "/1"));  // the higher tier's copy wins
  CHECK(fs::exists(mem + "/notes.txt"));
  CHECK(fs::exists(mem + "/12ab"));
  auto all = store->AllBlocks();
  CHECK(Sorted(all["MEM"]) == std::vector<int64_t>{1, 3});
  CHECK(all["SSD"] == std::vector<int64_t>{2});
  CHECK(Used(*store, 0) == 130);  // over the quota: kept
  CHECK(Used(*store, 1) == 30);
  auto h = store->LockBlock(1);
  REQUIRE(h.ok());
  CHECK(h->length() == 60);
  CHECK(ReadFile(h->path()) == Data(1, 60));
  h->Release();
  CHECK(store->TakeDeltas().added.empty());  // registration reports these, not heartbeats

  // Over quota, MEM makes room by evicting before taking more: 3 is now the coldest (1 was
  // just read) and moves down.
  REQUIRE(store->MoveBlock(2, 0).ok());
  CHECK(TierOf(*store, 2) == "MEM");
  CHECK(TierOf(*store, 3) == "SSD");
  CHECK(Used(*store, 0) == 90);
}

TEST_CASE("TakeDeltas hands out changes once; RestoreDeltas puts them back, newer first",
          "[block_store]") {
  Env env;
  auto store = env.Open(env.Options({{"MEM", {1000}}, {"SSD", {1000}}}));
  Write(*store, 1, 10);
  Write(*store, 2, 10, 1);
  Write(*store, 3, 10);
  REQUIRE(store->RemoveBlock(3).ok());  // added then removed: only the removal is reported
  auto first = store->TakeDeltas();
  CHECK(first.added["MEM"] == std::vector<int64_t>{1});
  CHECK(first.added["SSD"] == std::vector<int64_t>{2});
  CHECK(first.removed == std::vector<int64_t>{3});
  auto empty = store->TakeDeltas();
  CHECK(empty.added.empty());
  CHECK(empty.removed.empty());

  // The heartbeat failed; meanwhile block 2 was removed and block 3 written again.
  REQUIRE(store->RemoveBlock(2).ok());
  Write(*store, 3, 10);
  store->RestoreDeltas(first);
  auto merged = store->TakeDeltas();
  CHECK(Sorted(merged.added["MEM"]) == std::vector<int64_t>{1, 3});
  CHECK(merged.added["SSD"].empty());
  CHECK(merged.removed == std::vector<int64_t>{2});
}

TEST_CASE("Wipe deletes blocks and temporary files only", "[block_store]") {
  Env env;
  BlockStoreOptions options = env.Options({{"MEM", {1000}}, {"SSD", {1000}}});
  options.tiers[1].dirs.push_back({env.root.Sub("never-created"), 10, "SSD"});
  {
    auto store = env.Open(options);
    Write(*store, 1, 10);
    Write(*store, 2, 10, 1);
  }
  std::string mem = env.DirPath("MEM", 0);
  WriteFile(mem + "/.tmp_blocks/9", "partial");
  WriteFile(mem + "/README", "not a block");
  fs::remove_all(env.root.Sub("never-created"));
  REQUIRE(BlockStore::Wipe(options).ok());
  CHECK_FALSE(fs::exists(mem + "/1"));
  CHECK_FALSE(fs::exists(env.DirPath("SSD", 0) + "/2"));
  CHECK_FALSE(fs::exists(mem + "/.tmp_blocks"));
  CHECK(fs::exists(mem + "/README"));
  auto store = env.Open(options);
  CHECK(store->AllBlocks()["MEM"].empty());
  CHECK(Used(*store) == 0);
}

TEST_CASE("metrics report cached blocks and capacity", "[block_store]") {
  Env env;
  auto store = env.Open(env.Options({{"MEM", {1000}}}));
  Write(*store, 1, 10);
  std::string json = env.metrics.RenderJson();
  CHECK_THAT(json, Catch::Contains("Worker.BlocksCached") &&
                       Catch::Contains("Worker.CapacityTotal") &&
                       Catch::Contains("Worker.CapacityUsed"));
}

TEST_CASE("concurrent writers, readers and removers never over-commit a dir", "[block_store]") {
  Env env;
  constexpr int64_t kQuota = 256 * 1024;
  auto store = env.Open(env.Options({{"MEM", {kQuota}}}));
  std::string dir = env.DirPath("MEM", 0);
  constexpr int kWriters = 8;
  constexpr int kBlocksPerWriter = 40;
  std::atomic<bool> stop{false};
  std::atomic<int> failures{0};
  std::atomic<int> violations{0};
  std::atomic<int> bad_reads{0};

  auto size_of = [](int64_t id) { return static_cast<size_t>(1024 + (id * 997) % 7168); };
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      for (int i = 0; i < kBlocksPerWriter; ++i) {
        int64_t id = BlockId(w + 1, i);
        std::string data = Data(id, size_of(id));
        auto writer = store->CreateBlock(id, static_cast<int64_t>(data.size() / 2));
        if (!writer.ok()) {
          ++failures;
          continue;
        }
        // Two appends: the second grows the reservation.
        size_t half = data.size() / 2;
        if (!(*writer)->Append(std::string_view(data).substr(0, half)).ok() ||
            !(*writer)->Append(std::string_view(data).substr(half)).ok() ||
            !(*writer)->Commit().ok()) {
          ++failures;
        }
      }
    });
  }
  auto random_id = [](std::mt19937& rng) {
    return BlockId(1 + static_cast<int64_t>(rng() % kWriters),
                   static_cast<int64_t>(rng() % kBlocksPerWriter));
  };
  threads.emplace_back([&] {  // reader
    std::mt19937 rng(1);
    while (!stop) {
      int64_t id = random_id(rng);
      auto handle = store->LockBlock(id);
      if (handle.ok() && ReadFile(handle->path()) != Data(id, size_of(id))) ++bad_reads;
    }
  });
  threads.emplace_back([&] {  // remover
    std::mt19937 rng(2);
    while (!stop) {
      Status removed = store->RemoveBlock(random_id(rng));
      if (!removed.ok() && removed.code() != StatusCode::kNotFound) ++failures;
      std::this_thread::yield();
    }
  });
  // The accounting never exceeds the quota. (Bytes on disk are not sampled here: a directory
  // scan is not a snapshot, and could count a deleted block and the new one that took its
  // space. They are checked once everything has stopped.)
  threads.emplace_back([&] {
    while (!stop) {
      if (Used(*store) > kQuota) ++violations;
    }
  });
  for (int w = 0; w < kWriters; ++w) threads[w].join();
  stop = true;
  for (size_t t = kWriters; t < threads.size(); ++t) threads[t].join();

  CHECK(failures == 0);
  CHECK(violations == 0);
  CHECK(bad_reads == 0);
  int64_t total = 0;
  auto all = store->AllBlocks()["MEM"];
  CHECK_FALSE(all.empty());
  for (int64_t id : all) {
    auto handle = store->LockBlock(id);
    REQUIRE(handle.ok());
    CHECK(ReadFile(handle->path()) == Data(id, size_of(id)));
    total += handle->length();
  }
  CHECK(Used(*store) == total);
  CHECK(total <= kQuota);
  int64_t on_disk = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file()) on_disk += static_cast<int64_t>(entry.file_size());
  }
  CHECK(on_disk == total);
  CHECK(fs::is_empty(dir + "/.tmp_blocks"));
  CHECK(env.metrics.GetCounter("Worker.BlocksEvicted")->value() > 0);
}

}  // namespace alluxio::worker
