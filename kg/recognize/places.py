"""Places: known place phrases inside a run, "in X" and other place cues, routes and hyphenated pairs of names."""

from __future__ import annotations

import re

from kg.recognize import lexicon as lx
from kg.recognize.context import DocBase
from kg.recognize.spans import Candidate
from kg.recognize.tokens import fold
from kg.recognize.words import _PHRASE_MAX, _PLACE_PHRASES, _is_title, _phrase

_FROM_PLACE = frozenset({"reported", "reports", "cabled", "telegraphed", "wrote", "writes", "broadcast",
                         "departed", "departs", "evacuated", "withdrawn", "expelled", "recalled"})
_HYPHEN_CHAIN_RE = re.compile(r"(?<![\w\-’'])[A-Z][a-z\u00e0-\u024f]{2,}(?:-[A-Z][a-z\u00e0-\u024f]{2,})+(?![\w\-])")
_MEETING_WORDS = frozenset({"talks", "meeting", "meetings", "summit", "summits", "negotiations", "correspondence",
                            "conversation", "conversations", "exchange", "exchanges", "letters", "channel",
                            "agreement", "accord", "pact", "treaty", "understanding", "deal", "plan", "line",
                            "relationship", "encounter", "visit", "discussions", "dialogue"})


class PlaceRules(DocBase):
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

    def _in_phrase(self, i: int, j: int, k: int) -> bool:
        words = [t.low for t in self.toks[i:j + 1]]
        rel = k - i
        for L in range(min(_PHRASE_MAX, len(words)), 1, -1):
            for s in range(max(0, rel - L + 1), min(rel, len(words) - L) + 1):
                if _phrase(words[s:s + L]) in _PLACE_PHRASES:
                    return True
        return False

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
