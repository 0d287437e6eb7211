-- Write load: each wrk thread must have exactly ONE connection (run with -t N -c N), so that its
-- requests are strictly sequential. Thread `id` owns the bench items first+id, first+id+N, … and
-- walks them in a cycle of three commands per item, each its own durable transaction:
--   POST /api/v1/items/{no}/checkout {"purpose":…}   as tanaka      (in_storage → in_use)
--   POST /api/v1/items/{no}/return   {}              as tanaka      (in_use → awaiting_check)
--   POST /api/v1/items/{no}/check    {"result":"no_data"} as takahashi (awaiting_check → in_storage)
-- so no two connections ever touch the same item and every command is valid. Counts 2xx per
-- command; run.sh puts items left mid-cycle back in storage before the next run.
-- The step advances in response(), not in request(): wrk calls request() once more than it sends
-- (to check the request on thread 0), and re-sends the same step after a reconnect.
package.path = package.path .. ";" .. (os.getenv("BENCH_DIR") or "bench") .. "/?.lua"
require "common"

local ops = {"checkout", "return", "check"}

function init(args)
  local nthreads = env_num("BENCH_THREADS", 1)
  local first, n = env_num("BENCH_FIRST", 1), env_num("BENCH_COUNT", 2000)
  mine = {}
  for i = first + id, first + n - 1, nthreads do table.insert(mine, control_no(i)) end
  if #mine == 0 then error("thread " .. id .. " has no items: BENCH_COUNT < BENCH_THREADS") end
  local json = "application/json"
  user = {["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN"), ["Content-Type"] = json}
  checker = {["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN_CHECK"), ["Content-Type"] = json}
  step, last = 0, 1
  ok_checkout, ok_return, ok_check = 0, 0, 0
end

function request()
  local item = mine[(math.floor(step / 3) % #mine) + 1]
  local op = (step % 3) + 1
  last = op
  local path = "/api/v1/items/" .. item .. "/" .. ops[op]
  if op == 1 then return wrk.format("POST", path, user, '{"purpose":"bench: checkout"}') end
  if op == 2 then return wrk.format("POST", path, user, "{}") end
  return wrk.format("POST", path, checker, '{"result":"no_data"}')
end

function response(status, headers, body)
  step = step + 1
  count(status, body)
  if status >= 200 and status < 300 then
    if last == 1 then ok_checkout = ok_checkout + 1
    elseif last == 2 then ok_return = ok_return + 1
    else ok_check = ok_check + 1 end
  end
end

function done(summary, latency, requests)
  report(summary, latency, function(ts)
    local c, r, k = 0, 0, 0
    for _, t in ipairs(ts) do
      c = c + (t:get("ok_checkout") or 0)
      r = r + (t:get("ok_return") or 0)
      k = k + (t:get("ok_check") or 0)
    end
    return string.format(',"ok_checkout":%d,"ok_return":%d,"ok_check":%d', c, r, k)
  end)
end
