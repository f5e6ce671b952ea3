"""Reading a title's structure: who issued it when a body or office stands before the kind word, where a mission
wrote from, what a description after the parties is (a noun phrase, a quoted subject, an editors' bracket), kind
words the list did not have ("Cipher No.", "Memorandum of Meeting"), and a conversation record written by a mission
(the mission is not a participant; the person in brackets signed it). The titles are invented."""

from __future__ import annotations

import pytest

from tests.page_support import names
from tests.page_support import parse_titled as parse


@pytest.mark.parametrize(("title", "kind", "senders", "recipients"), [
    ("Secret North Testland Politburo Cable No. 32", "cable", ["North Testland Politburo"], []),
    ("Ministry of Foreign Affairs Information to the President, 'Minister Testov's Visit'", "information",
     ["Ministry of Foreign Affairs"], ["the President"]),
    ("VKP(B) CC DECREE, 'CONCERNING INSTRUCTIONS TO CDES. TESTOV AND PRIMEROV'", "decree", ["VKP(B) CC"], []),
    ("Testland Politburo Decision with Approved Message from Testov to Primerov", "decision",
     ["Testland Politburo"], []),
    ("Draft Instructions to Testov and Primerov, VKP(b) CC Decree, [with attached table]", "instruction",
     ["VKP(b) CC"], ["Testov", "Primerov"]),
])
def test_a_body_before_the_kind_word_issued_it(title, kind, senders, recipients) -> None:
    rec = parse(title)
    assert (rec.kind, names(rec.senders), names(rec.recipients)) == (kind, senders, recipients)


@pytest.mark.parametrize(("title", "sender", "place"), [
    ("Cable from Exampleland Embassy in Havana to Tokyo", "Exampleland Embassy in Havana", "Havana"),
    ("Cable from the Testland Embassy in Bulgaria, 'Reflections on an Invented Test'", "the Testland Embassy in Bulgaria",
     "Bulgaria"),
    ("Telegram from the Soviet Ambassador in Beijing to Ivan Testov", "the Soviet Ambassador in Beijing", "Beijing"),
    ("Note from the Embassy of Testland in Havana to the Ministry", "the Embassy of Testland in Havana", "Havana"),
    ("Report of the Embassy of the People’s Republic of Testland in Korea",
     "the Embassy of the People’s Republic of Testland in Korea", "Korea"),
])
def test_a_mission_in_a_place_wrote_from_there_and_a_place_is_no_addressee(title, sender, place) -> None:
    rec = parse(title)
    assert names(rec.senders) == [sender] and rec.sent_from == place
    assert all(r.name != "Tokyo" for r in rec.recipients)
    if "Tokyo" in title:
        assert rec.destination == "Tokyo" and rec.recipients == []


@pytest.mark.parametrize(("title", "senders", "recipients"), [
    ("Telegram, Visit of Mr. Testov to Exampleburg", [], []),
    ("Telegram Number 1797/1800, 'Invented Foreign Policy'", [], []),
    ("Letter to the Invented Central Committee, Translation of Testland Party Article", [],
     ["the Invented Central Committee"]),
    ("Minute from Ivan Testov to Petar Primerov, Reflecting Invented Perspectives on the Uprising", ["Ivan Testov"],
     ["Petar Primerov"]),
    ("Telegram, Testov to Li Example and Zhou Sample, 19 December 1949 (excerpt)", ["Testov"],
     ["Li Example", "Zhou Sample"]),
])
def test_a_description_after_the_parties_names_no_one(title, senders, recipients) -> None:
    rec = parse(title)
    assert (names(rec.senders), names(rec.recipients)) == (senders, recipients)


@pytest.mark.parametrize(("title", "kind", "who"), [
    ("Cipher No. 6247 from Havana", "ciphered telegram", []),
    ("Memorandum from Conversations with the Daughter of the Prime Minister of Testland, ANNA EXAMPLE",
     "memorandum of conversation", ["ANNA EXAMPLE"]),
    ("Memorandum of Meeting of Testland Prime Minister Vorsten, Pik Testa and Brand Examplier on Invented Matters",
     "memorandum of conversation", ["Vorsten", "Pik Testa", "Brand Examplier"]),
])
def test_kind_words_and_the_subject_after_the_sides(title, kind, who) -> None:
    rec = parse(title)
    assert rec.kind == kind and names(rec.participants) == who and rec.senders == []


def test_a_conversation_record_written_by_a_mission() -> None:
    rec = parse("Testland Embassy in Havana (Testov), Report on Conversation with Invented Foreign Ministry Official "
                "on Testland-Exampleland Relations and the Invented Split")
    assert rec.kind == "record of conversation"
    assert names(rec.participants) == ["Invented Foreign Ministry Official"]  # the mission took no part
    assert names(rec.signatories) == ["Testov"] and rec.sent_from == "Havana"
    assert rec.senders == [] and rec.recipients == []
    rec = parse("Ambassador Testov, Memorandum of Conversation with Raul Example")
    assert [(p.name, p.role) for p in rec.participants] == [("Testov", "Ambassador"), ("Raul Example", None)]


