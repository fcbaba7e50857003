#!/usr/bin/env bash
# The proxy's REST API v1 (compat §1) on a real `alluxio local`, driven the way the Python
# client alluxio 0.1.4 drives it: double slashes in paths, POST everywhere, JSON options,
# streams for reads and writes, HTTP 500 with {"statusCode","message"} for every error.
# Usage: proxy_test.sh path/to/alluxio
set -uo pipefail
ALLUXIO=$(realpath "${1:?usage: proxy_test.sh path/to/alluxio}")
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/cluster.sh"

work=$(mktemp -d)
trap 'cleanup_cluster; rm -rf "$work"' EXIT
start_local_conf "$work" alluxio.user.block.size.bytes.default=1MB \
  alluxio.proxy.stream.cache.timeout=2s || exit 1

/usr/bin/python3 - "$PROXY" "$work" >"$work/results" 2>"$work/py.err" <<'PY'
import hashlib, json, os, sys, time
import requests

port, work = int(sys.argv[1]), sys.argv[2]
base = f"http://127.0.0.1:{port}/api/v1"
s = requests.Session()

def out(name, value):
    print(f"{name}\t{json.dumps(value, sort_keys=True)}")

def call(path, action, opt=None, params=None):
    # alluxio-py: "/api/v1/paths/" + path + "/" + action, body only when options are given.
    url = f"{base}/paths/{path}/{action}"
    r = s.post(url, params=params, json=opt) if opt is not None else s.post(url, params=params)
    return r

r = call("/test/path/bar", "create-directory", {"recursive": True})
out("mkdir_status", r.status_code); out("mkdir_body", r.text)
r = call("/test/path", "get-status")
st = r.json()
out("dir_folder", st["folder"]); out("dir_mode", st["mode"]); out("dir_length", st["length"])
out("dir_cacheable", st["cacheable"]); out("dir_ttl", st["ttl"]); out("dir_blocks", st["blockIds"])
out("dir_persistence", st["persistenceState"])
required = ["blockIds", "blockSizeBytes", "cacheable", "completed", "creationTimeMs",
            "lastModificationTimeMs", "fileBlockInfos", "fileId", "folder", "owner", "group",
            "inMemoryPercentage", "length", "name", "path", "ufsPath", "pinned", "persisted",
            "persistenceState", "mode", "mountPoint", "ttl", "ttlAction"]
out("missing_keys", [k for k in required if k not in st])

r = call("/", "list-status")
out("root_list_names", sorted(e["name"] for e in r.json()))
r = call("/test", "list-status", {"recursive": True, "loadMetadataType": "ALWAYS"})
out("recursive_paths", sorted(e["path"] for e in r.json()))

# Write a 2.5 MB file in three writes (blocks of 1 MB), then read it back through a stream.
data = os.urandom(2_500_000)
sid = call("/test/data.bin", "create-file", {"writeType": "CACHE_THROUGH", "recursive": True}).json()
out("create_id_is_int", isinstance(sid, int))
counts = [s.post(f"{base}/streams/{sid}/write", data=data[i:i + 1_000_000],
                 headers={"Content-Type": "application/octet-stream"}).json()
          for i in range(0, len(data), 1_000_000)]
out("write_counts", counts)
out("incomplete_before_close", call("/test/data.bin", "get-status").json()["completed"])
r = s.post(f"{base}/streams/{sid}/close")
out("close_status", r.status_code)
info = call("/test/data.bin", "get-status").json()
out("file_length", info["length"]); out("file_completed", info["completed"])
out("file_persisted", info["persisted"])
out("in_alluxio_at_once", [info["inAlluxioPercentage"], len(info["fileBlockInfos"][0]["blockInfo"]["locations"])])
rid = call("/test/data.bin", "open-file", {"readType": "CACHE"}).json()
out("ids_increase", rid > sid)
got = s.post(f"{base}/streams/{rid}/read").content
out("read_sha_ok", hashlib.sha256(got).hexdigest() == hashlib.sha256(data).hexdigest())
out("close_read", s.post(f"{base}/streams/{rid}/close").status_code)
ufs = open(os.path.join(work, "work/underFSStorage/test/data.bin"), "rb").read()
out("ufs_sha_ok", hashlib.sha256(ufs).hexdigest() == hashlib.sha256(data).hexdigest())
d = s.get(f"{base}/paths//test/data.bin/download-file")
out("download_ok", d.status_code == 200 and d.content == data)
out("download_disposition", d.headers.get("Content-Disposition"))

