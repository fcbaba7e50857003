#include "lib/client/native_streams.h"

#include <fcntl.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <thread>

#include "lib/client/native_file_system.h"
#include "lib/common/logging.h"
#include "lib/common/strings.h"
#include "lib/common/unique_fd.h"
#include "lib/wire/error_body.h"
#include "lib/wire/fs_json.h"
#include "lib/wire/worker_json.h"

namespace alluxio::client {
namespace {

using nlohmann::json;

// ---- Reading --------------------------------------------------------------------------------

// A block range read straight from a worker's tier file (short-circuit). The descriptor keeps
// the data readable even if the worker evicts or moves the block meanwhile.
class LocalBlockReader final : public net::ResponseStream {
 public:
  LocalBlockReader(UniqueFd fd, int64_t offset, int64_t end)
      : fd_(std::move(fd)), offset_(offset), end_(end) {}
  int status() const override { return 200; }
  const net::Headers& headers() const override { return headers_; }
  std::optional<uint64_t> content_length() const override {
    return static_cast<uint64_t>(end_ - offset_);
  }
  Result<size_t> Read(char* buf, size_t n) override {
    size_t want = static_cast<size_t>(std::min<int64_t>(static_cast<int64_t>(n), end_ - offset_));
    if (want == 0) return size_t{0};
    for (;;) {
      ssize_t r = ::pread(fd_.get(), buf, want, offset_);
      if (r < 0 && errno == EINTR) continue;
      if (r < 0) {
        return Status::Unavailable(StrCat("Reading a local block file: ", std::strerror(errno)));
      }
      offset_ += r;
      return static_cast<size_t>(r);  // 0: the file is shorter than announced
    }
  }
  // sendfile(2) of up to `n` bytes to `out_fd`; nullopt when the kernel cannot (then the caller
  // copies through a buffer), else the bytes sent (0 at the end of the region).
  std::optional<Result<size_t>> SendTo(int out_fd, size_t n) {
    size_t want = static_cast<size_t>(std::min<int64_t>(static_cast<int64_t>(n), end_ - offset_));
    if (want == 0) return Result<size_t>(size_t{0});
    for (;;) {
      off_t off = offset_;
      ssize_t r = ::sendfile(out_fd, fd_.get(), &off, want);
      if (r < 0 && errno == EINTR) continue;
      if (r < 0 && (errno == EINVAL || errno == ENOSYS || errno == EAGAIN)) return std::nullopt;
      if (r < 0) {
        return Result<size_t>(
            Status::Unavailable(StrCat("Writing failed: ", std::strerror(errno))));
      }
      offset_ += r;
      return Result<size_t>(static_cast<size_t>(r));
    }
  }

