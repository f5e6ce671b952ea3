"""Finding the blocks of a page: the date line, the title, the end of the document, the summary; a page cut
short; the date of a page without a date line. (The page's lines and shared state are in :mod:`.page`; the older
layouts in :mod:`.old_layouts`.)"""

from __future__ import annotations

import re
from pathlib import Path

from kg.ingest.common import (
    DateHit,
    find_dates,
    find_partial_dates,
    parse_date_line,
    trailing_partial_date,
)
from kg.ingest.wilson.metadata import rights_whole
from kg.ingest.wilson.old_layouts import OldLayoutMixin
from kg.ingest.wilson.page import Line, PageBase, document_end, first_filled, set_date, signed_at, split_lines
from kg.ingest.wilson.vocab import (
    BOILERPLATE,
    CITATION_HEADINGS,
    END_MARKERS,
    META_KEYS,
    NOTE_RE,
    PUBLISHER,
    STRAY_SUMMARY,
    TERMINAL,
)
from kg.iris import slug
from kg.records import (
    DocumentRecord,
    Span,
)

# re-exported: the other readers of a page import these from here
__all__ = ["LayoutMixin", "Line", "PageBase", "first_filled", "set_date", "signed_at", "split_lines"]

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
# a date line that gives no date: "[undated]", "Undated", "n.d.", "No date" (a decade, "1950s", is a date line
# to the decade: kg.ingest.common.parse_date_line)
UNDATED_LINE = re.compile(r"\[?\s*(?:undated|not dated|n\.\s?d\.?|no date|date unknown)\s*\]?\.?", re.IGNORECASE)


# a date line that gives a range: "1961-1962", "December 1961 - January 1962", "Winter 1961-1962"
_RANGE = re.compile(r"^(?P<a>\S.{3,22}?)\s*(?:[-–—/]|\s(?:to|and)\s)\s*(?P<b>\S.{3,22})$")


def date_range_line(s: str) -> bool:
    """A date line that gives two dates, the first and last of a range (no single date: the title follows it)."""
    m = _RANGE.match(s.strip()) if len(s.strip()) <= 48 else None
    if m is None:
        return False
    b = parse_date_line(m["b"])
    a = parse_date_line(m["a"]) or (parse_date_line(f"{m['a']} {b.verbatim[-4:]}") if b is not None else None)
    return a is not None and b is not None


class LayoutMixin(OldLayoutMixin):
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
            if hit is not None or UNDATED_LINE.fullmatch(self.lines[k].s) or date_range_line(self.lines[k].s):
                date_idx = k
                break
            if not STRAY_SUMMARY.match(self.lines[k].s) and not (len(self.lines[k].s) > 100 and
                                                                 self.lines[k].s.endswith(".")):
                break  # only a stray summary of a related document may stand before the date line
            j = k + 1
        if date_idx is None:  # no date line: the title is the first line that is not a stray summary
            while (k2 := self.next_nonblank(top)) is not None and STRAY_SUMMARY.match(self.lines[k2].s):
                top = k2 + 1
        if date_idx is not None and (hit := parse_date_line(self.lines[date_idx].s)) is None:
            # "[undated]", "n.d.": the archive's date line says it has no date to give
            dline = self.lines[date_idx]
            rec.date_source, rec.date_verbatim = "none", dline.s
            self.undated = True
            why = "gives a range, no single date" if date_range_line(dline.s) else "gives no date (undated)"
            self.flag("date", f"the date line {why}: the page has no date", dline.s, dline, dline.stripped_span())
            after_date = self.skip_boilerplate(date_idx + 1)
        elif date_idx is not None:
            dline = self.lines[date_idx]
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
        self.kind_from_headings(rec, t_idx + 1)  # type: ignore[attr-defined]  # "NOTE", "V e r m e r k" over the text
        self.plain = self.is_plain(t_idx)
        if self.plain:
            rec.layout = "plain"

        # where the document ends: the first end marker after the title
        end_idx = document_end(self.lines, t_idx + 1)
        if end_idx >= len(self.lines):
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
        self.text_telegram_number(rec)
        self.kind_from_text(rec)
        self.closing_place(rec, t_idx + 1, region_end)
        if end_idx < len(self.lines):
            self.parse_info(rec, end_idx)
        self.citation_without_block(rec, t_idx + 1, end_idx)
        self.check_incomplete(rec, end_idx)
        return self.finish(rec)

    # -- blocks ----------------------------------------------------------------------------------------------

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
            if not TERMINAL.search(last.s) or not rights_whole(self.text[rec.rights_span.start:rec.rights_span.end]):
                why = "the page text stops in the middle of its rights statement (before its enquiry sentence)"
        elif not rec.rights and not rec.citations and not any(
                ln.s == "Document Information" for ln in self.lines[end_idx:]):
            why = "the page ends in the blocks before 'Document Information' (no citation, rights or record ID)"
        elif not rec.rights and not (last.s in META_KEYS and last.s not in CITATION_HEADINGS) and \
                not (rec.record_id or rec.original_uploaded):
            why = "the page ends in its 'Document Information' block, before the rights statement"
        if why:
            rec.incomplete = True
            self.flag("incomplete", f"incomplete page: {why}; what is there was kept", last.s[-80:], last,
                      last.stripped_span())

    def finish(self, rec: DocumentRecord) -> DocumentRecord:
        if rec.date_source == "none" and not self.undated:
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

    def kind_from_text(self, rec: DocumentRecord) -> None:
        """A title that names no kind ("A to B"): the text's first line may ("Report on the visit to ...")."""
        if rec.kind in ("meeting", "conversation") and rec.body:
            # "Meeting between A and B" whose text opens "[Notes of the conversation between ...": its record
            from kg.ingest.wilson.kinds import record_form
            rec.kind = record_form(rec.body) or rec.kind  # type: ignore[assignment]
            return
        if rec.kind != "document" or not rec.body:
            return
        first = rec.body.lstrip().split("\n", 1)[0]
        km = re.match(r"(?P<k>Report|Letter|Memorandum|Note|Telegram|Cable|Information|Minutes|Resolution)\s+(?:on|of|about|to|from|regarding|concerning)\b", first)
        if km:
            rec.kind = km["k"].lower()  # type: ignore[assignment]
