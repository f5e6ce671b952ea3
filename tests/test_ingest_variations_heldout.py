"""Page variations that fresh held-out batches of real pages showed (issue 8, later rounds), one fact per test.

Every page here is invented for the test, in the archive's layouts; the expectations are facts a reader of the
page would state.
"""

from __future__ import annotations

import datetime as dt

from tests.page_support import page, parse


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


def test_report_to_an_office_on_talks_with_a_person_is_an_account_of_the_talks() -> None:
    # docs/page-fields.md: a report on a conversation or talks with named people is a record of conversation,
    # which has participants and no addressee
    rec = parse(page("Report to the Political Committee on the Talks With Comrade B. Orlov"))
    assert rec.kind == "record of conversation"
    assert [p.name for p in rec.participants] == ["B. Orlov"]
    assert rec.senders == [] and rec.recipients == []
    rec = parse(page("Report to the Political Committee on the Situation in Testland"))
    assert rec.kind == "report" and [r.name for r in rec.recipients] == ["the Political Committee"]


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


# -- held-out batch 11 ----------------------------------------------------------------------------------------------

def test_a_soft_sign_apostrophe_after_a_citation_word_and_no_article_before_an_archive() -> None:
    tail = ("\n\nAn invented summary.\n\nDocument Information\n\nSource\n\nNotes of Ivan Testov, the Example Foundation "
            "Archive, Fond’ 7, Opis’ 2, Delo 65, List 16. Translated by Anna Vetrova.\n\nRights\n\nFree reuse.\n")
    rec = parse(page("Telegram from Testov to Primerov", tail=tail))
    (c,) = rec.citations
    assert (c.repository, c.fond, c.opis, c.delo, c.folios) == ("Example Foundation Archive", "7", "2", "65", "16")


def test_notes_of_a_meeting_are_a_record_of_conversation() -> None:
    rec = parse(page("Notes of Meeting between Party Secretary Ivan Testov and Chinese Ambassador Li Shili, 3 May 1966"))
    assert rec.kind == "record of conversation"
    assert [p.name for p in rec.participants] == ["Ivan Testov", "Li Shili"]


def test_an_office_in_a_country_of_two_words_is_not_part_of_the_name() -> None:
    rec = parse(page("Memorandum of Conversation between Soviet Ambassador to North Korea Ivan Testov and Kim Example"))
    assert [(p.name, p.role) for p in rec.participants] == [("Ivan Testov", "Soviet Ambassador to North Korea"),
                                                            ("Kim Example", None)]


def test_the_head_of_a_government_delegation_is_named_after_his_office() -> None:
    rec = parse(page("Minutes of the Conversation between Vice Premier Li Shili and the Head of the Testland "
                     "Government Delegation Petar Primerov"))
    assert [p.name for p in rec.participants] == ["Li Shili", "Petar Primerov"]


def test_conversation_of_a_comrade_with_an_office() -> None:
    rec = parse(page("Memorandum of a Conversation of c. Primerov with the USSR Ambassador to the DPRK"))
    assert [p.name for p in rec.participants] == ["Primerov", "the USSR Ambassador to the DPRK"]


def test_a_quoted_record_after_its_author_ends_without_the_quote() -> None:
    rec = parse(page("Jan Testowski, 'Record of Conversation with USSR Ambassador V. Primerov'"))
    assert rec.kind == "record of conversation"
    assert [p.name for p in rec.participants] == ["Jan Testowski", "V. Primerov"]


def test_the_one_whose_conversation_it_was_took_part() -> None:
    rec = parse(page("Testov's Telephone Conversation with Primerov"))
    assert [p.name for p in rec.participants] == ["Testov", "Primerov"]
    assert rec.senders == [] and rec.recipients == []


def test_a_telegram_forms_sending_post_and_number() -> None:
    body = ("Ministry of Foreign Affairs, FPRY\n\nSending: Rio\n\nReceived: 1.XI 62 at 11.10\n\nNo. 777\n\n"
            "Date: 30.X 1962\n\nAn invented report.")
    rec = parse(page("Telegram from Testland Embassy in Rio (Primerov) to Testland Foreign Ministry", body,
                     date="October 30, 1962"))
    assert rec.sent_from == "Rio"
    assert rec.telegram_number == "777"
    assert [s.name for s in rec.senders] == ["Testland Embassy in Rio"]
    assert [r.name for r in rec.recipients] == ["Testland Foreign Ministry"]


