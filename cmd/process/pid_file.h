// Pid files of background daemons and the question "is the daemon this file names running?".
//
// A pid file holds one line, the daemon's pid in decimal ("1234\n"), so that the usual tools
// (`kill $(cat master.pid)`, systemd's PIDFile=) read it. A pid is not proof of life: the daemon
// may have died and the kernel may have handed its pid to another program. So a pid file counts
// as naming a running daemon only when the process it names exists and its command line is
// `alluxio NAME ...` (argv[0]'s base name starts with "alluxio", the first positional argument is
// NAME); anything else makes the file stale, and a stale file may be replaced or removed.
//
// Thread safety: the functions are pure or touch only the files they name; ProcProcessTable is
// stateless.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/common/result.h"
#include "lib/common/status.h"

namespace alluxio::cli::process {

// Parses a pid file's text: one positive decimal pid, optionally surrounded by whitespace
// (a trailing newline). INVALID_ARGUMENT for anything else (empty, a sign, junk, too large).
Result<pid_t> ParsePidFile(std::string_view text);

// The text WritePidFile writes: "<pid>\n".
std::string FormatPidFile(pid_t pid);

// Splits the raw contents of /proc/<pid>/cmdline (arguments each ended by a NUL) into arguments.
std::vector<std::string> SplitCmdline(std::string_view raw);

// The `alluxio` subcommand `argv` runs: the first argument after argv[0] that is neither an
// option nor the separate value of a global option (`--conf-dir DIR`, `-D KEY=VALUE`,
// `--conf KEY=VALUE`). Empty when argv[0]'s base name does not start with "alluxio" or there is
// no such argument.
std::string AlluxioSubcommandOf(const std::vector<std::string>& argv);

// Looks up running processes. The real table reads /proc; tests may substitute a fake.
class ProcessTable {
 public:
  virtual ~ProcessTable() = default;
  // The command line of `pid`; nullopt when no such process exists, or it has exited and is
  // waiting to be reaped (a zombie has an empty command line), or it is a kernel thread.
  virtual std::optional<std::vector<std::string>> Cmdline(pid_t pid) const = 0;
};

// Reads /proc/<pid>/cmdline.
class ProcProcessTable : public ProcessTable {
 public:
  std::optional<std::vector<std::string>> Cmdline(pid_t pid) const override;
};

// True when `pid` is a live process running `alluxio <name>`.
bool IsRunningDaemon(const ProcessTable& table, pid_t pid, std::string_view name);

// What a pid file says about daemon NAME.
enum class PidFileState {
  kAbsent,   // there is no pid file
  kRunning,  // it names a live process running `alluxio NAME`
  kStale,    // it is malformed, or names a dead process or one running something else
};

struct PidFileCheck {
  PidFileState state = PidFileState::kAbsent;
  pid_t pid = 0;       // the pid the file names; 0 when absent or malformed
  std::string reason;  // for kStale: why, e.g. "pid 123 is not running"
};

// Decides what pid file text means for daemon `name`; `text` is nullopt when there is no file.
PidFileCheck CheckPidFile(const std::optional<std::string>& text, std::string_view name,
                          const ProcessTable& table);

// The file's contents; nullopt when it does not exist. Other read failures are errors
// (PERMISSION_DENIED, UNKNOWN) naming the path.
Result<std::optional<std::string>> ReadPidFileText(const std::string& path);

// Reads and checks the pid file at `path` for daemon `name`.
Result<PidFileCheck> CheckPidFileAt(const std::string& path, std::string_view name,
                                    const ProcessTable& table);

// Writes "<pid>\n" to `path` atomically (a temporary file in the same directory, then rename),
// so readers never see a partial file.
Status WritePidFile(const std::string& path, pid_t pid);

// Removes `path`; OK when it does not exist.
Status RemovePidFile(const std::string& path);

// An exclusive advisory lock (flock) on a file, held until destruction. Serializes `process
// start` and `process stop` of one daemon, so two concurrent starts cannot both find no daemon
// and both launch one. The lock file is created if missing and left in place.
class FileLock {
 public:
  // Blocks until the lock is held. Errors name the path.
  static Result<FileLock> Acquire(const std::string& path);
  FileLock(FileLock&& other) noexcept;
  FileLock& operator=(FileLock&& other) noexcept;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  ~FileLock();

 private:
  explicit FileLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace alluxio::cli::process
