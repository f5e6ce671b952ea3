"""Names the page runs together or glues to something else (kg.recognize): two persons side by side, an
organization's name before a person's, footnote digits stuck to a name. Texts written for these tests, with
invented names where a name must be unknown."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from kg.authorities import Authorities
from kg.iris import IRIs
from kg.mapping import map_record
from kg.namespaces import AKG
from kg.recognize import mentions_in_text, recognize_text
from kg.records import DocumentRecord, Span

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def auth() -> Authorities:
    return Authorities.load(ROOT / "data" / "authorities")


def found(text: str) -> set[tuple[str, str]]:
    return {(c.kind, c.text) for c in recognize_text(text)}


def linked(text: str, auth: Authorities) -> dict[str, str]:
    return {w: r.key for _s, r, w in mentions_in_text(text, auth)}


# -- two persons side by side --------------------------------------------------------------------------------


def test_two_family_names_named_alone_elsewhere_are_two_persons() -> None:
    text = ("Comrade Dorvesh met Premier Ulvanfu on Monday. In his talk with Dorvesh Ulvanfu announced the "
            "loan. Dorvesh said the terms were fair.")
    f = found(text)
    assert ("person", "Dorvesh Ulvanfu") not in f
    spans = [(c.text, c.cue) for c in recognize_text(text) if c.cue == "run-together"]
    assert spans == [("Dorvesh", "run-together"), ("Ulvanfu", "run-together")]


def test_a_given_name_and_a_family_name_stay_one_person() -> None:
    text = "Fidel Castrillo spoke first. Fidel said yes and Castrillo said no."
    assert ("person", "Fidel Castrillo") in found(text)


def test_names_not_seen_alone_stay_one_name() -> None:
    assert ("person", "Dorvesh Ulvanfu") in found("Comrade Dorvesh Ulvanfu arrived from the capital.")


def test_a_known_person_run_together_with_an_unknown_one(auth: Authorities) -> None:
    for text in ("Present were comrades Tsedenbal Ulvanfu and Dorjevsky.",
                 "In his conversation with Tsedenbal Ulvanfu announced that the loan was agreed."):
        got = linked(text, auth)
        assert got.get("Tsedenbal") == "yumjaagiin-tsedenbal", text
        assert got.get("Ulvanfu") == "u-ulvanfu", text


def test_a_known_person_before_a_patronymic_is_not_split(auth: Authorities) -> None:
    got = linked("Comrade Tsedenbal Yumjaagiinovich arrived.", auth)
    assert "Yumjaagiinovich" not in got


# -- an organization glued to a person -------------------------------------------------------------------------


@pytest.mark.parametrize("text, org, person", [
    ("A letter from USSR Academy of Sciences M.S. Asimov reached the institute.",
     "USSR Academy of Sciences", "M.S. Asimov"),
    ("The Ministry of Foreign Affairs Andrei Gromtsev replied on Friday.",
     "Ministry of Foreign Affairs", "Andrei Gromtsev"),
    ("The Institute of World Economy I.I. Petrenkov sent a note.", "Institute of World Economy", "I.I. Petrenkov"),
    ("Council of Ministers Chairman A. N. Koslevin signed it.", "Council of Ministers", "A. N. Koslevin"),
])
def test_an_organization_then_a_person(text: str, org: str, person: str) -> None:
    f = found(text)
    assert ("organization", org) in f
    assert ("person", person) in f


def test_a_title_after_of_is_part_of_the_organization() -> None:
    assert ("organization", "Council of Ministers") in found("The Council of Ministers decided the matter.")


# -- footnote digits ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, name", [
    ("From: [Ambassador Boleslaw] JELENSKI1", "JELENSKI"),
    ("Comrade KOVALSKY2 said that the plan was ready.", "KOVALSKY"),
    ("Krestovin12 said that it was late.", "Krestovin"),
])
def test_footnote_digits_are_left_out_and_noted(text: str, name: str) -> None:
    cands = [c for c in recognize_text(text) if c.kind == "person" and c.text == name]
    assert cands, recognize_text(text)
    assert "footnote digits" in cands[0].note


def test_digits_inside_words_are_not_footnotes() -> None:
    assert not any(c.note for c in recognize_text("The MiG15 and Il-28 aircraft arrived with Comrade Volkin."))


def test_a_footnoted_name_is_published_without_the_digits_and_flagged(auth: Authorities) -> None:
    body = "Comrade KOVALSKY2 said that the plan was ready."
    text = "Title\n\n" + body
    rec = DocumentRecord(doc_id="test-footnote", source_path="x", source_format="wilson-page", title="Title",
                         kind="note", text=text, body=body, body_span=Span(7, len(text)))
    iris = IRIs()
    g = map_record(rec, auth, iris).graph
    doc = iris.document("test-footnote")
    person = URIRef(str(iris.person("u-kovalsky")))
    assert (doc, AKG.mentionsPerson, person) in g
    flags = list(g.objects(doc, AKG.flag))
    assert flags and (flags[0], AKG.verbatim, Literal("KOVALSKY2")) in g
    assert (flags[0], RDF.type, AKG.QualityFlag) in g
    methods = {str(m) for a in g.subjects(RDF.object, person) for m in g.objects(a, AKG.method)}
    assert any("footnote digits" in m for m in methods)
