// BlockStore: the worker's tiered block cache on local directories.
//
// Tiers (MEM > SSD > HDD) each have one or more directories with quotas. A committed block is
// one file named by its decimal id, directly in a tier dir; a block being written is a file in
// the dir's ".tmp_blocks" folder until Commit renames it into place. The index lives in memory
// and is rebuilt by scanning the dirs at Open; leftover temporary files (writes cut short by a
// crash) are deleted then.
//
// Space: every byte is reserved in a dir before it is written (CreateBlock, then Append as a
// write grows), so a dir's committed plus reserved bytes never exceed its quota; the only
// exception is blocks found over quota at Open, which are kept. A new block goes to the first
// tier from the requested one that has a dir with room, choosing the dir with the most free
// space (Alluxio's MaxFreeAllocator). When no tier has room, blocks are evicted from the
// requested tier, coldest first by the annotator; pinned blocks, blocks with live read handles
// and blocks being written are never evicted. An evicted block moves down to the next tier when
// that tier can make room (by the same rules, recursively), otherwise it leaves the worker.
//
// Thread-safe. One mutex guards the index (block map, space accounting, annotator, deltas); it is
// never held during file I/O. Space is reserved and blocks whose files are about to be moved or
// deleted are marked busy under the mutex first; the file work then runs without it, and busy
// blocks are skipped by eviction while LockBlock, RemoveBlock and MoveBlock wait for them to
// settle.
//
// Lifetime: the store must outlive every BlockWriter and BlockReadHandle it returned (checked
// in the destructor).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "lib/common/clock.h"
#include "lib/common/logging.h"
#include "lib/common/metrics.h"
#include "lib/common/result.h"
#include "lib/common/unique_fd.h"
#include "lib/wire/block_id.h"
#include "lib/wire/worker_types.h"
#include "server/worker/block_annotator.h"
#include "server/worker/tier_config.h"

namespace alluxio::worker {

class BlockStore;

// A read lock on a committed block: while it lives the block is neither evicted, moved nor
// deleted, so path() stays valid. Movable, not copyable; releases the lock when destroyed.
// Not thread-safe (one owner).
class BlockReadHandle {
 public:
  // An empty handle (valid() is false).
  BlockReadHandle() = default;
  BlockReadHandle(BlockReadHandle&& other) noexcept;
  BlockReadHandle& operator=(BlockReadHandle&& other) noexcept;
  BlockReadHandle(const BlockReadHandle&) = delete;
  BlockReadHandle& operator=(const BlockReadHandle&) = delete;
  ~BlockReadHandle();

  bool valid() const { return store_ != nullptr; }
  int64_t block_id() const { return block_id_; }
  // The block file's absolute path.
  const std::string& path() const { return path_; }
  int64_t length() const { return length_; }
  const std::string& tier_alias() const { return tier_alias_; }
  // 0 = top tier.
  int tier() const { return tier_; }

  // Releases the lock now (the destructor then does nothing).
  void Release();

 private:
  friend class BlockStore;
  BlockReadHandle(BlockStore* store, int64_t block_id, std::string path, int64_t length,
                  std::string tier_alias, int tier);

  BlockStore* store_ = nullptr;
  int64_t block_id_ = 0;
  std::string path_;
  int64_t length_ = 0;
  std::string tier_alias_;
  int tier_ = 0;
};

// Writes one new block into a temporary file. One owner; not thread-safe. Destroying it without
// Commit aborts: the temporary file is deleted and the reservation released.
class BlockWriter {
 public:
  BlockWriter(const BlockWriter&) = delete;
  BlockWriter& operator=(const BlockWriter&) = delete;
  ~BlockWriter();

  // Appends `data`, first reserving more space if it grows past the reservation (may evict).
  // RESOURCE_EXHAUSTED if no room can be made in the block's dir (nothing is written then);
  // an I/O error status if the write fails; FAILED_PRECONDITION after Commit or Abort.
  Status Append(std::string_view data);
  Status Append(const char* data, size_t size) { return Append(std::string_view(data, size)); }

  // For callers writing through fd() with their own syscalls: Reserve room for `bytes` more
  // bytes past bytes_written() before writing, then Advance by what was written. Reserve fails
  // like Append; Advance reserves any shortfall (a caller that skipped Reserve) and may fail
  // the same way, in which case the block should be aborted.
  Status Reserve(int64_t bytes);
  Status Advance(int64_t bytes);

  int64_t block_id() const { return block_id_; }
  int64_t bytes_written() const { return bytes_written_; }
  // Bytes reserved for this block in its dir (>= bytes_written()).
  int64_t bytes_reserved() const { return bytes_reserved_; }
  // The temporary file's descriptor (write-only, positioned at the end); -1 once closed.
  int fd() const { return fd_.get(); }
  // The tier the block is being written to (0 = top) and its alias.
  int tier() const { return tier_; }
  const std::string& tier_alias() const { return tier_alias_; }

