// Mount operations shared by `alluxio fs mount|unmount` (Alluxio 2.x's MountCommand,
// UnmountCommand) and `alluxio mount add|list|remove` (cmd/mount_command.cc): same requests,
// same messages.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "cmd/fs/fs_command_table.h"
#include "lib/wire/fs_types.h"

namespace alluxio::cli::fs {

// Parses repeated "key=value" mount options into `out`. A value without '=' or with an empty
// key is a usage error naming it.
Status ParseMountProperties(CommandContext& ctx, const std::vector<std::string>& key_values,
                            std::map<std::string, std::string>* out);

// Mounts `ufs_uri` at `alluxio_path` (a path or alluxio:// URI) and prints
// "Mounted <ufs> at <path>".
Status MountAndReport(FsEnv& env, const std::string& alluxio_path, const std::string& ufs_uri,
                      const wire::MountOptions& options);

// Prints the mount table (fs_format.h FormatMountTable).
Status PrintMountTable(FsEnv& env);

// Unmounts and prints "Unmounted <path>".
Status UnmountAndReport(FsEnv& env, const std::string& alluxio_path);

}  // namespace alluxio::cli::fs
