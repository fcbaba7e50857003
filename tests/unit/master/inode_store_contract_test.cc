// The InodeStore contract, run against every implementation: heap, RocksDB, and the caching
// wrapper over each with a capacity of 2, so that nearly every test also exercises eviction.
#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "server/master/metastore/inode_store.h"
#include "tests/unit/master/metastore_test_util.h"

namespace alluxio::master {
namespace {

using testing::FileInode;
using testing::FullInode;
using testing::TempDir;

constexpr size_t kTinyCache = 2;

// The implementations under test, one type each for TEMPLATE_TEST_CASE.
struct Heap {
  static constexpr bool kExactCount = true;
  static std::unique_ptr<InodeStore> Make(const std::string&) { return NewHeapInodeStore(); }
};
struct Rocks {
  static constexpr bool kExactCount = false;
  static std::unique_ptr<InodeStore> Make(const std::string& dir) {
    RocksInodeStoreOptions options;
    options.dir = dir;
    options.block_cache_bytes = 1 << 20;
    options.write_buffer_bytes = 1 << 20;
    Result<std::unique_ptr<InodeStore>> store = OpenRocksInodeStore(options);
    if (!store.ok()) FAIL(store.status().ToString());
    return std::move(store).value();
  }
};
struct CachingHeap {
  static constexpr bool kExactCount = true;
  static std::unique_ptr<InodeStore> Make(const std::string& dir) {
    return NewCachingInodeStore(Heap::Make(dir), kTinyCache);
  }
};
struct CachingRocks {
  static constexpr bool kExactCount = false;
  static std::unique_ptr<InodeStore> Make(const std::string& dir) {
    return NewCachingInodeStore(Rocks::Make(dir), kTinyCache);
  }
};

// A store of kind T in its own temporary directory; both go away at the end of the test.
template <typename T>
class TestStore {
 public:
  TestStore() : store_(T::Make(dir_.Sub("metastore"))) {}
  InodeStore* operator->() { return store_.get(); }
  InodeStore& operator*() { return *store_; }

 private:
  TempDir dir_;
  std::unique_ptr<InodeStore> store_;  // destroyed before dir_
};

void MustCommit(InodeStore& store, const InodeWriteBatch& batch) {
  Status s = store.Commit(batch);
  if (!s.ok()) FAIL(s.ToString());
}

std::optional<Inode> MustGetInode(InodeStore& store, int64_t id) {
  Result<std::optional<Inode>> r = store.GetInode(id);
  if (!r.ok()) FAIL(r.status().ToString());
  return *r;
}

std::optional<int64_t> MustGetChild(InodeStore& store, int64_t parent, std::string_view name) {
  Result<std::optional<int64_t>> r = store.GetChild(parent, name);
  if (!r.ok()) FAIL(r.status().ToString());
  return *r;
}

std::vector<std::string> ListNames(InodeStore& store, int64_t parent, std::string_view after = "",
                                   size_t limit = 0) {
  Result<std::vector<Edge>> r = store.ListChildren(parent, after, limit);
  if (!r.ok()) FAIL(r.status().ToString());
  std::vector<std::string> names;
  for (const Edge& e : *r) {
    CHECK(e.parent_id == parent);
    names.push_back(e.name);
  }
  return names;
}

std::vector<std::pair<std::string, std::string>> ScanAll(InodeStore& store,
                                                         std::string_view prefix) {
  std::vector<std::pair<std::string, std::string>> out;
  Status s = store.ScanMeta(prefix, [&](std::string_view k, std::string_view v) {
    out.emplace_back(k, v);
    return true;
  });
  if (!s.ok()) FAIL(s.ToString());
  return out;
}

// Names whose byte order differs from what a careless comparison (signed chars, C strings,
// '/' as a separator, prefix handling) would give. Listed in the order a store must return.
std::vector<std::string> TrickyNamesInOrder() {
  return {"A", "a", std::string("a\0b", 3), "a/b", "ab", "b", "b\x7f", "\x80", "\xff", "\xff\xff"};
}

// Failures seen by worker threads, reported by the main thread (Catch2 assertions are not
// thread-safe).
class ThreadFailures {
 public:
  void Add(std::string what) {
    std::lock_guard lock(mutex_);
    if (failures_.size() < 10) failures_.push_back(std::move(what));
    ++count_;
  }
  void Report() {
    std::lock_guard lock(mutex_);
    for (const std::string& f : failures_) UNSCOPED_INFO(f);
    CHECK(count_ == 0);
  }

