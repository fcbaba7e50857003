#include "server/worker/block_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <system_error>
#include <tuple>
#include <utility>

#include "lib/common/check.h"
#include "lib/common/strings.h"
#include "lib/conf/units.h"

namespace alluxio::worker {
namespace {

namespace fs = std::filesystem;

// Alluxio's name for the folder of blocks being written (alluxio.worker.data.tmp.folder).
constexpr std::string_view kTmpFolder = ".tmp_blocks";
constexpr std::string_view kLog = "worker";

StatusCode CodeForErrno(int err) {
  switch (err) {
    case ENOENT:
      return StatusCode::kNotFound;
    case ENOSPC:
    case EDQUOT:
      return StatusCode::kResourceExhausted;
    case EACCES:
    case EPERM:
    case EROFS:
      return StatusCode::kPermissionDenied;
    default:
      return StatusCode::kUnknown;
  }
}

// "<what> <path>: <strerror>".
Status ErrnoStatus(int err, std::string_view what, std::string_view path) {
  return Status(CodeForErrno(err),
                StrCat(what, " ", path, ": ", std::generic_category().message(err)));
}

// A committed block's file name is its decimal id.
bool ParseBlockFileName(std::string_view name, int64_t* id) {
  if (name.empty()) return false;
  for (char c : name) {
    if (c < '0' || c > '9') return false;
  }
  return ParseInt64(name, id);
}

Status WriteAll(int fd, std::string_view data, const std::string& path) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoStatus(errno, "cannot write block file", path);
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return Status::OK();
}

// Unlinks `path`; a missing file is fine (the goal is that it is gone).
Status UnlinkIfPresent(const std::string& path) {
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
    return ErrnoStatus(errno, "cannot delete block file", path);
  }
  return Status::OK();
}

Status CreateDirs(const std::string& path) {
  std::error_code ec;
  fs::create_directories(path, ec);
  if (ec) return ErrnoStatus(ec.value(), "cannot create tier directory", path);
  return Status::OK();
}

// Deletes everything inside `dir` (which stays). Returns how many entries were removed.
Result<int> EmptyDir(const std::string& dir) {
  std::error_code ec;
  int removed = 0;
  fs::directory_iterator it(dir, ec);
  if (ec) return ErrnoStatus(ec.value(), "cannot list", dir);
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    std::error_code remove_ec;
    fs::remove_all(it->path(), remove_ec);
    if (remove_ec) return ErrnoStatus(remove_ec.value(), "cannot delete", it->path().string());
    ++removed;
  }
  if (ec) return ErrnoStatus(ec.value(), "cannot list", dir);
  return removed;
}

