"""Record -> RDF: classes, aliases, offices, unreconciled names, events, citations, attestations, stable IRIs."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from kg.authorities import Authorities
from kg.ingest import parse_file
from kg.iris import IRIs, unreconciled_key
from kg.mapping import alias_label, map_record
from kg.namespaces import AKG
from kg.records import (
    ArchivalCitation,
    DistributionEntry,
    DocumentRecord,
    EditorialNote,
    Flag,
    HeaderEvent,
    Mention,
    NameRef,
    Span,
)

ROOT = Path(__file__).resolve().parent.parent
SEED_TELEGRAM = ROOT / "data/documents/wilson/000_627fab5f342979c4.txt"
SEED_CABLE = ROOT / "data/documents/wilson/004_bfab98a7b49e4ad9.txt"
IRI = IRIs()


@pytest.fixture(scope="module")
def auth() -> Authorities:
    return Authorities.load(ROOT / "data" / "authorities")


def span_of(text: str, words: str, start: int = 0) -> Span:
    i = text.index(words, start)
    return Span(i, i + len(words))


def ref(text: str, written: str, name: str, identified_as: str | None = None, kind: str = "unknown") -> NameRef:
    return NameRef(written=written, name=name, identified_as=identified_as, kind=kind,  # type: ignore[arg-type]
                   span=span_of(text, written))


TEXT = """Ciphered Telegram, Feng Xi (Stalin) to the Soviet Ambassador, Peking
From Moscow. Sent 10:00, 1 July 1950. Received 14:30, 1 July 1950 Moscow time.
5 copies: 1. Comr. Molotov - 3 copies; 2. Zzyzx Qwerty - 2 copies
Kim Il Sung asked [Korean People's Army] for help in Pyongyang.
APRF, f. 45, op. 1, d. 342, l. 78
"""


def hand_record() -> DocumentRecord:
    t = TEXT
    body = "Kim Il Sung asked [Korean People's Army] for help in Pyongyang."
    bstart = t.index(body)
    return DocumentRecord(
        doc_id="hand-telegram-1", source_path="tests/hand.txt", source_format="wilson-page", text=t,
        source_url="https://digitalarchive.wilsoncenter.org/document/000000", publisher="Wilson Center Digital Archive",
        kind="ciphered telegram", title="Ciphered Telegram, Feng Xi (Stalin) to the Soviet Ambassador, Peking",
        title_span=Span(0, t.index("\n")), date=dt.date(1950, 7, 1), date_span=span_of(t, "1 July 1950"),
        senders=[ref(t, "Feng Xi (Stalin)", "Feng Xi", "Stalin", "person")],
        recipients=[ref(t, "the Soviet Ambassador, Peking", "the Soviet Ambassador, Peking", kind="office")],
        sent_from="Moscow", sent_from_span=span_of(t, "Moscow"),
        events=[
            HeaderEvent(kind="sent", verbatim="Sent 10:00, 1 July 1950", date=dt.date(1950, 7, 1), time=dt.time(10, 0),
                        span=span_of(t, "Sent 10:00, 1 July 1950")),
            HeaderEvent(kind="received", verbatim="Received 14:30, 1 July 1950 Moscow time", date=dt.date(1950, 7, 1),
                        time=dt.time(14, 30), clock="Moscow", place="Moscow",
                        span=span_of(t, "Received 14:30, 1 July 1950 Moscow time")),
        ],
        copies_made=5, copies_span=span_of(t, "5 copies"),
        distribution=[
            DistributionEntry(recipient=ref(t, "Comr. Molotov", "Molotov", kind="person"), copies=3, copy_number=1,
                              verbatim="1. Comr. Molotov - 3 copies", span=span_of(t, "1. Comr. Molotov - 3 copies")),
            DistributionEntry(recipient=ref(t, "Zzyzx Qwerty", "Zzyzx Qwerty", kind="person"), copies=2, copy_number=2,
                              verbatim="2. Zzyzx Qwerty - 2 copies", span=span_of(t, "2. Zzyzx Qwerty - 2 copies")),
        ],
        body=body, body_span=Span(bstart, bstart + len(body)),
        notes=[EditorialNote(kind="gloss", text="Korean People's Army", verbatim="[Korean People's Army]",
                             span=span_of(t, "[Korean People's Army]"))],
        citations=[ArchivalCitation(verbatim="APRF, f. 45, op. 1, d. 342, l. 78", repository="APRF", fond="45", opis="1",
                                    delo="342", folios="78", span=span_of(t, "APRF, f. 45, op. 1, d. 342, l. 78"))],
        citation_verbatim="APRF, f. 45, op. 1, d. 342, l. 78",
        summary="Stalin asks about help.", rights="Open",
        mentions=[Mention(text="Kim Il Sung", kind="person", span=span_of(t, "Kim Il Sung"))],
        flags=[Flag(field="events[0].time", message="footnote number glued to the time", verbatim="10:001")],
    )


@pytest.fixture(scope="module")
def hand(auth: Authorities):
    return map_record(hand_record(), auth, IRI)


def test_document_states_all_its_classes(hand) -> None:
    g, doc = hand.graph, IRI.document("hand-telegram-1")
    assert (doc, RDF.type, AKG.Telegram) in g and (doc, RDF.type, AKG.Document) in g
    assert g.value(doc, DCTERMS.title) == Literal(hand_record().title, lang="en")
    assert (doc, RDFS.label, None) in g
    assert g.value(doc, DCTERMS.date) == Literal(dt.date(1950, 7, 1), datatype=XSD.date)
    assert (doc, DCTERMS.source, URIRef("https://digitalarchive.wilsoncenter.org/document/000000")) in g
    assert (doc, PROV.wasDerivedFrom, URIRef("https://digitalarchive.wilsoncenter.org/document/000000")) in g
    assert g.value(doc, DCTERMS.abstract) == Literal("Stalin asks about help.", lang="en")


def test_cable_is_a_telegram(auth: Authorities) -> None:
    rec = hand_record()
    rec.kind = "cable"
    g = map_record(rec, auth, IRI).graph
    doc = IRI.document(rec.doc_id)
    assert {AKG.Telegram, AKG.Document} <= set(g.objects(doc, RDF.type))


def test_cover_name_gives_entity_and_alias(hand, auth: Authorities) -> None:
    g, doc = hand.graph, IRI.document("hand-telegram-1")
    stalin = IRI.person("joseph-stalin")
    alias = IRI.alias("joseph-stalin", "Feng Xi")
    assert (doc, AKG.sender, stalin) in g
    assert (doc, AKG.senderAlias, alias) in g
    assert (alias, AKG.attestedIn, doc) in g
    # a cover name the authority files list is described there, once: one node, one label, in one graph
    assert (alias, RDFS.label, None) not in g and (alias, RDF.type, None) not in g
    both = g + auth.to_graph(IRI)
    assert (alias, RDF.type, AKG.Alias) in both and (alias, RDF.type, AKG.CoverName) in both
    assert list(both.objects(alias, RDFS.label)) == [Literal("Feng Xi", lang="zh-Latn-pinyin")]
    assert list(both.objects(alias, AKG.aliasOf)) == [stalin]
    # which person the cover name stands for in this document is attested with the words that say so
    att = [a for a in g.subjects(RDF.subject, alias) if (a, RDF.predicate, AKG.aliasOf) in g]
    assert att and g.value(att[0], RDF.object) == stalin and g.value(att[0], AKG.inDocument) == doc


def test_cover_name_unknown_to_the_authorities_is_described_by_the_document(auth: Authorities) -> None:
    rec = hand_record()
    rec.senders[0].name = "Orlov"
    g = map_record(rec, auth, IRI).graph
    alias = IRI.alias("joseph-stalin", "Orlov")
    assert (alias, RDF.type, AKG.CoverName) in g and list(g.objects(alias, RDFS.label)) == [Literal("Orlov")]
    assert list(g.objects(alias, AKG.aliasOf)) == [IRI.person("joseph-stalin")]


def test_a_new_cover_name_in_capitals_on_one_page_is_the_same_node_with_one_label(auth: Authorities) -> None:
    """One page writes "FLILIPPOV [Stalin]" (a title in capitals), others "Flilippov [Stalin]": the alias node (named
    by the slug) gets one rdfs:label from all of them (AliasShape: exactly one), the capitals as an altLabel."""
    graphs = []
    for written in ("FLILIPPOV", "Flilippov"):
        rec = hand_record()
        rec.senders[0].name = written
        graphs.append(map_record(rec, auth, IRI).graph)
    alias = IRI.alias("joseph-stalin", "Flilippov")
    assert alias == IRI.alias("joseph-stalin", "FLILIPPOV")
    both = graphs[0] + graphs[1]
    assert list(both.objects(alias, RDFS.label)) == [Literal("Flilippov")]
    assert list(both.objects(alias, SKOS.altLabel)) == [Literal("FLILIPPOV")]
    # every form with the node's slug gets the same label, so no order of pages gives the node two labels
    for forms in (("Feng Xi", "FENG XI", "Feng-Xi", "feng  xi"), ("Fëdorov", "Fedorov", "FËDOROV")):
        assert len({alias_label(f) for f in forms}) == 1 and len({IRI.alias("joseph-stalin", f) for f in forms}) == 1
    assert alias_label("Feng-Xi") == "Feng Xi" and alias_label("Сталин") == "Сталин"


def test_slug_equal_cover_names_on_two_pages_give_one_label_and_keep_each_written_form(auth: Authorities) -> None:
    """"Orel-Vey [Stalin]" on one page and "Orel Vey [Stalin]" on another: one node (the same slug), one rdfs:label
    whichever page comes first, the hyphenated form kept as an altLabel."""
    for order in (("Orel-Vey", "Orel Vey"), ("Orel Vey", "Orel-Vey")):
        both = Graph()
        for written in order:
            rec = hand_record()
            rec.senders[0].name = written
            both += map_record(rec, auth, IRI).graph
        alias = IRI.alias("joseph-stalin", "Orel Vey")
        assert list(both.objects(alias, RDFS.label)) == [Literal("Orel Vey")]
        assert list(both.objects(alias, SKOS.altLabel)) == [Literal("Orel-Vey")]


def test_office_recipient_and_its_holder_marked_as_inferred(hand) -> None:
    g, doc = hand.graph, IRI.document("hand-telegram-1")
    office = IRI.office("soviet-ambassador-peking")
    holder = IRI.person("nikolai-roshchin")
    assert (doc, AKG.recipient, office) in g
    assert (doc, AKG.recipient, holder) in g
    att = [a for a in g.subjects(RDF.object, holder) if (a, RDF.predicate, AKG.recipient) in g]
    assert att and g.value(att[0], AKG.method) is not None
    assert "office" in str(g.value(att[0], AKG.method))


def test_unknown_name_becomes_unreconciled_entity(hand) -> None:
    g = hand.graph
    node = IRI.person(unreconciled_key("Zzyzx Qwerty"))
    assert {AKG.Person, AKG.Agent} <= set(g.objects(node, RDF.type))
    assert g.value(node, AKG.reconciled) == Literal(False)
    assert g.value(node, RDFS.label) == Literal("Zzyzx Qwerty")
    assert ("person", "Zzyzx Qwerty", "hand-telegram-1") in hand.unreconciled


def test_events_and_datetimes_without_timezone(hand) -> None:
    g, doc = hand.graph, IRI.document("hand-telegram-1")
    assert g.value(doc, AKG.sentAt) == Literal("1950-07-01T10:00:00", datatype=XSD.dateTime)
    assert str(g.value(doc, AKG.receivedAt)) == "1950-07-01T14:30:00"
    ev = IRI.event("hand-telegram-1", "received")
    assert (doc, AKG.transmissionEvent, ev) in g and (ev, RDF.type, AKG.TransmissionEvent) in g
    assert g.value(ev, AKG.clock) == Literal("Moscow")
    assert (ev, AKG.atPlace, IRI.place("moscow")) in g
    assert (doc, AKG.sentFrom, IRI.place("moscow")) in g


def test_distribution_and_copies(hand) -> None:
    g, doc = hand.graph, IRI.document("hand-telegram-1")
    assert g.value(doc, AKG.copiesMade) == Literal(5, datatype=XSD.integer)
    entries = list(g.objects(doc, AKG.distribution))
    assert len(entries) == 2
    assert sum(int(g.value(e, AKG.copies)) for e in entries) == 5
    assert all((e, RDF.type, AKG.DistributionEntry) in g and g.value(e, AKG.distributedTo) for e in entries)


def test_archival_reference(hand) -> None:
    g, doc = hand.graph, IRI.document("hand-telegram-1")
    ref_node = IRI.reference("hand-telegram-1", "aprf")
    assert (doc, AKG.archivalReference, ref_node) in g
    assert (ref_node, AKG.repository, IRI.archive("aprf")) in g
    assert [str(g.value(ref_node, p)) for p in (AKG.fond, AKG.opis, AKG.delo, AKG.folios)] == ["45", "1", "342", "78"]
    assert str(g.value(ref_node, DCTERMS.bibliographicCitation)) == "APRF, f. 45, op. 1, d. 342, l. 78"


def test_mentions_from_record_and_gazetteer(hand) -> None:
    g, doc = hand.graph, IRI.document("hand-telegram-1")
    assert (doc, AKG.mentionsPerson, IRI.person("kim-il-sung")) in g
    assert (doc, AKG.mentionsPlace, IRI.place("pyongyang")) in g  # found by find_mentions in the body
    assert (doc, AKG.mentions, IRI.place("pyongyang")) in g


def test_notes_and_flags(hand) -> None:
    g, doc = hand.graph, IRI.document("hand-telegram-1")
    notes = list(g.objects(doc, AKG.editorialNote))
    assert len(notes) == 1 and str(g.value(notes[0], RDF.value)) == "Korean People's Army"
    flags = list(g.objects(doc, AKG.flag))
    assert len(flags) == 1 and str(g.value(flags[0], AKG.verbatim)) == "10:001"
    assert str(g.value(flags[0], AKG.flaggedField)) == "events[0].time"


def test_every_attestation_quotes_the_source_exactly(hand, auth: Authorities) -> None:
    g, text = hand.graph + auth.to_graph(IRI), TEXT
    atts = list(g.subjects(RDF.type, AKG.Attestation))
    assert len(atts) >= 10
    for a in atts:
        assert (a, RDF.type, RDF.Statement) in g
        s, e = int(g.value(a, AKG.charStart)), int(g.value(a, AKG.charEnd))
        assert str(g.value(a, AKG.quote)) == text[s:e]
        assert (g.value(a, RDF.subject), g.value(a, RDF.predicate), g.value(a, RDF.object)) in g


def test_every_entity_is_labelled(hand) -> None:
    g = hand.graph
    for cls in (AKG.Person, AKG.Place, AKG.Organization, AKG.Office, AKG.Alias, AKG.Document):
        for node in g.subjects(RDF.type, cls):
            if (node, AKG.reconciled, Literal(True)) in g:
                continue
            if cls in (AKG.Alias, AKG.Document) or (node, AKG.reconciled, None) in g:
                assert (node, RDFS.label, None) in g, node


def test_iris_are_stable_and_independent_of_order(auth: Authorities) -> None:
    a = map_record(hand_record(), auth, IRI).graph
    rec = hand_record()
    rec.distribution.reverse()
    rec.events.reverse()
    b = map_record(rec, auth, IRI).graph
    assert isomorphic(a, b)
    assert set(a.subjects()) == set(b.subjects())


def test_other_base(auth: Authorities) -> None:
    iris = IRIs("https://example.org/kg/")
    g = map_record(hand_record(), auth, iris).graph
    ours = {str(s) for s in g.subjects() if isinstance(s, URIRef)}
    assert ours and all(s.startswith("https://example.org/kg/") for s in ours)


def test_seed_telegram(auth: Authorities) -> None:
    rec = parse_file(SEED_TELEGRAM)
    m = map_record(rec, auth, IRI)
    g, doc = m.graph, IRI.document(rec.doc_id)
    assert {AKG.Telegram, AKG.Document} <= set(g.objects(doc, RDF.type))
    described = g + auth.to_graph(IRI)
    aliases = {str(described.value(a, RDFS.label)) for a in g.objects(doc, AKG.recipientAlias)}
    assert "Feng Xi" in aliases
    assert (doc, AKG.recipient, IRI.person("joseph-stalin")) in g
    assert (doc, AKG.archivalReference, None) in g
    assert g.value(doc, AKG.sentAt) is not None and g.value(doc, AKG.sentAt).datatype == XSD.dateTime
    for a in g.subjects(RDF.type, AKG.Attestation):
        s, e = int(g.value(a, AKG.charStart)), int(g.value(a, AKG.charEnd))
        assert str(g.value(a, AKG.quote)) == rec.text[s:e]


def test_seed_cable_office_recipient(auth: Authorities) -> None:
    rec = parse_file(SEED_CABLE)
    g = map_record(rec, auth, IRI).graph
    doc = IRI.document(rec.doc_id)
    assert {AKG.Telegram, AKG.Document} <= set(g.objects(doc, RDF.type))
    assert (doc, AKG.recipient, IRI.office("soviet-ambassador-peking")) in g


def test_mapping_synthetic_pages(auth: Authorities, tmp_path: Path) -> None:
    """150 generated pages map, each to its own document node with a title and a kind (the rate is measured by
    bench.bench_build, not asserted here)."""
    from kg.synth import generate_page

    rng = random.Random(7)
    paths = []
    for i in range(150):
        text, _ = generate_page(rng, i)
        p = tmp_path / f"{i:04d}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    for r in (parse_file(p) for p in paths):
        g = map_record(r, auth, IRI).graph
        doc = IRI.document(r.doc_id)
        assert (doc, DCTERMS.title, None) in g and (doc, AKG.documentKind, None) in g, r.doc_id


def test_a_shared_cover_name_in_the_body_is_who_this_document_says(auth: Authorities) -> None:
    """"Matveyev" stands for Zakharov in one document and Razuvaev in others: alone it is ambiguous, but in a
    document whose header identifies it ("Matveyev (Zakharov)"), the body's "Matveyev" is that person."""
    t = "Ciphered Telegram from Matveyev (Zakharov) to Feng Xi (Stalin)\nMatveyev reports from Pyongyang.\n"
    body = "Matveyev reports from Pyongyang."
    b = t.index(body)
    rec = DocumentRecord(
        doc_id="hand-telegram-2", source_path="tests/hand2.txt", source_format="wilson-page", text=t,
        kind="ciphered telegram", title=t.splitlines()[0], title_span=Span(0, t.index("\n")),
        senders=[ref(t, "Matveyev (Zakharov)", "Matveyev", "Zakharov", "person")],
        recipients=[ref(t, "Feng Xi (Stalin)", "Feng Xi", "Stalin", "person")],
        body=body, body_span=Span(b, b + len(body)),
        mentions=[Mention(text="Matveyev", kind="person", span=Span(b, b + len("Matveyev")))])
    assert auth.resolve("Matveyev").method == "ambiguous"
    m = map_record(rec, auth, IRI)
    zakharov = IRI.person("matvei-zakharov")
    assert (IRI.document("hand-telegram-2"), AKG.mentionsPerson, zakharov) in m.graph
    assert not any("matveyev" in name.lower() for _, name, _ in m.unreconciled)
    assert (IRI.alias("matvei-zakharov", "Matveyev"), AKG.attestedIn, IRI.document("hand-telegram-2")) in m.graph


def test_a_name_that_resolves_to_a_place_is_never_an_agent(auth: Authorities) -> None:
    """A sender misread from a dateline ("Beijing") is the place the paper was sent from, flagged, never an agent
    (DocumentShape: a sender is an akg:Agent; the page would be left out); a recipient that is a place is the
    destination; a place among participants is dropped, flagged. A real person next to them is kept."""
    rec = hand_record()
    rec.sent_from, rec.sent_from_span, rec.destination = None, None, None
    t = rec.text
    rec.senders = [ref(t, "Feng Xi (Stalin)", "Feng Xi", "Stalin", "person"), ref(t, "Moscow", "Beijing")]
    rec.recipients = [ref(t, "Moscow", "Pyongyang")]
    rec.participants = [ref(t, "Moscow", "Beijing")]
    g = map_record(rec, auth, IRI).graph
    doc = IRI.document("hand-telegram-1")
    beijing, pyongyang = IRI.place("beijing"), IRI.place("pyongyang")
    assert (doc, AKG.sender, beijing) not in g and (doc, AKG.participant, beijing) not in g
    assert (doc, AKG.recipient, pyongyang) not in g
    assert (doc, AKG.sentFrom, beijing) in g and (doc, AKG.destination, pyongyang) in g
    assert (doc, AKG.sender, IRI.person("joseph-stalin")) in g
    fields = {str(g.value(f, AKG.flaggedField)) for f in g.objects(doc, AKG.flag)}
    assert {"senders", "recipients", "participants"} <= fields