# Errors: HTTP 500 and Alluxio's body for everything raised inside an operation.
r = call("/nope", "get-status")
out("missing_status", r.status_code); out("missing_body", r.json())
r = call("/test/path", "create-directory")
out("exists_code", r.json()["statusCode"])
r = call("/test", "delete")
out("nonempty_delete", [r.status_code, r.json()["statusCode"]])
r = s.post(f"{base}/streams/424242/read")
out("unknown_stream", [r.status_code, r.json()])
r = call("/test/path", "rename")
out("missing_dst", r.json())
r = s.post(f"{base}/paths//test/path/get-status", data="{not json", headers={"Content-Type": "application/json"})
out("bad_json", [r.status_code, r.json()["statusCode"]])
r = call("/test/path", "create-directory", {"bogus": 1})
out("unknown_option", [r.status_code, r.json()["statusCode"], "bogus" in r.json()["message"]])
r = s.get(f"{base}/paths//test/path/get-status")
out("wrong_method", r.status_code)

# rename, exists, set-attribute with the 1.x-era top-level ttl, free, mount/unmount.
r = call("/test/path/bar", "rename", params={"dst": "/test/path/baz"})
out("rename_status", r.status_code)
out("exists_after_rename", [call("/test/path/bar", "exists").json(), call("/test/path/baz", "exists").json()])
r = call("/test/data.bin", "set-attribute", {"ttl": 600000, "ttlAction": "FREE", "pinned": True})
a = call("/test/data.bin", "get-status").json()
out("attr", [r.status_code, a["ttl"], a["ttlAction"], a["pinned"]])
call("/test/data.bin", "set-attribute", {"pinned": False})
out("free_status", call("/test/data.bin", "free").status_code)
other = os.path.join(work, "other"); os.makedirs(other)
open(os.path.join(other, "x.txt"), "w").write("from another ufs")
r = call("/mnt", "mount", {"readOnly": True}, params={"src": other})
out("mount_status", r.status_code)
out("mounted_list", [e["name"] for e in call("/mnt", "list-status").json()])
r = call("/mnt/new", "create-directory")
out("readonly_refused", r.json()["statusCode"])
out("unmount_status", call("/mnt", "unmount").status_code)

# An abandoned output stream is closed after alluxio.proxy.stream.cache.timeout without leaving
# a half-visible file.
sid = call("/test/abandoned.bin", "create-file").json()
s.post(f"{base}/streams/{sid}/write", data=b"x" * 1000)
time.sleep(3.5)
out("abandoned_gone", call("/test/abandoned.bin", "exists").json())
out("abandoned_stream_closed", s.post(f"{base}/streams/{sid}/close").json()["statusCode"])

out("info_keys", sorted(s.get(f"{base}/proxy/info").json().keys()))

# Admin endpoints the interactive shell uses.
rep = s.get(f"{base}/proxy/admin/report").json()
out("report", [rep["liveWorkers"], rep["lostWorkers"], rep["capacity"][0]["alias"],
               rep["capacity"][0]["capacityBytes"], "rpcAddress" in rep["master"]])
