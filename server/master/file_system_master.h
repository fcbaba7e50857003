// FileSystemMaster: the namespace. Every file-system operation of Alluxio's master, with its
// semantics (compat page §5) and messages (§1.7): create, complete, get status, list, exists,
// delete, rename, set attribute, free, mount, unmount, metadata sync, TTL.
//
// Concurrency (how it is safe): one reader/writer lock guards the whole tree. Reads (status,
// listing, exists) hold it shared and run in parallel; every mutation holds it exclusively
// while it resolves paths, checks, and commits its one atomic write batch, so a rename racing
// a create in the same directory is serialised and both see a consistent tree. Slow work
// happens outside the lock: UFS calls for metadata sync are made first and their result is
// applied under the exclusive lock after re-checking the tree; a UFS mutation (mkdir, delete,
// rename in the UFS) is made before the metadata commit, so a failure leaves Alluxio's view
// unchanged. When journal sync is on, the fsync happens after the lock is released and
// concurrent operations share it (group commit); the caller is answered only after it.
//
// Thread-safe. Owns no threads; the process calls CheckTtl() periodically.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "lib/common/clock.h"
#include "lib/common/logging.h"
#include "lib/common/metrics.h"
#include "lib/common/result.h"
#include "lib/ufs/under_file_system.h"
#include "lib/wire/fs_types.h"
#include "lib/wire/worker_types.h"
#include "server/master/inode.h"
#include "server/master/metastore/inode_store.h"
#include "server/master/mount_table.h"

namespace alluxio::master {

struct ResolvedPath;

// Who is calling. An empty user means authentication is off (NOSASL): no permission checks.
struct CallerInfo {
  std::string user;
  std::vector<std::string> groups;
};

// Meta-key prefixes of the master's indexes (each key is the prefix + 16 hex digits of an
// inode id): files with a TTL, pinned files, files waiting for ASYNC_THROUGH persistence.
inline constexpr std::string_view kPinPrefix = "pin/";
inline constexpr std::string_view kPersistPrefix = "persist/";

// Block placement the namespace reports and frees; implemented by the block master once
// workers exist. Thread-safe.
class BlockService {
 public:
  virtual ~BlockService() = default;
  virtual std::vector<wire::BlockLocation> GetLocations(int64_t block_id) = 0;
  // Asks the workers holding these blocks to drop them.
  virtual void FreeBlocks(const std::vector<int64_t>& block_ids) = 0;
  // Records blocks a registered worker cached for a file being completed (tier -> ids).
  virtual void CommitBlocks(int64_t /*worker_id*/,
                            const std::map<std::string, std::vector<int64_t>>& /*blocks*/) {}
};

struct FileSystemMasterOptions {
  std::string root_ufs;  // alluxio.master.mount.table.root.ufs
  bool root_read_only = false;
  bool root_shared = false;
  std::map<std::string, std::string> root_properties;
  // UFS keys from the master's configuration (alluxio.underfs.*, s3a.*, aws.*), under every
  // mount's own options.
  std::map<std::string, std::string> ufs_properties;
  int64_t default_block_size = 64LL << 20;
  wire::WriteType default_write_type = wire::WriteType::kAsyncThrough;
  wire::LoadMetadataType default_load_type = wire::LoadMetadataType::kOnce;
  int64_t default_sync_interval_ms = -1;
  int64_t default_ttl_ms = -1;
  wire::TtlAction default_ttl_action = wire::TtlAction::kFree;
  int32_t default_replication_max = -1;
  int32_t default_replication_min = 0;
  int32_t default_replication_durable = 1;
  int64_t default_persistence_wait_ms = 0;
  bool default_delete_unchecked = false;
  int umask = 022;
  bool permission_enabled = true;
  std::string superuser;  // the master's OS user
  std::string supergroup = "supergroup";
  bool journal_sync = false;  // fsync every mutation (group commit)
};

// What the client reports when it closes a file it wrote.
struct CompleteFileOptions {
  int64_t length = 0;
  // How the data was written: CACHE_THROUGH / THROUGH mean the UFS already holds it.
  std::optional<wire::WriteType> write_type;
};

struct ListPage {
  std::vector<wire::FileInfo> entries;
  bool truncated = false;  // more entries follow the last one
};

class FileSystemMaster {
 public:
  FileSystemMaster(FileSystemMasterOptions options, InodeStore* store,
                   const ufs::UfsRegistry* registry, Clock* clock, Logger* logger,
                   MetricsRegistry* metrics);
  ~FileSystemMaster();

  // Creates the root inode and the root mount on first start; loads the mount table.
  Status Start();
  void SetBlockService(BlockService* blocks) { blocks_ = blocks; }
  BlockService* block_service() const { return blocks_; }

