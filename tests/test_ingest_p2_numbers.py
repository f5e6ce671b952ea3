"""A document's register number and a telegram's number on lines of their own (docs/page-fields.md: number and
telegram_number). Pages, names and numbers are invented."""

from __future__ import annotations

import pytest

from kg.ingest.wilson.numbers import REGNO_RE, number_line
from tests.page_support import page, parse


@pytest.mark.parametrize(("line", "n"), [
    ("No. 4", "4"),
    ("Nº 77/ab", "77/ab"),
    ("No. Xy 12/34 from 5.VI.1971", "Xy 12/34"),
    ("№ ТК-3/4455", "ТК-3/4455"),
    ("No 123/4/56Abc [secret, Ministry of Testing]", "123/4/56Abc"),
    ("No. Q12/345 Copies: Comrades Testov, Examplov", "Q12/345"),
    ("Ref: 7-65432", "7-65432"),
    ("No. 00456/s", "00456/s"),
])
def test_a_labelled_number_line(line: str, n: str) -> None:
    assert number_line(line) == n


@pytest.mark.parametrize("line", ["No. 5 of the agreement says that", "No. 12, 1961", "Nothing 12"])
def test_sentences_are_no_number_lines(line: str) -> None:
    assert number_line(line) is None


@pytest.mark.parametrize("line", ["431/88", "242/1963/top secret", "47/ 1963/ top secret", "ABC/132"])
def test_a_register_number_on_its_own_line(line: str) -> None:
    assert REGNO_RE.match(line)


def test_a_reports_register_number_with_its_secrecy() -> None:
    rec = parse(page("Testland Embassy in Exampleburg (Testov), Report on Invented Matters",
                     "47/ 1963/ top secret\n\nAn invented report."))
    assert rec.number == "47/ 1963/ top secret"


def test_a_notes_number_with_letters_and_an_editors_bracket() -> None:
    rec = parse(page("Note from the Embassy of Testland in Exampleburg",
                     "No. 2421/9/53/XYZ [secret]\n\nAn invented note."))
    assert rec.number == "2421/9/53/XYZ"


def test_a_serial_number_after_the_signers_name() -> None:
    rec = parse(page("Memorandum of Conversation between Ambassador Testov and Examplov",
                     "TOP SECRET, Copy No. 2\n\nI. V. TESTOV Ser. No. 276\n\nAn invented account."))
    assert rec.number == "276"


def test_the_headings_number_completes_the_titles() -> None:
    rec = parse(page("Ciphered Telegram No. 4711 from Testov to Examplov",
                     "Ciphered Telegram No. 4711/sh.\n\nAn invented text."))
    assert rec.number == "4711/sh"


def test_a_from_line_with_bars_gives_place_and_number_not_the_copy_number() -> None:
    rec = parse(page("Cable No. 4711/4712 from Tesgrad",
                     "from TESGRAD | Nº 4711 | Received at 1835 | 2 November 1946 | Copy Nº 2\n\nAn invented text."))
    assert rec.sent_from == "TESGRAD" and rec.telegram_number == "4711"
    rec = parse(page("Cable No. 4711 from Tesgrad",
                     "from TESGRAD   received at 0810 12 October 1949  Copy Nº 2\n\nAn invented text."))
    assert rec.telegram_number is None


@pytest.mark.parametrize(("heading", "n"), [
    ("RESOLUTION “B” No 9", "9"),
    ("RESOLUTION “B” No 8 OF THE SECRETARIAT OF THE CENTRAL COMMITTEE FROM 8 JUNE 1966", "8"),
    ("Cable no. 319 dated 3/21/1977", "319"),
    ("Telegram 078864", "078864"),
])
def test_a_heading_with_the_papers_kind_gives_its_number(heading: str, n: str) -> None:
    rec = parse(page("Invented Committee Secret Decision on Invented Matters",
                     f"TO: Ivan Testov, Member of the Invented Committee\n\n{heading}\n\nAn invented decision."))
    assert rec.number == n


def test_a_related_summary_ending_in_a_year_before_the_date_line() -> None:
    stray = ("In a report to the Invented Committee, Ivan Testov reviews invented needs and advises extending a "
             "loan starting 1 Jan 1963.")
    text = page("Invented Committee Secret Resolution on Invented Matters", date="August 13, 1963")
    rec = parse(stray + "\n" + text.removeprefix("Skip to content\n\n"))
    assert rec.title == "Invented Committee Secret Resolution on Invented Matters"
    assert rec.date is not None and rec.date.isoformat() == "1963-08-13" and not rec.date_inferred
