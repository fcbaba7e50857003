// The UnderFileSystem contract (lib/ufs/under_file_system.h), run against every
// implementation: each TEMPLATE_TEST_CASE below runs once per UFS kind listed in
// UFS_CONTRACT_TEST. To cover a new UFS, add a kind with a Make() returning an empty root.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <set>
#include <thread>

#include "lib/common/unique_fd.h"
#include "lib/ufs/fault_injecting_ufs.h"
#include "lib/ufs/local_ufs.h"
#include "lib/ufs/memory_ufs.h"
#include "tests/unit/ufs/ufs_test_util.h"

namespace alluxio::ufs {
namespace {

using testing::CurrentGroup;
using testing::CurrentUser;
using testing::Drain;
using testing::MustExist;
using testing::MustListNames;
using testing::MustRead;
using testing::MustStat;
using testing::MustWrite;
using testing::ReadFile;
using testing::TempDir;
using testing::WriteFile;

// A UFS with an existing, empty directory to work in.
struct UfsUnderTest {
  std::unique_ptr<TempDir> dir;  // LocalUfs only
  std::shared_ptr<UnderFileSystem> ufs;
  std::string root;

  std::string Path(std::string_view relative) const { return root + "/" + std::string(relative); }
};

UfsUnderTest MakeLocal(bool file_uris) {
  UfsUnderTest t;
  t.dir = std::make_unique<TempDir>();
  t.ufs = std::make_shared<LocalUfs>();
  t.root = (file_uris ? "file://" : "") + t.dir->path();
  return t;
}

UfsUnderTest MakeMemory() {
  UfsUnderTest t;
  t.ufs = std::make_shared<MemoryUfs>();
  t.root = "mem://bucket/base";
  REQUIRE(t.ufs->Mkdirs(t.root, {}).ok());
  return t;
}

UfsUnderTest WithFaultInjection(UfsUnderTest t) {
  t.ufs = std::make_shared<FaultInjectingUfs>(t.ufs);
  return t;
}

// The kinds of UFS under test. Catch constructs these tags at registration, so they are
// empty; Make() builds the UFS inside the test.
struct LocalPaths {
  static UfsUnderTest Make() { return MakeLocal(false); }
};
struct LocalFileUris {
  static UfsUnderTest Make() { return MakeLocal(true); }
};
struct Memory {
  static UfsUnderTest Make() { return MakeMemory(); }
};
struct FaultInjectingOverLocal {
  static UfsUnderTest Make() { return WithFaultInjection(MakeLocal(false)); }
};
struct FaultInjectingOverMemory {
  static UfsUnderTest Make() { return WithFaultInjection(MakeMemory()); }
};

#define UFS_CONTRACT_TEST(name)                                                  \
  TEMPLATE_TEST_CASE(name, "[ufs][contract]", LocalPaths, LocalFileUris, Memory, \
                     FaultInjectingOverLocal, FaultInjectingOverMemory)

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Create and Close

UFS_CONTRACT_TEST("a created file is invisible until Close and whole after it") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  std::string path = t.Path("a.txt");
  auto out = ufs.Create(path, {});
  UFS_REQUIRE_OK(out);
  UFS_REQUIRE_OK((*out)->Write("hello "));
  UFS_REQUIRE_OK((*out)->Write(""));
  UFS_REQUIRE_OK((*out)->Write("world"));

  CHECK_FALSE(MustExist(ufs, path));
  UFS_CHECK_CODE(ufs.GetStatus(path), kNotFound);
  UFS_CHECK_CODE(ufs.Open(path, {}), kNotFound);
  CHECK(MustListNames(ufs, t.root).empty());

  UFS_REQUIRE_OK((*out)->Close());
  CHECK(MustExist(ufs, path));
  CHECK(MustRead(ufs, path) == "hello world");
  CHECK(MustListNames(ufs, t.root) == std::vector<std::string>{"a.txt"});
}

UFS_CONTRACT_TEST("a cancelled create leaves nothing behind and refuses more writes") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  std::string path = t.Path("a.txt");
  auto out = ufs.Create(path, {});
  UFS_REQUIRE_OK(out);
  UFS_REQUIRE_OK((*out)->Write("doomed"));
  (*out)->Cancel();
  (*out)->Cancel();  // idempotent

  CHECK_FALSE(MustExist(ufs, path));
  CHECK(MustListNames(ufs, t.root).empty());
  UFS_CHECK_CODE((*out)->Write("more"), kFailedPrecondition);
  UFS_CHECK_CODE((*out)->Close(), kFailedPrecondition);
  CHECK_FALSE(MustExist(ufs, path));
}

UFS_CONTRACT_TEST("a create stream destroyed without Close leaves nothing behind") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  std::string path = t.Path("sub/a.txt");
  {
    auto out = ufs.Create(path, {});
    UFS_REQUIRE_OK(out);
    UFS_REQUIRE_OK((*out)->Write("doomed"));
  }
  CHECK_FALSE(MustExist(ufs, path));
  CHECK(MustListNames(ufs, t.Path("sub")).empty());
}

UFS_CONTRACT_TEST("write and close after a successful close are FAILED_PRECONDITION") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  std::string path = t.Path("a.txt");
  auto out = ufs.Create(path, {});
  UFS_REQUIRE_OK(out);
  UFS_REQUIRE_OK((*out)->Write("once"));
  UFS_REQUIRE_OK((*out)->Close());
  UFS_CHECK_CODE((*out)->Write("twice"), kFailedPrecondition);
  UFS_CHECK_CODE((*out)->Close(), kFailedPrecondition);
  (*out)->Cancel();  // does not undo the Close
  CHECK(MustRead(ufs, path) == "once");
}

