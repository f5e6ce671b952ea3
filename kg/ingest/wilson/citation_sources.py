"""What a citation sentence is, before its archival parts are read: a published collection, a note on where the
copy came from (provenance), a copy held in another archive, or the site's own quoted citation repeated.

- **Published collection**: a lead ("Reprinted in", "first published in", "Translation from") or a book's or
  journal's marks: "eds.", "(City: Publisher, 1999)", a quoted title then "vol. 3 (1992)", a working paper or
  briefing book series. A volume alone ("AMAE, Sofia/1989, vol. 3, pp. 171-172") is an archive file's volume.
- **Provenance**: "Obtained by X", "Document obtained by X", "copy courtesy of X": not an archive.
- **Another copy**: "Also available at X", "Original available in X", "on file at X": another archive's entry.
"""

from __future__ import annotations

import re

# the words that open a published collection's reference; they are not part of it
PUB_LEAD = re.compile(r"(?:(?:first|originally|also|later|subsequently|and)\s+)?(?:re)?(?:published|printed)\s+in\s+|"
                      r"(?:Reprinted|Cited|Excerpted|Quoted)\s+in\s+|See\s+also\s+(?=[A-Z])|(?:Translation|Translated)\s+from\s+(?=[A-Z])|"
                      r"(?:English\s+)?translation\s+(?:from|in)\s+(?=[A-Z])|"
                      # "Document No. 81 in A. Editor, “Title,” ...": a document's number in a published collection
                      # (part of the reference: not left out with the lead words)
                      r"(?P<doc>(?:Document|Doc\.)\s+(?:No\.?\s*|Nº\s*)?\d+\w*\s+in\s+(?=[A-Z]))",
                      re.IGNORECASE)
# a published book or journal: editors, a publisher with place and year, a numbered series, a quoted article title
# followed by a journal volume, or a book title in quotes then publisher, place and year
PUB_SIGN = re.compile(r"\beds?\.,|\bcompiled by\b|\([A-Z][\w .'-]*:\s*[^)]*\b\d{4}\)|"
                      r"\b(?:Working Paper|Special Working Paper|Electronic Briefing Book|Bulletin)\b\s*(?:No\.\s*)?\d|"
                      r"[“\"][^”\"]{3,}[”\"].*\bvol\.\s*\d+(?:,\s*no\.\s*[\d-]+)?\s*\(\d{4}\)|"
                      # "Title. City: Publisher, 1996": a book's place, publisher and year after its title
                      r"\b[A-Z][a-z]+:\s+[A-Z][\w .&'-]{2,60},\s+(?:1[89]|20)\d\d\s*$|"
                      # "A. B. Author’s “Book Title”, Publisher, City, 1999": a book, its publisher, place and year
                      r"[“\"][^”\"]{3,}[”\"][^;]*,\s*[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?,\s*(?:1[89]|20)\d\d\s*[;.]?\s*$")
PROVENANCE = re.compile(r"^(?:(?:The\s+)?(?:Document|Documents|Copy|Copies|Original|Materials?)\s+(?:was\s+|were\s+)?)?"
                        r"(?:Obtained|Provided|Donated|Courtesy|Copy courtesy|Made available|Acquired|Contributed)\b",
                        re.IGNORECASE)
# "Also available at the Diplomatic Archives of X", "A copy is also held in the Y Library", "Original available in
# the Z Archive RADD Collection": a copy there, another entry
ALSO_AT = re.compile(r"^(?:Also|A\s+copy\s+(?:is\s+)?also|Copies\s+(?:are\s+)?also|(?:The\s+)?Original(?:\s+is)?)\s+"
                     r"(?:available|held|kept|found|located)\s+(?:at|in)\s+(?:the\s+)?(?P<repo>[A-Z][^;:]{3,120})$")
# "..., and on file at the Example Archive, Washington": a copy kept there, inside a provenance note
ON_FILE_AT = re.compile(r"\b(?:on\s+file|deposited|kept)\s+(?:at|in)\s+(?:the\s+)?(?P<repo>[A-Z][^;:]{3,120}?)[.;,]?$")
# the site's own citation repeated inside the citation paragraph: "“Title,” September 29, 1962, History and Public
# Policy Program Digital Archive, ..."
SITE_CITATION = re.compile(r"^[\"“].{3,1000}?,?[\"”]\s*,?\s*(?:[A-Z][a-z]+\.?\s+\d{1,2},\s*\d{4}|"
                           r"\d{1,2}\s+[A-Z][a-z]+\s+\d{4}|[A-Z][a-z]+,?\s+\d{4}|\d{4})?,?\s*"
                           r"(?:History and Public Policy Program|Wilson Center) Digital Archive,?\s*")


# "City: Publisher, 1996" after a full stop: the end of the book's reference before it
PUBLISHER_TAIL = re.compile(r"^[A-Z][\w .'-]{1,40}:\s+[A-Z][\w .&'-]{2,60},\s+(?:1[89]|20)\d\d$")
# a sentence about where the document was presented ("Example Oral History Conference, Tesgrad, March 2012"): a
# note of the archive before it
EVENT_NOTE = re.compile(r"^(?:[A-Z][\w'’-]*\s+){0,4}(?:Conference|Symposium|Workshop|Colloquium)\b[^.;]{0,160}$")


def publication_split(s: str) -> int | None:
    """Where a published collection's lead starts inside an archive's sentence ("TsKhSD, F. 89, ..., first
    published in X"; "X, vol. 1 (...), 260; translation from Y"), or None."""
    for m in PUB_LEAD.finditer(s):
        if m.start() == 0:
            continue
        before = s[: m.start()]
        if (re.search(r"(?:[,;]|\band)\s*$", before) or re.match(r"and\s", m.group(0), re.IGNORECASE)) \
                and before.strip(" ,;"):
            return m.start()
    return None


def strip_lead(s: str) -> str:
    """The reference without its lead words ("Reprinted in X" -> "X")."""
    m = PUB_LEAD.match(s)
    return s[m.end():] if m and not m["doc"] else s


def is_publication(s: str) -> bool:
    return bool(PUB_LEAD.match(s) or PUB_SIGN.search(s))
