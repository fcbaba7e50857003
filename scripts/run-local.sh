#!/usr/bin/env bash
# Installs dependencies, builds, and starts `alluxio local` (master, worker and proxy in one
# process) in the foreground. Arguments replace `local`, e.g. `run-local.sh master`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
exec ./build/alluxio "${@:-local}"
