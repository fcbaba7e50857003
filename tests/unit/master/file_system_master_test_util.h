// Helpers shared by the FileSystemMaster tests: a harness that builds a master over a heap or
// RocksDB store, a local or in-memory root UFS and a ManualClock; a fake BlockService that
// records what the master frees; Status assertions that print code and message.
#pragma once

#include <catch2/catch.hpp>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "lib/common/clock.h"
#include "lib/common/logging.h"
#include "lib/common/metrics.h"
#include "lib/common/result.h"
#include "lib/ufs/under_file_system.h"
#include "server/master/file_system_master.h"
#include "server/master/metastore/inode_store.h"
#include "tests/unit/master/metastore_test_util.h"

namespace alluxio::master::testing {

inline Status StatusOf(const Status& s) { return s; }
template <typename T>
Status StatusOf(const Result<T>& r) {
  return r.status();
}

// "<CODE>: <message>", for assertions that show both on failure.
inline std::string Describe(StatusCode code, std::string_view message) {
  return std::string(StatusCodeName(code)) + ": " + std::string(message);
}

}  // namespace alluxio::master::testing

// MASTER_REQUIRE_OK(expr): `expr` is a Status or a Result; fails the test with its text.
#define MASTER_REQUIRE_OK(expr)                                                    \
  do {                                                                             \
    ::alluxio::Status _master_status = ::alluxio::master::testing::StatusOf(expr); \
    INFO(_master_status.ToString());                                               \
    REQUIRE(_master_status.ok());                                                  \
  } while (0)
// MASTER_CHECK_ERROR(expr, kNotFound, "exact message")
#define MASTER_CHECK_ERROR(expr, expected_code, message)                                        \
  do {                                                                                          \
    ::alluxio::Status _master_status = ::alluxio::master::testing::StatusOf(expr);              \
    CHECK(_master_status.ToString() ==                                                          \
          ::alluxio::master::testing::Describe(::alluxio::StatusCode::expected_code, message)); \
  } while (0)
// MASTER_CHECK_CODE(expr, kNotFound): the code only (messages the compat page does not fix).
#define MASTER_CHECK_CODE(expr, expected_code)                                     \
  do {                                                                             \
    ::alluxio::Status _master_status = ::alluxio::master::testing::StatusOf(expr); \
    INFO(_master_status.ToString());                                               \
    CHECK(_master_status.code() == ::alluxio::StatusCode::expected_code);          \
  } while (0)

namespace alluxio::master::testing {

// Records FreeBlocks calls and serves locations for blocks a test declares cached.
class FakeBlockService final : public BlockService {
 public:
  std::vector<wire::BlockLocation> GetLocations(int64_t block_id) override {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = cached_.find(block_id);
    if (it == cached_.end()) return {};
    wire::BlockLocation loc;
    loc.worker_id = 1;
    loc.worker_address.host = "worker-1";
    loc.tier_alias = it->second;
    loc.medium_type = it->second;
    return {loc};
  }
  void FreeBlocks(const std::vector<int64_t>& block_ids) override {
    std::lock_guard<std::mutex> lock(mu_);
    ++free_calls_;
    for (int64_t id : block_ids) {
      freed_.push_back(id);
      cached_.erase(id);
    }
  }

  // Pretends a worker holds `block_id` in `tier`.
  void Cache(int64_t block_id, std::string tier = "MEM") {
    std::lock_guard<std::mutex> lock(mu_);
    cached_[block_id] = std::move(tier);
  }
  // Every block id passed to FreeBlocks, in call order.
  std::vector<int64_t> freed() const {
    std::lock_guard<std::mutex> lock(mu_);
    return freed_;
  }
  std::set<int64_t> freed_set() const {
    std::lock_guard<std::mutex> lock(mu_);
    return std::set<int64_t>(freed_.begin(), freed_.end());
  }
  int free_calls() const {
    std::lock_guard<std::mutex> lock(mu_);
    return free_calls_;
  }
  void Reset() {
    std::lock_guard<std::mutex> lock(mu_);
    freed_.clear();
    free_calls_ = 0;
  }

