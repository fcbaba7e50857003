#include "cmd/process/process_runner.h"

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <ostream>

#include "cmd/local_command.h"
#include "server/master/master_process.h"
#include "server/proxy/proxy_process.h"
#include "server/worker/worker_process.h"

namespace alluxio::cli::process {
namespace {

namespace fs = std::filesystem;
constexpr size_t kTailLines = 20;

std::string Absolute(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::absolute(path, ec);
  if (ec) return path;
  std::string normal = p.lexically_normal().string();
  if (normal.size() > 1 && normal.back() == '/') normal.pop_back();
  return normal;
}

Status MakeDir(const std::string& dir, const char* what) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    return Status::FailedPrecondition(std::string("Cannot create the ") + what + " directory " +
                                      dir + ": " + ec.message());
  }
  return Status::OK();
}

std::string Now() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

std::string Seconds(int64_t ms) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.1f s", static_cast<double>(ms) / 1000.0);
  return buf;
}

std::string WithTail(std::string message, const std::string& log_file, uint64_t offset) {
  std::string tail = TailOfFile(log_file, offset, kTailLines);
  message += "\nLast lines of " + log_file + ":\n";
  message += tail.empty() ? "(nothing logged)" : tail;
  return message;
}

void AddProbe(std::vector<HealthProbe>* probes, const std::string& bind_host, int port,
              std::string target, std::string body_contains = "") {
  if (port <= 0) return;  // an ephemeral port cannot be known from outside
  probes->push_back({ProbeHost(bind_host), port, std::move(target), std::move(body_contains)});
}

}  // namespace

std::vector<std::string> DaemonsNamed(const std::string& name) {
  if (name == "all") return {"master", "worker", "proxy"};
  return {name};
}

DaemonFiles DaemonFilesFor(const std::string& name, const std::string& logs_dir,
                           const std::string& work_dir) {
  DaemonFiles f;
  f.logs_dir = Absolute(logs_dir);
  f.run_dir = Absolute(work_dir + "/run");
  f.log_file = f.logs_dir + "/" + name + ".log";
  f.pid_file = f.run_dir + "/" + name + ".pid";
  f.lock_file = f.run_dir + "/" + name + ".lock";
  return f;
}

std::string ProbeHost(const std::string& bind_host) {
  if (bind_host.empty() || bind_host == "0.0.0.0") return "127.0.0.1";
  if (bind_host == "::" || bind_host == "[::]") return "::1";
  return bind_host;
}

Result<const conf::Configuration*> ProcessRunner::ConfigurationFor(const std::string& name) {
  std::optional<conf::Configuration>& slot = name == "local" ? local_conf_ : cluster_conf_;
  if (!slot) {
    ASSIGN_OR_RETURN(
        conf::Configuration conf,
        ctx_.LoadConfiguration(name == "local" ? LocalEmbeddedDefaults()
                                               : std::map<std::string, std::string>{}));
    slot = std::move(conf);
  }
  return &*slot;
}

Result<DaemonFiles> ProcessRunner::FilesFor(const std::string& name) {
  ASSIGN_OR_RETURN(const conf::Configuration* conf, ConfigurationFor(name));
  ASSIGN_OR_RETURN(std::string logs, conf->GetString("alluxio.logs.dir"));
  ASSIGN_OR_RETURN(std::string work, conf->GetString("alluxio.work.dir"));
  return DaemonFilesFor(name, logs, work);
}

Result<std::vector<HealthProbe>> ProcessRunner::ProbesFor(const std::string& name) {
  ASSIGN_OR_RETURN(const conf::Configuration* conf, ConfigurationFor(name));
  // The daemon's own option builders: a configuration they reject is reported before start.
  auto invalid = [this](Status st) {
    ctx_.usage_error = true;
    return st;
  };
  std::vector<HealthProbe> probes;
  if (name == "master" || name == "local") {
    auto o = master::MasterOptionsFromConfiguration(*conf);
    if (!o.ok()) return invalid(o.status());
    AddProbe(&probes, o->bind_host, o->web_port, "/healthz");
  }
  if (name == "worker" || name == "local") {
    auto o = worker::WorkerOptionsFromConfiguration(*conf);
    if (!o.ok()) return invalid(o.status());
    AddProbe(&probes, o->bind_host, o->web_port, "/healthz");
    // Ready means registered with the master: before that it cannot serve any block.
    AddProbe(&probes, o->bind_host, o->web_port, "/api/v1/worker/info", "\"state\":\"LIVE\"");
  }
  if (name == "proxy" || name == "local") {
    auto o = proxy::ProxyOptionsFromConfiguration(*conf);
    if (!o.ok()) return invalid(o.status());
    AddProbe(&probes, o->bind_host, o->web_port, "/healthz");
  }
  return probes;
}

