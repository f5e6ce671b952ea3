"""Where a paper was written, read from its own lines (docs/page-fields.md, sent_from): a place alone on its line in
the letterhead (under a mission's or a body's name, beside a street or the date), "In Tesgrad on <date>", a
classification run onto a letterhead, a capital with its federal district, a closing dateline over two lines. Each
with a case where it must not fire. Names and bodies are invented; the cities are used as places only."""

from __future__ import annotations

import pytest

from kg.ingest.wilson.sentfrom import is_place, place_alone
from tests.page_support import page, parse

TEXT = "The invented text of the paper, long enough to be read as the body of the document here."


@pytest.mark.parametrize("line,place", [("Hanoi", "Hanoi"), ("Bombay 1", "Bombay"), ("NEW DELHI-110048", "NEW DELHI"),
                                        ("Washington DC", "Washington DC"), ("Mexico, D. F.", "Mexico, D. F."),
                                        ("12 Invented Avenue New York, New York 10016", "New York"),
                                        ("Secret", None), ("Dear Comrade", None), ("Moscow time", None)])
def test_a_place_alone_on_its_line(line: str, place: str | None) -> None:
    m = place_alone(line)
    assert (m["place"] if m else None) == place


def test_a_capital_with_its_federal_district_is_a_place() -> None:
    assert is_place("Washington, D.C.") and is_place("Mexico, D.F.") and not is_place("Testov, D.C.")


@pytest.mark.parametrize("head,kind,place", [
    ("Embassy of Testland in Vietnam\n\nHanoi\n\nSecret\n\n", "report", "Hanoi"),
    ("Central Committee of the Invented Party\n\nPrague\n\n", "letter", "Prague"),
    ("Invented Pier Road\n\nBombay 1\n\nRef: 5-1234\n\n", "letter", "Bombay"),
    ("Washington DC\n\n26 October 1962\n\n", "letter", "Washington DC"),
    ("Ministry of Testing\n\nIn Prague on 6th September 1963\n\n", "letter", "Prague"),
    ("TESTLAND EMBASSY IN THE DPRK TOP SECRET\n\n", "report", "DPRK"),
])
def test_the_letterhead_names_where_it_was_written(head: str, kind: str, place: str) -> None:
    title = {"report": "Report from the Testland Embassy", "letter": "Letter from Ivan Testov to Petar Primerov"}[kind]
    rec = parse(page(title, body=head + TEXT))
    assert rec.sent_from == place


def test_a_record_of_conversation_under_a_missions_letterhead_was_written_in_its_city() -> None:
    rec = parse(page("Record of Conversation between Ivan Testov and Petar Primerov",
                     body="Embassy of Testland in Romania\n\nBucharest\n\nSecret\n\n" + TEXT))
    assert rec.sent_from == "Bucharest"
    rec = parse(page("Record of Conversation between Ivan Testov and Petar Primerov",  # where they met
                     body="Ministry of Testing\n\nBucharest\n\n" + TEXT))
    assert rec.sent_from is None


def test_a_place_in_an_address_block_is_where_the_letter_went() -> None:
    rec = parse(page("Letter from Ivan Testov to Petar Primerov",
                     body="Ministry of Foreign Affairs\n\nComrade Petar Primerov\n\nBerlin\n\nDear Comrade Primerov!\n\n"
                          + TEXT))
    assert rec.sent_from != "Berlin"


def test_a_place_alone_deep_in_the_text_is_not_the_letterhead() -> None:
    body = "\n\n".join([TEXT] * 3) + "\n\nCentral Committee of the Invented Party\n\nPrague\n\n" + TEXT
    assert parse(page("Letter from Ivan Testov to Petar Primerov", body=body)).sent_from is None


def test_dispatched_from_a_capital_and_its_district() -> None:
    body = ("Ciphergram No. 1234\n\nDispatched from Washington, D.C., on 10.26.1962 at 23:00 and received on "
            "10.27.1962 at 7:25\n\n" + TEXT)
    assert parse(page("Telegram from the Testland Embassy (Testov)", body=body)).sent_from == "Washington, D.C."


def test_a_closing_dateline_over_two_lines() -> None:
    body = TEXT + "\n\nCentral Committee of the Invented Party\n\n24 March 1954\n\nHanoi"
    assert parse(page("Telegram to Ivan Testov from the Invented Party", body=body)).sent_from == "Hanoi"
