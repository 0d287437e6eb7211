#!/usr/bin/env bash
# bench/run.sh — mamori's benchmark: builds nothing, measures, writes docs/benchmarks.md.
#
#   flock /tmp/mamori-build.lock cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release
#   (add -DMAMORI_WERROR=OFF if g++ 12 stops on a false -Wrestrict inside std::string at -O3)
#   flock /tmp/mamori-build.lock ninja -C build-release mamori raw_sqlite_bench list_filter_bench compliance_bench
#   bench/run.sh                      # ~20 minutes; results in bench/out/, report in docs/benchmarks.md
#   COMPLIANCE_ONLY=1 bench/run.sh    # only step (6): rewrites the compliance section of docs/benchmarks.md
#
# Environment (defaults in brackets):
#   BUILD [build-release]  ITEMS [2000]  READ_SECONDS [10]  WRITE_SECONDS [15]  RAW_SECONDS [10]
#   TRAIL_TARGET [200000] trail events to reach before `mamori verify`  FILL_MAX_SECONDS [240]
#   PERF [1 if perf works] profile the server under load, and verify, with perf (bench/out/perf-*.txt)
#   QUIET_WAIT [180] wait up to this many seconds for the CPUs to be >= 85 % idle before starting
#   LIST_ITEMS [100000] items in list_filter_bench's store  LIST_ROUNDS [200] requests per filter and actor
#   DOC [docs/benchmarks.md]  (DOC=- prints the report instead of writing it)
#   COMPLIANCE [1] run compliance_bench (step 6)  COMPLIANCE_ONLY [0] run nothing else, keep the other figures
#   COMPLIANCE_REGENERATE [0] generate its organization again even if bench/out/compliance-org/ holds it
#   COMPLIANCE_RUNS [5] full evaluations  COMPLIANCE_COMMANDS [200] commands  COMPLIANCE_ARGS [] more options
#
# Steps: (1) demo org + ITEMS media registered through the API; (2) wrk: item list and item detail
# reads at 1/16/64 connections; raw SQLite: the same transaction without mamori, 1 and 16 threads,
# and the disk's fsync rate; the write cycle (check-out → return → check, one command and one
# durable transaction each) at 1/16/64 connections, one item set per connection; (3) more API
# traffic until the trail holds TRAIL_TARGET events; RSS idle / after load; (4) `mamori verify`
# vs `openssl speed sha256`; (5) list_filter_bench: the ledger list's filters on a store of LIST_ITEMS
# items, in-process and over HTTP; (6) compliance_bench: the compliance engine on a generated organization
# of 100,000 people, 1,000,000 items and 10,000,000 ledger rows (generated once, ~5 min, and kept in
# bench/out/compliance-org/ across runs: rm -rf bench/out keeps nothing else); (7) bench/report.py.
# Only 127.0.0.1 is used; every load is bounded in time.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$ROOT/build-release}
OUT=${OUT:-$ROOT/bench/out}
ITEMS=${ITEMS:-2000}
READ_SECONDS=${READ_SECONDS:-10}
WRITE_SECONDS=${WRITE_SECONDS:-15}
RAW_SECONDS=${RAW_SECONDS:-10}
TRAIL_TARGET=${TRAIL_TARGET:-200000}
FILL_MAX_SECONDS=${FILL_MAX_SECONDS:-240}
QUIET_WAIT=${QUIET_WAIT:-180}
DOC=${DOC:-$ROOT/docs/benchmarks.md}
LIST_ITEMS=${LIST_ITEMS:-100000}
LIST_ROUNDS=${LIST_ROUNDS:-200}
PREFIX=B-
MAMORI=$BUILD/mamori
RAW=$BUILD/raw_sqlite_bench
LIST=$BUILD/list_filter_bench
CBENCH=$BUILD/compliance_bench
COMPLIANCE=${COMPLIANCE:-1}
COMPLIANCE_ONLY=${COMPLIANCE_ONLY:-0}
COMPLIANCE_REGENERATE=${COMPLIANCE_REGENERATE:-0}
COMPLIANCE_RUNS=${COMPLIANCE_RUNS:-5}
COMPLIANCE_COMMANDS=${COMPLIANCE_COMMANDS:-200}
COMPLIANCE_ARGS=${COMPLIANCE_ARGS:-}
export BENCH_DIR=$ROOT/bench BENCH_PREFIX=$PREFIX BENCH_FIRST=1 BENCH_COUNT=$ITEMS

