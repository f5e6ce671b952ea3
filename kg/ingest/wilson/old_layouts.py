"""The site's older page layouts: the printable (PDF) cover, the quoted-citation layout, the untitled layout."""

from __future__ import annotations

import re

from kg.ingest.common import parse_date_line
from kg.ingest.wilson.citation_parts import scan_parts
from kg.ingest.wilson.numbers import CLOSING_NO, WIRE_KINDS, sender_number_opening, wire_number_in_text
from kg.ingest.wilson.page import Line, PageBase, document_end, set_date, signed_at
from kg.ingest.wilson.vocab import (
    BOILERPLATE,
    CITATION_FURNITURE,
    CITATION_HEADINGS,
    QUOTED_CITATION,
    TERMINAL,
)
from kg.records import DocumentRecord, NameRef, Span

PDF_COVER = re.compile(
    r"^(?:\d+\s+)?Digital Archive\s+International History Declassified\s+digitalarchive\.wilsoncenter\.org\s+"
    r"(?P<date>[A-Z][a-z]+\.?\s+\d{1,2},\s*\d{4}|\d{1,2}\s+[A-Z][a-z]+\s+\d{4}|[A-Z][a-z]+,?\s+\d{4}|\d{4})\s+"
    r"(?P<title>.+?)\s+Citation:\s+(?P<cit>.+?)(?:\s+Summary:\s+(?P<sum>.+?))?"
    r"(?:\s+Original Language:.*?)?(?:\s+Contents:.*)?$")
# a line that cites an archive: its parts or an archive's name
CITATION_CUE = re.compile(r"\b(?:fond|opis|delo|listy?|f\.|op\.|d\.|ll?\.|Archives?|Library|Collection|papers|"
                          r"APRF|AVPRF|RGASPI|RGANI|TsKhSD|AAN|MOL|AMSZ|PAAA)\b|\b[A-Z]{2,}\b.*\d|"
                          # a published collection: "(Moscow: Test Press, 1990)", "eds.,", "Vol. 2"
                          r"\([A-Z][\w .'-]+:\s*[^)]{2,80}\d{4}\)|\beds?\.,|\bVol\.\s*\d|"
                          # "Author, ed. Title. City: Publisher, 1996.": a book cited in the author-title style
                          r"\b[A-Z][a-z]+:\s+[A-Z][\w .&'-]{2,60},\s+(?:1[89]|20)\d\d\b")


def _squash(s: str) -> str:
    """A title compared without case, blanks and the kind of quotation marks."""
    return re.sub(r"[\s\"“”‘’']+", "", s).casefold()


# an abbreviation that wants a number or a name after it, closing a cut text: "no.", "Nr.", "Mr.", "vol."
_OPEN_ABBREVIATION = re.compile(r"\s+(?:[Nn]os?|Nr|Mr|Mrs|Dr|vol|pp?|ll?|op|cf)\.$")
# an archive's siglum or name opening a citation line, a comma, a labelled part: "GARF, Fond 5446, ..."
_HEADLESS_CITATION = re.compile(r"^(?:[A-Z][A-Za-z]*[A-Z][A-Za-z-]*(?:\s+[A-Z][A-Za-z]*[A-Z]\w*)?|"
                                r"(?:[A-Z][\w’'-]*\s+){0,6}(?:Archives?|Archive\w*|Library))\s*,\s+\S")
_EXCERPT_END = re.compile(r"\[(?:…|\.\.\.)\]\s*$")
_FOOTNOTE_MARK = re.compile(r"(?<=\S)\[(\d{1,2})\]")
_FOOTNOTE_LINE = re.compile(r"^\[?(\d{1,2})\]?[.)]?\s+\S")