void Bump(Counter* counter, int64_t n = 1) {
  if (counter != nullptr) counter->Inc(n);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// BlockReadHandle

BlockReadHandle::BlockReadHandle(BlockStore* store, int64_t block_id, std::string path,
                                 int64_t length, std::string tier_alias, int tier)
    : store_(store),
      block_id_(block_id),
      path_(std::move(path)),
      length_(length),
      tier_alias_(std::move(tier_alias)),
      tier_(tier) {}

BlockReadHandle::BlockReadHandle(BlockReadHandle&& other) noexcept
    : store_(std::exchange(other.store_, nullptr)),
      block_id_(other.block_id_),
      path_(std::move(other.path_)),
      length_(other.length_),
      tier_alias_(std::move(other.tier_alias_)),
      tier_(other.tier_) {}

BlockReadHandle& BlockReadHandle::operator=(BlockReadHandle&& other) noexcept {
  if (this != &other) {
    Release();
    store_ = std::exchange(other.store_, nullptr);
    block_id_ = other.block_id_;
    path_ = std::move(other.path_);
    length_ = other.length_;
    tier_alias_ = std::move(other.tier_alias_);
    tier_ = other.tier_;
  }
  return *this;
}

BlockReadHandle::~BlockReadHandle() { Release(); }

void BlockReadHandle::Release() {
  if (store_ != nullptr) std::exchange(store_, nullptr)->ReleaseRead(block_id_);
}

// ---------------------------------------------------------------------------------------------
// BlockWriter

BlockWriter::BlockWriter(BlockStore* store, int64_t block_id, int tier, std::string tier_alias,
                         std::string temp_path, UniqueFd fd, int64_t reserved)
    : store_(store),
      block_id_(block_id),
      tier_(tier),
      tier_alias_(std::move(tier_alias)),
      temp_path_(std::move(temp_path)),
      fd_(std::move(fd)),
      bytes_reserved_(reserved) {}

BlockWriter::~BlockWriter() { Abort(); }

Status BlockWriter::EnsureReserved(int64_t total_bytes) {
  if (done_) {
    return Status::FailedPrecondition(
        StrCat("Block ", block_id_, " was already committed or aborted"));
  }
  if (total_bytes <= bytes_reserved_) return Status::OK();
  int64_t extra = total_bytes - bytes_reserved_;
  RETURN_IF_ERROR(store_->GrowReservation(block_id_, extra));
  bytes_reserved_ += extra;
  return Status::OK();
}

Status BlockWriter::Append(std::string_view data) {
  RETURN_IF_ERROR(EnsureReserved(bytes_written_ + static_cast<int64_t>(data.size())));
  RETURN_IF_ERROR(WriteAll(fd_.get(), data, temp_path_));
  bytes_written_ += static_cast<int64_t>(data.size());
  return Status::OK();
}

Status BlockWriter::Reserve(int64_t bytes) {
  if (bytes < 0) return Status::InvalidArgument(StrCat("Cannot reserve ", bytes, " bytes"));
  return EnsureReserved(bytes_written_ + bytes);
}

Status BlockWriter::Advance(int64_t bytes) {
  if (bytes < 0) return Status::InvalidArgument(StrCat("Cannot advance by ", bytes, " bytes"));
  RETURN_IF_ERROR(EnsureReserved(bytes_written_ + bytes));
  bytes_written_ += bytes;
  return Status::OK();
}

Status BlockWriter::Commit() {
  if (done_) {
    return Status::FailedPrecondition(
        StrCat("Block ", block_id_, " was already committed or aborted"));
  }
  // The accounting must match what is on disk, whoever wrote through the fd.
  struct stat st;
  if (::fstat(fd_.get(), &st) != 0) {
    Status error = ErrnoStatus(errno, "cannot stat block file", temp_path_);
    Abort();
    return error;
  }
  if (st.st_size != bytes_written_) {
    Status error =
        Status::Internal(StrCat("Block ", block_id_, ": the file has ", st.st_size, " bytes but ",
                                bytes_written_, " were appended or advanced; aborting it"));
    Abort();
    return error;
  }
  done_ = true;
  fd_.Reset();
  return store_->CommitTemp(block_id_, bytes_written_, temp_path_);
}

void BlockWriter::Abort() {
  if (done_) return;
  done_ = true;
  fd_.Reset();
  store_->AbortTemp(block_id_, temp_path_);
}

// ---------------------------------------------------------------------------------------------
// BlockStore: construction, scan, wipe

BlockStore::BlockStore(BlockStoreOptions options, Clock* clock, Logger* logger,
                       MetricsRegistry* metrics)
    : clock_(clock), logger_(logger) {
  for (size_t t = 0; t < options.tiers.size(); ++t) {
    Tier tier;
    tier.alias = options.tiers[t].alias;
    for (const TierDir& spec : options.tiers[t].dirs) {
      Dir dir;
      dir.tier = static_cast<int>(t);
      dir.path = spec.path;
      dir.tmp_path = StrCat(spec.path, "/", kTmpFolder);
      dir.capacity = spec.quota_bytes;
      tier.dirs.push_back(static_cast<int>(dirs_.size()));
      dirs_.push_back(std::move(dir));
    }
    tiers_.push_back(std::move(tier));
  }
  annotator_ = NewBlockAnnotator(options.annotator, options.lrfu_step_factor,
                                 options.lrfu_attenuation_factor, clock_);
  if (metrics != nullptr) {
    blocks_evicted_ = metrics->GetCounter("Worker.BlocksEvicted");
    blocks_promoted_ = metrics->GetCounter("Worker.BlocksPromoted");
    blocks_removed_ = metrics->GetCounter("Worker.BlocksRemoved");
    blocks_cancelled_ = metrics->GetCounter("Worker.BlocksCancelled");
    blocks_accessed_ = metrics->GetCounter("Worker.BlocksAccessed");
    blocks_cached_gauge_ = metrics->RegisterGauge("Worker.BlocksCached", [this] {
      std::lock_guard<std::mutex> lock(mu_);
      return static_cast<double>(blocks_.size());
    });
    capacity_total_gauge_ = metrics->RegisterGauge("Worker.CapacityTotal", [this] {
      double sum = 0;
      for (const Dir& d : dirs_) sum += static_cast<double>(d.capacity);
      return sum;
    });
    capacity_used_gauge_ = metrics->RegisterGauge("Worker.CapacityUsed", [this] {
      std::lock_guard<std::mutex> lock(mu_);
      double sum = 0;
      for (const Dir& d : dirs_) sum += static_cast<double>(d.used);
      return sum;
    });
    capacity_free_gauge_ = metrics->RegisterGauge("Worker.CapacityFree", [this] {
      std::lock_guard<std::mutex> lock(mu_);
      double sum = 0;
      for (const Dir& d : dirs_)
        sum += static_cast<double>(std::max<int64_t>(0, d.capacity - d.used));
      return sum;
    });
  }
}

BlockStore::~BlockStore() {
  std::lock_guard<std::mutex> lock(mu_);
  // A writer or read handle outliving the store would call into freed memory.
  ALLUXIO_CHECK(temps_.empty());
  ALLUXIO_CHECK(open_readers_ == 0);
}

Result<std::unique_ptr<BlockStore>> BlockStore::Open(BlockStoreOptions options, Clock* clock,
                                                     Logger* logger, MetricsRegistry* metrics) {
  ALLUXIO_CHECK(clock != nullptr && logger != nullptr);
  RETURN_IF_ERROR(ValidateBlockStoreOptions(options));
  std::unique_ptr<BlockStore> store(new BlockStore(std::move(options), clock, logger, metrics));
  RETURN_IF_ERROR(store->Scan());
  return store;
}

Status BlockStore::Scan() {
  struct Found {
    int64_t id;
    int dir;
    int64_t length;
    int64_t mtime_ns;
  };
  std::vector<Found> found;
  std::unordered_map<int64_t, int> dir_of;  // first dir (highest tier) holding each id
  for (int d = 0; d < static_cast<int>(dirs_.size()); ++d) {
    const Dir& dir = dirs_[d];
    RETURN_IF_ERROR(CreateDirs(dir.path));
    RETURN_IF_ERROR(CreateDirs(dir.tmp_path));
    Result<int> temps = EmptyDir(dir.tmp_path);
    if (!temps.ok()) return temps.status().WithContext("cleaning up temporary blocks");
    if (*temps > 0) {
      logger_->Info(kLog, StrCat("Deleted ", *temps, " uncommitted block(s) in ", dir.tmp_path));
    }
    std::error_code ec;
    fs::directory_iterator it(dir.path, ec);
    if (ec) return ErrnoStatus(ec.value(), "cannot list tier directory", dir.path);
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      int64_t id = 0;
      if (!ParseBlockFileName(it->path().filename().string(), &id)) continue;
      std::string path = it->path().string();
      struct stat st;
      if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
      auto [first, inserted] = dir_of.emplace(id, d);
      if (!inserted) {
        // A move between file systems stopped after the copy: keep the higher tier's file.
        logger_->Warn(kLog, StrCat("Block ", id, " is in both ", dirs_[first->second].path, " and ",
                                   dir.path, "; deleting the copy in ", dir.path));
        RETURN_IF_ERROR(UnlinkIfPresent(path));
        continue;
      }
      int64_t mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 +
                         static_cast<int64_t>(st.st_mtim.tv_nsec);
      found.push_back({id, d, static_cast<int64_t>(st.st_size), mtime_ns});
    }
    if (ec) return ErrnoStatus(ec.value(), "cannot list tier directory", dir.path);
  }
  // The oldest files are the coldest until they are read again.
  std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
    return std::tie(a.mtime_ns, a.id) < std::tie(b.mtime_ns, b.id);
  });
  std::lock_guard<std::mutex> lock(mu_);
  for (const Found& f : found) {
    Block block;
    block.dir = f.dir;
    block.length = f.length;
    blocks_.emplace(f.id, block);
    dirs_[f.dir].used += f.length;
    annotator_->RecordAccess(f.id);
  }
  for (const Dir& dir : dirs_) {
    if (dir.used > dir.capacity) {
      logger_->Warn(kLog, StrCat("Tier directory ", dir.path, " holds ", dir.used,
                                 " bytes of blocks, over its quota of ", dir.capacity,
                                 " bytes; nothing new fits until blocks are evicted"));
    }
  }
  logger_->Info(kLog, StrCat("Block store opened with ", blocks_.size(), " block(s) in ",
                             dirs_.size(), " dir(s) over ", tiers_.size(), " tier(s)"));
  return Status::OK();
}

