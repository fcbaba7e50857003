#include "lib/net/http_server.h"

#include <cerrno>

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
#include <future>
#include <list>
#include <mutex>
#include <span>
#include <thread>
#include <unordered_map>

#include "lib/net/deferred_answers.h"
#include "lib/net/response_framing.h"
#include "lib/net/server_threads.h"
#include "lib/net/standard_routes.h"
#include "lib/wire/error_body.h"

namespace alluxio::net {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using Millis = std::chrono::milliseconds;
using Parser = http::request_parser<http::buffer_body>;
using Buffers = std::span<const asio::const_buffer>;

constexpr size_t kCoroutineStackBytes = 512 * 1024;
constexpr size_t kLingerBytes = 4 * 1024 * 1024;
constexpr size_t kBodyReadBufferBytes = 256 * 1024;
constexpr Millis kLingerTimeout{2000};
constexpr std::string_view kCrlf = "\r\n";

std::string ErrorJson(StatusCode code, std::string message) {
  return wire::ErrorBodyJson(Status(code, std::move(message)));
}

struct Loop;

// One client connection. Everything here is touched only on its loop's thread.
struct Connection {
  Connection(tcp::socket s, Loop* l) : socket(std::move(s)), loop(l) {}

  // Every wait on the socket has a deadline, enforced by the loop's sweeper (one timer per
  // loop instead of one per read or write): past it the pending operation is cancelled.
  void Arm(Millis timeout) {
    deadline = Clock::now() + timeout;
    expired = false;
  }
  beast::error_code Disarm(beast::error_code ec) {
    deadline = Clock::time_point::max();
    if (expired && ec == asio::error::operation_aborted) return beast::error::timeout;
    return ec;
  }

  tcp::socket socket;
  Loop* const loop;
  Clock::time_point deadline = Clock::time_point::max();
  bool expired = false;
  bool idle = true;  // waiting for the next request
  std::list<Connection*>::iterator pos;
};

// An event loop: one thread running one io_context, and the connections pinned to it.
struct Loop {
  asio::io_context ioc{1};
  asio::executor_work_guard<asio::io_context::executor_type> work{ioc.get_executor()};
  asio::steady_timer sweeper{ioc};
  std::list<Connection*> conns;  // loop thread only
  std::thread thread;
};

// The socket operations of a request, as seen by code that may run on the loop (inside the
// connection's coroutine) or on a pool thread (which hands each operation to the loop and waits).
class Io {
 public:
  virtual ~Io() = default;
  // Writes all of `bufs`.
  virtual beast::error_code Write(Buffers bufs, Millis timeout) = 0;
  // One http::async_read_some into `parser`.
  virtual beast::error_code ReadSome(Parser& parser, beast::flat_buffer& buffer,
                                     Millis timeout) = 0;
  // Waits until the socket takes more bytes (after sendfile(2) said EAGAIN).
  virtual beast::error_code WaitWritable(Millis timeout) = 0;
};

class CoroIo final : public Io {
 public:
  CoroIo(Connection& conn, asio::yield_context& yield) : conn_(conn), yield_(yield) {}

  beast::error_code Write(Buffers bufs, Millis timeout) override {
    // Most responses fit in the socket buffer: try a non-blocking write first, which saves a
    // round through the loop's queue.
    beast::error_code ec;
    size_t total = asio::buffer_size(bufs);
    size_t done = conn_.socket.write_some(bufs, ec);
    if (!ec && done == total) return ec;
    if (ec && ec != asio::error::would_block && ec != asio::error::try_again) return ec;
    if (ec) done = 0;
    std::vector<asio::const_buffer> rest;
    for (const auto& b : bufs) {
      if (done >= b.size()) {
        done -= b.size();
        continue;
      }
      rest.push_back(b + done);
      done = 0;
    }
    conn_.Arm(timeout);
    ec = {};
    asio::async_write(conn_.socket, rest, yield_[ec]);
    return conn_.Disarm(ec);
  }

  beast::error_code ReadSome(Parser& parser, beast::flat_buffer& buffer, Millis timeout) override {
    beast::error_code ec;
    conn_.Arm(timeout);
    http::async_read_some(conn_.socket, buffer, parser, yield_[ec]);
    return conn_.Disarm(ec);
  }

  beast::error_code ReadHeader(Parser& parser, beast::flat_buffer& buffer, Millis timeout) {
    beast::error_code ec;
    conn_.Arm(timeout);
    http::async_read_header(conn_.socket, buffer, parser, yield_[ec]);
    return conn_.Disarm(ec);
  }

