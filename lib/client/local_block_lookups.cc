#include "lib/client/local_block_lookups.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <optional>

#include "lib/client/native_streams.h"
#include "lib/common/logging.h"

namespace alluxio::client {
namespace {

// The file behind `fd` as a path, when that path still names this very file.
std::string PathOf(int fd, const struct stat& st) {
  char buf[4096];
  std::string link = StrCat("/proc/self/fd/", fd);
  ssize_t n = ::readlink(link.c_str(), buf, sizeof(buf));
  if (n <= 0 || static_cast<size_t>(n) >= sizeof(buf)) return "";
  std::string path(buf, static_cast<size_t>(n));
  struct stat again {};
  if (::lstat(path.c_str(), &again) != 0 || !S_ISREG(again.st_mode) || again.st_dev != st.st_dev ||
      again.st_ino != st.st_ino) {
    return "";  // unlinked (" (deleted)") or replaced since
  }
  return path;
}

}  // namespace

LocalBlockLookups::LocalBlockLookups(const Clock* clock, int64_t reuse_ms)
    : clock_(clock != nullptr ? clock : &system_clock_), reuse_ms_(reuse_ms) {}

std::string LocalBlockLookups::Key(const wire::WorkerNetAddress& worker, int64_t block_id) {
  return StrCat(worker.host, ":", worker.rpc_port, "/", block_id);
}

UniqueFd LocalBlockLookups::OpenRemembered(const wire::WorkerNetAddress& worker,
                                           const wire::FileBlockInfo& block) {
  const std::string key = Key(worker, block.block_info.block_id);
  const int64_t now = clock_->MonotonicMs();
  std::optional<Entry> known;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = entries_.find(key);
    if (it == entries_.end()) return UniqueFd();
    if (now - it->second.stored_ms >= reuse_ms_) {
      entries_.erase(it);
      return UniqueFd();
    }
    known = it->second;
  }
  // The same checks as a fresh lookup: no symlink, no FIFO, the same file, the block's size.
  UniqueFd fd(::open(known->path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK));
  struct stat st {};
  if (fd.valid() && ::fstat(fd.get(), &st) == 0 && S_ISREG(st.st_mode) &&
      st.st_size == block.block_info.length && static_cast<uint64_t>(st.st_dev) == known->device &&
      static_cast<uint64_t>(st.st_ino) == known->inode) {
    std::lock_guard<std::mutex> lock(mu_);
    ++reused_;
    return fd;
  }
  std::lock_guard<std::mutex> lock(mu_);
  entries_.erase(key);
  return UniqueFd();
}

UniqueFd LocalBlockLookups::Open(net::HttpClient& http, const std::string& short_circuit_host,
                                 const wire::WorkerNetAddress& worker,
                                 const wire::FileBlockInfo& block) {
  if (UniqueFd fd = OpenRemembered(worker, block); fd.valid()) return fd;
  const int64_t now = clock_->MonotonicMs();
  UniqueFd fd = OpenLocalBlockFile(http, short_circuit_host, worker, block);
  if (!fd.valid()) return fd;
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return fd;
  std::string path = PathOf(fd.get(), st);
  if (path.empty()) return fd;
  std::lock_guard<std::mutex> lock(mu_);
  if (entries_.size() >= kMaxEntries) entries_.clear();  // rare; lookups are cheap to redo
  entries_[Key(worker, block.block_info.block_id)] = Entry{
      std::move(path), static_cast<uint64_t>(st.st_dev), static_cast<uint64_t>(st.st_ino), now};
  return fd;
}

size_t LocalBlockLookups::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return entries_.size();
}

int64_t LocalBlockLookups::reused() const {
  std::lock_guard<std::mutex> lock(mu_);
  return reused_;
}

}  // namespace alluxio::client
