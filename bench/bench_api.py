#!/usr/bin/env python3
"""API helper for bench/run.sh (standard library only; loopback only).

  bench_api.py seed  --base URL --token T --unit-code CYBER --prefix B- --first 1 --count 2000 [--workers 8]
      registers COUNT media B-00001… through POST /api/v1/items (as the token's user), WORKERS
      persistent connections in parallel; prints one JSON line with the rate and any failures.
  bench_api.py reset --base URL --token T --check-token T2 --prefix B-
      puts every bench item left mid-cycle by write.lua back in storage (return, then check).
  bench_api.py rss PID
      prints VmRSS / VmHWM of a process in kB as JSON.
"""
import argparse
import http.client
import json
import sys
import threading
import time
import urllib.parse

TIMEOUT = 30


class Client:
    def __init__(self, base, token):
        u = urllib.parse.urlparse(base)
        if u.hostname not in ("127.0.0.1", "localhost", "::1"):
            sys.exit("bench_api.py: only loopback targets are allowed")
        self.host, self.port, self.token = u.hostname, u.port, token
        self.conn = None

    def call(self, method, path, body=None):
        for attempt in range(2):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(self.host, self.port, timeout=TIMEOUT)
                headers = {"Authorization": "Bearer " + self.token}
                data = None
                if body is not None:
                    data = json.dumps(body).encode()
                    headers["Content-Type"] = "application/json"
                self.conn.request(method, path, body=data, headers=headers)
                r = self.conn.getresponse()
                raw = r.read()
                try:
                    return r.status, json.loads(raw) if raw else None
                except ValueError:
                    return r.status, raw.decode(errors="replace")
            except (http.client.HTTPException, OSError):
                self.conn = None
                if attempt == 1:
                    raise
        raise RuntimeError("unreachable")


def unit_id(client, code):
    status, body = client.call("GET", "/api/v1/units")
    if status != 200:
        sys.exit(f"GET /api/v1/units: {status} {body}")
    for u in body["units"]:
        if u["code"] == code:
            return u["id"]
    sys.exit(f"no unit {code}")


def seed(a):
    first = Client(a.base, a.token)
    uid = unit_id(first, a.unit_code)
    numbers = list(range(a.first, a.first + a.count))
    lock = threading.Lock()
    stats = {"ok": 0, "failed": 0, "first_failure": ""}
    types = ["USBメモリ", "SDカード", "DVD-R", "外付けHDD", "CD-R"]

    def worker(k):
        c = Client(a.base, a.token)
        for n in numbers[k::a.workers]:
            no = f"{a.prefix}{n:05d}"
            status, body = c.call("POST", "/api/v1/items", {
                "control_no": no, "kind": "medium", "type": types[n % len(types)],
                "storage": "ベンチマーク用 施錠保管庫", "unit_id": uid})
            with lock:
                if 200 <= status < 300:
                    stats["ok"] += 1
                else:
                    stats["failed"] += 1
                    if not stats["first_failure"]:
                        stats["first_failure"] = f"{no}: {status} {str(body)[:300]}"

    t0 = time.monotonic()
    ts = [threading.Thread(target=worker, args=(k,)) for k in range(a.workers)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    secs = time.monotonic() - t0
    stats.update({"count": a.count, "workers": a.workers, "seconds": round(secs, 3),
                  "ok_per_s": round(stats["ok"] / secs, 1), "unit_id": uid})
    print(json.dumps(stats, ensure_ascii=False))
    return 0 if stats["failed"] == 0 else 1


def items_in_state(client, prefix, state):
    out, page = [], 1
    while True:
        q = urllib.parse.urlencode({"state": state, "q": prefix, "per_page": 500, "page": page})
        status, body = client.call("GET", "/api/v1/items?" + q)
        if status != 200:
            sys.exit(f"list {state}: {status} {body}")
        out += [i["control_no"] for i in body["items"]]
        if page * 500 >= body["total"]:
            return out
        page += 1


def reset(a):
    user, checker = Client(a.base, a.token), Client(a.base, a.check_token)
    in_use = items_in_state(user, a.prefix, "in_use")
    awaiting = items_in_state(user, a.prefix, "awaiting_check")
    failed = []
    for no in in_use:
        s, b = user.call("POST", f"/api/v1/items/{urllib.parse.quote(no)}/return", {})
        if s == 200:
            awaiting.append(no)
        else:
            failed.append(f"return {no}: {s} {str(b)[:200]}")
    for no in awaiting:
        s, b = checker.call("POST", f"/api/v1/items/{urllib.parse.quote(no)}/check", {"result": "no_data"})
        if s != 200:
            failed.append(f"check {no}: {s} {str(b)[:200]}")
    print(json.dumps({"returned": len(in_use), "checked": len(awaiting), "failed": len(failed),
                      "first_failure": failed[0] if failed else ""}, ensure_ascii=False))
    return 0 if not failed else 1


def rss(a):
    vals = {}
    with open(f"/proc/{a.pid}/status") as f:
        for line in f:
            k, _, v = line.partition(":")
            if k in ("VmRSS", "VmHWM", "Threads"):
                vals[k] = int(v.split()[0])
    print(json.dumps(vals))
    return 0


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("seed")
    s.add_argument("--base", required=True)
    s.add_argument("--token", required=True)
    s.add_argument("--unit-code", default="CYBER")
    s.add_argument("--prefix", default="B-")
    s.add_argument("--first", type=int, default=1)
    s.add_argument("--count", type=int, default=2000)
    s.add_argument("--workers", type=int, default=8)
    r = sub.add_parser("reset")
    r.add_argument("--base", required=True)
    r.add_argument("--token", required=True)
    r.add_argument("--check-token", required=True)
    r.add_argument("--prefix", default="B-")
    m = sub.add_parser("rss")
    m.add_argument("pid", type=int)
    a = p.parse_args()
    return {"seed": seed, "reset": reset, "rss": rss}[a.cmd](a)


if __name__ == "__main__":
    sys.exit(main())
