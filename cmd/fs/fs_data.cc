// Data commands (Alluxio 2.9's CatCommand, HeadCommand, TailCommand, CpCommand,
// CopyFromLocalCommand, CopyToLocalCommand, LoadCommand, FreeCommand, PersistCommand,
// LocationCommand, ChecksumCommand, GetCapacityBytesCommand, GetUsedBytesCommand): they move
// bytes between Alluxio, workers and the local disk through client::FileSystem's streams.
#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>
#include <ostream>
#include <thread>
#include <vector>

#include "cmd/command_context.h"
#include "cmd/fs/fs_command_table.h"
#include "cmd/fs/fs_path_args.h"
#include "lib/common/logging.h"
#include "lib/common/path.h"
#include "lib/common/strings.h"
#include "lib/common/unique_fd.h"
#include "lib/conf/units.h"

namespace alluxio::cli::fs {
namespace {

constexpr std::string_view kCatUsage = "cat <path>";
constexpr std::string_view kHeadUsage = "head -c <number of bytes> <path>";
constexpr std::string_view kTailUsage = "tail -c <number of bytes> <path>";
constexpr std::string_view kCpUsage =
    "cp [-R/-r/--recursive] [--thread <num>] [--buffersize <bytes>] [-p/--preserve] <src> <dst>";
constexpr std::string_view kCopyFromLocalUsage =
    "copyFromLocal [--thread <num>] [--buffersize <bytes>] <src> <remoteDst>";
constexpr std::string_view kCopyToLocalUsage =
    "copyToLocal [--buffersize <bytes>] <src> <localDst>";
constexpr std::string_view kLoadUsage = "load [--local] <path>";
constexpr std::string_view kFreeUsage = "free [-f] <path>";
constexpr std::string_view kPersistUsage =
    "persist [-p|--parallelism <#>] [-t|--timeout <milliseconds>] [-w|--wait <milliseconds>] "
    "<path> [<path> ...]";
constexpr std::string_view kLocationUsage = "location <path>";
constexpr std::string_view kChecksumUsage = "checksum <path>";
constexpr size_t kBuffer = 1 << 20;

bool StdoutIsTerminal() { return ::isatty(STDOUT_FILENO) == 1; }

// A one-line progress bar on stderr, drawn only when stdout is a terminal.
class Progress {
 public:
  Progress(std::ostream& err, std::string label, int64_t total)
      : err_(err), label_(std::move(label)), total_(total), enabled_(StdoutIsTerminal()) {}
  ~Progress() {
    if (enabled_ && drawn_) err_ << "\r\033[K" << std::flush;
  }
  void Add(int64_t n) {
    done_ += n;
    if (!enabled_) return;
    auto now = std::chrono::steady_clock::now();
    if (drawn_ && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    drawn_ = true;
    int pct = total_ > 0 ? static_cast<int>(done_ * 100 / total_) : 100;
    int bars = pct / 5;
    err_ << "\r" << label_ << " [" << std::string(bars, '#') << std::string(20 - bars, ' ') << "] "
         << pct << "% " << conf::FormatBytes(done_) << std::flush;
  }

 private:
  std::ostream& err_;
  std::string label_;
  int64_t total_;
  int64_t done_ = 0;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_;
};

Status MustBeFile(const wire::FileInfo& info, const FsPath& path) {
  if (info.folder)
    return Status::FailedPrecondition("Path \"" + path.display + "\" must be a file.");
  return Status::OK();
}

// Copies [offset, offset + length) of an Alluxio file (length -1: to the end) to `out`.
Status StreamFile(FsEnv& env, const FsPath& path, int64_t offset, int64_t length,
                  const std::function<Status(std::string_view)>& out,
                  std::optional<wire::ReadType> read_type = std::nullopt) {
  wire::OpenFileOptions options;
  options.read_type = read_type;
  ASSIGN_OR_RETURN(auto in, env.fs.OpenFile(path.path, options));
  if (offset > 0) RETURN_IF_ERROR(in->Seek(std::min(offset, in->length())));
  int64_t left = length < 0 ? in->length() - in->position() : length;
  std::vector<char> buf(kBuffer);
  while (left > 0) {
    ASSIGN_OR_RETURN(size_t n,
                     in->Read(buf.data(), static_cast<size_t>(std::min<int64_t>(left, kBuffer))));
    if (n == 0) break;
    RETURN_IF_ERROR(out(std::string_view(buf.data(), n)));
    left -= static_cast<int64_t>(n);
  }
  return Status::OK();
}

Status WriteToStdout(FsEnv& env, std::string_view data) {
  env.ctx.out.write(data.data(), static_cast<std::streamsize>(data.size()));
  if (!env.ctx.out) return Status::Unavailable("Writing to stdout failed");
  return Status::OK();
}

// When the command prints to the process's own stdout, a file's bytes go straight to
// descriptor 1 (sendfile from a local tier file: they never pass through this process).
Status CatToStdoutFd(FsEnv& env, const FsPath& path) {
  env.ctx.out.flush();
  ASSIGN_OR_RETURN(auto in, env.fs.OpenFile(path.path, {}));
  for (;;) {
    ASSIGN_OR_RETURN(size_t n, in->ReadToFd(STDOUT_FILENO, 64 << 20));
    if (n == 0) return Status::OK();
  }
}

Status RunCat(FsEnv& env, const std::vector<std::string>& args) {
  RETURN_IF_ERROR(CheckArgCount(env.ctx, "cat", kCatUsage, args, 1, -1));
  const bool to_stdout_fd = &env.ctx.out == &std::cout;
  return ForEachPath(env, args, [&](const FsPath& path) -> Status {
    ASSIGN_OR_RETURN(wire::FileInfo info, env.fs.GetStatus(path.path, {}));
    RETURN_IF_ERROR(MustBeFile(info, path));
    if (to_stdout_fd) return CatToStdoutFd(env, path);
    Status st =
        StreamFile(env, path, 0, -1, [&](std::string_view d) { return WriteToStdout(env, d); });
    env.ctx.out.flush();
    return st;
  });
}

struct BytesOption {
  std::string bytes = "1KB";  // -c
};

Status RunHeadTail(FsEnv& env, const BytesOption& o, const std::vector<std::string>& args,
                   bool tail) {
  std::string_view usage = tail ? kTailUsage : kHeadUsage;
  RETURN_IF_ERROR(CheckArgCount(env.ctx, tail ? "tail" : "head", usage, args, 1, 1));
  auto bytes = conf::ParseBytes(o.bytes);
  if (!bytes.ok() || *bytes < 0) {
    return env.ctx.UsageError("Invalid number of bytes \"" + o.bytes +
                              "\": expected a size such as 1024 or 4KB");
  }
  return ForEachPath(env, args, [&](const FsPath& path) -> Status {
    ASSIGN_OR_RETURN(wire::FileInfo info, env.fs.GetStatus(path.path, {}));
    RETURN_IF_ERROR(MustBeFile(info, path));
    int64_t n = std::min(*bytes, info.length);
    int64_t offset = tail ? info.length - n : 0;
    Status st =
        StreamFile(env, path, offset, n, [&](std::string_view d) { return WriteToStdout(env, d); });
    env.ctx.out.flush();
    return st;
  });
}

// ---- cp -------------------------------------------------------------------------------------

struct CpOptions {
  bool recursive = false;
  int threads = 1;
  std::string buffer_size;
  bool preserve = false;
};

bool IsLocal(std::string_view arg) { return arg.rfind("file://", 0) == 0; }

std::string LocalPath(std::string_view arg) {
  std::string p(arg.substr(7));
  std::error_code ec;
  auto abs = std::filesystem::absolute(p, ec);
  return ec ? p : abs.lexically_normal().string();
}

Status CopyLocalToAlluxio(FsEnv& env, const std::string& local, const FsPath& dst) {
  UniqueFd fd(::open(local.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) {
    return Status::NotFound("Local path " + local + " cannot be read: " + std::strerror(errno));
  }
  struct stat st {};
  ::fstat(fd.get(), &st);
  wire::CreateFileOptions options;
  options.recursive = true;
  ASSIGN_OR_RETURN(auto out, env.fs.CreateFile(dst.path, options));
  Progress progress(env.ctx.err, "Copying " + local, st.st_size);
  std::vector<char> buf(kBuffer);
  for (;;) {
    ssize_t n = ::read(fd.get(), buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      out->Cancel();
      return Status::Internal("Reading " + local + ": " + std::strerror(errno));
    }
    if (n == 0) break;
    Status w = out->Write(std::string_view(buf.data(), static_cast<size_t>(n)));
    if (!w.ok()) {
      out->Cancel();
      return w;
    }
    progress.Add(n);
  }
  return out->Close();
}

Status CopyAlluxioToLocal(FsEnv& env, const FsPath& src, const std::string& local) {
  ASSIGN_OR_RETURN(wire::FileInfo info, env.fs.GetStatus(src.path, {}));
  RETURN_IF_ERROR(MustBeFile(info, src));
  std::string tmp = local + ".alluxio-copy-" + std::to_string(::getpid());
  UniqueFd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (!fd.valid()) {
    return Status::PermissionDenied("Cannot write " + local + ": " + std::strerror(errno));
  }
  Progress progress(env.ctx.err, "Copying " + src.display, info.length);
  Status st = StreamFile(env, src, 0, -1, [&](std::string_view d) -> Status {
    size_t done = 0;
    while (done < d.size()) {
      ssize_t n = ::write(fd.get(), d.data() + done, d.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return Status::Internal("Writing " + local + ": " + std::strerror(errno));
      done += static_cast<size_t>(n);
    }
    progress.Add(static_cast<int64_t>(d.size()));
    return Status::OK();
  });
  if (st.ok() && ::rename(tmp.c_str(), local.c_str()) != 0) {
    st = Status::Internal("Renaming " + tmp + " to " + local + ": " + std::strerror(errno));
  }
  if (!st.ok()) ::unlink(tmp.c_str());
  return st;
}

Status CopyAlluxioToAlluxio(FsEnv& env, const FsPath& src, const FsPath& dst) {
  ASSIGN_OR_RETURN(wire::FileInfo info, env.fs.GetStatus(src.path, {}));
  RETURN_IF_ERROR(MustBeFile(info, src));
  wire::CreateFileOptions options;
  options.recursive = true;
  ASSIGN_OR_RETURN(auto out, env.fs.CreateFile(dst.path, options));
  Progress progress(env.ctx.err, "Copying " + src.display, info.length);
  Status st = StreamFile(env, src, 0, -1, [&](std::string_view d) {
    progress.Add(static_cast<int64_t>(d.size()));
    return out->Write(d);
  });
  if (!st.ok()) {
    out->Cancel();
    return st;
  }
  return out->Close();
}

// Copies one source (file or, with -R, directory) to `dst`; prints Alluxio's messages.
Status CopyOne(FsEnv& env, const CpOptions& o, const std::string& src_arg,
               const std::string& dst_arg) {
  const bool src_local = IsLocal(src_arg);
  const bool dst_local = IsLocal(dst_arg);
  if (src_local && dst_local) {
    return env.ctx.UsageError("cp copies into or out of Alluxio: both " + src_arg + " and " +
                              dst_arg + " are local (file://) paths");
  }
  if (src_local) {
    std::string local = LocalPath(src_arg);
    ASSIGN_OR_RETURN(FsPath dst, ParseFsPath(env.ctx, dst_arg));
    std::error_code ec;
    if (std::filesystem::is_directory(local, ec)) {
      if (!o.recursive) {
        return Status::InvalidArgument("Source " + local +
                                       " is a directory: use -R to copy directories");
      }
      wire::CreateDirectoryOptions mk;
      mk.recursive = true;
      mk.allow_exists = true;
      RETURN_IF_ERROR(env.fs.CreateDirectory(dst.path, mk));
      std::vector<std::filesystem::directory_entry> entries(
          std::filesystem::directory_iterator(local, ec), {});
      std::sort(entries.begin(), entries.end());
      for (const auto& e : entries) {
        std::string name = e.path().filename().string();
        RETURN_IF_ERROR(CopyOne(env, o, "file://" + e.path().string(),
                                dst.display + (dst.path == "/" ? "" : "/") + name));
      }
      return Status::OK();
    }
    // Into an existing directory: keep the source's name.
    auto existing = env.fs.GetStatus(dst.path, {});
    if (existing.ok() && existing->folder) {
      dst = WithPath(dst, JoinPath(dst.path, std::filesystem::path(local).filename().string()));
    }
    RETURN_IF_ERROR(CopyLocalToAlluxio(env, local, dst));
    env.ctx.out << "Copied file://" << local << " to " << dst.display << "\n";
    return Status::OK();
  }
  ASSIGN_OR_RETURN(FsPath src, ParseFsPath(env.ctx, src_arg));
  return ForEachPath(env, {src_arg}, [&](const FsPath& s) -> Status {
    ASSIGN_OR_RETURN(wire::FileInfo info, env.fs.GetStatus(s.path, {}));
    if (dst_local) {
      std::string local = LocalPath(dst_arg);
      std::error_code ec;
      if (info.folder) {
        if (!o.recursive) {
          return Status::InvalidArgument("Path " + s.display +
                                         " is a directory: use -R to copy directories");
        }
        std::filesystem::create_directories(local, ec);
        if (ec) return Status::Internal("Creating " + local + ": " + ec.message());
        wire::ListStatusOptions ls;
        ASSIGN_OR_RETURN(auto children, env.fs.ListAll(s.path, ls));
        for (const auto& c : children) {
          RETURN_IF_ERROR(
              CopyOne(env, o, WithPath(s, c.path).display, "file://" + local + "/" + c.name));
        }
        return Status::OK();
      }
      if (std::filesystem::is_directory(local, ec)) local += "/" + info.name;
      RETURN_IF_ERROR(CopyAlluxioToLocal(env, s, local));
      env.ctx.out << "Copied " << s.display << " to file://" << local << "\n";
      return Status::OK();
    }
    ASSIGN_OR_RETURN(FsPath dst, ParseFsPath(env.ctx, dst_arg));
    auto existing = env.fs.GetStatus(dst.path, {});
    if (info.folder) {
      if (!o.recursive) {
        return Status::InvalidArgument("Path " + s.display +
                                       " is a directory: use -R to copy directories");
      }
      if (existing.ok() && existing->folder) dst = WithPath(dst, JoinPath(dst.path, info.name));
      wire::CreateDirectoryOptions mk;
      mk.recursive = true;
      mk.allow_exists = true;
      RETURN_IF_ERROR(env.fs.CreateDirectory(dst.path, mk));
      env.ctx.out << "Created directory: " << dst.display << "\n";
      wire::ListStatusOptions ls;
      ASSIGN_OR_RETURN(auto children, env.fs.ListAll(s.path, ls));
      for (const auto& c : children) {
        RETURN_IF_ERROR(CopyOne(env, o, WithPath(s, c.path).display,
                                WithPath(dst, JoinPath(dst.path, c.name)).display));
      }
      return Status::OK();
    }
    if (existing.ok() && existing->folder) dst = WithPath(dst, JoinPath(dst.path, info.name));
    RETURN_IF_ERROR(CopyAlluxioToAlluxio(env, s, dst));
    env.ctx.out << "Copied " << s.display << " to " << dst.display << "\n";
    return Status::OK();
  });
}

Status RunCp(FsEnv& env, const CpOptions& o, const std::vector<std::string>& args) {
  RETURN_IF_ERROR(CheckArgCount(env.ctx, "cp", kCpUsage, args, 2, 2));
  return CopyOne(env, o, args[0], args[1]);
}

Status RunCopyFromLocal(FsEnv& env, const CpOptions& o, const std::vector<std::string>& args) {
  RETURN_IF_ERROR(CheckArgCount(env.ctx, "copyFromLocal", kCopyFromLocalUsage, args, 2, 2));
  CpOptions r = o;
  r.recursive = true;
  std::string src = IsLocal(args[0]) ? args[0] : "file://" + args[0];
  return CopyOne(env, r, src, args[1]);
}

Status RunCopyToLocal(FsEnv& env, const CpOptions& o, const std::vector<std::string>& args) {
  RETURN_IF_ERROR(CheckArgCount(env.ctx, "copyToLocal", kCopyToLocalUsage, args, 2, 2));
  CpOptions r = o;
  r.recursive = true;
  std::string dst = IsLocal(args[1]) ? args[1] : "file://" + args[1];
  return CopyOne(env, r, args[0], dst);
}

// ---- load / free / persist ------------------------------------------------------------------

// Calls `fn` for every file at or below `path`.
Status ForEachFile(FsEnv& env, const FsPath& path,
                   const std::function<Status(const wire::FileInfo&)>& fn) {
  ASSIGN_OR_RETURN(wire::FileInfo info, env.fs.GetStatus(path.path, {}));
  if (!info.folder) return fn(info);
  wire::ListStatusOptions ls;
  ls.recursive = true;
  return env.fs.ListStatus(path.path, ls, [&](wire::FileInfo&& f) -> Status {
    if (f.folder) return Status::OK();
    return fn(f);
  });
}

struct LoadOptions {
  bool local = false;
};

Status RunLoad(FsEnv& env, const LoadOptions&, const std::vector<std::string>& args) {
  RETURN_IF_ERROR(CheckArgCount(env.ctx, "load", kLoadUsage, args, 1, 1));
  return ForEachPath(env, args, [&](const FsPath& path) -> Status {
    RETURN_IF_ERROR(ForEachFile(env, path, [&](const wire::FileInfo& f) -> Status {
      if (f.in_alluxio_percentage == 100) return Status::OK();
      Progress progress(env.ctx.err, "Loading " + f.path, f.length);
      return StreamFile(
          env, WithPath(path, f.path), 0, -1,
          [&](std::string_view d) {
            progress.Add(static_cast<int64_t>(d.size()));
            return Status::OK();
          },
          wire::ReadType::kCachePromote);
    }));
    env.ctx.out << path.display << " loaded\n";
    return Status::OK();
  });
}

struct FreeOptions {
  bool force = false;
};

Status RunFree(FsEnv& env, const FreeOptions& o, const std::vector<std::string>& args) {
  RETURN_IF_ERROR(CheckArgCount(env.ctx, "free", kFreeUsage, args, 1, 1));
  return ForEachPath(env, args, [&](const FsPath& path) -> Status {
    wire::FreeOptions options;
    options.recursive = true;
    options.forced = o.force;
    RETURN_IF_ERROR(env.fs.Free(path.path, options));
    // Workers drop the blocks on their next heartbeat: wait until none is cached.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    for (bool first = true;; first = false) {
      // Blocks a worker cached just before the free reach the master with its next heartbeat,
      // after the master sent its frees: free again until nothing is left.
      if (!first) RETURN_IF_ERROR(env.fs.Free(path.path, options));
      bool cached = false;
      RETURN_IF_ERROR(ForEachFile(env, path, [&](const wire::FileInfo& f) {
        if (f.length > 0 && f.in_alluxio_percentage > 0) cached = true;
        return Status::OK();
      }));
      if (!cached) break;
      if (std::chrono::steady_clock::now() > deadline) {
        return Status::DeadlineExceeded("Timed out waiting for " + path.display +
                                        " to be freed from the workers");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    env.ctx.out << path.display << " was successfully freed from Alluxio space.\n";
    return Status::OK();
  });
}

struct PersistOptions {
  int parallelism = 4;
  int64_t timeout_ms = 20 * 60 * 1000;
  int64_t wait_ms = 0;
};

Status RunPersist(FsEnv& env, const PersistOptions& o, const std::vector<std::string>& args) {
  RETURN_IF_ERROR(CheckArgCount(env.ctx, "persist", kPersistUsage, args, 1, -1));
  std::vector<std::pair<FsPath, int64_t>> todo;
  RETURN_IF_ERROR(ForEachPath(env, args, [&](const FsPath& path) -> Status {
    return ForEachFile(env, path, [&](const wire::FileInfo& f) -> Status {
      if (!f.persisted) todo.emplace_back(WithPath(path, f.path), f.length);
      return Status::OK();
    });
  }));
  env.ctx.out << "Found " << todo.size() << " files to persist.\n";
  if (o.wait_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(o.wait_ms));
  for (const auto& [p, len] : todo) RETURN_IF_ERROR(env.fs.ScheduleAsyncPersistence(p.path));
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(o.timeout_ms);
  size_t done = 0;
  std::vector<bool> finished(todo.size(), false);
  while (done < todo.size()) {
    for (size_t i = 0; i < todo.size(); ++i) {
      if (finished[i]) continue;
      ASSIGN_OR_RETURN(wire::FileInfo f, env.fs.GetStatus(todo[i].first.path, {}));
      if (f.persisted) {
        finished[i] = true;
        ++done;
        env.ctx.out << "Persisted file " << todo[i].first.display << " with size " << todo[i].second
                    << "\n";
      }
    }
    if (done == todo.size()) break;
    if (std::chrono::steady_clock::now() > deadline) {
      return Status::DeadlineExceeded(StrCat("Timed out after ", o.timeout_ms, " ms with ",
                                             todo.size() - done, " files not yet persisted"));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return Status::OK();
}

// ---- location / checksum / capacity ---------------------------------------------------------

Status RunLocation(FsEnv& env, const std::vector<std::string>& args) {
  RETURN_IF_ERROR(CheckArgCount(env.ctx, "location", kLocationUsage, args, 1, 1));
  return ForEachPath(env, args, [&](const FsPath& path) -> Status {
    ASSIGN_OR_RETURN(wire::FileInfo info, env.fs.GetStatus(path.path, {}));
    RETURN_IF_ERROR(MustBeFile(info, path));
    env.ctx.out << path.display << " with file id " << info.file_id << " is on nodes: \n";
    for (const auto& b : info.file_block_infos) {
      for (const auto& loc : b.block_info.locations) {
        env.ctx.out << loc.worker_address.host << "\n";
      }
    }
    return Status::OK();
  });
}

Status RunChecksum(FsEnv& env, const std::vector<std::string>& args) {
  RETURN_IF_ERROR(CheckArgCount(env.ctx, "checksum", kChecksumUsage, args, 1, 1));
  return ForEachPath(env, args, [&](const FsPath& path) -> Status {
    ASSIGN_OR_RETURN(wire::FileInfo info, env.fs.GetStatus(path.path, {}));
    RETURN_IF_ERROR(MustBeFile(info, path));
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> md(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    EVP_DigestInit_ex(md.get(), EVP_md5(), nullptr);
    RETURN_IF_ERROR(StreamFile(env, path, 0, -1, [&](std::string_view d) {
      EVP_DigestUpdate(md.get(), d.data(), d.size());
      return Status::OK();
    }));
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(md.get(), digest, &len);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    for (unsigned int i = 0; i < len; ++i) {
      hex += kHex[digest[i] >> 4];
      hex += kHex[digest[i] & 15];
    }
    env.ctx.out << "md5sum: " << hex << "\n\n";
    return Status::OK();
  });
}

Status RunCapacity(FsEnv& env, const std::vector<std::string>& args, bool used) {
  RETURN_IF_ERROR(CheckArgCount(env.ctx, used ? "getUsedBytes" : "getCapacityBytes",
                                used ? "getUsedBytes" : "getCapacityBytes", args, 0, 0));
  ASSIGN_OR_RETURN(auto tiers, env.fs.Capacity());
  int64_t total = 0;
  for (const auto& t : tiers) total += used ? t.used_bytes : t.capacity_bytes;
  env.ctx.out << (used ? "Used Bytes: " : "Capacity Bytes: ") << total << "\n";
  return Status::OK();
}

FsCommandSpec Spec(std::string name, std::string_view usage, std::string description,
                   std::function<FsRunner(CLI::App&)> setup) {
  FsCommandSpec spec;
  spec.name = std::move(name);
  spec.usage = std::string(usage);
  spec.description = std::move(description);
  spec.setup = std::move(setup);
  return spec;
}

FsRunner Plain(Status (*run)(FsEnv&, const std::vector<std::string>&)) { return run; }

void AddCpFlags(CLI::App& app, CpOptions& o, bool recursive_flag) {
  if (recursive_flag) app.add_flag("-R,-r,--recursive", o.recursive, "copy directories");
  app.add_option("--thread", o.threads, "number of threads used to copy files");
  app.add_option("--buffersize", o.buffer_size, "read buffer size in bytes");
  if (recursive_flag) app.add_flag("-p,--preserve", o.preserve, "preserve file attributes");
}

}  // namespace

std::vector<FsCommandSpec> DataCommandSpecs() {
  std::vector<FsCommandSpec> specs;
  specs.push_back(Spec("cat", kCatUsage, "Prints the file's contents to the console.",
                       [](CLI::App&) { return Plain(RunCat); }));
  specs.push_back(Spec("head", kHeadUsage,
                       "Prints the file's first n bytes (by default, 1KB) to the console.",
                       [](CLI::App& app) -> FsRunner {
                         auto o = std::make_shared<BytesOption>();
                         app.add_option("-c", o->bytes, "number of bytes (e.g. 1024, 4KB)");
                         return [o](FsEnv& env, const std::vector<std::string>& args) {
                           return RunHeadTail(env, *o, args, false);
                         };
                       }));
  specs.push_back(Spec("tail", kTailUsage,
                       "Prints the file's last n bytes (by default, 1KB) to the console.",
                       [](CLI::App& app) -> FsRunner {
                         auto o = std::make_shared<BytesOption>();
                         app.add_option("-c", o->bytes, "number of bytes (e.g. 1024, 4KB)");
                         return [o](FsEnv& env, const std::vector<std::string>& args) {
                           return RunHeadTail(env, *o, args, true);
                         };
                       }));
  specs.push_back(Spec("cp", kCpUsage,
                       "Copies a file or a directory in the Alluxio filesystem or between local "
                       "filesystem and Alluxio filesystem. Use file:// for local paths.",
                       [](CLI::App& app) -> FsRunner {
                         auto o = std::make_shared<CpOptions>();
                         AddCpFlags(app, *o, true);
                         return [o](FsEnv& env, const std::vector<std::string>& args) {
                           return RunCp(env, *o, args);
                         };
                       }));
  specs.push_back(Spec("copyFromLocal", kCopyFromLocalUsage,
                       "Copies a file or a directory from local filesystem to Alluxio filesystem.",
                       [](CLI::App& app) -> FsRunner {
                         auto o = std::make_shared<CpOptions>();
                         AddCpFlags(app, *o, false);
                         return [o](FsEnv& env, const std::vector<std::string>& args) {
                           return RunCopyFromLocal(env, *o, args);
                         };
                       }));
  specs.push_back(Spec("copyToLocal", kCopyToLocalUsage,
                       "Copies a file or a directory from the Alluxio filesystem to the local "
                       "filesystem.",
                       [](CLI::App& app) -> FsRunner {
                         auto o = std::make_shared<CpOptions>();
                         app.add_option("--buffersize", o->buffer_size, "read buffer size");
                         return [o](FsEnv& env, const std::vector<std::string>& args) {
                           return RunCopyToLocal(env, *o, args);
                         };
                       }));
  specs.push_back(Spec("load", kLoadUsage,
                       "Loads a file or directory in Alluxio space, makes it resident in Alluxio.",
                       [](CLI::App& app) -> FsRunner {
                         auto o = std::make_shared<LoadOptions>();
                         app.add_flag("--local", o->local, "load the file to the local worker");
                         return [o](FsEnv& env, const std::vector<std::string>& args) {
                           return RunLoad(env, *o, args);
                         };
                       }));
  specs.push_back(Spec("free", kFreeUsage,
                       "Frees the space occupied by a file or a directory in Alluxio. Use -f to "
                       "free pinned files too. Waits until the workers have dropped the blocks.",
                       [](CLI::App& app) -> FsRunner {
                         auto o = std::make_shared<FreeOptions>();
                         app.add_flag("-f", o->force, "free pinned files too");
                         return [o](FsEnv& env, const std::vector<std::string>& args) {
                           return RunFree(env, *o, args);
                         };
                       }));
  specs.push_back(Spec("persist", kPersistUsage,
                       "Persists files or directories currently stored only in Alluxio to the "
                       "UnderFileSystem.",
                       [](CLI::App& app) -> FsRunner {
                         auto o = std::make_shared<PersistOptions>();
                         app.add_option("-p,--parallelism", o->parallelism,
                                        "number of concurrent persist operations");
                         app.add_option("-t,--timeout", o->timeout_ms,
                                        "time in milliseconds to wait for persistence");
                         app.add_option("-w,--wait", o->wait_ms,
                                        "time in milliseconds to wait before persisting");
                         return [o](FsEnv& env, const std::vector<std::string>& args) {
                           return RunPersist(env, *o, args);
                         };
                       }));
  specs.push_back(Spec("location", kLocationUsage,
                       "Displays the list of hosts storing the specified file.",
                       [](CLI::App&) { return Plain(RunLocation); }));
  specs.push_back(Spec("checksum", kChecksumUsage,
                       "Calculates the md5 checksum of a file in the Alluxio filesystem.",
                       [](CLI::App&) { return Plain(RunChecksum); }));
  specs.push_back(Spec("getCapacityBytes", "getCapacityBytes",
                       "Gets the capacity of the Alluxio file system.", [](CLI::App&) -> FsRunner {
                         return [](FsEnv& env, const std::vector<std::string>& args) {
                           return RunCapacity(env, args, false);
                         };
                       }));
  specs.push_back(Spec("getUsedBytes", "getUsedBytes",
                       "Gets number of bytes used in the Alluxio file system.",
                       [](CLI::App&) -> FsRunner {
                         return [](FsEnv& env, const std::vector<std::string>& args) {
                           return RunCapacity(env, args, true);
                         };
                       }));
  return specs;
}

}  // namespace alluxio::cli::fs
