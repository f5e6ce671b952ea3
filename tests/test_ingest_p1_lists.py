"""What kind of record a conversation page is, and who took part, read from the structure of the page: the title's
form word (a transcript of a conversation is a transcript; an untranslated "Vermerk" is a note, a "Vermerk" on a
conversation a record of it), and lists of those present wherever the text has them ("Participating:", "ATTENDED
BY", "Guests:", one side's list, a chair, family names with initials after them). The pages are invented."""

from __future__ import annotations

import pytest

from tests.page_support import names, parse_titled


def parse(title: str, body: str = "The two sides spoke about invented matters."):
    return parse_titled(title, body)


@pytest.mark.parametrize("title", [
    "Transcript of Conversation between Ivan Testov and Kim Example",
    "Transcript, Meeting of Ivan Testov and Kim Example",
    "Stenographic Transcript of the Official Talks between Ivan Testov and Kim Example",
    "Transcript of a Telephone Conversation between Ivan Testov and Kim Example",
])
def test_a_transcript_of_a_conversation_is_a_transcript_and_its_sides_took_part(title) -> None:
    rec = parse(title)
    assert rec.kind == "transcript"
    assert names(rec.participants) == ["Ivan Testov", "Kim Example"]
    assert rec.senders == [] and rec.recipients == []


def test_a_transcript_of_a_bodys_session_names_no_one_from_its_title() -> None:
    rec = parse("Transcript of the Meeting of the Invented Politburo of the CC")
    assert rec.kind == "transcript" and rec.participants == [] and rec.senders == []


@pytest.mark.parametrize(("title", "kind", "who"), [
    ("Vermerk über das Gespräch zwischen Ivan Testov und Kim Example", "record of conversation",
     ["Ivan Testov", "Kim Example"]),
    ("Vermerk über ein Gespräch mit Kim Example", "record of conversation", ["Kim Example"]),
    ("Vermerk on the Conversation of Ivan Testov with Kim Example", "record of conversation",
     ["Ivan Testov", "Kim Example"]),
    ("Vermerk", "note", []),
    ("Vermerk über die Sitzung des Invented Rates", "note", []),
])
def test_a_german_vermerk(title, kind, who) -> None:
    rec = parse(title)
    assert rec.kind == kind and names(rec.participants) == who


def test_a_german_vermerk_names_offices_and_the_day() -> None:
    rec = parse("Vermerk über das Gespräch des Bundeskanzlers Testmann mit Generalsekretär Examplov am 12. Juni 1979")
    assert [(p.name, p.role) for p in rec.participants] == [("Testmann", "Bundeskanzlers"),
                                                           ("Examplov", "Generalsekretär")]
    assert rec.conversation_date is not None and rec.conversation_date.isoformat() == "1979-06-12"


def test_a_cryptogram_is_a_ciphered_telegram_and_a_meeting_after_the_sender_is_what_it_reports() -> None:
    rec = parse("Cryptogram No 4711 from Testland Embassy in Bucharest, Ambassador Examplov's Meeting with the "
                "Invented Ambassador")
    assert rec.kind == "ciphered telegram" and rec.number == "4711"
    assert names(rec.senders) == ["Testland Embassy in Bucharest"]


@pytest.mark.parametrize("label", ["Participating", "PARTICIPANTS", "ATTENDED BY", "Attended by", "Those taking part",
                                   "In attendance"])
def test_a_labelled_list_anywhere_in_the_text_names_who_took_part(label) -> None:
    rec = parse("Record of Conversation between Ivan Testov and Kim Example",
                f"The talk began at noon.\n\n{label}: Counsellor P. Primerov, Li Example (interpreter), "
                "Comrade A. Sampleton.\n\nTestov opened the talk.")
    assert [(p.name, p.role) for p in rec.participants] == [
        ("Ivan Testov", None), ("Kim Example", None), ("P. Primerov", "Counsellor"), ("Li Example", "interpreter"),
        ("A. Sampleton", "participant")]
    assert rec.participants[-1].honorific == "Comrade"
    assert rec.translators == []


def test_each_sides_list_and_a_list_split_by_sides() -> None:
    rec = parse("Memorandum of Conversation between Ivan Testov and Kim Example",
                "On the Testland side: Ambassador A. Primerov, First Secretary B. Examplova.\n"
                "From the Exampleland side - Vice Minister Li Sample, Wang Test (interpreter).\n\n"
                "Present: on the Testland side - C. Testenko; on the Exampleland side - Zhou Sample\n\n"
                "Testov said the invented treaty was ready.")
    assert names(rec.participants) == ["Ivan Testov", "Kim Example", "A. Primerov", "B. Examplova", "Li Sample",
                                       "Wang Test", "C. Testenko", "Zhou Sample"]
    assert rec.participants[5].role == "interpreter"
    assert rec.body.startswith("Testov said")


def test_a_side_label_before_a_sentence_is_text() -> None:
    rec = parse("Record of Conversation between Ivan Testov and Kim Example",
                "Testland side: we think the invented treaty is ready and should be signed soon.\n\nTestov agreed.")
    assert names(rec.participants) == ["Ivan Testov", "Kim Example"]
    assert rec.body.startswith("Testland side: we think")


def test_a_session_chaired_by_one_with_family_names_before_initials() -> None:
    rec = parse("Transcript of the Invented Party Politburo Session on Railways",
                "Top Secret\n\nChaired by Comrade Testov, I.V.\n\nIn attendance: Comrades Primerov, A.A.; Examplov, "
                "B.Ia.; Sampleson, K.U.\n\nTESTOV. We open the session.")
    assert names(rec.participants) == ["Testov, I.V.", "Primerov, A.A.", "Examplov, B.Ia.", "Sampleson, K.U."]
    assert rec.participants[0].role == "chair" and rec.participants[0].honorific == "Comrade"


