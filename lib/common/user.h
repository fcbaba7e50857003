// The OS user and group database: who runs this process, which groups a user is in.
#pragma once

#include <string>
#include <vector>

namespace alluxio {

// The effective user's name (e.g. "root"); the uid as text when it has no name.
std::string CurrentUserName();
// Names of the groups `user` belongs to, primary group first; empty when the user is unknown
// to this host.
std::vector<std::string> GroupsOfUser(const std::string& user);

}  // namespace alluxio
