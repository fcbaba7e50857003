#include "cmd/mount_command.h"

#include <CLI/CLI.hpp>
#include <memory>

#include "cmd/command_context.h"
#include "cmd/fs/fs_json_output.h"
#include "cmd/fs/fs_mount.h"
#include "cmd/fs_command.h"

namespace alluxio::cli {
namespace {

struct MountAddOptions {
  std::string path;
  std::string ufs_uri;
  bool read_only = false;
  bool shared = false;
  std::vector<std::string> properties;  // key=value
};

struct MountRemoveOptions {
  std::string path;
};

Status RunAdd(CommandContext& ctx, const MountAddOptions& o) {
  wire::MountOptions options;
  options.read_only = o.read_only;
  options.shared = o.shared;
  RETURN_IF_ERROR(fs::ParseMountProperties(ctx, o.properties, &options.properties));
  ASSIGN_OR_RETURN(std::string authority, CommonAuthority(ctx, {o.path}));
  return RunWithNativeFileSystem(ctx, authority, [&](fs::FsEnv& env) {
    return fs::MountAndReport(env, o.path, o.ufs_uri, options);
  });
}

}  // namespace

void AddMountCommand(CLI::App& parent, CommandContext& ctx) {
  CLI::App* mount =
      parent.add_subcommand("mount", "Add, list or remove mounts of under storage in Alluxio");
  mount->require_subcommand(1);

  auto add = std::make_shared<MountAddOptions>();
  CLI::App* add_cmd = mount->add_subcommand("add", "Mount UFS-URI at the Alluxio path PATH");
  add_cmd->add_option("--path", add->path, "Alluxio path of the new mount point (must not exist)")
      ->type_name("PATH")
      ->required();
  add_cmd->add_option("--ufs-uri", add->ufs_uri, "Under storage to mount, e.g. s3://bucket/dir")
      ->type_name("URI")
      ->required();
  add_cmd->add_flag("--readonly", add->read_only, "Reject writes under the mount point");
  add_cmd->add_flag("--shared", add->shared, "Make the mount point accessible to every user");
  add_cmd->add_option("--option", add->properties, "UFS property of this mount (repeatable)")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  add_cmd->callback([&ctx, add] {
    ctx.command = "mount add";
    ctx.action = [&ctx, add] { return RunAdd(ctx, *add); };
  });

  auto list_json = std::make_shared<bool>(false);
  CLI::App* list_cmd = mount->add_subcommand("list", "Print the mount table");
  list_cmd->add_flag("--json", *list_json, std::string(fs::kMountJsonHelp));
  list_cmd->callback([&ctx, list_json] {
    ctx.command = "mount list";
    ctx.action = [&ctx, list_json] {
      return RunWithNativeFileSystem(ctx, "", [json = *list_json](fs::FsEnv& env) {
        return json ? fs::PrintMountTableJson(env) : fs::PrintMountTable(env);
      });
    };
  });

  auto remove = std::make_shared<MountRemoveOptions>();
  CLI::App* remove_cmd =
      mount->add_subcommand("remove", "Unmount PATH (the under storage is left untouched)");
  remove_cmd->add_option("--path", remove->path, "Alluxio path of the mount point")
      ->type_name("PATH")
      ->required();
  remove_cmd->callback([&ctx, remove] {
    ctx.command = "mount remove";
    ctx.action = [&ctx, remove]() -> Status {
      ASSIGN_OR_RETURN(std::string authority, CommonAuthority(ctx, {remove->path}));
      return RunWithNativeFileSystem(
          ctx, authority, [&](fs::FsEnv& env) { return fs::UnmountAndReport(env, remove->path); });
    };
  });
}

}  // namespace alluxio::cli
