#!/usr/bin/env bash
# Installs what building (and, with --test, testing and benchmarking) needs, from Debian 12's
# packages only, plus (with --test) the npm packages of tests/tools (s3rver, the stand-in S3
# server) with `npm ci` from the checked-in package-lock.json. Idempotent: installs nothing
# when everything is present.
set -euo pipefail

BUILD_PKGS=(
  build-essential cmake ninja-build git pkg-config
  libcli11-dev libboost1.81-dev libboost-url1.81-dev libboost-context1.81-dev
  nlohmann-json3-dev librocksdb-dev catch2 libssl-dev libpugixml-dev libfuse3-dev libedit-dev
)
TEST_PKGS=(
  curl python3 python3-requests procps psmisc
  wrk nginx-light openssl
  awscli python3-boto3 s3cmd rclone
  tmux zsh fish man-db groff-base bash-completion
)

testing=false
if [[ "${1:-}" == "--test" ]]; then
  testing=true
fi

want=("${BUILD_PKGS[@]}")
if $testing; then
  want+=("${TEST_PKGS[@]}")
  # node and npm run s3rver; a node installed some other way is fine too.
  command -v node >/dev/null 2>&1 || want+=(nodejs)
  command -v npm >/dev/null 2>&1 || want+=(npm)
fi

missing=()
for p in "${want[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#want[@]} packages present"
else
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if $testing; then
  tools="$(cd "$(dirname "${BASH_SOURCE[0]}")/../tests/tools" && pwd)"
  # npm writes node_modules/.package-lock.json on every install: newer than the lock file
  # means the tree matches it.
  if [[ -f "$tools/node_modules/s3rver/bin/s3rver.js" &&
        "$tools/node_modules/.package-lock.json" -nt "$tools/package-lock.json" ]]; then
    echo "install-deps: npm packages of tests/tools present"
  else
    echo "install-deps: npm ci in tests/tools"
    (cd "$tools" && npm ci --no-audit --no-fund)
  fi
fi
