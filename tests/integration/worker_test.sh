#!/usr/bin/env bash
# The worker and the data path on real processes: `alluxio master` + `alluxio worker`(s) and an
# `alluxio local`, driven by `alluxio fs` and curl. Every write type checked against the UFS
# folder and the cache (and a writer killed half-way); cold and warm reads of edge sizes compared
# by sha256; NO_CACHE; the worker's block route (ranges, X-Alluxio-Block-Source, partial reads);
# two tiers and CACHE_PROMOTE; free then read; persist; eviction under a 4 MB quota with pins and
# RESOURCE_EXHAUSTED; ASYNC_THROUGH persisted across a master restart; worker restart (index
# rebuilt by the scan); kill -9 of the worker serving a read, and a write right after it;
# cold short-circuit reads (the client on the worker's host reads a miss from the local UFS
# file while the worker caches it);
# `alluxio format` while stopped. Usage: worker_test.sh path/to/alluxio
set -uo pipefail
ALLUXIO=$(realpath "${1:?usage: worker_test.sh path/to/alluxio}")
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/cluster.sh"

work=$(mktemp -d)
trap '{ cleanup_cluster; rm -rf "$work"; } 2>/dev/null' EXIT
cd "$work" || exit 1  # processes find ./conf/alluxio-site.properties
unset ALLUXIO_CONF_DIR ALLUXIO_MASTER_HOSTNAME ALLUXIO_HOME ALLUXIO_RAM_FOLDER \
  ALLUXIO_WORKER_RAMDISK_SIZE
ME=$(id -un)
MB=1048576
UFS=$work/underFSStorage
RPC=$(free_port) WEB=$(free_port)
W1RPC=$(free_port) W1WEB=$(free_port)
W2RPC=$(free_port) W2WEB=$(free_port)
mkdir -p "$work/conf" "$work/src"
cat >"$work/conf/alluxio-site.properties" <<EOF
alluxio.master.hostname=localhost
alluxio.master.rpc.port=$RPC
alluxio.master.web.port=$WEB
alluxio.work.dir=$work
alluxio.user.block.size.bytes.default=1MB
alluxio.worker.block.heartbeat.interval=200ms
alluxio.worker.data.folder=alluxioworker
alluxio.master.persistence.scheduler.interval=200ms
alluxio.master.persistence.initial.interval=200ms
alluxio.master.worker.timeout=10s
EOF

# ---- helpers ----
# run ARGS...: `alluxio ARGS...`; sets OUT, ERR (trailing newlines stripped) and RC.
run() {
  "$ALLUXIO" "$@" >"$work/out" 2>"$work/err"
  RC=$?
  OUT=$(<"$work/out")
  ERR=$(<"$work/err")
}
fs() { run fs "$@"; }
# fs_to FILE ARGS...: `alluxio fs ARGS...` with stdout (binary) into FILE; sets ERR and RC.
fs_to() {
  local f=$1
  shift
  "$ALLUXIO" fs "$@" >"$f" 2>"$work/err"
  RC=$?
  ERR=$(<"$work/err")
}
section() { echo "-- $1 (${SECONDS}s)"; }
sha() { sha256sum <"$1" | cut -d' ' -f1; }
mkfile() { head -c "$2" /dev/urandom >"$1"; }
# kill9 PID...: kill -9 and reap without bash's "Killed" job notices.
kill9() { { kill -9 "$@"; for p in "$@"; do wait "$p"; done; } 2>/dev/null; }
exists() { [[ -e $1 ]] && echo yes || echo no; }
# wait_until SECONDS CMD...: polls CMD every 0.1 s; false on timeout.
wait_until() {
  local deadline=$((SECONDS + $1))
  shift
  while ((SECONDS < deadline)); do
    "$@" && return 0
    sleep 0.1
  done
  "$@"
}
# blocks WEB_PORT: the worker's block count as it reports it.
# (grep, not python: these run in polling loops and python3 starts slowly on a busy machine)
blocks() {
  local n
  n=$(curl -sf "http://127.0.0.1:$1/api/v1/worker/info" | grep -oE '"blockCount":[0-9]+')
  echo "${n#*:}"
}
blocks_is() { [[ $(blocks "$1") == "$2" ]]; }
# master_blocks RPC_PORT WORKER_RPC_PORT: the worker's block count as the master knows it.
# (keys are sorted: "address":{...,"rpcPort":P,"tieredIdentity":{...},"webPort":W},"blockCount":N)
master_blocks() {
  local n
  n=$(curl -sf "http://127.0.0.1:$1/api/v1/master/workers" |
    grep -oE "\"rpcPort\":$2,\"tieredIdentity\":\\{[^}]*\\},\"webPort\":[0-9]+\\},\"blockCount\":[0-9]+")
  echo "${n##*:}"
}
master_blocks_is() { [[ $(master_blocks "$1" "$2") == "$3" ]]; }
# lsinfo [FS ARGS...] PATH: sets STATE and PCT from `fs ls` of one file.
lsinfo() {
  local line
  line=$("$ALLUXIO" fs "$@" 2>/dev/null | tail -1)
  STATE=$(awk '{print $5}' <<<"$line")
  PCT=$(awk '{print $8}' <<<"$line")
}
pct_is() {  # pct_is EXPECTED [FS ARGS...] PATH
  local want=$1
  shift
  lsinfo ls "$@"
  [[ $PCT == "$want" ]]
}
state_is() {
  local want=$1
  shift
  lsinfo ls "$@"
  [[ $STATE == "$want" ]]
}
# status_json MASTER_RPC PATH FIELD: a field of the master's get-status reply (JSON).
status_json() {
  curl -s -XPOST -H "X-Alluxio-User: $ME" "http://127.0.0.1:$1/api/v1/master/fs/get-status" \
    -d "{\"path\":\"$2\"}" | python3 -c '
import json, sys
v = json.load(sys.stdin)[sys.argv[1]]
print(" ".join(map(str, v)) if isinstance(v, list) else v)' "$3"
}

start_master "$work" "$RPC" "$WEB" || { echo "master did not start"; cat "$work/master.log"; exit 1; }
start_worker "$work" w1 "$W1RPC" "$W1WEB" || { echo "worker did not start"; cat "$work/w1.log"; exit 1; }
W1_PID=$WORKER_PID
TIER1=$work/w1/alluxioworker

