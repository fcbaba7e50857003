// S3Authenticator and signed aws-chunked bodies, checked against the examples AWS publishes in
// the S3 API reference ("Signature Calculations for the Authorization Header", "Query String
// Authentication", "Transferring Payload in Multiple Chunks"): credentials AKIAIOSFODNN7EXAMPLE
// / wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY, 2013-05-24T00:00:00Z, us-east-1.
#include "server/proxy/s3_auth.h"

#include <catch2/catch.hpp>

#include "lib/common/clock.h"
#include "server/proxy/s3_chunked.h"
#include "server/proxy/s3_io.h"

namespace alluxio::proxy {
namespace {

constexpr const char* kAkid = "AKIAIOSFODNN7EXAMPLE";
constexpr const char* kSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
constexpr int64_t kDocTimeMs = 1'369'353'600'000;  // 2013-05-24T00:00:00Z

net::HttpRequest Request(const std::string& method, const std::string& target,
                         const std::vector<std::pair<std::string, std::string>>& headers) {
  net::HttpRequest req;
  req.method = method;
  req.target = target;
  size_t q = target.find('?');
  req.path = target.substr(0, q);
  if (q != std::string::npos) req.query = target.substr(q + 1);
  for (const auto& [k, v] : headers) req.headers.Add(k, v);
  return req;
}

S3AuthOptions Enabled(std::string secret = kSecret) {
  S3AuthOptions o;
  o.enabled = true;
  o.secrets[kAkid] = std::move(secret);
  return o;
}

// AWS's GET Object example (header form, a Range header signed).
net::HttpRequest GetObjectExample(
    std::string signature = "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
    std::string range = "bytes=0-9") {
  return Request(
      "GET", "/test.txt",
      {{"Host", "examplebucket.s3.amazonaws.com"},
       {"Range", range},
       {"x-amz-content-sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
       {"x-amz-date", "20130524T000000Z"},
       {"Authorization",
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
        "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=" +
            signature}});
}

// AWS's presigned GET Object example (valid for 86400 s).
net::HttpRequest PresignedExample(
    std::string signature = "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404") {
  return Request("GET",
                 "/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE"
                 "%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&"
                 "X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=" +
                     signature,
                 {{"Host", "examplebucket.s3.amazonaws.com"}});
}

std::string CodeOf(const S3Result<S3Identity>& r) { return r.ok() ? "OK" : r.error().code; }

}  // namespace

TEST_CASE("s3 auth accepts AWS's signed GET object example", "[s3auth]") {
  ManualClock clock(kDocTimeMs + 60'000);
  S3Authenticator auth(Enabled(), &clock);
  auto id = auth.Authenticate(GetObjectExample());
  INFO(CodeOf(id));
  REQUIRE(id.ok());
  CHECK(id->user == kAkid);
  CHECK(id->payload_sha256 == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK_FALSE(id->chunk_signing.has_value());
}

TEST_CASE("s3 auth refuses a wrong secret, a changed header, an unknown key", "[s3auth]") {
  ManualClock clock(kDocTimeMs);
  S3Authenticator wrong(Enabled("not-the-secret"), &clock);
  auto r = wrong.Authenticate(GetObjectExample());
  CHECK(CodeOf(r) == "SignatureDoesNotMatch");
  CHECK(r.error().http_status == 403);

  S3Authenticator auth(Enabled(), &clock);
  CHECK(CodeOf(auth.Authenticate(GetObjectExample(
            "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41", "bytes=0-99"))) ==
        "SignatureDoesNotMatch");
  CHECK(CodeOf(auth.Authenticate(GetObjectExample(
            "00e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"))) ==
        "SignatureDoesNotMatch");

  S3AuthOptions other;
  other.enabled = true;
  other.secrets["someone-else"] = kSecret;
  S3Authenticator unknown(other, &clock);
  auto u = unknown.Authenticate(GetObjectExample());
  CHECK(CodeOf(u) == "InvalidAccessKeyId");
  CHECK(u.error().http_status == 403);
}

TEST_CASE("s3 auth refuses requests dated too far from the clock", "[s3auth]") {
  ManualClock clock(kDocTimeMs + 16 * 60'000);
  S3Authenticator auth(Enabled(), &clock);
  CHECK(CodeOf(auth.Authenticate(GetObjectExample())) == "RequestTimeTooSkewed");
}

TEST_CASE("s3 auth refuses unsigned, SigV2 and malformed requests when enabled", "[s3auth]") {
  ManualClock clock(kDocTimeMs);
  S3Authenticator auth(Enabled(), &clock);
  CHECK(CodeOf(auth.Authenticate(Request("GET", "/b/k", {{"Host", "h"}}))) == "AccessDenied");
  CHECK(CodeOf(auth.Authenticate(
            Request("GET", "/b/k", {{"Host", "h"}, {"Authorization", "AWS alice:c2ln"}}))) ==
        "AccessDenied");
  CHECK(CodeOf(auth.Authenticate(
            Request("GET", "/b/k",
                    {{"Host", "h"},
                     {"x-amz-date", "20130524T000000Z"},
                     {"Authorization",
                      "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524, "
                      "SignedHeaders=host, Signature=00"}}))) == "AuthorizationHeaderMalformed");
  auto no_hash = GetObjectExample();
  no_hash.headers.Remove("x-amz-content-sha256");
  CHECK(CodeOf(auth.Authenticate(no_hash)) == "InvalidRequest");
}

TEST_CASE("s3 auth off takes the access key id as the user and checks nothing", "[s3auth]") {
  ManualClock clock(0);
  S3Authenticator auth(S3AuthOptions{}, &clock);
  auto id = auth.Authenticate(GetObjectExample("bogus"));
  REQUIRE(id.ok());
  CHECK(id->user == kAkid);
  CHECK_FALSE(id->payload_sha256.has_value());
  auto anonymous = auth.Authenticate(Request("GET", "/b/k", {}));
  REQUIRE(anonymous.ok());
  CHECK(anonymous->user.empty());
}

TEST_CASE("s3 auth accepts AWS's presigned URL example until it expires", "[s3auth]") {
  ManualClock clock(kDocTimeMs + 3600'000);
  S3Authenticator auth(Enabled(), &clock);
  auto id = auth.Authenticate(PresignedExample());
  INFO(CodeOf(id));
  REQUIRE(id.ok());
  CHECK(id->user == kAkid);

  CHECK(CodeOf(auth.Authenticate(PresignedExample(
            "beeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"))) ==
        "SignatureDoesNotMatch");
  clock.SetMs(kDocTimeMs + 86'401'000);
  auto expired = auth.Authenticate(PresignedExample());
  CHECK(CodeOf(expired) == "AccessDenied");
  CHECK(expired.error().message == "Request has expired");
  clock.SetMs(kDocTimeMs - 3600'000);
  CHECK(CodeOf(auth.Authenticate(PresignedExample())) == "AccessDenied");
}

TEST_CASE("s3 auth accepts a path encoded either way by the client", "[s3auth]") {
  // Sign "/b/a b+c" as AWS encodes it, then send it with the '+' raw (as some clients do).
  ManualClock clock(kDocTimeMs);
  S3Authenticator auth(Enabled(), &clock);
  ufs::sigv4::Request r;
  r.method = "PUT";
  r.canonical_uri = "/b/a%20b%2Bc";
  r.headers = {{"host", "h:1"},
               {"x-amz-date", "20130524T000000Z"},
               {"x-amz-content-sha256", "UNSIGNED-PAYLOAD"}};
  r.payload_hash = "UNSIGNED-PAYLOAD";
  auto s = ufs::sigv4::Sign(r, {kAkid, kSecret, ""}, "us-east-1", "s3", "20130524T000000Z");
  auto req = Request("PUT", "/b/a%20b+c",
                     {{"Host", "h:1"},
                      {"x-amz-date", "20130524T000000Z"},
                      {"x-amz-content-sha256", "UNSIGNED-PAYLOAD"},
                      {"Authorization", s.authorization}});
  auto id = auth.Authenticate(req);
  INFO(CodeOf(id));
  CHECK(id.ok());
  req.path = "/b/a%20b+d";
  CHECK(CodeOf(auth.Authenticate(req)) == "SignatureDoesNotMatch");
}

namespace {

constexpr const char* kSeed = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";

// AWS's "PUT Object in chunks" example: 66560 bytes of 'a' in chunks of 65536, 1024 and 0.
net::HttpRequest ChunkedPutExample() {
  return Request(
      "PUT", "/examplebucket/chunkObject.txt",
      {{"Host", "s3.amazonaws.com"},
       {"x-amz-date", "20130524T000000Z"},
       {"x-amz-storage-class", "REDUCED_REDUNDANCY"},
       {"Authorization",
        std::string("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/"
                    "aws4_request,SignedHeaders=content-encoding;content-length;host;x-amz-"
                    "content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class,"
                    "Signature=") +
            kSeed},
       {"x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"},
       {"Content-Encoding", "aws-chunked"},
       {"x-amz-decoded-content-length", "66560"},
       {"Content-Length", "66824"}});
}

std::string ChunkedBody(const std::string& sig1, const std::string& sig2, const std::string& sig3) {
  return "10000;chunk-signature=" + sig1 + "\r\n" + std::string(65536, 'a') + "\r\n" +
         "400;chunk-signature=" + sig2 + "\r\n" + std::string(1024, 'a') + "\r\n" +
         "0;chunk-signature=" + sig3 + "\r\n\r\n";
}

const std::string kSig1 = "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648";
const std::string kSig2 = "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497";
const std::string kSig3 = "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9";

Result<std::string> Decode(const std::string& body, std::optional<ChunkSigning> signing) {
  StringBodyReader raw(body);
  AwsChunkedReader reader(&raw, std::move(signing));
  return net::ReadAll(reader, 1 << 20);
}

}  // namespace

TEST_CASE("s3 auth verifies AWS's chunked PUT example, seed and every chunk", "[s3auth]") {
  ManualClock clock(kDocTimeMs);
  S3Authenticator auth(Enabled(), &clock);
  auto id = auth.Authenticate(ChunkedPutExample());
  INFO(CodeOf(id));
  REQUIRE(id.ok());
  REQUIRE(id->chunk_signing.has_value());
  CHECK(id->chunk_signing->seed_signature == kSeed);
  CHECK(id->chunk_signing->scope == "20130524/us-east-1/s3/aws4_request");
  CHECK_FALSE(id->payload_sha256.has_value());

  auto good = Decode(ChunkedBody(kSig1, kSig2, kSig3), id->chunk_signing);
  INFO(good.status().ToString());
  REQUIRE(good.ok());
  CHECK(*good == std::string(66560, 'a'));

  // A changed byte, a swapped signature, a missing final signature: all refused.
  std::string tampered = ChunkedBody(kSig1, kSig2, kSig3);
  tampered[100] = 'b';
  CHECK(Decode(tampered, id->chunk_signing).status().code() == StatusCode::kUnauthenticated);
  CHECK(Decode(ChunkedBody(kSig2, kSig1, kSig3), id->chunk_signing).status().code() ==
        StatusCode::kUnauthenticated);
  std::string unsigned_end =
      "400;chunk-signature=" + kSig1 + "\r\n" + std::string(1024, 'a') + "\r\n0\r\n\r\n";
  CHECK(Decode(unsigned_end, id->chunk_signing).status().code() == StatusCode::kUnauthenticated);
  // Cut short after a valid chunk: never a silent success.
  std::string cut = ChunkedBody(kSig1, kSig2, kSig3);
  cut.resize(cut.find("400;"));
  CHECK_FALSE(Decode(cut, id->chunk_signing).ok());
  // Without signing (authentication off) the same bodies decode, signatures unchecked.
  CHECK(Decode(tampered, std::nullopt).ok());
  // The error a handler gets for a bad chunk.
  CHECK(BodyReadError(Status::Unauthenticated("x")).code == "SignatureDoesNotMatch");
}

TEST_CASE("s3 auth checks a signed trailer of a chunked body", "[s3auth]") {
  ChunkSigning s;
  s.signing_key = ufs::sigv4::SigningKey(kSecret, "20130524", "us-east-1", "s3");
  s.amz_date = "20130524T000000Z";
  s.scope = "20130524/us-east-1/s3/aws4_request";
  s.seed_signature = kSeed;
  s.trailer = true;
  namespace sigv4 = ufs::sigv4;
  std::string c1 =
      sigv4::ChunkSignature(s.signing_key, s.amz_date, s.scope, kSeed, sigv4::Sha256Hex("hello"));
  std::string c2 =
      sigv4::ChunkSignature(s.signing_key, s.amz_date, s.scope, c1, sigv4::Sha256Hex(""));
  std::string t = sigv4::TrailerSignature(s.signing_key, s.amz_date, s.scope, c2,
                                          "x-amz-checksum-crc32:NhCmhg==\n");
  auto body = [&](const std::string& trailer_sig) {
    return "5;chunk-signature=" + c1 + "\r\nhello\r\n0;chunk-signature=" + c2 +
           "\r\nx-amz-checksum-crc32:NhCmhg==\r\nx-amz-trailer-signature:" + trailer_sig +
           "\r\n\r\n";
  };
  auto ok = Decode(body(t), s);
  INFO(ok.status().ToString());
  CHECK(ok.ok());
  CHECK(Decode(body(c1), s).status().code() == StatusCode::kUnauthenticated);
}

TEST_CASE("s3 auth body hash checker refuses a body that differs from its signed hash",
          "[s3auth]") {
  StringBodyReader raw("payload");
  Sha256CheckingReader good(&raw, ufs::sigv4::Sha256Hex("payload"));
  CHECK(net::ReadAll(good, 100).ok());
  StringBodyReader raw2("payload!");
  Sha256CheckingReader bad(&raw2, ufs::sigv4::Sha256Hex("payload"));
  auto r = net::ReadAll(bad, 100);
  CHECK(r.status().code() == StatusCode::kDataLoss);
  CHECK(BodyReadError(r.status()).code == "XAmzContentSHA256Mismatch");
}

TEST_CASE("s3 auth: an aws-chunked body still meets the payload hash below it", "[s3auth]") {
  // Regression: the decoder stopped at the last chunk, so a hash check on the raw body never
  // saw its end and never ran.
  std::string body = "5\r\nhello\r\n0\r\n\r\n";
  StringBodyReader raw(body);
  Sha256CheckingReader checked(&raw, ufs::sigv4::kEmptyPayloadSha256.data());
  AwsChunkedReader reader(&checked);
  CHECK(net::ReadAll(reader, 100).status().code() == StatusCode::kDataLoss);
  CHECK(Decode("5\r\nhello\r\n0\r\n\r\ntrailing junk", std::nullopt).status().code() ==
        StatusCode::kInvalidArgument);
  CHECK(*Decode("5\r\nhello\r\n0\r\n\r\n\r\n", std::nullopt) == "hello");
}

TEST_CASE("s3 auth parses the Authorization header's parts", "[s3auth]") {
  auto p = ParseSigV4Authorization(
      "AWS4-HMAC-SHA256 Credential=AKID/20240102/eu-west-1/s3/aws4_request, "
      "SignedHeaders=host;x-amz-date, Signature=ABCDEF");
  REQUIRE(p.ok());
  CHECK(p->access_key_id == "AKID");
  CHECK(p->date == "20240102");
  CHECK(p->region == "eu-west-1");
  CHECK(p->signed_headers == std::vector<std::string>{"host", "x-amz-date"});
  CHECK(p->signature == "abcdef");
  CHECK_FALSE(ParseSigV4Authorization("AWS4-HMAC-SHA256 Credential=AKID/20240102/eu-west-1/s3/"
                                      "aws4_request, Signature=ab")
                  .ok());
  CHECK_FALSE(ParseSigV4Authorization("AWS4-HMAC-SHA256 Credential=AKID/x/y/s3/other, "
                                      "SignedHeaders=host, Signature=ab")
                  .ok());
}

}  // namespace alluxio::proxy
