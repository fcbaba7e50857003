// FileSystemMaster metadata loading and sync (compat §5.6): load types NEVER / ONCE / ALWAYS,
// sync intervals 0 and > 0 driven by a ManualClock, changed and deleted UFS files, Alluxio-only
// files, and a UFS that is down (FaultInjectingUfs).
#include <catch2/catch.hpp>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "lib/ufs/fault_injecting_ufs.h"
#include "lib/ufs/memory_ufs.h"
#include "server/master/file_system_master.h"
#include "server/master/inode.h"
#include "tests/unit/master/file_system_master_test_util.h"

namespace alluxio::master {
namespace {

using testing::Alice;
using testing::Harness;
using testing::HarnessConfig;
using Load = wire::LoadMetadataType;

wire::ListStatusOptions ListWith(std::optional<Load> load, std::optional<int64_t> interval = {}) {
  wire::ListStatusOptions options;
  options.load_metadata_type = load;
  options.common.sync_interval_ms = interval;
  return options;
}

wire::GetStatusOptions StatWith(std::optional<Load> load, std::optional<int64_t> interval = {}) {
  wire::GetStatusOptions options;
  options.load_metadata_type = load;
  options.common.sync_interval_ms = interval;
  return options;
}

wire::ExistsOptions ExistsWith(Load load) {
  wire::ExistsOptions options;
  options.load_metadata_type = load;
  return options;
}

using Names = std::vector<std::string>;

// A harness config whose root UFS "mem://root" is `ufs`.
HarnessConfig RootedAt(std::shared_ptr<ufs::UnderFileSystem> ufs) {
  HarnessConfig config;
  config.root_ufs = "mem://root";
  config.registry = [ufs](ufs::UfsRegistry& registry) {
    registry.Register("mem",
                      [ufs](const std::string&, const std::map<std::string, std::string>&)
                          -> Result<std::shared_ptr<ufs::UnderFileSystem>> { return ufs; });
  };
  return config;
}

// A harness whose root UFS is "mem://root" behind a FaultInjectingUfs.
struct FaultyRoot {
  std::shared_ptr<ufs::MemoryUfs> base = std::make_shared<ufs::MemoryUfs>();
  std::shared_ptr<ufs::FaultInjectingUfs> faulty = std::make_shared<ufs::FaultInjectingUfs>(base);

  HarnessConfig Config() const { return RootedAt(faulty); }
};

// Forwards to another UFS and, once, runs a callback right after a GetStatus of a chosen path
// returns: a way to act between a sync's UFS call (made without the tree lock) and the moment
// the master applies its result.
class HookUfs final : public ufs::UnderFileSystem {
 public:
  explicit HookUfs(std::shared_ptr<ufs::UnderFileSystem> base) : base_(std::move(base)) {}

  void OnceAfterGetStatus(std::string path, std::function<void()> fn) {
    std::lock_guard<std::mutex> lock(mu_);
    hook_path_ = std::move(path);
    hook_ = std::move(fn);
  }

