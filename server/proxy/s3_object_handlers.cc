// Object-level handlers of the S3 API: PutObject, GetObject / HeadObject, DeleteObject,
// CopyObject and object tagging.
#include <algorithm>
#include <vector>

#include "lib/common/path.h"
#include "lib/common/strings.h"
#include "server/proxy/s3_io.h"
#include "server/proxy/s3_service.h"
#include "server/proxy/s3_xml.h"

namespace alluxio::proxy {
namespace {

constexpr size_t kReadChunk = 1 << 20;
constexpr std::string_view kEmptyMd5 = "d41d8cd98f00b204e9800998ecf8427e";

// GetObject's response-* query parameters override the stored headers.
constexpr std::pair<std::string_view, std::string_view> kResponseOverrides[] = {
    {"response-content-type", "Content-Type"},
    {"response-content-language", "Content-Language"},
    {"response-expires", "Expires"},
    {"response-cache-control", "Cache-Control"},
    {"response-content-disposition", "Content-Disposition"},
    {"response-content-encoding", "Content-Encoding"},
};

// COPY or REPLACE from a directive header; InvalidArgument otherwise.
S3Result<bool> IsReplace(const net::Headers& headers, std::string_view name) {
  std::string v = ToUpper(Trim(headers.Get(name, "COPY")));
  if (v == "COPY") return false;
  if (v == "REPLACE") return true;
  return s3err::InvalidArgument(StrCat("Unknown ", name, " value: ", v));
}

}  // namespace

S3Status S3Service::PutObject(S3Call& call) {
  auto b = BucketInfo(call);
  if (!b.ok()) return b.error();
  auto path = ObjectPath(call.bucket, call.key);
  if (!path.ok()) return path.error();
  auto body = OpenUploadBody(call);
  if (!body.ok()) return body.error();

  if (EndsWith(call.key, "/")) {
    // A "directory" key: an Alluxio directory, which holds no bytes.
    char probe[1];
    auto n = body->reader->Read(probe, sizeof(probe));
    if (!n.ok() || *n > 0) {
      return s3err::InvalidRequest(
          "An object whose key ends in '/' is a directory in Alluxio "
          "and cannot hold data.");
    }
    wire::CreateDirectoryOptions o;
    o.recursive = true;
    o.allow_exists = true;
    o.write_type = options_.write_type;
    Status st = call.fs->CreateDirectory(*path, o);
    if (!st.ok()) {
      if (st.code() == StatusCode::kAlreadyExists || st.code() == StatusCode::kInvalidArgument) {
        return s3err::InvalidRequest(
            "Cannot create \"" + call.key +
            "\": an object (a file in Alluxio) is in the way: " + std::string(st.message()));
      }
      return S3ErrorFromStatus(st);
    }
    call.res.headers.Set("ETag", StrCat("\"", kEmptyMd5, "\""));
    return S3Status::OK();
  }

  auto meta = MetaFromRequestHeaders(call.http.headers, options_.metadata_max_bytes);
  if (!meta.ok()) return meta.error();
  auto tags = TagsFromHeader(call);
  if (!tags.ok()) return tags.error();
  meta->tags = std::move(tags).value();
  auto content_md5 = ContentMd5(call.http.headers);
  if (!content_md5.ok()) return content_md5.error();

  auto written =
      WriteObject(call, *path, BodyFiller(*body->reader, *content_md5, body->expected_length),
                  std::move(meta).value());
  if (!written.ok()) return written.error();
  call.res.headers.Set("ETag", "\"" + written->etag + "\"");
  return S3Status::OK();
}

S3Status S3Service::GetObject(S3Call& call, bool head) {
  // Where answering on the event loop (call.nonblocking) would block, the call gives up.
  auto would_block = [&call] {
    call.would_block = true;
    return s3err::InternalError("would block");
  };
  auto path = ObjectPath(call.bucket, call.key);
  if (!path.ok()) return path.error();
  S3Result<wire::FileInfo> info = s3err::InternalError("unset");
  if (call.nonblocking) {
    // Only a cached plain object: anything else (a miss, a directory key) asks the master.
    auto cached = call.fs->CachedStatus(*path);
    if (!cached || cached->folder || !cached->completed || EndsWith(call.key, "/")) {
      return would_block();
    }
    info = *cached;
  } else {
    info = ObjectInfo(call, *path);
  }
  if (!info.ok()) return info.error();
  ObjectMeta meta;
  if (info->folder) {
    meta.etag = std::string(kEmptyMd5);
    meta.content_type = "application/x-directory";
  } else if (call.nonblocking) {
    auto known = metas_.TryGet(*info);
    if (!known) return would_block();
    meta = std::move(*known);
  } else {
    meta = metas_.Get(*info);
  }
  net::HttpResponse& res = call.res;
  const net::HttpRequest& q = call.http;
  res.headers.Set("Last-Modified", FormatHttpDate(info->last_modification_time_ms));
  res.headers.Set("Accept-Ranges", "bytes");
  AddMetaResponseHeaders(meta, res.headers);

  switch (EvaluatePreconditions(q.headers, meta.etag, info->last_modification_time_ms)) {
    case Precondition::kPass:
      break;
    case Precondition::kNotModified:
      res.status = 304;
      return S3Status::OK();
    case Precondition::kFailed:
      return s3err::PreconditionFailed(
          "At least one of the pre-conditions you specified did not "
          "hold");
  }
  for (const auto& [param, header] : kResponseOverrides) {
    if (auto v = q.Query(param)) res.headers.Set(header, *v);
  }

  const int64_t size = info->folder ? 0 : info->length;
  int64_t first = 0;
  int64_t length = size;
  if (const std::string* range = q.headers.Find("Range"); range != nullptr && !info->folder) {
    RangeSpec spec = ParseRange(*range, size);
    if (spec.kind == RangeKind::kUnsatisfiable) {
      res.headers.Set("Content-Range", StrCat("bytes */", size));
      return s3err::InvalidRange("The requested range is not satisfiable");
    }
    if (spec.kind == RangeKind::kSatisfiable) {
      res.status = 206;
      res.headers.Set("Content-Range",
                      StrCat("bytes ", spec.range.first, "-", spec.range.last, "/", size));
      first = spec.range.first;
      length = spec.range.length();
    }
  }
  if (head) {
    res.headers.Set("Content-Length", std::to_string(length));
    return S3Status::OK();
  }
  if (length == 0) return S3Status::OK();  // the server writes Content-Length: 0

  if (local_reader_) {
    if (auto regions = local_reader_(*info, first, length, !call.nonblocking)) {
      res.files = std::move(*regions);  // sent with sendfile(2), one region after another
      return S3Status::OK();
    }
    if (call.nonblocking) return would_block();
    // Not (or no longer) in the local tier files as `info` says: a cached status may name blocks
    // that have moved or gone, so the next request asks the master again. OpenFile below does.
    call.fs->DropCachedStatus(*path);
  }
  if (call.nonblocking) return would_block();
  auto in = call.fs->OpenFile(*path);
  if (!in.ok()) return ObjectLookupError(call, in.status());
  if (first > 0) {
    Status st = (*in)->Seek(first);
    if (!st.ok()) return S3ErrorFromStatus(st);
  }
  res.headers.Set("Content-Length", std::to_string(length));
  std::shared_ptr<client::FileInStream> stream(std::move(in).value());
  res.stream = [stream, length](net::BodyWriter& w) -> Status {
    std::vector<char> buf(static_cast<size_t>(std::min<int64_t>(length, kReadChunk)));
    int64_t left = length;
    while (left > 0) {
      size_t want = static_cast<size_t>(std::min<int64_t>(left, static_cast<int64_t>(buf.size())));
      ASSIGN_OR_RETURN(size_t n, stream->Read(buf.data(), want));
      if (n == 0) return Status::DataLoss("The object ended before its length");
      RETURN_IF_ERROR(w.Write(std::string_view(buf.data(), n)));
      left -= static_cast<int64_t>(n);
    }
    return Status::OK();
  };
  return S3Status::OK();
}

S3Status S3Service::DeleteKey(S3Call& call, const std::string& key) {
  auto path = ObjectPath(call.bucket, key);
  if (!path.ok()) return path.error();
  auto info = call.fs->GetStatus(*path);
  if (!info.ok()) {
    const Status& st = info.status();
    if (st.code() == StatusCode::kInvalidArgument) return S3Status::OK();  // through a file
    if (st.code() != StatusCode::kNotFound) return S3ErrorFromStatus(st);
    auto b = BucketInfo(call);
    if (!b.ok()) return b.error();
    return S3Status::OK();  // deleting a missing key succeeds
  }
  bool dir_key = EndsWith(key, "/");
  if (info->folder != dir_key) return S3Status::OK();  // no such key
  if (info->folder && (info->length > 0 || info->mount_point)) {
    return S3Status::OK();  // "a/" of a non-empty "a" is implied by its children: no marker
  }
  Status st = DeleteFile(*call.fs, call.bucket, *path, info->file_id);
  if (!st.ok() && st.code() != StatusCode::kNotFound) return S3ErrorFromStatus(st);
  return S3Status::OK();
}

S3Status S3Service::DeleteObject(S3Call& call) {
  S3Status st = DeleteKey(call, call.key);
  if (!st.ok()) return st;
  call.res.status = 204;
  return S3Status::OK();
}

S3Result<S3Service::CopySource> S3Service::ResolveCopySource(S3Call& call) {
  const std::string raw = call.http.headers.Get("x-amz-copy-source");
  std::string header(raw.substr(0, raw.find('?')));  // drops ?versionId=
  std::string source = net::PercentDecode(header);
  std::string_view s = source;
  if (!s.empty() && s.front() == '/') s.remove_prefix(1);
  size_t slash = s.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == s.size()) {
    return s3err::InvalidArgument(
        "Copy Source must mention the source bucket and key: "
        "sourcebucket/sourcekey");
  }
  std::string bucket(s.substr(0, slash));
  std::string key(s.substr(slash + 1));
  S3Status name = ValidateBucketName(bucket, false);
  if (!name.ok()) return name.error();
  auto path = ObjectPath(bucket, key);
  if (!path.ok()) return path.error();
  auto info = call.fs->GetStatus(*path);
  if (!info.ok()) {
    if (info.status().code() == StatusCode::kNotFound) {
      auto b = call.fs->GetStatus("/" + bucket);
      if (!b.ok() || !b->folder) return s3err::NoSuchBucket("The specified bucket does not exist");
      return s3err::NoSuchKey("The specified key does not exist.");
    }
    if (info.status().code() == StatusCode::kInvalidArgument) {
      return s3err::NoSuchKey("The specified key does not exist.");
    }
    return S3ErrorFromStatus(info.status());
  }
  if (info->folder || !info->completed)
    return s3err::NoSuchKey("The specified key does not exist.");
  CopySource src;
  src.path = std::move(path).value();
  src.meta = metas_.Get(*info);
  src.info = std::move(info).value();
  if (EvaluatePreconditions(call.http.headers, src.meta.etag, src.info.last_modification_time_ms,
                            "x-amz-copy-source-") != Precondition::kPass) {
    return s3err::PreconditionFailed(
        "At least one of the pre-conditions you specified did not "
        "hold");
  }
  return src;
}

