// The `alluxio` binary: assembles the command tree, parses, runs the chosen command and turns
// its Status into the exit code (cmd/exit_codes.h).
#include <CLI/CLI.hpp>
#include <iostream>

#include "cmd/command_context.h"
#include "cmd/command_tree.h"
#include "cmd/exit_codes.h"

int main(int argc, char** argv) {
  using alluxio::cli::CommandContext;
  CommandContext ctx(std::cout, std::cerr);
  CLI::App app;
  alluxio::cli::BuildCommandTree(app, ctx);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);  // --help: usage on stdout, exit 0
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "Error: " << e.what() << "\n\n" << app.help() << std::flush;
    return alluxio::cli::kExitUsage;
  }
  if (!ctx.action) {
    std::cerr << app.help() << std::flush;
    return alluxio::cli::kExitUsage;
  }
  alluxio::Status status = ctx.action();
  std::cout.flush();
  if (!status.ok()) std::cerr << status.message() << std::endl;
  if (ctx.exit_code) return *ctx.exit_code;
  return alluxio::cli::ExitCodeFor(status, ctx.usage_error);
}