 private:
  UniqueFd fd_;
  int64_t offset_;
  const int64_t end_;
  net::Headers headers_;
};

// This machine's host name, or "".
std::string MachineHostName() {
  char name[256] = {};
  if (::gethostname(name, sizeof(name) - 1) != 0) return "";
  return name;
}

// Whether `worker` runs on this host (`short_circuit_host`, or this machine's host name); never
// when `short_circuit_host` is empty (short-circuit off).
bool OnThisHost(const std::string& short_circuit_host, const wire::WorkerNetAddress& worker) {
  if (short_circuit_host.empty()) return false;
  return worker.host == short_circuit_host || worker.host == MachineHostName();
}

// A file on this host holding a block's bytes from `offset` on: its tier file (offset 0) or,
// for a block of a local UFS not cached yet, the UFS file itself.
struct LocalBlockFile {
  UniqueFd fd;
  int64_t offset = 0;
};

// Asks the worker (on this host) where the bytes of `block` are (`query`: "" or "?..." with
// what an uncached block needs to be fetched) and opens that file, verified as the very file
// the worker names: a regular file (no symlink; O_NONBLOCK keeps open from waiting on a FIFO),
// the same device and inode, exactly the block's size for a tier file, at least `offset` plus
// the block's length for a UFS file. The worker's error when it refuses (DATA_LOSS: the UFS
// file no longer matches the block), FAILED_PRECONDITION when its answer does not check out.
Result<LocalBlockFile> RequestLocalBlockFile(net::HttpClient& http,
                                             const wire::WorkerNetAddress& worker,
                                             const wire::FileBlockInfo& block,
                                             const std::string& query) {
  net::ClientRequest req;
  req.target = StrCat("/api/v1/worker/blocks/", block.block_info.block_id, "/local", query);
  ASSIGN_OR_RETURN(net::ClientResponse res,
                   http.Send(worker.host, worker.rpc_port, req, 64 * 1024));
  if (res.status != 200) return wire::StatusFromHttp(res.status, res.body);
  const Status unusable = Status::FailedPrecondition(
      StrCat("The worker's file for block ", block.block_info.block_id, " does not check out"));
  auto j = wire::ParseJson(res.body);
  if (!j.ok() || !j->is_object() || !j->contains("path") || !(*j)["path"].is_string()) {
    return unusable;
  }
  int64_t length = j->value("length", int64_t{-1});
  if (length != block.block_info.length) return unusable;
  const bool in_ufs_file = j->contains("offset");
  LocalBlockFile out;
  out.offset = j->value("offset", int64_t{0});
  std::string path = (*j)["path"].get<std::string>();
  out.fd = UniqueFd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK));
  if (!out.fd.valid()) return unusable;
  struct stat st {};
  if (::fstat(out.fd.get(), &st) != 0 || !S_ISREG(st.st_mode) || out.offset < 0 ||
      (in_ufs_file ? st.st_size < out.offset + length : st.st_size != length) ||
      static_cast<uint64_t>(st.st_dev) != j->value("device", uint64_t{0}) ||
      static_cast<uint64_t>(st.st_ino) != j->value("inode", uint64_t{0})) {
    return unusable;
  }
  return out;
}

class NativeFileInStream final : public FileInStream {
 public:
  NativeFileInStream(const DataPath& data, wire::FileInfo info, wire::ReadType read_type)
      : data_(data), info_(std::move(info)), read_type_(read_type) {}

  int64_t length() const override { return info_.length; }
  int64_t position() const override { return pos_; }

  Result<size_t> ReadToFd(int fd, size_t n) override {
    if (stream_ && local_stream_ && n > 0 && pos_ < stream_end_) {
      auto* local = static_cast<LocalBlockReader*>(stream_.get());
      size_t want =
          static_cast<size_t>(std::min<int64_t>(static_cast<int64_t>(n), stream_end_ - pos_));
      if (auto sent = local->SendTo(fd, want)) {
        if (!sent->ok()) return sent->status();
        if (**sent > 0) {
          pos_ += static_cast<int64_t>(**sent);
          if (pos_ >= stream_end_) stream_.reset();  // next block
          return **sent;
        }
      }
    }
    // Opens the next block (short-circuit when it can) and copies the first piece; over HTTP,
    // copies through one buffer kept for the stream (a fresh zeroed 1 MiB per call cost more
    // than the copies themselves).
    if (n == 0) return size_t{0};
    if (!copy_buffer_) copy_buffer_ = std::make_unique<char[]>(kCopyBuffer);
    ASSIGN_OR_RETURN(size_t got, Read(copy_buffer_.get(), std::min(n, kCopyBuffer)));
    for (size_t done = 0; done < got;) {
      ssize_t w = ::write(fd, copy_buffer_.get() + done, got - done);
      if (w < 0 && errno == EINTR) continue;
      if (w < 0) return Status::Unavailable(StrCat("Writing failed: ", std::strerror(errno)));
      done += static_cast<size_t>(w);
    }
    return got;
  }

  Status Seek(int64_t pos) override {
    if (pos < 0 || pos > info_.length) {
      return Status::OutOfRange(
          StrCat("Seek to ", pos, " is outside ", info_.path, " of ", info_.length, " bytes"));
    }
    if (pos != pos_) stream_.reset();
    pos_ = pos;
    return Status::OK();
  }

