// LocalUfs: the local (POSIX) file system as an UnderFileSystem, for "file://" URIs and plain
// absolute paths ("/data/a", "file:///data/a", "file:/data/a", "file://localhost/data/a" all
// name the same file).
//
// Atomic create: bytes go to a hidden temporary file in the target's directory, named
// ".<name>.alluxio-tmp-<16 hex digits>"; Close fsyncs it, sets its mode and renames it onto the
// target (with RENAME_NOREPLACE, or link(2) where that is unsupported, for must_not_exist), then
// fsyncs the directory. Cancel and the destructor unlink it. Such names never appear in
// ListStatus; a crash may leave one behind (hidden, and harmless).
//
// content_hash is "<mtime in ns>:<size>". Close keeps a rewritten file's mtime strictly after
// the one it replaces, so the hash changes on every rewrite even within one clock tick.
// Owner and group are user and group names (the numeric id when the name is unknown); mode is
// set exactly as asked, regardless of the umask. Symbolic links are followed, except by
// recursive delete, which removes the link and not its target.
//
// errno becomes: ENOENT -> NOT_FOUND, EEXIST -> ALREADY_EXISTS, ENOTDIR/EISDIR/ENOTEMPTY/EXDEV
// -> FAILED_PRECONDITION, EACCES/EPERM/EROFS -> PERMISSION_DENIED, ENOSPC/EDQUOT ->
// RESOURCE_EXHAUSTED, ENAMETOOLONG/ELOOP -> INVALID_ARGUMENT, anything else -> UNKNOWN with
// strerror's words; every message names the path.
//
// Thread-safe: no mutable state; concurrent callers are serialised by the kernel.
#pragma once

#include <string>
#include <string_view>

#include "lib/ufs/under_file_system.h"

namespace alluxio::ufs {

class LocalUfs final : public UnderFileSystem {
 public:
  LocalUfs() = default;

  std::string_view scheme() const override { return "file"; }
  bool IsObjectStore() const override { return false; }

  Result<UfsStatus> GetStatus(const std::string& path) override;
  Result<bool> Exists(const std::string& path) override;
  Status ListStatus(const std::string& path, const std::function<Status(UfsStatus&&)>& fn) override;
  Status Mkdirs(const std::string& path, const MkdirsOptions& options) override;
  Status DeleteFile(const std::string& path) override;
  Status DeleteDirectory(const std::string& path, bool recursive) override;
  Status Rename(const std::string& src, const std::string& dst) override;
  Result<std::unique_ptr<UfsInputStream>> Open(const std::string& path,
                                               const OpenOptions& options) override;
  Result<std::unique_ptr<UfsOutputStream>> Create(const std::string& path,
                                                  const CreateOptions& options) override;
  Status SetMode(const std::string& path, int mode) override;
  Status SetOwner(const std::string& path, const std::string& owner,
                  const std::string& group) override;
  Result<UfsSpace> GetSpace(const std::string& path) override;

  // The normalised local path ("/a/b", "/" for the root) that `uri` names. INVALID_ARGUMENT
  // for another scheme, a host other than "localhost", a relative path, "." or "..".
  static Result<std::string> ToLocalPath(std::string_view uri);
  // True for the names of the temporary files of creates (in progress or abandoned).
  static bool IsTempFileName(std::string_view name);
};

}  // namespace alluxio::ufs
