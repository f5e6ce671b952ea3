"""A telegram's transmission lines: sent/received/deciphered/forwarded events with their dates, times and
clocks, "From <place>" lines, and the cipher office's dated numbers."""

from __future__ import annotations

import re

from kg.ingest.clocks import clock_offset
from kg.ingest.common import (
    FOOTNOTE_GLUE,
    find_dates,
    find_time,
    parse_name,
)
from kg.ingest.wilson.page import Line, PageBase, first_filled
from kg.ingest.wilson.sentfrom import DISTRICT, is_place
from kg.ingest.wilson.vocab import (
    CLOCK_RE,
    EVENT_KIND,
    EVENT_RE,
    FORWARD_RE,
    FROM_RE,
    MEANS_WORDS,
    MOSCOW_PLACE,
    TIME_ONLY_RE,
)
from kg.records import (
    DocumentRecord,
    HeaderEvent,
)

# "Nº 1211-1220 3 July 1953 2340": the cipher office's numbers, then the day (and time) the telegram went
DATED_TELNO = re.compile(r"^(?:#|No\.|Nº|№)\s*(?P<n>\d[\w/-]*)\s+\d{1,2}\s+[A-Z][a-z]+\.?\s+\d{4}\b")


# "Dispatched from Havana on ...", "Dispatched from Washington, D.C., on ...": the post it went from
FROM_PLACE = re.compile(r"\bfrom\s+(?P<p>[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)?" + DISTRICT + r"?)")


