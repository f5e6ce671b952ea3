"""The text a recognizer reads: its words, lines, lists and headings, and what lies around a word."""

from __future__ import annotations

import re

from kg.recognize.spans import Candidate, SpanIndex
from kg.recognize.tokens import Tok, honorific_lists, mostly_capitals, participant_lines, tokenize
from kg.recognize.words import _CAP_WORD, _PLACE_LIST_RE, _headline_lines


class DocBase:
    """A text read once: tokens, lines, participant lines, lists after an honorific, headings."""

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
        self._prose: dict[int, bool] = {}  # line -> is prose (asked for a few lines only)

    def in_list(self, pos: int) -> bool:
        return self._in_lists(pos, pos + 1)

    def line_prefix(self, t: Tok) -> str:
        ls = self.text.rfind("\n", 0, t.start) + 1
        return self.text[ls:t.start]

    def _sentence_start(self, t: Tok) -> bool:
        # a window before the word, not the whole text before it (a long page asks this of thousands of words)
        w = max(0, t.start - 64)
        before = self.text[w:t.start].rstrip(" \t\"'“‘([")
        if not before and w:
            before = self.text[:t.start].rstrip(" \t\"'“‘([")
        return not before or before[-1] in ".!?:;\n"

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