  // Renames the file into place (atomic; no fsync), trims the reservation to the length,
  // indexes the block and records it in the deltas. On failure the block is aborted.
  // FAILED_PRECONDITION after Commit or Abort.
  Status Commit();
  // Deletes the temporary file and releases the reservation. No-op after Commit or Abort.
  void Abort();

 private:
  friend class BlockStore;
  BlockWriter(BlockStore* store, int64_t block_id, int tier, std::string tier_alias,
              std::string temp_path, UniqueFd fd, int64_t reserved);
  Status EnsureReserved(int64_t total_bytes);

  BlockStore* const store_;
  const int64_t block_id_;
  const int tier_;
  const std::string tier_alias_;
  const std::string temp_path_;
  UniqueFd fd_;
  int64_t bytes_written_ = 0;
  int64_t bytes_reserved_;
  bool done_ = false;  // committed or aborted
};

class BlockStore {
 public:
  // Validates `options` (INVALID_ARGUMENT), creates the tier dirs if missing and scans them:
  // committed blocks are indexed (even over a dir's quota), temporary files deleted. A block id
  // found in two dirs (a move cut short) keeps the copy in the higher tier. An I/O error names
  // the dir. `clock` and `logger` are required; `metrics` may be null. All must outlive the
  // store.
  static Result<std::unique_ptr<BlockStore>> Open(BlockStoreOptions options, Clock* clock,
                                                  Logger* logger, MetricsRegistry* metrics);
  ~BlockStore();
  BlockStore(const BlockStore&) = delete;
  BlockStore& operator=(const BlockStore&) = delete;

  // Starts writing a new block with `initial_bytes` reserved in the first tier from `tier` down
  // that has a dir with room; if none has, evicts from tier `tier` (then lower ones).
  // ALREADY_EXISTS if the block is committed, being written or still being removed (its last
  // reader has not finished). INVALID_ARGUMENT for a bad tier or negative size.
  // RESOURCE_EXHAUSTED when no room can be made, with a message naming the tiers and sizes.
  Result<std::unique_ptr<BlockWriter>> CreateBlock(int64_t block_id, int64_t initial_bytes,
                                                   int tier = 0);

  // Read-locks a committed block (see BlockReadHandle) and records an access for the
  // annotator. Waits while the block is being moved. NOT_FOUND if absent or removed.
  // With `wait_if_busy` false (an event loop), a block being moved is UNAVAILABLE at once.
  Result<BlockReadHandle> LockBlock(int64_t block_id, bool wait_if_busy = true);

  // True for a committed block that has not been removed.
  bool HasBlock(int64_t block_id) const;

  // Removes a committed block. With live read handles, it disappears at once from LockBlock,
  // HasBlock and AllBlocks, and its file goes when the last handle does. NOT_FOUND if absent.
  Status RemoveBlock(int64_t block_id);

  // Moves a committed block to tier `tier` (0 = top, e.g. for CACHE_PROMOTE), evicting there if
  // needed; OK without doing anything if it is already in that tier. NOT_FOUND if absent;
  // INVALID_ARGUMENT for a bad tier; FAILED_PRECONDITION if a read handle holds it;
  // RESOURCE_EXHAUSTED if the target tier cannot make room.
  Status MoveBlock(int64_t block_id, int tier);

  // Blocks of these file ids are never evicted (file id per wire::FileIdOfBlock). Replaces the
  // set.
  void SetPinnedFiles(std::unordered_set<int64_t> file_ids);

  // Per tier, top first: capacity (sum of quotas) and used bytes (committed + reserved).
  std::vector<wire::TierUsage> Usage() const;
  // Tier alias -> ids of its committed blocks, ascending; every tier present. For registration.
  std::map<std::string, std::vector<int64_t>> AllBlocks() const;

  int num_tiers() const { return static_cast<int>(tiers_.size()); }
  const std::string& tier_alias(int tier) const { return tiers_[tier].alias; }

  // Block changes since the last TakeDeltas, for heartbeats: commits and moves are listed under
  // their (new) tier in `added`; removals and evictions out of the worker in `removed`. An id is
  // in at most one of them. If the heartbeat fails, hand them back with RestoreDeltas; changes
  // made since then win over restored ones.
  struct Deltas {
    std::map<std::string, std::vector<int64_t>> added;
    std::vector<int64_t> removed;
  };
  Deltas TakeDeltas();
  void RestoreDeltas(Deltas deltas);

  // Deletes every block file and temporary file in every tier dir (for `alluxio format`);
  // other files and the dirs themselves stay. Missing dirs are fine. Works without Open; must
  // not run while a store is open on the same dirs.
  static Status Wipe(const BlockStoreOptions& options);

