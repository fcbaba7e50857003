#include "lib/conf/units.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <limits>
#include <string>

namespace alluxio::conf {
namespace {

constexpr int64_t kKB = int64_t{1} << 10;
constexpr int64_t kMB = int64_t{1} << 20;
constexpr int64_t kGB = int64_t{1} << 30;
constexpr int64_t kTB = int64_t{1} << 40;
constexpr int64_t kPB = int64_t{1} << 50;

// "text" in double quotes, as error messages show it.
std::string Quoted(std::string_view text) {
  std::string quoted = "\"";
  quoted += text;
  quoted += '"';
  return quoted;
}

int64_t Bytes(const std::string& text) {
  Result<int64_t> result = ParseBytes(text);
  INFO(text << ": " << result.status().ToString());
  REQUIRE(result.ok());
  return *result;
}

int64_t Ms(const std::string& text) {
  Result<int64_t> result = ParseDurationMs(text);
  INFO(text << ": " << result.status().ToString());
  REQUIRE(result.ok());
  return *result;
}

TEST_CASE("a bare number is a count of bytes", "[conf][units]") {
  CHECK(Bytes("0") == 0);
  CHECK(Bytes("1") == 1);
  CHECK(Bytes("1048576") == kMB);
}

TEST_CASE("every size unit is 1024-based, with or without the B", "[conf][units]") {
  CHECK(Bytes("3B") == 3);
  CHECK(Bytes("3K") == 3 * kKB);
  CHECK(Bytes("3KB") == 3 * kKB);
  CHECK(Bytes("3M") == 3 * kMB);
  CHECK(Bytes("3MB") == 3 * kMB);
  CHECK(Bytes("3G") == 3 * kGB);
  CHECK(Bytes("3GB") == 3 * kGB);
  CHECK(Bytes("3T") == 3 * kTB);
  CHECK(Bytes("3TB") == 3 * kTB);
  CHECK(Bytes("3P") == 3 * kPB);
  CHECK(Bytes("3PB") == 3 * kPB);
}

TEST_CASE("size units are case-insensitive", "[conf][units]") {
  CHECK(Bytes("64mb") == 64 * kMB);
  CHECK(Bytes("64Mb") == 64 * kMB);
  CHECK(Bytes("64mB") == 64 * kMB);
  CHECK(Bytes("2k") == 2 * kKB);
  CHECK(Bytes("1gb") == kGB);
  CHECK(Bytes("5b") == 5);
}

TEST_CASE("a size may have whitespace between number and unit and around it", "[conf][units]") {
  CHECK(Bytes("64 MB") == 64 * kMB);
  CHECK(Bytes("64\tMB") == 64 * kMB);
  CHECK(Bytes("  64MB  ") == 64 * kMB);
}

TEST_CASE("a decimal size with a unit is truncated to whole bytes", "[conf][units]") {
  CHECK(Bytes("1.5GB") == 3 * kGB / 2);
  CHECK(Bytes("0.5KB") == 512);
  CHECK(Bytes(".5KB") == 512);
  CHECK(Bytes("2.KB") == 2 * kKB);
  CHECK(Bytes("0.1KB") == 102);  // 102.4
  CHECK(Bytes("1.5B") == 1);
  CHECK(Bytes("0.25 PB") == kPB / 4);
}

TEST_CASE("malformed sizes are INVALID_ARGUMENT naming the text and the expected form",
          "[conf][units]") {
  for (const char* text : {"", " ", "MB", "12x", "-1", "-1MB", "+5MB", "1e3", "0x10", "1.5",
                           "1.2.3KB", "64 M B", "64MB extra", "64MiB", "KB64", "."}) {
    INFO("text: \"" << text << "\"");
    Result<int64_t> result = ParseBytes(text);
    REQUIRE_FALSE(result.ok());
    CHECK(result.status().code() == StatusCode::kInvalidArgument);
    CHECK_THAT(std::string(result.status().message()),
               Catch::Contains(Quoted(text)) &&
                   Catch::Contains("expected a size such as 64MB (units B, KB, MB, GB, TB, PB)"));
  }
}

TEST_CASE("a size beyond 64 bits is rejected instead of wrapping", "[conf][units]") {
  CHECK(Bytes("8191PB") == 8191 * kPB);
  CHECK(Bytes("9223372036854775807") == std::numeric_limits<int64_t>::max());
  for (const char* text :
       {"8192PB", "9223372036854775808", "99999999999999999999999KB", "8192.5PB"}) {
    INFO(text);
    Result<int64_t> result = ParseBytes(text);
    REQUIRE_FALSE(result.ok());
    CHECK(result.status().code() == StatusCode::kInvalidArgument);
  }
}

TEST_CASE("a bare number is a duration in milliseconds", "[conf][units]") {
  CHECK(Ms("0") == 0);
  CHECK(Ms("250") == 250);
}

TEST_CASE("every duration unit spelling is accepted", "[conf][units]") {
  struct Case {
    const char* text;
    int64_t ms;
  };
  const Case cases[] = {
      {"7ms", 7},
      {"7millisecond", 7},
      {"7milliseconds", 7},
      {"7s", 7000},
      {"7sec", 7000},
      {"7secs", 7000},
      {"7second", 7000},
      {"7seconds", 7000},
      {"7m", 7 * 60000},
      {"7min", 7 * 60000},
      {"7mins", 7 * 60000},
      {"7minute", 7 * 60000},
      {"7minutes", 7 * 60000},
      {"7h", 7 * 3600000},
      {"7hr", 7 * 3600000},
      {"7hrs", 7 * 3600000},
      {"7hour", 7 * 3600000},
      {"7hours", 7 * 3600000},
      {"7d", int64_t{7} * 86400000},
      {"7day", int64_t{7} * 86400000},
      {"7days", int64_t{7} * 86400000},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(Ms(c.text) == c.ms);
  }
}

TEST_CASE("duration units are case-insensitive and may follow whitespace", "[conf][units]") {
  CHECK(Ms("5MIN") == 300000);
  CHECK(Ms("1Hour") == 3600000);
  CHECK(Ms("2SEC") == 2000);
  CHECK(Ms("10 ms") == 10);
  CHECK(Ms(" 1 day ") == 86400000);
}

TEST_CASE("a duration of -1 means never and is returned as -1", "[conf][units]") {
  CHECK(Ms("-1") == -1);
  CHECK(Ms(" -1 ") == -1);
}

TEST_CASE("malformed durations are INVALID_ARGUMENT naming the text and the expected form",
          "[conf][units]") {
  for (const char* text : {"", "min", "-2", "-1min", "1.5h", "5w", "5 parsecs", "5minutes ago",
                           "+5s", "5 m s", "ten seconds", "hs", "5mss"}) {
    INFO("text: \"" << text << "\"");
    Result<int64_t> result = ParseDurationMs(text);
    REQUIRE_FALSE(result.ok());
    CHECK(result.status().code() == StatusCode::kInvalidArgument);
    CHECK_THAT(
        std::string(result.status().message()),
        Catch::Contains(Quoted(text)) && Catch::Contains("expected a duration such as 5min"));
  }
}

TEST_CASE("a duration beyond 64 bits of milliseconds is rejected", "[conf][units]") {
  Result<int64_t> result = ParseDurationMs("999999999999999999day");
  REQUIRE_FALSE(result.ok());
  CHECK(result.status().code() == StatusCode::kInvalidArgument);
}

TEST_CASE("booleans are true or false in any case", "[conf][units]") {
  for (const char* text : {"true", "TRUE", "True", " tRuE "}) {
    INFO(text);
    Result<bool> result = ParseBool(text);
    REQUIRE(result.ok());
    CHECK(*result);
  }
  for (const char* text : {"false", "FALSE", "False"}) {
    INFO(text);
    Result<bool> result = ParseBool(text);
    REQUIRE(result.ok());
    CHECK_FALSE(*result);
  }
}

TEST_CASE("other boolean spellings are INVALID_ARGUMENT", "[conf][units]") {
  for (const char* text : {"", "yes", "no", "1", "0", "on", "truee"}) {
    INFO(text);
    Result<bool> result = ParseBool(text);
    REQUIRE_FALSE(result.ok());
    CHECK(result.status().code() == StatusCode::kInvalidArgument);
    CHECK_THAT(std::string(result.status().message()), Catch::Contains("expected true or false"));
  }
}

TEST_CASE("FormatBytes prints bytes up to 5120 and two decimals beyond", "[conf][units]") {
  CHECK(FormatBytes(0) == "0B");
  CHECK(FormatBytes(1023) == "1023B");
  CHECK(FormatBytes(5120) == "5120B");
  CHECK(FormatBytes(5121) == "5.00KB");
  CHECK(FormatBytes(10 * kKB) == "10.00KB");
  CHECK(FormatBytes(5 * kMB) == "5120.00KB");
  CHECK(FormatBytes(5 * kMB + 1) == "5.00MB");
  CHECK(FormatBytes(64 * kMB) == "64.00MB");
  CHECK(FormatBytes(3 * kGB / 2 * 10) == "15.00GB");
  CHECK(FormatBytes(100 * kTB) == "100.00TB");
  CHECK(FormatBytes(2 * kPB) == "2048.00TB");
  CHECK(FormatBytes(6000 * kTB) == "5.86PB");
  CHECK(FormatBytes(1024 * kPB) == "1024.00PB");
  CHECK(FormatBytes(std::numeric_limits<int64_t>::max()) == "8192.00PB");
}

TEST_CASE("FormatBytes rounds half up like Java's %.2f", "[conf][units]") {
  CHECK(FormatBytes(5248) == "5.13KB");  // 5.125KB
  CHECK(FormatBytes(5247) == "5.12KB");  // 5.1240...KB
}

TEST_CASE("FormatBytes prints negative values as bytes", "[conf][units]") {
  CHECK(FormatBytes(-5) == "-5B");
  CHECK(FormatBytes(-10 * kMB) == "-10485760B");
}

}  // namespace
}  // namespace alluxio::conf
