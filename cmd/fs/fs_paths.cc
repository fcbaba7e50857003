// Namespace commands (Alluxio 2.9's MkdirCommand, RmCommand, MvCommand, TouchCommand,
// TestCommand, LoadMetadataCommand): mkdir, rm, mv, touch, test, loadMetadata.
#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>

#include "cmd/command_context.h"
#include "cmd/fs/fs_command_table.h"
#include "cmd/fs/fs_path_args.h"
#include "lib/common/path.h"

namespace alluxio::cli::fs {
namespace {

constexpr std::string_view kMkdirUsage = "mkdir <path1> [path2] ... [pathn]";
constexpr std::string_view kRmUsage =
    "rm [-R/-r/--recursive] [-U] [--alluxioOnly] [-m/--deleteMountPoint] <path> ...";
constexpr std::string_view kMvUsage = "mv <src> <dst>";
constexpr std::string_view kTouchUsage = "touch <path>";
constexpr std::string_view kTestUsage = "test [-d|-f|-e|-s|-z] <path>";
constexpr std::string_view kLoadMetadataUsage = "loadMetadata [-R] [-F] <path>";

// `fs test` exit codes (Alluxio 2.9.3's TestCommand): 0 true, 1 false, 3 the path does not
// exist, 2 another failure to read its status, 255 not exactly one flag.
constexpr int kTestFalse = 1;
constexpr int kTestOtherError = 2;
constexpr int kTestNotFound = 3;

struct RmOptions {
  bool recursive = false;           // -R/-r/--recursive
  bool unchecked = false;           // -U
  bool alluxio_only = false;        // --alluxioOnly
  bool delete_mount_point = false;  // -m/--deleteMountPoint
};

struct TestOptions {
  bool dir = false;          // -d
  bool file = false;         // -f
  bool exists = false;       // -e
  bool non_empty = false;    // -s
  bool zero_length = false;  // -z
};

struct LoadMetadataOptions {
  bool recursive = false;  // -R
  bool force = false;      // -F
};

Status RunMkdir(FsEnv& env, const std::vector<std::string>& args) {
  RETURN_IF_ERROR(CheckArgCount(env.ctx, "mkdir", kMkdirUsage, args, 1, -1));
  std::vector<FsPath> paths;
  for (const std::string& arg : args) {
    ASSIGN_OR_RETURN(FsPath p, ParseFsPath(env.ctx, arg));
    paths.push_back(std::move(p));
  }
  std::vector<Status> errors;
  for (const FsPath& p : paths) {
    wire::CreateDirectoryOptions options;
    options.recursive = true;
    Status st = env.fs.CreateDirectory(p.path, options);
    if (!st.ok()) {
      errors.push_back(st);
      continue;
    }
    env.ctx.out << "Successfully created directory " << p.display << "\n";
  }
  return JoinErrors(errors);
}

Status RunRm(FsEnv& env, const RmOptions& o, const std::vector<std::string>& args) {
  RETURN_IF_ERROR(CheckArgCount(env.ctx, "rm", kRmUsage, args, 1, -1));
  return ForEachPath(env, args, [&](const FsPath& path) -> Status {
    ASSIGN_OR_RETURN(bool exists, env.fs.Exists(path.path));
    if (!exists) return Status::NotFound("Path \"" + path.display + "\" does not exist.");
    if (!o.recursive) {
      ASSIGN_OR_RETURN(wire::FileInfo info, env.fs.GetStatus(path.path));
      if (info.folder) {
        return Status::FailedPrecondition(path.path +
                                          " is a directory, to remove it, please use \"rm -R "
                                          "<path>\"");
      }
    }
    wire::DeleteOptions options;
    options.recursive = o.recursive;
    options.alluxio_only = o.alluxio_only;
    if (o.unchecked) options.unchecked = true;
    options.delete_mount_point = o.delete_mount_point;
    RETURN_IF_ERROR(env.fs.Delete(path.path, options));
    env.ctx.out << path.display
                << (o.alluxio_only ? " has been removed only from Alluxio space"
                                   : " has been removed")
                << "\n";
    return Status::OK();
  });
}

Status RunMv(FsEnv& env, const std::vector<std::string>& args) {
  RETURN_IF_ERROR(CheckArgCount(env.ctx, "mv", kMvUsage, args, 2, 2));
  ASSIGN_OR_RETURN(FsPath src, ParseFsPath(env.ctx, args[0]));
  ASSIGN_OR_RETURN(FsPath dst, ParseFsPath(env.ctx, args[1]));
  // An existing directory as destination receives the source inside it (as `mv` does).
  ASSIGN_OR_RETURN(bool dst_exists, env.fs.Exists(dst.path));
  if (dst_exists && src.path != "/") {
    ASSIGN_OR_RETURN(wire::FileInfo dst_info, env.fs.GetStatus(dst.path));
    if (dst_info.folder) dst = WithPath(dst, JoinPath(dst.path, BaseName(src.path)));
  }
  RETURN_IF_ERROR(env.fs.Rename(src.path, dst.path));
  env.ctx.out << "Renamed " << src.display << " to " << dst.display << "\n";
  return Status::OK();
}

Status RunTouch(FsEnv& env, const std::vector<std::string>& args) {
  RETURN_IF_ERROR(CheckArgCount(env.ctx, "touch", kTouchUsage, args, 1, 1));
  return ForEachPath(env, args, [&](const FsPath& path) -> Status {
    ASSIGN_OR_RETURN(std::unique_ptr<client::FileOutStream> stream,
                     env.fs.CreateFile(path.path, wire::CreateFileOptions{}));
    RETURN_IF_ERROR(stream->Close());
    env.ctx.out << path.display << " has been created\n";
    return Status::OK();
  });
}

Status RunTest(FsEnv& env, const TestOptions& o, const std::vector<std::string>& args) {
  int flags = int{o.dir} + int{o.file} + int{o.exists} + int{o.non_empty} + int{o.zero_length};
  if (flags != 1) {
    // Alluxio answers -1 (exit 255) for this rather than a usage error.
    return Status::InvalidArgument("test needs exactly one of -d, -f, -e, -s, -z (" +
                                   std::to_string(flags) + " given). Usage: alluxio fs " +
                                   std::string(kTestUsage));
  }
  RETURN_IF_ERROR(CheckArgCount(env.ctx, "test", kTestUsage, args, 1, 1));
  ASSIGN_OR_RETURN(FsPath path, ParseFsPath(env.ctx, args[0]));
  auto status = env.fs.GetStatus(path.path);
  if (!status.ok()) {
    if (status.status().code() == StatusCode::kNotFound) {
      env.ctx.exit_code = kTestNotFound;
      return Status::OK();
    }
    env.ctx.exit_code = kTestOtherError;
    return status.status();
  }
  const wire::FileInfo& f = *status;
  bool result = false;
  if (o.dir) result = f.folder;
  if (o.file) result = !f.folder;
  if (o.exists) result = true;
  if (o.non_empty) result = f.folder && f.length > 0;
  if (o.zero_length) result = !f.folder && f.length == 0;
  if (!result) env.ctx.exit_code = kTestFalse;
  return Status::OK();
}

Status RunLoadMetadata(FsEnv& env, const LoadMetadataOptions& o,
                       const std::vector<std::string>& args) {
  RETURN_IF_ERROR(CheckArgCount(env.ctx, "loadMetadata", kLoadMetadataUsage, args, 1, -1));
  wire::ListStatusOptions options;
  options.recursive = o.recursive;
  options.load_metadata_type = wire::LoadMetadataType::kAlways;
  if (o.force) options.common.sync_interval_ms = 0;
  return ForEachPath(env, args, [&](const FsPath& path) -> Status {
    // The listing itself loads the metadata; the entries are not needed.
    return env.fs.ListStatus(path.path, options, [](wire::FileInfo&&) { return Status::OK(); });
  });
}

FsCommandSpec PlainSpec(std::string name, std::string_view usage, std::string description,
                        Status (*run)(FsEnv&, const std::vector<std::string>&)) {
  FsCommandSpec spec;
  spec.name = std::move(name);
  spec.usage = std::string(usage);
  spec.description = std::move(description);
  spec.setup = [run](CLI::App&) -> FsRunner { return run; };
  return spec;
}

}  // namespace

std::vector<FsCommandSpec> PathCommandSpecs() {
  std::vector<FsCommandSpec> specs;
  specs.push_back(PlainSpec("mkdir", kMkdirUsage,
                            "Creates the specified directories, including any parent directories "
                            "that are required.",
                            RunMkdir));

  FsCommandSpec rm;
  rm.name = "rm";
  rm.usage = std::string(kRmUsage);
  rm.description =
      "Removes the specified file. Specify -R to remove file or directory recursively. Specify "
      "-U to remove directories without checking UFS contents are in sync. Specify "
      "--alluxioOnly to remove data and metadata from alluxio space only. Specify "
      "-m/--deleteMountPoint to remove mount points in the directory.";
  rm.setup = [](CLI::App& app) -> FsRunner {
    auto o = std::make_shared<RmOptions>();
    app.add_flag("-R,-r,--recursive", o->recursive, "delete files and subdirectories recursively");
    app.add_flag("-U", o->unchecked,
                 "remove directories without checking UFS contents are in sync");
    app.add_flag("--alluxioOnly", o->alluxio_only,
                 "remove data and metadata from Alluxio space only");
    app.add_flag("-m,--deleteMountPoint", o->delete_mount_point,
                 "remove mount points in the directory");
    return [o](FsEnv& env, const std::vector<std::string>& args) { return RunRm(env, *o, args); };
  };
  specs.push_back(std::move(rm));

  specs.push_back(PlainSpec("mv", kMvUsage,
                            "Renames a file or directory. If the destination is an existing "
                            "directory, the source is moved into it.",
                            RunMv));
  specs.push_back(PlainSpec("touch", kTouchUsage,
                            "Creates a 0 byte file. The file will be written to the under file "
                            "system.",
                            RunTouch));

  FsCommandSpec test;
  test.name = "test";
  test.usage = std::string(kTestUsage);
  test.description =
      "Test a property of a path, returning 0 if the property is true, or 1 otherwise. As "
      "Alluxio 2.9.3, returns 3 when the path does not exist, 2 when its status cannot be read "
      "for another reason, and 255 unless exactly one flag is given.";
  test.setup = [](CLI::App& app) -> FsRunner {
    auto o = std::make_shared<TestOptions>();
    app.add_flag("-d", o->dir, "test whether path is a directory.");
    app.add_flag("-f", o->file, "test whether path is a file.");
    app.add_flag("-e", o->exists, "test whether path exists.");
    app.add_flag("-s", o->non_empty, "test whether path is not empty.");
    app.add_flag("-z", o->zero_length, "test whether file is zero length.");
    return [o](FsEnv& env, const std::vector<std::string>& args) { return RunTest(env, *o, args); };
  };
  specs.push_back(std::move(test));

  FsCommandSpec load;
  load.name = "loadMetadata";
  load.usage = std::string(kLoadMetadataUsage);
  load.description = "Loads metadata for the given Alluxio path from the under file system.";
  load.setup = [](CLI::App& app) -> FsRunner {
    auto o = std::make_shared<LoadMetadataOptions>();
    app.add_flag("-R", o->recursive, "load metadata subdirectories recursively");
    app.add_flag("-F", o->force, "update the metadata of the existing sub file forcibly");
    return [o](FsEnv& env, const std::vector<std::string>& args) {
      return RunLoadMetadata(env, *o, args);
    };
  };
  specs.push_back(std::move(load));
  return specs;
}

}  // namespace alluxio::cli::fs
