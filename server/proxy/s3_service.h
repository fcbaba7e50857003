// S3Service: the S3-compatible API (compat page §2) over the Alluxio namespace. A bucket is a
// top-level directory, an object key a path below it; path-style addressing only.
//
// The route table is AddRoutes: the same handlers serve "/api/v1/s3" on the proxy and "" (the
// root) on a worker. Each request is dispatched on its method and sub-resource query parameter
// (?uploads, ?uploadId, ?tagging, ?delete, list-type=2, ...) to one handler; a sub-resource we
// do not implement (acl, policy, versioning changes, ...) answers S3's NotImplemented. Every
// error is S3's XML error body with S3's code and HTTP status.
//
// Requests run as the user their credentials name (S3UserFileSystems); the API's own state
// (multipart uploads, object metadata: see s3_multipart.h, s3_metadata.h) is kept by the proxy's
// own client under /.alluxio_s3_api_metadata, which is never a bucket.
//
// Thread-safe: handlers share only the stores, which are.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "lib/client/file_system.h"
#include "lib/common/clock.h"
#include "lib/common/logging.h"
#include "lib/conf/configuration.h"
#include "lib/net/router.h"
#include "server/proxy/s3_auth.h"
#include "server/proxy/s3_errors.h"
#include "server/proxy/s3_metadata.h"
#include "server/proxy/s3_multipart.h"
#include "server/proxy/s3_users.h"

namespace alluxio::proxy {

struct S3Options {
  // alluxio.proxy.s3.writetype: how objects (and the API's own state) are written.
  wire::WriteType write_type = wire::WriteType::kCacheThrough;
  // alluxio.proxy.s3.deletetype=ALLUXIO_ONLY: deletes leave the under file system alone.
  bool delete_alluxio_only = false;
  // alluxio.proxy.s3.complete.multipart.upload.min.part.size: smallest part but the last.
  int64_t min_part_size = 5 * 1024 * 1024;
  // alluxio.proxy.s3.header.metadata.max.size: x-amz-meta-* bytes per object; 0 = no limit.
  int64_t metadata_max_bytes = 2 * 1024;
  // alluxio.proxy.s3.tagging.restrictions.enabled: S3's limits on tags.
  bool tagging_restrictions = true;
  // alluxio.proxy.s3.bucket.naming.restrictions.enabled: AWS's bucket naming rules.
  bool bucket_naming_restrictions = false;
  // alluxio.proxy.s3.multipart.upload.cleaner.enabled / .timeout: abort uploads left
  // incomplete for longer than the timeout.
  bool multipart_cleaner_enabled = false;
  int64_t multipart_cleaner_timeout_ms = 600'000;
  // Where the API keeps its own state (a top-level directory, hidden from ListBuckets).
  std::string metadata_root = "/.alluxio_s3_api_metadata";
  // alluxio.s3.rest.authentication.*: signature verification (s3_auth.h).
  S3AuthOptions auth;
};

// Reads the alluxio.proxy.s3.* and alluxio.s3.rest.authentication.* keys. INVALID_ARGUMENT
// naming the key for a bad value.
Result<S3Options> S3OptionsFromConfiguration(const conf::Configuration& conf);

// One S3 request as the handlers see it.
struct S3Call {
  net::HttpRequest& http;
  net::HttpResponse& res;
  std::string bucket;                      // "" for the service (ListBuckets)
  std::string key;                         // decoded; "" for bucket requests
  std::string user;                        // the access key id; "" without credentials
  std::shared_ptr<client::FileSystem> fs;  // acts as `user`
  std::string request_id;
  // A verified STREAMING-AWS4-HMAC-SHA256-PAYLOAD upload: what its chunk signatures chain from.
  std::optional<ChunkSigning> chunk_signing;
  // Answering on the HTTP server's event loop (S3Service::TryHandle): nothing may block. A
  // handler that would have to sets `would_block` and returns; the request then goes to the
  // handler pool.
  bool nonblocking = false;
  bool would_block = false;
};

class S3Service {
 public:
  // `users`, `logger` and `clock` must outlive the service.
  S3Service(S3Options options, S3UserFileSystems* users, Logger* logger, Clock* clock);
  S3Service(const S3Service&) = delete;
  S3Service& operator=(const S3Service&) = delete;

  // Registers the API under `prefix` ("/api/v1/s3" on the proxy, "" for the root of a worker's
  // REST server). `hook` (optional) runs after authentication and before dispatch; when it
  // returns true it has answered the request itself (the worker's redirects).
  using Hook = std::function<bool(S3Call& call)>;
  void AddRoutes(net::Router& router, const std::string& prefix, Hook hook = nullptr);

  // Opens the cached block files holding bytes [first, first + length) of `info` when this
  // process has every one of them (a worker's own block store), in order; nullopt sends the read
  // through the client. GetObject then sends the files with sendfile(2). Set before AddRoutes.
  // Without `may_block` the reader must answer from memory and the local files only (nullopt
  // when it cannot).
  using LocalReader = std::function<std::optional<std::vector<net::FileBody>>(
      const wire::FileInfo& info, int64_t first, int64_t length, bool may_block)>;
  void SetLocalReader(LocalReader reader) { local_reader_ = std::move(reader); }

  // Aborts multipart uploads older than the cleaner timeout; returns how many (0 on error).
  int CleanAbandonedUploads();
  // How often a process runs CleanAbandonedUploads: a quarter of the timeout, 10 ms to 1 min.
  int64_t CleanerPeriodMs() const;

  const S3Options& options() const { return options_; }