  std::string_view scheme() const override { return base_->scheme(); }
  bool IsObjectStore() const override { return base_->IsObjectStore(); }
  Result<ufs::UfsStatus> GetStatus(const std::string& path) override {
    auto status = base_->GetStatus(path);
    std::function<void()> fn;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (hook_ && path == hook_path_) std::swap(fn, hook_);
    }
    if (fn) fn();
    return status;
  }
  Result<bool> Exists(const std::string& path) override { return base_->Exists(path); }
  Status ListStatus(const std::string& path,
                    const std::function<Status(ufs::UfsStatus&&)>& fn) override {
    return base_->ListStatus(path, fn);
  }
  // Runs `fn` once inside the next Mkdirs (a THROUGH create directory holds the master's tree
  // lock exclusively across it).
  void OnceInMkdirs(std::function<void()> fn) {
    std::lock_guard<std::mutex> lock(mu_);
    mkdirs_hook_ = std::move(fn);
  }
  Status Mkdirs(const std::string& path, const ufs::MkdirsOptions& options) override {
    std::function<void()> fn;
    {
      std::lock_guard<std::mutex> lock(mu_);
      std::swap(fn, mkdirs_hook_);
    }
    if (fn) fn();
    return base_->Mkdirs(path, options);
  }
  Status DeleteFile(const std::string& path) override { return base_->DeleteFile(path); }
  Status DeleteDirectory(const std::string& path, bool recursive) override {
    return base_->DeleteDirectory(path, recursive);
  }
  Status Rename(const std::string& src, const std::string& dst) override {
    return base_->Rename(src, dst);
  }
  Result<std::unique_ptr<ufs::UfsInputStream>> Open(const std::string& path,
                                                    const ufs::OpenOptions& options) override {
    return base_->Open(path, options);
  }
  Result<std::unique_ptr<ufs::UfsOutputStream>> Create(const std::string& path,
                                                       const ufs::CreateOptions& options) override {
    return base_->Create(path, options);
  }
  Status SetMode(const std::string& path, int mode) override { return base_->SetMode(path, mode); }
  Status SetOwner(const std::string& path, const std::string& owner,
                  const std::string& group) override {
    return base_->SetOwner(path, owner, group);
  }
  Result<ufs::UfsSpace> GetSpace(const std::string& path) override { return base_->GetSpace(path); }

