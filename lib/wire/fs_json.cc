#include "lib/wire/fs_json.h"

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "lib/wire/base64.h"
#include "lib/wire/json_reader.h"
#include "lib/wire/json_writer.h"

namespace alluxio::wire {

using json_reader::Bind;
using json_reader::ConvertMode;
using json_reader::Expected;
using json_reader::Field;
using json_reader::FieldCtx;
using json_reader::Ignored;
using json_reader::Kind;
using json_reader::kKey;
using json_reader::ModeBitsName;
using json_reader::ObjectArrayField;
using json_reader::ObjectField;
using json_reader::Quote;
using json_reader::ReadDocument;
using json_reader::Require;
using json_reader::Required;
using nlohmann::json;

namespace {

// --- Parsing text ----------------------------------------------------------------------------

// Deeper documents are refused before parsing: nothing we exchange nests beyond a handful of
// levels, and recursive consumers (dump, our readers) must not run out of stack.
constexpr int kMaxDepth = 256;

// Forwards SAX events to nlohmann's DOM builder and records the first error's position and
// reason instead of throwing.
class RecordingSax {
 public:
  explicit RecordingSax(json* root) : dom_(*root, /*allow_exceptions=*/false) {}

  bool null() { return dom_.null(); }
  bool boolean(bool v) { return dom_.boolean(v); }
  bool number_integer(json::number_integer_t v) { return dom_.number_integer(v); }
  bool number_unsigned(json::number_unsigned_t v) { return dom_.number_unsigned(v); }
  bool number_float(json::number_float_t v, const json::string_t& s) {
    return dom_.number_float(v, s);
  }
  bool string(json::string_t& s) { return dom_.string(s); }
  bool binary(json::binary_t& b) { return dom_.binary(b); }
  bool start_object(std::size_t n) { return dom_.start_object(n); }
  bool key(json::string_t& k) { return dom_.key(k); }
  bool end_object() { return dom_.end_object(); }
  bool start_array(std::size_t n) { return dom_.start_array(n); }
  bool end_array() { return dom_.end_array(); }
  bool parse_error(std::size_t position, const std::string& /*last_token*/,
                   const nlohmann::detail::exception& ex) {
    position_ = position;
    reason_ = ex.what();
    return false;
  }

  size_t position() const { return position_; }
  // nlohmann's message without its "[json.exception...] parse error at line L, column C: "
  // prefix; we report the byte instead.
  std::string reason() const {
    std::string_view r = reason_;
    size_t column = r.find("column ");
    size_t colon = column == std::string_view::npos ? r.find("] ") : r.find(": ", column);
    if (colon != std::string_view::npos) r.remove_prefix(colon + 2);
    return std::string(r);
  }

