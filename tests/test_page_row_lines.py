"""The workers make a page's full-text row from its N-Triples lines (``kg.build_workers.page_row_lines``); it is the
same row, byte for byte, as :func:`kg.search_build.page_row` makes from the parsed triples: on synthetic pages, the
curated pages, a hand-made record with quotes, backslashes, line breaks and a non-Latin name, and a page whose text
the mapping never writes (escapes of every kind, a language tag, a blank node between the page and an archive).
The row the workers make from the mapping's terms (``page_row_terms``) is that row too. The counts the sink gives of
a page's own statements are those counted from its lines."""

from __future__ import annotations

import itertools
from pathlib import Path

import pyoxigraph as ox

from kg.authorities import Authorities
from kg.build_workers import own_line_stats, page_row_lines, page_row_terms
from kg.iris import IRIs
from kg.mapping import map_record
from kg.search_build import page_row
from tests.test_mapping_fast import ROOT, _records


def _reference(lines: list[str], doc: str) -> bytes | None:
    triples = ox.parse("".join(x if x.endswith("\n") else x + "\n" for x in lines).encode("utf-8"),
                       format=ox.RdfFormat.N_TRIPLES)
    return page_row(b"", doc, triples)


def test_rows_from_lines_equal_rows_from_triples(tmp_path: Path) -> None:
    auth = Authorities.load(ROOT / "data" / "authorities")
    n = 0
    for rec in _records(tmp_path / "c"):
        mapped = map_record(rec, auth, IRIs())
        own, shared = mapped.lines()
        doc = str(mapped.doc)
        lines = list(itertools.chain("".join(own).split("\n"), shared))
        got = page_row_lines(lines, doc)
        assert got is not None and got == _reference(lines, doc), rec.doc_id
        assert page_row_terms(mapped.triples, doc) == got, rec.doc_id  # (the workers': from the sink's terms)
        assert mapped.triples.own_stats(doc) == own_line_stats("".join(own)), rec.doc_id  # (the sink's count)
        n += 1
    assert n > 150


def test_escapes_language_tags_and_blank_nodes() -> None:
    d = "https://w3id.org/archive-kg/id/document/x1"
    akg, dct = "https://w3id.org/archive-kg/ontology#", "http://purl.org/dc/terms/"
    lines = [
        f"<{d}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{akg}Document> .",
        f'<{d}> <{dct}title> "Tab\\there, \\"quoted\\", back\\\\slash, \\u00E9t\\U0001F600 and\\nnew line"@en .',
        f'<{d}> <{dct}date> "1950-02-01"^^<http://www.w3.org/2001/XMLSchema#date> .',
        f'<{d}> <{dct}date> "1949"^^<http://www.w3.org/2001/XMLSchema#gYear> .',
        f'<{d}> <{dct}abstract> "A summary \\r with a carriage return" .',
        f"<{d}> <{akg}archivalReference> _:ref .",
        f"_:ref <{akg}repository> <https://w3id.org/archive-kg/id/archive/a1> .",
        f"<{d}> <{akg}sender> <https://w3id.org/archive-kg/id/person/p1> .",
        f"<{d}/att/1> <{akg}inDocument> <{d}> .",
        f'<{d}/att/1> <{akg}quote> "Сталин said \\"no\\"" .',
        f'<{d}/att/2> <{akg}quote> "not attested in this page" .',
        f'<{d}> <{akg}bodyText> "a body with a form feed\x0c, a line separator\u2028 and a NEL\x85 unescaped" .',
    ]
    got = page_row_lines("\n".join(lines).split("\n"), d)  # (split as the workers split a page's text)
    assert got is not None and got == _reference(lines, d)
    assert "\u2028" in got.decode()
    assert page_row_lines(lines[1:], d) is None and _reference(lines[1:], d) is None  # no akg:Document: no row
