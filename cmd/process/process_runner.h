// ProcessRunner: `alluxio process start|stop|status` for the daemons master, worker, proxy and
// local, each run as `alluxio NAME` in the background (see daemon_control.h).
//
// Where each daemon's files live is read from the configuration the daemon itself loads: the
// same --conf-dir and -D options, plus `alluxio local`'s embedded defaults for local, so the
// work dir of `process start local` is ~/.alluxio unless configured, as for `alluxio local`:
//   log file   ${alluxio.logs.dir}/NAME.log    (stdout and stderr, appended)
//   pid file   ${alluxio.work.dir}/run/NAME.pid (the pid alone, one line)
//   lock file  ${alluxio.work.dir}/run/NAME.lock (serializes start and stop of NAME)
//
// Messages about progress go to the context's `out`; failures are returned as Status.
// Not thread-safe; one runner serves one command.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cmd/command_context.h"
#include "cmd/process/daemon_control.h"
#include "cmd/process/pid_file.h"
#include "lib/conf/configuration.h"

namespace alluxio::cli::process {

// Exit code of `process status` when a daemon asked about is not running (LSB's "program is
// not running").
inline constexpr int kExitNotRunning = 3;

// Daemons `process` knows, in start order; `all` means master, worker and proxy.
std::vector<std::string> DaemonsNamed(const std::string& name);

// The files of one daemon (absolute paths).
struct DaemonFiles {
  std::string logs_dir;
  std::string run_dir;
  std::string log_file;
  std::string pid_file;
  std::string lock_file;
};

// Builds DaemonFiles from the values of alluxio.logs.dir and alluxio.work.dir.
DaemonFiles DaemonFilesFor(const std::string& name, const std::string& logs_dir,
                           const std::string& work_dir);

// The host to probe a server bound to `bind_host` at: loopback for a wildcard address.
std::string ProbeHost(const std::string& bind_host);

class ProcessRunner {
 public:
  explicit ProcessRunner(CommandContext& ctx) : ctx_(ctx) {}

  // Starts each of `names` in order (see process_command.cc for the user-facing contract).
  // With `wait`, waits until each is ready before starting the next.
  Status Start(const std::vector<std::string>& names, bool wait, int64_t timeout_ms);
  // Stops each of `names` in order; a daemon that is not running is not an error.
  Status Stop(const std::vector<std::string>& names, int64_t timeout_ms);
  // Prints one line per daemon; returns how many of them are running.
  Result<size_t> PrintStatus(const std::vector<std::string>& names);

 private:
  Result<const conf::Configuration*> ConfigurationFor(const std::string& name);
  Result<DaemonFiles> FilesFor(const std::string& name);
  Result<std::vector<HealthProbe>> ProbesFor(const std::string& name);
  // The arguments that make `alluxio` run daemon `name` with this command's global options.
  std::vector<std::string> DaemonArgs(const std::string& name) const;
  Status StartOne(const std::string& name, bool wait, int64_t timeout_ms);
  Status StopOne(const std::string& name, int64_t timeout_ms);

  CommandContext& ctx_;
  ProcProcessTable table_;
  // Loaded once each: the plain configuration (master, worker, proxy) and local's.
  std::optional<conf::Configuration> cluster_conf_;
  std::optional<conf::Configuration> local_conf_;
};

}  // namespace alluxio::cli::process
