#include "server/worker/block_fetcher.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include "lib/common/strings.h"

namespace alluxio::worker {
namespace {
// Bytes copied between progress updates: readers streaming the block wait for at most this
// much, and each copy is one system call for a local UFS.
constexpr size_t kChunk = 4 << 20;
}  // namespace

Status BlockFetch::Wait() {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] { return done_; });
  return failed_ ? error_ : Status::OK();
}

int64_t BlockFetch::progress() const {
  std::lock_guard<std::mutex> lock(mu_);
  return progress_;
}

Result<size_t> BlockFetch::ReadAt(int64_t offset, char* buf, size_t n) {
  int64_t want_end = std::min<int64_t>(offset + static_cast<int64_t>(n), length_);
  if (offset >= want_end) return size_t{0};
  int64_t available;
  {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return progress_ >= want_end || done_; });
    available = std::min(progress_, want_end);
    if (available <= offset) return size_t{0};  // failed before reaching us
  }
  size_t len = static_cast<size_t>(available - offset);
  size_t got = 0;
  while (got < len) {
    ssize_t r = ::pread(fd_.get(), buf + got, len - got, offset + static_cast<int64_t>(got));
    if (r < 0 && errno == EINTR) continue;
    if (r < 0)
      return Status::Internal(std::string("Reading a block being fetched: ") +
                              std::strerror(errno));
    if (r == 0) break;
    got += static_cast<size_t>(r);
  }
  return got;
}

BlockFetcher::BlockFetcher(BlockStore* store, Logger* logger, MetricsRegistry* metrics,
                           int max_background_fetches)
    : store_(store), logger_(logger), max_background_(std::max(1, max_background_fetches)) {
  if (metrics) {
    fetches_ = metrics->GetCounter("Worker.BlocksFetchedFromUfs");
    fetch_failures_ = metrics->GetCounter("Worker.BlockFetchFailures");
    bytes_from_ufs_ = metrics->GetCounter("Worker.BytesReadUfs");
  }
}

BlockFetcher::~BlockFetcher() { Stop(); }

void BlockFetcher::ReapLocked() {
  for (auto it = threads_.begin(); it != threads_.end();) {
    bool done;
    {
      std::lock_guard<std::mutex> lock(it->second->mu_);
      done = it->second->done_;
    }
    if (done) {
      it->first.join();
      it = threads_.erase(it);
    } else {
      ++it;
    }
  }
}

std::shared_ptr<BlockFetch> BlockFetcher::GetOrStart(const FetchRequest& request) {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    if (stopped_) return nullptr;
    ReapLocked();
    auto it = running_.find(request.block_id);
    if (it != running_.end()) {
      if (auto f = it->second.lock()) {
        std::lock_guard<std::mutex> flock(f->mu_);
        if (!f->done_ || !f->failed_) return f;
      }
      running_.erase(it);
    }
    if (!request.background || background_running_ < max_background_) break;
    background_slot_.wait(lock);  // then look again: another reader may have started it
  }
  // Creating the block reserves its space (evicting if needed); a failure means we cannot
  // cache it now: the reader goes to the UFS alone.
  auto writer = store_->CreateBlock(request.block_id, request.block_length);
  if (!writer.ok()) {
    logger_->Debug("worker", "Not caching block " + std::to_string(request.block_id) + ": " +
                                 writer.status().ToString());
    return nullptr;
  }
  // The writer's descriptor is write-only: reopen the same file for reading.
  std::string self = "/proc/self/fd/" + std::to_string((*writer)->fd());
  int dup = ::open(self.c_str(), O_RDONLY | O_CLOEXEC);
  if (dup < 0) return nullptr;  // the writer aborts on destruction
  auto fetch = std::shared_ptr<BlockFetch>(new BlockFetch(request.block_length));
  fetch->fd_ = UniqueFd(dup);
  running_[request.block_id] = fetch;
  if (request.background) ++background_running_;
  if (fetches_) fetches_->Inc();
  threads_.emplace_back(std::thread([this, fetch, request, w = std::move(*writer)]() mutable {
                          Run(fetch, request, std::move(w));
                        }),
                        fetch);
  return fetch;
}

void BlockFetcher::Run(std::shared_ptr<BlockFetch> fetch, FetchRequest request,
                       std::unique_ptr<BlockWriter> writer) {
  // 10 above the worker's own nice value (at most 19). Raising one's own nice value needs no
  // privilege; failing to is harmless.
  if (request.background) {
    const id_t self = static_cast<id_t>(::gettid());
    errno = 0;
    int nice = ::getpriority(PRIO_PROCESS, self);
    if (errno == 0) (void)::setpriority(PRIO_PROCESS, self, std::min(nice + 10, 19));
  }
  Status st;
  auto in = request.ufs->Open(request.ufs_path, {request.block_start, request.block_length});
  if (!in.ok()) st = in.status();
  int64_t done = 0;
  while (st.ok() && done < request.block_length) {
    {
      std::lock_guard<std::mutex> lock(fetch->mu_);
      if (fetch->cancel_) {
        st = Status::Cancelled("Worker stopping");
        break;
      }
    }
    size_t want = static_cast<size_t>(std::min<int64_t>(kChunk, request.block_length - done));
    // Space for the whole block was reserved by CreateBlock; Advance only accounts.
    auto n = (*in)->CopyTo(writer->fd(), want);
    if (!n.ok()) {
      st = n.status();
      break;
    }
    if (*n == 0) {
      st = Status::DataLoss(StrCat("UFS file ", request.ufs_path, " ended after ",
                                   request.block_start + done, " bytes; expected block ",
                                   request.block_id, " to end at ",
                                   request.block_start + request.block_length,
                                   " (changed in the UFS? run loadMetadata or a sync)"));
      break;
    }
    st = writer->Advance(static_cast<int64_t>(*n));
    if (!st.ok()) break;
    done += static_cast<int64_t>(*n);
    if (bytes_from_ufs_) bytes_from_ufs_->Inc(static_cast<int64_t>(*n));
    {
      std::lock_guard<std::mutex> lock(fetch->mu_);
      fetch->progress_ = done;
    }
    fetch->cv_.notify_all();
  }
  if (st.ok()) st = writer->Commit();
  if (!st.ok()) {
    writer->Abort();
    if (fetch_failures_) fetch_failures_->Inc();
    logger_->Warn("worker", StrCat("Caching block ", request.block_id, " of ", request.ufs_path,
                                   " failed: ", st.ToString()));
  }
  // Before done_: ReapLocked joins done threads while holding mu_.
  if (request.background) {
    std::lock_guard<std::mutex> lock(mu_);
    --background_running_;
  }
  background_slot_.notify_all();
  {
    std::lock_guard<std::mutex> lock(fetch->mu_);
    fetch->done_ = true;
    fetch->failed_ = !st.ok();
    fetch->error_ = st;
  }
  fetch->cv_.notify_all();
}

void BlockFetcher::Stop() {
  std::list<std::pair<std::thread, std::shared_ptr<BlockFetch>>> threads;
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopped_ = true;
    threads.swap(threads_);
  }
  background_slot_.notify_all();
  for (auto& [t, f] : threads) {
    {
      std::lock_guard<std::mutex> lock(f->mu_);
      f->cancel_ = true;
    }
  }
  for (auto& [t, f] : threads) t.join();
}

}  // namespace alluxio::worker