UFS_CONTRACT_TEST("create replaces an existing file only at Close") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  std::string path = t.Path("a.txt");
  MustWrite(ufs, path, "old content");
  auto out = ufs.Create(path, {});
  UFS_REQUIRE_OK(out);
  UFS_REQUIRE_OK((*out)->Write("new"));
  CHECK(MustRead(ufs, path) == "old content");
  UFS_REQUIRE_OK((*out)->Close());
  CHECK(MustRead(ufs, path) == "new");
  CHECK(MustStat(ufs, path).length == 3);
  CHECK(MustListNames(ufs, t.root) == std::vector<std::string>{"a.txt"});
}

UFS_CONTRACT_TEST("create with must_not_exist fails with ALREADY_EXISTS on an existing file") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  std::string path = t.Path("a.txt");
  MustWrite(ufs, path, "first");
  CreateOptions options;
  options.must_not_exist = true;
  auto out = ufs.Create(path, options);
  UFS_CHECK_CODE(out, kAlreadyExists);
  if (!out.ok()) CHECK_THAT(std::string(out.status().message()), Catch::Contains("a.txt"));
  CHECK(MustRead(ufs, path) == "first");
}

UFS_CONTRACT_TEST("must_not_exist is checked again at Close, so one of racing creators wins") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  std::string path = t.Path("a.txt");
  CreateOptions options;
  options.must_not_exist = true;
  std::vector<std::unique_ptr<UfsOutputStream>> writers;
  for (int i = 0; i < 4; ++i) {
    auto out = ufs.Create(path, options);
    UFS_REQUIRE_OK(out);
    UFS_REQUIRE_OK((*out)->Write("writer " + std::to_string(i)));
    writers.push_back(std::move(*out));
  }
  int closed = 0;
  int already_exists = 0;
  for (auto& writer : writers) {
    Status s = writer->Close();
    if (s.ok()) ++closed;
    if (s.code() == StatusCode::kAlreadyExists) ++already_exists;
  }
  CHECK(closed == 1);
  CHECK(already_exists == 3);
  CHECK(MustRead(ufs, path) == "writer 0");
  CHECK(MustListNames(ufs, t.root) == std::vector<std::string>{"a.txt"});
}

UFS_CONTRACT_TEST("create makes missing parent directories when create_parent is set") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  MustWrite(ufs, t.Path("x/y/z/a.txt"), "deep");
  CHECK(MustRead(ufs, t.Path("x/y/z/a.txt")) == "deep");
  for (const char* dir : {"x", "x/y", "x/y/z"}) {
    UfsStatus status = MustStat(ufs, t.Path(dir));
    CHECK(status.is_directory);
    CHECK(status.mode == 0755);
  }
}

UFS_CONTRACT_TEST("create without create_parent fails with NOT_FOUND when the parent is missing") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  CreateOptions options;
  options.create_parent = false;
  UFS_CHECK_CODE(ufs.Create(t.Path("missing/a.txt"), options), kNotFound);
  CHECK_FALSE(MustExist(ufs, t.Path("missing")));
  // With the parent in place it works.
  UFS_REQUIRE_OK(ufs.Mkdirs(t.Path("present"), {}));
  MustWrite(ufs, t.Path("present/a.txt"), "x", options);
  CHECK(MustRead(ufs, t.Path("present/a.txt")) == "x");
}

UFS_CONTRACT_TEST("create fails when the parent vanishes before Close and leaves nothing") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  auto out = ufs.Create(t.Path("d/a.txt"), {});
  UFS_REQUIRE_OK(out);
  UFS_REQUIRE_OK((*out)->Write("orphan"));
  UFS_REQUIRE_OK(ufs.DeleteDirectory(t.Path("d"), /*recursive=*/true));
  UFS_CHECK_CODE((*out)->Close(), kNotFound);
  CHECK_FALSE(MustExist(ufs, t.Path("d")));
  CHECK(MustListNames(ufs, t.root).empty());
}

UFS_CONTRACT_TEST("create under a file or onto a directory is FAILED_PRECONDITION") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  MustWrite(ufs, t.Path("file"), "x");
  UFS_REQUIRE_OK(ufs.Mkdirs(t.Path("dir"), {}));
  CreateOptions no_parents;
  no_parents.create_parent = false;

  UFS_CHECK_CODE(ufs.Create(t.Path("file/a.txt"), {}), kFailedPrecondition);
  UFS_CHECK_CODE(ufs.Create(t.Path("file/a.txt"), no_parents), kFailedPrecondition);
  UFS_CHECK_CODE(ufs.Create(t.Path("file/b/a.txt"), {}), kFailedPrecondition);
  UFS_CHECK_CODE(ufs.Create(t.Path("dir"), {}), kFailedPrecondition);
  CHECK(MustStat(ufs, t.Path("dir")).is_directory);
  CHECK(MustRead(ufs, t.Path("file")) == "x");
}

UFS_CONTRACT_TEST("create applies the requested mode") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  MustWrite(ufs, t.Path("default"), "x");
  CHECK(MustStat(ufs, t.Path("default")).mode == 0644);
  CreateOptions options;
  options.mode = 0600;
  MustWrite(ufs, t.Path("private"), "x", options);
  CHECK(MustStat(ufs, t.Path("private")).mode == 0600);
  options.mode = 0777;  // not cut by the umask
  MustWrite(ufs, t.Path("open"), "x", options);
  CHECK(MustStat(ufs, t.Path("open")).mode == 0777);
}

