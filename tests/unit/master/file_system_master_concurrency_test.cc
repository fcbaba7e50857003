// FileSystemMaster under concurrent use: threads creating, completing, renaming, deleting,
// stating and listing in the same directories at once must leave a tree in which every listed
// child resolves, each directory's length equals its listing, and no name appears twice.
#include <atomic>
#include <catch2/catch.hpp>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "server/master/file_system_master.h"
#include "tests/unit/master/file_system_master_test_util.h"

namespace alluxio::master {
namespace {

using testing::Alice;
using testing::Harness;

// Collects unexpected errors from worker threads (Catch assertions are not thread-safe).
class Failures {
 public:
  void Add(const std::string& what) {
    std::lock_guard<std::mutex> lock(mu_);
    if (messages_.size() < 20) messages_.push_back(what);
    ++count_;
  }
  // OK, or an error whose code is one of `allowed`.
  void Expect(const Status& s, std::initializer_list<StatusCode> allowed, const std::string& op) {
    if (s.ok()) return;
    for (StatusCode c : allowed) {
      if (s.code() == c) return;
    }
    Add(op + ": " + s.ToString());
  }
  int count() const {
    std::lock_guard<std::mutex> lock(mu_);
    return count_;
  }
  std::string Summary() const {
    std::lock_guard<std::mutex> lock(mu_);
    std::string out;
    for (const auto& m : messages_) out += m + "\n";
    return out;
  }

