#!/usr/bin/env bash
# `alluxio shell` against a real `alluxio local`: non-interactive runs (-c, scripts on stdin)
# checked for output and exit codes, and the interactive REPL driven through a pseudo-terminal
# (tmux send-keys / capture-pane): prompt, cd, Tab completion, history across sessions, Ctrl-C,
# Ctrl-D, and a proxy that goes away and comes back.
# Usage: shell_test.sh path/to/alluxio
set -uo pipefail
ALLUXIO=$(realpath "${1:?usage: shell_test.sh path/to/alluxio}")
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/cluster.sh"

if ! command -v tmux >/dev/null; then
  echo "tmux is missing: install it with scripts/install-deps.sh --test"
  exit 1
fi

work=$(mktemp -d)
TMUX_SOCKET="alluxio-shell-test-$$"
tmx() { tmux -L "$TMUX_SOCKET" "$@"; }
trap 'tmx kill-server 2>/dev/null; cleanup_cluster; rm -rf "$work"' EXIT
start_local_conf "$work" alluxio.user.block.size.bytes.default=1MB \
  alluxio.user.file.writetype.default=CACHE_THROUGH || exit 1

export HOME="$work/home"
mkdir -p "$HOME"
sh() { "$ALLUXIO" shell --conf-dir "$work" "$@"; }

# ---- Non-interactive: -c ----
out=$(sh -c 'mkdir /s; cd /s; mkdir sub; touch a; ls; pwd' 2>&1); rc=$?
expect_eq "-c runs the commands" 0 "$rc"
expect_contains "-c: relative mkdir" "$out" "Successfully created directory /s/sub"
expect_contains "-c: ls of the current directory" "$out" " /s/a"
expect_contains "-c: pwd" "$out" $'\n/s'
expect_not_contains "-c: no prompt" "$out" "alluxio:/"

head -c 3000001 /dev/urandom >"$work/blob"
want=$(sha256sum <"$work/blob" | cut -d' ' -f1)
out=$(sh -c "copyFromLocal $work/blob /s/blob" 2>&1); rc=$?
expect_eq "copyFromLocal through the proxy" 0 "$rc"
got=$(sh -c 'cat /s/blob' | sha256sum | cut -d' ' -f1)
expect_eq "cat through REST streams is byte-exact" "$want" "$got"
got=$(sh -c 'cd /s; tail -c 1000 blob' | sha256sum | cut -d' ' -f1)
expect_eq "tail -c seeks the stream" "$(tail -c 1000 "$work/blob" | sha256sum | cut -d' ' -f1)" "$got"
got=$(sh -c 'head -c 777 /s/blob' | sha256sum | cut -d' ' -f1)
expect_eq "head -c" "$(head -c 777 "$work/blob" | sha256sum | cut -d' ' -f1)" "$got"
got=$("$ALLUXIO" fs --conf-dir "$work" cat /s/blob | sha256sum | cut -d' ' -f1)
expect_eq "alluxio fs reads what the shell wrote" "$want" "$got"
out=$(sh -c "cd /s; copyToLocal blob $work/back" 2>&1)
expect_eq "copyToLocal" "$want" "$(sha256sum <"$work/back" | cut -d' ' -f1)"

out=$(sh -c 'report' 2>&1); rc=$?
expect_eq "report exit" 0 "$rc"
expect_contains "report: live workers" "$out" "Live Workers: 1"
expect_contains "report: master address" "$out" "Master Address: localhost:$MASTER"
out=$(sh -c 'report --json')
expect_eq "report --json" "1 $MASTER" "$(/usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["liveWorkers"], d["master"]["rpcPort"])' <<<"$out")"
out=$(sh -c 'report capacity' 2>&1)
expect_contains "report capacity" "$out" "Capacity information for all workers"
out=$(sh -c 'workers --json')
expect_eq "workers --json" "LIVE" "$(/usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["state"])' <<<"$out")"
out=$(sh -c 'workers')
expect_contains "workers table" "$out" "localhost:$WORKER"
out=$(sh -c 'mounts')
expect_contains "mounts" "$out" "$work/work/underFSStorage  on  /"
out=$(sh -c 'conf alluxio.proxy.web.port')
expect_eq "conf KEY prints the proxy's value" "$PROXY" "$out"
out=$(sh -c 'conf' | grep -c '^alluxio\.')
expect_gt "conf lists properties" "$out" 10
out=$(sh -c 'metrics --json')
expect_eq "metrics --json is an object" "dict" "$(/usr/bin/python3 -c 'import json,sys; print(type(json.load(sys.stdin)).__name__)' <<<"$out")"
out=$(sh -c 'help')
expect_contains "help lists admin commands" "$out" "report [summary|capacity] [--json]"
expect_contains "help lists fs commands" "$out" "copyFromLocal"
out=$(sh -c 'help mkdir')
expect_contains "help CMD" "$out" "Usage: alluxio fs mkdir"

