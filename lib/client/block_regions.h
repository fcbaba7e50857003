// BlockRegions: the file regions that hold a byte range of a file, one per block, for servers
// that send cached blocks with sendfile(2) (the worker's and the proxy's S3 GetObject).
// Stateless; thread-safe as far as `open_block` is.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "lib/net/http_message.h"
#include "lib/wire/fs_types.h"

namespace alluxio::client {

// Opens one block's whole file: the descriptor (and a hold to keep while it is sent), or nullopt
// when the block cannot be read from a local file.
using BlockFileOpener = std::function<std::optional<net::FileBody>(const wire::FileBlockInfo&)>;

// The regions holding bytes [first, first + length) of `info`, in order, each cut from the file
// `open_block` gives for its block; nullopt when the block list has a gap or does not reach the
// end of the range, or `open_block` declines a block.
std::optional<std::vector<net::FileBody>> BlockRegions(const wire::FileInfo& info, int64_t first,
                                                       int64_t length,
                                                       const BlockFileOpener& open_block);

}  // namespace alluxio::client