def test_a_sending_post_that_is_no_place_is_not_sent_from() -> None:
    rec = parse(page("Telegram from Testland Foreign Ministry to Testland Embassy in Havana",
                     "Sending: IV department\n\nAn invented report."))
    assert rec.sent_from is None


def test_a_number_line_with_nr() -> None:
    """A standalone "Nr X" over a report is its number (the collectors' convention of this session); over a
    telegram it stays the telegram number."""
    rec = parse(page("Report from Jan Testowski to the Foreign Ministry", "Nr 2421/35/62rTjn\n\nAn invented report."))
    assert rec.number == "2421/35/62rTjn" and rec.telegram_number is None
    rec = parse(page("Telegram from Jan Testowski to the Foreign Ministry", "Nr 2421/35/62\n\nAn invented report."))
    assert rec.telegram_number == "2421/35/62" and rec.number is None


def test_a_letter_spaced_place_after_from() -> None:
    rec = parse(page("Telegram from Testov to Primerov", "TELEGRAM No. 1602\n\nFrom M A G A D A N\n\nInvented text."))
    assert rec.sent_from == "MAGADAN" and rec.number == "1602"


def test_missions_in_a_list_of_cities_are_one_addressee_each() -> None:
    rec = parse(page("Telegram from Testland Foreign Ministry to Testland Embassies in Lima, Quito, and La Paz, "
                     "and Missions in Santiago de Chile, Montevideo, and New York City (United Nations)"))
    assert [r.name for r in rec.recipients] == ["Testland Embassies in Lima, Quito, and La Paz",
                                                "Missions in Santiago de Chile, Montevideo, and New York City"]


def test_a_stray_summary_ending_with_capitals_before_the_date_line() -> None:
    text = ("An invented summary of a related document that mentions the UN.\n" + page(
        "Telegram from Testov to Primerov").replace("Skip to content\n\n", ""))
    rec = parse(text)
    assert rec.title == "Telegram from Testov to Primerov"
    assert rec.date == dt.date(1950, 5, 14)


def test_a_page_with_no_title_keeps_its_summary_citation_and_text() -> None:
    text = ("November 14, 1945\n\n\nThis document was made possible with support from the Test Trust\n\n"
            "    Invented summary of what was discussed with the visitors.\n"
            "    APRF, fond 45, opis 1, delo 355, listy 8-11; published in Invented Documents vol. 1 (Moscow: Test "
            "Press, 1997); translated by Anna Vetrova.\nEnglish HTML\n\nMoscow     14 November 1945\n\n"
            "An invented paragraph of the text that stops in the mid")
    rec = parse(text)
    assert rec.title is None and rec.layout == "untitled"
    assert any(f.field == "title" for f in rec.flags)
    assert rec.summary == "Invented summary of what was discussed with the visitors."
    apr, pub = rec.citations
    assert (apr.repository, apr.fond, apr.opis, apr.delo, apr.folios) == ("APRF", "45", "1", "355", "8-11")
    assert pub.kind == "publication"
    assert [t.name for t in rec.translators] == ["Anna Vetrova"]
    assert rec.sent_from == "Moscow" and rec.incomplete


# -- held-out batch 12 ----------------------------------------------------------------------------------------------

def test_labelled_participants_recorder_and_a_sic_after_a_name() -> None:
    body = ("Time: 3:00 p.m., 14 April 1961\n\nParticipants: Ivan Testov, Petar Primerov, and Kim Example\n\n"
            "Translator: Li Shili [sic]\n\nRecord: Zhou Shiwen\n\nRecorder: Chen Example\n\nInvented talk.")
    rec = parse(page("Memorandum of Conversation between Zhao Example and Orlovsky", body))
    assert [(p.name, p.role, p.identified_as) for p in rec.participants] == [
        ("Zhao Example", None, None), ("Orlovsky", None, None), ("Ivan Testov", "participant", None),
        ("Petar Primerov", "participant", None), ("Kim Example", "participant", None),
        ("Li Shili", "interpreter", None), ("Zhou Shiwen", "recorder", None), ("Chen Example", "recorder", None)]
    assert rec.translators == []


def test_a_participant_the_editor_adds_in_brackets() -> None:
    rec = parse(page("Conversation with Comrade Ivan Testov [and Petar Primerov], on 1 May 1968 during the parade"))
    assert [p.name for p in rec.participants] == ["Ivan Testov", "Petar Primerov"]
    assert rec.conversation_date == dt.date(1968, 5, 1)


