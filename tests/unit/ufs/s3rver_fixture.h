// Test fixtures for the S3 connector:
//   - S3rver: the npm package s3rver (installed into tests/tools by
//     `scripts/install-deps.sh --test`) run with node on 127.0.0.1, a free port and a temporary
//     directory; stopped and cleaned up on destruction. A test that needs it FAILS with a clear
//     message when node or s3rver is missing, so a broken install cannot pass silently.
//     ALLUXIO_S3RVER may point at another s3rver.js.
//   - SharedS3rver(): one S3rver per test process, started on first use (each test then works
//     in a bucket of its own, so a node start-up is paid once).
//   - S3Proxy: an HTTP proxy in front of an S3 server that records every request (method,
//     target, headers, bytes each way) and can answer chosen requests itself (errors such as
//     503 SlowDown, or scripted bodies), to observe what the connector sends and to inject
//     faults.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "lib/common/logging.h"
#include "lib/common/strings.h"
#include "lib/net/http_client.h"
#include "lib/net/http_server.h"
#include "lib/ufs/s3_ufs.h"
#include "lib/ufs/sigv4.h"
#include "tests/unit/ufs/ufs_test_util.h"

namespace alluxio::ufs::testing {

// s3rver's built-in account.
inline constexpr const char* kS3rverAccessKey = "S3RVER";
inline constexpr const char* kS3rverSecretKey = "S3RVER";

// Where s3rver's command-line entry point is expected.
inline std::string S3rverScript() {
  if (const char* env = std::getenv("ALLUXIO_S3RVER"); env != nullptr && *env != '\0') return env;
  // This header is tests/unit/ufs/s3rver_fixture.h; the tools live in tests/tools.
  std::filesystem::path here(__FILE__);
  return (here.parent_path().parent_path().parent_path() / "tools" / "node_modules" / "s3rver" /
          "bin" / "s3rver.js")
      .lexically_normal()
      .string();
}

// The full path of `program` on $PATH, or "".
inline std::string FindOnPath(const std::string& program) {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return "";
  for (const std::string& dir : Split(path, ':')) {
    if (dir.empty()) continue;
    std::string candidate = dir + "/" + program;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return "";
}

class S3rver {
 public:
  struct Options {
    // PEM files to serve HTTPS with; empty: plain HTTP.
    std::string tls_key_file;
    std::string tls_cert_file;
  };

  // Starts a server; FAILs the calling test if it cannot.
  explicit S3rver(Options options = {}) : options_(std::move(options)) { Start(); }
  ~S3rver() { Stop(); }
  S3rver(const S3rver&) = delete;
  S3rver& operator=(const S3rver&) = delete;

  int port() const { return port_; }
  const std::string& data_dir() const { return dir_->path(); }

  // A new, empty bucket with a name no other test uses.
  std::string NewBucket() {
    std::string name = StrCat("t", ::getpid(), "-", next_bucket_++);
    net::ClientRequest req;
    req.method = "PUT";
    req.target = "/" + name;
    req.tls = !options_.tls_cert_file.empty();
    auto r = Client().Send("127.0.0.1", port_, req);
    REQUIRE(r.ok());
    INFO(r->body);
    REQUIRE(r->status == 200);
    return name;
  }

  // Unsigned requests (s3rver lets anonymous callers in), for setting up and checking state
  // behind the connector's back. Returns the HTTP status.
  int RawPut(const std::string& bucket, const std::string& key, const std::string& body) {
    return Raw("PUT", bucket, key, body).status;
  }
  int RawHead(const std::string& bucket, const std::string& key) {
    return Raw("HEAD", bucket, key, "").status;
  }
  net::ClientResponse Raw(const std::string& method, const std::string& bucket,
                          const std::string& key, const std::string& body,
                          const std::string& query = "") {
    net::ClientRequest req;
    req.method = method;
    req.target = "/" + bucket + "/" + sigv4::UriEncode(key, true) + query;
    req.body = body;
    req.tls = !options_.tls_cert_file.empty();
    auto r = Client().Send("127.0.0.1", port_, req);
    REQUIRE(r.ok());
    return std::move(*r);
  }

 private:
  net::HttpClient& Client() {
    if (!client_) {
      net::HttpClientOptions o;
      o.tls_ca_file = options_.tls_cert_file;
      client_ = std::make_unique<net::HttpClient>(o);
    }
    return *client_;
  }

  void Start() {
    std::string node = FindOnPath("node");
    if (node.empty()) {
      FAIL(
          "node is not installed (needed to run s3rver for the S3 tests): run "
          "scripts/install-deps.sh --test");
    }
    std::string script = S3rverScript();
    if (::access(script.c_str(), R_OK) != 0) {
      FAIL("s3rver is not installed at " << script
                                         << ": run scripts/install-deps.sh --test (or set "
                                            "ALLUXIO_S3RVER to s3rver's bin/s3rver.js)");
    }
    dir_ = std::make_unique<TempDir>();
    std::string data = dir_->path() + "/data";
    std::string out = dir_->path() + "/stdout";
    std::string err = dir_->path() + "/stderr";
    std::filesystem::create_directories(data);
    // s3rver encrypts continuation tokens with DES, which OpenSSL 3 keeps in its legacy
    // provider: without it every truncated listing fails with a 500.
    std::vector<std::string> args = {
        node,       "--openssl-legacy-provider", script, "-d", data, "-a", "127.0.0.1", "-p", "0",
        "--silent", "--no-vhost-buckets"};
    if (!options_.tls_cert_file.empty()) {
      args.insert(args.end(), {"--key", options_.tls_key_file, "--cert", options_.tls_cert_file});
    }
    // Everything the child needs is prepared before fork: other threads may hold the
    // allocator's locks at that moment.
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    int out_fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    int err_fd = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    REQUIRE(out_fd >= 0);
    REQUIRE(err_fd >= 0);
    pid_ = ::fork();
    if (pid_ == 0) {
      // The child dies with the test process, whatever kills it.
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      ::dup2(out_fd, 1);
      ::dup2(err_fd, 2);
      ::execv(node.c_str(), argv.data());
      ::_exit(127);
    }
    ::close(out_fd);
    ::close(err_fd);
    REQUIRE(pid_ > 0);
    // s3rver prints "S3rver listening on 127.0.0.1:<port>" once it accepts connections.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (port_ == 0) {
      std::ifstream in(out);
      std::string line;
      while (std::getline(in, line)) {
        size_t at = line.find("listening on 127.0.0.1:");
        if (at != std::string::npos) {
          port_ = std::atoi(line.c_str() + at + std::string("listening on 127.0.0.1:").size());
        }
      }
      int status = 0;
      if (port_ == 0 && ::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        FAIL("s3rver exited during start-up: " << ReadFile(err));
      }
      if (port_ == 0 && std::chrono::steady_clock::now() > deadline) {
        FAIL("s3rver did not start within 30 s: " << ReadFile(err));
      }
      if (port_ == 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    // And answers.
    net::ClientRequest req;
    req.tls = !options_.tls_cert_file.empty();
    auto r = Client().Send("127.0.0.1", port_, req);
    if (!r.ok() || r->status != 200) {
      FAIL("s3rver on port " << port_ << " does not answer: "
                             << (r.ok() ? std::to_string(r->status) : r.status().ToString()));
    }
  }

  void Stop() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      for (int i = 0; i < 100 && ::waitpid(pid_, &status, WNOHANG) == 0; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
      if (::waitpid(pid_, &status, WNOHANG) == 0) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &status, 0);
      }
      pid_ = -1;
    }
    client_.reset();
    dir_.reset();
  }

