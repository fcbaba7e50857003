#include "server/master/inode.h"

#include <catch2/catch.hpp>
#include <string>

#include "lib/common/coding.h"
#include "tests/unit/master/metastore_test_util.h"

namespace alluxio::master {
namespace {

using testing::FullInode;

bool IsDataLoss(const Result<Inode>& r) {
  return !r.ok() && r.status().code() == StatusCode::kDataLoss;
}

}  // namespace

TEST_CASE("an inode with every field set survives encode and decode unchanged", "[metastore]") {
  const Inode inode = FullInode(FileIdOfContainer(9));
  Result<Inode> decoded = DecodeInode(EncodeInode(inode));
  REQUIRE(decoded.ok());
  CHECK(*decoded == inode);
  // Spot checks, so a broken operator== cannot hide a dropped field.
  CHECK(decoded->name == std::string("na\0me/\xff", 7));
  CHECK(decoded->xattr.at("user.a") == std::string("\x00\x01\xff", 3));
  CHECK(decoded->ttl_action == TtlAction::kDeleteAlluxio);
  CHECK(decoded->persistence_state == PersistenceState::kToBePersisted);
  CHECK_FALSE(decoded->cacheable);
  CHECK(decoded->mount_point);
  CHECK(decoded->last_sync_ms == 1700000000789);
}

TEST_CASE("each bool of an inode round-trips on its own", "[metastore]") {
  bool Inode::*const flags[] = {&Inode::is_directory, &Inode::pinned,
                                &Inode::completed,    &Inode::cacheable,
                                &Inode::mount_point,  &Inode::direct_children_loaded};
  for (bool Inode::*flag : flags) {
    Inode inode;
    inode.*flag = !(inode.*flag);
    Result<Inode> decoded = DecodeInode(EncodeInode(inode));
    REQUIRE(decoded.ok());
    CHECK(*decoded == inode);
  }
}

TEST_CASE("a default inode and extreme integers round-trip", "[metastore]") {
  Inode root;  // the root: no parent, empty name
  Result<Inode> decoded = DecodeInode(EncodeInode(root));
  REQUIRE(decoded.ok());
  CHECK(*decoded == root);

  Inode extreme;
  extreme.id = std::numeric_limits<int64_t>::max();
  extreme.parent_id = std::numeric_limits<int64_t>::min();
  extreme.mode = std::numeric_limits<int32_t>::min();
  extreme.replication_max = std::numeric_limits<int32_t>::max();
  extreme.block_ids = {std::numeric_limits<int64_t>::min(), -1, 0};
  decoded = DecodeInode(EncodeInode(extreme));
  REQUIRE(decoded.ok());
  CHECK(*decoded == extreme);
}

TEST_CASE("every truncation of an encoded inode is DATA_LOSS", "[metastore]") {
  const std::string full = EncodeInode(FullInode(12345));
  for (size_t n = 0; n < full.size(); ++n) {
    INFO("truncated to " << n << " of " << full.size() << " bytes");
    // A copy of exactly n bytes, so an over-read is caught by the sanitizers.
    const std::string prefix = full.substr(0, n);
    CHECK(IsDataLoss(DecodeInode(prefix)));
  }
}

TEST_CASE("an unknown version, trailing bytes and out-of-range fields are DATA_LOSS",
          "[metastore]") {
  const std::string good = EncodeInode(Inode{});
  REQUIRE(DecodeInode(good).ok());

  std::string bad_version = good;
  bad_version[0] = 2;
  Result<Inode> r = DecodeInode(bad_version);
  CHECK(IsDataLoss(r));
  CHECK(r.status().message().find("version 2") != std::string_view::npos);

  CHECK(IsDataLoss(DecodeInode(good + "x")));

  // Hand-built records: version, id, parent, name, then the flags varint.
  auto prefix = [](uint64_t flags) {
    std::string s(1, '\x01');
    PutVarsint64(&s, 1);
    PutVarsint64(&s, 0);
    PutLengthPrefixed(&s, "n");
    PutVarint64(&s, flags);
    return s;
  };
  r = DecodeInode(prefix(1u << 6) + good.substr(prefix(0).size()));
  CHECK(IsDataLoss(r));
  CHECK(r.status().message().find("flags") != std::string_view::npos);

  // A list count far beyond the input must fail before allocating it.
  std::string huge_list = prefix(0);
  for (int i = 0; i < 3; ++i) PutVarsint64(&huge_list, 0);  // times
  PutLengthPrefixed(&huge_list, "o");
  PutLengthPrefixed(&huge_list, "g");
  PutVarsint64(&huge_list, 0755);
  PutVarint64(&huge_list, uint64_t{1} << 60);  // pinned_media count
  CHECK(IsDataLoss(DecodeInode(huge_list)));

  // An int32 field holding a value outside int32.
  std::string wide_mode = prefix(0);
  for (int i = 0; i < 3; ++i) PutVarsint64(&wide_mode, 0);
  PutLengthPrefixed(&wide_mode, "o");
  PutLengthPrefixed(&wide_mode, "g");
  PutVarsint64(&wide_mode, int64_t{1} << 40);
  PutVarint64(&wide_mode, 0);
  r = DecodeInode(wide_mode);
  CHECK(IsDataLoss(r));
  CHECK(r.status().message().find("mode") != std::string_view::npos);
}

TEST_CASE("an out-of-range enum or unsorted xattr in an inode record is DATA_LOSS", "[metastore]") {
  Inode inode;
  inode.ttl_action = TtlAction::kFree;                     // 1
  inode.persistence_state = PersistenceState::kPersisted;  // 2
  inode.xattr = {{"a", "1"}, {"b", "2"}};
  const std::string good = EncodeInode(inode);
  REQUIRE(DecodeInode(good).ok());

  // Locate the fields by their encoding: ttl action, persistence state, xattr count, "a".
  const std::string marker = std::string(
      "\x01\x02\x02\x01"
      "a",
      5);
  const size_t at = good.find(marker);
  REQUIRE(at != std::string::npos);
  REQUIRE(good.find(marker, at + 1) == std::string::npos);

  std::string bad = good;
  bad[at] = 3;  // no TtlAction 3
  CHECK(IsDataLoss(DecodeInode(bad)));
  bad = good;
  bad[at + 1] = 4;  // no PersistenceState 4
  CHECK(IsDataLoss(DecodeInode(bad)));
  bad = good;
  bad[at + 4] = 'b';  // xattr keys "b", "b": a duplicate
  CHECK(IsDataLoss(DecodeInode(bad)));
  bad[at + 4] = 'c';  // "c" before "b": out of order
  CHECK(IsDataLoss(DecodeInode(bad)));
}

TEST_CASE("decoding any single corrupted byte never crashes and fails only with DATA_LOSS",
          "[metastore]") {
  const std::string good = EncodeInode(FullInode(99));
  for (size_t i = 0; i < good.size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      std::string bad = good;
      bad[i] = static_cast<char>(bad[i] ^ (1 << bit));
      Result<Inode> r = DecodeInode(bad);
      if (!r.ok()) {
        INFO("byte " << i << " bit " << bit);
        CHECK(r.status().code() == StatusCode::kDataLoss);
      } else {
        CHECK(EncodeInode(*r) == bad);  // what decodes is canonical
      }
    }
  }
  CHECK(IsDataLoss(DecodeInode("")));
}

