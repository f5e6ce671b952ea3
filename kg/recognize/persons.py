"""Persons: the cues around a name (titles, initials, lists, speaker labels, verbs of speech), and the second
pass that gives a lone word the kind it had elsewhere in the same text."""

from __future__ import annotations

import re
from bisect import bisect_left

from kg.recognize import lexicon as lx
from kg.recognize.context import DocBase
from kg.recognize.spans import Candidate
from kg.recognize.tokens import WORD_RE, Tok, fold

_BULLET_RE = re.compile(r"^[ \t]*(?:[•·\-–—*]|\(?\d{1,2}[.)])?[ \t]*$")
_COMMA_WORD_RE = re.compile(r",\s+([a-z]+)")
_COMMA_INITIALS_RE = re.compile(r",\s*[A-Z][a-z]?\.\s?(?:[A-Z][a-z]?\.)?")
_MC_RE = re.compile(r"^(?:Mc|Mac|O['’])[A-Z][a-z]")  # "McGhee", "MacArthur", "O'Neill"
_COORDINATIONS = (", ", ",", " and ", ", and ", "; ")
_COORDINATION_MAX = max(map(len, _COORDINATIONS))


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


def _coordination(gap: str) -> bool:
    return gap in _COORDINATIONS
