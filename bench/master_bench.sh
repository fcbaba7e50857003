#!/usr/bin/env bash
# Master metadata throughput: getStatus, listStatus, create (+complete), rename, delete with N
# concurrent clients against a real `alluxio master`, next to the same clients hitting the
# master's /healthz (the HTTP floor) in the same run. Then, with journal sync on, durable
# creates (group commit). Two harnesses: our own (build/bench/master_bench, THREADS blocking
# HttpClient threads) and, when wrk is installed, wrk -t2 -cWRK_CONNS (event-driven, so less of
# the 2 cores goes to the load generator): /healthz and getStatus interleaved WRK_RUNS times,
# then durable creates (create-file + complete-file per file, bench/master_create.lua).
# Usage: bench/master_bench.sh [BUILD_DIR] [SECONDS] [THREADS]
#   env: WRK_CONNS (32), WRK_RUNS (3)
set -euo pipefail
BUILD=${1:-build}
SECS=${2:-5}
THREADS=${3:-16}
WRK_CONNS=${WRK_CONNS:-32}
WRK_RUNS=${WRK_RUNS:-3}
HERE=$(cd "$(dirname "$0")" && pwd)
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

# wrk_run ARGS...: one wrk run (-t2 -cWRK_CONNS -dSECS); rps_of reads its requests/s.
wrk_run() { wrk -t2 -c"$WRK_CONNS" -d"${SECS}s" "$@"; }
rps_of() { awk '/Requests\/sec/ {print $2}'; }
non2xx() { awk '/Non-2xx/ {n = $NF} END {print n + 0}'; }

echo "== $(uptime)"
echo "== journal sync off (kill -9 safe; not power-loss safe), $THREADS clients, ${SECS}s each"
run_master nosync
for op in noop getStatus listStatus create rename delete; do
  "$BUILD/bench/master_bench" rpc 127.0.0.1 "$RPC" "$THREADS" "$SECS" "$op" /bench
done
if command -v wrk >/dev/null; then
  echo "== wrk -t2 -c$WRK_CONNS -d${SECS}s, /healthz and getStatus /bench/seed1 interleaved, $WRK_RUNS runs"
  wrk -t1 -c4 -d1s "http://127.0.0.1:$RPC/healthz" >/dev/null
  wrk -t1 -c4 -d1s -s "$HERE/master_get_status.lua" "http://127.0.0.1:$RPC" -- /bench/seed1 >/dev/null
  for run in $(seq "$WRK_RUNS"); do
    h=$(wrk_run "http://127.0.0.1:$RPC/healthz" | rps_of)
    out=$(wrk_run -s "$HERE/master_get_status.lua" "http://127.0.0.1:$RPC" -- /bench/seed1)
    g=$(echo "$out" | rps_of)
    echo "run $run: healthz $h req/s, getStatus $g req/s ($(echo "$out" | non2xx) failed), ratio $(awk -v a="$g" -v b="$h" 'BEGIN {printf "%.2f", a / b}')"
  done
  out=$(wrk_run -s "$HERE/master_create.lua" "http://127.0.0.1:$RPC" -- /wrk-nosync)
  echo "create (+complete), sync off: $(echo "$out" | grep creates/s) ($(echo "$out" | rps_of) req/s)"
fi
echo "== journal sync on (fsync per operation, group commit)"
run_master sync -Dalluxio.master.journal.sync.enabled=true
"$BUILD/bench/master_bench" rpc 127.0.0.1 "$RPC" "$THREADS" "$SECS" create /bench
"$BUILD/bench/master_bench" rpc 127.0.0.1 "$RPC" 1 "$SECS" create /bench1
if command -v wrk >/dev/null; then
  for run in $(seq "$WRK_RUNS"); do
    out=$(wrk_run -s "$HERE/master_create.lua" "http://127.0.0.1:$RPC" -- "/wrk$run")
    echo "wrk durable create run $run: $(echo "$out" | grep creates/s) ($(echo "$out" | rps_of) req/s)"
  done
fi
echo "== $(uptime)"
