#include "cmd/fs/fs_json_output.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <ostream>
#include <vector>

#include "cmd/command_context.h"
#include "lib/client/file_system.h"
#include "lib/wire/fs_json.h"

namespace alluxio::cli::fs {
namespace {

using nlohmann::json;

std::string Dump(const json& doc) {
  return doc.dump(-1, ' ', /*ensure_ascii=*/false, json::error_handler_t::replace);
}

// floor(part * 100 / total), 0 for an empty total: the text's percentage.
int64_t Percent(int64_t part, int64_t total) { return total == 0 ? 0 : part * 100 / total; }

}  // namespace

void PrintJson(std::ostream& out, const json& doc) { out << Dump(doc) << "\n"; }

JsonArrayWriter::JsonArrayWriter(std::ostream& out) : out_(out) { out_ << "["; }

JsonArrayWriter::~JsonArrayWriter() { Close(); }

void JsonArrayWriter::Add(const json& element) {
  out_ << (count_ == 0 ? "\n" : ",\n") << Dump(element);
  ++count_;
}

void JsonArrayWriter::Close() {
  if (closed_) return;
  closed_ = true;
  out_ << (count_ == 0 ? "]\n" : "\n]\n");
}

json DuRowJson(std::string_view path, int64_t size, int64_t in_alluxio, int64_t in_memory,
               const std::map<std::string, int64_t>* by_worker) {
  json row = {{"path", path},
              {"size", size},
              {"inAlluxio", in_alluxio},
              {"inAlluxioPercentage", Percent(in_alluxio, size)},
              {"inMemory", in_memory},
              {"inMemoryPercentage", Percent(in_memory, size)}};
  if (by_worker != nullptr) {
    json workers = json::array();
    for (const auto& [host, bytes] : *by_worker) {
      workers.push_back({{"host", host}, {"inAlluxio", bytes}});
    }
    row["workers"] = std::move(workers);
  }
  return row;
}

json CountJson(std::string_view path, int64_t file_count, int64_t folder_count, int64_t size) {
  return {{"path", path}, {"fileCount", file_count}, {"folderCount", folder_count}, {"size", size}};
}

Status PrintMountTableJson(FsEnv& env) {
  ASSIGN_OR_RETURN(std::vector<wire::MountPointInfo> mounts, env.fs.GetMountTable());
  // The same order as the text table; the master already masked secret property values.
  std::sort(mounts.begin(), mounts.end(),
            [](const auto& a, const auto& b) { return a.alluxio_path < b.alluxio_path; });
  json doc = json::array();
  for (const wire::MountPointInfo& m : mounts) doc.push_back(m);
  PrintJson(env.ctx.out, doc);
  return Status::OK();
}

Status JsonConflict(CommandContext& ctx, std::string_view command, std::string_view flag,
                    std::string_view why) {
  return ctx.UsageError(std::string(command) + ": --json cannot be combined with " +
                        std::string(flag) + " (" + std::string(why) + ")");
}

}  // namespace alluxio::cli::fs
