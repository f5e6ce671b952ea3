"""The title line: kind, number, senders, recipients, intermediaries, the place sent from."""

from __future__ import annotations

import re

from kg.ingest.common import (
    parse_name,
    split_names,
    strip_honorific_list,
)
from kg.ingest.wilson.layout import Line, PageBase
from kg.ingest.wilson.vocab import (
    CONVERSATION_KINDS,
    CORRESPONDENCE_KINDS,
    FOR_RE,
    KIND_RE,
    KINDS,
    MAX_TITLE,
    NUMBER_RE,
    PLACES,
    TITLE_CUT,
    VIA_RE,
)
from kg.records import (
    DocumentRecord,
    NameRef,
)


class TitleMixin(PageBase):
    # -- title -----------------------------------------------------------------------------------------------
    def parse_title(self, rec: DocumentRecord, line: Line) -> None:
        t = line.text
        lead = len(t) - len(t.lstrip())
        s = t.strip()
        m = KIND_RE.match(s)
        pos = 0
        if m:
            raw = m["kind"].lower()
            for name, pat in KINDS:
                if re.fullmatch(pat, raw):
                    rec.kind = name
                    break
            pos = m.end()
        else:
            rec.kind = "document"
        n = NUMBER_RE.match(s[pos:])
        if n:
            rec.number = n["num"].rstrip(".")
            pos += n.end()
        rest = s[pos:]
        rest_off = pos
        if rec.kind in CONVERSATION_KINDS:
            return  # participants of a conversation are neither senders nor recipients
        if len(rest) > MAX_TITLE:
            self.flag("title", f"title longer than {MAX_TITLE} characters: senders and recipients not read from it",
                      s[:80] + "...", line, rec.title_span)
            return
        mm = re.match(r"^\s*(?:,\s*|:\s*|\s+from\s+|\s+of\s+|\s+by\s+)", rest, re.IGNORECASE)
        if not mm and rec.kind in CORRESPONDENCE_KINDS and re.match(r"\s+[A-Z]", rest) and " to " in rest:
            mm = re.match(r"\s+", rest)  # "Telegram Shtykov to Vyshinsky on a Luncheon"
        if not mm:
            return  # a title without sender/recipient
        rest_off += mm.end()
        rest = rest[mm.end():]
        # cut a trailing description ("..., transmitting a Message", " - Henry A. Wallace's visit")
        cut = TITLE_CUT.search(rest)
        if cut:
            rest = rest[: cut.start()]
        # "A to B"
        depth = 0
        to_at = None
        for k in range(len(rest)):
            c = rest[k]
            if c in "[(":
                depth += 1
            elif c in "])":
                depth = max(0, depth - 1)
            elif depth == 0 and rest.startswith(" to ", k):
                to_at = k
                break
            elif depth == 0 and k == 0 and rest.lower().startswith("to "):
                to_at = -1
                break
        base = line.start + lead + rest_off
        if to_at is None:
            senders_txt, recips_txt, r_off = rest, "", None
        elif to_at == -1:
            senders_txt, recips_txt, r_off = "", rest[3:], 3
        else:
            senders_txt, recips_txt, r_off = rest[:to_at], rest[to_at + 4:], to_at + 4
        for who, txt, off in (("senders", senders_txt, 0), ("recipients", recips_txt, r_off)):
            if not txt.strip() or off is None:
                continue
            # ", for Mao Zedong": B is an intermediary, Mao the recipient
            final = None
            fm = re.search(r",\s*for\s+(.+)$", txt)
            if fm and who == "recipients":
                final = (fm.start(1), fm.group(1))
                txt = txt[: fm.start()]
            # "(for the Politburo)": the final addressee
            for_refs: list[tuple[int, str]] = []
            for fm2 in list(FOR_RE.finditer(txt)):
                if who == "recipients":
                    for_refs += [(fm2.start("n") + foff, fp) for foff, fp in split_names(fm2["n"])]
                txt = txt[: fm2.start()] + " " * (fm2.end() - fm2.start()) + txt[fm2.end():]
            # "Cable from Tehran Nº 31343/31353": a number after the name
            nm = re.search(r"\s+(?:Nos?\.|Nº|№|#)\s*(?P<num>\d[\w/.-]*)\s*$", txt)
            if nm:
                if rec.number is None:
                    rec.number = nm["num"].rstrip(".")
                txt = txt[: nm.start()]
            # "(via Roshchin)", "[via Kovalev]", "via Molotov"
            for vm in list(VIA_RE.finditer(txt)):
                vname = vm["n"] or vm["m"]
                vstart = vm.start("n") if vm["n"] else vm.start("m")
                for voff, vpiece in split_names(vname):
                    ref, probs = parse_name(vpiece, base + off + vstart + voff)
                    rec.via.append(ref)
                    self.name_problems(f"via[{len(rec.via) - 1}]", probs, ref, line)
                txt = txt[: vm.start()] + " " * (vm.end() - vm.start()) + txt[vm.end():]
            refs = self.names(txt, base + off, who, line, getattr(rec, who))
            getattr(rec, who).extend(refs)
            for foff, fpiece in for_refs:
                ref, probs = parse_name(fpiece, base + off + foff)
                rec.recipients.append(ref)
                self.name_problems(f"recipients[{len(rec.recipients) - 1}]", probs, ref, line)
            if final is not None:
                moved = rec.recipients[-len(refs):] if refs else []
                del rec.recipients[len(rec.recipients) - len(refs):]
                rec.via.extend(moved)
                rec.recipients.extend(self.names(final[1], base + off + final[0], who, line, rec.recipients))
        # "Cable from Tehran": a sender that is a known place is where it was sent from
        if len(rec.senders) == 1 and rec.senders[0].name in PLACES and not rec.recipients:
            ref = rec.senders.pop()
            rec.sent_from, rec.sent_from_span = ref.name, ref.span

    def names(self, txt: str, offset: int, field: str, line: Line, existing: list[NameRef]) -> list[NameRef]:
        out: list[NameRef] = []
        honor, hlen = strip_honorific_list(txt.lstrip())
        lead = len(txt) - len(txt.lstrip())
        pieces = split_names(txt)
        for n, (off, piece) in enumerate(pieces):
            ref, probs = parse_name(piece, offset + off)
            if honor and honor.lower().rstrip(".") in ("cdes", "comrades") and n > 0 and ref.honorific is None:
                ref.honorific = honor
            if honor and n == 0 and off == lead and len(piece.strip()) <= hlen:
                continue
            out.append(ref)
            self.name_problems(f"{field}[{len(existing) + len(out) - 1}]", probs, ref, line)
        return out

    def name_problems(self, field: str, probs: list[str], ref: NameRef, line: Line) -> None:
        for p in probs:
            self.flag(field, p, ref.written, line, ref.span)

