"""Wider families of page variations (issue 8, second round of fresh batches, 30 onward): rules general by
construction, each tested on invented titles in several orders and spellings.

Every page and name here is invented for the test; each test states facts a reader of the page would state.
"""

from __future__ import annotations

import pytest

from tests.page_support import TAIL, page, parse


def _names(refs: list) -> list[str]:
    return [r.name for r in refs]


@pytest.mark.parametrize(("title", "want"), [
    # one plural noun shared by two sides: each side gets its own
    ("Protocol of Talks between the Delegations of Testland and Exampleland",
     ["the Delegation of Testland", "the Delegation of Exampleland"]),
    ("Protocol of Talks between the Delegations of the People's Republic of Testland and the Democratic "
     "Republic of Exampleland",
     ["the Delegation of the People's Republic of Testland", "the Delegation of the Democratic Republic of Exampleland"]),
    ("Minutes of the Talks between the Party Delegations of the TWP and the EWP",
     ["the Party Delegation of the TWP", "the Party Delegation of the EWP"]),
    ("Record of the Talks between the Testian and Examplish Party Delegations, 5 July 1963",
     ["the Testian Party Delegation", "the Examplish Party Delegation"]),
    ("Memorandum of Conversation between the Foreign Ministers of Testland and of Exampleland",
     ["the Foreign Minister of Testland", "the Foreign Minister of Exampleland"]),
    ("Record of Talks between the Testian and Examplish Governments",
     ["the Testian Government", "the Examplish Government"]),
    ("Record of the Meeting of the Delegations of Testland and Exampleland",
     ["the Delegation of Testland", "the Delegation of Exampleland"]),
])
def test_a_plural_shared_by_two_sides_names_each_side(title: str, want: list[str]) -> None:
    rec = parse(page(title))
    assert _names(rec.participants) == want
    assert rec.senders == [] and rec.recipients == []
    for p in rec.participants:  # each side is attested by its own words on the page
        assert rec.quote(p.span).split()[0] in p.written


def test_a_delegation_side_is_an_organization_a_minister_a_person() -> None:
    rec = parse(page("Record of Talks between the Delegations of Testland and Exampleland"))
    assert {p.kind for p in rec.participants} == {"organization"}
    rec = parse(page("Record of Talks between the Foreign Ministers of Testland and Exampleland"))
    assert {p.kind for p in rec.participants} == {"person"}


@pytest.mark.parametrize(("title", "kind", "want"), [
    ("Memorandum of a Talk between Testov, Foreign Minister of Testland, and Dover, Ambassador of Exampleland",
     "memorandum of conversation", ["Testov", "Dover"]),
    ("Record of Conversation between Testov, Foreign Minister of Testland, and Dover",
     "record of conversation", ["Testov", "Dover"]),
    ("Memcon: Testov and Dover", "memorandum of conversation", ["Testov", "Dover"]),
    ("Summary Record of the Meeting of Testov and Dover", "record of conversation", ["Testov", "Dover"]),
    ("Record of the Meeting of Testov with Dover", "record of conversation", ["Testov", "Dover"]),
])
def test_conversation_records_in_more_words(title: str, kind: str, want: list[str]) -> None:
    rec = parse(page(title))
    assert rec.kind == kind
    assert _names(rec.participants) == want
    assert rec.senders == []


def test_an_office_after_a_name_then_and_keeps_the_next_name() -> None:
    rec = parse(page("Record of Conversation between Testov, Foreign Minister of Testland, and Dover"))
    testov = rec.participants[0]
    assert testov.role == "Foreign Minister of Testland"
    assert rec.participants[1].name == "Dover"


def test_the_record_of_a_body_meeting_names_no_participants_from_the_title() -> None:
    rec = parse(page("Record of the meeting of the Politburo"))
    assert rec.kind == "record of conversation" and rec.participants == []
    rec = parse(page("Record of the Meeting of the Executive Committee of the CC of the TWP concerning invented matters"))
    assert rec.kind == "record of conversation" and rec.participants == [] and rec.senders == []


@pytest.mark.parametrize("title", [
    "Letter from Testov, Chairman of the Testian Workers Party, to Dover",
    "Letter from Testov, Chairman of the TWP, to Dover",
    "Letter from Testov, President of the Testian Academy, to Dover",
])
def test_an_office_of_a_body_after_a_name_is_his_office(title: str) -> None:
    rec = parse(page(title))
    assert _names(rec.senders) == ["Testov"]
    assert rec.senders[0].role and rec.senders[0].role.split()[0] in ("Chairman", "President")
    assert _names(rec.recipients) == ["Dover"]


