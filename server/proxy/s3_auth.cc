#include "server/proxy/s3_auth.h"

#include <algorithm>
#include <cstdlib>
#include <ctime>

#include "lib/common/logging.h"
#include "lib/common/strings.h"
#include "server/proxy/s3_protocol.h"

namespace alluxio::proxy {
namespace sigv4 = ufs::sigv4;
namespace {

constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";
constexpr int64_t kMaxPresignExpiresS = 7 * 24 * 3600;  // S3's limit: one week

S3Error SignatureMismatch() {
  return s3err::SignatureDoesNotMatch(
      "The request signature we calculated does not match the signature you provided. Check "
      "your key and signing method.");
}

// "YYYYMMDDTHHMMSSZ" -> epoch ms.
std::optional<int64_t> ParseAmzDate(std::string_view text) {
  if (text.size() != 16 || text[8] != 'T' || text[15] != 'Z') return std::nullopt;
  for (size_t i = 0; i < 15; ++i) {
    if (i != 8 && (text[i] < '0' || text[i] > '9')) return std::nullopt;
  }
  auto num = [&](size_t at, size_t len) {
    int v = 0;
    for (size_t i = at; i < at + len; ++i) v = v * 10 + (text[i] - '0');
    return v;
  };
  struct tm tm {};
  tm.tm_year = num(0, 4) - 1900;
  tm.tm_mon = num(4, 2) - 1;
  tm.tm_mday = num(6, 2);
  tm.tm_hour = num(9, 2);
  tm.tm_min = num(11, 2);
  tm.tm_sec = num(13, 2);
  if (tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 ||
      tm.tm_sec > 60) {
    return std::nullopt;
  }
  return static_cast<int64_t>(timegm(&tm)) * 1000;
}

// "<id>/<date>/<region>/<service>/aws4_request" into `parts`; false when malformed.
bool ParseCredential(std::string_view credential, SigV4Parts* parts) {
  std::vector<std::string> f = Split(credential, '/');
  if (f.size() != 5 || f[0].empty() || f[1].size() != 8 || f[2].empty() || f[3].empty() ||
      f[4] != "aws4_request") {
    return false;
  }
  parts->access_key_id = f[0];
  parts->date = f[1];
  parts->region = f[2];
  parts->service = f[3];
  return true;
}

std::vector<std::string> ParseSignedHeaders(std::string_view list) {
  std::vector<std::string> out;
  for (const std::string& h : Split(list, ';')) {
    if (!h.empty()) out.push_back(ToLower(Trim(h)));
  }
  return out;
}

bool IsHexSha256(std::string_view s) {
  if (s.size() != 64) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  });
}

// The query as sent, decoded, without X-Amz-Signature. `plus_as_space` reads '+' as a space
// (HTML forms) instead of itself (RFC 3986, what SDKs send).
std::vector<std::pair<std::string, std::string>> SignedQuery(std::string_view query,
                                                             bool plus_as_space) {
  std::vector<std::pair<std::string, std::string>> out;
  if (query.empty()) return out;
  for (const std::string& p : Split(query, '&')) {
    if (p.empty()) continue;
    size_t eq = p.find('=');
    std::string name = net::PercentDecode(std::string_view(p).substr(0, eq), plus_as_space);
    if (name == "X-Amz-Signature") continue;
    std::string value = eq == std::string::npos
                            ? std::string()
                            : net::PercentDecode(std::string_view(p).substr(eq + 1), plus_as_space);
    out.emplace_back(std::move(name), std::move(value));
  }
  return out;
}

}  // namespace

