"""An unreconciled person's IRI, once published, stays (kg.authorities.stable_iris): a fuller name found later
does not move it, and when two published IRIs turn out to name one person the old one is said to be replaced (in
RDF) and answers 301 over HTTP. The names are invented for these tests (no authority file knows them)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import requests

from kg.authorities import Authorities
from kg.authorities.merge import cluster
from kg.authorities.stable_iris import REGISTRY, Registry, Replacement, reconciled, stabilize
from kg.iris import unreconciled_key
from tests.conftest import start_server
from tests.test_unreconciled_merge import AUTH_DIR, _build, _record, _select

BASE = "https://w3id.org/archive-kg/"


@pytest.fixture(scope="module")
def auth() -> Authorities:
    return Authorities.load(AUTH_DIR)


def rows(*names: tuple[str, str]) -> list[tuple[str, str, str]]:
    return [(unreconciled_key(label), label, doc) for label, doc in names]


# -- the rule ----------------------------------------------------------------------------------------------


def test_a_fuller_name_found_later_keeps_the_published_key(auth: Authorities) -> None:
    first = rows(("Orbelin", "a"))
    merges, reg = stabilize(cluster(first, auth), first, Registry(), "b1")
    assert merges == [] and reg.published == {"u-orbelin": "b1"}
    key = "u-orbelin"
    later = first + rows(("Mikhail S. Orbelin", "b"))
    fresh = cluster(later, auth)
    assert [m.key for m in fresh] == ["u-mikhail-s-orbelin"]  # with no history: the fullest name's key
    merges, reg2 = stabilize(fresh, later, reg, "b2")
    assert [(m.key, m.label) for m in merges] == [(key, "Mikhail S. Orbelin")]  # the IRI stays, the label grows
    assert reg2.replaced == {} and set(reg2.published) == {key}
    assert reg2.published[key] == "b1"


def test_two_published_keys_of_one_person_leave_one_replaced(auth: Authorities) -> None:
    first = rows(("M.S. Orbelin", "a"), ("P.K. Orbelin", "b"), ("Orbelin", "c"))
    merges, reg = stabilize(cluster(first, auth), first, Registry(), "b1")
    assert merges == [] and set(reg.published) == {"u-m-s-orbelin", "u-p-k-orbelin", "u-orbelin"}
    later = [r for r in first if r[2] != "b"]  # P.K. Orbelin's page removed: the others are one person
    merges, reg2 = stabilize(cluster(later, auth), later, reg, "b2", today="2026-12-02")
    assert [m.key for m in merges] == ["u-m-s-orbelin"]
    assert reg2.replaced == {"u-orbelin": Replacement("u-orbelin", "u-m-s-orbelin", "2026-12-02",
                                                      ("M.S. Orbelin", "Orbelin"))}
    assert "u-p-k-orbelin" in reg2.published and "u-p-k-orbelin" not in reg2.replaced  # gone, not replaced


def test_replacements_follow_chains_and_end_when_the_old_key_lives_again() -> None:
    prev = Registry({"u-a": "b1", "u-b": "b1", "u-c": "b1"},
                    {"u-a": Replacement("u-a", "u-b", "2026-11-01"), "u-b": Replacement("u-b", "u-c", "2026-11-02")})
    _m, reg = stabilize([], [("u-c", "C", "d1")], prev, "b2")
    assert {o: r.new for o, r in reg.replaced.items()} == {"u-a": "u-c", "u-b": "u-c"}
    _m, reg = stabilize([], [("u-c", "C", "d1"), ("u-b", "B", "d2")], prev, "b2")  # u-b stands again
    assert {o: r.new for o, r in reg.replaced.items()} == {"u-a": "u-b"}


def test_a_published_person_the_authorities_now_know_is_replaced_by_the_entry(auth: Authorities) -> None:
    first = rows(("Orbelin", "a"), ("Stalinov", "b"))
    _m, reg = stabilize([], first, Registry(), "b1")
    assert reg.labels == {"u-orbelin": "Orbelin", "u-stalinov": "Stalinov"}
    reg.labels["u-stalinov"] = "Stalin"  # as if the page had named him so before an authority entry had the name
    later = rows(("Orbelin", "a"))
    _m, reg2 = stabilize([], later, reg, "b2")
    reconciled(reg2, auth, today="2026-12-02")
    assert {o: r.new for o, r in reg2.replaced.items()} == {"u-stalinov": "joseph-stalin"}
    assert "u-orbelin" not in reg2.replaced  # still live and unreconciled


# -- in builds, over HTTP ------------------------------------------------------------------------------------


def _people(out: Path, family: str) -> dict[str, str]:
    q = f"""SELECT DISTINCT ?d ?p WHERE {{ ?d <https://w3id.org/archive-kg/ontology#mentionsPerson> ?p .
      FILTER(CONTAINS(STR(?p), "{family}")) }}"""
    return {d.rsplit("/", 1)[1]: p.rsplit("/", 1)[1] for d, p in _select(out, q)}


def test_builds_keep_the_iri_and_redirect_a_replaced_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src, out, data = tmp_path / "src", tmp_path / "var", tmp_path / "data"
    src.mkdir()
    # 1. one page names "Comrade Orbelin": published as u-orbelin
    _record(src / "a.yaml", "note-a", "Comrade Orbelin said the institute needed more funds.")
    _build(src, out, data)
    assert _people(out, "orbelin") == {"note-a": "u-orbelin"}
    assert "u-orbelin" in json.loads((out / "current" / REGISTRY).read_text(encoding="utf-8"))["published"]

    # 2. a page with the fuller name is added (a derived build): the IRI stays, the fuller name is its label
    _record(src / "b.yaml", "note-b", "The report of academician M.S. Orbelin was read at the session.")
    _build(src, out, data)
    assert _people(out, "orbelin") == {"note-a": "u-orbelin", "note-b": "u-orbelin"}
    label = _select(out, f"SELECT DISTINCT ?l WHERE {{ <{BASE}id/person/u-orbelin> <http://www.w3.org/2000/01/rdf-schema#label> ?l }}")
    assert label == [("M.S. Orbelin",)]

    # 3. the same again with a history of two published IRIs for one person: a namesake's page made "Kastov" stand
    #    apart from "M.S. Kastov"; when that page goes, both are one person and one IRI replaces the other
    _record(src / "c.yaml", "note-c", "The report of academician M.S. Kastov was read at the session.")
    _record(src / "d.yaml", "note-d", "Colonel P.K. Kastov arrived in the morning.")
    _record(src / "e.yaml", "note-e", "Comrade Kastov said nothing.")
    _build(src, out, data)
    assert _people(out, "kastov") == {"note-c": "u-m-s-kastov", "note-d": "u-p-k-kastov", "note-e": "u-kastov"}
    (src / "d.yaml").unlink()
    _build(src, out, data)
    assert _people(out, "kastov") == {"note-c": "u-m-s-kastov", "note-e": "u-m-s-kastov"}
    q = f"""PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX owl: <http://www.w3.org/2002/07/owl#>
    SELECT ?new ?dep WHERE {{ <{BASE}id/person/u-kastov> dcterms:isReplacedBy ?new ; owl:sameAs ?same ;
      owl:deprecated ?dep }}"""
    assert _select(out, q) == [(f"{BASE}id/person/u-m-s-kastov", "true")]

    proc, url = start_server(out)
    try:
        for form, suffix in (("id", ""), ("page", ""), ("data", ".ttl")):
            r = requests.get(f"{url}/{form}/person/u-kastov{suffix}", allow_redirects=False, timeout=30)
            assert r.status_code == 301, form
            assert r.headers["Location"].endswith(f"/{form}/person/u-m-s-kastov{suffix}")
        r = requests.get(f"{url}/id/person/u-kastov", headers={"Accept": "text/turtle"}, timeout=30)
        assert r.status_code == 200 and "M.S. Kastov" in r.text
        r = requests.get(f"{url}/id/person/u-orbelin", allow_redirects=False, timeout=30)
        assert r.status_code == 303  # a live IRI is not redirected
    finally:
        proc.terminate()
        proc.wait(10)

    # 4. a build from scratch keeps the IRIs and the replacement (the registry is read from the published version)
    monkeypatch.setenv("KG_BUILD_FROM_SCRATCH", "1")
    _build(src, out, data)
    assert _people(out, "orbelin") == {"note-a": "u-orbelin", "note-b": "u-orbelin"}
    assert _select(out, q) == [(f"{BASE}id/person/u-m-s-kastov", "true")]
