#include "server/proxy/s3_metadata.h"

#include <nlohmann/json.hpp>

#include "lib/common/logging.h"
#include "lib/common/strings.h"

namespace alluxio::proxy {
namespace {

using nlohmann::json;

constexpr std::string_view kUserMetaPrefix = "x-amz-meta-";
constexpr const char* kStoredHeaders[] = {"Cache-Control", "Content-Disposition",
                                          "Content-Encoding", "Content-Language", "Expires"};
constexpr size_t kMaxSidecarBytes = 1 << 20;

// Content-Encoding without the aws-chunked token, which describes the upload, not the object.
std::string StripAwsChunked(std::string_view value) {
  std::vector<std::string> kept;
  for (const std::string& token : Split(value, ',')) {
    std::string_view t = Trim(token);
    if (!t.empty() && !EqualsIgnoreCase(t, "aws-chunked")) kept.emplace_back(t);
  }
  return Join(kept, ",");
}

json StringMap(const std::map<std::string, std::string>& m) {
  json j = json::object();
  for (const auto& [k, v] : m) j[k] = v;
  return j;
}

bool ReadStringMap(const json& j, const char* key, std::map<std::string, std::string>* out) {
  auto it = j.find(key);
  if (it == j.end()) return true;
  if (!it->is_object()) return false;
  for (auto e = it->begin(); e != it->end(); ++e) {
    if (!e.value().is_string()) return false;
    (*out)[e.key()] = e.value().get<std::string>();
  }
  return true;
}

}  // namespace

S3Result<ObjectMeta> MetaFromRequestHeaders(const net::Headers& headers, int64_t max_user_bytes) {
  ObjectMeta meta;
  int64_t user_bytes = 0;
  for (const auto& [name, value] : headers) {
    std::string lower = ToLower(name);
    if (StartsWith(lower, kUserMetaPrefix)) {
      std::string key = lower.substr(kUserMetaPrefix.size());
      user_bytes += static_cast<int64_t>(key.size() + value.size());
      auto [it, inserted] = meta.user.emplace(key, value);
      if (!inserted) it->second += "," + value;  // repeated header: S3 joins the values
    }
  }
  if (max_user_bytes > 0 && user_bytes > max_user_bytes) {
    return s3err::MetadataTooLarge(
        StrCat("Your metadata headers exceed the maximum allowed "
               "metadata size: ",
               user_bytes, " > ", max_user_bytes, " bytes."));
  }
  meta.content_type = headers.Get("Content-Type");
  for (const char* h : kStoredHeaders) {
    const std::string* v = headers.Find(h);
    if (v == nullptr) continue;
    std::string value = std::string(h) == "Content-Encoding" ? StripAwsChunked(*v) : *v;
    if (!value.empty()) meta.headers[h] = std::move(value);
  }
  return meta;
}

void AddMetaResponseHeaders(const ObjectMeta& meta, net::Headers& headers) {
  if (!meta.etag.empty()) headers.Set("ETag", StrCat("\"", meta.etag, "\""));
  headers.Set("Content-Type",
              meta.content_type.empty() ? "application/octet-stream" : meta.content_type);
  for (const auto& [name, value] : meta.headers) headers.Set(name, value);
  for (const auto& [name, value] : meta.user) headers.Set(StrCat(kUserMetaPrefix, name), value);
  if (!meta.tags.empty()) headers.Set("x-amz-tagging-count", std::to_string(meta.tags.size()));
}

std::string ObjectMetaToJson(const ObjectMeta& meta, int64_t file_id, int64_t length,
                             int64_t creation_ms) {
  json j;
  j["fileId"] = file_id;
  j["length"] = length;
  j["creationTimeMs"] = creation_ms;
  j["etag"] = meta.etag;
  j["contentType"] = meta.content_type;
  j["headers"] = StringMap(meta.headers);
  j["user"] = StringMap(meta.user);
  j["tags"] = StringMap(meta.tags);
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<SidecarRecord> ObjectMetaFromJson(std::string_view text) {
  json j = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  auto bad = [] { return Status::DataLoss("Malformed S3 metadata record"); };
  if (!j.is_object()) return bad();
  SidecarRecord r;
  for (auto [key, out] : {std::pair{"fileId", &r.file_id}, std::pair{"length", &r.length},
                          std::pair{"creationTimeMs", &r.creation_ms}}) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_number_integer()) return bad();
    *out = it->get<int64_t>();
  }
  for (auto [key, out] :
       {std::pair{"etag", &r.meta.etag}, std::pair{"contentType", &r.meta.content_type}}) {
    auto it = j.find(key);
    if (it == j.end()) continue;
    if (!it->is_string()) return bad();
    *out = it->get<std::string>();
  }
  if (!ReadStringMap(j, "headers", &r.meta.headers) || !ReadStringMap(j, "user", &r.meta.user) ||
      !ReadStringMap(j, "tags", &r.meta.tags)) {
    return bad();
  }
  return r;
}

