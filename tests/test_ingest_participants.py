"""Who took part in a conversation, and in what role, as the title and the "Present:" lines write it: an office
before or after a name is that person's role (not a second participant, never part of the name), and a person the
title names is not counted twice when a list of those present names him again. The pages are invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.authorities import Authorities
from kg.ingest.wilson import parse_page
from kg.ingest.wilson.title import strip_role
from kg.iris import IRIs
from kg.mapping import map_record
from kg.namespaces import AKG

ROOT = Path(__file__).resolve().parent.parent
TAIL = ("\n\nAn invented summary of the talk.\n\nDocument Information\n\nSource\n\nAVPRF, f. 0100, op. 51, d. 9, "
        "l. 12.\n\nRights\n\nReuse of this invented page is free.\n")


def parse(title: str, body: str = "The two sides spoke about invented matters."):
    return parse_page(f"Skip to content\n\nJune 3, 1958\n\n{title}\n\n{body}" + TAIL, path="t.txt")


def parts(rec) -> list[tuple[str, str | None]]:
    return [(p.name, p.role) for p in rec.participants]


@pytest.mark.parametrize(("title", "want"), [
    ("Record of Conversation between Head of the Soviet Delegation I. K. Sorokin and Wang Example",
     [("I. K. Sorokin", "Head of the Soviet Delegation"), ("Wang Example", None)]),
    ("Record of Conversation between I. K. Sorokin, Head of the Soviet Delegation, and Wang Example",
     [("I. K. Sorokin", "Head of the Soviet Delegation"), ("Wang Example", None)]),
    ("Record of a Conversation between the Head of the Soviet Delegation, I. K. Sorokin, and the Head of the "
     "Chinese Delegation, Wang Example",
     [("I. K. Sorokin", "the Head of the Soviet Delegation"), ("Wang Example", "the Head of the Chinese Delegation")]),
    ("Memorandum of Conversation between Head of the Delegation of the USSR I. K. Sorokin and Wang Example",
     [("I. K. Sorokin", "Head of the Delegation of the USSR"), ("Wang Example", None)]),
    ("Record of Conversation between Chairman of the Council of Ministers Testov and Wang Example",
     [("Testov", "Chairman of the Council of Ministers"), ("Wang Example", None)]),
    # an office alone, with no name after it, is still who took part
    ("Memorandum of a Conversation of c. Primerov with the USSR Ambassador to the DPRK",
     [("Primerov", None), ("the USSR Ambassador to the DPRK", None)]),
])
def test_an_office_written_with_a_name_is_the_persons_role(title, want) -> None:
    rec = parse(title)
    assert parts(rec) == want
    assert rec.senders == [] and rec.recipients == []
    assert all(p.kind == "person" for p in rec.participants if p.role)


def test_the_office_never_becomes_part_of_the_name() -> None:
    assert strip_role("Head of the Soviet Delegation I. K. Sorokin") == ("I. K. Sorokin", "Head of the Soviet Delegation")
    assert strip_role("Deputy Head of the Trade Delegation of the USSR I. K. Sorokin") == (
        "I. K. Sorokin", "Deputy Head of the Trade Delegation of the USSR")
    rec = parse("Record of Conversation between Head of the Soviet Delegation I. K. Sorokin and Wang Example")
    (p, _) = rec.participants
    assert rec.quote(p.span) == "Head of the Soviet Delegation I. K. Sorokin" and p.written == rec.quote(p.span)


@pytest.mark.parametrize("label", ["Present", "Also present", "Attending", "Those present"])
def test_a_present_line_lists_participants_with_their_roles(label) -> None:
    rec = parse("Record of Conversation with Wang Example",
                f"{label}: I. K. Sorokin, Head of the Soviet Delegation; Counsellor P. Testov and interpreter Li "
                "Example.\n\nSorokin opened the talk.")
    assert parts(rec) == [("Wang Example", None), ("I. K. Sorokin", "Head of the Soviet Delegation"),
                          ("P. Testov", "Counsellor"), ("Li Example", "interpreter")]
    assert rec.translators == []  # an interpreter at the talk did not translate the published text


def test_a_present_label_with_the_names_on_the_lines_below() -> None:
    rec = parse("Record of Conversation between Head of the Soviet Delegation I. K. Sorokin and Wang Example",
                "Present:\n\nI. K. Sorokin, Head of the Soviet Delegation\nComrade Wang Example\nLi Example, "
                "interpreter\nA. Primerov (observer)\n\nSorokin said the talks had gone well. Wang agreed.")
    # Sorokin and Wang are the title's participants: named again, not counted twice
    assert parts(rec) == [("I. K. Sorokin", "Head of the Soviet Delegation"), ("Wang Example", "participant"),
                          ("Li Example", "interpreter"), ("A. Primerov", "observer")]
    assert rec.body.lstrip().startswith("Sorokin said")


def test_a_sentence_after_a_bare_label_is_not_a_participant() -> None:
    rec = parse("Record of Conversation with Wang Example",
                "Present:\n\nThe meeting began late because of the rain.")
    assert parts(rec) == [("Wang Example", None)]


@pytest.fixture(scope="module")
def auth() -> Authorities:
    return Authorities.load(ROOT / "data" / "authorities")


def test_roles_reach_the_graph_as_participations(auth) -> None:
    rec = parse("Record of Conversation with Wang Example",
                "Present: I. K. Sorokin, Head of the Soviet Delegation; interpreter Li Example.\n\nInvented talk.")
    g = map_record(rec, auth, IRIs()).graph
    doc = IRIs().document(rec.doc_id)
    assert len(set(g.objects(doc, AKG.participant))) == 2 and len(set(g.objects(doc, AKG.interpreter))) == 1
    written = {str(o) for o in g.objects(None, AKG.roleAsWritten)}
    assert "Head of the Soviet Delegation" in written
    roles = {str(o).rsplit("/", 1)[-1] for o in g.objects(None, AKG.inRole)}
    assert any("head" in r and "delegation" in r for r in roles) and any("interpreter" in r for r in roles), roles


@pytest.mark.parametrize(("title", "want", "day"), [
    # a verbatim record of two leaders meeting: a transcript (docs/page-fields.md), the two took part; the place
    # after them is not a person
    ("Transcript, Meeting of Testland leader Ivan Testov and Examplan leader Petar Primerov, Yalta, 3 June 1958 "
     "(excerpt)", [("Ivan Testov", "Testland leader"), ("Petar Primerov", "Examplan leader")], (1958, 6, 3)),
    ("Transcript of the Meeting between Soviet premier Testov and Wang Example, Gagra",
     [("Testov", "Soviet premier"), ("Wang Example", None)], None),
])
def test_a_transcript_of_a_meeting_of_two_named_people(title, want, day) -> None:
    rec = parse(title)
    assert rec.kind == "transcript" and parts(rec) == want
    assert rec.senders == [] and rec.recipients == []
    assert (rec.conversation_date.timetuple()[:3] if rec.conversation_date else None) == day


def test_a_meeting_of_a_body_stays_minutes_and_an_office_before_a_comma_keeps_its_holder() -> None:
    assert parse("Transcript of the Meeting of the Politburo of the CC").kind != "record of conversation"
    rec = parse("Record of Conversation between Testov and Chairman of the Invented Council, Wang Example")
    assert parts(rec) == [("Testov", None), ("Wang Example", "Chairman of the Invented Council")]
