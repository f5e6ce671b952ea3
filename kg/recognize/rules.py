"""Rule-based recognition of person, place and organization names in running text.

The text is cut into *chunks*: runs of capitalized words and initials on one line ("A. A. Gromyko",
"Kim Il Sung", "Ministry of Foreign Affairs"). Each chunk is classified by what is inside it (titles, initials,
given names, head words such as *Committee* or *River*, known acronyms and places, name endings) and by what is
around it (a participant list, a speaker label, "in X", "X said", a list after "Cdes."). A second pass gives a
lone word the kind it had elsewhere in the same text ("Comrade Tsedenbal" ... "Tsedenbal").

Nothing here knows the authority files: the result is a list of :class:`Candidate` spans with a kind and the cue
that decided it; :mod:`kg.recognize` resolves them.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections.abc import Iterable
from dataclasses import dataclass

from kg.recognize import lexicon as lx
from kg.recognize.tokens import (
    WORD_RE,
    Tok,
    chunks,
    fold,
    honorific_lists,
    mostly_capitals,
    participant_lines,
    tokenize,
)


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    kind: str  # person | place | organization
    text: str
    cue: str  # what decided the kind: "title", "initials", "participants", "speaker", "place-list", ...
    note: str = ""  # something a curator should know about the words ("footnote digits '1' left out")


_BULLET_RE = re.compile(r"^[ \t]*(?:[•·\-–—*]|\(?\d{1,2}[.)])?[ \t]*$")
_SINGLE_ORGS = frozenset({"politburo", "presidium", "comintern", "cominform", "sovnarkom", "gosplan", "tass",
                          "secretariat", "stavka", "bundestag", "volkskammer", "knesset", "sejm", "xinhua"})
_MAX_TEXT = 2_000_000
_SOVIET_BEFORE = frozenset({"supreme", "city", "village", "district", "moscow", "petrograd", "leningrad",
                            "deputies", "workers", "regional"})
_DOTTED_RE = re.compile(r"(?<![\w.])((?:[A-Z]\.){2,5})(?![\w])")
_GLUE = ("and", "the", "of", "in", "to", "with", "from", "was", "is")
_VERB_ENDINGS = ("ing", "ed", "ly", "ness", "ment", "tion", "ally")
_THE_ORGS = frozenset({"embassy", "ministry", "department", "legation", "consulate", "secretariat", "presidium"})
_COMMA_WORD_RE = re.compile(r",\s+([a-z]+)")
_COMMA_INITIALS_RE = re.compile(r",\s*[A-Z][a-z]?\.\s?(?:[A-Z][a-z]?\.)?")
_MC_RE = re.compile(r"^(?:Mc|Mac|O['’])[A-Z][a-z]")  # "McGhee", "MacArthur", "O'Neill"
_PARALLEL_RE = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)\s+[Pp]arallel\b")
_CAP_WORD = r"[A-Z][^\W\d_]+(?:['’\-][^\W\d_]+)*"
_PLACE_LIST_RE = re.compile(
    r"\b(?:" + "|".join(sorted(lx.PLACE_CLASS_NOUNS)) + r")\s+(?:like|such\s+as|including|as|of)\s+"
    r"(" + _CAP_WORD + r"(?:(?:,\s+|,?\s+and\s+)" + _CAP_WORD + r")+)")


def _latin(word: str) -> bool:
    return all(c < "\u0250" or "\u1e00" <= c <= "\u1eff" for c in word if c.isalpha())


def _is_common(w: str) -> bool:
    return w in lx.COMMON or w in lx.DEMONYMS or w in lx.CAPS_NOT_NAMES


def _is_title(w: str) -> bool:
    return w in lx.TITLES or w in lx.HONORIFICS or "-" in w and all(
        p in lx.TITLES or p in ("vice", "deputy", "co") for p in w.split("-"))  # "Vice-President"


def _namelike(t: Tok) -> bool:
    w = t.low
    return not (_is_common(w) or _is_title(w) or w in lx.ORG_HEADS or w in lx.PLACE_HEADS)


def _phrase(words: list[str]) -> str:
    return " ".join(words)


_PLACE_PHRASES = frozenset(p.replace("'s", "") for p in lx.PLACE_PHRASES)
_PHRASE_MAX = max(len(p.split()) for p in lx.PLACE_PHRASES)


class _Doc:
    def __init__(self, text: str, known_persons: list[tuple[int, int]] = ()) -> None:  # type: ignore[assignment]
        self.text = text
        self.known_persons = list(known_persons)  # spans of persons the authorities know (list neighbours)
        self.toks = tokenize(text)
        self.lines = text.split("\n")
        self.participant_lines = participant_lines(self.lines)
        self.list_ranges = honorific_lists(text)
        self._in_lists = SpanIndex(self.list_ranges).hits
        self.caps_mode = mostly_capitals(text)  # capitals tell nothing: only strong cues count
        # "cities like Kavaja, Lushnja and Vlora": each word of such a list is a place
        self.place_list = {pm.start(1) + w.start() for pm in _PLACE_LIST_RE.finditer(text)
                           for w in re.finditer(_CAP_WORD, pm.group(1))}
        # lines in title case (a document's title in a list of results, a heading): there every word is
        # capitalized, so a capitalized run is a name only if a word of it is capitalized in prose too
        self.headline_lines = _headline_lines(self.toks)
        self.prose_caps = {t.low for t in self.toks if t.cap and not t.caps and t.line not in self.headline_lines}
        self.lower_words = {t.low for t in self.toks if t.text.islower()}  # "nuclear" in prose: a common word
        self._orgs: dict[tuple[int, int], Candidate | None] = {}

    # -- context ---------------------------------------------------------------------------------------
    def in_list(self, pos: int) -> bool:
        return self._in_lists(pos, pos + 1)

    def line_prefix(self, t: Tok) -> str:
        ls = self.text.rfind("\n", 0, t.start) + 1
        return self.text[ls:t.start]

    # -- classification -------------------------------------------------------------------------------
    def run(self) -> list[Candidate]:
        found: list[Candidate] = []
        pending: list[tuple[int, int]] = []  # single unknown words, for the second pass
        for i, j in chunks(self.text, self.toks):
            for a, b in self._split_honorifics(i, j):
                org = self._org(a, b)
                if org is not None:
                    found.append(org)
                    continue
                for c, d in self._split_common(a, b):
                    res = self._classify(c, d)
                    if res is None:
                        continue
                    if isinstance(res, tuple):
                        pending.append(res)
                        continue
                    found.extend(res)
        if self.caps_mode:
            found.extend(self._caps_orgs())
        else:  # "the PURX met ...": after "the", a word in capitals is no person
            acr = self._the_acronyms([c for c in found if c.kind != "person"])
            starts = {c.start for c in acr}
            found = [c for c in found if not (c.kind == "person" and c.start in starts)] + acr
        found.extend(self._lower_head_orgs(found))
        joined = self._hyphen_names()
        if joined:
            hits = SpanIndex([(c.start, c.end) for c in joined]).hits
            found = [c for c in found if not hits(c.start, c.end)]
            pending = [(a, b) for a, b in pending if not hits(self.toks[a].start, self.toks[b].end)]
            found.extend(joined)
        for m in _PARALLEL_RE.finditer(self.text):  # "the 38th Parallel"
            found.append(Candidate(m.start(), m.end(), "place", m.group(), "place-list"))
        for m in _DOTTED_RE.finditer(self.text):  # "U.S.", "U.S.S.R.", "U.N."
            key = m.group(1).replace(".", "").lower()
            kind = "place" if key in lx.PLACE_ACRONYMS else "organization" if key in lx.ORG_ACRONYMS else None
            if kind:
                found.append(Candidate(m.start(1), m.end(1), kind, m.group(1), "acronym"))
        return self._second_pass(found, pending)

    def _hyphen_names(self) -> list[Candidate]:
        """ "the Nixon-Brezhnev talks", "Carlos Rafael-Roa-Osmany-Acevedo:": family names joined by hyphens before
        a word for a meeting, or three names and more in a chain, are each a name (a known place stays a place:
        "the Moscow-Beijing talks"); "Vukmanovic-Tempo" alone and "Sino-Soviet" are not split."""
        out: list[Candidate] = []
        for m in _HYPHEN_CHAIN_RE.finditer(self.text):
            parts = m.group(0).split("-")
            after = self.text[m.end():m.end() + 40].lstrip(" ")
            nxt = re.match(r"[a-z]+", after)
            meeting = nxt is not None and nxt.group(0) in _MEETING_WORDS
            if not (meeting and len(parts) == 2 or len(parts) >= 3):
                continue
            lows = [fold(x) for x in parts]
            if any(w in lx.DEMONYMS or w in ("sino", "indo", "afro", "anglo", "franco", "russo", "euro")
                   or w in lx.COMMON or w in lx.TITLES for w in lows):
                continue
            pos = m.start()
            route = len(parts) >= 3 and any(w in lx.PLACES for w in lows)  # "Ulaanbaatar-Zamyn-Uud": places
            if route:  # a place whose name has a hyphen stays whole ("Zamyn-Uud", "Ulan-Bator")
                parts, lows = _join_hyphenated_places(parts, lows)
            for n, (part, low) in enumerate(zip(parts, lows, strict=True)):
                kind = "place" if low in lx.PLACES or low in lx.PLACE_ACRONYMS or route else "person"
                start = pos
                if n == 0 and kind == "person":  # "Carlos Rafael-Roa": the given name before the first one
                    ls = self.text.rfind("\n", 0, pos) + 1
                    given = re.search(r"((?:[A-Z][^\W\d_]+ ){1,2})$", self.text[ls:pos])
                    if given and not any(fold(w) in lx.COMMON or _is_title(fold(w)) or fold(w) in lx.DEMONYMS
                                         for w in given.group(1).split()):
                        start = pos - len(given.group(1))
                if not (low in lx.PLACE_ACRONYMS or low in lx.ORG_ACRONYMS) or kind == "place":
                    out.append(Candidate(start, pos + len(part), kind, self.text[start:pos + len(part)],
                                         "hyphen-pair"))
                pos += len(part) + 1
        return out

    def _lower_head_orgs(self, found: list[Candidate]) -> list[Candidate]:
        """ "the Ceylon embassy", "the US army": a country's name before a head word written in lower case."""
        out = []
        for k, t in enumerate(self.toks[:-1]):
            nxt = self.toks[k + 1]
            if not (t.cap and nxt.text in _LOWER_HEADS and self.text[t.end:nxt.start] == " "):
                continue
            if not (t.low in lx.PLACES or t.low in lx.PLACE_ACRONYMS) or t.low in lx.DEMONYMS:
                continue  # ("the Brazilian government", an adjective, is a description, not a name)
            if k > 0 and self.toks[k - 1].cap and self.text[self.toks[k - 1].end:t.start] == " ":
                continue  # "the Soviet Union government": the run's business
            out.append(Candidate(t.start, nxt.end, "organization", self.text[t.start:nxt.end], "lower-head"))
        hits = SpanIndex([(c.start, c.end) for c in out]).hits
        found[:] = [c for c in found if not hits(c.start, c.end)]
        return out

    def _the_acronyms(self, found: list[Candidate]) -> list[Candidate]:
        """ "the FNLA", "of the PURS,": a word in capitals after "the" in ordinary text is an organization."""
        taken = {c.start for c in found}
        out = []
        for k, t in enumerate(self.toks):
            if not (t.caps and 3 <= len(t.text) <= 6 and k > 0):
                continue
            explained = self.text[t.end:t.end + 6] in (" (the ", " (a co") or self.text[t.end:t.end + 5] == " (an "
            if not (self.toks[k - 1].text == "the" or explained) \
                    or t.start in taken or t.low in lx.PLACE_ACRONYMS or t.low in lx.CAPS_NOT_NAMES \
                    or t.low in lx.FIELD_LABELS or _is_title(t.low) or _is_common(t.low) or t.footnote:
                continue
            if self.text[self.toks[k - 1].end:t.start] != " " and not explained:
                continue
            line = self.lines[t.line] if t.line < len(self.lines) else ""
            if sum(1 for c in line if c.islower()) < 10:  # a heading in capitals
                continue
            nxt = self.toks[k + 1] if k + 1 < len(self.toks) else None
            if nxt is not None and nxt.cap and self.text[t.end:nxt.start] == " ":
                continue  # "the USIA Director": the run's business
            out.append(Candidate(t.start, t.end, "organization", t.text, "the-acronym"))
        return out

    def _caps_orgs(self) -> list[Candidate]:
        """In a text in capitals: "THE FOREIGN OFFICE", "MINISTRY OF FOREIGN AFFAIRS", "CENTRAL COMMITTEE OF THE
        PARTY": a head word with the words of an organization's name around it (never a verb or a place)."""
        toks, out = self.toks, []

        def joined(x: int, y: int) -> bool:  # two tokens one space apart on one line
            return self.text[toks[x].end:toks[y].start] == " "

        def word(x: int) -> bool:
            return 0 <= x < len(toks) and toks[x].caps and (toks[x].low in _CAPS_ORG_WORDS)

        k = 0
        while k < len(toks):
            t = toks[k]
            if not (t.caps and t.low in lx.ORG_HEADS and t.low not in ("soviet", "soviets", "front", "service",
                                                                          "desk", "group", "groups", "union")):
                k += 1
                continue
            a = k
            while a > 0 and word(a - 1) and joined(a - 1, a):
                a -= 1
            b = k
            while True:
                if word(b + 1) and joined(b, b + 1):
                    b += 1
                    continue
                if b + 2 < len(toks) and toks[b + 1].low in ("of", "for") and toks[b + 1].text.isupper() \
                        and joined(b, b + 1) and joined(b + 1, b + 2):
                    c = b + 2
                    if toks[c].low == "the" and toks[c].text.isupper() and word(c + 1) and joined(c, c + 1):
                        c += 1
                    if word(c):
                        b = c
                        continue
                break
            if b > a:
                out.append(self._cand(a, b, "organization", "caps-org"))
            k = b + 1
        return out

    def _split_honorifics(self, i: int, j: int) -> list[tuple[int, int]]:
        """Cut a chunk before an honorific ("Party Central Committee Secretary Comrade D. Molomjamts"), before a
        title after other words ("KGB Chief Serov") and after an acronym before a name ("CC Jan Piller")."""
        parts: list[tuple[int, int]] = []
        a = i
        toks = self.toks
        for k in range(i + 1, j + 1):
            w, prev = toks[k].low, toks[k - 1]
            # ("Council of Ministers Chairman Kosygin": a title word after "of" is part of the organization's name)
            prev_is_title = (prev.low in lx.TITLES or prev.low in lx.HONORIFICS) and not (
                k - 2 >= a and toks[k - 2].low in ("of", "for"))
            title_after_other = (w in lx.TITLES and not prev_is_title
                                 and prev.low not in ("of", "the", "for") and k > a)
            acronym_then_name = (prev.caps and (prev.low in lx.ORG_ACRONYMS or prev.low in lx.PLACE_ACRONYMS)
                                 and not toks[k].caps and (_namelike(toks[k]) or toks[k].low in lx.GIVEN_NAMES)
                                 and k > a)
            # "Ambassador to Cuba A.I. Alekseev", "in the DPRK A. M. Puzanov": the office's place, then the person
            place_then_initials = (toks[k].initial and not prev.initial and k > a and
                                   (prev.low in lx.PLACES or prev.low in lx.PLACE_ACRONYMS
                                    or (prev.caps and prev.low in lx.ORG_ACRONYMS)))
            # "USSR Academy of Sciences M.S. Asimov", "Ministry of Foreign Affairs Andrei Gromtsev": an
            # organization's name, then a person's (initials, or a given name before another capitalized word)
            org_then_person = (k > a + 1 and not prev.initial and prev.low not in ("of", "for", "the")
                               and any(toks[x].low in lx.ORG_HEADS for x in range(a, k))
                               and (toks[k].initial or w in lx.GIVEN_NAMES and k < j and not toks[k + 1].initial
                                    and _namelike(toks[k + 1])))
            family_lord = w == "lord" and k == j and _namelike(prev) and not prev.caps  # "Winston Lord"
            if (w in lx.HONORIFICS and not family_lord) or title_after_other or acronym_then_name \
                    or place_then_initials or org_then_person:
                parts.append((a, k - 1))
                a = k
        parts.append((a, j))
        return parts

    def _split_common(self, i: int, j: int) -> list[tuple[int, int]]:
        """Cut at words that never belong to a name (months, "Memorandum", "Conversation")."""
        parts: list[tuple[int, int]] = []
        a = i
        for k in range(i + 1, j + 1):
            w = self.toks[k].low
            if _is_common(w) and w not in lx.DEMONYMS and w not in ("of", "the", "for") \
                    and not self.toks[k].initial and not self._in_phrase(i, j, k) \
                    and not (w == "lord" and k == j and not self.toks[k - 1].caps) \
                    and not (w in lx.GIVEN_NAMES and k < j and _namelike(self.toks[k + 1])
                             and not self.toks[k + 1].caps):  # "Winston Lord"; "Jan Piller" (not January)
                parts.append((a, k - 1))
                a = k
        parts.append((a, j))
        return parts

    def _in_phrase(self, i: int, j: int, k: int) -> bool:
        words = [t.low for t in self.toks[i:j + 1]]
        rel = k - i
        for L in range(min(_PHRASE_MAX, len(words)), 1, -1):
            for s in range(max(0, rel - L + 1), min(rel, len(words) - L) + 1):
                if _phrase(words[s:s + L]) in _PLACE_PHRASES:
                    return True
        return False

    def _classify(self, i: int, j: int) -> list[Candidate] | tuple[int, int] | None:
        toks = self.toks
        if i == j and toks[i].low in lx.PLACES and toks[i].low in lx.DEMONYMS and not self.caps_mode \
                and not self._sentence_start(toks[i]):
            return [self._cand(i, i, "place", "place-list")]  # "the west Pacific" (also an adjective)
        cues: set[str] = set()
        plural = False
        # leading words that are not part of the name: titles (a cue), sentence starts, demonyms
        a = i
        while a <= j:
            w = toks[a].low
            if _is_title(w):
                if not (self.caps_mode and w in lx.WEAK_TITLES):
                    cues.add("title")
                plural = plural or w in lx.PLURAL_HONORIFICS
                a += 1
            elif (_is_common(w) or w in ("of", "the", "for")) and not toks[a].initial \
                    and not (w in lx.GIVEN_NAMES and a < j and _namelike(toks[a + 1])):
                if self._phrase_at(a, j):
                    break
                a += 1
            else:
                break
        b = j
        while b >= a and not toks[b].initial and not (toks[b].low == "lord" and b > a) and (
                _is_common(toks[b].low) or toks[b].low in ("of", "the", "for") or (_is_title(toks[b].low) and b > a)):
            if self._phrase_at(a, b) and self._phrase_len(a, b) == b - a + 1:
                break
            b -= 1
        # org names may keep leading demonyms and titles: "Soviet Government", "General Staff"
        org = self._org(i, j)
        if org is not None:
            return [org]
        if a > b:
            return None
        core = toks[a:b + 1]
        words = [t.low for t in core]
        name_toks = [t for t in core if not t.initial]
        if not name_toks:
            return None
        if len(core) >= 2 and all(len(t.text) == 1 for t in core):
            return None  # letter-spaced capitals ("S E C R E T"), not initials
        phrase = _phrase(words)
        # places
        if phrase in _PLACE_PHRASES:
            return [self._cand(a, b, "place", "place-list")]
        sub = self._places_inside(a, b)
        if sub:
            return sub
        if self.caps_mode and len(core) > 1:
            # "AMEMBASSY LONDON": a run in capitals is no name; the known places in it are places
            places = [self._cand(a + k, a + k, "place", "place-list") for k, t in enumerate(core)
                      if t.low in lx.PLACES or t.low in lx.PLACE_ACRONYMS]
            if places and "title" not in cues:
                return places
            # "DR. GEYER INFORMED THE DCM": the name ends before a verb of speech
            cut = next((k for k, t in enumerate(core) if k > 0 and t.low in lx.SPEECH_VERBS), None)
            if cut is not None:
                b = a + cut - 1
                core = toks[a:b + 1]
                words = [t.low for t in core]
                name_toks = [t for t in core if not t.initial]
        if len(core) >= 2 and (words[-1] in lx.PLACE_HEADS or any(
                w in lx.PLACE_HEADS and k + 1 < len(words) and words[k + 1] in ("of", "for")
                for k, w in enumerate(words))):
            return [self._cand(a, b, "place", "place-head")]
        if len(name_toks) == 1 and len(core) == 1:
            t = core[0]
            for g in _GLUE:  # "Moscowand": words the scraper ran together
                stem = t.low[:-len(g)]
                if t.low.endswith(g) and stem in lx.PLACES:
                    return [Candidate(t.start, t.end - len(g), "place", t.text[:-len(g)], "glued")]
            if t.start in self.place_list:
                return [self._cand(a, b, "place", "place-class-list")]
            if t.caps and len(t.text) <= 6 and not (self.caps_mode and t.low in ("who", "us", "mac")):
                if t.low in lx.ORG_ACRONYMS:
                    return [self._cand(a, b, "organization", "acronym")]
                if t.low in lx.PLACE_ACRONYMS:
                    return [self._cand(a, b, "place", "acronym")]
            if t.low in lx.PLACES and "title" not in cues:
                return [self._cand(a, b, "place", "place-list")]
            if t.low in _SINGLE_ORGS:
                return [self._cand(a, b, "organization", "org-word")]
            if t.low in _THE_ORGS and not self.caps_mode and self._prev_words(a, 1) == ["the"]:
                return [self._cand(a, b, "organization", "the-org")]  # "the Embassy", "the Department"
            nxt = self.toks[b + 1] if b + 1 < len(self.toks) else None
            if t.caps and 2 <= len(t.text) <= 6 and nxt is not None and nxt.low in lx.TITLES \
                    and self.text[t.end:nxt.start] == " " and not _is_common(t.low):
                return [self._cand(a, b, "organization", "acronym-title")]  # "USIA Director Wick"
        honorific = a > i and toks[a - 1].low in lx.HONORIFICS and toks[a - 1].low not in ("lord", "lady", "sir")
        if honorific and len(name_toks) == 1 and not _is_common(name_toks[0].low) \
                and not _is_title(name_toks[0].low) and not self.caps_mode:
            return [self._cand(a, b, "person", "title")]  # "Mr. Lake", "Mr. Church": a family name after all
        if any(not _namelike(t) for t in name_toks if not (t.low == "lord" and t is name_toks[-1] and len(name_toks) > 1)
               and not (t.low in lx.GIVEN_NAMES and t is not name_toks[-1])):
            return None
        if len(core) >= 2 and core[0].caps and len(core[0].text) <= 3 and not self.caps_mode \
                and core[0].low not in lx.ORG_ACRONYMS and core[0].low not in lx.PLACE_ACRONYMS \
                and not any(t.caps or t.initial for t in core[1:]):
            return [self._cand(a, b, "person", "initials")]  # "KPS Menon", "RK Nehru": initials without dots
        if any(t.caps for t in core) and not all(t.caps or t.initial for t in core):
            return None  # "KIM Il Sung" style mixtures are rare; "TOP Secret" headings are common
        # "the Ambassador in Iraq Ulvi Lulo": a known place after a preposition, then a name
        if len(core) >= 3 and core[0].low in lx.PLACES and not core[0].caps and core[1].low not in lx.PLACES \
                and self._prev_words(a, 1) in (["in"], ["at"], ["from"]) \
                and all(_namelike(t) or t.initial for t in core[1:]) and not self.caps_mode:
            return [self._cand(a, a, "place", "place-list"), self._cand(a + 1, b, "person", "after-place")]
        # persons
        kind_cue = self._person_cue(i, a, b, cues, plural)
        if kind_cue and self.caps_mode and len(name_toks) == 1 and name_toks[0].low.endswith("ly") \
                and len(name_toks[0].text) >= 7:
            kind_cue = None  # "AS HE HAD PREVIOUSLY INFORMED": an adverb
        if kind_cue and not (self.caps_mode and kind_cue in ("addressee", "name-ending", "name-order")):
            return [self._cand(a, b, "person", kind_cue)]
        if len(name_toks) == 1:
            t = name_toks[0]
            if t.caps:  # a lone word in capitals without a cue: a heading or an acronym; in a text in capitals,
                return (a, b) if self.caps_mode else None  # a name only if named with a cue elsewhere
            pc = self._place_cue(a)
            if pc:
                return [self._cand(a, b, "place", pc)]
            if t.low.endswith(lx.PLACE_SUFFIXES) and len(t.low) >= 6:
                return [self._cand(a, b, "place", "place-ending")]
            return (a, b)
        if all(t.caps or t.initial for t in core):
            return None  # "MEETING AGENDA": headings in capitals need a cue
        if not all(_latin(t.text) for t in core):
            return None  # other scripts (a Russian original before the translation): no word lists, no guess
        # two or more name-like capitalized words with no other reading; a sentence may start with a verb form
        # ("Ousting Dubček was ...")
        if core[0].low.endswith(_VERB_ENDINGS) and self._sentence_start(core[0]):
            return self._classify(a + 1, b) if a + 1 <= b else None
        if core[0].line in self.headline_lines and not any(
                t.low in self.prose_caps or t.low in lx.GIVEN_NAMES for t in name_toks) and any(
                t.cap and (t.low in self.lower_words or t.low.endswith(_COMMON_ENDINGS) or t.low in _PARTICIPLES)
                for t in name_toks):
            return None  # "a Speech Given by", "Chemical Weapons Capability and Alleged Use": title case
        return [self._cand(a, b, "person", "name-shape")]

    def _sentence_start(self, t: Tok) -> bool:
        before = self.text[:t.start].rstrip(" \t\"'“‘([")
        return not before or before[-1] in ".!?:;\n"

    def _phrase_at(self, a: int, j: int) -> bool:
        return self._phrase_len(a, j) > 0

    def _phrase_len(self, a: int, j: int) -> int:
        words = [t.low for t in self.toks[a:j + 1]]
        for L in range(min(_PHRASE_MAX, len(words)), 1, -1):
            if _phrase(words[:L]) in _PLACE_PHRASES:
                return L
        return 0

    def _places_inside(self, a: int, b: int) -> list[Candidate]:
        """Known multi-word places inside a longer run ("Soviet Union Embassy" is handled as an org before)."""
        words = [t.low for t in self.toks[a:b + 1]]
        out = []
        s = 0
        while s < len(words):
            for L in range(min(_PHRASE_MAX, len(words) - s), 1, -1):
                if _phrase(words[s:s + L]) in _PLACE_PHRASES:
                    out.append(self._cand(a + s, a + s + L - 1, "place", "place-list"))
                    s += L
                    break
            else:
                s += 1
        return out

    def _org(self, i: int, j: int) -> Candidate | None:
        key = (i, j)
        if key in self._orgs:  # a chunk is asked twice: as a whole, then when it is classified
            return self._orgs[key]
        got = self._orgs[key] = self._org_of(i, j)
        return got

    def _org_of(self, i: int, j: int) -> Candidate | None:
        toks = self.toks
        words = [t.low for t in toks[i:j + 1]]
        # drop leading sentence words and trailing titles ("Party Central Committee Secretary")
        s = 0
        while s < len(words) and (words[s] in lx.COMMON or words[s] in lx.HONORIFICS) \
                and words[s] not in lx.DEMONYMS and words[s] not in lx.ORG_ACRONYMS \
                and words[s] not in lx.ORG_MODIFIERS:
            s += 1
        e = len(words) - 1
        while e >= s and (_is_title(words[e]) and not (e > s and words[e - 1] in ("of", "for")
                                                      or e > s + 1 and words[e - 1] == "the"
                                                      and words[e - 2] in ("of", "for"))
                          or words[e] in ("of", "the", "for")):
            e -= 1
        if s > e:
            return None
        ws = words[s:e + 1]
        if self.caps_mode:  # "APPOINTMENT WITH SED GENERAL SECRETARY": the acronyms alone
            acr = [k for k, w in enumerate(ws) if w in lx.ORG_ACRONYMS and w not in ("who", "us", "mac")]
            if not acr:
                return None
            k0 = k1 = acr[0]
            both = lx.ORG_ACRONYMS | lx.PLACE_ACRONYMS
            while k0 > 0 and ws[k0 - 1] in both:
                k0 -= 1
            while k1 + 1 < len(ws) and ws[k1 + 1] in both:
                k1 += 1
            return self._cand(i + s + k0, i + s + k1, "organization", "acronym")
        if any(w in lx.ORG_ACRONYMS and toks[i + s + k].caps or w == "vkp(b)" for k, w in enumerate(ws)):
            if all(toks[i + s + k].caps or not _namelike(toks[i + s + k]) or w in lx.ORG_MODIFIERS
                   for k, w in enumerate(ws)):
                return self._cand(i + s, i + e, "organization", "acronym")
        if len(ws) < 2:
            return None
        heads = [k for k, w in enumerate(ws) if (w in lx.ORG_HEADS and k > 0 or
                 w in lx.ORG_HEADS and k + 1 < len(ws) and ws[k + 1] in ("of", "for"))
                 and (w not in ("soviet", "soviets") or k > 0 and ws[k - 1] in _SOVIET_BEFORE)]
        if not heads:
            return None
        last_head = heads[-1]
        if last_head == len(ws) - 1 or ws[last_head + 1] in ("of", "for"):
            # a place phrase with a head word ("People's Republic of China") is a place, not an organization
            if _phrase(ws) in _PLACE_PHRASES:
                return None
            if ws[-1] in lx.PLACE_HEADS:
                return None
            return self._cand(i + s, i + e, "organization", "org-head")
        return None

    def _person_cue(self, i: int, a: int, b: int, cues: set[str], plural: bool) -> str | None:
        toks = self.toks
        core = toks[a:b + 1]
        name_toks = [t for t in core if not t.initial]
        first, last = core[0], core[-1]
        if "title" in cues or self._title_before(a):
            return "title"
        if self.text[first.start - 1:first.start] == "(" and self.text[last.end:last.end + 1] == ")" and \
                any(w in lx.TITLES for w in self._prev_words_any(i, 8)):
            return "title"  # "The Ambassador in the Soviet Union (Kirk)"
        if self.text[first.start - 2:first.start] == ", " and len(name_toks) <= 3 and not self.caps_mode:
            after = _COMMA_WORD_RE.match(self.text[last.end + len(last.footnote):last.end + 30])
            if after and after.group(1) not in ("and", "or", "nor", "as", "etc", "where", "which", "there", "near", "in") and \
                    any(w in lx.TITLES and w not in lx.WEAK_TITLES for w in self._prev_words_any(i, 6)):
                return "title"  # "the GDR ambassador to China, Bierbach, assesses"
        if any(t.initial for t in core) and name_toks:
            return "initials"
        if self.in_list(first.start):
            return "honorific-list"
        if first.line in self.participant_lines and not self._after_colon_prose(first):
            return "participants"
        # speaker label: "MAO ZEDONG. ...", "F. Castro:", "Gorbachev:" at the start of a line
        after = self.text[last.end + len(last.footnote):last.end + len(last.footnote) + 2]
        if (after[:1] == ":" or after[:1] == "." and after[1:2] in (" ", "\n", "")) and \
                _BULLET_RE.match(self.line_prefix(toks[i])) and len(name_toks) <= 4:
            said = self.text[last.end + 1:last.end + 80].lstrip(" \t")
            starts_statement = not said or not said[0].islower()  # "Spravka: an invented note" is a heading
            form_label = len(core) == 1 and core[0].low in lx.FIELD_LABELS  # "Level: Top Secret"
            if starts_statement and not form_label and (after[:1] == ":" or all(t.caps or t.initial for t in core)
                                                        and not self.caps_mode):
                return "speaker"
        if len(name_toks) >= 2 and name_toks[0].low in lx.GIVEN_NAMES:
            return "given-name"
        if 2 <= len(name_toks) <= 3 and name_toks[0].low in lx.ASIAN_SURNAMES:
            return "name-order"
        nxt = self._next_word(b)
        if nxt in lx.SPEECH_VERBS:
            return "speech-verb"
        if self.text[last.end:last.end + 2] == "'s" or self.text[last.end:last.end + 2] == "’s":
            if last.low.endswith(lx.PERSON_SUFFIXES):
                return "name-ending"
        # "Andropov, Iu.V." (family name, initials) in attendance lists
        if _COMMA_INITIALS_RE.match(self.text, last.end, last.end + 10):
            return "initials"
        prev = self._prev_words(a, 2)
        if prev and prev[-1] in ("to", "from", "with", "by") and len(prev) > 1 and prev[-2] in lx.TO_PERSON:
            return "addressee"
        if len(prev) > 1 and prev[-1] == "by" and prev[-2].endswith("ed") and len(prev[-2]) > 4 \
                and len(name_toks) <= 3 and not self.caps_mode:
            return "addressee"  # "raised by Cheito", "checked by Piecuch": who did it
        if len(prev) > 1 and prev[-1] == "on" and prev[-2] in ("called", "call", "calls", "calling"):
            return "addressee"  # "I called on Bajpai"
        if prev == ["from"] and re.fullmatch(r"[\s\d.]*[Ff]rom ", self.line_prefix(first)) \
                and self.text[last.end:last.end + 1] == "." and len(name_toks) <= 3:
            return "addressee"  # a cable's opening "331. From Murphy." names who sends it
        if _MC_RE.match(last.text):
            return "name-shape"
        if prev and prev[-1] in ("with", "by") and len(name_toks) == 1 and \
                last.low.endswith(lx.PERSON_SUFFIXES):
            return "name-ending"
        if len(last.low) >= 5 and last.low.endswith(lx.PERSON_SUFFIXES) and last.low not in lx.PLACES:
            return "name-ending"
        return None

    def _title_before(self, a: int) -> bool:
        """ "Deputy Secretary of State Whitehead", "Foreign Minister Fischer": a title among the capitalized
        words (and "of", "the") right before the name on the same line."""
        k = a - 1
        n = 0
        while k >= 0 and n < 5:
            t, nxt = self.toks[k], self.toks[k + 1]
            gap = self.text[t.end:nxt.start]
            if self.caps_mode and gap == "\n":
                pass  # a cable's lines are cut anywhere: "CHANCELLOR\nSCHMIDT"
            elif t.line != nxt.line or gap not in (" ", ". ", ".", "\u00a0", "] ", ".] "):  # "[Minister M.R.] Desai"
                return False
            if self.caps_mode:  # only titles right before the name, and not "GENERAL PROGRESS"
                if t.low in lx.TITLES or t.low in lx.HONORIFICS:
                    if t.low not in lx.WEAK_TITLES:
                        return True
                elif t.low not in ("of", "the"):
                    return False
                k -= 1
                n += 1
                continue
            if t.low in lx.TITLES or t.low in lx.HONORIFICS:
                return True
            if not (t.cap or t.low in ("of", "the", "for")):
                return False
            k -= 1
            n += 1
        return False

    def _after_colon_prose(self, t: Tok) -> bool:
        """A participant line is a list, not prose: a long sentence on it is not."""
        ln = self.lines[t.line]
        return len(ln) > 400

    def _place_cue(self, a: int) -> str | None:
        prev = self._prev_words(a, 3)
        if not prev:
            return None
        p = prev[-1]
        if p == "the" and len(prev) >= 2:
            p = prev[-2]
            prev = prev[:-1]
        if p in lx.PLACE_PREPS:
            return "place-preposition"
        if p in ("to", "from") and len(prev) >= 2 and prev[-2] in lx.MOTION_TO:
            return "place-preposition"
        if p == "to" and len(prev) >= 3 and prev[-3] == "from" and self._place_word(a):
            return "place-preposition"  # "from Kalvino to Drasnik"
        if p == "from" and len(prev) >= 2 and prev[-2] in _FROM_PLACE:
            return "place-preposition"  # "reported from X" (but "reported to X" may be a person)
        return None

    def _place_word(self, a: int) -> bool:
        """The word two before ``a`` ("from X to <a>") was read as a place: known, or a place ending, or after
        a motion word."""
        if a < 2:
            return False
        t = self.toks[a - 2]
        if t.low in lx.PLACES or t.low.endswith(lx.PLACE_SUFFIXES):
            return True
        before = self._prev_words(a - 2, 2)
        return len(before) == 2 and before[-1] == "from" and before[-2] in lx.MOTION_TO

    def _prev_words(self, a: int, n: int) -> list[str]:
        out = []
        k = a - 1
        line = self.toks[a].line
        while k >= 0 and len(out) < n and self.toks[k].line == line:
            out.insert(0, self.toks[k].low)
            k -= 1
        # the words must be adjacent (no punctuation between them and the name)
        if out:
            gap = self.text[self.toks[a - 1].end:self.toks[a].start]
            if gap.strip():
                return []
        return out

    def _prev_words_any(self, a: int, n: int) -> list[str]:
        """Up to ``n`` words before token ``a`` on its line, whatever lies between them."""
        line = self.toks[a].line
        return [t.low for t in self.toks[max(0, a - n):a] if t.line == line]

    def _next_word(self, b: int) -> str | None:
        if b + 1 >= len(self.toks):
            return None
        k = b + 1
        gap = self.text[self.toks[b].end + len(self.toks[b].footnote):self.toks[k].start]
        if gap.strip() == "[":  # "Nakasone [Yasuhiro] invited": skip an editor's insertion
            close = self.text.find("]", self.toks[b].end)
            while k < len(self.toks) and self.toks[k].start < close:
                k += 1
            if k >= len(self.toks) or close < 0:
                return None
            gap = self.text[close + 1:self.toks[k].start]
            return self.toks[k].low if gap.strip(" ,") == "" and "\n" not in gap else None
        t = self.toks[k]
        if gap.strip(" ,") or "\n" in gap:
            return None
        return t.low

    def _cand(self, a: int, b: int, kind: str, cue: str) -> Candidate:
        s, e = self.toks[a].start, self.toks[b].end
        if self.toks[b].initial:
            e += 1  # "Kosygin A. N." keeps the dot of its last initial
        notes = [t.footnote for t in self.toks[a:b + 1] if t.footnote]
        note = f"footnote digits {', '.join(notes)} glued to the name left out" if notes else ""
        return Candidate(s, e, kind, self.text[s:e], cue, note)

    def _before_title(self, b: int) -> bool:
        """ "Political Counselor Greenwald": the word qualifies the title after it."""
        nxt = self.toks[b + 1] if b + 1 < len(self.toks) else None
        return nxt is not None and nxt.low in lx.TITLES and self.text[self.toks[b].end:nxt.start] == " "

    def _listed_with_person(self, first: Tok, last: Tok, starts: set[int], ends: set[int]) -> bool:
        """ "Josef Smrkovský, Kriegel, and Josef Špaček": a lone word in a list next to a person's name (``starts``
        and ``ends``: of the persons' names; a coordination is a few characters long, so only the names that end
        or start that close are looked at)."""
        for e in range(first.start - _COORDINATION_MAX, first.start + 1):
            if e in ends and _coordination(self.text[e:first.start]):
                return True
        for s in range(last.end, last.end + _COORDINATION_MAX + 1):
            if s in starts and _coordination(self.text[last.end:s]):
                return True
        return False

    def _second_pass(self, found: list[Candidate], pending: list[tuple[int, int]]) -> list[Candidate]:
        """A lone word gets the kind a longer name with that word had in the same text."""
        kinds: dict[str, str] = {}
        for c in found:
            ws = [fold(w) for w in WORD_RE.findall(c.text)]
            ws = [w for w in ws if len(w) > 2 or c.kind != "person"]
            if c.kind == "person":
                for w in ws:
                    if w not in lx.TITLES and w not in lx.HONORIFICS:
                        kinds.setdefault(w, "person")
            elif c.kind == "place" and len(ws) == 1:
                kinds.setdefault(ws[0], "place")
        out = list(found)
        persons = [(c.start, c.end) for c in found if c.kind == "person"] + self.known_persons
        starts, ends = {s for s, _ in persons}, {e for _, e in persons}
        left = list(pending)
        for _round in range(4):  # "Jan Piller, Bil'ak, Indra": each listed word makes the next one listed
            rest = []
            for a, b in left:
                t = self.toks[a]
                k = kinds.get(t.low)
                if k:
                    out.append(self._cand(a, b, k, "same-text"))
                elif self._listed_with_person(t, self.toks[b], starts, ends) and not self._before_title(b):
                    out.append(self._cand(a, b, "person", "listed-with"))
                    starts.add(t.start)
                    ends.add(self.toks[b].end)
                else:
                    rest.append((a, b))
            if len(rest) == len(left):
                break
            left = rest
        out = self._split_run_together(out)
        out.sort(key=lambda c: (c.start, -c.end))
        return out

    def _split_run_together(self, found: list[Candidate]) -> list[Candidate]:
        """ "In his conversation with Tsedenbal Ulanfu announced ...", "comrades Tsedenbal Ulanfu and ...": two
        family names side by side (a lost comma) are two persons when each is named alone as a person elsewhere
        in the same text; a given name first ("Fidel Castro") or an Asian family name first is one person."""
        alone: set[str] = set()
        for c in found:
            ws = WORD_RE.findall(c.text)
            if c.kind == "person" and len(ws) == 1:
                alone.add(fold(ws[0]))
        if len(alone) < 2:
            return found
        starts = [t.start for t in self.toks]
        out: list[Candidate] = []
        for c in found:
            first = bisect_left(starts, c.start)  # the tokens inside the name (they are in text order)
            toks = []
            for k in range(first, len(self.toks)):
                t = self.toks[k]
                if t.start >= c.end:
                    break
                if t.end <= c.end:
                    toks.append(t)
            if c.kind == "person" and len(toks) == 2 and not any(t.initial for t in toks) \
                    and toks[0].low != toks[1].low and all(t.low in alone for t in toks) \
                    and toks[0].low not in lx.GIVEN_NAMES and toks[0].low not in lx.ASIAN_SURNAMES:
                a = first
                out.append(self._cand(a, a, "person", "run-together"))
                out.append(self._cand(a + 1, a + 1, "person", "run-together"))
                continue
            out.append(c)
        return out


