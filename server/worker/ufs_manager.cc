#include "server/worker/ufs_manager.h"

#include <string_view>

namespace alluxio::worker {
namespace {

// "file:///a/b" -> "/a/b"; other URIs unchanged; trailing slashes dropped.
std::string Canonical(std::string_view uri) {
  std::string s(uri);
  if (s.rfind("file://", 0) == 0) s = s.substr(7);
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

}  // namespace

bool UfsPathUnder(const std::string& root, const std::string& path) {
  std::string r = Canonical(root);
  std::string p = Canonical(path);
  if (p.find("/../") != std::string::npos || p.ends_with("/..")) return false;
  if (p == r) return true;
  if (r.ends_with("/")) return p.rfind(r, 0) == 0;
  return p.size() > r.size() && p.rfind(r, 0) == 0 && p[r.size()] == '/';
}

Result<std::shared_ptr<ufs::UnderFileSystem>> UfsManager::Get(int64_t mount_id,
                                                              const std::string& ufs_path) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = mounts_.find(mount_id);
    if (it != mounts_.end()) {
      if (!UfsPathUnder(it->second.ufs_uri, ufs_path)) {
        return Status::InvalidArgument("UFS path " + ufs_path + " is not under mount " +
                                       std::to_string(mount_id) + " (" + it->second.ufs_uri + ")");
      }
      return it->second.ufs;
    }
  }
  // Ask the master without holding the lock; two threads may both ask, the first one wins.
  ASSIGN_OR_RETURN(wire::MountUfsInfo info, fetch_(mount_id));
  ASSIGN_OR_RETURN(auto ufs, registry_->Create(info.ufs_uri, info.properties));
  std::lock_guard<std::mutex> lock(mu_);
  auto [it, inserted] = mounts_.try_emplace(mount_id, Mount{info.ufs_uri, ufs});
  if (!UfsPathUnder(it->second.ufs_uri, ufs_path)) {
    return Status::InvalidArgument("UFS path " + ufs_path + " is not under mount " +
                                   std::to_string(mount_id) + " (" + it->second.ufs_uri + ")");
  }
  return it->second.ufs;
}

void UfsManager::Invalidate(int64_t mount_id) {
  std::lock_guard<std::mutex> lock(mu_);
  mounts_.erase(mount_id);
}

}  // namespace alluxio::worker
