// Byte movers of the S3 API: pumping a request body (or another object) into an Alluxio file
// while hashing it, and a BodyReader over an Alluxio file, so that uploads, copies and
// multipart completion share one loop.
//
// Not thread-safe; one per request.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "lib/client/file_system.h"
#include "lib/net/http_message.h"
#include "server/proxy/s3_errors.h"
#include "server/proxy/s3_protocol.h"

namespace alluxio::proxy {

// Reads up to `length` bytes of `in` from its current position.
class FileBodyReader final : public net::BodyReader {
 public:
  FileBodyReader(client::FileInStream* in, int64_t length) : in_(in), remaining_(length) {}
  Result<size_t> Read(char* buf, size_t n) override;

 private:
  client::FileInStream* const in_;
  int64_t remaining_;
};

// Reads a string (a buffered request body).
class StringBodyReader final : public net::BodyReader {
 public:
  explicit StringBodyReader(std::string_view data) : data_(data) {}
  Result<size_t> Read(char* buf, size_t n) override;

 private:
  std::string_view data_;
};

// Copies `body` into `out`, feeding `md5` as it goes (the caller may share one digest across
// several pumps, or pass nullptr to skip hashing). Does not close `out`. Errors:
// IncompleteBody when the body is malformed or ends before `expected_length`; RequestTimeout
// when the client stalls; the file system's errors mapped with S3ErrorFromStatus.
S3Result<int64_t> Pump(net::BodyReader& body, client::FileOutStream& out, Md5* md5,
                       std::optional<int64_t> expected_length);

// The S3 error for a failed read of a request body: IncompleteBody (malformed, cut short),
// RequestTimeout (stalled), SignatureDoesNotMatch (UNAUTHENTICATED: an aws-chunked chunk
// signature), XAmzContentSHA256Mismatch (DATA_LOSS: a signed payload hash).
S3Error BodyReadError(const Status& status);

// The MD5 a Content-MD5 header asks for (16 raw bytes), nullopt without the header;
// InvalidDigest when it is not base64 of 16 bytes.
S3Result<std::optional<std::string>> ContentMd5(const net::Headers& headers);

}  // namespace alluxio::proxy
