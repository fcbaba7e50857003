// S3Ufs: an S3 bucket (AWS or any S3-compatible store) as an UnderFileSystem, for
// "s3://bucket/key" and "s3a://bucket/key" URIs, spoken over the pooled HTTP client with
// requests signed with AWS Signature Version 4.
//
// One instance serves one bucket (the mount's); a path naming another bucket or scheme is
// INVALID_ARGUMENT. Keys are the path components joined by '/'.
//
// Object-store semantics, as Alluxio's S3 connector has them:
//   - A directory is a key prefix: "d" exists when the zero-byte marker "d/" exists or any key
//     starts with "d/". Mkdirs writes markers (for missing parents too), as does Create with
//     create_parent. The bucket's root always exists (if the bucket does).
//   - Modes are not stored: every entry reports `default_mode`, and, with `inherit_acl`, owner
//     and group are the bucket owner's, the mode cut to what the bucket ACL grants it.
//     SetMode and SetOwner check that the path exists and otherwise do nothing.
//   - content_hash is the ETag. Rewriting an object with identical bytes keeps its ETag (the
//     content did not change, so caches stay valid).
//   - Create buffers up to `part_size` bytes in memory: a file that fits is one PUT at Close;
//     a bigger one becomes a multipart upload whose parts go out as the buffer fills and which
//     is completed at Close, so the object appears whole or not at all. Cancel, a failure or
//     destroying the stream aborts the upload (best effort: a server that refuses the abort
//     keeps invisible parts until its lifecycle rule removes them). Close re-checks that the
//     parent directory still exists, that no directory appeared at the path and, with
//     must_not_exist, that no object did (and sends If-None-Match: * so that S3 itself rejects
//     a racing writer where it supports conditional writes).
//   - Rename is copy + delete, object by object (a directory: every key under it, a page at a
//     time, copied before the page is deleted). It is not atomic: a reader can see both names,
//     or half a directory, while it runs, and a failure part-way leaves the objects moved so far
//     under the new name and the rest under the old one (nothing is lost). Objects over 5 GiB
//     cannot be renamed (that needs UploadPartCopy; UNIMPLEMENTED).
//   - ListStatus streams ListObjectsV2 pages (delimiter '/'): files are objects, directories
//     are common prefixes; markers are not listed. Entries come out in bytewise name order
//     (S3's key order puts "a-b" before the directory "a", whose key is "a/"; the few entries
//     that order differs for are held back until it is safe to hand them out). When a name is
//     both an object and a prefix, the object wins, as in GetStatus.
//   - A missing path's ancestors are probed (below the mount's root key) so that a path under
//     a file is FAILED_PRECONDITION, as the interface asks.
//
// Errors: 404 -> NOT_FOUND, 403 -> PERMISSION_DENIED (never retried), throttling and 5xx
// (500, 502, 503, 504, SlowDown, InternalError, RequestTimeout) are retried with exponential
// back-off and full jitter within `retry`; a connection failure is retried at most
// `retry.max_connection_attempts` times, so a down endpoint fails fast with UNAVAILABLE naming
// it. Messages name the bucket and key ("s3://bucket/key") and the S3 error code, never a
// credential.
//
// Thread-safe; streams may outlive the S3Ufs that made them.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "lib/common/clock.h"
#include "lib/net/http_client.h"
#include "lib/ufs/sigv4.h"
#include "lib/ufs/under_file_system.h"

namespace alluxio::ufs {

struct S3RetryOptions {
  // Attempts per request for throttling and server errors (the first one included).
  int max_attempts = 8;
  // Attempts per request when the endpoint cannot be reached or drops the connection.
  int max_connection_attempts = 3;
  int64_t initial_backoff_ms = 100;
  int64_t max_backoff_ms = 5'000;
  // No retry starts later than this after the first attempt.
  int64_t total_deadline_ms = 30'000;
};

struct S3UfsOptions {
  // The bucket, and the key prefix of the mount ("" for the whole bucket; "a/b" for
  // s3://bucket/a/b). Ancestors above the prefix are never examined.
  std::string bucket;
  std::string root_key;
  // "s3" or "s3a": what scheme() reports. Paths may use either.
  std::string scheme = "s3";

