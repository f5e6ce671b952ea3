"""Persons: the cues around a name (titles, initials, lists, speaker labels, verbs of speech), and the second
pass that gives a lone word the kind it had elsewhere in the same text."""

from __future__ import annotations

import re
from bisect import bisect_left

from kg.recognize import lexicon as lx
from kg.recognize.context import DocBase
from kg.recognize.spans import Candidate
from kg.recognize.tokens import WORD_RE, Tok, fold
from kg.recognize.words import _is_common, _is_title, _latin

_BULLET_RE = re.compile(r"^[ \t]*(?:[•·\-–—*]|\(?\d{1,2}[.)])?[ \t]*$")
_COMMA_WORD_RE = re.compile(r",\s+([a-z]+)")
_COMMA_INITIALS_RE = re.compile(r",\s*[A-Z][a-z]?\.\s?(?:[A-Z][a-z]?\.)?")
_MC_RE = re.compile(r"^(?:Mc|Mac|O['’])[A-Z][a-z]")  # "McGhee", "MacArthur", "O'Neill"
_COORDINATIONS = (", ", ",", " and ", ", and ", "; ")
_COORDINATION_MAX = max(map(len, _COORDINATIONS))

_NOUN_ENDINGS = ("ogy", "ity", "tion", "sion", "ism", "ness", "ment", "ance", "ence", "ship", "ics")
_GERMAN = frozenset({"der", "die", "das", "und", "nicht", "mit", "sich", "ist", "auf", "dem", "den", "des", "ein", "eine",
                     "zu", "von", "daß", "dass", "wurde", "habe", "werden", "auch", "für", "über"})
_MINOR = frozenset({"a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on", "or",
                    "the", "to", "with", "against"})
_LOWER_WORD_RE = re.compile(r"(?<![\w’'])[a-z]{3,}(?![\w’'])")
_PLACE_OR_PERSON_BEFORE = lx.PLACE_PREPS | frozenset({"to", "from", "of", "between", "and"})


