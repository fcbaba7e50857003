#include "cmd/format_command.h"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <memory>
#include <ostream>

#include "cmd/command_context.h"
#include "cmd/local_command.h"
#include "lib/net/http_client.h"
#include "lib/ufs/under_file_system.h"
#include "server/master/master_process.h"
#include "server/master/metastore/inode_store.h"
#include "server/worker/block_store.h"
#include "server/worker/tier_config.h"

namespace alluxio::cli {
namespace {

struct FormatOptions {
  bool skip_if_formatted = false;
  bool local = false;
};

Status RunFormat(CommandContext& ctx, const FormatOptions& o) {
  ASSIGN_OR_RETURN(conf::Configuration conf,
                   ctx.LoadConfiguration(o.local ? LocalEmbeddedDefaults()
                                                 : std::map<std::string, std::string>{}));
  auto opts = master::MasterOptionsFromConfiguration(conf);
  if (!opts.ok()) {
    ctx.usage_error = true;
    return opts.status();
  }
  if (o.skip_if_formatted) {
    const std::string& root = opts->fs.root_ufs;
    std::error_code ec;
    if (ufs::SchemeOf(root) != "file" ||
        std::filesystem::exists(root.rfind("file://", 0) == 0 ? root.substr(7) : root, ec)) {
      ctx.out << "Skipping format: the root UFS " << root
              << " is not local or already exists (format -s only formats a new cluster)\n";
      return Status::OK();
    }
  }
  // A master answering on this host's RPC port must not lose its metastore under it.
  net::HttpClientOptions ho;
  ho.connect_timeout_ms = 1000;
  ho.io_timeout_ms = 2000;
  ho.max_retries = 0;
  net::HttpClient http(ho);
  net::ClientRequest probe;
  probe.target = "/healthz";
  if (http.Send("localhost", opts->rpc_port, probe).ok()) {
    return Status::FailedPrecondition("An Alluxio master is running on this host (port " +
                                      std::to_string(opts->rpc_port) +
                                      "); stop it before formatting");
  }
  auto worker_port = conf.GetInt("alluxio.worker.rpc.port");
  if (worker_port.ok() && http.Send("localhost", static_cast<int>(*worker_port), probe).ok()) {
    return Status::FailedPrecondition("An Alluxio worker is running on this host (port " +
                                      std::to_string(*worker_port) +
                                      "); stop it before formatting");
  }
  if (opts->metastore_rocks) {
    const std::string& dir = opts->metastore_dir;
    {
      // Opening takes RocksDB's lock: it fails while any master uses this metastore.
      master::RocksInodeStoreOptions ro;
      ro.dir = dir;
      auto store = master::OpenRocksInodeStore(ro);
      if (!store.ok()) {
        return Status::FailedPrecondition("Cannot format the metastore " + dir + ": " +
                                          std::string(store.status().message()));
      }
    }
    RETURN_IF_ERROR(master::DestroyRocksInodeStore(dir));
    ctx.out << "Formatted the master metastore " << dir << "\n";
  } else {
    ctx.out << "The master metastore is HEAP (alluxio.master.metastore); nothing to format\n";
  }
  // The local worker's cached blocks belong to the namespace just wiped.
  auto store = worker::BlockStoreOptionsFromConfiguration(conf);
  if (!store.ok()) {
    ctx.err << "Not formatting the worker storage: " << store.status().message() << "\n";
    return Status::OK();
  }
  RETURN_IF_ERROR(worker::BlockStore::Wipe(*store));
  for (const auto& tier : store->tiers) {
    for (const auto& dir : tier.dirs) {
      ctx.out << "Formatted the worker storage " << dir.path << " (" << tier.alias << ")\n";
    }
  }
  return Status::OK();
}

}  // namespace

void AddFormatCommand(CLI::App& parent, CommandContext& ctx) {
  auto opts = std::make_shared<FormatOptions>();
  CLI::App* cmd = parent.add_subcommand(
      "format", "Wipe the master metastore and the local worker's storage (stop them first)");
  cmd->add_flag("-s", opts->skip_if_formatted,
                "Only format when the root UFS is local and does not exist yet");
  cmd->add_flag("--local", opts->local,
                "Format what `alluxio local` uses: apply its embedded defaults (work dir "
                "~/.alluxio, MEM tier under /dev/shm) under the configuration, as it does");
  cmd->callback([&ctx, opts] {
    ctx.command = "format";
    ctx.action = [&ctx, opts] { return RunFormat(ctx, *opts); };
  });
}

}  // namespace alluxio::cli
