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
    # a report whose writer is named is his report (an unsigned report on talks is a record of them)
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
    assert rec.sent_from == "DPRK"  # the mission's letterhead comes first (docs/page-fields.md, sent_from 2)
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


# -- batches 22 to 26 -----------------------------------------------------------------------------------------------

def test_a_place_in_the_editors_brackets_and_a_code_name_that_is_no_place() -> None:
    rec = parse(page("Cable No. 4711, Testov to Cde. Primerov", "CABLE Nº 4711\n\nfrom [BEIJING] received 1750 "
                     "11 July 1951\n\nAn invented text."))
    assert rec.sent_from == "BEIJING"
    rec = parse(page("Ciphered Telegram No. 4712, Testov to Primerov", "From Correspondent 20\n\nAn invented text."))
    assert rec.sent_from is None


def test_c_before_a_name_is_comrade_after_an_office() -> None:
    rec = parse(page("Memorandum of a Conversation with the Testland Ambassador to the DPRK c. V.P. Probny."))
    assert [p.name for p in rec.participants] == ["V.P. Probny"]
    assert rec.participants[0].role == "the Testland Ambassador to the DPRK"


@pytest.mark.parametrize(("title", "kind"), [
    ("Summary of a CC Invented Party Meeting", "record of conversation"),
    ("Working Notes from the Session of the Invented Party CC Presidium on 20 October 1956", "record of conversation"),
    ("Memorandum on the Conversation between Ivan Testov and Petar Primerov", "memorandum of conversation"),
    ("Anton Probny’s Notes from the 19-20 October Testland-Exampleland Talks", "record of conversation"),
    ("Telephonogram from I. Testov and P. Primerov in Berlin to A. Probny (3), 19 June 1953, 5:35 p.m.", "message"),
])
def test_more_kind_phrases(title: str, kind: str) -> None:
    rec = parse(page(title))
    assert rec.kind == kind
    if kind != "message":
        assert rec.senders == []


def test_a_telephonogram_from_two_in_a_city_at_a_time() -> None:
    rec = parse(page("Telephonogram from I. Testov and P. Primerov in Berlin to A. Probny and L. Vzorova (3), "
                     "19 June 1953, 5:35 p.m."))
    assert [s.name for s in rec.senders] == ["I. Testov", "P. Primerov"]
    assert [r.name for r in rec.recipients] == ["A. Probny", "L. Vzorova"]
    assert rec.sent_from == "Berlin"


def test_those_taking_part_and_a_compiler_of_notes() -> None:
    body = "Those Taking Part: Testov, Primerov, Probny.\n\nI. An invented heading.\n\nAn invented remark."
    tail = ("\n\nAn invented summary.\n\nDocument Information\n\nSource\n\nTsKhSD, F. 3, Op. 12, D. 1005, Ll. 49-50, "
            "compiled by V. N. Exemplar. Published in Invented Bulletin 8-9, p.388.\n\nRecord ID\n\n4243\n")
    rec = parse(page("Working Notes from the Session of the Invented Party CC Presidium on 20 October 1956", body,
                     tail=tail))
    assert [p.name for p in rec.participants] == ["Testov", "Primerov", "Probny"]
    assert [c.kind for c in rec.citations] == ["archive", "publication"]
    assert rec.citations[0].note == "compiled by V. N. Exemplar"


def test_a_book_cited_by_its_author_title_publisher_place_and_year() -> None:
    tail = ("\n\nDocument Information\n\nA. B. Exemplar’s “An Invented Book” (“Its Subtitle”)”, Testizdat, Moscow, "
            "1999; Translated for CWIHP by Anna Vetrova\n\nRecord ID\n\n4244\n")
    rec = parse(page("Summary of a CC Invented Party Meeting", tail=tail))
    assert [c.kind for c in rec.citations] == ["publication"]
    assert [t.name for t in rec.translators] == ["Anna Vetrova"]


def test_a_speech_at_a_dinner_is_given_by_the_delegation() -> None:
    rec = parse(page("Speech by a Delegation of the Testland Republic at a Dinner in Pyongyang"))
    assert [s.name for s in rec.senders] == ["a Delegation of the Testland Republic"]


