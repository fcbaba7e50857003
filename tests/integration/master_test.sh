#!/usr/bin/env bash
# The real `alluxio master` process: RPC over HTTP/JSON, restart with state kept, kill -9
# during a stream of creates (every acknowledged create survives, the tree stays consistent),
# format refusing while a master runs. Usage: master_test.sh path/to/alluxio
set -uo pipefail
ALLUXIO=$(realpath "${1:?usage: master_test.sh path/to/alluxio}")
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/cluster.sh"

CALLER=$(id -un)  # the master's own user: its superuser
work=$(mktemp -d)
trap 'cleanup_cluster; rm -rf "$work"' EXIT
RPC=$(free_port)
WEB=$(free_port)
start_master "$work" "$RPC" "$WEB" || { echo "master did not start"; cat "$work/master.log"; exit 1; }

rpc() {  # rpc NAME JSON -> sets BODY and HTTP_CODE
  local out
  out=$(curl -s -w '\n%{http_code}' -XPOST -H "X-Alluxio-User: $CALLER" \
    "http://127.0.0.1:$RPC/api/v1/master/fs/$1" -d "$2")
  HTTP_CODE=${out##*$'\n'}
  BODY=${out%$'\n'*}
}

# Root UFS created on first start; files there appear in listings.
expect_eq "root UFS created" "yes" "$([[ -d $work/underFSStorage ]] && echo yes)"
echo hi >"$work/underFSStorage/from_ufs.txt"
rpc list-status '{"path":"/"}'; body=$BODY
expect_contains "UFS file loaded on first listing" "$body" '"path":"/from_ufs.txt"'
expect_contains "loaded file is persisted" "$body" '"persistenceState":"PERSISTED"'

# Errors: proper HTTP status plus Alluxio's code and message.
rpc get-status '{"path":"/missing"}'; body=$BODY
expect_eq "missing path status" "404" "$HTTP_CODE"
expect_eq "missing path body" '{"statusCode":"NOT_FOUND","message":"Path \"/missing\" does not exist."}' "$body"
rpc get-status '{"path":'; body=$BODY
expect_eq "malformed JSON status" "400" "$HTTP_CODE"
expect_contains "malformed JSON message" "$body" "INVALID_ARGUMENT"
rpc get-status '{"path":"/../etc"}'; body=$BODY
expect_eq "path above root status" "400" "$HTTP_CODE"
rpc create-directory '{"path":"/x","options":{"bogus":1}}'; body=$BODY
expect_contains "unknown option rejected" "$body" "bogus"
body=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$RPC/api/v1/master/fs/get-status")
expect_eq "wrong method" "405" "$body"
body=$(curl -s -XPOST "http://127.0.0.1:$RPC/api/v1/master/fs/get-status" -d '{"path":"/"}')
expect_contains "SIMPLE auth needs a user" "$body" "UNAUTHENTICATED"

# Directories and their child counts.
rpc create-directory '{"path":"/d/e","options":{"recursive":true}}'
expect_eq "mkdir -p" "200" "$HTTP_CODE"
rpc create-directory '{"path":"/d/e"}'; body=$BODY
expect_contains "mkdir existing" "$body" "Not allowed to create directory because path already exists: /d/e"
rpc create-directory '{"path":"/q/r"}'; body=$BODY
expect_contains "mkdir missing parent" "$body" "File /q/r creation failed. Component 1(q) does not exist"
rpc get-status '{"path":"/d"}'; body=$BODY
expect_contains "directory length is the child count" "$body" '"length":1'
expect_contains "directory mode 0755" "$body" '"mode":493'
expect_contains "owner is the caller" "$body" "\"owner\":\"$CALLER\""

# POSIX permissions: another user may not write into a 0755 directory it does not own.
CALLER=tester rpc create-directory '{"path":"/d/e/f"}'; body=$BODY
expect_eq "permission denied status" "403" "$HTTP_CODE"
expect_contains "permission denied message" "$body" "Permission denied: user=tester, access=-wx"
CALLER=tester rpc get-status '{"path":"/d/e"}'
expect_eq "others may still read" "200" "$HTTP_CODE"

# kill -9 during 5,000 creates: every acknowledged create survives the restart.
/usr/bin/python3 - "$RPC" "$work/acked" "$CALLER" <<'PY' &
import http.client, json, sys
port, acked_path = int(sys.argv[1]), sys.argv[2]
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
with open(acked_path, "w", buffering=1) as acked:
    for i in range(5000):
        try:
            body = json.dumps({"path": f"/k/f{i}", "options": {"recursive": True, "writeType": "MUST_CACHE"}})
            conn.request("POST", "/api/v1/master/fs/create-file", body, {"X-Alluxio-User": sys.argv[3]})
            r = conn.getresponse(); r.read()
            if r.status != 200: break
            conn.request("POST", "/api/v1/master/fs/complete-file",
                         json.dumps({"path": f"/k/f{i}", "length": 0, "writeType": "MUST_CACHE"}),
                         {"X-Alluxio-User": sys.argv[3]})
            r = conn.getresponse(); r.read()
            if r.status != 200: break
            acked.write(f"/k/f{i}\n")
        except Exception:
            break
PY
driver=$!
# Let a good number of creates land, then kill the master mid-stream.
for _ in $(seq 100); do
  [[ -f $work/acked ]] && (($(wc -l <"$work/acked") > 1500)) && break
  sleep 0.05
done
kill -9 "$MASTER_PID"
wait "$driver" 2>/dev/null
acked=$(wc -l <"$work/acked")
expect_gt "some creates were acknowledged before the kill" "$acked" 100
start_master "$work" "$RPC" "$WEB" || { echo "master did not restart"; tail "$work/master.log"; exit 1; }
/usr/bin/python3 - "$RPC" "$work/acked" "$CALLER" >"$work/verify" <<'PY'
import http.client, json, sys
port, acked_path = int(sys.argv[1]), sys.argv[2]
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
def call(name, body):
    conn.request("POST", "/api/v1/master/fs/" + name, json.dumps(body), {"X-Alluxio-User": sys.argv[3]})
    r = conn.getresponse()
    return r.status, json.loads(r.read() or b"{}")
missing = 0
for line in open(acked_path):
    st, info = call("get-status", {"path": line.strip()})
    if st != 200 or not info.get("completed"):
        missing += 1
# Consistency: the listing and the directory's child count agree, every entry resolves.
names, after = [], ""
while True:
    st, page = call("list-status", {"path": "/k", "startAfter": after, "batchSize": 1000})
    names += [e["name"] for e in page["entries"]]
    if not page["truncated"]: break
    after = names[-1]
st, k = call("get-status", {"path": "/k"})
broken = sum(1 for n in names if call("get-status", {"path": "/k/" + n})[0] != 200)
print(missing, len(names), k["length"], broken, len(set(names)) == len(names))
PY
read -r missing listed count broken unique <"$work/verify"
expect_eq "every acknowledged create survived kill -9" "0" "$missing"
expect_eq "listing matches the directory's child count" "$listed" "$count"
expect_eq "every listed entry resolves" "0" "$broken"
expect_eq "no duplicate names" "True" "$unique"
expect_gt "listing holds at least the acknowledged creates" "$((listed + 1))" "$acked"

# State survives a clean restart too; the web port serves info and metrics.
kill "$MASTER_PID"; wait "$MASTER_PID" 2>/dev/null
start_master "$work" "$RPC" "$WEB"
rpc get-status '{"path":"/d/e"}'; body=$BODY
expect_eq "directory survives restart" "200" "$HTTP_CODE"
info=$(curl -s "http://127.0.0.1:$WEB/api/v1/master/info")
expect_contains "master info names its rpc address" "$info" "\"rpcAddress\":\"localhost:$RPC\""
metrics=$(curl -s "http://127.0.0.1:$WEB/metrics/json/")
expect_contains "metrics count created files" "$metrics" "Master.FilesCreated"

# format refuses while the master runs, works once it is stopped.
"$ALLUXIO" format -Dalluxio.work.dir="$work" -Dalluxio.master.rpc.port="$RPC" >"$work/o" 2>"$work/e"; rc=$?
expect_eq "format refuses while running" "255" "$rc"
expect_contains "format says why" "$(cat "$work/e")" "running"
kill "$MASTER_PID"; wait "$MASTER_PID" 2>/dev/null
"$ALLUXIO" format -Dalluxio.work.dir="$work" -Dalluxio.master.rpc.port="$RPC" >"$work/o" 2>"$work/e"; rc=$?
expect_eq "format when stopped" "0" "$rc"
start_master "$work" "$RPC" "$WEB"
rpc get-status '{"path":"/d"}'; body=$BODY
expect_eq "formatted namespace is empty" "404" "$HTTP_CODE"
rpc get-status '{"path":"/from_ufs.txt"}'; body=$BODY
expect_eq "the UFS is untouched by format" "200" "$HTTP_CODE"

finish
