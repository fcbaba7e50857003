#include "cmd/worker_command.h"

#include <CLI/CLI.hpp>
#include <ostream>

#include "cmd/command_context.h"
#include "lib/common/clock.h"
#include "lib/common/logging.h"
#include "lib/common/signals.h"
#include "server/worker/worker_process.h"

namespace alluxio::cli {

void AddWorkerCommand(CLI::App& parent, CommandContext& ctx) {
  CLI::App* cmd = parent.add_subcommand(
      "worker", "Run an Alluxio worker in the foreground (RPC and data 29999, web 30000)");
  cmd->callback([&ctx] {
    ctx.command = "worker";
    ctx.action = [&ctx]() -> Status {
      ShutdownSignals signals;  // before any thread starts
      ASSIGN_OR_RETURN(conf::Configuration conf, ctx.LoadConfiguration());
      auto options = worker::WorkerOptionsFromConfiguration(conf);
      if (!options.ok()) {
        ctx.usage_error = true;
        return options.status();
      }
      Logger logger(LogLevel::kInfo);
      SystemClock clock;
      worker::WorkerProcess process(*options, &logger, &clock);
      RETURN_IF_ERROR(process.Start());
      int sig = signals.Wait();
      logger.Info("worker", std::string("Received ") + (sig == SIGINT ? "SIGINT" : "SIGTERM") +
                                ", shutting down");
      process.Stop();
      return Status::OK();
    };
  });
}

}  // namespace alluxio::cli