 private:
  const std::shared_ptr<ufs::UnderFileSystem> base_;
  std::mutex mu_;
  std::string hook_path_;              // guarded by mu_
  std::function<void()> hook_;         // guarded by mu_
  std::function<void()> mkdirs_hook_;  // guarded by mu_
};

TEST_CASE("TryGetStatus answers from the metastore and declines whatever would block", "[master]") {
  auto base = std::make_shared<ufs::MemoryUfs>();
  auto hook = std::make_shared<HookUfs>(base);
  Harness h(RootedAt(hook));
  h.WriteUfs("/u", "abc");
  // Not loaded yet: ONCE must ask the UFS, so the non-blocking attempt declines.
  CHECK_FALSE(h->TryGetStatus(Alice(), "/u", StatWith(Load::kOnce)).has_value());
  wire::FileInfo loaded = h.Stat("/u");
  auto fast = h->TryGetStatus(Alice(), "/u", StatWith(Load::kOnce));
  REQUIRE(fast.has_value());
  MASTER_REQUIRE_OK(*fast);
  CHECK((*fast)->file_id == loaded.file_id);
  CHECK((*fast)->length == 3);
  CHECK((*fast)->path == "/u");
  // A due sync needs the UFS too.
  CHECK_FALSE(h->TryGetStatus(Alice(), "/u", StatWith({}, 0)).has_value());
  // Answers that need no UFS are given, errors included.
  auto missing = h->TryGetStatus(Alice(), "/nope", StatWith(Load::kNever));
  REQUIRE(missing.has_value());
  MASTER_CHECK_ERROR(*missing, kNotFound, "Path \"/nope\" does not exist.");
  auto bad = h->TryGetStatus(Alice(), "relative", StatWith(Load::kNever));
  REQUIRE(bad.has_value());
  CHECK_FALSE(bad->ok());
  // While a writer holds the tree lock (across its UFS call), it declines instead of waiting.
  bool declined = false;
  hook->OnceInMkdirs(
      [&] { declined = !h->TryGetStatus(Alice(), "/u", StatWith(Load::kOnce)).has_value(); });
  wire::CreateDirectoryOptions through;
  through.write_type = wire::WriteType::kCacheThrough;
  MASTER_REQUIRE_OK(h->CreateDirectory(Alice(), "/through", through));
  CHECK(declined);
  CHECK(h->TryGetStatus(Alice(), "/u", StatWith(Load::kOnce)).has_value());
}

TEST_CASE("files created directly in the UFS appear on a ONCE listing", "[master]") {
  Harness h;
  h.WriteUfs("/u1", "abc");
  h.MkdirUfs("/ud");
  h.WriteUfs("/ud/inner", "z");
  CHECK(h.ListNames("/") == Names{"u1", "ud"});
  CHECK(h.Stat("/").length == 2);
  wire::FileInfo u1 = h.Stat("/u1");
  CHECK(u1.persisted);
  CHECK(u1.completed);
  CHECK(u1.length == 3);
  CHECK(u1.mode == 0644);
  CHECK_FALSE(u1.ufs_fingerprint.empty());
  CHECK(u1.block_ids == std::vector<int64_t>{BlockIdOf(u1.file_id, 0)});
  CHECK(u1.ufs_path == h.UfsPath("/u1"));
  wire::FileInfo ud = h.Stat("/ud");
  CHECK(ud.folder);
  CHECK(ud.persisted);
  CHECK(h.ListNames("/ud") == Names{"inner"});
  CHECK(h.Stat("/ud").length == 1);
}

TEST_CASE("get status of a UFS-only path loads it and its ancestors", "[master]") {
  Harness h;
  h.WriteUfs("/a/b/f", "12345");
  h.WriteUfs("/a/b/g", "1");
  h.WriteUfs("/a/other", "1");
  wire::FileInfo f = h.Stat("/a/b/f");
  CHECK(f.length == 5);
  CHECK(f.persisted);
  CHECK(h.Stat("/a").persisted);
  CHECK(h.Stat("/a").folder);
  // Only the components on the path were loaded.
  CHECK(h.Stat("/a").length == 1);
  CHECK(h.Stat("/a/b").length == 1);
  auto exists = h->Exists(Alice(), "/a/b/g", ExistsWith(Load::kOnce));
  MASTER_REQUIRE_OK(exists);
  CHECK(*exists);
  CHECK(h.Stat("/a/b").length == 2);
  CHECK(h.ListNames("/a") == Names{"b", "other"});
}

TEST_CASE("NEVER does not load metadata from the UFS", "[master]") {
  Harness h;
  h.WriteUfs("/u", "abc");
  MASTER_CHECK_ERROR(h->GetStatus(Alice(), "/u", StatWith(Load::kNever)), kNotFound,
                     "Path \"/u\" does not exist.");
  CHECK(h.ListNames("/", ListWith(Load::kNever)).empty());
  auto exists = h->Exists(Alice(), "/u", ExistsWith(Load::kNever));
  MASTER_REQUIRE_OK(exists);
  CHECK_FALSE(*exists);
  CHECK(h.Stat("/").length == 0);
  // The default (ONCE) does.
  CHECK(h.ListNames("/") == Names{"u"});
}

TEST_CASE("NEVER and an already loaded directory make no UFS call", "[master]") {
  FaultyRoot root;
  Harness h(root.Config());
  h.WriteUfs("/known", "k");
  CHECK(h.ListNames("/") == Names{"known"});
  root.faulty->ResetCounters();
  MASTER_CHECK_CODE(h->GetStatus(Alice(), "/nope", StatWith(Load::kNever)), kNotFound);
  CHECK(h.ListNames("/", ListWith(Load::kNever)) == Names{"known"});
  CHECK(h.ListNames("/") == Names{"known"});  // ONCE: already loaded
  CHECK(h.Stat("/known").length == 1);
  CHECK(root.faulty->Calls(ufs::FaultInjectingUfs::Op::kAny) == 0);
  // ONCE looks a missing path up in the UFS even below a loaded directory (Alluxio 2.9 only
  // skips paths its absent-path cache knows); ALWAYS asks every time.
  MASTER_CHECK_CODE(h->GetStatus(Alice(), "/nope", StatWith(Load::kOnce)), kNotFound);
  CHECK(root.faulty->Calls(ufs::FaultInjectingUfs::Op::kGetStatus) == 1);
  MASTER_CHECK_CODE(h->GetStatus(Alice(), "/nope", StatWith(Load::kAlways)), kNotFound);
  CHECK(root.faulty->Calls(ufs::FaultInjectingUfs::Op::kGetStatus) == 2);
  // Creating a missing path never asks the UFS.
  root.faulty->ResetCounters();
  h.MakeFile("/new", 3, wire::WriteType::kMustCache);
  CHECK(root.faulty->Calls(ufs::FaultInjectingUfs::Op::kGetStatus) == 0);
}

TEST_CASE("ONCE loads a directory's children only once, yet finds a new file by name", "[master]") {
  Harness h;
  h.WriteUfs("/x1", "1");
  CHECK(h.ListNames("/") == Names{"x1"});
  h.WriteUfs("/x2", "2");
  h.WriteUfs("/x3", "3");
  CHECK(h.ListNames("/") == Names{"x1"});  // the listing is not loaded again
  // Direct access loads a path Alluxio does not know (Alluxio 2.9's loadMetadataIfNotExist).
  auto st = h->GetStatus(Alice(), "/x2", StatWith(Load::kOnce));
  MASTER_REQUIRE_OK(st);
  CHECK(st->length == 1);
  auto exists = h->Exists(Alice(), "/x3", ExistsWith(Load::kOnce));
  MASTER_REQUIRE_OK(exists);
  CHECK(*exists);
  CHECK(h.ListNames("/") == Names{"x1", "x2", "x3"});
  MASTER_CHECK_ERROR(h->GetStatus(Alice(), "/x4", StatWith(Load::kOnce)), kNotFound,
                     "Path \"/x4\" does not exist.");
}

TEST_CASE("ALWAYS loads new UFS files but removes nothing", "[master]") {
  Harness h;
  h.WriteUfs("/x1", "1");
  CHECK(h.ListNames("/") == Names{"x1"});
  h.WriteUfs("/x2", "2");
  CHECK(h.ListNames("/", ListWith(Load::kAlways)) == Names{"x1", "x2"});
  h.WriteUfs("/x3", "3");
  auto x3 = h->GetStatus(Alice(), "/x3", StatWith(Load::kAlways));
  MASTER_REQUIRE_OK(x3);
  CHECK(x3->length == 1);
  MASTER_REQUIRE_OK(h.Ufs(h.root_ufs())->DeleteFile(h.UfsPath("/x1")));
  CHECK(h.ListNames("/", ListWith(Load::kAlways)) == Names{"x1", "x2", "x3"});
  CHECK(h.Stat("/").length == 3);
}

TEST_CASE("sync interval 0 adds new files and removes deleted persisted ones", "[master]") {
  Harness h;
  h.WriteUfs("/a", "a");
  h.WriteUfs("/b", "b");
  h.WriteUfs("/d/e", "e");
  CHECK(h.ListNames("/") == Names{"a", "b", "d"});
  wire::FileInfo e = h.Stat("/d/e");
  auto ufs = h.Ufs(h.root_ufs());
  MASTER_REQUIRE_OK(ufs->DeleteFile(h.UfsPath("/a")));
  MASTER_REQUIRE_OK(ufs->DeleteDirectory(h.UfsPath("/d"), true));
  h.WriteUfs("/c", "c");
  CHECK(h.ListNames("/", ListWith(std::nullopt, 0)) == Names{"b", "c"});
  CHECK(h.Stat("/").length == 2);
  MASTER_CHECK_CODE(h->GetStatusById(Alice(), e.file_id), kNotFound);
  CHECK(h.blocks().freed_set().count(e.block_ids.at(0)) == 1);
  // A get status with interval 0 notices a deletion too.
  MASTER_REQUIRE_OK(ufs->DeleteFile(h.UfsPath("/b")));
  MASTER_CHECK_ERROR(h->GetStatus(Alice(), "/b", StatWith(std::nullopt, 0)), kNotFound,
                     "Path \"/b\" does not exist.");
  CHECK(h.Stat("/").length == 1);
}

TEST_CASE("sync interval 0 replaces a changed file with a new file id", "[master]") {
  Harness h;
  h.WriteUfs("/f", "abc");
  wire::FileInfo v1 = h.Stat("/f");
  auto same = h->GetStatus(Alice(), "/f", StatWith(std::nullopt, 0));
  MASTER_REQUIRE_OK(same);
  CHECK(same->file_id == v1.file_id);  // unchanged: same inode

  h.WriteUfs("/f", "abcdef");
  auto v2 = h->GetStatus(Alice(), "/f", StatWith(std::nullopt, 0));
  MASTER_REQUIRE_OK(v2);
  CHECK(v2->file_id != v1.file_id);
  CHECK(v2->length == 6);
  CHECK(v2->block_ids == std::vector<int64_t>{BlockIdOf(v2->file_id, 0)});
  CHECK(h.blocks().freed() == v1.block_ids);
  MASTER_CHECK_CODE(h->GetStatusById(Alice(), v1.file_id), kNotFound);
  CHECK(h.Stat("/").length == 1);

  // Through a listing as well.
  h.WriteUfs("/f", "x");
  auto page = h->ListStatus(Alice(), "/", ListWith(std::nullopt, 0), "", 0);
  MASTER_REQUIRE_OK(page);
  REQUIRE(page->entries.size() == 1);
  CHECK(page->entries[0].file_id != v2->file_id);
  CHECK(page->entries[0].length == 1);
  CHECK(h.blocks().freed_set().count(v2->block_ids.at(0)) == 1);
  CHECK(h.Stat("/").length == 1);
}

TEST_CASE("a file persisted through Alluxio is not reloaded by a sync", "[master]") {
  Harness h;
  wire::FileInfo p = h.MakePersistedFile("/p", "abc");
  wire::FileInfo e = h.MakePersistedFile("/e", "");
  auto st = h->GetStatus(Alice(), "/p", StatWith(std::nullopt, 0));
  MASTER_REQUIRE_OK(st);
  CHECK(st->file_id == p.file_id);
  auto page = h->ListStatus(Alice(), "/", ListWith(std::nullopt, 0), "", 0);
  MASTER_REQUIRE_OK(page);
  REQUIRE(page->entries.size() == 2);
  CHECK(page->entries[0].file_id == e.file_id);
  CHECK(page->entries[1].file_id == p.file_id);
  CHECK(h.blocks().freed().empty());
}

TEST_CASE("a sync interval above 0 syncs only once the interval has passed", "[master]") {
  Harness h;
  h.WriteUfs("/early", "1");
  CHECK(h.ListNames("/", ListWith(std::nullopt, 1000)) == Names{"early"});
  h.WriteUfs("/late", "2");
  MASTER_REQUIRE_OK(h.Ufs(h.root_ufs())->DeleteFile(h.UfsPath("/early")));
  CHECK(h.ListNames("/", ListWith(std::nullopt, 1000)) == Names{"early"});
  h.clock().AdvanceMs(999);
  CHECK(h.ListNames("/", ListWith(std::nullopt, 1000)) == Names{"early"});
  h.clock().AdvanceMs(1);
  CHECK(h.ListNames("/", ListWith(std::nullopt, 1000)) == Names{"late"});
}

TEST_CASE("the default sync interval applies when a call sets none", "[master]") {
  HarnessConfig config;
  config.tweak = [](FileSystemMasterOptions& o) { o.default_sync_interval_ms = 0; };
  Harness h(config);
  h.WriteUfs("/a", "1");
  CHECK(h.ListNames("/") == Names{"a"});
  MASTER_REQUIRE_OK(h.Ufs(h.root_ufs())->DeleteFile(h.UfsPath("/a")));
  h.WriteUfs("/b", "1");
  CHECK(h.ListNames("/") == Names{"b"});
  // A call's own interval wins over the default.
  h.WriteUfs("/c", "1");
  CHECK(h.ListNames("/", ListWith(std::nullopt, -1)) == Names{"b"});
}

// Regression: a get status with a sync interval stamped the directory as synced, so a listing
// right after it skipped the sync of the children and showed files the UFS no longer had.
TEST_CASE(
    "a directory's own sync does not stand in for a listing sync (regression - stale listing "
    "after get status)",
    "[master]") {
  Harness h;
  h.WriteUfs("/d/x", "1");
  CHECK(h.ListNames("/d", ListWith(std::nullopt, 1000)) == Names{"x"});
  h.clock().AdvanceMs(1000);
  MASTER_REQUIRE_OK(h.Ufs(h.root_ufs())->DeleteFile(h.UfsPath("/d/x")));
  h.WriteUfs("/d/y", "1");
  auto d = h->GetStatus(Alice(), "/d", StatWith(std::nullopt, 1000));
  MASTER_REQUIRE_OK(d);
  CHECK(h.ListNames("/d", ListWith(std::nullopt, 1000)) == Names{"y"});
  CHECK(h.Stat("/d").length == 1);
}

// Creates skip the sync step when no interval applies (they never load a missing path); an
// interval given with the create still syncs the path first.
TEST_CASE("a create syncs its path only when a sync interval applies", "[master]") {
  Harness h;
  h.WriteUfs("/gone", "1");
  CHECK(h.Stat("/gone").persisted);
  MASTER_REQUIRE_OK(h.Ufs(h.root_ufs())->DeleteFile(h.UfsPath("/gone")));
  wire::CreateFileOptions create;
  MASTER_CHECK_CODE(h->CreateFile(Alice(), "/gone", create), kAlreadyExists);
  create.common.sync_interval_ms = 0;
  auto created = h->CreateFile(Alice(), "/gone", create);
  MASTER_REQUIRE_OK(created);
  CHECK_FALSE(created->completed);
  CHECK_FALSE(h.Stat("/gone").persisted);
}

TEST_CASE("unpersisted Alluxio-only files survive a sync", "[master]") {
  Harness h;
  h.MakeFile("/local", 5, wire::WriteType::kMustCache);
  h.MakeFile("/async", 5, wire::WriteType::kAsyncThrough);
  h.Mkdir("/cachedir");
  wire::CreateFileOptions create;
  create.write_type = wire::WriteType::kCacheThrough;
  MASTER_REQUIRE_OK(h->CreateFile(Alice(), "/writing", create));  // incomplete
  h.WriteUfs("/ufsonly", "u");
  CHECK(h.ListNames("/", ListWith(std::nullopt, 0)) ==
        Names{"async", "cachedir", "local", "ufsonly", "writing"});
  CHECK(h.Stat("/").length == 5);
  auto local = h->GetStatus(Alice(), "/local", StatWith(std::nullopt, 0));
  MASTER_REQUIRE_OK(local);
  CHECK(local->length == 5);
  auto writing = h->GetStatus(Alice(), "/writing", StatWith(std::nullopt, 0));
  MASTER_REQUIRE_OK(writing);
  CHECK_FALSE(writing->completed);
}

// Regression: a sync that found a directory gone from the UFS deleted it from Alluxio even
// when a mount point lay below it (leaving the mount table naming a path that no longer
// existed), and a get status of such a directory failed with FAILED_PRECONDITION.
TEST_CASE("a sync keeps a directory holding a mount point (regression - sync orphaned the mount)",
          "[master]") {
  Harness h;
  std::string other = h.tmp().Sub("other");
  std::filesystem::create_directories(other);
  h.Mkdir("/d", wire::WriteType::kCacheThrough);
  h.Mkdir("/e", wire::WriteType::kCacheThrough);
  MASTER_REQUIRE_OK(h->Mount(Alice(), "/d/mnt", other, wire::MountOptions{}));
  std::filesystem::create_directories(h.tmp().Sub("ufs2"));
  MASTER_REQUIRE_OK(h->Mount(Alice(), "/e/mnt", h.tmp().Sub("ufs2"), wire::MountOptions{}));
  std::filesystem::remove_all(h.UfsPath("/d"));
  std::filesystem::remove_all(h.UfsPath("/e"));

  auto d = h->GetStatus(Alice(), "/d", StatWith(std::nullopt, 0));
  MASTER_REQUIRE_OK(d);
  CHECK(h.ListNames("/", ListWith(std::nullopt, 0)) == Names{"d", "e"});
  CHECK(h.Stat("/d/mnt").mount_point);
  CHECK(h.Stat("/e/mnt").mount_point);
  CHECK(h->GetMountTable().size() == 3);
}

TEST_CASE("a UFS that is down fails loading with UNAVAILABLE but loaded metadata stays readable",
          "[master]") {
  FaultyRoot root;
  Harness h(root.Config());
  h.WriteUfs("/known", "k");
  h.WriteUfs("/dir/inner", "i");
  CHECK(h.ListNames("/") == Names{"dir", "known"});
  root.faulty->SetDown(true);

  CHECK(h.Stat("/known").length == 1);
  CHECK(h.Stat("/dir").folder);
  CHECK(h.ListNames("/") == Names{"dir", "known"});
  MASTER_CHECK_CODE(h->GetStatus(Alice(), "/dir/inner", wire::GetStatusOptions{}), kUnavailable);
  MASTER_CHECK_CODE(h->ListStatus(Alice(), "/dir", wire::ListStatusOptions{}, "", 0), kUnavailable);
  MASTER_CHECK_CODE(h->GetStatus(Alice(), "/known", StatWith(std::nullopt, 0)), kUnavailable);
  MASTER_CHECK_CODE(h->GetStatus(Alice(), "/dir/inner", StatWith(Load::kNever)), kNotFound);
  // Nothing was lost while the UFS was away.
  CHECK(h.Stat("/known").length == 1);
  CHECK(h.Stat("/").length == 2);

  root.faulty->SetDown(false);
  CHECK(h.Stat("/dir/inner").length == 1);
  CHECK(h.ListNames("/dir") == Names{"inner"});
}

TEST_CASE("a THROUGH create fails cleanly when the UFS refuses the directory", "[master]") {
  FaultyRoot root;
  Harness h(root.Config());
  root.faulty->FailNext(ufs::FaultInjectingUfs::Op::kMkdirs,
                        Status::Unavailable("injected mkdirs failure"));
  wire::CreateDirectoryOptions options;
  options.recursive = true;
  options.write_type = wire::WriteType::kThrough;
  MASTER_CHECK_CODE(h->CreateDirectory(Alice(), "/a/b", options), kUnavailable);
  CHECK_FALSE(h.Exists("/a"));
  CHECK(h.Stat("/").length == 0);
  MASTER_REQUIRE_OK(h->CreateDirectory(Alice(), "/a/b", options));
  CHECK(h.Stat("/a/b").persisted);
}

TEST_CASE("a persisted delete the UFS refuses leaves Alluxio unchanged", "[master]") {
  FaultyRoot root;
  Harness h(root.Config());
  h.MakePersistedFile("/f", "abc");
  root.faulty->FailNext(ufs::FaultInjectingUfs::Op::kDelete,
                        Status::PermissionDenied("injected delete failure"));
  MASTER_CHECK_CODE(h->Delete(Alice(), "/f", wire::DeleteOptions{}), kPermissionDenied);
  CHECK(h.Exists("/f"));
  CHECK(h.blocks().freed().empty());
  root.faulty->FailNext(ufs::FaultInjectingUfs::Op::kRename,
                        Status::Unavailable("injected rename failure"));
  MASTER_CHECK_CODE(h->Rename(Alice(), "/f", "/g", wire::RenameOptions{}), kUnavailable);
  CHECK(h.Exists("/f"));
  CHECK_FALSE(h.Exists("/g"));
}

// Regression: a sync compared the UFS status it fetched (without the lock) with whatever inode
// held the path when it applied, persisted or not. A file deleted and re-created in Alluxio in
// between was replaced by the UFS copy and its blocks were freed: the new data was lost.
TEST_CASE(
    "a sync leaves alone a file re-created in Alluxio while it asked the UFS (regression - race "
    "replaced an Alluxio-only file)",
    "[master]") {
  auto hook = std::make_shared<HookUfs>(std::make_shared<ufs::MemoryUfs>());
  Harness h(RootedAt(hook));
  h.WriteUfs("/f", "ufs data");
  CHECK(h.ListNames("/") == Names{"f"});
  wire::FileInfo recreated;
  hook->OnceAfterGetStatus("mem://root/f", [&] {
    wire::DeleteOptions alluxio_only;
    alluxio_only.alluxio_only = true;
    CHECK(h->Delete(Alice(), "/f", alluxio_only).ok());
    recreated = h.MakeFile("/f", 5, wire::WriteType::kMustCache);
  });
  auto st = h->GetStatus(Alice(), "/f", StatWith(std::nullopt, 0));
  MASTER_REQUIRE_OK(st);
  REQUIRE(recreated.file_id != 0);
  CHECK(st->file_id == recreated.file_id);
  CHECK(st->length == 5);
  CHECK(st->persistence_state == "NOT_PERSISTED");
  CHECK(h.blocks().freed_set().count(recreated.block_ids.at(0)) == 0);
}

}  // namespace
}  // namespace alluxio::master