_CAPS_ORG_WORDS = lx.ORG_HEADS | lx.ORG_MODIFIERS | frozenset({
    "foreign", "affairs", "ministers", "commissars", "affair", "intelligence", "information", "communications",
    "atomic", "energy", "commerce", "industry", "war", "naval", "air", "armed", "navy", "party", "people's",
    "peoples", "ministry", "staff", "operations", "propaganda", "relations", "development", "transport"})
_FROM_PLACE = frozenset({"reported", "reports", "cabled", "telegraphed", "wrote", "writes", "broadcast",
                         "departed", "departs", "evacuated", "withdrawn", "expelled", "recalled"})
_LOWER_HEADS = frozenset({"embassy", "government", "army", "navy", "ministry", "consulate", "legation",
                          "mission", "parliament", "cabinet", "party"})
_HYPHEN_CHAIN_RE = re.compile(r"(?<![\w\-’'])[A-Z][a-z\u00e0-\u024f]{2,}(?:-[A-Z][a-z\u00e0-\u024f]{2,})+(?![\w\-])")
_MEETING_WORDS = frozenset({"talks", "meeting", "meetings", "summit", "summits", "negotiations", "correspondence",
                            "conversation", "conversations", "exchange", "exchanges", "letters", "channel",
                            "agreement", "accord", "pact", "treaty", "understanding", "deal", "plan", "line",
                            "relationship", "encounter", "visit", "discussions", "dialogue"})
