"""Finding the blocks of a page: lines, the date line, the title, the end of the document, the summary."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import IngestError
from kg.ingest.common import (
    parse_date_line,
)
from kg.ingest.wilson.vocab import (
    END_MARKERS,
    NOTE_RE,
    PUBLISHER,
    RIGHTS_START,
)
from kg.iris import slug
from kg.records import (
    DocumentRecord,
    Flag,
    Span,
)


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

    def stripped_span(self) -> Span:
        lead = len(self.text) - len(self.text.lstrip())
        return Span(self.start + lead, self.start + lead + len(self.text.strip()))


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


class LayoutMixin(PageBase):
    # -- main ------------------------------------------------------------------------------------------------
    def parse(self) -> DocumentRecord:
        text = self.text
        if not text.strip():
            raise self.error("empty page: no text", 1, "text")
        if "\x00" in text:
            raise self.error("binary data (NUL bytes), not page text", self.lines_with("\x00"), "text")
        ctrl = sum(1 for c in text[:4000] if ord(c) < 32 and c not in "\n\r\t\f\v")
        if ctrl > 8 and ctrl > len(text[:4000]) // 50:
            raise self.error("binary data (control characters), not page text", None, "text")

        rec = DocumentRecord(doc_id="", source_path=self.path, source_format="wilson-page", text=text,
                             publisher=self.meta.get("publisher") or PUBLISHER,
                             source_url=self.meta.get("source_url"))

        # date line, then title
        i = 0
        first = self.next_nonblank(0)
        if first is not None and self.lines[first].s.lower() == "skip to content":
            i = first + 1
        date_idx = None
        j = i
        for _ in range(4):
            k = self.next_nonblank(j)
            if k is None:
                break
            hit = parse_date_line(self.lines[k].s)
            if hit is not None:
                date_idx = k
                break
            j = k + 1
        if date_idx is None:
            k = self.next_nonblank(i)
            raise self.error("no date line at the top of the page (truncated page?)",
                             self.lines[k].no if k is not None else 1, "date")
        dline = self.lines[date_idx]
        hit = parse_date_line(dline.s)
        assert hit is not None
        rec.date_verbatim = dline.s
        rec.date_span = dline.stripped_span()
        rec.date = hit.value
        if hit.problem:
            self.flag("date", hit.problem, dline.s, dline, rec.date_span)
        t_idx = self.next_nonblank(date_idx + 1)
        if t_idx is None or END_MARKERS.match(self.lines[t_idx].s) or parse_date_line(self.lines[t_idx].s):
            raise self.error("no title after the date line (truncated page?)",
                             self.lines[t_idx].no if t_idx is not None else dline.no, "title")
        tline = self.lines[t_idx]
        rec.title = tline.s
        rec.title_span = tline.stripped_span()
        self.parse_title(rec, tline)

        # where the document ends: the first end marker after the title
        end_idx = len(self.lines)
        for k in range(t_idx + 1, len(self.lines)):
            s = self.lines[k].s
            if END_MARKERS.match(s) or RIGHTS_START.match(s) or s in ("Source", "Rights"):
                end_idx = k
                break
        else:
            self.flag("summary", "no 'Document Information' block: summary, citation and rights not found",
                      tline.s, tline)

        # summary: the last paragraph before the end marker
        region_end = end_idx
        if end_idx < len(self.lines):
            k = end_idx - 1
            while k > t_idx and not self.lines[k].s:
                k -= 1
            if k > t_idx:
                last = k
                while k - 1 > t_idx and self.lines[k - 1].s:
                    k -= 1
                para = self.lines[k:last + 1]
                if not any(self.header_kind(ln.s) for ln in para) and not any(
                        NOTE_RE.fullmatch(ln.s) for ln in para):
                    rec.summary = "\n".join(ln.text for ln in para).strip()
                    sp = Span(para[0].stripped_span().start, para[-1].stripped_span().end)
                    rec.summary_span = sp
                    rec.summary = text[sp.start:sp.end]
                    region_end = k

        self.parse_region(rec, t_idx + 1, region_end)
        if end_idx < len(self.lines):
            self.parse_info(rec, end_idx)

        # identity
        if self.meta.get("doc_id"):
            rec.doc_id = str(self.meta["doc_id"])
        elif rec.record_id:
            rec.doc_id = "wcda-" + slug(rec.record_id)
        else:
            rec.doc_id = "wcda-" + slug(Path(self.path).stem)
        rec.flags = self.flags
        return rec

