// Internal to the S3 connector (s3_ufs.cc, s3_ufs_options.cc, s3_ufs_streams.cc): the client that
// signs, sends and retries requests and maps S3's errors, and the helpers the pieces share. Not
// for use outside lib/ufs; the public surface is s3_ufs.h.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "lib/common/logging.h"
#include "lib/common/strings.h"
#include "lib/conf/units.h"
#include "lib/ufs/s3_ufs.h"
#include "lib/ufs/s3_xml.h"
#include "lib/ufs/ufs_path.h"

namespace alluxio::ufs::s3_detail {

using Params = std::vector<std::pair<std::string, std::string>>;

inline constexpr int64_t kMinPartSize = 5 * 1024 * 1024;
inline constexpr int kMaxParts = 10'000;
inline constexpr int64_t kMaxCopyBytes = 5LL * 1024 * 1024 * 1024;
inline constexpr size_t kMaxXmlBody = 64 * 1024 * 1024;
inline constexpr size_t kMaxErrorBody = 1024 * 1024;
// Request bodies larger than this are streamed from the caller's buffer instead of copied.
inline constexpr size_t kStreamBodyAbove = 64 * 1024;
// Keys per DeleteObjects request (S3's maximum).
inline constexpr int kDeleteBatch = 1000;

// "a/b/c" -> "a/b"; "a" -> "".
inline std::string ParentKey(std::string_view key) {
  size_t slash = key.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(key.substr(0, slash));
}

// "a/b/c" -> "c".
inline std::string BaseName(std::string_view key) {
  size_t slash = key.rfind('/');
  return std::string(slash == std::string_view::npos ? key : key.substr(slash + 1));
}

// Failures worth another attempt: throttling, server errors, S3's idle-socket timeout.
inline bool IsRetryable(int status, std::string_view code) {
  if (status == 500 || status == 502 || status == 503 || status == 504) return true;
  return code == "SlowDown" || code == "InternalError" || code == "ServiceUnavailable" ||
         code == "RequestTimeout" || code == "Throttling" || code == "ThrottlingException";
}

// A name's bound in S3's key order: a directory D (listed as "D/") sorts after a sibling file
// "D<c>..." whose next byte c is below '/', though D comes first by name. The entry named
// `name` is safe to hand out once the listing has passed "<shortest such D>/"; returns that
// key, or "" when no directory can still come before `name`.
inline std::string ReleaseBound(std::string_view name) {
  for (size_t i = 1; i < name.size(); ++i) {
    if (static_cast<unsigned char>(name[i]) < '/') return StrCat(name.substr(0, i), "/");
  }
  return std::string();
}

}  // namespace alluxio::ufs::s3_detail

namespace alluxio::ufs {

// ---------------------------------------------------------------------------------------------
// Client: requests, retries, error mapping and the object-level operations.

class S3Ufs::Client {
 public:
  struct Call {
    std::string method = "GET";
    std::string key;  // empty: the bucket itself
    s3_detail::Params query;
    s3_detail::Params headers;  // all of them signed
    std::string_view body;
    bool hash_body = true;     // false: x-amz-content-sha256 is UNSIGNED-PAYLOAD
    bool stream = false;       // a 2xx body stays unread, in Reply::stream
    bool error_in_ok = false;  // a 200 may carry an <Error> document (complete, copy)
  };

  struct Reply {
    int status = 0;
    net::Headers headers;
    std::string body;
    std::unique_ptr<net::ResponseStream> stream;
    bool ok() const { return status >= 200 && status < 300; }
  };

  // What a key is.
  struct Entry {
    enum class Kind { kMissing, kFile, kDirectory } kind = Kind::kMissing;
    int64_t length = 0;
    int64_t last_modified_ms = 0;
    std::string etag;
  };

