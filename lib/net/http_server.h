// HttpServer: an HTTP/1.1 server on Boost.Beast/Asio that dispatches requests to a Router.
//
// Model: `io_threads` event loops (one thread and one io_context each, by default one per core);
// each accepted connection is pinned to one loop and runs there as a stackful coroutine that
// reads requests, routes them and writes responses without any thread hand-off. Handlers are
// plain synchronous code and run on a separate handler pool (see `threads`), where they may
// block on disk, locks, RocksDB syncs or calls to other servers; the coroutine waits for them on
// its loop. A route marked `nonblocking`, or whose `fast_path` answers, runs on the loop itself
// and saves the two hand-offs (see RouteOptions). A pooled handler's BodyReader/BodyWriter calls
// hand each socket operation to the loop and wait for it. An answer may also wait, holding no
// thread, for work another thread finishes (HttpResponse::defer). File bodies that would make a
// loop wait for a disk are sent from the pool.
//
// Limits: a header block over max_header_bytes gets 431; a buffered body over max_body_bytes
// gets 413; a client silent for idle_timeout_ms in the middle of a request gets 408; an idle
// keep-alive connection is closed quietly. Every such response closes the connection.
//
// Stop() is graceful: it stops accepting, closes idle connections, lets in-flight requests
// finish until shutdown_timeout_ms, then closes what is left and joins the threads. Start, Stop
// and port are thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "lib/common/logging.h"
#include "lib/common/metrics.h"
#include "lib/common/status.h"
#include "lib/net/router.h"

namespace alluxio::net {

struct HttpServerOptions {
  // Address to bind; "0.0.0.0" for all interfaces.
  std::string bind_host = "0.0.0.0";
  // Port to bind; 0 picks a free port (read it back with port()).
  int port = 0;
  // Event-loop threads; 0 = one per hardware thread.
  int io_threads = 0;
  // Most handler-pool threads; 0 = max(256, 32 x hardware threads): handlers block on disk,
  // RocksDB syncs (concurrent writers share one sync only if they run at once), UFS calls and
  // slow clients of streamed bodies. max(4, 2 x hardware threads) start as soon as needed; more
  // only when a handler waited `pool_grow_after_ms` for a thread while none became free (the
  // running ones are blocked, not busy).
  int threads = 0;
  int64_t pool_grow_after_ms = 10;
  size_t max_header_bytes = 64 * 1024;
  size_t max_body_bytes = 64 * 1024 * 1024;
  int64_t idle_timeout_ms = 60'000;
  int64_t shutdown_timeout_ms = 10'000;
  // Value of the Server header.
  std::string server_name = "Alluxio";
  // Name used in log lines and metric names, e.g. "master".
  std::string name = "http";
};

class HttpServer {
 public:
  // `logger` and `metrics` (optional) must outlive the server. The router is frozen from here on.
  HttpServer(HttpServerOptions options, Router router, Logger* logger,
             MetricsRegistry* metrics = nullptr);
  ~HttpServer();  // Stop()
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and starts serving. UNAVAILABLE if the address cannot be bound (in use, no
  // permission), naming host and port. Call at most once.
  Status Start();
  // The bound port (after a successful Start), else 0.
  int port() const;
  // Graceful shutdown as described above. Idempotent.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace alluxio::net