UFS_CONTRACT_TEST("a zero-byte file can be created, listed, stat'ed and read") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  std::string path = t.Path("empty");
  auto out = ufs.Create(path, {});
  UFS_REQUIRE_OK(out);
  UFS_REQUIRE_OK((*out)->Close());

  UfsStatus status = MustStat(ufs, path);
  CHECK_FALSE(status.is_directory);
  CHECK(status.length == 0);
  CHECK_FALSE(status.content_hash.empty());
  CHECK(MustListNames(ufs, t.root) == std::vector<std::string>{"empty"});
  CHECK(MustRead(ufs, path).empty());
  OpenOptions past_end;
  past_end.offset = 5;
  CHECK(MustRead(ufs, path, past_end).empty());
}

UFS_CONTRACT_TEST("a multi-megabyte file written in chunks reads back byte for byte") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  std::string content(3 * 1024 * 1024 + 17, '\0');
  for (size_t i = 0; i < content.size(); ++i) content[i] = static_cast<char>((i * 31 + 7) % 251);
  auto out = ufs.Create(t.Path("big"), {});
  UFS_REQUIRE_OK(out);
  for (size_t pos = 0; pos < content.size(); pos += 65536) {
    UFS_REQUIRE_OK((*out)->Write(std::string_view(content).substr(pos, 65536)));
  }
  UFS_REQUIRE_OK((*out)->Close());
  CHECK(MustStat(ufs, t.Path("big")).length == static_cast<int64_t>(content.size()));
  CHECK(MustRead(ufs, t.Path("big"), {}, 10000) == content);
  OpenOptions range;
  range.offset = 1024 * 1024 + 3;
  range.length = 1024 * 1024;
  CHECK(MustRead(ufs, t.Path("big"), range, 4096) == content.substr(1024 * 1024 + 3, 1024 * 1024));
}

// ---------------------------------------------------------------------------------------------
// Open

UFS_CONTRACT_TEST("open reads the requested range, cut at the end of the file") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  std::string path = t.Path("digits");
  MustWrite(ufs, path, "0123456789");
  struct Case {
    int64_t offset;
    int64_t length;
    std::string expected;
  };
  for (const Case& c : std::vector<Case>{{0, -1, "0123456789"},
                                         {0, 10, "0123456789"},
                                         {3, 4, "3456"},
                                         {7, -1, "789"},
                                         {8, 100, "89"},
                                         {0, 0, ""},
                                         {9, 1, "9"},
                                         {10, -1, ""},
                                         {15, 3, ""}}) {
    INFO("offset " << c.offset << " length " << c.length);
    OpenOptions options;
    options.offset = c.offset;
    options.length = c.length;
    CHECK(MustRead(ufs, path, options, /*chunk=*/3) == c.expected);
    CHECK(MustRead(ufs, path, options, /*chunk=*/4096) == c.expected);
  }
}

UFS_CONTRACT_TEST("a stream returns 0 at the end of its range and keeps returning 0") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  MustWrite(ufs, t.Path("f"), "abcdef");
  OpenOptions options;
  options.offset = 1;
  options.length = 4;
  auto in = ufs.Open(t.Path("f"), options);
  UFS_REQUIRE_OK(in);
  char buf[16];
  auto n = (*in)->Read(buf, sizeof(buf));
  UFS_REQUIRE_OK(n);
  REQUIRE(*n <= 4);
  std::string got(buf, *n);
  while (got.size() < 4) {
    n = (*in)->Read(buf, sizeof(buf));
    UFS_REQUIRE_OK(n);
    REQUIRE(*n > 0);
    got.append(buf, *n);
  }
  CHECK(got == "bcde");
  for (int i = 0; i < 2; ++i) {
    n = (*in)->Read(buf, sizeof(buf));
    UFS_REQUIRE_OK(n);
    CHECK(*n == 0);
  }
}

namespace {

// The bytes in the file behind `fd`, from its start.
std::string FdContent(int fd) {
  std::string out;
  char buf[65536];
  for (off_t off = 0;;) {
    ssize_t n = ::pread(fd, buf, sizeof(buf), off);
    REQUIRE(n >= 0);
    if (n == 0) return out;
    out.append(buf, static_cast<size_t>(n));
    off += n;
  }
}

// Copies the rest of `in` to `fd`, `chunk` bytes per call; checks 0 stays 0 at the end.
void CopyAll(UfsInputStream& in, int fd, size_t chunk) {
  for (;;) {
    auto n = in.CopyTo(fd, chunk);
    UFS_REQUIRE_OK(n);
    REQUIRE(*n <= chunk);
    if (*n == 0) break;
  }
  auto again = in.CopyTo(fd, chunk);
  UFS_REQUIRE_OK(again);
  CHECK(*again == 0);
}

}  // namespace