 private:
  mutable std::mutex mu_;
  std::map<int64_t, std::string> cached_;  // guarded by mu_
  std::vector<int64_t> freed_;             // guarded by mu_
  int free_calls_ = 0;                     // guarded by mu_
};

// Who calls in most tests (permissions are off unless a test turns them on).
inline CallerInfo Alice() { return CallerInfo{"alice", {"staff"}}; }

struct HarnessConfig {
  bool rocks = false;        // RocksDB store in the temp dir instead of the heap store
  bool permissions = false;  // options.permission_enabled
  std::string root_ufs;      // empty: a fresh local directory "<tmp>/ufs"
  std::function<void(FileSystemMasterOptions&)> tweak;  // adjusts the options
  std::function<void(ufs::UfsRegistry&)> registry;      // registers extra schemes
};

// A started FileSystemMaster and everything it needs. Members are declared in dependency
// order, so the master goes first on destruction.
class Harness {
 public:
  explicit Harness(HarnessConfig config = {}) : config_(std::move(config)) {
    registry_ = ufs::UfsRegistry::WithBuiltins();
    if (config_.registry) config_.registry(registry_);
    root_ufs_ = config_.root_ufs.empty() ? tmp_.Sub("ufs") : config_.root_ufs;
    options_.root_ufs = root_ufs_;
    options_.permission_enabled = config_.permissions;
    options_.superuser = "root";
    options_.supergroup = "supergroup";
    if (config_.tweak) config_.tweak(options_);
    OpenStore();
    StartMaster();
  }
  ~Harness() {
    master_.reset();
    store_.reset();
  }
  Harness(const Harness&) = delete;
  Harness& operator=(const Harness&) = delete;

  FileSystemMaster& master() { return *master_; }
  FileSystemMaster* operator->() { return master_.get(); }
  ManualClock& clock() { return clock_; }
  FakeBlockService& blocks() { return blocks_; }
  MetricsRegistry& metrics() { return metrics_; }
  ufs::UfsRegistry& registry() { return registry_; }
  InodeStore& store() { return *store_; }
  const std::string& root_ufs() const { return root_ufs_; }
  const TempDir& tmp() const { return tmp_; }

  // Stops the master, closes and reopens the store (RocksDB: from its directory; heap: the
  // same object), and starts a new master over it.
  void Restart() {
    master_.reset();
    if (config_.rocks) {
      store_.reset();
      OpenStore();
    }
    StartMaster();
  }

  // A UFS instance for `uri` from the harness's registry (shares the mem:// store).
  std::shared_ptr<ufs::UnderFileSystem> Ufs(const std::string& uri) {
    auto ufs = registry_.Create(uri, {});
    if (!ufs.ok()) FAIL(ufs.status().ToString());
    return *ufs;
  }
  // The UFS URI of the Alluxio path `path` under the root mount.
  std::string UfsPath(const std::string& path) const {
    return path == "/" ? root_ufs_ : root_ufs_ + path;
  }
  // Writes `content` to the root UFS at Alluxio path `path`, behind the master's back.
  void WriteUfs(const std::string& path, std::string_view content) {
    auto ufs = Ufs(root_ufs_);
    auto out = ufs->Create(UfsPath(path), ufs::CreateOptions{});
    MASTER_REQUIRE_OK(out);
    MASTER_REQUIRE_OK((*out)->Write(content));
    MASTER_REQUIRE_OK((*out)->Close());
  }
  void MkdirUfs(const std::string& path) {
    MASTER_REQUIRE_OK(Ufs(root_ufs_)->Mkdirs(UfsPath(path), ufs::MkdirsOptions{}));
  }
  bool UfsExists(const std::string& path) {
    auto exists = Ufs(root_ufs_)->Exists(UfsPath(path));
    MASTER_REQUIRE_OK(exists);
    return *exists;
  }
  bool UfsIsDirectory(const std::string& path) {
    auto st = Ufs(root_ufs_)->GetStatus(UfsPath(path));
    MASTER_REQUIRE_OK(st);
    return st->is_directory;
  }

