"""The page parser on the variations the archive's real pages show (issue 8), one fact per test.

Every page here is written for the test (invented wording in the archive's layouts); the expectations are facts a
reader of the page would state: who sent it, to whom, which clock a time is on, which archive holds it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from kg.ingest.wilson import parse_citation_part
from tests.page_support import TAIL, page, parse

# -- titles -------------------------------------------------------------------------------------------------------

def test_a_place_after_from_is_sent_from_never_a_sender() -> None:
    rec = parse(page("Ciphered Telegram No. 31415 from Beijing, Zhou Enlai to Filippov [Stalin]"))
    assert rec.sent_from == "Beijing" == rec.quote(rec.sent_from_span)
    assert [s.name for s in rec.senders] == ["Zhou Enlai"]
    assert [(r.name, r.identified_as) for r in rec.recipients] == [("Filippov", "Stalin")]
    assert rec.number == "31415"


def test_comma_then_from_before_the_sender() -> None:
    rec = parse(page("Cable No. 2718, from Filippov [Stalin] to Mao Zedong"))
    assert [(s.name, s.identified_as) for s in rec.senders] == [("Filippov", "Stalin")]
    assert rec.number == "2718" and rec.kind == "cable"


def test_to_a_for_b_names_two_recipients() -> None:
    rec = parse(page("Ciphered Telegram No. 99, Filippov [Stalin] to Roshchin, for Zhou Enlai"))
    assert [r.name for r in rec.recipients] == ["Roshchin", "Zhou Enlai"]
    assert rec.via == []
    assert all(rec.quote(r.span) == r.written for r in rec.recipients)


def test_real_name_with_cover_name_in_brackets() -> None:
    """ "Stalin [Kuznetsov]": Stalin writing as Kuznetsov; "[via Terebin]": the intermediary."""
    rec = parse(page("Cable, Stalin [Kuznetsov] to Mao Zedong [via Terebin]"))
    (s,) = rec.senders
    assert (s.written, s.name, s.identified_as) == ("Stalin [Kuznetsov]", "Kuznetsov", "Stalin")
    assert [r.name for r in rec.recipients] == ["Mao Zedong"]
    assert [v.name for v in rec.via] == ["Terebin"]


def test_misspelt_cover_name_keeps_its_written_form() -> None:
    rec = parse(page("Telegram from Flilippov [Stalin] to Mao Zedong"))
    (s,) = rec.senders
    assert (s.written, s.name, s.identified_as) == ("Flilippov [Stalin]", "Flilippov", "Stalin")


def test_draft_telegram_and_a_descriptive_tail() -> None:
    rec = parse(page("Draft Telegram, Gromyko to Cde. I.V. Stalin, Transmitting Letter from Kim Il Sung"))
    assert rec.kind == "telegram"
    assert [s.name for s in rec.senders] == ["Gromyko"]
    assert [r.name for r in rec.recipients] == ["I.V. Stalin"]


def test_editor_completed_name_in_leading_brackets() -> None:
    rec = parse(page("Cable, Zhou Enlai to Comrades Liu [Shaoqi] and [Li] Fuchun"))
    assert [r.name for r in rec.recipients][-1] == "Li Fuchun"


def test_number_with_suffix_in_the_header() -> None:
    rec = parse(page("Ciphered Telegram, Shtykov to Feng Xi (Stalin)",
                     body="Ciphered Telegram # 600123/sh\n\nInvented body line.\n\nNo. 1234/sh\n14 October 1950"))
    assert rec.number == "600123/sh" and rec.telegram_number == "1234/sh"


# -- header lines and clocks --------------------------------------------------------------------------------------

HEADER = ("From Pyongyang\n\nReceived in Moscow on 27.9.50 at 20:55\n\nSent on 27.9.50 at 8:10, local time\n\n"
          "Sent to 8th Department of the General Staff on 27.9.50 at 21:35\n\nInvented body line.")


def test_received_before_sent_lines_and_a_forwarding_event() -> None:
    rec = parse(page("Ciphered Telegram, Tarasenko to Kuzmin", body=HEADER))
    assert [e.kind for e in rec.events] == ["received", "sent", "forwarded"]
    fwd = rec.events[2]
    assert fwd.place == "8th Department of the General Staff"
    assert (fwd.date, fwd.time) == (dt.date(1950, 9, 27), dt.time(21, 35))
    assert rec.sent_from == "Pyongyang"


def test_each_time_says_which_clock_it_reads() -> None:
    rec = parse(page("Ciphered Telegram, Tarasenko to Kuzmin", body=HEADER))
    recv, sent, fwd = rec.events
    assert (sent.clock, sent.clock_place, sent.clock_basis, sent.utc_offset) == ("local time", "Pyongyang",
                                                                                    "stated", 540)
    assert (recv.clock_place, recv.clock_basis, recv.utc_offset) == ("Moscow", "inferred", 180)
    assert (fwd.clock_place, fwd.utc_offset) == ("Moscow", 180)
    # compared in UTC the telegram was received after it was sent, though 20:55 < 8:10 is false only on the clock
    s = dt.datetime.combine(sent.date, sent.time) - dt.timedelta(minutes=sent.utc_offset)
    r = dt.datetime.combine(recv.date, recv.time) - dt.timedelta(minutes=recv.utc_offset)
    assert r > s


def test_a_clock_nobody_names_stays_unknown() -> None:
    rec = parse(page("Ciphered Telegram, Tarasenko to Kuzmin", body="Deciphered by Morozov on 2.3.51 at 4:10\n\nBody."))
    (ev,) = rec.events
    assert (ev.clock_place, ev.clock_basis, ev.utc_offset) == (None, "unknown", None)


# -- layouts ------------------------------------------------------------------------------------------------------

def test_credit_line_and_original_language_before_the_translation() -> None:
    body = ("This document was made possible with support from the Example Foundation\n\n"
            "Просим сообщить ваше мнение.\n\nPlease let us know your opinion.")
    rec = parse(page("Telegram from Kuzmin to Orlovsky", body=body))
    assert rec.title == "Telegram from Kuzmin to Orlovsky"
    assert rec.body.startswith("Просим") and "This document was made possible" not in rec.body


def test_old_layout_quoted_citation_block() -> None:
    text = ("Search in\n\nDigital Archive International History Declassified\n\nJuly 17, 1948\n\n\n  • Citation\n\n"
            "    get citation\n\n    An invented summary of the cable.\n"
            "    \"Cable, Vetrov to Stalin [via Kuznetsov],\" July 17, 1948, History and Public Policy Program Digital "
            "Archive, APRF: F. 39, Op. 1, D. 31, Ll. 39-40. Reprinted in A. Example, ed., Invented Documents, Vol. 5 "
            "(Moscow: Test Press, 2005), pp. 448-449. Translated for CWIHP by Anna Vetrova.\n  • share document\n\n"
            "English HTML\n\nTo Comrade F. Kuznetsov\n\nAn invented report.\n")
    rec = parse(text)
    assert rec.layout == "quoted-citation"
    assert rec.title == "Cable, Vetrov to Stalin [via Kuznetsov]" == rec.quote(rec.title_span)
    assert rec.date == dt.date(1948, 7, 17) and rec.kind == "cable"
    assert [s.name for s in rec.senders] == ["Vetrov"] and [v.name for v in rec.via] == ["Kuznetsov"]
    apr, pub = rec.citations
    assert (apr.repository, apr.fond, apr.opis, apr.delo, apr.folios) == ("APRF", "39", "1", "31", "39-40")
    assert pub.kind == "publication" and pub.repository is None and "Test Press" in pub.collection
    assert [t.name for t in rec.translators] == ["Anna Vetrova"]
    assert rec.summary == "An invented summary of the cable."
    assert rec.body == "An invented report."  # "To Comrade F. Kuznetsov" is the address line above it
    assert [r.name for r in rec.recipients] == ["Stalin"]  # the title's addressee stays the only one


def test_no_date_line_takes_the_date_from_the_title_flagged() -> None:
    rec = parse("Skip to content\n\nJournal of Ambassador P. F. Vetrov for 9 February 1960\n\nAn invented entry."
                + TAIL)
    assert rec.date == dt.date(1960, 2, 9) and rec.date_source == "title" and rec.date_inferred
    assert any(f.field == "date" and "title" in f.message for f in rec.flags)


def test_no_date_line_anywhere_still_reads_the_page() -> None:
    rec = parse("Skip to content\n\nCiphered Telegram from Vetrov to Kuzmin\n\nbody\n")
    assert rec.date is None and rec.date_source == "none" and rec.title == "Ciphered Telegram from Vetrov to Kuzmin"
    assert any(f.field == "date" for f in rec.flags)


def test_stray_summary_of_a_related_document_before_the_date_line() -> None:
    text = ("An invented summary of another document that the site shows before this one.\n"
            "October 14, 1950\nCiphered Telegram, Tarasenko to Kuzmin\nFROM: PYONGYANG\nInvented body line.\n"
            "Invented last line of the body.\nThe summary of this page.\nDocument Information\nSource\n"
            "APRF, fond 45, opis 1, delo 335, list 3.\nRights\nReuse of this invented page is free.\n")
    rec = parse(text)
    assert rec.date == dt.date(1950, 10, 14) and rec.title == "Ciphered Telegram, Tarasenko to Kuzmin"
    assert rec.layout == "plain" and rec.summary == "The summary of this page."
    assert rec.sent_from == "PYONGYANG" and not rec.incomplete


def test_text_cut_in_the_middle_is_kept_and_flagged() -> None:
    rec = parse("Skip to content\n\nMarch 10, 1952\n\nCiphered Telegram, Tarasenko to Kuzmin\n\n"
                "The first paragraph is whole.\n\nThe second one stops in the mid")
    assert rec.incomplete and rec.body.endswith("stops in the mid")
    assert any(f.field == "incomplete" for f in rec.flags)


def test_text_cut_inside_the_rights_statement() -> None:
    rec = parse(page("Telegram from Kuzmin to Orlovsky", tail="\n\nSummary.\n\nDocument Information\n\nSource\n\n"
                     "APRF, f. 1, op. 2, d. 3, l. 4.\n\nRights\n\nThe History and Public Policy Program welcomes reuse"
                     " of Digital Archive materials for research. Some do"))
    assert rec.incomplete and rec.citations[0].repository == "APRF"


def test_a_whole_page_is_not_incomplete() -> None:
    assert not parse(page("Telegram from Kuzmin to Orlovsky")).incomplete


# -- kinds: conversations and diaries -----------------------------------------------------------------------------

def test_conversation_participants_with_roles_not_senders() -> None:
    rec = parse(page("Record of a Conversation between M.S. Gorbachev and FRG Chancellor Helmut Kohl in Bonn, "
                     "9 November 1990", date="November 12, 1990"))
    assert rec.kind == "record of conversation" and rec.senders == [] and rec.recipients == []
    assert [(p.name, p.role) for p in rec.participants] == [("M.S. Gorbachev", None),
                                                              ("Helmut Kohl", "FRG Chancellor")]
    assert rec.quote(rec.participants[1].span) == "FRG Chancellor Helmut Kohl"
    assert rec.date == dt.date(1990, 11, 12) and rec.conversation_date == dt.date(1990, 11, 9)


def test_interpreters_are_participants_not_translators() -> None:
    body = ("Time: 5 March 1965, 4:00 p.m.\nObserver: Department Head Zhang Wenjin\nTranslation: Li Xiangwen\n"
            "Documentation: Jiang Chunyi\n\nQiao: An invented remark.")
    rec = parse(page("Record of Conversation between Vice Minister Qiao Guanhua and the DPRK Ambassador to China "
                     "Pak Se-chang", body=body))
    assert [(p.name, p.role) for p in rec.participants] == [
        ("Qiao Guanhua", "Vice Minister"), ("Pak Se-chang", "the DPRK Ambassador to China"),
        ("Zhang Wenjin", "observer"), ("Li Xiangwen", "interpreter"), ("Jiang Chunyi", "recorder")]
    assert rec.translators == []


def test_diary_author_and_a_conversation_written_in_it() -> None:
    rec = parse(page("From the Diary of P. F. Vetrov: Memorandum of Conversation with Mao Zedong on 5 April 1958",
                     date="April 19, 1958"))
    assert rec.kind == "memorandum of conversation"
    assert rec.author is not None and rec.author.name == "P. F. Vetrov"
    # the diarist recorded it: he comes after the others (docs/page-fields.md, order of participants)
    assert [p.name for p in rec.participants] == ["Mao Zedong", "P. F. Vetrov"]
    assert rec.date == dt.date(1958, 4, 19) and rec.conversation_date == dt.date(1958, 4, 5)


def test_journal_of_an_ambassador_is_a_diary() -> None:
    rec = parse(page("Journal of Soviet Ambassador in the DPRK A. M. Tarasenko for 18 May 1958",
                     body="JOURNAL\n\n18 May 1958\n\nI visited the invented minister.", date="May 18, 1958"))
    assert rec.kind == "diary" and rec.author.name == "A. M. Tarasenko"
    assert rec.author.role == "Soviet Ambassador in the DPRK"
    assert rec.events == []  # the entry's day is not a transmission line


# -- citations ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    ("APRF: F. 39, Op. 1, D. 31, Ll. 39-40", {"repository": "APRF", "fond": "39", "opis": "1", "delo": "31",
                                             "folios": "39-40"}),
    ("AVPRF, f. 0100, op. 43, por. 12, papka 302, d. 8, l. 5", {"repository": "AVPRF", "fond": "0100", "opis": "43",
                                                                "item": "12", "papka": "302", "delo": "8",
                                                                "folios": "5"}),
    ("PRC FMA 111-00019-01, 5-8", {"repository": "PRC FMA", "identifier": "111-00019-01", "folios": "5-8"}),
    ("Northfield University Library, Example Family Papers, Box 3, Folder 7",
     {"repository": "Northfield University Library", "collection": "Example Family Papers", "box": "3",
      "papka": "7"}),
    ("RGASPI, Fond and Opis not given, Delo 12", {"repository": "RGASPI", "note": "Fond and Opis not given",
                                                  "delo": "12", "fond": None}),
    ("TsAMO RF, fond 5, opis 918795, delo 121, list 720", {"repository": "TsAMO RF", "fond": "5", "folios": "720"}),
])
def test_citation_parts(text: str, want: dict) -> None:
    c = parse_citation_part(text)
    assert {k: getattr(c, k) for k in want} == want


def test_source_and_original_archive_paragraphs() -> None:
    tail = ("\n\nSummary.\n\nDocument Information\n\nSource\n\nPRC FMA 206-00049-01; original Record No. 206-Y0055. "
            "Translated by Chen Example.\n\nOriginal Archive\n\nAVPRF, f. 0100, op. 46, d. 12, l. 3.\n\nRights\n\n"
            "Reuse of this invented page is free.\n")
    rec = parse(page("Telegram, Zhou Enlai to Mao Zedong", tail=tail))
    fma, avp = rec.citations
    assert (fma.repository, fma.identifier, fma.heading) == ("PRC FMA", "206-00049-01", "Source")
    assert fma.note == "original Record No. 206-Y0055"
    assert (avp.repository, avp.heading) == ("AVPRF", "Original Archive")
    assert [t.name for t in rec.translators] == ["Chen Example"]


def test_prose_citation_finds_the_archive_in_it() -> None:
    tail = ("\n\nSummary.\n\nDocument Information\n\nThe document, from an invented presidential archive, was handed "
            "over during a visit in June 1994 and made available to the project by an embassy. A copy was "
            "subsequently found in RGASPI, f. 558, op. 11, d. 334, ll.0055.\n\nRights\n\nReuse is free.\n")
    (c,) = parse(page("Telegram, Vetrov to Mao Zedong", tail=tail)).citations
    assert (c.repository, c.fond, c.folios) == ("RGASPI", "558", "0055")


def test_published_collection_instead_of_an_archive() -> None:
    tail = ("\n\nSummary.\n\nDocument Information\n\nA. Example and B. Sample, eds., Invented Manuscripts, vol. 7 "
            "(Beijing: Test Press, 2018), 37-39. Translated by David Example.\n\nRights\n\nReuse is free.\n")
    rec = parse(page("Cable, Zhou Enlai to the Chairman [Mao Zedong]", tail=tail))
    (c,) = rec.citations
    assert c.kind == "publication" and c.repository is None and "Invented Manuscripts" in c.collection
    assert not [f for f in rec.flags if f.field.startswith("citations")]
    assert [t.name for t in rec.translators] == ["David Example"]


@pytest.mark.parametrize(("line", "names"), [
    ("Translated for NKIDP by James F. Person.", ["James F. Person"]),
    ("Translated by Svetlana Example for The National Security Archive", ["Svetlana Example"]),
    ("Obtained by Ana Example and translated by Enkel Sample.", ["Enkel Sample"]),
])
def test_translators(line: str, names: list[str]) -> None:
    tail = f"\n\nSummary.\n\nDocument Information\n\nAPRF, f. 1, op. 2, d. 3, l. 4. {line}\n\nRights\n\nReuse.\n"
    rec = parse(page("Telegram, Vetrov to Kuzmin", tail=tail))
    assert [t.name for t in rec.translators] == names
    assert rec.citations[0].repository == "APRF"


def test_record_id_of_the_metadata_block() -> None:
    assert parse(page("Telegram, Vetrov to Kuzmin")).record_id == "4242"


# -- found on later pages (held out while the parser was written) -------------------------------------------------

def test_ambassador_to_a_country_is_an_office_not_an_addressee() -> None:
    rec = parse(page("Telegram from Soviet Ambassador to Cuba Vetrov to USSR Foreign Ministry"))
    (s,) = rec.senders
    assert (s.name, s.role, s.written) == ("Vetrov", "Soviet Ambassador to Cuba", "Soviet Ambassador to Cuba Vetrov")
    assert [r.name for r in rec.recipients] == ["USSR Foreign Ministry"]


def test_from_place_to_place_with_a_classified_tail() -> None:
    rec = parse(page("Telegram from Pyongyang to Bucharest, TOP SECRET, No. 76.054, Urgent"))
    assert rec.senders == [] and rec.recipients == []
    assert (rec.sent_from, rec.destination, rec.number) == ("Pyongyang", "Bucharest", "76.054")


def test_lower_case_from_line_with_a_verb_and_a_registration_number() -> None:
    rec = parse(page("Incoming Cable No. 2209, Druzhkov [Stalin] to Cde. Molotov",
                     body="from SOCHI sent at 1450 3 December 1946\n\nInvented body."))
    assert rec.sent_from == "SOCHI" and rec.number == "2209"
    rec2 = parse(page("Cable Nos. 97-98, Molotov to Druzhkov [Stalin]",
                      body="from NEW YORK Nº 36378 2250 27 October 1946\n\nInvented body."))
    assert rec2.sent_from == "NEW YORK" and rec2.number == "97-98"


def test_from_lines_above_a_delegation_are_not_sent_from() -> None:
    rec = parse(page("Conversation between Lee Example and Kim Sample",
                     body="Participants:\n\nFrom Seoul\nLee Example\n\nFrom Pyongyang\nKim Sample\n\nKim: Welcome."))
    assert rec.sent_from is None and [p.name for p in rec.participants] == ["Lee Example", "Kim Sample"]


def test_archive_initials_with_a_call_number_and_how_the_copy_was_obtained() -> None:
    tail = ("\n\nSummary.\n\nDocument Information\n\nMNL OL XIV-J-1-j Korea 25-005249/1980. Obtained by an Example "
            "Archive, Example University, and translated by Imre Example.\n\nRights\n\nReuse is free.\n")
    rec = parse(page("Telegram from Szabó Example, 'A Report'", tail=tail))
    (c,) = rec.citations
    assert (c.repository, c.identifier) == ("MNL OL", "XIV-J-1-j Korea 25-005249/1980")
    assert c.note is not None and c.note.startswith("Obtained by")
    assert [t.name for t in rec.translators] == ["Imre Example"]


def test_a_page_that_stops_in_its_citation_is_incomplete() -> None:
    rec = parse(page("Telegram, Vetrov to Kuzmin", tail="\n\nSummary.\n\nDocument Information\n\nRGASPI, f. 558, "
                     "op. 11, d. 103, ll. 007"))
    assert rec.incomplete and rec.citations[0].repository == "RGASPI"


@pytest.mark.parametrize(("line", "place"), [
    ("USSR EMBASSY IN THE DPRK", "DPRK"),
    ("EMBASSY OF THE USSR IN THE PRC", "PRC"),
    ("PYONGYANG, 08. 09. 02.", "PYONGYANG"),
])
def test_letterheads_give_the_place_it_was_sent_from(line: str, place: str) -> None:
    rec = parse(page("Telegram from the Hungarian Embassy to the Foreign Ministry",
                     body=f"{line}\n\nTOP SECRET!\n\nAn invented report."))
    assert rec.sent_from == place == rec.quote(rec.sent_from_span)


def test_old_layout_with_site_furniture_and_the_page_address_after_the_citation() -> None:
    text = ("Search in\nADD SEARCH FILTER CANCEL SEARCH FILTER\n\nDigital Archive International History Declassified\n\n"
            "February 26, 1955\n\nREPORT, EMBASSY OF EXAMPLE TO THE FOREIGN MINISTRY\n\nCITATION SHARE DOWNLOAD\n"
            "  • Citation\n\n    get citation\n\n    An invented summary.\n    \"Report, Embassy of Example to the "
            "Foreign Ministry,\" February 26, 1955, History and Public Policy Program Digital Archive, MOL, XIX-J-1-j "
            "Korea, 4. doboz, 5/a, 004076/ 1955. Translated for NKIDP by Balazs Example. "
            "https://archive.example/document/113395\n  • share document\n\n    https://archive.example/document/113395"
            "\n\nVIEW DOCUMENT IN\n\nEnglish HTML\n\nAn invented report.\n")
    rec = parse(text)
    # the page's title line is the title, in its capitals (docs/page-fields.md, title); the quote is read for its parts
    assert rec.title == "REPORT, EMBASSY OF EXAMPLE TO THE FOREIGN MINISTRY" and rec.kind == "report"
    assert [s.name for s in rec.senders] == ["EMBASSY OF EXAMPLE"]
    assert rec.quote(rec.senders[0].span) == "EMBASSY OF EXAMPLE"
    assert [c.repository for c in rec.citations] == ["MOL"]
    assert [t.name for t in rec.translators] == ["Balazs Example"]
    assert rec.body == "An invented report."


@pytest.mark.parametrize(("written", "name", "role"), [
    ("Minister of Foreign Affairs Gromyko", "Gromyko", "Minister of Foreign Affairs"),
    ("Chief of the General Staff Shtemenko", "Shtemenko", "Chief of the General Staff"),
    ("the DPRK Ambassador to China Pak Se-chang", "Pak Se-chang", "the DPRK Ambassador to China"),
    ("the Soviet Ambassador, Peking", "the Soviet Ambassador, Peking", None),  # an office, no name
    ("the Chinese Friendship Delegation", "the Chinese Friendship Delegation", None),
])
def test_office_words_before_a_name(written: str, name: str, role: str | None) -> None:
    from kg.ingest.wilson.title import strip_role

    assert strip_role(written) == (name, role)


# -- second held-out batch (issue 8): layouts the first generalization missed ------------------------------------

@pytest.mark.parametrize("header", ["From Harbin.Sent 3.4.51 10:15", "From Harbin.\n\nSent 3.4.51 10:15"])
def test_a_from_line_glued_to_the_next_line_or_ending_in_a_period(header: str) -> None:
    rec = parse(page("Ciphered Telegram, Vetrov to Kuzmin", body=f"{header}\n\nAn invented report."))
    assert rec.sent_from == "Harbin" == rec.quote(rec.sent_from_span)
    sent = [e for e in rec.events if e.kind == "sent"]
    assert len(sent) == 1 and sent[0].time is not None and (sent[0].time.hour, sent[0].time.minute) == (10, 15)


def test_the_city_after_an_addressed_office_is_the_destination_not_a_recipient() -> None:
    rec = parse(page("Ciphered telegram, Vetrov to Ministry of Foreign Affairs, Moscow"))
    assert [r.name for r in rec.recipients] == ["Ministry of Foreign Affairs"]
    assert rec.destination == "Moscow"


@pytest.mark.parametrize(("title", "author"), [
    ("Excerpts from Orlovsky's diary on his talk with Premier Zhou Enlai about Invented Matters", "Orlovsky"),
    ("Excerpts from P. F. Vetrov's diary on a visit to an invented factory", "P. F. Vetrov"),
])
def test_a_diary_named_in_the_possessive_has_that_author(title: str, author: str) -> None:
    rec = parse(page(title))
    assert rec.kind == "diary"
    assert rec.author is not None and rec.author.name == author == rec.quote(rec.author.span)
    assert rec.senders == [] and rec.recipients == []


@pytest.mark.parametrize(("title", "kind", "sender"), [
    ("Embassy of the GDR in the PR Mongolia, 'Note about the Invented Meeting of Ambassadors'", "note",
     "Embassy of the GDR in the PR Mongolia"),
    ("USSR Embassy in Testland, ‘Informational Letter on Invented Relations’", "letter", "USSR Embassy in Testland"),
    ("Polish Legation in Exampleville, Report on an Invented Harvest", "report", "Polish Legation in Exampleville"),
])
def test_an_office_named_before_the_kind_of_paper_it_wrote(title: str, kind: str, sender: str) -> None:
    rec = parse(page(title))
    assert rec.kind == kind
    assert [s.name for s in rec.senders] == [sender]
    assert rec.quote(rec.senders[0].span) == sender


def test_a_person_named_before_a_memorandum_of_conversation_took_part_in_it() -> None:
    rec = parse(page("Soviet Ambassador to Testland Orlovsky, Memorandum of Conversation with Premier Zhou Enlai"))
    assert rec.kind == "memorandum of conversation"
    assert [p.name for p in rec.participants] == ["Orlovsky", "Zhou Enlai"]
    assert rec.senders == [] and rec.recipients == []


def test_an_archive_and_its_fond_with_no_comma_between_them() -> None:
    c = parse_citation_part("AVPRF F. 0777, Op. 13, P. 72, Delo 5, Listy 165-192")
    assert (c.repository, c.fond, c.opis, c.papka, c.delo, c.folios) == ("AVPRF", "0777", "13", "72", "5", "165-192")


def test_the_archive_page_address_in_an_old_citation_block_gives_the_record_id() -> None:
    text = ("Search in\n\nDigital Archive International History Declassified\n\nMarch 3, 1956\n\n"
            "REPORT, EMBASSY OF EXAMPLE TO THE FOREIGN MINISTRY\n\n  • Citation\n\n    get citation\n\n"
            "    An invented summary.\n    \"Report, Embassy of Example to the Foreign Ministry,\" March 3, 1956, "
            "History and Public Policy Program Digital Archive, MOL, XIX-J-1-j Korea, 4. doboz. "
            "https://digitalarchive.wilsoncenter.org/document/424242\n  • share document\n\nEnglish HTML\n\n"
            "An invented report.\n")
    rec = parse(text)
    assert rec.record_id == "424242"
    other = parse(text.replace("digitalarchive.wilsoncenter.org", "archive.example"))
    assert other.record_id is None  # another site's address names no record of this archive


# -- third held-out batch (issue 8) ------------------------------------------------------------------------------

def test_the_day_at_the_end_of_a_title_is_neither_sender_nor_addressee() -> None:
    rec = parse(page("Telegram from Example Legation in Testville (Vetrov), 21 November 1962"))
    assert [(s.name, s.identified_as) for s in rec.senders] == [("Example Legation in Testville", None)]
    assert [s.name for s in rec.signatories] == ["Vetrov"]  # the envoy in brackets signed it (issue 8, later round)
    assert rec.recipients == []
    rec = parse(page("Telegram from Example Foreign Ministry to Example Embassy, Washington, 29 May 1962"))
    assert [r.name for r in rec.recipients] == ["Example Embassy"]


def test_to_and_from_label_lines_name_the_addressee_and_never_a_place() -> None:
    body = ("Ciphergram No. 16077\n\nDispatched from Havana on 10.31.1962 at 13:30\n\nTo: Zenon EXAMPLE, Eyes only\n\n"
            "From: [Ambassador Boleslaw] VETROV1\n\nAn invented report.")
    rec = parse(page("Telegram from Example Embassy in Havana (Vetrov), 31 October 1962", body=body))
    assert rec.number == "16077"
    assert rec.sent_from == "Havana" == rec.quote(rec.sent_from_span)
    assert [r.name for r in rec.recipients] == ["Zenon EXAMPLE"]
    assert [e.kind for e in rec.events] == ["sent"] and rec.events[0].place == "Havana"


def test_a_persons_office_after_a_comma_and_then_to_the_addressee() -> None:
    rec = parse(page("Telegram from Ivan Testov, Soviet Ambassador to Testland, to the Invented Leadership"))
    assert [(s.name, s.role) for s in rec.senders] == [("Ivan Testov", "Soviet Ambassador to Testland")]
    assert [r.name for r in rec.recipients] == ["the Invented Leadership"]


@pytest.mark.parametrize(("title", "people"), [
    ("Minutes of Conversation between Ivan Testov – Petar Primerov, Example Residence [Testland]",
     ["Ivan Testov", "Petar Primerov"]),
    ("Journal of Ambassador Vetrov, Memorandum of Conversation with Kim Example and Delegation of the Invented "
     "Academy", ["Kim Example", "Delegation of the Invented Academy", "Vetrov"]),  # the diarist recorded it: last
    ("From the Journal of N.G. Vetrov, Soviet Ambassador to Testland, 'Record of a Conversation with General "
     "Secretary of the CC and Chairman of the Invented Council, Kim Example'", ["Kim Example", "N.G. Vetrov"]),
])
def test_participants_of_conversations_in_more_title_shapes(title: str, people: list[str]) -> None:
    rec = parse(page(title))
    assert [p.name for p in rec.participants] == people
    assert rec.senders == [] and rec.recipients == []


@pytest.mark.parametrize(("text", "repo", "parts"), [
    ("Notes of A.B. Example, TsKhSD, f. 5, op. 75, d. 1181, ll. 36-40", "TsKhSD",
     {"fond": "5", "opis": "75", "delo": "1181", "folios": "36-40"}),
    ("Notes by A.B. Example at TsKhSD, f. 5, op. 76, d. 1045, ll. 94-97", "TsKhSD", {"fond": "5", "delo": "1045"}),
    ("Ciphergrams from Testville 1962, 6/77 w-82, Example Foreign Ministry Archive (EFMA), Warsaw",
     "Example Foreign Ministry Archive (EFMA)", {}),
])
def test_citation_parts_that_name_the_archive_late(text: str, repo: str, parts: dict[str, str]) -> None:
    c = parse_citation_part(text)
    assert c.repository == repo
    assert {k: getattr(c, k) for k in parts} == parts


def test_a_period_where_a_comma_belongs_keeps_one_archive() -> None:
    tail = ("\n\nSummary.\n\nDocument Information\n\nSource\n\nAVP SSSR, f. 06. op. 8, d. 45. Translated by Anna "
            "Example.\n\nRights\n\nReuse is free.\n")
    rec = parse(page("Telegram, Vetrov to Kuzmin", tail=tail))
    (c,) = rec.citations
    assert (c.repository, c.fond, c.opis, c.delo) == ("AVP SSSR", "06", "8", "45")
    assert rec.quote(c.span) == c.verbatim


def test_a_prose_sentence_naming_an_archive_is_not_a_citation() -> None:
    tail = ("\n\nSummary.\n\nDocument Information\n\nSource\n\nThe document, from the Example Archives, was given to "
            "an invented visitor in 1994. RGASPI, f. 558, op. 11, d. 334, l. 55.\n\nRights\n\nReuse is free.\n")
    rec = parse(page("Telegram, Vetrov to Kuzmin", tail=tail))
    assert [c.repository for c in rec.citations] == ["RGASPI"]


# -- fourth held-out batch (issue 8) ------------------------------------------------------------------------------

def test_a_diary_whose_record_is_quoted_and_whose_guest_has_offices_after_his_name() -> None:
    rec = parse(page("From the Diary of Vetrov I.S., 'Record of a Conversation with Kim Example, Invented Party "
                     "Politburo member and Secretary, and Minister of Example Affairs, 17 April 1969'"))
    assert rec.kind == "record of conversation"
    assert rec.author is not None and rec.author.name == "Vetrov I.S."  # the initial keeps its period
    assert [p.name for p in rec.participants] == ["Kim Example", "Vetrov I.S."]  # the diarist, who recorded it, last
    assert rec.participants[0].role is not None and "Politburo member" in rec.participants[0].role
    assert rec.conversation_date == dt.date(1969, 4, 17)


def test_an_office_writing_to_a_person_in_another_office() -> None:
    rec = parse(page("Cable No. 3026, Foreign Minister to Ambassador Nakamura, 'On Invented Affairs'",
                     body="From: Foreign Minister\n\nTo: Ambassador to Testland\n\nAn invented text."))
    assert [s.name for s in rec.senders] == ["Foreign Minister"]
    assert [r.name for r in rec.recipients] == ["Nakamura"]
    assert rec.number == "3026"


def test_a_number_with_a_dot_right_after_the_kind_word() -> None:
    rec = parse(page("TELEGRAM 066.621 from the Example Embassy in Testville to the Example Ministry",
                     body="TELEGRAM 066.621\n\nTo: the Example Ministry\n\nAn invented text."))
    assert rec.number == "066.621"
    assert [s.name for s in rec.senders] == ["the Example Embassy in Testville"]
    assert [r.name for r in rec.recipients] == ["the Example Ministry"]


def test_an_address_line_naming_only_an_office_and_a_place_adds_no_recipient() -> None:
    rec = parse(page("Cable from the Example Ministry, 'On Invented Affairs'",
                     body="To: Ambassador to Testland\n\nAn invented text."))
    assert all(not r.name.startswith("to ") for r in rec.recipients)


# -- fifth held-out batch (issue 8): the collapsed older layout -------------------------------------------------

COLLAPSED = ("EXAMPLE COMMITTEE OF THE INVENTED PARTY PRESIDIUM PROTOCOL 32\nThis document was made possible with support "
             "from the Example Foundation\nCITATION SHARE DOWNLOAD-\nCitation\nget citation\nAn invented summary of the "
             "protocol.\"Example Committee of the Invented Party Presidium Protocol 32,\" May 21, 1962, History and "
             "Public Policy Program Digital Archive, RGANI, F. 3, Op. 16, D. 947, Ll. 15-16. Translated and edited by "
             "Anna Example, with assistance from Boris Example. https://digitalarchive.wilsoncenter.org/document/424243 "
             "- Share\n- Download\nVIEW DOCUMENT IN\nEnglish HTML\nPresent: Vetrov, Kuzmin. I. An invented item.\n")


def test_a_summary_glued_before_the_quoted_citation_and_a_kind_at_the_end_of_the_title() -> None:
    rec = parse(COLLAPSED)
    assert rec.title == "EXAMPLE COMMITTEE OF THE INVENTED PARTY PRESIDIUM PROTOCOL 32"  # the title line's capitals
    assert rec.kind == "protocol" and rec.number == "32"
    assert rec.date == dt.date(1962, 5, 21) and rec.date_source == "citation"
    assert rec.summary == "An invented summary of the protocol."
    assert rec.quote(rec.summary_span) == rec.summary
    (c,) = rec.citations
    assert (c.repository, c.fond, c.opis, c.delo, c.folios) == ("RGANI", "3", "16", "947", "15-16")
    assert [t.name for t in rec.translators] == ["Anna Example"]  # an assistant is not the translator
    assert rec.record_id == "424243"


# -- eighth held-out batch (issue 8) ---------------------------------------------------------------------------

def test_a_translator_name_before_a_closing_bracket_loses_the_bracket() -> None:
    quoted = ("May 3, 1971\n\nAn invented summary of the minutes.\n\"Minutes of an Invented Council,\" May 3, 1971, "
              "History and Public Policy Program Digital Archive, EXA, file 12/1971. Translated for CWIHP by "
              "Dora Example.]\nEnglish HTML\n\nAn invented body line.\n")
    rec = parse(quoted)
    assert [t.name for t in rec.translators] == ["Dora Example"]


@pytest.mark.parametrize("text, want", [
    ("E.N.A. fond Central Committee of the Example Party—Office, file 31/1970, f. 4-12",
     ("E.N.A.", "Central Committee of the Example Party—Office", "31/1970", "4-12")),
    ("EXA, Fond Invented Party Archive, dosar 7/1966, f. 2-5", ("EXA", "Invented Party Archive", "7/1966", "2-5")),
    ("EXB, f. 0102, op. 9, d. 44, l. 3", ("EXB", "0102", "44", "3")),  # the Russian "f." stays the fond
])
def test_a_named_fond_and_an_f_after_the_file_meaning_folios(text: str, want: tuple[str, ...]) -> None:
    c = parse_citation_part(text)
    assert (c.repository, c.fond, c.delo, c.folios) == want


@pytest.mark.parametrize("closing", ["Testburg, 1972 July 1.", "Testburg, 1 July 1972", "Testburg, July 1, 1972"])
def test_a_report_signed_off_with_place_and_date_was_sent_from_that_place(closing: str, monkeypatch) -> None:
    import kg.ingest.wilson.sentfrom as sentfrom_mod
    monkeypatch.setattr(sentfrom_mod, "PLACES", {*sentfrom_mod.PLACES, "Testburg"})
    rec = parse(page("Report from Example Person, 'On Invented Matters'", date="July 1, 1972",
                     body=f"An invented first paragraph.\n\nAn invented second paragraph.\n\n{closing}\n\n"
                          "An invented summary of the report."))
    assert rec.sent_from == "Testburg"
    assert rec.quote(rec.sent_from_span) == "Testburg"


def test_a_place_and_date_closing_a_conversation_is_where_they_met_not_a_sending_place() -> None:
    rec = parse(page("Record of Conversation between Example One and Example Two",
                     body="An invented exchange.\n\nBudapest, 1 July 1972\n\nAn invented summary."))
    assert rec.sent_from is None


PDF_COVER_PAGE = ("1 Digital Archive International History Declassified digitalarchive.wilsoncenter.org March 09, 1966 "
                  "Transcript of the Discussions between Example One and Example Two Citation: Transcript of the "
                  "Discussions between Example One and Example Two, March 09, 1966, History and Public Policy Program "
                  "Digital Archive, EXA, Fond Invented Party Office, dosar 4/1966, f. 1-9 Translated by Vera Example "
                  "Summary: An invented summary of the talks. Original Language: Testish Contents: English Translation\n"
                  "\n2 March 8, 1966 An invented first line of the talks.\n")


def test_the_printable_version_with_its_cover_paragraph_on_one_line() -> None:
    rec = parse(PDF_COVER_PAGE)
    assert rec.title == "Transcript of the Discussions between Example One and Example Two"
    assert rec.quote(rec.title_span) == rec.title
    assert rec.date == dt.date(1966, 3, 9)
    assert rec.kind == "transcript"  # a transcript of discussions: the title's form decides (docs/page-fields.md)
    (c,) = rec.citations
    assert (c.repository, c.fond, c.delo, c.folios) == ("EXA", "Invented Party Office", "4/1966", "1-9")
    assert [t.name for t in rec.translators] == ["Vera Example"]
    assert rec.summary == "An invented summary of the talks."
    assert rec.quote(rec.summary_span) == rec.summary


def test_a_transcript_of_a_session_has_no_sender() -> None:
    rec = parse(page("Transcript of the Example Party Presidium Session on Invented Affairs"))
    assert rec.kind == "transcript"
    assert rec.senders == [] and rec.recipients == []


def test_a_city_and_its_district_after_from_is_one_sending_place() -> None:
    rec = parse(page("Telegram from Washington, DC, No.012.345, Urgent, SECRET"))
    assert rec.senders == []
    assert rec.sent_from == "Washington, DC"
    assert rec.quote(rec.sent_from_span) == "Washington, DC"


def test_perechen_and_dokument_in_a_fond_89_style_citation() -> None:
    c = parse_citation_part("EXA, f. 89, per. 12, dok. 7")
    assert (c.repository, c.fond, c.opis, c.delo) == ("EXA", "89", "12", "7")
