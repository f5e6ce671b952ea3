"""Kinds read from the structure of a title or of the text's first lines (docs/page-fields.md, kind): a paper's kind
word after the name of the body that issued it, notes on what was said at a meeting, a note of one person with
another, a body's session named alone (its record's form from the text's first line), a series heading with its
number ("Testland Information No. 34069") under a title with no kind word.

Every title and text here is invented; the negative tests say what must not be read.
"""

from __future__ import annotations

import pytest

from tests.page_support import parse_titled


@pytest.mark.parametrize(("title", "kind"), [
    # the kind word after an issuing body's name of five to seven words
    ("Workers' Party of Testland (WPT) Politburo Resolution on Invented Supplies, May 1961", "resolution"),
    ("Central Committee of the Example Party Secretariat Directive on Tourist Exchanges", "directive"),
    # notes on what was said at a meeting are a record of it
    ("Notes on Testov's Statement from a Meeting with an Example Delegation", "record of conversation"),
    ("Ivan Testov's handwritten Notes on Examplov's Briefing at the Meeting of the Example Leaders in Tesgrad",
     "record of conversation"),
    # a note of one person with another: the record of their talk
    ("Note of Comrade Testov, Testland Ambassador, with the Example Ambassador in Tesgrad, Comrade Examplov",
     "record of conversation"),
    # a body's session or meeting named alone: a meeting (its record's form comes from the text)
    ("Session of the Testland Party Politburo, 3 May 1961", "meeting"),
])
def test_kind_from_the_titles_structure(title: str, kind: str) -> None:
    assert parse_titled(title).kind == kind


@pytest.mark.parametrize(("title", "not_kind"), [
    # a lower-case word in the run is no body's name: "to" divides a sender from an addressee
    ("Ivan Testov to Petar Examplov on the Report", "report"),
    # a note "with" a request, not with a person
    ("Note of the Testland Embassy with a Request for Visas", "record of conversation"),
    ("Note of the Example Ministry to the Testland Embassy", "record of conversation"),
    # notes on a subject with no meeting named
    ("Notes on the Harvest of 1961 in the Northern Provinces", "record of conversation"),
])
def test_no_kind_from_a_look_alike(title: str, not_kind: str) -> None:
    assert parse_titled(title).kind != not_kind


def test_a_sessions_working_notes_are_a_record_of_it() -> None:
    rec = parse_titled("Session of the Testland Party Politburo, 3 May 1961",
                       "Top Secret\n\nSingle Copy\n\n(Working Notes)\n\nSESSION OF THE TESTLAND PARTY POLITBURO\n\n"
                       "Cde. I. TESTOV presiding.\n\nTESTOV: We spoke of the harvest and of nothing else today.")
    assert rec.kind == "record of conversation"
    assert rec.senders == []


def test_a_series_heading_with_its_number_names_the_kind_after_handling_marks() -> None:
    rec = parse_titled("Minister Testov's Visit to Exampleland",
                       "Indefinite Duration\n\nTestland Information No. 34069\n\nNo. 1130\n\n"
                       "Minister Testov made an official visit to the country from the first of the month.")
    assert rec.kind == "information"


def test_a_sentence_naming_an_information_agency_is_no_heading() -> None:
    rec = parse_titled("Minister Testov's Visit to Exampleland",
                       "Testland Information Agency reported that the minister arrived on the first of the month.")
    assert rec.kind != "information"


def test_notes_from_a_discussion_with_someone_are_a_record_of_it() -> None:
    rec = parse_titled("Notes from the Discussion with Comrade Examplov")
    assert rec.kind == "record of conversation" and [p.name for p in rec.participants] == ["Examplov"]


@pytest.mark.parametrize(("title", "kind"), [
    # a paper of another sort about a paper of a listed kind: document (page-fields, words outside the table)
    ("Analysis of the Report on Invented Matters", "document"),
    ("Evaluation of the Telegram from Ivan Testov", "document"),
    ("Appendix to the Letter of Ivan Testov", "document"),
    ("Agreement on the Memorandum of 1961", "document"),
    # an excerpt, a translation or a copy of a paper keeps its kind; a body's name before the kind word too
    ("Excerpt from the Report of Ivan Testov", "report"),
    ("Translation of the Telegram from Ivan Testov", "telegram"),
    ("Copy of the Letter from Ivan Testov", "letter"),
    ("Ministry of Foreign Affairs Note to the Testland Embassy", "note"),
    ("Reply to the Letter of Ivan Testov", "letter"),
])
def test_a_paper_about_another_paper(title: str, kind: str) -> None:
    assert parse_titled(title).kind == kind
