#include "cmd/process/pid_file.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <limits>
#include <sstream>

namespace alluxio::cli::process {
namespace {

std::string ErrnoText(int err) { return std::strerror(err); }

Status ErrnoStatus(int err, const std::string& what) {
  std::string message = what + ": " + ErrnoText(err);
  if (err == EACCES || err == EPERM) return Status::PermissionDenied(std::move(message));
  if (err == ENOENT) return Status::NotFound(std::move(message));
  return Status::Unknown(std::move(message));
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string BaseName(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

Result<pid_t> ParsePidFile(std::string_view text) {
  size_t begin = 0, end = text.size();
  while (begin < end && IsSpace(text[begin])) ++begin;
  while (end > begin && IsSpace(text[end - 1])) --end;
  std::string_view digits = text.substr(begin, end - begin);
  auto bad = [&] {
    return Status::InvalidArgument("not a pid file: expected one positive number, found \"" +
                                   std::string(text.substr(0, 40)) + "\"");
  };
  if (digits.empty() || digits.size() > 10) return bad();
  int64_t value = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return bad();
    value = value * 10 + (c - '0');
  }
  if (value <= 0 || value > std::numeric_limits<pid_t>::max()) return bad();
  return static_cast<pid_t>(value);
}

std::string FormatPidFile(pid_t pid) { return std::to_string(pid) + "\n"; }

std::vector<std::string> SplitCmdline(std::string_view raw) {
  std::vector<std::string> args;
  size_t start = 0;
  while (start < raw.size()) {
    size_t nul = raw.find('\0', start);
    if (nul == std::string_view::npos) nul = raw.size();
    args.emplace_back(raw.substr(start, nul - start));
    start = nul + 1;
  }
  return args;
}

std::string AlluxioSubcommandOf(const std::vector<std::string>& argv) {
  if (argv.empty() || BaseName(argv[0]).rfind("alluxio", 0) != 0) return "";
  for (size_t i = 1; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a == "--conf-dir" || a == "-D" || a == "--conf") {
      ++i;  // the option's value is the next argument
      continue;
    }
    if (!a.empty() && a[0] == '-') continue;
    return a;
  }
  return "";
}

std::optional<std::vector<std::string>> ProcProcessTable::Cmdline(pid_t pid) const {
  if (pid <= 0) return std::nullopt;
  std::ifstream in("/proc/" + std::to_string(pid) + "/cmdline", std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream raw;
  raw << in.rdbuf();
  std::vector<std::string> args = SplitCmdline(raw.str());
  if (args.empty()) return std::nullopt;  // a zombie or a kernel thread
  return args;
}

bool IsRunningDaemon(const ProcessTable& table, pid_t pid, std::string_view name) {
  auto cmdline = table.Cmdline(pid);
  return cmdline && AlluxioSubcommandOf(*cmdline) == name;
}

PidFileCheck CheckPidFile(const std::optional<std::string>& text, std::string_view name,
                          const ProcessTable& table) {
  PidFileCheck check;
  if (!text) return check;
  check.state = PidFileState::kStale;
  auto pid = ParsePidFile(*text);
  if (!pid.ok()) {
    check.reason = std::string(pid.status().message());
    return check;
  }
  check.pid = *pid;
  auto cmdline = table.Cmdline(*pid);
  if (!cmdline) {
    check.reason = "pid " + std::to_string(*pid) + " is not running";
    return check;
  }
  if (AlluxioSubcommandOf(*cmdline) != name) {
    check.reason = "pid " + std::to_string(*pid) + " runs \"" + (*cmdline)[0] +
                   "\", not an alluxio " + std::string(name);
    return check;
  }
  check.state = PidFileState::kRunning;
  return check;
}

Result<std::optional<std::string>> ReadPidFileText(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return std::optional<std::string>();
    return ErrnoStatus(errno, "Cannot read pid file " + path);
  }
  std::string text;
  char buf[256];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof(buf))) > 0 && text.size() < 4096) text.append(buf, n);
  int err = errno;
  ::close(fd);
  if (n < 0) return ErrnoStatus(err, "Cannot read pid file " + path);
  return std::optional<std::string>(std::move(text));
}

Result<PidFileCheck> CheckPidFileAt(const std::string& path, std::string_view name,
                                    const ProcessTable& table) {
  ASSIGN_OR_RETURN(std::optional<std::string> text, ReadPidFileText(path));
  return CheckPidFile(text, name, table);
}

Status WritePidFile(const std::string& path, pid_t pid) {
  // A fresh temporary file (never an existing one, never through a symlink planted there).
  std::string tmp = path + ".tmp.XXXXXX";
  int fd = ::mkostemp(tmp.data(), O_CLOEXEC);
  if (fd < 0) return ErrnoStatus(errno, "Cannot write pid file " + tmp);
  (void)::fchmod(fd, 0644);
  std::string text = FormatPidFile(pid);
  ssize_t n = ::write(fd, text.data(), text.size());
  int err = errno;
  if (::close(fd) != 0 && n >= 0) {
    n = -1;
    err = errno;
  }
  if (n != static_cast<ssize_t>(text.size())) {
    ::unlink(tmp.c_str());
    return ErrnoStatus(n < 0 ? err : EIO, "Cannot write pid file " + tmp);
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    err = errno;
    ::unlink(tmp.c_str());
    return ErrnoStatus(err, "Cannot write pid file " + path);
  }
  return Status::OK();
}

Status RemovePidFile(const std::string& path) {
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
    return ErrnoStatus(errno, "Cannot remove pid file " + path);
  }
  return Status::OK();
}

Result<FileLock> FileLock::Acquire(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0) return ErrnoStatus(errno, "Cannot open lock file " + path);
  while (::flock(fd, LOCK_EX) != 0) {
    if (errno == EINTR) continue;
    int err = errno;
    ::close(fd);
    return ErrnoStatus(err, "Cannot lock " + path);
  }
  return FileLock(fd);
}

FileLock::FileLock(FileLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }

FileLock& FileLock::operator=(FileLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

FileLock::~FileLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the only descriptor releases the flock
}

}  // namespace alluxio::cli::process
