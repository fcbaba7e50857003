#!/usr/bin/env bash
# Alluxio as a cache in front of S3, next to S3 itself, in one run on one machine:
#   direct: awscli downloading the object from the S3 server (npm s3rver) to /dev/null;
#   cold:   `alluxio fs cat` of the object through an s3:// mount, not cached yet;
#   warm:   `alluxio fs cat` again, served from the MEM tier.
# Printed as MB/s and ratios (goals from the issue: warm >= 10x faster than cold, cold no slower
# than 1.2x the direct awscli read). Best of RUNS (default 3).
# Usage: bench/s3_bench.sh path/to/alluxio [SIZE_MB]   (default 256; needs node + s3rver from
# scripts/install-deps.sh --test, and /usr/bin/aws)
set -euo pipefail
[[ $# -ge 1 && -x $1 ]] || { echo "usage: $0 path/to/alluxio [SIZE_MB]" >&2; exit 1; }
SIZE_MB=${2:-256}
RUNS=${RUNS:-3}
SIZE=$((SIZE_MB * 1024 * 1024))
S3RVER="$(cd "$(dirname "$0")/../tests/tools" && pwd)/node_modules/s3rver/bin/s3rver.js"
[[ -f $S3RVER ]] || { echo "s3rver missing: run scripts/install-deps.sh --test" >&2; exit 1; }

tmp=$(mktemp -d /tmp/s3_bench.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now_us() { echo $(($(date +%s%N) / 1000)); }
time_us() { local s e; s=$(now_us); "$@"; e=$(now_us); echo $((e - s)); }
mbps() { awk -v b="$SIZE" -v us="$1" 'BEGIN {printf "%.0f", b / us}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
best() { local b=$1; shift; for v in "$@"; do ((v < b)) && b=$v; done; echo "$b"; }

cp "$1" "$tmp/alluxio"
A=$tmp/alluxio
S3PORT=$(free_port)
mkdir -p "$tmp/s3" "$tmp/conf" "$tmp/mem"
node --openssl-legacy-provider "$S3RVER" -d "$tmp/s3" -a 127.0.0.1 -p "$S3PORT" >"$tmp/s3rver.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$S3PORT/" && break; sleep 0.1; done
export AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER AWS_DEFAULT_REGION=us-east-1
aws() { env -u AWS_CA_BUNDLE /usr/bin/aws --endpoint-url "http://127.0.0.1:$S3PORT" "$@"; }
aws s3 mb s3://bench >/dev/null
head -c "$SIZE" /dev/urandom >"$tmp/object"
aws s3 cp "$tmp/object" "s3://bench/data/object" >/dev/null
rm -f "$tmp/object"

cat >"$tmp/conf/alluxio-site.properties" <<CONF
alluxio.work.dir=$tmp/work
alluxio.master.rpc.port=$(free_port)
alluxio.master.web.port=$(free_port)
alluxio.worker.rpc.port=$(free_port)
alluxio.worker.web.port=$(free_port)
alluxio.proxy.web.port=$(free_port)
alluxio.worker.tieredstore.level0.dirs.path=$tmp/mem
alluxio.worker.ramdisk.size=$((SIZE_MB * 2 + 256))MB
alluxio.worker.block.heartbeat.interval=200ms
alluxio.underfs.s3.endpoint=http://127.0.0.1:$S3PORT
s3a.accessKeyId=S3RVER
s3a.secretKey=S3RVER
CONF
export ALLUXIO_CONF_DIR=$tmp/conf
"$A" local >"$tmp/local.log" 2>&1 &
pids+=($!)
sleep 2
"$A" fs mount /s3 s3://bench/data >/dev/null

direct_read() { aws s3 cp s3://bench/data/object - >/dev/null; }
alluxio_read() { "$A" fs cat /s3/object >/dev/null; }
direct=() cold=() warm=()
for _ in $(seq "$RUNS"); do
  direct+=("$(time_us direct_read)")
  "$A" fs free /s3/object >/dev/null 2>&1 || true
  cold+=("$(time_us alluxio_read)")
  for _ in $(seq 50); do
    [[ $("$A" fs ls /s3/object) == *"100%"* ]] && break
    sleep 0.2
  done
  warm+=("$(time_us alluxio_read)")
done
d=$(best "${direct[@]}"); c=$(best "${cold[@]}"); w=$(best "${warm[@]}")
echo "object ${SIZE_MB} MiB, best of $RUNS"
echo "direct (awscli from s3rver): $(mbps "$d") MB/s"
echo "cold (alluxio fs cat, from S3): $(mbps "$c") MB/s  time ratio cold/direct $(ratio "$c" "$d") (goal <= 1.2)"
echo "warm (alluxio fs cat, cached):  $(mbps "$w") MB/s  warm is $(ratio "$c" "$w")x faster than cold (goal >= 10x)"
