#include "cmd/process/daemon_control.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

#include "lib/net/http_client.h"

namespace alluxio::cli::process {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

std::string DescribeWaitStatus(int wstatus) {
  if (WIFEXITED(wstatus)) return "exited with code " + std::to_string(WEXITSTATUS(wstatus));
  if (WIFSIGNALED(wstatus)) {
    int sig = WTERMSIG(wstatus);
    const char* name = strsignal(sig);
    return "was killed by signal " + std::to_string(sig) +
           (name ? std::string(" (") + name + ")" : "");
  }
  return "ended";
}

// In the forked child: only plain system calls from here to exec.
[[noreturn]] void ExecChild(int null_fd, int log_fd, const std::vector<char*>& argv) {
  ::setsid();
  ::dup2(null_fd, STDIN_FILENO);
  ::dup2(log_fd, STDOUT_FILENO);
  ::dup2(log_fd, STDERR_FILENO);
  if (::close_range(3, ~0U, 0) != 0) {
    long max_fd = ::sysconf(_SC_OPEN_MAX);
    if (max_fd < 0 || max_fd > 65536) max_fd = 65536;
    for (int fd = 3; fd < max_fd; ++fd) ::close(fd);
  }
  // A caller that ignores signals (a background job of a script ignores SIGINT) must not pass
  // that on: the daemon counts on SIGTERM and SIGINT to shut down.
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGCHLD})
    ::sigaction(sig, &dfl, nullptr);
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  ::execv("/proc/self/exe", argv.data());
  const char msg[] = "alluxio process: cannot exec /proc/self/exe\n";
  ssize_t ignored = ::write(STDERR_FILENO, msg, sizeof(msg) - 1);
  (void)ignored;
  ::_exit(127);
}

// Moves `fd` to 3 or above (close-on-exec), so that dup2 onto 0, 1 and 2 in the child never
// sees a source equal to its target: a caller started with stdin, stdout or stderr closed gets
// its log file opened as one of them. Returns the new descriptor, or -1.
int AboveStdio(int fd) {
  if (fd < 0 || fd > STDERR_FILENO) return fd;
  int moved = ::fcntl(fd, F_DUPFD_CLOEXEC, STDERR_FILENO + 1);
  ::close(fd);
  return moved;
}

std::string SelfPath() {
  char buf[4096];
  ssize_t n = ::readlink("/proc/self/exe", buf, sizeof(buf) - 1);
  if (n <= 0) return "alluxio";
  return std::string(buf, static_cast<size_t>(n));
}

bool ProbeAnswers(net::HttpClient& http, const HealthProbe& probe) {
  net::ClientRequest req;
  req.target = probe.target;
  auto res = http.Send(probe.host, probe.port, req, 1 << 20);
  if (!res.ok() || res->status != 200) return false;
  return probe.body_contains.empty() || res->body.find(probe.body_contains) != std::string::npos;
}

}  // namespace

std::string HealthProbe::Url() const {
  bool v6 = host.find(':') != std::string::npos;
  return "http://" + (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port) + target;
}

Result<Spawned> SpawnDaemon(const SpawnSpec& spec) {
  int log_fd = AboveStdio(
      ::open(spec.log_file.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644));
  if (log_fd < 0) {
    return Status::FailedPrecondition("Cannot open log file " + spec.log_file + ": " +
                                      std::strerror(errno));
  }
  int null_fd = AboveStdio(::open("/dev/null", O_RDONLY | O_CLOEXEC));
  if (null_fd < 0) {
    int err = errno;
    ::close(log_fd);
    return Status::Unknown(std::string("Cannot open /dev/null: ") + std::strerror(err));
  }
  std::string banner = spec.banner + "\n";
  ssize_t ignored = ::write(log_fd, banner.data(), banner.size());
  (void)ignored;
  struct stat st {};
  Spawned out;
  if (::fstat(log_fd, &st) == 0) out.log_offset = static_cast<uint64_t>(st.st_size);

  // Everything the child needs is built before fork: it only makes system calls.
  std::string self = SelfPath();
  std::vector<std::string> args;
  args.push_back(self);
  args.insert(args.end(), spec.args.begin(), spec.args.end());
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  pid_t pid = ::fork();
  if (pid == 0) ExecChild(null_fd, log_fd, argv);
  int err = errno;
  ::close(null_fd);
  ::close(log_fd);
  if (pid < 0) return Status::ResourceExhausted(std::string("fork failed: ") + std::strerror(err));
  out.pid = pid;
  return out;
}

