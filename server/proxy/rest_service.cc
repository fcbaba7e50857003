#include "server/proxy/rest_service.h"

#include <nlohmann/json.hpp>
#include <vector>

#include "lib/common/logging.h"
#include "lib/common/path.h"
#include "lib/common/strings.h"
#include "lib/net/standard_routes.h"
#include "lib/wire/fs_json.h"
#include "lib/wire/worker_json.h"

namespace alluxio::proxy {
namespace {

using nlohmann::json;
constexpr size_t kChunk = 1 << 20;

void Fail(net::HttpResponse& res, const Status& st) { net::SetErrorResponse(res, st, 500); }

void ReplyJson(net::HttpResponse& res, const json& j) {
  res.Set(200, "application/json", j.dump(-1, ' ', false, json::error_handler_t::replace));
}

void ReplyEmpty(net::HttpResponse& res) { res.Set(200, "application/json", ""); }

// The Alluxio path in the route: "/a/b" from ".../paths//a/b/action"; a client that leaves out
// the leading slash ("paths/a/b/action") means the same path.
std::string PathParam(const net::HttpRequest& req) {
  auto it = req.params.find("path");
  std::string p = it == req.params.end() ? "" : it->second;
  if (p.empty() || p[0] != '/') p = "/" + p;
  return p;
}

// The options document: absent or empty body -> null (defaults).
Result<json> OptionsBody(const net::HttpRequest& req) {
  std::string_view body = req.body;
  while (!body.empty() && (body.front() == ' ' || body.front() == '\n' || body.front() == '\r' ||
                           body.front() == '\t')) {
    body.remove_prefix(1);
  }
  if (body.empty()) return json(nullptr);
  return wire::ParseJson(body);
}

Result<std::string> RequiredQuery(const net::HttpRequest& req, const char* name) {
  auto v = req.Query(name);
  if (!v || v->empty()) {
    return Status::Internal(StrCat("required '", name, "' parameter is missing"));
  }
  return *v;
}

Result<int64_t> StreamId(const net::HttpRequest& req) {
  auto it = req.params.find("id");
  int64_t id = 0;
  if (it == req.params.end() || !ParseInt64(it->second, &id)) {
    return Status::NotFound("Stream id \"" + (it == req.params.end() ? "" : it->second) +
                            "\" is not an integer");
  }
  return id;
}

using PathFn = std::function<Status(const std::string& path, const json& options,
                                    net::HttpRequest& req, net::HttpResponse& res)>;

void AddPathRoute(net::Router& router, const char* method, const char* action, PathFn fn) {
  router.Add(method, std::string("/api/v1/paths/{path*}/") + action,
             [fn](net::HttpRequest& req, net::HttpResponse& res) {
               auto options = OptionsBody(req);
               if (!options.ok()) return Fail(res, options.status());
               Status st = fn(PathParam(req), *options, req, res);
               if (!st.ok()) Fail(res, st);
             });
}

}  // namespace

void AddRestRoutes(net::Router& router, client::FileSystem* fs, StreamRegistry* streams,
                   std::function<ProxyInfo()> info) {
  AddPathRoute(router, "POST", "create-directory",
               [fs](const std::string& path, const json& o, net::HttpRequest&,
                    net::HttpResponse& res) -> Status {
                 ASSIGN_OR_RETURN(auto options, wire::CreateDirectoryOptionsFromJson(o));
                 RETURN_IF_ERROR(fs->CreateDirectory(path, options));
                 ReplyEmpty(res);
                 return Status::OK();
               });
  AddPathRoute(router, "POST", "create-file",
               [fs, streams](const std::string& path, const json& o, net::HttpRequest&,
                             net::HttpResponse& res) -> Status {
                 ASSIGN_OR_RETURN(auto options, wire::CreateFileOptionsFromJson(o));
                 ASSIGN_OR_RETURN(auto out, fs->CreateFile(path, options));
                 ReplyJson(res, streams->Add(std::move(out)));
                 return Status::OK();
               });
  AddPathRoute(router, "POST", "delete",
               [fs](const std::string& path, const json& o, net::HttpRequest&,
                    net::HttpResponse& res) -> Status {
                 ASSIGN_OR_RETURN(auto options, wire::DeleteOptionsFromJson(o));
                 RETURN_IF_ERROR(fs->Delete(path, options));
                 ReplyEmpty(res);
                 return Status::OK();
               });
  AddPathRoute(router, "POST", "exists",
               [fs](const std::string& path, const json& o, net::HttpRequest&,
                    net::HttpResponse& res) -> Status {
                 ASSIGN_OR_RETURN(auto options, wire::ExistsOptionsFromJson(o));
                 ASSIGN_OR_RETURN(bool exists, fs->Exists(path, options));
                 ReplyJson(res, exists);
                 return Status::OK();
               });
  AddPathRoute(router, "POST", "free",
               [fs](const std::string& path, const json& o, net::HttpRequest&,
                    net::HttpResponse& res) -> Status {
                 ASSIGN_OR_RETURN(auto options, wire::FreeOptionsFromJson(o));
                 RETURN_IF_ERROR(fs->Free(path, options));
                 ReplyEmpty(res);
                 return Status::OK();
               });
  AddPathRoute(router, "POST", "get-status",
               [fs](const std::string& path, const json& o, net::HttpRequest&,
                    net::HttpResponse& res) -> Status {
                 ASSIGN_OR_RETURN(auto options, wire::GetStatusOptionsFromJson(o));
                 ASSIGN_OR_RETURN(wire::FileInfo info, fs->GetStatus(path, options));
                 ReplyJson(res, json(info));
                 return Status::OK();
               });
  AddPathRoute(router, "POST", "list-status",
               [fs](const std::string& path, const json& o, net::HttpRequest&,
                    net::HttpResponse& res) -> Status {
                 ASSIGN_OR_RETURN(auto options, wire::ListStatusOptionsFromJson(o));
                 json out = json::array();
                 RETURN_IF_ERROR(fs->ListStatus(path, options, [&](wire::FileInfo&& f) {
                   out.push_back(json(f));
                   return Status::OK();
                 }));
                 ReplyJson(res, out);
                 return Status::OK();
               });
  AddPathRoute(router, "POST", "mount",
               [fs](const std::string& path, const json& o, net::HttpRequest& req,
                    net::HttpResponse& res) -> Status {
                 ASSIGN_OR_RETURN(std::string src, RequiredQuery(req, "src"));
                 ASSIGN_OR_RETURN(auto options, wire::MountOptionsFromJson(o));
                 RETURN_IF_ERROR(fs->Mount(path, src, options));
                 ReplyEmpty(res);
                 return Status::OK();
               });
  AddPathRoute(router, "POST", "open-file",
               [fs, streams](const std::string& path, const json& o, net::HttpRequest&,
                             net::HttpResponse& res) -> Status {
                 ASSIGN_OR_RETURN(auto options, wire::OpenFileOptionsFromJson(o));
                 ASSIGN_OR_RETURN(auto in, fs->OpenFile(path, options));
                 ReplyJson(res, streams->Add(std::move(in)));
                 return Status::OK();
               });
  AddPathRoute(router, "POST", "rename",
               [fs](const std::string& path, const json& o, net::HttpRequest& req,
                    net::HttpResponse& res) -> Status {
                 ASSIGN_OR_RETURN(std::string dst, RequiredQuery(req, "dst"));
                 ASSIGN_OR_RETURN(auto options, wire::RenameOptionsFromJson(o));
                 RETURN_IF_ERROR(fs->Rename(path, dst, options));
                 ReplyEmpty(res);
                 return Status::OK();
               });
  AddPathRoute(router, "POST", "set-attribute",
               [fs](const std::string& path, const json& o, net::HttpRequest&,
                    net::HttpResponse& res) -> Status {
                 ASSIGN_OR_RETURN(auto options, wire::SetAttributeOptionsFromJson(o));
                 RETURN_IF_ERROR(fs->SetAttribute(path, options));
                 ReplyEmpty(res);
                 return Status::OK();
               });
  AddPathRoute(router, "POST", "unmount",
               [fs](const std::string& path, const json& o, net::HttpRequest&,
                    net::HttpResponse& res) -> Status {
                 ASSIGN_OR_RETURN(auto options, wire::UnmountOptionsFromJson(o));
                 (void)options;
                 RETURN_IF_ERROR(fs->Unmount(path));
                 ReplyEmpty(res);
                 return Status::OK();
               });
  AddPathRoute(router, "GET", "download-file",
               [fs](const std::string& path, const json&, net::HttpRequest&,
                    net::HttpResponse& res) -> Status {
                 ASSIGN_OR_RETURN(auto in, fs->OpenFile(path, {}));
                 std::shared_ptr<client::FileInStream> shared(std::move(in));
                 res.headers.Set("Content-Type", "application/octet-stream");
                 res.headers.Set("Content-Disposition",
                                 "attachment; filename=" + std::string(BaseName(path)));
                 res.headers.Set("Content-Length", std::to_string(shared->length()));
                 res.stream = [shared](net::BodyWriter& w) -> Status {
                   std::vector<char> buf(kChunk);
                   for (;;) {
                     ASSIGN_OR_RETURN(size_t n, shared->Read(buf.data(), buf.size()));
                     if (n == 0) return Status::OK();
                     RETURN_IF_ERROR(w.Write(std::string_view(buf.data(), n)));
                   }
                 };
                 return Status::OK();
               });

  // ---- Streams ----
  router.Add(
      "POST", "/api/v1/streams/{id}/read",
      [streams](net::HttpRequest& req, net::HttpResponse& res) {
        auto id = StreamId(req);
        if (!id.ok()) return Fail(res, id.status());
        auto stream = streams->CheckOut(*id);
        if (!stream.ok()) return Fail(res, stream.status());
        auto* in = std::get_if<std::unique_ptr<client::FileInStream>>(&*stream);
        if (!in) {
          streams->Return(*id, std::move(*stream));
          return Fail(res,
                      Status::InvalidArgument(StrCat("Stream ", *id, " was opened for writing")));
        }
        // The stream goes back to the registry once the body is sent (or fails).
        struct Holder {
          Holder(StreamRegistry* r, int64_t i, AnyStream s)
              : streams(r), id(i), stream(std::move(s)) {}
          Holder(const Holder&) = delete;
          Holder& operator=(const Holder&) = delete;
          ~Holder() { streams->Return(id, std::move(stream)); }
          StreamRegistry* streams;
          int64_t id;
          AnyStream stream;
        };
        auto holder = std::make_shared<Holder>(streams, *id, std::move(*stream));
        auto& s = std::get<std::unique_ptr<client::FileInStream>>(holder->stream);
        // Our extension for `alluxio shell`: `?offset=N` seeks before reading (a 2.x
        // proxy has no seek; its clients read forward only).
        if (auto offset = req.Query("offset")) {
          int64_t pos = 0;
          if (!ParseInt64(*offset, &pos)) {
            return Fail(res,
                        Status::InvalidArgument("offset \"" + *offset + "\" is not an integer"));
          }
          Status st = s->Seek(pos);
          if (!st.ok()) return Fail(res, st);
        }
        res.headers.Set("Content-Type", "application/octet-stream");
        res.headers.Set("Content-Length", std::to_string(s->length() - s->position()));
        res.stream = [holder](net::BodyWriter& w) -> Status {
          auto& in = std::get<std::unique_ptr<client::FileInStream>>(holder->stream);
          std::vector<char> buf(kChunk);
          for (;;) {
            ASSIGN_OR_RETURN(size_t n, in->Read(buf.data(), buf.size()));
            if (n == 0) return Status::OK();
            RETURN_IF_ERROR(w.Write(std::string_view(buf.data(), n)));
          }
        };
      });
  net::RouteOptions streamed;
  streamed.stream_request_body = true;
  router.Add(
      "POST", "/api/v1/streams/{id}/write",
      [streams](net::HttpRequest& req, net::HttpResponse& res) {
        auto id = StreamId(req);
        if (!id.ok()) return Fail(res, id.status());
        auto stream = streams->CheckOut(*id);
        if (!stream.ok()) return Fail(res, stream.status());
        auto* out = std::get_if<std::unique_ptr<client::FileOutStream>>(&*stream);
        if (!out) {
          streams->Return(*id, std::move(*stream));
          return Fail(res,
                      Status::InvalidArgument(StrCat("Stream ", *id, " was opened for reading")));
        }
        std::vector<char> buf(kChunk);
        int64_t total = 0;
        Status st;
        for (;;) {
          auto n = req.body_stream->Read(buf.data(), buf.size());
          if (!n.ok()) {
            st = n.status();
            break;
          }
          if (*n == 0) break;
          st = (*out)->Write(std::string_view(buf.data(), *n));
          if (!st.ok()) break;
          total += static_cast<int64_t>(*n);
        }
        streams->Return(*id, std::move(*stream));
        if (!st.ok()) {
          res.keep_alive = false;
          return Fail(res, st);
        }
        ReplyJson(res, total);
      },
      streamed);
  router.Add("POST", "/api/v1/streams/{id}/close",
             [streams](net::HttpRequest& req, net::HttpResponse& res) {
               auto id = StreamId(req);
               if (!id.ok()) return Fail(res, id.status());
               auto stream = streams->CheckOut(*id);
               if (!stream.ok()) return Fail(res, stream.status());
               streams->Remove(*id);
               Status st;
               if (auto* out = std::get_if<std::unique_ptr<client::FileOutStream>>(&*stream)) {
                 st = (*out)->Close();  // completes the file
               }
               if (!st.ok()) return Fail(res, st);
               ReplyEmpty(res);
             });

  router.Add("GET", "/api/v1/proxy/info", [info](net::HttpRequest&, net::HttpResponse& res) {
    ProxyInfo i = info();
    ReplyJson(res, json{{"configuration", i.configuration},
                        {"startTimeMs", i.start_time_ms},
                        {"uptimeMs", i.uptime_ms},
                        {"version", i.version}});
  });
}

void AddAdminRoutes(net::Router& router, client::FileSystem* fs, MasterGet master_get) {
  const std::string base = "/api/v1/proxy/admin/";
  auto get_json = [master_get](const std::string& target) -> Result<json> {
    ASSIGN_OR_RETURN(std::string body, master_get(target));
    return wire::ParseJson(body);
  };
  router.Add("GET", base + "report", [fs, get_json](net::HttpRequest&, net::HttpResponse& res) {
    auto master = get_json("/api/v1/master/info");
    if (!master.ok()) return Fail(res, master.status());
    auto workers = fs->ListWorkers();
    if (!workers.ok()) return Fail(res, workers.status());
    auto capacity = fs->Capacity();
    if (!capacity.ok()) return Fail(res, capacity.status());
    int live = 0, lost = 0;
    json ws = json::array();
    for (const auto& w : *workers) {
      (w.state == "LIVE" ? live : lost)++;
      ws.push_back(json(w));
    }
    json tiers = json::array();
    for (const auto& t : *capacity) tiers.push_back(json(t));
    ReplyJson(res, json{{"master", *master},
                        {"liveWorkers", live},
                        {"lostWorkers", lost},
                        {"capacity", tiers},
                        {"workers", ws}});
  });
  router.Add("GET", base + "workers", [fs](net::HttpRequest&, net::HttpResponse& res) {
    auto workers = fs->ListWorkers();
    if (!workers.ok()) return Fail(res, workers.status());
    json ws = json::array();
    for (const auto& w : *workers) ws.push_back(json(w));
    ReplyJson(res, ws);
  });
  router.Add("GET", base + "mounts", [fs](net::HttpRequest&, net::HttpResponse& res) {
    auto mounts = fs->GetMountTable();
    if (!mounts.ok()) return Fail(res, mounts.status());
    json out = json::array();
    for (const auto& m : *mounts) out.push_back(json(m));
    ReplyJson(res, out);
  });
  router.Add("GET", base + "metrics", [get_json](net::HttpRequest&, net::HttpResponse& res) {
    auto metrics = get_json("/metrics/json/");
    if (!metrics.ok()) return Fail(res, metrics.status());
    ReplyJson(res, *metrics);
  });
  router.Add("POST", base + "mount", [fs](net::HttpRequest& req, net::HttpResponse& res) {
    auto path = RequiredQuery(req, "path");
    if (!path.ok()) return Fail(res, path.status());
    auto src = RequiredQuery(req, "src");
    if (!src.ok()) return Fail(res, src.status());
    auto body = OptionsBody(req);
    if (!body.ok()) return Fail(res, body.status());
    auto options = wire::MountOptionsFromJson(*body);
    if (!options.ok()) return Fail(res, options.status());
    Status st = fs->Mount(*path, *src, *options);
    if (!st.ok()) return Fail(res, st);
    ReplyEmpty(res);
  });
  router.Add("POST", base + "persist", [fs](net::HttpRequest& req, net::HttpResponse& res) {
    auto path = RequiredQuery(req, "path");
    if (!path.ok()) return Fail(res, path.status());
    Status st = fs->ScheduleAsyncPersistence(*path);
    if (!st.ok()) return Fail(res, st);
    ReplyEmpty(res);
  });
  router.Add("POST", base + "unmount", [fs](net::HttpRequest& req, net::HttpResponse& res) {
    auto path = RequiredQuery(req, "path");
    if (!path.ok()) return Fail(res, path.status());
    Status st = fs->Unmount(*path);
    if (!st.ok()) return Fail(res, st);
    ReplyEmpty(res);
  });
}

}  // namespace alluxio::proxy