  Result<size_t> Read(char* buf, size_t n) override {
    if (pos_ >= info_.length || n == 0) return size_t{0};
    std::set<std::string> failed;
    Status last;
    for (int attempt = 0; attempt < data_.max_attempts; ++attempt) {
      if (!stream_) {
        const size_t failed_before = failed.size();
        Status st = OpenAt(pos_, failed);
        if (!st.ok()) {
          if (failed.size() > failed_before) {  // that worker failed: try another one
            last = st;
            continue;
          }
          // No worker left to pick (keep the error that excluded the last one), or an error
          // no other worker would change.
          if (last.ok()) last = st;
          break;
        }
      }
      size_t want =
          static_cast<size_t>(std::min<int64_t>(static_cast<int64_t>(n), stream_end_ - pos_));
      auto got = stream_->Read(buf, want);
      if (got.ok() && *got > 0) {
        pos_ += static_cast<int64_t>(*got);
        if (pos_ >= stream_end_) stream_.reset();  // next block
        return *got;
      }
      // The worker went away or cut the body short: try the range on another worker.
      last = got.ok() ? Status::Unavailable(StrCat("Worker ", stream_worker_,
                                                   " ended the block early at offset ", pos_))
                      : got.status();
      if (local_stream_) {
        // A tier file that failed us says nothing about the worker: read over HTTP instead.
        short_circuit_failed_ = true;
        stream_.reset();
        continue;
      }
      failed.insert(stream_worker_);
      stream_.reset();
      data_.picker->Invalidate();
    }
    if (failed.empty()) {  // not a worker's fault (e.g. the data is lost)
      return Status(last.code(), StrCat("Reading ", info_.path, " at offset ", pos_,
                                        " failed: ", last.message()));
    }
    return Status(last.code(), StrCat("Reading ", info_.path, " at offset ", pos_, " failed on ",
                                      failed.size(), " worker(s): ", last.message()));
  }

 private:
  // Opens a response stream for the rest of the block holding `pos`.
  Status OpenAt(int64_t pos, std::set<std::string>& failed) {
    const wire::FileBlockInfo* block = nullptr;
    for (const auto& b : info_.file_block_infos) {
      if (pos >= b.offset && pos < b.offset + b.block_info.length) {
        block = &b;
        break;
      }
    }
    if (!block) {
      return Status::Internal(StrCat("No block of ", info_.path, " covers offset ", pos));
    }
    const int64_t id = block->block_info.block_id;
    ASSIGN_OR_RETURN(wire::WorkerNetAddress worker,
                     data_.picker->Pick(id, block->block_info.locations, failed));
    std::string key = WorkerPicker::Key(worker);
    int64_t in_block = pos - block->offset;
    local_stream_ = false;
    if (!short_circuit_failed_) {
      ASSIGN_OR_RETURN(local_stream_, TryShortCircuit(worker, *block, in_block));
    }
    if (local_stream_) {
      stream_worker_ = key;
      stream_end_ = block->offset + block->block_info.length;
      return Status::OK();
    }
    std::string target = StrCat("/api/v1/worker/blocks/", id, "?offset=", in_block,
                                "&length=", block->block_info.length - in_block,
                                "&readType=", wire::ReadTypeName(read_type_));
    if (info_.persisted && !info_.ufs_path.empty()) {
      target += StrCat("&ufsPath=", net::PercentEncode(info_.ufs_path), "&mountId=", info_.mount_id,
                       "&blockStart=", block->offset, "&blockLength=", block->block_info.length);
    }
    net::ClientRequest req;
    req.target = target;
    auto res = data_.http->Open(worker.host, worker.rpc_port, req);
    if (!res.ok()) {
      failed.insert(key);
      return res.status();
    }
    if ((*res)->status() != 200) {
      auto body = net::ReadAll(**res, 64 * 1024);
      Status st = wire::StatusFromHttp((*res)->status(), body.ok() ? *body : "");
      if (st.code() == StatusCode::kNotFound && !info_.persisted) {
        return Status::NotFound(StrCat("Block ", id, " of ", info_.path,
                                       " is not cached on any worker and the file is not "
                                       "persisted: its data is lost (",
                                       st.message(), ")"));
      }
      failed.insert(key);
      return st;
    }
    stream_ = std::move(*res);
    stream_worker_ = key;
    stream_end_ = block->offset + block->block_info.length;
    return Status::OK();
  }

