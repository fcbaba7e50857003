#include "server/proxy/s3_multipart.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "lib/common/logging.h"
#include "lib/common/strings.h"

namespace alluxio::proxy {
namespace {

using nlohmann::json;

constexpr const char* kUploadFile = "_upload";
constexpr size_t kMaxUploadFileBytes = 1 << 20;

json StringMap(const std::map<std::string, std::string>& m) {
  json j = json::object();
  for (const auto& [k, v] : m) j[k] = v;
  return j;
}

void ReadStringMap(const json& j, const char* key, std::map<std::string, std::string>* out) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_object()) return;
  for (auto e = it->begin(); e != it->end(); ++e) {
    if (e.value().is_string()) (*out)[e.key()] = e.value().get<std::string>();
  }
}

std::string UploadToJson(const UploadInfo& u) {
  json j;
  j["key"] = u.key;
  j["owner"] = u.owner;
  j["initiatedMs"] = u.initiated_ms;
  j["contentType"] = u.meta.content_type;
  j["headers"] = StringMap(u.meta.headers);
  j["user"] = StringMap(u.meta.user);
  j["tags"] = StringMap(u.meta.tags);
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<UploadInfo> UploadFromJson(std::string_view text) {
  json j = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j.contains("key") || !j["key"].is_string()) {
    return Status::DataLoss("Malformed multipart upload record");
  }
  UploadInfo u;
  u.key = j["key"].get<std::string>();
  if (j.contains("owner") && j["owner"].is_string()) u.owner = j["owner"].get<std::string>();
  if (j.contains("initiatedMs") && j["initiatedMs"].is_number_integer()) {
    u.initiated_ms = j["initiatedMs"].get<int64_t>();
  }
  if (j.contains("contentType") && j["contentType"].is_string()) {
    u.meta.content_type = j["contentType"].get<std::string>();
  }
  ReadStringMap(j, "headers", &u.meta.headers);
  ReadStringMap(j, "user", &u.meta.user);
  ReadStringMap(j, "tags", &u.meta.tags);
  return u;
}

Result<std::string> ReadSmallFile(client::FileSystem& fs, const std::string& path, size_t limit) {
  ASSIGN_OR_RETURN(auto in, fs.OpenFile(path));
  std::string text;
  std::string buf(64 * 1024, '\0');
  while (true) {
    ASSIGN_OR_RETURN(size_t n, in->Read(buf.data(), buf.size()));
    if (n == 0) break;
    text.append(buf.data(), n);
    if (text.size() > limit) return Status::DataLoss(path + " is larger than expected");
  }
  return text;
}

// "00007.<md5>" -> part 7 with that MD5; false for other names.
bool ParsePartName(const std::string& name, int* number, std::string* md5) {
  if (name.size() != 5 + 1 + 32 || name[5] != '.') return false;
  int64_t n = 0;
  if (!ParseInt64(std::string_view(name).substr(0, 5), &n) || n < 1 || n > 10000) return false;
  *number = static_cast<int>(n);
  *md5 = name.substr(6);
  return IsValidUploadId(*md5);  // same shape: 32 lower-case hex digits
}

}  // namespace

