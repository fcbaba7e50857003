// JSON codec for worker_types.h. Parsing fails with INVALID_ARGUMENT naming the bad key.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "lib/common/result.h"
#include "lib/wire/worker_types.h"

namespace alluxio::wire {

void to_json(nlohmann::json& j, const TierUsage& t);
void to_json(nlohmann::json& j, const RegisterWorkerRequest& r);
void to_json(nlohmann::json& j, const HeartbeatRequest& r);
void to_json(nlohmann::json& j, const HeartbeatResponse& r);
void to_json(nlohmann::json& j, const WorkerInfo& w);

Result<RegisterWorkerRequest> RegisterWorkerRequestFromJson(const nlohmann::json& j);
Result<HeartbeatRequest> HeartbeatRequestFromJson(const nlohmann::json& j);
Result<HeartbeatResponse> HeartbeatResponseFromJson(const nlohmann::json& j);
Result<WorkerInfo> WorkerInfoFromJson(const nlohmann::json& j);

void to_json(nlohmann::json& j, const MountUfsInfo& m);
void to_json(nlohmann::json& j, const PersistFileRequest& r);
void to_json(nlohmann::json& j, const WriteFileResponse& r);
Result<MountUfsInfo> MountUfsInfoFromJson(const nlohmann::json& j);
Result<PersistFileRequest> PersistFileRequestFromJson(const nlohmann::json& j);
Result<WriteFileResponse> WriteFileResponseFromJson(const nlohmann::json& j);
void to_json(nlohmann::json& j, const MasterInfo& m);
// Reads the keys of the master's info route (all optional); extra keys are skipped.
Result<MasterInfo> MasterInfoFromJson(const nlohmann::json& j);

}  // namespace alluxio::wire
