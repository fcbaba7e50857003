// RocksInodeStore: the InodeStore on RocksDB. The only file that includes RocksDB headers;
// RocksDB's Status becomes ours here (FromRocks) and nowhere else.
//
// Layout, one column family per record kind:
//   "default"  meta key bytes                               -> value bytes
//   "inodes"   8-byte big-endian id                         -> EncodeInode(inode)
//   "edges"    8-byte big-endian parent id + child name     -> 8-byte big-endian child id
// Big-endian ids make byte order numeric order, so an inode's children are one contiguous
// key range (listed with a prefix-bounded iterator) and the last key of "inodes" is the
// largest id.
//
// Durability: Commit is one WriteBatch written with sync=false: in the WAL, handed to the OS,
// surviving kill -9. Sync() is group commit: concurrent callers share one fsync; WhenDurable
// queues a callback for a syncer thread that runs fsyncs back to back while anyone waits.
//
// Thread safety: RocksDB's DB is thread-safe; the store's own state is the Sync coordinator,
// guarded by sync_mutex_, and an atomic commit counter.

#include <rocksdb/cache.h>
#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/options.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>
#include <type_traits>
#include <utility>

#include "lib/common/coding.h"
#include "server/master/metastore/inode_store.h"

namespace alluxio::master {
namespace {

constexpr char kInodesColumnFamily[] = "inodes";
constexpr char kEdgesColumnFamily[] = "edges";
constexpr char kAnotherMasterHint[] =
    "Is another master running with the same alluxio.master.metastore.dir?";

// The one place RocksDB's status codes become ours.
Status FromRocks(const rocksdb::Status& s, std::string_view context) {
  if (s.ok()) return Status::OK();
  std::string message = std::string(context) + ": RocksDB: " + s.ToString();
  switch (s.code()) {
    case rocksdb::Status::kNotFound:
      return Status::NotFound(std::move(message));
    case rocksdb::Status::kCorruption:
      return Status::DataLoss(std::move(message));
    case rocksdb::Status::kNotSupported:
      return Status::Unimplemented(std::move(message));
    case rocksdb::Status::kInvalidArgument:
      return Status::InvalidArgument(std::move(message));
    case rocksdb::Status::kIOError:
      if (s.IsNoSpace() || s.subcode() == rocksdb::Status::kSpaceLimit) {
        return Status::ResourceExhausted(std::move(message));
      }
      return Status::Unavailable(std::move(message));
    case rocksdb::Status::kTimedOut:
    case rocksdb::Status::kExpired:
      return Status::DeadlineExceeded(std::move(message));
    case rocksdb::Status::kAborted:
      return Status::Aborted(std::move(message));
    case rocksdb::Status::kBusy:
    case rocksdb::Status::kTryAgain:
    case rocksdb::Status::kShutdownInProgress:
      return Status::Unavailable(std::move(message));
    case rocksdb::Status::kCompactionTooLarge:
      return Status::ResourceExhausted(std::move(message));
    case rocksdb::Status::kMergeInProgress:
    case rocksdb::Status::kIncomplete:
    case rocksdb::Status::kColumnFamilyDropped:
      return Status::Internal(std::move(message));
    default:
      return Status::Unknown(std::move(message));
  }
}

// Opening and destroying a store map every failure to UNAVAILABLE (the master cannot start),
// with a hint when the cause is RocksDB's LOCK file held by someone else.
Status OpenError(const rocksdb::Status& s, std::string_view context) {
  std::string message = std::string(context) + ": RocksDB: " + s.ToString();
  if (s.IsIOError() && message.find("/LOCK") != std::string::npos) {
    message += ". ";
    message += kAnotherMasterHint;
  }
  return Status::Unavailable(std::move(message));
}

std::string InodeKey(int64_t id) {
  std::string key;
  PutFixed64BigEndian(&key, static_cast<uint64_t>(id));
  return key;
}

std::string EdgeKey(int64_t parent_id, std::string_view name) {
  std::string key;
  key.reserve(8 + name.size());
  PutFixed64BigEndian(&key, static_cast<uint64_t>(parent_id));
  key.append(name);
  return key;
}

// The smallest key greater than every key starting with `prefix`, or "" when there is none
// (the prefix is empty or all 0xff bytes).
std::string PrefixSuccessor(std::string_view prefix) {
  std::string end(prefix);
  while (!end.empty() && static_cast<uint8_t>(end.back()) == 0xff) end.pop_back();
  if (!end.empty()) end.back() = static_cast<char>(static_cast<uint8_t>(end.back()) + 1);
  return end;
}

class RocksInodeStore final : public InodeStore {
 public:
  // Takes ownership of `db` and of `handles` (default, inodes, edges, in that order).
  RocksInodeStore(std::unique_ptr<rocksdb::DB> db,
                  std::vector<rocksdb::ColumnFamilyHandle*> handles)
      : db_(std::move(db)), handles_(std::move(handles)) {}

