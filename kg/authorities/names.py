"""How names are compared: folding of case, diacritics, quotes and hyphens, letter-spaced capitals, leading titles
and honorifics, and the token scanner that finds names in running text with their exact offsets."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from kg.titles import FORMS_OF_ADDRESS, OFFICE_TITLES

# Leading titles stripped before a second matching attempt (compared after normalisation, dots dropped): the one list
# of kg.titles, shared with the page parser's name reading
TITLES: tuple[tuple[str, ...], ...] = tuple(dict.fromkeys(
    tuple(re.findall(r"[^\W_]+", "".join(c for c in unicodedata.normalize("NFKD", t) if not unicodedata.combining(c))
                     .casefold())) for t in FORMS_OF_ADDRESS + OFFICE_TITLES))
_TRAILING = frozenset({"file"})
# forms of address (dropped from any name of unknown kind); ranks and offices are dropped only from persons' names
_HONORIFICS = frozenset(t.lower() for t in FORMS_OF_ADDRESS)
_TITLE_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _t in sorted(TITLES, key=len, reverse=True):
    _TITLE_FIRST.setdefault(_t[0], []).append(_t)

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "`": "'", "\u201c": '"',
                         "\u201d": '"', "\u00ab": '"', "\u00bb": '"', "\u2010": "-", "\u2011": "-", "\u2013": "-",
                         "\u2014": "-"})
_TOKEN_RE = re.compile(r"[^\W_]+")


# ---------------------------------------------------------------------------------------- normalisation


@lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    """One source character -> its folded form (may be empty, or several characters)."""
    ch = ch.translate(_QUOTES)
    out = []
    for c in unicodedata.normalize("NFKD", ch):
        if unicodedata.combining(c):
            continue
        out.append(c)
    return "".join(out).casefold()


def tokens(text: str) -> list[str]:
    """Folded word tokens of a name: case, diacritics, quotes, hyphens and punctuation do not count."""
    if text.isascii():  # the same as folding char by char: case only ("`" and "'" both separate words)
        return _TOKEN_RE.findall(text.lower())
    folded = "".join(map(_fold_char, text))
    return _TOKEN_RE.findall(folded)


def _collapse_spaced(toks: list[str]) -> list[str]:
    """"S H T Y K O V" -> ["shtykov"]: runs of three or more single letters are joined."""
    out: list[str] = []
    run: list[str] = []
    for t in toks + [""]:
        if len(t) == 1 and t.isalpha():
            run.append(t)
            continue
        if len(run) >= 3:
            out.append("".join(run))
        else:
            out.extend(run)
        run = []
        if t:
            out.append(t)
    return out


def _strip_stages(toks: list[str]) -> list[list[str]]:
    """Successive forms of a name with one more leading title dropped each time
    ("Cde. Chairman Mao" -> "Chairman Mao" -> "Mao"); never drops the last token."""
    stages = []
    i = 0
    changed = True
    while changed and i < len(toks):
        changed = False
        for t in _TITLE_FIRST.get(toks[i], ()):
            if tuple(toks[i:i + len(t)]) == t and len(toks) > i + len(t):
                i += len(t)
                stages.append(toks[i:])
                changed = True
                break
    return stages


def _strip_titles(toks: list[str]) -> list[str]:
    stages = _strip_stages(toks)
    return stages[-1] if stages else toks


def match_key(text: str) -> str:
    """The key two spellings share when they differ only in case, diacritics, quotes, hyphens or spaces."""
    return "".join(_collapse_spaced(tokens(text)))


def _clean_display(name: str, kind: str | None = None) -> str:
    """The name without leading titles and with letter-spacing collapsed, for unreconciled labels and keys.

    Titles are dropped only from names of persons (or of unknown kind): "General Assembly" stays as it is."""
    s = " ".join(name.translate(_QUOTES).split()).strip(" ,;:")
    words = s.split(" ")
    if len(words) >= 3 and all(len(w) == 1 and w.isalpha() for w in words):
        return "".join(words)  # letter-spaced capitals
    wtoks = [tokens(w) for w in words]
    i = 0
    while i < len(words) - 1:
        step = 0
        for t in _TITLE_FIRST.get(wtoks[i][0] if wtoks[i] else "", ()):
            if kind != "person" and t != ("the",) and (kind is not None or t[0] not in _HONORIFICS):
                continue
            for n in range(1, len(words) - i):
                joined = tuple(x for w in wtoks[i:i + n] for x in w)
                if joined == t:
                    step = n
                    break
                if len(joined) >= len(t):
                    break
            if step:
                break
        if not step:
            break
        i += step
    return " ".join(words[i:]) or s


_WORD_RE = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")


def _scan_tokens(text: str) -> list[tuple[str, int, int]]:
    """Folded tokens of ``text`` with their exact source offsets (the same tokens :func:`tokens` gives)."""
    if text.isascii():  # lower case keeps every offset
        return [(m.group(), m.start(), m.end()) for m in _WORD_RE.finditer(text.lower())]
    out: list[tuple[str, int, int]] = []
    for m in _WORD_RE.finditer(text):
        word = m.group()
        if word.isascii():
            out.append((word.lower(), m.start(), m.end()))
            continue
        # slow path: fold char by char; a character that folds to a separator (U+02BC) splits the word
        base = m.start()
        buf: list[str] = []
        start = -1
        for k, ch in enumerate(word):
            f = _fold_char(ch)
            if not f:
                continue  # combining mark
            if all(c.isalnum() for c in f):
                if start < 0:
                    start = k
                buf.append(f)
            elif start >= 0:
                out.append(("".join(buf), base + start, base + k))
                buf, start = [], -1
        if start >= 0:
            out.append(("".join(buf), base + start, m.end()))
    return out


_SHORT = 4
# Hangul syllables and jamo, CJK ideographs (incl. extension A and compatibility ideographs)
_CJK_CHARS = "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RE = re.compile(f"[{_CJK_CHARS}]")
_CJK_ONLY_RE = re.compile(f"[{_CJK_CHARS}]+")
_ALNUM_RE = re.compile(r"[\W_]+")
_GAP_OK = frozenset(" \t\n-'.,\u2019\u2010\u2011\u00a0")


def _contiguous(text: str, toks: list[tuple[str, int, int]], i: int, length: int) -> bool:
    """Tokens i..i+length-1 form one name: separated only by a few spaces, hyphens, apostrophes, dots or
    commas, never by a bracket, a colon or a blank line."""
    for j in range(i, i + length - 1):
        gap = text[toks[j][2]:toks[j + 1][1]]
        if len(gap) > 4 or "\n\n" in gap or not _GAP_OK.issuperset(gap):
            return False
    return True

