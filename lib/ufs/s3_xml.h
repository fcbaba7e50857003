// Internal to lib/ufs: the XML documents (and dates) of the S3 REST API that the S3 connector
// reads and writes, parsed and built with pugixml. Element names are matched without their
// namespace, as S3 and S3-compatible servers differ in the namespace they declare.
//
// Parse functions return INVALID_ARGUMENT (with a short excerpt of the document) for XML that
// is malformed or lacks a required element. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/common/result.h"

namespace alluxio::ufs::s3xml {

// One object of a listing.
struct ListedObject {
  std::string key;
  int64_t size = 0;
  std::string etag;  // without the quotes
  int64_t last_modified_ms = 0;
};

// One page of ListObjectsV2 (ListBucketResult).
struct ListPage {
  std::vector<ListedObject> objects;
  std::vector<std::string> common_prefixes;
  bool truncated = false;
  std::string next_continuation_token;
};

// Keys and prefixes are URL-decoded when the response says <EncodingType>url</EncodingType>.
Result<ListPage> ParseListObjectsV2(std::string_view xml);

// The <Error> document S3 sends with failures (and, for CompleteMultipartUpload and copies,
// sometimes with a 200). nullopt when `xml` is not an <Error> document.
struct ErrorDocument {
  std::string code;     // "NoSuchKey", "SlowDown", ...
  std::string message;  // human-readable; never contains credentials
};
std::optional<ErrorDocument> ParseError(std::string_view xml);

// InitiateMultipartUploadResult -> UploadId.
Result<std::string> ParseUploadId(std::string_view xml);
// CopyObjectResult / CopyPartResult / CompleteMultipartUploadResult -> ETag (unquoted).
Result<std::string> ParseResultETag(std::string_view xml);

// DeleteResult: the keys that could not be deleted (quiet mode reports only those).
struct DeleteFailure {
  std::string key;
  std::string code;
  std::string message;
};
Result<std::vector<DeleteFailure>> ParseDeleteResult(std::string_view xml);

// AccessControlPolicy of a bucket: its owner and the permission bits (4 read, 2 write, 1
// "execute", i.e. listing, as Alluxio maps them) granted to the owner or to everyone.
struct BucketAcl {
  std::string owner_id;
  std::string owner_name;  // DisplayName, when the server gives one
  int owner_bits = 0;
};
Result<BucketAcl> ParseBucketAcl(std::string_view xml);

// <CompleteMultipartUpload> with parts 1..n carrying `etags` in order.
std::string CompleteMultipartUploadXml(const std::vector<std::string>& etags);
// <Delete><Quiet>true</Quiet><Object><Key>..</Key></Object>...</Delete>.
std::string DeleteObjectsXml(const std::vector<std::string>& keys);

// "2009-10-12T17:50:30.000Z" (listings) -> ms since the epoch; 0 when unparseable.
int64_t ParseIso8601Ms(std::string_view text);
// "Wed, 12 Oct 2009 17:50:00 GMT" (Last-Modified) -> ms since the epoch; 0 when unparseable.
int64_t ParseHttpDateMs(std::string_view text);
// Strips the quotes S3 puts around ETags.
std::string UnquoteETag(std::string_view etag);

}  // namespace alluxio::ufs::s3xml