 private:
  nlohmann::detail::json_sax_dom_parser<json> dom_;
  size_t position_ = 0;
  std::string reason_;
};

// The 1-based byte at which nesting first exceeds kMaxDepth, or 0. Brackets inside strings
// do not count; malformed text is left to the parser.
size_t TooDeepAt(std::string_view text) {
  int depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxDepth) return i + 1;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return 0;
}

// --- FileInfo and its parts -----------------------------------------------------------------

// "rwx", "r-x", ... for 3 mode bits.
std::string RwxString(int bits) {
  std::string s = "---";
  if (bits & 4) s[0] = 'r';
  if (bits & 2) s[1] = 'w';
  if (bits & 1) s[2] = 'x';
  return s;
}

std::vector<Field> TierFields(TieredIdentityTier* t) {
  return {Bind("tierName", &t->tier_name), Bind("value", &t->value)};
}

std::vector<Field> TieredIdentityFields(std::vector<TieredIdentityTier>* tiers) {
  return {ObjectArrayField("tiers", tiers, TierFields, /*allow_unknown=*/true)};
}

std::vector<Field> WorkerNetAddressFields(WorkerNetAddress* a) {
  return {Required("host", &a->host),
          Bind("containerHost", &a->container_host),
          Required("rpcPort", &a->rpc_port),
          Required("dataPort", &a->data_port),
          Required("webPort", &a->web_port),
          Bind("restPort", &a->rest_port),
          Bind("domainSocketPath", &a->domain_socket_path),
          ObjectField("tieredIdentity", &a->tiered_identity, TieredIdentityFields, true)};
}

std::vector<Field> BlockLocationFields(BlockLocation* l) {
  return {Required("workerId", &l->worker_id),
          Require(ObjectField("workerAddress", &l->worker_address, WorkerNetAddressFields, true)),
          Required("tierAlias", &l->tier_alias), Bind("mediumType", &l->medium_type)};
}

std::vector<Field> BlockInfoFields(BlockInfo* b) {
  return {Required("blockId", &b->block_id), Required("length", &b->length),
          ObjectArrayField("locations", &b->locations, BlockLocationFields, true)};
}

std::vector<Field> FileBlockInfoFields(FileBlockInfo* f) {
  return {Require(ObjectField("blockInfo", &f->block_info, BlockInfoFields, true)),
          Required("offset", &f->offset), Bind("ufsLocations", &f->ufs_locations)};
}

Field XattrField(std::map<std::string, std::string>* out) {
  return {"xattr", [out](const FieldCtx& f, const json& v) -> Status {
            if (!v.is_object()) {
              return f.Invalid(Expected("an object of base64 strings or null", v).message());
            }
            std::map<std::string, std::string> xattr;
            for (const auto& [name, value] : v.items()) {
              std::optional<std::string> bytes;
              if (value.is_string()) bytes = Base64Decode(value.get_ref<const std::string&>());
              if (!bytes) {
                return f.Invalid(
                    Expected("base64 bytes for attribute " + Quote(name), value).message());
              }
              xattr.emplace(name, std::move(*bytes));
            }
            *out = std::move(xattr);
            return Status::OK();
          }};
}

json AclJson(std::string owner, std::string group, std::vector<std::string> entries) {
  return json{{"owner", std::move(owner)},
              {"owningGroup", std::move(group)},
              {"stringEntries", std::move(entries)}};
}

}  // namespace

// --- Parsing text, mode ----------------------------------------------------------------------

Result<json> ParseJson(std::string_view text) {
  if (size_t at = TooDeepAt(text)) {
    return Status::InvalidArgument("Malformed JSON at byte " + std::to_string(at) +
                                   ": nested deeper than " + std::to_string(kMaxDepth) + " levels");
  }
  try {
    json root;
    RecordingSax sax(&root);
    if (!json::sax_parse(text, &sax)) {
      return Status::InvalidArgument("Malformed JSON at byte " + std::to_string(sax.position()) +
                                     ": " + sax.reason());
    }
    return root;
  } catch (const json::exception& e) {
    // The SAX path reports errors without throwing; this is a last line of defence.
    return Status::InvalidArgument(std::string("Malformed JSON: ") + e.what());
  }
}

nlohmann::json ModeToJson(int mode) {
  return json{{"ownerBits", std::string(ModeBitsName(mode >> 6))},
              {"groupBits", std::string(ModeBitsName(mode >> 3))},
              {"otherBits", std::string(ModeBitsName(mode))}};
}

Result<int> ModeFromJson(const nlohmann::json& j) {
  auto r = ConvertMode(j);
  if (!r.ok()) return Status::InvalidArgument("Invalid mode: " + std::string(r.status().message()));
  return r;
}

// --- FileInfo --------------------------------------------------------------------------------

void to_json(nlohmann::json& j, const WorkerNetAddress& a) {
  json tiers = json::array();
  for (const TieredIdentityTier& t : a.tiered_identity) {
    tiers.push_back({{"tierName", t.tier_name}, {"value", t.value}});
  }
  j = json{{"host", a.host},
           {"containerHost", a.container_host},
           {"rpcPort", a.rpc_port},
           {"dataPort", a.data_port},
           {"webPort", a.web_port},
           {"domainSocketPath", a.domain_socket_path},
           {"tieredIdentity", {{"tiers", std::move(tiers)}}}};
  // Only workers serving the S3 API have one; absent otherwise, as in Alluxio 2.x.
  if (a.rest_port != 0) j["restPort"] = a.rest_port;
}

Result<WorkerNetAddress> WorkerNetAddressFromJson(const nlohmann::json& j) {
  WorkerNetAddress a;
  RETURN_IF_ERROR(ReadDocument(j, kKey, "WorkerNetAddress", WorkerNetAddressFields(&a), true));
  return a;
}