UFS_CONTRACT_TEST("CopyTo copies the stream's range to a file on this or another file system") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  std::string content(2 * 1024 * 1024 + 5, '\0');
  for (size_t i = 0; i < content.size(); ++i) content[i] = static_cast<char>((i * 7 + 3) % 253);
  MustWrite(ufs, t.Path("src"), content);
  OpenOptions range;
  range.offset = 1000;
  range.length = 1024 * 1024 + 77;
  const std::string want = content.substr(1000, 1024 * 1024 + 77);
  // A file in $TMPDIR (the local UFS's own file system: copy_file_range) and a memfd (tmpfs:
  // sendfile), each written at its current position after a prefix.
  TempDir dest_dir;
  UniqueFd same_fs(::open((dest_dir.path() + "/dest").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600));
  UniqueFd other_fs(::memfd_create("copy-dest", MFD_CLOEXEC));
  for (int fd : {same_fs.get(), other_fs.get()}) {
    REQUIRE(fd >= 0);
    REQUIRE(::write(fd, "pre", 3) == 3);
    for (size_t chunk : {size_t{4096}, size_t{1} << 20, size_t{64} << 20}) {
      INFO("chunk " << chunk);
      REQUIRE(::ftruncate(fd, 3) == 0);
      REQUIRE(::lseek(fd, 3, SEEK_SET) == 3);
      auto in = ufs.Open(t.Path("src"), range);
      UFS_REQUIRE_OK(in);
      CopyAll(**in, fd, chunk);
      CHECK(FdContent(fd) == "pre" + want);
      CHECK(::lseek(fd, 0, SEEK_CUR) == static_cast<off_t>(3 + want.size()));
    }
  }
}

UFS_CONTRACT_TEST("CopyTo and Read share the stream's position") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  MustWrite(ufs, t.Path("f"), "0123456789abcdef");
  OpenOptions range;
  range.offset = 2;
  range.length = 12;  // "23456789abcd"
  auto in = ufs.Open(t.Path("f"), range);
  UFS_REQUIRE_OK(in);
  UniqueFd fd(::memfd_create("copy-dest", MFD_CLOEXEC));
  REQUIRE(fd.valid());
  char buf[3];
  auto r = (*in)->Read(buf, sizeof(buf));
  UFS_REQUIRE_OK(r);
  std::string read(buf, *r);
  auto c = (*in)->CopyTo(fd.get(), 4);
  UFS_REQUIRE_OK(c);
  std::string rest = *Drain(**in);
  CHECK(read + FdContent(fd.get()) + rest == "23456789abcd");
  CHECK(FdContent(fd.get()).size() == *c);
}

UFS_CONTRACT_TEST("CopyTo into a descriptor that refuses writes is an error") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  MustWrite(ufs, t.Path("f"), "abc");
  TempDir dest_dir;
  std::string dest = dest_dir.path() + "/ro";
  { UniqueFd create(::open(dest.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600)); }
  UniqueFd read_only(::open(dest.c_str(), O_RDONLY | O_CLOEXEC));
  REQUIRE(read_only.valid());
  auto in = ufs.Open(t.Path("f"), {});
  UFS_REQUIRE_OK(in);
  CHECK_FALSE((*in)->CopyTo(read_only.get(), 3).ok());
}

UFS_CONTRACT_TEST("open with a negative offset or a length below -1 is INVALID_ARGUMENT") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  MustWrite(ufs, t.Path("f"), "abc");
  OpenOptions options;
  options.offset = -1;
  UFS_CHECK_CODE(ufs.Open(t.Path("f"), options), kInvalidArgument);
  options.offset = 0;
  options.length = -2;
  UFS_CHECK_CODE(ufs.Open(t.Path("f"), options), kInvalidArgument);
}

UFS_CONTRACT_TEST("open of a missing path is NOT_FOUND and of a directory FAILED_PRECONDITION") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  auto missing = ufs.Open(t.Path("nope"), {});
  UFS_CHECK_CODE(missing, kNotFound);
  if (!missing.ok()) CHECK_THAT(std::string(missing.status().message()), Catch::Contains("nope"));
  UFS_REQUIRE_OK(ufs.Mkdirs(t.Path("dir"), {}));
  UFS_CHECK_CODE(ufs.Open(t.Path("dir"), {}), kFailedPrecondition);
}

UFS_CONTRACT_TEST("an open stream keeps reading the content it opened after a replace or delete") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  std::string path = t.Path("f");
  MustWrite(ufs, path, "original");
  auto before_replace = ufs.Open(path, {});
  UFS_REQUIRE_OK(before_replace);
  MustWrite(ufs, path, "replacement");
  auto before_delete = ufs.Open(path, {});
  UFS_REQUIRE_OK(before_delete);
  UFS_REQUIRE_OK(ufs.DeleteFile(path));

  auto first = Drain(**before_replace);
  UFS_REQUIRE_OK(first);
  CHECK(*first == "original");
  auto second = Drain(**before_delete);
  UFS_REQUIRE_OK(second);
  CHECK(*second == "replacement");
}

// ---------------------------------------------------------------------------------------------
// ListStatus

UFS_CONTRACT_TEST("list status hands out direct children in name order") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  for (const char* name : {"b", "a", "C", "a.txt", "a-b", "_x", "aa"}) {
    MustWrite(ufs, t.Path(name), name);
  }
  MustWrite(ufs, t.Path("d/inner"), "not listed");
  std::vector<UfsStatus> entries;
  UFS_REQUIRE_OK(ufs.ListStatus(t.root, [&entries](UfsStatus&& s) {
    entries.push_back(std::move(s));
    return Status::OK();
  }));
  std::vector<std::string> names;
  for (const UfsStatus& s : entries) names.push_back(s.name);
  CHECK(names == std::vector<std::string>{"C", "_x", "a", "a-b", "a.txt", "aa", "b", "d"});
  REQUIRE(entries.size() == 8);
  CHECK(entries[7].is_directory);
  CHECK_FALSE(entries[5].is_directory);
  CHECK(entries[5].length == 2);
  CHECK(entries[5].content_hash == MustStat(ufs, t.Path("aa")).content_hash);
}

