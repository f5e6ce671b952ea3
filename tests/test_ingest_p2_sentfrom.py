"""Where a page says its document was written (sent_from) outside the title, and date lines that give no date.

Every page and name here is invented, in the archive's layouts; each test states what a careful reader of the
page would read (docs/page-fields.md: sent_from, date, date_inferred).
"""

from __future__ import annotations

import pytest

from kg.ingest.wilson.sentfrom import dateline
from tests.page_support import page, parse


@pytest.mark.parametrize(("line", "place"), [
    ("Tesgrad, 16 June 1980", "Tesgrad"),
    ("Tesgrad, June 16, 1980", "Tesgrad"),
    ("TESGRAD, 80. 06. 16.", "TESGRAD"),
    ("Exampleburg, 1980 October 31", "Exampleburg"),
    ("Nova Testa, 16.06.1980.", "Nova Testa"),
    ("Tesgrad, den 16. Juni 1980", "Tesgrad"),
    ("Tesgrad, September, 10th, 1980", "Tesgrad"),
])
def test_a_place_and_date_line_names_its_place(line: str, place: str) -> None:
    m = dateline(line)
    assert m is not None and m["place"] == place


@pytest.mark.parametrize("line", ["Monday, 16 June 1980", "Received, 16 June 1980", "Ambassador, 16 June 1980",
                                  "Tesgrad, June 1980", "Tesgrad, where we met on 16 June 1980 with them"])
def test_lines_that_are_no_dateline(line: str) -> None:
    assert dateline(line) is None


def test_a_letter_dated_at_its_head_in_an_unknown_town_was_written_there() -> None:
    rec = parse(page("Letter from Ivan Testov to Petar Examplov",
                     "Tesgrad, 16 June 1980\n\nDear Comrade Examplov,\n\nAn invented paragraph.\n\nIvan Testov"))
    assert rec.sent_from == "Tesgrad"
    assert rec.quote(rec.sent_from_span) == "Tesgrad"


def test_a_report_signed_off_in_an_unknown_town_was_written_there() -> None:
    rec = parse(page("Report of Ivan Testov on Invented Matters",
                     "An invented paragraph.\n\nAnother invented paragraph.\n\nExampleburg, 1980 October 31\n\n"
                     "Ivan Testov"))
    assert rec.sent_from == "Exampleburg"


def test_the_header_from_line_wins_over_the_title_place() -> None:
    rec = parse(page("Ciphered Telegram from Ivan Testov in Beijing to Petar Examplov",
                     "From Pyongyang No. 4711\n\nAn invented report."))
    assert rec.sent_from == "Pyongyang"
    assert any(f.field == "sent_from" and "Beijing" in f.message for f in rec.flags)


def test_a_second_header_place_does_not_replace_the_first() -> None:
    rec = parse(page("Letter from Ivan Testov to Petar Examplov",
                     "From Pyongyang\n\nTesgrad, 16 June 1980\n\nAn invented paragraph."))
    assert rec.sent_from == "Pyongyang"
    assert any(f.field == "sent_from" and "Tesgrad" in f.message for f in rec.flags)


def test_a_mission_letterhead_over_a_conversation_record_is_where_the_record_was_written() -> None:
    rec = parse(page("Record of Conversation between Ivan Testov and Petar Examplov",
                     "Embassy of Testland in Exampleburg\n\nAn invented account of the talk."))
    assert rec.kind == "record of conversation" and rec.sent_from == "Exampleburg"


def test_a_dateline_over_a_conversation_record_is_where_they_met_not_sent_from() -> None:
    rec = parse(page("Record of Conversation between Ivan Testov and Petar Examplov",
                     "Tesgrad, 16 June 1980\n\nAn invented account of the talk."))
    assert rec.sent_from is None


def test_a_dateline_by_the_recorders_signature_is_where_the_record_was_written() -> None:
    signed = parse(page("Record of Conversation between Ivan Testov and Petar Examplov",
                        "An invented account of the talk.\n\nTesgrad, 17 June 1980\n\n/-/ Anna Sample"))
    assert signed.sent_from == "Tesgrad"
    unsigned = parse(page("Record of Conversation between Ivan Testov and Petar Examplov",
                          "An invented account of the talk.\n\nTesgrad, 17 June 1980"))
    assert unsigned.sent_from is None


@pytest.mark.parametrize("line", ["[undated]", "Undated", "n.d."])  # ("1950s" is a date: test_ingest_p5_dates)
def test_a_date_line_without_a_date_is_still_the_date_line(line: str) -> None:
    rec = parse(page("Letter from Ivan Testov to Petar Examplov", date=line))
    assert rec.title == "Letter from Ivan Testov to Petar Examplov"
    assert rec.date is None and rec.date_partial is None
    assert rec.date_inferred is False
    assert any(f.field == "date" for f in rec.flags)


def test_a_page_without_any_date_inferred_none() -> None:
    text = page("Letter from Ivan Testov to Petar Examplov").replace("May 14, 1950\n\n", "")
    rec = parse(text)
    assert rec.date is None and rec.date_inferred is False


def test_a_from_line_naming_the_mission_and_its_addressee() -> None:
    rec = parse(page("Testland Embassy Cable, Testland Ambassador Reports on Invented Matters",
                     "From the Testland Embassy in Tesgrad to the State Secretariat\n\nAn invented cable."))
    assert rec.sent_from == "Tesgrad"
    assert [r.name for r in rec.recipients] == ["the State Secretariat"]


def test_an_addressees_initials_after_the_missions_place_are_no_part_of_it() -> None:
    rec = parse(page("Telegram from the Testland Embassy in Tesgrad to Deputy Minister Petar Examplov",
                     "Telegram 083.502\n\nFrom Testland Embassy in Tesgrad MFA\n\nAn invented telegram."))
    assert rec.sent_from == "Tesgrad"


def test_the_title_lines_capitals_for_a_place_the_title_gives() -> None:
    from tests.test_ingest_p2_citation import CAPS
    text = CAPS.replace("CABLE FROM THE TESTLAND FOREIGN MINISTRY TO IVAN TESTOV", "CABLE FROM IVAN TESTOV IN PYONGYANG"
                        ).replace("Cable from the Testland Foreign Ministry to Ivan Testov", "Cable from Ivan Testov in "
                                  "Pyongyang")
    rec = parse(text)
    assert rec.title.startswith("CABLE FROM IVAN TESTOV IN PYONGYANG")
    assert rec.sent_from == "PYONGYANG" and rec.quote(rec.sent_from_span) == "PYONGYANG"


def test_a_dateline_naming_the_mission_before_its_town() -> None:
    rec = parse(page("Report of the Testland Embassy on Invented Matters",
                     "Embassy Tesgrad, 16 July 1953\n\nNo 242/6/53Xyz [secret, Ministry of Testing\n\nAn invented report."))
    assert rec.sent_from == "Tesgrad" and rec.number == "242/6/53Xyz"
