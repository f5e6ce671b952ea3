"""Addressees named over the text when the title names none (docs/page-fields.md: recipients). Pages and names
are invented."""

from __future__ import annotations

from tests.page_support import page, parse


def test_an_addressee_heading_with_two_offices() -> None:
    rec = parse(page("Cable from the Testland Embassy, 'On Invented Matters'",
                     "[To the] Ministry of Testing and the Second Department of the Example Staff:\n\nAn invented cable."))
    assert [r.name for r in rec.recipients] == ["Ministry of Testing", "the Second Department of the Example Staff"]
    assert all(r.kind == "organization" for r in rec.recipients)
    assert all(rec.quote(r.span) == r.name for r in rec.recipients)


def test_an_addressee_heading_under_the_telegram_lines() -> None:
    rec = parse(page("Cipher Telegram from Tesgrad, 'On Invented Matters'",
                     "TESGRAD, 80. 08. 27.\nCreated by Ko 08.45\nSubject: invented matters\n"
                     "To the Central Committee Foreign Division:\n\nAn invented telegram."))
    assert [r.name for r in rec.recipients] == ["the Central Committee Foreign Division"]


def test_to_and_from_on_one_line() -> None:
    rec = parse(page("Cable from the Testland Embassy in Tesgrad",
                     "To Foreign Minister Examplov from Chargé d’Affaires Testov\n\nAn invented cable."))
    assert [(r.name, r.role) for r in rec.recipients] == [("Examplov", "Foreign Minister")]


def test_an_office_and_form_of_address_over_a_subject_line() -> None:
    rec = parse(page("Letter from Ivan Testov",
                     "Top Secret!\n10 pages\n\nAmbassador Comrade Petar Examplov\n\nSubject: invented matters\n\n"
                     "An invented letter."))
    assert [(r.written, r.name) for r in rec.recipients] == [("Comrade Petar Examplov", "Petar Examplov")]


def test_the_titles_addressee_wins_and_a_heading_in_the_text_is_no_addressee() -> None:
    rec = parse(page("Letter from Ivan Testov to Petar Examplov",
                     "[To the] Ministry of Testing:\n\nAn invented letter."))
    assert [r.name for r in rec.recipients] == ["Petar Examplov"]
    late = "\n\n".join(f"Invented paragraph {i}." for i in range(9)) + "\n\nTo the second question:\n\nMore text."
    rec = parse(page("Letter from Ivan Testov", late))
    assert rec.recipients == []