die() { echo "bench/run.sh: $*" >&2; exit 1; }
NEEDED=("$MAMORI" "$RAW" "$LIST")
(( COMPLIANCE_ONLY )) && NEEDED=()
(( COMPLIANCE || COMPLIANCE_ONLY )) && NEEDED+=("$CBENCH")
for b in "${NEEDED[@]}"; do
  [[ -x $b ]] || die "$b is missing: build it first (see the top of this file); run.sh builds nothing"
done
for t in wrk python3 sqlite3 openssl curl; do command -v $t >/dev/null || die "$t is not installed"; done
(( ITEMS >= 64 )) || die "ITEMS must be at least 64 (one item set per write connection)"
if [[ -z ${PERF:-} ]]; then
  PERF=0
  command -v perf >/dev/null && perf stat -e task-clock -- true >/dev/null 2>&1 && PERF=1
fi

# Percentage of CPU time idle over the next 3 seconds (all CPUs).
idle_pct() {
  local a b
  a=($(awk '/^cpu /{print $2+$3+$4+$5+$6+$7+$8+$9, $5+$6}' /proc/stat)); sleep 3
  b=($(awk '/^cpu /{print $2+$3+$4+$5+$6+$7+$8+$9, $5+$6}' /proc/stat))
  echo $(( 100 * (b[1] - a[1]) / (b[0] - a[0] > 0 ? b[0] - a[0] : 1) ))
}
quiet_start=$(date +%s)
while :; do
  IDLE=$(idle_pct)
  (( IDLE >= 85 || $(date +%s) - quiet_start >= QUIET_WAIT )) && break
done
echo "bench/run.sh: CPUs ${IDLE}% idle before the run (waited $(( $(date +%s) - quiet_start )) s)"

# Everything of the last run goes, except the compliance bench's generated organization (minutes to
# make; its cache key holds the sizes and the schema). With COMPLIANCE_ONLY the other results stay too.
mkdir -p "$OUT"
if (( ! COMPLIANCE_ONLY )); then
  find "$OUT" -mindepth 1 -maxdepth 1 ! -name compliance-org -exec rm -rf {} +