Status BlockStore::Wipe(const BlockStoreOptions& options) {
  for (const TierSpec& tier : options.tiers) {
    for (const TierDir& dir : tier.dirs) {
      std::error_code ec;
      if (!fs::exists(dir.path, ec)) continue;
      std::string tmp = StrCat(dir.path, "/", kTmpFolder);
      fs::remove_all(tmp, ec);
      if (ec) return ErrnoStatus(ec.value(), "cannot delete", tmp);
      fs::directory_iterator it(dir.path, ec);
      if (ec) return ErrnoStatus(ec.value(), "cannot list tier directory", dir.path);
      for (; it != fs::directory_iterator(); it.increment(ec)) {
        int64_t id = 0;
        if (!ParseBlockFileName(it->path().filename().string(), &id)) continue;
        RETURN_IF_ERROR(UnlinkIfPresent(it->path().string()));
      }
      if (ec) return ErrnoStatus(ec.value(), "cannot list tier directory", dir.path);
    }
  }
  return Status::OK();
}

// ---------------------------------------------------------------------------------------------
// Space: reservation and eviction

std::string BlockStore::BlockPath(int dir, int64_t block_id) const {
  return StrCat(dirs_[dir].path, "/", block_id);
}

std::string BlockStore::TempPath(int dir, int64_t block_id) const {
  return StrCat(dirs_[dir].tmp_path, "/", block_id);
}

