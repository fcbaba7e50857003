#include "cmd/master_command.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <ostream>

#include "cmd/command_context.h"
#include "lib/common/clock.h"
#include "lib/common/logging.h"
#include "lib/common/signals.h"
#include "server/master/master_process.h"

namespace alluxio::cli {

void AddMasterCommand(CLI::App& parent, CommandContext& ctx) {
  CLI::App* cmd = parent.add_subcommand(
      "master", "Run the Alluxio master in the foreground (RPC 19998, web 19999)");
  cmd->callback([&ctx] {
    ctx.command = "master";
    ctx.action = [&ctx]() -> Status {
      // Block SIGINT/SIGTERM before any thread starts, so they are collected here.
      ShutdownSignals signals;
      ASSIGN_OR_RETURN(conf::Configuration conf, ctx.LoadConfiguration());
      auto options = master::MasterOptionsFromConfiguration(conf);
      if (!options.ok()) {
        ctx.usage_error = true;
        return options.status();
      }
      Logger logger(LogLevel::kInfo);
      SystemClock clock;
      master::MasterProcess process(*options, &logger, &clock);
      RETURN_IF_ERROR(process.Start());
      int sig = signals.Wait();
      logger.Info("master", std::string("Received ") + (sig == SIGINT ? "SIGINT" : "SIGTERM") +
                                ", shutting down");
      process.Stop();
      return Status::OK();
    };
  });
}

}  // namespace alluxio::cli
