#include "lib/wire/fs_json.h"

#include <catch2/catch.hpp>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace alluxio::wire {
namespace {

using nlohmann::json;

// The value of `r`; fails the test with the error otherwise.
template <typename T>
T Ok(Result<T> r) {
  INFO(r.status().ToString());
  REQUIRE(r.ok());
  return std::move(r).value();
}

// The error message of `r`, which must be INVALID_ARGUMENT.
template <typename T>
std::string InvalidMessage(const Result<T>& r) {
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == StatusCode::kInvalidArgument);
  return std::string(r.status().message());
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Serializes through text, as the wire does.
template <typename T>
json ThroughText(const T& value) {
  json j = value;
  return Ok(ParseJson(j.dump()));
}

std::set<std::string> Keys(const json& j) {
  std::set<std::string> keys;
  for (const auto& [k, v] : j.items()) keys.insert(k);
  return keys;
}

// The directory of the alluxio-py integration test (compat §1.5).
FileInfo TestPathDirectory() {
  FileInfo info;
  info.file_id = 33554431;
  info.name = "path";
  info.path = "/test/path";
  info.ufs_path = "/opt/alluxio-2.8.0/underFSStorage/test/path";
  info.length = 1;
  info.block_size_bytes = 0;
  info.creation_time_ms = 1700000000000;
  info.last_modification_time_ms = 1700000000123;
  info.last_access_time_ms = 1700000000456;
  info.completed = true;
  info.folder = true;
  info.cacheable = false;
  info.persisted = false;
  info.persistence_state = "NOT_PERSISTED";
  info.ttl = -1;
  info.ttl_action = TtlAction::kDelete;
  info.owner = "alluxio";
  info.group = "alluxio";
  info.mode = 493;
  info.mount_id = 1;
  return info;
}

FileInfo FullyPopulatedFile() {
  FileInfo info;
  info.file_id = 50331647;
  info.name = "data.bin";
  info.path = "/mnt/s3/data.bin";
  info.ufs_path = "s3://bucket/data.bin";
  info.length = 100 * 1024 * 1024;
  info.block_size_bytes = 64 * 1024 * 1024;
  info.creation_time_ms = 1;
  info.last_modification_time_ms = 2;
  info.last_access_time_ms = 3;
  info.completed = true;
  info.pinned = true;
  info.pinned_medium_types = {"MEM", "SSD"};
  info.cacheable = true;
  info.persisted = true;
  info.persistence_state = "PERSISTED";
  info.block_ids = {50331648, 50331649};
  WorkerNetAddress worker;
  worker.host = "worker-1";
  worker.container_host = "10.0.0.7";
  worker.rpc_port = 29999;
  worker.data_port = 29999;
  worker.web_port = 30000;
  worker.domain_socket_path = "/tmp/domain";
  worker.tiered_identity = {{"node", "worker-1"}, {"rack", "r1"}};
  FileBlockInfo first;
  first.block_info.block_id = 50331648;
  first.block_info.length = 64 * 1024 * 1024;
  first.block_info.locations = {{7, worker, "MEM", "MEM"}, {8, worker, "SSD", "SSD"}};
  first.offset = 0;
  first.ufs_locations = {"s3://bucket/data.bin"};
  FileBlockInfo second;
  second.block_info.block_id = 50331649;
  second.block_info.length = 36 * 1024 * 1024;
  second.offset = 64 * 1024 * 1024;
  info.file_block_infos = {first, second};
  info.in_memory_percentage = 64;
  info.in_alluxio_percentage = 100;
  info.ttl = 3600000;
  info.ttl_action = TtlAction::kDeleteAlluxio;
  info.owner = "alice";
  info.group = "staff";
  info.mode = 0640;
  info.mount_point = false;
  info.mount_id = 42;
  info.replication_max = 3;
  info.replication_min = 1;
  info.ufs_fingerprint = "TYPE|FILE UFS|s3 OWNER|alice CONTENT_HASH|abc";
  info.xattr = {{"s3_etag", "\"d41d8cd98f00b204e9800998ecf8427e\""},
                {"binary", std::string("\x00\xff\x10", 3)},
                {"empty", ""}};
  return info;
}

}  // namespace

// --- FileInfo --------------------------------------------------------------------------------

TEST_CASE("FileInfo JSON has exactly Alluxio's URIStatus key set", "[wire]") {
  const std::set<std::string> expected = {"fileId",
                                          "name",
                                          "path",
                                          "ufsPath",
                                          "length",
                                          "blockSizeBytes",
                                          "creationTimeMs",
                                          "lastModificationTimeMs",
                                          "lastAccessTimeMs",
                                          "completed",
                                          "folder",
                                          "pinned",
                                          "pinnedMediumTypes",
                                          "cacheable",
                                          "persisted",
                                          "persistenceState",
                                          "blockIds",
                                          "fileBlockInfos",
                                          "inMemoryPercentage",
                                          "inAlluxioPercentage",
                                          "ttl",
                                          "ttlAction",
                                          "owner",
                                          "group",
                                          "mode",
                                          "mountPoint",
                                          "mountId",
                                          "replicationMax",
                                          "replicationMin",
                                          "ufsFingerprint",
                                          "acl",
                                          "defaultAcl",
                                          "xattr",
                                          "cacheContext"};
  CHECK(Keys(json(TestPathDirectory())) == expected);
  CHECK(Keys(json(FullyPopulatedFile())) == expected);
  CHECK_FALSE(json(FullyPopulatedFile()).contains("fileInfo"));
}

