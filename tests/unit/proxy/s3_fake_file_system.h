// An in-memory client::FileSystem for the S3 API's unit tests: a tree of directories and files
// with the master's semantics that the S3 code relies on (NOT_FOUND / ALREADY_EXISTS /
// FAILED_PRECONDITION codes, recursive creation, overwrite, incomplete files until Close,
// directory length = child count, ids never reused). Mounts, workers and persistence are
// UNIMPLEMENTED. Thread-safe (one mutex).
#pragma once

#include <algorithm>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "lib/client/file_system.h"
#include "lib/common/path.h"

namespace alluxio::proxy::testing {

class FakeFileSystem final : public client::FileSystem {
 public:
  FakeFileSystem() {
    wire::FileInfo root;
    root.file_id = next_id_++;
    root.path = "/";
    root.folder = true;
    root.completed = true;
    nodes_["/"] = Node{root, std::make_shared<std::string>()};
  }

  // Test helpers.
  bool Has(const std::string& path) {
    std::lock_guard<std::mutex> lock(mu_);
    return nodes_.count(path) > 0;
  }
  std::string Data(const std::string& path) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = nodes_.find(path);
    return it == nodes_.end() ? "" : *it->second.data;
  }
  std::vector<std::string> Paths() {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<std::string> out;
    for (const auto& [p, n] : nodes_) out.push_back(p);
    return out;
  }

