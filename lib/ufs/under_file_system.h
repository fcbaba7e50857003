// UnderFileSystem: the storage Alluxio mounts (a local folder, an object store, ...).
//
// Paths are full URIs of this UFS as the mount table holds them: "/data/ufs/a/b" or
// "file:///data/ufs/a/b" for the local UFS, "mem://bucket/a/b" for the in-memory one,
// "s3://bucket/a/b" for S3. The caller (the master's mount table) has already normalised the
// path and checked it stays inside its mount; implementations still reject "." and ".."
// components (INVALID_ARGUMENT). Repeated and trailing slashes are ignored ("/a//b/" names
// "/a/b").
//
// Error contract for every method: NOT_FOUND when the path (or, for create, a parent with
// create_parent=false) does not exist, ALREADY_EXISTS when a create/mkdir target exists,
// FAILED_PRECONDITION for a file where a directory is needed and vice versa, or a non-empty
// directory deleted without `recursive`, PERMISSION_DENIED when the storage refuses,
// UNAVAILABLE when the storage cannot be reached (retryable), INVALID_ARGUMENT for a malformed
// path (relative, another scheme, "." or ".." components). RESOURCE_EXHAUSTED when the storage
// is full. Anything else is UNKNOWN with the storage's own words. Messages name the path.
//
// Implementations are thread-safe; streams are used by one thread at a time. A stream does not
// need its UnderFileSystem to outlive it.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/common/result.h"

namespace alluxio::ufs {

struct UfsStatus {
  std::string name;  // last path component
  bool is_directory = false;
  int64_t length = 0;            // files only
  int64_t last_modified_ms = 0;  // 0 when the storage does not know (object-store directories)
  std::string owner;             // empty when unknown
  std::string group;
  int mode = 0;  // POSIX bits; 0 when unknown
  // Files only (empty for directories). Changes whenever the content changes: mtime+size for
  // local files, the ETag for objects. Rewriting a file through a UFS always changes it.
  std::string content_hash;
};

struct CreateOptions {
  int mode = 0644;
  // Create missing parent directories (mode 0755).
  bool create_parent = true;
  // Fail with ALREADY_EXISTS if the file exists (default: replace it at Close). Checked at
  // Create and again, race-free, at Close: of concurrent creators exactly one Close succeeds.
  bool must_not_exist = false;
};

struct MkdirsOptions {
  // Applied to every directory this call creates, parents included.
  int mode = 0755;
  bool create_parent = true;
};

struct OpenOptions {
  int64_t offset = 0;
  // Bytes to read from `offset`; -1 = to the end of the file. A range reaching past the end of
  // the file is cut at the end; an `offset` at or past the end gives an empty stream. A
  // negative offset or a length below -1 is INVALID_ARGUMENT.
  int64_t length = -1;
};

struct UfsSpace {
  int64_t capacity_bytes = -1;  // -1 when unknown (object stores)
  int64_t used_bytes = -1;
};

class UfsInputStream {
 public:
  virtual ~UfsInputStream() = default;
  // Reads up to `n` bytes; 0 at the end of the requested range (or earlier, if the file was
  // truncated under us by someone else: callers check the length they got).
  virtual Result<size_t> Read(char* buf, size_t n) = 0;
  // Copies up to `n` bytes of the stream to the file descriptor `fd` at its current position
  // (advancing it, as write(2) does) and returns how many; 0 at the end of the range, like
  // Read. Streams over a local file copy in the kernel (copy_file_range(2), else sendfile(2)),
  // so the bytes never pass through this process; the default reads into a buffer and writes
  // it out. A failed write to `fd` is an error status naming the stream (how much of the last
  // call reached `fd` is then unknown: the caller discards what it wrote).
  virtual Result<size_t> CopyTo(int fd, size_t n);
};

// Writes a new file that appears whole or not at all: nothing is visible under the target path
// until Close() returns OK. Destroying the stream without Close() (or calling Cancel()) leaves
// no trace.
//
// After a failed Write the stream is poisoned: later Writes and Close return that error and
// the file is never published. Write or Close after Close/Cancel is FAILED_PRECONDITION.
// Close fails with ALREADY_EXISTS (must_not_exist lost a race), NOT_FOUND (the parent was
// deleted meanwhile) or FAILED_PRECONDITION (a directory appeared at the path), and then
// leaves nothing behind. Cancel after a successful Close does nothing.
class UfsOutputStream {
 public:
  virtual ~UfsOutputStream() = default;
  virtual Status Write(std::string_view data) = 0;
  virtual Status Close() = 0;
  virtual void Cancel() = 0;
};

class UnderFileSystem {
 public:
  virtual ~UnderFileSystem() = default;

