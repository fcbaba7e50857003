#include "server/master/file_system_master.h"

#include <algorithm>
#include <mutex>

#include "lib/common/path.h"
#include "lib/common/strings.h"
#include "server/master/resolved_path.h"

namespace alluxio::master {

namespace {

constexpr std::string_view kTtlPrefix = "ttl/";

std::string IndexKey(std::string_view prefix, int64_t id) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%016llx", static_cast<unsigned long long>(id));
  return std::string(prefix) + buf;
}
std::string TtlKey(int64_t id) { return IndexKey(kTtlPrefix, id); }
bool InPinIndex(const Inode& i) { return !i.is_directory && i.pinned; }
bool InPersistIndex(const Inode& i) {
  return !i.is_directory && i.completed && i.persistence_state == PersistenceState::kToBePersisted;
}

TtlAction ToInodeTtl(wire::TtlAction a) { return static_cast<TtlAction>(static_cast<int>(a)); }
wire::TtlAction ToWireTtl(TtlAction a) { return static_cast<wire::TtlAction>(static_cast<int>(a)); }

std::string ModeString(int mode) {
  std::string s;
  for (int shift = 6; shift >= 0; shift -= 3) {
    int b = (mode >> shift) & 7;
    s += (b & 4) ? 'r' : '-';
    s += (b & 2) ? 'w' : '-';
    s += (b & 1) ? 'x' : '-';
  }
  return s;
}

}  // namespace

FileSystemMaster::FileSystemMaster(FileSystemMasterOptions options, InodeStore* store,
                                   const ufs::UfsRegistry* registry, Clock* clock, Logger* logger,
                                   MetricsRegistry* metrics)
    : options_(std::move(options)),
      store_(store),
      clock_(clock),
      logger_(logger),
      mount_table_(store, registry, options_.ufs_properties) {
  if (metrics) {
    files_created_ = metrics->GetCounter("Master.FilesCreated");
    directories_created_ = metrics->GetCounter("Master.DirectoriesCreated");
    paths_deleted_ = metrics->GetCounter("Master.PathsDeleted");
    paths_renamed_ = metrics->GetCounter("Master.PathsRenamed");
    paths_mounted_ = metrics->GetCounter("Master.PathsMounted");
    files_freed_ = metrics->GetCounter("Master.FilesFreed");
    get_status_ops_ = metrics->GetCounter("Master.GetFileInfoOps");
    list_status_ops_ = metrics->GetCounter("Master.ListingCacheOps");
    total_paths_gauge_ = metrics->RegisterGauge(
        "Master.TotalPaths", [this] { return static_cast<double>(InodeCount()); });
  }
}

FileSystemMaster::~FileSystemMaster() = default;

int64_t FileSystemMaster::InodeCount() { return store_->ApproximateInodeCount(); }

Status FileSystemMaster::Start() {
  ASSIGN_OR_RETURN(int64_t max_id, store_->MaxInodeId());
  next_container_id_ = max_id < 0 ? 1 : ContainerIdOf(max_id) + 1;
  root_id_ = FileIdOfContainer(0);
  RETURN_IF_ERROR(mount_table_.Load());
  ASSIGN_OR_RETURN(auto root, store_->GetInode(root_id_));
  if (root && mount_table_.IsMountPoint("/")) return Status::OK();

  // First start: the root directory and the root mount, in one batch.
  if (options_.root_ufs.empty()) {
    return Status::InvalidArgument(
        "alluxio.master.mount.table.root.ufs is empty; set it to the storage to mount at /");
  }
  ASSIGN_OR_RETURN(auto ufs, mount_table_.CreateUfs(options_.root_ufs, options_.root_properties));
  if (ufs::SchemeOf(options_.root_ufs) == "file") {
    // A local root UFS is created if missing, so a fresh machine starts with no set-up.
    ufs::MkdirsOptions mk;
    Status st = ufs->Mkdirs(options_.root_ufs, mk);
    if (!st.ok() && st.code() != StatusCode::kAlreadyExists) {
      return st.WithContext("Creating the root UFS directory " + options_.root_ufs);
    }
  }
  InodeWriteBatch batch;
  Inode r;
  r.id = root_id_;
  r.parent_id = -1;
  r.is_directory = true;
  r.creation_time_ms = r.last_modification_time_ms = r.last_access_time_ms = clock_->NowMs();
  r.owner = options_.superuser;
  r.group = options_.superuser;
  r.mode = 0755;
  r.mount_point = true;
  r.persistence_state = PersistenceState::kPersisted;
  r.cacheable = false;
  r.completed = true;
  if (root) r = *root;  // keep an existing root; only the mount entry was missing
  batch.PutInode(r);
  MountEntry entry;
  entry.alluxio_path = "/";
  entry.ufs_uri = options_.root_ufs;
  entry.mount_id = 1;
  entry.read_only = options_.root_read_only;
  entry.shared = options_.root_shared;
  entry.properties = options_.root_properties;
  entry.ufs = ufs;
  mount_table_.PutInBatch(entry, &batch);
  RETURN_IF_ERROR(store_->Commit(batch));
  RETURN_IF_ERROR(store_->Sync());
  mount_table_.Add(std::move(entry));
  logger_->Info("master", "Mounted " + options_.root_ufs + " at /");
  return Status::OK();
}