  Client(S3UfsOptions options, std::shared_ptr<net::HttpClient> http)
      : options_(std::move(options)),
        http_(std::move(http)),
        clock_(options_.clock != nullptr ? options_.clock : &system_clock_),
        connect_host_(options_.path_style ? options_.host
                                          : StrCat(options_.bucket, ".", options_.host)),
        host_header_((options_.https && options_.port == 443) ||
                             (!options_.https && options_.port == 80)
                         ? connect_host_
                         : StrCat(connect_host_, ":", options_.port)) {}

  const S3UfsOptions& options() const { return options_; }

  // "s3://bucket/key".
  std::string Uri(std::string_view key) const {
    return key.empty() ? StrCat(options_.scheme, "://", options_.bucket)
                       : StrCat(options_.scheme, "://", options_.bucket, "/", key);
  }

  // The key `path` names in this instance's bucket ("" for the bucket's root).
  Result<std::string> KeyOf(const std::string& path) const {
    ParsedUri parsed = ParseUri(path);
    if (parsed.scheme != "s3" && parsed.scheme != "s3a") {
      return Status::InvalidArgument(StrCat("not an S3 path (s3:// or s3a://): ", path));
    }
    if (!parsed.has_authority || parsed.authority != options_.bucket) {
      return Status::InvalidArgument(
          StrCat("path ", path, " is not in bucket ", options_.bucket, ", which this UFS serves"));
    }
    ASSIGN_OR_RETURN(std::vector<std::string> parts,
                     SplitAbsolutePath(parsed.path.empty() ? "/" : parsed.path, path));
    return Join(parts, "/");
  }

  // True for the bucket's root, the mount's root key and the keys between them: directories
  // that exist as long as the bucket does, whether or not any key is under them.
  bool IsRootOrAbove(std::string_view key) const {
    return key.empty() || key == options_.root_key ||
           StartsWith(options_.root_key, StrCat(key, "/"));
  }

  // Sends `call`, retrying as the header describes. Error statuses come back as replies (turn
  // them into a Status with ErrorOf); a transport failure that outlasts the retries is
  // UNAVAILABLE naming the endpoint.
  Result<Reply> Send(const Call& call) const {
    const int64_t start = clock_->MonotonicMs();
    const S3RetryOptions& retry = options_.retry;
    int attempts = 0;
    int connection_failures = 0;
    while (true) {
      ++attempts;
      Status failure;
      auto opened = http_->Open(connect_host_, options_.port, BuildRequest(call));
      if (!opened.ok()) {
        failure = opened.status();
      } else {
        Reply reply;
        reply.status = (*opened)->status();
        reply.headers = (*opened)->headers();
        if (reply.ok() && call.stream) {
          reply.stream = std::move(*opened);
          return reply;
        }
        auto body =
            net::ReadAll(**opened, reply.ok() ? s3_detail::kMaxXmlBody : s3_detail::kMaxErrorBody);
        if (body.ok()) {
          reply.body = std::move(*body);
          std::string code;
          if (!reply.ok() || call.error_in_ok) {
            if (auto error = s3xml::ParseError(reply.body)) {
              code = error->code;
              // An <Error> inside a 200: the operation failed after all.
              if (reply.ok()) reply.status = 500;
            }
          }
          if (!s3_detail::IsRetryable(reply.status, code) || attempts >= retry.max_attempts ||
              !BackOff(attempts, start)) {
            return reply;
          }
          continue;
        }
        failure = body.status();
      }
      const bool transport = failure.code() == StatusCode::kUnavailable ||
                             failure.code() == StatusCode::kDeadlineExceeded;
      if (transport && ++connection_failures < retry.max_connection_attempts &&
          BackOff(attempts, start)) {
        continue;
      }
      std::string what = StrCat(call.method, " ", Uri(call.key));
      if (!transport) {
        return Status::Unknown(StrCat("S3 request ", what, " to ", options_.Endpoint(),
                                      " failed: ", failure.message()));
      }
      return Status::Unavailable(StrCat(
          "S3 endpoint ", options_.Endpoint(), " is unreachable (", what, "): ", failure.message(),
          "; gave up after ", attempts, " attempt(s) in ", clock_->MonotonicMs() - start, " ms"));
    }
  }