out("admin_workers", [w["state"] for w in s.get(f"{base}/proxy/admin/workers").json()])
r = s.post(f"{base}/proxy/admin/mount", params={"path": "/adm", "src": other})
out("admin_mount", [r.status_code, sorted(m["alluxioPath"] for m in s.get(f"{base}/proxy/admin/mounts").json())])
out("admin_unmount", s.post(f"{base}/proxy/admin/unmount", params={"path": "/adm"}).status_code)
out("admin_mount_missing_src", s.post(f"{base}/proxy/admin/mount", params={"path": "/x"}).json()["statusCode"])
out("admin_metrics_has_master", "Master.FilesCreated" in json.dumps(s.get(f"{base}/proxy/admin/metrics").json()))
r = call("/test", "delete", {"recursive": True})
out("delete_recursive", [r.status_code, call("/test", "exists").json()])
PY
rc=$?
[[ $rc -eq 0 ]] || { echo "python driver failed ($rc)"; cat "$work/py.err"; }
get() { awk -F'\t' -v k="$1" '$1 == k { print $2 }' "$work/results"; }

expect_eq "create-directory answers 200" "200" "$(get mkdir_status)"
expect_eq "void calls have an empty body" '""' "$(get mkdir_body)"
expect_eq "directory is a folder" "true" "$(get dir_folder)"
expect_eq "directory mode 0755 as decimal" "493" "$(get dir_mode)"
expect_eq "directory length is its child count" "1" "$(get dir_length)"
expect_eq "directories are not cacheable" "false" "$(get dir_cacheable)"
expect_eq "ttl -1 means none" "-1" "$(get dir_ttl)"
expect_eq "directories have no blocks" "[]" "$(get dir_blocks)"
expect_eq "ASYNC_THROUGH directory not persisted yet" '"NOT_PERSISTED"' "$(get dir_persistence)"
expect_eq "every key the python client reads is there" "[]" "$(get missing_keys)"
expect_eq "root listing via ///list-status" '["test"]' "$(get root_list_names)"
expect_eq "recursive listing" '["/test/path", "/test/path/bar"]' "$(get recursive_paths)"
expect_eq "create-file answers a bare integer id" "true" "$(get create_id_is_int)"
expect_eq "each write returns its byte count" "[1000000, 1000000, 500000]" "$(get write_counts)"
expect_eq "file incomplete until close" "false" "$(get incomplete_before_close)"
expect_eq "close answers 200" "200" "$(get close_status)"
expect_eq "file length" "2500000" "$(get file_length)"
expect_eq "file complete after close" "true" "$(get file_completed)"
expect_eq "CACHE_THROUGH file persisted" "true" "$(get file_persisted)"
expect_eq "block locations known at completion, not a heartbeat later" "[100, 1]" "$(get in_alluxio_at_once)"
expect_eq "stream ids come from one counter" "true" "$(get ids_increase)"
expect_eq "read stream returns the bytes written" "true" "$(get read_sha_ok)"
expect_eq "closing a read stream" "200" "$(get close_read)"
expect_eq "UFS holds the same bytes" "true" "$(get ufs_sha_ok)"
expect_eq "download-file returns the bytes" "true" "$(get download_ok)"
expect_eq "download-file names the file" '"attachment; filename=data.bin"' "$(get download_disposition)"
expect_eq "errors are HTTP 500" "500" "$(get missing_status)"
expect_eq "missing path body" '{"message": "Path \"/nope\" does not exist.", "statusCode": "NOT_FOUND"}' "$(get missing_body)"
expect_eq "mkdir of an existing path" '"ALREADY_EXISTS"' "$(get exists_code)"
expect_eq "non-recursive delete of a non-empty dir" '[500, "FAILED_PRECONDITION"]' "$(get nonempty_delete)"
expect_eq "unknown stream id" '[500, {"message": "stream does not exist", "statusCode": "INTERNAL"}]' "$(get unknown_stream)"
expect_eq "rename without dst" '{"message": "required '"'"'dst'"'"' parameter is missing", "statusCode": "INTERNAL"}' "$(get missing_dst)"
expect_eq "malformed JSON options" '[500, "INVALID_ARGUMENT"]' "$(get bad_json)"
expect_eq "unknown option named in the error" '[500, "INVALID_ARGUMENT", true]' "$(get unknown_option)"
expect_eq "wrong method" "405" "$(get wrong_method)"
expect_eq "rename with dst" "200" "$(get rename_status)"
expect_eq "exists follows the rename" "[false, true]" "$(get exists_after_rename)"
expect_eq "set-attribute with top-level ttl" '[200, 600000, "FREE", true]' "$(get attr)"
expect_eq "free" "200" "$(get free_status)"
expect_eq "mount with src" "200" "$(get mount_status)"
expect_eq "mounted UFS listed" '["x.txt"]' "$(get mounted_list)"
expect_eq "read-only mount refuses writes" '"PERMISSION_DENIED"' "$(get readonly_refused)"
expect_eq "unmount" "200" "$(get unmount_status)"
expect_eq "abandoned output stream leaves no file" "false" "$(get abandoned_gone)"
expect_eq "abandoned stream id is gone" '"INTERNAL"' "$(get abandoned_stream_closed)"
expect_eq "proxy info keys" '["configuration", "startTimeMs", "uptimeMs", "version"]' "$(get info_keys)"
expect_eq "recursive delete" "[200, false]" "$(get delete_recursive)"
expect_eq "admin report" '[1, 0, "MEM", 67108864, true]' "$(get report)"
expect_eq "admin workers" '["LIVE"]' "$(get admin_workers)"
expect_contains "admin mount lists the new mount" "$(get admin_mount)" '"/adm"'
expect_contains "admin mount answers 200" "$(get admin_mount)" "[200,"
expect_eq "admin unmount" "200" "$(get admin_unmount)"
expect_eq "admin mount needs src" '"INTERNAL"' "$(get admin_mount_missing_src)"
expect_eq "admin metrics come from the master" "true" "$(get admin_metrics_has_master)"

