// LocalBlockLookups: remembers where a worker on this host keeps a cached block's file, so a
// server that sends the same blocks again and again (the proxy's S3 GetObject of a hot object)
// opens the tier file directly instead of asking the worker each time (one HTTP round trip per
// block, more than the read of a small object costs).
//
// A remembered lookup is used for at most `reuse_ms` (default 1 s), and only while the file at
// the remembered path is still the very file the worker named (regular, same device and inode,
// the block's size): a block evicted, moved to another tier or cached again fails the check and
// is looked up afresh. (A block cached again may get a recycled inode number at the same path
// and pass the check; that file holds the same bytes, as a block id always names the same data.)
// The worker counts a lookup as an access for eviction, so within the
// reuse window it sees a hot block once per window instead of once per read.
//
// Thread-safe.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "lib/common/clock.h"
#include "lib/common/unique_fd.h"
#include "lib/net/http_client.h"
#include "lib/wire/fs_types.h"

namespace alluxio::client {

class LocalBlockLookups {
 public:
  static constexpr int64_t kDefaultReuseMs = 1'000;
  static constexpr size_t kMaxEntries = 100'000;

  // `clock` (optional; the system clock when null) must outlive this object.
  explicit LocalBlockLookups(const Clock* clock = nullptr, int64_t reuse_ms = kDefaultReuseMs);
  LocalBlockLookups(const LocalBlockLookups&) = delete;
  LocalBlockLookups& operator=(const LocalBlockLookups&) = delete;

  // What OpenLocalBlockFile (native_streams.h) opens, from a fresh remembered lookup when there
  // is one that still checks out, else by asking the worker (and remembering the answer).
  UniqueFd Open(net::HttpClient& http, const std::string& short_circuit_host,
                const wire::WorkerNetAddress& worker, const wire::FileBlockInfo& block);
  // Open from a fresh remembered lookup only (no call to the worker: never blocks on the
  // network); an invalid fd when there is none or it no longer checks out.
  UniqueFd OpenRemembered(const wire::WorkerNetAddress& worker, const wire::FileBlockInfo& block);

  size_t size() const;
  int64_t reused() const;  // opens served from a remembered lookup

 private:
  struct Entry {
    std::string path;
    uint64_t device = 0;
    uint64_t inode = 0;
    int64_t stored_ms = 0;
  };
  static std::string Key(const wire::WorkerNetAddress& worker, int64_t block_id);

  SystemClock system_clock_;
  const Clock* const clock_;
  const int64_t reuse_ms_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;  // guarded by mu_
  int64_t reused_ = 0;                              // guarded by mu_
};

}  // namespace alluxio::client
