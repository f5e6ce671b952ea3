"""Where a document was sent from, read off the page outside its title: a letterhead or a place-and-date
line ("Berlin, 16 June 1980"), a form's heading ("Telegram from Pyongyang"), a cable's post and number ("Tokyo
10353"), a "Sending:" line, and a place-and-date line the text signs off with."""

from __future__ import annotations

import re

from kg.ingest.common import parse_date_line, parse_name
from kg.ingest.wilson.page import Line, PageBase, first_filled, signed_at
from kg.ingest.wilson.vocab import (
    CONVERSATION_KINDS,
    LETTERHEAD_MIXED,
    LETTERHEAD_RE,
    NOT_FROM_PLACE,
    PLACE_DATE_RE,
    PLACES,
    ROLE_WORDS,
)
from kg.records import DocumentRecord, Span

# "Tokyo 10353", "USUN New York 4711": a cable's post and its number there, on a line of their own
POST_NUMBER = re.compile(r"^(?:Unclas(?:sified)?\s+|Confidential\s+|Secret\s+)?(?P<place>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s+"
                         r"(?P<n>\d{3,6})$")
# "Tesgrad Instant Message", "EXAMPLEBURG URGENT CABLE": a telegram form's heading, the post it went from, then its
# speed and kind (the place need not be a known one: the form says it is the post)
POST_KIND = re.compile(r"^(?P<place>[A-Z\u00C0-\u00DE][\w’'-]+(?:\s[A-Z\u00C0-\u00DE][\w’'-]+){0,2})\s+"
                       r"(?i:instant|urgent|immediate|flash|priority|express|lightning|routine)\s+"
                       r"(?i:message|telegram|cable|ciphergram|telex|wire)$")
# "Sending: Rio", "Place of dispatch: Havana": the post a telegram form was sent from
SENDING_RE = re.compile(r"^(?:Sending|Sent from|Place of (?:dispatch|origin)|Origin)\s*:\s*(?P<place>\S.*)$", re.IGNORECASE)


# "Telegram from Pyongyang", "Ciphered Cable from BEIJING": a telegram form's heading naming where it came from
KIND_FROM_PLACE = re.compile(r"^(?:(?:Ciphered|Coded|Urgent|Secret)\s+)?(?:Telegram|Cable|Ciphergram|Cipher)\s+from\s+"
                             r"(?P<place>[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)?)\.?$", re.IGNORECASE)


# "From the Testland Embassy in Tesgrad to the State Secretariat", "From Testland Embassy in Tesgrad MFA": a form's
# from-line naming the sending mission (where it is is the sending place) and perhaps the addressee
MISSION_FROM = re.compile(r"^From\s+(?P<mission>(?:the\s+)?(?:[A-Z][\w’'-]*\s+){0,3}(?:Embassy|Consulate(?:-General)?|"
                          r"Legation|Mission|Delegation|Representation)(?:\s+of\s+(?:the\s+)?[A-Z][\w’' ]{1,60}?)?)"
                          r"\s+(?:in|at)\s+(?:the\s+)?(?P<place>[A-Z][\w’'-]+(?:\s[A-Z][a-z][\w’'-]*)?)"
                          r"(?:\s+[A-Z]{2,6})?(?:\s+to\s+(?P<to>[A-Za-z].{2,100}?))?\s*[.:]?$")
# kinds of a transmitted message: a post-and-number line ("Tokyo 10353") is where it was sent from
TELEGRAM_KINDS = ("ciphered telegram", "coded telegram", "cable", "telegram", "message", "document")


# states of 1945-1991 and their usual names and initials, for sending places and addressees (the parse stage keeps
# its own list: it does not import the recognizer's, so that a recognizer change re-parses nothing)
_GAZETTEER = frozenset("""
afghanistan albania algeria angola argentina australia austria bangladesh belgium bolivia brazil bulgaria burma
cambodia kampuchea canada chile colombia congo cuba cyprus czechoslovakia denmark ecuador egypt ethiopia finland
france germany ghana greece guatemala guinea-bissau hungary iceland india indonesia iran iraq ireland israel italy
japan kenya korea laos lebanon libya luxembourg madagascar mexico mongolia morocco mozambique nepal netherlands
nicaragua nigeria norway pakistan panama paraguay philippines poland portugal romania rumania somalia spain sudan
sweden switzerland syria taiwan tanzania thailand tunisia turkey uganda uruguay venezuela vietnam yemen yugoslavia
zambia zimbabwe bombay calcutta madras karachi mogadishu khartoum kinshasa lusaka harare tunis rabat sanaa aden
""".split()) | frozenset(p.strip() for p in """north korea|south korea|north vietnam|
south vietnam|east germany|west germany|soviet union|united states|people's republic of china|democratic people's
republic of korea|republic of korea|mongolian people's republic|german democratic republic|federal republic of germany|
democratic republic of vietnam|socialist republic of romania|czechoslovak socialist republic|polish people's republic|
hungarian people's republic|people's republic of bulgaria""".replace("\n", " ").split("|"))