  // Opens the block's tier file when `worker` runs on this host and holds the block; false
  // (and the caller reads over HTTP) when anything is off. CACHE_PROMOTE reads go over HTTP so
  // the worker promotes.
  //
  // A block of a persisted file that the worker does not list, read with CACHE or NO_CACHE:
  // the worker names a file to read it from, the UFS file itself for a local UFS (caching the
  // block in the background with CACHE), else the tier file once it has fetched the block.
  // Either way the bytes reach this process's output with sendfile. When the worker cannot (no
  // room, UFS error, NO_CACHE on a remote UFS, the worker is gone) this stream reads that
  // worker's misses over HTTP, which also serves the bytes while they are fetched; DATA_LOSS
  // (the UFS file no longer matches the block) fails the read, as HTTP would.
  Result<bool> TryShortCircuit(const wire::WorkerNetAddress& worker,
                               const wire::FileBlockInfo& block, int64_t in_block) {
    if (read_type_ == wire::ReadType::kCachePromote) return false;
    LocalBlockFile file;
    file.fd = OpenLocalBlockFile(*data_.http, data_.short_circuit_host, worker, block);
    const std::string key = WorkerPicker::Key(worker);
    if (!file.fd.valid() && info_.persisted && !info_.ufs_path.empty() &&
        cold_short_circuit_failed_.count(key) == 0 &&
        OnThisHost(data_.short_circuit_host, worker)) {
      auto cold = RequestLocalBlockFile(
          *data_.http, worker, block,
          StrCat("?ufsPath=", net::PercentEncode(info_.ufs_path), "&mountId=", info_.mount_id,
                 "&blockStart=", block.offset, "&blockLength=", block.block_info.length,
                 "&readType=", wire::ReadTypeName(read_type_)));
      if (cold.ok()) {
        file = std::move(*cold);
      } else if (cold.status().code() == StatusCode::kDataLoss) {
        return cold.status();
      } else {
        cold_short_circuit_failed_.insert(key);
      }
    }
    if (!file.fd.valid()) return false;
    stream_ = std::make_unique<LocalBlockReader>(std::move(file.fd), file.offset + in_block,
                                                 file.offset + block.block_info.length);
    return true;
  }

  static constexpr size_t kCopyBuffer = 1 << 20;

  DataPath data_;
  wire::FileInfo info_;
  wire::ReadType read_type_;
  int64_t pos_ = 0;
  std::unique_ptr<char[]> copy_buffer_;  // ReadToFd's, allocated on first use
  std::unique_ptr<net::ResponseStream> stream_;
  bool local_stream_ = false;          // stream_ reads a tier file (short-circuit)
  bool short_circuit_failed_ = false;  // a tier file failed once: HTTP from then on
  // Workers whose fetch for a short-circuit read failed once (or that did not answer): this
  // stream reads its misses from them over HTTP.
  std::set<std::string> cold_short_circuit_failed_;
  std::string stream_worker_;
  int64_t stream_end_ = 0;
};

// ---- Writing --------------------------------------------------------------------------------

