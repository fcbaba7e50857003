// Attribute commands (Alluxio 2.9's ChmodCommand, ChownCommand, ChgrpCommand, SetTtlCommand,
// UnsetTtlCommand, PinCommand, UnpinCommand): chmod, chown, chgrp, setTtl, unsetTtl, pin,
// unpin. Each sets one attribute with SetAttribute on every (glob-expanded) path.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <memory>
#include <ostream>

#include "cmd/command_context.h"
#include "cmd/fs/fs_command_table.h"
#include "cmd/fs/fs_path_args.h"
#include "lib/common/strings.h"
#include "lib/conf/units.h"

namespace alluxio::cli::fs {
namespace {

constexpr std::string_view kChmodUsage = "chmod [-R/--recursive] <mode> <path>";
constexpr std::string_view kChownUsage = "chown [-R/--recursive] <owner>[:<group>] <path>";
constexpr std::string_view kChgrpUsage = "chgrp [-R/--recursive] <group> <path>";
constexpr std::string_view kSetTtlUsage =
    "setTtl [--action delete|free|delete_alluxio] <path> <time to live>";
constexpr std::string_view kUnsetTtlUsage = "unsetTtl <path>";
constexpr std::string_view kPinUsage = "pin <path> media1 media2 media3 ...";
constexpr std::string_view kUnpinUsage = "unpin <path>";

struct RecursiveOptions {
  bool recursive = false;  // -R/--recursive
};

struct SetTtlOptions {
  std::string action = "DELETE";  // --action
};

std::string ToOctal(int value) {
  std::string s;
  do {
    s.insert(s.begin(), static_cast<char>('0' + (value & 7)));
    value >>= 3;
  } while (value != 0);
  return s;
}

// Octal "755" / "0644" (1 to 4 digits) -> the permission bits Alluxio's Mode keeps (0777).
std::optional<int> ParseOctalMode(std::string_view text) {
  if (text.empty() || text.size() > 4) return std::nullopt;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '7') return std::nullopt;
    value = value * 8 + (c - '0');
  }
  return value & 0777;
}

// POSIX user and group names: a word character, then word characters or '-', optionally a
// trailing '$' (Alluxio's USER_GROUP_PATTERN).
bool IsPosixName(std::string_view name) {
  auto word = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  };
  if (!name.empty() && name.back() == '$') name.remove_suffix(1);
  if (name.empty() || !word(name[0])) return false;
  return std::all_of(name.begin(), name.end(), [&](char c) { return word(c) || c == '-'; });
}

// Runs `fn` on every path matched by args[path_index]; the other arguments are the command's.
Status ForPathArg(FsEnv& env, const std::vector<std::string>& args, size_t path_index,
                  const std::function<Status(const FsPath&)>& fn) {
  return ForEachPath(env, {args[path_index]}, fn);
}

Status RunChmod(FsEnv& env, const RecursiveOptions& o, const std::vector<std::string>& args) {
  RETURN_IF_ERROR(CheckArgCount(env.ctx, "chmod", kChmodUsage, args, 2, 2));
  std::optional<int> mode = ParseOctalMode(args[0]);
  if (!mode) {
    return env.ctx.UsageError("Invalid mode " + args[0] +
                              ": expected octal permission bits such as 755");
  }
  return ForPathArg(env, args, 1, [&](const FsPath& path) -> Status {
    wire::SetAttributeOptions options;
    options.mode = *mode;
    options.recursive = o.recursive;
    RETURN_IF_ERROR(env.fs.SetAttribute(path.path, options));
    env.ctx.out << "Changed permission of " << path.display << " to " << ToOctal(*mode) << "\n";
    return Status::OK();
  });
}

Status RunChown(FsEnv& env, const RecursiveOptions& o, const std::vector<std::string>& args) {
  RETURN_IF_ERROR(CheckArgCount(env.ctx, "chown", kChownUsage, args, 2, 2));
  std::string owner = args[0];
  std::optional<std::string> group;
  if (size_t colon = owner.find(':'); colon != std::string::npos) {
    group = owner.substr(colon + 1);
    owner.resize(colon);
  }
  if (!IsPosixName(owner) || (group && !IsPosixName(*group))) {
    // Alluxio answers -1 (exit 255) here, not a usage error.
    return Status::InvalidArgument("Failed to parse " + args[0] + " as user or user:group");
  }
  return ForPathArg(env, args, 1, [&](const FsPath& path) -> Status {
    wire::SetAttributeOptions options;
    options.owner = owner;
    options.group = group;
    options.recursive = o.recursive;
    RETURN_IF_ERROR(env.fs.SetAttribute(path.path, options));
    if (group) {
      env.ctx.out << "Changed owner:group of " << path.display << " to " << owner << ":" << *group
                  << ".\n";
    } else {
      env.ctx.out << "Changed owner of " << path.display << " to " << owner << "\n";
    }
    return Status::OK();
  });
}