  beast::error_code WaitWritable(Millis timeout) override {
    beast::error_code ec;
    conn_.Arm(timeout);
    conn_.socket.async_wait(tcp::socket::wait_write, yield_[ec]);
    return conn_.Disarm(ec);
  }

  beast::error_code ReadSomeRaw(asio::mutable_buffer buf, Millis timeout, size_t* n) {
    beast::error_code ec;
    conn_.Arm(timeout);
    *n = conn_.socket.async_read_some(buf, yield_[ec]);
    return conn_.Disarm(ec);
  }

 private:
  Connection& conn_;
  asio::yield_context& yield_;
};

class PoolIo final : public Io {
 public:
  explicit PoolIo(Connection& conn) : conn_(conn) {}

  beast::error_code Write(Buffers bufs, Millis timeout) override {
    return OnLoop([this, bufs, timeout](auto done) {
      conn_.Arm(timeout);
      asio::async_write(conn_.socket, bufs,
                        [this, done](beast::error_code ec, size_t) { done(conn_.Disarm(ec)); });
    });
  }

  beast::error_code ReadSome(Parser& parser, beast::flat_buffer& buffer, Millis timeout) override {
    return OnLoop([this, &parser, &buffer, timeout](auto done) {
      conn_.Arm(timeout);
      http::async_read_some(conn_.socket, buffer, parser,
                            [this, done](beast::error_code ec, size_t) { done(conn_.Disarm(ec)); });
    });
  }

  beast::error_code WaitWritable(Millis timeout) override {
    return OnLoop([this, timeout](auto done) {
      conn_.Arm(timeout);
      conn_.socket.async_wait(tcp::socket::wait_write,
                              [this, done](beast::error_code ec) { done(conn_.Disarm(ec)); });
    });
  }

 private:
  // Starts `op(done)` on the loop and waits until it calls done(ec).
  template <typename Op>
  beast::error_code OnLoop(Op op) {
    auto result = std::make_shared<std::promise<beast::error_code>>();
    std::future<beast::error_code> f = result->get_future();
    asio::post(conn_.loop->ioc, [op = std::move(op), result]() mutable {
      op([result](beast::error_code ec) { result->set_value(ec); });
    });
    try {
      return f.get();
    } catch (const std::future_error&) {
      return asio::error::operation_aborted;  // the loop dropped the operation (stopping)
    }
  }

  Connection& conn_;
};

// Streams the request body out of the parser for handlers of streaming routes, and for the
// server itself when it buffers a body.
class SessionBodyReader final : public BodyReader {
 public:
  SessionBodyReader(Io* io, beast::flat_buffer& buffer, Parser& parser, Millis idle,
                    bool expect_continue)
      : io_(io),
        buffer_(buffer),
        parser_(parser),
        idle_(idle),
        continue_pending_(expect_continue) {}

  void set_io(Io* io) { io_ = io; }
  bool failed() const { return failed_; }
  bool timed_out() const { return timed_out_; }

