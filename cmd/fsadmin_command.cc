#include "cmd/fsadmin_command.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>

#include "cmd/command_context.h"
#include "cmd/fs/fs_format.h"
#include "lib/client/native_file_system.h"
#include "lib/conf/units.h"
#include "lib/wire/fs_json.h"
#include "lib/wire/worker_json.h"

namespace alluxio::cli {
namespace {

using nlohmann::json;

std::string Uptime(int64_t ms) {
  int64_t s = ms / 1000;
  char buf[128];
  std::snprintf(buf, sizeof(buf), "%lld day(s), %lld hour(s), %lld minute(s), and %lld second(s)",
                static_cast<long long>(s / 86400), static_cast<long long>(s / 3600 % 24),
                static_cast<long long>(s / 60 % 60), static_cast<long long>(s % 60));
  return buf;
}

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string Pct(int64_t part, int64_t whole) {
  return std::to_string(whole > 0 ? part * 100 / whole : 0) + "%";
}

// The port of "host:port", or 0.
int PortOf(const std::string& address) {
  size_t colon = address.rfind(':');
  if (colon == std::string::npos) return 0;
  try {
    return std::stoi(address.substr(colon + 1));
  } catch (...) {
    return 0;
  }
}

Status PrintSummary(CommandContext& ctx, client::FileSystem& fs, const std::string& date_pattern) {
  ASSIGN_OR_RETURN(wire::MasterInfo info, fs.GetMasterInfo());
  ASSIGN_OR_RETURN(auto workers, fs.ListWorkers());
  ASSIGN_OR_RETURN(auto tiers, fs.Capacity());
  int live = 0, lost = 0;
  for (const auto& w : workers) (w.state == "LIVE" ? live : lost)++;
  int64_t total = 0, used = 0;
  for (const auto& t : tiers) {
    total += t.capacity_bytes;
    used += t.used_bytes;
  }
  std::ostream& o = ctx.out;
  o << "Alluxio cluster summary: \n";
  o << "    Master Address: " << info.rpc_address << "\n";
  o << "    Web Port: " << info.web_port << "\n";
  o << "    Rpc Port: " << PortOf(info.rpc_address) << "\n";
  o << "    Started: " << fs::FormatJavaDate(info.start_time_ms, date_pattern) << "\n";
  o << "    Uptime: " << Uptime(info.uptime_ms) << "\n";
  o << "    Version: " << info.version << "\n";
  o << "    Safe Mode: false\n";
  o << "    Zookeeper Enabled: false\n";
  o << "    Raft-based Journal: false\n";
  o << "    Live Workers: " << live << "\n";
  o << "    Lost Workers: " << lost << "\n";
  o << "    Total Capacity: " << conf::FormatBytes(total) << "\n";
  for (const auto& t : tiers) {
    o << "        Tier: " << t.alias << "  Size: " << conf::FormatBytes(t.capacity_bytes) << "\n";
  }
  o << "    Used Capacity: " << conf::FormatBytes(used) << "\n";
  for (const auto& t : tiers) {
    o << "        Tier: " << t.alias << "  Size: " << conf::FormatBytes(t.used_bytes) << "\n";
  }
  o << "    Free Capacity: " << conf::FormatBytes(total - used) << "\n";
  return Status::OK();
}

Status PrintCapacity(CommandContext& ctx, client::FileSystem& fs) {
  ASSIGN_OR_RETURN(auto workers, fs.ListWorkers());
  ASSIGN_OR_RETURN(auto tiers, fs.Capacity());
  int64_t total = 0, used = 0;
  for (const auto& t : tiers) {
    total += t.capacity_bytes;
    used += t.used_bytes;
  }
  std::ostream& o = ctx.out;
  o << "Capacity information for all workers: \n";
  o << "    Total Capacity: " << conf::FormatBytes(total) << "\n";
  for (const auto& t : tiers) {
    o << "        Tier: " << t.alias << "  Size: " << conf::FormatBytes(t.capacity_bytes) << "\n";
  }
  o << "    Used Capacity: " << conf::FormatBytes(used) << "\n";
  for (const auto& t : tiers) {
    o << "        Tier: " << t.alias << "  Size: " << conf::FormatBytes(t.used_bytes) << "\n";
  }
  o << "    Used Percentage: " << Pct(used, total) << "\n";
  o << "    Free Percentage: " << (total > 0 ? 100 - used * 100 / total : 0) << "%\n\n";
  std::vector<std::string> aliases;
  for (const auto& t : tiers) aliases.push_back(t.alias);
  o << fs::PadRight("Worker Name", 17) << fs::PadRight("Last Heartbeat", 17)
    << fs::PadRight("Storage", 14);
  for (const auto& a : aliases) o << fs::PadRight(a, 17);
  o << fs::PadRight("Version", 17) << "Revision\n";
  for (const auto& w : workers) {
    int64_t wt = 0, wu = 0;
    for (const auto& t : w.tiers) {
      wt += t.capacity_bytes;
      wu += t.used_bytes;
    }
    int64_t since = std::max<int64_t>(0, (NowMs() - w.last_contact_ms) / 1000);
    o << fs::PadRight(w.address.host, 17) << fs::PadRight(std::to_string(since), 17)
      << fs::PadRight("capacity", 14);
    for (const auto& a : aliases) {
      int64_t c = 0;
      for (const auto& t : w.tiers) {
        if (t.alias == a) c = t.capacity_bytes;
      }
      o << fs::PadRight(conf::FormatBytes(c), 17);
    }
    o << fs::PadRight(w.state == "LIVE" ? "" : "(lost)", 17) << "\n";
    o << fs::PadRight("", 34) << fs::PadRight("used", 14);
    for (const auto& a : aliases) {
      int64_t c = 0, u = 0;
      for (const auto& t : w.tiers) {
        if (t.alias == a) {
          c = t.capacity_bytes;
          u = t.used_bytes;
        }
      }
      o << fs::PadRight(conf::FormatBytes(u) + " (" + Pct(u, c) + ")", 17);
    }
    o << "\n";
    (void)wt;
    (void)wu;
  }
  return Status::OK();
}

// The report as one JSON document: the master, the summed tiers and every worker.
Status PrintJson(CommandContext& ctx, client::FileSystem& fs, const std::string& category) {
  ASSIGN_OR_RETURN(auto workers, fs.ListWorkers());
  ASSIGN_OR_RETURN(auto tiers, fs.Capacity());
  int live = 0, lost = 0;
  int64_t total = 0, used = 0;
  for (const auto& w : workers) (w.state == "LIVE" ? live : lost)++;
  for (const auto& t : tiers) {
    total += t.capacity_bytes;
    used += t.used_bytes;
  }
  json out = {{"liveWorkers", live}, {"lostWorkers", lost},       {"capacityBytes", total},
              {"usedBytes", used},   {"freeBytes", total - used}, {"tiers", json(tiers)}};
  if (category == "capacity") {
    out["workers"] = json(workers);
  } else {
    ASSIGN_OR_RETURN(wire::MasterInfo info, fs.GetMasterInfo());
    out["master"] = json(info);
    out["master"]["rpcPort"] = PortOf(info.rpc_address);
  }
  ctx.out << out.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  return Status::OK();
}

}  // namespace

void DeclareReportOptions(CLI::App& app, ReportOptions& options) {
  app.add_option("category", options.category, "summary (default) or capacity")
      ->check(CLI::IsMember({"summary", "capacity"}));
  app.add_flag("--json", options.json,
               "Print the report as one JSON object (master, liveWorkers, lostWorkers, "
               "capacityBytes, usedBytes, freeBytes, tiers; capacity adds workers)");
}

Status RunReport(CommandContext& ctx, client::FileSystem& fs, const ReportOptions& options,
                 const std::string& date_pattern) {
  if (options.json) return PrintJson(ctx, fs, options.category);
  if (options.category == "capacity") return PrintCapacity(ctx, fs);
  return PrintSummary(ctx, fs, date_pattern);
}

void AddFsadminCommand(CLI::App& parent, CommandContext& ctx) {
  CLI::App* cmd = parent.add_subcommand("fsadmin", "Administrative commands for the cluster");
  cmd->require_subcommand(1);
  auto options = std::make_shared<ReportOptions>();
  CLI::App* report = cmd->add_subcommand(
      "report", "Report the cluster's summary (default) or its capacity per worker");
  DeclareReportOptions(*report, *options);
  report->callback([&ctx, options] {
    ctx.command = "fsadmin";
    ctx.action = [&ctx, options]() -> Status {
      ASSIGN_OR_RETURN(conf::Configuration conf, ctx.LoadConfiguration());
      ASSIGN_OR_RETURN(client::ClientOptions client_options,
                       client::ClientOptionsFromConfiguration(conf));
      client::NativeFileSystem fs(std::move(client_options));
      return RunReport(
          ctx, fs, *options,
          conf.GetStringOr("alluxio.user.date.format.pattern", "MM-dd-yyyy HH:mm:ss:SSS"));
    };
  });
}

}  // namespace alluxio::cli