class OldLayoutMixin(PageBase):
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
        end_idx = document_end(self.lines, html + 1)
        self.parse_region(rec, html + 1, end_idx)
        self.text_telegram_number(rec)
        self.closing_place(rec, html + 1, end_idx)
        if end_idx < len(self.lines):
            self.parse_info(rec, end_idx)
        self.flag_text_cut(rec, html + 1, end_idx)
        return True

    def text_telegram_number(self, rec: DocumentRecord) -> None:
        """A telegram with no number line in its header: the number its text opens ("781 – WEDNESDAY – 1700hs –")
        or closes ("... Nº 382/sh") with."""
        if rec.kind not in WIRE_KINDS or not rec.body:
            return
        if rec.telegram_number is not None:
            # the sender's number opening the text ("319 – FRIDAY – 17hs45 – ...") wins over a number the receiving
            # ministry put in the header (page-fields: "The sender's number wins, wherever it stands")
            om = sender_number_opening(rec.body)
            if om is not None and om != rec.telegram_number:
                self.flag("telegram_number", f"the text opens with the sender's number {om!r}; the header's "
                          f"{rec.telegram_number!r} is the receiver's register", rec.body[:80])
                rec.telegram_number = om
            return
        hit = wire_number_in_text(rec.body)
        if hit is not None:
            rec.telegram_number = hit[0]

    def indented_citation_layout(self, rec: DocumentRecord, i: int) -> bool:
        """A page of the older layout whose citation pane is not quoted: after the date, the summary and the
        citation as indented paragraphs (the citation last, with an archive's or a book's marks), then the title
        line and the text."""
        block: list[int] = []
        k = self.next_nonblank(i)
        while k is not None and k < i + 8 and self.lines[k].lead >= 4 and not BOILERPLATE.match(self.lines[k].s):
            block.append(k)
            k = self.next_nonblank(k + 1)
        if not 1 <= len(block) <= 3 or k is None or self.lines[k].lead >= 4 or \
                not CITATION_CUE.search(self.lines[block[-1]].s) or len(self.lines[k].s) > 300 or \
                parse_date_line(self.lines[k].s) is not None or BOILERPLATE.match(self.lines[k].s) or \
                CITATION_FURNITURE.match(self.lines[k].s):
            return False  # "English HTML" after the pane: the untitled layout
        rec.layout = "indented-citation"
        cit = self.lines[block[-1]]
        self.citation(rec, cit, cit.lead)
        if len(block) >= 2:
            rec.summary_span = self.lines[block[0]].stripped_span()
            rec.summary = self.lines[block[0]].s
        tline = self.lines[k]
        rec.title, rec.title_span = tline.s, tline.stripped_span()
        self.parse_title(rec, tline)
        end_idx = document_end(self.lines, k + 1)
        self.parse_region(rec, k + 1, end_idx)
        self.text_telegram_number(rec)
        self.kind_from_text(rec)
        self.closing_place(rec, k + 1, end_idx)
        if end_idx < len(self.lines):
            self.parse_info(rec, end_idx)
        self.flag_text_cut(rec, k + 1, end_idx)
        return True

    def flag_text_cut(self, rec: DocumentRecord, start: int, end_idx: int) -> None:
        """The older layouts give their citation first, so a page without the metadata block after its text
        (lines ``start:end_idx``) is cut only when that text stops in the middle of a sentence."""
        last = next((ln for ln in reversed(self.lines[start:end_idx]) if ln.s), None)
        # (the cipher office's number closing the last sentence, "... opportunity. Nº 685/sh", does not cut it)
        said = CLOSING_NO.sub("", last.s).rstrip() if last is not None else ""
        # "... Exposição de Motivos no.": an abbreviation that wants its number ends no sentence
        said = _OPEN_ABBREVIATION.sub("", said)
        if end_idx >= len(self.lines) and last is not None and said and (
                not TERMINAL.search(said) or self.excerpt_mark_cut(start, end_idx, said)) and \
                not signed_at(rec, last):
            rec.incomplete = True
            self.flag("incomplete", "incomplete page: the text stops in the middle of a sentence, with no "
                      "metadata block after it; what is there was kept", last.s[-80:], last, last.stripped_span())

    def citation_without_block(self, rec: DocumentRecord, start: int, end_idx: int) -> None:
        """A page without a citation block may give its citation as a paragraph of its own near its head, after
        the summary ("GARF, Fond 5446, Opis 98c, Delo 718, Listy 39-46."): an archive's name or siglum, then its
        labelled parts. Only when no citation was read and no citation heading is on the page; only one line among
        the first paragraphs after the title (a sentence of the text that names a fond is no citation)."""
        if rec.citations or any(ln.s in CITATION_HEADINGS for ln in self.lines):
            return
        seen = 0
        for ln in self.lines[start:end_idx]:
            if not ln.s:
                continue
            seen += 1
            if seen > 4:
                return
            if len(ln.s) > 400 or not _HEADLESS_CITATION.match(ln.s):
                continue
            parts = [c.strip() for c in ln.s.rstrip(".").split(",")]
            labelled = sum(1 for c in parts[1:] if (sp := scan_parts(c)) is not None and not sp[0])
            if labelled >= 2 and labelled >= len(parts) - 2:
                self.citation(rec, ln, ln.lead)  # type: ignore[attr-defined]
                return

    def excerpt_mark_cut(self, start: int, end_idx: int, said: str) -> bool:
        """A text ending in the editors' "[…]" with nothing after it is cut when its footnote marks ("[1]") have no
        notes (docs/page-fields.md, incomplete): the notes that follow the text are missing too."""
        if not _EXCERPT_END.search(said):
            return False
        lines = [ln.s for ln in self.lines[start:end_idx] if ln.s]
        marks = {m for ln in lines for m in _FOOTNOTE_MARK.findall(ln)}
        notes = {m.group(1) for ln in lines if (m := _FOOTNOTE_LINE.match(ln)) is not None}
        return bool(marks) and not marks & notes

    def title_as_shown(self, rec: DocumentRecord, quoted: Line, shown: Line) -> None:
        """The title read from the quote (mixed case parses better), then given as the title line shows it: the
        title, and each name the title gave, in the line's letters and with spans into that line."""
        q, t = quoted.text, shown.s
        rec.title, rec.title_span = t, shown.stripped_span()
        if len(q) != len(t):
            return  # the same words, spaced differently: names keep the quote's spelling
        base = rec.title_span.start

        def moved(ref: NameRef) -> None:
            if ref.span is None or not quoted.start <= ref.span.start < quoted.end:
                return
            a, b = ref.span.start - quoted.start, ref.span.end - quoted.start
            written = t[a:b]
            at = q.find(ref.name, a)
            if at >= 0:
                ref.name = t[at:at + len(ref.name)]
            ref.written, ref.span = written, Span(base + a, base + b)

        for ref in [*rec.senders, *rec.recipients, *rec.via, *rec.participants,
                    *([rec.author] if rec.author else [])]:
            moved(ref)
        sp = rec.sent_from_span  # a place the title gave: as the title line writes it
        if rec.sent_from and sp is not None and quoted.start <= sp.start < quoted.end:
            a, b = sp.start - quoted.start, sp.end - quoted.start
            if q[a:b] == rec.sent_from:
                rec.sent_from, rec.sent_from_span = t[a:b], Span(base + a, base + b)

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
            return self.indented_citation_layout(rec, i) or self.untitled_layout(rec, i)
        ln = self.lines[q]
        lead = ln.lead + at
        m = QUOTED_CITATION.match(ln.s[at:])
        assert m
        rec.layout = "quoted-citation"
        rec.title = m["title"].rstrip(",").strip()
        rec.title_span = ln.span(lead + m.start("title"), lead + m.start("title") + len(rec.title))
        tline = Line(ln.no, rec.title_span.start, rec.title)
        # a version of this layout shows the title on a line of its own above the citation, in capitals: the page's
        # title line is the title (docs/page-fields.md, title), the quote only confirms it
        shown = _squash(rec.title)
        caps = next((self.lines[k] for k in range(i, q) if self.lines[k].s and self.lines[k].s != rec.title
                     and _squash(self.lines[k].s) == shown), None)
        self.parse_title(rec, tline)
        if caps is not None:
            self.title_as_shown(rec, tline, caps)
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
        end_idx = document_end(self.lines, b)
        self.parse_region(rec, b, end_idx)
        self.text_telegram_number(rec)
        self.kind_from_text(rec)
        self.closing_place(rec, b, end_idx)
        if end_idx < len(self.lines):
            self.parse_info(rec, end_idx)
        self.flag_text_cut(rec, b, end_idx)
        return True
