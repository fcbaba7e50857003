// Configuration: the resolved value of every property for one process.
//
// Built once at start-up by Configuration::Load from, lowest precedence first:
//   1. table defaults (property_key.h), then `embedded_defaults` (e.g. `alluxio local`'s);
//   2. alluxio-site.properties from the first directory that has one, among --conf-dir,
//      $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio;
//   3. environment variables declared in the table (ALLUXIO_MASTER_HOSTNAME, ...);
//   4. -D key=value / --conf key=value overrides.
// Then ${other.key} references are resolved recursively (a cycle is an error naming the keys)
// and every declared key's value is checked against its type: a bad value is an
// INVALID_ARGUMENT naming the key, the value and the expected form, which stops start-up.
// Unknown alluxio.* keys produce warnings (returned, not fatal); other keys (e.g. s3a.*) are
// kept silently since UFS connectors read them.
//
// Immutable after Load; safe to read from many threads.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/common/result.h"
#include "lib/conf/property_key.h"

namespace alluxio::conf {

enum class Source {
  kDefault,          // the table
  kEmbeddedDefault,  // a process's built-in override of the table (alluxio local)
  kSiteProperty,     // alluxio-site.properties
  kEnvironment,      // environment variable
  kSystemProperty,   // -D / --conf
};

struct LoadOptions {
  // --conf-dir; searched first when set.
  std::optional<std::string> conf_dir;
  // -D / --conf, in command-line order (later wins).
  std::vector<std::pair<std::string, std::string>> overrides;
  // Defaults that replace the table's for this process.
  std::map<std::string, std::string> embedded_defaults;
  // Looks up an environment variable; null result = unset. Defaults to ::getenv.
  std::function<const char*(const char*)> getenv;
  // Directories searched after --conf-dir and $ALLUXIO_CONF_DIR. Defaults to {"./conf",
  // "/etc/alluxio"}.
  std::optional<std::vector<std::string>> search_dirs;
};

struct ConfigEntry {
  std::string key;
  std::string raw_value;  // as given, before ${} resolution
  std::string value;      // resolved
  Source source;
  std::string source_detail;    // site file path, environment variable name, or empty
  const PropertyKey* declared;  // null for keys not in the table
};

class Configuration {
 public:
  // Loads as described above. `warnings` (optional) receives one line per unknown alluxio.* key.
  static Result<Configuration> Load(const LoadOptions& options,
                                    std::vector<std::string>* warnings = nullptr);

  // The site properties file that was read, or empty if none was found.
  const std::string& site_file() const { return site_file_; }

  // True when the key has a value (declared with a default, or set by any source).
  bool IsSet(std::string_view key) const;

  // Resolved value. NOT_FOUND if unset ("<key> is not set"), for an undeclared key too.
  Result<std::string> GetString(std::string_view key) const;
  // Typed getters: value converted per the key's declared type. INVALID_ARGUMENT if the value
  // does not parse (cannot happen for declared keys after Load), NOT_FOUND if unset.
  Result<int64_t> GetInt(std::string_view key) const;
  Result<bool> GetBool(std::string_view key) const;
  Result<int64_t> GetBytes(std::string_view key) const;
  Result<int64_t> GetDurationMs(std::string_view key) const;
  Result<std::vector<std::string>> GetList(std::string_view key) const;  // trimmed, no empties
  // Upper-cased enum name.
  Result<std::string> GetEnum(std::string_view key) const;

  // Convenience for keys that always have a default: the value, or `fallback` on error.
  std::string GetStringOr(std::string_view key, std::string fallback) const;

  // Every key with a value (declared keys with defaults, plus all keys set by a source), sorted
  // by key. With `include_unset`, declared keys without a value appear with an empty value.
  std::vector<ConfigEntry> Entries(bool include_unset = false) const;

  // All resolved keys starting with `prefix` (e.g. "alluxio.master.mount.table.root.option."),
  // with the prefix removed.
  std::map<std::string, std::string> WithPrefix(std::string_view prefix) const;

  // Returns a copy with `key` set to `value` (source kSystemProperty semantics, validated like
  // Load does). Used by tests and by processes that pick ports at run time.
  Result<Configuration> With(std::string_view key, std::string_view value) const;

 private:
  std::map<std::string, ConfigEntry, std::less<>> entries_;
  std::string site_file_;
};

// Human name of a source as `alluxio conf list` prints it: DEFAULT, EMBEDDED_DEFAULT,
// SITE_PROPERTY (<path>), ENVIRONMENT (<var>), SYSTEM_PROPERTY.
std::string SourceLabel(const ConfigEntry& entry);

}  // namespace alluxio::conf
