"""A page dated only to the month, the season or the year (perhaps "c.") keeps that date, as precise as written:
on the record (``date_precision``, ``date_partial``, ``date_edtf``), in the graph (dcterms:date as xsd:date,
xsd:gYearMonth or xsd:gYear, with akg:datePrecision and an EDTF string), in the shapes, and in SPARQL, where a
year filter finds a document dated to the month. The pages are invented."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, XSD

from kg.authorities import Authorities
from kg.ingest.common import find_partial_dates, parse_date_line
from kg.ingest.wilson import parse_page
from kg.iris import IRIs
from kg.mapping import map_record
from kg.namespaces import AKG
from kg.validate import validate_graph

ROOT = Path(__file__).resolve().parent.parent
TAIL = ("\n\nAn invented summary of the exchange.\n\nDocument Information\n\nSource\n\nAVPRF, f. 0102, op. 7, "
        "d. 31, l. 4.\n\nRights\n\nReuse of this invented page is free.\n\nRecord ID\n\n7171\n")


def page(date_line: str | None, title: str = "Letter from Ivanov to Petrov") -> str:
    top = f"Skip to content\n\n{date_line}\n\n" if date_line is not None else "Skip to content\n\n"
    return top + title + "\n\nAn invented body about grain deliveries." + TAIL


@pytest.fixture(scope="module")
def auth() -> Authorities:
    return Authorities.load(ROOT / "data" / "authorities")


@pytest.mark.parametrize(("line", "precision", "partial", "approx", "edtf"), [
    ("October 1956", "month", "1956-10", False, "1956-10"),
    ("Oct. 1956", "month", "1956-10", False, "1956-10"),
    ("March, 1949", "month", "1949-03", False, "1949-03"),
    ("1962", "year", "1962", False, "1962"),
    ("Spring 1983", "year", "1983", False, "1983-21"),
    ("Autumn, 1971", "year", "1971", False, "1971-23"),
    ("c. 1950", "year", "1950", True, "1950~"),
    ("circa 1950", "year", "1950", True, "1950~"),
    ("[ca.] 1950", "year", "1950", True, "1950~"),
    ("ca. May 1975", "month", "1975-05", True, "1975-05~"),
    ("1966 (approx.)", "year", "1966", True, "1966~"),
])
def test_a_date_line_to_the_month_season_or_year_is_kept(line, precision, partial, approx, edtf) -> None:
    rec = parse_page(page(line), path="t.txt")
    assert rec.date is None and rec.date_partial == partial and rec.date_precision == precision
    assert rec.date_approximate is approx and rec.date_edtf == edtf
    assert rec.date_source == "date line" and rec.quote(rec.date_span) == line
    assert not [f for f in rec.flags if f.field == "date"]  # a month is not an error
    assert rec.title == "Letter from Ivanov to Petrov"


def test_a_full_date_is_day_precision_and_circa_a_day_is_approximate() -> None:
    rec = parse_page(page("March 4, 1953"), path="t.txt")
    assert rec.date == dt.date(1953, 3, 4) and rec.date_precision == "day" and rec.date_edtf == "1953-03-04"
    rec = parse_page(page("c. March 4, 1953"), path="t.txt")
    assert rec.date == dt.date(1953, 3, 4) and rec.date_approximate and rec.date_edtf == "1953-03-04~"


def test_no_date_line_takes_a_month_from_the_title_or_the_citation_flagged() -> None:
    rec = parse_page(page(None, "Memorandum on the Harvest Talks, November 1957"), path="t.txt")
    assert rec.date is None and rec.date_edtf == "1957-11" and rec.date_source == "title"
    assert rec.quote(rec.date_span) == "November 1957"
    assert [f.field for f in rec.flags if f.field == "date"] == ["date"]
    # a full date anywhere beats a month: the header's day is taken before the title's month
    text = page(None, "Telegram on the Harvest Talks, November 1957").replace(
        "An invented body", "Sent on 3.11.57 at 10:15\n\nAn invented body")
    assert parse_page(text, path="t.txt").date == dt.date(1957, 11, 3)


def test_partial_dates_in_running_text_and_lines_that_are_not_dates() -> None:
    hits = find_partial_dates("Report of ca. Summer 1964, on a talk of June 1963 and of 4 July 1962")
    assert [(h.verbatim, h.partial, h.season, h.approximate) for h in hits] == [
        ("ca. Summer 1964", "1964", 22, True), ("June 1963", "1963-06", None, False)]
    for not_a_date in ("Report", "Spring", "c. Moravec", "1962 talks", "No. 1962"):
        assert parse_date_line(not_a_date) is None, not_a_date


def graph(rec, auth: Authorities) -> tuple[Graph, object]:
    g = Graph()
    for t in map_record(rec, auth, IRIs()).graph:
        g.add(t)
    for t in auth.to_graph(IRIs()):
        g.add(t)
    return g, IRIs().document(rec.doc_id)


@pytest.mark.parametrize(("line", "lexical", "datatype", "precision", "edtf"), [
    ("October 1956", "1956-10", XSD.gYearMonth, "month", "1956-10"),
    ("c. 1950", "1950", XSD.gYear, "year", "1950~"),
    ("Spring 1983", "1983", XSD.gYear, "year", "1983-21"),
    ("March 4, 1953", "1953-03-04", XSD.date, "day", None),
])
def test_the_graph_says_how_precise_the_date_is_and_conforms(auth, line, lexical, datatype, precision, edtf) -> None:
    rec = parse_page(page(line), path="t.txt", meta={"doc_id": "t-date"})
    g, doc = graph(rec, auth)
    assert list(g.objects(doc, DCTERMS.date)) == [Literal(lexical, datatype=datatype)]
    assert g.value(doc, AKG.datePrecision) == Literal(precision)
    assert g.value(doc, AKG.edtfDate) == (Literal(edtf) if edtf else None)
    assert (g.value(doc, AKG.dateApproximate) == Literal(True)) is line.startswith("c.")
    report = validate_graph(g)
    assert report.conforms, report.text


def test_shapes_reject_a_precision_outside_day_month_year_decade_and_a_bad_edtf(auth) -> None:
    rec = parse_page(page("October 1956"), path="t.txt", meta={"doc_id": "t-date"})
    g, doc = graph(rec, auth)
    g.set((doc, AKG.datePrecision, Literal("week")))
    g.set((doc, AKG.edtfDate, Literal("Oct 1956")))
    fields = {v.field for v in validate_graph(g).violations if v.severity == "Violation"}
    assert {"akg:datePrecision", "akg:edtfDate"} <= fields


def test_a_year_filter_finds_documents_dated_to_the_month_the_year_and_the_day(auth) -> None:
    store = ox.Store()
    nt = []
    for doc_id, line in (("t-month", "October 1956"), ("t-year", "1956"), ("t-day", "December 2, 1956"),
                         ("t-other", "January 1957")):
        m = map_record(parse_page(page(line), path="t.txt", meta={"doc_id": doc_id}), auth, IRIs())
        nt.append(m.graph.serialize(format="nt"))
    store.load("".join(nt).encode(), format=ox.RdfFormat.N_TRIPLES)
    q = ("PREFIX dcterms: <http://purl.org/dc/terms/> SELECT ?id WHERE { ?d dcterms:date ?date ; "
         "dcterms:identifier ?id FILTER(YEAR(?date) = 1956) } ORDER BY ?id")
    assert [s["id"].value for s in store.query(q)] == ["t-day", "t-month", "t-year"]
    q = ("PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX akg: <https://w3id.org/archive-kg/ontology#> "
         "SELECT ?id WHERE { ?d dcterms:date ?date ; akg:datePrecision \"month\" ; dcterms:identifier ?id "
         "FILTER(MONTH(?date) = 10) }")
    assert [s["id"].value for s in store.query(q)] == ["t-month"]
