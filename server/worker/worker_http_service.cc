#include "server/worker/worker_http_service.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "lib/common/strings.h"
#include "lib/net/standard_routes.h"
#include "lib/ufs/local_ufs.h"
#include "lib/wire/block_id.h"
#include "lib/wire/error_body.h"
#include "lib/wire/fs_json.h"
#include "lib/wire/fs_types.h"
#include "lib/wire/worker_json.h"

namespace alluxio::worker {
namespace {

using nlohmann::json;

constexpr size_t kChunk = 1 << 20;
// A reader further ahead of the running fetch than this reads the UFS itself instead of
// waiting for the fetch to get there.
constexpr int64_t kFetchWindow = 16 << 20;

void Reply(net::HttpResponse& res, const json& body) {
  res.Set(200, "application/json", body.dump(-1, ' ', false, json::error_handler_t::replace));
}

Result<int64_t> IntParam(const net::HttpRequest& req, std::string_view name,
                         std::optional<int64_t> fallback) {
  auto v = req.Query(name);
  if (!v) {
    if (fallback) return *fallback;
    return Status::InvalidArgument(StrCat("Missing query parameter \"", name, "\""));
  }
  int64_t out;
  if (!ParseInt64(*v, &out)) {
    return Status::InvalidArgument(
        StrCat("Query parameter \"", name, "\" must be an integer, got \"", *v, "\""));
  }
  return out;
}

Result<int64_t> IdParam(const net::HttpRequest& req, const char* name) {
  auto it = req.params.find(name);
  int64_t out;
  if (it == req.params.end() || !ParseInt64(it->second, &out)) {
    return Status::InvalidArgument(
        StrCat("Malformed ", name, " \"", it == req.params.end() ? "" : it->second, "\""));
  }
  return out;
}

Status CheckRange(int64_t block_id, int64_t offset, int64_t length, int64_t block_length) {
  if (offset < 0 || length < -1 || offset > block_length) {
    return Status::OutOfRange(StrCat("Range offset ", offset, " length ", length,
                                     " is outside block ", block_id, " of ", block_length,
                                     " bytes"));
  }
  return Status::OK();
}

// ---- Reads ----------------------------------------------------------------------------------

// Streams a block range that is not (yet) cached: from the shared fetch while it is ahead of or
// near us, else (or once it fails) straight from the UFS.
class MissReader {
 public:
  MissReader(std::shared_ptr<BlockFetch> fetch, std::shared_ptr<ufs::UnderFileSystem> ufs,
             std::string ufs_path, int64_t block_start, int64_t pos, int64_t end)
      : fetch_(std::move(fetch)),
        ufs_(std::move(ufs)),
        ufs_path_(std::move(ufs_path)),
        block_start_(block_start),
        pos_(pos),
        end_(end) {}

  // Next piece into `buf` (at most kChunk); 0 at the end of the range.
  Result<size_t> Next(char* buf) {
    if (pos_ >= end_) return size_t{0};
    size_t want = static_cast<size_t>(std::min<int64_t>(kChunk, end_ - pos_));
    size_t got = 0;
    if (fetch_ && !direct_ && pos_ <= fetch_->progress() + kFetchWindow) {
      ASSIGN_OR_RETURN(got, fetch_->ReadAt(pos_, buf, want));
    }
    if (got == 0) {
      if (!direct_) {
        ASSIGN_OR_RETURN(direct_, ufs_->Open(ufs_path_, {block_start_ + pos_, end_ - pos_}));
      }
      ASSIGN_OR_RETURN(got, direct_->Read(buf, want));
      if (got == 0) {
        return Status::DataLoss(StrCat("UFS file ", ufs_path_, " ended at ", block_start_ + pos_,
                                       " bytes, before the ", block_start_ + end_,
                                       " the master knows of (changed behind Alluxio's back? "
                                       "run `alluxio fs loadMetadata -F`)"));
      }
    }
    pos_ += static_cast<int64_t>(got);
    return got;
  }

