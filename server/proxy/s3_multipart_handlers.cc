// Multipart upload handlers of the S3 API: CreateMultipartUpload, UploadPart (and
// UploadPartCopy), CompleteMultipartUpload, AbortMultipartUpload, ListParts. The state lives in
// MultipartStore (s3_multipart.h); ListMultipartUploads is a bucket handler (s3_service.cc).
#include <algorithm>
#include <map>

#include "lib/common/strings.h"
#include "server/proxy/s3_io.h"
#include "server/proxy/s3_service.h"
#include "server/proxy/s3_xml.h"

namespace alluxio::proxy {
namespace {

constexpr int kMaxPartNumber = 10000;

S3Error NoSuchUpload() {
  return s3err::NoSuchUpload(
      "The specified upload does not exist. The upload ID may be invalid, "
      "or the upload may have been aborted or completed.");
}

S3Result<int> PartNumber(const net::HttpRequest& req) {
  int64_t n = 0;
  auto v = req.Query("partNumber");
  if (!v || !ParseInt64(Trim(*v), &n) || n < 1 || n > kMaxPartNumber) {
    return s3err::InvalidArgument("Part number must be an integer between 1 and 10000, inclusive");
  }
  return static_cast<int>(n);
}

// x-amz-copy-source-range: "bytes=first-last", inside the source object.
S3Result<ByteRange> CopySourceRange(std::string_view header, int64_t size) {
  std::string_view v = Trim(header);
  int64_t first = 0;
  int64_t last = 0;
  size_t dash = v.find('-');
  if (!StartsWith(v, "bytes=") || dash == std::string_view::npos ||
      !ParseInt64(v.substr(6, dash - 6), &first) || !ParseInt64(v.substr(dash + 1), &last) ||
      first < 0 || last < first || last >= size) {
    return s3err::InvalidArgument(
        "The x-amz-copy-source-range value must be of the form "
        "bytes=first-last where first and last are the zero-based "
        "offsets of the first and last bytes to copy, within the "
        "source object.");
  }
  return ByteRange{first, last};
}

// The upload a request names (?uploadId=), which must be for the request's key.
S3Result<UploadInfo> FindUpload(MultipartStore& store, S3Call& call) {
  auto upload = store.Get(call.bucket, call.http.Query("uploadId").value_or(""));
  if (!upload.ok()) {
    if (upload.status().code() == StatusCode::kNotFound) return NoSuchUpload();
    return S3ErrorFromStatus(upload.status());
  }
  if (upload->key != call.key) return NoSuchUpload();
  return std::move(upload).value();
}

}  // namespace

S3Status S3Service::CreateMultipartUpload(S3Call& call) {
  auto b = BucketInfo(call);
  if (!b.ok()) return b.error();
  auto path = ObjectPath(call.bucket, call.key);
  if (!path.ok()) return path.error();
  if (EndsWith(call.key, "/")) {
    return s3err::InvalidRequest(
        "An object whose key ends in '/' is a directory in Alluxio and "
        "cannot hold data.");
  }
  auto meta = MetaFromRequestHeaders(call.http.headers, options_.metadata_max_bytes);
  if (!meta.ok()) return meta.error();
  auto tags = TagsFromHeader(call);
  if (!tags.ok()) return tags.error();
  meta->tags = std::move(tags).value();
  auto upload = multipart_.Create(call.bucket, call.key, call.user, *meta);
  if (!upload.ok()) return S3ErrorFromStatus(upload.status());
  call.res.Set(200, "application/xml",
               InitiateMultipartUploadXml(call.bucket, call.key, upload->upload_id));
  return S3Status::OK();
}

S3Status S3Service::UploadPart(S3Call& call) {
  auto number = PartNumber(call.http);
  if (!number.ok()) return number.error();
  auto upload = FindUpload(multipart_, call);
  if (!upload.ok()) return upload.error();
  const bool copy = call.http.headers.Has("x-amz-copy-source");

  // Where the bytes come from: the request body, or a range of another object.
  std::optional<UploadBody> body;
  std::optional<std::string> content_md5;
  std::unique_ptr<client::FileInStream> source;
  std::optional<FileBodyReader> source_reader;
  net::BodyReader* reader = nullptr;
  std::optional<int64_t> expected;
  if (copy) {
    auto src = ResolveCopySource(call);
    if (!src.ok()) return src.error();
    ByteRange range{0, src->info.length - 1};
    if (const std::string* h = call.http.headers.Find("x-amz-copy-source-range")) {
      auto r = CopySourceRange(*h, src->info.length);
      if (!r.ok()) return r.error();
      range = *r;
    }
    auto in = call.fs->OpenFile(src->path);
    if (!in.ok()) return S3ErrorFromStatus(in.status());
    source = std::move(in).value();
    if (range.first > 0) {
      Status st = source->Seek(range.first);
      if (!st.ok()) return S3ErrorFromStatus(st);
    }
    int64_t length = std::max<int64_t>(0, range.length());
    source_reader.emplace(source.get(), length);
    reader = &*source_reader;
    expected = length;
  } else {
    auto b = OpenUploadBody(call);
    if (!b.ok()) return b.error();
    body.emplace(std::move(b).value());
    reader = body->reader;
    expected = body->expected_length;
    auto md5 = ContentMd5(call.http.headers);
    if (!md5.ok()) return md5.error();
    content_md5 = *md5;
  }

  auto writer = multipart_.BeginPart(*upload, *number);
  if (!writer.ok()) return S3ErrorFromStatus(writer.status());
  auto fail = [&](S3Error e) -> S3Error {
    writer->out->Cancel();
    multipart_.DiscardPart(writer->temp_path);
    return e;
  };
  auto etag = BodyFiller(*reader, content_md5, expected)(*writer->out);
  if (!etag.ok()) return fail(etag.error());
  Status st = writer->out->Close();
  if (!st.ok()) return fail(S3ErrorFromStatus(st));
  auto part = multipart_.CommitPart(*upload, *number, writer->temp_path, *etag);
  if (!part.ok()) return S3ErrorFromStatus(part.status());
  if (copy) {
    call.res.Set(200, "application/xml",
                 CopyResultXml("CopyPartResult", part->etag, part->last_modified_ms));
  } else {
    call.res.headers.Set("ETag", "\"" + part->etag + "\"");
  }
  return S3Status::OK();
}

S3Status S3Service::CompleteMultipartUpload(S3Call& call) {
  auto upload = FindUpload(multipart_, call);
  if (!upload.ok()) return upload.error();
  auto body = SmallBody(call);
  if (!body.ok()) return body.error();
  auto requested = ParseCompleteMultipartUpload(*body);
  if (!requested.ok()) return requested.error();
  auto stored = multipart_.ListParts(*upload);
  if (!stored.ok()) return S3ErrorFromStatus(stored.status());

  // Check the list before touching the destination.
  std::vector<StoredPart> chosen;
  int previous = 0;
  for (const CompletedPart& want : *requested) {
    if (want.number <= previous) {
      return s3err::InvalidPartOrder(
          "The list of parts was not in ascending order. The parts "
          "list must be specified in order by part number.");
    }
    previous = want.number;
    auto it = std::find_if(stored->begin(), stored->end(), [&](const StoredPart& p) {
      return p.number == want.number && p.etag == want.etag;
    });
    if (it == stored->end()) {
      return s3err::InvalidPart(StrCat(
          "One or more of the specified parts could not be found. The part may not have been "
          "uploaded, or the specified entity tag may not match the part's entity tag. (part ",
          want.number, ")"));
    }
    chosen.push_back(*it);
  }
  for (size_t i = 0; i + 1 < chosen.size(); ++i) {
    if (chosen[i].size < options_.min_part_size) {
      return s3err::EntityTooSmall(
          StrCat("Your proposed upload is smaller than the minimum "
                 "allowed object size. (part ",
                 chosen[i].number, " has ", chosen[i].size, " bytes; the minimum is ",
                 options_.min_part_size, ")"));
    }
  }
  auto b = BucketInfo(call);  // writing recreates missing directories: the bucket must exist
  if (!b.ok()) return b.error();
  auto path = ObjectPath(call.bucket, call.key);
  if (!path.ok()) return path.error();

  client::FileSystem* system = users_->system();
  Filler concatenate = [&](client::FileOutStream& out) -> S3Result<std::string> {
    Md5 md5_of_md5s;
    for (const StoredPart& part : chosen) {
      auto in = system->OpenFile(part.path);
      if (!in.ok()) return S3ErrorFromStatus(in.status());
      FileBodyReader reader(in->get(), part.size);
      auto n = Pump(reader, out, nullptr, part.size);
      if (!n.ok())
        return s3err::InternalError("Reading part " + std::to_string(part.number) + ": " +
                                    n.error().message);
      auto raw = HexDecode(part.etag);
      md5_of_md5s.Update(raw.value_or(""));
    }
    return StrCat(HexEncode(md5_of_md5s.Finish()), "-", chosen.size());
  };
  auto written = WriteObject(call, *path, concatenate, upload->meta);
  if (!written.ok()) return written.error();
  Status st = multipart_.Remove(call.bucket, upload->upload_id);
  if (!st.ok()) {
    logger_->Warn("s3", "Removing completed multipart upload " + upload->upload_id +
                            " failed: " + st.ToString());
  }
  std::string host = call.http.headers.Get("Host", "localhost");
  call.res.Set(200, "application/xml",
               CompleteMultipartUploadXml(StrCat("http://", host, call.http.path), call.bucket,
                                          call.key, written->etag));
  return S3Status::OK();
}

S3Status S3Service::AbortMultipartUpload(S3Call& call) {
  auto upload = FindUpload(multipart_, call);
  if (!upload.ok()) return upload.error();
  Status st = multipart_.Remove(call.bucket, upload->upload_id);
  if (!st.ok()) {
    return st.code() == StatusCode::kNotFound ? NoSuchUpload() : S3ErrorFromStatus(st);
  }
  call.res.status = 204;
  return S3Status::OK();
}

S3Status S3Service::ListParts(S3Call& call) {
  auto upload = FindUpload(multipart_, call);
  if (!upload.ok()) return upload.error();
  auto stored = multipart_.ListParts(*upload);
  if (!stored.ok()) return S3ErrorFromStatus(stored.status());
  ListPartsPage page;
  page.bucket = call.bucket;
  page.key = call.key;
  page.upload_id = upload->upload_id;
  page.owner = upload->owner;
  int64_t n = 0;
  if (auto v = call.http.Query("max-parts")) {
    if (!ParseInt64(Trim(*v), &n) || n < 0) {
      return s3err::InvalidArgument("Provided max-parts not an integer or within integer range");
    }
    page.max_parts = static_cast<int>(std::min<int64_t>(n, 1000));
  }
  if (auto v = call.http.Query("part-number-marker")) {
    if (!ParseInt64(Trim(*v), &n) || n < 0) {
      return s3err::InvalidArgument(
          "Provided part-number-marker not an integer or within "
          "integer range");
    }
    page.part_number_marker = static_cast<int>(std::min<int64_t>(n, kMaxPartNumber));
  }
  // The newest upload of each number (ListParts sorts by number, then age).
  std::map<int, const StoredPart*> latest;
  for (const StoredPart& p : *stored) latest[p.number] = &p;
  for (const auto& [number, p] : latest) {
    if (number <= page.part_number_marker) continue;
    if (static_cast<int>(page.parts.size()) == page.max_parts) {
      page.truncated = true;
      break;
    }
    page.parts.push_back(PartEntry{number, p->last_modified_ms, p->etag, p->size});
    page.next_part_number_marker = number;
  }
  call.res.Set(200, "application/xml", ListPartsXml(page));
  return S3Status::OK();
}

}  // namespace alluxio::proxy
