// Internal to lib/ufs: splitting UFS URIs into scheme, authority and checked path components.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "lib/common/result.h"

namespace alluxio::ufs {

// "s3://bucket/a/b" -> {scheme "s3", has_authority, authority "bucket", path "/a/b"};
// "/a/b" -> {scheme "", no authority, path "/a/b"}; "file:/a" -> {"file", no authority, "/a"}.
struct ParsedUri {
  std::string scheme;  // lower case; empty when the URI has none
  bool has_authority = false;
  std::string authority;
  std::string path;  // what follows the scheme and authority, as written
};

// Never fails: text that does not look like "<scheme>:..." has an empty scheme and is all path.
ParsedUri ParseUri(std::string_view uri);

// Splits an absolute `path` into its components, skipping empty ones ("/a//b/" -> {"a","b"};
// "/" -> {}). INVALID_ARGUMENT naming `uri` for a path that is not absolute, or has a "." or
// ".." component or a NUL byte.
Result<std::vector<std::string>> SplitAbsolutePath(std::string_view path, std::string_view uri);

}  // namespace alluxio::ufs
