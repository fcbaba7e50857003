#!/usr/bin/env bash
# Configures and builds into ./build (Release unless BUILD_TYPE is set). Extra arguments go to
# the CMake configure step, e.g. -DALLUXIO_SANITIZE=address,undefined.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B "${BUILD_DIR:-build}" -G Ninja -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" "$@"
cmake --build "${BUILD_DIR:-build}" -j "$(nproc)"