int64_t BlockStore::FreeLocked(int dir) const { return dirs_[dir].capacity - dirs_[dir].used; }

bool BlockStore::EvictableLocked(int64_t block_id, const Block& block) const {
  return block.state == BlockState::kReady && block.readers == 0 &&
         pinned_files_.count(wire::FileIdOfBlock(block_id)) == 0;
}

Result<int> BlockStore::ReserveLocked(int64_t bytes, int64_t block_id, int first_tier,
                                      int last_tier, int only_dir, Plan* plan) {
  auto dirs_of = [&](int t) {
    if (only_dir >= 0) {
      return dirs_[only_dir].tier == t ? std::vector<int>{only_dir} : std::vector<int>{};
    }
    return tiers_[t].dirs;
  };
  // Without eviction: the first tier with room, and in it the dir with the most free space.
  for (int t = first_tier; t <= last_tier; ++t) {
    int best = -1;
    for (int d : dirs_of(t)) {
      if (FreeLocked(d) >= bytes && (best < 0 || FreeLocked(d) > FreeLocked(best))) best = d;
    }
    if (best >= 0) {
      dirs_[best].used += bytes;
      return best;
    }
  }
  // With eviction, trying the dirs that are closest to having room first.
  for (int t = first_tier; t <= last_tier; ++t) {
    std::vector<int> dirs = dirs_of(t);
    std::stable_sort(dirs.begin(), dirs.end(),
                     [this](int a, int b) { return FreeLocked(a) > FreeLocked(b); });
    for (int d : dirs) {
      if (EvictAndReserveLocked(d, bytes, plan)) return d;
    }
  }
  return ExhaustedLocked(block_id, bytes, first_tier, last_tier, only_dir);
}

bool BlockStore::EvictAndReserveLocked(int dir, int64_t bytes, Plan* plan) {
  Dir& d = dirs_[dir];
  if (d.capacity < bytes) return false;
  int64_t need = bytes - FreeLocked(dir);
  if (need <= 0) {
    d.used += bytes;
    return true;
  }
  std::vector<std::pair<int64_t, int64_t>> victims;  // id, length
  int64_t freed = 0;
  annotator_->ForEachColdestFirst([&](int64_t id) {
    auto it = blocks_.find(id);
    if (it == blocks_.end() || it->second.dir != dir || !EvictableLocked(id, it->second)) {
      return true;
    }
    victims.emplace_back(id, it->second.length);
    freed += it->second.length;
    return freed < need;
  });
  if (freed < need) return false;

  // Until the victims' files are gone their bytes stay counted, so reserve now only what is
  // free already; the rest is handed over (and any surplus released) after the evictions ran.
  // `used` therefore never exceeds the quota, even while files are being deleted.
  d.used += std::max<int64_t>(0, bytes - freed);
  if (freed > bytes) plan->excess.emplace_back(dir, freed - bytes);
  for (const auto& [id, length] : victims) blocks_[id].state = BlockState::kBusy;
  for (const auto& [id, length] : victims) {
    int to = -1;
    int next = d.tier + 1;
    if (next < num_tiers()) {
      // Evictions there are planned (and run) before this block's move.
      Result<int> room = ReserveLocked(length, id, next, next, -1, plan);
      if (room.ok()) to = *room;
    }
    plan->steps.push_back({id, dir, to, length});
  }
  return true;
}

