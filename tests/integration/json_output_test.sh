#!/usr/bin/env bash
# `--json` output for scripts (fs ls/stat/du/count, fs mount, mount list, conf list/get) against a
# real `alluxio local`: each document is parsed with python3's json module and its values are
# checked (sizes, counts, paths, cached percentages, mount entries with masked secrets, a
# property's value and source); usage errors exit 1, failures 255 with the message on stderr; the
# default text output is unchanged. Usage: json_output_test.sh path/to/alluxio
set -uo pipefail
ALLUXIO=$(realpath "${1:?usage: json_output_test.sh path/to/alluxio}")
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/cluster.sh"

work=$(mktemp -d)
trap 'cleanup_cluster; rm -rf "$work"' EXIT
cd "$work"
unset ALLUXIO_CONF_DIR ALLUXIO_MASTER_HOSTNAME ALLUXIO_HOME
RPC=$(free_port) WEB=$(free_port) WRPC=$(free_port) WWEB=$(free_port)
start_local "$work" "$RPC" "$WEB" "$WRPC" "$WWEB" ||
  { echo "alluxio local did not start"; cat "$work/local.log"; exit 1; }
UFS=$work/underFSStorage
SITE=$work/conf/alluxio-site.properties
mkdir -p "$work/conf"
printf 'alluxio.master.hostname=localhost\nalluxio.master.rpc.port=%s\nalluxio.user.block.size.bytes.default=16MB\naws.secretKey=topsecret\n' \
  "$RPC" >"$SITE"

# run ARGS...: `alluxio --conf-dir <site> ARGS...`; sets OUT, ERR and RC.
run() {
  "$ALLUXIO" --conf-dir "$work/conf" "$@" >"$work/out" 2>"$work/err"
  RC=$?
  OUT=$(<"$work/out")
  ERR=$(<"$work/err")
}
fs() { run fs "$@"; }
# py EXPR: evaluates EXPR with `d` = the last command's stdout parsed as JSON ("INVALID JSON"
# when it does not parse).
py() {
  /usr/bin/python3 -c '
import json, sys
try:
    d = json.load(open(sys.argv[1]))
except ValueError as e:
    print("INVALID JSON: %s" % e)
    sys.exit(0)
print(eval(sys.argv[2]))' "$work/out" "$1"
}

# ---- data: a cached file written through Alluxio, files put in the UFS behind its back ----
head -c 1000 /dev/urandom >"$work/a.bin"
mkdir -p "$UFS/j/sub"
printf '0123456789' >"$UFS/j/sub/c.txt"
printf 'abc' >"$UFS/j/b.txt"
printf 'z' >"$UFS/j-x"  # path order puts /j-x before /j/..., a depth-first walk after
fs copyFromLocal "$work/a.bin" /j/a.bin
expect_eq "copyFromLocal" 0 "$RC"

# ---- ls ----
fs ls --json /j
expect_eq "ls --json exit" 0 "$RC"
expect_eq "ls --json stderr" "" "$ERR"
expect_eq "ls --json paths" "['/j/a.bin', '/j/b.txt', '/j/sub']" "$(py '[e["path"] for e in d]')"
expect_eq "ls --json cached file" "1000 100 False" \
  "$(py '" ".join(str(x) for x in (d[0]["length"], d[0]["inAlluxioPercentage"], d[0]["folder"]))')"
expect_eq "ls --json ufs file" "3 PERSISTED $UFS/j/b.txt" \
  "$(py '" ".join(str(x) for x in (d[1]["length"], d[1]["persistenceState"], d[1]["ufsPath"]))')"
JSON_LENGTHS=$(py '" ".join(str(e["length"]) for e in d)')
fs ls /j
expect_eq "ls --json lengths are the text's size column" "$(awk '{print $4}' <<<"$OUT" | paste -sd' ')" \
  "$JSON_LENGTHS"