 private:
  std::mutex mutex_;
  std::vector<std::string> failures_;
  int count_ = 0;
};

}  // namespace

#define STORE_TEST(name) \
  TEMPLATE_TEST_CASE(name, "[metastore]", Heap, Rocks, CachingHeap, CachingRocks)

STORE_TEST("a missing inode reads as nullopt and a put inode reads back with every field") {
  TestStore<TestType> store;
  CHECK_FALSE(MustGetInode(*store, 1).has_value());
  CHECK_FALSE(MustGetInode(*store, -1).has_value());

  InodeWriteBatch batch;
  for (int64_t id : {1, 2, 3}) batch.PutInode(FullInode(id));
  MustCommit(*store, batch);
  for (int round = 0; round < 2; ++round) {  // the second round reads through the cache
    for (int64_t id : {1, 2, 3}) {
      std::optional<Inode> got = MustGetInode(*store, id);
      REQUIRE(got.has_value());
      CHECK(*got == FullInode(id));
    }
  }

  // Overwriting a cached inode shows the new version at once.
  Inode changed = FullInode(3);
  changed.length = 1;
  changed.xattr.clear();
  InodeWriteBatch update;
  update.PutInode(changed);
  MustCommit(*store, update);
  CHECK(MustGetInode(*store, 3) == changed);
  CHECK(MustGetInode(*store, 1) == FullInode(1));
}

STORE_TEST("a deleted inode reads as nullopt and deleting a missing one is not an error") {
  TestStore<TestType> store;
  InodeWriteBatch put;
  put.PutInode(FileInode(10, 0, "a"));
  put.PutInode(FileInode(11, 0, "b"));
  MustCommit(*store, put);
  REQUIRE(MustGetInode(*store, 10).has_value());  // now cached

  InodeWriteBatch del;
  del.DeleteInode(10);
  del.DeleteInode(12345);
  MustCommit(*store, del);
  CHECK_FALSE(MustGetInode(*store, 10).has_value());
  CHECK(MustGetInode(*store, 11) == FileInode(11, 0, "b"));
}

STORE_TEST("an edge maps a parent and a name to its child until it is deleted or replaced") {
  TestStore<TestType> store;
  CHECK_FALSE(MustGetChild(*store, 1, "x").has_value());  // an absent name, maybe cached

  InodeWriteBatch put;
  put.PutEdge(1, "x", 100);
  put.PutEdge(1, "y", 101);
  put.PutEdge(2, "x", 200);
  MustCommit(*store, put);
  CHECK(MustGetChild(*store, 1, "x") == 100);
  CHECK(MustGetChild(*store, 1, "y") == 101);
  CHECK(MustGetChild(*store, 2, "x") == 200);
  CHECK_FALSE(MustGetChild(*store, 1, "z").has_value());
  CHECK_FALSE(MustGetChild(*store, 1, "").has_value());
  CHECK_FALSE(MustGetChild(*store, -1, "x").has_value());

  InodeWriteBatch change;
  change.PutEdge(1, "x", 102);  // a rename onto an existing name points it elsewhere
  change.DeleteEdge(1, "y");
  change.DeleteEdge(3, "never");
  MustCommit(*store, change);
  CHECK(MustGetChild(*store, 1, "x") == 102);
  CHECK_FALSE(MustGetChild(*store, 1, "y").has_value());
  CHECK(MustGetChild(*store, 2, "x") == 200);
  CHECK(ListNames(*store, 1) == std::vector<std::string>{"x"});
}

STORE_TEST("children are listed in unsigned byte order of their names") {
  TestStore<TestType> store;
  std::vector<std::string> names = TrickyNamesInOrder();
  std::vector<std::string> shuffled = names;
  std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(7));
  InodeWriteBatch batch;
  int64_t child = 100;
  std::map<std::string, int64_t> ids;
  for (const std::string& name : shuffled) {
    ids[name] = child;
    batch.PutEdge(5, name, child++);
  }
  MustCommit(*store, batch);