def test_a_list_label_alone_with_one_person_a_line_and_blank_lines_between() -> None:
    rec = parse("Minutes of Conversation between Ivan Testov and Kim Example",
                "Participating:\n\nA. Primerov, Ambassador\n\nLi Sample\n\nWang Test (interpreter)\n\n"
                "Testov opened the talk with an invented remark about the harvest.")
    assert names(rec.participants) == ["Ivan Testov", "Kim Example", "A. Primerov", "Li Sample", "Wang Test"]
    assert rec.body.startswith("Testov opened")


def test_a_speaker_named_on_his_own_line_after_a_list_is_not_read_as_more_of_it() -> None:
    rec = parse("Minutes of Conversation between Ivan Testov and Kim Example",
                "Present: A. Primerov\n\nZhou Sample\nWe welcome the invented delegation to our country.")
    assert names(rec.participants) == ["Ivan Testov", "Kim Example", "A. Primerov"]


def test_a_guest_list_is_read_but_guests_in_a_sentence_are_not() -> None:
    rec = parse("Record of Conversation between Ivan Testov and Kim Example",
                "Guests: Li Sample, Wang Test\n\nGuests: were received in the hall of the invented palace.")
    assert [(p.name, p.role) for p in rec.participants][2:] == [("Li Sample", "guest"), ("Wang Test", "guest")]


def test_comrade_before_a_participant_of_the_title_is_a_form_of_address() -> None:
    rec = parse("Record of Conversation between Comrade J. Testov and Kim Example")
    (a, b) = rec.participants
    assert (a.name, a.honorific, a.role) == ("J. Testov", "Comrade", None)


@pytest.mark.parametrize("body", [
    "Comrades Ion Testescu, member of the CC of the Invented Party, Vice-President of the Council, Petar Primerov, "
    "deputy member of the CC, attended the meeting.\n\n[Kim Example] was accompanied by Li Sample, member of the "
    "Executive Committee, Wang Test, head of the International Section of the Front.",
    "The meeting was attended by:\nIon Testescu[3] – Minister of Invented Affairs;\nPetar Primerov[4] – Ambassador "
    "to Exampleland;\nLi Sample – Head of Department IV;\nWang Test – Ambassador of Exampleland\nIvan Testov: Welcome.",
    "Participating in the meeting were: Ion Testescu, Petar Primerov, Li Sample. Also invited were comrades Wang "
    "Test.\n\nIvan Testov: Welcome.",
    "From the Testland side deputy minister Ion Testescu, head of department Petar Primerov, and from the "
    "Exampleland side, department head of the MFA Li Sample and Ambassador Wang Test, participated in the talks.",
])
def test_those_named_in_the_opening_sentences_took_part(body) -> None:
    rec = parse("Minutes of Conversation between Ivan Testov and Kim Example", body)
    assert names(rec.participants) == ["Ivan Testov", "Kim Example", "Ion Testescu", "Petar Primerov", "Li Sample",
                                       "Wang Test"]


def test_a_delegation_consisting_of_ranks_and_offices() -> None:
    rec = parse("Record of Conversation between Ivan Testov and Kim Example",
                "The delegation of the Testland side consisted of: Lt. Gen. Petar Primerov—head, Colonel Li "
                "Sample—Chief of Department I, and Colonel Wang Test P.I.—Chief of Department VII.\n\nThe talks "
                "were long.")
    assert names(rec.participants)[2:] == ["Petar Primerov", "Li Sample", "Wang Test P.I."]


def test_a_sentence_that_names_no_list_adds_no_one() -> None:
    rec = parse("Record of Conversation between Ivan Testov and Kim Example",
                "The meeting was attended by representatives of the invented ministries, who spoke of the harvest.")
    assert names(rec.participants) == ["Ivan Testov", "Kim Example"]


@pytest.mark.parametrize(("title", "who", "parts"), [
    ("Testland General Testov Meets Invented General Primerov to Discuss Radio Matters", ["Testov", "Primerov"],
     [None, None]),
    ("Comrade Zhou Example, Comrade Peng Sample Receive Tran Test, Testland’s Ambassador to China; and Pak Se-test, "
     "Exampleland’s Ambassador to China", ["Zhou Example", "Peng Sample", "Tran Test", "Pak Se-test"],
     ["host", "host", "guest", "guest"]),
])
def test_a_meeting_told_as_news(title, who, parts) -> None:
    rec = parse(title)
    assert rec.kind == "meeting" and names(rec.participants) == who
    assert [p.part for p in rec.participants] == parts and rec.senders == [] and rec.recipients == []


def test_a_rank_before_a_name_with_particles_and_the_building_where_they_met() -> None:
    rec = parse("Minutes of the Meeting between Erich Testmann and Colonel Muammar al-Testafi in the House of the "
                "Central Committee of the Invented Party")
    assert [(p.name, p.role) for p in rec.participants] == [("Erich Testmann", None), ("Muammar al-Testafi", "Colonel")]


def test_a_lower_case_comrade_presiding_is_a_form_of_address() -> None:
    rec = parse("Transcript of Meeting of the Invented Politburo",
                "The meeting was presided over by comrade Ion Testescu, secretary general of the Invented Party.\n\n"
                "Participating in the meeting were: Emil Probnu, Ana Examplu.\n\nCde. Ion Testescu: We begin.")
    assert names(rec.participants) == ["Ion Testescu", "Emil Probnu", "Ana Examplu"]
    assert rec.participants[0].honorific == "comrade"