Status RunChgrp(FsEnv& env, const RecursiveOptions& o, const std::vector<std::string>& args) {
  RETURN_IF_ERROR(CheckArgCount(env.ctx, "chgrp", kChgrpUsage, args, 2, 2));
  const std::string& group = args[0];
  return ForPathArg(env, args, 1, [&](const FsPath& path) -> Status {
    wire::SetAttributeOptions options;
    options.group = group;
    options.recursive = o.recursive;
    RETURN_IF_ERROR(env.fs.SetAttribute(path.path, options));
    env.ctx.out << "Changed group of " << path.display << " to " << group << "\n";
    return Status::OK();
  });
}

Status RunSetTtl(FsEnv& env, const SetTtlOptions& o, const std::vector<std::string>& args) {
  RETURN_IF_ERROR(CheckArgCount(env.ctx, "setTtl", kSetTtlUsage, args, 2, 2));
  std::optional<wire::TtlAction> action = wire::ParseTtlAction(o.action);
  if (!action) {
    return env.ctx.UsageError("TTL action should be DELETE, FREE or DELETE_ALLUXIO, not " +
                              o.action);
  }
  std::string ttl_text = args[1];
  // Alluxio strips quotes a shell may leave around the value.
  if (ttl_text.size() >= 2 && (ttl_text.front() == '"' || ttl_text.front() == '\'') &&
      ttl_text.back() == ttl_text.front()) {
    ttl_text = ttl_text.substr(1, ttl_text.size() - 2);
  }
  auto ttl = conf::ParseDurationMs(ttl_text);
  if (!ttl.ok() || *ttl < 0) {
    return env.ctx.UsageError("Invalid time " + args[1] +
                              ": expected milliseconds or a number with a unit (ms, s, m/min, "
                              "h/hr/hour, d/day), e.g. 3600000 or 1h");
  }
  return ForPathArg(env, args, 0, [&](const FsPath& path) -> Status {
    wire::SetAttributeOptions options;
    options.common.ttl = *ttl;
    options.common.ttl_action = *action;
    RETURN_IF_ERROR(env.fs.SetAttribute(path.path, options));
    env.ctx.out << "TTL of path '" << path.display << "' was successfully set to " << *ttl
                << " milliseconds, with expiry action set to " << wire::TtlActionName(*action)
                << "\n";
    return Status::OK();
  });
}

Status RunUnsetTtl(FsEnv& env, const std::vector<std::string>& args) {
  RETURN_IF_ERROR(CheckArgCount(env.ctx, "unsetTtl", kUnsetTtlUsage, args, 1, 1));
  return ForPathArg(env, args, 0, [&](const FsPath& path) -> Status {
    wire::SetAttributeOptions options;
    options.common.ttl = -1;
    options.common.ttl_action = wire::TtlAction::kDelete;
    RETURN_IF_ERROR(env.fs.SetAttribute(path.path, options));
    env.ctx.out << "TTL of file '" << path.display << "' was successfully removed.\n";
    return Status::OK();
  });
}

// pin and unpin. Pinning a directory pins what is below it (compat page §5.5), so the request is
// recursive.
Status RunPin(FsEnv& env, bool pin, const std::vector<std::string>& args) {
  if (pin) {
    RETURN_IF_ERROR(CheckArgCount(env.ctx, "pin", kPinUsage, args, 1, -1));
  } else {
    RETURN_IF_ERROR(CheckArgCount(env.ctx, "unpin", kUnpinUsage, args, 1, 1));
  }
  std::vector<std::string> media(args.begin() + 1, args.end());
  for (std::string& medium : media) {
    medium = ToUpper(medium);
    const auto& known = env.settings.medium_types;
    if (std::find(known.begin(), known.end(), medium) == known.end()) {
      return env.ctx.UsageError("Invalid medium type " + medium + ": the cluster knows " +
                                Join(known, ", ") +
                                " (alluxio.master.tieredstore.global.mediumtype)");
    }
  }
  return ForPathArg(env, args, 0, [&](const FsPath& path) -> Status {
    wire::SetAttributeOptions options;
    options.pinned = pin;
    if (pin) options.pinned_media = media;
    options.recursive = true;
    RETURN_IF_ERROR(env.fs.SetAttribute(path.path, options));
    env.ctx.out << "File '" << path.display << "' was successfully "
                << (pin ? "pinned" : "unpinned") << ".\n";
    return Status::OK();
  });
}

