#include "lib/conf/configuration.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>

#include "lib/common/strings.h"
#include "lib/conf/properties_file.h"
#include "lib/conf/units.h"
#include "lib/conf/value_forms.h"

namespace alluxio::conf {
namespace {

using EntryMap = std::map<std::string, ConfigEntry, std::less<>>;

constexpr std::string_view kSiteFileName = "alluxio-site.properties";
constexpr std::string_view kConfDirEnv = "ALLUXIO_CONF_DIR";
constexpr std::string_view kMask = "******";

// The table's name for `key` when it is a declared name or alias; `key` itself otherwise.
std::string CanonicalName(std::string_view key) {
  const PropertyKey* declared = FindPropertyKey(key);
  return std::string(declared != nullptr ? declared->name : key);
}

// Sets `key` (name or alias) from a source, replacing what a lower source set.
void Set(EntryMap* entries, std::string_view key, std::string_view value, Source source,
         std::string_view detail) {
  std::string name = CanonicalName(key);
  ConfigEntry& entry = (*entries)[name];
  entry.key = name;
  entry.raw_value = std::string(value);
  entry.value = std::string(value);
  entry.source = source;
  entry.source_detail = std::string(detail);
  entry.declared = FindPropertyKey(name);
}

// What the message shows of a value: credentials never appear.
std::string Shown(const ConfigEntry& entry, std::string_view value) {
  if (entry.declared != nullptr && entry.declared->secret) return std::string(kMask);
  return std::string(value);
}

std::string ExpectedForm(const PropertyKey& key) {
  switch (key.type) {
    case PropertyType::kInt:
      return std::string(internal::kExpectedInt);
    case PropertyType::kBool:
      return std::string(internal::kExpectedBool);
    case PropertyType::kBytes:
      return std::string(internal::kExpectedBytes);
    case PropertyType::kDuration:
      return std::string(internal::kExpectedDuration);
    case PropertyType::kEnum: {
      std::vector<std::string> values = Split(key.enum_values, ',');
      return "expected one of " + Join(values, ", ") + " (any case)";
    }
    case PropertyType::kString:
    case PropertyType::kList:
      break;
  }
  return "expected a string";
}

// Checks a resolved value against the key's type. Returns the value to store: enums upper case,
// booleans lower case, integers without a '+' sign, everything else as given.
Result<std::string> Normalize(const PropertyKey& key, const std::string& value) {
  switch (key.type) {
    case PropertyType::kInt: {
      int64_t number = 0;
      if (!ParseInt64(value, &number)) break;
      return std::to_string(number);
    }
    case PropertyType::kBool: {
      Result<bool> parsed = ParseBool(value);
      if (!parsed.ok()) break;
      return std::string(*parsed ? "true" : "false");
    }
    case PropertyType::kBytes:
      if (!ParseBytes(value).ok()) break;
      return value;
    case PropertyType::kDuration:
      if (!ParseDurationMs(value).ok()) break;
      return value;
    case PropertyType::kEnum: {
      std::string upper = ToUpper(value);
      for (const std::string& allowed : Split(key.enum_values, ',')) {
        if (allowed == upper) return upper;
      }
      break;
    }
    case PropertyType::kString:
    case PropertyType::kList:
      return value;
  }
  return Status::InvalidArgument(ExpectedForm(key));
}

// Resolves ${key} references. A reference is "${" then characters other than braces then "}";
// the name inside is trimmed and may be an alias. Text substituted in is not scanned again, but
// each referenced value is itself resolved first.
class Resolver {
 public:
  explicit Resolver(const EntryMap& entries) : entries_(entries) {}

  Result<std::string> Resolve(const ConfigEntry& entry) {
    auto done = resolved_.find(entry.key);
    if (done != resolved_.end()) return done->second;
    for (size_t i = 0; i < stack_.size(); ++i) {
      if (stack_[i] != entry.key) continue;
      std::vector<std::string> cycle(stack_.begin() + static_cast<std::ptrdiff_t>(i), stack_.end());
      cycle.push_back(entry.key);
      return Status::InvalidArgument(
          "Configuration values refer to each other in a cycle: " + Join(cycle, " -> ") +
          ". Give one of these keys a value that does not use ${...}.");
    }
    stack_.push_back(entry.key);
    Result<std::string> value = Substitute(entry);
    stack_.pop_back();
    if (!value.ok()) return value;
    std::string result = std::move(value).value();
    if (entry.declared != nullptr) result = std::string(Trim(result));
    resolved_.emplace(entry.key, result);
    return result;
  }

