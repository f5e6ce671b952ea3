"""The body text: editorial notes in brackets, signatures, mentions of persons, places and organizations."""

from __future__ import annotations

import re

from kg.ingest.common import (
    find_dates,
    parse_date_line,
    parse_name,
)
from kg.ingest.wilson.page import Line, PageBase
from kg.ingest.wilson.sentfrom import CLOSING_PLACE_DATE, CLOSING_WORDS, dateline, is_place
from kg.ingest.wilson.vocab import (
    _CAPS_NAME,
    _ENGLISH_ENDINGS,
    _GLUED_LOWER_UPPER,
    _GLUED_PLACE_WORD,
    _HONORIFIC_NAMES,
    _LETTER_SPACED,
    _PLACE_RE,
    _TRANSLIT_HINT,
    ACRONYMS_ORG,
    CAPS_NOT_NAMES,
    CLASSIFICATIONS,
    COUNTRY_ACRONYMS,
    EMAIL_OBFUSCATED,
    NOTE_RE,
    ORG_PHRASES,
    PLACES,
    ROLE_WORDS,
    STOP_CAPS,
)
from kg.records import (
    DocumentRecord,
    EditorialNote,
    Mention,
    NameRef,
    NoteKind,
    Span,
)

_SIG_NAME = r"(?P<n>(?:[A-Z]\.\s?){0,3}[A-Z][\w’'-]+(?:\s+(?:[A-Z]\.\s?)*[A-Z][\w’'-]+){0,2})"
# "(signed) Ivan Testov", "/s/ I. Testov", "Signed: Ivan Testov, Ambassador", "[signature] I. Testov": who signed it
SIGNED_RE = re.compile(r"^(?:\(signed\)|\[signed\]|/s/|s/|signed\s*:?|\[signature\]|\(signature\))\s*" + _SIG_NAME +
                       r"(?:,\s*(?P<role>[A-Za-z][\w\s.’'-]{2,60}?))?\s*[.,]?$", re.IGNORECASE)
# "/-/", "(-)", "[handwritten signature]": a mark that the name after it signed, perhaps with the editors' brackets
SIGN_MARK = re.compile(r"^(?:/-/|\(-\)|\[(?:handwritten\s+)?signature\]|\((?:handwritten\s+)?signature\)|"
                       r"\[signed\]|\(signed\))\s*", re.IGNORECASE)
# a letter's closing, then the name of the one who signed on the next line
CLOSING = CLOSING_WORDS
# the signer's office on the line under his name: "Head of Department", "General Secretary of the SED",
# "Ambassador of Testland", "Charge d'Affaires a.i."
SIGNER_OFFICE = re.compile(r"(?:(?:First|Second|Third|Deputy|Vice|Acting|General|Chief|Senior|Temporary)\s+)*"
                           r"(?:Secretary|Ambassador|Head|Chief|Director|Minister|Chairman|Counsell?or|Attach[eé]|"
                           r"Charg[eé](?:\s+d[’']Affaires)?|Consul(?:-General)?|President|Envoy|Representative|"
                           r"Commander|Premier|Leader)(?:\s+(?:of|to|for|in|at|the|a\.i\.|[A-Z][\w’'().-]*)){0,8}\.?")
# "(V. TESTOV)", "(I. P. Testov)": a signature in brackets, initials and a family name
PAREN_SIGNATURE = re.compile(r"^\((?P<n>(?:[A-Z]\.\s?){1,3}\s*[A-Z\u00C0-\u00DE][\w’'-]+)\)\.?$")
# "[Testland] Embassy in [North] Korea", "Ministry of Testing, Second Department": a mission or a body signing
ORG_SIGNATURE = re.compile(r"^\[?(?:[A-Z\[][\w\[\]’'.-]*\s+){0,4}(?:Embassy|Consulate(?:-General)?|Legation|Mission|Ministry|"
                           r"Committee|Department|Secretariat|Directorate)(?:,?\s+(?:of|in|to|for|the|and|"
                           r"[A-Z\[][\w\[\]’'.-]*)){0,8}\]?$")