  Result<wire::FileInfo> GetStatus(const std::string& raw,
                                   const wire::GetStatusOptions& = {}) override {
    std::lock_guard<std::mutex> lock(mu_);
    ASSIGN_OR_RETURN(std::string path, NormalizePath(raw));
    RETURN_IF_ERROR(CheckParents(path));
    auto it = nodes_.find(path);
    if (it == nodes_.end()) return NotFound(path);
    return Info(path);
  }
  // With `cache_statuses`, every status is "cached" (as a metadata cache would hold it).
  std::shared_ptr<const wire::FileInfo> CachedStatus(const std::string& raw) override {
    std::lock_guard<std::mutex> lock(mu_);
    auto path = NormalizePath(raw);
    if (!cache_statuses || !path.ok() || nodes_.count(*path) == 0) return nullptr;
    return std::make_shared<const wire::FileInfo>(Info(*path));
  }
  bool cache_statuses = false;  // set before use
  Result<wire::FileInfo> GetStatusById(int64_t) override { return Unimpl(); }
  Status ListStatus(const std::string& raw, const wire::ListStatusOptions&,
                    const std::function<Status(wire::FileInfo&&)>& fn) override {
    std::vector<wire::FileInfo> infos;
    {
      std::lock_guard<std::mutex> lock(mu_);
      ASSIGN_OR_RETURN(std::string path, NormalizePath(raw));
      auto it = nodes_.find(path);
      if (it == nodes_.end()) return NotFound(path);
      if (!it->second.info.folder) {
        infos.push_back(Info(path));
      } else {
        for (const std::string& c : Children(path)) infos.push_back(Info(c));
      }
    }
    for (wire::FileInfo& i : infos) RETURN_IF_ERROR(fn(std::move(i)));
    return Status::OK();
  }
  Result<bool> Exists(const std::string& path, const wire::ExistsOptions&) override {
    std::lock_guard<std::mutex> lock(mu_);
    return nodes_.count(path) > 0;
  }
  Status CreateDirectory(const std::string& raw, const wire::CreateDirectoryOptions& o) override {
    std::lock_guard<std::mutex> lock(mu_);
    ASSIGN_OR_RETURN(std::string path, NormalizePath(raw));
    if (auto it = nodes_.find(path); it != nodes_.end()) {
      if (o.allow_exists && it->second.info.folder) return Status::OK();
      return Status::AlreadyExists("Not allowed to create directory because path already exists: " +
                                   path);
    }
    RETURN_IF_ERROR(MakeParents(path, o.recursive));
    Add(path, true);
    return Status::OK();
  }
  Result<std::unique_ptr<client::FileOutStream>> CreateFile(
      const std::string& raw, const wire::CreateFileOptions& o) override {
    std::lock_guard<std::mutex> lock(mu_);
    ASSIGN_OR_RETURN(std::string path, NormalizePath(raw));
    if (auto it = nodes_.find(path); it != nodes_.end()) {
      if (!o.overwrite || it->second.info.folder) {
        return Status::AlreadyExists("Not allowed to create file because path already exists: " +
                                     path);
      }
      nodes_.erase(it);
    }
    RETURN_IF_ERROR(MakeParents(path, o.recursive));
    Node& n = Add(path, false);
    n.info.completed = false;
    return std::unique_ptr<client::FileOutStream>(new Out(this, path, n.info.file_id));
  }
  Result<std::unique_ptr<client::FileInStream>> OpenFile(const std::string& raw,
                                                         const wire::OpenFileOptions&) override {
    std::lock_guard<std::mutex> lock(mu_);
    ASSIGN_OR_RETURN(std::string path, NormalizePath(raw));
    auto it = nodes_.find(path);
    if (it == nodes_.end()) return NotFound(path);
    if (it->second.info.folder || !it->second.info.completed) {
      return Status::FailedPrecondition("Cannot read " + path);
    }
    return std::unique_ptr<client::FileInStream>(new In(it->second.data));
  }
  Status Delete(const std::string& raw, const wire::DeleteOptions& o) override {
    std::lock_guard<std::mutex> lock(mu_);
    ASSIGN_OR_RETURN(std::string path, NormalizePath(raw));
    if (nodes_.count(path) == 0) return NotFound(path);
    if (!Children(path).empty() && !o.recursive) {
      return Status::FailedPrecondition("Cannot delete non-empty directory " + path +
                                        " because recursive is set to false");
    }
    for (auto it = nodes_.begin(); it != nodes_.end();) {
      if (IsAncestorOrSelf(path, it->first)) {
        it = nodes_.erase(it);
      } else {
        ++it;
      }
    }
    return Status::OK();
  }
  Status Rename(const std::string& src, const std::string& dst,
                const wire::RenameOptions&) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (nodes_.count(src) == 0) return NotFound(src);
    if (nodes_.count(dst) > 0) {
      return Status::AlreadyExists("Cannot rename because destination already exists. src: " + src +
                                   " dst: " + dst);
    }
    std::vector<std::pair<std::string, Node>> moved;
    for (auto it = nodes_.begin(); it != nodes_.end();) {
      if (IsAncestorOrSelf(src, it->first)) {
        moved.emplace_back(dst + it->first.substr(src.size()), std::move(it->second));
        it = nodes_.erase(it);
      } else {
        ++it;
      }
    }
    for (auto& [p, n] : moved) nodes_[p] = std::move(n);
    return Status::OK();
  }
  Status SetAttribute(const std::string& path, const wire::SetAttributeOptions& o) override {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = nodes_.find(path);
    if (it == nodes_.end()) return NotFound(path);
    if (o.owner) it->second.info.owner = *o.owner;
    return Status::OK();
  }
  Status Free(const std::string&, const wire::FreeOptions&) override { return Unimpl(); }
  Status Mount(const std::string&, const std::string&, const wire::MountOptions&) override {
    return Unimpl();
  }
  Status Unmount(const std::string&) override { return Unimpl(); }
  Result<std::vector<wire::MountPointInfo>> GetMountTable() override { return Unimpl(); }
  Status ScheduleAsyncPersistence(const std::string&) override { return Unimpl(); }
  Result<std::vector<wire::WorkerInfo>> ListWorkers() override { return Unimpl(); }
  Result<std::vector<wire::TierUsage>> Capacity() override { return Unimpl(); }

 private:
  struct Node {
    wire::FileInfo info;
    std::shared_ptr<std::string> data;
  };

  class Out final : public client::FileOutStream {
   public:
    Out(FakeFileSystem* fs, std::string path, int64_t id) : fs_(fs), path_(path), id_(id) {}
    Status Write(std::string_view d) override {
      buf_.append(d);
      return Status::OK();
    }
    Status Close() override {
      std::lock_guard<std::mutex> lock(fs_->mu_);
      auto it = fs_->nodes_.find(path_);
      if (it == fs_->nodes_.end() || it->second.info.file_id != id_) {
        return Status::NotFound("File " + path_ + " was removed while being written");
      }
      *it->second.data = std::move(buf_);
      it->second.info.length = static_cast<int64_t>(it->second.data->size());
      it->second.info.completed = true;
      it->second.info.last_modification_time_ms = ++fs_->now_ms_;
      return Status::OK();
    }
    void Cancel() override {}
    int64_t bytes_written() const override { return static_cast<int64_t>(buf_.size()); }

   private:
    FakeFileSystem* fs_;
    std::string path_;
    int64_t id_;
    std::string buf_;
  };

  class In final : public client::FileInStream {
   public:
    explicit In(const std::shared_ptr<std::string>& data) : data_(*data) {}
    Result<size_t> Read(char* buf, size_t n) override {
      size_t take = std::min(n, data_.size() - static_cast<size_t>(pos_));
      std::memcpy(buf, data_.data() + pos_, take);
      pos_ += static_cast<int64_t>(take);
      return take;
    }
    Status Seek(int64_t pos) override {
      if (pos < 0 || pos > length()) return Status::OutOfRange("bad seek");
      pos_ = pos;
      return Status::OK();
    }
    int64_t position() const override { return pos_; }
    int64_t length() const override { return static_cast<int64_t>(data_.size()); }

   private:
    std::string data_;  // a snapshot
    int64_t pos_ = 0;
  };

  static Status Unimpl() { return Status::Unimplemented("not in the fake"); }
  static Status NotFound(const std::string& path) {
    return Status::NotFound("Path \"" + path + "\" does not exist.");
  }

  std::vector<std::string> Children(const std::string& dir) {
    std::vector<std::string> out;
    for (const auto& [p, n] : nodes_) {
      if (p != "/" && p != dir && ParentPath(p) == dir) out.push_back(p);
    }
    return out;
  }
  // A file on the way is INVALID_ARGUMENT, as the master says.
  Status CheckParents(const std::string& path) {
    for (std::string p = ParentPath(path); p != "/"; p = ParentPath(p)) {
      auto it = nodes_.find(p);
      if (it != nodes_.end() && !it->second.info.folder) {
        return Status::InvalidArgument("Could not traverse to parent directory of path " + path +
                                       ". Component " + BaseName(p) + " is not a directory.");
      }
    }
    return Status::OK();
  }
  Status MakeParents(const std::string& path, bool recursive) {
    RETURN_IF_ERROR(CheckParents(path));
    std::vector<std::string> missing;
    for (std::string p = ParentPath(path); nodes_.count(p) == 0; p = ParentPath(p)) {
      missing.push_back(p);
    }
    if (!missing.empty() && !recursive) return NotFound(missing.back());
    for (auto it = missing.rbegin(); it != missing.rend(); ++it) Add(*it, true);
    return Status::OK();
  }
  Node& Add(const std::string& path, bool folder) {
    Node n;
    n.info.file_id = next_id_++;
    n.info.path = path;
    n.info.name = BaseName(path);
    n.info.folder = folder;
    n.info.completed = true;
    n.info.owner = "tester";
    n.info.creation_time_ms = n.info.last_modification_time_ms = ++now_ms_;
    n.data = std::make_shared<std::string>();
    return nodes_[path] = std::move(n);
  }
  wire::FileInfo Info(const std::string& path) {
    wire::FileInfo i = nodes_.at(path).info;
    i.path = path;
    i.name = BaseName(path);
    if (i.folder) i.length = static_cast<int64_t>(Children(path).size());
    return i;
  }

  std::mutex mu_;
  std::map<std::string, Node> nodes_;
  int64_t next_id_ = 1;
  int64_t now_ms_ = 1'700'000'000'000;
};

}  // namespace alluxio::proxy::testing
