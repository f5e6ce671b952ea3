"""Load test of the served collection: a realistic mix at growing concurrency, loopback only, bounded in time.

    python -m bench.bench_load [--out DIR | --docs N [--generated]] [--levels 1,4,16,32] [--seconds 5] [--sustain 3]
                               [--threads 8] [--json FILE]

What it does, in one run:

1. The data: ``--out DIR`` serves an existing build; otherwise a build of ``--docs`` synthetic documents is made
   in a temporary folder (with ``kg synth`` + ``kg build`` when the pipeline is installed, else a generated graph
   in the same shape written straight into a store).
2. Starts ``kg serve`` (waitress) on 127.0.0.1 in a child process. The load generator is on loopback, so the
   per-client rate limit is lifted for loopback with ``KG_RATE_LIMIT_EXEMPT`` (as an operator would for their
   own tools); every other limit stays on.
3. For each concurrency level: a baseline phase (a trivial static file, ``/static/style.css``) and a mix phase
   (entity HTML pages, entity RDF, the README's SPARQL queries, dumps listing and files, reconciliation), each
   ``--seconds`` long, closed-loop clients. Then a sustained phase at the top level, in ``--sustain`` windows,
   to see whether the server's memory stops growing.
4. Prints per phase: requests, throughput, p50/p99 latency, errors (5xx, exceptions, unexpected statuses), 429s,
   and the server's memory from ``/proc/<pid>/status`` (VmRSS now, VmHWM peak; the server and its children).

Exit status 0 when no phase had an error and memory was stable in the sustained phase, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import requests

ROOT = Path(__file__).resolve().parent.parent
BASE = "https://w3id.org/archive-kg/"
AKG = "https://w3id.org/archive-kg/ontology#"

# The README's example queries (issue 3's fixed mix) when the README has no ```sparql blocks of its own.
DEFAULT_QUERIES = {
    "describe-entity": "DESCRIBE <{person}>",
    "docs-by-alias": f"PREFIX akg: <{AKG}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
                     "SELECT ?doc WHERE { ?a a akg:Alias ; rdfs:label ?l ; akg:attestedIn ?doc . "
                     "FILTER(?l = \"{alias}\") } LIMIT 100",
    "count-by-sender": f"PREFIX akg: <{AKG}> SELECT ?s (COUNT(?d) AS ?n) WHERE {{ ?d akg:sender ?s }} "
                       "GROUP BY ?s ORDER BY DESC(?n) LIMIT 20",
    "date-range": "PREFIX dcterms: <http://purl.org/dc/terms/> SELECT ?d ?date WHERE { ?d dcterms:date ?date "
                  "FILTER(?date >= \"1950-06-01\"^^<http://www.w3.org/2001/XMLSchema#date> && "
                  "?date < \"1950-12-31\"^^<http://www.w3.org/2001/XMLSchema#date>) } LIMIT 100",
    "text-filter": f"PREFIX akg: <{AKG}> SELECT ?d WHERE {{ ?d akg:bodyText ?t "
                   "FILTER(CONTAINS(?t, \"Pyongyang\")) } LIMIT 20",
    "three-hop": f"PREFIX akg: <{AKG}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
                 "SELECT ?d ?sl ?pl WHERE { ?d akg:sender ?s . ?s rdfs:label ?sl . ?d akg:sentFrom ?p . "
                 "?p rdfs:label ?pl } LIMIT 50",
}


# -- data ---------------------------------------------------------------------------------------------------------

def _synthetic_trig(n: int, seed: int = 1) -> str:
    """``n`` documents in the shape of the collection (senders, aliases, places, dates, body text)."""
    rng = random.Random(seed)
    persons = [f"person-{i}" for i in range(max(20, n // 20))]
    places = ["pyongyang", "moscow", "peking", "seoul", "washington", "berlin", "tokyo", "hanoi"]
    words = ("the situation in Pyongyang is severe report troops front army telegram ambassador comrade "
             "Moscow Peking Korea forces command supply air meeting conversation government").split()
    docs, auth = [], []
    for p in persons:
        auth.append(f"id:person\\/{p} a akg:Person, akg:Agent ; rdfs:label \"Person {p}\"@en ; "
                    f"akg:hasAlias id:alias\\/{p}--alias ; akg:reconciled true .")
        auth.append(f"id:alias\\/{p}--alias a akg:Alias ; rdfs:label \"Alias {p}\" ; akg:aliasOf id:person\\/{p} .")
    for pl in places:
        auth.append(f"id:place\\/{pl} a akg:Place ; rdfs:label \"{pl.title()}\"@en .")
    for i in range(n):
        s, r = rng.sample(persons, 2)
        day = 1 + rng.randrange(28)
        month = 1 + rng.randrange(12)
        body = " ".join(rng.choice(words) for _ in range(120)).replace('"', "")
        docs.append(
            f"doc:s-{i} a akg:Telegram, akg:Document ; dcterms:identifier \"s-{i}\" ; "
            f"dcterms:title \"Telegram {i} from {s} to {r}\"@en ; "
            f"dcterms:date \"1950-{month:02d}-{day:02d}\"^^xsd:date ; akg:sender id:person\\/{s} ; "
            f"akg:senderAlias id:alias\\/{s}--alias ; akg:recipient id:person\\/{r} ; "
            f"akg:sentFrom id:place\\/{rng.choice(places)} ; akg:mentionsPerson id:person\\/{r} ; "
            f"akg:bodyText \"{body}\" .")
        auth.append(f"id:alias\\/{s}--alias akg:attestedIn doc:s-{i} .")
    return ("<https://w3id.org/archive-kg/graph/documents> {\n" + "\n".join(docs) + "\n}\n"
            "<https://w3id.org/archive-kg/graph/authorities> {\n" + "\n".join(auth) + "\n}\n")


def make_build(docs: int, workdir: Path, pipeline: bool = True) -> Path:
    """A published build of ``docs`` synthetic documents in ``workdir``; returns its OUT folder."""
    out = workdir / "var"
    try:
        if not pipeline:
            raise ImportError("--generated")
        from kg.build import build
        from kg.config import Settings
        from kg.synth import write_corpus

        corpus = workdir / "corpus"
        write_corpus(corpus, count=docs, seed=1)
        result = build([corpus], settings=Settings.from_env(out_dir=out), progress=False, keep_going=True)
        if result.ok:
            print(f"built {docs} synthetic documents with the pipeline", flush=True)
            return out
        print("the pipeline build failed; using a generated graph instead", flush=True)
    except ImportError as e:
        print(f"pipeline not available ({e}); using a generated graph of the same shape", flush=True)
    sys.path.insert(0, str(ROOT))
    from tests.fixtures.server.build_fixture import make_out

    out = workdir / "var-generated"
    make_out(out, extra_trig=_synthetic_trig(docs))
    return out


# -- the workload -------------------------------------------------------------------------------------------------

@dataclass
class Request:
    kind: str
    method: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    data: dict[str, str] | None = None
    ok: tuple[int, ...] = (200,)


def readme_queries() -> dict[str, str]:
    """The ```sparql blocks of README.md (named q1, q2, ...), else the issue's fixed mix."""
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8") if readme.is_file() else ""
    blocks = re.findall(r"```sparql\n(.*?)```", text, flags=re.S)
    if blocks:
        return {f"readme-q{i + 1}": b.strip() for i, b in enumerate(blocks)}
    return dict(DEFAULT_QUERIES)


def discover(out: Path) -> dict[str, list[str]]:
    """Entity IRIs of the published build (read from its store before the server starts)."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str((out / "current" / "store").resolve()))
    found: dict[str, list[str]] = defaultdict(list)
    for kind in ("Document", "Person", "Place", "Alias"):
        q = f"SELECT DISTINCT ?e WHERE {{ GRAPH ?g {{ ?e a <{AKG}{kind}> }} }} LIMIT 3000"
        found[kind.lower()] = [row["e"].value for row in store.query(q)]
    labels = [row["l"].value for row in store.query(
        f"SELECT ?l WHERE {{ GRAPH ?g {{ ?a a <{AKG}Alias> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }} }} "
        "LIMIT 200")]
    found["alias-label"] = labels
    del store
    return found


def workload(entities: dict[str, list[str]], have_sparql: bool, have_reconcile: bool,
             dump_names: list[str]) -> list[tuple[float, list[Request]]]:
    """(weight, requests) groups of the realistic mix."""
    def local(iri: str) -> str:
        return iri[len(BASE):] if iri.startswith(BASE) else iri

    ents = [e for k in ("document", "person", "place", "alias") for e in entities.get(k, [])]
    pages = [Request("page-html", "GET", "/page/" + local(e)[3:], {"Accept": "text/html"}) for e in ents]
    rdf = [Request("entity-rdf", "GET", "/" + local(e), {"Accept": "text/turtle"}, ok=(303,)) for e in ents[::2]]
    rdf += [Request("entity-rdf", "GET", "/data/" + local(e)[3:] + ".ttl") for e in ents[1::2]]
    groups: list[tuple[float, list[Request]]] = [(0.35, pages), (0.15, rdf)]
    dumps = [Request("dumps", "GET", "/dumps/", {"Accept": "text/html"}),
             Request("dumps", "GET", "/dumps/", {"Accept": "text/turtle"})]
    for name in dump_names:
        if name.endswith((".gz",)) or name.startswith("dataset"):
            dumps.append(Request("dumps", "GET", "/dumps/" + name, {"Range": "bytes=0-65535"}, ok=(206, 200)))
        else:
            dumps.append(Request("dumps", "GET", "/dumps/" + name))
    groups.append((0.10, dumps))
    if have_sparql:
        person = (entities.get("person") or [BASE + "id/person/joseph-stalin"])[0]
        alias = (entities.get("alias-label") or ["Feng Xi"])[0]
        qs = []
        for name, q in readme_queries().items():
            text = q.replace("{person}", person).replace("{alias}", alias.replace('"', ""))
            qs.append(Request("sparql:" + name, "GET", "/sparql?query=" + quote(text),
                              {"Accept": "application/sparql-results+json, text/turtle;q=0.9"}))
        groups.append((0.25, qs))
    if have_reconcile:
        names = [lbl.replace("Alias ", "") for lbl in entities.get("alias-label", [])[:50]] or ["Stalin", "Molotov"]
        rec = [Request("reconcile", "POST", "/reconcile",
                       data={"queries": json.dumps({"q0": {"query": n, "type": "person"}})}) for n in names]
        groups.append((0.15, rec))
    return groups


# -- measuring ----------------------------------------------------------------------------------------------------

def proc_tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo += [int(c) for c in f.read().split()]
        except OSError:
            continue
    return pids


def memory_kib(pid: int) -> tuple[int, int]:
    """(VmRSS, VmHWM) in KiB summed over the server process and its children."""
    rss = hwm = 0
    for p in proc_tree(pid):
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        rss += int(line.split()[1])
                    elif line.startswith("VmHWM:"):
                        hwm += int(line.split()[1])
        except OSError:
            continue
    return rss, hwm


@dataclass
class Phase:
    name: str
    concurrency: int
    seconds: float
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    rss_start: int = 0
    rss_end: int = 0
    hwm: int = 0

    @property
    def count(self) -> int:
        return sum(len(v) for v in self.latencies.values())

    def all_latencies(self) -> list[float]:
        return sorted(x for v in self.latencies.values() for x in v)

    def summary(self) -> dict:
        lat = self.all_latencies()
        return {"phase": self.name, "concurrency": self.concurrency, "requests": self.count,
                "rps": round(self.count / self.seconds, 1), "p50_ms": round(pct(lat, 50) * 1000, 1),
                "p99_ms": round(pct(lat, 99) * 1000, 1), "errors": len(self.errors),
                "429": self.statuses.get(429, 0), "rss_mib": round(self.rss_end / 1024, 1),
                "hwm_mib": round(self.hwm / 1024, 1),
                "by_kind": {k: {"n": len(v), "p50_ms": round(pct(sorted(v), 50) * 1000, 1),
                                "p99_ms": round(pct(sorted(v), 99) * 1000, 1)} for k, v in self.latencies.items()}}


def pct(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return 0.0
    k = min(len(sorted_values) - 1, max(0, round(p / 100 * len(sorted_values) + 0.5) - 1))
    return sorted_values[k]


def run_phase(url: str, pid: int, name: str, groups: list[tuple[float, list[Request]]], concurrency: int,
              seconds: float, seed: int) -> Phase:
    phase = Phase(name, concurrency, seconds)
    phase.rss_start = memory_kib(pid)[0]
    weights = [w for w, reqs in groups if reqs]
    pools = [reqs for _, reqs in groups if reqs]
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client(i: int) -> None:
        rng = random.Random(seed * 1000 + i)
        session = requests.Session()
        while time.monotonic() < stop_at:
            req = rng.choice(rng.choices(pools, weights)[0])
            t = time.perf_counter()
            try:
                r = session.request(req.method, url + req.path, headers=req.headers, data=req.data,
                                    allow_redirects=False, timeout=60, stream=True)
                for _ in r.iter_content(65536):
                    pass
                dt = time.perf_counter() - t
                status = r.status_code
                r.close()
            except requests.RequestException as e:
                with lock:
                    phase.errors.append(f"{req.kind} {req.path[:80]}: {type(e).__name__}")
                continue
            with lock:
                phase.latencies[req.kind].append(dt)
                phase.statuses[status] += 1
                if status not in req.ok:
                    phase.errors.append(f"{req.kind} {req.method} {req.path[:80]}: {status}")

    def sample() -> None:
        while time.monotonic() < stop_at:
            phase.hwm = max(phase.hwm, memory_kib(pid)[1])
            time.sleep(0.25)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(concurrency)]
    sampler = threading.Thread(target=sample)
    for t in [*threads, sampler]:
        t.start()
    for t in [*threads, sampler]:
        t.join()
    phase.rss_end, hwm = memory_kib(pid)
    phase.hwm = max(phase.hwm, hwm)
    return phase


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(out: Path, threads: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = dict(os.environ, KG_RATE_LIMIT_EXEMPT="127.0.0.0/8,::1")
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--out", str(out), "--host", "127.0.0.1",
                             "--port", str(port), "--threads", str(threads)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"kg serve exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return proc, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise TimeoutError("kg serve did not start")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", help="serve this existing build folder (default: build a synthetic one)")
    ap.add_argument("--docs", type=int, default=2000, help="synthetic documents when no --out (default 2000)")
    ap.add_argument("--generated", action="store_true",
                    help="write the synthetic graph straight into a store instead of running the pipeline")
    ap.add_argument("--levels", default="1,4,16,32", help="concurrency levels (default 1,4,16,32)")
    ap.add_argument("--seconds", type=float, default=5.0, help="length of each phase (default 5)")
    ap.add_argument("--sustain", type=int, default=4, help="windows of the sustained phase (default 4)")
    ap.add_argument("--threads", type=int, default=8, help="server threads (kg serve --threads)")
    ap.add_argument("--json", help="also write the results to this file")
    args = ap.parse_args(argv)
    levels = [int(x) for x in args.levels.split(",") if x.strip()]

    tmp = None
    if args.out:
        out = Path(args.out)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="bench-load-")
        print(f"making a build of {args.docs} synthetic documents ...", flush=True)
        out = make_build(args.docs, Path(tmp.name), pipeline=not args.generated)
    entities = discover(out)
    proc, url = start_server(out, args.threads)
    results: list[dict] = []
    ok = True
    try:
        have_sparql = requests.get(url + "/sparql", params={"query": "ASK {}"}, timeout=30).status_code != 404
        have_reconcile = requests.get(url + "/reconcile", timeout=30).status_code != 404
        dump_names = sorted(p.name for p in (out / "current" / "dumps").iterdir()
                            if p.is_file() and not p.is_symlink())
        groups = workload(entities, have_sparql, have_reconcile, dump_names)
        baseline = [(1.0, [Request("baseline", "GET", "/static/style.css")])]
        print(f"server {url} (pid {proc.pid}), build {out.resolve()}; sparql: {have_sparql}, reconcile: "
              f"{have_reconcile}; mix: " + ", ".join(f"{g[1][0].kind.split(':')[0]} {g[0]:.0%}" for g in groups
                                                     if g[1]), flush=True)
        header = f"{'phase':<14}{'conc':>5}{'req':>8}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}" \
                 f"{'429':>6}{'RSS MiB':>9}{'HWM MiB':>9}"
        print(header)
        for i, c in enumerate(levels):
            for name, g in (("baseline", baseline), ("mix", groups)):
                ph = run_phase(url, proc.pid, name, g, c, args.seconds, seed=i)
                s = ph.summary()
                results.append(s)
                ok &= s["errors"] == 0
                print(f"{name:<14}{c:>5}{s['requests']:>8}{s['rps']:>9}{s['p50_ms']:>9}{s['p99_ms']:>9}"
                      f"{s['errors']:>8}{s['429']:>6}{s['rss_mib']:>9}{s['hwm_mib']:>9}", flush=True)
                for e in ph.errors[:3]:
                    print("    error:", e)
        top = max(levels)
        rss = []
        for w in range(args.sustain):
            ph = run_phase(url, proc.pid, f"sustain-{w + 1}", groups, top, args.seconds, seed=100 + w)
            s = ph.summary()
            results.append(s)
            rss.append(s["rss_mib"])
            ok &= s["errors"] == 0
            print(f"{s['phase']:<14}{top:>5}{s['requests']:>8}{s['rps']:>9}{s['p50_ms']:>9}{s['p99_ms']:>9}"
                  f"{s['errors']:>8}{s['429']:>6}{s['rss_mib']:>9}{s['hwm_mib']:>9}", flush=True)
        stable = len(rss) < 2 or (rss[-1] - rss[-2]) <= max(8.0, 0.05 * rss[-2])
        ok &= stable
        mix_top = [r for r in results if r["phase"] == "mix" and r["concurrency"] == top][0]
        print(f"\nper kind at concurrency {top}:")
        for k, v in sorted(mix_top["by_kind"].items()):
            print(f"  {k:<28} n={v['n']:<6} p50 {v['p50_ms']:>7} ms  p99 {v['p99_ms']:>7} ms")
        base_top = [r for r in results if r["phase"] == "baseline" and r["concurrency"] == top][0]
        print(f"\nmix vs baseline at {top}: throughput {mix_top['rps'] / max(base_top['rps'], 0.1):.2f}x, "
              f"p50 {mix_top['p50_ms'] / max(base_top['p50_ms'], 0.01):.1f}x")
        print(f"sustained RSS per window (MiB): {rss} -> {'stable' if stable else 'STILL GROWING'}")
        print(f"errors in all phases: {sum(r['errors'] for r in results)}")
        if args.json:
            Path(args.json).write_text(json.dumps({"results": results, "stable": stable}, indent=1))
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        if tmp is not None:
            tmp.cleanup()
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