  // URI scheme this instance serves: "file", "mem", "s3".
  virtual std::string_view scheme() const = 0;
  // Object stores have no real directories and no atomic rename.
  virtual bool IsObjectStore() const = 0;

  virtual Result<UfsStatus> GetStatus(const std::string& path) = 0;
  // OK(false) when absent (also when a parent is a file); errors only when the storage cannot
  // answer or the path is malformed.
  virtual Result<bool> Exists(const std::string& path) = 0;
  // Direct children of the directory `path`, in name order (bytewise), handed to `fn` one by
  // one so a huge directory is never held whole; stops early and returns `fn`'s error if it
  // fails. FAILED_PRECONDITION when `path` is a file. Temporary files of creates in progress
  // never appear.
  virtual Status ListStatus(const std::string& path,
                            const std::function<Status(UfsStatus&&)>& fn) = 0;
  // ALREADY_EXISTS when `path` exists (directory or file); NOT_FOUND when the parent is missing
  // and !create_parent; FAILED_PRECONDITION when an ancestor is a file.
  virtual Status Mkdirs(const std::string& path, const MkdirsOptions& options) = 0;
  // FAILED_PRECONDITION when `path` is a directory.
  virtual Status DeleteFile(const std::string& path) = 0;
  // FAILED_PRECONDITION when `path` is a file, or is not empty and !recursive. The root of the
  // storage (local "/", a bucket) cannot be deleted (INVALID_ARGUMENT).
  virtual Status DeleteDirectory(const std::string& path, bool recursive) = 0;
  // `dst` must not exist (ALREADY_EXISTS otherwise, whatever the types); its parent must
  // (NOT_FOUND). Moving a directory into itself is INVALID_ARGUMENT.
  virtual Status Rename(const std::string& src, const std::string& dst) = 0;
  // FAILED_PRECONDITION for a directory. The stream reads the file as it was when opened.
  virtual Result<std::unique_ptr<UfsInputStream>> Open(const std::string& path,
                                                       const OpenOptions& options) = 0;
  // Errors the path can already cause (missing parent, directory at the path, existing file
  // with must_not_exist) are reported here; see UfsOutputStream for those at Close.
  virtual Result<std::unique_ptr<UfsOutputStream>> Create(const std::string& path,
                                                          const CreateOptions& options) = 0;
  // Best effort where the storage has no such notion (object stores: OK, nothing happens).
  virtual Status SetMode(const std::string& path, int mode) = 0;
  // An empty `owner` or `group` leaves that one unchanged. INVALID_ARGUMENT for a name the
  // storage does not know.
  virtual Status SetOwner(const std::string& path, const std::string& owner,
                          const std::string& group) = 0;
  virtual Result<UfsSpace> GetSpace(const std::string& path) = 0;

  // Convenience: collects ListStatus into a vector.
  Result<std::vector<UfsStatus>> ListAll(const std::string& path);
};

// Creates UFS instances by URI scheme. Not a global: each process owns one registry.
// Not thread-safe for Register; Create may be called concurrently once registration is done.
// Copies share what the factories captured (the "mem" store of WithBuiltins, for one).
class UfsRegistry {
 public:
  // `uri` is the mount's UFS URI; `properties` the mount's options (plus relevant global
  // configuration), e.g. {"s3a.accessKeyId": ...}.
  using Factory = std::function<Result<std::shared_ptr<UnderFileSystem>>(
      const std::string& uri, const std::map<std::string, std::string>& properties)>;

  // A registry with the built-in schemes: "file" (and scheme-less absolute paths) and "mem".
  // Every "mem" instance it creates shares one store, so two mounts of mem:// URIs see the
  // same data.
  static UfsRegistry WithBuiltins();

  // Registers `scheme` (lower case), replacing an earlier factory for it.
  void Register(std::string scheme, Factory factory);
  // INVALID_ARGUMENT for an unknown scheme, naming it and the known ones; otherwise what the
  // factory returns (INVALID_ARGUMENT for a URI it cannot serve).
  Result<std::shared_ptr<UnderFileSystem>> Create(
      const std::string& uri, const std::map<std::string, std::string>& properties) const;
  // The registered schemes, sorted.
  std::vector<std::string> Schemes() const;

 private:
  std::map<std::string, Factory> factories_;
};

// The scheme of `uri` in lower case ("s3" for "s3://b/k", "S3://b/k" or "s3:/k"), "file" for
// a scheme-less absolute path, "" when there is neither.
std::string SchemeOf(std::string_view uri);

}  // namespace alluxio::ufs
