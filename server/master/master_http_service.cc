#include "server/master/master_http_service.h"

#include "lib/wire/block_id.h"

#include <nlohmann/json.hpp>

#include "lib/common/user.h"
#include "lib/net/standard_routes.h"
#include "lib/wire/fs_json.h"
#include "lib/wire/master_rpc.h"
#include "lib/wire/worker_json.h"

namespace alluxio::master {
namespace {

using nlohmann::json;

constexpr int64_t kGroupCacheMs = 60'000;

void Reply(net::HttpResponse& res, const json& body) {
  res.Set(200, "application/json", body.dump(-1, ' ', false, json::error_handler_t::replace));
}

void ReplyError(net::HttpResponse& res, const Status& st) { net::SetErrorResponse(res, st); }

// Parses the request body into a JSON object; an empty body is {}.
Result<json> Body(const net::HttpRequest& req) {
  if (req.body.empty()) return json::object();
  ASSIGN_OR_RETURN(json j, wire::ParseJson(req.body));
  if (!j.is_object()) return Status::InvalidArgument("The request body must be a JSON object");
  return j;
}

Result<std::string> StringField(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) {
    return Status::InvalidArgument(std::string("Missing string field \"") + key +
                                   "\" in the request body");
  }
  return it->get<std::string>();
}

json OptionsOf(const json& j) {
  auto it = j.find("options");
  return it == j.end() ? json(nullptr) : *it;
}

// A handler that writes its answer as JSON text itself (the FileInfo answers, see
// wire::WriteJson): no document is built for them.
using RpcTextFn = std::function<Result<std::string>(const CallerInfo&, const json&)>;

net::Handler RpcText(CallerResolver* callers, RpcTextFn fn) {
  return [callers, fn = std::move(fn)](net::HttpRequest& req, net::HttpResponse& res) {
    auto caller = callers->Resolve(req);
    if (!caller.ok()) return ReplyError(res, caller.status());
    auto body = Body(req);
    if (!body.ok()) return ReplyError(res, body.status());
    auto out = fn(*caller, *body);
    if (!out.ok()) return ReplyError(res, out.status());
    res.Set(200, "application/json", std::move(*out));
  };
}

// The non-blocking attempt of a text handler (see net::RouteOptions::fast_path): nullopt when it
// would block, and the route's pooled handler answers instead.
using TryTextFn = std::function<std::optional<Result<std::string>>(const CallerInfo&, const json&)>;

net::FastPath TryRpcText(CallerResolver* callers, TryTextFn fn) {
  return [callers, fn = std::move(fn)](net::HttpRequest& req, net::HttpResponse& res) {
    auto caller = callers->TryResolve(req);
    if (!caller) return false;
    auto body = Body(req);
    // Errors are answered by the pooled handler, which reports them the same way.
    if (!caller->ok() || !body.ok()) return false;
    auto out = fn(**caller, *body);
    if (!out) return false;
    if (!out->ok()) {
      ReplyError(res, out->status());
    } else {
      res.Set(200, "application/json", std::move(**out));
    }
    return true;
  };
}

// A text handler that commits without waiting for the journal sync (it passes sync=false to the
// master): its answer goes out only once the commit is durable, and no thread waits for the
// fsync meanwhile, so every request in flight can share one group commit.
net::Handler DurableRpcText(CallerResolver* callers, FileSystemMaster* fs, RpcTextFn fn) {
  net::Handler text = RpcText(callers, std::move(fn));
  return [text = std::move(text), fs](net::HttpRequest& req, net::HttpResponse& res) {
    text(req, res);
    // Without journal sync a commit is as durable as it gets (kill -9 safe) once it returned.
    if (res.status == 200 && fs->journal_sync()) {
      res.defer = [fs](std::function<void(Status)> done) { fs->WhenDurable(std::move(done)); };
    }
  };
}

// Wraps a handler body that returns a JSON document or an error.
using RpcFn = std::function<Result<json>(const CallerInfo&, const json&)>;

net::Handler Rpc(CallerResolver* callers, RpcFn fn) {
  return RpcText(callers,
                 [fn = std::move(fn)](const CallerInfo& c, const json& j) -> Result<std::string> {
                   ASSIGN_OR_RETURN(json out, fn(c, j));
                   return out.dump(-1, ' ', false, json::error_handler_t::replace);
                 });
}

json Empty() { return json::object(); }

}  // namespace