 private:
  std::shared_ptr<BlockFetch> fetch_;
  std::shared_ptr<ufs::UnderFileSystem> ufs_;
  std::string ufs_path_;
  int64_t block_start_;
  int64_t pos_;
  int64_t end_;
  std::unique_ptr<ufs::UfsInputStream> direct_;
};

void HandleRead(const WorkerServices& s, net::HttpRequest& req, net::HttpResponse& res) {
  auto fail = [&](const Status& st) { net::SetErrorResponse(res, st); };
  auto block_id = IdParam(req, "blockId");
  if (!block_id.ok()) return fail(block_id.status());
  auto offset = IntParam(req, "offset", 0);
  auto length = IntParam(req, "length", -1);
  if (!offset.ok()) return fail(offset.status());
  if (!length.ok()) return fail(length.status());
  wire::ReadType read_type = wire::ReadType::kCache;
  if (auto rt = req.Query("readType")) {
    auto parsed = wire::ParseReadType(*rt);
    if (!parsed) {
      return fail(Status::InvalidArgument("Unknown readType \"" + *rt +
                                          "\"; expected NO_CACHE, CACHE or CACHE_PROMOTE"));
    }
    read_type = *parsed;
  }
  res.headers.Set("Content-Type", "application/octet-stream");
  if (s.metrics) s.metrics->GetCounter("Worker.BlockReadRequests")->Inc();

  auto handle = s.store->LockBlock(*block_id);
  if (handle.ok() && read_type == wire::ReadType::kCachePromote && handle->tier() != 0) {
    handle = Status::Aborted("promoting");  // release the read lock before moving
    Status moved = s.store->MoveBlock(*block_id, 0);
    if (!moved.ok()) s.logger->Debug("worker", "Promotion failed: " + moved.ToString());
    handle = s.store->LockBlock(*block_id);
  }
  if (handle.ok()) {
    Status st = CheckRange(*block_id, *offset, *length, handle->length());
    if (!st.ok()) return fail(st);
    int64_t n =
        *length < 0 ? handle->length() - *offset : std::min(*length, handle->length() - *offset);
    int fd = ::open(handle->path().c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      return fail(
          Status::Internal(StrCat("Opening cached block ", *block_id, ": ", std::strerror(errno))));
    }
    res.headers.Set("X-Alluxio-Block-Source", "cache");
    res.headers.Set("X-Alluxio-Tier", handle->tier_alias());
    res.file = net::FileBody{UniqueFd(fd), *offset, n,
                             std::make_shared<BlockReadHandle>(std::move(*handle))};
    return;
  }
  if (handle.status().code() != StatusCode::kNotFound) return fail(handle.status());

  auto ufs_path = req.Query("ufsPath");
  if (!ufs_path || ufs_path->empty()) {
    return fail(Status::NotFound(StrCat("Block ", *block_id,
                                        " is not cached on this worker and the request names no "
                                        "UFS path to read it from")));
  }
  auto mount_id = IntParam(req, "mountId", std::nullopt);
  auto block_start = IntParam(req, "blockStart", std::nullopt);
  auto block_length = IntParam(req, "blockLength", std::nullopt);
  for (const auto* r : {&mount_id, &block_start, &block_length}) {
    if (!r->ok()) return fail(r->status());
  }
  Status st = CheckRange(*block_id, *offset, *length, *block_length);
  if (!st.ok()) return fail(st);
  auto ufs = s.ufs->Get(*mount_id, *ufs_path);
  if (!ufs.ok()) return fail(ufs.status());
  int64_t n = *length < 0 ? *block_length - *offset : std::min(*length, *block_length - *offset);
  std::shared_ptr<BlockFetch> fetch;
  if (read_type != wire::ReadType::kNoCache && *block_length > 0) {
    fetch = s.fetcher->GetOrStart(
        FetchRequest{*block_id, *ufs, *ufs_path, *block_start, *block_length});
  }
  auto reader =
      std::make_shared<MissReader>(fetch, *ufs, *ufs_path, *block_start, *offset, *offset + n);
  // Read the first piece before answering, so a UFS that is down gets a proper error status
  // instead of a truncated body.
  auto first = std::make_shared<std::vector<char>>(kChunk);
  auto got = reader->Next(first->data());
  if (!got.ok())
    return fail(got.status().WithContext(StrCat("Reading block ", *block_id, " from ", *ufs_path)));
  first->resize(*got);
  res.headers.Set("X-Alluxio-Block-Source", "ufs");
  res.headers.Set("Content-Length", std::to_string(n));
  Counter* ufs_bytes = s.metrics ? s.metrics->GetCounter("Worker.BytesReadFromUfsPath") : nullptr;
  res.stream = [reader, first, ufs_bytes](net::BodyWriter& w) -> Status {
    RETURN_IF_ERROR(w.Write(std::string_view(first->data(), first->size())));
    std::vector<char> buf(kChunk);
    for (;;) {
      ASSIGN_OR_RETURN(size_t got, reader->Next(buf.data()));
      if (got == 0) return Status::OK();
      if (ufs_bytes) ufs_bytes->Inc(static_cast<int64_t>(got));
      RETURN_IF_ERROR(w.Write(std::string_view(buf.data(), got)));
    }
  };
}

// Short-circuit: where a block's bytes are, for a client on this host that reads them itself.
// A cached block: its tier file (counts as an access for eviction). An uncached one, when the
// request names its UFS copy as a miss read does (ufsPath, mountId, blockStart, blockLength):
//  - in a local UFS, the UFS file itself, with the block's offset in it, answered at once; with
//    a caching read type the block is fetched into the store in the background (joining a
//    fetch already running), in the kernel. The client reads the same bytes from the page
//    cache, so a cold read costs it what `cat` costs, and the cache fills alongside.
//  - in another UFS, NOT_FOUND: the client reads over the data route, which streams the range
//    while the one shared fetch caches the block (its first bytes come at once, not after the
//    whole block).
// NOT_FOUND too when no UFS is named; DATA_LOSS when the local UFS file is shorter than the
// block. The client then reads over the data route (or fails, for DATA_LOSS).
void HandleLocal(const WorkerServices& s, net::HttpRequest& req, net::HttpResponse& res) {
  auto fail = [&](const Status& st) { net::SetErrorResponse(res, st); };
  // Only for a client on this host: the path means nothing elsewhere.
  if (!req.FromSameHost()) {
    return fail(Status::PermissionDenied(
        "Short-circuit reads are for clients on the worker's host; read over this port instead"));
  }
  auto block_id = IdParam(req, "blockId");
  if (!block_id.ok()) return fail(block_id.status());
  auto handle = s.store->LockBlock(*block_id);
  if (!handle.ok() && handle.status().code() == StatusCode::kNotFound) {
    auto ufs_path = req.Query("ufsPath");
    auto read_type = wire::ParseReadType(req.Query("readType").value_or("CACHE"));
    if (!ufs_path || ufs_path->empty() || !read_type) return fail(handle.status());
    auto mount_id = IntParam(req, "mountId", std::nullopt);
    auto block_start = IntParam(req, "blockStart", std::nullopt);
    auto block_length = IntParam(req, "blockLength", std::nullopt);
    for (const auto* r : {&mount_id, &block_start, &block_length}) {
      if (!r->ok()) return fail(r->status());
    }
    if (*block_start < 0 || *block_length <= 0) {
      return fail(Status::InvalidArgument(
          StrCat("Bad block range ", *block_start, " + ", *block_length, " of block ", *block_id)));
    }
    auto ufs = s.ufs->Get(*mount_id, *ufs_path);
    if (!ufs.ok()) return fail(ufs.status());
    const bool local_ufs = (*ufs)->scheme() == "file";
    std::string local_path;
    struct stat st {};
    if (local_ufs) {  // checked before fetching: a file that no longer fits is not fetched
      auto local = ufs::LocalUfs::ToLocalPath(*ufs_path);
      if (!local.ok()) return fail(local.status());
      local_path = *std::move(local);
      if (::stat(local_path.c_str(), &st) != 0) {
        return fail(Status::NotFound(StrCat("UFS file ", *ufs_path, " of block ", *block_id,
                                            " is gone: ", std::strerror(errno))));
      }
      if (!S_ISREG(st.st_mode)) {
        return fail(Status::FailedPrecondition(
            StrCat("UFS path ", *ufs_path, " of block ", *block_id, " is not a regular file")));
      }
      if (st.st_size < *block_start + *block_length) {
        return fail(Status::DataLoss(
            StrCat("UFS file ", *ufs_path, " has ", st.st_size, " bytes; block ", *block_id,
                   " ends at ", *block_start + *block_length,
                   " (changed behind Alluxio's back? run `alluxio fs loadMetadata -F`)")));
      }
    }
    if (local_ufs) {
      if (*read_type != wire::ReadType::kNoCache) {
        // Joins a fetch already running; none when there is no room (the read goes on).
        (void)s.fetcher->GetOrStart(
            FetchRequest{*block_id, *ufs, *ufs_path, *block_start, *block_length, local_ufs});
      }
      if (s.metrics) s.metrics->GetCounter("Worker.BlocksReadLocalUfs")->Inc();
      return Reply(res, json{{"path", local_path},
                             {"offset", *block_start},
                             {"length", *block_length},
                             {"device", static_cast<uint64_t>(st.st_dev)},
                             {"inode", static_cast<uint64_t>(st.st_ino)}});
    }
    // Another UFS: the client reads over the data route, which streams the range as the fetch
    // fills the block file. Waiting here for the whole block would hold back the first byte of a
    // small read (a Parquet footer) until the full block arrived.
    return fail(Status::NotFound(
        StrCat("Block ", *block_id, " is not cached: read it over the data route")));
  }
  if (!handle.ok()) return fail(handle.status());
  struct stat st {};
  if (::stat(handle->path().c_str(), &st) != 0) {
    return fail(Status::NotFound(StrCat("Block ", *block_id, " has no file")));
  }
  if (s.metrics) s.metrics->GetCounter("Worker.BlocksReadLocal")->Inc();
  // Device and inode let the client check it opened this very file.
  Reply(res, json{{"path", handle->path()},
                  {"length", handle->length()},
                  {"tier", handle->tier_alias()},
                  {"device", static_cast<uint64_t>(st.st_dev)},
                  {"inode", static_cast<uint64_t>(st.st_ino)}});
}

// ---- Writes ---------------------------------------------------------------------------------

struct FileWrite {
  explicit FileWrite(const WorkerServices& services) : s(services) {}
  const WorkerServices& s;
  int64_t file_id = 0;
  int64_t block_size = 0;
  bool cache = true;
  std::unique_ptr<ufs::UfsOutputStream> ufs_out;
  std::unique_ptr<BlockWriter> block;
  std::vector<int64_t> committed;
  std::map<std::string, std::vector<int64_t>> by_tier;
  int64_t length = 0;
  int64_t expected = -1;  // Content-Length, when known

