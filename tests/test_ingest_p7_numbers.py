"""number vs telegram_number (docs/page-fields.md, numbers and "Settled 2026-12-02 (second round)"): a cable form's
"Number" field is its registry's (telegram_number), its heading with secrecy and precedence its own number; labelled
reference fields ("C.j.:", "File No.:", "Confidential Number", "re: no.") give telegram_number on telegrams and
cables, number on every other paper (messages and untitled papers too); register lines with letters ("X/442/17",
"2753/Ab/1972"); a number as a comma part of the title or glued to its label with brackets.

Every page here is invented; the negative tests say what must not be read.
"""

from __future__ import annotations

import pytest

from kg.ingest.wilson.numbers import number_line, number_role
from tests.page_support import parse_titled


def test_a_cable_forms_number_field_and_its_numbered_heading() -> None:
    rec = parse_titled("Cable from Ambassador Testov to the Foreign Minister",
                       "Number R012345\n\nPrimary: Example Affairs Bureau\n\nNumber 1361 Top Secret Top Urgent Q36RA\n\n"
                       "The talks went on for two days and ended without a statement.")
    assert (rec.number, rec.telegram_number) == ("1361", "R012345")


def test_a_field_with_the_registrys_letters_and_its_own_count() -> None:
    rec = parse_titled("Cable No. 1407, Ambassador Testov to the Foreign Minister",
                       "Number: (TA) R053421     5320\n\nNo. 1407 Secret Top Urgent\n\nThe talks ended today.")
    assert (rec.number, rec.telegram_number) == ("1407", "R053421")


def test_number_roles() -> None:
    assert number_role("No. 58 Secret Urgent") == "heading"
    assert number_role("Number 1361 Top Secret") == "heading"
    assert number_role("Number: 1361 Secret") == "field"  # a form's field keeps its label's colon
    assert number_role("No. 58") == "field"


@pytest.mark.parametrize(("title", "line", "number", "telno"), [
    ("Telegram from the Testland Embassy in Tesgrad", "C.j.: 012.345", None, "012.345"),
    ("Information about the Situation in Exampleland", "File No.: 020.874/68-3", "020.874/68-3", None),
    ("Oral Message from Ivan Testov to Petar Examplov", "Confidential Number 103/2", "103/2", None),
    ("Memorandum of Conversation between Ivan Testov and Petar Examplov", "file 004008/63-7", "004008/63-7", None),
    ("Memorandum of Conversation between Ivan Testov and Petar Examplov", "X/442/17", "X/442/17", None),
    ("Report from Ivan Testov, 'Invented Matters'", "2753/Ab/1972", "2753/Ab/1972", None),
])
def test_labelled_and_register_lines_by_kind(title: str, line: str, number: str | None, telno: str | None) -> None:
    rec = parse_titled(title, f"Tesgrad Ministry of Foreign Affairs\n\n{line}\n\nThe talks ended today without a "
                              "statement and will go on next week.")
    assert (rec.number, rec.telegram_number) == (number, telno)


def test_the_original_number_after_the_signers_name() -> None:
    rec = parse_titled("Memorandum of Conversation between Ivan Testov and Petar Examplov",
                       "From the journal of\n\nTestov, I.P. Original No. 354\n\nThe talks ended today without a "
                       "statement and will go on next week.")
    assert rec.number == "354"


@pytest.mark.parametrize(("title", "number"), [
    ("Example Directorate at the Testland Council of Ministers, No. 53/492, to Secretary Petar Examplov", "53/492"),
    ("Aviso no. 025/79, Reply from Minister Ivan Testov", "025/79"),
    ("Memorandum No.3(7)-X/50 from the Officer in Charge, Example Mission, to the Political Officer", "3(7)-X/50"),
])
def test_a_number_in_the_title(title: str, number: str) -> None:
    assert parse_titled(title).number == number


def test_no_number_from_a_look_alike() -> None:
    assert parse_titled("Letter to Comrade Testov, Room No. 5, Tesgrad").number is None  # an address's number
    assert number_line("A/5") is None  # a letter and a number without a year is no register line
    assert number_line("file of the ministry") is None
    rec = parse_titled("Letter from Ivan Testov to Petar Examplov",
                       "We read the file 12 times and found nothing new in it at all, as you know.")
    assert rec.number is None


def test_the_senders_number_opening_the_text_wins_over_the_receivers_register() -> None:
    rec = parse_titled("Telegram from the Testland Embassy in Tesgrad to the Foreign Ministry",
                       "11674\n\n319 – FRIDAY – 17hs45 – The talks went on for two days and ended without a statement.")
    assert rec.telegram_number == "319"
    assert any(f.field == "telegram_number" for f in rec.flags)  # the register is not thrown away silently
    rec = parse_titled("Telegram from the Testland Embassy in Tesgrad to the Foreign Ministry",
                       "11674\n\nThe talks went on for two days and ended without a statement.")
    assert rec.telegram_number == "11674"  # no sender's number: the register stands


def test_a_volume_number_closing_the_text_is_no_telegram_number() -> None:
    rec = parse_titled("Telegram from the Testland Embassy in Tesgrad to the Foreign Ministry",
                       "The talks went on for two days and ended without a statement.\n\nVol. Nº 17")
    assert rec.telegram_number is None
    rec = parse_titled("Telegram from the Testland Embassy in Tesgrad to the Foreign Ministry",
                       "The talks went on for two days and ended without a statement. Nº 17")
    assert rec.telegram_number == "17"


@pytest.mark.parametrize("line", ["Telegram number 4410/13", "Ciphergram No. 4410/13", "CABLE Nº 4410/13"])
def test_a_kind_word_with_a_number_on_its_own_line_is_the_heading(line: str) -> None:
    rec = parse_titled("Telegram from the Testland Embassy in Tesgrad to the Foreign Ministry",
                       f"{line}\n\nThe talks went on for two days and ended without a statement.")
    assert (rec.number, rec.telegram_number) == ("4410/13", None)
    assert number_role(line) == "heading"


@pytest.mark.parametrize(("title", "number"), [
    ("Remarks by the Testland Embassy in Tesgrad on the Article in Example Review No. 11/1964 [Excerpts]", None),
    ("Telegram from Tesgrad to Exampleburg, TOP SECRET, No. 76.054, Urgent", "76.054"),
    ("MEMORANDUM, INFORMATION FOR THE CHAIRMAN OF TESTLAND, NO. 055/74 FROM THE EXAMPLE COUNCIL", "055/74"),
])
def test_a_number_in_a_titles_tail_is_the_papers_only_as_a_part_of_its_own(title: str, number: str | None) -> None:
    assert parse_titled(title).number == number


def test_the_signers_name_and_number_closing_a_cable() -> None:
    rec = parse_titled("Cable from the Testland Embassy in Tesgrad (Testov)",
                       "The night passed in calm and the talks will go on.\n\nTestov 328")
    assert rec.telegram_number == "328"
    rec = parse_titled("Cable from the Testland Embassy in Tesgrad (Testov)",
                       "The night passed in calm and the talks will go on.\n\nTesgrad 1962")
    assert rec.telegram_number is None  # a place and a year
    rec = parse_titled("Letter from Ivan Testov to Petar Examplov",
                       "The night passed in calm and the talks will go on.\n\nTestov 328")
    assert rec.telegram_number is None  # a letter has no telegram number