Result<CallerInfo> CallerResolver::Resolve(const net::HttpRequest& req) {
  bool blocked = false;
  return ResolveImpl(req, true, &blocked);
}

std::optional<Result<CallerInfo>> CallerResolver::TryResolve(const net::HttpRequest& req) {
  bool blocked = false;
  Result<CallerInfo> c = ResolveImpl(req, false, &blocked);
  if (blocked) return std::nullopt;
  return c;
}

Result<CallerInfo> CallerResolver::ResolveImpl(const net::HttpRequest& req, bool may_block,
                                               bool* blocked) {
  if (!enabled_) return CallerInfo{};
  const std::string* user = req.headers.Find(wire::kUserHeader);
  if (!user || user->empty()) {
    return Status::Unauthenticated(
        "The request names no user: send the X-Alluxio-User header, or set "
        "alluxio.security.authentication.type=NOSASL on the master");
  }
  CallerInfo c;
  c.user = *user;
  const int64_t now = clock_->MonotonicMs();
  {
    // Never waits on the lock without may_block: a lookup elsewhere holds it only briefly, but
    // the event loop must not wait at all.
    std::unique_lock<std::mutex> lock(mu_, std::defer_lock);
    if (may_block) {
      lock.lock();
    } else if (!lock.try_lock()) {
      *blocked = true;
      return Status::Unavailable("The group cache is busy");
    }
    auto it = groups_.find(c.user);
    if (it != groups_.end() && now - it->second.first <= kGroupCacheMs) {
      c.groups = it->second.second;
      return c;
    }
  }
  if (!may_block) {
    *blocked = true;
    return Status::Unavailable("The groups of " + c.user + " are not cached");
  }
  // The lookup (NSS: files, LDAP, ...) runs without the lock, so it holds up no other caller.
  c.groups = GroupsOfUser(c.user);
  std::lock_guard<std::mutex> lock(mu_);
  groups_[c.user] = {clock_->MonotonicMs(), c.groups};
  return c;
}

