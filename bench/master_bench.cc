// Master benchmark.
//
//   master_bench rpc HOST PORT THREADS SECONDS OP [PATH]
//       Drives a running master's RPC with THREADS concurrent clients for SECONDS and prints
//       ops/s, p50 and p99 latency. OP: getStatus, listStatus, create (createFile + complete),
//       rename, delete, noop (GET /healthz: the HTTP floor, our peer for the RPC ops).
//       `create` leaves files under PATH/bench-<thread>/f<i>; `rename` renames them to r<i> and
//       `delete` deletes the r<i>. When a thread finds no file left to rename or delete, every
//       thread stops and ops/s is taken over the time until then. A create's latency covers both
//       of its calls (createFile and completeFile).
//   master_bench rss DIR INODES
//       Creates INODES files (1,000 per directory) through an in-process FileSystemMaster on a
//       RocksDB metastore in DIR, as the master would, and prints the process RSS at the end.
#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "lib/common/clock.h"
#include "lib/common/logging.h"
#include "lib/common/metrics.h"
#include "lib/net/http_client.h"
#include "lib/ufs/under_file_system.h"
#include "server/master/file_system_master.h"
#include "server/master/metastore/inode_store.h"

namespace {

using alluxio::Histogram;
using alluxio::net::ClientRequest;
using alluxio::net::HttpClient;
using nlohmann::json;

int64_t RssBytes() {
  std::ifstream f("/proc/self/statm");
  int64_t size = 0, resident = 0;
  f >> size >> resident;
  return resident * sysconf(_SC_PAGESIZE);
}

ClientRequest Rpc(const std::string& op, const json& body) {
  ClientRequest r;
  r.method = "POST";
  r.target = "/api/v1/master/fs/" + op;
  r.headers.Set("X-Alluxio-User", "root");
  r.body = body.dump();
  return r;
}

int RunRpc(const std::string& host, int port, int threads, int seconds, const std::string& op,
           const std::string& base) {
  HttpClient client;
  Histogram latency;
  std::atomic<int64_t> ops{0}, errors{0};
  std::atomic<bool> stop{false}, ran_out{false};
  std::vector<std::thread> workers;
  const auto begin = std::chrono::steady_clock::now();
  std::atomic<int64_t> stopped_at_us{0};  // when a thread ran out of files (0: never)
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      std::string dir = base + "/bench-" + std::to_string(t);
      int64_t i = 0;
      while (!stop) {
        ClientRequest req;
        auto start = std::chrono::steady_clock::now();
        if (op == "noop") {
          req.target = "/healthz";
        } else if (op == "getStatus") {
          req = Rpc("get-status", {{"path", base}});
        } else if (op == "listStatus") {
          req = Rpc("list-status", {{"path", base}, {"batchSize", 100}});
        } else if (op == "create") {
          std::string p = dir + "/f" + std::to_string(i);
          auto r = client.Send(
              host, port,
              Rpc("create-file",
                  {{"path", p}, {"options", {{"recursive", true}, {"writeType", "MUST_CACHE"}}}}));
          if (!r.ok() || r->status != 200) {
            ++errors;
            ++i;
            continue;
          }
          req = Rpc("complete-file", {{"path", p}, {"length", 0}, {"writeType", "MUST_CACHE"}});
        } else if (op == "rename") {
          req = Rpc("rename", {{"src", dir + "/f" + std::to_string(i)},
                               {"dst", dir + "/r" + std::to_string(i)}});
        } else if (op == "delete") {
          req = Rpc("delete", {{"path", dir + "/r" + std::to_string(i)}});
        }
        auto r = client.Send(host, port, req);
        auto now = std::chrono::steady_clock::now();
        auto us = std::chrono::duration_cast<std::chrono::microseconds>(now - start).count();
        if ((op == "rename" || op == "delete") && r.ok() && r->status == 404) {
          // Out of files made by the previous step: stop everyone, rate up to now.
          int64_t at = std::chrono::duration_cast<std::chrono::microseconds>(now - begin).count();
          int64_t zero = 0;
          stopped_at_us.compare_exchange_strong(zero, at);
          ran_out = true;
          stop = true;
          break;
        }
        if (!r.ok() || r->status != 200) {
          ++errors;
        } else {
          latency.Record(us);
          ++ops;
        }
        ++i;
      }
    });
  }
  const auto deadline = begin + std::chrono::seconds(seconds);
  while (!stop && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  stop = true;
  for (auto& w : workers) w.join();
  double elapsed = ran_out ? static_cast<double>(stopped_at_us.load()) / 1e6 : seconds;
  double rate = elapsed > 0 ? static_cast<double>(ops.load()) / elapsed : 0;
  std::printf(
      "%-10s threads=%-3d ops/s=%-10.0f p50=%lldus p99=%lldus errors=%lld%s\n", op.c_str(), threads,
      rate, static_cast<long long>(latency.Quantile(0.5)),
      static_cast<long long>(latency.Quantile(0.99)), static_cast<long long>(errors.load()),
      ran_out ? (" (ran out of files after " + std::to_string(elapsed) + "s)").c_str() : "");
  return 0;
}

