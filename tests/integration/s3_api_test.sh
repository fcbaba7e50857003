#!/usr/bin/env bash
# The S3 API (compat §2) on a real `alluxio local`, driven by real clients: awscli for the
# everyday commands (mb, ls, cp up/down with a 20 MB multipart upload, ranges, copy, batch
# delete, abort), curl for a multipart upload that outlives a restart, and boto3
# (s3_api_test.py) for byte-exact round trips, listings, errors and multipart checks.
# Then, on a second `alluxio local` with alluxio.s3.rest.authentication.enabled=true and the S3
# API also on the worker's REST port: awscli and boto3 with right and wrong secrets, presigned
# URLs fetched with curl, signed aws-chunked uploads. Last, a master with two workers in
# redirect mode: a GetObject at the worker not owning the data answers 307 to the owner.
# Usage: s3_api_test.sh path/to/alluxio   (needs: apt-get install awscli python3-boto3)
set -uo pipefail
ALLUXIO=$(realpath "${1:?usage: s3_api_test.sh path/to/alluxio}")
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh"
source "$HERE/cluster.sh"

if [[ ! -x /usr/bin/aws ]] || ! /usr/bin/python3 -c 'import boto3' 2>/dev/null; then
  echo "s3_api_test needs awscli and python3-boto3: scripts/install-deps.sh --test"
  exit 1
fi

work=$(mktemp -d)
trap 'cleanup_cluster; rm -rf "$work"' EXIT
MASTER=$(free_port); MWEB=$(free_port); WORKER=$(free_port); WWEB=$(free_port); PROXY=$(free_port)
cat >"$work/alluxio-site.properties" <<PROPS
alluxio.work.dir=$work/work
alluxio.master.rpc.port=$MASTER
alluxio.master.web.port=$MWEB
alluxio.worker.rpc.port=$WORKER
alluxio.worker.web.port=$WWEB
alluxio.proxy.web.port=$PROXY
alluxio.worker.tieredstore.level0.dirs.path=$work/mem
alluxio.worker.ramdisk.size=64MB
alluxio.user.block.size.bytes.default=8MB
PROPS
start_local() {
  # No SIGPIPE trap on purpose: range reads make the worker's sendfile(2) hit readers that hung
  # up, and the daemon must survive that by itself (lib/net blocks SIGPIPE in server threads).
  "$ALLUXIO" local --conf-dir "$work" >>"$work/local.log" 2>&1 &
  LOCAL_PID=$!
  PIDS+=("$LOCAL_PID")
  wait_http "http://127.0.0.1:$PROXY/healthz" || { echo "proxy did not start"; cat "$work/local.log"; exit 1; }
  wait_http "http://127.0.0.1:$WWEB/healthz" || exit 1
  worker_registered "$WWEB" || exit 1
}
start_local

EP="http://127.0.0.1:$PROXY/api/v1/s3"
export AWS_ACCESS_KEY_ID=alice AWS_SECRET_ACCESS_KEY=dummy AWS_DEFAULT_REGION=us-east-1
export AWS_CONFIG_FILE=$work/aws-config AWS_SHARED_CREDENTIALS_FILE=$work/aws-credentials
export AWS_EC2_METADATA_DISABLED=true AWS_PAGER=""
touch "$work/aws-config" "$work/aws-credentials"
# aws ARGS...: awscli against the proxy; sets OUT, ERR and RC.
aws() {
  env -u AWS_CA_BUNDLE /usr/bin/aws --endpoint-url "$EP" "$@" >"$work/out" 2>"$work/err"
  RC=$?
  OUT=$(<"$work/out")
  ERR=$(<"$work/err")
}
sha() { sha256sum "$1" | cut -d' ' -f1; }

# --- awscli ----------------------------------------------------------------------------------
aws s3 mb s3://cli
expect_eq "mb" "make_bucket: cli" "$OUT"
mkdir -p "$work/up" "$work/down"
head -c 20000000 /dev/urandom >"$work/up/big.bin"  # over awscli's 8 MB threshold: multipart
head -c 1000 /dev/urandom >"$work/up/small.bin"
aws s3 cp "$work/up" s3://cli/data/ --recursive --no-progress
expect_eq "cp up rc" "0" "$RC"
aws s3 ls
expect_contains "ls buckets" "$OUT" " cli"
expect_not_contains "metadata dir hidden" "$OUT" ".alluxio_s3_api_metadata"
aws s3 cp s3://cli/data/ "$work/down" --recursive --no-progress
expect_eq "cp down rc" "0" "$RC"
expect_eq "big round-trip" "$(sha "$work/up/big.bin")" "$(sha "$work/down/big.bin")"
expect_eq "small round-trip" "$(sha "$work/up/small.bin")" "$(sha "$work/down/small.bin")"
expect_eq "written through to the UFS" "$(sha "$work/up/big.bin")" \
  "$(sha "$work/work/underFSStorage/cli/data/big.bin")"