# A directory's length is its child count (/j/sub's child is loaded once /j/sub is listed).
fs ls /j/sub
fs ls --json -d /j/sub
expect_eq "ls --json dir child count" "True 1" "$(py '"%s %s" % (d[0]["folder"], d[0]["length"])')"
expect_eq "ls --json has every REST key" "True" \
  "$(py 'all(k in d[0] for k in ("fileId","name","path","ufsPath","length","blockSizeBytes","creationTimeMs","lastModificationTimeMs","completed","folder","pinned","cacheable","persisted","persistenceState","blockIds","fileBlockInfos","inMemoryPercentage","ttl","ttlAction","owner","group","mode","mountPoint"))')"
fs ls -R --json /
expect_eq "ls -R --json in path order" \
  "['/j', '/j-x', '/j/a.bin', '/j/b.txt', '/j/sub', '/j/sub/c.txt']" "$(py '[e["path"] for e in d]')"
fs ls -R /
expect_eq "ls -R text in the same order" "/j /j-x /j/a.bin /j/b.txt /j/sub /j/sub/c.txt" \
  "$(awk '{print $NF}' <<<"$OUT" | paste -sd' ')"
fs ls --json --sort=size -r /j
expect_eq "ls --sort=size -r --json" "['/j/a.bin', '/j/b.txt', '/j/sub']" "$(py '[e["path"] for e in d]')"
fs ls --json -d /j
expect_eq "ls -d --json" "['/j']" "$(py '[e["path"] for e in d]')"
fs ls --json /j/b.txt /missing
expect_eq "ls --json with a missing path exit" 255 "$RC"
expect_eq "ls --json with a missing path stderr" 'Path "/missing" does not exist.' "$ERR"
expect_eq "ls --json with a missing path still valid" "['/j/b.txt']" "$(py '[e["path"] for e in d]')"
# The text output keeps Alluxio's columns (size 1000, 100% cached, the path last).
fs ls /j/a.bin
expect_eq "ls text exit" 0 "$RC"
expect_eq "ls text line" "1000 100% /j/a.bin" "$(awk '{print $4, $(NF-1), $NF}' <<<"$OUT")"
expect_eq "ls text is one line" 1 "$(wc -l <"$work/out")"

# ---- stat ----
fs stat --json /j/a.bin
expect_eq "stat --json exit" 0 "$RC"
expect_eq "stat --json object" "dict /j/a.bin 1000 1" \
  "$(py '" ".join(str(x) for x in (type(d).__name__, d["path"], d["length"], len(d["blockIds"])))')"
expect_eq "stat --json block location" "MEM 1000" \
  "$(py '"%s %s" % (d["fileBlockInfos"][0]["blockInfo"]["locations"][0]["tierAlias"], d["fileBlockInfos"][0]["blockInfo"]["length"])')"
FILE_ID=$(py 'd["fileId"]')
fs stat --json --file-id "$FILE_ID"
expect_eq "stat --json --file-id" "/j/a.bin" "$(py 'd["path"]')"
fs stat --json '/j/*.txt'
expect_eq "stat --json glob is an array" "['/j/b.txt']" "$(py '[e["path"] for e in d]')"
fs stat -f %z --json /j/a.bin
expect_eq "stat -f --json exit" 1 "$RC"
expect_contains "stat -f --json message" "$ERR" "--json cannot be combined with -f"
expect_eq "stat -f --json prints nothing" "" "$OUT"
fs stat --json /missing
expect_eq "stat --json missing exit" 255 "$RC"
expect_eq "stat --json missing stderr" 'Path "/missing" does not exist.' "$ERR"
fs stat -f '%N %z' /j/a.bin
expect_eq "stat text unchanged" "a.bin 1000" "$OUT"

# ---- du ----
fs du --json /j
expect_eq "du --json exit" 0 "$RC"
expect_eq "du --json rows" \
  "[('/j/a.bin', 1000, 1000, 100), ('/j/b.txt', 3, 0, 0), ('/j/sub/c.txt', 10, 0, 0)]" \
  "$(py '[(e["path"], e["size"], e["inAlluxio"], e["inAlluxioPercentage"]) for e in d]')"