  // Endpoint. Virtual-host style puts the bucket in the host name ("bucket.host");
  // path style puts it in the path ("host/bucket/key").
  bool https = true;
  std::string host = "s3.amazonaws.com";
  int port = 443;
  std::string region = "us-east-1";
  bool path_style = false;

  // Empty: requests are sent unsigned (public buckets).
  sigv4::Credentials credentials;

  // Size of the parts of a multipart upload, and the most a create stream buffers.
  int64_t part_size = 64 * 1024 * 1024;
  // Mode every file and directory reports.
  int default_mode = 0700;
  // Take owner, group and mode bits from the bucket ACL (fetched once; ignored when the
  // server does not allow it).
  bool inherit_acl = true;
  // Keys per ListObjectsV2 page (1..1000).
  int list_page_size = 1000;
  // Longest silence of one request.
  int64_t request_timeout_ms = 50'000;
  S3RetryOptions retry;
  // Signing time and back-off deadlines; nullptr: the system clock. Must outlive the UFS and
  // its streams.
  const Clock* clock = nullptr;

  // Options for the mount `uri` ("s3://bucket/prefix" or "s3a://...") with Alluxio's keys:
  // s3a.accessKeyId and s3a.secretKey (also aws.accessKeyId / aws.secretKey, then the
  // AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN variables `getenv` returns),
  // alluxio.underfs.s3.endpoint ("http://host:port", "https://host" or "host[:port]", the
  // scheme then from alluxio.underfs.s3.secure.http.enabled), alluxio.underfs.s3.endpoint.region,
  // alluxio.underfs.s3.disable.dns.buckets (path style; also used for an IP address or
  // localhost), alluxio.underfs.s3.inherit.acl, alluxio.underfs.s3.default.mode,
  // alluxio.underfs.s3.multipart.upload.partition.size (at least 5MB, S3's minimum) and
  // alluxio.underfs.s3.socket.timeout. INVALID_ARGUMENT names the URI or the key (never a
  // secret value).
  static Result<S3UfsOptions> FromProperties(
      std::string_view uri, const std::map<std::string, std::string>& properties,
      const std::function<std::optional<std::string>(const char*)>& getenv);

  // "http://127.0.0.1:9000", for messages.
  std::string Endpoint() const;
};

class S3Ufs final : public UnderFileSystem {
 public:
  // `client` is the connection pool (shared with other instances); not null.
  S3Ufs(S3UfsOptions options, std::shared_ptr<net::HttpClient> client);
  ~S3Ufs() override;

  // Registers "s3" and "s3a" in `registry`: every instance the registry creates shares one
  // connection pool; credentials missing from the mount properties come from the process
  // environment.
  static void Register(UfsRegistry& registry);

  std::string_view scheme() const override;
  bool IsObjectStore() const override { return true; }

  Result<UfsStatus> GetStatus(const std::string& path) override;
  Result<bool> Exists(const std::string& path) override;
  Status ListStatus(const std::string& path, const std::function<Status(UfsStatus&&)>& fn) override;
  Status Mkdirs(const std::string& path, const MkdirsOptions& options) override;
  Status DeleteFile(const std::string& path) override;
  Status DeleteDirectory(const std::string& path, bool recursive) override;
  Status Rename(const std::string& src, const std::string& dst) override;
  Result<std::unique_ptr<UfsInputStream>> Open(const std::string& path,
                                               const OpenOptions& options) override;
  Result<std::unique_ptr<UfsOutputStream>> Create(const std::string& path,
                                                  const CreateOptions& options) override;
  Status SetMode(const std::string& path, int mode) override;
  Status SetOwner(const std::string& path, const std::string& owner,
                  const std::string& group) override;
  Result<UfsSpace> GetSpace(const std::string& path) override;

  // The object store behind the UFS: requests, retries, error mapping. Shared with streams.
  class Client;

 private:
  const std::shared_ptr<Client> client_;  // immutable after construction; never null
};

}  // namespace alluxio::ufs
