#include "lib/ufs/memory_ufs.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <utility>
#include <vector>

#include "lib/common/logging.h"
#include "lib/common/strings.h"
#include "lib/ufs/ufs_path.h"

namespace alluxio::ufs {
namespace {

// A directory or a file.
struct Node {
  bool is_directory = false;
  int mode = 0;
  std::string owner;
  std::string group;
  int64_t mtime_ms = 0;
  // Files: the bytes (shared with open input streams) and the store-wide version of the write
  // that produced them.
  std::shared_ptr<const std::string> data;
  uint64_t version = 0;
  // Directories: the children by name (bytewise order).
  std::map<std::string, std::unique_ptr<Node>> children;
};

// Components of a mem:// URI: the bucket first, then the path inside it.
using Parts = std::vector<std::string>;

Result<Parts> ParseMemUri(std::string_view uri) {
  ParsedUri parsed = ParseUri(uri);
  if (parsed.scheme != "mem") return Status::InvalidArgument(StrCat("not a mem:// URI: ", uri));
  if (!parsed.has_authority || parsed.authority.empty()) {
    return Status::InvalidArgument(StrCat("mem:// URI without a bucket: ", uri));
  }
  // Checks the bucket like any other component.
  return SplitAbsolutePath(StrCat("/", parsed.authority, parsed.path), uri);
}

UfsStatus StatusOf(const std::string& name, const Node& node) {
  UfsStatus s;
  s.name = name;
  s.is_directory = node.is_directory;
  s.last_modified_ms = node.mtime_ms;
  s.owner = node.owner;
  s.group = node.group;
  s.mode = node.mode;
  if (!node.is_directory) {
    s.length = static_cast<int64_t>(node.data->size());
    s.content_hash = StrCat("v", node.version);
  }
  return s;
}

int64_t BytesUnder(const Node& node) {
  if (!node.is_directory) return static_cast<int64_t>(node.data->size());
  int64_t total = 0;
  for (const auto& [name, child] : node.children) total += BytesUnder(*child);
  return total;
}

}  // namespace

class MemoryUfs::Store {
 public:
  explicit Store(const Clock* clock) : clock_(clock != nullptr ? clock : &system_clock_) {
    root_.is_directory = true;
    root_.mode = 0755;
  }

  std::mutex& mu() { return mu_; }
  int64_t NowMs() const { return clock_->NowMs(); }

  // The methods below require mu() held.

  uint64_t NextVersion() { return ++last_version_; }
  int64_t UsedBytes() const { return BytesUnder(root_); }

  // Where a walk to a path ended.
  struct Found {
    Node* node = nullptr;       // null when missing
    bool through_file = false;  // an ancestor is a file
  };

  // The node at parts[0, n); the bucket parts[0] exists implicitly and is made on first use.
  Found Walk(const Parts& parts, size_t n) {
    Found found;
    if (n == 0) {
      found.node = &root_;
      return found;
    }
    Node* node = &Bucket(parts[0]);
    for (size_t i = 1; i < n; ++i) {
      if (!node->is_directory) {
        found.through_file = true;
        return found;
      }
      auto it = node->children.find(parts[i]);
      if (it == node->children.end()) return found;
      node = it->second.get();
    }
    found.node = node;
    return found;
  }
  Found Walk(const Parts& parts) { return Walk(parts, parts.size()); }

  // The directory that holds parts.back(). With `create`, missing ancestors are made with
  // `mode`. `what` starts the error messages ("cannot create").
  Result<Node*> Parent(const Parts& parts, std::string_view uri, std::string_view what, bool create,
                       int mode) {
    Node* node = &Bucket(parts[0]);
    for (size_t i = 1; i + 1 < parts.size(); ++i) {
      auto it = node->children.find(parts[i]);
      if (it == node->children.end()) {
        if (!create) {
          return Status::NotFound(StrCat(what, " ", uri, ": its parent directory does not exist"));
        }
        it = node->children.emplace(parts[i], NewDirectory(mode)).first;
        node->mtime_ms = NowMs();
      }
      node = it->second.get();
      if (!node->is_directory) {
        return Status::FailedPrecondition(StrCat(what, " ", uri, ": a parent is a file"));
      }
    }
    return node;
  }

