// `alluxio fsadmin report [summary|capacity]`: the cluster report of Alluxio's fsadmin shell
// (compat §3.4), from the master's info and worker list.
#pragma once

#include <string>

#include "lib/common/status.h"

namespace CLI {
class App;
}

namespace alluxio::client {
class FileSystem;
}

namespace alluxio::cli {
class CommandContext;

struct ReportOptions {
  std::string category = "summary";  // or "capacity"
  bool json = false;
};

// Declares `[summary|capacity] [--json]` on `app` (fsadmin report and the shell's report).
void DeclareReportOptions(CLI::App& app, ReportOptions& options);
// Prints the report from `fs` (native for fsadmin, REST for the shell). --json prints one
// object instead of Alluxio's text.
Status RunReport(CommandContext& ctx, client::FileSystem& fs, const ReportOptions& options,
                 const std::string& date_pattern);

void AddFsadminCommand(CLI::App& parent, CommandContext& ctx);

}  // namespace alluxio::cli