// A bounded queue of chunks between Write() and the thread sending the request body.
class ChunkPipe {
 public:
  // Blocks while the pipe is full. False when the reader side has gone.
  bool Push(std::string chunk) {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return bytes_ < kMaxBytes || reader_gone_; });
    if (reader_gone_) return false;
    bytes_ += chunk.size();
    chunks_.push_back(std::move(chunk));
    cv_.notify_all();
    return true;
  }
  void Finish(bool abort) {
    std::lock_guard<std::mutex> lock(mu_);
    finished_ = true;
    aborted_ = abort;
    cv_.notify_all();
  }
  void ReaderGone() {
    std::lock_guard<std::mutex> lock(mu_);
    reader_gone_ = true;
    cv_.notify_all();
  }
  // Whether the reader has taken any byte yet (if not, the body can still go to another worker).
  bool AnyPulled() {
    std::lock_guard<std::mutex> lock(mu_);
    return pulled_ > 0;
  }
  // The body source: pulls bytes, 0 at the end.
  Result<size_t> Pull(char* buf, size_t n) {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return !chunks_.empty() || finished_; });
    if (aborted_) return Status::Cancelled("Write cancelled");
    if (chunks_.empty()) return size_t{0};
    std::string& front = chunks_.front();
    size_t take = std::min(n, front.size() - front_off_);
    std::memcpy(buf, front.data() + front_off_, take);
    front_off_ += take;
    bytes_ -= take;
    pulled_ += take;
    if (front_off_ == front.size()) {
      chunks_.pop_front();
      front_off_ = 0;
    }
    cv_.notify_all();
    return take;
  }

 private:
  static constexpr size_t kMaxBytes = 8 << 20;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::string> chunks_;
  size_t front_off_ = 0;
  size_t bytes_ = 0;
  uint64_t pulled_ = 0;
  bool finished_ = false;
  bool aborted_ = false;
  bool reader_gone_ = false;
};

class NativeFileOutStream final : public FileOutStream {
 public:
  NativeFileOutStream(const DataPath& data, wire::FileInfo info, wire::WriteType write_type)
      : data_(data), info_(std::move(info)), write_type_(write_type) {}

  ~NativeFileOutStream() override {
    if (!closed_) Cancel();
  }

  Status Write(std::string_view data) override {
    if (closed_) return Status::FailedPrecondition("Write after close of " + info_.path);
    if (!error_.ok()) return error_;
    if (data.empty()) return Status::OK();
    if (!started_) {
      started_ = true;
      error_ = StartSender();
      if (!error_.ok()) return error_;
    }
    // Coalesce small writes into 1 MiB chunks.
    buffer_.append(data);
    written_ += static_cast<int64_t>(data.size());
    if (buffer_.size() >= (1 << 20)) error_ = Flush();
    return error_;
  }

  Status Close() override {
    if (closed_) return error_;
    if (!error_.ok()) {
      Cancel();
      return error_;
    }
    if (started_) {
      error_ = Flush();
      if (error_.ok()) {
        pipe_.Finish(false);
        JoinSender();
        error_ = send_status_;
      }
    }
    closed_ = true;
    if (!error_.ok()) {
      DeleteIncomplete();
      return error_;
    }
    error_ = data_.fs
                 ->CompleteFile(info_.path, written_, write_type_, written_to_.worker_id,
                                written_to_.blocks_by_tier)
                 .status();
    return error_;
  }

  void Cancel() override {
    if (closed_) return;
    closed_ = true;
    pipe_.Finish(true);
    JoinSender();
    DeleteIncomplete();
  }

  int64_t bytes_written() const override { return written_; }

 private:
  void JoinSender() {
    if (sender_.joinable()) sender_.join();
  }

  // Hands the buffered bytes to the sender. On failure the sender has ended (joined) and the
  // status says why.
  Status Flush() {
    if (buffer_.empty()) return Status::OK();
    bool pushed = pipe_.Push(std::move(buffer_));
    buffer_.clear();
    if (pushed) return Status::OK();
    pipe_.Finish(true);
    JoinSender();
    return send_status_.ok() ? Status::Unavailable("The worker stopped receiving " + info_.path)
                             : send_status_;
  }

