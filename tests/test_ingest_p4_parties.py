"""Senders and addressees: what a list in a title names that is no one (a day, a clock time, an event), read from
the structure of the title (docs/page-fields.md: senders, recipients). Pages and names are invented."""

from __future__ import annotations

import pytest

from kg.ingest.wilson.parties import not_a_party
from tests.page_support import page, parse


def _names(refs: list) -> list[str]:
    return [r.name for r in refs]


@pytest.mark.parametrize("piece", ["5 P.M.", "9 p.m.", "WEDNESDAY", "Friday", "21:30 Moscow time", "Friday, 9 p.m.",
                                   "14 January 1981", "May 1962", "[1953]", "3 May", "1950s"])
def test_a_day_or_a_clock_time_is_no_party(piece: str) -> None:
    assert not_a_party(piece)


@pytest.mark.parametrize("piece", ["Mao Zedong", "June Testova", "Sunday Adewale", "the 3rd Department", "May",
                                   "the Ministry of Testing"])
def test_a_name_with_a_month_or_a_day_in_it_is_a_party(piece: str) -> None:
    assert not not_a_party(piece)


def test_the_hour_and_weekday_after_a_mission_are_not_senders() -> None:
    rec = parse(page("Telegram from the Testland Embassy in Exampleburg (Testov), 5 P.M., Wednesday"))
    assert _names(rec.senders) == ["the Testland Embassy in Exampleburg"]
    assert _names(rec.signatories) == ["Testov"]
    assert rec.sent_from == "Exampleburg"


def test_a_date_after_the_issuing_body_is_not_a_sender() -> None:
    rec = parse(page("Directive from the Testland Secretariat, 4 March 1971, with Attached Cables"))
    assert _names(rec.senders) == ["the Testland Secretariat"]
    assert rec.recipients == []


def test_persons_whose_names_are_days_or_months_stay() -> None:
    rec = parse(page("Telegram from Sunday Adewale to May Primerova"))
    assert _names(rec.senders) == ["Sunday Adewale"]
    assert _names(rec.recipients) == ["May Primerova"]


def test_a_visit_named_after_from_is_what_the_note_is_about() -> None:
    rec = parse(page("Note from the Visit of the Example Party Delegation in Testland"))
    assert rec.senders == [] and rec.recipients == []


def test_a_persons_visit_to_a_country_names_no_one_who_wrote() -> None:
    rec = parse(page("Minister of Testing Examplov’s Visit to Japan"))
    assert rec.senders == [] and rec.recipients == []
    assert rec.destination == "Japan"


def test_a_meeting_between_two_is_no_list_of_senders() -> None:
    rec = parse(page("Memo of Meeting Between Deputy Minister, Anna Testova, and Ambassador to Testland, Kim Example"))
    assert rec.senders == []


def test_a_meeting_that_issues_a_statement_is_its_sender() -> None:
    # negative: a meeting or a body's gathering with no "between"/"with" after it may issue a paper
    rec = parse(page("Statement from the Meeting of Foreign Ministers of the Invented Pact"))
    assert _names(rec.senders) == ["the Meeting of Foreign Ministers of the Invented Pact"]


def test_a_place_alone_after_to_is_where_it_went() -> None:
    rec = parse(page("Cable to Tokyo"))
    assert rec.recipients == [] and rec.destination == "Tokyo"
