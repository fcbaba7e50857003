#include "lib/net/http_client.h"

#include <openssl/ssl.h>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "lib/common/logging.h"
#include "lib/common/strings.h"

namespace alluxio::net {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using ResponseParser = http::response_parser<http::buffer_body>;

// One pooled connection, plain or TLS. Its private io_context runs only while the owning thread
// waits for an operation, which turns Beast's asynchronous operations (the ones with timeouts)
// into blocking calls.
struct Conn {
  asio::io_context ioc;
  // Exactly one of the two is set.
  std::optional<beast::tcp_stream> plain;
  std::optional<beast::ssl_stream<beast::tcp_stream>> secure;
  beast::flat_buffer buffer;
  std::string where;     // "host:port", for messages
  std::string pool_key;  // `where`, prefixed with "tls:" for TLS connections

  // The TCP layer: connects, and carries the timeouts.
  beast::tcp_stream& tcp() { return secure ? beast::get_lowest_layer(*secure) : *plain; }

  // Calls `f` with the stream requests and responses go through.
  template <typename F>
  void Io(F&& f) {
    if (secure) {
      f(*secure);
    } else {
      f(*plain);
    }
  }

  // Runs the io_context until the started operation completes. The stream's expiry closes the
  // socket on timeout, which completes the operation with beast::error::timeout.
  void Wait() {
    ioc.restart();
    ioc.run();
  }
};

bool IsIdempotent(const std::string& method) {
  return method == "GET" || method == "HEAD" || method == "PUT" || method == "DELETE" ||
         method == "OPTIONS";
}

Status IoError(const Conn& c, const beast::error_code& ec, std::string_view doing) {
  if (ec == beast::error::timeout) {
    return Status::DeadlineExceeded(StrCat("Timed out ", doing, " ", c.where));
  }
  if (ec.category() == http::make_error_code(http::error::end_of_stream).category() &&
      ec != http::error::end_of_stream && ec != http::error::partial_message) {
    return Status::InvalidArgument(
        StrCat("Malformed HTTP response from ", c.where, ": ", ec.message()));
  }
  return Status::Unavailable(
      StrCat("Connection to ", c.where, " failed while ", doing, ": ", ec.message()));
}

}  // namespace

struct HttpClient::Impl {
  explicit Impl(HttpClientOptions o) : options(std::move(o)) {}

  // Loads the trusted certificates on the first https connection only: loading the system
  // store costs tens of milliseconds of CPU, which every short-lived `alluxio fs` call would
  // pay for nothing on plain http.
  Status SetUpTls() {
    std::call_once(tls_once, [this] {
      beast::error_code ec;
      if (options.tls_ca_file.empty()) {
        ssl_ctx.set_default_verify_paths(ec);
      } else {
        ssl_ctx.load_verify_file(options.tls_ca_file, ec);
      }
      if (ec) {
        tls_setup_error = Status::Unavailable(StrCat(
            "Cannot load the trusted TLS certificates",
            options.tls_ca_file.empty() ? "" : " from " + options.tls_ca_file, ": ", ec.message()));
      }
      ssl_ctx.set_verify_mode(options.tls_verify ? asio::ssl::verify_peer : asio::ssl::verify_none);
    });
    return tls_setup_error;
  }

  std::unique_ptr<Conn> TakeIdle(const std::string& key) {
    std::lock_guard<std::mutex> lock(mu);
    auto it = idle.find(key);
    if (it == idle.end() || it->second.empty()) return nullptr;
    auto c = std::move(it->second.back());
    it->second.pop_back();
    return c;
  }

  void GiveBack(std::unique_ptr<Conn> c) {
    std::lock_guard<std::mutex> lock(mu);
    auto& v = idle[c->pool_key];
    if (v.size() < options.max_idle_per_host) v.push_back(std::move(c));
  }

  Result<std::unique_ptr<Conn>> Connect(const std::string& host, int port, bool tls) {
    if (tls) RETURN_IF_ERROR(SetUpTls());
    auto c = std::make_unique<Conn>();
    c->where = host + ":" + std::to_string(port);
    c->pool_key = (tls ? "tls:" : "") + c->where;
    if (tls) {
      c->secure.emplace(c->ioc, ssl_ctx);
    } else {
      c->plain.emplace(c->ioc);
    }
    beast::error_code ec;
    tcp::resolver resolver(c->ioc);
    auto results = resolver.resolve(host, std::to_string(port), ec);
    if (ec) {
      return Status::Unavailable(StrCat("Cannot resolve host \"", host, "\": ", ec.message()));
    }
    c->tcp().expires_after(std::chrono::milliseconds(options.connect_timeout_ms));
    c->tcp().async_connect(results,
                           [&](const beast::error_code& e, const tcp::endpoint&) { ec = e; });
    c->Wait();
    if (ec == beast::error::timeout) {
      return Status::Unavailable(StrCat("Timed out connecting to ", c->where));
    }
    if (ec) {
      return Status::Unavailable(StrCat("Cannot connect to ", c->where, ": ", ec.message()));
    }
    c->tcp().socket().set_option(tcp::no_delay(true), ec);
    if (tls) RETURN_IF_ERROR(Handshake(*c, host));
    return c;
  }

