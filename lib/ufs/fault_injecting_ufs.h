// FaultInjectingUfs: forwards every call to another UnderFileSystem and fails the calls a test
// asks it to (leveldb's ErrorEnv over EnvWrapper). It also counts calls per operation, so a
// test can assert that the UFS was, or was not, called.
//
// Faults (an injected failure never reaches the wrapped UFS):
//  - SetDown(true): every call, on streams already open too, fails with UNAVAILABLE
//    "UFS <scheme> is unavailable (injected fault)" until SetDown(false).
//  - FailNext(op, status, count, skip): of the next calls of `op`, the first `skip` go through
//    and the `count` after them fail with `status`. Read, Write and Close count calls on all
//    streams together, so FailNext(Op::kRead, s, 1, 2) fails the third Read: a failure in the
//    middle of a stream. Op::kAny matches every call. A later FailNext for the same op replaces
//    its pending fault; a call matching both its op's fault and a kAny fault advances both
//    (the op's status wins).
//  - An injected Close failure cancels the wrapped stream, so nothing appears, as with a real
//    failed close. Cancel is forwarded, never failed and never counted.
//
// Counters count every call, failed ones included; Calls(Op::kAny) is the total. SetMode and
// SetOwner count as kSetAttribute; DeleteFile and DeleteDirectory as kDelete; ListStatus (and
// ListAll) as kList. scheme() and IsObjectStore() are forwarded, never failed or counted.
//
// Thread-safe. Streams share the fault state, so they may outlive the wrapper.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "lib/ufs/under_file_system.h"

namespace alluxio::ufs {

class FaultInjectingUfs final : public UnderFileSystem {
 public:
  enum class Op {
    kGetStatus,
    kExists,
    kList,
    kMkdirs,
    kDelete,
    kRename,
    kOpen,
    kRead,
    kCreate,
    kWrite,
    kClose,
    kSetAttribute,
    kGetSpace,
    kAny,  // keep last
  };
  // "GetStatus", "Read", ..., "Any": for test output.
  static std::string_view OpName(Op op);

  // `base` must not be null.
  explicit FaultInjectingUfs(std::shared_ptr<UnderFileSystem> base);
  ~FaultInjectingUfs() override;

  void SetDown(bool down);
  bool IsDown() const;
  // `count` >= 1 and `skip` >= 0; see the header comment.
  void FailNext(Op op, Status status, int count = 1, int skip = 0);
  // Forgets pending FailNext faults and brings the UFS back up.
  void ClearFaults();
  // Calls of `op` since construction or ResetCounters().
  int64_t Calls(Op op) const;
  void ResetCounters();

  const std::shared_ptr<UnderFileSystem>& base() const { return base_; }

  std::string_view scheme() const override { return base_->scheme(); }
  bool IsObjectStore() const override { return base_->IsObjectStore(); }

  Result<UfsStatus> GetStatus(const std::string& path) override;
  Result<bool> Exists(const std::string& path) override;
  Status ListStatus(const std::string& path, const std::function<Status(UfsStatus&&)>& fn) override;
  Status Mkdirs(const std::string& path, const MkdirsOptions& options) override;
  Status DeleteFile(const std::string& path) override;
  Status DeleteDirectory(const std::string& path, bool recursive) override;
  Status Rename(const std::string& src, const std::string& dst) override;
  Result<std::unique_ptr<UfsInputStream>> Open(const std::string& path,
                                               const OpenOptions& options) override;
  Result<std::unique_ptr<UfsOutputStream>> Create(const std::string& path,
                                                  const CreateOptions& options) override;
  Status SetMode(const std::string& path, int mode) override;
  Status SetOwner(const std::string& path, const std::string& owner,
                  const std::string& group) override;
  Result<UfsSpace> GetSpace(const std::string& path) override;

  // The pending faults and counters, shared with this wrapper's streams. Thread-safe.
  class Faults;

 private:
  // Immutable after construction; never null.
  const std::shared_ptr<UnderFileSystem> base_;
  const std::shared_ptr<Faults> faults_;
};

}  // namespace alluxio::ufs
