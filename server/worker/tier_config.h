// The worker's tiered storage layout and eviction policy, built from Alluxio's configuration
// keys in exactly one place (BlockStoreOptionsFromConfiguration) and validated there.
//
//   alluxio.worker.tieredstore.levels                  number of tiers (1 to 3)
//   alluxio.worker.tieredstore.level{N}.alias          MEM, SSD or HDD; tiers in that order
//   alluxio.worker.tieredstore.level{N}.dirs.path      comma-separated directories
//   alluxio.worker.tieredstore.level{N}.dirs.quota     comma-separated sizes; when there are
//                                                      fewer than dirs, the last one repeats
//   alluxio.worker.tieredstore.level{N}.dirs.mediumtype  optional; defaults to the alias, and
//                                                      the last one repeats like quotas
//   alluxio.worker.data.folder                         folder under each dir holding the blocks
//   alluxio.worker.block.annotator.class               LRUAnnotator / LRFUAnnotator (Alluxio's
//                                                      class names) or LRU, LRFU, LFU
//   alluxio.worker.evictor.class                       legacy; when set, it wins (Alluxio 2.x)
//   alluxio.worker.block.annotator.lrfu.step.factor / .attenuation.factor   LRFU's parameters
//
// Plain data and free functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lib/common/result.h"
#include "lib/conf/configuration.h"
#include "server/worker/block_annotator.h"

namespace alluxio::worker {

struct TierDir {
  // Directory holding the block files: the configured dir joined with
  // alluxio.worker.data.folder (e.g. /mnt/ramdisk/alluxioworker). Absolute.
  std::string path;
  // Bytes this dir may hold (committed blocks plus reservations of blocks being written).
  int64_t quota_bytes = 0;
  // Alluxio's medium type of the dir (MEM, SSD, HDD); informational.
  std::string medium_type;
};

struct TierSpec {
  // MEM, SSD or HDD.
  std::string alias;
  // At least one.
  std::vector<TierDir> dirs;
};

struct BlockStoreOptions {
  // Top tier first, in the global order MEM > SSD > HDD, each alias at most once.
  std::vector<TierSpec> tiers;
  // Which blocks eviction picks first.
  AnnotatorKind annotator = AnnotatorKind::kLru;
  // LRFU only: in [0, 1]; smaller behaves more like LFU, larger more like LRU.
  double lrfu_step_factor = 0.25;
  // LRFU only: >= 2; how fast old accesses lose weight.
  double lrfu_attenuation_factor = 2.0;
};

// Parses and validates the keys above. INVALID_ARGUMENT naming the key and the value for a bad
// level count, alias, tier order, size, path or annotator, and naming the key for a configured
// level without dirs.path or dirs.quota ("... is not set").
Result<BlockStoreOptions> BlockStoreOptionsFromConfiguration(const conf::Configuration& conf);

// Maps an annotator class name (alluxio.worker.block.annotator.LRUAnnotator, LRFUAnnotator, or
// LRU / LRFU / LFU, case-insensitive) to its kind. INVALID_ARGUMENT names `key`, `value` and the
// accepted values.
Result<AnnotatorKind> ParseAnnotatorClass(std::string_view key, std::string_view value);

// Checks what BlockStoreOptionsFromConfiguration guarantees, for options built in code: at least
// one tier, known aliases in global order without duplicates, every tier with dirs, absolute
// distinct dir paths, non-negative quotas, LRFU factors in range. INVALID_ARGUMENT otherwise.
Status ValidateBlockStoreOptions(const BlockStoreOptions& options);

// 0 for MEM, 1 for SSD, 2 for HDD; -1 for anything else.
int TierRank(std::string_view alias);

}  // namespace alluxio::worker
