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
class Label:
    text: str
    lang: str | None = None  # BCP 47 incl. script, e.g. "ru-Cyrl", "ko-Latn-x-mr"
    note: str | None = None
    derived: bool = False  # written from general knowledge, not seen in a source
    confidence: str = "high"  # "low": a doubtful identification, kept as noted, never as a fact
    line: int | None = field(default=None, repr=False, compare=False)  # where it is written


@dataclass
class AliasEntry:
    label: str
    lang: str | None = None
    note: str | None = None
    source: str | None = None  # where the cover name is attested
    line: int | None = field(default=None, repr=False, compare=False)


@dataclass
class Role:
    title: str
    start: str | None = None
    end: str | None = None
    organization: str | None = None  # organization key
    note: str | None = None
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
    wikidata_source: str | None = None
    description: str | None = None
    roles: list[Role] = field(default_factory=list)
    holders: list[OfficeTerm] = field(default_factory=list)
    part_of: str | None = None
    source: str | None = None
    family_names: list[str] = field(default_factory=list)  # a surname alone resolves when unambiguous
    notes: list[str] = field(default_factory=list)
    file: str | None = field(default=None, repr=False, compare=False)
    line: int | None = field(default=None, repr=False, compare=False)
    part_of_line: int | None = field(default=None, repr=False, compare=False)


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