# ---- every write type: the UFS folder and the cache ----
section "every write type: the UFS folder and the cache"
mkfile "$work/src/f35" $((7 * MB / 2))
SRC_SHA=$(sha "$work/src/f35")
declare -A WANT_UFS=([MUST_CACHE]=no [CACHE_THROUGH]=yes [THROUGH]=yes [ASYNC_THROUGH]=yes)
declare -A WANT_STATE=([MUST_CACHE]=NOT_PERSISTED [CACHE_THROUGH]=PERSISTED [THROUGH]=PERSISTED
  [ASYNC_THROUGH]=PERSISTED)
declare -A WANT_PCT=([MUST_CACHE]=100% [CACHE_THROUGH]=100% [THROUGH]=0% [ASYNC_THROUGH]=100%)
declare -A WANT_BLOCKS=([MUST_CACHE]=4 [CACHE_THROUGH]=4 [THROUGH]=0 [ASYNC_THROUGH]=4)
for wt in MUST_CACHE CACHE_THROUGH THROUGH ASYNC_THROUGH; do
  b=$(blocks "$W1WEB")
  fs -Dalluxio.user.file.writetype.default=$wt copyFromLocal "$work/src/f35" /wt/$wt
  expect_eq "$wt: copyFromLocal exit" 0 "$RC"
  expect_eq "$wt: copyFromLocal message" "Copied file://$work/src/f35 to /wt/$wt" "$OUT"
  expect_eq "$wt: worker block count" $((b + WANT_BLOCKS[$wt])) "$(blocks "$W1WEB")"
  wait_until 10 state_is "${WANT_STATE[$wt]}" /wt/$wt
  expect_eq "$wt: persistence state" "${WANT_STATE[$wt]}" "$STATE"
  wait_until 5 pct_is "${WANT_PCT[$wt]}" /wt/$wt
  expect_eq "$wt: in-Alluxio percentage" "${WANT_PCT[$wt]}" "$PCT"
  expect_eq "$wt: UFS file present" "${WANT_UFS[$wt]}" "$(exists "$UFS/wt/$wt")"
  if [[ ${WANT_UFS[$wt]} == yes ]]; then
    expect_eq "$wt: UFS file bytes" "$SRC_SHA" "$(sha "$UFS/wt/$wt")"
  fi
  fs_to "$work/read" cat /wt/$wt
  expect_eq "$wt: cat exit" 0 "$RC"
  expect_eq "$wt: cat bytes" "$SRC_SHA" "$(sha "$work/read")"
done
# THROUGH read with CACHE: now cached.
wait_until 5 pct_is 100% /wt/THROUGH
expect_eq "THROUGH file cached by its first read" "100%" "$PCT"
wait_until 5 master_blocks_is "$RPC" "$W1RPC" 16
expect_eq "master knows the worker's blocks" 16 "$(master_blocks "$RPC" "$W1RPC")"
fs ls /wt
expect_eq "no stray files in Alluxio" "4" "$(wc -l <<<"$OUT")"
expect_eq "no stray files in the UFS" "ASYNC_THROUGH CACHE_THROUGH THROUGH" \
  "$(ls -A "$UFS/wt" | paste -sd' ')"
fs location /wt/MUST_CACHE
expect_eq "location: one line per block location" \
  "$(printf '/wt/MUST_CACHE with file id %s is on nodes: \nlocalhost\nlocalhost\nlocalhost\nlocalhost' \
    "$(status_json "$RPC" /wt/MUST_CACHE fileId)")" "$OUT"
fs checksum /wt/CACHE_THROUGH
expect_eq "checksum is the md5 of the bytes" "md5sum: $(md5sum <"$work/src/f35" | cut -d' ' -f1)" "$OUT"
fs getCapacityBytes
expect_eq "getCapacityBytes" "Capacity Bytes: $((64 * MB))" "$OUT"
fs getUsedBytes
expect_eq "getUsedBytes: 16 blocks of the 3.5 MB files" "Used Bytes: $((4 * 7 * MB / 2))" "$OUT"
fs cp /wt/MUST_CACHE /wt/copy
expect_eq "cp Alluxio to Alluxio" "Copied /wt/MUST_CACHE to /wt/copy" "$OUT"
fs_to "$work/read" cat /wt/copy
expect_eq "cp copy bytes" "$SRC_SHA" "$(sha "$work/read")"
wait_until 10 state_is PERSISTED /wt/copy
expect_eq "cp copy persisted (default write type ASYNC_THROUGH)" "PERSISTED" "$STATE"

# The UFS file appears whole or not at all: a slow CACHE_THROUGH write observed from the side,
# and a writer killed half-way.
slow_source() {  # slow_source BYTES SEED: BYTES pseudo-random bytes at ~16 MB/s
  python3 -c '
import random, sys, time
n, r = int(sys.argv[1]), random.Random(int(sys.argv[2]))
while n > 0:
    k = min(n, 65536); sys.stdout.buffer.write(r.randbytes(k)); sys.stdout.flush(); n -= k
    time.sleep(0.004)' "$1" "$2"
}
slow_source $((12 * MB)) 7 >"$work/src/slow"
b=$(blocks "$W1WEB")
"$ALLUXIO" fs -Dalluxio.user.file.writetype.default=CACHE_THROUGH copyFromLocal /dev/stdin \
  /wt/slow < <(slow_source $((12 * MB)) 7 2>/dev/null) >/dev/null 2>&1 &
writer=$!
seen=""
while kill -0 $writer 2>/dev/null; do
  [[ -e $UFS/wt/slow ]] && seen+="$(stat -c %s "$UFS/wt/slow") "
  sleep 0.02
done
wait $writer
expect_eq "slow write exit" 0 "$?"
expect_eq "slow write: UFS bytes" "$(sha "$work/src/slow")" "$(sha "$UFS/wt/slow")"
expect_eq "slow write: only the whole file was ever visible in the UFS" "" \
  "$(tr ' ' '\n' <<<"$seen" | grep -vx "$((12 * MB))" | grep -v '^$' | sort -u)"
b=$((b + 12))
"$ALLUXIO" fs -Dalluxio.user.file.writetype.default=CACHE_THROUGH copyFromLocal /dev/stdin \
  /wt/killed < <(slow_source $((12 * MB)) 8 2>/dev/null) >/dev/null 2>&1 &
