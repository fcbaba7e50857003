// Client-side metadata cache (Alluxio's alluxio.user.metadata.cache.*): a client that asks for
// the same path's status again within the expiration time gets the answer it had, without a
// round trip to the master. Off by default, as in Alluxio.
//
// What a reader sees: the client's own changes at once (every mutation through the caching
// FileSystem drops what it touches: the path, the subtree under it and the ancestors whose
// child counts change; a file written through it is dropped again when its stream closes);
// other clients' changes after at most alluxio.user.metadata.cache.expiration.time. A status is
// cached per user (the master checked that user's permissions), and a mutation drops the path
// for every user of the same cache, so all users of one proxy see its writes at once.
//
// Only plain GetStatus calls are served from the cache: a call asking for a metadata sync or a
// load type goes to the master and refreshes the entry. Listings, Exists and reads are not
// cached. NOT_FOUND is not cached (a file another client creates shows up at once).
//
// Thread-safe.
#pragma once

#include <cstdint>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "lib/client/file_system.h"
#include "lib/common/clock.h"
#include "lib/conf/configuration.h"

namespace alluxio::client {

struct MetadataCacheOptions {
  bool enabled = false;             // alluxio.user.metadata.cache.enabled
  size_t max_size = 100'000;        // alluxio.user.metadata.cache.max.size (paths)
  int64_t expiration_ms = 600'000;  // alluxio.user.metadata.cache.expiration.time
};

Result<MetadataCacheOptions> MetadataCacheOptionsFromConfiguration(const conf::Configuration& conf);

// The store: statuses by path and user, least recently used paths evicted beyond max_size,
// entries older than the expiration time never returned.
class MetadataCache {
 public:
  // `clock` must outlive the cache.
  MetadataCache(MetadataCacheOptions options, const Clock* clock);
  MetadataCache(const MetadataCache&) = delete;
  MetadataCache& operator=(const MetadataCache&) = delete;

  // The fresh status of normalised `path` as `user` saw it, or null.
  std::shared_ptr<const wire::FileInfo> Get(const std::string& user, const std::string& path);
  // Changes with every invalidation. Read it before asking the master and pass it to Put: an
  // answer that raced a mutation is not stored.
  uint64_t generation() const;
  void Put(const std::string& user, const std::string& path, wire::FileInfo info,
           uint64_t generation);
  // Drops normalised `path` for every user.
  void Invalidate(const std::string& path);
  // Drops `path` and every path below it, for every user.
  void InvalidateTree(const std::string& path);
  // Drops every proper ancestor of `path` ("/" included): their child counts change when a
  // child comes or goes.
  void InvalidateAncestors(const std::string& path);

  size_t size() const;  // cached paths
  int64_t hits() const;
  int64_t misses() const;
  const MetadataCacheOptions& options() const { return options_; }

 private:
  struct PathEntry {
    // One status per user; few users share a path, so a small vector.
    struct ForUser {
      std::string user;
      int64_t stored_ms = 0;
      std::shared_ptr<const wire::FileInfo> info;
    };
    std::vector<ForUser> users;
    std::list<std::string>::iterator lru;
  };
  using Map = std::map<std::string, PathEntry, std::less<>>;
  void EraseLocked(Map::iterator it);

  const MetadataCacheOptions options_;
  const Clock* const clock_;
  mutable std::mutex mu_;
  Map paths_;                   // guarded by mu_; ordered, so a subtree is one range
  std::list<std::string> lru_;  // guarded by mu_; front = most recently used
  int64_t hits_ = 0;            // guarded by mu_
  int64_t misses_ = 0;          // guarded by mu_
  uint64_t generation_ = 0;     // guarded by mu_
};

// `base` wrapped in a MetadataCachingFileSystem acting as `user`; `base` itself when `cache` is
// null (the cache is off).
std::unique_ptr<FileSystem> WithMetadataCache(std::unique_ptr<FileSystem> base,
                                              std::shared_ptr<MetadataCache> cache,
                                              std::string user);

// A FileSystem that answers GetStatus from a MetadataCache and forwards everything else to
// `base`, dropping what each mutation changes (see the file comment).
class MetadataCachingFileSystem final : public FileSystem {
 public:
  // `user`: whose statuses these are (the base's caller; "" without authentication).
  MetadataCachingFileSystem(std::unique_ptr<FileSystem> base, std::shared_ptr<MetadataCache> cache,
                            std::string user);

  FileSystem* base() const { return base_.get(); }

  Result<wire::FileInfo> GetStatus(const std::string& path,
                                   const wire::GetStatusOptions& options) override;
  std::shared_ptr<const wire::FileInfo> CachedStatus(const std::string& path) override;
  Result<wire::FileInfo> GetStatusById(int64_t file_id) override;
  Status ListStatus(const std::string& path, const wire::ListStatusOptions& options,
                    const std::function<Status(wire::FileInfo&&)>& fn) override;
  Result<bool> Exists(const std::string& path, const wire::ExistsOptions& options) override;
  Status CreateDirectory(const std::string& path,
                         const wire::CreateDirectoryOptions& options) override;
  Result<std::unique_ptr<FileOutStream>> CreateFile(
      const std::string& path, const wire::CreateFileOptions& options) override;
  Result<std::unique_ptr<FileInStream>> OpenFile(const std::string& path,
                                                 const wire::OpenFileOptions& options) override;
  Status Delete(const std::string& path, const wire::DeleteOptions& options) override;
  Status Rename(const std::string& src, const std::string& dst,
                const wire::RenameOptions& options) override;
  Status SetAttribute(const std::string& path, const wire::SetAttributeOptions& options) override;
  Status Free(const std::string& path, const wire::FreeOptions& options) override;
  Status Mount(const std::string& alluxio_path, const std::string& ufs_uri,
               const wire::MountOptions& options) override;
  Status Unmount(const std::string& alluxio_path) override;
  Result<std::vector<wire::MountPointInfo>> GetMountTable() override;
  Status ScheduleAsyncPersistence(const std::string& path) override;
  Result<std::vector<wire::WorkerInfo>> ListWorkers() override;
  Result<std::vector<wire::TierUsage>> Capacity() override;
  Result<wire::MasterInfo> GetMasterInfo() override;
  void DropCachedStatus(const std::string& path) override;

 private:
  // Drops `path` and its subtree (what set-attribute and free change).
  void DropTree(const std::string& path);
  // Drops `path`'s subtree and its ancestors (what a create, delete or rename changes).
  void DropTreeAndAncestors(const std::string& path);

  const std::unique_ptr<FileSystem> base_;
  const std::shared_ptr<MetadataCache> cache_;
  const std::string user_;
};

}  // namespace alluxio::client
