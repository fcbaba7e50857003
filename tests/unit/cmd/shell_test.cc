// `alluxio shell`: line splitting, and a session driving the REST client against the proxy's
// real REST routes (an in-process HTTP server over an in-memory FileSystem).
#include <catch2/catch.hpp>
#include <memory>
#include <sstream>
#include <string>

#include "cmd/shell/line_editor.h"
#include "cmd/shell/shell_session.h"
#include "cmd/shell/shell_words.h"
#include "lib/client/rest_file_system.h"
#include "lib/common/clock.h"
#include "lib/common/logging.h"
#include "lib/common/metrics.h"
#include "lib/net/http_server.h"
#include "lib/net/router.h"
#include "server/proxy/rest_service.h"
#include "server/proxy/stream_registry.h"
#include "tests/unit/proxy/s3_fake_file_system.h"

namespace alluxio::cli::shell {
namespace {

std::vector<Words> Split(std::string_view text) {
  auto r = SplitCommands(text);
  REQUIRE(r.ok());
  return *r;
}

// The proxy's REST API over an in-memory file system, on a free port.
class RestFixture {
 public:
  RestFixture() : logger_(LogLevel::kWarn), streams_(&clock_, 60'000, 5'000) {
    net::Router router;
    proxy::AddRestRoutes(router, &fake, &streams_, [] { return proxy::ProxyInfo{}; });
    proxy::AddAdminRoutes(router, &fake, [](const std::string&) -> Result<std::string> {
      return Status::Unavailable("no master in this test");
    });
    net::HttpServerOptions options;
    options.bind_host = "127.0.0.1";
    options.port = 0;
    options.name = "rest-test";
    server_ = std::make_unique<net::HttpServer>(options, std::move(router), &logger_, &metrics_);
    REQUIRE(server_->Start().ok());
    client::RestOptions rest;
    rest.host = "127.0.0.1";
    rest.port = server_->port();
    fs = std::make_unique<client::RestFileSystem>(rest);
  }

  proxy::testing::FakeFileSystem fake;
  std::unique_ptr<client::RestFileSystem> fs;

