"""Participants of recorded conversations in their roles (kg.participation): a meeting node, one participation per
participant with a role concept of akg:ParticipantRoles (aligned to CIDOC-CRM PC14 / P14.1 and PROV-O qualified
associations), the shapes that judge them, and SPARQL over a real build: who interpreted for whom, who headed the
delegation. Pages and records are invented for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from kg.authorities import Authorities
from kg.ingest.wilson import parse_page
from kg.iris import IRIs
from kg.mapping import map_record
from kg.namespaces import AKG
from kg.participation import ROLES, role_of
from kg.validate import validate_graph
from tests.test_ingest_to_rdf import TAIL

ROOT = Path(__file__).resolve().parent.parent
AUTH_DIR = ROOT / "data" / "authorities"
PREFIX = "PREFIX akg: <https://w3id.org/archive-kg/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
WHO_INTERPRETED_FOR_WHOM = PREFIX + """
SELECT ?interpreter ?for ?doc WHERE {
  ?doc akg:recordsMeeting ?m .
  ?pi akg:participationIn ?m ; akg:inRole akg:role-interpreter ; akg:participatingAgent ?i .
  ?pf akg:participationIn ?m ; akg:inRole ?role ; akg:participatingAgent ?f .
  FILTER (?role NOT IN (akg:role-interpreter, akg:role-recorder, akg:role-observer))
  ?i rdfs:label ?interpreter . ?f rdfs:label ?for .
}"""
WHO_HEADED_THE_DELEGATION = PREFIX + """
SELECT ?head ?doc ?asWritten WHERE {
  ?doc akg:recordsMeeting ?m .
  ?p akg:participationIn ?m ; akg:inRole akg:role-head-of-delegation ; akg:participatingAgent ?h .
  OPTIONAL { ?p akg:roleAsWritten ?asWritten }
  ?h rdfs:label ?head .
}"""


@pytest.fixture(scope="module")
def auth() -> Authorities:
    return Authorities.load(AUTH_DIR)


@pytest.mark.parametrize("written, key", [
    ("interpreter", "interpreter"),
    ("Translator", "interpreter"),
    ("Delegation Leader", "head-of-delegation"),
    ("Head of the Soviet Government Delegation", "head-of-delegation"),
    ("chairman of the delegation", "head-of-delegation"),
    ("member of the delegation", "delegation-member"),
    ("Delegate", "delegation-member"),
    ("recorder", "recorder"),
    ("Note-taker", "recorder"),
    ("observer", "observer"),
    ("host", "host"),
    ("guest", "guest"),
    ("Ambassador", "ambassador"),
    ("Chargé d'Affaires", "ambassador"),
    ("Premier", "participant"),
    ("General Secretary", "participant"),
    (None, "participant"),
])
def test_role_as_written_to_concept(written: str | None, key: str) -> None:
    assert role_of(written).key == key


def test_every_role_is_a_concept_of_the_ontology() -> None:
    onto = Graph().parse(ROOT / "ontology" / "archive-kg.ttl", format="turtle")
    in_scheme = set(onto.subjects(SKOS.inScheme, AKG.ParticipantRoles))
    assert in_scheme == {AKG["role-" + r.key] for r in ROLES}
    for c in in_scheme:
        assert onto.value(c, SKOS.prefLabel) is not None
    # aligned to CIDOC-CRM's "carried out by ... in the role of" and to PROV-O's qualified association
    crm = "http://www.cidoc-crm.org/cidoc-crm/"
    assert (AKG.inRole, SKOS.closeMatch, URIRef(crm + "P14.1_in_the_role_of")) in onto
    assert (AKG.Participation, SKOS.closeMatch, URIRef(crm + "PC14_carried_out_by")) in onto


def _page_graph(title: str, lines: str, auth: Authorities) -> tuple[Graph, URIRef]:
    text = f"Skip to content\n\nJune 3, 1961\n\n{title}\n\n{lines}\n\nAn invented remark." + TAIL
    rec = parse_page(text, path="t.txt", meta={"doc_id": "t-roles"})
    g = map_record(rec, auth, IRIs()).graph
    for t in auth.to_graph(IRIs()):
        g.add(t)
    return g, URIRef(str(IRIs().document("t-roles")))


def _roles(g: Graph, doc: URIRef) -> dict[str, tuple[str, str | None]]:
    meeting = g.value(doc, AKG.recordsMeeting)
    out = {}
    for p in g.subjects(AKG.participationIn, meeting):
        agent = g.value(p, AKG.participatingAgent)
        role = str(g.value(p, AKG.inRole)).rsplit("role-", 1)[1]
        written = g.value(p, AKG.roleAsWritten)
        out[str(g.value(agent, URIRef("http://www.w3.org/2000/01/rdf-schema#label")))] = (
            role, str(written) if written is not None else None)
    return out


def test_a_page_s_participants_in_their_roles(auth: Authorities) -> None:
    g, doc = _page_graph("Record of Conversation between Delegation Leader A. P. Volodarin and Premier Zhou Enlai",
                         "Interpreter: Li Xianlan\n\nNote-taker: Ye Feilin\n\nObserver: Department Head Zhang Wenlin",
                         auth)
    got = _roles(g, doc)
    assert got["A. P. Volodarin"] == ("head-of-delegation", "Delegation Leader")
    assert got["Zhou Enlai"] == ("participant", "Premier")
    assert got["Li Xianlan"] == ("interpreter", None)
    assert got["Ye Feilin"] == ("recorder", None)
    assert got["Zhang Wenlin"] == ("observer", None)
    meeting = g.value(doc, AKG.recordsMeeting)
    assert (meeting, RDF.type, AKG.Meeting) in g
    # the direct links stay: every participant, the interpreter also as akg:interpreter
    assert len(set(g.objects(doc, AKG.participant))) == 4 and len(set(g.objects(doc, AKG.interpreter))) == 1
    # each role is attested by the words that name the participant
    quotes = {str(g.value(a, AKG.quote)) for a in g.subjects(RDF.predicate, AKG.inRole)}
    assert "Li Xianlan" in quotes
    assert validate_graph(g).conforms


def test_the_shapes_reject_a_participation_without_a_role_or_with_two(auth: Authorities) -> None:
    g, doc = _page_graph("Memorandum of Conversation between Ambassador S. Chervanov and Chairman Liu Shaoqi",
                         "Interpreter: Li Xianlan", auth)
    p = next(g.subjects(AKG.inRole, AKG["role-interpreter"]))
    g.add((p, AKG.inRole, AKG["role-host"]))
    report = validate_graph(g)
    assert not report.conforms and any("exactly one role" in v.message for v in report.violations)
    g.remove((p, AKG.inRole, None))
    g.add((p, AKG.inRole, AKG["role-cook"]))
    assert not validate_graph(g).conforms


def _record(path: Path, doc_id: str, participants: list, title: str) -> None:
    rec = {"doc_id": doc_id, "title": title, "kind": "record of conversation", "date": "1961-06-03",
           "participants": participants, "body": "An invented remark about the talks."}
    path.write_text(yaml.safe_dump(rec, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_sparql_who_interpreted_for_whom_and_who_headed_the_delegation(tmp_path: Path) -> None:
    from kg.build import build
    from kg.config import Settings
    from kg.store import OxigraphStore

    src = tmp_path / "src"
    src.mkdir()
    _record(src / "a.yaml", "talk-a", [{"name": "Ivan Teplov", "role": "head of the delegation"},
                                       {"name": "Zhou Enlai", "role": "host"},
                                       {"name": "Pavel Sorin", "role": "interpreter"},
                                       {"name": "Gao Ming", "role": "recorder"}],
            "Record of Conversation between Ivan Teplov and Zhou Enlai")
    _record(src / "b.yaml", "talk-b", [{"name": "Ambassador S. Chervanov", "role": "Ambassador"},
                                       {"name": "Kim Dalsu", "role": "guest"},
                                       {"name": "Pak Tongsu", "role": "interpreter"}],
            "Record of Conversation between S. Chervanov and Kim Dalsu")
    out = tmp_path / "var"
    result = build([src], settings=Settings.from_env(out_dir=out, data_dir=tmp_path / "data"), progress=False,
                   authorities_dir=AUTH_DIR, workers=1)
    assert result.ok, result.summary()
    st = OxigraphStore((out / "current" / "store").resolve(), read_only=True)

    def rows(q: str) -> set[tuple[str, ...]]:
        return {tuple(v.value.rsplit("/", 1)[-1] if v.value.startswith("http") else v.value for v in r)
                for r in st.query(q)}

    assert rows(WHO_INTERPRETED_FOR_WHOM) == {
        ("Pavel Sorin", "Ivan Teplov", "talk-a"), ("Pavel Sorin", "Zhou Enlai", "talk-a"),
        ("Pak Tongsu", "S. Chervanov", "talk-b"), ("Pak Tongsu", "Kim Dalsu", "talk-b")}
    assert rows(WHO_HEADED_THE_DELEGATION) == {("Ivan Teplov", "talk-a", "head of the delegation")}

