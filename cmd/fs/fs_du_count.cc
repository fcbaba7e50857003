// `du [-h|-s|-g|-m] <path>` and `count [-h] <path>` (Alluxio 2.9's DuCommand, CountCommand).
#include <CLI/CLI.hpp>
#include <algorithm>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>

#include "cmd/command_context.h"
#include "cmd/fs/fs_command_table.h"
#include "cmd/fs/fs_format.h"
#include "cmd/fs/fs_json_output.h"
#include "cmd/fs/fs_path_args.h"
#include "lib/common/path.h"

namespace alluxio::cli::fs {
namespace {

constexpr std::string_view kDuUsage = "du [-h|-s|-g|-m/--memory] <path>";
constexpr std::string_view kCountUsage = "count [-h] <path>";

struct DuOptions {
  bool human_readable = false;   // -h
  bool summarize = false;        // -s
  bool group_by_worker = false;  // -g
  bool memory = false;           // -m/--memory
  bool json = false;             // --json
};

struct CountOptions {
  bool human_readable = false;  // -h
  bool json = false;            // --json
};

// In-Alluxio bytes of `info` per worker host, from its block locations.
void AddWorkerBytes(const wire::FileInfo& info, std::map<std::string, int64_t>* by_worker) {
  for (const wire::FileBlockInfo& fb : info.file_block_infos) {
    for (const wire::BlockLocation& loc : fb.block_info.locations) {
      (*by_worker)[loc.worker_address.host] += fb.block_info.length;
    }
  }
}

// `du --json`: the text's rows as one array, sizes in bytes (-h and -m change nothing: in-memory
// bytes are always there; -g adds each row's workers). Closed even when a path fails.
Status RunDuJson(FsEnv& env, const DuOptions& o, const std::vector<std::string>& args) {
  RETURN_IF_ERROR(ParseFsPath(env.ctx, args[0]).status());
  JsonArrayWriter writer(env.ctx.out);
  wire::ListStatusOptions list;
  list.recursive = true;
  Status status = ForEachPath(env, args, [&](const FsPath& path) -> Status {
    ASSIGN_OR_RETURN(std::vector<wire::FileInfo> entries, env.fs.ListAll(path.path, list));
    std::map<std::string, int64_t> by_worker;
    const std::map<std::string, int64_t>* workers = o.group_by_worker ? &by_worker : nullptr;
    if (o.summarize) {
      int64_t total = 0, in_alluxio = 0, in_memory = 0;
      for (const wire::FileInfo& f : entries) {
        if (!f.folder) {
          total += f.length;
          in_alluxio += f.length * f.in_alluxio_percentage;
          in_memory += f.length * f.in_memory_percentage;
        }
        if (o.group_by_worker) AddWorkerBytes(f, &by_worker);
      }
      writer.Add(DuRowJson(path.display, total, in_alluxio / 100, in_memory / 100, workers));
      return Status::OK();
    }
    std::sort(entries.begin(), entries.end(),
              [](const auto& a, const auto& b) { return a.path < b.path; });
    for (const wire::FileInfo& f : entries) {
      if (f.folder) continue;
      by_worker.clear();
      if (o.group_by_worker) AddWorkerBytes(f, &by_worker);
      writer.Add(DuRowJson(f.path, f.length, f.in_alluxio_percentage * f.length / 100,
                           f.in_memory_percentage * f.length / 100, workers));
    }
    return Status::OK();
  });
  writer.Close();
  return status;
}

Status RunDu(FsEnv& env, const DuOptions& o, const std::vector<std::string>& args) {
  RETURN_IF_ERROR(CheckArgCount(env.ctx, "du", kDuUsage, args, 1, 1));
  if (o.json) return RunDuJson(env, o, args);
  std::ostream& out = env.ctx.out;
  const bool h = o.human_readable;
  // "total" in the host column of file rows, "" placeholders in worker rows (as Alluxio).
  std::optional<std::string> total_host;
  if (o.group_by_worker) total_host = "total";
  std::optional<std::string> worker_mem_cell;
  if (o.memory) worker_mem_cell = "";
  auto print_workers = [&](const std::map<std::string, int64_t>& by_worker) {
    for (const auto& [host, bytes] : by_worker) {
      out << FormatDuRow("", FormatSize(bytes, h), worker_mem_cell, host, "") << "\n";
    }
  };
  auto header = [&] {
    std::optional<std::string> mem_header;
    if (o.memory) mem_header = "In Memory";
    std::optional<std::string> worker_header;
    if (o.group_by_worker) worker_header = "Worker Host Name";
    out << FormatDuRow("File Size", "In Alluxio", mem_header, worker_header, "Path") << "\n";
  };

  wire::ListStatusOptions list;
  list.recursive = true;
  return ForEachPath(
      env, args,
      [&](const FsPath& path) -> Status {
        ASSIGN_OR_RETURN(std::vector<wire::FileInfo> entries, env.fs.ListAll(path.path, list));
        if (o.summarize) {
          int64_t total = 0, in_alluxio = 0, in_memory = 0;
          std::map<std::string, int64_t> by_worker;
          for (const wire::FileInfo& f : entries) {
            if (!f.folder) {
              total += f.length;
              in_alluxio += f.length * f.in_alluxio_percentage;
              in_memory += f.length * f.in_memory_percentage;
            }
            if (o.group_by_worker) AddWorkerBytes(f, &by_worker);
          }
          std::optional<std::string> mem;
          if (o.memory) mem = FormatDuValueAndPercent(in_memory / 100, total, h);
          out << FormatDuRow(FormatSize(total, h),
                             FormatDuValueAndPercent(in_alluxio / 100, total, h), mem, total_host,
                             path.display)
              << "\n";
          print_workers(by_worker);
          return Status::OK();
        }
        std::sort(entries.begin(), entries.end(),
                  [](const auto& a, const auto& b) { return a.path < b.path; });
        for (const wire::FileInfo& f : entries) {
          if (f.folder) continue;
          std::optional<std::string> mem;
          if (o.memory) {
            mem = FormatDuValueAndPercent(f.in_memory_percentage * f.length / 100, f.length, h);
          }
          out << FormatDuRow(
                     FormatSize(f.length, h),
                     FormatDuValueAndPercent(f.in_alluxio_percentage * f.length / 100, f.length, h),
                     mem, total_host, f.path)
              << "\n";
          std::map<std::string, int64_t> by_worker;
          if (o.group_by_worker) AddWorkerBytes(f, &by_worker);
          print_workers(by_worker);
        }
        return Status::OK();
      },
      header);
}

// Files, folders and file bytes below `path` (recursive; the path itself is not counted).
struct Counts {
  int64_t files = 0;
  int64_t folders = 0;
  int64_t bytes = 0;
};

Result<Counts> CountBelow(FsEnv& env, const FsPath& path) {
  wire::ListStatusOptions list;
  list.recursive = true;
  Counts c;
  RETURN_IF_ERROR(env.fs.ListStatus(path.path, list, [&](wire::FileInfo&& f) {
    if (f.folder) {
      ++c.folders;
    } else {
      ++c.files;
      c.bytes += f.length;
    }
    return Status::OK();
  }));
  return c;
}

// `count --json`: one object, or an array of them for a glob argument (see fs_json_output.h).
Status RunCountJson(FsEnv& env, const std::vector<std::string>& args) {
  ASSIGN_OR_RETURN(FsPath parsed, ParseFsPath(env.ctx, args[0]));
  if (!HasGlob(args[0])) {
    ASSIGN_OR_RETURN(Counts c, CountBelow(env, parsed));
    PrintJson(env.ctx.out, CountJson(parsed.display, c.files, c.folders, c.bytes));
    return Status::OK();
  }
  JsonArrayWriter writer(env.ctx.out);
  Status status = ForEachPath(env, args, [&](const FsPath& path) -> Status {
    ASSIGN_OR_RETURN(Counts c, CountBelow(env, path));
    writer.Add(CountJson(path.display, c.files, c.folders, c.bytes));
    return Status::OK();
  });
  writer.Close();
  return status;
}

Status RunCount(FsEnv& env, const CountOptions& o, const std::vector<std::string>& args) {
  RETURN_IF_ERROR(CheckArgCount(env.ctx, "count", kCountUsage, args, 1, 1));
  if (o.json) return RunCountJson(env, args);
  return ForEachPath(env, args, [&](const FsPath& path) -> Status {
    ASSIGN_OR_RETURN(Counts c, CountBelow(env, path));
    env.ctx.out << FormatCount(c.files, c.folders, c.bytes, o.human_readable);
    return Status::OK();
  });
}

}  // namespace

std::vector<FsCommandSpec> DuCountCommandSpecs() {
  FsCommandSpec du;
  du.name = "du";
  du.usage = std::string(kDuUsage);
  du.description =
      "Displays the total size and the in Alluxio size of the specified file or directory.";
  du.setup = [](CLI::App& app) -> FsRunner {
    auto o = std::make_shared<DuOptions>();
    app.add_flag("-h", o->human_readable,
                 "print sizes in human readable format (e.g., 1KB 234MB 2GB)");
    app.add_flag("-s", o->summarize,
                 "display the aggregate summary of file lengths being displayed");
    app.add_flag("-g", o->group_by_worker,
                 "display information for In-Alluxio data size under the path, grouped by "
                 "worker.");
    app.add_flag("-m,--memory", o->memory, "display the in memory size and in memory percentage");
    app.add_flag("--json", o->json, std::string(kDuJsonHelp));
    return [o](FsEnv& env, const std::vector<std::string>& args) { return RunDu(env, *o, args); };
  };

  FsCommandSpec count;
  count.name = "count";
  count.usage = std::string(kCountUsage);
  count.description = "Displays the number of files and directories matching the specified prefix.";
  count.setup = [](CLI::App& app) -> FsRunner {
    auto o = std::make_shared<CountOptions>();
    app.add_flag("-h", o->human_readable, "print sizes in human readable format");
    app.add_flag("--json", o->json, std::string(kCountJsonHelp));
    return
        [o](FsEnv& env, const std::vector<std::string>& args) { return RunCount(env, *o, args); };
  };
  return {du, count};
}

}  // namespace alluxio::cli::fs