 private:
  Logger logger_;
  MetricsRegistry metrics_;
  SystemClock clock_;
  proxy::StreamRegistry streams_;
  std::unique_ptr<net::HttpServer> server_;
};

}  // namespace

TEST_CASE("shell words: blanks, quotes, escapes, separators and comments", "[shell]") {
  CHECK(Split("ls /a") == std::vector<Words>{{"ls", "/a"}});
  CHECK(Split("  ls\t /a  ") == std::vector<Words>{{"ls", "/a"}});
  CHECK(Split("ls '/a b'; cat \"/c \\\"d\\\"\"") ==
        std::vector<Words>{{"ls", "/a b"}, {"cat", "/c \"d\""}});
  CHECK(Split("ls /a\\ b") == std::vector<Words>{{"ls", "/a b"}});
  CHECK(Split("ls /a \\\n  -d") == std::vector<Words>{{"ls", "/a", "-d"}});  // no empty word
  CHECK(Split("ls /a\\\nb") == std::vector<Words>{{"ls", "/ab"}});
  CHECK(Split("ls /a # a comment; not a command\npwd") ==
        std::vector<Words>{{"ls", "/a"}, {"pwd"}});
  CHECK(Split("ls /a#b") == std::vector<Words>{{"ls", "/a#b"}});
  CHECK(Split(";;\n ; ").empty());
  CHECK(Split("touch ''") == std::vector<Words>{{"touch", ""}});
  CHECK(Split("echo 'it''s'") == std::vector<Words>{{"echo", "its"}});

  auto open = SplitCommands("ls 'abc");
  REQUIRE_FALSE(open.ok());
  CHECK(open.status().message() == "Unterminated ' quote starting at column 4");
  CHECK_FALSE(SplitCommands("cat \"x").ok());
  CHECK_FALSE(SplitCommands("ls \\").ok());
}

TEST_CASE("shell words: QuoteWord round-trips through the splitter", "[shell]") {
  for (std::string w : {"plain", "a b", "it's", "semi;colon", "#hash", "back\\slash", "", "q\"q"}) {
    auto words = Split("cmd " + QuoteWord(w));
    REQUIRE(words.size() == 1);
    REQUIRE(words[0].size() == 2);
    CHECK(words[0][1] == w);
  }
  CHECK(QuoteWord("plain") == "plain");
}

TEST_CASE("shell words: the word under the cursor for completion", "[shell]") {
  PartialLine p = SplitForCompletion("ls -R /da");
  CHECK(p.words == Words{"ls", "-R"});
  CHECK(p.current == "/da");
  p = SplitForCompletion("ls ");
  CHECK(p.words == Words{"ls"});
  CHECK(p.current.empty());
  p = SplitForCompletion("pwd; ca");
  CHECK(p.words.empty());
  CHECK(p.current == "ca");
  p = SplitForCompletion("cat '/a b");  // an open quote counts as closed at the cursor
  CHECK(p.words == Words{"cat"});
  CHECK(p.current == "/a b");
  p = SplitForCompletion("");
  CHECK(p.words.empty());
  CHECK(p.current.empty());
}

TEST_CASE("shell: common prefix of candidates", "[shell]") {
  CHECK(CommonPrefix({}) == "");
  CHECK(CommonPrefix({"load", "loadMetadata", "location"}) == "lo");
  CHECK(CommonPrefix({"/a/b/"}) == "/a/b/");
}

TEST_CASE("shell session: fs commands over REST, cd/pwd and relative paths", "[shell]") {
  RestFixture fx;
  std::ostringstream out, err;
  ShellSession session(*fx.fs, fs::FsSettings{}, "MM-dd-yyyy HH:mm:ss:SSS", out, err);

  CHECK(session.Run("mkdir /data; cd /data; mkdir sub; touch sub/f; pwd", true) == 0);
  INFO(err.str());
  CHECK(fx.fake.Has("/data/sub"));
  CHECK(fx.fake.Has("/data/sub/f"));
  CHECK(session.cwd() == "/data");
  CHECK(out.str().find("/data\n") != std::string::npos);
  CHECK(session.Prompt() == "alluxio:/data> ");

  out.str("");
  CHECK(session.Run("cd sub; ls -d .; cd ..; pwd", true) == 0);
  CHECK(out.str().find("/data/sub") != std::string::npos);
  CHECK(session.cwd() == "/data");

  // A failure: the message on err, exit 255, and the rest of the text skipped.
  err.str("");
  out.str("");
  CHECK(session.Run("cd /nope; pwd", true) == 255);
  CHECK(err.str() == "Path \"/nope\" does not exist.\n");
  CHECK(out.str().empty());
  CHECK(session.cwd() == "/data");
  // ... or not, with keep-going; the code stays the first failure's.
  out.str("");
  CHECK(session.Run("cd /nope; pwd", false) == 255);
  CHECK(out.str() == "/data\n");

  err.str("");
  CHECK(session.Run("cd sub/f", true) == 255);
  CHECK(err.str() == "Path \"/data/sub/f\" is not a directory\n");
  CHECK(session.Run("frobnicate", true) == 1);
  CHECK(session.Run("ls --no-such-flag", true) == 1);
  CHECK(session.Run("cd ../..", true) == 1);  // ".." above the root is a bad path
  CHECK(session.Run("test -e sub/f", true) == 0);
  CHECK(session.Run("test -d sub/f", true) == 1);  // `test` keeps its own exit codes
  CHECK(session.Run("test -e sub/g", true) == 3);

  CHECK(session.Run("exit 7; pwd", true) == 7);
  CHECK(session.exit_requested());
  CHECK(session.exit_code() == 7);
}

TEST_CASE("shell session: completion of commands, flags and remote paths", "[shell]") {
  RestFixture fx;
  std::ostringstream out, err;
  ShellSession session(*fx.fs, fs::FsSettings{}, "MM-dd-yyyy HH:mm:ss:SSS", out, err);
  REQUIRE(session.Run("mkdir /data/logs /data/lib; touch /data/list.txt; touch '/data/a b'",
                      true) == 0);

  CHECK(session.Complete("wor") == std::vector<std::string>{"workers"});
  auto lo = session.Complete("lo");
  CHECK(lo == std::vector<std::string>{"load", "loadMetadata", "location"});
  CHECK(session.Complete("help pw") == std::vector<std::string>{"pwd"});
  auto flags = session.Complete("ls --s");
  CHECK(std::find(flags.begin(), flags.end(), "--sort") != flags.end());
  CHECK(session.Complete("report c") == std::vector<std::string>{"capacity"});
  CHECK(session.Complete("conf alluxio.proxy.web.p") ==
        std::vector<std::string>{"alluxio.proxy.web.port"});

  CHECK(session.Complete("ls /data/l") ==
        std::vector<std::string>{"/data/lib/", "/data/list.txt", "/data/logs/"});
  CHECK(session.Complete("cat /data/a") == std::vector<std::string>{"/data/a b"});
  REQUIRE(session.Run("cd /data", true) == 0);
  CHECK(session.Complete("cd li") == std::vector<std::string>{"lib/", "list.txt"});
  CHECK(session.Complete("ls /nope/x").empty());
  CHECK(session.Complete("frobnicate /da").empty());
}

TEST_CASE("REST client: streams write, read, seek; errors keep the proxy's status",
          "[shell][rest]") {
  RestFixture fx;
  std::string data(3 * 1024 * 1024 + 17, '\0');
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>(i * 31 + i / 4096);

  auto out = fx.fs->CreateFile("/f", {});
  REQUIRE(out.ok());
  REQUIRE((*out)->Write(std::string_view(data).substr(0, 1000)).ok());
  REQUIRE((*out)->Write(std::string_view(data).substr(1000)).ok());
  CHECK((*out)->bytes_written() == static_cast<int64_t>(data.size()));
  REQUIRE((*out)->Close().ok());
  CHECK(fx.fake.Data("/f") == data);

  auto in = fx.fs->OpenFile("/f", {});
  REQUIRE(in.ok());
  CHECK((*in)->length() == static_cast<int64_t>(data.size()));
  std::string got;
  std::vector<char> buf(64 * 1024);
  for (;;) {
    auto n = (*in)->Read(buf.data(), buf.size());
    REQUIRE(n.ok());
    if (*n == 0) break;
    got.append(buf.data(), *n);
  }
  CHECK(got == data);
  // Backwards and forwards: each seek reads from the proxy at that offset.
  for (int64_t pos : {int64_t{5}, int64_t{2'000'000}, int64_t{17}}) {
    REQUIRE((*in)->Seek(pos).ok());
    auto n = (*in)->Read(buf.data(), 100);
    REQUIRE(n.ok());
    REQUIRE(*n > 0);
    CHECK(std::string(buf.data(), *n) == data.substr(static_cast<size_t>(pos), *n));
  }
  CHECK((*in)->Seek(static_cast<int64_t>(data.size()) + 1).code() == StatusCode::kOutOfRange);

  auto missing = fx.fs->GetStatus("/nope", {});
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().code() == StatusCode::kNotFound);
  CHECK(missing.status().message() == "Path \"/nope\" does not exist.");