int64_t FileSystemMaster::NewFileId() {
  std::lock_guard<std::mutex> lock(id_mu_);
  return FileIdOfContainer(next_container_id_++);
}

int64_t FileSystemMaster::NewDirectoryId() { return NewFileId(); }

Result<FileSystemMaster::Resolved> FileSystemMaster::Resolve(const std::string& path) {
  Resolved r;
  r.path = path;
  r.components = PathComponents(path);
  // One allocation: growing the vector copied every inode again, and its larger blocks made
  // malloc consolidate its free lists on every call.
  r.inodes.reserve(r.components.size() + 1);
  ASSIGN_OR_RETURN(auto root, store_->GetInode(root_id_));
  if (!root) return Status::DataLoss("The root inode is missing from the metastore");
  r.inodes.push_back(std::move(*root));
  for (const std::string& name : r.components) {
    if (!r.inodes.back().is_directory) break;
    ASSIGN_OR_RETURN(auto child, store_->GetChild(r.inodes.back().id, name));
    if (!child) break;
    ASSIGN_OR_RETURN(auto inode, store_->GetInode(*child));
    if (!inode) {
      return Status::DataLoss("Inode " + std::to_string(*child) + " of " + path +
                              " is missing from the metastore");
    }
    r.inodes.push_back(std::move(*inode));
  }
  return r;
}

Result<std::string> FileSystemMaster::PathOf(const Inode& inode) {
  std::vector<std::string> names;
  Inode cur = inode;
  int guard = 0;
  while (cur.parent_id >= 0) {
    names.push_back(cur.name);
    ASSIGN_OR_RETURN(auto parent, store_->GetInode(cur.parent_id));
    if (!parent || ++guard > 10000) {
      return Status::DataLoss("Broken parent chain at inode " + std::to_string(cur.id));
    }
    cur = std::move(*parent);
  }
  std::string out;
  for (auto it = names.rbegin(); it != names.rend(); ++it) out += "/" + *it;
  return out.empty() ? "/" : out;
}

bool FileSystemMaster::IsSuperuser(const CallerInfo& caller) const {
  if (!options_.permission_enabled || caller.user.empty()) return true;
  if (caller.user == options_.superuser) return true;
  return std::find(caller.groups.begin(), caller.groups.end(), options_.supergroup) !=
         caller.groups.end();
}

Status FileSystemMaster::CheckAccess(const CallerInfo& caller, const Resolved& r, int bits,
                                     bool parent_instead) {
  if (IsSuperuser(caller)) return Status::OK();
  auto allowed = [&](const Inode& inode, int want) {
    int shift = 0;
    if (inode.owner == caller.user) {
      shift = 6;
    } else if (std::find(caller.groups.begin(), caller.groups.end(), inode.group) !=
               caller.groups.end()) {
      shift = 3;
    }
    return (((inode.mode >> shift) & 7) & want) == want;
  };
  auto denied = [&](const Inode& inode, int want, size_t depth) {
    std::string access;
    access += (want & 4) ? 'r' : '-';
    access += (want & 2) ? 'w' : '-';
    access += (want & 1) ? 'x' : '-';
    return Status::PermissionDenied(StrCat(
        "Permission denied: user=", caller.user, ", access=", access, ", path=", r.path,
        ": failed at ", depth == 0 ? std::string("/") : r.components[depth - 1], ", inode owner=",
        inode.owner, ", inode group=", inode.group, ", inode mode=", ModeString(inode.mode)));
  };
  // Traverse: execute on every existing directory above the target.
  size_t target = parent_instead ? r.inodes.size() - (r.exists() ? 2 : 1) : r.inodes.size() - 1;
  if (r.exists() && r.inodes.size() == 1) target = 0;
  for (size_t i = 0; i < target && i < r.inodes.size(); ++i) {
    if (!allowed(r.inodes[i], 1)) return denied(r.inodes[i], 1, i);
  }
  if (bits && target < r.inodes.size() && !allowed(r.inodes[target], bits)) {
    return denied(r.inodes[target], bits, target);
  }
  return Status::OK();
}

