// `alluxio format [-s]`: wipes the master's metastore (and, once workers exist, the local
// worker's storage). Refuses while a master runs on this host. With -s, formats only when the
// root UFS is local and does not exist yet (a first start), and otherwise does nothing.
#pragma once

namespace CLI {
class App;
}

namespace alluxio::cli {
class CommandContext;

void AddFormatCommand(CLI::App& parent, CommandContext& ctx);

}  // namespace alluxio::cli
