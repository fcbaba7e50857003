#!/usr/bin/env bash
# The checked-in completions/ and man/: equal to what alluxio_gendocs writes from this build's
# command tree, valid for bash, zsh, fish, man and groff, and completing real command lines
# (bash and fish directly, zsh through a terminal in tmux, Alluxio paths against a running
# `alluxio local`). The generator is $ALLUXIO_GENDOCS, else cmd/gendocs/alluxio_gendocs next
# to the binary.
#   usage: bash tests/integration/docs_test.sh build/alluxio
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
ALLUXIO=$(realpath "$1")
GENDOCS=${ALLUXIO_GENDOCS:-$(dirname "$ALLUXIO")/cmd/gendocs/alluxio_gendocs}
source "$here/lib.sh"
source "$here/cluster.sh"

work=$(mktemp -d /tmp/docs_test.XXXXXX)
tmux_socket="docs_test_$$"
cleanup() {
  tmux -L "$tmux_socket" kill-server 2>/dev/null
  cleanup_cluster
  rm -rf "$work"
}
trap cleanup EXIT
# The completion scripts run `alluxio`: this build's.
mkdir -p "$work/bin"
ln -s "$ALLUXIO" "$work/bin/alluxio"
export PATH="$work/bin:$PATH"

echo "== the checked-in files are what the generator writes"
if [[ ! -x $GENDOCS ]]; then
  echo "FAIL: no generator at $GENDOCS (build it: ninja -C build alluxio_gendocs)"
  exit 1
fi
"$GENDOCS" "$work/gen"
expect_eq "generator exit code" 0 $?
stale=()
for f in completions/alluxio.bash completions/_alluxio completions/alluxio.fish; do
  cmp -s "$work/gen/$f" "$src/$f" || stale+=("$f")
