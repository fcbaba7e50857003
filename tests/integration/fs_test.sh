#!/usr/bin/env bash
# `alluxio fs ...` and `alluxio mount ...` run as real processes against a real `alluxio master`:
# exact stdout, stderr and exit codes of Alluxio 2.x's shell (compat page §3.3-3.5), files put in
# the under storage behind Alluxio's back, a second local directory mounted at /mnt, alluxio://
# URIs, and a master that is not there. Usage: fs_test.sh path/to/alluxio
set -uo pipefail
ALLUXIO=$(realpath "${1:?usage: fs_test.sh path/to/alluxio}")
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/cluster.sh"

work=$(mktemp -d)
trap 'cleanup_cluster; rm -rf "$work"' EXIT
cd "$work"  # no ./conf here except the one this test writes
unset ALLUXIO_CONF_DIR ALLUXIO_MASTER_HOSTNAME ALLUXIO_HOME
RPC=$(free_port)
WEB=$(free_port)
start_master "$work" "$RPC" "$WEB" || { echo "master did not start"; cat "$work/master.log"; exit 1; }
UFS=$work/underFSStorage
ME=$(id -un)   # the master's own user: its superuser, owner of everything this test creates
GRP=$(id -gn)  # the primary group: the group of new inodes

# Clients find the master through a site file, as an installation would.
mkdir -p "$work/conf"
printf 'alluxio.master.hostname=localhost\nalluxio.master.rpc.port=%s\n' "$RPC" \
  >"$work/conf/alluxio-site.properties"

# run ARGS...: `alluxio --conf-dir <site> ARGS...`; sets OUT, ERR (trailing newlines stripped)
# and RC. fs ARGS... is `run fs ARGS...`.
run() {
  "$ALLUXIO" --conf-dir "$work/conf" "$@" >"$work/out" 2>"$work/err"
  RC=$?
  OUT=$(<"$work/out")
  ERR=$(<"$work/err")
}
fs() { run fs "$@"; }
# The path column (last field) of ls output, space-separated.
paths() { [[ -z $1 ]] || awk '{print $NF}' <<<"$1" | paste -sd' '; }
# Masks ls timestamps (default pattern MM-dd-yyyy HH:mm:ss:SSS) with the pattern itself.
TS_RE='[0-9]{2}-[0-9]{2}-[0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2}:[0-9]{3}'
mask_ts() { sed -E "s/$TS_RE/MM-dd-yyyy HH:mm:ss:SSS/g" <<<"$1"; }
# An ls line with security enabled and a masked timestamp:
# lsline PERM OWNER GROUP SIZE STATE IN_ALLUXIO PATH.
lsline() {
  printf '%-12s%-15s%-15s%15s%16s%24s%5s %-5s' "$1" "$2" "$3" "$4" "$5" \
    "MM-dd-yyyy HH:mm:ss:SSS" "$6" "$7"
}

# Under storage written behind Alluxio's back before any listing.
mkdir -p "$UFS/ufsdir/sub"
printf 'hello' >"$UFS/ufsdir/a.txt"
head -c 6000 /dev/zero >"$UFS/ufsdir/big.bin"
printf 'x' >"$UFS/ufsdir/sub/c.txt"
mkdir -p "$UFS/rmme"
printf 'r' >"$UFS/rmme/r.txt"
printf 'k' >"$UFS/keep.txt"

