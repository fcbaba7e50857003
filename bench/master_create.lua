-- wrk script for bench/master_bench.sh: file creates, each two requests as the client makes
-- them: create-file of a new path, then complete-file of that path once its create answered
-- (its FileInfo says "completed":false). Prints creates/s (completed files) and errors.
-- Usage: wrk -s bench/master_create.lua URL -- DIR   (files go to DIR/t<thread>/f<n>)
local threads = {}
local next_id = 0
function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

local dir
local n = 0
local queue, head, tail = {}, 1, 0  -- paths created, waiting for their complete-file
completes = 0
errors = 0

function init(args)
  dir = (args[1] or "/wrk") .. "/t" .. tid
  wrk.headers["X-Alluxio-User"] = "root"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  if head <= tail then
    local p = queue[head]
    queue[head] = nil
    head = head + 1
    return wrk.format("POST", "/api/v1/master/fs/complete-file", nil,
                      '{"path":"' .. p .. '","length":0,"writeType":"MUST_CACHE"}')
  end
  n = n + 1
  return wrk.format("POST", "/api/v1/master/fs/create-file", nil,
                    '{"path":"' .. dir .. '/f' .. n ..
                    '","options":{"recursive":true,"writeType":"MUST_CACHE"}}')
end

function response(status, headers, body)
  if status ~= 200 then
    errors = errors + 1
  elseif body:find('"completed":false', 1, true) then
    tail = tail + 1
    queue[tail] = body:match('"path":"([^"]*)"')
  else
    completes = completes + 1
  end
end

function done(summary, latency, requests)
  local c, e = 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("completes")
    e = e + t:get("errors")
  end
  io.write(string.format("creates/s: %.0f errors: %d\n", c / (summary.duration / 1e6), e))
end
