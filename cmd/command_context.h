// CommandContext: what every subcommand shares at run time.
//
// Building the command tree only records what to run (`action`); main() runs it after a
// successful parse. Tests parse argument vectors and inspect the chosen action and options
// without executing anything. Commands print through `out`/`err` so tests can capture them.
#pragma once

#include <functional>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "lib/common/result.h"
#include "lib/conf/configuration.h"

namespace alluxio::cli {

// Options every subcommand accepts (declared on the root and inherited by subcommands).
struct GlobalOptions {
  std::optional<std::string> conf_dir;      // --conf-dir DIR
  std::vector<std::string> conf_overrides;  // -D key=value / --conf key=value, in order
};

class CommandContext {
 public:
  CommandContext(std::ostream& out, std::ostream& err) : out(out), err(err) {}

  std::ostream& out;
  std::ostream& err;
  GlobalOptions globals;
  // Set by the chosen subcommand's parse callback; run by main().
  std::function<Status()> action;
  // Name of the chosen command path, e.g. "conf get" (for messages and tests).
  std::string command;
  // A command sets this when it wants an exit code other than the Status mapping gives
  // (e.g. `fs test` answering "false" with 1).
  std::optional<int> exit_code;
  // Set by UsageError(): the failure was a bad command line, not a failed operation.
  bool usage_error = false;
  // The interactive shell's current directory: relative path arguments of fs commands resolve
  // against it. Unset (alluxio fs): a relative path is a usage error.
  std::optional<std::string> working_dir;

  // Loads the configuration from the global options (see lib/conf/configuration.h) plus the
  // process's embedded defaults. Prints warnings for unknown keys to `err`. Any failure (a
  // malformed -D, a bad value) counts as a usage error.
  Result<conf::Configuration> LoadConfiguration(
      const std::map<std::string, std::string>& embedded_defaults = {});

  // Marks the failure as a usage error (exit code 1) and returns it as INVALID_ARGUMENT.
  Status UsageError(std::string message);
};

}  // namespace alluxio::cli
