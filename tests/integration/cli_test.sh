#!/usr/bin/env bash
# Drives the real `alluxio` binary: help, version, conf get/list, configuration sources and
# their precedence, and exit codes. Usage: cli_test.sh path/to/alluxio
set -uo pipefail
ALLUXIO=$(realpath "${1:?usage: cli_test.sh path/to/alluxio}")
source "$(dirname "$0")/lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"  # no ./conf here unless a test creates one
unset ALLUXIO_CONF_DIR ALLUXIO_MASTER_HOSTNAME ALLUXIO_HOME

# --help: usage on stdout, exit 0, lists the subcommands.
out=$("$ALLUXIO" --help); rc=$?
expect_eq "help exit code" 0 "$rc"
expect_contains "help lists conf" "$out" "conf"
expect_contains "help lists version" "$out" "version"
expect_contains "help documents exit codes" "$out" "Exit codes"

# No subcommand: usage on stderr, exit 1.
"$ALLUXIO" >"$tmp/o" 2>"$tmp/e"; rc=$?
expect_eq "no subcommand exit code" 1 "$rc"
expect_contains "no subcommand prints usage to stderr" "$(cat "$tmp/e")" "Usage"

# Unknown command / option: usage on stderr, exit 1, nothing on stdout.
"$ALLUXIO" frobnicate >"$tmp/o" 2>"$tmp/e"; rc=$?
expect_eq "unknown command exit code" 1 "$rc"
expect_contains "unknown command message" "$(cat "$tmp/e")" "frobnicate"
expect_eq "unknown command stdout" "" "$(cat "$tmp/o")"
"$ALLUXIO" conf list --bogus >"$tmp/o" 2>"$tmp/e"; rc=$?
expect_eq "unknown option exit code" 1 "$rc"
expect_contains "unknown option message" "$(cat "$tmp/e")" "--bogus"

# version
expect_eq "version" "2.9.3" "$("$ALLUXIO" version)"
expect_contains "version -r" "$("$ALLUXIO" version -r)" "alluxio-cpp"

# conf get: defaults, unknown keys, keys without a value.
expect_eq "rpc port default" "19998" "$("$ALLUXIO" conf get alluxio.master.rpc.port)"
expect_eq "web port default" "19999" "$("$ALLUXIO" conf get alluxio.master.web.port)"
expect_eq "proxy port default" "39999" "$("$ALLUXIO" conf get alluxio.proxy.web.port)"
expect_eq "substituted default" "/opt/alluxio/underFSStorage" \
  "$("$ALLUXIO" conf get alluxio.master.mount.table.root.ufs)"
"$ALLUXIO" conf get alluxio.no.such.key >"$tmp/o" 2>"$tmp/e"; rc=$?
expect_eq "unknown key exit code" 1 "$rc"
expect_contains "unknown key message" "$(cat "$tmp/e")" "alluxio.no.such.key is not a valid configuration key"
expect_eq "unit conversion" "64" "$("$ALLUXIO" conf get --unit MB alluxio.user.block.size.bytes.default)"
expect_eq "duration conversion" "300" "$("$ALLUXIO" conf get --unit S alluxio.master.worker.timeout)"

# Precedence: default < site file < environment < -D.
mkdir -p "$tmp/confdir"
cat >"$tmp/confdir/alluxio-site.properties" <<'PROPS'
# a comment
alluxio.master.hostname = site-host
alluxio.master.rpc.port: 20000
alluxio.home=/srv/alluxio
alluxio.user.file.metadata.load.type=always
PROPS
expect_eq "site file value" "site-host" \
  "$("$ALLUXIO" --conf-dir "$tmp/confdir" conf get alluxio.master.hostname)"
expect_eq "site file colon syntax" "20000" \
  "$("$ALLUXIO" conf get alluxio.master.rpc.port --conf-dir "$tmp/confdir")"
expect_eq "site file via ALLUXIO_CONF_DIR" "20000" \
  "$(ALLUXIO_CONF_DIR="$tmp/confdir" "$ALLUXIO" conf get alluxio.master.rpc.port)"
expect_eq "enum stored upper case" "ALWAYS" \
  "$("$ALLUXIO" --conf-dir "$tmp/confdir" conf get alluxio.user.file.metadata.load.type)"
expect_eq "substitution follows the site file" "/srv/alluxio/underFSStorage" \
  "$("$ALLUXIO" --conf-dir "$tmp/confdir" conf get alluxio.master.mount.table.root.ufs)"