class EventsMixin(PageBase):
    def event(self, rec: DocumentRecord, ln: Line, kind_override: str | None = None) -> None:
        s = ln.text
        m = EVENT_RE.match(s.lstrip())
        kind = kind_override or (EVENT_KIND.get(m["verb"].lower(), "other") if m else "other")
        idx = len(rec.events)
        ev = HeaderEvent(kind=kind, verbatim=ln.s, span=ln.stripped_span())  # type: ignore[arg-type]
        field = f"events[{idx}]"
        dates = find_dates(s)
        th = find_time(s)
        if th and any(d.start <= th.start < d.end for d in dates):
            th = None
        if dates:
            d = dates[0]
            ev.date = d.value
            if d.problem:
                self.flag(field + ".date", d.problem, d.verbatim, ln, ln.span(d.start, d.end))
        if th:
            ev.time = th.value
            for p in th.problems:
                self.flag(field + ".time", p, th.verbatim.strip(), ln, ln.span(th.start, th.end))
        cm = CLOCK_RE.search(s)
        if cm:
            ev.clock = cm["clock"] or cm["clock2"]
        pm = re.search(r"\b(?:in|at)\s+(?P<p>(?:the\s+)?(?:\d+\w*\s+)?[A-Za-z][\w’'./-]*(?:\s+[A-Z0-9][\w’'./-]*)*)", s)
        if pm and not re.match(r"(?:the\s+)?\d+[:.]", pm["p"]):
            place = pm["p"].strip().rstrip(".,")
            g = FOOTNOTE_GLUE.search(place)
            if g:
                self.flag(field + ".place", f"footnote reference {g.group(1)!r} glued to {place!r}: stripped",
                          place, ln, ln.span(pm.start("p"), pm.start("p") + len(place)))
                place = place[: g.start()] + place[g.end():]
            ev.place = place
        am = re.search(r"\bby\s+(?P<who>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*|(?:" + "|".join(MEANS_WORDS)
                       + r"))\b", s)
        if am:
            who = am["who"]
            if who.lower() in MEANS_WORDS:
                ev.means = "by " + who
            else:
                ref, probs = parse_name(who, ln.start + am.start("who"))
                ref.kind = "person"
                ev.agent = ref
                self.name_problems(field + ".agent", probs, ref, ln)
        fm = FORWARD_RE.match(ln.s)
        if fm and kind_override is None:  # "Sent to 8th Department of the General Staff ... 11:35": forwarded on
            ev.kind = "forwarded"
            ev.place = fm["to"].strip().rstrip(".,")
            ev.agent = None
        if ev.kind == "sent" and (dm := FROM_PLACE.search(s)) \
                and is_place(dm["p"]):  # "Dispatched from Havana on 10.31.1962 at 13:30"
            ev.place = dm["p"]
            self.set_sent_from(rec, dm["p"], ln.span(dm.start("p"), dm.end("p")), "header", ln)  # type: ignore[attr-defined]
        if ev.kind == "sent" and ev.place is None and rec.sent_from:
            ev.place = rec.sent_from
        if kind_override == "issued" and ev.clock is None:
            tm = TIME_ONLY_RE.match(ln.s)
            if tm and tm["clock"]:
                ev.clock = tm["clock"].strip()
        if ev.date is None and ev.time is None:
            self.flag(field, "a transmission line with neither a date nor a time", ln.s, ln, ln.stripped_span())
        rec.events.append(ev)

    def dated_telno_after(self, k: int, b: int) -> str | None:
        """The number of a "Nº 1211-1220 3 July 1953 2340" line among the next three lines after line k."""
        for ln in first_filled(self.lines[k + 1: b], 3):
            m = DATED_TELNO.match(ln.s)
            if m:
                return m["n"]
        return None

    def from_line(self, rec: DocumentRecord, ln: Line, cont: Line | None = None) -> None:
        if cont is not None:  # "From BEIJING No. 1309 20 hours 05" + "minutes, 13.1.1951"
            ln = Line(ln.no, ln.start, self.text[ln.start:cont.end].replace("\r", " ").replace("\n", " "))
        m = FROM_RE.match(ln.text.lstrip())
        lead = ln.lead
        assert m
        place = m["place"]
        sp = ln.span(lead + m.start("place"), lead + m.end("place"))
        if re.fullmatch(r"(?:[A-Z] ){2,}[A-Z]", place):  # "From M A G A D A N": a word typed letter-spaced
            place = place.replace(" ", "")
        self.set_sent_from(rec, place, sp, "header", ln)  # type: ignore[attr-defined]
        rest = ln.text[lead + m.end():]
        nm = re.search(r"(?<!Copy )(?:No\.|Nº|№|#)\s*(\d[\w/-]*)", rest)  # not "Copy Nº 2"
        if nm and not rec.telegram_number:
            rec.telegram_number = nm.group(1)
        if find_time(rest) or find_dates(rest):
            self.event(rec, ln, kind_override="sent")
            rec.events[-1].place = place
        for ev in rec.events:
            if ev.kind == "sent" and ev.place is None:
                ev.place = place

    def assign_clocks(self, rec: DocumentRecord) -> None:
        """Which clock each header time reads: stated on the page ("Moscow time", "local time", "Pyongyang
        time"), or inferred (a receipt in Moscow reads Moscow time; a sending reads the local time of the place it
        was sent from), else unknown. Times are compared across clocks only when both are known."""
        for ev in rec.events:
            place = None
            basis = "unknown"
            if ev.clock:
                c = ev.clock.lower().replace(" time", "").strip("() ")
                if c == "local":
                    place = rec.sent_from if ev.kind in ("sent", "issued") else ev.place
                else:
                    place = ev.clock.replace(" time", "").strip("() ")
                basis = "stated" if place else "unknown"
            elif ev.kind in ("received", "arrived", "deciphered", "forwarded") and ev.place and \
                    MOSCOW_PLACE.search(ev.place):
                place, basis = "Moscow", "inferred"
            elif ev.kind == "sent" and (ev.place or rec.sent_from):
                place, basis = (ev.place or rec.sent_from), "inferred"
            if place:
                norm = place.strip().title() if place.isupper() else place.strip()
                norm = {"8Th Mdgs": "Moscow"}.get(norm, norm)
                if MOSCOW_PLACE.search(norm):
                    norm = "Moscow"
                ev.clock_place, ev.clock_basis = norm, basis  # type: ignore[assignment]
                # the offset that place's clock had on that day (summer time, zone changes)
                ev.utc_offset = clock_offset(norm, ev.date or rec.date, ev.time)
