#include "cmd/local_command.h"

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <filesystem>
#include <ostream>

#include "cmd/command_context.h"
#include "lib/common/clock.h"
#include "lib/common/logging.h"
#include "lib/common/signals.h"
#include "server/master/master_process.h"
#include "server/proxy/proxy_process.h"
#include "server/worker/worker_process.h"

namespace alluxio::cli {

std::map<std::string, std::string> LocalEmbeddedDefaults() {
  const char* home = std::getenv("HOME");
  std::string base = home && *home ? std::string(home) + "/.alluxio" : "/tmp/alluxio-local";
  // The MEM tier lives on tmpfs when the machine has one, else under the work dir.
  std::error_code ec;
  std::string mem = std::filesystem::is_directory("/dev/shm", ec) ? "/dev/shm" : base + "/ramdisk";
  return {
      {"alluxio.work.dir", base},
      {"alluxio.master.hostname", "localhost"},
      {"alluxio.worker.hostname", "localhost"},
      {"alluxio.worker.tieredstore.levels", "1"},
      {"alluxio.worker.tieredstore.level0.alias", "MEM"},
      {"alluxio.worker.tieredstore.level0.dirs.path", mem},
      {"alluxio.worker.ramdisk.size", "2GB"},
      {"alluxio.worker.data.folder", "alluxio-local-worker"},
  };
}

void AddLocalCommand(CLI::App& parent, CommandContext& ctx) {
  CLI::App* cmd = parent.add_subcommand(
      "local",
      "Run a local cluster in the foreground with embedded defaults (work dir ~/.alluxio)");
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
      auto worker_options = worker::WorkerOptionsFromConfiguration(conf);
      if (!worker_options.ok()) {
        ctx.usage_error = true;
        return worker_options.status();
      }
      auto proxy_options = proxy::ProxyOptionsFromConfiguration(conf);
      if (!proxy_options.ok()) {
        ctx.usage_error = true;
        return proxy_options.status();
      }
      Logger logger(LogLevel::kInfo);
      SystemClock clock;
      master::MasterProcess master(*master_options, &logger, &clock);
      RETURN_IF_ERROR(master.Start());
      // The worker reaches the master on the port it actually bound (it may be 0 in tests).
      worker_options->master_host = "localhost";
      worker_options->master_rpc_port = master.rpc_port();
      worker::WorkerProcess worker(*worker_options, &logger, &clock, master.ufs_registry());
      RETURN_IF_ERROR(worker.Start());
      proxy_options->client.master_host = "localhost";
      proxy_options->client.master_rpc_port = master.rpc_port();
      proxy::ProxyProcess proxy(*proxy_options, &logger, &clock);
      RETURN_IF_ERROR(proxy.Start());
      ctx.out << "Alluxio local cluster is up: master at localhost:" << master.rpc_port()
              << " (web " << master.web_port() << "), worker at localhost:" << worker.rpc_port()
              << " (web " << worker.web_port() << "), proxy at localhost:" << proxy.web_port()
              << ", root UFS " << master_options->fs.root_ufs << ". Try: alluxio fs ls /"
              << std::endl;
      signals.Wait();
      logger.Info("local", "Shutting down");
      proxy.Stop();
      worker.Stop();
      master.Stop();
      return Status::OK();
    };
  });
}

}  // namespace alluxio::cli