@pytest.mark.parametrize(("label", "title"), [
    ("For information of:", "Memorandum, Testov, Head of the Testian Department, 'On Invented Cooperation'"),
    ("For the attention of:", "Memorandum, Testov, Head of the Testian Department, 'On Invented Cooperation'"),
    ("Attention:", "Memorandum, Testov, Head of the Testian Department, 'On Invented Cooperation'"),
    ("Recipient:", "Memorandum, Testov, Head of the Testian Department, 'On Invented Cooperation'"),
])
def test_an_addressee_line_with_other_labels(label: str, title: str) -> None:
    rec = parse(page(title, body=f"{label} General Political Directorate\n\nInvented body line."))
    assert _names(rec.senders) == ["Testov"]
    assert _names(rec.recipients) == ["General Political Directorate"]  # "General" is no rank here


def test_a_body_named_with_general_keeps_the_word() -> None:
    rec = parse(page("Report from the General Staff to the Testian Ministry of Defence"))
    assert _names(rec.senders) == ["the General Staff"]


@pytest.mark.parametrize(("title", "sender", "recipient"), [
    ("Report to Testov on Draft Instructions to Cde. Dover, the Ambassador in Exampleland", None, "Testov"),
    ("Letter to Testov on the Invented Matter", None, "Testov"),
])
def test_what_a_document_is_about_is_no_party(title: str, sender: str | None, recipient: str | None) -> None:
    rec = parse(page(title))
    assert _names(rec.senders) == ([sender] if sender else [])
    assert _names(rec.recipients) == ([recipient] if recipient else [])


@pytest.mark.parametrize("title", [
    "Testian Politburo Resolution and Letter to the Examplish leadership requesting invented aid",
    "Testian Politburo Resolution and Letter to the Examplish leadership asking for invented aid",
])
def test_a_body_before_the_kind_and_a_request_after_the_addressee(title: str) -> None:
    rec = parse(page(title))
    assert rec.kind == "resolution"
    assert _names(rec.senders) == ["Testian Politburo"]
    assert _names(rec.recipients) == ["the Examplish leadership"]


@pytest.mark.parametrize("title", [
    "Report on the Second Meeting with the Testian Delegation",
    "Record of the First Meeting with Testov",
    "Notes on the Final Meeting between Testov and Dover",
])
def test_a_numbered_meeting_is_a_conversation_record(title: str) -> None:
    assert parse(page(title)).kind == "record of conversation"


@pytest.mark.parametrize(("title", "kind", "want"), [
    ("Minutes, Testov’s Conversation with a Testian Workers Union Delegation, Beijing, [undated]",
     "minutes of conversation", ["Testov", "a Testian Workers Union Delegation"]),
    ("Memorandum: Testov's Talks with Dover, Moscow", "memorandum of conversation", ["Testov", "Dover"]),
    ("Minutes, Testov's Meeting with the Examplish Ambassador", "minutes of conversation",
     ["Testov", "the Examplish Ambassador"]),
])
def test_a_kind_then_whose_conversation_it_was(title: str, kind: str, want: list[str]) -> None:
    rec = parse(page(title))
    assert rec.kind == kind
    assert _names(rec.participants) == want
    assert rec.senders == []


@pytest.mark.parametrize(("title", "recipient"), [
    ("Telegram from Testov to Dover Concerning the Conversation with Smith", "Dover"),
    ("Telegram of the Testian Foreign Ministry to the Testian Embassy in Beijing Regarding the Stopover of a "
     "Delegation", "the Testian Embassy in Beijing"),
    ("Letter from Testov to Dover About the Invented Harvest", "Dover"),
])
def test_a_capitalized_subject_after_the_addressee_is_no_name(title: str, recipient: str) -> None:
    assert _names(parse(page(title)).recipients) == [recipient]


def test_what_happened_during_a_visit_is_no_participant() -> None:
    rec = parse(page("Memorandum of Conversation between Testian Deputy Premier A. Testov and Dover during a Visit "
                     "to Exampleland between 20-26 November 1970"))
    assert _names(rec.participants) == ["A. Testov", "Dover"]
    rec = parse(page("Record of Conversation between Testov and Dover on the Occasion of the Invented Anniversary"))
    assert _names(rec.participants) == ["Testov", "Dover"]


def test_a_long_body_name_after_at_is_where_a_speech_was_given() -> None:
    rec = parse(page("Speech by Testov at the August Testian Workers' Party Central Committee Plenum"))
    assert _names(rec.senders) == ["Testov"]


