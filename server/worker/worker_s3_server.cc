#include "server/worker/worker_s3_server.h"

#include <fcntl.h>

#include <algorithm>

#include "lib/client/block_regions.h"
#include "lib/common/strings.h"
#include "lib/net/standard_routes.h"
#include "server/proxy/s3_protocol.h"

namespace alluxio::worker {

Result<WorkerS3Options> WorkerS3OptionsFromConfiguration(const conf::Configuration& conf) {
  WorkerS3Options o;
  ASSIGN_OR_RETURN(o.enabled, conf.GetBool("alluxio.worker.s3.api.enabled"));
  ASSIGN_OR_RETURN(int64_t port, conf.GetInt("alluxio.worker.rest.port"));
  if (port < 0 || port > 65535) {
    return Status::InvalidArgument(StrCat("Invalid alluxio.worker.rest.port ", port));
  }
  o.rest_port = static_cast<int>(port);
  ASSIGN_OR_RETURN(o.redirect, conf.GetBool("alluxio.worker.s3.redirect.enabled"));
  if (!o.enabled) return o;
  ASSIGN_OR_RETURN(o.s3, proxy::S3OptionsFromConfiguration(conf));
  ASSIGN_OR_RETURN(o.client, client::ClientOptionsFromConfiguration(conf));
  ASSIGN_OR_RETURN(o.metadata_cache, client::MetadataCacheOptionsFromConfiguration(conf));
  return o;
}

WorkerS3Server::WorkerS3Server(WorkerS3Options options, std::string self_host, BlockStore* store,
                               net::HttpServerOptions server_options, Logger* logger, Clock* clock,
                               MetricsRegistry* metrics)
    : options_(std::move(options)),
      self_host_(std::move(self_host)),
      store_(store),
      server_options_(std::move(server_options)),
      logger_(logger),
      clock_(clock),
      metrics_(metrics) {}

WorkerS3Server::~WorkerS3Server() { Stop(); }

Status WorkerS3Server::Start() {
  std::shared_ptr<client::MetadataCache> cache;  // shared by all users, as on the proxy
  if (options_.metadata_cache.enabled) {
    cache = std::make_shared<client::MetadataCache>(options_.metadata_cache, clock_);
  }
  fs_ = client::WithMetadataCache(std::make_unique<client::NativeFileSystem>(options_.client),
                                  cache, options_.client.user);
  // Owners as a remote client sees them: holders first, else the hash of the block id. No
  // local-host preference, or every worker would call itself the owner.
  picker_ = std::make_unique<client::WorkerPicker>([this] { return fs_->ListWorkers(); },
                                                   /*local_host=*/"");
  proxy::S3UserFileSystems::Factory per_user;
  if (!options_.client.user.empty()) {
    per_user = [client = options_.client, cache](const std::string& user) {
      client::ClientOptions o = client;
      o.user = user;
      return client::WithMetadataCache(std::make_unique<client::NativeFileSystem>(o), cache, user);
    };
  }
  users_ = std::make_unique<proxy::S3UserFileSystems>(fs_.get(), std::move(per_user));
  s3_ = std::make_unique<proxy::S3Service>(options_.s3, users_.get(), logger_, clock_);
  if (store_ != nullptr) {
    s3_->SetLocalReader(
        [this](const wire::FileInfo& info, int64_t first, int64_t length, bool may_block) {
          return LocalRegions(info, first, length, may_block);
        });
  }
  net::Router router;
  net::AddStandardRoutes(router, metrics_);
  proxy::S3Service::Hook hook;
  if (options_.redirect) hook = [this](proxy::S3Call& call) { return MaybeRedirect(call); };
  s3_->AddRoutes(router, "", std::move(hook));
  net::HttpServerOptions so = server_options_;
  so.port = options_.rest_port;
  so.name = "worker.s3";
  server_ = std::make_unique<net::HttpServer>(so, std::move(router), logger_, metrics_);
  RETURN_IF_ERROR(server_->Start());
  if (options_.s3.multipart_cleaner_enabled) {
    cleaner_.Start(s3_->CleanerPeriodMs(), [this] {
      int n = s3_->CleanAbandonedUploads();
      if (n > 0) logger_->Info("worker", StrCat("Aborted ", n, " abandoned multipart upload(s)"));
    });
  }
  logger_->Info("worker",
                StrCat("S3 API on port ", port(), options_.redirect ? " (redirect mode)" : ""));
  return Status::OK();
}

void WorkerS3Server::Stop() {
  cleaner_.Stop();
  if (server_) server_->Stop();
}

int WorkerS3Server::port() const { return server_ ? server_->port() : 0; }

std::optional<std::vector<net::FileBody>> WorkerS3Server::LocalRegions(const wire::FileInfo& info,
                                                                       int64_t first,
                                                                       int64_t length,
                                                                       bool may_block) {
  return client::BlockRegions(
      info, first, length,
      [this, may_block](const wire::FileBlockInfo& b) -> std::optional<net::FileBody> {
        // On the event loop a block being moved between tiers is left to the pooled handler.
        auto handle = store_->LockBlock(b.block_info.block_id, /*wait_if_busy=*/may_block);
        if (!handle.ok() || handle->length() != b.block_info.length) return std::nullopt;
        int fd = ::open(handle->path().c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) return std::nullopt;
        return net::FileBody{UniqueFd(fd), 0, 0,
                             std::make_shared<BlockReadHandle>(std::move(*handle))};
      });
}

bool WorkerS3Server::MaybeRedirect(proxy::S3Call& call) {
  const net::HttpRequest& q = call.http;
  if (q.method != "GET" || call.bucket.empty() || call.key.empty() || EndsWith(call.key, "/")) {
    return false;
  }
  for (std::string_view sub : {"uploadId", "tagging", "acl", "torrent", "attributes"}) {
    if (q.HasQuery(sub)) return false;
  }
  auto path = proxy::ObjectPath(call.bucket, call.key);
  if (!path.ok()) return false;
  // Any failure here (missing object, master unreachable) is left to GetObject to report.
  auto info = call.fs->GetStatus(*path);
  if (!info.ok() || info->folder || !info->completed || info->length == 0 ||
      info->file_block_infos.empty()) {
    return false;
  }
  const wire::BlockInfo& first = info->file_block_infos.front().block_info;
  auto owner = picker_->Pick(first.block_id, first.locations, {});
  if (!owner.ok() || owner->rest_port == 0) return false;  // the owner serves no S3 API
  if (owner->host == self_host_ && owner->rest_port == port()) return false;
  call.res.status = 307;
  call.res.headers.Set("Location", StrCat("http://", owner->host, ":", owner->rest_port, q.target));
  call.res.body.clear();
  return true;
}

}  // namespace alluxio::worker