FsCommandSpec RecursiveSpec(std::string name, std::string_view usage, std::string description,
                            std::string flag_help,
                            Status (*run)(FsEnv&, const RecursiveOptions&,
                                          const std::vector<std::string>&)) {
  FsCommandSpec spec;
  spec.name = std::move(name);
  spec.usage = std::string(usage);
  spec.description = std::move(description);
  spec.setup = [flag_help, run](CLI::App& app) -> FsRunner {
    auto o = std::make_shared<RecursiveOptions>();
    app.add_flag("-R,--recursive", o->recursive, flag_help);
    return
        [o, run](FsEnv& env, const std::vector<std::string>& args) { return run(env, *o, args); };
  };
  return spec;
}

FsCommandSpec PlainSpec(std::string name, std::string_view usage, std::string description,
                        std::function<Status(FsEnv&, const std::vector<std::string>&)> run) {
  FsCommandSpec spec;
  spec.name = std::move(name);
  spec.usage = std::string(usage);
  spec.description = std::move(description);
  spec.setup = [run](CLI::App&) -> FsRunner { return run; };
  return spec;
}

}  // namespace

std::vector<FsCommandSpec> AttributeCommandSpecs() {
  std::vector<FsCommandSpec> specs;
  specs.push_back(RecursiveSpec("chmod", kChmodUsage,
                                "Changes the permission of a file or directory specified by args. "
                                "Specify -R to change the permission recursively.",
                                "change mode recursively", RunChmod));
  specs.push_back(RecursiveSpec("chown", kChownUsage,
                                "Changes the owner of a file or directory specified by args. "
                                "Specify -R to change the owner recursively.",
                                "change owner recursively", RunChown));
  specs.push_back(RecursiveSpec("chgrp", kChgrpUsage,
                                "Changes the group of a file or directory specified by args. "
                                "Specify -R to change the group recursively.",
                                "change group recursively", RunChgrp));

  FsCommandSpec set_ttl;
  set_ttl.name = "setTtl";
  set_ttl.usage = std::string(kSetTtlUsage);
  set_ttl.description =
      "Sets a new TTL value for the file at path, performing an action, delete(default)/free/"
      "delete_alluxio after TTL expiry. The TTL to set can be in one of the unit: ms, "
      "millisecond, s, second, m, min, minute, h, hour, d, day, default to ms";
  set_ttl.setup = [](CLI::App& app) -> FsRunner {
    auto o = std::make_shared<SetTtlOptions>();
    app.add_option("--action", o->action,
                   "Action to take after TTL expiry. Delete (default), free or delete_alluxio "
                   "the target")
        ->type_name("ACTION");
    return
        [o](FsEnv& env, const std::vector<std::string>& args) { return RunSetTtl(env, *o, args); };
  };
  specs.push_back(std::move(set_ttl));

  specs.push_back(PlainSpec("unsetTtl", kUnsetTtlUsage, "Unsets the TTL value for the given path.",
                            RunUnsetTtl));
  specs.push_back(PlainSpec(
      "pin", kPinUsage,
      "Pins the given file or directory in memory (works recursively for directories). Pinned "
      "files are never evicted from memory, unless TTL is set. Optionally specify a list of "
      "media to pin the file to.",
      [](FsEnv& env, const std::vector<std::string>& args) { return RunPin(env, true, args); }));
  specs.push_back(PlainSpec(
      "unpin", kUnpinUsage,
      "Unpins the given file or folder from memory (works recursively for a directory).",
      [](FsEnv& env, const std::vector<std::string>& args) { return RunPin(env, false, args); }));
  return specs;
}

}  // namespace alluxio::cli::fs