# ---- mkdir: several paths, always recursive, existing path fails ----
fs mkdir /d1 /d2/x/y
expect_eq "mkdir exit" 0 "$RC"
expect_eq "mkdir messages" $'Successfully created directory /d1\nSuccessfully created directory /d2/x/y' "$OUT"
fs test -d /d2/x
expect_eq "mkdir created the parents" 0 "$RC"
# ASYNC_THROUGH (the default) leaves directories unpersisted (compat §5.2); CACHE_THROUGH
# creates them in the UFS at once.
expect_eq "mkdir with ASYNC_THROUGH does not write the UFS" no "$([[ -e $UFS/d2 ]] && echo yes || echo no)"
fs ls -d /d1
expect_eq "mkdir with ASYNC_THROUGH is NOT_PERSISTED" "NOT_PERSISTED" "$(awk '{print $5}' <<<"$OUT")"
fs -Dalluxio.user.file.writetype.default=CACHE_THROUGH mkdir /through/deep
expect_eq "mkdir with CACHE_THROUGH writes the UFS" yes "$([[ -d $UFS/through/deep ]] && echo yes)"
fs -Dalluxio.user.file.writetype.default=CACHE_THROUGH touch /through/f
expect_eq "touch with CACHE_THROUGH writes the UFS" yes "$([[ -f $UFS/through/f ]] && echo yes)"
fs ls /through/f
expect_eq "touch with CACHE_THROUGH is PERSISTED" "PERSISTED" "$(awk '{print $5}' <<<"$OUT")"
fs mkdir /d1 /d3
expect_eq "mkdir of an existing path exit" 255 "$RC"
expect_eq "mkdir still creates the other paths" "Successfully created directory /d3" "$OUT"
expect_contains "mkdir existing path message" "$ERR" "already exists: /d1"

# ---- touch ----
fs touch /d1/t
expect_eq "touch exit" 0 "$RC"
expect_eq "touch message" "/d1/t has been created" "$OUT"
fs touch /d1/t
expect_eq "touch of an existing file exit" 255 "$RC"
expect_contains "touch of an existing file names it" "$ERR" "/d1/t"
fs touch /nodir/t
expect_eq "touch does not create parents" 255 "$RC"

# ---- ls: exact columns, UFS files, flags, globs ----
fs ls /ufsdir
expect_eq "ls exit" 0 "$RC"
expect_eq "ls lists the UFS directory sorted by path" "/ufsdir/a.txt /ufsdir/big.bin /ufsdir/sub" "$(paths "$OUT")"
expect_eq "ls full line of a UFS file" \
  "$(lsline -rw-r--r-- "$ME" "$GRP" 5 PERSISTED 0% /ufsdir/a.txt)" "$(mask_ts "$(sed -n 1p <<<"$OUT")")"
# A directory whose children were never loaded counts none (Alluxio's child count).
expect_eq "ls full line of a directory not yet listed" \
  "$(lsline drwxr-xr-x "$ME" "$GRP" 0 PERSISTED DIR /ufsdir/sub)" "$(mask_ts "$(sed -n 3p <<<"$OUT")")"
fs ls -d /ufsdir
expect_eq "ls -d lists the directory itself" \
  "$(lsline drwxr-xr-x "$ME" "$GRP" 3 PERSISTED DIR /ufsdir)" "$(mask_ts "$OUT")"
fs ls /d1/t
expect_eq "ls of a file lists the file" "/d1/t" "$(paths "$OUT")"
expect_contains "ls timestamp is today's local date" "$OUT" " $(date +%m-%d-%Y) "
expect_eq "ls full line of a touched file" \
  "$(lsline -rw-r--r-- "$ME" "$GRP" 0 "$(awk '{print $5}' <<<"$OUT")" 100% /d1/t)" "$(mask_ts "$OUT")"
fs ls -R /ufsdir
expect_eq "ls -R" "/ufsdir/a.txt /ufsdir/big.bin /ufsdir/sub /ufsdir/sub/c.txt" "$(paths "$OUT")"
expect_eq "ls full line of a directory (size = child count)" \
  "$(lsline drwxr-xr-x "$ME" "$GRP" 1 PERSISTED DIR /ufsdir/sub)" "$(mask_ts "$(sed -n 3p <<<"$OUT")")"