UFS_CONTRACT_TEST("list status stops at the callback's first error and returns it") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  for (const char* name : {"1", "2", "3", "4", "5"}) MustWrite(ufs, t.Path(name), name);
  std::vector<std::string> seen;
  Status s = ufs.ListStatus(t.root, [&seen](UfsStatus&& status) {
    seen.push_back(status.name);
    return seen.size() == 2 ? Status::Aborted("enough") : Status::OK();
  });
  CHECK(s == Status::Aborted("enough"));
  CHECK(seen == std::vector<std::string>{"1", "2"});
}

UFS_CONTRACT_TEST("list status of a missing path is NOT_FOUND and of a file FAILED_PRECONDITION") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  int calls = 0;
  auto count = [&calls](UfsStatus&&) {
    ++calls;
    return Status::OK();
  };
  UFS_CHECK_CODE(ufs.ListStatus(t.Path("missing"), count), kNotFound);
  MustWrite(ufs, t.Path("file"), "x");
  UFS_CHECK_CODE(ufs.ListStatus(t.Path("file"), count), kFailedPrecondition);
  UFS_REQUIRE_OK(ufs.Mkdirs(t.Path("empty"), {}));
  UFS_CHECK_OK(ufs.ListStatus(t.Path("empty"), count));
  CHECK(calls == 0);
}

UFS_CONTRACT_TEST("the list status callback may call back into the UFS") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  MustWrite(ufs, t.Path("a"), "1");
  MustWrite(ufs, t.Path("b"), "22");
  int64_t total = 0;
  UFS_REQUIRE_OK(ufs.ListStatus(t.root, [&](UfsStatus&& s) {
    ASSIGN_OR_RETURN(UfsStatus again, ufs.GetStatus(t.Path(s.name)));
    total += again.length;
    return Status::OK();
  }));
  CHECK(total == 3);
}

UFS_CONTRACT_TEST("ListAll collects what ListStatus hands out") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  MustWrite(ufs, t.Path("y"), "yy");
  UFS_REQUIRE_OK(ufs.Mkdirs(t.Path("x"), {}));
  auto all = ufs.ListAll(t.root);
  UFS_REQUIRE_OK(all);
  REQUIRE(all->size() == 2);
  CHECK((*all)[0].name == "x");
  CHECK((*all)[0].is_directory);
  CHECK((*all)[1].name == "y");
  CHECK((*all)[1].length == 2);
  UFS_CHECK_CODE(ufs.ListAll(t.Path("missing")), kNotFound);
}

// ---------------------------------------------------------------------------------------------
// Mkdirs

UFS_CONTRACT_TEST("mkdirs creates missing parents when create_parent is set") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  UFS_REQUIRE_OK(ufs.Mkdirs(t.Path("a/b/c"), {}));
  for (const char* dir : {"a", "a/b", "a/b/c"}) CHECK(MustStat(ufs, t.Path(dir)).is_directory);
  CHECK(MustListNames(ufs, t.Path("a/b/c")).empty());
}

UFS_CONTRACT_TEST("mkdirs without create_parent fails with NOT_FOUND when the parent is missing") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  MkdirsOptions options;
  options.create_parent = false;
  UFS_CHECK_CODE(ufs.Mkdirs(t.Path("a/b"), options), kNotFound);
  CHECK_FALSE(MustExist(ufs, t.Path("a")));
  UFS_CHECK_OK(ufs.Mkdirs(t.Path("a"), options));
  UFS_CHECK_OK(ufs.Mkdirs(t.Path("a/b"), options));
  CHECK(MustStat(ufs, t.Path("a/b")).is_directory);
}

UFS_CONTRACT_TEST("mkdirs of an existing directory or file is ALREADY_EXISTS") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  UFS_REQUIRE_OK(ufs.Mkdirs(t.Path("dir"), {}));
  MustWrite(ufs, t.Path("dir/keep"), "x");
  MustWrite(ufs, t.Path("file"), "x");
  UFS_CHECK_CODE(ufs.Mkdirs(t.Path("dir"), {}), kAlreadyExists);
  UFS_CHECK_CODE(ufs.Mkdirs(t.Path("file"), {}), kAlreadyExists);
  UFS_CHECK_CODE(ufs.Mkdirs(t.root, {}), kAlreadyExists);
  CHECK(MustListNames(ufs, t.Path("dir")) == std::vector<std::string>{"keep"});
  CHECK_FALSE(MustStat(ufs, t.Path("file")).is_directory);
}

UFS_CONTRACT_TEST("mkdirs under a file is FAILED_PRECONDITION") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  MustWrite(ufs, t.Path("file"), "x");
  UFS_CHECK_CODE(ufs.Mkdirs(t.Path("file/sub"), {}), kFailedPrecondition);
  UFS_CHECK_CODE(ufs.Mkdirs(t.Path("file/sub/deeper"), {}), kFailedPrecondition);
  CHECK(MustRead(ufs, t.Path("file")) == "x");
}

