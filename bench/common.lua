-- Shared by the wrk scripts of bench/run.sh. Configuration comes from the environment:
--   BENCH_TOKEN        API token of the reading / checking-out user (tanaka)
--   BENCH_TOKEN_CHECK  API token of the user who checks returns (takahashi)   [write.lua]
--   BENCH_PREFIX       control-number prefix of the bench items, e.g. "B-"
--   BENCH_FIRST        first bench item number; BENCH_COUNT how many
--   BENCH_THREADS      the -t given to wrk (write.lua slices the items by thread)
-- Each script counts 2xx and non-2xx responses per thread and prints, in done(), one line
--   BENCHJSON {...}
-- with wrk's totals and latency percentiles (ms) for run.sh to collect.

threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function env_num(name, default)
  local v = os.getenv(name)
  if v == nil or v == "" then return default end
  return tonumber(v)
end

function control_no(i)
  return string.format("%s%05d", os.getenv("BENCH_PREFIX") or "B-", i)
end

ok_count, bad_count, first_bad = 0, 0, nil

function count(status, body)
  if status >= 200 and status < 300 then
    ok_count = ok_count + 1
  else
    bad_count = bad_count + 1
    if first_bad == nil then first_bad = tostring(status) .. " " .. string.sub(body or "", 1, 300) end
  end
end

local function json_str(s)
  s = string.gsub(s, '[%c"\\]', function(c) return string.format("\\u%04x", string.byte(c)) end)
  return '"' .. s .. '"'
end

-- extra: optional function(thread) -> string of additional JSON members ("\"k\":v,...")
function report(summary, latency, extra)
  local ok, bad, sample = 0, 0, ""
  local extras = {}
  for _, t in ipairs(threads) do
    ok = ok + (t:get("ok_count") or 0)
    bad = bad + (t:get("bad_count") or 0)
    local fb = t:get("first_bad")
    if fb ~= nil and sample == "" then sample = fb end
    if extra then table.insert(extras, t) end
  end
  local secs = summary.duration / 1e6
  local e = summary.errors
  local more = extra and extra(extras) or ""
  io.write(string.format(
    'BENCHJSON {"seconds":%.3f,"requests":%d,"ok":%d,"non2xx":%d,"ok_per_s":%.1f,' ..
    '"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,"mean_ms":%.3f,' ..
    '"socket_errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d},"bytes":%d,"first_non2xx":%s%s}\n',
    secs, summary.requests, ok, bad, ok / secs,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, latency.mean / 1000,
    e.connect, e.read, e.write, e.timeout, summary.bytes, json_str(sample), more))
end
