#include "lib/ufs/local_ufs.h"

#include <dirent.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <random>
#include <system_error>
#include <utility>
#include <vector>

#include "lib/common/logging.h"
#include "lib/common/strings.h"
#include "lib/common/unique_fd.h"
#include "lib/ufs/ufs_path.h"

namespace alluxio::ufs {
namespace {

constexpr std::string_view kTempMarker = ".alluxio-tmp-";
constexpr size_t kTempRandomDigits = 16;
// Keeps ".<name>.alluxio-tmp-<16 hex>" under NAME_MAX (255) however long the name is.
constexpr size_t kMaxNameInTempName = 200;

StatusCode CodeForErrno(int err) {
  switch (err) {
    case ENOENT:
      return StatusCode::kNotFound;
    case EEXIST:
      return StatusCode::kAlreadyExists;
    case ENOTDIR:
    case EISDIR:
    case ENOTEMPTY:
    case EXDEV:
      return StatusCode::kFailedPrecondition;
    case EACCES:
    case EPERM:
    case EROFS:
      return StatusCode::kPermissionDenied;
    case ENOSPC:
    case EDQUOT:
      return StatusCode::kResourceExhausted;
    case ENAMETOOLONG:
    case ELOOP:
      return StatusCode::kInvalidArgument;
    default:
      return StatusCode::kUnknown;
  }
}

// "<what> <path>: <strerror>", e.g. "cannot open /data/a: No such file or directory".
Status ErrnoStatus(int err, std::string_view what, std::string_view path) {
  return Status(CodeForErrno(err),
                StrCat(what, " ", path, ": ", std::generic_category().message(err)));
}

int64_t Nanos(const timespec& ts) {
  return static_cast<int64_t>(ts.tv_sec) * 1'000'000'000 + static_cast<int64_t>(ts.tv_nsec);
}

// Of a normalised local path: "/a/b" -> "/a", "/a" -> "/".
std::string ParentOf(const std::string& local) {
  size_t slash = local.rfind('/');
  return slash == 0 ? std::string("/") : local.substr(0, slash);
}

// Of a normalised local path: "/a/b" -> "b", "/" -> "".
std::string BaseName(const std::string& local) { return local.substr(local.rfind('/') + 1); }

// `uri` + "/" + `name` for messages about a child of `uri`.
std::string ChildForMessage(std::string_view uri, std::string_view name) {
  while (EndsWith(uri, "/")) uri.remove_suffix(1);
  return StrCat(uri, "/", name);
}

// Calls a getpw*_r / getgr*_r style function with a buffer that grows on ERANGE.
template <typename Entry, typename Lookup>
bool LookUpEntry(Lookup lookup, Entry* entry) {
  std::vector<char> buf(1024);
  while (true) {
    Entry* result = nullptr;
    int rc = lookup(entry, buf.data(), buf.size(), &result);
    if (rc == ERANGE && buf.size() < (1u << 20)) {
      buf.resize(buf.size() * 2);
      continue;
    }
    return rc == 0 && result != nullptr;
  }
}

std::string UserName(uid_t uid) {
  passwd pw;
  std::string name;
  bool found = LookUpEntry<passwd>(
      [&](passwd* e, char* b, size_t n, passwd** r) {
        int rc = getpwuid_r(uid, e, b, n, r);
        if (rc == 0 && *r != nullptr) name = (*r)->pw_name;
        return rc;
      },
      &pw);
  return found ? name : std::to_string(uid);
}

std::string GroupName(gid_t gid) {
  group gr;
  std::string name;
  bool found = LookUpEntry<group>(
      [&](group* e, char* b, size_t n, group** r) {
        int rc = getgrgid_r(gid, e, b, n, r);
        if (rc == 0 && *r != nullptr) name = (*r)->gr_name;
        return rc;
      },
      &gr);
  return found ? name : std::to_string(gid);
}

// A user name, or a numeric id the system has no name for.
std::optional<uid_t> UserId(const std::string& name) {
  passwd pw;
  uid_t uid = 0;
  bool found = LookUpEntry<passwd>(
      [&](passwd* e, char* b, size_t n, passwd** r) {
        int rc = getpwnam_r(name.c_str(), e, b, n, r);
        if (rc == 0 && *r != nullptr) uid = (*r)->pw_uid;
        return rc;
      },
      &pw);
  if (found) return uid;
  int64_t id = 0;
  if (ParseInt64(name, &id) && id >= 0 && id < static_cast<int64_t>(static_cast<uid_t>(-1))) {
    return static_cast<uid_t>(id);
  }
  return std::nullopt;
}

std::optional<gid_t> GroupId(const std::string& name) {
  group gr;
  gid_t gid = 0;
  bool found = LookUpEntry<group>(
      [&](group* e, char* b, size_t n, group** r) {
        int rc = getgrnam_r(name.c_str(), e, b, n, r);
        if (rc == 0 && *r != nullptr) gid = (*r)->gr_gid;
        return rc;
      },
      &gr);
  if (found) return gid;
  int64_t id = 0;
  if (ParseInt64(name, &id) && id >= 0 && id < static_cast<int64_t>(static_cast<gid_t>(-1))) {
    return static_cast<gid_t>(id);
  }
  return std::nullopt;
}

// Remembers id -> name lookups for the length of one call (a listing has few distinct owners,
// and each NSS lookup may read /etc/passwd).
class NameCache {
 public:
  const std::string& User(uid_t uid) {
    auto it = users_.find(uid);
    if (it == users_.end()) it = users_.emplace(uid, UserName(uid)).first;
    return it->second;
  }
  const std::string& Group(gid_t gid) {
    auto it = groups_.find(gid);
    if (it == groups_.end()) it = groups_.emplace(gid, GroupName(gid)).first;
    return it->second;
  }

