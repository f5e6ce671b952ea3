"""Page variations found while preparing for, and reading, the fresh batches of issue 8 (batches 20 onward).

Every page and name here is invented for the test, in the archive's layouts; each test states facts a reader of
the page would state.
"""

from __future__ import annotations

import datetime as dt

import pytest

from kg.ingest.common import find_dates, parse_date_line, trailing_partial_date
from kg.ingest.wilson.citation import parse_citation_part
from tests.page_support import page, parse


@pytest.mark.parametrize(("text", "want"), [
    ("the 5th of May 1961", dt.date(1961, 5, 5)),
    ("May 5th, 1961", dt.date(1961, 5, 5)),
    ("12-14 May 1965", dt.date(1965, 5, 12)),          # a range is dated by its first day
    ("July 1-3, 1978", dt.date(1978, 7, 1)),
    ("30 April – 2 May 1965", dt.date(1965, 4, 30)),
    ("5.V.1961", dt.date(1961, 5, 5)),                  # a Roman numeral for the month
    ("12. XI. 1956", dt.date(1956, 11, 12)),
    ("3 IX 1949", dt.date(1949, 9, 3)),
])
def test_dates_written_in_many_ways(text: str, want: dt.date) -> None:
    hits = [h for h in find_dates(text) if h.value]
    assert [h.value for h in hits] == [want]


def test_a_file_number_with_a_roman_numeral_is_no_date() -> None:
    assert find_dates("Code message No 553/IV/2745") == []
    assert find_dates("ref. 1160/III/1931") == []


def test_a_year_the_editors_supplied_in_brackets_is_a_date_line() -> None:
    hit = parse_date_line("[1953]")
    assert hit is not None and hit.partial == "1953" and hit.precision == "year"
    hit = parse_date_line("[May 1953]")
    assert hit is not None and hit.partial == "1953-05"


def test_a_year_at_the_end_of_a_title_is_its_date_not_a_sender() -> None:
    hit = trailing_partial_date("Memorandum from the Ministry of Testing, [1953]")
    assert hit is not None and hit.partial == "1953"
    assert trailing_partial_date("Economic Plan for 1962") is None  # a year inside a phrase is no date
    rec = parse(page("Memorandum from the Ministry of Testing, ca. 1970"))
    assert [s.name for s in rec.senders] == ["the Ministry of Testing"]
    text = "Skip to content\n\nMemorandum from the Ministry of Testing, [1953]\n\nInvented body.\n"
    rec = parse(text)
    assert rec.date_partial == "1953" and rec.date_precision == "year"
    assert [s.name for s in rec.senders] == ["the Ministry of Testing"]


def test_an_ordinal_date_ends_a_title() -> None:
    rec = parse(page("Report from the Embassy of Testland in Hanoi, 5th of May 1961"))
    assert [s.name for s in rec.senders] == ["the Embassy of Testland in Hanoi"]


@pytest.mark.parametrize(("title", "kind", "senders", "recipients"), [
    ("Note Verbale from the Embassy of Testland to the Foreign Ministry of Exampleland", "note",
     ["the Embassy of Testland"], ["the Foreign Ministry of Exampleland"]),
    ("Two Telegrams from Orlovsky to Vetrov", "telegram", ["Orlovsky"], ["Vetrov"]),
    ("Telegram and Letter from Ivan Testov to Petar Primerov", "telegram", ["Ivan Testov"], ["Petar Primerov"]),
    ("Speech of Comrade Petar Primerov before the Plenum of the Invented Party CC", "speech", ["Petar Primerov"], []),
    ("Report by the Testland Ambassador to Beijing on his Conversation with Kim Example", "report",
     ["the Testland Ambassador to Beijing"], []),
    ("Memorandum for the President from Ivan Testov", "memorandum", ["Ivan Testov"], ["the President"]),
    ("Memorandum to the Chairman from the Director, 4 June 1971", "memorandum", ["the Director"], ["the Chairman"]),
    ("Testland Ambassador to the DPRK Orlovsky to Foreign Minister Vetrov", "document", ["Orlovsky"], ["Vetrov"]),
])
def test_kinds_and_parties_of_titles(title: str, kind: str, senders: list[str], recipients: list[str]) -> None:
    rec = parse(page(title))
    assert rec.kind == kind
    assert [s.name for s in rec.senders] == senders
    assert [r.name for r in rec.recipients] == recipients


def test_an_office_before_the_name_of_an_untyped_sender_is_his_role() -> None:
    rec = parse(page("Testland Ambassador to the DPRK Orlovsky to Foreign Minister Vetrov"))
    assert rec.senders[0].role == "Testland Ambassador to the DPRK"
    assert rec.recipients[0].role == "Foreign Minister"