Status FileSystemMaster::CheckWritableMount(const std::string& path) {
  ASSIGN_OR_RETURN(ResolvedUfsPath u, mount_table_.Resolve(path));
  if (u.mount.read_only) {
    return Status::PermissionDenied("A write operation on " + path +
                                    " under a readonly mount point " + u.mount.alluxio_path +
                                    " is not allowed");
  }
  return Status::OK();
}

Inode FileSystemMaster::NewInode(int64_t parent_id, std::string name, bool is_dir,
                                 const CallerInfo& caller, int mode) {
  Inode n;
  n.id = is_dir ? NewDirectoryId() : NewFileId();
  n.parent_id = parent_id;
  n.name = std::move(name);
  n.is_directory = is_dir;
  n.creation_time_ms = n.last_modification_time_ms = n.last_access_time_ms = clock_->NowMs();
  n.owner = caller.user;
  n.group = caller.groups.empty() ? caller.user : caller.groups.front();
  n.mode = mode;
  n.cacheable = !is_dir;
  n.completed = is_dir;
  return n;
}

Status FileSystemMaster::CommitLocked(const InodeWriteBatch& batch) {
  return store_->Commit(batch).WithContext("Committing to the metastore");
}

Status FileSystemMaster::MaybeSync() {
  if (!options_.journal_sync) return Status::OK();
  return store_->Sync();
}

void FileSystemMaster::WhenDurable(std::function<void(Status)> done) {
  if (!options_.journal_sync) return done(Status::OK());
  store_->WhenDurable(std::move(done));
}

void FileSystemMaster::UpdateIndexes(const Inode& before, const Inode& after,
                                     InodeWriteBatch* batch) {
  auto update = [&](bool had, bool has, const std::string& key) {
    if (had && !has) batch->DeleteMeta(key);
    if (has && !had) batch->PutMeta(key, "");
  };
  update(before.ttl_ms >= 0, after.ttl_ms >= 0, TtlKey(after.id));
  update(InPinIndex(before), InPinIndex(after), IndexKey(kPinPrefix, after.id));
  update(InPersistIndex(before), InPersistIndex(after), IndexKey(kPersistPrefix, after.id));
}

void FileSystemMaster::RemoveFromIndexes(const Inode& inode, InodeWriteBatch* batch) {
  if (inode.ttl_ms >= 0) batch->DeleteMeta(TtlKey(inode.id));
  if (InPinIndex(inode)) batch->DeleteMeta(IndexKey(kPinPrefix, inode.id));
  if (InPersistIndex(inode)) batch->DeleteMeta(IndexKey(kPersistPrefix, inode.id));
}

