"""SPARQL benchmark: issue 3's fixed query mix over HTTP (1 and 8 clients) and in-process on pyoxigraph.

    python -m bench.bench_sparql [--out DIR | --docs N [--generated]] [--clients 1,8] [--seconds 5]
                                 [--workers 4] [--repeat 50] [--json FILE]

One run:

1. The data: ``--out DIR`` uses an existing published build; otherwise ``--docs`` (default 10000) synthetic
   documents are built in a temporary folder (``kg synth`` + ``kg build``; ``--generated`` writes a graph of the
   same shape straight into a store instead). Same helpers as ``bench.bench_load``.
2. In-process: each query of the mix ``--repeat`` times on the build's store opened read-only with pyoxigraph,
   default graph = union of the named graphs, results serialized (SPARQL JSON, Turtle for DESCRIBE) as the
   endpoint's workers do.
3. Over HTTP: ``kg serve`` (waitress) on 127.0.0.1 with ``--workers`` query worker processes; for each level of
   ``--clients``, closed-loop client threads cycle through the mix for ``--seconds``.
4. Prints per query p50/p99 (ms) in-process and per level over HTTP, the ratio HTTP p50 / in-process p50, and the
   throughput (queries/s) per level. Exit status 1 when any HTTP request failed.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import requests

from bench.bench_load import DEFAULT_QUERIES, discover, free_port, make_build, pct

ROOT = Path(__file__).resolve().parent.parent
ACCEPT = "application/sparql-results+json, text/turtle;q=0.9"


def the_mix(out: Path) -> dict[str, str]:
    """Issue 3's fixed mix, with an entity and an alias of this build filled in."""
    found = discover(out)
    person = (found.get("person") or ["https://w3id.org/archive-kg/id/person/joseph-stalin"])[0]
    alias = (found.get("alias-label") or ["Feng Xi"])[0].replace('"', "")
    return {name: q.replace("{person}", person).replace("{alias}", alias) for name, q in DEFAULT_QUERIES.items()}


def in_process(out: Path, mix: dict[str, str], repeat: int) -> dict[str, list[float]]:
    import io

    import pyoxigraph as ox

    store = ox.Store.read_only(str((out / "current" / "store").resolve()))
    times: dict[str, list[float]] = defaultdict(list)
    for name, q in mix.items():
        for _ in range(repeat):
            t0 = time.perf_counter()
            res = store.query(q, use_default_graph_as_union=True)
            buf = io.BytesIO()
            if isinstance(res, ox.QueryTriples):
                ox.serialize(res, buf, format=ox.RdfFormat.TURTLE)
            else:
                res.serialize(buf, format=ox.QueryResultsFormat.JSON)
            times[name].append(time.perf_counter() - t0)
    del store
    return times


def start_server(out: Path, workers: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = dict(os.environ, KG_RATE_LIMIT_EXEMPT="127.0.0.0/8,::1", KG_QUERY_WORKERS=str(workers))
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--out", str(out), "--host", "127.0.0.1",
                             "--port", str(port), "--threads", str(max(8, workers * 2))], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"kg serve exited with {proc.returncode}")
        try:
            if requests.get(url + "/sparql", params={"query": "ASK {}"}, timeout=10).status_code == 200:
                return proc, url
        except requests.RequestException:
            pass
        time.sleep(0.2)
    proc.kill()
    raise TimeoutError("kg serve did not answer")


def over_http(url: str, mix: dict[str, str], clients: int, seconds: float) -> tuple[dict[str, list[float]], int, int]:
    """(latencies per query, requests done, errors) of closed-loop clients for ``seconds``."""
    times: dict[str, list[float]] = defaultdict(list)
    lock = threading.Lock()
    counts = {"n": 0, "errors": 0}
    names = list(mix)
    stop = time.monotonic() + seconds

    def client(i: int) -> None:
        s = requests.Session()
        k = i
        while time.monotonic() < stop:
            name = names[k % len(names)]
            k += 1
            t0 = time.perf_counter()
            try:
                r = s.post(url + "/sparql", data={"query": mix[name]}, headers={"Accept": ACCEPT}, timeout=60)
                ok = r.status_code == 200 and len(r.content) > 0
            except requests.RequestException:
                ok = False
            dt = time.perf_counter() - t0
            with lock:
                counts["n"] += 1
                if ok:
                    times[name].append(dt)
                else:
                    counts["errors"] += 1

    # warm the workers (each opens the store on its first query)
    for q in mix.values():
        requests.post(url + "/sparql", data={"query": q}, headers={"Accept": ACCEPT}, timeout=60)
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return times, counts["n"], counts["errors"]


def _ms(values: list[float], p: float) -> float:
    return pct(sorted(values), p) * 1000 if values else float("nan")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, help="an existing OUT folder with a published build")
    ap.add_argument("--docs", type=int, default=10000)
    ap.add_argument("--generated", action="store_true", help="skip the pipeline; write a generated graph")
    ap.add_argument("--clients", default="1,8")
    ap.add_argument("--seconds", type=float, default=5.0)
    ap.add_argument("--workers", type=int, default=4, help="query worker processes of the server")
    ap.add_argument("--repeat", type=int, default=50, help="in-process runs of each query")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    levels = [int(x) for x in args.clients.split(",") if x.strip()]

    with tempfile.TemporaryDirectory(prefix="bench-sparql-") as tmp:
        out = args.out or make_build(args.docs, Path(tmp), pipeline=not args.generated)
        mix = the_mix(out)
        local = in_process(out, mix, args.repeat)
        proc, url = start_server(out, args.workers)
        http: dict[int, tuple[dict[str, list[float]], int, int]] = {}
        try:
            for c in levels:
                http[c] = over_http(url, mix, c, args.seconds)
        finally:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()

    head = f"{'query':<18} {'in-proc p50/p99 ms':>20}"
    for c in levels:
        head += f" {f'HTTP c={c} p50/p99 ms':>22} {f'ratio c={c}':>10}"
    print(head)
    report: dict = {"in_process": {}, "http": {}}
    for name in mix:
        lp50, lp99 = _ms(local[name], 50), _ms(local[name], 99)
        line = f"{name:<18} {f'{lp50:.2f} / {lp99:.2f}':>20}"
        report["in_process"][name] = {"p50_ms": lp50, "p99_ms": lp99}
        for c in levels:
            t = http[c][0].get(name, [])
            hp50, hp99 = _ms(t, 50), _ms(t, 99)
            ratio = hp50 / lp50 if lp50 > 0 else float("nan")
            line += f" {f'{hp50:.2f} / {hp99:.2f}':>22} {f'{ratio:.1f}x':>10}"
            report["http"].setdefault(str(c), {})[name] = {"p50_ms": hp50, "p99_ms": hp99, "ratio_p50": ratio,
                                                          "n": len(t)}
        print(line)
    inproc_qps = sum(len(v) for v in local.values()) / sum(sum(v) for v in local.values())
    print(f"throughput in-process (1 thread): {inproc_qps:.0f} queries/s")
    errors = 0
    for c in levels:
        _, n, err = http[c]
        errors += err
        print(f"throughput HTTP c={c}: {n / args.seconds:.0f} queries/s ({n} requests, {err} errors)")
        report["http"].setdefault(str(c), {})["_throughput_qps"] = n / args.seconds
        report["http"][str(c)]["_errors"] = err
    report["in_process"]["_throughput_qps"] = inproc_qps
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
