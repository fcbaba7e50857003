// A minimal server on lib/net for benchmarks: GET /4k (on the event loop) and /4k-pooled (on the
// handler pool) return 4 KiB from memory, the payload nginx serves as a static file in
// bench/http_bench.sh.
// Usage: http_bench_server PORT [POOL_THREADS]
#include <cstdlib>
#include <iostream>
#include <string>

#include "lib/common/logging.h"
#include "lib/common/signals.h"
#include "lib/net/http_server.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: http_bench_server PORT [THREADS]\n";
    return 1;
  }
  alluxio::ShutdownSignals signals;  // before any thread starts
  alluxio::Logger logger(alluxio::LogLevel::kWarn);
  alluxio::net::Router router;
  const std::string payload(4096, 'a');
  auto answer = [&payload](alluxio::net::HttpRequest&, alluxio::net::HttpResponse& res) {
    res.Set(200, "application/octet-stream", payload);
  };
  // /4k runs on the event loop (a nonblocking route), /4k-pooled on the handler pool, as
  // handlers that may block do.
  alluxio::net::RouteOptions inline_route;
  inline_route.nonblocking = true;
  router.Add("GET", "/4k", answer, inline_route);
  router.Add("GET", "/4k-pooled", answer);
  alluxio::net::HttpServerOptions options;
  options.bind_host = "127.0.0.1";
  options.port = std::atoi(argv[1]);
  options.threads = argc > 2 ? std::atoi(argv[2]) : 0;
  options.name = "bench";
  alluxio::net::HttpServer server(options, std::move(router), &logger);
  alluxio::Status st = server.Start();
  if (!st.ok()) {
    std::cerr << st.ToString() << "\n";
    return 1;
  }
  std::cout << "listening on " << server.port() << std::endl;
  signals.Wait();
  server.Stop();
  return 0;
}
