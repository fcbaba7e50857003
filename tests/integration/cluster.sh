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

# worker_registered WEB_PORT [SECONDS]: polls the worker's /api/v1/worker/info until it reports
# that it registered with its master.
worker_registered() {
  local web=$1 deadline=$((SECONDS + ${2:-20}))
  while ((SECONDS < deadline)); do
    [[ $(curl -sf "http://127.0.0.1:$web/api/v1/worker/info") == *'"state":"LIVE"'* ]] && return 0
    sleep 0.1
  done
  echo "worker on web port $web did not register" >&2
  return 1
}

# start_worker WORKDIR NAME RPC_PORT WEB_PORT [extra -D args...]: starts `alluxio worker` with
# one MEM tier dir WORKDIR/NAME (quota 64MB unless the extra args say otherwise), logging to
# WORKDIR/NAME.log; the master comes from the configuration (site file or extra args). Sets
# WORKER_PID and waits until the worker registered.
start_worker() {
  local work=$1 name=$2 rpc=$3 web=$4
  shift 4
  mkdir -p "$work/$name"
  "$ALLUXIO" worker -Dalluxio.worker.rpc.port="$rpc" -Dalluxio.worker.web.port="$web" \
    -Dalluxio.worker.hostname=localhost -Dalluxio.worker.tieredstore.levels=1 \
    -Dalluxio.worker.tieredstore.level0.alias=MEM \
    -Dalluxio.worker.tieredstore.level0.dirs.path="$work/$name" \
    -Dalluxio.worker.tieredstore.level0.dirs.quota=64MB "$@" >>"$work/$name.log" 2>&1 &
  WORKER_PID=$!
  PIDS+=("$WORKER_PID")
  wait_http "http://127.0.0.1:$web/healthz" && worker_registered "$web"
}

# start_local WORKDIR MASTER_RPC MASTER_WEB WORKER_RPC WORKER_WEB [extra -D args...]: starts
# `alluxio local` (master, worker and proxy in one process) with work dir WORKDIR, root UFS
# WORKDIR/underFSStorage, one MEM tier dir WORKDIR/mem (never /dev/shm) and the proxy on a free
# port (LOCAL_PROXY_PORT), logging to WORKDIR/local.log. Sets LOCAL_PID and waits until its
# worker registered.
start_local() {
  local work=$1 rpc=$2 web=$3 wrpc=$4 wweb=$5
  shift 5
  LOCAL_PROXY_PORT=$(free_port)
  mkdir -p "$work/mem"
  "$ALLUXIO" local -Dalluxio.work.dir="$work" -Dalluxio.master.rpc.port="$rpc" \
    -Dalluxio.master.web.port="$web" -Dalluxio.worker.rpc.port="$wrpc" \
    -Dalluxio.worker.web.port="$wweb" -Dalluxio.proxy.web.port="$LOCAL_PROXY_PORT" \
    -Dalluxio.worker.tieredstore.level0.dirs.path="$work/mem" \
    -Dalluxio.worker.tieredstore.level0.dirs.quota=64MB "$@" >>"$work/local.log" 2>&1 &
  LOCAL_PID=$!
  PIDS+=("$LOCAL_PID")
  wait_http "http://127.0.0.1:$web/healthz" && wait_http "http://127.0.0.1:$wweb/healthz" &&
    worker_registered "$wweb"
}

# start_local_conf DIR [KEY=VALUE...]: `alluxio local --conf-dir DIR` on free ports (sets MASTER,
# MWEB, WORKER, WWEB, PROXY, LOCAL_PID), work dir DIR/work, a 64 MB MEM tier in DIR/mem, and the
# given properties, all written to DIR/alluxio-site.properties (so later `alluxio ... --conf-dir
# DIR` commands find the cluster). Waits for the proxy and a registered worker; logs to
# DIR/local.log.
start_local_conf() {
  local dir=$1
  shift
  MASTER=$(free_port); MWEB=$(free_port); WORKER=$(free_port); WWEB=$(free_port); PROXY=$(free_port)
  {
    echo "alluxio.work.dir=$dir/work"
    echo "alluxio.master.rpc.port=$MASTER"
    echo "alluxio.master.web.port=$MWEB"
    echo "alluxio.worker.rpc.port=$WORKER"
    echo "alluxio.worker.web.port=$WWEB"
    echo "alluxio.proxy.web.port=$PROXY"
    echo "alluxio.worker.tieredstore.level0.dirs.path=$dir/mem"
    echo "alluxio.worker.ramdisk.size=64MB"
    local kv
    for kv in "$@"; do echo "$kv"; done
  } >"$dir/alluxio-site.properties"
  "$ALLUXIO" local --conf-dir "$dir" >>"$dir/local.log" 2>&1 &
  LOCAL_PID=$!
  PIDS+=("$LOCAL_PID")
  if ! { wait_http "http://127.0.0.1:$PROXY/healthz" && wait_http "http://127.0.0.1:$WWEB/healthz" &&
    worker_registered "$WWEB"; }; then
    echo "alluxio local did not start"
    cat "$dir/local.log"
    return 1
  fi
}
