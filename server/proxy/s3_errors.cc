#include "server/proxy/s3_errors.h"

namespace alluxio::proxy {
namespace s3err {
namespace {
S3Error Make(int status, const char* code, std::string message) {
  return S3Error{status, code, std::move(message)};
}
}  // namespace

S3Error AccessDenied(std::string m) { return Make(403, "AccessDenied", std::move(m)); }
S3Error BadDigest(std::string m) { return Make(400, "BadDigest", std::move(m)); }
S3Error BucketAlreadyExists(std::string m) {
  return Make(409, "BucketAlreadyExists", std::move(m));
}
S3Error BucketNotEmpty(std::string m) { return Make(409, "BucketNotEmpty", std::move(m)); }
S3Error EntityTooSmall(std::string m) { return Make(400, "EntityTooSmall", std::move(m)); }
S3Error IncompleteBody(std::string m) { return Make(400, "IncompleteBody", std::move(m)); }
S3Error InternalError(std::string m) { return Make(500, "InternalError", std::move(m)); }
S3Error InvalidArgument(std::string m) { return Make(400, "InvalidArgument", std::move(m)); }
S3Error InvalidBucketName(std::string m) { return Make(400, "InvalidBucketName", std::move(m)); }
S3Error InvalidDigest(std::string m) { return Make(400, "InvalidDigest", std::move(m)); }
S3Error InvalidPart(std::string m) { return Make(400, "InvalidPart", std::move(m)); }
S3Error InvalidPartOrder(std::string m) { return Make(400, "InvalidPartOrder", std::move(m)); }
S3Error InvalidRange(std::string m) { return Make(416, "InvalidRange", std::move(m)); }
S3Error InvalidRequest(std::string m) { return Make(400, "InvalidRequest", std::move(m)); }
S3Error InvalidTag(std::string m) { return Make(400, "InvalidTag", std::move(m)); }
S3Error KeyTooLong(std::string m) { return Make(400, "KeyTooLongError", std::move(m)); }
S3Error MalformedXml(std::string m) { return Make(400, "MalformedXML", std::move(m)); }
S3Error MetadataTooLarge(std::string m) { return Make(400, "MetadataTooLarge", std::move(m)); }
S3Error MissingContentLength(std::string m) {
  return Make(411, "MissingContentLength", std::move(m));
}
S3Error NoSuchBucket(std::string m) { return Make(404, "NoSuchBucket", std::move(m)); }
S3Error NoSuchKey(std::string m) { return Make(404, "NoSuchKey", std::move(m)); }
S3Error NoSuchTagSet(std::string m) { return Make(404, "NoSuchTagSet", std::move(m)); }
S3Error NoSuchUpload(std::string m) { return Make(404, "NoSuchUpload", std::move(m)); }
S3Error NotImplemented(std::string m) { return Make(501, "NotImplemented", std::move(m)); }
S3Error PreconditionFailed(std::string m) { return Make(412, "PreconditionFailed", std::move(m)); }
S3Error AuthorizationHeaderMalformed(std::string m) {
  return Make(400, "AuthorizationHeaderMalformed", std::move(m));
}
S3Error AuthorizationQueryParametersError(std::string m) {
  return Make(400, "AuthorizationQueryParametersError", std::move(m));
}
S3Error InvalidAccessKeyId(std::string m) { return Make(403, "InvalidAccessKeyId", std::move(m)); }
S3Error RequestTimeTooSkewed(std::string m) {
  return Make(403, "RequestTimeTooSkewed", std::move(m));
}
S3Error SignatureDoesNotMatch(std::string m) {
  return Make(403, "SignatureDoesNotMatch", std::move(m));
}
S3Error XAmzContentSha256Mismatch(std::string m) {
  return Make(400, "XAmzContentSHA256Mismatch", std::move(m));
}
}  // namespace s3err

S3Error S3ErrorFromStatus(const Status& status, std::string_view not_found_code) {
  std::string message(status.message());
  switch (status.code()) {
    case StatusCode::kNotFound:
      return S3Error{404, std::string(not_found_code), std::move(message)};
    case StatusCode::kPermissionDenied:
    case StatusCode::kUnauthenticated:
      return s3err::AccessDenied(std::move(message));
    case StatusCode::kInvalidArgument:
      return s3err::InvalidArgument(std::move(message));
    case StatusCode::kAlreadyExists:
    case StatusCode::kFailedPrecondition:
      return s3err::InvalidRequest(std::move(message));
    case StatusCode::kOutOfRange:
      return s3err::InvalidRange(std::move(message));
    case StatusCode::kUnimplemented:
      return s3err::NotImplemented(std::move(message));
    case StatusCode::kUnavailable:
    case StatusCode::kDeadlineExceeded:
      return S3Error{503, "ServiceUnavailable", std::move(message)};
    default:
      return s3err::InternalError(std::move(message));
  }
}

}  // namespace alluxio::proxy