UFS_CONTRACT_TEST("mkdirs applies the requested mode to every directory it creates") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  MkdirsOptions options;
  options.mode = 0750;
  UFS_REQUIRE_OK(ufs.Mkdirs(t.Path("p/q"), options));
  CHECK(MustStat(ufs, t.Path("p")).mode == 0750);
  CHECK(MustStat(ufs, t.Path("p/q")).mode == 0750);
  options.mode = 0777;  // not cut by the umask
  UFS_REQUIRE_OK(ufs.Mkdirs(t.Path("open"), options));
  CHECK(MustStat(ufs, t.Path("open")).mode == 0777);
}

// ---------------------------------------------------------------------------------------------
// Delete

UFS_CONTRACT_TEST("delete file removes a file and refuses a directory or a missing path") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  MustWrite(ufs, t.Path("f"), "x");
  UFS_REQUIRE_OK(ufs.Mkdirs(t.Path("d"), {}));
  UFS_CHECK_OK(ufs.DeleteFile(t.Path("f")));
  CHECK_FALSE(MustExist(ufs, t.Path("f")));
  UFS_CHECK_CODE(ufs.DeleteFile(t.Path("f")), kNotFound);
  UFS_CHECK_CODE(ufs.DeleteFile(t.Path("d")), kFailedPrecondition);
  CHECK(MustStat(ufs, t.Path("d")).is_directory);
}

UFS_CONTRACT_TEST("delete directory removes an empty directory without recursive") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  UFS_REQUIRE_OK(ufs.Mkdirs(t.Path("d"), {}));
  UFS_CHECK_OK(ufs.DeleteDirectory(t.Path("d"), /*recursive=*/false));
  CHECK_FALSE(MustExist(ufs, t.Path("d")));
  UFS_CHECK_CODE(ufs.DeleteDirectory(t.Path("d"), false), kNotFound);
  UFS_CHECK_CODE(ufs.DeleteDirectory(t.Path("d"), true), kNotFound);
}

UFS_CONTRACT_TEST("delete directory of a non-empty directory needs recursive") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  MustWrite(ufs, t.Path("d/a"), "1");
  MustWrite(ufs, t.Path("d/sub/b"), "2");
  UFS_REQUIRE_OK(ufs.Mkdirs(t.Path("d/sub/empty"), {}));
  UFS_CHECK_CODE(ufs.DeleteDirectory(t.Path("d"), /*recursive=*/false), kFailedPrecondition);
  CHECK(MustRead(ufs, t.Path("d/sub/b")) == "2");
  UFS_CHECK_OK(ufs.DeleteDirectory(t.Path("d"), /*recursive=*/true));
  CHECK_FALSE(MustExist(ufs, t.Path("d")));
  CHECK_FALSE(MustExist(ufs, t.Path("d/sub/b")));
  CHECK(MustListNames(ufs, t.root).empty());
}

UFS_CONTRACT_TEST("delete directory of a file is FAILED_PRECONDITION") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  MustWrite(ufs, t.Path("f"), "x");
  UFS_CHECK_CODE(ufs.DeleteDirectory(t.Path("f"), false), kFailedPrecondition);
  UFS_CHECK_CODE(ufs.DeleteDirectory(t.Path("f"), true), kFailedPrecondition);
  CHECK(MustRead(ufs, t.Path("f")) == "x");
}

// ---------------------------------------------------------------------------------------------
// Rename

UFS_CONTRACT_TEST("rename moves a file with its content, status and name") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  CreateOptions options;
  options.mode = 0640;
  MustWrite(ufs, t.Path("a"), "payload", options);
  UFS_REQUIRE_OK(ufs.Mkdirs(t.Path("dir"), {}));
  UFS_REQUIRE_OK(ufs.Rename(t.Path("a"), t.Path("dir/b")));
  CHECK_FALSE(MustExist(ufs, t.Path("a")));
  CHECK(MustRead(ufs, t.Path("dir/b")) == "payload");
  UfsStatus status = MustStat(ufs, t.Path("dir/b"));
  CHECK(status.name == "b");
  CHECK(status.mode == 0640);
  CHECK(MustListNames(ufs, t.root) == std::vector<std::string>{"dir"});
}

UFS_CONTRACT_TEST("rename moves a directory with its whole subtree") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  MustWrite(ufs, t.Path("d/x"), "1");
  MustWrite(ufs, t.Path("d/e/y"), "2");
  UFS_REQUIRE_OK(ufs.Rename(t.Path("d"), t.Path("moved")));
  CHECK_FALSE(MustExist(ufs, t.Path("d")));
  CHECK(MustRead(ufs, t.Path("moved/x")) == "1");
  CHECK(MustRead(ufs, t.Path("moved/e/y")) == "2");
  CHECK(MustListNames(ufs, t.Path("moved")) == std::vector<std::string>{"e", "x"});
}

UFS_CONTRACT_TEST("rename onto an existing path is ALREADY_EXISTS and changes nothing") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  MustWrite(ufs, t.Path("f1"), "one");
  MustWrite(ufs, t.Path("f2"), "two");
  UFS_REQUIRE_OK(ufs.Mkdirs(t.Path("d1"), {}));
  UFS_REQUIRE_OK(ufs.Mkdirs(t.Path("d2"), {}));
  UFS_CHECK_CODE(ufs.Rename(t.Path("f1"), t.Path("f2")), kAlreadyExists);
  UFS_CHECK_CODE(ufs.Rename(t.Path("f1"), t.Path("d1")), kAlreadyExists);
  UFS_CHECK_CODE(ufs.Rename(t.Path("d1"), t.Path("f1")), kAlreadyExists);
  UFS_CHECK_CODE(ufs.Rename(t.Path("d1"), t.Path("d2")), kAlreadyExists);
  UFS_CHECK_CODE(ufs.Rename(t.Path("f1"), t.Path("f1")), kAlreadyExists);
  CHECK(MustRead(ufs, t.Path("f1")) == "one");
  CHECK(MustRead(ufs, t.Path("f2")) == "two");
  CHECK(MustListNames(ufs, t.root) == std::vector<std::string>{"d1", "d2", "f1", "f2"});
}

