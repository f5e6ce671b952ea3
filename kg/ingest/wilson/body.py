"""The body text: editorial notes in brackets, signatures, mentions of persons, places and organizations."""

from __future__ import annotations

import re

from kg.ingest.common import (
    find_dates,
    parse_name,
)
from kg.ingest.wilson.layout import Line, PageBase
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
    COUNTRY_ACRONYMS,
    EMAIL_OBFUSCATED,
    NOTE_RE,
    ORG_PHRASES,
    PLACES,
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
# a letter's closing, then the name of the one who signed on the next line
CLOSING = re.compile(r"^(?:With\s+(?:\w+\s+){0,2}(?:greetings|regards|respect|salutations)|(?:Yours\s+)?(?:Respectfully|"
                     r"Sincerely|Faithfully|Truly|Cordially)(?:\s+yours)?|Yours(?:\s+\w+)?|Best\s+regards|Kind\s+regards)"
                     r"[,.!]?$", re.IGNORECASE)
PLAIN_SIGNATURE = re.compile(r"^" + _SIG_NAME + r"(?:,\s*(?P<role>[A-Za-z][\w\s.’'-]{2,60}?))?\s*\.?$")
_MW_NAME = r"(?:[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){0,2})"
_MW_NAMES = rf"{_MW_NAME}(?:(?:,\s*(?:and\s+)?|\s+and\s+){_MW_NAME})*"
# "Choibalsan and Ivanov met with Stalin and Molotov": who met whom, in a conversation record's opening lines
MET_WITH = re.compile(rf"(?P<a>{_MW_NAMES})\s+(?:met|talked|conferred|had\s+(?:a\s+)?(?:conversation|talks?|meeting))\s+"
                      rf"with\s+(?P<b>{_MW_NAMES})")
_MW_NOT_NAMES = {"The", "He", "She", "We", "They", "It", "On", "In", "At", "Then", "After", "When", "Also", "Both",
                 "Comrade", "Comrades", "I", "This", "That", "There"}


# "Dear Comrade Liebermann!", "Dear Mr. Testov,": a letter's salutation
SALUTATION = re.compile(r"^Dear\s+(?:(?:Comrades?|Cde\.?|Comr\.?|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Professor|Ambassador|Minister|"
                        r"Secretary|Chairman|General)\s+)*(?P<n>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})\s*[!,:.]?$")
# an inside address's line naming the addressee: "Comrade Helmut Liebermann", "Comrade H e g e n", "Mr. A. Testov"
ADDRESS_PERSON = re.compile(r"^(?:Comrade|Cde\.?|Comr\.?|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Genosse|Herrn?)\s+"
                            r"(?P<who>(?:[A-Z]\.\s*)*[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3}|(?:[A-Z] ){2,}[A-Z]|[A-Z](?: [a-z]){2,})\s*,?$")


_TR_NAME = r"(?:[A-Z]\.\s?)*[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*"
# "... with Foreign Ministry attache P. Testov and Ho Example translating": interpreters named in the text
TRANSLATING = re.compile(rf"\bwith\s+(?:[\w’'-]+\s+){{0,4}}?(?P<names>{_TR_NAME}(?:(?:,\s*|\s+and\s+){_TR_NAME})*)\s+"
                         r"(?:translating|interpreting)\b")


