// NativeFileSystem: the FileSystem that talks to the master's RPC (lib/wire/master_rpc.h) and,
// for data, to workers.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lib/client/file_system.h"
#include "lib/client/local_block_lookups.h"
#include "lib/client/worker_picker.h"
#include "lib/conf/configuration.h"
#include "lib/net/http_client.h"

namespace alluxio::client {

struct ClientOptions {
  std::string master_host = "localhost";
  int master_rpc_port = 19998;
  // Sent as X-Alluxio-User; empty = send none (NOSASL).
  std::string user;
  int64_t timeout_ms = 30'000;
  int64_t list_batch_size = 1000;
  wire::WriteType default_write_type = wire::WriteType::kAsyncThrough;
  wire::ReadType default_read_type = wire::ReadType::kCache;
  // alluxio.user.block.size.bytes.default: block size of the files this client creates.
  int64_t default_block_size = 64LL << 20;
  // This machine as workers name themselves (alluxio.user.hostname), for local-first reads.
  std::string local_host = "localhost";
  // Longest silence on a data connection (a cold read may wait for a slow UFS).
  int64_t data_timeout_ms = 120'000;
  // alluxio.user.short.circuit.enabled: read blocks cached by a worker on this host from its
  // tier file directly.
  bool short_circuit = true;
};

// Reads alluxio.master.hostname / rpc.port, the login user (alluxio.security.login.username,
// else the OS user; none under NOSASL), alluxio.user.network.timeout, the default read and write
// types and alluxio.user.hostname.
Result<ClientOptions> ClientOptionsFromConfiguration(const conf::Configuration& conf);

class NativeFileSystem final : public FileSystem {
 public:
  explicit NativeFileSystem(ClientOptions options);
  ~NativeFileSystem() override;

  Result<wire::FileInfo> GetStatus(const std::string& path,
                                   const wire::GetStatusOptions& options) override;
  Result<wire::FileInfo> GetStatusById(int64_t file_id) override;
  Status ListStatus(const std::string& path, const wire::ListStatusOptions& options,
                    const std::function<Status(wire::FileInfo&&)>& fn) override;
  Result<bool> Exists(const std::string& path, const wire::ExistsOptions& options) override;
  Status CreateDirectory(const std::string& path,
                         const wire::CreateDirectoryOptions& options) override;
  Result<std::unique_ptr<FileOutStream>> CreateFile(
      const std::string& path, const wire::CreateFileOptions& options) override;
  Result<std::unique_ptr<FileInStream>> OpenFile(const std::string& path,
                                                 const wire::OpenFileOptions& options) override;
  Status Delete(const std::string& path, const wire::DeleteOptions& options) override;
  Status Rename(const std::string& src, const std::string& dst,
                const wire::RenameOptions& options) override;
  Status SetAttribute(const std::string& path, const wire::SetAttributeOptions& options) override;
  Status Free(const std::string& path, const wire::FreeOptions& options) override;
  Status Mount(const std::string& alluxio_path, const std::string& ufs_uri,
               const wire::MountOptions& options) override;
  Status Unmount(const std::string& alluxio_path) override;
  Result<std::vector<wire::MountPointInfo>> GetMountTable() override;

  const ClientOptions& options() const { return options_; }

  // Low level: POSTs `body` (a JSON object text) to the master RPC route `name` and returns
  // the response body.
  Result<std::string> Call(std::string_view name, std::string body);
  // Completes a file written by a FileOutStream.
  // `worker_id` / `blocks` (optional): where the worker cached the blocks, recorded by the
  // master at once instead of with the worker's next heartbeat.
  Result<wire::FileInfo> CompleteFile(
      const std::string& path, int64_t length, wire::WriteType write_type, int64_t worker_id = 0,
      const std::map<std::string, std::vector<int64_t>>& blocks = {});
  Status ScheduleAsyncPersistence(const std::string& path) override;
  // Low level: GETs `target` from the master's RPC port and returns the body (e.g.
  // "/api/v1/master/info").
  Result<std::string> GetMaster(const std::string& target);
  Result<std::vector<wire::WorkerInfo>> ListWorkers() override;
  Result<std::vector<wire::TierUsage>> Capacity() override;
  Result<wire::MasterInfo> GetMasterInfo() override;
  // For servers on a worker's host (the proxy's S3 GetObject): the tier files holding bytes
  // [first, first + length) of `info`, one region per block in order, when every block is cached
  // by a worker on this host and short-circuit reads are on; nullopt otherwise. Where the worker
  // keeps a block is remembered for a moment (LocalBlockLookups), so a hot object costs no
  // round trip to the worker. With `remembered_only`, only remembered lookups are used (no
  // call to the worker, so it never blocks on the network).
  std::optional<std::vector<net::FileBody>> OpenLocalRegions(const wire::FileInfo& info,
                                                             int64_t first, int64_t length,
                                                             bool remembered_only = false);

 private:
  struct ListPage {
    std::vector<wire::FileInfo> entries;
    bool truncated = false;
  };
  Status ListDirectory(const std::string& path, const wire::ListStatusOptions& options,
                       const std::function<Status(wire::FileInfo&&)>& fn);
  Status ListDirectoryFrom(const std::string& path, const wire::ListStatusOptions& options,
                           ListPage first, const std::function<Status(wire::FileInfo&&)>& fn);
  Result<ListPage> ListPageOf(const std::string& path, const wire::ListStatusOptions& options,
                              const std::string& after);

  const ClientOptions options_;
  net::HttpClient http_;
  net::HttpClient data_http_;
  WorkerPicker picker_;
  LocalBlockLookups lookups_;  // OpenLocalRegions only
};

}  // namespace alluxio::client
