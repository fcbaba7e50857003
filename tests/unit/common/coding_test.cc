#include "lib/common/coding.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace alluxio {
namespace {

std::string Varint(uint64_t v) {
  std::string s;
  PutVarint64(&s, v);
  return s;
}

}  // namespace

TEST_CASE("varints round-trip at every length boundary with the expected size",
          "[common][metastore]") {
  const std::vector<std::pair<uint64_t, size_t>> cases = {
      {0, 1},
      {1, 1},
      {127, 1},
      {128, 2},
      {16383, 2},
      {16384, 3},
      {(uint64_t{1} << 35) - 1, 5},
      {uint64_t{1} << 56, 9},
      {uint64_t{1} << 63, 10},
      {std::numeric_limits<uint64_t>::max(), 10},
  };
  std::string all;
  for (const auto& [value, size] : cases) {
    std::string one = Varint(value);
    CHECK(one.size() == size);
    CHECK(VarintLength(value) == size);
    all += one;
  }
  std::string_view in = all;
  for (const auto& [value, size] : cases) {
    std::optional<uint64_t> got = GetVarint64(&in);
    REQUIRE(got.has_value());
    CHECK(*got == value);
  }
  CHECK(in.empty());
  CHECK(Varint(300) == "\xac\x02");  // LEB128, low group first
}

TEST_CASE("a truncated, overflowing or padded varint is rejected and leaves the input alone",
          "[common][metastore]") {
  std::string max = Varint(std::numeric_limits<uint64_t>::max());
  for (size_t n = 0; n < max.size(); ++n) {
    std::string_view in(max.data(), n);
    CHECK_FALSE(GetVarint64(&in).has_value());
    CHECK(in.size() == n);
  }
  // Ten bytes whose last carries more than bit 63.
  std::string overflow = std::string(9, '\xff') + "\x02";
  std::string_view in = overflow;
  CHECK_FALSE(GetVarint64(&in).has_value());
  CHECK(in.size() == 10);
  // Eleven bytes: longer than any 64-bit value.
  std::string eleven = std::string(10, '\x80') + std::string(1, '\0');
  in = eleven;
  CHECK_FALSE(GetVarint64(&in).has_value());
  // 5 spelled in two bytes: decodable in principle, but not the one accepted encoding.
  std::string padded("\x85\x00", 2);
  in = padded;
  CHECK_FALSE(GetVarint64(&in).has_value());
  CHECK(in.size() == 2);
}

TEST_CASE("zigzag keeps small magnitudes small and round-trips the extremes",
          "[common][metastore]") {
  CHECK(ZigZagEncode64(0) == 0);
  CHECK(ZigZagEncode64(-1) == 1);
  CHECK(ZigZagEncode64(1) == 2);
  CHECK(ZigZagEncode64(-2) == 3);
  for (int64_t v : {int64_t{0}, int64_t{-1}, int64_t{1}, int64_t{-64}, int64_t{63},
                    std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max()}) {
    CHECK(ZigZagDecode64(ZigZagEncode64(v)) == v);
    std::string s;
    PutVarsint64(&s, v);
    std::string_view in = s;
    CHECK(GetVarsint64(&in) == v);
    CHECK(in.empty());
  }
  std::string s;
  PutVarsint64(&s, -1);
  CHECK(s.size() == 1);
}

TEST_CASE("fixed64 big-endian puts the most significant byte first so bytes sort as numbers",
          "[common][metastore]") {
  std::string s;
  PutFixed64BigEndian(&s, 0x0102030405060708ULL);
  CHECK(s == std::string("\x01\x02\x03\x04\x05\x06\x07\x08", 8));
  CHECK(DecodeFixed64BigEndian(s.data()) == 0x0102030405060708ULL);

  const std::vector<uint64_t> ascending = {
      0, 1, 255, 256, 65535, uint64_t{1} << 32, std::numeric_limits<uint64_t>::max()};
  for (size_t i = 1; i < ascending.size(); ++i) {
    std::string a, b;
    PutFixed64BigEndian(&a, ascending[i - 1]);
    PutFixed64BigEndian(&b, ascending[i]);
    CHECK(a < b);
  }
  std::string_view in(s.data(), 7);
  CHECK_FALSE(GetFixed64BigEndian(&in).has_value());
  CHECK(in.size() == 7);
  in = s;
  CHECK(GetFixed64BigEndian(&in) == 0x0102030405060708ULL);
  CHECK(in.empty());
}

TEST_CASE("length-prefixed bytes round-trip and a length past the end is rejected",
          "[common][metastore]") {
  std::string s;
  PutLengthPrefixed(&s, "");
  PutLengthPrefixed(&s, std::string("a\0\xff", 3));
  PutLengthPrefixed(&s, std::string(200, 'x'));
  std::string_view in = s;
  CHECK(GetLengthPrefixed(&in) == std::string_view());
  CHECK(GetLengthPrefixed(&in) == std::string_view("a\0\xff", 3));
  CHECK(GetLengthPrefixed(&in) == std::string(200, 'x'));
  CHECK(in.empty());
  CHECK_FALSE(GetLengthPrefixed(&in).has_value());

  std::string bad = Varint(5) + "abcd";  // claims 5, holds 4
  in = bad;
  CHECK_FALSE(GetLengthPrefixed(&in).has_value());
  CHECK(in.size() == bad.size());
  std::string huge = Varint(std::numeric_limits<uint64_t>::max()) + "abc";
  in = huge;
  CHECK_FALSE(GetLengthPrefixed(&in).has_value());
}

}  // namespace alluxio