class BodyMixin(PageBase):
    def journal_keeper(self, rec: DocumentRecord, lines: list[Line]) -> None:
        """ "from the journal of" over a record of conversation, the keeper's name after it or at the start of the
        next line ("V. I. TESTOV stamp: ..." where the page ran two columns together): the record is from his
        journal, and he took part in the conversation."""
        for i, ln in enumerate(lines):
            m = re.match(r"^from\s+the\s+(?:journal|diary)\s+of\b\s*(?P<rest>.*)$", ln.s, re.IGNORECASE)
            if m is None:
                continue
            cands = [(ln, len(ln.text) - len(ln.text.lstrip()) + m.start("rest"), re.sub(r"\[.*$", "", m["rest"]))]
            if i + 1 < len(lines):
                nxt = lines[i + 1]
                cands.append((nxt, len(nxt.text) - len(nxt.text.lstrip()), nxt.s))
            for cl, off, txt in cands:
                nm = re.match(r"\s*(?P<n>(?:[A-Z]\.\s?){1,3}[A-Z][\w’'-]+)(?=\s|,|$)", txt)
                if nm:
                    ref, _ = parse_name(nm["n"], cl.start + off + nm.start("n"))
                    ref.kind = "person"
                    rec.author = ref
                    if not any(p.name.split()[-1].lower() == ref.name.split()[-1].lower() for p in rec.participants):
                        rec.participants.insert(0, NameRef(written=ref.written, name=ref.name, kind="person",
                                                           span=ref.span))
                    return
            return

    def participants_from_text(self, rec: DocumentRecord, a: int, b: int) -> None:
        """A conversation whose title names only offices ("between the Foreign Minister of X and the First
        Secretary of Y"): the text's "Reception of A by B" line names them; "with A and B translating" names the
        interpreters."""
        from kg.ingest.wilson.title import RECEPTION_RE
        from kg.ingest.wilson.vocab import CONVERSATION_KINDS
        if rec.kind not in CONVERSATION_KINDS:
            return
        lines = [ln for ln in self.lines[a:b] if ln.s][:8]
        offices_only = bool(rec.participants) and all(
            p.role is None and re.match(r"the\s", p.name) for p in rec.participants)
        if offices_only:
            for ln in lines:
                m = RECEPTION_RE.match(ln.s)
                if m is None or len(ln.s) > 120:
                    continue
                keys = [k for k in ("h1", "g1", "g2", "h2", "h3", "g3") if m.group(k)]
                keys.sort(key=m.start)
                lead = len(ln.text) - len(ln.text.lstrip())
                found = []
                for k in keys:
                    txt = re.sub(r"^(?:cde\.|comrade|com\.)\s+", "", m[k].strip(), flags=re.IGNORECASE)
                    at = ln.s.find(txt, m.start(k))
                    ref, _ = parse_name(txt, ln.start + lead + max(at, 0))
                    ref.kind, ref.part = "person", "host" if k.startswith("h") else "guest"
                    found.append(ref)
                rec.participants[:] = found
                break
        if rec.author is None:
            self.journal_keeper(rec, lines)
        for ln in lines:
            tm = TRANSLATING.search(ln.text)
            if tm:
                self.role_line(rec, ln, "interpreter", tm["names"], tm.start("names"))  # type: ignore[attr-defined]
                break

    def inside_address(self, rec: DocumentRecord, a: int, b: int) -> None:
        """A letter or report with an inside address above its salutation ("Ministry for Foreign Affairs" /
        "Comrade Helmut Liebermann" / "Berlin" / "Dear Comrade Liebermann!"): the person it greets, named in full
        in the address, is the addressee (when the title names none)."""
        from kg.ingest.wilson.vocab import CONVERSATION_KINDS
        if rec.recipients or rec.kind in CONVERSATION_KINDS or rec.kind == "diary":
            return
        nonblank = [k for k in range(a, b) if self.lines[k].s][:16]
        for i, k in enumerate(nonblank):
            sm = SALUTATION.match(self.lines[k].s)
            if sm is None:
                continue
            last = sm["n"].split()[-1]
            for k2 in reversed(nonblank[max(0, i - 8):i]):
                ln = self.lines[k2]
                am = ADDRESS_PERSON.match(ln.s)
                if am is None:
                    continue
                spaced = re.fullmatch(r"(?:[A-Z] ){2,}[A-Z]|[A-Z](?: [a-z]){2,}", am["who"])
                who = am["who"].replace(" ", "") if spaced else am["who"]
                if who.split()[-1] != last:
                    continue
                lead = len(ln.text) - len(ln.text.lstrip())
                ref, _ = parse_name(who, ln.start + lead + am.start("who"))
                ref.span = ln.span(lead + am.start("who"), lead + am.end("who"))
                ref.kind = "person"
                rec.recipients.append(ref)
                return
            return

    def met_with(self, rec: DocumentRecord, a: int, b: int) -> None:
        """A conversation whose title names some who took part: the others its first lines say met with them
        ("X and Y met with Z and W") took part too (after the title's, in the text's order)."""
        from kg.ingest.wilson.vocab import CONVERSATION_KINDS
        if rec.kind not in CONVERSATION_KINDS or not rec.participants:
            return
        known = {p.name.split()[-1] for p in rec.participants if p.name}
        seen = 0
        for ln in self.lines[a:b]:
            if not ln.s:
                continue
            seen += 1
            if seen > 3:
                return
            for m in MET_WITH.finditer(ln.text):
                names: list[tuple[int, str]] = []
                for g in ("a", "b"):
                    for nm in re.finditer(_MW_NAME, m[g]):
                        if not re.fullmatch(r"and", nm.group(0)):
                            names.append((m.start(g) + nm.start(), nm.group(0)))
                if any(w.split()[0] in _MW_NOT_NAMES for _, w in names):
                    continue
                if not any(w.split()[-1] in known for _, w in names):
                    continue
                for off, w in names:
                    if w.split()[-1] in known:
                        continue
                    ref, _ = parse_name(w, ln.start + off)
                    ref.kind = "person"
                    rec.participants.append(ref)
                    known.add(w.split()[-1])
                return

    def signatory(self, rec: DocumentRecord, body_lines: list[Line]) -> None:
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
        rec.signatories.extend(found)

    @staticmethod
    def _name_after_closing(ln: Line) -> NameRef | None:
        m = PLAIN_SIGNATURE.match(ln.s)
        if m is None:
            return None
        lead = len(ln.text) - len(ln.text.lstrip())
        ref, _ = parse_name(m["n"], ln.start + lead)
        ref.kind = "person"
        if m["role"]:
            ref.role = m["role"].strip()
        return ref

    def _signature(self, ln: Line) -> NameRef | None:
        cut = max(0, len(ln.text) - 200)  # a signature sits at the end of its line
        ln = Line(ln.no, ln.start + cut, ln.text[cut:])
        s = ln.text
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
            if kind:
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