 private:
  Result<std::string> Substitute(const ConfigEntry& entry) {
    const std::string& raw = entry.raw_value;
    std::string out;
    size_t i = 0;
    while (i < raw.size()) {
      size_t open = raw.find("${", i);
      if (open == std::string::npos) break;
      size_t close = raw.find_first_of("{}", open + 2);
      if (close == std::string::npos || raw[close] != '}') {
        // Not a reference: keep "${" as text and look further on.
        out.append(raw, i, open + 2 - i);
        i = open + 2;
        continue;
      }
      out.append(raw, i, open - i);
      std::string_view name = Trim(std::string_view(raw).substr(open + 2, close - open - 2));
      std::string canonical = CanonicalName(name);
      auto target = entries_.find(canonical);
      if (target == entries_.end()) {
        std::string what = FindPropertyKey(name) != nullptr
                               ? "which has no value"
                               : "which is not a known property and is not set";
        return Status::InvalidArgument(entry.key + " refers to ${" + std::string(name) + "}, " +
                                       what + ". Set " + std::string(name) +
                                       " or change the value of " + entry.key + " (set by " +
                                       SourceLabel(entry) + ").");
      }
      ASSIGN_OR_RETURN(std::string value, Resolve(target->second));
      out += value;
      i = close + 1;
    }
    if (i < raw.size()) out.append(raw, i, std::string::npos);
    return out;
  }

  const EntryMap& entries_;
  std::map<std::string, std::string, std::less<>> resolved_;
  std::vector<std::string> stack_;  // keys being resolved, outermost first
};

// Resolves every raw value, then checks declared keys against their types. The first problem,
// in key order, is returned.
Status ResolveAll(EntryMap* entries) {
  Resolver resolver(*entries);
  std::map<std::string, std::string, std::less<>> values;
  for (const auto& [key, entry] : *entries) {
    ASSIGN_OR_RETURN(std::string value, resolver.Resolve(entry));
    values.emplace(key, std::move(value));
  }
  for (auto& [key, entry] : *entries) {
    std::string& value = values[key];
    if (entry.declared != nullptr) {
      Result<std::string> normalized = Normalize(*entry.declared, value);
      if (!normalized.ok()) {
        std::string message = "Invalid value \"" + Shown(entry, value) + "\" for " + key + ": " +
                              std::string(normalized.status().message()) + ".";
        if (entry.raw_value != value) {
          message += " It was resolved from \"" + Shown(entry, entry.raw_value) + "\".";
        }
        message += " Fix the value set by " + SourceLabel(entry) + ".";
        return Status::InvalidArgument(std::move(message));
      }
      value = std::move(normalized).value();
    }
    entry.value = std::move(value);
  }
  return Status::OK();
}

std::string JoinPath(std::string_view dir, std::string_view name) {
  std::string path(dir);
  if (!path.empty() && path.back() != '/') path += '/';
  return path + std::string(name);
}

// `dir` without trailing slashes ("/" stays "/").
std::string StripTrailingSlashes(std::string_view dir) {
  while (dir.size() > 1 && dir.back() == '/') dir.remove_suffix(1);
  return std::string(dir);
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    int error = errno;
    std::string message = "Cannot read the site properties file " + path + ": " +
                          std::strerror(error) + ". Fix its permissions or remove it.";
    if (error == EACCES) return Status::PermissionDenied(std::move(message));
    return Status::FailedPrecondition(std::move(message));
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    return Status::FailedPrecondition("Cannot read the site properties file " + path +
                                      ": I/O error. Check the disk and the file.");
  }
  return text.str();
}

// Looks for the site file in search order and applies it. Records the file read in `site_file`
// and the line of each of its keys in `lines`.
Status ApplySiteFile(const LoadOptions& options,
                     const std::function<const char*(const char*)>& getenv, EntryMap* entries,
                     std::string* site_file, std::map<std::string, int>* lines) {
  std::vector<std::string> dirs;
  if (options.conf_dir && !options.conf_dir->empty()) dirs.push_back(*options.conf_dir);
  const char* env_dir = getenv(std::string(kConfDirEnv).c_str());
  if (env_dir != nullptr && *env_dir != '\0') dirs.emplace_back(env_dir);
  if (options.search_dirs) {
    dirs.insert(dirs.end(), options.search_dirs->begin(), options.search_dirs->end());
  } else {
    dirs.emplace_back("./conf");
    dirs.emplace_back("/etc/alluxio");
  }
  for (const std::string& dir : dirs) {
    if (dir.empty()) continue;
    std::string path = JoinPath(dir, kSiteFileName);
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) continue;
    ASSIGN_OR_RETURN(std::string text, ReadFile(path));
    Result<std::vector<PropertyEntry>> parsed = ParseProperties(text);
    if (!parsed.ok()) return parsed.status().WithContext(path);
    // The directory the file came from; an explicit alluxio.conf.dir in the file wins.
    Set(entries, keys::kConfDir, StripTrailingSlashes(dir), Source::kSiteProperty, path);
    for (const PropertyEntry& property : *parsed) {
      // Properties#load accepts a line such as "=x" (empty key); nothing can read it.
      if (property.key.empty()) continue;
      Set(entries, property.key, property.value, Source::kSiteProperty, path);
      (*lines)[CanonicalName(property.key)] = property.line;
    }
    *site_file = path;
    return Status::OK();
  }
  return Status::OK();
}

}  // namespace

