// `alluxio conf get [--unit UNIT] [--source] [KEY]` and `alluxio conf list [--all]`.
//
// get KEY prints the resolved value (exit 0; an unknown key is a usage error, exit 1); get
// without a key prints every `key=value`. list prints `key=value  (source)` for every key with
// a value, --all also those without. Secret values print as ******.
#pragma once

namespace CLI {
class App;
}

namespace alluxio::cli {
class CommandContext;

void AddConfCommand(CLI::App& parent, CommandContext& ctx);

}  // namespace alluxio::cli
