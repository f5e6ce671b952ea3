"""Full-text search: the index a build writes (``kg.search_index``, SQLite FTS5) against the baseline a reader
would have without it, a SPARQL ``CONTAINS`` scan of titles, summaries and texts on the same store.

    python -m bench.bench_search [--size 1000] [--queries 200] [--out DIR]

Writes ``--size`` synthetic pages (``kg synth``), builds them (or reuses the published build in ``--out``), then
prints: documents, the seconds to write the index and its size, and per query word the p50/p99 of an FTS5 search
(ranked, highlighted, with facets) and of the SPARQL scan, with their ratio. The same words are asked of both.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from kg import search_index as si
from kg.config import ONTOLOGY_NS
from kg.layout import OutDir

WORDS = ("Pyongyang", "Stalin", "telegram", "Seoul", "Filippov", "army")
SCAN = """PREFIX akg: <%s> PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a akg:Document . OPTIONAL { ?d dcterms:title ?t } OPTIONAL { ?d dcterms:abstract ?a }
OPTIONAL { ?d akg:bodyText ?b }
FILTER(CONTAINS(LCASE(STR(COALESCE(?t, ""))), "%s") || CONTAINS(LCASE(STR(COALESCE(?a, ""))), "%s")
    || CONTAINS(LCASE(STR(COALESCE(?b, ""))), "%s")) }"""


def _times(fn, n: int) -> tuple[float, float]:
    out = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    out.sort()
    return statistics.median(out), out[min(len(out) - 1, int(len(out) * 0.99))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=1000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--out", type=Path, help="a folder with a published build to reuse (else one is built)")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="bench-search-"))
    out = args.out or tmp / "var"
    if OutDir(out).current() is None:
        corpus = tmp / "corpus"
        subprocess.run([sys.executable, "-m", "kg.cli", "synth", str(corpus), "--count", str(args.size), "--seed", "7"],
                       check=True)
        subprocess.run([sys.executable, "-m", "kg.cli", "build", str(corpus), "--out", str(out), "--keep-going"],
                       check=True, stdout=subprocess.DEVNULL)
    build = OutDir(out).current()
    assert build is not None
    store = ox.Store.read_only(str(build.store))
    dest = tmp / "bench.sqlite"
    t = time.perf_counter()
    docs = si.write_index(store, dest)
    took = time.perf_counter() - t
    print(f"documents: {docs}; index written in {took:.2f} s ({docs / took:.0f} documents/s), "
          f"{dest.stat().st_size / 1e6:.1f} MB")
    con = si.connect(dest)
    print("baseline: a SPARQL scan counting the documents whose title, summary or text contains the word;\n"
          "FTS5 match: the same count from the index; /search: ranked page of 20 with marks, snippets and facets")
    print(f"{'word':<10} {'hits':>5} {'scan p50/p99 ms':>17} {'FTS5 match p50':>15} {'/search p50/p99 ms':>19}"
          f" {'scan/match':>10} {'scan/search':>11}")
    for word in WORDS:
        hits = si.search(con, word).total
        expr = si.match_expression(word)
        match = _times(lambda e=expr: con.execute("SELECT count(*) FROM fts WHERE fts MATCH ?", [e]).fetchone(),
                       args.queries)
        full = _times(lambda w=word: si.search(con, w), args.queries)
        q = SCAN % (ONTOLOGY_NS, word.lower(), word.lower(), word.lower())
        scan = _times(lambda q=q: list(store.query(q, use_default_graph_as_union=True)), max(5, args.queries // 20))
        print(f"{word:<10} {hits:>5} {scan[0]:>7.1f} / {scan[1]:<7.1f} {match[0]:>14.2f} {full[0]:>8.2f} / {full[1]:<8.2f}"
              f" {scan[0] / max(match[0], 1e-6):>9.0f}x {scan[0] / max(full[0], 1e-6):>10.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
