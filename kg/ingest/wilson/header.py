"""The transmission header and trailer: which kind each header line is, and the reading of the region
between the title and the summary (header lines, labelled lists of those present, the body, the signature).
Transmission events, copies and distribution, and sending places are read in :mod:`.events`,
:mod:`.distribution` and :mod:`.sentfrom`."""

from __future__ import annotations

import datetime as dt
import re

from kg.ingest.common import (
    parse_date_line,
    parse_name,
)
from kg.ingest.wilson.address import EXCELLENCY_RE, SALUTATION
from kg.ingest.wilson.conversation import GERMAN_MONTHS
from kg.ingest.wilson.distribution import DistributionMixin
from kg.ingest.wilson.events import EventsMixin
from kg.ingest.wilson.numbers import HEADING_NO, REGNO_RE, SERIAL_NO, WIRE_KINDS, number_line, number_role
from kg.ingest.wilson.page import Line, first_filled
from kg.ingest.wilson.sentfrom import (
    KIND_FROM_PLACE,
    MISSION_FROM,
    POST_KIND,
    POST_NUMBER,
    SENDING_RE,
    SentFromMixin,
    _names_a_person,
    dateline,
    is_place,
    mission_head,
)
from kg.ingest.wilson.vocab import (
    ADDRESS_RE,
    BOILERPLATE,
    CLASSIFICATIONS,
    CONVERSATION_KINDS,
    COPIES_MADE_RE,
    DEST_RE,
    DIST_RE,
    DOCNO_RE,
    EVENT_RE,
    FROM_RE,
    INTERPRETED_BY,
    INTERPRETERS_IN_TEXT,
    LETTERHEAD_MIXED,
    LETTERHEAD_RE,
    N_COPIES_RE,
    NUMBERED_RE,
    PLACE_DATE_RE,
    PLACES,
    ROLE_WORDS,
    TELNO_RE,
    TIME_ONLY_RE,
    TO_LINE,
)
from kg.records import (
    DistributionEntry,
    DocumentRecord,
    NameRef,
    Span,
)

# "date: 29 July 1982": a labelled date line of a code message
DATE_LABEL = re.compile(r"^date\s*:\s*", re.IGNORECASE)
# "Com. Stawiarski", "Comrade Kiselev": a code message's addressee on a line of its own, under its header lines
COMRADE_LINE = re.compile(r"^(?:(?:Ambassador|Minister|Secretary|Chairman|Deputy|General|First|Foreign|Head|Director|"
                          r"President|Consul)\s+){0,3}(?P<addr>(?:Com\.|Comr\.|Cde\.|Comrade)\s+"
                          r"(?P<who>[A-Z\u00C0-\u00DE][\w’'-]+(?:\s+[A-Z\u00C0-\u00DE][\w’'.-]+){0,2}))[,:!]?$")
# "[To the] Ministry of Foreign Affairs:", "To the Central Committee's Foreign Division:": an addressee heading over
# a cable's text; "To Foreign Minister Testov from Chargé d'Affaires Examplov": addressee and writer on one line
TO_HEAD = re.compile(r"^(?:\[To(?:\s+the)?\]|To)\s+(?P<who>(?:the\s+)?[A-Z][^:;]{2,150}?)\s*:$")
TO_FROM = re.compile(r"^To\s+(?P<who>[A-Z][\w’'.-]*(?:\s+[\w’'.-]+){0,6}?)\s+from\s+(?P<frm>[A-Z][\w’'.-]*(?:\s+[\w’'.-]+){0,8})$")

# the official who drew up a record, on a labelled line of its heading: "Official: Anna Sample", "Recorded by: X"
RECORDER_LINE = re.compile(r"^(?:Official|Drafted\s+by|Prepared\s+by|Recorded\s+by|Compiled\s+by|Notes?\s+taken\s+by|"
                           r"Record\s+(?:taken|made)\s+by|Written\s+by|Rapporteur)\s*:?\s+"
                           r"(?P<who>(?:[A-Z]\.\s?){0,3}[A-Z\u00C0-\u00DE][\w’'-]+(?:\s+[A-Z\u00C0-\u00DE][\w’'.-]+){0,3})\.?$")
# "Sent: China, July 25, 1978, 19:05", "Sent: Tesgrad 03:58": a cable form's sending line, the post first
SENT_AT_PLACE = re.compile(r"^(?:Sent|Dispatched|Transmitted)\s*:\s*(?P<place>[A-Z\u00C0-\u00DE][\w’'-]+(?:\s[A-Z][\w’'-]+){0,2})"
                           r"(?=\s*,|\s+\d|\s*$)")
