#!/usr/bin/env bash
# Alluxio as a cache in front of S3: a bucket of a real S3 server (npm s3rver, installed by
# scripts/install-deps.sh --test) mounted in `alluxio local`, driven with `alluxio fs`.
# Usage: s3_ufs_test.sh path/to/alluxio
set -uo pipefail
ALLUXIO=$(realpath "${1:?usage: s3_ufs_test.sh path/to/alluxio}")
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/cluster.sh"
S3RVER="${ALLUXIO_S3RVER:-$(cd "$(dirname "$0")/../tools" && pwd)/node_modules/s3rver/bin/s3rver.js}"
[[ -f $S3RVER ]] || { echo "s3rver is not installed: run scripts/install-deps.sh --test"; exit 1; }

work=$(mktemp -d)
trap 'cleanup_cluster; rm -rf "$work"' EXIT
S3PORT=$(free_port)
start_s3rver() {
  node --openssl-legacy-provider "$S3RVER" -d "$work/s3data" -a 127.0.0.1 -p "$S3PORT" \
    >>"$work/s3rver.log" 2>&1 &
  S3PID=$!
  PIDS+=("$S3PID")
  for _ in $(seq 100); do
    curl -s -o /dev/null "http://127.0.0.1:$S3PORT/" && return 0
    sleep 0.1
  done
  echo "s3rver did not start"; cat "$work/s3rver.log"; return 1
}
mkdir -p "$work/s3data"
start_s3rver || exit 1
curl -s -XPUT "http://127.0.0.1:$S3PORT/bucket" >/dev/null
put() { curl -s -XPUT "http://127.0.0.1:$S3PORT/bucket/$1" --data-binary "@$2" >/dev/null; }

start_local_conf "$work" alluxio.worker.block.heartbeat.interval=200ms \
  alluxio.user.block.size.bytes.default=1MB alluxio.underfs.s3.endpoint="http://127.0.0.1:$S3PORT" \
  s3a.accessKeyId=S3RVER s3a.secretKey=S3RVER || exit 1
fs() { "$ALLUXIO" fs --conf-dir "$work" "$@"; }
sha() { sha256sum | cut -d' ' -f1; }

head -c 2500000 /dev/urandom >"$work/big.bin"
echo "small object" >"$work/small.txt"
put data/big.bin "$work/big.bin"
put data/small.txt "$work/small.txt"
put data/sub/deep.txt "$work/small.txt"