# "Washington, D.C.", "Mexico, D. F.", "Brasília, DF": a capital and its federal district, one place
DISTRICT = r"(?:,?\s+(?:D\.\s?[CF]\.|D[CF])(?![\w.]))"
_DISTRICT_TAIL = re.compile(DISTRICT + r"$")


def is_place(name: str) -> bool:
    """A country or a city by its name as written ("Havana", "HAVANA", "Cuba", "People's Republic of Bulgaria",
    "DPRK", "Washington, D.C."): the parser's place list, then the recognizer's gazetteer (a capitalised name only)."""
    if name in PLACES or name.title() in PLACES:
        return True
    n = name.strip()
    if (dm := _DISTRICT_TAIL.search(n)) is not None and dm.start() > 0:
        n = n[: dm.start()]
        if n in PLACES or n.title() in PLACES:
            return True
    if not n or not n[0].isupper():
        return False
    if n in _ACRONYM_PLACES:
        return True
    return " ".join(n.replace("’", "'").split()).casefold() in _GAZETTEER


_ACRONYM_PLACES = frozenset("USSR US USA UK GDR FRG DDR BRD PRC DPRK ROK DRV MPR SRV CSSR SFRJ SFRY NRB PRP RSFSR ROC".split())


def _names_a_person(target: str) -> bool:
    """ "From: Ambassador JELEN" names the writer, not a place."""
    words = target.split()
    first = words[0] if words else ""
    # ("From: Foreign Minister": an office's last word names the writer too)
    return (bool(ROLE_WORDS.match(first)) or bool(NOT_FROM_PLACE.fullmatch(first)) or (
        len(words) <= 4 and any(ROLE_WORDS.match(w) for w in words[1:]))) and not is_place(target)

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
# the place of a dateline: one to three capitalised words ("Berlin", "Addis Ababa", "PYONGYANG", "Ulan Bator")
_DATELINE = re.compile(r"^(?:(?:Embassy|Consulate(?:-General)?|Legation|Mission)\s+)?(?P<place>[A-Z\u00C0-\u00DE][\w’'-]{2,}(?:[ -][A-Z\u00C0-\u00DE][\w’'-]+){0,2})"
                       r"(?:\s*,\s*|\s{2,})(?:the\s+|den\s+|on\s+)?(?P<date>\d.{3,30}|" + _MONTH + r".{3,25})$")
# dates a dateline writes that a date line above the title does not: "1980 October 31", "1961.05.03.", "80. 08. 27.",
# "September, 10th, 1980"
_DATELINE_DATE = re.compile(r"\d{4}\.?\s+" + _MONTH + r"\s+\d{1,2}\.?|\d{2,4}\.\s?\d{1,2}\.\s?\d{1,2}\.?|"
                            + _MONTH + r",?\s+\d{1,2}(?:st|nd|rd|th)?\.?,?\s+\d{4}\.?|"
                            r"\d{1,2}\.?\s+(?:Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|"
                            r"November|Dezember)\s+\d{4}\.?")
# words that begin a line like a place but are not one: "Monday, 16 June 1980", "Received, 3 May 1961"
_NOT_A_PLACE = re.compile(r"(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday|received|sent|dispatched|"
                          r"date|dated|signed|copy|no|top|secret|moscow time|local time|today|yesterday)$|" + _MONTH + "$")


# a mission's letterhead: "GDR Embassy to the DPRK", "[Testland Embassy in Tesgrad]", "Permanent Mission of Testland
# to the U.N. in Geneva", "USSR EMBASSY IN THE DPRK", "The Embassy of the Testland People's Republic in Tesgrad"
_MISSION_WORD = (r"(?i:embassy|consulate(?:[- ]general)?|consulate\s+general|legation|(?:permanent\s+)?mission|"
                 r"(?:trade\s+)?representation)")
