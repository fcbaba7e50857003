// `alluxio worker`: runs a worker in the foreground until SIGINT/SIGTERM (for systemd and
// containers). Logs go to stderr.
#pragma once

namespace CLI {
class App;
}

namespace alluxio::cli {
class CommandContext;

void AddWorkerCommand(CLI::App& parent, CommandContext& ctx);

}  // namespace alluxio::cli