PLAIN_SIGNATURE = re.compile(r"^" + _SIG_NAME + r"(?:,\s*(?P<role>[A-Za-z][\w\s.’'-]{2,60}?))?\s*\.?$")


class BodyMixin(PageBase):


    def signatory(self, rec: DocumentRecord, body_lines: list[Line], tail: list[Line] | None = None) -> None:
        """Who signed: read from the last lines of the body; a signature block may also take in the lines of the
        region's ``tail`` that were read as header lines (a closing dateline)."""
        cands = [ln for ln in body_lines if ln.s and not NOTE_RE.fullmatch(ln.s)
                 and not re.match(r"(?:Spravka|Reference|Certificate)\b", ln.s)][-4:]
        found: list[NameRef] = []
        for i in range(len(cands) - 1, -1, -1):
            ln = cands[i]
            ref = self._signature(ln)
            if ref is None and i > 0 and CLOSING.match(cands[i - 1].s):
                ref = self._name_after_closing(ln)  # "With comradely greetings," / "Ivan Testov"
            if ref is None:
                break
            found.insert(0, ref)
        if not found:  # a marked signature ("/-/ X", "Signed: X", "(I. TESTOV)") above the page's closing lines
            # (a summary, a date, a number, an archivist's handwritten note)
            window = [ln for ln in body_lines if ln.s and not NOTE_RE.fullmatch(ln.s)][-8:]
            for ln in window[::-1]:
                if (SIGN_MARK.match(ln.s) or SIGNED_RE.match(ln.s) or PAREN_SIGNATURE.match(ln.s)) and \
                        (ref := self._signature(ln)) is not None:
                    found.append(ref)
                    break
        block = [ln for ln in (tail if tail is not None else cands) if ln.s and not NOTE_RE.fullmatch(ln.s)]
        if not found and (ref := self._signature_block(block)) is not None:
            found.append(ref)
        rec.signatories.extend(found)

    @staticmethod
    def _signature_block(cands: list[Line]) -> NameRef | None:
        """A signature block at the foot of the text: a name on a line of its own next to a dateline ("Tesgrad,
        1 July 1972") or above the signer's office ("Head of Department"), in any order: "Ivan Testov" /
        "Ambassador" / "Tesgrad, 1 July 1972". The office is his role."""
        tail = cands[-4:]
        # (a place alone on its line, "24 March 1954" / "Beijing", is the closing dateline's other half)
        kinds = ["date" if dateline(ln.s) or CLOSING_PLACE_DATE.match(ln.s) or _date_only(ln.s)
                 or is_place(ln.s.strip().rstrip(".")) else
                 "office" if SIGNER_OFFICE.fullmatch(ln.s) else "other" for ln in tail]
        for i in range(len(tail) - 1, -1, -1):
            if kinds[i] != "other":
                continue
            near = kinds[i + 1: i + 3] + kinds[max(0, i - 1): i]
            if not any(k != "other" for k in near) or any(k == "other" for k in kinds[i + 1:]):
                return None
            om = ORG_SIGNATURE.match(tail[i].s)
            if om is not None and any(k == "date" for k in near) and len(tail[i].s.split()) <= 12:
                # "[Testland] Embassy in [North] Korea" / "23 November 1963": the mission signed it, as written
                w = tail[i].s
                return NameRef(written=w, name=w, kind="organization", span=tail[i].stripped_span())
            m = PLAIN_SIGNATURE.match(tail[i].s)
            if m is not None and (m["n"].lower() in CLASSIFICATIONS or
                                  all(w.lower() in STOP_CAPS or w.upper() in CAPS_NOT_NAMES for w in m["n"].split())):
                return None  # "Top Secret" over the day: a classification, no one's name
            if m is None or len(m["n"].split()) > 4 or not re.search(r"[a-z]", m["n"]) and len(m["n"]) < 3:
                return None
            ref, _ = parse_name(m["n"], tail[i].start + tail[i].lead)
            ref.kind = "person"
            if m["role"]:
                ref.role = m["role"].strip()
            elif i + 1 < len(tail) and kinds[i + 1] == "office":
                ref.role = tail[i + 1].s.rstrip(".")
            return ref
        return None

    @staticmethod
    def _name_after_closing(ln: Line) -> NameRef | None:
        m = PLAIN_SIGNATURE.match(ln.s)
        if m is None:
            return None
        lead = ln.lead
        ref, _ = parse_name(m["n"], ln.start + lead)
        ref.kind = "person"
        if m["role"]:
            ref.role = m["role"].strip()
        return ref

    def _signature(self, ln: Line) -> NameRef | None:
        cut = max(0, len(ln.text) - 200)  # a signature sits at the end of its line
        ln = Line(ln.no, ln.start + cut, ln.text[cut:])
        s = ln.text
        mm = SIGN_MARK.match(s.strip())
        if mm:  # "/-/ [Ambassador in Moscow Jan] Testowski", "[handwritten signature] G. [Testov]"
            rest = s.strip()[mm.end():]
            lead_br = re.match(r"\[[^\]]{2,80}\]\s+(?=[A-Z])", rest)
            name = rest[lead_br.end():] if lead_br else rest
            name = re.sub(r"^(?P<i>(?:[A-Z]\.\s?){1,3})\[(?P<s>[A-Z][\w’'-]+)\]", lambda x: x["i"].rstrip() + " " + x["s"],
                          name.strip().rstrip(".,"))
            if re.fullmatch(_SIG_NAME, name):
                at = s.find(rest)
                ref, _ = parse_name(name, ln.start + max(at, 0))
                ref.span = ln.span(max(at, 0), max(at, 0) + len(rest.rstrip()))
                ref.kind = "person"
                return ref
        pm = PAREN_SIGNATURE.match(s.strip())
        if pm:  # "(V. TESTOV)": the signer's name in brackets on a line of its own
            at = s.find(pm["n"])
            ref, _ = parse_name(pm["n"], ln.start + at)
            ref.kind = "person"
            return ref
        sm = SIGNED_RE.match(s.strip())
        if sm:  # "(signed) Ivan Testov", "/s/ I. Testov", "Signed: Ivan Testov, Ambassador", "[signature] I. Testov"
            at = s.find(sm["n"])
            ref, _ = parse_name(sm["n"], ln.start + at)
            ref.kind = "person"
            if sm["role"]:
                ref.role = sm["role"].strip()
            return ref
        spaced = list(_LETTER_SPACED.finditer(s))
        if spaced:
            m = spaced[-1]
            return NameRef(written=m.group(0), name=m.group(0).replace(" ", ""), kind="person",
                           span=ln.span(m.start(), m.end()))
        # a name in capitals at the end of the line, maybe with a gloss: "GROMYKO", "FILIPPOV [Stalin].”"
        m2 = re.search(r"(?<![\w’'-])(?P<n>[A-Z][A-Z’'-]{2,}(?:\s+[A-Z][A-Z’'-]{1,})*)(?P<g>\s*\[[^\]]*\])?"
                       r"[\s.,;:”\"'’]*$", s)
        if m2 and m2["n"].upper() not in ACRONYMS_ORG and m2["n"].lower() not in STOP_CAPS \
                and not (m2["n"].upper() == s.strip().upper() and len(s.split()) > 4) \
                and re.search(r"(?:^|[.:;!?\]”]|\d)\s*$", s[: m2.start("n")]):
            w = m2.group("n") + (m2["g"] or "")
            ref, _ = parse_name(w, ln.start + m2.start("n"))
            ref.kind = "person"
            return ref
        return None

    def notes(self, rec: DocumentRecord, a: int, b: int) -> None:
        for ln in self.lines[a:b]:
            for m in NOTE_RE.finditer(ln.text):
                inner = m["inner"]
                if EMAIL_OBFUSCATED.fullmatch(m.group(0)):
                    self.flag("body", "e-mail address obfuscated by the page scraper", m.group(0), ln,
                              ln.span(m.start(), m.end()))
                    continue
                kind, content = classify_note(inner)
                note = EditorialNote(kind=kind, text=content, verbatim=m.group(0), span=ln.span(m.start(), m.end()))
                if kind in ("gloss", "transliteration"):
                    note.target = gloss_target(ln.text[max(0, m.start() - 200): m.start()])
                if kind == "handwritten":
                    for d in find_dates(content):
                        if d.value:
                            rec.handwritten_dates.append(d.value)
                        else:
                            self.flag("handwritten_dates", d.problem or "bad date", d.verbatim, ln, note.span)
                rec.notes.append(note)

    def mentions(self, rec: DocumentRecord) -> None:
        assert rec.body_span is not None
        body, off = rec.body, rec.body_span.start
        cands: list[tuple[int, int, str]] = []  # (start, end, kind) in the order found
        by_end: dict[int, tuple[str, str]] = {}  # end offset -> (text, kind) of the first candidate ending there

        def add(a: int, b: int, kind: str) -> None:
            a2, b2 = off + a, off + b
            cands.append((a2, b2, kind))
            by_end.setdefault(b2, (self.text[a2:b2], kind))

        for m in _HONORIFIC_NAMES.finditer(body):
            names = m["names"]
            for sm in re.finditer(r"[A-Z][\w’'-]*(?:[ \t]+[A-Z][\w’'-]*)*", names):
                n = sm.group(0)
                if n.lower() in ("and",):
                    continue
                add(m.start("names") + sm.start(), m.start("names") + sm.end(), "person")
        for m in _PLACE_RE.finditer(body):
            w = m.group(0)
            if w[0].isupper():
                add(m.start(), m.end(), "place")
        # words the scraper ran together: "andKorea", "Seoulthe" (flagged; the place inside is still a mention)
        for m in _GLUED_LOWER_UPPER.finditer(body):
            self.flag("body", "words run together (scraping noise): kept as written", m.group(0),
                      rec.line_of(off + m.start()), Span(off + m.start(), off + m.end()))
            if m.group(2) in PLACES:
                add(m.start(2), m.end(2), "place")
        for m in _GLUED_PLACE_WORD.finditer(body):
            self.flag("body", "words run together (scraping noise): kept as written", m.group(0),
                      rec.line_of(off + m.start()), Span(off + m.start(), off + m.end()))
            add(m.start(1), m.end(1), "place")
        for m in ORG_PHRASES.finditer(body):
            add(m.start(), m.end(), "organization")
        for m in _CAPS_NAME.finditer(body):
            w = m.group(0)
            lead = re.match(r"(?:(?:TO|FROM|DEAR|COMRADES?|CDES?\.?|COMR\.?|AND|OF|THE|FOR|WITH|MR\.?)[ \t]+)+", w)
            if lead:
                w = w[lead.end():]
                m = re.compile(re.escape(w)).search(body, m.start() + lead.end())  # type: ignore[assignment]
                if not w or m is None:
                    continue
            if w.upper() in ACRONYMS_ORG:
                add(m.start(), m.end(), "place" if w in COUNTRY_ACRONYMS else "organization")
                continue
            words = w.split()
            if len(w.replace(" ", "")) < 4 or w.lower() in STOP_CAPS or any(x.lower() in STOP_CAPS for x in words
                                                                              if len(words) == 1):
                continue
            if any(len(x) < 2 or x.strip("’'-") in CAPS_NOT_NAMES for x in words):
                continue
            add(m.start(), m.end(), "person")
        for note in rec.notes:
            if note.kind != "gloss" or note.span is None or not (off <= note.span.start < off + len(body)):
                continue
            target = note.target
            kind = None
            for gap in (0, 1, 2):
                hit = by_end.get(note.span.start - gap)
                if target and hit and hit[0] == target:
                    kind = hit[1]
                    break
            if kind and identifies(note.text, kind):
                # "KIM IL SUNG [Kim Il-sung]", "Peking [Beijing]": the editors' other writing of the name before it
                # ("Testov [the Soviet ambassador]", "Testov [sic]", "Testov [then in Moscow]" identify no one)
                a = note.span.start + 1 - off
                add(a, a + len(note.text), kind)
        # one mention per span; a span inside a longer one is dropped (sweep, n log n)
        order = sorted(range(len(cands)), key=lambda i: (cands[i][0], -cands[i][1], i))
        max_end = -1
        seen: set[tuple[int, int]] = set()
        for i in order:
            a2, b2, kind = cands[i]
            if (a2, b2) in seen or b2 <= max_end:
                continue
            seen.add((a2, b2))
            max_end = max(max_end, b2)
            rec.mentions.append(Mention(text=self.text[a2:b2], kind=kind, span=Span(a2, b2)))  # type: ignore[arg-type]


