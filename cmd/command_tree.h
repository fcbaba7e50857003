// The `alluxio` command tree: the root app with its global options and every subcommand
// group. main() and the CLI parse tests both build it from here.
#pragma once

namespace CLI {
class App;
}

namespace alluxio::cli {
class CommandContext;

// Adds the global options (--conf-dir, -D/--conf) and every subcommand to `app`; parse
// callbacks record the chosen action in `ctx` without running it.
void BuildCommandTree(CLI::App& app, CommandContext& ctx);

}  // namespace alluxio::cli