  ~RocksInodeStore() override {
    // The syncer answers whoever still waits (one last sync), then ends; WhenDurable refuses
    // new waiters from here on, so syncer_ no longer changes.
    {
      std::lock_guard lock(sync_mutex_);
      stop_syncer_ = true;
    }
    syncer_cv_.notify_all();
    if (syncer_.joinable()) syncer_.join();
    // RocksDB requires every column family handle to be destroyed before the DB closes.
    for (rocksdb::ColumnFamilyHandle* handle : handles_) {
      db_->DestroyColumnFamilyHandle(handle).PermitUncheckedError();
    }
    // A close error has no one to go to; the WAL already holds every acknowledged batch.
    db_->Close().PermitUncheckedError();
  }

  RocksInodeStore(const RocksInodeStore&) = delete;
  RocksInodeStore& operator=(const RocksInodeStore&) = delete;

  Result<std::optional<Inode>> GetInode(int64_t id) override {
    if (id < 0) return std::optional<Inode>();
    rocksdb::PinnableSlice value;
    rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), inodes(), InodeKey(id), &value);
    if (s.IsNotFound()) return std::optional<Inode>();
    RETURN_IF_ERROR(FromRocks(s, "reading inode " + std::to_string(id)));
    Result<Inode> inode = DecodeInode(value.ToStringView());
    if (!inode.ok()) return inode.status().WithContext("inode " + std::to_string(id));
    if (inode->id != id) {
      return Status::DataLoss("inode record under key " + std::to_string(id) + " has id " +
                              std::to_string(inode->id));
    }
    return std::optional<Inode>(std::move(inode).value());
  }

