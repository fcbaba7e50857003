#include "server/master/inode.h"

#include <limits>
#include <utility>

#include "lib/common/coding.h"
#include "lib/common/strings.h"

namespace alluxio::master {

std::string_view PersistenceStateName(PersistenceState state) {
  switch (state) {
    case PersistenceState::kNotPersisted:
      return "NOT_PERSISTED";
    case PersistenceState::kToBePersisted:
      return "TO_BE_PERSISTED";
    case PersistenceState::kPersisted:
      return "PERSISTED";
    case PersistenceState::kLost:
      return "LOST";
  }
  return "UNKNOWN";  // only reachable through a cast of an out-of-range value
}

std::optional<PersistenceState> ParsePersistenceState(std::string_view name) {
  for (auto state : {PersistenceState::kNotPersisted, PersistenceState::kToBePersisted,
                     PersistenceState::kPersisted, PersistenceState::kLost}) {
    if (name == PersistenceStateName(state)) return state;
  }
  return std::nullopt;
}

std::string_view TtlActionName(TtlAction action) {
  switch (action) {
    case TtlAction::kDelete:
      return "DELETE";
    case TtlAction::kFree:
      return "FREE";
    case TtlAction::kDeleteAlluxio:
      return "DELETE_ALLUXIO";
  }
  return "UNKNOWN";  // only reachable through a cast of an out-of-range value
}

std::optional<TtlAction> ParseTtlAction(std::string_view name) {
  for (auto action : {TtlAction::kDelete, TtlAction::kFree, TtlAction::kDeleteAlluxio}) {
    if (EqualsIgnoreCase(name, TtlActionName(action))) return action;
  }
  return std::nullopt;
}

namespace {

constexpr uint8_t kInodeFormatVersion = 1;

// Bits of the flags varint.
enum InodeFlag : uint64_t {
  kIsDirectory = 1 << 0,
  kPinned = 1 << 1,
  kCompleted = 1 << 2,
  kCacheable = 1 << 3,
  kMountPoint = 1 << 4,
  kDirectChildrenLoaded = 1 << 5,
  kAllFlags = (1 << 6) - 1,
};

// A new field in Inode must be encoded, decoded and round-tripped in inode_test.cc, and needs
// a new format version; this trips when the struct changes so that cannot be forgotten.
#if defined(__x86_64__) && defined(__GLIBCXX__)
static_assert(sizeof(Inode) == 368, "Inode changed: update EncodeInode/DecodeInode");
#endif

// Reads fields from the front of a record. Each method returns false on malformed input,
// consuming nothing more; `field()` names what failed for the error message.
class InodeReader {
 public:
  explicit InodeReader(std::string_view data) : in_(data) {}

  bool Int64(const char* field, int64_t* out) {
    field_ = field;
    std::optional<int64_t> v = GetVarsint64(&in_);
    if (!v) return false;
    *out = *v;
    return true;
  }
  bool Int32(const char* field, int32_t* out) {
    int64_t v;
    if (!Int64(field, &v)) return false;
    if (v < std::numeric_limits<int32_t>::min() || v > std::numeric_limits<int32_t>::max()) {
      return false;
    }
    *out = static_cast<int32_t>(v);
    return true;
  }
  bool Uint64(const char* field, uint64_t* out) {
    field_ = field;
    std::optional<uint64_t> v = GetVarint64(&in_);
    if (!v) return false;
    *out = *v;
    return true;
  }
  bool Bytes(const char* field, std::string* out) {
    field_ = field;
    std::optional<std::string_view> v = GetLengthPrefixed(&in_);
    if (!v) return false;
    out->assign(*v);
    return true;
  }
  bool Byte(const char* field, uint8_t* out) {
    field_ = field;
    if (in_.empty()) return false;
    *out = static_cast<uint8_t>(in_.front());
    in_.remove_prefix(1);
    return true;
  }
  // A list count. Every element takes at least one byte, so a count larger than what remains
  // is malformed; checking it here keeps a corrupt count from reserving gigabytes.
  bool Count(const char* field, size_t* out) {
    uint64_t n;
    if (!Uint64(field, &n) || n > in_.size()) return false;
    *out = static_cast<size_t>(n);
    return true;
  }

  bool AtEnd() {
    field_ = "end of record (trailing bytes)";
    return in_.empty();
  }
  const char* field() const { return field_; }

