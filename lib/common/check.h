// CHECK: assert an invariant that cannot fail unless the program is broken. Always on.
// Errors the world can cause (I/O, input, network) are Statuses, never CHECKs.
#pragma once

#include <cstdio>
#include <cstdlib>

#define ALLUXIO_CHECK(cond)                                                         \
  do {                                                                              \
    if (!(cond)) {                                                                  \
      std::fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                 \
    }                                                                               \
  } while (0)