  Result<wire::FileInfo> GetStatus(const CallerInfo& caller, std::string_view path,
                                   const wire::GetStatusOptions& options);
  // GetStatus without blocking, for the HTTP server's event loop: nullopt when answering needs
  // more than memory and the metastore (a writer holds the tree lock, or the UFS must be asked),
  // and the caller then uses GetStatus.
  std::optional<Result<wire::FileInfo>> TryGetStatus(const CallerInfo& caller,
                                                     std::string_view path,
                                                     const wire::GetStatusOptions& options);
  Result<wire::FileInfo> GetStatusById(const CallerInfo& caller, int64_t file_id);
  // A page of a directory's children in name order, after `start_after`, at most `limit`
  // (0 = all). Listing a file gives the file. Recursive listing is the client's walk.
  Result<ListPage> ListStatus(const CallerInfo& caller, std::string_view path,
                              const wire::ListStatusOptions& options, std::string_view start_after,
                              size_t limit);
  Result<bool> Exists(const CallerInfo& caller, std::string_view path,
                      const wire::ExistsOptions& options);
  Status CreateDirectory(const CallerInfo& caller, std::string_view path,
                         const wire::CreateDirectoryOptions& options);
  // With `sync` false the journal sync is left to the caller (WhenDurable), who must not
  // acknowledge the call before it.
  Result<wire::FileInfo> CreateFile(const CallerInfo& caller, std::string_view path,
                                    const wire::CreateFileOptions& options, bool sync = true);
  Result<wire::FileInfo> CompleteFile(const CallerInfo& caller, std::string_view path,
                                      const CompleteFileOptions& options, bool sync = true);
  // Calls `done` once every change made so far is durable (at once, OK, without journal sync);
  // no thread waits meanwhile. See InodeStore::WhenDurable.
  void WhenDurable(std::function<void(Status)> done);
  // Whether mutations wait for a journal sync (alluxio.master.journal.sync.enabled).
  bool journal_sync() const { return options_.journal_sync; }
  Status Delete(const CallerInfo& caller, std::string_view path,
                const wire::DeleteOptions& options);
  Status Rename(const CallerInfo& caller, std::string_view src, std::string_view dst,
                const wire::RenameOptions& options);
  Status SetAttribute(const CallerInfo& caller, std::string_view path,
                      const wire::SetAttributeOptions& options);
  Status Free(const CallerInfo& caller, std::string_view path, const wire::FreeOptions& options);
  Status Mount(const CallerInfo& caller, std::string_view alluxio_path, std::string_view ufs_uri,
               const wire::MountOptions& options);
  Status Unmount(const CallerInfo& caller, std::string_view alluxio_path);
  std::vector<wire::MountPointInfo> GetMountTable();

  // One pass of the TTL checker: applies DELETE / FREE / DELETE_ALLUXIO to every inode whose
  // creation time + TTL has passed. Returns the number of inodes acted on.
  Result<int> CheckTtl();

  int64_t InodeCount();

  // --- Workers and persistence (persistence.cc) ---
  // Ids of files whose blocks must not be evicted: pinned files and files waiting for
  // ASYNC_THROUGH persistence (from the pin and persist indexes).
  Result<std::vector<int64_t>> PinnedFileIds();
  // Whether a file with this id exists (workers report blocks of files deleted meanwhile).
  Result<bool> FileExists(int64_t file_id);
  // The mount's UFS URI and unmasked properties, for workers reaching the UFS themselves.
  Result<wire::MountUfsInfo> GetMountUfsInfo(int64_t mount_id);
  struct PersistJob {
    wire::PersistFileRequest request;
    std::vector<int64_t> block_ids;
  };
  // Queues a complete, unpersisted file for persistence (state TO_BE_PERSISTED); a no-op for a
  // file already persisted or queued. FAILED_PRECONDITION for a directory or incomplete file.
  Status ScheduleAsyncPersistence(const CallerInfo& caller, std::string_view path);
  // Files waiting for ASYNC_THROUGH persistence (up to `limit`), with their current paths.
  Result<std::vector<PersistJob>> PendingPersists(size_t limit);
  // Records that `job` was written to the UFS with `fingerprint`: the file becomes PERSISTED
  // (its unpersisted ancestors too). If the file went away or moved meanwhile, deletes what the
  // worker wrote and returns ABORTED.
  Status CompletePersist(const PersistJob& job, const std::string& fingerprint);
  const FileSystemMasterOptions& options() const { return options_; }

 private:
  using Resolved = ResolvedPath;
  // What a metadata sync must do, decided under the lock, carried out without it.
  struct SyncPlan {
    std::string path;
    bool full_sync = false;  // interval sync: also delete and refresh
    bool list = false;       // reconcile a directory's children
    // UFS statuses of the path's components from `first_missing` on (load), or of the path
    // itself (sync); stops at the first component the UFS does not have.
    size_t first_component = 0;
    std::vector<ufs::UfsStatus> statuses;
    bool path_in_ufs = false;
    std::vector<ufs::UfsStatus> children;
  };

