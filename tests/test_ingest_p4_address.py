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
