// HttpServer: an HTTP/1.1 server on Boost.Beast/Asio that dispatches requests to a Router.
//
// Model: a pool of threads runs one io_context; every connection is a stackful coroutine on its
// own strand, so a handler is plain synchronous code. Handlers may block briefly (disk, RocksDB,
// a call to another server); a blocked handler holds one pool thread, so size `threads` for the
// expected number of concurrently blocking calls. Streaming reads/writes inside a handler
// suspend the coroutine instead of blocking the thread. A handler must not hold a std::mutex
// across a BodyReader/BodyWriter call (the coroutine may resume on another thread).
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
  // Threads running connections; 0 = max(16, 4 x hardware threads): handlers block on disk,
  // RocksDB syncs (concurrent writers share one sync only if they run at once) and UFS calls.
  int threads = 0;
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