  Result<size_t> Read(char* buf, size_t n) override {
    if (failed_) return Status::Unavailable("The connection failed earlier in this request");
    if (n == 0 || parser_.is_done()) return size_t{0};
    beast::error_code ec;
    if (continue_pending_) {
      continue_pending_ = false;
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      asio::const_buffer b(kContinue.data(), kContinue.size());
      ec = io_->Write(Buffers(&b, 1), idle_);
      if (ec) return Fail(ec);
    }
    // Beast reads into buffer_ no more than its free capacity (at least 512 bytes); give it
    // room for large reads so a big body does not arrive in tiny pieces.
    if (buffer_.capacity() < kBodyReadBufferBytes) buffer_.reserve(kBodyReadBufferBytes);
    while (!parser_.is_done()) {
      parser_.get().body().data = buf;
      parser_.get().body().size = n;
      ec = io_->ReadSome(parser_, buffer_, idle_);
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

  Io* io_;
  beast::flat_buffer& buffer_;
  Parser& parser_;
  Millis idle_;
  bool continue_pending_;
  bool failed_ = false;
  bool timed_out_ = false;
};

// Writes a response body as it is produced: chunked, or raw when the length was announced.
class SessionBodyWriter final : public BodyWriter {
 public:
  SessionBodyWriter(Io& io, bool chunked, Millis idle) : io_(io), chunked_(chunked), idle_(idle) {}

  Status Write(std::string_view data) override {
    if (data.empty()) return Status::OK();
    beast::error_code ec;
    if (chunked_) {
      char size[24];
      int len = std::snprintf(size, sizeof(size), "%zx\r\n", data.size());
      const asio::const_buffer bufs[] = {asio::buffer(size, static_cast<size_t>(len)),
                                         asio::buffer(data.data(), data.size()),
                                         asio::buffer(kCrlf.data(), kCrlf.size())};
      ec = io_.Write(bufs, idle_);
    } else {
      asio::const_buffer b(data.data(), data.size());
      ec = io_.Write(Buffers(&b, 1), idle_);
    }
    if (ec == beast::error::timeout) {
      return Status::DeadlineExceeded("Timed out sending the response body");
    }
    if (ec)
      return Status::Unavailable("Connection lost while sending the response: " + ec.message());
    return Status::OK();
  }

 private:
  Io& io_;
  bool chunked_;
  Millis idle_;
};

}  // namespace

struct HttpServer::Impl {
  Impl(HttpServerOptions opts, Router r, Logger* log, MetricsRegistry* m)
      : options(std::move(opts)),
        router(std::move(r)),
        logger(log),
        idle(Millis(options.idle_timeout_ms)),
        sweep_period(std::clamp(Millis(options.idle_timeout_ms / 10), Millis(5), Millis(500))),
        pool(options.threads, Millis(options.pool_grow_after_ms)) {
    if (m) {
      requests = m->GetCounter(options.name + ".Http.Requests");
      errors = m->GetCounter(options.name + ".Http.Errors");
      latency_us = m->GetHistogram(options.name + ".Http.RequestLatencyMicros");
    }
    int n = options.io_threads > 0
                ? options.io_threads
                : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    for (int i = 0; i < n; ++i) loops.push_back(std::make_unique<Loop>());
    acceptor = std::make_unique<tcp::acceptor>(loops[0]->ioc);
  }

  Status Start();
  void Stop();
  void Sweep(Loop& loop);
  void AcceptLoop(asio::yield_context yield);
  void RunSession(Connection& conn, asio::yield_context yield);
  // Reads a buffered body, or points the request at the reader; false when the response is
  // already decided (413, 408, 400).
  bool PrepareBody(HttpRequest& req, HttpResponse& res, Parser& parser, SessionBodyReader& reader,
                   const Router::Route& route);
  // Runs a handler; an exception becomes 500 with the JSON error body.
  void CallHandler(const Handler& handler, HttpRequest& req, HttpResponse& res);
  // Runs a route's fast path the same way (a throw counts as answered, with that 500).
  bool TryFastPath(const FastPath& fast, HttpRequest& req, HttpResponse& res);
  // Runs `job` on the pool while the coroutine waits on its loop; false when the pool refused it
  // (stopping). An exception escaping `job` is logged and ends it.
  [[nodiscard]] bool RunOnPool(Connection& conn, std::function<void()> job,
                               asio::yield_context& yield);
  // Waits on the loop, holding no thread, for a handler's deferred work (HttpResponse::defer);
  // an error replaces the response.
  void AwaitDeferred(Connection& conn, HttpResponse& res, asio::yield_context& yield);
  std::string Header(unsigned version, const HttpResponse& res, const Framing& framing) {
    return ResponseHeader(version, res, framing, options.server_name, date.Now());
  }
  // Writes a response whose body is a stream callback; false when the connection broke. Clears
  // `*keep_alive` when the body's end is the close (HTTP/1.0).
  bool WriteStreamed(Io& io, const HttpRequest& req, unsigned version, HttpResponse& res,
                     bool* keep_alive);
  // Writes any other response (string or file body); false when the connection broke.
  bool WriteResponse(Connection& conn, Io& io, const HttpRequest& req, unsigned version,
                     HttpResponse& res, bool keep_alive);
  bool SendFile(Connection& conn, Io& io, FileBody& file);
  void WriteSimple(CoroIo& io, int status, std::string body);
  void LingeringClose(Connection& conn, CoroIo& io, beast::flat_buffer& buffer);
  void Record(const HttpRequest& req, const HttpResponse& res, const std::string& remote,
              Clock::time_point start);

  const HttpServerOptions options;
  const Router router;
  Logger* const logger;
  const Millis idle;
  const Millis sweep_period;
  Counter* requests = nullptr;
  Counter* errors = nullptr;
  Histogram* latency_us = nullptr;