fs ls -h /ufsdir/big.bin
expect_eq "ls -h humanizes sizes over 5KB" "5.86KB" "$(awk '{print $4}' <<<"$OUT")"
fs ls -h /ufsdir/a.txt
expect_eq "ls -h keeps small sizes in bytes" "5B" "$(awk '{print $4}' <<<"$OUT")"
fs ls --sort=size /ufsdir
expect_eq "ls --sort=size" "/ufsdir/sub /ufsdir/a.txt /ufsdir/big.bin" "$(paths "$OUT")"
fs ls --sort=size -r /ufsdir
expect_eq "ls --sort=size -r" "/ufsdir/big.bin /ufsdir/a.txt /ufsdir/sub" "$(paths "$OUT")"
fs ls -r /ufsdir
expect_eq "ls -r reverses the path order" "/ufsdir/sub /ufsdir/big.bin /ufsdir/a.txt" "$(paths "$OUT")"
fs ls --sort=color /ufsdir
expect_eq "ls with an unknown sort field is a usage error" 1 "$RC"
fs ls '/ufsdir/*.txt'
expect_eq "ls glob" "/ufsdir/a.txt" "$(paths "$OUT")"
fs ls '/*/*.txt'
expect_eq "ls glob over two components" "/rmme/r.txt /ufsdir/a.txt" "$(paths "$OUT")"
fs ls '/ufsdir/*.nope'
expect_eq "glob matching nothing exit" 255 "$RC"
expect_eq "glob matching nothing message" "/ufsdir/*.nope does not exist." "$ERR"
fs ls /missing
expect_eq "ls of a missing path exit" 255 "$RC"
expect_eq "ls of a missing path message" 'Path "/missing" does not exist.' "$ERR"
expect_eq "ls of a missing path prints nothing on stdout" "" "$OUT"
fs ls /missing /ufsdir/a.txt
expect_eq "ls runs every path before failing" "/ufsdir/a.txt" "$(paths "$OUT")"
expect_eq "ls with one bad path of two exit" 255 "$RC"
fs ls /x /ufsdir/a.txt /y
expect_eq "ls joins the messages of every failed path" $'Path "/x" does not exist.\nPath "/y" does not exist.' "$ERR"
fs -Dalluxio.security.authorization.permission.enabled=false ls /ufsdir/a.txt
expect_eq "ls without security has no permission columns" \
  "$(printf '%15s%16s%24s%5s %-5s' 5 PERSISTED "MM-dd-yyyy HH:mm:ss:SSS" 0% /ufsdir/a.txt)" "$(mask_ts "$OUT")"
fs -Dalluxio.user.date.format.pattern=yyyy ls /ufsdir/a.txt
expect_contains "ls honours the date pattern" "$OUT" "PERSISTED$(printf '%24s' "$(date +%Y)")   0% "

# ---- stat ----
fs stat /ufsdir/a.txt
expect_eq "stat exit" 0 "$RC"
expect_eq "stat first line of a file" "/ufsdir/a.txt is a file path." "$(sed -n 1p <<<"$OUT")"
line2=$(sed -n 2p <<<"$OUT")
expect_contains "stat prints the URIStatus" "$line2" "URIStatus{info=FileInfo{fileId="
expect_contains "stat fields in Alluxio's order" "$line2" \
  ", name=a.txt, path=/ufsdir/a.txt, ufsPath=$UFS/ufsdir/a.txt, length=5, blockSizeBytes="
expect_contains "stat owner, group and mode" "$line2" ", owner=$ME, group=$GRP, mode=420, persistenceState=PERSISTED, "
expect_contains "stat ends with the cache context" "$line2" "}, cacheContext=null}"
fs stat /d1
expect_eq "stat of a directory" "/d1 is a directory path." "$(sed -n 1p <<<"$OUT")"
expect_contains "stat of a directory says folder=true" "$OUT" ", folder=true, "
fs stat /d1/t
expect_eq "stat of an empty file lists no blocks" "This file does not contain any blocks." "$(sed -n 3p <<<"$OUT")"
fs stat -f "%N %z %u %g %i %b" /ufsdir/a.txt
read -r _ _ _ _ fid _ <<<"$OUT"
expect_eq "stat -f of a file" "a.txt 5 $ME $GRP $fid 1" "$OUT"
expect_gt "stat -f %i is a file id" "${fid:-0}" 0
fs stat -f "%N %z %u %g %i %b" /ufsdir
expect_eq "stat -f of a directory prints NA for size and blocks" "ufsdir NA $ME $GRP" "$(awk '{print $1, $2, $3, $4}' <<<"$OUT")"
expect_eq "stat -f of a directory blocks" "NA" "$(awk '{print $6}' <<<"$OUT")"
fs stat -f %N --file-id "${fid:-0}"
expect_eq "stat --file-id" $'The specified file ID '"$fid"$' is /ufsdir/a.txt\na.txt' "$OUT"
fs stat /missing
expect_eq "stat of a missing path" '255 Path "/missing" does not exist.' "$RC $ERR"

