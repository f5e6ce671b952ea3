"""Recognition rules found on the sixth held-out reading (kg.recognize): names joined by hyphens ("the A-B talks",
a chain of names), an organization's acronym after "the", who did something ("checked by X"), "meet with X", and
family name endings of the Balkans ("-ić"). Texts written for these tests, with invented names."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.authorities import Authorities
from kg.recognize import mentions_in_text

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def auth() -> Authorities:
    return Authorities.load(ROOT / "data" / "authorities")


def _found(auth: Authorities, text: str) -> dict[str, str]:
    return {w: r.etype for _s, r, w in mentions_in_text(text, auth)}


def test_names_joined_by_a_hyphen_before_a_meeting_word_are_two_persons(auth: Authorities) -> None:
    got = _found(auth, "After the Zorlovan-Petrak talks and the Mirescu-Dallin summit, the Sino-Soviet split "
                       "grew; the Moscow-Prague meeting followed. Svetozar Vukmanovic-Tempo arrived.")
    assert got["Zorlovan"] == got["Petrak"] == got["Mirescu"] == got["Dallin"] == "person"
    assert got["Moscow"] == got["Prague"] == "place"
    assert got["Svetozar Vukmanovic-Tempo"] == "person"  # a double family name alone is one name
    assert not any("Sino" in w or "Soviet" in w for w in got)


def test_a_chain_of_names_is_each_a_name_and_a_route_of_places_is_places(auth: Authorities) -> None:
    got = _found(auth, "Manuel Teodor-Vasquez-Ibarren-Lozano:\nThe situation in the provinces.")
    assert got == {"Manuel Teodor": "person", "Vasquez": "person", "Ibarren": "person", "Lozano": "person"}
    got = _found(auth, "The railway Moscow-Kalvino-Drasnik was opened.")
    assert got.get("Kalvino") == got.get("Drasnik") == "place"


def test_a_place_written_with_a_hyphen_stays_whole_in_a_route(auth: Authorities) -> None:
    got = _found(auth, "The cost of the Ulaanbaatar-Zamyn-Uud railroad and of the Beijing-Ulan-Bator-Moscow line.")
    assert got == {"Ulaanbaatar": "place", "Zamyn-Uud": "place", "Beijing": "place", "Ulan-Bator": "place",
                   "Moscow": "place"}
    assert _found(auth, "The line Moscow-Kalvino-Drasnik.") == {"Moscow": "place", "Kalvino": "place",
                                                              "Drasnik": "place"}  # unknown parts: one place each


def test_a_lone_family_name_is_the_person_the_page_named_in_full(auth: Authorities) -> None:
    text = ("The envoy met Balemo Tsetse Kanga in the palace.\n\nKanga is working on the basis of a political "
            "arrangement; later the FNLK and Kanga agreed.")
    found = [(w, r.etype, r.key) for _s, r, w in mentions_in_text(text, auth)]
    people = [(w, key) for w, kind, key in found if kind == "person"]
    assert [w for w, _ in people] == ["Balemo Tsetse Kanga", "Kanga", "Kanga"]
    assert len({key for _, key in people}) == 1  # one entity, not three


def test_an_acronym_after_the_is_an_organization(auth: Authorities) -> None:
    got = _found(auth, "The aggression on the part of the FNLK and of the ZAPLO went on, and the leaders of the "
                       "PURX met the USSR envoy.")
    assert got.get("FNLK") == got.get("ZAPLO") == got.get("PURX") == "organization"
    assert got.get("USSR") == "place"
    got = _found(auth, "SECRET\nREPORT ON THE DAM\nIt was read by the SECRETARY in the morning.")
    assert "REPORT" not in got and "DAM" not in got and "SECRETARY" not in got


@pytest.mark.parametrize("text, name", [
    ("The plan was raised by Tembrio, head of the staff.", "Tembrio"),
    ("Deciphered by Kolucha, checked by Marvisz.", "Kolucha"),
    ("He made his ambassador meet with Dravolin to tell him so.", "Dravolin"),
    ("Telegram from the Embassy in Rio (Zelenčić) to the ministry.", "Zelenčić"),
])
def test_persons_named_by_what_they_did_or_by_their_family_name_ending(auth: Authorities, text: str,
                                                                      name: str) -> None:
    assert _found(auth, text).get(name) == "person"


def test_a_place_done_by_is_still_a_place(auth: Authorities) -> None:
    got = _found(auth, "The offer was supported by Moscow and rejected by Belgrade.")
    assert got == {"Moscow": "place", "Belgrade": "place"}


def test_a_title_in_editorial_brackets_names_the_person_after_them(auth: Authorities) -> None:
    got = _found(auth, "As for the tests, [Ruritania’s Foreign Minister K.L.] Vasantor took a negative view.")
    assert got.get("Vasantor") == "person"


def test_a_known_place_then_a_name_is_a_place_and_a_person(auth: Authorities) -> None:
    got = _found(auth, "Telegram from the Albanian Ambassador in Iraq Tervi Malko to the ministry.")
    assert got.get("Iraq") == "place" and got.get("Tervi Malko") == "person"
    assert _found(auth, "He stayed in Moscow River Port.") == {"Moscow": "place"}


def test_a_country_before_a_head_word_in_lower_case_is_an_organization(auth: Authorities) -> None:
    got = _found(auth, "An invitation came from the Ceylon embassy, and volunteers joined the US army.")
    assert got.get("Ceylon embassy") == got.get("US army") == "organization"
    got = _found(auth, "The Brazilian government and the Ethiopian army.")  # an adjective: a description
    assert "Brazilian government" not in got and "Ethiopian army" not in got


def test_arabic_names_with_the_article_are_one_name_with_or_without_diacritics(auth: Authorities) -> None:
    text = ("The report followed the coup by Faruq al-Tahiri at the end of March. Moves against Fārūq al-Ṭāhirī "
            "began. President Anwar el-Sadat spoke.")
    keys = {w: r.key for _s, r, w in mentions_in_text(text, auth)}
    assert keys["Faruq al-Tahiri"] == keys["Fārūq al-Ṭāhirī"] == "u-faruq-al-tahiri"
    assert "Anwar el-Sadat" in keys


def test_a_name_set_off_by_commas_after_a_title_is_a_person(auth: Authorities) -> None:
    got = _found(auth, "A telegram from the GDR ambassador to China, Wendrach, assesses the position.")
    assert got.get("Wendrach") == "person"
    got = _found(auth, "The ambassador went to Harbin, Kovrat, where he met the mayor.")
    assert "Kovrat" not in got  # a place named after a place


@pytest.mark.parametrize("text, org", [
    ("An account of the Muslim Brotherhood's division.", "Muslim Brotherhood"),
    ("According to CP communications, the branch is small.", "CP"),
])
def test_more_organizations(auth: Authorities, text: str, org: str) -> None:
    assert _found(auth, text).get(org) == "organization"


def test_places_of_a_journey_and_of_a_report(auth: Authorities) -> None:
    got = _found(auth, "The delegation travelled from Lolvanburg to Surgryulan by rail. The coup was reported "
                       "from Vushgar. A letter from Dravkov to Ivanin was read.")
    assert got.get("Lolvanburg") == got.get("Surgryulan") == got.get("Vushgar") == "place"
    assert got.get("Ivanin") != "place"  # from a person to a person


def test_an_acronym_explained_in_brackets_is_an_organization(auth: Authorities) -> None:
    got = _found(auth, "The Politburo briefs KOSVAN (the communist command in the south) on the elections.")
    assert got.get("KOSVAN") == "organization"
