// Alluxio's block ids: a file id is (container id << 24) | 0xFFFFFF and block i of that file is
// (container id << 24) | i, so the file of any block is known without asking the master.
#pragma once

#include <cstdint>

namespace alluxio::wire {

inline constexpr int kBlockSequenceBits = 24;
inline constexpr int64_t kMaxBlockSequence = (int64_t{1} << kBlockSequenceBits) - 1;

inline int64_t FileIdOfContainer(int64_t container_id) {
  return (container_id << kBlockSequenceBits) | kMaxBlockSequence;
}
inline int64_t ContainerIdOf(int64_t id) { return id >> kBlockSequenceBits; }
inline int64_t BlockIdOf(int64_t file_id, int64_t index) {
  return (ContainerIdOf(file_id) << kBlockSequenceBits) | index;
}
inline int64_t FileIdOfBlock(int64_t block_id) { return block_id | kMaxBlockSequence; }
inline int64_t BlockIndexOf(int64_t block_id) { return block_id & kMaxBlockSequence; }

}  // namespace alluxio::wire