fs du -s -g --json /j
expect_eq "du -s -g --json summary" "['/j'] 1013 1000 98 1 1000" \
  "$(py '" ".join(str(x) for x in ([e["path"] for e in d], d[0]["size"], d[0]["inAlluxio"], d[0]["inAlluxioPercentage"], len(d[0]["workers"]), d[0]["workers"][0]["inAlluxio"]))')"
fs du -s /j
expect_eq "du text unchanged" $'File Size     In Alluxio       Path\n1013          1000 (98%)       /j' "$OUT"

# ---- count ----
fs count --json /j
expect_eq "count --json" "True" "$(py 'd == {"path": "/j", "fileCount": 3, "folderCount": 1, "size": 1013}')"
fs count --json '/j*'
expect_eq "count --json glob" "[('/j', 3), ('/j-x', 1)]" "$(py '[(e["path"], e["fileCount"]) for e in d]')"
fs count /j
expect_eq "count text unchanged" \
  $'File Count               Folder Count             Folder Size    \n3                        1                        1013           ' "$OUT"

# ---- mount table ----
mkdir -p "$work/other"
fs mount --readonly --option k=v --option my.password=hunter2 /mnt "$work/other"
expect_eq "mount" 0 "$RC"
for cmd in "fs mount --json" "mount list --json"; do
  run $cmd
  expect_eq "$cmd exit" 0 "$RC"
  expect_eq "$cmd entries" "[('/', '$UFS', False), ('/mnt', '$work/other', True)]" \
    "$(py '[(m["alluxioPath"], m["ufsUri"], m["readOnly"]) for m in d]')"
  expect_eq "$cmd mnt details" "local False {'k': 'v', 'my.password': '******'}" \
    "$(py '"%s %s %s" % (d[1]["ufsType"], d[1]["shared"], d[1]["properties"])')"
  expect_not_contains "$cmd masks the secret" "$OUT" "hunter2"
done
run mount list
expect_contains "mount list text unchanged" "$OUT" \
  "  on  /mnt  (local, capacity="
expect_contains "mount list text masks the same way" "$OUT" \
  "read-only, not shared, properties={k=v, my.password=******})"
fs mount --json /m2 "$work/other"
expect_eq "fs mount --json with arguments exit" 1 "$RC"
expect_contains "fs mount --json with arguments message" "$ERR" "--json"

# ---- conf ----
run conf list --json -Dalluxio.master.web.port=12345
expect_eq "conf list --json exit" 0 "$RC"
expect_eq "conf list --json site property" "16MB SITE_PROPERTY $SITE" \
  "$(py '" ".join(next((e["value"], e["source"], e["sourceDetail"]) for e in d if e["key"] == "alluxio.user.block.size.bytes.default"))')"
expect_eq "conf list --json -D property" "12345 SYSTEM_PROPERTY" \
  "$(py '" ".join(next((e["value"], e["source"]) for e in d if e["key"] == "alluxio.master.web.port"))')"
expect_eq "conf list --json default" "29999 DEFAULT" \
  "$(py '" ".join(next((e["value"], e["source"]) for e in d if e["key"] == "alluxio.worker.rpc.port"))')"
expect_eq "conf list --json secret masked" "******" \
  "$(py 'next(e["value"] for e in d if e["key"] == "aws.secretKey")')"
expect_not_contains "conf list --json hides the secret" "$OUT" "topsecret"
run conf get --json alluxio.user.block.size.bytes.default
expect_eq "conf get KEY --json" "alluxio.user.block.size.bytes.default 16MB SITE_PROPERTY $SITE" \
  "$(py '" ".join((d["key"], d["value"], d["source"], d["sourceDetail"]))')"
run conf get --json
expect_eq "conf get --json is the list" "True" "$(py 'isinstance(d, list) and len(d) > 10')"
run conf get alluxio.user.block.size.bytes.default --source
expect_eq "conf get text unchanged" "16MB  (SITE_PROPERTY ($SITE))" "$OUT"

# ---- help ----
for cmd in "fs ls" "fs stat" "fs du" "fs count" "fs mount" "mount list" "conf list" "conf get"; do
  run $cmd --help
  expect_contains "$cmd --help describes --json" "$OUT" "--json"
done

finish