  Result<std::vector<Edge>> listed = store->ListChildren(5, "", 0);
  REQUIRE(listed.ok());
  REQUIRE(listed->size() == names.size());
  for (size_t i = 0; i < names.size(); ++i) {
    CHECK((*listed)[i] == Edge{5, names[i], ids[names[i]]});
    CHECK(MustGetChild(*store, 5, names[i]) == ids[names[i]]);
  }
  CHECK_FALSE(MustGetChild(*store, 5, std::string("a\0", 2)).has_value());
  CHECK(ListNames(*store, 6).empty());
}

STORE_TEST("listing children starts after start_after and stops at limit") {
  TestStore<TestType> store;
  const std::vector<std::string> names = TrickyNamesInOrder();
  InodeWriteBatch batch;
  for (size_t i = 0; i < names.size(); ++i) batch.PutEdge(5, names[i], 100 + i);
  MustCommit(*store, batch);

  auto tail = [&](size_t from) {
    return std::vector<std::string>(names.begin() + from, names.end());
  };
  CHECK(ListNames(*store, 5, "", 0) == names);
  CHECK(ListNames(*store, 5, "a") == tail(2));  // "a\0b" sorts right after "a"
  CHECK(ListNames(*store, 5, std::string("a\0", 2)) == tail(2));
  CHECK(ListNames(*store, 5, std::string("a\0b", 3)) == tail(3));
  CHECK(ListNames(*store, 5, "aa") == tail(4));  // not a child: starts at the next one
  CHECK(ListNames(*store, 5, "\x7f") == tail(7));
  CHECK(ListNames(*store, 5, "\xff") == tail(9));
  CHECK(ListNames(*store, 5, "\xff\xff").empty());
  CHECK(ListNames(*store, 5, "", 3) == std::vector<std::string>(names.begin(), names.begin() + 3));
  CHECK(ListNames(*store, 5, "ab", 2) == std::vector<std::string>{"b", "b\x7f"});
  CHECK(ListNames(*store, 5, "", names.size() + 5) == names);
}

STORE_TEST("paging through a large directory returns every child once in order") {
  TestStore<TestType> store;
  constexpr int kChildren = 2500;
  InodeWriteBatch batch;
  std::vector<std::string> expected;
  for (int i = 0; i < kChildren; ++i) {
    std::string name = "file-" + std::to_string(i);
    expected.push_back(name);
    batch.PutEdge(9, name, 1000 + i);
  }
  MustCommit(*store, batch);
  std::sort(expected.begin(), expected.end());

  std::vector<std::string> seen;
  std::string after;
  for (;;) {
    std::vector<std::string> page = ListNames(*store, 9, after, 1000);
    if (page.empty()) break;
    CHECK(page.size() <= 1000);
    seen.insert(seen.end(), page.begin(), page.end());
    after = page.back();
  }
  CHECK(seen == expected);
}

STORE_TEST("children of neighbouring parents never mix") {
  TestStore<TestType> store;
  const std::vector<int64_t> parents = {0,
                                        1,
                                        2,
                                        255,
                                        256,
                                        65535,
                                        65536,
                                        std::numeric_limits<int64_t>::max() - 1,
                                        std::numeric_limits<int64_t>::max()};
  InodeWriteBatch batch;
  for (int64_t p : parents) {
    batch.PutEdge(p, "child", p);
    batch.PutEdge(p, "\xff", p);
  }
  MustCommit(*store, batch);
  for (int64_t p : parents) {
    INFO("parent " << p);
    Result<std::vector<Edge>> r = store->ListChildren(p, "", 0);
    REQUIRE(r.ok());
    CHECK(*r == std::vector<Edge>{{p, "child", p}, {p, "\xff", p}});
  }
  CHECK(ListNames(*store, 3).empty());
  CHECK(ListNames(*store, -1).empty());
}

