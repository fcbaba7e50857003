#include "lib/client/rest_file_system.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "lib/common/logging.h"
#include "lib/common/strings.h"
#include "lib/wire/error_body.h"
#include "lib/wire/fs_json.h"
#include "lib/wire/worker_json.h"

namespace alluxio::client {
namespace {

using nlohmann::json;

constexpr size_t kWriteChunk = 1 << 20;

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

Result<json> ParseBody(const std::string& body, std::string_view what) {
  auto j = wire::ParseJson(body);
  if (!j.ok()) {
    return Status::Internal(StrCat("The proxy answered ", what,
                                   " with a body that is not JSON: ", j.status().message()));
  }
  return std::move(*j);
}

Result<int64_t> ParseStreamId(const std::string& body) {
  ASSIGN_OR_RETURN(json j, ParseBody(body, "a stream request"));
  if (!j.is_number_integer()) {
    return Status::Internal("The proxy answered a stream request without a stream id: " + body);
  }
  return j.get<int64_t>();
}

// A stream opened with open-file. Reads pull one streamed response per position: the first
// Read opens `streams/{id}/read?offset=N` and later Reads continue that body; Seek drops it.
std::string EncodedPath(const std::string& path) {
  std::string p = path.empty() ? "/" : path;
  if (p[0] != '/') p = "/" + p;
  return net::PercentEncode(p, "/");
}

class RestInStream final : public FileInStream {
 public:
  RestInStream(RestFileSystem* fs, int64_t id, int64_t length)
      : fs_(fs), id_(id), length_(length) {}
  ~RestInStream() override {
    body_.reset();
    // Frees the proxy's stream now instead of after its idle timeout; failures do not matter.
    (void)fs_->Request("POST", StrCat("/api/v1/streams/", id_, "/close"));
  }

  Result<size_t> Read(char* buf, size_t n) override {
    RETURN_IF_ERROR(fs_->CheckInterrupted());
    if (pos_ >= length_ || n == 0) return size_t{0};
    if (!body_) {
      ASSIGN_OR_RETURN(
          body_, fs_->OpenRequest("POST", StrCat("/api/v1/streams/", id_, "/read?offset=", pos_)));
      // Our proxy answers with the rest of the file from `offset`; one that ignored the
      // offset (a 2.x Java proxy) would hand out the wrong bytes.
      auto announced = body_->content_length();
      if (announced && static_cast<int64_t>(*announced) != length_ - pos_) {
        body_.reset();
        return Status::Unimplemented(StrCat(
            "The proxy did not read stream ", id_, " from byte ", pos_, " (it sent ", *announced,
            " bytes, not ", length_ - pos_, "): it cannot seek; read the file from its start"));
      }
    }
    auto read = body_->Read(buf, n);
    if (!read.ok()) {
      body_.reset();  // the connection is broken: the next Read asks again from pos_
      return read.status();
    }
    size_t got = *read;
    if (got == 0) {
      body_.reset();
      return Status::Unavailable(StrCat("The proxy ended stream ", id_, " at byte ", pos_, " of ",
                                        length_, "; read again to retry"));
    }
    pos_ += static_cast<int64_t>(got);
    return got;
  }

  Status Seek(int64_t pos) override {
    if (pos < 0 || pos > length_) {
      return Status::OutOfRange(
          StrCat("Seek position ", pos, " is outside the file (length ", length_, ")"));
    }
    if (pos != pos_) body_.reset();
    pos_ = pos;
    return Status::OK();
  }
  int64_t position() const override { return pos_; }
  int64_t length() const override { return length_; }

 private:
  RestFileSystem* fs_;
  const int64_t id_;
  const int64_t length_;
  int64_t pos_ = 0;
  std::unique_ptr<net::ResponseStream> body_;
};

// A stream opened with create-file: bytes are sent in chunks of kWriteChunk, Close completes the
// file.
class RestOutStream final : public FileOutStream {
 public:
  RestOutStream(RestFileSystem* fs, int64_t id, std::string path)
      : fs_(fs), id_(id), path_(std::move(path)) {}
  ~RestOutStream() override = default;