bool IsValidUploadId(std::string_view id) {
  if (id.size() != 32) return false;
  for (char c : id) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

MultipartStore::MultipartStore(Options options, client::FileSystem* fs, Clock* clock)
    : options_(std::move(options)), fs_(fs), clock_(clock), random_(std::random_device{}()) {}

std::string MultipartStore::UploadDir(const std::string& bucket,
                                      const std::string& upload_id) const {
  return StrCat(options_.root, "/", bucket, "/", upload_id);
}

std::string MultipartStore::NewId() {
  std::lock_guard<std::mutex> lock(mu_);
  char buf[33];
  std::snprintf(buf, sizeof(buf), "%016llx%016llx", static_cast<unsigned long long>(random_()),
                static_cast<unsigned long long>(random_()));
  return buf;
}

Result<UploadInfo> MultipartStore::Create(const std::string& bucket, const std::string& key,
                                          const std::string& owner, const ObjectMeta& meta) {
  UploadInfo u;
  u.upload_id = NewId();
  u.bucket = bucket;
  u.key = key;
  u.owner = owner;
  u.initiated_ms = clock_->NowMs();
  u.meta = meta;
  u.meta.etag.clear();
  std::string dir = UploadDir(bucket, u.upload_id);
  wire::CreateDirectoryOptions d;
  d.recursive = true;
  d.write_type = options_.write_type;
  RETURN_IF_ERROR(fs_->CreateDirectory(dir, d));
  wire::CreateFileOptions f;
  f.write_type = options_.write_type;
  ASSIGN_OR_RETURN(auto out, fs_->CreateFile(dir + "/" + kUploadFile, f));
  Status st = out->Write(UploadToJson(u));
  if (st.ok()) st = out->Close();
  if (!st.ok()) {
    out->Cancel();
    wire::DeleteOptions del;
    del.recursive = true;
    (void)fs_->Delete(dir, del);
    return st;
  }
  return u;
}

Result<UploadInfo> MultipartStore::Get(const std::string& bucket, const std::string& upload_id) {
  if (!IsValidUploadId(upload_id)) {
    return Status::NotFound("The upload id \"" + upload_id + "\" names no upload.");
  }
  auto text =
      ReadSmallFile(*fs_, UploadDir(bucket, upload_id) + "/" + kUploadFile, kMaxUploadFileBytes);
  if (!text.ok()) {
    if (text.status().code() == StatusCode::kNotFound) {
      return Status::NotFound(
          "The specified upload does not exist. The upload ID may be "
          "invalid, or the upload may have been aborted or completed.");
    }
    return text.status();
  }
  ASSIGN_OR_RETURN(UploadInfo u, UploadFromJson(*text));
  u.upload_id = upload_id;
  u.bucket = bucket;
  return u;
}

Result<std::vector<UploadInfo>> MultipartStore::List(const std::string& bucket) {
  std::vector<std::string> ids;
  Status st =
      fs_->ListStatus(StrCat(options_.root, "/", bucket), {}, [&](wire::FileInfo&& info) -> Status {
        if (info.folder && IsValidUploadId(info.name)) {
          ids.push_back(info.name);
        }
        return Status::OK();
      });
  if (st.code() == StatusCode::kNotFound) return std::vector<UploadInfo>{};
  RETURN_IF_ERROR(st);
  std::vector<UploadInfo> uploads;
  for (const std::string& id : ids) {
    auto u = Get(bucket, id);
    if (u.ok()) uploads.push_back(std::move(u).value());  // skip ones aborted meanwhile
  }
  return uploads;
}

Result<MultipartStore::PartWriter> MultipartStore::BeginPart(const UploadInfo& upload, int number) {
  PartWriter w;
  w.temp_path = StrCat(UploadDir(upload.bucket, upload.upload_id), "/tmp.", number, ".",
                       NewId().substr(0, 16));
  wire::CreateFileOptions f;
  f.write_type = options_.write_type;
  ASSIGN_OR_RETURN(w.out, fs_->CreateFile(w.temp_path, f));
  return w;
}

Result<StoredPart> MultipartStore::CommitPart(const UploadInfo& upload, int number,
                                              const std::string& temp_path,
                                              const std::string& md5_hex) {
  std::string dir = UploadDir(upload.bucket, upload.upload_id);
  char name[8];
  std::snprintf(name, sizeof(name), "%05d", number);
  std::string final_name = StrCat(name, ".", md5_hex);
  std::string final_path = dir + "/" + final_name;
  Status st = fs_->Rename(temp_path, final_path);
  if (st.code() == StatusCode::kAlreadyExists) {
    DiscardPart(temp_path);  // the same bytes were uploaded before
  } else if (!st.ok()) {
    DiscardPart(temp_path);
    return st;
  }
  ASSIGN_OR_RETURN(wire::FileInfo info, fs_->GetStatus(final_path));
  // Older uploads of this part number are replaced.
  std::vector<std::string> stale;
  RETURN_IF_ERROR(fs_->ListStatus(dir, {}, [&](wire::FileInfo&& f) -> Status {
    int n = 0;
    std::string md5;
    if (ParsePartName(f.name, &n, &md5) && n == number && f.name != final_name) {
      stale.push_back(f.path);
    }
    return Status::OK();
  }));
  for (const std::string& p : stale) (void)fs_->Delete(p);
  StoredPart part;
  part.number = number;
  part.etag = md5_hex;
  part.size = info.length;
  part.last_modified_ms = info.last_modification_time_ms;
  part.path = final_path;
  return part;
}

void MultipartStore::DiscardPart(const std::string& temp_path) { (void)fs_->Delete(temp_path); }

Result<std::vector<StoredPart>> MultipartStore::ListParts(const UploadInfo& upload) {
  std::vector<StoredPart> parts;
  Status st = fs_->ListStatus(
      UploadDir(upload.bucket, upload.upload_id), {}, [&](wire::FileInfo&& f) -> Status {
        StoredPart p;
        if (f.folder || !f.completed || !ParsePartName(f.name, &p.number, &p.etag)) {
          return Status::OK();
        }
        p.size = f.length;
        p.last_modified_ms = f.last_modification_time_ms;
        p.path = f.path;
        parts.push_back(std::move(p));
        return Status::OK();
      });
  RETURN_IF_ERROR(st);
  std::sort(parts.begin(), parts.end(), [](const StoredPart& a, const StoredPart& b) {
    return a.number != b.number ? a.number < b.number : a.last_modified_ms < b.last_modified_ms;
  });
  return parts;
}

Status MultipartStore::Remove(const std::string& bucket, const std::string& upload_id) {
  if (!IsValidUploadId(upload_id)) {
    return Status::NotFound("The upload id \"" + upload_id + "\" names no upload.");
  }
  wire::DeleteOptions del;
  del.recursive = true;
  return fs_->Delete(UploadDir(bucket, upload_id), del);
}

Result<int> MultipartStore::RemoveInitiatedBefore(int64_t cutoff_ms) {
  std::vector<std::string> buckets;
  Status st = fs_->ListStatus(options_.root, {}, [&](wire::FileInfo&& bucket) -> Status {
    if (bucket.folder) buckets.push_back(bucket.path);
    return Status::OK();
  });
  if (st.code() == StatusCode::kNotFound) return 0;
  RETURN_IF_ERROR(st);
  std::vector<std::string> old;
  for (const std::string& b : buckets) {
    st = fs_->ListStatus(b, {}, [&](wire::FileInfo&& u) -> Status {
      if (u.folder && IsValidUploadId(u.name) && u.creation_time_ms < cutoff_ms) {
        old.push_back(u.path);
      }
      return Status::OK();
    });
    if (!st.ok() && st.code() != StatusCode::kNotFound) return st;
  }
  int removed = 0;
  wire::DeleteOptions del;
  del.recursive = true;
  for (const std::string& p : old) {
    if (fs_->Delete(p, del).ok()) ++removed;
  }
  return removed;
}

}  // namespace alluxio::proxy