  Status Append(const char* data, size_t n) {
    if (ufs_out) RETURN_IF_ERROR(ufs_out->Write(std::string_view(data, n)));
    while (cache && n > 0) {
      if (!block) {
        int64_t index = static_cast<int64_t>(committed.size());
        int64_t reserve = block_size;
        if (expected >= 0) reserve = std::clamp<int64_t>(expected - length, 0, block_size);
        ASSIGN_OR_RETURN(block, s.store->CreateBlock(wire::BlockIdOf(file_id, index), reserve));
      }
      size_t room = static_cast<size_t>(block_size - block->bytes_written());
      size_t take = std::min(room, n);
      RETURN_IF_ERROR(block->Append(std::string_view(data, take)));
      data += take;
      n -= take;
      length += static_cast<int64_t>(take);
      if (block->bytes_written() == block_size) RETURN_IF_ERROR(CommitBlock());
    }
    if (!cache) length += static_cast<int64_t>(n);
    return Status::OK();
  }

  Status CommitBlock() {
    int64_t id = wire::BlockIdOf(file_id, static_cast<int64_t>(committed.size()));
    std::string tier = block->tier_alias();
    RETURN_IF_ERROR(block->Commit());
    by_tier[tier].push_back(id);
    block.reset();
    committed.push_back(id);
    return Status::OK();
  }

