"""Page variations that fresh held-out batches of real pages showed (issue 8, later rounds), one fact per test.

Every page here is invented for the test, in the archive's layouts; the expectations are facts a reader of the
page would state.
"""

from __future__ import annotations

import datetime as dt

from kg.ingest.wilson import parse_page
from kg.records import DocumentRecord

TAIL = ("\n\nAn invented summary of the page.\n\nDocument Information\n\nSource\n\nAPRF, f. 1, op. 2, d. 3, l. 4.\n\n"
        "Rights\n\nReuse of this invented page is free.\n\nRecord ID\n\n4242\n")


def page(title: str, body: str = "Invented body line.", date: str = "May 14, 1950", tail: str = TAIL) -> str:
    return f"Skip to content\n\n{date}\n\n{title}\n\n{body}{tail}"


def parse(text: str) -> DocumentRecord:
    return parse_page(text, path="t.txt")


def test_handling_words_after_the_addressee_are_not_addressees() -> None:
    """ "To: NOWAK, Urgent, EYES ONLY" and "To: NOWAK,3 PERSONAL" (a footnote number after the comma)."""
    for line in ("To: NOWAK, Urgent, EYES ONLY", "To: [Deputy Minister Jan] NOWAK,3 PERSONAL"):
        rec = parse(page("Telegram from the Polish Legation in Quito, 3 March 1961",
                         f"Ciphergram No. 4711\n\n{line}\n\nFrom: [Envoy] KOWAL\n\nAn invented report.",
                         date="March 3, 1961"))
        assert [r.name for r in rec.recipients] == ["NOWAK"], line
        assert rec.number == "4711"


def test_a_code_message_number_and_its_addressee_on_a_line_of_its_own() -> None:
    body = ("Ministry of Foreign Affairs\n\nCode message No 812/IV/3301\nfrom: Pyongyang\n12 April 1985\n"
            "Com. Wierzbicki\nCom. Lis by message no 17 of 11 of this month informs:\nAn invented report.")
    rec = parse(page("Untitled report from Marek Lis, Polish Diplomat in Pyongyang", body, date="April 12, 1985"))
    assert rec.number == "812/IV/3301"
    assert [r.name for r in rec.recipients] == ["Wierzbicki"]
    assert [s.name for s in rec.senders] == ["Marek Lis"]  # his office is not a second sender
    assert rec.sent_from == "Pyongyang"


def test_a_labelled_date_line_then_an_addressee() -> None:
    body = "CODE MESSAGE No: 77/III/12\nfrom: Hanoi\n\ndate: 2 May 1979\n\nCom. Zawada\n\nAn invented report."
    rec = parse(page("Untitled report from Adam Bury, Polish Diplomat in Hanoi", body, date="May 2, 1979"))
    assert rec.number == "77/III/12"
    assert [r.name for r in rec.recipients] == ["Zawada"]
    assert any(ev.date == dt.date(1979, 5, 2) for ev in rec.events)


def test_a_comrade_line_inside_the_body_is_no_addressee() -> None:
    body = "An invented opening paragraph of the report.\n\nCom. Zawada\n\nAn invented closing paragraph."
    rec = parse(page("Report from the Embassy of Poland in Hanoi", body))
    assert rec.recipients == []


def test_a_letters_address_block_names_the_addressee_and_where_it_went() -> None:
    body = ("To His Excellency\n\nthe Minister of Foreign Affairs\n\nThe Hague\n\n\nLima, 4 June 1964.\n\n"
            "An invented first paragraph of the letter.")
    rec = parse(page("Letter from Dutch Embassy, Lima (Vermeer), 4 June 1964", body, date="June 4, 1964"))
    assert [s.name for s in rec.senders] == ["Dutch Embassy"]  # the city after the embassy is not a sender
    assert rec.sent_from == "Lima"
    assert [r.name for r in rec.recipients] == ["the Minister of Foreign Affairs"]
    assert rec.destination == "The Hague"


def test_a_letters_dateline_gives_the_place_it_was_written() -> None:
    body = "Lima, 4 June 1964.\n\nAn invented first paragraph of the letter."
    rec = parse(page("Letter from the Netherlands Legation to the Foreign Minister", body, date="June 4, 1964"))
    assert rec.sent_from == "Lima"


def test_note_on_a_conversation_is_a_record_of_conversation() -> None:
    rec = parse(page("Note on a Conversation with the Second Secretary of the Soviet Embassy, Comrade Orlov, "
                     "on 3 May 1967 at the Soviet Embassy in Hanoi"))
    assert rec.kind == "record of conversation"
    assert rec.senders == [] and rec.recipients == []


def test_report_to_an_office_names_only_the_addressee() -> None:
    rec = parse(page("Report to the Political Committee on the Talks With Comrade B. Orlov"))
    assert rec.kind == "report"
    assert [r.name for r in rec.recipients] == ["the Political Committee"]
    assert rec.senders == []


OLD = ("Search in\n\nDigital Archive International History Declassified\n\nMarch 2, 1963\n\n\n  • Citation\n\n"
       "    get citation\n\n    An invented summary.\n"
       "    \"Letter from Dutch Embassy, Lima, 2 March 1963,\" March 2, 1963, History and Public Policy Program "
       "Digital Archive, National Archives, The Hague, inv. 9. Translated for CWIHP by Eva Smit.\n"
       "  • share document\n\n\nEnglish HTML\n\n")


def test_older_layout_cut_in_the_middle_of_a_sentence_is_incomplete() -> None:
    rec = parse(OLD + "Lima, 2 March 1963.\n\nAn invented paragraph that stops in the middle of a wor")
    assert rec.layout == "quoted-citation"
    assert rec.incomplete
    assert any(f.field == "incomplete" for f in rec.flags)
    assert rec.sent_from == "Lima"


def test_older_layout_ending_on_a_full_sentence_is_not_incomplete() -> None:
    rec = parse(OLD + "An invented paragraph that ends properly.")
    assert rec.layout == "quoted-citation"
    assert not rec.incomplete
