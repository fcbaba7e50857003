#include "lib/client/block_regions.h"

#include <catch2/catch.hpp>

namespace alluxio::client {
namespace {

// A file of blocks of the given lengths, laid out back to back.
wire::FileInfo FileOf(std::vector<int64_t> lengths) {
  wire::FileInfo info;
  int64_t offset = 0;
  int64_t id = 100;
  for (int64_t len : lengths) {
    wire::FileBlockInfo b;
    b.offset = offset;
    b.block_info.block_id = id++;
    b.block_info.length = len;
    info.file_block_infos.push_back(b);
    offset += len;
  }
  info.length = offset;
  return info;
}

// Regions as (block id, offset, length), the opener recording the block id in `hold`.
std::vector<std::tuple<int64_t, int64_t, int64_t>> Cut(const wire::FileInfo& info, int64_t first,
                                                       int64_t length, int64_t decline = -1) {
  auto regions = BlockRegions(
      info, first, length, [&](const wire::FileBlockInfo& b) -> std::optional<net::FileBody> {
        if (b.block_info.block_id == decline) return std::nullopt;
        return net::FileBody{UniqueFd(), 0, 0, std::make_shared<int64_t>(b.block_info.block_id)};
      });
  REQUIRE(regions);
  std::vector<std::tuple<int64_t, int64_t, int64_t>> out;
  for (const auto& r : *regions) {
    out.emplace_back(*std::static_pointer_cast<int64_t>(r.hold), r.offset, r.length);
  }
  return out;
}

}  // namespace

TEST_CASE("BlockRegions cuts a range into per-block file regions", "[client]") {
  wire::FileInfo f = FileOf({10, 10, 5});
  using R = std::vector<std::tuple<int64_t, int64_t, int64_t>>;
  CHECK(Cut(f, 0, 25) == R{{100, 0, 10}, {101, 0, 10}, {102, 0, 5}});
  CHECK(Cut(f, 7, 6) == R{{100, 7, 3}, {101, 0, 3}});
  CHECK(Cut(f, 20, 5) == R{{102, 0, 5}});

  auto none = [](const wire::FileBlockInfo&) -> std::optional<net::FileBody> {
    return std::nullopt;
  };
  CHECK_FALSE(BlockRegions(f, 0, 25, none));  // a block that cannot be opened
  auto any = [](const wire::FileBlockInfo&) -> std::optional<net::FileBody> {
    return net::FileBody{};
  };
  CHECK_FALSE(BlockRegions(f, 0, 26, any));  // past the last block
  wire::FileInfo gap = f;
  gap.file_block_infos.erase(gap.file_block_infos.begin() + 1);
  CHECK_FALSE(BlockRegions(gap, 0, 25, any));  // a missing block in the middle
  CHECK(BlockRegions(gap, 0, 10, any));        // ... not needed for this range
}

}  // namespace alluxio::client
