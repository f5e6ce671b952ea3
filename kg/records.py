"""Typed records: what the ingest stage reads out of a source document.

These dataclasses are the contract between ``kg.ingest`` (which produces them) and ``kg.mapping``
(which turns them into RDF). They hold values *as written* plus their normalised form, and every value
that was read from text carries a :class:`Span` into :attr:`DocumentRecord.text`, so each fact in the
graph can be traced back to the words that assert it.

A value that cannot be right is never silently accepted or dropped: the parser keeps the verbatim text
and appends a :class:`Flag`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

AgentKind = Literal["person", "organization", "office", "unknown"]
MentionKind = Literal["person", "place", "organization"]
EventKind = Literal["sent", "received", "arrived", "deciphered", "typed", "issued", "forwarded", "other"]
DatePrecision = Literal["day", "month", "year", "decade"]
ClockBasis = Literal["stated", "inferred", "unknown"]
NoteKind = Literal[
    "gloss",  # [Korean People's Army], [Pak Hon Yong], [Stalin]: an editor's expansion or identification
    "transliteration",  # [aviaboiazn'], [instantsiya]: the original word, transliterated
    "translation",  # [in Russian translation: ...]
    "inserted_by_hand",  # [inserted by hand: ...]
    "handwritten",  # [handwritten: 20 September 1950]
    "translator_note",  # [Translator's note: ...]
    "stamp",  # [Stamp ...]
    "elision",  # [...]
    "illegible",  # [illegible]
    "other",
]


@dataclass(frozen=True)
class Span:
    """Half-open character offsets ``[start, end)`` into :attr:`DocumentRecord.text`."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span {self.start}..{self.end}")


@dataclass
class Flag:
    """A value the parser could not accept as it stands. The verbatim text is always kept."""

    field: str  # dotted path of the record field, e.g. "events[0].time"
    message: str  # what is wrong, readable
    verbatim: str  # the text as written
    line: int | None = None  # 1-based line in the source file
    span: Span | None = None


@dataclass
class NameRef:
    """A name of an agent as the document writes it.

    ``"Feng Xi (Stalin)"`` gives ``written="Feng Xi (Stalin)"``, ``name="Feng Xi"``, ``identified_as="Stalin"``:
    the document used the cover name *Feng Xi*, and the editor identified the person as *Stalin*.
    ``"FENG XI [FYN SI; Stalin]"`` gives ``name="FENG XI"``, ``variants=["FYN SI"]``, ``identified_as="Stalin"``.
    ``"the Soviet Ambassador, Peking"`` gives ``kind="office"``, ``name="the Soviet Ambassador, Peking"``.
    ``honorific`` keeps a stripped title such as "Cde." or "Comr.".
    """

    written: str
    name: str
    identified_as: str | None = None
    variants: list[str] = field(default_factory=list)
    honorific: str | None = None
    kind: AgentKind = "unknown"
    span: Span | None = None
    role: str | None = None  # a participant's role as written: "interpreter", "observer", "Delegation Leader"
    part: str | None = None  # a participant's part the title states: "host" or "guest" ("Reception by X of Y")


@dataclass
class HeaderEvent:
    """A line of a telegram's transmission header: sent, received, arrived, deciphered, typed."""

    kind: EventKind
    verbatim: str
    date: dt.date | None = None
    time: dt.time | None = None  # None when absent or impossible (then a Flag says why)
    clock: str | None = None  # "local", "Moscow", "Pyongyang time", as written; None if not said
    # which clock the time reads: the place whose local time it is ("Moscow", "Pyongyang"), None when unknown;
    # "stated" when the page says so, "inferred" from the event (a receipt in Moscow reads Moscow time; a sending
    # reads the local time of the place it was sent from), "unknown" otherwise
    clock_place: str | None = None
    clock_basis: ClockBasis = "unknown"
    utc_offset: int | None = None  # minutes east of UTC of that clock on that day, when known (kg.ingest.clocks)
    place: str | None = None  # "Moscow", "the 8th MDGS"
    agent: NameRef | None = None  # "Deciphered by Morozov"
    means: str | None = None  # "by wire"
    span: Span | None = None