_COMMON_ENDINGS = ("ing", "ed", "ness", "ment", "tion", "sion", "ity", "ance", "ence", "ism", "ogy", "ies")
_PARTICIPLES = frozenset({"given", "taken", "held", "made", "seen", "written", "sent", "shown", "known", "done",
                          "brought", "found", "told", "kept", "met", "said", "led", "won", "lost", "begun"})
_MINOR_WORDS = frozenset({"a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of",
                          "on", "or", "the", "to", "with", "vs", "via", "de", "la", "du", "der", "von", "van"})


def _headline_lines(toks: list[Tok]) -> set[int]:
    """Lines in title case: at least four words, and all their words but minor ones capitalized (not capitals)."""
    by_line: dict[int, list[Tok]] = {}
    for t in toks:
        by_line.setdefault(t.line, []).append(t)
    out = set()
    for line, ts in by_line.items():
        words = [t for t in ts if t.low not in _MINOR_WORDS and not t.initial and len(t.text) > 1]
        if len(words) >= 4 and not all(t.caps for t in words) and \
                sum(1 for t in words if t.cap or t.caps) >= 0.9 * len(words):
            out.add(line)
    return out


_COORDINATIONS = (", ", ",", " and ", ", and ", "; ")
_COORDINATION_MAX = max(map(len, _COORDINATIONS))


