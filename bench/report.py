#!/usr/bin/env python3
"""Writes docs/benchmarks.md from the JSON files bench/run.sh leaves in bench/out/results/.

usage: report.py OUT_DIR DOC [--only compliance]   (DOC "-" prints to standard output)

Everything in the report is computed from those files, except bench/analysis.md (the profiling
notes of the last run that was examined by hand), which is appended verbatim when present; its block
between COMPLIANCE_BEGIN and COMPLIANCE_END goes into the compliance section instead.

--only compliance (bench/run.sh with COMPLIANCE_ONLY=1) rewrites only the compliance section of DOC,
between the markers COMPLIANCE_BEGIN / COMPLIANCE_END, and its rows of the goals table (they start
with COMPLIANCE_ROW): the rest of DOC keeps the figures of the last full run.
"""
import json
import os
import sys

GOAL_WRITE_RATIO = 0.50
GOAL_READS = 10_000
GOAL_VERIFY_RATIO = 0.50
GOAL_RSS_MB = 50
GOAL_LIST_FILTER_MS = 100
GOAL_COMPLIANCE_FULL_MS = 2000
GOAL_COMPLIANCE_INCREMENTAL_MS = 5

COMPLIANCE_BEGIN = "<!-- compliance_bench: begin (bench/report.py) -->"
COMPLIANCE_END = "<!-- compliance_bench: end -->"
COMPLIANCE_ROW = "| compliance engine at "


def load(out, name, default=None):
    path = os.path.join(out, "results", name + ".json")
    if not os.path.exists(path):
        return default
    with open(path) as f:
        return json.load(f)


def fmt(x, digits=0):
    if x is None:
        return "—"
    if isinstance(x, str):
        return x
    return f"{x:,.{digits}f}"


def pct(x):
    return "—" if x is None else f"{100 * x:.0f} %"


def met(ok):
    return "**met**" if ok else "**not met**"


def cpu3(d):
    other = d.get("other_cpu_s")
    return (f"{d['server_cpu_s']:.1f} / {d.get('client_cpu_s', 0):.1f} / "
            f"{'—' if other is None else f'{other:.1f}'}")


def rss_mb(d):
    return fmt(d["rss_kb_after"] / 1024, 0) if "rss_kb_after" in d else "—"


def cpu_ms(d, count=None):
    n = d.get("ok", 0) if count is None else count
    return d["server_cpu_s"] * 1000 / n if n else None


def list_filter_section(w, lf):
    """The ledger list at a large store: bench/list_filter_bench's per-filter latencies."""
    w(f"## Ledger list filter at {fmt(lf['items'])} items")
    w("")
    w(f"`bench/list_filter_bench` (Release build, {lf.get('cpu', '?')}; run {lf.get('date', '?')}, load average "
      f"{lf.get('load_before', '?')} → {lf.get('load_after', '?')}): a real store (migrations, engine, "
      f"trail) with {lf['sections']} sections in 4 bureaus, {fmt(lf['items'])} media and devices and "
      f"{fmt(lf['ledger_entries'])} ledger rows (history; current uses, take-outs, loans and handovers, some "
      "overdue; destroyed, handed-over and disposed items) inserted with SQL as the commands store them. "
      "Three signed-in actors (session cookie): the org-wide 情報保証責任者, a bureau's 部隊等情報保証責任者 "
      "(5 sections visible) and a staff member (own section). Every request changes the filter (filters taken "
      f"round-robin), {lf['rounds']} requests per filter and actor. *In-process* times `Router::Dispatch`: "
      "session lookup, the visible-unit resolution, the count, the page and its JSON — all the server-side "
      "work; *HTTP* adds the real server on 127.0.0.1 and a keep-alive client in the same process. "
      "*total* is the exact count the answer carries; *rows* the items on the page (50 per page).")
    w("")
    paths = [p for p in ("in-process", "http") if any(r["path"] == p for r in lf["rows"])]
    head = " | ".join(f"{p} p50 / p99 / max ms" for p in paths)
    w(f"| filter | actor | total | rows | {head} | < {GOAL_LIST_FILTER_MS} ms (p99) |")
    w("| --- | --- | --: | --: | " + " | ".join("--:" for _ in paths) + " | --- |")
    by_key = {}
    for r in lf["rows"]:
        by_key.setdefault((r["filter"], r["actor"]), {})[r["path"]] = r
    order = []
    for r in lf["rows"]:
        if r["filter"] not in order:
            order.append(r["filter"])
    for flt in order:
        for (f, actor), per in by_key.items():
            if f != flt:
                continue
            first = per.get("in-process") or next(iter(per.values()))
            cells = " | ".join(
                f"{fmt(per[p]['p50_ms'], 2)} / {fmt(per[p]['p99_ms'], 2)} / {fmt(per[p]['max_ms'], 2)}" if p in per else "—"
                for p in paths)
            ok = all(x["p99_ms"] < GOAL_LIST_FILTER_MS for x in per.values())
            w(f"| {flt} (`{first['query']}`) | {actor} | {fmt(first['total'])} | {first['returned']} | {cells} | "
              f"{met(ok)} |")
    w("")


