"""A document's own register number and a telegram's number, on lines of their own in the header: "431/88",
"242/ 1963/ top secret", "DEM/132", "No. St 36/64 from 14.XII.1976", "№ СК-9/2092", "No 242/6/53Tjn [secret]",
"Ref: 5-12463", "A. P. TESTOV Ser. No. 276"."""

from __future__ import annotations

import re

from kg.ingest.wilson.vocab import TELNO_RE

# the kinds whose number lines in the header and trailer are transmission numbers (docs/page-fields.md, number
# and telegram_number); over any other paper a number line is its register number
WIRE_KINDS = ("ciphered telegram", "coded telegram", "cable", "telegram")

# a register number and its year on a line of its own, perhaps with the file's secrecy: "431/88",
# "242/1963/top secret", "47/ 1963/ top secret"; an office's letters and a number: "DEM/132"
REGNO_RE = re.compile(r"^(?:\d{1,6}\s?/\s?(?:\d{2,4}|[IVX]{1,4})(?:\s?/\s?(?:top\s+secret|secret|confidential|[A-Za-z]{1,6}"
                      r"|\d{1,4}))*|[A-Z]{2,5}\s?/\s?\d{1,6}(?:\s?/\s?\d{2,4})?|"
                      # "X/442/17": a series letter, the number, the year; "2753/Ma/1972": the number, the office's
                      # letters, the year
                      r"(?-i:[A-Z])\s?/\s?\d{1,6}\s?/\s?\d{2,4}|\d{1,6}/(?-i:[A-Z][a-z]{0,3})/(?:19|20)\d\d)\.?$",
                      re.IGNORECASE)
# "No. St 36/64 from 14.XII.1976", "№ СК-9/2092", "No 242/6/53Tjn [secret]", "Ref: 5-12463", "Reg. No. 12/b",
# "No. P84/422 Copies: ...": a labelled number whose value may begin with letters; what may follow it is a date,
# an editor's bracket or a copies note
LABELLED_NO = re.compile(
    r"^(?:(?:No\.?|Nº|№|Nr\.?):?|Ref(?:erence)?\.?:?|Reg(?:istration|istry)?\.?\s*No\.?|Our\s+ref\.?:?|"
    r"(?:Issuing|Outgoing|Incoming|Serial|Original|Confidential|File|Register)\s+(?:No\.?|Nº|№|Number):?|"
    # "C.j.: 053.181" (číslo jednací, a Czech reference number), "re: no. 292", "file 004008/63-7"
    r"C\.\s?j\.:?|re:\s*no\.|file(?=\s+\d))\s*"
    r"(?P<n>(?:[A-Za-z\u0400-\u04FF]{1,4}\s)?[\w.-]*\d[\w/.-]*(?:/\s?(?:top\s+)?secret)?)"
    r"(?:\s+(?:from|of|dated|d\.)\s+[\w. ]{4,20}|\s*\[[^\]]{0,80}\]?|\s+Copies:.*|\s*,?\s*(?:top\s+)?secret|"
    # "Nr. 00127 12 XII 1970/1333": the day it was registered, a roman month, perhaps the register's own count
    r"\s+\d{1,2}\s*(?:[./]\s*)?(?:[IVX]{1,4}|\d{1,2})\s*(?:[./]\s*)?(?:19|20)\d\d(?:/\d+)?)?\.?$",
    re.IGNORECASE)
# a serial number after the signer's name in a memorandum's heading: "A. P. TESTOV Ser. No. 276"
SERIAL_NO = re.compile(r"\b(?:Ser(?:ial)?\.?|Original)\s*No\.?\s*(?P<n>\d[\w/-]*)\.?$")  # ("Testov, A.P. Original No. 354")


# a telegram's header field or trailer: "Number (TA) 513", "Telegram number 1797/1800", "Number 34 Secret Urgent";
# the number framed by dashes at the foot of a telegram, perhaps with the sender's office: "– 154 Chargé d’Affaires –",
# "-- 118 --"
# a registry's letter before the digits ("Number: (TA) R053421  5320", the office's own count after it)
FIELD_NO = re.compile(r"^(?:(?:Telegram|Cable|Outgoing|Incoming)\s+)?Number\s*:?(?:\s*\([A-Z]{1,4}\))?\s*:?\s*"
                      r"(?P<n>(?-i:[A-Z])?\d[\w/.-]*)(?P<cls>(?:\s+(?:(?:top|strictly)\s+)?(?:secret|top|urgent|immediate|"
                      r"confidential|priority|personal)\b)+(?:\s+[A-Z0-9]{3,8})?)?(?:\s+\d{1,6})?\.?$", re.IGNORECASE)
# a number heading with its secrecy and precedence ("No. 58 Secret Urgent", "Number 1361 Top Secret Top Urgent"):
# the paper's own number, where a form's "Number" field is its registry's (docs/page-fields.md, numbers)
_HEADING_CLASS = re.compile(r"^(?:No\.?|Nº|№|Number)\s*\d[\w/.-]*(?:\s+(?:(?:top|strictly)\s+)?(?:secret|top|urgent|"
                            r"immediate|confidential|priority|personal)\b)+", re.IGNORECASE)


# a kind word and a number on a line of their own: the document's heading (page-fields, second round)
_KIND_NUMBER = re.compile(r"^(?:(?:Cipher(?:ed)?|Coded)\s+)?(?:Telegram|Cable|Ciphergram|Cryptogram)\s+"
                          r"(?:Number|No\.?|Nº|№|#)\s*:?\s*\d[\w/.-]*\s*$", re.IGNORECASE)