  // Shortcuts with the default options; they fail the test on error.
  wire::FileInfo Stat(const std::string& path, const CallerInfo& caller = Alice()) {
    auto info = master_->GetStatus(caller, path, wire::GetStatusOptions{});
    MASTER_REQUIRE_OK(info);
    return *info;
  }
  bool Exists(const std::string& path) {
    wire::ExistsOptions options;
    options.load_metadata_type = wire::LoadMetadataType::kNever;
    auto exists = master_->Exists(Alice(), path, options);
    MASTER_REQUIRE_OK(exists);
    return *exists;
  }
  std::vector<std::string> ListNames(const std::string& path,
                                     wire::ListStatusOptions options = {}) {
    auto page = master_->ListStatus(Alice(), path, options, "", 0);
    MASTER_REQUIRE_OK(page);
    std::vector<std::string> names;
    for (const wire::FileInfo& f : page->entries) names.push_back(f.name);
    return names;
  }
  void Mkdir(const std::string& path, wire::WriteType write_type = wire::WriteType::kMustCache) {
    wire::CreateDirectoryOptions options;
    options.recursive = true;
    options.write_type = write_type;
    MASTER_REQUIRE_OK(master_->CreateDirectory(Alice(), path, options));
  }
  // Creates and completes a file of `length` bytes.
  wire::FileInfo MakeFile(const std::string& path, int64_t length = 0,
                          wire::WriteType write_type = wire::WriteType::kMustCache,
                          int64_t block_size = 0) {
    wire::CreateFileOptions create;
    create.recursive = true;
    create.write_type = write_type;
    if (block_size > 0) create.block_size_bytes = block_size;
    MASTER_REQUIRE_OK(master_->CreateFile(Alice(), path, create));
    CompleteFileOptions complete;
    complete.length = length;
    complete.write_type = write_type;
    auto info = master_->CompleteFile(Alice(), path, complete);
    MASTER_REQUIRE_OK(info);
    return *info;
  }
  // A persisted file: THROUGH with the UFS data written first, as a worker would.
  wire::FileInfo MakePersistedFile(const std::string& path, std::string_view content) {
    wire::CreateFileOptions create;
    create.recursive = true;
    create.write_type = wire::WriteType::kCacheThrough;
    MASTER_REQUIRE_OK(master_->CreateFile(Alice(), path, create));
    if (!content.empty()) WriteUfs(path, content);
    CompleteFileOptions complete;
    complete.length = static_cast<int64_t>(content.size());
    complete.write_type = wire::WriteType::kCacheThrough;
    auto info = master_->CompleteFile(Alice(), path, complete);
    MASTER_REQUIRE_OK(info);
    return *info;
  }

 private:
  void OpenStore() {
    if (config_.rocks) {
      RocksInodeStoreOptions options;
      options.dir = tmp_.Sub("metastore");
      options.block_cache_bytes = 1 << 20;
      options.write_buffer_bytes = 1 << 20;
      auto store = OpenRocksInodeStore(options);
      MASTER_REQUIRE_OK(store);
      store_ = std::move(store).value();
    } else if (!store_) {
      store_ = NewHeapInodeStore();
    }
  }
  void StartMaster() {
    master_ = std::make_unique<FileSystemMaster>(options_, store_.get(), &registry_, &clock_,
                                                 &logger_, &metrics_);
    master_->SetBlockService(&blocks_);
    MASTER_REQUIRE_OK(master_->Start());
  }

  HarnessConfig config_;
  TempDir tmp_;
  ManualClock clock_;
  Logger logger_{LogLevel::kWarn};
  MetricsRegistry metrics_;
  ufs::UfsRegistry registry_;
  FakeBlockService blocks_;
  FileSystemMasterOptions options_;
  std::string root_ufs_;
  std::unique_ptr<InodeStore> store_;
  std::unique_ptr<FileSystemMaster> master_;
};

}  // namespace alluxio::master::testing