def test_a_stenographic_note_of_a_conversation() -> None:
    rec = parse(page("Stenographic Note held during the Conversation between Chairman Li Shili and Ivan Testov and "
                     "Petar Primerov in Shanghai"))
    assert rec.kind == "record of conversation"
    assert [p.name for p in rec.participants] == ["Li Shili", "Ivan Testov", "Petar Primerov"]


def test_a_protocol_of_a_conversation_and_a_session_are_minutes() -> None:
    assert parse(page("Protocol of the Conversation between Li Shili and Ivan Testov")).kind == "minutes of conversation"
    # a body's session named alone is a meeting (docs/page-fields.md, kind: "conversation / meeting"); the text's
    # first line may name the record's form (tests/test_ingest_p7_kinds.py)
    rec = parse(page("Session of the Testland CC Politburo, 16 April 1981 (excerpt)"))
    assert rec.kind == "meeting" and rec.senders == [] and rec.recipients == []
    assert parse(page("Transcript of Testland CC Politburo Meeting (excerpt), 4 June 1981")).kind == "transcript"


def test_a_record_of_negotiations_with_an_office_in_a_country_of_two_words() -> None:
    rec = parse(page("Record of Negotiations between Ivan Testov and Prime Minister of Great Britain Anna Example, "
                     "London"))
    assert rec.kind == "record of conversation"
    assert [(p.name, p.role) for p in rec.participants] == [("Ivan Testov", None),
                                                            ("Anna Example", "Prime Minister of Great Britain")]


def test_an_archive_named_in_prose_then_one_of_its_collections() -> None:
    tail = ("\n\nAn invented summary.\n\nDocument Information\n\nSource\n\nTsKhSD, f. 89, op. 4, d. 2, ll. 1-5., "
            "first published in Invented Working Paper 1. Original available in the Example Security Archive "
            "TEST/READD Collection.\n\nRights\n\nFree reuse.\n")
    rec = parse(page("Session of the Testland CC Politburo, 16 April 1981 (excerpt)", tail=tail))
    ts, pub, arc = rec.citations
    assert (ts.repository, ts.fond, ts.opis, ts.delo, ts.folios) == ("TsKhSD", "89", "4", "2", "1-5")
    assert pub.kind == "publication"
    assert (arc.repository, arc.collection) == ("Example Security Archive", "TEST/READD Collection")


# -- held-out batch 13 ----------------------------------------------------------------------------------------------

def test_a_report_or_notes_of_a_meeting_between_people_records_a_conversation() -> None:
    for title in ("Report on a Meeting between Ivan Testov and Ambassador Petar Primerov",
                  "Notes from a Meeting between Ivan Testov and Ambassador Petar Primerov"):
        rec = parse(page(title))
        assert rec.kind == "record of conversation", title
        assert [p.name for p in rec.participants] == ["Ivan Testov", "Petar Primerov"], title
        assert rec.senders == [] and rec.recipients == []


def test_a_report_on_a_meeting_of_a_body_stays_a_report() -> None:
    rec = parse(page("Report on a Meeting of the Testland Planning Commission"))
    assert rec.kind == "report" and rec.participants == []


def test_a_files_title_and_box_in_the_next_sentence_belong_to_the_archive_before() -> None:
    tail = ("\n\nAn invented summary.\n\nDocument Information\n\nSource\n\nArchive of the Ministry of Foreign Affairs, "
            "Prague. Testland, Signature 7, Box 3. Translated by Anna Vetrova.\n\nRights\n\nFree reuse.\n")
    rec = parse(page("Telegram from Pyongyang", tail=tail))
    (c,) = rec.citations
    assert (c.repository, c.box) == ("Archive of the Ministry of Foreign Affairs", "3")
    assert "Signature 7" in (c.collection or "")
    assert rec.sent_from == "Pyongyang" and rec.senders == []


# -- held-out batch 14 ----------------------------------------------------------------------------------------------

def test_a_speech_by_a_person_with_his_office_and_where_it_was_given() -> None:
    rec = parse(page("Main Speech by Premier Ivan Testov, Head of the Delegation of Testland, Distributed at the "
                     "Plenary Session of the Invented Conference"))
    assert rec.kind == "speech"
    assert [(s.name, s.role) for s in rec.senders] == [("Ivan Testov", "Head of the Delegation of Testland")]
    rec = parse(page("Speech by Premier Ivan Testov at the Closing Session of the Invented Conference"))
    assert [s.name for s in rec.senders] == ["Ivan Testov"]