  Result<std::optional<int64_t>> GetChild(int64_t parent_id, std::string_view name) override {
    if (parent_id < 0) return std::optional<int64_t>();
    rocksdb::PinnableSlice value;
    rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), edges(), EdgeKey(parent_id, name), &value);
    if (s.IsNotFound()) return std::optional<int64_t>();
    RETURN_IF_ERROR(FromRocks(s, "reading edge of inode " + std::to_string(parent_id)));
    ASSIGN_OR_RETURN(int64_t child, DecodeChildId(value.ToStringView(), parent_id));
    return std::optional<int64_t>(child);
  }

  Result<std::vector<Edge>> ListChildren(int64_t parent_id, std::string_view start_after,
                                         size_t limit) override {
    std::vector<Edge> out;
    if (parent_id < 0) return out;
    // Names after `start_after` start at its immediate successor, start_after + '\0'.
    std::string lower = EdgeKey(parent_id, start_after);
    if (!start_after.empty()) lower.push_back('\0');
    // parent_id + 1 cannot overflow as unsigned: parent_id <= INT64_MAX.
    std::string upper;
    PutFixed64BigEndian(&upper, static_cast<uint64_t>(parent_id) + 1);
    rocksdb::Slice upper_bound(upper);
    rocksdb::ReadOptions read_options;
    read_options.iterate_upper_bound = &upper_bound;
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(read_options, edges()));
    for (it->Seek(lower); it->Valid() && (limit == 0 || out.size() < limit); it->Next()) {
      std::string_view key = it->key().ToStringView();
      if (key.size() < 8) return Status::DataLoss("malformed edge key");
      ASSIGN_OR_RETURN(int64_t child, DecodeChildId(it->value().ToStringView(), parent_id));
      key.remove_prefix(8);
      out.push_back(Edge{parent_id, std::string(key), child});
    }
    RETURN_IF_ERROR(FromRocks(it->status(), "listing inode " + std::to_string(parent_id)));
    return out;
  }

  Result<std::optional<std::string>> GetMeta(std::string_view key) override {
    std::string value;
    rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), meta(), key, &value);
    if (s.IsNotFound()) return std::optional<std::string>();
    RETURN_IF_ERROR(FromRocks(s, "reading meta key"));
    return std::optional<std::string>(std::move(value));
  }

  Status ScanMeta(std::string_view prefix,
                  const std::function<bool(std::string_view, std::string_view)>& fn) override {
    std::string upper = PrefixSuccessor(prefix);
    rocksdb::Slice upper_bound(upper);
    rocksdb::ReadOptions read_options;
    if (!upper.empty()) read_options.iterate_upper_bound = &upper_bound;
    // The iterator reads an implicit snapshot, so `fn` may commit without disturbing the scan.
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(read_options, meta()));
    for (it->Seek(prefix); it->Valid(); it->Next()) {
      if (!fn(it->key().ToStringView(), it->value().ToStringView())) break;
    }
    return FromRocks(it->status(), "scanning meta keys");
  }

  Status Commit(const InodeWriteBatch& batch) override {
    RETURN_IF_ERROR(batch.CheckIds());
    rocksdb::WriteBatch write_batch;
    for (const InodeWriteBatch::Op& op : batch.ops()) {
      rocksdb::Status s = std::visit([&](const auto& o) { return Add(o, write_batch); }, op);
      RETURN_IF_ERROR(FromRocks(s, "building write batch"));
    }
    rocksdb::WriteOptions write_options;
    write_options.sync = false;  // durable against power loss only through Sync()
    RETURN_IF_ERROR(FromRocks(db_->Write(write_options, &write_batch), "committing"));
    commits_returned_.fetch_add(1, std::memory_order_release);
    return Status::OK();
  }

  // Group commit. A caller needs a SyncWAL that started after every commit counted when it
  // called. If one is in flight that started late enough, it waits for that one; otherwise it
  // waits for the in-flight one to finish (if any) and then starts one itself, covering every
  // commit counted by then, including those of callers that arrive while it runs.
  Status Sync() override {
    const uint64_t target = commits_returned_.load(std::memory_order_acquire);
    std::unique_lock lock(sync_mutex_);
    for (;;) {
      if (synced_commits_ >= target) return Status::OK();
      if (!sync_in_flight_) break;
      const uint64_t generation = sync_generation_;
      const bool covered = in_flight_covers_ >= target;
      sync_cv_.wait(lock, [&] { return sync_generation_ != generation; });
      if (synced_commits_ >= target) return Status::OK();
      // The sync that covered us failed (a later success would have covered us too).
      if (covered) return last_sync_status_;
    }
    return SyncLocked(lock);
  }

  void WhenDurable(std::function<void(Status)> done) override {
    const uint64_t target = commits_returned_.load(std::memory_order_acquire);
    Status refused;
    {
      std::lock_guard lock(sync_mutex_);
      if (synced_commits_ >= target) {
        refused = Status::OK();
      } else if (stop_syncer_) {
        refused = Status::Unavailable("The metastore is closing; the change may not be durable");
      } else {
        if (!syncer_.joinable()) {
          try {
            syncer_ = std::thread([this] { RunSyncer(); });
          } catch (const std::system_error& e) {
            refused = Status::Unavailable(std::string("Cannot start the journal sync thread: ") +
                                          e.what());
          }
        }
        if (syncer_.joinable()) {
          waiters_.push_back(Waiter{target, std::move(done)});
          syncer_cv_.notify_one();
          return;
        }
      }
    }
    done(refused);
  }

  Result<int64_t> MaxInodeId() override {
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), inodes()));
    it->SeekToLast();
    if (it->Valid()) {
      if (it->key().size() != 8) return Status::DataLoss("malformed inode key");
      return static_cast<int64_t>(DecodeFixed64BigEndian(it->key().data()));
    }
    RETURN_IF_ERROR(FromRocks(it->status(), "finding the largest inode id"));
    return int64_t{-1};
  }

  int64_t ApproximateInodeCount() override {
    uint64_t count = 0;
    if (!db_->GetIntProperty(inodes(), "rocksdb.estimate-num-keys", &count)) return 0;
    return static_cast<int64_t>(count);
  }

 private:
  struct Waiter {
    uint64_t target;
    std::function<void(Status)> done;
  };

  // Runs one sync covering every commit returned so far; `lock` holds sync_mutex_ and no sync
  // is in flight. Wakes Sync() callers and the syncer.
  Status SyncLocked(std::unique_lock<std::mutex>& lock) {
    sync_in_flight_ = true;
    in_flight_covers_ = commits_returned_.load(std::memory_order_acquire);
    const uint64_t covers = in_flight_covers_;
    lock.unlock();
    Status status = FromRocks(db_->SyncWAL(), "syncing the write-ahead log");
    lock.lock();
    sync_in_flight_ = false;
    ++sync_generation_;
    last_sync_status_ = status;
    last_sync_covers_ = covers;
    if (status.ok()) synced_commits_ = std::max(synced_commits_, covers);
    sync_cv_.notify_all();
    return status;
  }

  // The syncer thread of WhenDurable: syncs while anyone waits (each sync covers every commit
  // made while the previous one ran: group commit) and answers the waiters it covered.
  void RunSyncer() {
    std::unique_lock lock(sync_mutex_);
    while (true) {
      syncer_cv_.wait(lock, [this] { return stop_syncer_ || !waiters_.empty(); });
      if (waiters_.empty()) return;  // stopping, nobody left to answer
      if (sync_in_flight_) {
        // A Sync() caller is syncing: its result may cover the waiters.
        const uint64_t generation = sync_generation_;
        sync_cv_.wait(lock, [&] { return sync_generation_ != generation; });
      } else if (std::any_of(waiters_.begin(), waiters_.end(),
                             [this](const Waiter& w) { return w.target > synced_commits_; })) {
        (void)SyncLocked(lock);  // the result reaches the waiters below
      }
      std::vector<std::pair<std::function<void(Status)>, Status>> answers;
      std::erase_if(waiters_, [&](Waiter& w) {
        if (synced_commits_ >= w.target) {
          answers.emplace_back(std::move(w.done), Status::OK());
          return true;
        }
        if (!last_sync_status_.ok() && last_sync_covers_ >= w.target) {
          answers.emplace_back(std::move(w.done), last_sync_status_);
          return true;
        }
        return false;
      });
      lock.unlock();
      for (auto& [done, status] : answers) done(status);
      lock.lock();
    }
  }

  rocksdb::ColumnFamilyHandle* meta() const { return handles_[0]; }
  rocksdb::ColumnFamilyHandle* inodes() const { return handles_[1]; }
  rocksdb::ColumnFamilyHandle* edges() const { return handles_[2]; }

  static Result<int64_t> DecodeChildId(std::string_view value, int64_t parent_id) {
    if (value.size() != 8) {
      return Status::DataLoss("malformed edge value under inode " + std::to_string(parent_id));
    }
    return static_cast<int64_t>(DecodeFixed64BigEndian(value.data()));
  }

  rocksdb::Status Add(const InodeWriteBatch::PutInodeOp& op, rocksdb::WriteBatch& b) {
    return b.Put(inodes(), InodeKey(op.inode.id), EncodeInode(op.inode));
  }
  rocksdb::Status Add(const InodeWriteBatch::DeleteInodeOp& op, rocksdb::WriteBatch& b) {
    return b.Delete(inodes(), InodeKey(op.id));
  }
  rocksdb::Status Add(const InodeWriteBatch::PutEdgeOp& op, rocksdb::WriteBatch& b) {
    std::string child;
    PutFixed64BigEndian(&child, static_cast<uint64_t>(op.edge.child_id));
    return b.Put(edges(), EdgeKey(op.edge.parent_id, op.edge.name), child);
  }
  rocksdb::Status Add(const InodeWriteBatch::DeleteEdgeOp& op, rocksdb::WriteBatch& b) {
    return b.Delete(edges(), EdgeKey(op.parent_id, op.name));
  }
  rocksdb::Status Add(const InodeWriteBatch::PutMetaOp& op, rocksdb::WriteBatch& b) {
    return b.Put(meta(), op.key, op.value);
  }
  rocksdb::Status Add(const InodeWriteBatch::DeleteMetaOp& op, rocksdb::WriteBatch& b) {
    return b.Delete(meta(), op.key);
  }

  // Immutable after construction (the DB itself is thread-safe).
  const std::unique_ptr<rocksdb::DB> db_;
  const std::vector<rocksdb::ColumnFamilyHandle*> handles_;  // owned; see the destructor

  // Commits that have returned OK; a Sync covers a prefix of them.
  std::atomic<uint64_t> commits_returned_{0};

  std::mutex sync_mutex_;
  std::condition_variable sync_cv_;
  bool sync_in_flight_ = false;    // guarded by sync_mutex_
  uint64_t in_flight_covers_ = 0;  // guarded by sync_mutex_: commits the running sync covers
  uint64_t synced_commits_ = 0;    // guarded by sync_mutex_: commits known durable
  uint64_t sync_generation_ = 0;   // guarded by sync_mutex_: completed syncs
  Status last_sync_status_;        // guarded by sync_mutex_: of the latest completed sync
  uint64_t last_sync_covers_ = 0;  // guarded by sync_mutex_: what the latest sync covered
  std::condition_variable syncer_cv_;
  std::vector<Waiter> waiters_;  // guarded by sync_mutex_: WhenDurable callers not yet answered
  bool stop_syncer_ = false;     // guarded by sync_mutex_
  std::thread syncer_;           // started by the first WhenDurable that has to wait
};

