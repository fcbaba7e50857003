// The `alluxio fs` command table: one FsCommandSpec per shell command (ls, mkdir, rm, ...),
// each with Alluxio 2.x's name, usage and description, a function that declares its flags on a
// CLI11 app, and the Run function those flags feed.
//
// The table does not know how the FileSystem was obtained: commands receive a
// `client::FileSystem&` (native RPC for `alluxio fs`, later a REST-backed one for the
// interactive shell) and print to ctx.out / ctx.err. A command's Run returns OK, or an error
// whose message main() prints on stderr (exit 255); bad arguments are reported through
// ctx.UsageError (exit 1); `test` sets ctx.exit_code itself.
//
// Usage from a front end (see cmd/fs_command.cc):
//   for (const FsCommandSpec& spec : BuildFsCommandTable()) {
//     CLI::App* sub = parent.add_subcommand(spec.name, spec.description);
//     FsCommandInstance inst = InstantiateFsCommand(spec, *sub);
//     ... after parsing: inst.run(env) ...
//   }
// Specs are plain values; an instance's state is owned by the instance. Not synchronized: one
// instance runs one command at a time.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lib/client/file_system.h"
#include "lib/common/result.h"
#include "lib/conf/configuration.h"

namespace CLI {
class App;
}

namespace alluxio::cli {
class CommandContext;
}

namespace alluxio::cli::fs {

// What commands read from configuration (resolved once per invocation by the front end).
struct FsSettings {
  // ls prints permission/owner/group only when authentication is not NOSASL and
  // alluxio.security.authorization.permission.enabled is true (Alluxio's isSecurityEnabled).
  bool security_enabled = true;
  // alluxio.user.date.format.pattern.
  std::string date_pattern = "MM-dd-yyyy HH:mm:ss:SSS";
  // alluxio.master.tieredstore.global.mediumtype: media `pin` accepts.
  std::vector<std::string> medium_types = {"MEM", "SSD", "HDD"};
};

// Reads the keys above; keys without a usable value keep the defaults.
FsSettings FsSettingsFromConfiguration(const conf::Configuration& conf);

// Everything a running command may use. Not owned.
struct FsEnv {
  client::FileSystem& fs;
  CommandContext& ctx;
  const FsSettings& settings;
};

// Runs a command with its positional arguments (the flags are already bound into the runner).
using FsRunner = std::function<Status(FsEnv& env, const std::vector<std::string>& args)>;

struct FsCommandSpec {
  std::string name;         // "ls"
  std::string usage;        // "ls [-d|-f|...] <path> ...", Alluxio's text
  std::string description;  // one paragraph
  // Declares the command's flags on `app`, bound to fresh state that the returned runner owns.
  std::function<FsRunner(CLI::App& app)> setup;
};

// Every command, sorted by name.
std::vector<FsCommandSpec> BuildFsCommandTable();
// The spec named `name`, or null.
const FsCommandSpec* FindFsCommand(const std::vector<FsCommandSpec>& table, std::string_view name);

// `Usage: alluxio fs [generic options]` followed by one "\t [<usage>]" line per command, as
// Alluxio's shell prints it when no command is given.
std::string FormatFsCommandList(const std::vector<FsCommandSpec>& table);

// One parsed command: the positional arguments CLI11 fills and the runner.
struct FsCommandInstance {
  std::shared_ptr<std::vector<std::string>> args;
  FsRunner runner;

  Status Run(FsEnv& env) const { return runner(env, *args); }
};

// Declares `spec`'s flags and its positional arguments on `app`, replaces CLI11's -h/--help
// with --help only (ls, du and count use -h for human-readable sizes) and puts the usage in the
// footer.
FsCommandInstance InstantiateFsCommand(const FsCommandSpec& spec, CLI::App& app);

// The per-file builders BuildFsCommandTable concatenates.
std::vector<FsCommandSpec> LsCommandSpecs();         // fs_ls.cc: ls
std::vector<FsCommandSpec> StatCommandSpecs();       // fs_stat.cc: stat
std::vector<FsCommandSpec> DuCountCommandSpecs();    // fs_du_count.cc: du, count
std::vector<FsCommandSpec> AttributeCommandSpecs();  // fs_attr.cc: chmod ... unpin
std::vector<FsCommandSpec> PathCommandSpecs();       // fs_paths.cc: mkdir, rm, mv, touch, ...
std::vector<FsCommandSpec> MountCommandSpecs();      // fs_mount.cc: mount, unmount
std::vector<FsCommandSpec> DataCommandSpecs();       // fs_data.cc: cat, cp, load, free, ...

}  // namespace alluxio::cli::fs