writer=$!
more_blocks() { (($(blocks "$W1WEB") > b)); }
wait_until 5 more_blocks
expect_gt "killed writer: killed half-way, after its first block" "$(blocks "$W1WEB")" "$b"
kill9 $writer
wait_until 5 blocks_is "$W1WEB" "$b"
expect_eq "killed writer: its blocks are dropped" "$b" "$(blocks "$W1WEB")"
wait_until 5 eval '[[ -z $(ls -A "$UFS/wt" | grep -v -x -e ASYNC_THROUGH -e CACHE_THROUGH -e THROUGH -e copy -e slow) ]]'
expect_eq "killed writer: no UFS file, not even a temporary one" "ASYNC_THROUGH CACHE_THROUGH THROUGH copy slow" \
  "$(ls -A "$UFS/wt" | paste -sd' ')"
expect_eq "killed writer: no stray temporary block" "" "$(ls -A "$TIER1/.tmp_blocks" 2>/dev/null)"

# ---- cold and warm reads of files put in the UFS behind Alluxio's back ----
section "cold and warm reads of files put in the UFS behind Alluxio's back"
SIZES=(0 1 $((MB - 1)) "$MB" $((MB + 1)) $((7 * MB / 2)))
declare -A NBLOCKS=([0]=0 [1]=1 [$((MB - 1))]=1 [$MB]=1 [$((MB + 1))]=2 [$((7 * MB / 2))]=4)
mkdir -p "$UFS/reads"
for n in "${SIZES[@]}"; do mkfile "$UFS/reads/f$n" "$n"; cp "$UFS/reads/f$n" "$work/src/f$n"; done
for n in "${SIZES[@]}"; do
  b=$(blocks "$W1WEB")
  fs_to "$work/read" cat /reads/f$n
  expect_eq "cold read of $n bytes: exit" 0 "$RC"
  expect_eq "cold read of $n bytes: bytes" "$(sha "$work/src/f$n")" "$(sha "$work/read")"
  wait_until 5 blocks_is "$W1WEB" $((b + NBLOCKS[$n]))
  expect_eq "cold read of $n bytes: blocks cached" $((b + NBLOCKS[$n])) "$(blocks "$W1WEB")"
  wait_until 5 pct_is 100% /reads/f$n
  expect_eq "cold read of $n bytes: 100% in Alluxio" "100%" "$PCT"
done
# Two concurrent cold readers of one file: both get the right bytes, the blocks are cached once.
mkfile "$UFS/reads/fboth" $((6 * MB))
b=$(blocks "$W1WEB")
"$ALLUXIO" fs cat /reads/fboth >"$work/read1" 2>/dev/null &
r1=$!
"$ALLUXIO" fs cat /reads/fboth >"$work/read2" 2>/dev/null &
r2=$!
wait $r1 $r2
expect_eq "concurrent cold readers: first bytes" "$(sha "$UFS/reads/fboth")" "$(sha "$work/read1")"
expect_eq "concurrent cold readers: second bytes" "$(sha "$UFS/reads/fboth")" "$(sha "$work/read2")"
wait_until 5 blocks_is "$W1WEB" $((b + 6))
expect_eq "concurrent cold readers: each block cached once" $((b + 6)) "$(blocks "$W1WEB")"
cp "$UFS/reads/fboth" "$work/src/fboth"
SIZES+=(both)
# Warm: the UFS copies are gone, so the bytes can only come from the cache.
mv "$UFS/reads" "$work/reads-away"
for n in "${SIZES[@]}"; do
  fs_to "$work/read" cat /reads/f$n
  expect_eq "warm read of $n bytes: exit" 0 "$RC"
  expect_eq "warm read of $n bytes: bytes" "$(sha "$work/src/f$n")" "$(sha "$work/read")"
done
fs_to "$work/read" head -c 100 /reads/f$((MB + 1))
expect_eq "head -c 100" "$(head -c 100 "$work/src/f$((MB + 1))" | od -An -tx1)" \
  "$(od -An -tx1 <"$work/read")"
fs_to "$work/read" tail -c $((MB + 10)) /reads/f$((7 * MB / 2))
expect_eq "tail -c across a block boundary" "$(tail -c $((MB + 10)) "$work/src/f$((7 * MB / 2))" | sha256sum | cut -d' ' -f1)" \
  "$(sha "$work/read")"
# Short-circuit reads: the worker on this host names the tier file and the client reads it
# itself (alluxio.user.short.circuit.enabled, default true); turned off, bytes come over HTTP.
counter() {
  curl -sf "http://127.0.0.1:$W1WEB/metrics/json/" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["counters"].get(sys.argv[1],{}).get("count",0))' "$1"
}
local_reads() { counter Worker.BlocksReadLocal; }
http_reads() { counter Worker.BlockReadRequests; }
n=$((7 * MB / 2))
before=$(local_reads) before_http=$(http_reads)
fs_to "$work/read" cat /reads/f$n
expect_eq "short-circuit read: bytes" "$(sha "$work/src/f$n")" "$(sha "$work/read")"
expect_eq "short-circuit read: every block looked up locally" $((before + 4)) "$(local_reads)"
expect_eq "short-circuit read: no block read over HTTP" "$before_http" "$(http_reads)"
# cat sends tier files with sendfile(2) to its stdout: a file above, a pipe here.
got=$("$ALLUXIO" fs cat /reads/f$n | sha256sum | cut -d' ' -f1)
expect_eq "short-circuit read into a pipe: bytes" "$(sha "$work/src/f$n")" "$got"
got=$("$ALLUXIO" fs cat /reads/f$n /reads/f1 /reads/f$n | sha256sum | cut -d' ' -f1)
expect_eq "cat of several files: bytes in order" \
  "$(cat "$work/src/f$n" "$work/src/f1" "$work/src/f$n" | sha256sum | cut -d' ' -f1)" "$got"
before=$(($(local_reads) - 4))  # the checks below count from the first read's lookups
fs_to "$work/read" -Dalluxio.user.short.circuit.enabled=false cat /reads/f$n
expect_eq "short-circuit off: bytes" "$(sha "$work/src/f$n")" "$(sha "$work/read")"
expect_eq "short-circuit off: no local reads" $((before + 4)) "$(local_reads)"
expect_eq "short-circuit off: every block over HTTP" $((before_http + 4)) "$(http_reads)"
fs_to "$work/read" -Dalluxio.user.file.readtype.default=CACHE_PROMOTE cat /reads/f$n
expect_eq "CACHE_PROMOTE goes over HTTP (the worker promotes)" $((before + 4)) "$(local_reads)"
# The route answers only a client on the worker's host: a peer address other than the one it
# connected to (here 127.0.0.2 -> 127.0.0.1) is refused.
code=$(curl -s -o /dev/null -w '%{http_code}' --interface 127.0.0.2 \
  "http://127.0.0.1:$W1RPC/api/v1/worker/blocks/$(status_json "$RPC" /reads/f$n blockIds | cut -d' ' -f1)/local")
