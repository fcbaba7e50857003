#include "server/proxy/s3_protocol.h"

#include <openssl/evp.h>

#include <cctype>
#include <cstdio>
#include <ctime>

#include "lib/common/check.h"
#include "lib/common/logging.h"
#include "lib/common/path.h"
#include "lib/common/strings.h"

namespace alluxio::proxy {

struct Md5::Ctx {
  EVP_MD_CTX* ctx = nullptr;
};

Md5::Md5() : ctx_(std::make_unique<Ctx>()) {
  ctx_->ctx = EVP_MD_CTX_new();
  ALLUXIO_CHECK(ctx_->ctx != nullptr);
  ALLUXIO_CHECK(EVP_DigestInit_ex(ctx_->ctx, EVP_md5(), nullptr) == 1);
}

Md5::~Md5() { EVP_MD_CTX_free(ctx_->ctx); }

void Md5::Update(std::string_view data) {
  ALLUXIO_CHECK(EVP_DigestUpdate(ctx_->ctx, data.data(), data.size()) == 1);
}

std::string Md5::Finish() {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  ALLUXIO_CHECK(EVP_DigestFinal_ex(ctx_->ctx, out, &n) == 1);
  return std::string(reinterpret_cast<const char*>(out), n);
}

std::string Md5Hex(std::string_view data) {
  Md5 md5;
  md5.Update(data);
  return HexEncode(md5.Finish());
}

std::string HexEncode(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

namespace {
int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Parses a run of decimal digits; false on overflow past int64.
bool ParseDigits(std::string_view s, int64_t* out) { return AllDigits(s) && ParseInt64(s, out); }

std::tm UtcTm(int64_t epoch_ms) {
  time_t secs = static_cast<time_t>(epoch_ms >= 0 ? epoch_ms / 1000 : (epoch_ms - 999) / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  return tm;
}

bool ValidUserChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-' ||
         c == '@';
}

size_t Utf8Length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}
}  // namespace

std::optional<std::string> HexDecode(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  std::string out;
  out.reserve(hex.size() / 2);
  for (size_t i = 0; i < hex.size(); i += 2) {
    int hi = HexValue(hex[i]);
    int lo = HexValue(hex[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
  }
  return out;
}

std::string FormatIso8601(int64_t epoch_ms) {
  std::tm tm = UtcTm(epoch_ms);
  char buf[96];  // room for any int fields, to satisfy -Wformat-truncation
  int ms = static_cast<int>(((epoch_ms % 1000) + 1000) % 1000);
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
  return buf;
}

std::string FormatHttpDate(int64_t epoch_ms) {
  std::tm tm = UtcTm(epoch_ms);
  char buf[40];
  std::strftime(buf, sizeof(buf), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return buf;
}

std::optional<int64_t> ParseHttpDate(std::string_view text) {
  std::string s(Trim(text));
  std::tm tm{};
  const char* end = strptime(s.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  int64_t ms = 0;
  if (end == nullptr || *end != '\0') {
    tm = std::tm{};
    end = strptime(s.c_str(), "%Y-%m-%dT%H:%M:%S", &tm);
    if (end == nullptr) return std::nullopt;
    std::string_view rest(end);
    if (!rest.empty() && rest.front() == '.') {
      rest.remove_prefix(1);
      size_t digits = 0;
      int64_t frac = 0;
      while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9') {
        if (digits < 3) frac = frac * 10 + (rest[digits] - '0');
        ++digits;
      }
      if (digits == 0) return std::nullopt;
      for (size_t i = digits; i < 3; ++i) frac *= 10;
      ms = frac;
      rest.remove_prefix(digits);
    }
    if (rest != "Z") return std::nullopt;
  }
  time_t secs = timegm(&tm);
  return static_cast<int64_t>(secs) * 1000 + ms;
}

RangeSpec ParseRange(std::string_view header, int64_t size) {
  RangeSpec spec;
  std::string_view h = Trim(header);
  if (!StartsWith(h, "bytes=")) return spec;
  h.remove_prefix(6);
  h = Trim(h);
  if (h.find(',') != std::string_view::npos) return spec;
  size_t dash = h.find('-');
  if (dash == std::string_view::npos) return spec;
  std::string_view a = Trim(h.substr(0, dash));
  std::string_view b = Trim(h.substr(dash + 1));
  if (a.empty()) {  // suffix: the last b bytes
    int64_t n = 0;
    if (!ParseDigits(b, &n)) return spec;
    if (n == 0 || size == 0) {
      spec.kind = RangeKind::kUnsatisfiable;
      return spec;
    }
    spec.kind = RangeKind::kSatisfiable;
    spec.range.first = n >= size ? 0 : size - n;
    spec.range.last = size - 1;
    return spec;
  }
  int64_t first = 0;
  if (!ParseDigits(a, &first)) return spec;
  int64_t last = size - 1;
  if (!b.empty()) {
    if (!ParseDigits(b, &last)) return spec;
    if (last < first) return spec;  // RFC 7233: syntactically invalid, ignored
  }
  if (first >= size) {
    spec.kind = RangeKind::kUnsatisfiable;
    return spec;
  }
  spec.kind = RangeKind::kSatisfiable;
  spec.range.first = first;
  spec.range.last = std::min(last, size - 1);
  return spec;
}

namespace {
// Whether an If-Match / If-None-Match list ("\"a\", W/\"b\"" or "*") names `etag`.
bool EtagListMatches(std::string_view list, std::string_view etag) {
  for (const std::string& item : Split(list, ',')) {
    std::string_view e = Trim(item);
    if (e == "*") return true;
    if (StartsWith(e, "W/")) e.remove_prefix(2);
    if (e.size() >= 2 && e.front() == '"' && e.back() == '"') e = e.substr(1, e.size() - 2);
    if (!etag.empty() && e == etag) return true;
  }
  return false;
}
}  // namespace

Precondition EvaluatePreconditions(const net::Headers& headers, std::string_view etag,
                                   int64_t mtime_ms, std::string_view prefix) {
  auto header = [&](std::string_view name) { return headers.Find(StrCat(prefix, name)); };
  const int64_t mtime_s = mtime_ms / 1000;
  if (const std::string* m = header("if-match")) {
    if (!EtagListMatches(*m, etag)) return Precondition::kFailed;
  } else if (const std::string* u = header("if-unmodified-since")) {
    auto since = ParseHttpDate(*u);
    if (since && mtime_s > *since / 1000) return Precondition::kFailed;
  }
  if (const std::string* n = header("if-none-match")) {
    if (EtagListMatches(*n, etag)) return Precondition::kNotModified;
  } else if (const std::string* m = header("if-modified-since")) {
    auto since = ParseHttpDate(*m);
    if (since && mtime_s <= *since / 1000) return Precondition::kNotModified;
  }
  return Precondition::kPass;
}

S3Result<std::string> AccessKeyId(const net::HttpRequest& req) {
  std::string id;
  if (const std::string* auth = req.headers.Find("Authorization")) {
    std::string_view a = Trim(*auth);
    if (StartsWith(a, "AWS4-HMAC-SHA256")) {
      size_t c = a.find("Credential=");
      if (c == std::string_view::npos) {
        return s3err::AuthorizationHeaderMalformed(
            "The authorization header is malformed; it has no Credential.");
      }
      std::string_view cred = a.substr(c + 11);
      id = std::string(cred.substr(0, cred.find('/')));
      if (cred.find('/') == std::string_view::npos) {
        return s3err::AuthorizationHeaderMalformed(
            "The authorization header is malformed; the Credential is mal-formed; expecting "
            "\"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");
      }
    } else if (StartsWith(a, "AWS ")) {
      std::string_view rest = Trim(a.substr(4));
      size_t colon = rest.rfind(':');
      if (colon == std::string_view::npos) {
        return s3err::AuthorizationHeaderMalformed(
            "The authorization header is malformed; expecting \"AWS <AccessKeyId>:<Signature>\".");
      }
      id = std::string(rest.substr(0, colon));
    } else {
      return s3err::AuthorizationHeaderMalformed(
          "The authorization header is malformed; only AWS Signature Version 4 and 2 are "
          "supported.");
    }
  } else if (auto cred = req.Query("X-Amz-Credential")) {
    id = cred->substr(0, cred->find('/'));
  } else if (auto key = req.Query("AWSAccessKeyId")) {
    id = *key;
  } else {
    return std::string();
  }
  if (id.empty() || id.size() > 128) {
    return s3err::AuthorizationHeaderMalformed(
        "The authorization header is malformed; the access key id is empty or too long.");
  }
  for (char c : id) {
    if (!ValidUserChar(c)) {
      return s3err::AuthorizationHeaderMalformed(
          "The access key id \"" + id +
          "\" has characters a user name cannot have (allowed: letters, digits, . _ - @).");
    }
  }
  return id;
}

std::string EncodeContinuationToken(std::string_view key) { return HexEncode(key); }

std::optional<std::string> DecodeContinuationToken(std::string_view token) {
  if (token.empty()) return std::nullopt;
  return HexDecode(token);
}

S3Result<TagSet> ParseTaggingHeader(std::string_view header) {
  TagSet tags;
  if (Trim(header).empty()) return tags;
  for (const std::string& pair : Split(header, '&')) {
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    std::string key = net::PercentDecode(pair.substr(0, eq), /*plus_as_space=*/true);
    std::string value =
        eq == std::string::npos ? "" : net::PercentDecode(pair.substr(eq + 1), true);
    if (!tags.emplace(key, std::move(value)).second) {
      return s3err::InvalidTag("Cannot provide multiple Tags with the same key: " + key);
    }
  }
  return tags;
}

S3Status ValidateTags(const TagSet& tags, bool restrictions) {
  if (!restrictions) return S3Status::OK();
  if (tags.size() > 10) return s3err::InvalidTag("Object tags cannot be greater than 10");
  for (const auto& [k, v] : tags) {
    size_t klen = Utf8Length(k);
    if (klen == 0 || klen > 128) {
      return s3err::InvalidTag("The TagKey you have provided is invalid: \"" + k +
                               "\" (1 to 128 characters)");
    }
    if (Utf8Length(v) > 256) {
      return s3err::InvalidTag("The TagValue you have provided is invalid for key \"" + k +
                               "\" (at most 256 characters)");
    }
    if (StartsWith(k, "aws:")) {
      return s3err::InvalidTag("Your TagKey cannot be prefixed with aws: (" + k + ")");
    }
  }
  return S3Status::OK();
}

S3Status ValidateBucketName(std::string_view name, bool strict) {
  auto bad = [&](std::string_view why) {
    return s3err::InvalidBucketName(
        StrCat("The specified bucket \"", name, "\" is not valid: ", why, "."));
  };
  if (name.empty() || name == "." || name == "..") return bad("it names no directory");
  if (name.find('/') != std::string_view::npos || name.find('\0') != std::string_view::npos) {
    return bad("it contains '/' or NUL");
  }
  if (name == kS3MetadataDirName) return bad("the name is reserved for the S3 API's own state");
  if (name.size() > kMaxPathComponentBytes) return bad("it is longer than 255 bytes");
  if (!strict) return S3Status::OK();
  if (name.size() < 3 || name.size() > 63) return bad("it must be 3 to 63 characters long");
  for (char c : name) {
    if (!(std::islower(static_cast<unsigned char>(c)) ||
          std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '-')) {
      return bad("only lower-case letters, digits, '.' and '-' are allowed");
    }
  }
  auto alnum = [](char c) {
    return std::islower(static_cast<unsigned char>(c)) ||
           std::isdigit(static_cast<unsigned char>(c));
  };
  if (!alnum(name.front()) || !alnum(name.back())) {
    return bad("it must begin and end with a letter or digit");
  }
  if (name.find("..") != std::string_view::npos || name.find(".-") != std::string_view::npos ||
      name.find("-.") != std::string_view::npos) {
    return bad("it must not contain \"..\", \".-\" or \"-.\"");
  }
  if (StartsWith(name, "xn--") || EndsWith(name, "-s3alias")) {
    return bad("the prefix xn-- and the suffix -s3alias are reserved");
  }
  std::vector<std::string> parts = Split(name, '.');
  if (parts.size() == 4) {
    bool ip = true;
    for (const std::string& p : parts) ip = ip && AllDigits(p) && p.size() <= 3;
    if (ip) return bad("it must not be formatted as an IP address");
  }
  return S3Status::OK();
}

S3Result<std::string> ObjectPath(std::string_view bucket, std::string_view key) {
  if (key.empty()) return s3err::InvalidArgument("The object key is empty.");
  if (key.size() > 1024) {
    return s3err::KeyTooLong("Your key is too long: " + std::to_string(key.size()) +
                             " bytes, the maximum is 1024.");
  }
  if (key.find('\0') != std::string_view::npos) {
    return s3err::InvalidArgument("The object key contains a NUL byte.");
  }
  for (const std::string& c : Split(key, '/')) {
    if (c == "." || c == "..") {
      return s3err::InvalidArgument(
          "Object keys with a \".\" or \"..\" component are not "
          "supported: \"" +
          std::string(key) + "\".");
    }
  }
  std::string bucket_path = StrCat("/", bucket);
  auto norm = NormalizePath(StrCat(bucket_path, "/", key));
  if (!norm.ok()) return s3err::InvalidArgument(std::string(norm.status().message()));
  if (!StartsWith(*norm, bucket_path + "/")) {
    return s3err::InvalidArgument("The object key \"" + std::string(key) +
                                  "\" names no object in bucket \"" + std::string(bucket) + "\".");
  }
  return std::move(norm).value();
}

}  // namespace alluxio::proxy
