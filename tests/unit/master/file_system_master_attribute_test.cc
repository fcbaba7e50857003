// FileSystemMaster set attribute (owner, group, mode, pin, TTL, persisted; recursive) and
// free (compat §5.4, §5.5), with a fake BlockService recording the freed blocks.
#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <vector>

#include "server/master/file_system_master.h"
#include "tests/unit/master/file_system_master_test_util.h"

namespace alluxio::master {
namespace {

using testing::Alice;
using testing::Harness;

// ---------------------------------------------------------------- set attribute

TEST_CASE("set attribute changes owner, group and mode", "[master]") {
  Harness h;
  h.MakeFile("/f");
  wire::SetAttributeOptions options;
  options.owner = "bob";
  options.group = "users";
  options.mode = 0600;
  MASTER_REQUIRE_OK(h->SetAttribute(Alice(), "/f", options));
  wire::FileInfo f = h.Stat("/f");
  CHECK(f.owner == "bob");
  CHECK(f.group == "users");
  CHECK(f.mode == 0600);
  wire::SetAttributeOptions bad;
  bad.mode = 010000;
  MASTER_CHECK_CODE(h->SetAttribute(Alice(), "/f", bad), kInvalidArgument);
  MASTER_CHECK_ERROR(h->SetAttribute(Alice(), "/nope", options), kNotFound,
                     "Path \"/nope\" does not exist.");
}

TEST_CASE("set attribute with recursive reaches every descendant, without only the path",
          "[master]") {
  Harness h;
  h.MakeFile("/d/e/f");
  wire::SetAttributeOptions options;
  options.mode = 0700;
  MASTER_REQUIRE_OK(h->SetAttribute(Alice(), "/d", options));
  CHECK(h.Stat("/d").mode == 0700);
  CHECK(h.Stat("/d/e").mode == 0755);
  CHECK(h.Stat("/d/e/f").mode == 0644);
  options.mode = 0750;
  options.recursive = true;
  MASTER_REQUIRE_OK(h->SetAttribute(Alice(), "/d", options));
  CHECK(h.Stat("/d").mode == 0750);
  CHECK(h.Stat("/d/e").mode == 0750);
  CHECK(h.Stat("/d/e/f").mode == 0750);
}

// Regression: pinning a directory pinned only the directory, so `alluxio fs pin /dir` left its
// files evictable and free -R of the directory went through without --forced. Alluxio's
// InodeTree.setPinned always applies the pin to every descendant (compat §5.5).
TEST_CASE(
    "pinning a directory pins its descendants (regression - pin of a directory was not recursive)",
    "[master]") {
  Harness h;
  h.MakePersistedFile("/d/e/f", "abc");
  h.Mkdir("/d/sub", wire::WriteType::kCacheThrough);
  wire::SetAttributeOptions pin;
  pin.pinned = true;
  pin.mode = 0700;  // applies to the directory only: recursive is not set
  MASTER_REQUIRE_OK(h->SetAttribute(Alice(), "/d", pin));
  CHECK(h.Stat("/d").pinned);
  CHECK(h.Stat("/d/e").pinned);
  CHECK(h.Stat("/d/e/f").pinned);
  CHECK(h.Stat("/d/sub").pinned);
  CHECK(h.Stat("/d").mode == 0700);
  CHECK(h.Stat("/d/e").mode == 0755);
  wire::FreeOptions free;
  free.recursive = true;
  MASTER_CHECK_CODE(h->Free(Alice(), "/d", free), kFailedPrecondition);
  wire::SetAttributeOptions unpin;
  unpin.pinned = false;
  MASTER_REQUIRE_OK(h->SetAttribute(Alice(), "/d", unpin));
  CHECK_FALSE(h.Stat("/d/e/f").pinned);
  MASTER_REQUIRE_OK(h->Free(Alice(), "/d", free));
}

TEST_CASE("pinned media are kept with the pin and cleared by unpin", "[master]") {
  Harness h;
  h.MakeFile("/f");
  wire::SetAttributeOptions pin;
  pin.pinned = true;
  pin.pinned_media = std::vector<std::string>{"MEM", "SSD"};
  MASTER_REQUIRE_OK(h->SetAttribute(Alice(), "/f", pin));
  CHECK(h.Stat("/f").pinned_medium_types == std::vector<std::string>{"MEM", "SSD"});
  wire::SetAttributeOptions unpin;
  unpin.pinned = false;
  MASTER_REQUIRE_OK(h->SetAttribute(Alice(), "/f", unpin));
  CHECK_FALSE(h.Stat("/f").pinned);
  CHECK(h.Stat("/f").pinned_medium_types.empty());
}

TEST_CASE("set attribute sets and unsets the TTL", "[master]") {
  Harness h;
  h.MakeFile("/f");
  wire::SetAttributeOptions set;
  set.common.ttl = 5000;
  set.common.ttl_action = wire::TtlAction::kDeleteAlluxio;
  MASTER_REQUIRE_OK(h->SetAttribute(Alice(), "/f", set));
  CHECK(h.Stat("/f").ttl == 5000);
  CHECK(h.Stat("/f").ttl_action == wire::TtlAction::kDeleteAlluxio);
  wire::SetAttributeOptions unset;
  unset.common.ttl = -1;
  MASTER_REQUIRE_OK(h->SetAttribute(Alice(), "/f", unset));
  CHECK(h.Stat("/f").ttl == -1);
}

TEST_CASE("set attribute persisted marks a file PERSISTED", "[master]") {
  Harness h;
  h.MakeFile("/f", 10, wire::WriteType::kAsyncThrough);
  CHECK(h.Stat("/f").persistence_state == "TO_BE_PERSISTED");
  wire::SetAttributeOptions options;
  options.persisted = true;
  MASTER_REQUIRE_OK(h->SetAttribute(Alice(), "/f", options));
  CHECK(h.Stat("/f").persisted);
  CHECK(h.Stat("/f").persistence_state == "PERSISTED");
}

TEST_CASE("set attribute mode of a persisted file reaches the local UFS", "[master]") {
  Harness h;
  h.MakePersistedFile("/f", "abc");
  wire::SetAttributeOptions options;
  options.mode = 0640;
  MASTER_REQUIRE_OK(h->SetAttribute(Alice(), "/f", options));
  auto st = h.Ufs(h.root_ufs())->GetStatus(h.UfsPath("/f"));
  MASTER_REQUIRE_OK(st);
  CHECK(st->mode == 0640);
}

// ---------------------------------------------------------------- free

TEST_CASE("free of a file that is not persisted fails", "[master]") {
  Harness h;
  h.MakeFile("/f", 10);
  MASTER_CHECK_ERROR(h->Free(Alice(), "/f", wire::FreeOptions{}), kFailedPrecondition,
                     "Cannot free file /f which is not persisted");
  h.MakeFile("/d/g", 10, wire::WriteType::kAsyncThrough);
  wire::FreeOptions recursive;
  recursive.recursive = true;
  MASTER_CHECK_ERROR(h->Free(Alice(), "/d", recursive), kFailedPrecondition,
                     "Cannot free file /d/g which is not persisted");
  CHECK(h.blocks().free_calls() == 0);
}

TEST_CASE("free of a pinned file needs forced, which unpins it", "[master]") {
  Harness h;
  wire::FileInfo f = h.MakePersistedFile("/f", "abcdef");
  wire::SetAttributeOptions pin;
  pin.pinned = true;
  MASTER_REQUIRE_OK(h->SetAttribute(Alice(), "/f", pin));
  MASTER_CHECK_ERROR(h->Free(Alice(), "/f", wire::FreeOptions{}), kFailedPrecondition,
                     "Cannot free file /f which is pinned. Please unpin it first or set the "
                     "\"forced\" flag of free operation to true");
  CHECK(h.blocks().freed().empty());
  wire::FreeOptions forced;
  forced.forced = true;
  MASTER_REQUIRE_OK(h->Free(Alice(), "/f", forced));
  CHECK(h.blocks().freed() == f.block_ids);
  CHECK_FALSE(h.Stat("/f").pinned);
}

TEST_CASE("free of a non-empty directory needs recursive", "[master]") {
  Harness h;
  h.MakePersistedFile("/d/f", "abc");
  MASTER_CHECK_ERROR(h->Free(Alice(), "/d", wire::FreeOptions{}), kFailedPrecondition,
                     "Cannot free directory /d which is not empty. Please set the \"recursive\" "
                     "flag of free operation to true");
  MASTER_CHECK_ERROR(h->Free(Alice(), "/nope", wire::FreeOptions{}), kNotFound,
                     "Path \"/nope\" does not exist.");
}

TEST_CASE("free of a directory frees every file's blocks and keeps the metadata", "[master]") {
  Harness h;
  wire::FileInfo a = h.MakePersistedFile("/d/a", "aaaa");
  wire::FileInfo b = h.MakePersistedFile("/d/e/b", "bb");
  wire::FileInfo empty = h.MakePersistedFile("/d/empty", "");
  for (int64_t id : a.block_ids) h.blocks().Cache(id);
  for (int64_t id : b.block_ids) h.blocks().Cache(id);
  CHECK(h.Stat("/d/a").in_alluxio_percentage == 100);
  wire::FreeOptions free;
  free.recursive = true;
  MASTER_REQUIRE_OK(h->Free(Alice(), "/d", free));
  std::set<int64_t> expected(a.block_ids.begin(), a.block_ids.end());
  expected.insert(b.block_ids.begin(), b.block_ids.end());
  CHECK(h.blocks().freed_set() == expected);
  CHECK(h.blocks().free_calls() == 1);
  CHECK(h.Stat("/d/a").in_alluxio_percentage == 0);
  CHECK(h.ListNames("/d") == std::vector<std::string>{"a", "e", "empty"});
  CHECK(h.Stat("/d/e/b").persisted);
  CHECK(empty.block_ids.empty());
}

}  // namespace
}  // namespace alluxio::master