aws s3api head-object --bucket cli --key data/big.bin --query '[ContentLength, ETag]' --output text
expect_eq "head big" $'20000000\t"'"$(
  /usr/bin/python3 - "$work/up/big.bin" <<'PY'
import hashlib, sys
data = open(sys.argv[1], "rb").read()
step = 8 * 1024 * 1024
md5s = b"".join(hashlib.md5(data[i:i + step]).digest() for i in range(0, len(data), step))
print(f"{hashlib.md5(md5s).hexdigest()}-{(len(data) + step - 1) // step}", end="")
PY
)"'"' "$OUT"

aws s3api get-object --bucket cli --key data/big.bin --range bytes=1000-1999 "$work/range.bin"
expect_contains "range reply" "$OUT" '"ContentRange": "bytes 1000-1999/20000000"'
expect_eq "range bytes" "$(tail -c +1001 "$work/up/big.bin" | head -c 1000 | sha256sum | cut -d' ' -f1)" \
  "$(sha "$work/range.bin")"

aws s3api copy-object --bucket cli --key top.txt --copy-source cli/data/small.bin \
  --metadata-directive REPLACE --content-type text/plain
expect_contains "copy-object" "$OUT" '"ETag": "\"'"$(md5sum <"$work/up/small.bin" | cut -d' ' -f1)"

aws s3api list-objects-v2 --bucket cli --delimiter / --page-size 1 \
  --query '[CommonPrefixes[].Prefix, Contents[].Key]' --output json
expect_eq "list v2 delimiter, pages of 1" '[["data/"],["top.txt"]]' "$(tr -d ' \n' <<<"$OUT")"
aws s3api list-objects-v2 --bucket cli --prefix data/ --query 'Contents[].[Key, Size]' --output text
expect_eq "list v2 prefix" $'data/big.bin\t20000000\ndata/small.bin\t1000' "$OUT"

aws s3api create-multipart-upload --bucket cli --key abandoned --query UploadId --output text
UPLOAD=$OUT
aws s3api abort-multipart-upload --bucket cli --key abandoned --upload-id "$UPLOAD"
expect_eq "abort rc" "0" "$RC"
expect_not_contains "aborted upload gone" "$(curl -s "$EP/cli?uploads")" "$UPLOAD"

aws s3api delete-objects --bucket cli \
  --delete '{"Objects":[{"Key":"top.txt"},{"Key":"data/small.bin"}]}' \
  --query 'Deleted[].Key' --output text
expect_eq "delete-objects" $'top.txt\tdata/small.bin' "$OUT"
aws s3 rm s3://cli/data/big.bin
expect_eq "rm" "delete: s3://cli/data/big.bin" "$OUT"
aws s3 rb s3://cli
expect_eq "rb of the emptied bucket" "remove_bucket: cli" "$OUT"
aws s3api get-object --bucket cli --key nope "$work/nope"
expect_contains "missing bucket error" "$ERR" "NoSuchBucket"

# --- A multipart upload survives a restart (curl, no credentials: the proxy's own user) -----
curl -sf -X PUT "$EP/keep" >/dev/null
id=$(curl -sf -X POST "$EP/keep/obj?uploads" | sed -n 's:.*<UploadId>\(.*\)</UploadId>.*:\1:p')
expect_eq "upload id" "32" "${#id}"
etag=$(curl -sf -X PUT --data-binary "before restart" -D - -o /dev/null \
  "$EP/keep/obj?partNumber=1&uploadId=$id" | tr -d '\r' | sed -n 's/^ETag: //ip')
kill "$LOCAL_PID"
wait "$LOCAL_PID" 2>/dev/null
start_local
expect_contains "parts after restart" "$(curl -s "$EP/keep/obj?uploadId=$id")" "<ETag>$etag</ETag>"
body="<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>$etag</ETag></Part></CompleteMultipartUpload>"
expect_contains "complete after restart" "$(curl -s -X POST --data "$body" "$EP/keep/obj?uploadId=$id")" \
  "<CompleteMultipartUploadResult"
expect_eq "object after restart" "before restart" "$(curl -s "$EP/keep/obj")"

# --- boto3 -----------------------------------------------------------------------------------
/usr/bin/python3 "$HERE/s3_api_test.py" "$EP" >"$work/py.out" 2>&1
py_rc=$?
cat "$work/py.out"
expect_eq "boto3 checks" "0" "$py_rc"

