#include "lib/conf/property_key.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "lib/common/strings.h"
#include "lib/conf/units.h"

namespace alluxio::conf {
namespace {

const PropertyKey& Key(std::string_view name) {
  const PropertyKey* key = FindPropertyKey(name);
  INFO(name);
  REQUIRE(key != nullptr);
  return *key;
}

TEST_CASE("the property table is sorted by name without duplicates", "[conf][keys]") {
  std::span<const PropertyKey> keys = AllPropertyKeys();
  REQUIRE(keys.size() > 100);
  for (size_t i = 1; i < keys.size(); ++i) {
    INFO(keys[i - 1].name << " before " << keys[i].name);
    CHECK(keys[i - 1].name < keys[i].name);
  }
}

TEST_CASE("every key is found by its own name", "[conf][keys]") {
  for (const PropertyKey& key : AllPropertyKeys()) {
    INFO(key.name);
    CHECK(FindPropertyKey(key.name) == &key);
  }
}

TEST_CASE("a key is found by its deprecated alias", "[conf][keys]") {
  const PropertyKey* root_ufs = FindPropertyKey("alluxio.underfs.address");
  REQUIRE(root_ufs != nullptr);
  CHECK(root_ufs->name == "alluxio.master.mount.table.root.ufs");
  const PropertyKey* ramdisk = FindPropertyKey("alluxio.worker.memory.size");
  REQUIRE(ramdisk != nullptr);
  CHECK(ramdisk->name == "alluxio.worker.ramdisk.size");
  const PropertyKey* upload_threads = FindPropertyKey("alluxio.underfs.s3.upload.threads");
  REQUIRE(upload_threads != nullptr);
  CHECK(upload_threads->name == "alluxio.underfs.s3.upload.threads.max");
}

TEST_CASE("undeclared and empty names are not found", "[conf][keys]") {
  CHECK(FindPropertyKey("alluxio.no.such.key") == nullptr);
  CHECK(FindPropertyKey("") == nullptr);
  CHECK(FindPropertyKey("alluxio.master") == nullptr);
  CHECK(FindPropertyKey("ALLUXIO.MASTER.HOSTNAME") == nullptr);
}

TEST_CASE("aliases never shadow a declared name", "[conf][keys]") {
  std::set<std::string_view> names;
  for (const PropertyKey& key : AllPropertyKeys()) names.insert(key.name);
  std::set<std::string_view> aliases;
  for (const PropertyKey& key : AllPropertyKeys()) {
    if (key.alias.empty()) continue;
    INFO(key.alias);
    CHECK(names.count(key.alias) == 0);
    CHECK(aliases.insert(key.alias).second);
  }
}

TEST_CASE("every key has a one-line description", "[conf][keys]") {
  for (const PropertyKey& key : AllPropertyKeys()) {
    INFO(key.name);
    CHECK_FALSE(key.description.empty());
    CHECK(key.description.find('\n') == std::string_view::npos);
  }
}

TEST_CASE("enum keys list their values in upper case and default to one of them", "[conf][keys]") {
  for (const PropertyKey& key : AllPropertyKeys()) {
    INFO(key.name);
    if (key.type != PropertyType::kEnum) {
      CHECK(key.enum_values.empty());
      continue;
    }
    REQUIRE_FALSE(key.enum_values.empty());
    CHECK(ToUpper(key.enum_values) == key.enum_values);
    std::vector<std::string> values = Split(key.enum_values, ',');
    CHECK(std::find(values.begin(), values.end(), std::string(key.default_value)) != values.end());
  }
}

TEST_CASE("every literal default parses as its key's type", "[conf][keys]") {
  for (const PropertyKey& key : AllPropertyKeys()) {
    if (key.default_value.empty() || key.default_value.find("${") != std::string_view::npos) {
      continue;
    }
    INFO(key.name << " = " << key.default_value);
    switch (key.type) {
      case PropertyType::kInt: {
        int64_t value = 0;
        CHECK(ParseInt64(key.default_value, &value));
        break;
      }
      case PropertyType::kBool:
        CHECK(ParseBool(key.default_value).ok());
        break;
      case PropertyType::kBytes:
        CHECK(ParseBytes(key.default_value).ok());
        break;
      case PropertyType::kDuration:
        CHECK(ParseDurationMs(key.default_value).ok());
        break;
      default:
        break;
    }
  }
}

TEST_CASE("every default reference names a declared key", "[conf][keys]") {
  for (const PropertyKey& key : AllPropertyKeys()) {
    std::string_view value = key.default_value;
    for (size_t open = value.find("${"); open != std::string_view::npos;
         open = value.find("${", open + 2)) {
      size_t close = value.find('}', open);
      REQUIRE(close != std::string_view::npos);
      std::string_view name = value.substr(open + 2, close - open - 2);
      INFO(key.name << " refers to " << name);
      CHECK(FindPropertyKey(name) != nullptr);
    }
  }
}

TEST_CASE("the memory tier size defaults to two thirds of physical memory", "[conf][keys]") {
  const PropertyKey& key = Key("alluxio.worker.ramdisk.size");
  REQUIRE(key.dynamic_default != nullptr);
  Result<int64_t> bytes = ParseBytes(key.dynamic_default());
  REQUIRE(bytes.ok());
  CHECK(*bytes > 0);
  CHECK(key.env_var == "ALLUXIO_WORKER_RAMDISK_SIZE");
  CHECK(key.type == PropertyType::kBytes);
}

TEST_CASE("the table keeps Alluxio's ports", "[conf][keys]") {
  CHECK(Key(keys::kMasterRpcPort).default_value == "19998");
  CHECK(Key(keys::kMasterWebPort).default_value == "19999");
  CHECK(Key("alluxio.master.embedded.journal.port").default_value == "19200");
  CHECK(Key("alluxio.job.master.rpc.port").default_value == "20001");
  CHECK(Key(keys::kWorkerRpcPort).default_value == "29999");
  CHECK(Key(keys::kWorkerWebPort).default_value == "30000");
  CHECK(Key(keys::kWorkerRestPort).default_value == "29998");
  CHECK(Key(keys::kProxyWebPort).default_value == "39999");
  CHECK(Key("alluxio.fuse.web.port").default_value == "49999");
  for (std::string_view port :
       {keys::kMasterRpcPort, keys::kMasterWebPort, keys::kWorkerRpcPort, keys::kProxyWebPort}) {
    CHECK(Key(port).type == PropertyType::kInt);
  }
}

TEST_CASE("the table keeps Alluxio's path defaults and environment variables", "[conf][keys]") {
  CHECK(Key(keys::kHome).default_value == "/opt/alluxio");
  CHECK(Key(keys::kHome).env_var == "ALLUXIO_HOME");
  CHECK(Key(keys::kWorkDir).default_value == "${alluxio.home}");
  CHECK(Key(keys::kConfDir).default_value == "${alluxio.home}/conf");
  CHECK(Key(keys::kConfDir).env_var == "ALLUXIO_CONF_DIR");
  CHECK(Key(keys::kLogsDir).default_value == "${alluxio.work.dir}/logs");
  CHECK(Key(keys::kLogsDir).env_var == "ALLUXIO_LOGS_DIR");
  CHECK(Key(keys::kMasterHostname).default_value == "localhost");
  CHECK(Key(keys::kMasterHostname).env_var == "ALLUXIO_MASTER_HOSTNAME");
  const PropertyKey& root_ufs = Key(keys::kMasterMountTableRootUfs);
  CHECK(root_ufs.default_value == "${alluxio.work.dir}/underFSStorage");
  CHECK(root_ufs.alias == "alluxio.underfs.address");
  CHECK(root_ufs.env_var == "ALLUXIO_MASTER_MOUNT_TABLE_ROOT_UFS");
  CHECK(Key("alluxio.worker.tieredstore.level0.dirs.path").env_var == "ALLUXIO_RAM_FOLDER");
  CHECK(Key("alluxio.worker.tieredstore.level0.dirs.quota").default_value ==
        "${alluxio.worker.ramdisk.size}");
  CHECK(Key(keys::kVersion).default_value == "2.9.3");
}

TEST_CASE("the table keeps Alluxio's client and server defaults", "[conf][keys]") {
  CHECK(Key(keys::kUserFileReadTypeDefault).default_value == "CACHE");
  CHECK(Key(keys::kUserFileWriteTypeDefault).default_value == "ASYNC_THROUGH");
  CHECK(Key(keys::kUserFileWriteTypeDefault).enum_values ==
        "MUST_CACHE,TRY_CACHE,CACHE_THROUGH,THROUGH,ASYNC_THROUGH,NONE");
  CHECK(Key(keys::kUserBlockSizeBytesDefault).default_value == "64MB");
  CHECK(Key(keys::kUserBlockSizeBytesDefault).type == PropertyType::kBytes);
  CHECK(Key("alluxio.user.file.metadata.sync.interval").default_value == "-1");
  CHECK(Key("alluxio.user.file.create.ttl.action").default_value == "FREE");
  CHECK(Key(keys::kMasterMetastore).default_value == "ROCKS");
  CHECK(Key(keys::kMasterMetastore).enum_values == "HEAP,ROCKS");
  CHECK(Key("alluxio.master.metastore.inode.cache.max.size").default_value == "100000");
  CHECK(Key("alluxio.master.journal.type").enum_values == "EMBEDDED,UFS,NOOP");
  CHECK(Key("alluxio.master.journal.sync.enabled").default_value == "false");
  CHECK(Key(keys::kMasterWorkerTimeout).default_value == "5min");
  CHECK(Key(keys::kMasterTtlCheckerInterval).default_value == "1hour");
  CHECK(Key(keys::kWorkerHeartbeatInterval).default_value == "1sec");
  CHECK(Key(keys::kSecurityAuthenticationType).default_value == "SIMPLE");
  CHECK(Key(keys::kSecurityPermissionUmask).default_value == "022");
  CHECK(Key(keys::kSecurityPermissionUmask).type == PropertyType::kString);
  CHECK(Key("alluxio.master.persistence.blacklist").default_value == "_temporary,.spark-staging");
  CHECK(Key("alluxio.master.persistence.blacklist").type == PropertyType::kList);
  CHECK(Key("alluxio.proxy.s3.header.metadata.max.size").default_value == "2KB");
  CHECK(Key("alluxio.proxy.s3.complete.multipart.upload.min.part.size").default_value == "5MB");
  CHECK(Key("alluxio.network.server.max.body.size").default_value == "64MB");
  CHECK(Key("alluxio.user.date.format.pattern").default_value == "MM-dd-yyyy HH:mm:ss:SSS");
}

TEST_CASE("keys without a default are declared with an empty default", "[conf][keys]") {
  for (std::string_view name : {keys::kWorkerHostname, keys::kSecurityLoginUsername,
                                std::string_view("alluxio.worker.evictor.class"),
                                std::string_view("alluxio.worker.tieredstore.level1.dirs.path")}) {
    INFO(name);
    CHECK(Key(name).default_value.empty());
    CHECK(Key(name).dynamic_default == nullptr);
  }
}

TEST_CASE("credentials are marked secret and nothing else is", "[conf][keys]") {
  std::set<std::string_view> secret;
  for (const PropertyKey& key : AllPropertyKeys()) {
    if (key.secret) secret.insert(key.name);
  }
  CHECK(secret == std::set<std::string_view>{"aws.accessKeyId", "aws.secretKey", "s3a.accessKeyId",
                                             "s3a.secretKey",
                                             "alluxio.s3.rest.authentication.credentials"});
  CHECK(Key("s3a.secretKey").scope == Scope::kServer);
}

TEST_CASE("the tier level keys exist for levels 0 to 2", "[conf][keys]") {
  const char* aliases[] = {"MEM", "SSD", "HDD"};
  for (int level = 0; level < 3; ++level) {
    std::string prefix = "alluxio.worker.tieredstore.level" + std::to_string(level);
    INFO(prefix);
    CHECK(Key(prefix + ".alias").default_value == aliases[level]);
    CHECK(Key(prefix + ".dirs.mediumtype").default_value == "${" + prefix + ".alias}");
    CHECK(FindPropertyKey(prefix + ".dirs.path") != nullptr);
    CHECK(FindPropertyKey(prefix + ".dirs.quota") != nullptr);
    CHECK(Key(prefix + ".watermark.high.ratio").type == PropertyType::kString);
    CHECK(Key(prefix + ".watermark.low.ratio").type == PropertyType::kString);
  }
}

TEST_CASE("mount option keys belong to a known template", "[conf][keys]") {
  CHECK(IsKnownTemplateKey("alluxio.master.mount.table.root.option.s3a.accessKeyId"));
  CHECK(IsKnownTemplateKey("alluxio.master.mount.table.root.option.aws.secretKey"));
  CHECK(IsKnownTemplateKey("alluxio.master.mount.table.data.option.fs.s3a.endpoint"));
  CHECK(IsKnownTemplateKey("alluxio.master.mount.table.data.ufs"));
  CHECK(IsKnownTemplateKey("alluxio.master.mount.table.data.alluxio"));
  CHECK_FALSE(IsKnownTemplateKey("alluxio.master.mount.table.root.option."));
  CHECK_FALSE(IsKnownTemplateKey("alluxio.master.mount.table.root.opshun.x"));
  CHECK_FALSE(IsKnownTemplateKey("alluxio.master.mount.table..option.x"));
}

TEST_CASE("tier level keys beyond the table belong to a known template", "[conf][keys]") {
  CHECK(IsKnownTemplateKey("alluxio.worker.tieredstore.level3.alias"));
  CHECK(IsKnownTemplateKey("alluxio.worker.tieredstore.level3.dirs.path"));
  CHECK(IsKnownTemplateKey("alluxio.worker.tieredstore.level12.dirs.quota"));
  CHECK(IsKnownTemplateKey("alluxio.master.tieredstore.global.level3.alias"));
  CHECK_FALSE(IsKnownTemplateKey("alluxio.worker.tieredstore.level.alias"));
  CHECK_FALSE(IsKnownTemplateKey("alluxio.worker.tieredstore.level3."));
  CHECK_FALSE(IsKnownTemplateKey("alluxio.worker.tieredstore.level3"));
  CHECK_FALSE(IsKnownTemplateKey("alluxio.worker.tieredstore.levelX.alias"));
}

TEST_CASE("a misspelled key of a declared tier level is not a template key", "[conf][keys]") {
  CHECK_FALSE(IsKnownTemplateKey("alluxio.worker.tieredstore.level0.dirs.pth"));
  CHECK_FALSE(IsKnownTemplateKey("alluxio.worker.tieredstore.level2.alais"));
}

TEST_CASE("unrelated keys are not template keys", "[conf][keys]") {
  CHECK_FALSE(IsKnownTemplateKey("alluxio.master.hostnme"));
  CHECK_FALSE(IsKnownTemplateKey(""));
  CHECK_FALSE(IsKnownTemplateKey("s3a.accessKeyId"));
}

TEST_CASE("types and scopes have Alluxio-style upper-case names", "[conf][keys]") {
  CHECK(PropertyTypeName(PropertyType::kString) == "STRING");
  CHECK(PropertyTypeName(PropertyType::kInt) == "INT");
  CHECK(PropertyTypeName(PropertyType::kBool) == "BOOL");
  CHECK(PropertyTypeName(PropertyType::kBytes) == "BYTES");
  CHECK(PropertyTypeName(PropertyType::kDuration) == "DURATION");
  CHECK(PropertyTypeName(PropertyType::kEnum) == "ENUM");
  CHECK(PropertyTypeName(PropertyType::kList) == "LIST");
  CHECK(ScopeName(Scope::kMaster) == "MASTER");
  CHECK(ScopeName(Scope::kWorker) == "WORKER");
  CHECK(ScopeName(Scope::kProxy) == "PROXY");
  CHECK(ScopeName(Scope::kClient) == "CLIENT");
  CHECK(ScopeName(Scope::kServer) == "SERVER");
  CHECK(ScopeName(Scope::kAll) == "ALL");
}

TEST_CASE("every name in keys:: is declared", "[conf][keys]") {
  for (std::string_view name : {keys::kHome,
                                keys::kWorkDir,
                                keys::kConfDir,
                                keys::kLogsDir,
                                keys::kVersion,
                                keys::kMasterHostname,
                                keys::kMasterBindHost,
                                keys::kMasterRpcPort,
                                keys::kMasterWebPort,
                                keys::kMasterMountTableRootUfs,
                                keys::kMasterMetastore,
                                keys::kMasterMetastoreDir,
                                keys::kMasterWorkerTimeout,
                                keys::kMasterTtlCheckerInterval,
                                keys::kWorkerHostname,
                                keys::kWorkerRpcPort,
                                keys::kWorkerWebPort,
                                keys::kWorkerRestPort,
                                keys::kWorkerHeartbeatInterval,
                                keys::kProxyHostname,
                                keys::kProxyWebPort,
                                keys::kProxyStreamCacheTimeout,
                                keys::kUserBlockSizeBytesDefault,
                                keys::kUserFileReadTypeDefault,
                                keys::kUserFileWriteTypeDefault,
                                keys::kSecurityAuthenticationType,
                                keys::kSecurityPermissionEnabled,
                                keys::kSecurityPermissionUmask,
                                keys::kSecurityLoginUsername}) {
    INFO(name);
    const PropertyKey* key = FindPropertyKey(name);
    REQUIRE(key != nullptr);
    CHECK(key->name == name);
  }
}

}  // namespace
}  // namespace alluxio::conf