def analysis_parts():
    """bench/analysis.md as (the text outside the compliance block, the compliance block)."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "analysis.md")
    if not os.path.exists(path):
        return "", ""
    with open(path) as f:
        text = f.read()
    if COMPLIANCE_BEGIN in text and COMPLIANCE_END in text:
        a, rest = text.split(COMPLIANCE_BEGIN, 1)
        block, b = rest.split(COMPLIANCE_END, 1)
        return (a.rstrip() + "\n\n" + b.lstrip()).strip(), block.strip()
    return text.strip(), ""


def compliance_scale(c):
    g = c["generation"]
    return f"{fmt(g['items'])} items and {fmt(g['ledger_entries'])} ledger rows"


def compliance_goal_rows(c):
    """The compliance rows of the goals table (each starts with COMPLIANCE_ROW)."""
    f, inc, raw = c["full"], c["incremental"]["all"], c["raw"]
    count_ms = raw["count_ledger_ms"] + raw["count_items_ms"]
    slow = ", ".join(f"`{r['rule']}` {fmt(r['p50_ms'] / 1000, 1)} s" for r in f["rules"][:3])
    worst_inc = max(c["incremental"]["rules_after_checkout"], key=lambda r: r["ms"], default=None)
    return [
        f"{COMPLIANCE_ROW}{compliance_scale(c)}: full evaluation of every rule ({sum(p['rules'] for p in c['profiles'])} "
        f"rules, {len(c['profiles'])} profiles), p99 of {f['n']} runs | ≤ 2 s | {fmt(f['p99_ms'] / 1000, 2)} s "
        f"(p50 {fmt(f['p50_ms'] / 1000, 2)} s; {fmt(f['p50_ms'] / count_ms)} × raw `COUNT(*)` of both tables) | "
        f"{met(f['p99_ms'] <= GOAL_COMPLIANCE_FULL_MS)} | the rules over the fiscal year's ledger rows: {slow} "
        "(see *Compliance engine*) |",
        f"{COMPLIANCE_ROW}{compliance_scale(c)}: incremental update after one command (`item.checkout` / "
        f"`item.return`), p99 of {inc['n']} | ≤ 5 ms | {fmt(inc['p99_ms'], 2)} ms (p50 {fmt(inc['p50_ms'], 2)} ms; "
        f"primary-key SELECT {fmt(raw['pk_select_p50_us'], 0)} µs) | {met(inc['p99_ms'] <= GOAL_COMPLIANCE_INCREMENTAL_MS)} | "
        + (f"slowest rule re-run alone: `{worst_inc['rule']}` ({worst_inc['plan']}, {fmt(worst_inc['ms'], 2)} ms); "
           "see *Compliance engine* |" if worst_inc else " |"),
    ]


def compliance_section(w, c, analysis):
    """The compliance engine at a large organization: bench/compliance_bench's figures."""
    g, f, raw = c["generation"], c["full"], c["raw"]
    inc, des = c["incremental"], c["designation"]
    count_ms = raw["count_ledger_ms"] + raw["count_items_ms"]
    w(COMPLIANCE_BEGIN)
    w(f"## Compliance engine at {compliance_scale(c)}")
    w("")
    profiles = ", ".join(f"{p['name']} ({p['rules']} rules)" for p in c["profiles"])
    gen = ("taken from the cache (`bench/out/compliance-org/`), generated earlier in "
           if g.get("cached") else "generated for this run in ")
    w(f"`bench/compliance_bench` (Release build, {c.get('cpu', '?')}; run {c.get('date', '?')}, load average "
      f"{c.get('load_before', '?')} → {c.get('load_after', '?')}) on a generated organization on the profiles "
      f"{profiles}: {fmt(g['units'])} units (company, 8 divisions, 96 departments, sections, facilities), "
      f"{fmt(g['persons'])} people, {fmt(g['designations'])} designations, {fmt(g['accounts'])} accounts, "
      f"{fmt(g['items'])} media and devices, {fmt(g['ledger_entries'])} ledger rows over five years in time order "
      f"(uses with erasure checks, take-outs and loans with approvals), {fmt(g['reconciliations'])} stock counts "
      f"with {fmt(g['discrepancies'])} discrepancies and {fmt(g['obligation_occurrences'])} obligation occurrences; "
      f"a few per cent of the records break a rule on purpose. The store ({fmt(g['db_bytes'] / 1e9, 2)} GB) was "
      f"{gen}{fmt(g['seconds'])} s (raw SQL in large transactions, then ANALYZE) and copied for the run; the real "
      "App (engine, command path, trail) opens the copy on a clock anchored at the generation instant. "
      "*Full* is `ComplianceMonitor::EvaluateFull` (every rule, one read transaction); *incremental* is "
      "`ComplianceMonitor::ApplyBatch` on the committed batch of a real command run through `Engine::Execute` "
      "(read back with `ReadCommitted`; the command's own time is not in it). The physical limit is measured "
      "in the same run on the same store: `SELECT COUNT(*)` over `ledger_entries` and `items`, a read of every "
      "ledger row, and a primary-key `SELECT` of an item.")
    w("")
    w("| measurement | goal | p50 | p99 | | same run, raw SQLite | ratio (p50) |")
    w("| --- | --- | --: | --: | --- | --- | --: |")
    w(f"| full evaluation, {f['n']} runs after a cold one ({fmt(f['cold_ms'] / 1000, 2)} s) | ≤ 2 s | "
      f"{fmt(f['p50_ms'] / 1000, 2)} s | {fmt(f['p99_ms'] / 1000, 2)} s | {met(f['p99_ms'] <= GOAL_COMPLIANCE_FULL_MS)} | "
      f"`COUNT(*)` ledger_entries {fmt(raw['count_ledger_ms'], 1)} ms + items {fmt(raw['count_items_ms'], 1)} ms; "
      f"every ledger row read {fmt(raw['scan_ledger_ms'] / 1000, 2)} s | {fmt(f['p50_ms'] / count_ms)} × the counts, "
      f"{fmt(f['p50_ms'] / raw['scan_ledger_ms'], 1)} × the row read |")
    for key, label in (("all", "incremental update after `item.checkout` / `item.return`"),
                       ("checkout", "… after `item.checkout` only"), ("return", "… after `item.return` only")):
        t = inc[key]
        w(f"| {label} ({t['n']} commands) | ≤ 5 ms | {fmt(t['p50_ms'], 2)} ms | {fmt(t['p99_ms'], 2)} ms | "
          f"{met(t['p99_ms'] <= GOAL_COMPLIANCE_INCREMENTAL_MS)} | primary-key SELECT {fmt(raw['pk_select_p50_us'], 1)} µs "
          f"(p99 {fmt(raw['pk_select_p99_us'], 1)} µs) | {fmt(t['p50_ms'] * 1000 / raw['pk_select_p50_us'])} × |")
    for key, label in (("create", "`designation.create` (media user)"), ("revoke", "`designation.revoke`")):
        t = des[key]
        if t.get("n"):
            w(f"| incremental update after {label} ({t['n']} commands; rules over designations re-run in full) | "
              f"— | {fmt(t['p50_ms'] / 1000, 2)} s | {fmt(t['p99_ms'] / 1000, 2)} s | | | |")
    w("")
    w(f"The commands themselves (`Engine::Execute`, durable commit included) took p50 "
      f"{fmt(inc['all']['command']['p50_ms'], 2)} ms, p99 {fmt(inc['all']['command']['p99_ms'], 2)} ms. Per "
      f"incremental update, {fmt(inc['all']['rules_rerun_restricted'] / max(inc['all']['n'], 1), 1)} rules were re-run "
      f"for the subjects the command wrote and {fmt(inc['all']['rules_rerun_full'] / max(inc['all']['n'], 1), 1)} in full.")
    w("")
    w("Each rule in the full evaluation (p50 of its own time over the runs), slowest first; *planted* is how many "
      "breaches of it the generator wrote on purpose (the rule must find at least those):")
    w("")
    w("| rule | profile | state | violations | planted | p50 ms | p99 ms | share |")
    w("| --- | --- | --- | --: | --: | --: | --: | --: |")
    planted = g.get("planted", {})
    total = sum(r["p50_ms"] for r in f["rules"]) or 1
    for r in f["rules"]:
        w(f"| `{r['rule']}` | {r['profile']} | {r['state']} | {fmt(r['violations'])} | "
          f"{fmt(planted.get(r['rule'])) if r['profile'] == 'defense-contractor' else ''} | {fmt(r['p50_ms'], 1)} | "
          f"{fmt(r['p99_ms'], 1)} | {pct(r['p50_ms'] / total)} |")
    w("")
    for key, title in (("rules_after_checkout", "after one `item.checkout`"),
                       ("rules_after_return", "after one `item.return`")):
        rows = sorted(inc.get(key, []), key=lambda r: -r["ms"])
        if rows:
            shown = [r for r in rows if r["plan"] == "full" or r["ms"] >= 0.05] or rows[:1]
            rest = [r for r in rows if r not in shown]
            subj = lambda r: f" ({r['subjects']} subject{'s' if r['subjects'] != 1 else ''})" if r["plan"] == "restricted" else ""
            text = "; ".join(f"`{r['rule']}` {r['plan']}{subj(r)} {fmt(r['ms'], 3)} ms" for r in shown)
            if rest:
                text += (f"; {len(rest)} more re-run for their subjects only, "
                         f"{fmt(min(r['ms'] for r in rest), 3)}–{fmt(max(r['ms'] for r in rest), 3)} ms each")
            w(f"What the incremental update re-runs {title} (the monitor's own decision for each rule, each re-run "
              f"timed alone): {text}.")
            w("")
    rows = des.get("rules_after_create", [])
    if rows:
        full = [r for r in rows if r["plan"] == "full"]
        w(f"After `designation.create`, {len(full)} rules re-run in full: " + "; ".join(
            f"`{r['rule']}` {fmt(r['ms'], 1)} ms" for r in sorted(full, key=lambda r: -r["ms"])) + ".")
        w("")
    if analysis:
        w(analysis)
        w("")
    w(COMPLIANCE_END)
    w("")


