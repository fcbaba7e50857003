// ShellSession: the command interpreter of `alluxio shell`, without any terminal handling.
//
// A session runs lines of commands against a proxy through client::RestFileSystem:
//   - every `alluxio fs` command, from the same table (cmd/fs/fs_command_table.h) and with the
//     same flags, output and exit codes; relative paths resolve against the current directory;
//   - admin commands: report, workers, mounts, metrics, conf, cd, pwd, help, exit/quit.
// Each command gets a fresh CLI11 app, so flags never leak from one command to the next.
// Output goes to `out`, errors to `err`. A command's exit code is the one `alluxio fs` would
// return: 0 success, 1 bad command line, 255 the operation failed (`test` and `exit` set their
// own).
//
// Complete() gives the completions of the word under the cursor (command names, flags, report
// categories, property keys, and remote paths listed through the proxy); the line editor
// (line_editor.h) only displays them.
//
// Not thread-safe: one session per shell.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "cmd/fs/fs_command_table.h"
#include "cmd/shell/shell_words.h"
#include "lib/client/rest_file_system.h"

namespace alluxio::cli::shell {

class ShellSession {
 public:
  ShellSession(client::RestFileSystem& fs, fs::FsSettings settings, std::string date_pattern,
               std::ostream& out, std::ostream& err);

  // Runs every command of `text` (a line, several separated by ';', or a whole script) and
  // returns the exit code of the first failed command, or 0. With `stop_on_failure` the rest
  // of the text is skipped after a failure. A line that does not split (an open quote) fails
  // with exit code 1. `exit` stops the text too.
  int Run(std::string_view text, bool stop_on_failure);

  // Runs one command (words[0] is its name) and returns its exit code.
  int RunCommand(const Words& words);

  bool exit_requested() const { return exit_requested_; }
  // The code `exit N` asked for (0 by default).
  int exit_code() const { return exit_code_; }
  const std::string& cwd() const { return cwd_; }
  std::string Prompt() const { return "alluxio:" + cwd_ + "> "; }

  // Candidates for the word being typed at the end of `line` (the text before the cursor):
  // whole replacement words, directories ending in '/', sorted, at most `limit`.
  std::vector<std::string> Complete(std::string_view line, size_t limit = 500);

  // Every command name (admin and fs), sorted.
  std::vector<std::string> CommandNames() const;

 private:
  struct Builtin {
    std::string name;
    std::string usage;
    std::string description;
    int (ShellSession::*run)(const Words& args);
  };

  int RunFs(const fs::FsCommandSpec& spec, const Words& args);
  int Finish(CommandContext& ctx, const Status& st);
  const Builtin* FindBuiltin(std::string_view name) const;

  int Cd(const Words& args);
  int Pwd(const Words& args);
  int Help(const Words& args);
  int Exit(const Words& args);
  int Report(const Words& args);
  int Workers(const Words& args);
  int Mounts(const Words& args);
  int Metrics(const Words& args);
  int Conf(const Words& args);

  std::vector<std::string> CompleteFlags(const std::string& command);
  std::vector<std::string> CompletePath(const std::string& typed, size_t limit);

  client::RestFileSystem& fs_;
  const fs::FsSettings settings_;
  const std::string date_pattern_;
  std::ostream& out_;
  std::ostream& err_;
  const std::vector<fs::FsCommandSpec> table_;
  const std::vector<Builtin> builtins_;
  std::string cwd_ = "/";
  bool exit_requested_ = false;
  int exit_code_ = 0;
};

}  // namespace alluxio::cli::shell
