"""The last lines of a page that are not names: a city under the closing date, the rights statement cut short."""

from __future__ import annotations

from tests.page_support import page, parse

NODE_TAIL = ("\n\nAn invented summary of the telegram.\n\nDocument Information\n\n"
             "EXA, fond 079, opis 10, papka 9, delo 8; translated for CWIHP by Anna Sample.\n\n{rights}\n")


def test_a_city_under_the_closing_date_is_no_signatory() -> None:
    body = ("The Committee asks for news of two invented citizens.\n\n"
            "Central Committee of the Testland Workers' Party\n\n24 March 1954\n\nBeijing")
    rec = parse(page("Telegram to the Invented Committee from the Testland Committee", body, date="March 24, 1954"))
    assert "Beijing" not in [s.name for s in rec.signatories]


def test_a_name_under_the_closing_date_still_signs() -> None:
    body = "The Committee asks for news of two invented citizens.\n\n24 March 1954\n\nIvan Testov"
    rec = parse(page("Telegram to the Invented Committee from Ivan Testov", body, date="March 24, 1954"))
    assert [s.name for s in rec.signatories] == ["Ivan Testov"]


def test_the_rights_statement_cut_after_its_first_words_is_no_citation() -> None:
    for rights in ("The History and Public Policy Program we",
                   "The History and Public Policy Program welcomes reuse of this document."):
        rec = parse(page("Telegram from Ivan Testov to Petr Examplov", "An invented text.",
                         tail=NODE_TAIL.format(rights=rights)))
        assert [c.repository for c in rec.citations] == ["EXA"], rights
