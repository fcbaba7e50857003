// `mount [--readonly] [--shared] [--option <key=val>] <alluxioPath> <ufsURI>` (no arguments:
// print the mount table) and `unmount <alluxioPath>`.
#include "cmd/fs/fs_mount.h"

#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>

#include "cmd/command_context.h"
#include "cmd/fs/fs_format.h"
#include "cmd/fs/fs_json_output.h"
#include "cmd/fs/fs_path_args.h"

namespace alluxio::cli::fs {
namespace {

constexpr std::string_view kMountUsage =
    "mount [--readonly] [--shared] [--option <key=val>] <alluxioPath> <ufsURI>";
constexpr std::string_view kUnmountUsage = "unmount <alluxioPath>";

struct MountFlags {
  bool read_only = false;               // --readonly
  bool shared = false;                  // --shared
  std::vector<std::string> properties;  // --option key=value, repeatable
  bool json = false;                    // --json: the mount table as JSON (no arguments only)
};

Status RunMount(FsEnv& env, const MountFlags& o, const std::vector<std::string>& args) {
  if (args.size() != 0 && args.size() != 2) {
    return env.ctx.UsageError("Command mount takes 0 or 2 arguments, not " +
                              std::to_string(args.size()) + "\nUsage: alluxio fs " +
                              std::string(kMountUsage));
  }
  if (args.empty()) return o.json ? PrintMountTableJson(env) : PrintMountTable(env);
  if (o.json) {
    return JsonConflict(env.ctx, "mount", "<alluxioPath> <ufsURI>",
                        "it prints the mount table: give no arguments");
  }
  wire::MountOptions options;
  options.read_only = o.read_only;
  options.shared = o.shared;
  RETURN_IF_ERROR(ParseMountProperties(env.ctx, o.properties, &options.properties));
  return MountAndReport(env, args[0], args[1], options);
}

Status RunUnmount(FsEnv& env, const std::vector<std::string>& args) {
  RETURN_IF_ERROR(CheckArgCount(env.ctx, "unmount", kUnmountUsage, args, 1, 1));
  return UnmountAndReport(env, args[0]);
}

}  // namespace

Status ParseMountProperties(CommandContext& ctx, const std::vector<std::string>& key_values,
                            std::map<std::string, std::string>* out) {
  for (const std::string& kv : key_values) {
    size_t eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) {
      return ctx.UsageError("Invalid mount option \"" + kv +
                            "\": expected key=value, e.g. --option aws.accessKeyId=AKIA...");
    }
    (*out)[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  return Status::OK();
}

Status MountAndReport(FsEnv& env, const std::string& alluxio_path, const std::string& ufs_uri,
                      const wire::MountOptions& options) {
  ASSIGN_OR_RETURN(FsPath path, ParseFsPath(env.ctx, alluxio_path));
  RETURN_IF_ERROR(env.fs.Mount(path.path, ufs_uri, options));
  env.ctx.out << "Mounted " << ufs_uri << " at " << path.display << "\n";
  return Status::OK();
}

Status PrintMountTable(FsEnv& env) {
  ASSIGN_OR_RETURN(std::vector<wire::MountPointInfo> mounts, env.fs.GetMountTable());
  env.ctx.out << FormatMountTable(std::move(mounts));
  return Status::OK();
}

Status UnmountAndReport(FsEnv& env, const std::string& alluxio_path) {
  ASSIGN_OR_RETURN(FsPath path, ParseFsPath(env.ctx, alluxio_path));
  RETURN_IF_ERROR(env.fs.Unmount(path.path));
  env.ctx.out << "Unmounted " << path.display << "\n";
  return Status::OK();
}

std::vector<FsCommandSpec> MountCommandSpecs() {
  FsCommandSpec mount;
  mount.name = "mount";
  mount.usage = std::string(kMountUsage);
  mount.description =
      "Mounts a UFS path onto an Alluxio path. Without arguments, prints the mount table.";
  mount.setup = [](CLI::App& app) -> FsRunner {
    auto o = std::make_shared<MountFlags>();
    app.add_flag("--readonly", o->read_only, "mount point is readonly in Alluxio");
    app.add_flag("--shared", o->shared, "mount point is shared");
    app.add_option("--option", o->properties, "options associated with this mount point")
        ->type_name("KEY=VALUE")
        ->allow_extra_args(false);
    app.add_flag("--json", o->json, "without arguments: " + std::string(kMountJsonHelp));
    return
        [o](FsEnv& env, const std::vector<std::string>& args) { return RunMount(env, *o, args); };
  };

  FsCommandSpec unmount;
  unmount.name = "unmount";
  unmount.usage = std::string(kUnmountUsage);
  unmount.description = "Unmounts an Alluxio path.";
  unmount.setup = [](CLI::App&) -> FsRunner { return RunUnmount; };
  return {mount, unmount};
}

}  // namespace alluxio::cli::fs
