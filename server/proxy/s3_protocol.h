// Pieces of the S3 protocol that need no file system: MD5 and hex, S3's date formats, Range
// headers, the access key id of a request's credentials, continuation tokens, tag sets from the
// x-amz-tagging header, and the rules for bucket names and object keys.
//
// Pure functions and one small RAII class (Md5); thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "lib/common/result.h"
#include "lib/net/http_message.h"
#include "server/proxy/s3_errors.h"

namespace alluxio::proxy {

// Incremental MD5 (OpenSSL EVP). Not thread-safe; one digest per object.
class Md5 {
 public:
  Md5();
  ~Md5();
  Md5(const Md5&) = delete;
  Md5& operator=(const Md5&) = delete;

  void Update(std::string_view data);
  // The 16 raw digest bytes. Call once; Update after Finish is a bug.
  std::string Finish();

 private:
  struct Ctx;
  std::unique_ptr<Ctx> ctx_;
};

// MD5 of `data` in lower-case hex.
std::string Md5Hex(std::string_view data);
// Lower-case hex of `bytes`.
std::string HexEncode(std::string_view bytes);
// Bytes of hex text (either case); nullopt for odd lengths or non-hex characters.
std::optional<std::string> HexDecode(std::string_view hex);

// "2024-01-02T03:04:05.000Z" (S3's XML timestamps), UTC.
std::string FormatIso8601(int64_t epoch_ms);
// "Tue, 02 Jan 2024 03:04:05 GMT" (HTTP dates: Last-Modified), UTC.
std::string FormatHttpDate(int64_t epoch_ms);
// Parses an HTTP date (RFC 1123) or an ISO 8601 UTC timestamp into epoch milliseconds.
std::optional<int64_t> ParseHttpDate(std::string_view text);

// A satisfiable byte range of an object: bytes first..last, inclusive.
struct ByteRange {
  int64_t first = 0;
  int64_t last = 0;
  int64_t length() const { return last - first + 1; }
};

enum class RangeKind {
  kNone,           // no Range header, or one S3 ignores (malformed, several ranges)
  kSatisfiable,    // `range` holds the bytes to send (206)
  kUnsatisfiable,  // starts past the end, or a zero-length suffix (416 InvalidRange)
};

struct RangeSpec {
  RangeKind kind = RangeKind::kNone;
  ByteRange range;
};

// Interprets a Range header ("bytes=0-99", "bytes=100-", "bytes=-100") against an object of
// `size` bytes, as S3 does: the end is clamped to the object, a malformed or multi-range header
// is ignored (the whole object is sent).
RangeSpec ParseRange(std::string_view header, int64_t size);

enum class Precondition {
  kPass,
  kNotModified,  // GET/HEAD answer 304
  kFailed,       // 412 PreconditionFailed
};
// Evaluates If-Match, If-Unmodified-Since, If-None-Match and If-Modified-Since, in RFC 7232's
// order, against an object's ETag (unquoted; "" when unknown) and modification time. `prefix`
// selects CopyObject's variants ("x-amz-copy-source-if-match", ...). Unparsable dates are
// ignored, as S3 does.
Precondition EvaluatePreconditions(const net::Headers& headers, std::string_view etag,
                                   int64_t mtime_ms, std::string_view prefix = "");

// The access key id in the request's credentials, which the API takes as the user name:
// SigV4 "AWS4-HMAC-SHA256 Credential=<id>/<date>/<region>/s3/aws4_request, ...", SigV2
// "AWS <id>:<signature>", or the presigned forms (X-Amz-Credential, AWSAccessKeyId query
// parameters). Empty when the request carries no credentials. AuthorizationHeaderMalformed when
// an Authorization header is present but unreadable, or the id has characters a user name
// cannot have.
S3Result<std::string> AccessKeyId(const net::HttpRequest& req);

// ListObjectsV2 continuation tokens: opaque to clients, the last key (or common prefix) of the
// previous page, hex-encoded. Decode returns nullopt for a token we did not issue.
std::string EncodeContinuationToken(std::string_view key);
std::optional<std::string> DecodeContinuationToken(std::string_view token);

using TagSet = std::map<std::string, std::string>;

// The tags of an x-amz-tagging header ("k1=v1&k2=v2", form-encoded). InvalidTag for a
// repeated key.
S3Result<TagSet> ParseTaggingHeader(std::string_view header);
// S3's limits when `restrictions` is on: at most 10 tags, keys 1..128 and values up to 256
// characters. InvalidTag otherwise.
S3Status ValidateTags(const TagSet& tags, bool restrictions);

// The name of the hidden top-level directory holding the API's own state (multipart uploads,
// object metadata). Never a bucket.
inline constexpr std::string_view kS3MetadataDirName = ".alluxio_s3_api_metadata";

// InvalidBucketName for names that cannot be a top-level directory ("", ".", "..", names with
// '/' or NUL, the metadata directory), and, when `strict`, for names breaking AWS's rules
// (3..63 characters of a-z 0-9 . -, starting and ending with a letter or digit, no "..",
// not an IP address, no "xn--" prefix or "-s3alias" suffix).
S3Status ValidateBucketName(std::string_view name, bool strict);

// The Alluxio path of `key` in `bucket`: "/<bucket>/<key>", without a trailing slash.
// KeyTooLongError past 1024 bytes; InvalidArgument for an empty key, a NUL byte, or a "." or
// ".." component (such a key could name a path outside its bucket or alias another key).
S3Result<std::string> ObjectPath(std::string_view bucket, std::string_view key);

}  // namespace alluxio::proxy
