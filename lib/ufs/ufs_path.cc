#include "lib/ufs/ufs_path.h"

#include "lib/common/logging.h"
#include "lib/common/strings.h"

namespace alluxio::ufs {
namespace {

// RFC 3986: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ).
bool IsScheme(std::string_view s) {
  if (s.empty()) return false;
  auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (!alpha(s[0])) return false;
  for (char c : s) {
    if (!alpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') return false;
  }
  return true;
}

}  // namespace

ParsedUri ParseUri(std::string_view uri) {
  ParsedUri out;
  size_t colon = uri.find(':');
  size_t slash = uri.find('/');
  if (colon == std::string_view::npos || (slash != std::string_view::npos && slash < colon) ||
      !IsScheme(uri.substr(0, colon))) {
    out.path = std::string(uri);
    return out;
  }
  out.scheme = ToLower(uri.substr(0, colon));
  std::string_view rest = uri.substr(colon + 1);
  if (StartsWith(rest, "//")) {
    rest.remove_prefix(2);
    size_t end = rest.find('/');
    if (end == std::string_view::npos) end = rest.size();
    out.has_authority = true;
    out.authority = std::string(rest.substr(0, end));
    rest.remove_prefix(end);
  }
  out.path = std::string(rest);
  return out;
}

Result<std::vector<std::string>> SplitAbsolutePath(std::string_view path, std::string_view uri) {
  if (path.find('\0') != std::string_view::npos) {
    return Status::InvalidArgument(StrCat("path contains a NUL byte: ", uri));
  }
  if (!StartsWith(path, "/")) {
    return Status::InvalidArgument(StrCat("path is not absolute: ", uri));
  }
  std::vector<std::string> parts;
  for (std::string& part : Split(path, '/')) {
    if (part.empty()) continue;
    if (part == "." || part == "..") {
      return Status::InvalidArgument(
          StrCat("path has a '", part, "' component: ", uri, " (paths must be normalised)"));
    }
    parts.push_back(std::move(part));
  }
  return parts;
}

}  // namespace alluxio::ufs