  static std::string ReadFile(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

  const Options options_;
  std::unique_ptr<TempDir> dir_;
  std::unique_ptr<net::HttpClient> client_;
  pid_t pid_ = -1;
  int port_ = 0;
  int next_bucket_ = 0;
};

// One s3rver for the whole test process.
inline S3rver& SharedS3rver() {
  static std::unique_ptr<S3rver> server;
  if (!server) server = std::make_unique<S3rver>();
  return *server;
}

// Options of an S3Ufs on `bucket` of an S3 server on 127.0.0.1:`port`, with s3rver's
// credentials and short back-offs.
inline S3UfsOptions LocalS3Options(int port, const std::string& bucket) {
  S3UfsOptions o;
  o.bucket = bucket;
  o.https = false;
  o.host = "127.0.0.1";
  o.port = port;
  o.path_style = true;
  o.credentials.access_key_id = kS3rverAccessKey;
  o.credentials.secret_access_key = kS3rverSecretKey;
  o.part_size = 5 * 1024 * 1024;
  o.retry.initial_backoff_ms = 5;
  o.retry.max_backoff_ms = 50;
  o.retry.total_deadline_ms = 5'000;
  o.request_timeout_ms = 10'000;
  return o;
}

inline std::shared_ptr<net::HttpClient> NewS3HttpClient() {
  net::HttpClientOptions o;
  o.connect_timeout_ms = 2'000;
  o.max_retries = 1;
  return std::make_shared<net::HttpClient>(o);
}

// An HTTP proxy to 127.0.0.1:`upstream_port` that records requests and answers some itself.
class S3Proxy {
 public:
  struct Seen {
    std::string method;
    std::string target;
    net::Headers headers;
    size_t request_bytes = 0;
    int status = 0;
    size_t response_bytes = 0;
    bool injected = false;
  };
  // Decides whether a canned answer applies to a request.
  using Match = std::function<bool(const net::HttpRequest&)>;
  // Status of a canned answer that forwards the request but breaks the connection after
  // `body` bytes (a decimal number) of the server's response body.
  static constexpr int kTruncate = -1;