  Status StartSender() {
    // The first pick here, so that "no worker at all" fails the first Write directly.
    ASSIGN_OR_RETURN(wire::WorkerNetAddress first,
                     data_.picker->Pick(info_.file_id, {}, std::set<std::string>{}));
    std::string target =
        StrCat("/api/v1/worker/files/", info_.file_id, "?blockSize=", info_.block_size_bytes,
               "&writeType=", wire::WriteTypeName(write_type_), "&mode=", info_.mode);
    if (!info_.ufs_path.empty()) {
      target +=
          StrCat("&ufsPath=", net::PercentEncode(info_.ufs_path), "&mountId=", info_.mount_id);
    }
    sender_ = std::thread([this, first, target] {
      net::ClientRequest req;
      req.method = "PUT";
      req.target = target;
      req.headers.Set("Content-Type", "application/octet-stream");
      req.body_source = [this](char* buf, size_t n) { return pipe_.Pull(buf, n); };
      std::set<std::string> failed;
      wire::WorkerNetAddress worker = first;
      for (int attempt = 1;; ++attempt) {
        auto res = data_.http->Send(worker.host, worker.rpc_port, req, 1 << 20);
        if (res.ok()) {
          send_status_ =
              res->status == 200 ? Status::OK() : wire::StatusFromHttp(res->status, res->body);
          if (send_status_.ok()) {
            auto j = wire::ParseJson(res->body);
            if (j.ok()) {
              auto written = wire::WriteFileResponseFromJson(*j);
              if (written.ok()) written_to_ = std::move(*written);
            }
          }
          break;
        }
        send_status_ = res.status().WithContext("Writing " + info_.path + " to worker " +
                                                WorkerPicker::Key(worker));
        // A worker that died (still listed until the master notices) fails before it took a
        // byte of the body: the whole body can still go to another worker.
        if (pipe_.AnyPulled() || attempt >= data_.max_attempts) break;
        failed.insert(WorkerPicker::Key(worker));
        data_.picker->Invalidate();
        auto next = data_.picker->Pick(info_.file_id, {}, failed);
        if (!next.ok()) break;
        worker = *next;
      }
      pipe_.ReaderGone();
    });
    return Status::OK();
  }

  void DeleteIncomplete() {
    wire::DeleteOptions del;
    del.alluxio_only = true;
    (void)data_.fs->Delete(info_.path, del);
  }

  DataPath data_;
  wire::FileInfo info_;
  wire::WriteType write_type_;
  ChunkPipe pipe_;
  std::thread sender_;
  bool started_ = false;
  Status send_status_;
  wire::WriteFileResponse written_to_;  // written by sender_ before it ends; read after join  //
                                        // written by sender_ before it ends; read after join
  std::string buffer_;
  int64_t written_ = 0;
  bool closed_ = false;
  Status error_;
};

}  // namespace

// Shared by reads and by servers sending blocks (see native_streams.h).
UniqueFd OpenLocalBlockFile(net::HttpClient& http, const std::string& short_circuit_host,
                            const wire::WorkerNetAddress& worker,
                            const wire::FileBlockInfo& block) {
  if (!OnThisHost(short_circuit_host, worker)) return UniqueFd();
  bool listed = false;
  for (const auto& loc : block.block_info.locations) {
    if (loc.worker_address.host == worker.host && loc.worker_address.rpc_port == worker.rpc_port) {
      listed = true;
    }
  }
  if (!listed) return UniqueFd();
  auto file = RequestLocalBlockFile(http, worker, block, "");
  if (!file.ok() || file->offset != 0) return UniqueFd();
  return std::move(file->fd);
}

std::unique_ptr<FileInStream> NewFileInStream(const DataPath& data, wire::FileInfo info,
                                              wire::ReadType read_type) {
  return std::make_unique<NativeFileInStream>(data, std::move(info), read_type);
}

std::unique_ptr<FileOutStream> NewFileOutStream(const DataPath& data, wire::FileInfo info,
                                                wire::WriteType write_type) {
  return std::make_unique<NativeFileOutStream>(data, std::move(info), write_type);
}

}  // namespace alluxio::client
