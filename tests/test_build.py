"""kg build end to end: the real collection, dumps, VoID, atomic publishing, bad input, kg load."""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import VOID, XSD

from kg.build import build, load_files
from kg.config import Settings
from kg.dump_parts import read_dump, read_listing
from kg.errors import IngestError, ValidationFailed
from kg.layout import OutDir
from kg.store import open_store
from tests.conftest import BASE, DATA, ROOT, WILSON

AKG = "https://w3id.org/archive-kg/ontology#"


def _kg(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_build_publishes_store_and_dumps(built_out: Path) -> None:
    out = OutDir(built_out)
    current = out.current()
    assert current is not None
    names = {p.name for p in current.dumps.iterdir()} | set(read_listing(current.dumps)["dumps"])
    assert {"dataset.ttl", "dataset.nt.gz", "dataset.jsonld", "dataset.nq.gz", "void.ttl", "validation-report.ttl",
            "validation-report.txt", "SHA256SUMS", "unreconciled.tsv"} <= names
    # the dumps link points at the current build's dumps
    assert (built_out / "dumps" / "void.ttl").resolve() == (current.dumps / "void.ttl").resolve()
    # checksums are right
    for line in (current.dumps / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split("  ")
        assert hashlib.sha256((current.dumps / name).read_bytes()).hexdigest() == digest, name


def test_dumps_agree_with_each_other(built_out: Path) -> None:
    dumps = OutDir(built_out).current().dumps
    ttl = Graph().parse(data=read_dump(dumps, "dataset.ttl").decode("utf-8"), format="turtle")
    nt = Graph().parse(data=gzip.decompress(read_dump(dumps, "dataset.nt.gz")).decode("utf-8"), format="nt")
    assert len(ttl) == len(nt) > 500
    jsonld = ox.Store()
    jsonld.load(read_dump(dumps, "dataset.jsonld"), format=ox.RdfFormat.JSON_LD)
    assert len(jsonld) >= len(ttl)  # quads per graph: the same triple may sit in two graphs


def test_both_seed_documents_are_in_the_store(built_out: Path) -> None:
    store = open_store(OutDir(built_out).current().store)
    rows = list(store.query(f"""
        PREFIX akg: <{AKG}> PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?d ?title ?date WHERE {{ ?d a akg:Document ; dcterms:title ?title ; dcterms:date ?date }} ORDER BY ?date"""))
    titles = [r["title"].value for r in rows]
    assert titles == ["Cable, Gromyko to the Soviet Ambassador, Peking",
                      "Ciphered Telegram from Matveyev (Zakharov) to Feng Xi (Stalin)"]
    assert [r["date"].value for r in rows] == ["1950-09-20", "1950-09-26"]
    # a telegram is also a document, without inference
    tele = list(store.query(f"PREFIX akg: <{AKG}> SELECT ?d WHERE {{ ?d a akg:Telegram, akg:Document }}"))
    assert len(tele) == 2  # a cable is a telegram too


def test_void_counts_match_the_store(built_out: Path) -> None:
    current = OutDir(built_out).current()
    void = Graph().parse(current.dumps / "void.ttl", format="turtle")
    ds = URIRef(BASE + "dataset")
    triples = int(void.value(ds, VOID.triples))
    store = open_store(current.store)
    n = int(next(iter(store.query(
        f"SELECT (COUNT(*) AS ?n) {{ SELECT DISTINCT ?s ?p ?o {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{BASE}graph/build>) }} }}"
    )))["n"].value)
    assert triples == n
    docs = [p for p in void.objects(ds, VOID.classPartition) if void.value(p, VOID["class"]) == URIRef(AKG + "Document")]
    assert len(docs) == 1 and int(void.value(docs[0], VOID.entities)) == 2
    # every data dump is described with its byte size and its parts, each with a checksum and byte size
    sums = dict(reversed(line.split("  ")) for line in (current.dumps / "SHA256SUMS").read_text().splitlines())
    dcat = "http://www.w3.org/ns/dcat#"
    for name in ("dataset.ttl", "dataset.nt.gz", "dataset.jsonld"):
        dist = URIRef(f"{BASE}dumps/{name}#distribution")
        size = void.value(dist, URIRef(dcat + "byteSize"))
        assert int(size) == len(read_dump(current.dumps, name))
        parts = list(void.objects(dist, URIRef("http://purl.org/dc/terms/hasPart")))
        assert parts
        for part in parts:
            file = str(void.value(part, URIRef(dcat + "downloadURL")))[len(BASE + "dumps/"):]
            assert int(void.value(part, URIRef(dcat + "byteSize"))) == (current.dumps / file).stat().st_size
            cs = void.value(part, URIRef("http://spdx.org/rdf/terms#checksum"))
            value = void.value(cs, URIRef("http://spdx.org/rdf/terms#checksumValue"))
            assert value == Literal(sums[file], datatype=XSD.hexBinary)
    manifest = json.loads(current.manifest_path.read_text())
    assert manifest["counts"]["documents"] == 2 and manifest["checksums"] == sums


def _copy_collection(tmp: Path) -> Path:
    docs = tmp / "docs"
    shutil.copytree(WILSON, docs)
    return docs


def test_failed_build_leaves_published_build_intact(tmp_path: Path) -> None:
    settings = Settings.from_env(out_dir=tmp_path / "var")
    docs = _copy_collection(tmp_path)
    first = build([docs], settings=settings, progress=False)
    assert first.ok
    before = (tmp_path / "var" / "current").resolve()
    ttl_before = read_dump(before / "dumps", "dataset.ttl")

    (docs / "zz_empty.txt").write_text("")
    with pytest.raises(IngestError) as e:
        build([docs], settings=settings, progress=False)
    assert "zz_empty.txt" in str(e.value)
    assert (tmp_path / "var" / "current").resolve() == before
    assert read_dump(before / "dumps", "dataset.ttl") == ttl_before
    assert not any((tmp_path / "var" / "staging").iterdir())  # nothing half-written left behind


def test_keep_going_builds_the_rest_and_names_the_bad_file(tmp_path: Path) -> None:
    settings = Settings.from_env(out_dir=tmp_path / "var")
    docs = _copy_collection(tmp_path)
    (docs / "zz_junk.txt").write_bytes(b"\x00\x01\xff\xfe binary junk \x00")
    result = build([docs], settings=settings, keep_going=True, progress=False)
    assert result.published is not None and result.documents == 2
    assert len(result.errors) == 1 and "zz_junk.txt" in str(result.errors[0])
    assert not result.ok  # skipped documents make the exit code non-zero
    assert any("zz_junk.txt" in path for path, _why in result.left_out)


def test_cli_build_exit_codes_and_messages(tmp_path: Path) -> None:
    docs = _copy_collection(tmp_path)
    ok = _kg("build", str(docs), "--out", str(tmp_path / "var"), "--quiet")
    assert ok.returncode == 0, ok.stderr
    assert "published build" in ok.stdout and "2 documents" in ok.stdout
    (docs / "truncated.txt").write_text("Skip to content\n\n")
    bad = _kg("build", str(docs), "--out", str(tmp_path / "var"), "--quiet")
    assert bad.returncode == 2
    assert "truncated.txt" in bad.stderr


def test_unreconciled_names_are_listed_not_dropped(built_out: Path) -> None:
    tsv = (OutDir(built_out).current().dumps / "unreconciled.tsv").read_text().splitlines()
    assert tsv[0].split("\t") == ["type", "name", "occurrences", "documents"]
    store = open_store(OutDir(built_out).current().store)
    for line in tsv[1:]:
        etype, name, n, docs = line.split("\t")
        # each listed name is an entity in the graph, marked unreconciled
        ask = store.query(f"""PREFIX akg: <{AKG}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            ASK {{ ?e akg:reconciled false ; rdfs:label ?l }}""")
        assert bool(ask)


def test_validation_failure_publishes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A graph that violates the shapes is never published, and the report names document and field."""
    import kg.mapping

    settings = Settings.from_env(out_dir=tmp_path / "var")
    docs = _copy_collection(tmp_path)
    real = kg.mapping.map_record

    def broken(record, authorities, iris, **kw):
        mapped = real(record, authorities, iris, **kw)
        doc = iris.document(record.doc_id)
        mapped.triples.remove((doc, URIRef("http://purl.org/dc/terms/title"), None))  # a document without a title
        return mapped

    monkeypatch.setattr(kg.mapping, "map_record", broken)
    with pytest.raises(ValidationFailed) as e:
        build([docs], settings=settings, progress=False, workers=1)  # in-process: the patch reaches the mapping
    assert "dcterms:title" in e.value.report
    assert "wcda-ciphered-telegram-matveyev-zakharov-feng-xi-stalin" in e.value.report
    assert OutDir(tmp_path / "var").current() is None
    assert (tmp_path / "var" / "last-failed-build" / "validation-report.txt").is_file()


def test_kg_load_adds_named_graphs(tmp_path: Path) -> None:
    settings = Settings.from_env(out_dir=tmp_path / "var")
    f = tmp_path / "extra.ttl"
    f.write_text("<http://example.org/a> <http://example.org/p> 'x' .\n")
    n = load_files([f], graph="http://example.org/g1", settings=settings)
    assert n == 1
    store = open_store(OutDir(tmp_path / "var").current().store)
    assert "http://example.org/g1" in store.graphs()
    bad = tmp_path / "bad.ttl"
    bad.write_text("<http://example.org/a> <http://example.org/p> .\n")
    r = _kg("load", str(bad), "--out", str(tmp_path / "var"))
    assert r.returncode != 0 and "bad.ttl" in r.stderr


def test_data_folder_is_the_default(tmp_path: Path) -> None:
    r = _kg("build", "--out", str(tmp_path / "var"), "--quiet")
    assert r.returncode == 0, r.stderr
    store = open_store(OutDir(tmp_path / "var").current().store)
    n = int(next(iter(store.query(f"SELECT (COUNT(DISTINCT ?d) AS ?n) {{ ?d a <{AKG}Document> }}")))["n"].value)
    assert n == len([p for p in (DATA / "documents").rglob("*") if p.suffix in (".txt", ".yaml", ".json")
                     and not p.name.endswith(".source.yaml")])