Status BlockStore::ExhaustedLocked(int64_t block_id, int64_t bytes, int first_tier, int last_tier,
                                   int only_dir) const {
  std::string where =
      only_dir >= 0
          ? StrCat("dir ", dirs_[only_dir].path, " of tier ", tiers_[dirs_[only_dir].tier].alias)
      : first_tier == last_tier
          ? StrCat("tier ", tiers_[first_tier].alias)
          : StrCat("tiers ", tiers_[first_tier].alias, " to ", tiers_[last_tier].alias);
  std::string detail;
  for (int t = first_tier; t <= last_tier; ++t) {
    int64_t capacity = 0, used = 0, largest = 0;
    for (int d : tiers_[t].dirs) {
      if (only_dir >= 0 && d != only_dir) continue;
      capacity += dirs_[d].capacity;
      used += dirs_[d].used;
      largest = std::max(largest, dirs_[d].capacity);
    }
    detail += StrCat("; ", tiers_[t].alias, ": capacity ", capacity, " bytes, used ", used,
                     " bytes, largest dir ", largest, " bytes");
  }
  return Status::ResourceExhausted(
      StrCat("Cannot reserve ", bytes, " bytes (", conf::FormatBytes(bytes), ") for block ",
             block_id, " in ", where,
             ": no dir has that much free space and not enough blocks "
             "can be evicted (pinned blocks, blocks being read and blocks being written cannot "
             "be evicted)",
             detail));
}

Status BlockStore::MoveFile(int64_t block_id, int from_dir, int to_dir) {
  std::string src = BlockPath(from_dir, block_id);
  std::string dst = BlockPath(to_dir, block_id);
  if (::rename(src.c_str(), dst.c_str()) == 0) return Status::OK();
  if (errno != EXDEV) return ErrnoStatus(errno, "cannot move block file", src);
  // Another file system: copy under the target's temporary folder (a crash leaves only a temp
  // file, deleted at the next Open), rename into place, then drop the source.
  std::string tmp = TempPath(to_dir, block_id);
  std::error_code ec;
  fs::copy_file(src, tmp, fs::copy_options::overwrite_existing, ec);
  if (ec) {
    (void)UnlinkIfPresent(tmp);
    return ErrnoStatus(ec.value(), "cannot copy block file to", tmp);
  }
  if (::rename(tmp.c_str(), dst.c_str()) != 0) {
    Status error = ErrnoStatus(errno, "cannot move block file", tmp);
    (void)UnlinkIfPresent(tmp);
    return error;
  }
  Status unlinked = UnlinkIfPresent(src);
  if (!unlinked.ok()) logger_->Warn(kLog, unlinked.ToString());
  return Status::OK();
}

