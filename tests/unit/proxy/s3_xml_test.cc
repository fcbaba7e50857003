#include "server/proxy/s3_xml.h"

#include <catch2/catch.hpp>

namespace alluxio::proxy {

TEST_CASE("the error body is S3's <Error> document with escaped text", "[s3api]") {
  std::string xml = ErrorXml(s3err::NoSuchKey("The key <a&b> does not exist."), "/b/a&b", "R1");
  CHECK(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 0) == 0);
  CHECK(xml.find("<Error><Code>NoSuchKey</Code><Message>The key &lt;a&amp;b&gt; does not "
                 "exist.</Message><Resource>/b/a&amp;b</Resource><RequestId>R1</RequestId>"
                 "</Error>") != std::string::npos);
}

TEST_CASE("a v2 listing page carries KeyCount, tokens and url-encoded keys", "[s3api]") {
  ListObjectsPage page;
  page.v2 = true;
  page.bucket = "b";
  page.prefix = "dir one/";
  page.delimiter = "/";
  page.encoding_type = "url";
  page.max_keys = 2;
  page.truncated = true;
  page.next_continuation_token = "abcd";
  page.contents.push_back(ObjectEntry{"dir one/a+b.txt", 1'700'000'000'000, 5, "etag1", "u", {}});
  page.common_prefixes.push_back("dir one/sub/");
  std::string xml = ListObjectsXml(page);
  CHECK(xml.find("<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">") !=
        std::string::npos);
  CHECK(xml.find("<Prefix>dir%20one/</Prefix>") != std::string::npos);
  CHECK(xml.find("<KeyCount>2</KeyCount>") != std::string::npos);
  CHECK(xml.find("<IsTruncated>true</IsTruncated>") != std::string::npos);
  CHECK(xml.find("<NextContinuationToken>abcd</NextContinuationToken>") != std::string::npos);
  CHECK(xml.find("<Key>dir%20one/a%2Bb.txt</Key>") != std::string::npos);
  CHECK(xml.find("<LastModified>2023-11-14T22:13:20.000Z</LastModified>") != std::string::npos);
  CHECK(xml.find("<ETag>\"etag1\"</ETag>") != std::string::npos);
  CHECK(xml.find("<CommonPrefixes><Prefix>dir%20one/sub/</Prefix></CommonPrefixes>") !=
        std::string::npos);
  CHECK(xml.find("<Owner>") == std::string::npos);  // v2 without fetch-owner
  CHECK(xml.find("<EncodingType>url</EncodingType>") != std::string::npos);
}

TEST_CASE("a v1 listing page has Marker and, when truncated, NextMarker", "[s3api]") {
  ListObjectsPage page;
  page.bucket = "b";
  page.marker = "a";
  page.truncated = true;
  page.next_marker = "c";
  std::string xml = ListObjectsXml(page);
  CHECK(xml.find("<Marker>a</Marker>") != std::string::npos);
  CHECK(xml.find("<NextMarker>c</NextMarker>") != std::string::npos);
  CHECK(xml.find("KeyCount") == std::string::npos);
}

TEST_CASE("CompleteMultipartUpload bodies are parsed in order with unquoted ETags", "[s3api]") {
  auto parts = ParseCompleteMultipartUpload(
      "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
      "<Part><ETag>\"AABB\"</ETag><PartNumber>1</PartNumber></Part>"
      "<Part><PartNumber>3</PartNumber><ETag>&quot;ccdd&quot;</ETag></Part>"
      "</CompleteMultipartUpload>");
  REQUIRE(parts.ok());
  REQUIRE(parts->size() == 2);
  CHECK((*parts)[0].number == 1);
  CHECK((*parts)[0].etag == "aabb");
  CHECK((*parts)[1].number == 3);
  CHECK((*parts)[1].etag == "ccdd");
}

TEST_CASE("malformed request bodies are MalformedXML", "[s3api]") {
  for (const char* bad :
       {"", "<CompleteMultipartUpload>", "<Other/>", "<CompleteMultipartUpload/>",
        "<CompleteMultipartUpload><Part><ETag>x</ETag></Part></CompleteMultipartUpload>",
        "<CompleteMultipartUpload><Part><PartNumber>x</PartNumber><ETag>x</ETag></Part>"
        "</CompleteMultipartUpload>"}) {
    auto r = ParseCompleteMultipartUpload(bad);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "MalformedXML");
    CHECK(r.error().http_status == 400);
  }
  CHECK(ParseDeleteRequest("<Delete></Delete>").error().code == "MalformedXML");
  CHECK(ParseDeleteRequest("<Delete><Object/></Delete>").error().code == "MalformedXML");
  CHECK(ParseTagging("<Tagging/>").error().code == "MalformedXML");
}

TEST_CASE("Delete bodies give the keys and the quiet flag", "[s3api]") {
  auto req = ParseDeleteRequest(
      "<Delete><Quiet>true</Quiet><Object><Key>a b</Key></Object>"
      "<Object><Key>c&amp;d</Key><VersionId>null</VersionId></Object></Delete>");
  REQUIRE(req.ok());
  CHECK(req->quiet);
  CHECK(req->keys == std::vector<std::string>{"a b", "c&d"});
  std::string too_many = "<Delete>";
  for (int i = 0; i < 1001; ++i) too_many += "<Object><Key>k</Key></Object>";
  CHECK_FALSE(ParseDeleteRequest(too_many + "</Delete>").ok());
}

TEST_CASE("tagging documents round-trip and reject repeated keys", "[s3api]") {
  TagSet tags{{"k1", "v1"}, {"k 2", "<v2>"}};
  auto back = ParseTagging(TaggingXml(tags));
  REQUIRE(back.ok());
  CHECK(*back == tags);
  auto dup = ParseTagging(
      "<Tagging><TagSet><Tag><Key>a</Key><Value>1</Value></Tag><Tag><Key>a</Key><Value>2</Value>"
      "</Tag></TagSet></Tagging>");
  CHECK(dup.error().code == "InvalidTag");
}

TEST_CASE("the delete result lists deleted keys and errors", "[s3api]") {
  std::string xml = DeleteResultXml({"a"}, {DeleteError{"b", "AccessDenied", "no"}});
  CHECK(xml.find("<Deleted><Key>a</Key></Deleted>") != std::string::npos);
  CHECK(xml.find("<Error><Key>b</Key><Code>AccessDenied</Code><Message>no</Message></Error>") !=
        std::string::npos);
}

}  // namespace alluxio::proxy