def test_a_telegram_forms_sender_post_and_the_unit_after_the_addressee() -> None:
    body = ("Sender: Pyongyang\nDate: 21.08.1976/04:30\nNo.: 067.212\nTo: Comrade Ivan Testov, First Direction – "
            "Relations\n\nAn invented report.")
    rec = parse(page("Telegram from Pyongyang to Bucharest, SECRET, Urgent, No. 067.212", body))
    assert rec.senders == []
    assert rec.sent_from == "Pyongyang"
    assert [r.name for r in rec.recipients] == ["Ivan Testov"]


def test_a_telegram_heading_in_the_text_names_where_it_came_from() -> None:
    rec = parse(page("Telegram from the Testland Embassy to the Foreign Ministry",
                     "Telegram from Pyongyang\n\nArrived: 8/27/63 4 : 00 pm\n\nAn invented report."))
    assert rec.sent_from == "Pyongyang"


def test_a_full_stop_between_the_parts_of_one_archives_citation() -> None:
    tail = ("\n\nDocument Information\n\nSource\n\nTestland National Archives, Budapest (TNA), M-KS 288. f. 5/515. o. e. "
            "Obtained by Anna Vetrova.\n\nRecord ID\n\n4245\n")
    rec = parse(page("Minutes of the Meeting of the Political Committee, April, 1970", tail=tail))
    assert [c.repository for c in rec.citations] == ["Testland National Archives"]


def test_an_office_of_a_party_cc_names_no_second_person() -> None:
    rec = parse(page("Record of a Conversation with Kim Example, General Secretary of the Invented Party CC and "
                     "Chairman of the Testland Cabinet of Ministers"))
    assert [p.name for p in rec.participants] == ["Kim Example"]


def test_an_outgoing_number_is_the_documents_number() -> None:
    rec = parse(page("Record of a Conversation with Kim Example", "15 May 1972\n\nOutgoing Nº 197\n\nAn invented text."))
    assert rec.number == "197"


def test_a_meeting_whose_text_calls_itself_notes_with_those_present_in_a_paragraph() -> None:
    body = ("[Notes of the conversation between Testov and a delegation from Testland headed by Kim Example. The "
            "meeting began at 8:00 p.m. Present were A.B. Primerov, C.D. Probny, Kim I.M. (Translator). On the "
            "Testland side: Pak Example-won [Pak Example Won], the Testland ambassador to the USSR Ju Sample-ha, "
            "Mun Il (Translator).]\n\nTestov asks how the trip was.")
    rec = parse(page("Meeting between Testov and Kim Example", body))
    assert rec.kind == "record of conversation"
    assert [p.name for p in rec.participants] == ["Testov", "Kim Example", "A.B. Primerov", "C.D. Probny", "Kim I.M.",
                                                  "Pak Example-won", "Ju Sample-ha", "Mun Il"]
    assert [p.role for p in rec.participants if p.name in ("Kim I.M.", "Mun Il")] == ["interpreter", "interpreter"]


def test_interpreted_by_names_an_interpreter_who_took_part() -> None:
    rec = parse(page("Record of a Conversation of Cde. Testov with Kim Example",
                     "Interpreted by Mun Example [Mun Example]\n\nKim Example says that an invented plan ends."))
    assert [p.name for p in rec.participants] == ["Testov", "Kim Example", "Mun Example"]
    assert rec.participants[-1].role == "interpreter"
    assert rec.translators == []


def test_an_office_and_a_place_around_a_senders_name() -> None:
    rec = parse(page("Ciphered telegram, Testland Representative Anton Probny in Pyongyang to Primerov"))
    assert [s.name for s in rec.senders] == ["Anton Probny"]
    assert rec.senders[0].role == "Testland Representative"
    assert rec.sent_from == "Pyongyang"


# -- batch 27 -------------------------------------------------------------------------------------------------------

