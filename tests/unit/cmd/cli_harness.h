// The harness of the CLI unit tests: run `alluxio ...` argument vectors through the real command
// tree as main() would, against a real in-process master (heap metastore, port 0, a temporary
// directory as root UFS). Test-only; include from one namespace-scoped test file each.
#pragma once

#include <CLI/CLI.hpp>
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cmd/command_context.h"
#include "cmd/command_tree.h"
#include "cmd/exit_codes.h"
#include "lib/common/clock.h"
#include "lib/common/logging.h"
#include "server/master/master_process.h"
#include "tests/unit/master/test_master_options.h"

namespace alluxio::cli::testing {

namespace stdfs = std::filesystem;

// What one command printed and returned, as main() would have.
struct Outcome {
  int code = -1;
  std::string out;
  std::string err;

  // stdout parsed as one JSON document (a test failure when it is not one).
  nlohmann::json Json() const {
    nlohmann::json doc = nlohmann::json::parse(out, nullptr, /*allow_exceptions=*/false);
    INFO(out);
    CHECK(!doc.is_discarded());
    return doc;
  }
};

// Parses and runs `args` (without the program name) like main() does.
inline Outcome RunCli(std::vector<std::string> args) {
  std::ostringstream out, err;
  CommandContext ctx(out, err);
  CLI::App app;
  BuildCommandTree(app, ctx);
  std::reverse(args.begin(), args.end());  // CLI11 takes the vector reversed
  Outcome o;
  try {
    app.parse(args);
  } catch (const CLI::ParseError& e) {
    o.code = kExitUsage;
    o.err = e.what();
    return o;
  }
  if (!ctx.action) {
    o.code = kExitUsage;
    return o;
  }
  Status status = ctx.action();
  if (!status.ok()) err << status.message() << "\n";
  o.code = ctx.exit_code ? *ctx.exit_code : ExitCodeFor(status, ctx.usage_error);
  o.out = out.str();
  o.err = err.str();
  return o;
}

// A master on an ephemeral port with a fresh root UFS; removed on destruction.
class Cluster {
 public:
  Cluster() {
    std::string tmpl = (stdfs::temp_directory_path() / "alluxio-cli-test-XXXXXX").string();
    REQUIRE(mkdtemp(tmpl.data()) != nullptr);
    dir_ = tmpl;
    stdfs::create_directories(ufs());
    stdfs::create_directories(dir_ / "conf");
    master_ = std::make_unique<master::MasterProcess>(
        alluxio::testing::TestMasterOptions(ufs().string()), &logger_, &clock_);
    Status st = master_->Start();
    INFO(st.ToString());
    REQUIRE(st.ok());
  }
  ~Cluster() {
    master_->Stop();
    std::error_code ec;
    stdfs::remove_all(dir_, ec);
  }

  stdfs::path ufs() const { return dir_ / "ufs"; }
  stdfs::path dir() const { return dir_; }
  int port() const { return master_->rpc_port(); }
  std::string authority() const { return "127.0.0.1:" + std::to_string(port()); }

  // `alluxio <group> <args...>` with this master's address.
  Outcome Run(const std::string& group, std::vector<std::string> args) const {
    std::vector<std::string> argv = {"--conf-dir", (dir_ / "conf").string(),
                                     "-Dalluxio.master.hostname=127.0.0.1",
                                     "-Dalluxio.master.rpc.port=" + std::to_string(port()), group};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCli(argv);
  }
  Outcome Fs(std::vector<std::string> args) const { return Run("fs", std::move(args)); }

  void WriteUfsFile(const std::string& rel, const std::string& content) const {
    stdfs::create_directories((ufs() / rel).parent_path());
    std::ofstream(ufs() / rel) << content;
  }

 private:
  Logger logger_{LogLevel::kError};
  SystemClock clock_;
  stdfs::path dir_;
  std::unique_ptr<master::MasterProcess> master_;
};

}  // namespace alluxio::cli::testing
