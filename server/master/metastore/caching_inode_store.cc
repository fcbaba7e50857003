// CachingInodeStore: an LRU cache of decoded inodes and of (parent, name) -> child lookups in
// front of another InodeStore.
//
// Consistency. The cache must never serve a value older than what `base` would return, and
// readers must see a batch all at once. Two rules give that:
//   1. Commit holds mutex_ from before base->Commit until the cache reflects the batch, so a
//      cache hit is ordered entirely before or entirely after each commit. (A reader that saw
//      the new state in `base` and then hits the cache waits for that commit to finish.)
//   2. A miss remembers `epoch_` before reading `base` and inserts what it read only if no
//      commit finished since; otherwise the value may predate that commit and is dropped.
// Commit updates entries already cached (write-through, so a hot inode stays hot). It adds the
// inodes of a small batch (at most kMaxInodesAddedPerCommit puts: a create, a complete, a
// rename) because they are about to be read (a created file is completed next, then asked
// for), but never those of a larger batch, so a big load or delete does not flush the cache.
// Meta, ListChildren, MaxInodeId, ApproximateInodeCount and Sync pass straight through.
//
// Thread safety: mutex_ guards both caches and epoch_; `base` is called without it except
// inside Commit (rule 1), which also serializes commits.

#include <list>
#include <mutex>
#include <type_traits>
#include <unordered_map>
#include <utility>

#include "server/master/metastore/inode_store.h"

namespace alluxio::master {
namespace {

// A map holding at most `capacity` entries, dropping the least recently used. Not thread-safe.
template <typename Key, typename Value, typename Hash = std::hash<Key>>
class LruMap {
 public:
  explicit LruMap(size_t capacity) : capacity_(capacity) {}

  // The value, now most recently used; nullptr when absent.
  const Value* Get(const Key& key) {
    auto it = index_.find(key);
    if (it == index_.end()) return nullptr;
    order_.splice(order_.begin(), order_, it->second);
    return &it->second->second;
  }

  // Inserts or replaces as most recently used, evicting beyond capacity.
  void Put(const Key& key, Value value) {
    if (capacity_ == 0) return;
    auto it = index_.find(key);
    if (it != index_.end()) {
      it->second->second = std::move(value);
      order_.splice(order_.begin(), order_, it->second);
      return;
    }
    order_.emplace_front(key, std::move(value));
    index_.emplace(key, order_.begin());
    if (index_.size() > capacity_) {
      index_.erase(order_.back().first);
      order_.pop_back();
    }
  }

  // Replaces the value if present, keeping its recency. Returns whether it was present.
  bool Update(const Key& key, Value value) {
    auto it = index_.find(key);
    if (it == index_.end()) return false;
    it->second->second = std::move(value);
    return true;
  }

  void Erase(const Key& key) {
    auto it = index_.find(key);
    if (it == index_.end()) return;
    order_.erase(it->second);
    index_.erase(it);
  }

  size_t size() const { return index_.size(); }

 private:
  using Entry = std::pair<Key, Value>;
  const size_t capacity_;
  std::list<Entry> order_;  // most recently used first
  std::unordered_map<Key, typename std::list<Entry>::iterator, Hash> index_;
};

using EdgeKey = std::pair<int64_t, std::string>;

// Commits putting at most this many inodes add them to the cache (see the file comment).
constexpr size_t kMaxInodesAddedPerCommit = 4;

struct EdgeKeyHash {
  size_t operator()(const EdgeKey& key) const {
    size_t h = std::hash<std::string>()(key.second);
    return h ^ (std::hash<int64_t>()(key.first) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2));
  }
};

class CachingInodeStore final : public InodeStore {
 public:
  CachingInodeStore(std::unique_ptr<InodeStore> base, size_t max_inodes)
      : base_(std::move(base)), inodes_(max_inodes), edges_(max_inodes) {}

  Result<std::optional<Inode>> GetInode(int64_t id) override {
    uint64_t epoch;
    {
      std::lock_guard lock(mutex_);
      if (const Inode* cached = inodes_.Get(id)) return std::optional<Inode>(*cached);
      epoch = epoch_;
    }
    ASSIGN_OR_RETURN(std::optional<Inode> inode, base_->GetInode(id));
    if (inode) {
      std::lock_guard lock(mutex_);
      if (epoch_ == epoch) inodes_.Put(id, *inode);
    }
    return inode;
  }

