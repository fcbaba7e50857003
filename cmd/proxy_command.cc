#include "cmd/proxy_command.h"

#include <CLI/CLI.hpp>
#include <ostream>

#include "cmd/command_context.h"
#include "lib/common/clock.h"
#include "lib/common/logging.h"
#include "lib/common/signals.h"
#include "server/proxy/proxy_process.h"

namespace alluxio::cli {

void AddProxyCommand(CLI::App& parent, CommandContext& ctx) {
  CLI::App* cmd = parent.add_subcommand(
      "proxy", "Run the Alluxio proxy in the foreground (REST API v1 and S3 API, port 39999)");
  cmd->callback([&ctx] {
    ctx.command = "proxy";
    ctx.action = [&ctx]() -> Status {
      ShutdownSignals signals;  // before any thread starts
      ASSIGN_OR_RETURN(conf::Configuration conf, ctx.LoadConfiguration());
      auto options = proxy::ProxyOptionsFromConfiguration(conf);
      if (!options.ok()) {
        ctx.usage_error = true;
        return options.status();
      }
      Logger logger(LogLevel::kInfo);
      SystemClock clock;
      proxy::ProxyProcess process(*options, &logger, &clock);
      RETURN_IF_ERROR(process.Start());
      int sig = signals.Wait();
      logger.Info("proxy", std::string("Received ") + (sig == SIGINT ? "SIGINT" : "SIGTERM") +
                               ", shutting down");
      process.Stop();
      return Status::OK();
    };
  });
}

}  // namespace alluxio::cli
