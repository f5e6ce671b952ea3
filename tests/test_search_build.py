"""The full-text index a build writes streaming (rows from each page's statements, made in the workers and cached
with the page; entity names joined in from the store) holds exactly what the index made from the whole store
(``kg.search_index.write_index``) holds, and answers the same."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pyoxigraph as ox

from kg import search_index as si
from kg import search_versions
from kg.build import build
from kg.config import Settings
from kg.layout import OutDir
from kg.synth import write_corpus
from tests.conftest import BASE, ROOT


def _tables(path: Path) -> dict[str, list]:
    """What a version's index holds (``path``: the version's folder, or an index file of its own)."""
    con = search_versions.open_index(path) if path.is_dir() else sqlite3.connect(path)
    assert con is not None
    try:
        docs = sorted(con.execute("SELECT rowid, iri, title, date, senders, summary FROM docs"))
        kinds = sorted((iri, frozenset((k or "").split("; "))) for iri, k in con.execute("SELECT iri, kind FROM docs"))
        fts = sorted((r, t, s, b, frozenset(n.split("\n"))) for r, t, s, b, n in con.execute(
            "SELECT rowid, title, summary, body, names FROM fts WHERE rowid IN (SELECT rowid FROM docs)"))
        return {"docs": docs, "kinds": kinds, "fts": fts,
                "facets": sorted(con.execute("SELECT doc, facet, value FROM facets WHERE doc IN (SELECT rowid FROM docs)")),
                "links": sorted(con.execute("SELECT doc, entity FROM links WHERE doc IN (SELECT rowid FROM docs)")),
                "entities": sorted(con.execute("SELECT rowid, iri, label, kind, documents FROM entities")),
                "entity_fts": sorted(con.execute(
                    "SELECT rowid, label, names FROM entity_fts WHERE rowid IN (SELECT rowid FROM entities)")),
                "meta": sorted(con.execute("SELECT key, value FROM meta"))}
    finally:
        con.close()


def test_streaming_index_equals_the_index_of_the_whole_store(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, count=40, seed=3)
    for p in (ROOT / "data" / "documents").rglob("*"):  # the real pages too (cover names, scripts)
        if p.is_file():
            dest = corpus / "real" / p.relative_to(ROOT / "data" / "documents")
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(p, dest)
    settings = Settings.from_env(out_dir=tmp_path / "var")
    result = build([corpus], settings=settings, progress=False, workers=2, keep_going=True)
    assert result.published is not None
    current = OutDir(tmp_path / "var").current()
    streamed = current.root
    whole = tmp_path / "whole.sqlite"
    assert si.write_index(ox.Store.read_only(str(current.store)), whole) == result.documents
    a, b = _tables(streamed), _tables(whole)
    assert a["docs"] and a["links"] and a["entities"] and a["facets"]
    for table in a:
        assert a[table] == b[table], table
    # and the same answers
    for q in ("Stalin", "Pyongyang", "telegram", "Фын Си", "Chemulpo"):
        ra = si.search(search_versions.open_index(streamed), q)
        rb = si.search(si.connect(whole), q)
        assert (ra.total, [h.iri for h in ra.hits], ra.facets) == (rb.total, [h.iri for h in rb.hits], rb.facets), q


def test_rows_are_cached_with_the_page(tmp_path: Path) -> None:
    """A second build from scratch takes every page from the cache, rows included: the same index."""
    corpus = tmp_path / "corpus"
    write_corpus(corpus, count=12, seed=4)
    settings = Settings.from_env(out_dir=tmp_path / "var")
    first = build([corpus], settings=settings, progress=False, workers=1)
    index_a = _tables(OutDir(tmp_path / "var").current().root)
    import os

    os.environ["KG_BUILD_FROM_SCRATCH"] = "1"
    try:
        again = build([corpus], settings=settings, progress=False, workers=1)
    finally:
        del os.environ["KG_BUILD_FROM_SCRATCH"]
    assert first.ok and again.ok and again.counts["cached"] == 12
    assert _tables(OutDir(tmp_path / "var").current().root) == index_a


def test_kg_load_derives_the_index(tmp_path: Path) -> None:
    """``kg load`` indexes again only what the loaded statements touch; the result equals a full index."""
    from kg.build import load_files

    corpus = tmp_path / "corpus"
    write_corpus(corpus, count=16, seed=6)
    settings = Settings.from_env(out_dir=tmp_path / "var")
    assert build([corpus], settings=settings, progress=False, workers=1).ok
    con = search_versions.open_index(OutDir(tmp_path / "var").current().root)
    person, linked = con.execute("SELECT e.iri, e.documents FROM entities e WHERE e.kind = 'person' "
                                 "ORDER BY e.documents DESC LIMIT 1").fetchone()
    con.close()
    assert linked > 0
    extra = tmp_path / "extra.ttl"
    extra.write_text(f'<{person}> <http://www.w3.org/2004/02/skos/core#altLabel> "Qwertyname"@en .\n'
                     f'<{BASE}id/document/loaded-1> a <{BASE}ontology#Document> ; '
                     f'<http://purl.org/dc/terms/title> "A loaded document about Qwertyname" .\n', encoding="utf-8")
    load_files([extra], graph=BASE + "graph/extra", settings=settings)
    current = OutDir(tmp_path / "var").current()
    got = si.search(search_versions.open_index(current.root), "Qwertyname")
    assert got.total == linked + 1 and any(e.iri == person for e in got.entities)
    whole = tmp_path / "whole.sqlite"
    si.write_index(ox.Store.read_only(str(current.store)), whole)
    a, b = _tables(current.root), _tables(whole)
    for table in ("fts", "entities", "entity_fts", "meta"):
        key = (lambda rows: sorted(r[1:] for r in rows)) if table != "meta" else sorted
        assert key(a[table]) == key(b[table]), table
