// S3Authenticator: who an S3 request runs as (compat page §2.5).
//
// Authentication off (alluxio.s3.rest.authentication.enabled=false, Alluxio's default): the
// access key id of the request's credentials is the user and nothing is checked (AccessKeyId in
// s3_protocol.h); no credentials means the server's own user.
//
// Authentication on: every request must carry an AWS Signature Version 4 signature, in the
// Authorization header or as a presigned URL (X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date,
// X-Amz-Expires, X-Amz-SignedHeaders, X-Amz-Signature), made with a secret that
// alluxio.s3.rest.authentication.credentials knows for its access key id. The request is rebuilt
// as the client signed it (lib/ufs/sigv4.h, the signer the S3 under file system uses) and the
// signatures are compared in constant time. Errors, in S3's XML form:
//   no credentials, SigV2, an expired or not yet valid presigned URL   -> AccessDenied 403
//   an access key id not in the configuration                        -> InvalidAccessKeyId 403
//   a signature that does not match                                  -> SignatureDoesNotMatch 403
//   x-amz-date more than 15 minutes from the server's clock          -> RequestTimeTooSkewed 403
//   an unreadable Authorization header / presigned query  -> AuthorizationHeaderMalformed /
//                                                            AuthorizationQueryParametersError 400
// What the signature covers of the body is checked while it is read: a hex x-amz-content-sha256
// (Sha256CheckingReader, XAmzContentSHA256Mismatch) or, for STREAMING-AWS4-HMAC-SHA256-PAYLOAD,
// each chunk's signature (S3Identity::chunk_signing, AwsChunkedReader). UNSIGNED-PAYLOAD and
// STREAMING-UNSIGNED-PAYLOAD-TRAILER bodies are not covered, as in S3.
//
// Secrets are only ever HMAC keys; nothing here formats one into a message or a log line.
//
// Thread-safe (immutable after construction).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "lib/common/clock.h"
#include "lib/conf/configuration.h"
#include "lib/net/http_message.h"
#include "lib/ufs/sigv4.h"
#include "server/proxy/s3_chunked.h"
#include "server/proxy/s3_errors.h"

namespace alluxio::proxy {

struct S3AuthOptions {
  // alluxio.s3.rest.authentication.enabled: verify signatures.
  bool enabled = false;
  // alluxio.s3.rest.authentication.credentials: access key id -> secret access key.
  std::map<std::string, std::string> secrets;
  // Largest difference between x-amz-date and the server's clock (S3's 15 minutes).
  int64_t max_clock_skew_ms = 15 * 60 * 1000;
};

// Reads the two keys above. INVALID_ARGUMENT naming the key for a credentials entry that is not
// "<access key id>:<secret>", and when authentication is on but no credentials are configured.
Result<S3AuthOptions> S3AuthOptionsFromConfiguration(const conf::Configuration& conf);

// The outcome of a successful authentication.
struct S3Identity {
  std::string user;  // the access key id; "" = no credentials (authentication off only)
  // The hex SHA-256 the body must have (a verified header signature over a hashed payload).
  std::optional<std::string> payload_sha256;
  // Set for a verified STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER] body.
  std::optional<ChunkSigning> chunk_signing;
};

class S3Authenticator {
 public:
  // `clock` must outlive the authenticator.
  S3Authenticator(S3AuthOptions options, Clock* clock);

  // Who `req` runs as, or the S3 error listed above.
  S3Result<S3Identity> Authenticate(const net::HttpRequest& req) const;

  bool enabled() const { return options_.enabled; }

 private:
  S3Result<S3Identity> VerifyHeader(const net::HttpRequest& req, std::string_view auth) const;
  S3Result<S3Identity> VerifyPresigned(const net::HttpRequest& req) const;
  // The secret of `access_key_id`; InvalidAccessKeyId when unknown.
  S3Result<std::string> SecretOf(const std::string& access_key_id) const;

  const S3AuthOptions options_;
  Clock* const clock_;
};

// The parts of one SigV4 signature, from the Authorization header or the presigned query.
struct SigV4Parts {
  std::string access_key_id;
  std::string date;                         // of the credential scope, YYYYMMDD
  std::string region;                       // e.g. us-east-1
  std::string service;                      // s3
  std::vector<std::string> signed_headers;  // lower case, as listed
  std::string signature;                    // hex
};

// Parses "AWS4-HMAC-SHA256 Credential=<id>/<date>/<region>/<service>/aws4_request,
// SignedHeaders=a;b, Signature=<hex>". AuthorizationHeaderMalformed when a part is missing.
S3Result<SigV4Parts> ParseSigV4Authorization(std::string_view header);

// The signature `req` should carry under `secret`, given its parts and its x-amz-date: the
// canonical request rebuilt from the method, the path (as sent, and re-encoded the AWS way when
// that differs: either is accepted), the query (without X-Amz-Signature), the signed headers
// and `payload_hash`. Returns every candidate signature (one or two).
std::vector<std::string> ExpectedSignatures(const net::HttpRequest& req, const SigV4Parts& parts,
                                            std::string_view secret, std::string_view amz_date,
                                            std::string_view payload_hash);

// Passes a request body through while hashing it; at its end, DATA_LOSS unless the SHA-256 is
// `expected_hex` (the S3 service maps that to XAmzContentSHA256Mismatch). Not thread-safe.
class Sha256CheckingReader final : public net::BodyReader {
 public:
  // `raw` must outlive the reader.
  Sha256CheckingReader(net::BodyReader* raw, std::string expected_hex)
      : raw_(raw), expected_(std::move(expected_hex)) {}
  Result<size_t> Read(char* buf, size_t n) override;

 private:
  net::BodyReader* const raw_;
  const std::string expected_;
  ufs::sigv4::Sha256 sha_;
  bool done_ = false;
};

}  // namespace alluxio::proxy
