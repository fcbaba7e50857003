// BlockFetcher: fills the cache on a miss. The first reader of an uncached block starts one
// fetch of the whole block from the UFS into the block store (in a background thread);
// readers of the same block, concurrent or later, read from the block file as the fetch
// writes it (short-circuit readers on the worker's host of a non-local UFS wait for the whole
// block), so concurrent misses share one UFS read. When the fetch fails (UFS down, no space
// left), readers go on reading their range from the UFS themselves.
//
// The fetch copies with UfsInputStream::CopyTo into the block file: in the kernel for a local
// UFS (one copy, never through this process), through a buffer for the others. The whole
// block's space is reserved before the first byte is written.
//
// Thread-safe. Stop() (or the destructor) cancels running fetches and joins their threads.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "lib/common/logging.h"
#include "lib/common/metrics.h"
#include "lib/common/result.h"
#include "lib/common/unique_fd.h"
#include "lib/ufs/under_file_system.h"
#include "server/worker/block_store.h"

namespace alluxio::worker {

// One fetch of one block; shared by its readers.
class BlockFetch {
 public:
  // Waits until `[offset, offset + n)` is in the block file (or the block ends, or the fetch
  // fails), then reads what is available there into `buf`. Returns the bytes read; 0 when the
  // fetch failed before reaching `offset` (the caller reads the UFS instead).
  Result<size_t> ReadAt(int64_t offset, char* buf, size_t n);
  // Waits until the fetch ends: OK once the block is committed in the store, else why the
  // fetch failed (then the block is not cached).
  Status Wait();
  // Bytes fetched so far.
  int64_t progress() const;
  int64_t length() const { return length_; }

 private:
  friend class BlockFetcher;
  explicit BlockFetch(int64_t length) : length_(length) {}

  const int64_t length_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  int64_t progress_ = 0;  // guarded by mu_
  bool done_ = false;     // guarded by mu_
  bool failed_ = false;   // guarded by mu_
  Status error_;          // guarded by mu_: why it failed
  bool cancel_ = false;   // guarded by mu_
  UniqueFd fd_;           // set once before progress_ moves; read with pread
};

struct FetchRequest {
  int64_t block_id = 0;
  std::shared_ptr<ufs::UnderFileSystem> ufs;
  std::string ufs_path;
  int64_t block_start = 0;   // offset of the block in the file
  int64_t block_length = 0;  // bytes of the block
  // Nobody waits for this fetch (a reader on this host reads the local UFS file itself): its
  // thread runs at a lower CPU priority (nice 10 above the worker's, at most 19), so the reads
  // and calls it would compete with go first. A reader joining later does not change that.
  bool background = false;
};

class BlockFetcher {
 public:
  // Background fetches running at once, at most: a reader on this host that outruns the cache
  // (it reads the local UFS file itself) waits in GetOrStart rather than start a thread and
  // reserve a block for every block of a huge file. 16 blocks of 64 MB: 1 GB ahead.
  static constexpr int kDefaultMaxBackgroundFetches = 16;

  BlockFetcher(BlockStore* store, Logger* logger, MetricsRegistry* metrics,
               int max_background_fetches = kDefaultMaxBackgroundFetches);
  ~BlockFetcher();
  BlockFetcher(const BlockFetcher&) = delete;
  BlockFetcher& operator=(const BlockFetcher&) = delete;

  // The running fetch of the block, or a new one. Null when the block cannot be cached now
  // (no space even after eviction, or a writer holds it) or the fetcher is stopped; the caller
  // reads the UFS directly. A new background fetch first waits while max_background_fetches
  // of them are running.
  std::shared_ptr<BlockFetch> GetOrStart(const FetchRequest& request);
  void Stop();

 private:
  void Run(std::shared_ptr<BlockFetch> fetch, FetchRequest request,
           std::unique_ptr<BlockWriter> writer);
  void ReapLocked();  // joins threads whose fetch is done; caller holds mu_

  BlockStore* const store_;
  Logger* const logger_;
  const int max_background_;
  std::mutex mu_;
  std::condition_variable background_slot_;               // a background fetch ended, or Stop()
  bool stopped_ = false;                                  // guarded by mu_
  int background_running_ = 0;                            // guarded by mu_
  std::map<int64_t, std::weak_ptr<BlockFetch>> running_;  // guarded by mu_
  std::list<std::pair<std::thread, std::shared_ptr<BlockFetch>>> threads_;  // guarded by mu_
  Counter* fetches_ = nullptr;
  Counter* fetch_failures_ = nullptr;
  Counter* bytes_from_ufs_ = nullptr;
};

}  // namespace alluxio::worker
