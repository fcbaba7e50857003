// Inode: the master's record of one file or directory, as stored in the metastore.
//
// Plain data; not thread-safe by itself (the inode tree guards access). Block ids follow
// Alluxio: a file's id is (container_id << 24) | 0xFFFFFF and its i-th block is
// (container_id << 24) | i, so a block id names its file.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/common/result.h"
#include "lib/wire/block_id.h"

namespace alluxio::master {

enum class PersistenceState : uint8_t {
  kNotPersisted = 0,
  kToBePersisted = 1,
  kPersisted = 2,
  kLost = 3
};
enum class TtlAction : uint8_t { kDelete = 0, kFree = 1, kDeleteAlluxio = 2 };

// Alluxio's names: NOT_PERSISTED, TO_BE_PERSISTED, PERSISTED, LOST (parsing is exact, as
// Alluxio's PersistenceState.valueOf).
std::string_view PersistenceStateName(PersistenceState state);
std::optional<PersistenceState> ParsePersistenceState(std::string_view name);
// DELETE, FREE, DELETE_ALLUXIO (parsing is case-insensitive).
std::string_view TtlActionName(TtlAction action);
std::optional<TtlAction> ParseTtlAction(std::string_view name);

using wire::BlockIdOf;
using wire::ContainerIdOf;
using wire::FileIdOfBlock;
using wire::FileIdOfContainer;
using wire::kBlockSequenceBits;
using wire::kMaxBlockSequence;

struct Inode {
  int64_t id = 0;
  int64_t parent_id = -1;  // -1 for the root
  std::string name;        // "" for the root
  bool is_directory = false;
  int64_t creation_time_ms = 0;
  int64_t last_modification_time_ms = 0;
  int64_t last_access_time_ms = 0;
  std::string owner;
  std::string group;
  int32_t mode = 0;  // permission bits, e.g. 0755
  bool pinned = false;
  std::vector<std::string> pinned_media;
  int64_t ttl_ms = -1;  // -1 = none; expiry at creation_time_ms + ttl_ms
  TtlAction ttl_action = TtlAction::kDelete;
  PersistenceState persistence_state = PersistenceState::kNotPersisted;
  std::map<std::string, std::string> xattr;  // values are raw bytes

  // Files.
  int64_t length = 0;
  int64_t block_size_bytes = 0;
  bool completed = false;
  bool cacheable = true;
  std::vector<int64_t> block_ids;
  int32_t replication_max = -1;
  int32_t replication_min = 0;
  int32_t replication_durable = 1;
  std::string ufs_fingerprint;           // UFS content hash when last synced or persisted
  int64_t persistence_wait_time_ms = 0;  // ASYNC_THROUGH: wait before scheduling

  // Directories.
  int64_t child_count = 0;  // what FileInfo reports as a directory's length
  bool mount_point = false;
  bool direct_children_loaded = false;  // children listed from the UFS at least once
  int64_t last_sync_ms = 0;             // last metadata sync of this path with the UFS (0 = never)

  bool operator==(const Inode&) const = default;
};

// Versioned binary encoding for the metastore. Decode fails with DATA_LOSS on a malformed
// or unknown-version record.
//
// Format (version 1): one version byte (1), then every field above in declaration order,
// except the six bools, which travel together as one varint of flag bits right after `name`.
// Integers are zigzag varints, strings length-prefixed (varint length, then bytes), the two
// enums one byte each, lists a varint count then the elements, xattr in key order. Decode is
// strict: it rejects unknown flag bits, out-of-range enums and int32 fields, unsorted or
// duplicate xattr keys, and trailing bytes, so every valid record has exactly one encoding and
// any truncation of a record fails. A new field means a new version; Decode keeps reading
// the old ones.
std::string EncodeInode(const Inode& inode);
Result<Inode> DecodeInode(std::string_view data);

}  // namespace alluxio::master