  Result<std::optional<int64_t>> GetChild(int64_t parent_id, std::string_view name) override {
    EdgeKey key(parent_id, std::string(name));
    uint64_t epoch;
    {
      std::lock_guard lock(mutex_);
      if (const std::optional<int64_t>* cached = edges_.Get(key)) return *cached;
      epoch = epoch_;
    }
    ASSIGN_OR_RETURN(std::optional<int64_t> child, base_->GetChild(parent_id, name));
    std::lock_guard lock(mutex_);
    // Absent names are cached too: a path walk often probes names that do not exist yet.
    if (epoch_ == epoch) edges_.Put(key, child);
    return child;
  }

  Result<std::vector<Edge>> ListChildren(int64_t parent_id, std::string_view start_after,
                                         size_t limit) override {
    return base_->ListChildren(parent_id, start_after, limit);
  }

  Result<std::optional<std::string>> GetMeta(std::string_view key) override {
    return base_->GetMeta(key);
  }

  Status ScanMeta(std::string_view prefix,
                  const std::function<bool(std::string_view, std::string_view)>& fn) override {
    return base_->ScanMeta(prefix, fn);
  }

  Status Commit(const InodeWriteBatch& batch) override {
    std::lock_guard lock(mutex_);  // rule 1: see the file comment
    Status status = base_->Commit(batch);
    if (status.ok()) {
      size_t puts = 0;
      for (const InodeWriteBatch::Op& op : batch.ops()) {
        puts += std::holds_alternative<InodeWriteBatch::PutInodeOp>(op) ? 1 : 0;
      }
      add_new_inodes_ = puts <= kMaxInodesAddedPerCommit;
      // Ops apply in order, so the last op on a key leaves its value in the cache.
      for (const InodeWriteBatch::Op& op : batch.ops()) {
        std::visit([this](const auto& o) { Apply(o); }, op);
      }
    } else {
      // A failed commit should have changed nothing, but forgetting the keys it names costs
      // little and keeps the cache right even if `base` applied some of it.
      for (const InodeWriteBatch::Op& op : batch.ops()) {
        std::visit([this](const auto& o) { Forget(o); }, op);
      }
    }
    ++epoch_;
    return status;
  }

  Status Sync() override { return base_->Sync(); }
  void WhenDurable(std::function<void(Status)> done) override {
    base_->WhenDurable(std::move(done));
  }
  Result<int64_t> MaxInodeId() override { return base_->MaxInodeId(); }
  int64_t ApproximateInodeCount() override { return base_->ApproximateInodeCount(); }

 private:
  // Called with mutex_ held, after `base` applied the batch.
  void Apply(const InodeWriteBatch::PutInodeOp& op) {
    if (add_new_inodes_) {
      inodes_.Put(op.inode.id, op.inode);
    } else {
      inodes_.Update(op.inode.id, op.inode);
    }
  }
  void Apply(const InodeWriteBatch::DeleteInodeOp& op) { inodes_.Erase(op.id); }
  void Apply(const InodeWriteBatch::PutEdgeOp& op) {
    edges_.Update(EdgeKey(op.edge.parent_id, op.edge.name), op.edge.child_id);
  }
  void Apply(const InodeWriteBatch::DeleteEdgeOp& op) {
    edges_.Update(EdgeKey(op.parent_id, op.name), std::nullopt);
  }
  void Apply(const InodeWriteBatch::PutMetaOp&) {}
  void Apply(const InodeWriteBatch::DeleteMetaOp&) {}

  void Forget(const InodeWriteBatch::PutInodeOp& op) { inodes_.Erase(op.inode.id); }
  void Forget(const InodeWriteBatch::DeleteInodeOp& op) { inodes_.Erase(op.id); }
  void Forget(const InodeWriteBatch::PutEdgeOp& op) {
    edges_.Erase(EdgeKey(op.edge.parent_id, op.edge.name));
  }
  void Forget(const InodeWriteBatch::DeleteEdgeOp& op) {
    edges_.Erase(EdgeKey(op.parent_id, op.name));
  }
  void Forget(const InodeWriteBatch::PutMetaOp&) {}
  void Forget(const InodeWriteBatch::DeleteMetaOp&) {}

  const std::unique_ptr<InodeStore> base_;  // immutable after construction; thread-safe

  std::mutex mutex_;
  LruMap<int64_t, Inode> inodes_;                               // guarded by mutex_
  LruMap<EdgeKey, std::optional<int64_t>, EdgeKeyHash> edges_;  // guarded by mutex_
  uint64_t epoch_ = 0;           // guarded by mutex_: commits applied through this wrapper
  bool add_new_inodes_ = false;  // guarded by mutex_: the commit being applied is small
};

}  // namespace

std::unique_ptr<InodeStore> NewCachingInodeStore(std::unique_ptr<InodeStore> base,
                                                 size_t max_inodes) {
  return std::make_unique<CachingInodeStore>(std::move(base), max_inodes);
}

}  // namespace alluxio::master
