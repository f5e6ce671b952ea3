"""Content negotiation for the linked-data and dumps surfaces: which representation an ``Accept`` header asks for.

The rules: media ranges are ranked by their ``q`` value, then by specificity (``text/turtle`` beats ``text/*``
beats ``*/*``), ties are broken by the order of the offers (the server's preference). A header that cannot be
parsed is treated as ``*/*`` (a client that sends garbage still gets the default), never as an error.
A missing header means ``*/*``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

HTML = "text/html"

# RDF formats served for entities, ontology, VoID and the dumps catalogue: media type -> (suffix, pyoxigraph format)
RDF_MEDIA: dict[str, tuple[str, ox.RdfFormat]] = {
    "text/turtle": ("ttl", ox.RdfFormat.TURTLE),
    "application/ld+json": ("jsonld", ox.RdfFormat.JSON_LD),
    "application/n-triples": ("nt", ox.RdfFormat.N_TRIPLES),
    "application/rdf+xml": ("rdf", ox.RdfFormat.RDF_XML),
}
SUFFIX_MEDIA: dict[str, str] = {suffix: media for media, (suffix, _) in RDF_MEDIA.items()}
# media types some clients still send for the same formats
ALIASES: dict[str, str] = {
    "application/x-turtle": "text/turtle",
    "application/turtle": "text/turtle",
    "application/json": "application/ld+json",
    "text/n-triples": "application/n-triples",
    "text/plain": "application/n-triples",  # the old N-Triples media type
    "application/xml": "application/rdf+xml",
    "text/xml": "application/rdf+xml",
    "application/xhtml+xml": "text/html",
}
RDF_OFFERS: tuple[str, ...] = tuple(RDF_MEDIA)
PAGE_OFFERS: tuple[str, ...] = (HTML, *RDF_OFFERS)


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float

    @property
    def specificity(self) -> int:
        if self.type == "*":
            return 0
        if self.subtype == "*":
            return 1
        return 2

    def matches(self, media: str) -> bool:
        t, _, s = media.partition("/")
        return (self.type in ("*", t)) and (self.subtype in ("*", s))


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an ``Accept`` header; unparseable parts are skipped, an empty result means ``*/*``."""
    ranges: list[MediaRange] = []
    if not header:
        return [MediaRange("*", "*", 1.0)]
    for part in header.split(",")[:64]:
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if "/" not in media:
            continue
        t, _, s = media.partition("/")
        if not t or not s or (t == "*" and s != "*"):
            continue
        media = ALIASES.get(media, media)
        t, _, s = media.partition("/")
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value.strip())
                except ValueError:
                    q = 0.0
                if not 0.0 <= q <= 1.0:
                    q = 0.0
        ranges.append(MediaRange(t, s, q))
    return ranges or [MediaRange("*", "*", 1.0)]


def best_match(header: str | None, offers: tuple[str, ...] | list[str]) -> str | None:
    """The offer the client prefers most, or None when it accepts none of them (q=0 everywhere)."""
    ranges = parse_accept(header)
    best: tuple[float, int, int] | None = None
    chosen: str | None = None
    for i, offer in enumerate(offers):
        # the most specific range that matches the offer decides its quality
        matching = [r for r in ranges if r.matches(offer)]
        if not matching:
            continue
        top = max(r.specificity for r in matching)
        q = max(r.q for r in matching if r.specificity == top)
        if q <= 0:
            continue
        key = (q, top, -i)
        if best is None or key > best:
            best, chosen = key, offer
    return chosen


def wants_html(header: str | None) -> bool:
    """True when a browser-like client prefers HTML over every RDF format (used for error pages)."""
    return best_match(header, PAGE_OFFERS) == HTML


def rdf_format(media: str) -> ox.RdfFormat:
    return RDF_MEDIA[media][1]


def suffix_of(media: str) -> str:
    return RDF_MEDIA[media][0]


def content_type(media: str) -> str:
    """The ``Content-Type`` header value of a representation (text types carry their charset)."""
    if media.startswith("text/") or media in ("application/n-triples", "application/ld+json"):
        return f"{media}; charset=utf-8"
    return media
