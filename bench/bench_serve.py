"""Serving side by side, in one run: our server against a bare Flask wrapper, in-process pyoxigraph,
rdflib-endpoint and Virtuoso, over the same build, each server alone on the machine.

    python -m bench.bench_serve [--out DIR | --docs N] [--seconds 10] [--rounds 1] [--repeat 30]
                                [--only ours,bare,...] [--json FILE]

(``make bench-serve`` installs the extra it needs, rdflib-endpoint, and runs it on a 3,000-document build.)

What it measures, per server:

1. **Throughput**: ``wrk -t2 -c8`` and ``-c32`` for ``--seconds`` on two queries (one entity's triples; counts by
   sender): requests/s, mean and max latency, wrk's timeouts (2 s) and errors. Ratio: ours / bare Flask, the
   median over ``--rounds`` interleaved rounds (the machine may be shared: each run records the load average).
2. **Sequential latency**: ``--repeat`` keep-alive requests per query of issue 3's six-query mix, plus the entity
   lookup and ``COUNT(*)``; p50 in ms. In-process pyoxigraph (the same store, results serialized as the endpoint
   does) is the floor; the target for ours is at most 1.5 x in-process + 2 ms.
3. **Idle memory**: the RSS of the server's process tree after the runs.
4. **Ours under attack**: a client sends the same runaway query over and over from 8 connections while another
   client sends short queries: p50 of the short query alone and during the attack (target: within 5x), and what
   the attacker got (429s, 503s at the time limit).

The servers: **ours** is ``kg serve`` (waitress, 32 threads, the query pool; loopback 127.0.0.1 exempt from the
per-client limits as an operator's own tools would be, the attacker on 127.0.1.1 is not). **bare** is the smallest
Flask app that answers ``/sparql`` with ``pyoxigraph.Store.read_only(...).query(...)`` in the request thread (no
time limit, no guard, no limits), served by the same waitress with the same threads: the difference is our
pool, guard and limits. **rdflib-endpoint** (pip) serves ``dataset.ttl`` from an rdflib graph. **Virtuoso** (Debian
``virtuoso-opensource``) is a managed engine (``kg/engines``) loaded with the build's N-Quads and queried on its own
endpoint; when it is not installed it is skipped with a note. A server that fails to start is reported, not fatal.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import requests

from bench.bench_load import DEFAULT_QUERIES, discover, make_build
from bench.serve_servers import Server, start_bare, start_ours, start_rdflib_endpoint, start_virtuoso

JSON = "application/sparql-results+json"
ACCEPT = f"{JSON}, text/turtle;q=0.9"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SHORT_NAME = "entity-lookup"


def queries(out: Path) -> dict[str, str]:
    """The six-query mix of issue 3 with this build's entities, an entity lookup and the whole-store count."""
    found = discover(out)
    person = (found.get("person") or ["https://w3id.org/archive-kg/id/person/joseph-stalin"])[0]
    alias = (found.get("alias-label") or ["Feng Xi"])[0].replace('"', "")
    mix = {name: q.replace("{person}", person).replace("{alias}", alias) for name, q in DEFAULT_QUERIES.items()}
    mix[SHORT_NAME] = f"SELECT ?p ?o WHERE {{ <{person}> ?p ?o }}"
    mix["count-all"] = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    return mix


# -- the bare wrapper (run as a child: python -m bench.bench_serve --bare STORE PORT) --------------------------------

def bare_app(store_path: str) -> Callable:
    import pyoxigraph as ox
    from flask import Flask, Response, request

    store = ox.Store.read_only(store_path)
    app = Flask("bare")

    @app.route("/sparql", methods=["GET", "POST"])
    def sparql() -> Response:
        res = store.query(request.values["query"], use_default_graph_as_union=True)
        if isinstance(res, ox.QueryTriples):
            return Response(ox.serialize(res, format=ox.RdfFormat.TURTLE), mimetype="text/turtle")
        return Response(res.serialize(format=ox.QueryResultsFormat.JSON), mimetype=JSON)

    return app


# -- measuring -----------------------------------------------------------------------------------------------------

def wrk(url: str, connections: int, seconds: float) -> dict:
    """``wrk -t2 -cN -dS`` on one GET URL: req/s, mean and max latency (ms), timeouts, errors (non-2xx, socket)."""
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{seconds:g}s", "-H", f"Accept: {JSON}", url]
    text = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 120).stdout

    def ms(v: str) -> float:
        m = re.match(r"([\d.]+)(us|ms|s|m)", v)
        if not m:
            return float("nan")
        return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[m.group(2)]

    lat = re.search(r"Latency\s+(\S+)\s+(\S+)\s+(\S+)", text)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return {"rps": float(rps.group(1)) if rps else 0.0, "mean_ms": ms(lat.group(1)) if lat else float("nan"),
            "max_ms": ms(lat.group(3)) if lat else float("nan"), "timeouts": int(sock.group(4)) if sock else 0,
            "errors": (int(non2xx.group(1)) if non2xx else 0) + (sum(int(sock.group(i)) for i in (1, 2, 3))
                                                                 if sock else 0)}