  std::vector<std::unique_ptr<Loop>> loops;
  std::unique_ptr<tcp::acceptor> acceptor;  // on loops[0]
  HandlerPool pool;
  std::atomic<bool> stopping{false};
  std::atomic<int> bound_port{0};
  size_t next_loop = 0;  // accept coroutine only

  std::mutex mu;
  std::condition_variable cv;
  bool started = false;  // guarded by mu
  bool stopped = false;  // guarded by mu
  int live = 0;          // connections, guarded by mu
  int deferred = 0;      // answers waiting in AwaitDeferred, guarded by mu
  std::shared_ptr<DeferRegistry> defers = std::make_shared<DeferRegistry>();

  HttpDate date;
};

Status HttpServer::Impl::Start() {
  {
    std::lock_guard<std::mutex> lock(mu);
    if (started) return Status::FailedPrecondition("The HTTP server was already started");
    started = true;
  }
  beast::error_code ec;
  tcp::resolver resolver(loops[0]->ioc);
  auto results =
      resolver.resolve(options.bind_host, std::to_string(options.port), tcp::resolver::passive, ec);
  if (ec || results.empty()) {
    return Status::InvalidArgument("Cannot resolve bind address \"" + options.bind_host +
                                   "\": " + ec.message());
  }
  tcp::endpoint ep = results.begin()->endpoint();
  std::string where = options.bind_host + ":" + std::to_string(options.port);
  acceptor->open(ep.protocol(), ec);
  if (!ec) acceptor->set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor->bind(ep, ec);
  if (!ec) acceptor->listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return Status::Unavailable("Cannot listen on " + where + " for the " + options.name +
                               " server: " + ec.message() +
                               ". Is another process using the port? Choose another port in "
                               "the configuration.");
  }
  bound_port = acceptor->local_endpoint().port();
  asio::spawn(
      loops[0]->ioc, std::allocator_arg,
      boost::context::protected_fixedsize_stack(kCoroutineStackBytes),
      [this](asio::yield_context yield) { AcceptLoop(yield); }, asio::detached);
  for (auto& loop : loops) {
    Loop* l = loop.get();
    asio::post(l->ioc, [this, l] { Sweep(*l); });
    l->thread = std::thread([l] {
      BlockSigpipe();
      l->ioc.run();
    });
  }
  logger->Info(options.name, StrCat("Listening on ", options.bind_host, ":", bound_port.load(),
                                    " with ", loops.size(), " event loops"));
  return Status::OK();
}

void HttpServer::Impl::Sweep(Loop& loop) {
  Clock::time_point now = Clock::now();
  for (Connection* c : loop.conns) {
    if (!c->expired && c->deadline <= now) {
      c->expired = true;
      beast::error_code ignored;
      c->socket.cancel(ignored);
    }
  }
  loop.sweeper.expires_after(sweep_period);
  loop.sweeper.async_wait([this, &loop](const beast::error_code& ec) {
    if (!ec) Sweep(loop);
  });
}

void HttpServer::Impl::AcceptLoop(asio::yield_context yield) {
  while (!stopping) {
    Loop* loop = loops[next_loop++ % loops.size()].get();
    beast::error_code ec;
    tcp::socket socket = acceptor->async_accept(loop->ioc, yield[ec]);
    if (ec) {
      if (stopping || ec == asio::error::operation_aborted) return;
      // Out of descriptors or a transient error: back off briefly instead of spinning.
      logger->Warn(options.name, "accept failed: " + ec.message());
      asio::steady_timer t(acceptor->get_executor(), Millis(50));
      t.async_wait(yield[ec]);
      continue;
    }
    socket.set_option(tcp::no_delay(true), ec);
    socket.non_blocking(true, ec);
    {
      std::lock_guard<std::mutex> lock(mu);
      ++live;
    }
    auto conn = std::make_unique<Connection>(std::move(socket), loop);
    asio::spawn(
        loop->ioc, std::allocator_arg,
        boost::context::protected_fixedsize_stack(kCoroutineStackBytes),
        [this, c = std::move(conn)](asio::yield_context y) {
          Loop* l = c->loop;
          c->pos = l->conns.insert(l->conns.end(), c.get());
          try {
            RunSession(*c, y);
          } catch (const std::exception& e) {
            logger->Error(options.name, std::string("connection failed: ") + e.what());
          }
          l->conns.erase(c->pos);
          beast::error_code ignored;
          c->socket.close(ignored);
          std::lock_guard<std::mutex> lock(mu);
          --live;
          cv.notify_all();
        },
        asio::detached);
  }
}

bool HttpServer::Impl::PrepareBody(HttpRequest& req, HttpResponse& res, Parser& parser,
                                   SessionBodyReader& reader, const Router::Route& route) {
  if (route.options.stream_request_body) {
    req.body_stream = &reader;
    return true;
  }
  if (parser.is_done()) return true;
  if (req.content_length && *req.content_length > options.max_body_bytes) {
    res.Set(
        413, "application/json",
        ErrorJson(StatusCode::kResourceExhausted,
                  StrCat("Request body of ", *req.content_length,
                         " bytes is larger than the limit of ", options.max_body_bytes, " bytes")));
    res.keep_alive = false;
    return false;
  }
  auto body = ReadAll(reader, options.max_body_bytes);
  if (!body.ok()) {
    const Status& st = body.status();
    int code = st.code() == StatusCode::kResourceExhausted  ? 413
               : st.code() == StatusCode::kDeadlineExceeded ? 408
                                                            : 400;
    res.Set(code, "application/json", wire::ErrorBodyJson(st));
    res.keep_alive = false;
    return false;
  }
  req.body = std::move(body).value();
  return true;
}

bool HttpServer::Impl::TryFastPath(const FastPath& fast, HttpRequest& req, HttpResponse& res) {
  try {
    return fast(req, res);
  } catch (const std::exception& e) {
    logger->Error(options.name,
                  StrCat("handler for ", req.method, " ", req.path, " threw: ", e.what()));
    res = HttpResponse();
    res.Set(500, "application/json",
            ErrorJson(StatusCode::kInternal, std::string("Internal error: ") + e.what()));
    return true;
  }
}

void HttpServer::Impl::CallHandler(const Handler& handler, HttpRequest& req, HttpResponse& res) {
  (void)TryFastPath(
      [&handler](HttpRequest& q, HttpResponse& r) {
        handler(q, r);
        return true;
      },
      req, res);
}

bool HttpServer::Impl::RunOnPool(Connection& conn, std::function<void()> job,
                                 asio::yield_context& yield) {
  asio::io_context& ioc = conn.loop->ioc;
  bool ran = false;
  asio::async_initiate<asio::yield_context, void()>(
      [this, &ioc, &ran](auto handler, std::function<void()> work) {
        // std::function needs a copyable task; the coroutine's handler is move-only.
        auto resume = std::make_shared<decltype(handler)>(std::move(handler));
        auto wake = [&ioc, resume] { asio::post(ioc, [resume] { std::move (*resume)(); }); };
        bool queued = pool.Submit([this, &ran, wake, work = std::move(work)] {
          ran = true;
          try {
            work();
          } catch (const std::exception& e) {
            logger->Error(options.name, std::string("request failed: ") + e.what());
          } catch (...) {
            logger->Error(options.name, "request failed with an unknown exception");
          }
          wake();
        });
        if (!queued) wake();
      },
      yield, std::move(job));
  return ran;
}

void HttpServer::Impl::AwaitDeferred(Connection& conn, HttpResponse& res,
                                     asio::yield_context& yield) {
  asio::io_context& ioc = conn.loop->ioc;
  Status result;
  std::function<void(std::function<void(Status)>)> defer = std::move(res.defer);
  res.defer = nullptr;
  {
    std::lock_guard<std::mutex> lock(mu);
    ++deferred;
  }
  asio::async_initiate<asio::yield_context, void()>(
      [this, &ioc, &result, &defer](auto handler) {
        auto resume = std::make_shared<decltype(handler)>(std::move(handler));
        // Whoever calls first resumes the coroutine: `done`, or the catch below when `defer`
        // throws. `result` lives in the suspended coroutine's frame until `resume` runs.
        // The coroutine's handler stays with the server (DeferRegistry), not with whoever
        // holds `finish`, so a `finish` called late, or never, touches no loop that is gone.
        auto resumer = [&ioc, &result, resume](Status st) {
          asio::post(ioc, [&result, resume, st = std::move(st)]() mutable {
            result = std::move(st);
            std::move (*resume)();
          });
        };
        std::function<void(Status)> finish = defers->Add(std::move(resumer));
        try {
          defer(finish);
        } catch (const std::exception& e) {
          logger->Error(options.name, std::string("deferring an answer failed: ") + e.what());
          finish(Status::Internal(std::string("Internal error: ") + e.what()));
        }
      },
      yield);
  {
    std::lock_guard<std::mutex> lock(mu);
    --deferred;
    cv.notify_all();
  }
  if (!result.ok()) {
    res = HttpResponse();
    SetErrorResponse(res, result);
  }
}

void HttpServer::Impl::RunSession(Connection& conn, asio::yield_context yield) {
  beast::flat_buffer buffer;
  buffer.reserve(16 * 1024);  // a typical request header in one read
  std::string remote, local;
  {
    beast::error_code ec;
    auto ep = conn.socket.remote_endpoint(ec);
    if (!ec) remote = ep.address().to_string() + ":" + std::to_string(ep.port());
    auto lp = conn.socket.local_endpoint(ec);
    if (!ec) local = lp.address().to_string() + ":" + std::to_string(lp.port());
  }
  CoroIo coro(conn, yield);
  PoolIo pooled(conn);
  while (true) {
    conn.idle = true;
    if (stopping) return;
    Parser parser;
    parser.header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
    parser.body_limit(boost::none);
    beast::error_code ec = coro.ReadHeader(parser, buffer, idle);
    conn.idle = false;
    if (ec) {
      if (ec == http::error::header_limit) {
        WriteSimple(coro, 431,
                    ErrorJson(StatusCode::kResourceExhausted,
                              StrCat("Request headers are larger than the limit of ",
                                     options.max_header_bytes, " bytes")));
        LingeringClose(conn, coro, buffer);
      } else if (ec == beast::error::timeout) {
        if (parser.got_some() || buffer.size() > 0) {
          WriteSimple(coro, 408,
                      ErrorJson(StatusCode::kDeadlineExceeded,
                                "Timed out waiting for the rest of the request"));
        }
      } else if (ec != http::error::end_of_stream && ec != asio::error::eof &&
                 ec != asio::error::operation_aborted && ec != asio::error::connection_reset &&
                 ec != asio::error::bad_descriptor) {
        WriteSimple(
            coro, 400,
            ErrorJson(StatusCode::kInvalidArgument, "Malformed HTTP request: " + ec.message()));
        LingeringClose(conn, coro, buffer);
      }
      return;
    }

    auto start = Clock::now();
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
    const unsigned version = msg.version();
    const bool client_keep_alive = msg.keep_alive();
    bool expect_continue = false;
    if (const std::string* e = req.headers.Find("Expect")) {
      expect_continue = beast::iequals(*e, "100-continue");
    }

    HttpResponse res;
    SessionBodyReader reader(&coro, buffer, parser, idle, expect_continue);
    // What to run on the pool, if anything: a route's blocking handler or the not-found one.
    const Handler* blocking = nullptr;
    Router::Match match = router.Find(req.method, req.path);
    if (match.kind == Router::MatchKind::kFound) {
      const Router::Route& route = *match.route;
      req.params = std::move(match.params);
      if (PrepareBody(req, res, parser, reader, route)) {
        if (route.options.nonblocking) {
          CallHandler(route.handler, req, res);
        } else if (!(route.options.fast_path && TryFastPath(route.options.fast_path, req, res))) {
          blocking = &route.handler;
        }
      }
    } else if (match.kind == Router::MatchKind::kMethodNotAllowed) {
      std::string allow;
      for (const auto& m : match.allowed_methods) allow += (allow.empty() ? "" : ", ") + m;
      res.Set(
          405, "application/json",
          ErrorJson(StatusCode::kUnimplemented, StrCat("Method ", req.method, " is not allowed on ",
                                                       req.path, "; use ", allow)));
      res.headers.Set("Allow", allow);
    } else if (router.not_found()) {
      blocking = &router.not_found();
    } else {
      res.Set(404, "application/json",
              ErrorJson(StatusCode::kNotFound, "No route for " + req.method + " " + req.path));
    }

    // Whether the connection can take another request after this response; decided once the
    // handler is done with the body.
    bool linger = false;
    bool abandon = false;  // the connection broke: no response
    auto settle = [&]() -> bool {
      // A broken connection cannot take a response; a timed-out one gets the handler's 408.
      if (reader.failed() && !reader.timed_out()) {
        abandon = true;
        return false;
      }
      bool keep = client_keep_alive;
      if (!parser.is_done()) {
        // The handler left body bytes unread; they would be parsed as the next request, so the
        // connection cannot be reused. Close it after the response, draining what the client
        // still sends so it reads our response instead of a reset.
        keep = false;
        linger = true;
      }
      return keep && res.keep_alive && !stopping;
    };

    bool keep_alive = false;
    bool ok = true;
    bool written = false;
    // Writes the response from a pool thread, through the loop: for what may block (a stream
    // callback, file bodies on a disk).
    auto write_from_pool = [&] {
      if (res.stream && !res.file && res.files.empty()) {
        ok = WriteStreamed(pooled, req, version, res, &keep_alive);
        written = true;
      } else if (!FilesReadyOnLoop(req.method, res)) {
        ok = WriteResponse(conn, pooled, req, version, res, keep_alive);
        written = true;
      }
    };
    if (blocking) {
      reader.set_io(&pooled);
      bool ran = RunOnPool(
          conn,
          [&] {
            CallHandler(*blocking, req, res);
            keep_alive = settle();
            if (!abandon && !res.defer) write_from_pool();
          },
          yield);
      reader.set_io(&coro);
      if (!ran) return;  // stopping
    } else {
      keep_alive = settle();
    }
    if (!abandon && res.defer) {
      res.stream = nullptr;  // not supported with a deferred answer
      AwaitDeferred(conn, res, yield);
    }
    if (!abandon && !written) {
      if (res.stream && !res.file && res.files.empty()) {
        // Only a nonblocking handler's stream callback gets here; it does not block either.
        ok = WriteStreamed(coro, req, version, res, &keep_alive);
        written = true;
      } else if (!FilesReadyOnLoop(req.method, res)) {
        if (!RunOnPool(conn, write_from_pool, yield)) return;
      }
    }
    if (abandon) return;
    if (!written) ok = WriteResponse(conn, coro, req, version, res, keep_alive);
    Record(req, res, remote, start);
    if (!ok) return;
    if (!keep_alive) {
      if (linger) {
        LingeringClose(conn, coro, buffer);
      } else {
        conn.socket.shutdown(tcp::socket::shutdown_send, ec);
      }
      return;
    }
  }
}

void HttpServer::Impl::Record(const HttpRequest& req, const HttpResponse& res,
                              const std::string& remote, Clock::time_point start) {
  if (requests) {
    requests->Inc();
    if (res.status >= 500) errors->Inc();
    latency_us->Record(
        std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start).count());
  }
  if (logger->Enabled(LogLevel::kDebug)) {
    logger->Debug(options.name,
                  StrCat(remote, " ", req.method, " ", req.target, " -> ", res.status));
  }
}