wire::FileInfo FileSystemMaster::ToFileInfo(const Inode& inode, const std::string& path) {
  wire::FileInfo f;
  f.file_id = inode.id;
  f.name = inode.name;
  f.path = path;
  auto u = mount_table_.Resolve(path);
  if (u.ok()) {
    f.ufs_path = u->ufs_path;
    f.mount_id = u->mount.mount_id;
  }
  f.length = inode.is_directory ? inode.child_count : inode.length;
  f.block_size_bytes = inode.is_directory ? 0 : inode.block_size_bytes;
  f.creation_time_ms = inode.creation_time_ms;
  f.last_modification_time_ms = inode.last_modification_time_ms;
  f.last_access_time_ms = inode.last_access_time_ms;
  f.completed = inode.is_directory || inode.completed;
  f.folder = inode.is_directory;
  f.pinned = inode.pinned;
  f.pinned_medium_types = inode.pinned_media;
  f.cacheable = !inode.is_directory && inode.cacheable;
  f.persisted = inode.persistence_state == PersistenceState::kPersisted;
  f.persistence_state = std::string(PersistenceStateName(inode.persistence_state));
  f.ttl = inode.ttl_ms;
  f.ttl_action = ToWireTtl(inode.ttl_action);
  f.owner = inode.owner;
  f.group = inode.group;
  f.mode = inode.mode;
  f.mount_point = inode.mount_point;
  f.replication_max = inode.replication_max;
  f.replication_min = inode.replication_min;
  f.ufs_fingerprint = inode.ufs_fingerprint;
  f.xattr = inode.xattr;
  if (!inode.is_directory) {
    f.block_ids = inode.block_ids;
    int64_t cached_bytes = 0, in_memory_bytes = 0;
    for (size_t i = 0; i < inode.block_ids.size(); ++i) {
      wire::FileBlockInfo fb;
      fb.offset = static_cast<int64_t>(i) * inode.block_size_bytes;
      fb.block_info.block_id = inode.block_ids[i];
      fb.block_info.length = std::min(inode.block_size_bytes, inode.length - fb.offset);
      if (blocks_) fb.block_info.locations = blocks_->GetLocations(inode.block_ids[i]);
      if (!fb.block_info.locations.empty()) {
        cached_bytes += fb.block_info.length;
        bool in_mem =
            std::any_of(fb.block_info.locations.begin(), fb.block_info.locations.end(),
                        [](const wire::BlockLocation& l) { return l.tier_alias == "MEM"; });
        if (in_mem) in_memory_bytes += fb.block_info.length;
      }
      if (f.persisted) fb.ufs_locations.push_back(f.ufs_path);
      f.file_block_infos.push_back(std::move(fb));
    }
    if (inode.length == 0) {
      f.in_alluxio_percentage = 100;
      f.in_memory_percentage = 100;
    } else {
      f.in_alluxio_percentage = static_cast<int>(cached_bytes * 100 / inode.length);
      f.in_memory_percentage = static_cast<int>(in_memory_bytes * 100 / inode.length);
    }
  }
  return f;
}

Result<wire::FileInfo> FileSystemMaster::GetStatus(const CallerInfo& caller, std::string_view raw,
                                                   const wire::GetStatusOptions& options) {
  ASSIGN_OR_RETURN(std::string path, NormalizePath(raw));
  if (get_status_ops_) get_status_ops_->Inc();
  std::shared_lock<std::shared_mutex> lock(tree_mu_);
  ASSIGN_OR_RETURN(Resolved r, Resolve(path));
  RETURN_IF_ERROR(
      SyncAndResolveAgainIfDue(lock, options.load_metadata_type, options.common, false, &r));
  return StatusOf(caller, r, path);
}

std::optional<Result<wire::FileInfo>> FileSystemMaster::TryGetStatus(
    const CallerInfo& caller, std::string_view raw, const wire::GetStatusOptions& options) {
  auto path = NormalizePath(raw);
  if (!path.ok()) return Result<wire::FileInfo>(path.status());
  // A writer holds the lock across UFS calls and commits: do not wait for it here.
  std::shared_lock<std::shared_mutex> lock(tree_mu_, std::try_to_lock);
  if (!lock.owns_lock()) return std::nullopt;
  auto r = Resolve(*path);
  if (!r.ok()) return Result<wire::FileInfo>(r.status());
  SyncPlan plan;
  if (PlanSync(*r, options.load_metadata_type, options.common, false, &plan)) return std::nullopt;
  if (get_status_ops_) get_status_ops_->Inc();
  return StatusOf(caller, *r, *path);
}

Result<wire::FileInfo> FileSystemMaster::StatusOf(const CallerInfo& caller, const Resolved& r,
                                                  const std::string& path) {
  if (!r.exists()) return Status::NotFound("Path \"" + path + "\" does not exist.");
  RETURN_IF_ERROR(CheckAccess(caller, r, 0, false));
  return ToFileInfo(r.last(), path);
}

