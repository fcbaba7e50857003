// FileSystemMaster: create, complete, FileInfo, list, delete and rename,
// with Alluxio's codes and messages (compat page §1.7, §5). Set attribute and free, mounts,
// metadata sync, TTL, permissions and concurrency have files of their own.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "server/master/file_system_master.h"
#include "server/master/inode.h"
#include "tests/unit/master/file_system_master_test_util.h"

namespace alluxio::master {
namespace {

using testing::Alice;
using testing::Harness;

wire::CreateDirectoryOptions Mkdir(bool recursive = false) {
  wire::CreateDirectoryOptions options;
  options.recursive = recursive;
  options.write_type = wire::WriteType::kMustCache;
  return options;
}

wire::CreateFileOptions Create(bool recursive = false) {
  wire::CreateFileOptions options;
  options.recursive = recursive;
  options.write_type = wire::WriteType::kMustCache;
  return options;
}

wire::DeleteOptions Recursive(bool recursive = true) {
  wire::DeleteOptions options;
  options.recursive = recursive;
  return options;
}

// ---------------------------------------------------------------- create directory

TEST_CASE("create directory with recursive creates every missing ancestor", "[master]") {
  Harness h;
  MASTER_REQUIRE_OK(h->CreateDirectory(Alice(), "/a/b/c", Mkdir(true)));
  CHECK(h.Stat("/a").folder);
  CHECK(h.Stat("/a/b").folder);
  wire::FileInfo c = h.Stat("/a/b/c");
  CHECK(c.folder);
  CHECK(c.completed);
  CHECK(c.path == "/a/b/c");
  CHECK(c.name == "c");
  CHECK(h.Stat("/a").length == 1);
  CHECK(h.Stat("/a/b/c").length == 0);
}

TEST_CASE("create directory under a missing parent names the missing component", "[master]") {
  Harness h;
  MASTER_CHECK_ERROR(h->CreateDirectory(Alice(), "/a/b", Mkdir()), kNotFound,
                     "File /a/b creation failed. Component 1(a) does not exist");
  CHECK_FALSE(h.Exists("/a"));
  h.Mkdir("/a");
  MASTER_CHECK_ERROR(h->CreateDirectory(Alice(), "/a/b/c", Mkdir()), kNotFound,
                     "File /a/b/c creation failed. Component 2(b) does not exist");
  MASTER_REQUIRE_OK(h->CreateDirectory(Alice(), "/a/b", Mkdir()));
  CHECK(h.Stat("/a/b").folder);
}

TEST_CASE("create directory on an existing path returns ALREADY_EXISTS unless allow_exists",
          "[master]") {
  Harness h;
  h.Mkdir("/a");
  h.MakeFile("/f");
  MASTER_CHECK_ERROR(h->CreateDirectory(Alice(), "/a", Mkdir()), kAlreadyExists,
                     "Not allowed to create directory because path already exists: /a");
  auto allow = Mkdir();
  allow.allow_exists = true;
  MASTER_REQUIRE_OK(h->CreateDirectory(Alice(), "/a", allow));
  // allow_exists covers an existing directory, not a file.
  MASTER_CHECK_ERROR(h->CreateDirectory(Alice(), "/f", allow), kAlreadyExists,
                     "Not allowed to create directory because path already exists: /f");
  CHECK_FALSE(h.Stat("/f").folder);
}

TEST_CASE("create directory of the root returns ALREADY_EXISTS", "[master]") {
  Harness h;
  MASTER_CHECK_ERROR(h->CreateDirectory(Alice(), "/", Mkdir()), kAlreadyExists,
                     "Not allowed to create existing root path: /");
  auto allow = Mkdir(true);
  allow.allow_exists = true;
  MASTER_CHECK_ERROR(h->CreateDirectory(Alice(), "/", allow), kAlreadyExists,
                     "Not allowed to create existing root path: /");
}

TEST_CASE("create directory below a file returns INVALID_ARGUMENT", "[master]") {
  Harness h;
  h.MakeFile("/f");
  Status st = h->CreateDirectory(Alice(), "/f/x", Mkdir(true));
  CHECK(st.code() == StatusCode::kInvalidArgument);
  CHECK(std::string(st.message()).rfind("Could not traverse to parent directory of path /f/x", 0) ==
        0);
  Status file_st = h->CreateFile(Alice(), "/f/y", Create(true)).status();
  CHECK(file_st.code() == StatusCode::kInvalidArgument);
  CHECK(std::string(file_st.message())
            .rfind("Could not traverse to parent directory of path /f/y", 0) == 0);
}

TEST_CASE("create directory defaults to mode 0755 under umask 022 and the caller's owner",
          "[master]") {
  Harness h;
  MASTER_REQUIRE_OK(h->CreateDirectory(Alice(), "/d/e", Mkdir(true)));
  wire::FileInfo d = h.Stat("/d");
  wire::FileInfo e = h.Stat("/d/e");
  CHECK(e.mode == 493);
  CHECK(d.mode == 493);
  CHECK(e.owner == "alice");
  CHECK(e.group == "staff");
  auto explicit_mode = Mkdir();
  explicit_mode.mode = 0700;
  MASTER_REQUIRE_OK(h->CreateDirectory(Alice(), "/p", explicit_mode));
  CHECK(h.Stat("/p").mode == 0700);
}

TEST_CASE("create directory honours a custom umask", "[master]") {
  testing::HarnessConfig config;
  config.tweak = [](FileSystemMasterOptions& o) { o.umask = 077; };
  Harness h(config);
  MASTER_REQUIRE_OK(h->CreateDirectory(Alice(), "/d", Mkdir()));
  CHECK(h.Stat("/d").mode == 0700);
  auto f = h->CreateFile(Alice(), "/f", Create());
  MASTER_REQUIRE_OK(f);
  CHECK(f->mode == 0600);
}

TEST_CASE("CACHE_THROUGH and THROUGH directories are created in the UFS and PERSISTED",
          "[master]") {
  for (wire::WriteType wt : {wire::WriteType::kCacheThrough, wire::WriteType::kThrough}) {
    Harness h;
    wire::CreateDirectoryOptions options;
    options.recursive = true;
    options.write_type = wt;
    MASTER_REQUIRE_OK(h->CreateDirectory(Alice(), "/x/y", options));
    for (const char* p : {"/x", "/x/y"}) {
      INFO(p);
      wire::FileInfo info = h.Stat(p);
      CHECK(info.persisted);
      CHECK(info.persistence_state == "PERSISTED");
      CHECK(h.UfsExists(p));
      CHECK(h.UfsIsDirectory(p));
    }
  }
}

TEST_CASE("MUST_CACHE and ASYNC_THROUGH directories stay out of the UFS", "[master]") {
  for (wire::WriteType wt : {wire::WriteType::kMustCache, wire::WriteType::kAsyncThrough}) {
    Harness h;
    wire::CreateDirectoryOptions options;
    options.recursive = true;
    options.write_type = wt;
    MASTER_REQUIRE_OK(h->CreateDirectory(Alice(), "/x/y", options));
    wire::FileInfo info = h.Stat("/x/y");
    CHECK_FALSE(info.persisted);
    CHECK(info.persistence_state == "NOT_PERSISTED");
    CHECK_FALSE(h.UfsExists("/x"));
  }
}

TEST_CASE("a THROUGH directory below an unpersisted one persists the ancestor", "[master]") {
  Harness h;
  h.Mkdir("/a");
  CHECK_FALSE(h.Stat("/a").persisted);
  h.Mkdir("/a/b", wire::WriteType::kThrough);
  CHECK(h.Stat("/a").persisted);
  CHECK(h.Stat("/a/b").persisted);
  CHECK(h.UfsIsDirectory("/a/b"));
}

// ---------------------------------------------------------------- create and complete file

TEST_CASE("create file has Alluxio's defaults of 64MiB blocks, mode 0644, not completed",
          "[master]") {
  Harness h;
  auto created = h->CreateFile(Alice(), "/f", Create());
  MASTER_REQUIRE_OK(created);
  CHECK(created->block_size_bytes == 64LL << 20);
  CHECK(created->mode == 420);
  CHECK_FALSE(created->completed);
  CHECK_FALSE(created->folder);
  CHECK(created->length == 0);
  CHECK(created->persistence_state == "NOT_PERSISTED");
  CHECK(created->owner == "alice");
  CHECK(created->group == "staff");
  CHECK(created->path == "/f");
  CHECK(created->file_id == h.Stat("/f").file_id);
  CHECK(created->block_ids.empty());
}

TEST_CASE("create file on an existing path returns ALREADY_EXISTS unless overwrite", "[master]") {
  Harness h;
  wire::FileInfo old = h.MakeFile("/f", 10);
  MASTER_CHECK_ERROR(h->CreateFile(Alice(), "/f", Create()), kAlreadyExists,
                     "Not allowed to create file because path already exists: /f");
  auto overwrite = Create();
  overwrite.overwrite = true;
  auto fresh = h->CreateFile(Alice(), "/f", overwrite);
  MASTER_REQUIRE_OK(fresh);
  CHECK(fresh->file_id != old.file_id);
  CHECK_FALSE(fresh->completed);
  CHECK(h.blocks().freed() == old.block_ids);
  CHECK(h.Stat("/").length == 1);
  // A directory is never overwritten by a file.
  h.Mkdir("/d");
  CHECK(h->CreateFile(Alice(), "/d", overwrite).status().code() == StatusCode::kAlreadyExists);
  CHECK(h.Stat("/d").folder);
}

TEST_CASE("create file under a missing parent without recursive is NOT_FOUND", "[master]") {
  Harness h;
  MASTER_CHECK_ERROR(h->CreateFile(Alice(), "/d/f", Create()), kNotFound,
                     "File /d/f creation failed. Component 1(d) does not exist");
  auto created = h->CreateFile(Alice(), "/d/e/f", Create(true));
  MASTER_REQUIRE_OK(created);
  CHECK(h.Stat("/d").mode == 0755);
  CHECK(h.Stat("/d/e").folder);
  CHECK(h.Stat("/d/e").length == 1);
}

TEST_CASE("create file of the root or with a non-positive block size is refused", "[master]") {
  Harness h;
  MASTER_CHECK_ERROR(h->CreateFile(Alice(), "/", Create()), kAlreadyExists,
                     "Not allowed to create existing root path: /");
  auto zero = Create();
  zero.block_size_bytes = 0;
  MASTER_CHECK_CODE(h->CreateFile(Alice(), "/f", zero), kInvalidArgument);
  CHECK_FALSE(h.Exists("/f"));
}

TEST_CASE("complete file derives length and block ids from the file id", "[master]") {
  Harness h;
  auto create = Create();
  create.block_size_bytes = 10;
  auto created = h->CreateFile(Alice(), "/f", create);
  MASTER_REQUIRE_OK(created);
  CompleteFileOptions complete;
  complete.length = 25;
  complete.write_type = wire::WriteType::kMustCache;
  auto done = h->CompleteFile(Alice(), "/f", complete);
  MASTER_REQUIRE_OK(done);
  int64_t id = created->file_id;
  std::vector<int64_t> expected{BlockIdOf(id, 0), BlockIdOf(id, 1), BlockIdOf(id, 2)};
  CHECK(done->completed);
  CHECK(done->length == 25);
  CHECK(done->block_ids == expected);
  wire::FileInfo info = h.Stat("/f");
  CHECK(info.block_ids == expected);
  REQUIRE(info.file_block_infos.size() == 3);
  CHECK(info.file_block_infos[0].offset == 0);
  CHECK(info.file_block_infos[1].offset == 10);
  CHECK(info.file_block_infos[2].offset == 20);
  CHECK(info.file_block_infos[2].block_info.length == 5);
  CHECK(info.file_block_infos[1].block_info.block_id == expected[1]);
  for (int64_t b : expected) CHECK(FileIdOfBlock(b) == id);
}

TEST_CASE("complete file twice returns ALREADY_EXISTS", "[master]") {
  Harness h;
  h.MakeFile("/f", 5);
  CompleteFileOptions complete;
  complete.length = 7;
  MASTER_CHECK_CODE(h->CompleteFile(Alice(), "/f", complete), kAlreadyExists);
  CHECK(h.Stat("/f").length == 5);
  MASTER_CHECK_ERROR(h->CompleteFile(Alice(), "/missing", complete), kNotFound,
                     "Path \"/missing\" does not exist.");
  complete.length = -1;
  MASTER_REQUIRE_OK(h->CreateFile(Alice(), "/g", Create()));
  MASTER_CHECK_CODE(h->CompleteFile(Alice(), "/g", complete), kInvalidArgument);
}

TEST_CASE("a MUST_CACHE file completes NOT_PERSISTED and never reaches the UFS", "[master]") {
  Harness h;
  wire::FileInfo f = h.MakeFile("/d/f", 100, wire::WriteType::kMustCache);
  CHECK(f.persistence_state == "NOT_PERSISTED");
  CHECK_FALSE(f.persisted);
  CHECK_FALSE(h.UfsExists("/d"));
  // Even an empty MUST_CACHE file stays out of the UFS.
  wire::FileInfo empty = h.MakeFile("/d/e", 0, wire::WriteType::kMustCache);
  CHECK(empty.persistence_state == "NOT_PERSISTED");
  CHECK_FALSE(h.UfsExists("/d/e"));
}

TEST_CASE("a non-empty ASYNC_THROUGH file completes TO_BE_PERSISTED", "[master]") {
  Harness h;
  wire::FileInfo f = h.MakeFile("/d/f", 100, wire::WriteType::kAsyncThrough);
  CHECK(f.persistence_state == "TO_BE_PERSISTED");
  CHECK_FALSE(f.persisted);
  CHECK_FALSE(h.UfsExists("/d/f"));
}

TEST_CASE("an empty ASYNC_THROUGH file is persisted at completion with its UFS file", "[master]") {
  Harness h;
  wire::FileInfo f = h.MakeFile("/d/f", 0, wire::WriteType::kAsyncThrough);
  CHECK(f.persistence_state == "PERSISTED");
  CHECK(f.persisted);
  CHECK(h.UfsExists("/d/f"));
  CHECK_FALSE(h.UfsIsDirectory("/d/f"));
  CHECK(h.Stat("/d").persisted);
  CHECK(h.UfsIsDirectory("/d"));
}

TEST_CASE("an empty CACHE_THROUGH or THROUGH file is created in the UFS at completion",
          "[master]") {
  for (wire::WriteType wt : {wire::WriteType::kCacheThrough, wire::WriteType::kThrough}) {
    Harness h;
    wire::FileInfo f = h.MakeFile("/f", 0, wt);
    CHECK(f.persisted);
    CHECK(h.UfsExists("/f"));
  }
}

TEST_CASE("THROUGH and CACHE_THROUGH create the UFS parents at create time", "[master]") {
  for (wire::WriteType wt : {wire::WriteType::kCacheThrough, wire::WriteType::kThrough}) {
    Harness h;
    h.Mkdir("/d");  // exists in Alluxio only
    wire::CreateFileOptions create;
    create.recursive = true;
    create.write_type = wt;
    MASTER_REQUIRE_OK(h->CreateFile(Alice(), "/d/e/f", create));
    CHECK(h.UfsIsDirectory("/d"));
    CHECK(h.UfsIsDirectory("/d/e"));
    CHECK_FALSE(h.UfsExists("/d/e/f"));  // the worker writes the file itself
    CHECK(h.Stat("/d").persisted);
    CHECK(h.Stat("/d/e").persisted);
    CHECK_FALSE(h.Stat("/d/e/f").persisted);
  }
}

TEST_CASE("a MUST_CACHE create leaves the UFS untouched", "[master]") {
  Harness h;
  MASTER_REQUIRE_OK(h->CreateFile(Alice(), "/d/e/f", Create(true)));
  CHECK_FALSE(h.UfsExists("/d"));
  CHECK_FALSE(h.Stat("/d").persisted);
}

TEST_CASE("a CACHE_THROUGH file completes PERSISTED with the UFS fingerprint", "[master]") {
  Harness h;
  wire::FileInfo f = h.MakePersistedFile("/f", "hello");
  CHECK(f.persisted);
  CHECK(f.length == 5);
  CHECK_FALSE(f.ufs_fingerprint.empty());
  CHECK(f.file_block_infos.size() == 1);
  REQUIRE(f.file_block_infos[0].ufs_locations.size() == 1);
  CHECK(f.file_block_infos[0].ufs_locations[0] == h.UfsPath("/f"));
}

// ---------------------------------------------------------------- FileInfo

TEST_CASE("a directory's length is its number of children", "[master]") {
  Harness h;
  h.Mkdir("/d/sub");
  h.MakeFile("/d/a");
  h.MakeFile("/d/b");
  CHECK(h.Stat("/d").length == 3);
  CHECK(h.Stat("/d").block_size_bytes == 0);
  CHECK(h.Stat("/").length == 1);
  MASTER_REQUIRE_OK(h->Delete(Alice(), "/d/a", wire::DeleteOptions{}));
  CHECK(h.Stat("/d").length == 2);
}

TEST_CASE("inAlluxioPercentage is 100 for empty files and follows the cached blocks", "[master]") {
  Harness h;
  CHECK(h.MakeFile("/empty", 0).in_alluxio_percentage == 100);
  wire::FileInfo f = h.MakeFile("/f", 20, wire::WriteType::kMustCache, 10);
  CHECK(f.in_alluxio_percentage == 0);
  REQUIRE(f.block_ids.size() == 2);
  h.blocks().Cache(f.block_ids[0], "MEM");
  wire::FileInfo half = h.Stat("/f");
  CHECK(half.in_alluxio_percentage == 50);
  CHECK(half.in_memory_percentage == 50);
  REQUIRE(half.file_block_infos[0].block_info.locations.size() == 1);
  CHECK(half.file_block_infos[0].block_info.locations[0].tier_alias == "MEM");
  h.blocks().Cache(f.block_ids[1], "SSD");
  wire::FileInfo all = h.Stat("/f");
  CHECK(all.in_alluxio_percentage == 100);
  CHECK(all.in_memory_percentage == 50);
  CHECK(h.Stat("/").in_alluxio_percentage == 0);
}

TEST_CASE("FileInfo carries ttl -1, mount point, UFS path, owner and group", "[master]") {
  Harness h;
  wire::FileInfo f = h.MakeFile("/d/f", 3);
  CHECK(f.ttl == -1);
  CHECK_FALSE(f.mount_point);
  CHECK(f.ufs_path == h.UfsPath("/d/f"));
  CHECK(f.owner == "alice");
  CHECK(f.group == "staff");
  CHECK(f.cacheable);
  CHECK_FALSE(f.pinned);
  wire::FileInfo root = h.Stat("/");
  CHECK(root.mount_point);
  CHECK(root.name.empty());
  CHECK(root.path == "/");
  CHECK(root.ufs_path == h.root_ufs());
  CHECK(root.persisted);
  CHECK(root.owner == "root");
  CHECK(root.mode == 0755);
  CHECK_FALSE(root.cacheable);
  wire::FileInfo d = h.Stat("/d");
  CHECK_FALSE(d.cacheable);
  CHECK(d.block_ids.empty());
  CHECK(d.ttl == -1);
  auto by_id = h->GetStatusById(Alice(), f.file_id);
  MASTER_REQUIRE_OK(by_id);
  CHECK(by_id->path == "/d/f");
  MASTER_CHECK_ERROR(h->GetStatus(Alice(), "/nope", wire::GetStatusOptions{}), kNotFound,
                     "Path \"/nope\" does not exist.");
}

TEST_CASE("a CallerInfo without groups makes the user its own group", "[master]") {
  Harness h;
  auto f = h->CreateFile(CallerInfo{"dave", {}}, "/f", Create());
  MASTER_REQUIRE_OK(f);
  CHECK(f->owner == "dave");
  CHECK(f->group == "dave");
}

// ---------------------------------------------------------------- list status

TEST_CASE("list status returns the children in byte order of their names", "[master]") {
  Harness h;
  for (const char* name : {"b", "a", "c", "B", "a0"}) h.MakeFile(std::string("/d/") + name);
  CHECK(h.ListNames("/d") == std::vector<std::string>{"B", "a", "a0", "b", "c"});
  auto page = h->ListStatus(Alice(), "/d", wire::ListStatusOptions{}, "", 0);
  MASTER_REQUIRE_OK(page);
  CHECK_FALSE(page->truncated);
  CHECK(page->entries[1].path == "/d/a");
}

TEST_CASE("list status pages with start_after and limit", "[master]") {
  Harness h;
  for (const char* name : {"a", "b", "c", "d", "e"}) h.MakeFile(std::string("/d/") + name);
  auto names = [](const ListPage& p) {
    std::vector<std::string> out;
    for (const auto& f : p.entries) out.push_back(f.name);
    return out;
  };
  auto p1 = h->ListStatus(Alice(), "/d", wire::ListStatusOptions{}, "", 2);
  MASTER_REQUIRE_OK(p1);
  CHECK(names(*p1) == std::vector<std::string>{"a", "b"});
  CHECK(p1->truncated);
  auto p2 = h->ListStatus(Alice(), "/d", wire::ListStatusOptions{}, "b", 2);
  MASTER_REQUIRE_OK(p2);
  CHECK(names(*p2) == std::vector<std::string>{"c", "d"});
  CHECK(p2->truncated);
  auto p3 = h->ListStatus(Alice(), "/d", wire::ListStatusOptions{}, "d", 2);
  MASTER_REQUIRE_OK(p3);
  CHECK(names(*p3) == std::vector<std::string>{"e"});
  CHECK_FALSE(p3->truncated);
  // A page that ends exactly at the last child is not truncated.
  auto exact = h->ListStatus(Alice(), "/d", wire::ListStatusOptions{}, "c", 2);
  MASTER_REQUIRE_OK(exact);
  CHECK(names(*exact) == std::vector<std::string>{"d", "e"});
  CHECK_FALSE(exact->truncated);
  // start_after needs not name an existing child.
  auto between = h->ListStatus(Alice(), "/d", wire::ListStatusOptions{}, "bb", 0);
  MASTER_REQUIRE_OK(between);
  CHECK(names(*between) == std::vector<std::string>{"c", "d", "e"});
}

TEST_CASE("listing a file gives the file itself", "[master]") {
  Harness h;
  wire::FileInfo f = h.MakeFile("/d/f", 4);
  auto page = h->ListStatus(Alice(), "/d/f", wire::ListStatusOptions{}, "", 0);
  MASTER_REQUIRE_OK(page);
  REQUIRE(page->entries.size() == 1);
  CHECK(page->entries[0].path == "/d/f");
  CHECK(page->entries[0].file_id == f.file_id);
  CHECK(page->entries[0].length == 4);
}

TEST_CASE("listing a missing path is NOT_FOUND", "[master]") {
  Harness h;
  MASTER_CHECK_ERROR(h->ListStatus(Alice(), "/nope", wire::ListStatusOptions{}, "", 0), kNotFound,
                     "Path \"/nope\" does not exist.");
}

// ---------------------------------------------------------------- delete

TEST_CASE("delete of a non-empty directory needs recursive", "[master]") {
  Harness h;
  wire::FileInfo a = h.MakeFile("/d/a", 10);
  wire::FileInfo b = h.MakeFile("/d/e/b", 10);
  MASTER_CHECK_ERROR(h->Delete(Alice(), "/d", Recursive(false)), kFailedPrecondition,
                     "Cannot delete non-empty directory /d because recursive is set to false");
  CHECK(h.Exists("/d/a"));
  MASTER_REQUIRE_OK(h->Delete(Alice(), "/d", Recursive()));
  CHECK_FALSE(h.Exists("/d"));
  CHECK_FALSE(h.Exists("/d/e/b"));
  CHECK(h.Stat("/").length == 0);
  std::set<int64_t> expected(a.block_ids.begin(), a.block_ids.end());
  expected.insert(b.block_ids.begin(), b.block_ids.end());
  CHECK(h.blocks().freed_set() == expected);
  MASTER_CHECK_CODE(h->GetStatusById(Alice(), b.file_id), kNotFound);
  // An empty directory needs no recursive flag.
  h.Mkdir("/empty");
  MASTER_REQUIRE_OK(h->Delete(Alice(), "/empty", Recursive(false)));
  CHECK_FALSE(h.Exists("/empty"));
}

TEST_CASE("delete of a persisted path removes it from the UFS", "[master]") {
  Harness h;
  h.MakePersistedFile("/f", "abc");
  h.Mkdir("/d", wire::WriteType::kCacheThrough);
  h.MakePersistedFile("/d/g", "xyz");
  REQUIRE(h.UfsExists("/f"));
  MASTER_REQUIRE_OK(h->Delete(Alice(), "/f", wire::DeleteOptions{}));
  CHECK_FALSE(h.UfsExists("/f"));
  MASTER_REQUIRE_OK(h->Delete(Alice(), "/d", Recursive()));
  CHECK_FALSE(h.UfsExists("/d"));
  CHECK_FALSE(h.Exists("/d"));
}

TEST_CASE("delete with alluxio_only keeps the UFS copy", "[master]") {
  Harness h;
  h.MakePersistedFile("/d/f", "abc");
  wire::DeleteOptions options = Recursive();
  options.alluxio_only = true;
  MASTER_REQUIRE_OK(h->Delete(Alice(), "/d", options));
  CHECK_FALSE(h.Exists("/d"));
  CHECK(h.UfsExists("/d/f"));
}

TEST_CASE("delete of the root or a missing path is refused", "[master]") {
  Harness h;
  MASTER_CHECK_CODE(h->Delete(Alice(), "/", Recursive()), kInvalidArgument);
  CHECK(h.Exists("/"));
  MASTER_CHECK_ERROR(h->Delete(Alice(), "/nope", wire::DeleteOptions{}), kNotFound,
                     "Path \"/nope\" does not exist.");
}

TEST_CASE("delete of a persisted file the UFS already lost still succeeds", "[master]") {
  Harness h;
  h.MakePersistedFile("/f", "abc");
  MASTER_REQUIRE_OK(h.Ufs(h.root_ufs())->DeleteFile(h.UfsPath("/f")));
  MASTER_REQUIRE_OK(h->Delete(Alice(), "/f", wire::DeleteOptions{}));
  CHECK_FALSE(h.Exists("/f"));
}

// ---------------------------------------------------------------- rename

TEST_CASE("rename moves a file into another directory and fixes both child counts", "[master]") {
  Harness h;
  wire::FileInfo f = h.MakeFile("/a/f", 3);
  h.Mkdir("/b");
  MASTER_REQUIRE_OK(h->Rename(Alice(), "/a/f", "/b/g", wire::RenameOptions{}));
  CHECK_FALSE(h.Exists("/a/f"));
  wire::FileInfo g = h.Stat("/b/g");
  CHECK(g.file_id == f.file_id);
  CHECK(g.name == "g");
  CHECK(g.path == "/b/g");
  CHECK(g.length == 3);
  CHECK(h.Stat("/a").length == 0);
  CHECK(h.Stat("/b").length == 1);
  CHECK(h.ListNames("/b") == std::vector<std::string>{"g"});
}

TEST_CASE("rename within a directory keeps its child count", "[master]") {
  Harness h;
  h.MakeFile("/d/x");
  h.MakeFile("/d/y");
  MASTER_REQUIRE_OK(h->Rename(Alice(), "/d/x", "/d/z", wire::RenameOptions{}));
  CHECK(h.Stat("/d").length == 2);
  CHECK(h.ListNames("/d") == std::vector<std::string>{"y", "z"});
  // Renaming a path to itself changes nothing.
  MASTER_REQUIRE_OK(h->Rename(Alice(), "/d/y", "/d/y", wire::RenameOptions{}));
  CHECK(h.Stat("/d").length == 2);
}

TEST_CASE("rename of a directory moves its whole subtree", "[master]") {
  Harness h;
  wire::FileInfo f = h.MakeFile("/a/b/c/f", 1);
  h.Mkdir("/x");
  MASTER_REQUIRE_OK(h->Rename(Alice(), "/a/b", "/x/b2", wire::RenameOptions{}));
  CHECK(h.Stat("/x/b2/c/f").file_id == f.file_id);
  CHECK(h.Stat("/a").length == 0);
  auto by_id = h->GetStatusById(Alice(), f.file_id);
  MASTER_REQUIRE_OK(by_id);
  CHECK(by_id->path == "/x/b2/c/f");
}

TEST_CASE("rename onto an existing path returns ALREADY_EXISTS", "[master]") {
  Harness h;
  h.MakeFile("/f");
  h.MakeFile("/g");
  h.Mkdir("/d");
  MASTER_CHECK_CODE(h->Rename(Alice(), "/f", "/g", wire::RenameOptions{}), kAlreadyExists);
  // An existing directory is not a destination either (the CLI moves into it itself).
  MASTER_CHECK_CODE(h->Rename(Alice(), "/f", "/d", wire::RenameOptions{}), kAlreadyExists);
  CHECK(h.Exists("/f"));
  CHECK(h.Stat("/d").length == 0);
}

TEST_CASE("rename into its own subtree is INVALID_ARGUMENT", "[master]") {
  Harness h;
  h.Mkdir("/a/b");
  MASTER_CHECK_CODE(h->Rename(Alice(), "/a", "/a/b/c", wire::RenameOptions{}), kInvalidArgument);
  CHECK(h.Stat("/a/b").folder);
  MASTER_CHECK_CODE(h->Rename(Alice(), "/", "/x", wire::RenameOptions{}), kInvalidArgument);
}

TEST_CASE("rename to a missing destination parent is NOT_FOUND", "[master]") {
  Harness h;
  h.MakeFile("/f");
  MASTER_CHECK_CODE(h->Rename(Alice(), "/f", "/no/such/g", wire::RenameOptions{}), kNotFound);
  CHECK(h.Exists("/f"));
  MASTER_CHECK_ERROR(h->Rename(Alice(), "/missing", "/g", wire::RenameOptions{}), kNotFound,
                     "Path \"/missing\" does not exist.");
  h.MakeFile("/file");
  MASTER_CHECK_CODE(h->Rename(Alice(), "/f", "/file/g", wire::RenameOptions{}), kInvalidArgument);
}

TEST_CASE("rename of a persisted file renames it in the UFS and persists the new parents",
          "[master]") {
  Harness h;
  h.MakePersistedFile("/a/f", "data");
  h.Mkdir("/b");  // not in the UFS yet
  MASTER_REQUIRE_OK(h->Rename(Alice(), "/a/f", "/b/g", wire::RenameOptions{}));
  CHECK_FALSE(h.UfsExists("/a/f"));
  CHECK(h.UfsExists("/b/g"));
  CHECK(h.Stat("/b").persisted);
  CHECK(h.Stat("/b/g").ufs_path == h.UfsPath("/b/g"));
  // A persisted directory moves in the UFS with its contents.
  h.MakePersistedFile("/p/q/r", "x");
  MASTER_REQUIRE_OK(h->Rename(Alice(), "/p", "/b/p", wire::RenameOptions{}));
  CHECK(h.UfsExists("/b/p/q/r"));
  CHECK_FALSE(h.UfsExists("/p"));
}

TEST_CASE("rename of an unpersisted file leaves the UFS alone", "[master]") {
  Harness h;
  h.MakeFile("/a/f", 3);
  h.Mkdir("/b");
  MASTER_REQUIRE_OK(h->Rename(Alice(), "/a/f", "/b/f", wire::RenameOptions{}));
  CHECK_FALSE(h.UfsExists("/b"));
  CHECK_FALSE(h.Stat("/b").persisted);
}

}  // namespace
}  // namespace alluxio::master