Result<S3AuthOptions> S3AuthOptionsFromConfiguration(const conf::Configuration& conf) {
  S3AuthOptions o;
  constexpr std::string_view kCredentials = "alluxio.s3.rest.authentication.credentials";
  ASSIGN_OR_RETURN(o.enabled, conf.GetBool("alluxio.s3.rest.authentication.enabled"));
  for (const std::string& entry : Split(conf.GetStringOr(std::string(kCredentials), ""), ',')) {
    std::string e(Trim(entry));
    if (e.empty()) continue;
    size_t colon = e.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == e.size()) {
      // The entry is not echoed: it may hold a secret.
      return Status::InvalidArgument(StrCat(
          "Invalid ", kCredentials, ": each entry must be \"<access key id>:<secret key>\""));
    }
    o.secrets[std::string(Trim(std::string_view(e).substr(0, colon)))] = e.substr(colon + 1);
  }
  if (o.enabled && o.secrets.empty()) {
    return Status::InvalidArgument(
        StrCat("alluxio.s3.rest.authentication.enabled=true needs ", kCredentials,
               " (comma-separated \"<access key id>:<secret key>\" pairs)"));
  }
  return o;
}

S3Result<SigV4Parts> ParseSigV4Authorization(std::string_view header) {
  std::string_view a = Trim(header);
  auto malformed = [](std::string what) {
    return s3err::AuthorizationHeaderMalformed("The authorization header is malformed; " + what);
  };
  if (!StartsWith(a, kAlgorithm)) return malformed("expecting AWS4-HMAC-SHA256.");
  SigV4Parts parts;
  bool have_credential = false, have_headers = false;
  for (const std::string& field : Split(a.substr(kAlgorithm.size()), ',')) {
    std::string_view f = Trim(field);
    size_t eq = f.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view name = Trim(f.substr(0, eq)), value = Trim(f.substr(eq + 1));
    if (name == "Credential") {
      if (!ParseCredential(value, &parts)) {
        return malformed(
            "the Credential is mal-formed; expecting "
            "\"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");
      }
      have_credential = true;
    } else if (name == "SignedHeaders") {
      parts.signed_headers = ParseSignedHeaders(value);
      have_headers = true;
    } else if (name == "Signature") {
      parts.signature = ToLower(value);
    }
  }
  if (!have_credential) return malformed("it has no Credential.");
  if (!have_headers || parts.signed_headers.empty()) return malformed("it has no SignedHeaders.");
  if (parts.signature.empty()) return malformed("it has no Signature.");
  return parts;
}

std::vector<std::string> ExpectedSignatures(const net::HttpRequest& req, const SigV4Parts& parts,
                                            std::string_view secret, std::string_view amz_date,
                                            std::string_view payload_hash) {
  sigv4::Request r;
  r.method = req.method;
  r.payload_hash = std::string(payload_hash);
  for (const std::string& name : parts.signed_headers) {
    for (const auto& [n, v] : req.headers) {
      if (EqualsIgnoreCase(n, name)) r.headers.emplace_back(name, v);
    }
  }
  // Clients sign the path as they encode it; most encode the AWS way, a few send some reserved
  // characters raw. Either form of the same path is accepted.
  std::vector<std::string> uris = {req.path.empty() ? "/" : req.path};
  std::string aws = sigv4::UriEncode(net::PercentDecode(uris[0]), /*keep_slash=*/true);
  if (aws != uris[0]) uris.push_back(aws);
  std::vector<std::vector<std::pair<std::string, std::string>>> queries = {
      SignedQuery(req.query, false)};
  if (req.query.find('+') != std::string::npos) queries.push_back(SignedQuery(req.query, true));

  std::string key = sigv4::SigningKey(secret, parts.date, parts.region, parts.service);
  std::vector<std::string> out;
  for (const std::string& uri : uris) {
    for (const auto& q : queries) {
      r.canonical_uri = uri;
      r.query = q;
      sigv4::Credentials c{parts.access_key_id, std::string(secret), ""};
      out.push_back(sigv4::Sign(r, c, parts.region, parts.service, amz_date).signature);
    }
  }
  return out;
}

S3Authenticator::S3Authenticator(S3AuthOptions options, Clock* clock)
    : options_(std::move(options)), clock_(clock) {}

S3Result<std::string> S3Authenticator::SecretOf(const std::string& access_key_id) const {
  auto it = options_.secrets.find(access_key_id);
  if (it == options_.secrets.end()) {
    return s3err::InvalidAccessKeyId(
        "The AWS Access Key Id you provided does not exist in our records.");
  }
  return it->second;
}

