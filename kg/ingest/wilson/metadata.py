"""The "Document Information" block: rights, Record ID, upload date, type, language."""

from __future__ import annotations

import re

from kg.ingest.common import (
    find_dates,
)
from kg.ingest.wilson.page import Line, PageBase
from kg.ingest.wilson.vocab import (
    EMAIL_OBFUSCATED,
    META_KEYS,
    RIGHTS_START,
    RIGHTS_WORDS,
)
from kg.records import (
    DocumentRecord,
    Span,
)

# the rights statement's last sentence: where to enquire about the document or whom to contact
_RIGHTS_LAST = re.compile(r"\b(?:enquire|inquire|contact)\b[^\n]*\S[.!]\s*$", re.IGNORECASE)


def rights_whole(text: str) -> bool:
    """The archive's rights statement is whole only with its last sentence, the enquiry or contact sentence
    (docs/page-fields.md, incomplete): a page that stops before it, or inside it, is cut."""
    if not text.lstrip().startswith("The History and Public Policy Program"):
        return True  # another statement: its last sentence is not known (a full stop ends it)
    return bool(_RIGHTS_LAST.search(text))


class MetadataMixin(PageBase):
    # -- document information --------------------------------------------------------------------------------
    def parse_info(self, rec: DocumentRecord, start: int) -> None:
        lines = self.lines
        n = len(lines)
        keys_at = {k: lines[k].s for k in range(start, n) if lines[k].s in META_KEYS}

        def value_after(k: int) -> Line | None:
            j = self.next_nonblank(k + 1)
            if j is None or lines[j].s in META_KEYS:
                return None
            return lines[j]

        # citations: the paragraphs after "Document Information", "Source" and "Original Archive" that are not
        # rights text (a page may give several, one per heading)
        cit_line = None
        done: set[int] = set()
        for k, key in keys_at.items():
            if key not in ("Document Information", "Source", "Original Archive"):
                continue
            j = k + 1
            while True:
                j2 = self.next_nonblank(j)
                if j2 is None or lines[j2].s in META_KEYS or RIGHTS_START.match(lines[j2].s) \
                        or RIGHTS_WORDS.search(lines[j2].s) and not re.search(r"\d", lines[j2].s):
                    break
                if j2 not in done:
                    done.add(j2)
                    cit_line = cit_line or lines[j2]
                    heading = key if key != "Document Information" else None
                    self.citation(rec, lines[j2], heading=heading)
                j = j2 + 1
        # rights
        r0 = None
        for k in range(start, n):
            if RIGHTS_START.match(lines[k].s):
                r0 = k
                break
        if r0 is None:
            for k, key in keys_at.items():
                if key == "Rights" and (v := value_after(k)) is not None:
                    r0 = v.no - 1
                    break
        if r0 is None:
            after = cit_line.no if cit_line is not None else start
            for k in range(after, n):
                s = lines[k].s
                if s in META_KEYS and s not in ("Original Archive", "Rights", "Source", "Document Information"):
                    break
                if s and s not in META_KEYS and RIGHTS_WORDS.search(s):
                    r0 = k
                    break
        if r0 is not None:
            r1 = r0
            k = r0 + 1
            while k < n and lines[k].s not in META_KEYS:
                if lines[k].s:
                    r1 = k
                k += 1
            sp = Span(lines[r0].stripped_span().start, lines[r1].stripped_span().end)
            rec.rights, rec.rights_span = self.text[sp.start:sp.end], sp
            for ln in lines[r0:r1 + 1]:
                for em in EMAIL_OBFUSCATED.finditer(ln.text):
                    self.flag("rights", "e-mail address obfuscated by the page scraper; the address is unknown",
                              em.group(0), ln, ln.span(em.start(), em.end()))
        else:
            self.flag("rights", "no rights statement on the page", "", None)
        for k, key in keys_at.items():
            v = value_after(k)
            if v is None:
                continue
            if key == "Record ID":
                if re.fullmatch(r"[\w-]{0,39}\d[\w-]{0,39}", v.s):  # a record identifier has a digit ("Leo": a cut line)
                    rec.record_id = v.s
                else:
                    self.flag("record_id", "not a record identifier", v.s, v, v.stripped_span())
            elif key == "Original Uploaded Date":
                ds = find_dates(v.s)
                if ds and ds[0].value:
                    rec.original_uploaded = ds[0].value
                else:
                    self.flag("original_uploaded", "not a date", v.s, v, v.stripped_span())
            elif key == "Type":
                rec.doc_type = v.s
            elif key == "Language":
                rec.language = v.s

