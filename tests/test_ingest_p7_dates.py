"""Date lines a reader still reads as the date line (docs/page-fields.md, date): a part of a year or decade ("Late
1962" -> "1962", "Early 1960s" -> "196X"), and a range ("1961-1962", "December 1961 - January 1962"), which gives no
single date: the line is the date line all the same, so the title is the line after it. Invented pages."""

from __future__ import annotations

import pytest

from kg.ingest.common import parse_date_line
from kg.ingest.wilson.layout import date_range_line
from tests.page_support import page, parse

TITLE = "Letter from Ivan Testov to Petar Examplov"


@pytest.mark.parametrize(("line", "edtf"), [
    ("Late 1962", "1962"), ("Mid-1962", "1962"), ("Early 1960s", "196X"), ("End of 1962", "1962"),
    ("1961-1962", None), ("December 1961 - January 1962", None), ("Winter 1961-1962", None),
    ("March 5-6, 1961", "1961-03-05"),  # two days of one month: the first (as before)
])
def test_date_lines_of_several_shapes(line: str, edtf: str | None) -> None:
    rec = parse(page(TITLE, date=line))
    assert rec.title == TITLE
    assert rec.date_edtf == edtf
    assert rec.date_inferred is False


def test_a_range_is_flagged_not_silently_dropped() -> None:
    rec = parse(page(TITLE, date="1961-1962"))
    assert any(f.field == "date" and "range" in f.message for f in rec.flags)


@pytest.mark.parametrize("line", [
    "Letter from Ivan Testov to Petar Examplov",  # a title
    "Testov - Examplov Meeting",  # two names joined by a dash
    "Talks 1961 and the Plans for 1962 in Tesgrad",  # too long, words around the years
])
def test_no_range_from_a_title(line: str) -> None:
    assert not date_range_line(line)


def test_a_part_of_a_year_needs_its_year() -> None:
    assert parse_date_line("Late") is None
    assert parse_date_line("Late in the evening") is None