rocksdb::ColumnFamilyOptions ColumnFamilyOptionsFor(const RocksInodeStoreOptions& options) {
  rocksdb::BlockBasedTableOptions table;
  // One cache for all three column families, holding index and filter blocks too, so the
  // configured size bounds the store's read memory.
  // One shard: with RocksDB's default of 64 shards a 64 MB cache holds no block over 1 MB, so
  // the multi-MB filter blocks of a large namespace were re-read and checksummed on every
  // lookup (a `count /` over 10M inodes crawled).
  table.block_cache = rocksdb::NewLRUCache(options.block_cache_bytes, /*num_shard_bits=*/0);
  table.cache_index_and_filter_blocks = true;
  table.pin_l0_filter_and_index_blocks_in_cache = true;
  // Path walks are point lookups, mostly of names that exist; a bloom filter skips the files
  // that cannot hold the key.
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));

  rocksdb::ColumnFamilyOptions cf;
  cf.write_buffer_size = options.write_buffer_bytes;
  cf.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  return cf;
}

}  // namespace

Result<std::unique_ptr<InodeStore>> OpenRocksInodeStore(const RocksInodeStoreOptions& options) {
  const std::string context = "opening the metastore in " + options.dir;
  if (options.dir.empty()) return Status::InvalidArgument("the metastore directory is empty");
  std::error_code ec;
  std::filesystem::create_directories(options.dir, ec);
  if (ec) return Status::Unavailable(context + ": " + ec.message());

  rocksdb::DBOptions db_options;
  db_options.create_if_missing = true;
  db_options.create_missing_column_families = true;
  // Bounds memtable memory across the three column families together.
  db_options.db_write_buffer_size = options.write_buffer_bytes;
  db_options.keep_log_file_num = 10;

  rocksdb::ColumnFamilyOptions cf_options = ColumnFamilyOptionsFor(options);
  std::vector<rocksdb::ColumnFamilyDescriptor> families = {
      {rocksdb::kDefaultColumnFamilyName, cf_options},
      {kInodesColumnFamily, cf_options},
      {kEdgesColumnFamily, cf_options},
  };
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw_db = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(db_options, options.dir, families, &handles, &raw_db);
  if (!s.ok()) return OpenError(s, context);
  return std::unique_ptr<InodeStore>(
      std::make_unique<RocksInodeStore>(std::unique_ptr<rocksdb::DB>(raw_db), std::move(handles)));
}

Status DestroyRocksInodeStore(const std::string& dir) {
  const std::string context = "deleting the metastore in " + dir;
  std::error_code ec;
  if (!std::filesystem::exists(dir, ec)) {
    if (ec) return Status::Unavailable(context + ": " + ec.message());
    return Status::OK();
  }
  rocksdb::Status s = rocksdb::DestroyDB(dir, rocksdb::Options());
  if (!s.ok()) return OpenError(s, context);
  // DestroyDB removes only RocksDB's own files; a directory holding anything else stays.
  if (std::filesystem::exists(dir, ec) && std::filesystem::is_empty(dir, ec)) {
    std::filesystem::remove(dir, ec);
    if (ec) return Status::Unavailable(context + ": " + ec.message());
  }
  return Status::OK();
}

}  // namespace alluxio::master