  REQUIRE(fx.fs->CreateDirectory("/d", {}).ok());
  REQUIRE(fx.fs->Rename("/f", "/d/g h", {}).ok());
  CHECK(fx.fake.Has("/d/g h"));
  auto exists = fx.fs->Exists("/d/g h", {});
  REQUIRE(exists.ok());
  CHECK(*exists);
  auto list = fx.fs->ListAll("/d", {});
  REQUIRE(list.ok());
  REQUIRE(list->size() == 1);
  CHECK((*list)[0].path == "/d/g h");
  CHECK(fx.fs->GetStatusById(1).status().code() == StatusCode::kUnimplemented);

  // A cancelled write leaves nothing behind: the next write of the same path succeeds.
  auto partial = fx.fs->CreateFile("/partial", {});
  REQUIRE(partial.ok());
  REQUIRE((*partial)->Write(std::string(3 << 20, 'x')).ok());
  (*partial)->Cancel();
  CHECK_FALSE(fx.fake.Has("/partial"));
  auto again = fx.fs->CreateFile("/partial", {});
  REQUIRE(again.ok());
  REQUIRE((*again)->Write("whole").ok());
  REQUIRE((*again)->Close().ok());
  CHECK(fx.fake.Data("/partial") == "whole");
}

TEST_CASE("REST client: an unreachable proxy is UNAVAILABLE with what to check", "[shell][rest]") {
  client::RestOptions options;
  options.host = "127.0.0.1";
  options.port = 1;  // nothing listens on port 1
  options.timeout_ms = 2'000;
  client::RestFileSystem fs(options);
  auto st = fs.GetStatus("/", {});
  REQUIRE_FALSE(st.ok());
  CHECK(st.status().code() == StatusCode::kUnavailable);
  std::string message(st.status().message());
  CHECK(message.find("Cannot reach the Alluxio proxy at 127.0.0.1:1") != std::string::npos);
  CHECK(message.find("--proxy host:port") != std::string::npos);

  client::RestOptions o;
  CHECK(client::ApplyProxyAddress("h:123", &o).ok());
  CHECK(o.host == "h");
  CHECK(o.port == 123);
  CHECK(client::ApplyProxyAddress("other", &o).ok());
  CHECK(o.host == "other");
  CHECK(o.port == 123);
  CHECK_FALSE(client::ApplyProxyAddress("h:x", &o).ok());
  CHECK_FALSE(client::ApplyProxyAddress("h:70000", &o).ok());
  CHECK_FALSE(client::ApplyProxyAddress("", &o).ok());
  CHECK(client::ApplyProxyAddress("[::1]:4000", &o).ok());
  CHECK(o.host == "::1");
  CHECK(o.port == 4000);
  CHECK(client::ApplyProxyAddress("::1", &o).ok());
  CHECK(o.host == "::1");
  CHECK(o.port == 4000);
  CHECK_FALSE(client::ApplyProxyAddress("[::1", &o).ok());
  CHECK_FALSE(client::ApplyProxyAddress("[::1]x", &o).ok());
}

TEST_CASE("shell words: a script line continues while a quote is open or after a backslash",
          "[shell]") {
  CHECK_FALSE(IsIncomplete("ls /a\n"));
  CHECK(IsIncomplete("touch 'a\n"));
  CHECK(IsIncomplete("ls /a\\\n"));
  CHECK_FALSE(IsIncomplete("touch '/x\\'\n"));  // a backslash inside quotes is literal
  CHECK_FALSE(IsIncomplete("# a comment \\\n"));
  CHECK_FALSE(IsIncomplete("touch '/a\nb'\n"));
}

}  // namespace alluxio::cli::shell
