#include "lib/net/http_server.h"

#include <pthread.h>

#include <cerrno>
#include <csignal>

#include <sys/sendfile.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/spawn.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/context/protected_fixedsize_stack.hpp>
#include <chrono>
#include <condition_variable>
#include <ctime>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "lib/wire/error_body.h"

namespace alluxio::net {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

// File bodies up to this size are read and sent with the header in one write.
constexpr int64_t kInlineFileBytes = 64 * 1024;

// Appends every region of `files` to `out`; false (with `out` unchanged) when a read fails or
// comes up short, and the caller sends the regions with sendfile instead (which reports it).
bool ReadFilesInto(const std::vector<FileBody>& files, std::string* out) {
  std::string body;
  for (const FileBody& f : files) {
    size_t at = body.size();
    body.resize(at + static_cast<size_t>(f.length));
    int64_t done = 0;
    while (done < f.length) {
      ssize_t n = ::pread(f.fd.get(), body.data() + at + done, static_cast<size_t>(f.length - done),
                          f.offset + done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      done += n;
    }
  }
  *out = std::move(body);
  return true;
}
using Parser = http::request_parser<http::buffer_body>;

constexpr size_t kCoroutineStackBytes = 512 * 1024;
constexpr size_t kLingerBytes = 4 * 1024 * 1024;
constexpr size_t kBodyReadBufferBytes = 256 * 1024;

// A connection's socket, shared between its coroutine and Stop() (which closes idle ones).
// Every touch of `stream` happens on the connection's strand.
struct Connection {
  explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
  beast::tcp_stream stream;
  std::atomic<bool> idle{true};
};

std::string ErrorJson(StatusCode code, std::string message) {
  return wire::ErrorBodyJson(Status(code, std::move(message)));
}

// Runs one asynchronous read on `conn` with a deadline. Unlike tcp_stream's own expiry, which
// closes the socket, this only cancels the read, so the session can still answer 408.
template <typename Initiate>
beast::error_code ReadWithDeadline(const std::shared_ptr<Connection>& conn,
                                   std::chrono::milliseconds timeout, asio::yield_context& yield,
                                   Initiate&& initiate) {
  beast::error_code ec;
  conn->stream.expires_never();
  asio::steady_timer timer(conn->stream.get_executor(), timeout);
  // The timer's handler may run after this frame is gone, so it owns what it touches.
  auto expired = std::make_shared<bool>(false);
  timer.async_wait([expired, conn](const beast::error_code& e) {
    if (!e) {
      *expired = true;
      beast::error_code ignored;
      conn->stream.socket().cancel(ignored);
    }
  });
  initiate(yield[ec]);
  timer.cancel();
  if (*expired) ec = beast::error::timeout;
  return ec;
}

// Streams the request body out of the parser for handlers of streaming routes, and for the
// server itself when it buffers a body.
class SessionBodyReader final : public BodyReader {
 public:
  SessionBodyReader(std::shared_ptr<Connection> conn, beast::flat_buffer& buffer, Parser& parser,
                    std::chrono::milliseconds idle, bool expect_continue,
                    asio::yield_context& yield)
      : conn_(std::move(conn)),
        buffer_(buffer),
        parser_(parser),
        idle_(idle),
        continue_pending_(expect_continue),
        yield_(yield) {}

  bool failed() const { return failed_; }
  bool timed_out() const { return timed_out_; }

  Result<size_t> Read(char* buf, size_t n) override {
    if (failed_) return Status::Unavailable("The connection failed earlier in this request");
    if (n == 0 || parser_.is_done()) return size_t{0};
    beast::error_code ec;
    if (continue_pending_) {
      continue_pending_ = false;
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      conn_->stream.expires_after(idle_);
      asio::async_write(conn_->stream, asio::buffer(kContinue.data(), kContinue.size()),
                        yield_[ec]);
      if (ec) return Fail(ec);
    }
    // Beast reads into buffer_ no more than its free capacity (at least 512 bytes); give it
    // room for large reads so a big body does not arrive in tiny pieces.
    if (buffer_.capacity() < kBodyReadBufferBytes) buffer_.reserve(kBodyReadBufferBytes);
    while (!parser_.is_done()) {
      parser_.get().body().data = buf;
      parser_.get().body().size = n;
      ec = ReadWithDeadline(conn_, idle_, yield_, [&](auto token) {
        http::async_read_some(conn_->stream, buffer_, parser_, token);
      });
      if (ec == http::error::need_buffer) ec = {};
      if (ec) return Fail(ec);
      size_t got = n - parser_.get().body().size;
      if (got > 0) return got;
    }
    return size_t{0};
  }

 private:
  Status Fail(const beast::error_code& ec) {
    failed_ = true;
    if (ec == beast::error::timeout) {
      timed_out_ = true;
      return Status::DeadlineExceeded("Timed out waiting for the request body from the client");
    }
    if (ec.category() == http::make_error_code(http::error::bad_chunk).category()) {
      return Status::InvalidArgument("Malformed request body: " + ec.message());
    }
    return Status::Unavailable("Connection lost while reading the request body: " + ec.message());
  }

  std::shared_ptr<Connection> conn_;
  beast::flat_buffer& buffer_;
  Parser& parser_;
  std::chrono::milliseconds idle_;
  bool continue_pending_;
  asio::yield_context& yield_;
  bool failed_ = false;
  bool timed_out_ = false;
};

// Writes a response body as it is produced: chunked, or raw when the length was announced.
class SessionBodyWriter final : public BodyWriter {
 public:
  SessionBodyWriter(beast::tcp_stream& stream, bool chunked, std::chrono::milliseconds idle,
                    asio::yield_context& yield)
      : stream_(stream), chunked_(chunked), idle_(idle), yield_(yield) {}

  Status Write(std::string_view data) override {
    if (data.empty()) return Status::OK();
    beast::error_code ec;
    stream_.expires_after(idle_);
    if (chunked_) {
      asio::async_write(stream_, http::make_chunk(asio::const_buffer(data.data(), data.size())),
                        yield_[ec]);
    } else {
      asio::async_write(stream_, asio::const_buffer(data.data(), data.size()), yield_[ec]);
    }
    if (ec == beast::error::timeout) {
      return Status::DeadlineExceeded("Timed out sending the response body");
    }
    if (ec)
      return Status::Unavailable("Connection lost while sending the response: " + ec.message());
    written_ += data.size();
    return Status::OK();
  }

  uint64_t written() const { return written_; }

 private:
  beast::tcp_stream& stream_;
  bool chunked_;
  std::chrono::milliseconds idle_;
  asio::yield_context& yield_;
  uint64_t written_ = 0;
};

void CopyHeaders(const Headers& from, http::fields& to) {
  for (const auto& [name, value] : from) to.insert(name, value);
}

}  // namespace

struct HttpServer::Impl {
  Impl(HttpServerOptions opts, Router r, Logger* log, MetricsRegistry* m)
      : options(std::move(opts)),
        router(std::move(r)),
        logger(log),
        idle(std::chrono::milliseconds(options.idle_timeout_ms)),
        acceptor(asio::make_strand(ioc)) {
    if (m) {
      requests = m->GetCounter(options.name + ".Http.Requests");
      errors = m->GetCounter(options.name + ".Http.Errors");
      latency_us = m->GetHistogram(options.name + ".Http.RequestLatencyMicros");
    }
  }