S3Result<S3Identity> S3Authenticator::Authenticate(const net::HttpRequest& req) const {
  auto id = AccessKeyId(req);
  if (!id.ok()) return id.error();
  if (!options_.enabled) return S3Identity{*id, std::nullopt, std::nullopt};

  S3Result<S3Identity> verified = s3err::AccessDenied("Access Denied");
  if (const std::string* auth = req.headers.Find("Authorization")) {
    std::string_view a = Trim(*auth);
    if (!StartsWith(a, kAlgorithm)) {
      return s3err::AccessDenied(
          "Only AWS Signature Version 4 (AWS4-HMAC-SHA256) is accepted when "
          "alluxio.s3.rest.authentication.enabled is true.");
    }
    verified = VerifyHeader(req, a);
  } else if (req.HasQuery("X-Amz-Signature") || req.HasQuery("X-Amz-Credential")) {
    verified = VerifyPresigned(req);
  } else {
    return s3err::AccessDenied(
        "Access Denied: requests must be signed (alluxio.s3.rest.authentication.enabled).");
  }
  if (!verified.ok()) return verified;
  if (verified->user != *id) return s3err::AccessDenied("Access Denied");  // cannot happen
  return verified;
}

S3Result<S3Identity> S3Authenticator::VerifyHeader(const net::HttpRequest& req,
                                                   std::string_view auth) const {
  auto parts = ParseSigV4Authorization(auth);
  if (!parts.ok()) return parts.error();
  auto secret = SecretOf(parts->access_key_id);
  if (!secret.ok()) return secret.error();
  if (std::find(parts->signed_headers.begin(), parts->signed_headers.end(), "host") ==
      parts->signed_headers.end()) {
    return s3err::AuthorizationHeaderMalformed(
        "The authorization header is malformed; SignedHeaders must include host.");
  }
  const std::string* amz_date = req.headers.Find("x-amz-date");
  if (amz_date == nullptr) {
    return s3err::AccessDenied("AWS authentication requires a valid x-amz-date header.");
  }
  auto when = ParseAmzDate(Trim(*amz_date));
  if (!when) return s3err::AccessDenied("AWS authentication requires a valid x-amz-date header.");
  if (std::string_view(*amz_date).substr(0, 8) != parts->date) {
    return s3err::AuthorizationHeaderMalformed(
        "The authorization header is malformed; Invalid credential date. Date is not the same "
        "as X-Amz-Date.");
  }
  if (std::abs(clock_->NowMs() - *when) > options_.max_clock_skew_ms) {
    return s3err::RequestTimeTooSkewed(
        "The difference between the request time and the current time is too large.");
  }
  const std::string* payload = req.headers.Find("x-amz-content-sha256");
  if (payload == nullptr) {
    return s3err::InvalidRequest("Missing required header for this request: x-amz-content-sha256");
  }
  std::string hash(Trim(*payload));
  S3Identity identity{parts->access_key_id, std::nullopt, std::nullopt};
  const bool streaming_signed = hash == "STREAMING-AWS4-HMAC-SHA256-PAYLOAD" ||
                                hash == "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
  if (IsHexSha256(hash)) {
    identity.payload_sha256 = ToLower(hash);
  } else if (!streaming_signed && hash != sigv4::kUnsignedPayload &&
             hash != "STREAMING-UNSIGNED-PAYLOAD-TRAILER") {
    return s3err::InvalidArgument(
        "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, "
        "STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER], or a valid sha256 value.");
  }
  for (const std::string& name : parts->signed_headers) {
    if (!req.headers.Has(name)) {
      return s3err::SignatureDoesNotMatch("The signed header \"" + name +
                                          "\" is not in the request.");
    }
  }
  bool match = false;
  for (const std::string& want : ExpectedSignatures(req, *parts, *secret, Trim(*amz_date), hash)) {
    match = sigv4::ConstantTimeEquals(want, parts->signature) || match;
  }
  if (!match) return SignatureMismatch();
  if (streaming_signed) {
    ChunkSigning c;
    c.signing_key = sigv4::SigningKey(*secret, parts->date, parts->region, parts->service);
    c.amz_date = std::string(Trim(*amz_date));
    c.scope = StrCat(parts->date, "/", parts->region, "/", parts->service, "/aws4_request");
    c.seed_signature = parts->signature;
    c.trailer = EndsWith(hash, "-TRAILER");
    identity.chunk_signing = std::move(c);
  }
  return identity;
}

