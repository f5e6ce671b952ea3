"""Engines side by side: the embedded pyoxigraph store and Virtuoso, on the same generated version.

    python -m bench.bench_engines [--triples 1000000,10000000] [--repeat 10] [--json FILE] [--keep DIR]

For each size, one run:

1. Generates a version's N-Quads dump of about that many triples in the collection's shape (documents with
   sender, recipient, alias, place, date, title, body text; persons, aliases and places in the authorities graph)
   and lays it out as a published version (``OUT/builds/<id>/dumps/dataset.nq.gz``, ``build.json``).
2. Embedded: bulk-loads it into a pyoxigraph store in a child process (load seconds, peak RSS), then in another
   child opens the store read-only and runs the query mix (p50 of ``--repeat`` runs after one warm-up, results
   serialized as the endpoint does; peak RSS). Disk: the store folder.
3. Virtuoso: a fresh managed engine (``kg engine start``) in the work folder, its buffers sized for the data;
   ``load_version`` (split the dump per graph + ``ld_dir``/``rdf_loader_run`` + checkpoint) timed; the same query
   mix through the engine interface (parse check, graph mapping, HTTP, re-serialization: what ``/sparql`` does) and
   straight to Virtuoso's own endpoint; the server's RSS after the queries (``/proc``); disk: the database folder.
4. Prints one table per size and the per-million-triple costs; ratios are against the embedded store measured in
   the same run.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE = "https://w3id.org/archive-kg/"
AKG = BASE + "ontology#"
ID = BASE + "id/"
DOCS_G = f"<{BASE}graph/documents>"
AUTH_G = f"<{BASE}graph/authorities>"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
DC = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"
BUILD_ID = "20500101T000000000000Z-bench"

QUERIES = {
    "describe-entity": f"DESCRIBE <{ID}person/p-7>",
    "docs-by-alias": f"SELECT ?doc WHERE {{ ?a a <{AKG}Alias> ; {LABEL} ?l ; <{AKG}attestedIn> ?doc . "
                     f"FILTER(?l = \"Alias p-7\") }} LIMIT 100",
    "count-by-sender": f"SELECT ?s (COUNT(?d) AS ?n) WHERE {{ ?d <{AKG}sender> ?s }} GROUP BY ?s "
                       "ORDER BY DESC(?n) LIMIT 20",
    "date-range": f"SELECT ?d ?date WHERE {{ ?d <{DC}date> ?date FILTER(?date >= \"1950-06-01\"^^<{XSD}date> && "
                  f"?date < \"1950-06-03\"^^<{XSD}date>) }} LIMIT 100",
    "three-hop": f"SELECT ?d ?sl ?pl WHERE {{ ?d <{AKG}sender> ?s . ?s {LABEL} ?sl . ?d <{AKG}sentFrom> ?p . "
                 f"?p {LABEL} ?pl }} LIMIT 50",
    "count-all": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
}
WORDS = ("the situation in Pyongyang is severe report troops front army telegram ambassador comrade Moscow Peking "
         "Korea forces command supply air meeting conversation government").split()
PLACES = ["pyongyang", "moscow", "peking", "seoul", "washington", "berlin", "tokyo", "hanoi"]


def generate(path: Path, triples: int, seed: int = 1) -> int:
    """About ``triples`` quads (13 per document, 4 per person) in a gzip N-Quads file; returns the exact count."""
    rng = random.Random(seed)
    docs = max(10, triples // 13)
    persons = max(20, docs // 50)
    n = 0
    with gzip.open(path, "wb", compresslevel=1) as f:
        out: list[str] = []
        for p in range(persons):
            s = f"<{ID}person/p-{p}>"
            a = f"<{ID}alias/p-{p}>"
            out += [f"{s} {RDF_TYPE} <{AKG}Person> {AUTH_G} .", f'{s} {LABEL} "Person p-{p}"@en {AUTH_G} .',
                    f"{a} {RDF_TYPE} <{AKG}Alias> {AUTH_G} .", f'{a} {LABEL} "Alias p-{p}" {AUTH_G} .']
        for pl in PLACES:
            out += [f"<{ID}place/{pl}> {RDF_TYPE} <{AKG}Place> {AUTH_G} .",
                    f'<{ID}place/{pl}> {LABEL} "{pl.title()}"@en {AUTH_G} .']
        n += len(out)
        f.write(("\n".join(out) + "\n").encode())
        for i in range(docs):
            s, r = rng.sample(range(persons), 2)
            d = f"<{ID}document/s-{i}>"
            body = " ".join(rng.choice(WORDS) for _ in range(40))
            lines = [
                f"{d} {RDF_TYPE} <{AKG}Telegram> {DOCS_G} .", f"{d} {RDF_TYPE} <{AKG}Document> {DOCS_G} .",
                f'{d} <{DC}identifier> "s-{i}" {DOCS_G} .',
                f'{d} <{DC}title> "Telegram {i} from p-{s} to p-{r}"@en {DOCS_G} .',
                f'{d} <{DC}date> "1950-{1 + rng.randrange(12):02d}-{1 + rng.randrange(28):02d}"^^<{XSD}date> {DOCS_G} .',
                f"{d} <{AKG}sender> <{ID}person/p-{s}> {DOCS_G} .",
                f"{d} <{AKG}senderAlias> <{ID}alias/p-{s}> {DOCS_G} .",
                f"{d} <{AKG}recipient> <{ID}person/p-{r}> {DOCS_G} .",
                f"{d} <{AKG}sentFrom> <{ID}place/{rng.choice(PLACES)}> {DOCS_G} .",
                f"{d} <{AKG}mentionsPerson> <{ID}person/p-{r}> {DOCS_G} .",
                f'{d} <{AKG}bodyText> "{body}" {DOCS_G} .',
                f'{d} <{AKG}copiesMade> "{rng.randrange(1, 9)}"^^<{XSD}integer> {DOCS_G} .',
                f"<{ID}alias/p-{s}> <{AKG}attestedIn> {d} {AUTH_G} .",
            ]
            n += len(lines)
            f.write(("\n".join(lines) + "\n").encode())
    return n


def layout(work: Path, triples: int) -> tuple[Path, int]:
    out = work / "var"
    build = out / "builds" / BUILD_ID
    (build / "dumps").mkdir(parents=True)
    n = generate(build / "dumps" / "dataset.nq.gz", triples)
    (build / "build.json").write_text(json.dumps({"id": BUILD_ID, "base_iri": BASE, "counts": {"triples": n}}))
    os.symlink(os.path.join("builds", BUILD_ID), out / "current")
    return out, n


def du(path: Path) -> int:
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file())


EMBEDDED_CHILD = r"""
import gzip, json, resource, sys, time, statistics
import pyoxigraph as ox
from kg.store import RDF_FORMATS, RESULT_FORMATS
mode, store_path, dump = sys.argv[1], sys.argv[2], sys.argv[3]
if mode == "load":
    t0 = time.perf_counter()
    st = ox.Store(store_path)
    with gzip.open(dump, "rb") as f:
        st.bulk_load(f, format=ox.RdfFormat.N_QUADS)
    st.flush(); st.optimize()
    out = {"load_s": time.perf_counter() - t0}
