"""Recognition rules found on the third held-out reading (kg.recognize): texts written in capitals (cables), where
capitals tell no name from other words; and names in ordinary text that were missed (lists of places after
"cities like", "the Embassy", initials without dots, "called on X", "McX" names, "the 38th Parallel", a family
name "Lord"). Texts written for these tests, with invented names where a name must be unknown."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.bench_recognize import Score, _key, score_text
from kg.authorities import Authorities
from kg.recognize import mentions_in_text, recognize_text
from kg.recognize.tokens import mostly_capitals

ROOT = Path(__file__).resolve().parent.parent

CABLE = """CONFIDENTIAL
PAGE 01 VIENNA 04412 01 OF 02 121530Z
FM AMEMBASSY VIENNA
TO SECSTATE WASHDC PRIORITY 2211
INFO AMEMBASSY ROME
AMEMBASSY BUDAPEST
S E C R E T SECTION 1 OF 2
TAGS: PFOR, PINT, AU
SUBJECT: LUNCH WITH FOREIGN MINISTER VARGELL
1. AT HIS INVITATION I HAD LUNCH TODAY WITH FOREIGN MINISTER
VARGELL AND HIS CHIEF OF CABINET DR. OSTRANEK. VARGELL
SAID THAT GENERAL PROGRESS IN THE TALKS WAS SLOW, AND THAT
CHANCELLOR
BRETTMAYER HAD PREVIOUSLY INFORMED THE PRESIDENT OF HIS VIEWS.
2. VARGELL EXPRESSED HOPE THAT THE TALKS WOULD RESUME IN EARLY
SPRING. HE ADDED THAT BRETTMAYER'S PROPOSAL REMAINS OPEN.
3. DEPARTURE. OSTRANEK INFORMED ME THAT THE WHO DELEGATION WAS
NOT EXPECTED.
"""


@pytest.fixture(scope="module")
def auth() -> Authorities:
    return Authorities.load(ROOT / "data" / "authorities")


def found(text: str) -> set[tuple[str, str]]:
    return {(c.kind, c.text) for c in recognize_text(text)}


# -- a text in capitals ----------------------------------------------------------------------------------------


def test_a_cable_in_capitals_is_recognized_as_such() -> None:
    assert mostly_capitals(CABLE)
    assert not mostly_capitals("Comrade Vargell said that the talks in Vienna were slow. " * 3)


def test_in_a_cable_only_names_with_a_cue_are_persons(auth: Authorities) -> None:
    got = {(r.etype, w) for _s, r, w in mentions_in_text(CABLE, auth)}
    persons = {w for k, w in got if k == "person"}
    assert {"VARGELL", "OSTRANEK", "BRETTMAYER"} <= persons
    # a run of capitals is no name: "GENERAL PROGRESS", "EXPRESSED HOPE", "DEPARTURE", "PREVIOUSLY"
    assert not persons & {"PROGRESS", "GENERAL PROGRESS", "EXPRESSED HOPE", "DEPARTURE", "PREVIOUSLY",
                          "LUNCH", "SPRING", "S E C R E T", "TAGS"}
    assert all(" " not in p or p in ("FOREIGN MINISTER VARGELL",) for p in persons), persons


def test_in_a_cable_places_are_found_inside_address_lines(auth: Authorities) -> None:
    places = {w for _s, r, w in mentions_in_text(CABLE, auth) if r.etype == "place"}
    assert {"VIENNA", "ROME", "BUDAPEST"} <= places


def test_in_a_cable_a_title_on_the_line_before_counts() -> None:
    assert ("person", "BRETTMAYER") in found(CABLE)


def test_in_a_cable_an_acronym_that_is_a_word_is_no_organization() -> None:
    assert not any(c.kind == "organization" and "WHO" in c.text for c in recognize_text(CABLE))


def test_in_a_cable_the_parser_s_capitalized_runs_are_not_taken(auth: Authorities) -> None:
    runs = [(0, 12, "CONFIDENTIAL", "person"), (CABLE.index("EXPRESSED HOPE"),
                                                CABLE.index("EXPRESSED HOPE") + 14, "EXPRESSED HOPE", "person")]
    got = {w for _s, _r, w in mentions_in_text(CABLE, auth, parser_mentions=runs)}
    assert "EXPRESSED HOPE" not in got


def test_letter_spaced_capitals_are_not_a_name() -> None:
    assert not any(c.kind == "person" for c in recognize_text("The cover said S E C R E T in red."))


# -- ordinary text ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("After the congress we visited cities like Drovanj, Kelmira, Ostuni and Velgrad in the south.",
     {("place", "Drovanj"), ("place", "Kelmira"), ("place", "Ostuni"), ("place", "Velgrad")}),
    ("Telegram from the Embassy in the Soviet Union to the Department of State.",
     {("organization", "Embassy")}),
    ("I then called on Barvani, KPS Merathan and RK Dohlan at the ministry.",
     {("person", "Barvani"), ("person", "KPS Merathan"), ("person", "RK Dohlan")}),
    ("For McGarrity from Ostwell. Made my first call today.", {("person", "McGarrity")}),
    ("The withdrawal of forces south of the 38th Parallel was discussed.", {("place", "38th Parallel")}),
    ("Defense interests in the west Pacific were raised.", {("place", "Pacific")}),
    ("  • Winston Lord, Special Assistant to the Secretary", {("person", "Winston Lord")}),
    ("The head of the Council of the Ministers was also present.", {("organization", "Council of the Ministers")}),
    ("After Hurvanh translated the text twice, the talks went on.", {("person", "Hurvanh")}),
])
def test_names_in_ordinary_text(text: str, expected: set[tuple[str, str]]) -> None:
    assert expected <= found(text), found(text)


@pytest.mark.parametrize("text, expected", [
    ("  • Mr. Lake\n  • Mr. Church", {("person", "Lake"), ("person", "Church")}),
    ("331. From Hulmerby. President Tito asked to meet today.", {("person", "Hulmerby")}),
    ("the members of the presidium of the CC Jan Pollart, Vel'ak, Indrow; the minister of justice",
     {("person", "Jan Pollart"), ("person", "Vel'ak"), ("person", "Indrow")}),
    ("Harold Saunders, Director, INR, and Moshe Raviv, Director of the Asia Desk",
     {("organization", "INR"), ("organization", "Asia Desk")}),
])
def test_names_from_the_fourth_reading(text: str, expected: set[tuple[str, str]]) -> None:
    assert expected <= found(text), found(text)


def test_a_word_listed_with_a_person_the_authorities_know_is_a_person(auth: Authorities) -> None:
    # (a name with no family name ending: "Gromyko" is a cue by itself since "-yko" is one)
    text = "Soviet delegation composed as follows: Khrushchev head of delegation, Stalin and Kumilkin."
    got = {w: r.etype for _s, r, w in mentions_in_text(text, auth)}
    assert got.get("Stalin") == "person" and got.get("Kumilkin") == "person"
    assert ("person", "Kumilkin") not in found(text)  # the recognizer alone has no cue


def test_jan_before_a_number_is_a_month() -> None:
    assert not any(c.kind == "person" for c in recognize_text("On Jan 5 we met the delegation."))


def test_a_word_before_a_title_is_not_a_listed_person() -> None:
    f = found("He was accompanied by staff member Kellin and Political Counselor Grennart.")
    assert ("person", "Political") not in f and ("person", "Grennart") in f


def test_lord_before_a_name_stays_a_title() -> None:
    assert ("person", "Carrington") in found("Lord Carrington said no.")


# -- the bench's scoring ------------------------------------------------------------------------------------------


def test_a_dotted_acronym_is_scored_as_a_word(auth: Authorities) -> None:
    assert _key("U.S.") == _key("US") == frozenset({"us"})
    sc = Score()
    score_text("Trade with the U.S. grew.", {"place": ["U.S.|US"]}, auth, after=True, score=sc)
    assert sc.recalled["place"] == 1 and sc.fp == 0
