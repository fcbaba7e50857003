#include "lib/client/metadata_cache.h"

#include <algorithm>

#include "lib/common/logging.h"
#include "lib/common/path.h"

namespace alluxio::client {

Result<MetadataCacheOptions> MetadataCacheOptionsFromConfiguration(
    const conf::Configuration& conf) {
  MetadataCacheOptions o;
  ASSIGN_OR_RETURN(o.enabled, conf.GetBool("alluxio.user.metadata.cache.enabled"));
  ASSIGN_OR_RETURN(int64_t max_size, conf.GetInt("alluxio.user.metadata.cache.max.size"));
  if (max_size < 0) {
    return Status::InvalidArgument(
        StrCat("alluxio.user.metadata.cache.max.size must be >= 0, not ", max_size));
  }
  o.max_size = static_cast<size_t>(max_size);
  ASSIGN_OR_RETURN(o.expiration_ms,
                   conf.GetDurationMs("alluxio.user.metadata.cache.expiration.time"));
  // A size or an expiration of 0 caches nothing.
  if (o.max_size == 0 || o.expiration_ms <= 0) o.enabled = false;
  return o;
}

// ---- MetadataCache ----------------------------------------------------------------------------

MetadataCache::MetadataCache(MetadataCacheOptions options, const Clock* clock)
    : options_(options), clock_(clock) {}

std::shared_ptr<const wire::FileInfo> MetadataCache::Get(const std::string& user,
                                                         const std::string& path) {
  const int64_t now = clock_->MonotonicMs();
  std::lock_guard<std::mutex> lock(mu_);
  auto it = paths_.find(path);
  if (it != paths_.end()) {
    auto& users = it->second.users;
    for (auto u = users.begin(); u != users.end(); ++u) {
      if (u->user != user) continue;
      if (now - u->stored_ms < options_.expiration_ms) {
        lru_.splice(lru_.begin(), lru_, it->second.lru);
        ++hits_;
        return u->info;
      }
      users.erase(u);  // expired
      if (users.empty()) EraseLocked(it);
      break;
    }
  }
  ++misses_;
  return nullptr;
}

uint64_t MetadataCache::generation() const {
  std::lock_guard<std::mutex> lock(mu_);
  return generation_;
}

void MetadataCache::Put(const std::string& user, const std::string& path, wire::FileInfo info,
                        uint64_t generation) {
  auto shared = std::make_shared<const wire::FileInfo>(std::move(info));
  const int64_t now = clock_->MonotonicMs();
  std::lock_guard<std::mutex> lock(mu_);
  // A mutation since the caller asked the master may have made this answer stale.
  if (generation != generation_) return;
  auto [it, inserted] = paths_.try_emplace(path);
  if (inserted) {
    lru_.push_front(path);
    it->second.lru = lru_.begin();
  } else {
    lru_.splice(lru_.begin(), lru_, it->second.lru);
  }
  auto& users = it->second.users;
  auto u = std::find_if(users.begin(), users.end(),
                        [&](const PathEntry::ForUser& e) { return e.user == user; });
  if (u == users.end()) {
    users.push_back(PathEntry::ForUser{user, now, std::move(shared)});
  } else {
    u->stored_ms = now;
    u->info = std::move(shared);
  }
  while (paths_.size() > options_.max_size && !lru_.empty()) {
    EraseLocked(paths_.find(lru_.back()));
  }
}

void MetadataCache::EraseLocked(Map::iterator it) {
  lru_.erase(it->second.lru);
  paths_.erase(it);
}

void MetadataCache::Invalidate(const std::string& path) {
  std::lock_guard<std::mutex> lock(mu_);
  ++generation_;
  auto it = paths_.find(path);
  if (it != paths_.end()) EraseLocked(it);
}

void MetadataCache::InvalidateTree(const std::string& path) {
  std::lock_guard<std::mutex> lock(mu_);
  ++generation_;
  // Keys sharing the prefix `path` are one contiguous range of the ordered map; of those, the
  // subtree is `path` itself and the keys continuing with '/' ("/ab" shares "/a" but is not in it).
  auto it = paths_.lower_bound(path);
  while (it != paths_.end() && it->first.compare(0, path.size(), path) == 0) {
    auto next = std::next(it);
    if (IsAncestorOrSelf(path, it->first)) EraseLocked(it);
    it = next;
  }
}

void MetadataCache::InvalidateAncestors(const std::string& path) {
  std::lock_guard<std::mutex> lock(mu_);
  ++generation_;
  std::string p = path;
  while (p != "/") {
    p = ParentPath(p);
    auto it = paths_.find(p);
    if (it != paths_.end()) EraseLocked(it);
  }
}

size_t MetadataCache::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return paths_.size();
}