void AddMasterRpcRoutes(net::Router& router, FileSystemMaster* fs, CallerResolver* callers) {
  namespace rpc = wire::master_rpc;
  auto route = [&](std::string_view name, RpcFn fn) {
    router.Add("POST", std::string(wire::kMasterFsPrefix) + std::string(name),
               Rpc(callers, std::move(fn)));
  };

  auto text_route = [&](std::string_view name, RpcTextFn fn) {
    router.Add("POST", std::string(wire::kMasterFsPrefix) + std::string(name),
               RpcText(callers, std::move(fn)));
  };

  // getStatus, the master's most frequent call, answers on the HTTP server's event loop when the
  // status is in the metastore and no sync is due.
  net::RouteOptions get_status_fast;
  get_status_fast.fast_path = TryRpcText(
      callers, [fs](const CallerInfo& c, const json& j) -> std::optional<Result<std::string>> {
        auto path = StringField(j, "path");
        auto opts = wire::GetStatusOptionsFromJson(OptionsOf(j));
        if (!path.ok() || !opts.ok()) return std::nullopt;
        auto info = fs->TryGetStatus(c, *path, *opts);
        if (!info) return std::nullopt;
        if (!info->ok()) return Result<std::string>(info->status());
        return Result<std::string>(wire::FileInfoJsonText(**info));
      });
  router.Add("POST", std::string(wire::kMasterFsPrefix) + std::string(rpc::kGetStatus),
             RpcText(callers,
                     [fs](const CallerInfo& c, const json& j) -> Result<std::string> {
                       ASSIGN_OR_RETURN(std::string path, StringField(j, "path"));
                       ASSIGN_OR_RETURN(auto opts, wire::GetStatusOptionsFromJson(OptionsOf(j)));
                       ASSIGN_OR_RETURN(wire::FileInfo info, fs->GetStatus(c, path, opts));
                       return wire::FileInfoJsonText(info);
                     }),
             std::move(get_status_fast));
  route(rpc::kScheduleAsyncPersistence, [fs](const CallerInfo& c, const json& j) -> Result<json> {
    ASSIGN_OR_RETURN(std::string path, StringField(j, "path"));
    RETURN_IF_ERROR(fs->ScheduleAsyncPersistence(c, path));
    return Empty();
  });
  text_route(rpc::kGetStatusById, [fs](const CallerInfo& c, const json& j) -> Result<std::string> {
    auto it = j.find("fileId");
    if (it == j.end() || !it->is_number_integer()) {
      return Status::InvalidArgument("Missing integer field \"fileId\" in the request body");
    }
    ASSIGN_OR_RETURN(wire::FileInfo info, fs->GetStatusById(c, it->get<int64_t>()));
    return wire::FileInfoJsonText(info);
  });
  text_route(rpc::kListStatus, [fs](const CallerInfo& c, const json& j) -> Result<std::string> {
    ASSIGN_OR_RETURN(std::string path, StringField(j, "path"));
    ASSIGN_OR_RETURN(auto opts, wire::ListStatusOptionsFromJson(OptionsOf(j)));
    std::string start_after = j.value("startAfter", "");
    int64_t batch = j.value("batchSize", int64_t{1000});
    if (batch <= 0 || batch > 100000) {
      return Status::InvalidArgument("batchSize must be between 1 and 100000");
    }
    ASSIGN_OR_RETURN(ListPage page,
                     fs->ListStatus(c, path, opts, start_after, static_cast<size_t>(batch)));
    std::string out;
    out.reserve(page.entries.size() * 1024 + 64);
    wire::JsonWriter w(&out);
    w.BeginObject();
    w.Key("entries");
    w.BeginArray();
    for (const auto& e : page.entries) wire::WriteJson(w, e);
    w.EndArray();
    w.Key("truncated");
    w.Bool(page.truncated);
    w.EndObject();
    return out;
  });
  route(rpc::kExists, [fs](const CallerInfo& c, const json& j) -> Result<json> {
    ASSIGN_OR_RETURN(std::string path, StringField(j, "path"));
    ASSIGN_OR_RETURN(auto opts, wire::ExistsOptionsFromJson(OptionsOf(j)));
    ASSIGN_OR_RETURN(bool exists, fs->Exists(c, path, opts));
    return json{{"exists", exists}};
  });
  route(rpc::kCreateDirectory, [fs](const CallerInfo& c, const json& j) -> Result<json> {
    ASSIGN_OR_RETURN(std::string path, StringField(j, "path"));
    ASSIGN_OR_RETURN(auto opts, wire::CreateDirectoryOptionsFromJson(OptionsOf(j)));
    RETURN_IF_ERROR(fs->CreateDirectory(c, path, opts));
    return Empty();
  });
  // Creates and completes, the calls of every file write, wait for their journal sync without a
  // thread (see DurableRpcText).
  auto durable_route = [&](std::string_view name, RpcTextFn fn) {
    router.Add("POST", std::string(wire::kMasterFsPrefix) + std::string(name),
               DurableRpcText(callers, fs, std::move(fn)));
  };
  durable_route(rpc::kCreateFile, [fs](const CallerInfo& c, const json& j) -> Result<std::string> {
    ASSIGN_OR_RETURN(std::string path, StringField(j, "path"));
    ASSIGN_OR_RETURN(auto opts, wire::CreateFileOptionsFromJson(OptionsOf(j)));
    ASSIGN_OR_RETURN(wire::FileInfo info, fs->CreateFile(c, path, opts, /*sync=*/false));
    return wire::FileInfoJsonText(info);
  });
  durable_route(
      rpc::kCompleteFile, [fs](const CallerInfo& c, const json& j) -> Result<std::string> {
        ASSIGN_OR_RETURN(std::string path, StringField(j, "path"));
        CompleteFileOptions opts;
        auto len = j.find("length");
        if (len != j.end()) {
          if (!len->is_number_integer())
            return Status::InvalidArgument("\"length\" must be an integer");
          opts.length = len->get<int64_t>();
        }
        auto wt = j.find("writeType");
        if (wt != j.end()) {
          auto parsed =
              wt->is_string() ? wire::ParseWriteType(wt->get<std::string>()) : std::nullopt;
          if (!parsed) return Status::InvalidArgument("\"writeType\" must be a write type name");
          opts.write_type = parsed;
        }
        std::map<std::string, std::vector<int64_t>> blocks;
        int64_t worker_id = 0;
        if (j.contains("workerId") && j.contains("blocks")) {
          if (!j["workerId"].is_number_integer() || !j["blocks"].is_object()) {
            return Status::InvalidArgument(
                "\"workerId\" must be an integer and \"blocks\" an object of tier -> block ids");
          }
          worker_id = j["workerId"].get<int64_t>();
          for (auto it = j["blocks"].begin(); it != j["blocks"].end(); ++it) {
            if (!it.value().is_array())
              return Status::InvalidArgument("\"blocks\" must map to arrays");
            for (const json& id : it.value()) {
              if (!id.is_number_integer()) return Status::InvalidArgument("block ids are integers");
              blocks[it.key()].push_back(id.get<int64_t>());
            }
          }
        }
        ASSIGN_OR_RETURN(wire::FileInfo info, fs->CompleteFile(c, path, opts, /*sync=*/false));
        // Only blocks of this file: a client cannot place other files' blocks.
        for (auto& [tier, ids] : blocks) {
          std::erase_if(ids, [&](int64_t b) { return wire::FileIdOfBlock(b) != info.file_id; });
        }
        if (worker_id > 0 && fs->block_service()) {
          fs->block_service()->CommitBlocks(worker_id, blocks);
          // The file is complete whatever happens now: a failed re-read (say, a caller that may
          // write but not read) keeps the answer computed before the blocks were recorded.
          auto fresh = fs->GetStatusById(c, info.file_id);
          if (fresh.ok()) info = std::move(*fresh);
        }
        return wire::FileInfoJsonText(info);
      });
  route(rpc::kDelete, [fs](const CallerInfo& c, const json& j) -> Result<json> {
    ASSIGN_OR_RETURN(std::string path, StringField(j, "path"));
    ASSIGN_OR_RETURN(auto opts, wire::DeleteOptionsFromJson(OptionsOf(j)));
    RETURN_IF_ERROR(fs->Delete(c, path, opts));
    return Empty();
  });
  route(rpc::kRename, [fs](const CallerInfo& c, const json& j) -> Result<json> {
    ASSIGN_OR_RETURN(std::string src, StringField(j, "src"));
    ASSIGN_OR_RETURN(std::string dst, StringField(j, "dst"));
    ASSIGN_OR_RETURN(auto opts, wire::RenameOptionsFromJson(OptionsOf(j)));
    RETURN_IF_ERROR(fs->Rename(c, src, dst, opts));
    return Empty();
  });
  route(rpc::kSetAttribute, [fs](const CallerInfo& c, const json& j) -> Result<json> {
    ASSIGN_OR_RETURN(std::string path, StringField(j, "path"));
    ASSIGN_OR_RETURN(auto opts, wire::SetAttributeOptionsFromJson(OptionsOf(j)));
    RETURN_IF_ERROR(fs->SetAttribute(c, path, opts));
    return Empty();
  });
  route(rpc::kFree, [fs](const CallerInfo& c, const json& j) -> Result<json> {
    ASSIGN_OR_RETURN(std::string path, StringField(j, "path"));
    ASSIGN_OR_RETURN(auto opts, wire::FreeOptionsFromJson(OptionsOf(j)));
    RETURN_IF_ERROR(fs->Free(c, path, opts));
    return Empty();
  });
  route(rpc::kMount, [fs](const CallerInfo& c, const json& j) -> Result<json> {
    ASSIGN_OR_RETURN(std::string path, StringField(j, "path"));
    ASSIGN_OR_RETURN(std::string ufs, StringField(j, "ufsUri"));
    ASSIGN_OR_RETURN(auto opts, wire::MountOptionsFromJson(OptionsOf(j)));
    RETURN_IF_ERROR(fs->Mount(c, path, ufs, opts));
    return Empty();
  });
  route(rpc::kUnmount, [fs](const CallerInfo& c, const json& j) -> Result<json> {
    ASSIGN_OR_RETURN(std::string path, StringField(j, "path"));
    RETURN_IF_ERROR(fs->Unmount(c, path));
    return Empty();
  });
  route(rpc::kMountTable, [fs](const CallerInfo&, const json&) -> Result<json> {
    json points = json::array();
    for (const auto& m : fs->GetMountTable()) points.push_back(json(m));
    return json{{"mountPoints", std::move(points)}};
  });
}

