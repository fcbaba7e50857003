// What only the caching wrapper promises: cached reads do not reach the base store, commits
// keep cached entries exact, and capacity bounds the cache. The shared contract is in
// inode_store_contract_test.cc.
#include <atomic>
#include <catch2/catch.hpp>

#include "server/master/metastore/inode_store.h"
#include "tests/unit/master/metastore_test_util.h"

namespace alluxio::master {
namespace {

using testing::FileInode;

// Forwards to a heap store and counts the point reads that reach it.
class CountingStore final : public InodeStore {
 public:
  Result<std::optional<Inode>> GetInode(int64_t id) override {
    ++inode_reads;
    return base_->GetInode(id);
  }
  Result<std::optional<int64_t>> GetChild(int64_t parent_id, std::string_view name) override {
    ++child_reads;
    return base_->GetChild(parent_id, name);
  }
  Result<std::vector<Edge>> ListChildren(int64_t parent_id, std::string_view start_after,
                                         size_t limit) override {
    return base_->ListChildren(parent_id, start_after, limit);
  }
  Result<std::optional<std::string>> GetMeta(std::string_view key) override {
    return base_->GetMeta(key);
  }
  Status ScanMeta(std::string_view prefix,
                  const std::function<bool(std::string_view, std::string_view)>& fn) override {
    return base_->ScanMeta(prefix, fn);
  }
  Status Commit(const InodeWriteBatch& batch) override { return base_->Commit(batch); }
  Status Sync() override { return base_->Sync(); }
  Result<int64_t> MaxInodeId() override { return base_->MaxInodeId(); }
  int64_t ApproximateInodeCount() override { return base_->ApproximateInodeCount(); }

  std::atomic<int> inode_reads{0};
  std::atomic<int> child_reads{0};

 private:
  std::unique_ptr<InodeStore> base_ = NewHeapInodeStore();
};

struct Fixture {
  explicit Fixture(size_t capacity) {
    auto counting = std::make_unique<CountingStore>();
    base = counting.get();
    store = NewCachingInodeStore(std::move(counting), capacity);
    InodeWriteBatch batch;
    for (int64_t id = 1; id <= 5; ++id) {
      batch.PutInode(FileInode(id, 0, "n" + std::to_string(id)));
      batch.PutEdge(0, "n" + std::to_string(id), id);
    }
    if (!store->Commit(batch).ok()) FAIL("commit failed");
  }
  std::optional<Inode> Get(int64_t id) { return store->GetInode(id).value(); }
  std::optional<int64_t> Child(std::string_view name) { return store->GetChild(0, name).value(); }

  CountingStore* base;  // owned by store
  std::unique_ptr<InodeStore> store;
};

}  // namespace

TEST_CASE("a cached inode and edge are read without touching the base store", "[metastore]") {
  Fixture f(10);
  CHECK(f.Get(1)->name == "n1");
  CHECK(f.Child("n1") == 1);
  CHECK(f.base->inode_reads == 1);
  CHECK(f.base->child_reads == 1);
  for (int i = 0; i < 5; ++i) {
    CHECK(f.Get(1)->name == "n1");
    CHECK(f.Child("n1") == 1);
  }
  CHECK(f.base->inode_reads == 1);
  CHECK(f.base->child_reads == 1);
}

TEST_CASE("a commit updates cached entries in place and they stay cached", "[metastore]") {
  Fixture f(10);
  REQUIRE(f.Get(1).has_value());
  REQUIRE(f.Child("n1") == 1);
  REQUIRE_FALSE(f.Child("new").has_value());  // an absent name is cached as absent
  const int inode_reads = f.base->inode_reads;
  const int child_reads = f.base->child_reads;

  InodeWriteBatch batch;
  batch.PutInode(FileInode(1, 0, "renamed", 77));
  batch.DeleteEdge(0, "n1");
  batch.PutEdge(0, "new", 1);
  REQUIRE(f.store->Commit(batch).ok());

  CHECK(f.Get(1) == FileInode(1, 0, "renamed", 77));
  CHECK_FALSE(f.Child("n1").has_value());
  CHECK(f.Child("new") == 1);
  CHECK(f.base->inode_reads == inode_reads);
  CHECK(f.base->child_reads == child_reads);

  InodeWriteBatch del;
  del.DeleteInode(1);
  REQUIRE(f.store->Commit(del).ok());
  CHECK_FALSE(f.Get(1).has_value());
  CHECK(f.base->inode_reads == inode_reads + 1);  // deleted, so asked again
}

TEST_CASE("the cache holds at most max_inodes entries and evicts the least recently used",
          "[metastore]") {
  Fixture f(2);
  f.Get(1);
  f.Get(2);
  f.Get(1);  // 1 is now more recent than 2
  f.Get(3);  // evicts 2
  CHECK(f.base->inode_reads == 3);
  f.Get(1);
  f.Get(3);
  CHECK(f.base->inode_reads == 3);
  f.Get(2);
  CHECK(f.base->inode_reads == 4);

  f.Child("n1");
  f.Child("n2");
  f.Child("n3");  // evicts n1
  CHECK(f.base->child_reads == 3);
  f.Child("n1");
  CHECK(f.base->child_reads == 4);
}

TEST_CASE("a large commit does not add entries to the cache, so it cannot flush it",
          "[metastore]") {
  Fixture f(2);
  f.Get(1);
  f.Get(2);
  InodeWriteBatch batch;
  for (int64_t id = 100; id < 110; ++id) batch.PutInode(FileInode(id, 0, "x"));
  REQUIRE(f.store->Commit(batch).ok());
  const int reads = f.base->inode_reads;
  f.Get(1);
  f.Get(2);
  CHECK(f.base->inode_reads == reads);
  CHECK(f.Get(105)->id == 105);
  CHECK(f.base->inode_reads == reads + 1);
}

TEST_CASE("a small commit adds its inodes: a file just created is read without the base store",
          "[metastore]") {
  Fixture f(10);
  InodeWriteBatch create;
  create.PutInode(FileInode(1, 0, "n1", 9));  // the parent's new state, say
  create.PutEdge(0, "fresh", 200);
  create.PutInode(FileInode(200, 0, "fresh"));
  REQUIRE(f.store->Commit(create).ok());
  const int reads = f.base->inode_reads;
  CHECK(f.Get(200) == FileInode(200, 0, "fresh"));
  CHECK(f.Get(1) == FileInode(1, 0, "n1", 9));
  CHECK(f.base->inode_reads == reads);
  // Deleting it drops it again.
  InodeWriteBatch del;
  del.DeleteInode(200);
  REQUIRE(f.store->Commit(del).ok());
  CHECK_FALSE(f.Get(200).has_value());
  CHECK(f.base->inode_reads == reads + 1);
}

TEST_CASE("a caching store with capacity zero reads everything from the base store",
          "[metastore]") {
  Fixture f(0);
  f.Get(1);
  f.Get(1);
  f.Child("n1");
  f.Child("n1");
  CHECK(f.base->inode_reads == 2);
  CHECK(f.base->child_reads == 2);
}

TEST_CASE("a rejected commit leaves the cached entries right", "[metastore]") {
  Fixture f(10);
  REQUIRE(f.Get(1).has_value());
  InodeWriteBatch bad;
  bad.PutInode(FileInode(1, 0, "changed"));
  bad.PutEdge(0, "x", -1);
  CHECK(f.store->Commit(bad).code() == StatusCode::kInvalidArgument);
  CHECK(f.Get(1)->name == "n1");
}

}  // namespace alluxio::master
