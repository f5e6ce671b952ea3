"""Telegram numbers in a telegram's header fields and trailer (kg.ingest.wilson.numbers): "Number (TA) 513",
"Telegram number 1797/1800", "Number 34 Secret Top Urgent", a number framed by dashes with the sender's office at
the foot ("– 154 Chargé d’Affaires –", "-- 118 --"). Invented pages; negative tests for page numbers and years."""

from __future__ import annotations

import pytest

from kg.ingest.wilson.numbers import number_line
from tests.page_support import page, parse


@pytest.mark.parametrize(("line", "want"), [
    ("Number (TA) 513", "513"),
    ("Telegram number 1797/1800", "1797/1800"),
    ("Number 34 Secret Top Urgent", "34"),
    ("Number 1361 Top Secret Top Urgent Q36RA", "1361"),
    ("– 154 Chargé d’Affaires –", "154"),
    ("-- 118 --", "118"),
    # not numbers: a page number, a year, a name between dashes, a count, a word after "Number"
    ("- 2 -", None), ("– 1962 –", None), ("– Testov –", None), ("Number of copies 3", None),
    ("Number 12 Examples", None),
])
def test_number_lines(line: str, want: str | None) -> None:
    assert number_line(line) == want


def test_the_dash_framed_trailer_of_a_telegram_is_its_telegram_number() -> None:
    body = "An invented report on the visit.\n\nThe delegation left on Tuesday.\n\n– 212 Chargé d’Affaires –"
    rec = parse(page("Ciphered Telegram from the Testland Embassy in Tesgrad to the Foreign Ministry", body))
    assert (rec.number, rec.telegram_number) == (None, "212")


def test_a_page_number_between_dashes_is_no_telegram_number() -> None:
    body = "An invented report on the visit.\n\n- 2 -\n\nThe delegation left on Tuesday."
    rec = parse(page("Ciphered Telegram from the Testland Embassy in Tesgrad to the Foreign Ministry", body))
    assert rec.telegram_number is None


def test_a_cable_header_field_gives_the_telegram_number() -> None:
    body = "Number (TX) 4711\n\nAn invented cable text on the invented talks."
    rec = parse(page("Cable from Ambassador Testov to the Foreign Minister", body))
    assert rec.telegram_number == "4711"


def test_a_register_number_with_its_day_and_roman_month() -> None:
    assert number_line("Nr. 00127 12 XII 1970/1333") == "00127"


def test_a_series_word_before_the_kind_in_a_numbered_heading() -> None:
    rec = parse(page("Testland Embassy Report on the Invented Talks", "Testland Information No. 34069\n\nAn invented "
                     "text on the talks."))
    assert rec.number == "34069"


def test_a_reference_to_the_addressees_telegram_is_not_this_documents_number() -> None:
    rec = parse(page("Telegram from the Testland Embassy in Tesgrad to the Foreign Office", "YOUR TELEGRAM NO 226 OF 25 "
                     "October 1979\n\nAn invented reply to the invented question."))
    assert rec.number is None


# -- register numbers vs telegram numbers (docs/page-fields.md, "number vs telegram_number") -----------------------

def test_a_letters_number_repeated_on_a_line_of_its_own_is_no_telegram_number() -> None:
    rec = parse(page("Letter No. 71 from Ivan Testov to Petar Examplov", "No. 71\n\nDear Minister, an invented line."))
    assert (rec.number, rec.telegram_number) == ("71", None)


def test_a_journals_register_number_is_no_telegram_number() -> None:
    rec = parse(page("Journal of Ambassador Ivan Testov for 9 May 1960", "Nº 482\n\nAn invented entry."))
    assert rec.telegram_number is None


@pytest.mark.parametrize("field", ["Issuing No. 8600", "No.: 8600", "Outgoing No. 8600"])
def test_a_telegrams_labelled_header_field_is_its_telegram_number(field: str) -> None:
    rec = parse(page("Ciphered Telegram No. 8600, Testov to Examplov", f"{field}\n\nAn invented telegram text."))
    assert (rec.number, rec.telegram_number) == ("8600", "8600")


def test_a_heading_repeating_the_titles_kind_and_number_is_no_telegram_number() -> None:
    rec = parse(page("Ciphered Telegram No. 58986 from Testov to Examplov",
                     "CABLE Nº 58986                    TOP SECRET\n\nAn invented telegram text."))
    assert (rec.number, rec.telegram_number) == ("58986", None)


# -- a telegram's number in its text --------------------------------------------------------------------------------

@pytest.mark.parametrize(("body", "want"), [
    # a cable's number, weekday and time opening a paragraph
    ("Invented Embassy\n\n512 – TUESDAY – 1900hs – An invented account of the day's rumours.", "512"),
    ("344 12 6:00 hs. An invented weekly printed an invented article today.", "344"),
    # the cipher office's number closing the text, a date and a signature after it
    ("Please pass this to Testov. Nº 417/sh\n\n18 September 1947\n\nAuthenticated: (Examplov)", "417/sh"),
    # a number alone on its line in the header
    ("Invented Embassy\n\n52117\n\nReferring to your invented call this morning.", "52117"),
])
def test_a_telegrams_number_given_by_its_text(body: str, want: str) -> None:
    rec = parse(page("Telegram from the Testland Embassy in Tesgrad to the Foreign Ministry", body))
    assert rec.telegram_number == want


@pytest.mark.parametrize("body", [
    "An invented report that closes with a copy number. Copy Nº 3",  # a copy's number is no telegram's
    "The invented commission met in 1962.\n\n1962\n\nAn invented line.",  # a year alone on its line
    "In 512 cases the invented rule applied – MONDAY was a holiday.",  # a number in a sentence
])
def test_numbers_in_a_telegrams_text_that_are_not_its_number(body: str) -> None:
    rec = parse(page("Telegram from the Testland Embassy in Tesgrad to the Foreign Ministry", body))
    assert rec.telegram_number is None


def test_a_letters_closing_number_is_no_telegram_number() -> None:
    rec = parse(page("Letter from Ivan Testov to Petar Examplov", "An invented letter. Nº 417/sh"))
    assert rec.telegram_number is None


OLD = ("Search in\nADD SEARCH FILTER CANCEL SEARCH FILTER\n\nDigital Archive International History Declassified\n\n"
       "January 23, 1976\n\n  • Citation\n\n    get citation\n\n    An invented summary.\n"
       "    \"Ciphered Telegram No. 41985 from Testov in Tesgrad,\" January 23, 1976, History and Public Policy Program "
       "Digital Archive, Invented Papers 1976, 19/551, Example Foreign Ministry Archive (EFMA), Testville.\n"
       "  • share document\n\nEnglish HTML\n\nThe talks went on.\n\n{last}\n")


@pytest.mark.parametrize(("last", "cut"), [
    ("Both sides agreed to meet again. Nº 685/sh", False),  # the cipher office's number closes the text
    ("Both sides agreed to meet again.", False),
    ("Both sides agreed to meet again and", True),  # stops in the middle of a sentence
])
def test_the_older_layouts_text_closed_by_its_telegram_number_is_not_cut(last: str, cut: bool) -> None:
    rec = parse(OLD.format(last=last))
    assert rec.incomplete is cut
    if "Nº" in last:
        assert rec.telegram_number == "685/sh"
