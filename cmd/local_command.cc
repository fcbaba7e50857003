#include "cmd/local_command.h"

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <ostream>

#include "cmd/command_context.h"
#include "lib/common/clock.h"
#include "lib/common/logging.h"
#include "lib/common/signals.h"
#include "server/master/master_process.h"

namespace alluxio::cli {

std::map<std::string, std::string> LocalEmbeddedDefaults() {
  const char* home = std::getenv("HOME");
  std::string base = home && *home ? std::string(home) + "/.alluxio" : "/tmp/alluxio-local";
  return {
      {"alluxio.work.dir", base},
      {"alluxio.master.hostname", "localhost"},
  };
}

void AddLocalCommand(CLI::App& parent, CommandContext& ctx) {
  CLI::App* cmd = parent.add_subcommand(
      "local", "Run a local cluster in the foreground with embedded defaults (work dir ~/.alluxio)");
  cmd->callback([&ctx] {
    ctx.command = "local";
    ctx.action = [&ctx]() -> Status {
      ShutdownSignals signals;  // before any thread starts
      ASSIGN_OR_RETURN(conf::Configuration conf, ctx.LoadConfiguration(LocalEmbeddedDefaults()));
      auto master_options = master::MasterOptionsFromConfiguration(conf);
      if (!master_options.ok()) {
        ctx.usage_error = true;
        return master_options.status();
      }
      Logger logger(LogLevel::kInfo);
      SystemClock clock;
      master::MasterProcess master(*master_options, &logger, &clock);
      RETURN_IF_ERROR(master.Start());
      ctx.out << "Alluxio local cluster is up: master at localhost:" << master.rpc_port()
              << " (web " << master.web_port() << "), root UFS "
              << master_options->fs.root_ufs << ". Try: alluxio fs ls /" << std::endl;
      signals.Wait();
      logger.Info("local", "Shutting down");
      master.Stop();
      return Status::OK();
    };
  });
}

}  // namespace alluxio::cli
