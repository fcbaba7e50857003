// InodeStore: where the master keeps the namespace. Three kinds of records:
//   inodes  id -> Inode
//   edges   (parent id, child name) -> child id; a directory listing is one prefix scan in
//           name (byte) order, a path walk one point lookup per component
//   meta    string key -> string value, for everything else that must commit atomically with
//           inodes: the mount table, the TTL index, the persist queue, counters.
// Mutations are grouped in an InodeWriteBatch and applied atomically by Commit: readers see
// all of a batch or none of it, and after a crash (kill -9) all of it or none of it.
//
// Durability: Commit returns once the batch is in the write-ahead log handed to the OS, which
// survives a process crash. Sync() additionally makes every earlier Commit survive a power
// loss (fsync); concurrent Sync() callers share one fsync (group commit).
//
// Implementations: RocksDB (the default, "ROCKS") and heap ("HEAP", tests), plus a caching
// wrapper that keeps a bounded number of decoded inodes in memory. All are thread-safe.
//
// Inode ids are non-negative (the root's parent_id of -1 is never stored as an edge): Commit
// rejects a batch naming a negative id with INVALID_ARGUMENT and applies none of it, and reads
// of a negative id find nothing. Names are arbitrary bytes, compared as unsigned bytes.
// Errors: stores return UNAVAILABLE when storage fails (I/O), DATA_LOSS for a record that
// cannot be decoded; reads of missing records are not errors (nullopt / empty).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "lib/common/result.h"
#include "server/master/inode.h"

namespace alluxio::master {

struct Edge {
  int64_t parent_id = 0;
  std::string name;
  int64_t child_id = 0;

  bool operator==(const Edge&) const = default;
};

class InodeWriteBatch {
 public:
  struct PutInodeOp {
    Inode inode;
  };
  struct DeleteInodeOp {
    int64_t id;
  };
  struct PutEdgeOp {
    Edge edge;
  };
  struct DeleteEdgeOp {
    int64_t parent_id;
    std::string name;
  };
  struct PutMetaOp {
    std::string key;
    std::string value;
  };
  struct DeleteMetaOp {
    std::string key;
  };
  using Op =
      std::variant<PutInodeOp, DeleteInodeOp, PutEdgeOp, DeleteEdgeOp, PutMetaOp, DeleteMetaOp>;

  void PutInode(Inode inode) { ops_.push_back(PutInodeOp{std::move(inode)}); }
  void DeleteInode(int64_t id) { ops_.push_back(DeleteInodeOp{id}); }
  void PutEdge(int64_t parent_id, std::string name, int64_t child_id) {
    ops_.push_back(PutEdgeOp{Edge{parent_id, std::move(name), child_id}});
  }
  void DeleteEdge(int64_t parent_id, std::string name) {
    ops_.push_back(DeleteEdgeOp{parent_id, std::move(name)});
  }
  void PutMeta(std::string key, std::string value) {
    ops_.push_back(PutMetaOp{std::move(key), std::move(value)});
  }
  void DeleteMeta(std::string key) { ops_.push_back(DeleteMetaOp{std::move(key)}); }

  bool empty() const { return ops_.empty(); }
  // In the order added; later ops on the same key win.
  const std::vector<Op>& ops() const { return ops_; }

  // INVALID_ARGUMENT naming the first op with a negative inode id; stores call this before
  // applying anything.
  Status CheckIds() const {
    for (const Op& op : ops_) {
      int64_t id = 0;
      if (const auto* put = std::get_if<PutInodeOp>(&op)) id = put->inode.id;
      if (const auto* del = std::get_if<DeleteInodeOp>(&op)) id = del->id;
      if (const auto* put = std::get_if<PutEdgeOp>(&op)) {
        id = put->edge.parent_id < 0 ? put->edge.parent_id : put->edge.child_id;
      }
      if (const auto* del = std::get_if<DeleteEdgeOp>(&op)) id = del->parent_id;
      if (id < 0) {
        return Status::InvalidArgument("inode ids must be non-negative, got " + std::to_string(id));
      }
    }
    return Status::OK();
  }