int RunRss(const std::string& dir, int64_t inodes) {
  using namespace alluxio;
  Logger logger(LogLevel::kWarn);
  SystemClock clock;
  auto registry = ufs::UfsRegistry::WithBuiltins();
  master::RocksInodeStoreOptions ro;
  ro.dir = dir + "/metastore";
  auto rocks = master::OpenRocksInodeStore(ro);
  if (!rocks.ok()) {
    std::cerr << rocks.status().ToString() << "\n";
    return 1;
  }
  auto store = master::NewCachingInodeStore(std::move(rocks).value(), 100000);
  master::FileSystemMasterOptions o;
  o.root_ufs = dir + "/ufs";
  o.superuser = "root";
  o.default_write_type = wire::WriteType::kMustCache;
  master::FileSystemMaster fs(o, store.get(), &registry, &clock, &logger, nullptr);
  Status st = fs.Start();
  if (!st.ok()) {
    std::cerr << st.ToString() << "\n";
    return 1;
  }
  master::CallerInfo root;
  wire::CreateFileOptions co;
  co.recursive = true;
  master::CompleteFileOptions done;
  done.write_type = wire::WriteType::kMustCache;
  auto start = std::chrono::steady_clock::now();
  for (int64_t i = 0; i < inodes; ++i) {
    std::string p = "/d" + std::to_string(i / 1000) + "/f" + std::to_string(i % 1000);
    auto c = fs.CreateFile(root, p, co);
    if (!c.ok() || !fs.CompleteFile(root, p, done).ok()) {
      std::cerr << "create failed at " << i << "\n";
      return 1;
    }
    if ((i + 1) % 1'000'000 == 0) {
      double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::printf("%lld inodes  %.0f creates/s  RSS %.0f MiB\n", static_cast<long long>(i + 1),
                  static_cast<double>(i + 1) / secs, static_cast<double>(RssBytes()) / (1 << 20));
      std::fflush(stdout);
    }
  }
  rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  std::printf("final: %lld inodes, RSS %.0f MiB, peak RSS %.0f MiB\n",
              static_cast<long long>(inodes), static_cast<double>(RssBytes()) / (1 << 20),
              static_cast<double>(ru.ru_maxrss) / 1024);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> a(argv + 1, argv + argc);
  if (a.size() >= 6 && a[0] == "rpc") {
    return RunRpc(a[1], std::stoi(a[2]), std::stoi(a[3]), std::stoi(a[4]), a[5],
                  a.size() > 6 ? a[6] : "/bench");
  }
  if (a.size() == 3 && a[0] == "rss") return RunRss(a[1], std::stoll(a[2]));
  std::cerr << "usage: master_bench rpc HOST PORT THREADS SECONDS OP [PATH]\n"
               "       master_bench rss DIR INODES\n";
  return 1;
}