expect_eq "short-circuit route refuses another host" 403 "$code"
mv "$work/reads-away" "$UFS/reads"

# ---- cold short-circuit: a miss of a local UFS is read from the UFS file by the client ----
section "cold short-circuit: the client reads a miss from the local UFS file, the worker caches it"
ufs_local_reads() { counter Worker.BlocksReadLocalUfs; }
ufs_fetches() { counter Worker.BlocksFetchedFromUfs; }
mkdir -p "$UFS/cold"
mkfile "$UFS/cold/c" $((7 * MB / 2))
mkfile "$UFS/cold/p" $((5 * MB / 2))
b=$(blocks "$W1WEB") before_http=$(http_reads) before_ufs_local=$(ufs_local_reads) before_ufs=$(ufs_fetches)
fs_to "$work/read" cat /cold/c
expect_eq "cold short-circuit read: exit" 0 "$RC"
expect_eq "cold short-circuit read: bytes" "$(sha "$UFS/cold/c")" "$(sha "$work/read")"
expect_eq "cold short-circuit read: every block read from the UFS file by the client" \
  $((before_ufs_local + 4)) "$(ufs_local_reads)"
expect_eq "cold short-circuit read: the worker fetched each block once" $((before_ufs + 4)) "$(ufs_fetches)"
expect_eq "cold short-circuit read: no block over HTTP" "$before_http" "$(http_reads)"
wait_until 5 blocks_is "$W1WEB" $((b + 4))
expect_eq "cold short-circuit read: the blocks are cached alongside" $((b + 4)) "$(blocks "$W1WEB")"
wait_until 5 pct_is 100% /cold/c
expect_eq "cold short-circuit read: 100% in Alluxio" "100%" "$PCT"
got=$("$ALLUXIO" fs cat /cold/p | sha256sum | cut -d' ' -f1)
expect_eq "cold short-circuit read into a pipe: bytes" "$(sha "$UFS/cold/p")" "$got"
expect_eq "cold short-circuit read into a pipe: no block over HTTP" "$before_http" "$(http_reads)"
# Ranges of a cold file: the block's offset in the UFS file plus the offset in the block.
mkfile "$UFS/cold/h" $((5 * MB / 2))
fs_to "$work/read" tail -c $((MB + 10)) /cold/h
expect_eq "cold short-circuit tail -c across a block boundary" \
  "$(tail -c $((MB + 10)) "$UFS/cold/h" | sha256sum | cut -d' ' -f1)" "$(sha "$work/read")"
mkfile "$UFS/cold/h2" $((5 * MB / 2))
fs_to "$work/read" head -c $((3 * MB / 2)) /cold/h2
expect_eq "cold short-circuit head -c across a block boundary" \
  "$(head -c $((3 * MB / 2)) "$UFS/cold/h2" | sha256sum | cut -d' ' -f1)" "$(sha "$work/read")"
expect_eq "cold short-circuit ranges: no block over HTTP" "$before_http" "$(http_reads)"
wait_until 5 blocks_is "$W1WEB" $((b + 11))
expect_eq "cold short-circuit ranges: the blocks they touched are cached" $((b + 11)) "$(blocks "$W1WEB")"
# NO_CACHE reads the UFS file too, and caches nothing; short-circuit off: over HTTP, cached.
mkfile "$UFS/cold/n" $((3 * MB / 2))
b=$(blocks "$W1WEB") before_ufs_local=$(ufs_local_reads) before_ufs=$(ufs_fetches)
fs_to "$work/read" -Dalluxio.user.file.readtype.default=NO_CACHE cat /cold/n
expect_eq "cold NO_CACHE read: bytes" "$(sha "$UFS/cold/n")" "$(sha "$work/read")"
expect_eq "cold NO_CACHE read: from the UFS file" $((before_ufs_local + 2)) "$(ufs_local_reads)"
expect_eq "cold NO_CACHE read: no fetch" "$before_ufs" "$(ufs_fetches)"
expect_eq "cold NO_CACHE read: no block over HTTP" "$before_http" "$(http_reads)"
sleep 0.5
expect_eq "cold NO_CACHE read: nothing cached" "$b" "$(blocks "$W1WEB")"
fs_to "$work/read" -Dalluxio.user.short.circuit.enabled=false cat /cold/n
expect_eq "cold read, short-circuit off: bytes" "$(sha "$UFS/cold/n")" "$(sha "$work/read")"
expect_eq "cold read, short-circuit off: over HTTP" $((before_http + 2)) "$(http_reads)"
expect_eq "cold read, short-circuit off: no UFS file handed out" $((before_ufs_local + 2)) "$(ufs_local_reads)"
wait_until 5 blocks_is "$W1WEB" $((b + 2))
expect_eq "cold read, short-circuit off: cached through HTTP" $((b + 2)) "$(blocks "$W1WEB")"
# The route itself: an uncached block named with its UFS copy: the UFS file and the block's
# offset in it, fetched into the store only with a caching read type.
mkfile "$UFS/cold/r" $((3 * MB / 2))
read -r -a RIDS <<<"$(status_json "$RPC" /cold/r blockIds)"
R_UFS=$(status_json "$RPC" /cold/r ufsPath)
R_MOUNT=$(status_json "$RPC" /cold/r mountId)
r_q="ufsPath=$(python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$R_UFS")&mountId=$R_MOUNT&blockStart=$MB&blockLength=$((MB / 2))"
local_url="http://127.0.0.1:$W1RPC/api/v1/worker/blocks/${RIDS[1]}/local"
field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$work/read" "$1"; }
b=$(blocks "$W1WEB")
code=$(curl -s -o "$work/read" -w '%{http_code}' "$local_url")
expect_eq "local route, uncached block without a UFS copy: 404" 404 "$code"
code=$(curl -s -o "$work/read" -w '%{http_code}' "$local_url?readType=NO_CACHE&$r_q")
expect_eq "local route, uncached block, NO_CACHE: 200" 200 "$code"
expect_eq "local route, NO_CACHE: the UFS file" "$UFS/cold/r" "$(field path)"
expect_eq "local route, NO_CACHE: the block's offset in it" "$MB" "$(field offset)"
sleep 0.5
expect_eq "local route with NO_CACHE caches nothing" "$b" "$(blocks "$W1WEB")"
code=$(curl -s -o "$work/read" -w '%{http_code}' "$local_url?readType=CACHE&$r_q")
expect_eq "local route, uncached block, CACHE: 200" 200 "$code"
expect_eq "local route, CACHE: the UFS file" "$UFS/cold/r" "$(field path)"
wait_until 5 blocks_is "$W1WEB" $((b + 1))
expect_eq "local route, CACHE: the block is cached in the background" $((b + 1)) "$(blocks "$W1WEB")"
code=$(curl -s -o "$work/read" -w '%{http_code}' "$local_url?readType=CACHE&$r_q")
expect_eq "local route, now cached: its tier file" "$TIER1/${RIDS[1]}" "$(field path)"
expect_eq "local route, now cached: the tier file holds the block's bytes" \
  "$(tail -c +$((MB + 1)) "$UFS/cold/r" | sha256sum | cut -d' ' -f1)" "$(sha "$TIER1/${RIDS[1]}")"
