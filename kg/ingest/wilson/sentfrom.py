"""Where a document was sent from, read off the page outside its title: a letterhead or a place-and-date
line ("Berlin, 16 June 1980"), a form's heading ("Telegram from Pyongyang"), a cable's post and number ("Tokyo
10353"), a "Sending:" line, and a place-and-date line the text signs off with."""

from __future__ import annotations

import re
import unicodedata

from kg.ingest.wilson.page import Line, PageBase, first_filled
from kg.ingest.wilson.vocab import (
    CONVERSATION_KINDS,
    LETTERHEAD_MIXED,
    LETTERHEAD_RE,
    NOT_FROM_PLACE,
    PLACE_DATE_RE,
    PLACES,
    ROLE_WORDS,
)
from kg.records import DocumentRecord

# "Tokyo 10353", "USUN New York 4711": a cable's post and its number there, on a line of their own
POST_NUMBER = re.compile(r"^(?:Unclas(?:sified)?\s+|Confidential\s+|Secret\s+)?(?P<place>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s+"
                         r"(?P<n>\d{3,6})$")
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

# kinds of a transmitted message: a post-and-number line ("Tokyo 10353") is where it was sent from
TELEGRAM_KINDS = ("ciphered telegram", "coded telegram", "cable", "telegram", "message", "document")


def is_place(name: str) -> bool:
    return name in PLACES or name.title() in PLACES


def _names_a_person(target: str) -> bool:
    """ "From: Ambassador JELEN" names the writer, not a place."""
    first = target.split()[0] if target.split() else ""
    return (bool(ROLE_WORDS.match(first)) or bool(NOT_FROM_PLACE.fullmatch(first))) and not is_place(target)

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
# "Budapest, 1972 July 1.", "Warsaw, 3 May 1961", "Prague, May 3, 1961", "Sofia, 1961.05.03."
CLOSING_PLACE_DATE = re.compile(r"^(?P<place>[A-Z][A-Za-z’'-]{2,}(?:\s[A-Z][A-Za-z’'-]+)?),\s+(?:the\s+)?(?:"
                                r"\d{4}\.?\s+" + _MONTH + r"\s+\d{1,2}|\d{1,2}\.?\s+" + _MONTH + r",?\s+\d{4}|"
                                + _MONTH + r"\s+\d{1,2},?\s+\d{4}|\d{4}\.\s?\d{1,2}\.\s?\d{1,2}|"
                                r"\d{1,2}\.\s?\d{1,2}\.\s?\d{4})\.?$")


class SentFromMixin(PageBase):
    def header_place(self, rec: DocumentRecord, ln: Line, kind: str) -> None:
        """A header line of kind "letterhead", "kindfrom", "postnumber" or "sending": the place it names is
        where the document was sent from, when nothing above named one."""
        s = ln.s
        if kind == "letterhead":
            if rec.sent_from is None:
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

    def closing_place(self, rec: DocumentRecord, a: int, b: int) -> None:
        """A report signed off with "Budapest, 1972 July 1." (place, then the document's own date) among its
        last lines was sent from that place, when nothing above named one. Conversations and diaries excepted:
        there the place is where people met."""
        if rec.sent_from is not None or rec.kind in CONVERSATION_KINDS or rec.kind == "diary":
            return
        for ln in first_filled((self.lines[k] for k in range(b - 1, a - 1, -1)), 4):
            m = CLOSING_PLACE_DATE.match(ln.s)
            if m and is_place(m["place"]):
                lead = ln.lead
                rec.sent_from = m["place"]
                rec.sent_from_span = ln.span(lead + m.start("place"), lead + m.end("place"))
                return