MISSION_HEAD = re.compile(r"^\[?(?:(?i:the)\s+)?(?:[A-Z\u00C0-\u00DE][\w’'.()-]*\s+){0,3}?(?=[A-Z])" + _MISSION_WORD +
                          r"(?:\s+(?i:of)\s+(?:(?i:the)\s+)?[\w’'. ()-]{1,60}?)?"
                          r"(?:\s+(?i:to)\s+(?i:the)\s+(?:U\.\s?N\.|UN|United\s+Nations|UNITED\s+NATIONS))?"
                          r"\s+(?P<prep>(?i:in|to|at))\s+(?:(?i:the)\s+)?"
                          r"(?P<place>[A-Z\u00C0-\u00DE][\w’'.-]*(?:\s+(?:(?i:of)\s+(?:(?i:the)\s+)?)?[A-Z\u00C0-\u00DE][\w’'.-]*){0,4})"
                          r"\]?\s*[,.]?$")


# "Testland, US Embassy, Tesgrad, 24 May 1974.": a mission's dateline, the country, the mission, its city, the day
MISSION_DATELINE = re.compile(r"^(?:[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2},\s*)?(?:[A-Z][\w’'.-]*\s+){0,3}(?:Embassy|Consulate"
                              r"(?:[- ]General)?|Legation|Mission)(?:\s+of\s+[^,]{2,60})?,\s*(?P<place>[A-Z\u00C0-\u00DE]"
                              r"[\w’'-]+(?:\s[A-Z][\w’'-]+){0,2}),\s*(?P<date>[^,]{6,30})\.?$")


def mission_head(s: str) -> re.Match[str] | None:
    """A line that is a mission's letterhead, with the place it sits in (group "place"): "in" any capitalised
    name, "to" a known country or city ("Embassy to the Foreign Ministry" is an address, not a letterhead); or a
    mission's dateline ("Testland, US Embassy, Tesgrad, 24 May 1974.")."""
    s = s.strip()
    if len(s) > 120:
        return None
    dm = MISSION_DATELINE.match(s)
    if dm is not None and (hit := parse_date_line(dm["date"].strip().rstrip("."))) is not None and hit.value:
        return dm
    m = MISSION_HEAD.match(s)
    if m is None or ROLE_WORDS.match(m["place"].split()[0]):
        return None
    if m["prep"].lower() != "in" and not is_place(m["place"]):
        return None
    return m


def dateline(s: str) -> re.Match[str] | None:
    """A place-and-date line ("Berlin, 16 June 1980", "PYONGYANG, 80. 08. 27.", "Budapest, 1980 October 31"): its
    match (groups "place" and "date"), or None. The place need not be a known one: on a line of its own, a
    capitalised name before a full date is where the text was written."""
    m = _DATELINE.match(s.strip())
    if m is None and (im := IN_PLACE_ON.match(s.strip())) is not None and is_place(im["place"]):
        return im  # "In Tesgrad on 6th September 1963", "In Tesgrad on February 1968"
    if m is None or _NOT_A_PLACE.match(m["place"]) or ROLE_WORDS.match(m["place"].split()[0]):
        return None
    date = m["date"].strip()
    hit = parse_date_line(date)
    if (hit is not None and hit.value) or _DATELINE_DATE.fullmatch(date):
        return m
    return None


# where a sent_from comes from, most trusted first: the document's own header lines ("From X", "Sending: X",
# "Dispatched from X", "Tesgrad 10353"), a letterhead or dateline at its head, a dateline the text signs off with,
# then the editors' title (docs/page-fields.md, sent_from: the document's own lines win over the title)
SENT_FROM_RANK = {"header": 1, "letterhead": 2, "closing": 3, "title": 4}
# "Budapest, 1972 July 1.", "Warsaw, 3 May 1961", "Prague, May 3, 1961", "Sofia, 1961.05.03.", "Delhi, January 1982"
CLOSING_PLACE_DATE = re.compile(r"^(?P<place>[A-Z][A-Za-z’'-]{2,}(?:\s[A-Z][A-Za-z’'-]+)?),\s+(?:the\s+)?(?:"
                                r"\d{4}\.?\s+" + _MONTH + r"\s+\d{1,2}|\d{1,2}\.?\s+" + _MONTH + r",?\s+\d{4}|"
                                + _MONTH + r"\s+\d{1,2},?\s+\d{4}|\d{4}\.\s?\d{1,2}\.\s?\d{1,2}|"
                                r"\d{1,2}\.\s?\d{1,2}\.\s?\d{4}|" + _MONTH + r",?\s+\d{4})\.?$")