# A UFS file cut short behind Alluxio's back: the read fails saying why, and no partial block
# stays in the cache.
mkfile "$UFS/cold/t" $((5 * MB / 2))
fs stat /cold/t >/dev/null
truncate -s $((3 * MB / 2)) "$UFS/cold/t"
b=$(blocks "$W1WEB")
fs_to "$work/read" cat /cold/t
expect_eq "UFS file cut short: read fails" 255 "$RC"
expect_contains "UFS file cut short: message" "$ERR" "changed behind Alluxio's back"
wait_until 5 blocks_is "$W1WEB" $((b + 1))
expect_eq "UFS file cut short: only the whole first block is cached" $((b + 1)) "$(blocks "$W1WEB")"
wait_until 5 eval '[[ -z $(ls -A "$TIER1/.tmp_blocks" 2>/dev/null) ]]'
expect_eq "UFS file cut short: no partial block left" "" "$(ls -A "$TIER1/.tmp_blocks" 2>/dev/null)"
# Changed behind Alluxio's back after it was cached: after a sync the read returns the new
# bytes (same length, then another length), never a mix of old and new.
fs_to "$work/read" cat /cold/c
mkfile "$work/src/c2" $((7 * MB / 2))
cp "$work/src/c2" "$UFS/cold/c"
fs loadMetadata -F /cold/c
fs_to "$work/read" cat /cold/c
expect_eq "UFS file changed, same length: new bytes after a sync" "$(sha "$work/src/c2")" "$(sha "$work/read")"
mkfile "$work/src/c3" $((5 * MB / 2))
cp "$work/src/c3" "$UFS/cold/c"
fs loadMetadata -F /cold/c
fs_to "$work/read" cat /cold/c
expect_eq "UFS file changed, other length: new bytes after a sync" "$(sha "$work/src/c3")" "$(sha "$work/read")"

# ---- the worker's block route: ranges, sources, partial reads cache the whole block ----
section "the worker's block route: ranges, sources, partial reads cache the whole block"
mkdir -p "$UFS/reads2"
mkfile "$UFS/reads2/g" $((7 * MB / 2))
cp "$UFS/reads2/g" "$work/src/g"
read -r -a GIDS <<<"$(status_json "$RPC" /reads2/g blockIds)"
expect_eq "a UFS file of 3.5 blocks has 4 block ids" 4 "${#GIDS[@]}"
G_UFS=$(status_json "$RPC" /reads2/g ufsPath)
G_MOUNT=$(status_json "$RPC" /reads2/g mountId)
miss_q="ufsPath=$(python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$G_UFS")&mountId=$G_MOUNT&blockStart=$MB&blockLength=$MB"
b=$(blocks "$W1WEB")
hdr=$(curl -s -D - -o "$work/read" "http://127.0.0.1:$W1RPC/api/v1/worker/blocks/${GIDS[1]}?offset=1000&length=5000&readType=NO_CACHE&$miss_q")
expect_contains "NO_CACHE range read: source header" "$hdr" "X-Alluxio-Block-Source: ufs"
expect_eq "NO_CACHE range read: bytes" "$(tail -c +$((MB + 1001)) "$work/src/g" | head -c 5000 | sha256sum | cut -d' ' -f1)" "$(sha "$work/read")"
sleep 0.5
expect_eq "NO_CACHE range read caches nothing" "$b" "$(blocks "$W1WEB")"
code=$(curl -s -o "$work/read" -w '%{http_code}' "http://127.0.0.1:$W1RPC/api/v1/worker/blocks/${GIDS[1]}?offset=0&length=10")
expect_eq "uncached block without a UFS path: 404" 404 "$code"
expect_contains "uncached block without a UFS path: message" "$(<"$work/read")" "is not cached on this worker"
hdr=$(curl -s -D - -o "$work/read" "http://127.0.0.1:$W1RPC/api/v1/worker/blocks/${GIDS[1]}?offset=$((MB - 10))&length=10&readType=CACHE&$miss_q")
expect_contains "CACHE range read: source header" "$hdr" "X-Alluxio-Block-Source: ufs"
expect_eq "CACHE range read: bytes" "$(tail -c +$((2 * MB - 9)) "$work/src/g" | head -c 10 | od -An -tx1)" "$(od -An -tx1 <"$work/read")"
wait_until 5 blocks_is "$W1WEB" $((b + 1))
expect_eq "a partial read caches the whole block" $((b + 1)) "$(blocks "$W1WEB")"
hdr=$(curl -s -D - -o "$work/read" "http://127.0.0.1:$W1RPC/api/v1/worker/blocks/${GIDS[1]}")
expect_contains "cached block: source header" "$hdr" "X-Alluxio-Block-Source: cache"
expect_eq "cached block: whole block bytes" "$(tail -c +$((MB + 1)) "$work/src/g" | head -c $MB | sha256sum | cut -d' ' -f1)" "$(sha "$work/read")"
code=$(curl -s -o "$work/read" -w '%{http_code}' "http://127.0.0.1:$W1RPC/api/v1/worker/blocks/${GIDS[1]}?offset=$((MB + 1))")
expect_eq "range outside the block: 416/400 class error" 4 "${code:0:1}"