def splice_compliance(out, doc):
    """--only compliance: rewrite the compliance section and goal rows of DOC, keep the rest."""
    c = load(out, "compliance")
    if not c:
        sys.exit("report.py: no results/compliance.json in " + out)
    with open(doc) as f:
        text = f.read()
    L = []
    compliance_section(L.append, c, analysis_parts()[1])
    section = "\n".join(L)
    if COMPLIANCE_BEGIN in text and COMPLIANCE_END in text:
        head, rest = text.split(COMPLIANCE_BEGIN, 1)
        text = head + section.rstrip("\n") + rest.split(COMPLIANCE_END, 1)[1]
    else:
        anchor = "## What this shows, and what it does not"
        at = text.find(anchor)
        text = text[:at] + section + "\n" + text[at:] if at >= 0 else text.rstrip("\n") + "\n\n" + section
    lines = [ln for ln in text.split("\n") if not ln.startswith(COMPLIANCE_ROW)]
    goals = lines.index("## The goals") if "## The goals" in lines else -1
    if goals >= 0:
        end = goals + 1
        while end < len(lines) and not lines[end].startswith("|"):
            end += 1
        while end < len(lines) and lines[end].startswith("|"):
            end += 1
        lines[end:end] = compliance_goal_rows(c)
    with open(doc, "w") as f:
        f.write("\n".join(lines))


