// S3Error and S3Status: an S3 error as clients see it (code name, HTTP status, message), and the
// mapping from Alluxio's Status to it. Handlers of the S3 API return S3Status; the service turns
// a failure into S3's XML error body (s3_xml.h).
//
// Plain values; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "lib/common/status.h"

namespace alluxio::proxy {

struct S3Error {
  int http_status = 500;
  std::string code;  // S3's code name, e.g. "NoSuchKey"
  std::string message;
};

// The S3 errors the API answers, with S3's HTTP statuses.
namespace s3err {
S3Error AccessDenied(std::string message);
S3Error BadDigest(std::string message);
S3Error BucketAlreadyExists(std::string message);
S3Error BucketNotEmpty(std::string message);
S3Error EntityTooSmall(std::string message);
S3Error IncompleteBody(std::string message);
S3Error InternalError(std::string message);
S3Error InvalidArgument(std::string message);
S3Error InvalidBucketName(std::string message);
S3Error InvalidDigest(std::string message);
S3Error InvalidPart(std::string message);
S3Error InvalidPartOrder(std::string message);
S3Error InvalidRange(std::string message);
S3Error InvalidRequest(std::string message);
S3Error InvalidTag(std::string message);
S3Error KeyTooLong(std::string message);
S3Error MalformedXml(std::string message);
S3Error MetadataTooLarge(std::string message);
S3Error MissingContentLength(std::string message);
S3Error NoSuchBucket(std::string message);
S3Error NoSuchKey(std::string message);
S3Error NoSuchTagSet(std::string message);
S3Error NoSuchUpload(std::string message);
S3Error NotImplemented(std::string message);
S3Error PreconditionFailed(std::string message);
S3Error AuthorizationHeaderMalformed(std::string message);
// Authentication (alluxio.s3.rest.authentication.enabled, s3_auth.h).
S3Error AuthorizationQueryParametersError(std::string message);  // 400
S3Error InvalidAccessKeyId(std::string message);                 // 403
S3Error RequestTimeTooSkewed(std::string message);               // 403
S3Error SignatureDoesNotMatch(std::string message);              // 403
S3Error XAmzContentSha256Mismatch(std::string message);          // 400
}  // namespace s3err

// OK, or one S3Error. Cheap when OK.
class [[nodiscard]] S3Status {
 public:
  S3Status() = default;
  S3Status(S3Error error) : error_(std::move(error)) {}  // NOLINT: implicit on purpose
  static S3Status OK() { return S3Status(); }

  bool ok() const { return !error_.has_value(); }
  const S3Error& error() const { return *error_; }

 private:
  std::optional<S3Error> error_;
};

// A value or an S3Error.
template <typename T>
class [[nodiscard]] S3Result {
 public:
  S3Result(T value) : v_(std::move(value)) {}        // NOLINT: implicit on purpose
  S3Result(S3Error error) : v_(std::move(error)) {}  // NOLINT: implicit on purpose

  bool ok() const { return std::holds_alternative<T>(v_); }
  const S3Error& error() const { return std::get<S3Error>(v_); }
  S3Status status() const { return ok() ? S3Status() : S3Status(error()); }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, S3Error> v_;
};

// Maps an Alluxio Status (not OK) to an S3 error: NOT_FOUND -> 404 with `not_found_code`
// (NoSuchKey, NoSuchBucket, NoSuchUpload), PERMISSION_DENIED / UNAUTHENTICATED -> AccessDenied,
// INVALID_ARGUMENT -> InvalidArgument, ALREADY_EXISTS / FAILED_PRECONDITION -> InvalidRequest,
// OUT_OF_RANGE -> InvalidRange, UNIMPLEMENTED -> NotImplemented, UNAVAILABLE /
// DEADLINE_EXCEEDED -> 503 ServiceUnavailable (SDKs retry it), anything else -> InternalError.
// The message is the Status's message.
S3Error S3ErrorFromStatus(const Status& status, std::string_view not_found_code = "NoSuchKey");

}  // namespace alluxio::proxy
