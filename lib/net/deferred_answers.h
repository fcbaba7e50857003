// DeferRegistry (internal to lib/net): the connections whose answers wait for work another
// thread finishes (HttpResponse::defer), by id, with what resumes each.
//
// The `done` callbacks handed to handlers hold the registry and an id only, never the
// connection: the first call for an id resumes its connection; later calls, and calls after
// Close(), do nothing. So a `done` that comes late (after the server stopped) or never touches no
// event loop that is gone. Close() resumes whoever still waits, with an error, while the loops
// still run. Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "lib/common/status.h"

namespace alluxio::net {

class DeferRegistry : public std::enable_shared_from_this<DeferRegistry> {
 public:
  using Resumer = std::function<void(Status)>;

  // Registers a waiting connection; returns its `done`. Once closed, resumes it at once with
  // UNAVAILABLE and returns a `done` that does nothing.
  std::function<void(Status)> Add(Resumer resumer);
  void Close();

 private:
  void Finish(uint64_t id, Status st);

  std::mutex mu_;
  bool open_ = true;                               // guarded by mu_
  uint64_t next_ = 0;                              // guarded by mu_
  std::unordered_map<uint64_t, Resumer> waiting_;  // guarded by mu_
};

}  // namespace alluxio::net
