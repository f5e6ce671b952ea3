"""A date line that gives only a decade ("1950s"), a season or "c. 1950": the record keeps the EDTF value
("195X", "1983-21", "1950~"), the graph writes it with the first and last day it may be (akg:earliestDate,
akg:latestDate, xsd:date), the shapes accept it and reject what cannot be, a decade page builds, and a SPARQL range
filter finds it. The pages are invented."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, XSD

from kg.authorities import Authorities
from kg.build import build
from kg.config import Settings
from kg.ingest.common import parse_date_line
from kg.iris import IRIs
from kg.layout import OutDir
from kg.mapping import map_record
from kg.namespaces import AKG
from kg.store import open_store
from kg.validate import validate_graph
from tests.page_support import page, parse

ROOT = Path(__file__).resolve().parent.parent
TITLE = "Letter from Ivan Testov to Petar Primerov"
TAIL = ("\n\nAn invented summary.\n\nDocument Information\n\nSource\n\nAPRF, f. 1, op. 2, d. 3, l. 4.\n\n"
        "Rights\n\nReuse of this invented page is free.\n\nRecord ID\n\n{rid}\n")


@pytest.fixture(scope="module")
def auth() -> Authorities:
    return Authorities.load(ROOT / "data" / "authorities")


@pytest.mark.parametrize(("line", "edtf", "first", "last"), [
    ("1950s", "195X", dt.date(1950, 1, 1), dt.date(1959, 12, 31)),
    ("the 1960s", "196X", dt.date(1960, 1, 1), dt.date(1969, 12, 31)),
    ("[1970s]", "197X", dt.date(1970, 1, 1), dt.date(1979, 12, 31)),
    ("1980’s", "198X", dt.date(1980, 1, 1), dt.date(1989, 12, 31)),
    ("c. 1940s", "194X~", dt.date(1940, 1, 1), dt.date(1949, 12, 31)),
])
def test_a_decade_date_line_is_the_date_to_the_decade_and_the_title_is_kept(line, edtf, first, last) -> None:
    rec = parse(page(TITLE, date=line))
    assert rec.title == TITLE and [r.name for r in rec.senders] == ["Ivan Testov"]
    assert rec.date is None and rec.date_precision == "decade" and rec.date_edtf == edtf
    assert rec.date_bounds == (first, last) and rec.quote(rec.date_span) == line
    assert not rec.date_inferred and not [f for f in rec.flags if f.field == "date"]


@pytest.mark.parametrize(("line", "edtf", "first", "last"), [
    ("Spring 1983", "1983-21", dt.date(1983, 3, 1), dt.date(1983, 5, 31)),
    ("Autumn, 1971", "1971-23", dt.date(1971, 9, 1), dt.date(1971, 11, 30)),
    ("Winter 1962", "1962-24", dt.date(1962, 1, 1), dt.date(1963, 2, 28)),  # read widely: either winter
    ("c. 1950", "1950~", dt.date(1950, 1, 1), dt.date(1950, 12, 31)),
    ("February 1960", "1960-02", dt.date(1960, 2, 1), dt.date(1960, 2, 29)),
    ("December 1956", "1956-12", dt.date(1956, 12, 1), dt.date(1956, 12, 31)),
    ("March 4, 1953", "1953-03-04", dt.date(1953, 3, 4), dt.date(1953, 3, 4)),
])
def test_every_date_has_a_first_and_a_last_day(line, edtf, first, last) -> None:
    rec = parse(page(TITLE, date=line))
    assert (rec.date_edtf, rec.date_bounds) == (edtf, (first, last))


@pytest.mark.parametrize("text", ["1950s Trade Talks", "No. 1950s", "1955s", "1950ss", "19500s", "the 1950s talks"])
def test_words_that_only_contain_a_decade_are_not_a_date_line(text) -> None:
    assert parse_date_line(text) is None


def test_undated_still_gives_no_date() -> None:
    rec = parse(page(TITLE, date="[undated]"))
    assert rec.title == TITLE and rec.date_edtf is None and rec.date_bounds is None and not rec.date_inferred


def _graph(rec, auth: Authorities) -> tuple[Graph, object]:
    g = Graph()
    for t in map_record(rec, auth, IRIs()).graph:
        g.add(t)
    for t in auth.to_graph(IRIs()):  # the archives and persons the document links to
        g.add(t)
    return g, IRIs().document(rec.doc_id)


def test_a_decade_is_written_as_edtf_with_its_bounds_and_conforms(auth) -> None:
    rec = parse(page(TITLE, date="1950s"))
    g, doc = _graph(rec, auth)
    assert list(g.objects(doc, DCTERMS.date)) == []  # no xsd type says "the 1950s"
    assert g.value(doc, AKG.edtfDate) == Literal("195X")
    assert g.value(doc, AKG.datePrecision) == Literal("decade")
    assert g.value(doc, AKG.earliestDate) == Literal("1950-01-01", datatype=XSD.date)
    assert g.value(doc, AKG.latestDate) == Literal("1959-12-31", datatype=XSD.date)
    report = validate_graph(g)
    assert report.conforms, report.text


def test_a_day_has_no_bounds_and_a_season_has_its_months(auth) -> None:
    g, doc = _graph(parse(page(TITLE, date="May 14, 1950")), auth)
    assert g.value(doc, AKG.earliestDate) is None and g.value(doc, AKG.latestDate) is None
    g, doc = _graph(parse(page(TITLE, date="Summer 1964")), auth)
    assert (g.value(doc, AKG.earliestDate), g.value(doc, AKG.latestDate)) == (
        Literal("1964-06-01", datatype=XSD.date), Literal("1964-08-31", datatype=XSD.date))
    assert list(g.objects(doc, DCTERMS.date)) == [Literal("1964", datatype=XSD.gYear)]


def test_shapes_reject_bounds_the_wrong_way_round_and_a_bad_decade(auth) -> None:
    g, doc = _graph(parse(page(TITLE, date="1950s")), auth)
    g.set((doc, AKG.earliestDate, Literal("1960-01-01", datatype=XSD.date)))
    g.set((doc, AKG.edtfDate, Literal("19X5")))
    fields = {v.field for v in validate_graph(g).violations if v.severity == "Violation"}
    assert {"akg:earliestDate", "akg:edtfDate"} <= fields


def test_a_decade_page_builds_and_a_range_filter_finds_it(tmp_path: Path) -> None:
    src = tmp_path / "pages"
    src.mkdir()
    for rid, date in (("93001", "1950s"), ("93002", "May 14, 1955"), ("93003", "1970s"), ("93004", "Spring 1958")):
        (src / f"{rid}.txt").write_text(page(TITLE, date=date, tail=TAIL.format(rid=rid)), encoding="utf-8")
    settings = Settings.from_env(out_dir=tmp_path / "var")
    result = build([src], settings=settings, progress=False, workers=1)
    assert result.ok, result.summary()
    store = open_store(OutDir(tmp_path / "var").current().store)
    # documents that may be dated in 1955-1958: a day inside, a decade around, a season inside; not the 1970s
    q = ("PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX akg: <https://w3id.org/archive-kg/ontology#> "
         "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> SELECT DISTINCT ?id WHERE { ?d a akg:Document ; "
         "dcterms:identifier ?id . OPTIONAL { ?d dcterms:date ?day FILTER(DATATYPE(?day) = xsd:date) } "
         "OPTIONAL { ?d akg:earliestDate ?e ; akg:latestDate ?l } "
         "FILTER(COALESCE(?l, ?day) >= \"1955-01-01\"^^xsd:date && COALESCE(?e, ?day) <= \"1958-12-31\"^^xsd:date) }"
         " ORDER BY ?id")
    assert [row["id"].value for row in store.query(q)] == ["wcda-93001", "wcda-93002", "wcda-93004"]
    q = ("PREFIX akg: <https://w3id.org/archive-kg/ontology#> SELECT ?e WHERE { ?d akg:edtfDate ?e ; "
         "akg:datePrecision \"decade\" } ORDER BY ?e")
    assert [row["e"].value for row in store.query(q)] == ["195X", "197X"]
