// AWS Signature Version 4: the canonical request, the string to sign, the signing key and the
// Authorization header, exactly as AWS specifies them (docs.aws.amazon.com, "Create a signed AWS
// API request"), with OpenSSL's SHA-256 and HMAC.
//
// The signer is pure: it signs what it is given and adds no header of its own, so the caller
// decides which headers are signed (at least `host` and `x-amz-date`; for S3 also
// `x-amz-content-sha256`). It does not normalise the path: `canonical_uri` is used as given,
// already URI-encoded, which is what S3 expects (S3 paths are encoded once and never
// normalised; other services want "." and ".." resolved and a second encoding, which nothing in
// this project needs).
//
// Secrets: the secret key is only ever an HMAC key here; nothing in this file formats it into
// a string. Credentials' operator<< does not exist on purpose.
//
// The same functions verify: the S3 API (server/proxy/s3_auth.h) rebuilds the request a client
// signed and compares signatures, and checks aws-chunked chunk signatures with ChunkSignature.
//
// Pure functions (and one small RAII hasher, Sha256); thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace alluxio::ufs::sigv4 {

// x-amz-content-sha256 for a body that is streamed and not hashed.
inline constexpr std::string_view kUnsignedPayload = "UNSIGNED-PAYLOAD";
// SHA-256 of the empty string, in hex.
inline constexpr std::string_view kEmptyPayloadSha256 =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

struct Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  // Temporary credentials only; sent as x-amz-security-token when set.
  std::string session_token;

  bool empty() const { return access_key_id.empty() && secret_access_key.empty(); }
};

struct Request {
  std::string method;  // "GET", "PUT", ...
  // The URI path as sent on the wire, already URI-encoded ("/bucket/a%20b"); "/" at least.
  std::string canonical_uri;
  // Query parameters, not encoded; repeated names allowed. A parameter without a value (S3's
  // "?uploads") has the empty value.
  std::vector<std::pair<std::string, std::string>> query;
  // The headers to sign, names in any case; repeated names are joined with ',' in order.
  std::vector<std::pair<std::string, std::string>> headers;
  // Hex SHA-256 of the body, or kUnsignedPayload.
  std::string payload_hash;
};

// Everything the signing produced; the intermediate strings are there for tests and for
// debugging a SignatureDoesNotMatch (none of them contains the secret).
struct Signed {
  std::string canonical_request;
  std::string string_to_sign;
  std::string scope;           // "20130524/us-east-1/s3/aws4_request"
  std::string signed_headers;  // "host;x-amz-date"
  std::string signature;       // hex
  std::string authorization;   // the Authorization header's value
};

// Signs `request`. `amz_date` is the request time as "YYYYMMDDTHHMMSSZ" (the same value as the
// x-amz-date header); `region` e.g. "us-east-1"; `service` e.g. "s3".
Signed Sign(const Request& request, const Credentials& credentials, std::string_view region,
            std::string_view service, std::string_view amz_date);

// The signing key of `secret` for one day's scope: HMAC chain over "AWS4"+secret, the date
// ("YYYYMMDD"), region, service and "aws4_request" (32 raw bytes).
std::string SigningKey(std::string_view secret, std::string_view date, std::string_view region,
                       std::string_view service);

// The signature of one aws-chunked chunk (STREAMING-AWS4-HMAC-SHA256-PAYLOAD): HMAC under
// `signing_key` of "AWS4-HMAC-SHA256-PAYLOAD\n<amz_date>\n<scope>\n<previous signature>\n
// <SHA-256 of "">\n<chunk_sha256_hex>". The first chunk's previous signature is the request's
// (the seed). Hex.
std::string ChunkSignature(std::string_view signing_key, std::string_view amz_date,
                           std::string_view scope, std::string_view previous_signature,
                           std::string_view chunk_sha256_hex);

// The signature of the trailing headers of a STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER body:
// HMAC of "AWS4-HMAC-SHA256-TRAILER\n<amz_date>\n<scope>\n<last chunk's signature>\n
// <SHA-256 of the trailers as "name:value\n" lines>". Hex.
std::string TrailerSignature(std::string_view signing_key, std::string_view amz_date,
                             std::string_view scope, std::string_view previous_signature,
                             std::string_view canonical_trailers);

// Compares two strings in time independent of where they differ (signatures).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// Incremental SHA-256 (OpenSSL EVP). Not thread-safe; one digest per stream.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void Update(std::string_view data);
  // Lower-case hex of the digest of everything updated so far; resets for a new digest.
  std::string FinishHex();

 private:
  struct Ctx;
  std::unique_ptr<Ctx> ctx_;
};

// AWS's URI encoding: every byte except A-Z a-z 0-9 - _ . ~ (and '/' when `keep_slash`) becomes
// %XX with upper-case hex digits. Paths use keep_slash; query names and values do not.
std::string UriEncode(std::string_view text, bool keep_slash);

// The canonical query string: names and values URI-encoded, sorted by name then value, joined
// as "a=1&b=&c=3". Also the query to send, so that what is signed is what is sent.
std::string CanonicalQueryString(const std::vector<std::pair<std::string, std::string>>& query);

// "YYYYMMDDTHHMMSSZ" of a time in milliseconds since the Unix epoch (UTC).
std::string AmzDate(int64_t epoch_ms);

// Hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);
// Raw 32-byte HMAC-SHA256 of `data` under `key`.
std::string HmacSha256(std::string_view key, std::string_view data);
// Base64 of the raw MD5 of `data` (S3's Content-MD5 header).
std::string Md5Base64(std::string_view data);
// Lower-case hex of raw bytes.
std::string HexEncode(std::string_view bytes);

}  // namespace alluxio::ufs::sigv4
