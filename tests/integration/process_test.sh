#!/usr/bin/env bash
# `alluxio process start|stop|status` with real daemons on free ports, configured through a conf
# dir: local and all (master, worker, proxy) started in the background and waited for, pid files,
# refusing a second copy, stale pid files (dead pid, pid of another program), logs, clean
# SIGTERM shutdown, a daemon that cannot start, a worker that never becomes ready.
# Usage: process_test.sh path/to/alluxio
set -uo pipefail
ALLUXIO=$(realpath "${1:?usage: process_test.sh path/to/alluxio}")
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/cluster.sh"

work=$(mktemp -d)
W=$work/w  # alluxio.work.dir: logs in $W/logs, pid files in $W/run
# Daemons run detached, so they are found through their pid files at exit.
cleanup() {
  for f in "$W"/run/*.pid; do [[ -f $f ]] && kill -9 "$(<"$f")" 2>/dev/null; done
  cleanup_cluster
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work"
unset ALLUXIO_CONF_DIR ALLUXIO_MASTER_HOSTNAME ALLUXIO_HOME
export HOME=$work/home  # `alluxio local` must not fall back to the real ~/.alluxio
mkdir -p "$HOME" "$work/conf" "$W/mem"

MRPC=$(free_port) MWEB=$(free_port) WRPC=$(free_port) WWEB=$(free_port) PROXY=$(free_port)
cat >"$work/conf/alluxio-site.properties" <<PROPS
alluxio.work.dir=$W
alluxio.master.hostname=localhost
alluxio.master.rpc.port=$MRPC
alluxio.master.web.port=$MWEB
alluxio.worker.hostname=localhost
alluxio.worker.rpc.port=$WRPC
alluxio.worker.web.port=$WWEB
alluxio.worker.tieredstore.levels=1
alluxio.worker.tieredstore.level0.alias=MEM
alluxio.worker.tieredstore.level0.dirs.path=$W/mem
alluxio.worker.tieredstore.level0.dirs.quota=64MB
alluxio.proxy.web.port=$PROXY
PROPS

# run ARGS...: `alluxio --conf-dir <conf> ARGS...`; sets OUT, ERR and RC.
run() {
  "$ALLUXIO" --conf-dir "$work/conf" "$@" >"$work/out" 2>"$work/err"
  RC=$?
  OUT=$(<"$work/out")
  ERR=$(<"$work/err")
  [[ -z ${SHOW_OUTPUT:-} ]] || printf '$ alluxio %s  -> %s\n%s\n%s\n' "$*" "$RC" "$OUT" "$ERR"
}
# alive PID: the process exists and is not a zombie (an exited daemon waits for init to reap it).
alive() {
  local state
  state=$(ps -o stat= -p "$1" 2>/dev/null) && [[ $state != Z* ]]
}

# --- nothing running ---------------------------------------------------------------------------
run process status
expect_eq "status with nothing running exits 3" "3" "$RC"
expect_eq "status lists every daemon" $'master: stopped\nworker: stopped\nproxy: stopped\nlocal: stopped' "$OUT"
run process stop local
expect_eq "stop of a daemon never started succeeds" "0" "$RC"
expect_eq "stop says it was not running" "local: not running" "$OUT"
run process start --help
expect_contains "start help names the exit codes" "$OUT" "Exit codes: 0 started"
expect_contains "start help names the pid file" "$OUT" '${alluxio.work.dir}/run/NAME.pid'

# --- local -------------------------------------------------------------------------------------
run process start local --wait --timeout 30
expect_eq "start local --wait" "0" "$RC"
expect_contains "start names the log" "$OUT" "log $W/logs/local.log, pid file $W/run/local.pid"
expect_contains "start local waits until ready" "$OUT" "local is ready"
[[ $RC == 0 ]] || { echo "$ERR"; cat "$W/logs/local.log"; exit 1; }
LPID=$(<"$W/run/local.pid")
expect_contains "the pid file names alluxio local" "$(tr '\0' ' ' </proc/"$LPID"/cmdline)" " local --conf-dir $work/conf"
expect_eq "the daemon leads its own session" "$LPID" "$(ps -o sid= -p "$LPID" | tr -d ' ')"
expect_eq "its stdin is /dev/null" "/dev/null" "$(readlink /proc/"$LPID"/fd/0)"
expect_eq "its stdout is the log" "$W/logs/local.log" "$(readlink /proc/"$LPID"/fd/1)"
curl -sf -o /dev/null "http://127.0.0.1:$PROXY/api/v1/proxy/info"
expect_eq "local's proxy answers" "0" "$?"

run process status local
expect_eq "status local exits 0" "0" "$RC"
expect_eq "status local line" "local: running (pid $LPID, log $W/logs/local.log)" "$OUT"
run process status
expect_eq "status without NAME is 0 while local runs" "0" "$RC"
expect_contains "status without NAME shows local" "$OUT" "local: running (pid $LPID"
run process status all
expect_eq "status all is 3 while only local runs" "3" "$RC"

run process start local
expect_eq "a second start is refused" "255" "$RC"
expect_contains "refusal names the pid" "$ERR" "local is already running (pid $LPID"
expect_eq "the pid file is untouched" "$LPID" "$(<"$W/run/local.pid")"

run fs mkdir /kept
expect_eq "fs mkdir through local" "0" "$RC"
run fs ls /
expect_eq "fs ls through local" "0" "$RC"
expect_contains "ls shows the new directory" "$OUT" "/kept"

run process stop local
expect_eq "stop local" "0" "$RC"
expect_contains "stop reports a clean exit" "$OUT" "local: stopped (pid $LPID) after"
expect_eq "pid file removed" "no" "$([[ -e $W/run/local.pid ]] && echo yes || echo no)"
alive "$LPID"
expect_eq "process gone" "1" "$?"
LOG=$(<"$W/logs/local.log")
expect_contains "log has the daemon's output" "$LOG" "Alluxio local cluster is up"
expect_contains "log has the start banner" "$LOG" "alluxio process start local"
expect_contains "SIGTERM led to an orderly shutdown" "$LOG" "Shutting down"
run process stop local
expect_eq "stop when not running exits 0" "0" "$RC"
expect_eq "stop when not running says so" "local: not running" "$OUT"

# --- stale pid files ---------------------------------------------------------------------------
sleep 60 &
SLEEPER=$!
PIDS+=("$SLEEPER")
echo "$SLEEPER" >"$W/run/local.pid"
run process status local
expect_eq "a pid file naming another program is not running" "3" "$RC"
expect_contains "status explains the stale file" "$OUT" "runs \"sleep\", not an alluxio local"
run process start local --wait --timeout 30
expect_eq "start replaces a pid file naming another program" "0" "$RC"
expect_contains "start says it replaced it" "$OUT" "Replacing the stale pid file $W/run/local.pid"
alive "$SLEEPER"
expect_eq "the other program was left alone" "0" "$?"
LPID2=$(<"$W/run/local.pid")
expect_eq "the pid file names the new daemon" "local" "$(tr '\0' '\n' </proc/"$LPID2"/cmdline | sed -n 2p)"
run fs ls /
expect_contains "the namespace survived the SIGTERM restart" "$OUT" "/kept"
run process stop local
expect_eq "stop the restarted local" "0" "$RC"
echo 4194000 >"$W/run/local.pid"  # a pid nothing runs
alive 4194000 && echo "warning: pid 4194000 exists"
run process stop local
expect_eq "stop with a dead pid file exits 0" "0" "$RC"
expect_contains "stop removes the stale file" "$OUT" "not running (removed the stale pid file"
expect_eq "stale pid file gone" "no" "$([[ -e $W/run/local.pid ]] && echo yes || echo no)"
kill "$SLEEPER"

# --- all: master, worker and proxy as three processes ------------------------------------------
run process start all --wait --timeout 30
expect_eq "start all --wait" "0" "$RC"
[[ $RC == 0 ]] || { echo "$ERR"; tail -n 20 "$W"/logs/*.log; exit 1; }
expect_contains "master ready" "$OUT" "master is ready"
expect_contains "worker ready" "$OUT" "worker is ready"
expect_contains "proxy ready" "$OUT" "proxy is ready"
run process status all
expect_eq "status all exits 0" "0" "$RC"
expect_eq "status all prints three lines" "3" "$(grep -c ': running (pid ' <<<"$OUT")"
run process status
expect_eq "status without NAME is 0 with master, worker and proxy" "0" "$RC"
expect_contains "status without NAME shows local stopped" "$OUT" "local: stopped"
for d in master worker proxy; do
  expect_eq "$d has its own log" "yes" "$([[ -s $W/logs/$d.log ]] && echo yes)"
done
MPID=$(<"$W/run/master.pid") WPID=$(<"$W/run/worker.pid") PPID_=$(<"$W/run/proxy.pid")
run fs mkdir /through-all
expect_eq "fs mkdir through all" "0" "$RC"
printf 'hello via the worker' >"$work/in.txt"
run fs copyFromLocal "$work/in.txt" /through-all/f.txt
expect_eq "copyFromLocal through the worker" "0" "$RC"
run fs cat /through-all/f.txt
expect_eq "cat through the worker" "hello via the worker" "$OUT"
run fs ls /
expect_contains "ls through all" "$OUT" "/through-all"
expect_eq "the proxy lists it" "200" \
  "$(curl -s -o /dev/null -w '%{http_code}' -XPOST "http://127.0.0.1:$PROXY/api/v1/paths//through-all/list-status")"
run process start all
expect_eq "start all while all run is refused" "255" "$RC"
expect_eq "one refusal per daemon" "3" "$(grep -c 'is already running' <<<"$ERR")"
run process stop all
expect_eq "stop all" "0" "$RC"
expect_eq "stop all goes proxy, worker, master" "proxy worker master" \
  "$(grep -o '^[a-z]*: stopped' <<<"$OUT" | cut -d: -f1 | paste -sd' ')"
for p in "$MPID" "$WPID" "$PPID_"; do
  alive "$p"
  expect_eq "pid $p gone after stop all" "1" "$?"
done
expect_contains "the master shut down on SIGTERM" "$(<"$W/logs/master.log")" "Received SIGTERM, shutting down"
run process status all
expect_eq "status all after stop exits 3" "3" "$RC"
expect_eq "no pid files left" "" "$(ls "$W/run" | grep '\.pid$')"

# --- a daemon that ignores SIGTERM is killed after --timeout ------------------------------------
# A stand-in whose command line reads `alluxio master`: python running a script named master.
mkdir -p "$work/fake"
printf 'import signal, time\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\nopen("ready", "w").close()\ntime.sleep(60)\n' \
  >"$work/fake/master"
(cd "$work/fake" && exec -a alluxio /usr/bin/python3 master) &
STUBBORN=$!
disown "$STUBBORN"  # its SIGKILL is expected: no job notice
PIDS+=("$STUBBORN")
for _ in $(seq 200); do [[ -e $work/fake/ready ]] && break; sleep 0.05; done  # SIGTERM ignored now
echo "$STUBBORN" >"$W/run/master.pid"
run process status master
expect_eq "the stand-in counts as a running master" "0" "$RC"
run process stop master --timeout 1
expect_eq "stop of a daemon ignoring SIGTERM exits 0" "0" "$RC"
expect_contains "stop says it used SIGKILL" "$OUT" "master: killed with SIGKILL (pid $STUBBORN) after it ignored SIGTERM for 1.0 s"
alive "$STUBBORN"
expect_eq "the stubborn process is gone" "1" "$?"
expect_eq "its pid file is removed" "no" "$([[ -e $W/run/master.pid ]] && echo yes || echo no)"

# --- a daemon that cannot start: its port is taken ---------------------------------------------
TAKEN=$(free_port)
/usr/bin/python3 -c 'import socket,sys,time
s=socket.socket(); s.bind(("0.0.0.0",int(sys.argv[1]))); s.listen(); time.sleep(60)' "$TAKEN" &
HOLDER=$!
PIDS+=("$HOLDER")
wait_port() { for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.05; done; return 1; }
wait_port "$TAKEN"
run process start master --wait --timeout 20 -Dalluxio.master.rpc.port="$TAKEN"
expect_eq "start --wait of a daemon that dies exits 255" "255" "$RC"
expect_contains "it says the daemon exited" "$ERR" "before it was ready"
expect_contains "it names the log" "$ERR" "Last lines of $W/logs/master.log:"
expect_contains "the tail shows why" "$ERR" "$TAKEN"
expect_eq "the dead daemon's pid file is removed" "no" "$([[ -e $W/run/master.pid ]] && echo yes || echo no)"
kill "$HOLDER"

# --- a worker without a master never becomes ready ---------------------------------------------
run process start worker --wait --timeout 5
expect_eq "start --wait times out" "255" "$RC"
expect_contains "timeout message" "$ERR" "was not ready within 5.0 s"
expect_contains "it names what it waited for" "$ERR" "/api/v1/worker/info"
expect_contains "it says the worker still runs" "$ERR" "It is still running"
run process status worker
expect_eq "the slow worker still runs" "0" "$RC"
run process stop worker --timeout 10
expect_eq "stop the worker" "0" "$RC"
expect_contains "the worker exited on SIGTERM" "$OUT" "worker: stopped"

# --- a bad configuration is refused up front, also without --wait --------------------------------
run process start master -Dalluxio.master.rpc.port=notaport
expect_eq "bad configuration without --wait: exit 1" "1" "$RC"
expect_eq "bad configuration: no pid file" "no" "$([[ -e $W/run/master.pid ]] && echo yes || echo no)"

# --- started with stdin, stdout and stderr closed (cron): the daemon still logs to its file ------
"$ALLUXIO" --conf-dir "$work/conf" process start master <&- >&- 2>&-
pid=$(cat "$W/run/master.pid" 2>/dev/null)
expect_eq "closed stdio: its stdout is the log" "$W/logs/master.log" "$(readlink "/proc/$pid/fd/1")"
expect_eq "closed stdio: its stderr is the log" "$W/logs/master.log" "$(readlink "/proc/$pid/fd/2")"
expect_eq "closed stdio: its stdin is /dev/null" "/dev/null" "$(readlink "/proc/$pid/fd/0")"
run process stop master
expect_eq "closed stdio: stop" "0" "$RC"

[[ -n ${SHOW_OUTPUT:-} ]] && cat "$W"/logs/*.log
finish
