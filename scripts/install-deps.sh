#!/usr/bin/env bash
# Installs what building (and, with --test, testing and benchmarking) needs, from Debian 12's
# packages only. Idempotent: installs nothing when everything is present.
set -euo pipefail

BUILD_PKGS=(
  build-essential cmake ninja-build git pkg-config
  libcli11-dev libboost1.81-dev libboost-url1.81-dev libboost-context1.81-dev
  nlohmann-json3-dev librocksdb-dev catch2 libssl-dev libpugixml-dev libfuse3-dev
)
TEST_PKGS=(
  curl python3 python3-requests procps psmisc
  wrk nginx-light
)

want=("${BUILD_PKGS[@]}")
if [[ "${1:-}" == "--test" ]]; then
  want+=("${TEST_PKGS[@]}")
fi

missing=()
for p in "${want[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#want[@]} packages present"
  exit 0
fi

SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
