// `ls [-d|-f|-p|-R/--recursive|-h|--sort=option|--timestamp=option|-r|-m/--omit-mount-info]
// <path> ...` (Alluxio 2.9's LsCommand).
#include <CLI/CLI.hpp>
#include <algorithm>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>

#include "cmd/command_context.h"
#include "cmd/fs/fs_command_table.h"
#include "cmd/fs/fs_format.h"
#include "cmd/fs/fs_json_output.h"
#include "cmd/fs/fs_path_args.h"
#include "lib/common/strings.h"
#include "lib/wire/fs_json.h"

namespace alluxio::cli::fs {
namespace {

constexpr std::string_view kLsUsage =
    "ls [-d|-f|-p|-R/--recursive|-h|--sort=option|--timestamp=option|-r|-m/--omit-mount-info] "
    "<path> ...";

struct LsOptions {
  bool dir_as_file = false;      // -d
  bool force_load = false;       // -f: loadMetadataType ALWAYS
  bool pinned_only = false;      // -p
  bool recursive = false;        // -R
  bool human_readable = false;   // -h
  bool omit_mount_info = false;  // -m: accepted; our FileInfo carries no extra mount info
  bool reverse = false;          // -r
  bool json = false;             // --json
  std::string sort = "path";
  std::string timestamp = "lastModificationTime";
};

using Compare = bool (*)(const wire::FileInfo&, const wire::FileInfo&);

Compare SortComparator(std::string_view field) {
  if (field == "creationTime") {
    return [](const wire::FileInfo& a, const wire::FileInfo& b) {
      return a.creation_time_ms < b.creation_time_ms;
    };
  }
  if (field == "inMemoryPercentage") {
    return [](const wire::FileInfo& a, const wire::FileInfo& b) {
      return a.in_memory_percentage < b.in_memory_percentage;
    };
  }
  if (field == "lastAccessTime") {
    return [](const wire::FileInfo& a, const wire::FileInfo& b) {
      return a.last_access_time_ms < b.last_access_time_ms;
    };
  }
  if (field == "lastModificationTime") {
    return [](const wire::FileInfo& a, const wire::FileInfo& b) {
      return a.last_modification_time_ms < b.last_modification_time_ms;
    };
  }
  if (field == "name") {
    return [](const wire::FileInfo& a, const wire::FileInfo& b) {
      return ToLower(a.name) < ToLower(b.name);
    };
  }
  if (field == "path") {
    return [](const wire::FileInfo& a, const wire::FileInfo& b) { return a.path < b.path; };
  }
  if (field == "size") {
    return [](const wire::FileInfo& a, const wire::FileInfo& b) { return a.length < b.length; };
  }
  return nullptr;
}

// Lists every path of `args` (globs expanded) and calls `emit` for each entry -p keeps, in the
// order -d/-R/--sort/-r ask for. With `stream`, a non-recursive listing in the default order
// (path) goes straight from the FileSystem, whose siblings come in name order, so a huge
// directory is never held in memory; other orders collect the entries first to sort them (a
// recursive listing's depth-first order differs from path order where a name continues a
// sibling directory's name with a character below '/', e.g. "a" and "a-b"). The text output
// keeps collecting and sorting every listing, as it always has.
Status ForEachLsEntry(FsEnv& env, const LsOptions& o, Compare compare, bool stream,
                      const std::vector<std::string>& args,
                      const std::function<void(const wire::FileInfo&)>& emit) {
  auto keep = [&](const wire::FileInfo& info) {
    if (!o.pinned_only || info.pinned) emit(info);
  };
  return ForEachPath(env, args, [&](const FsPath& path) -> Status {
    if (o.dir_as_file) {
      ASSIGN_OR_RETURN(wire::FileInfo info, env.fs.GetStatus(path.path));
      keep(info);
      return Status::OK();
    }
    wire::ListStatusOptions options;
    if (o.force_load) options.load_metadata_type = wire::LoadMetadataType::kAlways;
    options.recursive = o.recursive;
    if (stream && !o.recursive && !o.reverse && o.sort == "path") {
      return env.fs.ListStatus(path.path, options, [&](wire::FileInfo&& info) {
        keep(info);
        return Status::OK();
      });
    }
    ASSIGN_OR_RETURN(std::vector<wire::FileInfo> entries, env.fs.ListAll(path.path, options));
    if (o.reverse) {
      std::stable_sort(entries.begin(), entries.end(),
                       [compare](const auto& a, const auto& b) { return compare(b, a); });
    } else {
      std::stable_sort(entries.begin(), entries.end(), compare);
    }
    for (const wire::FileInfo& info : entries) keep(info);
    return Status::OK();
  });
}

// `ls --json`: one JSON array over all paths, written an element at a time; it is closed
// whatever happens, so stdout stays valid JSON when a path fails (its message goes to stderr).
Status RunLsJson(FsEnv& env, const LsOptions& o, Compare compare,
                 const std::vector<std::string>& args) {
  // A malformed path is a usage error before anything is printed.
  for (const std::string& arg : args) RETURN_IF_ERROR(ParseFsPath(env.ctx, arg).status());
  JsonArrayWriter writer(env.ctx.out);
  Status status = ForEachLsEntry(env, o, compare, /*stream=*/true, args,
                                 [&](const wire::FileInfo& info) { writer.Add(info); });
  writer.Close();
  return status;
}

Status RunLs(FsEnv& env, const LsOptions& o, const std::vector<std::string>& args) {
  RETURN_IF_ERROR(CheckArgCount(env.ctx, "ls", kLsUsage, args, 1, -1));
  std::optional<LsTimestamp> timestamp = ParseLsTimestamp(o.timestamp);
  if (!timestamp) {
    return env.ctx.UsageError("Unrecognized timestamp option " + o.timestamp +
                              ": use creationTime, lastAccessTime or lastModificationTime");
  }
  Compare compare = SortComparator(o.sort);
  if (compare == nullptr) {
    return env.ctx.UsageError("Invalid sort option `" + o.sort +
                              "` for --sort: use creationTime, inMemoryPercentage, "
                              "lastAccessTime, lastModificationTime, name, path or size");
  }
  if (o.json) return RunLsJson(env, o, compare, args);

  LsLineOptions line;
  line.human_readable = o.human_readable;
  line.security_enabled = env.settings.security_enabled;
  line.timestamp = *timestamp;
  line.date_pattern = env.settings.date_pattern;
  return ForEachLsEntry(env, o, compare, /*stream=*/false, args, [&](const wire::FileInfo& info) {
    env.ctx.out << FormatLsLine(info, line);
  });
}

}  // namespace

std::vector<FsCommandSpec> LsCommandSpecs() {
  FsCommandSpec ls;
  ls.name = "ls";
  ls.usage = std::string(kLsUsage);
  ls.description =
      "Displays information for all files and directories directly under the specified paths, "
      "including permission, owner, group, size (bytes for files or the number of children for "
      "directories), persistence state, last modified time, the percentage of content already "
      "in Alluxio and the path in order. Entries are sorted by path unless --sort is given.";
  ls.setup = [](CLI::App& app) -> FsRunner {
    auto o = std::make_shared<LsOptions>();
    app.add_flag("-d", o->dir_as_file, "list directories as plain files");
    app.add_flag("-f", o->force_load,
                 "force to load metadata for immediate children in a directory");
    app.add_flag("-p", o->pinned_only, "list all pinned files");
    app.add_flag("-R,--recursive", o->recursive, "list subdirectories recursively");
    app.add_flag("-h", o->human_readable, "print human-readable format sizes");
    app.add_flag("-m,--omit-mount-info", o->omit_mount_info,
                 "the status will not include mount point related information, like the UFS "
                 "path (accepted for compatibility)");
    app.add_flag("-r", o->reverse, "reverse order while sorting");
    app.add_option("--sort", o->sort,
                   "sort statuses by the given field {creationTime|inMemoryPercentage|"
                   "lastAccessTime|lastModificationTime|name|path|size} (default path)")
        ->type_name("FIELD");
    app.add_option("--timestamp", o->timestamp,
                   "display specific timestamp (default is last modification time) "
                   "{creationTime|lastAccessTime|lastModificationTime}")
        ->type_name("FIELD");
    app.add_flag("--json", o->json, std::string(kLsJsonHelp));
    return [o](FsEnv& env, const std::vector<std::string>& args) { return RunLs(env, *o, args); };
  };
  return {ls};
}

}  // namespace alluxio::cli::fs
