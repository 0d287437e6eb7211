-- GET /api/v1/items?per_page=50 (the first page of the item list) as tanaka.
package.path = package.path .. ";" .. (os.getenv("BENCH_DIR") or "bench") .. "/?.lua"
require "common"

function init(args)
  req = wrk.format("GET", "/api/v1/items?per_page=50", {["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")})
end

function request() return req end
function response(status, headers, body) count(status, body) end
function done(summary, latency, requests) report(summary, latency) end
