// `alluxio version [-r]`: prints the Alluxio version whose interfaces we implement (e.g.
// "2.9.3"), as Alluxio's launcher does; -r adds this build's own version and revision.
#pragma once

namespace CLI {
class App;
}

namespace alluxio::cli {
class CommandContext;

void AddVersionCommand(CLI::App& parent, CommandContext& ctx);

}  // namespace alluxio::cli
