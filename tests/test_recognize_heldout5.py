"""Recognition rules found on the fifth held-out reading (kg.recognize): organizations in a cable written in
capitals, titles of documents in title case (lists of results), countries and regions of Africa, the Middle East and
Latin America, and the adjectives of their peoples. Texts written for these tests, with invented names where a name
must be unknown."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.authorities import Authorities
from kg.recognize import mentions_in_text, recognize_text

ROOT = Path(__file__).resolve().parent.parent

CABLE = """CONFIDENTIAL
FM AMEMBASSY NAIROBI
TO SECSTATE WASHDC IMMEDIATE
SUBJECT: DAM TALKS POSTPONED
1. THE FOREIGN OFFICE INFORMED US TODAY THAT THE MINISTRY OF FOREIGN AFFAIRS OF ZAMBIA HAD ASKED FOR A DELAY.
2. AMBASSADOR TREVANCE WOULD LEAVE FOR LUSAKA ON MONDAY. THE MINISTRY OF DEFENCE AND THE CENTRAL COMMITTEE OF
THE PARTY WERE NOT CONSULTED. FOREIGN MINISTER OKAMBO SAID THE STATE DEPARTMENT HAD AGREED. THE GENERAL STAFF MET.
"""


@pytest.fixture(scope="module")
def auth() -> Authorities:
    return Authorities.load(ROOT / "data" / "authorities")


def _found(text: str) -> dict[str, str]:
    return {c.text: c.kind for c in recognize_text(text)}


def test_organizations_in_a_cable_in_capitals() -> None:
    got = _found(CABLE)
    for org in ("FOREIGN OFFICE", "MINISTRY OF FOREIGN AFFAIRS", "MINISTRY OF DEFENCE", "CENTRAL COMMITTEE OF THE",
                "STATE DEPARTMENT", "GENERAL STAFF"):
        assert got.get(org) == "organization" or org.startswith("CENTRAL") and any(
            k.startswith("CENTRAL COMMITTEE") and v == "organization" for k, v in got.items()), (org, got)
    assert got.get("ZAMBIA") == "place" and got.get("LUSAKA") == "place"  # the place after "OF" stays a place
    assert got.get("TREVANCE") == "person" and got.get("OKAMBO") == "person"
    # verbs and other words around the head word are never part of the name
    assert not any(w in k for k in got for w in ("INFORMED", "THAT", "LEAVE", "WERE", "SAID", "MET"))


def test_a_run_of_capitalized_words_in_a_title_is_no_person() -> None:
    text = ("Results:\n\nMay 3, 1981\n\nTranscript of a Lecture Given by Marshal Odrovan at the Staff College\n\n"
            "Odrovan lectures on the history of the war.\n\nJune 1984\n\n"
            "Memorandum on Chemical Weapons Capability and Alleged Use in the Southern Provinces\n\n"
            "A memorandum on the alleged use of gas.\n\n1979\n\n"
            "Letter from Congressman Teodor Vallesko to Vice-President Amadeo Quarrenta dos Reis\n\n"
            "Vallesko proposes a joint inspection.\n")
    got = _found(text)
    assert not any(k in got for k in ("Lecture Given", "Alleged Use", "Chemical Weapons Capability"))
    assert got.get("Odrovan") == "person"
    assert got.get("Teodor Vallesko") == "person"
    assert any(k.startswith("Amadeo Quarrenta") and v == "person" for k, v in got.items()), got  # no cue but prose


@pytest.mark.parametrize("text, place", [
    ("The report addresses relations with Somalia and Djibouti.", "Djibouti"),
    ("They asked Ethiopia to give up part of the Ogaden.", "Ogaden"),
    ("The talks between Iraq and Eritrea went on.", "Eritrea"),
    ("He flew on to Mogadishu the next day.", "Mogadishu"),
    ("Troops moved along the Horn of Africa coast.", "Horn of Africa"),
])
def test_more_places_of_africa_and_the_middle_east(auth: Authorities, text: str, place: str) -> None:
    got = {w: r.etype for _s, r, w in mentions_in_text(text, auth)}
    assert got.get(place) == "place", got


@pytest.mark.parametrize("text, adjective, name", [
    ("The Argentine Ambassador Serrano del Valle met the minister.", "Argentine", "Serrano del Valle"),
    ("A Mozambican delegation came with Comrade Tembakazi.", "Mozambican", "Tembakazi"),
    ("The Brazilian note was handed to Ambassador Quirell.", "Brazilian", "Quirell"),
])
def test_the_adjectives_of_peoples_are_no_names(auth: Authorities, text: str, adjective: str, name: str) -> None:
    got = {w: r.etype for _s, r, w in mentions_in_text(text, auth)}
    assert adjective not in got, got
    assert any(name in w and k == "person" for w, k in got.items()), got


def test_a_short_form_with_or_without_diacritics_is_the_full_names_entity(auth: Authorities) -> None:
    text = ("Later Dravkovic told the guests that Branimir Drašković-Luka would come. Drašković said so twice, "
            "and Dravković agreed with Vukan Dravkovic.")
    keys = {w: r.key for _s, r, w in mentions_in_text(text, auth)}
    assert keys["Dravkovic"] == keys["Dravković"] == keys["Vukan Dravkovic"] == "u-vukan-dravkovic"
    assert keys["Branimir Drašković-Luka"] == "u-branimir-draskovic-luka"