TEST_CASE("FileInfo JSON has every key the python client requires, with its JSON type", "[wire]") {
  json j = FullyPopulatedFile();
  for (const char* key : {"fileId", "length", "blockSizeBytes", "creationTimeMs",
                          "lastModificationTimeMs", "inMemoryPercentage", "mode", "ttl"}) {
    INFO(key);
    CHECK(j.at(key).is_number_integer());
  }
  for (const char* key :
       {"name", "path", "ufsPath", "owner", "group", "persistenceState", "ttlAction"}) {
    INFO(key);
    CHECK(j.at(key).is_string());
  }
  for (const char* key :
       {"cacheable", "completed", "folder", "pinned", "persisted", "mountPoint"}) {
    INFO(key);
    CHECK(j.at(key).is_boolean());
  }
  CHECK(j.at("blockIds").is_array());
  CHECK(j.at("blockIds")[0].is_number_integer());
  REQUIRE(j.at("fileBlockInfos").is_array());
  const json& block = j.at("fileBlockInfos")[0];
  CHECK(Keys(block) == std::set<std::string>{"blockInfo", "offset", "ufsLocations"});
  CHECK(Keys(block["blockInfo"]) == std::set<std::string>{"blockId", "length", "locations"});
  const json& location = block["blockInfo"]["locations"][0];
  CHECK(Keys(location) ==
        std::set<std::string>{"workerId", "workerAddress", "tierAlias", "mediumType"});
  const json& address = location["workerAddress"];
  CHECK(Keys(address) == std::set<std::string>{"host", "containerHost", "rpcPort", "dataPort",
                                               "webPort", "domainSocketPath", "tieredIdentity"});
  CHECK(address["host"] == "worker-1");
  CHECK(address["rpcPort"] == 29999);
  CHECK(address["dataPort"] == 29999);
  CHECK(address["webPort"] == 30000);
  CHECK(address["tieredIdentity"] ==
        json::parse(R"({"tiers":[{"tierName":"node","value":"worker-1"},
                                 {"tierName":"rack","value":"r1"}]})"));
  CHECK(block["ufsLocations"] == json::array({"s3://bucket/data.bin"}));
}

TEST_CASE("the compat directory example serializes as Alluxio does and round-trips", "[wire]") {
  FileInfo dir = TestPathDirectory();
  json j = ThroughText(dir);
  CHECK(j["folder"] == true);
  CHECK(j["completed"] == true);
  CHECK(j["cacheable"] == false);
  CHECK(j["blockIds"] == json::array());
  CHECK(j["fileBlockInfos"] == json::array());
  CHECK(j["blockSizeBytes"] == 0);
  CHECK(j["owner"] == "alluxio");
  CHECK(j["group"] == "alluxio");
  CHECK(j["inMemoryPercentage"] == 0);
  CHECK(j["pinned"] == false);
  CHECK(j["persisted"] == false);
  CHECK(j["persistenceState"] == "NOT_PERSISTED");
  CHECK(j["mode"] == 493);
  CHECK(j["mountPoint"] == false);
  CHECK(j["ttl"] == -1);
  CHECK(j["ttlAction"] == "DELETE");
  CHECK(j["ufsPath"] == "/opt/alluxio-2.8.0/underFSStorage/test/path");
  CHECK(j["acl"] == json::parse(R"({"owner":"alluxio","owningGroup":"alluxio",
        "stringEntries":["user::rwx","group::r-x","other::r-x"]})"));
  // An empty default ACL; a directory's carries its owner and group, as in Alluxio 2.x.
  CHECK(j["defaultAcl"] ==
        json::parse(R"({"owner":"alluxio","owningGroup":"alluxio","stringEntries":[]})"));
  CHECK(j["xattr"].is_null());
  CHECK(j["cacheContext"].is_null());
  CHECK(Ok(FileInfoFromJson(j)) == dir);
}

TEST_CASE("a fully populated FileInfo round-trips exactly, xattr bytes as base64", "[wire]") {
  FileInfo file = FullyPopulatedFile();
  json j = ThroughText(file);
  CHECK(j["xattr"] == json::parse(R"({"binary":"AP8Q","empty":"",
        "s3_etag":"ImQ0MWQ4Y2Q5OGYwMGIyMDRlOTgwMDk5OGVjZjg0MjdlIg=="})"));
  CHECK(j["ttlAction"] == "DELETE_ALLUXIO");
  CHECK(j["acl"]["owner"] == "alice");
  CHECK(j["acl"]["owningGroup"] == "staff");
  // A file's default ACL is Alluxio's EMPTY_DEFAULT_ACL.
  CHECK(j["defaultAcl"] == json::parse(R"({"owner":"","owningGroup":"","stringEntries":[]})"));
  CHECK(Ok(FileInfoFromJson(j)) == file);
}

TEST_CASE("the acl's string entries follow the mode bits", "[wire]") {
  FileInfo info = TestPathDirectory();
  info.mode = 0640;
  CHECK(json(info)["acl"]["stringEntries"] ==
        json::array({"user::rw-", "group::r--", "other::---"}));
  info.mode = 0;
  CHECK(json(info)["acl"]["stringEntries"] ==
        json::array({"user::---", "group::---", "other::---"}));
  info.mode = 0751;
  CHECK(json(info)["acl"]["stringEntries"] ==
        json::array({"user::rwx", "group::r-x", "other::--x"}));
}

TEST_CASE("FileInfo parsing tolerates absent optional keys and unknown keys", "[wire]") {
  json j = FullyPopulatedFile();
  for (const char* key :
       {"lastAccessTimeMs", "pinnedMediumTypes", "inAlluxioPercentage", "mountId", "replicationMax",
        "replicationMin", "ufsFingerprint", "acl", "defaultAcl", "xattr", "cacheContext"}) {
    j.erase(key);
  }
  j["fileInfo"] = json::object({{"fileId", 1}});  // what a real 2.x proxy may add
  j["fileBlockInfos"][0]["ufsStringLocations"] = json::array();
  FileInfo parsed = Ok(FileInfoFromJson(j));
  FileInfo defaults;
  CHECK(parsed.path == "/mnt/s3/data.bin");
  CHECK(parsed.last_access_time_ms == defaults.last_access_time_ms);
  CHECK(parsed.replication_max == defaults.replication_max);
  CHECK(parsed.xattr.empty());
  CHECK(parsed.file_block_infos.size() == 2);
}

