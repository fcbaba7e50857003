// BlockAnnotator: orders a worker's blocks for eviction, coldest first (Alluxio's
// alluxio.worker.block.annotator.BlockAnnotator).
//
// Three policies:
//  - LRU: the least recently accessed block is the coldest. Accesses are ordered by a logical
//    counter, so two accesses in the same millisecond still have a strict order.
//  - LRFU (Alluxio's LRFUAnnotator): each block has a combined recency-frequency score (CRF).
//    An access at time t does crf = crf * F(t - last) + 1 with F(x) = (1/attenuation)^(step * x);
//    the coldest block has the lowest CRF decayed to now. Time is the injected clock's
//    monotonic time in seconds (Alluxio counts accesses instead; a clock keeps the decay
//    independent of load and lets tests drive it). step = 0 gives LFU, step = 1 with a large
//    attenuation approaches LRU.
//  - LFU: the access count (LRFU with step factor 0); ties go to the least recently accessed.
//
// Because F is exponential, "CRF decayed to now" compares the same way at every `now`, so the
// order is kept in a sorted set and never recomputed.
//
// Not thread-safe: the block store calls it under its index mutex.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>
#include <vector>

#include "lib/common/clock.h"

namespace alluxio::worker {

enum class AnnotatorKind { kLru, kLrfu, kLfu };

// "LRU", "LRFU", "LFU".
std::string_view AnnotatorKindName(AnnotatorKind kind);

class BlockAnnotator {
 public:
  virtual ~BlockAnnotator() = default;

  // Records an access (a read, or the commit of a new block); adds the block if it is unknown.
  virtual void RecordAccess(int64_t block_id) = 0;
  // Forgets the block. No-op if it is unknown.
  virtual void Remove(int64_t block_id) = 0;
  virtual bool Contains(int64_t block_id) const = 0;
  virtual size_t size() const = 0;

  // Calls `visit` with each block, coldest first, until it returns false. `visit` must not
  // change the annotator.
  virtual void ForEachColdestFirst(const std::function<bool(int64_t block_id)>& visit) const = 0;

  // Every block, coldest first.
  std::vector<int64_t> ColdestFirst() const;
};

// Creates the annotator of `kind`. For kLrfu, `step_factor` is in [0, 1] and
// `attenuation_factor` >= 2 (checked by ValidateBlockStoreOptions); kLfu and kLru ignore them.
// `clock` must outlive the annotator.
std::unique_ptr<BlockAnnotator> NewBlockAnnotator(AnnotatorKind kind, double step_factor,
                                                  double attenuation_factor, const Clock* clock);

}  // namespace alluxio::worker