// Safe without mu_: every block a step touches is kBusy, which keeps LockBlock, RemoveBlock,
// MoveBlock and other evictions away from its file, and the space it frees or fills is already
// accounted for in the plan's reservations.
void BlockStore::RunPlan(const Plan& plan) {
  if (plan.steps.empty() && plan.excess.empty()) return;
  std::vector<bool> moved(plan.steps.size(), false);
  for (size_t i = 0; i < plan.steps.size(); ++i) {
    const Plan::Step& step = plan.steps[i];
    if (step.to_dir >= 0) {
      Status status = MoveFile(step.block_id, step.from_dir, step.to_dir);
      moved[i] = status.ok();
      if (!status.ok()) {
        logger_->Warn(kLog, StrCat("Evicting block ", step.block_id, ": ", status.ToString(),
                                   "; dropping it from the worker instead"));
      }
    }
    if (!moved[i]) {
      Status status = UnlinkIfPresent(BlockPath(step.from_dir, step.block_id));
      if (!status.ok()) logger_->Warn(kLog, StrCat("Evicting: ", status.ToString()));
    }
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (size_t i = 0; i < plan.steps.size(); ++i) {
      const Plan::Step& step = plan.steps[i];
      auto it = blocks_.find(step.block_id);
      ALLUXIO_CHECK(it != blocks_.end() && it->second.state == BlockState::kBusy);
      if (moved[i]) {
        it->second.dir = step.to_dir;
        it->second.state = BlockState::kReady;
        AddDeltaLocked(step.block_id, step.to_dir);
      } else {
        if (step.to_dir >= 0) dirs_[step.to_dir].used -= step.length;
        blocks_.erase(it);
        annotator_->Remove(step.block_id);
        RemoveDeltaLocked(step.block_id);
      }
    }
    for (const auto& [dir, bytes] : plan.excess) dirs_[dir].used -= bytes;
  }
  Bump(blocks_evicted_, static_cast<int64_t>(plan.steps.size()));
  logger_->Debug(kLog, StrCat("Evicted ", plan.steps.size(), " block(s)"));
  settled_.notify_all();
}

// ---------------------------------------------------------------------------------------------
// Writes

Result<std::unique_ptr<BlockWriter>> BlockStore::CreateBlock(int64_t block_id,
                                                             int64_t initial_bytes, int tier) {
  if (tier < 0 || tier >= num_tiers()) {
    return Status::InvalidArgument(
        StrCat("Tier ", tier, " does not exist; this worker has ", num_tiers(), " tier(s)"));
  }
  if (initial_bytes < 0) {
    return Status::InvalidArgument(StrCat("Cannot reserve ", initial_bytes, " bytes"));
  }
  Plan plan;
  int dir;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto committed = blocks_.find(block_id);
    if (committed != blocks_.end()) {
      return Status::AlreadyExists(
          committed->second.state == BlockState::kRemovePending
              ? StrCat("Block ", block_id, " is being removed (still being read)")
              : StrCat("Block ", block_id, " is already committed"));
    }
    if (temps_.count(block_id) > 0) {
      return Status::AlreadyExists(StrCat("Block ", block_id, " is already being written"));
    }
    ASSIGN_OR_RETURN(dir, ReserveLocked(initial_bytes, block_id, tier, num_tiers() - 1, -1, &plan));
    temps_[block_id] = TempBlock{dir, initial_bytes};
  }
  RunPlan(plan);
  std::string temp_path = TempPath(dir, block_id);
  int fd = ::open(temp_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    Status error = ErrnoStatus(errno, "cannot create block file", temp_path);
    std::lock_guard<std::mutex> lock(mu_);
    dirs_[dir].used -= temps_[block_id].reserved;
    temps_.erase(block_id);
    return error;
  }
  int t = dirs_[dir].tier;
  return std::unique_ptr<BlockWriter>(new BlockWriter(
      this, block_id, t, tiers_[t].alias, std::move(temp_path), UniqueFd(fd), initial_bytes));
}

Status BlockStore::GrowReservation(int64_t block_id, int64_t bytes) {
  Plan plan;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = temps_.find(block_id);
    ALLUXIO_CHECK(it != temps_.end());
    int dir = it->second.dir;
    int tier = dirs_[dir].tier;
    RETURN_IF_ERROR(ReserveLocked(bytes, block_id, tier, tier, dir, &plan).status());
    it->second.reserved += bytes;
  }
  RunPlan(plan);
  return Status::OK();
}

Status BlockStore::CommitTemp(int64_t block_id, int64_t length, const std::string& temp_path) {
  int dir;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = temps_.find(block_id);
    ALLUXIO_CHECK(it != temps_.end() && it->second.reserved >= length);
    dir = it->second.dir;
  }
  // Safe without mu_: while the id is in temps_, CreateBlock refuses it and nothing indexes a
  // committed block under it, so no one else uses the final path.
  std::string path = BlockPath(dir, block_id);
  if (::rename(temp_path.c_str(), path.c_str()) != 0) {
    Status error = ErrnoStatus(errno, "cannot commit block file", temp_path);
    AbortTemp(block_id, temp_path);
    return error;
  }
  std::lock_guard<std::mutex> lock(mu_);
  auto it = temps_.find(block_id);
  dirs_[dir].used -= it->second.reserved - length;
  temps_.erase(it);
  Block block;
  block.dir = dir;
  block.length = length;
  blocks_.emplace(block_id, block);
  annotator_->RecordAccess(block_id);
  AddDeltaLocked(block_id, dir);
  return Status::OK();
}

