#include "cmd/command_tree.h"

#include <CLI/CLI.hpp>
#include <catch2/catch.hpp>
#include <sstream>

#include "cmd/command_context.h"

namespace alluxio::cli {
namespace {

// Parses `args` (without the program name) into a fresh tree. Nothing is executed.
struct Parsed {
  std::ostringstream out, err;
  CommandContext ctx{out, err};
  CLI::App app;
  bool ok = false;
  std::string error;

  explicit Parsed(std::vector<std::string> args) {
    BuildCommandTree(app, ctx);
    std::reverse(args.begin(), args.end());  // CLI11 takes the vector reversed
    try {
      app.parse(args);
      ok = true;
    } catch (const CLI::ParseError& e) {
      error = e.what();
    }
  }
};

}  // namespace

TEST_CASE("conf get parses its key and selects the conf get action", "[cmd]") {
  Parsed p({"conf", "get", "alluxio.master.rpc.port"});
  REQUIRE(p.ok);
  CHECK(p.ctx.command == "conf get");
  CHECK(p.ctx.action != nullptr);
}

TEST_CASE("global options are accepted before and after the subcommand", "[cmd]") {
  Parsed before({"--conf-dir", "/tmp/c", "-Da=1", "conf", "list"});
  REQUIRE(before.ok);
  CHECK(before.ctx.globals.conf_dir == "/tmp/c");
  CHECK(before.ctx.globals.conf_overrides == std::vector<std::string>{"a=1"});
  Parsed after({"conf", "get", "--conf", "x=2", "-D", "y=3", "k", "--conf-dir=/d"});
  REQUIRE(after.ok);
  CHECK(after.ctx.globals.conf_overrides == std::vector<std::string>{"x=2", "y=3"});
  CHECK(after.ctx.globals.conf_dir == "/d");
  CHECK(after.ctx.command == "conf get");
}

TEST_CASE("unknown commands and options are parse errors", "[cmd]") {
  CHECK_FALSE(Parsed({"frobnicate"}).ok);
  CHECK_FALSE(Parsed({"conf", "get", "--bogus"}).ok);
  CHECK_FALSE(Parsed({"version", "extra"}).ok);
  CHECK_FALSE(Parsed({"conf"}).ok);  // conf needs get or list
}

TEST_CASE("version and conf list select their actions without running them", "[cmd]") {
  Parsed v({"version", "-r"});
  REQUIRE(v.ok);
  CHECK(v.ctx.command == "version");
  CHECK(v.out.str().empty());
  Parsed l({"conf", "list", "--all"});
  REQUIRE(l.ok);
  CHECK(l.ctx.command == "conf list");
}

TEST_CASE("no subcommand parses but selects no action", "[cmd]") {
  Parsed p({});
  REQUIRE(p.ok);
  CHECK(p.ctx.action == nullptr);
}

TEST_CASE("a -D without '=' is a usage error when configuration loads", "[cmd]") {
  Parsed p({"-Dnovalue", "conf", "list"});
  REQUIRE(p.ok);
  auto conf = p.ctx.LoadConfiguration();
  REQUIRE_FALSE(conf.ok());
  CHECK(p.ctx.usage_error);
  CHECK(std::string(conf.status().message()).find("novalue") != std::string::npos);
}

}  // namespace alluxio::cli
