// Path arguments of the `alluxio fs` commands: parsing ("/p" or "alluxio://host:port/p"), glob
// expansion, and the run-every-path-then-report loop Alluxio's shell uses
// (AbstractFileSystemCommand.runWildCardCmd).
//
// Messages show a path the way the user wrote it, normalised: "/a/b", or
// "alluxio://host:port/a/b" when it was given as a URI (Alluxio prints AlluxioURI.toString()).
// Stateless; thread-safe as far as the FileSystem is.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "cmd/fs/fs_command_table.h"
#include "lib/client/file_system.h"
#include "lib/common/result.h"

namespace alluxio::cli::fs {

struct FsPath {
  std::string path;     // normalised Alluxio path, e.g. "/a/b"
  std::string prefix;   // "alluxio://host:port" when given as a URI, else empty
  std::string display;  // prefix + path: what messages print
};

// Parses one argument. A relative path resolves against ctx.working_dir (the shell's current
// directory); without one, and for a malformed path, it is a usage error (ctx.UsageError).
Result<FsPath> ParseFsPath(CommandContext& ctx, std::string_view arg);
// The same prefix as `base`, another path.
FsPath WithPath(const FsPath& base, std::string path);

// Expands '*', '?' and '[...]' component by component by listing the parent directories
// (Alluxio expands '*' only). A path without glob characters is returned as it is, unchecked.
// Matches are sorted by path. NOT_FOUND "<pattern> does not exist." when nothing matches; the
// FileSystem's error when a listing fails for another reason.
Result<std::vector<FsPath>> ExpandGlob(client::FileSystem& fs, const FsPath& pattern);

// Parses every argument (stopping at the first usage error), then for each one expands globs
// and calls `fn` for every match. Every path is attempted; if any failed, returns the first
// failure's code with all messages joined by newlines. `before_first` (optional) runs once,
// after the first successful expansion (du prints its header there, as Alluxio does).
Status ForEachPath(FsEnv& env, const std::vector<std::string>& args,
                   const std::function<Status(const FsPath&)>& fn,
                   const std::function<void()>& before_first = nullptr);

// Usage error unless min <= args.size() <= max (max < 0: unbounded). The message names the
// command and repeats its usage: "ls takes at least 1 argument, not 0. Usage: ls ...".
Status CheckArgCount(CommandContext& ctx, std::string_view command, std::string_view usage,
                     const std::vector<std::string>& args, int min, int max);

// Joins failures: OK when `errors` is empty, else the first code with the messages joined by
// newlines.
Status JoinErrors(const std::vector<Status>& errors);

}  // namespace alluxio::cli::fs