void BlockStore::AbortTemp(int64_t block_id, const std::string& temp_path) {
  Status unlinked = UnlinkIfPresent(temp_path);
  if (!unlinked.ok()) logger_->Warn(kLog, unlinked.ToString());
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = temps_.find(block_id);
    ALLUXIO_CHECK(it != temps_.end());
    dirs_[it->second.dir].used -= it->second.reserved;
    temps_.erase(it);
  }
  Bump(blocks_cancelled_);
}

// ---------------------------------------------------------------------------------------------
// Reads, removal, moves

Result<BlockReadHandle> BlockStore::LockBlock(int64_t block_id, bool wait_if_busy) {
  std::unique_lock<std::mutex> lock(mu_);
  auto settled = [&] {
    auto it = blocks_.find(block_id);
    return it == blocks_.end() || it->second.state != BlockState::kBusy;
  };
  if (!wait_if_busy && !settled()) {
    return Status::Unavailable(StrCat("Block ", block_id, " is being moved"));
  }
  settled_.wait(lock, settled);
  auto it = blocks_.find(block_id);
  if (it == blocks_.end() || it->second.state == BlockState::kRemovePending) {
    return Status::NotFound(StrCat("Block ", block_id, " is not in this worker's store"));
  }
  Block& block = it->second;
  ++block.readers;
  ++open_readers_;
  annotator_->RecordAccess(block_id);
  Bump(blocks_accessed_);
  int tier = dirs_[block.dir].tier;
  return BlockReadHandle(this, block_id, BlockPath(block.dir, block_id), block.length,
                         tiers_[tier].alias, tier);
}

void BlockStore::ReleaseRead(int64_t block_id) {
  std::unique_lock<std::mutex> lock(mu_);
  auto it = blocks_.find(block_id);
  ALLUXIO_CHECK(it != blocks_.end() && it->second.readers > 0);
  Block& block = it->second;
  --block.readers;
  --open_readers_;
  if (block.readers > 0 || block.state != BlockState::kRemovePending) return;
  block.state = BlockState::kBusy;
  int dir = block.dir;
  int64_t length = block.length;
  lock.unlock();
  Status deleted = DeleteBusyBlock(block_id, dir, length);
  if (!deleted.ok()) logger_->Warn(kLog, deleted.ToString());
}

Status BlockStore::DeleteBusyBlock(int64_t block_id, int dir, int64_t length) {
  // Safe without mu_: the entry is kBusy, so nothing else touches the file or reuses the id.
  Status deleted = UnlinkIfPresent(BlockPath(dir, block_id));
  {
    std::lock_guard<std::mutex> lock(mu_);
    blocks_.erase(block_id);
    dirs_[dir].used -= length;
  }
  settled_.notify_all();
  return deleted;
}

bool BlockStore::HasBlock(int64_t block_id) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = blocks_.find(block_id);
  return it != blocks_.end() && it->second.state != BlockState::kRemovePending;
}

Status BlockStore::RemoveBlock(int64_t block_id) {
  std::unique_lock<std::mutex> lock(mu_);
  settled_.wait(lock, [&] {
    auto it = blocks_.find(block_id);
    return it == blocks_.end() || it->second.state != BlockState::kBusy;
  });
  auto it = blocks_.find(block_id);
  if (it == blocks_.end() || it->second.state == BlockState::kRemovePending) {
    return Status::NotFound(StrCat("Block ", block_id, " is not in this worker's store"));
  }
  Block& block = it->second;
  annotator_->Remove(block_id);
  RemoveDeltaLocked(block_id);
  Bump(blocks_removed_);
  if (block.readers > 0) {
    block.state = BlockState::kRemovePending;  // the last ReleaseRead deletes it
    return Status::OK();
  }
  block.state = BlockState::kBusy;
  int dir = block.dir;
  int64_t length = block.length;
  lock.unlock();
  return DeleteBusyBlock(block_id, dir, length);
}