fi
mkdir -p "$OUT/results"
VAR=$OUT/var
R=$OUT/results
SERVER_PID=
cleanup() {
  if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT

log() { printf '[%s] %s\n' "$(date +%T)" "$*" | tee -a "$OUT/run.log"; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
busy_ticks() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }
TCK=$(getconf CLK_TCK)
START_TS=$(date +%s)

# ---- 6. the compliance engine at 100,000 people / 1,000,000 items / 10,000,000 ledger rows -------------
run_compliance() {
  local regen=()
  (( COMPLIANCE_REGENERATE )) && regen=(--regenerate)
  log "compliance_bench: generated organization from bench/out/compliance-org/ (or generating it), $COMPLIANCE_RUNS full evaluations, $COMPLIANCE_COMMANDS commands (load $(loadavg))"
  # shellcheck disable=SC2086  # COMPLIANCE_ARGS is a list of options
  "$CBENCH" --cache "$OUT/compliance-org" --work "$OUT/compliance-work" --runs "$COMPLIANCE_RUNS" \
    --commands "$COMPLIANCE_COMMANDS" "${regen[@]}" $COMPLIANCE_ARGS > "$R/compliance.json" 2> "$OUT/compliance.txt" ||
    die "compliance_bench failed: $(tail -3 "$OUT/compliance.txt")"
  log "compliance: $(tail -1 "$OUT/compliance.txt")"
}
if (( COMPLIANCE_ONLY )); then
  run_compliance
  python3 "$ROOT/bench/report.py" "$OUT" "$DOC" --only compliance
  log "done in $(( $(date +%s) - START_TS )) s; compliance section of $DOC rewritten"
  exit 0
fi

# Writes a phase's JSON: the wrk (or other) JSON object plus the connection count, load average
# before/after and the server's CPU seconds during the phase.
# usage: record NAME JSON CONNS LOAD_BEFORE CPU_BEFORE
record() {
  local name=$1 json=$2 conns=$3 lb=$4 cb=$5 bb=${6:-} client_s=${7:-0}
  local ca la ba rss
  ca=$(cpu_ticks "$SERVER_PID"); la=$(loadavg); ba=$(busy_ticks)
  rss=$(awk '/VmRSS/{print $2}' "/proc/$SERVER_PID/status")
  python3 - "$name" "$conns" "$lb" "$la" "$(( ca - cb ))" "$TCK" "$R/$name.json" "$json" "$(( ba - ${bb:-$ba} ))" \
    "$client_s" "$rss" <<'EOF'
import json, sys
name, conns, lb, la, ticks, tck, path, text, busy, client, rss = sys.argv[1:]
d = json.loads(text)
server = int(ticks) / int(tck)
d.update({"name": name, "connections": int(conns), "load_before": lb, "load_after": la,
          "server_cpu_s": server, "client_cpu_s": float(client), "rss_kb_after": int(rss)})
if int(busy):
    # CPU used on the machine during the phase by anything but the server and the load generator.
    d["other_cpu_s"] = max(0.0, int(busy) / int(tck) - server - float(client))
json.dump(d, open(path, "w"), indent=1)
EOF
}

# usage: wrk_phase NAME SCRIPT THREADS CONNS SECONDS
wrk_phase() {
  local name=$1 script=$2 threads=$3 conns=$4 secs=$5
  local lb cb json
  local bb wrk_cpu
  lb=$(loadavg); cb=$(cpu_ticks "$SERVER_PID"); bb=$(busy_ticks)
  log "$name: wrk -t$threads -c$conns -d${secs}s $script (load $lb)"
  BENCH_THREADS=$threads timeout $(( secs + 60 )) /usr/bin/time -f 'WRKCPU %U %S' -o "$OUT/wrk-$name.cpu" \
    wrk -t"$threads" -c"$conns" -d"${secs}s" --timeout 10s --latency \
    -s "$ROOT/bench/$script" "$URL" > "$OUT/wrk-$name.txt" 2>&1 || die "wrk failed: $(tail -5 "$OUT/wrk-$name.txt")"
  json=$(sed -n 's/^BENCHJSON //p' "$OUT/wrk-$name.txt")
  [[ -n $json ]] || die "no BENCHJSON in $OUT/wrk-$name.txt"
  wrk_cpu=$(awk '/^WRKCPU/{print $2 + $3}' "$OUT/wrk-$name.cpu")
  record "$name" "$json" "$conns" "$lb" "$cb" "$bb" "${wrk_cpu:-0}"
  log "$name: $(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("%.0f ok/s, p50 %.2f ms, p99 %.2f ms, non-2xx %d, CPU s: server %.1f wrk %.1f other %.1f, RSS %d kB" % (d["ok_per_s"], d["p50_ms"], d["p99_ms"], d["non2xx"], d["server_cpu_s"], d["client_cpu_s"], d.get("other_cpu_s", -1), d["rss_kb_after"]))' "$R/$name.json")"
}

trail_size() { sqlite3 -readonly "$VAR/mamori.db" "SELECT COALESCE(MAX(seq), 0) FROM trail_events" 2>/dev/null || echo 0; }
rss_json() { python3 "$ROOT/bench/bench_api.py" rss "$SERVER_PID"; }

# Waits until the trail stops growing (the writer has drained the queued view events).
wait_drained() {
  local prev=-1 cur
  for _ in $(seq 1 120); do
    cur=$(trail_size)
    [[ $cur == "$prev" ]] && return 0
    prev=$cur
    sleep 1
  done
}

# A flat profile (self time by symbol, then by thread), template noise shortened.
perf_text() {
  {
    echo "# self time by library:"
    perf report -i "$1" --stdio --no-children -g none --percent-limit 1 --sort dso 2>/dev/null
    echo "# self time by thread (pid = thread id):"
    perf report -i "$1" --stdio --no-children -g none --percent-limit 2 --sort pid 2>/dev/null
    echo "# self time by symbol:"
    perf report -i "$1" --stdio --no-children -g none --percent-limit 0.7 --sort dso,symbol 2>/dev/null
  } | grep -v '^$' | grep -v '^# [A-Z(.]' | grep -v '^#$' |
    sed 's/ *- *- *$//; s/nlohmann::json_abi_v3_11_2::basic_json<[^ ]*/json/g' | cut -c1-170 || true
}

# Profiles the server for SECONDS while a load runs: top -H (threads) and, if PERF=1, perf.
profile_server() {
  local name=$1 secs=$2
  sleep 2
  top -b -H -n 2 -d "$(( secs > 2 ? secs / 2 : 1 ))" -p "$SERVER_PID" > "$OUT/top-$name.txt" 2>&1 &
  local top_pid=$!
  if [[ $PERF == 1 ]]; then
    perf record -F 499 -g -o "$OUT/perf-$name.data" -p "$SERVER_PID" -- sleep "$secs" > /dev/null 2>&1 || true
    perf_text "$OUT/perf-$name.data" > "$OUT/perf-$name.txt"
  fi
  wait "$top_pid" || true
}

{
  echo "{"
  echo "\"date\": \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\","
  echo "\"commit\": \"$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)\","
  echo "\"dirty\": $( [[ -n $(git -C "$ROOT" status --porcelain -- src CMakeLists.txt 2>/dev/null) ]] && echo true || echo false),"
  echo "\"nproc\": $(nproc),"
  echo "\"cpu\": \"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')\","
  echo "\"mem_total_kb\": $(awk '/MemTotal/{print $2}' /proc/meminfo),"
  echo "\"kernel\": \"$(uname -r)\","
  echo "\"disk\": \"$(df -hT "$OUT" | awk 'NR==2{print $1" "$2", "$3" total, "$5" free"}')\","
  echo "\"sqlite\": \"$(sqlite3 --version | cut -d' ' -f1)\","
  echo "\"openssl\": \"$(openssl version)\","
  echo "\"wrk\": \"$(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)\","
  echo "\"build\": \"$(grep -m1 CMAKE_BUILD_TYPE: "$BUILD/CMakeCache.txt" | cut -d= -f2)\","
  echo "\"cxx_flags\": \"$(grep -m1 -o -- '-O[0-3s][^"]*-c ' "$BUILD/compile_commands.json" 2>/dev/null | sed 's/ -MD.*//; s/ -c $//' | cut -c1-60)\","
  echo "\"load_at_start\": \"$(loadavg)\", \"idle_pct_at_start\": $IDLE, \"quiet_wait_s\": $(( START_TS - quiet_start )),"
  echo "\"items\": $ITEMS, \"read_seconds\": $READ_SECONDS, \"write_seconds\": $WRITE_SECONDS, \"raw_seconds\": $RAW_SECONDS"
  echo "}"
} > "$R/machine.json"