 private:
  std::map<uid_t, std::string> users_;
  std::map<gid_t, std::string> groups_;
};

UfsStatus StatusFromStat(std::string name, const struct stat& st, NameCache& names) {
  UfsStatus s;
  s.name = std::move(name);
  s.is_directory = S_ISDIR(st.st_mode);
  int64_t mtime_ns = Nanos(st.st_mtim);
  s.last_modified_ms = mtime_ns / 1'000'000;
  s.owner = names.User(st.st_uid);
  s.group = names.Group(st.st_gid);
  s.mode = static_cast<int>(st.st_mode & 07777);
  if (!s.is_directory) {
    s.length = static_cast<int64_t>(st.st_size);
    s.content_hash = StrCat(mtime_ns, ":", s.length);
  }
  return s;
}

std::string RandomHex() {
  std::random_device rd;
  uint64_t bits = (static_cast<uint64_t>(rd()) << 32) | rd();
  char buf[kTempRandomDigits + 1];
  std::snprintf(buf, sizeof(buf), "%016llx", static_cast<unsigned long long>(bits));
  return buf;
}

// Creates directory `local` with exactly `mode`; with `parents`, missing ancestors too (with
// the same mode). With `exist_ok`, an existing directory is success. `uri` is for messages.
Status MakeDirectory(const std::string& local, std::string_view uri, int mode, bool parents,
                     bool exist_ok) {
  if (::mkdir(local.c_str(), static_cast<mode_t>(mode & 0777)) == 0) {
    // mkdir(2) applies the umask; the caller asked for this exact mode.
    if (::chmod(local.c_str(), static_cast<mode_t>(mode & 07777)) != 0) {
      return ErrnoStatus(errno, "cannot set the mode of", uri);
    }
    return Status::OK();
  }
  int err = errno;
  if (err == EEXIST) {
    if (!exist_ok) {
      return Status::AlreadyExists(StrCat("cannot create directory ", uri, ": it already exists"));
    }
    struct stat st;
    if (::stat(local.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) return Status::OK();
    return Status::FailedPrecondition(
        StrCat("cannot create directory ", uri, ": it exists and is not a directory"));
  }
  if (err == ENOENT && local != "/") {
    if (!parents) {
      return Status::NotFound(
          StrCat("cannot create directory ", uri, ": its parent directory does not exist"));
    }
    std::string parent = ParentOf(local);
    RETURN_IF_ERROR(MakeDirectory(parent, parent, mode, /*parents=*/true, /*exist_ok=*/true));
    return MakeDirectory(local, uri, mode, /*parents=*/false, exist_ok);
  }
  return ErrnoStatus(err, "cannot create directory", uri);
}

// fsync(2) of a directory, so a rename into it survives a crash. Best effort: the rename has
// already happened and cannot be reported as failed.
void SyncDirectory(const std::string& local) {
  UniqueFd fd(::open(local.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.valid()) (void)::fsync(fd.get());
}

// The path of a temporary file, unlinked on destruction unless released. Move-only.
class TempFile {
 public:
  explicit TempFile(std::string path) : path_(std::move(path)) {}
  TempFile(TempFile&& o) noexcept : path_(std::exchange(o.path_, std::string())) {}
  TempFile& operator=(TempFile&&) = delete;
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() { Remove(); }

  const std::string& path() const { return path_; }
  void Remove() {
    if (!path_.empty()) ::unlink(path_.c_str());
    path_.clear();
  }
  // The file is now someone else's (renamed onto its target).
  void Release() { path_.clear(); }

 private:
  std::string path_;
};

class LocalInputStream final : public UfsInputStream {
 public:
  LocalInputStream(UniqueFd fd, std::string uri, int64_t offset, int64_t length)
      : fd_(std::move(fd)), uri_(std::move(uri)), position_(offset), remaining_(length) {}

  Result<size_t> Read(char* buf, size_t n) override {
    size_t want = n;
    if (remaining_ >= 0) want = static_cast<size_t>(std::min<int64_t>(remaining_, n));
    if (want == 0) return size_t{0};
    ssize_t got;
    do {
      got = ::pread(fd_.get(), buf, want, position_);
    } while (got < 0 && errno == EINTR);
    if (got < 0) return ErrnoStatus(errno, "cannot read", uri_);
    position_ += got;
    if (remaining_ > 0) remaining_ -= got;
    return static_cast<size_t>(got);
  }

  // In the kernel: copy_file_range(2) (a reflink or server-side copy where the file system can;
  // EXDEV across file systems), else sendfile(2) (any file to a file or socket), else the
  // buffered default.
  Result<size_t> CopyTo(int fd, size_t n) override {
    size_t want = n;
    if (remaining_ >= 0) want = static_cast<size_t>(std::min<int64_t>(remaining_, n));
    if (want == 0) return size_t{0};
    ssize_t got = -1;
    if (kernel_copy_ == KernelCopy::kCopyFileRange) {
      loff_t in = position_;
      do {
        got = ::copy_file_range(fd_.get(), &in, fd, nullptr, want, 0);
      } while (got < 0 && errno == EINTR);
      if (got < 0 && (errno == EXDEV || errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP ||
                      errno == EBADF)) {
        kernel_copy_ = KernelCopy::kSendfile;
      }
    }
    if (kernel_copy_ == KernelCopy::kSendfile) {
      off_t in = position_;
      do {
        got = ::sendfile(fd, fd_.get(), &in, want);
      } while (got < 0 && errno == EINTR);
      if (got < 0 && (errno == EINVAL || errno == ENOSYS)) kernel_copy_ = KernelCopy::kNone;
    }
    if (kernel_copy_ == KernelCopy::kNone) return UfsInputStream::CopyTo(fd, want);
    if (got < 0) return ErrnoStatus(errno, "cannot copy", uri_);
    position_ += got;
    if (remaining_ > 0) remaining_ -= got;
    return static_cast<size_t>(got);
  }

 private:
  enum class KernelCopy { kCopyFileRange, kSendfile, kNone };
  UniqueFd fd_;
  const std::string uri_;
  int64_t position_;
  int64_t remaining_;                                    // -1: to the end of the file
  KernelCopy kernel_copy_ = KernelCopy::kCopyFileRange;  // what to try first; falls back once
};

class LocalOutputStream final : public UfsOutputStream {
 public:
  LocalOutputStream(std::string uri, std::string target, TempFile temp, UniqueFd fd,
                    const CreateOptions& options)
      : uri_(std::move(uri)),
        target_(std::move(target)),
        options_(options),
        temp_(std::move(temp)),
        fd_(std::move(fd)) {}
  ~LocalOutputStream() override { Cancel(); }

  Status Write(std::string_view data) override {
    if (state_ != State::kOpen) return Finished();
    if (!error_.ok()) return error_;
    while (!data.empty()) {
      ssize_t n = ::write(fd_.get(), data.data(), data.size());
      if (n < 0) {
        if (errno == EINTR) continue;
        error_ = ErrnoStatus(errno, "cannot write", uri_);
        return error_;
      }
      data.remove_prefix(static_cast<size_t>(n));
    }
    return Status::OK();
  }

  Status Close() override {
    if (state_ != State::kOpen) return Finished();
    state_ = State::kClosed;
    Status result = error_.ok() ? Publish() : error_;
    fd_.Reset();
    temp_.Remove();  // nothing left to remove after a successful rename
    return result;
  }

  void Cancel() override {
    if (state_ != State::kOpen) return;
    state_ = State::kCancelled;
    fd_.Reset();
    temp_.Remove();
  }

 private:
  enum class State { kOpen, kClosed, kCancelled };

  Status Finished() const {
    return Status::FailedPrecondition(StrCat("the output stream of ", uri_, " is already ",
                                             state_ == State::kClosed ? "closed" : "cancelled"));
  }

  Status Publish() {
    if (::fchmod(fd_.get(), static_cast<mode_t>(options_.mode & 07777)) != 0) {
      return ErrnoStatus(errno, "cannot set the mode of", uri_);
    }
    RETURN_IF_ERROR(KeepModificationTimeAhead());
    if (::fsync(fd_.get()) != 0) return ErrnoStatus(errno, "cannot sync", uri_);
    if (::close(fd_.Release()) != 0) return ErrnoStatus(errno, "cannot close", uri_);

    const char* temp = temp_.path().c_str();
    if (options_.must_not_exist) {
      int err = 0;
      if (::renameat2(AT_FDCWD, temp, AT_FDCWD, target_.c_str(), RENAME_NOREPLACE) == 0) {
        temp_.Release();
      } else {
        err = errno;
        if (err == EINVAL || err == ENOSYS || err == ENOTSUP) {
          // No RENAME_NOREPLACE on this file system: link(2) fails on an existing target just
          // as atomically; Close then unlinks the temporary name.
          err = ::link(temp, target_.c_str()) == 0 ? 0 : errno;
        }
      }
      if (err == EEXIST) {
        return Status::AlreadyExists(StrCat("cannot create ", uri_, ": it already exists"));
      }
      if (err != 0) return ErrnoStatus(err, "cannot create", uri_);
    } else {
      if (::rename(temp, target_.c_str()) != 0) return ErrnoStatus(errno, "cannot create", uri_);
      temp_.Release();
    }
    SyncDirectory(ParentOf(target_));
    return Status::OK();
  }

  // Timestamps move in clock ticks (often milliseconds): a rewrite of the same size within
  // one tick would keep "<mtime>:<size>", so the new file's mtime is put past the old one's.
  Status KeepModificationTimeAhead() {
    struct stat mine, old;
    if (::fstat(fd_.get(), &mine) != 0) return ErrnoStatus(errno, "cannot stat", uri_);
    if (::stat(target_.c_str(), &old) != 0 || !S_ISREG(old.st_mode)) return Status::OK();
    if (Nanos(mine.st_mtim) > Nanos(old.st_mtim)) return Status::OK();
    timespec times[2];
    times[0].tv_sec = 0;
    times[0].tv_nsec = UTIME_OMIT;
    times[1] = old.st_mtim;
    if (++times[1].tv_nsec == 1'000'000'000) {
      times[1].tv_nsec = 0;
      ++times[1].tv_sec;
    }
    if (::futimens(fd_.get(), times) != 0) {
      return ErrnoStatus(errno, "cannot set the modification time of", uri_);
    }
    return Status::OK();
  }

  // Immutable after construction.
  const std::string uri_;
  const std::string target_;
  const CreateOptions options_;
  // Mutable; the stream is used by one thread at a time.
  TempFile temp_;
  UniqueFd fd_;
  State state_ = State::kOpen;
  Status error_;  // the first failed Write
};

}  // namespace

Result<std::string> LocalUfs::ToLocalPath(std::string_view uri) {
  ParsedUri parsed = ParseUri(uri);
  if (!parsed.scheme.empty() && parsed.scheme != "file") {
    return Status::InvalidArgument(
        StrCat("not a local path (scheme '", parsed.scheme, "'): ", uri));
  }
  if (parsed.has_authority && !parsed.authority.empty() &&
      !EqualsIgnoreCase(parsed.authority, "localhost")) {
    return Status::InvalidArgument(
        StrCat("file URI names host '", parsed.authority, "', not this machine: ", uri));
  }
  if (parsed.has_authority && parsed.path.empty()) parsed.path = "/";
  ASSIGN_OR_RETURN(std::vector<std::string> parts, SplitAbsolutePath(parsed.path, uri));
  return "/" + Join(parts, "/");
}

bool LocalUfs::IsTempFileName(std::string_view name) {
  if (name.size() < 1 + kTempMarker.size() + kTempRandomDigits || name[0] != '.') return false;
  std::string_view digits = name.substr(name.size() - kTempRandomDigits);
  for (char c : digits) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  name.remove_suffix(kTempRandomDigits);
  return EndsWith(name, kTempMarker);
}

Result<UfsStatus> LocalUfs::GetStatus(const std::string& path) {
  ASSIGN_OR_RETURN(std::string local, ToLocalPath(path));
  struct stat st;
  if (::stat(local.c_str(), &st) != 0) return ErrnoStatus(errno, "cannot get the status of", path);
  NameCache names;
  return StatusFromStat(BaseName(local), st, names);
}

Result<bool> LocalUfs::Exists(const std::string& path) {
  ASSIGN_OR_RETURN(std::string local, ToLocalPath(path));
  struct stat st;
  if (::stat(local.c_str(), &st) == 0) return true;
  if (errno == ENOENT || errno == ENOTDIR) return false;
  return ErrnoStatus(errno, "cannot check the existence of", path);
}

Status LocalUfs::ListStatus(const std::string& path, const std::function<Status(UfsStatus&&)>& fn) {
  ASSIGN_OR_RETURN(std::string local, ToLocalPath(path));
  UniqueFd fd(::open(local.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!fd.valid()) return ErrnoStatus(errno, "cannot list", path);
  std::unique_ptr<DIR, int (*)(DIR*)> dir(::fdopendir(fd.get()), &::closedir);
  if (dir == nullptr) return ErrnoStatus(errno, "cannot list", path);
  fd.Release();  // owned by `dir` now

  // Sorting needs every name; the statuses are built and handed over one at a time.
  std::vector<std::string> names;
  while (true) {
    errno = 0;
    const dirent* entry = ::readdir(dir.get());
    if (entry == nullptr) {
      if (errno != 0) return ErrnoStatus(errno, "cannot list", path);
      break;
    }
    std::string_view name = entry->d_name;
    if (name == "." || name == ".." || IsTempFileName(name)) continue;
    names.emplace_back(name);
  }
  std::sort(names.begin(), names.end());

  NameCache owners;
  for (std::string& name : names) {
    struct stat st;
    if (::fstatat(::dirfd(dir.get()), name.c_str(), &st, 0) != 0) {
      if (errno == ENOENT) continue;  // deleted since readdir (or a dangling symlink)
      return ErrnoStatus(errno, "cannot get the status of", ChildForMessage(path, name));
    }
    RETURN_IF_ERROR(fn(StatusFromStat(std::move(name), st, owners)));
  }
  return Status::OK();
}

Status LocalUfs::Mkdirs(const std::string& path, const MkdirsOptions& options) {
  ASSIGN_OR_RETURN(std::string local, ToLocalPath(path));
  return MakeDirectory(local, path, options.mode, options.create_parent, /*exist_ok=*/false);
}

Status LocalUfs::DeleteFile(const std::string& path) {
  ASSIGN_OR_RETURN(std::string local, ToLocalPath(path));
  if (::unlink(local.c_str()) != 0) {
    int err = errno;
    if (err == EISDIR) {
      return Status::FailedPrecondition(StrCat("cannot delete file ", path, ": it is a directory"));
    }
    return ErrnoStatus(err, "cannot delete file", path);
  }
  return Status::OK();
}

Status LocalUfs::DeleteDirectory(const std::string& path, bool recursive) {
  ASSIGN_OR_RETURN(std::string local, ToLocalPath(path));
  if (local == "/") {
    return Status::InvalidArgument(StrCat("refusing to delete the root directory: ", path));
  }
  struct stat st;
  if (::lstat(local.c_str(), &st) != 0) return ErrnoStatus(errno, "cannot delete directory", path);
  if (!S_ISDIR(st.st_mode)) {
    return Status::FailedPrecondition(
        StrCat("cannot delete directory ", path, ": it is not a directory"));
  }
  if (!recursive) {
    if (::rmdir(local.c_str()) == 0) return Status::OK();
    int err = errno;
    if (err == ENOTEMPTY || err == EEXIST) {
      return Status::FailedPrecondition(
          StrCat("cannot delete directory ", path, ": it is not empty"));
    }
    return ErrnoStatus(err, "cannot delete directory", path);
  }
  // remove_all does not follow symbolic links.
  std::error_code ec;
  std::filesystem::remove_all(local, ec);
  if (ec) return ErrnoStatus(ec.value(), "cannot delete directory", path);
  return Status::OK();
}

Status LocalUfs::Rename(const std::string& src, const std::string& dst) {
  ASSIGN_OR_RETURN(std::string from, ToLocalPath(src));
  ASSIGN_OR_RETURN(std::string to, ToLocalPath(dst));
  if (from == "/" || to == "/") {
    return Status::InvalidArgument(StrCat("cannot rename ", src, " to ", dst, ": root directory"));
  }
  if (StartsWith(to, from + "/")) {
    return Status::InvalidArgument(
        StrCat("cannot rename ", src, " to ", dst, ": a directory cannot move into itself"));
  }
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) {
    return Status::OK();
  }
  int err = errno;
  if (err == EINVAL || err == ENOSYS || err == ENOTSUP) {
    // No RENAME_NOREPLACE on this file system: check, then rename (a race remains).
    struct stat st;
    if (::lstat(to.c_str(), &st) == 0) {
      err = EEXIST;
    } else {
      if (::rename(from.c_str(), to.c_str()) == 0) return Status::OK();
      err = errno;
    }
  }
  if (err == EEXIST || err == ENOTEMPTY) {
    return Status::AlreadyExists(
        StrCat("cannot rename ", src, " to ", dst, ": ", dst, " already exists"));
  }
  if (err == ENOENT) {
    struct stat st;
    bool src_exists = ::lstat(from.c_str(), &st) == 0;
    return Status::NotFound(StrCat("cannot rename ", src, " to ", dst, ": ",
                                   src_exists ? "the parent of " + dst : src, " does not exist"));
  }
  return ErrnoStatus(err, StrCat("cannot rename ", src, " to"), dst);
}

Result<std::unique_ptr<UfsInputStream>> LocalUfs::Open(const std::string& path,
                                                       const OpenOptions& options) {
  ASSIGN_OR_RETURN(std::string local, ToLocalPath(path));
  if (options.offset < 0 || options.length < -1) {
    return Status::InvalidArgument(StrCat("cannot open ", path, ": invalid range (offset ",
                                          options.offset, ", length ", options.length, ")"));
  }
  UniqueFd fd(::open(local.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) return ErrnoStatus(errno, "cannot open", path);
  struct stat st;
  if (::fstat(fd.get(), &st) != 0) return ErrnoStatus(errno, "cannot open", path);
  if (S_ISDIR(st.st_mode)) {
    return Status::FailedPrecondition(StrCat("cannot open ", path, ": it is a directory"));
  }
  return std::unique_ptr<UfsInputStream>(
      std::make_unique<LocalInputStream>(std::move(fd), path, options.offset, options.length));
}

Result<std::unique_ptr<UfsOutputStream>> LocalUfs::Create(const std::string& path,
                                                          const CreateOptions& options) {
  ASSIGN_OR_RETURN(std::string local, ToLocalPath(path));
  if (local == "/") {
    return Status::FailedPrecondition(StrCat("cannot create ", path, ": it is a directory"));
  }
  std::string parent = ParentOf(local);
  struct stat st;
  if (options.create_parent) {
    RETURN_IF_ERROR(MakeDirectory(parent, parent, 0755, /*parents=*/true, /*exist_ok=*/true));
  } else if (::stat(parent.c_str(), &st) != 0) {
    if (errno == ENOENT) {
      return Status::NotFound(
          StrCat("cannot create ", path, ": its parent directory does not exist"));
    }
    return ErrnoStatus(errno, "cannot create", path);
  } else if (!S_ISDIR(st.st_mode)) {
    return Status::FailedPrecondition(
        StrCat("cannot create ", path, ": its parent is not a directory"));
  }

  if (::stat(local.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) {
      return Status::FailedPrecondition(StrCat("cannot create ", path, ": it is a directory"));
    }
    if (options.must_not_exist) {
      return Status::AlreadyExists(StrCat("cannot create ", path, ": it already exists"));
    }
  } else if (errno != ENOENT) {
    return ErrnoStatus(errno, "cannot create", path);
  }

  std::string name = BaseName(local);
  if (name.size() > kMaxNameInTempName) name.resize(kMaxNameInTempName);
  std::string dir = parent == "/" ? std::string() : parent;
  for (int attempt = 0;; ++attempt) {
    TempFile temp(StrCat(dir, "/.", name, kTempMarker, RandomHex()));
    UniqueFd fd(::open(temp.path().c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
    if (fd.valid()) {
      return std::unique_ptr<UfsOutputStream>(std::make_unique<LocalOutputStream>(
          path, std::move(local), std::move(temp), std::move(fd), options));
    }
    int err = errno;
    temp.Release();  // not ours: either it was never created or another stream owns it
    if (err != EEXIST || attempt >= 3) return ErrnoStatus(err, "cannot create", path);
  }
}

Status LocalUfs::SetMode(const std::string& path, int mode) {
  ASSIGN_OR_RETURN(std::string local, ToLocalPath(path));
  if (::chmod(local.c_str(), static_cast<mode_t>(mode & 07777)) != 0) {
    return ErrnoStatus(errno, "cannot set the mode of", path);
  }
  return Status::OK();
}

Status LocalUfs::SetOwner(const std::string& path, const std::string& owner,
                          const std::string& group) {
  ASSIGN_OR_RETURN(std::string local, ToLocalPath(path));
  uid_t uid = static_cast<uid_t>(-1);
  gid_t gid = static_cast<gid_t>(-1);
  if (!owner.empty()) {
    std::optional<uid_t> id = UserId(owner);
    if (!id) {
      return Status::InvalidArgument(
          StrCat("cannot set the owner of ", path, ": unknown user '", owner, "'"));
    }
    uid = *id;
  }
  if (!group.empty()) {
    std::optional<gid_t> id = GroupId(group);
    if (!id) {
      return Status::InvalidArgument(
          StrCat("cannot set the group of ", path, ": unknown group '", group, "'"));
    }
    gid = *id;
  }
  if (::chown(local.c_str(), uid, gid) != 0) {
    return ErrnoStatus(errno, "cannot set the owner of", path);
  }
  return Status::OK();
}

Result<UfsSpace> LocalUfs::GetSpace(const std::string& path) {
  ASSIGN_OR_RETURN(std::string local, ToLocalPath(path));
  struct statvfs vfs;
  if (::statvfs(local.c_str(), &vfs) != 0) {
    return ErrnoStatus(errno, "cannot get the space of", path);
  }
  UfsSpace space;
  space.capacity_bytes = static_cast<int64_t>(vfs.f_blocks) * static_cast<int64_t>(vfs.f_frsize);
  space.used_bytes =
      static_cast<int64_t>(vfs.f_blocks - vfs.f_bfree) * static_cast<int64_t>(vfs.f_frsize);
  return space;
}

}  // namespace alluxio::ufs