class PersonRules(DocBase):
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
            elif t.line != nxt.line or gap not in (" ", ". ", ".", "\u00a0", "] ", ".] ", " [") \
                    or gap == " [" and t.low not in lx.TITLES and t.low not in lx.HONORIFICS:
                # "[Minister M.R.] Desai", "President [Sarvepalli] Radhakrishnan" (not "Tanaka [Kakuei]")
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

    def _before_title(self, b: int) -> bool:
        """ "Political Counselor Greenwald": the word qualifies the title after it."""
        nxt = self.toks[b + 1] if b + 1 < len(self.toks) else None
        return nxt is not None and nxt.low in lx.TITLES and self.text[self.toks[b].end:nxt.start] == " "

    def _listed_with_person(self, first: Tok, last: Tok, starts: set[int], ends: set[int]) -> bool:
        """ "Josef Smrkovský, Kriegel, and Josef Špaček": a lone word in a list next to a person's name (``starts``
        and ``ends``: of the persons' names; a coordination is a few characters long, so only the names that end
        or start that close are looked at). A word before "of the" names an office ("Soliman, Assistant of the
        President"), not a person."""
        if self.text.startswith(" of the ", last.end):
            return False
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
        left = self._listed_rounds(list(pending), kinds, out, starts, ends)
        if left:  # lone words no cue explains: recurring names, lists of names
            lone = self._lone_names(left, found)
            if lone:
                hit = {c.start for c in lone}
                out.extend(lone)
                for c in lone:
                    if c.kind == "person":
                        starts.add(c.start)
                        ends.add(c.end)
                self._listed_rounds([(a, b) for a, b in left if self.toks[a].start not in hit], {}, out, starts, ends)
        out = self._split_run_together(out)
        out.sort(key=lambda c: (c.start, -c.end))
        return out

    def _listed_rounds(self, left: list[tuple[int, int]], kinds: dict[str, str], out: list[Candidate],
                       starts: set[int], ends: set[int]) -> list[tuple[int, int]]:
        """Give lone words the kind they have elsewhere (``kinds``) or make them persons when listed next to a
        person; returns the words left."""
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
                return rest
            left = rest
        return left

    def _lone_names(self, left: list[tuple[int, int]], found: list[Candidate]) -> list[Candidate]:
        """Lone capitalized words with no cue: a word named again mid-sentence elsewhere in the text and never
        written in lower case is a person ("met Mobutu ... told Mobutu"); three such words and more in one list
        ("Kasavubu, Mobutu and Tshombe") are persons, or places when the list goes on from a place. Not in a text
        in German, which capitalizes its nouns."""
        out: list[Candidate] = []
        ok = [(a, b) for a, b in left if a == b and self._lone_namelike(a)]
        if not ok:
            return out
        words = {self.toks[a].low for a, _ in ok}
        seen: dict[str, list[Tok]] = {}  # the capitalized occurrences of those words
        for t in self.toks:
            if t.low in words and t.cap:
                seen.setdefault(t.low, []).append(t)
        mid: dict[str, int] = {}  # occurrences inside a sentence of prose
        for w, ts in seen.items():
            if any(self.text[max(0, t.start - 4):t.start].lower() == "the " for t in ts):
                continue  # "the Slovaks": a name of a person is not written after "the"
            mid[w] = sum(1 for t in ts if not t.caps and self._prose_line(t.line) and not self._sentence_start(t))
        # lists: words joined by ", " / " and " one after the other
        place_ends = {c.end for c in found if c.kind == "place"}
        chains: list[list[tuple[int, int]]] = []
        for a, b in ok:
            t = self.toks[a]
            if chains and _coordination(self.text[self.toks[chains[-1][-1][1]].end:t.start]):
                chains[-1].append((a, b))
            else:
                chains.append([(a, b)])
        listed: dict[int, str] = {}
        for ch in chains:
            start = self.toks[ch[0][0]].start
            after_place = any(e in place_ends and _coordination(self.text[e:start])
                              for e in range(start - _COORDINATION_MAX, start))
            if after_place and len(ch) >= 2:  # ("Harbin, Kovrat, where": one word after a place, no guess)
                for a, _b in ch:
                    listed[a] = "place"
            elif len(ch) >= 3 and not (set(self._prev_words(ch[0][0], 1)) & _PLACE_OR_PERSON_BEFORE):
                for a, _b in ch:  # (after "in", "to", "from" a list may be one of places: no guess)
                    listed[a] = "person"
        for a, b in ok:
            t = self.toks[a]
            if a in listed:
                out.append(self._cand(a, b, listed[a], "name-list" if listed[a] == "person" else "place-list"))
            elif mid.get(t.low, 0) >= 2:
                out.append(self._cand(a, b, "person", "recurring"))
        if out and not self._english():
            return []
        return out

    def _lone_namelike(self, a: int) -> bool:
        t = self.toks[a]
        w = t.low
        if w.endswith(_NOUN_ENDINGS):
            return False  # "Technology", "Solidarity": words of a subject, not names
        for n in (a - 1, a + 1):  # "the Soviet Zone": a word of a longer capitalized phrase
            if 0 <= n < len(self.toks) and self.toks[n].cap and self.toks[n].line == t.line \
                    and self.text[min(t.end, self.toks[n].end):max(t.start, self.toks[n].start)] == " ":
                return False
        if w.endswith("s") and (w[:-1] in lx.DEMONYMS or w[:-1] in lx.PLACES):
            return False  # "the Slovaks", "the Czechs": a people
        return (t.cap and not t.caps and len(w) >= 4 and w not in self.lower_words and w not in lx.PLACES
                and w not in lx.GIVEN_NAMES and not _is_common(w) and not _is_title(w) and w not in lx.ORG_HEADS
                and w not in lx.PLACE_HEADS and w not in lx.FIELD_LABELS and w.isalpha() and _latin(t.text)
                and t.line not in self.participant_lines)

    def _english(self) -> bool:
        lows = [t.low for t in self.toks[:3000] if not t.cap]
        if len(lows) < 8:
            return True
        return sum(1 for w in lows if w in _GERMAN) < 0.05 * len(lows)

    def _prose_line(self, no: int) -> bool:
        """A line with at least three lower-case words other than articles and prepositions (not a heading)."""
        got = self._prose.get(no)
        if got is None:
            line = self.lines[no] if no < len(self.lines) else ""
            n = sum(1 for w in _LOWER_WORD_RE.findall(line) if w not in _MINOR)
            got = self._prose[no] = n >= 3 and no not in self.headline_lines
        return got

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


def _coordination(gap: str) -> bool:
    return gap in _COORDINATIONS
