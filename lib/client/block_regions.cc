#include "lib/client/block_regions.h"

#include <algorithm>

namespace alluxio::client {

std::optional<std::vector<net::FileBody>> BlockRegions(const wire::FileInfo& info, int64_t first,
                                                       int64_t length,
                                                       const BlockFileOpener& open_block) {
  std::vector<net::FileBody> out;
  const int64_t end = first + length;
  int64_t pos = first;
  for (const wire::FileBlockInfo& b : info.file_block_infos) {
    const int64_t block_end = b.offset + b.block_info.length;
    if (block_end <= pos || b.offset >= end) continue;
    if (b.offset > pos) return std::nullopt;  // a gap in the block list
    std::optional<net::FileBody> file = open_block(b);
    if (!file) return std::nullopt;
    const int64_t to = std::min(end, block_end);
    file->offset = pos - b.offset;
    file->length = to - pos;
    out.push_back(std::move(*file));
    pos = to;
  }
  if (pos != end) return std::nullopt;
  return out;
}

}  // namespace alluxio::client