std::vector<std::string> ProcessRunner::DaemonArgs(const std::string& name) const {
  std::vector<std::string> args{name};
  if (ctx_.globals.conf_dir) {
    args.push_back("--conf-dir");
    args.push_back(Absolute(*ctx_.globals.conf_dir));
  }
  for (const std::string& kv : ctx_.globals.conf_overrides) args.push_back("-D" + kv);
  return args;
}

Status ProcessRunner::Start(const std::vector<std::string>& names, bool wait, int64_t timeout_ms) {
  std::string failures;
  for (const std::string& name : names) {
    Status st = StartOne(name, wait, timeout_ms);
    if (st.ok()) continue;
    if (ctx_.usage_error || st.code() != StatusCode::kAlreadyExists) return st;
    // One already running does not keep `all` from starting the others.
    failures += (failures.empty() ? "" : "\n") + std::string(st.message());
  }
  if (!failures.empty()) return Status::AlreadyExists(failures);
  return Status::OK();
}

Status ProcessRunner::StartOne(const std::string& name, bool wait, int64_t timeout_ms) {
  ASSIGN_OR_RETURN(DaemonFiles files, FilesFor(name));
  // Built even without --wait: it reads the daemon's options, so a bad configuration is
  // reported here (exit 1) instead of by a daemon that dies in the background.
  ASSIGN_OR_RETURN(std::vector<HealthProbe> probes, ProbesFor(name));
  RETURN_IF_ERROR(MakeDir(files.logs_dir, "logs"));
  RETURN_IF_ERROR(MakeDir(files.run_dir, "run"));

  Spawned child;
  {
    ASSIGN_OR_RETURN(FileLock lock, FileLock::Acquire(files.lock_file));
    ASSIGN_OR_RETURN(PidFileCheck check, CheckPidFileAt(files.pid_file, name, table_));
    if (check.state == PidFileState::kRunning) {
      return Status::AlreadyExists(name + " is already running (pid " + std::to_string(check.pid) +
                                   ", log " + files.log_file +
                                   "); stop it first with: alluxio process stop " + name);
    }
    if (check.state == PidFileState::kStale) {
      ctx_.out << "Replacing the stale pid file " << files.pid_file << " (" << check.reason
               << ")\n";
    }
    SpawnSpec spec;
    spec.args = DaemonArgs(name);
    spec.log_file = files.log_file;
    spec.banner = "----- " + Now() + " alluxio process start " + name + " -----";
    ASSIGN_OR_RETURN(child, SpawnDaemon(spec));
    Status written = WritePidFile(files.pid_file, child.pid);
    if (!written.ok()) {
      ::kill(child.pid, SIGTERM);  // a daemon nobody can find again must not stay behind
      return written;
    }
  }
  ctx_.out << "Started " << name << " (pid " << child.pid << "), log " << files.log_file
           << ", pid file " << files.pid_file << std::endl;
  if (!wait) return Status::OK();

  auto begin = std::chrono::steady_clock::now();
  Status ready = WaitUntilReady(child.pid, probes, timeout_ms);
  int64_t took = std::chrono::duration_cast<std::chrono::milliseconds>(
                     std::chrono::steady_clock::now() - begin)
                     .count();
  if (ready.ok()) {
    ctx_.out << name << " is ready (pid " << child.pid << ") after " << Seconds(took) << std::endl;
    return Status::OK();
  }
  std::string who = name + " (pid " + std::to_string(child.pid) + ")";
  if (ready.code() == StatusCode::kAborted) {
    // It died: its pid file must not outlive it (unless a newer start replaced it already).
    auto lock = FileLock::Acquire(files.lock_file);
    auto text = ReadPidFileText(files.pid_file);
    if (text.ok() && *text && ParsePidFile(**text).value_or(0) == child.pid) {
      (void)RemovePidFile(files.pid_file);
    }
    return Status::Unavailable(
        WithTail(who + " " + std::string(ready.message()) + " before it was ready", files.log_file,
                 child.log_offset));
  }
  return Status::DeadlineExceeded(WithTail(
      who + " was not ready within " + Seconds(timeout_ms) + " (" + std::string(ready.message()) +
          "). It is still running; stop it with: alluxio process stop " + name,
      files.log_file, child.log_offset));
}