out=$(fs mount --option alluxio.underfs.s3.endpoint=http://127.0.0.1:$S3PORT \
  --option s3a.accessKeyId=S3RVER --option s3a.secretKey=S3RVER /s3 s3://bucket/data 2>&1)
expect_eq "mount an s3rver bucket" "Mounted s3://bucket/data at /s3" "$out"
table=$(fs mount 2>&1)
expect_contains "mount table shows the bucket" "$table" "s3://bucket/data"
expect_not_contains "mount table hides the secret" "$table" "secretKey=S3RVER"
listing=$(fs ls -R /s3 2>&1)
expect_contains "ls -R shows objects" "$listing" "/s3/big.bin"
expect_contains "ls -R shows nested objects" "$listing" "/s3/sub/deep.txt"
expect_contains "common prefixes are directories" "$listing" "DIR /s3/sub"

# A mount without options takes the endpoint and credentials from the global configuration,
# on the master and on the worker reading a miss.
put other/o.txt "$work/small.txt"
out=$(fs mount /s3g s3://bucket/other 2>&1)
expect_eq "mount with global S3 properties" "Mounted s3://bucket/other at /s3g" "$out"
expect_eq "global properties reach the worker" "small object" "$(fs cat /s3g/o.txt)"
expect_not_contains "mount table does not show the global secret" "$(fs mount 2>&1)" "S3RVER"
fs unmount /s3g >/dev/null

# Cold read from S3, then warm from the cache.
expect_eq "cold cat matches the object" "$(sha <"$work/big.bin")" "$(fs cat /s3/big.bin | sha)"
sleep 0.6
expect_contains "read cached the file" "$(fs ls /s3/big.bin)" "100%"
expect_eq "warm cat matches" "$(sha <"$work/big.bin")" "$(fs cat /s3/big.bin | sha)"

# Writes with every write type; CACHE_THROUGH/THROUGH appear in the bucket at once.
for wt in MUST_CACHE CACHE_THROUGH THROUGH ASYNC_THROUGH; do
  fs -Dalluxio.user.file.writetype.default=$wt copyFromLocal "$work/big.bin" /s3/up-$wt.bin >/dev/null 2>"$work/err" ||
    cat "$work/err"
  expect_eq "$wt write reads back" "$(sha <"$work/big.bin")" "$(fs cat /s3/up-$wt.bin | sha)"
done
obj() { curl -s "http://127.0.0.1:$S3PORT/bucket/data/$1" | sha; }
expect_eq "CACHE_THROUGH object in the bucket" "$(sha <"$work/big.bin")" "$(obj up-CACHE_THROUGH.bin)"
expect_eq "THROUGH object in the bucket" "$(sha <"$work/big.bin")" "$(obj up-THROUGH.bin)"
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$S3PORT/bucket/data/up-MUST_CACHE.bin")
expect_eq "MUST_CACHE stays out of the bucket" "404" "$code"
for _ in $(seq 50); do
  [[ $(fs ls /s3/up-ASYNC_THROUGH.bin) == *" PERSISTED"* ]] && break
  sleep 0.2
done
expect_eq "ASYNC_THROUGH persisted to the bucket" "$(sha <"$work/big.bin")" "$(obj up-ASYNC_THROUGH.bin)"
fs copyToLocal /s3/small.txt "$work/back.txt" >/dev/null
expect_eq "copyToLocal from S3" "small object" "$(cat "$work/back.txt")"

# free, then read again from S3.
out=$(fs free /s3/big.bin 2>&1)
expect_eq "free" "/s3/big.bin was successfully freed from Alluxio space." "$out"
expect_contains "freed file is 0% in Alluxio" "$(fs ls /s3/big.bin)" " 0%"
counter() {
  curl -sf "http://127.0.0.1:$WWEB/metrics/json/" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["counters"].get(sys.argv[1],{}).get("count",0))' "$1"
}
http_reads=$(counter Worker.BlockReadRequests) local_reads=$(counter Worker.BlocksReadLocal)
expect_eq "read after free" "$(sha <"$work/big.bin")" "$(fs cat /s3/big.bin | sha)"
# A miss of an S3 block is streamed over HTTP while the worker caches it (its first bytes come
# at once, not after the whole block): 2.5 MB in 1 MB blocks, all three over HTTP...
expect_eq "read after free: each missed S3 block streamed over HTTP" \
  $((http_reads + 3)) "$(counter Worker.BlockReadRequests)"
# ...and cached (once the worker reported them): the next read takes the tier files
# (short-circuit), nothing over HTTP.
for _ in $(seq 50); do [[ "$(fs ls /s3/big.bin)" == *" 100%"* ]] && break; sleep 0.2; done
expect_contains "cached after the read" "$(fs ls /s3/big.bin)" " 100%"
expect_eq "read again" "$(sha <"$work/big.bin")" "$(fs cat /s3/big.bin | sha)"
expect_eq "read again: every block from its tier file" \
  $((local_reads + 3)) "$(counter Worker.BlocksReadLocal)"
expect_eq "read again: no block over HTTP" $((http_reads + 3)) "$(counter Worker.BlockReadRequests)"

# An object changed behind Alluxio's back is seen after a metadata sync, never mixed.
echo "changed content, other length" >"$work/changed.txt"
put data/small.txt "$work/changed.txt"
fs loadMetadata -F /s3/small.txt >/dev/null 2>&1
expect_eq "changed object after sync" "changed content, other length" "$(fs cat /s3/small.txt)"

# S3 down: cached data still reads; uncached reads fail fast with a clear message.
sleep 0.6
fs cat /s3/big.bin >/dev/null  # cached again
sleep 0.6
kill -9 "$S3PID"; wait "$S3PID" 2>/dev/null
expect_eq "cached file reads with S3 down" "$(sha <"$work/big.bin")" "$(fs cat /s3/big.bin | sha)"
start=$SECONDS
err=$(fs cat /s3/sub/deep.txt 2>&1 >/dev/null); rc=$?
expect_eq "uncached read with S3 down fails" "255" "$rc"
expect_contains "the error says UNAVAILABLE-style unreachable" "$err" "127.0.0.1:$S3PORT"
expect_gt "and fails fast (< 45 s)" 45 $((SECONDS - start))

# S3 back: everything works again without restarting Alluxio.
start_s3rver || exit 1
expect_eq "uncached read after S3 is back" "small object" "$(fs cat /s3/sub/deep.txt)"
out=$(fs -Dalluxio.user.file.writetype.default=CACHE_THROUGH copyFromLocal "$work/small.txt" /s3/after.txt 2>&1)
expect_eq "write after S3 is back" "small object" "$(curl -s "http://127.0.0.1:$S3PORT/bucket/data/after.txt")"
finish
