"""One bad page never blocks the others (kg build --keep-going), every bad page is reported in one run, the same
page twice is published once; the parallel build (worker processes, per-document cache, dumps written piece by
piece) gives whole, parseable dumps whose counts match the store."""

from __future__ import annotations

import gzip
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, VOID

import kg.mapping
from kg.build import build
from kg.config import Settings
from kg.dump_parts import read_dump
from kg.errors import IngestError, ValidationFailed
from kg.layout import OutDir
from kg.store import open_store
from kg.synth import write_corpus
from tests.conftest import BASE, ROOT

AKG = "https://w3id.org/archive-kg/ontology#"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("partial") / "corpus"
    write_corpus(d, count=24, seed=5)
    return d


def _copy(corpus: Path, dest: Path) -> Path:
    shutil.copytree(corpus, dest)
    return dest


def _documents(out: Path) -> set[str]:
    store = open_store(OutDir(out).current().store)
    return {row["d"].value.rsplit("/", 1)[1] for row in store.query(f"SELECT ?d {{ ?d a <{AKG}Document> }}")}


def test_keep_going_leaves_out_bad_pages_and_publishes_the_rest(corpus: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    docs = _copy(corpus, tmp_path / "docs")
    (docs / "zz_junk.txt").write_bytes(b"\x00\x01 not a page \xff")
    shutil.copy(docs / "synth-000003.txt", docs / "zz_again.txt")  # the same page twice
    shutil.copy(docs / "synth-000003.source.yaml", docs / "zz_again.source.yaml")
    real = kg.mapping.map_record

    def broken(record, authorities, iris, **kw):  # one page breaks a shape
        mapped = real(record, authorities, iris, **kw)
        if record.doc_id == "synth-000007":
            mapped.triples.remove((mapped.doc, DCTERMS.title, None))
        return mapped

    monkeypatch.setattr(kg.mapping, "map_record", broken)
    settings = Settings.from_env(out_dir=tmp_path / "var")
    result = build([docs], settings=settings, keep_going=True, progress=False, workers=1)
    assert result.published is not None and not result.ok
    reasons = dict(result.left_out)
    assert set(reasons) == {str(docs / "zz_junk.txt"), str(docs / "zz_again.txt"), str(docs / "synth-000007.txt")}
    assert "fails validation" in reasons[str(docs / "synth-000007.txt")]
    assert "dcterms:title" in reasons[str(docs / "synth-000007.txt")]
    assert "same page twice" in reasons[str(docs / "zz_again.txt")]
    assert "synth-000003.txt" in reasons[str(docs / "zz_again.txt")]
    published = _documents(tmp_path / "var")
    assert len(published) == 23 and "synth-000007" not in published and result.documents == 23
    summary = result.summary()
    assert "3 page(s) left out" in summary and "zz_junk.txt" in summary and "synth-000007" in summary
    # the left-out page is in no dump either
    nq = gzip.decompress(read_dump(OutDir(tmp_path / "var").current().dumps, "dataset.nq.gz")).decode()
    assert "/document/synth-000007>" not in nq and "/document/synth-000008>" in nq


def test_without_keep_going_every_bad_page_is_reported_and_nothing_published(corpus: Path, tmp_path: Path) -> None:
    docs = _copy(corpus, tmp_path / "docs")
    (docs / "zz_junk1.txt").write_bytes(b"\x00 junk")
    (docs / "zz_junk2.txt").write_text("")
    shutil.copy(docs / "synth-000001.txt", docs / "zz_dup.txt")
    shutil.copy(docs / "synth-000001.source.yaml", docs / "zz_dup.source.yaml")
    settings = Settings.from_env(out_dir=tmp_path / "var")
    with pytest.raises(IngestError) as e:
        build([docs], settings=settings, progress=False)
    for name in ("zz_junk1.txt", "zz_junk2.txt", "zz_dup.txt"):
        assert name in str(e.value)
    assert OutDir(tmp_path / "var").current() is None


def test_validation_failures_of_several_pages_are_all_reported(corpus: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    real = kg.mapping.map_record

    def broken(record, authorities, iris, **kw):
        mapped = real(record, authorities, iris, **kw)
        if record.doc_id in ("synth-000002", "synth-000020"):
            mapped.triples.remove((mapped.doc, DCTERMS.identifier, None))
        return mapped

    monkeypatch.setattr(kg.mapping, "map_record", broken)
    with pytest.raises(ValidationFailed) as e:
        build([corpus], settings=Settings.from_env(out_dir=tmp_path / "var"), progress=False, workers=1)
    assert "synth-000002" in e.value.report and "synth-000020" in e.value.report
    assert OutDir(tmp_path / "var").current() is None


def test_cli_partial_exit_status(corpus: Path, tmp_path: Path) -> None:
    docs = _copy(corpus, tmp_path / "docs")
    (docs / "zz_junk.txt").write_bytes(b"\x00 junk")
    r = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(docs), "--out", str(tmp_path / "var"),
                        "--keep-going", "--quiet"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert r.returncode == 7, r.stderr
    assert "left out" in r.stdout and "zz_junk.txt" in r.stdout
    assert OutDir(tmp_path / "var").current() is not None


def test_truncated_page_builds_with_a_warning(corpus: Path, tmp_path: Path) -> None:
    docs = _copy(corpus, tmp_path / "docs")
    page = docs / "synth-000004.txt"
    text = page.read_text()
    page.write_text(text[: text.index("Document Information")])  # cut after the body: no citation, no rights
    result = build([docs], settings=Settings.from_env(out_dir=tmp_path / "var"), progress=False)
    assert result.ok and result.documents == 24
    report = (OutDir(tmp_path / "var").current().dumps / "validation-report.txt").read_text()
    assert "Warning" in report and "incomplete page" in report and "synth-000004" in report


def test_parallel_build_dumps_are_whole_and_the_cache_is_used(corpus: Path, tmp_path: Path) -> None:
    settings = Settings.from_env(out_dir=tmp_path / "var")
    first = build([corpus], settings=settings, progress=False, workers=2)
    assert first.ok and first.documents == 24
    current = OutDir(tmp_path / "var").current()
    store = open_store(current.store)
    in_store = {q for q in store.raw.quads_for_pattern(None, None, None)
                if q.graph_name != ox.NamedNode(BASE + "graph/build")}
    dumps = current.dumps

    def named(quads) -> set:  # blank nodes get new labels in each file: compare the rest, and the counts
        quads = list(quads)
        return {len(quads)} | {q for q in quads if not any(isinstance(t, ox.BlankNode) for t in
                                                        (q.subject, q.object))}

    in_store = named(in_store)
    nq = named(ox.parse(gzip.decompress(read_dump(dumps, "dataset.nq.gz")), format=ox.RdfFormat.N_QUADS))
    assert nq == in_store  # the pieces (one gzip member each) add up to exactly the store
    triples = {x if isinstance(x, int) else x.triple for x in nq}
    nt = named(ox.parse(gzip.decompress(read_dump(dumps, "dataset.nt.gz")), format=ox.RdfFormat.N_TRIPLES))
    assert {x if isinstance(x, int) else x.triple for x in nt} == triples
    ttl = named(ox.parse(read_dump(dumps, "dataset.ttl"), format=ox.RdfFormat.TURTLE))
    assert {x if isinstance(x, int) else x.triple for x in ttl} == triples
    jsonld = named(ox.parse(read_dump(dumps, "dataset.jsonld"), format=ox.RdfFormat.JSON_LD))
    assert jsonld == nq
    void = Graph().parse(dumps / "void.ttl", format="turtle")
    distinct = int(next(iter(store.query(f"SELECT (COUNT(*) AS ?n) {{ SELECT DISTINCT ?s ?p ?o {{ GRAPH ?g {{ ?s ?p ?o }} "
                                         f"FILTER(?g != <{BASE}graph/build>) }} }}")))["n"].value)
    assert int(void.value(URIRef(BASE + "dataset"), VOID.triples)) == distinct  # counted from the text, not the store
    n_docs = [p for p in void.objects(URIRef(BASE + "dataset"), VOID.classPartition)
              if void.value(p, VOID["class"]) == URIRef(AKG + "Document")]
    assert int(void.value(n_docs[0], VOID.entities)) == 24
    assert "shacl" in current.manifest()["validation"]["engine"]

    second = build([corpus], settings=settings, progress=False, workers=2)
    assert second.ok and second.counts["cached"] == 24  # nothing changed: no page parsed again
    again = OutDir(tmp_path / "var").current().dumps

    def text(p: Path) -> list[str]:  # blank node labels (and so the order of the ontology's lines) differ
        return sorted(re.sub(r"_:[A-Za-z0-9]+", "_:b", gzip.decompress(read_dump(p, "dataset.nq.gz")).decode()).splitlines())

    assert text(again) == text(dumps)
