// Helpers shared by the metastore tests: a temporary directory and sample inodes.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <string>
#include <system_error>

#include "server/master/inode.h"
#include "tests/unit/temp_dir.h"

namespace alluxio::master::testing {

using ::alluxio::testing::TempDir;

// An inode with every field set to a value other than its default, so a field that a store
// or the encoding drops shows up in a comparison.
inline Inode FullInode(int64_t id) {
  Inode inode;
  inode.id = id;
  inode.parent_id = 7;
  inode.name = std::string("na\0me/\xff", 7);
  inode.is_directory = true;
  inode.creation_time_ms = 1700000000123;
  inode.last_modification_time_ms = 1700000000456;
  inode.last_access_time_ms = -5;
  inode.owner = "alice";
  inode.group = "staff";
  inode.mode = 0755;
  inode.pinned = true;
  inode.pinned_media = {"MEM", "SSD"};
  inode.ttl_ms = 86400000;
  inode.ttl_action = TtlAction::kDeleteAlluxio;
  inode.persistence_state = PersistenceState::kToBePersisted;
  inode.xattr = {{"user.a", std::string("\x00\x01\xff", 3)}, {"user.b", ""}};
  inode.length = (int64_t{1} << 40) + 3;
  inode.block_size_bytes = 64 << 20;
  inode.completed = true;
  inode.cacheable = false;
  inode.block_ids = {BlockIdOf(FileIdOfContainer(9), 0), BlockIdOf(FileIdOfContainer(9), 1)};
  inode.replication_max = 3;
  inode.replication_min = 1;
  inode.replication_durable = 2;
  inode.ufs_fingerprint = "TYPE|FILE|UFS|local|OWNER|alice|CONTENT_HASH|abc";
  inode.persistence_wait_time_ms = 1000;
  inode.child_count = 42;
  inode.mount_point = true;
  inode.direct_children_loaded = true;
  inode.last_sync_ms = 1700000000789;
  return inode;
}

// A small inode: a file named `name` under `parent_id`.
inline Inode FileInode(int64_t id, int64_t parent_id, std::string name, int64_t length = 0) {
  Inode inode;
  inode.id = id;
  inode.parent_id = parent_id;
  inode.name = std::move(name);
  inode.length = length;
  return inode;
}

}  // namespace alluxio::master::testing