# ---- test ----
fs mkdir /empty
fs test -d /d1; expect_eq "test -d dir" 0 "$RC"
fs test -d /d1/t; expect_eq "test -d file" 1 "$RC"
fs test -f /d1/t; expect_eq "test -f file" 0 "$RC"
fs test -f /d1; expect_eq "test -f dir" 1 "$RC"
fs test -e /d1/t; expect_eq "test -e" 0 "$RC"
fs test -s /d1; expect_eq "test -s non-empty dir" 0 "$RC"
fs test -s /empty; expect_eq "test -s empty dir" 1 "$RC"
fs test -z /d1/t; expect_eq "test -z empty file" 0 "$RC"
fs test -z /ufsdir/a.txt; expect_eq "test -z non-empty file" 1 "$RC"
expect_eq "test prints nothing" "" "$OUT$ERR"
fs test /d1; expect_eq "test without a flag" 255 "$RC"
fs test -d -f /d1; expect_eq "test with two flags" 255 "$RC"
fs test -e /missing; expect_eq "test of a missing path (2.9.3 code)" 3 "$RC"

# ---- count and du ----
fs count /ufsdir
expect_eq "count" $'File Count               Folder Count             Folder Size    \n3                        1                        6006           ' "$OUT"
fs count -h /ufsdir
expect_eq "count -h" "3                        1                        5.87KB         " "$(sed -n 2p <<<"$OUT")"
fs count /ufsdir/a.txt
expect_eq "count of a file" "1                        0                        5              " "$(sed -n 2p <<<"$OUT")"
fs du /ufsdir
expect_eq "du lists files only, sorted by path" "File Size     In Alluxio       Path
5             0 (0%)           /ufsdir/a.txt
6000          0 (0%)           /ufsdir/big.bin
1             0 (0%)           /ufsdir/sub/c.txt" "$OUT"
fs du -s /ufsdir
expect_eq "du -s" $'File Size     In Alluxio       Path\n6006          0 (0%)           /ufsdir' "$OUT"
fs du -s -h /ufsdir
expect_eq "du -s -h" "5.87KB        0B (0%)          /ufsdir" "$(sed -n 2p <<<"$OUT")"
fs du /missing
expect_eq "du of a missing path" '255 Path "/missing" does not exist.' "$RC $ERR"

# ---- mv ----
fs mv /d1/t /d1/t2
expect_eq "mv rename" "0 Renamed /d1/t to /d1/t2" "$RC $OUT"
fs test -e /d1/t; expect_eq "mv source is gone" 3 "$RC"
fs mv /d1/t2 /d3
expect_eq "mv into an existing directory" "0 Renamed /d1/t2 to /d3/t2" "$RC $OUT"
fs test -f /d3/t2; expect_eq "mv into a directory keeps the name" 0 "$RC"
fs mv /nope /d9
expect_eq "mv of a missing source exit" 255 "$RC"
expect_contains "mv of a missing source names it" "$ERR" "/nope"

# ---- rm ----
fs rm /d2
expect_eq "rm of a directory without -R exit" 255 "$RC"
expect_eq "rm of a directory without -R message" '/d2 is a directory, to remove it, please use "rm -R <path>"' "$ERR"
fs rm -R /d2
expect_eq "rm -R" "0 /d2 has been removed" "$RC $OUT"
fs test -e /d2/x; expect_eq "rm -R removed the descendants" 3 "$RC"
fs rm /rmme
expect_eq "rm of a UFS directory without -R" 255 "$RC"
fs rm -R /rmme
expect_eq "rm -R of a UFS directory" "0 /rmme has been removed" "$RC $OUT"
expect_eq "rm -R removed the directory from the UFS" no "$([[ -e $UFS/rmme ]] && echo yes || echo no)"
fs rm /ufsdir/sub/c.txt
expect_eq "rm of a file" "/ufsdir/sub/c.txt has been removed" "$OUT"
expect_eq "rm removed the UFS file" no "$([[ -e $UFS/ufsdir/sub/c.txt ]] && echo yes || echo no)"
fs rm /missing
expect_eq "rm of a missing path" '255 Path "/missing" does not exist.' "$RC $ERR"
printf 'k' >"$UFS/keep.txt"
fs rm --alluxioOnly /keep.txt
expect_eq "rm --alluxioOnly" "/keep.txt has been removed only from Alluxio space" "$OUT"
expect_eq "rm --alluxioOnly keeps the UFS file" yes "$([[ -e $UFS/keep.txt ]] && echo yes)"

