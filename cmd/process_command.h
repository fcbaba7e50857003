// `alluxio process start|stop|status master|worker|proxy|local|all [--wait]`: runs the daemons
// in the background with pid files and log files under alluxio.logs.dir.
#pragma once

namespace CLI {
class App;
}

namespace alluxio::cli {
class CommandContext;

void AddProcessCommand(CLI::App& parent, CommandContext& ctx);

}  // namespace alluxio::cli