def test_a_summary_of_one_mans_comments_is_his_statement() -> None:
    rec = parse(page("Summary of Comments by I. P. Testov concerning the Question of an Invented Treaty"))
    assert rec.kind == "statement"
    assert [s.name for s in rec.senders] == ["I. P. Testov"]


def test_a_transcripts_participants_in_the_meeting() -> None:
    family = [f"Test{a}{b}" for a in ("ov", "ar", "en", "in", "el") for b in ("ko", "ski", "escu", "ovic", "ian")]
    names = ", ".join(f"Ion {f}" for f in family)  # 25 people, a long list on one line
    rec = parse(page("Stenographic transcript of the Executive Committee of the Invented Party",
                     f"18 March, 1969\n\nParticipants in the meeting: Comrades {names}\n\nComrade Ion Testovko:"
                     "\n\nAn invented remark."))
    assert rec.kind == "transcript"
    assert [p.name for p in rec.participants] == [f"Ion {f}" for f in family]


def test_a_memorandum_of_a_discussion_held_by_an_office_holder_with_others() -> None:
    rec = parse(page("Memorandum of a Discussion held by Testland Consul-General in Urumchi, G S. Probny, with "
                     "First Secretary of the Invented Party Committee, Comrade Wang Example, and Chair of the "
                     "People’s Committee, Comrade S. Vzorov", "Consulate-General of Testland in Urumchi\n\n"
                     "20 January 1958\n\nNo. 4\n\nAn invented record."))
    assert rec.kind == "memorandum of conversation"
    assert [p.name for p in rec.participants] == ["G S. Probny", "Wang Example", "S. Vzorov"]
    assert rec.number == "4" and rec.telegram_number is None
    assert rec.senders == []


def test_a_note_with_its_number_an_office_after_the_sender_and_a_consulates_letterhead() -> None:
    body = "Consulate-General of Testland in Ürümchi\n\n20 January 1958\n\nNo. 6\n\nAn invented note."
    rec = parse(page("Note from G. Probny, Consul-General of Testland in Ürümchi, to Comrades N.T. Testov, "
                     "Vzorov, and P.F. Primerov", body))
    assert [s.name for s in rec.senders] == ["G. Probny"]
    assert rec.senders[0].role == "Consul-General of Testland in Ürümchi"
    assert [r.name for r in rec.recipients] == ["N.T. Testov", "Vzorov", "P.F. Primerov"]
    assert rec.number == "6"
    assert rec.sent_from == "Ürümchi"
    # a mission's letterhead naming a country: written in that country (docs/page-fields.md, sent_from: "a city or a
    # country")
    rec = parse(page("Report from the Testland Embassy", "The Embassy of Testland in Hungary\n\nAn invented text."))
    assert rec.sent_from == "Hungary"


def test_a_letter_to_a_ministry_names_the_person_it_is_for() -> None:
    body = ("The Embassy of Testland in Pyongyang\n\nPyongyang, 28 th September, 1955\n\n[handwriting] No. 2421/top "
            "secret/55\n\nTo: Comrade Vice-Minister Primerov\n\nAn invented letter.")
    rec = parse(page("Letter from the Testland Ambassador in the DPRK to the Testland Ministry of Foreign Affairs",
                     body))
    assert [r.name for r in rec.recipients] == ["the Testland Ministry of Foreign Affairs", "Primerov"]
    assert rec.number == "2421/top secret/55"
    assert rec.sent_from == "Pyongyang"
    # a telegram to an embassy keeps its title's addressee only
    rec = parse(page("Telegram from the Testland Ministry of Foreign Affairs to the Testland Embassy",
                     "To: Ambassador PRIMEROV\n\nAn invented telegram."))
    assert [r.name for r in rec.recipients] == ["the Testland Embassy"]


def test_whose_report_and_for_whom() -> None:
    rec = parse(page("Mikhail Testov's Background Report for Primerov on Exampleland (Excerpt)"))
    assert rec.kind == "report"
    assert [s.name for s in rec.senders] == ["Mikhail Testov"]
    assert [r.name for r in rec.recipients] == ["Primerov"]


