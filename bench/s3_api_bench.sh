#!/usr/bin/env bash
# The S3 API next to nginx, in one run on one machine, printed as ratios:
#  GET:  a cached object (default 1 GiB) read whole by one curl, through the proxy's /api/v1/s3
#        and through the worker's S3 port, next to nginx (sendfile on) serving the same bytes
#        from /dev/shm. Goal >= 0.9x nginx.
#  4 KiB: requests/s of GetObject of a cached 4 KiB object with wrk -t2 -c32 (proxy, worker)
#        next to nginx serving a 4 KiB file, interleaved, best of RUNS. Goal >= 0.7x nginx.
#  PUT:  MB/s of PutObject of a 100 MiB object with curl (CACHE_THROUGH: cached and written to
#        the local UFS), proxy and worker, next to `cp` of the file into the UFS directory.
# Each GET/PUT figure is the best of RUNS (default 3). Uses `alluxio local` with its own conf
# dir, free ports, a MEM tier under /dev/shm/<tempname>, 64 MB blocks, no authentication.
# Usage: [EXTRA_PROPS=key=value...] bench/s3_api_bench.sh path/to/alluxio [SIZE_MB] [SECONDS]
# (default 1024, 10; needs
# nginx, wrk, curl)
set -euo pipefail
shopt -s inherit_errexit
if [[ $# -lt 1 || ! -x $1 ]]; then
  echo "usage: $0 path/to/alluxio [SIZE_MB] [SECONDS]" >&2
  exit 1
fi
SIZE_MB=${2:-1024}
SECS=${3:-10}
RUNS=${RUNS:-3}
SIZE=$((SIZE_MB * 1024 * 1024))
PUT_MB=100

source "$(dirname "$0")/bench_lib.sh"
bench_setup s3_api_bench "$1"
mkdir -p "$tmp/work/underFSStorage/bench"
mbps() { awk -v b="$1" -v us="$2" 'BEGIN {printf "%.0f", b / us}'; }  # bytes/us = MB/s
PROXY=$(free_port)
REST=$(free_port)
cat >"$tmp/conf/alluxio-site.properties" <<CONF
alluxio.work.dir=$tmp/work
alluxio.logs.dir=$tmp/logs
alluxio.master.hostname=localhost
alluxio.master.rpc.port=$(free_port)
alluxio.master.web.port=$(free_port)
alluxio.worker.hostname=localhost
alluxio.worker.rpc.port=$(free_port)
alluxio.worker.web.port=$(free_port)
alluxio.proxy.web.port=$PROXY
alluxio.worker.s3.api.enabled=true
alluxio.worker.rest.port=$REST
alluxio.worker.tieredstore.levels=1
alluxio.worker.tieredstore.level0.alias=MEM
alluxio.worker.tieredstore.level0.dirs.path=$shm/tier
alluxio.worker.tieredstore.level0.dirs.quota=$((SIZE_MB * 2 + 4 * PUT_MB + 512))MB
alluxio.user.file.writetype.default=CACHE_THROUGH
alluxio.user.file.readtype.default=CACHE
alluxio.user.block.size.bytes.default=64MB
CONF
# More properties, one key=value per line, e.g. EXTRA_PROPS=alluxio.user.metadata.cache.enabled=true
printf '%s\n' "${EXTRA_PROPS:-}" >>"$tmp/conf/alluxio-site.properties"

# The objects: written straight into the root UFS (the bucket "bench" is its directory), and
# copies on tmpfs for nginx.
UFS=$tmp/work/underFSStorage
head -c "$SIZE" /dev/urandom >"$UFS/bench/big"
head -c 4096 /dev/urandom >"$UFS/bench/4k"
cp "$UFS/bench/big" "$UFS/bench/4k" "$shm/www/"
head -c $((PUT_MB * 1024 * 1024)) /dev/urandom >"$shm/put.bin"

bench_start_local
for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$PROXY/healthz" && break; sleep 0.1; done

bench_start_nginx 4k

N_BIG=http://127.0.0.1:$NGINX_PORT/big
P_BIG=http://127.0.0.1:$PROXY/api/v1/s3/bench/big
W_BIG=http://127.0.0.1:$REST/bench/big
"$ALLUXIO" fs load /bench/big >/dev/null
"$ALLUXIO" fs load /bench/4k >/dev/null
for u in "$P_BIG" "$W_BIG"; do
  curl -sf "$u" | cmp -s - "$shm/www/big" || die "$u differs from the file"
  curl -sf "${u%big}4k" | cmp -s - "$shm/www/4k" || die "${u%big}4k differs from the file"
done

# --- GET of the big object, interleaved, best of RUNS ------------------------------------------
get() { curl -sf -o /dev/null "$1"; }
best_n=0 best_p=0 best_w=0
for _ in $(seq "$RUNS"); do
  t=$(time_us get "$N_BIG"); ((best_n == 0 || t < best_n)) && best_n=$t
  t=$(time_us get "$P_BIG"); ((best_p == 0 || t < best_p)) && best_p=$t
  t=$(time_us get "$W_BIG"); ((best_w == 0 || t < best_w)) && best_w=$t
done

# --- 4 KiB objects with wrk --------------------------------------------------------------------
rps() { wrk -t2 -c32 -d"${SECS}s" "$1" | awk '/Requests\/sec/ {print $2}'; }
for u in "http://127.0.0.1:$NGINX_PORT/4k" "http://127.0.0.1:$PROXY/api/v1/s3/bench/4k" \
  "http://127.0.0.1:$REST/bench/4k"; do
  wrk -t1 -c4 -d1s "$u" >/dev/null  # warm up
done
# Interleaved, best of RUNS each: a shared machine's load moves between runs.
best() { awk -v a="$1" -v b="$2" 'BEGIN {print (a > b ? a : b)}'; }
rps_n=0 rps_p=0 rps_w=0
for _ in $(seq "$RUNS"); do
  rps_n=$(best "$rps_n" "$(rps "http://127.0.0.1:$NGINX_PORT/4k")")
  rps_p=$(best "$rps_p" "$(rps "http://127.0.0.1:$PROXY/api/v1/s3/bench/4k")")
  rps_w=$(best "$rps_w" "$(rps "http://127.0.0.1:$REST/bench/4k")")
done

# --- PUT of 100 MiB objects --------------------------------------------------------------------
PUT_SIZE=$((PUT_MB * 1024 * 1024))
put() { curl -sf -o /dev/null -T "$shm/put.bin" "$1"; }
copy() { cp "$shm/put.bin" "$UFS/bench/copy.bin"; sync -f "$UFS/bench/copy.bin"; }
best_c=0 best_pp=0 best_pw=0
for i in $(seq "$RUNS"); do
  t=$(time_us copy); ((best_c == 0 || t < best_c)) && best_c=$t
  t=$(time_us put "http://127.0.0.1:$PROXY/api/v1/s3/bench/put-p$i"); ((best_pp == 0 || t < best_pp)) && best_pp=$t
  t=$(time_us put "http://127.0.0.1:$REST/bench/put-w$i"); ((best_pw == 0 || t < best_pw)) && best_pw=$t
done
cmp -s "$shm/put.bin" "$UFS/bench/put-p1" || die "the PUT object in the UFS differs"

echo "s3_api_bench: $SIZE_MB MiB object cached in MEM, best of $RUNS; wrk -t2 -c32 -d${SECS}s; load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
[[ -n "${EXTRA_PROPS:-}" ]] && echo "extra properties: $(echo "$EXTRA_PROPS" | tr '\n' ' ')"
echo "GET $SIZE_MB MiB (one curl)                MB/s   ratio to nginx (goal >= 0.9)"
printf '  nginx sendfile /dev/shm           %7s\n' "$(mbps "$SIZE" "$best_n")"
printf '  proxy /api/v1/s3                  %7s   %s\n' "$(mbps "$SIZE" "$best_p")" "$(ratio "$best_n" "$best_p")"
printf '  worker S3 port                    %7s   %s\n' "$(mbps "$SIZE" "$best_w")" "$(ratio "$best_n" "$best_w")"
echo "GET 4 KiB                                req/s  ratio to nginx (goal >= 0.7)"
printf '  nginx                             %7.0f\n' "$rps_n"
printf '  proxy /api/v1/s3                  %7.0f   %s\n' "$rps_p" "$(ratio "$rps_p" "$rps_n")"
printf '  worker S3 port                    %7.0f   %s\n' "$rps_w" "$(ratio "$rps_w" "$rps_n")"
echo "PUT $PUT_MB MiB (curl -T, CACHE_THROUGH)    MB/s   ratio to cp into the UFS dir"
printf '  cp + sync                         %7s\n' "$(mbps "$PUT_SIZE" "$best_c")"
printf '  proxy /api/v1/s3                  %7s   %s\n' "$(mbps "$PUT_SIZE" "$best_pp")" "$(ratio "$best_c" "$best_pp")"
printf '  worker S3 port                    %7s   %s\n' "$(mbps "$PUT_SIZE" "$best_pw")" "$(ratio "$best_c" "$best_pw")"
