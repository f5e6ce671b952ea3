"""Who signed, at the foot of the text, and the writer it makes when the title names none (docs/page-fields.md:
senders, signatures). Pages and names are invented."""

from __future__ import annotations

from tests.page_support import page, parse

SUMMARY_TAIL = ("\n\nThe Testland Embassy conveys the results of an invented meeting.\n\nDocument Information\n\n"
                "Source\n\nAPRF, f. 1, op. 2, d. 3, l. 4.\n\nRights\n\nReuse of this invented page is free.\n\n"
                "Record ID\n\n4242\n")


def test_a_signed_line_above_the_summary_names_the_writer() -> None:
    rec = parse(page("Telegram from Hanoi to Bucharest, TOP SECRET, No. 76.054, Urgent",
                     "On March 1 an invented diplomat told us invented news.\n\nSigned: N. Testescu", tail=SUMMARY_TAIL))
    assert [r.name for r in rec.signatories] == ["N. Testescu"]
    assert [r.name for r in rec.senders] == ["N. Testescu"]


def test_a_name_in_brackets_above_an_archivists_notes_signed_it() -> None:
    body = ("I am sending you a translation of an invented appeal.\n\nAttachment: the aforementioned on four pages,\n"
            "unclassified, to the addressee only\n    (V. TESTOV)\n[handwritten:] To the archives\n"
            "Used in the sector's work.\nSector chief/I. Primerov\n31 January 1956")
    rec = parse(page("Letter to the Testland Central Committee, Translation of an Invented Article", body))
    assert [r.name for r in rec.signatories] == ["V. TESTOV"]
    assert [r.name for r in rec.senders] == ["V. TESTOV"]


def test_a_mission_signing_with_the_day_is_the_writer() -> None:
    body = ("[To] the Ministry of Testing:\n\nAn invented report on invented matters.\n\n"
            "[Testland] Embassy in [North] Korea\n23 November 1963")
    rec = parse(page("Cable on Invented Matters", body))
    assert [(r.name, r.kind) for r in rec.signatories] == [("[Testland] Embassy in [North] Korea", "organization")]
    assert [r.name for r in rec.senders] == ["[Testland] Embassy in [North] Korea"]
    assert rec.quote(rec.senders[0].span) == rec.senders[0].written


def test_a_line_in_brackets_that_is_no_name_signs_nothing() -> None:
    rec = parse(page("Letter to the Testland Central Committee",
                     "An invented letter that ends with a remark.\n\n(see the attachment)"))
    assert rec.signatories == [] and rec.senders == []


def test_a_date_under_the_last_sentence_signs_nothing() -> None:
    rec = parse(page("Cable on Invented Matters", "An invented report on invented matters.\n\nTop Secret\n"
                     "23 November 1963"))
    assert rec.senders == []
