// `alluxio fs <command> [flags] <args>`: Alluxio 2.x's file-system shell, one subcommand per
// entry of the command table (cmd/fs/fs_command_table.h), run against the master's RPC through
// a NativeFileSystem.
//
// Paths may be "/p" or "alluxio://host:port/p"; an authority overrides
// alluxio.master.hostname / alluxio.master.rpc.port for that command, and all authorities of one
// command must agree (else a usage error). `alluxio fs` alone prints the command list (exit 1);
// `alluxio fs <unknown>` says "<unknown> is an unknown command." (exit 1).
// Exit codes: 0 success, 1 bad command line, 255 the operation failed; `fs test` has its own
// (see its help).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "cmd/fs/fs_command_table.h"
#include "lib/common/result.h"

namespace CLI {
class App;
}

namespace alluxio::cli {
class CommandContext;

void AddFsCommand(CLI::App& parent, CommandContext& ctx);

// The authority ("host:port") named by the alluxio:// URIs among `args`, or "" when none has
// one. A usage error when two name different masters.
Result<std::string> CommonAuthority(CommandContext& ctx, const std::vector<std::string>& args);

// Loads the configuration, builds a NativeFileSystem for the master (or for `authority` when
// not empty) and the FsSettings, and runs `fn` with them. Configuration problems and a
// malformed authority are usage errors. Used by `alluxio fs` and `alluxio mount`.
Status RunWithNativeFileSystem(CommandContext& ctx, const std::string& authority,
                               const std::function<Status(fs::FsEnv&)>& fn);

}  // namespace alluxio::cli