# -- batches 28 and 29 ----------------------------------------------------------------------------------------------

def test_two_names_joined_by_a_hyphen_wrote_the_report_together() -> None:
    rec = parse(page("Testov-Primerov Report"))
    assert rec.kind == "report"
    assert [s.name for s in rec.senders] == ["Testov", "Primerov"]
    rec = parse(page("Polish-Soviet Report"))  # words of nations, not two persons
    assert rec.senders == []


def test_the_other_side_after_present_and_interpreters_in_the_text() -> None:
    body = ("Present at the conversation: Cdes. A.B. Testov and C.D. Primerov.\n\n"
            "Cdes: Deputy Chairmen of the CC CCP Liu Example, Zhou Sample and Lin Test; Members of the Politburo "
            "Peng Example and Chen Sample.\n\nToday, together with cde. Testov, I paid a visit.\n\n"
            "The interpreters Yang Example and Li Sample translate orally the invented excerpt.")
    rec = parse(page("Discussion between I.P. Probny and Mao Example", body))
    assert [p.name for p in rec.participants] == [
        "I.P. Probny", "Mao Example", "A.B. Testov", "C.D. Primerov", "Liu Example", "Zhou Sample", "Lin Test",
        "Peng Example", "Chen Sample", "Yang Example", "Li Sample"]
    assert [p.role for p in rec.participants][-2:] == ["interpreter", "interpreter"]


def test_a_copy_in_another_archive_is_a_second_citation() -> None:
    tail = ("\n\nDocument Information\n\nSource\n\nArchive of the President of Testland (APT), f. 52, op. 1, d. 499, "
            "ll. 1-33, copy in Example Collection, Manuscript Division, Library of Testing, Washington, D.C.\n\n"
            "Record ID\n\n4246\n")
    rec = parse(page("Discussion between I.P. Probny and Mao Example", tail=tail))
    assert [c.repository for c in rec.citations] == ["Archive of the President of Testland (APT)", "Library of Testing"]
    assert rec.citations[0].folios == "1-33"


def test_a_record_id_has_a_digit() -> None:
    tail = "\n\nAn invented summary.\n\nRecord ID\n\nLeo"
    rec = parse(page("Report from Testov to Primerov", tail=tail))
    assert rec.record_id is None


def test_a_bodys_name_after_an_office_is_no_person() -> None:
    rec = parse(page("Minutes of the Meeting between Kim Example, Secretary General of the Invented Workers Party, "
                     "and Comrade Ivan Testov in Pyongyang on 10 May 1988"))
    assert [p.name for p in rec.participants] == ["Kim Example", "Ivan Testov"]


def test_offices_in_the_title_then_the_names_in_the_text() -> None:
    body = ("1973-3-15                   Ulaanbaatar\n\nReception of Heo Example by cde. Yu. Testbaatar\n\n"
            "The conversation was conducted in two languages, with Foreign Ministry attache P. Primerov and Ho En "
            "Sample translating.\n\nYu. Testbaatar: Did you have a good trip?")
    rec = parse(page("Record of Conversation between the Foreign Minister of Testland and the First Secretary of the "
                     "Example People’s Republic", body))
    assert [p.name for p in rec.participants] == ["Heo Example", "Yu. Testbaatar", "P. Primerov", "Ho En Sample"]
    assert [p.part for p in rec.participants][:2] == ["guest", "host"]


def test_the_keeper_of_a_journal_over_a_record_of_conversation() -> None:
    body = ("from the journal of [faded stamp:       SECRET\nV. I. TESTOV stamp:…2313s   Copy Nº 1\n\n"
            "I received Ambassador Cde. Primerov at his request.")
    rec = parse(page("Record of a Conversation with Ambassador of Testland in the DPRK Cde. Ivan Primerov", body))
    assert rec.author is not None and rec.author.name == "V. I. TESTOV"
    assert [p.name for p in rec.participants] == ["Ivan Primerov", "V. I. TESTOV"]  # the keeper recorded it: last