  Status Write(std::string_view data) override {
    if (closed_) return Status::FailedPrecondition("The stream is closed");
    RETURN_IF_ERROR(fs_->CheckInterrupted());
    buffer_.append(data);
    written_ += static_cast<int64_t>(data.size());
    if (buffer_.size() >= kWriteChunk) return Flush();
    return Status::OK();
  }
  Status Close() override {
    if (closed_) return Status::OK();
    RETURN_IF_ERROR(Flush());
    closed_ = true;
    return fs_->Request("POST", StrCat("/api/v1/streams/", id_, "/close")).status();
  }
  // REST v1 cannot abort a stream: the incomplete file is deleted so that neither a retry
  // finds it in the way nor a proxy's idle sweep completes it with part of the data.
  void Cancel() override {
    if (closed_) return;
    closed_ = true;
    buffer_.clear();
    wire::DeleteOptions options;
    options.unchecked = true;
    // Straight to the proxy: an interrupted copy still removes what it began.
    (void)fs_->Request("POST", StrCat("/api/v1/paths/", EncodedPath(path_), "/delete"),
                       Dump(json(options)));
  }
  int64_t bytes_written() const override { return written_; }

 private:
  Status Flush() {
    if (buffer_.empty()) return Status::OK();
    std::string chunk;
    chunk.swap(buffer_);
    ASSIGN_OR_RETURN(std::string body,
                     fs_->Request("POST", StrCat("/api/v1/streams/", id_, "/write"),
                                  std::move(chunk), fs_->options().data_timeout_ms));
    (void)body;  // the byte count the proxy took
    return Status::OK();
  }

