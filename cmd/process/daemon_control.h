// Starting, watching and stopping one background daemon process.
//
// SpawnDaemon runs `alluxio NAME [global options]` detached from the caller: a child of a fork
// that starts a new session (no controlling terminal, so no SIGHUP when the terminal closes),
// reads stdin from /dev/null, appends stdout and stderr to the daemon's log file, closes every
// other inherited descriptor, restores default signal handling and a clear signal mask, and
// execs the running binary again (/proc/self/exe). The working directory and the environment
// are kept, so relative paths and $ALLUXIO_CONF_DIR mean the same to the daemon as to the
// caller.
//
// Not thread-safe: call from the single thread of the `alluxio process` command.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

#include "cmd/process/pid_file.h"
#include "lib/common/result.h"
#include "lib/common/status.h"

namespace alluxio::cli::process {

// An HTTP endpoint that answers 200 (and, when `body_contains` is set, a body containing it)
// once the daemon is ready.
struct HealthProbe {
  std::string host;
  int port = 0;
  std::string target;         // e.g. "/healthz"
  std::string body_contains;  // empty: any 200 will do
  std::string Url() const;
};

struct SpawnSpec {
  std::vector<std::string> args;  // arguments after argv[0], e.g. {"master", "--conf-dir", "/c"}
  std::string log_file;           // created if missing, appended to
  std::string banner;             // one line appended to the log before the daemon starts
};

struct Spawned {
  pid_t pid = 0;
  uint64_t log_offset = 0;  // size of the log file after the banner: where this run's output starts
};

// Forks and execs the daemon as described above. Returns once the child exists (not once it
// is ready). Errors: the log file cannot be opened (names it), fork fails. If the exec itself
// fails, the child writes why to the log and exits with 127.
Result<Spawned> SpawnDaemon(const SpawnSpec& spec);

// Waits until every probe answers (in order), polling every 100 ms. Fails with ABORTED when the
// child `pid` (which must be a child of this process) exits first, naming its exit code or
// signal, and DEADLINE_EXCEEDED after `timeout_ms`, naming the probe that did not answer.
Status WaitUntilReady(pid_t pid, const std::vector<HealthProbe>& probes, int64_t timeout_ms);

// How TerminateDaemon ended.
enum class StopOutcome {
  kExited,  // the daemon exited after SIGTERM
  kKilled,  // it outlived the timeout and was killed with SIGKILL
};

// Sends SIGTERM to `pid`, which runs `alluxio <name>`, and waits up to `timeout_ms` until it no
// longer does; then sends SIGKILL and waits up to 5 s more. Errors: PERMISSION_DENIED when the
// signal may not be sent, DEADLINE_EXCEEDED when even SIGKILL did not end it in time.
Result<StopOutcome> TerminateDaemon(pid_t pid, const std::string& name, const ProcessTable& table,
                                    int64_t timeout_ms);

// The last `max_lines` lines of `path` from byte `offset` on (empty when there are none or the
// file cannot be read); reads at most the last 64 KiB.
std::string TailOfFile(const std::string& path, uint64_t offset, size_t max_lines);

}  // namespace alluxio::cli::process