def test_minutes_of_a_bodys_meeting_have_no_sender() -> None:
    rec = parse(page("Excerpt from the Minutes of the Politburo Meeting"))
    assert rec.kind == "minutes of conversation"
    assert rec.senders == []


@pytest.mark.parametrize("title", [
    "Reception by Chairman Kim Example of the Testland Friendship Delegation",
    "Reception of the Testland Friendship Delegation by Chairman Kim Example, Pyongyang, 5 May 1961",
    "Chairman Kim Example's Reception of the Testland Friendship Delegation",
])
def test_a_reception_names_its_host_and_its_guest(title: str) -> None:
    rec = parse(page(title))
    assert rec.kind == "meeting"
    parts = {p.name: p.part for p in rec.participants}
    assert parts == {"Kim Example": "host", "the Testland Friendship Delegation": "guest"}
    host = next(p for p in rec.participants if p.part == "host")
    assert host.role == "Chairman"
    assert rec.senders == [] and rec.recipients == []


def test_a_reception_guest_named_after_his_office() -> None:
    rec = parse(page("Reception by Comrade Petar Primerov of Testland Ambassador in Sofia, Ivan Testov"))
    guest = next(p for p in rec.participants if p.part == "guest")
    assert guest.name == "Ivan Testov" and guest.role == "Testland Ambassador in Sofia"


def test_host_and_guest_become_role_concepts() -> None:
    from kg.participation import role_of
    from kg.records import NameRef
    ref = NameRef(written="Chairman Kim Example", name="Kim Example", role="Chairman", part="host")
    assert role_of(ref.part or ref.role).key == "host"


def test_a_person_in_a_place_wrote_from_there() -> None:
    body = "Cable\n\nFrom URUMCHI\n\nAn invented report."
    rec = parse(page("Ciphered Telegram No. 4711 from Ivanenko in Urumchi", body))
    assert [s.name for s in rec.senders] == ["Ivanenko"]
    assert rec.sent_from == "URUMCHI"  # the header's spelling of the same place
    rec = parse(page("Ciphered Telegram No. 4711 from Ivanenko in Urumchi"))
    assert rec.sent_from == "Urumchi"
    rec = parse(page("Telegram from the Testland Embassy in Havana"))  # an office's place stays its own
    assert [s.name for s in rec.senders] == ["the Testland Embassy in Havana"]


def test_and_others_names_no_one_and_convey_to_names_an_addressee() -> None:
    rec = parse(page("Telegram, Zhou Shili to Kim Example and Others, Regarding the Invented Session"))
    assert [r.name for r in rec.recipients] == ["Kim Example"]
    rec = parse(page("Telegram, Zhou Shili to Kim Example, Ivan Testov, and convey to Petar Primerov (excerpt)"))
    assert [r.name for r in rec.recipients] == ["Kim Example", "Ivan Testov", "Petar Primerov"]
    assert all(r.identified_as is None for r in rec.recipients)


def test_a_misspelt_from_still_introduces_the_sender() -> None:
    rec = parse(page("Report fromk Ivan Testov, 'Visit of the Invented Ambassador'"))
    assert [s.name for s in rec.senders] == ["Ivan Testov"]


def test_pages_after_the_file_and_a_hungarian_box() -> None:
    c = parse_citation_part("AVPRF fond 0102, opis 7, delo 12, p.31-40")
    assert (c.fond, c.opis, c.delo, c.folios, c.papka) == ("0102", "7", "12", "31-40", None)
    c = parse_citation_part("AVPRF, f. 0102, op. 7, p. 44, d. 12, l. 3")
    assert (c.papka, c.delo, c.folios) == ("44", "12", "3")  # a folder before the file stays a folder
    c = parse_citation_part("MNL OL XIX-J-1-j Testland, 1971, 42. doboz, 5-77, 00123")
    assert c.repository == "MNL OL" and c.box == "42"


def test_a_hungarian_box_inside_a_quoted_citation_is_not_cut_as_a_sentence() -> None:
    text = ("Skip to content\n\nAugust 2, 1971\n\n"
            "\"Report from Ivan Testov, 'An Invented Visit',\" August 2, 1971, History and Public Policy Program "
            "Digital Archive, MNL OL XIX-J-1-j Testland, 1971, 42. doboz, 5-77, 00123. Translated by Anna Vetrova.\n\n"
            "Invented body.\n")
    rec = parse(text)
    assert any(c.box == "42" for c in rec.citations)


def test_who_met_whom_in_the_first_lines_took_part() -> None:
    body = ("On [May 3, 1950] Testov and Primerov met with Orlovsky and Vetrov in an invented office.\n\n"
            "Testov said that the invented matter was settled.")
    rec = parse(page("Orlovsky's Conversation with Testov", body))
    assert [p.name for p in rec.participants] == ["Orlovsky", "Testov", "Primerov", "Vetrov"]
    # a sentence naming none of the title's people adds no one
    body2 = "Ivan Gostev and Kim Example met with Petar Novak in an invented office."
    rec = parse(page("Orlovsky's Conversation with Testov", body2))
    assert [p.name for p in rec.participants] == ["Orlovsky", "Testov"]


