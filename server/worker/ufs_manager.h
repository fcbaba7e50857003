// UfsManager: the worker's UFS instances, one per mount id, created on first use from what the
// master reports about the mount (URI and properties, e.g. S3 credentials). Read requests carry
// the mount id and the file's full UFS path, so a miss needs no master round trip once the
// mount is known. Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>

#include "lib/common/result.h"
#include "lib/ufs/under_file_system.h"
#include "lib/wire/worker_types.h"

namespace alluxio::worker {

class UfsManager {
 public:
  using MountFetcher = std::function<Result<wire::MountUfsInfo>(int64_t mount_id)>;
  // `registry` must outlive the manager.
  UfsManager(const ufs::UfsRegistry* registry, MountFetcher fetch)
      : registry_(registry), fetch_(std::move(fetch)) {}

  // The UFS of `mount_id`; `ufs_path` is checked to lie under the mount's URI, so a request
  // cannot make the worker read outside what the master mounted (INVALID_ARGUMENT).
  Result<std::shared_ptr<ufs::UnderFileSystem>> Get(int64_t mount_id, const std::string& ufs_path);
  // Forgets a mount (after an error that suggests it changed).
  void Invalidate(int64_t mount_id);

 private:
  struct Mount {
    std::string ufs_uri;
    std::shared_ptr<ufs::UnderFileSystem> ufs;
  };
  const ufs::UfsRegistry* const registry_;
  const MountFetcher fetch_;
  std::mutex mu_;
  std::map<int64_t, Mount> mounts_;  // guarded by mu_
};

// True when `path` is `root` or lies below it ("file:///a" and "/a" spell the same local path).
bool UfsPathUnder(const std::string& root, const std::string& path);

}  // namespace alluxio::worker
