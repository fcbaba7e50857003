#!/usr/bin/env bash
# Regenerates the checked-in shell completions (completions/) and man pages (man/) from the
# command tree: builds alluxio_gendocs in BUILD_DIR (default ./build, configured if it is not
# yet) and runs it on the source tree. Run it after changing any command, option or
# configuration key; tests/integration/docs_test.sh fails until you do.
#   usage: scripts/gen-docs.sh [BUILD_DIR]        (JOBS=N limits the build's parallelism)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
if [[ ! -f $build/CMakeCache.txt ]]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}"
fi
cmake --build "$build" --target alluxio_gendocs -j "${JOBS:-$(nproc)}"
"$build/cmd/gendocs/alluxio_gendocs" .
git status --short -- completions man 2>/dev/null || true
