"""Word predicates and word lists shared by the recognizer's rules (persons, places, organizations)."""

from __future__ import annotations

import re

from kg.recognize import lexicon as lx
from kg.recognize.tokens import Tok

_CAP_WORD = r"[A-Z][^\W\d_]+(?:['’\-][^\W\d_]+)*"
_PLACE_LIST_RE = re.compile(
    r"\b(?:" + "|".join(sorted(lx.PLACE_CLASS_NOUNS)) + r")\s+(?:like|such\s+as|including|as|of)\s+"
    r"(" + _CAP_WORD + r"(?:(?:,\s+|,?\s+and\s+)" + _CAP_WORD + r")+)")
_COMMON_ENDINGS = ("ing", "ed", "ness", "ment", "tion", "sion", "ity", "ance", "ence", "ism", "ogy", "ies")
_PARTICIPLES = frozenset({"given", "taken", "held", "made", "seen", "written", "sent", "shown", "known", "done",
                          "brought", "found", "told", "kept", "met", "said", "led", "won", "lost", "begun"})
_MINOR_WORDS = frozenset({"a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of",
                          "on", "or", "the", "to", "with", "vs", "via", "de", "la", "du", "der", "von", "van"})


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
