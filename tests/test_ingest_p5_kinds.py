"""The kind of a document read from more than the title's first kind word: a heading over the text when the title
has none ("Meeting, record of conversation", "Record of Conversation between A and B", "(Speech given by ...)",
"CIPHERED TELEGRAM"), the record's form over a title that names only a meeting ("V e r m e r k"), and kind phrases
with words between their parts ("Record of Telephone Conversation", "Note regarding the Personal Conversation",
"Memo of Meeting", "Record of a meeting on <day> between", "Record of the Plenum", "Informational Note"). Negative
cases: a line of text that starts with a kind word, a heading after the text has begun, a covering letter's
title. The pages are invented."""

from __future__ import annotations

import pytest

from kg.ingest.wilson.kinds import heading_kind
from tests.page_support import names, parse_titled

TEXT = "Testov: The invented harvest figures were discussed at length by both sides of the table."


@pytest.mark.parametrize(("title", "body", "kind", "participants"), [
    ("Testland-Exampleland Trade, 1961", "Testland Embassy in Tesgrad\nMeeting, record of conversation\n\n" + TEXT,
     "record of conversation", []),
    ("Invented Questions of the Northern Railway", "Record of Conversation between Ivan Testov and Kim Example\n\n"
     + TEXT, "record of conversation", ["Ivan Testov", "Kim Example"]),
    ("Invented Questions of the Northern Railway", "[Page 1]\n\nInvented Questions of the Northern Railway\n\n"
     "(Speech given by Deputy Minister Ivan Testov at the Invented Conference)\n\n" + TEXT, "speech", []),
    ("Invented Questions of the Northern Railway", "CIPHERED TELEGRAM\n\n" + TEXT, "ciphered telegram", []),
    ("Invented Questions of the Northern Railway", "N O T E\n\n" + TEXT, "note", []),
    ("Ivan Testov's Meeting with Kim Example", "Tesgrad, den 3. Juni 1958\n\nV e r m e r k\n\n" + TEXT,
     "record of conversation", ["Ivan Testov", "Kim Example"]),
    ("Ivan Testov's Meeting with Kim Example", "MEMORANDUM\n\n" + TEXT, "memorandum of conversation",
     ["Ivan Testov", "Kim Example"]),
    ("Telephone Conversation between Ivan Testov and Kim Example", "Minutes of the conversation\n\n" + TEXT,
     "minutes of conversation", ["Ivan Testov", "Kim Example"]),
])
def test_a_heading_over_the_text_names_the_kind_the_title_does_not(title, body, kind, participants) -> None:
    rec = parse_titled(title, body)
    assert rec.kind == kind
    assert names(rec.participants) == participants


@pytest.mark.parametrize(("title", "body", "kind"), [
    # a line of text that starts with a kind word is not a heading
    ("Invented Questions of the Northern Railway", "Note: the first page of the invented text is damaged.\n\n" + TEXT,
     "document"),
    ("Invented Questions of the Northern Railway", "The report was read out to the committee and approved by all "
     "its members present.\n\nReport\n\n" + TEXT, "document"),
    # a heading after the text has begun names nothing
    ("Invented Questions of the Northern Railway", TEXT + "\n\nRecord of Conversation\n\n" + TEXT, "document"),
    # a meeting's title keeps its kind when the heading is not a record's form
    ("Ivan Testov's Meeting with Kim Example", "Report\n\n" + TEXT, "meeting"),
])
def test_lines_that_are_not_headings_name_no_kind(title, body, kind) -> None:
    assert parse_titled(title, body).kind == kind


def test_a_covering_letters_title_keeps_its_parties_over_a_record_heading() -> None:
    rec = parse_titled("Ivan Testov to Kim Example", "Record of Conversation with Petar Primerov\n\n" + TEXT)
    assert rec.kind not in ("record of conversation", "conversation")
    assert (names(rec.senders), names(rec.recipients), rec.participants) == (["Ivan Testov"], ["Kim Example"], [])


@pytest.mark.parametrize(("line", "kind", "rest"), [
    ("NOTE", "note", ""),
    ("V e r m e r k", "note", ""),
    ("Meeting, record of conversation", "record of conversation", ""),
    ("Record of Conversation between A. Testov and B. Example", "record of conversation",
     " between A. Testov and B. Example"),
    ("(Speech delivered by Minister Testov)", "speech", " delivered by Minister Testov"),
])
def test_heading_kind(line, kind, rest) -> None:
    assert heading_kind(line) == (kind, rest)


@pytest.mark.parametrize("line", ["Note: the page is damaged", "Reports of the harvest were late", "Testov, Report",
                                  "Meeting, the delegation arrived"])
def test_lines_that_are_no_heading(line) -> None:
    assert heading_kind(line) is None


@pytest.mark.parametrize(("title", "kind", "participants"), [
    ("Record of Telephone Conversation between Ivan Testov and Kim Example", "record of conversation",
     ["Ivan Testov", "Kim Example"]),
    ("Note regarding the Personal Conversation that took place between Ivan Testov and Kim Example, in Tesgrad",
     "record of conversation", ["Ivan Testov", "Kim Example"]),
    ("Memo of Meeting between Deputy Foreign Minister Ivan Testov and Exampleland Ambassador Kim Example",
     "memorandum of conversation", ["Ivan Testov", "Kim Example"]),
    ("Record of a meeting on May 3, 1958 between Ivan Testov and Kim Example", "record of conversation",
     ["Ivan Testov", "Kim Example"]),
    ("Record of the Plenum of the Testland Party Central Committee, Tesgrad", "record of conversation", []),
    ("Minutes of the Testland Party Central Committee Plenum", "minutes of conversation", []),
    # words between the parts are adjectives, never "of", "with": these are about a question, not accounts of talks
    ("Notes on the Progress of Talks", "note", []),
    ("Record of the Position of the Talks", "document", []),
])
def test_kind_phrases_with_words_between_their_parts(title, kind, participants) -> None:
    rec = parse_titled(title)
    assert rec.kind == kind and names(rec.participants) == participants
    assert rec.senders == [] or kind == "note"