bool HttpServer::Impl::WriteStreamed(Io& io, const HttpRequest& req, unsigned version,
                                     HttpResponse& res, bool* keep_alive) {
  const bool head = req.method == "HEAD";
  const bool bodiless_status = res.status == 204 || res.status == 304 || res.status < 200;
  bool has_length = res.headers.Has("Content-Length");
  Framing framing;
  framing.chunked = !has_length && !head && !bodiless_status;
  if (framing.chunked && version < 11) {
    *keep_alive = false;  // HTTP/1.0 has no chunking: the end of the body is the close
    framing.chunked = false;
  }
  framing.keep_alive = *keep_alive;
  std::string header = Header(version, res, framing);
  asio::const_buffer hb(header.data(), header.size());
  if (io.Write(Buffers(&hb, 1), idle)) return false;
  if (head || bodiless_status) return true;
  SessionBodyWriter writer(io, framing.chunked, idle);
  Status st;
  try {
    st = res.stream(writer);
  } catch (const std::exception& e) {
    st = Status::Internal(std::string("the body callback threw: ") + e.what());
  }
  if (!st.ok()) {
    logger->Warn(options.name, StrCat("response body for ", req.method, " ", req.path,
                                      " aborted: ", st.ToString()));
    return false;
  }
  if (framing.chunked) {
    static constexpr std::string_view kLast = "0\r\n\r\n";
    asio::const_buffer lb(kLast.data(), kLast.size());
    if (io.Write(Buffers(&lb, 1), idle)) return false;
  }
  return true;
}