STORE_TEST("meta values read back and a scan visits exactly the keys with its prefix in order") {
  TestStore<TestType> store;
  const std::vector<std::string> keys = {"m",      "mount", "mount/", "mount/a",  "mount/b",
                                         "mounts", "ttl/1", "\xff",   "\xff\x01", "\xff\xff"};
  InodeWriteBatch batch;
  for (const std::string& k : keys) batch.PutMeta(k, "v:" + k);
  batch.PutMeta("binary", std::string("\0\xff", 2));
  MustCommit(*store, batch);

  CHECK(store->GetMeta("mount/a")->value_or("") == "v:mount/a");
  CHECK(store->GetMeta("binary")->value_or("") == std::string("\0\xff", 2));
  CHECK_FALSE(store->GetMeta("mount/c")->has_value());

  using KVs = std::vector<std::pair<std::string, std::string>>;
  CHECK(ScanAll(*store, "mount/") ==
        KVs{{"mount/", "v:mount/"}, {"mount/a", "v:mount/a"}, {"mount/b", "v:mount/b"}});
  CHECK(ScanAll(*store, "\xff") ==
        KVs{{"\xff", "v:\xff"}, {"\xff\x01", "v:\xff\x01"}, {"\xff\xff", "v:\xff\xff"}});
  CHECK(ScanAll(*store, "\xff\xff") == KVs{{"\xff\xff", "v:\xff\xff"}});
  CHECK(ScanAll(*store, "nothing").empty());
  KVs all = ScanAll(*store, "");
  REQUIRE(all.size() == keys.size() + 1);
  CHECK(std::is_sorted(all.begin(), all.end()));

  std::vector<std::string> visited;
  Status s = store->ScanMeta("mount", [&](std::string_view k, std::string_view) {
    visited.emplace_back(k);
    return visited.size() < 2;
  });
  CHECK(s.ok());
  CHECK(visited == std::vector<std::string>{"mount", "mount/"});

  InodeWriteBatch del;
  del.DeleteMeta("mount/a");
  MustCommit(*store, del);
  CHECK_FALSE(store->GetMeta("mount/a")->has_value());
  CHECK(ScanAll(*store, "mount/").size() == 2);
}

STORE_TEST("a meta scan callback may commit to the same store") {
  TestStore<TestType> store;
  InodeWriteBatch batch;
  batch.PutMeta("queue/1", "a");
  batch.PutMeta("queue/2", "b");
  MustCommit(*store, batch);

  int visited = 0;
  Status s = store->ScanMeta("queue/", [&](std::string_view key, std::string_view) {
    ++visited;
    InodeWriteBatch done;
    done.DeleteMeta(std::string(key));
    return store->Commit(done).ok();
  });
  CHECK(s.ok());
  CHECK(visited == 2);
  CHECK(ScanAll(*store, "queue/").empty());
}