# -- batch 21 -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("title", [
    "Protocol 42 of the Meeting of the Political Bureau of the CC of the Invented Workers Party, on Invented Measures",
    "Protocol No. 42, Meeting of the Testland Politburo",
])
def test_a_protocol_of_a_bodys_meeting_is_its_minutes(title: str) -> None:
    body = "Participants: Comrades Ivan Testov, Petar Primerov. Anton Probny, Lena Vzorova.\n\nInvented text."
    rec = parse(page(title, body))
    assert rec.kind == "minutes of conversation"
    assert rec.number == "42"
    assert rec.senders == [] and rec.recipients == []
    # a full stop after a whole name where a comma belongs still divides two participants
    assert [p.name for p in rec.participants] == ["Ivan Testov", "Petar Primerov", "Anton Probny", "Lena Vzorova"]


def test_initials_in_a_participant_list_are_not_divided() -> None:
    rec = parse(page("Protocol No. 7, Meeting of the Testland Politburo", "Participants: A. P. Testov, B. Probny."))
    assert [p.name for p in rec.participants] == ["A. P. Testov", "B. Probny"]


def test_an_excerpt_from_a_numbered_report_that_was_filed_somewhere() -> None:
    rec = parse(page("Excerpt from the Embassy Report no. 1234/1954, Registered by the Ministry of Testing as 99/1954"))
    assert rec.kind == "report"
    assert rec.number == "1234/1954"
    assert rec.senders == []  # "Registered by" says how it was filed, not who wrote it


def test_an_office_before_the_kind_word_wrote_it() -> None:
    rec = parse(page("Testland Embassy Letter to State Secretary Probny"))
    assert rec.kind == "letter"
    assert [s.name for s in rec.senders] == ["Testland Embassy"]
    assert [r.name for r in rec.recipients] == ["Probny"]


def test_a_letters_inside_address_names_its_addressee() -> None:
    body = ("Testland Embassy to the DPRK\n\nPyongyang, 2 September, 1975\n\nMinistry for Foreign Affairs\n\n"
            "Head of Example Department\n\nComrade Helga Testova\n\nB e r l i n\n\nDear Comrade Testova!\n\n"
            "An invented first paragraph.")
    rec = parse(page("Report from the Testland Embassy in the DPRK", body, date="September 2, 1975"))
    assert [r.name for r in rec.recipients] == ["Helga Testova"]
    assert rec.sent_from == "Pyongyang"
    # a letter-spaced name in the address, greeted by the same name
    body2 = body.replace("Comrade Helga Testova", "Comrade T e s t o v a")
    rec = parse(page("Report from the Testland Embassy in the DPRK", body2, date="September 2, 1975"))
    assert [r.name for r in rec.recipients] == ["Testova"]
    # a greeting with no address above it names no addressee
    rec = parse(page("Report from the Testland Embassy in the DPRK", "Dear Comrade Testova!\n\nInvented text."))
    assert rec.recipients == []


def test_labelled_parts_after_an_archive_are_no_more_archives() -> None:
    text = ("Skip to content\n\nJune 2, 1954\n\n"
            "\"Excerpt from the Embassy Report no. 12/1954,\" June 2, 1954, History and Public Policy Program Digital "
            "Archive, Archive of the Testland Ministry of Foreign Affairs (ATMFA), Year: 1954; Issues 20 221 10; "
            "Country: Exampleland. Obtained and translated for the project by Anna Vetrova.\n\nInvented body.\n")
    rec = parse(text)
    assert [c.repository for c in rec.citations] == ["Archive of the Testland Ministry of Foreign Affairs (ATMFA)"]


def test_summary_then_the_date_again_then_the_title() -> None:
    text = ("August 01, 1961\n\n\n    An invented summary of a meeting between two invented leaders. They discuss "
            "an invented border and the timing of invented measures, and some of the difficulties they expect from "
            "them.\n    August 01, 1961\nNotes on the Conversation of Comrade I.P. Testov with Comrade P. Primerov "
            "on 1 August 1961\n\nI. P. Testov: An invented remark.\n")
    rec = parse(text)
    assert rec.title == "Notes on the Conversation of Comrade I.P. Testov with Comrade P. Primerov on 1 August 1961"
    assert rec.kind == "record of conversation"
    assert [p.name for p in rec.participants] == ["I.P. Testov", "P. Primerov"]
    assert rec.summary is not None and rec.summary.startswith("An invented summary")