# an office's heading over a record: "[Department of International Relations]", "Main Department XX", "Ministry of
# Foreign Affairs", "Department of" (its name broken over two lines), "Abteilungsleiter 2"
OFFICE_HEADING = re.compile(r"^\[?(?:(?:[A-Z][\w’'.-]*|of|the|for)\s+){0,6}?(?:Department|Committee|Ministry|Office|Directorate|"
                            r"Division|Section|Bureau|Secretariat|Chancellery|Abteilung\w*|Referat|Embassy|Consulate|"
                            r"Legation)\b(?:\s+(?:of|for)\s*$|[\w’'.,/ -]{0,60}\]?$)")


def record_day(text: str) -> dt.date | None:
    """The day a dateline gives ("14 Feb 1984", "den 18. März 1991"), or None."""
    hit = parse_date_line(text.strip().rstrip("."))
    if hit is not None and hit.value:
        return hit.value
    gm = re.search(r"(\d{1,2})\.\s*(" + "|".join(GERMAN_MONTHS) + r")\s+(\d{4})", text)
    if gm:
        return dt.date(int(gm[3]), GERMAN_MONTHS.index(gm[2]) + 1, int(gm[1]))
    return None


# "To the Foreign Ministry", "To the Central Committee of the Invented Party": a line that is only "To" and a body
TO_BODY = re.compile(r"^To\s+(?P<who>(?:the\s+)?(?:[A-Z][\w’'-]*\s+){0,3}(?:Ministry|Committee|Presidium|Politburo|Secretariat|"
                     r"Government|Council|Department|Embassy|Bureau|Directorate|Headquarters|Commission)"
                     r"(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w’'()-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w’'()-]*){0,6})?)\s*[.,]?$")
# a heading over the text naming its addressees: "[To] the Ministry of Foreign Affairs:", "To the foreign affairs
# bureaus of all provincial committees with copies to ...:" (a body, an office or a comrade, lower case allowed)
TO_ANY_HEAD = re.compile(r"^(?:\[To(?:\s+the)?\]|To)\s+(?P<who>(?:the\s+)?[\w\[].{2,200}?)\s*:$")
ADDRESSEE_WORDS = re.compile(r"\b(?i:ministr(?:y|ies)|committees?|bureaus?|departments?|offices?|embass(?:y|ies)|comrades?|cdes?|"
                             r"leadership|secretariat|presidium|politburo|government|headquarters|councils?|commissions?|"
                             r"directorates?|divisions?|sections?|staff|missions?|ambassadors?|ministers?|secretar(?:y|ies)|"
                             r"chairman|director|head)\b")
# a further addressee of a "TO:" list, one a line: "Comrade Ivan Testov, Minister of Trade", "Gen. Dobri Examplov"
ADDRESSEE_LINE = re.compile(r"^(?P<who>(?:Comrades?|Cde\.?|Comr\.?|Gen\.|General|Mr\.?|Mrs\.?|Dr\.?)\s+"
                            r"(?:[A-Z]\.\s?)*[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3})(?:,\s*(?P<role>[A-Za-z][^,;]{2,80}?))?[.;,]?$")
# records of a meeting whose labelled lines name who took part
MEETING_RECORD_KINDS = CONVERSATION_KINDS + ("transcript", "minutes", "protocol")


