"""Where a document was sent from, read from the page's own lines before the editors' title (docs/page-fields.md,
sent_from): mission letterheads "to" a country, a form's post line, a cable's "Sent:" line, a covering letter's
closing dateline, the dateline of a conversation record. Pages and names are invented."""

from __future__ import annotations

import pytest

from kg.ingest.wilson.sentfrom import is_place, mission_head
from tests.page_support import page, parse


@pytest.mark.parametrize(("line", "place"), [
    ("Testland Embassy to the DPRK", "DPRK"),
    ("Testland Embassy to the People’s Republic of Bulgaria", "People’s Republic of Bulgaria"),
    ("[Testland Embassy in Ethiopia]", "Ethiopia"),
    ("USSR EMBASSY IN THE DPRK", "DPRK"),
    ("The Embassy of the Testland Republic in Tesgrad", "Tesgrad"),
])
def test_a_missions_letterhead_names_where_it_sits(line: str, place: str) -> None:
    m = mission_head(line)
    assert m is not None and m["place"] == place


@pytest.mark.parametrize("line", ["Testland Embassy to the Foreign Ministry", "Report on the embassy in Tesgrad",
                                  "We visited the Embassy in Tesgrad on Monday and spoke with the counsellor there."])
def test_an_address_or_a_sentence_is_no_letterhead(line: str) -> None:
    assert mission_head(line) is None


def test_the_gazetteer_knows_countries_as_written() -> None:
    assert is_place("Cuba") and is_place("CUBA") and is_place("DPRK") and is_place("People's Republic of Bulgaria")
    assert not is_place("Ivan Testov") and not is_place("Georgia") and not is_place("us")


def test_the_first_of_letterhead_and_dateline_is_kept() -> None:
    rec = parse(page("Report from the Testland Embassy in North Korea",
                     "Testland Embassy to the DPRK\n\nPyongyang, 3 May 1976\n\nAn invented report."))
    assert rec.sent_from == "DPRK"
    assert any(f.field == "sent_from" and "Pyongyang" in f.message for f in rec.flags)


def test_a_forms_post_line_wins_over_a_bracketed_letterhead() -> None:
    rec = parse(page("Telegram from Ivan Testov to Petar Primerov",
                     "[Testland Embassy in Ethiopia]\n\nTesgrad Instant Message\n\nComrade Petar Primerov\n\n"
                     "An invented telegram."))
    assert rec.sent_from == "Tesgrad"


@pytest.mark.parametrize("line", ["Secret Urgent Message", "Ambassador Urgent Message"])
def test_a_speed_word_after_a_classification_or_an_office_names_no_post(line: str) -> None:
    rec = parse(page("Telegram from Ivan Testov to Petar Primerov", f"{line}\n\nAn invented telegram."))
    assert rec.sent_from is None


def test_a_cable_forms_sent_line_names_the_post() -> None:
    rec = parse(page("Cable from Ambassador Testov to the Foreign Minister",
                     "Number R012345\nSent: China 21:10 Year Month 25\nReceived: MOFA 22:28 1984 March 25\n\n"
                     "An invented cable."))
    assert rec.sent_from == "China"


def test_a_sent_line_with_a_date_only_names_no_place() -> None:
    rec = parse(page("Cable from Ambassador Testov to the Foreign Minister",
                     "Sent: 22.10.1962 at 11:00\n\nAn invented cable."))
    assert rec.sent_from is None


def test_an_ambassador_to_a_country_writes_from_there() -> None:
    rec = parse(page("Telegram from Testland Ambassador to Cuba I.P. Testov to the Testland Foreign Ministry"))
    assert [r.name for r in rec.senders] == ["I.P. Testov"]
    assert rec.sent_from == "Cuba"


def test_a_mission_to_the_un_in_a_city_writes_from_the_city() -> None:
    rec = parse(page("Telegram No. 84, Permanent Mission of Testland to the U.N. in Geneva to the Testland Foreign "
                     "Ministry"))
    assert rec.sent_from == "Geneva"


def test_an_embassy_writing_to_a_ministry_names_no_place() -> None:
    rec = parse(page("Letter from the Testland Embassy to the Foreign Ministry"))
    assert rec.sent_from is None


def test_a_covering_letters_closing_dateline_wins_over_the_title() -> None:
    body = ("Dear Comrade Examplov!\n\nHereby I submit the invented information as an attachment.\n\n"
            "New Delhi, January 1982\n\nWith comradely greetings,\nIvan Testov\n\n"
            "Subject: invented matters\n\nThe attachment's invented text goes on here.")
    rec = parse(page("Report, Embassy of Testland in India to the Testland Foreign Ministry on Invented Matters", body))
    assert rec.sent_from == "New Delhi"


def test_a_dateline_in_the_text_without_a_closing_is_not_where_it_was_sent_from() -> None:
    para = "\n\n".join(f"Invented paragraph {i} of the report goes on about invented matters here." for i in range(4))
    body = f"{para}\n\nTesgrad, 4 May 1961\n\n{para}"
    rec = parse(page("Report from Ivan Testov", body))
    assert rec.sent_from is None


def test_an_offices_heading_by_a_records_dateline_says_where_it_was_written() -> None:
    body = ("[Department of International Relations]\n\nBerlin, 15 December 1988\n\nN o t e\n\n"
            "of a meeting between Comrade Testov and Comrade Examplov.\n\nInvented text.")
    rec = parse(page("Memorandum of a Conversation between Ivan Testov and Petar Examplov", body,
                     date="December 15, 1988"))
    assert rec.sent_from == "Berlin"


def test_a_record_dated_after_the_meeting_was_written_where_it_is_dated() -> None:
    rec = parse(page("Record of a meeting on May 13, 1984 between Ivan Testov and Petar Examplov",
                     "Tesgrad, 14 May 1984\n\nInvented text of the record.", date="May 14, 1984"))
    assert rec.sent_from == "Tesgrad"


def test_a_meetings_own_dateline_is_not_where_the_record_was_written() -> None:
    body = "Conference of the Invented Party Leaders\n\nTesgrad, May 13, 1984\n\nInvented text of the record."
    rec = parse(page("Record of a meeting on May 13, 1984 between Ivan Testov and Petar Examplov", body,
                     date="May 13, 1984"))
    assert rec.sent_from is None


def test_a_missions_dateline_over_a_memorandum_of_conversation() -> None:
    body = ("Testland, US Embassy, Bucharest, 24 May 1974.\n\nMemorandum of conversation\n\n"
            "PARTICIPANTS: Ivan Testov, Vice President; Petar Examplov, Ambassador\n\nInvented text.")
    rec = parse(page("Memorandum of Conversation between Ivan Testov and Petar Examplov", body, date="May 24, 1974"))
    assert rec.sent_from == "Bucharest"


@pytest.mark.parametrize("line", ["Testland, US Embassy, Bucharest, in the spring", "Embassy, Ministry, Soon, and more"])
def test_a_missions_dateline_needs_a_day(line: str) -> None:
    assert mission_head(line) is None