def test_a_message_via_a_government_line_names_no_intermediary() -> None:
    rec = parse(page("Telephone message via VCh to Cde. Testov and Cde. Primerov",
                     "Telephone message via VCh\nfrom Budapest 9 November\nto Cde. Testov\n\nInvented text."))
    assert rec.kind == "message"
    assert [r.name for r in rec.recipients] == ["Testov", "Primerov"]
    assert rec.senders == [] and rec.via == []
    assert rec.sent_from == "Budapest"


def test_a_person_named_as_intermediary_stays_one() -> None:
    rec = parse(page("Telegram from Testov to Primerov via Orlovsky"))
    assert [v.name for v in rec.via] == ["Orlovsky"]


# -- held-out batch 15 ----------------------------------------------------------------------------------------------

def test_what_a_conversation_was_about_is_not_part_of_a_name() -> None:
    rec = parse(page("From the Diary of V. I. Testov: Record of Conversation with Z. Primerov on the Question of "
                     "Preparing for the Invented Negotiations"))
    assert rec.kind == "record of conversation"
    assert rec.author is not None and rec.author.name == "V. I. Testov"
    assert [p.name for p in rec.participants] == ["Z. Primerov", "V. I. Testov"]  # the diarist recorded it: last
    rec = parse(page("Record of Conversation with Ivan Testov regarding the Invented Railway"))
    assert [p.name for p in rec.participants] == ["Ivan Testov"]


# -- held-out batch 16 ----------------------------------------------------------------------------------------------

def test_a_title_naming_only_writer_and_addressee_and_a_text_that_says_what_it_is() -> None:
    rec = parse(page("Ivan Testov Primerov to the Testland Armed Forces Minister [Petar Orlov]",
                     "Report on the invented visit to Testland and on the talks held there:\n\nInvented text."))
    assert rec.kind == "report"
    assert [s.name for s in rec.senders] == ["Ivan Testov Primerov"]
    assert [(r.name, r.identified_as) for r in rec.recipients] == [("the Testland Armed Forces Minister",
                                                                     "Petar Orlov")]


def test_an_untyped_title_with_a_plain_text_stays_a_document() -> None:
    rec = parse(page("Ivan Testov to Petar Primerov", "An invented first paragraph."))
    assert rec.kind == "document"
    assert [s.name for s in rec.senders] == ["Ivan Testov"] and [r.name for r in rec.recipients] == ["Petar Primerov"]


# -- held-out batch 17 ----------------------------------------------------------------------------------------------

def test_a_meeting_of_a_party_body_is_its_minutes_and_notes_from_it_a_record() -> None:
    rec = parse(page("Meeting of the Politburo of the Testland CC, Regarding the Invented Request"))
    assert rec.kind == "meeting" and rec.senders == [] and rec.recipients == []  # named alone (see above)
    rec = parse(page("Meeting of the Politburo of the Testland CC, Regarding the Invented Request",
                     "Minutes\n\nThe members heard the report and agreed."))
    assert rec.kind == "minutes of conversation" and rec.senders == [] and rec.recipients == []
    rec = parse(page("Ivan Testov, Notes from a Meeting of the Politburo"))
    assert rec.kind == "record of conversation"
    assert [p.name for p in rec.participants] == ["Ivan Testov"]
    assert parse(page("Meeting of the Testland Trade Delegation with Petar Primerov")).kind == "meeting"


# -- held-out batch 18 ----------------------------------------------------------------------------------------------

def test_minutes_naming_the_two_sides_joined_by_a_dash() -> None:
    rec = parse(page("Minutes of Ivan Testov – Anna Example Meeting, Delhi"))
    assert rec.kind == "minutes of conversation"
    assert [p.name for p in rec.participants] == ["Ivan Testov", "Anna Example"]
    assert rec.senders == [] and rec.recipients == []


def test_a_stenographic_transcript_of_official_talks_records_a_conversation() -> None:
    rec = parse(page("Stenographic Transcript of the Official talks between Ivan Testov and Li Shili"))
    assert rec.kind == "transcript"  # the title's form decides (docs/page-fields.md); the two took part
    assert [p.name for p in rec.participants] == ["Ivan Testov", "Li Shili"]
