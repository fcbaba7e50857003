#include "cmd/fs_command.h"

#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>

#include "cmd/command_context.h"
#include "cmd/exit_codes.h"
#include "lib/client/native_file_system.h"
#include "lib/common/path.h"
#include "lib/common/strings.h"

namespace alluxio::cli {
namespace {

constexpr std::string_view kScheme = "alluxio://";

// Applies "host" or "host:port" to the client options.
Status ApplyAuthority(CommandContext& ctx, const std::string& authority,
                      client::ClientOptions* options) {
  if (authority.empty()) return Status::OK();
  size_t colon = authority.rfind(':');
  if (colon == std::string::npos) {
    options->master_host = authority;
    return Status::OK();
  }
  int64_t port = 0;
  if (colon == 0 || !ParseInt64(authority.substr(colon + 1), &port) || port <= 0 || port > 65535) {
    return ctx.UsageError("Invalid authority \"" + authority +
                          "\" in an alluxio:// path: expected host:port, e.g. "
                          "alluxio://localhost:19998/path");
  }
  options->master_host = authority.substr(0, colon);
  options->master_rpc_port = static_cast<int>(port);
  return Status::OK();
}

}  // namespace

Result<std::string> CommonAuthority(CommandContext& ctx, const std::vector<std::string>& args) {
  std::string found;
  for (const std::string& arg : args) {
    if (!StartsWith(arg, kScheme)) continue;
    auto uri = ParseAlluxioUri(arg);
    if (!uri.ok() || uri->authority.empty()) continue;  // the command reports bad paths itself
    if (!found.empty() && found != uri->authority) {
      return ctx.UsageError("The paths of one command must name the same master, not both " +
                            found + " and " + uri->authority);
    }
    found = uri->authority;
  }
  return found;
}

Status RunWithNativeFileSystem(CommandContext& ctx, const std::string& authority,
                               const std::function<Status(fs::FsEnv&)>& fn) {
  ASSIGN_OR_RETURN(conf::Configuration conf, ctx.LoadConfiguration());
  auto options = client::ClientOptionsFromConfiguration(conf);
  if (!options.ok()) {
    ctx.usage_error = true;  // a bad client configuration is fixed like a bad command line
    return options.status();
  }
  RETURN_IF_ERROR(ApplyAuthority(ctx, authority, &*options));
  client::NativeFileSystem file_system(std::move(*options));
  fs::FsSettings settings = fs::FsSettingsFromConfiguration(conf);
  fs::FsEnv env{file_system, ctx, settings};
  return fn(env);
}

void AddFsCommand(CLI::App& parent, CommandContext& ctx) {
  CLI::App* group =
      parent.add_subcommand("fs",
                            "Alluxio file system operations, as Alluxio 2.x's `alluxio fs` shell "
                            "(`alluxio fs help` lists them)");
  // At most one command, so a path argument that happens to be a command name stays a path.
  group->require_subcommand(0, 1);
  auto unknown = std::make_shared<std::vector<std::string>>();
  group->add_option("command", *unknown, "An fs command (see `alluxio fs help`)");

  for (const fs::FsCommandSpec& spec : fs::BuildFsCommandTable()) {
    CLI::App* sub = group->add_subcommand(spec.name, spec.description);
    auto inst = std::make_shared<fs::FsCommandInstance>(fs::InstantiateFsCommand(spec, *sub));
    sub->callback([&ctx, inst, name = spec.name] {
      ctx.command = "fs " + name;
      ctx.action = [&ctx, inst]() -> Status {
        ASSIGN_OR_RETURN(std::string authority, CommonAuthority(ctx, *inst->args));
        return RunWithNativeFileSystem(ctx, authority,
                                       [&](fs::FsEnv& env) { return inst->Run(env); });
      };
    });
  }

  group->callback([&ctx, group, unknown] {
    if (!group->get_subcommands().empty()) return;
    ctx.command = "fs";
    ctx.action = [&ctx, unknown]() -> Status {
      if (!unknown->empty()) ctx.err << unknown->front() << " is an unknown command.\n";
      ctx.out << fs::FormatFsCommandList(fs::BuildFsCommandTable());
      // Alluxio's shell returns -1 here (AbstractShell.run), so scripts see 255, not the usage
      // code 1 other bad command lines get.
      ctx.exit_code = kExitFailure;
      return Status::OK();
    };
  });
}

}  // namespace alluxio::cli