Result<Configuration> Configuration::Load(const LoadOptions& options,
                                          std::vector<std::string>* warnings) {
  std::function<const char*(const char*)> getenv = options.getenv;
  if (!getenv) getenv = [](const char* name) -> const char* { return std::getenv(name); };

  Configuration config;
  EntryMap& entries = config.entries_;
  for (const PropertyKey& key : AllPropertyKeys()) {
    if (key.dynamic_default != nullptr) {
      Set(&entries, key.name, key.dynamic_default(), Source::kDefault, "");
    } else if (!key.default_value.empty()) {
      Set(&entries, key.name, key.default_value, Source::kDefault, "");
    }
  }
  for (const auto& [key, value] : options.embedded_defaults) {
    if (key.empty()) {
      return Status::InvalidArgument(
          "An embedded default has an empty key; give every default a property name.");
    }
    Set(&entries, key, value, Source::kEmbeddedDefault, "");
  }
  std::map<std::string, int> site_lines;
  RETURN_IF_ERROR(ApplySiteFile(options, getenv, &entries, &config.site_file_, &site_lines));
  for (const PropertyKey& key : AllPropertyKeys()) {
    if (key.env_var.empty()) continue;
    // An empty variable counts as unset, as the launch scripts treat it.
    const char* value = getenv(std::string(key.env_var).c_str());
    if (value != nullptr && *value != '\0') {
      Set(&entries, key.name, value, Source::kEnvironment, key.env_var);
    }
  }
  for (const auto& [key, value] : options.overrides) {
    std::string_view name = Trim(key);
    if (name.empty()) {
      return Status::InvalidArgument("An override has an empty key; write it as -Dkey=value.");
    }
    Set(&entries, name, value, Source::kSystemProperty, "");
  }

  if (warnings != nullptr) {
    for (const auto& [key, entry] : entries) {
      if (entry.declared != nullptr || !StartsWith(key, "alluxio.") || IsKnownTemplateKey(key)) {
        continue;
      }
      std::string where = SourceLabel(entry);
      auto line = site_lines.find(key);
      if (entry.source == Source::kSiteProperty && line != site_lines.end()) {
        where += " line " + std::to_string(line->second);
      }
      warnings->push_back("Unknown property " + key + " (set by " + where +
                          ") is kept, but this version does not use it; check its spelling "
                          "against 'alluxio conf list'.");
    }
  }

  RETURN_IF_ERROR(ResolveAll(&entries));
  return config;
}

namespace {

// The entry of `key` (name or alias), or NOT_FOUND.
Result<const ConfigEntry*> FindEntry(const EntryMap& entries, std::string_view key) {
  auto it = entries.find(CanonicalName(key));
  if (it == entries.end()) {
    std::string name(key);
    return Status::NotFound(name + " is not set; set it in alluxio-site.properties or with -D" +
                            name + "=<value>.");
  }
  return &it->second;
}

Status InvalidTypedValue(std::string_view key, const ConfigEntry& entry,
                         std::string_view expected) {
  return Status::InvalidArgument("Invalid value \"" + Shown(entry, entry.value) + "\" for " +
                                 std::string(key) + ": " + std::string(expected) + ".");
}

}  // namespace

bool Configuration::IsSet(std::string_view key) const {
  return entries_.find(CanonicalName(key)) != entries_.end();
}

