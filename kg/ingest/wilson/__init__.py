"""Wilson Center Digital Archive pages (scraped page text) -> :class:`kg.records.DocumentRecord`.

A page reads, top to bottom: an optional "Skip to content" line; the document date; the title
("Ciphered Telegram No. 8600, Vyshinsky to Mao Zedong"); a transmission header (from-place, sent,
received, arrived, deciphered lines, number of copies, distribution list, classification lines,
handwritten dates); the body; a trailer (telegram number "# 1298/sh", a time, "Typed by ..."); the
one-paragraph summary; then "Author(s):" / "Document Information" with the source citation, the rights
statement and a metadata block ("Original Uploaded Date", "Type", "Language", "Record ID", each
followed by its value when the page has one).

Everything read carries a Span into the page text. Values that cannot be right are kept as written and
flagged (:class:`kg.records.Flag`); a page without a date line or a title raises
:class:`kg.errors.IngestError`.
"""

from __future__ import annotations

from typing import Any

from kg.ingest.wilson.address import AddressMixin
from kg.ingest.wilson.attendance import AttendanceMixin
from kg.ingest.wilson.body import BodyMixin, classify_note, gloss_target
from kg.ingest.wilson.citation import CitationMixin, parse_citation_part
from kg.ingest.wilson.conversation import ConversationMixin
from kg.ingest.wilson.header import HeaderMixin
from kg.ingest.wilson.kinds import KindCueMixin
from kg.ingest.wilson.layout import LayoutMixin, Line, split_lines
from kg.ingest.wilson.metadata import MetadataMixin
from kg.ingest.wilson.participants import ParticipantsMixin
from kg.ingest.wilson.title import TitleMixin
from kg.ingest.wilson.vocab import PLACES, PUBLISHER
from kg.records import DocumentRecord

__all__ = ["PLACES", "PUBLISHER", "Line", "classify_note", "gloss_target", "parse_citation_part", "parse_page",
           "split_lines"]


class _Parser(LayoutMixin, TitleMixin, KindCueMixin, ConversationMixin, HeaderMixin, AddressMixin, ParticipantsMixin, AttendanceMixin,
              BodyMixin,
              MetadataMixin, CitationMixin):
    """One page being read: each mixin reads one part of the page."""


def parse_page(text: str, *, path: str, meta: dict[str, Any] | None = None) -> DocumentRecord:
    """Parse one archive page. Raises :class:`IngestError` (naming file, line and field) if it cannot be read."""
    return _Parser(text, path, meta).parse()
