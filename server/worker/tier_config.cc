#include "server/worker/tier_config.h"

#include <cmath>
#include <cstdlib>
#include <set>

#include "lib/common/logging.h"
#include "lib/common/path.h"
#include "lib/common/strings.h"
#include "lib/conf/units.h"

namespace alluxio::worker {
namespace {

constexpr std::string_view kLevelsKey = "alluxio.worker.tieredstore.levels";
constexpr std::string_view kDataFolderKey = "alluxio.worker.data.folder";
constexpr std::string_view kAnnotatorKey = "alluxio.worker.block.annotator.class";
constexpr std::string_view kEvictorKey = "alluxio.worker.evictor.class";
constexpr std::string_view kStepFactorKey = "alluxio.worker.block.annotator.lrfu.step.factor";
constexpr std::string_view kAttenuationKey =
    "alluxio.worker.block.annotator.lrfu.attenuation.factor";
constexpr int kMaxLevels = 3;
constexpr std::string_view kAliases[kMaxLevels] = {"MEM", "SSD", "HDD"};

std::string LevelKey(int level, std::string_view suffix) {
  return StrCat("alluxio.worker.tieredstore.level", level, ".", suffix);
}

Status Invalid(std::string_view key, std::string_view value, std::string_view expected) {
  return Status::InvalidArgument(StrCat("Invalid value \"", value, "\" for ", key, ": ", expected));
}

// A list key that must be set and non-empty.
Result<std::vector<std::string>> RequiredList(const conf::Configuration& conf,
                                              const std::string& key) {
  Result<std::vector<std::string>> list = conf.GetList(key);
  if (!list.ok() || list->empty()) {
    return Status::InvalidArgument(
        StrCat(key,
               " is not set; each configured tier level needs it (set it in "
               "alluxio-site.properties or lower alluxio.worker.tieredstore.levels)."));
  }
  return list;
}

// An optional floating-point key; `fallback` when unset.
Result<double> OptionalDouble(const conf::Configuration& conf, std::string_view key,
                              double fallback) {
  if (!conf.IsSet(key)) return fallback;
  ASSIGN_OR_RETURN(std::string text, conf.GetString(key));
  std::string trimmed(Trim(text));
  char* end = nullptr;
  double value = std::strtod(trimmed.c_str(), &end);
  if (trimmed.empty() || end != trimmed.c_str() + trimmed.size() || !std::isfinite(value)) {
    return Invalid(key, text, "expected a number.");
  }
  return value;
}

// Alluxio 2.x maps the legacy evictors onto annotators.
Result<AnnotatorKind> ParseEvictorClass(std::string_view value) {
  std::string_view name = value;
  size_t dot = name.rfind('.');
  if (dot != std::string_view::npos) name = name.substr(dot + 1);
  if (EqualsIgnoreCase(name, "LRUEvictor") || EqualsIgnoreCase(name, "GreedyEvictor") ||
      EqualsIgnoreCase(name, "PartialLRUEvictor")) {
    return AnnotatorKind::kLru;
  }
  if (EqualsIgnoreCase(name, "LRFUEvictor")) return AnnotatorKind::kLrfu;
  return Invalid(kEvictorKey, value,
                 "expected alluxio.worker.block.evictor.LRUEvictor, GreedyEvictor, "
                 "PartialLRUEvictor or LRFUEvictor (or unset it and use " +
                     std::string(kAnnotatorKey) + ").");
}

Result<TierSpec> ParseLevel(const conf::Configuration& conf, int level,
                            std::string_view data_folder) {
  TierSpec tier;
  std::string alias_key = LevelKey(level, "alias");
  Result<std::string> alias = conf.GetString(alias_key);
  if (!alias.ok()) {
    return Status::InvalidArgument(StrCat(alias_key, " is not set; set it to MEM, SSD or HDD."));
  }
  tier.alias = ToUpper(Trim(*alias));
  if (TierRank(tier.alias) < 0) return Invalid(alias_key, *alias, "expected MEM, SSD or HDD.");

  std::string path_key = LevelKey(level, "dirs.path");
  ASSIGN_OR_RETURN(std::vector<std::string> paths, RequiredList(conf, path_key));
  std::string quota_key = LevelKey(level, "dirs.quota");
  ASSIGN_OR_RETURN(std::vector<std::string> quotas, RequiredList(conf, quota_key));
  std::string medium_key = LevelKey(level, "dirs.mediumtype");
  std::vector<std::string> media = conf.GetList(medium_key).value_or({});

  // Every quota must parse, even one beyond the last dir (a typo there is still a typo).
  std::vector<int64_t> quota_bytes;
  for (const std::string& quota : quotas) {
    Result<int64_t> bytes = conf::ParseBytes(quota);
    if (!bytes.ok()) {
      return Invalid(quota_key, quota, "expected a size such as 1024, 512MB or 16GB.");
    }
    quota_bytes.push_back(*bytes);
  }

  for (size_t i = 0; i < paths.size(); ++i) {
    TierDir dir;
    if (!StartsWith(paths[i], "/")) {
      return Invalid(path_key, paths[i], "expected absolute directory paths.");
    }
    Result<std::string> path = NormalizePath(paths[i] + "/" + std::string(data_folder));
    if (!path.ok()) return Invalid(path_key, paths[i], path.status().message());
    dir.path = *std::move(path);
    // Alluxio: a dir without its own quota takes the last one given.
    dir.quota_bytes = quota_bytes[std::min(i, quota_bytes.size() - 1)];
    dir.medium_type = media.empty() ? tier.alias : ToUpper(media[std::min(i, media.size() - 1)]);
    tier.dirs.push_back(std::move(dir));
  }
  return tier;
}

}  // namespace

int TierRank(std::string_view alias) {
  for (int i = 0; i < kMaxLevels; ++i) {
    if (alias == kAliases[i]) return i;
  }
  return -1;
}

Result<AnnotatorKind> ParseAnnotatorClass(std::string_view key, std::string_view value) {
  std::string_view name = Trim(value);
  constexpr std::string_view kPackage = "alluxio.worker.block.annotator.";
  if (name.size() > kPackage.size() &&
      EqualsIgnoreCase(name.substr(0, kPackage.size()), kPackage)) {
    std::string_view cls = name.substr(kPackage.size());
    if (EqualsIgnoreCase(cls, "LRUAnnotator")) return AnnotatorKind::kLru;
    if (EqualsIgnoreCase(cls, "LRFUAnnotator")) return AnnotatorKind::kLrfu;
  } else {
    if (EqualsIgnoreCase(name, "LRU")) return AnnotatorKind::kLru;
    if (EqualsIgnoreCase(name, "LRFU")) return AnnotatorKind::kLrfu;
    if (EqualsIgnoreCase(name, "LFU")) return AnnotatorKind::kLfu;
  }
  return Invalid(key, value,
                 "expected alluxio.worker.block.annotator.LRUAnnotator, "
                 "alluxio.worker.block.annotator.LRFUAnnotator, LRU, LRFU or LFU.");
}

Status ValidateBlockStoreOptions(const BlockStoreOptions& options) {
  if (options.tiers.empty()) {
    return Status::InvalidArgument("The block store needs at least one tier.");
  }
  if (options.tiers.size() > static_cast<size_t>(kMaxLevels)) {
    return Status::InvalidArgument(
        StrCat("The block store has ", options.tiers.size(), " tiers; at most 3 (MEM, SSD, HDD)."));
  }
  std::set<std::string> paths;
  int previous_rank = -1;
  for (size_t level = 0; level < options.tiers.size(); ++level) {
    const TierSpec& tier = options.tiers[level];
    std::string alias_key = LevelKey(static_cast<int>(level), "alias");
    int rank = TierRank(tier.alias);
    if (rank < 0) return Invalid(alias_key, tier.alias, "expected MEM, SSD or HDD.");
    if (rank <= previous_rank) {
      return Status::InvalidArgument(StrCat(
          "Tier ", level, " (", alias_key, "=", tier.alias, ") comes after tier ", level - 1, " (",
          options.tiers[level - 1].alias,
          "): tiers must follow the global order MEM > SSD > HDD, each alias at most once."));
    }
    previous_rank = rank;
    if (tier.dirs.empty()) {
      return Status::InvalidArgument(StrCat("Tier ", level, " (", tier.alias, ") has no dirs; set ",
                                            LevelKey(static_cast<int>(level), "dirs.path"), "."));
    }
    for (const TierDir& dir : tier.dirs) {
      if (!StartsWith(dir.path, "/")) {
        return Invalid(LevelKey(static_cast<int>(level), "dirs.path"), dir.path,
                       "expected absolute directory paths.");
      }
      if (!paths.insert(dir.path).second) {
        return Status::InvalidArgument(StrCat("Directory ", dir.path,
                                              " appears twice in the tiered store; each dir may "
                                              "belong to one tier once."));
      }
      if (dir.quota_bytes < 0) {
        return Invalid(LevelKey(static_cast<int>(level), "dirs.quota"),
                       std::to_string(dir.quota_bytes), "expected a non-negative size.");
      }
    }
  }
  if (options.annotator == AnnotatorKind::kLrfu) {
    if (!(options.lrfu_step_factor >= 0 && options.lrfu_step_factor <= 1)) {
      return Invalid(kStepFactorKey, std::to_string(options.lrfu_step_factor),
                     "expected a number in [0, 1].");
    }
    if (!(options.lrfu_attenuation_factor >= 2)) {
      return Invalid(kAttenuationKey, std::to_string(options.lrfu_attenuation_factor),
                     "expected a number >= 2.");
    }
  }
  return Status::OK();
}

Result<BlockStoreOptions> BlockStoreOptionsFromConfiguration(const conf::Configuration& conf) {
  BlockStoreOptions options;
  ASSIGN_OR_RETURN(int64_t levels, conf.GetInt(kLevelsKey));
  if (levels < 1 || levels > kMaxLevels) {
    return Invalid(kLevelsKey, std::to_string(levels), "expected 1, 2 or 3 (tiers MEM, SSD, HDD).");
  }
  std::string data_folder = conf.GetStringOr(kDataFolderKey, "");
  for (int level = 0; level < levels; ++level) {
    ASSIGN_OR_RETURN(TierSpec tier, ParseLevel(conf, level, data_folder));
    options.tiers.push_back(std::move(tier));
  }

  std::string evictor = conf.GetStringOr(kEvictorKey, "");
  if (!Trim(evictor).empty()) {
    ASSIGN_OR_RETURN(options.annotator, ParseEvictorClass(Trim(evictor)));
  } else {
    ASSIGN_OR_RETURN(std::string annotator, conf.GetString(kAnnotatorKey));
    ASSIGN_OR_RETURN(options.annotator, ParseAnnotatorClass(kAnnotatorKey, annotator));
  }
  ASSIGN_OR_RETURN(options.lrfu_step_factor,
                   OptionalDouble(conf, kStepFactorKey, options.lrfu_step_factor));
  ASSIGN_OR_RETURN(options.lrfu_attenuation_factor,
                   OptionalDouble(conf, kAttenuationKey, options.lrfu_attenuation_factor));
  RETURN_IF_ERROR(ValidateBlockStoreOptions(options));
  return options;
}

}  // namespace alluxio::worker