Status BlockStore::MoveBlock(int64_t block_id, int tier) {
  if (tier < 0 || tier >= num_tiers()) {
    return Status::InvalidArgument(
        StrCat("Tier ", tier, " does not exist; this worker has ", num_tiers(), " tier(s)"));
  }
  Plan plan;
  int from;
  int to;
  int64_t length;
  {
    std::unique_lock<std::mutex> lock(mu_);
    settled_.wait(lock, [&] {
      auto it = blocks_.find(block_id);
      return it == blocks_.end() || it->second.state != BlockState::kBusy;
    });
    auto it = blocks_.find(block_id);
    if (it == blocks_.end() || it->second.state == BlockState::kRemovePending) {
      return Status::NotFound(StrCat("Block ", block_id, " is not in this worker's store"));
    }
    Block& block = it->second;
    if (dirs_[block.dir].tier == tier) return Status::OK();
    if (block.readers > 0) {
      return Status::FailedPrecondition(
          StrCat("Block ", block_id, " is being read; it cannot move while a reader holds it"));
    }
    // Busy before reserving: the eviction below must not pick the block being moved.
    block.state = BlockState::kBusy;
    Result<int> room = ReserveLocked(block.length, block_id, tier, tier, -1, &plan);
    if (!room.ok()) {
      block.state = BlockState::kReady;
      lock.unlock();
      settled_.notify_all();
      return room.status();
    }
    from = block.dir;
    to = *room;
    length = block.length;
  }
  RunPlan(plan);
  Status moved = MoveFile(block_id, from, to);
  {
    std::lock_guard<std::mutex> lock(mu_);
    Block& block = blocks_[block_id];
    if (moved.ok()) {
      block.dir = to;
      dirs_[from].used -= length;
      AddDeltaLocked(block_id, to);
    } else {
      dirs_[to].used -= length;
    }
    block.state = BlockState::kReady;
  }
  settled_.notify_all();
  if (moved.ok() && tier < dirs_[from].tier) Bump(blocks_promoted_);
  return moved;
}

void BlockStore::SetPinnedFiles(std::unordered_set<int64_t> file_ids) {
  std::lock_guard<std::mutex> lock(mu_);
  pinned_files_ = std::move(file_ids);
}

// ---------------------------------------------------------------------------------------------
// Reports and deltas

std::vector<wire::TierUsage> BlockStore::Usage() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<wire::TierUsage> usage;
  for (const Tier& tier : tiers_) {
    wire::TierUsage u;
    u.alias = tier.alias;
    for (int d : tier.dirs) {
      u.capacity_bytes += dirs_[d].capacity;
      u.used_bytes += dirs_[d].used;
    }
    usage.push_back(std::move(u));
  }
  return usage;
}

std::map<std::string, std::vector<int64_t>> BlockStore::AllBlocks() const {
  std::map<std::string, std::vector<int64_t>> all;
  for (const Tier& tier : tiers_) all[tier.alias];
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& [id, block] : blocks_) {
    if (block.state == BlockState::kRemovePending) continue;
    all[tiers_[dirs_[block.dir].tier].alias].push_back(id);
  }
  for (auto& [alias, ids] : all) std::sort(ids.begin(), ids.end());
  return all;
}

void BlockStore::AddDeltaLocked(int64_t block_id, int dir) {
  removed_.erase(block_id);
  added_[block_id] = dirs_[dir].tier;
}

void BlockStore::RemoveDeltaLocked(int64_t block_id) {
  added_.erase(block_id);
  removed_.insert(block_id);
}

BlockStore::Deltas BlockStore::TakeDeltas() {
  Deltas deltas;
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& [id, tier] : added_) deltas.added[tiers_[tier].alias].push_back(id);
  deltas.removed.assign(removed_.begin(), removed_.end());
  added_.clear();
  removed_.clear();
  return deltas;
}

void BlockStore::RestoreDeltas(Deltas deltas) {
  std::lock_guard<std::mutex> lock(mu_);
  // A change recorded since the take is newer than the restored one for the same block.
  auto newer = [this](int64_t id) { return added_.count(id) > 0 || removed_.count(id) > 0; };
  for (const auto& [alias, ids] : deltas.added) {
    auto tier =
        std::find_if(tiers_.begin(), tiers_.end(), [&](const Tier& t) { return t.alias == alias; });
    if (tier == tiers_.end()) continue;
    for (int64_t id : ids) {
      if (!newer(id)) added_[id] = static_cast<int>(tier - tiers_.begin());
    }
  }
  for (int64_t id : deltas.removed) {
    if (!newer(id)) removed_.insert(id);
  }
}

}  // namespace alluxio::worker