@pytest.mark.parametrize(("title", "kind", "who"), [
    # the diarist recorded the conversation: he comes after the others
    ("From the Diary of A. M. Testov: Memorandum of Conversation with Kim Example on 5 April 1958",
     "memorandum of conversation", ["Kim Example", "A. M. Testov"]),
    # a diarist who received a guest was his host, and he recorded it: after the others (docs/page-fields.md, order)
    ("From the Journal of A. A. Testov, 'Reception of the Ambassador of Testland in Moscow Ivan Examplov, 21 July "
     "1949'", "meeting", ["Ivan Examplov", "A. A. Testov"]),
    # an account of a meeting with named people, to a body: no addressee
    ("Report to the Invented Committee on the Consultation Meeting With Comrade J. Testov and Comrade A. Primerov",
     "record of conversation", ["J. Testov", "A. Primerov"]),
    ("Information about a Conversation with Testov, Ivan, Member of the Executive of the Invented Party",
     "record of conversation", ["Testov, Ivan"]),
    # the head of a delegation named is the participant
    ("Transcript of Official Conversations Between the Testland Delegation led by Ivan Testov, and the Party and "
     "Government Delegation of the Exampleland P.R. led by Zhou Example on the Occasion of their Visit",
     "transcript", ["Ivan Testov", "Zhou Example"]),
    ("Notes on the visit of Testland Chargé d’Affaires, Testov, with Foreign Minister Wahlen",
     "record of conversation", ["Testov", "Wahlen"]),
    ("Record of a Conversation of M. S. Testov with President of Exampleland, General Secretary of the CC PDPA "
     "Najibullah", "record of conversation", ["M. S. Testov", "Najibullah"]),
])
def test_who_took_part_read_from_the_titles_structure(title, kind, who) -> None:
    rec = parse(title)
    assert rec.kind == kind and names(rec.participants) == who
    assert rec.senders == [] and rec.recipients == []


def test_an_office_the_editors_identify_in_brackets_and_a_meeting_whose_record_the_text_names() -> None:
    rec = parse("The Premier’s [Ivan Testov's] Meeting with Foreign Minister Levy on Friday, 14 March 1991, 13.15 "
                "until 14.15 hours", "V e r m e r k\n\nüber das Gespräch des Herrn Premiers mit dem Minister\n\n"
                "Der Premier begrüßt den Minister.")
    assert rec.kind == "record of conversation"
    (a, b) = rec.participants
    assert (a.name, a.identified_as, b.name, b.role) == ("The Premier", "Ivan Testov", "Levy", "Foreign Minister")
    assert rec.conversation_date is not None and rec.conversation_date.isoformat() == "1991-03-14"


def test_a_speech_of_the_one_named_in_the_possessive() -> None:
    rec = parse("Excerpt from the Unedited Translation of Ivan Testov’s Speech at the Invented Conference of Parties")
    assert rec.kind == "speech" and names(rec.senders) == ["Ivan Testov"] and rec.recipients == []


def test_a_memo_and_a_name_followed_by_its_office_without_a_comma() -> None:
    rec = parse("Memo from Testov to Primerov")
    assert rec.kind == "memorandum" and names(rec.senders) == ["Testov"]


def test_a_report_whose_writers_are_named_is_theirs() -> None:
    rec = parse("Report of the President of Testland Ivan Testov and General Secretary Petar Primerov on Talks with "
                "Examplov in Moscow (excerpts)")
    assert rec.kind == "report" and names(rec.senders) == ["Ivan Testov", "Petar Primerov"]
    assert rec.participants == [] and rec.recipients == []


@pytest.mark.parametrize(("title", "kind", "senders", "recipients", "number"), [
    ("Telegram from the Testland Embassy in Vienna to Deputy Minister Ion Testescu and Vice President of the State "
     "Committee for Nuclear Energy Ion Examplu", "telegram", ["the Testland Embassy in Vienna"],
     ["Ion Testescu", "Ion Examplu"], None),
    ("Exampleland Embassy Cable, Exampleland Ambassador to Bonn Reports on Invented Pressure", "cable",
     ["Exampleland Embassy"], [], None),
    ("Report by the Chairman of the Delegation from the Ministry of Internal Affairs of the Testland Republic, Comrade "
     "Ivan Testov during the Invented Bloc Meeting on Radio", "report", ["Ivan Testov"], [], None),
    ("Statement by Ivan Testov on Visit to the DPRK", "statement", ["Ivan Testov"], [], None),
    ("Central Committee Testland Communist Party Politburo Secret Resolution Regarding Arms Supply to Exampleland",
     "resolution", ["Central Committee Testland Communist Party Politburo"], [], None),
    ("Memorandum DEM/132 by Luiz Augusto de Testo Neves, Deputy Chief of Energy and Mineral Resources, for the Head of "
     "the Department of Economy, 'Possible Cooperation'", "memorandum", ["Luiz Augusto de Testo Neves"],
     ["the Head of the Department of Economy"], "DEM/132"),
    ("Telegram No. 84, Permanent Mission of Testland to the U.N. in Geneva to the Testland Foreign Ministry",
     "telegram", ["Permanent Mission of Testland to the U.N. in Geneva"], ["the Testland Foreign Ministry"], "84"),
])
def test_offices_bodies_and_descriptions_around_the_parties(title, kind, senders, recipients, number) -> None:
    rec = parse(title)
    assert (rec.kind, names(rec.senders), names(rec.recipients), rec.number) == (kind, senders, recipients, number)


@pytest.mark.parametrize(("title", "senders", "recipients"), [
    ("Testmann to Hermann Examplov", ["Testmann"], ["Hermann Examplov"]),
    ("Testland and Exampleland Interior Ministries Plan to Cooperate against Invented Propaganda", [], []),
    ("Moscow to Beijing", [], []),
    ("Hans-Peter Testmann, 'RE: Invented Cooperation; Result of my Meeting with the President'", ["Hans-Peter Testmann"],
     []),
    ("Letter by People’s Representative and Candidate Invented Politburo Member Andrey Testov to Stanko Primerov, "
     "Chairman of the People’s Assembly", ["Andrey Testov"], ["Stanko Primerov"]),
])
def test_untitled_and_quoted_parties(title, senders, recipients) -> None:
    rec = parse(title)
    assert (names(rec.senders), names(rec.recipients)) == (senders, recipients)