 private:
  friend class BlockWriter;
  friend class BlockReadHandle;

  // Immutable after Open except `used`, guarded by mu_.
  struct Dir {
    int tier = 0;
    std::string path;      // holds committed block files
    std::string tmp_path;  // holds blocks being written and copies in flight
    int64_t capacity = 0;
    int64_t used = 0;  // guarded by mu_: committed + reserved bytes
  };
  struct Tier {
    std::string alias;
    std::vector<int> dirs;  // indexes into dirs_
  };
  enum class BlockState {
    kReady,          // readable, evictable, movable
    kBusy,           // its file is being moved or deleted; wait for it to settle
    kRemovePending,  // removed while read; invisible; deleted when the last reader goes
  };
  struct Block {
    int dir = 0;
    int64_t length = 0;
    int readers = 0;
    BlockState state = BlockState::kReady;
  };
  struct TempBlock {
    int dir = 0;
    int64_t reserved = 0;
  };
  // File work decided under mu_ and done without it. Steps run in order: a block's move comes
  // after the evictions that make room for it.
  struct Plan {
    struct Step {
      int64_t block_id;
      int from_dir;
      int to_dir;  // -1: delete the block
      int64_t length;
    };
    std::vector<Step> steps;
    // Bytes given back to a dir once the steps ran: evicted bytes beyond what was reserved.
    std::vector<std::pair<int, int64_t>> excess;
  };

  BlockStore(BlockStoreOptions options, Clock* clock, Logger* logger, MetricsRegistry* metrics);
  Status Scan();

  std::string BlockPath(int dir, int64_t block_id) const;
  std::string TempPath(int dir, int64_t block_id) const;
  int64_t FreeLocked(int dir) const;
  bool EvictableLocked(int64_t block_id, const Block& block) const;

  // Reserves `bytes` in a dir of tiers [first_tier, last_tier] (or in `only_dir` when >= 0):
  // first without eviction, then by evicting, adding the file work to `plan`. Returns the dir.
  // RESOURCE_EXHAUSTED (see ExhaustedLocked) when no room can be made.
  Result<int> ReserveLocked(int64_t bytes, int64_t block_id, int first_tier, int last_tier,
                            int only_dir, Plan* plan);
  // Plans evictions from `dir` so `bytes` can be reserved there, and reserves them.
  bool EvictAndReserveLocked(int dir, int64_t bytes, Plan* plan);
  Status ExhaustedLocked(int64_t block_id, int64_t bytes, int first_tier, int last_tier,
                         int only_dir) const;
  // Does the plan's file work without mu_, then applies the outcome under it.
  void RunPlan(const Plan& plan);
  // Moves a block file between dirs: rename, or copy + rename + unlink across file systems.
  Status MoveFile(int64_t block_id, int from_dir, int to_dir);
  // Deletes a block file whose index entry is busy, then forgets it. Takes mu_ itself.
  Status DeleteBusyBlock(int64_t block_id, int dir, int64_t length);

  void AddDeltaLocked(int64_t block_id, int dir);
  void RemoveDeltaLocked(int64_t block_id);

  // BlockWriter and BlockReadHandle callbacks.
  Status GrowReservation(int64_t block_id, int64_t bytes);
  Status CommitTemp(int64_t block_id, int64_t length, const std::string& temp_path);
  void AbortTemp(int64_t block_id, const std::string& temp_path);
  void ReleaseRead(int64_t block_id);

  // Immutable after construction.
  Clock* const clock_;
  Logger* const logger_;
  std::vector<Tier> tiers_;
  std::vector<Dir> dirs_;  // `used` guarded by mu_
  Counter* blocks_evicted_ = nullptr;
  Counter* blocks_promoted_ = nullptr;
  Counter* blocks_removed_ = nullptr;
  Counter* blocks_cancelled_ = nullptr;
  Counter* blocks_accessed_ = nullptr;

  mutable std::mutex mu_;
  std::condition_variable settled_;               // a busy block became ready or went away
  std::unordered_map<int64_t, Block> blocks_;     // guarded by mu_
  std::unordered_map<int64_t, TempBlock> temps_;  // guarded by mu_
  std::unique_ptr<BlockAnnotator> annotator_;     // guarded by mu_
  std::unordered_set<int64_t> pinned_files_;      // guarded by mu_
  std::map<int64_t, int> added_;                  // guarded by mu_: block -> tier
  std::set<int64_t> removed_;                     // guarded by mu_
  int open_readers_ = 0;                          // guarded by mu_

  // Last: unregistered before the state their callbacks read goes away.
  GaugeRegistration blocks_cached_gauge_;
  GaugeRegistration capacity_total_gauge_;
  GaugeRegistration capacity_used_gauge_;
  GaugeRegistration capacity_free_gauge_;
};

}  // namespace alluxio::worker