int64_t MetadataCache::hits() const {
  std::lock_guard<std::mutex> lock(mu_);
  return hits_;
}

int64_t MetadataCache::misses() const {
  std::lock_guard<std::mutex> lock(mu_);
  return misses_;
}

// ---- MetadataCachingFileSystem ----------------------------------------------------------------

namespace {

// Drops the written file's status again when its stream ends: it was cached (if at all)
// while incomplete.
class DroppingOutStream final : public FileOutStream {
 public:
  DroppingOutStream(std::unique_ptr<FileOutStream> base, std::shared_ptr<MetadataCache> cache,
                    std::string path)
      : base_(std::move(base)), cache_(std::move(cache)), path_(std::move(path)) {}
  ~DroppingOutStream() override {
    base_.reset();  // an unclosed stream is cancelled by its own destructor
    Drop();
  }
  Status Write(std::string_view data) override { return base_->Write(data); }
  Status Close() override {
    Status st = base_->Close();
    Drop();
    return st;
  }
  void Cancel() override {
    base_->Cancel();
    Drop();
  }
  int64_t bytes_written() const override { return base_->bytes_written(); }

 private:
  void Drop() {
    cache_->Invalidate(path_);
    cache_->InvalidateAncestors(path_);
  }

  std::unique_ptr<FileOutStream> base_;
  const std::shared_ptr<MetadataCache> cache_;
  const std::string path_;
};

}  // namespace

std::unique_ptr<FileSystem> WithMetadataCache(std::unique_ptr<FileSystem> base,
                                              std::shared_ptr<MetadataCache> cache,
                                              std::string user) {
  if (!cache) return base;
  return std::make_unique<MetadataCachingFileSystem>(std::move(base), std::move(cache),
                                                     std::move(user));
}

MetadataCachingFileSystem::MetadataCachingFileSystem(std::unique_ptr<FileSystem> base,
                                                     std::shared_ptr<MetadataCache> cache,
                                                     std::string user)
    : base_(std::move(base)), cache_(std::move(cache)), user_(std::move(user)) {}

Result<wire::FileInfo> MetadataCachingFileSystem::GetStatus(const std::string& path,
                                                            const wire::GetStatusOptions& options) {
  auto norm = NormalizePath(path);
  if (!norm.ok()) return base_->GetStatus(path, options);  // the base words the error
  // Asking for a sync or a load type means "ask the master"; the answer still refreshes.
  const bool plain = options == wire::GetStatusOptions{};
  if (plain) {
    if (auto hit = cache_->Get(user_, *norm)) return *hit;
  }
  const uint64_t generation = cache_->generation();
  ASSIGN_OR_RETURN(wire::FileInfo info, base_->GetStatus(path, options));
  cache_->Put(user_, *norm, info, generation);
  return info;
}

std::shared_ptr<const wire::FileInfo> MetadataCachingFileSystem::CachedStatus(
    const std::string& path) {
  auto norm = NormalizePath(path);
  if (!norm.ok()) return nullptr;
  return cache_->Get(user_, *norm);
}

Result<wire::FileInfo> MetadataCachingFileSystem::GetStatusById(int64_t file_id) {
  return base_->GetStatusById(file_id);
}

Status MetadataCachingFileSystem::ListStatus(const std::string& path,
                                             const wire::ListStatusOptions& options,
                                             const std::function<Status(wire::FileInfo&&)>& fn) {
  return base_->ListStatus(path, options, fn);
}