bool HttpServer::Impl::WriteResponse(Connection& conn, Io& io, const HttpRequest& req,
                                     unsigned version, HttpResponse& res, bool keep_alive) {
  const bool head = req.method == "HEAD";
  const bool bodiless_status = res.status == 204 || res.status == 304 || res.status < 200;
  Framing framing;
  framing.keep_alive = keep_alive;

  // On the loop FilesReadyOnLoop has done this already, without waiting.
  InlineSmallFiles(req.method, res, /*no_wait=*/false);
  if (!res.files.empty()) {
    int64_t total = 0;
    for (const FileBody& f : res.files) total += f.length;
    framing.content_length = static_cast<uint64_t>(total);
    std::string header = Header(version, res, framing);
    asio::const_buffer hb(header.data(), header.size());
    if (io.Write(Buffers(&hb, 1), idle)) return false;
    bool ok = true;
    for (FileBody& f : res.files) {
      if (head || !ok) break;
      ok = SendFile(conn, io, f);
      f = FileBody{};  // closes the descriptor and releases the hold now, not at destruction
    }
    res.files.clear();
    return ok;
  }

  if (head || bodiless_status) {
    if (!bodiless_status && !res.headers.Has("Content-Length")) {
      framing.content_length = res.body.size();
    }
    std::string header = Header(version, res, framing);
    asio::const_buffer hb(header.data(), header.size());
    return !io.Write(Buffers(&hb, 1), idle);
  }
  framing.content_length = res.body.size();
  std::string header = Header(version, res, framing);
  const asio::const_buffer bufs[] = {asio::buffer(header), asio::buffer(res.body)};
  return !io.Write(bufs, idle);
}

