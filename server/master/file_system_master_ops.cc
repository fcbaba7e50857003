// FileSystemMaster mutations beyond create: delete, rename, set attribute, free, mount,
// unmount, and the TTL checker.
#include <algorithm>
#include <mutex>

#include "lib/common/path.h"
#include "lib/common/strings.h"
#include "server/master/file_system_master.h"
#include "server/master/resolved_path.h"

namespace alluxio::master {
namespace {

constexpr std::string_view kTtlPrefix = "ttl/";

TtlAction ToInodeTtl(wire::TtlAction a) { return static_cast<TtlAction>(static_cast<int>(a)); }

const CallerInfo kSystemCaller{};  // empty user: the master itself, no permission checks

}  // namespace

Status FileSystemMaster::CollectSubtree(const Inode& root, std::vector<Inode>* out) {
  if (root.is_directory) {
    std::string after;
    while (true) {
      ASSIGN_OR_RETURN(std::vector<Edge> edges, store_->ListChildren(root.id, after, 1024));
      if (edges.empty()) break;
      for (const Edge& e : edges) {
        ASSIGN_OR_RETURN(auto child, store_->GetInode(e.child_id));
        if (child) RETURN_IF_ERROR(CollectSubtree(*child, out));
      }
      after = edges.back().name;
    }
  }
  out->push_back(root);
  return Status::OK();
}

Status FileSystemMaster::DeleteLocked(const CallerInfo& caller, Resolved& r,
                                      const wire::DeleteOptions& options,
                                      std::vector<int64_t>* freed_blocks) {
  const std::string& path = r.path;
  if (path == "/") return Status::InvalidArgument("Cannot delete the root directory");
  Inode target = r.last();
  if (target.is_directory && target.child_count > 0 && !options.recursive) {
    return Status::FailedPrecondition("Cannot delete non-empty directory " + path +
                                      " because recursive is set to false");
  }
  std::vector<std::string> mounts = mount_table_.MountPointsBelow(path);
  bool is_mount = mount_table_.IsMountPoint(path);
  if ((is_mount || !mounts.empty()) && !options.delete_mount_point) {
    return Status::FailedPrecondition(
        "Cannot delete " + path + ": " + (is_mount ? path : mounts.front()) +
        " is a mount point; unmount it first (or delete with the deleteMountPoint option)");
  }
  if (!options.alluxio_only) RETURN_IF_ERROR(CheckWritableMount(path));
  RETURN_IF_ERROR(CheckAccess(caller, r, 2 | 1, /*parent_instead=*/true));

  std::vector<Inode> subtree;
  RETURN_IF_ERROR(CollectSubtree(target, &subtree));
  // The UFS first: if it refuses, Alluxio keeps its view. A mount point's UFS is never
  // deleted; deleting one only unmounts it.
  if (!options.alluxio_only && !is_mount &&
      target.persistence_state == PersistenceState::kPersisted) {
    ASSIGN_OR_RETURN(ResolvedUfsPath u, mount_table_.Resolve(path));
    Status st = target.is_directory ? u.mount.ufs->DeleteDirectory(u.ufs_path, true)
                                    : u.mount.ufs->DeleteFile(u.ufs_path);
    if (!st.ok() && st.code() != StatusCode::kNotFound) {
      return st.WithContext("Deleting " + path + " from the UFS");
    }
  }
  InodeWriteBatch batch;
  for (const Inode& inode : subtree) {
    batch.DeleteInode(inode.id);
    batch.DeleteEdge(inode.parent_id, inode.name);
    RemoveFromIndexes(inode, &batch);
    freed_blocks->insert(freed_blocks->end(), inode.block_ids.begin(), inode.block_ids.end());
  }
  Inode parent = r.inodes[r.inodes.size() - 2];
  parent.child_count = std::max<int64_t>(0, parent.child_count - 1);
  parent.last_modification_time_ms = clock_->NowMs();
  batch.PutInode(parent);
  for (const std::string& m : mounts) mount_table_.RemoveInBatch(m, &batch);
  if (is_mount) mount_table_.RemoveInBatch(path, &batch);
  RETURN_IF_ERROR(CommitLocked(batch));
  for (const std::string& m : mounts) mount_table_.Remove(m);
  if (is_mount) mount_table_.Remove(path);
  if (paths_deleted_) paths_deleted_->Inc(static_cast<int64_t>(subtree.size()));
  return Status::OK();
}

Status FileSystemMaster::Delete(const CallerInfo& caller, std::string_view raw,
                                const wire::DeleteOptions& options) {
  ASSIGN_OR_RETURN(std::string path, NormalizePath(raw));
  RETURN_IF_ERROR(SyncIfNeeded(path, std::nullopt, options.common, false));
  std::vector<int64_t> freed;
  {
    std::unique_lock<std::shared_mutex> lock(tree_mu_);
    ASSIGN_OR_RETURN(Resolved r, Resolve(path));
    if (!r.exists()) return Status::NotFound("Path \"" + path + "\" does not exist.");
    RETURN_IF_ERROR(DeleteLocked(caller, r, options, &freed));
  }
  if (blocks_ && !freed.empty()) blocks_->FreeBlocks(freed);
  return MaybeSync();
}

Status FileSystemMaster::Rename(const CallerInfo& caller, std::string_view raw_src,
                                std::string_view raw_dst, const wire::RenameOptions& options) {
  ASSIGN_OR_RETURN(std::string src, NormalizePath(raw_src));
  ASSIGN_OR_RETURN(std::string dst, NormalizePath(raw_dst));
  RETURN_IF_ERROR(SyncIfNeeded(src, std::nullopt, options.common, false));
  RETURN_IF_ERROR(SyncIfNeeded(dst, std::nullopt, options.common, false));
  {
    std::unique_lock<std::shared_mutex> lock(tree_mu_);
    ASSIGN_OR_RETURN(Resolved rs, Resolve(src));
    if (!rs.exists()) return Status::NotFound("Path \"" + src + "\" does not exist.");
    if (src == "/") return Status::InvalidArgument("Cannot rename the root directory");
    if (src == dst) return Status::OK();
    if (IsAncestorOrSelf(src, dst)) {
      return Status::InvalidArgument("Cannot rename " + src + " to its own subpath " + dst);
    }
    ASSIGN_OR_RETURN(Resolved rd, Resolve(dst));
    if (rd.exists()) {
      return Status::AlreadyExists("Cannot rename because destination already exists. src: " + src +
                                   " dst: " + dst);
    }
    if (rd.blocked_by_file()) {
      return Status::InvalidArgument("Could not traverse to parent directory of path " + dst +
                                     ". Component " + rd.last().name + " is not a directory.");
    }
    if (rd.inodes.size() < rd.components.size()) {
      return Status::NotFound("Cannot rename " + src + " to " + dst + ": the parent " +
                              ParentPath(dst) + " does not exist");
    }
    if (mount_table_.IsMountPoint(src)) {
      return Status::InvalidArgument("Cannot rename the mount point " + src +
                                     "; unmount it and mount the UFS at the new path");
    }
    // The mount table is keyed by path: moving a mount point's ancestor would orphan it.
    std::vector<std::string> mounts_below = mount_table_.MountPointsBelow(src);
    if (!mounts_below.empty()) {
      return Status::InvalidArgument("Cannot rename " + src + ": it contains the mount point " +
                                     mounts_below.front() + "; unmount it first");
    }
    ASSIGN_OR_RETURN(ResolvedUfsPath us, mount_table_.Resolve(src));
    ASSIGN_OR_RETURN(ResolvedUfsPath ud, mount_table_.Resolve(dst));
    if (us.mount.alluxio_path != ud.mount.alluxio_path) {
      return Status::InvalidArgument("Renaming " + src + " to " + dst +
                                     " is a cross mount operation");
    }
    RETURN_IF_ERROR(CheckWritableMount(src));
    RETURN_IF_ERROR(CheckAccess(caller, rs, 2 | 1, /*parent_instead=*/true));
    RETURN_IF_ERROR(CheckAccess(caller, rd, 2 | 1, /*parent_instead=*/false));

    InodeWriteBatch batch;
    Inode moved = rs.last();
    if (moved.persistence_state == PersistenceState::kPersisted) {
      RETURN_IF_ERROR(PersistAncestors(rd, rd.inodes.size(), &batch));
      Status st = us.mount.ufs->Rename(us.ufs_path, ud.ufs_path);
      if (!st.ok()) return st.WithContext("Renaming " + src + " to " + dst + " in the UFS");
      for (size_t i = 1; i < rd.inodes.size(); ++i) {
        if (rd.inodes[i].is_directory)
          rd.inodes[i].persistence_state = PersistenceState::kPersisted;
      }
    }
    int64_t now = clock_->NowMs();
    Inode src_parent = rs.inodes[rs.inodes.size() - 2];
    Inode& dst_parent = rd.last();
    batch.DeleteEdge(src_parent.id, moved.name);
    if (src_parent.id == dst_parent.id) {
      dst_parent.last_modification_time_ms = now;
    } else {
      src_parent.child_count = std::max<int64_t>(0, src_parent.child_count - 1);
      src_parent.last_modification_time_ms = now;
      batch.PutInode(src_parent);
      dst_parent.child_count++;
      dst_parent.last_modification_time_ms = now;
    }
    batch.PutInode(dst_parent);
    moved.parent_id = dst_parent.id;
    moved.name = rd.components.back();
    moved.last_modification_time_ms = now;
    batch.PutEdge(dst_parent.id, moved.name, moved.id);
    batch.PutInode(moved);
    RETURN_IF_ERROR(CommitLocked(batch));
    if (paths_renamed_) paths_renamed_->Inc();
  }
  return MaybeSync();
}

Status FileSystemMaster::SetAttribute(const CallerInfo& caller, std::string_view raw,
                                      const wire::SetAttributeOptions& options) {
  ASSIGN_OR_RETURN(std::string path, NormalizePath(raw));
  RETURN_IF_ERROR(SyncIfNeeded(path, std::nullopt, options.common, false));
  if (options.mode && (*options.mode < 0 || *options.mode > 07777)) {
    return Status::InvalidArgument("Invalid mode " + std::to_string(*options.mode) + " for " +
                                   path);
  }
  {
    std::unique_lock<std::shared_mutex> lock(tree_mu_);
    ASSIGN_OR_RETURN(Resolved r, Resolve(path));
    if (!r.exists()) return Status::NotFound("Path \"" + path + "\" does not exist.");
    const Inode& target = r.last();
    bool su = IsSuperuser(caller);
    // Traversal first, as Alluxio's checkSetAttributePermission: owning a file does not let one
    // reach it through a directory one may not execute.
    RETURN_IF_ERROR(CheckAccess(caller, r, 0, false));
    if (options.owner && !su && *options.owner != target.owner) {
      return Status::PermissionDenied("Only the superuser can change the owner of " + path +
                                      " (user=" + caller.user + ")");
    }
    if ((options.group || options.mode) && !su && caller.user != target.owner) {
      return Status::PermissionDenied("Only the owner (" + target.owner +
                                      ") or the superuser can change the permission or group "
                                      "of " +
                                      path + " (user=" + caller.user + ")");
    }
    if (options.group && !su &&
        std::find(caller.groups.begin(), caller.groups.end(), *options.group) ==
            caller.groups.end()) {
      return Status::PermissionDenied("User " + caller.user + " is not a member of group " +
                                      *options.group + " and cannot give " + path + " to it");
    }
    bool other_fields = options.pinned || options.pinned_media || options.persisted ||
                        options.replication_max || options.replication_min || options.common.ttl ||
                        options.common.ttl_action;
    if (other_fields) RETURN_IF_ERROR(CheckAccess(caller, r, 2, false));

    // Pinning a directory always pins its whole subtree (Alluxio's InodeTree.setPinned); the
    // other attributes reach descendants only with `recursive`.
    std::vector<Inode> targets;
    if ((options.recursive || options.pinned) && target.is_directory) {
      RETURN_IF_ERROR(CollectSubtree(target, &targets));
    } else {
      targets.push_back(target);
    }
    InodeWriteBatch batch;
    int64_t now = clock_->NowMs();
    for (const Inode& before : targets) {
      const bool all = options.recursive || before.id == target.id;
      const bool ufs_attrs = all && (options.owner || options.group || options.mode);
      Inode after = before;
      if (options.pinned) after.pinned = *options.pinned;
      if (options.pinned_media) after.pinned_media = *options.pinned_media;
      if (options.pinned && !*options.pinned) after.pinned_media.clear();
      if (all) {
        if (options.owner) after.owner = *options.owner;
        if (options.group) after.group = *options.group;
        if (options.mode) after.mode = *options.mode;
        if (options.replication_max) after.replication_max = *options.replication_max;
        if (options.replication_min) after.replication_min = *options.replication_min;
        if (options.common.ttl) after.ttl_ms = *options.common.ttl < 0 ? -1 : *options.common.ttl;
        if (options.common.ttl_action) after.ttl_action = ToInodeTtl(*options.common.ttl_action);
        if (options.persisted && *options.persisted) {
          after.persistence_state = PersistenceState::kPersisted;
        }
      }
      after.last_modification_time_ms = now;
      if (ufs_attrs && before.persistence_state == PersistenceState::kPersisted) {
        // Keep the UFS in step where it has the notion; a refusal there does not undo Alluxio's
        // change (Alluxio behaves the same) but is logged.
        ASSIGN_OR_RETURN(std::string p, PathOf(before));
        auto u = mount_table_.Resolve(p);
        if (u.ok()) {
          Status st;
          if (options.mode) st = u->mount.ufs->SetMode(u->ufs_path, after.mode);
          if (st.ok() && (options.owner || options.group)) {
            st = u->mount.ufs->SetOwner(u->ufs_path, after.owner, after.group);
          }
          if (!st.ok())
            logger_->Warn("master", "UFS attribute update of " + p + ": " + st.ToString());
        }
      }
      UpdateIndexes(before, after, &batch);
      batch.PutInode(std::move(after));
    }
    RETURN_IF_ERROR(CommitLocked(batch));
  }
  return MaybeSync();
}

Status FileSystemMaster::FreeLocked(const CallerInfo& caller, Resolved& r,
                                    const wire::FreeOptions& options,
                                    std::vector<int64_t>* freed_blocks) {
  const std::string& path = r.path;
  const Inode& target = r.last();
  if (target.is_directory && target.child_count > 0 && !options.recursive) {
    return Status::FailedPrecondition("Cannot free directory " + path +
                                      " which is not empty. Please set the \"recursive\" flag of "
                                      "free operation to true");
  }
  RETURN_IF_ERROR(CheckAccess(caller, r, 4, false));
  std::vector<Inode> subtree;
  RETURN_IF_ERROR(CollectSubtree(target, &subtree));
  InodeWriteBatch batch;
  int files = 0;
  for (const Inode& inode : subtree) {
    if (inode.is_directory) continue;
    if (inode.persistence_state != PersistenceState::kPersisted) {
      ASSIGN_OR_RETURN(std::string p, PathOf(inode));
      return Status::FailedPrecondition("Cannot free file " + p + " which is not persisted");
    }
    if (inode.pinned && !options.forced) {
      ASSIGN_OR_RETURN(std::string p, PathOf(inode));
      return Status::FailedPrecondition(
          "Cannot free file " + p +
          " which is pinned. Please unpin it first or set the \"forced\" flag of free operation "
          "to true");
    }
    if (inode.pinned) {
      Inode unpinned = inode;
      unpinned.pinned = false;
      unpinned.pinned_media.clear();
      UpdateIndexes(inode, unpinned, &batch);
      batch.PutInode(std::move(unpinned));
    }
    freed_blocks->insert(freed_blocks->end(), inode.block_ids.begin(), inode.block_ids.end());
    ++files;
  }
  if (!batch.empty()) RETURN_IF_ERROR(CommitLocked(batch));
  if (files_freed_) files_freed_->Inc(files);
  return Status::OK();
}

Status FileSystemMaster::Free(const CallerInfo& caller, std::string_view raw,
                              const wire::FreeOptions& options) {
  ASSIGN_OR_RETURN(std::string path, NormalizePath(raw));
  RETURN_IF_ERROR(SyncIfNeeded(path, std::nullopt, options.common, false));
  std::vector<int64_t> freed;
  {
    std::unique_lock<std::shared_mutex> lock(tree_mu_);
    ASSIGN_OR_RETURN(Resolved r, Resolve(path));
    if (!r.exists()) return Status::NotFound("Path \"" + path + "\" does not exist.");
    RETURN_IF_ERROR(FreeLocked(caller, r, options, &freed));
  }
  if (blocks_ && !freed.empty()) blocks_->FreeBlocks(freed);
  return MaybeSync();
}

Status FileSystemMaster::Mount(const CallerInfo& caller, std::string_view raw,
                               std::string_view raw_ufs, const wire::MountOptions& options) {
  ASSIGN_OR_RETURN(std::string path, NormalizePath(raw));
  std::string ufs_uri(Trim(raw_ufs));
  if (ufs_uri.empty()) return Status::InvalidArgument("The UFS URI to mount is empty");
  if (path == "/") return Status::InvalidArgument("Cannot mount at the root; / is already mounted");
  RETURN_IF_ERROR(mount_table_.CheckNewMount(path, ufs_uri));
  // Create the UFS and check it outside the tree lock: it may be a slow remote store.
  ASSIGN_OR_RETURN(auto ufs, mount_table_.CreateUfs(ufs_uri, options.properties));
  ASSIGN_OR_RETURN(bool ufs_exists, ufs->Exists(ufs_uri));
  if (!ufs_exists) return Status::NotFound("Ufs path " + ufs_uri + " does not exist");
  {
    std::unique_lock<std::shared_mutex> lock(tree_mu_);
    RETURN_IF_ERROR(mount_table_.CheckNewMount(path, ufs_uri));
    ASSIGN_OR_RETURN(Resolved r, Resolve(path));
    if (r.exists()) return Status::AlreadyExists("Mount point " + path + " already exists");
    if (r.blocked_by_file() || r.inodes.size() < r.components.size()) {
      return Status::NotFound("Cannot mount at " + path + ": the parent " + ParentPath(path) +
                              " does not exist; create it first");
    }
    RETURN_IF_ERROR(CheckAccess(caller, r, 2 | 1, false));
    InodeWriteBatch batch;
    Inode& parent = r.last();
    Inode point = NewInode(parent.id, r.components.back(), true, caller,
                           options.shared ? 0777 : 0777 & ~options_.umask);
    point.mount_point = true;
    point.persistence_state = PersistenceState::kPersisted;
    parent.child_count++;
    parent.last_modification_time_ms = point.creation_time_ms;
    batch.PutInode(parent);
    batch.PutEdge(parent.id, point.name, point.id);
    batch.PutInode(point);
    MountEntry entry;
    entry.alluxio_path = path;
    entry.ufs_uri = ufs_uri;
    entry.mount_id = mount_table_.NextMountId();
    entry.read_only = options.read_only;
    entry.shared = options.shared;
    entry.properties = options.properties;
    entry.ufs = ufs;
    mount_table_.PutInBatch(entry, &batch);
    RETURN_IF_ERROR(CommitLocked(batch));
    mount_table_.Add(std::move(entry));
    if (paths_mounted_) paths_mounted_->Inc();
  }
  logger_->Info("master", "Mounted " + ufs_uri + " at " + path);
  return MaybeSync();
}

Status FileSystemMaster::Unmount(const CallerInfo& caller, std::string_view raw) {
  ASSIGN_OR_RETURN(std::string path, NormalizePath(raw));
  if (path == "/") return Status::InvalidArgument("Cannot unmount the root mount point");
  std::vector<int64_t> freed;
  {
    std::unique_lock<std::shared_mutex> lock(tree_mu_);
    if (!mount_table_.IsMountPoint(path)) {
      return Status::InvalidArgument("Failed to unmount " + path + ": it is not a mount point");
    }
    std::vector<std::string> nested = mount_table_.MountPointsBelow(path);
    if (!nested.empty()) {
      return Status::FailedPrecondition("Cannot unmount " + path +
                                        ": it contains the mount point " + nested.front() +
                                        "; unmount that first");
    }
    ASSIGN_OR_RETURN(Resolved r, Resolve(path));
    if (!r.exists()) return Status::NotFound("Path \"" + path + "\" does not exist.");
    wire::DeleteOptions del;
    del.recursive = true;
    del.alluxio_only = true;
    del.delete_mount_point = true;
    RETURN_IF_ERROR(DeleteLocked(caller, r, del, &freed));
  }
  if (blocks_ && !freed.empty()) blocks_->FreeBlocks(freed);
  logger_->Info("master", "Unmounted " + path);
  return MaybeSync();
}

Result<int> FileSystemMaster::CheckTtl() {
  struct Expired {
    std::string path;
    TtlAction action;
  };
  std::vector<Expired> expired;
  {
    std::shared_lock<std::shared_mutex> lock(tree_mu_);
    std::vector<int64_t> ids;
    RETURN_IF_ERROR(store_->ScanMeta(kTtlPrefix, [&](std::string_view key, std::string_view) {
      ids.push_back(static_cast<int64_t>(
          std::stoull(std::string(key.substr(kTtlPrefix.size())), nullptr, 16)));
      return true;
    }));
    int64_t now = clock_->NowMs();
    for (int64_t id : ids) {
      ASSIGN_OR_RETURN(auto inode, store_->GetInode(id));
      if (!inode || inode->ttl_ms < 0) continue;
      if (inode->creation_time_ms + inode->ttl_ms > now) continue;
      ASSIGN_OR_RETURN(std::string p, PathOf(*inode));
      expired.push_back({std::move(p), inode->ttl_action});
    }
  }
  // Parents first, so a deleted directory takes its expired children with it.
  std::sort(expired.begin(), expired.end(),
            [](const Expired& a, const Expired& b) { return a.path < b.path; });
  int acted = 0;
  std::string last_deleted;
  for (const Expired& e : expired) {
    if (!last_deleted.empty() && IsAncestorOrSelf(last_deleted, e.path)) continue;
    Status st;
    if (e.action == TtlAction::kFree) {
      wire::FreeOptions free;
      free.recursive = true;
      free.forced = true;
      st = Free(kSystemCaller, e.path, free);
      if (st.ok()) {
        wire::SetAttributeOptions reset;
        reset.common.ttl = -1;
        reset.common.ttl_action = wire::TtlAction::kDelete;
        st = SetAttribute(kSystemCaller, e.path, reset);
      }
    } else {
      wire::DeleteOptions del;
      del.recursive = true;
      del.alluxio_only = e.action == TtlAction::kDeleteAlluxio;
      st = Delete(kSystemCaller, e.path, del);
      if (st.ok()) last_deleted = e.path;
    }
    if (st.ok()) {
      ++acted;
      logger_->Info("master", "TTL expired for " + e.path + ": " +
                                  std::string(TtlActionName(e.action)) + " done");
    } else if (st.code() != StatusCode::kNotFound) {
      logger_->Warn("master", "TTL action on " + e.path + " failed: " + st.ToString());
    }
  }
  return acted;
}

}  // namespace alluxio::master