  std::unique_ptr<Node> NewDirectory(int mode) const {
    auto dir = std::make_unique<Node>();
    dir->is_directory = true;
    dir->mode = mode & 07777;
    dir->mtime_ms = NowMs();
    return dir;
  }

 private:
  Node& Bucket(const std::string& name) {
    std::unique_ptr<Node>& bucket = root_.children[name];
    if (bucket == nullptr) bucket = NewDirectory(0755);
    return *bucket;
  }

  // Immutable after construction.
  SystemClock system_clock_;
  const Clock* const clock_;

  std::mutex mu_;
  // Guarded by mu_.
  Node root_;  // its children are the buckets
  uint64_t last_version_ = 0;
};

namespace {

using Store = MemoryUfs::Store;

class MemoryInputStream final : public UfsInputStream {
 public:
  MemoryInputStream(std::shared_ptr<const std::string> data, size_t begin, size_t end)
      : data_(std::move(data)), position_(begin), end_(end) {}

  Result<size_t> Read(char* buf, size_t n) override {
    size_t got = std::min(n, end_ - position_);
    if (got > 0) data_->copy(buf, got, position_);
    position_ += got;
    return got;
  }

 private:
  const std::shared_ptr<const std::string> data_;  // a snapshot; never changes
  size_t position_;
  const size_t end_;
};

class MemoryOutputStream final : public UfsOutputStream {
 public:
  MemoryOutputStream(std::shared_ptr<Store> store, Parts parts, std::string uri,
                     const CreateOptions& options)
      : store_(std::move(store)),
        parts_(std::move(parts)),
        uri_(std::move(uri)),
        options_(options) {}

  Status Write(std::string_view data) override {
    if (state_ != State::kOpen) return Finished();
    buffer_.append(data);
    return Status::OK();
  }

  Status Close() override {
    if (state_ != State::kOpen) return Finished();
    state_ = State::kClosed;
    auto data = std::make_shared<const std::string>(std::move(buffer_));
    buffer_.clear();
    std::lock_guard<std::mutex> lock(store_->mu());
    ASSIGN_OR_RETURN(Node * parent, store_->Parent(parts_, uri_, "cannot create",
                                                   /*create=*/false, 0));
    std::unique_ptr<Node>& slot = parent->children[parts_.back()];
    if (slot != nullptr && slot->is_directory) {
      return Status::FailedPrecondition(StrCat("cannot create ", uri_, ": it is a directory"));
    }
    if (slot != nullptr && options_.must_not_exist) {
      return Status::AlreadyExists(StrCat("cannot create ", uri_, ": it already exists"));
    }
    auto file = std::make_unique<Node>();
    file->mode = options_.mode & 07777;
    file->mtime_ms = store_->NowMs();
    file->data = std::move(data);
    file->version = store_->NextVersion();
    slot = std::move(file);
    parent->mtime_ms = store_->NowMs();
    return Status::OK();
  }

  void Cancel() override {
    if (state_ != State::kOpen) return;
    state_ = State::kCancelled;
    buffer_.clear();
  }

 private:
  enum class State { kOpen, kClosed, kCancelled };

  Status Finished() const {
    return Status::FailedPrecondition(StrCat("the output stream of ", uri_, " is already ",
                                             state_ == State::kClosed ? "closed" : "cancelled"));
  }

