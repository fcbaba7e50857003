#include "lib/ufs/fault_injecting_ufs.h"

#include <sys/mman.h>
#include <unistd.h>

#include "lib/common/unique_fd.h"
#include "lib/ufs/local_ufs.h"
#include "lib/ufs/memory_ufs.h"
#include "tests/unit/ufs/ufs_test_util.h"

namespace alluxio::ufs {
namespace {

using Op = FaultInjectingUfs::Op;
using testing::Drain;
using testing::MustExist;
using testing::MustRead;
using testing::MustWrite;

constexpr char kDownMessage[] = "UFS mem is unavailable (injected fault)";

struct Setup {
  std::shared_ptr<MemoryUfs> base = std::make_shared<MemoryUfs>();
  FaultInjectingUfs ufs{base};
};

}  // namespace

TEST_CASE("a down UFS fails every call with UNAVAILABLE and never reaches the wrapped one",
          "[ufs]") {
  Setup s;
  MustWrite(*s.base, "mem://b/f", "content");
  s.ufs.SetDown(true);
  CHECK(s.ufs.IsDown());
  const Status down = Status::Unavailable(kDownMessage);
  auto noop = [](UfsStatus&&) { return Status::OK(); };

  CHECK(s.ufs.GetStatus("mem://b/f").status() == down);
  CHECK(s.ufs.Exists("mem://b/f").status() == down);
  CHECK(s.ufs.ListStatus("mem://b", noop) == down);
  CHECK(s.ufs.ListAll("mem://b").status() == down);
  CHECK(s.ufs.Mkdirs("mem://b/d", {}) == down);
  CHECK(s.ufs.DeleteFile("mem://b/f") == down);
  CHECK(s.ufs.DeleteDirectory("mem://b/x", true) == down);
  CHECK(s.ufs.Rename("mem://b/f", "mem://b/g") == down);
  CHECK(s.ufs.Open("mem://b/f", {}).status() == down);
  CHECK(s.ufs.Create("mem://b/new", {}).status() == down);
  CHECK(s.ufs.SetMode("mem://b/f", 0600) == down);
  CHECK(s.ufs.SetOwner("mem://b/f", "u", "g") == down);
  CHECK(s.ufs.GetSpace("mem://b").status() == down);

  // Nothing reached the wrapped UFS.
  CHECK_FALSE(MustExist(*s.base, "mem://b/d"));
  CHECK_FALSE(MustExist(*s.base, "mem://b/g"));
  CHECK(MustRead(*s.base, "mem://b/f") == "content");
  CHECK(testing::MustStat(*s.base, "mem://b/f").mode == 0644);

  s.ufs.SetDown(false);
  CHECK_FALSE(s.ufs.IsDown());
  CHECK(MustRead(s.ufs, "mem://b/f") == "content");
  UFS_CHECK_OK(s.ufs.Mkdirs("mem://b/d", {}));
}

TEST_CASE("the down message names the wrapped UFS's scheme", "[ufs]") {
  FaultInjectingUfs ufs(std::make_shared<LocalUfs>());
  ufs.SetDown(true);
  CHECK(ufs.GetStatus("/tmp").status() ==
        Status::Unavailable("UFS file is unavailable (injected fault)"));
}

TEST_CASE("streams opened before the UFS went down fail while it is down", "[ufs]") {
  Setup s;
  MustWrite(s.ufs, "mem://b/f", "0123456789");
  auto in = s.ufs.Open("mem://b/f", {});
  UFS_REQUIRE_OK(in);
  auto out = s.ufs.Create("mem://b/new", {});
  UFS_REQUIRE_OK(out);
  UFS_REQUIRE_OK((*out)->Write("half"));

  s.ufs.SetDown(true);
  char buf[4];
  UFS_CHECK_CODE((*in)->Read(buf, sizeof(buf)), kUnavailable);
  UFS_CHECK_CODE((*out)->Write("more"), kUnavailable);
  UFS_CHECK_CODE((*out)->Close(), kUnavailable);
  s.ufs.SetDown(false);

  // The failed Close published nothing; the input stream carries on from where it was.
  CHECK_FALSE(MustExist(*s.base, "mem://b/new"));
  auto rest = Drain(**in);
  UFS_REQUIRE_OK(rest);
  CHECK(*rest == "0123456789");
}

TEST_CASE("CopyTo of a stream fails while its UFS is down and goes on after", "[ufs]") {
  Setup s;
  MustWrite(s.ufs, "mem://b/f", "0123456789");
  auto in = s.ufs.Open("mem://b/f", {});
  UFS_REQUIRE_OK(in);
  UniqueFd fd(::memfd_create("copy-dest", MFD_CLOEXEC));
  REQUIRE(fd.valid());
  s.ufs.SetDown(true);
  UFS_CHECK_CODE((*in)->CopyTo(fd.get(), 4), kUnavailable);
  s.ufs.SetDown(false);
  auto n = (*in)->CopyTo(fd.get(), 4);
  UFS_REQUIRE_OK(n);
  char buf[8] = {};
  CHECK(::pread(fd.get(), buf, sizeof(buf), 0) == static_cast<ssize_t>(*n));
  CHECK(std::string(buf, *n) == std::string("0123").substr(0, *n));
}

TEST_CASE("FailNext fails exactly count calls of its operation and no other call", "[ufs]") {
  Setup s;
  MustWrite(*s.base, "mem://b/f", "x");
  const Status boom = Status::PermissionDenied("boom");
  s.ufs.FailNext(Op::kGetStatus, boom, /*count=*/2);

  UFS_CHECK_OK(s.ufs.Exists("mem://b/f"));
  UFS_CHECK_OK(s.ufs.ListAll("mem://b"));
  CHECK(s.ufs.GetStatus("mem://b/f").status() == boom);
  CHECK(s.ufs.GetStatus("mem://b/f").status() == boom);
  UFS_CHECK_OK(s.ufs.GetStatus("mem://b/f"));
  UFS_CHECK_OK(s.ufs.GetStatus("mem://b/f"));
}

TEST_CASE("FailNext with skip fails the Nth read in the middle of a stream", "[ufs]") {
  Setup s;
  MustWrite(*s.base, "mem://b/f", "aaaaabbbbbcccccddddd");
  auto in = s.ufs.Open("mem://b/f", {});
  UFS_REQUIRE_OK(in);
  s.ufs.FailNext(Op::kRead, Status::DataLoss("torn read"), /*count=*/1, /*skip=*/2);

  char buf[5];
  std::string got;
  for (int i = 0; i < 2; ++i) {
    auto n = (*in)->Read(buf, sizeof(buf));
    UFS_REQUIRE_OK(n);
    got.append(buf, *n);
  }
  CHECK(got == "aaaaabbbbb");
  auto third = (*in)->Read(buf, sizeof(buf));
  CHECK(third.status() == Status::DataLoss("torn read"));
  // The failure consumed no bytes: the stream goes on where it stopped.
  auto rest = Drain(**in);
  UFS_REQUIRE_OK(rest);
  CHECK(*rest == "cccccddddd");
}

TEST_CASE("an injected write failure reaches the caller and Cancel leaves nothing", "[ufs]") {
  Setup s;
  s.ufs.FailNext(Op::kWrite, Status::ResourceExhausted("disk full"), 1, /*skip=*/1);
  auto out = s.ufs.Create("mem://b/f", {});
  UFS_REQUIRE_OK(out);
  UFS_CHECK_OK((*out)->Write("first"));
  UFS_CHECK_CODE((*out)->Write("second"), kResourceExhausted);
  (*out)->Cancel();
  CHECK_FALSE(MustExist(*s.base, "mem://b/f"));
}

TEST_CASE("an injected Close failure cancels the write so no file appears", "[ufs]") {
  Setup s;
  s.ufs.FailNext(Op::kClose, Status::Unavailable("lost connection"));
  auto out = s.ufs.Create("mem://b/f", {});
  UFS_REQUIRE_OK(out);
  UFS_REQUIRE_OK((*out)->Write("data"));
  CHECK((*out)->Close() == Status::Unavailable("lost connection"));
  CHECK_FALSE(MustExist(*s.base, "mem://b/f"));
  UFS_CHECK_CODE((*out)->Close(), kFailedPrecondition);
  CHECK_FALSE(MustExist(*s.base, "mem://b/f"));
}

TEST_CASE("injected Create and Open failures never reach the wrapped UFS", "[ufs]") {
  Setup s;
  s.ufs.FailNext(Op::kCreate, Status::Unavailable("no"));
  UFS_CHECK_CODE(s.ufs.Create("mem://b/parent/f", {}), kUnavailable);
  CHECK_FALSE(MustExist(*s.base, "mem://b/parent"));  // create_parent did not run
  MustWrite(s.ufs, "mem://b/f", "x");
  s.ufs.FailNext(Op::kOpen, Status::NotFound("gone"));
  CHECK(s.ufs.Open("mem://b/f", {}).status() == Status::NotFound("gone"));
  CHECK(MustRead(s.ufs, "mem://b/f") == "x");
}

TEST_CASE("a kAny fault fails whichever call comes next", "[ufs]") {
  Setup s;
  MustWrite(*s.base, "mem://b/f", "x");
  s.ufs.FailNext(Op::kAny, Status::Internal("any"), /*count=*/1, /*skip=*/1);
  UFS_CHECK_OK(s.ufs.GetStatus("mem://b/f"));
  CHECK(s.ufs.Exists("mem://b/f").status() == Status::Internal("any"));
  UFS_CHECK_OK(s.ufs.Exists("mem://b/f"));
  UFS_CHECK_OK(s.ufs.GetStatus("mem://b/f"));
}

TEST_CASE("a later FailNext for an operation replaces its pending fault", "[ufs]") {
  Setup s;
  s.ufs.FailNext(Op::kMkdirs, Status::Internal("first"), 5);
  s.ufs.FailNext(Op::kMkdirs, Status::Aborted("second"), 1);
  CHECK(s.ufs.Mkdirs("mem://b/d", {}) == Status::Aborted("second"));
  UFS_CHECK_OK(s.ufs.Mkdirs("mem://b/d", {}));
}

TEST_CASE("ClearFaults forgets pending faults and brings the UFS back up", "[ufs]") {
  Setup s;
  s.ufs.FailNext(Op::kGetSpace, Status::Internal("x"), 3);
  s.ufs.SetDown(true);
  s.ufs.ClearFaults();
  CHECK_FALSE(s.ufs.IsDown());
  UFS_CHECK_OK(s.ufs.GetSpace("mem://b"));
}

TEST_CASE("call counters count every call per operation, failed ones included", "[ufs]") {
  Setup s;
  MustWrite(s.ufs, "mem://b/f", "0123456789");  // Create, Write, Close
  CHECK(s.ufs.Calls(Op::kCreate) == 1);
  CHECK(s.ufs.Calls(Op::kWrite) == 1);
  CHECK(s.ufs.Calls(Op::kClose) == 1);
  CHECK(s.ufs.Calls(Op::kOpen) == 0);

  CHECK(MustRead(s.ufs, "mem://b/f", {}, /*chunk=*/4) == "0123456789");  // 3 reads + the 0
  CHECK(s.ufs.Calls(Op::kOpen) == 1);
  CHECK(s.ufs.Calls(Op::kRead) == 4);

  s.ufs.FailNext(Op::kExists, Status::Unavailable("x"));
  UFS_CHECK_CODE(s.ufs.Exists("mem://b/f"), kUnavailable);
  UFS_CHECK_OK(s.ufs.Exists("mem://b/f"));
  CHECK(s.ufs.Calls(Op::kExists) == 2);

  UFS_CHECK_OK(s.ufs.SetMode("mem://b/f", 0600));
  UFS_CHECK_OK(s.ufs.SetOwner("mem://b/f", "u", "g"));
  CHECK(s.ufs.Calls(Op::kSetAttribute) == 2);
  UFS_CHECK_OK(s.ufs.ListAll("mem://b"));
  CHECK(s.ufs.Calls(Op::kList) == 1);
  UFS_CHECK_OK(s.ufs.Rename("mem://b/f", "mem://b/g"));
  UFS_CHECK_OK(s.ufs.DeleteFile("mem://b/g"));
  UFS_CHECK_OK(s.ufs.Mkdirs("mem://b/d", {}));
  UFS_CHECK_OK(s.ufs.DeleteDirectory("mem://b/d", false));
  UFS_CHECK_OK(s.ufs.GetStatus("mem://b"));
  UFS_CHECK_OK(s.ufs.GetSpace("mem://b"));
  CHECK(s.ufs.Calls(Op::kRename) == 1);
  CHECK(s.ufs.Calls(Op::kDelete) == 2);
  CHECK(s.ufs.Calls(Op::kMkdirs) == 1);
  CHECK(s.ufs.Calls(Op::kGetStatus) == 1);
  CHECK(s.ufs.Calls(Op::kGetSpace) == 1);
  CHECK(s.ufs.Calls(Op::kAny) == 3 + 5 + 2 + 2 + 1 + 1 + 2 + 1 + 1 + 1);

  s.ufs.ResetCounters();
  for (Op op : {Op::kGetStatus, Op::kExists, Op::kRead, Op::kAny}) {
    INFO(FaultInjectingUfs::OpName(op));
    CHECK(s.ufs.Calls(op) == 0);
  }
}

TEST_CASE("a down UFS still counts the calls it refuses", "[ufs]") {
  Setup s;
  s.ufs.SetDown(true);
  UFS_CHECK_CODE(s.ufs.GetStatus("mem://b"), kUnavailable);
  CHECK(s.ufs.Calls(Op::kGetStatus) == 1);
  CHECK(s.ufs.Calls(Op::kAny) == 1);
}

TEST_CASE("the fault-injecting wrapper forwards scheme and IsObjectStore", "[ufs]") {
  Setup s;
  CHECK(s.ufs.scheme() == "mem");
  CHECK_FALSE(s.ufs.IsObjectStore());
  CHECK(s.ufs.base() == s.base);
  FaultInjectingUfs local(std::make_shared<LocalUfs>());
  CHECK(local.scheme() == "file");
  CHECK(FaultInjectingUfs::OpName(Op::kRead) == "Read");
  CHECK(FaultInjectingUfs::OpName(Op::kAny) == "Any");
}

TEST_CASE("streams keep working after their fault-injecting UFS is gone", "[ufs]") {
  auto base = std::make_shared<MemoryUfs>();
  MustWrite(*base, "mem://b/f", "still here");
  std::unique_ptr<UfsInputStream> in;
  std::unique_ptr<UfsOutputStream> out;
  {
    FaultInjectingUfs ufs(base);
    auto opened = ufs.Open("mem://b/f", {});
    UFS_REQUIRE_OK(opened);
    in = std::move(*opened);
    auto created = ufs.Create("mem://b/g", {});
    UFS_REQUIRE_OK(created);
    out = std::move(*created);
  }
  auto content = Drain(*in);
  UFS_REQUIRE_OK(content);
  CHECK(*content == "still here");
  UFS_REQUIRE_OK(out->Write("later"));
  UFS_REQUIRE_OK(out->Close());
  CHECK(MustRead(*base, "mem://b/g") == "later");
}

}  // namespace alluxio::ufs