  // The one conversion of S3's answers into Status codes. `doing` says what failed and names
  // the path ("cannot open s3://bucket/key").
  Status ErrorOf(const Reply& reply, std::string_view doing) const {
    std::optional<s3xml::ErrorDocument> doc = s3xml::ParseError(reply.body);
    std::string code = doc ? doc->code : std::string();
    std::string detail = code.empty() ? StrCat("HTTP ", reply.status)
                                      : StrCat(code, doc->message.empty() ? "" : ": ", doc->message,
                                               " (HTTP ", reply.status, ")");
    switch (reply.status) {
      case 404:
        if (code == "NoSuchBucket") {
          return Status::NotFound(StrCat(doing, ": bucket ", options_.bucket, " does not exist at ",
                                         options_.Endpoint()));
        }
        return Status::NotFound(StrCat(doing, ": it does not exist (", detail, ")"));
      case 401:
      case 403:
        return Status::PermissionDenied(
            StrCat(doing, ": access denied by S3 at ", options_.Endpoint(), " (", detail, ")"));
      case 301:
      case 307:
        return Status::InvalidArgument(StrCat(
            doing, ": bucket ", options_.bucket, " is not served by ", options_.Endpoint(), " (",
            detail, "); set alluxio.underfs.s3.endpoint or alluxio.underfs.s3.endpoint.region"));
      case 400:
        return Status::InvalidArgument(StrCat(doing, ": ", detail));
      case 409:
      case 412:
        return Status::FailedPrecondition(StrCat(doing, ": ", detail));
      case 416:
        return Status::OutOfRange(StrCat(doing, ": ", detail));
      case 501:
        return Status::Unimplemented(
            StrCat(doing, ": not supported by ", options_.Endpoint(), " (", detail, ")"));
      case 507:
        return Status::ResourceExhausted(StrCat(doing, ": ", detail));
      default:
        if (reply.status >= 500) {
          return Status::Unavailable(
              StrCat(doing, ": S3 at ", options_.Endpoint(), " keeps failing (", detail, ")"));
        }
        return Status::Unknown(StrCat(doing, ": unexpected answer from S3 (", detail, ")"));
    }
  }

  // Plain requests.

  Result<Reply> Head(const std::string& key) const {
    Call call;
    call.method = "HEAD";
    call.key = key;
    return Send(call);
  }

  // One ListObjectsV2 page of keys starting with `prefix`.
  Result<s3xml::ListPage> List(const std::string& prefix, bool delimited, const std::string& token,
                               int max_keys, std::string_view doing) const {
    Call call;
    call.query = {{"list-type", "2"}, {"max-keys", std::to_string(max_keys)}};
    if (!prefix.empty()) call.query.emplace_back("prefix", prefix);
    if (delimited) call.query.emplace_back("delimiter", "/");
    if (!token.empty()) call.query.emplace_back("continuation-token", token);
    call.query.emplace_back("encoding-type", "url");
    ASSIGN_OR_RETURN(Reply reply, Send(call));
    if (!reply.ok()) return ErrorOf(reply, doing);
    auto page = s3xml::ParseListObjectsV2(reply.body);
    if (!page.ok()) return page.status().WithContext(doing);
    return page;
  }

  // Whether any key starts with `prefix`.
  Result<bool> PrefixExists(const std::string& prefix, std::string_view doing) const {
    ASSIGN_OR_RETURN(s3xml::ListPage page, List(prefix, false, "", 1, doing));
    return !page.objects.empty() || !page.common_prefixes.empty();
  }