UFS_CONTRACT_TEST("rename of a missing source or into a missing parent is NOT_FOUND") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  auto missing = ufs.Rename(t.Path("nope"), t.Path("x"));
  UFS_CHECK_CODE(missing, kNotFound);
  CHECK_THAT(std::string(missing.message()), Catch::Contains("nope"));
  MustWrite(ufs, t.Path("f"), "x");
  UFS_CHECK_CODE(ufs.Rename(t.Path("f"), t.Path("no/such/dir/f")), kNotFound);
  CHECK(MustRead(ufs, t.Path("f")) == "x");
  CHECK_FALSE(MustExist(ufs, t.Path("no")));
}

UFS_CONTRACT_TEST("rename of a directory into itself is INVALID_ARGUMENT") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  MustWrite(ufs, t.Path("d/x"), "1");
  UFS_CHECK_CODE(ufs.Rename(t.Path("d"), t.Path("d/sub")), kInvalidArgument);
  CHECK(MustRead(ufs, t.Path("d/x")) == "1");
  // A sibling that merely starts with the same letters is fine.
  UFS_CHECK_OK(ufs.Rename(t.Path("d"), t.Path("d2")));
}

// ---------------------------------------------------------------------------------------------
// Status, Exists, attributes

UFS_CONTRACT_TEST("get status reports name, type, length, mode and modification time") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  int64_t before = NowMs();
  MustWrite(ufs, t.Path("dir/file.bin"), "12345");
  UfsStatus file = MustStat(ufs, t.Path("dir/file.bin"));
  CHECK(file.name == "file.bin");
  CHECK_FALSE(file.is_directory);
  CHECK(file.length == 5);
  CHECK(file.mode == 0644);
  CHECK_FALSE(file.content_hash.empty());
  CHECK(file.last_modified_ms >= before - 5000);
  CHECK(file.last_modified_ms <= NowMs() + 5000);

  UfsStatus dir = MustStat(ufs, t.Path("dir"));
  CHECK(dir.name == "dir");
  CHECK(dir.is_directory);
  CHECK(dir.length == 0);
  CHECK(dir.content_hash.empty());
  UFS_CHECK_CODE(ufs.GetStatus(t.Path("missing")), kNotFound);
  UFS_CHECK_CODE(ufs.GetStatus(t.Path("dir/file.bin/below")), kFailedPrecondition);
}

UFS_CONTRACT_TEST("content hash changes on every rewrite and only then") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  std::string path = t.Path("f");
  std::set<std::string> hashes;
  for (const char* content : {"aaaa", "bbbb", "bbbb", "cccc", "cc"}) {
    MustWrite(ufs, path, content);
    std::string hash = MustStat(ufs, path).content_hash;
    CHECK(hashes.insert(hash).second);
    CHECK(MustStat(ufs, path).content_hash == hash);  // stable while unchanged
  }
  // A rename keeps the content and so the hash.
  std::string last = MustStat(ufs, path).content_hash;
  UFS_REQUIRE_OK(ufs.Rename(path, t.Path("g")));
  CHECK(MustStat(ufs, t.Path("g")).content_hash == last);
}

UFS_CONTRACT_TEST("exists is true for files and directories and false for missing paths") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  MustWrite(ufs, t.Path("f"), "x");
  UFS_REQUIRE_OK(ufs.Mkdirs(t.Path("d"), {}));
  CHECK(MustExist(ufs, t.Path("f")));
  CHECK(MustExist(ufs, t.Path("d")));
  CHECK(MustExist(ufs, t.root));
  CHECK_FALSE(MustExist(ufs, t.Path("missing")));
  CHECK_FALSE(MustExist(ufs, t.Path("missing/deeper")));
  CHECK_FALSE(MustExist(ufs, t.Path("f/below")));
}

UFS_CONTRACT_TEST("set mode changes the mode of files and directories") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  MustWrite(ufs, t.Path("f"), "x");
  UFS_REQUIRE_OK(ufs.Mkdirs(t.Path("d"), {}));
  UFS_CHECK_OK(ufs.SetMode(t.Path("f"), 0600));
  UFS_CHECK_OK(ufs.SetMode(t.Path("d"), 0700));
  CHECK(MustStat(ufs, t.Path("f")).mode == 0600);
  CHECK(MustStat(ufs, t.Path("d")).mode == 0700);
  CHECK(MustRead(ufs, t.Path("f")) == "x");
  UFS_CHECK_CODE(ufs.SetMode(t.Path("missing"), 0600), kNotFound);
}

UFS_CONTRACT_TEST("set owner records owner and group and leaves empty ones unchanged") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  MustWrite(ufs, t.Path("f"), "x");
  std::string user = CurrentUser();
  std::string group = CurrentGroup();
  UFS_REQUIRE_OK(ufs.SetOwner(t.Path("f"), user, group));
  UfsStatus status = MustStat(ufs, t.Path("f"));
  CHECK(status.owner == user);
  CHECK(status.group == group);
  UFS_REQUIRE_OK(ufs.SetOwner(t.Path("f"), "", ""));
  status = MustStat(ufs, t.Path("f"));
  CHECK(status.owner == user);
  CHECK(status.group == group);
  UFS_CHECK_CODE(ufs.SetOwner(t.Path("missing"), user, group), kNotFound);
}

