"""Words of a text with their offsets, the runs of capitalized words ("chunks") the recognizer classifies, and the
parts of a text that are lists of persons (participant lines, names after "Cdes.")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.recognize import lexicon as lx


@dataclass(slots=True)
class Tok:
    start: int
    end: int
    text: str
    low: str
    initial: bool  # "A." / "Iu." (with the dot right after)
    cap: bool
    caps: bool  # ALL CAPS, two letters or more
    line: int
    footnote: str = ""  # footnote digits the scraper glued to the word ("JELEN1"): left out of the word


WORD_RE = re.compile(r"[^\W\d_](?:[\w’'\-]*[^\W_])?(?:\(b\))?")
_FOOTNOTE_RE = re.compile(r"^(.*[^\W\d_][^\W\d_][^\W\d_])(\d{1,2})$")  # "JELEN1", "Krestov12"
_PARTICLES = frozenset({"de", "van", "von", "der", "da", "dos", "del", "di", "du", "bin", "ibn", "y"})
_CONNECT_AFTER = lx.ORG_HEADS | lx.PLACE_HEADS | frozenset({"ministers", "workers", "affairs", "bay", "people", "horn", "strait",
                                                         "straits"})
_COLLECTIVES = frozenset({"people", "peoples", "worker", "workers", "peasant", "peasants", "women", "youth",
                          "children", "soldiers", "citizens", "nation", "nations"})


_LETTERS_RE = re.compile(r"[^\W\d_]{2,}")


@lru_cache(maxsize=4)
def mostly_capitals(text: str) -> bool:
    """A text written in capitals (a cable: "HONECKER ACCEPTED SCHMIDT'S PROPOSAL"), where capitals tell no name
    from other words."""
    words = _LETTERS_RE.findall(text[:20000])
    return len(words) >= 20 and sum(map(str.isupper, words)) > 0.6 * len(words)


def fold(s: str) -> str:
    return s.lower().replace("’", "'")


_ARABIC_ARTICLE_RE = re.compile(r"^(?:al|el|ad|ash|as|an|ar|at|az|ud|ed|ul)-[A-Z\u1e0c-\u1e93]")


def tokenize(text: str) -> list[Tok]:
    out: list[Tok] = []
    append = out.append
    line = 0
    last = 0
    count = text.count
    common = lx.COMMON
    arabic = _ARABIC_ARTICLE_RE.match
    for m in WORD_RE.finditer(text):
        start = m.start()
        line += count("\n", last, start)
        last = start
        w = m.group()
        end = m.end()
        note = ""
        if w[-1].isdigit() and w[0].isupper():
            fn = _FOOTNOTE_RE.match(w)
            if fn:
                w, note = fn.group(1), fn.group(2)
                end -= len(note)
        if len(w) > 2 and w[-2] in "'’" and w[-1] in "sS":  # "Kim's", "WELL'S"
            w, end = w[:-2], end - 2
        first = w[0]
        if first.islower() and "-" not in w:  # most words: no initial, no capitals, not capitalized
            append(Tok(start, end, w, w.lower().replace("’", "'"), False, False, False, line, note))
            continue
        upper = first.isupper()
        n = len(w)
        initial = (n <= 2 and upper and (n == 1 or w[1].islower())
                   and text[end:end + 1] == "." and (n == 1 or w.lower() not in common))
        caps = n > 1 and (w.replace("(b)", "") if "(b)" in w else w).isupper()
        cap = upper or "-" in w and bool(arabic(w))  # "al-Za'im", "el-Sadat": part of a name
        append(Tok(start, end, w, w.lower().replace("’", "'"), initial, cap, caps, line, note))
    return out


def _gap_ok(text: str, a: Tok, b: Tok) -> bool:
    gap = text[a.end:b.start]
    if a.initial:
        return gap in (".", ". ", ".\u00a0", ".-")
    if gap in ("' ", "’ ") and a.text.endswith("s"):
        return True  # "Workers' Party"
    if gap in ("'s ", "’s ") and a.low in _COLLECTIVES:
        return True  # "People's Republic", "Worker's Party"
    return gap in (" ", "\u00a0")


def chunks(text: str, toks: list[Tok]) -> list[tuple[int, int]]:
    """(first, last) token indices of each run of capitalized words, connectors included."""
    out: list[tuple[int, int]] = []
    n = len(toks)
    i = 0
    while i < n:
        if not (toks[i].cap or toks[i].initial):
            i += 1
            continue
        j = i
        while j + 1 < n:
            a, b = toks[j], toks[j + 1]
            if (b.cap or b.initial) and _gap_ok(text, a, b) and b.line == a.line:
                j += 1
                continue
            # "Ministry of Foreign Affairs", "Republic of Korea", "Ho Chi Minh", "Charles de Gaulle"
            if b.line == a.line and text[a.end:b.start] == " " and not a.initial:
                k = j + 1
                if b.low in ("of", "for") and a.low in _CONNECT_AFTER:
                    k = j + 2
                    if k < n and toks[k].low == "the" and text[toks[k - 1].end:toks[k].start] == " ":
                        k += 1
                elif b.low in _PARTICLES:
                    k = j + 2
                if k > j + 1 and k < n and toks[k].cap and toks[k].line == a.line \
                        and text[toks[k - 1].end:toks[k].start] == " ":
                    j = k
                    continue
            break
        out.append((i, j))
        i = j + 1
    return out


_PARTICIPANT_RE = re.compile(
    r"(?i)^[\s•·*\-–—(\[]*(?:" + "|".join(re.escape(c) for c in sorted(lx.PARTICIPANT_CUES, key=len, reverse=True))
    + r")(?:\s*\[[^\]]{0,40}\])?\s*(?::|,|\b(?=\s+(?:coms?\.|comrades?|cdes?\.)))")


def participant_lines(lines: list[str]) -> set[int]:
    """Lines that are lists of participants: the rest of a line after a cue such as "Present:", and the
    lines after it up to a blank line."""
    out: set[int] = set()
    pat = _PARTICIPANT_RE
    for no, ln in enumerate(lines):
        m = pat.search(ln)
        if not m:
            continue
        out.add(no)
        rest = ln[m.end():].strip()
        if rest and not rest.endswith(","):
            continue
        # a heading "Present:" alone (or a list going on after a comma): the next list-like lines
        k = no + 1
        while k < len(lines) and lines[k].strip() and k - no <= 25:
            nxt = lines[k]
            if len(nxt) > 160 or re.search(r"[a-z]{3,}\. [A-Z]|\b(?:is|are|was|were|said|had)\b", nxt):
                break
            out.add(k)
            k += 1
    return out

def honorific_lists(text: str) -> list[tuple[int, int]]:
    """Character ranges of name lists after a plural honorific ("Cdes. A, B, and C.")."""
    out = []
    for m in re.finditer(r"\b(?:[Cc]omrades|Cdes|Coms|Comrs|Messrs)\b\.?[ \t]+(?=[A-Z])", text):
        end = m.end()
        # up to the end of the sentence: a dot not after an initial, a colon, a semicolon or a line end
        k = end
        while k < len(text):
            c = text[k]
            if c in ";:\n" or c == "." and not re.search(r"(?:^|[\s.])[A-Z][a-z]?$", text[max(0, k - 3):k]):
                break
            k += 1
        out.append((end, k))
    return out
