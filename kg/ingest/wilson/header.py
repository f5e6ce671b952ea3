"""The transmission header and trailer: sent/received/forwarded lines, clocks, numbers, copies, distribution."""

from __future__ import annotations

import re
import unicodedata

from kg.ingest.clocks import clock_offset
from kg.ingest.common import (
    FOOTNOTE_GLUE,
    find_dates,
    find_time,
    parse_date_line,
    parse_name,
)
from kg.ingest.wilson.address import EXCELLENCY_RE
from kg.ingest.wilson.layout import Line, PageBase, first_filled
from kg.ingest.wilson.offices import strip_role
from kg.ingest.wilson.vocab import (
    ADDRESS_RE,
    BOILERPLATE,
    CLASSIFICATIONS,
    CLOCK_RE,
    CONVERSATION_KINDS,
    COPIES_MADE_RE,
    DEST_RE,
    DIST_RE,
    DOCNO_RE,
    EVENT_KIND,
    EVENT_RE,
    FORWARD_RE,
    FROM_RE,
    INTERPRETED_BY,
    INTERPRETERS_IN_TEXT,
    LETTERHEAD_MIXED,
    LETTERHEAD_RE,
    LIST_LABELS,
    LIST_LOWER_OK,
    MAX_COPIES,
    MEANS_WORDS,
    MOSCOW_PLACE,
    N_COPIES_RE,
    NOT_FROM_PLACE,
    NUMBER_WORDS,
    NUMBERED_RE,
    PLACE_DATE_RE,
    PLACES,
    ROLE_LINE,
    ROLE_WORDS,
    TELNO_RE,
    TIME_ONLY_RE,
    TO_LINE,
)
from kg.records import (
    DistributionEntry,
    DocumentRecord,
    HeaderEvent,
    NameRef,
    Span,
)

# "Nº 1211-1220 3 July 1953 2340": the cipher office's numbers, then the day (and time) the telegram went
DATED_TELNO = re.compile(r"^(?:#|No\.|Nº|№)\s*(?P<n>\d[\w/-]*)\s+\d{1,2}\s+[A-Z][a-z]+\.?\s+\d{4}\b")
# "Tokyo 10353", "USUN New York 4711": a cable's post and its number there, on a line of their own
POST_NUMBER = re.compile(r"^(?:Unclas(?:sified)?\s+|Confidential\s+|Secret\s+)?(?P<place>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s+"
                         r"(?P<n>\d{3,6})$")
# "date: 29 July 1982": a labelled date line of a code message
DATE_LABEL = re.compile(r"^date\s*:\s*", re.IGNORECASE)
# "Com. Stawiarski", "Comrade Kiselev": a code message's addressee on a line of its own, under its header lines
COMRADE_LINE = re.compile(r"^(?:Com\.|Comr\.|Cde\.|Comrade)\s+(?P<who>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'.-]+){0,2})$")
# "Sending: Rio", "Place of dispatch: Havana": the post a telegram form was sent from
SENDING_RE = re.compile(r"^(?:Sending|Sent from|Place of (?:dispatch|origin)|Origin)\s*:\s*(?P<place>\S.*)$", re.IGNORECASE)


# "Telegram from Pyongyang", "Ciphered Cable from BEIJING": a telegram form's heading naming where it came from
KIND_FROM_PLACE = re.compile(r"^(?:(?:Ciphered|Coded|Urgent|Secret)\s+)?(?:Telegram|Cable|Ciphergram|Cipher)\s+from\s+"
                             r"(?P<place>[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)?)\.?$", re.IGNORECASE)


COUNTRIES = {"Korea", "China", "Japan", "Taiwan", "Formosa", "North Korea", "South Korea", "Soviet Union", "Mongolia",
             "India", "Burma", "Poland", "Czechoslovakia", "Great Britain", "United Kingdom", "United States"}


