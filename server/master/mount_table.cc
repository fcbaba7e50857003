#include "server/master/mount_table.h"

#include <nlohmann/json.hpp>

#include "lib/common/path.h"
#include "lib/common/strings.h"
#include "lib/conf/property_key.h"
#include "lib/ufs/local_ufs.h"

namespace alluxio::master {
namespace {

constexpr std::string_view kMetaPrefix = "mount/";

std::string TrimTrailingSlash(std::string uri) {
  while (uri.size() > 1 && uri.back() == '/' && !EndsWith(uri, "://")) uri.pop_back();
  return uri;
}

// The form nesting is checked in: local URIs as their plain path ("file:///a/b/" -> "/a/b"),
// so that two spellings of one directory compare equal; others without a trailing slash.
std::string CanonicalUfsUri(const std::string& uri) {
  if (ufs::SchemeOf(uri) == "file") {
    auto local = ufs::LocalUfs::ToLocalPath(uri);
    if (local.ok()) return *local;
  }
  return TrimTrailingSlash(uri);
}

// "s3://bucket/dir" contains "s3://bucket/dir/sub" but not "s3://bucket/dirx".
bool UfsContains(std::string_view outer, std::string_view inner) {
  if (!StartsWith(inner, outer)) return false;
  if (inner.size() == outer.size()) return true;
  return outer.back() == '/' || inner[outer.size()] == '/';
}

bool IsSecretKey(std::string_view key) {
  const conf::PropertyKey* k = conf::FindPropertyKey(key);
  if (k) return k->secret;
  std::string lower = ToLower(key);
  return lower.find("secret") != std::string::npos || lower.find("password") != std::string::npos;
}

}  // namespace

std::map<std::string, std::string> MountTable::EffectiveProperties(
    const std::map<std::string, std::string>& mount_properties) const {
  std::map<std::string, std::string> merged = global_properties_;
  for (const auto& [k, v] : mount_properties) merged[k] = v;
  return merged;
}

Result<std::shared_ptr<ufs::UnderFileSystem>> MountTable::CreateUfs(
    const std::string& uri, const std::map<std::string, std::string>& properties) const {
  return registry_->Create(uri, EffectiveProperties(properties));
}

Status MountTable::Load() {
  std::vector<MountEntry> loaded;
  Status parse_error;
  RETURN_IF_ERROR(store_->ScanMeta(kMetaPrefix, [&](std::string_view, std::string_view value) {
    auto j = nlohmann::json::parse(value, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      parse_error = Status::DataLoss("Corrupt mount table entry in the metastore");
      return false;
    }
    MountEntry e;
    e.alluxio_path = j.value("alluxioPath", "");
    e.ufs_uri = TrimTrailingSlash(j.value("ufsUri", ""));
    e.mount_id = j.value("mountId", int64_t{0});
    e.read_only = j.value("readOnly", false);
    e.shared = j.value("shared", false);
    e.properties = j.value("properties", std::map<std::string, std::string>{});
    loaded.push_back(std::move(e));
    return true;
  }));
  RETURN_IF_ERROR(parse_error);
  std::lock_guard<std::mutex> lock(mu_);
  for (MountEntry& e : loaded) {
    auto ufs = registry_->Create(e.ufs_uri, e.properties);
    if (ufs.ok()) e.ufs = *ufs;
    mounts_[e.alluxio_path] = std::move(e);
  }
  return Status::OK();
}

Result<ResolvedUfsPath> MountTable::Resolve(const std::string& path) const {
  std::lock_guard<std::mutex> lock(mu_);
  // Walk up from the path to the root; mount tables are small, paths short.
  std::string p = path;
  while (true) {
    auto it = mounts_.find(p);
    if (it != mounts_.end()) {
      if (!it->second.ufs) {
        return Status::Unavailable("The UFS " + it->second.ufs_uri + " mounted at " + p +
                                   " could not be initialised; check its mount options");
      }
      ResolvedUfsPath r;
      r.mount = it->second;
      r.ufs_path = UfsPathFor(it->second, path);
      return r;
    }
    if (p == "/") break;
    p = ParentPath(p);
  }
  return Status::FailedPrecondition("No mount point covers " + path + " (the root is not mounted)");
}

std::string MountTable::UfsPathFor(const MountEntry& mount, const std::string& alluxio_path) {
  std::string suffix =
      alluxio_path.substr(mount.alluxio_path == "/" ? 0 : mount.alluxio_path.size());
  if (suffix == "/") suffix.clear();
  std::string base = mount.ufs_uri;
  if (suffix.empty()) return base;
  if (!base.empty() && base.back() == '/') base.pop_back();
  return base + suffix;
}

Status MountTable::CheckNewMount(const std::string& alluxio_path,
                                 const std::string& ufs_uri) const {
  std::string uri = CanonicalUfsUri(ufs_uri);
  std::lock_guard<std::mutex> lock(mu_);
  if (mounts_.count(alluxio_path)) {
    return Status::AlreadyExists("Mount point " + alluxio_path + " already exists");
  }
  for (const auto& [path, e] : mounts_) {
    if (ufs::SchemeOf(e.ufs_uri) != ufs::SchemeOf(uri)) continue;
    std::string existing = CanonicalUfsUri(e.ufs_uri);
    if (UfsContains(existing, uri)) {
      return Status::InvalidArgument("Mount point " + alluxio_path + " would nest its UFS " + uri +
                                     " inside the UFS " + existing + " already mounted at " + path +
                                     "; mount a path outside it");
    }
    if (UfsContains(uri, existing)) {
      return Status::InvalidArgument("The UFS " + uri + " contains the UFS " + existing +
                                     " already mounted at " + path + "; mount a path outside it");
    }
  }
  return Status::OK();
}

void MountTable::PutInBatch(const MountEntry& e, InodeWriteBatch* batch) const {
  nlohmann::json j = {{"alluxioPath", e.alluxio_path},
                      {"ufsUri", TrimTrailingSlash(e.ufs_uri)},
                      {"mountId", e.mount_id},
                      {"readOnly", e.read_only},
                      {"shared", e.shared},
                      {"properties", e.properties}};
  batch->PutMeta(std::string(kMetaPrefix) + e.alluxio_path, j.dump());
}

void MountTable::Add(MountEntry entry) {
  std::lock_guard<std::mutex> lock(mu_);
  entry.ufs_uri = TrimTrailingSlash(entry.ufs_uri);
  mounts_[entry.alluxio_path] = std::move(entry);
}

void MountTable::RemoveInBatch(const std::string& alluxio_path, InodeWriteBatch* batch) const {
  batch->DeleteMeta(std::string(kMetaPrefix) + alluxio_path);
}

void MountTable::Remove(const std::string& alluxio_path) {
  std::lock_guard<std::mutex> lock(mu_);
  mounts_.erase(alluxio_path);
}

std::optional<MountEntry> MountTable::Get(const std::string& alluxio_path) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = mounts_.find(alluxio_path);
  if (it == mounts_.end()) return std::nullopt;
  return it->second;
}

bool MountTable::IsMountPoint(const std::string& alluxio_path) const {
  std::lock_guard<std::mutex> lock(mu_);
  return mounts_.count(alluxio_path) > 0;
}

std::vector<std::string> MountTable::MountPointsBelow(const std::string& path) const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::string> out;
  for (const auto& [p, e] : mounts_) {
    if (p != path && IsAncestorOrSelf(path, p)) out.push_back(p);
  }
  return out;
}

std::vector<MountEntry> MountTable::List() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<MountEntry> out;
  for (const auto& [p, e] : mounts_) out.push_back(e);
  return out;
}

int64_t MountTable::NextMountId() const {
  std::lock_guard<std::mutex> lock(mu_);
  int64_t max_id = 0;
  for (const auto& [p, e] : mounts_) max_id = std::max(max_id, e.mount_id);
  return max_id + 1;
}

std::map<std::string, std::string> MountTable::MaskedProperties(
    const std::map<std::string, std::string>& properties) {
  std::map<std::string, std::string> out = properties;
  for (auto& [k, v] : out) {
    if (IsSecretKey(k)) v = "******";
  }
  return out;
}

}  // namespace alluxio::master
