-- wrk script for `make bench` (scripts/bench.sh). Configured through the environment:
--   BENCH_METHOD   GET (default) or POST
--   BENCH_HEADERS  extra header lines, "Name: value" separated by "\n" (e.g. the session cookie)
--   BENCH_BODY     fixed request body (POST)
--   BENCH_MODE     "add"    : form body title=bench+N (server fn add_task)
--                  "toggle" : form body id=ID&done=true|false cycling over BENCH_IDS (server fn set_task_done)
--   BENCH_IDS      comma-separated task ids for "toggle"
-- At the end it prints one line "BENCH_JSON {...}" with counts and latency percentiles (microseconds).

local method = os.getenv("BENCH_METHOD") or "GET"
local mode = os.getenv("BENCH_MODE") or ""
local body = os.getenv("BENCH_BODY")
local headers = {}
for line in (os.getenv("BENCH_HEADERS") or ""):gmatch("[^\n]+") do
  local name, value = line:match("^%s*([^:]+):%s*(.-)%s*$")
  if name then headers[name] = value end
end
if mode == "add" or mode == "toggle" then
  headers["Content-Type"] = "application/x-www-form-urlencoded"
end
local ids = {}
for id in (os.getenv("BENCH_IDS") or ""):gmatch("[^,]+") do ids[#ids + 1] = id end

local threads = {}
local thread_no = 0
function setup(thread)
  thread_no = thread_no + 1
  thread:set("thread_no", thread_no)
  threads[#threads + 1] = thread
end

local counter = 0
function request()
  counter = counter + 1
  local b = body
  if mode == "add" then
    b = string.format("title=bench+%d-%d&description=", thread_no or 0, counter)
  elseif mode == "toggle" then
    local n = #ids
    local i = ((counter + (thread_no or 0) * 7) % n) + 1
    local done = (math.floor(counter / n) % 2 == 0) and "true" or "false"
    b = "id=" .. ids[i] .. "&done=" .. done
  end
  return wrk.format(method, nil, headers, b)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"connect_errors":%d,"read_errors":%d,"write_errors":%d,' ..
    '"status_errors":%d,"timeouts":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,"mean_us":%.1f}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