@pytest.mark.parametrize(("line", "who", "role"), [
    ("To Comrade Testowski", "Testowski", None),
    ("To [Foreign Minister Testowski]", "Testowski", "Foreign Minister"),
    ("To [Foreign Minister] Comrade Testowski:", "Testowski", "Foreign Minister"),
    ("To Cde. A. Testowski", "A. Testowski", None),
])
def test_a_to_line_without_a_colon_names_the_addressee(line: str, who: str, role: str | None) -> None:
    text = page("Secret Telegram No. 123/IV", body=f"From Testville to Exampleburg, May 14, 1950\n\n{line}\n\n"
                "Invented body line.", date="May 14, 1950")
    rec = parse(text)
    assert _names(rec.recipients) == [who]
    assert rec.recipients[0].role == role
    assert rec.sent_from is None or rec.sent_from == "Testville"


def test_from_a_place_to_a_place_is_where_it_was_sent_from() -> None:
    rec = parse(page("Secret Telegram No. 123/IV", body="From Moscow to Warsaw, May 14, 1950\n\nInvented body line."))
    assert rec.sent_from == "Moscow"
    assert rec.senders == [] and rec.recipients == []


def test_a_line_starting_with_to_in_prose_is_no_addressee() -> None:
    rec = parse(page("Secret Telegram No. 123/IV", body="To Testland and back the delegation went by train.\n\n"
                     "Invented body line."))
    assert rec.recipients == []


@pytest.mark.parametrize(("line", "who"), [
    ("/-/ [Testian Ambassador in Moscow Jan] Testowski", "Testowski"),
    ("[handwritten signature] G. [Testov]", "G. Testov"),
    ("(-) A. Testowski", "A. Testowski"),
])
def test_a_marked_signature_signs_and_writes_a_page_whose_title_names_no_writer(line: str, who: str) -> None:
    body = f"Invented body line.\n\n{line}\n\nAn invented closing sentence that sums up the page for a reader."
    rec = parse(page("Secret Telegram No. 123/IV", body=body))
    assert _names(rec.signatories) == [who]
    assert _names(rec.senders) == [who]


def test_a_signature_does_not_replace_the_title_writer() -> None:
    rec = parse(page("Telegram from Dover to Smith", body="Invented body line.\n\n/-/ Testowski"))
    assert _names(rec.senders) == ["Dover"]
    assert _names(rec.signatories) == ["Testowski"]


def test_a_charge_to_a_country_is_one_office() -> None:
    rec = parse(page("Telegram of the Testian Chargé to the PRC to the Chairman of the Testian Council of Ministers"))
    assert _names(rec.senders) == ["the Testian Chargé to the PRC"]
    assert _names(rec.recipients) == ["the Chairman of the Testian Council of Ministers"]


def test_spaced_initials_of_the_presidential_archive() -> None:
    def cited(source: str) -> list:
        tail = TAIL.replace("APRF, f. 1, op. 2, d. 3, l. 4.", source)
        return parse(page("Telegram from Testov to Dover", tail=tail)).citations
    c = cited("AP RF. F. 3. Op. 65. D. 830. pp. 136-147.")[0]
    # as written (docs/page-fields.md, citations: "not expanded, not shortened"); the authorities resolve it
    assert (c.repository, c.fond, c.opis, c.delo, c.folios) == ("AP RF", "3", "65", "830", "136-147")
    assert cited("AVP SSSR, f. 06, op. 8")[0].repository == "AVP SSSR"  # other archives as written


@pytest.mark.parametrize(("title", "want"), [
    ("Note on the Farewell Visit of the Testian Ambassador to the DPRK, Comrade Testov, with Comrade Dover on "
     "26 July 1968 between 11:00 and 12:30 hours", ["Testov", "Dover"]),
    ("Record of the Courtesy Visit of Ambassador Testov with Premier Dover", ["Testov", "Dover"]),
])
def test_a_call_paid_on_another_is_a_conversation(title: str, want: list[str]) -> None:
    rec = parse(page(title))
    assert rec.kind == "record of conversation"
    assert _names(rec.participants) == want


def test_a_visit_to_a_place_is_no_conversation() -> None:
    assert parse(page("Note on the Visit to the Testian Museum")).kind == "note"


