#include "lib/ufs/fault_injecting_ufs.h"

#include <array>
#include <mutex>
#include <utility>

#include "lib/common/check.h"
#include "lib/common/logging.h"

namespace alluxio::ufs {
namespace {

using Op = FaultInjectingUfs::Op;

constexpr size_t kNumOps = static_cast<size_t>(Op::kAny) + 1;

size_t Index(Op op) { return static_cast<size_t>(op); }

}  // namespace

class FaultInjectingUfs::Faults {
 public:
  explicit Faults(std::string scheme) : scheme_(std::move(scheme)) {}

  // Counts a call of `op` and returns the failure injected into it, or OK.
  Status Check(Op op) {
    std::lock_guard<std::mutex> lock(mu_);
    ++calls_[Index(op)];
    ++calls_[Index(Op::kAny)];
    if (down_) {
      return Status::Unavailable(StrCat("UFS ", scheme_, " is unavailable (injected fault)"));
    }
    Status injected;
    for (Op rule_op : {op, Op::kAny}) {
      Rule& rule = rules_[Index(rule_op)];
      if (rule.count == 0) continue;
      if (rule.skip > 0) {
        --rule.skip;
        continue;
      }
      --rule.count;
      if (injected.ok()) injected = rule.status;
    }
    return injected;
  }

  void SetDown(bool down) {
    std::lock_guard<std::mutex> lock(mu_);
    down_ = down;
  }
  bool IsDown() const {
    std::lock_guard<std::mutex> lock(mu_);
    return down_;
  }
  void FailNext(Op op, Status status, int count, int skip) {
    std::lock_guard<std::mutex> lock(mu_);
    rules_[Index(op)] = Rule{std::move(status), count, skip};
  }
  void Clear() {
    std::lock_guard<std::mutex> lock(mu_);
    rules_ = {};
    down_ = false;
  }
  int64_t Calls(Op op) const {
    std::lock_guard<std::mutex> lock(mu_);
    return calls_[Index(op)];
  }
  void ResetCounters() {
    std::lock_guard<std::mutex> lock(mu_);
    calls_ = {};
  }

 private:
  struct Rule {
    Status status;
    int count = 0;  // calls still to fail
    int skip = 0;   // calls to let through first
  };

  const std::string scheme_;  // immutable after construction

  mutable std::mutex mu_;
  // Guarded by mu_.
  bool down_ = false;
  std::array<Rule, kNumOps> rules_{};
  std::array<int64_t, kNumOps> calls_{};
};

namespace {

class FaultInjectingInputStream final : public UfsInputStream {
 public:
  FaultInjectingInputStream(std::shared_ptr<FaultInjectingUfs::Faults> faults,
                            std::unique_ptr<UfsInputStream> base)
      : faults_(std::move(faults)), base_(std::move(base)) {}

  Result<size_t> Read(char* buf, size_t n) override {
    RETURN_IF_ERROR(faults_->Check(Op::kRead));
    return base_->Read(buf, n);
  }
  Result<size_t> CopyTo(int fd, size_t n) override {
    RETURN_IF_ERROR(faults_->Check(Op::kRead));
    return base_->CopyTo(fd, n);
  }

 private:
  const std::shared_ptr<FaultInjectingUfs::Faults> faults_;
  const std::unique_ptr<UfsInputStream> base_;
};

class FaultInjectingOutputStream final : public UfsOutputStream {
 public:
  FaultInjectingOutputStream(std::shared_ptr<FaultInjectingUfs::Faults> faults,
                             std::unique_ptr<UfsOutputStream> base)
      : faults_(std::move(faults)), base_(std::move(base)) {}

  Status Write(std::string_view data) override {
    RETURN_IF_ERROR(faults_->Check(Op::kWrite));
    return base_->Write(data);
  }
  Status Close() override {
    Status injected = faults_->Check(Op::kClose);
    if (!injected.ok()) {
      base_->Cancel();
      return injected;
    }
    return base_->Close();
  }
  void Cancel() override { base_->Cancel(); }