  // TLS handshake with SNI and (unless disabled) host name verification.
  Status Handshake(Conn& c, const std::string& host) {
    if (!SSL_set_tlsext_host_name(c.secure->native_handle(), host.c_str())) {
      return Status::Unavailable(StrCat("Cannot set the TLS server name for ", c.where));
    }
    if (options.tls_verify) c.secure->set_verify_callback(asio::ssl::host_name_verification(host));
    beast::error_code ec;
    c.tcp().expires_after(std::chrono::milliseconds(options.connect_timeout_ms));
    c.secure->async_handshake(asio::ssl::stream_base::client,
                              [&](const beast::error_code& e) { ec = e; });
    c.Wait();
    if (ec == beast::error::timeout) {
      return Status::Unavailable(StrCat("Timed out in the TLS handshake with ", c.where));
    }
    if (ec) {
      return Status::Unavailable(StrCat("TLS handshake with ", c.where, " failed: ", ec.message()));
    }
    return Status::OK();
  }

  Status WriteRequest(Conn& c, const ClientRequest& r, std::chrono::milliseconds timeout) {
    beast::error_code ec;
    auto fill = [&](auto& msg) {
      msg.method_string(r.method);
      msg.target(r.target);
      msg.version(11);
      msg.set(http::field::host, c.where);
      msg.set(http::field::user_agent, options.user_agent);
      for (const auto& [k, v] : r.headers) msg.set(k, v);
    };
    if (!r.body_source) {
      http::request<http::string_body> msg;
      fill(msg);
      msg.body() = r.body;
      if (!r.body.empty() || r.method == "POST" || r.method == "PUT") {
        msg.content_length(r.body.size());
      }
      c.tcp().expires_after(timeout);
      c.Io([&](auto& s) {
        http::async_write(s, msg, [&](const beast::error_code& e, size_t) { ec = e; });
      });
      c.Wait();
      return ec ? IoError(c, ec, "sending a request to") : Status::OK();
    }
    http::request<http::empty_body> head;
    fill(head);
    bool chunked = !r.content_length.has_value();
    if (chunked) {
      head.chunked(true);
    } else {
      head.content_length(*r.content_length);
    }
    http::request_serializer<http::empty_body> sr(head);
    c.tcp().expires_after(timeout);
    c.Io([&](auto& s) {
      http::async_write_header(s, sr, [&](const beast::error_code& e, size_t) { ec = e; });
    });
    c.Wait();
    if (ec) return IoError(c, ec, "sending a request to");
    std::vector<char> buf(256 * 1024);
    uint64_t sent = 0;
    while (true) {
      ASSIGN_OR_RETURN(size_t n, r.body_source(buf.data(), buf.size()));
      if (n == 0) break;
      c.tcp().expires_after(timeout);
      c.Io([&](auto& s) {
        if (chunked) {
          asio::async_write(s, http::make_chunk(asio::const_buffer(buf.data(), n)),
                            [&](const beast::error_code& e, size_t) { ec = e; });
        } else {
          asio::async_write(s, asio::const_buffer(buf.data(), n),
                            [&](const beast::error_code& e, size_t) { ec = e; });
        }
      });
      c.Wait();
      if (ec) return IoError(c, ec, "sending a request body to");
      sent += n;
    }
    if (chunked) {
      c.tcp().expires_after(timeout);
      c.Io([&](auto& s) {
        asio::async_write(s, http::make_chunk_last(),
                          [&](const beast::error_code& e, size_t) { ec = e; });
      });
      c.Wait();
      if (ec) return IoError(c, ec, "sending a request body to");
    } else if (sent != *r.content_length) {
      return Status::InvalidArgument(StrCat("Request body source produced ", sent,
                                            " bytes but Content-Length announced ",
                                            *r.content_length));
    }
    return Status::OK();
  }

  const HttpClientOptions options;
  // Shared by every TLS connection; configured once by SetUpTls, then only read.
  asio::ssl::context ssl_ctx{asio::ssl::context::tls_client};
  std::once_flag tls_once;
  Status tls_setup_error;  // written once inside tls_once
  mutable std::mutex mu;
  std::map<std::string, std::vector<std::unique_ptr<Conn>>> idle;  // guarded by mu
};

namespace {

class ResponseStreamImpl final : public ResponseStream {
 public:
  using GiveBack = std::function<void(std::unique_ptr<Conn>)>;

  ResponseStreamImpl(GiveBack give_back, std::unique_ptr<Conn> conn,
                     std::unique_ptr<ResponseParser> parser, std::chrono::milliseconds timeout)
      : give_back_(std::move(give_back)),
        conn_(std::move(conn)),
        parser_(std::move(parser)),
        timeout_(timeout) {
    const auto& msg = parser_->get();
    status_ = static_cast<int>(msg.result_int());
    for (const auto& f : msg) headers_.Add(std::string(f.name_string()), std::string(f.value()));
    if (auto len = parser_->content_length()) length_ = *len;
    MaybeRelease();
  }

  ~ResponseStreamImpl() override = default;

