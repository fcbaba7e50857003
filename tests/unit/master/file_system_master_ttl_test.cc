// FileSystemMaster TTL (compat §5.3), driven by a ManualClock: DELETE, DELETE_ALLUXIO and FREE,
// expiry from the creation time, directories taking their children, defaults from the options,
// and the TTL index across a restart and a metadata sync.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "lib/common/clock.h"
#include "server/master/file_system_master.h"
#include "tests/unit/master/file_system_master_test_util.h"

namespace alluxio::master {
namespace {

using testing::Alice;
using testing::Harness;
using testing::HarnessConfig;

void SetTtl(Harness& h, const std::string& path, int64_t ttl, wire::TtlAction action) {
  wire::SetAttributeOptions options;
  options.common.ttl = ttl;
  options.common.ttl_action = action;
  MASTER_REQUIRE_OK(h->SetAttribute(Alice(), path, options));
}

int CheckTtl(Harness& h) {
  auto acted = h->CheckTtl();
  MASTER_REQUIRE_OK(acted);
  return *acted;
}

TEST_CASE("TTL DELETE removes an expired file from Alluxio and the UFS", "[master]") {
  Harness h;
  wire::FileInfo f = h.MakePersistedFile("/d/f", "abc");
  SetTtl(h, "/d/f", 1000, wire::TtlAction::kDelete);
  h.clock().AdvanceMs(999);
  CHECK(CheckTtl(h) == 0);
  CHECK(h.Exists("/d/f"));
  h.clock().AdvanceMs(1);
  CHECK(CheckTtl(h) == 1);
  CHECK_FALSE(h.Exists("/d/f"));
  CHECK_FALSE(h.UfsExists("/d/f"));
  CHECK(h.UfsExists("/d"));
  CHECK(h.Stat("/d").length == 0);
  CHECK(h.blocks().freed() == f.block_ids);
  CHECK(CheckTtl(h) == 0);
}

TEST_CASE("TTL DELETE_ALLUXIO removes the file from Alluxio but keeps the UFS copy", "[master]") {
  Harness h;
  h.MakePersistedFile("/f", "abc");
  SetTtl(h, "/f", 1000, wire::TtlAction::kDeleteAlluxio);
  h.clock().AdvanceMs(1000);
  CHECK(CheckTtl(h) == 1);
  CHECK_FALSE(h.Exists("/f"));
  CHECK(h.UfsExists("/f"));
}

TEST_CASE("TTL FREE frees the blocks, unpins, and resets the TTL to -1 and DELETE", "[master]") {
  Harness h;
  wire::FileInfo f = h.MakePersistedFile("/f", "abcdef");
  for (int64_t id : f.block_ids) h.blocks().Cache(id);
  wire::SetAttributeOptions pin;
  pin.pinned = true;
  MASTER_REQUIRE_OK(h->SetAttribute(Alice(), "/f", pin));
  SetTtl(h, "/f", 1000, wire::TtlAction::kFree);
  h.clock().AdvanceMs(1000);
  CHECK(CheckTtl(h) == 1);
  CHECK(h.blocks().freed() == f.block_ids);
  wire::FileInfo after = h.Stat("/f");
  CHECK(after.ttl == -1);
  CHECK(after.ttl_action == wire::TtlAction::kDelete);
  CHECK_FALSE(after.pinned);
  CHECK(after.in_alluxio_percentage == 0);
  CHECK(h.UfsExists("/f"));
  // Nothing left to act on.
  h.clock().AdvanceMs(100000);
  CHECK(CheckTtl(h) == 0);
  CHECK(h.blocks().free_calls() == 1);
}

TEST_CASE("a TTL FREE on a directory frees every file below it", "[master]") {
  Harness h;
  wire::FileInfo a = h.MakePersistedFile("/d/a", "a");
  wire::FileInfo b = h.MakePersistedFile("/d/e/b", "b");
  SetTtl(h, "/d", 1000, wire::TtlAction::kFree);
  h.clock().AdvanceMs(1000);
  CHECK(CheckTtl(h) == 1);
  CHECK(h.blocks().freed_set() == std::set<int64_t>{a.block_ids[0], b.block_ids[0]});
  CHECK(h.Stat("/d").ttl == -1);
  CHECK(h.ListNames("/d") == std::vector<std::string>{"a", "e"});
}

TEST_CASE("a file whose TTL has not expired is left alone", "[master]") {
  Harness h;
  h.MakeFile("/f", 10);
  SetTtl(h, "/f", 10000, wire::TtlAction::kDelete);
  h.clock().AdvanceMs(5000);
  CHECK(CheckTtl(h) == 0);
  CHECK(h.Exists("/f"));
  CHECK(h.Stat("/f").ttl == 10000);
  CHECK(h.blocks().free_calls() == 0);
}

TEST_CASE("a directory's TTL takes its children with it", "[master]") {
  Harness h;
  wire::FileInfo a = h.MakeFile("/d/a", 10);
  wire::FileInfo b = h.MakeFile("/d/e/b", 10);
  h.MakeFile("/keep", 1);
  SetTtl(h, "/d", 1000, wire::TtlAction::kDelete);
  SetTtl(h, "/d/a", 500, wire::TtlAction::kDelete);  // expires too, but goes with /d
  h.clock().AdvanceMs(1000);
  CHECK(CheckTtl(h) == 1);
  CHECK_FALSE(h.Exists("/d"));
  CHECK_FALSE(h.Exists("/d/e/b"));
  CHECK(h.Exists("/keep"));
  CHECK(h.Stat("/").length == 1);
  CHECK(h.blocks().freed_set() == std::set<int64_t>{a.block_ids[0], b.block_ids[0]});
}

TEST_CASE("TTL counts from the creation time, not from when it was set", "[master]") {
  Harness h;
  h.MakeFile("/f");
  h.clock().AdvanceMs(600);
  SetTtl(h, "/f", 1000, wire::TtlAction::kDelete);
  h.clock().AdvanceMs(399);
  CHECK(CheckTtl(h) == 0);
  h.clock().AdvanceMs(1);
  CHECK(CheckTtl(h) == 1);
  CHECK_FALSE(h.Exists("/f"));
}

TEST_CASE("a TTL given at create time expires the file and the directory", "[master]") {
  Harness h;
  wire::CreateFileOptions create;
  create.write_type = wire::WriteType::kMustCache;
  create.common.ttl = 500;
  create.common.ttl_action = wire::TtlAction::kDeleteAlluxio;
  auto f = h->CreateFile(Alice(), "/f", create);
  MASTER_REQUIRE_OK(f);
  CHECK(f->ttl == 500);
  CHECK(f->ttl_action == wire::TtlAction::kDeleteAlluxio);
  wire::CreateDirectoryOptions mkdir;
  mkdir.write_type = wire::WriteType::kMustCache;
  mkdir.common.ttl = 700;
  mkdir.common.ttl_action = wire::TtlAction::kDelete;
  MASTER_REQUIRE_OK(h->CreateDirectory(Alice(), "/d", mkdir));
  CHECK(h.Stat("/d").ttl == 700);
  h.clock().AdvanceMs(500);
  CHECK(CheckTtl(h) == 1);
  CHECK_FALSE(h.Exists("/f"));
  CHECK(h.Exists("/d"));
  h.clock().AdvanceMs(200);
  CHECK(CheckTtl(h) == 1);
  CHECK_FALSE(h.Exists("/d"));
}

TEST_CASE("unsetting the TTL stops the expiry", "[master]") {
  Harness h;
  h.MakeFile("/f");
  SetTtl(h, "/f", 1000, wire::TtlAction::kDelete);
  wire::SetAttributeOptions unset;
  unset.common.ttl = -1;
  MASTER_REQUIRE_OK(h->SetAttribute(Alice(), "/f", unset));
  h.clock().AdvanceMs(1000000);
  CHECK(CheckTtl(h) == 0);
  CHECK(h.Exists("/f"));
}

TEST_CASE("the default TTL applies to creates and metadata loads", "[master]") {
  HarnessConfig config;
  config.tweak = [](FileSystemMasterOptions& o) {
    o.default_ttl_ms = 60000;
    o.default_ttl_action = wire::TtlAction::kDeleteAlluxio;
  };
  Harness h(config);
  // UFS files are stamped with their modification time, which is the real time.
  h.clock().SetMs(SystemClock().NowMs());
  wire::FileInfo created = h.MakeFile("/created");
  CHECK(created.ttl == 60000);
  CHECK(created.ttl_action == wire::TtlAction::kDeleteAlluxio);
  h.WriteUfs("/loaded", "x");
  wire::FileInfo loaded = h.Stat("/loaded");
  CHECK(loaded.ttl == 60000);
  h.clock().AdvanceMs(120000);
  CHECK(CheckTtl(h) == 2);
  CHECK_FALSE(h.Exists("/created"));
  CHECK_FALSE(h.Exists("/loaded"));
  CHECK(h.UfsExists("/loaded"));
}

// Regression: when a listing sync replaced a file that had changed in the UFS, the new inode
// neither kept the old one's TTL nor entered the TTL index, so it never expired (the get status
// sync path kept both).
TEST_CASE("a file replaced by a listing sync keeps its TTL (regression - TTL index lost on reload)",
          "[master]") {
  Harness h;
  h.clock().SetMs(SystemClock().NowMs());
  h.WriteUfs("/f", "one");
  h.WriteUfs("/g", "one");
  CHECK(h.ListNames("/") == std::vector<std::string>{"f", "g"});
  SetTtl(h, "/f", 60000, wire::TtlAction::kDeleteAlluxio);
  SetTtl(h, "/g", 60000, wire::TtlAction::kDeleteAlluxio);
  wire::FileInfo f1 = h.Stat("/f");
  h.WriteUfs("/f", "two!");
  h.WriteUfs("/g", "two!");
  wire::ListStatusOptions sync;
  sync.common.sync_interval_ms = 0;
  CHECK(h.ListNames("/", sync) == std::vector<std::string>{"f", "g"});
  wire::FileInfo f2 = h.Stat("/f");
  REQUIRE(f2.file_id != f1.file_id);
  CHECK(f2.ttl == 60000);
  CHECK(f2.ttl_action == wire::TtlAction::kDeleteAlluxio);
  h.clock().AdvanceMs(120000);
  CHECK(CheckTtl(h) == 2);
  CHECK_FALSE(h.Exists("/f"));
  CHECK_FALSE(h.Exists("/g"));
}

TEST_CASE("the TTL index survives a restart over RocksDB", "[master]") {
  HarnessConfig config;
  config.rocks = true;
  Harness h(config);
  h.MakeFile("/f");
  h.MakeFile("/g");
  SetTtl(h, "/f", 1000, wire::TtlAction::kDelete);
  h.Restart();
  CHECK(h.Stat("/f").ttl == 1000);
  h.clock().AdvanceMs(1000);
  CHECK(CheckTtl(h) == 1);
  CHECK_FALSE(h.Exists("/f"));
  CHECK(h.Exists("/g"));
}

TEST_CASE("a renamed file keeps its TTL and a deleted one is not acted on", "[master]") {
  Harness h;
  h.MakeFile("/f");
  h.MakeFile("/g");
  SetTtl(h, "/f", 1000, wire::TtlAction::kDelete);
  SetTtl(h, "/g", 1000, wire::TtlAction::kDelete);
  MASTER_REQUIRE_OK(h->Delete(Alice(), "/f", wire::DeleteOptions{}));
  h.Mkdir("/d");
  MASTER_REQUIRE_OK(h->Rename(Alice(), "/g", "/d/g", wire::RenameOptions{}));
  h.clock().AdvanceMs(1000);
  CHECK(CheckTtl(h) == 1);
  CHECK_FALSE(h.Exists("/d/g"));
  CHECK(h.Exists("/d"));
}

}  // namespace
}  // namespace alluxio::master
