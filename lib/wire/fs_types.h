// File-system wire types shared by the master RPC, the native client, the proxy's REST API v1
// and the CLI: FileInfo (Alluxio's URIStatus) and its nested block types, the enums and the
// options of every file-system operation.
//
// JSON keys and enum names are Alluxio 2.x's (compat page §1.4, §1.5), so the same codec
// (fs_json.h) serves the REST API and our internal RPC. Options fields that Alluxio fills from
// configuration when absent are std::optional; the master applies the defaults.
//
// Plain values: every struct compares member-wise (operator==), which is what the codec's
// round-trip tests rely on. Not synchronized.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace alluxio::wire {

enum class WriteType {
  kMustCache = 1,
  kTryCache = 2,
  kCacheThrough = 3,
  kThrough = 4,
  kAsyncThrough = 5,
  kNone = 6,
};
enum class ReadType { kNoCache = 1, kCache = 2, kCachePromote = 3 };
enum class LoadMetadataType { kNever = 0, kOnce = 1, kAlways = 2 };
enum class TtlAction { kDelete = 0, kFree = 1, kDeleteAlluxio = 2 };

// Alluxio's names (MUST_CACHE, CACHE, ONCE, DELETE, ...) and case-insensitive parsing.
std::string_view WriteTypeName(WriteType t);
std::optional<WriteType> ParseWriteType(std::string_view name);
std::string_view ReadTypeName(ReadType t);
std::optional<ReadType> ParseReadType(std::string_view name);
std::string_view LoadMetadataTypeName(LoadMetadataType t);
std::optional<LoadMetadataType> ParseLoadMetadataType(std::string_view name);
std::string_view TtlActionName(TtlAction a);
std::optional<TtlAction> ParseTtlAction(std::string_view name);

struct TieredIdentityTier {
  std::string tier_name;  // "node" or "rack"
  std::string value;

  bool operator==(const TieredIdentityTier&) const = default;
};

struct WorkerNetAddress {
  std::string host;
  std::string container_host;
  int rpc_port = 0;
  int data_port = 0;
  int web_port = 0;
  // The S3 API's port (alluxio.worker.rest.port) when the worker serves it, else 0 (JSON
  // "restPort", as Alluxio 3.x; omitted when 0).
  int rest_port = 0;
  std::string domain_socket_path;
  std::vector<TieredIdentityTier> tiered_identity;

  bool operator==(const WorkerNetAddress&) const = default;
};

struct BlockLocation {
  int64_t worker_id = 0;
  WorkerNetAddress worker_address;
  std::string tier_alias;   // MEM, SSD, HDD
  std::string medium_type;  // usually equal to tier_alias

  bool operator==(const BlockLocation&) const = default;
};

struct BlockInfo {
  int64_t block_id = 0;
  int64_t length = 0;
  std::vector<BlockLocation> locations;

  bool operator==(const BlockInfo&) const = default;
};

struct FileBlockInfo {
  BlockInfo block_info;
  int64_t offset = 0;
  std::vector<std::string> ufs_locations;

  bool operator==(const FileBlockInfo&) const = default;
};

// Alluxio's URIStatus/FileInfo. JSON keys in comments where they differ from the field name.
struct FileInfo {
  int64_t file_id = 0;  // fileId
  std::string name;     // "" for the root
  std::string path;
  std::string ufs_path;  // ufsPath
  int64_t length = 0;    // directories: number of children
  int64_t block_size_bytes = 0;
  int64_t creation_time_ms = 0;
  int64_t last_modification_time_ms = 0;
  int64_t last_access_time_ms = 0;
  bool completed = false;
  bool folder = false;
  bool pinned = false;
  std::vector<std::string> pinned_medium_types;
  bool cacheable = false;
  bool persisted = false;
  std::string persistence_state = "NOT_PERSISTED";
  std::vector<int64_t> block_ids;
  std::vector<FileBlockInfo> file_block_infos;
  int in_memory_percentage = 0;
  int in_alluxio_percentage = 0;
  int64_t ttl = -1;
  TtlAction ttl_action = TtlAction::kDelete;
  std::string owner;
  std::string group;
  int mode = 0;  // decimal POSIX bits (493 = 0755)
  bool mount_point = false;
  int64_t mount_id = 0;
  int replication_max = -1;
  int replication_min = 0;
  std::string ufs_fingerprint;
  std::map<std::string, std::string> xattr;  // JSON: name -> base64 of the bytes

