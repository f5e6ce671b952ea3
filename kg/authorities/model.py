"""The entries of the authority files in memory: entities, their names, roles and office terms, and the result of
resolving a name (:class:`Resolution`)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

ETYPES = ("person", "organization", "archive", "place", "office")
FILE_TYPES = {
    "persons.yaml": "person",
    "organizations.yaml": "organization",
    "archives.yaml": "archive",
    "places.yaml": "place",
    "offices.yaml": "office",
}
# etypes found by find_mentions (offices are named by role phrases, resolved through resolve_ref)
MENTION_ETYPES = ("person", "place", "organization", "archive")
# a kind hint also accepts these etypes (an archive is an organization)
KIND_ACCEPTS = {
    "person": ("person",),
    "organization": ("organization", "archive"),
    "archive": ("archive",),
    "place": ("place",),
    "office": ("office",),
}

QID_RE = re.compile(r"^Q[1-9][0-9]*$")
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
LANG_RE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")


# ----------------------------------------------------------------------------------------------- records


@dataclass
class Source:
    """A public source a reader can follow: an archive page (``url`` and its ``record_id``), a Wikidata item, or a
    published reference (``citation``). Published as ``dcterms:source``; never a local file or working note."""

    url: str | None = None
    record_id: str | None = None
    title: str | None = None
    citation: str | None = None
    retrieved: str | None = None  # YYYY-MM-DD: when the page or item was read
    line: int | None = field(default=None, repr=False, compare=False)


@dataclass
class Label:
    text: str
    lang: str | None = None  # BCP 47 incl. script, e.g. "ru-Cyrl", "ko-Latn-x-mr"
    curator_note: str | None = None  # curators' working note: never published
    derived: bool = False  # written from general knowledge, not seen in a source
    confidence: str = "high"  # "low": a doubtful identification, kept for curators, never published as a name
    line: int | None = field(default=None, repr=False, compare=False)  # where it is written


ALIAS_KINDS = ("cover name", "nickname")


@dataclass
class AliasEntry:
    """Another name a person went by. A *cover name* (Filippov, Feng Xi, Matveyev) is used in correspondence to hide
    who wrote or received it, and may stand for different people in different documents; a *nickname* or party name
    (Koba, Uncle Joe) is how others called the person. One node per name: ``label`` is its one ``rdfs:label``;
    ``forms`` are the same name in other scripts (``skos:altLabel``)."""

    label: str
    kind: str = "cover name"
    lang: str | None = None
    forms: list[Label] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    curator_note: str | None = None
    line: int | None = field(default=None, repr=False, compare=False)


@dataclass
class Role:
    title: str
    start: str | None = None
    end: str | None = None
    organization: str | None = None  # organization key
    curator_note: str | None = None
    line: int | None = field(default=None, repr=False, compare=False)


@dataclass
class OfficeTerm:
    person: str  # person key
    start: str | None = None
    end: str | None = None
    line: int | None = field(default=None, repr=False, compare=False)


@dataclass
class Entity:
    key: str
    etype: str
    label: str
    variants: list[Label] = field(default_factory=list)
    misspellings: list[Label] = field(default_factory=list)
    aliases: list[AliasEntry] = field(default_factory=list)
    wikidata: str | None = None
    wikidata_source: str | None = None  # how the QID was verified: curators' record, never published
    wikidata_retrieved: str | None = None  # YYYY-MM-DD the item was checked: published with the link
    description: str | None = None  # who or what this is, for the public
    roles: list[Role] = field(default_factory=list)
    holders: list[OfficeTerm] = field(default_factory=list)
    part_of: str | None = None
    sources: list[Source] = field(default_factory=list)  # public sources
    family_names: list[str] = field(default_factory=list)  # a surname alone resolves when unambiguous
    notes: list[str] = field(default_factory=list)  # public notes (skos:note)
    curator_note: str | None = None  # curators' working notes: never published
    file: str | None = field(default=None, repr=False, compare=False)
    line: int | None = field(default=None, repr=False, compare=False)
    part_of_line: int | None = field(default=None, repr=False, compare=False)

    def alias(self, label: str) -> AliasEntry | None:
        """The listed alias whose label is ``label`` exactly."""
        return next((a for a in self.aliases if a.label == label), None)


@dataclass
class Resolution:
    etype: str
    key: str
    label: str
    reconciled: bool
    matched: str
    method: str  # preferred | variant | misspelling | alias | normalized | surname | ambiguous | unreconciled
    alias: str | None = None
    entity: Entity | None = None
    candidates: list[str] = field(default_factory=list)  # "etype/key" of the candidates when ambiguous
    confidence: str = "high"  # "low" when only a doubtful form matched
    note: str | None = None
    flag: str | None = None  # something about the words as written a curator should see ("footnote digits ...")



def date_bound(value: str | None, *, end: bool) -> dt.date | None:
    """The first (or with ``end``, the last) day a date of the authority files can mean ("1950" as an end:
    1950-12-31)."""
    if value is None:
        return None
    m = DATE_RE.match(value)
    assert m
    y = int(m[1])
    if m[3]:
        return dt.date(y, int(m[2]), int(m[3]))
    if m[2]:
        mo = int(m[2])
        if not end:
            return dt.date(y, mo, 1)
        nxt = dt.date(y + (mo == 12), mo % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return dt.date(y, 12, 31) if end else dt.date(y, 1, 1)
