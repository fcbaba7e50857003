#include "lib/wire/worker_json.h"

#include <nlohmann/json.hpp>

#include "lib/wire/fs_json.h"

namespace alluxio::wire {
namespace {

using nlohmann::json;

// Runs `fn`, turning nlohmann's type errors into INVALID_ARGUMENT.
template <typename T, typename Fn>
Result<T> Guard(const char* what, Fn&& fn) {
  try {
    return fn();
  } catch (const json::exception& e) {
    return Status::InvalidArgument(std::string("Malformed ") + what + ": " + e.what());
  }
}

std::vector<TierUsage> TiersFrom(const json& j) {
  std::vector<TierUsage> out;
  if (!j.is_array()) return out;
  for (const json& t : j) {
    out.push_back({t.at("alias").get<std::string>(), t.at("capacityBytes").get<int64_t>(),
                   t.at("usedBytes").get<int64_t>()});
  }
  return out;
}

std::map<std::string, std::vector<int64_t>> BlocksFrom(const json& j) {
  std::map<std::string, std::vector<int64_t>> out;
  if (!j.is_object()) return out;
  for (auto it = j.begin(); it != j.end(); ++it) {
    out[it.key()] = it.value().get<std::vector<int64_t>>();
  }
  return out;
}

const char* CommandName(WorkerCommandType t) {
  switch (t) {
    case WorkerCommandType::kRegister:
      return "REGISTER";
    case WorkerCommandType::kFree:
      return "FREE";
    case WorkerCommandType::kNothing:
      break;
  }
  return "NOTHING";
}

}  // namespace

void to_json(json& j, const TierUsage& t) {
  j = {{"alias", t.alias}, {"capacityBytes", t.capacity_bytes}, {"usedBytes", t.used_bytes}};
}

void to_json(json& j, const RegisterWorkerRequest& r) {
  j = {{"address", json(r.address)}, {"tiers", r.tiers}, {"blocks", r.blocks}};
}

void to_json(json& j, const HeartbeatRequest& r) {
  j = {{"workerId", r.worker_id},
       {"tiers", r.tiers},
       {"addedBlocks", r.added_blocks},
       {"removedBlocks", r.removed_blocks}};
}

void to_json(json& j, const HeartbeatResponse& r) {
  j = {{"command", CommandName(r.command)},
       {"freeBlocks", r.free_blocks},
       {"pinnedFileIds", r.pinned_file_ids}};
}

void to_json(json& j, const WorkerInfo& w) {
  j = {{"id", w.id},
       {"address", json(w.address)},
       {"lastContactMs", w.last_contact_ms},
       {"startTimeMs", w.start_time_ms},
       {"state", w.state},
       {"tiers", w.tiers},
       {"blockCount", w.block_count}};
}

Result<RegisterWorkerRequest> RegisterWorkerRequestFromJson(const json& j) {
  return Guard<RegisterWorkerRequest>(
      "worker registration", [&]() -> Result<RegisterWorkerRequest> {
        RegisterWorkerRequest r;
        ASSIGN_OR_RETURN(r.address, WorkerNetAddressFromJson(j.at("address")));
        r.tiers = TiersFrom(j.value("tiers", json::array()));
        r.blocks = BlocksFrom(j.value("blocks", json::object()));
        return r;
      });
}

Result<HeartbeatRequest> HeartbeatRequestFromJson(const json& j) {
  return Guard<HeartbeatRequest>("heartbeat", [&]() -> Result<HeartbeatRequest> {
    HeartbeatRequest r;
    r.worker_id = j.at("workerId").get<int64_t>();
    r.tiers = TiersFrom(j.value("tiers", json::array()));
    r.added_blocks = BlocksFrom(j.value("addedBlocks", json::object()));
    r.removed_blocks = j.value("removedBlocks", std::vector<int64_t>{});
    return r;
  });
}

Result<HeartbeatResponse> HeartbeatResponseFromJson(const json& j) {
  return Guard<HeartbeatResponse>("heartbeat response", [&]() -> Result<HeartbeatResponse> {
    HeartbeatResponse r;
    std::string c = j.value("command", "NOTHING");
    r.command = c == "REGISTER" ? WorkerCommandType::kRegister
                : c == "FREE"   ? WorkerCommandType::kFree
                                : WorkerCommandType::kNothing;
    r.free_blocks = j.value("freeBlocks", std::vector<int64_t>{});
    r.pinned_file_ids = j.value("pinnedFileIds", std::vector<int64_t>{});
    return r;
  });
}

Result<WorkerInfo> WorkerInfoFromJson(const json& j) {
  return Guard<WorkerInfo>("worker info", [&]() -> Result<WorkerInfo> {
    WorkerInfo w;
    w.id = j.at("id").get<int64_t>();
    ASSIGN_OR_RETURN(w.address, WorkerNetAddressFromJson(j.at("address")));
    w.last_contact_ms = j.value("lastContactMs", int64_t{0});
    w.start_time_ms = j.value("startTimeMs", int64_t{0});
    w.state = j.value("state", "LIVE");
    w.tiers = TiersFrom(j.value("tiers", json::array()));
    w.block_count = j.value("blockCount", int64_t{0});
    return w;
  });
}

void to_json(json& j, const MountUfsInfo& m) {
  j = {{"mountId", m.mount_id}, {"ufsUri", m.ufs_uri}, {"properties", m.properties}};
}

void to_json(json& j, const PersistFileRequest& r) {
  j = {{"fileId", r.file_id},   {"path", r.path},     {"ufsPath", r.ufs_path},
       {"mountId", r.mount_id}, {"length", r.length}, {"blockSizeBytes", r.block_size},
       {"mode", r.mode}};
}

void to_json(json& j, const WriteFileResponse& r) {
  j = {{"length", r.length},
       {"blockIds", r.block_ids},
       {"ufsFingerprint", r.ufs_fingerprint},
       {"workerId", r.worker_id},
       {"blocksByTier", r.blocks_by_tier}};
}

Result<MountUfsInfo> MountUfsInfoFromJson(const json& j) {
  return Guard<MountUfsInfo>("mount info", [&]() -> Result<MountUfsInfo> {
    MountUfsInfo m;
    m.mount_id = j.at("mountId").get<int64_t>();
    m.ufs_uri = j.at("ufsUri").get<std::string>();
    m.properties = j.value("properties", json::object()).get<std::map<std::string, std::string>>();
    return m;
  });
}

Result<PersistFileRequest> PersistFileRequestFromJson(const json& j) {
  return Guard<PersistFileRequest>("persist request", [&]() -> Result<PersistFileRequest> {
    PersistFileRequest r;
    r.file_id = j.at("fileId").get<int64_t>();
    r.path = j.value("path", "");
    r.ufs_path = j.at("ufsPath").get<std::string>();
    r.mount_id = j.at("mountId").get<int64_t>();
    r.length = j.at("length").get<int64_t>();
    r.block_size = j.at("blockSizeBytes").get<int64_t>();
    r.mode = j.value("mode", 0644);
    if (r.length < 0 || r.block_size <= 0) {
      return Status::InvalidArgument("Malformed persist request: length " +
                                     std::to_string(r.length) + ", block size " +
                                     std::to_string(r.block_size));
    }
    return r;
  });
}

Result<WriteFileResponse> WriteFileResponseFromJson(const json& j) {
  return Guard<WriteFileResponse>("write response", [&]() -> Result<WriteFileResponse> {
    WriteFileResponse r;
    r.length = j.at("length").get<int64_t>();
    r.block_ids = j.value("blockIds", std::vector<int64_t>{});
    r.ufs_fingerprint = j.value("ufsFingerprint", "");
    r.worker_id = j.value("workerId", int64_t{0});
    r.blocks_by_tier = BlocksFrom(j.value("blocksByTier", json::object()));
    return r;
  });
}

void to_json(json& j, const MasterInfo& m) {
  j = {{"rpcAddress", m.rpc_address},
       {"webPort", m.web_port},
       {"startTimeMs", m.start_time_ms},
       {"uptimeMs", m.uptime_ms},
       {"version", m.version}};
}

Result<MasterInfo> MasterInfoFromJson(const json& j) {
  return Guard<MasterInfo>("master info", [&]() -> Result<MasterInfo> {
    if (!j.is_object()) return Status::InvalidArgument("Malformed master info: not an object");
    MasterInfo m;
    m.rpc_address = j.value("rpcAddress", "");
    m.web_port = j.value("webPort", 0);
    m.start_time_ms = j.value("startTimeMs", int64_t{0});
    m.uptime_ms = j.value("uptimeMs", int64_t{0});
    m.version = j.value("version", "");
    return m;
  });
}

}  // namespace alluxio::wire
