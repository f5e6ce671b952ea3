"""The build's validation (per batch of documents with what they link to, shacl-rust screening, pyshacl reporting,
plus one pass over every document's statements about entities) reports exactly what one pyshacl run over the
whole graph reports, on a corpus with seeded violations of every shape, including ones that only appear when
two documents are put together (an alias naming two entities, an entity said to be reconciled and not)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, XSD

import kg.build
import kg.mapping
from kg.authorities import Authorities
from kg.authorities.merge import attach
from kg.build import build
from kg.config import Settings
from kg.errors import ValidationFailed
from kg.ingest import iter_sources, parse_file
from kg.iris import IRIs
from kg.synth import write_corpus
from kg.validate import validate_graph
from tests.conftest import DATA

A = "https://w3id.org/archive-kg/ontology#"
AKG = type("NS", (), {"__getattr__": lambda self, n: URIRef(A + n)})()


def _part(doc: URIRef, kind: str, key: str) -> URIRef:
    return URIRef(f"{doc}/{kind}/{key}")


def _seed(i: int, doc: URIRef, t, iris: IRIs) -> None:
    """Violation kind ``i`` (one per seeded document) added to or taken from the document's triples ``t``."""
    stalin = iris.person("joseph-stalin")
    kind = i % 25
    if kind == 0:
        t.remove((doc, DCTERMS.title, None))  # DocumentShape minCount
    elif kind == 1:
        t.add((doc, DCTERMS.date, Literal("1950-13-45")))  # datatype
        t.add((doc, DCTERMS.date, Literal("1950-01-01", datatype=XSD.date)))  # maxCount
    elif kind == 2:
        t.add((doc, AKG.sender, _part(doc, "event", "not-an-agent")))  # sh:class
    elif kind == 3:
        t.remove((doc, AKG.copiesMade, None))
        t.add((doc, AKG.copiesMade, Literal(0, datatype=XSD.integer)))  # minInclusive (and CopiesAddUp)
    elif kind == 4:
        t.add((doc, AKG.mentions, Literal("Stalin")))  # nodeKind
        t.add((doc, DCTERMS.source, Literal("not a URL")))
    elif kind == 5:
        t.remove((doc, AKG.sentAt, None))
        t.remove((doc, AKG.receivedAt, None))
        t.add((doc, AKG.sentAt, Literal("1950-07-02T10:00:00", datatype=XSD.dateTime)))
        t.add((doc, AKG.receivedAt, Literal("1950-07-01T10:00:00", datatype=XSD.dateTime)))  # SPARQL rule
    elif kind == 6:
        e = _part(doc, "distribution", "extra")
        t.add((e, RDF.type, AKG.DistributionEntry))
        t.add((doc, AKG.distribution, e))
        t.add((e, AKG.copies, Literal(97, datatype=XSD.integer)))  # CopiesAddUp; distributedTo minCount
        t.add((doc, AKG.copiesMade, Literal(3, datatype=XSD.integer)))
    elif kind == 7:
        t.remove((doc, RDF.type, AKG.Document))  # TelegramShape sh:class
    elif kind == 8:
        r = _part(doc, "reference", "bad")
        t.add((r, RDF.type, AKG.ArchivalReference))  # no citation, no document pointing at it
        t.add((r, AKG.fond, Literal(1)))
    elif kind == 9:
        ev = _part(doc, "event", "bad")
        t.add((ev, RDF.type, AKG.TransmissionEvent))
        t.add((doc, AKG.transmissionEvent, ev))
        t.add((ev, AKG.atPlace, Literal("Moscow")))
    elif kind == 10:
        n = _part(doc, "note", "bad")
        t.add((n, RDF.type, AKG.EditorialNote))
        t.add((doc, AKG.editorialNote, n))
    elif kind == 11:
        f = _part(doc, "flag", "bad")
        t.add((f, RDF.type, AKG.QualityFlag))
        t.add((doc, AKG.flag, f))
    elif kind == 12:
        a = _part(doc, "attestation", "bad")
        for c in (AKG.Attestation, RDF.Statement):
            t.add((a, RDF.type, c))
        t.add((a, RDF.subject, doc))
        t.add((a, RDF.predicate, DCTERMS.title))
        t.add((a, RDF.object, Literal("x")))
        t.add((a, AKG.inDocument, doc))
        t.add((a, AKG.charStart, Literal(9, datatype=XSD.integer)))
        t.add((a, AKG.charEnd, Literal(3, datatype=XSD.integer)))  # lessThanOrEquals; no quote
    elif kind == 13:
        p = URIRef(iris.base + "id/person/Bad_Key")
        t.add((p, RDF.type, AKG.Person))  # pattern, sh:class Agent, label, reconciled
        t.add((doc, AKG.mentionsPerson, p))
    elif kind == 14:
        p = iris.place("u-seeded-place")
        t.add((p, RDF.type, AKG.Place))
        t.add((p, RDFS.label, Literal("Seeded")))
        t.add((p, AKG.reconciled, Literal(False)))
        t.add((p, OWL.sameAs, URIRef("https://example.org/Q1")))  # sameAs pattern
    elif kind == 15:  # cross-document: this alias names a second entity (another document names the first)
        alias = iris.alias("joseph-stalin", "seeded-cover-name")
        t.add((alias, RDF.type, AKG.Alias))
        t.add((alias, RDFS.label, Literal("Seeded Cover Name")))
        t.add((alias, AKG.aliasOf, iris.person("u-someone-else")))
        t.add((alias, AKG.attestedIn, doc))
    elif kind == 16:  # the other half of 15
        alias = iris.alias("joseph-stalin", "seeded-cover-name")
        t.add((alias, RDF.type, AKG.Alias))
        t.add((alias, RDFS.label, Literal("Seeded Cover Name")))
        t.add((alias, AKG.aliasOf, stalin))
        t.add((alias, AKG.attestedIn, doc))
    elif kind == 17:  # cross-document / authority: an authority entity said to be unreconciled by a page
        t.add((stalin, AKG.reconciled, Literal(False)))
    elif kind == 18:
        o = iris.office("u-seeded-office")
        t.add((o, RDF.type, AKG.Office))  # not also an Agent; no label
        t.add((o, AKG.reconciled, Literal(False)))
        t.add((o, AKG.officeHeldBy, _part(doc, "term", "x")))
    elif kind == 19:
        term = URIRef(iris.base + "id/office/u-seeded-office/term/1")
        t.add((term, RDF.type, AKG.OfficeTerm))  # no holder
        h = URIRef(iris.base + "id/person/u-seeded-holder/role/1")
        t.add((h, RDF.type, AKG.RoleHolding))  # no label
    elif kind == 20:
        alias = iris.alias("u-seeded", "nothing")
        t.add((alias, RDF.type, AKG.Alias))
        t.add((alias, RDFS.label, Literal("Nothing")))
        t.add((alias, AKG.aliasOf, _part(doc, "flag", "not-an-entity")))  # neither Agent nor Place
    elif kind == 21:
        arc = URIRef(iris.base + "id/archive/u-seeded-archive")
        t.add((arc, RDF.type, AKG.Archive))  # not an Organization/Agent, no label
    elif kind == 22:
        org = URIRef(iris.base + "id/organization/Bad_Org")
        for c in (AKG.Organization, AKG.Agent):
            t.add((org, RDF.type, c))
        t.add((org, RDFS.label, Literal("Bad")))
        t.add((org, AKG.reconciled, Literal(False)))
        t.add((doc, AKG.recipient, org))
    elif kind == 23:
        t.add((doc, AKG.bodyText, Literal("a second body")))  # maxCount
        t.add((doc, AKG.handwrittenDate, Literal("soon")))
    elif kind == 24:  # sh:or (pyshacl asked about chosen focus nodes drops its results)
        t.remove((doc, DCTERMS.title, None))
        t.add((doc, DCTERMS.title, Literal(42)))


