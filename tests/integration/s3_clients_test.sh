#!/usr/bin/env bash
# The S3 API with the real clients people use, from Debian's packages, against `alluxio local`:
# s3cmd (on the worker's REST port: s3cmd cannot address an endpoint below a path) and rclone
# (on the proxy's /api/v1/s3): put/get/ls/del, sync of a directory, s3cmd multipart with 5 MB
# chunks, objects of 0 B, 1 B, 5 MiB+1 and (once) 100 MiB byte for byte. Then bad input with
# curl and boto3: malformed XML, bad part numbers, a Range past the end, a 10,000-key listing
# with every prefix/delimiter shape, keys with spaces, unicode, '+', '%' and '..'; nothing may
# escape its bucket and the daemon must stay up. (s3_api_test.sh covers the awscli/boto3 basics.)
# Usage: s3_clients_test.sh path/to/alluxio   (needs s3cmd, rclone, python3-boto3, curl)
set -uo pipefail
ALLUXIO=$(realpath "${1:?usage: s3_clients_test.sh path/to/alluxio}")
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh"
source "$HERE/cluster.sh"

for tool in s3cmd rclone; do
  command -v "$tool" >/dev/null || { echo "s3_clients_test needs $tool: scripts/install-deps.sh --test"; exit 1; }
done

work=$(mktemp -d)
trap 'cleanup_cluster; rm -rf "$work"' EXIT
REST=$(free_port)
start_local "$work" "$(free_port)" "$(free_port)" "$(free_port)" "$(free_port)" \
  -Dalluxio.worker.tieredstore.level0.dirs.quota=512MB -Dalluxio.worker.s3.api.enabled=true \
  -Dalluxio.worker.rest.port="$REST" -Dalluxio.user.block.size.bytes.default=16MB ||
  { tail -20 "$work/local.log"; exit 1; }
wait_http "http://127.0.0.1:$REST/healthz" || exit 1
PROXY_EP="http://127.0.0.1:$LOCAL_PROXY_PORT/api/v1/s3"
WORKER_EP="http://127.0.0.1:$REST"
UFS=$work/underFSStorage
sha() { sha256sum "$1" | cut -d' ' -f1; }

cat >"$work/s3cfg" <<CFG
[default]
access_key = carol
secret_key = dummy
host_base = 127.0.0.1:$REST
host_bucket = 127.0.0.1:$REST
use_https = False
signature_v2 = False
bucket_location = us-east-1
check_ssl_certificate = False
CFG
# s3 ARGS...: s3cmd against the worker's S3 port; sets OUT, RC.
s3() {
  s3cmd -c "$work/s3cfg" --no-progress "$@" >"$work/out" 2>&1
  RC=$?
  OUT=$(<"$work/out")
}
export RCLONE_CONFIG=$work/rclone.conf
cat >"$RCLONE_CONFIG" <<CFG
[al]
type = s3
provider = Other
access_key_id = carol
secret_access_key = dummy
endpoint = $PROXY_EP
force_path_style = true
region = us-east-1
CFG
# rc ARGS...: rclone against the proxy; sets OUT, RC.
rc() {
  env -u AWS_CA_BUNDLE rclone --retries 1 --low-level-retries 1 "$@" >"$work/out" 2>&1
  RC=$?
  OUT=$(<"$work/out")
}

# --- Objects of awkward sizes, both clients, byte for byte ------------------------------------
mkdir -p "$work/sizes" "$work/back"
for n in 0 1 5242881; do head -c "$n" /dev/urandom >"$work/sizes/$n.bin"; done
s3 mb s3://cmd
expect_eq "s3cmd mb" "0" "$RC"
rc mkdir al:rcl
expect_eq "rclone mkdir" "0" "$RC"
for n in 0 1 5242881; do
  s3 put "$work/sizes/$n.bin" "s3://cmd/sizes/$n.bin"
  s3 get --force "s3://cmd/sizes/$n.bin" "$work/back/cmd-$n.bin"
  expect_eq "s3cmd $n B" "$(sha "$work/sizes/$n.bin")" "$(sha "$work/back/cmd-$n.bin")"
  rc copyto "$work/sizes/$n.bin" "al:rcl/sizes/$n.bin"
  rc copyto "al:rcl/sizes/$n.bin" "$work/back/rcl-$n.bin"
  expect_eq "rclone $n B" "$(sha "$work/sizes/$n.bin")" "$(sha "$work/back/rcl-$n.bin")"