void to_json(nlohmann::json& j, const FileInfo& info) {
  json blocks = json::array();
  for (const FileBlockInfo& fb : info.file_block_infos) {
    json locations = json::array();
    for (const BlockLocation& l : fb.block_info.locations) {
      locations.push_back({{"workerId", l.worker_id},
                           {"workerAddress", l.worker_address},
                           {"tierAlias", l.tier_alias},
                           {"mediumType", l.medium_type}});
    }
    blocks.push_back({{"blockInfo",
                       {{"blockId", fb.block_info.block_id},
                        {"length", fb.block_info.length},
                        {"locations", std::move(locations)}}},
                      {"offset", fb.offset},
                      {"ufsLocations", fb.ufs_locations}});
  }
  json xattr;  // null when there are none, as Alluxio's getXAttr() returns null
  if (!info.xattr.empty()) {
    xattr = json::object();
    for (const auto& [name, bytes] : info.xattr) xattr[name] = Base64Encode(bytes);
  }
  j = json::object();
  j["fileId"] = info.file_id;
  j["name"] = info.name;
  j["path"] = info.path;
  j["ufsPath"] = info.ufs_path;
  j["length"] = info.length;
  j["blockSizeBytes"] = info.block_size_bytes;
  j["creationTimeMs"] = info.creation_time_ms;
  j["lastModificationTimeMs"] = info.last_modification_time_ms;
  j["lastAccessTimeMs"] = info.last_access_time_ms;
  j["completed"] = info.completed;
  j["folder"] = info.folder;
  j["pinned"] = info.pinned;
  j["pinnedMediumTypes"] = info.pinned_medium_types;
  j["cacheable"] = info.cacheable;
  j["persisted"] = info.persisted;
  j["persistenceState"] = info.persistence_state;
  j["blockIds"] = info.block_ids;
  j["fileBlockInfos"] = std::move(blocks);
  j["inMemoryPercentage"] = info.in_memory_percentage;
  j["inAlluxioPercentage"] = info.in_alluxio_percentage;
  j["ttl"] = info.ttl;
  j["ttlAction"] = std::string(TtlActionName(info.ttl_action));
  j["owner"] = info.owner;
  j["group"] = info.group;
  j["mode"] = info.mode;
  j["mountPoint"] = info.mount_point;
  j["mountId"] = info.mount_id;
  j["replicationMax"] = info.replication_max;
  j["replicationMin"] = info.replication_min;
  j["ufsFingerprint"] = info.ufs_fingerprint;
  // Alluxio 2.x's AccessControlList serializer: the access ACL's base entries follow the mode
  // (we keep no extended entries). We keep no default ACL either; Alluxio writes an empty one,
  // which for a directory still names the inode's owner and group (MutableInode.setOwner and
  // setGroup update both ACLs) and for a file is DefaultAccessControlList.EMPTY_DEFAULT_ACL.
  j["acl"] =
      AclJson(info.owner, info.group,
              {"user::" + RwxString((info.mode >> 6) & 7),
               "group::" + RwxString((info.mode >> 3) & 7), "other::" + RwxString(info.mode & 7)});
  j["defaultAcl"] = info.folder ? AclJson(info.owner, info.group, {}) : AclJson("", "", {});
  j["xattr"] = std::move(xattr);
  j["cacheContext"] = nullptr;
}

namespace {

void WriteAcl(JsonWriter& w, std::string_view owner, std::string_view group, int mode,
              bool with_entries) {
  w.BeginObject();
  w.Key("owner");
  w.String(owner);
  w.Key("owningGroup");
  w.String(group);
  w.Key("stringEntries");
  w.BeginArray();
  if (with_entries) {
    w.String("user::" + RwxString((mode >> 6) & 7));
    w.String("group::" + RwxString((mode >> 3) & 7));
    w.String("other::" + RwxString(mode & 7));
  }
  w.EndArray();
  w.EndObject();
}

void WriteStrings(JsonWriter& w, const std::vector<std::string>& strings) {
  w.BeginArray();
  for (const std::string& s : strings) w.String(s);
  w.EndArray();
}

}  // namespace

