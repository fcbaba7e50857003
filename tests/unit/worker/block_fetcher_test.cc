#include "server/worker/block_fetcher.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "lib/common/unique_fd.h"
#include "lib/ufs/fault_injecting_ufs.h"
#include "lib/ufs/local_ufs.h"
#include "lib/ufs/memory_ufs.h"
#include "tests/unit/temp_dir.h"

namespace alluxio::worker {
namespace {

namespace fs = std::filesystem;

using ::alluxio::testing::TempDir;

std::string Content(size_t size) {
  std::string data(size, '\0');
  for (size_t i = 0; i < size; ++i) data[i] = static_cast<char>((i * 13 + 5) % 251);
  return data;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void WriteUfsFile(ufs::UnderFileSystem& ufs, const std::string& path, const std::string& data) {
  auto out = ufs.Create(path, {});
  REQUIRE(out.ok());
  REQUIRE((*out)->Write(data).ok());
  REQUIRE((*out)->Close().ok());
}

constexpr int64_t kMB = 1 << 20;

// A one-dir MEM store of `quota` bytes under a temp dir, its fetcher, and a local UFS dir.
struct Env {
  explicit Env(int64_t quota = 64 * kMB,
               int max_background = BlockFetcher::kDefaultMaxBackgroundFetches) {
    BlockStoreOptions options;
    TierSpec tier;
    tier.alias = "MEM";
    tier.dirs.push_back({root.Sub("mem"), quota, "MEM"});
    options.tiers.push_back(std::move(tier));
    auto opened = BlockStore::Open(std::move(options), &clock, &logger, &metrics);
    REQUIRE(opened.ok());
    store = *std::move(opened);
    fetcher = std::make_unique<BlockFetcher>(store.get(), &logger, &metrics, max_background);
    fs::create_directories(root.Sub("ufs"));
  }
  ~Env() { fetcher->Stop(); }

  int64_t Counter(const std::string& name) { return metrics.GetCounter(name)->value(); }
  int64_t Used() const { return store->Usage()[0].used_bytes; }

  TempDir root;
  ManualClock clock;
  Logger logger{LogLevel::kError};
  MetricsRegistry metrics;
  std::unique_ptr<BlockStore> store;
  std::unique_ptr<BlockFetcher> fetcher;  // after the store: stopped before it goes
};

TEST_CASE("a fetch from a local UFS caches the block's bytes and Wait returns OK", "[worker]") {
  Env env;
  auto local = std::make_shared<ufs::LocalUfs>();
  std::string path = env.root.Sub("ufs/f");
  const std::string content = Content(static_cast<size_t>(10 * kMB + 3));
  WriteUfsFile(*local, path, content);
  // The second block of a file of 4 MB blocks: [4 MB, 8 MB).
  auto fetch = env.fetcher->GetOrStart({7, local, path, 4 * kMB, 4 * kMB});
  REQUIRE(fetch != nullptr);
  Status waited = fetch->Wait();
  INFO(waited.ToString());
  REQUIRE(waited.ok());
  CHECK(fetch->progress() == 4 * kMB);
  auto handle = env.store->LockBlock(7);
  REQUIRE(handle.ok());
  CHECK(handle->length() == 4 * kMB);
  CHECK(ReadFile(handle->path()) == content.substr(4 * kMB, 4 * kMB));
  CHECK(env.Used() == 4 * kMB);
  CHECK(env.Counter("Worker.BytesReadUfs") == 4 * kMB);
  CHECK(env.Counter("Worker.BlocksFetchedFromUfs") == 1);
}

TEST_CASE("a fetch from a UFS without kernel copies caches the same bytes", "[worker]") {
  Env env;
  auto mem = std::make_shared<ufs::MemoryUfs>();
  const std::string content = Content(static_cast<size_t>(3 * kMB + 1));
  WriteUfsFile(*mem, "mem://b/f", content);
  auto fetch = env.fetcher->GetOrStart({9, mem, "mem://b/f", kMB, 2 * kMB + 1});
  REQUIRE(fetch != nullptr);
  REQUIRE(fetch->Wait().ok());
  auto handle = env.store->LockBlock(9);
  REQUIRE(handle.ok());
  CHECK(ReadFile(handle->path()) == content.substr(kMB));
}

TEST_CASE("readers of one block share one fetch and read its bytes as it goes", "[worker]") {
  Env env;
  auto local = std::make_shared<ufs::LocalUfs>();
  std::string path = env.root.Sub("ufs/f");
  const std::string content = Content(static_cast<size_t>(6 * kMB));
  WriteUfsFile(*local, path, content);
  auto first = env.fetcher->GetOrStart({11, local, path, 0, 6 * kMB});
  auto second = env.fetcher->GetOrStart({11, local, path, 0, 6 * kMB});
  REQUIRE(first != nullptr);
  CHECK(first == second);
  std::string got(kMB, '\0');
  auto n = second->ReadAt(5 * kMB, got.data(), got.size());
  REQUIRE(n.ok());
  CHECK(*n == static_cast<size_t>(kMB));
  CHECK(got == content.substr(5 * kMB));
  REQUIRE(first->Wait().ok());
  REQUIRE(second->Wait().ok());
  CHECK(env.Counter("Worker.BlocksFetchedFromUfs") == 1);
  CHECK(env.Counter("Worker.BytesReadUfs") == 6 * kMB);
}

TEST_CASE("a fetch the UFS fails reports why from Wait and caches nothing", "[worker]") {
  Env env;
  auto base = std::make_shared<ufs::MemoryUfs>();
  auto faulty = std::make_shared<ufs::FaultInjectingUfs>(base);
  WriteUfsFile(*base, "mem://b/f", Content(static_cast<size_t>(2 * kMB)));
  faulty->FailNext(ufs::FaultInjectingUfs::Op::kRead, Status::Unavailable("injected"), 1, 1);
  auto fetch = env.fetcher->GetOrStart({13, faulty, "mem://b/f", 0, 2 * kMB});
  REQUIRE(fetch != nullptr);
  Status waited = fetch->Wait();
  CHECK(waited.code() == StatusCode::kUnavailable);
  CHECK_FALSE(env.store->HasBlock(13));
  CHECK(env.Used() == 0);  // the reservation went with the block
  CHECK(env.Counter("Worker.BlockFetchFailures") == 1);
  // The next reader starts a new fetch, which succeeds.
  auto again = env.fetcher->GetOrStart({13, faulty, "mem://b/f", 0, 2 * kMB});
  REQUIRE(again != nullptr);
  CHECK(again != fetch);
  CHECK(again->Wait().ok());
  CHECK(env.store->HasBlock(13));
}

TEST_CASE("a UFS file shorter than the block fails the fetch with DATA_LOSS", "[worker]") {
  Env env;
  auto local = std::make_shared<ufs::LocalUfs>();
  std::string path = env.root.Sub("ufs/short");
  WriteUfsFile(*local, path, Content(static_cast<size_t>(kMB)));
  auto fetch = env.fetcher->GetOrStart({15, local, path, 0, 2 * kMB});
  REQUIRE(fetch != nullptr);
  CHECK(fetch->Wait().code() == StatusCode::kDataLoss);
  CHECK_FALSE(env.store->HasBlock(15));
  CHECK(env.Used() == 0);
}

TEST_CASE("a block that does not fit the store is not fetched", "[worker]") {
  Env env(2 * kMB);
  auto local = std::make_shared<ufs::LocalUfs>();
  std::string path = env.root.Sub("ufs/big");
  WriteUfsFile(*local, path, Content(static_cast<size_t>(4 * kMB)));
  CHECK(env.fetcher->GetOrStart({17, local, path, 0, 4 * kMB}) == nullptr);
  CHECK(env.Used() == 0);
  CHECK(env.Counter("Worker.BlocksFetchedFromUfs") == 0);
}

// Nice values of this process's threads, from /proc/self/task/*/stat (field 19).
std::vector<int> ThreadNiceValues() {
  std::vector<int> out;
  for (const auto& task : fs::directory_iterator("/proc/self/task")) {
    std::string stat = ReadFile(task.path().string() + "/stat");
    size_t paren = stat.rfind(')');
    if (paren == std::string::npos) continue;
    std::istringstream fields(stat.substr(paren + 2));  // from field 3 (state) on
    std::string field;
    for (int i = 3; i <= 19 && fields >> field; ++i) {
      if (i == 19) out.push_back(std::stoi(field));
    }
  }
  return out;
}

bool AnyThreadAtNice(int nice) {
  for (int n : ThreadNiceValues()) {
    if (n == nice) return true;
  }
  return false;
}

// A fetch whose UFS file is a FIFO blocks in open(2) until a writer comes: long enough to look
// at its thread.
void CheckFetchThreadNice(bool background, bool expect_niced) {
  errno = 0;
  const int base = ::getpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()));
  REQUIRE(errno == 0);
  if (base + 10 > 19) {
    WARN("This test runs at nice " << base << ": no room to check a background fetch's nice");
    return;
  }
  const int niced_value = base + 10;
  Env env;
  auto local = std::make_shared<ufs::LocalUfs>();
  std::string fifo = env.root.Sub("ufs/fifo");
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  REQUIRE_FALSE(AnyThreadAtNice(niced_value));
  FetchRequest request{19, local, fifo, 0, kMB};
  request.background = background;
  auto fetch = env.fetcher->GetOrStart(request);
  REQUIRE(fetch != nullptr);
  bool niced = false;
  for (int i = 0; i < 50 && !niced; ++i) {  // the thread renices itself as it starts
    niced = AnyThreadAtNice(niced_value);
    if (!niced) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  CHECK(niced == expect_niced);
  {
    UniqueFd writer(::open(fifo.c_str(), O_WRONLY | O_CLOEXEC));  // lets open(2) return
    REQUIRE(writer.valid());
  }
  CHECK_FALSE(fetch->Wait().ok());  // a FIFO is no block: the fetch fails and caches nothing
  CHECK_FALSE(env.store->HasBlock(19));
}

TEST_CASE("a background fetch runs its thread 10 nice levels lower, a foreground one does not",
          "[worker]") {
  CheckFetchThreadNice(/*background=*/true, /*expect_niced=*/true);
  CheckFetchThreadNice(/*background=*/false, /*expect_niced=*/false);
}

TEST_CASE("a new background fetch waits while the most allowed are running; others do not",
          "[worker]") {
  Env env(64 * kMB, /*max_background=*/1);
  auto local = std::make_shared<ufs::LocalUfs>();
  std::string fifo = env.root.Sub("ufs/fifo");
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::string path = env.root.Sub("ufs/f");
  const std::string content = Content(static_cast<size_t>(2 * kMB));
  WriteUfsFile(*local, path, content);
  FetchRequest held{21, local, fifo, 0, kMB};  // stays in open(2) until a writer comes
  held.background = true;
  auto first = env.fetcher->GetOrStart(held);
  REQUIRE(first != nullptr);
  // The same block joins the running fetch at once; a foreground fetch is not limited.
  CHECK(env.fetcher->GetOrStart(held) == first);
  auto foreground = env.fetcher->GetOrStart({22, local, path, 0, kMB});
  REQUIRE(foreground != nullptr);
  CHECK(foreground->Wait().ok());
  // A second background fetch waits for the first to end.
  FetchRequest next{23, local, path, kMB, kMB};
  next.background = true;
  std::atomic<bool> started{false};
  std::shared_ptr<BlockFetch> second;
  std::thread starter([&] {
    second = env.fetcher->GetOrStart(next);
    started = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  CHECK_FALSE(started);
  {
    UniqueFd writer(::open(fifo.c_str(), O_WRONLY | O_CLOEXEC));  // the first fetch goes on
    REQUIRE(writer.valid());
  }
  starter.join();
  CHECK(started);
  REQUIRE(second != nullptr);
  CHECK(second->Wait().ok());
  auto handle = env.store->LockBlock(23);
  REQUIRE(handle.ok());
  CHECK(ReadFile(handle->path()) == content.substr(kMB));
}

TEST_CASE("Stop wakes a background fetch waiting for its turn", "[worker]") {
  Env env(64 * kMB, /*max_background=*/1);
  auto local = std::make_shared<ufs::LocalUfs>();
  std::string fifo = env.root.Sub("ufs/fifo");
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  FetchRequest held{25, local, fifo, 0, kMB};
  held.background = true;
  REQUIRE(env.fetcher->GetOrStart(held) != nullptr);
  FetchRequest next{26, local, env.root.Sub("ufs/none"), 0, kMB};
  next.background = true;
  bool got_none = false;
  std::thread waiter([&] { got_none = env.fetcher->GetOrStart(next) == nullptr; });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  // Stop joins the held fetch: once the waiter is out, let that fetch out of open(2).
  std::thread opener([&] {
    waiter.join();
    UniqueFd writer(::open(fifo.c_str(), O_WRONLY | O_CLOEXEC));
  });
  env.fetcher->Stop();
  opener.join();
  CHECK(got_none);
}

}  // namespace
}  // namespace alluxio::worker
