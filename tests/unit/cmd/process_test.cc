// Pid files and the staleness rules of `alluxio process`, the files each daemon uses, and the
// CLI parse of `process start|stop|status`.
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "cmd/command_context.h"
#include "cmd/command_tree.h"
#include "cmd/process/daemon_control.h"
#include "cmd/process/pid_file.h"
#include "cmd/process/process_runner.h"
#include "tests/unit/temp_dir.h"

namespace alluxio::cli::process {
namespace {

using ::alluxio::testing::TempDir;

// A process table with fixed contents: pid -> command line.
class FakeProcessTable : public ProcessTable {
 public:
  explicit FakeProcessTable(std::map<pid_t, std::vector<std::string>> procs)
      : procs_(std::move(procs)) {}
  std::optional<std::vector<std::string>> Cmdline(pid_t pid) const override {
    auto it = procs_.find(pid);
    if (it == procs_.end()) return std::nullopt;
    return it->second;
  }

 private:
  std::map<pid_t, std::vector<std::string>> procs_;
};

// A child process that runs /bin/sleep until killed; killed and reaped on destruction.
class SleepingChild {
 public:
  SleepingChild() {
    pid_ = ::fork();
    if (pid_ == 0) {
      ::execl("/bin/sleep", "sleep", "60", static_cast<char*>(nullptr));
      ::_exit(127);
    }
  }
  ~SleepingChild() {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_;
};

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

}  // namespace

TEST_CASE("a pid file holds one positive number, whitespace around it allowed", "[cmd][process]") {
  CHECK(ParsePidFile("123\n").value() == 123);
  CHECK(ParsePidFile("  42 \r\n").value() == 42);
  CHECK(ParsePidFile("4194304").value() == 4194304);
  for (const char* bad :
       {"", "\n", "0", "-5", "+5", "12a", "1 2", "123\n456", "99999999999", "2147483648", "abc"}) {
    INFO(bad);
    auto pid = ParsePidFile(bad);
    REQUIRE_FALSE(pid.ok());
    CHECK(pid.status().code() == StatusCode::kInvalidArgument);
  }
  CHECK(FormatPidFile(77) == "77\n");
  CHECK(ParsePidFile(FormatPidFile(77)).value() == 77);
}

TEST_CASE("a /proc cmdline splits at NULs", "[cmd][process]") {
  using V = std::vector<std::string>;
  CHECK(SplitCmdline(std::string_view("alluxio\0master\0", 15)) == V{"alluxio", "master"});
  CHECK(SplitCmdline(std::string_view("a\0\0b\0", 5)) == V{"a", "", "b"});
  CHECK(SplitCmdline("no-nul") == V{"no-nul"});
  CHECK(SplitCmdline("").empty());
}

TEST_CASE("the subcommand of an alluxio command line skips global options and their values",
          "[cmd][process]") {
  CHECK(AlluxioSubcommandOf({"/usr/bin/alluxio", "master"}) == "master");
  CHECK(AlluxioSubcommandOf({"alluxio", "--conf-dir", "/etc/a", "-D", "k=v", "worker"}) ==
        "worker");
  CHECK(AlluxioSubcommandOf(
            {"./build/alluxio", "-Dalluxio.work.dir=/w", "--conf-dir=/c", "local"}) == "local");
  CHECK(AlluxioSubcommandOf({"/opt/alluxio-2.9/bin/alluxio-cpp", "proxy", "-Dk=v"}) == "proxy");
  CHECK(AlluxioSubcommandOf({"alluxio", "process", "start", "master"}) == "process");
  CHECK(AlluxioSubcommandOf({"/bin/sleep", "master"}).empty());
  CHECK(AlluxioSubcommandOf({"java", "alluxio.master.AlluxioMaster"}).empty());
  CHECK(AlluxioSubcommandOf({"alluxio"}).empty());
  CHECK(AlluxioSubcommandOf({"alluxio", "--conf-dir", "master"}).empty());
  CHECK(AlluxioSubcommandOf({}).empty());
}

TEST_CASE("a pid file is running, stale or absent by what its pid runs", "[cmd][process]") {
  FakeProcessTable table({{100, {"/usr/bin/alluxio", "master", "--conf-dir", "/c"}},
                          {200, {"/usr/bin/python3", "server.py"}},
                          {300, {"/usr/bin/alluxio", "worker"}}});
  PidFileCheck absent = CheckPidFile(std::nullopt, "master", table);
  CHECK(absent.state == PidFileState::kAbsent);
  CHECK(absent.pid == 0);

  PidFileCheck running = CheckPidFile("100\n", "master", table);
  CHECK(running.state == PidFileState::kRunning);
  CHECK(running.pid == 100);

  PidFileCheck dead = CheckPidFile("150\n", "master", table);
  CHECK(dead.state == PidFileState::kStale);
  CHECK(dead.pid == 150);
  CHECK(dead.reason == "pid 150 is not running");

  PidFileCheck reused = CheckPidFile("200\n", "master", table);
  CHECK(reused.state == PidFileState::kStale);
  CHECK(reused.reason == "pid 200 runs \"/usr/bin/python3\", not an alluxio master");

  PidFileCheck other_daemon = CheckPidFile("300", "master", table);
  CHECK(other_daemon.state == PidFileState::kStale);
  CHECK(CheckPidFile("300", "worker", table).state == PidFileState::kRunning);

  PidFileCheck junk = CheckPidFile("garbage", "master", table);
  CHECK(junk.state == PidFileState::kStale);
  CHECK(junk.pid == 0);
  CHECK_THAT(junk.reason, Catch::Contains("not a pid file"));
}

TEST_CASE("real processes: a live non-alluxio process, a zombie and a reaped pid are stale",
          "[cmd][process]") {
  ProcProcessTable table;
  auto self = table.Cmdline(::getpid());
  REQUIRE(self.has_value());
  CHECK_FALSE(self->empty());
  // This test binary is not `alluxio master`.
  CHECK(CheckPidFile(FormatPidFile(::getpid()), "master", table).state == PidFileState::kStale);

  {
    SleepingChild sleeper;
    // Wait until the child has exec'd sleep (before that it runs this binary's image).
    for (int i = 0; i < 200; ++i) {
      auto c = table.Cmdline(sleeper.pid());
      if (c && !c->empty() && (*c)[0] == "sleep") break;
      ::usleep(10'000);
    }
    PidFileCheck check = CheckPidFile(FormatPidFile(sleeper.pid()), "master", table);
    CHECK(check.state == PidFileState::kStale);
    CHECK_THAT(check.reason, Catch::Contains("runs \"sleep\""));
    CHECK_FALSE(IsRunningDaemon(table, sleeper.pid(), "master"));
  }

  pid_t zombie = ::fork();
  if (zombie == 0) ::_exit(0);
  // Not reaped yet: the kernel keeps the pid, but a zombie runs nothing.
  for (int i = 0; i < 200 && table.Cmdline(zombie).has_value(); ++i) ::usleep(10'000);
  CHECK_FALSE(table.Cmdline(zombie).has_value());
  CHECK(CheckPidFile(FormatPidFile(zombie), "master", table).reason ==
        "pid " + std::to_string(zombie) + " is not running");
  ::waitpid(zombie, nullptr, 0);
  CHECK_FALSE(table.Cmdline(zombie).has_value());
  CHECK_FALSE(table.Cmdline(0).has_value());
  CHECK_FALSE(table.Cmdline(-1).has_value());
}

TEST_CASE("pid files are written whole, read back, and removed", "[cmd][process]") {
  TempDir dir;
  std::string path = dir.Sub("master.pid");
  auto missing = ReadPidFileText(path);
  REQUIRE(missing.ok());
  CHECK_FALSE(missing->has_value());
  CHECK(RemovePidFile(path).ok());  // absent is fine

  REQUIRE(WritePidFile(path, 4321).ok());
  auto text = ReadPidFileText(path);
  REQUIRE(text.ok());
  REQUIRE(text->has_value());
  CHECK(**text == "4321\n");
  REQUIRE(WritePidFile(path, 99).ok());  // replaces
  CHECK(**ReadPidFileText(path) == "99\n");
  // No temporary file is left next to it.
  int entries = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.Sub(""))) {
    (void)e;
    ++entries;
  }
  CHECK(entries == 1);

  FakeProcessTable table({{99, {"alluxio", "proxy"}}});
  auto check = CheckPidFileAt(path, "proxy", table);
  REQUIRE(check.ok());
  CHECK(check->state == PidFileState::kRunning);

  REQUIRE(RemovePidFile(path).ok());
  CHECK_FALSE(std::filesystem::exists(path));
  CHECK(CheckPidFileAt(path, "proxy", table)->state == PidFileState::kAbsent);

  auto unwritable = WritePidFile(dir.Sub("no/such/dir/x.pid"), 1);
  CHECK_FALSE(unwritable.ok());
  CHECK_THAT(std::string(unwritable.message()), Catch::Contains("no/such/dir"));
}

TEST_CASE("the start/stop lock excludes a second holder until released", "[cmd][process]") {
  TempDir dir;
  std::string path = dir.Sub("master.lock");
  auto try_lock = [&] {
    int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
    REQUIRE(fd >= 0);
    bool got = ::flock(fd, LOCK_EX | LOCK_NB) == 0;
    ::close(fd);
    return got;
  };
  {
    auto lock = FileLock::Acquire(path);
    REQUIRE(lock.ok());
    CHECK_FALSE(try_lock());
    FileLock moved = std::move(lock).value();
    CHECK_FALSE(try_lock());
  }
  CHECK(try_lock());
  CHECK_FALSE(FileLock::Acquire(dir.Sub("missing/dir/x.lock")).ok());
}

TEST_CASE("the log tail is the last lines written since an offset", "[cmd][process]") {
  TempDir dir;
  std::string log = dir.Sub("master.log");
  WriteFile(log, "old run\nbanner\nline 1\nline 2\nline 3\n");
  CHECK(TailOfFile(log, 0, 2) == "line 2\nline 3");
  CHECK(TailOfFile(log, 0, 100) == "old run\nbanner\nline 1\nline 2\nline 3");
  CHECK(TailOfFile(log, 15, 100) == "line 1\nline 2\nline 3");  // after "old run\nbanner\n"
  CHECK(TailOfFile(log, 1000, 5).empty());
  CHECK(TailOfFile(dir.Sub("missing.log"), 0, 5).empty());
}

TEST_CASE("daemon files live under the logs dir and a run dir in the work dir", "[cmd][process]") {
  DaemonFiles f = DaemonFilesFor("worker", "/var/log/alluxio/", "/srv/alluxio");
  CHECK(f.log_file == "/var/log/alluxio/worker.log");
  CHECK(f.pid_file == "/srv/alluxio/run/worker.pid");
  CHECK(f.lock_file == "/srv/alluxio/run/worker.lock");
  DaemonFiles rel = DaemonFilesFor("local", "w/logs", "w");
  CHECK(rel.log_file == (std::filesystem::current_path() / "w/logs/local.log").string());

  CHECK(DaemonsNamed("all") == std::vector<std::string>{"master", "worker", "proxy"});
  CHECK(DaemonsNamed("local") == std::vector<std::string>{"local"});
  CHECK(ProbeHost("0.0.0.0") == "127.0.0.1");
  CHECK(ProbeHost("") == "127.0.0.1");
  CHECK(ProbeHost("::") == "::1");
  CHECK(ProbeHost("10.0.0.5") == "10.0.0.5");
  CHECK(HealthProbe{"::1", 80, "/healthz", ""}.Url() == "http://[::1]:80/healthz");
}

TEST_CASE("process start|stop|status parse their names and flags", "[cmd][process]") {
  auto parse = [](std::vector<std::string> args, CommandContext& ctx, CLI::App& app) {
    BuildCommandTree(app, ctx);
    std::reverse(args.begin(), args.end());
    try {
      app.parse(args);
      return std::string();
    } catch (const CLI::ParseError& e) {
      return std::string(e.what()) + " ";
    }
  };
  std::ostringstream out, err;
  {
    CommandContext ctx(out, err);
    CLI::App app;
    CHECK(
        parse({"process", "start", "local", "--wait", "--timeout", "5", "-Dalluxio.x=1"}, ctx, app)
            .empty());
    CHECK(ctx.command == "process start");
    CHECK(ctx.action != nullptr);
    CHECK(ctx.globals.conf_overrides == std::vector<std::string>{"alluxio.x=1"});
  }
  {
    CommandContext ctx(out, err);
    CLI::App app;
    CHECK(parse({"process", "stop", "all", "--timeout", "2.5"}, ctx, app).empty());
    CHECK(ctx.command == "process stop");
  }
  {
    CommandContext ctx(out, err);
    CLI::App app;
    CHECK(parse({"process", "status"}, ctx, app).empty());
    CHECK(ctx.command == "process status");
  }
  for (std::vector<std::string> bad :
       std::vector<std::vector<std::string>>{{"process", "start"},
                                             {"process", "start", "bogus"},
                                             {"process", "stop"},
                                             {"process", "status", "job_master"},
                                             {"process", "stop", "master", "--timeout", "0"},
                                             {"process"}}) {
    CommandContext ctx(out, err);
    CLI::App app;
    INFO(bad.back());
    CHECK_FALSE(parse(bad, ctx, app).empty());
  }
}

}  // namespace alluxio::cli::process