# ---- NO_CACHE leaves nothing cached; load caches the rest ----
section "NO_CACHE leaves nothing cached; load caches the rest"
fs_to "$work/read" -Dalluxio.user.file.readtype.default=NO_CACHE cat /reads2/g
expect_eq "NO_CACHE cat: bytes" "$(sha "$work/src/g")" "$(sha "$work/read")"
sleep 0.6
expect_eq "NO_CACHE cat caches nothing" $((b + 1)) "$(blocks "$W1WEB")"
wait_until 3 pct_is 28% /reads2/g
expect_eq "NO_CACHE: only the partially read block is in Alluxio (1 MB of 3.5)" "28%" "$PCT"
fs load /reads2/g
expect_eq "load message" "/reads2/g loaded" "$OUT"
wait_until 5 pct_is 100% /reads2/g
expect_eq "load caches every block" "100%" "$PCT"
expect_eq "load: worker block count" $((b + 4)) "$(blocks "$W1WEB")"

# ---- free then read again ----
section "free then read again"
b=$(blocks "$W1WEB")
fs free /wt/CACHE_THROUGH
expect_eq "free exit" 0 "$RC"
expect_eq "free message" "/wt/CACHE_THROUGH was successfully freed from Alluxio space." "$OUT"
lsinfo ls /wt/CACHE_THROUGH
expect_eq "freed: 0% in Alluxio" "0%" "$PCT"
expect_eq "freed: still persisted" "PERSISTED" "$STATE"
expect_eq "freed: blocks left the worker" $((b - 4)) "$(blocks "$W1WEB")"
fs_to "$work/read" cat /wt/CACHE_THROUGH
expect_eq "read after free: bytes" "$SRC_SHA" "$(sha "$work/read")"
wait_until 5 pct_is 100% /wt/CACHE_THROUGH
expect_eq "read after free caches again" "100%" "$PCT"
fs free /wt/MUST_CACHE
expect_eq "free of an unpersisted file exit" 255 "$RC"
expect_contains "free of an unpersisted file message" "$OUT$ERR" \
  "Cannot free file /wt/MUST_CACHE which is not persisted"

# ---- persist of a MUST_CACHE file ----
section "persist of a MUST_CACHE file"
fs persist /wt/MUST_CACHE
expect_eq "persist exit" 0 "$RC"
expect_eq "persist output" $'Found 1 files to persist.\nPersisted file /wt/MUST_CACHE with size 3670016' "$OUT"
expect_eq "persist: UFS bytes" "$SRC_SHA" "$(sha "$UFS/wt/MUST_CACHE" 2>/dev/null)"
lsinfo ls /wt/MUST_CACHE
expect_eq "persist: state" "PERSISTED" "$STATE"

# ---- ASYNC_THROUGH persisted after a master restart ----
section "ASYNC_THROUGH persisted after a master restart"
# The first master waits an hour before persisting; it is killed; the next one persists.
mkfile "$work/src/async" $((5 * MB / 2))
kill9 "$MASTER_PID"
start_master "$work" "$RPC" "$WEB" -Dalluxio.user.file.persistence.initial.wait.time=1h ||
  echo "FAIL master restart"
wait_until 10 master_blocks_is "$RPC" "$W1RPC" "$(blocks "$W1WEB")"
expect_eq "worker re-registered with the restarted master" "$(blocks "$W1WEB")" \
  "$(master_blocks "$RPC" "$W1RPC")"
fs -Dalluxio.user.file.writetype.default=ASYNC_THROUGH copyFromLocal "$work/src/async" /async/a
expect_eq "ASYNC_THROUGH write exit" 0 "$RC"
sleep 1
lsinfo ls /async/a
expect_eq "ASYNC_THROUGH waiting: TO_BE_PERSISTED" "TO_BE_PERSISTED" "$STATE"
expect_eq "ASYNC_THROUGH waiting: no UFS file" no "$(exists "$UFS/async/a")"
kill9 "$MASTER_PID"
start_master "$work" "$RPC" "$WEB" || echo "FAIL master restart"
wait_until 15 state_is PERSISTED /async/a
expect_eq "ASYNC_THROUGH persisted by the restarted master" "PERSISTED" "$STATE"
expect_eq "ASYNC_THROUGH: UFS bytes" "$(sha "$work/src/async")" "$(sha "$UFS/async/a" 2>/dev/null)"

# ---- worker restart: the scan finds the blocks and the master learns them ----
section "worker restart: the scan finds the blocks and the master learns them"
mkfile "$work/src/mc2" $((3 * MB / 2))
fs -Dalluxio.user.file.writetype.default=MUST_CACHE copyFromLocal "$work/src/mc2" /wt/mc2
b=$(blocks "$W1WEB")
files=$(find "$TIER1" -maxdepth 1 -type f | wc -l)
expect_eq "one file per block in the tier dir" "$b" "$files"
kill9 "$W1_PID"
mkdir -p "$TIER1/.tmp_blocks"
echo partial >"$TIER1/.tmp_blocks/123456"
start_worker "$work" w1 "$W1RPC" "$W1WEB" -Dalluxio.worker.tieredstore.level0.dirs.quota=256MB ||
  echo "FAIL worker restart"
W1_PID=$WORKER_PID
expect_eq "restarted worker found its blocks" "$b" "$(blocks "$W1WEB")"
expect_eq "restarted worker dropped the unfinished block" no "$(exists "$TIER1/.tmp_blocks/123456")"
wait_until 5 master_blocks_is "$RPC" "$W1RPC" "$b"
expect_eq "restarted worker reported its blocks" "$b" "$(master_blocks "$RPC" "$W1RPC")"
fs_to "$work/read" cat /wt/mc2
expect_eq "unpersisted file read from the rescanned cache" "$(sha "$work/src/mc2")" "$(sha "$work/read")"
lsinfo ls /wt/mc2
expect_eq "unpersisted file still 100% after the worker restart" "100%" "$PCT"

