// JSON codec for fs_types.h: Alluxio's REST API v1 keys (compat page §1.4, §1.5), also used by
// our internal master RPC.
//
// Parsing options: an empty body or "{}" means all defaults; keys are Alluxio's camelCase
// proto names; enums by name (case-insensitive) or proto number; `mode` as
// {"ownerBits":"READ_WRITE","groupBits":"READ","otherBits":"READ"} or a plain integer; the
// python client's 1.x-era keys are accepted (top-level `ttl`/`ttlAction` go to commonOptions,
// `locationPolicyClass`, `cacheLocationPolicyClass`, `ufsReadLocationPolicyClass` are ignored).
// Unknown keys, wrong JSON types and malformed JSON are INVALID_ARGUMENT with a message naming
// the key or the position. Serializing produces exactly the keys the parser reads.
//
// Details of the options grammar:
// * JSON null for a key means "absent" (protobuf's JSON mapping); so does a null document.
// * Integers are integral JSON numbers (1.0 counts) or decimal strings (protobuf writes int64
//   as strings); 32-bit fields refuse values outside int32.
// * `commonOptions` holds syncIntervalMs, ttl, ttlAction and operationId (ignored). Top-level
//   `ttl`/`ttlAction` are read for CreateFile and SetAttribute only (where the python client
//   sends them); giving both places different values is INVALID_ARGUMENT. Mount, OpenFile and
//   Unmount validate `commonOptions` and drop it (their structs have no field for it).
// * Keys of 2.x fields we do not model (xattr, xattrPropStrat, checkS3BucketPath, accessMode,
//   loadDirectChildren, ...) are type-checked and dropped.
// * Messages: `Unknown option "foo" for CreateFile; known options: recursive, ...`,
//   `Invalid option "commonOptions.ttl" for CreateFile: expected an integer, got string "x"`.
//
// Response objects (FileInfo, WorkerNetAddress, MountPointInfo) are read leniently: unknown
// keys are skipped (a real 2.x proxy adds `fileInfo`, a newer server may add more). Required
// are the keys the python client reads: for FileInfo the list of compat §1.5, for
// WorkerNetAddress host/rpcPort/dataPort/webPort, for blocks blockInfo/offset, blockId/length
// and workerId/workerAddress/tierAlias, for MountPointInfo ufsUri. Other keys take the struct's
// defaults when absent or null.
//
// Thread-safe (pure functions); parsing never throws. Documents built here may hold user
// strings that are not UTF-8: dump them with json::error_handler_t::replace.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "lib/common/result.h"
#include "lib/wire/fs_types.h"
#include "lib/wire/json_writer.h"

namespace alluxio::wire {

// Parses a JSON document; INVALID_ARGUMENT "Malformed JSON at byte N: <reason>" on malformed
// input, N counting from 1. Empty text is malformed: callers map an empty request body to a
// null document themselves. Documents nested deeper than 256 levels are refused.
Result<nlohmann::json> ParseJson(std::string_view text);

// FileInfo with every key of compat §1.5: `acl` is Alluxio 2.x's AccessControlList JSON derived
// from owner, group and mode ({"owner","owningGroup","stringEntries":["user::rwx",...]}),
// `defaultAcl` an empty default ACL ({"owner":"","owningGroup":"","stringEntries":[]}; a
// directory's names its owner and group, as Alluxio's does), `xattr` null or name -> base64,
// `cacheContext` null. Alluxio's nested `fileInfo` copy is not emitted.
// FileInfoFromJson reads everything to_json writes (acl, defaultAcl, cacheContext are derived
// and skipped) and exactly restores the struct.
void to_json(nlohmann::json& j, const FileInfo& info);
Result<FileInfo> FileInfoFromJson(const nlohmann::json& j);
// The same FileInfo and WorkerNetAddress text as nlohmann's dump of to_json (error handler
// replace), written directly: no document, a few allocations instead of hundreds. The getStatus
// and listing answers of the master use these.
void WriteJson(JsonWriter& w, const FileInfo& info);
void WriteJson(JsonWriter& w, const WorkerNetAddress& a);
std::string FileInfoJsonText(const FileInfo& info);
void to_json(nlohmann::json& j, const WorkerNetAddress& a);
Result<WorkerNetAddress> WorkerNetAddressFromJson(const nlohmann::json& j);
void to_json(nlohmann::json& j, const MountPointInfo& m);
Result<MountPointInfo> MountPointInfoFromJson(const nlohmann::json& j);

// Options: FromJson accepts a parsed document (null = defaults); ToJson writes only the keys
// whose value differs from "absent", with 2.x names (TTL inside commonOptions, mode as PMode),
// so FromJson(to_json(x)) == x.
Result<CreateDirectoryOptions> CreateDirectoryOptionsFromJson(const nlohmann::json& j);
Result<CreateFileOptions> CreateFileOptionsFromJson(const nlohmann::json& j);
Result<DeleteOptions> DeleteOptionsFromJson(const nlohmann::json& j);
Result<ExistsOptions> ExistsOptionsFromJson(const nlohmann::json& j);
Result<FreeOptions> FreeOptionsFromJson(const nlohmann::json& j);
Result<GetStatusOptions> GetStatusOptionsFromJson(const nlohmann::json& j);
Result<ListStatusOptions> ListStatusOptionsFromJson(const nlohmann::json& j);
Result<MountOptions> MountOptionsFromJson(const nlohmann::json& j);
Result<OpenFileOptions> OpenFileOptionsFromJson(const nlohmann::json& j);
Result<RenameOptions> RenameOptionsFromJson(const nlohmann::json& j);
Result<SetAttributeOptions> SetAttributeOptionsFromJson(const nlohmann::json& j);
Result<UnmountOptions> UnmountOptionsFromJson(const nlohmann::json& j);

void to_json(nlohmann::json& j, const CreateDirectoryOptions& o);
void to_json(nlohmann::json& j, const CreateFileOptions& o);
void to_json(nlohmann::json& j, const DeleteOptions& o);
void to_json(nlohmann::json& j, const ExistsOptions& o);
void to_json(nlohmann::json& j, const FreeOptions& o);
void to_json(nlohmann::json& j, const GetStatusOptions& o);
void to_json(nlohmann::json& j, const ListStatusOptions& o);
void to_json(nlohmann::json& j, const MountOptions& o);
void to_json(nlohmann::json& j, const OpenFileOptions& o);
void to_json(nlohmann::json& j, const RenameOptions& o);
void to_json(nlohmann::json& j, const SetAttributeOptions& o);
void to_json(nlohmann::json& j, const UnmountOptions& o);

// Mode bits <-> Alluxio's PMode ({"ownerBits","groupBits","otherBits"} with NONE, EXECUTE,
// WRITE, WRITE_EXECUTE, READ, READ_EXECUTE, READ_WRITE, ALL). ModeToJson uses the low 9 bits.
// ModeFromJson accepts the object (all three keys required, names in any case or proto numbers
// 1..8) or an integer 0..511; INVALID_ARGUMENT otherwise.
nlohmann::json ModeToJson(int mode);
Result<int> ModeFromJson(const nlohmann::json& j);

}  // namespace alluxio::wire
