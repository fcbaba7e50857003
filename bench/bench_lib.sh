# Shared by the benchmarks that run a private `alluxio local` (worker_bench.sh, s3_api_bench.sh).
# Source it, then `bench_setup NAME BINARY`: makes $tmp (/tmp/NAME.XXXXXX) and $shm (the same
# name under /dev/shm), kills every pid in $pids and removes both on exit or Ctrl-C, copies BINARY
# to $tmp/bin/alluxio as $ALLUXIO (a rebuild cannot pull it away mid-run) and points
# ALLUXIO_CONF_DIR at $tmp/conf. Helpers: free_port, now_us, time_us CMD..., ratio A B, die MSG,
# bench_start_local (alluxio local with $tmp/conf, until its worker registered), bench_start_nginx
# FILE (nginx serving $shm/www on $NGINX_PORT, until FILE answers).

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

# Starts `alluxio local` (configuration in $tmp/conf, log in $tmp/local.log) and waits until its
# worker registered with the master.
bench_start_local() {
  "$ALLUXIO" local >"$tmp/local.log" 2>&1 &
  pids+=($!)
  local _
  for _ in $(seq 100); do
    grep -q "Registered with the master" "$tmp/local.log" 2>/dev/null && break
    kill -0 "${pids[-1]}" 2>/dev/null || { cat "$tmp/local.log" >&2; die "alluxio local exited"; }
    sleep 0.1
  done
  grep -q "Registered with the master" "$tmp/local.log" || { cat "$tmp/local.log" >&2; die "worker did not register"; }
}

# The peer: nginx (one worker process, sendfile) serving $shm/www on a free port, $NGINX_PORT;
# waits until FILE (a name in $shm/www) answers.
bench_start_nginx() {
  NGINX_PORT=$(free_port)
  cat >"$tmp/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $tmp/nginx.pid;
error_log $tmp/logs/nginx-error.log;
user root;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  server { listen 127.0.0.1:$NGINX_PORT; root $shm/www; }
}
CONF
  nginx -c "$tmp/nginx.conf" -p "$tmp" &
  pids+=($!)
  local _
  for _ in $(seq 50); do curl -sf -o /dev/null -r 0-0 "http://127.0.0.1:$NGINX_PORT/$1" && break; sleep 0.1; done
}
