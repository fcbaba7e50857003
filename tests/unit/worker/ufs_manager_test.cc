#include "server/worker/ufs_manager.h"

#include <catch2/catch.hpp>

namespace alluxio::worker {

TEST_CASE("a UFS path must lie under its mount", "[worker]") {
  CHECK(UfsPathUnder("/data/ufs", "/data/ufs/a/b"));
  CHECK(UfsPathUnder("/data/ufs", "file:///data/ufs/a"));
  CHECK(UfsPathUnder("file:///data/ufs/", "/data/ufs/a"));
  CHECK(UfsPathUnder("/data/ufs", "/data/ufs"));
  CHECK(UfsPathUnder("/", "/etc/passwd"));
  CHECK(UfsPathUnder("s3://bucket/dir", "s3://bucket/dir/key"));
  CHECK_FALSE(UfsPathUnder("/data/ufs", "/data/ufs2/a"));
  CHECK_FALSE(UfsPathUnder("/data/ufs", "/data/ufs/../../etc/passwd"));
  CHECK_FALSE(UfsPathUnder("/data/ufs", "/etc/passwd"));
  CHECK_FALSE(UfsPathUnder("s3://bucket/dir", "s3://other/dir/key"));
}

TEST_CASE("the manager asks the master once per mount and refuses paths outside it", "[worker]") {
  ufs::UfsRegistry registry = ufs::UfsRegistry::WithBuiltins();
  int asked = 0;
  UfsManager m(&registry, [&](int64_t id) -> Result<wire::MountUfsInfo> {
    ++asked;
    if (id != 1) return Status::NotFound("Mount id " + std::to_string(id) + " is unknown");
    wire::MountUfsInfo info;
    info.mount_id = 1;
    info.ufs_uri = "mem://bucket/root";
    return info;
  });
  auto a = m.Get(1, "mem://bucket/root/f");
  REQUIRE(a.ok());
  auto b = m.Get(1, "mem://bucket/root/g");
  REQUIRE(b.ok());
  CHECK(a->get() == b->get());
  CHECK(asked == 1);
  CHECK(m.Get(1, "mem://bucket/other").status().code() == StatusCode::kInvalidArgument);
  CHECK(m.Get(2, "mem://x/y").status().code() == StatusCode::kNotFound);
  m.Invalidate(1);
  REQUIRE(m.Get(1, "mem://bucket/root/f").ok());
  CHECK(asked == 3);
}

}  // namespace alluxio::worker
