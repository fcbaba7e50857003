#include "cmd/shell_command.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

#include "cmd/command_context.h"
#include "cmd/exit_codes.h"
#include "cmd/shell/line_editor.h"
#include "cmd/shell/shell_session.h"
#include "lib/client/rest_file_system.h"

namespace alluxio::cli {
namespace {

struct ShellOptions {
  std::string proxy;                    // host:port; empty = from configuration
  std::optional<std::string> commands;  // -c (given, even empty: run it and nothing else)
  bool keep_going = false;
  std::string history_file;  // empty = ~/.alluxio_history
  bool no_history = false;
};

// While alive, SIGINT interrupts the read of a line instead of ending the process.
class InterruptibleRead {
 public:
  InterruptibleRead() {
    struct sigaction sa {};
    sa.sa_handler = [](int) {};
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;  // no SA_RESTART: the read returns EINTR
    sigaction(SIGINT, &sa, &old_);
  }
  ~InterruptibleRead() { sigaction(SIGINT, &old_, nullptr); }
  InterruptibleRead(const InterruptibleRead&) = delete;
  InterruptibleRead& operator=(const InterruptibleRead&) = delete;

 private:
  struct sigaction old_ {};
};

// Set by SIGINT while an interactive command runs; the REST client reads it between requests
// and chunks (RestOptions::interrupted). A signal handler can reach nothing but such a flag,
// hence this one file-level variable.
volatile std::sig_atomic_t interrupt_flag = 0;

// While alive, SIGINT stops the running command at its next request or chunk (it fails with
// "Interrupted") instead of ending the process. SA_RESTART: a request in flight finishes.
class InterruptibleCommand {
 public:
  InterruptibleCommand() {
    interrupt_flag = 0;
    struct sigaction sa {};
    sa.sa_handler = [](int) { interrupt_flag = 1; };
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGINT, &sa, &old_);
  }
  ~InterruptibleCommand() {
    sigaction(SIGINT, &old_, nullptr);
    interrupt_flag = 0;
  }
  InterruptibleCommand(const InterruptibleCommand&) = delete;
  InterruptibleCommand& operator=(const InterruptibleCommand&) = delete;

