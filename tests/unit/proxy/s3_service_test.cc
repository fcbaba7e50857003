// S3Service end to end on an in-memory FileSystem: requests go through the route table exactly
// as the HTTP server would dispatch them (streamed bodies on PUT object routes).
#include "server/proxy/s3_service.h"

#include <sys/mman.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <optional>

#include "lib/common/clock.h"
#include "lib/common/logging.h"
#include "lib/wire/base64.h"
#include "server/proxy/s3_io.h"
#include "server/proxy/s3_protocol.h"
#include "tests/unit/proxy/s3_fake_file_system.h"

namespace alluxio::proxy {
namespace {

class StringWriter final : public net::BodyWriter {
 public:
  Status Write(std::string_view data) override {
    out.append(data);
    return Status::OK();
  }
  std::string out;
};

struct Reply {
  int status = 0;
  net::Headers headers;
  std::string body;
  bool Has(std::string_view text) const { return body.find(text) != std::string::npos; }
};

S3Options TestOptions() {
  S3Options o;
  o.min_part_size = 5;
  return o;
}

class Harness {
 public:
  explicit Harness(S3Options options = TestOptions())
      : logger_(LogLevel::kError),
        users_(&fs, nullptr),
        service_(std::move(options), &users_, &logger_, &clock_) {
    service_.AddRoutes(router_, "/api/v1/s3");
  }

  using HeaderList = std::vector<std::pair<std::string, std::string>>;

  // A request as the server hands it to the route (signed by "tester").
  static net::HttpRequest Request(const std::string& method, const std::string& target,
                                  const HeaderList& headers) {
    net::HttpRequest req;
    req.method = method;
    req.target = target;
    size_t q = target.find('?');
    req.path = target.substr(0, q);
    if (q != std::string::npos) req.query = target.substr(q + 1);
    req.headers.Set("Authorization",
                    "AWS4-HMAC-SHA256 Credential=tester/20240101/us-east-1/s3/aws4_request, "
                    "SignedHeaders=host, Signature=0");
    for (const auto& [k, v] : headers) req.headers.Set(k, v);
    return req;
  }
  // The route the server would pick for `req`, its parameters filled in.
  const net::Router::Route& RouteOf(net::HttpRequest& req) {
    auto m = router_.Find(req.method, req.path);
    REQUIRE(m.kind == net::Router::MatchKind::kFound);
    req.params = m.params;
    return *m.route;
  }

  Reply Call(const std::string& method, const std::string& target, const std::string& body = "",
             const HeaderList& headers = {}) {
    net::HttpRequest req = Request(method, target, headers);
    req.content_length = body.size();
    const net::Router::Route* route = &RouteOf(req);
    StringBodyReader reader(body);
    if (route->options.stream_request_body) {
      req.body_stream = &reader;
    } else {
      req.body = body;
    }
    net::HttpResponse res;
    route->handler(req, res);
    Reply r{res.status, res.headers, res.body};
    if (res.stream) {
      StringWriter w;
      REQUIRE(res.stream(w).ok());
      r.body = w.out;
    }
    return r;
  }

  // The route's fast path (what the server tries on its event loop): nullopt when it declines,
  // in which case it must have left the response untouched.
  std::optional<Reply> FastCall(const std::string& method, const std::string& target,
                                const HeaderList& headers = {}) {
    net::HttpRequest req = Request(method, target, headers);
    const net::Router::Route& route = RouteOf(req);
    if (!route.options.fast_path) return std::nullopt;
    net::HttpResponse res;
    if (!route.options.fast_path(req, res)) {
      CHECK(res.status == 200);
      CHECK(res.headers.size() == 0);
      CHECK(res.body.empty());
      CHECK(res.files.empty());
      CHECK_FALSE(res.stream);
      return std::nullopt;
    }
    CHECK_FALSE(res.stream);  // nothing that could block later
    Reply r{res.status, res.headers, res.body};
    for (const net::FileBody& f : res.files) {
      std::string part(static_cast<size_t>(f.length), '\0');
      REQUIRE(::pread(f.fd.get(), part.data(), part.size(), f.offset) ==
              static_cast<ssize_t>(part.size()));
      r.body += part;
    }
    return r;
  }