def _key(focus, path, comp, sev, value) -> tuple:
    path = "a path expression" if isinstance(path, BNode) else path  # (an inverse path: a blank node)
    return (str(focus), str(path) if path is not None else None, str(comp), str(sev),
            str(value) if value is not None else None)


@pytest.mark.slow
def test_build_reports_what_pyshacl_reports_on_the_whole_graph(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, count=52, seed=11)
    settings = Settings.from_env(out_dir=tmp_path / "var")
    iris = IRIs(settings.base_iri)
    real = kg.mapping.map_record
    order = {str(p): i for i, p in enumerate(iter_sources([corpus]))}

    def seeded(record, authorities, iris_, **kw):
        mapped = real(record, authorities, iris_, **kw)
        i = order[str(record.source_path)]
        if i % 2 == 0:  # one seeded document per batch of two: each kind must be caught on its own
            _seed(i // 2, mapped.doc, mapped.triples, iris_)
        return mapped

    monkeypatch.setattr(kg.mapping, "map_record", seeded)
    monkeypatch.setattr(kg.build, "BATCH_SIZE", 2)
    with pytest.raises(ValidationFailed):
        build([corpus], settings=settings, progress=False, workers=1)
    report = Graph().parse(tmp_path / "var" / "last-failed-build" / "validation-report.ttl", format="turtle")
    got = {_key(*(report.value(r, p) for p in (SH.focusNode, SH.resultPath, SH.sourceConstraintComponent,
                                               SH.resultSeverity, SH.value)))
           for r in report.subjects(RDF.type, SH.ValidationResult)}

    # the reference: pyshacl once over everything the build validated
    auth = Authorities.load(DATA / "authorities")
    # the cross-page merges of unreconciled names the build made ("Tarasenko" on one page, "V. Tarasenko" on
    # another): the same data, so the same attestations and mentions
    attach(auth, list(iter_sources([corpus])), settings=settings)
    whole = auth.to_graph(iris)
    for p in iter_sources([corpus]):
        whole += seeded(parse_file(p), auth, iris).graph
    ref = validate_graph(whole, settings=settings)
    want = set()
    rep = ref.graph
    for r in rep.subjects(RDF.type, SH.ValidationResult):
        want.add(_key(*(rep.value(r, p) for p in (SH.focusNode, SH.resultPath, SH.sourceConstraintComponent,
                                                 SH.resultSeverity, SH.value))))
    assert len(want) >= 30  # every kind of rule was broken
    cross = {k for k in want if "seeded-cover-name" in k[0] or k[0].endswith("/person/joseph-stalin")}
    assert cross, "the cross-document violations are part of the reference"
    assert sorted(got - want) == [], "reported but not by pyshacl on the whole graph"
    assert sorted(want - got) == [], "missed"