  RestFileSystem* fs_;
  const int64_t id_;
  const std::string path_;
  std::string buffer_;
  int64_t written_ = 0;
  bool closed_ = false;
};

}  // namespace

Result<RestOptions> RestOptionsFromConfiguration(const conf::Configuration& conf) {
  RestOptions o;
  ASSIGN_OR_RETURN(o.host, conf.GetString("alluxio.proxy.hostname"));
  ASSIGN_OR_RETURN(int64_t port, conf.GetInt("alluxio.proxy.web.port"));
  o.port = static_cast<int>(port);
  ASSIGN_OR_RETURN(o.timeout_ms, conf.GetDurationMs("alluxio.user.network.timeout"));
  return o;
}

Status ApplyProxyAddress(std::string_view address, RestOptions* options) {
  if (address.empty()) return Status::InvalidArgument("The proxy address is empty: use host:port");
  if (address.front() == '[') {  // [v6]:port or [v6]
    size_t close = address.find(']');
    std::string_view rest = close == std::string_view::npos ? "" : address.substr(close + 1);
    int64_t port = 0;
    if (close == std::string_view::npos || close == 1 ||
        (!rest.empty() && (rest.front() != ':' || !ParseInt64(rest.substr(1), &port) || port <= 0 ||
                           port > 65535))) {
      return Status::InvalidArgument(StrCat("Invalid proxy address \"", address,
                                            "\": expected [ipv6]:port, e.g. [::1]:39999"));
    }
    options->host = std::string(address.substr(1, close - 1));
    if (!rest.empty()) options->port = static_cast<int>(port);
    return Status::OK();
  }
  size_t colon = address.rfind(':');
  if (colon == std::string_view::npos || address.find(':') != colon) {
    options->host = std::string(address);  // a host name, or a bare IPv6 address
    return Status::OK();
  }
  int64_t port = 0;
  if (colon == 0 || !ParseInt64(address.substr(colon + 1), &port) || port <= 0 || port > 65535) {
    return Status::InvalidArgument(StrCat("Invalid proxy address \"", address,
                                          "\": expected host:port, e.g. localhost:39999"));
  }
  options->host = std::string(address.substr(0, colon));
  options->port = static_cast<int>(port);
  return Status::OK();
}

RestFileSystem::RestFileSystem(RestOptions options)
    : options_(std::move(options)), http_([&] {
        net::HttpClientOptions h;
        h.io_timeout_ms = options_.timeout_ms;
        h.connect_timeout_ms = std::min<int64_t>(options_.timeout_ms, 5'000);
        h.max_retries = 1;
        return h;
      }()) {}

RestFileSystem::~RestFileSystem() = default;

std::string RestFileSystem::address() const { return StrCat(options_.host, ":", options_.port); }

Status RestFileSystem::Unreachable(const Status& st) const {
  return Status(st.code(),
                StrCat("Cannot reach the Alluxio proxy at ", address(), ": ", st.message(),
                       ". Is `alluxio proxy` (or `alluxio local`) running there? "
                       "Use --proxy host:port or alluxio.proxy.hostname / "
                       "alluxio.proxy.web.port."));
}

Result<std::string> RestFileSystem::Request(const std::string& method, const std::string& target,
                                            std::string body, int64_t timeout_ms) {
  net::ClientRequest req;
  req.method = method;
  req.target = target;
  if (!body.empty()) req.headers.Set("Content-Type", "application/json");
  req.body = std::move(body);
  req.timeout_ms = timeout_ms;
  auto res = http_.Send(options_.host, options_.port, req);
  if (!res.ok()) return Unreachable(res.status());
  RETURN_IF_ERROR(wire::StatusFromHttp(res->status, res->body));
  return std::move(res->body);
}

Status RestFileSystem::CheckInterrupted() const {
  if (options_.interrupted && options_.interrupted()) {
    return Status::Cancelled("Interrupted (Ctrl-C)");
  }
  return Status::OK();
}

Result<std::unique_ptr<net::ResponseStream>> RestFileSystem::OpenRequest(
    const std::string& method, const std::string& target) {
  RETURN_IF_ERROR(CheckInterrupted());
  net::ClientRequest req;
  req.method = method;
  req.target = target;
  req.timeout_ms = options_.data_timeout_ms;
  auto res = http_.Open(options_.host, options_.port, req);
  if (!res.ok()) return Unreachable(res.status());
  if ((*res)->status() / 100 != 2) {
    auto body = net::ReadAll(**res, 1 << 20);
    return wire::StatusFromHttp((*res)->status(), body.ok() ? *body : "");
  }
  return std::move(*res);
}

Result<std::string> RestFileSystem::PathCall(const std::string& path, std::string_view action,
                                             std::string options, const std::string& query) {
  RETURN_IF_ERROR(CheckInterrupted());
  return Request("POST", StrCat("/api/v1/paths/", EncodedPath(path), "/", action, query),
                 std::move(options));
}

Result<wire::FileInfo> RestFileSystem::GetStatus(const std::string& path,
                                                 const wire::GetStatusOptions& options) {
  ASSIGN_OR_RETURN(std::string body, PathCall(path, "get-status", Dump(json(options))));
  ASSIGN_OR_RETURN(json j, ParseBody(body, "get-status"));
  return wire::FileInfoFromJson(j);
}

Result<wire::FileInfo> RestFileSystem::GetStatusById(int64_t file_id) {
  return Status::Unimplemented(StrCat("The proxy's REST API has no status by file id (", file_id,
                                      "); give the file's path instead"));
}

Status RestFileSystem::ListStatus(const std::string& path, const wire::ListStatusOptions& options,
                                  const std::function<Status(wire::FileInfo&&)>& fn) {
  ASSIGN_OR_RETURN(std::string body, PathCall(path, "list-status", Dump(json(options))));
  ASSIGN_OR_RETURN(json j, ParseBody(body, "list-status"));
  if (!j.is_array()) return Status::Internal("The proxy answered list-status without an array");
  for (const json& e : j) {
    RETURN_IF_ERROR(CheckInterrupted());
    ASSIGN_OR_RETURN(wire::FileInfo info, wire::FileInfoFromJson(e));
    RETURN_IF_ERROR(fn(std::move(info)));
  }
  return Status::OK();
}

Result<bool> RestFileSystem::Exists(const std::string& path, const wire::ExistsOptions& options) {
  ASSIGN_OR_RETURN(std::string body, PathCall(path, "exists", Dump(json(options))));
  ASSIGN_OR_RETURN(json j, ParseBody(body, "exists"));
  if (!j.is_boolean()) return Status::Internal("The proxy answered exists without a boolean");
  return j.get<bool>();
}

Status RestFileSystem::CreateDirectory(const std::string& path,
                                       const wire::CreateDirectoryOptions& options) {
  return PathCall(path, "create-directory", Dump(json(options))).status();
}

Result<std::unique_ptr<FileOutStream>> RestFileSystem::CreateFile(
    const std::string& path, const wire::CreateFileOptions& options) {
  ASSIGN_OR_RETURN(std::string body, PathCall(path, "create-file", Dump(json(options))));
  ASSIGN_OR_RETURN(int64_t id, ParseStreamId(body));
  return std::unique_ptr<FileOutStream>(std::make_unique<RestOutStream>(this, id, path));
}

Result<std::unique_ptr<FileInStream>> RestFileSystem::OpenFile(
    const std::string& path, const wire::OpenFileOptions& options) {
  // The length comes from the status; open-file answers only the stream id.
  ASSIGN_OR_RETURN(wire::FileInfo info, GetStatus(path, {}));
  ASSIGN_OR_RETURN(std::string body, PathCall(path, "open-file", Dump(json(options))));
  ASSIGN_OR_RETURN(int64_t id, ParseStreamId(body));
  return std::unique_ptr<FileInStream>(std::make_unique<RestInStream>(this, id, info.length));
}

Status RestFileSystem::Delete(const std::string& path, const wire::DeleteOptions& options) {
  return PathCall(path, "delete", Dump(json(options))).status();
}

Status RestFileSystem::Rename(const std::string& src, const std::string& dst,
                              const wire::RenameOptions& options) {
  return PathCall(src, "rename", Dump(json(options)), "?dst=" + net::PercentEncode(dst)).status();
}

Status RestFileSystem::SetAttribute(const std::string& path,
                                    const wire::SetAttributeOptions& options) {
  return PathCall(path, "set-attribute", Dump(json(options))).status();
}

Status RestFileSystem::Free(const std::string& path, const wire::FreeOptions& options) {
  return PathCall(path, "free", Dump(json(options))).status();
}

Status RestFileSystem::Mount(const std::string& alluxio_path, const std::string& ufs_uri,
                             const wire::MountOptions& options) {
  return PathCall(alluxio_path, "mount", Dump(json(options)), "?src=" + net::PercentEncode(ufs_uri))
      .status();
}

Status RestFileSystem::Unmount(const std::string& alluxio_path) {
  return PathCall(alluxio_path, "unmount", "").status();
}

Result<std::vector<wire::MountPointInfo>> RestFileSystem::GetMountTable() {
  ASSIGN_OR_RETURN(std::string body, Request("GET", "/api/v1/proxy/admin/mounts"));
  ASSIGN_OR_RETURN(json j, ParseBody(body, "the mount table"));
  std::vector<wire::MountPointInfo> out;
  if (!j.is_array()) return Status::Internal("The proxy answered mounts without an array");
  for (const json& m : j) {
    ASSIGN_OR_RETURN(wire::MountPointInfo info, wire::MountPointInfoFromJson(m));
    out.push_back(std::move(info));
  }
  return out;
}

Status RestFileSystem::ScheduleAsyncPersistence(const std::string& path) {
  return Request("POST", "/api/v1/proxy/admin/persist?path=" + net::PercentEncode(path)).status();
}

Result<std::vector<wire::WorkerInfo>> RestFileSystem::ListWorkers() {
  ASSIGN_OR_RETURN(std::string body, Request("GET", "/api/v1/proxy/admin/workers"));
  ASSIGN_OR_RETURN(json j, ParseBody(body, "the worker list"));
  if (!j.is_array()) return Status::Internal("The proxy answered workers without an array");
  std::vector<wire::WorkerInfo> out;
  for (const json& w : j) {
    ASSIGN_OR_RETURN(wire::WorkerInfo info, wire::WorkerInfoFromJson(w));
    out.push_back(std::move(info));
  }
  return out;
}

Result<std::vector<wire::TierUsage>> RestFileSystem::Capacity() {
  ASSIGN_OR_RETURN(std::string body, Request("GET", "/api/v1/proxy/admin/report"));
  ASSIGN_OR_RETURN(json j, ParseBody(body, "the report"));
  std::vector<wire::TierUsage> out;
  if (!j.is_object() || !j.contains("capacity") || !j["capacity"].is_array()) {
    return Status::Internal("The proxy's report has no capacity array");
  }
  for (const json& t : j["capacity"]) {
    if (!t.is_object()) return Status::Internal("The proxy's report has a malformed tier");
    out.push_back({t.value("alias", ""), t.value("capacityBytes", int64_t{0}),
                   t.value("usedBytes", int64_t{0})});
  }
  return out;
}

Result<wire::MasterInfo> RestFileSystem::GetMasterInfo() {
  ASSIGN_OR_RETURN(std::string body, Request("GET", "/api/v1/proxy/admin/report"));
  ASSIGN_OR_RETURN(json j, ParseBody(body, "the report"));
  if (!j.is_object() || !j.contains("master")) {
    return Status::Internal("The proxy's report has no master section");
  }
  return wire::MasterInfoFromJson(j["master"]);
}

}  // namespace alluxio::client