def is_city(name: str) -> bool:
    """A known city (not a country), accents aside: "Ürümchi" is "Urumchi"."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return (is_place(name) or is_place(plain)) and name not in COUNTRIES and plain not in COUNTRIES


TELEGRAM_KINDS = ("ciphered telegram", "coded telegram", "cable", "telegram", "message", "document")
# records of a meeting whose labelled lines name who took part
MEETING_RECORD_KINDS = CONVERSATION_KINDS + ("transcript", "minutes", "protocol")


def is_place(name: str) -> bool:
    return name in PLACES or name.title() in PLACES


def _names_a_person(target: str) -> bool:
    """ "From: Ambassador JELEN" names the writer, not a place."""
    first = target.split()[0] if target.split() else ""
    return (bool(ROLE_WORDS.match(first)) or bool(NOT_FROM_PLACE.fullmatch(first))) and not is_place(target)


class HeaderMixin(PageBase):
    # -- header, body, trailer -------------------------------------------------------------------------------
    def header_kind(self, s: str) -> str | None:
        if not s:
            return None
        if EVENT_RE.match(s):
            return "event"
        fm = FROM_RE.match(s) if len(s) < 120 else None
        if fm and not _names_a_person(fm["place"]):
            return "from"
        if ADDRESS_RE.match(s) and len(s) < 160:
            return "address"
        if re.fullmatch(r"\d{1,6}/\d{2}", s):
            return "regno"
        if (pn := POST_NUMBER.match(s)) and is_place(pn["place"]):
            return "postnumber"
        if (tm := TO_LINE.match(s)) and (tm["who"] or tm["br"]) and len(s) < 80 and \
                (tm["br"] or re.match(r"To\s+(?:Comrades?|Cde\.?|Comr\.?|Tov\.?)\s|\[To\]", s)):
            return "toline"
        if DEST_RE.match(s):
            return "destination"
        if COPIES_MADE_RE.match(s):
            return "copies"
        if N_COPIES_RE.match(s):
            return "ncopies"
        if DIST_RE.match(s):
            return "distribution"
        if TELNO_RE.match(s):
            return "telno"
        if DOCNO_RE.match(s):
            return "docno"
        if parse_date_line(s) is not None or (DATE_LABEL.match(s) and parse_date_line(DATE_LABEL.sub("", s))):
            return "dateline"
        if EXCELLENCY_RE.match(s):
            return "excellency"
        if SENDING_RE.match(s) and len(s) < 80:
            return "sending"
        if TIME_ONLY_RE.match(s):
            return "time"
        if s.lower().rstrip(".") in CLASSIFICATIONS or re.fullmatch(r"Special\s+No\.\s*\d[\w/-]*", s, re.I):
            return "classification"
        if re.fullmatch(r"\[handwritten:[^\]]*\]", s, re.IGNORECASE):
            return "handwritten"
        if (tf := KIND_FROM_PLACE.match(s)) and is_place(tf["place"]):
            return "kindfrom"
        if len(s) < 100 and (mx := LETTERHEAD_MIXED.match(s)) and is_city(mx["place"]):
            return "letterhead"
        if len(s) < 80 and (LETTERHEAD_RE.match(s) or ((pd := PLACE_DATE_RE.match(s)) and (
                pd["place"] in PLACES or pd["place"].title() in PLACES))):
            return "letterhead"
        return None

    def parse_region(self, rec: DocumentRecord, a: int, b: int) -> None:
        roles: dict[int, str] = {}
        k = a
        numbered_ok = False
        while k < b:
            ln = self.lines[k]
            s = ln.s
            kind = self.header_kind(s)
            if kind == "dateline" and (rec.kind == "diary" or rec.kind in CONVERSATION_KINDS):
                kind = None  # the day of an entry or of a meeting, not a transmission line
            if kind is None and s and BOILERPLATE.match(s):  # "This document was made possible with support ..."
                roles[k] = "header"
                k += 1
                continue
            if kind is None and rec.kind in MEETING_RECORD_KINDS and (rm := ROLE_LINE.match(s)) and \
                    (rm["names"] or LIST_LABELS.fullmatch(rm["label"])):
                roles[k] = "header"
                if rm["names"]:
                    self.role_line(rec, ln, rm["label"], rm["names"], ln.lead + rm.start("names"))
                    k += 1
                    continue
                # "Present:" alone: the names stand one a line below it, up to a blank line or the text
                k += 1
                while k < b and not self.lines[k].s:
                    k += 1
                while k < b and self.lines[k].s and list_entry(self.lines[k].s):
                    nl = self.lines[k]
                    self.role_line(rec, nl, rm["label"], nl.s.rstrip("."), nl.lead)
                    roles[k] = "header"
                    k += 1
                continue
            if kind is None and rec.kind in CONVERSATION_KINDS and (im := INTERPRETERS_IN_TEXT.match(s)):
                self.role_line(rec, ln, "interpreter", im["names"], ln.lead + im.start("names"))
                # the line stays text
            if kind is None and rec.kind in MEETING_RECORD_KINDS and self.after_header(roles, a, k) and \
                    (cm := re.match(r"^(?:Cdes?\.?|Comrades|On\s+the\s+[\w\s’'-]{2,40}?side)\s*:\s*(?=[A-Z])", s)) and \
                    any(r.role for r in rec.participants):
                # "Present at the conversation: A and B." then "Cdes: Deputy Chairman X; Member Y": the other side
                roles[k] = "header"
                self.role_line(rec, ln, "participant", s[cm.end():].rstrip("."),
                               ln.lead + cm.end())
                k += 1
                continue
            if kind is None and rec.kind in CONVERSATION_KINDS and (im := INTERPRETED_BY.match(s)):
                roles[k] = "header"  # "Interpreted by Mun Il [Mun Il]"
                self.role_line(rec, ln, "interpreter", re.sub(r"\s*\[[^\]]*\]", "", im["names"]).rstrip("."),
                               ln.lead + im.start("names"))
                k += 1
                continue
            if kind is None and COMRADE_LINE.match(s) and self.after_header(roles, a, k):
                # "from: Pyongyang" / "12 October 1988" / "Com. Stawiarski": a code message's addressee
                roles[k] = "header"
                if not rec.recipients:
                    self.addressee(rec, ln, COMRADE_LINE.match(s)["who"])  # type: ignore[index]
                k += 1
                continue
            if kind is None and numbered_ok and NUMBERED_RE.match(s):
                self.numbered_entry(rec, ln)
                roles[k] = "header"
                k += 1
                continue
            numbered_ok = numbered_ok and kind is None and bool(NUMBERED_RE.match(s))
            if kind is None:
                if s:
                    roles[k] = "body"
                k += 1
                continue
            roles[k] = "header"
            if kind == "event":
                self.event(rec, ln)
            elif kind == "from" and (rec.kind in CONVERSATION_KINDS or rec.kind == "diary"):
                roles[k] = "body"  # "From Seoul" above a delegation's members, not where a telegram came from
            elif kind == "from":
                nxt = self.lines[k + 1] if k + 1 < b else None
                if nxt is not None and nxt.s and not self.header_kind(nxt.s) and \
                        re.match(r"(?:minutes?|hours?|[0-9]{1,2}[.:])", nxt.s) and len(nxt.s) < 40:
                    roles[k + 1] = "header"
                    self.from_line(rec, ln, nxt)
                    k += 2
                    continue
                self.from_line(rec, ln)
            elif kind == "letterhead":
                if rec.kind in CONVERSATION_KINDS or rec.kind == "diary":
                    roles[k] = "body"  # "Bonn, 9 November 1990": where a meeting was held, not a sending place
                elif rec.sent_from is None:
                    lm = LETTERHEAD_RE.match(s) or PLACE_DATE_RE.match(s) or LETTERHEAD_MIXED.match(s)
                    assert lm
                    lead = ln.lead
                    rec.sent_from = lm["place"]
                    rec.sent_from_span = ln.span(lead + lm.start("place"), lead + lm.end("place"))
            elif kind == "kindfrom":  # "Telegram from Pyongyang" over the text: where it was sent from
                tf = KIND_FROM_PLACE.match(s)
                assert tf
                if rec.sent_from is None:
                    lead = ln.lead
                    rec.sent_from = tf["place"]
                    rec.sent_from_span = ln.span(lead + tf.start("place"), lead + tf.end("place"))
            elif kind == "destination":
                self.destination(rec, ln)
            elif kind == "address":
                self.address_line(rec, ln)
            elif kind == "toline":
                self.to_line(rec, ln)
            elif kind == "regno":  # "431/88" on a line of its own: the register number and its year
                if rec.number is None and rec.kind not in TELEGRAM_KINDS:
                    rec.number = s
                elif rec.telegram_number is None and rec.number is None:
                    rec.telegram_number = s
            elif kind == "postnumber":  # "Tokyo 10353": a cable's post of origin and its number there
                pn = POST_NUMBER.match(s)
                assert pn
                if rec.sent_from is None and rec.kind in TELEGRAM_KINDS:
                    lead = ln.lead
                    rec.sent_from = pn["place"]
                    rec.sent_from_span = ln.span(lead, lead + len(pn["place"]))
            elif kind == "sending":  # "Sending: Rio": the telegram form's sending post
                sm = SENDING_RE.match(s)
                assert sm
                place = sm["place"].strip().rstrip(".,")
                if is_place(place) and rec.sent_from is None:
                    lead = ln.lead
                    rec.sent_from = place
                    rec.sent_from_span = ln.span(lead + sm.start("place"), lead + sm.start("place") + len(place))
            elif kind == "excellency":
                k = self.excellency(rec, k, b, roles)
                continue
            elif kind == "copies":
                self.copies(rec, ln, COPIES_MADE_RE.match(s))
            elif kind == "ncopies":
                nm = N_COPIES_RE.match(s)
                self.copies(rec, ln, nm)
                numbered_ok = True
                if nm and nm["to"]:  # "Nº 2 to file"
                    lead = ln.lead
                    ref, _ = parse_name(nm["to"], ln.start + lead + nm.start("to"))
                    if re.search(r"\bfile\b", ref.name, re.IGNORECASE):
                        ref.kind = "organization"
                    rec.distribution.append(DistributionEntry(
                        recipient=ref, copies=1, copy_number=int(nm["k"]), verbatim=nm["entry"],
                        span=Span(ln.start + lead + nm.start("entry"), ln.start + lead + nm.end("entry"))))
            elif kind == "distribution":
                k2 = k + 1
                while k2 < b and self.lines[k2].s and not self.header_kind(self.lines[k2].s) \
                        and not NUMBERED_RE.match(self.lines[k2].s) and k2 - k < 6:
                    roles[k2] = "header"
                    k2 += 1
                self.distribution(rec, ln, self.lines[k2 - 1])
                numbered_ok = not DIST_RE.match(s)["rest"].strip()  # type: ignore[index]
                k = k2
                continue
            elif kind == "telno" and rec.number is None and rec.telegram_number is None and \
                    rec.kind not in TELEGRAM_KINDS and rec.kind != "diary":
                # "No. 4" over a memorandum, a note or a letter: the document's own number (a telegram's number
                # on a line of its own stays its telegram number; a journal's is the embassy's register number)
                rec.number = TELNO_RE.match(s)["n"]  # type: ignore[index]
            elif kind == "telno" and rec.number is None and rec.telegram_number is None and \
                    (tn2 := self.dated_telno_after(k, b)) is not None:
                # "Nº 336" then "Nº 1211-1220 3 July 1953 2340": the document's own number, then the cipher
                # office's numbers with the day and time it went
                rec.number = TELNO_RE.match(s)["n"]  # type: ignore[index]
                rec.telegram_number = tn2
            elif kind == "telno":
                num = TELNO_RE.match(s)["n"]  # type: ignore[index]
                if rec.telegram_number and rec.telegram_number != num:
                    self.flag("telegram_number", f"a second telegram number {num!r}; kept {rec.telegram_number!r}",
                              s, ln, ln.stripped_span())
                else:
                    rec.telegram_number = num
            elif kind == "docno":
                dm = DOCNO_RE.match(s)
                assert dm
                num = dm["n"] or dm["n2"]
                if rec.number is None:
                    rec.number = num
                elif rec.number != num:
                    self.flag("number", f"the page gives the number {num!r}; kept {rec.number!r} from the title",
                              s, ln, ln.stripped_span())
            elif kind in ("time", "dateline"):
                self.event(rec, ln, kind_override="issued")
            elif kind == "classification":
                rec.classification.append(s)
            k += 1
        body_idx = [i for i, r in roles.items() if r == "body"]
        # classification lines and numbers inside the body ("CIPHERED TELEGRAM No. 709", "TOP PRIORITY")
        if body_idx:
            first, last = min(body_idx), max(body_idx)
            rec.body_span = Span(self.lines[first].stripped_span().start, self.lines[last].stripped_span().end)
            rec.body = self.text[rec.body_span.start:rec.body_span.end]
            self.signatory(rec, [self.lines[i] for i in sorted(body_idx)])
            if not rec.senders and len(rec.signatories) == 1 and rec.kind not in CONVERSATION_KINDS and \
                    rec.kind not in ("diary", "transcript", "minutes", "protocol"):
                sig = rec.signatories[0]  # the one who signed a page whose title names no writer wrote it
                rec.senders.append(NameRef(written=sig.written, name=sig.name, identified_as=sig.identified_as,
                                           kind=sig.kind, span=sig.span, role=sig.role))
        else:
            self.flag("body", "no body text (the page has no transcript)", "", None)
        self.notes(rec, a, b)
        if rec.body_span is not None:
            self.mentions(rec)
        self.present_in_text(rec, a, b)
        self.participants_from_text(rec, a, b)  # type: ignore[attr-defined]
        self.met_with(rec, a, b)  # type: ignore[attr-defined]
        self.inside_address(rec, a, b)  # type: ignore[attr-defined]
        self.check_distribution(rec)
        self.assign_clocks(rec)

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
        if ev.kind == "sent" and (dm := re.search(r"\bfrom\s+(?P<p>[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)?)", s)) \
                and is_place(dm["p"]):  # "Dispatched from Havana on 10.31.1962 at 13:30"
            ev.place = dm["p"]
            if rec.sent_from is None:
                rec.sent_from, rec.sent_from_span = dm["p"], ln.span(dm.start("p"), dm.end("p"))
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

    def to_line(self, rec: DocumentRecord, ln: Line) -> None:
        """ "To Comrade X", "To [Foreign Minister X]", "To [Foreign Minister] Comrade X:": the addressee, when the
        title names none (an office in the editors' brackets is his role)."""
        if rec.recipients:
            return
        m = TO_LINE.match(ln.s)
        assert m
        lead = ln.lead
        if m["who"]:
            name, role = strip_role(m["who"])  # "[To] Ambassador Wang": his office, then his name
            if not name or role is not None and name == m["who"]:
                return
            ref, _ = parse_name(name, ln.start + lead + m.start("who") + m["who"].rfind(name))
            role = m["br"] or role
        else:
            name, role = strip_role(m["br"])
            if role is None or not name:
                return
            at = m.start("br") + m["br"].rfind(name)
            ref, _ = parse_name(name, ln.start + lead + at)
        if is_place(ref.name):
            return
        ref.kind, ref.role = "person", role
        rec.recipients.append(ref)

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
        if rec.sent_from and rec.sent_from.casefold() != place.casefold():
            self.flag("sent_from", f"a second from-place {place!r}; kept {rec.sent_from!r}", ln.s, ln, sp)
        else:
            rec.sent_from, rec.sent_from_span = place, sp
        rest = ln.text[lead + m.end():]
        nm = re.search(r"No\.\s*(\d[\w/-]*)", rest)
        if nm and not rec.telegram_number:
            rec.telegram_number = nm.group(1)
        if find_time(rest) or find_dates(rest):
            self.event(rec, ln, kind_override="sent")
            rec.events[-1].place = place
        for ev in rec.events:
            if ev.kind == "sent" and ev.place is None:
                ev.place = place


    def after_header(self, roles: dict[int, str], a: int, k: int) -> bool:
        """The nearest line with text above line ``k`` (in the region from ``a``) was read as a header line."""
        j = k - 1
        while j >= a and not self.lines[j].s:
            j -= 1
        return j >= a and roles.get(j) == "header"


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


def list_entry(s: str) -> bool:
    """A line of a list of those present: a name, perhaps with an office; no sentence."""
    words = s.rstrip(".").split()
    if not words or len(words) > 14 or ":" in s or not re.match(r"[A-Z\u00C0-\u024F\u0400-\u04FF]|\d+[.)]\s", s):
        return False
    return all(w[:1].isupper() or w.strip(",;()").lower() in LIST_LOWER_OK or not w[:1].isalpha() for w in words)
