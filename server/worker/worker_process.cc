#include "server/worker/worker_process.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "lib/common/strings.h"
#include "lib/conf/property_key.h"
#include "lib/net/standard_routes.h"
#include "lib/wire/error_body.h"
#include "lib/wire/fs_json.h"
#include "lib/wire/worker_json.h"
#include "server/worker/worker_http_service.h"

namespace alluxio::worker {

using nlohmann::json;

Result<WorkerProcessOptions> WorkerOptionsFromConfiguration(const conf::Configuration& conf) {
  namespace k = conf::keys;
  WorkerProcessOptions o;
  o.hostname = conf.GetStringOr(std::string(k::kWorkerHostname), "");
  if (o.hostname.empty()) o.hostname = "localhost";
  ASSIGN_OR_RETURN(o.bind_host, conf.GetString("alluxio.worker.bind.host"));
  ASSIGN_OR_RETURN(int64_t rpc, conf.GetInt(k::kWorkerRpcPort));
  ASSIGN_OR_RETURN(int64_t web, conf.GetInt(k::kWorkerWebPort));
  o.rpc_port = static_cast<int>(rpc);
  o.web_port = static_cast<int>(web);
  ASSIGN_OR_RETURN(o.master_host, conf.GetString(k::kMasterHostname));
  ASSIGN_OR_RETURN(int64_t master_rpc, conf.GetInt(k::kMasterRpcPort));
  o.master_rpc_port = static_cast<int>(master_rpc);
  ASSIGN_OR_RETURN(o.heartbeat_interval_ms, conf.GetDurationMs(k::kWorkerHeartbeatInterval));
  ASSIGN_OR_RETURN(o.master_timeout_ms, conf.GetDurationMs("alluxio.user.network.timeout"));
  ASSIGN_OR_RETURN(int64_t threads, conf.GetInt("alluxio.network.server.threads"));
  o.http_threads = static_cast<int>(threads);
  ASSIGN_OR_RETURN(o.idle_timeout_ms, conf.GetDurationMs("alluxio.network.server.idle.timeout"));
  ASSIGN_OR_RETURN(o.shutdown_timeout_ms,
                   conf.GetDurationMs("alluxio.network.server.shutdown.timeout"));
  ASSIGN_OR_RETURN(o.store, BlockStoreOptionsFromConfiguration(conf));
  ASSIGN_OR_RETURN(o.s3, WorkerS3OptionsFromConfiguration(conf));
  return o;
}

WorkerProcess::WorkerProcess(WorkerProcessOptions options, Logger* logger, Clock* clock,
                             const ufs::UfsRegistry* registry)
    : options_(std::move(options)),
      logger_(logger),
      clock_(clock),
      own_registry_(ufs::UfsRegistry::WithBuiltins()),
      registry_(registry ? registry : &own_registry_),
      master_client_([this] {
        net::HttpClientOptions h;
        h.connect_timeout_ms = 2'000;
        h.io_timeout_ms = options_.master_timeout_ms;
        h.max_retries = 1;
        return h;
      }()) {}

WorkerProcess::~WorkerProcess() { Stop(); }

Result<std::string> WorkerProcess::CallMaster(const std::string& route, const std::string& body) {
  net::ClientRequest req;
  req.method = "POST";
  req.target = route;
  req.headers.Set("Content-Type", "application/json");
  req.body = body;
  ASSIGN_OR_RETURN(net::ClientResponse res,
                   master_client_.Send(options_.master_host, options_.master_rpc_port, req));
  if (res.status != 200) return wire::StatusFromHttp(res.status, res.body);
  return std::move(res.body);
}

wire::WorkerNetAddress WorkerProcess::Address() const {
  wire::WorkerNetAddress a;
  a.host = options_.hostname;
  a.container_host = "";
  a.rpc_port = rpc_port();
  a.data_port = rpc_port();
  a.web_port = web_port();
  a.rest_port = rest_port();
  return a;
}

Status WorkerProcess::Start() {
  start_time_ms_ = clock_->NowMs();
  ASSIGN_OR_RETURN(store_, BlockStore::Open(options_.store, clock_, logger_, &metrics_));
  ufs_ = std::make_unique<UfsManager>(
      registry_, [this](int64_t mount_id) -> Result<wire::MountUfsInfo> {
        ASSIGN_OR_RETURN(std::string body, CallMaster("/api/v1/master/worker/mount-info",
                                                      json{{"mountId", mount_id}}.dump()));
        ASSIGN_OR_RETURN(json j, wire::ParseJson(body));
        return wire::MountUfsInfoFromJson(j);
      });
  fetcher_ = std::make_unique<BlockFetcher>(store_.get(), logger_, &metrics_);

  auto server_options = [&](int port, const char* name) {
    net::HttpServerOptions so;
    so.bind_host = options_.bind_host;
    so.port = port;
    so.threads = options_.http_threads;
    so.idle_timeout_ms = options_.idle_timeout_ms;
    so.shutdown_timeout_ms = options_.shutdown_timeout_ms;
    so.name = name;
    return so;
  };
  WorkerServices services;
  services.store = store_.get();
  services.fetcher = fetcher_.get();
  services.ufs = ufs_.get();
  services.logger = logger_;
  services.metrics = &metrics_;
  services.pin_until_persisted = [this](int64_t file_id) { PinLocally(file_id); };
  services.info = [this] {
    wire::WorkerInfo i;
    i.id = worker_id_.load();
    i.address = Address();
    i.start_time_ms = start_time_ms_;
    i.last_contact_ms = clock_->NowMs();
    i.state = registered_.load() ? "LIVE" : "UNREGISTERED";
    i.tiers = store_->Usage();
    int64_t blocks = 0;
    for (const auto& [tier, ids] : store_->AllBlocks()) blocks += static_cast<int64_t>(ids.size());
    i.block_count = blocks;
    return i;
  };
  net::Router rpc;
  AddWorkerRoutes(rpc, services);
  net::AddStandardRoutes(rpc, &metrics_);
  rpc_server_ = std::make_unique<net::HttpServer>(server_options(options_.rpc_port, "worker"),
                                                  std::move(rpc), logger_, &metrics_);
  RETURN_IF_ERROR(rpc_server_->Start());
  net::Router web;
  net::AddStandardRoutes(web, &metrics_);
  web.Add("GET", "/api/v1/worker/info", [services](net::HttpRequest&, net::HttpResponse& res) {
    res.Set(200, "application/json", json(services.info()).dump());
  });
  web_server_ = std::make_unique<net::HttpServer>(server_options(options_.web_port, "worker.web"),
                                                  std::move(web), logger_, &metrics_);
  RETURN_IF_ERROR(web_server_->Start());
  if (options_.s3.enabled) {
    // Before registering, so that the address the master records names the REST port.
    WorkerS3Options s3 = options_.s3;
    s3.client.master_host = options_.master_host;
    s3.client.master_rpc_port = options_.master_rpc_port;
    s3_server_ = std::make_unique<WorkerS3Server>(
        std::move(s3), options_.hostname, store_.get(),
        server_options(options_.s3.rest_port, "worker.s3"), logger_, clock_, &metrics_);
    RETURN_IF_ERROR(s3_server_->Start());
  }
  heartbeat_thread_ = std::thread([this] { HeartbeatLoop(); });
  logger_->Info("worker",
                StrCat("Alluxio worker started: rpc port ", rpc_port(), ", web port ", web_port(),
                       ", master ", options_.master_host, ":", options_.master_rpc_port));
  return Status::OK();
}

void WorkerProcess::PinLocally(int64_t file_id) {
  std::lock_guard<std::mutex> lock(pins_mu_);
  local_pins_[file_id] = clock_->MonotonicMs();
  std::unordered_set<int64_t> all(master_pins_.begin(), master_pins_.end());
  for (const auto& [id, since] : local_pins_) all.insert(id);
  store_->SetPinnedFiles(std::move(all));
}

void WorkerProcess::ApplyPins(std::vector<int64_t> master_pins) {
  std::lock_guard<std::mutex> lock(pins_mu_);
  master_pins_ = std::move(master_pins);
  // Once the master lists a file it keeps it pinned until persisted; entries it never lists
  // (the write failed, the file was deleted) expire.
  const int64_t now = clock_->MonotonicMs();
  for (int64_t id : master_pins_) local_pins_.erase(id);
  for (auto it = local_pins_.begin(); it != local_pins_.end();) {
    it = now - it->second > 10 * 60 * 1000 ? local_pins_.erase(it) : std::next(it);
  }
  std::unordered_set<int64_t> all(master_pins_.begin(), master_pins_.end());
  for (const auto& [id, since] : local_pins_) all.insert(id);
  store_->SetPinnedFiles(std::move(all));
}

Status WorkerProcess::Register() {
  wire::RegisterWorkerRequest r;
  r.address = Address();
  // Take the deltas first: the full block list sent now covers them.
  (void)store_->TakeDeltas();
  r.tiers = store_->Usage();
  r.blocks = store_->AllBlocks();
  ASSIGN_OR_RETURN(std::string body, CallMaster("/api/v1/master/worker/register", json(r).dump()));
  ASSIGN_OR_RETURN(json j, wire::ParseJson(body));
  if (!j.contains("workerId") || !j["workerId"].is_number_integer()) {
    return Status::Internal("The master's registration reply has no workerId: " + body);
  }
  worker_id_ = j["workerId"].get<int64_t>();
  registered_ = true;
  logger_->Info("worker", StrCat("Registered with the master as worker ", worker_id_.load()));
  return Status::OK();
}

Status WorkerProcess::Heartbeat() {
  wire::HeartbeatRequest r;
  r.worker_id = worker_id_.load();
  r.tiers = store_->Usage();
  BlockStore::Deltas deltas = store_->TakeDeltas();
  r.added_blocks = deltas.added;
  r.removed_blocks = deltas.removed;
  auto body = CallMaster("/api/v1/master/worker/heartbeat", json(r).dump());
  if (!body.ok()) {
    store_->RestoreDeltas(std::move(deltas));
    return body.status();
  }
  ASSIGN_OR_RETURN(json j, wire::ParseJson(*body));
  ASSIGN_OR_RETURN(wire::HeartbeatResponse reply, wire::HeartbeatResponseFromJson(j));
  ApplyPins(std::move(reply.pinned_file_ids));
  switch (reply.command) {
    case wire::WorkerCommandType::kRegister:
      registered_ = false;
      return Register();
    case wire::WorkerCommandType::kFree:
      for (int64_t id : reply.free_blocks) {
        Status st = store_->RemoveBlock(id);
        if (!st.ok() && st.code() != StatusCode::kNotFound) {
          logger_->Warn("worker", StrCat("Freeing block ", id, ": ", st.ToString()));
        }
      }
      break;
    case wire::WorkerCommandType::kNothing:
      break;
  }
  return Status::OK();
}

void WorkerProcess::HeartbeatLoop() {
  bool warned = false;
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    lock.unlock();
    Status st = registered_ ? Heartbeat() : Register();
    if (!st.ok()) {
      // Keep quiet after the first warning until it works again.
      if (!warned) {
        logger_->Warn("worker",
                      StrCat("Cannot reach the master at ", options_.master_host, ":",
                             options_.master_rpc_port, " (will keep trying): ", st.ToString()));
      }
      warned = true;
    } else if (warned) {
      logger_->Info("worker", "The master is reachable again");
      warned = false;
    }
    lock.lock();
    cv_.wait_for(lock,
                 std::chrono::milliseconds(std::max<int64_t>(options_.heartbeat_interval_ms, 10)),
                 [this] { return stopping_; });
  }
}

void WorkerProcess::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (heartbeat_thread_.joinable()) heartbeat_thread_.join();
  if (s3_server_) s3_server_->Stop();
  if (rpc_server_) rpc_server_->Stop();
  if (web_server_) web_server_->Stop();
  if (fetcher_) fetcher_->Stop();
}

int WorkerProcess::rpc_port() const { return rpc_server_ ? rpc_server_->port() : 0; }
int WorkerProcess::web_port() const { return web_server_ ? web_server_->port() : 0; }
int WorkerProcess::rest_port() const { return s3_server_ ? s3_server_->port() : 0; }

}  // namespace alluxio::worker