def main():
    out, doc = sys.argv[1], sys.argv[2]
    if sys.argv[3:] == ["--only", "compliance"]:
        splice_compliance(out, doc)
        return
    other_analysis, compliance_analysis = analysis_parts()
    comp = load(out, "compliance")
    m = load(out, "machine", {})
    run = load(out, "run", {})
    seed = load(out, "seed")
    reads = {k: {c: load(out, f"{k}_c{c}") for c in (1, 16, 64)} for k in ("list", "detail")}
    writes = {c: load(out, f"write_c{c}") for c in (1, 16, 64)}
    raw = {t: load(out, f"raw_t{t}") for t in (1, 16)}
    fsync = load(out, "raw_fsync", {})
    ver = load(out, "verify", {})
    ssl = {b: load(out, f"openssl_{b}") for b in (256, 1024)}
    rss0, rss1, rss2 = load(out, "rss_start", {}), load(out, "rss_after_load", {}), load(out, "rss_idle_after_load", {})
    rss_rw = load(out, "rss_after_rw", {})
    fill = load(out, "fill", {})
    fill_ran = bool(fill) and fill["events_after"] > fill["events_before"]
    mix = load(out, "trail_mix", [])
    blocked = load(out, "detail_blocked")
    lf = load(out, "list_filter")

    L = []
    w = L.append
    dirty = " plus uncommitted changes under src/" if m.get("dirty") else ""
    w("# Benchmarks")
    w("")
    w(f"Measured by `bench/run.sh` on {m.get('date', '?')} at commit `{m.get('commit', '?')}`{dirty}, "
      f"{m.get('build', '?')} build, in {run.get('seconds', '?')} s. Every figure below comes from that run "
      "(raw outputs: `bench/out/`, git-ignored). To reproduce:")
    w("")
    w("```sh")
    w("flock /tmp/mamori-build.lock cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release")
    w("flock /tmp/mamori-build.lock ninja -C build-release mamori raw_sqlite_bench list_filter_bench compliance_bench")
    w("bench/run.sh        # ~10-12 min; rewrites this file")
    w("```")
    w("")

    # ---- goals
    best = lambda d: max((v for v in d.values() if v), key=lambda v: v["ok_per_s"], default=None)
    w1, r1 = writes.get(1), raw.get(1)
    wbest, rbest = best(writes), max((v for v in raw.values() if v), key=lambda v: v["ops_per_s"], default=None)
    ratio1 = w1["ok_per_s"] / r1["ops_per_s"] if w1 and r1 else None
    ratio_best = wbest["ok_per_s"] / rbest["ops_per_s"] if wbest and rbest else None
    lbest, dbest = best(reads["list"]), best(reads["detail"])
    vbps = ver["bytes"] / ver["seconds"] if ver.get("seconds") else None
    vratio = {b: vbps / s["bytes_per_s"] if vbps and s else None for b, s in ssl.items()}
    rss_start_mb = rss0.get("VmRSS", 0) / 1024
    rss_load_mb = rss2.get("VmRSS", 0) / 1024

    w("## The goals")
    w("")
    w("| goal | target | measured | | what limits it (see *Where the time goes*) |")
    w("| --- | --- | --- | --- | --- |")
    if ratio1 is not None:
        w(f"| server writes ÷ raw SQLite writes, one at a time (1 connection vs 1 thread) | ≥ 50 % | "
          f"{fmt(w1['ok_per_s'])} ÷ {fmt(r1['ops_per_s'])} /s = {pct(ratio1)} | {met(ratio1 >= GOAL_WRITE_RATIO)} | "
          + (f"each command is its own batch on the writer thread: {fmt(cpu_ms(w1), 2)} ms server CPU per write "
             f"vs {fmt(r1['p50_ms'], 2)} ms (p50 wall) per raw transaction |" if ratio1 < GOAL_WRITE_RATIO
             else f"{fmt(cpu_ms(w1), 2)} ms server CPU per write |"))
    if ratio_best is not None:
        w(f"| server writes ÷ raw SQLite writes, best concurrency of each ({wbest['connections']} connections vs "
          f"{rbest['threads']} thread{'s' if rbest['threads'] > 1 else ''}) | ≥ 50 % | "
          f"{fmt(wbest['ok_per_s'])} ÷ {fmt(rbest['ops_per_s'])} /s = {pct(ratio_best)} | "
          f"{met(ratio_best >= GOAL_WRITE_RATIO)} | group commit; ceiling is the single writer thread's CPU |")
    if lbest:
        w(f"| item list reads (`GET /api/v1/items?per_page=50`), best of 1/16/64 connections | ≥ 10,000 /s | "
          f"{fmt(lbest['ok_per_s'])} /s ({lbest['connections']} conn.) | {met(lbest['ok_per_s'] >= GOAL_READS)} | "
          f"{fmt(cpu_ms(lbest), 1)} ms server CPU per request"
          + (": per-request session lookup, visible-unit queries and COUNT(*) over the visible items |" if lbest['ok_per_s'] < GOAL_READS else " |"))
    if blocked and not dbest:
        w(f"| item detail reads (`GET /api/v1/items/{{no}}`) | ≥ 10,000 /s | not measured: {blocked['status']} | "
          "**not met** (broken) | |")
    if dbest:
        w(f"| item detail reads (`GET /api/v1/items/{{no}}`), best of 1/16/64 connections | ≥ 10,000 /s | "
          f"{fmt(dbest['ok_per_s'])} /s ({dbest['connections']} conn.) | {met(dbest['ok_per_s'] >= GOAL_READS)} | "
          f"{fmt(cpu_ms(dbest), 2)} ms server CPU per request |")
    for b in (256, 1024):
        if vratio.get(b) is not None:
            w(f"| `mamori verify` bytes/s ÷ `openssl speed sha256` bytes/s ({b}-byte blocks) | ≥ 50 % | "
              f"{fmt(vbps / 1e6, 1)} ÷ {fmt(ssl[b]['bytes_per_s'] / 1e6, 1)} MB/s = {pct(vratio[b])} | "
              f"{met(vratio[b] >= GOAL_VERIFY_RATIO)} | "
              + ("SQLite row reads, allocation and hex around the hashing (see *Where the time goes*) |"
                 if vratio[b] < GOAL_VERIFY_RATIO else " |"))
    if lf:
        worst = max((r for r in lf["rows"] if r["path"] == "in-process"), key=lambda r: r["p99_ms"])
        w(f"| ledger list answers a filter change at {fmt(lf['items'])} items, server side "
          f"(`GET /api/v1/items?…`), p99 of the slowest filter | < {GOAL_LIST_FILTER_MS} ms | "
          f"{fmt(worst['p99_ms'], 1)} ms ({worst['filter']}, {worst['actor'].split(' (')[0]}) | "
          f"{met(all(r['p99_ms'] < GOAL_LIST_FILTER_MS for r in lf['rows'] if r['path'] == 'in-process'))} | "
          "each filter reads one index range of its matches (see *Ledger list filter*) |")
    if rss0:
        w(f"| RSS of `mamori serve`, idle after start | < 50 MB | {fmt(rss_start_mb, 1)} MB | "
          f"{met(rss_start_mb < GOAL_RSS_MB)} | |")
    if rss_rw:
        mb = rss_rw.get("VmRSS", 0) / 1024
        w(f"| RSS of `mamori serve`, idle after the read and write phases | < 50 MB | {fmt(mb, 1)} MB | "
          f"{met(mb < GOAL_RSS_MB)} | "
          + ("page caches of pooled read connections, freed heap kept by glibc, queued view events |"
             if mb >= GOAL_RSS_MB else " |"))
    if rss2 and fill_ran:
        w(f"| RSS of `mamori serve`, idle after the trail fill (incl. unit CSV exports) | < 50 MB | {fmt(rss_load_mb, 1)} MB "
          f"(peak {fmt(rss2.get('VmHWM', 0) / 1024, 1)} MB) | {met(rss_load_mb < GOAL_RSS_MB)} | "
          + ("as above, plus CSV exports built in memory |" if rss_load_mb >= GOAL_RSS_MB else " |"))
    if comp:
        for row in compliance_goal_rows(comp):
            w(row)
    w("")

    # ---- machine
    w("## Machine and noise")
    w("")
    w(f"- {m.get('nproc', '?')} CPUs: {m.get('cpu', '?')}; {fmt(m.get('mem_total_kb', 0) / 1048576, 1)} GiB RAM; "
      f"Linux {m.get('kernel', '?')}")
    w(f"- disk: {m.get('disk', '?')}; measured fsync rate {fmt(fsync.get('fsync_per_s'))} /s "
      f"(fdatasync {fmt(fsync.get('fdatasync_per_s'))} /s; 4 KiB append + sync, single thread)")
    w(f"- SQLite {m.get('sqlite', '?')}, {m.get('openssl', '?')}, {m.get('wrk', '?')}; "
      f"compiler flags `{m.get('cxx_flags', '?')}`")
    w(f"- CPUs {m.get('idle_pct_at_start', '?')} % idle just before the run (after waiting {m.get('quiet_wait_s', '?')} s "
      "for the machine to quieten); load average (1/5/15 min) at the start "
      f"{m.get('load_at_start', '?')}, at the end "
      f"{run.get('load_at_end', '?')}. The load generator (wrk) runs on the same 2 CPUs as the server, and other "
      "builds may have been running on the machine at the same time. The load average counts the server's own "
      "connection threads, so it says little about noise; the *CPU s … other* column of each table measures "
      "it instead (CPU used by everything but the server and wrk during that row). Read every figure as a "
      "lower bound of what the code can do on 2 dedicated cores.")
    w("")

    # ---- reads
    w("## Reads over HTTP")
    w("")
    w(f"wrk, {m.get('read_seconds', '?')} s per row, token auth (`Authorization: Bearer`), "
      f"{m.get('items', '?')} bench media + the demo's items. "
      "Detail reads pick a random bench item per request; each one also queues a `view` trail event. "
      "Only 2xx responses count. *Server CPU* is the server process's user+system CPU per successful request. "
      "*CPU s* is the CPU time used during the row by the server / by wrk / by everything else on the machine "
      "(the last is the noise: other builds, and perf/top in the profiled rows); the machine has "
      f"{m.get('nproc', 2)} × the row's seconds of CPU. *RSS* is the server's VmRSS after the row.")
    w("")
    w("| request | conn. | ok/s | p50 ms | p99 ms | max ms | non-2xx | socket errors | server CPU ms/req | CPU s server / wrk / other | RSS MB |")
    w("| --- | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: |")
    if blocked:
        w(f"| `GET /api/v1/items/{{no}}` | — | **not measured**: {blocked['status']} (HTTP {blocked.get('http', '?')}) "
          "| | | | | | | | |")
    for k, label in (("list", "`GET /api/v1/items?per_page=50`"), ("detail", "`GET /api/v1/items/{no}`")):
        for c, d in reads[k].items():
            if not d:
                continue
            se = sum(d["socket_errors"].values())
            w(f"| {label} | {c} | {fmt(d['ok_per_s'])} | {fmt(d['p50_ms'], 2)} | {fmt(d['p99_ms'], 2)} | "
              f"{fmt(d['max_ms'], 1)} | {d['non2xx']} | {se} | {fmt(cpu_ms(d), 3)} | {cpu3(d)} | {rss_mb(d)} |")
    w("")
    w("Latency percentiles are wrk's, which apply a coordinated-omission correction: a request that took T "
      "adds synthetic samples T − k·(mean interval), so one stall of T inflates p99 and the mean far beyond "
      "what one connection could have waited in total; the *max* column is the longest real request.")
    w("")

    if lf:
        list_filter_section(w, lf)

    # ---- writes
    w("## Writes over HTTP")
    w("")
    w(f"wrk, {m.get('write_seconds', '?')} s per row, one wrk thread per connection. Each connection owns its "
      "own bench items and cycles each through check-out (tanaka) → return (tanaka) → check (takahashi): "
      "three commands, each its own durable transaction with a hash-chained trail event, so every request "
      "is valid and no two connections touch the same item. *writes/s* counts 2xx only; latency is "
      "over all three commands. *raw ratio* divides by raw SQLite at 1 thread (1 connection) or 16 threads.")
    w("")
    w("| conn. | writes/s | check-outs/s | returns/s | checks/s | p50 ms | p99 ms | max ms | non-2xx | server CPU ms/write | raw ratio | CPU s server / wrk / other | RSS MB |")
    w("| --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: |")
    for c, d in writes.items():
        if not d:
            continue
        s = d["seconds"]
        ref = raw.get(1) if c == 1 else raw.get(16)
        ratio = d["ok_per_s"] / ref["ops_per_s"] if ref else None
        w(f"| {c} | {fmt(d['ok_per_s'])} | {fmt(d['ok_checkout'] / s)} | {fmt(d['ok_return'] / s)} | "
          f"{fmt(d['ok_check'] / s)} | {fmt(d['p50_ms'], 2)} | {fmt(d['p99_ms'], 2)} | {fmt(d['max_ms'], 1)} | "
          f"{d['non2xx']} | {fmt(cpu_ms(d), 3)} | {pct(ratio)} | {cpu3(d)} | {rss_mb(d)} |")
    bad = [d for d in writes.values() if d and d["non2xx"]]
    for d in bad:
        w(f"\nFirst non-2xx answer at {d['connections']} connections: `{d['first_non2xx'][:200]}`")
    w("")
    if seed:
        w(f"Registration of the bench media (`POST /api/v1/items`, 8 connections, Python client): "
          f"{fmt(seed['ok'])} items in {fmt(seed['seconds'], 1)} s = {fmt(seed['ok_per_s'])} /s, "
          f"{seed['failed']} failed; server CPU {fmt(cpu_ms(seed), 2)} ms per registration.")
        w("")

    # ---- raw
    w("## Raw SQLite: the physical limit")
    w("")
    w("`bench/raw_sqlite_bench` on a copy (`.backup`) of the bench database made right after registration, run "
      "just before the HTTP write phases (server idle) so that both see the disk in the same state: "
      "per operation one `BEGIN IMMEDIATE` … `COMMIT` holding the chain-head lookup, `UPDATE items`, "
      "`INSERT ledger_entries` and `INSERT trail_events` with the SHA-256 chain hash over the same canonical "
      "leaf (`LeafData`) and a payload as long as the server's check-out payloads; WAL, synchronous=FULL, "
      "the server's pragmas. With 16 threads each thread has its own connection (busy_timeout 30 s).")
    w("")
    w("| threads | tx/s | p50 ms | p99 ms | payload bytes | load before → after |")
    w("| --: | --: | --: | --: | --: | --- |")
    for t, d in raw.items():
        if d:
            w(f"| {t} | {fmt(d['ops_per_s'])} | {fmt(d['p50_ms'], 2)} | {fmt(d['p99_ms'], 2)} | {d['payload_bytes']} | "
              f"{d['load_before']} → {d['load_after']} |")
    w("")
    w(f"Disk alone: {fmt(fsync.get('fsync_per_s'))} fsync/s, {fmt(fsync.get('fdatasync_per_s'))} fdatasync/s. "
      "A WAL commit with synchronous=FULL costs one sync of the WAL file, so raw SQLite cannot commit "
      "faster than this one transaction at a time; mamori's group commit shares one sync among all the "
      "commands that arrived together, so at 16-64 connections it can exceed the one-at-a-time raw rate.")
    w("")

    # ---- verify
    w("## Trail verification")
    w("")
    if ver:
        grow = ""
        if fill and fill["events_after"] == fill["events_before"]:
            grow = (f" The run's own API traffic had already made {fmt(fill['events_before'])} events (each "
                    "successful detail read records a `view` event), so no extra fill was needed.")
        elif fill:
            grow = (f" The trail was grown from {fmt(fill['events_before'])} to {fmt(fill['events_after'])} events "
                    f"in {fill['seconds']} s by API traffic (the 64-connection write cycle plus 64 connections of "
                    "detail reads, whose view events the writer batches), i.e. "
                    f"{fmt((fill['events_after'] - fill['events_before']) / max(fill['seconds'], 1))} events/s.")
        short = (f" **Only {fmt(ver['events'])} events: fewer than the 200,000 this measurement asks for** "
                 "(raise FILL_MAX_SECONDS)." if ver["events"] < 200_000 else "")
        w(f"`mamori verify --json` on the bench store after the load, server stopped.{grow}{short}")
        w("")
        w("| events | rows checked | signed heads | event bytes | seconds | events/s | MB/s (event bytes) | max RSS | DB size |")
        w("| --: | --: | --: | --: | --: | --: | --: | --: | --: |")
        w(f"| {fmt(ver['events'])} | {fmt(ver['rows'])} | {fmt(ver['heads_checked'])} | {fmt(ver['bytes'])} | "
          f"{fmt(ver['seconds'], 2)} | {fmt(ver['events'] / ver['seconds'])} | {fmt(vbps / 1e6, 1)} | "
          f"{fmt(ver['max_rss_kb'] / 1024, 0)} MB | {fmt(ver['db_bytes'] / 1e6, 0)} MB |")
        w("")
        if mix:
            w("Trail composition (top commands): " + ", ".join(
                f"`{r['command']}` {fmt(r['events'])} (payload ≈ {fmt(r['mean_payload'])} B)" for r in mix) + ".")
            w("")
        w(f"Mean event size {fmt(ver['bytes'] / max(ver['events'], 1))} bytes; verify used {fmt(ver['user_s'], 2)} s "
          f"user + {fmt(ver['sys_s'], 2)} s system CPU (load {ver['load_before']} → {ver['load_after']}).")
        w("")
    w("| `openssl speed -seconds 3 -bytes N sha256` | MB/s | verify ÷ openssl |")
    w("| --- | --: | --: |")
    for b, s in ssl.items():
        if s:
            w(f"| {b}-byte blocks | {fmt(s['bytes_per_s'] / 1e6, 1)} | {pct(vratio.get(b))} |")
    w("")
    w("verify hashes every event's bytes once (the RFC 6962 leaf hash; the chain hash is over the previous "
      "hash and that leaf hash), hashes every row image the effects record, then reads and hashes every "
      "covered row once more: the row images are hashed twice, so even with SHA-256 as the only cost the "
      "ratio stays below 100 %.")
    w("")

    # ---- memory
    w("## Memory")
    w("")
    w("| `mamori serve` | VmRSS | VmHWM (peak) | threads |")
    w("| --- | --: | --: | --: |")
    after_fill = ("right after the trail fill (writes + unit CSV exports)" if fill_ran
                  else "at the end (the trail fill was not needed)")
    for label, r in (("2 s after start", rss0), ("idle after the read and write phases (before the trail fill)", rss_rw),
                     (after_fill, rss1), ("5 s later, idle", rss2)):
        if r:
            w(f"| {label} | {fmt(r['VmRSS'] / 1024, 1)} MB | {fmt(r['VmHWM'] / 1024, 1)} MB | {r.get('Threads', '—')} |")
    w("")

    # ---- interpretation
    if comp:
        compliance_section(w, comp, compliance_analysis)

    w("## What this shows, and what it does not")
    w("")
    w("It shows what one build of mamori does on this 2-CPU virtual machine with its own disk, through the "
      "real HTTP stack, token authentication, authorization against designations, the command engine's "
      "group commit with synchronous=FULL and the hash-chained, Merkle-treed trail, and how that compares "
      "with the same durable transaction written straight to SQLite on the same disk in the same run. "
      "The CPU-per-request column says where the time goes independently of the wall-clock rate.")
    w("")
    w("It does not show production capacity. The client (wrk) shares the two CPUs with the server, so "
      "CPU-bound figures (reads, and writes at high concurrency) are understated by roughly the CPU wrk "
      "uses; other builds on the machine add noise (the *other* CPU columns). The network is loopback only, "
      "with no TLS (a reverse proxy would add it). The data set of the HTTP rows is small (a few thousand "
      "items, one unit), every request comes from one user, and the list reads hit the same first page, so "
      "the SQLite page cache is always warm; the ledger list filter section uses 100,000 items, three users "
      "and a different filter on every request, but one request at a time. The write mix is the simplest ledger cycle (no movements, approvals or "
      "copies). The virtual disk's fsync rate is that of this host and can differ by orders of magnitude "
      "on other storage; the raw-SQLite ratio is the figure meant to carry over. Latencies at 64 "
      "connections include queueing behind the single writer thread by design.")
    w("")

    if other_analysis:
        w(other_analysis)
        w("")

    text = "\n".join(L)
    if doc == "-":
        print(text)
    else:
        with open(doc, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