  // Immutable after construction.
  const std::shared_ptr<Store> store_;
  const Parts parts_;
  const std::string uri_;
  const CreateOptions options_;
  // Mutable; the stream is used by one thread at a time.
  std::string buffer_;
  State state_ = State::kOpen;
};

}  // namespace

std::shared_ptr<MemoryUfs::Store> MemoryUfs::NewStore(const Clock* clock) {
  return std::make_shared<Store>(clock);
}

MemoryUfs::MemoryUfs() : MemoryUfs(NewStore()) {}
MemoryUfs::MemoryUfs(std::shared_ptr<Store> store) : store_(std::move(store)) {}
MemoryUfs::~MemoryUfs() = default;

Status MemoryUfs::CheckUri(std::string_view uri) { return ParseMemUri(uri).status(); }

Result<UfsStatus> MemoryUfs::GetStatus(const std::string& path) {
  ASSIGN_OR_RETURN(Parts parts, ParseMemUri(path));
  std::lock_guard<std::mutex> lock(store_->mu());
  Store::Found found = store_->Walk(parts);
  if (found.through_file) {
    return Status::FailedPrecondition(
        StrCat("cannot get the status of ", path, ": a parent is a file"));
  }
  if (found.node == nullptr) {
    return Status::NotFound(StrCat("cannot get the status of ", path, ": it does not exist"));
  }
  return StatusOf(parts.back(), *found.node);
}

Result<bool> MemoryUfs::Exists(const std::string& path) {
  ASSIGN_OR_RETURN(Parts parts, ParseMemUri(path));
  std::lock_guard<std::mutex> lock(store_->mu());
  return store_->Walk(parts).node != nullptr;
}

Status MemoryUfs::ListStatus(const std::string& path,
                             const std::function<Status(UfsStatus&&)>& fn) {
  ASSIGN_OR_RETURN(Parts parts, ParseMemUri(path));
  std::vector<UfsStatus> entries;
  {
    std::lock_guard<std::mutex> lock(store_->mu());
    Store::Found found = store_->Walk(parts);
    if (found.through_file || (found.node != nullptr && !found.node->is_directory)) {
      return Status::FailedPrecondition(StrCat("cannot list ", path, ": not a directory"));
    }
    if (found.node == nullptr) {
      return Status::NotFound(StrCat("cannot list ", path, ": it does not exist"));
    }
    entries.reserve(found.node->children.size());
    for (const auto& [name, child] : found.node->children) {
      entries.push_back(StatusOf(name, *child));
    }
  }
  for (UfsStatus& entry : entries) RETURN_IF_ERROR(fn(std::move(entry)));
  return Status::OK();
}

Status MemoryUfs::Mkdirs(const std::string& path, const MkdirsOptions& options) {
  ASSIGN_OR_RETURN(Parts parts, ParseMemUri(path));
  std::lock_guard<std::mutex> lock(store_->mu());
  if (parts.size() == 1) {
    return Status::AlreadyExists(
        StrCat("cannot create directory ", path, ": a bucket always exists"));
  }
  ASSIGN_OR_RETURN(Node * parent, store_->Parent(parts, path, "cannot create directory",
                                                 options.create_parent, options.mode));
  auto [it, inserted] = parent->children.try_emplace(parts.back());
  if (!inserted) {
    return Status::AlreadyExists(StrCat("cannot create directory ", path, ": it already exists"));
  }
  it->second = store_->NewDirectory(options.mode);
  parent->mtime_ms = store_->NowMs();
  return Status::OK();
}

Status MemoryUfs::DeleteFile(const std::string& path) {
  ASSIGN_OR_RETURN(Parts parts, ParseMemUri(path));
  std::lock_guard<std::mutex> lock(store_->mu());
  if (parts.size() == 1) {
    return Status::FailedPrecondition(StrCat("cannot delete file ", path, ": it is a bucket"));
  }
  Store::Found parent = store_->Walk(parts, parts.size() - 1);
  if (parent.through_file || (parent.node != nullptr && !parent.node->is_directory)) {
    return Status::FailedPrecondition(StrCat("cannot delete file ", path, ": a parent is a file"));
  }
  if (parent.node == nullptr || !parent.node->children.contains(parts.back())) {
    return Status::NotFound(StrCat("cannot delete file ", path, ": it does not exist"));
  }
  auto it = parent.node->children.find(parts.back());
  if (it->second->is_directory) {
    return Status::FailedPrecondition(StrCat("cannot delete file ", path, ": it is a directory"));
  }
  parent.node->children.erase(it);
  parent.node->mtime_ms = store_->NowMs();
  return Status::OK();
}

Status MemoryUfs::DeleteDirectory(const std::string& path, bool recursive) {
  ASSIGN_OR_RETURN(Parts parts, ParseMemUri(path));
  std::lock_guard<std::mutex> lock(store_->mu());
  if (parts.size() == 1) {
    return Status::InvalidArgument(StrCat("refusing to delete the bucket ", path));
  }
  Store::Found parent = store_->Walk(parts, parts.size() - 1);
  if (parent.through_file || (parent.node != nullptr && !parent.node->is_directory)) {
    return Status::FailedPrecondition(
        StrCat("cannot delete directory ", path, ": a parent is a file"));
  }
  if (parent.node == nullptr || !parent.node->children.contains(parts.back())) {
    return Status::NotFound(StrCat("cannot delete directory ", path, ": it does not exist"));
  }
  auto it = parent.node->children.find(parts.back());
  if (!it->second->is_directory) {
    return Status::FailedPrecondition(
        StrCat("cannot delete directory ", path, ": it is not a directory"));
  }
  if (!recursive && !it->second->children.empty()) {
    return Status::FailedPrecondition(
        StrCat("cannot delete directory ", path, ": it is not empty"));
  }
  parent.node->children.erase(it);
  parent.node->mtime_ms = store_->NowMs();
  return Status::OK();
}

Status MemoryUfs::Rename(const std::string& src, const std::string& dst) {
  ASSIGN_OR_RETURN(Parts from, ParseMemUri(src));
  ASSIGN_OR_RETURN(Parts to, ParseMemUri(dst));
  if (from.size() == 1 || to.size() == 1) {
    return Status::InvalidArgument(StrCat("cannot rename ", src, " to ", dst, ": a bucket"));
  }
  if (to.size() > from.size() && std::equal(from.begin(), from.end(), to.begin())) {
    return Status::InvalidArgument(
        StrCat("cannot rename ", src, " to ", dst, ": a directory cannot move into itself"));
  }
  std::lock_guard<std::mutex> lock(store_->mu());
  Store::Found source = store_->Walk(from);
  if (source.through_file) {
    return Status::FailedPrecondition(
        StrCat("cannot rename ", src, " to ", dst, ": a parent of ", src, " is a file"));
  }
  if (source.node == nullptr) {
    return Status::NotFound(
        StrCat("cannot rename ", src, " to ", dst, ": ", src, " does not exist"));
  }
  Store::Found target_parent = store_->Walk(to, to.size() - 1);
  if (target_parent.through_file ||
      (target_parent.node != nullptr && !target_parent.node->is_directory)) {
    return Status::FailedPrecondition(
        StrCat("cannot rename ", src, " to ", dst, ": a parent of ", dst, " is a file"));
  }
  if (target_parent.node == nullptr) {
    return Status::NotFound(
        StrCat("cannot rename ", src, " to ", dst, ": the parent of ", dst, " does not exist"));
  }
  if (target_parent.node->children.contains(to.back())) {
    return Status::AlreadyExists(
        StrCat("cannot rename ", src, " to ", dst, ": ", dst, " already exists"));
  }
  Node* source_parent = store_->Walk(from, from.size() - 1).node;
  auto it = source_parent->children.find(from.back());
  std::unique_ptr<Node> moved = std::move(it->second);
  source_parent->children.erase(it);
  target_parent.node->children.emplace(to.back(), std::move(moved));
  source_parent->mtime_ms = target_parent.node->mtime_ms = store_->NowMs();
  return Status::OK();
}

Result<std::unique_ptr<UfsInputStream>> MemoryUfs::Open(const std::string& path,
                                                        const OpenOptions& options) {
  ASSIGN_OR_RETURN(Parts parts, ParseMemUri(path));
  if (options.offset < 0 || options.length < -1) {
    return Status::InvalidArgument(StrCat("cannot open ", path, ": invalid range (offset ",
                                          options.offset, ", length ", options.length, ")"));
  }
  std::shared_ptr<const std::string> data;
  {
    std::lock_guard<std::mutex> lock(store_->mu());
    Store::Found found = store_->Walk(parts);
    if (found.through_file) {
      return Status::FailedPrecondition(StrCat("cannot open ", path, ": a parent is a file"));
    }
    if (found.node == nullptr) {
      return Status::NotFound(StrCat("cannot open ", path, ": it does not exist"));
    }
    if (found.node->is_directory) {
      return Status::FailedPrecondition(StrCat("cannot open ", path, ": it is a directory"));
    }
    data = found.node->data;
  }
  size_t size = data->size();
  size_t begin = std::min(size, static_cast<size_t>(options.offset));
  size_t end = options.length < 0
                   ? size
                   : begin + std::min(size - begin, static_cast<size_t>(options.length));
  return std::unique_ptr<UfsInputStream>(
      std::make_unique<MemoryInputStream>(std::move(data), begin, end));
}

Result<std::unique_ptr<UfsOutputStream>> MemoryUfs::Create(const std::string& path,
                                                           const CreateOptions& options) {
  ASSIGN_OR_RETURN(Parts parts, ParseMemUri(path));
  std::lock_guard<std::mutex> lock(store_->mu());
  if (parts.size() == 1) {
    return Status::FailedPrecondition(StrCat("cannot create ", path, ": it is a bucket"));
  }
  ASSIGN_OR_RETURN(Node * parent,
                   store_->Parent(parts, path, "cannot create", options.create_parent, 0755));
  auto it = parent->children.find(parts.back());
  if (it != parent->children.end()) {
    if (it->second->is_directory) {
      return Status::FailedPrecondition(StrCat("cannot create ", path, ": it is a directory"));
    }
    if (options.must_not_exist) {
      return Status::AlreadyExists(StrCat("cannot create ", path, ": it already exists"));
    }
  }
  return std::unique_ptr<UfsOutputStream>(
      std::make_unique<MemoryOutputStream>(store_, std::move(parts), path, options));
}

Status MemoryUfs::SetMode(const std::string& path, int mode) {
  ASSIGN_OR_RETURN(Parts parts, ParseMemUri(path));
  std::lock_guard<std::mutex> lock(store_->mu());
  Store::Found found = store_->Walk(parts);
  if (found.through_file) {
    return Status::FailedPrecondition(
        StrCat("cannot set the mode of ", path, ": a parent is a file"));
  }
  if (found.node == nullptr) {
    return Status::NotFound(StrCat("cannot set the mode of ", path, ": it does not exist"));
  }
  found.node->mode = mode & 07777;
  return Status::OK();
}

Status MemoryUfs::SetOwner(const std::string& path, const std::string& owner,
                           const std::string& group) {
  ASSIGN_OR_RETURN(Parts parts, ParseMemUri(path));
  std::lock_guard<std::mutex> lock(store_->mu());
  Store::Found found = store_->Walk(parts);
  if (found.through_file) {
    return Status::FailedPrecondition(
        StrCat("cannot set the owner of ", path, ": a parent is a file"));
  }
  if (found.node == nullptr) {
    return Status::NotFound(StrCat("cannot set the owner of ", path, ": it does not exist"));
  }
  if (!owner.empty()) found.node->owner = owner;
  if (!group.empty()) found.node->group = group;
  return Status::OK();
}

Result<UfsSpace> MemoryUfs::GetSpace(const std::string& path) {
  ASSIGN_OR_RETURN(Parts parts, ParseMemUri(path));
  std::lock_guard<std::mutex> lock(store_->mu());
  Store::Found found = store_->Walk(parts);
  if (found.through_file) {
    return Status::FailedPrecondition(
        StrCat("cannot get the space of ", path, ": a parent is a file"));
  }
  if (found.node == nullptr) {
    return Status::NotFound(StrCat("cannot get the space of ", path, ": it does not exist"));
  }
  UfsSpace space;
  space.used_bytes = store_->UsedBytes();
  return space;
}

}  // namespace alluxio::ufs