# Exit codes: the first failure's; the rest is skipped unless --keep-going.
out=$(sh -c 'ls /nope; pwd' 2>"$work/err"); rc=$?
expect_eq "failure exit code" 255 "$rc"
expect_eq "failure stops the rest" "" "$out"
expect_eq "failure message on stderr" 'Path "/nope" does not exist.' "$(cat "$work/err")"
out=$(sh --keep-going -c 'ls /nope; pwd' 2>/dev/null); rc=$?
expect_eq "--keep-going: code of the first failure" 255 "$rc"
expect_eq "--keep-going: runs the rest" "/" "$out"
sh -c 'ls --bogus' 2>"$work/err"; rc=$?
expect_eq "bad flag: exit 1" 1 "$rc"
expect_contains "bad flag: message" "$(cat "$work/err")" "bogus"
sh -c 'frobnicate' 2>"$work/err"; rc=$?
expect_eq "unknown command: exit 1" 1 "$rc"
expect_contains "unknown command: message" "$(cat "$work/err")" "frobnicate is an unknown command"
sh -c "ls '/s" 2>"$work/err"; rc=$?
expect_eq "unterminated quote: exit 1" 1 "$rc"
sh -c 'pwd; exit 4; pwd' >/dev/null; rc=$?
expect_eq "exit N" 4 "$rc"
sh -c 'test -d /s/a'; rc=$?
expect_eq "test keeps its exit codes" 1 "$rc"

# ---- Non-interactive: a script on stdin ----
out=$(printf 'cd /s\n# a comment\nls sub\ntouch "with space"\nls\n' | sh 2>&1); rc=$?
expect_eq "script: exit 0" 0 "$rc"
expect_contains "script: quoted name" "$out" "/s/with space"
expect_not_contains "script: no prompt" "$out" "alluxio:/"
out=$(printf 'pwd\nrm /nope\npwd\n' | sh 2>/dev/null); rc=$?
expect_eq "script: first failure ends it" "255 /" "$rc $out"
out=$(printf 'rm /nope\npwd\n' | sh -k 2>/dev/null); rc=$?
expect_eq "script: --keep-going" "255 /" "$rc $out"

out=$(printf 'touch "/s/two\nlines"\nls /s/tw* \\\n  -d\n' | sh 2>&1); rc=$?
expect_eq "script: quotes and backslashes continue a command on the next line" 0 "$rc"
expect_contains "script: the continued command ran" "$out" $'/s/two\nlines'
out=$(echo 'pwd' | sh -c '' 2>&1); rc=$?
expect_eq "-c '': runs nothing, reads no stdin" "0 " "$rc $out"

# ---- No proxy ----
DEAD=$(free_port)
out=$("$ALLUXIO" shell --proxy "127.0.0.1:$DEAD" -c 'ls /' 2>&1); rc=$?
expect_eq "unreachable proxy: exit 255" 255 "$rc"
expect_contains "unreachable proxy: message" "$out" "Cannot reach the Alluxio proxy at 127.0.0.1:$DEAD"
"$ALLUXIO" shell --proxy "nohost:x" -c 'ls /' 2>/dev/null; rc=$?
expect_eq "malformed --proxy: exit 1" 1 "$rc"

# ---- Interactive, through a pseudo-terminal ----
# capture-pane drops trailing blanks, so needles never end in one.
screen() { tmx capture-pane -p -t t; }
wait_screen() {  # needle [seconds]: waits until the screen shows needle
  local deadline=$((SECONDS + ${2:-10}))
  while ((SECONDS < deadline)); do
    [[ "$(screen)" == *"$1"* ]] && return 0
    sleep 0.1
  done
  return 1
}
type_line() { tmx send-keys -t t -l "$1"; tmx send-keys -t t Enter; }
wait_gone() {  # waits until the session's shell has exited
  local deadline=$((SECONDS + 10))
  while ((SECONDS < deadline)) && tmx has-session -t t 2>/dev/null; do sleep 0.1; done
}

# A separate proxy process, so the test can take it away and bring it back.
P2=$(free_port)
start_proxy2() {
  "$ALLUXIO" proxy --conf-dir "$work" -Dalluxio.proxy.web.port="$P2" >>"$work/proxy2.log" 2>&1 &
  PROXY2_PID=$!
  PIDS+=("$PROXY2_PID")
  wait_http "http://127.0.0.1:$P2/healthz"
}
start_proxy2 || { echo "second proxy did not start"; cat "$work/proxy2.log"; exit 1; }

tmx new-session -d -s t -x 150 -y 50 "env HOME=$HOME $ALLUXIO shell --conf-dir $work --proxy 127.0.0.1:$P2"
wait_screen "alluxio:/>"; expect_eq "interactive: banner and prompt" 0 $?
expect_contains "interactive: banner" "$(screen)" "Alluxio shell on the proxy at 127.0.0.1:$P2"
expect_contains "interactive: the prompt in colour" "$(tmx capture-pane -p -e -t t)" $'\e[36malluxio:/>'
type_line "cd /s"
wait_screen "alluxio:/s>"; expect_eq "interactive: cd changes the prompt" 0 $?