  // Undoes everything: no block and no UFS file is left behind.
  void Abort() {
    if (block) block->Abort();
    block.reset();
    for (int64_t id : committed) (void)s.store->RemoveBlock(id);
    committed.clear();
    if (ufs_out) ufs_out->Cancel();
  }
};

Status DoWrite(const WorkerServices& s, net::HttpRequest& req, wire::WriteFileResponse* out) {
  ASSIGN_OR_RETURN(int64_t file_id, IdParam(req, "fileId"));
  ASSIGN_OR_RETURN(int64_t block_size, IntParam(req, "blockSize", std::nullopt));
  if (block_size <= 0) return Status::InvalidArgument("blockSize must be positive");
  std::string wt_name = req.Query("writeType").value_or("MUST_CACHE");
  auto wt = wire::ParseWriteType(wt_name);
  if (!wt) return Status::InvalidArgument("Unknown writeType \"" + wt_name + "\"");
  const bool through = *wt == wire::WriteType::kCacheThrough || *wt == wire::WriteType::kThrough;
  if (*wt == wire::WriteType::kAsyncThrough && s.pin_until_persisted) {
    s.pin_until_persisted(file_id);
  }
  FileWrite w(s);
  w.file_id = file_id;
  w.block_size = block_size;
  w.cache = *wt != wire::WriteType::kThrough;
  if (req.content_length) w.expected = static_cast<int64_t>(*req.content_length);
  std::shared_ptr<ufs::UnderFileSystem> ufs;
  std::string ufs_path = req.Query("ufsPath").value_or("");
  if (through) {
    if (ufs_path.empty()) return Status::InvalidArgument(wt_name + " needs a ufsPath");
    ASSIGN_OR_RETURN(int64_t mount_id, IntParam(req, "mountId", std::nullopt));
    ASSIGN_OR_RETURN(int64_t mode, IntParam(req, "mode", 0644));
    ASSIGN_OR_RETURN(ufs, s.ufs->Get(mount_id, ufs_path));
    ufs::CreateOptions co;
    co.mode = static_cast<int>(mode);
    ASSIGN_OR_RETURN(w.ufs_out, ufs->Create(ufs_path, co));
  }
  std::vector<char> buf(kChunk);
  Status st;
  for (;;) {
    auto n = req.body_stream->Read(buf.data(), buf.size());
    if (!n.ok()) {
      st = n.status().WithContext("Receiving file data");
      break;
    }
    if (*n == 0) break;
    st = w.Append(buf.data(), *n);
    if (!st.ok()) break;
  }
  if (st.ok() && w.expected >= 0 && w.length != w.expected) {
    st = Status::InvalidArgument(
        StrCat("Received ", w.length, " bytes of ", w.expected, " announced"));
  }
  if (st.ok() && w.block) st = w.CommitBlock();
  if (st.ok() && w.ufs_out) st = w.ufs_out->Close().WithContext("Writing " + ufs_path);
  if (!st.ok()) {
    w.Abort();
    return st;
  }
  out->length = w.length;
  out->block_ids = w.committed;
  out->blocks_by_tier = w.by_tier;
  if (s.info) out->worker_id = s.info().id;
  if (ufs) {
    auto status = ufs->GetStatus(ufs_path);
    if (status.ok()) out->ufs_fingerprint = status->content_hash;
  }
  return Status::OK();
}

// ---- Persist --------------------------------------------------------------------------------

Status DoPersist(const WorkerServices& s, const wire::PersistFileRequest& r,
                 wire::WriteFileResponse* out) {
  ASSIGN_OR_RETURN(auto ufs, s.ufs->Get(r.mount_id, r.ufs_path));
  int64_t blocks = (r.length + r.block_size - 1) / r.block_size;
  std::vector<BlockReadHandle> handles;
  for (int64_t i = 0; i < blocks; ++i) {
    int64_t id = wire::BlockIdOf(r.file_id, i);
    auto h = s.store->LockBlock(id);
    if (!h.ok()) {
      return Status::NotFound(
          StrCat("Cannot persist ", r.path, ": block ", id, " is not on this worker"));
    }
    handles.push_back(std::move(*h));
  }
  ufs::CreateOptions co;
  co.mode = r.mode;
  ASSIGN_OR_RETURN(auto outs, ufs->Create(r.ufs_path, co));
  std::vector<char> buf(kChunk);
  int64_t total = 0;
  for (const BlockReadHandle& h : handles) {
    UniqueFd fd(::open(h.path().c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd.valid()) {
      return Status::Internal(StrCat("Opening block ", h.block_id(), ": ", std::strerror(errno)));
    }
    for (;;) {
      ssize_t n = ::read(fd.get(), buf.data(), buf.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0)
        return Status::Internal(StrCat("Reading block ", h.block_id(), ": ", std::strerror(errno)));
      if (n == 0) break;
      RETURN_IF_ERROR(outs->Write(std::string_view(buf.data(), static_cast<size_t>(n))));
      total += n;
    }
  }
  if (total != r.length) {
    outs->Cancel();
    return Status::DataLoss(
        StrCat("Cached blocks of ", r.path, " hold ", total, " bytes, the file has ", r.length));
  }
  RETURN_IF_ERROR(outs->Close().WithContext("Persisting " + r.path + " to " + r.ufs_path));
  out->length = total;
  ASSIGN_OR_RETURN(ufs::UfsStatus st, ufs->GetStatus(r.ufs_path));
  out->ufs_fingerprint = st.content_hash;
  return Status::OK();
}

}  // namespace

void AddWorkerRoutes(net::Router& router, const WorkerServices& services) {
  const WorkerServices s = services;
  router.Add("GET", "/api/v1/worker/blocks/{blockId}",
             [s](net::HttpRequest& req, net::HttpResponse& res) { HandleRead(s, req, res); });
  // Short-circuit reads: a client on this host asks where a cached block's file is and reads
  // it itself (see HandleLocal).
  router.Add("GET", "/api/v1/worker/blocks/{blockId}/local",
             [s](net::HttpRequest& req, net::HttpResponse& res) { HandleLocal(s, req, res); });
  net::RouteOptions streamed;
  streamed.stream_request_body = true;
  router.Add(
      "PUT", "/api/v1/worker/files/{fileId}",
      [s](net::HttpRequest& req, net::HttpResponse& res) {
        wire::WriteFileResponse out;
        Status st = DoWrite(s, req, &out);
        if (!st.ok()) {
          net::SetErrorResponse(res, st);
          res.keep_alive = false;  // the rest of the body may still be in flight
          return;
        }
        Reply(res, json(out));
      },
      streamed);
  router.Add("POST", "/api/v1/worker/persist", [s](net::HttpRequest& req, net::HttpResponse& res) {
    auto j = wire::ParseJson(req.body);
    if (!j.ok()) return net::SetErrorResponse(res, j.status());
    auto r = wire::PersistFileRequestFromJson(*j);
    if (!r.ok()) return net::SetErrorResponse(res, r.status());
    wire::WriteFileResponse out;
    Status st = DoPersist(s, *r, &out);
    if (!st.ok()) return net::SetErrorResponse(res, st);
    Reply(res, json(out));
  });
  router.Add("GET", "/api/v1/worker/info",
             [s](net::HttpRequest&, net::HttpResponse& res) { Reply(res, json(s.info())); });
}

}  // namespace alluxio::worker
