"""Records kept in a journal (docs/page-fields.md: author, participants 4): "From the journal of" / "From the log
of" with the keeper's name where a page's columns put it, the keeper named in the title written as there; a title
naming a record and a second paper; an apostrophe inside a writer's name. Names are invented."""

from __future__ import annotations

from tests.page_support import names, page, parse

TEXT = "I visited Primerov at his request. He spoke about invented matters for a long while and at length."


def test_the_keeper_after_a_classification_the_columns_ran_in() -> None:
    body = "From the journal of TOP SECRET A. P. TESTOV Copy no. 2\n\n16 August 1977\n\n" + TEXT
    rec = parse(page("Memorandum of Conversation with Petar Primerov", body=body))
    assert rec.author is not None and rec.author.name == "A. P. TESTOV"
    assert names(rec.participants) == ["Petar Primerov", "A. P. TESTOV"]  # the recorder last


def test_the_keeper_two_lines_down_past_a_date_and_an_office() -> None:
    body = "From the Diary of Secret Copy # 1\n\nInvented Board Member 1 August 1953\n\nL. D. Testova\n\n" + TEXT
    rec = parse(page("Memorandum from Conversations with Petar Primerov", body=body))
    assert rec.author is not None and rec.author.name == "L. D. Testova"


def test_a_keeper_the_title_named_is_written_as_there() -> None:
    body = "From the journal of 29 September 1977\n\nTestov, A.P. Original No. 354\n\n" + TEXT
    rec = parse(page("Memorandum of Conversation between Ambassador A.P. Testov and Minister Petar Primerov", body=body))
    assert rec.author is not None and rec.author.name == "A.P. Testov"
    assert names(rec.participants) == ["Petar Primerov", "A.P. Testov"]


def test_from_the_log_of_and_an_apostrophe_in_the_writers_name() -> None:
    body = "From the log of E. M. Test’ev\n\nRecord of a Conversation\n\n" + TEXT
    rec = parse(page("Testland Ambassador to Exampleland E. M. Test'ev, Record of a Conversation with N. Primerescu "
                     "and Message for Ivan Testov", body=body))
    assert rec.kind == "record of conversation"
    assert names(rec.participants) == ["N. Primerescu", "E. M. Test'ev"]  # no "Message for ..." participant
    assert rec.author is not None and rec.author.name == "E. M. Test'ev"


def test_no_journal_line_no_author_and_a_plain_line_names_no_keeper() -> None:
    rec = parse(page("Memorandum of Conversation with Petar Primerov", body="From the journal of the Embassy\n\n" + TEXT))
    assert rec.author is None
    assert parse(page("Memorandum of Conversation with Petar Primerov", body=TEXT)).author is None


def test_the_synthetic_journal_record_reads_back() -> None:
    import datetime as dt

    from kg.synth_conversations import kind_cue_page

    seen = 0
    for k in range(400):
        exp: dict = {"notes": [], "flags": [], "events": []}
        head: list[str] = []
        body: list[str] = []
        title = kind_cue_page(dt.date(1975, 1, 1) + dt.timedelta(days=k), exp, head, body)
        if not any(line.startswith("From the journal of") for line in body):
            continue
        seen += 1
        rec = parse(page(title, body="\n".join(head + body)))
        assert rec.author is not None and rec.author.name == exp["author"]
        assert names(rec.participants) == exp["participants"]
    assert seen >= 3


def test_the_place_and_the_day_in_brackets_after_a_side_are_no_part_of_it() -> None:
    rec = parse(page("Memorandum of Conversation with Comrade Ivan Testov in Tesgrad (7 June 1960)"))
    assert names(rec.participants) == ["Ivan Testov"]
    assert rec.participants[0].honorific == "Comrade"


def test_an_office_then_a_form_of_address_then_the_name() -> None:
    rec = parse(page("From the Journal of M.V. Testov, Record of Conversation with Testland Ambassador in Exampleland "
                     "Cde. Kim Example"))
    guest = rec.participants[0]
    assert (guest.name, guest.written, guest.honorific, guest.role) == (
        "Kim Example", "Cde. Kim Example", "Cde.", "Testland Ambassador in Exampleland")
    assert rec.quote(guest.span) == "Cde. Kim Example"


def test_a_diarist_who_received_a_guest_recorded_it_and_comes_last() -> None:
    rec = parse(page("From the Journal of A. A. Testov, 'Reception of the Ambassador of Exampleland in Moscow Ivan "
                     "Primerov, 21 July 1949'"))
    assert names(rec.participants) == ["Ivan Primerov", "A. A. Testov"]