  // What `key` is: a file (an object), a directory (a marker or a prefix) or nothing.
  Result<Entry> Stat(const std::string& key, std::string_view uri) const {
    std::string doing = StrCat("cannot get the status of ", uri);
    Entry entry;
    if (IsRootOrAbove(key)) {
      ASSIGN_OR_RETURN(Reply reply, Head(""));
      if (reply.status == 404) return entry;
      if (!reply.ok()) return ErrorOf(reply, doing);
      entry.kind = Entry::Kind::kDirectory;
      return entry;
    }
    ASSIGN_OR_RETURN(Reply reply, Head(key));
    if (reply.ok()) {
      entry.kind = Entry::Kind::kFile;
      int64_t length = 0;
      if (ParseInt64(reply.headers.Get("Content-Length"), &length)) entry.length = length;
      entry.etag = s3xml::UnquoteETag(reply.headers.Get("ETag"));
      entry.last_modified_ms = s3xml::ParseHttpDateMs(reply.headers.Get("Last-Modified"));
      return entry;
    }
    if (reply.status != 404) return ErrorOf(reply, doing);
    ASSIGN_OR_RETURN(s3xml::ListPage page, List(key + "/", false, "", 1, doing));
    if (page.objects.empty() && page.common_prefixes.empty()) return entry;
    entry.kind = Entry::Kind::kDirectory;
    if (!page.objects.empty() && page.objects[0].key == key + "/") {
      entry.last_modified_ms = page.objects[0].last_modified_ms;
    }
    return entry;
  }

  // The nearest ancestor of `key` (below the mount's root) that is a file, if any.
  Result<std::optional<std::string>> FileAncestor(const std::string& key,
                                                  std::string_view uri) const {
    for (std::string a = s3_detail::ParentKey(key); !IsRootOrAbove(a);
         a = s3_detail::ParentKey(a)) {
      ASSIGN_OR_RETURN(Reply reply, Head(a));
      if (reply.ok()) return std::optional<std::string>(a);
      if (reply.status != 404) return ErrorOf(reply, StrCat("cannot get the status of ", uri));
    }
    return std::optional<std::string>();
  }

  UfsStatus DirectoryStatus(std::string name, int64_t last_modified_ms) {
    UfsStatus s;
    s.name = std::move(name);
    s.is_directory = true;
    s.last_modified_ms = last_modified_ms;
    FillIdentity(&s);
    return s;
  }

  UfsStatus FileStatus(std::string name, int64_t length, int64_t last_modified_ms,
                       std::string etag) {
    UfsStatus s;
    s.name = std::move(name);
    s.length = length;
    s.last_modified_ms = last_modified_ms;
    s.content_hash = std::move(etag);
    FillIdentity(&s);
    return s;
  }

  // Writes the zero-byte marker of directory `key`.
  Status PutMarker(const std::string& key, std::string_view uri) const {
    Call call;
    call.method = "PUT";
    call.key = key + "/";
    call.headers = {{"Content-Type", "application/x-directory"}};
    ASSIGN_OR_RETURN(Reply reply, Send(call));
    if (!reply.ok()) return ErrorOf(reply, StrCat("cannot create directory ", uri));
    return Status::OK();
  }

  // Makes sure directory `key` exists: OK when it does; with `create`, writes the markers of it
  // and its missing ancestors; NOT_FOUND without; FAILED_PRECONDITION when it or an ancestor is
  // a file. `doing` starts the messages.
  Status EnsureDirectory(const std::string& key, bool create, std::string_view doing) const {
    if (IsRootOrAbove(key)) return Status::OK();
    ASSIGN_OR_RETURN(Entry entry, Stat(key, Uri(key)));
    if (entry.kind == Entry::Kind::kDirectory) return Status::OK();
    if (entry.kind == Entry::Kind::kFile) {
      return Status::FailedPrecondition(
          StrCat(doing, ": ", Uri(key), " is a file, not a directory"));
    }
    if (!create) {
      return Status::NotFound(
          StrCat(doing, ": its parent directory ", Uri(key), " does not exist"));
    }
    RETURN_IF_ERROR(EnsureDirectory(s3_detail::ParentKey(key), true, doing));
    return PutMarker(key, Uri(key));
  }