TEST_CASE("FileInfo parsing names a missing key, a wrong type and bad base64", "[wire]") {
  json j = TestPathDirectory();
  json missing = j;
  missing.erase("path");
  CHECK(InvalidMessage(FileInfoFromJson(missing)) == "Missing key \"path\" for FileInfo");

  json wrong = j;
  wrong["length"] = "ten";
  CHECK(InvalidMessage(FileInfoFromJson(wrong)) ==
        "Invalid key \"length\" for FileInfo: expected an integer, got string \"ten\"");

  json nested = FullyPopulatedFile();
  nested["fileBlockInfos"][1]["blockInfo"]["length"] = true;
  CHECK(InvalidMessage(FileInfoFromJson(nested)) ==
        "Invalid key \"fileBlockInfos[1].blockInfo.length\" for FileInfo: expected an integer, "
        "got boolean true");

  json bad_xattr = j;
  bad_xattr["xattr"] = {{"k", "not base64!"}};
  CHECK(Contains(InvalidMessage(FileInfoFromJson(bad_xattr)), "\"xattr\""));

  CHECK(InvalidMessage(FileInfoFromJson(json::array())) ==
        "FileInfo must be a JSON object, got array");
  CHECK_FALSE(FileInfoFromJson(json()).ok());
}

TEST_CASE("WorkerNetAddress round-trips and requires the ports the python client reads", "[wire]") {
  WorkerNetAddress a =
      FullyPopulatedFile().file_block_infos[0].block_info.locations[0].worker_address;
  CHECK(Ok(WorkerNetAddressFromJson(ThroughText(a))) == a);
  json j = a;
  j.erase("webPort");
  CHECK(InvalidMessage(WorkerNetAddressFromJson(j)) ==
        "Missing key \"webPort\" for WorkerNetAddress");
  json minimal = {{"host", "h"}, {"rpcPort", 1}, {"dataPort", 2}, {"webPort", 3}};
  WorkerNetAddress parsed = Ok(WorkerNetAddressFromJson(minimal));
  CHECK(parsed.host == "h");
  CHECK(parsed.data_port == 2);
  CHECK(parsed.tiered_identity.empty());
}

TEST_CASE("MountPointInfo JSON has its keys and round-trips", "[wire]") {
  MountPointInfo m;
  m.alluxio_path = "/mnt/s3";
  m.ufs_uri = "s3://bucket/dir";
  m.ufs_type = "s3";
  m.ufs_capacity_bytes = 1 << 30;
  m.ufs_used_bytes = 12345;
  m.read_only = true;
  m.shared = true;
  m.properties = {{"s3a.accessKeyId", "AKIA"}, {"s3a.secretKey", "******"}};
  m.mount_id = 7;
  json j = ThroughText(m);
  CHECK(Keys(j) == std::set<std::string>{"alluxioPath", "ufsUri", "ufsType", "ufsCapacityBytes",
                                         "ufsUsedBytes", "readOnly", "shared", "properties",
                                         "mountId"});
  CHECK(j["properties"]["s3a.secretKey"] == "******");
  CHECK(Ok(MountPointInfoFromJson(j)) == m);
  CHECK(Ok(MountPointInfoFromJson(json(MountPointInfo{}))) == MountPointInfo{});
}

// --- Options: defaults, unknown keys ---------------------------------------------------------

namespace {

// Every options class by its Alluxio name: parse `j`, and whether the result equals the
// default-constructed struct.
struct OptionsClass {
  std::string name;
  std::function<Status(const json&)> parse;
  std::function<bool(const json&)> parses_to_defaults;
};

template <typename T>
OptionsClass Class(std::string name, Result<T> (*from_json)(const json&)) {
  return {std::move(name), [from_json](const json& j) { return from_json(j).status(); },
          [from_json](const json& j) {
            auto r = from_json(j);
            return r.ok() && *r == T{};
          }};
}

std::vector<OptionsClass> AllOptionsClasses() {
  return {Class("CreateDirectory", CreateDirectoryOptionsFromJson),
          Class("CreateFile", CreateFileOptionsFromJson),
          Class("Delete", DeleteOptionsFromJson),
          Class("Exists", ExistsOptionsFromJson),
          Class("Free", FreeOptionsFromJson),
          Class("GetStatus", GetStatusOptionsFromJson),
          Class("ListStatus", ListStatusOptionsFromJson),
          Class("Mount", MountOptionsFromJson),
          Class("OpenFile", OpenFileOptionsFromJson),
          Class("Rename", RenameOptionsFromJson),
          Class("SetAttribute", SetAttributeOptionsFromJson),
          Class("Unmount", UnmountOptionsFromJson)};
}

}  // namespace

TEST_CASE("every options class takes its defaults from null, {} and a null commonOptions",
          "[wire]") {
  for (const OptionsClass& c : AllOptionsClasses()) {
    INFO(c.name);
    CHECK(c.parses_to_defaults(json()));
    CHECK(c.parses_to_defaults(json::object()));
    CHECK(c.parses_to_defaults(json::parse(R"({"commonOptions":null})")));
    CHECK(c.parses_to_defaults(json::parse(R"({"commonOptions":{}})")));
  }
}

TEST_CASE("every options class rejects an unknown key, naming it and the known ones", "[wire]") {
  for (const OptionsClass& c : AllOptionsClasses()) {
    INFO(c.name);
    Status s = c.parse(json::parse(R"({"foo":1})"));
    CHECK(s.code() == StatusCode::kInvalidArgument);
    CHECK(Contains(std::string(s.message()),
                   "Unknown option \"foo\" for " + c.name + "; known options: "));
    Status nested = c.parse(json::parse(R"({"commonOptions":{"bar":1}})"));
    CHECK(nested.code() == StatusCode::kInvalidArgument);
    CHECK(Contains(std::string(nested.message()), "\"commonOptions.bar\""));
  }
  CHECK(CreateFileOptionsFromJson(json::parse(R"({"foo":1})")).status().message() ==
        "Unknown option \"foo\" for CreateFile; known options: recursive, blockSizeBytes, mode, "
        "writeType, replicationDurable, replicationMax, replicationMin, writeTier, "
        "persistenceWaitTime, overwrite, commonOptions, ttl, ttlAction, locationPolicyClass, "
        "xattr, xattrPropStrat, checkS3BucketPath");
  CHECK(DeleteOptionsFromJson(json::parse(R"({"commonOptions":{"bar":1}})")).status().message() ==
        "Unknown option \"commonOptions.bar\" for Delete; known options: syncIntervalMs, ttl, "
        "ttlAction, operationId");
}