def test_an_addressees_offices_then_comrade_and_name_and_a_garbled_credit() -> None:
    body = ("Testland Embassy to Exampleland\n\nSofia, 18 June 1975\n\nTo: Member of Politburo and Secretary of the "
            "Invented Party CC, Comrade Hans Testmann\n\nDear Comrade Testmann!\n\nAn invented letter.")
    tail = ("\n\nDocument Information\n\nSource\n\nInvented Archive, C 294/78. Obtained and Translated by for NKIDP by "
            "Anna Vetrova.\n\nRecord ID\n\n4247\n")
    rec = parse(page("Information on the Talks between Kim Example and Ivan Testov", body, tail=tail))
    # a record of a conversation has no addressees: the covering letter's is not the record's (docs/page-fields.md)
    assert rec.recipients == []
    assert [t.name for t in rec.translators] == ["Anna Vetrova"]


def test_a_response_to_someones_message_is_a_letter_to_him() -> None:
    rec = parse(page("Response of the President of the [Invented] Republic [of Testland], J.B. Testov [to Kim "
                     "Example's Message of August 1, 1976]"))
    assert rec.kind == "letter"
    assert [s.name for s in rec.senders] == ["J.B. Testov"]
    assert [r.name for r in rec.recipients] == ["Kim Example"]


# -- signatories ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("last_lines", "name", "role"), [
    ("(signed) Ivan Testov", "Ivan Testov", None),
    ("/s/ I. Testov", "I. Testov", None),
    ("[signature] I. Testov", "I. Testov", None),
    ("Signed: Ivan Testov, Ambassador", "Ivan Testov", "Ambassador"),
    ("With comradely greetings,\n\nIvan Testov", "Ivan Testov", None),
    ("Respectfully yours,\n\nI. P. Testov, Counsellor", "I. P. Testov", "Counsellor"),
])
def test_who_signed_the_document(last_lines: str, name: str, role: str | None) -> None:
    rec = parse(page("Letter from the Testland Embassy to the Foreign Ministry", "An invented letter.\n\n" + last_lines))
    assert [(s.name, s.role) for s in rec.signatories] == [(name, role)]
    assert [s.name for s in rec.senders] == ["the Testland Embassy"]


def test_a_plain_last_line_without_a_closing_is_no_signature() -> None:
    rec = parse(page("Letter from the Testland Embassy to the Foreign Ministry", "An invented letter.\n\nIvan Testov"))
    assert rec.signatories == []


def test_the_person_in_brackets_after_a_mission_signed_it() -> None:
    rec = parse(page("Telegram from Testland Embassy in Havana (Probny), 14 September 1962"))
    assert [(s.name, s.identified_as) for s in rec.senders] == [("Testland Embassy in Havana", None)]
    assert [s.name for s in rec.signatories] == ["Probny"]
    assert rec.quote(rec.signatories[0].span) == "Probny"
    rec = parse(page("Telegram from Filippov [Stalin] to Testov"))  # a cover name stays an identification
    assert [(s.name, s.identified_as) for s in rec.senders] == [("Filippov", "Stalin")]
    assert rec.signatories == []


# -- kinds and parties that the batches suggested in general --------------------------------------------------------

