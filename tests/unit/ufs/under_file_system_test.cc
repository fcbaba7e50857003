#include "lib/ufs/under_file_system.h"

#include "lib/ufs/memory_ufs.h"
#include "tests/unit/ufs/ufs_test_util.h"

namespace alluxio::ufs {
namespace {

using testing::MustExist;
using testing::MustRead;
using testing::MustWrite;
using testing::TempDir;

std::shared_ptr<UnderFileSystem> MustCreate(const UfsRegistry& registry, const std::string& uri) {
  auto ufs = registry.Create(uri, {});
  UFS_REQUIRE_OK(ufs);
  REQUIRE(*ufs != nullptr);
  return *ufs;
}

}  // namespace

TEST_CASE("SchemeOf gives the lower-case scheme, or file for an absolute path", "[ufs]") {
  CHECK(SchemeOf("s3://bucket/key") == "s3");
  CHECK(SchemeOf("S3A://bucket/key") == "s3a");
  CHECK(SchemeOf("mem://bucket") == "mem");
  CHECK(SchemeOf("file:///data") == "file");
  CHECK(SchemeOf("hdfs:/data") == "hdfs");
  CHECK(SchemeOf("/data/ufs") == "file");
  CHECK(SchemeOf("/data/with:colon") == "file");
  CHECK(SchemeOf("relative/path") == "");
  CHECK(SchemeOf("dir/a:b") == "");
  CHECK(SchemeOf("1abc://x") == "");
  CHECK(SchemeOf("") == "");
}

TEST_CASE("the built-in registry serves file URIs and plain paths with the local UFS", "[ufs]") {
  UfsRegistry registry = UfsRegistry::WithBuiltins();
  CHECK(registry.Schemes() == std::vector<std::string>{"file", "mem", "s3", "s3a"});
  TempDir dir;
  auto plain = MustCreate(registry, dir.path());
  auto uri = MustCreate(registry, "file://" + dir.path());
  CHECK(plain->scheme() == "file");
  CHECK(uri->scheme() == "file");
  MustWrite(*plain, dir.path() + "/f", "local");
  CHECK(MustRead(*uri, "file://" + dir.path() + "/f") == "local");
}

TEST_CASE("an unknown scheme is INVALID_ARGUMENT naming it and the known schemes", "[ufs]") {
  UfsRegistry registry = UfsRegistry::WithBuiltins();
  auto ufs = registry.Create("gs://bucket/dir", {});
  UFS_CHECK_CODE(ufs, kInvalidArgument);
  std::string message(ufs.status().message());
  CHECK_THAT(message, Catch::Contains("'gs'"));
  CHECK_THAT(message, Catch::Contains("known schemes: file, mem"));

  UfsRegistry empty;
  auto none = empty.Create("/data", {});
  UFS_CHECK_CODE(none, kInvalidArgument);
  CHECK_THAT(std::string(none.status().message()), Catch::Contains("(none)"));
}

TEST_CASE("a UFS URI with neither a scheme nor an absolute path is INVALID_ARGUMENT", "[ufs]") {
  UfsRegistry registry = UfsRegistry::WithBuiltins();
  auto ufs = registry.Create("data/ufs", {});
  UFS_CHECK_CODE(ufs, kInvalidArgument);
  CHECK_THAT(std::string(ufs.status().message()), Catch::Contains("data/ufs"));
}

TEST_CASE("built-in factories reject URIs their UFS cannot serve", "[ufs]") {
  UfsRegistry registry = UfsRegistry::WithBuiltins();
  UFS_CHECK_CODE(registry.Create("file://otherhost/data", {}), kInvalidArgument);
  UFS_CHECK_CODE(registry.Create("/data/../etc", {}), kInvalidArgument);
  UFS_CHECK_CODE(registry.Create("mem:///no-bucket", {}), kInvalidArgument);
}

TEST_CASE("mem instances from one registry share one store", "[ufs]") {
  UfsRegistry registry = UfsRegistry::WithBuiltins();
  auto first = MustCreate(registry, "mem://bucket/mount1");
  auto second = MustCreate(registry, "mem://bucket/mount2");
  CHECK(first != second);
  CHECK(first->scheme() == "mem");
  MustWrite(*first, "mem://bucket/mount1/f", "seen by both");
  CHECK(MustRead(*second, "mem://bucket/mount1/f") == "seen by both");

  // A copy of the registry shares it too; another registry does not.
  UfsRegistry copy = registry;
  CHECK(MustExist(*MustCreate(copy, "mem://bucket"), "mem://bucket/mount1/f"));
  UfsRegistry other = UfsRegistry::WithBuiltins();
  CHECK_FALSE(MustExist(*MustCreate(other, "mem://bucket"), "mem://bucket/mount1/f"));
}

TEST_CASE("Register adds a scheme whose factory gets the URI and properties", "[ufs]") {
  UfsRegistry registry;
  std::string seen_uri;
  std::map<std::string, std::string> seen_properties;
  auto store = MemoryUfs::NewStore();
  registry.Register(
      "S3",
      [&](const std::string& uri, const std::map<std::string, std::string>& properties)
          -> Result<std::shared_ptr<UnderFileSystem>> {
        seen_uri = uri;
        seen_properties = properties;
        return std::shared_ptr<UnderFileSystem>(std::make_shared<MemoryUfs>(store));
      });
  CHECK(registry.Schemes() == std::vector<std::string>{"s3"});
  auto ufs = registry.Create("s3://bucket/key", {{"s3a.accessKeyId", "AKIA"}});
  UFS_REQUIRE_OK(ufs);
  CHECK(seen_uri == "s3://bucket/key");
  CHECK(seen_properties == std::map<std::string, std::string>{{"s3a.accessKeyId", "AKIA"}});

  // Registering again replaces the factory, and its errors reach the caller.
  registry.Register(
      "s3",
      [](const std::string&,
         const std::map<std::string, std::string>&) -> Result<std::shared_ptr<UnderFileSystem>> {
        return Status::Unavailable("no network");
      });
  CHECK(registry.Create("s3://bucket/key", {}).status() == Status::Unavailable("no network"));
}

}  // namespace alluxio::ufs
