#include "cmd/conf_command.h"

#include <CLI/CLI.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>

#include "cmd/command_context.h"
#include "cmd/fs/fs_json_output.h"
#include "lib/common/strings.h"
#include "lib/conf/units.h"

namespace alluxio::cli {
namespace {

struct ConfGetOptions {
  std::string key;
  std::string unit;
  bool source = false;
  bool json = false;
};

struct ConfListOptions {
  bool all = false;
  bool json = false;
};

constexpr std::string_view kMasked = "******";

std::string Shown(const conf::ConfigEntry& e) {
  return e.declared && e.declared->secret && !e.value.empty() ? std::string(kMasked) : e.value;
}

// {"key","value","source","sourceDetail"} for --json: the value as the text shows it (secrets
// masked), null for a declared key without one; the source's name (DEFAULT, SITE_PROPERTY, ...)
// and its detail (the site file's path, the environment variable) or "".
nlohmann::json EntryJson(const conf::ConfigEntry& e, const std::string& shown, bool has_value) {
  conf::ConfigEntry bare = e;
  bare.source_detail.clear();
  nlohmann::json value = nullptr;
  if (has_value) value = shown;
  return {{"key", e.key},
          {"value", std::move(value)},
          {"source", conf::SourceLabel(bare)},
          {"sourceDetail", e.source_detail}};
}

// Every entry with a value (with `all`, declared keys without one too) as a JSON array.
nlohmann::json EntriesJson(const conf::Configuration& conf, bool all) {
  nlohmann::json doc = nlohmann::json::array();
  for (const auto& e : conf.Entries(all)) doc.push_back(EntryJson(e, Shown(e), conf.IsSet(e.key)));
  return doc;
}

// Converts `value` of a bytes or duration key to `unit` (Alluxio's getConf --unit).
Result<std::string> ConvertUnit(const conf::ConfigEntry& e, const std::string& unit) {
  std::string u = ToUpper(unit);
  if (e.declared && e.declared->type == conf::PropertyType::kBytes) {
    static const std::pair<const char*, int64_t> kUnits[] = {{"B", 1},          {"KB", 1LL << 10},
                                                             {"MB", 1LL << 20}, {"GB", 1LL << 30},
                                                             {"TB", 1LL << 40}, {"PB", 1LL << 50}};
    for (auto& [name, factor] : kUnits) {
      if (u == name) {
        ASSIGN_OR_RETURN(int64_t bytes, conf::ParseBytes(e.value));
        return std::to_string(bytes / factor);
      }
    }
    return Status::InvalidArgument("Invalid unit \"" + unit + "\" for size key " + e.key +
                                   ": use one of B, KB, MB, GB, TB, PB");
  }
  if (e.declared && e.declared->type == conf::PropertyType::kDuration) {
    static const std::pair<const char*, int64_t> kUnits[] = {{"MS", 1},        {"S", 1000},
                                                             {"M", 60'000},    {"MIN", 60'000},
                                                             {"H", 3'600'000}, {"D", 86'400'000}};
    for (auto& [name, factor] : kUnits) {
      if (u == name) {
        ASSIGN_OR_RETURN(int64_t ms, conf::ParseDurationMs(e.value));
        return std::to_string(ms < 0 ? ms : ms / factor);
      }
    }
    return Status::InvalidArgument("Invalid unit \"" + unit + "\" for duration key " + e.key +
                                   ": use one of MS, S, MIN, H, D");
  }
  return Status::InvalidArgument("--unit applies only to size and duration keys; " + e.key +
                                 " is neither");
}

Status RunGet(CommandContext& ctx, const ConfGetOptions& o) {
  ASSIGN_OR_RETURN(conf::Configuration conf, ctx.LoadConfiguration());
  if (o.key.empty() && o.json) {
    fs::PrintJson(ctx.out, EntriesJson(conf, /*all=*/false));
    return Status::OK();
  }
  if (o.key.empty()) {
    for (const auto& e : conf.Entries()) {
      ctx.out << e.key << "=" << Shown(e);
      if (o.source) ctx.out << "  (" << conf::SourceLabel(e) << ")";
      ctx.out << "\n";
    }
    return Status::OK();
  }
  const conf::PropertyKey* declared = conf::FindPropertyKey(o.key);
  if (!declared && !conf::IsKnownTemplateKey(o.key) && !conf.IsSet(o.key)) {
    return ctx.UsageError(o.key +
                          " is not a valid configuration key. Run `alluxio conf list "
                          "--all` to see every key.");
  }
  std::string name = declared ? std::string(declared->name) : o.key;
  for (const auto& e : conf.Entries(/*include_unset=*/true)) {
    if (e.key != name) continue;
    std::string value = Shown(e);
    if (!o.unit.empty() && !e.value.empty()) {
      auto converted = ConvertUnit(e, o.unit);
      if (!converted.ok()) return ctx.UsageError(std::string(converted.status().message()));
      value = *converted;
    }
    if (o.json) {
      fs::PrintJson(ctx.out, EntryJson(e, value, conf.IsSet(e.key)));
      return Status::OK();
    }
    ctx.out << value;
    if (o.source) ctx.out << "  (" << conf::SourceLabel(e) << ")";
    ctx.out << "\n";
    return Status::OK();
  }
  if (o.json) {
    conf::ConfigEntry unset;
    unset.key = name;
    unset.source = conf::Source::kDefault;
    unset.declared = declared;
    fs::PrintJson(ctx.out, EntryJson(unset, "", /*has_value=*/false));
    return Status::OK();
  }
  ctx.out << "\n";  // a known key without a value prints an empty line, as Alluxio does
  return Status::OK();
}

Status RunList(CommandContext& ctx, const ConfListOptions& o) {
  ASSIGN_OR_RETURN(conf::Configuration conf, ctx.LoadConfiguration());
  if (o.json) {
    fs::PrintJson(ctx.out, EntriesJson(conf, o.all));
    return Status::OK();
  }
  for (const auto& e : conf.Entries(o.all)) {
    ctx.out << e.key << "=" << Shown(e) << "  (" << conf::SourceLabel(e) << ")\n";
  }
  return Status::OK();
}

}  // namespace

void AddConfCommand(CLI::App& parent, CommandContext& ctx) {
  CLI::App* conf = parent.add_subcommand("conf", "Show the configuration this host resolves");
  conf->require_subcommand(1);

  auto get = std::make_shared<ConfGetOptions>();
  CLI::App* get_cmd =
      conf->add_subcommand("get", "Print the value of KEY, or every key=value when KEY is omitted");
  get_cmd->add_option("KEY", get->key, "Property key, e.g. alluxio.master.rpc.port");
  get_cmd->add_option("--unit", get->unit,
                      "Convert a size (B, KB, MB, GB, TB, PB) or duration (MS, S, MIN, H, D)");
  get_cmd->add_flag("--source", get->source, "Also print where the value came from");
  get_cmd->add_flag("--json", get->json,
                    "Print {\"key\",\"value\",\"source\",\"sourceDetail\"} as JSON (an array of "
                    "them without KEY); value is null for a key without one, secrets masked");
  get_cmd->callback([&ctx, get] {
    ctx.command = "conf get";
    ctx.action = [&ctx, get] { return RunGet(ctx, *get); };
  });

  auto list = std::make_shared<ConfListOptions>();
  CLI::App* list_cmd =
      conf->add_subcommand("list", "Print key=value  (source) for every key with a value");
  list_cmd->add_flag("--all", list->all, "Also list declared keys that have no value");
  list_cmd->add_flag("--json", list->json,
                     "Print a JSON array of {\"key\",\"value\",\"source\",\"sourceDetail\"} "
                     "(secrets masked; value null for keys without one)");
  list_cmd->callback([&ctx, list] {
    ctx.command = "conf list";
    ctx.action = [&ctx, list] { return RunList(ctx, *list); };
  });
}

}  // namespace alluxio::cli