def measure_throughput(up: list[tuple[str, Server]], wrk_queries: dict[str, str], seconds: float,
                       rounds: int) -> dict[str, dict[str, list[dict]]]:
    """``rounds`` rounds of wrk runs (each query at 8 and 32 connections), the servers of a group interleaved (their
    order reversed every other round), so that each pair of runs to compare sees the same machine load; each run
    records the 1-minute load average at its end."""
    runs: dict[str, dict[str, list[dict]]] = {key: {} for key, _ in up}
    for r in range(rounds):
        order = up if r % 2 == 0 else list(reversed(up))
        for qname, q in wrk_queries.items():
            for c in (8, 32):
                for key, srv in order:
                    w = wrk(srv.query_url(q), c, seconds)
                    w["load1"] = os.getloadavg()[0]
                    runs[key].setdefault(f"{qname} c={c}", []).append(w)
    return runs


def _median_run(runs: list[dict]) -> dict:
    return sorted(runs, key=lambda w: w["rps"])[len(runs) // 2]


def sequential(servers: list[Server], mix: dict[str, str], repeat: int, store_path: Path | None = None,
               budget: float = 20.0) -> dict[str, dict[str, float]]:
    """p50 (ms) per server and query of ``repeat`` keep-alive requests, interleaved across the servers given (and
    in-process pyoxigraph when ``store_path`` is given) so that all see the same machine load. A query stops
    after ``budget`` seconds (at least 3 runs)."""
    import io

    import pyoxigraph as ox

    store = ox.Store.read_only(str(store_path)) if store_path else None

    def local(q: str) -> None:
        r = store.query(q, use_default_graph_as_union=True)
        buf = io.BytesIO()
        if isinstance(r, ox.QueryTriples):
            ox.serialize(r, buf, format=ox.RdfFormat.TURTLE)
        else:
            r.serialize(buf, format=ox.QueryResultsFormat.JSON)

    sessions = {srv.name: requests.Session() for srv in servers}
    out: dict[str, dict[str, float]] = {srv.name: {} for srv in servers}
    if store is not None:
        out["in-process"] = {}
    for name, q in mix.items():
        times: dict[str, list[float]] = {k: [] for k in out}
        failed: set[str] = set()
        for srv in servers:  # warm: the first run of a query also teaches our pool its cost
            try:
                sessions[srv.name].get(srv.query_url(q), headers={"Accept": ACCEPT}, timeout=120)
            except requests.RequestException:
                failed.add(srv.name)
        start = time.monotonic()
        for i in range(repeat + 1):
            if i > 3 and time.monotonic() - start > budget:
                break
            if store is not None:
                t0 = time.perf_counter()
                local(q)
                if i:
                    times["in-process"].append((time.perf_counter() - t0) * 1000)
            for srv in servers:
                if srv.name in failed:
                    continue
                t0 = time.perf_counter()
                try:
                    r = sessions[srv.name].get(srv.query_url(q), headers={"Accept": ACCEPT}, timeout=120)
                except requests.RequestException:
                    failed.add(srv.name)
                    continue
                if r.status_code != 200:
                    failed.add(srv.name)
                elif i:
                    times[srv.name].append((time.perf_counter() - t0) * 1000)
        for k, v in times.items():
            out[k][name] = statistics.median(v) if v and k not in failed else float("nan")
    return out


def count_variants(store_path: Path, repeat: int = 3) -> dict[str, float]:
    """Where a whole-store count goes in pyoxigraph (best of ``repeat``, ms): the union default graph against
    an explicit list of the named graphs, ``GRAPH ?g``, and the store's own length (what the shortcut uses)."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(store_path))
    graphs = list(store.named_graphs())
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    cases: dict[str, Callable[[], object]] = {
        "union default graph": lambda: list(store.query(count, use_default_graph_as_union=True)),
        "default graph = list of named graphs": lambda: list(store.query(count, default_graph=graphs)),
        "GRAPH ?g": lambda: list(store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")),
        "len(store)": lambda: len(store),
    }
    out = {}
    for name, f in cases.items():
        best = float("inf")
        for _ in range(repeat):
            t0 = time.perf_counter()
            f()
            best = min(best, (time.perf_counter() - t0) * 1000)
        out[name] = best
    return out


def rss_mib(pid: int | None) -> float:
    """RSS of a process and all its descendants (MiB)."""
    if not pid:
        return float("nan")
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return total / 1024


def _from(ip: str) -> requests.Session:
    from requests.adapters import HTTPAdapter

    class FromAddress(HTTPAdapter):
        def init_poolmanager(self, *args, **kwargs):  # noqa: ANN002, ANN003
            kwargs["source_address"] = (ip, 0)
            return super().init_poolmanager(*args, **kwargs)

    s = requests.Session()
    s.mount("http://", FromAddress())
    return s


def attack(server: Server, short: str, seconds: float) -> dict:
    """Short queries from 127.0.2.1 alone, then while 127.0.1.1 sends runaways from 8 connections."""
    def shorts(duration: float) -> list[float]:
        s = _from("127.0.2.1")
        times, stop = [], time.monotonic() + duration
        while time.monotonic() < stop:
            t0 = time.perf_counter()
            r = s.get(server.query_url(short), headers={"Accept": JSON}, timeout=120)
            if r.status_code == 200:
                times.append((time.perf_counter() - t0) * 1000)
            time.sleep(0.02)
        return times

    alone = shorts(3)
    got: dict[int, int] = {}
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def attacker() -> None:
        s = _from("127.0.1.1")
        while time.monotonic() < stop:
            try:
                code = s.get(server.query_url(RUNAWAY), headers={"Accept": JSON}, timeout=120).status_code
            except requests.RequestException:
                code = 0
            with lock:
                got[code] = got.get(code, 0) + 1
            if code == 429:
                time.sleep(0.2)

    threads = [threading.Thread(target=attacker) for _ in range(8)]
    for t in threads:
        t.start()
    time.sleep(0.5)
    during = shorts(seconds - 1)
    for t in threads:
        t.join()
    a50, d50 = statistics.median(alone), statistics.median(during) if during else float("nan")
    return {"alone_p50_ms": a50, "during_p50_ms": d50, "during_max_ms": max(during or [float("nan")]),
            "ratio": d50 / a50, "short_answered": len(during), "attacker_statuses": got}


# -- the run -------------------------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--bare"]:
        from waitress import serve

        serve(bare_app(argv[1]), host="127.0.0.1", port=int(argv[2]), threads=32, ident="bare")
        return 0
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, help="an OUT folder with a published build")
    ap.add_argument("--docs", type=int, default=3000, help="without --out: build this many synthetic documents")
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--rounds", type=int, default=1, help="interleaved wrk rounds of ours and bare (median reported)")
    ap.add_argument("--repeat", type=int, default=30)
    ap.add_argument("--only", default="ours,bare,in-process,rdflib-endpoint,virtuoso")
    ap.add_argument("--attack-seconds", type=float, default=12)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    only = {x.strip() for x in args.only.split(",")}
    if not shutil.which("wrk"):
        print("wrk is not installed (apt-get install wrk)", file=sys.stderr)
        return 2

    report: dict = {"servers": {}, "notes": []}
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        out = args.out or make_build(args.docs, Path(tmp))
        manifest = json.loads((out / "current" / "build.json").read_text())
        report["triples"] = manifest.get("counts", {}).get("triples")
        mix = queries(out)
        wrk_queries = {"entity-lookup": mix[SHORT_NAME], "count-by-sender": mix["count-by-sender"]}
        store_path = (out / "current" / "store").resolve()
        if "in-process" in only:
            report["count_variants_ms"] = count_variants(store_path)
        starters: dict[str, Callable[[], Server]] = {
            "bare": lambda: start_bare(out), "ours": lambda: start_ours(out),
            "rdflib-endpoint": lambda: start_rdflib_endpoint(out), "virtuoso": lambda: start_virtuoso(out, Path(tmp))}
        # bare and ours side by side (interleaved sequential runs, same load), then the others one at a time
        groups = [[k for k in ("bare", "ours") if k in only]] + [[k] for k in ("rdflib-endpoint", "virtuoso")
                                                                 if k in only]
        for gi, group in enumerate(groups):
            up: list[tuple[str, Server]] = []
            for key in group:
                print(f"-- {key}", flush=True)
                try:
                    up.append((key, starters[key]()))
                except Exception as e:  # noqa: BLE001 - a missing or failing server is reported, the others run
                    report["notes"].append(f"{key}: skipped ({e})")
                    print(f"   skipped: {e}", flush=True)
            try:
                with_local = gi == 0 and "in-process" in only
                if up or with_local:
                    seq = sequential([srv for _, srv in up], mix, args.repeat, store_path if with_local else None)
                    if with_local:
                        report["in_process_p50_ms"] = seq.pop("in-process")
                runs = measure_throughput(up, wrk_queries, args.seconds, args.rounds if len(up) > 1 else 1)
                for key, srv in up:
                    res: dict = {"wrk": {k: _median_run(v) for k, v in runs[key].items()}, "wrk_runs": runs[key],
                                 "sequential_p50_ms": seq[srv.name]}
                    report["servers"][key] = res
                time.sleep(2)
                for key, srv in up:
                    report["servers"][key]["idle_rss_mib"] = rss_mib(srv.pid)
            finally:
                for _, srv in up:
                    srv.stop()
            print(render(report), flush=True)  # the figures so far (a later server may take long or fail)
            if args.json:
                args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
        if "ours" in only:
            print("-- ours under attack", flush=True)
            server = start_ours(out, timeout="5")
            try:
                report["attack"] = attack(server, mix[SHORT_NAME], args.attack_seconds)
            finally:
                server.stop()
    print(render(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


def render(report: dict) -> str:
    servers = report["servers"]
    names = list(servers)
    lines = [f"build: {report.get('triples')} triples", ""]
    head = f"{'wrk -t2 (req/s; mean/max ms; timeouts)':<34}" + "".join(f"{n:>30}" for n in names)
    lines.append(head)
    keys = next((list(s["wrk"]) for s in servers.values() if s.get("wrk")), [])
    for k in keys:
        row = f"{k:<34}"
        for n in names:
            w = servers[n]["wrk"].get(k)
            cell = "-"
            if w:
                rps, mean, top, tmo, err = w["rps"], w["mean_ms"], w["max_ms"], w["timeouts"], w["errors"]
                cell = f"{rps:.0f}; {mean:.0f}/{top:.0f}; {tmo}t {err}e"
            row += f"{cell:>30}"
        lines.append(row)
    if "ours" in servers and "bare" in servers:
        for k in keys:
            pairs = list(zip(servers["bare"].get("wrk_runs", {}).get(k, [servers["bare"]["wrk"][k]]),
                             servers["ours"].get("wrk_runs", {}).get(k, [servers["ours"]["wrk"][k]]), strict=False))
            ratios = sorted(o["rps"] / b["rps"] for b, o in pairs if b["rps"])
            loads = [round(w["load1"], 1) for pair in pairs for w in pair if "load1" in w]
            lines.append(f"  throughput ours / bare, {k}: {statistics.median(ratios):.2f}x (rounds: "
                         f"{', '.join(f'{r:.2f}' for r in ratios)}; load {min(loads, default=0):.1f}-"
                         f"{max(loads, default=0):.1f})" if ratios else f"  {k}: bare answered nothing")
    lines.append("")
    inproc = report.get("in_process_p50_ms", {})
    cols = (["in-process"] if inproc else []) + names
    both = "ours" in servers and "bare" in servers
    lines.append(f"{'sequential p50 (ms)':<22}" + "".join(f"{c:>18}" for c in cols) +
                 ("   ours-bare" if both else "") + ("   ours <= 1.5x+2ms" if inproc and "ours" in servers else ""))
    for q in (inproc or next(iter(servers.values()), {}).get("sequential_p50_ms", {})):
        row = f"{q:<22}" + (f"{inproc[q]:>18.2f}" if inproc else "")
        for n in names:
            row += f"{servers[n].get('sequential_p50_ms', {}).get(q, float('nan')):>18.2f}"
        if both:
            row += f"{servers['ours']['sequential_p50_ms'][q] - servers['bare']['sequential_p50_ms'][q]:>+12.2f}"
        if inproc and "ours" in servers:
            ours = servers["ours"]["sequential_p50_ms"][q]
            row += f"   {'yes' if ours <= 1.5 * inproc[q] + 2 else 'NO'}"
        lines.append(row)
    lines.append("")
    lines.append("idle RSS (MiB): " + ", ".join(f"{n} {servers[n].get('idle_rss_mib', float('nan')):.0f}"
                                               for n in names))
    if "attack" in report:
        a = report["attack"]
        lines.append(f"ours under attack (8 runaway connections from one client, 5 s limit): short query p50 "
                     f"{a['alone_p50_ms']:.1f} ms alone, {a['during_p50_ms']:.1f} ms during ({a['ratio']:.1f}x; max "
                     f"{a['during_max_ms']:.0f} ms; {a['short_answered']} answered); attacker got "
                     f"{a['attacker_statuses']}")
    if "count_variants_ms" in report:
        lines.append("whole-store COUNT(*) in-process (best, ms): " + ", ".join(
            f"{k} {v:.0f}" for k, v in report["count_variants_ms"].items()))
    lines += [f"note: {n}" for n in report["notes"]]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())

