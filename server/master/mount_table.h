// MountTable: which UFS backs each part of the Alluxio namespace.
//
// Every entry maps an Alluxio path (a mount point, "/" for the root mount) to a UFS URI and
// its options. Resolve() finds the deepest mount point above a path and turns the path into
// the UFS URI below that mount; the path is already normalised (no "..", no "//"), so the UFS
// path can never leave its mount.
//
// Entries persist in the metastore's meta area (key "mount/<alluxio path>") and commit in the
// same batch as the mount point's inode. Thread-safe: the entry map is guarded by its own
// mutex; UFS instances are shared and thread-safe.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "lib/common/result.h"
#include "lib/ufs/under_file_system.h"
#include "lib/wire/fs_types.h"
#include "server/master/metastore/inode_store.h"

namespace alluxio::master {

struct MountEntry {
  std::string alluxio_path;
  std::string ufs_uri;  // without a trailing slash (except a bare "/")
  int64_t mount_id = 0;
  bool read_only = false;
  bool shared = false;
  std::map<std::string, std::string> properties;
  std::shared_ptr<ufs::UnderFileSystem> ufs;
};

struct ResolvedUfsPath {
  MountEntry mount;      // a copy; cheap (the UFS is shared)
  std::string ufs_path;  // full UFS URI of the path
};

class MountTable {
 public:
  // `global_properties`: UFS keys set in the master's configuration (alluxio.underfs.*, s3a.*,
  // aws.*); a mount's own options override them.
  MountTable(InodeStore* store, const ufs::UfsRegistry* registry,
             std::map<std::string, std::string> global_properties = {})
      : store_(store), registry_(registry), global_properties_(std::move(global_properties)) {}

  // Loads persisted entries and creates their UFS instances. A mount whose UFS cannot be
  // created is kept (so it can be unmounted) and reports UNAVAILABLE when used.
  Status Load();

  // The global UFS properties overlaid with a mount's own.
  std::map<std::string, std::string> EffectiveProperties(
      const std::map<std::string, std::string>& mount_properties) const;
  // Creates a UFS instance for `uri` from EffectiveProperties (INVALID_ARGUMENT for unknown
  // schemes).
  Result<std::shared_ptr<ufs::UnderFileSystem>> CreateUfs(
      const std::string& uri, const std::map<std::string, std::string>& properties) const;

  // The deepest mount at or above `path`. Fails only if there is no root mount.
  Result<ResolvedUfsPath> Resolve(const std::string& path) const;

  // Validates a new mount (not at an existing mount point, its UFS not inside or around
  // another mount's UFS) and adds the entry to `batch`; call Add() after the batch commits.
  Status CheckNewMount(const std::string& alluxio_path, const std::string& ufs_uri) const;
  void PutInBatch(const MountEntry& entry, InodeWriteBatch* batch) const;
  void Add(MountEntry entry);
  void RemoveInBatch(const std::string& alluxio_path, InodeWriteBatch* batch) const;
  void Remove(const std::string& alluxio_path);

  std::optional<MountEntry> Get(const std::string& alluxio_path) const;
  bool IsMountPoint(const std::string& alluxio_path) const;
  // Mount points strictly below `path`.
  std::vector<std::string> MountPointsBelow(const std::string& path) const;
  std::vector<MountEntry> List() const;
  int64_t NextMountId() const;

  // For display: the mount's properties with secrets replaced by "******".
  static std::map<std::string, std::string> MaskedProperties(
      const std::map<std::string, std::string>& properties);
  // "/a/b" below mount "/a" with UFS "s3://x/y" -> "s3://x/y/b".
  static std::string UfsPathFor(const MountEntry& mount, const std::string& alluxio_path);

 private:
  InodeStore* const store_;
  const ufs::UfsRegistry* const registry_;
  const std::map<std::string, std::string> global_properties_;
  mutable std::mutex mu_;
  std::map<std::string, MountEntry> mounts_;  // guarded by mu_; by Alluxio path
};

}  // namespace alluxio::master