 private:
  const std::shared_ptr<FaultInjectingUfs::Faults> faults_;
  const std::unique_ptr<UfsOutputStream> base_;
};

}  // namespace

std::string_view FaultInjectingUfs::OpName(Op op) {
  static constexpr std::array<std::string_view, kNumOps> kNames = {
      "GetStatus", "Exists", "List",  "Mkdirs", "Delete",       "Rename",   "Open",
      "Read",      "Create", "Write", "Close",  "SetAttribute", "GetSpace", "Any",
  };
  return kNames[Index(op)];
}

FaultInjectingUfs::FaultInjectingUfs(std::shared_ptr<UnderFileSystem> base)
    : base_(std::move(base)), faults_(std::make_shared<Faults>(std::string(base_->scheme()))) {
  ALLUXIO_CHECK(base_ != nullptr);
}

FaultInjectingUfs::~FaultInjectingUfs() = default;

void FaultInjectingUfs::SetDown(bool down) { faults_->SetDown(down); }
bool FaultInjectingUfs::IsDown() const { return faults_->IsDown(); }
void FaultInjectingUfs::FailNext(Op op, Status status, int count, int skip) {
  ALLUXIO_CHECK(!status.ok() && count >= 1 && skip >= 0);
  faults_->FailNext(op, std::move(status), count, skip);
}
void FaultInjectingUfs::ClearFaults() { faults_->Clear(); }
int64_t FaultInjectingUfs::Calls(Op op) const { return faults_->Calls(op); }
void FaultInjectingUfs::ResetCounters() { faults_->ResetCounters(); }

Result<UfsStatus> FaultInjectingUfs::GetStatus(const std::string& path) {
  RETURN_IF_ERROR(faults_->Check(Op::kGetStatus));
  return base_->GetStatus(path);
}

Result<bool> FaultInjectingUfs::Exists(const std::string& path) {
  RETURN_IF_ERROR(faults_->Check(Op::kExists));
  return base_->Exists(path);
}

Status FaultInjectingUfs::ListStatus(const std::string& path,
                                     const std::function<Status(UfsStatus&&)>& fn) {
  RETURN_IF_ERROR(faults_->Check(Op::kList));
  return base_->ListStatus(path, fn);
}

Status FaultInjectingUfs::Mkdirs(const std::string& path, const MkdirsOptions& options) {
  RETURN_IF_ERROR(faults_->Check(Op::kMkdirs));
  return base_->Mkdirs(path, options);
}

Status FaultInjectingUfs::DeleteFile(const std::string& path) {
  RETURN_IF_ERROR(faults_->Check(Op::kDelete));
  return base_->DeleteFile(path);
}

Status FaultInjectingUfs::DeleteDirectory(const std::string& path, bool recursive) {
  RETURN_IF_ERROR(faults_->Check(Op::kDelete));
  return base_->DeleteDirectory(path, recursive);
}

Status FaultInjectingUfs::Rename(const std::string& src, const std::string& dst) {
  RETURN_IF_ERROR(faults_->Check(Op::kRename));
  return base_->Rename(src, dst);
}

Result<std::unique_ptr<UfsInputStream>> FaultInjectingUfs::Open(const std::string& path,
                                                                const OpenOptions& options) {
  RETURN_IF_ERROR(faults_->Check(Op::kOpen));
  ASSIGN_OR_RETURN(std::unique_ptr<UfsInputStream> stream, base_->Open(path, options));
  return std::unique_ptr<UfsInputStream>(
      std::make_unique<FaultInjectingInputStream>(faults_, std::move(stream)));
}

Result<std::unique_ptr<UfsOutputStream>> FaultInjectingUfs::Create(const std::string& path,
                                                                   const CreateOptions& options) {
  RETURN_IF_ERROR(faults_->Check(Op::kCreate));
  ASSIGN_OR_RETURN(std::unique_ptr<UfsOutputStream> stream, base_->Create(path, options));
  return std::unique_ptr<UfsOutputStream>(
      std::make_unique<FaultInjectingOutputStream>(faults_, std::move(stream)));
}

Status FaultInjectingUfs::SetMode(const std::string& path, int mode) {
  RETURN_IF_ERROR(faults_->Check(Op::kSetAttribute));
  return base_->SetMode(path, mode);
}

Status FaultInjectingUfs::SetOwner(const std::string& path, const std::string& owner,
                                   const std::string& group) {
  RETURN_IF_ERROR(faults_->Check(Op::kSetAttribute));
  return base_->SetOwner(path, owner, group);
}

Result<UfsSpace> FaultInjectingUfs::GetSpace(const std::string& path) {
  RETURN_IF_ERROR(faults_->Check(Op::kGetSpace));
  return base_->GetSpace(path);
}

}  // namespace alluxio::ufs
