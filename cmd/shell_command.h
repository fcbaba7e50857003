// `alluxio shell`: an interactive admin shell that drives the proxy's REST API.
#pragma once

namespace CLI {
class App;
}

namespace alluxio::cli {
class CommandContext;

void AddShellCommand(CLI::App& parent, CommandContext& ctx);

}  // namespace alluxio::cli
