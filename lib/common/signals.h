// ShutdownSignals: turns SIGINT/SIGTERM into an orderly shutdown.
//
// Construct it on the main thread BEFORE starting any other thread: it blocks SIGINT and
// SIGTERM in the calling thread, and threads started afterwards inherit the mask, so the
// signals stay pending until Wait() collects them with sigwait. The destructor restores the
// previous mask. Not copyable.
#pragma once

#include <signal.h>

namespace alluxio {

class ShutdownSignals {
 public:
  ShutdownSignals();
  ~ShutdownSignals();
  ShutdownSignals(const ShutdownSignals&) = delete;
  ShutdownSignals& operator=(const ShutdownSignals&) = delete;

  // Blocks until SIGINT or SIGTERM arrives; returns the signal number.
  int Wait();

 private:
  sigset_t set_;
  sigset_t old_;
};

}  // namespace alluxio