# ---- 1. the bench organization ---------------------------------------------------------------
log "demo organization in $VAR (load $(loadavg))"
"$MAMORI" demo --var "$VAR" > "$OUT/demo.txt" 2>&1 || die "mamori demo failed: $(tail -3 "$OUT/demo.txt")"
TOKEN=$("$MAMORI" user token tanaka --var "$VAR" --name bench 2>>"$OUT/run.log" | tail -1)
TOKEN_CHECK=$("$MAMORI" user token takahashi --var "$VAR" --name bench 2>>"$OUT/run.log" | tail -1)
[[ -n $TOKEN && -n $TOKEN_CHECK ]] || die "no API token"
export BENCH_TOKEN=$TOKEN BENCH_TOKEN_CHECK=$TOKEN_CHECK

start_server() {
  "$MAMORI" serve --var "$VAR" --port 0 > "$OUT/serve.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 100); do
    grep -q 'listening on' "$OUT/serve.log" 2>/dev/null && break
    kill -0 "$SERVER_PID" 2>/dev/null || die "mamori serve exited: $(tail -3 "$OUT/serve.log")"
    sleep 0.1
  done
  URL=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$OUT/serve.log" | head -1)
  [[ -n $URL ]] || die "mamori serve did not print its address"
  log "server pid $SERVER_PID at $URL"
}
start_server

# Probe the item detail route once: if it answers other than 200, or takes the server down, its
# read benchmark is skipped (and reported as such) instead of ending the run.
DETAIL_OK=1
code=$(curl -s -m 10 -o "$OUT/detail-probe.txt" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
  "$URL/api/v1/items/$(sqlite3 -readonly "$VAR/mamori.db" "SELECT control_no FROM items ORDER BY id LIMIT 1")" || true)
sleep 0.5
if ! kill -0 "$SERVER_PID" 2>/dev/null; then
  rc=0; wait "$SERVER_PID" 2>/dev/null || rc=$?
  DETAIL_OK=0
  cp "$OUT/serve.log" "$OUT/serve-crash.log"
  echo "{\"status\": \"server died (exit $rc) on the first GET /api/v1/items/{no}\", \"http\": \"$code\"}" > "$R/detail_blocked.json"
  log "GET /api/v1/items/{no} killed the server (exit $rc): detail reads are skipped; restarting"
  SERVER_PID=
  start_server
elif [[ $code != 200 ]]; then
  DETAIL_OK=0
  echo "{\"status\": \"answered HTTP $code\", \"http\": \"$code\"}" > "$R/detail_blocked.json"
  log "GET /api/v1/items/{no} answered $code: detail reads are skipped"