# a letter's closing formula ("With comradely greetings,", "Respectfully yours,")
CLOSING_WORDS = re.compile(r"^(?:With\s+(?:\w+\s+){0,2}(?:greetings|regards|respect|salutations)|(?:Yours\s+)?(?:Respectfully|"
                           r"Sincerely|Faithfully|Truly|Cordially)(?:\s+yours)?|Yours(?:\s+\w+)?|Best\s+regards|"
                           r"Kind\s+regards)[,.!]?$", re.IGNORECASE)


# "SOVIET EMBASSY IN THE DPRK TOP SECRET": a classification the layout ran on after a letterhead's place
CLASSIFIED_TAIL = re.compile(r"\s+(?:(?i:top|strictly)\s+)?(?i:secret|confidential|urgent)\b.*$")
# a place alone on its line in a letterhead: "Bucharest", "Bombay 1", "NEW DELHI-110048", "Washington DC", "New York,
# New York 10016" (a street's number before it: "315 Lexington Avenue New York, New York 10016")
PLACE_ALONE = re.compile(r"^(?:\d{1,5}\s+(?:[A-Z][\w’'.-]*\s+){1,3}(?:Avenue|Street|Road|Square|Boulevard|St\.|Ave\.)\s+)?"
                         r"(?P<place>[A-Z\u00C0-\u00DE][\w’'-]+(?:\s[A-Z\u00C0-\u00DE][\w’'-]+){0,2}" + DISTRICT + r"?)"
                         r"(?:,\s*[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)?)?(?:\s*-?\s*\d{1,6})?(?:\s+\(\d{3}\)[\s\d-]+)?\.?$")
# "In Prague on 6th September 1963", "In Tesgrad on February 1968": a dateline in a sentence's words
IN_PLACE_ON = re.compile(r"^(?i:in)\s+(?P<place>[A-Z\u00C0-\u00DE][\w’'-]+(?:\s[A-Z][\w’'-]+)?),?\s+(?i:on|the)\s+"
                         r"(?P<date>(?:\d{1,2}(?:st|nd|rd|th)?\.?\s+)?" + _MONTH + r",?\s+(?:\d{1,2},?\s+)?\d{4})\.?$")


def _full_date(s: str) -> bool:
    """A line that is a full date and nothing else ("24 March 1954", "May 2, 1961.")."""
    hit = parse_date_line(s.strip().rstrip("."))
    return hit is not None and hit.value is not None and hit.end >= len(s.strip().rstrip(".")) - 1


def place_alone(s: str) -> re.Match[str] | None:
    """A line that is only a place of the period (perhaps with its post code, a district's number, or a street
    before it): its match (group "place"), or None."""
    m = PLACE_ALONE.match(_POSTCODE.sub("", s.strip()))
    return m if m is not None and is_place(m["place"]) else None


_POSTCODE = re.compile(r"(?<=[A-Za-z])\s*-\s*\d{3,6}$")  # "NEW DELHI-110048"
# a line of a letterhead: a body's or a mission's name, a street
_HEADING_LINE = re.compile(r"\b(?:Embassy|Ministry|Committee|Party|Mission|Department|Council|Consulate|Legation|Office|"
                           r"Bureau|Secretariat|Presidium|Politburo|Government|Directorate|Academy|Institute|Road|Street|"
                           r"Avenue|Square|Boulevard|EMBASSY|MINISTRY|COMMITTEE|PARTY|MISSION)\b")
# the head of an address block or a salutation: the place near it is where the paper went
_ADDRESSEE_LINE = re.compile(r"^(?:To\b|TO\b|Comrades?\s|Cde\.?\s|Mr\.?\s|Mrs\.?\s|Herrn?\s|Genosse|Attn|Dear\s|"
                             r"His\s+Excellency|H\.?E\.?\s)")


