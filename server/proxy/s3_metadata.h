// ObjectMeta and ObjectMetaStore: what S3 keeps about an object besides its bytes (ETag,
// Content-Type and the other stored system headers, x-amz-meta-* user metadata, tags), and
// where the S3 API keeps it.
//
// Where: the master does not yet let a client set extended attributes (CreateFileOptions and
// SetAttributeOptions carry no xattr), so the metadata lives in a hidden sidecar file per
// inode, "/.alluxio_s3_api_metadata/objects/<file id>", holding a small JSON document that
// also records the inode's length and creation time. A sidecar whose record does not match the
// inode (a stale one) is ignored, so metadata can never attach to the wrong object: file ids are
// never reused while the sidecar naming them exists, and an overwritten object is a new inode.
// Metadata follows an object through an Alluxio rename (same inode). When the master's FileInfo
// carries the xattrs s3_etag / s3_content_type / s3_tags (Alluxio's names), those win.
//
// Sidecars are read through an LRU cache keyed by file id; entries expire after
// `cache_ttl_ms`, so changes made by another proxy show up eventually.
//
// Thread-safe.
#pragma once

#include <cstdint>
#include <list>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "lib/client/file_system.h"
#include "lib/common/clock.h"
#include "lib/net/http_message.h"
#include "server/proxy/s3_errors.h"
#include "server/proxy/s3_protocol.h"

namespace alluxio::proxy {

struct ObjectMeta {
  std::string etag;          // unquoted: "<md5 hex>" or "<md5 of part md5s>-<parts>"; "" unknown
  std::string content_type;  // "" = application/octet-stream
  // Other system headers S3 stores and returns: Cache-Control, Content-Disposition,
  // Content-Encoding (without aws-chunked), Content-Language, Expires. Canonical names.
  std::map<std::string, std::string> headers;
  std::map<std::string, std::string> user;  // x-amz-meta-<name> (lower case) -> value
  TagSet tags;

  bool operator==(const ObjectMeta&) const = default;
};

// The metadata a PutObject / CreateMultipartUpload / CopyObject (REPLACE) request sets: its
// Content-Type, stored system headers and x-amz-meta-* headers (ETag and tags excluded).
// MetadataTooLarge when the user metadata exceeds `max_user_bytes` (names plus values; 0 = no
// limit).
S3Result<ObjectMeta> MetaFromRequestHeaders(const net::Headers& headers, int64_t max_user_bytes);
// Adds the object headers of `meta` to a GET/HEAD response: ETag, Content-Type, the stored
// system headers, x-amz-meta-* and, when there are tags, x-amz-tagging-count.
void AddMetaResponseHeaders(const ObjectMeta& meta, net::Headers& headers);

// JSON of a sidecar record (exposed for tests).
std::string ObjectMetaToJson(const ObjectMeta& meta, int64_t file_id, int64_t length,
                             int64_t creation_ms);
struct SidecarRecord {
  ObjectMeta meta;
  int64_t file_id = 0;
  int64_t length = 0;
  int64_t creation_ms = 0;
};
Result<SidecarRecord> ObjectMetaFromJson(std::string_view json);

class ObjectMetaStore {
 public:
  struct Options {
    std::string root = "/.alluxio_s3_api_metadata/objects";
    wire::WriteType write_type = wire::WriteType::kCacheThrough;
    size_t cache_entries = 100'000;
    int64_t cache_ttl_ms = 60'000;
  };

  // `fs` acts as the proxy itself and must outlive the store, as must `clock`.
  ObjectMetaStore(Options options, client::FileSystem* fs, Clock* clock);

  // The metadata of `info` (an object, or a bucket's directory for bucket tags); empty when none
  // is kept or the sidecar is stale or unreadable.
  ObjectMeta Get(const wire::FileInfo& info);
  // Get without blocking: nullopt when the sidecar would have to be read.
  std::optional<ObjectMeta> TryGet(const wire::FileInfo& info);
  // Stores `meta` for `info`, replacing what was there.
  Status Put(const wire::FileInfo& info, const ObjectMeta& meta);
  // Forgets the metadata of inode `file_id` (best effort; a missing sidecar is fine).
  void Remove(int64_t file_id);

 private:
  struct Entry {
    int64_t length = 0;
    int64_t creation_ms = 0;
    ObjectMeta meta;
    int64_t loaded_ms = 0;
    std::list<int64_t>::iterator lru;
  };

  std::string SidecarPath(int64_t file_id) const;
  std::optional<ObjectMeta> Cached(const wire::FileInfo& info);
  void Remember(const wire::FileInfo& info, const ObjectMeta& meta);
  void Forget(int64_t file_id);

  // Immutable after construction.
  const Options options_;
  client::FileSystem* const fs_;
  Clock* const clock_;

  std::mutex mu_;
  std::unordered_map<int64_t, Entry> cache_;  // guarded by mu_
  std::list<int64_t> lru_;                    // guarded by mu_; front = most recent
};

}  // namespace alluxio::proxy
