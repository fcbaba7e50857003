#include "lib/wire/base64.h"

#include <catch2/catch.hpp>
#include <string>

namespace alluxio::wire {

TEST_CASE("base64 encodes 0 to 4 bytes with RFC 4648 padding", "[wire]") {
  CHECK(Base64Encode("") == "");
  CHECK(Base64Encode("f") == "Zg==");
  CHECK(Base64Encode("fo") == "Zm8=");
  CHECK(Base64Encode("foo") == "Zm9v");
  CHECK(Base64Encode("foob") == "Zm9vYg==");
  CHECK(Base64Encode("foobar") == "Zm9vYmFy");
}

TEST_CASE("base64 encodes binary bytes with the standard alphabet", "[wire]") {
  CHECK(Base64Encode(std::string("\x00", 1)) == "AA==");
  CHECK(Base64Encode(std::string("\x00\x00", 2)) == "AAA=");
  CHECK(Base64Encode("\xff\xfe\xfd") == "//79");
  CHECK(Base64Encode("\xfb\xff") == "+/8=");
  CHECK(Base64Encode(std::string("\x00\x10\x83\x10\x51\x87", 6)) == "ABCDEFGH");
}

TEST_CASE("base64 decoding inverts encoding for every byte value and length", "[wire]") {
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  for (size_t len = 0; len <= all.size(); len += 1 + len / 8) {
    std::string bytes = all.substr(all.size() - len);
    auto back = Base64Decode(Base64Encode(bytes));
    REQUIRE(back.has_value());
    CHECK(*back == bytes);
  }
}

TEST_CASE("base64 decoding accepts missing padding", "[wire]") {
  CHECK(Base64Decode("Zg") == std::optional<std::string>("f"));
  CHECK(Base64Decode("Zm8") == std::optional<std::string>("fo"));
  CHECK(Base64Decode("") == std::optional<std::string>(""));
}

TEST_CASE("base64 decoding rejects malformed text", "[wire]") {
  CHECK_FALSE(Base64Decode("Zg=").has_value());       // padding that does not complete a group
  CHECK_FALSE(Base64Decode("Z===").has_value());      // too much padding
  CHECK_FALSE(Base64Decode("Z").has_value());         // 6 bits cannot make a byte
  CHECK_FALSE(Base64Decode("Zg==Zg==").has_value());  // padding in the middle
  CHECK_FALSE(Base64Decode("Zm 9v").has_value());     // whitespace
  CHECK_FALSE(Base64Decode("-_8=").has_value());      // URL-safe alphabet
  CHECK_FALSE(Base64Decode("Zh==").has_value());      // non-zero unused bits
  CHECK_FALSE(Base64Decode("====").has_value());
}

}  // namespace alluxio::wire