# S3 GetObject of a cached multi-block object on the worker's host: the proxy sends the tier
# files (short-circuit + sendfile), the bytes are exact, including a range across blocks.
worker_counter() {
  curl -sf "http://127.0.0.1:$WWEB/metrics/json/" |
    /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["counters"].get(sys.argv[1],{}).get("count",0))' "$1"
}
local_reads() { worker_counter Worker.BlocksReadLocal; }
http_reads() { worker_counter Worker.BlockReadRequests; }
S3="http://127.0.0.1:$PROXY/api/v1/s3"
AUTH='Authorization: AWS4-HMAC-SHA256 Credential=tester/20261130/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0'
head -c 3500000 /dev/urandom >"$work/obj"
curl -s -o /dev/null -XPUT -H "$AUTH" "$S3/s3local"
curl -s -o /dev/null -XPUT -H "$AUTH" --data-binary @"$work/obj" "$S3/s3local/obj"
curl -s -o /dev/null -H "$AUTH" "$S3/s3local/obj"  # cached by the first read if not yet
sleep 1.1  # past the proxy's 1 s reuse of tier-file lookups (lib/client/local_block_lookups.h)
before=$(local_reads)
before_http=$(http_reads)
got=$(curl -s -H "$AUTH" "$S3/s3local/obj" | sha256sum | cut -d' ' -f1)
expect_eq "S3 GET from the tier files: bytes" "$(sha256sum <"$work/obj" | cut -d' ' -f1)" "$got"
expect_eq "S3 GET from the tier files: every block looked up" $((before + 4)) "$(local_reads)"
expect_eq "S3 GET from the tier files: no block over HTTP" "$before_http" "$(http_reads)"
# Right after, the lookups are reused: the same bytes without asking the worker again.
got=$(curl -s -H "$AUTH" "$S3/s3local/obj" | sha256sum | cut -d' ' -f1)
expect_eq "S3 GET with reused lookups: bytes" "$(sha256sum <"$work/obj" | cut -d' ' -f1)" "$got"
expect_eq "S3 GET with reused lookups: no lookup" $((before + 4)) "$(local_reads)"
expect_eq "S3 GET with reused lookups: no block over HTTP" "$before_http" "$(http_reads)"
got=$(curl -s -H "$AUTH" -H 'Range: bytes=1048000-2097999' "$S3/s3local/obj" | sha256sum | cut -d' ' -f1)
expect_eq "S3 ranged GET across blocks" "$(tail -c +1048001 "$work/obj" | head -c 1050000 | sha256sum | cut -d' ' -f1)" "$got"