TEST_CASE("every options class rejects a document that is not an object", "[wire]") {
  for (const OptionsClass& c : AllOptionsClasses()) {
    INFO(c.name);
    Status s = c.parse(json::array());
    CHECK(s.code() == StatusCode::kInvalidArgument);
    CHECK(s.message() == c.name + " options must be a JSON object, got array");
    CHECK(c.parse(json("recursive")).code() == StatusCode::kInvalidArgument);
  }
}

// --- Options: each key of each class ---------------------------------------------------------

TEST_CASE("CreateDirectory options read every key", "[wire]") {
  auto o = Ok(CreateDirectoryOptionsFromJson(json::parse(R"({
      "recursive": true, "allowExists": true, "writeType": "CACHE_THROUGH",
      "mode": {"ownerBits": "ALL", "groupBits": "READ_EXECUTE", "otherBits": "NONE"},
      "commonOptions": {"syncIntervalMs": 0, "ttl": 60000, "ttlAction": "FREE",
                        "operationId": {"mostSignificantBits": 1, "leastSignificantBits": 2}},
      "xattr": {"a": "Yg=="}, "xattrPropStrat": "NEW_PATHS", "checkS3BucketPath": true})")));
  CHECK(o.recursive);
  CHECK(o.allow_exists);
  CHECK(o.write_type == WriteType::kCacheThrough);
  CHECK(o.mode == 0750);
  CHECK(o.common.sync_interval_ms == 0);
  CHECK(o.common.ttl == 60000);
  CHECK(o.common.ttl_action == TtlAction::kFree);
}

TEST_CASE("CreateFile options read every key, the python client's included", "[wire]") {
  auto o = Ok(CreateFileOptionsFromJson(json::parse(R"({
      "recursive": true, "blockSizeBytes": 1048576, "mode": 420, "writeType": "MUST_CACHE",
      "replicationDurable": 2, "replicationMax": 5, "replicationMin": 1, "writeTier": 1,
      "persistenceWaitTime": 3000, "overwrite": true, "commonOptions": {"syncIntervalMs": 10},
      "locationPolicyClass": "alluxio.client.block.policy.LocalFirstPolicy",
      "xattr": {}, "xattrPropStrat": 1, "checkS3BucketPath": false})")));
  CHECK(o.recursive);
  CHECK(o.block_size_bytes == 1048576);
  CHECK(o.mode == 420);
  CHECK(o.write_type == WriteType::kMustCache);
  CHECK(o.replication_durable == 2);
  CHECK(o.replication_max == 5);
  CHECK(o.replication_min == 1);
  CHECK(o.write_tier == 1);
  CHECK(o.persistence_wait_time_ms == 3000);
  CHECK(o.overwrite);
  CHECK(o.common.sync_interval_ms == 10);
  CHECK_FALSE(o.common.ttl.has_value());
}

TEST_CASE("Delete options read every key", "[wire]") {
  auto o = Ok(DeleteOptionsFromJson(json::parse(R"({
      "recursive": true, "alluxioOnly": true, "unchecked": false, "deleteMountPoint": true,
      "syncParentNextTime": true, "commonOptions": {"ttlAction": "DELETE"}})")));
  CHECK(o.recursive);
  CHECK(o.alluxio_only);
  CHECK(o.unchecked == false);  // present-and-false differs from absent
  CHECK(o.delete_mount_point);
  CHECK(o.common.ttl_action == TtlAction::kDelete);
}

TEST_CASE("Exists, Free and GetStatus options read every key", "[wire]") {
  auto e = Ok(ExistsOptionsFromJson(
      json::parse(R"({"loadMetadataType": "ALWAYS", "commonOptions": {"syncIntervalMs": -1}})")));
  CHECK(e.load_metadata_type == LoadMetadataType::kAlways);
  CHECK(e.common.sync_interval_ms == -1);

  auto f = Ok(FreeOptionsFromJson(
      json::parse(R"({"recursive": true, "forced": true, "commonOptions": {"ttl": 5}})")));
  CHECK(f.recursive);
  CHECK(f.forced);
  CHECK(f.common.ttl == 5);

  auto g = Ok(GetStatusOptionsFromJson(json::parse(
      R"({"loadMetadataType": "NEVER", "updateTimestamps": false, "accessMode": "READ",
          "commonOptions": {"syncIntervalMs": 1000}})")));
  CHECK(g.load_metadata_type == LoadMetadataType::kNever);
  CHECK_FALSE(g.update_timestamps);
  CHECK(g.common.sync_interval_ms == 1000);
  CHECK(Ok(GetStatusOptionsFromJson(json::object())).update_timestamps);
}

TEST_CASE("ListStatus options read every key", "[wire]") {
  auto o = Ok(ListStatusOptionsFromJson(json::parse(R"({
      "loadMetadataType": "ONCE", "recursive": true, "loadMetadataOnly": true,
      "loadDirectChildren": true, "disableAreDescendantsLoadedCheck": false,
      "excludeMountInfo": true, "commonOptions": {"syncIntervalMs": 0}})")));
  CHECK(o.load_metadata_type == LoadMetadataType::kOnce);
  CHECK(o.recursive);
  CHECK(o.load_metadata_only);
  CHECK(o.common.sync_interval_ms == 0);
}

TEST_CASE("Mount, OpenFile, Rename and Unmount options read every key", "[wire]") {
  auto m = Ok(MountOptionsFromJson(json::parse(
      R"({"properties": {"s3a.accessKeyId": "AKIA", "aws.region": "eu-west-1"},
          "readOnly": true, "shared": true, "commonOptions": {"ttl": 1}})")));
  CHECK(m.properties == std::map<std::string, std::string>{{"s3a.accessKeyId", "AKIA"},
                                                           {"aws.region", "eu-west-1"}});
  CHECK(m.read_only);
  CHECK(m.shared);

  auto o = Ok(OpenFileOptionsFromJson(json::parse(
      R"({"readType": "CACHE_PROMOTE", "maxUfsReadConcurrency": 4,
          "cacheLocationPolicyClass": "alluxio.client.file.policy.LocalFirstPolicy",
          "ufsReadLocationPolicyClass": "alluxio.client.block.policy.DeterministicHashPolicy",
          "updateLastAccessTime": false, "commonOptions": {}})")));
  CHECK(o.read_type == ReadType::kCachePromote);
  CHECK(o.max_ufs_read_concurrency == 4);

  auto r = Ok(RenameOptionsFromJson(json::parse(
      R"({"persist": true, "s3SyntaxOptions": {"overwrite": true, "isMultipartUpload": false},
          "commonOptions": {"syncIntervalMs": 7}})")));
  CHECK(r.persist);
  CHECK(r.common.sync_interval_ms == 7);

  CHECK(UnmountOptionsFromJson(json::parse(R"({"commonOptions": {"syncIntervalMs": 1}})")).ok());
  CHECK_FALSE(UnmountOptionsFromJson(json::parse(R"({"commonOptions": {"ttl": "x"}})")).ok());
  CHECK_FALSE(MountOptionsFromJson(json::parse(R"({"properties": {"a": 1}})")).ok());
}

TEST_CASE("SetAttribute options read every key", "[wire]") {
  auto o = Ok(SetAttributeOptionsFromJson(json::parse(R"({
      "owner": "bob", "group": "", "mode": {"ownerBits": "READ_WRITE", "groupBits": "READ",
      "otherBits": "READ"}, "pinned": true, "pinnedMedia": ["MEM", "SSD"], "persisted": true,
      "replicationMax": 2, "replicationMin": 1, "recursive": true,
      "commonOptions": {"ttl": 60000, "ttlAction": "FREE"}, "xattr": {"k": "dg=="},
      "xattrUpdateStrategy": "UNION_REPLACE", "directChildrenLoaded": true})")));
  CHECK(o.owner == "bob");
  CHECK(o.group == "");  // set to empty differs from absent
  CHECK(o.mode == 0644);
  CHECK(o.pinned == true);
  CHECK(o.pinned_media == std::vector<std::string>{"MEM", "SSD"});
  CHECK(o.persisted == true);
  CHECK(o.replication_max == 2);
  CHECK(o.replication_min == 1);
  CHECK(o.recursive);
  CHECK(o.common.ttl == 60000);
  CHECK(o.common.ttl_action == TtlAction::kFree);
}

TEST_CASE("the python client's top-level ttl and ttlAction go into commonOptions", "[wire]") {
  auto c = Ok(CreateFileOptionsFromJson(json::parse(R"({"ttl": 1000, "ttlAction": "FREE"})")));
  CHECK(c.common.ttl == 1000);
  CHECK(c.common.ttl_action == TtlAction::kFree);
  auto s = Ok(SetAttributeOptionsFromJson(json::parse(R"({"ttl": -1, "ttlAction": "delete"})")));
  CHECK(s.common.ttl == -1);
  CHECK(s.common.ttl_action == TtlAction::kDelete);
  // Saying the same thing twice is fine; saying two things is not.
  CHECK(Ok(CreateFileOptionsFromJson(json::parse(R"({"ttl": 5, "commonOptions": {"ttl": 5}})")))
            .common.ttl == 5);
  CHECK(InvalidMessage(SetAttributeOptionsFromJson(
            json::parse(R"({"ttlAction": "FREE", "commonOptions": {"ttlAction": "DELETE"}})"))) ==
        "Option \"ttlAction\" for SetAttribute conflicts with \"commonOptions.ttlAction\"");
  // Only where the python client sends them.
  CHECK(Contains(InvalidMessage(DeleteOptionsFromJson(json::parse(R"({"ttl": 5})"))),
                 "Unknown option \"ttl\""));
}

// --- Options: value grammar ------------------------------------------------------------------

TEST_CASE("enum names are Alluxio's and parse in any case", "[wire]") {
  for (auto [t, name] :
       std::vector<std::pair<WriteType, std::string>>{{WriteType::kMustCache, "MUST_CACHE"},
                                                      {WriteType::kTryCache, "TRY_CACHE"},
                                                      {WriteType::kCacheThrough, "CACHE_THROUGH"},
                                                      {WriteType::kThrough, "THROUGH"},
                                                      {WriteType::kAsyncThrough, "ASYNC_THROUGH"},
                                                      {WriteType::kNone, "NONE"}}) {
    CHECK(WriteTypeName(t) == name);
    CHECK(ParseWriteType(name) == t);
  }
  for (auto [t, name] :
       std::vector<std::pair<ReadType, std::string>>{{ReadType::kNoCache, "NO_CACHE"},
                                                     {ReadType::kCache, "CACHE"},
                                                     {ReadType::kCachePromote, "CACHE_PROMOTE"}}) {
    CHECK(ReadTypeName(t) == name);
    CHECK(ParseReadType(name) == t);
  }
  for (auto [t, name] : std::vector<std::pair<LoadMetadataType, std::string>>{
           {LoadMetadataType::kNever, "NEVER"},
           {LoadMetadataType::kOnce, "ONCE"},
           {LoadMetadataType::kAlways, "ALWAYS"}}) {
    CHECK(LoadMetadataTypeName(t) == name);
    CHECK(ParseLoadMetadataType(name) == t);
  }
  for (auto [a, name] : std::vector<std::pair<TtlAction, std::string>>{
           {TtlAction::kDelete, "DELETE"},
           {TtlAction::kFree, "FREE"},
           {TtlAction::kDeleteAlluxio, "DELETE_ALLUXIO"}}) {
    CHECK(TtlActionName(a) == name);
    CHECK(ParseTtlAction(name) == a);
  }
  CHECK(ParseWriteType("async_through") == WriteType::kAsyncThrough);
  CHECK(ParseReadType("Cache_Promote") == ReadType::kCachePromote);
  CHECK(ParseLoadMetadataType("always") == LoadMetadataType::kAlways);
  CHECK(ParseTtlAction("delete_alluxio") == TtlAction::kDeleteAlluxio);
  CHECK_FALSE(ParseWriteType("CACHE").has_value());
  CHECK_FALSE(ParseReadType("").has_value());
  CHECK_FALSE(ParseLoadMetadataType("ONCE ").has_value());
  CHECK_FALSE(ParseTtlAction("DELETE_").has_value());
}

TEST_CASE("enum options accept a name, a lower-case name or the proto number", "[wire]") {
  auto write_type = [](json v) {
    return CreateFileOptionsFromJson(json{{"writeType", std::move(v)}});
  };
  CHECK(Ok(write_type("THROUGH")).write_type == WriteType::kThrough);
  CHECK(Ok(write_type("through")).write_type == WriteType::kThrough);
  CHECK(Ok(write_type(4)).write_type == WriteType::kThrough);
  CHECK(Ok(write_type(6)).write_type == WriteType::kNone);
  CHECK(InvalidMessage(write_type("SOMETIMES")) ==
        "Invalid option \"writeType\" for CreateFile: expected one of MUST_CACHE, TRY_CACHE, "
        "CACHE_THROUGH, THROUGH, ASYNC_THROUGH, NONE (or 1..6), got string \"SOMETIMES\"");
  CHECK_FALSE(write_type(0).ok());
  CHECK_FALSE(write_type(7).ok());
  CHECK_FALSE(write_type(true).ok());

  auto load = [](json v) { return ListStatusOptionsFromJson(json{{"loadMetadataType", v}}); };
  CHECK(Ok(load(0)).load_metadata_type == LoadMetadataType::kNever);
  CHECK(Ok(load("once")).load_metadata_type == LoadMetadataType::kOnce);
  CHECK(Ok(load(2)).load_metadata_type == LoadMetadataType::kAlways);
  CHECK_FALSE(load(3).ok());

  auto read = [](json v) { return OpenFileOptionsFromJson(json{{"readType", v}}); };
  CHECK(Ok(read("no_cache")).read_type == ReadType::kNoCache);
  CHECK(Ok(read(2)).read_type == ReadType::kCache);
  CHECK_FALSE(read(0).ok());

  auto ttl_action = [](json v) {
    return SetAttributeOptionsFromJson(json{{"commonOptions", {{"ttlAction", v}}}});
  };
  CHECK(Ok(ttl_action(2)).common.ttl_action == TtlAction::kDeleteAlluxio);
  CHECK(Ok(ttl_action("free")).common.ttl_action == TtlAction::kFree);
  CHECK(Contains(InvalidMessage(ttl_action("KEEP")), "\"commonOptions.ttlAction\""));
}

TEST_CASE("mode accepts the PMode object by name or number, or an integer", "[wire]") {
  CHECK(Ok(ModeFromJson(json::parse(
            R"({"ownerBits":"ALL","groupBits":"READ_EXECUTE","otherBits":"READ_EXECUTE"})"))) ==
        0755);
  CHECK(Ok(ModeFromJson(json::parse(
            R"({"ownerBits":"read_write","groupBits":"read","otherBits":"none"})"))) == 0640);
  CHECK(Ok(ModeFromJson(json::parse(R"({"ownerBits":8,"groupBits":6,"otherBits":6})"))) == 0755);
  CHECK(Ok(ModeFromJson(json::parse(
            R"({"ownerBits":"EXECUTE","groupBits":"WRITE","otherBits":"WRITE_EXECUTE"})"))) ==
        0123);
  CHECK(Ok(ModeFromJson(json(420))) == 0644);
  CHECK(Ok(ModeFromJson(json(0))) == 0);
  CHECK(Ok(ModeFromJson(json(511))) == 0777);
  CHECK(Ok(CreateDirectoryOptionsFromJson(json{{"mode", 493}})).mode == 0755);

  CHECK(InvalidMessage(ModeFromJson(json::parse(R"({"ownerBits":"ALL","groupBits":"ALL"})"))) ==
        "Invalid mode: mode is missing \"otherBits\"; ownerBits, groupBits and otherBits are all "
        "required");
  CHECK(Contains(InvalidMessage(ModeFromJson(
                     json::parse(R"({"ownerBits":"ALL","groupBits":"ALL","otherBits":"RWX"})"))),
                 "otherBits"));
  CHECK_FALSE(ModeFromJson(json::parse(R"({"ownerBits":9,"groupBits":1,"otherBits":1})")).ok());
  CHECK(Contains(InvalidMessage(ModeFromJson(json::parse(
                     R"({"ownerBits":1,"groupBits":1,"otherBits":1,"stickyBit":true})"))),
                 "stickyBit"));
  CHECK_FALSE(ModeFromJson(json(512)).ok());
  CHECK_FALSE(ModeFromJson(json(-1)).ok());
  CHECK_FALSE(ModeFromJson(json(4.5)).ok());
  CHECK_FALSE(ModeFromJson(json::array()).ok());
  CHECK(Contains(InvalidMessage(SetAttributeOptionsFromJson(json{{"mode", "rwxr-xr-x"}})),
                 "Invalid option \"mode\" for SetAttribute"));
}

TEST_CASE("ModeToJson writes the three PMode bits by name", "[wire]") {
  CHECK(
      ModeToJson(0755) ==
      json::parse(R"({"ownerBits":"ALL","groupBits":"READ_EXECUTE","otherBits":"READ_EXECUTE"})"));
  CHECK(ModeToJson(0) ==
        json::parse(R"({"ownerBits":"NONE","groupBits":"NONE","otherBits":"NONE"})"));
  for (int mode = 0; mode <= 0777; ++mode) {
    INFO(mode);
    REQUIRE(Ok(ModeFromJson(ModeToJson(mode))) == mode);
  }
}

TEST_CASE("a wrong JSON type is INVALID_ARGUMENT naming the key and the expected type", "[wire]") {
  CHECK(InvalidMessage(CreateDirectoryOptionsFromJson(json{{"recursive", "yes"}})) ==
        "Invalid option \"recursive\" for CreateDirectory: expected a boolean, got string \"yes\"");
  CHECK(InvalidMessage(CreateFileOptionsFromJson(json{{"blockSizeBytes", 1.5}})) ==
        "Invalid option \"blockSizeBytes\" for CreateFile: expected an integer, got number 1.5");
  CHECK(InvalidMessage(CreateFileOptionsFromJson(json{{"replicationMax", 3000000000LL}})) ==
        "Invalid option \"replicationMax\" for CreateFile: expected a 32-bit integer, got number "
        "3000000000");
  CHECK(InvalidMessage(SetAttributeOptionsFromJson(json{{"owner", 5}})) ==
        "Invalid option \"owner\" for SetAttribute: expected a string, got number 5");
  CHECK(Contains(InvalidMessage(SetAttributeOptionsFromJson(json{{"pinnedMedia", {"MEM", 1}}})),
                 "Invalid option \"pinnedMedia\" for SetAttribute: expected an array of strings"));
  CHECK(InvalidMessage(DeleteOptionsFromJson(json{{"commonOptions", 5}})) ==
        "Invalid option \"commonOptions\" for Delete: expected an object, got number 5");
  CHECK(
      InvalidMessage(FreeOptionsFromJson(json{{"commonOptions", {{"syncIntervalMs", "soon"}}}})) ==
      "Invalid option \"commonOptions.syncIntervalMs\" for Free: expected an integer, got string "
      "\"soon\"");
  CHECK(Contains(InvalidMessage(MountOptionsFromJson(json{{"properties", json::array()}})),
                 "\"properties\""));
  CHECK(Contains(InvalidMessage(OpenFileOptionsFromJson(json{{"maxUfsReadConcurrency", "x"}})),
                 "\"maxUfsReadConcurrency\""));
  CHECK_FALSE(CreateFileOptionsFromJson(json{{"blockSizeBytes", "12abc"}}).ok());
  CHECK_FALSE(CreateFileOptionsFromJson(json{{"blockSizeBytes", 1e300}}).ok());
  CHECK_FALSE(CreateFileOptionsFromJson(json{{"blockSizeBytes", 18446744073709551615ULL}}).ok());
}

TEST_CASE("keys we do not model are accepted but still type-checked", "[wire]") {
  CHECK(CreateFileOptionsFromJson(json{{"locationPolicyClass", "x.Policy"}}).ok());
  CHECK(Contains(InvalidMessage(CreateFileOptionsFromJson(json{{"locationPolicyClass", 1}})),
                 "\"locationPolicyClass\""));
  CHECK(Contains(InvalidMessage(ListStatusOptionsFromJson(json{{"excludeMountInfo", "no"}})),
                 "\"excludeMountInfo\""));
  CHECK(
      Contains(InvalidMessage(CreateDirectoryOptionsFromJson(json{{"xattr", "x"}})), "\"xattr\""));
}

TEST_CASE("64-bit integer options accept protobuf's string encoding and integral floats",
          "[wire]") {
  CHECK(Ok(CreateFileOptionsFromJson(json{{"blockSizeBytes", "67108864"}})).block_size_bytes ==
        67108864);
  CHECK(Ok(CreateFileOptionsFromJson(json{{"blockSizeBytes", 1048576.0}})).block_size_bytes ==
        1048576);
  CHECK(Ok(SetAttributeOptionsFromJson(json{{"commonOptions", {{"ttl", "-1"}}}})).common.ttl == -1);
  CHECK(Ok(CreateFileOptionsFromJson(json{{"blockSizeBytes", "9223372036854775807"}}))
            .block_size_bytes == INT64_MAX);
  CHECK_FALSE(CreateFileOptionsFromJson(json{{"blockSizeBytes", "9223372036854775808"}}).ok());
}

TEST_CASE("null option values count as absent", "[wire]") {
  auto o = Ok(CreateFileOptionsFromJson(
      json::parse(R"({"writeType": null, "recursive": null, "mode": null, "ttl": null})")));
  CHECK(o == CreateFileOptions{});
}

// --- Options: writing and round trips --------------------------------------------------------

namespace {

CommonOptions FullCommon() {
  CommonOptions c;
  c.sync_interval_ms = 30000;
  c.ttl = 86400000;
  c.ttl_action = TtlAction::kDeleteAlluxio;
  return c;
}

template <typename T>
void CheckRoundTrip(const T& original, Result<T> (*from_json)(const json&)) {
  json j = ThroughText(original);
  INFO(j.dump());
  CHECK(Ok(from_json(j)) == original);
}

}  // namespace

TEST_CASE("default options serialize to an empty object", "[wire]") {
  CHECK(json(CreateDirectoryOptions{}) == json::object());
  CHECK(json(CreateFileOptions{}) == json::object());
  CHECK(json(DeleteOptions{}) == json::object());
  CHECK(json(ExistsOptions{}) == json::object());
  CHECK(json(FreeOptions{}) == json::object());
  CHECK(json(GetStatusOptions{}) == json::object());
  CHECK(json(ListStatusOptions{}) == json::object());
  CHECK(json(MountOptions{}) == json::object());
  CHECK(json(OpenFileOptions{}) == json::object());
  CHECK(json(RenameOptions{}) == json::object());
  CHECK(json(SetAttributeOptions{}) == json::object());
  CHECK(json(UnmountOptions{}) == json::object());
}

TEST_CASE("options serialize with 2.x keys: ttl inside commonOptions and mode as PMode", "[wire]") {
  CreateFileOptions o;
  o.mode = 0644;
  o.common.ttl = 1000;
  o.common.ttl_action = TtlAction::kFree;
  o.write_type = WriteType::kAsyncThrough;
  json j = o;
  CHECK(j == json::parse(R"({"mode":{"ownerBits":"READ_WRITE","groupBits":"READ",
        "otherBits":"READ"},"writeType":"ASYNC_THROUGH",
        "commonOptions":{"ttl":1000,"ttlAction":"FREE"}})"));
  GetStatusOptions g;
  g.update_timestamps = false;
  CHECK(json(g) == json::parse(R"({"updateTimestamps":false})"));
}

TEST_CASE("fully populated options of every class round-trip through JSON", "[wire]") {
  CreateDirectoryOptions cd;
  cd.recursive = true;
  cd.allow_exists = true;
  cd.mode = 0700;
  cd.write_type = WriteType::kCacheThrough;
  cd.common = FullCommon();
  CheckRoundTrip(cd, CreateDirectoryOptionsFromJson);

  CreateFileOptions cf;
  cf.recursive = true;
  cf.block_size_bytes = int64_t{1} << 40;
  cf.mode = 0604;
  cf.write_type = WriteType::kTryCache;
  cf.replication_max = 3;
  cf.replication_min = 2;
  cf.replication_durable = 1;
  cf.persistence_wait_time_ms = -1;
  cf.write_tier = -1;
  cf.overwrite = true;
  cf.common = FullCommon();
  CheckRoundTrip(cf, CreateFileOptionsFromJson);

  DeleteOptions d;
  d.recursive = true;
  d.alluxio_only = true;
  d.unchecked = false;
  d.delete_mount_point = true;
  d.common = FullCommon();
  CheckRoundTrip(d, DeleteOptionsFromJson);

  ExistsOptions e;
  e.load_metadata_type = LoadMetadataType::kNever;
  e.common = FullCommon();
  CheckRoundTrip(e, ExistsOptionsFromJson);

  FreeOptions f;
  f.recursive = true;
  f.forced = true;
  f.common = FullCommon();
  CheckRoundTrip(f, FreeOptionsFromJson);

  GetStatusOptions g;
  g.load_metadata_type = LoadMetadataType::kAlways;
  g.update_timestamps = false;
  g.common = FullCommon();
  CheckRoundTrip(g, GetStatusOptionsFromJson);

  ListStatusOptions l;
  l.load_metadata_type = LoadMetadataType::kOnce;
  l.recursive = true;
  l.load_metadata_only = true;
  l.common = FullCommon();
  CheckRoundTrip(l, ListStatusOptionsFromJson);

  MountOptions m;
  m.properties = {{"fs.s3a.endpoint", "http://minio:9000"}, {"empty", ""}};
  m.read_only = true;
  m.shared = true;
  CheckRoundTrip(m, MountOptionsFromJson);

  OpenFileOptions o;
  o.read_type = ReadType::kNoCache;
  o.max_ufs_read_concurrency = 16;
  CheckRoundTrip(o, OpenFileOptionsFromJson);

  RenameOptions r;
  r.persist = true;
  r.common = FullCommon();
  CheckRoundTrip(r, RenameOptionsFromJson);

  SetAttributeOptions s;
  s.owner = "";
  s.group = "staff";
  s.mode = 0;
  s.pinned = false;
  s.pinned_media = std::vector<std::string>{};
  s.persisted = true;
  s.replication_max = -1;
  s.replication_min = 0;
  s.recursive = true;
  s.common = FullCommon();
  CheckRoundTrip(s, SetAttributeOptionsFromJson);
  s.pinned_media = std::vector<std::string>{"MEM", "HDD"};
  s.owner = "root";
  CheckRoundTrip(s, SetAttributeOptionsFromJson);

  CheckRoundTrip(UnmountOptions{}, UnmountOptionsFromJson);
}

// --- Parsing text ----------------------------------------------------------------------------

TEST_CASE("malformed JSON is INVALID_ARGUMENT naming the byte and the reason", "[wire]") {
  // Bytes count from 1 and name the byte that made the text invalid: here the '}' after "tru".
  auto bad_literal = ParseJson(R"({"recursive": tru})");
  CHECK(Contains(InvalidMessage(bad_literal), "Malformed JSON at byte 18: "));
  CHECK(Contains(InvalidMessage(bad_literal), "invalid literal"));
  CHECK_FALSE(Contains(InvalidMessage(bad_literal), "json.exception"));

  CHECK(Contains(InvalidMessage(ParseJson(R"({"a":1,})")), "Malformed JSON at byte 8: "));
  CHECK(Contains(InvalidMessage(ParseJson("{} x")), "Malformed JSON at byte 4: "));
  CHECK(Contains(InvalidMessage(ParseJson("{\"a\" 1}")), "Malformed JSON at byte 6: "));
  CHECK(Contains(InvalidMessage(ParseJson("{\"a\":")), "Malformed JSON at byte 6: "));  // at EOF
  CHECK(Contains(InvalidMessage(ParseJson("")), "Malformed JSON at byte 1: "));
  CHECK(Contains(InvalidMessage(ParseJson("\"\xff\"")), "Malformed JSON at byte 2: "));
}

TEST_CASE("well-formed JSON parses to the document", "[wire]") {
  CHECK(Ok(ParseJson(R"( {"recursive": true, "mode": 493} )")) ==
        json{{"recursive", true}, {"mode", 493}});
  CHECK(Ok(ParseJson("null")).is_null());
  CHECK(Ok(ParseJson("[]")) == json::array());
  CHECK(Ok(ParseJson(R"("[[[[")")) == json("[[[["));  // brackets in strings do not nest
}

TEST_CASE("absurdly deep JSON is refused before it is built", "[wire]") {
  std::string deep(100000, '[');
  CHECK(InvalidMessage(ParseJson(deep)) ==
        "Malformed JSON at byte 257: nested deeper than 256 levels");
  std::string ok_depth = std::string(256, '[') + std::string(256, ']');
  CHECK(ParseJson(ok_depth).ok());
}

TEST_CASE("a request body goes from text to options end to end", "[wire]") {
  // What alluxio-py 0.1.4 sends for create_file with a TTL.
  auto doc = Ok(ParseJson(
      R"({"blockSizeBytes": 1048576, "recursive": true, "writeType": "CACHE_THROUGH",
          "ttl": 60000, "ttlAction": "FREE",
          "mode": {"ownerBits": "ALL", "groupBits": "READ", "otherBits": "READ"}})"));
  CreateFileOptions o = Ok(CreateFileOptionsFromJson(doc));
  CreateFileOptions expected;
  expected.block_size_bytes = 1048576;
  expected.recursive = true;
  expected.write_type = WriteType::kCacheThrough;
  expected.common.ttl = 60000;
  expected.common.ttl_action = TtlAction::kFree;
  expected.mode = 0744;
  CHECK(o == expected);
}

}  // namespace alluxio::wire