TEST_CASE("a block id names its file and index", "[metastore]") {
  const int64_t file_id = FileIdOfContainer(5);
  CHECK(file_id == (int64_t{5} << 24 | 0xFFFFFF));
  CHECK(ContainerIdOf(file_id) == 5);
  CHECK(BlockIdOf(file_id, 0) == int64_t{5} << 24);
  CHECK(BlockIdOf(file_id, 3) == (int64_t{5} << 24 | 3));
  CHECK(FileIdOfBlock(BlockIdOf(file_id, 3)) == file_id);
  CHECK(FileIdOfBlock(BlockIdOf(file_id, kMaxBlockSequence - 1)) == file_id);
  CHECK(ContainerIdOf(BlockIdOf(file_id, 7)) == 5);
  CHECK(FileIdOfBlock(BlockIdOf(FileIdOfContainer(6), 0)) != file_id);
}

TEST_CASE("persistence states and ttl actions have Alluxio's names and parse back", "[metastore]") {
  CHECK(PersistenceStateName(PersistenceState::kNotPersisted) == "NOT_PERSISTED");
  CHECK(PersistenceStateName(PersistenceState::kToBePersisted) == "TO_BE_PERSISTED");
  CHECK(PersistenceStateName(PersistenceState::kPersisted) == "PERSISTED");
  CHECK(PersistenceStateName(PersistenceState::kLost) == "LOST");
  for (auto s : {PersistenceState::kNotPersisted, PersistenceState::kToBePersisted,
                 PersistenceState::kPersisted, PersistenceState::kLost}) {
    CHECK(ParsePersistenceState(PersistenceStateName(s)) == s);
  }
  CHECK_FALSE(ParsePersistenceState("persisted").has_value());
  CHECK_FALSE(ParsePersistenceState("").has_value());

  CHECK(TtlActionName(TtlAction::kDelete) == "DELETE");
  CHECK(TtlActionName(TtlAction::kFree) == "FREE");
  CHECK(TtlActionName(TtlAction::kDeleteAlluxio) == "DELETE_ALLUXIO");
  CHECK(ParseTtlAction("delete") == TtlAction::kDelete);
  CHECK(ParseTtlAction("Free") == TtlAction::kFree);
  CHECK(ParseTtlAction("DELETE_ALLUXIO") == TtlAction::kDeleteAlluxio);
  CHECK(ParseTtlAction("delete_alluxio") == TtlAction::kDeleteAlluxio);
  CHECK_FALSE(ParseTtlAction("DELETEALLUXIO").has_value());
  CHECK_FALSE(ParseTtlAction("").has_value());
}

}  // namespace alluxio::master