done
s3 ls s3://cmd/sizes/
expect_contains "s3cmd ls" "$OUT" "s3://cmd/sizes/5242881.bin"
expect_eq "s3cmd ls count" "3" "$(grep -c 's3://cmd/sizes/' <<<"$OUT")"
rc lsl al:rcl/sizes
expect_contains "rclone lsl size" "$OUT" "5242881 "

# 100 MiB once, through rclone's multipart upload, then back through s3cmd on the worker.
head -c $((100 * 1024 * 1024)) /dev/urandom >"$work/big.bin"
rc copyto "$work/big.bin" al:rcl/big.bin --s3-chunk-size 16M --s3-upload-concurrency 2
expect_eq "rclone 100 MiB upload" "0" "$RC"
s3 get --force s3://rcl/big.bin "$work/back/big.bin"
expect_eq "100 MiB round-trip" "$(sha "$work/big.bin")" "$(sha "$work/back/big.bin")"
expect_eq "100 MiB in the UFS" "$(sha "$work/big.bin")" "$(sha "$UFS/rcl/big.bin")"
rm -f "$work/back/big.bin"

# --- s3cmd multipart with 5 MB chunks ----------------------------------------------------------
head -c $((12 * 1024 * 1024 + 3)) /dev/urandom >"$work/mp.bin"
s3 put --multipart-chunk-size-mb=5 "$work/mp.bin" s3://cmd/mp.bin
expect_eq "s3cmd multipart put" "0" "$RC"
s3 get --force s3://cmd/mp.bin "$work/back/mp.bin"
expect_eq "s3cmd multipart round-trip" "$(sha "$work/mp.bin")" "$(sha "$work/back/mp.bin")"
expect_contains "the object was put in 3 parts (ETag -3)" \
  "$(curl -s -I "$WORKER_EP/cmd/mp.bin" | tr -d '\r' | grep -i '^etag:')" '-3"'


# --- sync of a directory (both clients), then deletes -----------------------------------------
mkdir -p "$work/tree/a/b" "$work/tree/c"
for f in a/1 a/b/2 c/3 top; do head -c $((RANDOM + 1)) /dev/urandom >"$work/tree/$f"; done
s3 sync "$work/tree/" s3://cmd/tree/
expect_eq "s3cmd sync up" "0" "$RC"
rm "$work/tree/c/3"
echo changed >"$work/tree/top"
s3 sync --delete-removed "$work/tree/" s3://cmd/tree/
expect_contains "s3cmd sync deletes" "$OUT" "delete: 's3://cmd/tree/c/3'"
s3 sync s3://cmd/tree/ "$work/tree-back/"
expect_eq "s3cmd sync down" "$(cd "$work/tree" && find . -type f | sort | xargs sha256sum)" \
  "$(cd "$work/tree-back" && find . -type f | sort | xargs sha256sum)"
rc sync "$work/tree" al:rcl/tree
expect_eq "rclone sync up" "0" "$RC"
rc check "$work/tree" al:rcl/tree
expect_eq "rclone check" "0" "$RC"
rc sync al:rcl/tree "$work/rtree-back"
expect_eq "rclone sync down" "$(cd "$work/tree" && find . -type f | sort | xargs sha256sum)" \
  "$(cd "$work/rtree-back" && find . -type f | sort | xargs sha256sum)"
s3 del s3://cmd/tree/top
s3 ls s3://cmd/tree/
expect_not_contains "s3cmd del" "$OUT" "tree/top"
rc deletefile al:rcl/tree/top
rc lsf -R al:rcl/tree
expect_eq "rclone deletefile" $'a/\na/1\na/b/\na/b/2' "$(sort <<<"$OUT")"
s3 del --recursive --force s3://cmd/tree/
s3 ls s3://cmd/tree/
expect_eq "s3cmd recursive del" "" "$OUT"
expect_eq "deleted dirs do not linger in the UFS" "no" "$([[ -e $UFS/cmd/tree ]] && echo yes || echo no)"

