"""Addressees and writers named over the text, when the title names none: forms of address kept as written,
bodies and their units, headings under an editor's line (docs/page-fields.md: senders, recipients). Pages and names
are invented."""

from __future__ import annotations

from tests.page_support import page, parse


def test_a_to_line_keeps_the_form_of_address() -> None:
    rec = parse(page("Secret Telegram No. 12/IV - From Tesgrad to Exampleburg", "Urgent\n\nTo Comrade Testowski\n\n"
                     "An invented telegram."))
    [r] = rec.recipients
    assert (r.written, r.name, r.honorific) == ("Comrade Testowski", "Testowski", "Comrade")
    assert rec.quote(r.span) == r.written


def test_a_to_line_with_an_office_keeps_the_office_as_role() -> None:
    rec = parse(page("Telegram from Tesgrad", "To [Foreign Minister] Comrade Testowski\n\nAn invented telegram."))
    [r] = rec.recipients
    assert (r.name, r.role) == ("Testowski", "Foreign Minister")


def test_an_inside_address_keeps_the_form_of_address() -> None:
    rec = parse(page("Report from the Testland Embassy in Tesgrad",
                     "Ministry for Foreign Affairs\n\nHead of Example Department\n\nComrade Karl Exemplar\n\n"
                     "Exampleburg\n\nDear Comrade Exemplar!\n\nAn invented report."))
    [r] = rec.recipients
    assert (r.written, r.name, r.honorific) == ("Comrade Karl Exemplar", "Karl Exemplar", "Comrade")
    assert rec.quote(r.span) == r.written


def test_an_addressee_heading_under_an_editors_instruction() -> None:
    rec = parse(page("Cable from the Testland Embassy in Tesgrad",
                     "Please have the Second Department study and handle this matter as soon as it can.\n\n"
                     "[To] the Ministry of Testing:\n\nAn invented cable."))
    assert [r.name for r in rec.recipients] == ["the Ministry of Testing"]


def test_an_addressee_heading_in_lower_case_after_a_forms_fields_leaves_out_the_copies() -> None:
    head = "\n".join(["Tesgrad Province Telegram Received", "From: Ministry of Testing", "Precedence: Urgent",
                      "Device No. 15", "Serial No.", "Principal agency responsible: Invented Bureau.", "(Top Secret)",
                      "Notice on Invented Matters"])
    rec = parse(page("Cable from the Ministry of Testing, 'Notice on Invented Matters'",
                     f"{head}\n\nTo the invented affairs bureaus of all provincial committees with copies to all "
                     "military districts:\n\nAn invented notice."))
    assert [r.name for r in rec.recipients] == ["the invented affairs bureaus of all provincial committees"]


def test_a_late_to_line_that_names_no_body_is_the_texts() -> None:
    body = "\n\n".join(f"Invented paragraph {i} of the letter." for i in range(3)) + "\n\nTo the second question:\n\nX."
    rec = parse(page("Letter from Ivan Testov", body))
    assert rec.recipients == []


def test_a_to_field_naming_a_body_and_its_unit_is_one_addressee() -> None:
    rec = parse(page("Telegram from Hanoi to Bucharest, SECRET, No. 012.345",
                     "Sender: Hanoi\nNo.: 012.345\nTo:  the Ministry of Testing, Second Direction – Relations\n\n"
                     "An invented telegram."))
    assert [(r.name, r.kind) for r in rec.recipients] == [
        ("the Ministry of Testing, Second Direction – Relations", "organization")]
    assert rec.quote(rec.recipients[0].span) == rec.recipients[0].written


def test_a_to_field_naming_a_person_and_his_unit_keeps_the_person() -> None:
    rec = parse(page("Telegram from Hanoi to Bucharest, SECRET, No. 012.345",
                     "Sender: Hanoi\nTo: Comrade Ivan Testov, First Direction – Relations\n\nAn invented telegram."))
    assert [r.name for r in rec.recipients] == ["Ivan Testov"]


def test_a_to_list_goes_on_one_addressee_a_line() -> None:
    rec = parse(page("Testland Party Politburo Secret Resolution Regarding Invented Supplies",
                     "TO: Gen. Ivan Testov, Member of Politburo\nComrade Petar Primerov, Minister of Trade\n"
                     "Gen. Anton Probny, Minister of Defense\nRESOLUTION No 9\n\nInvented decisions."))
    assert [r.name for r in rec.recipients] == ["Ivan Testov", "Petar Primerov", "Anton Probny"]
    assert [r.role for r in rec.recipients][1:] == ["Minister of Trade", "Minister of Defense"]


def test_a_record_of_conversation_has_no_addressee_from_a_covering_letter() -> None:
    rec = parse(page("Information on the Talks between Ivan Testov and Petar Primerov",
                     "Testland Embassy to the DPRK\n\nTo: Member of Politburo, Comrade Anton Probny\n\n"
                     "Dear Comrade Probny!\n\nEnclosed I forward the invented information."))
    assert rec.recipients == [] and rec.senders == []


def test_a_speakers_label_in_a_transcript_is_no_addressee() -> None:
    rec = parse(page("Transcript of Official Negotiations between Comrade Ivan Testov and Comrade Kim Example",
                     "of official negotiations held on 19 October 1986\n\nComrade Kim Example:\n\nI welcome you."))
    assert rec.recipients == []


def test_an_enclosed_letters_addressee_after_the_text_is_not_the_documents() -> None:
    body = ("\n\n".join(f"Invented paragraph {i} of the resolution is about invented training matters here."
                        for i in range(3)) + "\n\nTop Secret\n\nTO THE SECRETARY COMRADE PETAR PRIMEROV\n\n"
            "Comrade Primerov,\n\nAn invented letter.")
    rec = parse(page("Testland Party Secretariat Secret Resolution Regarding Invented Training", body))
    assert rec.recipients == []
