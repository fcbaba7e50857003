// Byte-level encoding helpers for compact binary records (the metastore's inode format, its
// keys). Little pieces in the style of leveldb's util/coding.h:
//   varint64      unsigned LEB128: 7 bits per byte, low groups first, 1 to 10 bytes
//   zigzag        maps signed to unsigned so small magnitudes stay short (0,-1,1,-2 -> 0,1,2,3)
//   fixed64 BE    8 bytes, most significant first, so byte order equals numeric order
//   length-prefixed   a varint64 length, then that many bytes
//
// Put* functions append to `dst`. Get* functions parse from the front of `*input` and, on
// success, advance it past what they consumed; on malformed or truncated input they return
// nullopt and leave `*input` unchanged. They never read outside `*input`.
//
// Stateless free functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace alluxio {

// The longest varint64 encoding.
inline constexpr size_t kMaxVarint64Bytes = 10;

void PutVarint64(std::string* dst, uint64_t value);
// nullopt on truncation, an encoding overflowing 64 bits, or one that is not the shortest
// (so every value has exactly one accepted encoding).
std::optional<uint64_t> GetVarint64(std::string_view* input);
// Bytes PutVarint64 would append for `value`.
size_t VarintLength(uint64_t value);

inline constexpr uint64_t ZigZagEncode64(int64_t value) {
  return (static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63);
}
inline constexpr int64_t ZigZagDecode64(uint64_t value) {
  return static_cast<int64_t>((value >> 1) ^ (~(value & 1) + 1));
}

// A zigzag varint.
void PutVarsint64(std::string* dst, int64_t value);
std::optional<int64_t> GetVarsint64(std::string_view* input);

void PutFixed64BigEndian(std::string* dst, uint64_t value);
// nullopt when fewer than 8 bytes remain.
std::optional<uint64_t> GetFixed64BigEndian(std::string_view* input);
// Reads 8 bytes at `p`. Precondition: 8 readable bytes.
uint64_t DecodeFixed64BigEndian(const char* p);

void PutLengthPrefixed(std::string* dst, std::string_view bytes);
// The bytes, as a view into the original input. nullopt when the length is malformed or
// exceeds what remains.
std::optional<std::string_view> GetLengthPrefixed(std::string_view* input);

}  // namespace alluxio