STORE_TEST("within one batch later ops on the same key win") {
  TestStore<TestType> store;
  // Prime the caches with the keys the batch will touch.
  InodeWriteBatch before;
  before.PutInode(FileInode(5, 1, "old"));
  before.PutEdge(1, "x", 4);
  MustCommit(*store, before);
  REQUIRE(MustGetInode(*store, 5).has_value());
  REQUIRE(MustGetChild(*store, 1, "x") == 4);
  REQUIRE_FALSE(MustGetChild(*store, 1, "y").has_value());

  InodeWriteBatch batch;
  batch.PutInode(FileInode(5, 1, "v1"));
  batch.DeleteInode(5);
  batch.PutInode(FileInode(6, 1, "v1"));
  batch.PutInode(FileInode(6, 1, "v2"));
  batch.DeleteInode(7);
  batch.PutInode(FileInode(7, 1, "v1"));
  batch.PutEdge(1, "x", 5);
  batch.DeleteEdge(1, "x");
  batch.PutEdge(1, "y", 6);
  batch.PutEdge(1, "y", 7);
  batch.PutMeta("k", "a");
  batch.PutMeta("k", "b");
  batch.PutMeta("j", "a");
  batch.DeleteMeta("j");
  MustCommit(*store, batch);

  CHECK_FALSE(MustGetInode(*store, 5).has_value());
  CHECK(MustGetInode(*store, 6) == FileInode(6, 1, "v2"));
  CHECK(MustGetInode(*store, 7) == FileInode(7, 1, "v1"));
  CHECK_FALSE(MustGetChild(*store, 1, "x").has_value());
  CHECK(MustGetChild(*store, 1, "y") == 7);
  CHECK(store->GetMeta("k")->value_or("") == "b");
  CHECK_FALSE(store->GetMeta("j")->has_value());
}

STORE_TEST("a batch naming a negative id is rejected with INVALID_ARGUMENT and applies nothing") {
  TestStore<TestType> store;
  InodeWriteBatch batch;
  batch.PutInode(FileInode(1, 0, "a"));
  batch.PutMeta("k", "v");
  batch.PutEdge(0, "a", -3);
  Status s = store->Commit(batch);
  CHECK(s.code() == StatusCode::kInvalidArgument);
  CHECK_FALSE(MustGetInode(*store, 1).has_value());
  CHECK_FALSE(store->GetMeta("k")->has_value());

  InodeWriteBatch bad_inode;
  bad_inode.PutInode(FileInode(-2, 0, "b"));
  CHECK(store->Commit(bad_inode).code() == StatusCode::kInvalidArgument);
  CHECK(store->MaxInodeId().value_or(-2) == -1);
}

STORE_TEST("an empty batch commits and a sync with nothing to sync succeeds") {
  TestStore<TestType> store;
  CHECK(store->Sync().ok());
  CHECK(store->Commit(InodeWriteBatch()).ok());
  CHECK(store->Sync().ok());
  CHECK(store->MaxInodeId().value_or(-2) == -1);
}

STORE_TEST("the largest inode id is -1 when empty and follows puts and deletes") {
  TestStore<TestType> store;
  CHECK(store->MaxInodeId().value_or(-2) == -1);
  const int64_t big = FileIdOfContainer(int64_t{1} << 30);
  InodeWriteBatch batch;
  for (int64_t id : {int64_t{3}, int64_t{0}, big, int64_t{256}, int64_t{255}}) {
    batch.PutInode(FileInode(id, 0, "n"));
  }
  MustCommit(*store, batch);
  CHECK(store->MaxInodeId().value_or(-2) == big);

  InodeWriteBatch del;
  del.DeleteInode(big);
  MustCommit(*store, del);
  CHECK(store->MaxInodeId().value_or(-2) == 256);

  InodeWriteBatch top;
  top.PutInode(FileInode(std::numeric_limits<int64_t>::max(), 0, "n"));
  MustCommit(*store, top);
  CHECK(store->MaxInodeId().value_or(-2) == std::numeric_limits<int64_t>::max());
}

STORE_TEST("the inode count is exact for heap stores and an estimate above zero for rocks") {
  TestStore<TestType> store;
  CHECK(store->ApproximateInodeCount() == 0);
  InodeWriteBatch batch;
  for (int64_t id = 1; id <= 50; ++id) batch.PutInode(FileInode(id, 0, "n"));
  batch.PutEdge(0, "n", 1);  // edges and meta are not inodes
  batch.PutMeta("k", "v");
  MustCommit(*store, batch);
  if constexpr (TestType::kExactCount) {
    CHECK(store->ApproximateInodeCount() == 50);
    InodeWriteBatch del;
    del.DeleteInode(1);
    MustCommit(*store, del);
    CHECK(store->ApproximateInodeCount() == 49);
  } else {
    CHECK(store->ApproximateInodeCount() > 0);
  }
}