Status WaitUntilReady(pid_t pid, const std::vector<HealthProbe>& probes, int64_t timeout_ms) {
  net::HttpClientOptions options;
  options.connect_timeout_ms = 500;
  options.io_timeout_ms = 2'000;
  options.max_retries = 0;
  net::HttpClient http(options);
  const Clock::time_point deadline = Clock::now() + milliseconds(timeout_ms);
  size_t ready = 0;  // probes answered so far, in order
  while (true) {
    int wstatus = 0;
    pid_t r = ::waitpid(pid, &wstatus, WNOHANG);
    if (r == pid) return Status::Aborted(DescribeWaitStatus(wstatus));
    // Not our child after all (or children are reaped automatically): ask the kernel instead.
    if (r < 0 && errno == ECHILD && ::kill(pid, 0) != 0 && errno == ESRCH) {
      return Status::Aborted("exited");
    }
    while (ready < probes.size() && ProbeAnswers(http, probes[ready])) ++ready;
    if (ready == probes.size()) return Status::OK();
    if (Clock::now() >= deadline) {
      return Status::DeadlineExceeded("no answer from " + probes[ready].Url() +
                                      (probes[ready].body_contains.empty()
                                           ? ""
                                           : " containing " + probes[ready].body_contains));
    }
    std::this_thread::sleep_for(milliseconds(100));
  }
}

Result<StopOutcome> TerminateDaemon(pid_t pid, const std::string& name, const ProcessTable& table,
                                    int64_t timeout_ms) {
  auto signal_it = [&](int sig) -> Status {
    if (::kill(pid, sig) == 0) return Status::OK();
    const int err = errno;  // before anything below can change it
    if (err == ESRCH) return Status::OK();
    std::string message = "Cannot send " + std::string(sig == SIGKILL ? "SIGKILL" : "SIGTERM") +
                          " to " + name + " (pid " + std::to_string(pid) +
                          "): " + std::strerror(err);
    if (err == EPERM) return Status::PermissionDenied(std::move(message));
    return Status::Unknown(std::move(message));
  };
  auto gone_within = [&](int64_t ms) {
    const Clock::time_point deadline = Clock::now() + milliseconds(ms);
    while (IsRunningDaemon(table, pid, name)) {
      if (Clock::now() >= deadline) return false;
      std::this_thread::sleep_for(milliseconds(50));
    }
    return true;
  };
  RETURN_IF_ERROR(signal_it(SIGTERM));
  if (gone_within(timeout_ms)) return StopOutcome::kExited;
  RETURN_IF_ERROR(signal_it(SIGKILL));
  if (gone_within(5'000)) return StopOutcome::kKilled;
  return Status::DeadlineExceeded(name + " (pid " + std::to_string(pid) +
                                  ") is still running 5 s after SIGKILL");
}

std::string TailOfFile(const std::string& path, uint64_t offset, size_t max_lines) {
  constexpr uint64_t kMaxBytes = 64 * 1024;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return "";
  struct stat st {};
  std::string text;
  if (::fstat(fd, &st) == 0 && static_cast<uint64_t>(st.st_size) > offset) {
    uint64_t size = static_cast<uint64_t>(st.st_size);
    uint64_t start = std::max(offset, size > kMaxBytes ? size - kMaxBytes : 0);
    text.resize(size - start);
    ssize_t n = ::pread(fd, text.data(), text.size(), static_cast<off_t>(start));
    text.resize(n > 0 ? static_cast<size_t>(n) : 0);
  }
  ::close(fd);
  while (!text.empty() && text.back() == '\n') text.pop_back();
  size_t pos = text.size(), lines = 0;
  while (pos > 0) {
    size_t nl = text.rfind('\n', pos - 1);
    if (nl == std::string::npos) break;
    if (++lines == max_lines) return text.substr(nl + 1);
    pos = nl;
  }
  return text;
}

}  // namespace alluxio::cli::process
