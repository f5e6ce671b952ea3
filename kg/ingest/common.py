"""Helpers shared by the page parser and the record format: dates, times, names as written.

Everything here works on one string and returns values plus offsets *into that string*, so callers can
turn them into :class:`kg.records.Span` objects by adding the string's own offset in the document.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from kg.records import AgentKind, NameRef, Span

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
_MONTH_RE = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
             r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)")

_ORD = r"(?:st|nd|rd|th)?"
# "September 26, 1950", "November 01, 1934", "May 5th, 1961"; a range "May 12-14, 1965" is dated by its first day
DATE_MDY = re.compile(rf"\b(?P<mon>{_MONTH_RE})\s+(?P<day>\d{{1,2}}){_ORD}(?:\s*[-–—]\s*\d{{1,2}}{_ORD})?,?\s+"
                      rf"(?P<year>\d{{4}})\b", re.IGNORECASE)
# "14 May 1950", "20 September 1950", "the 5th of May 1961"; ranges "12-14 May 1965", "30 April - 2 May 1965" are
# dated by their first day
DATE_DMY = re.compile(rf"\b(?P<day>\d{{1,2}}){_ORD}(?:\s*[-–—]\s*\d{{1,2}}{_ORD}(?=\s+{_MONTH_RE}))?\s+(?:of\s+)?"
                      rf"(?P<mon>{_MONTH_RE})(?:\s*[-–—]\s*\d{{1,2}}{_ORD}\s+{_MONTH_RE})?\s*,?\s+(?P<year>\d{{4}})\b",
                      re.IGNORECASE)
# "5.V.1961", "5 V 1961", "12. XI. 1956": a Roman numeral for the month (East European usage)
_ROMAN_MONTHS = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10, "XI": 11,
                 "XII": 12}
DATE_ROMAN = re.compile(r"(?<![\w./])(?P<day>\d{1,2})(?:\.\s?|\s)(?P<mon>XII|XI|IX|X|VIII|VII|VI|IV|V|III|II|I)"
                        r"(?:\.\s?|\s)(?P<year>1[89]\d\d|20\d\d|\d{2})(?![\w/]|\.\d)")
# "26.9.50", "13.1.1951"
DATE_DOT = re.compile(r"(?<![\d:./])(?P<day>\d{1,2})\.(?P<mon>\d{1,2})\.(?P<year>\d{4}|\d{2})(?![\d/]|\.\d)")
# "10/14/50" (US order: month/day/year)
DATE_SLASH = re.compile(r"(?<![\d:./])(?P<mon>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4}|\d{2})(?![\d/])")
# "1950-09-26"
DATE_ISO = re.compile(r"(?<![\d-])(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})(?![\d-])")
# "June, 1934", "June 1934" (month precision)
DATE_MONTH = re.compile(rf"^(?P<mon>{_MONTH_RE}),?\s+(?P<year>\d{{4}})$", re.IGNORECASE)
DATE_YEAR = re.compile(r"^(?P<year>1[89]\d\d|20\d\d)$")
# "Spring 1983", "Autumn, 1956" (EDTF level 1 season codes 21-24)
SEASONS = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}
DATE_SEASON = re.compile(r"^(?P<season>Spring|Summer|Autumn|Fall|Winter),?\s+(?P<year>1[89]\d\d|20\d\d)$", re.IGNORECASE)
# "1950s", "the 1960s", "1970’s": a decade (EDTF "195X")
DATE_DECADE = re.compile(r"^(?:the\s+)?(?P<decade>1[89]\d|20\d)0(?:’|')?s$", re.IGNORECASE)
# "c. 1950", "ca. October 1956", "circa 1962", "[ca.] 1950", "approximately 1950", "1950 (approx.)"
APPROX_LEAD = re.compile(r"^(?:\[\s*(?:c|ca|circa)\.?\s*\]|\(\s*(?:c|ca|circa)\.?\s*\)|(?:c|ca|circa)\.|circa|"
                         r"approx(?:imately|\.))\s*", re.IGNORECASE)
# "Early 1962", "Mid-1962", "Late 1960s", "End of 1962": a part of a year or decade, read as the year (decade)
PART_OF_LEAD = re.compile(r"^(?:Early|Mid|Late|End\s+of|Beginning\s+of|First\s+half\s+of|Second\s+half\s+of)[-\s]+(?=\d)",
                          re.IGNORECASE)
APPROX_TAIL = re.compile(r"\s*[\[(]\s*(?:c|ca|circa|approx(?:imately)?)\.?\s*[\])]$", re.IGNORECASE)
# a date to the month or season in running text (a title, a citation): "October 1956", "Spring 1983"
PARTIAL_IN_TEXT = re.compile(
    rf"(?P<approx>\b(?:c|ca)\.\s*|\bcirca\s+|\[(?:c|ca|circa)\.?\]\s*)?"
    rf"\b(?:(?P<mon>{_MONTH_RE})|(?P<season>Spring|Summer|Autumn|Fall|Winter)),?\s+(?P<year>1[89]\d\d|20\d\d)\b"
    rf"(?![-/.]\d)")

_DATE_PATTERNS = (DATE_MDY, DATE_DMY, DATE_ISO, DATE_DOT, DATE_SLASH, DATE_ROMAN)


@dataclass
class DateHit:
    start: int
    end: int
    verbatim: str
    value: dt.date | None  # a date to the day (None for a month or a year)
    problem: str | None = None
    precision: str = "day"  # "day", "month", "year" (a season counts as its year) or "decade"
    partial: str | None = None  # "1956-10", "1962", "195X": a date to the month, year or decade only
    approximate: bool = False  # "c. 1950", "circa", "[ca.]"
    season: int | None = None  # EDTF season code: 21 spring, 22 summer, 23 autumn, 24 winter


def _partial_hit(m: re.Match[str], start: int, end: int, verbatim: str, approximate: bool) -> DateHit:
    """A date to the month ("October 1956"), the season ("Spring 1983") or the year ("1962")."""
    year = int(m["year"])
    gd = m.groupdict()
    if gd.get("mon"):
        return DateHit(start, end, verbatim, None, None, "month", f"{year:04d}-{_month(m['mon']):02d}", approximate)
    season = SEASONS[gd["season"].lower()] if gd.get("season") else None
    return DateHit(start, end, verbatim, None, None, "year", f"{year:04d}", approximate, season)


def find_partial_dates(text: str) -> list[DateHit]:
    """Dates to the month or season written in running text ("October 1956", "c. Spring 1983"), in order;
    the spans of full dates are left out."""
    full = [(h.start, h.end) for h in find_dates(text)]
    out = []
    for m in PARTIAL_IN_TEXT.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in full):
            continue
        out.append(_partial_hit(m, m.start(), m.end(), m.group(0), m["approx"] is not None))
    return out


# a date to the month, season or year that ends a title: ", [1953]", ", ca. 1970", ", October 1956", " (Spring 1983)"
TRAILING_PARTIAL = re.compile(
    rf"(?:\s*[,;]\s*|\s+(?=[\[(]|(?:c|ca)\.|circa\b))(?:dated\s+)?(?P<all>(?P<open>[\[(])?\s*"
    rf"(?P<approx>(?:c|ca)\.\s*|circa\s+)?(?:(?P<mon>{_MONTH_RE}),?\s+|(?P<season>Spring|Summer|Autumn|Fall|Winter),?\s+)?"
    rf"(?P<year>1[89]\d\d|20\d\d)\s*(?(open)[\])]))\s*$", re.IGNORECASE)


def trailing_partial_date(text: str) -> DateHit | None:
    """ "Memorandum from the Ministry, [1953]", "Report on the Visit, ca. 1970": a date to the month, season or
    year at the end of a title (its span covers the separator before it)."""
    m = TRAILING_PARTIAL.search(text)
    if m is None:
        return None
    return _partial_hit(m, m.start(), m.end(), m["all"], m["approx"] is not None)


def _year(y: str) -> int:
    n = int(y)
    return 1900 + n if len(y) == 2 else n


def _month(m: str) -> int:
    if m.isdigit():
        return int(m)
    return _ROMAN_MONTHS[m] if m in _ROMAN_MONTHS else MONTHS[m.lower().rstrip(".")]


def _mk_date(m: re.Match[str]) -> tuple[dt.date | None, str | None]:
    try:
        return dt.date(_year(m["year"]), _month(m["mon"]), int(m["day"])), None
    except (ValueError, KeyError) as e:
        return None, f"impossible date ({e})"


def find_dates(text: str) -> list[DateHit]:
    """Every date written in ``text`` (named months, dd.mm.yy, mm/dd/yy, ISO), in order, not overlapping."""
    hits: list[DateHit] = []
    taken: list[tuple[int, int]] = []
    for pat in _DATE_PATTERNS:
        for m in pat.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            value, problem = _mk_date(m)
            hits.append(DateHit(m.start(), m.end(), m.group(0), value, problem))
            taken.append((m.start(), m.end()))
    hits.sort(key=lambda h: h.start)
    return hits


def parse_date_line(text: str) -> DateHit | None:
    """A line that is only a date: "September 26, 1950", "June, 1934", "1948", "26.9.50". None if it is not one."""
    s = text.strip()
    s = s[:-1] if s.endswith(".") and not s[-2:-1].isalpha() else s  # "12 October 1950."
    if not s or len(s) > 40:
        return None
    whole, approx = s, False
    if re.fullmatch(r"\[[^\[\]]{4,30}\]", s):  # "[1953]", "[May 1953]": a date the editors supplied
        s = s[1:-1].strip()
    if (a := APPROX_LEAD.match(s)) is not None and a.end() < len(s):
        approx, s = True, s[a.end():]
    if (q := PART_OF_LEAD.match(s)) is not None and q.end() < len(s):
        s = s[q.end():]  # "Late 1962", "Early 1960s": the year (the decade) the page gives, no finer
    if (t := APPROX_TAIL.search(s)) is not None and t.start() > 0 and t.group(0).strip():
        approx, s = True, s[: t.start()]
    for pat in _DATE_PATTERNS:
        m = pat.fullmatch(s)
        if m:
            value, problem = _mk_date(m)
            return DateHit(0, len(whole), whole, value, problem, approximate=approx)
    for pat in (DATE_MONTH, DATE_SEASON, DATE_YEAR):
        m = pat.fullmatch(s)
        if m:
            return _partial_hit(m, 0, len(whole), whole, approx)
    if (m := DATE_DECADE.fullmatch(s)) is not None:
        return DateHit(0, len(whole), whole, None, None, "decade", f"{m['decade']}X", approx)
    return None


# -- times -------------------------------------------------------------------------------------------------------

# "8:10 a.m.", "20:55 p.m.", "12:35pm", "19:00 pm", "4:10 am", "8:101 a.m." (8:10 + footnote 1)
TIME_RE = re.compile(
    r"(?<![\d:.])(?P<h>\d{1,2}):(?P<m>\d{2})(?P<fn>\d{1,2})?(?![\d:])"
    r"(?:\s*(?P<ap>[ap])\.?\s?m\b\.?)?",
    re.IGNORECASE,
)
# "20 hours 05 minutes"
TIME_HOURS_RE = re.compile(r"\b(?P<h>\d{1,2})\s+hours?\s+(?P<m>\d{1,2})\s+minutes?\b", re.IGNORECASE)


@dataclass
class TimeHit:
    start: int
    end: int
    verbatim: str
    value: dt.time | None
    problems: list[str]
    footnote: str | None = None  # a footnote reference number glued to the minutes


def find_time(text: str) -> TimeHit | None:
    m = TIME_RE.search(text)
    if m is None:
        m2 = TIME_HOURS_RE.search(text)
        if m2 is None:
            return None
        h, mi = int(m2["h"]), int(m2["m"])
        if h > 23 or mi > 59:
            return TimeHit(m2.start(), m2.end(), m2.group(0), None, [f"impossible time {h}:{mi:02d}"])
        return TimeHit(m2.start(), m2.end(), m2.group(0), dt.time(h, mi), [])
    h, mi = int(m["h"]), int(m["m"])
    ap = (m["ap"] or "").lower()
    problems: list[str] = []
    footnote = m["fn"]
    if footnote:
        problems.append(f"footnote reference {footnote!r} glued to the minutes: read as {m['h']}:{m['m']}")
    if h > 23 or mi > 59:
        problems.append(f"impossible time {m['h']}:{m['m']}")
        return TimeHit(m.start(), m.end(), m.group(0), None, problems, footnote)
    if ap == "p":
        if h > 12:
            problems.append(f"24-hour time {m['h']}:{m['m']} written with p.m.; kept as {h:02d}:{mi:02d}")
        elif h == 0:
            problems.append(f"hour 0 written with p.m.; kept as 00:{mi:02d}")
        elif h < 12:
            h += 12
    elif ap == "a":
        if h > 12:
            problems.append(f"24-hour time {m['h']}:{m['m']} written with a.m.; kept as {h:02d}:{mi:02d}")
        elif h == 12:
            h = 0
    return TimeHit(m.start(), m.end(), m.group(0), dt.time(h, mi), problems, footnote)


# -- names -------------------------------------------------------------------------------------------------------

# "c. Moravec", "Com. Lis": translations abbreviate "comrade" too
HONORIFICS = ("Comrades", "Comrade", "Cdes.", "Cde.", "Comr.", "Cdes", "Cde", "Comr", "Com.", "c.", "Tov.", "Mr.", "Mrs.",
              "Ms.", "Dr.", "Gen.", "General", "Marshal", "Governor", "Chairman", "Premier", "Ambassador")
_HONORIFIC_RE = re.compile(r"^(?:" + "|".join(re.escape(h) for h in HONORIFICS) + r")(?=\s)\s*")
# words that make a name an office (a position) or an organization
OFFICE_WORDS = re.compile(
    r"\b(?:Ambassador|SovAmbassador|Consul|Minister|Chairman|Secretary|Commander|Chief|Charg[ée]|"
    r"Representative|Envoy|Premier|President|Attach[ée]|Advis[eo]r|Head)\b", re.IGNORECASE)
ORG_WORDS = re.compile(
    r"\b(?:Ministry|Committee|Government|Embassy|Politburo|Presidium|Council|Department|Directorate|Party|"
    r"Army|Headquarters|Office|Bureau|Commission|Foreign Ministry|Central Committee|CC|MID|MFA|Legation|"
    r"Consulate|Administration|Staff|Section|Command)\b")
EDITORS_MARK = re.compile(r"sic!?|\?|illegible|sic\?|unclear", re.IGNORECASE)
BRACKETS = re.compile(r"\s*[\[(](?P<inner>[^\[\]()]*)[\])]")
FOOTNOTE_GLUE = re.compile(r"(?<=[A-Za-z\u00C0-\u024F])(\d{1,2})(?=$|[\s,.;:)\]])")


def _initials_of(inner: str, before: str) -> bool:
    """ "(CPT)" after "Communist Party of Testland", "(OAS)" after "Organization of American States": the bracket
    gives the initials of the name before it, a part of that name (not another name of it)."""
    inner = inner.strip()
    if not re.fullmatch(r"[A-Z][A-Za-z]{1,7}", inner) or sum(c.isupper() for c in inner) < 2:
        return False
    caps = [c for c in inner if c.isupper()]
    words = [w[0] for w in re.findall(r"[A-Z][\w’'-]*", before)]
    i = 0
    for c in words:  # the bracket's capitals, in order, among the initials of the words before it
        if i < len(caps) and c == caps[i]:
            i += 1
    return i == len(caps)


def split_honorific(s: str) -> tuple[str | None, str]:
    m = _HONORIFIC_RE.match(s)
    if not m or re.match(r"\s*of\b", s[m.end():]):  # "Chairman of the X Party": an office, no honorific
        return None, s
    if re.search(r"\b(?:Directorate|Department|Staff|Office|Committee|Ministry|Council|Secretariat|Administration|"
                 r"Command|Headquarters|Division|Bureau|Assembly|Inspectorate)\s*$", s[m.end():]):
        return None, s  # "General Political Directorate", "General Staff": a body's name
    return s[: m.end()].strip(), s[m.end():]


def agent_kind(name: str) -> AgentKind:
    if OFFICE_WORDS.search(name):
        return "office"
    if ORG_WORDS.search(name):
        return "organization"
    if name.lower().startswith("the "):
        return "office"
    if re.search(r"[A-Za-z\u00C0-\u024F\u0400-\u04FF]", name):
        return "person"
    return "unknown"


def parse_name(written: str, offset: int = 0) -> tuple[NameRef, list[str]]:
    """A name as written -> NameRef. ``offset`` is where ``written`` starts in the document.

    Returns the NameRef and a list of problems (footnote digits stripped from the name, empty name).
    ``"Filippov [Stalin]"``, ``"Feng Xi (Stalin)"``, ``"FENG XI [FYN SI; Stalin]"``, ``"Cde. Kim Il Sung"``.
    """
    problems: list[str] = []
    lead = len(written) - len(written.lstrip())
    w = written.strip()
    lm = re.fullmatch(r"\[(?P<a>[^\[\]()]{1,40})\]\s*(?P<b>[^\[\]()]+)", w)
    if lm:  # "[Li] Fuchun": the editor completed the name
        name = f"{lm['a'].strip()} {lm['b'].strip()}".rstrip(",.;:")
        return NameRef(written=w, name=name, kind=agent_kind(name),
                       span=Span(offset + lead, offset + lead + len(w))), problems
    honorific, rest = split_honorific(w)
    identified_as: str | None = None
    variants: list[str] = []
    # "VKP(b) CC", "SED(W)": a letter in brackets glued to a word is part of the name, not an identification
    # "W[alter] Testov": the editors' completion of a name, glued to its initial, stays in it as written
    brackets = [b for b in BRACKETS.finditer(rest)
                if not (b.start() > 0 and rest[b.start() - 1].isalpha() and (
                    re.fullmatch(r"[(\[][A-Za-z]{1,2}[)\]]", b.group(0)) or (
                        re.fullmatch(r"\[[a-z]{2,}\]", b.group(0)) and not EDITORS_MARK.fullmatch(b.group(0)[1:-1])
                        and b.end() < len(rest)))) and not _initials_of(b["inner"], rest[: b.start()])]
    base = rest
    if brackets:
        base = rest[: brackets[0].start()]
        for b in brackets:
            inner = b["inner"].strip()
            if not inner or inner.lower().startswith("via ") or EDITORS_MARK.fullmatch(inner):
                continue  # "[sic]", "[?]", "[illegible]": the editor's remark on the spelling, no other name
            parts = [p.strip() for p in re.split(r"[;,]", inner) if p.strip()]
            if parts:
                identified_as = parts[-1]
                variants.extend(parts[:-1])
    name = base.strip().rstrip(",;:").strip()
    if not re.search(r"(?:(?:^|[\s.])[A-Z]|\.[A-Z][a-z])\.$", name):  # "Shcherbakov I.S.", "Pelshe, A.Ia.": an
        # initial's period stays
        name = name.rstrip(".,;:").strip()
    m = FOOTNOTE_GLUE.search(name)
    if m and not re.search(r"\d", name[: m.start()]):
        problems.append(f"footnote reference {m.group(1)!r} glued to the name {name!r}: stripped")
        name = (name[: m.start()] + name[m.end():]).strip()
    if not name:
        problems.append(f"no name in {written!r}")
        name = w
    kind = agent_kind(name)
    ref = NameRef(written=w, name=name, identified_as=identified_as, variants=variants, honorific=honorific,
                  kind=kind, span=Span(offset + lead, offset + lead + len(w)))
    return ref, problems


def split_names(s: str) -> list[tuple[int, str]]:
    """Split a list of names ("Mao Zedong and Zhou Enlai", "Cdes. Stalin, Molotov, and Voroshilov",
    "the Soviet Ambassador, Peking") into (offset, name) pieces, respecting brackets."""
    pieces: list[tuple[int, str]] = []
    depth = 0
    start = 0
    i = 0
    seps: list[tuple[int, int]] = []
    while i < len(s):
        c = s[i]
        if c in "[(":
            depth += 1
        elif c in "])":
            depth = max(0, depth - 1)
        elif depth == 0:
            m = re.compile(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*").match(s, i)
            if m and m.end() > i:
                seps.append((m.start(), m.end()))
                i = m.end()
                continue
        i += 1
    for a, b in seps:
        pieces.append((start, s[start:a]))
        start = b
    pieces.append((start, s[start:]))
    out: list[tuple[int, str]] = []
    for off, p in pieces:
        if not p.strip():
            continue
        # "the Soviet Ambassador, Peking": a one-word place after an office stays with it
        if out and agent_kind(out[-1][1]) == "office" and re.fullmatch(r"\s*[A-Z][\w'’-]*\s*", p) \
                and not s[out[-1][0] + len(out[-1][1]):off].strip(" ,").startswith("and"):
            prev_off, _ = out[-1]
            out[-1] = (prev_off, s[prev_off: off + len(p)])
            continue
        out.append((off, p))
    return out


def strip_honorific_list(s: str) -> tuple[str | None, int]:
    """A leading honorific that applies to a whole list ("Cdes. Stalin, Molotov") and its length."""
    m = _HONORIFIC_RE.match(s)
    return (s[: m.end()].strip(), m.end()) if m else (None, 0)
