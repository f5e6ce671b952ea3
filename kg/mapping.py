"""Record → RDF. One :class:`~kg.records.DocumentRecord` becomes the triples of one document.

Every resource states every class it belongs to (no inference is assumed), every IRI comes from
:mod:`kg.iris` (never from order), and every fact read from text gets an ``akg:Attestation`` (an
``rdf:Statement``) pointing at the words that assert it: document, character offsets, quote.
Names are resolved through :class:`kg.authorities.Authorities`; a name with no authority entry still
becomes an entity, marked ``akg:reconciled false``, and is reported in :attr:`Mapped.unreconciled`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib import namespace as _ns

from kg.authorities import Authorities, Resolution, match_key
from kg.iris import ENTITY_TYPES, IRIs, ascii_words, digest, slug
from kg.namespaces import AKG as _AKG
from kg.participation import add_participations
from kg.quads import StrNS, TripleSink, _iri_cache, iri_needs_escape, lit, nt_iri
from kg.recognize import document_mentions
from kg.records import DocumentRecord, NameRef, Span

# Terms are plain strings on this path (an IRI as ``str``, a literal as :func:`kg.quads.lit`'s tuple), turned
# into N-Triples text once by the sink; ``reference=True`` maps the same record with rdflib terms instead.
AKG, RDF, RDFS, DCTERMS, PROV, XSD = (StrNS(str(ns)) for ns in (_AKG, _ns.RDF, _ns.RDFS, _ns.DCTERMS, _ns.PROV,
                                                                 _ns.XSD))

_NT_TYPE, _NT_SUBJECT, _NT_PREDICATE, _NT_OBJECT = (nt_iri(RDF[x]) for x in ("type", "subject", "predicate", "object"))
_NT_ATTESTATION, _NT_STATEMENT = nt_iri(AKG.Attestation), nt_iri(RDF.Statement)
_NT_IN_DOCUMENT, _NT_CHAR_START, _NT_CHAR_END, _NT_QUOTE, _NT_METHOD = (
    nt_iri(AKG[x]) for x in ("inDocument", "charStart", "charEnd", "quote", "method"))
_NT_INTEGER = nt_iri(XSD.integer)


SKOS_ALT_LABEL = str(_ns.SKOS.altLabel)


def alias_label(written: str) -> str:
    """The label of a cover name no authority entry lists. Its node is named by the name's slug
    (:meth:`kg.iris.IRIs.alias`), so every form with that slug ("FLILIPPOV", "Flilippov"; "Feng-Xi", "Feng Xi";
    "Fëdorov", "Fedorov") describes one node, whichever pages write it: its rdfs:label is made from the slug alone
    (its words capitalised), so the node has exactly one label (AliasShape) whatever page is mapped first, and each
    written form that differs is kept as a skos:altLabel. A name without Latin letters is its own slug (a digest of
    the form): its label is the form as written."""
    words = ascii_words(written)
    if not words:
        return " ".join(written.split())
    return " ".join(w[:1].upper() + w[1:] for w in words.split("-"))


def _fresh_iri(value: str) -> str:
    """``<iri>`` of an IRI used by one page only (not kept in :func:`kg.quads.nt_iri`'s cache)."""
    if iri_needs_escape(value):
        return nt_iri(value)
    return f"<{value}>"


KIND_CLASSES: dict[str, str] = {
    "ciphered telegram": AKG.Telegram,
    "telegram": AKG.Telegram,
    "cable": AKG.Telegram,
    "incoming cable": AKG.Telegram,
    "outgoing cable": AKG.Telegram,
    "letter": AKG.Letter,
    "memorandum": AKG.Memorandum,
    "memorandum of conversation": AKG.Memorandum,
    "record of conversation": AKG.Memorandum,
    "minutes of conversation": AKG.Memorandum,
    "conversation": AKG.Memorandum,
    "note": AKG.Note,
    "report": AKG.Report,
}
ETYPE_CLASSES: dict[str, tuple[str, ...]] = {
    "person": (AKG.Person, AKG.Agent),
    "organization": (AKG.Organization, AKG.Agent),
    "archive": (AKG.Archive, AKG.Organization, AKG.Agent),
    "office": (AKG.Office, AKG.Agent),
    "place": (AKG.Place,),
}
MENTION_PROPERTY = {
    "person": AKG.mentionsPerson,
    "place": AKG.mentionsPlace,
    "organization": AKG.mentionsOrganization,
    "archive": AKG.mentionsOrganization,
    "office": AKG.mentionsOrganization,
}


_DIGITS = re.compile(r"\d{1,2}")


def kind_concept(kind: str) -> str:
    return AKG["kind-" + slug(kind)]


def event_type_concept(kind: str) -> str:
    return AKG["event-" + slug(kind)]


def note_type_concept(kind: str) -> str:
    return AKG["note-" + slug(kind.replace("_", "-"))]


@dataclass
class Mapped:
    """The triples of one document (a :class:`~kg.quads.TripleSink`, not an rdflib graph: the build streams them
    as N-Triples text) and the names that had no authority entry."""

    triples: TripleSink
    unreconciled: list[tuple[str, str, str]] = field(default_factory=list)  # (etype, name as written, doc_id)
    doc: URIRef | None = None

    @property
    def graph(self) -> Graph:
        """The triples as an rdflib graph (for tests and small tools; the build never builds one)."""
        return self.triples.to_graph()

    def lines(self) -> tuple[list[str], list[str]]:
        """N-Triples lines: (the document's own triples, triples about nodes other documents may also describe)."""
        return self.triples.split_lines(str(self.doc))


class StrIRIs(IRIs):
    """:class:`~kg.iris.IRIs` minting plain strings (no rdflib term on the mapping's path)."""

    def entity(self, etype: str, key: str) -> str:  # type: ignore[override]
        if etype not in ENTITY_TYPES:
            raise ValueError(f"unknown entity type {etype!r}")
        return f"{self.base}id/{etype}/{key}"

    def document_part(self, doc_id: str, part: str, key: str) -> str:  # type: ignore[override]
        return f"{self.base}id/document/{doc_id}/{part}/{key}"


_str_iris: dict[str, StrIRIs] = {}


def _lex(term) -> str:
    """The lexical form (a literal) or the IRI of a term: what an attestation's digest is computed from."""
    return term[1] if type(term) is tuple else str(term)


class _Mapper:
    lit = staticmethod(lit)
    node = staticmethod(str)

    def __init__(self, record: DocumentRecord, authorities: Authorities, iris: IRIs, memo: dict | None = None) -> None:
        self.r = record
        self.memo = memo  # what the names pass recognized in this record (kg.recognize.mentions_in_text)
        self.auth = authorities
        self.iris = self._iris(iris)
        self.g = TripleSink()  # Graph-like: .add((s, p, o)); swap the sink, not the logic
        self.doc = self.iris.document(record.doc_id)
        self.unreconciled: list[tuple[str, str, str]] = []
        self._parts: dict[tuple[str, str], int] = {}
        self.identified: dict[str, Resolution] = {}  # cover names the document identifies (match key -> entity)

    @staticmethod
    def _iris(iris: IRIs) -> IRIs:
        s = _str_iris.get(iris.base)
        if s is None:
            s = _str_iris[iris.base] = StrIRIs(iris.base)
        return s

    # -- helpers -------------------------------------------------------------------------------------
    def add(self, s: str, p: str, o) -> None:
        c = _iri_cache
        self.g._t[(c.get(s) or nt_iri(s), c.get(p) or nt_iri(p),
                   o[0] if type(o) is tuple else c.get(o) or nt_iri(o))] = None

    def attest(self, p: str, o, span: Span | None, *, subject: str | None = None, method: str | None = None) -> None:
        """Record which words assert ``(subject or doc, p, o)`` (what :meth:`_ReferenceMapper.attest` adds, term
        by term, made here as N-Triples at once)."""
        if span is None or span.end > len(self.r.text):
            return
        s = subject if subject is not None else self.doc
        a = _fresh_iri(self.iris.attestation(self.r.doc_id, s, p, _lex(o), span.start, span.end))
        c = _iri_cache
        t = self.g._t
        t[(a, _NT_TYPE, _NT_ATTESTATION)] = None
        t[(a, _NT_TYPE, _NT_STATEMENT)] = None
        t[(a, _NT_SUBJECT, c.get(s) or nt_iri(s))] = None
        t[(a, _NT_PREDICATE, c.get(p) or nt_iri(p))] = None
        t[(a, _NT_OBJECT, o[0] if type(o) is tuple else c.get(o) or nt_iri(o))] = None
        t[(a, _NT_IN_DOCUMENT, c.get(self.doc) or nt_iri(self.doc))] = None
        t[(a, _NT_CHAR_START, f'"{span.start}"^^{_NT_INTEGER}')] = None
        t[(a, _NT_CHAR_END, f'"{span.end}"^^{_NT_INTEGER}')] = None
        t[(a, _NT_QUOTE, lit(self.r.text[span.start : span.end])[0])] = None
        if method:
            t[(a, _NT_METHOD, lit(method)[0])] = None

    def _attest_terms(self, p: str, o, span: Span | None, *, subject: str | None = None,
                      method: str | None = None) -> None:
        """Record which words assert ``(subject or doc, p, o)``."""
        if span is None or span.end > len(self.r.text):
            return
        s = subject if subject is not None else self.doc
        a = self.iris.attestation(self.r.doc_id, str(s), str(p), _lex(o), span.start, span.end)
        g = self.g
        g.add((a, RDF.type, AKG.Attestation))
        g.add((a, RDF.type, RDF.Statement))
        g.add((a, RDF.subject, s))
        g.add((a, RDF.predicate, p))
        g.add((a, RDF.object, o))
        g.add((a, AKG.inDocument, self.doc))
        g.add((a, AKG.charStart, self.lit(span.start, datatype=XSD.integer)))
        g.add((a, AKG.charEnd, self.lit(span.end, datatype=XSD.integer)))
        g.add((a, AKG.quote, self.lit(self.r.text[span.start : span.end])))
        if method:
            g.add((a, AKG.method, self.lit(method)))

    def part(self, kind: str, key: str) -> str:
        """IRI of a document part, unique within the document (a repeated key gets -2, -3, ...)."""
        key = key or "x"
        n = self._parts.get((kind, key), 0) + 1
        self._parts[(kind, key)] = n
        return self.iris.document_part(self.r.doc_id, kind, key if n == 1 else f"{key}-{n}")

    def entity(self, res: Resolution, written: str) -> str:
        node = self.iris.entity(res.etype, res.key)
        if not res.reconciled:
            for cls in ETYPE_CLASSES.get(res.etype, (AKG.Agent,)):
                self.add(node, RDF.type, cls)
            self.add(node, RDFS.label, self.lit(res.label or written))
            self.add(node, AKG.reconciled, self.lit(False))
            self.add(node, DCTERMS.identifier, self.lit(res.key))
            if res.method == "ambiguous" and res.candidates:
                for c in res.candidates:
                    etype, _, key = c.partition("/")
                    self.add(node, AKG.candidate, self.iris.entity(etype, key))
            self.unreconciled.append((res.etype, written, self.r.doc_id))
        return node

    def alias(self, res: Resolution, node: str, label: str, span: Span | None) -> str:
        """The cover name a document uses for ``node``. An alias listed in the authority files is described there
        (one label, its forms, its kind); a new one is described here, once. Either way this document attests it,
        and which person it stands for here is attested with the words that say so."""
        a = self.iris.alias(res.key, label)
        if not (res.reconciled and self.auth.alias_entry(res.etype, res.key, label)):
            self.add(a, RDF.type, AKG.Alias)
            self.add(a, RDF.type, AKG.CoverName)
            shown = alias_label(label)  # one label for the node whichever page writes it in capitals
            self.add(a, RDFS.label, self.lit(shown))
            if shown != label:
                self.add(a, SKOS_ALT_LABEL, self.lit(label))
            self.add(a, AKG.aliasOf, node)
            self.add(node, AKG.hasAlias, a)
        self.add(a, AKG.attestedIn, self.doc)
        self.attest(AKG.aliasOf, node, span, subject=a)
        return a

    def agents(self, refs: list[NameRef], fld: str, place_prop: str | None = None
               ) -> list[tuple[NameRef, tuple[Resolution, str | None]]]:
        """``refs`` with their resolutions (for :meth:`agent`), without the names that resolve to a place: a place
        is never an agent (a misread such as a dateline's city taken for a sender would break the page's shapes and
        leave it out). Each is flagged, and a sender's (recipient's) place becomes the document's akg:sentFrom
        (akg:destination) when it has none."""
        out = []
        for ref in refs:
            got = self.auth.resolve_ref(ref)
            if got[0].etype != "place":
                out.append((ref, got))
                continue
            self.flag(fld, "a place is not an agent: read as a place", ref.written, None)
            if place_prop is not None:
                self.place(ref.name or ref.written, ref.span, place_prop)
                place_prop = None
        return out

    def agent(self, ref: NameRef, prop: str, alias_prop: str | None = None,
              resolved: tuple[Resolution, str | None] | None = None) -> str:
        res, alias_label = resolved if resolved is not None else self.auth.resolve_ref(ref)
        node = self.entity(res, ref.name or ref.written)
        self.add(self.doc, prop, node)
        self.attest(prop, node, ref.span)
        if alias_label:
            if res.reconciled:
                self.identified[match_key(alias_label)] = res  # this document says whom the cover name stands for
            a = self.alias(res, node, alias_label, ref.span)
            if alias_prop is not None:
                self.add(self.doc, alias_prop, a)
                self.attest(alias_prop, a, ref.span)
        if res.etype == "office" and res.reconciled:
            holder = self.auth.office_holder(res.key, self.r.date)
            if holder:
                person = self.iris.person(holder)
                self.add(self.doc, prop, person)
                self.attest(prop, person, ref.span, method="holder of the office on the document's date")
        return node

    def place(self, name: str, span: Span | None, prop: str, subject: str | None = None) -> str:
        res = self.auth.resolve(name, "place")
        node = self.entity(res, name)
        self.add(subject if subject is not None else self.doc, prop, node)
        self.attest(prop, node, span, subject=subject)
        return node

    # -- the document ---------------------------------------------------------------------------------
    def map(self) -> Mapped:
        r, doc, add = self.r, self.doc, self.add
        add(doc, RDF.type, AKG.Document)
        cls = KIND_CLASSES.get(r.kind.lower())
        if cls is not None:
            add(doc, RDF.type, cls)
        add(doc, AKG.documentKind, kind_concept(r.kind))
        add(doc, DCTERMS.identifier, self.lit(r.doc_id))
        title = r.title or f"Untitled document {r.doc_id}"
        add(doc, DCTERMS.title, self.lit(title, lang="en"))
        add(doc, RDFS.label, self.lit(title, lang="en"))
        self.attest(DCTERMS.title, self.lit(title, lang="en"), r.title_span)
        if r.date or r.date_partial:  # as precise as the page: xsd:date, xsd:gYearMonth or xsd:gYear (+ EDTF)
            if r.date_precision == "decade":  # "195X": no xsd type says it; the EDTF string and its bounds do
                d = self.lit(r.date_edtf or "")
                self.attest(AKG.edtfDate, d, r.date_span)
            else:
                d = self.lit(r.date, datatype=XSD.date) if r.date else self.lit(
                    r.date_partial, datatype=XSD.gYearMonth if len(r.date_partial or "") == 7 else XSD.gYear)
                add(doc, DCTERMS.date, d)
                self.attest(DCTERMS.date, d, r.date_span)
            add(doc, AKG.datePrecision, self.lit(r.date_precision or "day"))
            if r.date_partial or r.date_approximate:
                add(doc, AKG.edtfDate, self.lit(r.date_edtf or ""))
                if (bounds := r.date_bounds) is not None:  # what a range filter reads (a day needs none)
                    add(doc, AKG.earliestDate, self.lit(bounds[0], datatype=XSD.date))
                    add(doc, AKG.latestDate, self.lit(bounds[1], datatype=XSD.date))
            if r.date_approximate:
                add(doc, AKG.dateApproximate, self.lit(True))
        for hd in r.handwritten_dates:
            add(doc, AKG.handwrittenDate, self.lit(hd, datatype=XSD.date))
        if r.number:
            add(doc, AKG.documentNumber, self.lit(r.number))
        if r.telegram_number:
            add(doc, AKG.telegramNumber, self.lit(r.telegram_number))
        for c in r.classification:
            add(doc, AKG.classification, self.lit(c))
        if r.source_url:
            add(doc, DCTERMS.source, self.node(r.source_url))
            add(doc, PROV.wasDerivedFrom, self.node(r.source_url))
        if r.publisher:
            add(doc, DCTERMS.publisher, self.lit(r.publisher))
        if r.record_id:
            add(doc, AKG.recordId, self.lit(r.record_id))
        if r.original_uploaded:
            add(doc, AKG.originalUploaded, self.lit(r.original_uploaded, datatype=XSD.date))
        if r.doc_type:
            add(doc, AKG.archiveType, self.lit(r.doc_type))
        if r.language:
            add(doc, DCTERMS.language, self.lit(r.language))
        add(doc, AKG.sourceFormat, self.lit(r.source_format))

        for ref, got in self.agents(r.senders, "senders", AKG.sentFrom if not r.sent_from else None):
            self.agent(ref, AKG.sender, AKG.senderAlias, got)
        for ref, got in self.agents(r.recipients, "recipients", AKG.destination if not r.destination else None):
            self.agent(ref, AKG.recipient, AKG.recipientAlias, got)
        for ref, got in self.agents(r.via, "via"):
            self.agent(ref, AKG.via, resolved=got)
        for ref, got in self.agents(r.signatories, "signatories"):
            self.agent(ref, AKG.signatory, resolved=got)
        for ref, got in self.agents(r.translators, "translators"):
            self.agent(ref, AKG.translator, resolved=got)
        # participants of a conversation (neither senders nor recipients), each also in its role (kg.participation)
        add_participations(self, [
            (ref, self.agent(ref, AKG.interpreter if ref.role == "interpreter" else AKG.participant, resolved=got))
            for ref, got in self.agents(r.participants, "participants")])
        if r.author is not None:
            self.agent(r.author, AKG.diaryAuthor)
        if r.conversation_date:
            add(doc, AKG.conversationDate, self.lit(r.conversation_date, datatype=XSD.date))
        if (r.date or r.date_partial) and r.date_source != "date line":
            add(doc, AKG.dateSource, self.lit(r.date_source))
        if r.incomplete:
            add(doc, AKG.incompletePage, self.lit(True))

        if r.sent_from:
            self.place(r.sent_from, r.sent_from_span, AKG.sentFrom)
        if r.destination:
            self.place(r.destination, None, AKG.destination)
        self.events()
        if r.copies_made is not None:
            n = self.lit(r.copies_made, datatype=XSD.integer)
            add(doc, AKG.copiesMade, n)
            self.attest(AKG.copiesMade, n, r.copies_span)
        self.distribution()
        self.citations()

        if r.body:
            add(doc, AKG.bodyText, self.lit(r.body, lang="en"))
            if r.body_span is not None:
                add(doc, AKG.bodyStart, self.lit(r.body_span.start, datatype=XSD.integer))
        self.notes()
        if r.summary:
            add(doc, DCTERMS.abstract, self.lit(r.summary, lang="en"))
            self.attest(DCTERMS.abstract, self.lit(r.summary, lang="en"), r.summary_span)
        if r.rights:
            add(doc, DCTERMS.rights, self.lit(r.rights, lang="en"))
            self.attest(DCTERMS.rights, self.lit(r.rights, lang="en"), r.rights_span)
        self.mentions()
        self.flags()
        return Mapped(self.g, self.unreconciled, URIRef(self.doc))

    def events(self) -> None:
        r = self.r
        for ev in r.events:
            node = self.part("event", ev.kind)
            self.add(node, RDF.type, AKG.TransmissionEvent)
            self.add(node, AKG.eventType, event_type_concept(ev.kind))
            self.add(self.doc, AKG.transmissionEvent, node)
            self.add(node, RDFS.label, self.lit(ev.verbatim))
            stamp = None
            if ev.date and ev.time:
                # on a known clock the time carries its UTC offset, so times on two clocks compare in UTC
                tz = dt.timezone(dt.timedelta(minutes=ev.utc_offset)) if ev.utc_offset is not None else None
                stamp = self.lit(dt.datetime.combine(ev.date, ev.time, tzinfo=tz), datatype=XSD.dateTime)
                self.add(node, AKG.atTime, stamp)
            if ev.date:
                self.add(node, AKG.onDate, self.lit(ev.date, datatype=XSD.date))
            if ev.time:
                self.add(node, AKG.timeAsWritten, self.lit(ev.time.strftime("%H:%M")))
            if ev.clock:
                self.add(node, AKG.clock, self.lit(ev.clock))
            if ev.clock_place:
                self.add(node, AKG.clockPlace, self.entity(self.auth.resolve(ev.clock_place, "place"), ev.clock_place))
                self.add(node, AKG.clockBasis, self.lit(ev.clock_basis))
            if ev.means:
                self.add(node, AKG.means, self.lit(ev.means))
            if ev.place:
                res = self.auth.resolve(ev.place, "place")
                place = self.entity(res, ev.place)
                self.add(node, AKG.atPlace, place)
            if ev.agent:
                res, _ = self.auth.resolve_ref(ev.agent)
                agent = self.entity(res, ev.agent.written)
                self.add(node, AKG.agent, agent)
                self.attest(AKG.agent, agent, ev.agent.span, subject=node)
            self.attest(AKG.transmissionEvent, node, ev.span)
            if stamp is not None and ev.kind == "sent":
                self.add(self.doc, AKG.sentAt, stamp)
                self.attest(AKG.sentAt, stamp, ev.span)
            elif stamp is not None and ev.kind == "received":
                self.add(self.doc, AKG.receivedAt, stamp)
                self.attest(AKG.receivedAt, stamp, ev.span)

    def distribution(self) -> None:
        for entry in self.r.distribution:
            node = self.part("distribution", slug(entry.recipient.written))
            self.add(node, RDF.type, AKG.DistributionEntry)
            self.add(self.doc, AKG.distribution, node)
            self.add(node, RDFS.label, self.lit(entry.verbatim or entry.recipient.written))
            res, _ = self.auth.resolve_ref(entry.recipient)
            agent = self.entity(res, entry.recipient.written)
            self.add(node, AKG.distributedTo, agent)
            if entry.copies is not None:
                self.add(node, AKG.copies, self.lit(entry.copies, datatype=XSD.integer))
            if entry.copy_number is not None:
                self.add(node, AKG.copyNumber, self.lit(entry.copy_number, datatype=XSD.integer))
            self.attest(AKG.distribution, node, entry.span)

    def citations(self) -> None:
        r = self.r
        if r.citation_verbatim:
            self.add(self.doc, DCTERMS.bibliographicCitation, self.lit(r.citation_verbatim))
        for i, c in enumerate(r.citations):
            repo = None
            if c.repository:
                res = self.auth.resolve(c.repository, "archive")
                repo = self.entity(res, c.repository)
                key = res.key
            else:
                key = "unknown-repository" if c.kind != "publication" else f"publication-{i}"
            node = self.part("reference", key)
            self.add(node, RDF.type, AKG.ArchivalReference)
            if c.kind == "publication":
                self.add(node, RDF.type, AKG.PublishedSource)
            self.add(self.doc, AKG.archivalReference, node)
            self.add(node, RDFS.label, self.lit(c.verbatim))
            self.add(node, DCTERMS.bibliographicCitation, self.lit(c.verbatim))
            if repo is not None:
                self.add(node, AKG.repository, repo)
            for prop, value in (
                (AKG.division, c.division), (AKG.collection, c.collection), (AKG.collectionIdentifier, c.identifier),
                (AKG.fond, c.fond), (AKG.opis, c.opis), (AKG.delo, c.delo), (AKG.papka, c.papka), (AKG.folios, c.folios),
                (AKG.itemNumber, c.item), (AKG.box, c.box), (AKG.citationNote, c.note),
            ):
                if value:
                    self.add(node, prop, self.lit(value))
            self.attest(AKG.archivalReference, node, c.span)

    def notes(self) -> None:
        for note in self.r.notes:
            key = digest(note.kind, note.verbatim, note.span.start if note.span else "")
            node = self.iris.document_part(self.r.doc_id, "note", key)
            self.add(node, RDF.type, AKG.EditorialNote)
            self.add(self.doc, AKG.editorialNote, node)
            self.add(node, AKG.noteType, note_type_concept(note.kind))
            self.add(node, RDF.value, self.lit(note.text))
            self.add(node, RDFS.label, self.lit(note.verbatim))
            if note.target:
                self.add(node, AKG.noteTarget, self.lit(note.target))
            self.attest(AKG.editorialNote, node, note.span)

    def mentions(self) -> None:
        r = self.r
        seen: set[tuple[int, int]] = set()
        found = document_mentions(r, self.auth, memo=self.memo)  # gazetteer + recognized names + parser mentions
        for span, res, written in found:
            if not res.reconciled and res.method == "ambiguous":  # a cover name several people used: this
                res = self.identified.get(match_key(written), res)  # document's own identification, if it has one
            if (span.start, span.end) in seen or any(s <= span.start and span.end <= e for s, e in seen):
                continue
            seen.add((span.start, span.end))
            node = self.entity(res, written)
            prop = MENTION_PROPERTY.get(res.etype, AKG.mentions)
            self.add(self.doc, AKG.mentions, node)
            self.add(self.doc, prop, node)
            self.attest(AKG.mentions, node, span, method=res.flag)
            if res.flag:  # "JELEN1": the name is read without the digits, and the page says so
                glued = _DIGITS.match(self.r.text, span.end)
                self.flag("mentions", res.flag, self.r.text[span.start:glued.end() if glued else span.end],
                          self.r.text.count("\n", 0, span.start) + 1)

    def flags(self) -> None:
        for f in self.r.flags:
            self.flag(f.field, f.message, f.verbatim, f.line)

    def flag(self, fld: str, message: str, verbatim: str, line: int | None) -> None:
        node = self.iris.document_part(self.r.doc_id, "flag", digest(fld, message, verbatim))
        self.add(node, RDF.type, AKG.QualityFlag)
        self.add(self.doc, AKG.flag, node)
        self.add(node, AKG.flaggedField, self.lit(fld))
        self.add(node, RDFS.label, self.lit(f"{fld}: {message}"))
        self.add(node, RDFS.comment, self.lit(message, lang="en"))
        self.add(node, AKG.verbatim, self.lit(verbatim))
        if line:
            self.add(node, AKG.line, self.lit(line, datatype=XSD.integer))


class _ReferenceMapper(_Mapper):
    """The same mapping with rdflib terms (``URIRef``, ``Literal``, IRIs from :class:`~kg.iris.IRIs`) turned into
    N-Triples by :func:`kg.quads.nt_term`: what the string path must equal (``tests/test_mapping_fast.py``)."""

    lit = staticmethod(Literal)
    node = staticmethod(URIRef)
    attest = _Mapper._attest_terms

    def add(self, s, p, o) -> None:
        self.g.add((s, p, o))

    @staticmethod
    def _iris(iris: IRIs) -> IRIs:
        return iris


def map_record(record: DocumentRecord, authorities: Authorities, iris: IRIs, *, reference: bool = False,
               memo: dict | None = None) -> Mapped:
    """The RDF of one document (for the documents graph) and the names that had no authority entry. ``memo``: what
    the build's names pass recognized in this record, taken instead of recognizing its names again."""
    return (_ReferenceMapper if reference else _Mapper)(record, authorities, iris, memo).map()
