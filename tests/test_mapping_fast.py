"""The mapping's string path (plain-string IRIs, literal tuples, N-Triples made once) gives exactly the N-Triples
lines, in the same order, of the same mapping made with rdflib terms (``URIRef``, ``Literal``, :class:`IRIs`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.compare import isomorphic
from rdflib.namespace import XSD

from kg.authorities import Authorities
from kg.ingest import iter_sources, parse_file
from kg.iris import IRIs
from kg.mapping import map_record
from kg.quads import TripleSink, lit, nt_term
from kg.records import Flag, Span
from kg.synth import write_corpus
from tests.test_mapping import hand_record

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def auth() -> Authorities:
    return Authorities.load(ROOT / "data" / "authorities")


def _lines(mapped) -> tuple[list[str], list[str], list[str], tuple]:
    doc = str(mapped.doc)
    own, shared = mapped.lines()
    return own, shared, mapped.triples.context_lines(doc), mapped.triples.own_stats(doc)


def _records(tmp: Path):
    write_corpus(tmp, count=150, seed=5)
    for p in [*iter_sources([tmp]), *iter_sources([ROOT / "data" / "documents"])]:
        yield parse_file(p)
    rec = hand_record()
    # what no synthetic page has: quotes, backslashes, line breaks, a non-Latin name, a flag with a line
    rec.title = 'A "quoted" title \\ with\na line break and Сталин\r'
    rec.flags = [Flag(field="date", message="odd \"date\"", verbatim="1 July\n1950", line=3)]
    rec.copies_span = Span(0, 5)
    yield rec


def test_string_path_equals_the_rdflib_reference(tmp_path: Path, auth: Authorities) -> None:
    for iris in (IRIs(), IRIs("http://example.org/kg/")):
        n = 0
        for rec in _records(tmp_path / f"c{n}-{len(iris.base)}"):
            fast = map_record(rec, auth, iris)
            ref = map_record(rec, auth, iris, reference=True)
            assert _lines(fast) == _lines(ref), rec.doc_id
            assert fast.unreconciled == ref.unreconciled
            n += 1
        assert n > 150
    g = map_record(rec, auth, IRIs()).graph  # the last record: its graph parses and equals the reference's
    assert len(g) > 30 and isomorphic(g, map_record(rec, auth, IRIs(), reference=True).graph)


@pytest.mark.parametrize("args", [
    ("plain",), ('q"uo\\te\n\r',), ("x", "en"), (True,), (False,), (7, None, str(XSD.integer)),
    (dt.date(1950, 7, 1), None, str(XSD.date)),
    (dt.datetime(1950, 7, 1, 10, 5, tzinfo=dt.timezone(dt.timedelta(hours=3))), None, str(XSD.dateTime)),
    (dt.datetime(1950, 7, 1, 10, 5), None, str(XSD.dateTime)), ("007", None, str(XSD.integer)),
])
def test_literal_strings_are_rdflibs(args: tuple) -> None:
    value, lang, datatype = (*args, None, None)[:3]
    term = Literal(value, lang=lang, datatype=datatype)
    assert lit(value, lang, datatype) == (nt_term(term), str(term))


def test_sink_takes_rdflib_terms_too() -> None:
    from rdflib import URIRef
    from rdflib.namespace import RDFS

    s = TripleSink()
    doc = "https://example.org/id/document/d1"
    s.add((doc, str(RDFS.label), lit("a")))
    assert (URIRef(doc), RDFS.label, Literal("a")) in s
    s.add((URIRef(doc + "/x"), RDFS.label, Literal("b", lang="en")))
    s.remove((URIRef(doc), None, None))
    assert len(s) == 1 and s.split_lines(doc) == ([f'<{doc}/x> <{RDFS.label}> "b"@en .\n'], [])
    assert isomorphic(s.to_graph(), Graph().add((URIRef(doc + "/x"), RDFS.label, Literal("b", lang="en"))))
