# Helpers to run real daemons on free ports in a temporary directory. Source after lib.sh.
# Each started process is killed when the script exits.

PIDS=()
cleanup_cluster() {
  for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup_cluster EXIT

free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# wait_http URL [SECONDS]: polls until URL answers 200.
wait_http() {
  local url=$1 deadline=$((SECONDS + ${2:-20}))
  while ((SECONDS < deadline)); do
    curl -sf -o /dev/null "$url" && return 0
    sleep 0.1
  done
  echo "timed out waiting for $url" >&2
  return 1
}

# start_master WORKDIR RPC_PORT WEB_PORT [extra -D args...]: starts `alluxio master` in the
# background, logging to WORKDIR/master.log; sets MASTER_PID.
start_master() {
  local work=$1 rpc=$2 web=$3
  shift 3
  "$ALLUXIO" master -Dalluxio.work.dir="$work" -Dalluxio.master.rpc.port="$rpc" \
    -Dalluxio.master.web.port="$web" -Dalluxio.master.hostname=localhost "$@" \
    >>"$work/master.log" 2>&1 &
  MASTER_PID=$!
  PIDS+=("$MASTER_PID")
  wait_http "http://127.0.0.1:$web/healthz"
}