Result<wire::FileInfo> FileSystemMaster::GetStatusById(const CallerInfo& caller, int64_t id) {
  std::shared_lock<std::shared_mutex> lock(tree_mu_);
  ASSIGN_OR_RETURN(auto inode, store_->GetInode(id));
  if (!inode) return Status::NotFound("File id " + std::to_string(id) + " does not exist.");
  ASSIGN_OR_RETURN(std::string path, PathOf(*inode));
  ASSIGN_OR_RETURN(Resolved r, Resolve(path));
  RETURN_IF_ERROR(CheckAccess(caller, r, 0, false));
  return ToFileInfo(*inode, path);
}

Result<ListPage> FileSystemMaster::ListStatus(const CallerInfo& caller, std::string_view raw,
                                              const wire::ListStatusOptions& options,
                                              std::string_view start_after, size_t limit) {
  ASSIGN_OR_RETURN(std::string path, NormalizePath(raw));
  if (list_status_ops_) list_status_ops_->Inc();
  std::shared_lock<std::shared_mutex> lock(tree_mu_);
  ASSIGN_OR_RETURN(Resolved r, Resolve(path));
  // Sync once per listing, on its first page.
  if (start_after.empty()) {
    RETURN_IF_ERROR(
        SyncAndResolveAgainIfDue(lock, options.load_metadata_type, options.common, true, &r));
  }
  if (!r.exists()) return Status::NotFound("Path \"" + path + "\" does not exist.");
  ListPage page;
  if (!r.last().is_directory) {
    RETURN_IF_ERROR(CheckAccess(caller, r, 0, false));
    if (start_after.empty()) page.entries.push_back(ToFileInfo(r.last(), path));
    return page;
  }
  RETURN_IF_ERROR(CheckAccess(caller, r, 4 | 1, false));
  ASSIGN_OR_RETURN(std::vector<Edge> edges,
                   store_->ListChildren(r.last().id, start_after, limit ? limit + 1 : 0));
  if (limit && edges.size() > limit) {
    page.truncated = true;
    edges.resize(limit);
  }
  page.entries.reserve(edges.size());
  for (const Edge& e : edges) {
    ASSIGN_OR_RETURN(auto child, store_->GetInode(e.child_id));
    if (!child) continue;  // an edge without inode would be a bug; never show a ghost
    page.entries.push_back(ToFileInfo(*child, JoinPath(path, e.name)));
  }
  return page;
}

Result<bool> FileSystemMaster::Exists(const CallerInfo& caller, std::string_view raw,
                                      const wire::ExistsOptions& options) {
  ASSIGN_OR_RETURN(std::string path, NormalizePath(raw));
  std::shared_lock<std::shared_mutex> lock(tree_mu_);
  ASSIGN_OR_RETURN(Resolved r, Resolve(path));
  RETURN_IF_ERROR(
      SyncAndResolveAgainIfDue(lock, options.load_metadata_type, options.common, false, &r));
  if (!r.exists()) return false;
  RETURN_IF_ERROR(CheckAccess(caller, r, 0, false));
  return true;
}

Status FileSystemMaster::CreateMissingDirs(const CallerInfo& caller, Resolved& r, size_t upto,
                                           int mode, bool persisted, InodeWriteBatch* batch) {
  // r.inodes covers components[0 .. inodes.size()-1); create up to `upto` components.
  Inode parent_before = r.last();
  bool first = true;
  while (r.inodes.size() <= upto) {
    Inode& parent = r.last();
    const std::string& name = r.components[r.inodes.size() - 1];
    Inode dir = NewInode(parent.id, name, true, caller, mode);
    dir.persistence_state =
        persisted ? PersistenceState::kPersisted : PersistenceState::kNotPersisted;
    parent.child_count++;
    parent.last_modification_time_ms = dir.creation_time_ms;
    batch->PutInode(parent);
    batch->PutEdge(parent.id, name, dir.id);
    (void)first;
    first = false;
    r.inodes.push_back(std::move(dir));
    if (directories_created_) directories_created_->Inc();
  }
  batch->PutInode(r.last());
  (void)parent_before;
  return Status::OK();
}