# ---- two tiers: eviction moves blocks down, CACHE_PROMOTE moves them back up ----
section "two tiers: eviction moves blocks down, CACHE_PROMOTE moves them back up"
start_worker "$work" w2 "$W2RPC" "$W2WEB" -Dalluxio.worker.tieredstore.levels=2 \
  -Dalluxio.worker.tieredstore.level0.dirs.quota=2MB \
  -Dalluxio.worker.tieredstore.level1.alias=HDD \
  -Dalluxio.worker.tieredstore.level1.dirs.path="$work/w2hdd" \
  -Dalluxio.worker.tieredstore.level1.dirs.quota=256MB || echo "FAIL second worker"
W2_PID=$WORKER_PID
# Block i of /reads2/g (3.5 MB in the UFS) read straight from the second worker.
gblock() {  # gblock INDEX [QUERY]: GET into $work/read; sets HDR
  local len=$MB
  (($1 == 3)) && len=$((MB / 2))
  HDR=$(curl -s -D - -o "$work/read" "http://127.0.0.1:$W2RPC/api/v1/worker/blocks/${GIDS[$1]}?${2:-readType=CACHE}&${miss_q%%&blockStart=*}&blockStart=$(($1 * MB))&blockLength=$len")
}
gsha() { tail -c +$(($1 * MB + 1)) "$work/src/g" | head -c $MB | sha256sum | cut -d' ' -f1; }
gblock 0
gblock 2
wait_until 5 blocks_is "$W2WEB" 2
gblock 3  # MEM (2 MB) is full: the new block goes to the next tier with room
wait_until 5 blocks_is "$W2WEB" 3
expect_eq "two tiers: three blocks cached" 3 "$(blocks "$W2WEB")"
expect_eq "two tiers: a block that does not fit in MEM goes to HDD" yes \
  "$(exists "$work/w2hdd/alluxioworker/${GIDS[3]}")"
gblock 3 readType=CACHE
expect_contains "two tiers: HDD block served from the cache" "$HDR" "X-Alluxio-Block-Source: cache"
expect_contains "two tiers: HDD block served from HDD" "$HDR" "X-Alluxio-Tier: HDD"
expect_eq "two tiers: HDD block bytes" "$(gsha 3)" "$(sha "$work/read")"
gblock 3 readType=CACHE_PROMOTE
expect_contains "CACHE_PROMOTE: block served from MEM" "$HDR" "X-Alluxio-Tier: MEM"
expect_eq "CACHE_PROMOTE: bytes" "$(gsha 3)" "$(sha "$work/read")"
expect_eq "CACHE_PROMOTE: the block left HDD" no "$(exists "$work/w2hdd/alluxioworker/${GIDS[3]}")"
expect_eq "CACHE_PROMOTE: the LRU MEM block moved down to HDD to make room" yes \
  "$(exists "$work/w2hdd/alluxioworker/${GIDS[0]}")"
gblock 0 readType=CACHE
expect_contains "moved-down block served from HDD" "$HDR" "X-Alluxio-Tier: HDD"
expect_eq "moved-down block bytes" "$(gsha 0)" "$(sha "$work/read")"
expect_eq "two tiers: still three blocks" 3 "$(blocks "$W2WEB")"

# ---- kill -9 of the worker serving a read of a persisted file ----
section "kill -9 of the worker serving a read of a persisted file"
mkfile "$work/src/big" $((24 * MB))
b1=$(blocks "$W1WEB") b2=$(blocks "$W2WEB")
fs -Dalluxio.user.file.writetype.default=CACHE_THROUGH copyFromLocal "$work/src/big" /big
expect_eq "big write exit" 0 "$RC"
if (($(blocks "$W1WEB") - b1 == 24)); then
  victim=$W1_PID survivor=$W2WEB survivor_rpc=$W2RPC sb=$b2
else
  victim=$W2_PID survivor=$W1WEB survivor_rpc=$W1RPC sb=$b1
fi
expect_eq "every block of the big file on one worker" 24 $(($(blocks "$W1WEB") - b1 + $(blocks "$W2WEB") - b2))
wait_until 5 pct_is 100% /big
# A reader at ~8 MB/s: the victim dies about a third of the way through.
( "$ALLUXIO" fs cat /big 2>"$work/cat.err"; echo $? >"$work/cat.rc" ) | python3 -c '
import sys, time
with open(sys.argv[1], "wb") as out:
    while True:
        d = sys.stdin.buffer.read(65536)
        if not d: break
        out.write(d); time.sleep(0.008)' "$work/read" &
reader=$!
sleep 1
kill9 "$victim"
wait $reader
expect_eq "read through a worker's death: exit" 0 "$(<"$work/cat.rc")"
expect_eq "read through a worker's death: bytes" "$(sha "$work/src/big")" "$(sha "$work/read")"
expect_gt "the surviving worker served and cached the rest" "$(blocks "$survivor")" "$sb"
# The master still lists the dead worker (timeout 10 s): a new write that picks it first goes
# to the survivor instead.
fs -Dalluxio.user.file.writetype.default=MUST_CACHE copyFromLocal "$work/src/f35" /after-kill
expect_eq "write while a dead worker is still listed: exit" 0 "$RC"
expect_eq "write while a dead worker is still listed: message" "" "$ERR"
fs_to "$work/read" cat /after-kill
expect_eq "write while a dead worker is still listed: bytes" "$SRC_SHA" "$(sha "$work/read")"

# ---- eviction under a 4 MB quota (alluxio local) ----
section "eviction under a 4 MB quota (alluxio local)"
L=$work/local
LRPC=$(free_port) LWEB=$(free_port) LWRPC=$(free_port) LWWEB=$(free_port)
mkdir -p "$L"
start_local "$L" "$LRPC" "$LWEB" "$LWRPC" "$LWWEB" \
  -Dalluxio.worker.tieredstore.level0.dirs.quota=4MB \
  -Dalluxio.user.file.persistence.initial.wait.time=1h || { echo "FAIL alluxio local"; cat "$L/local.log"; }
