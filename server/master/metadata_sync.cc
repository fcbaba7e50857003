// Metadata sync: bringing Alluxio's view of a path in line with its UFS.
//
// Policy (compat §5.6): with a sync interval >= 0 (per call or
// alluxio.user.file.metadata.sync.interval), a path is synced when its last sync is older than
// the interval (0 = every time): new UFS entries appear, persisted entries the UFS lost
// disappear, changed files are reloaded under a new id (so cached blocks of the old content are
// never mixed with the new). With the interval at -1, the load type decides how unknown paths
// are loaded: NEVER not at all, ONCE the first time (a directory's children once), ALWAYS on
// every access; nothing is deleted.
//
// Each sync runs in three steps: decide under the shared lock, talk to the UFS with no lock,
// apply under the exclusive lock after resolving the path again.
#include <algorithm>
#include <map>
#include <mutex>

#include "lib/common/path.h"
#include "lib/common/strings.h"
#include "server/master/file_system_master.h"
#include "server/master/resolved_path.h"

namespace alluxio::master {

Inode FileSystemMaster::InodeFromUfs(int64_t parent_id, const ufs::UfsStatus& s,
                                     const Inode& parent) {
  Inode n;
  n.id = s.is_directory ? NewDirectoryId() : NewFileId();
  n.parent_id = parent_id;
  n.name = s.name;
  n.is_directory = s.is_directory;
  int64_t now = clock_->NowMs();
  n.creation_time_ms = s.last_modified_ms > 0 ? s.last_modified_ms : now;
  n.last_modification_time_ms = n.creation_time_ms;
  n.last_access_time_ms = now;
  n.owner = s.owner.empty() ? parent.owner : s.owner;
  n.group = s.group.empty() ? parent.group : s.group;
  n.mode = s.mode ? (s.mode & 07777) : (s.is_directory ? 0755 : 0644);
  n.persistence_state = PersistenceState::kPersisted;
  n.cacheable = !s.is_directory;
  n.completed = true;
  n.ufs_fingerprint = s.content_hash;
  if (!s.is_directory) {
    n.length = s.length;
    n.block_size_bytes = options_.default_block_size;
    int64_t blocks = (n.length + n.block_size_bytes - 1) / n.block_size_bytes;
    for (int64_t i = 0; i < blocks; ++i) n.block_ids.push_back(BlockIdOf(n.id, i));
  }
  if (options_.default_ttl_ms >= 0) {
    n.ttl_ms = options_.default_ttl_ms;
    n.ttl_action = static_cast<TtlAction>(static_cast<int>(options_.default_ttl_action));
  }
  return n;
}

Status FileSystemMaster::SyncIfNeeded(const std::string& path,
                                      std::optional<wire::LoadMetadataType> load_type,
                                      const wire::CommonOptions& common, bool listing) {
  // Without an interval and a load type, PlanSync finds nothing to do for any path (creates
  // pass NEVER): skip resolving it.
  if (!listing && common.sync_interval_ms.value_or(options_.default_sync_interval_ms) < 0 &&
      load_type.value_or(options_.default_load_type) == wire::LoadMetadataType::kNever) {
    return Status::OK();
  }
  SyncPlan plan;
  {
    std::shared_lock<std::shared_mutex> lock(tree_mu_);
    ASSIGN_OR_RETURN(Resolved r, Resolve(path));
    if (!PlanSync(r, load_type, common, listing, &plan)) return Status::OK();
  }
  return RunSync(plan);
}

Status FileSystemMaster::SyncAndResolveAgainIfDue(std::shared_lock<std::shared_mutex>& lock,
                                                  std::optional<wire::LoadMetadataType> load_type,
                                                  const wire::CommonOptions& common, bool listing,
                                                  Resolved* r) {
  SyncPlan plan;
  if (!PlanSync(*r, load_type, common, listing, &plan)) return Status::OK();
  lock.unlock();
  RETURN_IF_ERROR(RunSync(plan));
  lock.lock();
  ASSIGN_OR_RETURN(*r, Resolve(plan.path));
  return Status::OK();
}

bool FileSystemMaster::PlanSync(const Resolved& r, std::optional<wire::LoadMetadataType> load_type,
                                const wire::CommonOptions& common, bool listing, SyncPlan* out) {
  const int64_t interval = common.sync_interval_ms.value_or(options_.default_sync_interval_ms);
  const wire::LoadMetadataType load = load_type.value_or(options_.default_load_type);
  SyncPlan& plan = *out;
  plan = SyncPlan{};
  plan.path = r.path;
  const size_t existing = r.inodes.size() - 1;
  if (r.exists()) {
    const Inode& last = r.last();
    bool due = interval == 0 || (interval > 0 && clock_->NowMs() - last.last_sync_ms >= interval);
    if (due && (last.persistence_state == PersistenceState::kPersisted || last.id == root_id_)) {
      plan.full_sync = true;
      plan.list = listing && last.is_directory;
    } else if (listing && last.is_directory &&
               ((load == wire::LoadMetadataType::kOnce && !last.direct_children_loaded &&
                 last.persistence_state == PersistenceState::kPersisted) ||
                load == wire::LoadMetadataType::kAlways)) {
      plan.list = true;
    } else {
      return false;
    }
    plan.first_component = r.components.size();
  } else {
    if (r.blocked_by_file()) return false;  // the operation reports the error
    if (interval < 0) {
      // ONCE still looks a missing path up in the UFS even when its parent was listed
      // before: a file created there behind Alluxio's back is found by direct access, as in
      // Alluxio 2.9 (which only skips paths in its absent-path cache).
      if (load == wire::LoadMetadataType::kNever) return false;
    }
    // Only persisted directories have UFS children worth looking for.
    if (r.last().persistence_state != PersistenceState::kPersisted && !r.last().mount_point) {
      return false;
    }
    plan.first_component = existing;
    plan.list = listing;
  }
  return true;
}

Status FileSystemMaster::RunSync(SyncPlan& plan) {
  const std::string& path = plan.path;
  // The UFS, without the lock: statuses of the missing components (load) or of the path
  // itself (sync), then the directory's children when listing.
  std::vector<std::string> comps = PathComponents(path);
  plan.statuses.clear();
  auto ufs_status = [&](const std::string& p) -> Result<std::optional<ufs::UfsStatus>> {
    ASSIGN_OR_RETURN(ResolvedUfsPath u, mount_table_.Resolve(p));
    auto st = u.mount.ufs->GetStatus(u.ufs_path);
    if (st.ok()) return std::optional<ufs::UfsStatus>(std::move(*st));
    if (st.status().code() == StatusCode::kNotFound) return std::optional<ufs::UfsStatus>();
    return st.status().WithContext("Syncing " + p + " with its UFS");
  };
  if (plan.first_component == comps.size()) {
    // The path exists in Alluxio.
    ASSIGN_OR_RETURN(auto st, ufs_status(path));
    plan.path_in_ufs = st.has_value();
    if (st) {
      st->name = comps.empty() ? "" : comps.back();
      plan.statuses.push_back(std::move(*st));
    }
  } else {
    for (size_t i = plan.first_component; i < comps.size(); ++i) {
      std::string p;
      for (size_t k = 0; k <= i; ++k) p += "/" + comps[k];
      ASSIGN_OR_RETURN(auto st, ufs_status(p));
      if (!st) break;
      st->name = comps[i];
      bool is_last = i + 1 == comps.size();
      plan.statuses.push_back(std::move(*st));
      if (!is_last && !plan.statuses.back().is_directory) break;
    }
    plan.path_in_ufs = plan.statuses.size() == comps.size() - plan.first_component;
    if (!plan.path_in_ufs) plan.list = false;
  }
  if (plan.list && plan.path_in_ufs && !plan.statuses.empty() &&
      plan.statuses.back().is_directory) {
    ASSIGN_OR_RETURN(ResolvedUfsPath u, mount_table_.Resolve(path));
    Status st = u.mount.ufs->ListStatus(u.ufs_path, [&](ufs::UfsStatus&& c) {
      plan.children.push_back(std::move(c));
      return Status::OK();
    });
    if (!st.ok()) return st.WithContext("Listing " + path + " in its UFS");
    // The UFS contract promises bytewise name order; ApplySync's merge join relies on it.
    auto by_name = [](const ufs::UfsStatus& a, const ufs::UfsStatus& b) { return a.name < b.name; };
    if (!std::is_sorted(plan.children.begin(), plan.children.end(), by_name)) {
      std::sort(plan.children.begin(), plan.children.end(), by_name);
    }
  }
  if (!plan.full_sync && plan.statuses.empty() && !plan.list) return Status::OK();
  {
    std::unique_lock<std::shared_mutex> lock(tree_mu_);
    RETURN_IF_ERROR(ApplySync(plan));
  }
  return MaybeSync();
}

Status FileSystemMaster::ApplySync(const SyncPlan& plan) {
  ASSIGN_OR_RETURN(Resolved r, Resolve(plan.path));
  InodeWriteBatch batch;
  std::vector<int64_t> freed;
  const int64_t now = clock_->NowMs();

  if (plan.first_component < r.components.size()) {
    // Load: create the missing components the UFS has, as persisted inodes.
    size_t have = r.inodes.size() - 1;
    if (have < plan.first_component || r.blocked_by_file()) return Status::OK();
    size_t skip = have - plan.first_component;  // components created meanwhile
    bool touched = false;
    for (size_t i = skip; i < plan.statuses.size(); ++i) {
      Inode& parent = r.last();
      if (!parent.is_directory) break;
      Inode n = InodeFromUfs(parent.id, plan.statuses[i], parent);
      parent.child_count++;
      batch.PutInode(parent);
      batch.PutEdge(parent.id, n.name, n.id);
      batch.PutInode(n);
      UpdateIndexes(Inode{}, n, &batch);
      r.inodes.push_back(std::move(n));
      touched = true;
    }
    if (!touched) return Status::OK();
  }
  if (!r.exists()) {
    if (!batch.empty()) RETURN_IF_ERROR(CommitLocked(batch));
    return Status::OK();
  }

  Inode self = r.last();
  if (plan.first_component == r.components.size() && plan.full_sync) {
    if (!plan.path_in_ufs) {
      // Gone from the UFS: drop a persisted path from Alluxio too (never the root, a mount, or
      // a directory holding one).
      if (self.persistence_state == PersistenceState::kPersisted && r.path != "/" &&
          !mount_table_.IsMountPoint(r.path) && mount_table_.MountPointsBelow(r.path).empty()) {
        wire::DeleteOptions del;
        del.recursive = true;
        del.alluxio_only = true;
        RETURN_IF_ERROR(DeleteLocked(CallerInfo{}, r, del, &freed));
        if (blocks_ && !freed.empty()) blocks_->FreeBlocks(freed);
      }
      return Status::OK();
    }
    const ufs::UfsStatus& s = plan.statuses.back();
    // Only a persisted file can have changed in the UFS: the inode may have been replaced by
    // an Alluxio-only file since the UFS was asked.
    if (!self.is_directory && self.completed && !s.is_directory &&
        self.persistence_state == PersistenceState::kPersisted &&
        s.content_hash != self.ufs_fingerprint && r.path != "/") {
      // Changed behind our back: replace the inode (new id, new block ids).
      Inode& parent = r.inodes[r.inodes.size() - 2];
      Inode fresh = InodeFromUfs(parent.id, s, parent);
      fresh.owner = self.owner;
      fresh.group = self.group;
      fresh.mode = self.mode;
      fresh.pinned = self.pinned;
      fresh.ttl_ms = self.ttl_ms;
      fresh.ttl_action = self.ttl_action;
      fresh.last_sync_ms = now;
      RemoveFromIndexes(self, &batch);
      batch.DeleteInode(self.id);
      batch.PutEdge(parent.id, fresh.name, fresh.id);
      batch.PutInode(fresh);
      UpdateIndexes(Inode{}, fresh, &batch);
      freed.insert(freed.end(), self.block_ids.begin(), self.block_ids.end());
      self = fresh;
    } else if (!self.is_directory) {
      // A directory counts as synced only once its children are: the listing below stamps it.
      self.last_sync_ms = now;
      batch.PutInode(self);
    }
  }

  if (plan.list && self.is_directory) {
    // Merge join of the UFS listing and Alluxio's children, both in bytewise name order: no
    // second copy (map) of a listing that may hold 100,000 entries.
    const std::vector<ufs::UfsStatus>& children = plan.children;  // sorted when listed
    std::vector<Edge> have;
    {
      std::string after;
      while (true) {
        ASSIGN_OR_RETURN(auto page, store_->ListChildren(self.id, after, 4096));
        if (page.empty()) break;
        after = page.back().name;
        for (Edge& e : page) have.push_back(std::move(e));
      }
    }
    auto add_new = [&](const ufs::UfsStatus& status) {
      Inode n = InodeFromUfs(self.id, status, self);
      batch.PutEdge(self.id, n.name, n.id);
      batch.PutInode(n);
      UpdateIndexes(Inode{}, n, &batch);
      self.child_count++;
    };
    size_t ci = 0;
    for (const Edge& e : have) {
      while (ci < children.size() && children[ci].name < e.name) add_new(children[ci++]);
      if (ci < children.size() && children[ci].name == e.name) {
        const ufs::UfsStatus* in_ufs = &children[ci++];
        if (plan.full_sync) {
          ASSIGN_OR_RETURN(auto child, store_->GetInode(e.child_id));
          if (child && !child->is_directory && child->completed && !in_ufs->is_directory &&
              child->persistence_state == PersistenceState::kPersisted &&
              child->ufs_fingerprint != in_ufs->content_hash) {
            Inode fresh = InodeFromUfs(self.id, *in_ufs, self);
            fresh.owner = child->owner;
            fresh.group = child->group;
            fresh.mode = child->mode;
            fresh.pinned = child->pinned;
            fresh.ttl_ms = child->ttl_ms;
            fresh.ttl_action = child->ttl_action;
            RemoveFromIndexes(*child, &batch);
            batch.DeleteInode(child->id);
            batch.PutEdge(self.id, fresh.name, fresh.id);
            batch.PutInode(fresh);
            UpdateIndexes(Inode{}, fresh, &batch);
            freed.insert(freed.end(), child->block_ids.begin(), child->block_ids.end());
          }
        }
        continue;
      }
      if (!plan.full_sync) continue;
      std::string child_path = JoinPath(plan.path, e.name);
      if (mount_table_.IsMountPoint(child_path) ||
          !mount_table_.MountPointsBelow(child_path).empty()) {
        continue;
      }
      ASSIGN_OR_RETURN(auto child, store_->GetInode(e.child_id));
      if (!child || child->persistence_state != PersistenceState::kPersisted) continue;
      std::vector<Inode> subtree;
      RETURN_IF_ERROR(CollectSubtree(*child, &subtree));
      for (const Inode& gone : subtree) {
        batch.DeleteInode(gone.id);
        batch.DeleteEdge(gone.parent_id, gone.name);
        RemoveFromIndexes(gone, &batch);
        freed.insert(freed.end(), gone.block_ids.begin(), gone.block_ids.end());
      }
      self.child_count = std::max<int64_t>(0, self.child_count - 1);
    }
    while (ci < children.size()) add_new(children[ci++]);
    self.direct_children_loaded = true;
    if (plan.full_sync) self.last_sync_ms = now;
    batch.PutInode(self);
  }
  if (!batch.empty()) RETURN_IF_ERROR(CommitLocked(batch));
  if (blocks_ && !freed.empty()) blocks_->FreeBlocks(freed);
  return Status::OK();
}

}  // namespace alluxio::master
