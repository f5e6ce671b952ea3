"""kg.validate: reports (document, field, rule), severities, files in any RDF syntax, the seeds validate clean."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from kg.authorities import Authorities
from kg.config import Settings
from kg.errors import KGError
from kg.ingest import parse_file
from kg.iris import IRIs
from kg.mapping import map_record
from kg.namespaces import AKG, SH
from kg.validate import load_shapes, validate_file, validate_graph

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "model" / "minimal-telegram.ttl"
SEEDS = [ROOT / "data/documents/wilson/000_627fab5f342979c4.txt", ROOT / "data/documents/wilson/004_bfab98a7b49e4ad9.txt"]
DOC = URIRef("https://w3id.org/archive-kg/id/document/t1")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes(Settings())


def test_both_seeds_with_the_authorities_validate_clean(shapes: Graph) -> None:
    auth = Authorities.load(ROOT / "data" / "authorities")
    iris = IRIs()
    g = auth.to_graph(iris)
    for p in SEEDS:
        g += map_record(parse_file(p), auth, iris).graph
    report = validate_graph(g, shapes=shapes)
    assert report.conforms, report.text
    assert not [v for v in report.violations if v.severity == "Violation"]


def test_load_shapes_substitutes_the_base() -> None:
    g = load_shapes(Settings(base_iri="https://example.org/x/"))
    patterns = [str(o) for o in g.objects(None, SH.pattern)]
    assert any("example\\.org/x/id/document/" in p for p in patterns)
    assert not any("{BASE}" in p for p in patterns)


def test_validate_file_in_several_syntaxes(tmp_path: Path) -> None:
    g = Graph().parse(FIXTURE, format="turtle")
    # both clocks known (UTC offsets given): received before sent is an error
    g.set((DOC, AKG.sentAt, Literal("1950-07-01T10:00:00+09:00", datatype=XSD.dateTime)))
    g.set((DOC, AKG.receivedAt, Literal("1950-06-30T09:00:00+03:00", datatype=XSD.dateTime)))
    for suffix, fmt in ((".ttl", "turtle"), (".nt", "nt"), (".jsonld", "json-ld"), (".rdf", "xml")):
        path = tmp_path / f"bad{suffix}"
        g.serialize(path, format=fmt)
        report = validate_file(path)
        assert not report.conforms, suffix
        assert any(v.document == "t1" and v.field == "akg:receivedAt" for v in report.violations), report.text
    assert validate_file(FIXTURE).conforms


def test_validate_file_errors(tmp_path: Path) -> None:
    with pytest.raises(KGError, match="unknown RDF format"):
        validate_file(tmp_path / "x.csv")
    with pytest.raises(FileNotFoundError):
        validate_file(tmp_path / "missing.ttl")
    bad = tmp_path / "broken.ttl"
    bad.write_text("@prefix : <http://x/> .\n:a :b \n", encoding="utf-8")
    with pytest.raises(KGError, match="broken.ttl"):
        validate_file(bad)


def test_report_text_and_graph(shapes: Graph) -> None:
    g = Graph().parse(FIXTURE, format="turtle")
    g.remove((DOC, URIRef("http://purl.org/dc/terms/title"), None))
    report = validate_graph(g, shapes=shapes)
    assert not report.conforms
    lines = report.text.splitlines()
    assert lines[0].startswith("does not conform: 1 violation(s)")
    assert "document t1" in lines[1] and "field dcterms:title" in lines[1] and "rule MinCount" in lines[1]
    assert "DocumentShape" in lines[1]
    # the report graph is publishable: it serializes and parses back with the same results
    back = Graph().parse(data=report.graph.serialize(format="turtle"), format="turtle")
    assert len(list(back.subjects(RDF.type, SH.ValidationResult))) == 1
    assert (None, SH.conforms, Literal(False)) in back


def test_warnings_are_reported_but_do_not_fail(shapes: Graph) -> None:
    warn = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix akg: <https://w3id.org/archive-kg/ontology#> .
        @prefix dcterms: <http://purl.org/dc/terms/> .
        <urn:x:AbstractWanted> a sh:NodeShape ; sh:targetClass akg:Document ; sh:severity sh:Warning ;
            sh:property [ sh:path dcterms:abstract ; sh:minCount 1 ; sh:severity sh:Warning ;
                          sh:message "a document should have a summary" ] .
    """, format="turtle")
    report = validate_graph(Graph().parse(FIXTURE, format="turtle"), shapes=shapes + warn)
    assert report.conforms
    assert [v.severity for v in report.violations] == ["Warning"]
    assert report.violations[0].field == "dcterms:abstract" and report.violations[0].document == "t1"
    assert "1 warning(s)" in report.text.splitlines()[0]


def test_entity_violation_names_the_documents_that_point_at_it(shapes: Graph) -> None:
    g = Graph().parse(FIXTURE, format="turtle")
    person = URIRef("https://w3id.org/archive-kg/id/person/ivanov")
    g.remove((person, AKG.reconciled, None))
    v = next(v for v in validate_graph(g, shapes=shapes).violations if v.focus == str(person))
    assert v.document == "t1" and v.field == "akg:reconciled"
