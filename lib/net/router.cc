#include "lib/net/router.h"

#include <algorithm>

#include "lib/common/check.h"
#include "lib/common/strings.h"

namespace alluxio::net {
namespace {

bool IsParam(const std::string& seg) {
  return seg.size() >= 2 && seg.front() == '{' && seg.back() == '}';
}
bool IsWildcard(const std::string& seg) { return IsParam(seg) && seg[seg.size() - 2] == '*'; }
std::string ParamName(const std::string& seg) {
  return seg.substr(1, seg.size() - (IsWildcard(seg) ? 3 : 2));
}

// Matches pattern segments [pi..) against path segments [si..). Backtracks over the wildcard's
// length; with one wildcard this is at most O(segments^2), and paths are short.
bool MatchFrom(const std::vector<std::string>& pat, size_t pi, const std::vector<std::string>& path,
               size_t si, std::map<std::string, std::string>* params) {
  if (pi == pat.size()) return si == path.size();
  const std::string& seg = pat[pi];
  if (IsWildcard(seg)) {
    size_t rest = pat.size() - pi - 1;
    if (path.size() < si + rest) return false;
    // The wildcard takes as many segments as possible while the rest still matches.
    for (size_t take = path.size() - si - rest + 1; take-- > 0;) {
      if (MatchFrom(pat, pi + 1, path, si + take, params)) {
        std::string joined;
        for (size_t k = si; k < si + take; ++k) {
          joined += '/';
          joined += PercentDecode(path[k]);
        }
        if (joined.empty() || joined == "/") {
          joined = "/";
        } else if (joined.size() > 1 && joined[0] == '/' && joined[1] == '/') {
          // "//a/b": the leading empty segment was the client's extra slash.
          joined.erase(0, 1);
        }
        (*params)[ParamName(seg)] = std::move(joined);
        return true;
      }
    }
    return false;
  }
  if (si >= path.size()) return false;
  if (IsParam(seg)) {
    if (!MatchFrom(pat, pi + 1, path, si + 1, params)) return false;
    (*params)[ParamName(seg)] = PercentDecode(path[si]);
    return true;
  }
  return seg == path[si] && MatchFrom(pat, pi + 1, path, si + 1, params);
}

std::vector<std::string> SplitPath(std::string_view path) {
  // "/a/b" -> {"a","b"}; "/" -> {""}; "//a" -> {"","a"}.
  if (!path.empty() && path[0] == '/') path.remove_prefix(1);
  return Split(path, '/');
}

}  // namespace

void Router::Add(std::string method, std::string pattern, Handler handler, RouteOptions options) {
  ALLUXIO_CHECK(!pattern.empty() && pattern[0] == '/');
  Route r;
  r.method = std::move(method);
  r.segments = SplitPath(pattern);
  ALLUXIO_CHECK(std::count_if(r.segments.begin(), r.segments.end(), IsWildcard) <= 1);
  r.pattern = std::move(pattern);
  r.handler = std::move(handler);
  r.options = options;
  routes_.push_back(std::move(r));
}

Router::Match Router::Find(std::string_view method, std::string_view path) const {
  Match m;
  std::vector<std::string> segs = SplitPath(path);
  for (const Route& r : routes_) {
    std::map<std::string, std::string> params;
    if (!MatchFrom(r.segments, 0, segs, 0, &params)) continue;
    if (r.method == "*" || r.method == method) {
      m.kind = MatchKind::kFound;
      m.route = &r;
      m.params = std::move(params);
      m.allowed_methods.clear();
      return m;
    }
    if (std::find(m.allowed_methods.begin(), m.allowed_methods.end(), r.method) ==
        m.allowed_methods.end()) {
      m.allowed_methods.push_back(r.method);
    }
  }
  if (method == "HEAD") {
    // HEAD is GET without the body (the server drops it); answer it wherever GET is routed.
    Match get = Find("GET", path);
    if (get.kind == MatchKind::kFound) return get;
  }
  m.kind = m.allowed_methods.empty() ? MatchKind::kNotFound : MatchKind::kMethodNotAllowed;
  return m;
}

}  // namespace alluxio::net
