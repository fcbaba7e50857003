// Options of an in-process `alluxio master` for tests: loopback, ephemeral ports, heap
// metastore, the TTL checker out of the way, the current user as superuser.
#pragma once

#include <string>

#include "lib/common/user.h"
#include "server/master/master_process.h"

namespace alluxio::testing {

inline master::MasterProcessOptions TestMasterOptions(const std::string& root_ufs) {
  master::MasterProcessOptions o;
  o.hostname = "127.0.0.1";
  o.bind_host = "127.0.0.1";
  o.rpc_port = 0;
  o.web_port = 0;
  o.metastore_rocks = false;
  o.ttl_check_interval_ms = 3'600'000;
  o.fs.root_ufs = root_ufs;
  o.fs.superuser = CurrentUserName();
  return o;
}

}  // namespace alluxio::testing
