// S3UfsOptions::FromProperties: mount options, global keys and the environment -> the
// connector's settings (s3_ufs.h).
#include <arpa/inet.h>

#include <cstdlib>

#include "lib/ufs/s3_client.h"

namespace alluxio::ufs {
namespace {

bool IsIpOrLocalhost(std::string_view host) {
  if (EqualsIgnoreCase(host, "localhost")) return true;
  std::string h(host);
  if (h.size() > 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
  unsigned char buf[16];
  return inet_pton(AF_INET, h.c_str(), buf) == 1 || inet_pton(AF_INET6, h.c_str(), buf) == 1;
}

}  // namespace

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
    if (!bytes.ok() || *bytes < s3_detail::kMinPartSize) {
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

}  // namespace alluxio::ufs