  explicit S3Proxy(int upstream_port) : upstream_port_(upstream_port), logger_(LogLevel::kError) {
    net::HttpClientOptions client_options;
    client_options.max_retries = 0;
    client_ = std::make_unique<net::HttpClient>(client_options);
    net::Router router;
    router.Add("*", "/{path*}",
               [this](net::HttpRequest& req, net::HttpResponse& res) { Handle(req, res); });
    net::HttpServerOptions options;
    options.bind_host = "127.0.0.1";
    options.port = 0;
    options.threads = 4;
    options.name = "s3proxy";
    server_ = std::make_unique<net::HttpServer>(options, std::move(router), &logger_);
    Status started = server_->Start();
    REQUIRE(started.ok());
  }
  ~S3Proxy() { server_->Stop(); }

  int port() const { return server_->port(); }

  // The next `times` requests that `match` answers `status` with `body` (an S3 <Error>
  // document for `code` when `body` is empty) without reaching the server.
  void Inject(Match match, int status, std::string code, int times = 1, std::string body = "") {
    if (body.empty() && !code.empty()) {
      body = StrCat("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>", code,
                    "</Code><Message>injected by the test</Message></Error>");
    }
    std::lock_guard<std::mutex> lock(mu_);
    for (int i = 0; i < times; ++i) canned_.push_back({match, status, body});
  }

  std::vector<Seen> Requests() const {
    std::lock_guard<std::mutex> lock(mu_);
    return seen_;
  }
  void ClearRequests() {
    std::lock_guard<std::mutex> lock(mu_);
    seen_.clear();
  }
  // How many recorded requests satisfy `pred`.
  size_t Count(const std::function<bool(const Seen&)>& pred) const {
    std::lock_guard<std::mutex> lock(mu_);
    return static_cast<size_t>(std::count_if(seen_.begin(), seen_.end(), pred));
  }

 private:
  struct Canned {
    Match match;
    int status;
    std::string body;
  };

  void Handle(net::HttpRequest& req, net::HttpResponse& res) {
    Seen seen{req.method, req.target, req.headers, req.body.size()};
    std::optional<Canned> canned;
    {
      std::lock_guard<std::mutex> lock(mu_);
      for (auto it = canned_.begin(); it != canned_.end(); ++it) {
        if (!it->match || it->match(req)) {
          canned = *it;
          canned_.erase(it);
          break;
        }
      }
    }
    if (canned && canned->status == kTruncate) {
      Forward(req, res);
      size_t keep = static_cast<size_t>(std::stoul(canned->body));
      auto full = std::make_shared<std::string>(std::move(res.body));
      res.headers.Set("Content-Length", std::to_string(full->size()));
      res.stream = [full, keep](net::BodyWriter& w) -> Status {
        RETURN_IF_ERROR(w.Write(std::string_view(*full).substr(0, keep)));
        return Status::Unavailable("connection broken by the test");
      };
      seen.injected = true;
      res.body = std::string(keep, '\0');  // for the byte count below
    } else if (canned) {
      res.status = canned->status;
      res.headers.Set("Content-Type", "application/xml");
      res.body = canned->body;
      seen.injected = true;
    } else {
      Forward(req, res);
    }
    seen.status = res.status;
    seen.response_bytes = res.body.size();
    std::lock_guard<std::mutex> lock(mu_);
    seen_.push_back(std::move(seen));
  }

  // Sends `req` to the server and copies its answer into `res`.
  void Forward(const net::HttpRequest& req, net::HttpResponse& res) {
    net::ClientRequest out;
    out.method = req.method;
    out.target = req.target;
    for (const auto& [name, value] : req.headers) {
      if (EqualsIgnoreCase(name, "Content-Length") || EqualsIgnoreCase(name, "Connection") ||
          EqualsIgnoreCase(name, "Transfer-Encoding") || EqualsIgnoreCase(name, "Expect")) {
        continue;
      }
      out.headers.Add(name, value);
    }
    out.body = req.body;
    auto r = client_->Send("127.0.0.1", upstream_port_, out);
    if (!r.ok()) {
      res.status = 502;
      res.body = r.status().ToString();
    } else {
      res.status = r->status;
      for (const auto& [name, value] : r->headers) {
        if ((EqualsIgnoreCase(name, "Content-Length") && req.method != "HEAD") ||
            EqualsIgnoreCase(name, "Connection") || EqualsIgnoreCase(name, "Transfer-Encoding") ||
            EqualsIgnoreCase(name, "Date") || EqualsIgnoreCase(name, "Server")) {
          continue;
        }
        res.headers.Add(name, value);
      }
      res.body = std::move(r->body);
    }
  }

  const int upstream_port_;
  Logger logger_;
  std::unique_ptr<net::HttpClient> client_;
  std::unique_ptr<net::HttpServer> server_;
  mutable std::mutex mu_;
  std::vector<Canned> canned_;  // guarded by mu_
  std::vector<Seen> seen_;      // guarded by mu_
};

}  // namespace alluxio::ufs::testing