# ---- chmod, chown, chgrp ----
fs mkdir /c
fs touch /c/f
fs chmod -R 700 /c
expect_eq "chmod -R" "0 Changed permission of /c to 700" "$RC $OUT"
fs ls /c
expect_eq "chmod -R reached the child" "-rwx------" "$(cut -c1-10 <<<"$OUT")"
fs ls -d /c
expect_eq "chmod changed the directory" "drwx------" "$(cut -c1-10 <<<"$OUT")"
fs chmod 640 /c/f
expect_eq "chmod without -R" "Changed permission of /c/f to 640" "$OUT"
fs ls /c
expect_eq "chmod 640" "-rw-r-----" "$(cut -c1-10 <<<"$OUT")"
fs chown alice /c/f
expect_eq "chown" "0 Changed owner of /c/f to alice" "$RC $OUT"
fs chown bob:staff /c/f
expect_eq "chown owner:group" "Changed owner:group of /c/f to bob:staff." "$OUT"
fs stat -f "%u:%g" /c/f
expect_eq "chown applied owner and group" "bob:staff" "$OUT"
fs chown -R carol /c
expect_eq "chown -R message" "Changed owner of /c to carol" "$OUT"
fs stat -f %u /c/f
expect_eq "chown -R reached the child" "carol" "$OUT"
fs chgrp -R wheel /c
expect_eq "chgrp -R" "0 Changed group of /c to wheel" "$RC $OUT"
fs stat -f "%g" /c/f
expect_eq "chgrp -R reached the child" "wheel" "$OUT"
fs chown 'b@d' /c/f
expect_eq "chown with an unparsable owner" "255 Failed to parse b@d as user or user:group" "$RC $ERR"
fs chgrp staff /missing
expect_eq "chgrp of a missing path" '255 Path "/missing" does not exist.' "$RC $ERR"

# ---- setTtl, unsetTtl ----
fs touch /ttlf
fs setTtl /ttlf 1h
expect_eq "setTtl 1h" "0 TTL of path '/ttlf' was successfully set to 3600000 milliseconds, with expiry action set to DELETE" "$RC $OUT"
fs stat /ttlf
expect_contains "setTtl stored the ttl" "$OUT" ", ttl=3600000, "
fs setTtl --action free /ttlf 2d
expect_eq "setTtl --action free" "TTL of path '/ttlf' was successfully set to 172800000 milliseconds, with expiry action set to FREE" "$OUT"
fs stat /ttlf
expect_contains "setTtl stored the action" "$OUT" ", ttlAction=FREE, "
fs setTtl /ttlf 5000
expect_contains "setTtl without a unit is milliseconds" "$OUT" "set to 5000 milliseconds"
fs unsetTtl /ttlf
expect_eq "unsetTtl" "0 TTL of file '/ttlf' was successfully removed." "$RC $OUT"
fs stat /ttlf
expect_contains "unsetTtl cleared the ttl" "$OUT" ", ttl=-1, "

# ---- pin, unpin ----
fs pin /ufsdir/a.txt
expect_eq "pin" "0 File '/ufsdir/a.txt' was successfully pinned." "$RC $OUT"
fs ls -p -R /ufsdir
expect_eq "ls -p lists pinned files only" "/ufsdir/a.txt" "$(paths "$OUT")"
fs stat /ufsdir/a.txt
expect_contains "pin is visible in stat" "$OUT" ", pinned=true, "
fs unpin /ufsdir/a.txt
expect_eq "unpin" "0 File '/ufsdir/a.txt' was successfully unpinned." "$RC $OUT"
fs ls -p -R /ufsdir
expect_eq "ls -p after unpin" "" "$OUT"

