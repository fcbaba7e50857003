// The master's RPC routes served by a real HttpServer over a FileSystemMaster (heap store,
// local root UFS): the FileInfo answers, written directly as text (wire::WriteJson), are byte
// for byte what the master sent when it built an nlohmann document and dumped it.
#include "server/master/master_http_service.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <utility>

#include "lib/net/http_client.h"
#include "lib/net/http_server.h"
#include "lib/wire/fs_json.h"
#include "tests/unit/master/file_system_master_test_util.h"

namespace alluxio::master {
namespace {

using nlohmann::json;
using testing::Harness;

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// The RPC routes of a harness's master on a loopback port, called as user "root" (the
// harness's superuser).
class RpcServer {
 public:
  explicit RpcServer(Harness& h) : logger_(LogLevel::kWarn), callers_(true, &clock_) {
    net::Router router;
    AddMasterRpcRoutes(router, &h.master(), &callers_);
    net::HttpServerOptions options;
    options.bind_host = "127.0.0.1";
    options.threads = 2;
    server_ = std::make_unique<net::HttpServer>(options, std::move(router), &logger_);
    Status st = server_->Start();
    INFO(st.ToString());
    REQUIRE(st.ok());
  }

  // Call without assertions (Catch's are not thread-safe): the body of a 200, else an error.
  Result<std::string> TryCall(const std::string& route, const json& body) {
    net::ClientRequest req;
    req.method = "POST";
    req.target = "/api/v1/master/fs/" + route;
    req.headers.Set("X-Alluxio-User", "root");
    req.body = body.dump();
    ASSIGN_OR_RETURN(net::ClientResponse res, client_.Send("127.0.0.1", server_->port(), req));
    if (res.status != 200) return Status::Internal(StrCat(res.status, " ", res.body));
    return std::move(res.body);
  }

  // POSTs `body` to /api/v1/master/fs/<route>; the answer's body, which must be a 200.
  std::string Call(const std::string& route, const json& body) {
    net::ClientRequest req;
    req.method = "POST";
    req.target = "/api/v1/master/fs/" + route;
    req.headers.Set("X-Alluxio-User", "root");
    req.body = body.dump();
    auto res = client_.Send("127.0.0.1", server_->port(), req);
    INFO(res.status().ToString());
    REQUIRE(res.ok());
    INFO(res->body);
    REQUIRE(res->status == 200);
    return res->body;
  }

 private:
  Logger logger_;
  SystemClock clock_;
  CallerResolver callers_;
  std::unique_ptr<net::HttpServer> server_;
  net::HttpClient client_;
};

CallerInfo Root() { return CallerInfo{"root", {}}; }

TEST_CASE("the master's FileInfo answers are the bytes nlohmann's dump of to_json gave",
          "[master]") {
  Harness h;
  RpcServer rpc(h);
  wire::GetStatusOptions stat;

  // create-file and complete-file answer with the new file's FileInfo.
  std::string created = rpc.Call(
      "create-file", {{"path", "/d/caf\xc3\xa9 \"q\""}, {"options", {{"recursive", true}}}});
  auto info = h->GetStatus(Root(), "/d/caf\xc3\xa9 \"q\"", stat);
  MASTER_REQUIRE_OK(info);
  CHECK(created == Dump(json(*info)));
  std::string completed =
      rpc.Call("complete-file",
               {{"path", "/d/caf\xc3\xa9 \"q\""}, {"length", 0}, {"writeType", "CACHE_THROUGH"}});
  info = h->GetStatus(Root(), "/d/caf\xc3\xa9 \"q\"", stat);
  MASTER_REQUIRE_OK(info);
  CHECK(info->persisted);
  CHECK(completed == Dump(json(*info)));

  // Names that are not UTF-8 come from the UFS; the answer carries U+FFFD for them.
  h.WriteUfs("/d/bad\xff\xfe name", "x");
  h.WriteUfs("/d/tab\there", "yz");
  std::string first = rpc.Call("list-status", {{"path", "/d"}, {"batchSize", 2}});
  auto page = h->ListStatus(Root(), "/d", wire::ListStatusOptions{}, "", 2);
  MASTER_REQUIRE_OK(page);
  REQUIRE(page->entries.size() == 2);
  REQUIRE(page->truncated);
  json entries = json::array();
  for (const auto& e : page->entries) entries.push_back(json(e));
  CHECK(first == Dump(json{{"entries", entries}, {"truncated", true}}));
  CHECK(first.find("bad\xef\xbf\xbd\xef\xbf\xbd name") != std::string::npos);

  std::string rest = rpc.Call(
      "list-status", {{"path", "/d"}, {"startAfter", page->entries.back().name}, {"batchSize", 2}});
  page = h->ListStatus(Root(), "/d", wire::ListStatusOptions{}, page->entries.back().name, 2);
  MASTER_REQUIRE_OK(page);
  REQUIRE(page->entries.size() == 1);
  entries = json::array();
  for (const auto& e : page->entries) entries.push_back(json(e));
  CHECK(rest == Dump(json{{"entries", entries}, {"truncated", false}}));

  // get-status of a directory, a file and the root; get-status-by-id.
  for (std::string path : {"/d", "/d/tab\there", "/"}) {
    info = h->GetStatus(Root(), path, stat);
    MASTER_REQUIRE_OK(info);
    CHECK(rpc.Call("get-status", {{"path", path}}) == Dump(json(*info)));
    CHECK(rpc.Call("get-status-by-id", {{"fileId", info->file_id}}) == Dump(json(*info)));
  }
}

}  // namespace
TEST_CASE("with journal sync, creates and completes are answered once their group commit is done",
          "[master]") {
  testing::HarnessConfig config;
  config.rocks = true;
  config.tweak = [](FileSystemMasterOptions& o) { o.journal_sync = true; };
  Harness h(config);
  RpcServer rpc(h);
  // Concurrent writers, each create and complete waiting for an fsync without a thread: all
  // answered 200, and every file is there and complete. (No assertions in the threads: Catch's
  // are not thread-safe.)
  std::mutex mu;
  std::vector<std::string> failures;  // guarded by mu
  std::vector<std::thread> writers;
  for (int t = 0; t < 8; ++t) {
    writers.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) {
        std::string path = "/w" + std::to_string(t) + "/f" + std::to_string(i);
        auto created = rpc.TryCall(
            "create-file",
            {{"path", path}, {"options", {{"recursive", true}, {"writeType", "MUST_CACHE"}}}});
        auto done = created.ok()
                        ? rpc.TryCall("complete-file",
                                      {{"path", path}, {"length", 0}, {"writeType", "MUST_CACHE"}})
                        : Result<std::string>(created.status());
        if (!done.ok() || !json::parse(*done)["completed"].get<bool>()) {
          std::lock_guard<std::mutex> lock(mu);
          failures.push_back(path + ": " + (done.ok() ? *done : done.status().ToString()));
        }
      }
    });
  }
  for (auto& w : writers) w.join();
  std::string failed;
  for (const auto& f : failures) failed += f + "\n";
  INFO(failed);
  CHECK(failures.empty());
  for (int t = 0; t < 8; ++t) {
    for (int i = 0; i < 20; ++i) {
      auto info = h->GetStatus(Root(), "/w" + std::to_string(t) + "/f" + std::to_string(i), {});
      REQUIRE(info.ok());
      CHECK(info->completed);
    }
  }
}

}  // namespace alluxio::master
