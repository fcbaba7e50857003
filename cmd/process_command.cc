#include "cmd/process_command.h"

#include <CLI/CLI.hpp>
#include <memory>

#include "cmd/command_context.h"
#include "cmd/process/process_runner.h"

namespace alluxio::cli {
namespace {

struct ProcessOptions {
  std::string name;
  bool wait = false;
  double timeout_s = 0;
};

constexpr const char* kFilesHelp =
    "Each daemon runs as `alluxio NAME` with this command's --conf-dir and -D options, detached "
    "(a new session, stdin /dev/null) in the current directory. Its stdout and stderr are "
    "appended to ${alluxio.logs.dir}/NAME.log and its pid is in ${alluxio.work.dir}/run/NAME.pid "
    "(for local, `alluxio local`'s defaults apply: ~/.alluxio/logs, ~/.alluxio/run).";

int64_t Millis(double seconds) { return static_cast<int64_t>(seconds * 1000.0); }

void AddStart(CLI::App& process, CommandContext& ctx) {
  auto opts = std::make_shared<ProcessOptions>();
  opts->timeout_s = 60;
  CLI::App* cmd = process.add_subcommand(
      "start",
      "Start NAME in the background: master, worker, proxy, local (all three in one "
      "process) or all (master, worker and proxy as three processes)");
  cmd->add_option("NAME", opts->name, "master, worker, proxy, local or all")
      ->required()
      ->check(CLI::IsMember({"master", "worker", "proxy", "local", "all"}));
  cmd->add_flag("-w,--wait", opts->wait,
                "Wait until the daemon is ready: its web port answers /healthz (a worker must "
                "also have registered with its master); `all` waits for each before starting "
                "the next");
  cmd->add_option("--timeout", opts->timeout_s, "With --wait: how long to wait, in seconds")
      ->type_name("SECONDS")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->footer(std::string(kFilesHelp) +
              "\nA pid file naming a live `alluxio NAME` process means NAME is already running: "
              "start refuses. A pid file naming a dead process or another program is replaced."
              "\nExit codes: 0 started (with --wait: ready); 1 bad command line or "
              "configuration; 255 already running, could not start, or (--wait) the daemon died "
              "or was not ready in time: the path of its log and its last lines are printed. "
              "`start all` starts the others when one is already running and stops at the "
              "first that fails otherwise.");
  cmd->callback([&ctx, opts] {
    ctx.command = "process start";
    ctx.action = [&ctx, opts] {
      process::ProcessRunner runner(ctx);
      return runner.Start(process::DaemonsNamed(opts->name), opts->wait, Millis(opts->timeout_s));
    };
  });
}

void AddStop(CLI::App& process, CommandContext& ctx) {
  auto opts = std::make_shared<ProcessOptions>();
  opts->timeout_s = 30;
  CLI::App* cmd = process.add_subcommand(
      "stop",
      "Stop NAME (master, worker, proxy, local or all): SIGTERM, then SIGKILL after "
      "--timeout seconds");
  cmd->add_option("NAME", opts->name, "master, worker, proxy, local or all")
      ->required()
      ->check(CLI::IsMember({"master", "worker", "proxy", "local", "all"}));
  cmd->add_option("--timeout", opts->timeout_s,
                  "Seconds to wait for a clean exit after SIGTERM before sending SIGKILL")
      ->type_name("SECONDS")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->footer(std::string(kFilesHelp) +
              "\nstop finds the daemon through its pid file and removes the file. `all` stops "
              "proxy, worker, then master."
              "\nExit codes: 0 stopped, or was not running (says so; a stale pid file is "
              "removed); 1 bad command line or configuration; 255 the daemon could not be "
              "signalled or outlived SIGKILL.");
  cmd->callback([&ctx, opts] {
    ctx.command = "process stop";
    ctx.action = [&ctx, opts] {
      process::ProcessRunner runner(ctx);
      return runner.Stop(process::DaemonsNamed(opts->name), Millis(opts->timeout_s));
    };
  });
}

void AddStatus(CLI::App& process, CommandContext& ctx) {
  auto opts = std::make_shared<ProcessOptions>();
  CLI::App* cmd =
      process.add_subcommand("status",
                             "Print whether each daemon runs, e.g. `master: running (pid 123, log "
                             "/opt/alluxio/logs/master.log)` or `master: stopped`");
  cmd->add_option("NAME", opts->name,
                  "master, worker, proxy, local or all (master, worker and proxy); default: "
                  "every daemon")
      ->check(CLI::IsMember({"master", "worker", "proxy", "local", "all"}));
  cmd->footer(std::string(kFilesHelp) +
              "\nExit codes: 0 every daemon asked about is running (without NAME: a cluster is "
              "up, i.e. local runs, or master, worker and proxy all do); 3 otherwise (LSB's "
              "\"not running\"); 1 bad command line or configuration; 255 a pid file could not "
              "be read.");
  cmd->callback([&ctx, opts] {
    ctx.command = "process status";
    ctx.action = [&ctx, opts]() -> Status {
      process::ProcessRunner runner(ctx);
      if (!opts->name.empty()) {
        std::vector<std::string> names = process::DaemonsNamed(opts->name);
        ASSIGN_OR_RETURN(size_t running, runner.PrintStatus(names));
        if (running != names.size()) ctx.exit_code = process::kExitNotRunning;
        return Status::OK();
      }
      ASSIGN_OR_RETURN(size_t cluster, runner.PrintStatus(process::DaemonsNamed("all")));
      ASSIGN_OR_RETURN(size_t local, runner.PrintStatus({"local"}));
      if (cluster != 3 && local != 1) ctx.exit_code = process::kExitNotRunning;
      return Status::OK();
    };
  });
}

}  // namespace

void AddProcessCommand(CLI::App& parent, CommandContext& ctx) {
  CLI::App* process = parent.add_subcommand(
      "process",
      "Start, stop and inspect the daemons (master, worker, proxy, local) in the background");
  process->require_subcommand(1);
  AddStart(*process, ctx);
  AddStop(*process, ctx);
  AddStatus(*process, ctx);
}

}  // namespace alluxio::cli
