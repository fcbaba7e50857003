#include "lib/client/native_file_system.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>

#include "lib/client/block_regions.h"
#include "lib/client/native_streams.h"
#include "lib/common/logging.h"
#include "lib/common/path.h"
#include "lib/common/user.h"
#include "lib/conf/property_key.h"
#include "lib/wire/error_body.h"
#include "lib/wire/fs_json.h"
#include "lib/wire/master_rpc.h"
#include "lib/wire/worker_json.h"

namespace alluxio::client {
namespace {

using nlohmann::json;
namespace rpc = wire::master_rpc;

Result<json> ParseObject(const std::string& body) {
  ASSIGN_OR_RETURN(json j, wire::ParseJson(body));
  if (!j.is_object()) return Status::Internal("The master answered with a non-object JSON body");
  return j;
}

}  // namespace

Result<size_t> FileInStream::ReadToFd(int fd, size_t n) {
  std::vector<char> buf(std::min<size_t>(n, 1 << 20));
  ASSIGN_OR_RETURN(size_t got, Read(buf.data(), buf.size()));
  size_t done = 0;
  while (done < got) {
    ssize_t w = ::write(fd, buf.data() + done, got - done);
    if (w < 0 && errno == EINTR) continue;
    if (w < 0) return Status::Unavailable(StrCat("Writing failed: ", std::strerror(errno)));
    done += static_cast<size_t>(w);
  }
  return got;
}

Result<std::vector<wire::FileInfo>> FileSystem::ListAll(const std::string& path,
                                                        const wire::ListStatusOptions& options) {
  std::vector<wire::FileInfo> out;
  RETURN_IF_ERROR(ListStatus(path, options, [&](wire::FileInfo&& f) {
    out.push_back(std::move(f));
    return Status::OK();
  }));
  return out;
}

Result<ClientOptions> ClientOptionsFromConfiguration(const conf::Configuration& conf) {
  namespace k = conf::keys;
  ClientOptions o;
  ASSIGN_OR_RETURN(o.master_host, conf.GetString(k::kMasterHostname));
  ASSIGN_OR_RETURN(int64_t port, conf.GetInt(k::kMasterRpcPort));
  o.master_rpc_port = static_cast<int>(port);
  ASSIGN_OR_RETURN(std::string auth, conf.GetEnum(k::kSecurityAuthenticationType));
  if (auth != "NOSASL") {
    o.user = conf.GetStringOr(k::kSecurityLoginUsername, "");
    if (o.user.empty()) o.user = CurrentUserName();
  }
  ASSIGN_OR_RETURN(o.timeout_ms, conf.GetDurationMs("alluxio.user.network.timeout"));
  ASSIGN_OR_RETURN(std::string wt, conf.GetEnum(k::kUserFileWriteTypeDefault));
  o.default_write_type = wire::ParseWriteType(wt).value_or(wire::WriteType::kAsyncThrough);
  ASSIGN_OR_RETURN(o.default_block_size, conf.GetBytes("alluxio.user.block.size.bytes.default"));
  ASSIGN_OR_RETURN(std::string rt, conf.GetEnum(k::kUserFileReadTypeDefault));
  o.default_read_type = wire::ParseReadType(rt).value_or(wire::ReadType::kCache);
  ASSIGN_OR_RETURN(o.short_circuit, conf.GetBool("alluxio.user.short.circuit.enabled"));
  o.local_host = conf.GetStringOr("alluxio.user.hostname", "");
  if (o.local_host.empty()) o.local_host = "localhost";
  return o;
}

NativeFileSystem::NativeFileSystem(ClientOptions options)
    : options_(std::move(options)),
      http_([&] {
        net::HttpClientOptions h;
        h.io_timeout_ms = options_.timeout_ms;
        return h;
      }()),
      data_http_([&] {
        net::HttpClientOptions h;
        h.io_timeout_ms = options_.data_timeout_ms;
        h.max_retries = 1;
        return h;
      }()),
      picker_([this] { return ListWorkers(); }, options_.local_host) {}

Result<std::string> NativeFileSystem::GetMaster(const std::string& target) {
  net::ClientRequest req;
  req.target = target;
  auto res = http_.Send(options_.master_host, options_.master_rpc_port, req);
  if (!res.ok()) {
    return Status(res.status().code(),
                  std::string(res.status().message()) + ". Is the Alluxio master running at " +
                      options_.master_host + ":" + std::to_string(options_.master_rpc_port) +
                      "? (alluxio.master.hostname / alluxio.master.rpc.port)");
  }
  RETURN_IF_ERROR(wire::StatusFromHttp(res->status, res->body));
  return std::move(res->body);
}

Result<std::vector<wire::WorkerInfo>> NativeFileSystem::ListWorkers() {
  ASSIGN_OR_RETURN(std::string body, GetMaster("/api/v1/master/workers"));
  ASSIGN_OR_RETURN(json j, ParseObject(body));
  std::vector<wire::WorkerInfo> out;
  if (!j.contains("workers") || !j["workers"].is_array()) return out;
  for (const json& w : j["workers"]) {
    ASSIGN_OR_RETURN(wire::WorkerInfo info, wire::WorkerInfoFromJson(w));
    out.push_back(std::move(info));
  }
  return out;
}

Status NativeFileSystem::ScheduleAsyncPersistence(const std::string& path) {
  json req = {{"path", path}};
  return Call(rpc::kScheduleAsyncPersistence, req.dump()).status();
}

Result<std::vector<wire::TierUsage>> NativeFileSystem::Capacity() {
  ASSIGN_OR_RETURN(std::string body, GetMaster("/api/v1/master/workers"));
  ASSIGN_OR_RETURN(json j, ParseObject(body));
  std::vector<wire::TierUsage> out;
  if (!j.contains("capacity") || !j["capacity"].is_array()) return out;
  for (const json& t : j["capacity"]) {
    out.push_back({t.value("alias", ""), t.value("capacityBytes", int64_t{0}),
                   t.value("usedBytes", int64_t{0})});
  }
  return out;
}

Result<wire::MasterInfo> NativeFileSystem::GetMasterInfo() {
  ASSIGN_OR_RETURN(std::string body, GetMaster("/api/v1/master/info"));
  ASSIGN_OR_RETURN(json j, ParseObject(body));
  return wire::MasterInfoFromJson(j);
}

std::optional<std::vector<net::FileBody>> NativeFileSystem::OpenLocalRegions(
    const wire::FileInfo& info, int64_t first, int64_t length, bool remembered_only) {
  if (!options_.short_circuit) return std::nullopt;
  return BlockRegions(
      info, first, length,
      [this, remembered_only](const wire::FileBlockInfo& b) -> std::optional<net::FileBody> {
        for (const wire::BlockLocation& loc : b.block_info.locations) {
          UniqueFd fd = remembered_only
                            ? lookups_.OpenRemembered(loc.worker_address, b)
                            : lookups_.Open(data_http_, options_.local_host, loc.worker_address, b);
          if (fd.valid()) return net::FileBody{std::move(fd), 0, 0, nullptr};
        }
        return std::nullopt;
      });
}

NativeFileSystem::~NativeFileSystem() = default;

Result<std::string> NativeFileSystem::Call(std::string_view name, std::string body) {
  net::ClientRequest req;
  req.method = "POST";
  req.target = std::string(wire::kMasterFsPrefix) + std::string(name);
  req.headers.Set("Content-Type", "application/json");
  if (!options_.user.empty()) req.headers.Set(wire::kUserHeader, options_.user);
  req.body = std::move(body);
  auto res = http_.Send(options_.master_host, options_.master_rpc_port, req);
  if (!res.ok()) {
    return Status(res.status().code(),
                  std::string(res.status().message()) + ". Is the Alluxio master running at " +
                      options_.master_host + ":" + std::to_string(options_.master_rpc_port) +
                      "? (alluxio.master.hostname / alluxio.master.rpc.port)");
  }
  Status st = wire::StatusFromHttp(res->status, res->body);
  if (!st.ok()) return st;
  return std::move(res->body);
}

Result<wire::FileInfo> NativeFileSystem::GetStatus(const std::string& path,
                                                   const wire::GetStatusOptions& options) {
  json req = {{"path", path}, {"options", json(options)}};
  ASSIGN_OR_RETURN(std::string body, Call(rpc::kGetStatus, req.dump()));
  ASSIGN_OR_RETURN(json j, ParseObject(body));
  return wire::FileInfoFromJson(j);
}

Result<wire::FileInfo> NativeFileSystem::GetStatusById(int64_t file_id) {
  json req = {{"fileId", file_id}};
  ASSIGN_OR_RETURN(std::string body, Call(rpc::kGetStatusById, req.dump()));
  ASSIGN_OR_RETURN(json j, ParseObject(body));
  return wire::FileInfoFromJson(j);
}

Status NativeFileSystem::ListDirectory(const std::string& path,
                                       const wire::ListStatusOptions& options,
                                       const std::function<Status(wire::FileInfo&&)>& fn) {
  ASSIGN_OR_RETURN(ListPage first, ListPageOf(path, options, ""));
  return ListDirectoryFrom(path, options, std::move(first), fn);
}

Status NativeFileSystem::ListDirectoryFrom(const std::string& path,
                                           const wire::ListStatusOptions& options, ListPage first,
                                           const std::function<Status(wire::FileInfo&&)>& fn) {
  // Walks from an already fetched first page. Listing a directory is what loads its children
  // from the UFS, so a subdirectory's first page is fetched before its entry is handed out:
  // the entry then carries the loaded child count.
  std::string after;
  ListPage page = std::move(first);
  while (true) {
    for (wire::FileInfo& info : page.entries) {
      after = info.name;
      if (!(options.recursive && info.folder)) {
        RETURN_IF_ERROR(fn(std::move(info)));
        continue;
      }
      std::string child_path = info.path;
      ASSIGN_OR_RETURN(ListPage child_first, ListPageOf(child_path, options, ""));
      if (!child_first.truncated) {
        info.length = static_cast<int64_t>(child_first.entries.size());
      } else {
        auto fresh = GetStatus(child_path, {});
        if (fresh.ok()) info.length = fresh->length;
      }
      RETURN_IF_ERROR(fn(std::move(info)));
      RETURN_IF_ERROR(ListDirectoryFrom(child_path, options, std::move(child_first), fn));
    }
    if (!page.truncated || page.entries.empty()) return Status::OK();
    ASSIGN_OR_RETURN(page, ListPageOf(path, options, after));
  }
}

Result<NativeFileSystem::ListPage> NativeFileSystem::ListPageOf(
    const std::string& path, const wire::ListStatusOptions& options, const std::string& after) {
  wire::ListStatusOptions direct = options;
  direct.recursive = false;
  json req = {{"path", path},
              {"options", json(direct)},
              {"startAfter", after},
              {"batchSize", options_.list_batch_size}};
  ASSIGN_OR_RETURN(std::string body, Call(rpc::kListStatus, req.dump()));
  ASSIGN_OR_RETURN(json j, ParseObject(body));
  const json& entries = j["entries"];
  if (!entries.is_array()) return Status::Internal("list-status answer without entries");
  ListPage page;
  for (const json& e : entries) {
    ASSIGN_OR_RETURN(wire::FileInfo info, wire::FileInfoFromJson(e));
    page.entries.push_back(std::move(info));
  }
  page.truncated = j.value("truncated", false);
  return page;
}

Status NativeFileSystem::ListStatus(const std::string& path, const wire::ListStatusOptions& options,
                                    const std::function<Status(wire::FileInfo&&)>& fn) {
  return ListDirectory(path, options, fn);
}

Result<bool> NativeFileSystem::Exists(const std::string& path, const wire::ExistsOptions& options) {
  json req = {{"path", path}, {"options", json(options)}};
  ASSIGN_OR_RETURN(std::string body, Call(rpc::kExists, req.dump()));
  ASSIGN_OR_RETURN(json j, ParseObject(body));
  return j.value("exists", false);
}

Status NativeFileSystem::CreateDirectory(const std::string& path,
                                         const wire::CreateDirectoryOptions& given) {
  // The client's configured write type applies when the call names none (Alluxio merges its
  // client defaults into every request).
  wire::CreateDirectoryOptions options = given;
  if (!options.write_type) options.write_type = options_.default_write_type;
  json req = {{"path", path}, {"options", json(options)}};
  return Call(rpc::kCreateDirectory, req.dump()).status();
}

Result<std::unique_ptr<FileOutStream>> NativeFileSystem::CreateFile(
    const std::string& path, const wire::CreateFileOptions& given) {
  wire::CreateFileOptions options = given;
  if (!options.write_type) options.write_type = options_.default_write_type;
  if (!options.block_size_bytes) options.block_size_bytes = options_.default_block_size;
  json req = {{"path", path}, {"options", json(options)}};
  ASSIGN_OR_RETURN(std::string body, Call(rpc::kCreateFile, req.dump()));
  ASSIGN_OR_RETURN(json j, ParseObject(body));
  ASSIGN_OR_RETURN(wire::FileInfo info, wire::FileInfoFromJson(j));
  return NewFileOutStream(DataPath{this, &data_http_, &picker_, 3,
                                   options_.short_circuit ? options_.local_host : std::string()},
                          std::move(info),
                          options.write_type.value_or(options_.default_write_type));
}

Result<std::unique_ptr<FileInStream>> NativeFileSystem::OpenFile(
    const std::string& path, const wire::OpenFileOptions& options) {
  ASSIGN_OR_RETURN(wire::FileInfo info, GetStatus(path, {}));
  if (info.folder) {
    return Status::FailedPrecondition("Path \"" + info.path + "\" must be a file.");
  }
  if (!info.completed) {
    return Status::FailedPrecondition("File " + info.path + " is incomplete.");
  }
  return NewFileInStream(DataPath{this, &data_http_, &picker_, 3,
                                  options_.short_circuit ? options_.local_host : std::string()},
                         std::move(info), options.read_type.value_or(options_.default_read_type));
}

Result<wire::FileInfo> NativeFileSystem::CompleteFile(
    const std::string& path, int64_t length, wire::WriteType write_type, int64_t worker_id,
    const std::map<std::string, std::vector<int64_t>>& blocks) {
  json req = {{"path", path},
              {"length", length},
              {"writeType", std::string(wire::WriteTypeName(write_type))}};
  if (worker_id > 0 && !blocks.empty()) {
    req["workerId"] = worker_id;
    req["blocks"] = blocks;
  }
  ASSIGN_OR_RETURN(std::string body, Call(rpc::kCompleteFile, req.dump()));
  ASSIGN_OR_RETURN(json j, ParseObject(body));
  return wire::FileInfoFromJson(j);
}

Status NativeFileSystem::Delete(const std::string& path, const wire::DeleteOptions& options) {
  json req = {{"path", path}, {"options", json(options)}};
  return Call(rpc::kDelete, req.dump()).status();
}

Status NativeFileSystem::Rename(const std::string& src, const std::string& dst,
                                const wire::RenameOptions& options) {
  json req = {{"src", src}, {"dst", dst}, {"options", json(options)}};
  return Call(rpc::kRename, req.dump()).status();
}

Status NativeFileSystem::SetAttribute(const std::string& path,
                                      const wire::SetAttributeOptions& options) {
  json req = {{"path", path}, {"options", json(options)}};
  return Call(rpc::kSetAttribute, req.dump()).status();
}

Status NativeFileSystem::Free(const std::string& path, const wire::FreeOptions& options) {
  json req = {{"path", path}, {"options", json(options)}};
  return Call(rpc::kFree, req.dump()).status();
}

Status NativeFileSystem::Mount(const std::string& alluxio_path, const std::string& ufs_uri,
                               const wire::MountOptions& options) {
  json req = {{"path", alluxio_path}, {"ufsUri", ufs_uri}, {"options", json(options)}};
  return Call(rpc::kMount, req.dump()).status();
}

Status NativeFileSystem::Unmount(const std::string& alluxio_path) {
  json req = {{"path", alluxio_path}};
  return Call(rpc::kUnmount, req.dump()).status();
}

Result<std::vector<wire::MountPointInfo>> NativeFileSystem::GetMountTable() {
  ASSIGN_OR_RETURN(std::string body, Call(rpc::kMountTable, "{}"));
  ASSIGN_OR_RETURN(json j, ParseObject(body));
  std::vector<wire::MountPointInfo> out;
  for (const json& m : j["mountPoints"]) {
    ASSIGN_OR_RETURN(wire::MountPointInfo info, wire::MountPointInfoFromJson(m));
    out.push_back(std::move(info));
  }
  return out;
}

}  // namespace alluxio::client
