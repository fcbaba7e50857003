#include "server/proxy/s3_io.h"

#include <unistd.h>

#include <cerrno>

#include <algorithm>
#include <cstring>
#include <vector>

#include "lib/common/logging.h"
#include "lib/common/strings.h"
#include "lib/wire/base64.h"

namespace alluxio::proxy {
namespace {
constexpr size_t kChunk = 1 << 20;
}  // namespace

Result<size_t> FileBodyReader::Read(char* buf, size_t n) {
  if (remaining_ <= 0 || n == 0) return size_t{0};
  size_t want = static_cast<size_t>(std::min<int64_t>(static_cast<int64_t>(n), remaining_));
  ASSIGN_OR_RETURN(size_t got, in_->Read(buf, want));
  remaining_ -= static_cast<int64_t>(got);
  return got;
}

Result<size_t> StringBodyReader::Read(char* buf, size_t n) {
  size_t take = std::min(n, data_.size());
  std::memcpy(buf, data_.data(), take);
  data_.remove_prefix(take);
  return take;
}

S3Error BodyReadError(const Status& st) {
  switch (st.code()) {
    case StatusCode::kDeadlineExceeded:
      return S3Error{400, "RequestTimeout",
                     "Your socket connection to the server was not read from or written to "
                     "within the timeout period."};
    case StatusCode::kInvalidArgument:
    case StatusCode::kUnavailable:
      return s3err::IncompleteBody(std::string(st.message()));
    case StatusCode::kUnauthenticated:
      return s3err::SignatureDoesNotMatch(std::string(st.message()));
    case StatusCode::kDataLoss:
      return s3err::XAmzContentSha256Mismatch(std::string(st.message()));
    default:
      return S3ErrorFromStatus(st);
  }
}

S3Result<int64_t> Pump(net::BodyReader& body, client::FileOutStream& out, Md5* md5,
                       std::optional<int64_t> expected_length) {
  std::vector<char> buf(kChunk);
  int64_t total = 0;
  while (true) {
    auto n = body.Read(buf.data(), buf.size());
    if (!n.ok()) return BodyReadError(n.status());
    if (*n == 0) break;
    std::string_view chunk(buf.data(), *n);
    if (md5 != nullptr) md5->Update(chunk);
    Status st = out.Write(chunk);
    if (!st.ok()) return S3ErrorFromStatus(st);
    total += static_cast<int64_t>(*n);
  }
  if (expected_length && total != *expected_length) {
    return s3err::IncompleteBody(
        StrCat("You did not provide the number of bytes specified by the "
               "Content-Length HTTP header: got ",
               total, " of ", *expected_length, "."));
  }
  return total;
}

S3Result<std::optional<std::string>> ContentMd5(const net::Headers& headers) {
  const std::string* h = headers.Find("Content-MD5");
  if (h == nullptr) return std::optional<std::string>();
  auto bytes = wire::Base64Decode(Trim(*h));
  if (!bytes || bytes->size() != 16) {
    return s3err::InvalidDigest("The Content-MD5 you specified was invalid.");
  }
  return std::optional<std::string>(std::move(*bytes));
}

}  // namespace alluxio::proxy
