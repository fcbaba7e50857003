// `alluxio proxy`: runs the proxy (REST API v1, S3 API) in the foreground until SIGINT/SIGTERM (for
// systemd and containers). Logs go to stderr.
#pragma once

namespace CLI {
class App;
}

namespace alluxio::cli {
class CommandContext;

void AddProxyCommand(CLI::App& parent, CommandContext& ctx);

}  // namespace alluxio::cli
