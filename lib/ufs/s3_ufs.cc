// S3Ufs: the UnderFileSystem operations over an object store (s3_ufs.h). The request client is
// in s3_client.h, option parsing in s3_ufs_options.cc, the streams in s3_ufs_streams.cc.
#include "lib/ufs/s3_ufs.h"

#include "lib/ufs/s3_client.h"

namespace alluxio::ufs {

S3Ufs::S3Ufs(S3UfsOptions options, std::shared_ptr<net::HttpClient> client)
    : client_(std::make_shared<Client>(std::move(options), std::move(client))) {}

S3Ufs::~S3Ufs() = default;

void S3Ufs::Register(UfsRegistry& registry) {
  net::HttpClientOptions http_options;
  http_options.connect_timeout_ms = 3'000;
  // S3Ufs retries with its own back-off and deadline; the client only replays a request
  // once, for a pooled connection the server closed while it was idle.
  http_options.max_retries = 1;
  http_options.user_agent = "alluxio-cpp-s3";
  auto http = std::make_shared<net::HttpClient>(http_options);
  auto factory = [http](const std::string& uri, const std::map<std::string, std::string>& props)
      -> Result<std::shared_ptr<UnderFileSystem>> {
    auto getenv = [](const char* name) -> std::optional<std::string> {
      const char* value = std::getenv(name);
      if (value == nullptr || *value == '\0') return std::nullopt;
      return std::string(value);
    };
    ASSIGN_OR_RETURN(S3UfsOptions options, S3UfsOptions::FromProperties(uri, props, getenv));
    return std::shared_ptr<UnderFileSystem>(std::make_shared<S3Ufs>(std::move(options), http));
  };
  registry.Register("s3", factory);
  registry.Register("s3a", factory);
}

std::string_view S3Ufs::scheme() const { return client_->options().scheme; }

Result<UfsStatus> S3Ufs::GetStatus(const std::string& path) {
  ASSIGN_OR_RETURN(std::string key, client_->KeyOf(path));
  ASSIGN_OR_RETURN(Client::Entry entry, client_->Stat(key, path));
  switch (entry.kind) {
    case Client::Entry::Kind::kFile:
      return client_->FileStatus(s3_detail::BaseName(key), entry.length, entry.last_modified_ms,
                                 std::move(entry.etag));
    case Client::Entry::Kind::kDirectory:
      return client_->DirectoryStatus(s3_detail::BaseName(key), entry.last_modified_ms);
    case Client::Entry::Kind::kMissing:
      break;
  }
  ASSIGN_OR_RETURN(std::optional<std::string> file, client_->FileAncestor(key, path));
  if (file) {
    return Status::FailedPrecondition(
        StrCat("cannot get the status of ", path, ": ", client_->Uri(*file), " is a file"));
  }
  return Status::NotFound(StrCat("cannot get the status of ", path, ": it does not exist"));
}

Result<bool> S3Ufs::Exists(const std::string& path) {
  ASSIGN_OR_RETURN(std::string key, client_->KeyOf(path));
  ASSIGN_OR_RETURN(Client::Entry entry, client_->Stat(key, path));
  return entry.kind != Client::Entry::Kind::kMissing;
}

Status S3Ufs::ListStatus(const std::string& path, const std::function<Status(UfsStatus&&)>& fn) {
  ASSIGN_OR_RETURN(std::string key, client_->KeyOf(path));
  const std::string prefix = key.empty() ? std::string() : key + "/";
  const std::string doing = StrCat("cannot list ", path);
  const int page_size = std::clamp(client_->options().list_page_size, 1, 1000);

  struct Item {
    std::string sort_key;  // the key relative to the prefix; directories end with '/'
    UfsStatus status;
  };
  // Entries waiting for the listing to pass their s3_detail::ReleaseBound, by name.
  std::map<std::string, UfsStatus> pending;
  std::string last_emitted;
  bool emitted_any = false;
  auto emit_front = [&]() -> Status {
    auto node = pending.extract(pending.begin());
    // Never twice, never backwards, whatever the server's order.
    if (emitted_any && node.key() <= last_emitted) return Status::OK();
    emitted_any = true;
    last_emitted = node.key();
    return fn(std::move(node.mapped()));
  };

  bool exists = client_->IsRootOrAbove(key);
  std::string token;
  do {
    ASSIGN_OR_RETURN(s3xml::ListPage page, client_->List(prefix, true, token, page_size, doing));
    token = page.truncated ? page.next_continuation_token : std::string();
    std::vector<Item> items;
    items.reserve(page.objects.size() + page.common_prefixes.size());
    for (s3xml::ListedObject& object : page.objects) {
      if (!StartsWith(object.key, prefix)) continue;
      exists = true;
      std::string name = object.key.substr(prefix.size());
      if (name.empty() || name.find('/') != std::string::npos) continue;  // the marker
      UfsStatus status =
          client_->FileStatus(name, object.size, object.last_modified_ms, std::move(object.etag));
      items.push_back({std::move(name), std::move(status)});
    }
    for (const std::string& common : page.common_prefixes) {
      if (!StartsWith(common, prefix) || !EndsWith(common, "/")) continue;
      exists = true;
      std::string name = common.substr(prefix.size(), common.size() - prefix.size() - 1);
      if (name.empty() || name.find('/') != std::string::npos) continue;
      items.push_back({name + "/", client_->DirectoryStatus(name, 0)});
    }
    // S3 sends a page in key order; some S3-compatible servers do not.
    std::sort(items.begin(), items.end(),
              [](const Item& a, const Item& b) { return a.sort_key < b.sort_key; });
    for (Item& item : items) {
      std::string name = item.status.name;
      pending.emplace(std::move(name), std::move(item.status));
      while (!pending.empty()) {
        std::string bound = s3_detail::ReleaseBound(pending.begin()->first);
        if (!bound.empty() && bound > item.sort_key) break;
        RETURN_IF_ERROR(emit_front());
      }
    }
  } while (!token.empty());

  if (!exists) {
    ASSIGN_OR_RETURN(Client::Reply head, client_->Head(key));
    if (head.ok()) return Status::FailedPrecondition(StrCat(doing, ": it is a file"));
    if (head.status != 404) return client_->ErrorOf(head, doing);
    return Status::NotFound(StrCat(doing, ": it does not exist"));
  }
  while (!pending.empty()) RETURN_IF_ERROR(emit_front());
  return Status::OK();
}

Status S3Ufs::Mkdirs(const std::string& path, const MkdirsOptions& options) {
  ASSIGN_OR_RETURN(std::string key, client_->KeyOf(path));
  const std::string doing = StrCat("cannot create directory ", path);
  ASSIGN_OR_RETURN(Client::Entry entry, client_->Stat(key, path));
  if (entry.kind != Client::Entry::Kind::kMissing) {
    return Status::AlreadyExists(StrCat(doing, ": it already exists"));
  }
  if (key.empty()) {
    return Status::NotFound(StrCat(doing, ": bucket ", client_->options().bucket,
                                   " does not exist (buckets are not created)"));
  }
  RETURN_IF_ERROR(
      client_->EnsureDirectory(s3_detail::ParentKey(key), options.create_parent, doing));
  return client_->PutMarker(key, path);
}

Status S3Ufs::DeleteFile(const std::string& path) {
  ASSIGN_OR_RETURN(std::string key, client_->KeyOf(path));
  const std::string doing = StrCat("cannot delete file ", path);
  if (key.empty()) return Status::FailedPrecondition(StrCat(doing, ": it is a directory"));
  ASSIGN_OR_RETURN(Client::Reply head, client_->Head(key));
  if (head.status == 404) {
    ASSIGN_OR_RETURN(bool directory, client_->PrefixExists(key + "/", doing));
    if (directory) return Status::FailedPrecondition(StrCat(doing, ": it is a directory"));
    return Status::NotFound(StrCat(doing, ": it does not exist"));
  }
  if (!head.ok()) return client_->ErrorOf(head, doing);
  Client::Call call;
  call.method = "DELETE";
  call.key = key;
  ASSIGN_OR_RETURN(Client::Reply reply, client_->Send(call));
  if (!reply.ok()) return client_->ErrorOf(reply, doing);
  return Status::OK();
}

Status S3Ufs::DeleteDirectory(const std::string& path, bool recursive) {
  ASSIGN_OR_RETURN(std::string key, client_->KeyOf(path));
  const std::string doing = StrCat("cannot delete directory ", path);
  if (key.empty()) {
    return Status::InvalidArgument(StrCat(doing, ": it is the root of the bucket"));
  }
  ASSIGN_OR_RETURN(Client::Reply head, client_->Head(key));
  if (head.ok()) return Status::FailedPrecondition(StrCat(doing, ": it is a file"));
  if (head.status != 404) return client_->ErrorOf(head, doing);

  const std::string prefix = key + "/";
  ASSIGN_OR_RETURN(s3xml::ListPage first, client_->List(prefix, false, "", 2, doing));
  if (first.objects.empty()) return Status::NotFound(StrCat(doing, ": it does not exist"));
  if (!recursive) {
    bool only_marker = first.objects.size() == 1 && first.objects[0].key == prefix;
    if (!only_marker) return Status::FailedPrecondition(StrCat(doing, ": it is not empty"));
    return client_->DeleteKeys({prefix}, doing);
  }
  // Page by page, so that a huge directory is never held whole.
  std::string token;
  do {
    ASSIGN_OR_RETURN(s3xml::ListPage page,
                     client_->List(prefix, false, token, s3_detail::kDeleteBatch, doing));
    token = page.truncated ? page.next_continuation_token : std::string();
    std::vector<std::string> keys;
    keys.reserve(page.objects.size());
    for (s3xml::ListedObject& object : page.objects) keys.push_back(std::move(object.key));
    RETURN_IF_ERROR(client_->DeleteKeys(keys, doing));
  } while (!token.empty());
  return Status::OK();
}

Status S3Ufs::Rename(const std::string& src, const std::string& dst) {
  ASSIGN_OR_RETURN(std::string from, client_->KeyOf(src));
  ASSIGN_OR_RETURN(std::string to, client_->KeyOf(dst));
  const std::string doing = StrCat("cannot rename ", src, " to ", dst);
  if (from.empty() || to.empty()) {
    return Status::InvalidArgument(StrCat(doing, ": the root of the bucket cannot move"));
  }
  if (StartsWith(to, from + "/")) {
    return Status::InvalidArgument(StrCat(doing, ": a directory cannot move into itself"));
  }
  ASSIGN_OR_RETURN(Client::Entry source, client_->Stat(from, src));
  if (source.kind == Client::Entry::Kind::kMissing) {
    return Status::NotFound(StrCat(doing, ": ", src, " does not exist"));
  }
  ASSIGN_OR_RETURN(Client::Entry target, client_->Stat(to, dst));
  if (target.kind != Client::Entry::Kind::kMissing) {
    return Status::AlreadyExists(StrCat(doing, ": ", dst, " already exists"));
  }
  RETURN_IF_ERROR(client_->EnsureDirectory(s3_detail::ParentKey(to), /*create=*/false, doing));

  if (source.kind == Client::Entry::Kind::kFile) {
    RETURN_IF_ERROR(client_->CopyObject(from, to, source.length, doing));
    return client_->DeleteKeys({from}, doing);
  }
  // A directory: every key under it, a page at a time, copied before the page is deleted.
  const std::string prefix = from + "/";
  std::string token;
  do {
    ASSIGN_OR_RETURN(s3xml::ListPage page,
                     client_->List(prefix, false, token, s3_detail::kDeleteBatch, doing));
    token = page.truncated ? page.next_continuation_token : std::string();
    std::vector<std::string> keys;
    for (s3xml::ListedObject& object : page.objects) {
      if (!StartsWith(object.key, prefix)) continue;
      std::string moved = StrCat(to, "/", object.key.substr(prefix.size()));
      RETURN_IF_ERROR(client_->CopyObject(object.key, moved, object.size, doing));
      keys.push_back(std::move(object.key));
    }
    RETURN_IF_ERROR(client_->DeleteKeys(keys, doing));
  } while (!token.empty());
  return Status::OK();
}

Result<std::unique_ptr<UfsInputStream>> S3Ufs::Open(const std::string& path,
                                                    const OpenOptions& options) {
  ASSIGN_OR_RETURN(std::string key, client_->KeyOf(path));
  const std::string doing = StrCat("cannot open ", path);
  if (options.offset < 0 || options.length < -1) {
    return Status::InvalidArgument(StrCat(doing, ": invalid range (offset ", options.offset,
                                          ", length ", options.length, ")"));
  }
  if (key.empty()) return Status::FailedPrecondition(StrCat(doing, ": it is a directory"));
  const int64_t end = options.length < 0 ? -1 : options.offset + options.length;

  Client::Call call;
  call.key = key;
  call.stream = true;
  if (options.length == 0) {
    call.method = "HEAD";
    call.stream = false;
  } else if (options.offset > 0 || end >= 0) {
    call.headers = {{"Range", StrCat("bytes=", options.offset, "-",
                                     end >= 0 ? std::to_string(end - 1) : std::string())}};
  }
  ASSIGN_OR_RETURN(Client::Reply reply, client_->Send(call));
  if (reply.status == 404) {
    ASSIGN_OR_RETURN(bool directory, client_->PrefixExists(key + "/", doing));
    if (directory) return Status::FailedPrecondition(StrCat(doing, ": it is a directory"));
    return Status::NotFound(StrCat(doing, ": it does not exist"));
  }
  std::string etag = s3xml::UnquoteETag(reply.headers.Get("ETag"));
  std::unique_ptr<net::ResponseStream> body;
  int64_t skip = 0;
  if (reply.status == 416) {
    // The range starts at or past the end: an empty stream.
  } else if (!reply.ok()) {
    return client_->ErrorOf(reply, doing);
  } else if (options.length != 0) {
    body = std::move(reply.stream);
    if (reply.status != 206 && call.headers.size() > 0) skip = options.offset;
  }
  return NewS3InputStream(client_, std::move(key), path, std::move(etag), options.offset, end,
                          std::move(body), skip);
}

Result<std::unique_ptr<UfsOutputStream>> S3Ufs::Create(const std::string& path,
                                                       const CreateOptions& options) {
  ASSIGN_OR_RETURN(std::string key, client_->KeyOf(path));
  const std::string doing = StrCat("cannot create ", path);
  if (key.empty()) return Status::FailedPrecondition(StrCat(doing, ": it is a directory"));
  ASSIGN_OR_RETURN(Client::Entry entry, client_->Stat(key, path));
  if (entry.kind == Client::Entry::Kind::kDirectory) {
    return Status::FailedPrecondition(StrCat(doing, ": it is a directory"));
  }
  if (entry.kind == Client::Entry::Kind::kFile && options.must_not_exist) {
    return Status::AlreadyExists(StrCat(doing, ": it already exists"));
  }
  RETURN_IF_ERROR(
      client_->EnsureDirectory(s3_detail::ParentKey(key), options.create_parent, doing));
  return NewS3OutputStream(client_, std::move(key), path, options);
}

Status S3Ufs::SetMode(const std::string& path, int /*mode*/) {
  ASSIGN_OR_RETURN(bool exists, Exists(path));
  if (!exists)
    return Status::NotFound(StrCat("cannot set the mode of ", path, ": it does not exist"));
  return Status::OK();
}

Status S3Ufs::SetOwner(const std::string& path, const std::string& /*owner*/,
                       const std::string& /*group*/) {
  ASSIGN_OR_RETURN(bool exists, Exists(path));
  if (!exists) {
    return Status::NotFound(StrCat("cannot set the owner of ", path, ": it does not exist"));
  }
  return Status::OK();
}

Result<UfsSpace> S3Ufs::GetSpace(const std::string& path) {
  ASSIGN_OR_RETURN(bool exists, Exists(path));
  if (!exists) {
    return Status::NotFound(StrCat("cannot get the space of ", path, ": it does not exist"));
  }
  return UfsSpace{};
}

}  // namespace alluxio::ufs
