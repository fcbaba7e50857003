#include "server/proxy/proxy_process.h"

#include <algorithm>

#include "lib/common/strings.h"
#include "lib/conf/property_key.h"
#include "lib/net/standard_routes.h"
#include "server/proxy/rest_service.h"

namespace alluxio::proxy {

Result<ProxyProcessOptions> ProxyOptionsFromConfiguration(const conf::Configuration& conf) {
  ProxyProcessOptions o;
  ASSIGN_OR_RETURN(o.bind_host, conf.GetString("alluxio.proxy.web.bind.host"));
  ASSIGN_OR_RETURN(int64_t port, conf.GetInt("alluxio.proxy.web.port"));
  o.web_port = static_cast<int>(port);
  ASSIGN_OR_RETURN(o.stream_timeout_ms, conf.GetDurationMs("alluxio.proxy.stream.cache.timeout"));
  ASSIGN_OR_RETURN(int64_t threads, conf.GetInt("alluxio.network.server.threads"));
  o.http_threads = static_cast<int>(threads);
  ASSIGN_OR_RETURN(o.idle_timeout_ms, conf.GetDurationMs("alluxio.network.server.idle.timeout"));
  ASSIGN_OR_RETURN(o.shutdown_timeout_ms,
                   conf.GetDurationMs("alluxio.network.server.shutdown.timeout"));
  o.version = conf.GetStringOr(std::string(conf::keys::kVersion), "2.9.3");
  ASSIGN_OR_RETURN(o.client, client::ClientOptionsFromConfiguration(conf));
  ASSIGN_OR_RETURN(o.metadata_cache, client::MetadataCacheOptionsFromConfiguration(conf));
  ASSIGN_OR_RETURN(o.s3, S3OptionsFromConfiguration(conf));
  for (const conf::ConfigEntry& e : conf.Entries()) {
    o.configuration[e.key] = e.declared && e.declared->secret ? "******" : e.value;
  }
  return o;
}

ProxyProcess::ProxyProcess(ProxyProcessOptions options, Logger* logger, Clock* clock)
    : options_(std::move(options)), logger_(logger), clock_(clock) {}

ProxyProcess::~ProxyProcess() { Stop(); }

Status ProxyProcess::Start() {
  start_time_ms_ = clock_->NowMs();
  // One metadata cache for the proxy and every S3 user: a write through any of them drops the
  // statuses all of them cached for what it changed.
  std::shared_ptr<client::MetadataCache> cache;
  if (options_.metadata_cache.enabled) {
    cache = std::make_shared<client::MetadataCache>(options_.metadata_cache, clock_);
  }
  auto native = std::make_unique<client::NativeFileSystem>(options_.client);
  native_ = native.get();
  fs_ = client::WithMetadataCache(std::move(native), cache, options_.client.user);
  streams_ = std::make_unique<StreamRegistry>(clock_, options_.stream_timeout_ms,
                                              /*busy_wait_ms=*/2'000);
  net::Router router;
  AddRestRoutes(router, fs_.get(), streams_.get(), [this] {
    ProxyInfo i;
    i.start_time_ms = start_time_ms_;
    i.uptime_ms = clock_->NowMs() - start_time_ms_;
    i.version = options_.version;
    i.configuration = options_.configuration;
    return i;
  });
  // S3 requests run as the user their credentials name; without users (NOSASL) as the proxy.
  S3UserFileSystems::Factory per_user;
  if (!options_.client.user.empty()) {
    per_user = [client = options_.client, cache](const std::string& user) {
      client::ClientOptions o = client;
      o.user = user;
      return client::WithMetadataCache(std::make_unique<client::NativeFileSystem>(o), cache, user);
    };
  }
  s3_users_ = std::make_unique<S3UserFileSystems>(fs_.get(), std::move(per_user));
  s3_ = std::make_unique<S3Service>(options_.s3, s3_users_.get(), logger_, clock_);
  // On a worker's host, cached objects go out from the tier files with sendfile(2). The
  // request's own user already passed the permission checks when it got the object's status.
  s3_->SetLocalReader(
      [this](const wire::FileInfo& info, int64_t first, int64_t length, bool may_block) {
        return native_->OpenLocalRegions(info, first, length, /*remembered_only=*/!may_block);
      });
  s3_->AddRoutes(router, "/api/v1/s3");
  AddAdminRoutes(router, fs_.get(),
                 [this](const std::string& target) { return native_->GetMaster(target); });
  net::AddStandardRoutes(router, &metrics_);
  net::HttpServerOptions so;
  so.bind_host = options_.bind_host;
  so.port = options_.web_port;
  so.threads = options_.http_threads;
  so.idle_timeout_ms = options_.idle_timeout_ms;
  so.shutdown_timeout_ms = options_.shutdown_timeout_ms;
  so.name = "proxy";
  server_ = std::make_unique<net::HttpServer>(so, std::move(router), logger_, &metrics_);
  RETURN_IF_ERROR(server_->Start());
  int64_t period = std::clamp<int64_t>(options_.stream_timeout_ms / 4, 10, 60'000);
  if (options_.s3.multipart_cleaner_enabled) period = std::min(period, s3_->CleanerPeriodMs());
  sweeper_.Start(period, [this] {
    int n = streams_->Sweep();
    if (n > 0) logger_->Info("proxy", StrCat("Closed ", n, " idle stream(s)"));
    if (options_.s3.multipart_cleaner_enabled) s3_->CleanAbandonedUploads();
  });
  logger_->Info("proxy", StrCat("Alluxio proxy started on port ", web_port(), ", master ",
                                options_.client.master_host, ":", options_.client.master_rpc_port));
  return Status::OK();
}

void ProxyProcess::Stop() {
  sweeper_.Stop();
  if (server_) server_->Stop();
}

int ProxyProcess::web_port() const { return server_ ? server_->port() : 0; }

}  // namespace alluxio::proxy
