// HttpClient: a blocking HTTP/1.1 client with a keep-alive connection pool per host:port.
//
// Every call blocks the calling thread until the response headers (Open) or the whole
// response (Send) arrive, or a timeout passes. Connections are reused when the server keeps
// them alive and the previous response was read to its end.
//
// Retries: a request is retried (up to `max_retries` times, with a short back-off) when the
// connection fails before any response byte arrives and either the method is idempotent (GET,
// HEAD, PUT, DELETE, OPTIONS) or the failure was on a reused pooled connection (the server had
// closed it while idle). Streamed request bodies are never retried. HTTP error statuses are
// returned as responses, never retried.
//
// TLS: a request with `tls` set goes over HTTPS (OpenSSL through Boost.Asio): the server's
// certificate is verified against the system's trusted CAs (or `tls_ca_file`) and its host name,
// with SNI. TLS and plain connections to one host:port are pooled separately.
//
// Errors: UNAVAILABLE when the server cannot be reached or drops the connection (message names
// host:port), or the TLS handshake fails (certificate not trusted, wrong host name),
// DEADLINE_EXCEEDED when it goes silent for longer than the timeout, INVALID_ARGUMENT for a
// malformed response. Thread-safe; one client may serve many threads.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "lib/common/result.h"
#include "lib/net/http_message.h"

namespace alluxio::net {

struct HttpClientOptions {
  int64_t connect_timeout_ms = 5'000;
  // Longest silence allowed while sending or receiving.
  int64_t io_timeout_ms = 30'000;
  // Idle connections kept per host:port.
  size_t max_idle_per_host = 32;
  int max_retries = 2;
  std::string user_agent = "alluxio-cpp";
  // TLS: a PEM file of CAs to trust instead of the system's (empty: the system's), and whether
  // to verify the server's certificate and host name at all (only tests should turn it off).
  std::string tls_ca_file;
  bool tls_verify = true;
};

struct ClientRequest {
  std::string method = "GET";
  std::string target = "/";  // path and query, already encoded
  Headers headers;
  std::string body;
  // When set, the body is pulled from here instead of `body` (returns 0 at the end); sent with
  // `content_length` if known, else chunked.
  std::function<Result<size_t>(char*, size_t)> body_source;
  std::optional<uint64_t> content_length;
  // Overrides HttpClientOptions::io_timeout_ms for this request when > 0.
  int64_t timeout_ms = 0;
  // Send over TLS (https).
  bool tls = false;
};

struct ClientResponse {
  int status = 0;
  Headers headers;
  std::string body;
};

// A response whose body is read incrementally. Destroying it before the body ends closes the
// connection instead of returning it to the pool.
class ResponseStream : public BodyReader {
 public:
  virtual int status() const = 0;
  virtual const Headers& headers() const = 0;
  // Announced body length, if any.
  virtual std::optional<uint64_t> content_length() const = 0;
};

class HttpClient {
 public:
  explicit HttpClient(HttpClientOptions options = {});
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends `request` and reads the whole response (bodies up to `max_body` bytes; larger ones
  // fail with RESOURCE_EXHAUSTED).
  Result<ClientResponse> Send(const std::string& host, int port, const ClientRequest& request,
                              size_t max_body = 256 * 1024 * 1024);

  // Sends `request` and returns once the response headers are in; read the body from the stream.
  Result<std::unique_ptr<ResponseStream>> Open(const std::string& host, int port,
                                               const ClientRequest& request);

  // Number of idle pooled connections to host:port (plain, or TLS with `tls`), for tests and
  // metrics.
  size_t IdleConnections(const std::string& host, int port, bool tls = false) const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace alluxio::net