# --- Authentication on (proxy and worker REST port) -------------------------------------------
kill "$LOCAL_PID"
wait "$LOCAL_PID" 2>/dev/null
auth=$work/auth
mkdir -p "$auth/conf"
A_PROXY=$(free_port); A_WWEB=$(free_port); A_REST=$(free_port)
cat >"$auth/conf/alluxio-site.properties" <<PROPS
alluxio.work.dir=$auth/work
alluxio.master.rpc.port=$(free_port)
alluxio.master.web.port=$(free_port)
alluxio.worker.rpc.port=$(free_port)
alluxio.worker.web.port=$A_WWEB
alluxio.proxy.web.port=$A_PROXY
alluxio.worker.tieredstore.level0.dirs.path=$auth/mem
alluxio.worker.ramdisk.size=64MB
alluxio.user.block.size.bytes.default=8MB
alluxio.s3.rest.authentication.enabled=true
alluxio.s3.rest.authentication.credentials=alice:alice-Secret/123+x,bob:bob-secret
alluxio.worker.s3.api.enabled=true
alluxio.worker.rest.port=$A_REST
PROPS
"$ALLUXIO" local --conf-dir "$auth/conf" >>"$auth/local.log" 2>&1 &
LOCAL_PID=$!
PIDS+=("$LOCAL_PID")
wait_http "http://127.0.0.1:$A_PROXY/healthz" && wait_http "http://127.0.0.1:$A_REST/healthz" &&
  worker_registered "$A_WWEB" || { tail -20 "$auth/local.log"; exit 1; }
expect_not_contains "credentials masked in proxy info" \
  "$(curl -s "http://127.0.0.1:$A_PROXY/api/v1/proxy/info")" "alice-Secret"

export AWS_SECRET_ACCESS_KEY='alice-Secret/123+x'
for ep in "http://127.0.0.1:$A_PROXY/api/v1/s3" "http://127.0.0.1:$A_REST"; do
  EP=$ep
  name=$([[ $ep == *api/v1/s3 ]] && echo proxy || echo worker)
  aws s3 mb "s3://auth-$name"
  expect_eq "$name: mb with the right secret" "0" "$RC"
  aws s3 cp "$work/up/big.bin" "s3://auth-$name/big.bin" --no-progress
  expect_eq "$name: multipart cp with the right secret" "0" "$RC"
  aws s3 cp "s3://auth-$name/big.bin" "$work/auth-$name.bin" --no-progress
  expect_eq "$name: round-trip" "$(sha "$work/up/big.bin")" "$(sha "$work/auth-$name.bin")"
  AWS_SECRET_ACCESS_KEY=wrong aws s3 ls "s3://auth-$name"
  expect_eq "$name: wrong secret fails" "1" "$((RC != 0))"
  expect_contains "$name: wrong secret error" "$ERR" "SignatureDoesNotMatch"
  AWS_SECRET_ACCESS_KEY=wrong aws s3 cp "$work/up/small.bin" "s3://auth-$name/small.bin"
  expect_contains "$name: wrong secret upload refused" "$ERR" "SignatureDoesNotMatch"
  AWS_ACCESS_KEY_ID=mallory aws s3 ls "s3://auth-$name"
  expect_contains "$name: unknown key" "$ERR" "InvalidAccessKeyId"
  aws s3 ls "s3://auth-$name"
  expect_contains "$name: listing" "$OUT" "big.bin"
  expect_not_contains "$name: nothing from the wrong secret" "$OUT" "small.bin"
  # Presigned URLs: fetched with curl; a changed signature and an expired URL are refused.
  aws s3 presign "s3://auth-$name/big.bin" --expires-in 60
  url=$OUT
  curl -s -o "$work/presigned.bin" "$url"
  expect_eq "$name: presigned curl" "$(sha "$work/up/big.bin")" "$(sha "$work/presigned.bin")"
  last=${url: -1}
  expect_contains "$name: tampered presigned URL" \
    "$(curl -s -i "${url%?}$([[ $last == 0 ]] && echo 1 || echo 0)")" "SignatureDoesNotMatch"
  aws s3 presign "s3://auth-$name/big.bin" --expires-in 1
  sleep 2
  got=$(curl -s -i "$OUT")
  expect_contains "$name: expired presigned URL status" "$got" "403"
  expect_contains "$name: expired presigned URL code" "$got" "<Code>AccessDenied</Code>"
  expect_contains "$name: anonymous request refused" \
    "$(curl -s "${ep}/auth-$name/big.bin")" "<Code>AccessDenied</Code>"
done
/usr/bin/python3 "$HERE/s3_api_test.py" --auth "http://127.0.0.1:$A_PROXY/api/v1/s3" \
  alice 'alice-Secret/123+x' >"$work/py-auth.out" 2>&1
py_rc=$?
cat "$work/py-auth.out"
expect_eq "boto3 auth checks (proxy)" "0" "$py_rc"
/usr/bin/python3 "$HERE/s3_api_test.py" --auth "http://127.0.0.1:$A_REST" bob bob-secret \
  >"$work/py-auth-worker.out" 2>&1