Status FileSystemMaster::PersistAncestors(const Resolved& r, size_t count, InodeWriteBatch* batch) {
  // Directories 1..count-1 of r.inodes (the root is always persisted), but only those in the
  // same mount as the deepest of them: above a mount point lies another UFS.
  count = std::min(count, r.inodes.size());
  if (count <= 1) return Status::OK();
  ASSIGN_OR_RETURN(ResolvedUfsPath deepest, mount_table_.Resolve(r.Prefix(count - 1)));
  for (size_t i = 1; i < count; ++i) {
    const Inode& dir = r.inodes[i];
    if (!dir.is_directory || dir.persistence_state == PersistenceState::kPersisted) continue;
    std::string p = r.Prefix(i);
    if (!IsAncestorOrSelf(deepest.mount.alluxio_path, p)) continue;
    ASSIGN_OR_RETURN(ResolvedUfsPath u, mount_table_.Resolve(p));
    ufs::MkdirsOptions mk;
    mk.mode = dir.mode;
    Status st = u.mount.ufs->Mkdirs(u.ufs_path, mk);
    if (!st.ok() && st.code() != StatusCode::kAlreadyExists) {
      return st.WithContext("Creating " + p + " in the UFS");
    }
    Inode updated = dir;
    updated.persistence_state = PersistenceState::kPersisted;
    batch->PutInode(updated);
  }
  return Status::OK();
}

Status FileSystemMaster::CreateDirectory(const CallerInfo& caller, std::string_view raw,
                                         const wire::CreateDirectoryOptions& options) {
  ASSIGN_OR_RETURN(std::string path, NormalizePath(raw));
  // Creating does not load a missing path from the UFS: Alluxio syncs it by interval only.
  RETURN_IF_ERROR(SyncIfNeeded(path, wire::LoadMetadataType::kNever, options.common, false));
  wire::WriteType wt = options.write_type.value_or(options_.default_write_type);
  bool through = wt == wire::WriteType::kCacheThrough || wt == wire::WriteType::kThrough;
  int mode = options.mode.value_or(0777 & ~options_.umask);
  {
    std::unique_lock<std::shared_mutex> lock(tree_mu_);
    ASSIGN_OR_RETURN(Resolved r, Resolve(path));
    if (r.exists()) {
      if (path == "/") return Status::AlreadyExists("Not allowed to create existing root path: /");
      if (options.allow_exists && r.last().is_directory) return Status::OK();
      return Status::AlreadyExists("Not allowed to create directory because path already exists: " +
                                   path);
    }
    if (r.blocked_by_file()) {
      return Status::InvalidArgument("Could not traverse to parent directory of path " + path +
                                     ". Component " + r.last().name + " is not a directory.");
    }
    if (!options.recursive && r.inodes.size() < r.components.size()) {
      size_t missing = r.inodes.size() - 1;
      return Status::NotFound(StrCat("File ", path, " creation failed. Component ", missing + 1,
                                     "(", r.components[missing], ") does not exist"));
    }
    RETURN_IF_ERROR(CheckWritableMount(path));
    RETURN_IF_ERROR(CheckAccess(caller, r, 2 | 1, false));
    InodeWriteBatch batch;
    size_t existing = r.inodes.size();
    if (through) {
      // The UFS directory first: if it fails, nothing changes in Alluxio.
      RETURN_IF_ERROR(PersistAncestors(r, existing, &batch));
      ASSIGN_OR_RETURN(ResolvedUfsPath u, mount_table_.Resolve(path));
      ufs::MkdirsOptions mk;
      mk.mode = mode;
      Status st = u.mount.ufs->Mkdirs(u.ufs_path, mk);
      if (!st.ok() && st.code() != StatusCode::kAlreadyExists) {
        return st.WithContext("Creating " + path + " in the UFS");
      }
      // PersistAncestors wrote the parent; keep r in step with the batch.
      for (size_t i = 1; i < existing; ++i) {
        if (r.inodes[i].is_directory) r.inodes[i].persistence_state = PersistenceState::kPersisted;
      }
    }
    RETURN_IF_ERROR(CreateMissingDirs(caller, r, r.components.size(), mode, through, &batch));
    Inode& created = r.last();
    created.mode = mode;
    if (options.common.ttl && *options.common.ttl >= 0) {
      created.ttl_ms = *options.common.ttl;
      created.ttl_action =
          ToInodeTtl(options.common.ttl_action.value_or(options_.default_ttl_action));
    } else if (options_.default_ttl_ms >= 0) {
      created.ttl_ms = options_.default_ttl_ms;
      created.ttl_action = ToInodeTtl(options_.default_ttl_action);
    }
    batch.PutInode(created);
    UpdateIndexes(Inode{}, created, &batch);
    RETURN_IF_ERROR(CommitLocked(batch));
  }
  return MaybeSync();
}

