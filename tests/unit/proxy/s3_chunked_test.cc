#include "server/proxy/s3_chunked.h"

#include <catch2/catch.hpp>
#include <cstring>
#include <string>

namespace alluxio::proxy {
namespace {

// Serves `data` at most `step` bytes per Read, as a slow network would.
class Trickle final : public net::BodyReader {
 public:
  Trickle(std::string data, size_t step) : data_(std::move(data)), step_(step) {}
  Result<size_t> Read(char* buf, size_t n) override {
    size_t take = std::min({n, step_, data_.size() - pos_});
    std::memcpy(buf, data_.data() + pos_, take);
    pos_ += take;
    return take;
  }

 private:
  std::string data_;
  size_t step_;
  size_t pos_ = 0;
};

Result<std::string> Decode(const std::string& raw, size_t step, size_t read_size = 7) {
  Trickle t(raw, step);
  AwsChunkedReader r(&t);
  std::string out;
  std::string buf(read_size, '\0');
  while (true) {
    ASSIGN_OR_RETURN(size_t n, r.Read(buf.data(), buf.size()));
    if (n == 0) return out;
    out.append(buf.data(), n);
  }
}

std::string Signed(const std::string& payload, size_t chunk) {
  const std::string sig = ";chunk-signature=" + std::string(64, 'a') + "\r\n";
  std::string raw;
  char hex[32];
  for (size_t i = 0; i < payload.size(); i += chunk) {
    std::string piece = payload.substr(i, chunk);
    std::snprintf(hex, sizeof(hex), "%zx", piece.size());
    raw += hex + sig + piece + "\r\n";
  }
  return raw + "0" + sig + "\r\n";
}

}  // namespace

TEST_CASE("signed aws-chunked bodies decode to the payload whatever the read sizes", "[s3api]") {
  std::string payload;
  for (int i = 0; i < 70'000; ++i) payload += static_cast<char>('a' + i % 26);
  std::string raw = Signed(payload, 8192);
  for (size_t step : {size_t{1}, size_t{3}, size_t{100}, size_t{1 << 20}}) {
    auto out = Decode(raw, step, step == 1 ? 5 : 65536);
    REQUIRE(out.ok());
    CHECK(*out == payload);
  }
}

TEST_CASE("unsigned aws-chunked bodies with trailers decode and keep the trailers", "[s3api]") {
  std::string raw = "5\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n";
  Trickle t(raw, 4);
  AwsChunkedReader r(&t);
  std::string out;
  char buf[64];
  while (true) {
    auto n = r.Read(buf, sizeof(buf));
    REQUIRE(n.ok());
    if (*n == 0) break;
    out.append(buf, *n);
  }
  CHECK(out == "hello world");
  CHECK(r.trailers().at("x-amz-checksum-crc32") == "AAAAAA==");
}

TEST_CASE("an empty aws-chunked body is empty", "[s3api]") {
  auto out = Decode(Signed("", 10), 2);
  REQUIRE(out.ok());
  CHECK(out->empty());
}

TEST_CASE("malformed aws-chunked bodies are INVALID_ARGUMENT", "[s3api]") {
  for (const std::string& bad : {std::string("zz\r\nhello\r\n0\r\n\r\n"),  // bad size
                                 std::string("5\r\nhel"),                  // truncated data
                                 std::string("3\r\nhello\r\n0\r\n\r\n"),   // data too long
                                 std::string("5\r\nhello\r\n"),            // no last chunk
                                 std::string(5000, '1')}) {                // endless header
    auto out = Decode(bad, 3);
    REQUIRE_FALSE(out.ok());
    CHECK(out.status().code() == StatusCode::kInvalidArgument);
  }
}

}  // namespace alluxio::proxy