# --- Odd keys through both clients ------------------------------------------------------------
mkdir -p "$work/odd"
odd_names=("with space" "unicodé-中文" "plus+sign" "per%cent" "per%2Fcent" "a..b" "trailing." "~tilde")
for name in "${odd_names[@]}"; do printf '%s' "$name" >"$work/odd/$name"; done
s3 put --recursive "$work/odd/" s3://cmd/odd/
rc copy "$work/odd" al:rcl/odd
for name in "${odd_names[@]}"; do
  s3 get --force "s3://cmd/odd/$name" "$work/back/odd"
  expect_eq "s3cmd key '$name'" "$name" "$(<"$work/back/odd")"
  rc cat "al:rcl/odd/$name"
  expect_eq "rclone key '$name'" "$name" "$OUT"
done
s3 ls s3://cmd/odd/
expect_eq "s3cmd lists every odd key" "${#odd_names[@]}" "$(grep -c 's3://cmd/odd/' <<<"$OUT")"
rc lsf al:rcl/odd
expect_eq "rclone lists every odd key" "$(printf '%s\n' "${odd_names[@]}" | sort)" "$(sort <<<"$OUT")"

# --- Bad input with curl -----------------------------------------------------------------------
for ep in "$PROXY_EP" "$WORKER_EP"; do
  base="$ep/cmd"
  code() { curl -s --path-as-is -o "$work/body" -w '%{http_code}' "$@"; }
  id=$(curl -s -X POST "$base/badmp?uploads" | sed -n 's:.*<UploadId>\(.*\)</UploadId>.*:\1:p')
  for part in 0 10001 -1 abc 1.5 ""; do
    expect_eq "part number '$part' ($ep)" "400" \
      "$(code -X PUT --data-binary x "$base/badmp?partNumber=$part&uploadId=$id")"
  done
  expect_eq "unknown upload id" "404" "$(code -X PUT --data-binary x "$base/badmp?partNumber=1&uploadId=nope")"
  for xml in "<CompleteMultipartUpload><Part>" "not xml" "" \
    "<CompleteMultipartUpload><Part><PartNumber>x</PartNumber><ETag>e</ETag></Part></CompleteMultipartUpload>" \
    "<!DOCTYPE a [<!ENTITY b SYSTEM \"file:///etc/passwd\">]><CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>&b;</ETag></Part></CompleteMultipartUpload>"; do
    c=$(code -X POST --data-binary "$xml" "$base/badmp?uploadId=$id")
    expect_eq "complete with bad XML '${xml:0:30}' ($ep)" "400" "$c"
    expect_not_contains "no file content in errors" "$(<"$work/body")" "root:"
  done
  expect_contains "tagging with bad XML" \
    "$(curl -s -X PUT --data-binary '<Tagging><TagSet><Tag>' "$base/sizes/1.bin?tagging")" "MalformedXML"
  expect_contains "delete with bad XML" "$(curl -s -X POST --data-binary '<Delete><Obj' "$base?delete")" \
    "MalformedXML"
  expect_eq "range past the end" "416" "$(code -r 5-9 "$base/sizes/1.bin")"
  expect_contains "range past the end code" "$(<"$work/body")" "<Code>InvalidRange</Code>"
  expect_eq "range on an empty object" "416" "$(code -r 0-0 "$base/sizes/0.bin")"
  expect_eq "range clamped to the end" "206 1" "$(code -r 0-999 "$base/sizes/1.bin") $(wc -c <"$work/body")"
  expect_eq "bad range ignored" "200" "$(code -r bytes=x-y "$base/sizes/1.bin")"
  for key in "..%2Fescape" "%2E%2E/escape" "a/%2E%2E/%2E%2E/escape" "a/./b" "%00nul" \
    "$(head -c 1100 /dev/zero | tr '\0' k)"; do
    c=$(code -X PUT --data-binary x "$base/$key")
    expect_eq "key '${key:0:20}' refused ($ep)" "400" "$c"
  done
  expect_eq "bucket '..'" "400" "$(code -X PUT "$ep/%2E%2E")"
  expect_eq "metadata dir is no bucket" "400" "$(code "$ep/.alluxio_s3_api_metadata")"
  curl -s -X DELETE "$base/badmp?uploadId=$id" >/dev/null
