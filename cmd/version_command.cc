#include "cmd/version_command.h"

#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>

#include "cmd/build_info.h"
#include "cmd/command_context.h"

namespace alluxio::cli {

namespace {
struct VersionOptions {
  bool revision = false;
};
}  // namespace

void AddVersionCommand(CLI::App& parent, CommandContext& ctx) {
  auto opts = std::make_shared<VersionOptions>();
  CLI::App* cmd =
      parent.add_subcommand("version", "Print the Alluxio version this build implements");
  cmd->add_flag("-r,--revision", opts->revision,
                "Also print this implementation's version and source revision");
  cmd->callback([&ctx, opts] {
    ctx.command = "version";
    ctx.action = [&ctx, opts]() -> Status {
      ctx.out << kAlluxioVersion;
      if (opts->revision)
        ctx.out << " (alluxio-cpp " << kBuildVersion << ", " << kBuildRevision << ")";
      ctx.out << "\n";
      return Status::OK();
    };
  });
}

}  // namespace alluxio::cli