  // Deletes `keys` with DeleteObjects.
  Status DeleteKeys(const std::vector<std::string>& keys, std::string_view doing) const {
    if (keys.empty()) return Status::OK();
    std::string xml = s3xml::DeleteObjectsXml(keys);
    Call call;
    call.method = "POST";
    call.query = {{"delete", ""}};
    call.headers = {{"Content-MD5", sigv4::Md5Base64(xml)}, {"Content-Type", "application/xml"}};
    call.body = xml;
    ASSIGN_OR_RETURN(Reply reply, Send(call));
    if (!reply.ok()) return ErrorOf(reply, doing);
    ASSIGN_OR_RETURN(std::vector<s3xml::DeleteFailure> failures,
                     s3xml::ParseDeleteResult(reply.body));
    if (!failures.empty()) {
      const s3xml::DeleteFailure& f = failures.front();
      Reply synthetic;
      synthetic.status = f.code == "AccessDenied" ? 403 : 500;
      return ErrorOf(synthetic, StrCat(doing, ": ", failures.size(), " object(s) not deleted, ",
                                       Uri(f.key), ": ", f.code, " ", f.message));
    }
    return Status::OK();
  }

  // Server-side copy of one object.
  Status CopyObject(const std::string& from, const std::string& to, int64_t length,
                    std::string_view doing) const {
    if (length > s3_detail::kMaxCopyBytes) {
      return Status::Unimplemented(StrCat(doing, ": ", Uri(from),
                                          " is larger than 5 GiB, which S3 copies only in parts "
                                          "(UploadPartCopy), not supported yet"));
    }
    Call call;
    call.method = "PUT";
    call.key = to;
    call.headers = {
        {"x-amz-copy-source", StrCat("/", options_.bucket, "/", sigv4::UriEncode(from, true))}};
    call.error_in_ok = true;
    ASSIGN_OR_RETURN(Reply reply, Send(call));
    if (!reply.ok()) return ErrorOf(reply, doing);
    return Status::OK();
  }

  // Best effort: S3 (and a lifecycle rule) cleans up what this leaves.
  void AbortUpload(const std::string& key, const std::string& upload_id) const {
    Call call;
    call.method = "DELETE";
    call.key = key;
    call.query = {{"uploadId", upload_id}};
    (void)Send(call);
  }

 private:
  net::ClientRequest BuildRequest(const Call& call) const {
    std::string canonical_uri = "/";
    if (options_.path_style) {
      canonical_uri += options_.bucket;
      if (!call.key.empty()) canonical_uri += "/";
    }
    canonical_uri += sigv4::UriEncode(call.key, /*keep_slash=*/true);
    std::string query = sigv4::CanonicalQueryString(call.query);

    net::ClientRequest req;
    req.method = call.method;
    req.target = query.empty() ? canonical_uri : StrCat(canonical_uri, "?", query);
    req.timeout_ms = options_.request_timeout_ms;
    req.tls = options_.https;
    if (call.body.size() > s3_detail::kStreamBodyAbove) {
      // Streamed from the caller's buffer; each attempt gets a fresh cursor.
      auto position = std::make_shared<size_t>(0);
      std::string_view body = call.body;
      req.body_source = [body, position](char* buf, size_t n) -> Result<size_t> {
        size_t take = std::min(n, body.size() - *position);
        std::copy_n(body.data() + *position, take, buf);
        *position += take;
        return take;
      };
      req.content_length = call.body.size();
    } else {
      req.body = std::string(call.body);
    }

    s3_detail::Params headers = call.headers;
    headers.emplace_back("Host", host_header_);
    if (!options_.credentials.empty()) {
      std::string date = sigv4::AmzDate(clock_->NowMs());
      std::string payload_hash =
          call.hash_body ? sigv4::Sha256Hex(call.body) : std::string(sigv4::kUnsignedPayload);
      headers.emplace_back("x-amz-date", date);
      headers.emplace_back("x-amz-content-sha256", payload_hash);
      if (!options_.credentials.session_token.empty()) {
        headers.emplace_back("x-amz-security-token", options_.credentials.session_token);
      }
      sigv4::Request to_sign{call.method, canonical_uri, call.query, headers, payload_hash};
      sigv4::Signed signed_request =
          sigv4::Sign(to_sign, options_.credentials, options_.region, "s3", date);
      headers.emplace_back("Authorization", std::move(signed_request.authorization));
    }
    for (auto& [name, value] : headers) req.headers.Set(name, std::move(value));
    return req;
  }

