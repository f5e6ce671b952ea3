"""A synthetic archive page in the site's text layout, around a title and body given by a test, and its parse."""

from __future__ import annotations

from kg.ingest.wilson import parse_page
from kg.records import DocumentRecord, NameRef

TAIL = ("\n\nAn invented summary of the page.\n\nDocument Information\n\nSource\n\nAPRF, f. 1, op. 2, d. 3, l. 4.\n\n"
        "Rights\n\nReuse of this invented page is free.\n\nRecord ID\n\n4242\n")


def page(title: str, body: str = "Invented body line.", date: str = "May 14, 1950", tail: str = TAIL) -> str:
    return f"Skip to content\n\n{date}\n\n{title}\n\n{body}{tail}"


def parse(text: str) -> DocumentRecord:
    return parse_page(text, path="t.txt")


def parse_titled(title: str, body: str = "An invented text of a few words.", date: str = "June 3, 1958") -> DocumentRecord:
    """A page of this title and body (the date line, summary and citation block invented around them), parsed."""
    return parse(page(title, body, date=date))


def names(refs: list[NameRef]) -> list[str]:
    """The names of a record's list of persons (senders, participants ...), as compared."""
    return [r.name for r in refs]