  bool operator==(const FileInfo&) const = default;
};

// What a file's readers need besides FileInfo: nothing yet; placeholders arrive with workers.

// Common options (FileSystemMasterCommonPOptions).
struct CommonOptions {
  std::optional<int64_t> sync_interval_ms;  // syncIntervalMs
  std::optional<int64_t> ttl;               // ms
  std::optional<TtlAction> ttl_action;

  bool operator==(const CommonOptions&) const = default;
};

struct CreateDirectoryOptions {
  bool recursive = false;
  bool allow_exists = false;
  std::optional<int> mode;
  std::optional<WriteType> write_type;
  CommonOptions common;

  bool operator==(const CreateDirectoryOptions&) const = default;
};

struct CreateFileOptions {
  bool recursive = false;
  std::optional<int64_t> block_size_bytes;
  std::optional<int> mode;
  std::optional<WriteType> write_type;
  std::optional<int> replication_max;
  std::optional<int> replication_min;
  std::optional<int> replication_durable;
  std::optional<int64_t> persistence_wait_time_ms;  // persistenceWaitTime
  int write_tier = 0;
  bool overwrite = false;
  CommonOptions common;

  bool operator==(const CreateFileOptions&) const = default;
};

struct DeleteOptions {
  bool recursive = false;
  bool alluxio_only = false;
  std::optional<bool> unchecked;
  bool delete_mount_point = false;
  CommonOptions common;

  bool operator==(const DeleteOptions&) const = default;
};

struct ExistsOptions {
  std::optional<LoadMetadataType> load_metadata_type;
  CommonOptions common;

  bool operator==(const ExistsOptions&) const = default;
};

struct FreeOptions {
  bool recursive = false;
  bool forced = false;
  CommonOptions common;

  bool operator==(const FreeOptions&) const = default;
};

struct GetStatusOptions {
  std::optional<LoadMetadataType> load_metadata_type;
  bool update_timestamps = true;
  CommonOptions common;

  bool operator==(const GetStatusOptions&) const = default;
};

struct ListStatusOptions {
  std::optional<LoadMetadataType> load_metadata_type;
  bool recursive = false;
  bool load_metadata_only = false;
  CommonOptions common;

  bool operator==(const ListStatusOptions&) const = default;
};

struct MountOptions {
  std::map<std::string, std::string> properties;
  bool read_only = false;
  bool shared = false;

  bool operator==(const MountOptions&) const = default;
};

struct OpenFileOptions {
  std::optional<ReadType> read_type;
  int max_ufs_read_concurrency = 0;

  bool operator==(const OpenFileOptions&) const = default;
};

struct RenameOptions {
  bool persist = false;
  CommonOptions common;

  bool operator==(const RenameOptions&) const = default;
};

struct SetAttributeOptions {
  std::optional<std::string> owner;
  std::optional<std::string> group;
  std::optional<int> mode;
  std::optional<bool> pinned;
  std::optional<std::vector<std::string>> pinned_media;
  std::optional<bool> persisted;
  std::optional<int> replication_max;
  std::optional<int> replication_min;
  bool recursive = false;
  CommonOptions common;  // ttl / ttlAction live here (top-level ttl keys are accepted too)

  bool operator==(const SetAttributeOptions&) const = default;
};

struct UnmountOptions {
  bool operator==(const UnmountOptions&) const = default;
};

// One mount of the mount table.
struct MountPointInfo {
  std::string alluxio_path;
  std::string ufs_uri;
  std::string ufs_type;  // scheme: "local", "s3", ...
  int64_t ufs_capacity_bytes = -1;
  int64_t ufs_used_bytes = -1;
  bool read_only = false;
  bool shared = false;
  std::map<std::string, std::string> properties;  // secrets masked
  int64_t mount_id = 0;

  bool operator==(const MountPointInfo&) const = default;
};

}  // namespace alluxio::wire