bool HttpServer::Impl::SendFile(Connection& conn, Io& io, FileBody& file) {
  off_t offset = file.offset;
  int64_t remaining = file.length;
  while (remaining > 0) {
    size_t want = static_cast<size_t>(std::min<int64_t>(remaining, int64_t{1} << 30));
    ssize_t n = ::sendfile(conn.socket.native_handle(), file.fd.get(), &offset, want);
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
    if (io.WaitWritable(idle)) return false;
  }
  return true;
}

void HttpServer::Impl::WriteSimple(CoroIo& io, int status, std::string body) {
  HttpResponse res;
  res.Set(status, "application/json", std::move(body));
  Framing framing;
  framing.content_length = res.body.size();
  framing.keep_alive = false;
  std::string header = Header(11, res, framing);
  const asio::const_buffer bufs[] = {asio::buffer(header), asio::buffer(res.body)};
  (void)io.Write(bufs, idle);
}

void HttpServer::Impl::LingeringClose(Connection& conn, CoroIo& io, beast::flat_buffer& buffer) {
  beast::error_code ec;
  conn.socket.shutdown(tcp::socket::shutdown_send, ec);
  buffer.consume(buffer.size());
  size_t drained = 0;
  char sink[16 * 1024];
  auto until = Clock::now() + kLingerTimeout;
  while (drained < kLingerBytes) {
    auto left = std::chrono::duration_cast<Millis>(until - Clock::now());
    if (left <= Millis(0)) break;
    size_t n = 0;
    if (io.ReadSomeRaw(asio::buffer(sink), left, &n)) break;
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
  asio::post(loops[0]->ioc, [this] {
    beast::error_code ignored;
    acceptor->close(ignored);
  });
  auto close_where = [this](bool only_idle) {
    for (auto& loop : loops) {
      asio::post(loop->ioc, [l = loop.get(), only_idle] {
        for (Connection* c : l->conns) {
          beast::error_code ignored;
          if (c->idle) {
            c->socket.close(ignored);
          } else if (!only_idle) {
            // A pool thread may be in sendfile(2) on the descriptor: shut the connection down
            // (its operations fail) but leave closing the descriptor to the session.
            c->socket.shutdown(tcp::socket::shutdown_both, ignored);
            c->socket.cancel(ignored);
          }
        }
      });
    }
  };
  close_where(true);
  {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait_for(lock, Millis(options.shutdown_timeout_ms), [this] { return live == 0; });
  }
  close_where(false);  // whatever is still running past the deadline
  // Deferred answers still waiting get an error now, while the loops run; their `done` does
  // nothing from here on, so it may come late (or never) without touching a loop that is gone.
  defers->Close();
  {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait_for(lock, std::chrono::seconds(5), [this] { return live == 0; });
  }
  // The loops keep running while the pool drains: a handler still writing through them gets
  // its (failed) answer instead of waiting forever.
  pool.Stop();
  {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait_for(lock, std::chrono::seconds(5), [this] { return deferred == 0; });
  }
  for (auto& loop : loops) {
    asio::post(loop->ioc, [l = loop.get()] {
      l->sweeper.cancel();
      l->work.reset();
      l->ioc.stop();
    });
  }
  for (auto& loop : loops) {
    if (loop->thread.joinable()) loop->thread.join();
  }
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