ObjectMetaStore::ObjectMetaStore(Options options, client::FileSystem* fs, Clock* clock)
    : options_(std::move(options)), fs_(fs), clock_(clock) {}

std::string ObjectMetaStore::SidecarPath(int64_t file_id) const {
  return StrCat(options_.root, "/", file_id);
}

std::optional<ObjectMeta> ObjectMetaStore::Cached(const wire::FileInfo& info) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = cache_.find(info.file_id);
  if (it == cache_.end()) return std::nullopt;
  Entry& e = it->second;
  if (e.length != info.length || e.creation_ms != info.creation_time_ms ||
      clock_->MonotonicMs() - e.loaded_ms > options_.cache_ttl_ms) {
    lru_.erase(e.lru);
    cache_.erase(it);
    return std::nullopt;
  }
  lru_.splice(lru_.begin(), lru_, e.lru);
  return e.meta;
}

void ObjectMetaStore::Remember(const wire::FileInfo& info, const ObjectMeta& meta) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = cache_.find(info.file_id);
  if (it != cache_.end()) {
    lru_.erase(it->second.lru);
    cache_.erase(it);
  }
  lru_.push_front(info.file_id);
  Entry e;
  e.length = info.length;
  e.creation_ms = info.creation_time_ms;
  e.meta = meta;
  e.loaded_ms = clock_->MonotonicMs();
  e.lru = lru_.begin();
  cache_.emplace(info.file_id, std::move(e));
  while (cache_.size() > options_.cache_entries) {
    cache_.erase(lru_.back());
    lru_.pop_back();
  }
}

void ObjectMetaStore::Forget(int64_t file_id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = cache_.find(file_id);
  if (it == cache_.end()) return;
  lru_.erase(it->second.lru);
  cache_.erase(it);
}

std::optional<ObjectMeta> ObjectMetaStore::TryGet(const wire::FileInfo& info) {
  if (auto etag = info.xattr.find("s3_etag"); etag != info.xattr.end()) {
    ObjectMeta meta;
    meta.etag = etag->second;
    if (auto ct = info.xattr.find("s3_content_type"); ct != info.xattr.end()) {
      meta.content_type = ct->second;
    }
    return meta;
  }
  return Cached(info);
}

ObjectMeta ObjectMetaStore::Get(const wire::FileInfo& info) {
  if (auto known = TryGet(info)) return *known;
  ObjectMeta meta;
  auto in = fs_->OpenFile(SidecarPath(info.file_id));
  if (!in.ok()) {
    // NOT_FOUND: no metadata kept (e.g. written by `alluxio fs`); cache that too. Other
    // errors are transient: do not cache.
    if (in.status().code() == StatusCode::kNotFound) Remember(info, meta);
    return meta;
  }
  std::string text;
  std::string buf(64 * 1024, '\0');
  while (text.size() <= kMaxSidecarBytes) {
    auto n = (*in)->Read(buf.data(), buf.size());
    if (!n.ok()) return meta;
    if (*n == 0) break;
    text.append(buf.data(), *n);
  }
  auto record = ObjectMetaFromJson(text);
  if (record.ok() && record->file_id == info.file_id && record->length == info.length &&
      record->creation_ms == info.creation_time_ms) {
    meta = std::move(record->meta);
  }
  Remember(info, meta);
  return meta;
}

Status ObjectMetaStore::Put(const wire::FileInfo& info, const ObjectMeta& meta) {
  wire::CreateFileOptions o;
  o.recursive = true;
  o.overwrite = true;
  o.write_type = options_.write_type;
  const std::string path = SidecarPath(info.file_id);
  const std::string record =
      ObjectMetaToJson(meta, info.file_id, info.length, info.creation_time_ms);
  Forget(info.file_id);
  Status st;
  // A small idempotent write: one retry covers a data connection that went stale while idle.
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto out = fs_->CreateFile(path, o);
    if (!out.ok()) {
      st = out.status();
    } else {
      st = (*out)->Write(record);
      if (st.ok()) st = (*out)->Close();
      if (!st.ok()) (*out)->Cancel();
    }
    if (st.code() != StatusCode::kUnavailable) break;
  }
  if (!st.ok()) return st.WithContext("Writing S3 metadata " + path);
  Remember(info, meta);
  return Status::OK();
}

void ObjectMetaStore::Remove(int64_t file_id) {
  Forget(file_id);
  Status st = fs_->Delete(SidecarPath(file_id));
  (void)st;  // best effort: a missing sidecar is the common case
}

}  // namespace alluxio::proxy