class SentFromMixin(PageBase):
    def set_sent_from(self, rec: DocumentRecord, place: str, span: Span | None, source: str, ln: Line | None) -> None:
        """Keep ``place`` as sent_from unless a more trusted line (:data:`SENT_FROM_RANK`) named one already; a
        different place that is not kept is flagged. A place already there when the region is read came from the
        title."""
        rank = SENT_FROM_RANK[source]
        held = self.sent_from_rank if self.sent_from_rank is not None else (
            SENT_FROM_RANK["title"] if rec.sent_from is not None else None)
        same = rec.sent_from is not None and rec.sent_from.casefold() == place.casefold()
        if held is not None and held <= rank:
            if not same:
                self.flag("sent_from", f"a second from-place {place!r}; kept {rec.sent_from!r}",
                          ln.s if ln else place, ln, span)
            return
        if rec.sent_from is not None and not same:
            self.flag("sent_from", f"the {source} names {place!r}; {rec.sent_from!r} (from the title) not kept",
                      ln.s if ln else place, ln, span)
        rec.sent_from, rec.sent_from_span, self.sent_from_rank = place, span, rank

    def letterhead_place(self, rec: DocumentRecord, k: int, a: int, b: int, roles: dict[int, str]) -> bool:
        """A place alone on its line at the head of the text, beside a letterhead's other lines (a body's or a
        mission's name, a street, the date): "Embassy of Testland in Exampleland" / "Tesgrad", "Apollo Road" /
        "Tesgrad 1", "Tesgrad" / "26 October 1962". Where the paper was written (docs/page-fields.md, sent_from 2);
        a city under a mission's letterhead that named a country is the more exact place. Not a place in an address
        block (to whom, where it went), and for records of a conversation only under a mission's letterhead."""
        ln = self.lines[k]
        m = place_alone(ln.s)
        if m is None or (self.sent_from_rank is not None and self.sent_from_rank < SENT_FROM_RANK["letterhead"]):
            return False
        above = [j for j in range(max(a, k - 12), k) if self.lines[j].s][-9:]
        if len(above) >= 9 or any(roles.get(j) == "body" and len(self.lines[j].s.split()) >= 8 for j in above):
            return False
        prev = above[-1] if above else None
        after = list(first_filled(self.lines[k + 1:b], 3))
        if any(_ADDRESSEE_LINE.match(self.lines[j].s) for j in above[-3:]) or \
                any(_ADDRESSEE_LINE.match(x.s) for x in after[:2]):
            return False
        under_mission = prev is not None and mission_head(self.lines[prev].s) is not None

        def heading(t: str) -> bool:
            hit = parse_date_line(t.strip().rstrip("."))
            return (hit is not None and hit.value is not None) or mission_head(t) is not None or (
                len(t) < 90 and _HEADING_LINE.search(t) is not None and not re.search(r"[a-z]{2}[.!?]$", t))
        if rec.kind in CONVERSATION_KINDS or rec.kind == "diary":
            if not under_mission:
                return False
        elif not ((prev is not None and heading(self.lines[prev].s)) or (after and heading(after[0].s))):
            return False
        place = m["place"]
        span = ln.span(ln.lead + m.start("place"), ln.lead + m.end("place"))
        if under_mission and self.sent_from_rank == SENT_FROM_RANK["letterhead"] and rec.sent_from != place:
            self.flag("sent_from", f"the letterhead's city {place!r} is more exact; {rec.sent_from!r} not kept",
                      ln.s, ln, span)
            rec.sent_from, rec.sent_from_span = place, span
            return True
        self.set_sent_from(rec, place, span, "letterhead", ln)
        return True

    def header_place(self, rec: DocumentRecord, ln: Line, kind: str) -> None:
        """A header line of kind "letterhead", "kindfrom", "postnumber" or "sending": the place it names is
        where the document was sent from."""
        s, lead = ln.s, ln.lead
        if kind == "letterhead":
            lm = LETTERHEAD_RE.match(s) or dateline(s) or PLACE_DATE_RE.match(s) or LETTERHEAD_MIXED.match(s) or \
                mission_head(s)
            assert lm
            place = CLASSIFIED_TAIL.sub("", lm["place"])  # ("... IN THE DPRK TOP SECRET")
            self.set_sent_from(rec, place, ln.span(lead + lm.start("place"), lead + lm.start("place") + len(place)),
                               "letterhead", ln)
        elif kind == "kindfrom":  # "Telegram from Pyongyang" over the text: where it was sent from
            tf = KIND_FROM_PLACE.match(s)
            assert tf
            self.set_sent_from(rec, tf["place"], ln.span(lead + tf.start("place"), lead + tf.end("place")),
                               "header", ln)
        elif kind == "postkind":  # "Tesgrad Instant Message": the form's post of origin
            pk = POST_KIND.match(s)
            assert pk
            self.set_sent_from(rec, pk["place"], ln.span(lead, lead + len(pk["place"])), "header", ln)
        elif kind == "postnumber":  # "Tokyo 10353": a cable's post of origin and its number there
            pn = POST_NUMBER.match(s)
            assert pn
            if rec.kind in TELEGRAM_KINDS:
                self.set_sent_from(rec, pn["place"], ln.span(lead, lead + len(pn["place"])), "header", ln)
        elif kind == "missionfrom":  # "From the Testland Embassy in Tesgrad to the State Secretariat"
            mm = MISSION_FROM.match(s)
            assert mm
            self.set_sent_from(rec, mm["place"], ln.span(lead + mm.start("place"), lead + mm.end("place")),
                               "header", ln)
            if mm["to"] and not rec.recipients and rec.kind not in CONVERSATION_KINDS:
                to = mm["to"].strip().rstrip(".,")
                ref, _ = parse_name(to, ln.start + lead + mm.start("to"))
                ref.kind = "organization" if re.search(
                    r"\b(?:Ministry|Secretariat|Department|Committee|Office|Bureau|Division|Council)\b", to) else "person"
                if not is_place(ref.name):
                    rec.recipients.append(ref)
        elif kind == "sending":  # "Sending: Rio": the telegram form's sending post
            sm = SENDING_RE.match(s)
            assert sm
            place = sm["place"].strip().rstrip(".,")
            if is_place(place):
                self.set_sent_from(rec, place, ln.span(lead + sm.start("place"), lead + sm.start("place") + len(place)),
                                   "header", ln)

    def closing_place(self, rec: DocumentRecord, a: int, b: int) -> None:
        """A text signed off with "Budapest, 1972 July 1." (place, then the document's own date) among its last
        lines was written there, when nothing above named a place. For a record of a conversation or a diary the
        dateline must stand by the recorder's signature (a place-and-date line alone there is where people met)."""
        if rec.sent_from is not None and (self.sent_from_rank or SENT_FROM_RANK["title"]) <= SENT_FROM_RANK["closing"]:
            return  # (a place read from the title only gives way)
        conv = rec.kind in CONVERSATION_KINDS or rec.kind == "diary"
        tail = list(first_filled((self.lines[k] for k in range(b - 1, a - 1, -1)), 4))
        for i, ln in enumerate(tail):
            m = dateline(ln.s) or CLOSING_PLACE_DATE.match(ln.s)
            if m is None and (pa := place_alone(ln.s)) is not None and any(
                    _full_date(x.s) for x in tail[max(0, i - 1): i + 2] if x is not ln):
                m = pa  # "24 March 1954" / "Tesgrad": a closing dateline over two lines
            if m is None or (m.re is CLOSING_PLACE_DATE and not is_place(m["place"])):
                continue
            if conv and not any(signed_at(rec, near) for near in tail[max(0, i - 2): i + 3] if near is not ln):
                return
            lead = ln.lead
            self.set_sent_from(rec, m["place"], ln.span(lead + m.start("place"), lead + m.end("place")), "closing", ln)
            return
        if conv:
            return
        # a covering letter signed off above its enclosure: "Tesgrad, May 1961" / "With comradely greetings," / a
        # name, then the attachment's text
        filled = [ln for ln in self.lines[a:b] if ln.s]
        for i, ln in enumerate(filled[:-2]):
            m = dateline(ln.s) or CLOSING_PLACE_DATE.match(ln.s)
            if m is None or not is_place(m["place"]) or not CLOSING_WORDS.match(filled[i + 1].s) or \
                    len(filled[i + 2].s.split()) > 5:
                continue
            lead = ln.lead
            self.set_sent_from(rec, m["place"], ln.span(lead + m.start("place"), lead + m.end("place")), "closing", ln)
            return
