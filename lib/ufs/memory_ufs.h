// MemoryUfs: an in-process UnderFileSystem for tests, for "mem://<bucket>/<path>" URIs.
//
// A tree of directories and files held in a Store. Several MemoryUfs may share one Store (the
// registry's "mem" scheme does), so two mounts of mem:// URIs in one process see the same
// data. Every bucket exists as a directory from the start (like a pre-created S3 bucket); a
// bucket cannot be created, deleted or renamed.
//
// It keeps the same contract as LocalUfs (one contract suite runs both): directories, creates
// that appear at Close (the bytes are buffered until then), rename of whole subtrees, modes.
// Owner and group are whatever SetOwner stored (empty until then; no name resolution).
// content_hash is a store-wide counter, so it changes on every rewrite. last_modified_ms
// comes from the store's Clock. GetSpace: capacity unknown (-1), used = bytes of all files.
// IsObjectStore() is false.
//
// Thread-safe: each call holds the store's mutex briefly. ListStatus collects a directory's
// entries under the mutex and calls `fn` without it, so `fn` may call back into the UFS. An
// input stream reads the file as it was at Open (as a POSIX descriptor keeps a replaced file).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "lib/common/clock.h"
#include "lib/ufs/under_file_system.h"

namespace alluxio::ufs {

class MemoryUfs final : public UnderFileSystem {
 public:
  // The data: a tree of buckets, directories and files, and the clock that stamps them.
  // Thread-safe; opaque outside memory_ufs.cc.
  class Store;

  // A new, empty store. `clock` gives modification times (nullptr: the system clock) and must
  // outlive the store.
  static std::shared_ptr<Store> NewStore(const Clock* clock = nullptr);

  // An instance with a store of its own.
  MemoryUfs();
  // An instance over `store`, which other instances may share.
  explicit MemoryUfs(std::shared_ptr<Store> store);
  ~MemoryUfs() override;

  std::string_view scheme() const override { return "mem"; }
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

  // OK when `uri` is "mem://<bucket>[/<path>]" with no "." or ".." component;
  // INVALID_ARGUMENT naming it otherwise.
  static Status CheckUri(std::string_view uri);

 private:
  const std::shared_ptr<Store> store_;  // immutable after construction; never null
};

}  // namespace alluxio::ufs