  // Sleeps before attempt `attempts + 1`: full jitter over an exponentially growing window.
  // False (without sleeping) when that would pass the deadline.
  bool BackOff(int attempts, int64_t start) const {
    const S3RetryOptions& retry = options_.retry;
    int64_t window = retry.initial_backoff_ms;
    for (int i = 1; i < attempts && window < retry.max_backoff_ms; ++i) window *= 2;
    window = std::min(window, retry.max_backoff_ms);
    std::minstd_rand rng(std::random_device{}());
    int64_t delay = std::uniform_int_distribution<int64_t>(0, std::max<int64_t>(window, 0))(rng);
    if (clock_->MonotonicMs() - start + delay > retry.total_deadline_ms) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(delay));
    return true;
  }

  // Owner, group and mode, from the bucket ACL the first time they are needed.
  void FillIdentity(UfsStatus* s) {
    std::lock_guard<std::mutex> lock(identity_mu_);
    if (!identity_known_) LoadIdentity();
    s->owner = owner_;
    s->group = owner_;
    s->mode = mode_;
  }

  // Requires identity_mu_. A transport failure leaves the identity unknown, to try again.
  void LoadIdentity() {
    mode_ = options_.default_mode;
    if (!options_.inherit_acl || options_.credentials.empty()) {
      identity_known_ = true;
      return;
    }
    Call call;
    call.query = {{"acl", ""}};
    auto reply = Send(call);
    if (!reply.ok()) return;
    identity_known_ = true;
    if (!reply->ok()) return;  // not allowed or not implemented: keep the defaults
    auto acl = s3xml::ParseBucketAcl(reply->body);
    if (!acl.ok()) return;
    owner_ = !acl->owner_name.empty() ? acl->owner_name : acl->owner_id;
    mode_ = options_.default_mode & ((acl->owner_bits << 6) | 077);
  }

  // Immutable after construction.
  const S3UfsOptions options_;
  const std::shared_ptr<net::HttpClient> http_;
  const SystemClock system_clock_;
  const Clock* const clock_;
  const std::string connect_host_;
  const std::string host_header_;

  std::mutex identity_mu_;
  bool identity_known_ = false;  // guarded by identity_mu_
  std::string owner_;            // guarded by identity_mu_
  int mode_ = 0;                 // guarded by identity_mu_
};

// The streams (s3_ufs_streams.cc): reads [position, end) of `key` (end -1: to the end of the
// object) from `body`, the response already opened at `position` (null: nothing left to read),
// dropping `skip` bytes of it first (a server that ignored the Range header); writes as one PUT
// or a multipart upload.
std::unique_ptr<UfsInputStream> NewS3InputStream(std::shared_ptr<S3Ufs::Client> client,
                                                 std::string key, std::string uri, std::string etag,
                                                 int64_t position, int64_t end,
                                                 std::unique_ptr<net::ResponseStream> body,
                                                 int64_t skip);
std::unique_ptr<UfsOutputStream> NewS3OutputStream(std::shared_ptr<S3Ufs::Client> client,
                                                   std::string key, std::string uri,
                                                   const CreateOptions& options);

}  // namespace alluxio::ufs
