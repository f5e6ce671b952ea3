"""The public vocabulary: parses, every term used is declared with label and definition, alignments exist."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.authorities import Authorities
from kg.ingest import parse_file
from kg.iris import IRIs
from kg.mapping import map_record
from kg.namespaces import AKG

ROOT = Path(__file__).resolve().parent.parent
RICO_FILE = ROOT.parent / "shared" / "reference" / "RiC-O_1-1.rdf"
RICO = "https://www.ica.org/standards/RiC/ontology#"
SEEDS = [ROOT / "data/documents/wilson/000_627fab5f342979c4.txt", ROOT / "data/documents/wilson/004_bfab98a7b49e4ad9.txt"]

CONTRACT_CLASSES = ["Document", "Telegram", "Person", "Alias", "Place", "ArchivalReference"]
CONTRACT_PROPERTIES = [
    "sender", "recipient", "senderAlias", "recipientAlias", "aliasOf", "mentions", "archivalReference",
    "repository", "fond", "opis", "delo", "folios", "sentFrom", "sentAt", "receivedAt", "copiesMade",
    "distribution", "distributedTo", "copies",
]


@pytest.fixture(scope="module")
def onto() -> Graph:
    g = Graph()
    for p in sorted((ROOT / "ontology").glob("*.ttl")):
        g.parse(p, format="turtle")
    return g


@pytest.fixture(scope="module")
def used_graph() -> Graph:
    auth = Authorities.load(ROOT / "data" / "authorities")
    iris = IRIs()
    g = auth.to_graph(iris)
    for p in SEEDS:
        g += map_record(parse_file(p), auth, iris).graph
    return g


def _declared(onto: Graph, term: URIRef) -> bool:
    return any((term, RDF.type, t) in onto for t in (
        OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property,
        SKOS.Concept, SKOS.ConceptScheme, OWL.NamedIndividual))


def _defined(onto: Graph, term: URIRef) -> bool:
    return (term, RDFS.comment, None) in onto or (term, SKOS.definition, None) in onto


def test_header(onto: Graph) -> None:
    header = URIRef("https://w3id.org/archive-kg/ontology")
    if (header, RDF.type, OWL.Ontology) not in onto:
        header = next(onto.subjects(RDF.type, OWL.Ontology))
    preds = {p.split("/")[-1].split("#")[-1] for p in onto.predicates(header)}
    for needed in ("title", "description", "license", "creator"):
        assert needed in preds, f"ontology header lacks {needed}"
    assert (header, OWL.versionInfo, None) in onto


@pytest.mark.parametrize("name", CONTRACT_CLASSES)
def test_contract_classes(onto: Graph, name: str) -> None:
    assert (AKG[name], RDF.type, OWL.Class) in onto
    assert (AKG[name], RDFS.label, None) in onto and _defined(onto, AKG[name])


@pytest.mark.parametrize("name", CONTRACT_PROPERTIES)
def test_contract_properties(onto: Graph, name: str) -> None:
    assert _declared(onto, AKG[name]), name
    assert (AKG[name], RDFS.label, None) in onto and _defined(onto, AKG[name])


def test_telegram_is_a_document(onto: Graph) -> None:
    assert (AKG.Telegram, RDFS.subClassOf, AKG.Document) in onto
    assert (AKG.Person, RDFS.subClassOf, AKG.Agent) in onto


def test_every_term_of_our_namespace_is_labelled_and_defined(onto: Graph) -> None:
    terms = {s for s in onto.subjects() if isinstance(s, URIRef) and str(s).startswith(str(AKG))}
    assert len(terms) > 60
    missing = [str(t) for t in terms if (t, RDFS.label, None) not in onto and (t, SKOS.prefLabel, None) not in onto]
    assert not missing, missing
    undefined = [str(t) for t in terms if not _defined(onto, t) and (t, RDF.type, SKOS.Concept) not in onto]
    assert not undefined, undefined


def test_every_akg_term_used_is_declared(onto: Graph, used_graph: Graph) -> None:
    used: set[URIRef] = set()
    for _s, p, o in used_graph:
        used.add(p)
        if p == RDF.type or (isinstance(o, URIRef) and str(o).startswith(str(AKG))):
            used.add(o)
    akg_used = {t for t in used if str(t).startswith(str(AKG))}
    assert AKG.recipientAlias in akg_used and AKG.Telegram in akg_used  # the seeds do exercise the vocabulary
    undeclared = sorted(str(t) for t in akg_used if not _declared(onto, t))
    assert not undeclared, undeclared
    unlabelled = sorted(str(t) for t in akg_used if (t, RDFS.label, None) not in onto and (t, SKOS.prefLabel, None) not in onto)
    assert not unlabelled, unlabelled


def test_domains_and_ranges_of_contract_properties(onto: Graph) -> None:
    for name in CONTRACT_PROPERTIES:
        assert (AKG[name], RDFS.domain, None) in onto, f"akg:{name} has no domain"
        assert (AKG[name], RDFS.range, None) in onto, f"akg:{name} has no range"


def test_rico_alignment_targets_exist() -> None:
    onto = Graph().parse(ROOT / "ontology" / "archive-kg.ttl", format="turtle")
    rico = Graph().parse(RICO_FILE, format="xml")
    rico_terms = {s for s in rico.subjects() if str(s).startswith(RICO)}
    assert len(rico_terms) > 100
    targets = {o for o in onto.objects() if isinstance(o, URIRef) and str(o).startswith(RICO)}
    assert len(targets) >= 5, "the ontology should be aligned to RiC-O"
    assert not sorted(str(t) for t in targets - rico_terms)


def test_classes_have_one_semantic_home_and_wikidata_only_as_entity_iris(onto: Graph) -> None:
    for cls in onto.subjects(RDF.type, OWL.Class):
        if not str(cls).startswith(str(AKG)):
            continue
        for o in onto.objects(cls, None):
            if "wikidata.org" in str(o):
                assert str(o).startswith("http://www.wikidata.org/entity/Q"), o


def test_concept_schemes(onto: Graph) -> None:
    schemes = set(onto.subjects(RDF.type, SKOS.ConceptScheme))
    assert len(schemes) >= 3
    kinds = {str(onto.value(c, SKOS.prefLabel)) for c in onto.subjects(SKOS.inScheme, AKG.DocumentKinds)}
    for k in ("ciphered telegram", "cable", "letter", "memorandum of conversation"):
        assert any(k == x.lower() for x in kinds), (k, kinds)
