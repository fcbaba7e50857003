// FileSystem: what a client can ask of Alluxio, whatever carries the request. The `alluxio fs`
// commands (and the interactive shell) are written against this interface; it has a native
// implementation (master RPC, and workers for data, native_file_system.h) and, later, one that
// speaks the proxy's REST API.
//
// Paths are Alluxio paths ("/a/b"); implementations normalise them. Errors are the master's
// Statuses, unchanged (NOT_FOUND with `Path "/x" does not exist.`, ...), or UNAVAILABLE when
// the service cannot be reached. Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lib/common/result.h"
#include "lib/wire/fs_types.h"

namespace alluxio::client {

// A file being written. Visible as complete only after Close() returns OK; Cancel() (or
// destroying the stream without Close) leaves an incomplete file that the master cleans up.
class FileOutStream {
 public:
  virtual ~FileOutStream() = default;
  virtual Status Write(std::string_view data) = 0;
  virtual Status Close() = 0;
  virtual void Cancel() = 0;
  virtual int64_t bytes_written() const = 0;
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;

  virtual Result<wire::FileInfo> GetStatus(const std::string& path,
                                           const wire::GetStatusOptions& options = {}) = 0;
  virtual Result<wire::FileInfo> GetStatusById(int64_t file_id) = 0;
  // Calls `fn` for every entry of a directory (a file lists as itself). With
  // options.recursive, walks the whole subtree depth first: each directory's entry comes
  // before its children, siblings in name order. Entries are fetched in pages, so memory does
  // not grow with the directory's size. Stops at and returns `fn`'s first error.
  virtual Status ListStatus(const std::string& path, const wire::ListStatusOptions& options,
                            const std::function<Status(wire::FileInfo&&)>& fn) = 0;
  virtual Result<bool> Exists(const std::string& path, const wire::ExistsOptions& options = {}) = 0;
  virtual Status CreateDirectory(const std::string& path,
                                 const wire::CreateDirectoryOptions& options = {}) = 0;
  virtual Result<std::unique_ptr<FileOutStream>> CreateFile(
      const std::string& path, const wire::CreateFileOptions& options = {}) = 0;
  virtual Status Delete(const std::string& path, const wire::DeleteOptions& options = {}) = 0;
  virtual Status Rename(const std::string& src, const std::string& dst,
                        const wire::RenameOptions& options = {}) = 0;
  virtual Status SetAttribute(const std::string& path,
                              const wire::SetAttributeOptions& options) = 0;
  virtual Status Free(const std::string& path, const wire::FreeOptions& options = {}) = 0;
  virtual Status Mount(const std::string& alluxio_path, const std::string& ufs_uri,
                       const wire::MountOptions& options = {}) = 0;
  virtual Status Unmount(const std::string& alluxio_path) = 0;
  virtual Result<std::vector<wire::MountPointInfo>> GetMountTable() = 0;

  // Convenience: ListStatus collected into a vector.
  Result<std::vector<wire::FileInfo>> ListAll(const std::string& path,
                                              const wire::ListStatusOptions& options = {});
};

}  // namespace alluxio::client