# ---- loadMetadata: UFS changes behind Alluxio's back ----
fs ls /
expect_not_contains "a new UFS directory is not listed before loadMetadata" "$(paths "$OUT")" "/late"
mkdir -p "$UFS/late/deep"
printf 'abc' >"$UFS/late/deep/f.txt"
fs ls /
expect_not_contains "a loaded directory is not re-synced by ls" "$(paths "$OUT")" "/late"
# ONCE loads a path unknown to Alluxio on its first access, even when its parent was listed
# before (Alluxio's checkLoadMetadataOptions refuses only paths in the UFS absent cache).
printf 'd' >"$UFS/direct.txt"
fs stat -f %N /direct.txt
expect_eq "a new UFS file is found by direct access" "0 direct.txt" "$RC $OUT"
fs loadMetadata /
expect_eq "loadMetadata prints nothing" "0 " "$RC $OUT"
fs ls /
expect_contains "loadMetadata brought the new directory in" "$(paths "$OUT")" "/late"
printf 'z' >"$UFS/late/deep/g.txt"
fs loadMetadata -R /late
expect_eq "loadMetadata -R exit" 0 "$RC"
fs ls -R /late
expect_eq "loadMetadata -R loaded the whole tree" "/late/deep /late/deep/f.txt /late/deep/g.txt" "$(paths "$OUT")"
fs loadMetadata /nowhere
expect_eq "loadMetadata of a missing path" 255 "$RC"