lfs() { fs -Dalluxio.master.rpc.port="$LRPC" "$@"; }
lfs_to() { local f=$1; shift; fs_to "$f" -Dalluxio.master.rpc.port="$LRPC" "$@"; }
lpct_is() { pct_is "$1" -Dalluxio.master.rpc.port="$LRPC" "$2"; }
for i in 1 2 3 4 5 6 7 8; do mkfile "$work/src/e$i" $((2 * MB)); done
lfs -Dalluxio.user.file.writetype.default=CACHE_THROUGH copyFromLocal "$work/src/e1" /e/e1
lfs -Dalluxio.user.file.writetype.default=CACHE_THROUGH copyFromLocal "$work/src/e2" /e/e2
lfs -Dalluxio.user.file.writetype.default=CACHE_THROUGH copyFromLocal "$work/src/e3" /e/e3
expect_eq "eviction: third write into a full tier succeeds" 0 "$RC"
expect_eq "eviction: the tier holds 4 blocks" 4 "$(blocks "$LWWEB")"
# The master records a write's blocks when the file completes, but learns of evictions from
# the worker's next heartbeat: wait for that.
wait_until 5 lpct_is 100% /e/e3
wait_until 5 lpct_is 0% /e/e1
expect_eq "eviction: the least recently used file was evicted" "0%" "$PCT"
lsinfo ls -Dalluxio.master.rpc.port="$LRPC" /e/e2
expect_eq "eviction: the next file stays" "100%" "$PCT"
expect_eq "eviction: the evicted file is still in the UFS" yes "$(exists "$L/underFSStorage/e/e1")"
lfs_to "$work/read" cat /e/e1
expect_eq "evicted file re-read from the UFS: bytes" "$(sha "$work/src/e1")" "$(sha "$work/read")"
wait_until 5 lpct_is 100% /e/e1
expect_eq "evicted file cached again by its read" "100%" "$PCT"
wait_until 5 lpct_is 0% /e/e2
expect_eq "caching it evicted the next least recently used" "0%" "$PCT"
# A pinned file survives eviction pressure.
lfs pin /e/e1
expect_eq "pin message" "File '/e/e1' was successfully pinned." "$OUT"
sleep 0.5  # the pin list reaches the worker with a heartbeat
lfs -Dalluxio.user.file.writetype.default=CACHE_THROUGH copyFromLocal "$work/src/e4" /e/e4
lfs -Dalluxio.user.file.writetype.default=CACHE_THROUGH copyFromLocal "$work/src/e5" /e/e5
expect_eq "writes around a pinned file succeed" 0 "$RC"
wait_until 5 lpct_is 100% /e/e5
wait_until 5 lpct_is 0% /e/e4
expect_eq "unpinned file evicted instead" "0%" "$PCT"
lsinfo ls -Dalluxio.master.rpc.port="$LRPC" /e/e1
expect_eq "pinned file kept under pressure" "100%" "$PCT"
# Everything pinned: a MUST_CACHE write cannot make room.
lfs pin /e/e5
sleep 0.5
lfs -Dalluxio.user.file.writetype.default=MUST_CACHE copyFromLocal "$work/src/e6" /e/m1
expect_eq "nothing evictable: write fails" 255 "$RC"
expect_contains "nothing evictable: RESOURCE_EXHAUSTED message" "$OUT$ERR" "Cannot reserve"
expect_contains "nothing evictable: message explains" "$OUT$ERR" "pinned blocks, blocks being read and blocks being written cannot be evicted"
lfs ls /e
expect_not_contains "nothing evictable: the failed file is removed" "$OUT" "/e/m1"
expect_eq "nothing evictable: cached blocks unchanged" 4 "$(blocks "$LWWEB")"
lfs -Dalluxio.user.file.writetype.default=CACHE_THROUGH copyFromLocal "$work/src/e6" /e/c1
expect_eq "nothing evictable: CACHE_THROUGH fails too" 255 "$RC"
expect_eq "nothing evictable: no UFS file left" no "$(exists "$L/underFSStorage/e/c1")"
lfs unpin /e/e1
lfs unpin /e/e5
sleep 0.5
# ASYNC_THROUGH blocks not yet persisted (initial wait 1h here) must not be evicted.
lfs -Dalluxio.user.file.writetype.default=ASYNC_THROUGH copyFromLocal "$work/src/e7" /e/a1
lfs -Dalluxio.user.file.writetype.default=CACHE_THROUGH copyFromLocal "$work/src/e2" /e/e2b
lfs -Dalluxio.user.file.writetype.default=CACHE_THROUGH copyFromLocal "$work/src/e3" /e/e3b
lfs_to "$work/read" cat /e/a1
expect_eq "unpersisted ASYNC_THROUGH file survives eviction pressure" "$(sha "$work/src/e7")" "$(sha "$work/read")"
# MUST_CACHE files are not protected: the oldest is evicted and its data is lost.
lfs -Dalluxio.user.file.writetype.default=MUST_CACHE copyFromLocal "$work/src/e8" /e/m2
lfs -Dalluxio.user.file.writetype.default=MUST_CACHE copyFromLocal "$work/src/e6" /e/m3
lfs -Dalluxio.user.file.writetype.default=MUST_CACHE copyFromLocal "$work/src/e5" /e/m4
wait_until 5 lpct_is 100% /e/m4
wait_until 5 lpct_is 0% /e/m2
expect_eq "evicted MUST_CACHE file: 0% in Alluxio" "0%" "$PCT"
lfs_to "$work/read" cat /e/m2
expect_eq "evicted MUST_CACHE file: read fails" 255 "$RC"
expect_contains "evicted MUST_CACHE file: data lost message" "$ERR" "is not persisted: its data is lost"

# ---- alluxio format while things are stopped ----
section "alluxio format while things are stopped"
kill9 "$MASTER_PID"
run format -Dalluxio.worker.rpc.port="$survivor_rpc"
expect_eq "format refuses while a worker runs" 255 "$RC"
expect_contains "format names the running worker" "$OUT$ERR" "An Alluxio worker is running on this host (port $survivor_rpc)"
kill9 "$W2_PID" "$LOCAL_PID" "$W1_PID"
expect_gt "blocks cached before the format" "$(find "$TIER1" -maxdepth 1 -type f | wc -l)" 0
run format -Dalluxio.worker.tieredstore.level0.dirs.path="$work/w1"
expect_eq "format exit" 0 "$RC"
expect_contains "format: metastore" "$OUT" "Formatted the master metastore $work/metastore"
expect_contains "format: worker storage" "$OUT" "Formatted the worker storage $TIER1 (MEM)"
expect_eq "format: no block left" 0 "$(find "$TIER1" -maxdepth 1 -type f | wc -l)"
start_master "$work" "$RPC" "$WEB" || echo "FAIL master after format"
fs ls /wt
expect_not_contains "format: an unpersisted file is gone" "$OUT" "/wt/mc2"
expect_contains "format: persisted files come back from the UFS" "$OUT" "/wt/CACHE_THROUGH"

finish