 private:
  std::vector<Op> ops_;
};

class InodeStore {
 public:
  virtual ~InodeStore() = default;

  // nullopt when no inode has this id.
  virtual Result<std::optional<Inode>> GetInode(int64_t id) = 0;
  // The child of `parent_id` named `name`, or nullopt.
  virtual Result<std::optional<int64_t>> GetChild(int64_t parent_id, std::string_view name) = 0;
  // Children of `parent_id` whose names sort after `start_after` (all when empty), in name
  // order, at most `limit` (0 = no limit).
  virtual Result<std::vector<Edge>> ListChildren(int64_t parent_id, std::string_view start_after,
                                                 size_t limit) = 0;
  virtual Result<std::optional<std::string>> GetMeta(std::string_view key) = 0;
  // Calls `fn` for every meta key starting with `prefix`, in key order, until it returns false.
  // The scan sees one consistent state; `fn` may call this store (including Commit, which the
  // scan does not see). The views passed to `fn` are valid only during that call.
  virtual Status ScanMeta(
      std::string_view prefix,
      const std::function<bool(std::string_view key, std::string_view value)>& fn) = 0;

  // Applies `batch` atomically (see the durability note above).
  virtual Status Commit(const InodeWriteBatch& batch) = 0;
  // Makes every Commit that returned before this call durable against power loss. Concurrent
  // callers share one fsync. An error (UNAVAILABLE) leaves durability unknown; a later Sync
  // may succeed and then covers the same commits.
  virtual Status Sync() = 0;
  // Calls `done` once every Commit that returned before this call is durable, with what Sync
  // would have returned, on some thread (possibly this one, right away). Nobody waits meanwhile:
  // an HTTP answer can wait for its group commit without holding a thread. Default: Sync(),
  // on the caller's thread (an event loop), so only stores whose Sync never blocks (heap) may
  // keep it.
  virtual void WhenDurable(std::function<void(Status)> done) { done(Sync()); }

  // Largest inode id stored, or -1 when empty. Used to resume id allocation after a restart.
  virtual Result<int64_t> MaxInodeId() = 0;
  // Number of inodes (exact for heap, RocksDB's estimate otherwise).
  virtual int64_t ApproximateInodeCount() = 0;
};

struct RocksInodeStoreOptions {
  std::string dir;                               // created if missing
  size_t block_cache_bytes = 64 * 1024 * 1024;   // RocksDB block cache
  size_t write_buffer_bytes = 64 * 1024 * 1024;  // memtable size
};

// Opens (creating if needed) a RocksDB store in options.dir. UNAVAILABLE with RocksDB's reason
// when the directory is locked by another process or store ("Is another master running with
// the same alluxio.master.metastore.dir?") or unusable. The store holds the lock until it is
// destroyed.
Result<std::unique_ptr<InodeStore>> OpenRocksInodeStore(const RocksInodeStoreOptions& options);

// Deletes a RocksDB store's files (alluxio format), then the directory if nothing else is left
// in it. OK when the directory does not exist; UNAVAILABLE when the store is open.
Status DestroyRocksInodeStore(const std::string& dir);

std::unique_ptr<InodeStore> NewHeapInodeStore();

// Wraps `base` with an LRU cache of at most `max_inodes` decoded inodes and their child edges.
// Commit updates the cache (and adds the inodes of a batch putting at most 4, never those of a
// larger one); reads of cached entries do not touch `base`.
// The edge cache holds at most `max_inodes` (parent, name) lookups, found or not. Commits are
// serialized through the wrapper so that the cache changes with `base` as one step for readers.
// max_inodes = 0 caches nothing. All writes must go through the wrapper.
std::unique_ptr<InodeStore> NewCachingInodeStore(std::unique_ptr<InodeStore> base,
                                                 size_t max_inodes);

}  // namespace alluxio::master