STORE_TEST("readers never see part of a batch") {
  TestStore<TestType> store;
  // Every batch writes version v to inode 1, the edge (10, "v"), inode 2 and meta "v", in that
  // order. A reader reading them in the same order must see versions that never decrease: a
  // later read cannot be older than an earlier one unless a batch was seen half-applied.
  constexpr int64_t kVersions = 1500;
  std::atomic<bool> done{false};
  ThreadFailures failures;

  auto write_version = [&](int64_t v) {
    InodeWriteBatch b;
    b.PutInode(FileInode(1, 10, "one", v));
    b.PutEdge(10, "v", v);
    b.PutInode(FileInode(2, 10, "two", v));
    b.PutMeta("v", std::to_string(v));
    return store->Commit(b);
  };
  REQUIRE(write_version(0).ok());

  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t) {
    readers.emplace_back([&, t] {
      while (!done.load()) {
        Result<std::optional<Inode>> a = store->GetInode(1);
        Result<std::optional<int64_t>> b = store->GetChild(10, "v");
        Result<std::optional<Inode>> c = store->GetInode(2);
        Result<std::optional<std::string>> d = store->GetMeta("v");
        // Churn the tiny caches so reads alternate between hits and misses.
        (void)store->GetInode(100 + t);
        (void)store->GetChild(10, "absent" + std::to_string(t));
        if (!a.ok() || !b.ok() || !c.ok() || !d.ok() || !a->has_value() || !b->has_value() ||
            !c->has_value() || !d->has_value()) {
          failures.Add("a read failed or found nothing");
          return;
        }
        int64_t va = (*a)->length, vb = **b, vc = (*c)->length;
        int64_t vd = std::stoll(**d);
        if (!(va <= vb && vb <= vc && vc <= vd)) {
          failures.Add("saw versions " + std::to_string(va) + " " + std::to_string(vb) + " " +
                       std::to_string(vc) + " " + std::to_string(vd));
        }
      }
    });
  }
  for (int64_t v = 1; v <= kVersions; ++v) {
    Status s = write_version(v);
    if (!s.ok()) failures.Add(s.ToString());
  }
  done = true;
  for (std::thread& t : readers) t.join();
  failures.Report();
  CHECK(MustGetInode(*store, 2)->length == kVersions);
}

