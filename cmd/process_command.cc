#include "cmd/process_command.h"

#include <CLI/CLI.hpp>

#include "cmd/command_context.h"

namespace alluxio::cli {

void AddProcessCommand(CLI::App& /*parent*/, CommandContext& /*ctx*/) {}

}  // namespace alluxio::cli