fi
sleep 2
rss_json > "$R/rss_start.json"
log "RSS after start: $(cat "$R/rss_start.json")"

log "registering $ITEMS media through POST /api/v1/items (8 connections)"
cb=$(cpu_ticks "$SERVER_PID"); lb=$(loadavg)
json=$(timeout 300 python3 "$ROOT/bench/bench_api.py" seed --base "$URL" --token "$TOKEN_CHECK" --prefix "$PREFIX" \
  --first 1 --count "$ITEMS" --workers 8) || die "seeding failed: $json"
record seed "$json" 8 "$lb" "$cb"
log "seed: $json"
sqlite3 "$VAR/mamori.db" ".backup '$OUT/raw.db'"   # the same database, for raw_sqlite_bench

# ---- 2. reads and writes over HTTP ----------------------------------------------------------
for c in 1 16 64; do
  t=$(( c < 2 ? c : 2 ))
  wrk_phase "list_c$c" list.lua "$t" "$c" "$READ_SECONDS"
done
for c in 1 16 64; do
  t=$(( c < 2 ? c : 2 ))
  if (( DETAIL_OK )); then wrk_phase "detail_c$c" detail.lua "$t" "$c" "$READ_SECONDS"; fi
done
wait_drained
profile_server list 8 & PROF=$!
wrk_phase list_profile list.lua 2 16 12
wait $PROF || true

# ---- raw SQLite, the physical limit: right before the HTTP writes, on the idle server's disk --
log "raw SQLite on a copy of the bench database (server idle; load $(loadavg))"
"$RAW" --db "$OUT/raw.db" --mode fsync --seconds 4 > "$R/raw_fsync.json"
log "disk: $(cat "$R/raw_fsync.json")"
for t in 1 16; do
  lb=$(loadavg)
  "$RAW" --db "$OUT/raw.db" --threads "$t" --seconds "$RAW_SECONDS" > "$OUT/raw_t$t.json" ||
    die "raw_sqlite_bench failed"
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["load_before"]=sys.argv[2]; d["load_after"]=sys.argv[3]; json.dump(d, open(sys.argv[4],"w"), indent=1)' \
    "$OUT/raw_t$t.json" "$lb" "$(loadavg)" "$R/raw_t$t.json"
  log "raw, $t thread(s): $(cat "$OUT/raw_t$t.json")"
done

for c in 1 16 64; do
  if (( c == 64 )); then profile_server write $(( WRITE_SECONDS - 5 )) & PROF=$!; fi
  wrk_phase "write_c$c" write.lua "$c" "$c" "$WRITE_SECONDS"
  if (( c == 64 )); then wait $PROF || true; fi
  json=$(timeout 300 python3 "$ROOT/bench/bench_api.py" reset --base "$URL" --token "$TOKEN" \
    --check-token "$TOKEN_CHECK" --prefix "$PREFIX") || die "reset failed: $json"
  log "reset: $json"
done

# ---- 3. a trail of TRAIL_TARGET events; memory after load ------------------------------------
wait_drained
sleep 3
rss_json > "$R/rss_after_rw.json"
log "RSS after the read and write phases: $(cat "$R/rss_after_rw.json")"
before=$(trail_size)
fill_start=$(date +%s)
log "filling the trail from $before to $TRAIL_TARGET events: write cycle (64 conns) + unit ledger CSV exports (1 conn)"
cb=$(cpu_ticks "$SERVER_PID"); lb=$(loadavg)
export BENCH_UNIT
BENCH_UNIT=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["unit_id"])' "$R/seed.json")
while (( $(trail_size) < TRAIL_TARGET && $(date +%s) - fill_start < FILL_MAX_SECONDS )); do
  BENCH_THREADS=64 timeout 90 wrk -t64 -c64 -d20s --timeout 10s -s "$ROOT/bench/write.lua" "$URL" >> "$OUT/wrk-fill.txt" 2>&1 &
  w=$!
  BENCH_THREADS=1 timeout 90 wrk -t1 -c1 -d20s --timeout 10s -s "$ROOT/bench/export.lua" "$URL" >> "$OUT/wrk-fill.txt" 2>&1 || true
  wait $w || true
  timeout 300 python3 "$ROOT/bench/bench_api.py" reset --base "$URL" --token "$TOKEN" --check-token "$TOKEN_CHECK" \
    --prefix "$PREFIX" >> "$OUT/run.log" || true
  log "trail: $(trail_size) events"
