// `stat [-f <format>] <path>` and `stat [-f <format>] --file-id <id>` (Alluxio 2.9's
// StatCommand).
#include <CLI/CLI.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>

#include "cmd/command_context.h"
#include "cmd/fs/fs_command_table.h"
#include "cmd/fs/fs_format.h"
#include "cmd/fs/fs_json_output.h"
#include "cmd/fs/fs_path_args.h"
#include "lib/common/path.h"
#include "lib/wire/fs_json.h"

namespace alluxio::cli::fs {
namespace {

constexpr std::string_view kStatUsage =
    "stat [-f <format>] <path> or stat [-f <format>] --file-id <file id>";

struct StatOptions {
  std::optional<std::string> format;  // -f
  std::optional<int64_t> file_id;     // --file-id
  bool json = false;                  // --json
};

// Prints what Alluxio prints for one path: the custom format, or the kind line, the URIStatus
// and, for files, the blocks.
void PrintStatus(FsEnv& env, const StatOptions& o, const std::string& display,
                 const wire::FileInfo& info) {
  std::ostream& out = env.ctx.out;
  if (o.format) {
    out << FormatStatCustom(info, *o.format) << "\n";
    return;
  }
  if (info.folder) {
    out << display << " is a directory path.\n" << FormatUriStatus(info) << "\n";
    return;
  }
  out << display << " is a file path.\n" << FormatUriStatus(info) << "\n";
  if (info.block_ids.empty()) {
    out << "This file does not contain any blocks.\n";
    return;
  }
  out << "Containing the following blocks: \n";
  for (int64_t id : info.block_ids) {
    wire::BlockInfo block;
    block.block_id = id;
    for (const wire::FileBlockInfo& fb : info.file_block_infos) {
      if (fb.block_info.block_id == id) block = fb.block_info;
    }
    out << FormatBlockInfo(block) << "\n";
  }
}

// `stat --json`: the FileInfo object; for a glob argument an array of the matches' objects
// (closed even when a match fails), however many matched.
Status RunStatJson(FsEnv& env, const StatOptions& o, const std::vector<std::string>& args) {
  if (o.format) {
    return JsonConflict(env.ctx, "stat", "-f", "-f prints a custom text format");
  }
  if (o.file_id) {
    RETURN_IF_ERROR(CheckArgCount(env.ctx, "stat", kStatUsage, args, 0, 0));
    ASSIGN_OR_RETURN(wire::FileInfo info, env.fs.GetStatusById(*o.file_id));
    PrintJson(env.ctx.out, info);
    return Status::OK();
  }
  RETURN_IF_ERROR(CheckArgCount(env.ctx, "stat", kStatUsage, args, 1, 1));
  if (!HasGlob(args[0])) {
    ASSIGN_OR_RETURN(FsPath path, ParseFsPath(env.ctx, args[0]));
    ASSIGN_OR_RETURN(wire::FileInfo info, env.fs.GetStatus(path.path));
    PrintJson(env.ctx.out, info);
    return Status::OK();
  }
  RETURN_IF_ERROR(ParseFsPath(env.ctx, args[0]).status());
  JsonArrayWriter writer(env.ctx.out);
  Status status = ForEachPath(env, args, [&](const FsPath& path) -> Status {
    ASSIGN_OR_RETURN(wire::FileInfo info, env.fs.GetStatus(path.path));
    writer.Add(info);
    return Status::OK();
  });
  writer.Close();
  return status;
}

Status RunStat(FsEnv& env, const StatOptions& o, const std::vector<std::string>& args) {
  if (o.json) return RunStatJson(env, o, args);
  if (o.file_id) {
    RETURN_IF_ERROR(CheckArgCount(env.ctx, "stat", kStatUsage, args, 0, 0));
    ASSIGN_OR_RETURN(wire::FileInfo info, env.fs.GetStatusById(*o.file_id));
    env.ctx.out << "The specified file ID " << *o.file_id << " is " << info.path << "\n";
    PrintStatus(env, o, info.path, info);
    return Status::OK();
  }
  RETURN_IF_ERROR(CheckArgCount(env.ctx, "stat", kStatUsage, args, 1, 1));
  return ForEachPath(env, args, [&](const FsPath& path) -> Status {
    ASSIGN_OR_RETURN(wire::FileInfo info, env.fs.GetStatus(path.path));
    PrintStatus(env, o, path.display, info);
    return Status::OK();
  });
}

}  // namespace

std::vector<FsCommandSpec> StatCommandSpecs() {
  FsCommandSpec stat;
  stat.name = "stat";
  stat.usage = std::string(kStatUsage);
  stat.description =
      "Displays info for the specified path both file and directory. Specify -f to display info "
      "in given format: \"%N\": name of the file; \"%z\": size of file in bytes; \"%u\": owner; "
      "\"%g\": group name of owner; \"%i\": file id of the file; \"%y\" or \"%Y\": modification "
      "time, %y shows 'yyyy-MM-dd HH:mm:ss' (the local date), %Y it shows milliseconds since "
      "January 1, 1970 UTC; \"%b\": Number of blocks allocated for file";
  stat.setup = [](CLI::App& app) -> FsRunner {
    auto o = std::make_shared<StatOptions>();
    app.add_option("-f", o->format, "format")->type_name("FORMAT");
    app.add_option("--file-id", o->file_id, "the file ID to stat instead of a path")
        ->type_name("ID");
    app.add_flag("--json", o->json, std::string(kStatJsonHelp));
    return [o](FsEnv& env, const std::vector<std::string>& args) { return RunStat(env, *o, args); };
  };
  return {stat};
}

}  // namespace alluxio::cli::fs