Result<wire::FileInfo> FileSystemMaster::CreateFile(const CallerInfo& caller, std::string_view raw,
                                                    const wire::CreateFileOptions& options,
                                                    bool sync) {
  ASSIGN_OR_RETURN(std::string path, NormalizePath(raw));
  if (path == "/") return Status::AlreadyExists("Not allowed to create existing root path: /");
  // As for directories: no load of a missing path, a sync only by interval.
  RETURN_IF_ERROR(SyncIfNeeded(path, wire::LoadMetadataType::kNever, options.common, false));
  int64_t block_size = options.block_size_bytes.value_or(options_.default_block_size);
  if (block_size <= 0) {
    return Status::InvalidArgument("Invalid block size " + std::to_string(block_size) + " for " +
                                   path + ": it must be positive");
  }
  wire::WriteType wt = options.write_type.value_or(options_.default_write_type);
  bool through = wt == wire::WriteType::kCacheThrough || wt == wire::WriteType::kThrough;
  int mode = options.mode.value_or(0666 & ~options_.umask);
  std::vector<int64_t> freed;
  wire::FileInfo info;
  {
    std::unique_lock<std::shared_mutex> lock(tree_mu_);
    ASSIGN_OR_RETURN(Resolved r, Resolve(path));
    if (r.exists()) {
      if (!options.overwrite || r.last().is_directory) {
        return Status::AlreadyExists("Not allowed to create file because path already exists: " +
                                     path);
      }
      wire::DeleteOptions del;
      RETURN_IF_ERROR(DeleteLocked(caller, r, del, &freed));
      ASSIGN_OR_RETURN(r, Resolve(path));
    }
    if (r.blocked_by_file()) {
      return Status::InvalidArgument("Could not traverse to parent directory of path " + path +
                                     ". Component " + r.last().name + " is not a directory.");
    }
    if (!options.recursive && r.inodes.size() < r.components.size()) {
      size_t missing = r.inodes.size() - 1;
      return Status::NotFound(StrCat("File ", path, " creation failed. Component ", missing + 1,
                                     "(", r.components[missing], ") does not exist"));
    }
    RETURN_IF_ERROR(CheckWritableMount(path));
    RETURN_IF_ERROR(CheckAccess(caller, r, 2 | 1, false));
    InodeWriteBatch batch;
    if (r.inodes.size() < r.components.size()) {
      RETURN_IF_ERROR(CreateMissingDirs(caller, r, r.components.size() - 1, 0777 & ~options_.umask,
                                        false, &batch));
    }
    if (through) {
      // Workers write the data straight into the UFS, so its directories must exist now.
      RETURN_IF_ERROR(PersistAncestors(r, r.inodes.size(), &batch));
      for (size_t i = 1; i < r.inodes.size(); ++i) {
        if (r.inodes[i].is_directory) r.inodes[i].persistence_state = PersistenceState::kPersisted;
      }
    }
    Inode& parent = r.last();
    Inode file = NewInode(parent.id, r.components.back(), false, caller, mode);
    file.block_size_bytes = block_size;
    file.replication_max = options.replication_max.value_or(options_.default_replication_max);
    file.replication_min = options.replication_min.value_or(options_.default_replication_min);
    file.replication_durable =
        options.replication_durable.value_or(options_.default_replication_durable);
    file.persistence_wait_time_ms =
        options.persistence_wait_time_ms.value_or(options_.default_persistence_wait_ms);
    if (options.common.ttl && *options.common.ttl >= 0) {
      file.ttl_ms = *options.common.ttl;
      file.ttl_action = ToInodeTtl(options.common.ttl_action.value_or(options_.default_ttl_action));
    } else if (options_.default_ttl_ms >= 0) {
      file.ttl_ms = options_.default_ttl_ms;
      file.ttl_action = ToInodeTtl(options_.default_ttl_action);
    }
    parent.child_count++;
    parent.last_modification_time_ms = file.creation_time_ms;
    batch.PutInode(parent);
    batch.PutEdge(parent.id, file.name, file.id);
    batch.PutInode(file);
    UpdateIndexes(Inode{}, file, &batch);
    RETURN_IF_ERROR(CommitLocked(batch));
    if (files_created_) files_created_->Inc();
    info = ToFileInfo(file, path);
  }
  if (blocks_ && !freed.empty()) blocks_->FreeBlocks(freed);
  if (sync) RETURN_IF_ERROR(MaybeSync());
  return info;
}

