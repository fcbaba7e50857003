#include "server/proxy/s3_protocol.h"

#include <catch2/catch.hpp>

namespace alluxio::proxy {
namespace {

net::HttpRequest WithHeader(const char* name, std::string value) {
  net::HttpRequest r;
  r.headers.Set(name, std::move(value));
  return r;
}

}  // namespace

TEST_CASE("md5 of known inputs matches RFC 1321", "[s3api]") {
  CHECK(Md5Hex("") == "d41d8cd98f00b204e9800998ecf8427e");
  CHECK(Md5Hex("abc") == "900150983cd24fb0d6963f7d28e17f72");
  Md5 incremental;
  incremental.Update("a");
  incremental.Update("bc");
  CHECK(HexEncode(incremental.Finish()) == "900150983cd24fb0d6963f7d28e17f72");
}

TEST_CASE("hex decoding rejects odd lengths and non-hex characters", "[s3api]") {
  CHECK(HexDecode("00ff41") == std::string("\0\xff"
                                           "A",
                                           3));
  CHECK(HexDecode("ABcd").has_value());
  CHECK_FALSE(HexDecode("abc").has_value());
  CHECK_FALSE(HexDecode("zz").has_value());
}

TEST_CASE("dates are written in S3's ISO 8601 and HTTP forms and parsed back", "[s3api]") {
  const int64_t ms = 1'700'000'000'123;  // 2023-11-14T22:13:20.123Z
  CHECK(FormatIso8601(ms) == "2023-11-14T22:13:20.123Z");
  CHECK(FormatHttpDate(ms) == "Tue, 14 Nov 2023 22:13:20 GMT");
  CHECK(ParseHttpDate("Tue, 14 Nov 2023 22:13:20 GMT") == 1'700'000'000'000);
  CHECK(ParseHttpDate("2023-11-14T22:13:20.123Z") == ms);
  CHECK(ParseHttpDate("2023-11-14T22:13:20Z") == 1'700'000'000'000);
  CHECK_FALSE(ParseHttpDate("yesterday").has_value());
}

TEST_CASE("range headers are read as S3 reads them", "[s3api]") {
  auto r = ParseRange("bytes=0-99", 1000);
  CHECK(r.kind == RangeKind::kSatisfiable);
  CHECK(r.range.first == 0);
  CHECK(r.range.length() == 100);
  r = ParseRange("bytes=900-", 1000);
  CHECK((r.kind == RangeKind::kSatisfiable && r.range.first == 900 && r.range.last == 999));
  r = ParseRange("bytes=-100", 1000);
  CHECK((r.kind == RangeKind::kSatisfiable && r.range.first == 900 && r.range.last == 999));
  r = ParseRange("bytes=-5000", 1000);  // a suffix longer than the object: all of it
  CHECK((r.kind == RangeKind::kSatisfiable && r.range.first == 0 && r.range.last == 999));
  r = ParseRange("bytes=500-5000", 1000);  // the end is clamped
  CHECK((r.kind == RangeKind::kSatisfiable && r.range.last == 999));
  CHECK(ParseRange("bytes=1000-", 1000).kind == RangeKind::kUnsatisfiable);
  CHECK(ParseRange("bytes=-0", 1000).kind == RangeKind::kUnsatisfiable);
  CHECK(ParseRange("bytes=0-", 0).kind == RangeKind::kUnsatisfiable);
  // Ignored: malformed, reversed, several ranges, other units.
  CHECK(ParseRange("bytes=5-1", 1000).kind == RangeKind::kNone);
  CHECK(ParseRange("bytes=a-b", 1000).kind == RangeKind::kNone);
  CHECK(ParseRange("bytes=0-1,5-6", 1000).kind == RangeKind::kNone);
  CHECK(ParseRange("items=0-1", 1000).kind == RangeKind::kNone);
}

TEST_CASE("the access key id of SigV4, SigV2 and presigned requests is the user", "[s3api]") {
  auto v4 = WithHeader("Authorization",
                       "AWS4-HMAC-SHA256 Credential=alice/20240101/us-east-1/s3/aws4_request, "
                       "SignedHeaders=host, Signature=abc");
  REQUIRE(AccessKeyId(v4).ok());
  CHECK(*AccessKeyId(v4) == "alice");
  auto v2 = WithHeader("Authorization", "AWS bob:c2lnbmF0dXJl");
  CHECK(*AccessKeyId(v2) == "bob");
  net::HttpRequest presigned;
  presigned.query =
      "X-Amz-Credential=carol%2F20240101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=x";
  CHECK(*AccessKeyId(presigned) == "carol");
  net::HttpRequest none;
  CHECK(AccessKeyId(none).ok());
  CHECK(AccessKeyId(none)->empty());
}

TEST_CASE("an unreadable authorization header is AuthorizationHeaderMalformed", "[s3api]") {
  for (const char* bad :
       {"Bearer token", "AWS4-HMAC-SHA256 Signature=x", "AWS4-HMAC-SHA256 Credential=nodate",
        "AWS nocolon", "AWS4-HMAC-SHA256 Credential=bad\r\nuser/x/y/s3/aws4_request"}) {
    auto r = AccessKeyId(WithHeader("Authorization", bad));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "AuthorizationHeaderMalformed");
    CHECK(r.error().http_status == 400);
  }
}