expect_eq "environment beats site file" "env-host" \
  "$(ALLUXIO_MASTER_HOSTNAME=env-host "$ALLUXIO" --conf-dir "$tmp/confdir" conf get alluxio.master.hostname)"
expect_eq "-D beats environment" "flag-host" \
  "$(ALLUXIO_MASTER_HOSTNAME=env-host "$ALLUXIO" --conf-dir "$tmp/confdir" -Dalluxio.master.hostname=flag-host conf get alluxio.master.hostname)"
expect_eq "--conf after the subcommand" "1234" \
  "$("$ALLUXIO" conf get alluxio.master.rpc.port --conf alluxio.master.rpc.port=1234)"
mkdir -p "$tmp/conf"
echo "alluxio.master.rpc.port=23456" >"$tmp/conf/alluxio-site.properties"
expect_eq "./conf is searched" "23456" "$("$ALLUXIO" conf get alluxio.master.rpc.port)"
rm -rf "$tmp/conf"

# conf list: key=value  (source) for every key.
list=$("$ALLUXIO" --conf-dir "$tmp/confdir" -Dalluxio.worker.rpc.port=29990 conf list)
expect_contains "list default source" "$list" "alluxio.master.web.port=19999  (DEFAULT)"
expect_contains "list site source" "$list" "alluxio.master.rpc.port=20000  (SITE_PROPERTY ($tmp/confdir/alluxio-site.properties))"
expect_contains "list -D source" "$list" "alluxio.worker.rpc.port=29990  (SYSTEM_PROPERTY)"
all=$("$ALLUXIO" conf list --all)
expect_gt "list --all shows more keys" "$(echo "$all" | wc -l)" "$("$ALLUXIO" conf list | wc -l)"

# Secrets never print.
secret=$("$ALLUXIO" -Ds3a.secretKey=hunter2 conf list)
expect_not_contains "secret masked in list" "$secret" "hunter2"
expect_eq "secret masked in get" "******" "$("$ALLUXIO" -Ds3a.secretKey=hunter2 conf get s3a.secretKey)"

# A bad value stops with a message naming key, value and expected form.
"$ALLUXIO" -Dalluxio.master.rpc.port=notaport conf get alluxio.master.rpc.port >"$tmp/o" 2>"$tmp/e"; rc=$?
expect_eq "bad value exit code" 1 "$rc"
expect_contains "bad value names the key" "$(cat "$tmp/e")" "alluxio.master.rpc.port"
expect_contains "bad value names the value" "$(cat "$tmp/e")" "notaport"
"$ALLUXIO" -Dalluxio.user.block.size.bytes.default=12XB conf list >"$tmp/o" 2>"$tmp/e"; rc=$?
expect_eq "bad size exit code" 1 "$rc"
expect_contains "bad size names the form" "$(cat "$tmp/e")" "MB"
"$ALLUXIO" -Dnoequals conf list >"$tmp/o" 2>"$tmp/e"; rc=$?
expect_eq "malformed -D exit code" 1 "$rc"

# Unknown alluxio.* keys warn but do not fail; other keys are silent.
"$ALLUXIO" -Dalluxio.made.up=1 -Dfs.s3a.foo=2 conf get alluxio.master.rpc.port >"$tmp/o" 2>"$tmp/e"; rc=$?
expect_eq "unknown key still runs" 0 "$rc"
expect_contains "unknown key warns" "$(cat "$tmp/e")" "alluxio.made.up"
expect_not_contains "non-alluxio key silent" "$(cat "$tmp/e")" "fs.s3a.foo"

# A reference cycle is reported.
"$ALLUXIO" '-Dalluxio.home=${alluxio.work.dir}' conf list >"$tmp/o" 2>"$tmp/e"; rc=$?
expect_eq "cycle exit code" 1 "$rc"
expect_contains "cycle reported" "$(cat "$tmp/e")" "alluxio.work.dir"

# format --local formats what `alluxio local` uses (its embedded work dir under $HOME).
port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
mkdir -p "$tmp/home"
out=$(HOME="$tmp/home" "$ALLUXIO" format --local -Dalluxio.worker.tieredstore.level0.dirs.path="$tmp/mem" \
  -Dalluxio.master.rpc.port="$(port)" -Dalluxio.worker.rpc.port="$(port)" 2>&1); rc=$?
expect_eq "format --local exit code" 0 "$rc"
expect_contains "format --local: local's metastore" "$out" "Formatted the master metastore $tmp/home/.alluxio/metastore"
expect_contains "format --local: -D still wins" "$out" "Formatted the worker storage $tmp/mem/alluxio-local-worker (MEM)"

finish