 private:
  void Handle(const std::string& prefix, const Hook& hook, net::HttpRequest& req,
              net::HttpResponse& res);
  // The route's fast path: GetObject and HeadObject of an object whose status, metadata and
  // cached blocks are all in memory (the metadata cache, the tier files of this host), answered
  // on the event loop. False (response untouched) for anything else.
  bool TryHandle(const std::string& prefix, const Hook& hook, net::HttpRequest& req,
                 net::HttpResponse& res);
  // A call for `req`: bucket and key decoded from the path after `prefix`, a fresh request id.
  S3Call NewCall(const std::string& prefix, net::HttpRequest& req, net::HttpResponse& res);
  void ReplyError(S3Call& call, const S3Error& error);

  // Dispatch (s3_service.cc).
  S3Status Service(S3Call& call);
  S3Status Bucket(S3Call& call);
  S3Status Object(S3Call& call);

  // Bucket handlers (s3_service.cc).
  S3Status ListBuckets(S3Call& call);
  S3Status CreateBucket(S3Call& call);
  S3Status HeadBucket(S3Call& call);
  S3Status DeleteBucket(S3Call& call);
  S3Status ListObjects(S3Call& call, bool v2);
  S3Status DeleteObjects(S3Call& call);
  S3Status ListMultipartUploads(S3Call& call);
  S3Status GetBucketTagging(S3Call& call);
  S3Status PutBucketTagging(S3Call& call);
  S3Status DeleteBucketTagging(S3Call& call);

  // Object handlers (s3_object_handlers.cc).
  S3Status PutObject(S3Call& call);
  S3Status GetObject(S3Call& call, bool head);
  S3Status DeleteObject(S3Call& call);
  S3Status CopyObject(S3Call& call);
  S3Status GetObjectTagging(S3Call& call);
  S3Status PutObjectTagging(S3Call& call);
  S3Status DeleteObjectTagging(S3Call& call);
  // Multipart handlers (s3_multipart_handlers.cc).
  S3Status CreateMultipartUpload(S3Call& call);
  S3Status UploadPart(S3Call& call);
  S3Status CompleteMultipartUpload(S3Call& call);
  S3Status AbortMultipartUpload(S3Call& call);
  S3Status ListParts(S3Call& call);

  // Shared steps.
  // The bucket's directory, as the caller sees it: NoSuchBucket when missing or not a directory.
  S3Result<wire::FileInfo> BucketInfo(S3Call& call);
  // The object's file: NoSuchKey (or NoSuchBucket when the bucket is missing) otherwise.
  S3Result<wire::FileInfo> ObjectInfo(S3Call& call, const std::string& path);
  // The error for a failed object lookup: NoSuchBucket when the bucket is gone, else
  // S3ErrorFromStatus with NoSuchKey.
  S3Error ObjectLookupError(S3Call& call, const Status& status);
  // DeleteObject of `key`: success when there is no such key, as in S3.
  S3Status DeleteKey(S3Call& call, const std::string& key);
  // Deletes the object at `path` (a file): data, metadata and now-empty parent directories.
  Status DeleteFile(client::FileSystem& fs, const std::string& bucket, const std::string& path,
                    int64_t file_id);
  // Writes the object at `path` (overwriting): `fill` writes its bytes and returns its ETag;
  // then `meta` is recorded with that ETag. On any failure nothing is left at `path`.
  using Filler = std::function<S3Result<std::string>(client::FileOutStream& out)>;
  struct WrittenObject {
    wire::FileInfo info;
    std::string etag;
  };
  S3Result<WrittenObject> WriteObject(S3Call& call, const std::string& path, const Filler& fill,
                                      ObjectMeta meta);
  // A Filler pumping `body` (checked against `content_md5` -> BadDigest, and `expected_length`);
  // the ETag is the body's MD5.
  static Filler BodyFiller(net::BodyReader& body, std::optional<std::string> content_md5,
                           std::optional<int64_t> expected_length);
  // The upload body of a PutObject / UploadPart: aws-chunked decoding when the request says so,
  // with its expected (decoded) length. MissingContentLength when neither is known.
  struct UploadBody {
    std::unique_ptr<net::BodyReader> buffered;  // over the buffered body (non-streaming routes)
    std::unique_ptr<net::BodyReader> decoder;   // aws-chunked decoding, when the request uses it
    net::BodyReader* reader = nullptr;          // what to read: one of the above or the stream
    std::optional<int64_t> expected_length;
  };
  S3Result<UploadBody> OpenUploadBody(S3Call& call);
  // The source of a CopyObject / UploadPartCopy (x-amz-copy-source), as the caller sees it.
  struct CopySource {
    std::string path;
    wire::FileInfo info;
    ObjectMeta meta;
  };
  S3Result<CopySource> ResolveCopySource(S3Call& call);
  // Records `meta` for the freshly written `info`; drops the metadata of the inode it replaced.
  void RecordMeta(const wire::FileInfo& info, const ObjectMeta& meta,
                  std::optional<int64_t> replaced_file_id);
  // The request body: the buffered one, or (streaming routes) read here up to 1 MiB.
  S3Result<std::string> SmallBody(S3Call& call);
  // The tags of an x-amz-tagging header, validated.
  S3Result<TagSet> TagsFromHeader(S3Call& call);
  wire::CreateFileOptions ObjectCreateOptions() const;
  wire::DeleteOptions ObjectDeleteOptions() const;

  // Immutable after construction.
  const S3Options options_;
  S3UserFileSystems* const users_;
  Logger* const logger_;
  Clock* const clock_;
  const S3Authenticator auth_;
  LocalReader local_reader_;  // set before serving, then read-only
  // Thread-safe stores.
  ObjectMetaStore metas_;
  MultipartStore multipart_;

  std::atomic<uint64_t> next_request_ = 0;
};

}  // namespace alluxio::proxy