TEST_CASE("continuation tokens round-trip any key and reject foreign ones", "[s3api]") {
  std::string key = "dir/with space/\xe2\x9c\x93+%";
  CHECK(DecodeContinuationToken(EncodeContinuationToken(key)) == key);
  CHECK_FALSE(DecodeContinuationToken("not-a-token").has_value());
  CHECK_FALSE(DecodeContinuationToken("").has_value());
}

TEST_CASE("x-amz-tagging headers are form-decoded and validated", "[s3api]") {
  auto tags = ParseTaggingHeader("project=alpha&team=data%20eng&empty=&plus=a+b");
  REQUIRE(tags.ok());
  CHECK(tags->at("project") == "alpha");
  CHECK(tags->at("team") == "data eng");
  CHECK(tags->at("empty").empty());
  CHECK(tags->at("plus") == "a b");
  CHECK(ParseTaggingHeader("a=1&a=2").error().code == "InvalidTag");
  TagSet eleven;
  for (int i = 0; i < 11; ++i) eleven["k" + std::to_string(i)] = "v";
  CHECK(ValidateTags(eleven, true).error().code == "InvalidTag");
  CHECK(ValidateTags(eleven, false).ok());
  CHECK_FALSE(ValidateTags({{std::string(129, 'k'), "v"}}, true).ok());
  CHECK_FALSE(ValidateTags({{"k", std::string(257, 'v')}}, true).ok());
  CHECK_FALSE(ValidateTags({{"aws:x", "v"}}, true).ok());
  CHECK(ValidateTags({{"k", std::string(256, 'v')}}, true).ok());
}

TEST_CASE("bucket names must be one path component and not the metadata directory", "[s3api]") {
  CHECK(ValidateBucketName("photos", false).ok());
  CHECK(ValidateBucketName("Mixed_Case", false).ok());  // only with restrictions off
  for (std::string_view bad : {"", ".", "..", "a/b", ".alluxio_s3_api_metadata"}) {
    CHECK(ValidateBucketName(bad, false).error().code == "InvalidBucketName");
  }
  CHECK_FALSE(ValidateBucketName("Mixed_Case", true).ok());
  CHECK_FALSE(ValidateBucketName("ab", true).ok());
  CHECK_FALSE(ValidateBucketName("192.168.1.1", true).ok());
  CHECK_FALSE(ValidateBucketName("a..b", true).ok());
  CHECK_FALSE(ValidateBucketName("xn--abc", true).ok());
  CHECK(ValidateBucketName("my.bucket-1", true).ok());
}

TEST_CASE("object keys map below their bucket and never escape it", "[s3api]") {
  CHECK(*ObjectPath("b", "a/b/c.txt") == "/b/a/b/c.txt");
  CHECK(*ObjectPath("b", "dir/") == "/b/dir");
  CHECK(*ObjectPath("b", "with space+plus%") == "/b/with space+plus%");
  CHECK(*ObjectPath("b", "a//b") == "/b/a/b");
  for (std::string_view bad : {"..", "../other/x", "a/../../x", "a/./b", "/"}) {
    auto p = ObjectPath("b", bad);
    CHECK_FALSE(p.ok());
  }
  CHECK(ObjectPath("b", std::string(1025, 'k')).error().code == "KeyTooLongError");
  CHECK(ObjectPath("b", std::string("a\0b", 3)).error().code == "InvalidArgument");
}

TEST_CASE("conditional headers are evaluated in RFC 7232 order", "[s3api]") {
  const int64_t mtime = 1'700'000'000'000;
  net::Headers h;
  CHECK(EvaluatePreconditions(h, "abc", mtime) == Precondition::kPass);
  h.Set("If-Match", "\"abc\"");
  CHECK(EvaluatePreconditions(h, "abc", mtime) == Precondition::kPass);
  CHECK(EvaluatePreconditions(h, "def", mtime) == Precondition::kFailed);
  h = net::Headers();
  h.Set("If-None-Match", "\"x\", \"abc\"");
  CHECK(EvaluatePreconditions(h, "abc", mtime) == Precondition::kNotModified);
  h = net::Headers();
  h.Set("If-Modified-Since", FormatHttpDate(mtime));
  CHECK(EvaluatePreconditions(h, "abc", mtime) == Precondition::kNotModified);
  CHECK(EvaluatePreconditions(h, "abc", mtime + 5000) == Precondition::kPass);
  h = net::Headers();
  h.Set("If-Unmodified-Since", FormatHttpDate(mtime - 5000));
  CHECK(EvaluatePreconditions(h, "abc", mtime) == Precondition::kFailed);
  h = net::Headers();
  h.Set("x-amz-copy-source-if-match", "\"nope\"");
  CHECK(EvaluatePreconditions(h, "abc", mtime) == Precondition::kPass);
  CHECK(EvaluatePreconditions(h, "abc", mtime, "x-amz-copy-source-") == Precondition::kFailed);
}

}  // namespace alluxio::proxy
