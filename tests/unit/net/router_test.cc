#include "lib/net/router.h"

#include <catch2/catch.hpp>

namespace alluxio::net {
namespace {
Handler Noop() {
  return [](HttpRequest&, HttpResponse&) {};
}
}  // namespace

TEST_CASE("a wildcard captures the python client's double-slash paths", "[net]") {
  Router r;
  r.Add("POST", "/api/v1/paths/{path*}/get-status", Noop());
  auto m = r.Find("POST", "/api/v1/paths//a/b/get-status");
  REQUIRE(m.kind == Router::MatchKind::kFound);
  CHECK(m.params.at("path") == "/a/b");
  m = r.Find("POST", "/api/v1/paths///get-status");
  REQUIRE(m.kind == Router::MatchKind::kFound);
  CHECK(m.params.at("path") == "/");
  m = r.Find("POST", "/api/v1/paths/a/get-status");
  REQUIRE(m.kind == Router::MatchKind::kFound);
  CHECK(m.params.at("path") == "/a");
}

TEST_CASE("a wildcard keeps a path that itself ends in the action name", "[net]") {
  Router r;
  r.Add("POST", "/api/v1/paths/{path*}/delete", Noop());
  auto m = r.Find("POST", "/api/v1/paths//dir/delete/delete");
  REQUIRE(m.kind == Router::MatchKind::kFound);
  CHECK(m.params.at("path") == "/dir/delete");
}

TEST_CASE("route parameters are percent-decoded per segment", "[net]") {
  Router r;
  r.Add("GET", "/b/{bucket}/{key*}", Noop());
  auto m = r.Find("GET", "/b/my%20bucket/dir/a%2Fb%20c");
  REQUIRE(m.kind == Router::MatchKind::kFound);
  CHECK(m.params.at("bucket") == "my bucket");
  CHECK(m.params.at("key") == "/dir/a/b c");
}

TEST_CASE("a single-segment parameter does not swallow slashes", "[net]") {
  Router r;
  r.Add("POST", "/api/v1/streams/{id}/read", Noop());
  CHECK(r.Find("POST", "/api/v1/streams/7/read").params.at("id") == "7");
  CHECK(r.Find("POST", "/api/v1/streams/7/8/read").kind == Router::MatchKind::kNotFound);
}

TEST_CASE("a known path under another method reports the allowed methods", "[net]") {
  Router r;
  r.Add("GET", "/x", Noop());
  r.Add("PUT", "/x", Noop());
  auto m = r.Find("DELETE", "/x");
  CHECK(m.kind == Router::MatchKind::kMethodNotAllowed);
  CHECK(m.allowed_methods == std::vector<std::string>{"GET", "PUT"});
  CHECK(r.Find("GET", "/y").kind == Router::MatchKind::kNotFound);
}

TEST_CASE("the first registered match wins and * matches any method", "[net]") {
  Router r;
  int which = 0;
  r.Add("GET", "/a/special", [&](HttpRequest&, HttpResponse&) { which = 1; });
  r.Add("*", "/a/{rest*}", [&](HttpRequest&, HttpResponse&) { which = 2; });
  HttpRequest req;
  HttpResponse res;
  auto m = r.Find("GET", "/a/special");
  m.route->handler(req, res);
  CHECK(which == 1);
  m = r.Find("PATCH", "/a/special");
  REQUIRE(m.kind == Router::MatchKind::kFound);
  m.route->handler(req, res);
  CHECK(which == 2);
}

TEST_CASE("literal segments must match exactly, including trailing slashes", "[net]") {
  Router r;
  r.Add("GET", "/metrics/json/", Noop());
  CHECK(r.Find("GET", "/metrics/json/").kind == Router::MatchKind::kFound);
  CHECK(r.Find("GET", "/metrics/json").kind == Router::MatchKind::kNotFound);
  CHECK(r.Find("GET", "/metrics/jsonx/").kind == Router::MatchKind::kNotFound);
}

TEST_CASE("query parameters decode plus as space and keep flags", "[net]") {
  HttpRequest req;
  req.query = "dst=%2Fa+b%2Fc&uploads&prefix=x%2By&empty=";
  CHECK(req.Query("dst") == "/a b/c");
  CHECK(req.Query("uploads") == "");
  CHECK(req.Query("prefix") == "x+y");
  CHECK(req.Query("empty") == "");
  CHECK_FALSE(req.Query("missing").has_value());
  CHECK(req.QueryParams().size() == 4);
}

TEST_CASE("percent encoding round-trips and keeps requested characters", "[net]") {
  CHECK(PercentEncode("a b/c+d~", "/") == "a%20b/c%2Bd~");
  CHECK(PercentDecode(PercentEncode("ünï cödé/%", "")) == "ünï cödé/%");
  CHECK(PercentDecode("100%") == "100%");
  CHECK(PercentDecode("%zz") == "%zz");
  CHECK(PercentDecode("a+b") == "a+b");
  CHECK(PercentDecode("a+b", true) == "a b");
}

TEST_CASE("headers are case-insensitive and Set replaces", "[net]") {
  Headers h;
  h.Add("X-Amz-Meta-A", "1");
  h.Add("x-amz-meta-a", "2");
  CHECK(h.Get("X-AMZ-META-A") == "1");
  h.Set("x-AMZ-meta-a", "3");
  CHECK(h.size() == 1);
  CHECK(h.Get("X-Amz-Meta-A") == "3");
  h.Remove("X-AMZ-META-A");
  CHECK_FALSE(h.Has("x-amz-meta-a"));
}

}  // namespace alluxio::net