done
expect_eq "nothing escaped to the UFS root" "$(printf 'cmd\nrcl')" \
  "$(find "$UFS" -mindepth 1 -maxdepth 1 | sed "s:$UFS/::" | grep -v '^\.alluxio' | sort)"
expect_eq "nothing named escape anywhere" "" "$(find "$work" -name 'escape*')"

# --- 10,000 keys: every listing shape (boto3 paginators against a model) ----------------------
/usr/bin/python3 - "$PROXY_EP" "$UFS" <<'PY' >"$work/py.out" 2>&1
import os, sys, concurrent.futures
import boto3
from botocore.config import Config
ep, ufs = sys.argv[1], sys.argv[2]
s3 = boto3.client("s3", endpoint_url=ep, aws_access_key_id="erin", aws_secret_access_key="x",
                  region_name="us-east-1",
                  config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 2},
                                max_pool_connections=8))
s3.create_bucket(Bucket="many")
keys = [f"k/{a}/{b}/{c:02d}" for a in range(10) for b in range(10) for c in range(99)]
keys += [f"flat{i}" for i in range(100)]          # 10,000 in all
keys += ["k/3/4x", "k/3/4-y", "odd key/é", "dot.a/b"]
def put(k): s3.put_object(Bucket="many", Key=k, Body=k.encode())
with concurrent.futures.ThreadPoolExecutor(8) as pool:
    list(pool.map(put, keys))
keys.sort()
fails = passes = 0
def model(prefix, delim):
    contents, prefixes = [], []
    for k in keys:
        if not k.startswith(prefix): continue
        rest = k[len(prefix):]
        if delim and delim in rest:
            p = prefix + rest[:rest.index(delim) + len(delim)]
            if not prefixes or prefixes[-1] != p: prefixes.append(p)
        else:
            contents.append(k)
    return contents, sorted(set(prefixes))
def listed(v2, prefix, delim, page):
    op = "list_objects_v2" if v2 else "list_objects"
    kw = {"Bucket": "many", "Prefix": prefix, "PaginationConfig": {"PageSize": page}}
    if delim: kw["Delimiter"] = delim
    contents, prefixes, pages = [], [], 0
    for p in s3.get_paginator(op).paginate(**kw):
        pages += 1
        contents += [o["Key"] for o in p.get("Contents", [])]
        prefixes += [c["Prefix"] for c in p.get("CommonPrefixes", [])]
    return contents, sorted(set(prefixes)), pages
shapes = [("", ""), ("", "/"), ("k/", "/"), ("k/3/", "/"), ("k/3/4", "/"), ("k/3/4/", "/"),
          ("k/3/4/5", ""), ("k/3/4/", ""), ("k/", "4"), ("", "k"), ("flat", "1"), ("nope/", "/"),
          ("k/3/4/05", "/"), ("odd", " "), ("dot", "."), ("k/9/9/98", "/")]
for v2 in (True, False):
    for prefix, delim in shapes:
        for page in ((1000, 7) if prefix.count("/") >= 2 else (1000,)):
            want = model(prefix, delim)
            got = listed(v2, prefix, delim, page)
            ok = got[:2] == want
            passes += ok; fails += not ok
            if not ok:
                print(f"FAIL listing v2={v2} prefix={prefix!r} delimiter={delim!r} page={page}: "
                      f"{len(got[0])} keys/{len(got[1])} prefixes, want "
                      f"{len(want[0])}/{len(want[1])}")
total, _, pages = listed(True, "", "", 1000)
ok = len(total) == len(keys) and pages == 11
passes += ok; fails += not ok
if not ok: print(f"FAIL full listing: {len(total)} keys in {pages} pages")
print(f"listing: {passes} passed, {fails} failed")
sys.exit(1 if fails else 0)
PY
py_rc=$?
cat "$work/py.out"
expect_eq "10,000-key listings" "0" "$py_rc"

expect_eq "proxy still up" "200" "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$LOCAL_PROXY_PORT/healthz")"
expect_eq "worker S3 still up" "200" "$(curl -s -o /dev/null -w '%{http_code}' "$WORKER_EP/healthz")"
expect_eq "one process, never restarted" "1" "$(kill -0 "$LOCAL_PID" 2>/dev/null && echo 1)"
if ((FAILURES > 0)); then tail -30 "$work/local.log"; fi
finish
