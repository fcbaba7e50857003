// S3UserFileSystems: the FileSystem each S3 request runs through. The API acts as the user its
// credentials name (the access key id, see AccessKeyId in s3_protocol.h), as Alluxio's proxy
// impersonates it: a client per user, made on first use by a factory and kept in a small
// bounded cache. Requests without credentials, and every request when there is no factory
// (NOSASL: the master knows no users), use the proxy's own FileSystem.
//
// Thread-safe.
#pragma once

#include <functional>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "lib/client/file_system.h"

namespace alluxio::proxy {

class S3UserFileSystems {
 public:
  using Factory = std::function<std::unique_ptr<client::FileSystem>(const std::string& user)>;

  // `system` must outlive this object. `factory` may be empty (see above).
  S3UserFileSystems(client::FileSystem* system, Factory factory, size_t max_users = 64)
      : system_(system), factory_(std::move(factory)), max_users_(max_users) {}

  // The FileSystem acting as `user` ("" = the proxy itself). Callers hold the returned pointer
  // for the duration of a request; eviction from the cache never frees a client in use.
  std::shared_ptr<client::FileSystem> For(const std::string& user) {
    if (user.empty() || !factory_)
      return std::shared_ptr<client::FileSystem>(system_, [](auto*) {});
    std::lock_guard<std::mutex> lock(mu_);
    auto it = by_user_.find(user);
    if (it != by_user_.end()) {
      lru_.splice(lru_.begin(), lru_, it->second.lru);
      return it->second.fs;
    }
    std::shared_ptr<client::FileSystem> fs(factory_(user));
    lru_.push_front(user);
    by_user_[user] = Entry{fs, lru_.begin()};
    if (by_user_.size() > max_users_) {
      by_user_.erase(lru_.back());
      lru_.pop_back();
    }
    return fs;
  }

  // For without building a client: null when `user` has none yet.
  std::shared_ptr<client::FileSystem> Cached(const std::string& user) {
    if (user.empty() || !factory_)
      return std::shared_ptr<client::FileSystem>(system_, [](auto*) {});
    std::lock_guard<std::mutex> lock(mu_);
    auto it = by_user_.find(user);
    if (it == by_user_.end()) return nullptr;
    lru_.splice(lru_.begin(), lru_, it->second.lru);
    return it->second.fs;
  }

  client::FileSystem* system() const { return system_; }
  // Whether requests run as their users (false: everything runs as the proxy).
  bool impersonates() const { return static_cast<bool>(factory_); }

 private:
  struct Entry {
    std::shared_ptr<client::FileSystem> fs;
    std::list<std::string>::iterator lru;
  };

  // Immutable after construction.
  client::FileSystem* const system_;
  const Factory factory_;
  const size_t max_users_;

  std::mutex mu_;
  std::map<std::string, Entry> by_user_;  // guarded by mu_
  std::list<std::string> lru_;            // guarded by mu_; front = most recent
};

}  // namespace alluxio::proxy