S3Status S3Service::CopyObject(S3Call& call) {
  auto b = BucketInfo(call);
  if (!b.ok()) return b.error();
  auto dst = ObjectPath(call.bucket, call.key);
  if (!dst.ok()) return dst.error();
  auto src = ResolveCopySource(call);
  if (!src.ok()) return src.error();
  auto replace_meta = IsReplace(call.http.headers, "x-amz-metadata-directive");
  if (!replace_meta.ok()) return replace_meta.error();
  auto replace_tags = IsReplace(call.http.headers, "x-amz-tagging-directive");
  if (!replace_tags.ok()) return replace_tags.error();

  ObjectMeta meta = src->meta;
  if (*replace_meta) {
    auto m = MetaFromRequestHeaders(call.http.headers, options_.metadata_max_bytes);
    if (!m.ok()) return m.error();
    meta = std::move(m).value();
    meta.tags = src->meta.tags;
  }
  if (*replace_tags) {
    auto tags = TagsFromHeader(call);
    if (!tags.ok()) return tags.error();
    meta.tags = std::move(tags).value();
  }

  if (*dst == src->path) {
    if (!*replace_meta && !*replace_tags) {
      return s3err::InvalidRequest(
          "This copy request is illegal because it is trying to copy an object to itself "
          "without changing the object's metadata, storage class, website redirect location or "
          "encryption attributes.");
    }
    meta.etag = src->meta.etag;
    Status st = metas_.Put(src->info, meta);
    if (!st.ok()) return S3ErrorFromStatus(st);
    call.res.Set(200, "application/xml",
                 CopyResultXml("CopyObjectResult", meta.etag, src->info.last_modification_time_ms));
    return S3Status::OK();
  }

  auto in = call.fs->OpenFile(src->path);
  if (!in.ok()) return S3ErrorFromStatus(in.status());
  FileBodyReader reader(in->get(), src->info.length);
  auto written =
      WriteObject(call, *dst, BodyFiller(reader, std::nullopt, src->info.length), std::move(meta));
  if (!written.ok()) return written.error();
  call.res.Set(
      200, "application/xml",
      CopyResultXml("CopyObjectResult", written->etag, written->info.last_modification_time_ms));
  return S3Status::OK();
}