  int status() const override { return status_; }
  const Headers& headers() const override { return headers_; }
  std::optional<uint64_t> content_length() const override { return length_; }

  Result<size_t> Read(char* buf, size_t n) override {
    if (!conn_) return size_t{0};
    if (n == 0) return size_t{0};
    beast::error_code ec;
    // Beast reads no more than the buffer's free capacity; make room for large reads.
    if (conn_->buffer.capacity() < 256 * 1024) conn_->buffer.reserve(256 * 1024);
    while (!parser_->is_done()) {
      parser_->get().body().data = buf;
      parser_->get().body().size = n;
      conn_->tcp().expires_after(timeout_);
      conn_->Io([&](auto& s) {
        http::async_read_some(s, conn_->buffer, *parser_,
                              [&](const beast::error_code& e, size_t) { ec = e; });
      });
      conn_->Wait();
      if (ec == http::error::need_buffer) ec = {};
      if (ec) {
        Status st = IoError(*conn_, ec, "reading a response body from");
        conn_.reset();
        return st;
      }
      size_t got = n - parser_->get().body().size;
      if (got > 0) {
        MaybeRelease();
        return got;
      }
    }
    MaybeRelease();
    return size_t{0};
  }

 private:
  // Returns the connection to the pool once the body has been read completely.
  void MaybeRelease() {
    if (conn_ && parser_->is_done()) {
      if (parser_->get().keep_alive()) give_back_(std::move(conn_));
      conn_.reset();
    }
  }

  GiveBack give_back_;
  std::unique_ptr<Conn> conn_;
  std::unique_ptr<ResponseParser> parser_;
  std::chrono::milliseconds timeout_;
  int status_ = 0;
  Headers headers_;
  std::optional<uint64_t> length_;
};

}  // namespace

HttpClient::HttpClient(HttpClientOptions options)
    : impl_(std::make_shared<Impl>(std::move(options))) {}

HttpClient::~HttpClient() = default;

Result<std::unique_ptr<ResponseStream>> HttpClient::Open(const std::string& host, int port,
                                                         const ClientRequest& request) {
  const auto timeout = std::chrono::milliseconds(
      request.timeout_ms > 0 ? request.timeout_ms : impl_->options.io_timeout_ms);
  const std::string key = (request.tls ? "tls:" : "") + host + ":" + std::to_string(port);
  const bool replayable = !request.body_source;
  const bool idempotent = IsIdempotent(request.method);
  Status last;
  for (int attempt = 0; attempt <= impl_->options.max_retries; ++attempt) {
    if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(50 * attempt));
    // A streamed body cannot be replayed, so it never risks a pooled connection the server
    // may have closed while it sat idle: it gets a fresh one.
    std::unique_ptr<Conn> conn = replayable ? impl_->TakeIdle(key) : nullptr;
    const bool reused = conn != nullptr;
    if (!conn) {
      auto c = impl_->Connect(host, port, request.tls);
      if (!c.ok()) {
        last = c.status();
        // Nothing was sent, so retrying is safe for every method.
        if (replayable) continue;
        return last;
      }
      conn = std::move(c).value();
    }
    const bool may_retry = replayable && (idempotent || reused);
    Status st = impl_->WriteRequest(*conn, request, timeout);
    if (!st.ok()) {
      last = st;
      if (may_retry && st.code() == StatusCode::kUnavailable) continue;
      return st;
    }
    auto parser = std::make_unique<ResponseParser>();
    parser->body_limit(boost::none);
    if (request.method == "HEAD") parser->skip(true);
    beast::error_code ec;
    conn->tcp().expires_after(timeout);
    conn->Io([&](auto& s) {
      http::async_read_header(s, conn->buffer, *parser,
                              [&](const beast::error_code& e, size_t) { ec = e; });
    });
    conn->Wait();
    if (ec) {
      last = IoError(*conn, ec, "waiting for a response from");
      bool nothing_received = !parser->got_some();
      if (may_retry && nothing_received && ec != beast::error::timeout) continue;
      return last;
    }
    // The stream keeps the pool alive until it hands its connection back.
    auto give_back = [impl = impl_](std::unique_ptr<Conn> c) { impl->GiveBack(std::move(c)); };
    return std::unique_ptr<ResponseStream>(std::make_unique<ResponseStreamImpl>(
        std::move(give_back), std::move(conn), std::move(parser), timeout));
  }
  return last;
}

Result<ClientResponse> HttpClient::Send(const std::string& host, int port,
                                        const ClientRequest& request, size_t max_body) {
  ASSIGN_OR_RETURN(std::unique_ptr<ResponseStream> stream, Open(host, port, request));
  ClientResponse out;
  out.status = stream->status();
  out.headers = stream->headers();
  ASSIGN_OR_RETURN(out.body, ReadAll(*stream, max_body));
  return out;
}

size_t HttpClient::IdleConnections(const std::string& host, int port, bool tls) const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  auto it = impl_->idle.find((tls ? "tls:" : "") + host + ":" + std::to_string(port));
  return it == impl_->idle.end() ? 0 : it->second.size();
}

}  // namespace alluxio::net