Status ProcessRunner::Stop(const std::vector<std::string>& names, int64_t timeout_ms) {
  // Dependents first: the proxy and the worker talk to the master. One that cannot be stopped
  // does not keep the others running; the first failure is returned, every message joined.
  Status first;
  std::string messages;
  for (auto it = names.rbegin(); it != names.rend(); ++it) {
    Status st = StopOne(*it, timeout_ms);
    if (st.ok()) continue;
    if (ctx_.usage_error) return st;
    if (first.ok()) first = st;
    messages += (messages.empty() ? "" : "\n") + std::string(st.message());
  }
  if (!first.ok()) return Status(first.code(), messages);
  return Status::OK();
}

Status ProcessRunner::StopOne(const std::string& name, int64_t timeout_ms) {
  ASSIGN_OR_RETURN(DaemonFiles files, FilesFor(name));
  std::error_code ec;
  if (!fs::is_directory(files.run_dir, ec)) {
    ctx_.out << name << ": not running" << std::endl;
    return Status::OK();
  }
  ASSIGN_OR_RETURN(FileLock lock, FileLock::Acquire(files.lock_file));
  ASSIGN_OR_RETURN(PidFileCheck check, CheckPidFileAt(files.pid_file, name, table_));
  if (check.state == PidFileState::kAbsent) {
    ctx_.out << name << ": not running" << std::endl;
    return Status::OK();
  }
  if (check.state == PidFileState::kStale) {
    RETURN_IF_ERROR(RemovePidFile(files.pid_file));
    ctx_.out << name << ": not running (removed the stale pid file " << files.pid_file << ": "
             << check.reason << ")" << std::endl;
    return Status::OK();
  }
  ctx_.out << "Stopping " << name << " (pid " << check.pid << ")" << std::endl;
  auto begin = std::chrono::steady_clock::now();
  ASSIGN_OR_RETURN(StopOutcome outcome, TerminateDaemon(check.pid, name, table_, timeout_ms));
  int64_t took = std::chrono::duration_cast<std::chrono::milliseconds>(
                     std::chrono::steady_clock::now() - begin)
                     .count();
  RETURN_IF_ERROR(RemovePidFile(files.pid_file));
  if (outcome == StopOutcome::kExited) {
    ctx_.out << name << ": stopped (pid " << check.pid << ") after " << Seconds(took) << std::endl;
  } else {
    ctx_.out << name << ": killed with SIGKILL (pid " << check.pid
             << ") after it ignored SIGTERM for " << Seconds(timeout_ms) << "; see "
             << files.log_file << std::endl;
  }
  return Status::OK();
}

Result<size_t> ProcessRunner::PrintStatus(const std::vector<std::string>& names) {
  size_t running = 0;
  for (const std::string& name : names) {
    ASSIGN_OR_RETURN(DaemonFiles files, FilesFor(name));
    ASSIGN_OR_RETURN(PidFileCheck check, CheckPidFileAt(files.pid_file, name, table_));
    switch (check.state) {
      case PidFileState::kRunning:
        ++running;
        ctx_.out << name << ": running (pid " << check.pid << ", log " << files.log_file << ")\n";
        break;
      case PidFileState::kAbsent:
        ctx_.out << name << ": stopped\n";
        break;
      case PidFileState::kStale:
        ctx_.out << name << ": stopped (stale pid file " << files.pid_file << ": " << check.reason
                 << ")\n";
        break;
    }
  }
  return running;
}

}  // namespace alluxio::cli::process
