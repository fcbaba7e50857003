#include "cmd/fs/fs_command_table.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <ostream>

#include "cmd/command_context.h"
#include "cmd/fs/fs_format.h"
#include "cmd/fs/fs_path_args.h"
#include "lib/conf/property_key.h"

namespace alluxio::cli::fs {
namespace {

constexpr std::string_view kHelpUsage = "help [<command>]";

// "ls: <description>", "usage: ls ...", then one line per flag.
std::string FormatCommandHelp(const FsCommandSpec& spec) {
  std::string out = spec.name + ": " + spec.description + "\nusage: " + spec.usage + "\n";
  CLI::App scratch;
  scratch.set_help_flag();
  spec.setup(scratch);
  for (const CLI::Option* opt : scratch.get_options()) {
    if (opt->get_positional()) continue;
    std::string names = opt->get_name(false, true);
    if (opt->get_type_size() != 0) names += " " + opt->get_type_name();
    out += " " + PadRight(names, 30) + " " + opt->get_description() + "\n";
  }
  return out;
}

FsCommandSpec HelpSpec() {
  FsCommandSpec spec;
  spec.name = "help";
  spec.usage = std::string(kHelpUsage);
  spec.description =
      "Prints help message for the given command. If there isn't given command, prints help "
      "messages for all supported commands.";
  spec.setup = [](CLI::App&) -> FsRunner {
    return [](FsEnv& env, const std::vector<std::string>& args) -> Status {
      RETURN_IF_ERROR(CheckArgCount(env.ctx, "help", kHelpUsage, args, 0, 1));
      std::vector<FsCommandSpec> table = BuildFsCommandTable();
      if (args.empty()) {
        for (const FsCommandSpec& spec : table) env.ctx.out << FormatCommandHelp(spec) << "\n";
        return Status::OK();
      }
      const FsCommandSpec* spec = FindFsCommand(table, args[0]);
      if (spec == nullptr) return Status::NotFound(args[0] + " is an unknown command.");
      env.ctx.out << FormatCommandHelp(*spec);
      return Status::OK();
    };
  };
  return spec;
}

}  // namespace

FsSettings FsSettingsFromConfiguration(const conf::Configuration& conf) {
  namespace k = conf::keys;
  FsSettings s;
  auto auth = conf.GetEnum(k::kSecurityAuthenticationType);
  auto permission = conf.GetBool(k::kSecurityPermissionEnabled);
  s.security_enabled = (!auth.ok() || *auth != "NOSASL") && (!permission.ok() || *permission);
  s.date_pattern = conf.GetStringOr("alluxio.user.date.format.pattern", s.date_pattern);
  auto media = conf.GetList("alluxio.master.tieredstore.global.mediumtype");
  if (media.ok() && !media->empty()) s.medium_types = *media;
  return s;
}

std::vector<FsCommandSpec> BuildFsCommandTable() {
  std::vector<FsCommandSpec> table;
  for (auto builder : {LsCommandSpecs, StatCommandSpecs, DuCountCommandSpecs, AttributeCommandSpecs,
                       PathCommandSpecs, MountCommandSpecs, DataCommandSpecs}) {
    for (FsCommandSpec& spec : builder()) table.push_back(std::move(spec));
  }
  table.push_back(HelpSpec());
  std::sort(table.begin(), table.end(),
            [](const FsCommandSpec& a, const FsCommandSpec& b) { return a.name < b.name; });
  return table;
}

const FsCommandSpec* FindFsCommand(const std::vector<FsCommandSpec>& table, std::string_view name) {
  for (const FsCommandSpec& spec : table) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

std::string FormatFsCommandList(const std::vector<FsCommandSpec>& table) {
  std::string out = "Usage: alluxio fs [generic options]\n";
  for (const FsCommandSpec& spec : table) out += PadRight("\t [" + spec.usage + "]", 60) + "\n";
  return out;
}

FsCommandInstance InstantiateFsCommand(const FsCommandSpec& spec, CLI::App& app) {
  FsCommandInstance inst;
  inst.args = std::make_shared<std::vector<std::string>>();
  app.set_help_flag("--help", "Print this command's flags and exit");
  inst.runner = spec.setup(app);
  app.add_option("args", *inst.args, "Paths and other arguments, as in the usage line")
      ->type_name("ARG");
  app.footer("Usage: alluxio fs " + spec.usage + "\n");
  return inst;
}

}  // namespace alluxio::cli::fs
