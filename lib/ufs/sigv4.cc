#include "lib/ufs/sigv4.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <map>

#include "lib/common/check.h"
#include "lib/common/logging.h"
#include "lib/common/strings.h"
#include "lib/net/http_message.h"

namespace alluxio::ufs::sigv4 {
namespace {

constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";

std::string Digest(const EVP_MD* md, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  // Cannot fail for the built-in digests with in-memory input.
  EVP_Digest(data.data(), data.size(), out, &len, md, nullptr);
  return std::string(reinterpret_cast<const char*>(out), len);
}

// Header values are trimmed and runs of spaces inside become one space.
std::string CanonicalHeaderValue(std::string_view value) {
  value = Trim(value);
  std::string out;
  out.reserve(value.size());
  bool in_space = false;
  for (char c : value) {
    if (c == ' ' || c == '\t') {
      in_space = true;
      continue;
    }
    if (in_space && !out.empty()) out.push_back(' ');
    in_space = false;
    out.push_back(c);
  }
  return out;
}

}  // namespace

std::string HexEncode(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (char c : bytes) {
    auto u = static_cast<unsigned char>(c);
    out.push_back(kHex[u >> 4]);
    out.push_back(kHex[u & 15]);
  }
  return out;
}

std::string Sha256Hex(std::string_view data) { return HexEncode(Digest(EVP_sha256(), data)); }

std::string HmacSha256(std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), out, &len);
  return std::string(reinterpret_cast<const char*>(out), len);
}

std::string Md5Base64(std::string_view data) {
  std::string md5 = Digest(EVP_md5(), data);
  unsigned char out[64];
  int n = EVP_EncodeBlock(out, reinterpret_cast<const unsigned char*>(md5.data()),
                          static_cast<int>(md5.size()));
  return std::string(reinterpret_cast<const char*>(out), static_cast<size_t>(n));
}

std::string UriEncode(std::string_view text, bool keep_slash) {
  // net::PercentEncode keeps exactly AWS's unreserved set and writes upper-case hex.
  return net::PercentEncode(text, keep_slash ? "/" : "");
}

std::string CanonicalQueryString(const std::vector<std::pair<std::string, std::string>>& query) {
  std::vector<std::pair<std::string, std::string>> encoded;
  encoded.reserve(query.size());
  for (const auto& [name, value] : query) {
    encoded.emplace_back(UriEncode(name, false), UriEncode(value, false));
  }
  // Sorted by encoded name (byte order), then by value.
  std::sort(encoded.begin(), encoded.end());
  std::string out;
  for (const auto& [name, value] : encoded) {
    if (!out.empty()) out.push_back('&');
    out += name;
    out.push_back('=');
    out += value;
  }
  return out;
}

std::string AmzDate(int64_t epoch_ms) {
  time_t seconds = static_cast<time_t>(epoch_ms / 1000);
  struct tm tm;
  gmtime_r(&seconds, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

Signed Sign(const Request& request, const Credentials& credentials, std::string_view region,
            std::string_view service, std::string_view amz_date) {
  // Lower-case names, sorted; repeated headers keep their order, joined by ','.
  std::map<std::string, std::string> headers;
  for (const auto& [name, value] : request.headers) {
    std::string key = ToLower(Trim(name));
    auto [it, inserted] = headers.try_emplace(key, CanonicalHeaderValue(value));
    if (!inserted) it->second += "," + CanonicalHeaderValue(value);
  }
  Signed out;
  std::string canonical_headers;
  for (const auto& [name, value] : headers) {
    canonical_headers += name + ":" + value + "\n";
    if (!out.signed_headers.empty()) out.signed_headers.push_back(';');
    out.signed_headers += name;
  }
  out.canonical_request =
      StrCat(request.method, "\n", request.canonical_uri, "\n", CanonicalQueryString(request.query),
             "\n", canonical_headers, "\n", out.signed_headers, "\n", request.payload_hash);

  std::string_view date = amz_date.substr(0, 8);
  out.scope = StrCat(date, "/", region, "/", service, "/aws4_request");
  out.string_to_sign =
      StrCat(kAlgorithm, "\n", amz_date, "\n", out.scope, "\n", Sha256Hex(out.canonical_request));

  std::string key = SigningKey(credentials.secret_access_key, date, region, service);
  out.signature = HexEncode(HmacSha256(key, out.string_to_sign));
  out.authorization = StrCat(kAlgorithm, " Credential=", credentials.access_key_id, "/", out.scope,
                             ", SignedHeaders=", out.signed_headers, ", Signature=", out.signature);
  return out;
}

std::string SigningKey(std::string_view secret, std::string_view date, std::string_view region,
                       std::string_view service) {
  std::string key = HmacSha256(StrCat("AWS4", secret), date);
  key = HmacSha256(key, region);
  key = HmacSha256(key, service);
  return HmacSha256(key, "aws4_request");
}

std::string ChunkSignature(std::string_view signing_key, std::string_view amz_date,
                           std::string_view scope, std::string_view previous_signature,
                           std::string_view chunk_sha256_hex) {
  std::string to_sign =
      StrCat("AWS4-HMAC-SHA256-PAYLOAD\n", amz_date, "\n", scope, "\n", previous_signature, "\n",
             kEmptyPayloadSha256, "\n", chunk_sha256_hex);
  return HexEncode(HmacSha256(signing_key, to_sign));
}

std::string TrailerSignature(std::string_view signing_key, std::string_view amz_date,
                             std::string_view scope, std::string_view previous_signature,
                             std::string_view canonical_trailers) {
  std::string to_sign = StrCat("AWS4-HMAC-SHA256-TRAILER\n", amz_date, "\n", scope, "\n",
                               previous_signature, "\n", Sha256Hex(canonical_trailers));
  return HexEncode(HmacSha256(signing_key, to_sign));
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

struct Sha256::Ctx {
  EVP_MD_CTX* md = EVP_MD_CTX_new();
  ~Ctx() { EVP_MD_CTX_free(md); }
};

Sha256::Sha256() : ctx_(std::make_unique<Ctx>()) {
  ALLUXIO_CHECK(ctx_->md != nullptr);
  ALLUXIO_CHECK(EVP_DigestInit_ex(ctx_->md, EVP_sha256(), nullptr) == 1);
}

Sha256::~Sha256() = default;

void Sha256::Update(std::string_view data) { EVP_DigestUpdate(ctx_->md, data.data(), data.size()); }

std::string Sha256::FinishHex() {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(ctx_->md, out, &len);
  EVP_DigestInit_ex(ctx_->md, EVP_sha256(), nullptr);
  return HexEncode(std::string_view(reinterpret_cast<const char*>(out), len));
}

}  // namespace alluxio::ufs::sigv4