  Status Start();
  void Stop();
  void AcceptLoop(asio::yield_context yield);
  void RunSession(std::shared_ptr<Connection> conn, asio::yield_context yield);
  // Returns false when the connection must close.
  bool WriteResponse(const std::shared_ptr<Connection>& conn, const HttpRequest& req,
                     unsigned version, HttpResponse& res, bool keep_alive,
                     asio::yield_context& yield);
  bool SendFile(const std::shared_ptr<Connection>& conn, FileBody& file,
                asio::yield_context& yield);
  void WriteSimple(beast::tcp_stream& stream, int status, std::string body,
                   asio::yield_context& yield);
  void LingeringClose(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                      asio::yield_context& yield);
  void Dispatch(HttpRequest& req, HttpResponse& res, Parser& parser, SessionBodyReader& reader,
                const Router::Match& match);
  std::string DateHeader();

  const HttpServerOptions options;
  const Router router;
  Logger* const logger;
  const std::chrono::milliseconds idle;
  Counter* requests = nullptr;
  Counter* errors = nullptr;
  Histogram* latency_us = nullptr;

  asio::io_context ioc;
  tcp::acceptor acceptor;
  std::vector<std::thread> threads;
  std::atomic<bool> stopping{false};
  std::atomic<int> bound_port{0};

