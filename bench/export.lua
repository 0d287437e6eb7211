-- GET /api/v1/units/{BENCH_UNIT}/ledger?format=csv as tanaka: the unit's whole media ledger as CSV.
-- The server records one "view" trail event per item exported (batched by the writer), so run.sh
-- uses this, beside the write cycle, to grow the trail quickly through the API.
package.path = package.path .. ";" .. (os.getenv("BENCH_DIR") or "bench") .. "/?.lua"
require "common"

function init(args)
  req = wrk.format("GET", "/api/v1/units/" .. os.getenv("BENCH_UNIT") .. "/ledger?format=csv",
                   {["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")})
end

function request() return req end
function response(status, headers, body) count(status, body) end
function done(summary, latency, requests) report(summary, latency) end
