"""A version derived from the previous one (one page changed, one removed, one added) equals a build from scratch,
and the previous version's files are not changed."""

from __future__ import annotations

import gzip
import hashlib
import re
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import VOID

from kg import derive
from kg.build import build
from kg.config import Settings
from kg.dump_parts import read_dump
from kg.layout import OutDir
from kg.store import open_store
from kg.synth import write_corpus
from tests.conftest import BASE

BUILD_GRAPH = ox.NamedNode(BASE + "graph/build")


def _quads(out: Path) -> list[str]:
    store = open_store(OutDir(out).current().store)
    lines = [str(q) for q in store.raw.quads_for_pattern(None, None, None) if q.graph_name != BUILD_GRAPH]
    return sorted(re.sub(r"_:[A-Za-z0-9]+", "_:b", x) for x in lines)


def _dump(out: Path, name: str) -> list[str]:
    data = read_dump(OutDir(out).current().dumps, name)
    if name.endswith(".gz"):
        data = gzip.decompress(data)
    return sorted(re.sub(r"_:[A-Za-z0-9]+", "_:b", x) for x in data.decode().splitlines())


def _void_counts(out: Path) -> dict:
    g = Graph().parse(OutDir(out).current().dumps / "void.ttl", format="turtle")
    ds = URIRef(BASE + "dataset")
    classes = {str(g.value(p, VOID["class"])): int(g.value(p, VOID.entities)) for p in g.objects(ds, VOID.classPartition)}
    props = {str(g.value(p, VOID.property)): int(g.value(p, VOID.triples)) for p in g.objects(ds, VOID.propertyPartition)}
    return {"triples": int(g.value(ds, VOID.triples)), "subjects": int(g.value(ds, VOID.distinctSubjects)),
            "classes": classes, "properties": props}


def _sums(build_dir: Path) -> dict[str, str]:
    return {str(p.relative_to(build_dir)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted((build_dir / "dumps").rglob("*")) if p.is_file()}


def _build_graph(store: ox.Store) -> list[str]:
    """The statements of a store's build graph, as triples (blank nodes unnamed)."""
    lines = [str(ox.Triple(q.subject, q.predicate, q.object))
             for q in store.quads_for_pattern(None, None, None, BUILD_GRAPH)]
    return sorted(re.sub(r"_:[A-Za-z0-9]+", "_:b", x) for x in lines)


def _void_file(out: Path) -> list[str]:
    """void.ttl as a store holds it (its literals in their canonical forms: "Z" for "+00:00", ...)."""
    store = ox.Store()
    store.load(path=str(OutDir(out).current().dumps / "void.ttl"), format=ox.RdfFormat.TURTLE, to_graph=BUILD_GRAPH)
    return _build_graph(store)


@pytest.mark.parametrize("loader", ["memtable", "bulk"])
def test_derived_version_equals_a_build_from_scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     loader: str) -> None:
    if loader == "bulk":  # the new pages bulk-loaded (more than DeltaLoader.MAX_PAGES), not through the memtable
        monkeypatch.setattr(derive.DeltaLoader, "MAX_PAGES", 0)
    corpus = tmp_path / "corpus"
    write_corpus(corpus, count=20, seed=9)
    more = tmp_path / "more"
    write_corpus(more, count=25, seed=9)  # the same generator: page 20 onwards are new pages
    settings = Settings.from_env(out_dir=tmp_path / "var")
    first = build([corpus], settings=settings, progress=False, workers=2)
    assert first.ok
    v1 = OutDir(tmp_path / "var").current().root
    before = _sums(v1)

    # a page with a summary paragraph to add to (which page that is depends on the synthetic generator)
    page = next(p for p in sorted(corpus.glob("synth-*.txt")) if "\n\nSynthetic " in p.read_text()
                and p.name != "synth-000011.txt")
    page.write_text(page.read_text().replace("\n\nSynthetic ", "\n\nA new last paragraph, added after publication.\n\nSynthetic ", 1))
    (corpus / "synth-000011.txt").unlink()  # removed
    (corpus / "synth-000011.source.yaml").unlink()
    for suffix in (".txt", ".source.yaml"):
        shutil.copy(more / f"synth-000022{suffix}", corpus / f"synth-000022{suffix}")  # added

    derived = build([corpus], settings=settings, progress=False, workers=2)
    assert derived.ok and derived.documents == 20
    v2 = OutDir(tmp_path / "var").current()
    manifest = v2.manifest()
    assert manifest["derived_from"] == v1.name and manifest["counts"]["cached"] == 18
    assert _sums(v1) == before  # the previous version is untouched

    scratch = build([corpus], settings=Settings.from_env(out_dir=tmp_path / "scratch"), progress=False, workers=2)
    assert scratch.ok and OutDir(tmp_path / "scratch").current().manifest()["derived_from"] is None
    a, b = tmp_path / "var", tmp_path / "scratch"
    assert _quads(a) == _quads(b)
    assert any("A new last paragraph" in q for q in _quads(a))
    assert not any("/document/synth-000011>" in q for q in _quads(a))
    for name in ("dataset.nq.gz", "dataset.nt.gz", "unreconciled.tsv", "validation-report.txt"):
        assert _dump(a, name) == _dump(b, name), name
    for name, fmt in (("dataset.ttl", ox.RdfFormat.TURTLE), ("dataset.jsonld", ox.RdfFormat.JSON_LD)):
        parsed = [list(ox.parse(read_dump(OutDir(d).current().dumps, name), format=fmt)) for d in (a, b)]
        assert len(parsed[0]) == len(parsed[1]), name
        named = [{q for q in p if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)}
                 for p in parsed]
        assert named[0] == named[1], name
    assert _void_counts(a) == _void_counts(b)
    # the store's description is the published one (replaced statement by statement in the derived version)
    in_store = _build_graph(open_store(OutDir(a).current().store).raw)
    assert in_store == _void_file(a) and len(in_store) > 100
