#include "server/master/master_process.h"

#include <algorithm>

#include "lib/common/strings.h"
#include "lib/common/user.h"
#include "lib/conf/property_key.h"
#include "lib/net/standard_routes.h"

namespace alluxio::master {
namespace {

Result<int> ParseUmask(const std::string& text) {
  int value = 0;
  if (text.empty() || text.size() > 4) {
    return Status::InvalidArgument("Invalid umask \"" + text +
                                   "\" for alluxio.security.authorization.permission.umask: "
                                   "expected 3 or 4 octal digits such as 022");
  }
  for (char c : text) {
    if (c < '0' || c > '7') {
      return Status::InvalidArgument("Invalid umask \"" + text +
                                     "\" for alluxio.security.authorization.permission.umask: "
                                     "expected octal digits such as 022");
    }
    value = value * 8 + (c - '0');
  }
  return value & 0777;
}

}  // namespace

Result<MasterProcessOptions> MasterOptionsFromConfiguration(const conf::Configuration& conf) {
  namespace k = conf::keys;
  MasterProcessOptions o;
  ASSIGN_OR_RETURN(o.hostname, conf.GetString(k::kMasterHostname));
  ASSIGN_OR_RETURN(o.bind_host, conf.GetString(k::kMasterBindHost));
  ASSIGN_OR_RETURN(int64_t rpc, conf.GetInt(k::kMasterRpcPort));
  ASSIGN_OR_RETURN(int64_t web, conf.GetInt(k::kMasterWebPort));
  o.rpc_port = static_cast<int>(rpc);
  o.web_port = static_cast<int>(web);
  ASSIGN_OR_RETURN(std::string metastore, conf.GetEnum(k::kMasterMetastore));
  o.metastore_rocks = metastore == "ROCKS";
  ASSIGN_OR_RETURN(o.metastore_dir, conf.GetString(k::kMasterMetastoreDir));
  ASSIGN_OR_RETURN(int64_t cache, conf.GetInt("alluxio.master.metastore.inode.cache.max.size"));
  o.inode_cache_size = static_cast<size_t>(std::max<int64_t>(cache, 0));
  ASSIGN_OR_RETURN(o.ttl_check_interval_ms, conf.GetDurationMs(k::kMasterTtlCheckerInterval));
  ASSIGN_OR_RETURN(o.worker_timeout_ms, conf.GetDurationMs(k::kMasterWorkerTimeout));
  ASSIGN_OR_RETURN(std::string auth, conf.GetEnum(k::kSecurityAuthenticationType));
  o.authentication_enabled = auth != "NOSASL";
  ASSIGN_OR_RETURN(int64_t threads, conf.GetInt("alluxio.network.server.threads"));
  o.http_threads = static_cast<int>(threads);
  ASSIGN_OR_RETURN(int64_t header, conf.GetBytes("alluxio.network.server.max.header.size"));
  ASSIGN_OR_RETURN(int64_t body, conf.GetBytes("alluxio.network.server.max.body.size"));
  o.max_header_bytes = static_cast<size_t>(header);
  o.max_body_bytes = static_cast<size_t>(body);
  ASSIGN_OR_RETURN(o.idle_timeout_ms, conf.GetDurationMs("alluxio.network.server.idle.timeout"));
  ASSIGN_OR_RETURN(o.shutdown_timeout_ms,
                   conf.GetDurationMs("alluxio.network.server.shutdown.timeout"));
  o.version = conf.GetStringOr(k::kVersion, "2.9.3");
  ASSIGN_OR_RETURN(o.persistence.scheduler_interval_ms,
                   conf.GetDurationMs("alluxio.master.persistence.scheduler.interval"));
  ASSIGN_OR_RETURN(o.persistence.initial_wait_ms,
                   conf.GetDurationMs("alluxio.user.file.persistence.initial.wait.time"));
  ASSIGN_OR_RETURN(o.persistence.initial_interval_ms,
                   conf.GetDurationMs("alluxio.master.persistence.initial.interval"));
  ASSIGN_OR_RETURN(o.persistence.max_interval_ms,
                   conf.GetDurationMs("alluxio.master.persistence.max.interval"));
  ASSIGN_OR_RETURN(o.persistence.blacklist, conf.GetList("alluxio.master.persistence.blacklist"));

  FileSystemMasterOptions& f = o.fs;
  ASSIGN_OR_RETURN(f.root_ufs, conf.GetString(k::kMasterMountTableRootUfs));
  ASSIGN_OR_RETURN(f.root_read_only, conf.GetBool("alluxio.master.mount.table.root.readonly"));
  ASSIGN_OR_RETURN(f.root_shared, conf.GetBool("alluxio.master.mount.table.root.shared"));
  f.root_properties = conf.WithPrefix("alluxio.master.mount.table.root.option.");
  for (const conf::ConfigEntry& e : conf.Entries()) {
    if (e.value.empty()) continue;
    if (e.key.rfind("alluxio.underfs.", 0) == 0 || e.key.rfind("s3a.", 0) == 0 ||
        e.key.rfind("aws.", 0) == 0) {
      f.ufs_properties[e.key] = e.value;
    }
  }
  ASSIGN_OR_RETURN(f.default_block_size, conf.GetBytes(k::kUserBlockSizeBytesDefault));
  ASSIGN_OR_RETURN(std::string wt, conf.GetEnum(k::kUserFileWriteTypeDefault));
  f.default_write_type = wire::ParseWriteType(wt).value_or(wire::WriteType::kAsyncThrough);
  ASSIGN_OR_RETURN(std::string lt, conf.GetEnum("alluxio.user.file.metadata.load.type"));
  f.default_load_type = wire::ParseLoadMetadataType(lt).value_or(wire::LoadMetadataType::kOnce);
  ASSIGN_OR_RETURN(f.default_sync_interval_ms,
                   conf.GetDurationMs("alluxio.user.file.metadata.sync.interval"));
  ASSIGN_OR_RETURN(f.default_ttl_ms, conf.GetDurationMs("alluxio.user.file.create.ttl"));
  ASSIGN_OR_RETURN(std::string ta, conf.GetEnum("alluxio.user.file.create.ttl.action"));
  f.default_ttl_action = wire::ParseTtlAction(ta).value_or(wire::TtlAction::kFree);
  ASSIGN_OR_RETURN(int64_t rmax, conf.GetInt("alluxio.user.file.replication.max"));
  ASSIGN_OR_RETURN(int64_t rmin, conf.GetInt("alluxio.user.file.replication.min"));
  ASSIGN_OR_RETURN(int64_t rdur, conf.GetInt("alluxio.user.file.replication.durable"));
  f.default_replication_max = static_cast<int32_t>(rmax);
  f.default_replication_min = static_cast<int32_t>(rmin);
  f.default_replication_durable = static_cast<int32_t>(rdur);
  ASSIGN_OR_RETURN(f.default_persistence_wait_ms,
                   conf.GetDurationMs("alluxio.user.file.persistence.initial.wait.time"));
  ASSIGN_OR_RETURN(f.default_delete_unchecked, conf.GetBool("alluxio.user.file.delete.unchecked"));
  ASSIGN_OR_RETURN(std::string umask, conf.GetString(k::kSecurityPermissionUmask));
  ASSIGN_OR_RETURN(f.umask, ParseUmask(umask));
  ASSIGN_OR_RETURN(f.permission_enabled, conf.GetBool(k::kSecurityPermissionEnabled));
  f.permission_enabled = f.permission_enabled && o.authentication_enabled;
  f.superuser = conf.GetStringOr(k::kSecurityLoginUsername, "");
  if (f.superuser.empty()) f.superuser = CurrentUserName();
  ASSIGN_OR_RETURN(f.supergroup,
                   conf.GetString("alluxio.security.authorization.permission.supergroup"));
  ASSIGN_OR_RETURN(f.journal_sync, conf.GetBool("alluxio.master.journal.sync.enabled"));
  return o;
}

MasterProcess::MasterProcess(MasterProcessOptions options, Logger* logger, Clock* clock)
    : options_(std::move(options)),
      logger_(logger),
      clock_(clock),
      ufs_registry_(ufs::UfsRegistry::WithBuiltins()) {}

MasterProcess::~MasterProcess() { Stop(); }

Status MasterProcess::Start() {
  start_time_ms_ = clock_->NowMs();
  if (options_.metastore_rocks) {
    RocksInodeStoreOptions ro;
    ro.dir = options_.metastore_dir;
    ASSIGN_OR_RETURN(auto rocks, OpenRocksInodeStore(ro));
    store_ = NewCachingInodeStore(std::move(rocks), options_.inode_cache_size);
  } else {
    store_ = NewHeapInodeStore();
  }
  fs_ = std::make_unique<FileSystemMaster>(options_.fs, store_.get(), &ufs_registry_, clock_,
                                           logger_, &metrics_);
  blocks_ = std::make_unique<BlockMaster>(clock_, logger_, &metrics_, options_.worker_timeout_ms);
  fs_->SetBlockService(blocks_.get());
  RETURN_IF_ERROR(fs_->Start());
  callers_ = std::make_unique<CallerResolver>(options_.authentication_enabled, clock_);
  persistence_ = std::make_unique<PersistenceScheduler>(options_.persistence, fs_.get(),
                                                        blocks_.get(), clock_, logger_, &metrics_);

  auto server_options = [&](int port, const char* name) {
    net::HttpServerOptions so;
    so.bind_host = options_.bind_host;
    so.port = port;
    so.threads = options_.http_threads;
    so.max_header_bytes = options_.max_header_bytes;
    so.max_body_bytes = options_.max_body_bytes;
    so.idle_timeout_ms = options_.idle_timeout_ms;
    so.shutdown_timeout_ms = options_.shutdown_timeout_ms;
    so.name = name;
    return so;
  };
  auto info = [this] {
    MasterInfo i;
    i.rpc_address = options_.hostname + ":" + std::to_string(rpc_port());
    i.web_port = web_port();
    i.start_time_ms = start_time_ms_;
    i.version = options_.version;
    return i;
  };
  net::Router rpc;
  AddMasterRpcRoutes(rpc, fs_.get(), callers_.get());
  AddMasterInfoRoute(rpc, fs_.get(), clock_, info);
  AddBlockMasterRoutes(rpc, blocks_.get(), fs_.get());
  net::AddStandardRoutes(rpc, &metrics_);
  rpc_server_ = std::make_unique<net::HttpServer>(server_options(options_.rpc_port, "master"),
                                                  std::move(rpc), logger_, &metrics_);
  RETURN_IF_ERROR(rpc_server_->Start());

  net::Router web;
  AddMasterWebRoutes(web, fs_.get(), &metrics_, clock_, info);
  web_server_ = std::make_unique<net::HttpServer>(server_options(options_.web_port, "master.web"),
                                                  std::move(web), logger_, &metrics_);
  RETURN_IF_ERROR(web_server_->Start());

  background_thread_ = std::thread([this] { BackgroundLoop(); });
  logger_->Info("master", StrCat("Alluxio master ", options_.version, " started: rpc port ",
                                 rpc_port(), ", web port ", web_port(), ", metastore ",
                                 options_.metastore_rocks ? options_.metastore_dir : "HEAP"));
  return Status::OK();
}

void MasterProcess::BackgroundLoop() {
  const int64_t lost_check_ms = std::clamp<int64_t>(options_.worker_timeout_ms / 4, 10, 10'000);
  int64_t next_ttl = clock_->MonotonicMs() + options_.ttl_check_interval_ms;
  int64_t next_lost = clock_->MonotonicMs() + lost_check_ms;
  const int64_t persist_ms = std::max<int64_t>(options_.persistence.scheduler_interval_ms, 10);
  int64_t next_persist = clock_->MonotonicMs() + persist_ms;
  std::unique_lock<std::mutex> lock(background_mu_);
  while (!stopping_) {
    int64_t wait =
        std::max<int64_t>(1, std::min({next_ttl, next_lost, next_persist}) - clock_->MonotonicMs());
    background_cv_.wait_for(lock, std::chrono::milliseconds(wait), [this] { return stopping_; });
    if (stopping_) break;
    lock.unlock();
    int64_t now = clock_->MonotonicMs();
    if (now >= next_lost) {
      blocks_->DetectLostWorkers();
      next_lost = now + lost_check_ms;
    }
    if (now >= next_ttl) {
      auto acted = fs_->CheckTtl();
      if (!acted.ok()) logger_->Warn("master", "TTL check failed: " + acted.status().ToString());
      next_ttl = now + std::max<int64_t>(options_.ttl_check_interval_ms, 10);
    }
    if (now >= next_persist) {
      persistence_->RunOnce();
      next_persist = clock_->MonotonicMs() + persist_ms;
    }
    lock.lock();
  }
}

void MasterProcess::Stop() {
  {
    std::lock_guard<std::mutex> lock(background_mu_);
    stopping_ = true;
  }
  background_cv_.notify_all();
  if (background_thread_.joinable()) background_thread_.join();
  if (rpc_server_) rpc_server_->Stop();
  if (web_server_) web_server_->Stop();
  if (store_) {
    Status st = store_->Sync();
    if (!st.ok()) logger_->Warn("master", "Final metastore sync failed: " + st.ToString());
  }
}

int MasterProcess::rpc_port() const { return rpc_server_ ? rpc_server_->port() : 0; }
int MasterProcess::web_port() const { return web_server_ ? web_server_->port() : 0; }

}  // namespace alluxio::master