  // Path resolution under tree_mu_ (shared or exclusive).
  Result<Resolved> Resolve(const std::string& path);
  Result<std::string> PathOf(const Inode& inode);
  // Permission checks (no-ops when disabled or the caller is privileged).
  Status CheckAccess(const CallerInfo& caller, const Resolved& r, int bits_on_last,
                     bool parent_instead);
  bool IsSuperuser(const CallerInfo& caller) const;
  Status CheckWritableMount(const std::string& path);

  wire::FileInfo ToFileInfo(const Inode& inode, const std::string& path);
  Inode NewInode(int64_t parent_id, std::string name, bool is_dir, const CallerInfo& caller,
                 int mode);
  int64_t NewDirectoryId();
  int64_t NewFileId();
  // Commits `batch` (caller holds tree_mu_ exclusively).
  Status CommitLocked(const InodeWriteBatch& batch);
  // After the lock is released: fsync when journal sync is on.
  Status MaybeSync();
  // Adds puts for every missing directory of `components[from..to)` below `parent`.
  Status CreateMissingDirs(const CallerInfo& caller, Resolved& r, size_t upto, int mode,
                           bool persisted, InodeWriteBatch* batch);
  // Makes sure the UFS directories for the path's unpersisted ancestors exist and marks them
  // PERSISTED in `batch`.
  Status PersistAncestors(const Resolved& r, size_t count, InodeWriteBatch* batch);
  // Collects `root` and all its descendants (depth first, children before parents).
  Status CollectSubtree(const Inode& root, std::vector<Inode>* out);
  // Keeps the meta indexes (TTL, pinned files, persist queue) in step with an inode change.
  void UpdateIndexes(const Inode& before, const Inode& after, InodeWriteBatch* batch);
  void RemoveFromIndexes(const Inode& inode, InodeWriteBatch* batch);

  // The answer of getStatus for `r`, resolved under tree_mu_ with no sync due.
  Result<wire::FileInfo> StatusOf(const CallerInfo& caller, const Resolved& r,
                                  const std::string& path);

  // Metadata sync (metadata_sync.cc).
  Status SyncIfNeeded(const std::string& path, std::optional<wire::LoadMetadataType> load_type,
                      const wire::CommonOptions& common, bool listing);
  // For reads: `r` was resolved under `lock` (tree_mu_ shared). When a sync is due, releases
  // the lock, syncs, takes it again and resolves `r` anew; otherwise leaves both alone, so the
  // common read costs one resolution under one lock.
  Status SyncAndResolveAgainIfDue(std::shared_lock<std::shared_mutex>& lock,
                                  std::optional<wire::LoadMetadataType> load_type,
                                  const wire::CommonOptions& common, bool listing, Resolved* r);
  // Whether `r` (resolved under tree_mu_, shared or exclusive) needs the UFS; fills `plan`
  // when it does. Lets a read decide and, in the common case of no sync, answer under one lock
  // and from one resolution.
  bool PlanSync(const Resolved& r, std::optional<wire::LoadMetadataType> load_type,
                const wire::CommonOptions& common, bool listing, SyncPlan* plan);
  // Asks the UFS with no lock held, then applies the result under the exclusive lock.
  Status RunSync(SyncPlan& plan);
  Status ApplySync(const SyncPlan& plan);
  Inode InodeFromUfs(int64_t parent_id, const ufs::UfsStatus& status, const Inode& parent);

  Status DeleteLocked(const CallerInfo& caller, Resolved& r, const wire::DeleteOptions& options,
                      std::vector<int64_t>* freed_blocks);
  Status FreeLocked(const CallerInfo& caller, Resolved& r, const wire::FreeOptions& options,
                    std::vector<int64_t>* freed_blocks);

  const FileSystemMasterOptions options_;
  InodeStore* const store_;
  Clock* const clock_;
  Logger* const logger_;
  MountTable mount_table_;
  BlockService* blocks_ = nullptr;

  std::shared_mutex tree_mu_;  // see the concurrency note above
  std::mutex id_mu_;
  int64_t next_container_id_ = 1;  // guarded by id_mu_
  int64_t root_id_ = 0;            // immutable after Start

  Counter* files_created_ = nullptr;
  Counter* directories_created_ = nullptr;
  Counter* paths_deleted_ = nullptr;
  Counter* paths_renamed_ = nullptr;
  Counter* paths_mounted_ = nullptr;
  Counter* files_freed_ = nullptr;
  Counter* get_status_ops_ = nullptr;
  Counter* list_status_ops_ = nullptr;
  GaugeRegistration total_paths_gauge_;
};

}  // namespace alluxio::master
