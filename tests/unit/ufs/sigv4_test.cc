// The SigV4 signer against AWS's published examples: the generic signature test suite
// (aws-sig-v4-test-suite: credentials AKIDEXAMPLE, 2015-08-30T12:36:00Z, us-east-1, service
// "service") and the S3 examples of "Signature Calculations for the Authorization Header"
// (AKIAIOSFODNN7EXAMPLE, 2013-05-24T00:00:00Z, us-east-1, s3). The expected strings are the
// published ones.
#include "lib/ufs/sigv4.h"

#include <catch2/catch.hpp>

namespace alluxio::ufs::sigv4 {
namespace {

Credentials SuiteCredentials() {
  return {"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""};
}
constexpr const char* kSuiteDate = "20150830T123600Z";

Credentials S3DocCredentials() {
  return {"AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", ""};
}
constexpr const char* kS3DocDate = "20130524T000000Z";

Request SuiteRequest(std::string method) {
  Request r;
  r.method = std::move(method);
  r.canonical_uri = "/";
  r.headers = {{"Host", "example.amazonaws.com"}, {"X-Amz-Date", kSuiteDate}};
  r.payload_hash = std::string(kEmptyPayloadSha256);
  return r;
}

Request S3DocRequest(std::string method, std::string uri) {
  Request r;
  r.method = std::move(method);
  r.canonical_uri = std::move(uri);
  r.headers = {{"Host", "examplebucket.s3.amazonaws.com"},
               {"x-amz-content-sha256", std::string(kEmptyPayloadSha256)},
               {"x-amz-date", kS3DocDate}};
  r.payload_hash = std::string(kEmptyPayloadSha256);
  return r;
}

}  // namespace

TEST_CASE("sigv4 signs AWS's get-vanilla example exactly", "[sigv4]") {
  Signed s = Sign(SuiteRequest("GET"), SuiteCredentials(), "us-east-1", "service", kSuiteDate);
  CHECK(s.canonical_request ==
        "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(s.string_to_sign ==
        "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
        "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63");
  CHECK(s.authorization ==
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
        "SignedHeaders=host;x-amz-date, "
        "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
}

TEST_CASE("sigv4 sorts the query of AWS's get-vanilla-query-order-key-case example", "[sigv4]") {
  Request r = SuiteRequest("GET");
  r.query = {{"Param2", "value2"}, {"Param1", "value1"}};
  Signed s = Sign(r, SuiteCredentials(), "us-east-1", "service", kSuiteDate);
  CHECK(s.canonical_request ==
        "GET\n/\nParam1=value1&Param2=value2\nhost:example.amazonaws.com\n"
        "x-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(s.signature == "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
}

TEST_CASE("sigv4 signs the body and content type of AWS's post-x-www-form-urlencoded example",
          "[sigv4]") {
  Request r = SuiteRequest("POST");
  r.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  r.payload_hash = Sha256Hex("Param1=value1");
  CHECK(r.payload_hash == "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e");
  Signed s = Sign(r, SuiteCredentials(), "us-east-1", "service", kSuiteDate);
  CHECK(s.signed_headers == "content-type;host;x-amz-date");
  CHECK(s.string_to_sign ==
        "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
        "42a5e5bb34198acb3e84da4f085bb7927f2bc277ca766e6d19c73c2154021281");
  CHECK(s.authorization ==
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
        "SignedHeaders=content-type;host;x-amz-date, "
        "Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a");
}

TEST_CASE("sigv4 signs the S3 documentation's GET object example with a Range header", "[sigv4]") {
  Request r = S3DocRequest("GET", "/test.txt");
  r.headers.emplace_back("Range", "bytes=0-9");
  Signed s = Sign(r, S3DocCredentials(), "us-east-1", "s3", kS3DocDate);
  CHECK(s.canonical_request ==
        "GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\n"
        "x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
        "x-amz-date:20130524T000000Z\n\nhost;range;x-amz-content-sha256;x-amz-date\n"
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(s.string_to_sign ==
        "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
        "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972");
  CHECK(s.signature == "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
}

TEST_CASE("sigv4 signs the S3 documentation's PUT object example with an encoded key", "[sigv4]") {
  const std::string body = "Welcome to Amazon S3.";
  Request r;
  r.method = "PUT";
  r.canonical_uri = "/" + UriEncode("test$file.text", true);
  CHECK(r.canonical_uri == "/test%24file.text");
  r.payload_hash = Sha256Hex(body);
  CHECK(r.payload_hash == "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
  r.headers = {{"Host", "examplebucket.s3.amazonaws.com"},
               {"Date", "Fri, 24 May 2013 00:00:00 GMT"},
               {"x-amz-date", kS3DocDate},
               {"x-amz-storage-class", "REDUCED_REDUNDANCY"},
               {"x-amz-content-sha256", r.payload_hash}};
  Signed s = Sign(r, S3DocCredentials(), "us-east-1", "s3", kS3DocDate);
  CHECK(s.signed_headers == "date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class");
  CHECK(s.signature == "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
}

TEST_CASE("sigv4 signs the S3 documentation's sub-resource and listing examples", "[sigv4]") {
  Request lifecycle = S3DocRequest("GET", "/");
  lifecycle.query = {{"lifecycle", ""}};
  CHECK(Sign(lifecycle, S3DocCredentials(), "us-east-1", "s3", kS3DocDate).signature ==
        "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543");

  Request list = S3DocRequest("GET", "/");
  list.query = {{"prefix", "J"}, {"max-keys", "2"}};
  Signed s = Sign(list, S3DocCredentials(), "us-east-1", "s3", kS3DocDate);
  CHECK(s.canonical_request.substr(0, 26) == "GET\n/\nmax-keys=2&prefix=J\n");
  CHECK(s.signature == "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
}

TEST_CASE("sigv4 canonical headers are trimmed, collapsed, lower-cased and joined", "[sigv4]") {
  Request r = SuiteRequest("GET");
  r.headers.emplace_back("My-Header1", "  a   b   c  ");
  r.headers.emplace_back("my-header2", "value2");
  r.headers.emplace_back("MY-HEADER2", "value1");
  Signed s = Sign(r, SuiteCredentials(), "us-east-1", "service", kSuiteDate);
  CHECK(s.canonical_request ==
        "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:a b c\nmy-header2:value2,value1\n"
        "x-amz-date:20150830T123600Z\n\nhost;my-header1;my-header2;x-amz-date\n"
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("sigv4 URI encoding keeps only unreserved characters (and slashes in paths)", "[sigv4]") {
  CHECK(UriEncode("a b*(c)~-_./", false) == "a%20b%2A%28c%29~-_.%2F");
  CHECK(UriEncode("dir/a b+c=d", true) == "dir/a%20b%2Bc%3Dd");
  CHECK(UriEncode("\xE1\x88\xB4", true) == "%E1%88%B4");
  CHECK(CanonicalQueryString({{"prefix", "a b/c"}, {"list-type", "2"}, {"uploads", ""}}) ==
        "list-type=2&prefix=a%20b%2Fc&uploads=");
  // Sorted by name, then by value, after encoding.
  CHECK(CanonicalQueryString({{"b", "2"}, {"a", "z"}, {"a", "y"}, {"A", "0"}}) ==
        "A=0&a=y&a=z&b=2");
}

TEST_CASE("sigv4 dates and digests", "[sigv4]") {
  CHECK(AmzDate(1'369'353'600'000) == "20130524T000000Z");
  CHECK(AmzDate(1'440'938'160'999) == "20150830T123600Z");
  CHECK(Sha256Hex("") == kEmptyPayloadSha256);
  // RFC 1321's test value for "abc", in base64.
  CHECK(Md5Base64("abc") == "kAFQmDzST7DWlj99KOF/cg==");
  CHECK(HexEncode(std::string("\x00\xff\x10", 3)) == "00ff10");
}

}  // namespace alluxio::ufs::sigv4
