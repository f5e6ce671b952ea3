"""Copies and distribution: "N copies", "Distribution:" lists, numbered copy lines ("Nº 2 to file")."""

from __future__ import annotations

import re

from kg.ingest.common import parse_name
from kg.ingest.wilson.page import Line, PageBase
from kg.ingest.wilson.vocab import (
    DIST_RE,
    MAX_COPIES,
    NUMBER_WORDS,
    NUMBERED_RE,
)
from kg.records import (
    DistributionEntry,
    DocumentRecord,
    Span,
)


class DistributionMixin(PageBase):
    def copies(self, rec: DocumentRecord, ln: Line, m: re.Match[str] | None) -> None:
        assert m
        raw = m["n"].rstrip(".,")
        lead = ln.lead
        sp = ln.span(lead + m.start("n"), lead + m.start("n") + len(raw))
        if raw.lower() in NUMBER_WORDS:
            raw = str(NUMBER_WORDS[raw.lower()])
        if not raw.isdigit() or int(raw) > MAX_COPIES or int(raw) == 0:
            self.flag("copies_made", "not a plausible number of copies", raw, ln, sp)
            return
        if rec.copies_made is not None and rec.copies_made != int(raw):
            self.flag("copies_made", f"a second number of copies {raw}; kept {rec.copies_made}", raw, ln, sp)
            return
        rec.copies_made, rec.copies_span = int(raw), sp

    def distribution(self, rec: DocumentRecord, first: Line, last: Line) -> None:
        raw = self.text[first.start:last.end]
        flat = raw.replace("\r", " ").replace("\n", " ")
        m = DIST_RE.match(flat.lstrip())
        lead = len(flat) - len(flat.lstrip())
        assert m
        if m["n"]:
            n = int(m["n"])
            if rec.copies_made is None and 0 < n <= MAX_COPIES:
                rec.copies_made = n
                rec.copies_span = Span(first.start + lead + m.start("n"), first.start + lead + m.end("n"))
        rest = m["rest"]
        base = first.start + lead + m.start("rest")
        for piece in re.finditer(r"[^,;]+", rest):
            p = piece.group(0)
            if not p.strip() or not re.search(r"\w", p):
                continue
            if len(p) > 300:
                self.flag(f"distribution[{len(rec.distribution)}]", "too long for a distribution entry", p[:80] + "...",
                          first, None)
                continue
            pstart = base + piece.start() + (len(p) - len(p.lstrip()))
            body = p.strip().rstrip(".")
            cm = re.search(r"\s*(?:[-–—]\s*(?P<a>-?\d+)|\((?P<b>\d+)\))\s*$", body)
            copies = None
            name = body
            if cm:
                num = cm["a"] or cm["b"]
                name = body[: cm.start()].strip()
                if num.isdigit() and 0 < int(num) <= MAX_COPIES:
                    copies = int(num)
                else:
                    self.flag(f"distribution[{len(rec.distribution)}].copies", "not a plausible number of copies",
                              body, first, Span(pstart, pstart + len(body)))
            elif re.search(r"[-–—]\s*$", body):
                name = re.sub(r"\s*[-–—]\s*$", "", body)
            if not name or not re.search(r"[A-Za-z\u00C0-\u04FF]", name):
                self.flag(f"distribution[{len(rec.distribution)}]", "a distribution entry without a name", body,
                          first, Span(pstart, pstart + len(body)))
                continue
            ref, probs = parse_name(name, pstart)
            if re.search(r"\bfile\b", name, re.IGNORECASE):
                ref.kind = "organization"
            elif re.fullmatch(r"cop(?:y|ies)", name, re.IGNORECASE):
                ref.kind = "unknown"  # "Copy": a copy kept, no addressee
            entry = DistributionEntry(recipient=ref, copies=copies, verbatim=body, span=Span(pstart, pstart + len(body)))
            rec.distribution.append(entry)
            self.name_problems(f"distribution[{len(rec.distribution) - 1}].recipient", probs, ref, first)

    def numbered_entry(self, rec: DocumentRecord, ln: Line) -> None:
        m = NUMBERED_RE.match(ln.s)
        assert m
        lead = ln.lead
        who = m["who"].rstrip(".")
        ref, probs = parse_name(who, ln.start + lead + m.start("who"))
        rec.distribution.append(DistributionEntry(recipient=ref, copies=1, copy_number=int(m["k"]), verbatim=ln.s,
                                                  span=ln.stripped_span()))
        self.name_problems(f"distribution[{len(rec.distribution) - 1}].recipient", probs, ref, ln)

    def check_distribution(self, rec: DocumentRecord) -> None:
        counts = [e.copies for e in rec.distribution]
        if rec.copies_made is not None and counts and all(c is not None for c in counts):
            total = sum(c for c in counts if c is not None)
            if total != rec.copies_made:
                self.flag("distribution", f"distribution copies add up to {total}, copies made is {rec.copies_made}",
                          ", ".join(e.verbatim for e in rec.distribution), None)
