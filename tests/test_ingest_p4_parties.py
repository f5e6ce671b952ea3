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
    # negative: a meeting with no "between"/"with" after it may issue a paper in its own name
    rec = parse(page("Statement from the Meeting of Foreign Ministers of the Invented Pact"))
    assert _names(rec.senders) == ["the Meeting of Foreign Ministers of the Invented Pact"]


def test_a_place_alone_after_to_is_where_it_went() -> None:
    rec = parse(page("Cable to Tokyo"))
    assert rec.recipients == [] and rec.destination == "Tokyo"


def test_what_a_report_contains_is_not_part_of_its_addressee() -> None:
    rec = parse(page("Report to the Central Committee of the Invented Workers' Party Politburo containing verbatim "
                     "transcript of 21 July 1981 telephone conversation between Ivan Testov and Petar Primerov"))
    assert _names(rec.recipients) == ["the Central Committee of the Invented Workers' Party Politburo"]


def test_a_name_then_his_office_without_a_comma() -> None:
    rec = parse(page("Decree of the Testland Politburo to Mir Testov CC Secretary of the Invented Party of Exampleland, "
                     "'Measures on Invented Matters'"))
    assert [(r.name, r.role) for r in rec.recipients] == [("Mir Testov", "CC Secretary of the Invented Party of "
                                                                          "Exampleland")]


def test_an_office_in_capitals_after_a_name_is_his_office() -> None:
    rec = parse(page("LETTER FROM IVAN TESTOV, PRESIDENT OF THE INVENTED ENERGY ORGANIZATION, TO HANS-KARL EXAMPLER, "
                     "DEPUTY MINISTER IN THE FEDERAL MINISTRY OF RESEARCH AND TECHNOLOGY OF TESTLAND"))
    assert _names(rec.senders) == ["IVAN TESTOV"]
    assert _names(rec.recipients) == ["HANS-KARL EXAMPLER"]
    assert rec.recipients[0].role is not None and rec.recipients[0].role.endswith("TECHNOLOGY OF TESTLAND")


def test_an_office_whose_field_has_an_and_is_one_office() -> None:
    rec = parse(page("Memorandum DEM/89, Luiz Testeira, Deputy Chief of the Energy and Mineral Resources Division, "
                     "'Invented Possibilities'"))
    assert _names(rec.senders) == ["Luiz Testeira"]


def test_two_addressees_after_a_ministry_stay_two() -> None:
    # negative: a second name after a body is another addressee, not the body's office
    rec = parse(page("Letter from Ivan Testov to the Ministry of Testing and Petar Primerov"))
    assert _names(rec.recipients) == ["the Ministry of Testing", "Petar Primerov"]


def test_a_note_from_a_conference_is_about_it() -> None:
    rec = parse(page("Informational Note from the Conference of Secretaries of Invented Parties in Tesgrad"))
    assert rec.senders == []


def test_a_statement_from_a_meeting_is_issued_by_it() -> None:
    rec = parse(page("Statement from the Conference of Secretaries of Invented Parties"))
    assert _names(rec.senders) == ["the Conference of Secretaries of Invented Parties"]


def test_a_report_on_a_subject_from_a_mission() -> None:
    rec = parse(page("Report on the ‘Invented Incident’ from the Testland Embassy in North Korea"))
    assert _names(rec.senders) == ["the Testland Embassy in North Korea"]
    assert rec.sent_from == "North Korea"


def test_a_report_on_goods_from_a_country_names_no_sender() -> None:
    # negative: a place (or anything but a body) after "from" in the subject is where the goods came from
    rec = parse(page("Report on Grain Deliveries from Mongolia"))
    assert rec.senders == [] and rec.sent_from is None


def test_the_editors_for_bracket_after_the_kind_word_names_the_addressee() -> None:
    rec = parse(page("INFORMATION [FOR IVAN TESTOV] ON THE PROGRESS OF THE INVENTED MEETING (EXCERPT)"))
    assert _names(rec.recipients) == ["IVAN TESTOV"]


def test_a_body_then_a_word_for_its_paper() -> None:
    rec = parse(page("Testland Interior Ministry Analysis of Invented Propaganda against Testland"))
    assert _names(rec.senders) == ["Testland Interior Ministry"]
    assert rec.recipients == []


def test_a_person_then_his_quoted_paper_in_any_alphabet() -> None:
    rec = parse(page("Trần Văn Thử, 'Key Issues in the Invented Struggle' [Excerpts]"))
    assert _names(rec.senders) == ["Trần Văn Thử"]


@pytest.mark.parametrize(("title", "who"), [
    ("Memorandum for the President", ["the President"]),
    ("Report for the Testland CC Summarizing the Invented Visit", ["the Testland CC"]),
    ("Testland Embassy in North Korea, Report for Testland CC Summarizing an Invented Visit", ["Testland CC"]),
    ("Memorandum for the Record", []),
    ("Report for 1962", []),
    ("Report for the First Quarter of 1962", []),
])
def test_the_one_a_paper_was_written_for(title: str, who: list[str]) -> None:
    assert _names(parse(page(title)).recipients) == who
