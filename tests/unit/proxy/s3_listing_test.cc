#include "server/proxy/s3_listing.h"

#include <catch2/catch.hpp>

#include "lib/common/path.h"
#include "tests/unit/proxy/s3_fake_file_system.h"

namespace alluxio::proxy {
namespace {

using testing::FakeFileSystem;

void Put(FakeFileSystem& fs, const std::string& path, const std::string& data = "x") {
  wire::CreateFileOptions o;
  o.recursive = true;
  auto out = fs.CreateFile(path, o);
  REQUIRE(out.ok());
  REQUIRE((*out)->Write(data).ok());
  REQUIRE((*out)->Close().ok());
}

void Mkdir(FakeFileSystem& fs, const std::string& path) {
  wire::CreateDirectoryOptions o;
  o.recursive = true;
  REQUIRE(fs.CreateDirectory(path, o).ok());
}

std::vector<std::string> Keys(const ListObjectsResult& r) {
  std::vector<std::string> out;
  for (const ObjectEntry& e : r.contents) out.push_back(e.key);
  return out;
}

ListObjectsResult List(FakeFileSystem& fs, std::string prefix, std::string delimiter,
                       std::string after = "", int max_keys = 1000) {
  ListObjectsRequest r{std::move(prefix), std::move(delimiter), std::move(after), max_keys};
  auto out = ListObjects(fs, "/b", r);
  REQUIRE(out.ok());
  return std::move(out).value();
}

}  // namespace

TEST_CASE("keys list in byte order even where the directory walk would not", "[s3api]") {
  FakeFileSystem fs;
  Mkdir(fs, "/b");
  Put(fs, "/b/a/b");
  Put(fs, "/b/a-c");  // '-' sorts before '/': "a-c" < "a/b"
  Put(fs, "/b/a0");
  Put(fs, "/b/Z");
  auto r = List(fs, "", "");
  CHECK(Keys(r) == std::vector<std::string>{"Z", "a-c", "a/b", "a0"});
  CHECK_FALSE(r.truncated);
}

TEST_CASE("a delimiter groups keys into common prefixes without listing inside them", "[s3api]") {
  FakeFileSystem fs;
  Mkdir(fs, "/b");
  Put(fs, "/b/photos/2024/jan.jpg");
  Put(fs, "/b/photos/2024/feb.jpg");
  Put(fs, "/b/photos/2023/dec.jpg");
  Put(fs, "/b/photos/index.html");
  Put(fs, "/b/readme");
  auto top = List(fs, "", "/");
  CHECK(Keys(top) == std::vector<std::string>{"readme"});
  CHECK(top.common_prefixes == std::vector<std::string>{"photos/"});
  auto photos = List(fs, "photos/", "/");
  CHECK(Keys(photos) == std::vector<std::string>{"photos/index.html"});
  CHECK(photos.common_prefixes == std::vector<std::string>{"photos/2023/", "photos/2024/"});
  auto partial = List(fs, "photos/20", "/");
  CHECK(Keys(partial).empty());
  CHECK(partial.common_prefixes == std::vector<std::string>{"photos/2023/", "photos/2024/"});
  auto deep = List(fs, "photos/2024/f", "");
  CHECK(Keys(deep) == std::vector<std::string>{"photos/2024/feb.jpg"});
  CHECK(List(fs, "nothing/here/", "/").contents.empty());
  CHECK(List(fs, "readme/x", "").contents.empty());  // a prefix through a file
}

TEST_CASE("other delimiters group keys too", "[s3api]") {
  FakeFileSystem fs;
  Mkdir(fs, "/b");
  Put(fs, "/b/log-2024-01");
  Put(fs, "/b/log-2024-02");
  Put(fs, "/b/data/x-1");
  auto r = List(fs, "", "-");
  CHECK(Keys(r) == std::vector<std::string>{});
  CHECK(r.common_prefixes == std::vector<std::string>{"data/x-", "log-"});
}

TEST_CASE("empty directories list as keys ending in a slash", "[s3api]") {
  FakeFileSystem fs;
  Mkdir(fs, "/b/empty");
  Put(fs, "/b/full/x");
  auto r = List(fs, "", "");
  CHECK(Keys(r) == std::vector<std::string>{"empty/", "full/x"});
  auto exact = List(fs, "empty/", "/");
  CHECK(Keys(exact) == std::vector<std::string>{"empty/"});
}

TEST_CASE("files being written are not listed", "[s3api]") {
  FakeFileSystem fs;
  Mkdir(fs, "/b");
  Put(fs, "/b/done");
  wire::CreateFileOptions o;
  auto pending = fs.CreateFile("/b/pending", o);
  REQUIRE(pending.ok());
  CHECK(Keys(List(fs, "", "")) == std::vector<std::string>{"done"});
}

TEST_CASE("pages of max-keys cover every key exactly once", "[s3api]") {
  FakeFileSystem fs;
  Mkdir(fs, "/b");
  std::vector<std::string> expected;
  for (int d = 0; d < 5; ++d) {
    for (int f = 0; f < 7; ++f) {
      std::string key = "d" + std::to_string(d) + "/f" + std::to_string(f);
      Put(fs, "/b/" + key);
      expected.push_back(key);
    }
    Put(fs, "/b/d" + std::to_string(d) + "-top");
  }
  std::sort(expected.begin(), expected.end());
  for (int page_size : {1, 3, 10}) {
    std::vector<std::string> seen;
    std::string after;
    int pages = 0;
    while (true) {
      auto r = List(fs, "d", "", after, page_size);
      for (const std::string& k : Keys(r)) {
        if (k.find("-top") == std::string::npos) seen.push_back(k);
      }
      ++pages;
      REQUIRE(pages < 100);
      if (!r.truncated) break;
      CHECK(static_cast<int>(r.contents.size()) == page_size);
      after = r.last;
    }
    CHECK(seen == expected);
  }
  // With a delimiter, prefixes count towards max-keys and are never repeated.
  std::vector<std::string> prefixes;
  std::string after;
  while (true) {
    auto r = List(fs, "", "/", after, 2);
    for (auto& p : r.common_prefixes) prefixes.push_back(p);
    if (!r.truncated) break;
    after = r.last;
  }
  CHECK(prefixes == std::vector<std::string>{"d0/", "d1/", "d2/", "d3/", "d4/"});
}

TEST_CASE("max-keys 0 lists nothing and is not truncated", "[s3api]") {
  FakeFileSystem fs;
  Put(fs, "/b/x");
  auto r = List(fs, "", "", "", 0);
  CHECK(r.contents.empty());
  CHECK_FALSE(r.truncated);
}

}  // namespace alluxio::proxy
