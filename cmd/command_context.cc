#include "cmd/command_context.h"

#include <ostream>

namespace alluxio::cli {

Result<conf::Configuration> CommandContext::LoadConfiguration(
    const std::map<std::string, std::string>& embedded_defaults) {
  conf::LoadOptions options;
  options.conf_dir = globals.conf_dir;
  options.embedded_defaults = embedded_defaults;
  for (const std::string& kv : globals.conf_overrides) {
    size_t eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) {
      return UsageError("Invalid -D/--conf argument \"" + kv +
                        "\": expected key=value, e.g. -Dalluxio.master.hostname=localhost");
    }
    options.overrides.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
  }
  std::vector<std::string> warnings;
  auto conf = conf::Configuration::Load(options, &warnings);
  for (const std::string& w : warnings) err << "WARN: " << w << "\n";
  if (!conf.ok()) usage_error = true;  // a bad configuration is fixed like a bad command line
  return conf;
}

Status CommandContext::UsageError(std::string message) {
  usage_error = true;
  return Status::InvalidArgument(std::move(message));
}

}  // namespace alluxio::cli
