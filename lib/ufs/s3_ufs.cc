#include "lib/ufs/s3_ufs.h"

#include <arpa/inet.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <random>
#include <thread>
#include <utility>
#include <vector>

#include "lib/common/logging.h"
#include "lib/common/strings.h"
#include "lib/conf/units.h"
#include "lib/ufs/s3_xml.h"
#include "lib/ufs/ufs_path.h"

namespace alluxio::ufs {
namespace {

using Params = std::vector<std::pair<std::string, std::string>>;

constexpr int64_t kMinPartSize = 5 * 1024 * 1024;
constexpr int kMaxParts = 10'000;
constexpr int64_t kMaxCopyBytes = 5LL * 1024 * 1024 * 1024;
constexpr size_t kMaxXmlBody = 64 * 1024 * 1024;
constexpr size_t kMaxErrorBody = 1024 * 1024;
// Request bodies larger than this are streamed from the caller's buffer instead of copied.
constexpr size_t kStreamBodyAbove = 64 * 1024;
// Keys per DeleteObjects request (S3's maximum).
constexpr int kDeleteBatch = 1000;

// "a/b/c" -> "a/b"; "a" -> "".
std::string ParentKey(std::string_view key) {
  size_t slash = key.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(key.substr(0, slash));
}

// "a/b/c" -> "c".
std::string BaseName(std::string_view key) {
  size_t slash = key.rfind('/');
  return std::string(slash == std::string_view::npos ? key : key.substr(slash + 1));
}

bool IsIpOrLocalhost(std::string_view host) {
  if (EqualsIgnoreCase(host, "localhost")) return true;
  std::string h(host);
  if (h.size() > 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
  unsigned char buf[16];
  return inet_pton(AF_INET, h.c_str(), buf) == 1 || inet_pton(AF_INET6, h.c_str(), buf) == 1;
}

// Failures worth another attempt: throttling, server errors, S3's idle-socket timeout.
bool IsRetryable(int status, std::string_view code) {
  if (status == 500 || status == 502 || status == 503 || status == 504) return true;
  return code == "SlowDown" || code == "InternalError" || code == "ServiceUnavailable" ||
         code == "RequestTimeout" || code == "Throttling" || code == "ThrottlingException";
}

// A name's bound in S3's key order: a directory D (listed as "D/") sorts after a sibling file
// "D<c>..." whose next byte c is below '/', though D comes first by name. The entry named
// `name` is safe to hand out once the listing has passed "<shortest such D>/"; returns that
// key, or "" when no directory can still come before `name`.
std::string ReleaseBound(std::string_view name) {
  for (size_t i = 1; i < name.size(); ++i) {
    if (static_cast<unsigned char>(name[i]) < '/') return StrCat(name.substr(0, i), "/");
  }
  return std::string();
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Options

Result<S3UfsOptions> S3UfsOptions::FromProperties(
    std::string_view uri, const std::map<std::string, std::string>& properties,
    const std::function<std::optional<std::string>(const char*)>& getenv) {
  S3UfsOptions o;
  ParsedUri parsed = ParseUri(uri);
  if (parsed.scheme != "s3" && parsed.scheme != "s3a") {
    return Status::InvalidArgument(StrCat("not an S3 URI (s3:// or s3a://): ", uri));
  }
  if (!parsed.has_authority || parsed.authority.empty()) {
    return Status::InvalidArgument(StrCat("S3 URI without a bucket: ", uri));
  }
  o.scheme = parsed.scheme;
  o.bucket = parsed.authority;
  ASSIGN_OR_RETURN(std::vector<std::string> parts,
                   SplitAbsolutePath(parsed.path.empty() ? "/" : parsed.path, uri));
  o.root_key = Join(parts, "/");

  auto get = [&properties](std::string_view key) -> std::optional<std::string> {
    auto it = properties.find(std::string(key));
    if (it == properties.end() || Trim(it->second).empty()) return std::nullopt;
    return std::string(Trim(it->second));
  };
  auto get_bool = [&get](std::string_view key, bool fallback) -> Result<bool> {
    std::optional<std::string> v = get(key);
    if (!v) return fallback;
    auto b = conf::ParseBool(*v);
    if (!b.ok()) return Status::InvalidArgument(StrCat("invalid value of ", key, ": ", *v));
    return *b;
  };

  // Credentials: never echoed, only their key names.
  std::optional<std::string> id = get("s3a.accessKeyId");
  std::optional<std::string> secret = get("s3a.secretKey");
  if (!id && !secret) {
    id = get("aws.accessKeyId");
    secret = get("aws.secretKey");
  }
  if (!id && !secret) {
    id = getenv("AWS_ACCESS_KEY_ID");
    secret = getenv("AWS_SECRET_ACCESS_KEY");
    if (id && secret) {
      std::optional<std::string> token = getenv("AWS_SESSION_TOKEN");
      if (token) o.credentials.session_token = *token;
    }
  }
  if (id.has_value() != secret.has_value()) {
    return Status::InvalidArgument(
        StrCat("S3 credentials for ", uri, " are incomplete: ",
               id ? "s3a.secretKey (or AWS_SECRET_ACCESS_KEY) is missing"
                  : "s3a.accessKeyId (or AWS_ACCESS_KEY_ID) is missing"));
  }
  if (id) {
    o.credentials.access_key_id = *id;
    o.credentials.secret_access_key = *secret;
  }

  if (std::optional<std::string> region = get("alluxio.underfs.s3.endpoint.region")) {
    o.region = *region;
  }
  ASSIGN_OR_RETURN(bool secure, get_bool("alluxio.underfs.s3.secure.http.enabled", false));
  if (std::optional<std::string> endpoint = get("alluxio.underfs.s3.endpoint")) {
    std::string_view rest = *endpoint;
    if (StartsWith(ToLower(rest.substr(0, 8)), "https://")) {
      o.https = true;
      rest.remove_prefix(8);
    } else if (StartsWith(ToLower(rest.substr(0, 7)), "http://")) {
      o.https = false;
      rest.remove_prefix(7);
    } else {
      o.https = secure;
    }
    while (EndsWith(rest, "/")) rest.remove_suffix(1);
    if (rest.empty() || rest.find('/') != std::string_view::npos) {
      return Status::InvalidArgument(
          StrCat("invalid alluxio.underfs.s3.endpoint '", *endpoint,
                 "': expected http://host[:port], https://host[:port] or host[:port]"));
    }
    o.port = o.https ? 443 : 80;
    size_t colon = rest.rfind(':');
    if (colon != std::string_view::npos && rest.find(']', colon) == std::string_view::npos) {
      int64_t port = 0;
      if (!ParseInt64(rest.substr(colon + 1), &port) || port <= 0 || port > 65535) {
        return Status::InvalidArgument(
            StrCat("invalid port in alluxio.underfs.s3.endpoint '", *endpoint, "'"));
      }
      o.port = static_cast<int>(port);
      rest = rest.substr(0, colon);
    }
    o.host = std::string(rest);
    // "s3.eu-west-1.amazonaws.com" names its region.
    if (!get("alluxio.underfs.s3.endpoint.region") && StartsWith(o.host, "s3.") &&
        EndsWith(o.host, ".amazonaws.com")) {
      std::string middle = o.host.substr(3, o.host.size() - 3 - 14);
      if (!middle.empty()) o.region = middle;
    }
  } else {
    o.https = true;
    o.port = 443;
    o.host =
        o.region == "us-east-1" ? "s3.amazonaws.com" : StrCat("s3.", o.region, ".amazonaws.com");
  }

  ASSIGN_OR_RETURN(bool disable_dns, get_bool("alluxio.underfs.s3.disable.dns.buckets", false));
  // A bucket cannot be a sub-domain of an IP address; dotted names break TLS host checks.
  o.path_style = disable_dns || IsIpOrLocalhost(o.host) ||
                 (o.https && o.bucket.find('.') != std::string::npos);
  ASSIGN_OR_RETURN(o.inherit_acl, get_bool("alluxio.underfs.s3.inherit.acl", true));

  if (std::optional<std::string> mode = get("alluxio.underfs.s3.default.mode")) {
    char* end = nullptr;
    long value = std::strtol(mode->c_str(), &end, 8);
    if (end == mode->c_str() || *end != '\0' || value < 0 || value > 07777) {
      return Status::InvalidArgument(
          StrCat("invalid octal mode in alluxio.underfs.s3.default.mode: ", *mode));
    }
    o.default_mode = static_cast<int>(value);
  }
  if (std::optional<std::string> size = get("alluxio.underfs.s3.multipart.upload.partition.size")) {
    auto bytes = conf::ParseBytes(*size);
    if (!bytes.ok() || *bytes < kMinPartSize) {
      return Status::InvalidArgument(
          StrCat("invalid alluxio.underfs.s3.multipart.upload.partition.size '", *size,
                 "': a size of at least 5MB (S3's smallest part) is required"));
    }
    o.part_size = *bytes;
  }
  if (std::optional<std::string> timeout = get("alluxio.underfs.s3.socket.timeout")) {
    auto ms = conf::ParseDurationMs(*timeout);
    if (!ms.ok() || *ms <= 0) {
      return Status::InvalidArgument(
          StrCat("invalid duration in alluxio.underfs.s3.socket.timeout: ", *timeout));
    }
    o.request_timeout_ms = *ms;
  }
  return o;
}

std::string S3UfsOptions::Endpoint() const {
  return StrCat(https ? "https://" : "http://", host, ":", port);
}

// ---------------------------------------------------------------------------------------------
// Client: requests, retries, error mapping and the object-level operations.

class S3Ufs::Client {
 public:
  struct Call {
    std::string method = "GET";
    std::string key;  // empty: the bucket itself
    Params query;
    Params headers;  // all of them signed
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
        auto body = net::ReadAll(**opened, reply.ok() ? kMaxXmlBody : kMaxErrorBody);
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
          if (!IsRetryable(reply.status, code) || attempts >= retry.max_attempts ||
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
    for (std::string a = ParentKey(key); !IsRootOrAbove(a); a = ParentKey(a)) {
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
    RETURN_IF_ERROR(EnsureDirectory(ParentKey(key), true, doing));
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
    if (length > kMaxCopyBytes) {
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
    if (call.body.size() > kStreamBodyAbove) {
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

    Params headers = call.headers;
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

namespace {

using Client = S3Ufs::Client;

// ---------------------------------------------------------------------------------------------
// Streams

class S3InputStream final : public UfsInputStream {
 public:
  // Reads [position, end) of `key` (end -1: to the end of the object); `body` is the response
  // already opened at `position` (null: nothing left to read), `skip` bytes of it to drop first
  // (a server that ignored the Range header).
  S3InputStream(std::shared_ptr<Client> client, std::string key, std::string uri, std::string etag,
                int64_t position, int64_t end, std::unique_ptr<net::ResponseStream> body,
                int64_t skip)
      : client_(std::move(client)),
        key_(std::move(key)),
        uri_(std::move(uri)),
        etag_(std::move(etag)),
        position_(position),
        end_(end),
        body_(std::move(body)),
        skip_(skip),
        done_(body_ == nullptr) {}

  Result<size_t> Read(char* buf, size_t n) override {
    if (done_ || n == 0) return size_t{0};
    if (end_ >= 0) n = static_cast<size_t>(std::min<int64_t>(n, end_ - position_));
    if (n == 0) return size_t{0};
    int failures = 0;
    while (true) {
      if (!body_) {
        ASSIGN_OR_RETURN(body_, Reopen());
        if (!body_) {
          done_ = true;
          return size_t{0};
        }
      }
      Result<size_t> got = body_->Read(buf, n);
      if (got.ok()) {
        if (*got == 0) {
          done_ = true;
          body_.reset();
          return size_t{0};
        }
        if (skip_ > 0) {
          size_t dropped = static_cast<size_t>(std::min<int64_t>(skip_, *got));
          skip_ -= static_cast<int64_t>(dropped);
          if (dropped < *got) std::copy(buf + dropped, buf + *got, buf);
          if (*got == dropped) continue;
          *got -= dropped;
        }
        position_ += static_cast<int64_t>(*got);
        return *got;
      }
      // The connection broke mid-body: resume where we are, from the same object version.
      body_.reset();
      skip_ = 0;
      if (++failures >= client_->options().retry.max_connection_attempts) {
        return Status::Unavailable(
            StrCat("cannot read ", uri_, " at offset ", position_, ": ", got.status().message()));
      }
    }
  }

 private:
  // A new GET from position_; null when there is nothing left (416).
  Result<std::unique_ptr<net::ResponseStream>> Reopen() {
    Client::Call call;
    call.key = key_;
    call.stream = true;
    call.headers = {{"Range", StrCat("bytes=", position_, "-",
                                     end_ >= 0 ? std::to_string(end_ - 1) : std::string())}};
    if (!etag_.empty()) call.headers.emplace_back("If-Match", StrCat("\"", etag_, "\""));
    ASSIGN_OR_RETURN(Client::Reply reply, client_->Send(call));
    if (reply.status == 416) return std::unique_ptr<net::ResponseStream>();
    if (reply.status == 412) {
      return Status::Aborted(StrCat("cannot read ", uri_, ": it changed while it was being read"));
    }
    if (!reply.ok()) return client_->ErrorOf(reply, StrCat("cannot read ", uri_));
    if (reply.status != 206) skip_ = position_;
    return std::move(reply.stream);
  }

  const std::shared_ptr<Client> client_;
  const std::string key_;
  const std::string uri_;
  const std::string etag_;
  int64_t position_;
  const int64_t end_;  // exclusive; -1: the end of the object
  std::unique_ptr<net::ResponseStream> body_;
  int64_t skip_;
  bool done_;
};

class S3OutputStream final : public UfsOutputStream {
 public:
  S3OutputStream(std::shared_ptr<Client> client, std::string key, std::string uri,
                 const CreateOptions& options)
      : client_(std::move(client)),
        key_(std::move(key)),
        uri_(std::move(uri)),
        options_(options),
        part_size_(static_cast<size_t>(std::max<int64_t>(client_->options().part_size, 1))) {}
  ~S3OutputStream() override { Cancel(); }

  Status Write(std::string_view data) override {
    if (state_ != State::kOpen) return Finished();
    if (!error_.ok()) return error_;
    while (!data.empty()) {
      // A full buffer goes out only once more data follows, so a file of exactly one part
      // size is still a single PUT.
      if (buffer_.size() == part_size_) {
        Status s = UploadPart();
        if (!s.ok()) {
          error_ = s;
          Abort();
          return error_;
        }
      }
      size_t take = std::min(part_size_ - buffer_.size(), data.size());
      buffer_.append(data.data(), take);
      data.remove_prefix(take);
    }
    return Status::OK();
  }

  Status Close() override {
    if (state_ != State::kOpen) return Finished();
    state_ = State::kClosed;
    Status result = error_.ok() ? Publish() : error_;
    if (!result.ok()) Abort();
    buffer_ = std::string();
    return result;
  }

  void Cancel() override {
    if (state_ != State::kOpen) return;
    state_ = State::kCancelled;
    Abort();
    buffer_ = std::string();
  }

 private:
  enum class State { kOpen, kClosed, kCancelled };

  Status Finished() const {
    return Status::FailedPrecondition(StrCat("the output stream of ", uri_, " is already ",
                                             state_ == State::kClosed ? "closed" : "cancelled"));
  }

  Status UploadPart() {
    std::string doing = StrCat("cannot write ", uri_);
    if (upload_id_.empty()) {
      Client::Call call;
      call.method = "POST";
      call.key = key_;
      call.query = {{"uploads", ""}};
      ASSIGN_OR_RETURN(Client::Reply reply, client_->Send(call));
      if (!reply.ok()) return client_->ErrorOf(reply, doing);
      ASSIGN_OR_RETURN(upload_id_, s3xml::ParseUploadId(reply.body));
      buffer_.reserve(part_size_);
    }
    if (static_cast<int>(etags_.size()) >= kMaxParts) {
      return Status::ResourceExhausted(
          StrCat(doing, ": more than ", kMaxParts, " parts of ", part_size_,
                 " bytes; raise alluxio.underfs.s3.multipart.upload.partition.size"));
    }
    Client::Call call;
    call.method = "PUT";
    call.key = key_;
    call.query = {{"partNumber", std::to_string(etags_.size() + 1)}, {"uploadId", upload_id_}};
    call.body = buffer_;
    call.hash_body = false;
    ASSIGN_OR_RETURN(Client::Reply reply, client_->Send(call));
    if (!reply.ok()) return client_->ErrorOf(reply, doing);
    std::string etag = s3xml::UnquoteETag(reply.headers.Get("ETag"));
    if (etag.empty()) return Status::Unknown(StrCat(doing, ": S3 returned a part without an ETag"));
    etags_.push_back(std::move(etag));
    buffer_.clear();
    return Status::OK();
  }

  Status Publish() {
    std::string doing = StrCat("cannot create ", uri_);
    // What may have changed since Create: the parent, a directory or a racing file at the path.
    std::string parent = ParentKey(key_);
    if (!client_->IsRootOrAbove(parent)) {
      ASSIGN_OR_RETURN(bool parent_exists, client_->PrefixExists(parent + "/", doing));
      if (!parent_exists) {
        return Status::NotFound(StrCat(doing, ": its parent directory no longer exists"));
      }
    }
    ASSIGN_OR_RETURN(bool directory, client_->PrefixExists(key_ + "/", doing));
    if (directory) return Status::FailedPrecondition(StrCat(doing, ": it is a directory"));
    if (options_.must_not_exist) {
      ASSIGN_OR_RETURN(Client::Reply head, client_->Head(key_));
      if (head.ok()) return Status::AlreadyExists(StrCat(doing, ": it already exists"));
      if (head.status != 404) return client_->ErrorOf(head, doing);
    }

    Client::Call call;
    call.key = key_;
    if (options_.must_not_exist) call.headers.emplace_back("If-None-Match", "*");
    std::string xml;
    if (upload_id_.empty()) {
      call.method = "PUT";
      call.body = buffer_;
      call.hash_body = false;
    } else {
      if (!buffer_.empty()) RETURN_IF_ERROR(UploadPart());
      xml = s3xml::CompleteMultipartUploadXml(etags_);
      call.method = "POST";
      call.query = {{"uploadId", upload_id_}};
      call.headers.emplace_back("Content-Type", "application/xml");
      call.body = xml;
      call.error_in_ok = true;
    }
    ASSIGN_OR_RETURN(Client::Reply reply, client_->Send(call));
    if (reply.status == 412 && options_.must_not_exist) {
      return Status::AlreadyExists(StrCat(doing, ": it already exists"));
    }
    if (!reply.ok()) return client_->ErrorOf(reply, doing);
    upload_id_.clear();  // completed: nothing to abort
    return Status::OK();
  }

  void Abort() {
    if (upload_id_.empty()) return;
    client_->AbortUpload(key_, upload_id_);
    upload_id_.clear();
  }

  // Immutable after construction.
  const std::shared_ptr<Client> client_;
  const std::string key_;
  const std::string uri_;
  const CreateOptions options_;
  const size_t part_size_;
  // Mutable; the stream is used by one thread at a time.
  std::string buffer_;
  std::string upload_id_;  // of the multipart upload, once one is started
  std::vector<std::string> etags_;
  State state_ = State::kOpen;
  Status error_;  // the first failed Write
};

}  // namespace

// ---------------------------------------------------------------------------------------------
// S3Ufs

S3Ufs::S3Ufs(S3UfsOptions options, std::shared_ptr<net::HttpClient> client)
    : client_(std::make_shared<Client>(std::move(options), std::move(client))) {}

S3Ufs::~S3Ufs() = default;

void S3Ufs::Register(UfsRegistry& registry) {
  net::HttpClientOptions http_options;
  http_options.connect_timeout_ms = 3'000;
  // S3Ufs retries with its own back-off and deadline; the client only replays a request
  // once, for a pooled connection the server closed while it was idle.
  http_options.max_retries = 1;
  http_options.user_agent = "alluxio-cpp-s3";
  auto http = std::make_shared<net::HttpClient>(http_options);
  auto factory = [http](const std::string& uri, const std::map<std::string, std::string>& props)
      -> Result<std::shared_ptr<UnderFileSystem>> {
    auto getenv = [](const char* name) -> std::optional<std::string> {
      const char* value = std::getenv(name);
      if (value == nullptr || *value == '\0') return std::nullopt;
      return std::string(value);
    };
    ASSIGN_OR_RETURN(S3UfsOptions options, S3UfsOptions::FromProperties(uri, props, getenv));
    return std::shared_ptr<UnderFileSystem>(std::make_shared<S3Ufs>(std::move(options), http));
  };
  registry.Register("s3", factory);
  registry.Register("s3a", factory);
}

std::string_view S3Ufs::scheme() const { return client_->options().scheme; }

Result<UfsStatus> S3Ufs::GetStatus(const std::string& path) {
  ASSIGN_OR_RETURN(std::string key, client_->KeyOf(path));
  ASSIGN_OR_RETURN(Client::Entry entry, client_->Stat(key, path));
  switch (entry.kind) {
    case Client::Entry::Kind::kFile:
      return client_->FileStatus(BaseName(key), entry.length, entry.last_modified_ms,
                                 std::move(entry.etag));
    case Client::Entry::Kind::kDirectory:
      return client_->DirectoryStatus(BaseName(key), entry.last_modified_ms);
    case Client::Entry::Kind::kMissing:
      break;
  }
  ASSIGN_OR_RETURN(std::optional<std::string> file, client_->FileAncestor(key, path));
  if (file) {
    return Status::FailedPrecondition(
        StrCat("cannot get the status of ", path, ": ", client_->Uri(*file), " is a file"));
  }
  return Status::NotFound(StrCat("cannot get the status of ", path, ": it does not exist"));
}

Result<bool> S3Ufs::Exists(const std::string& path) {
  ASSIGN_OR_RETURN(std::string key, client_->KeyOf(path));
  ASSIGN_OR_RETURN(Client::Entry entry, client_->Stat(key, path));
  return entry.kind != Client::Entry::Kind::kMissing;
}

Status S3Ufs::ListStatus(const std::string& path, const std::function<Status(UfsStatus&&)>& fn) {
  ASSIGN_OR_RETURN(std::string key, client_->KeyOf(path));
  const std::string prefix = key.empty() ? std::string() : key + "/";
  const std::string doing = StrCat("cannot list ", path);
  const int page_size = std::clamp(client_->options().list_page_size, 1, 1000);

  struct Item {
    std::string sort_key;  // the key relative to the prefix; directories end with '/'
    UfsStatus status;
  };
  // Entries waiting for the listing to pass their ReleaseBound, by name.
  std::map<std::string, UfsStatus> pending;
  std::string last_emitted;
  bool emitted_any = false;
  auto emit_front = [&]() -> Status {
    auto node = pending.extract(pending.begin());
    // Never twice, never backwards, whatever the server's order.
    if (emitted_any && node.key() <= last_emitted) return Status::OK();
    emitted_any = true;
    last_emitted = node.key();
    return fn(std::move(node.mapped()));
  };

  bool exists = client_->IsRootOrAbove(key);
  std::string token;
  do {
    ASSIGN_OR_RETURN(s3xml::ListPage page, client_->List(prefix, true, token, page_size, doing));
    token = page.truncated ? page.next_continuation_token : std::string();
    std::vector<Item> items;
    items.reserve(page.objects.size() + page.common_prefixes.size());
    for (s3xml::ListedObject& object : page.objects) {
      if (!StartsWith(object.key, prefix)) continue;
      exists = true;
      std::string name = object.key.substr(prefix.size());
      if (name.empty() || name.find('/') != std::string::npos) continue;  // the marker
      UfsStatus status =
          client_->FileStatus(name, object.size, object.last_modified_ms, std::move(object.etag));
      items.push_back({std::move(name), std::move(status)});
    }
    for (const std::string& common : page.common_prefixes) {
      if (!StartsWith(common, prefix) || !EndsWith(common, "/")) continue;
      exists = true;
      std::string name = common.substr(prefix.size(), common.size() - prefix.size() - 1);
      if (name.empty() || name.find('/') != std::string::npos) continue;
      items.push_back({name + "/", client_->DirectoryStatus(name, 0)});
    }
    // S3 sends a page in key order; some S3-compatible servers do not.
    std::sort(items.begin(), items.end(),
              [](const Item& a, const Item& b) { return a.sort_key < b.sort_key; });
    for (Item& item : items) {
      std::string name = item.status.name;
      pending.emplace(std::move(name), std::move(item.status));
      while (!pending.empty()) {
        std::string bound = ReleaseBound(pending.begin()->first);
        if (!bound.empty() && bound > item.sort_key) break;
        RETURN_IF_ERROR(emit_front());
      }
    }
  } while (!token.empty());

  if (!exists) {
    ASSIGN_OR_RETURN(Client::Reply head, client_->Head(key));
    if (head.ok()) return Status::FailedPrecondition(StrCat(doing, ": it is a file"));
    if (head.status != 404) return client_->ErrorOf(head, doing);
    return Status::NotFound(StrCat(doing, ": it does not exist"));
  }
  while (!pending.empty()) RETURN_IF_ERROR(emit_front());
  return Status::OK();
}

Status S3Ufs::Mkdirs(const std::string& path, const MkdirsOptions& options) {
  ASSIGN_OR_RETURN(std::string key, client_->KeyOf(path));
  const std::string doing = StrCat("cannot create directory ", path);
  ASSIGN_OR_RETURN(Client::Entry entry, client_->Stat(key, path));
  if (entry.kind != Client::Entry::Kind::kMissing) {
    return Status::AlreadyExists(StrCat(doing, ": it already exists"));
  }
  if (key.empty()) {
    return Status::NotFound(StrCat(doing, ": bucket ", client_->options().bucket,
                                   " does not exist (buckets are not created)"));
  }
  RETURN_IF_ERROR(client_->EnsureDirectory(ParentKey(key), options.create_parent, doing));
  return client_->PutMarker(key, path);
}

Status S3Ufs::DeleteFile(const std::string& path) {
  ASSIGN_OR_RETURN(std::string key, client_->KeyOf(path));
  const std::string doing = StrCat("cannot delete file ", path);
  if (key.empty()) return Status::FailedPrecondition(StrCat(doing, ": it is a directory"));
  ASSIGN_OR_RETURN(Client::Reply head, client_->Head(key));
  if (head.status == 404) {
    ASSIGN_OR_RETURN(bool directory, client_->PrefixExists(key + "/", doing));
    if (directory) return Status::FailedPrecondition(StrCat(doing, ": it is a directory"));
    return Status::NotFound(StrCat(doing, ": it does not exist"));
  }
  if (!head.ok()) return client_->ErrorOf(head, doing);
  Client::Call call;
  call.method = "DELETE";
  call.key = key;
  ASSIGN_OR_RETURN(Client::Reply reply, client_->Send(call));
  if (!reply.ok()) return client_->ErrorOf(reply, doing);
  return Status::OK();
}

Status S3Ufs::DeleteDirectory(const std::string& path, bool recursive) {
  ASSIGN_OR_RETURN(std::string key, client_->KeyOf(path));
  const std::string doing = StrCat("cannot delete directory ", path);
  if (key.empty()) {
    return Status::InvalidArgument(StrCat(doing, ": it is the root of the bucket"));
  }
  ASSIGN_OR_RETURN(Client::Reply head, client_->Head(key));
  if (head.ok()) return Status::FailedPrecondition(StrCat(doing, ": it is a file"));
  if (head.status != 404) return client_->ErrorOf(head, doing);

  const std::string prefix = key + "/";
  ASSIGN_OR_RETURN(s3xml::ListPage first, client_->List(prefix, false, "", 2, doing));
  if (first.objects.empty()) return Status::NotFound(StrCat(doing, ": it does not exist"));
  if (!recursive) {
    bool only_marker = first.objects.size() == 1 && first.objects[0].key == prefix;
    if (!only_marker) return Status::FailedPrecondition(StrCat(doing, ": it is not empty"));
    return client_->DeleteKeys({prefix}, doing);
  }
  // Page by page, so that a huge directory is never held whole.
  std::string token;
  do {
    ASSIGN_OR_RETURN(s3xml::ListPage page,
                     client_->List(prefix, false, token, kDeleteBatch, doing));
    token = page.truncated ? page.next_continuation_token : std::string();
    std::vector<std::string> keys;
    keys.reserve(page.objects.size());
    for (s3xml::ListedObject& object : page.objects) keys.push_back(std::move(object.key));
    RETURN_IF_ERROR(client_->DeleteKeys(keys, doing));
  } while (!token.empty());
  return Status::OK();
}

Status S3Ufs::Rename(const std::string& src, const std::string& dst) {
  ASSIGN_OR_RETURN(std::string from, client_->KeyOf(src));
  ASSIGN_OR_RETURN(std::string to, client_->KeyOf(dst));
  const std::string doing = StrCat("cannot rename ", src, " to ", dst);
  if (from.empty() || to.empty()) {
    return Status::InvalidArgument(StrCat(doing, ": the root of the bucket cannot move"));
  }
  if (StartsWith(to, from + "/")) {
    return Status::InvalidArgument(StrCat(doing, ": a directory cannot move into itself"));
  }
  ASSIGN_OR_RETURN(Client::Entry source, client_->Stat(from, src));
  if (source.kind == Client::Entry::Kind::kMissing) {
    return Status::NotFound(StrCat(doing, ": ", src, " does not exist"));
  }
  ASSIGN_OR_RETURN(Client::Entry target, client_->Stat(to, dst));
  if (target.kind != Client::Entry::Kind::kMissing) {
    return Status::AlreadyExists(StrCat(doing, ": ", dst, " already exists"));
  }
  RETURN_IF_ERROR(client_->EnsureDirectory(ParentKey(to), /*create=*/false, doing));

  if (source.kind == Client::Entry::Kind::kFile) {
    RETURN_IF_ERROR(client_->CopyObject(from, to, source.length, doing));
    return client_->DeleteKeys({from}, doing);
  }
  // A directory: every key under it, a page at a time, copied before the page is deleted.
  const std::string prefix = from + "/";
  std::string token;
  do {
    ASSIGN_OR_RETURN(s3xml::ListPage page,
                     client_->List(prefix, false, token, kDeleteBatch, doing));
    token = page.truncated ? page.next_continuation_token : std::string();
    std::vector<std::string> keys;
    for (s3xml::ListedObject& object : page.objects) {
      if (!StartsWith(object.key, prefix)) continue;
      std::string moved = StrCat(to, "/", object.key.substr(prefix.size()));
      RETURN_IF_ERROR(client_->CopyObject(object.key, moved, object.size, doing));
      keys.push_back(std::move(object.key));
    }
    RETURN_IF_ERROR(client_->DeleteKeys(keys, doing));
  } while (!token.empty());
  return Status::OK();
}

Result<std::unique_ptr<UfsInputStream>> S3Ufs::Open(const std::string& path,
                                                    const OpenOptions& options) {
  ASSIGN_OR_RETURN(std::string key, client_->KeyOf(path));
  const std::string doing = StrCat("cannot open ", path);
  if (options.offset < 0 || options.length < -1) {
    return Status::InvalidArgument(StrCat(doing, ": invalid range (offset ", options.offset,
                                          ", length ", options.length, ")"));
  }
  if (key.empty()) return Status::FailedPrecondition(StrCat(doing, ": it is a directory"));
  const int64_t end = options.length < 0 ? -1 : options.offset + options.length;

  Client::Call call;
  call.key = key;
  call.stream = true;
  if (options.length == 0) {
    call.method = "HEAD";
    call.stream = false;
  } else if (options.offset > 0 || end >= 0) {
    call.headers = {{"Range", StrCat("bytes=", options.offset, "-",
                                     end >= 0 ? std::to_string(end - 1) : std::string())}};
  }
  ASSIGN_OR_RETURN(Client::Reply reply, client_->Send(call));
  if (reply.status == 404) {
    ASSIGN_OR_RETURN(bool directory, client_->PrefixExists(key + "/", doing));
    if (directory) return Status::FailedPrecondition(StrCat(doing, ": it is a directory"));
    return Status::NotFound(StrCat(doing, ": it does not exist"));
  }
  std::string etag = s3xml::UnquoteETag(reply.headers.Get("ETag"));
  std::unique_ptr<net::ResponseStream> body;
  int64_t skip = 0;
  if (reply.status == 416) {
    // The range starts at or past the end: an empty stream.
  } else if (!reply.ok()) {
    return client_->ErrorOf(reply, doing);
  } else if (options.length != 0) {
    body = std::move(reply.stream);
    if (reply.status != 206 && call.headers.size() > 0) skip = options.offset;
  }
  return std::unique_ptr<UfsInputStream>(std::make_unique<S3InputStream>(
      client_, std::move(key), path, std::move(etag), options.offset, end, std::move(body), skip));
}

Result<std::unique_ptr<UfsOutputStream>> S3Ufs::Create(const std::string& path,
                                                       const CreateOptions& options) {
  ASSIGN_OR_RETURN(std::string key, client_->KeyOf(path));
  const std::string doing = StrCat("cannot create ", path);
  if (key.empty()) return Status::FailedPrecondition(StrCat(doing, ": it is a directory"));
  ASSIGN_OR_RETURN(Client::Entry entry, client_->Stat(key, path));
  if (entry.kind == Client::Entry::Kind::kDirectory) {
    return Status::FailedPrecondition(StrCat(doing, ": it is a directory"));
  }
  if (entry.kind == Client::Entry::Kind::kFile && options.must_not_exist) {
    return Status::AlreadyExists(StrCat(doing, ": it already exists"));
  }
  RETURN_IF_ERROR(client_->EnsureDirectory(ParentKey(key), options.create_parent, doing));
  return std::unique_ptr<UfsOutputStream>(
      std::make_unique<S3OutputStream>(client_, std::move(key), path, options));
}

Status S3Ufs::SetMode(const std::string& path, int /*mode*/) {
  ASSIGN_OR_RETURN(bool exists, Exists(path));
  if (!exists)
    return Status::NotFound(StrCat("cannot set the mode of ", path, ": it does not exist"));
  return Status::OK();
}

Status S3Ufs::SetOwner(const std::string& path, const std::string& /*owner*/,
                       const std::string& /*group*/) {
  ASSIGN_OR_RETURN(bool exists, Exists(path));
  if (!exists) {
    return Status::NotFound(StrCat("cannot set the owner of ", path, ": it does not exist"));
  }
  return Status::OK();
}

Result<UfsSpace> S3Ufs::GetSpace(const std::string& path) {
  ASSIGN_OR_RETURN(bool exists, Exists(path));
  if (!exists) {
    return Status::NotFound(StrCat("cannot get the space of ", path, ": it does not exist"));
  }
  return UfsSpace{};
}

}  // namespace alluxio::ufs
