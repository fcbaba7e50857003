// Alluxio paths: absolute, '/'-separated, no empty, "." or ".." components after
// normalisation. Every path that enters the master goes through NormalizePath first, so
// nothing downstream (the inode tree, the mount table, a UFS) ever sees "..", "//" or a
// trailing slash.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "lib/common/result.h"

namespace alluxio {

inline constexpr size_t kMaxPathComponentBytes = 255;
inline constexpr size_t kMaxPathBytes = 4096;

// Accepts "/a//b/./c/../d/" -> "/a/b/d"; also "alluxio://host:port/a/b" -> "/a/b" (the
// authority is dropped; use ParseAlluxioUri to keep it). INVALID_ARGUMENT for a relative or
// empty path, ".." above the root, a component over 255 bytes, a path over 4096 bytes, or a NUL
// byte, with a message naming the path and the problem.
Result<std::string> NormalizePath(std::string_view path);

// The components of a normalised path: "/" -> {}, "/a/b" -> {"a","b"}.
std::vector<std::string> PathComponents(std::string_view normalized);

// "/a/b" -> "/a"; "/a" -> "/"; "/" -> "/".
std::string ParentPath(std::string_view normalized);
// "/a/b" -> "b"; "/" -> "".
std::string BaseName(std::string_view normalized);
// JoinPath("/a", "b") -> "/a/b"; JoinPath("/", "b") -> "/b". `name` is one component.
std::string JoinPath(std::string_view parent, std::string_view name);
// True when `path` is `ancestor` or below it ("/a" is an ancestor of "/a/b", not of "/ab").
bool IsAncestorOrSelf(std::string_view ancestor, std::string_view path);

struct AlluxioUri {
  std::string authority;  // "host:port", empty when the URI had none
  std::string path;       // normalised
};
// Accepts "/p", "alluxio:///p" and "alluxio://host:port/p". Other schemes are INVALID_ARGUMENT.
Result<AlluxioUri> ParseAlluxioUri(std::string_view uri);

// Shell-style glob match of one path component: '*' any run of characters, '?' one character,
// '[abc]' / '[a-z]' / '[!a]' a character class, '\' escapes.
bool GlobMatch(std::string_view pattern, std::string_view name);
// True when `text` contains glob metacharacters (*, ?, [).
bool HasGlob(std::string_view text);

}  // namespace alluxio
