"""The eighth reading of held-out pages: offices named after a hyphened title, editors' glosses and the site's
buttons in the parser's mentions, names with no cue that recur or come in a list, given names in brackets, a name
right after an organization's head word, and the recognizer's memo. Invented names, own words."""

from __future__ import annotations

import random
import zlib
from pathlib import Path

import pytest

from kg.authorities import Authorities
from kg.recognize import Candidate, _recognized, mentions_in_text, not_a_name, recognize_text
from kg.recognize.rules import _bracketed_name_part

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def auth() -> Authorities:
    return Authorities.load(ROOT / "data" / "authorities")


def found(text: str) -> dict[str, str]:
    """Recognized names as written -> kind."""
    return {c.text: c.kind for c in recognize_text(text)}


def test_office_named_after_a_hyphened_title_keeps_the_title() -> None:
    got = found("The order came from the Staff Office for the Supreme Commander-in-Chief on 3 May.\n")
    assert got.get("Staff Office for the Supreme Commander-in-Chief") == "organization"
    assert "Staff Office for the Supreme" not in got
    # a title after an organization's name without "of"/"for" is still the person's, not the organization's
    got = found("The Party Central Committee Secretary Velkanu arrived.\n")
    assert got.get("Party Central Committee") == "organization"


@pytest.mark.parametrize("gloss", ["the northern troops", "KPA, i.e. the army of the DPRK", "sic"])
def test_an_editors_gloss_in_lower_case_is_no_name(gloss: str) -> None:
    assert not_a_name(gloss)


@pytest.mark.parametrize("name", ["Korean People's Army", "Hafez al-Assad", "Charles de Gaulle", "Zarovo Ministry of Coal"])
def test_names_with_connectors_stay_names(name: str) -> None:
    assert not not_a_name(name)


def test_gloss_after_an_army_is_not_highlighted(auth: Authorities) -> None:
    text = "Units of the Tovarese People's Army [the northern troops] fell back to the coast.\n"
    a = text.index("[") + 1
    b = text.index("]")
    pm = [(a, b, text[a:b], "organization")]  # what the parser makes of a gloss after an organization's name
    written = [w for _, _, w in mentions_in_text(text, auth, parser_mentions=pm)]
    assert "Tovarese People's Army" in written
    assert not any("northern" in w for w in written)


def test_the_sites_buttons_in_capitals_are_no_persons(auth: Authorities) -> None:
    text = "ADD SEARCH FILTER CANCEL SEARCH FILTER\nComrade Velkanu said that the harvest was poor.\n"
    pm = [(0, 23, "ADD SEARCH FILTER CANCEL", "person"), (24, 37, "SEARCH FILTER", "person")]
    assert not_a_name("ADD SEARCH FILTER CANCEL") and not_a_name("CITATION SHARE DOWNLOAD")
    assert not not_a_name("DUSHYUKEV")  # a name in capitals is still one
    written = [w for _, _, w in mentions_in_text(text, auth, parser_mentions=pm)]
    assert written == ["Velkanu"]


def test_a_name_without_cue_named_twice_is_a_person() -> None:
    text = "The envoys met Vardonu at noon.\nLater that week the envoys saw Vardonu again at the airport.\n"
    cands = [c for c in recognize_text(text) if c.text == "Vardonu"]
    assert [c.kind for c in cands] == ["person", "person"]
    assert {c.cue for c in cands} == {"recurring"}


@pytest.mark.parametrize("text", [
    "The envoys met Vardonu at noon and left for the coast in the evening.\n",  # named once: no guess
    "The Zarovans protested at noon. Later the Zarovans protested again.\n",  # a people, after "the"
    "Die Delegation sprach mit der Presse. Danach hat die Presse nicht geschrieben, dass die Presse wartet.\n",
    "The commission examined the Technology of the plant. The Technology was old and the plant was closed.\n",
])
def test_words_that_recur_but_are_no_names(text: str) -> None:
    assert not [c for c in recognize_text(text) if c.kind == "person"]


def test_three_names_without_cue_in_a_list_are_persons() -> None:
    got = found("At the dinner were Kasobu, Ilemo and Tsheba, with their wives.\n")
    assert got == {"Kasobu": "person", "Ilemo": "person", "Tsheba": "person"}


def test_a_list_after_a_preposition_is_not_guessed() -> None:
    got = found("The road to Kavaru, Lushenja and Berota was closed for a week by the snow.\n")
    assert not [w for w, k in got.items() if k == "person"]


def test_a_list_going_on_from_a_place_is_of_places() -> None:
    got = found("The train went through Moscow, Kavaru, Lushenja and Berota in two days.\n")
    assert got.get("Kavaru") == got.get("Lushenja") == got.get("Berota") == "place"


def test_a_given_name_in_brackets_is_part_of_the_name() -> None:
    got = found("President [Janos] Dakpei opened the session.\n")
    assert got == {"Dakpei": "person"}
    # after a word, a bracket says who is meant ("he [Velkanu]", "Filippov [Velkanu]"): that one stays
    text = "Then he [Velkanu] said that the guests were welcome.\n"
    a = text.index("Velkanu")
    assert not _bracketed_name_part(text, Candidate(a, a + 7, "person", "Velkanu", "gloss"))
    text = "Minister [Velkanu] Dakpei said that the guests were welcome.\n"
    a = text.index("Velkanu")
    assert _bracketed_name_part(text, Candidate(a, a + 7, "person", "Velkanu", "title"))


def test_a_person_right_after_an_organizations_head_word() -> None:
    got = found("Deputy Chairman of the Federal Executive Council Keno Chyalyakebe was present as well.\n")
    assert got.get("Keno Chyalyakebe") == "person"
    assert any(k == "organization" and w.endswith("Federal Executive Council") for w, k in got.items())


def test_forms_of_address_are_no_persons() -> None:
    got = found("Her Majesty's Government was informed twice, and Her Majesty agreed.\n")
    assert "Majesty" not in got


def test_the_memo_is_safe_from_checksum_collisions() -> None:
    a = "Comrade Pndzltzb said that the harvest was poor.\n"
    b = "Comrade Bgailern said that the harvest was poor.\n"
    assert len(a) == len(b) and zlib.crc32(a.encode()) == zlib.crc32(b.encode())  # the old key could not tell
    memo: dict = {}
    first = _recognized(a, [], memo)
    second = _recognized(b, [], memo)
    assert [c.text for c in first] == ["Pndzltzb"]
    assert [c.text for c in second] == ["Bgailern"]
    assert _recognized(b, [], memo) is second  # the same text again: taken from the memo


def test_the_synthetic_generator_writes_the_new_styles() -> None:
    from bench.synth_mentions import generate

    rng = random.Random(5)
    texts = [generate(rng) for _ in range(120)]
    joined = "".join(t.text for t in texts)
    for style in ("Supreme Commander-in-Chief", "[the northern troops]", "saw ", "At the dinner were",
                  "President [", "Executive Council", "ADD SEARCH FILTER", "The students met "):
        assert style in joined


def test_a_family_name_in_capitals_before_the_given_name() -> None:
    got = found("The chairman spoke with the head of the association, CHEN Velzhong, about the letters.\n")
    assert got.get("CHEN Velzhong") == "person"
    got = found("The report of the TASS Director was read.\n")  # an acronym before a title is no family name
    assert "TASS Director" not in got