@pytest.mark.parametrize(("title", "kind", "senders", "recipients", "participants"), [
    ("Record of the Main Content of the Conversation between Premier Zhou Shili and Ambassador Testov",
     "record of conversation", [], [], ["Zhou Shili", "Testov"]),
    ("Main Content of the Talks between Zhou Shili and Ivan Testov", "record of conversation", [], [],
     ["Zhou Shili", "Ivan Testov"]),
    ("Report on the Conversation with Kim Example", "record of conversation", [], [], ["Kim Example"]),
    ("Account of a Conversation between Ivan Testov and Kim Example", "record of conversation", [], [],
     ["Ivan Testov", "Kim Example"]),
    ("Transcript of a Telephone Conversation between Ivan Testov and Kim Example", "transcript", [], [],
     ["Ivan Testov", "Kim Example"]),
    ("Message of Greetings from the CC of the Invented Party to the CC of the Example Party", "message",
     ["the CC of the Invented Party"], ["the CC of the Example Party"], []),
    ("Memorandum by the Testland Foreign Ministry on Invented Relations", "memorandum",
     ["the Testland Foreign Ministry"], [], []),
    ("Order of the Minister of Defense of Testland", "order", ["the Minister of Defense of Testland"], [], []),
    ("CC CPSU Resolution on Testland", "resolution", ["CC CPSU"], [], []),
    ("Interview with Ivan Testov by Testland Radio", "interview", [], [], []),
    ("Letter from the Testland Embassy to the Foreign Ministry", "letter", ["the Testland Embassy"],
     ["the Foreign Ministry"], []),
    ("Report from the Committee on Invented Affairs to the Council", "report", ["the Committee on Invented Affairs"],
     ["the Council"], []),
])
def test_general_kinds_and_parties(title: str, kind: str, senders: list[str], recipients: list[str],
                                   participants: list[str]) -> None:
    rec = parse(page(title))
    assert rec.kind == kind
    assert [s.name for s in rec.senders] == senders
    assert [r.name for r in rec.recipients] == recipients
    assert [p.name for p in rec.participants] == participants


def test_an_older_layout_page_ending_with_its_signature_is_not_cut() -> None:
    text = ("Search in\n\nDigital Archive International History Declassified\n\nNovember 3, 1986\n\n\n  • Citation\n\n"
            "    get citation\n\n    An invented summary.\n    \"Letter from Kim Example to Ivan Testov,\" November 3, "
            "1986, History and Public Policy Program Digital Archive, APRF: F. 1, Op. 2, D. 3, Ll. 4-5.\n"
            "  • share document\n\n\nEnglish HTML\n\nAn invented letter.\n\nRespectfully yours,\n\nKim Example\n")
    rec = parse(text)
    assert [s.name for s in rec.signatories] == ["Kim Example"]
    assert rec.incomplete is False


@pytest.mark.parametrize(("title", "kind", "senders", "recipients"), [
    ("Minute from the Prime Minister to the Foreign Secretary", "minute", ["the Prime Minister"],
     ["the Foreign Secretary"]),
    ("Note Handed to the Testland Ambassador by Foreign Minister Examplo", "note", ["Examplo"],
     ["the Testland Ambassador"]),
    ("Aide-Memoire from the Testland Government to the Government of Exampleland", "aide-memoire",
     ["the Testland Government"], ["the Government of Exampleland"]),
    ("Cable from Chargé d'Affaires Ivan Testov to the Foreign Ministry", "cable", ["Ivan Testov"],
     ["the Foreign Ministry"]),
    ("Soviet Ambassador to the DPRK Testov to Foreign Minister Primerov", "document", ["Testov"], ["Primerov"]),
])
def test_more_diplomatic_forms(title: str, kind: str, senders: list[str], recipients: list[str]) -> None:
    rec = parse(page(title))
    assert rec.kind == kind
    assert [s.name for s in rec.senders] == senders
    assert [r.name for r in rec.recipients] == recipients


def test_a_place_in_brackets_after_a_name_is_where_he_was() -> None:
    rec = parse(page("Ciphered Telegram, Testov (Pyongyang) to Primerov (Moscow)"))
    assert [(s.name, s.identified_as) for s in rec.senders] == [("Testov", None)]
    assert [(r.name, r.identified_as) for r in rec.recipients] == [("Primerov", None)]
    assert (rec.sent_from, rec.destination) == ("Pyongyang", "Moscow")


def test_a_person_and_an_office_joined_by_and_are_two_participants() -> None:
    rec = parse(page("Record of Conversation between Comrade Ivan Testov and the Testland Ambassador"))
    assert [p.name for p in rec.participants] == ["Ivan Testov", "the Testland Ambassador"]
    rec = parse(page("Record of a Conversation with Kim Example, Invented Party CC Politburo member and Secretary, "
                     "and Testland Minister of Foreign Affairs"))  # his offices, not more people
    assert [p.name for p in rec.participants] == ["Kim Example"]
