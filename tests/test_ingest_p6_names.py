"""Titles before a name are the office, not the name: one list (kg.titles) for the parser's name reading and the
resolver's matching (docs/page-fields.md: offices and bodies). Names are invented."""

from __future__ import annotations

import pytest

from kg.authorities.names import _clean_display, _strip_titles, tokens
from kg.ingest.wilson.offices import strip_role
from kg.titles import FORMS_OF_ADDRESS, OFFICE_TITLES
from tests.page_support import names, page, parse


@pytest.mark.parametrize("written", ["Prime Minister Ivan Testov", "Premier Ivan Testov", "First Secretary Ivan Testov",
                                     "Chairman of the Council of Ministers Ivan Testov", "Senator Ivan Testov",
                                     "Chargé d'Affaires Ivan Testov", "Cde. Ivan Testov", "General Secretary Ivan Testov"])
def test_the_resolver_matches_a_name_without_its_leading_title(written: str) -> None:
    assert _strip_titles(tokens(written)) == ["ivan", "testov"]


def test_every_title_of_the_one_list_is_stripped_by_the_resolver() -> None:
    for title in FORMS_OF_ADDRESS + OFFICE_TITLES:
        assert _strip_titles(tokens(f"{title} Testov")) == ["testov"], title


def test_a_title_alone_and_a_body_named_with_a_title_word_keep_their_words() -> None:
    assert _strip_titles(tokens("Prime Minister")) == ["prime", "minister"]  # the last word is never dropped
    assert _clean_display("General Assembly", "organization") == "General Assembly"
    assert _clean_display("Senator Testov", "person") == "Testov"


@pytest.mark.parametrize("written,name,role", [
    ("Senator Testov", "Testov", "Senator"),
    ("Academician Ivan Testov", "Ivan Testov", "Academician"),
    ("the Counsellor of the Testland Embassy Primerov", "Primerov", "the Counsellor of the Testland Embassy"),
    ("the Head of Foreign Ministry Protocol Kim Example", "Kim Example", "the Head of Foreign Ministry Protocol"),
    ("the Chairman of the Invented Council", "the Chairman of the Invented Council", None),  # no one named
    ("Senator", "Senator", None),
])
def test_the_parser_reads_an_office_before_a_name_as_his_role(written: str, name: str, role: str | None) -> None:
    assert strip_role(written) == (name, role)


def test_a_speech_by_a_senator_is_the_senators() -> None:
    rec = parse(page('Speech by Senator Testov, "Invented Matters"'))
    assert names(rec.senders) == ["Testov"]
    assert rec.senders[0].role == "Senator"


def test_an_office_of_a_body_before_a_name_in_a_sentence_of_those_present() -> None:
    body = ("The ceremony took place in the invented hall. Present on the Testland side were Foreign Minister Zhou "
            "Shili and the Head of Foreign Ministry Protocol Kim Example. The ceremony was solemn.")
    rec = parse(page("Record of Conversation between Ambassador Ivan Testov and Chairman Anton Probny", body=body))
    assert "Kim Example" in names(rec.participants)
    assert not any("Protocol" in n for n in names(rec.participants))