def number_role(s: str) -> str:
    """What a number line of a telegram's or cable's header is: ``heading`` (its own number, given with its secrecy
    and precedence: "No. 58 Secret Urgent") or ``field`` (a form's number field, a register or trailer line)."""
    if _KIND_NUMBER.match(s):
        return "heading"  # "Telegram number 4410/13": the paper's kind and its number, wherever it stands
    return "heading" if _HEADING_CLASS.match(s) and not re.match(r"Number\s*:", s) else "field"
# (a page number "- 2 -" has one or two digits and no office; a year "– 1962 –" is no number)
DASH_TRAILER = re.compile(r"^[-–—]{1,2}\s*(?:(?P<n>\d{1,6}(?:/\d{1,6})?)\s+[A-Za-zé’'.]+(?:\s+[A-Za-zé’'.]+){0,3}|"
                          r"(?!(?:19|20)\d\d\b)(?P<n2>\d{3,6}(?:/\d{1,6})?))\s*[-–—]{1,2}$")

# a number of four to six digits alone on its line in the header ("52226"); not a year
BARE_NO = re.compile(r"^(?!(?:1[89]|20)\d\d$)(?P<n>\d{4,6})$")


def number_line(s: str) -> str | None:
    """The number a line of its own gives ("No. 4", "Nº 150/ag", "No. St 36/64 from 14.XII.1976", "Number (TA)
    513", "– 154 Chargé d’Affaires –"), or None."""
    m = TELNO_RE.match(s) or LABELLED_NO.match(s) or FIELD_NO.match(s) or DASH_TRAILER.match(s) or BARE_NO.match(s)
    if m is None:
        return None
    n = (m.groupdict().get("n") or m.groupdict().get("n2") or "").rstrip(".")
    return n if re.search(r"\d", n) and not re.fullmatch(r"\d{1,2}\.", m.groupdict().get("n") or "") else None
# a heading that names the paper's kind and its number: "RESOLUTION “B” No 9 OF THE POLITBURO ...", "Cable no. 319
# dated 3/21/1977", "Telegram 078864", "Testland Information No. 34069" (a word or two may name its series)
HEADING_NO = re.compile(r"^(?:(?!(?:your|our|my|his|her|their|the|re|ref|reference|see|in|to|on)\b)(?-i:[A-Z][a-z]+)\s+){0,2}"
                        r"(?:Resolution|Decision|Protocol|Order|Decree|Directive|Instruction|Memorandum|Report|Note|"
                        r"Telegram|Cable|Letter|Information|Ciphergram|Cryptogram)(?:\s+[“\"‘'][A-Z][”\"’'])?\s+"
                        r"(?:(?:No\.?|Nº|№|Number|Nr\.?)\s*(?P<n>\d[\w/.-]*?)|(?P<n2>\d{4,}[\w/-]*))\.?"
                        r"(?:\s+(?:dated|of|from)\b.*)?$", re.IGNORECASE)


# a cable's number, day and time opening its text: "781 – WEDNESDAY – 1700hs – ...", "319 21 5:00 hs. ..."
CABLE_OPENING = re.compile(r"^(?P<n>\d{2,6})\s+(?:[-–—]\s+(?:MON|TUES|WEDNES|THURS|FRI|SATUR|SUN)DAY\s+[-–—]|"
                           r"\d{1,2}\s+\d{1,2}[:.]?\d{2}\s*hs\b)")
# a telegram's number closing its text: "... to be passed to Testov. Nº 382/sh"
CLOSING_NO = re.compile(r"(?:^|(?<=[.!?)\]])(?<![Vv]ol\.)(?<!\bp\.)(?<!\bpp\.)\s+)(?:Nº|№|No\.|#)\s*(?P<n>\d[\w/-]*)\s*$")


# a telegram's last line: the signer's name and the sender's number ("Testov 604"; not a year, not a place's)
_NAME_WORD = r"(?-i:[A-Z][^\W\d_’'-]*[a-z][^\W\d_]*(?:[’'-][^\W\d_]+)?)"
SIGNED_NO = re.compile(r"^" + _NAME_WORD + r"(?:\s+" + _NAME_WORD + r")?\s+(?!(?:1[89]|20)\d\d$)(?P<n>\d{2,6})$")


def sender_number_opening(body: str) -> str | None:
    """The sender's number a cable's text opens with, with the day and time it went, or None."""
    for para in body.split("\n"):
        if (m := CABLE_OPENING.match(para)) is not None:
            return m["n"]
    return None


def wire_number_in_text(body: str) -> tuple[str, int] | None:
    """A telegram's number that its text gives where no header line did: at the start of a paragraph with the day and
    time it went, or closing its last sentence (a date or a signature may follow). The number and its offset in
    ``body``, or None."""
    pos = 0
    for para in body.split("\n"):
        m = CABLE_OPENING.match(para)
        if m:
            return m["n"], pos + m.start("n")
        pos += len(para) + 1
    paras = [x.strip() for x in body.split("\n") if x.strip()]
    if paras and (sm := SIGNED_NO.match(paras[-1])) is not None:  # "Testov 604": the signer and his number
        return sm["n"], body.rindex(paras[-1]) + sm.start("n")
    found = None  # the last paragraph that ends with a number after its last sentence (a signature may follow)
    pos = 0
    for para in body.split("\n"):
        m = CLOSING_NO.search(para.rstrip())
        if m and not re.search(r"\bCopy\s*$", para[: m.start()], re.IGNORECASE):
            found = m["n"], pos + m.start("n")
        pos += len(para) + 1
    return found
