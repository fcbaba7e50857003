// ResolvedPath: a path resolved against the inode tree, i.e. the inodes of its existing prefix.
// Internal to the master; valid only while the tree lock that produced it is held.
#pragma once

#include <string>
#include <vector>

#include "server/master/inode.h"

namespace alluxio::master {

struct ResolvedPath {
  std::string path;
  std::vector<std::string> components;
  std::vector<Inode> inodes;  // inodes[0] is the root; inodes[i] is components[i-1]

  bool exists() const { return inodes.size() == components.size() + 1; }
  Inode& last() { return inodes.back(); }
  const Inode& last() const { return inodes.back(); }
  // The existing prefix stops at a file while components remain.
  bool blocked_by_file() const { return !exists() && !inodes.back().is_directory; }
  // The path of the first `n` components ("/" for 0).
  std::string Prefix(size_t n) const {
    std::string out;
    for (size_t i = 0; i < n; ++i) out += "/" + components[i];
    return out.empty() ? "/" : out;
  }
};

}  // namespace alluxio::master
