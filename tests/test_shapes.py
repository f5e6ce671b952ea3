"""Each shape rule has a graph that breaks it, and the report names document, field and rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from kg.config import Settings
from kg.namespaces import AKG
from kg.validate import Report, load_shapes, validate_graph

FIXTURE = Path(__file__).parent / "fixtures" / "model" / "minimal-telegram.ttl"
BASE = "https://w3id.org/archive-kg/"
DOC = URIRef(BASE + "id/document/t1")
PETROV = URIRef(BASE + "id/person/petrov")
IVANOV = URIRef(BASE + "id/person/ivanov")
ALIAS = URIRef(BASE + "id/alias/petrov--sidorov")
DIST = URIRef(BASE + "id/document/t1/distribution/comr-petrov")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes(Settings())


def good() -> Graph:
    return Graph().parse(FIXTURE, format="turtle")


def errors(report: Report) -> list:
    return [v for v in report.violations if v.severity == "Violation"]


def test_the_fixture_conforms(shapes: Graph) -> None:
    report = validate_graph(good(), shapes=shapes)
    assert report.conforms, report.text
    assert report.text.startswith("conforms")


def check(g: Graph, shapes: Graph, *, field: str, rule: str, document: str | None = "t1", words: str = "") -> None:
    report = validate_graph(g, shapes=shapes)
    assert not report.conforms
    hits = [v for v in errors(report) if v.field == field and rule in v.rule]
    assert hits, report.text
    v = hits[0]
    if document is not None:
        assert v.document is not None and document in v.document, v
    assert words.lower() in v.message.lower(), v.message
    line = next(ln for ln in report.text.splitlines() if v.focus in ln and field in ln)
    assert f"document {v.document}" in line and f"field {field}" in line and "rule " in line


def test_received_before_sent(shapes: Graph) -> None:
    """Both clocks known (the times carry their UTC offsets): compared in UTC, an error."""
    g = good()
    g.set((DOC, AKG.sentAt, Literal("1950-07-01T10:00:00+03:00", datatype=XSD.dateTime)))
    g.set((DOC, AKG.receivedAt, Literal("1950-07-01T09:00:00+03:00", datatype=XSD.dateTime)))
    check(g, shapes, field="akg:receivedAt", rule="SPARQLConstraint", words="before it was sent")


def test_received_after_sent_in_utc_across_clocks(shapes: Graph) -> None:
    """Sent 8:10 Pyongyang time, received 3:00 Moscow time the same day: 23:10 and 00:00 UTC, in order."""
    g = good()
    g.set((DOC, AKG.sentAt, Literal("1950-07-01T08:10:00+09:00", datatype=XSD.dateTime)))
    g.set((DOC, AKG.receivedAt, Literal("1950-07-01T03:00:00+03:00", datatype=XSD.dateTime)))
    report = validate_graph(g, shapes=shapes)
    assert report.conforms and not report.violations, report.text


def test_received_before_sent_on_an_unknown_clock_is_a_warning(shapes: Graph) -> None:
    """A rule that cannot decide (a clock unknown) never rejects the page: a warning at most."""
    g = good()
    g.set((DOC, AKG.sentAt, Literal("1950-07-01T10:00:00", datatype=XSD.dateTime)))
    g.set((DOC, AKG.receivedAt, Literal("1950-07-01T09:00:00+03:00", datatype=XSD.dateTime)))
    report = validate_graph(g, shapes=shapes)
    assert report.conforms, report.text
    (w,) = report.violations
    assert w.severity == "Warning" and "not both known" in w.message


def test_incomplete_page_is_a_warning(shapes: Graph) -> None:
    g = good()
    g.add((DOC, AKG.incompletePage, Literal(True)))
    report = validate_graph(g, shapes=shapes)
    assert report.conforms, report.text
    (w,) = report.violations
    assert w.severity == "Warning" and "incomplete page" in w.message


def test_received_before_sent_is_tolerated_when_flagged(shapes: Graph) -> None:
    g = good()
    g.set((DOC, AKG.sentAt, Literal("1950-07-01T10:00:00+03:00", datatype=XSD.dateTime)))
    g.set((DOC, AKG.receivedAt, Literal("1950-07-01T09:00:00+03:00", datatype=XSD.dateTime)))
    flag = URIRef(BASE + "id/document/t1/flag/x")
    g.add((DOC, AKG.flag, flag))
    g.add((flag, RDF.type, AKG.QualityFlag))
    g.add((flag, AKG.flaggedField, Literal("events[1].time")))
    g.add((flag, AKG.verbatim, Literal("Received on 9:00")))
    assert validate_graph(g, shapes=shapes).conforms


def test_copies_do_not_add_up(shapes: Graph) -> None:
    g = good()
    g.set((DOC, AKG.copiesMade, Literal(5, datatype=XSD.integer)))
    check(g, shapes, field="akg:distribution", rule="SPARQLConstraint", words="copies")


def test_copies_not_checked_when_an_entry_has_no_count(shapes: Graph) -> None:
    g = good()
    g.set((DOC, AKG.copiesMade, Literal(5, datatype=XSD.integer)))
    g.remove((DIST, AKG.copies, None))
    assert validate_graph(g, shapes=shapes).conforms


def test_alias_naming_two_entities(shapes: Graph) -> None:
    g = good()
    g.add((ALIAS, AKG.aliasOf, IVANOV))
    check(g, shapes, field="akg:aliasOf", rule="", document="t1", words="exactly one")


def test_alias_naming_nothing(shapes: Graph) -> None:
    g = good()
    g.remove((ALIAS, AKG.aliasOf, None))
    check(g, shapes, field="akg:aliasOf", rule="", document="t1", words="exactly one")


def test_alias_without_label(shapes: Graph) -> None:
    g = good()
    g.remove((ALIAS, RDFS.label, None))
    check(g, shapes, field="rdfs:label", rule="MinCount", document="t1", words="label")


def test_wrong_datatype(shapes: Graph) -> None:
    g = good()
    g.set((DOC, DCTERMS.date, Literal("1 July 1950")))
    check(g, shapes, field="dcterms:date", rule="SPARQL", words="xsd:date")
    g = good()
    g.set((DOC, AKG.copiesMade, Literal("three")))
    check(g, shapes, field="akg:copiesMade", rule="Datatype", words="integer")


def test_missing_title(shapes: Graph) -> None:
    g = good()
    g.remove((DOC, DCTERMS.title, None))
    check(g, shapes, field="dcterms:title", rule="MinCount", words="title")


def test_two_titles(shapes: Graph) -> None:
    g = good()
    g.add((DOC, DCTERMS.title, Literal("Another title", lang="en")))
    check(g, shapes, field="dcterms:title", rule="MaxCount", words="title")


def test_bad_iri_pattern(shapes: Graph) -> None:
    g = good()
    bad = URIRef("http://example.org/people/Petrov Jr")
    for p, o in list(g.predicate_objects(PETROV)):
        g.add((bad, p, o))
    g.add((DOC, AKG.sender, bad))
    report = validate_graph(g, shapes=shapes)
    hits = [v for v in errors(report) if v.focus == str(bad) and "Pattern" in v.rule]
    assert hits, report.text
    assert hits[0].document == "t1"  # the document that points at it
    assert "id/person/" in hits[0].message


def test_iri_pattern_follows_the_configured_base() -> None:
    other = "https://example.org/kg/"
    shapes = load_shapes(Settings(base_iri=other))
    g = Graph()
    for s, p, o in good():
        g.add(tuple(URIRef(str(t).replace(BASE, other)) if isinstance(t, URIRef) else t for t in (s, p, o)))
    assert validate_graph(g, shapes=shapes, settings=Settings(base_iri=other)).conforms
    report = validate_graph(good(), shapes=shapes, settings=Settings(base_iri=other))
    assert not report.conforms and any("Pattern" in v.rule for v in report.violations)


def test_telegram_must_also_be_a_document(shapes: Graph) -> None:
    g = good()
    g.remove((DOC, RDF.type, AKG.Document))
    report = validate_graph(g, shapes=shapes)
    assert not report.conforms
    assert any("Class" in v.rule and v.document == "t1" for v in errors(report)), report.text


def test_person_must_also_be_an_agent(shapes: Graph) -> None:
    g = good()
    g.remove((PETROV, RDF.type, AKG.Agent))
    report = validate_graph(g, shapes=shapes)
    assert not report.conforms
    hit = next(v for v in errors(report) if v.focus == str(PETROV) and "Class" in v.rule)
    assert "t1" in (hit.document or "")


def test_recipient_of_wrong_class(shapes: Graph) -> None:
    g = good()
    g.add((DOC, AKG.recipient, URIRef(BASE + "id/place/moscow")))
    check(g, shapes, field="akg:recipient", rule="Class", words="agent")


def test_entity_without_label_or_reconciled(shapes: Graph) -> None:
    g = good()
    g.remove((IVANOV, RDFS.label, None))
    check(g, shapes, field="rdfs:label", rule="MinCount", words="label")
    g = good()
    g.remove((IVANOV, AKG.reconciled, None))
    check(g, shapes, field="akg:reconciled", rule="MinCount", words="reconciled")


def test_attestation_ending_before_it_starts(shapes: Graph) -> None:
    g = good()
    a = URIRef(BASE + "id/document/t1/attestation/abc")
    for p, o in [(RDF.type, AKG.Attestation), (RDF.type, RDF.Statement), (RDF.subject, DOC), (RDF.predicate, DCTERMS.title),
                 (RDF.object, Literal("x")), (AKG.inDocument, DOC), (AKG.charStart, Literal(10, datatype=XSD.integer)),
                 (AKG.charEnd, Literal(4, datatype=XSD.integer)), (AKG.quote, Literal("x"))]:
        g.add((a, p, o))
    check(g, shapes, field="akg:charStart", rule="LessThanOrEquals", words="before it starts")


def test_wikidata_link_must_be_an_entity_iri(shapes: Graph) -> None:
    g = good()
    g.add((PETROV, URIRef("http://www.w3.org/2002/07/owl#sameAs"), URIRef("https://www.wikidata.org/wiki/Q855")))
    check(g, shapes, field="owl:sameAs", rule="Pattern", words="wikidata")


def test_every_shape_has_a_message(shapes: Graph) -> None:
    from kg.namespaces import SH
    nodes = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.objects(None, SH.property)) \
        | set(shapes.objects(None, SH.sparql))
    assert len(nodes) > 40
    silent = [str(n) for n in nodes if (n, SH.message, None) not in shapes]
    assert not silent, silent


def test_every_class_of_the_ontology_used_in_data_has_a_shape(shapes: Graph) -> None:
    from kg.namespaces import SH
    targeted = set(shapes.objects(None, SH.targetClass))
    for cls in (AKG.Document, AKG.Telegram, AKG.Person, AKG.Alias, AKG.Place, AKG.ArchivalReference, AKG.Organization,
                AKG.Archive, AKG.Office, AKG.DistributionEntry, AKG.TransmissionEvent, AKG.EditorialNote,
                AKG.QualityFlag, AKG.Attestation, AKG.OfficeTerm, AKG.RoleHolding, AKG.Letter, AKG.Memorandum):
        assert cls in targeted, cls


def test_no_logical_constraints_the_build_would_not_report() -> None:
    """The build asks pyshacl only about the focus nodes shacl-rust flagged, and in that mode pyshacl drops the
    results of sh:or (and of the other logical constraints): rules that need one are written as SPARQL rules."""
    from rdflib.namespace import SH

    shapes = Graph().parse(Path(__file__).resolve().parent.parent / "shapes" / "archive-kg-shapes.ttl")
    used = {str(p) for p in (SH["or"], SH["and"], SH.xone, SH["not"]) if (None, p, None) in shapes}
    assert used == set()
