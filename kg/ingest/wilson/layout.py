"""Finding the blocks of a page: lines, the date line, the title, the end of the document, the summary."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from kg.errors import IngestError
from kg.ingest.common import (
    DateHit,
    find_dates,
    find_partial_dates,
    parse_date_line,
    trailing_partial_date,
)
from kg.ingest.wilson.vocab import (
    BOILERPLATE,
    CITATION_FURNITURE,
    CITATION_HEADINGS,
    END_MARKERS,
    META_KEYS,
    NOTE_RE,
    PUBLISHER,
    QUOTED_CITATION,
    RIGHTS_START,
    STRAY_SUMMARY,
    TERMINAL,
)
from kg.iris import slug
from kg.records import (
    DocumentRecord,
    Flag,
    Span,
)

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


PDF_COVER = re.compile(
    r"^(?:\d+\s+)?Digital Archive\s+International History Declassified\s+digitalarchive\.wilsoncenter\.org\s+"
    r"(?P<date>[A-Z][a-z]+\.?\s+\d{1,2},\s*\d{4}|\d{1,2}\s+[A-Z][a-z]+\s+\d{4}|[A-Z][a-z]+,?\s+\d{4}|\d{4})\s+"
    r"(?P<title>.+?)\s+Citation:\s+(?P<cit>.+?)(?:\s+Summary:\s+(?P<sum>.+?))?"
    r"(?:\s+Original Language:.*?)?(?:\s+Contents:.*)?$")
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
# "Budapest, 1972 July 1.", "Warsaw, 3 May 1961", "Prague, May 3, 1961", "Sofia, 1961.05.03."
# a line that cites an archive: its parts or an archive's name
CITATION_CUE = re.compile(r"\b(?:fond|opis|delo|listy?|f\.|op\.|d\.|ll?\.|Archives?|Library|Collection|papers|"
                          r"APRF|AVPRF|RGASPI|RGANI|TsKhSD|AAN|MOL|AMSZ|PAAA)\b|\b[A-Z]{2,}\b.*\d")
CLOSING_PLACE_DATE = re.compile(r"^(?P<place>[A-Z][A-Za-z’'-]{2,}(?:\s[A-Z][A-Za-z’'-]+)?),\s+(?:the\s+)?(?:"
                                r"\d{4}\.?\s+" + _MONTH + r"\s+\d{1,2}|\d{1,2}\.?\s+" + _MONTH + r",?\s+\d{4}|"
                                + _MONTH + r"\s+\d{1,2},?\s+\d{4}|\d{4}\.\s?\d{1,2}\.\s?\d{1,2}|"
                                r"\d{1,2}\.\s?\d{1,2}\.\s?\d{4})\.?$")


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
        ctrl = len(_CONTROL.findall(text, 0, 4000))
        if ctrl > 8 and ctrl > len(text[:4000]) // 50:
            raise self.error("binary data (control characters), not page text", None, "text")

        rec = DocumentRecord(doc_id="", source_path=self.path, source_format="wilson-page", text=text,
                             publisher=self.meta.get("publisher") or PUBLISHER,
                             source_url=self.meta.get("source_url"))

        if self.pdf_layout(rec):
            return self.finish(rec)
        # date line, then title (boilerplate lines of the site may come first, and a stray summary of a
        # related document may stand before the date line)
        top = self.skip_boilerplate(0)
        date_idx = None
        j = top
        for _ in range(6):
            k = self.next_nonblank(j)
            if k is None:
                break
            hit = parse_date_line(self.lines[k].s)
            if hit is not None:
                date_idx = k
                break
            if not STRAY_SUMMARY.match(self.lines[k].s):
                break  # only a stray summary of a related document may stand before the date line
            j = k + 1
        if date_idx is None:  # no date line: the title is the first line that is not a stray summary
            while (k2 := self.next_nonblank(top)) is not None and STRAY_SUMMARY.match(self.lines[k2].s):
                top = k2 + 1
        if date_idx is not None:
            dline = self.lines[date_idx]
            hit = parse_date_line(dline.s)
            assert hit is not None
            set_date(rec, hit, dline.s, dline.stripped_span())
            if hit.problem:
                self.flag("date", hit.problem, dline.s, dline, rec.date_span)
            after_date = self.skip_boilerplate(date_idx + 1)
        else:
            rec.date_source = "none"
            after_date = top
        if self.old_layout(rec, after_date):
            return self.finish(rec)
        t_idx = self.next_nonblank(after_date)
        if t_idx is None or END_MARKERS.match(self.lines[t_idx].s) or parse_date_line(self.lines[t_idx].s):
            where = self.lines[t_idx].no if t_idx is not None else (
                self.lines[date_idx].no if date_idx is not None else 1)
            raise self.error("no title on the page (truncated page?)", where, "title")
        # a layout that shows the summary, then the date again, then the title: "<date>" / "<summary.>" /
        # "<date>" / "<title>"
        nd = self.next_nonblank(t_idx + 1)
        nt = self.next_nonblank(nd + 1) if nd is not None else None
        if nd is not None and nt is not None and date_idx is not None and len(self.lines[t_idx].s) > 150 and \
                re.search(r"[a-z]{2}\.\s+[A-Z].*\.$", self.lines[t_idx].s) and \
                self.lines[nd].s == self.lines[date_idx].s and \
                len(self.lines[nt].s) < 400 and parse_date_line(self.lines[nt].s) is None and \
                not END_MARKERS.match(self.lines[nt].s):
            sl = self.lines[t_idx]
            rec.summary_span = sl.stripped_span()
            rec.summary = sl.s
            t_idx = nt
        tline = self.lines[t_idx]
        rec.title = tline.s
        rec.title_span = tline.stripped_span()
        self.parse_title(rec, tline)
        self.plain = self.is_plain(t_idx)
        if self.plain:
            rec.layout = "plain"

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

        # summary: the last paragraph before the end marker (the last line, on a page without blank lines)
        region_end = end_idx
        if end_idx < len(self.lines):
            k = end_idx - 1
            while k > t_idx and not self.lines[k].s:
                k -= 1
            if k > t_idx:
                last = k
                while not self.plain and k - 1 > t_idx and self.lines[k - 1].s:
                    k -= 1
                para = self.lines[k:last + 1]
                if not any(self.header_kind(ln.s) for ln in para) and not any(
                        NOTE_RE.fullmatch(ln.s) for ln in para) and not (self.plain and k == t_idx + 1):
                    sp = Span(para[0].stripped_span().start, para[-1].stripped_span().end)
                    rec.summary_span = sp
                    rec.summary = text[sp.start:sp.end]
                    region_end = k

        self.parse_region(rec, t_idx + 1, region_end)
        self.kind_from_text(rec)
        self.closing_place(rec, t_idx + 1, region_end)
        if end_idx < len(self.lines):
            self.parse_info(rec, end_idx)
        self.check_incomplete(rec, end_idx)
        return self.finish(rec)

    # -- blocks ----------------------------------------------------------------------------------------------
    def closing_place(self, rec: DocumentRecord, a: int, b: int) -> None:
        """A report signed off with "Budapest, 1972 July 1." (place, then the document's own date) among its
        last lines was sent from that place, when nothing above named one. Conversations and diaries excepted:
        there the place is where people met."""
        from kg.ingest.wilson.title import is_place
        from kg.ingest.wilson.vocab import CONVERSATION_KINDS
        if rec.sent_from is not None or rec.kind in CONVERSATION_KINDS or rec.kind == "diary":
            return
        for ln in first_filled((self.lines[k] for k in range(b - 1, a - 1, -1)), 4):
            m = CLOSING_PLACE_DATE.match(ln.s)
            if m and is_place(m["place"]):
                lead = ln.lead
                rec.sent_from = m["place"]
                rec.sent_from_span = ln.span(lead + m.start("place"), lead + m.end("place"))
                return

    def skip_boilerplate(self, i: int) -> int:
        """The first line at or after ``i`` that is not site furniture ("Skip to content", "Search in", a
        "made possible with support from" credit line)."""
        while True:
            k = self.next_nonblank(i)
            if k is None or not BOILERPLATE.match(self.lines[k].s):
                return i if k is None else k
            i = k + 1

    def is_plain(self, t_idx: int) -> bool:
        """A page scraped without blank lines between paragraphs: one line per paragraph."""
        window = self.lines[t_idx + 1: t_idx + 41]
        while window and not window[-1].s:
            window = window[:-1]
        filled = sum(1 for ln in window if ln.s)
        return filled >= 3 and sum(1 for ln in window if not ln.s) * 10 < filled

    def check_incomplete(self, rec: DocumentRecord, end_idx: int) -> None:
        """A page cut in the middle keeps what it has and says so ("incomplete page")."""
        last = None
        for ln in reversed(self.lines):
            if ln.s:
                last = ln
                break
        if last is None:
            return
        why = None
        if end_idx >= len(self.lines):
            why = "the page ends before its 'Document Information' block (no citation, rights or record ID)"
        elif rec.rights_span is not None and rec.rights_span.end >= last.stripped_span().end:
            if not TERMINAL.search(last.s):
                why = "the page text stops in the middle of its rights statement"
        elif not rec.rights and not (last.s in META_KEYS and last.s not in CITATION_HEADINGS) and \
                not (rec.record_id or rec.original_uploaded):
            why = "the page ends in its 'Document Information' block, before the rights statement"
        if why:
            rec.incomplete = True
            self.flag("incomplete", f"incomplete page: {why}; what is there was kept", last.s[-80:], last,
                      last.stripped_span())

    def finish(self, rec: DocumentRecord) -> DocumentRecord:
        if rec.date_source == "none":
            self.infer_date(rec)
        # identity
        if self.meta.get("doc_id"):
            rec.doc_id = str(self.meta["doc_id"])
        elif rec.record_id:
            rec.doc_id = "wcda-" + slug(rec.record_id)
        else:
            rec.doc_id = "wcda-" + slug(Path(self.path).stem)
        rec.flags = self.flags
        return rec


    def infer_date(self, rec: DocumentRecord) -> None:
        """A page without a date line: the date is read from the title, then the header, then the citation,
        and flagged; the page is never skipped for it. A date to the month or season ("October 1956") in the
        title or the citation is taken when no full date is found."""
        found: tuple[str, DateHit, Span | None] | None = None
        if rec.title and rec.title_span is not None:
            hits = [h for h in find_dates(rec.title) if h.value]
            if hits:
                h = hits[-1]
                found = ("title", h, Span(rec.title_span.start + h.start, rec.title_span.start + h.end))
        if found is None:
            for ev in rec.events:
                if ev.date:
                    found = ("header", DateHit(0, 0, ev.verbatim, ev.date), ev.span)
                    break
        if found is None and rec.handwritten_dates:
            found = ("header", DateHit(0, 0, "", rec.handwritten_dates[0]), None)
        if found is None and rec.citation_verbatim:
            hits = [h for h in find_dates(rec.citation_verbatim) if h.value]
            if hits:
                found = ("citation", hits[0], None)
        if found is None and rec.title and rec.title_span is not None:
            hits = find_partial_dates(rec.title)
            if not hits and (tp := trailing_partial_date(rec.title)) is not None:
                hits = [tp]  # "..., [1953]", "..., ca. 1970": a year at the end of the title
            if hits:
                h = hits[-1]
                found = ("title", h, Span(rec.title_span.start + h.start, rec.title_span.start + h.end))
        if found is None and rec.citation_verbatim:
            hits = find_partial_dates(rec.citation_verbatim)
            if hits:
                found = ("citation", hits[0], None)
        if found is None:
            self.flag("date", "no date line and no date in the title, header or citation: the page has no date", "",
                      None)
            return
        src, hit, span = found
        verbatim = hit.verbatim
        set_date(rec, hit, verbatim or None, span)
        rec.date_source = src
        self.flag("date", f"no date line at the top of the page: the date was read from the {src}", verbatim,
                  rec.line_of(span.start) if span else None, span)

    def pdf_layout(self, rec: DocumentRecord) -> bool:
        """The archive's printable (PDF) version turned into text: a cover paragraph on one line, "Digital Archive
        International History Declassified digitalarchive.wilsoncenter.org DATE TITLE Citation: TITLE, DATE, History
        and Public Policy Program Digital Archive, CITATION Summary: ... Original Language: ... Contents: ...",
        then the document text."""
        k = self.next_nonblank(0)
        if k is None:
            return False
        ln = self.lines[k]
        m = PDF_COVER.match(ln.s)
        if m is None:
            return False
        d = parse_date_line(m["date"])
        if d is None or not (d.value or d.partial):
            return False
        lead = ln.lead
        rec.layout = "pdf-cover"
        set_date(rec, d, m["date"], ln.span(lead + m.start("date"), lead + m.end("date")))
        rec.title = m["title"].strip()
        rec.title_span = ln.span(lead + m.start("title"), lead + m.start("title") + len(rec.title))
        self.parse_title(rec, Line(ln.no, rec.title_span.start, rec.title))
        cit = m["cit"]
        cm = re.search(r"(?:History and Public Policy Program|Wilson Center) Digital Archive,?\s*", cit)
        if cm is not None and cm.end() < len(cit):
            self.citation(rec, Line(ln.no, ln.start + lead + m.start("cit"), cit), cm.end())
        if m["sum"]:
            summary = m["sum"].strip()
            rec.summary_span = ln.span(lead + m.start("sum"), lead + m.start("sum") + len(summary))
            rec.summary = summary
        self.parse_region(rec, k + 1, len(self.lines))
        return True

    def kind_from_text(self, rec: DocumentRecord) -> None:
        """A title that names no kind ("A to B"): the text's first line may ("Report on the visit to ...")."""
        if rec.kind in ("meeting", "conversation") and rec.body:
            # "Meeting between A and B" whose text opens "[Notes of the conversation between ...": its record
            first = rec.body.lstrip().lstrip("[").split("\n", 1)[0]
            if re.match(r"(?:Notes|Record|Minutes|Memorandum|Transcript)\s+(?:of|on)\s+(?:a\s+|the\s+)?"
                        r"(?:conversation|talks?|meeting)\b", first, re.IGNORECASE):
                rec.kind = "minutes of conversation" if re.match(r"minutes", first, re.IGNORECASE) else \
                    "memorandum of conversation" if re.match(r"memorandum", first, re.IGNORECASE) else \
                    "record of conversation"  # type: ignore[assignment]
            return
        if rec.kind != "document" or not rec.body:
            return
        first = rec.body.lstrip().split("\n", 1)[0]
        km = re.match(r"(?P<k>Report|Letter|Memorandum|Note|Telegram|Cable|Information|Minutes|Resolution)\s+(?:on|of|about|to|from|regarding|concerning)\b", first)
        if km:
            rec.kind = km["k"].lower()  # type: ignore[assignment]

    def untitled_layout(self, rec: DocumentRecord, i: int) -> bool:
        """A page of the older layout that shows no title at all: after the date (and a credit line), only the
        summary and an unquoted citation, then "English HTML" and the document text. The page keeps no title (it
        is flagged); summary, citation, translator and text are read as usual."""
        html = None
        for k in range(i, min(i + 12, len(self.lines))):
            if self.lines[k].s == "English HTML":
                html = k
                break
        if html is None:
            return False
        block = [k for k in range(i, html) if self.lines[k].s and not BOILERPLATE.match(self.lines[k].s)
                 and not CITATION_FURNITURE.match(self.lines[k].s)]
        if not 1 <= len(block) <= 2 or not CITATION_CUE.search(self.lines[block[-1]].s):
            return False
        rec.layout = "untitled"
        cit = self.lines[block[-1]]
        self.citation(rec, cit, cit.lead)
        if len(block) == 2:
            rec.summary_span = self.lines[block[0]].stripped_span()
            rec.summary = self.lines[block[0]].s
        self.flag("title", "no title on the page: the site shows only a summary and a citation above the text",
                  cit.s[:80], cit, cit.stripped_span())
        end_idx = len(self.lines)
        for k in range(html + 1, len(self.lines)):
            s = self.lines[k].s
            if END_MARKERS.match(s) or RIGHTS_START.match(s) or s in ("Source", "Rights"):
                end_idx = k
                break
        self.parse_region(rec, html + 1, end_idx)
        self.closing_place(rec, html + 1, end_idx)
        if end_idx < len(self.lines):
            self.parse_info(rec, end_idx)
        last = next((ln for ln in reversed(self.lines[html + 1:end_idx]) if ln.s), None)
        if end_idx >= len(self.lines) and last is not None and not TERMINAL.search(last.s) and \
                not signed_at(rec, last):
            rec.incomplete = True
            self.flag("incomplete", "incomplete page: the text stops in the middle of a sentence, with no "
                      "metadata block after it; what is there was kept", last.s[-80:], last, last.stripped_span())
        return True

    def old_layout(self, rec: DocumentRecord, i: int) -> bool:
        """The site's older layout: no title line; a "Citation" block quotes the title, date and citation
        (``"Title," Date, History and Public Policy Program Digital Archive, ARCHIVE ... Translated by X.``),
        preceded by the summary; the document text follows "share document" / "English HTML"."""
        q = None
        at = 0  # where the quote starts in its line: 0, or after a summary glued before it ("...fallout.\"Title,\"")
        for k in range(i, min(i + 14, len(self.lines))):
            s = self.lines[k].s
            if QUOTED_CITATION.match(s):
                q = k
                break
            if "Digital Archive" in s:
                for qm in re.finditer(r"(?<=[.!?)\]”])\s*(?=[\"“])", s):
                    if QUOTED_CITATION.match(s[qm.end():]):
                        q, at = k, qm.end()
                        break
                if q is not None:
                    break
        if q is None:
            return self.untitled_layout(rec, i)
        ln = self.lines[q]
        lead = ln.lead + at
        m = QUOTED_CITATION.match(ln.s[at:])
        assert m
        rec.layout = "quoted-citation"
        rec.title = m["title"].rstrip(",").strip()
        rec.title_span = ln.span(lead + m.start("title"), lead + m.start("title") + len(rec.title))
        tline = Line(ln.no, rec.title_span.start, rec.title)
        self.parse_title(rec, tline)
        if m["date"] and rec.date is None:
            d = parse_date_line(m["date"])
            if d is not None and (d.value or (d.partial and not rec.date_partial)):
                set_date(rec, d, m["date"], ln.span(lead + m.start("date"), lead + m.end("date")))
                rec.date_source = "citation"
        if m["cit"]:
            self.citation(rec, ln, lead + m.start("cit"))
        # the summary: the paragraph just before the quoted citation (or glued before it on its line)
        k = q - 1
        while k >= i and not self.lines[k].s:
            k -= 1
        if at:
            summary = ln.s[:at].strip()
            a = ln.lead
            rec.summary_span = ln.span(a, a + len(summary))
            rec.summary = summary
        elif k >= i and not CITATION_FURNITURE.match(self.lines[k].s):
            rec.summary_span = self.lines[k].stripped_span()
            rec.summary = self.lines[k].s
        # the document text
        b = q + 1
        for k in range(q + 1, min(q + 12, len(self.lines))):
            if CITATION_FURNITURE.match(self.lines[k].s):
                b = k + 1
        end_idx = len(self.lines)
        for k in range(b, len(self.lines)):
            s = self.lines[k].s
            if END_MARKERS.match(s) or RIGHTS_START.match(s) or s in ("Source", "Rights"):
                end_idx = k
                break
        self.parse_region(rec, b, end_idx)
        self.kind_from_text(rec)
        self.closing_place(rec, b, end_idx)
        if end_idx < len(self.lines):
            self.parse_info(rec, end_idx)
        # the older layout gives its citation first, so a page without the metadata block after its text is cut
        # only when that text stops in the middle of a sentence
        last = next((ln for ln in reversed(self.lines[b:end_idx]) if ln.s), None)
        if end_idx >= len(self.lines) and last is not None and not TERMINAL.search(last.s) and \
                not signed_at(rec, last):
            rec.incomplete = True
            self.flag("incomplete", "incomplete page: the text stops in the middle of a sentence, with no "
                      "metadata block after it; what is there was kept", last.s[-80:], last, last.stripped_span())
        return True