done
generated_pages=$(cd "$work/gen/man" && ls ./*.1 | sort)
checked_in_pages=$(cd "$src/man" && ls ./*.1 2>/dev/null | sort)
expect_eq "the same man pages" "$generated_pages" "$checked_in_pages"
for f in $generated_pages; do
  cmp -s "$work/gen/man/$f" "$src/man/$f" || stale+=("man/${f#./}")
done
if ((${#stale[@]})); then
  echo "FAIL: stale generated docs: ${stale[*]}"
  echo "  run scripts/gen-docs.sh [BUILD_DIR] and commit completions/ and man/. First differences:"
  for f in "${stale[@]}"; do diff -u "$src/$f" "$work/gen/$f" | head -20; done
  FAILURES=$((FAILURES + 1))
else
  PASSES=$((PASSES + 1))
fi
expect_eq "pages for fs, conf and mount" "yes" \
  "$([[ -f $src/man/alluxio.1 && -f $src/man/alluxio-fs.1 && -f $src/man/alluxio-conf.1 &&
        -f $src/man/alluxio-mount.1 ]] && echo yes)"

echo "== syntax"
bash -n "$src/completions/alluxio.bash"
expect_eq "bash -n" 0 $?
if command -v zsh >/dev/null; then
  zsh -n "$src/completions/_alluxio"
  expect_eq "zsh -n" 0 $?
else
  echo "SKIP zsh checks: zsh is not installed"
fi
if command -v fish >/dev/null; then
  fish --no-execute "$src/completions/alluxio.fish"
  expect_eq "fish -n" 0 $?
else
  echo "SKIP fish checks: fish is not installed"
fi

echo "== bash completes"
# complete_bash WORD...: COMPREPLY, one per line, for the command line WORD... (the last word is
# the one being completed), after sourcing the script in a clean bash. Words are given as bash
# splits them (at = and :).
complete_bash() {
  bash --norc --noprofile -c '
    source "$1" || exit 3
    shift
    complete -p alluxio >/dev/null || exit 4
    COMP_WORDS=("$@")
    COMP_CWORD=$(($# - 1))
    COMP_LINE="$*"
    COMP_POINT=${#COMP_LINE}
    _alluxio alluxio "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
    printf "%s\n" "${COMPREPLY[@]}"' _ "$src/completions/alluxio.bash" "$@"
}
lines() { printf '%s\n' "$@"; }
expect_eq "complete -p" "complete -F _alluxio alluxio" \
  "$(bash --norc -c "source '$src/completions/alluxio.bash'; complete -p alluxio")"
expect_eq "alluxio f" "$(lines format fs fsadmin)" "$(complete_bash alluxio f)"
fs_l=$(complete_bash alluxio fs l)
for c in load loadMetadata location ls; do expect_contains "alluxio fs l: $c" "$fs_l" $'\n'"$c"; done
expect_eq "alluxio fs l: nothing else" 4 "$(wc -l <<<"$fs_l")"
ls_flags=$(complete_bash alluxio fs ls -)
for f in -R --recursive -d -f -h -m -p -r --sort --timestamp --help -D --conf --conf-dir; do
  expect_contains "alluxio fs ls -: $f" $'\n'"$ls_flags"$'\n' $'\n'"$f"$'\n'
done
expect_eq "alluxio fs ls --sort" "$(lines creationTime inMemoryPercentage lastAccessTime \
  lastModificationTime name path size)" "$(complete_bash alluxio fs ls --sort '')"
expect_eq "alluxio conf get alluxio.master.h" "alluxio.master.hostname" \
  "$(complete_bash alluxio conf get alluxio.master.h)"
expect_eq "alluxio -Dalluxio.proxy.w" "$(lines -Dalluxio.proxy.web.bind.host= \
  -Dalluxio.proxy.web.port=)" "$(complete_bash alluxio -Dalluxio.proxy.w)"
expect_eq "alluxio conf get --conf alluxio.master.metasto" "alluxio.master.metastore=
alluxio.master.metastore.dir=
alluxio.master.metastore.inode.cache.max.size=" \
  "$(complete_bash alluxio conf get --conf alluxio.master.metasto)"
# `-Dalluxio.master.metastore=R`: bash hands over "-Dalluxio.master.metastore" "=" "R" and
# replaces only "R".
expect_eq "enum values after -Dkey=" "ROCKS" \
  "$(complete_bash alluxio -Dalluxio.master.metastore = R)"
expect_eq "alluxio fsadmin report" "$(lines summary capacity)" \
  "$(complete_bash alluxio fsadmin report '')"
expect_eq "alluxio fs help loadM" "loadMetadata" "$(complete_bash alluxio fs help loadM)"
expect_eq "global options before the command" "get" \
  "$(complete_bash alluxio --conf-dir /tmp -Dx=1 conf g)"
mkdir -p "$work/local/dir1" && touch "$work/local/file1"
expect_eq "copyFromLocal: a local source" "$(lines "$work/local/dir1" "$work/local/file1")" \
  "$(complete_bash alluxio fs copyFromLocal "$work/local/" | sort)"

echo "== bash completes Alluxio paths from a running cluster"
rpc=$(free_port) web=$(free_port) wrpc=$(free_port) wweb=$(free_port)
mkdir -p "$work/cluster"
if start_local "$work/cluster" "$rpc" "$web" "$wrpc" "$wweb"; then
  d="-Dalluxio.master.rpc.port=$rpc"
  alluxio "$d" fs mkdir /docs-dir/sub /docs-other >/dev/null
  alluxio "$d" fs touch /docs-dir/file1 >/dev/null
  alluxio "$d" fs touch "/docs-dir/with space" >/dev/null
  expect_eq "fs ls /docs" "$(lines /docs-dir/ /docs-other/)" \
    "$(complete_bash alluxio -Dalluxio.master.rpc.port = "$rpc" fs ls /docs | sort)"
  expect_eq "fs ls -R /docs" "$(lines /docs-dir/ /docs-other/)" \
    "$(complete_bash alluxio -Dalluxio.master.rpc.port = "$rpc" fs ls -R /docs | sort)"
  expect_eq "fs ls /docs-dir/" "$(lines /docs-dir/file1 /docs-dir/sub/ "/docs-dir/with space")" \
    "$(complete_bash alluxio -Dalluxio.master.rpc.port = "$rpc" fs cat /docs-dir/ | sort)"
  # alluxio://host:port/p arrives split at ':'; only the text after the last ':' is replaced.
  expect_eq "alluxio:// paths" "$rpc/docs-dir/file1" \
    "$(complete_bash alluxio fs stat alluxio : //localhost : "$rpc/docs-dir/f")"
  expect_eq "ALLUXIO_COMPLETION_REMOTE=0" "" \
    "$(ALLUXIO_COMPLETION_REMOTE=0 complete_bash alluxio "$d" fs ls /docs)"
  start=$SECONDS
  expect_eq "no master: nothing, quickly" "" \
    "$(complete_bash alluxio -Dalluxio.master.rpc.port = "$(free_port)" fs ls /docs)"
  expect_gt "no master: within the timeout" 4 $((SECONDS - start))
else
  FAILURES=$((FAILURES + 1))
  echo "FAIL: alluxio local did not start"; tail -20 "$work/cluster/local.log"
fi

if command -v fish >/dev/null; then
  echo "== fish completes"
  complete_fish() {
    fish --no-config -c "source '$src/completions/alluxio.fish'; complete -C '$1'" | cut -f1
  }
  expect_eq "fish: alluxio f" "$(lines format fs fsadmin)" "$(complete_fish 'alluxio f' | sort)"
  expect_contains "fish: alluxio fs l" "$(complete_fish 'alluxio fs l')" loadMetadata
  expect_contains "fish: alluxio fs ls -" "$(complete_fish 'alluxio fs ls -')" --recursive
  expect_eq "fish: conf get" "alluxio.master.hostname" \
    "$(complete_fish 'alluxio conf get alluxio.master.h')"
  expect_eq "fish: -D" "$(lines -Dalluxio.proxy.web.bind.host= -Dalluxio.proxy.web.port=)" \
    "$(complete_fish 'alluxio -Dalluxio.proxy.w')"
  if [[ -n ${rpc:-} ]]; then
    expect_eq "fish: Alluxio paths" "$(lines /docs-dir/file1 /docs-dir/sub/ "/docs-dir/with space")" \
      "$(complete_fish "alluxio -Dalluxio.master.rpc.port=$rpc fs ls /docs-dir/" | sort)"
  fi
fi

if command -v zsh >/dev/null && command -v tmux >/dev/null; then
  echo "== zsh completes (in a terminal)"
  mkdir -p "$work/zsh"
  cp "$src/completions/_alluxio" "$work/zsh/"
  tmux -L "$tmux_socket" new-session -d -x 200 -y 50 \
    "env -i HOME=$work TERM=xterm PATH=$PATH zsh -f"
  zsh_type() {  # KEYS...: types into the zsh
    tmux -L "$tmux_socket" send-keys "$@"
  }
  # zsh_screen_has TEXT: polls the screen for TEXT (5s).
  zsh_screen_has() {
    local deadline=$((SECONDS + 5)) screen
    while ((SECONDS < deadline)); do
      screen=$(tmux -L "$tmux_socket" capture-pane -p)
      [[ $screen == *"$1"* ]] && return 0
      sleep 0.1
    done
    printf '%s\n' "$screen" >&2
    return 1
  }
  zsh_type "fpath=($work/zsh \$fpath); autoload -Uz compinit; compinit -u -d $work/zcompdump" Enter
  zsh_type "clear; echo ready" Enter
  zsh_screen_has ready
  zsh_type "alluxio conf get alluxio.master.h" Tab
  zsh_screen_has "alluxio conf get alluxio.master.hostname"
  expect_eq "zsh: conf get key" 0 $?
  zsh_type C-u "clear" Enter "alluxio fs" Space "loadM" Tab
  zsh_screen_has "alluxio fs loadMetadata"
  expect_eq "zsh: fs subcommand" 0 $?
  zsh_type C-u "clear" Enter "alluxio -Dalluxio.proxy.web.p" Tab
  zsh_screen_has "alluxio -Dalluxio.proxy.web.port="
  expect_eq "zsh: -Dkey=" 0 $?
  zsh_type C-u "clear" Enter "alluxio fs ls --so" Tab
  zsh_screen_has "alluxio fs ls --sort"
  expect_eq "zsh: fs ls option" 0 $?
  if [[ -n ${rpc:-} ]]; then
    zsh_type C-u "clear" Enter "alluxio -Dalluxio.master.rpc.port=$rpc fs cat /docs-dir/fi" Tab
    zsh_screen_has "fs cat /docs-dir/file1"
    expect_eq "zsh: Alluxio paths" 0 $?
  fi
else
  echo "SKIP zsh completion run: zsh or tmux is not installed"
fi

if command -v tmux >/dev/null && [[ -n ${rpc:-} ]]; then
  echo "== bash inserts remote paths quoted (in a terminal)"
  printf 'PS1="$ "\nsource %q\n' "$src/completions/alluxio.bash" >"$work/bashrc"
  tmux -L "$tmux_socket" new-session -d -s bashc -x 200 -y 20 \
    "env -i HOME=$work TERM=xterm PATH=$PATH bash --rcfile $work/bashrc -i"
  bash_screen_has() {  # TEXT: polls the bash session's screen (5s)
    local deadline=$((SECONDS + 5))
    while ((SECONDS < deadline)); do
      [[ $(tmux -L "$tmux_socket" capture-pane -p -t bashc) == *"$1"* ]] && return 0
      sleep 0.1
    done
    return 1
  }
  tmux -L "$tmux_socket" send-keys -t bashc "alluxio -Dalluxio.master.rpc.port=$rpc fs cat /docs-dir/wi" Tab
  bash_screen_has 'fs cat /docs-dir/with\ space'
  expect_eq "bash: a blank in a remote path is escaped" 0 $?
  tmux -L "$tmux_socket" send-keys -t bashc C-u "alluxio -Dalluxio.master.rpc.port=$rpc fs ls /docs-dir/su" Tab
  bash_screen_has 'fs ls /docs-dir/sub/'
  expect_eq "bash: a remote directory keeps its slash" 0 $?
fi

if command -v man >/dev/null && command -v groff >/dev/null; then
  echo "== man pages render without warnings"
  for page in "$src"/man/*.1; do
    name=$(basename "$page")
    expect_eq "man --warnings $name" "" \
      "$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)"
    expect_eq "groff -ww $name" "" "$(groff -man -ww -z "$page" 2>&1)"
  done
  fs_text=$(LC_ALL=C.UTF-8 MANWIDTH=80 man -l "$src/man/alluxio-fs.1" 2>/dev/null)
  expect_contains "alluxio-fs(1) documents ls" "$fs_text" "alluxio fs ls"
  expect_contains "alluxio-fs(1) documents --recursive" "$fs_text" "-R, --recursive"
  expect_contains "alluxio-fs(1) exit codes" "$fs_text" "EXIT STATUS"
  conf_text=$(LC_ALL=C.UTF-8 MANWIDTH=80 man -l "$src/man/alluxio-conf.1" 2>/dev/null)
  expect_contains "alluxio-conf(1) lists keys" "$conf_text" "alluxio.master.rpc.port"
  root_text=$(LC_ALL=C.UTF-8 MANWIDTH=80 man -l "$src/man/alluxio.1" 2>/dev/null)
  for s in "EXIT STATUS" ENVIRONMENT ALLUXIO_CONF_DIR alluxio-site.properties "SEE ALSO" \
    "alluxio-fs(1)"; do
    expect_contains "alluxio(1) has $s" "$root_text" "$s"
  done
else
  echo "SKIP man page checks: man or groff is not installed"
fi

build=$(dirname "$ALLUXIO")
if [[ -f $build/cmake_install.cmake ]]; then
  echo "== cmake --install"
  cmake --install "$build" --prefix "$work/prefix" >/dev/null
  for f in bin/alluxio share/bash-completion/completions/alluxio \
    share/zsh/vendor-completions/_alluxio share/fish/vendor_completions.d/alluxio.fish \
    share/man/man1/alluxio.1 share/man/man1/alluxio-fs.1; do
    expect_eq "installed $f" yes "$([[ -f $work/prefix/$f ]] && echo yes)"
  done
fi

finish