else:
    queries, repeat = json.loads(sys.argv[4]), int(sys.argv[5])
    st = ox.Store.read_only(store_path)
    out = {"p50_ms": {}}
    for name, q in queries.items():
        times = []
        for i in range(repeat + 1):
            t0 = time.perf_counter()
            r = st.query(q, use_default_graph_as_union=True)
            if isinstance(r, ox.QueryTriples):
                ox.serialize(r, format=ox.RdfFormat.TURTLE)
            else:
                r.serialize(format=ox.QueryResultsFormat.JSON)
            if i:
                times.append((time.perf_counter() - t0) * 1000)
        out["p50_ms"][name] = statistics.median(times)
out["rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""


def embedded(out: Path, repeat: int) -> dict:
    build = out / "builds" / BUILD_ID
    dump = str(build / "dumps" / "dataset.nq.gz")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    load = json.loads(subprocess.run([sys.executable, "-c", EMBEDDED_CHILD, "load", str(build / "store"), dump],
                                     capture_output=True, text=True, check=True, env=env).stdout)
    q = json.loads(subprocess.run([sys.executable, "-c", EMBEDDED_CHILD, "query", str(build / "store"), dump,
                                   json.dumps(QUERIES), str(repeat)], capture_output=True, text=True, check=True,
                                  env=env).stdout)
    return {"load_s": load["load_s"], "load_rss_mib": load["rss_mib"], "query_rss_mib": q["rss_mib"],
            "disk_mib": du(build / "store") / (1 << 20), "p50_ms": q["p50_ms"]}


def virtuoso(out: Path, work: Path, triples: int, repeat: int) -> dict:
    from kg.engines import QueryRequest
    from kg.engines.managed import ManagedVirtuoso
    from kg.engines.virtuoso import VirtuosoEngine, split_nquads
    from kg.layout import BuildDir

    home = work / "engine"
    # Virtuoso's guide: about 1/3 to 2/3 of RAM for buffers; here enough for the data (~100 B/quad), at least 170 MB
    os.environ.setdefault("KG_VIRTUOSO_BUFFERS", str(max(20000, triples * 100 // 8192)))
    os.environ["KG_VIRTUOSO_HOME"] = str(home)
    managed = ManagedVirtuoso(home)
    managed.start()
    try:
        empty_disk = managed.disk_bytes()
        empty_rss = managed.rss_bytes() or 0
        eng = VirtuosoEngine.from_env(out)
        build = BuildDir(out / "builds" / BUILD_ID)
        t0 = time.perf_counter()
        tmp = work / "split"
        tmp.mkdir()
        split_nquads(build.dumps / "dataset.nq.gz", tmp, "x")
        split_s = time.perf_counter() - t0
        shutil.rmtree(tmp)
        t0 = time.perf_counter()
        eng.load_version(build)
        load_s = time.perf_counter() - t0
        eng.activate(BUILD_ID, keep=[BUILD_ID])
        ours: dict[str, float] = {}
        raw: dict[str, float] = {}
        for name, q in QUERIES.items():
            rdf = name.startswith("describe")
            req = QueryRequest(BUILD_ID, q, results_mime=None if rdf else "application/sparql-results+json",
                               rdf_mime="text/turtle" if rdf else None)
            times = []
            for i in range(repeat + 1):
                t1 = time.perf_counter()
                eng.run(req, 300)
                if i:
                    times.append((time.perf_counter() - t1) * 1000)
            ours[name] = statistics.median(times)
            graphs = [f"urn:x-kg:{BUILD_ID}:{BASE}graph/{g}" for g in ("documents", "authorities")]
            form = [("query", q)] + [("default-graph-uri", g) for g in graphs]
            data = urllib.parse.urlencode(form).encode()
            times = []
            for i in range(repeat + 1):
                t1 = time.perf_counter()
                r = urllib.request.Request(eng.settings.sparql_url, data=data, headers={
                    "Accept": "text/turtle" if rdf else "application/sparql-results+json"})
                with urllib.request.urlopen(r, timeout=300) as resp:  # noqa: S310 - the local engine
                    resp.read()
                if i:
                    times.append((time.perf_counter() - t1) * 1000)
            raw[name] = statistics.median(times)
        return {"load_s": load_s, "split_s": split_s, "disk_mib": (managed.disk_bytes() - empty_disk) / (1 << 20),
                "empty_disk_mib": empty_disk / (1 << 20), "rss_mib": (managed.rss_bytes() or 0) / (1 << 20),
                "empty_rss_mib": empty_rss / (1 << 20), "p50_ms": ours, "raw_p50_ms": raw,
                "buffers": int(os.environ["KG_VIRTUOSO_BUFFERS"])}
    finally:
        managed.stop()
        os.environ.pop("KG_VIRTUOSO_BUFFERS", None)


def report(n: int, e: dict, v: dict) -> str:
    m = n / 1e6
    lines = [f"\n## {n:,} triples", "",
             "| | embedded (pyoxigraph) | Virtuoso | Virtuoso / embedded |", "|---|---|---|---|",
             f"| load | {e['load_s']:.1f} s | {v['load_s']:.1f} s (split {v['split_s']:.1f} s) | "
             f"{v['load_s'] / e['load_s']:.2f} |",
             f"| disk | {e['disk_mib']:.0f} MiB | {v['disk_mib']:.0f} MiB (+ {v['empty_disk_mib']:.0f} empty db) | "
             f"{v['disk_mib'] / max(e['disk_mib'], 1e-9):.2f} |",
             f"| RSS | load {e['load_rss_mib']:.0f} / query {e['query_rss_mib']:.0f} MiB | "
             f"{v['rss_mib']:.0f} MiB ({v['buffers']} buffers; {v['empty_rss_mib']:.0f} empty) | |"]
    for q in QUERIES:
        lines.append(f"| {q} p50 | {e['p50_ms'][q]:.1f} ms | {v['p50_ms'][q]:.1f} ms (raw {v['raw_p50_ms'][q]:.1f}) | "
                     f"{v['p50_ms'][q] / max(e['p50_ms'][q], 1e-9):.2f} |")
    lines += ["", f"per million triples: embedded load {e['load_s'] / m:.1f} s, disk {e['disk_mib'] / m:.0f} MiB; "
                  f"Virtuoso load {v['load_s'] / m:.1f} s, disk {v['disk_mib'] / m:.0f} MiB"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--triples", default="1000000")
    ap.add_argument("--repeat", type=int, default=10)
    ap.add_argument("--json", help="write the figures to this file")
    ap.add_argument("--keep", help="work in this folder and keep it (default: a temporary folder, removed)")
    args = ap.parse_args(argv)
    results = []
    for size in [int(s) for s in args.triples.split(",")]:
        work = Path(args.keep) / f"t{size}" if args.keep else Path(tempfile.mkdtemp(prefix="bench-engines-"))
        work.mkdir(parents=True, exist_ok=True)
        try:
            t0 = time.perf_counter()
            out, n = layout(work, size)
            print(f"generated {n:,} triples in {time.perf_counter() - t0:.1f} s", flush=True)
            e = embedded(out, args.repeat)
            print(f"embedded: loaded in {e['load_s']:.1f} s", flush=True)
            v = virtuoso(out, work, n, args.repeat)
            print(report(n, e, v), flush=True)
            results.append({"triples": n, "embedded": e, "virtuoso": v})
        finally:
            if not args.keep:
                shutil.rmtree(work, ignore_errors=True)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