tmx send-keys -t t -l "ls su"; tmx send-keys -t t Tab
wait_screen "alluxio:/s> ls sub/"; expect_eq "Tab completes a remote directory" 0 $?
tmx send-keys -t t C-u
tmx send-keys -t t -l "wor"; tmx send-keys -t t Tab
wait_screen "alluxio:/s> workers"; expect_eq "Tab completes a command" 0 $?
tmx send-keys -t t Enter
wait_screen "localhost:$WORKER"; expect_eq "interactive: workers runs" 0 $?
tmx send-keys -t t -l "lo"; tmx send-keys -t t Tab; tmx send-keys -t t Tab
wait_screen "loadMetadata  location"; expect_eq "Tab twice lists the choices" 0 $?
tmx send-keys -t t C-u
tmx send-keys -t t -l "cat /s/wi"; tmx send-keys -t t Tab
wait_screen 'cat /s/with\ space'; expect_eq "Tab escapes a blank in a path" 0 $?
tmx send-keys -t t C-u
tmx send-keys -t t -l "ls --so"; tmx send-keys -t t Tab
wait_screen "ls --sort"; expect_eq "Tab completes a flag" 0 $?
tmx send-keys -t t C-c
sleep 0.3
type_line "pwd"
wait_screen $'/s\nalluxio:/s>'; expect_eq "Ctrl-C gives a fresh line; the shell lives on" 0 $?
type_line "ls /nope"
wait_screen 'Path "/nope" does not exist.'; expect_eq "interactive: error shown" 0 $?

# Ctrl-C while a command runs stops the command, not the shell. The proxy is frozen (SIGSTOP), so
# `ls` waits on its first request; the interrupt is seen before its next one.
tmx send-keys -t t C-l
kill -STOP "$PROXY2_PID"
type_line "ls /s"
sleep 0.5
tmx send-keys -t t C-c
sleep 0.3
kill -CONT "$PROXY2_PID"
wait_screen "Interrupted (Ctrl-C)"; expect_eq "Ctrl-C stops the running command" 0 $?
expect_not_contains "the interrupted ls printed no listing" "$(screen)" "/s/blob"
tmx send-keys -t t C-l
type_line "pwd"
wait_screen $'/s\nalluxio:/s>'; expect_eq "after Ctrl-C of a command the shell lives on" 0 $?

# The proxy goes away: a clear message, the shell stays; it comes back: the shell works again.
kill -9 "$PROXY2_PID"; wait "$PROXY2_PID" 2>/dev/null
tmx send-keys -t t C-l
type_line "ls /s"
wait_screen "Cannot reach the Alluxio proxy at 127.0.0.1:$P2"; expect_eq "lost proxy: message" 0 $?
start_proxy2
tmx send-keys -t t C-l
type_line "ls /s"
wait_screen "/s/blob"; expect_eq "proxy back: the next command works" 0 $?

# History: Up recalls, and the file keeps it for the next session.
tmx send-keys -t t C-l
type_line "pwd"
tmx send-keys -t t Up Up
wait_screen "alluxio:/s> ls /s"; expect_eq "Up recalls history" 0 $?
tmx send-keys -t t C-u C-d
wait_gone
expect_eq "Ctrl-D ends the shell" "" "$(tmx list-panes -t t 2>/dev/null)"
hist=$(cat "$HOME/.alluxio_history" 2>/dev/null)
expect_contains "history file: commands" "$hist" 'cd\040/s'
expect_contains "history file: last command" "$hist" "pwd"

tmx new-session -d -s t -x 150 -y 50 "env HOME=$HOME $ALLUXIO shell --conf-dir $work --proxy 127.0.0.1:$P2"
wait_screen "alluxio:/>"
tmx send-keys -t t Up
wait_screen "alluxio:/> pwd"; expect_eq "history survives the session" 0 $?
tmx send-keys -t t C-u
type_line "exit"
wait_gone
expect_eq "exit ends the shell" "" "$(tmx list-panes -t t 2>/dev/null)"

# NO_COLOR: a plain prompt. Output to a file: no banner, no prompt, as a script.
tmx new-session -d -s t -x 150 -y 50 "env HOME=$HOME NO_COLOR=1 $ALLUXIO shell --conf-dir $work --proxy 127.0.0.1:$P2"
wait_screen "alluxio:/>"
expect_not_contains "NO_COLOR: no escape sequences" "$(tmx capture-pane -p -e -t t)" $'\e[36m'
type_line "exit"
wait_gone
tmx new-session -d -s t -x 150 -y 50 "$ALLUXIO shell --conf-dir $work --proxy 127.0.0.1:$P2 >$work/piped.out"
sleep 0.5
type_line "pwd"
tmx send-keys -t t C-d
wait_gone
expect_eq "stdout not a terminal: only the output" "/" "$(cat "$work/piped.out")"

finish