# A second proxy with the client metadata cache (alluxio.user.metadata.cache.*): its own writes
# show at once, another client's after the expiration, and a cached status naming blocks that
# are gone falls back to a fresh one (never a mix, never an error).
P2=$(free_port)
"$ALLUXIO" proxy --conf-dir "$work" -Dalluxio.proxy.web.port="$P2" \
  -Dalluxio.user.metadata.cache.enabled=true -Dalluxio.user.metadata.cache.expiration.time=3s \
  >>"$work/proxy2.log" 2>&1 &
PIDS+=($!)
wait_http "http://127.0.0.1:$P2/healthz" || cat "$work/proxy2.log"
C="http://127.0.0.1:$P2/api/v1/s3"
sha() { sha256sum "$@" | cut -d' ' -f1; }
head -c 1500000 /dev/urandom >"$work/v1"
head -c 1200000 /dev/urandom >"$work/v2"
curl -s -o /dev/null -XPUT -H "$AUTH" "$C/cached"
curl -s -o /dev/null -XPUT -H "$AUTH" --data-binary @"$work/v1" "$C/cached/obj"
expect_eq "cache: GET after PUT" "$(sha "$work/v1")" "$(curl -s -H "$AUTH" "$C/cached/obj" | sha)"
expect_eq "cache: GET again (from the cache)" "$(sha "$work/v1")" "$(curl -s -H "$AUTH" "$C/cached/obj" | sha)"
curl -s -o /dev/null -XPUT -H "$AUTH" --data-binary @"$work/v2" "$C/cached/obj"
expect_eq "cache: own overwrite shows at once" "$(sha "$work/v2")" "$(curl -s -H "$AUTH" "$C/cached/obj" | sha)"
expect_eq "cache: HEAD length after overwrite" "1200000" \
  "$(curl -sI -H "$AUTH" "$C/cached/obj" | tr -d '\r' | awk -F': ' 'tolower($1)=="content-length" {print $2}')"
# The blocks freed behind the proxy's back: the cached status names blocks no worker has.
"$ALLUXIO" fs --conf-dir "$work" persist /cached/obj >/dev/null
expect_eq "cache: free by another client" 0 "$("$ALLUXIO" fs --conf-dir "$work" free /cached/obj >/dev/null; echo $?)"
expect_eq "cache: GET after another client's free" "$(sha "$work/v2")" "$(curl -s -H "$AUTH" "$C/cached/obj" | sha)"
# Deleted by another client: the cached status may still answer (the whole old object or
# 404, nothing else) until it expires; then 404.
"$ALLUXIO" fs --conf-dir "$work" rm /cached/obj >/dev/null
code=$(curl -s -o "$work/got" -w '%{http_code}' -H "$AUTH" "$C/cached/obj")
if [[ $code == 200 ]]; then
  expect_eq "cache: a stale answer is the whole old object" "$(sha "$work/v2")" "$(sha "$work/got")"
else
  expect_eq "cache: or NoSuchKey" "404" "$code"
fi
sleep 3.1
expect_eq "cache: another client's delete shows after the expiration" "404" \
  "$(curl -s -o /dev/null -w '%{http_code}' -H "$AUTH" "$C/cached/obj")"
finish