void AddBlockMasterRoutes(net::Router& router, BlockMaster* blocks, FileSystemMaster* fs) {
  router.Add("POST", "/api/v1/master/worker/register",
             [blocks](net::HttpRequest& req, net::HttpResponse& res) {
               auto body = Body(req);
               if (!body.ok()) return ReplyError(res, body.status());
               auto r = wire::RegisterWorkerRequestFromJson(*body);
               if (!r.ok()) return ReplyError(res, r.status());
               Reply(res, json{{"workerId", blocks->RegisterWorker(*r)}});
             });
  router.Add("POST", "/api/v1/master/worker/heartbeat",
             [blocks, fs](net::HttpRequest& req, net::HttpResponse& res) {
               auto body = Body(req);
               if (!body.ok()) return ReplyError(res, body.status());
               auto r = wire::HeartbeatRequestFromJson(*body);
               if (!r.ok()) return ReplyError(res, r.status());
               // Blocks of files deleted before the worker reported them would stay on the
               // worker forever: free them (as Alluxio's block master does).
               std::vector<int64_t> orphans;
               for (const auto& [tier, ids] : r->added_blocks) {
                 for (int64_t id : ids) {
                   auto exists = fs->FileExists(wire::FileIdOfBlock(id));
                   if (exists.ok() && !*exists) orphans.push_back(id);
                 }
               }
               wire::HeartbeatResponse reply = blocks->Heartbeat(*r);
               if (!orphans.empty() && reply.command != wire::WorkerCommandType::kRegister) {
                 reply.command = wire::WorkerCommandType::kFree;
                 reply.free_blocks.insert(reply.free_blocks.end(), orphans.begin(), orphans.end());
               }
               auto pinned = fs->PinnedFileIds();
               if (!pinned.ok()) return ReplyError(res, pinned.status());
               reply.pinned_file_ids = std::move(*pinned);
               Reply(res, json(reply));
             });
  router.Add("POST", "/api/v1/master/worker/mount-info",
             [fs](net::HttpRequest& req, net::HttpResponse& res) {
               auto body = Body(req);
               if (!body.ok()) return ReplyError(res, body.status());
               if (!body->contains("mountId") || !(*body)["mountId"].is_number_integer()) {
                 return ReplyError(
                     res, Status::InvalidArgument("mount-info needs an integer \"mountId\""));
               }
               auto info = fs->GetMountUfsInfo((*body)["mountId"].get<int64_t>());
               if (!info.ok()) return ReplyError(res, info.status());
               Reply(res, json(*info));
             });
  router.Add("GET", "/api/v1/master/workers", [blocks](net::HttpRequest&, net::HttpResponse& res) {
    json workers = json::array();
    for (const auto& w : blocks->Workers()) workers.push_back(json(w));
    json capacity = json::array();
    for (const auto& t : blocks->Capacity()) capacity.push_back(json(t));
    Reply(res, json{{"workers", std::move(workers)}, {"capacity", std::move(capacity)}});
  });
}

void AddMasterWebRoutes(net::Router& router, FileSystemMaster* fs, MetricsRegistry* metrics,
                        Clock* clock, std::function<MasterInfo()> info) {
  net::AddStandardRoutes(router, metrics);
  AddMasterInfoRoute(router, fs, clock, std::move(info));
}

void AddMasterInfoRoute(net::Router& router, FileSystemMaster* fs, Clock* clock,
                        std::function<MasterInfo()> info) {
  router.Add("GET", "/api/v1/master/info",
             [fs, clock, info](net::HttpRequest&, net::HttpResponse& res) {
               MasterInfo i = info();
               json mounts = json::object();
               for (const auto& m : fs->GetMountTable()) mounts[m.alluxio_path] = json(m);
               json body = {
                   {"rpcAddress", i.rpc_address},    {"webPort", i.web_port},
                   {"startTimeMs", i.start_time_ms}, {"uptimeMs", clock->NowMs() - i.start_time_ms},
                   {"version", i.version},           {"mountPoints", std::move(mounts)}};
               Reply(res, body);
             });
}

}  // namespace alluxio::master
