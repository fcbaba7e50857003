// The client metadata cache: the store on its own (expiry, size bound, users, subtree and
// ancestor invalidation, racing answers), then the caching FileSystem against a real in-process
// master, next to a second client that changes things behind its back.
#include "lib/client/metadata_cache.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <memory>
#include <string>

#include "lib/client/native_file_system.h"
#include "lib/common/clock.h"
#include "lib/common/logging.h"
#include "lib/common/user.h"
#include "server/master/master_process.h"
#include "tests/unit/master/test_master_options.h"
#include "tests/unit/temp_dir.h"

namespace alluxio::client {
namespace {

namespace stdfs = std::filesystem;

wire::FileInfo InfoOf(const std::string& path, int64_t length) {
  wire::FileInfo i;
  i.path = path;
  i.length = length;
  return i;
}

MetadataCacheOptions Options(size_t max_size = 100, int64_t expiration_ms = 1'000) {
  MetadataCacheOptions o;
  o.enabled = true;
  o.max_size = max_size;
  o.expiration_ms = expiration_ms;
  return o;
}

}  // namespace

TEST_CASE("a cached status is returned until it expires", "[client][metadata_cache]") {
  ManualClock clock;
  MetadataCache cache(Options(100, 1'000), &clock);
  CHECK(cache.Get("u", "/a") == nullptr);
  cache.Put("u", "/a", InfoOf("/a", 7), cache.generation());
  auto hit = cache.Get("u", "/a");
  REQUIRE(hit != nullptr);
  CHECK(hit->length == 7);
  clock.AdvanceMs(999);
  CHECK(cache.Get("u", "/a") != nullptr);
  clock.AdvanceMs(1);
  CHECK(cache.Get("u", "/a") == nullptr);
  CHECK(cache.size() == 0);  // the expired entry went
  CHECK(cache.hits() == 2);
  CHECK(cache.misses() == 2);
}

TEST_CASE("statuses are per user; invalidation drops every user's", "[client][metadata_cache]") {
  ManualClock clock;
  MetadataCache cache(Options(), &clock);
  cache.Put("alice", "/f", InfoOf("/f", 1), cache.generation());
  CHECK(cache.Get("bob", "/f") == nullptr);
  cache.Put("bob", "/f", InfoOf("/f", 2), cache.generation());
  CHECK(cache.Get("alice", "/f")->length == 1);
  CHECK(cache.Get("bob", "/f")->length == 2);
  cache.Invalidate("/f");
  CHECK(cache.Get("alice", "/f") == nullptr);
  CHECK(cache.Get("bob", "/f") == nullptr);
}

TEST_CASE("the least recently used paths go beyond max size", "[client][metadata_cache]") {
  ManualClock clock;
  MetadataCache cache(Options(2), &clock);
  cache.Put("", "/a", InfoOf("/a", 0), cache.generation());
  cache.Put("", "/b", InfoOf("/b", 0), cache.generation());
  CHECK(cache.Get("", "/a") != nullptr);  // /a is now the most recent
  cache.Put("", "/c", InfoOf("/c", 0), cache.generation());
  CHECK(cache.size() == 2);
  CHECK(cache.Get("", "/b") == nullptr);
  CHECK(cache.Get("", "/a") != nullptr);
  CHECK(cache.Get("", "/c") != nullptr);
}

TEST_CASE("a subtree is dropped without touching its look-alikes", "[client][metadata_cache]") {
  ManualClock clock;
  MetadataCache cache(Options(), &clock);
  for (const char* p : {"/", "/a", "/a/b", "/a/b/c", "/ab", "/a-b", "/a.b", "/b"}) {
    cache.Put("", p, InfoOf(p, 0), cache.generation());
  }
  cache.InvalidateTree("/a");
  CHECK(cache.Get("", "/a") == nullptr);
  CHECK(cache.Get("", "/a/b") == nullptr);
  CHECK(cache.Get("", "/a/b/c") == nullptr);
  CHECK(cache.Get("", "/ab") != nullptr);
  CHECK(cache.Get("", "/a-b") != nullptr);
  CHECK(cache.Get("", "/a.b") != nullptr);
  CHECK(cache.Get("", "/b") != nullptr);
  CHECK(cache.Get("", "/") != nullptr);

  cache.InvalidateAncestors("/ab/x/y");  // "/ab/x", "/ab" and "/"
  CHECK(cache.Get("", "/ab") == nullptr);
  CHECK(cache.Get("", "/") == nullptr);
  CHECK(cache.Get("", "/b") != nullptr);

  cache.InvalidateTree("/");
  CHECK(cache.size() == 0);
}

TEST_CASE("an answer that raced an invalidation is not stored", "[client][metadata_cache]") {
  ManualClock clock;
  MetadataCache cache(Options(), &clock);
  uint64_t asked_at = cache.generation();  // a GetStatus goes to the master...
  cache.Invalidate("/f");                  // ...while a delete of /f lands
  cache.Put("", "/f", InfoOf("/f", 1), asked_at);
  CHECK(cache.Get("", "/f") == nullptr);
}

namespace {

// The cache options from a configuration made of the table's defaults and `overrides` only.
Result<MetadataCacheOptions> OptionsFrom(
    std::vector<std::pair<std::string, std::string>> overrides) {
  conf::LoadOptions lo;
  lo.getenv = [](const char*) -> const char* { return nullptr; };
  lo.search_dirs = std::vector<std::string>{};
  lo.overrides = std::move(overrides);
  ASSIGN_OR_RETURN(conf::Configuration conf, conf::Configuration::Load(lo));
  return MetadataCacheOptionsFromConfiguration(conf);
}

}  // namespace

TEST_CASE("configuration: off by default, zero size or expiration turns it off",
          "[client][metadata_cache]") {
  auto o = OptionsFrom({});
  REQUIRE(o.ok());
  CHECK_FALSE(o->enabled);
  CHECK(o->max_size == 100'000);
  CHECK(o->expiration_ms == 600'000);
  o = OptionsFrom({{"alluxio.user.metadata.cache.enabled", "true"},
                   {"alluxio.user.metadata.cache.expiration.time", "2s"}});
  REQUIRE(o.ok());
  CHECK(o->enabled);
  CHECK(o->expiration_ms == 2'000);
  o = OptionsFrom({{"alluxio.user.metadata.cache.enabled", "true"},
                   {"alluxio.user.metadata.cache.max.size", "0"}});
  REQUIRE(o.ok());
  CHECK_FALSE(o->enabled);
  CHECK_FALSE(OptionsFrom({{"alluxio.user.metadata.cache.max.size", "-1"}}).ok());
}

namespace {

// A master on an ephemeral port (heap metastore, temporary root UFS), a caching client and a
// plain one acting as another client.
class CachingFixture {
 public:
  CachingFixture() {
    stdfs::create_directories(dir_.Sub("ufs"));
    master_ = std::make_unique<master::MasterProcess>(testing::TestMasterOptions(dir_.Sub("ufs")),
                                                      &logger_, &system_clock_);
    Status st = master_->Start();
    INFO(st.ToString());
    REQUIRE(st.ok());
    ClientOptions c;
    c.master_host = "127.0.0.1";
    c.master_rpc_port = master_->rpc_port();
    c.user = CurrentUserName();
    c.default_write_type = wire::WriteType::kMustCache;
    cache_ = std::make_shared<MetadataCache>(Options(100, 10'000), &cache_clock_);
    cached_ = WithMetadataCache(std::make_unique<NativeFileSystem>(c), cache_, c.user);
    other_ = std::make_unique<NativeFileSystem>(c);
  }
  ~CachingFixture() { master_->Stop(); }

  void Touch(FileSystem& fs, const std::string& path) {
    auto out = fs.CreateFile(path, {});
    REQUIRE(out.ok());
    REQUIRE((*out)->Close().ok());
  }

  Logger logger_{LogLevel::kError};
  SystemClock system_clock_;
  ManualClock cache_clock_;
  testing::TempDir dir_;
  std::unique_ptr<master::MasterProcess> master_;
  std::shared_ptr<MetadataCache> cache_;
  std::unique_ptr<FileSystem> cached_;
  std::unique_ptr<FileSystem> other_;
};

}  // namespace

TEST_CASE_METHOD(CachingFixture, "another client's change shows after the expiration",
                 "[client][metadata_cache]") {
  REQUIRE(other_->CreateDirectory("/d", {}).ok());
  Touch(*other_, "/d/f");
  REQUIRE(cached_->GetStatus("/d/f", {}).ok());
  REQUIRE(cached_->GetStatus("/d//f/", {}).ok());  // the same path, normalised
  CHECK(cache_->hits() == 1);

  REQUIRE(other_->Delete("/d/f", {}).ok());
  auto stale = cached_->GetStatus("/d/f", {});
  CHECK(stale.ok());  // cached: the master was not asked
  // Asking for a sync goes to the master, and the answer is NOT_FOUND.
  wire::GetStatusOptions sync;
  sync.common.sync_interval_ms = 0;
  CHECK(cached_->GetStatus("/d/f", sync).status().code() == StatusCode::kNotFound);

  Touch(*other_, "/d/g");
  REQUIRE(cached_->GetStatus("/d/g", {}).ok());
  REQUIRE(other_->Delete("/d/g", {}).ok());
  CHECK(cached_->GetStatus("/d/g", {}).ok());
  cache_clock_.AdvanceMs(10'000);
  CHECK(cached_->GetStatus("/d/g", {}).status().code() == StatusCode::kNotFound);
}

TEST_CASE_METHOD(CachingFixture, "the client's own changes show at once",
                 "[client][metadata_cache]") {
  REQUIRE(cached_->CreateDirectory("/d", {}).ok());
  auto dir = cached_->GetStatus("/d", {});
  REQUIRE(dir.ok());
  CHECK(dir->length == 0);  // a directory's length is its number of children

  // A file created and closed: the parent's child count and the file's own status are new.
  auto out = cached_->CreateFile("/d/f", {});
  REQUIRE(out.ok());
  auto incomplete = cached_->GetStatus("/d/f", {});
  REQUIRE(incomplete.ok());
  CHECK_FALSE(incomplete->completed);
  REQUIRE((*out)->Close().ok());
  auto done = cached_->GetStatus("/d/f", {});
  REQUIRE(done.ok());
  CHECK(done->completed);
  CHECK(cached_->GetStatus("/d", {})->length == 1);

  wire::SetAttributeOptions mode;
  mode.mode = 0600;
  REQUIRE(cached_->SetAttribute("/d/f", mode).ok());
  CHECK(cached_->GetStatus("/d/f", {})->mode == 0600);

  REQUIRE(cached_->Rename("/d/f", "/d/g", {}).ok());
  CHECK(cached_->GetStatus("/d/f", {}).status().code() == StatusCode::kNotFound);
  CHECK(cached_->GetStatus("/d/g", {}).ok());

  wire::DeleteOptions recursive;
  recursive.recursive = true;
  REQUIRE(cached_->GetStatus("/", {}).ok());
  REQUIRE(cached_->Delete("/d", recursive).ok());
  CHECK(cached_->GetStatus("/d/g", {}).status().code() == StatusCode::kNotFound);
  CHECK(cached_->GetStatus("/d", {}).status().code() == StatusCode::kNotFound);
  CHECK(cached_->GetStatus("/", {})->length == 0);
}

TEST_CASE_METHOD(CachingFixture, "a missing path is not cached", "[client][metadata_cache]") {
  CHECK(cached_->GetStatus("/late", {}).status().code() == StatusCode::kNotFound);
  Touch(*other_, "/late");
  CHECK(cached_->GetStatus("/late", {}).ok());
}

TEST_CASE_METHOD(CachingFixture, "DropCachedStatus makes the next call ask the master",
                 "[client][metadata_cache]") {
  Touch(*other_, "/f");
  REQUIRE(cached_->GetStatus("/f", {}).ok());
  REQUIRE(other_->Delete("/f", {}).ok());
  cached_->DropCachedStatus("/f");
  CHECK(cached_->GetStatus("/f", {}).status().code() == StatusCode::kNotFound);
}

TEST_CASE_METHOD(CachingFixture, "CachedStatus answers only from the cache",
                 "[client][metadata_cache]") {
  Touch(*other_, "/f");
  CHECK(cached_->CachedStatus("/f") == nullptr);  // never asks the master
  CHECK(other_->CachedStatus("/f") == nullptr);   // a client without a cache has none
  auto asked = cached_->GetStatus("/f", {});
  REQUIRE(asked.ok());
  auto held = cached_->CachedStatus("//f/");
  REQUIRE(held != nullptr);
  CHECK(held->file_id == asked->file_id);
  cache_clock_.AdvanceMs(10'000);
  CHECK(cached_->CachedStatus("/f") == nullptr);  // expired
  REQUIRE(cached_->GetStatus("/f", {}).ok());
  cached_->DropCachedStatus("/f");
  CHECK(cached_->CachedStatus("/f") == nullptr);
}

}  // namespace alluxio::client