_NAME_WORD = r"(?:[A-Z\u00C0-\u024F\u0400-\u042F][\w’'.-]*|(?:[A-Z]\.\s?)+|(?:de|da|di|du|van|von|der|den|al|el|bin|ibn|la|le)(?=\s))"
# a name as the editors write one in brackets: capitalised words (initials, a name's particles), no more than five
BRACKET_NAME = re.compile(_NAME_WORD + r"(?:\s+" + _NAME_WORD + r"){0,4}")


def identifies(text: str, kind: str) -> bool:
    """A bracketed note after a name identifies it (another writing of the name, the real name of a cover name)
    only when it looks like a name itself: capitalised words, no office or form of address, nothing else."""
    t = text.strip()
    if not BRACKET_NAME.fullmatch(t) or t.lower() in STOP_CAPS or t.upper() in CAPS_NOT_NAMES:
        return False
    words = t.split()
    if kind == "person" and (any(ROLE_WORDS.match(w) for w in words) or any(w in ORG_HEADS for w in words)):
        return False  # "[Ambassador]", "[Foreign Minister]", "[Testland Embassy]": an office or a body
    return not any(w.lower().rstrip(".") in ("sic", "illegible", "ed", "trans", "translator", "emphasis") for w in words)


# words that make a bracketed note a body's name, not a person's
ORG_HEADS = {"Embassy", "Ministry", "Committee", "Party", "Government", "Council", "Department", "Office", "Bureau",
             "Union", "Republic", "Army", "Front", "Politburo", "Presidium", "Secretariat", "Agency", "Mission"}


