"""Rule-based recognition of person, place and organization names in running text.

The text is cut into *chunks*: runs of capitalized words and initials on one line ("A. A. Gromyko",
"Kim Il Sung", "Ministry of Foreign Affairs"). Each chunk is classified by what is inside it (titles, initials,
given names, head words such as *Committee* or *River*, known acronyms and places, name endings) and by what is
around it (a participant list, a speaker label, "in X", "X said", a list after "Cdes."). A second pass gives a
lone word the kind it had elsewhere in the same text ("Comrade Tsedenbal" ... "Tsedenbal").

Nothing here knows the authority files: the result is a list of :class:`Candidate` spans with a kind and the cue
that decided it; :mod:`kg.recognize` resolves them.

The rules are split by concern: :mod:`kg.recognize.context` (the text and what lies around a word),
:mod:`kg.recognize.persons`, :mod:`kg.recognize.places`, :mod:`kg.recognize.orgs` (the cues of each kind),
:mod:`kg.recognize.words` (word predicates) and :mod:`kg.recognize.spans`; this module cuts the text into chunks
and classifies each.
"""

from __future__ import annotations

import re

from kg.recognize import lexicon as lx
from kg.recognize.orgs import OrgRules
from kg.recognize.persons import PersonRules
from kg.recognize.places import PlaceRules
from kg.recognize.spans import Candidate, SpanIndex
from kg.recognize.tokens import Tok, chunks
from kg.recognize.words import (
    _COMMON_ENDINGS,
    _PARTICIPLES,
    _PLACE_PHRASES,
    _is_common,
    _is_title,
    _latin,
    _namelike,
    _phrase,
)

__all__ = ["Candidate", "SpanIndex", "recognize_text"]

_SINGLE_ORGS = frozenset({"politburo", "presidium", "comintern", "cominform", "sovnarkom", "gosplan", "tass",
                          "secretariat", "stavka", "bundestag", "volkskammer", "knesset", "sejm", "xinhua"})
_MAX_TEXT = 2_000_000
_DOTTED_RE = re.compile(r"(?<![\w.])((?:[A-Z]\.){2,5})(?![\w])")
_VERB_ENDINGS = ("ing", "ed", "ly", "ness", "ment", "tion", "ally")
_GLUE = ("and", "the", "of", "in", "to", "with", "from", "was", "is")
_THE_ORGS = frozenset({"embassy", "ministry", "department", "legation", "consulate", "secretariat", "presidium"})
_PARALLEL_RE = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)\s+[Pp]arallel\b")


class _Doc(PersonRules, PlaceRules, OrgRules):
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
            # "Federal Executive Council Kiro Gligorov", "of the Republic Ali Sabri": an organization's (or the
            # state's) head word ends its name; the two or three plain words after it, up to the chunk's end, are a name
            head_then_name = (k > a and (prev.low in lx.ORG_HEADS or prev.low == "republic") and not prev.caps
                              and 2 <= j - k + 1 <= 3 and all(self._plain_name_word(toks[x]) for x in range(k, j + 1)))
            family_lord = w == "lord" and k == j and _namelike(prev) and not prev.caps  # "Winston Lord"
            if (w in lx.HONORIFICS and not family_lord) or title_after_other or acronym_then_name \
                    or place_then_initials or org_then_person or head_then_name:
                parts.append((a, k - 1))
                a = k
        parts.append((a, j))
        return parts

    def _plain_name_word(self, t: Tok) -> bool:
        return (t.cap and not t.caps and not t.initial and _namelike(t) and t.low not in lx.ORG_MODIFIERS
                and t.low not in lx.PLACES and t.low not in lx.DEMONYMS and t.low not in self.lower_words)

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
        if 2 <= len(core) <= 3 and core[0].caps and core[0].low in lx.ASIAN_SURNAMES and not self.caps_mode \
                and all(t.cap and not t.caps and not t.initial and _namelike(t) for t in core[1:]):
            return [self._cand(a, b, "person", "name-order")]  # "CHEN Zhengzhong": the family name in capitals
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
        if any(_compound_adjective(t.low) for t in name_toks):
            return None  # "Sino-Mongolian Cooperation": a subject, not a person
        if core[0].low in lx.PLACES:
            if len(core) >= 3 and not core[0].caps:  # "Ambassador of DPRK to Bulgaria Ha Dong-yun": the place, a name
                return [self._cand(a, a, "place", "place-list"), self._cand(a + 1, b, "person", "after-place")]
            return None  # "Prague Spring": an event named after a place, not a person
        return [self._cand(a, b, "person", "name-shape")]


_COMPOUND_PREFIXES = frozenset({"sino", "indo", "afro", "anglo", "franco", "russo", "euro", "soviet", "pan", "inter",
                                "trans", "anti", "pro", "post", "pre", "non"})


def _compound_adjective(w: str) -> bool:
    """"Sino-Mongolian", "Soviet-Chinese", "Anti-Party": a hyphened adjective of peoples or a prefix."""
    if "-" not in w:
        return False
    parts = w.split("-")
    return parts[0] in _COMPOUND_PREFIXES or all(p in lx.DEMONYMS for p in parts)


_NAME_NEXT_RE = re.compile(r"[ \t]?[A-Z][^\W\d_]")


def _bracketed_name_part(text: str, c: Candidate) -> bool:
    """ "Minister [Józef] Czyrek", "Comrade [Liu] Shaoqi": one word in brackets right before a capitalized word is a
    part of that name the editor supplied, not a person of its own ("He [Zvetkov]", "Filippov [Stalin]", after a
    word, say who is meant: they stay)."""
    if text[c.start - 1:c.start] != "[" or text[c.end:c.end + 1] != "]" or " " in c.text:
        return False
    return bool(_NAME_NEXT_RE.match(text, c.end + 1))


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
        if c.kind == "person" and _bracketed_name_part(text, c):
            continue
        if c.start >= end and c.end > c.start:
            out.append(c)
            end = c.end
    return out
