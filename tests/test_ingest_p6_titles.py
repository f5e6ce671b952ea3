"""Senders and addressees a title names by its structure (docs/page-fields.md: senders, recipients): a body named by
its initials or with its initials in brackets before the kind word, a list "distributed to", "to" and a verb (what
is ordered, no addressee), the sender after ", from", a subject after the day, "attention X", a group named by where
it lives. Pages and names are invented; each rule has a case where it must not fire."""

from __future__ import annotations

import random

import pytest

from kg.synth_parties import _bodies_and_lists
from tests.page_support import page, parse


def _names(refs: list) -> list[str]:
    return [r.name for r in refs]


def test_a_news_agency_before_the_kind_word_sent_it_and_those_it_was_distributed_to_received_it() -> None:
    rec = parse(page("TASS Report Distributed to Cdes. Ivan Testov, P.A. Primerov, and K. Ya. Examplov, "
                     "'Invented Rumours in the Example Press'"))
    assert rec.kind == "report"
    assert _names(rec.senders) == ["TASS"]
    assert _names(rec.recipients) == ["Ivan Testov", "P.A. Primerov", "K. Ya. Examplov"]


def test_a_news_agency_then_a_paper_word_no_kind_has() -> None:
    rec = parse(page("TASS News Summary, 'Invented Broadcasts'"))
    assert _names(rec.senders) == ["TASS"]


def test_a_person_then_his_quoted_paper_is_still_the_sender() -> None:
    rec = parse(page("Hans Testmann, 'Invented Cooperation'"))
    assert _names(rec.senders) == ["Hans Testmann"]


def test_a_body_with_its_initials_in_brackets_before_the_kind_word() -> None:
    rec = parse(page("Invented Party of Testland (IPT) Presidium Resolution (with enclosures) on Deliveries to "
                     "Exampleland"))
    assert rec.kind == "resolution"
    assert _names(rec.senders) == ["Invented Party of Testland (IPT) Presidium"]
    assert rec.senders[0].identified_as is None


@pytest.mark.parametrize("title,name,ident", [
    ("Letter from the Testland Ambassador to the Organization of Invented States (OIS) to the Foreign Minister",
     "the Testland Ambassador to the Organization of Invented States (OIS)", None),
    ("Telegram from Filippov (Testov) to Primerov", "Filippov", "Testov"),  # a cover name: no initials
    ("Letter from Ivan Testov (TASS) to Primerov", "Ivan Testov", "TASS"),  # not the initials of the name before
])
def test_initials_in_brackets_belong_to_the_name_they_abbreviate(title: str, name: str, ident: str | None) -> None:
    rec = parse(page(title))
    assert (rec.senders[0].name, rec.senders[0].identified_as) == (name, ident)


def test_to_and_a_verb_is_what_is_ordered_not_an_addressee() -> None:
    rec = parse(page("Orders from [Testland] Minister of Defense [Ivan Testov] to Halt the Shelling of Exampleburg"))
    assert rec.recipients == []
    assert [(r.name, r.identified_as) for r in rec.senders] == [("Minister of Defense", "Ivan Testov")]
    rec = parse(page("Proposal to Establish Invented Relations"))
    assert rec.senders == [] and rec.recipients == []


@pytest.mark.parametrize("title,recipients", [
    ("Letter from Ivan Testov to Kim the Younger", ["Kim the Younger"]),
    ("Telegram from Testov to Foreign Minister Primerov", ["Primerov"]),
    ("Letter from Testov to the Halt Commission", ["the Halt Commission"]),
])
def test_an_addressee_after_to_stays_one(title: str, recipients: list[str]) -> None:
    assert _names(parse(page(title)).recipients) == recipients


def test_the_sender_after_a_comma_and_from() -> None:
    rec = parse(page("Letter to the Central Committee of the Example Party, from the Secretary of the Invented Party, "
                     "Ivan Testov"))
    assert _names(rec.recipients) == ["the Central Committee of the Example Party"]
    assert _names(rec.senders) == ["Ivan Testov"]
    assert rec.senders[0].role == "the Secretary of the Invented Party"


def test_a_subject_after_the_day_names_no_one() -> None:
    rec = parse(page("Directive from the Testland Secretariat, 14 November 1980, Reducing Invented Exchanges with "
                     "Exampleland"))
    assert _names(rec.senders) == ["the Testland Secretariat"]
    rec = parse(page("Telegram from Testov and Peking Radio Station to Primerov"))  # a name in -ing stays one
    assert _names(rec.senders) == ["Testov", "Peking Radio Station"]


def test_what_goes_with_the_paper_and_a_participle_after_the_name_are_no_part_of_it() -> None:
    rec = parse(page("Information Note from the Testland Committee to the Committee's President with a copy of the "
                     "invented manifesto"))
    assert _names(rec.recipients) == ["the Committee's President"]
    rec = parse(page("Letter of reply, from Ivan Testov, First Secretary of the CC of the Invented Party expressing "
                     "agreement to the proposal made by Exampleland"))
    assert rec.kind == "letter"
    assert _names(rec.senders) == ["Ivan Testov"]


