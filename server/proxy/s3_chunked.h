// AwsChunkedReader: decodes the "aws-chunked" request bodies that AWS SDKs send for uploads with
// `Content-Encoding: aws-chunked` or `x-amz-content-sha256: STREAMING-...`:
//
//   <hex size>[;chunk-signature=<sig>]\r\n<data>\r\n ... 0[;chunk-signature=<sig>]\r\n
//   [<trailer name>:<value>\r\n ...]\r\n
//
// Without a ChunkSigning the chunk signatures are dropped unchecked (authentication off, or an
// unsigned STREAMING-UNSIGNED-PAYLOAD-TRAILER body). With one (a verified request whose
// x-amz-content-sha256 is STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]) every chunk, the final
// empty one included, must carry the signature AWS's chain gives (lib/ufs/sigv4.h
// ChunkSignature), and for the -TRAILER form the trailers must carry a valid
// x-amz-trailer-signature. A chunk's bytes are returned only once its signature checked out.
// Trailing headers (x-amz-checksum-crc32, ...) are kept for the caller.
//
// Not thread-safe; one reader per request.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "lib/net/http_message.h"
#include "lib/ufs/sigv4.h"

namespace alluxio::proxy {

// What the chunk signatures of a signed aws-chunked body chain from. Holds a signing key: never
// log it.
struct ChunkSigning {
  std::string signing_key;     // raw, derived from the secret (sigv4::SigningKey)
  std::string amz_date;        // the request's x-amz-date
  std::string scope;           // "<date>/<region>/s3/aws4_request"
  std::string seed_signature;  // the request's own signature (hex)
  bool trailer = false;        // STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER
};

class AwsChunkedReader final : public net::BodyReader {
 public:
  // `raw` (the HTTP body, already de-chunked at the HTTP level) must outlive the reader.
  explicit AwsChunkedReader(net::BodyReader* raw, std::optional<ChunkSigning> signing = {})
      : raw_(raw), signing_(std::move(signing)) {
    if (signing_) previous_signature_ = signing_->seed_signature;
  }

  // The decoded payload. INVALID_ARGUMENT for a malformed chunk header or a body that ends
  // inside a chunk; UNAUTHENTICATED for a missing or wrong chunk or trailer signature; the raw
  // reader's errors pass through.
  Result<size_t> Read(char* buf, size_t n) override;

  // Trailing headers seen after the last chunk, names in lower case.
  const std::map<std::string, std::string>& trailers() const { return trailers_; }

 private:
  enum class State { kSize, kData, kDataEnd, kTrailers, kDone };

  // Moves the next `n` body bytes into `out` (replacing it). INVALID_ARGUMENT at an early end.
  Status ReadExactly(size_t n, std::string* out);
  // Appends what the raw reader has to buf_; sets raw_eof_ at its end.
  Status Fill();
  // The next line without its CRLF. INVALID_ARGUMENT past 4 KiB or at the end of the body.
  Result<std::string> ReadLine();

  // Reads the raw body to its end after the last chunk (INVALID_ARGUMENT for leftover data).
  Status DrainRaw();
  // Checks the signature of the chunk just read (its bytes went through sha_).
  Status VerifyChunk();
  // Checks x-amz-trailer-signature over the other trailers.
  Status VerifyTrailers();
  // A chunk's data is buffered whole before it is returned when signatures are checked.
  Result<size_t> ReadSigned(char* buf, size_t n);

  net::BodyReader* const raw_;
  const std::optional<ChunkSigning> signing_;
  std::string previous_signature_;  // signing_: the chain so far
  std::string chunk_signature_;     // signing_: what the current chunk claims
  ufs::sigv4::Sha256 sha_;          // signing_: the current chunk's bytes
  std::string verified_;            // signing_: bytes of a verified chunk not returned yet
  size_t verified_pos_ = 0;
  std::string buf_;  // raw bytes read ahead; buf_[pos_..] not consumed yet
  size_t pos_ = 0;
  bool raw_eof_ = false;
  State state_ = State::kSize;
  uint64_t remaining_ = 0;  // bytes left in the current chunk
  std::map<std::string, std::string> trailers_;
  std::string canonical_trailers_;  // "name:value\n" lines in arrival order, but the signature
  std::string trailer_signature_;
};

}  // namespace alluxio::proxy