class HeaderMixin(EventsMixin, DistributionMixin, SentFromMixin):
    # -- header, body, trailer -------------------------------------------------------------------------------
    def header_kind(self, s: str) -> str | None:
        if not s:
            return None
        if EVENT_RE.match(s):
            return "event"
        if len(s) < 160 and MISSION_FROM.match(s):
            return "missionfrom"
        fm = FROM_RE.match(s) if len(s) < 120 else None
        if fm and not _names_a_person(fm["place"]):
            return "from"
        if ADDRESS_RE.match(s) and len(s) < 160:
            return "address"
        if re.fullmatch(r"\d{1,6}/\d{2}", s) or REGNO_RE.match(s):
            return "regno"
        if (pn := POST_NUMBER.match(s)) and is_place(pn["place"]):
            return "postnumber"
        if (pk := POST_KIND.match(s)) and not ROLE_WORDS.match(pk["place"]) and \
                pk["place"].split()[0].lower() not in CLASSIFICATIONS:
            return "postkind"
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
        if TELNO_RE.match(s) or (len(s) < 120 and number_line(s)):
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
        if len(s) < 100 and LETTERHEAD_MIXED.match(s) or mission_head(s):
            return "letterhead"
        if len(s) < 80 and (LETTERHEAD_RE.match(s) or ((pd := PLACE_DATE_RE.match(s)) and (
                pd["place"] in PLACES or pd["place"].title() in PLACES)) or dateline(s)):
            return "letterhead"
        return None

    _deep: tuple[int, int, int] | None = None  # (region start, lines counted up to, long body lines among them)

    def parse_region(self, rec: DocumentRecord, a: int, b: int) -> None:
        roles: dict[int, str] = {}
        self._deep = None
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
            if kind is None and (nk := self.participant_list(rec, k, b, roles)) is not None:  # type: ignore[attr-defined]
                k = nk  # "Present: A, B", "Participating:", "On the Testland side: ...": who took part
                continue
            if kind is None and rec.kind in CONVERSATION_KINDS and (im := INTERPRETERS_IN_TEXT.match(s)):
                self.role_line(rec, ln, "interpreter", im["names"], ln.lead + im.start("names"))
                # the line stays text
            if kind is None and rec.kind in MEETING_RECORD_KINDS and self.after_header(roles, a, k) and \
                    (cm := re.match(r"^(?:Cdes?\.?|Comrades)\s*:\s*(?=[A-Z])", s)) and \
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
            # still in the heading: few lines above, none of them a sentence of the text
            early = kind is None and not rec.recipients and sum(1 for x in self.lines[a:k] if x.s) < 8 and \
                not any(roles.get(j) == "body" and len(self.lines[j].s.split()) >= 5 and
                        re.search(r"[a-z)\]]\s*[.!?][\"”’]?$", self.lines[j].s) for j in range(a, k))
            parties = rec.kind not in CONVERSATION_KINDS and rec.kind != "diary" and \
                not self.deep_in_text(roles, a, k)  # (a record of a conversation has no addressee; a letter
            # enclosed after the text names the enclosure's)
            if kind is None and parties and (cl := COMRADE_LINE.match(s)) and (self.after_header(roles, a, k) or (
                    early and not any(SALUTATION.match(x.s) for x in first_filled(self.lines[k + 1:b], 4)))):
                # (an inside address above "Dear Comrade X!" is read by inside_address)
                # "from: Pyongyang" / "12 October 1988" / "Com. Stawiarski": a code message's addressee;
                # "Ambassador Comrade X" over a covering letter's subject line
                roles[k] = "header"
                if not rec.recipients:
                    # "Com. Kruczkowski": the name keeps its form of address (an office before it is left out)
                    self.addressee(rec, Line(ln.no, ln.start + ln.lead + cl.start("addr"), s[cl.start("addr"):]),
                                   s[cl.start("addr"):])
                k += 1
                continue
            if kind is None and parties and not rec.recipients and \
                    (th := self.addressee_heading(s, early, a, k)) is not None:
                roles[k] = "header"
                self.to_head(rec, ln, th)
                k += 1
                continue
            if kind is None and rec.number is None and len(s) < 200 and (hn := HEADING_NO.match(s)) and \
                    sum(1 for x in self.lines[a:k] if x.s) < 8:
                rec.number = hn["n"] or hn["n2"]  # "RESOLUTION “B” No 9 OF THE POLITBURO ...": its heading's number
            if kind is None and len(s) < 80 and (sm := SERIAL_NO.search(s)) and rec.number is None:
                rec.number = sm["n"]  # "A. P. TESTOV Ser. No. 276": the memorandum's serial number (the line stays)
            if kind is None and numbered_ok and NUMBERED_RE.match(s):
                self.numbered_entry(rec, ln)
                roles[k] = "header"
                k += 1
                continue
            numbered_ok = numbered_ok and kind is None and bool(NUMBERED_RE.match(s))
            if kind == "letterhead" and not mission_head(s) and self.deep_in_text(roles, a, k):
                kind = None  # "Tesgrad, 4 May 1961" after paragraphs of text: a date in the text (or an enclosure's),
                # not the head of the document (a closing dateline is read by closing_place)
            if kind is None and s and self.letterhead_place(rec, k, a, b, roles):
                roles[k] = "header"  # "Embassy of Testland in Exampleland" / "Tesgrad": the letterhead's place
                k += 1
                continue
            if kind is None:
                if s:
                    roles[k] = "body"
                k += 1
                continue
            roles[k] = "header"
            if kind == "event":
                self.event(rec, ln)
                if (sp := SENT_AT_PLACE.match(s)) and is_place(sp["place"]):
                    # "Sent: China 21:10 ...": a cable form's sending line names the post it went from
                    at = ln.lead + sp.start("place")
                    self.set_sent_from(rec, sp["place"], ln.span(at, at + len(sp["place"])), "header", ln)
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
            elif kind == "letterhead" and (rec.kind in CONVERSATION_KINDS or rec.kind == "diary") and \
                    not (LETTERHEAD_RE.match(s) or LETTERHEAD_MIXED.match(s) or mission_head(s)) and \
                    not self.record_dateline(rec, k, a, b):
                roles[k] = "body"  # "Bonn, 9 November 1990": where a meeting was held, not a sending place
                # (a mission's letterhead over a record is where the record was written: read below)
            elif kind in ("letterhead", "kindfrom", "postnumber", "postkind", "sending", "missionfrom"):
                self.header_place(rec, ln, kind)
            elif kind == "destination":
                self.destination(rec, ln)
            elif kind == "address" and not parties and rec.kind in CONVERSATION_KINDS + ("diary",):
                self.address_line(rec, ln, places_only=True)  # "Sender: Tesgrad": still where it came from
            elif kind == "address" and parties:
                self.address_line(rec, ln)
                if re.match(r"(?i:to|addressees?|recipients?)\s*:", s):
                    # "TO: Gen. Ivan Testov, Member of Politburo" / "Comrade Petar Examplov, Minister of Trade":
                    # the list goes on, one addressee a line
                    # (a blank line between them too)
                    while (j := self.next_nonblank(k + 1, min(b, k + 3))) is not None and \
                            (cm2 := ADDRESSEE_LINE.match(self.lines[j].s)) is not None and \
                            not self.header_kind(self.lines[j].s):
                        k = j
                        roles[k] = "header"
                        self.more_addressees(rec, self.lines[k], cm2)
            elif kind == "toline" and parties:
                self.to_line(rec, ln)
            elif kind == "regno":  # "431/88" on a line of its own: the register number and its year
                if rec.number is None and rec.kind not in WIRE_KINDS:
                    rec.number = s
                elif rec.telegram_number is None and rec.number is None:
                    rec.telegram_number = s
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
                    rec.kind not in WIRE_KINDS and rec.kind != "diary":
                # "No. 4" over a memorandum, a note or a letter: the document's own number (a telegram's number
                # on a line of its own stays its telegram number; a journal's is the embassy's register number)
                rec.number = number_line(s)
            elif kind == "telno" and rec.number is None and rec.telegram_number is None and \
                    (tn2 := self.dated_telno_after(k, b)) is not None:
                # "Nº 336" then "Nº 1211-1220 3 July 1953 2340": the document's own number, then the cipher
                # office's numbers with the day and time it went
                rec.number = number_line(s)
                rec.telegram_number = tn2
            elif kind == "telno" and rec.kind not in WIRE_KINDS and rec.telegram_number is None:
                pass  # a second number line over a letter, a decision or a journal: its register, no telegram number
            elif kind == "telno" and number_role(s) == "heading" and rec.number in (None, number_line(s)):
                rec.number = number_line(s)  # "Number 1361 Top Secret Top Urgent": the cable's own number
            elif kind == "telno":
                num = number_line(s)
                if rec.telegram_number and rec.telegram_number != num:
                    self.flag("telegram_number", f"a second telegram number {num!r}; kept {rec.telegram_number!r}",
                              s, ln, ln.stripped_span())
                else:
                    rec.telegram_number = num
            elif kind == "docno":
                dm = DOCNO_RE.match(s)
                assert dm
                num = (dm["n"] or dm["n2"]).rstrip(".")
                if rec.number is None or num.startswith(rec.number + "/"):
                    rec.number = num  # "Ciphered Telegram No. 4711/sh" under a title's "No. 4711": the full number
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
            self.signatory(rec, [self.lines[i] for i in sorted(body_idx)],
                           [ln for ln in self.lines[first:b] if ln.s])
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
        self.order_participants(rec)  # type: ignore[attr-defined]
        self.inside_address(rec, a, b)  # type: ignore[attr-defined]
        self.recorder(rec, a, b)
        self.check_distribution(rec)
        self.assign_clocks(rec)

    def record_dateline(self, rec: DocumentRecord, k: int, a: int, b: int) -> bool:
        """A place-and-date line at the head of a conversation record dates the record, not the meeting (it is
        where the record was written, docs/page-fields.md, sent_from): when an office's heading stands next to it
        ("Department of International Relations" / "Tesgrad, 14 May 1984"), or when its day is not the day of the
        conversation the title gives (the record written the day after)."""
        dm = dateline(self.lines[k].s)
        if dm is None:
            return False
        day = record_day(dm["date"])
        if rec.conversation_date is not None and day is not None and day != rec.conversation_date:
            return True
        above = [ln for ln in self.lines[max(a, k - 4):k] if ln.s][-2:]
        below = list(first_filled(self.lines[k + 1:b], 2))
        return any(OFFICE_HEADING.match(ln.s) for ln in above + below)

    def recorder(self, rec: DocumentRecord, a: int, b: int) -> None:
        """Who wrote a record of a conversation was there: the official a labelled header line names ("Official:
        X", "Recorded by: X", "Drafted by X"), else the one who signed it at its foot. A participant with the role
        "recorder", after those the page names above (docs/page-fields.md, participants 4)."""
        if rec.kind not in CONVERSATION_KINDS:
            return
        ref = None
        for ln in first_filled(self.lines[a:b], 12):
            m = RECORDER_LINE.match(ln.s)
            if m:
                ref, _ = parse_name(m["who"], ln.start + ln.lead + m.start("who"))
                break
        if ref is None:
            foot = [sg for sg in rec.signatories if rec.title_span is None or sg.span is None
                    or not rec.title_span.start <= sg.span.start < rec.title_span.end]  # not "Embassy (Beck)"
            if len(foot) != 1:
                return
            ref = NameRef(written=foot[0].written, name=foot[0].name, identified_as=foot[0].identified_as,
                          span=foot[0].span)
        last = ref.name.split()[-1].casefold() if ref.name.split() else ""
        if not last or any(p.name.casefold() == ref.name.casefold() or
                           (p.name.split() and p.name.split()[-1].casefold() == last) for p in rec.participants):
            return
        ref.kind, ref.role = "person", "recorder"
        rec.participants.append(ref)

    def addressee_heading(self, s: str, early: bool, a: int, k: int) -> re.Match[str] | None:
        """ "To X:" over the text, naming its addressees: early in the heading any "To X:" line; a little later
        (after an editor's line or a form's fields, among the first fifteen lines) one that names a body, an office
        or a comrade ("To the second question:" is the text's)."""
        m = TO_HEAD.match(s) or TO_FROM.match(s)
        if m is not None and early:
            return m
        if (m := TO_BODY.match(s)) is not None and sum(1 for x in self.lines[a:k] if x.s) < 15:
            return m  # "To the Foreign Ministry" over the text, no colon
        m = TO_ANY_HEAD.match(s)
        if m is None or not ADDRESSEE_WORDS.search(m["who"]) or sum(1 for x in self.lines[a:k] if x.s) >= 15:
            return None
        return m

    def more_addressees(self, rec: DocumentRecord, ln: Line, m: re.Match[str]) -> None:
        ref, _ = parse_name(m["who"], ln.start + ln.lead)
        ref.kind = "person"
        if m["role"]:
            ref.role = m["role"].strip()
        rec.recipients.append(ref)

    def deep_in_text(self, roles: dict[int, str], a: int, k: int) -> bool:
        """Three paragraphs of the text (lines of ten words and more read as body) stand above line ``k``. (Counted
        on from the last line asked about: the region is read top to bottom, linear in its lines.)"""
        if self._deep is None or self._deep[0] != a or self._deep[1] > k:
            self._deep = (a, a, 0)
        _, j, count = self._deep
        while j < k and count < 3:
            if roles.get(j) == "body" and len(self.lines[j].s.split()) >= 10:
                count += 1
            j += 1
        self._deep = (a, j, count)
        return count >= 3

    def after_header(self, roles: dict[int, str], a: int, k: int) -> bool:
        """The nearest line with text above line ``k`` (in the region from ``a``) was read as a header line."""
        j = k - 1
        while j >= a and not self.lines[j].s:
            j -= 1
        return j >= a and roles.get(j) == "header"