S3Status S3Service::GetObjectTagging(S3Call& call) {
  auto path = ObjectPath(call.bucket, call.key);
  if (!path.ok()) return path.error();
  auto info = ObjectInfo(call, *path);
  if (!info.ok()) return info.error();
  call.res.Set(200, "application/xml", TaggingXml(metas_.Get(*info).tags));
  return S3Status::OK();
}

S3Status S3Service::PutObjectTagging(S3Call& call) {
  auto path = ObjectPath(call.bucket, call.key);
  if (!path.ok()) return path.error();
  auto info = ObjectInfo(call, *path);
  if (!info.ok()) return info.error();
  auto body = SmallBody(call);
  if (!body.ok()) return body.error();
  auto tags = ParseTagging(*body);
  if (!tags.ok()) return tags.error();
  S3Status valid = ValidateTags(*tags, options_.tagging_restrictions);
  if (!valid.ok()) return valid;
  ObjectMeta meta = metas_.Get(*info);
  meta.tags = std::move(tags).value();
  Status st = metas_.Put(*info, meta);
  if (!st.ok()) return S3ErrorFromStatus(st);
  return S3Status::OK();
}

S3Status S3Service::DeleteObjectTagging(S3Call& call) {
  auto path = ObjectPath(call.bucket, call.key);
  if (!path.ok()) return path.error();
  auto info = ObjectInfo(call, *path);
  if (!info.ok()) return info.error();
  ObjectMeta meta = metas_.Get(*info);
  if (!meta.tags.empty()) {
    meta.tags.clear();
    Status st = metas_.Put(*info, meta);
    if (!st.ok()) return S3ErrorFromStatus(st);
  }
  call.res.status = 204;
  return S3Status::OK();
}

}  // namespace alluxio::proxy