# ---- mount, unmount ----
other=$work/other
mkdir -p "$other"
printf 'mm' >"$other/m1.txt"
fs mount /mnt "$other"
expect_eq "mount" "0 Mounted $other at /mnt" "$RC $OUT"
fs ls /mnt
expect_eq "files of the mounted directory appear" "/mnt/m1.txt" "$(paths "$OUT")"
fs mount
expect_eq "mount table exit" 0 "$RC"
expect_eq "mount table has one line per mount" 2 "$(wc -l <<<"$OUT")"
w=$((${#UFS} > ${#other} ? ${#UFS} : ${#other}))
root_line=$(sed -n 1p <<<"$OUT")
mnt_line=$(sed -n 2p <<<"$OUT")
expect_eq "mount table root line prefix" "$(printf "%-${w}s  on  %-4s  (local, capacity=" "$UFS" /)" "${root_line%%capacity=*}capacity="
expect_eq "mount table /mnt line prefix" "$(printf "%-${w}s  on  %-4s  (local, capacity=" "$other" /mnt)" "${mnt_line%%capacity=*}capacity="
expect_eq "mount table line shape" yes \
  "$([[ $mnt_line =~ capacity=[0-9.]+[KMGTPE]?B,\ used=[0-9.]+[KMGTPE]?B\([0-9]+%\),\ not\ read-only,\ not\ shared,\ properties=\{\}\)$ ]] && echo yes)"
printf 'new' >"$other/m2.txt"
fs loadMetadata /mnt
fs ls /mnt
expect_eq "a file added to the mounted UFS appears after loadMetadata" "/mnt/m1.txt /mnt/m2.txt" "$(paths "$OUT")"
fs touch /mnt/w.txt
expect_eq "writes go through to the mounted directory" yes "$([[ -e $other/w.txt ]] && echo yes)"
fs mount /mnt "$other"
expect_eq "mount on an existing path fails" 255 "$RC"
mkdir -p "$work/ro"
fs mount --readonly --option k=v /ro "$work/ro"
expect_eq "mount --readonly" "0 Mounted $work/ro at /ro" "$RC $OUT"
fs touch /ro/x
expect_eq "touch under a read-only mount exit" 255 "$RC"
expect_eq "touch under a read-only mount message" "A write operation on /ro/x under a readonly mount point /ro is not allowed" "$ERR"
fs mkdir /ro/dir
expect_contains "mkdir under a read-only mount" "$RC $ERR" "255 A write operation on /ro/dir under a readonly mount point /ro is not allowed"
expect_eq "nothing was written under the read-only mount" "" "$(ls -A "$work/ro")"
fs mount
expect_contains "mount table shows read-only and properties" "$OUT" ", read-only, not shared, properties={k=v})"
fs unmount /ro
expect_eq "unmount" "0 Unmounted /ro" "$RC $OUT"
fs unmount /mnt
fs ls /mnt
expect_eq "an unmounted path is gone" 255 "$RC"
expect_eq "unmount keeps the UFS files" yes "$([[ -e $other/m1.txt ]] && echo yes)"
fs unmount /mnt
expect_eq "unmount of a path that is not a mount point" 255 "$RC"

# ---- alluxio mount add | list | remove ----
run mount add --path /m2 --ufs-uri "$other" --readonly --option a=1 --option b=2
expect_eq "mount add" "0 Mounted $other at /m2" "$RC $OUT"
run mount list
expect_contains "mount list shows the mount" "$OUT" "$(printf "%-${w}s  on  /m2  (local, capacity=" "$other")"
expect_contains "mount list shows its flags and options" "$OUT" ", read-only, not shared, properties={a=1, b=2})"
fs ls /m2
expect_contains "the mount added by alluxio mount is listed" "$(paths "$OUT")" "/m2/m1.txt"
run mount remove --path /m2
expect_eq "mount remove" "0 Unmounted /m2" "$RC $OUT"
run mount list
expect_not_contains "mount list after remove" "$OUT" "/m2"
run mount remove --path /m2
expect_eq "mount remove of a missing mount" 255 "$RC"
run mount add --path /m3
expect_eq "mount add without --ufs-uri is a usage error" 1 "$RC"

# ---- help, unknown commands, no command ----
fs help
expect_eq "help exit" 0 "$RC"
expect_contains "help describes ls" "$OUT" "ls: "
expect_contains "help describes unsetTtl" "$OUT" "unsetTtl: "
fs help mkdir
expect_contains "help <cmd>" "$OUT" "usage: mkdir <path1> [path2] ... [pathn]"
expect_not_contains "help <cmd> is about that command only" "$OUT" "unsetTtl: "
fs help nope
expect_eq "help of an unknown command" "255 nope is an unknown command." "$RC $ERR"
fs frobnicate /x
expect_eq "unknown command exit" 255 "$RC"
expect_eq "unknown command message on stderr" "frobnicate is an unknown command." "$ERR"
expect_contains "unknown command prints the usage" "$OUT" "Usage: alluxio fs [generic options]"
fs
expect_eq "fs without a command exit" 255 "$RC"
expect_contains "fs without a command lists the commands" "$OUT" $'\t [mkdir <path1> [path2] ... [pathn]]'
fs ls
expect_eq "ls without a path is a usage error" 1 "$RC"
expect_contains "usage error names the usage" "$ERR" "Usage: alluxio fs ls "

# ---- alluxio:// URIs name the master (the configured port is wrong here) ----
uri="alluxio://localhost:$RPC"
run -Dalluxio.master.rpc.port=1 fs mkdir "$uri/u/v"
expect_eq "mkdir by URI" "0 Successfully created directory $uri/u/v" "$RC $OUT"
run -Dalluxio.master.rpc.port=1 fs ls "$uri/u"
expect_eq "ls by URI prints Alluxio paths" "/u/v" "$(paths "$OUT")"
run -Dalluxio.master.rpc.port=1 fs touch "$uri/u/f"
expect_eq "touch by URI" "$uri/u/f has been created" "$OUT"
fs mv "$uri/u/f" "alluxio://otherhost:1/g"
expect_eq "two masters in one command is a usage error" 1 "$RC"

# ---- no master ----
dead=$(free_port)
start=$SECONDS
run -Dalluxio.master.rpc.port="$dead" fs ls /
expect_eq "master down exit" 255 "$RC"
expect_contains "master down names the address" "$ERR" "localhost:$dead"
expect_eq "master down prints nothing on stdout" "" "$OUT"
expect_gt "master down fails fast" 6 $((SECONDS - start))

finish