 private:
  std::string_view in_;
  const char* field_ = "version";
};

bool DecodeFields(InodeReader& r, Inode& inode) {
  uint64_t flags;
  uint8_t ttl_action;
  uint8_t persistence_state;
  size_t count;
  if (!r.Int64("id", &inode.id) || !r.Int64("parent_id", &inode.parent_id) ||
      !r.Bytes("name", &inode.name) || !r.Uint64("flags", &flags) || (flags & ~kAllFlags) != 0 ||
      !r.Int64("creation_time_ms", &inode.creation_time_ms) ||
      !r.Int64("last_modification_time_ms", &inode.last_modification_time_ms) ||
      !r.Int64("last_access_time_ms", &inode.last_access_time_ms) ||
      !r.Bytes("owner", &inode.owner) || !r.Bytes("group", &inode.group) ||
      !r.Int32("mode", &inode.mode) || !r.Count("pinned_media", &count)) {
    return false;
  }
  inode.is_directory = (flags & kIsDirectory) != 0;
  inode.pinned = (flags & kPinned) != 0;
  inode.completed = (flags & kCompleted) != 0;
  inode.cacheable = (flags & kCacheable) != 0;
  inode.mount_point = (flags & kMountPoint) != 0;
  inode.direct_children_loaded = (flags & kDirectChildrenLoaded) != 0;

  inode.pinned_media.resize(count);
  for (std::string& medium : inode.pinned_media) {
    if (!r.Bytes("pinned_media", &medium)) return false;
  }
  if (!r.Int64("ttl_ms", &inode.ttl_ms) || !r.Byte("ttl_action", &ttl_action) ||
      ttl_action > static_cast<uint8_t>(TtlAction::kDeleteAlluxio) ||
      !r.Byte("persistence_state", &persistence_state) ||
      persistence_state > static_cast<uint8_t>(PersistenceState::kLost) ||
      !r.Count("xattr", &count)) {
    return false;
  }
  inode.ttl_action = static_cast<TtlAction>(ttl_action);
  inode.persistence_state = static_cast<PersistenceState>(persistence_state);
  for (size_t i = 0; i < count; ++i) {
    std::string key;
    std::string value;
    if (!r.Bytes("xattr key", &key) || !r.Bytes("xattr value", &value)) return false;
    // Keys must arrive in strictly increasing order: one encoding per inode, no duplicates.
    if (!inode.xattr.empty() && !(inode.xattr.rbegin()->first < key)) return false;
    inode.xattr.emplace_hint(inode.xattr.end(), std::move(key), std::move(value));
  }
  if (!r.Int64("length", &inode.length) || !r.Int64("block_size_bytes", &inode.block_size_bytes) ||
      !r.Count("block_ids", &count)) {
    return false;
  }
  inode.block_ids.resize(count);
  for (int64_t& block_id : inode.block_ids) {
    if (!r.Int64("block_ids", &block_id)) return false;
  }
  return r.Int32("replication_max", &inode.replication_max) &&
         r.Int32("replication_min", &inode.replication_min) &&
         r.Int32("replication_durable", &inode.replication_durable) &&
         r.Bytes("ufs_fingerprint", &inode.ufs_fingerprint) &&
         r.Int64("persistence_wait_time_ms", &inode.persistence_wait_time_ms) &&
         r.Int64("child_count", &inode.child_count) &&
         r.Int64("last_sync_ms", &inode.last_sync_ms) && r.AtEnd();
}

}  // namespace

std::string EncodeInode(const Inode& inode) {
  std::string out;
  out.reserve(64 + inode.name.size() + inode.owner.size() + inode.group.size() +
              inode.ufs_fingerprint.size() + 2 * inode.block_ids.size());
  out.push_back(static_cast<char>(kInodeFormatVersion));
  PutVarsint64(&out, inode.id);
  PutVarsint64(&out, inode.parent_id);
  PutLengthPrefixed(&out, inode.name);
  uint64_t flags = 0;
  if (inode.is_directory) flags |= kIsDirectory;
  if (inode.pinned) flags |= kPinned;
  if (inode.completed) flags |= kCompleted;
  if (inode.cacheable) flags |= kCacheable;
  if (inode.mount_point) flags |= kMountPoint;
  if (inode.direct_children_loaded) flags |= kDirectChildrenLoaded;
  PutVarint64(&out, flags);
  PutVarsint64(&out, inode.creation_time_ms);
  PutVarsint64(&out, inode.last_modification_time_ms);
  PutVarsint64(&out, inode.last_access_time_ms);
  PutLengthPrefixed(&out, inode.owner);
  PutLengthPrefixed(&out, inode.group);
  PutVarsint64(&out, inode.mode);
  PutVarint64(&out, inode.pinned_media.size());
  for (const std::string& medium : inode.pinned_media) PutLengthPrefixed(&out, medium);
  PutVarsint64(&out, inode.ttl_ms);
  out.push_back(static_cast<char>(inode.ttl_action));
  out.push_back(static_cast<char>(inode.persistence_state));
  PutVarint64(&out, inode.xattr.size());
  for (const auto& [key, value] : inode.xattr) {
    PutLengthPrefixed(&out, key);
    PutLengthPrefixed(&out, value);
  }
  PutVarsint64(&out, inode.length);
  PutVarsint64(&out, inode.block_size_bytes);
  PutVarint64(&out, inode.block_ids.size());
  for (int64_t block_id : inode.block_ids) PutVarsint64(&out, block_id);
  PutVarsint64(&out, inode.replication_max);
  PutVarsint64(&out, inode.replication_min);
  PutVarsint64(&out, inode.replication_durable);
  PutLengthPrefixed(&out, inode.ufs_fingerprint);
  PutVarsint64(&out, inode.persistence_wait_time_ms);
  PutVarsint64(&out, inode.child_count);
  PutVarsint64(&out, inode.last_sync_ms);
  return out;
}

Result<Inode> DecodeInode(std::string_view data) {
  InodeReader reader(data);
  uint8_t version;
  if (!reader.Byte("version", &version)) {
    return Status::DataLoss("malformed inode record: empty");
  }
  if (version != kInodeFormatVersion) {
    return Status::DataLoss("malformed inode record: unknown format version " +
                            std::to_string(version));
  }
  Inode inode;
  if (!DecodeFields(reader, inode)) {
    return Status::DataLoss(std::string("malformed inode record: bad or truncated ") +
                            reader.field());
  }
  return inode;
}

}  // namespace alluxio::master
