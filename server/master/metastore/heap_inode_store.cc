// HeapInodeStore: the InodeStore in ordered std::maps, for tests and tiny deployments.
//
// Thread safety: readers share mutex_, Commit holds it exclusively, so a batch is applied as
// one step. Nothing is durable; Sync is a no-op.

#include <map>
#include <mutex>
#include <shared_mutex>
#include <type_traits>
#include <utility>

#include "server/master/metastore/inode_store.h"

namespace alluxio::master {
namespace {

class HeapInodeStore final : public InodeStore {
 public:
  Result<std::optional<Inode>> GetInode(int64_t id) override {
    std::shared_lock lock(mutex_);
    auto it = inodes_.find(id);
    if (it == inodes_.end()) return std::optional<Inode>();
    return std::optional<Inode>(it->second);
  }

  Result<std::optional<int64_t>> GetChild(int64_t parent_id, std::string_view name) override {
    std::shared_lock lock(mutex_);
    auto dir = edges_.find(parent_id);
    if (dir == edges_.end()) return std::optional<int64_t>();
    auto it = dir->second.find(name);
    if (it == dir->second.end()) return std::optional<int64_t>();
    return std::optional<int64_t>(it->second);
  }

  Result<std::vector<Edge>> ListChildren(int64_t parent_id, std::string_view start_after,
                                         size_t limit) override {
    std::shared_lock lock(mutex_);
    std::vector<Edge> out;
    auto dir = edges_.find(parent_id);
    if (dir == edges_.end()) return out;
    const Children& children = dir->second;
    auto it = start_after.empty() ? children.begin() : children.upper_bound(start_after);
    for (; it != children.end() && (limit == 0 || out.size() < limit); ++it) {
      out.push_back(Edge{parent_id, it->first, it->second});
    }
    return out;
  }

  Result<std::optional<std::string>> GetMeta(std::string_view key) override {
    std::shared_lock lock(mutex_);
    auto it = meta_.find(key);
    if (it == meta_.end()) return std::optional<std::string>();
    return std::optional<std::string>(it->second);
  }

  Status ScanMeta(std::string_view prefix,
                  const std::function<bool(std::string_view, std::string_view)>& fn) override {
    // Copied under the lock and visited outside it, so that `fn` may call back into the store.
    std::vector<std::pair<std::string, std::string>> matches;
    {
      std::shared_lock lock(mutex_);
      for (auto it = meta_.lower_bound(prefix);
           it != meta_.end() && std::string_view(it->first).starts_with(prefix); ++it) {
        matches.emplace_back(it->first, it->second);
      }
    }
    for (const auto& [key, value] : matches) {
      if (!fn(key, value)) break;
    }
    return Status::OK();
  }

  Status Commit(const InodeWriteBatch& batch) override {
    RETURN_IF_ERROR(batch.CheckIds());
    std::unique_lock lock(mutex_);
    for (const InodeWriteBatch::Op& op : batch.ops()) {
      std::visit([this](const auto& o) { Apply(o); }, op);
    }
    return Status::OK();
  }

  Status Sync() override { return Status::OK(); }

  Result<int64_t> MaxInodeId() override {
    std::shared_lock lock(mutex_);
    return inodes_.empty() ? int64_t{-1} : inodes_.rbegin()->first;
  }

  int64_t ApproximateInodeCount() override {
    std::shared_lock lock(mutex_);
    return static_cast<int64_t>(inodes_.size());
  }

 private:
  using Children = std::map<std::string, int64_t, std::less<>>;

  // Called with mutex_ held exclusively.
  void Apply(const InodeWriteBatch::PutInodeOp& op) { inodes_[op.inode.id] = op.inode; }
  void Apply(const InodeWriteBatch::DeleteInodeOp& op) { inodes_.erase(op.id); }
  void Apply(const InodeWriteBatch::PutEdgeOp& op) {
    edges_[op.edge.parent_id].insert_or_assign(op.edge.name, op.edge.child_id);
  }
  void Apply(const InodeWriteBatch::DeleteEdgeOp& op) {
    auto dir = edges_.find(op.parent_id);
    if (dir == edges_.end()) return;
    auto it = dir->second.find(op.name);
    if (it != dir->second.end()) dir->second.erase(it);
    if (dir->second.empty()) edges_.erase(dir);  // no empty directories left behind
  }
  void Apply(const InodeWriteBatch::PutMetaOp& op) { meta_.insert_or_assign(op.key, op.value); }
  void Apply(const InodeWriteBatch::DeleteMetaOp& op) {
    auto it = meta_.find(op.key);
    if (it != meta_.end()) meta_.erase(it);
  }

  std::shared_mutex mutex_;
  std::map<int64_t, Inode> inodes_;                       // guarded by mutex_
  std::map<int64_t, Children> edges_;                     // guarded by mutex_
  std::map<std::string, std::string, std::less<>> meta_;  // guarded by mutex_
};

}  // namespace

std::unique_ptr<InodeStore> NewHeapInodeStore() { return std::make_unique<HeapInodeStore>(); }

}  // namespace alluxio::master