class SpanIndex:
    """Spans ``(start, end)`` kept sorted: which overlap a span, or lie within one, looked up by position rather
    than by a scan over all of them (a long page has thousands of names)."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self.spans = sorted(spans)
        self.longest = max((b - a for a, b in self.spans), default=0)

    def add(self, span: tuple[int, int]) -> None:
        insort(self.spans, span)
        self.longest = max(self.longest, span[1] - span[0])

    def overlapping(self, s: int, e: int) -> list[tuple[int, int]]:
        spans = self.spans
        out = []
        for k in range(bisect_left(spans, (s - self.longest, s - self.longest)), len(spans)):
            a, b = spans[k]
            if a >= e:
                break
            if b > s:
                out.append((a, b))
        return out

    def hits(self, s: int, e: int) -> bool:
        """``[s, e)`` overlaps one of the spans."""
        spans = self.spans
        for k in range(bisect_left(spans, (s - self.longest, s - self.longest)), len(spans)):
            a, b = spans[k]
            if a >= e:
                return False
            if b > s:
                return True
        return False

    def free(self, s: int, e: int) -> bool:
        return not self.hits(s, e)

    def any_within(self, s: int, e: int) -> bool:
        """A span ``s <= a, b <= e`` is taken."""
        spans = self.spans
        for k in range(bisect_left(spans, (s, -1)), len(spans)):
            a, b = spans[k]
            if a > e:
                break
            if b <= e:
                return True
        return False


def _join_hyphenated_places(parts: list[str], lows: list[str]) -> tuple[list[str], list[str]]:
    """The parts of a route ("Beijing-Ulan-Bator-Moscow") with the known places written with a hyphen joined
    again, the longest first."""
    out_parts: list[str] = []
    out_lows: list[str] = []
    k = 0
    while k < len(parts):
        for n in range(len(parts) - k, 1, -1):
            if "-".join(lows[k:k + n]) in lx.PLACES:
                out_parts.append("-".join(parts[k:k + n]))
                out_lows.append("-".join(lows[k:k + n]))
                k += n
                break
        else:
            out_parts.append(parts[k])
            out_lows.append(lows[k])
            k += 1
    return out_parts, out_lows


def _coordination(gap: str) -> bool:
    return gap in _COORDINATIONS


def recognize_text(text: str, known_persons: list[tuple[int, int]] = ()) -> list[Candidate]:  # type: ignore[assignment]
    """Names recognized in ``text`` (spans into it), left to right, without overlaps. ``known_persons``: spans of
    persons found otherwise (the authorities' gazetteer), which make the words listed with them persons too
    ("Gromyko and Kumikin")."""
    if not text or len(text) > _MAX_TEXT:
        return []
    cands = _Doc(text, known_persons).run()
    out: list[Candidate] = []
    end = -1
    for c in cands:
        if c.start >= end and c.end > c.start:
            out.append(c)
            end = c.end
    return out