def test_an_editors_to_before_an_office_and_a_name() -> None:
    rec = parse(page("Cable from the Testian Foreign Ministry, 'Instructions for the Invented Talks'",
                     body="[To] Ambassador Wang Testing,\n\nInvented body line."))
    assert _names(rec.recipients) == ["Wang Testing"]
    assert rec.recipients[0].role == "Ambassador"


@pytest.mark.parametrize(("title", "kind", "sender", "recipient"), [
    ("German translation of a Russian-language information from the Testian Central Committee sent to Testian "
     "leader Erich Testov", "information", "the Testian Central Committee", "Erich Testov"),
    ("English Translation of a Letter from Testov to Dover", "letter", "Testov", "Dover"),
    ("Letter from Testov addressed to Dover", "letter", "Testov", "Dover"),
])
def test_a_translation_of_a_document_and_how_it_went(title: str, kind: str, sender: str, recipient: str) -> None:
    rec = parse(page(title))
    assert rec.kind == kind
    assert _names(rec.senders) == [sender] and _names(rec.recipients) == [recipient]


def test_the_period_a_report_covers_is_no_part_of_its_writer() -> None:
    rec = parse(page("Report No. 3 of the Embassy of Testland in Exampleland for the period of 1 May 1953 to "
                     "25 June 1953"))
    assert _names(rec.senders) == ["the Embassy of Testland in Exampleland"]
    assert rec.number == "3" and rec.recipients == []


def test_a_cables_post_and_number_line_is_where_it_was_sent_from() -> None:
    body = "Department of State TELEGRAM\n\nTokyo 10353\n\nInvented body line."
    rec = parse(page("Telegram 10353 from the Testian Embassy in Tokyo, 'Invented Meeting'", body=body))
    assert rec.sent_from == "Tokyo"
    assert rec.recipients == []


def test_a_number_then_a_dated_number_line() -> None:
    body = "Nº 336\n\nNº 1211-1220 3 July 1953 2340\n\nInvented body line."
    rec = parse(page("Telegram of the Testian Chargé to the PRC to Testov", body=body))
    assert (rec.number, rec.telegram_number) == ("336", "1211-1220")
    rec = parse(page("Telegram from Testov to Dover", body="Nº 336\n\nInvented body line."))
    assert rec.telegram_number == "336" and rec.number is None  # a telegram's lone number stays its telegram number


def test_an_untyped_office_and_city_to_an_office_and_city() -> None:
    rec = parse(page("Testian Ambassador Pyongyang to Ministry for Foreign Affairs, Berlin"))
    assert _names(rec.senders) == ["Testian Ambassador"]  # a place is never a sender
    assert rec.sent_from == "Pyongyang"
    assert _names(rec.recipients) == ["Ministry for Foreign Affairs"] and rec.destination == "Berlin"


@pytest.mark.parametrize("title", [
    "Telegram Nr. 55 from Testov to Dover",
    "Telegram no 55, Testov to Dover",
    "Telegram (No. 55) from Testov to Dover",
    "Telegram N 55 from Testov to Dover",
    "Telegram № 55 from Testov to Dover",
])
def test_a_title_number_written_in_many_ways(title: str) -> None:
    rec = parse(page(title))
    assert rec.number == "55"
    assert _names(rec.senders) == ["Testov"] and _names(rec.recipients) == ["Dover"]


def test_a_city_after_a_writer_is_where_he_wrote_from() -> None:
    rec = parse(page("Telegram from Dover, Beijing, to Testov"))
    assert _names(rec.senders) == ["Dover"] and rec.sent_from == "Beijing"
    rec = parse(page("Letter from Testian Embassy, Havana (Testowski)"))
    assert _names(rec.senders) == ["Testian Embassy"] and rec.sent_from == "Havana"


def test_a_register_number_and_year_on_a_line_of_its_own() -> None:
    rec = parse(page("Information on the Testian Prime Minister's Visit to Exampleland", body="431/88\n\nInvented body."))
    assert rec.number == "431/88"
    assert rec.senders == [] and rec.recipients == []


def test_an_address_block_naming_the_head_of_an_office() -> None:
    body = ("Ministry of Foreign Affairs\n\nIndependent Eastern Department\n\nHead E. Testowski\n\n"
            "The Embassy is enclosing an invented note.")
    rec = parse(page("Official Note from the Embassy of Testland in Exampleland", body=body))
    assert _names(rec.recipients) == ["E. Testowski"] and rec.recipients[0].role == "Head"
    rec = parse(page("Official Note from the Embassy of Testland in Exampleland",
                     body="Head E. Testowski spoke first.\n\nInvented body."))
    assert rec.recipients == []  # no office named above him: no address block
