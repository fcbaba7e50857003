// The table of every configuration property the project knows: Alluxio's key names, types,
// defaults, scopes and one-line descriptions. It is the only place a key is declared; parsing,
// `alluxio conf`, man pages and shell completion all read it.
//
// The table is immutable static data; all functions here are thread-safe.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace alluxio::conf {

enum class PropertyType {
  kString,
  kInt,       // base-10 integer (64-bit)
  kBool,      // true / false (case-insensitive)
  kBytes,     // size with optional unit B/KB/MB/GB/TB/PB (1024-based, case-insensitive)
  kDuration,  // duration with optional unit ms/s/sec/m/min/h/hr/hour/d/day; bare number = ms
  kEnum,      // one of PropertyKey::enum_values (case-insensitive on input, stored upper case)
  kList,      // comma-separated list
};

// Which processes read the key (Alluxio's Scope).
enum class Scope { kMaster, kWorker, kProxy, kClient, kServer, kAll };

std::string_view PropertyTypeName(PropertyType type);  // "STRING", "INT", ...
std::string_view ScopeName(Scope scope);               // "MASTER", "WORKER", ...

struct PropertyKey {
  std::string_view name;  // e.g. "alluxio.master.rpc.port"
  PropertyType type;
  std::string_view default_value;  // may reference ${other.key}; empty = no default (unset)
  Scope scope;
  std::string_view description;       // one line
  std::string_view enum_values = {};  // kEnum only: "NEVER,ONCE,ALWAYS"
  std::string_view env_var = {};      // environment variable that sets it, e.g. ALLUXIO_HOME
  std::string_view alias = {};        // deprecated name also accepted, e.g. alluxio.underfs.address
  // Computes the default at load time when it depends on the machine (e.g. physical memory,
  // the OS user). Null for static defaults.
  std::string (*dynamic_default)() = nullptr;
  // Credentials: printed as "******" by `alluxio conf` and never logged.
  bool secret = false;
};

// Every declared key, sorted by name.
std::span<const PropertyKey> AllPropertyKeys();

// Looks a key up by name or alias. Returns null when the key is not declared.
const PropertyKey* FindPropertyKey(std::string_view name);

// True for keys that are not in the table but belong to a declared family whose members are
// free-form, e.g. "alluxio.master.mount.table.root.option.<ufs key>". Such keys do not warn.
bool IsKnownTemplateKey(std::string_view name);

// Names of frequently used keys, so code does not spell them twice.
namespace keys {
inline constexpr std::string_view kHome = "alluxio.home";
inline constexpr std::string_view kWorkDir = "alluxio.work.dir";
inline constexpr std::string_view kConfDir = "alluxio.conf.dir";
inline constexpr std::string_view kLogsDir = "alluxio.logs.dir";
inline constexpr std::string_view kVersion = "alluxio.version";
inline constexpr std::string_view kMasterHostname = "alluxio.master.hostname";
inline constexpr std::string_view kMasterBindHost = "alluxio.master.bind.host";
inline constexpr std::string_view kMasterRpcPort = "alluxio.master.rpc.port";
inline constexpr std::string_view kMasterWebPort = "alluxio.master.web.port";
inline constexpr std::string_view kMasterMountTableRootUfs = "alluxio.master.mount.table.root.ufs";
inline constexpr std::string_view kMasterMetastore = "alluxio.master.metastore";
inline constexpr std::string_view kMasterMetastoreDir = "alluxio.master.metastore.dir";
inline constexpr std::string_view kMasterWorkerTimeout = "alluxio.master.worker.timeout";
inline constexpr std::string_view kMasterTtlCheckerInterval = "alluxio.master.ttl.checker.interval";
inline constexpr std::string_view kWorkerHostname = "alluxio.worker.hostname";
inline constexpr std::string_view kWorkerRpcPort = "alluxio.worker.rpc.port";
inline constexpr std::string_view kWorkerWebPort = "alluxio.worker.web.port";
inline constexpr std::string_view kWorkerRestPort = "alluxio.worker.rest.port";
inline constexpr std::string_view kWorkerHeartbeatInterval =
    "alluxio.worker.block.heartbeat.interval";
inline constexpr std::string_view kProxyHostname = "alluxio.proxy.hostname";
inline constexpr std::string_view kProxyWebPort = "alluxio.proxy.web.port";
inline constexpr std::string_view kProxyStreamCacheTimeout = "alluxio.proxy.stream.cache.timeout";
inline constexpr std::string_view kUserBlockSizeBytesDefault =
    "alluxio.user.block.size.bytes.default";
inline constexpr std::string_view kUserFileReadTypeDefault = "alluxio.user.file.readtype.default";
inline constexpr std::string_view kUserFileWriteTypeDefault = "alluxio.user.file.writetype.default";
inline constexpr std::string_view kSecurityAuthenticationType =
    "alluxio.security.authentication.type";
inline constexpr std::string_view kSecurityPermissionEnabled =
    "alluxio.security.authorization.permission.enabled";
inline constexpr std::string_view kSecurityPermissionUmask =
    "alluxio.security.authorization.permission.umask";
inline constexpr std::string_view kSecurityLoginUsername = "alluxio.security.login.username";
}  // namespace keys

}  // namespace alluxio::conf
