-- GET /api/v1/items/{control_no} as tanaka, over the bench items in a per-thread pseudo-random
-- order. Each successful detail read also queues a "view" trail event (batched by the writer).
package.path = package.path .. ";" .. (os.getenv("BENCH_DIR") or "bench") .. "/?.lua"
require "common"

function init(args)
  auth = {["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")}
  first, n = env_num("BENCH_FIRST", 1), env_num("BENCH_COUNT", 2000)
  math.randomseed(1000 + id)
end

function request()
  return wrk.format("GET", "/api/v1/items/" .. control_no(first + math.random(0, n - 1)), auth)
end
function response(status, headers, body) count(status, body) end
function done(summary, latency, requests) report(summary, latency) end
