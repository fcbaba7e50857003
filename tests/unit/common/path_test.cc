#include "lib/common/path.h"

#include <catch2/catch.hpp>

namespace alluxio {

TEST_CASE("paths are normalised: extra slashes, dots and trailing slashes go", "[common]") {
  CHECK(*NormalizePath("/") == "/");
  CHECK(*NormalizePath("//") == "/");
  CHECK(*NormalizePath("/a//b/./c/../d/") == "/a/b/d");
  CHECK(*NormalizePath("/a/b/..") == "/a");
  CHECK(*NormalizePath("alluxio://host:19998/x/y") == "/x/y");
  CHECK(*NormalizePath("alluxio://host:19998") == "/");
}

TEST_CASE("bad paths are rejected with a message naming the problem", "[common]") {
  auto rel = NormalizePath("a/b");
  REQUIRE_FALSE(rel.ok());
  CHECK(rel.status().code() == StatusCode::kInvalidArgument);
  CHECK(std::string(rel.status().message()).find("absolute") != std::string::npos);
  auto above = NormalizePath("/a/../../etc/passwd");
  REQUIRE_FALSE(above.ok());
  CHECK(std::string(above.status().message()).find("above the root") != std::string::npos);
  CHECK_FALSE(NormalizePath("").ok());
  CHECK_FALSE(NormalizePath("/" + std::string(256, 'x')).ok());
  CHECK(NormalizePath("/" + std::string(255, 'x')).ok());
  CHECK_FALSE(NormalizePath(std::string("/a\0b", 4)).ok());
  CHECK_FALSE(NormalizePath("/" + std::string(5000, 'a')).ok());
}

TEST_CASE("path helpers split and join normalised paths", "[common]") {
  CHECK(PathComponents("/").empty());
  CHECK(PathComponents("/a/b") == std::vector<std::string>{"a", "b"});
  CHECK(ParentPath("/a/b") == "/a");
  CHECK(ParentPath("/a") == "/");
  CHECK(ParentPath("/") == "/");
  CHECK(BaseName("/a/b") == "b");
  CHECK(BaseName("/") == "");
  CHECK(JoinPath("/", "b") == "/b");
  CHECK(JoinPath("/a", "b") == "/a/b");
  CHECK(IsAncestorOrSelf("/a", "/a/b"));
  CHECK(IsAncestorOrSelf("/a", "/a"));
  CHECK(IsAncestorOrSelf("/", "/x"));
  CHECK_FALSE(IsAncestorOrSelf("/a", "/ab"));
  CHECK_FALSE(IsAncestorOrSelf("/a/b", "/a"));
}

TEST_CASE("alluxio URIs keep their authority", "[common]") {
  auto u = ParseAlluxioUri("alluxio://master:19998/a/b/");
  REQUIRE(u.ok());
  CHECK(u->authority == "master:19998");
  CHECK(u->path == "/a/b");
  CHECK(ParseAlluxioUri("/x")->authority.empty());
  CHECK(ParseAlluxioUri("alluxio:///x")->path == "/x");
  CHECK_FALSE(ParseAlluxioUri("s3://bucket/x").ok());
}

TEST_CASE("globs match one component with stars, marks and classes", "[common]") {
  CHECK(GlobMatch("*", "anything"));
  CHECK(GlobMatch("*.txt", "a.txt"));
  CHECK_FALSE(GlobMatch("*.txt", "a.txt.bak"));
  CHECK(GlobMatch("a?c", "abc"));
  CHECK_FALSE(GlobMatch("a?c", "ac"));
  CHECK(GlobMatch("f[0-9]", "f7"));
  CHECK_FALSE(GlobMatch("f[0-9]", "fx"));
  CHECK(GlobMatch("f[!0-9]", "fx"));
  CHECK(GlobMatch("a*b*c", "aXXbYYc"));
  CHECK(GlobMatch("\\*", "*"));
  CHECK_FALSE(GlobMatch("\\*", "x"));
  CHECK(HasGlob("/a/*.csv"));
  CHECK_FALSE(HasGlob("/a/b.csv"));
}

}  // namespace alluxio
