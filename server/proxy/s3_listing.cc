#include "server/proxy/s3_listing.h"

#include <algorithm>
#include <utility>

#include "lib/common/strings.h"

namespace alluxio::proxy {
namespace {

struct Child {
  std::string key;  // full key; directories end in '/'
  wire::FileInfo info;
};

class Walker {
 public:
  Walker(client::FileSystem& fs, const ListObjectsRequest& req, ListObjectsResult* out)
      : fs_(fs), req_(req), out_(out) {}

  bool done() const { return done_; }

  // Offers the starting directory itself when the prefix names it and it is empty ("a/").
  void StartDirectory(const std::string& key, const wire::FileInfo& info) {
    if (info.length == 0 && key == req_.prefix) Candidate(key, &info);
  }

  // Lists the directory `path` whose keys start with `dir_key` ("" or "a/b/").
  Status Walk(const std::string& path, const std::string& dir_key) {
    std::vector<Child> children;
    wire::ListStatusOptions o;
    Status st = fs_.ListStatus(path, o, [&](wire::FileInfo&& info) -> Status {
      if (!info.folder && !info.completed) return Status::OK();  // being written
      std::string key = dir_key + info.name;
      if (info.folder) key += '/';
      children.push_back(Child{std::move(key), std::move(info)});
      return Status::OK();
    });
    if (st.code() == StatusCode::kNotFound) return Status::OK();  // deleted meanwhile
    RETURN_IF_ERROR(st);
    std::sort(children.begin(), children.end(),
              [](const Child& a, const Child& b) { return a.key < b.key; });
    for (Child& c : children) {
      if (done_) break;
      if (c.info.folder) {
        RETURN_IF_ERROR(Directory(c));
      } else if (StartsWith(c.key, req_.prefix)) {
        Candidate(c.key, &c.info);
      }
    }
    return Status::OK();
  }

 private:
  Status Directory(const Child& c) {
    const std::string& d = c.key;
    const std::string& prefix = req_.prefix;
    if (StartsWith(prefix, d) && prefix != d) return Walk(c.info.path, d);  // prefix is deeper
    if (!StartsWith(d, prefix)) return Status::OK();
    if (!req_.delimiter.empty()) {
      size_t pos = d.find(req_.delimiter, prefix.size());
      if (pos != std::string::npos) {
        // Every key below d shares this common prefix: no need to look inside.
        Candidate(d.substr(0, pos + req_.delimiter.size()), nullptr);
        return Status::OK();
      }
    }
    if (d <= req_.after && !StartsWith(req_.after, d)) return Status::OK();  // all before marker
    if (c.info.length == 0) Candidate(d, &c.info);  // an empty directory: the key "d/"
    return Walk(c.info.path, d);
  }

  // Offers `key` (a file's key or an empty directory's "d/"), or, with info == nullptr, a common
  // prefix, in sorted order.
  void Candidate(const std::string& key, const wire::FileInfo* info) {
    std::string group = key;
    bool is_prefix = info == nullptr;
    if (!is_prefix && !req_.delimiter.empty()) {
      size_t pos = key.find(req_.delimiter, req_.prefix.size());
      if (pos != std::string::npos) {
        group = key.substr(0, pos + req_.delimiter.size());
        is_prefix = true;
      }
    }
    if (group <= req_.after) return;
    if (is_prefix && !out_->common_prefixes.empty() && out_->common_prefixes.back() == group &&
        out_->last == group) {
      return;
    }
    if (count_ == req_.max_keys) {
      out_->truncated = true;
      done_ = true;
      return;
    }
    ++count_;
    out_->last = group;
    if (is_prefix) {
      out_->common_prefixes.push_back(std::move(group));
      return;
    }
    ObjectEntry e;
    e.key = key;
    e.size = info->folder ? 0 : info->length;
    e.last_modified_ms = info->last_modification_time_ms;
    e.owner = info->owner;
    e.info = *info;
    out_->contents.push_back(std::move(e));
  }

  client::FileSystem& fs_;
  const ListObjectsRequest& req_;
  ListObjectsResult* const out_;
  int count_ = 0;
  bool done_ = false;
};

// The directory key ("", "a/", "a/b/") to start from: the prefix up to its last '/', when that
// names a plain directory chain.
std::string StartKey(const std::string& prefix) {
  size_t slash = prefix.rfind('/');
  if (slash == std::string::npos) return "";
  std::string key = prefix.substr(0, slash + 1);
  for (const std::string& c : Split(std::string_view(key).substr(0, key.size() - 1), '/')) {
    if (c.empty() || c == "." || c == "..") return "";
  }
  return key;
}

}  // namespace

Result<ListObjectsResult> ListObjects(client::FileSystem& fs, const std::string& bucket_path,
                                      const ListObjectsRequest& request) {
  ListObjectsResult result;
  if (request.max_keys <= 0) return result;
  std::string start = StartKey(request.prefix);
  std::string path = bucket_path;
  if (!start.empty()) {
    path += "/" + start.substr(0, start.size() - 1);
  }
  Walker walker(fs, request, &result);
  if (!start.empty()) {
    auto st = fs.GetStatus(path);
    if (!st.ok()) {
      if (st.status().code() == StatusCode::kNotFound) return result;
      return st.status();
    }
    if (!st->folder) return result;
    walker.StartDirectory(start, *st);
  }
  RETURN_IF_ERROR(walker.Walk(path, start));
  return result;
}

}  // namespace alluxio::proxy
