// FileSystemMaster's side of workers and ASYNC_THROUGH persistence: the pinned-file list sent
// with heartbeats, mount details for workers, and the persist queue (meta index "persist/").
#include <algorithm>
#include <mutex>
#include <shared_mutex>

#include "lib/common/path.h"
#include "server/master/file_system_master.h"
#include "server/master/resolved_path.h"

namespace alluxio::master {
namespace {

Result<std::vector<int64_t>> ScanIds(InodeStore* store, std::string_view prefix, size_t limit) {
  std::vector<int64_t> ids;
  RETURN_IF_ERROR(store->ScanMeta(prefix, [&](std::string_view key, std::string_view) {
    ids.push_back(
        static_cast<int64_t>(std::stoull(std::string(key.substr(prefix.size())), nullptr, 16)));
    return limit == 0 || ids.size() < limit;
  }));
  return ids;
}

}  // namespace

Result<std::vector<int64_t>> FileSystemMaster::PinnedFileIds() {
  std::shared_lock<std::shared_mutex> lock(tree_mu_);
  ASSIGN_OR_RETURN(std::vector<int64_t> ids, ScanIds(store_, kPinPrefix, 0));
  // Files waiting for ASYNC_THROUGH persistence have their only copy in the cache: their
  // blocks must not be evicted until they are persisted (compat §5.2).
  ASSIGN_OR_RETURN(std::vector<int64_t> queued, ScanIds(store_, kPersistPrefix, 0));
  ids.insert(ids.end(), queued.begin(), queued.end());
  return ids;
}

Result<bool> FileSystemMaster::FileExists(int64_t file_id) {
  std::shared_lock<std::shared_mutex> lock(tree_mu_);
  ASSIGN_OR_RETURN(auto inode, store_->GetInode(file_id));
  return inode.has_value() && !inode->is_directory;
}

Result<wire::MountUfsInfo> FileSystemMaster::GetMountUfsInfo(int64_t mount_id) {
  for (const MountEntry& e : mount_table_.List()) {
    if (e.mount_id != mount_id) continue;
    wire::MountUfsInfo info;
    info.mount_id = mount_id;
    info.ufs_uri = e.ufs_uri;
    info.properties = mount_table_.EffectiveProperties(e.properties);
    return info;
  }
  return Status::NotFound("Mount id " + std::to_string(mount_id) +
                          " is not in the mount table (unmounted meanwhile?)");
}

Status FileSystemMaster::ScheduleAsyncPersistence(const CallerInfo& caller, std::string_view raw) {
  ASSIGN_OR_RETURN(std::string path, NormalizePath(raw));
  {
    std::unique_lock<std::shared_mutex> lock(tree_mu_);
    ASSIGN_OR_RETURN(Resolved r, Resolve(path));
    if (!r.exists()) return Status::NotFound("Path \"" + path + "\" does not exist.");
    RETURN_IF_ERROR(CheckAccess(caller, r, 2, false));
    const Inode& before = r.last();
    if (before.is_directory) {
      return Status::FailedPrecondition("Cannot persist directory " + path +
                                        ": persist the files in it");
    }
    if (!before.completed) {
      return Status::FailedPrecondition("Cannot persist incomplete file " + path);
    }
    if (before.persistence_state != PersistenceState::kNotPersisted) return Status::OK();
    Inode after = before;
    after.persistence_state = PersistenceState::kToBePersisted;
    InodeWriteBatch batch;
    UpdateIndexes(before, after, &batch);
    batch.PutInode(std::move(after));
    RETURN_IF_ERROR(CommitLocked(batch));
  }
  return MaybeSync();
}

Result<std::vector<FileSystemMaster::PersistJob>> FileSystemMaster::PendingPersists(size_t limit) {
  std::shared_lock<std::shared_mutex> lock(tree_mu_);
  ASSIGN_OR_RETURN(std::vector<int64_t> ids, ScanIds(store_, kPersistPrefix, limit));
  std::vector<PersistJob> jobs;
  for (int64_t id : ids) {
    ASSIGN_OR_RETURN(auto inode, store_->GetInode(id));
    if (!inode || inode->is_directory ||
        inode->persistence_state != PersistenceState::kToBePersisted) {
      continue;
    }
    ASSIGN_OR_RETURN(std::string path, PathOf(*inode));
    auto u = mount_table_.Resolve(path);
    if (!u.ok()) continue;
    PersistJob job;
    job.request.file_id = inode->id;
    job.request.path = path;
    job.request.ufs_path = u->ufs_path;
    job.request.mount_id = u->mount.mount_id;
    job.request.length = inode->length;
    job.request.block_size = inode->block_size_bytes;
    job.request.mode = inode->mode;
    job.block_ids = inode->block_ids;
    jobs.push_back(std::move(job));
  }
  return jobs;
}

Status FileSystemMaster::CompletePersist(const PersistJob& job, const std::string& fingerprint) {
  {
    std::unique_lock<std::shared_mutex> lock(tree_mu_);
    ASSIGN_OR_RETURN(auto inode, store_->GetInode(job.request.file_id));
    std::string path;
    if (inode) {
      ASSIGN_OR_RETURN(path, PathOf(*inode));
    }
    auto u = inode ? mount_table_.Resolve(path) : Result<ResolvedUfsPath>(Status::NotFound(""));
    if (inode && inode->persistence_state == PersistenceState::kToBePersisted && u.ok() &&
        u->ufs_path == job.request.ufs_path) {
      ASSIGN_OR_RETURN(Resolved r, Resolve(path));
      if (!r.exists() || r.last().id != inode->id) {
        return Status::Aborted("File " + path + " changed while it was persisted");
      }
      InodeWriteBatch batch;
      Inode after = r.last();
      r.inodes.pop_back();
      RETURN_IF_ERROR(PersistAncestors(r, r.inodes.size(), &batch));
      after.persistence_state = PersistenceState::kPersisted;
      after.ufs_fingerprint = fingerprint;
      UpdateIndexes(*inode, after, &batch);
      batch.PutInode(std::move(after));
      RETURN_IF_ERROR(CommitLocked(batch));
      logger_->Info("master", "Persisted " + path + " to " + job.request.ufs_path);
      lock.unlock();
      return MaybeSync();
    }
  }
  // Deleted, renamed or persisted otherwise meanwhile: what the worker wrote is an orphan.
  for (const MountEntry& e : mount_table_.List()) {
    if (e.mount_id == job.request.mount_id && e.ufs) {
      Status st = e.ufs->DeleteFile(job.request.ufs_path);
      if (!st.ok() && st.code() != StatusCode::kNotFound) {
        logger_->Warn("master",
                      "Removing orphaned persist of " + job.request.path + ": " + st.ToString());
      }
    }
  }
  return Status::Aborted("File " + job.request.path + " changed while it was persisted");
}

}  // namespace alluxio::master
