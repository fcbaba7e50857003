#include "lib/common/status.h"

#include <catch2/catch.hpp>

#include "lib/common/result.h"

namespace alluxio {
namespace {

Result<int> Half(int x) {
  if (x % 2) return Status::InvalidArgument(std::to_string(x) + " is odd");
  return x / 2;
}

Result<int> Quarter(int x) {
  ASSIGN_OR_RETURN(int h, Half(x));
  ASSIGN_OR_RETURN(int q, Half(h));
  return q;
}

Status CheckEven(int x) {
  RETURN_IF_ERROR(Half(x).status());
  return Status::OK();
}

}  // namespace

TEST_CASE("an OK status has no code name but OK and no message", "[common]") {
  Status s;
  CHECK(s.ok());
  CHECK(s.code() == StatusCode::kOk);
  CHECK(s.message().empty());
  CHECK(s.ToString() == "OK");
}

TEST_CASE("every status code has Alluxio's name and parses back", "[common]") {
  CHECK(StatusCodeName(StatusCode::kNotFound) == "NOT_FOUND");
  CHECK(StatusCodeName(StatusCode::kFailedPrecondition) == "FAILED_PRECONDITION");
  CHECK(StatusCodeName(StatusCode::kCancelled) == "CANCELLED");
  CHECK(StatusCodeName(StatusCode::kUnauthenticated) == "UNAUTHENTICATED");
  for (int i = 0; i < kNumStatusCodes; ++i) {
    auto code = static_cast<StatusCode>(i);
    auto back = StatusCodeFromName(StatusCodeName(code));
    REQUIRE(back.has_value());
    CHECK(*back == code);
  }
  CHECK_FALSE(StatusCodeFromName("not_found").has_value());
  CHECK_FALSE(StatusCodeFromName("CANCELED").has_value());
}

TEST_CASE("context is prepended to an error message and OK stays OK", "[common]") {
  Status s = Status::NotFound("Path \"/x\" does not exist.");
  Status c = s.WithContext("loading /x");
  CHECK(c.code() == StatusCode::kNotFound);
  CHECK(c.message() == "loading /x: Path \"/x\" does not exist.");
  CHECK(c.ToString() == "NOT_FOUND: loading /x: Path \"/x\" does not exist.");
  CHECK(s.message() == "Path \"/x\" does not exist.");  // the original is untouched
  CHECK(Status::OK().WithContext("anything").ok());
}

TEST_CASE("statuses compare by code and message", "[common]") {
  CHECK(Status::NotFound("a") == Status::NotFound("a"));
  CHECK_FALSE(Status::NotFound("a") == Status::NotFound("b"));
  CHECK_FALSE(Status::NotFound("a") == Status::AlreadyExists("a"));
  Status copy = Status::Internal("x");
  Status other = copy;
  CHECK(other == copy);
}

TEST_CASE("Result carries a value or an error through ASSIGN_OR_RETURN", "[common]") {
  auto ok = Quarter(8);
  REQUIRE(ok.ok());
  CHECK(*ok == 2);
  auto bad = Quarter(6);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().code() == StatusCode::kInvalidArgument);
  CHECK(bad.status().message() == "3 is odd");
  CHECK(bad.value_or(-1) == -1);
  CHECK(CheckEven(4).ok());
  CHECK(CheckEven(5).code() == StatusCode::kInvalidArgument);
}

TEST_CASE("Result holds move-only values", "[common]") {
  Result<std::unique_ptr<int>> r = std::make_unique<int>(7);
  REQUIRE(r.ok());
  std::unique_ptr<int> p = std::move(r).value();
  CHECK(*p == 7);
}

}  // namespace alluxio

#include "lib/common/strings.h"

namespace alluxio {
TEST_CASE("ParseInt64 accepts one optional sign and rejects junk", "[common]") {
  int64_t v = 0;
  CHECK(ParseInt64("+5", &v));
  CHECK(v == 5);
  CHECK(ParseInt64("-5", &v));
  CHECK(v == -5);
  CHECK_FALSE(ParseInt64("+-5", &v));
  CHECK_FALSE(ParseInt64("", &v));
  CHECK_FALSE(ParseInt64("+", &v));
  CHECK_FALSE(ParseInt64("5x", &v));
  CHECK_FALSE(ParseInt64("99999999999999999999", &v));
}
}  // namespace alluxio