S3Result<S3Identity> S3Authenticator::VerifyPresigned(const net::HttpRequest& req) const {
  auto bad = [](std::string what) {
    return s3err::AuthorizationQueryParametersError("Query-string authentication: " + what);
  };
  auto q = [&](std::string_view name) { return req.Query(name); };
  if (q("X-Amz-Algorithm").value_or("") != kAlgorithm) {
    return bad("X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\".");
  }
  auto credential = q("X-Amz-Credential");
  auto date = q("X-Amz-Date");
  auto expires = q("X-Amz-Expires");
  auto headers = q("X-Amz-SignedHeaders");
  auto signature = q("X-Amz-Signature");
  if (!credential || !date || !expires || !headers || !signature) {
    return bad(
        "it requires X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, "
        "X-Amz-SignedHeaders, and X-Amz-Expires parameters.");
  }
  SigV4Parts parts;
  if (!ParseCredential(*credential, &parts)) {
    return bad(
        "the X-Amz-Credential is mal-formed; expecting "
        "\"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");
  }
  parts.signed_headers = ParseSignedHeaders(*headers);
  parts.signature = ToLower(*signature);
  auto secret = SecretOf(parts.access_key_id);
  if (!secret.ok()) return secret.error();
  auto when = ParseAmzDate(*date);
  if (!when) return bad("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\".");
  if (date->substr(0, 8) != parts.date) {
    return bad("Invalid credential date. Date is not the same as X-Amz-Date.");
  }
  int64_t expires_s = 0;
  if (!ParseInt64(*expires, &expires_s) || expires_s < 1 || expires_s > kMaxPresignExpiresS) {
    return bad("X-Amz-Expires must be a number of seconds from 1 to 604800 (one week).");
  }
  const int64_t now = clock_->NowMs();
  if (now > *when + expires_s * 1000) return s3err::AccessDenied("Request has expired");
  if (*when - now > options_.max_clock_skew_ms) {
    return s3err::AccessDenied("Request is not valid yet");
  }
  if (std::find(parts.signed_headers.begin(), parts.signed_headers.end(), "host") ==
      parts.signed_headers.end()) {
    return bad("X-Amz-SignedHeaders must include host.");
  }
  for (const std::string& name : parts.signed_headers) {
    if (!req.headers.Has(name)) {
      return s3err::SignatureDoesNotMatch("The signed header \"" + name +
                                          "\" is not in the request.");
    }
  }
  std::string payload = q("X-Amz-Content-Sha256").value_or(std::string(sigv4::kUnsignedPayload));
  bool match = false;
  for (const std::string& want : ExpectedSignatures(req, parts, *secret, *date, payload)) {
    match = sigv4::ConstantTimeEquals(want, parts.signature) || match;
  }
  if (!match) return SignatureMismatch();
  S3Identity identity{parts.access_key_id, std::nullopt, std::nullopt};
  if (IsHexSha256(payload)) identity.payload_sha256 = ToLower(payload);
  return identity;
}

Result<size_t> Sha256CheckingReader::Read(char* buf, size_t n) {
  ASSIGN_OR_RETURN(size_t got, raw_->Read(buf, n));
  if (got > 0) {
    sha_.Update(std::string_view(buf, got));
  } else if (n > 0 && !done_) {
    done_ = true;
    if (sha_.FinishHex() != expected_) {
      return Status::DataLoss(
          "The provided 'x-amz-content-sha256' header does not match what was computed.");
    }
  }
  return got;
}

}  // namespace alluxio::proxy
