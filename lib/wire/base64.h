// Base64 (RFC 4648 §4, standard alphabet, '=' padding), as Jackson writes Java byte[] values:
// the REST API's `xattr` map carries extended-attribute bytes this way.
//
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace alluxio::wire {

// Encodes `bytes` (any binary data) with padding and no line breaks.
std::string Base64Encode(std::string_view bytes);

// Decodes standard base64. Padding may be omitted ("YQ" == "YQ=="); whitespace, URL-safe
// characters, misplaced '=' and non-zero trailing bits are rejected. Returns nullopt on any
// invalid input.
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace alluxio::wire