def test_the_person_a_paper_to_a_body_is_for_and_the_one_who_signed_for_a_body() -> None:
    rec = parse(page("Letter from the Testland CC [signed by Ivan Testov] to the Example CC, attention Petar Primerov"))
    assert _names(rec.recipients) == ["the Example CC", "Petar Primerov"]
    assert [(r.name, r.identified_as) for r in rec.senders] == [("the Testland CC", None)]
    assert "Ivan Testov" in _names(rec.signatories)


def test_a_group_named_by_where_it_lives_keeps_its_place_in_its_name() -> None:
    rec = parse(page("Letters from Testland Refugees in Turkey to Ivan Testov"))
    assert _names(rec.senders) == ["Testland Refugees in Turkey"]
    assert rec.sent_from == "Turkey"
    rec = parse(page("Telegram from Primerov in Hanoi to Ivan Testov"))  # a person's place is not in his name
    assert _names(rec.senders) == ["Primerov"]
    assert rec.sent_from == "Hanoi"


def test_the_synthetic_shapes_of_these_titles_read_back() -> None:
    import datetime as dt

    for k in range(9):
        date = dt.date(1970, 1, 1) + dt.timedelta(days=k)
        exp: dict = {"notes": [], "flags": []}
        title = _bodies_and_lists(random.Random(k), date, exp, [], [])
        rec = parse(page(title))
        assert rec.kind == exp["kind"], title
        for field in ("senders", "recipients"):
            assert _names(getattr(rec, field)) == [r["name"] for r in exp.get(field, [])], title


def test_the_editors_completion_of_an_office_is_no_identification() -> None:
    rec = parse(page("Message of the Secretary General [of the Invented Workers' Party] Ivan Testov a, to the "
                     "President of the Republic, Petar Primerov"))
    assert [(r.name, r.identified_as) for r in rec.senders] == [("Ivan Testov", None)]
    assert rec.senders[0].role == "the Secretary General of the Invented Workers' Party"
    rec = parse(page("Telegram from Filippov [Testov] to Primerov"))  # a cover name's identification stays one
    assert [(r.name, r.identified_as) for r in rec.senders] == [("Filippov", "Testov")]


def test_a_mission_then_its_papers_quoted_title() -> None:
    rec = parse(page("Testland Embassy in Hanoi, 'Evaluation of the Invented Delegation's Visit'"))
    assert _names(rec.senders) == ["Testland Embassy in Hanoi"]
    assert rec.sent_from == "Hanoi"


def test_an_office_then_its_mission_then_its_town() -> None:
    rec = parse(page("Memorandum from the Officer in Charge, Testland Mission, Tesgrad, to Ivan Testov"))
    assert _names(rec.senders) == ["the Officer in Charge, Testland Mission"]  # an office and its own body
    assert rec.sent_from == "Tesgrad"
    rec = parse(page("Letter from the Officer in Charge, Petar Primerov, to Ivan Testov"))  # a name after an office
    assert _names(rec.senders) == ["Petar Primerov"]
    assert rec.senders[0].role == "the Officer in Charge"


def test_addressees_over_the_text() -> None:
    body = "Received by the Ministry\n\nLevel: Urgent\n\nTo the Foreign Ministry\n\nThe invented text of the cable goes on."
    rec = parse(page("Cable from the Testland Embassy in Hanoi, 'Invented Reactions'", body=body))
    assert _names(rec.recipients) == ["the Foreign Ministry"]
    body = ("To: Comrade Deputy Minister, Petar Primerov\n\nComrade Ivan Testov, Head of the First Direction\n\n"
            "The invented text of the telegram goes on.")
    rec = parse(page("Telegram from Hanoi to Bucharest, SECRET", body=body))
    assert _names(rec.recipients) == ["Petar Primerov", "Ivan Testov"]
    body = "The invented text of the cable goes on and on.\n\nTo the end of the month nothing changed in the Ministry."
    rec = parse(page("Cable from the Testland Embassy in Hanoi", body=body))  # a sentence, no addressee
    assert rec.recipients == []


def test_from_an_office_names_the_writer_not_a_place() -> None:
    body = "Draft Telegram\n\nTo: Ambassador to Exampleland\n\nFrom: Foreign Minister\n\nThe invented text goes on here."
    assert parse(page("Cable No. 389, Foreign Minister to the Ambassador to Exampleland", body=body)).sent_from is None
    body = "From: Hanoi\n\nThe invented text goes on here at some length."
    assert parse(page("Telegram to the Ministry of Testing", body=body)).sent_from == "Hanoi"


def test_an_office_after_a_name_in_a_conversations_title_is_his_role() -> None:
    rec = parse(page("From the Journal of M.G. Testov, 'Record of a Conversation with R. Primerov, Counsellor of the "
                     "Example Embassy in Hanoi, 18 February 1971'"))
    assert [p.name for p in rec.participants] == ["R. Primerov", "M.G. Testov"]