  std::mutex mu;
  std::condition_variable cv;
  bool started = false;                                             // guarded by mu
  bool stopped = false;                                             // guarded by mu
  uint64_t next_id = 0;                                             // guarded by mu
  std::unordered_map<uint64_t, std::shared_ptr<Connection>> conns;  // guarded by mu

  std::mutex date_mu;
  int64_t date_second = -1;  // guarded by date_mu
  std::string date_value;    // guarded by date_mu
};

std::string HttpServer::Impl::DateHeader() {
  int64_t now = std::time(nullptr);
  std::lock_guard<std::mutex> lock(date_mu);
  if (now != date_second) {
    date_second = now;
    time_t t = static_cast<time_t>(now);
    tm g;
    gmtime_r(&t, &g);
    char buf[64];
    std::strftime(buf, sizeof(buf), "%a, %d %b %Y %H:%M:%S GMT", &g);
    date_value = buf;
  }
  return date_value;
}

Status HttpServer::Impl::Start() {
  {
    std::lock_guard<std::mutex> lock(mu);
    if (started) return Status::FailedPrecondition("The HTTP server was already started");
    started = true;
  }
  beast::error_code ec;
  tcp::resolver resolver(ioc);
  auto results =
      resolver.resolve(options.bind_host, std::to_string(options.port), tcp::resolver::passive, ec);
  if (ec || results.empty()) {
    return Status::InvalidArgument("Cannot resolve bind address \"" + options.bind_host +
                                   "\": " + ec.message());
  }
  tcp::endpoint ep = results.begin()->endpoint();
  std::string where = options.bind_host + ":" + std::to_string(options.port);
  acceptor.open(ep.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(ep, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return Status::Unavailable("Cannot listen on " + where + " for the " + options.name +
                               " server: " + ec.message() +
                               ". Is another process using the port? Choose another port in "
                               "the configuration.");
  }
  bound_port = acceptor.local_endpoint().port();
  asio::spawn(
      acceptor.get_executor(), std::allocator_arg,
      boost::context::protected_fixedsize_stack(kCoroutineStackBytes),
      [this](asio::yield_context yield) { AcceptLoop(yield); }, asio::detached);
  int n = options.threads > 0
              ? options.threads
              : std::max(16, 4 * static_cast<int>(std::thread::hardware_concurrency()));
  threads.reserve(n);
  for (int i = 0; i < n; ++i) {
    threads.emplace_back([this] {
      // A peer that hangs up during sendfile(2) raises SIGPIPE, whose default action would kill
      // the whole process; blocked here, the call just fails with EPIPE. (Asio's own writes
      // use MSG_NOSIGNAL.)
      sigset_t pipe;
      sigemptyset(&pipe);
      sigaddset(&pipe, SIGPIPE);
      pthread_sigmask(SIG_BLOCK, &pipe, nullptr);
      // The accept loop and sessions run until Stop() lets the io_context run out of work.
      ioc.run();
    });
  }
  logger->Info(options.name, StrCat("Listening on ", options.bind_host, ":", bound_port.load(),
                                    " with ", n, " threads"));
  return Status::OK();
}

void HttpServer::Impl::AcceptLoop(asio::yield_context yield) {
  while (!stopping) {
    tcp::socket socket(asio::make_strand(ioc));
    beast::error_code ec;
    acceptor.async_accept(socket, yield[ec]);
    if (ec) {
      if (stopping || ec == asio::error::operation_aborted) return;
      // Out of descriptors or a transient error: back off briefly instead of spinning.
      logger->Warn(options.name, "accept failed: " + ec.message());
      asio::steady_timer t(acceptor.get_executor(), std::chrono::milliseconds(50));
      t.async_wait(yield[ec]);
      continue;
    }
    socket.set_option(tcp::no_delay(true), ec);
    auto conn = std::make_shared<Connection>(std::move(socket));
    uint64_t id;
    {
      std::lock_guard<std::mutex> lock(mu);
      id = next_id++;
      conns.emplace(id, conn);
    }
    asio::spawn(
        conn->stream.get_executor(), std::allocator_arg,
        boost::context::protected_fixedsize_stack(kCoroutineStackBytes),
        [this, conn, id](asio::yield_context y) {
          try {
            RunSession(conn, y);
          } catch (const std::exception& e) {
            logger->Error(options.name, std::string("connection failed: ") + e.what());
          }
          beast::error_code ignored;
          conn->stream.socket().close(ignored);
          std::lock_guard<std::mutex> lock(mu);
          conns.erase(id);
          cv.notify_all();
        },
        asio::detached);
  }
}

void HttpServer::Impl::Dispatch(HttpRequest& req, HttpResponse& res, Parser& parser,
                                SessionBodyReader& reader, const Router::Match& match) {
  const Router::Route& route = *match.route;
  if (route.options.stream_request_body) {
    req.body_stream = &reader;
  } else if (!parser.is_done()) {
    if (req.content_length && *req.content_length > options.max_body_bytes) {
      res.Set(
          413, "application/json",
          ErrorJson(StatusCode::kResourceExhausted, StrCat("Request body of ", *req.content_length,
                                                           " bytes is larger than the limit of ",
                                                           options.max_body_bytes, " bytes")));
      res.keep_alive = false;
      return;
    }
    auto body = ReadAll(reader, options.max_body_bytes);
    if (!body.ok()) {
      const Status& st = body.status();
      int code = st.code() == StatusCode::kResourceExhausted  ? 413
                 : st.code() == StatusCode::kDeadlineExceeded ? 408
                                                              : 400;
      res.Set(code, "application/json", wire::ErrorBodyJson(st));
      res.keep_alive = false;
      return;
    }
    req.body = std::move(body).value();
  }
  try {
    route.handler(req, res);
  } catch (const std::exception& e) {
    logger->Error(options.name,
                  StrCat("handler for ", req.method, " ", req.path, " threw: ", e.what()));
    res = HttpResponse();
    res.Set(500, "application/json",
            ErrorJson(StatusCode::kInternal, std::string("Internal error: ") + e.what()));
  }
}

void HttpServer::Impl::RunSession(std::shared_ptr<Connection> conn, asio::yield_context yield) {
  beast::tcp_stream& stream = conn->stream;
  beast::flat_buffer buffer;
  buffer.reserve(16 * 1024);  // a typical request header in one read
  std::string remote, local;
  {
    beast::error_code ec;
    auto ep = stream.socket().remote_endpoint(ec);
    if (!ec) remote = ep.address().to_string() + ":" + std::to_string(ep.port());
    auto lp = stream.socket().local_endpoint(ec);
    if (!ec) local = lp.address().to_string() + ":" + std::to_string(lp.port());
  }
  while (true) {
    conn->idle = true;
    if (stopping) return;
    Parser parser;
    parser.header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
    parser.body_limit(boost::none);
    beast::error_code ec = ReadWithDeadline(conn, idle, yield, [&](auto token) {
      http::async_read_header(stream, buffer, parser, token);
    });
    conn->idle = false;
    if (ec) {
      if (ec == http::error::header_limit) {
        WriteSimple(stream, 431,
                    ErrorJson(StatusCode::kResourceExhausted,
                              StrCat("Request headers are larger than the limit of ",
                                     options.max_header_bytes, " bytes")),
                    yield);
        LingeringClose(stream, buffer, yield);
      } else if (ec == beast::error::timeout) {
        if (parser.got_some() || buffer.size() > 0) {
          WriteSimple(stream, 408,
                      ErrorJson(StatusCode::kDeadlineExceeded,
                                "Timed out waiting for the rest of the request"),
                      yield);
        }
      } else if (ec != http::error::end_of_stream && ec != asio::error::eof &&
                 ec != asio::error::operation_aborted && ec != asio::error::connection_reset &&
                 ec != asio::error::bad_descriptor) {
        WriteSimple(
            stream, 400,
            ErrorJson(StatusCode::kInvalidArgument, "Malformed HTTP request: " + ec.message()),
            yield);
        LingeringClose(stream, buffer, yield);
      }
      return;
    }

    auto start = std::chrono::steady_clock::now();
    auto& msg = parser.get();
    HttpRequest req;
    req.method = std::string(msg.method_string());
    req.target = std::string(msg.target());
    size_t q = req.target.find('?');
    req.path = req.target.substr(0, q);
    if (q != std::string::npos) req.query = req.target.substr(q + 1);
    for (const auto& f : msg) req.headers.Add(std::string(f.name_string()), std::string(f.value()));
    if (auto len = parser.content_length()) req.content_length = *len;
    req.remote_address = remote;
    req.local_address = local;
    unsigned version = msg.version();
    bool keep_alive = msg.keep_alive();
    bool expect_continue = false;
    if (const std::string* e = req.headers.Find("Expect")) {
      expect_continue = beast::iequals(*e, "100-continue");
    }

    HttpResponse res;
    SessionBodyReader reader(conn, buffer, parser, idle, expect_continue, yield);
    Router::Match match = router.Find(req.method, req.path);
    if (match.kind == Router::MatchKind::kFound) {
      req.params = std::move(match.params);
      Dispatch(req, res, parser, reader, match);
    } else if (match.kind == Router::MatchKind::kMethodNotAllowed) {
      std::string allow;
      for (const auto& m : match.allowed_methods) allow += (allow.empty() ? "" : ", ") + m;
      res.Set(
          405, "application/json",
          ErrorJson(StatusCode::kUnimplemented, StrCat("Method ", req.method, " is not allowed on ",
                                                       req.path, "; use ", allow)));
      res.headers.Set("Allow", allow);
    } else if (router.not_found()) {
      router.not_found()(req, res);
    } else {
      res.Set(404, "application/json",
              ErrorJson(StatusCode::kNotFound, "No route for " + req.method + " " + req.path));
    }
    // A broken connection cannot take a response; a timed-out one gets the handler's 408.
    if (reader.failed() && !reader.timed_out()) return;
    bool linger = false;
    if (!parser.is_done()) {
      // The handler left body bytes unread; they would be parsed as the next request, so the
      // connection cannot be reused. Close it after the response, draining what the client
      // still sends so it reads our response instead of a reset.
      keep_alive = false;
      linger = true;
    }
    keep_alive = keep_alive && res.keep_alive && !stopping;
    bool ok = WriteResponse(conn, req, version, res, keep_alive, yield);
    if (requests) {
      requests->Inc();
      if (res.status >= 500) errors->Inc();
      latency_us->Record(std::chrono::duration_cast<std::chrono::microseconds>(
                             std::chrono::steady_clock::now() - start)
                             .count());
    }
    if (logger->Enabled(LogLevel::kDebug)) {
      logger->Debug(options.name,
                    StrCat(remote, " ", req.method, " ", req.target, " -> ", res.status));
    }
    if (!ok) return;
    if (!keep_alive) {
      if (linger)
        LingeringClose(stream, buffer, yield);
      else
        stream.socket().shutdown(tcp::socket::shutdown_send, ec);
      return;
    }
  }
}

bool HttpServer::Impl::WriteResponse(const std::shared_ptr<Connection>& conn,
                                     const HttpRequest& req, unsigned version, HttpResponse& res,
                                     bool keep_alive, asio::yield_context& yield) {
  beast::tcp_stream& stream = conn->stream;
  beast::error_code ec;
  const bool head = req.method == "HEAD";
  const bool bodiless_status = res.status == 204 || res.status == 304 || res.status < 200;
  http::response<http::empty_body> h;
  h.version(version);
  h.result(static_cast<unsigned>(res.status));
  h.set(http::field::server, options.server_name);
  h.set(http::field::date, DateHeader());
  CopyHeaders(res.headers, h.base());

  if (res.file) {
    res.files.clear();
    res.files.push_back(std::move(*res.file));
    res.file.reset();
  }
  if (!res.files.empty()) {
    int64_t total = 0;
    for (const FileBody& f : res.files) total += f.length;
    // A small file goes out with its header in one write: a separate header write and
    // sendfile(2) cost two segments, and for a few KiB the second system call and packet
    // cost more than copying the bytes.
    if (!head && total <= kInlineFileBytes && ReadFilesInto(res.files, &res.body)) {
      res.files.clear();  // the body's length replaces any Content-Length (prepare_payload)
    }
  }
  if (!res.files.empty()) {
    int64_t total = 0;
    for (const FileBody& f : res.files) total += f.length;
    h.content_length(static_cast<uint64_t>(total));
    h.keep_alive(keep_alive);
    http::response_serializer<http::empty_body> sr(h);
    stream.expires_after(idle);
    http::async_write_header(stream, sr, yield[ec]);
    if (ec) return false;
    bool ok = true;
    for (FileBody& f : res.files) {
      if (head || !ok) break;
      ok = SendFile(conn, f, yield);
      f = FileBody{};  // closes the descriptor and releases the hold now, not at destruction
    }
    res.files.clear();
    return ok;
  }

  if (res.stream) {
    bool has_length = res.headers.Has("Content-Length");
    bool chunked = !has_length && !head && !bodiless_status;
    if (chunked && version < 11) {
      keep_alive = false;  // HTTP/1.0 has no chunking: the end of the body is the close
      chunked = false;
    }
    if (chunked) h.chunked(true);
    h.keep_alive(keep_alive);
    http::response_serializer<http::empty_body> sr(h);
    stream.expires_after(idle);
    http::async_write_header(stream, sr, yield[ec]);
    if (ec) return false;
    if (head || bodiless_status) return true;
    SessionBodyWriter writer(stream, chunked, idle, yield);
    Status st = res.stream(writer);
    if (!st.ok()) {
      logger->Warn(options.name, StrCat("response body for ", req.method, " ", req.path,
                                        " aborted: ", st.ToString()));
      return false;
    }
    if (chunked) {
      stream.expires_after(idle);
      asio::async_write(stream, http::make_chunk_last(), yield[ec]);
      if (ec) return false;
    } else if (!has_length) {
      return false;  // HTTP/1.0 stream: close to end the body
    }
    return keep_alive;
  }

  if (head || bodiless_status) {
    if (!bodiless_status && !res.headers.Has("Content-Length")) h.content_length(res.body.size());
    h.keep_alive(keep_alive);
    http::response_serializer<http::empty_body> sr(h);
    stream.expires_after(idle);
    http::async_write_header(stream, sr, yield[ec]);
    return !ec;
  }
  http::response<http::string_body> full(std::move(h.base()));
  full.body() = std::move(res.body);
  full.prepare_payload();
  full.keep_alive(keep_alive);
  stream.expires_after(idle);
  http::async_write(stream, full, yield[ec]);
  return !ec;
}

bool HttpServer::Impl::SendFile(const std::shared_ptr<Connection>& conn, FileBody& file,
                                asio::yield_context& yield) {
  tcp::socket& sock = conn->stream.socket();
  beast::error_code ec;
  sock.native_non_blocking(true, ec);
  if (ec) return false;
  off_t offset = file.offset;
  int64_t remaining = file.length;
  while (remaining > 0) {
    size_t want = static_cast<size_t>(std::min<int64_t>(remaining, int64_t{1} << 30));
    ssize_t n = ::sendfile(sock.native_handle(), file.fd.get(), &offset, want);
    if (n > 0) {
      remaining -= n;
      continue;
    }
    if (n == 0) {
      logger->Warn(options.name, "file ended before the announced length was sent");
      return false;
    }
    if (errno == EINTR) continue;
    if (errno != EAGAIN) return false;
    // Wait until the socket drains, bounded by the idle timeout.
    // The timer's handler may run after this scope ends, so it owns what it touches.
    asio::steady_timer timer(conn->stream.get_executor(), idle);
    auto timed_out = std::make_shared<bool>(false);
    timer.async_wait([timed_out, conn](const beast::error_code& e) {
      if (!e) {
        *timed_out = true;
        beast::error_code ignored;
        conn->stream.socket().cancel(ignored);
      }
    });
    sock.async_wait(tcp::socket::wait_write, yield[ec]);
    timer.cancel();
    if (ec || *timed_out) return false;
  }
  return true;
}

void HttpServer::Impl::WriteSimple(beast::tcp_stream& stream, int status, std::string body,
                                   asio::yield_context& yield) {
  http::response<http::string_body> res(static_cast<http::status>(status), 11);
  res.set(http::field::server, options.server_name);
  res.set(http::field::date, DateHeader());
  res.set(http::field::content_type, "application/json");
  res.body() = std::move(body);
  res.prepare_payload();
  res.keep_alive(false);
  beast::error_code ec;
  stream.expires_after(idle);
  http::async_write(stream, res, yield[ec]);
}

void HttpServer::Impl::LingeringClose(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                                      asio::yield_context& yield) {
  beast::error_code ec;
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  buffer.consume(buffer.size());
  size_t drained = 0;
  stream.expires_after(std::chrono::seconds(2));
  char sink[16 * 1024];
  while (drained < kLingerBytes) {
    size_t n = stream.async_read_some(asio::buffer(sink), yield[ec]);
    if (ec) break;
    drained += n;
  }
}

void HttpServer::Impl::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu);
    if (!started || stopped) return;
    stopped = true;
  }
  stopping = true;
  asio::post(acceptor.get_executor(), [this] {
    beast::error_code ignored;
    acceptor.close(ignored);
  });
  auto close_where = [this](bool only_idle) {
    std::lock_guard<std::mutex> lock(mu);
    for (auto& [id, c] : conns) {
      if (only_idle && !c->idle) continue;
      asio::post(c->stream.get_executor(), [c] {
        beast::error_code ignored;
        c->stream.socket().close(ignored);
      });
    }
  };
  close_where(true);
  {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait_for(lock, std::chrono::milliseconds(options.shutdown_timeout_ms),
                [this] { return conns.empty(); });
  }
  close_where(false);  // whatever is still running past the deadline
  {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait_for(lock, std::chrono::seconds(5), [this] { return conns.empty(); });
  }
  ioc.stop();
  for (auto& t : threads) t.join();
  threads.clear();
  logger->Info(options.name, "Stopped");
}

HttpServer::HttpServer(HttpServerOptions options, Router router, Logger* logger,
                       MetricsRegistry* metrics)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(router), logger, metrics)) {}

HttpServer::~HttpServer() { Stop(); }

Status HttpServer::Start() { return impl_->Start(); }

int HttpServer::port() const { return impl_->bound_port.load(); }

void HttpServer::Stop() { impl_->Stop(); }

}  // namespace alluxio::net
