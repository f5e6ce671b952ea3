"""Signature blocks at the foot of a text and the recorder of a conversation record (docs/page-fields.md:
senders, participants 4). Pages and names are invented."""

from __future__ import annotations

from tests.page_support import page, parse


def test_a_name_between_a_dateline_and_an_office_signed_the_report() -> None:
    rec = parse(page("Report of the Testland Embassy on Invented Matters",
                     "An invented paragraph.\n\nTesgrad, 1980 October 31\n\nAnna Sample\nHead of Department"))
    assert [(s.name, s.role) for s in rec.signatories] == [("Anna Sample", "Head of Department")]
    assert rec.sent_from == "Tesgrad"


def test_a_name_above_a_closing_dateline_signed_it() -> None:
    rec = parse(page("Note on Invented Matters",
                     "An invented paragraph.\n\nIvan Testov\n\nTesgrad, 3 May 1961."))
    assert [s.name for s in rec.signatories] == ["Ivan Testov"]
    assert [s.name for s in rec.senders] == ["Ivan Testov"]  # the title names no writer


def test_a_last_sentence_is_no_signature() -> None:
    rec = parse(page("Note on Invented Matters",
                     "An invented paragraph.\n\nTesgrad, 3 May 1961.\n\nThe talks went on for hours"))
    assert rec.signatories == []


def test_the_signer_of_a_conversation_record_is_its_recorder() -> None:
    rec = parse(page("Record of Conversation with Petar Examplov",
                     "An invented account of the talk.\n\nTesgrad, 17 June 1980\n\nIvan Testov"))
    assert [(p.name, p.role) for p in rec.participants][-1] == ("Ivan Testov", "recorder")
    assert rec.senders == []


def test_the_official_on_the_records_heading_is_its_recorder() -> None:
    rec = parse(page("Testland Embassy in Tesgrad (Primerov), Report on Conversation with an Example Ministry Official",
                     "Official: Anna Sample\n\nAn invented account of the dinner."))
    assert rec.kind == "record of conversation"
    assert ("Anna Sample", "recorder") in [(p.name, p.role) for p in rec.participants]
    assert "Primerov" not in [p.name for p in rec.participants]  # the mission's head in the title signed, was not there