 private:
  mutable std::mutex mu_;
  std::vector<std::string> messages_;
  int count_ = 0;
};

// Checks that a listing is strictly increasing in name (sorted, no duplicate) and that every
// entry's path is the directory joined with its name.
void CheckPage(const ListPage& page, const std::string& dir, Failures* failures) {
  std::string prev;
  for (size_t i = 0; i < page.entries.size(); ++i) {
    const wire::FileInfo& f = page.entries[i];
    if (i > 0 && !(prev < f.name)) failures->Add("listing out of order at " + f.name);
    if (f.path != dir + "/" + f.name) failures->Add("entry " + f.name + " has path " + f.path);
    prev = f.name;
  }
}

// Verifies the final state of `dir`: every listed child resolves to the same inode, the length
// equals the listing size, names and ids are unique. Returns the number of children.
size_t CheckDirectory(Harness& h, const std::string& dir) {
  auto page = h->ListStatus(Alice(), dir, wire::ListStatusOptions{}, "", 0);
  MASTER_REQUIRE_OK(page);
  std::set<std::string> names;
  std::set<int64_t> ids;
  for (const wire::FileInfo& f : page->entries) {
    INFO(f.path);
    CHECK(names.insert(f.name).second);
    CHECK(ids.insert(f.file_id).second);
    auto st = h->GetStatus(Alice(), f.path, wire::GetStatusOptions{});
    MASTER_REQUIRE_OK(st);
    CHECK(st->file_id == f.file_id);
    auto by_id = h->GetStatusById(Alice(), f.file_id);
    MASTER_REQUIRE_OK(by_id);
    CHECK(by_id->path == f.path);
  }
  CHECK(h.Stat(dir).length == static_cast<int64_t>(page->entries.size()));
  return page->entries.size();
}

TEST_CASE(
    "concurrent creates, renames, deletes and listings in one directory leave a "
    "consistent tree",
    "[master]") {
  Harness h;
  h.Mkdir("/c", wire::WriteType::kCacheThrough);
  constexpr int kThreads = 8;
  constexpr int kOps = 500;
  constexpr int kNames = 48;
  Failures failures;
  std::atomic<int> created{0};
  std::atomic<int> renamed{0};
  auto name = [](int k) { return "/c/f" + std::to_string(k); };

  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::mt19937 rng(1234 + t);
      for (int i = 0; i < kOps; ++i) {
        int op = static_cast<int>(rng() % 10);
        std::string a = name(static_cast<int>(rng() % kNames));
        std::string b = name(static_cast<int>(rng() % kNames));
        if (op <= 2) {
          // Some files persisted (an empty CACHE_THROUGH file is written to the UFS).
          wire::WriteType wt =
              (rng() % 3 == 0) ? wire::WriteType::kCacheThrough : wire::WriteType::kMustCache;
          wire::CreateFileOptions create;
          create.write_type = wt;
          auto st = h->CreateFile(Alice(), a, create);
          failures.Expect(st.status(), {StatusCode::kAlreadyExists}, "create " + a);
          if (!st.ok()) continue;
          created++;
          CompleteFileOptions complete;
          complete.write_type = wt;
          complete.length =
              wt == wire::WriteType::kMustCache ? static_cast<int64_t>(rng() % 100) : 0;
          failures.Expect(h->CompleteFile(Alice(), a, complete).status(),
                          {StatusCode::kNotFound, StatusCode::kAlreadyExists}, "complete " + a);
        } else if (op <= 4) {
          Status st = h->Rename(Alice(), a, b, wire::RenameOptions{});
          failures.Expect(st, {StatusCode::kNotFound, StatusCode::kAlreadyExists},
                          "rename " + a + " " + b);
          if (st.ok()) renamed++;
        } else if (op == 5) {
          failures.Expect(h->Delete(Alice(), a, wire::DeleteOptions{}), {StatusCode::kNotFound},
                          "delete " + a);
        } else if (op == 6) {
          auto st = h->GetStatus(Alice(), a, wire::GetStatusOptions{});
          failures.Expect(st.status(), {StatusCode::kNotFound}, "stat " + a);
          if (st.ok() && st->path != a) failures.Add("stat " + a + " gave " + st->path);
        } else {
          wire::ListStatusOptions options;
          if (op == 9) options.load_metadata_type = wire::LoadMetadataType::kAlways;
          size_t limit = op == 8 ? 7 : 0;
          auto page = h->ListStatus(Alice(), "/c", options, op == 8 ? "f2" : "", limit);
          failures.Expect(page.status(), {}, "list");
          if (page.ok()) {
            CheckPage(*page, "/c", &failures);
            if (limit && page->entries.size() > limit) failures.Add("page over its limit");
          }
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  INFO(failures.Summary());
  CHECK(failures.count() == 0);
  CHECK(created > 0);
  CHECK(renamed > 0);

  size_t children = CheckDirectory(h, "/c");
  // No inode was leaked or lost: the store holds the root, /c and its children only.
  CHECK(h->InodeCount() == static_cast<int64_t>(children) + 2);
  // A full sync reconciles Alluxio and the UFS: every persisted child is in the UFS and every
  // UFS file is listed.
  wire::ListStatusOptions sync;
  sync.common.sync_interval_ms = 0;
  auto synced = h->ListStatus(Alice(), "/c", sync, "", 0);
  MASTER_REQUIRE_OK(synced);
  std::set<std::string> persisted;
  for (const wire::FileInfo& f : synced->entries) {
    if (f.persisted) persisted.insert(f.name);
  }
  std::set<std::string> in_ufs;
  auto listing = h.Ufs(h.root_ufs())->ListAll(h.UfsPath("/c"));
  MASTER_REQUIRE_OK(listing);
  for (const auto& s : *listing) in_ufs.insert(s.name);
  CHECK(persisted == in_ufs);
  CheckDirectory(h, "/c");
}

TEST_CASE("concurrent renames between two directories keep both child counts right", "[master]") {
  Harness h;
  constexpr int kFiles = 40;
  for (int i = 0; i < kFiles; ++i) h.MakeFile("/a/f" + std::to_string(i), 1);
  h.Mkdir("/b");
  Failures failures;
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&, t] {
      std::mt19937 rng(99 + t);
      for (int i = 0; i < 300; ++i) {
        std::string n = "f" + std::to_string(rng() % kFiles);
        bool to_b = rng() % 2 == 0;
        std::string src = (to_b ? "/a/" : "/b/") + n;
        std::string dst = (to_b ? "/b/" : "/a/") + n;
        failures.Expect(h->Rename(Alice(), src, dst, wire::RenameOptions{}),
                        {StatusCode::kNotFound}, "rename " + src);
        if (i % 10 == 0) {
          auto page = h->ListStatus(Alice(), to_b ? "/b" : "/a", wire::ListStatusOptions{}, "", 0);
          failures.Expect(page.status(), {}, "list");
          if (page.ok()) CheckPage(*page, to_b ? "/b" : "/a", &failures);
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  INFO(failures.Summary());
  CHECK(failures.count() == 0);
  size_t in_a = CheckDirectory(h, "/a");
  size_t in_b = CheckDirectory(h, "/b");
  CHECK(in_a + in_b == static_cast<size_t>(kFiles));
  CHECK(h->InodeCount() == kFiles + 3);
}

TEST_CASE("concurrent recursive creates of overlapping paths create each directory once",
          "[master]") {
  Harness h;
  Failures failures;
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        wire::CreateDirectoryOptions options;
        options.recursive = true;
        options.allow_exists = true;
        options.write_type = (i % 2) ? wire::WriteType::kCacheThrough : wire::WriteType::kMustCache;
        std::string path = "/x/y" + std::to_string(i % 5) + "/z" + std::to_string((i + t) % 7);
        failures.Expect(h->CreateDirectory(Alice(), path, options), {}, "mkdir " + path);
      }
    });
  }
  for (auto& t : threads) t.join();
  INFO(failures.Summary());
  CHECK(failures.count() == 0);
  CHECK(CheckDirectory(h, "/x") == 5);
  size_t total = 0;
  for (int i = 0; i < 5; ++i) total += CheckDirectory(h, "/x/y" + std::to_string(i));
  CHECK(total == 5 * 7);
  CHECK(h->InodeCount() == static_cast<int64_t>(2 + 5 + total));
}

}  // namespace
}  // namespace alluxio::master
