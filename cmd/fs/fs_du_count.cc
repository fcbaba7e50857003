// `du [-h|-s|-g|-m] <path>` and `count [-h] <path>` (Alluxio 2.9's DuCommand, CountCommand).
#include <CLI/CLI.hpp>
#include <algorithm>
#include <map>
#include <memory>
#include <ostream>

#include "cmd/command_context.h"
#include "cmd/fs/fs_command_table.h"
#include "cmd/fs/fs_format.h"
#include "cmd/fs/fs_path_args.h"

namespace alluxio::cli::fs {
namespace {

constexpr std::string_view kDuUsage = "du [-h|-s|-g|-m/--memory] <path>";
constexpr std::string_view kCountUsage = "count [-h] <path>";

struct DuOptions {
  bool human_readable = false;   // -h
  bool summarize = false;        // -s
  bool group_by_worker = false;  // -g
  bool memory = false;           // -m/--memory
};

struct CountOptions {
  bool human_readable = false;  // -h
};

// In-Alluxio bytes of `info` per worker host, from its block locations.
void AddWorkerBytes(const wire::FileInfo& info, std::map<std::string, int64_t>* by_worker) {
  for (const wire::FileBlockInfo& fb : info.file_block_infos) {
    for (const wire::BlockLocation& loc : fb.block_info.locations) {
      (*by_worker)[loc.worker_address.host] += fb.block_info.length;
    }
  }
}

Status RunDu(FsEnv& env, const DuOptions& o, const std::vector<std::string>& args) {
  RETURN_IF_ERROR(CheckArgCount(env.ctx, "du", kDuUsage, args, 1, 1));
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

Status RunCount(FsEnv& env, const CountOptions& o, const std::vector<std::string>& args) {
  RETURN_IF_ERROR(CheckArgCount(env.ctx, "count", kCountUsage, args, 1, 1));
  wire::ListStatusOptions list;
  list.recursive = true;
  return ForEachPath(env, args, [&](const FsPath& path) -> Status {
    int64_t files = 0, folders = 0, bytes = 0;
    RETURN_IF_ERROR(env.fs.ListStatus(path.path, list, [&](wire::FileInfo&& f) {
      if (f.folder) {
        ++folders;
      } else {
        ++files;
        bytes += f.length;
      }
      return Status::OK();
    }));
    env.ctx.out << FormatCount(files, folders, bytes, o.human_readable);
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
    return [o](FsEnv& env, const std::vector<std::string>& args) { return RunDu(env, *o, args); };
  };

  FsCommandSpec count;
  count.name = "count";
  count.usage = std::string(kCountUsage);
  count.description = "Displays the number of files and directories matching the specified prefix.";
  count.setup = [](CLI::App& app) -> FsRunner {
    auto o = std::make_shared<CountOptions>();
    app.add_flag("-h", o->human_readable, "print sizes in human readable format");
    return
        [o](FsEnv& env, const std::vector<std::string>& args) { return RunCount(env, *o, args); };
  };
  return {du, count};
}

}  // namespace alluxio::cli::fs
