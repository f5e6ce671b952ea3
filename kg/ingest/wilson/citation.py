"""The source citation: archives and their parts (fond, opis, delo, folios), collections, translators."""

from __future__ import annotations

import re

from kg.ingest.common import (
    parse_name,
    split_names,
)
from kg.ingest.wilson.layout import Line, PageBase
from kg.ingest.wilson.vocab import (
    TRANSLATED_RE,
)
from kg.records import (
    ArchivalCitation,
    DocumentRecord,
    Span,
)


class CitationMixin(PageBase):
    def citation(self, rec: DocumentRecord, ln: Line) -> None:
        s = ln.text
        lead = len(s) - len(s.lstrip())
        body = s.strip()
        tm = TRANSLATED_RE.search(body)
        cit_end = len(body)
        if tm:
            names = tm["names"].strip().rstrip(".")
            noff = ln.start + lead + tm.start("names")
            for off, piece in split_names(names):
                ref, probs = parse_name(piece, noff + off)
                ref.kind = "person"
                rec.translators.append(ref)
                self.name_problems(f"translators[{len(rec.translators) - 1}]", probs, ref, ln)
            cit_end = tm.start()
        cit = body[:cit_end].rstrip()
        if not cit:
            return
        rec.citation_verbatim = cit
        base = ln.start + lead
        parts = re.split(r"(;\s*(?:and\s+)?|,?\s+and\s+(?=(?:[A-Z]{2,}|Archive|Library)\b))", cit)
        pos = 0
        for idx, part in enumerate(parts):
            if idx % 2 == 1:
                pos += len(part)
                continue
            if part.strip():
                c = parse_citation_part(part.strip().rstrip("."))
                a = base + pos + (len(part) - len(part.lstrip()))
                c.span = Span(a, a + len(c.verbatim))
                if c.repository is None:
                    self.flag(f"citations[{len(rec.citations)}].repository", "no repository named in this part",
                              c.verbatim, ln, c.span)
                rec.citations.append(c)
            pos += len(part)




_CIT_KEYS = [
    ("fond", r"(?:f\.|fond|fund|fonds)"), ("opis", r"(?:op\.|opis|inventory)"),
    ("delo", r"(?:d\.|delo|file|dossier)"), ("papka", r"(?:p\.|papka|folder)"),
    ("folios", r"(?:ll\.|l\.|listy|listi|list|pages|pp\.|sheets?)"),
]


def parse_citation_part(part: str) -> ArchivalCitation:
    c = ArchivalCitation(verbatim=part)
    chunks = [x.strip() for x in part.split(",")]
    rest: list[str] = []
    for ch in chunks:
        hit = False
        for key, pat in _CIT_KEYS:
            m = re.fullmatch(pat + r"\s*(?P<v>.+)", ch, re.IGNORECASE)
            if m:
                setattr(c, key, m["v"].strip().rstrip("."))
                hit = True
                break
        if not hit:
            rest.append(ch)
    if rest:
        c.repository = rest[0] or None
        others = rest[1:]
        coll: list[str] = []
        for ch in others:
            if re.search(r"\bDivision\b", ch):
                c.division = ch
            elif re.fullmatch(r"[a-z]{1,4}\d{5,}|[A-Z]{1,5}[-\s]?\d[\w.-]*", ch) and c.identifier is None:
                c.identifier = ch
            else:
                coll.append(ch)
        if coll:
            c.collection = ", ".join(coll)
    return c


