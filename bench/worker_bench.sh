#!/usr/bin/env bash
# Worker data path next to its peers, in one run on one machine, printed as ratios:
#  warm: a file cached in the MEM tier read by one client, (a) every block fetched in turn from
#        the worker's HTTP route with curl and (b) `alluxio fs cat > /dev/null`, next to
#        (c) nginx (sendfile on) serving the same bytes from /dev/shm to curl. Goal >= 0.9x.
#  cold: `alluxio fs cat` of the file after `alluxio fs free` (read through the local UFS,
#        caching the blocks on the way) next to `cat` of the UFS file, with the same page-cache
#        state for both: "hot" (UFS file in the page cache) and, when /proc/sys/vm/drop_caches
#        is writable, "disk" (page cache dropped before each run). Goal <= 1.3x the direct read.
#        Also timed: from the start of `fs cat` until every block is committed in the MEM tier
#        (a reader on the worker's host gets its bytes while the worker caches them alongside),
#        and `fs cat` with short-circuit off (the data route over HTTP, as a remote client).
# Each figure is the best of RUNS (default 3) runs. Uses `alluxio local` with its own conf dir,
# free ports, a MEM tier under /dev/shm/<tempname>, CACHE_THROUGH writes, 64 MB blocks.
# Usage: bench/worker_bench.sh path/to/alluxio [SIZE_MB]   (default 1024; needs nginx and curl)
# Env: RUNS=3, DROP_CACHES=auto|0 (0: never touch the page cache of the machine).
set -euo pipefail
shopt -s inherit_errexit
if [[ $# -lt 1 || ! -x $1 ]]; then
  echo "usage: $0 path/to/alluxio [SIZE_MB]" >&2
  exit 1
fi
SIZE_MB=${2:-1024}
RUNS=${RUNS:-3}
DROP_CACHES=${DROP_CACHES:-auto}
SIZE=$((SIZE_MB * 1024 * 1024))

source "$(dirname "$0")/bench_lib.sh"
bench_setup worker_bench "$1"
mbps() { awk -v b="$SIZE" -v us="$1" 'BEGIN {printf "%.0f", b / us}'; }  # bytes/us = MB/s
MASTER_WEB=$(free_port)
WORKER_RPC=$(free_port)
WORKER_WEB=$(free_port)
cat >"$tmp/conf/alluxio-site.properties" <<CONF
alluxio.work.dir=$tmp/work
alluxio.logs.dir=$tmp/logs
alluxio.master.hostname=localhost
alluxio.master.rpc.port=$(free_port)
alluxio.master.web.port=$MASTER_WEB
alluxio.worker.hostname=localhost
alluxio.worker.rpc.port=$WORKER_RPC
alluxio.worker.web.port=$WORKER_WEB
alluxio.worker.tieredstore.levels=1
alluxio.worker.tieredstore.level0.alias=MEM
alluxio.worker.tieredstore.level0.dirs.path=$shm/tier
alluxio.worker.tieredstore.level0.dirs.quota=$((SIZE_MB * 2 + 512))MB
alluxio.user.file.writetype.default=CACHE_THROUGH
alluxio.user.file.readtype.default=CACHE
alluxio.user.block.size.bytes.default=64MB
CONF

bench_start_local

# The file: written straight into the root UFS (loaded by metadata sync), and a copy on tmpfs
# for nginx.
head -c "$SIZE" /dev/urandom >"$tmp/work/underFSStorage/f"
cp "$tmp/work/underFSStorage/f" "$shm/www/f"
UFS_FILE=$tmp/work/underFSStorage/f

bench_start_nginx f

# Warm: cache every block, then check the worker really serves each one from MEM.
"$ALLUXIO" fs load /f >/dev/null
blocks=$("$ALLUXIO" fs stat /f | sed -n 's/.*blockIds=\[\([0-9, ]*\)\].*/\1/p' | tr -d ' ' | tr ',' ' ')
[[ -n $blocks ]] || die "no blockIds in fs stat /f"
urls=()
for b in $blocks; do
  url="http://127.0.0.1:$WORKER_RPC/api/v1/worker/blocks/$b"
  src=$(curl -sf -D - -o /dev/null "$url?offset=0&length=1" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-alluxio-block-source" {print $2}')
  [[ $src == cache ]] || die "block $b is not cached after fs load (source: ${src:-none})"
  urls+=("$url")
done
got=$(curl -sf "${urls[@]}" | wc -c)
[[ $got == "$SIZE" ]] || die "worker sent $got bytes for the blocks of /f, expected $SIZE"
"$ALLUXIO" fs cat /f | cmp -s - "$shm/www/f" || die "fs cat /f differs from the file"

warm_worker() { curl -sf "${urls[@]}" >/dev/null; }
warm_cat() { "$ALLUXIO" fs cat /f >/dev/null; }
warm_nginx() { curl -sf "http://127.0.0.1:$NGINX_PORT/f" >/dev/null; }
best_w=0 best_c=0 best_n=0
for _ in $(seq "$RUNS"); do  # interleaved so drift in the machine's load hits all three alike
  t=$(time_us warm_nginx); ((best_n == 0 || t < best_n)) && best_n=$t
  t=$(time_us warm_worker); ((best_w == 0 || t < best_w)) && best_w=$t
  t=$(time_us warm_cat); ((best_c == 0 || t < best_c)) && best_c=$t
done

# Cold: free the blocks, then read through the worker from the UFS (which caches them again).
can_drop=0
if [[ $DROP_CACHES != 0 ]] && sync && (echo 1 >/proc/sys/vm/drop_caches) 2>/dev/null; then can_drop=1; fi
drop() { sync; echo 1 >/proc/sys/vm/drop_caches; }
hot() { cat "$UFS_FILE" >/dev/null; }
# The worker reports blocks it cached on its next heartbeat; `fs free` only frees the blocks the
# master knows about, and then waits for 0%, so free only once the master sees all of them.
wait_reported() {
  for _ in $(seq 300); do
    "$ALLUXIO" fs stat /f | grep -q 'inAlluxioPercentage=100' && return 0
    sleep 0.1
  done
  die "the master never saw /f fully cached"
}
free_f() { wait_reported; "$ALLUXIO" fs free /f >/dev/null; }
direct_cat() { cat "$UFS_FILE" >/dev/null; }
# Bytes of committed block files in the MEM tier (the worker may still be caching after the
# reader got its bytes).
cached_bytes() { find "$shm/tier" -path '*/.tmp_blocks' -prune -o -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}'; }
cold_http() { "$ALLUXIO" fs -Dalluxio.user.short.circuit.enabled=false cat /f >/dev/null; }
cold_round() {  # cold_round PREP: prints "best_cold best_direct best_cold_until_cached best_http"
  local prep=$1 bc=0 bd=0 bf=0 bh=0 s m e t
  for _ in $(seq "$RUNS"); do
    free_f
    $prep
    t=$(time_us cold_http); ((bh == 0 || t < bh)) && bh=$t
    free_f
    $prep
    s=$(now_us)
    "$ALLUXIO" fs cat /f >/dev/null
    m=$(now_us)
    until (($(cached_bytes) >= SIZE)); do
      (($(now_us) - m < 60000000)) || die "the blocks of /f were not all cached 60 s after fs cat"
      sleep 0.005
    done
    e=$(now_us)
    ((bc == 0 || m - s < bc)) && bc=$((m - s))
    ((bf == 0 || e - s < bf)) && bf=$((e - s))
    $prep
    t=$(time_us direct_cat); ((bd == 0 || t < bd)) && bd=$t
  done
  echo "$bc $bd $bf $bh"
}
read -r cold_hot direct_hot filled_hot http_hot <<<"$(cold_round hot)"
# Sanity: the cold reads went to the UFS and cached the blocks again.
for u in "${urls[@]}"; do
  src=$(curl -sf -D - -o /dev/null "$u?offset=0&length=1" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-alluxio-block-source" {print $2}')
  [[ $src == cache ]] || die "a cold read did not cache block ${u##*/}"
done
if ((can_drop)); then read -r cold_disk direct_disk filled_disk http_disk <<<"$(cold_round drop)"; fi

echo "worker_bench: $SIZE_MB MiB file, $(wc -w <<<"$blocks") block(s), best of $RUNS, one client; load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
echo "warm (cached in MEM, /dev/shm)                    MB/s   ratio to nginx (goal >= 0.9)"
printf '  nginx sendfile, curl                        %7s\n' "$(mbps "$best_n")"
printf '  worker HTTP blocks, curl                    %7s   %s\n' "$(mbps "$best_w")" "$(ratio "$best_n" "$best_w")"
printf '  alluxio fs cat > /dev/null                  %7s   %s\n' "$(mbps "$best_c")" "$(ratio "$best_n" "$best_c")"
echo "cold (after fs free, read through the local UFS)  MB/s   time ratio to cat (goal <= 1.3)"
printf '  page cache hot:  cat UFS file               %7s\n' "$(mbps "$direct_hot")"
printf '                   alluxio fs cat             %7s   %s\n' "$(mbps "$cold_hot")" "$(ratio "$cold_hot" "$direct_hot")"
printf '                   ... until all cached       %7s   %s\n' "$(mbps "$filled_hot")" "$(ratio "$filled_hot" "$direct_hot")"
printf '                   fs cat over HTTP           %7s   %s\n' "$(mbps "$http_hot")" "$(ratio "$http_hot" "$direct_hot")"
if ((can_drop)); then
  printf '  page cache dropped: cat UFS file            %7s\n' "$(mbps "$direct_disk")"
  printf '                   alluxio fs cat             %7s   %s\n' "$(mbps "$cold_disk")" "$(ratio "$cold_disk" "$direct_disk")"
  printf '                   ... until all cached       %7s   %s\n' "$(mbps "$filled_disk")" "$(ratio "$filled_disk" "$direct_disk")"
  printf '                   fs cat over HTTP           %7s   %s\n' "$(mbps "$http_disk")" "$(ratio "$http_disk" "$direct_disk")"
else
  echo "  (page cache not dropped: /proc/sys/vm/drop_caches not writable or DROP_CACHES=0)"
fi
