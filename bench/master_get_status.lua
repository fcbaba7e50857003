-- wrk script for bench/master_bench.sh: getStatus of one existing path on the master's RPC port.
-- Failed requests show in wrk's "Non-2xx or 3xx responses" line.
-- Usage: wrk -s bench/master_get_status.lua URL -- PATH
function init(args)
  local path = args[1] or "/bench/seed1"
  wrk.method = "POST"
  wrk.path = "/api/v1/master/fs/get-status"
  wrk.headers["X-Alluxio-User"] = "root"
  wrk.headers["Content-Type"] = "application/json"
  wrk.body = '{"path":"' .. path .. '"}'
end
