// AwsChunkedReader: decodes the "aws-chunked" request bodies that AWS SDKs send for uploads with
// `Content-Encoding: aws-chunked` or `x-amz-content-sha256: STREAMING-...`:
//
//   <hex size>[;chunk-signature=<sig>]\r\n<data>\r\n ... 0[;chunk-signature=<sig>]\r\n
//   [<trailer name>:<value>\r\n ...]\r\n
//
// The chunk signatures are dropped unchecked (signatures are not verified); trailing headers
// (x-amz-checksum-crc32, ...) are kept for the caller.
//
// Not thread-safe; one reader per request.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "lib/net/http_message.h"

namespace alluxio::proxy {

class AwsChunkedReader final : public net::BodyReader {
 public:
  // `raw` (the HTTP body, already de-chunked at the HTTP level) must outlive the reader.
  explicit AwsChunkedReader(net::BodyReader* raw) : raw_(raw) {}

  // The decoded payload. INVALID_ARGUMENT for a malformed chunk header or a body that ends
  // inside a chunk; the raw reader's errors pass through.
  Result<size_t> Read(char* buf, size_t n) override;

  // Trailing headers seen after the last chunk, names in lower case.
  const std::map<std::string, std::string>& trailers() const { return trailers_; }

 private:
  enum class State { kSize, kData, kDataEnd, kTrailers, kDone };

  // Appends what the raw reader has to buf_; sets raw_eof_ at its end.
  Status Fill();
  // The next line without its CRLF. INVALID_ARGUMENT past 4 KiB or at the end of the body.
  Result<std::string> ReadLine();

  net::BodyReader* const raw_;
  std::string buf_;  // raw bytes read ahead; buf_[pos_..] not consumed yet
  size_t pos_ = 0;
  bool raw_eof_ = false;
  State state_ = State::kSize;
  uint64_t remaining_ = 0;  // bytes left in the current chunk
  std::map<std::string, std::string> trailers_;
};

}  // namespace alluxio::proxy
