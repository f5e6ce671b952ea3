"""Candidates (a recognized name's span, kind and cue) and a sorted index of spans."""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    kind: str  # person | place | organization
    text: str
    cue: str  # what decided the kind: "title", "initials", "participants", "speaker", "place-list", ...
    note: str = ""  # something a curator should know about the words ("footnote digits '1' left out")


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
