#include "lib/common/coding.h"

namespace alluxio {

void PutVarint64(std::string* dst, uint64_t value) {
  char buf[kMaxVarint64Bytes];
  size_t n = 0;
  while (value >= 0x80) {
    buf[n++] = static_cast<char>((value & 0x7f) | 0x80);
    value >>= 7;
  }
  buf[n++] = static_cast<char>(value);
  dst->append(buf, n);
}

std::optional<uint64_t> GetVarint64(std::string_view* input) {
  uint64_t result = 0;
  for (size_t i = 0; i < kMaxVarint64Bytes && i < input->size(); ++i) {
    const auto byte = static_cast<uint8_t>((*input)[i]);
    // The tenth byte holds bit 63 only; anything more would overflow.
    if (i == kMaxVarint64Bytes - 1 && byte > 1) return std::nullopt;
    result |= static_cast<uint64_t>(byte & 0x7f) << (7 * i);
    if ((byte & 0x80) == 0) {
      if (i > 0 && byte == 0) return std::nullopt;  // a needless zero group: not minimal
      input->remove_prefix(i + 1);
      return result;
    }
  }
  return std::nullopt;
}

size_t VarintLength(uint64_t value) {
  size_t n = 1;
  while (value >= 0x80) {
    value >>= 7;
    ++n;
  }
  return n;
}

void PutVarsint64(std::string* dst, int64_t value) { PutVarint64(dst, ZigZagEncode64(value)); }

std::optional<int64_t> GetVarsint64(std::string_view* input) {
  std::optional<uint64_t> v = GetVarint64(input);
  if (!v) return std::nullopt;
  return ZigZagDecode64(*v);
}

void PutFixed64BigEndian(std::string* dst, uint64_t value) {
  char buf[8];
  for (int i = 7; i >= 0; --i) {
    buf[i] = static_cast<char>(value & 0xff);
    value >>= 8;
  }
  dst->append(buf, sizeof(buf));
}

uint64_t DecodeFixed64BigEndian(const char* p) {
  uint64_t value = 0;
  for (int i = 0; i < 8; ++i) value = (value << 8) | static_cast<uint8_t>(p[i]);
  return value;
}

std::optional<uint64_t> GetFixed64BigEndian(std::string_view* input) {
  if (input->size() < 8) return std::nullopt;
  uint64_t value = DecodeFixed64BigEndian(input->data());
  input->remove_prefix(8);
  return value;
}

void PutLengthPrefixed(std::string* dst, std::string_view bytes) {
  PutVarint64(dst, bytes.size());
  dst->append(bytes);
}

std::optional<std::string_view> GetLengthPrefixed(std::string_view* input) {
  std::string_view rest = *input;
  std::optional<uint64_t> len = GetVarint64(&rest);
  if (!len || *len > rest.size()) return std::nullopt;
  std::string_view bytes = rest.substr(0, *len);
  rest.remove_prefix(*len);
  *input = rest;
  return bytes;
}

}  // namespace alluxio
