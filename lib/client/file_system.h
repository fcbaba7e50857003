// FileSystem: what a client can ask of Alluxio, whatever carries the request. The `alluxio fs`
// commands (and the interactive shell) are written against this interface; it has a native
// implementation (master RPC, and workers for data, native_file_system.h) and one that speaks
// the proxy's REST API (rest_file_system.h, used by `alluxio shell`).
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
#include "lib/wire/worker_types.h"

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

// A file being read. Not thread-safe; one reader at a time.
class FileInStream {
 public:
  virtual ~FileInStream() = default;
  // Reads up to `n` bytes at the current position; 0 at the end of the file.
  virtual Result<size_t> Read(char* buf, size_t n) = 0;
  // Moves the position (0 <= pos <= length; OUT_OF_RANGE otherwise).
  virtual Status Seek(int64_t pos) = 0;
  virtual int64_t position() const = 0;
  virtual int64_t length() const = 0;
  // Writes up to `n` bytes from the current position to the descriptor `fd` (a file, pipe or
  // /dev/null) and moves the position; returns the bytes written, 0 at the end of the file.
  // The default reads into a buffer and writes it; a stream reading a local tier file uses
  // sendfile(2), so the bytes never pass through this process. A short write returns what was
  // written; a failed write is UNAVAILABLE.
  virtual Result<size_t> ReadToFd(int fd, size_t n);
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;

  virtual Result<wire::FileInfo> GetStatus(const std::string& path,
                                           const wire::GetStatusOptions& options = {}) = 0;
  // The status GetStatus(path) with default options would return, when this client holds it
  // in memory (a metadata cache); null otherwise. Never blocks.
  virtual std::shared_ptr<const wire::FileInfo> CachedStatus(const std::string& /*path*/) {
    return nullptr;
  }
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
  // Opens a complete file for reading (FAILED_PRECONDITION for a directory or an incomplete
  // file, with Alluxio's messages).
  virtual Result<std::unique_ptr<FileInStream>> OpenFile(
      const std::string& path, const wire::OpenFileOptions& options = {}) = 0;
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
  // Asks the master to write a file to its UFS in the background (ASYNC_THROUGH semantics);
  // `alluxio fs persist` then waits for PERSISTED.
  virtual Status ScheduleAsyncPersistence(const std::string& path) = 0;

  // Cluster view: the workers the master knows (live and lost) and the summed capacity of the
  // live ones per tier.
  virtual Result<std::vector<wire::WorkerInfo>> ListWorkers() = 0;
  virtual Result<std::vector<wire::TierUsage>> Capacity() = 0;
  // The master's address, start time, uptime and version (`alluxio fsadmin report`).
  virtual Result<wire::MasterInfo> GetMasterInfo() {
    return Status::Unimplemented("This client cannot ask for the master's information");
  }

  // Forgets a status this client may have cached for `path` (alluxio.user.metadata.cache.*), so
  // the next GetStatus asks the master; a no-op for clients without a cache.
  virtual void DropCachedStatus(const std::string& /*path*/) {}

  // Convenience: ListStatus collected into a vector.
  Result<std::vector<wire::FileInfo>> ListAll(const std::string& path,
                                              const wire::ListStatusOptions& options = {});
};

}  // namespace alluxio::client
