#include "lib/common/path.h"

#include "lib/common/strings.h"

namespace alluxio {

Result<std::string> NormalizePath(std::string_view path) {
  std::string_view p = path;
  if (StartsWith(p, "alluxio://")) {
    p.remove_prefix(10);
    size_t slash = p.find('/');
    p = slash == std::string_view::npos ? std::string_view("/") : p.substr(slash);
  }
  if (p.empty())
    return Status::InvalidArgument("Path is empty; use an absolute path such as /data");
  if (p[0] != '/') {
    return Status::InvalidArgument("Path \"" + std::string(path) +
                                   "\" is invalid: it must be absolute (start with /)");
  }
  if (p.size() > kMaxPathBytes) {
    return Status::InvalidArgument("Path is " + std::to_string(p.size()) +
                                   " bytes long; the limit is " + std::to_string(kMaxPathBytes));
  }
  if (p.find('\0') != std::string_view::npos) {
    return Status::InvalidArgument("Path contains a NUL byte");
  }
  std::vector<std::string_view> parts;
  size_t start = 1;
  while (start <= p.size()) {
    size_t end = p.find('/', start);
    if (end == std::string_view::npos) end = p.size();
    std::string_view c = p.substr(start, end - start);
    start = end + 1;
    if (c.empty() || c == ".") continue;
    if (c == "..") {
      if (parts.empty()) {
        return Status::InvalidArgument("Path \"" + std::string(path) +
                                       "\" is invalid: \"..\" goes above the root");
      }
      parts.pop_back();
      continue;
    }
    if (c.size() > kMaxPathComponentBytes) {
      return Status::InvalidArgument("Path \"" + std::string(path.substr(0, 300)) +
                                     "\" is invalid: component of " + std::to_string(c.size()) +
                                     " bytes exceeds the limit of " +
                                     std::to_string(kMaxPathComponentBytes));
    }
    parts.push_back(c);
  }
  std::string out;
  for (std::string_view c : parts) {
    out += '/';
    out += c;
  }
  if (out.empty()) out = "/";
  return out;
}

std::vector<std::string> PathComponents(std::string_view normalized) {
  if (normalized.size() <= 1) return {};
  return Split(normalized.substr(1), '/');
}

std::string ParentPath(std::string_view normalized) {
  size_t slash = normalized.rfind('/');
  if (slash == 0 || slash == std::string_view::npos) return "/";
  return std::string(normalized.substr(0, slash));
}

std::string BaseName(std::string_view normalized) {
  size_t slash = normalized.rfind('/');
  if (slash == std::string_view::npos) return std::string(normalized);
  return std::string(normalized.substr(slash + 1));
}

std::string JoinPath(std::string_view parent, std::string_view name) {
  std::string out(parent);
  if (out.empty() || out.back() != '/') out += '/';
  out += name;
  return out;
}

bool IsAncestorOrSelf(std::string_view ancestor, std::string_view path) {
  if (ancestor == "/") return true;
  if (!StartsWith(path, ancestor)) return false;
  return path.size() == ancestor.size() || path[ancestor.size()] == '/';
}

Result<AlluxioUri> ParseAlluxioUri(std::string_view uri) {
  AlluxioUri out;
  std::string_view rest = uri;
  size_t scheme_end = uri.find("://");
  if (scheme_end != std::string_view::npos) {
    std::string_view scheme = uri.substr(0, scheme_end);
    if (!EqualsIgnoreCase(scheme, "alluxio")) {
      return Status::InvalidArgument("\"" + std::string(uri) +
                                     "\" is not an Alluxio path: expected /path or "
                                     "alluxio://host:port/path");
    }
    rest = uri.substr(scheme_end + 3);
    size_t slash = rest.find('/');
    out.authority = std::string(rest.substr(0, slash));
    rest = slash == std::string_view::npos ? std::string_view("/") : rest.substr(slash);
  }
  ASSIGN_OR_RETURN(out.path, NormalizePath(rest));
  return out;
}

namespace {
bool MatchClass(std::string_view pattern, size_t& pi, char c) {
  // pattern[pi] == '['; on return pi points after ']'.
  size_t i = pi + 1;
  bool negate = i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^');
  if (negate) ++i;
  bool matched = false;
  bool first = true;
  while (i < pattern.size() && (first || pattern[i] != ']')) {
    first = false;
    char lo = pattern[i];
    if (i + 2 < pattern.size() && pattern[i + 1] == '-' && pattern[i + 2] != ']') {
      char hi = pattern[i + 2];
      if (c >= lo && c <= hi) matched = true;
      i += 3;
    } else {
      if (c == lo) matched = true;
      ++i;
    }
  }
  pi = i < pattern.size() ? i + 1 : i;
  return matched != negate;
}
}  // namespace

bool GlobMatch(std::string_view pattern, std::string_view name) {
  size_t pi = 0, ni = 0;
  size_t star_p = std::string_view::npos, star_n = 0;
  while (ni < name.size()) {
    if (pi < pattern.size()) {
      char pc = pattern[pi];
      if (pc == '*') {
        star_p = pi++;
        star_n = ni;
        continue;
      }
      if (pc == '?') {
        ++pi;
        ++ni;
        continue;
      }
      if (pc == '[' && pattern.find(']', pi + 2) != std::string_view::npos) {
        size_t save = pi;
        if (MatchClass(pattern, pi, name[ni])) {
          ++ni;
          continue;
        }
        pi = save;
      } else {
        if (pc == '\\' && pi + 1 < pattern.size()) pc = pattern[++pi];
        if (pc == name[ni]) {
          ++pi;
          ++ni;
          continue;
        }
      }
    }
    if (star_p == std::string_view::npos) return false;
    pi = star_p + 1;
    ni = ++star_n;
  }
  while (pi < pattern.size() && pattern[pi] == '*') ++pi;
  return pi == pattern.size();
}

bool HasGlob(std::string_view text) { return text.find_first_of("*?[") != std::string_view::npos; }

}  // namespace alluxio
