#include "lib/wire/error_body.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

namespace alluxio::wire {

TEST_CASE("every status survives a round trip through the JSON error body", "[wire]") {
  for (int i = 1; i < kNumStatusCodes; ++i) {
    Status original(static_cast<StatusCode>(i), "message with \"quotes\" and ünïcode");
    std::string body = ErrorBodyJson(original);
    auto j = nlohmann::json::parse(body);
    CHECK(j["statusCode"] == std::string(StatusCodeName(original.code())));
    CHECK(j["message"] == std::string(original.message()));
    CHECK(j.size() == 2);
    Status back = StatusFromHttp(HttpStatusFor(original.code()), body);
    CHECK(back == original);
    Status as_rest = StatusFromHttp(500, body);  // REST v1 sends every error as 500
    CHECK(as_rest == original);
  }
}

TEST_CASE("status codes map to gRPC's HTTP statuses", "[wire]") {
  CHECK(HttpStatusFor(StatusCode::kOk) == 200);
  CHECK(HttpStatusFor(StatusCode::kNotFound) == 404);
  CHECK(HttpStatusFor(StatusCode::kAlreadyExists) == 409);
  CHECK(HttpStatusFor(StatusCode::kInvalidArgument) == 400);
  CHECK(HttpStatusFor(StatusCode::kPermissionDenied) == 403);
  CHECK(HttpStatusFor(StatusCode::kUnauthenticated) == 401);
  CHECK(HttpStatusFor(StatusCode::kResourceExhausted) == 429);
  CHECK(HttpStatusFor(StatusCode::kUnimplemented) == 501);
  CHECK(HttpStatusFor(StatusCode::kUnavailable) == 503);
  CHECK(HttpStatusFor(StatusCode::kDeadlineExceeded) == 504);
  CHECK(HttpStatusFor(StatusCode::kInternal) == 500);
}

TEST_CASE("a response without our body falls back to the HTTP status", "[wire]") {
  Status s = StatusFromHttp(404, "<html>nope</html>");
  CHECK(s.code() == StatusCode::kNotFound);
  CHECK(s.message() == "HTTP 404: <html>nope</html>");
  CHECK(StatusFromHttp(503, "").code() == StatusCode::kUnavailable);
  CHECK(StatusFromHttp(418, "").code() == StatusCode::kFailedPrecondition);
  CHECK(StatusFromHttp(502, "").code() == StatusCode::kInternal);
  CHECK(StatusFromHttp(200, "whatever").ok());
  CHECK(StatusFromHttp(204, "").ok());
  // A body naming OK on an error status is not trusted.
  CHECK(StatusFromHttp(500, R"({"statusCode":"OK","message":""})").code() == StatusCode::kInternal);
}

TEST_CASE("invalid UTF-8 in a message does not break the error body", "[wire]") {
  std::string body = ErrorBodyJson(Status::InvalidArgument(std::string("bad \xff byte")));
  auto j = nlohmann::json::parse(body);
  CHECK(j["statusCode"] == "INVALID_ARGUMENT");
}

}  // namespace alluxio::wire