done
wait_drained
after=$(trail_size)
fill_secs=$(( $(date +%s) - fill_start ))
record fill "{\"events_before\": $before, \"events_after\": $after, \"seconds\": $fill_secs}" 128 "$lb" "$cb"
log "fill: $before -> $after events in $fill_secs s"
rss_json > "$R/rss_after_load.json"
sleep 5
rss_json > "$R/rss_idle_after_load.json"
log "RSS after load: $(cat "$R/rss_after_load.json"); 5 s later: $(cat "$R/rss_idle_after_load.json")"

kill -TERM "$SERVER_PID"; wait "$SERVER_PID" || true; SERVER_PID=
log "server stopped"
sqlite3 -json "$VAR/mamori.db" "SELECT command, COUNT(*) AS events, CAST(AVG(LENGTH(payload)) AS INTEGER) AS mean_payload
  FROM trail_events GROUP BY command ORDER BY events DESC LIMIT 8" > "$R/trail_mix.json"

# ---- 4. verify vs openssl --------------------------------------------------------------------
lb=$(loadavg)
log "mamori verify (load $lb)"
/usr/bin/time -v "$MAMORI" verify --var "$VAR" --json > "$R/verify_out.json" 2> "$OUT/verify-time.txt" ||
  die "verify failed: $(cat "$R/verify_out.json") $(tail -5 "$OUT/verify-time.txt")"
python3 - "$R/verify_out.json" "$OUT/verify-time.txt" "$lb" "$(loadavg)" "$VAR/mamori.db" > "$R/verify.json" <<'EOF'
import json, os, re, sys
v = json.load(open(sys.argv[1]))
t = open(sys.argv[2]).read()
def field(name):
    m = re.search(re.escape(name) + r":\s*(.+)", t)
    return m.group(1).strip() if m else ""
v["max_rss_kb"] = int(field("Maximum resident set size (kbytes)") or 0)
v["wall"] = field("Elapsed (wall clock) time (h:mm:ss or m:ss)")
v["user_s"] = float(field("User time (seconds)") or 0)
v["sys_s"] = float(field("System time (seconds)") or 0)
v["load_before"], v["load_after"] = sys.argv[3], sys.argv[4]
v["db_bytes"] = os.path.getsize(sys.argv[5])
print(json.dumps(v, indent=1))
EOF
log "verify: $(tr -d '\n' < "$R/verify.json" | cut -c1-300)"
if [[ $PERF == 1 ]]; then
  perf record -F 999 -g -o "$OUT/perf-verify.data" -- "$MAMORI" verify --var "$VAR" --json > /dev/null 2>&1 || true
  perf_text "$OUT/perf-verify.data" > "$OUT/perf-verify.txt"
fi

for b in 256 1024; do
  openssl speed -seconds 3 -bytes "$b" sha256 > "$OUT/openssl-$b.txt" 2>&1 || die "openssl speed failed"
  kbs=$(awk '$1 == "sha256" {v=$NF} END {sub(/k$/, "", v); print v}' "$OUT/openssl-$b.txt")
  echo "{\"block\": $b, \"bytes_per_s\": $(python3 -c "print(float('$kbs') * 1000)"), \"load\": \"$(loadavg)\"}" > "$R/openssl_$b.json"
  log "openssl sha256 $b-byte blocks: ${kbs}k B/s"
done

# ---- 5. the ledger list at LIST_ITEMS items (its own store; the server is stopped) ---------------
log "list_filter_bench: $LIST_ITEMS items, $LIST_ROUNDS requests per filter and actor (load $(loadavg))"
"$LIST" --items "$LIST_ITEMS" --rounds "$LIST_ROUNDS" > "$R/list_filter.json" 2> "$OUT/list_filter.txt" ||
  die "list_filter_bench failed: $(tail -3 "$OUT/list_filter.txt")"
log "list_filter: slowest in-process p99 $(python3 -c 'import json,sys; r=[x for x in json.load(open(sys.argv[1]))["rows"] if x["path"]=="in-process"]; w=max(r,key=lambda x:x["p99_ms"]); print("%.1f ms (%s, %s)" % (w["p99_ms"], w["filter"], w["actor"]))' "$R/list_filter.json")"

(( COMPLIANCE )) && run_compliance

# ---- 7. the report -------------------------------------------------------------------------------
echo "{\"seconds\": $(( $(date +%s) - START_TS )), \"load_at_end\": \"$(loadavg)\"}" > "$R/run.json"
python3 "$ROOT/bench/report.py" "$OUT" "$DOC"
log "done in $(( $(date +%s) - START_TS )) s; report: $DOC"
