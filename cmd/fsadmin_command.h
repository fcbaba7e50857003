// `alluxio fsadmin report [summary|capacity]`: the cluster report of Alluxio's fsadmin shell
// (compat §3.4), from the master's info and worker list.
#pragma once

namespace CLI {
class App;
}

namespace alluxio::cli {
class CommandContext;

void AddFsadminCommand(CLI::App& parent, CommandContext& ctx);

}  // namespace alluxio::cli