@dataclass
class DistributionEntry:
    recipient: NameRef
    copies: int | None = None
    copy_number: int | None = None  # "1. Comr. Stalin" -> 1
    verbatim: str = ""
    span: Span | None = None


@dataclass
class ArchivalCitation:
    """One archive's part of a source citation. A line naming several archives gives several of these."""

    verbatim: str  # this archive's part, as written
    repository: str | None = None  # "APRF", "Library of Congress"
    division: str | None = None  # "Manuscript Division"
    collection: str | None = None  # "Dmitriĭ Antonovich Volkogonov papers, 1887-1995"
    identifier: str | None = None  # "mm97083838"
    fond: str | None = None
    opis: str | None = None
    delo: str | None = None
    papka: str | None = None
    folios: str | None = None  # "103-106", "78", "0078"
    item: str | None = None  # "por. 12" (poriadkovyi nomer), "item 4"
    box: str | None = None  # "Box 3" of a library's collection
    volume: str | None = None  # "vol. 3", "Bd. 119564": an archive file's volume (not a bench key)
    kind: str = "archive"  # "archive", or "publication" when the citation names a published collection
    heading: str | None = None  # the paragraph it was read from: "Source", "Original Archive", or None
    note: str | None = None  # what the citation says about the parts it does not give ("Fond and Opis not given")
    span: Span | None = None


@dataclass
class EditorialNote:
    kind: NoteKind
    text: str  # the content inside the brackets (without "handwritten:" etc.)
    verbatim: str  # with the brackets, as written
    span: Span | None = None
    target: str | None = None  # for glosses: the words just before the bracket the note explains


@dataclass
class Mention:
    """A person, place or organization named in the body text."""

    text: str  # as written
    kind: MentionKind
    span: Span


