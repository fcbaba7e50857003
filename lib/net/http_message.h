// HTTP messages as handlers and clients see them: no sockets, no Boost types.
//
// A handler receives an HttpRequest and fills an HttpResponse. A request body is either
// buffered in `body` or, for routes that ask for it, pulled from `body_stream`. A response body
// is one of: the `body` string; a file region sent with sendfile (`file`); or a `stream`
// callback that pushes chunks after the headers are sent.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lib/common/result.h"
#include "lib/common/unique_fd.h"

namespace alluxio::net {

// Header fields in arrival order; names compare case-insensitively.
class Headers {
 public:
  using Field = std::pair<std::string, std::string>;

  // Replaces every field named `name` with one field.
  void Set(std::string_view name, std::string value);
  // Appends a field (a repeated header).
  void Add(std::string name, std::string value);
  void Remove(std::string_view name);
  // First value of `name`, or null.
  const std::string* Find(std::string_view name) const;
  std::string Get(std::string_view name, std::string_view fallback = {}) const;
  bool Has(std::string_view name) const { return Find(name) != nullptr; }

  std::vector<Field>::const_iterator begin() const { return fields_.begin(); }
  std::vector<Field>::const_iterator end() const { return fields_.end(); }
  size_t size() const { return fields_.size(); }

 private:
  std::vector<Field> fields_;
};

// Pulls a request body (server side) or a response body (client side) in pieces.
class BodyReader {
 public:
  virtual ~BodyReader() = default;
  // Reads up to `n` bytes into `buf`; returns 0 at the end of the body. Errors:
  // DEADLINE_EXCEEDED when the peer goes silent past the idle timeout, UNAVAILABLE when the
  // connection breaks, INVALID_ARGUMENT for a malformed body (bad chunking).
  virtual Result<size_t> Read(char* buf, size_t n) = 0;
};

// Reads everything left in `reader` into a string, failing with RESOURCE_EXHAUSTED past
// `limit` bytes.
Result<std::string> ReadAll(BodyReader& reader, size_t limit);

// Pushes a response body (server side) after the headers went out.
class BodyWriter {
 public:
  virtual ~BodyWriter() = default;
  // Sends `data` to the peer. UNAVAILABLE / DEADLINE_EXCEEDED when the peer is gone or stalls.
  virtual Status Write(std::string_view data) = 0;
};

struct HttpRequest {
  std::string method;  // upper case, e.g. "GET"
  std::string target;  // as received: path plus optional "?query"
  std::string path;    // the target's path, still percent-encoded
  std::string query;   // the target's query without '?', still percent-encoded
  Headers headers;
  std::optional<uint64_t> content_length;     // absent for chunked or bodiless requests
  std::string body;                           // buffered routes
  BodyReader* body_stream = nullptr;          // streaming routes only; owned by the server
  std::map<std::string, std::string> params;  // route parameters, percent-decoded
  std::string remote_address;                 // "ip:port" of the peer
  std::string local_address;                  // "ip:port" this connection reached
  // True when the peer runs on this host: both ends of the connection have one IP address.
  bool FromSameHost() const;

  // Decoded value of the first query parameter `name` (form decoding: '+' is a space, as
  // python-requests and S3 SDKs encode it); nullopt if absent. "?flag" has the empty value.
  std::optional<std::string> Query(std::string_view name) const;
  bool HasQuery(std::string_view name) const { return Query(name).has_value(); }
  // All parameters in order, decoded.
  std::vector<std::pair<std::string, std::string>> QueryParams() const;
};

// A byte range of an open file, sent with sendfile(2).
struct FileBody {
  UniqueFd fd;
  int64_t offset = 0;
  int64_t length = 0;
  // Released after the last byte is sent: lets a handler hold a lock or pin (e.g. a block
  // that must not be evicted while it is read).
  std::shared_ptr<void> hold;
};

struct HttpResponse {
  int status = 200;
  Headers headers;
  // At most one of the body forms is used; `file` wins over `files` over `stream` over `body`.
  std::string body;
  std::optional<FileBody> file;
  // Several file regions sent one after another with sendfile(2) (an object made of blocks);
  // Content-Length is their total.
  std::vector<FileBody> files;
  // Called after the headers are sent. Sent chunked unless the handler set Content-Length,
  // in which case the callback must write exactly that many bytes. A non-OK return closes the
  // connection (the peer sees a truncated body).
  std::function<Status(BodyWriter&)> stream;
  // When false, the connection closes after this response.
  bool keep_alive = true;
  // Set by a handler whose answer must wait for work another thread finishes later (its group
  // commit's fsync) without holding a thread meanwhile: once the handler returns, the server
  // calls defer(done) and sends the response when `done` is called: exactly once, from any
  // thread. A non-OK status replaces the response with the JSON error. Not with `stream`.
  std::function<void(std::function<void(Status)> done)> defer;

  // Sets status, Content-Type and body in one call.
  void Set(int code, std::string content_type, std::string content);
};

// Percent-decoding; '+' is kept as '+' (path semantics) unless `plus_as_space`. Invalid escapes
// are kept literally.
std::string PercentDecode(std::string_view text, bool plus_as_space = false);
// Percent-encodes everything but unreserved characters (A-Z a-z 0-9 - _ . ~) and those in
// `keep` (e.g. "/" for paths).
std::string PercentEncode(std::string_view text, std::string_view keep = {});

// The reason phrase of an HTTP status ("Not Found").
std::string_view ReasonPhrase(int status);

}  // namespace alluxio::net
