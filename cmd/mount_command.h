// `alluxio mount add --path P --ufs-uri URI [--readonly] [--shared] [--option k=v]...`,
// `alluxio mount list` and `alluxio mount remove --path P`: the mount table with named flags
// (same requests and messages as `alluxio fs mount` / `fs unmount`, cmd/fs/fs_mount.h).
//   add    prints "Mounted <ufs> at <path>"
//   list   prints the mount table (compat page §3.4)
//   remove prints "Unmounted <path>"
// Exit codes: 0 success, 1 bad command line, 255 the master refused or could not be reached.
#pragma once

namespace CLI {
class App;
}

namespace alluxio::cli {
class CommandContext;

void AddMountCommand(CLI::App& parent, CommandContext& ctx);

}  // namespace alluxio::cli