STORE_TEST("concurrent readers and writers leave every record whole and the final state exact") {
  TestStore<TestType> store;
  constexpr int kWriters = 4;
  constexpr int kIdsPerWriter = 40;
  constexpr int kOpsPerWriter = 400;
  // Writer w owns inodes w*1000+1 .. w*1000+kIdsPerWriter, all children of directory 900+w.
  // Version v of inode `id` has length v, owner "o<v>", xattr {"v": "<v>"} and edge child id.
  auto versioned = [](int64_t id, int64_t parent, int64_t v) {
    Inode inode = FileInode(id, parent, "n" + std::to_string(id), v);
    inode.owner = "o" + std::to_string(v);
    inode.xattr["v"] = std::to_string(v);
    return inode;
  };
  auto whole = [](const Inode& inode) {
    return inode.name == "n" + std::to_string(inode.id) &&
           inode.owner == "o" + std::to_string(inode.length) && inode.xattr.size() == 1 &&
           inode.xattr.at("v") == std::to_string(inode.length);
  };

  std::atomic<int> writers_left{kWriters};
  ThreadFailures failures;
  std::vector<std::map<int64_t, int64_t>> final_versions(kWriters);  // id -> version, 0 = gone
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      std::mt19937 rng(w);
      const int64_t parent = 900 + w;
      for (int op = 1; op <= kOpsPerWriter; ++op) {
        const int64_t id = w * 1000 + 1 + static_cast<int64_t>(rng() % kIdsPerWriter);
        const std::string name = "n" + std::to_string(id);
        InodeWriteBatch b;
        if (rng() % 5 == 0) {
          b.DeleteInode(id);
          b.DeleteEdge(parent, name);
          b.DeleteMeta("v/" + std::to_string(id));
          final_versions[w][id] = 0;
        } else {
          b.PutInode(versioned(id, parent, op));
          b.PutEdge(parent, name, id);
          b.PutMeta("v/" + std::to_string(id), std::to_string(op));
          final_versions[w][id] = op;
        }
        Status s = store->Commit(b);
        if (!s.ok()) failures.Add(s.ToString());
      }
      --writers_left;
    });
  }
  for (int r = 0; r < 3; ++r) {
    threads.emplace_back([&, r] {
      std::mt19937 rng(100 + r);
      while (writers_left.load() > 0) {
        const int w = static_cast<int>(rng() % kWriters);
        const int64_t id = w * 1000 + 1 + static_cast<int64_t>(rng() % kIdsPerWriter);
        Result<std::optional<Inode>> inode = store->GetInode(id);
        if (!inode.ok()) failures.Add(inode.status().ToString());
        if (inode.ok() && inode->has_value() && !whole(**inode)) {
          failures.Add("torn inode " + std::to_string(id));
        }
        Result<std::optional<int64_t>> child = store->GetChild(900 + w, "n" + std::to_string(id));
        if (!child.ok()) failures.Add(child.status().ToString());
        if (child.ok() && child->has_value() && **child != id) {
          failures.Add("edge of " + std::to_string(id) + " points elsewhere");
        }
        if (rng() % 8 == 0) {
          Result<std::vector<Edge>> listed = store->ListChildren(900 + w, "", 0);
          if (!listed.ok()) failures.Add(listed.status().ToString());
          if (listed.ok()) {
            for (size_t i = 0; i < listed->size(); ++i) {
              const Edge& e = (*listed)[i];
              if (e.name != "n" + std::to_string(e.child_id) ||
                  (i > 0 && !((*listed)[i - 1].name < e.name))) {
                failures.Add("bad listing entry " + e.name);
              }
            }
          }
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  failures.Report();

  for (int w = 0; w < kWriters; ++w) {
    size_t live = 0;
    for (const auto& [id, version] : final_versions[w]) {
      INFO("inode " << id << " version " << version);
      std::optional<Inode> inode = MustGetInode(*store, id);
      std::optional<int64_t> child = MustGetChild(*store, 900 + w, "n" + std::to_string(id));
      Result<std::optional<std::string>> meta = store->GetMeta("v/" + std::to_string(id));
      REQUIRE(meta.ok());
      if (version == 0) {
        CHECK_FALSE(inode.has_value());
        CHECK_FALSE(child.has_value());
        CHECK_FALSE(meta->has_value());
      } else {
        ++live;
        CHECK(inode == versioned(id, 900 + w, version));
        CHECK(child == id);
        CHECK(meta->value_or("") == std::to_string(version));
      }
    }
    CHECK(ListNames(*store, 900 + w).size() == live);
  }
}

STORE_TEST("sync from many threads at once succeeds and every commit stays readable") {
  TestStore<TestType> store;
  constexpr int kThreads = 8;
  constexpr int kRounds = 25;
  ThreadFailures failures;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kRounds; ++i) {
        const int64_t id = t * 1000 + i;
        InodeWriteBatch b;
        b.PutInode(FileInode(id, 1, "n" + std::to_string(id)));
        b.PutEdge(1, "n" + std::to_string(id), id);
        Status s = store->Commit(b);
        if (s.ok()) s = store->Sync();
        if (!s.ok()) failures.Add(s.ToString());
      }
    });
  }
  for (std::thread& t : threads) t.join();
  failures.Report();
  CHECK(ListNames(*store, 1).size() == kThreads * kRounds);
  CHECK(MustGetInode(*store, (kThreads - 1) * 1000 + kRounds - 1).has_value());
  CHECK(store->Sync().ok());
}

}  // namespace alluxio::master
