#!/usr/bin/env bash
# Requests/s of a trivial route on lib/net's HTTP server next to nginx serving a 4 KiB static
# file, both measured with wrk in the same run on the same machine. Prints the ratios of the
# route answered on the event loop (/4k, a nonblocking route) and through the handler pool
# (/4k-pooled, where handlers that may block run).
# Usage: bench/http_bench.sh [BUILD_DIR] [SECONDS]   (needs wrk and nginx: install-deps.sh --test)
set -euo pipefail
BUILD=${1:-build}
SECS=${2:-10}
THREADS=2
CONNS=32
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

mkdir -p "$tmp/www" "$tmp/logs"
head -c 4096 /dev/zero | tr '\0' 'a' >"$tmp/www/4k"
NGINX_PORT=$(free_port)
cat >"$tmp/nginx.conf" <<CONF
worker_processes auto;
daemon off;
pid $tmp/nginx.pid;
error_log $tmp/logs/error.log;
user root;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  server { listen 127.0.0.1:$NGINX_PORT; root $tmp/www; }
}
CONF
nginx -c "$tmp/nginx.conf" -p "$tmp" & pids+=($!)

OURS_PORT=$(free_port)
"$BUILD/bench/http_bench_server" "$OURS_PORT" >/dev/null & pids+=($!)

for port in $NGINX_PORT $OURS_PORT; do
  for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$port/4k" && break; sleep 0.1; done
done

rps() { wrk -t"$THREADS" -c"$CONNS" -d"${SECS}s" "$1" | awk '/Requests\/sec/ {print $2}'; }
# Warm both, then measure alternately.
wrk -t1 -c4 -d1s "http://127.0.0.1:$NGINX_PORT/4k" >/dev/null
wrk -t1 -c4 -d1s "http://127.0.0.1:$OURS_PORT/4k" >/dev/null
nginx_rps=$(rps "http://127.0.0.1:$NGINX_PORT/4k")
ours_rps=$(rps "http://127.0.0.1:$OURS_PORT/4k")
pooled_rps=$(rps "http://127.0.0.1:$OURS_PORT/4k-pooled")
ratio() { awk -v a="$1" -v b="$nginx_rps" 'BEGIN {printf "%.2f", a / b}'; }
echo "wrk -t$THREADS -c$CONNS -d${SECS}s, 4 KiB body"
echo "nginx static file:              $nginx_rps req/s"
echo "lib/net route on the loop:      $ours_rps req/s   ratio $(ratio "$ours_rps")   (goal >= 0.7)"
echo "lib/net route through the pool: $pooled_rps req/s   ratio $(ratio "$pooled_rps")"
