#include "cmd/command_tree.h"

#include <CLI/CLI.hpp>

#include "cmd/command_context.h"
#include "cmd/conf_command.h"
#include "cmd/format_command.h"
#include "cmd/fs_command.h"
#include "cmd/fsadmin_command.h"
#include "cmd/local_command.h"
#include "cmd/master_command.h"
#include "cmd/mount_command.h"
#include "cmd/process_command.h"
#include "cmd/proxy_command.h"
#include "cmd/shell_command.h"
#include "cmd/version_command.h"
#include "cmd/worker_command.h"

namespace alluxio::cli {

void BuildCommandTree(CLI::App& app, CommandContext& ctx) {
  app.description(
      "Alluxio: one namespace over your storage, with hot data cached in memory and on SSD.\n"
      "Exit codes: 0 success, 1 bad command line or configuration, 255 the operation failed.");
  app.name("alluxio");
  // Subcommands hand options they do not know to the root, so global options work anywhere:
  // `alluxio conf get -Dalluxio.master.rpc.port=1 alluxio.master.rpc.port`.
  app.fallthrough();
  app.require_subcommand(0, 1);
  app.add_option("--conf-dir", ctx.globals.conf_dir,
                 "Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, "
                 "./conf, /etc/alluxio)")
      ->type_name("DIR");
  app.add_option("-D,--conf", ctx.globals.conf_overrides,
                 "Set a property for this command, e.g. -Dalluxio.master.hostname=host1 "
                 "(repeatable)")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);

  AddConfCommand(app, ctx);
  AddFormatCommand(app, ctx);
  AddLocalCommand(app, ctx);
  AddFsCommand(app, ctx);
  AddMasterCommand(app, ctx);
  AddWorkerCommand(app, ctx);
  AddProxyCommand(app, ctx);
  AddFsadminCommand(app, ctx);
  AddMountCommand(app, ctx);
  AddProcessCommand(app, ctx);
  AddShellCommand(app, ctx);
  AddVersionCommand(app, ctx);
}

}  // namespace alluxio::cli
