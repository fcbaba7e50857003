// Process exit codes of the `alluxio` binary, stable for scripts and cron jobs:
//   0    success
//   1    bad command line or configuration: unknown command or option, missing or malformed
//        argument, unknown configuration key, a property value of the wrong form (as Alluxio's
//        bin/alluxio launcher)
//   255  the operation failed (Alluxio's shell returns -1); the message is on stderr
// Some commands define their own (`fs test`: 1 = false); they say so in their help.
#pragma once

#include "lib/common/status.h"

namespace alluxio::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitUsage = 1;
inline constexpr int kExitFailure = 255;

// The one mapping from a command's final Status to the exit code.
inline int ExitCodeFor(const Status& status, bool usage_error) {
  if (status.ok()) return kExitOk;
  return usage_error ? kExitUsage : kExitFailure;
}

}  // namespace alluxio::cli
