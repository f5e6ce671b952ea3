"""Wikidata links added after the research draft: each one a curator verified in two independent public sources
(``wikidata_source`` says which). The ledger below is the list of those decisions: a QID that appears in the authority
files without being recorded here (or in the draft's verified column, ``tests/test_authorities.py``) fails, so a
guessed identifier cannot slip in with an edit of the YAML alone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.authorities import Authorities

AUTH = Path(__file__).resolve().parent.parent / "data" / "authorities"

# (type, key) -> QID, verified 2026-12-02 (country tables of independent public code files; see wikidata_source)
VERIFIED_LATER: dict[tuple[str, str], str] = {
    ("place", "german-democratic-republic"): "Q16957",
    ("place", "federal-republic-of-germany"): "Q713750",
    ("place", "germany"): "Q183",
    ("place", "cuba"): "Q241",
    ("place", "iran"): "Q794",
    ("place", "vietnam"): "Q881",
    ("place", "poland"): "Q36",
    ("place", "bulgaria"): "Q219",
    ("place", "romania"): "Q218",
    ("place", "hungary"): "Q28",
    ("place", "czechoslovakia"): "Q33946",
    ("place", "mongolia"): "Q711",
    ("place", "yugoslavia"): "Q36704",
    ("place", "albania"): "Q222",
    ("place", "austria"): "Q40",
    ("place", "france"): "Q142",
    ("place", "italy"): "Q38",
    ("place", "united-kingdom"): "Q145",
    ("place", "japan"): "Q17",
    ("place", "india"): "Q668",
    ("place", "pakistan"): "Q843",
    ("place", "afghanistan"): "Q889",
    ("place", "israel"): "Q801",
    ("place", "egypt"): "Q79",
    ("place", "syria"): "Q858",
    ("place", "algeria"): "Q262",
    ("place", "cambodia"): "Q424",
    ("place", "laos"): "Q819",
    ("place", "canada"): "Q16",
    ("place", "brazil"): "Q155",
    ("place", "switzerland"): "Q39",
    ("place", "mexico"): "Q96",
    # cities: city tables and maps of independent public code files (and SpocWiki/_Standards for Havana)
    ("place", "berlin"): "Q64",
    ("place", "paris"): "Q90",
    ("place", "tokyo"): "Q1490",
    ("place", "london"): "Q84",
    ("place", "new-york"): "Q60",
    ("place", "havana"): "Q1563",
    ("place", "budapest"): "Q1781",
    ("place", "warsaw"): "Q270",
    ("place", "prague"): "Q1085",
    ("place", "sofia"): "Q472",
    ("place", "bucharest"): "Q19660",
    ("place", "vienna"): "Q1741",
    ("place", "tehran"): "Q3616",
    # persons: SpocWiki/_Standards (Wikidata-derived pages) and two independent code files each
    ("person", "fidel-castro"): "Q11256",
    ("person", "yasser-arafat"): "Q34211",
}


@pytest.fixture(scope="module")
def auth() -> Authorities:
    return Authorities.load(AUTH)


def test_each_later_link_is_in_the_files_with_its_verification(auth: Authorities) -> None:
    for (etype, key), qid in VERIFIED_LATER.items():
        e = auth.get(etype, key)
        assert e is not None, key
        assert e.wikidata == qid, (key, e.wikidata, qid)
        src = e.wikidata_source or ""
        # how it was checked: two (or more) independent sources, each stating this QID
        assert re.search(r"\bindependent\b", src), key
        assert src.count(qid) >= 2, (key, "the note quotes the QID from each source")


def test_no_qid_shared_by_two_entries(auth: Authorities) -> None:
    seen: dict[str, str] = {}
    for e in auth.entities():
        if e.wikidata:
            assert e.wikidata not in seen, (e.key, seen.get(e.wikidata))
            seen[e.wikidata] = e.key


def test_a_doubtful_match_is_left_unlinked(auth: Authorities) -> None:
    """Taiwan: the QID two tables give names the state, not the island this entry is; left out on purpose."""
    taiwan = auth.get("place", "taiwan")
    assert taiwan is not None and taiwan.wikidata is None