@dataclass
class DocumentRecord:
    """Everything read from one source document."""

    # identity and provenance
    doc_id: str  # stable local identifier, e.g. "wcda-ciphered-telegram-matveyev-zakharov-feng-xi-stalin"
    source_path: str  # path of the source file, relative to the project root when possible
    source_format: str  # "wilson-page" | "curated-yaml" | "curated-json"
    text: str  # the full source text; every Span points into it
    source_url: str | None = None  # the page it was taken from, where known
    publisher: str | None = None  # "Wilson Center Digital Archive"
    record_id: str | None = None  # the archive's own "Record ID"

    # description
    kind: str = "document"  # normalised kind: "ciphered telegram", "cable", "letter", "memorandum of conversation", ...
    title: str | None = None
    title_span: Span | None = None
    date: dt.date | None = None
    date_verbatim: str | None = None
    date_span: Span | None = None
    # how precise the document date is: "day" (then ``date`` is set), "month", "year" or "decade" (then ``date`` is
    # None and ``date_partial`` holds "1956-10", "1962" or "195X"); None when the page gives no date. A season
    # ("Spring 1983") is its year, with the EDTF season code in ``date_season``; "c. 1950", "circa", "[ca.]" make it approximate
    date_precision: DatePrecision | None = None
    date_partial: str | None = None
    date_approximate: bool = False
    date_season: int | None = None  # 21 spring, 22 summer, 23 autumn, 24 winter (EDTF level 1)
    handwritten_dates: list[dt.date] = field(default_factory=list)
    number: str | None = None  # "8600" from "Ciphered Telegram No. 8600"
    telegram_number: str | None = None  # "1298/sh" from "# 1298/sh"

    date_source: str = "date line"  # where the date was read: "date line", "title", "header", "citation", "none"
    conversation_date: dt.date | None = None  # a record of a conversation held on another day than it was written

    senders: list[NameRef] = field(default_factory=list)
    recipients: list[NameRef] = field(default_factory=list)
    participants: list[NameRef] = field(default_factory=list)  # of a conversation: neither senders nor recipients
    author: NameRef | None = None  # of a diary or journal
    via: list[NameRef] = field(default_factory=list)  # intermediaries: "(via Roshchin)"
    signatories: list[NameRef] = field(default_factory=list)  # "GROMYKO" at the foot of the body

    sent_from: str | None = None  # "Pyongyang"
    sent_from_span: Span | None = None
    destination: str | None = None  # "PEKING" from "Destination: PEKING"
    events: list[HeaderEvent] = field(default_factory=list)
    copies_made: int | None = None
    copies_span: Span | None = None
    distribution: list[DistributionEntry] = field(default_factory=list)
    classification: list[str] = field(default_factory=list)  # "Top Secret", "SPECIAL"

    body: str = ""
    body_span: Span | None = None
    notes: list[EditorialNote] = field(default_factory=list)
    summary: str | None = None
    summary_span: Span | None = None
    citations: list[ArchivalCitation] = field(default_factory=list)
    citation_verbatim: str | None = None
    translators: list[NameRef] = field(default_factory=list)
    rights: str | None = None
    rights_span: Span | None = None
    original_uploaded: dt.date | None = None
    doc_type: str | None = None  # the archive's own "Type" field, as written
    language: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    incomplete: bool = False  # the page text is cut: no summary, citation or rights after the body ("incomplete page")
    layout: str = "current"  # "current", "plain" (one line per paragraph, no blank lines), "quoted-citation" (old)

    @property
    def date_inferred(self) -> bool:
        """The date did not come from the page's date line (it was read from the title, header or citation); a page
        without any date inferred nothing."""
        return self.date_source not in ("date line", "none")

    @property
    def date_edtf(self) -> str | None:
        """The document date in the Extended Date/Time Format: "1956-10-15", "1956-10", "1962", "1950~", "1983-21"."""
        base = self.date.isoformat() if self.date else self.date_partial
        if base is None:
            return None
        if self.date_season and len(base) == 4:
            base = f"{base}-{self.date_season}"
        return base + "~" if self.date_approximate else base

    @property
    def date_bounds(self) -> tuple[dt.date, dt.date] | None:
        """The first and the last day the document date may be: the day itself, the month, the season (spring
        March to May ... winter December to February, read widely: from January of its year to February of the
        next), the year or the decade. None when the page gives no date."""
        if self.date is not None:
            return self.date, self.date
        p = self.date_partial
        if not p:
            return None
        if p.endswith("X"):  # "195X"
            start = int(p[:3]) * 10
            return dt.date(start, 1, 1), dt.date(start + 9, 12, 31)
        year = int(p[:4])
        if len(p) == 7:  # "1956-10"
            month = int(p[5:])
            nxt = dt.date(year + month // 12, month % 12 + 1, 1)
            return dt.date(year, month, 1), nxt - dt.timedelta(days=1)
        if self.date_season in (21, 22, 23):
            first = 3 * (self.date_season - 20)
            return dt.date(year, first, 1), dt.date(year, first + 3, 1) - dt.timedelta(days=1)
        if self.date_season == 24:
            return dt.date(year, 1, 1), dt.date(year + 1, 3, 1) - dt.timedelta(days=1)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)

    def quote(self, span: Span | None) -> str | None:
        """The source words a span points to."""
        return None if span is None else self.text[span.start : span.end]

    def line_of(self, offset: int) -> int:
        """1-based line number of a character offset in :attr:`text`."""
        return self.text.count("\n", 0, offset) + 1

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (dates as ISO strings, spans as ``[start, end]``); the full text is left out."""
        return _jsonable({k: v for k, v in dataclasses.asdict(self).items() if k != "text"})


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"start", "end"}:
            return [value["start"], value["end"]]
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value
