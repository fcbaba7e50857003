# Shared by the benchmarks that run a private `alluxio local` (worker_bench.sh, s3_api_bench.sh).
# Source it, then `bench_setup NAME BINARY`: makes $tmp (/tmp/NAME.XXXXXX) and $shm (the same
# name under /dev/shm), kills every pid in $pids and removes both on exit or Ctrl-C, copies BINARY
# to $tmp/bin/alluxio as $ALLUXIO (a rebuild cannot pull it away mid-run) and points
# ALLUXIO_CONF_DIR at $tmp/conf. Helpers: free_port, now_us, time_us CMD..., ratio A B, die MSG.

bench_setup() {
  BENCH_NAME=$1
  tmp=$(mktemp -d "/tmp/$1.XXXXXX")
  shm=/dev/shm/$(basename "$tmp")
  pids=()
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
  mkdir -p "$tmp/bin" "$tmp/conf" "$tmp/work/underFSStorage" "$tmp/logs" "$shm/tier" "$shm/www"
  cp "$2" "$tmp/bin/alluxio"
  ALLUXIO=$tmp/bin/alluxio
  export ALLUXIO_CONF_DIR=$tmp/conf
}

bench_cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$tmp" "$shm"
}

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now_us() { echo $(($(date +%s%N) / 1000)); }
# time_us CMD...: microseconds CMD took (CMD's own output must be redirected by CMD).
time_us() { local s e; s=$(now_us); "$@"; e=$(now_us); echo $((e - s)); }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
die() { echo "$BENCH_NAME: $*" >&2; exit 1; }