  testing::FakeFileSystem fs;
  ManualClock& clock() { return clock_; }
  S3Service& service() { return service_; }

 private:
  Logger logger_;
  ManualClock clock_;
  S3UserFileSystems users_;
  S3Service service_;
  net::Router router_;
};

const std::string kBase = "/api/v1/s3";

std::string EtagOf(const Reply& r) { return r.headers.Get("ETag"); }

std::string Between(const std::string& text, const std::string& open, const std::string& close) {
  size_t a = text.find(open);
  if (a == std::string::npos) return "";
  a += open.size();
  return text.substr(a, text.find(close, a) - a);
}

}  // namespace

TEST_CASE("buckets are created, listed, probed and deleted", "[s3api]") {
  Harness h;
  CHECK(h.Call("PUT", kBase + "/bkt").status == 200);
  CHECK(h.fs.Has("/bkt"));
  CHECK(h.Call("PUT", kBase + "/bkt").status == 200);  // again, by its owner
  Reply list = h.Call("GET", kBase + "/");
  CHECK(list.status == 200);
  CHECK(list.Has("<Bucket><Name>bkt</Name>"));
  CHECK(h.Call("HEAD", kBase + "/bkt").status == 200);
  Reply missing = h.Call("HEAD", kBase + "/nope");
  CHECK(missing.status == 404);
  Reply bad = h.Call("PUT", kBase + "/.alluxio_s3_api_metadata");
  CHECK(bad.status == 400);
  CHECK(bad.Has("<Code>InvalidBucketName</Code>"));

  CHECK(h.Call("PUT", kBase + "/bkt/obj", "data").status == 200);
  Reply not_empty = h.Call("DELETE", kBase + "/bkt");
  CHECK(not_empty.status == 409);
  CHECK(not_empty.Has("<Code>BucketNotEmpty</Code>"));
  CHECK(h.Call("DELETE", kBase + "/bkt/obj").status == 204);
  CHECK(h.Call("DELETE", kBase + "/bkt").status == 204);
  CHECK_FALSE(h.fs.Has("/bkt"));
  Reply gone = h.Call("GET", kBase + "/bkt?list-type=2");
  CHECK(gone.status == 404);
  CHECK(gone.Has("<Code>NoSuchBucket</Code>"));
  CHECK(gone.Has("<Resource>/bkt</Resource>"));
}

TEST_CASE("hot object reads are answered by the fast path, everything else declines", "[s3api]") {
  Harness h;
  // The local reader: the object's bytes in a memfd, as a worker's tier file would hold them,
  // unless told that nothing is cached locally.
  bool locally_cached = true;
  std::vector<bool> may_block_seen;
  h.service().SetLocalReader([&](const wire::FileInfo& info, int64_t first, int64_t length,
                                 bool may_block) -> std::optional<std::vector<net::FileBody>> {
    may_block_seen.push_back(may_block);
    if (!locally_cached) return std::nullopt;
    std::string data = h.fs.Data(info.path);
    int fd = ::memfd_create("object", 0);
    REQUIRE(::write(fd, data.data(), data.size()) == static_cast<ssize_t>(data.size()));
    std::vector<net::FileBody> files;
    files.push_back(net::FileBody{UniqueFd(fd), first, length, nullptr});
    return files;
  });
  h.Call("PUT", kBase + "/b");
  Reply put = h.Call("PUT", kBase + "/b/k", "hello, world", {{"Content-Type", "text/plain"}});
  REQUIRE(put.status == 200);

  // Without a cached status the fast path declines: the master must be asked.
  CHECK_FALSE(h.FastCall("GET", kBase + "/b/k").has_value());
  h.fs.cache_statuses = true;

  Reply slow = h.Call("GET", kBase + "/b/k");
  auto fast = h.FastCall("GET", kBase + "/b/k");
  REQUIRE(fast.has_value());
  CHECK(fast->status == 200);
  CHECK(fast->body == "hello, world");
  CHECK(EtagOf(*fast) == EtagOf(put));
  CHECK(fast->headers.Get("Content-Type") == "text/plain");
  CHECK(fast->headers.Get("Last-Modified") == slow.headers.Get("Last-Modified"));
  CHECK_FALSE(fast->headers.Get("x-amz-request-id").empty());
  CHECK(may_block_seen.back() == false);

  auto head = h.FastCall("HEAD", kBase + "/b/k");
  REQUIRE(head.has_value());
  CHECK(head->headers.Get("Content-Length") == "12");
  CHECK(head->body.empty());
  auto range = h.FastCall("GET", kBase + "/b/k", {{"Range", "bytes=7-"}});
  REQUIRE(range.has_value());
  CHECK(range->status == 206);
  CHECK(range->body == "world");
  CHECK(range->headers.Get("Content-Range") == "bytes 7-11/12");
  auto past = h.FastCall("GET", kBase + "/b/k", {{"Range", "bytes=12-"}});
  REQUIRE(past.has_value());
  CHECK(past->status == 416);
  CHECK(past->Has("<Code>InvalidRange</Code>"));
  auto not_modified = h.FastCall("GET", kBase + "/b/k", {{"If-None-Match", EtagOf(put)}});
  REQUIRE(not_modified.has_value());
  CHECK(not_modified->status == 304);

  // Declined: a missing key, a directory key, subresources, writes, blocks not cached here.
  CHECK_FALSE(h.FastCall("GET", kBase + "/b/missing").has_value());
  CHECK_FALSE(h.FastCall("GET", kBase + "/b/").has_value());
  CHECK_FALSE(h.FastCall("GET", kBase + "/b/k?tagging").has_value());
  CHECK_FALSE(h.FastCall("DELETE", kBase + "/b/k").has_value());
  locally_cached = false;
  CHECK_FALSE(h.FastCall("GET", kBase + "/b/k").has_value());
  // ... and the pooled handler then reads through the client.
  Reply through = h.Call("GET", kBase + "/b/k");
  CHECK(through.body == "hello, world");
  CHECK(may_block_seen.back() == true);
}

TEST_CASE("objects round-trip with ETag, metadata, ranges and errors", "[s3api]") {
  Harness h;
  h.Call("PUT", kBase + "/b");
  Reply put = h.Call("PUT", kBase + "/b/dir/hello%20world.txt", "hello, world",
                     {{"Content-Type", "text/plain"}, {"x-amz-meta-Color", "blue"}});
  REQUIRE(put.status == 200);
  CHECK(EtagOf(put) == "\"" + Md5Hex("hello, world") + "\"");
  CHECK(h.fs.Data("/b/dir/hello world.txt") == "hello, world");

  Reply get = h.Call("GET", kBase + "/b/dir/hello%20world.txt");
  CHECK(get.status == 200);
  CHECK(get.body == "hello, world");
  CHECK(EtagOf(get) == EtagOf(put));
  CHECK(get.headers.Get("Content-Type") == "text/plain");
  CHECK(get.headers.Get("x-amz-meta-color") == "blue");
  CHECK(get.headers.Get("Content-Length") == "12");
  CHECK_FALSE(get.headers.Get("Last-Modified").empty());

  Reply head = h.Call("HEAD", kBase + "/b/dir/hello%20world.txt");
  CHECK(head.status == 200);
  CHECK(head.headers.Get("Content-Length") == "12");
  CHECK(head.body.empty());

  Reply range = h.Call("GET", kBase + "/b/dir/hello%20world.txt", "", {{"Range", "bytes=7-"}});
  CHECK(range.status == 206);
  CHECK(range.body == "world");
  CHECK(range.headers.Get("Content-Range") == "bytes 7-11/12");
  Reply suffix = h.Call("GET", kBase + "/b/dir/hello%20world.txt", "", {{"Range", "bytes=-3"}});
  CHECK(suffix.body == "rld");
  Reply past = h.Call("GET", kBase + "/b/dir/hello%20world.txt", "", {{"Range", "bytes=12-"}});
  CHECK(past.status == 416);
  CHECK(past.Has("<Code>InvalidRange</Code>"));
  CHECK(past.headers.Get("Content-Range") == "bytes */12");

  Reply not_modified =
      h.Call("GET", kBase + "/b/dir/hello%20world.txt", "", {{"If-None-Match", EtagOf(put)}});
  CHECK(not_modified.status == 304);

  Reply nokey = h.Call("GET", kBase + "/b/dir/missing");
  CHECK(nokey.status == 404);
  CHECK(nokey.Has("<Code>NoSuchKey</Code>"));
  CHECK(h.Call("GET", kBase + "/b/dir").status == 404);  // a directory is no object
  CHECK(h.Call("GET", kBase + "/nobucket/x").Has("<Code>NoSuchBucket</Code>"));
  CHECK(h.Call("PUT", kBase + "/nobucket/x", "x").Has("<Code>NoSuchBucket</Code>"));
  CHECK_FALSE(h.fs.Has("/nobucket"));
  CHECK(h.Call("PUT", kBase + "/b/../escape", "x").status == 400);
  CHECK_FALSE(h.fs.Has("/escape"));
}

TEST_CASE("a Content-MD5 mismatch is BadDigest and leaves no object", "[s3api]") {
  Harness h;
  h.Call("PUT", kBase + "/b");
  std::string good = wire::Base64Encode(*HexDecode(Md5Hex("abc")));
  CHECK(h.Call("PUT", kBase + "/b/k", "abc", {{"Content-MD5", good}}).status == 200);
  Reply bad = h.Call("PUT", kBase + "/b/k2", "abd", {{"Content-MD5", good}});
  CHECK(bad.status == 400);
  CHECK(bad.Has("<Code>BadDigest</Code>"));
  CHECK_FALSE(h.fs.Has("/b/k2"));
  CHECK(h.Call("PUT", kBase + "/b/k3", "abc", {{"Content-MD5", "nope"}}).Has("InvalidDigest"));
}

TEST_CASE("aws-chunked uploads are stored decoded", "[s3api]") {
  Harness h;
  h.Call("PUT", kBase + "/b");
  std::string sig = ";chunk-signature=" + std::string(64, '0') + "\r\n";
  std::string raw = "5" + sig + "hello\r\n0" + sig + "\r\n";
  Reply put = h.Call("PUT", kBase + "/b/chunked", raw,
                     {{"Content-Encoding", "aws-chunked"},
                      {"x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"},
                      {"x-amz-decoded-content-length", "5"}});
  REQUIRE(put.status == 200);
  CHECK(h.fs.Data("/b/chunked") == "hello");
  CHECK(EtagOf(put) == "\"" + Md5Hex("hello") + "\"");
  CHECK(h.Call("HEAD", kBase + "/b/chunked").headers.Get("Content-Encoding").empty());
}

TEST_CASE("ListObjectsV2 pages with continuation tokens and encodes keys", "[s3api]") {
  Harness h;
  h.Call("PUT", kBase + "/b");
  for (const char* k : {"a/1", "a/2", "b+c", "d e"}) {
    h.Call("PUT", kBase + "/b/" + net::PercentEncode(k, "/"), "x");
  }
  Reply first = h.Call("GET", kBase + "/b?list-type=2&max-keys=2&encoding-type=url");
  CHECK(first.Has("<KeyCount>2</KeyCount>"));
  CHECK(first.Has("<IsTruncated>true</IsTruncated>"));
  std::string token = Between(first.body, "<NextContinuationToken>", "</NextContinuationToken>");
  REQUIRE_FALSE(token.empty());
  Reply second = h.Call("GET", kBase +
                                   "/b?list-type=2&max-keys=2&encoding-type=url"
                                   "&continuation-token=" +
                                   token);
  CHECK(second.Has("<Key>b%2Bc</Key>"));
  CHECK(second.Has("<Key>d%20e</Key>"));
  CHECK(second.Has("<IsTruncated>false</IsTruncated>"));
  Reply grouped = h.Call("GET", kBase + "/b?list-type=2&delimiter=/");
  CHECK(grouped.Has("<CommonPrefixes><Prefix>a/</Prefix></CommonPrefixes>"));
  CHECK(grouped.Has("<Key>b+c</Key>"));
  Reply v1 = h.Call("GET", kBase + "/b?max-keys=1&marker=a/1");
  CHECK(v1.Has("<Key>a/2</Key>"));
  CHECK(v1.Has("<NextMarker>a/2</NextMarker>"));
  CHECK(h.Call("GET", kBase + "/b?list-type=2&continuation-token=zz").Has("InvalidArgument"));
}

TEST_CASE("multipart uploads are checked, assembled and leave nothing behind", "[s3api]") {
  Harness h;
  h.Call("PUT", kBase + "/b");
  Reply init = h.Call("POST", kBase + "/b/big?uploads", "", {{"Content-Type", "text/csv"}});
  REQUIRE(init.status == 200);
  std::string id = Between(init.body, "<UploadId>", "</UploadId>");
  REQUIRE(id.size() == 32);
  std::string q = "?uploadId=" + id + "&partNumber=";
  Reply p1 = h.Call("PUT", kBase + "/b/big" + q + "1", "aaaaaa");
  Reply p2 = h.Call("PUT", kBase + "/b/big" + q + "2", "bbb");
  Reply p3 = h.Call("PUT", kBase + "/b/big" + q + "3", "cc");
  REQUIRE(p1.status == 200);
  CHECK(EtagOf(p2) == "\"" + Md5Hex("bbb") + "\"");
  CHECK(h.Call("PUT", kBase + "/b/big" + q + "0", "x").Has("InvalidArgument"));
  CHECK(h.Call("PUT", kBase + "/b/big" + q + "10001", "x").Has("InvalidArgument"));

  // In progress: nothing in the bucket, visible through ListParts and ListMultipartUploads.
  CHECK_FALSE(h.Call("GET", kBase + "/b?list-type=2").Has("<Key>"));
  Reply parts = h.Call("GET", kBase + "/b/big?uploadId=" + id);
  CHECK(parts.Has("<PartNumber>3</PartNumber>"));
  CHECK(h.Call("GET", kBase + "/b?uploads").Has("<UploadId>" + id + "</UploadId>"));

  auto part = [](int n, const std::string& etag) {
    return "<Part><PartNumber>" + std::to_string(n) + "</PartNumber><ETag>" + etag +
           "</ETag></Part>";
  };
  auto complete = [&](const std::string& parts_xml) {
    return h.Call("POST", kBase + "/b/big?uploadId=" + id,
                  "<CompleteMultipartUpload>" + parts_xml + "</CompleteMultipartUpload>");
  };
  CHECK(complete(part(2, EtagOf(p2)) + part(1, EtagOf(p1))).Has("InvalidPartOrder"));
  CHECK(complete(part(1, "\"" + Md5Hex("zzz") + "\"")).Has("InvalidPart"));
  CHECK(complete(part(1, EtagOf(p1)) + part(2, EtagOf(p2)) + part(3, EtagOf(p3)))
            .Has("EntityTooSmall"));  // part 2 (3 bytes) is under the 5-byte minimum
  CHECK(complete("").Has("MalformedXML"));

  Reply done = complete(part(1, EtagOf(p1)) + part(3, EtagOf(p3)));
  REQUIRE(done.status == 200);
  std::string combined = *HexDecode(Md5Hex("aaaaaa")) + *HexDecode(Md5Hex("cc"));
  std::string etag = "\"" + Md5Hex(combined) + "-2\"";
  CHECK(Between(done.body, "<ETag>", "</ETag>") == etag);
  Reply get = h.Call("GET", kBase + "/b/big");
  CHECK(get.body == "aaaaaacc");
  CHECK(EtagOf(get) == etag);
  CHECK(get.headers.Get("Content-Type") == "text/csv");
  for (const std::string& p : h.fs.Paths()) CHECK(p.find(id) == std::string::npos);
  CHECK(complete(part(1, EtagOf(p1))).Has("NoSuchUpload"));
}

TEST_CASE("an aborted upload is gone", "[s3api]") {
  Harness h;
  h.Call("PUT", kBase + "/b");
  std::string id =
      Between(h.Call("POST", kBase + "/b/k?uploads").body, "<UploadId>", "</UploadId>");
  h.Call("PUT", kBase + "/b/k?partNumber=1&uploadId=" + id, "data");
  CHECK(h.Call("DELETE", kBase + "/b/k?uploadId=" + id).status == 204);
  CHECK(h.Call("DELETE", kBase + "/b/k?uploadId=" + id).Has("NoSuchUpload"));
  CHECK(h.Call("PUT", kBase + "/b/k?partNumber=1&uploadId=" + id, "x").status == 404);
  CHECK(h.Call("GET", kBase + "/b/k?uploadId=../../x").Has("NoSuchUpload"));
  for (const std::string& p : h.fs.Paths()) CHECK(p.find(id) == std::string::npos);
}

TEST_CASE("the cleaner aborts only uploads older than its timeout", "[s3api]") {
  S3Options o = TestOptions();
  o.multipart_cleaner_timeout_ms = 600'000;
  Harness h(o);
  h.Call("PUT", kBase + "/b");
  std::string id =
      Between(h.Call("POST", kBase + "/b/k?uploads").body, "<UploadId>", "</UploadId>");
  h.Call("PUT", kBase + "/b/k?partNumber=1&uploadId=" + id, "data");
  CHECK(h.service().CleanAbandonedUploads() == 0);
  h.clock().AdvanceMs(3'600'000);
  CHECK(h.service().CleanAbandonedUploads() == 1);
  CHECK(h.Call("GET", kBase + "/b/k?uploadId=" + id).Has("NoSuchUpload"));
  for (const std::string& p : h.fs.Paths()) CHECK(p.find(id) == std::string::npos);
}

TEST_CASE("copies keep or replace metadata and copying onto itself needs a change", "[s3api]") {
  Harness h;
  h.Call("PUT", kBase + "/b");
  h.Call("PUT", kBase + "/b/src", "payload", {{"Content-Type", "a/b"}, {"x-amz-meta-k", "v"}});
  Reply copy = h.Call("PUT", kBase + "/b/dst", "", {{"x-amz-copy-source", "/b/src"}});
  REQUIRE(copy.status == 200);
  CHECK(copy.Has("<CopyObjectResult"));
  Reply got = h.Call("GET", kBase + "/b/dst");
  CHECK(got.body == "payload");
  CHECK(got.headers.Get("x-amz-meta-k") == "v");
  CHECK(got.headers.Get("Content-Type") == "a/b");
  h.Call("PUT", kBase + "/b/dst2", "",
         {{"x-amz-copy-source", "b/src"},
          {"x-amz-metadata-directive", "REPLACE"},
          {"Content-Type", "c/d"}});
  Reply replaced = h.Call("HEAD", kBase + "/b/dst2");
  CHECK(replaced.headers.Get("Content-Type") == "c/d");
  CHECK(replaced.headers.Get("x-amz-meta-k").empty());
  CHECK(
      h.Call("PUT", kBase + "/b/src", "", {{"x-amz-copy-source", "/b/src"}}).Has("InvalidRequest"));
  CHECK(h.Call("PUT", kBase + "/b/x", "", {{"x-amz-copy-source", "/b/none"}}).Has("NoSuchKey"));
}

TEST_CASE("DeleteObjects reports each key, quietly or not, and prunes empty dirs", "[s3api]") {
  Harness h;
  h.Call("PUT", kBase + "/b");
  h.Call("PUT", kBase + "/b/d/1", "x");
  h.Call("PUT", kBase + "/b/d/2", "x");
  std::string body =
      "<Delete><Object><Key>d/1</Key></Object><Object><Key>d/2</Key></Object>"
      "<Object><Key>missing</Key></Object><Object><Key>../x</Key></Object></Delete>";
  Reply r = h.Call("POST", kBase + "/b?delete", body);
  CHECK(r.status == 200);
  CHECK(r.Has("<Deleted><Key>d/1</Key></Deleted>"));
  CHECK(r.Has("<Deleted><Key>missing</Key></Deleted>"));
  CHECK(r.Has("<Error><Key>../x</Key><Code>InvalidArgument</Code>"));
  CHECK_FALSE(h.fs.Has("/b/d"));
  h.Call("PUT", kBase + "/b/e", "x");
  Reply quiet = h.Call("POST", kBase + "/b?delete",
                       "<Delete><Quiet>true</Quiet><Object><Key>e</Key></Object></Delete>");
  CHECK_FALSE(quiet.Has("<Deleted>"));
  CHECK_FALSE(h.fs.Has("/b/e"));
}

TEST_CASE("object and bucket tags are kept", "[s3api]") {
  Harness h;
  h.Call("PUT", kBase + "/b");
  h.Call("PUT", kBase + "/b/o", "x", {{"x-amz-tagging", "a=1&b=2"}});
  CHECK(h.Call("GET", kBase + "/b/o").headers.Get("x-amz-tagging-count") == "2");
  Reply tags = h.Call("GET", kBase + "/b/o?tagging");
  CHECK(tags.Has("<Tag><Key>a</Key><Value>1</Value></Tag>"));
  CHECK(h.Call("PUT", kBase + "/b/o?tagging",
               "<Tagging><TagSet><Tag><Key>z</Key><Value>9</Value></Tag></TagSet></Tagging>")
            .status == 200);
  CHECK(h.Call("GET", kBase + "/b/o?tagging").Has("<Key>z</Key>"));
  CHECK(h.Call("DELETE", kBase + "/b/o?tagging").status == 204);
  CHECK_FALSE(h.Call("GET", kBase + "/b/o?tagging").Has("<Tag>"));

  CHECK(h.Call("GET", kBase + "/b?tagging").Has("NoSuchTagSet"));
  CHECK(h.Call("PUT", kBase + "/b?tagging",
               "<Tagging><TagSet><Tag><Key>team</Key><Value>x</Value></Tag></TagSet></Tagging>")
            .status == 204);
  CHECK(h.Call("GET", kBase + "/b?tagging").Has("<Key>team</Key>"));
  CHECK(h.Call("PUT", kBase + "/b?tagging", "<Tagging>").Has("MalformedXML"));
}

TEST_CASE("unsupported operations answer NotImplemented", "[s3api]") {
  Harness h;
  h.Call("PUT", kBase + "/b");
  for (const char* target : {"/b?acl", "/b?policy", "/b?versions"}) {
    Reply r = h.Call("GET", kBase + target);
    CHECK(r.status == 501);
    CHECK(r.Has("<Code>NotImplemented</Code>"));
  }
  CHECK(h.Call("PUT", kBase + "/b/o?acl", "").status == 501);
  CHECK(h.Call("GET", kBase + "/b?location").status == 200);
}

TEST_CASE("directory keys are empty directories", "[s3api]") {
  Harness h;
  h.Call("PUT", kBase + "/b");
  CHECK(h.Call("PUT", kBase + "/b/folder/", "").status == 200);
  CHECK(h.fs.Has("/b/folder"));
  CHECK(h.Call("HEAD", kBase + "/b/folder/").status == 200);
  CHECK(h.Call("HEAD", kBase + "/b/folder").status == 404);
  CHECK(h.Call("GET", kBase + "/b?list-type=2").Has("<Key>folder/</Key>"));
  CHECK(h.Call("PUT", kBase + "/b/folder/", "data").status == 400);
  CHECK(h.Call("DELETE", kBase + "/b/folder/").status == 204);
  CHECK_FALSE(h.fs.Has("/b/folder"));
}

}  // namespace alluxio::proxy
