"""Lists of those who took part, in the shapes pages use: labels other than "Present:" ("Those attending the
meeting:", "Receiving Persons:", "Translator/Recorder:", "Present [at the meeting]:"), one side's sentence over a
line of names, "Name – office;" groups with an aside among them, one line of names a side below the label, the same
person by his initial. Negative cases: a sentence under a label. The pages are invented."""

from __future__ import annotations

import pytest

from tests.page_support import names, parse_titled

TITLE = "Record of Conversation between Ivan Testov and Kim Example"
TEXT = "\n\nTestov: The invented harvest figures were discussed at length by both sides of the table."


@pytest.mark.parametrize(("head", "more"), [
    ("Those attending the meeting: Comrade Li Sample, Comrade Wang Test", ["Li Sample", "Wang Test"]),
    ("Receiving Persons: Deputy Director Li Sample\nTranslator/Recorder: Wang Test", ["Li Sample", "Wang Test"]),
    ("Persons present: Li Sample, Wang Test", ["Li Sample", "Wang Test"]),
    ("Present [at the meeting]:\n\nCdes. Testov, Li Sample, Wang Test;\n\nCdes. Example, Anna Probna, Zhao Example.",
     ["Li Sample", "Wang Test", "Anna Probna", "Zhao Example"]),
    ("From the Testland side, [the following comrades] participated in the meeting:\n\n"
     "Cdes. I. Testov, Li Sample and Wang Test.\n\n"
     "From the Exampleland side: Cdes. Anna Probna – Head of the Delegation; Zhao Example - Member of the Invented "
     "Committee; (the ambassador was not present during the meeting).",
     ["Li Sample", "Wang Test", "Anna Probna", "Zhao Example"]),
])
def test_lists_of_those_present_in_more_shapes(head, more) -> None:
    rec = parse_titled(TITLE, head + TEXT)
    assert names(rec.participants) == ["Ivan Testov", "Kim Example", *more]
    assert rec.senders == [] and rec.recipients == []


def test_an_office_after_a_dash_is_the_role_and_an_aside_names_no_one() -> None:
    rec = parse_titled(TITLE, "From the Exampleland side: Cdes. Anna Probna – Head of the Delegation; Zhao Example "
                              "- Member of the Committee; (the ambassador was absent)." + TEXT)
    roles = {p.name: p.role for p in rec.participants}
    assert roles["Anna Probna"] == "Head of the Delegation" and roles["Zhao Example"] == "Member of the Committee"
    assert "the ambassador was absent" not in " ".join(names(rec.participants))


@pytest.mark.parametrize("head", [
    "Those attending the meeting: the two sides agreed that the harvest was poor.",  # a sentence, not a list
    "Receiving Persons: none were named in the invented record.",
])
def test_a_sentence_under_a_label_names_no_one(head) -> None:
    assert names(parse_titled(TITLE, head + TEXT).participants) == ["Ivan Testov", "Kim Example"]


def test_the_same_person_by_his_initial_is_named_once() -> None:
    rec = parse_titled(TITLE, "Present: I. Testov, Li Sample" + TEXT)
    assert names(rec.participants) == ["Ivan Testov", "Kim Example", "Li Sample"]
    # a different given name is another person
    rec = parse_titled(TITLE, "Present: P. Testov, Li Sample" + TEXT)
    assert names(rec.participants) == ["Ivan Testov", "Kim Example", "P. Testov", "Li Sample"]


HEADING = "Testland Embassy in Tesgrad\nMeeting, record of conversation\n\n"


def test_who_met_with_whom_names_the_sides_of_a_record_whose_title_names_none() -> None:
    rec = parse_titled("Invented Trade, 1981", HEADING + "On 16 May 1981 Embassy counsellor Ts. Testov met with the "
                       "Deputy Head of the Exampleland MFA Boris Ivanovich Examplov on his own initiative." + TEXT)
    assert rec.kind == "record of conversation"
    assert names(rec.participants) == ["Ts. Testov", "Boris Ivanovich Examplov"]
    assert [rec.quote(p.span) for p in rec.participants] == ["Ts. Testov", "Boris Ivanovich Examplov"]


@pytest.mark.parametrize("sentence", [
    "The delegation met with difficulties on the invented road.",  # no one named
    "On 16 May the two sides met with each other in the invented hall.",
])
def test_a_meeting_sentence_without_names_names_no_one(sentence) -> None:
    assert parse_titled("Invented Trade, 1981", HEADING + sentence + TEXT).participants == []


def test_one_was_also_present_and_an_editors_completion_stays_in_his_name() -> None:
    rec = parse_titled(TITLE, "The meeting took place in Tesgrad. In addition to Kim Example, Deputy Foreign Minister "
                              "Li Sample was also present. [Testland] Ambassador W[alter] Probnik was also present "
                              "during the meeting." + TEXT)
    assert names(rec.participants) == ["Ivan Testov", "Kim Example", "Li Sample", "W[alter] Probnik"]


def test_footnote_marks_glued_to_names_in_a_list_are_left_out() -> None:
    rec = parse_titled(TITLE, "The meeting was attended by:\nLi Sample[3] – Minister of Invented Affairs;\n"
                              "Wang Test[4] – Head of Department IV" + TEXT)
    assert names(rec.participants) == ["Ivan Testov", "Kim Example", "Li Sample", "Wang Test"]


def test_a_list_going_on_over_lines_with_offices_and_bodies_after_the_names() -> None:
    rec = parse_titled(TITLE, "PARTICIPANTS: Ivan Testov, Vice President, Council of State, Li\nSample, Counselor, "
                              "Testland Foreign Ministry,\nAmbassador Kim Example, American Ambassador,\nWang Test, "
                              "Political Officer, American Embassy,\nSUBJECT: Invented Matters" + TEXT)
    assert names(rec.participants) == ["Ivan Testov", "Kim Example", "Li Sample", "Wang Test"]
    roles = {p.name: p.role for p in rec.participants}
    assert roles["Wang Test"] == "Political Officer, American Embassy"
    assert rec.quote(rec.participants[2].span) == "Li\nSample"  # the name cut by the line's end, as on the page


def test_a_list_ending_on_its_line_does_not_take_the_next_paragraph() -> None:
    rec = parse_titled(TITLE, "Present: Li Sample, Wang Test\nAnna Probna, who came late, spoke first." + TEXT)
    assert names(rec.participants) == ["Ivan Testov", "Kim Example", "Li Sample", "Wang Test"]