Result<wire::FileInfo> FileSystemMaster::CompleteFile(const CallerInfo& caller,
                                                      std::string_view raw,
                                                      const CompleteFileOptions& options,
                                                      bool sync) {
  ASSIGN_OR_RETURN(std::string path, NormalizePath(raw));
  if (options.length < 0) {
    return Status::InvalidArgument("Invalid length " + std::to_string(options.length) + " for " +
                                   path);
  }
  wire::FileInfo info;
  {
    std::unique_lock<std::shared_mutex> lock(tree_mu_);
    ASSIGN_OR_RETURN(Resolved r, Resolve(path));
    if (!r.exists()) return Status::NotFound("Path \"" + path + "\" does not exist.");
    Inode file = r.last();
    const Inode before = file;
    if (file.is_directory) return Status::InvalidArgument("Path " + path + " is a directory");
    if (file.completed) {
      return Status::AlreadyExists("File " + path + " has already been completed.");
    }
    RETURN_IF_ERROR(CheckAccess(caller, r, 2, false));
    wire::WriteType wt = options.write_type.value_or(options_.default_write_type);
    InodeWriteBatch batch;
    file.length = options.length;
    file.completed = true;
    file.last_modification_time_ms = clock_->NowMs();
    file.block_ids.clear();
    int64_t blocks = (file.length + file.block_size_bytes - 1) / file.block_size_bytes;
    for (int64_t i = 0; i < blocks; ++i) file.block_ids.push_back(BlockIdOf(file.id, i));
    bool needs_ufs_file = wt == wire::WriteType::kCacheThrough || wt == wire::WriteType::kThrough ||
                          wt == wire::WriteType::kAsyncThrough;
    if (needs_ufs_file && (file.length == 0 || wt != wire::WriteType::kAsyncThrough)) {
      ASSIGN_OR_RETURN(ResolvedUfsPath u, mount_table_.Resolve(path));
      r.inodes.pop_back();
      RETURN_IF_ERROR(PersistAncestors(r, r.inodes.size(), &batch));
      if (file.length == 0) {
        // No worker is involved in an empty file: the master writes it.
        ufs::CreateOptions co;
        co.mode = file.mode;
        ASSIGN_OR_RETURN(auto out, u.mount.ufs->Create(u.ufs_path, co));
        RETURN_IF_ERROR(out->Close().WithContext("Creating " + path + " in the UFS"));
      }
      auto st = u.mount.ufs->GetStatus(u.ufs_path);
      if (st.ok()) file.ufs_fingerprint = st->content_hash;
      file.persistence_state = PersistenceState::kPersisted;
    } else if (wt == wire::WriteType::kAsyncThrough) {
      file.persistence_state = PersistenceState::kToBePersisted;
    }
    UpdateIndexes(before, file, &batch);
    batch.PutInode(file);
    RETURN_IF_ERROR(CommitLocked(batch));
    info = ToFileInfo(file, path);
  }
  if (sync) RETURN_IF_ERROR(MaybeSync());
  return info;
}

std::vector<wire::MountPointInfo> FileSystemMaster::GetMountTable() {
  std::vector<wire::MountPointInfo> out;
  for (const MountEntry& e : mount_table_.List()) {
    wire::MountPointInfo m;
    m.alluxio_path = e.alluxio_path;
    m.ufs_uri = e.ufs_uri;
    std::string scheme = ufs::SchemeOf(e.ufs_uri);
    m.ufs_type = scheme == "file" ? "local" : scheme;
    m.read_only = e.read_only;
    m.shared = e.shared;
    m.properties = MountTable::MaskedProperties(e.properties);
    m.mount_id = e.mount_id;
    if (e.ufs) {
      auto space = e.ufs->GetSpace(e.ufs_uri);
      if (space.ok()) {
        m.ufs_capacity_bytes = space->capacity_bytes;
        m.ufs_used_bytes = space->used_bytes;
      }
    }
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace alluxio::master
