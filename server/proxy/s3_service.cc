// The S3 route table, dispatch, bucket-level handlers and the steps handlers share. Object and
// multipart handlers are in s3_object_handlers.cc and s3_multipart_handlers.cc.
#include "server/proxy/s3_service.h"

#include <algorithm>
#include <cstdio>

#include "lib/common/path.h"
#include "lib/common/strings.h"
#include "lib/conf/property_key.h"
#include "server/proxy/s3_chunked.h"
#include "server/proxy/s3_io.h"
#include "server/proxy/s3_listing.h"
#include "server/proxy/s3_xml.h"

namespace alluxio::proxy {
namespace {

constexpr size_t kMaxSmallBody = 1 << 20;

// S3 sub-resources. Where the dispatch below does not handle one (every one we do not implement,
// and e.g. PUT ?uploads), it answers NotImplemented: never a silent misreading as a plain
// GET/PUT/DELETE of the bucket or object.
// clang-format off
constexpr std::string_view kUnsupportedSubresources[] = {
    "acl", "policy", "policyStatus", "cors", "encryption", "lifecycle", "logging",
    "notification", "website", "replication", "object-lock", "retention", "legal-hold",
    "restore", "select", "accelerate", "analytics", "inventory", "metrics", "ownershipControls",
    "publicAccessBlock", "requestPayment", "intelligent-tiering", "torrent", "attributes",
    "versions", "versioning", "location", "uploads", "delete", "tagging", "uploadId"};
// clang-format on

std::optional<std::string_view> UnsupportedSubresource(const net::HttpRequest& req) {
  for (std::string_view s : kUnsupportedSubresources) {
    if (req.HasQuery(s)) return s;
  }
  return std::nullopt;
}

S3Error NotImplementedFor(const net::HttpRequest& req, std::string_view what) {
  return s3err::NotImplemented(
      StrCat("A header or query you provided implies functionality that "
             "is not implemented: ",
             req.method, " ", what, "."));
}

void ReplyXml(net::HttpResponse& res, std::string xml, int status = 200) {
  res.Set(status, "application/xml", std::move(xml));
}

// An integer query parameter in [0, max]; `fallback` when absent.
S3Result<int> IntQuery(const net::HttpRequest& req, std::string_view name, int fallback, int max) {
  auto v = req.Query(name);
  if (!v) return fallback;
  int64_t n = 0;
  if (!ParseInt64(Trim(*v), &n) || n < 0) {
    return s3err::InvalidArgument(StrCat("Provided ", name,
                                         " not an integer or within integer "
                                         "range: \"",
                                         *v, "\"."));
  }
  return static_cast<int>(std::min<int64_t>(n, max));
}

}  // namespace

Result<S3Options> S3OptionsFromConfiguration(const conf::Configuration& conf) {
  S3Options o;
  ASSIGN_OR_RETURN(std::string wt, conf.GetEnum("alluxio.proxy.s3.writetype"));
  auto parsed = wire::ParseWriteType(wt);
  if (!parsed) {
    return Status::InvalidArgument("Invalid alluxio.proxy.s3.writetype \"" + wt + "\"");
  }
  o.write_type = *parsed;
  ASSIGN_OR_RETURN(std::string dt, conf.GetEnum("alluxio.proxy.s3.deletetype"));
  o.delete_alluxio_only = EqualsIgnoreCase(dt, "ALLUXIO_ONLY");
  ASSIGN_OR_RETURN(o.min_part_size,
                   conf.GetBytes("alluxio.proxy.s3.complete.multipart.upload.min.part.size"));
  ASSIGN_OR_RETURN(o.metadata_max_bytes,
                   conf.GetBytes("alluxio.proxy.s3.header.metadata.max.size"));
  ASSIGN_OR_RETURN(o.tagging_restrictions,
                   conf.GetBool("alluxio.proxy.s3.tagging.restrictions.enabled"));
  ASSIGN_OR_RETURN(o.bucket_naming_restrictions,
                   conf.GetBool("alluxio.proxy.s3.bucket.naming.restrictions.enabled"));
  ASSIGN_OR_RETURN(o.multipart_cleaner_enabled,
                   conf.GetBool("alluxio.proxy.s3.multipart.upload.cleaner.enabled"));
  ASSIGN_OR_RETURN(o.multipart_cleaner_timeout_ms,
                   conf.GetDurationMs("alluxio.proxy.s3.multipart.upload.cleaner.timeout"));
  ASSIGN_OR_RETURN(o.auth, S3AuthOptionsFromConfiguration(conf));
  return o;
}

S3Service::S3Service(S3Options options, S3UserFileSystems* users, Logger* logger, Clock* clock)
    : options_(std::move(options)),
      users_(users),
      logger_(logger),
      clock_(clock),
      auth_(options_.auth, clock),
      metas_(ObjectMetaStore::Options{options_.metadata_root + "/objects", options_.write_type},
             users->system(), clock),
      multipart_(
          MultipartStore::Options{options_.metadata_root + "/multipart", options_.write_type},
          users->system(), clock) {}

void S3Service::AddRoutes(net::Router& router, const std::string& prefix, Hook hook) {
  auto handler = [this, prefix, hook](net::HttpRequest& req, net::HttpResponse& res) {
    Handle(prefix, hook, req, res);
  };
  net::RouteOptions streaming;
  streaming.stream_request_body = true;
  router.Add("*", prefix.empty() ? "/" : prefix, handler);
  router.Add("*", prefix + "/{bucket}", handler);
  // Uploads (PutObject, UploadPart) stream their bodies; everything else is small.
  router.Add("PUT", prefix + "/{bucket}/{key*}", handler, streaming);
  // Reads of hot objects are answered on the event loop when everything they need is in memory.
  net::RouteOptions objects;
  objects.fast_path = [this, prefix, hook](net::HttpRequest& req, net::HttpResponse& res) {
    return TryHandle(prefix, hook, req, res);
  };
  router.Add("*", prefix + "/{bucket}/{key*}", handler, std::move(objects));
}

int64_t S3Service::CleanerPeriodMs() const {
  return std::clamp<int64_t>(options_.multipart_cleaner_timeout_ms / 4, 10, 60'000);
}

int S3Service::CleanAbandonedUploads() {
  auto n =
      multipart_.RemoveInitiatedBefore(clock_->NowMs() - options_.multipart_cleaner_timeout_ms);
  if (!n.ok()) {
    logger_->Warn("s3", "Cleaning abandoned multipart uploads failed: " + n.status().ToString());
    return 0;
  }
  if (*n > 0) logger_->Info("s3", StrCat("Aborted ", *n, " abandoned multipart upload(s)"));
  return *n;
}

S3Call S3Service::NewCall(const std::string& prefix, net::HttpRequest& req,
                          net::HttpResponse& res) {
  char id[24];
  std::snprintf(id, sizeof(id), "%016llX",
                static_cast<unsigned long long>(clock_->NowMs() * 1000 + (next_request_++ % 1000)));
  S3Call call{req, res, "", "", "", nullptr, id, std::nullopt, false, false};
  std::string_view rest =
      std::string_view(req.path).substr(std::min(prefix.size(), req.path.size()));
  if (!rest.empty() && rest.front() == '/') rest.remove_prefix(1);
  size_t slash = rest.find('/');
  call.bucket = net::PercentDecode(rest.substr(0, slash));
  if (slash != std::string_view::npos) call.key = net::PercentDecode(rest.substr(slash + 1));
  return call;
}

bool S3Service::TryHandle(const std::string& prefix, const Hook& hook, net::HttpRequest& req,
                          net::HttpResponse& res) {
  // Redirects need the block locations of the master's answer; uploads and everything but a
  // plain read of an object go to the pool.
  if (hook || (req.method != "GET" && req.method != "HEAD") || !req.query.empty()) return false;
  S3Call call = NewCall(prefix, req, res);
  if (call.bucket.empty() || call.key.empty()) return false;
  auto identity = auth_.Authenticate(req);
  if (!identity.ok()) return false;  // the pooled handler words the error
  if (identity->payload_sha256 && ufs::sigv4::Sha256Hex(req.body) != *identity->payload_sha256) {
    return false;
  }
  call.user = identity->user;
  call.fs = users_->Cached(call.user);
  if (call.fs == nullptr) return false;
  call.nonblocking = true;
  res.headers.Set("x-amz-request-id", call.request_id);
  S3Status st = GetObject(call, req.method == "HEAD");
  if (call.would_block) {
    res = net::HttpResponse();
    return false;
  }
  if (!st.ok()) ReplyError(call, st.error());
  return true;
}

void S3Service::Handle(const std::string& prefix, const Hook& hook, net::HttpRequest& req,
                       net::HttpResponse& res) {
  S3Call call = NewCall(prefix, req, res);
  res.headers.Set("x-amz-request-id", call.request_id);

  auto identity = auth_.Authenticate(req);
  if (!identity.ok()) return ReplyError(call, identity.error());
  call.user = identity->user;
  call.chunk_signing = std::move(identity->chunk_signing);
  // A body whose hash was signed must have that hash: checked here for buffered bodies, while
  // it is read for streamed ones.
  std::optional<Sha256CheckingReader> checked;
  net::BodyReader* const raw_body = req.body_stream;
  if (identity->payload_sha256) {
    if (req.body_stream == nullptr) {
      if (ufs::sigv4::Sha256Hex(req.body) != *identity->payload_sha256) {
        return ReplyError(call, s3err::XAmzContentSha256Mismatch(
                                    "The provided 'x-amz-content-sha256' header does not match "
                                    "what was computed."));
      }
    } else {
      checked.emplace(req.body_stream, *identity->payload_sha256);
      req.body_stream = &*checked;
    }
  }
  call.fs = users_->For(call.user);

  if (!hook || !hook(call)) {
    S3Status st = call.bucket.empty() ? Service(call)
                  : call.key.empty()  ? Bucket(call)
                                      : Object(call);
    if (!st.ok()) ReplyError(call, st.error());
  }
  req.body_stream = raw_body;  // `checked` dies here
}

void S3Service::ReplyError(S3Call& call, const S3Error& error) {
  std::string resource = call.bucket.empty() ? "/" : "/" + call.bucket;
  if (!call.key.empty()) resource += "/" + call.key;
  if (error.http_status >= 500 && error.http_status != 501 && logger_->Enabled(LogLevel::kWarn)) {
    logger_->Warn("s3", StrCat(call.http.method, " ", call.http.target, " -> ", error.code, ": ",
                               error.message));
  }
  call.res.file.reset();
  call.res.stream = nullptr;
  call.res.headers.Remove("ETag");
  call.res.headers.Remove("Content-Length");
  ReplyXml(call.res, ErrorXml(error, resource, call.request_id), error.http_status);
}

// --- Dispatch --------------------------------------------------------------------------------

S3Status S3Service::Service(S3Call& call) {
  if (call.http.method == "GET" || call.http.method == "HEAD") return ListBuckets(call);
  return NotImplementedFor(call.http, "on the service");
}

S3Status S3Service::Bucket(S3Call& call) {
  const net::HttpRequest& q = call.http;
  const std::string& m = q.method;
  if (m == "GET") {
    if (q.HasQuery("tagging")) return GetBucketTagging(call);
    if (q.HasQuery("uploads")) return ListMultipartUploads(call);
    if (q.HasQuery("location")) {
      auto b = BucketInfo(call);
      if (!b.ok()) return b.error();
      ReplyXml(call.res, LocationConstraintXml());
      return S3Status::OK();
    }
    if (q.HasQuery("versioning")) {
      auto b = BucketInfo(call);
      if (!b.ok()) return b.error();
      ReplyXml(call.res, VersioningConfigurationXml());
      return S3Status::OK();
    }
    if (auto s = UnsupportedSubresource(q)) return NotImplementedFor(q, *s);
    return ListObjects(call, q.Query("list-type").value_or("") == "2");
  }
  if (m == "HEAD") return HeadBucket(call);
  if (m == "PUT") {
    if (q.HasQuery("tagging")) return PutBucketTagging(call);
    if (auto s = UnsupportedSubresource(q)) return NotImplementedFor(q, *s);
    return CreateBucket(call);
  }
  if (m == "POST") {
    if (q.HasQuery("delete")) return DeleteObjects(call);
    return NotImplementedFor(q, "on a bucket");
  }
  if (m == "DELETE") {
    if (q.HasQuery("tagging")) return DeleteBucketTagging(call);
    if (auto s = UnsupportedSubresource(q)) return NotImplementedFor(q, *s);
    return DeleteBucket(call);
  }
  return NotImplementedFor(q, "on a bucket");
}

S3Status S3Service::Object(S3Call& call) {
  const net::HttpRequest& q = call.http;
  const std::string& m = q.method;
  if (m == "GET" || m == "HEAD") {
    if (q.HasQuery("uploadId")) return ListParts(call);
    if (q.HasQuery("tagging")) return GetObjectTagging(call);
    if (auto s = UnsupportedSubresource(q)) return NotImplementedFor(q, *s);
    return GetObject(call, m == "HEAD");
  }
  if (m == "PUT") {
    if (q.HasQuery("tagging")) return PutObjectTagging(call);
    if (q.HasQuery("uploadId") || q.HasQuery("partNumber")) return UploadPart(call);
    if (auto s = UnsupportedSubresource(q)) return NotImplementedFor(q, *s);
    if (q.headers.Has("x-amz-copy-source")) return CopyObject(call);
    return PutObject(call);
  }
  if (m == "POST") {
    if (q.HasQuery("uploads")) return CreateMultipartUpload(call);
    if (q.HasQuery("uploadId")) return CompleteMultipartUpload(call);
    return NotImplementedFor(q, "on an object");
  }
  if (m == "DELETE") {
    if (q.HasQuery("uploadId")) return AbortMultipartUpload(call);
    if (q.HasQuery("tagging")) return DeleteObjectTagging(call);
    if (auto s = UnsupportedSubresource(q)) return NotImplementedFor(q, *s);
    return DeleteObject(call);
  }
  return NotImplementedFor(q, "on an object");
}

// --- Shared steps ----------------------------------------------------------------------------

S3Result<wire::FileInfo> S3Service::BucketInfo(S3Call& call) {
  S3Status name = ValidateBucketName(call.bucket, /*strict=*/false);
  if (!name.ok()) return name.error();
  auto info = call.fs->GetStatus("/" + call.bucket);
  if (!info.ok()) {
    if (info.status().code() == StatusCode::kNotFound) {
      return s3err::NoSuchBucket("The specified bucket does not exist");
    }
    return S3ErrorFromStatus(info.status(), "NoSuchBucket");
  }
  if (!info->folder) return s3err::NoSuchBucket("The specified bucket does not exist");
  return std::move(info).value();
}

S3Error S3Service::ObjectLookupError(S3Call& call, const Status& status) {
  if (status.code() == StatusCode::kNotFound) {
    auto b = BucketInfo(call);
    if (!b.ok()) return b.error();
    return s3err::NoSuchKey("The specified key does not exist.");
  }
  if (status.code() == StatusCode::kInvalidArgument) {
    // "Component x is not a directory": a path through a file names no object.
    return s3err::NoSuchKey("The specified key does not exist.");
  }
  return S3ErrorFromStatus(status);
}

S3Result<wire::FileInfo> S3Service::ObjectInfo(S3Call& call, const std::string& path) {
  auto info = call.fs->GetStatus(path);
  if (!info.ok()) return ObjectLookupError(call, info.status());
  bool dir_key = EndsWith(call.key, "/");
  if (info->folder != dir_key || (!info->folder && !info->completed)) {
    return s3err::NoSuchKey("The specified key does not exist.");
  }
  return std::move(info).value();
}

Status S3Service::DeleteFile(client::FileSystem& fs, const std::string& bucket,
                             const std::string& path, int64_t file_id) {
  RETURN_IF_ERROR(fs.Delete(path, ObjectDeleteOptions()));
  metas_.Remove(file_id);
  // Directories that only held this object go too: in S3 a "directory" exists only through the
  // keys below it.
  const std::string bucket_path = "/" + bucket;
  for (std::string p = ParentPath(path); p != bucket_path && IsAncestorOrSelf(bucket_path, p);
       p = ParentPath(p)) {
    auto info = fs.GetStatus(p);
    if (!info.ok() || !info->folder || info->length != 0 || info->mount_point) break;
    if (!fs.Delete(p, ObjectDeleteOptions()).ok()) break;
  }
  return Status::OK();
}

S3Result<S3Service::WrittenObject> S3Service::WriteObject(S3Call& call, const std::string& path,
                                                          const Filler& fill, ObjectMeta meta) {
  auto old = call.fs->GetStatus(path);
  if (old.ok() && old->folder) {
    return s3err::InvalidRequest("Cannot write object \"" + call.key +
                                 "\": keys below it exist (it is a directory in Alluxio).");
  }
  std::optional<int64_t> replaced;
  if (old.ok()) replaced = old->file_id;
  auto out = call.fs->CreateFile(path, ObjectCreateOptions());
  if (!out.ok()) {
    if (out.status().code() == StatusCode::kInvalidArgument) {
      return s3err::InvalidRequest("Cannot write object \"" + call.key +
                                   "\": a prefix of it is an object (a file in Alluxio): " +
                                   std::string(out.status().message()));
    }
    return S3ErrorFromStatus(out.status());
  }
  auto fail = [&](S3Error e) -> S3Error {
    (*out)->Cancel();
    (void)call.fs->Delete(path);
    return e;
  };
  auto etag = fill(**out);
  if (!etag.ok()) return fail(etag.error());
  Status st = (*out)->Close();
  if (!st.ok()) return fail(S3ErrorFromStatus(st));
  auto info = call.fs->GetStatus(path);
  if (!info.ok()) return S3ErrorFromStatus(info.status());
  meta.etag = std::move(etag).value();
  RecordMeta(*info, meta, replaced);
  return WrittenObject{std::move(info).value(), meta.etag};
}

S3Service::Filler S3Service::BodyFiller(net::BodyReader& body,
                                        std::optional<std::string> content_md5,
                                        std::optional<int64_t> expected_length) {
  return [&body, content_md5 = std::move(content_md5),
          expected_length](client::FileOutStream& out) -> S3Result<std::string> {
    Md5 md5;
    auto n = Pump(body, out, &md5, expected_length);
    if (!n.ok()) return n.error();
    std::string digest = md5.Finish();
    if (content_md5 && *content_md5 != digest) {
      return s3err::BadDigest("The Content-MD5 you specified did not match what we received.");
    }
    return HexEncode(digest);
  };
}

S3Result<S3Service::UploadBody> S3Service::OpenUploadBody(S3Call& call) {
  const net::HttpRequest& q = call.http;
  UploadBody b;
  net::BodyReader* raw = q.body_stream;
  if (raw == nullptr) {
    b.buffered = std::make_unique<StringBodyReader>(q.body);
    raw = b.buffered.get();
  }
  bool aws_chunked =
      ToLower(q.headers.Get("Content-Encoding")).find("aws-chunked") != std::string::npos ||
      StartsWith(q.headers.Get("x-amz-content-sha256"), "STREAMING-");
  if (aws_chunked) {
    const std::string* decoded = q.headers.Find("x-amz-decoded-content-length");
    int64_t n = 0;
    if (decoded != nullptr) {
      if (!ParseInt64(Trim(*decoded), &n) || n < 0) {
        return s3err::InvalidArgument("Invalid x-amz-decoded-content-length: " + *decoded);
      }
      b.expected_length = n;
    }
    b.decoder = std::make_unique<AwsChunkedReader>(raw, call.chunk_signing);
    b.reader = b.decoder.get();
    return b;
  }
  if (q.content_length) {
    b.expected_length = static_cast<int64_t>(*q.content_length);
  } else if (!q.headers.Has("Transfer-Encoding")) {
    return s3err::MissingContentLength("You must provide the Content-Length HTTP header.");
  }
  b.reader = raw;
  return b;
}

void S3Service::RecordMeta(const wire::FileInfo& info, const ObjectMeta& meta,
                           std::optional<int64_t> replaced_file_id) {
  Status st = metas_.Put(info, meta);
  if (!st.ok()) {
    logger_->Warn("s3", "Keeping the metadata of " + info.path + " failed: " + st.ToString());
  }
  if (replaced_file_id && *replaced_file_id != info.file_id) metas_.Remove(*replaced_file_id);
}

S3Result<std::string> S3Service::SmallBody(S3Call& call) {
  if (call.http.body_stream == nullptr) return call.http.body;
  auto body = net::ReadAll(*call.http.body_stream, kMaxSmallBody);
  if (!body.ok()) {
    if (body.status().code() == StatusCode::kResourceExhausted) {
      return S3Error{400, "MaxMessageLengthExceeded", "Your request was too big."};
    }
    return BodyReadError(body.status());
  }
  return std::move(body).value();
}

S3Result<TagSet> S3Service::TagsFromHeader(S3Call& call) {
  const std::string* h = call.http.headers.Find("x-amz-tagging");
  if (h == nullptr) return TagSet{};
  auto tags = ParseTaggingHeader(*h);
  if (!tags.ok()) return tags.error();
  S3Status valid = ValidateTags(*tags, options_.tagging_restrictions);
  if (!valid.ok()) return valid.error();
  return std::move(tags).value();
}

wire::CreateFileOptions S3Service::ObjectCreateOptions() const {
  wire::CreateFileOptions o;
  o.recursive = true;
  o.overwrite = true;
  o.write_type = options_.write_type;
  return o;
}

wire::DeleteOptions S3Service::ObjectDeleteOptions() const {
  wire::DeleteOptions o;
  o.alluxio_only = options_.delete_alluxio_only;
  return o;
}

// --- Buckets ---------------------------------------------------------------------------------

S3Status S3Service::ListBuckets(S3Call& call) {
  std::vector<BucketEntry> buckets;
  Status st = call.fs->ListStatus("/", {}, [&](wire::FileInfo&& info) -> Status {
    if (info.folder && info.name != kS3MetadataDirName) {
      buckets.push_back(BucketEntry{info.name, info.creation_time_ms});
    }
    return Status::OK();
  });
  if (!st.ok()) return S3ErrorFromStatus(st);
  std::sort(buckets.begin(), buckets.end(),
            [](const BucketEntry& a, const BucketEntry& b) { return a.name < b.name; });
  ReplyXml(call.res, ListBucketsXml(call.user, buckets));
  return S3Status::OK();
}

S3Status S3Service::CreateBucket(S3Call& call) {
  S3Status name = ValidateBucketName(call.bucket, options_.bucket_naming_restrictions);
  if (!name.ok()) return name;
  auto body = SmallBody(call);  // CreateBucketConfiguration (a region): nothing to configure
  if (!body.ok()) return body.error();
  client::FileSystem* system = users_->system();
  const std::string path = "/" + call.bucket;
  auto existing = system->GetStatus(path);
  if (existing.ok()) {
    bool mine = !users_->impersonates() || call.user.empty() || existing->owner == call.user;
    if (existing->folder && mine) {
      call.res.headers.Set("Location", path);
      return S3Status::OK();  // S3 (us-east-1) answers 200 to its owner
    }
    return s3err::BucketAlreadyExists(
        "The requested bucket name is not available. The bucket "
        "namespace is shared by all users of the system. Please "
        "select a different name and try again.");
  }
  if (existing.status().code() != StatusCode::kNotFound) {
    return S3ErrorFromStatus(existing.status(), "NoSuchBucket");
  }
  wire::CreateDirectoryOptions o;
  o.write_type = options_.write_type;
  o.allow_exists = true;
  if (users_->impersonates() && !call.user.empty()) o.mode = 0770;
  Status st = system->CreateDirectory(path, o);
  if (!st.ok()) return S3ErrorFromStatus(st, "NoSuchBucket");
  if (users_->impersonates() && !call.user.empty()) {
    wire::SetAttributeOptions owner;
    owner.owner = call.user;
    st = system->SetAttribute(path, owner);
    if (!st.ok()) {
      (void)system->Delete(path);
      return S3ErrorFromStatus(st.WithContext("Making " + call.user + " the owner of " + path));
    }
  }
  call.res.headers.Set("Location", path);
  return S3Status::OK();
}

S3Status S3Service::HeadBucket(S3Call& call) {
  auto b = BucketInfo(call);
  if (!b.ok()) return b.error();
  call.res.headers.Set("x-amz-bucket-region", "us-east-1");
  return S3Status::OK();
}

S3Status S3Service::DeleteBucket(S3Call& call) {
  auto b = BucketInfo(call);
  if (!b.ok()) return b.error();
  S3Error not_empty = s3err::BucketNotEmpty("The bucket you tried to delete is not empty");
  if (b->length > 0) return not_empty;
  // Buckets sit in the root, where users may not write: like CreateBucket, the proxy acts for
  // the bucket's owner.
  if (users_->impersonates() && !call.user.empty() && b->owner != call.user) {
    return s3err::AccessDenied("Access Denied: only the owner of bucket " + call.bucket + " (" +
                               b->owner + ") can delete it.");
  }
  wire::DeleteOptions o = ObjectDeleteOptions();
  Status st = users_->system()->Delete(b->path, o);
  if (!st.ok()) {
    if (st.code() == StatusCode::kFailedPrecondition && b->length == 0 && !b->mount_point) {
      return not_empty;  // an object arrived meanwhile
    }
    return S3ErrorFromStatus(st, "NoSuchBucket");
  }
  metas_.Remove(b->file_id);
  // Uploads still in progress into the bucket go with it.
  wire::DeleteOptions rec;
  rec.recursive = true;
  (void)users_->system()->Delete(StrCat(options_.metadata_root, "/multipart/", call.bucket), rec);
  call.res.status = 204;
  return S3Status::OK();
}

S3Status S3Service::ListObjects(S3Call& call, bool v2) {
  const net::HttpRequest& q = call.http;
  auto b = BucketInfo(call);
  if (!b.ok()) return b.error();
  auto max_keys = IntQuery(q, "max-keys", 1000, 1000);
  if (!max_keys.ok()) return max_keys.error();
  ListObjectsPage page;
  page.v2 = v2;
  page.bucket = call.bucket;
  page.prefix = q.Query("prefix").value_or("");
  page.delimiter = q.Query("delimiter").value_or("");
  page.encoding_type = q.Query("encoding-type").value_or("");
  if (!page.encoding_type.empty() && page.encoding_type != "url") {
    return s3err::InvalidArgument("Invalid Encoding Method specified in Request");
  }
  page.max_keys = *max_keys;
  ListObjectsRequest r;
  r.prefix = page.prefix;
  r.delimiter = page.delimiter;
  r.max_keys = page.max_keys;
  if (v2) {
    page.fetch_owner = q.Query("fetch-owner").value_or("") == "true";
    page.start_after = q.Query("start-after").value_or("");
    r.after = page.start_after;
    if (auto token = q.Query("continuation-token")) {
      auto decoded = DecodeContinuationToken(*token);
      if (!decoded) {
        return s3err::InvalidArgument("The continuation token provided is incorrect");
      }
      page.continuation_token = *token;
      r.after = std::max(r.after, *decoded);
    }
  } else {
    page.marker = q.Query("marker").value_or("");
    r.after = page.marker;
  }
  auto listed = proxy::ListObjects(*call.fs, b->path, r);
  if (!listed.ok()) return S3ErrorFromStatus(listed.status(), "NoSuchBucket");
  page.truncated = listed->truncated;
  if (page.truncated) {
    page.next_marker = listed->last;
    page.next_continuation_token = EncodeContinuationToken(listed->last);
  }
  page.contents = std::move(listed->contents);
  for (ObjectEntry& e : page.contents) {
    // A directory key is an empty object: the MD5 of nothing.
    e.etag = e.info.folder ? "d41d8cd98f00b204e9800998ecf8427e" : metas_.Get(e.info).etag;
  }
  page.common_prefixes = std::move(listed->common_prefixes);
  ReplyXml(call.res, ListObjectsXml(page));
  return S3Status::OK();
}

S3Status S3Service::DeleteObjects(S3Call& call) {
  auto b = BucketInfo(call);
  if (!b.ok()) return b.error();
  auto body = SmallBody(call);
  if (!body.ok()) return body.error();
  auto want_md5 = ContentMd5(call.http.headers);
  if (!want_md5.ok()) return want_md5.error();
  if (*want_md5) {
    Md5 md5;
    md5.Update(*body);
    if (md5.Finish() != **want_md5) {
      return s3err::BadDigest("The Content-MD5 you specified did not match what we received.");
    }
  }
  auto req = ParseDeleteRequest(*body);
  if (!req.ok()) return req.error();
  std::vector<std::string> deleted;
  std::vector<DeleteError> errors;
  for (const std::string& key : req->keys) {
    S3Status st = DeleteKey(call, key);
    if (st.ok()) {
      if (!req->quiet) deleted.push_back(key);
    } else {
      errors.push_back(DeleteError{key, st.error().code, st.error().message});
    }
  }
  ReplyXml(call.res, DeleteResultXml(deleted, errors));
  return S3Status::OK();
}

S3Status S3Service::ListMultipartUploads(S3Call& call) {
  const net::HttpRequest& q = call.http;
  auto b = BucketInfo(call);
  if (!b.ok()) return b.error();
  auto max = IntQuery(q, "max-uploads", 1000, 1000);
  if (!max.ok()) return max.error();
  ListUploadsPage page;
  page.bucket = call.bucket;
  page.prefix = q.Query("prefix").value_or("");
  page.delimiter = q.Query("delimiter").value_or("");
  page.key_marker = q.Query("key-marker").value_or("");
  page.upload_id_marker = q.Query("upload-id-marker").value_or("");
  page.encoding_type = q.Query("encoding-type").value_or("");
  page.max_uploads = *max;
  auto uploads = multipart_.List(call.bucket);
  if (!uploads.ok()) return S3ErrorFromStatus(uploads.status());
  std::sort(uploads->begin(), uploads->end(), [](const UploadInfo& a, const UploadInfo& b) {
    if (a.key != b.key) return a.key < b.key;
    if (a.initiated_ms != b.initiated_ms) return a.initiated_ms < b.initiated_ms;
    return a.upload_id < b.upload_id;
  });
  int count = 0;
  for (const UploadInfo& u : *uploads) {
    if (!StartsWith(u.key, page.prefix)) continue;
    if (!page.key_marker.empty()) {
      if (u.key < page.key_marker) continue;
      if (u.key == page.key_marker &&
          (page.upload_id_marker.empty() || u.upload_id <= page.upload_id_marker)) {
        continue;
      }
    }
    std::string group;
    if (!page.delimiter.empty()) {
      size_t pos = u.key.find(page.delimiter, page.prefix.size());
      if (pos != std::string::npos) group = u.key.substr(0, pos + page.delimiter.size());
    }
    if (!group.empty() && !page.common_prefixes.empty() && page.common_prefixes.back() == group) {
      continue;
    }
    if (count == page.max_uploads) {
      page.truncated = true;
      break;
    }
    ++count;
    page.next_key_marker = group.empty() ? u.key : group;
    page.next_upload_id_marker = group.empty() ? u.upload_id : "";
    if (!group.empty()) {
      page.common_prefixes.push_back(group);
    } else {
      page.uploads.push_back(UploadEntry{u.key, u.upload_id, u.owner, u.initiated_ms});
    }
  }
  ReplyXml(call.res, ListMultipartUploadsXml(page));
  return S3Status::OK();
}

S3Status S3Service::GetBucketTagging(S3Call& call) {
  auto b = BucketInfo(call);
  if (!b.ok()) return b.error();
  ObjectMeta meta = metas_.Get(*b);
  if (meta.tags.empty()) return s3err::NoSuchTagSet("The TagSet does not exist");
  ReplyXml(call.res, TaggingXml(meta.tags));
  return S3Status::OK();
}

S3Status S3Service::PutBucketTagging(S3Call& call) {
  auto b = BucketInfo(call);
  if (!b.ok()) return b.error();
  auto body = SmallBody(call);
  if (!body.ok()) return body.error();
  auto tags = ParseTagging(*body);
  if (!tags.ok()) return tags.error();
  // Buckets take up to 50 tags; the per-tag limits are the objects'.
  if (tags->size() > 50 && options_.tagging_restrictions) {
    return s3err::InvalidTag("Bucket tags cannot be greater than 50");
  }
  TagSet checked_per_tag;
  for (const auto& [k, v] : *tags) {
    checked_per_tag = {{k, v}};
    S3Status valid = ValidateTags(checked_per_tag, options_.tagging_restrictions);
    if (!valid.ok()) return valid;
  }
  ObjectMeta meta = metas_.Get(*b);
  meta.tags = std::move(tags).value();
  Status st = metas_.Put(*b, meta);
  if (!st.ok()) return S3ErrorFromStatus(st);
  call.res.status = 204;
  return S3Status::OK();
}

S3Status S3Service::DeleteBucketTagging(S3Call& call) {
  auto b = BucketInfo(call);
  if (!b.ok()) return b.error();
  ObjectMeta meta = metas_.Get(*b);
  if (!meta.tags.empty()) {
    meta.tags.clear();
    Status st = metas_.Put(*b, meta);
    if (!st.ok()) return S3ErrorFromStatus(st);
  }
  call.res.status = 204;
  return S3Status::OK();
}

}  // namespace alluxio::proxy
