// StreamRegistry: the proxy's open REST streams (create-file / open-file), by id.
//
// Ids come from one counter starting at 1, shared by input and output streams (as Alluxio's
// proxy). A request checks a stream out for the duration of one read/write (so the handler never
// holds a lock while it talks to the network) and returns it afterwards; a second request on a
// stream that is checked out gets FAILED_PRECONDITION. Streams idle for longer than the timeout
// (alluxio.proxy.stream.cache.timeout) are closed by Sweep(): an abandoned output stream is
// cancelled, so a half-written file never becomes visible. Thread-safe.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <variant>

#include "lib/client/file_system.h"
#include "lib/common/clock.h"
#include "lib/common/result.h"

namespace alluxio::proxy {

using AnyStream =
    std::variant<std::unique_ptr<client::FileInStream>, std::unique_ptr<client::FileOutStream>>;

class StreamRegistry {
 public:
  // `busy_wait_ms`: how long CheckOut waits for a stream another request still holds (a reader
  // that dropped a response to seek sends its next request before the proxy noticed).
  StreamRegistry(Clock* clock, int64_t idle_timeout_ms, int64_t busy_wait_ms = 0)
      : clock_(clock), idle_timeout_ms_(idle_timeout_ms), busy_wait_ms_(busy_wait_ms) {}
  ~StreamRegistry();

  int64_t Add(AnyStream stream);
  // INTERNAL "stream does not exist" for an unknown id (Alluxio's answer); FAILED_PRECONDITION
  // when another request still holds it after busy_wait_ms.
  Result<AnyStream> CheckOut(int64_t id);
  void Return(int64_t id, AnyStream stream);
  // Forgets the stream after it was checked out and closed by the caller.
  void Remove(int64_t id);
  // Closes streams idle past the timeout; returns how many.
  int Sweep();
  size_t size();

 private:
  struct Entry {
    AnyStream stream;
    bool checked_out = false;
    int64_t last_access_ms = 0;
  };
  Clock* const clock_;
  const int64_t idle_timeout_ms_;
  const int64_t busy_wait_ms_;
  std::mutex mu_;
  std::condition_variable returned_;  // a stream came back or went away
  int64_t next_id_ = 1;               // guarded by mu_
  std::map<int64_t, Entry> streams_;  // guarded by mu_
};

}  // namespace alluxio::proxy