UFS_CONTRACT_TEST("get space answers for an existing path and NOT_FOUND for a missing one") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  MustWrite(ufs, t.Path("f"), "12345");
  auto space = ufs.GetSpace(t.root);
  UFS_REQUIRE_OK(space);
  if (space->capacity_bytes >= 0) {
    CHECK(space->used_bytes >= 0);
    CHECK(space->used_bytes <= space->capacity_bytes);
  } else {
    CHECK(space->capacity_bytes == -1);
  }
  UFS_CHECK_CODE(ufs.GetSpace(t.Path("missing")), kNotFound);
}

// ---------------------------------------------------------------------------------------------
// Paths

UFS_CONTRACT_TEST("paths with '.' or '..' components are INVALID_ARGUMENT for every method") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  MustWrite(ufs, t.Path("f"), "x");
  for (const std::string& bad :
       {t.Path("d/../f"), t.Path("../escape"), t.Path("./f"), t.Path("d/.."), t.Path("a/./b")}) {
    INFO(bad);
    auto noop = [](UfsStatus&&) { return Status::OK(); };
    UFS_CHECK_CODE(ufs.GetStatus(bad), kInvalidArgument);
    UFS_CHECK_CODE(ufs.Exists(bad), kInvalidArgument);
    UFS_CHECK_CODE(ufs.ListStatus(bad, noop), kInvalidArgument);
    UFS_CHECK_CODE(ufs.Mkdirs(bad, {}), kInvalidArgument);
    UFS_CHECK_CODE(ufs.DeleteFile(bad), kInvalidArgument);
    UFS_CHECK_CODE(ufs.DeleteDirectory(bad, true), kInvalidArgument);
    UFS_CHECK_CODE(ufs.Rename(bad, t.Path("g")), kInvalidArgument);
    UFS_CHECK_CODE(ufs.Rename(t.Path("f"), bad), kInvalidArgument);
    UFS_CHECK_CODE(ufs.Open(bad, {}), kInvalidArgument);
    UFS_CHECK_CODE(ufs.Create(bad, {}), kInvalidArgument);
    UFS_CHECK_CODE(ufs.SetMode(bad, 0600), kInvalidArgument);
    UFS_CHECK_CODE(ufs.SetOwner(bad, CurrentUser(), ""), kInvalidArgument);
    UFS_CHECK_CODE(ufs.GetSpace(bad), kInvalidArgument);
    auto s = ufs.GetStatus(bad);
    if (!s.ok()) CHECK_THAT(std::string(s.status().message()), Catch::Contains(bad));
  }
  CHECK(MustListNames(ufs, t.root) == std::vector<std::string>{"f"});
  CHECK(MustRead(ufs, t.Path("f")) == "x");
}

UFS_CONTRACT_TEST("relative paths and other schemes are INVALID_ARGUMENT") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  for (const std::string& bad :
       {std::string("relative/path"), std::string(""), std::string("s3://bucket/key"),
        std::string(ufs.scheme() == "mem" ? "file:///tmp/x" : "mem://bucket/x")}) {
    INFO(bad);
    UFS_CHECK_CODE(ufs.GetStatus(bad), kInvalidArgument);
    UFS_CHECK_CODE(ufs.Create(bad, {}), kInvalidArgument);
    UFS_CHECK_CODE(ufs.Mkdirs(bad, {}), kInvalidArgument);
  }
}

UFS_CONTRACT_TEST("repeated and trailing slashes name the same path") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  UFS_REQUIRE_OK(ufs.Mkdirs(t.Path("d/"), {}));
  MustWrite(ufs, t.Path("d//f"), "x");
  CHECK(MustRead(ufs, t.Path("d/f")) == "x");
  UfsStatus status = MustStat(ufs, t.Path("d/"));
  CHECK(status.name == "d");
  CHECK(status.is_directory);
  CHECK(MustListNames(ufs, t.Path("d/")) == std::vector<std::string>{"f"});
}

// ---------------------------------------------------------------------------------------------
// Concurrency

UFS_CONTRACT_TEST("concurrent writers and listers in one directory see whole files only") {
  UfsUnderTest t = TestType::Make();
  UnderFileSystem& ufs = *t.ufs;
  constexpr int kThreads = 4;
  constexpr int kFilesPerThread = 15;
  std::atomic<int> failures{0};
  std::atomic<bool> writing{true};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      for (int j = 0; j < kFilesPerThread; ++j) {
        std::string name = "t" + std::to_string(i) + "-" + std::to_string(j);
        if (!WriteFile(ufs, t.Path(name), name).ok()) ++failures;
      }
    });
  }
  std::thread lister([&] {
    while (writing) {
      Status s = ufs.ListStatus(t.root, [&](UfsStatus&& st) {
        // Every listed file is complete: its length is its name's.
        if (st.length != static_cast<int64_t>(st.name.size())) ++failures;
        return Status::OK();
      });
      if (!s.ok()) ++failures;
    }
  });
  for (auto& th : threads) th.join();
  writing = false;
  lister.join();
  CHECK(failures == 0);
  CHECK(MustListNames(ufs, t.root).size() == kThreads * kFilesPerThread);
}

}  // namespace alluxio::ufs
