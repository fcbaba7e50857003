// ListObjects over the Alluxio namespace: the keys of a bucket (a directory tree) in S3's order
// (byte-wise), filtered by prefix, grouped by a delimiter into common prefixes, starting after a
// marker, cut at max-keys.
//
// Directories map to keys as S3 tools expect: a non-empty directory "a" is implied by its
// children ("a/x") and is no key of its own; an empty directory "a" lists as the key "a/" of
// size 0 (what PutObject of "a/" creates). Files still being written are not listed.
//
// Walks only what the request needs: with delimiter "/" it lists one directory level, and
// subtrees wholly before the marker or outside the prefix are never listed.
//
// Stateless; thread-safe as the FileSystem is.
#pragma once

#include <string>
#include <vector>

#include "lib/client/file_system.h"
#include "lib/common/result.h"
#include "server/proxy/s3_xml.h"

namespace alluxio::proxy {

struct ListObjectsRequest {
  std::string prefix;
  std::string delimiter;  // "" = no grouping
  std::string after;      // exclusive lower bound: marker, start-after or continuation token
  int max_keys = 1000;
};

struct ListObjectsResult {
  std::vector<ObjectEntry> contents;
  std::vector<std::string> common_prefixes;
  bool truncated = false;
  std::string last;  // the last key or common prefix returned: the next page's marker
};

// Lists the bucket whose directory is `bucket_path` ("/b"). A prefix naming no directory gives
// an empty result; errors of the file system (other than NOT_FOUND below the bucket) are
// returned.
Result<ListObjectsResult> ListObjects(client::FileSystem& fs, const std::string& bucket_path,
                                      const ListObjectsRequest& request);

}  // namespace alluxio::proxy
