// Router: maps (method, path pattern) to handlers that know nothing of sockets.
//
// Pattern syntax, matched segment by segment against the request path split on '/':
//   literal        matches itself exactly (compared before percent-decoding)
//   {name}         matches exactly one segment (possibly empty); the decoded segment is the
//                  parameter
//   {name*}        matches zero or more segments, empty ones included; the parameter is the
//                  decoded segments joined with '/', so "/api/v1/paths/{path*}/get-status"
//                  captures "/a/b" from "/api/v1/paths//a/b/get-status" (Alluxio's python
//                  client's double slash) and "/" from "/api/v1/paths///get-status"
// Method "*" matches any method; a HEAD request with no HEAD route is routed like GET. Routes
// are tried in registration order; the first match wins.
// If a path matches only under other methods, Find reports kMethodNotAllowed and the allowed
// methods, so the server can answer 405 with an Allow header.
//
// Add() is not thread-safe; Find() is, once routes are registered (the server freezes the
// router before it starts).
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "lib/net/http_message.h"

namespace alluxio::net {

using Handler = std::function<void(HttpRequest&, HttpResponse&)>;
// A handler's non-blocking attempt: fills the response and returns true, or returns false
// (leaving the response untouched) when answering would block.
using FastPath = std::function<bool(HttpRequest&, HttpResponse&)>;

struct RouteOptions {
  // When true, the handler reads the request body itself from HttpRequest::body_stream (no
  // body size limit applies); otherwise the server buffers it into HttpRequest::body, up to
  // the server's max body size (413 beyond).
  bool stream_request_body = false;
  // Where the handler runs. By default on the server's handler pool, where it may block (disk,
  // locks held by writers, RocksDB syncs, calls to other servers). A `nonblocking` handler
  // (and its response stream callback) runs on the connection's event-loop thread, which saves
  // two thread hand-offs per request: it must only touch memory, the page cache and locks that
  // are never held across blocking work.
  bool nonblocking = false;
  // Tried on the event loop first (same rules as `nonblocking`); when it returns false the
  // handler runs on the pool. For answers that are usually in memory (a cached status).
  FastPath fast_path;
};

class Router {
 public:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;  // pattern split on '/'
    Handler handler;
    RouteOptions options;
  };

  enum class MatchKind { kFound, kMethodNotAllowed, kNotFound };

  struct Match {
    MatchKind kind = MatchKind::kNotFound;
    const Route* route = nullptr;               // kFound
    std::map<std::string, std::string> params;  // kFound
    std::vector<std::string> allowed_methods;   // kMethodNotAllowed
  };

  // `pattern` must start with '/'. At most one {name*} per pattern.
  void Add(std::string method, std::string pattern, Handler handler, RouteOptions options = {});

  // Handler for requests no route matches (default: 404 with a JSON error body).
  void SetNotFound(Handler handler) { not_found_ = std::move(handler); }
  const Handler& not_found() const { return not_found_; }

  // `path` is the request path, still percent-encoded.
  Match Find(std::string_view method, std::string_view path) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
  Handler not_found_;
};

}  // namespace alluxio::net