// Keys in bytewise order, as nlohmann's std::map holds them; the values exactly as to_json.
void WriteJson(JsonWriter& w, const WorkerNetAddress& a) {
  w.BeginObject();
  w.Key("containerHost");
  w.String(a.container_host);
  w.Key("dataPort");
  w.Int(a.data_port);
  w.Key("domainSocketPath");
  w.String(a.domain_socket_path);
  w.Key("host");
  w.String(a.host);
  if (a.rest_port != 0) {
    w.Key("restPort");
    w.Int(a.rest_port);
  }
  w.Key("rpcPort");
  w.Int(a.rpc_port);
  w.Key("tieredIdentity");
  w.BeginObject();
  w.Key("tiers");
  w.BeginArray();
  for (const TieredIdentityTier& t : a.tiered_identity) {
    w.BeginObject();
    w.Key("tierName");
    w.String(t.tier_name);
    w.Key("value");
    w.String(t.value);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  w.Key("webPort");
  w.Int(a.web_port);
  w.EndObject();
}

void WriteJson(JsonWriter& w, const FileInfo& info) {
  w.BeginObject();
  w.Key("acl");
  WriteAcl(w, info.owner, info.group, info.mode, /*with_entries=*/true);
  w.Key("blockIds");
  w.BeginArray();
  for (int64_t id : info.block_ids) w.Int(id);
  w.EndArray();
  w.Key("blockSizeBytes");
  w.Int(info.block_size_bytes);
  w.Key("cacheContext");
  w.Null();
  w.Key("cacheable");
  w.Bool(info.cacheable);
  w.Key("completed");
  w.Bool(info.completed);
  w.Key("creationTimeMs");
  w.Int(info.creation_time_ms);
  w.Key("defaultAcl");
  if (info.folder) {
    WriteAcl(w, info.owner, info.group, 0, /*with_entries=*/false);
  } else {
    WriteAcl(w, "", "", 0, /*with_entries=*/false);
  }
  w.Key("fileBlockInfos");
  w.BeginArray();
  for (const FileBlockInfo& fb : info.file_block_infos) {
    w.BeginObject();
    w.Key("blockInfo");
    w.BeginObject();
    w.Key("blockId");
    w.Int(fb.block_info.block_id);
    w.Key("length");
    w.Int(fb.block_info.length);
    w.Key("locations");
    w.BeginArray();
    for (const BlockLocation& l : fb.block_info.locations) {
      w.BeginObject();
      w.Key("mediumType");
      w.String(l.medium_type);
      w.Key("tierAlias");
      w.String(l.tier_alias);
      w.Key("workerAddress");
      WriteJson(w, l.worker_address);
      w.Key("workerId");
      w.Int(l.worker_id);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    w.Key("offset");
    w.Int(fb.offset);
    w.Key("ufsLocations");
    WriteStrings(w, fb.ufs_locations);
    w.EndObject();
  }
  w.EndArray();
  w.Key("fileId");
  w.Int(info.file_id);
  w.Key("folder");
  w.Bool(info.folder);
  w.Key("group");
  w.String(info.group);
  w.Key("inAlluxioPercentage");
  w.Int(info.in_alluxio_percentage);
  w.Key("inMemoryPercentage");
  w.Int(info.in_memory_percentage);
  w.Key("lastAccessTimeMs");
  w.Int(info.last_access_time_ms);
  w.Key("lastModificationTimeMs");
  w.Int(info.last_modification_time_ms);
  w.Key("length");
  w.Int(info.length);
  w.Key("mode");
  w.Int(info.mode);
  w.Key("mountId");
  w.Int(info.mount_id);
  w.Key("mountPoint");
  w.Bool(info.mount_point);
  w.Key("name");
  w.String(info.name);
  w.Key("owner");
  w.String(info.owner);
  w.Key("path");
  w.String(info.path);
  w.Key("persisted");
  w.Bool(info.persisted);
  w.Key("persistenceState");
  w.String(info.persistence_state);
  w.Key("pinned");
  w.Bool(info.pinned);
  w.Key("pinnedMediumTypes");
  WriteStrings(w, info.pinned_medium_types);
  w.Key("replicationMax");
  w.Int(info.replication_max);
  w.Key("replicationMin");
  w.Int(info.replication_min);
  w.Key("ttl");
  w.Int(info.ttl);
  w.Key("ttlAction");
  w.String(TtlActionName(info.ttl_action));
  w.Key("ufsFingerprint");
  w.String(info.ufs_fingerprint);
  w.Key("ufsPath");
  w.String(info.ufs_path);
  w.Key("xattr");
  if (info.xattr.empty()) {
    w.Null();
  } else {
    w.BeginObject();
    for (const auto& [name, bytes] : info.xattr) {
      w.Key(name);
      w.String(Base64Encode(bytes));
    }
    w.EndObject();
  }
  w.EndObject();
}

std::string FileInfoJsonText(const FileInfo& info) {
  std::string out;
  out.reserve(1024);
  JsonWriter w(&out);
  WriteJson(w, info);
  return out;
}

Result<FileInfo> FileInfoFromJson(const nlohmann::json& j) {
  FileInfo f;
  std::vector<Field> fields = {
      Required("fileId", &f.file_id),
      Required("name", &f.name),
      Required("path", &f.path),
      Required("ufsPath", &f.ufs_path),
      Required("length", &f.length),
      Required("blockSizeBytes", &f.block_size_bytes),
      Required("creationTimeMs", &f.creation_time_ms),
      Required("lastModificationTimeMs", &f.last_modification_time_ms),
      Bind("lastAccessTimeMs", &f.last_access_time_ms),
      Required("completed", &f.completed),
      Required("folder", &f.folder),
      Required("pinned", &f.pinned),
      Bind("pinnedMediumTypes", &f.pinned_medium_types),
      Required("cacheable", &f.cacheable),
      Required("persisted", &f.persisted),
      Required("persistenceState", &f.persistence_state),
      Required("blockIds", &f.block_ids),
      Require(ObjectArrayField("fileBlockInfos", &f.file_block_infos, FileBlockInfoFields, true)),
      Required("inMemoryPercentage", &f.in_memory_percentage),
      Bind("inAlluxioPercentage", &f.in_alluxio_percentage),
      Required("ttl", &f.ttl),
      Required("ttlAction", &f.ttl_action),
      Required("owner", &f.owner),
      Required("group", &f.group),
      Required("mode", &f.mode),
      Required("mountPoint", &f.mount_point),
      Bind("mountId", &f.mount_id),
      Bind("replicationMax", &f.replication_max),
      Bind("replicationMin", &f.replication_min),
      Bind("ufsFingerprint", &f.ufs_fingerprint),
      XattrField(&f.xattr),
      // Derived from owner, group and mode, or always empty: nothing to read.
      Ignored("acl", Kind::kObject),
      Ignored("defaultAcl", Kind::kObject),
      Ignored("cacheContext", Kind::kAny),
  };
  RETURN_IF_ERROR(ReadDocument(j, kKey, "FileInfo", fields, /*allow_unknown=*/true));
  return f;
}

// --- MountPointInfo --------------------------------------------------------------------------

void to_json(nlohmann::json& j, const MountPointInfo& m) {
  j = json{{"alluxioPath", m.alluxio_path},
           {"ufsUri", m.ufs_uri},
           {"ufsType", m.ufs_type},
           {"ufsCapacityBytes", m.ufs_capacity_bytes},
           {"ufsUsedBytes", m.ufs_used_bytes},
           {"readOnly", m.read_only},
           {"shared", m.shared},
           {"properties", m.properties},
           {"mountId", m.mount_id}};
}

Result<MountPointInfo> MountPointInfoFromJson(const nlohmann::json& j) {
  MountPointInfo m;
  std::vector<Field> fields = {
      Bind("alluxioPath", &m.alluxio_path),
      Required("ufsUri", &m.ufs_uri),
      Bind("ufsType", &m.ufs_type),
      Bind("ufsCapacityBytes", &m.ufs_capacity_bytes),
      Bind("ufsUsedBytes", &m.ufs_used_bytes),
      Bind("readOnly", &m.read_only),
      Bind("shared", &m.shared),
      Bind("properties", &m.properties),
      Bind("mountId", &m.mount_id),
  };
  RETURN_IF_ERROR(ReadDocument(j, kKey, "MountPointInfo", fields, /*allow_unknown=*/true));
  return m;
}

}  // namespace alluxio::wire
