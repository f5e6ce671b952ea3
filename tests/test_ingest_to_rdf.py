"""What the parser reads on the archive's other layouts reaches the graph: clocks, forwarding, participants,
diary authors, conversation dates, incomplete pages, citation parts; and the shapes judge it as the issue asks."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, XSD

from kg.authorities import Authorities
from kg.ingest.wilson import parse_page
from kg.iris import IRIs
from kg.mapping import map_record
from kg.namespaces import AKG
from kg.validate import validate_graph

ROOT = Path(__file__).resolve().parent.parent
TAIL = ("\n\nAn invented summary.\n\nDocument Information\n\nSource\n\nAVPRF, f. 0100, op. 43, por. 12, papka 302, "
        "d. 8, l. 5.\n\nRights\n\nReuse of this invented page is free.\n\nRecord ID\n\n5151\n")


@pytest.fixture(scope="module")
def auth() -> Authorities:
    return Authorities.load(ROOT / "data" / "authorities")


def graph(text: str, auth: Authorities) -> tuple[Graph, object]:
    """The document's graph with the authority entities it points to (as a build publishes them)."""
    rec = parse_page(text, path="t.txt", meta={"doc_id": "t-variant"})
    m = map_record(rec, auth, IRIs())
    g = Graph()
    for t in m.graph:
        g.add(t)
    for t in auth.to_graph(IRIs()):
        g.add(t)
    return g, IRIs().document(rec.doc_id)


def test_times_on_known_clocks_carry_their_offsets_and_forwarding_is_its_own_event(auth: Authorities) -> None:
    text = ("Skip to content\n\nSeptember 27, 1950\n\nCiphered Telegram, Tarasenko to Kuzmin\n\nFrom Pyongyang\n\n"
            "Received in Moscow on 27.9.50 at 2:55\n\nSent on 27.9.50 at 8:10, local time\n\n"
            "Sent to 8th Department of the General Staff on 27.9.50 at 3:35\n\nInvented body." + TAIL)
    g, doc = graph(text, auth)
    assert g.value(doc, AKG.sentAt) == Literal("1950-09-27T08:10:00+09:00", datatype=XSD.dateTime)
    assert g.value(doc, AKG.receivedAt) == Literal("1950-09-27T02:55:00+03:00", datatype=XSD.dateTime)
    kinds = {g.value(e, AKG.eventType) for e in g.objects(doc, AKG.transmissionEvent)}
    assert AKG["event-forwarded"] in kinds
    bases = {str(g.value(e, AKG.clockBasis)) for e in g.objects(doc, AKG.transmissionEvent)}
    assert bases == {"stated", "inferred"}
    # 23:10 UTC sent, 23:55 UTC received: in order, though 2:55 < 8:10 as written
    report = validate_graph(g)
    assert report.conforms and not [v for v in report.violations if v.field == "akg:receivedAt"], report.text


def test_conversation_participants_author_and_dates(auth: Authorities) -> None:
    text = ("Skip to content\n\nApril 19, 1958\n\nFrom the Diary of P. F. Vetrov: Memorandum of Conversation with "
            "Mao Zedong on 5 April 1958\n\nInterpreter: Li Xiangwen\n\nAn invented remark." + TAIL)
    g, doc = graph(text, auth)
    assert len(set(g.objects(doc, AKG.participant))) == 2
    assert len(set(g.objects(doc, AKG.interpreter))) == 1
    assert g.value(doc, AKG.diaryAuthor) is not None
    assert g.value(doc, AKG.conversationDate) == Literal("1958-04-05", datatype=XSD.date)
    assert g.value(doc, AKG.recordId) == Literal("5151")
    ref = g.value(doc, AKG.archivalReference)
    assert (str(g.value(ref, AKG.itemNumber)), str(g.value(ref, AKG.papka))) == ("12", "302")
    assert validate_graph(g).conforms


def test_incomplete_page_builds_with_a_warning(auth: Authorities) -> None:
    text = ("Skip to content\n\nMarch 10, 1952\n\nCiphered Telegram No. 17 from Beijing, Zhou Enlai to Filippov "
            "[Stalin]\n\nThe first paragraph is whole.\n\nThe second one stops in the mid")
    g, doc = graph(text, auth)
    assert g.value(doc, AKG.incompletePage) == Literal(True)
    report = validate_graph(g)
    assert report.conforms, report.text
    assert any(v.severity == "Warning" and "incomplete page" in v.message for v in report.violations)


def test_published_collection_is_a_published_source(auth: Authorities) -> None:
    tail = ("\n\nSummary.\n\nDocument Information\n\nSource\n\nAPRF: F. 39, Op. 1, D. 31, Ll. 39-40. Reprinted in A. "
            "Example, ed., Invented Documents, Vol. 5 (Moscow: Test Press, 2005), pp. 448-449.\n\nRights\n\nReuse.\n")
    text = "Skip to content\n\nJuly 17, 1948\n\nCable, Vetrov to Stalin [via Kuznetsov]\n\nBody." + tail
    g, doc = graph(text, auth)
    refs = list(g.objects(doc, AKG.archivalReference))
    assert len(refs) == 2 and sum((r, RDF.type, AKG.PublishedSource) in g for r in refs) == 1
    assert validate_graph(g).conforms