def test_an_informational_note_is_information_and_a_colon_heading_names_no_sender() -> None:
    rec = parse_titled("Informational Note from the Testland Embassy in Tesgrad to the Ministry of Foreign Affairs")
    assert rec.kind == "information"
    assert (names(rec.senders), names(rec.recipients)) == (["the Testland Embassy in Tesgrad"],
                                                            ["the Ministry of Foreign Affairs"])
    rec = parse_titled("Information: The Source Reported about a Conversation with Prof. EXAMPLOV on 23.11.78")
    assert (rec.kind, rec.senders, rec.participants) == ("information", [], [])


def test_the_generators_kind_cue_pages_read_as_generated() -> None:
    """Every shape of kg.synth_conversations.kind_cue_page (twenty-one, chosen by the day), read back."""
    import datetime as dt

    from kg.synth_conversations import kind_cue_page
    from tests.page_support import page, parse

    kinds = set()
    for k in range(200):
        day = dt.date(1961, 1, 1) + dt.timedelta(days=k)
        exp: dict = {"participants": [], "senders": [], "notes": [], "conversation_date": None}
        head: list[str] = []
        body: list[str] = []
        title = kind_cue_page(day, exp, head, body)
        rec = parse(page(title, "\n".join(head + body)))
        kinds.add(exp["kind"])
        assert rec.kind == exp["kind"], title
        assert names(rec.participants) == exp["participants"], title
        assert names(rec.senders) == [s["name"] for s in exp["senders"]], title
        assert rec.conversation_date == exp["conversation_date"], title
    assert len(kinds) == 7


@pytest.mark.parametrize(("title", "participants"), [
    # a sentence after the sides says where or how; an abbreviation's full stop does not end them
    ("Record of Telephone Conversation between Ivan Testov and Kim Example. Tesgrad-Exampleburg.",
     ["Ivan Testov", "Kim Example"]),
    ("Record of Conversation between Amb. Testov and Kim Example", ["Amb. Testov", "Kim Example"]),
    # a place after a person's name is where they met; an office keeps its place
    ("Record of Conversation with Kim Example in Tesgrad", ["Kim Example"]),
    ("Record of Conversation with the Soviet Ambassador in Tesgrad", ["the Soviet Ambassador in Tesgrad"]),
    ("Notes of a Conversation with Kim Example in Tesgrad Held by the Testland Delegation", ["Kim Example"]),
    # a description before a name is his role; an office before a name too; a name's own small words stay
    ("Record of a meeting between Testland journalist, Ivan Testov, and Director of the Office, Kim Example",
     ["Ivan Testov", "Kim Example"]),
    ("Record of Conversation between Polish leader Ivan Testov and Chinese Premier Kim Example",
     ["Ivan Testov", "Kim Example"]),
    ("Transcript of the Talks between Comrade Ivan Testov and Comrade Colonel Kim al-Example",
     ["Ivan Testov", "Kim al-Example"]),
    # a building after the sides, with "of" in its name and the city in brackets
    ("First Conversation between Ivan Testov and Kim Example, Hall of Invented Columns [Tesgrad]",
     ["Ivan Testov", "Kim Example"]),
    # a possessor with an adjective before the conversation took part; one who wrote the notes comes last
    ("Transcript of Ivan Testov's Phone Conversation with Kim Example", ["Ivan Testov", "Kim Example"]),
    ("Ivan Testov's Notes of a Conversation with Kim Example", ["Kim Example", "Ivan Testov"]),
])
def test_the_sides_of_a_title_among_words_that_name_no_one(title, participants) -> None:
    rec = parse_titled(title)
    assert names(rec.participants) == participants and rec.senders == []


def test_an_older_layouts_quoted_title_may_quote_a_name_inside_it() -> None:
    """The older layout's citation quotes the title; a nickname in curly quotes inside it stays in the title."""
    from tests.page_support import parse

    text = ("Skip to content\n\nMay 3, 1961\n\n"
            "    An invented summary of an interview about invented harvests.\n"
            "    \"Testland Journalist Ivan Testov, Interview with Kim “Ex” Example, Tesgrad,\" May 3, 1961, History "
            "and Public Policy Program Digital Archive, Invented Party Archive, Tesgrad; obtained by Anna Sample.\n"
            "English HTML\n\nThe interview was one of several invented talks with the leaders of the island.\n")
    rec = parse(text)
    assert rec.title == "Testland Journalist Ivan Testov, Interview with Kim “Ex” Example, Tesgrad"
    assert rec.kind == "interview" and names(rec.senders) == ["Ivan Testov"]


@pytest.mark.parametrize(("title", "kind"), [
    ("Undated, unsigned handwritten note, possibly by Minister Ivan Testov", "note"),
    ("Unsigned typewritten memorandum on invented harvests", "memorandum"),
    # a name, then an article: not words describing a kind word
    ("Ordinary people and their trade report", "document"),
    ("Testov, to the letter of the law", "document"),
])
def test_words_describing_a_kind_word_before_it(title, kind) -> None:
    rec = parse_titled(title)
    assert rec.kind == kind and rec.senders == []
