// The options half of fs_json.h: parsing and writing the *POptions bodies of compat §1.4.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "lib/wire/fs_json.h"
#include "lib/wire/json_reader.h"

namespace alluxio::wire {

using json_reader::Bind;
using json_reader::Field;
using json_reader::Ignored;
using json_reader::Kind;
using json_reader::kMaxMode;
using json_reader::kOption;
using json_reader::ModeField;
using json_reader::ObjectField;
using json_reader::ReadDocument;
using nlohmann::json;

namespace {

std::vector<Field> CommonFields(CommonOptions* o) {
  return {Bind("syncIntervalMs", &o->sync_interval_ms), Bind("ttl", &o->ttl),
          Bind("ttlAction", &o->ttl_action), Ignored("operationId", Kind::kObject)};
}

Field CommonField(CommonOptions* o) {
  return ObjectField("commonOptions", o, CommonFields, /*allow_unknown=*/false);
}

// The python client's top-level `ttl` / `ttlAction` (1.x), read beside `commonOptions`.
struct TopLevelTtl {
  std::optional<int64_t> ttl;
  std::optional<TtlAction> ttl_action;
};

// Moves top-level TTL keys into `common`; both places with different values is an error.
Status MergeTopLevelTtl(const TopLevelTtl& top, std::string_view owner, CommonOptions* common) {
  auto conflict = [&](std::string_view key) {
    return Status::InvalidArgument("Option \"" + std::string(key) + "\" for " + std::string(owner) +
                                   " conflicts with \"commonOptions." + std::string(key) + "\"");
  };
  if (top.ttl) {
    if (common->ttl && *common->ttl != *top.ttl) return conflict("ttl");
    common->ttl = top.ttl;
  }
  if (top.ttl_action) {
    if (common->ttl_action && *common->ttl_action != *top.ttl_action) return conflict("ttlAction");
    common->ttl_action = top.ttl_action;
  }
  return Status::OK();
}

// Writers: only keys that carry information.
void PutIf(json& j, std::string_view key, bool value, bool default_value = false) {
  if (value != default_value) j[std::string(key)] = value;
}
template <typename T>
void PutIf(json& j, std::string_view key, const std::optional<T>& value) {
  if (value) j[std::string(key)] = *value;
}
void PutEnum(json& j, std::string_view key, const std::optional<WriteType>& v) {
  if (v) j[std::string(key)] = std::string(WriteTypeName(*v));
}
void PutEnum(json& j, std::string_view key, const std::optional<ReadType>& v) {
  if (v) j[std::string(key)] = std::string(ReadTypeName(*v));
}
void PutEnum(json& j, std::string_view key, const std::optional<LoadMetadataType>& v) {
  if (v) j[std::string(key)] = std::string(LoadMetadataTypeName(*v));
}
void PutEnum(json& j, std::string_view key, const std::optional<TtlAction>& v) {
  if (v) j[std::string(key)] = std::string(TtlActionName(*v));
}
// A PMode object; a mode PMode cannot express stays an integer, which the parser refuses.
void PutMode(json& j, const std::optional<int>& mode) {
  if (!mode) return;
  if (*mode >= 0 && *mode <= kMaxMode) {
    j["mode"] = ModeToJson(*mode);
  } else {
    j["mode"] = *mode;
  }
}
void PutCommon(json& j, const CommonOptions& c) {
  json common = json::object();
  PutIf(common, "syncIntervalMs", c.sync_interval_ms);
  PutIf(common, "ttl", c.ttl);
  PutEnum(common, "ttlAction", c.ttl_action);
  if (!common.empty()) j["commonOptions"] = std::move(common);
}

}  // namespace

// --- Options: parsing ------------------------------------------------------------------------

Result<CreateDirectoryOptions> CreateDirectoryOptionsFromJson(const nlohmann::json& j) {
  CreateDirectoryOptions o;
  RETURN_IF_ERROR(ReadDocument(
      j, kOption, "CreateDirectory",
      {Bind("recursive", &o.recursive), Bind("allowExists", &o.allow_exists),
       ModeField("mode", &o.mode), Bind("writeType", &o.write_type), CommonField(&o.common),
       Ignored("xattr", Kind::kObject), Ignored("xattrPropStrat", Kind::kEnum),
       Ignored("checkS3BucketPath", Kind::kBool)}));
  return o;
}

Result<CreateFileOptions> CreateFileOptionsFromJson(const nlohmann::json& j) {
  CreateFileOptions o;
  TopLevelTtl top;
  RETURN_IF_ERROR(ReadDocument(
      j, kOption, "CreateFile",
      {Bind("recursive", &o.recursive), Bind("blockSizeBytes", &o.block_size_bytes),
       ModeField("mode", &o.mode), Bind("writeType", &o.write_type),
       Bind("replicationDurable", &o.replication_durable),
       Bind("replicationMax", &o.replication_max), Bind("replicationMin", &o.replication_min),
       Bind("writeTier", &o.write_tier), Bind("persistenceWaitTime", &o.persistence_wait_time_ms),
       Bind("overwrite", &o.overwrite), CommonField(&o.common), Bind("ttl", &top.ttl),
       Bind("ttlAction", &top.ttl_action), Ignored("locationPolicyClass", Kind::kString),
       Ignored("xattr", Kind::kObject), Ignored("xattrPropStrat", Kind::kEnum),
       Ignored("checkS3BucketPath", Kind::kBool)}));
  RETURN_IF_ERROR(MergeTopLevelTtl(top, "CreateFile", &o.common));
  return o;
}

Result<DeleteOptions> DeleteOptionsFromJson(const nlohmann::json& j) {
  DeleteOptions o;
  RETURN_IF_ERROR(ReadDocument(
      j, kOption, "Delete",
      {Bind("recursive", &o.recursive), Bind("alluxioOnly", &o.alluxio_only),
       Bind("unchecked", &o.unchecked), Bind("deleteMountPoint", &o.delete_mount_point),
       CommonField(&o.common), Ignored("syncParentNextTime", Kind::kBool)}));
  return o;
}

Result<ExistsOptions> ExistsOptionsFromJson(const nlohmann::json& j) {
  ExistsOptions o;
  RETURN_IF_ERROR(
      ReadDocument(j, kOption, "Exists",
                   {Bind("loadMetadataType", &o.load_metadata_type), CommonField(&o.common)}));
  return o;
}

Result<FreeOptions> FreeOptionsFromJson(const nlohmann::json& j) {
  FreeOptions o;
  RETURN_IF_ERROR(ReadDocument(
      j, kOption, "Free",
      {Bind("recursive", &o.recursive), Bind("forced", &o.forced), CommonField(&o.common)}));
  return o;
}

Result<GetStatusOptions> GetStatusOptionsFromJson(const nlohmann::json& j) {
  GetStatusOptions o;
  RETURN_IF_ERROR(ReadDocument(j, kOption, "GetStatus",
                               {Bind("loadMetadataType", &o.load_metadata_type),
                                Bind("updateTimestamps", &o.update_timestamps),
                                CommonField(&o.common), Ignored("accessMode", Kind::kEnum)}));
  return o;
}

Result<ListStatusOptions> ListStatusOptionsFromJson(const nlohmann::json& j) {
  ListStatusOptions o;
  RETURN_IF_ERROR(ReadDocument(
      j, kOption, "ListStatus",
      {Bind("loadMetadataType", &o.load_metadata_type), Bind("recursive", &o.recursive),
       Bind("loadMetadataOnly", &o.load_metadata_only), CommonField(&o.common),
       Ignored("loadDirectChildren", Kind::kBool),
       Ignored("disableAreDescendantsLoadedCheck", Kind::kBool),
       Ignored("excludeMountInfo", Kind::kBool)}));
  return o;
}

Result<MountOptions> MountOptionsFromJson(const nlohmann::json& j) {
  MountOptions o;
  CommonOptions unused;  // validated, but mounts have no common options of their own
  RETURN_IF_ERROR(ReadDocument(j, kOption, "Mount",
                               {Bind("properties", &o.properties), Bind("readOnly", &o.read_only),
                                Bind("shared", &o.shared), CommonField(&unused)}));
  return o;
}

Result<OpenFileOptions> OpenFileOptionsFromJson(const nlohmann::json& j) {
  OpenFileOptions o;
  CommonOptions unused;
  RETURN_IF_ERROR(ReadDocument(
      j, kOption, "OpenFile",
      {Bind("readType", &o.read_type), Bind("maxUfsReadConcurrency", &o.max_ufs_read_concurrency),
       CommonField(&unused), Ignored("cacheLocationPolicyClass", Kind::kString),
       Ignored("ufsReadLocationPolicyClass", Kind::kString),
       Ignored("updateLastAccessTime", Kind::kBool)}));
  return o;
}

Result<RenameOptions> RenameOptionsFromJson(const nlohmann::json& j) {
  RenameOptions o;
  RETURN_IF_ERROR(ReadDocument(j, kOption, "Rename",
                               {Bind("persist", &o.persist), CommonField(&o.common),
                                Ignored("s3SyntaxOptions", Kind::kObject)}));
  return o;
}

Result<SetAttributeOptions> SetAttributeOptionsFromJson(const nlohmann::json& j) {
  SetAttributeOptions o;
  TopLevelTtl top;
  RETURN_IF_ERROR(ReadDocument(
      j, kOption, "SetAttribute",
      {Bind("owner", &o.owner), Bind("group", &o.group), ModeField("mode", &o.mode),
       Bind("pinned", &o.pinned), Bind("pinnedMedia", &o.pinned_media),
       Bind("persisted", &o.persisted), Bind("replicationMax", &o.replication_max),
       Bind("replicationMin", &o.replication_min), Bind("recursive", &o.recursive),
       CommonField(&o.common), Bind("ttl", &top.ttl), Bind("ttlAction", &top.ttl_action),
       Ignored("xattr", Kind::kObject), Ignored("xattrUpdateStrategy", Kind::kEnum),
       Ignored("directChildrenLoaded", Kind::kBool)}));
  RETURN_IF_ERROR(MergeTopLevelTtl(top, "SetAttribute", &o.common));
  return o;
}

Result<UnmountOptions> UnmountOptionsFromJson(const nlohmann::json& j) {
  CommonOptions unused;
  RETURN_IF_ERROR(ReadDocument(j, kOption, "Unmount", {CommonField(&unused)}));
  return UnmountOptions{};
}

// --- Options: writing ------------------------------------------------------------------------

void to_json(nlohmann::json& j, const CreateDirectoryOptions& o) {
  j = json::object();
  PutIf(j, "recursive", o.recursive);
  PutIf(j, "allowExists", o.allow_exists);
  PutMode(j, o.mode);
  PutEnum(j, "writeType", o.write_type);
  PutCommon(j, o.common);
}

void to_json(nlohmann::json& j, const CreateFileOptions& o) {
  j = json::object();
  PutIf(j, "recursive", o.recursive);
  PutIf(j, "blockSizeBytes", o.block_size_bytes);
  PutMode(j, o.mode);
  PutEnum(j, "writeType", o.write_type);
  PutIf(j, "replicationDurable", o.replication_durable);
  PutIf(j, "replicationMax", o.replication_max);
  PutIf(j, "replicationMin", o.replication_min);
  if (o.write_tier != 0) j["writeTier"] = o.write_tier;
  PutIf(j, "persistenceWaitTime", o.persistence_wait_time_ms);
  PutIf(j, "overwrite", o.overwrite);
  PutCommon(j, o.common);
}

void to_json(nlohmann::json& j, const DeleteOptions& o) {
  j = json::object();
  PutIf(j, "recursive", o.recursive);
  PutIf(j, "alluxioOnly", o.alluxio_only);
  PutIf(j, "unchecked", o.unchecked);
  PutIf(j, "deleteMountPoint", o.delete_mount_point);
  PutCommon(j, o.common);
}

void to_json(nlohmann::json& j, const ExistsOptions& o) {
  j = json::object();
  PutEnum(j, "loadMetadataType", o.load_metadata_type);
  PutCommon(j, o.common);
}

void to_json(nlohmann::json& j, const FreeOptions& o) {
  j = json::object();
  PutIf(j, "recursive", o.recursive);
  PutIf(j, "forced", o.forced);
  PutCommon(j, o.common);
}

void to_json(nlohmann::json& j, const GetStatusOptions& o) {
  j = json::object();
  PutEnum(j, "loadMetadataType", o.load_metadata_type);
  PutIf(j, "updateTimestamps", o.update_timestamps, /*default_value=*/true);
  PutCommon(j, o.common);
}

void to_json(nlohmann::json& j, const ListStatusOptions& o) {
  j = json::object();
  PutEnum(j, "loadMetadataType", o.load_metadata_type);
  PutIf(j, "recursive", o.recursive);
  PutIf(j, "loadMetadataOnly", o.load_metadata_only);
  PutCommon(j, o.common);
}

void to_json(nlohmann::json& j, const MountOptions& o) {
  j = json::object();
  if (!o.properties.empty()) j["properties"] = o.properties;
  PutIf(j, "readOnly", o.read_only);
  PutIf(j, "shared", o.shared);
}

void to_json(nlohmann::json& j, const OpenFileOptions& o) {
  j = json::object();
  PutEnum(j, "readType", o.read_type);
  if (o.max_ufs_read_concurrency != 0) j["maxUfsReadConcurrency"] = o.max_ufs_read_concurrency;
}

void to_json(nlohmann::json& j, const RenameOptions& o) {
  j = json::object();
  PutIf(j, "persist", o.persist);
  PutCommon(j, o.common);
}

void to_json(nlohmann::json& j, const SetAttributeOptions& o) {
  j = json::object();
  PutIf(j, "owner", o.owner);
  PutIf(j, "group", o.group);
  PutMode(j, o.mode);
  PutIf(j, "pinned", o.pinned);
  PutIf(j, "pinnedMedia", o.pinned_media);
  PutIf(j, "persisted", o.persisted);
  PutIf(j, "replicationMax", o.replication_max);
  PutIf(j, "replicationMin", o.replication_min);
  PutIf(j, "recursive", o.recursive);
  PutCommon(j, o.common);
}

void to_json(nlohmann::json& j, const UnmountOptions& /*o*/) { j = json::object(); }

}  // namespace alluxio::wire
