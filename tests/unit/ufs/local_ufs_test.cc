#include "lib/ufs/local_ufs.h"

#include <dirent.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <set>

#include "lib/common/unique_fd.h"
#include "tests/unit/ufs/ufs_test_util.h"

namespace alluxio::ufs {
namespace {

using testing::MustExist;
using testing::MustListNames;
using testing::MustRead;
using testing::MustStat;
using testing::MustWrite;
using testing::TempDir;

// Every name in `dir` as readdir(3) sees it, hidden ones included, sorted.
std::vector<std::string> RawNames(const std::string& dir) {
  std::vector<std::string> names;
  DIR* d = ::opendir(dir.c_str());
  REQUIRE(d != nullptr);
  while (const dirent* e = ::readdir(d)) {
    std::string name = e->d_name;
    if (name != "." && name != "..") names.push_back(name);
  }
  ::closedir(d);
  std::sort(names.begin(), names.end());
  return names;
}

struct stat MustLstat(const std::string& path) {
  struct stat st;
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st;
}

int64_t MtimeNs(const std::string& path) {
  struct stat st = MustLstat(path);
  return static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
}

}  // namespace

TEST_CASE("a local create in progress writes a hidden temporary file next to the target", "[ufs]") {
  TempDir dir;
  LocalUfs ufs;
  std::string target = dir.path() + "/data.bin";
  auto out = ufs.Create(target, {});
  UFS_REQUIRE_OK(out);
  UFS_REQUIRE_OK((*out)->Write("partial"));

  std::vector<std::string> raw = RawNames(dir.path());
  REQUIRE(raw.size() == 1);
  CHECK(raw[0].rfind(".data.bin.alluxio-tmp-", 0) == 0);
  CHECK(LocalUfs::IsTempFileName(raw[0]));
  CHECK(MustListNames(ufs, dir.path()).empty());
  CHECK((MustLstat(dir.path() + "/" + raw[0]).st_mode & 0777) == 0600);  // private until Close

  UFS_REQUIRE_OK((*out)->Close());
  CHECK(RawNames(dir.path()) == std::vector<std::string>{"data.bin"});
}

TEST_CASE("local Cancel, destruction and a failed Close all unlink the temporary file", "[ufs]") {
  TempDir dir;
  LocalUfs ufs;
  std::string target = dir.path() + "/f";
  SECTION("Cancel") {
    auto out = ufs.Create(target, {});
    UFS_REQUIRE_OK(out);
    REQUIRE(RawNames(dir.path()).size() == 1);
    (*out)->Cancel();
    CHECK(RawNames(dir.path()).empty());
  }
  SECTION("destruction") {
    {
      auto out = ufs.Create(target, {});
      UFS_REQUIRE_OK(out);
      UFS_REQUIRE_OK((*out)->Write("x"));
      REQUIRE(RawNames(dir.path()).size() == 1);
    }
    CHECK(RawNames(dir.path()).empty());
  }
  SECTION("a Close that loses a must_not_exist race") {
    CreateOptions options;
    options.must_not_exist = true;
    auto out = ufs.Create(target, options);
    UFS_REQUIRE_OK(out);
    MustWrite(ufs, target, "winner");
    UFS_CHECK_CODE((*out)->Close(), kAlreadyExists);
    CHECK(RawNames(dir.path()) == std::vector<std::string>{"f"});
    CHECK(MustRead(ufs, target) == "winner");
  }
}

TEST_CASE("a local name close to NAME_MAX still gets a temporary file", "[ufs]") {
  TempDir dir;
  LocalUfs ufs;
  std::string name(250, 'n');
  MustWrite(ufs, dir.path() + "/" + name, "long");
  CHECK(RawNames(dir.path()) == std::vector<std::string>{name});
  // Past NAME_MAX the kernel refuses the name itself.
  UFS_CHECK_CODE(ufs.Create(dir.path() + "/" + std::string(300, 'n'), {}), kInvalidArgument);
}

TEST_CASE("LocalUfs recognises only its own temporary file names", "[ufs]") {
  CHECK(LocalUfs::IsTempFileName(".f.alluxio-tmp-0123456789abcdef"));
  CHECK(LocalUfs::IsTempFileName("..alluxio-tmp-0123456789abcdef"));
  CHECK_FALSE(LocalUfs::IsTempFileName("f.alluxio-tmp-0123456789abcdef"));   // no leading dot
  CHECK_FALSE(LocalUfs::IsTempFileName(".f.alluxio-tmp-0123456789ABCDEF"));  // upper case
  CHECK_FALSE(LocalUfs::IsTempFileName(".f.alluxio-tmp-0123456789abcde"));   // 15 digits
  CHECK_FALSE(LocalUfs::IsTempFileName(".f.alluxio-tmp-0123456789abcdefg"));
  CHECK_FALSE(LocalUfs::IsTempFileName(".hidden"));
  CHECK_FALSE(LocalUfs::IsTempFileName(""));
}

TEST_CASE("file URIs and plain absolute paths name the same local file", "[ufs]") {
  TempDir dir;
  LocalUfs ufs;
  std::string plain = dir.path() + "/a/b.txt";
  MustWrite(ufs, plain, "same");
  for (const std::string& uri : {"file://" + plain, "file:" + plain, "FILE://" + plain,
                                 "file://localhost" + plain, dir.path() + "//a//b.txt/"}) {
    INFO(uri);
    CHECK(MustRead(ufs, uri) == "same");
    auto local = LocalUfs::ToLocalPath(uri);
    UFS_REQUIRE_OK(local);
    CHECK(*local == plain);
  }
  auto root = LocalUfs::ToLocalPath("file:///");
  UFS_REQUIRE_OK(root);
  CHECK(*root == "/");
  auto bare = LocalUfs::ToLocalPath("file://");
  UFS_REQUIRE_OK(bare);
  CHECK(*bare == "/");
}

TEST_CASE("local URIs naming another host, scheme or a relative path are INVALID_ARGUMENT",
          "[ufs]") {
  for (const char* uri :
       {"file://otherhost/tmp/x", "s3://bucket/key", "mem://b/x", "tmp/x", "file:tmp/x", ""}) {
    INFO(uri);
    auto local = LocalUfs::ToLocalPath(uri);
    UFS_CHECK_CODE(local, kInvalidArgument);
    if (!local.ok() && *uri != '\0') {
      CHECK_THAT(std::string(local.status().message()), Catch::Contains(uri));
    }
  }
}

TEST_CASE("the local content hash is the modification time in nanoseconds and the size", "[ufs]") {
  TempDir dir;
  LocalUfs ufs;
  std::string path = dir.path() + "/f";
  MustWrite(ufs, path, "12345");
  int64_t mtime_ns = MtimeNs(path);
  UfsStatus status = MustStat(ufs, path);
  CHECK(status.content_hash == std::to_string(mtime_ns) + ":5");
  CHECK(status.last_modified_ms == mtime_ns / 1'000'000);
}

TEST_CASE("a local rewrite gets a modification time after the one it replaces", "[ufs]") {
  TempDir dir;
  LocalUfs ufs;
  std::string path = dir.path() + "/f";
  SECTION("within one clock tick") {
    int64_t previous = -1;
    for (int i = 0; i < 10; ++i) {
      MustWrite(ufs, path, "same size");
      int64_t mtime_ns = MtimeNs(path);
      CHECK(mtime_ns > previous);
      previous = mtime_ns;
    }
  }
  SECTION("even when the replaced file's time is ahead of the clock") {
    // What a coarse clock tick looks like, made certain: the old file is an hour ahead.
    MustWrite(ufs, path, "old");
    timespec times[2];
    times[0].tv_sec = 0;
    times[0].tv_nsec = UTIME_OMIT;
    times[1].tv_sec = ::time(nullptr) + 3600;
    times[1].tv_nsec = 999'999'999;
    REQUIRE(::utimensat(AT_FDCWD, path.c_str(), times, 0) == 0);
    std::string old_hash = MustStat(ufs, path).content_hash;
    MustWrite(ufs, path, "new");
    CHECK(MtimeNs(path) == (static_cast<int64_t>(times[1].tv_sec) + 1) * 1'000'000'000);
    CHECK(MustStat(ufs, path).content_hash != old_hash);
  }
}

TEST_CASE("local owner and group are the names of the file's uid and gid", "[ufs]") {
  TempDir dir;
  LocalUfs ufs;
  std::string path = dir.path() + "/f";
  MustWrite(ufs, path, "x");
  struct stat st = MustLstat(path);
  passwd* pw = ::getpwuid(st.st_uid);
  group* gr = ::getgrgid(st.st_gid);
  UfsStatus status = MustStat(ufs, path);
  CHECK(status.owner == (pw ? std::string(pw->pw_name) : std::to_string(st.st_uid)));
  CHECK(status.group == (gr ? std::string(gr->gr_name) : std::to_string(st.st_gid)));
}

TEST_CASE("local SetOwner with an unknown user or group is INVALID_ARGUMENT naming it", "[ufs]") {
  TempDir dir;
  LocalUfs ufs;
  std::string path = dir.path() + "/f";
  MustWrite(ufs, path, "x");
  Status user = ufs.SetOwner(path, "no-such-user-alluxio", "");
  UFS_CHECK_CODE(user, kInvalidArgument);
  CHECK_THAT(std::string(user.message()), Catch::Contains("no-such-user-alluxio"));
  Status group = ufs.SetOwner(path, "", "no-such-group-alluxio");
  UFS_CHECK_CODE(group, kInvalidArgument);
  CHECK_THAT(std::string(group.message()), Catch::Contains("no-such-group-alluxio"));
}

TEST_CASE("local SetOwner changes the owner to another user when run as root", "[ufs]") {
  if (::geteuid() != 0) {
    WARN("skipped: changing a file's owner to another user needs root");
    return;
  }
  TempDir dir;
  LocalUfs ufs;
  std::string path = dir.path() + "/f";
  MustWrite(ufs, path, "x");
  // 65534 is "nobody" on Debian; a numeric id works whether or not it has a name.
  UFS_REQUIRE_OK(ufs.SetOwner(path, "65534", "65534"));
  struct stat st = MustLstat(path);
  CHECK(st.st_uid == 65534u);
  CHECK(st.st_gid == 65534u);
  passwd* pw = ::getpwuid(65534);
  CHECK(MustStat(ufs, path).owner == (pw ? std::string(pw->pw_name) : "65534"));
}

TEST_CASE("local paths the process may not access are PERMISSION_DENIED", "[ufs]") {
  TempDir dir;
  LocalUfs ufs;
  // A world-readable base with a private file and a private directory in it.
  REQUIRE(::chmod(dir.path().c_str(), 0755) == 0);
  std::string base = dir.path();
  CreateOptions private_file;
  private_file.mode = 0600;
  MustWrite(ufs, base + "/private", "secret", private_file);
  MkdirsOptions private_dir;
  private_dir.mode = 0700;
  UFS_REQUIRE_OK(ufs.Mkdirs(base + "/closed", private_dir));

  // Each check returns the Status of one call made without the right to make it.
  std::vector<std::pair<std::string, std::function<Status()>>> checks = {
      {"Open", [&] { return ufs.Open(base + "/private", {}).status(); }},
      {"ListStatus", [&] { return ufs.ListAll(base + "/closed").status(); }},
      {"Create in closed", [&] { return ufs.Create(base + "/closed/f", {}).status(); }},
      {"Create in base", [&] { return ufs.Create(base + "/new", {}).status(); }},
      {"Mkdirs", [&] { return ufs.Mkdirs(base + "/newdir", {}); }},
      {"DeleteFile", [&] { return ufs.DeleteFile(base + "/private"); }},
      {"SetMode", [&] { return ufs.SetMode(base + "/private", 0666); }},
  };

  std::string report;  // "<check>=<status>\n" per check
  if (::geteuid() != 0) {
    for (auto& [name, check] : checks) report += name + "=" + check().ToString() + "\n";
  } else {
    // Root may do anything: run the checks in a child that has become "nobody".
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    UniqueFd read_end(fds[0]);
    UniqueFd write_end(fds[1]);
    pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      read_end.Reset();
      if (::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(100);
      std::string lines;
      for (auto& [name, check] : checks) lines += name + "=" + check().ToString() + "\n";
      ssize_t written = ::write(write_end.get(), lines.data(), lines.size());
      ::_exit(written == static_cast<ssize_t>(lines.size()) ? 0 : 101);
    }
    write_end.Reset();
    char buf[4096];
    ssize_t n;
    while ((n = ::read(read_end.get(), buf, sizeof(buf))) > 0) report.append(buf, n);
    int wstatus = 0;
    REQUIRE(::waitpid(pid, &wstatus, 0) == pid);
    REQUIRE(WIFEXITED(wstatus));
    REQUIRE(WEXITSTATUS(wstatus) == 0);
  }
  INFO(report);
  for (auto& [name, check] : checks) {
    CHECK_THAT(report, Catch::Contains(name + "=PERMISSION_DENIED: "));
  }
  // Nothing happened to the files.
  CHECK(MustRead(ufs, base + "/private") == "secret");
  CHECK(MustStat(ufs, base + "/private").mode == 0600);
  CHECK(MustListNames(ufs, base) == std::vector<std::string>{"closed", "private"});
}

TEST_CASE("local GetSpace reports the capacity of the file system holding the path", "[ufs]") {
  TempDir dir;
  LocalUfs ufs;
  auto space = ufs.GetSpace(dir.path());
  UFS_REQUIRE_OK(space);
  struct statvfs vfs;
  REQUIRE(::statvfs(dir.path().c_str(), &vfs) == 0);
  CHECK(space->capacity_bytes == static_cast<int64_t>(vfs.f_blocks * vfs.f_frsize));
  CHECK(space->used_bytes >= 0);
  CHECK(space->used_bytes <= space->capacity_bytes);
}

TEST_CASE("the local root directory cannot be deleted or renamed", "[ufs]") {
  LocalUfs ufs;
  // Only the non-recursive form is tried: were the guard missing, rmdir("/") still fails.
  Status s = ufs.DeleteDirectory("/", /*recursive=*/false);
  UFS_CHECK_CODE(s, kInvalidArgument);
  UFS_CHECK_CODE(ufs.DeleteDirectory("file:///", false), kInvalidArgument);
  TempDir dir;
  UFS_CHECK_CODE(ufs.Rename("/", dir.path() + "/root"), kInvalidArgument);
  CHECK_FALSE(MustExist(ufs, dir.path() + "/root"));
}

TEST_CASE("local errors carry the path and the system's words", "[ufs]") {
  TempDir dir;
  LocalUfs ufs;
  std::string missing = dir.path() + "/missing";
  Status s = ufs.DeleteFile(missing);
  UFS_CHECK_CODE(s, kNotFound);
  CHECK_THAT(std::string(s.message()), Catch::Contains(missing));
  CHECK_THAT(std::string(s.message()), Catch::Contains("No such file or directory"));
  MustWrite(ufs, dir.path() + "/file", "x");
  s = ufs.ListAll(dir.path() + "/file").status();
  UFS_CHECK_CODE(s, kFailedPrecondition);
  CHECK_THAT(std::string(s.message()), Catch::Contains(dir.path() + "/file"));
  s = ufs.Rename(dir.path() + "/file", dir.path() + "/no/such/parent");
  UFS_CHECK_CODE(s, kNotFound);
  CHECK_THAT(std::string(s.message()), Catch::Contains("the parent of " + dir.path()));
}

TEST_CASE("local listings skip stale temporary files left by a crash", "[ufs]") {
  TempDir dir;
  LocalUfs ufs;
  std::string stale = dir.path() + "/.f.alluxio-tmp-00000000deadbeef";
  UniqueFd fd(::open(stale.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600));
  REQUIRE(fd.valid());
  MustWrite(ufs, dir.path() + "/f", "x");
  MustWrite(ufs, dir.path() + "/.dotfile", "y");
  CHECK(MustListNames(ufs, dir.path()) == std::vector<std::string>{".dotfile", "f"});
}

TEST_CASE("a LocalUfs is a non-object store serving the file scheme", "[ufs]") {
  LocalUfs ufs;
  CHECK(ufs.scheme() == "file");
  CHECK_FALSE(ufs.IsObjectStore());
}

}  // namespace alluxio::ufs