def _date_only(s: str) -> bool:
    """A line that is a full date and nothing else ("23 November 1963", "May 2, 1961.")."""
    hit = parse_date_line(s.strip().rstrip("."))
    return hit is not None and hit.value is not None and hit.end >= len(s.strip().rstrip(".")) - 1


def classify_note(inner: str) -> tuple[NoteKind, str]:
    s = inner.strip()
    low = s.lower()
    for prefix, kind in (("handwritten:", "handwritten"), ("inserted by hand:", "inserted_by_hand"),
                         ("translator's note:", "translator_note"), ("translator’s note:", "translator_note"),
                         ("translators note:", "translator_note"), ("editor's note:", "other"),
                         ("editor’s note:", "other"), ("stamp:", "stamp"), ("stamp", "stamp")):
        if low.startswith(prefix):
            return kind, s[len(prefix):].strip()  # type: ignore[return-value]
    m = re.match(r"in (?:the )?[\w-]+ translation:\s*", s, re.IGNORECASE)
    if m:
        return "translation", s[m.end():].strip()
    if re.fullmatch(r"(?:\.\.\.|…|\.\s\.\s\.)", s):
        return "elision", s
    if low in ("illegible", "illegible word", "illegible words") or low.startswith("illegible"):
        return "illegible", s
    if low in ("sic", "?", "sic!"):
        return "other", s
    if re.fullmatch(r"[a-z][a-z'’-]{3,}(?:\s[a-z][a-z'’-]+)?", s) and (
            _TRANSLIT_HINT.search(s) or (" " not in s and len(s) >= 5 and not s.endswith(_ENGLISH_ENDINGS))):
        return "transliteration", s
    return "gloss", s


def gloss_target(before: str) -> str | None:
    b = before[-200:].rstrip()
    if not b:
        return None
    m = re.search(r"(?:[A-Z][A-Z’'-]+(?:\s+[A-Z][A-Z’'-]+)*)$", b)
    if m and len(m.group(0)) >= 2:
        return m.group(0)
    m = re.search(r"(?:[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)$", b)
    if m:
        return m.group(0)
    m = re.search(r"[\w’'.:-]+$", b)
    return m.group(0).rstrip(".,") if m else None
