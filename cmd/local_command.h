// `alluxio local`: a whole cluster in one foreground process with embedded defaults, for a
// laptop or a test: work dir ~/.alluxio (root UFS ~/.alluxio/underFSStorage, metastore
// ~/.alluxio/metastore) unless configured. Today it runs the master; the worker and the proxy
// join it as they land. Stops on SIGINT/SIGTERM.
#pragma once

#include <map>
#include <string>

namespace CLI {
class App;
}

namespace alluxio::cli {
class CommandContext;

// The defaults `alluxio local` layers over the property table.
std::map<std::string, std::string> LocalEmbeddedDefaults();

void AddLocalCommand(CLI::App& parent, CommandContext& ctx);

}  // namespace alluxio::cli
