// The XML documents of the S3 API (namespace http://s3.amazonaws.com/doc/2006-03-01/), written
// and read with pugixml: the error body, the results of listings, multipart uploads, copies,
// deletes and tagging, and the request bodies the API accepts (CompleteMultipartUpload, Delete,
// Tagging).
//
// Pure functions of plain values; thread-safe. ETags are passed unquoted; the writers quote them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lib/wire/fs_types.h"
#include "server/proxy/s3_errors.h"
#include "server/proxy/s3_protocol.h"

namespace alluxio::proxy {

// <Error><Code/><Message/><Resource/><RequestId/></Error>
std::string ErrorXml(const S3Error& error, std::string_view resource, std::string_view request_id);

struct BucketEntry {
  std::string name;
  int64_t creation_ms = 0;
};
// ListAllMyBucketsResult; `owner` is the caller's user name (may be empty).
std::string ListBucketsXml(std::string_view owner, const std::vector<BucketEntry>& buckets);

struct ObjectEntry {
  std::string key;
  int64_t last_modified_ms = 0;
  int64_t size = 0;
  std::string etag;     // unquoted; "" when unknown (objects written by other clients)
  std::string owner;    // written only when the listing asks for owners
  wire::FileInfo info;  // the listed inode (not written), for looking up the ETag
};

// One page of ListObjects (v1) or ListObjectsV2, as ListBucketResult. With encoding_type "url"
// the keys, prefixes, delimiter and markers are percent-encoded ('/' kept), as SDKs that send
// encoding-type=url expect.
struct ListObjectsPage {
  bool v2 = false;
  std::string bucket;
  std::string prefix;
  std::string delimiter;
  std::string encoding_type;  // "" or "url"
  int max_keys = 1000;
  bool truncated = false;
  bool fetch_owner = false;             // v1 always lists owners; v2 only with fetch-owner=true
  std::string marker;                   // v1
  std::string next_marker;              // v1, written when truncated
  std::string continuation_token;       // v2, echoed when the request had one
  std::string next_continuation_token;  // v2, written when truncated
  std::string start_after;              // v2, echoed when the request had one
  std::vector<ObjectEntry> contents;
  std::vector<std::string> common_prefixes;
};
std::string ListObjectsXml(const ListObjectsPage& page);

std::string InitiateMultipartUploadXml(std::string_view bucket, std::string_view key,
                                       std::string_view upload_id);
std::string CompleteMultipartUploadXml(std::string_view location, std::string_view bucket,
                                       std::string_view key, std::string_view etag);
// CopyObjectResult or CopyPartResult (`root`).
std::string CopyResultXml(std::string_view root, std::string_view etag, int64_t last_modified_ms);

struct DeleteError {
  std::string key;
  std::string code;
  std::string message;
};
// DeleteResult; quiet mode passes no `deleted` keys.
std::string DeleteResultXml(const std::vector<std::string>& deleted,
                            const std::vector<DeleteError>& errors);

struct PartEntry {
  int number = 0;
  int64_t last_modified_ms = 0;
  std::string etag;  // unquoted
  int64_t size = 0;
};
struct ListPartsPage {
  std::string bucket;
  std::string key;
  std::string upload_id;
  std::string owner;
  int part_number_marker = 0;
  int next_part_number_marker = 0;
  int max_parts = 1000;
  bool truncated = false;
  std::vector<PartEntry> parts;
};
std::string ListPartsXml(const ListPartsPage& page);

struct UploadEntry {
  std::string key;
  std::string upload_id;
  std::string owner;
  int64_t initiated_ms = 0;
};
struct ListUploadsPage {
  std::string bucket;
  std::string prefix;
  std::string delimiter;
  std::string key_marker;
  std::string upload_id_marker;
  std::string next_key_marker;
  std::string next_upload_id_marker;
  std::string encoding_type;
  int max_uploads = 1000;
  bool truncated = false;
  std::vector<UploadEntry> uploads;
  std::vector<std::string> common_prefixes;
};
std::string ListMultipartUploadsXml(const ListUploadsPage& page);

// Tagging/TagSet/Tag{Key,Value}, in key order.
std::string TaggingXml(const TagSet& tags);
// GetBucketLocation: an empty LocationConstraint (us-east-1).
std::string LocationConstraintXml();
// GetBucketVersioning of a bucket that never had versioning: an empty VersioningConfiguration.
std::string VersioningConfigurationXml();

// CompleteMultipartUpload request body: the parts in request order, ETags unquoted.
// MalformedXML for unparsable XML, a wrong root, a part without a number or ETag, or no parts.
struct CompletedPart {
  int number = 0;
  std::string etag;
};
S3Result<std::vector<CompletedPart>> ParseCompleteMultipartUpload(std::string_view body);

// DeleteObjects request body. MalformedXML for unparsable XML, a wrong root, an object without
// a key, no objects or more than 1000.
struct DeleteRequest {
  bool quiet = false;
  std::vector<std::string> keys;
};
S3Result<DeleteRequest> ParseDeleteRequest(std::string_view body);

// PutObjectTagging / PutBucketTagging request body. MalformedXML for unparsable XML or a wrong
// root; InvalidTag for a repeated key.
S3Result<TagSet> ParseTagging(std::string_view body);

}  // namespace alluxio::proxy
