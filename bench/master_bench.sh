#!/usr/bin/env bash
# Master metadata throughput: getStatus, listStatus, create (+complete), rename, delete with N
# concurrent clients against a real `alluxio master`, next to the same clients hitting the
# master's /healthz (the HTTP floor) in the same run. Then, with journal sync on, durable
# creates (group commit). Usage: bench/master_bench.sh [BUILD_DIR] [SECONDS] [THREADS]
set -euo pipefail
BUILD=${1:-build}
SECS=${2:-5}
THREADS=${3:-16}
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

run_master() {  # run_master NAME extra-args...
  local name=$1; shift
  RPC=$(free_port); WEB=$(free_port)
  mkdir -p "$work/$name"
  "$BUILD/alluxio" master -Dalluxio.work.dir="$work/$name" -Dalluxio.master.rpc.port="$RPC" \
    -Dalluxio.master.web.port="$WEB" "$@" >"$work/$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$WEB/healthz" && break; sleep 0.1; done
  curl -sf -XPOST -H 'X-Alluxio-User: root' "http://127.0.0.1:$RPC/api/v1/master/fs/create-directory" \
    -d '{"path":"/bench","options":{"recursive":true,"allowExists":true}}' >/dev/null
  for i in $(seq 20); do
    curl -sf -XPOST -H 'X-Alluxio-User: root' "http://127.0.0.1:$RPC/api/v1/master/fs/create-directory" \
      -d "{\"path\":\"/bench/seed$i\",\"options\":{\"writeType\":\"MUST_CACHE\"}}" >/dev/null
  done
}

echo "== journal sync off (kill -9 safe; not power-loss safe), $THREADS clients, ${SECS}s each"
run_master nosync
for op in noop getStatus listStatus create rename delete; do
  "$BUILD/bench/master_bench" rpc 127.0.0.1 "$RPC" "$THREADS" "$SECS" "$op" /bench
done
echo "== journal sync on (fsync per operation, group commit)"
run_master sync -Dalluxio.master.journal.sync.enabled=true
"$BUILD/bench/master_bench" rpc 127.0.0.1 "$RPC" "$THREADS" "$SECS" create /bench
"$BUILD/bench/master_bench" rpc 127.0.0.1 "$RPC" 1 "$SECS" create /bench1
