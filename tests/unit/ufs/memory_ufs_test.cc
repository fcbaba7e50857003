#include "lib/ufs/memory_ufs.h"

#include "lib/common/clock.h"
#include "tests/unit/ufs/ufs_test_util.h"

namespace alluxio::ufs {
namespace {

using testing::MustExist;
using testing::MustListNames;
using testing::MustRead;
using testing::MustStat;
using testing::MustWrite;

}  // namespace

TEST_CASE("every mem bucket exists as an empty directory from the start", "[ufs]") {
  MemoryUfs ufs;
  CHECK(MustExist(ufs, "mem://fresh"));
  CHECK(MustExist(ufs, "mem://fresh/"));
  UfsStatus status = MustStat(ufs, "mem://fresh");
  CHECK(status.is_directory);
  CHECK(status.name == "fresh");
  CHECK(MustListNames(ufs, "mem://fresh").empty());
  UFS_CHECK_CODE(ufs.Mkdirs("mem://fresh", {}), kAlreadyExists);
  CHECK_FALSE(MustExist(ufs, "mem://fresh/inside"));
}

TEST_CASE("a mem bucket cannot be deleted, renamed or replaced by a file", "[ufs]") {
  MemoryUfs ufs;
  MustWrite(ufs, "mem://b/f", "x");
  UFS_CHECK_CODE(ufs.DeleteDirectory("mem://b", true), kInvalidArgument);
  UFS_CHECK_CODE(ufs.Rename("mem://b", "mem://c"), kInvalidArgument);
  UFS_CHECK_CODE(ufs.Rename("mem://b/f", "mem://c"), kInvalidArgument);
  UFS_CHECK_CODE(ufs.Create("mem://b", {}), kFailedPrecondition);
  UFS_CHECK_CODE(ufs.DeleteFile("mem://b"), kFailedPrecondition);
  CHECK(MustRead(ufs, "mem://b/f") == "x");
  // Files move between buckets.
  UFS_CHECK_OK(ufs.Rename("mem://b/f", "mem://c/f"));
  CHECK(MustRead(ufs, "mem://c/f") == "x");
}

TEST_CASE("mem URIs need the mem scheme and a bucket", "[ufs]") {
  MemoryUfs ufs;
  for (const char* uri : {"mem://", "mem:///x", "mem:/b/x", "file:///b/x", "/b/x", "b/x",
                          "mem://../x", "mem://./x"}) {
    INFO(uri);
    UFS_CHECK_CODE(MemoryUfs::CheckUri(uri), kInvalidArgument);
    UFS_CHECK_CODE(ufs.GetStatus(uri), kInvalidArgument);
  }
  UFS_CHECK_OK(MemoryUfs::CheckUri("mem://b"));
  UFS_CHECK_OK(MemoryUfs::CheckUri("MEM://b/x/y"));
}

TEST_CASE("mem instances sharing a store see each other's data, others do not", "[ufs]") {
  std::shared_ptr<MemoryUfs::Store> store = MemoryUfs::NewStore();
  MemoryUfs first(store);
  MemoryUfs second(store);
  MemoryUfs separate;
  MustWrite(first, "mem://b/dir/f", "shared");
  CHECK(MustRead(second, "mem://b/dir/f") == "shared");
  UFS_REQUIRE_OK(second.DeleteDirectory("mem://b/dir", true));
  CHECK_FALSE(MustExist(first, "mem://b/dir"));
  MustWrite(first, "mem://b/g", "mine");
  CHECK_FALSE(MustExist(separate, "mem://b/g"));
}

TEST_CASE("mem modification times come from the store's clock", "[ufs]") {
  ManualClock clock(1'000'000);
  MemoryUfs ufs(MemoryUfs::NewStore(&clock));
  MustWrite(ufs, "mem://b/d/f", "x");
  CHECK(MustStat(ufs, "mem://b/d/f").last_modified_ms == 1'000'000);
  CHECK(MustStat(ufs, "mem://b/d").last_modified_ms == 1'000'000);
  clock.AdvanceMs(5000);
  MustWrite(ufs, "mem://b/d/f", "y");
  CHECK(MustStat(ufs, "mem://b/d/f").last_modified_ms == 1'005'000);
  clock.AdvanceMs(5000);
  UFS_REQUIRE_OK(ufs.Mkdirs("mem://b/d/e", {}));
  CHECK(MustStat(ufs, "mem://b/d/e").last_modified_ms == 1'010'000);
  CHECK(MustStat(ufs, "mem://b/d").last_modified_ms == 1'010'000);  // its entries changed
}

TEST_CASE("mem GetSpace counts the bytes of every file and knows no capacity", "[ufs]") {
  MemoryUfs ufs;
  MustWrite(ufs, "mem://a/f", "12345");
  MustWrite(ufs, "mem://b/d/g", "123");
  auto space = ufs.GetSpace("mem://a");
  UFS_REQUIRE_OK(space);
  CHECK(space->capacity_bytes == -1);
  CHECK(space->used_bytes == 8);
  UFS_REQUIRE_OK(ufs.DeleteFile("mem://a/f"));
  CHECK(ufs.GetSpace("mem://a")->used_bytes == 3);
}

TEST_CASE("mem owner and group are empty until set and stored as given", "[ufs]") {
  MemoryUfs ufs;
  MustWrite(ufs, "mem://b/f", "x");
  UfsStatus status = MustStat(ufs, "mem://b/f");
  CHECK(status.owner.empty());
  CHECK(status.group.empty());
  UFS_REQUIRE_OK(ufs.SetOwner("mem://b/f", "alice", "analysts"));
  status = MustStat(ufs, "mem://b/f");
  CHECK(status.owner == "alice");
  CHECK(status.group == "analysts");
}

TEST_CASE("a MemoryUfs is a non-object store serving the mem scheme", "[ufs]") {
  MemoryUfs ufs;
  CHECK(ufs.scheme() == "mem");
  CHECK_FALSE(ufs.IsObjectStore());
}

}  // namespace alluxio::ufs
