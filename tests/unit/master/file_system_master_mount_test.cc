// FileSystemMaster mounts: mount, unmount, read-only mounts, nesting rules, mount points and
// delete/rename, the mount table across a restart and its masked properties.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "server/master/file_system_master.h"
#include "tests/unit/master/file_system_master_test_util.h"

namespace alluxio::master {
namespace {

using testing::Alice;
using testing::Harness;
using testing::HarnessConfig;

// A second local UFS directory holding one file, "x".
std::string MakeOtherUfs(Harness& h, const std::string& name = "other") {
  std::string dir = h.tmp().Sub(name);
  std::filesystem::create_directories(dir);
  auto ufs = h.Ufs(dir);
  auto out = ufs->Create(dir + "/x", ufs::CreateOptions{});
  MASTER_REQUIRE_OK(out);
  MASTER_REQUIRE_OK((*out)->Write("xx"));
  MASTER_REQUIRE_OK((*out)->Close());
  return dir;
}

const wire::MountPointInfo* FindMount(const std::vector<wire::MountPointInfo>& table,
                                      const std::string& path) {
  for (const auto& m : table) {
    if (m.alluxio_path == path) return &m;
  }
  return nullptr;
}

// The durable part of a mount table (capacity and usage change with the disk).
std::vector<std::string> Summary(const std::vector<wire::MountPointInfo>& table) {
  std::vector<std::string> out;
  for (const auto& m : table) {
    std::string line = m.alluxio_path + " " + m.ufs_uri + " " + m.ufs_type + " " +
                       std::to_string(m.mount_id) + (m.read_only ? " ro" : " rw") +
                       (m.shared ? " shared" : "");
    for (const auto& [k, v] : m.properties) line += " " + k + "=" + v;
    out.push_back(line);
  }
  return out;
}

TEST_CASE("mount attaches a second UFS directory at a new path", "[master]") {
  Harness h;
  std::string other = MakeOtherUfs(h);
  MASTER_REQUIRE_OK(h->Mount(Alice(), "/mnt", other, wire::MountOptions{}));
  wire::FileInfo point = h.Stat("/mnt");
  CHECK(point.folder);
  CHECK(point.mount_point);
  CHECK(point.persisted);
  CHECK(point.ufs_path == other);
  CHECK(h.Stat("/").length == 1);
  // Its UFS content loads like the root's.
  CHECK(h.ListNames("/mnt") == std::vector<std::string>{"x"});
  wire::FileInfo x = h.Stat("/mnt/x");
  CHECK(x.length == 2);
  CHECK(x.ufs_path == other + "/x");
  CHECK(x.mount_id == point.mount_id);
  auto table = h->GetMountTable();
  REQUIRE(table.size() == 2);
  const wire::MountPointInfo* m = FindMount(table, "/mnt");
  REQUIRE(m != nullptr);
  CHECK(m->ufs_uri == other);
  CHECK(m->ufs_type == "local");
  CHECK(m->mount_id == point.mount_id);
  CHECK(m->mount_id != FindMount(table, "/")->mount_id);
  CHECK_FALSE(m->read_only);
  // Writes below the mount go to its own UFS.
  h.Mkdir("/mnt/d", wire::WriteType::kThrough);
  CHECK(std::filesystem::is_directory(other + "/d"));
  CHECK_FALSE(h.UfsExists("/mnt"));
}

TEST_CASE("mount at an existing path or a mount point is refused", "[master]") {
  Harness h;
  std::string other = MakeOtherUfs(h);
  std::string third = MakeOtherUfs(h, "third");
  h.Mkdir("/d");
  MASTER_CHECK_CODE(h->Mount(Alice(), "/d", other, wire::MountOptions{}), kAlreadyExists);
  CHECK_FALSE(h.Stat("/d").mount_point);
  MASTER_REQUIRE_OK(h->Mount(Alice(), "/mnt", other, wire::MountOptions{}));
  MASTER_CHECK_CODE(h->Mount(Alice(), "/mnt", third, wire::MountOptions{}), kAlreadyExists);
  MASTER_CHECK_CODE(h->Mount(Alice(), "/", third, wire::MountOptions{}), kInvalidArgument);
  CHECK(h->GetMountTable().size() == 2);
}

TEST_CASE("mount under a missing parent is NOT_FOUND", "[master]") {
  Harness h;
  std::string other = MakeOtherUfs(h);
  MASTER_CHECK_CODE(h->Mount(Alice(), "/no/mnt", other, wire::MountOptions{}), kNotFound);
  CHECK(h->GetMountTable().size() == 1);
  CHECK_FALSE(h.Exists("/no"));
}

TEST_CASE("mount of a missing UFS path is NOT_FOUND", "[master]") {
  Harness h;
  std::string missing = h.tmp().Sub("missing");
  MASTER_CHECK_ERROR(h->Mount(Alice(), "/mnt", missing, wire::MountOptions{}), kNotFound,
                     "Ufs path " + missing + " does not exist");
  CHECK_FALSE(h.Exists("/mnt"));
  MASTER_CHECK_CODE(h->Mount(Alice(), "/mnt", "nosuch://bucket/x", wire::MountOptions{}),
                    kInvalidArgument);
}

TEST_CASE("mount of a UFS inside or around a mounted UFS is refused", "[master]") {
  Harness h;
  std::string inside = h.root_ufs() + "/sub";
  std::filesystem::create_directories(inside);
  MASTER_CHECK_CODE(h->Mount(Alice(), "/in", inside, wire::MountOptions{}), kInvalidArgument);
  // The temp dir holds the root UFS.
  MASTER_CHECK_CODE(h->Mount(Alice(), "/around", h.tmp().path(), wire::MountOptions{}),
                    kInvalidArgument);
  // A sibling whose name starts with the root UFS's is neither.
  std::string sibling = h.root_ufs() + "x";
  std::filesystem::create_directories(sibling);
  MASTER_REQUIRE_OK(h->Mount(Alice(), "/sibling", sibling, wire::MountOptions{}));
  // Between two non-root mounts too.
  std::filesystem::create_directories(sibling + "/deep");
  MASTER_CHECK_CODE(h->Mount(Alice(), "/deep", sibling + "/deep", wire::MountOptions{}),
                    kInvalidArgument);
  CHECK(h->GetMountTable().size() == 2);
}

// Regression: the nesting check compared URIs as strings, so "file:///r/sub" slipped past a
// mount of "/r" (the same directory spelled another way) and one directory was mounted twice.
TEST_CASE("mount nesting sees through file:// spellings (regression - nested mount via file URI)",
          "[master]") {
  Harness h;
  std::string inside = h.root_ufs() + "/sub";
  std::filesystem::create_directories(inside);
  MASTER_CHECK_CODE(h->Mount(Alice(), "/in", "file://" + inside, wire::MountOptions{}),
                    kInvalidArgument);
  MASTER_CHECK_CODE(h->Mount(Alice(), "/around", "file://" + h.tmp().path(), wire::MountOptions{}),
                    kInvalidArgument);
  std::string other = MakeOtherUfs(h);
  MASTER_REQUIRE_OK(h->Mount(Alice(), "/mnt", "file://" + other, wire::MountOptions{}));
  MASTER_CHECK_CODE(h->Mount(Alice(), "/again", other + "/", wire::MountOptions{}),
                    kInvalidArgument);
  CHECK(h->GetMountTable().size() == 2);
}

TEST_CASE("a read-only mount refuses writes with Alluxio's message", "[master]") {
  Harness h;
  std::string other = MakeOtherUfs(h);
  wire::MountOptions ro;
  ro.read_only = true;
  MASTER_REQUIRE_OK(h->Mount(Alice(), "/ro", other, ro));
  CHECK(h.ListNames("/ro") == std::vector<std::string>{"x"});  // reads work
  auto msg = [](const std::string& path) {
    return "A write operation on " + path + " under a readonly mount point /ro is not allowed";
  };
  wire::CreateFileOptions create;
  create.write_type = wire::WriteType::kMustCache;
  MASTER_CHECK_ERROR(h->CreateFile(Alice(), "/ro/f", create), kPermissionDenied, msg("/ro/f"));
  wire::CreateDirectoryOptions mkdir;
  mkdir.write_type = wire::WriteType::kMustCache;
  MASTER_CHECK_ERROR(h->CreateDirectory(Alice(), "/ro/d", mkdir), kPermissionDenied, msg("/ro/d"));
  MASTER_CHECK_ERROR(h->Delete(Alice(), "/ro/x", wire::DeleteOptions{}), kPermissionDenied,
                     msg("/ro/x"));
  MASTER_CHECK_ERROR(h->Rename(Alice(), "/ro/x", "/ro/y", wire::RenameOptions{}), kPermissionDenied,
                     msg("/ro/x"));
  CHECK(std::filesystem::exists(other + "/x"));
  CHECK_FALSE(std::filesystem::exists(other + "/y"));
  CHECK(h.ListNames("/ro") == std::vector<std::string>{"x"});
  auto table = h->GetMountTable();
  REQUIRE(FindMount(table, "/ro") != nullptr);
  CHECK(FindMount(table, "/ro")->read_only);
  // A read-only mount can still be unmounted.
  MASTER_REQUIRE_OK(h->Unmount(Alice(), "/ro"));
  CHECK(std::filesystem::exists(other + "/x"));
}

TEST_CASE("unmount removes the subtree from Alluxio but keeps the UFS files", "[master]") {
  Harness h;
  std::string other = MakeOtherUfs(h);
  MASTER_REQUIRE_OK(h->Mount(Alice(), "/mnt", other, wire::MountOptions{}));
  wire::FileInfo x = h.Stat("/mnt/x");
  h.MakeFile("/mnt/cached", 0);
  h.Mkdir("/mnt/d", wire::WriteType::kThrough);
  MASTER_REQUIRE_OK(h->Unmount(Alice(), "/mnt"));
  CHECK_FALSE(h.Exists("/mnt"));
  CHECK_FALSE(h.Exists("/mnt/x"));
  MASTER_CHECK_CODE(h->GetStatusById(Alice(), x.file_id), kNotFound);
  CHECK(h.Stat("/").length == 0);
  CHECK(std::filesystem::exists(other + "/x"));
  CHECK(std::filesystem::is_directory(other + "/d"));
  CHECK(h->GetMountTable().size() == 1);
  // The path can be mounted again.
  MASTER_REQUIRE_OK(h->Mount(Alice(), "/mnt", other, wire::MountOptions{}));
  CHECK(h.Stat("/mnt/x").length == 2);
}

TEST_CASE("unmount of a path that is not a mount point is refused", "[master]") {
  Harness h;
  h.Mkdir("/d");
  MASTER_CHECK_CODE(h->Unmount(Alice(), "/d"), kInvalidArgument);
  MASTER_CHECK_CODE(h->Unmount(Alice(), "/nope"), kInvalidArgument);
  MASTER_CHECK_CODE(h->Unmount(Alice(), "/"), kInvalidArgument);
  CHECK(h.Exists("/d"));
}

TEST_CASE("unmount of a mount holding another mount is refused", "[master]") {
  Harness h;
  std::string a = MakeOtherUfs(h, "a");
  std::string b = MakeOtherUfs(h, "b");
  MASTER_REQUIRE_OK(h->Mount(Alice(), "/a", a, wire::MountOptions{}));
  MASTER_REQUIRE_OK(h->Mount(Alice(), "/a/b", b, wire::MountOptions{}));
  CHECK(h.Stat("/a/b/x").ufs_path == b + "/x");
  MASTER_CHECK_CODE(h->Unmount(Alice(), "/a"), kFailedPrecondition);
  MASTER_REQUIRE_OK(h->Unmount(Alice(), "/a/b"));
  MASTER_REQUIRE_OK(h->Unmount(Alice(), "/a"));
  CHECK(h->GetMountTable().size() == 1);
}

TEST_CASE("delete of a mount point needs delete_mount_point and keeps its UFS", "[master]") {
  Harness h;
  std::string other = MakeOtherUfs(h);
  h.Mkdir("/d", wire::WriteType::kCacheThrough);
  MASTER_REQUIRE_OK(h->Mount(Alice(), "/d/mnt", other, wire::MountOptions{}));
  h.Stat("/d/mnt/x");
  wire::DeleteOptions recursive;
  recursive.recursive = true;
  MASTER_CHECK_CODE(h->Delete(Alice(), "/d/mnt", recursive), kFailedPrecondition);
  MASTER_CHECK_CODE(h->Delete(Alice(), "/d", recursive), kFailedPrecondition);
  CHECK(h.Exists("/d/mnt/x"));
  recursive.delete_mount_point = true;
  MASTER_REQUIRE_OK(h->Delete(Alice(), "/d", recursive));
  CHECK_FALSE(h.Exists("/d"));
  CHECK(h->GetMountTable().size() == 1);
  CHECK(std::filesystem::exists(other + "/x"));
  CHECK_FALSE(h.UfsExists("/d"));
}

TEST_CASE("rename across mount points is refused as a cross mount operation", "[master]") {
  Harness h;
  std::string other = MakeOtherUfs(h);
  MASTER_REQUIRE_OK(h->Mount(Alice(), "/mnt", other, wire::MountOptions{}));
  h.MakeFile("/f");
  MASTER_CHECK_ERROR(h->Rename(Alice(), "/f", "/mnt/f", wire::RenameOptions{}), kInvalidArgument,
                     "Renaming /f to /mnt/f is a cross mount operation");
  MASTER_CHECK_ERROR(h->Rename(Alice(), "/mnt/x", "/x", wire::RenameOptions{}), kInvalidArgument,
                     "Renaming /mnt/x to /x is a cross mount operation");
  CHECK(h.Exists("/f"));
  CHECK(std::filesystem::exists(other + "/x"));
  MASTER_CHECK_CODE(h->Rename(Alice(), "/mnt", "/mnt2", wire::RenameOptions{}), kInvalidArgument);
  CHECK(h.Stat("/mnt").mount_point);
  // Within one mount, renames reach that mount's UFS.
  MASTER_REQUIRE_OK(h->Rename(Alice(), "/mnt/x", "/mnt/y", wire::RenameOptions{}));
  CHECK(std::filesystem::exists(other + "/y"));
}

// Regression: renaming a directory that holds a mount point moved the mount point's inode but
// left the mount table entry at the old path, so the mount no longer resolved.
TEST_CASE("rename of a directory holding a mount point is refused (regression - orphaned mount)",
          "[master]") {
  Harness h;
  std::string other = MakeOtherUfs(h);
  h.Mkdir("/d");
  MASTER_REQUIRE_OK(h->Mount(Alice(), "/d/mnt", other, wire::MountOptions{}));
  MASTER_CHECK_CODE(h->Rename(Alice(), "/d", "/e", wire::RenameOptions{}), kInvalidArgument);
  CHECK(h.Exists("/d/mnt"));
  CHECK_FALSE(h.Exists("/e"));
  CHECK(h.Stat("/d/mnt/x").ufs_path == other + "/x");
}

// Regression: a THROUGH write below a mount persisted every unpersisted ancestor through the
// root UFS, mkdir-ing directories for the part of the path above the mount point there.
TEST_CASE(
    "a THROUGH write below a mount leaves the parent mount's UFS alone (regression - mkdir in "
    "the root UFS)",
    "[master]") {
  Harness h;
  std::string other = MakeOtherUfs(h);
  h.Mkdir("/a");  // MUST_CACHE: not in the root UFS
  MASTER_REQUIRE_OK(h->Mount(Alice(), "/a/mnt", other, wire::MountOptions{}));
  h.Mkdir("/a/mnt/d/e", wire::WriteType::kThrough);
  CHECK(std::filesystem::is_directory(other + "/d/e"));
  CHECK_FALSE(h.UfsExists("/a"));
  CHECK_FALSE(h.Stat("/a").persisted);
  h.MakeFile("/a/mnt/f", 0, wire::WriteType::kCacheThrough);
  CHECK(std::filesystem::exists(other + "/f"));
  CHECK_FALSE(h.UfsExists("/a"));
}

TEST_CASE("mounts and the namespace survive a restart over RocksDB", "[master]") {
  HarnessConfig config;
  config.rocks = true;
  Harness h(config);
  std::string other = MakeOtherUfs(h);
  wire::MountOptions options;
  options.read_only = true;
  options.properties = {{"custom.key", "v"}};
  MASTER_REQUIRE_OK(h->Mount(Alice(), "/mnt", other, options));
  wire::FileInfo x = h.Stat("/mnt/x");
  wire::FileInfo f = h.MakeFile("/d/f", 7);
  wire::SetAttributeOptions attrs;
  attrs.pinned = true;
  attrs.common.ttl = 100000;
  MASTER_REQUIRE_OK(h->SetAttribute(Alice(), "/d/f", attrs));
  auto before = h->GetMountTable();

  h.Restart();

  auto after = h->GetMountTable();
  CHECK(Summary(after) == Summary(before));
  const wire::MountPointInfo* m = FindMount(after, "/mnt");
  REQUIRE(m != nullptr);
  CHECK(m->read_only);
  CHECK(h.Stat("/mnt").mount_point);
  CHECK(h.Stat("/mnt/x").file_id == x.file_id);
  CHECK(h.Stat("/mnt/x").ufs_path == other + "/x");
  wire::FileInfo f2 = h.Stat("/d/f");
  CHECK(f2.file_id == f.file_id);
  CHECK(f2.length == 7);
  CHECK(f2.block_ids == f.block_ids);
  CHECK(f2.pinned);
  CHECK(f2.ttl == 100000);
  CHECK(h.Stat("/").length == 2);
  // The read-only flag still holds, and new ids do not reuse old ones.
  wire::CreateFileOptions create;
  create.write_type = wire::WriteType::kMustCache;
  MASTER_CHECK_CODE(h->CreateFile(Alice(), "/mnt/new", create), kPermissionDenied);
  auto g = h->CreateFile(Alice(), "/d/g", create);
  MASTER_REQUIRE_OK(g);
  CHECK(g->file_id != f.file_id);
  CHECK(g->file_id != x.file_id);
  CHECK(g->file_id > f.file_id);
  // Unmount after the restart works and is itself durable.
  MASTER_REQUIRE_OK(h->Unmount(Alice(), "/mnt"));
  h.Restart();
  CHECK(h->GetMountTable().size() == 1);
  CHECK_FALSE(h.Exists("/mnt"));
  CHECK(h.Exists("/d/g"));
}

// Regression: the mount table stored the URI as given, so "/data/" showed as "/data" until a
// restart and as "/data/" after it.
TEST_CASE(
    "a mount URI with a trailing slash reads the same after a restart (regression - untrimmed "
    "URI in the metastore)",
    "[master]") {
  HarnessConfig config;
  config.rocks = true;
  Harness h(config);
  std::string other = MakeOtherUfs(h);
  MASTER_REQUIRE_OK(h->Mount(Alice(), "/mnt", other + "/", wire::MountOptions{}));
  auto before = h->GetMountTable();
  REQUIRE(FindMount(before, "/mnt") != nullptr);
  CHECK(FindMount(before, "/mnt")->ufs_uri == other);
  h.Restart();
  auto after = h->GetMountTable();
  REQUIRE(FindMount(after, "/mnt") != nullptr);
  CHECK(FindMount(after, "/mnt")->ufs_uri == other);
  CHECK(h.Stat("/mnt/x").ufs_path == other + "/x");
}

TEST_CASE("GetMountTable masks secret properties", "[master]") {
  Harness h;
  wire::MountOptions options;
  options.properties = {{"s3a.secretKey", "hunter2"},
                        {"s3a.accessKeyId", "AKIA"},
                        {"my.password", "pw"},
                        {"alluxio.underfs.s3.region", "eu"}};
  MASTER_REQUIRE_OK(h->Mount(Alice(), "/mem", "mem://bucket2", options));
  auto table = h->GetMountTable();
  const wire::MountPointInfo* m = FindMount(table, "/mem");
  REQUIRE(m != nullptr);
  CHECK(m->ufs_type == "mem");
  CHECK(m->properties.at("s3a.secretKey") == "******");
  CHECK(m->properties.at("s3a.accessKeyId") == "******");
  CHECK(m->properties.at("my.password") == "******");
  CHECK(m->properties.at("alluxio.underfs.s3.region") == "eu");
}

TEST_CASE("an in-memory UFS can be mounted and written through", "[master]") {
  Harness h;
  auto mem = h.Ufs("mem://bucket3");
  MASTER_REQUIRE_OK(mem->Mkdirs("mem://bucket3/dir", ufs::MkdirsOptions{}));
  MASTER_REQUIRE_OK(h->Mount(Alice(), "/mem", "mem://bucket3/dir", wire::MountOptions{}));
  h.Mkdir("/mem/d", wire::WriteType::kThrough);
  auto exists = mem->Exists("mem://bucket3/dir/d");
  MASTER_REQUIRE_OK(exists);
  CHECK(*exists);
  CHECK(h.Stat("/mem/d").ufs_path == "mem://bucket3/dir/d");
  MASTER_CHECK_ERROR(h->Mount(Alice(), "/mem2", "mem://bucket3/missing", wire::MountOptions{}),
                     kNotFound, "Ufs path mem://bucket3/missing does not exist");
  MASTER_CHECK_CODE(h->Mount(Alice(), "/mem3", "mem://bucket3/dir/d", wire::MountOptions{}),
                    kInvalidArgument);
}

}  // namespace
}  // namespace alluxio::master