py_rc=$?
cat "$work/py-auth-worker.out"
expect_eq "boto3 auth checks (worker)" "0" "$py_rc"
export AWS_SECRET_ACCESS_KEY=dummy
kill "$LOCAL_PID"
wait "$LOCAL_PID" 2>/dev/null

# --- Redirect mode: a master and two workers serving S3 -------------------------------------
red=$work/redirect
mkdir -p "$red"
M_RPC=$(free_port); M_WEB=$(free_port)
start_master "$red" "$M_RPC" "$M_WEB" || { tail -20 "$red/master.log"; exit 1; }
REST1=$(free_port); REST2=$(free_port)
for i in 1 2; do
  rest_var=REST$i
  start_worker "$red" "w$i" "$(free_port)" "$(free_port)" -Dalluxio.master.hostname=localhost \
    -Dalluxio.master.rpc.port="$M_RPC" -Dalluxio.worker.s3.api.enabled=true \
    -Dalluxio.worker.s3.redirect.enabled=true -Dalluxio.worker.rest.port="${!rest_var}" \
    -Dalluxio.user.block.size.bytes.default=1MB \
    $( ((i == 2)) && echo -Dalluxio.proxy.s3.multipart.upload.cleaner.enabled=true \
      -Dalluxio.proxy.s3.multipart.upload.cleaner.timeout=2s) || { tail -20 "$red/w$i.log"; exit 1; }
done
curl -sf -X PUT "http://127.0.0.1:$REST1/red" >/dev/null
head -c 3000000 /dev/urandom >"$work/red.bin"
curl -sf -X PUT --data-binary @"$work/red.bin" "http://127.0.0.1:$REST1/red/dir/obj%20x" >/dev/null
h1=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url} %{size_download}' \
  "http://127.0.0.1:$REST1/red/dir/obj%20x?x-id=GetObject")
h2=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url} %{size_download}' \
  "http://127.0.0.1:$REST2/red/dir/obj%20x?x-id=GetObject")
echo "redirect: worker 1 -> $h1; worker 2 -> $h2"
if [[ $h1 == 307* ]]; then owner=$REST2 other=$REST1 redirect=$h1 served=$h2
else owner=$REST1 other=$REST2 redirect=$h2 served=$h1; fi
expect_eq "the owner serves" "200" "${served%% *}"
expect_eq "the other worker redirects, no body" \
  "307 http://localhost:$owner/red/dir/obj%20x?x-id=GetObject 0" "$redirect"
curl -s -L -o "$work/red.out" "http://127.0.0.1:$other/red/dir/obj%20x"
expect_eq "following the redirect" "$(sha "$work/red.bin")" "$(sha "$work/red.out")"
expect_eq "HEAD is answered where asked" "200" \
  "$(curl -s -I -o /dev/null -w '%{http_code}' "http://127.0.0.1:$other/red/dir/obj%20x")"
expect_eq "ranges follow too" "$(head -c 10 "$work/red.bin" | sha256sum | cut -d' ' -f1)" \
  "$(curl -s -L -r 0-9 "http://127.0.0.1:$other/red/dir/obj%20x" | sha256sum | cut -d' ' -f1)"
expect_eq "a missing key is not redirected" "404" \
  "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$other/red/nope")"

# The multipart cleaner also runs on a worker serving S3 (worker 2 here, timeout 2 s): an upload
# started at worker 1 and abandoned is aborted, its parts gone, and its key never appears.
upload=$(curl -s -X POST "http://127.0.0.1:$REST1/red/abandoned?uploads" |
  sed -n 's:.*<UploadId>\(.*\)</UploadId>.*:\1:p')
expect_eq "multipart upload started at worker 1" "200" "$(curl -s -o /dev/null -w '%{http_code}' \
  -X PUT --data-binary @"$work/red.bin" "http://127.0.0.1:$REST1/red/abandoned?partNumber=1&uploadId=$upload")"
for _ in $(seq 50); do
  curl -s "http://127.0.0.1:$REST1/red?uploads" | grep -q "<UploadId>$upload</UploadId>" || break
  sleep 0.2
done
expect_not_contains "the worker's cleaner aborted the abandoned upload" \
  "$(curl -s "http://127.0.0.1:$REST1/red?uploads")" "$upload"
expect_eq "its parts are gone" "404" "$(curl -s -o /dev/null -w '%{http_code}' \
  "http://127.0.0.1:$REST1/red/abandoned?uploadId=$upload")"
expect_eq "its key never appeared" "404" \
  "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$REST1/red/abandoned")"

if ((FAILURES > 0)); then
  echo "--- proxy log (last 30 lines)"
  tail -30 "$work/local.log"
  tail -30 "$auth/local.log" 2>/dev/null
fi
finish