Result<bool> MetadataCachingFileSystem::Exists(const std::string& path,
                                               const wire::ExistsOptions& options) {
  return base_->Exists(path, options);
}

void MetadataCachingFileSystem::DropTree(const std::string& path) {
  auto norm = NormalizePath(path);
  if (norm.ok()) cache_->InvalidateTree(*norm);
}

void MetadataCachingFileSystem::DropTreeAndAncestors(const std::string& path) {
  auto norm = NormalizePath(path);
  if (!norm.ok()) return;
  cache_->InvalidateTree(*norm);
  cache_->InvalidateAncestors(*norm);
}

void MetadataCachingFileSystem::DropCachedStatus(const std::string& path) {
  auto norm = NormalizePath(path);
  if (norm.ok()) cache_->Invalidate(*norm);
}

Status MetadataCachingFileSystem::CreateDirectory(const std::string& path,
                                                  const wire::CreateDirectoryOptions& options) {
  Status st = base_->CreateDirectory(path, options);
  DropTreeAndAncestors(path);
  return st;
}

Result<std::unique_ptr<FileOutStream>> MetadataCachingFileSystem::CreateFile(
    const std::string& path, const wire::CreateFileOptions& options) {
  auto out = base_->CreateFile(path, options);
  DropTreeAndAncestors(path);
  if (!out.ok()) return out.status();
  auto norm = NormalizePath(path);
  if (!norm.ok()) return out;
  return std::unique_ptr<FileOutStream>(
      std::make_unique<DroppingOutStream>(std::move(out).value(), cache_, *norm));
}

Result<std::unique_ptr<FileInStream>> MetadataCachingFileSystem::OpenFile(
    const std::string& path, const wire::OpenFileOptions& options) {
  // The base asks the master itself: a read needs the current block locations.
  return base_->OpenFile(path, options);
}

Status MetadataCachingFileSystem::Delete(const std::string& path,
                                         const wire::DeleteOptions& options) {
  Status st = base_->Delete(path, options);
  DropTreeAndAncestors(path);
  return st;
}

Status MetadataCachingFileSystem::Rename(const std::string& src, const std::string& dst,
                                         const wire::RenameOptions& options) {
  Status st = base_->Rename(src, dst, options);
  DropTreeAndAncestors(src);
  DropTreeAndAncestors(dst);
  // Renaming into an existing directory lands below it: its subtree covers that.
  return st;
}

Status MetadataCachingFileSystem::SetAttribute(const std::string& path,
                                               const wire::SetAttributeOptions& options) {
  Status st = base_->SetAttribute(path, options);
  DropTree(path);  // recursive changes reach the subtree
  return st;
}

Status MetadataCachingFileSystem::Free(const std::string& path, const wire::FreeOptions& options) {
  Status st = base_->Free(path, options);
  DropTree(path);
  return st;
}

Status MetadataCachingFileSystem::Mount(const std::string& alluxio_path, const std::string& ufs_uri,
                                        const wire::MountOptions& options) {
  Status st = base_->Mount(alluxio_path, ufs_uri, options);
  DropTreeAndAncestors(alluxio_path);
  return st;
}

Status MetadataCachingFileSystem::Unmount(const std::string& alluxio_path) {
  Status st = base_->Unmount(alluxio_path);
  DropTreeAndAncestors(alluxio_path);
  return st;
}

Result<std::vector<wire::MountPointInfo>> MetadataCachingFileSystem::GetMountTable() {
  return base_->GetMountTable();
}

Status MetadataCachingFileSystem::ScheduleAsyncPersistence(const std::string& path) {
  Status st = base_->ScheduleAsyncPersistence(path);
  DropCachedStatus(path);
  return st;
}

Result<std::vector<wire::WorkerInfo>> MetadataCachingFileSystem::ListWorkers() {
  return base_->ListWorkers();
}

Result<std::vector<wire::TierUsage>> MetadataCachingFileSystem::Capacity() {
  return base_->Capacity();
}

Result<wire::MasterInfo> MetadataCachingFileSystem::GetMasterInfo() {
  return base_->GetMasterInfo();
}

}  // namespace alluxio::client
