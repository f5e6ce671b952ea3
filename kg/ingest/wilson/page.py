"""A page's lines and the state every reader of a page shares: lines, spans, flags, errors."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from kg.errors import IngestError
from kg.ingest.common import DateHit
from kg.ingest.wilson.vocab import END_MARKERS, RIGHTS_START
from kg.records import (
    DocumentRecord,
    Flag,
    Span,
)


def signed_at(rec: DocumentRecord, ln: Line) -> bool:
    """The line is the signature the text ends with ("With greetings," / "Ivan Testov"): the text is not cut."""
    return any(s.span is not None and ln.start <= s.span.start < ln.end for s in rec.signatories)


def set_date(rec: DocumentRecord, hit: DateHit, verbatim: str | None, span: Span | None) -> None:
    """The document date from a date found on the page: to the day, or to the month or year only."""
    rec.date, rec.date_verbatim, rec.date_span = hit.value, verbatim, span
    rec.date_partial = None if hit.value else hit.partial
    rec.date_precision = "day" if hit.value else (hit.precision if hit.partial else None)  # type: ignore[assignment]
    rec.date_approximate = hit.approximate and rec.date_precision is not None
    rec.date_season = hit.season


@dataclass
class Line:
    no: int  # 1-based
    start: int  # offset of the first character
    text: str  # without the line end ("\n", "\r\n")

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def s(self) -> str:
        return self.text.strip()

    def span(self, a: int = 0, b: int | None = None) -> Span:
        return Span(self.start + a, self.start + (len(self.text) if b is None else b))

    @property
    def lead(self) -> int:
        """How many blank characters the line starts with."""
        return len(self.text) - len(self.text.lstrip())

    def stripped_span(self) -> Span:
        lead = self.lead
        return Span(self.start + lead, self.start + lead + len(self.text.strip()))


def first_filled(lines: Iterable[Line], n: int) -> Iterator[Line]:
    """The first ``n`` of these lines that are not blank."""
    return islice((ln for ln in lines if ln.s), n)


def document_end(lines: list[Line], start: int) -> int:
    """Where the document's text ends: the index of the first line at or after ``start`` that opens the page's
    closing blocks ("Document Information", "Source", "Rights", the rights statement, "Record ID", ...), or
    ``len(lines)`` when the page has none (it was cut before them)."""
    for k in range(start, len(lines)):
        s = lines[k].s
        if END_MARKERS.match(s) or RIGHTS_START.match(s) or s in ("Source", "Rights"):
            return k
    return len(lines)


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    pos = 0
    for i, raw in enumerate(text.split("\n")):
        body = raw[:-1] if raw.endswith("\r") else raw
        lines.append(Line(i + 1, pos, body))
        pos += len(raw) + 1
    return lines


class PageBase:
    def __init__(self, text: str, path: str, meta: dict[str, Any] | None) -> None:
        self.text = text
        self.path = path
        self.meta = meta or {}
        self.lines = split_lines(text)
        self.flags: list[Flag] = []
        self.plain = False
        self.sent_from_rank: int | None = None  # how trusted the line sent_from was read from (sentfrom.py)
        self.undated = False  # the date line says the document is undated: no date is inferred

    # -- helpers ---------------------------------------------------------------------------------------------
    def flag(self, field: str, message: str, verbatim: str, line: Line | int | None = None,
             span: Span | None = None) -> None:
        no = line.no if isinstance(line, Line) else line
        if span is not None and (span.end > len(self.text)):
            span = None
        self.flags.append(Flag(field=field, message=message, verbatim=verbatim, line=no, span=span))

    def error(self, message: str, line: int | None, field: str) -> IngestError:
        return IngestError(self.path, message, line=line, field=field)

    def next_nonblank(self, i: int, stop: int | None = None) -> int | None:
        stop = len(self.lines) if stop is None else stop
        while i < stop:
            if self.lines[i].s:
                return i
            i += 1
        return None


    def lines_with(self, needle: str) -> int | None:
        for ln in self.lines:
            if needle in ln.text:
                return ln.no
        return None