Result<std::string> Configuration::GetString(std::string_view key) const {
  ASSIGN_OR_RETURN(const ConfigEntry* entry, FindEntry(entries_, key));
  return entry->value;
}

Result<int64_t> Configuration::GetInt(std::string_view key) const {
  ASSIGN_OR_RETURN(const ConfigEntry* entry, FindEntry(entries_, key));
  int64_t number = 0;
  if (!ParseInt64(Trim(entry->value), &number)) {
    return InvalidTypedValue(key, *entry, internal::kExpectedInt);
  }
  return number;
}

Result<bool> Configuration::GetBool(std::string_view key) const {
  ASSIGN_OR_RETURN(const ConfigEntry* entry, FindEntry(entries_, key));
  Result<bool> parsed = ParseBool(entry->value);
  if (!parsed.ok()) return InvalidTypedValue(key, *entry, internal::kExpectedBool);
  return parsed;
}

Result<int64_t> Configuration::GetBytes(std::string_view key) const {
  ASSIGN_OR_RETURN(const ConfigEntry* entry, FindEntry(entries_, key));
  Result<int64_t> parsed = ParseBytes(entry->value);
  if (!parsed.ok()) return InvalidTypedValue(key, *entry, internal::kExpectedBytes);
  return parsed;
}

Result<int64_t> Configuration::GetDurationMs(std::string_view key) const {
  ASSIGN_OR_RETURN(const ConfigEntry* entry, FindEntry(entries_, key));
  Result<int64_t> parsed = ParseDurationMs(entry->value);
  if (!parsed.ok()) return InvalidTypedValue(key, *entry, internal::kExpectedDuration);
  return parsed;
}

Result<std::vector<std::string>> Configuration::GetList(std::string_view key) const {
  ASSIGN_OR_RETURN(std::string value, GetString(key));
  std::vector<std::string> items;
  for (const std::string& piece : Split(value, ',')) {
    std::string_view item = Trim(piece);
    if (!item.empty()) items.emplace_back(item);
  }
  return items;
}

Result<std::string> Configuration::GetEnum(std::string_view key) const {
  ASSIGN_OR_RETURN(std::string value, GetString(key));
  return ToUpper(Trim(value));
}

std::string Configuration::GetStringOr(std::string_view key, std::string fallback) const {
  return GetString(key).value_or(std::move(fallback));
}

std::vector<ConfigEntry> Configuration::Entries(bool include_unset) const {
  std::vector<ConfigEntry> out;
  if (!include_unset) {
    out.reserve(entries_.size());
    for (const auto& [key, entry] : entries_) out.push_back(entry);
    return out;
  }
  EntryMap all = entries_;
  for (const PropertyKey& key : AllPropertyKeys()) {
    std::string name(key.name);
    if (all.find(name) != all.end()) continue;
    all.emplace(name, ConfigEntry{name, "", "", Source::kDefault, "", &key});
  }
  out.reserve(all.size());
  for (auto& [key, entry] : all) out.push_back(std::move(entry));
  return out;
}

std::map<std::string, std::string> Configuration::WithPrefix(std::string_view prefix) const {
  std::map<std::string, std::string> out;
  for (auto it = entries_.lower_bound(prefix); it != entries_.end(); ++it) {
    if (!StartsWith(it->first, prefix)) break;
    out.emplace(it->first.substr(prefix.size()), it->second.value);
  }
  return out;
}

Result<Configuration> Configuration::With(std::string_view key, std::string_view value) const {
  std::string_view name = Trim(key);
  if (name.empty()) {
    return Status::InvalidArgument("Cannot set a property with an empty key; give its name.");
  }
  Configuration copy = *this;
  Set(&copy.entries_, name, value, Source::kSystemProperty, "");
  RETURN_IF_ERROR(ResolveAll(&copy.entries_));
  return copy;
}

std::string SourceLabel(const ConfigEntry& entry) {
  std::string label;
  switch (entry.source) {
    case Source::kDefault:
      label = "DEFAULT";
      break;
    case Source::kEmbeddedDefault:
      label = "EMBEDDED_DEFAULT";
      break;
    case Source::kSiteProperty:
      label = "SITE_PROPERTY";
      break;
    case Source::kEnvironment:
      label = "ENVIRONMENT";
      break;
    case Source::kSystemProperty:
      label = "SYSTEM_PROPERTY";
      break;
  }
  if (!entry.source_detail.empty()) label += " (" + entry.source_detail + ")";
  return label;
}

}  // namespace alluxio::conf