 private:
  struct sigaction old_ {};
};

std::string DefaultHistoryFile() {
  const char* home = std::getenv("HOME");
  if (home == nullptr || *home == '\0') return "";
  return std::string(home) + "/.alluxio_history";
}

Status RunShell(CommandContext& ctx, const ShellOptions& o) {
  ASSIGN_OR_RETURN(conf::Configuration conf, ctx.LoadConfiguration());
  auto rest = client::RestOptionsFromConfiguration(conf);
  if (!rest.ok()) {
    ctx.usage_error = true;
    return rest.status();
  }
  if (!o.proxy.empty()) {
    Status st = client::ApplyProxyAddress(o.proxy, &*rest);
    if (!st.ok()) return ctx.UsageError(std::string(st.message()));
  }
  rest->interrupted = [] { return interrupt_flag != 0; };
  client::RestFileSystem fs(std::move(*rest));
  shell::ShellSession session(
      fs, fs::FsSettingsFromConfiguration(conf),
      conf.GetStringOr("alluxio.user.date.format.pattern", "MM-dd-yyyy HH:mm:ss:SSS"), ctx.out,
      ctx.err);
  const bool stop_on_failure = !o.keep_going;

  if (o.commands) {
    ctx.exit_code = session.Run(*o.commands, stop_on_failure);
    return Status::OK();
  }
  if (::isatty(STDIN_FILENO) != 1 || ::isatty(STDOUT_FILENO) != 1) {
    // A script on stdin (or output to a pipe or file): no prompt, no colour, the first failure
    // ends it unless --keep-going.
    int first_failure = 0;
    std::string line, pending;
    while (std::getline(std::cin, line)) {
      // A command goes on over the next line while a quote is open or the line ends in an
      // escaping backslash, as in a POSIX shell.
      pending += line;
      pending += '\n';
      if (shell::IsIncomplete(pending)) continue;
      int code = session.Run(pending, stop_on_failure);
      pending.clear();
      if (code != 0 && first_failure == 0) first_failure = code;
      if (session.exit_requested()) {
        ctx.exit_code = first_failure ? first_failure : session.exit_code();
        return Status::OK();
      }
      if (code != 0 && stop_on_failure) break;
    }
    if (!pending.empty()) {
      int code = session.Run(pending, stop_on_failure);
      if (code != 0 && first_failure == 0) first_failure = code;
    }
    ctx.exit_code = first_failure;
    return Status::OK();
  }

  // Interactive: failures are reported and the shell goes on; the exit code is `exit N`'s.
  std::string history =
      o.no_history ? "" : (o.history_file.empty() ? DefaultHistoryFile() : o.history_file);
  shell::LineEditor editor(
      "alluxio", [&session] { return session.Prompt(); },
      [&session](std::string_view line) { return session.Complete(line); }, history,
      /*color=*/std::getenv("NO_COLOR") == nullptr &&
          std::string_view(std::getenv("TERM") ? std::getenv("TERM") : "") != "dumb");
  ctx.out << "Alluxio shell on the proxy at " << fs.address()
          << ". Type `help` for commands, Ctrl-D to leave.\n";
  ctx.out.flush();
  for (;;) {
    std::optional<std::string> line;
    {
      InterruptibleRead guard;
      line = editor.ReadLine();
    }
    if (!line) {
      ctx.out << "\n";
      break;
    }
    editor.Remember(*line);
    {
      InterruptibleCommand guard;
      (void)session.Run(*line, true);
    }
    if (session.exit_requested()) break;
  }
  ctx.exit_code = session.exit_code();
  return Status::OK();
}

}  // namespace

void AddShellCommand(CLI::App& parent, CommandContext& ctx) {
  auto o = std::make_shared<ShellOptions>();
  CLI::App* cmd = parent.add_subcommand(
      "shell",
      "Interactive admin shell on the proxy's REST API: every `alluxio fs` command plus report, "
      "workers, mounts, metrics, conf, cd, pwd, help, exit");
  cmd->add_option("--proxy", o->proxy,
                  "The proxy as host:port (default: alluxio.proxy.hostname and "
                  "alluxio.proxy.web.port, localhost:39999)")
      ->type_name("ADDRESS");
  cmd->add_option("-c,--command", o->commands,
                  "Run these commands (separated by ';' or newlines) and exit")
      ->type_name("COMMANDS");
  cmd->add_flag("-k,--keep-going", o->keep_going,
                "With -c or a script on stdin: run every command even after a failure (the exit "
                "code is still the first failure's)");
  cmd->add_option("--history-file", o->history_file,
                  "Where the interactive history is kept (default ~/.alluxio_history)")
      ->type_name("FILE");
  cmd->add_flag("--no-history", o->no_history, "Neither read nor write a history file");
  cmd->footer(
      "Without -c and with stdin or stdout not a terminal, commands are read from stdin "
      "(`alluxio shell < script`), without a prompt.\n"
      "Exit codes: 0 success; otherwise the first failed command's code: 1 bad command line, "
      "255 the operation failed (e.g. the proxy cannot be reached), or `exit N`'s N.\n"
      "Interactive (stdin and stdout are terminals): Tab completes commands, flags and remote "
      "paths; history in ~/.alluxio_history; a coloured prompt unless NO_COLOR is set; Ctrl-C "
      "discards the line being typed, or stops the running command at its next request "
      "(\"Interrupted (Ctrl-C)\"); Ctrl-D leaves.");
  cmd->callback([&ctx, o] {
    ctx.command = "shell";
    ctx.action = [&ctx, o]() -> Status { return RunShell(ctx, *o); };
  });
}

}  // namespace alluxio::cli
