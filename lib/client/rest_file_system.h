// RestFileSystem: the FileSystem that speaks the proxy's REST API v1 (compat page §1) plus the
// proxy's admin endpoints (lib/wire/README.md), so `alluxio shell` runs the same `fs` command
// table as `alluxio fs` against a proxy instead of the master.
//
// Mapping: every path call is `POST /api/v1/paths/{path}/{action}` with the options as JSON;
// reads and writes go through streams (`open-file` / `create-file`, then
// `/api/v1/streams/{id}/read|write|close`). Errors are the proxy's `{"statusCode","message"}`
// bodies turned back into the same Status; a proxy that cannot be reached is UNAVAILABLE with
// a message naming host:port and what to check. Every call opens or reuses a pooled connection,
// so a proxy that went away and came back works again on the next call.
//
// Limits of REST v1 (reported as UNIMPLEMENTED with a message): no get-status by file id.
// Streams: a read stream seeks with our proxy's `offset` query on `streams/{id}/read` (a 2.x
// Java proxy ignores it, so there only forward reads are exact); a write stream cannot be
// cancelled over REST: Cancel() deletes the incomplete file (the proxy's idle sweep then drops
// the stream). A proxy that ignores the read offset is detected by the body's length.
// Thread-safe as far as the HTTP client is; streams are single-reader/writer.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "lib/client/file_system.h"
#include "lib/conf/configuration.h"
#include "lib/net/http_client.h"

namespace alluxio::client {

struct RestOptions {
  std::string host = "localhost";
  int port = 39999;
  int64_t timeout_ms = 30'000;
  // Longest silence on a data stream.
  int64_t data_timeout_ms = 120'000;
  // Asked before each call and each chunk a stream reads or writes; true fails the call with
  // CANCELLED (the shell's Ctrl-C). A request already sent finishes first. Null: never.
  std::function<bool()> interrupted;
};

// alluxio.proxy.hostname and alluxio.proxy.web.port (the proxy's REST port), and the user's
// network timeout.
Result<RestOptions> RestOptionsFromConfiguration(const conf::Configuration& conf);

// Applies "host:port", "[ipv6]:port", or a bare host or IPv6 address (the port in `options`
// stays: the configured alluxio.proxy.web.port); INVALID_ARGUMENT with the expected form.
Status ApplyProxyAddress(std::string_view address, RestOptions* options);

class RestFileSystem final : public FileSystem {
 public:
  explicit RestFileSystem(RestOptions options);
  ~RestFileSystem() override;

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
  Status ScheduleAsyncPersistence(const std::string& path) override;
  Result<std::vector<wire::WorkerInfo>> ListWorkers() override;
  Result<std::vector<wire::TierUsage>> Capacity() override;
  Result<wire::MasterInfo> GetMasterInfo() override;

  const RestOptions& options() const { return options_; }
  // "host:port" of the proxy, for messages.
  std::string address() const;

  // Low level: sends `method target` with `body` and returns the response body of a 2xx answer,
  // else the Status of the error body.
  Result<std::string> Request(const std::string& method, const std::string& target,
                              std::string body = {}, int64_t timeout_ms = 0);
  // CANCELLED when `interrupted` says so, else OK.
  Status CheckInterrupted() const;
  // Opens a streamed response (for stream reads).
  Result<std::unique_ptr<net::ResponseStream>> OpenRequest(const std::string& method,
                                                           const std::string& target);

 private:
  // POST /api/v1/paths/{path}/{action}{query} with `options` (a JSON text).
  Result<std::string> PathCall(const std::string& path, std::string_view action,
                               std::string options, const std::string& query = {});
  // The "cannot reach the proxy" message around a transport error.
  Status Unreachable(const Status& st) const;

  const RestOptions options_;
  net::HttpClient http_;
};

}  // namespace alluxio::client
