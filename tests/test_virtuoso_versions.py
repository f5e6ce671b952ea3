"""The engine-independent parts of serving versions from an external engine (no engine needed)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.engines.versions import Refused, check_query, normalize, rewrite_graphs, version_graph

G = "https://w3id.org/archive-kg/graph/documents"
V = version_graph("B1", G)
M = {G: V}


def test_graph_names_are_mapped_in_graph_positions_only() -> None:
    q = (f"PREFIX g: <https://w3id.org/archive-kg/graph/> SELECT * FROM <{G}> FROM NAMED g:documents "
         f"WHERE {{ GRAPH <{G}> {{ <{G}> ?p \"{G}\" }} GRAPH g:documents {{ ?s ?p g:documents }} }} # GRAPH <{G}>")
    out = rewrite_graphs(q, M)
    assert out.count(f"<{V}>") == 4
    assert f"{{ <{G}> ?p \"{G}\" }}" in out  # a resource and a string: unchanged
    assert "?s ?p g:documents" in out
    assert out.endswith(f"# GRAPH <{G}>")  # comments untouched


def test_rewrite_keeps_a_query_without_graph_names_byte_identical() -> None:
    q = "SELECT ?s WHERE { ?s ?p 'FROM <x>' . FILTER(?s != <http://x/GRAPH>) }"
    assert rewrite_graphs(q, M) == q


@pytest.mark.parametrize("query", [
    "SELECT (<bif:http_get>('http://127.0.0.1:9/') AS ?x) {}",
    "PREFIX b: <bi> SELECT (b:f:http_get('http://127.0.0.1:9/') AS ?x) {}",  # 'bif:' never written out
    "SELECT (bif:http_get('http://127.0.0.1:9/') AS ?x) {}",
    "PREFIX sql: <sql:> SELECT (sql:f() AS ?x) {}",
    "SELECT * { ?s ?p ?o FILTER(<http://www.openlinksw.com/schemas/bif#contains>(?o, 'x')) }",
    'define get:soft "replace" SELECT * FROM <http://127.0.0.1:9/x> { ?s ?p ?o }',
    "SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * { SERVICE SILENT ?e { ?s ?p ?o } }",
    "LOAD <http://127.0.0.1:9/x>",
    "SELECT * { # a comment ended by a bare carriage return\rSERVICE <http://127.0.0.1:9/sparql> { ?a ?b ?c } }",
    "SPARQL SELECT * { ?s ?p ?o }",
])
def test_engine_specific_or_fetching_queries_are_refused(query: str) -> None:
    with pytest.raises(Refused):
        check_query(normalize(query))


@pytest.mark.parametrize("query", [
    "SELECT * { ?s ?p ?o } LIMIT 1",
    "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> SELECT (xsd:integer('1') AS ?n) {}",
    "SELECT (STRLEN(?o) AS ?n) (COUNT(*) AS ?c) { ?s ?p ?o } GROUP BY ?o",
    "ASK {}", "CONSTRUCT WHERE { ?s ?p ?o }", "DESCRIBE <http://x/a>",
])
def test_standard_queries_pass(query: str) -> None:
    check_query(normalize(query))


@given(st.sampled_from(["\n", "\r", "\r\n", "\u2028", "\x0b"]), st.sampled_from(["SERVICE", "service", "SeRvIcE"]))
def test_every_line_end_before_service_is_refused(end: str, word: str) -> None:
    q = f"SELECT * {{ # c{end}{word} <http://127.0.0.1:9/sparql> {{ ?a ?b ?c }} }}"
    try:
        check_query(normalize(q))
    except Refused:
        return
    # accepted only if the parser read SERVICE inside the comment: then no engine reads it as a keyword either
    assert end not in ("\n", "\r", "\r\n")


def test_split_nquads_by_graph(tmp_path: Path) -> None:
    from kg.engines import EngineError
    from kg.engines.virtuoso import split_nquads

    dump = tmp_path / "d.nq.gz"
    with gzip.open(dump, "wb") as f:
        f.write(b'<http://x/s> <http://x/p> "a <b> .c" <http://g/1> .\n'
                b'<http://x/s> <http://x/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> <http://g/2> .\n'
                b'_:b1 <http://x/p> <http://x/o> <http://g/1> .\n')
    out = tmp_path / "load"
    out.mkdir()
    assert split_nquads(dump, out, "B1") == {"http://g/1": 2, "http://g/2": 1}
    assert (out / "g0000.nt").read_bytes() == b'<http://x/s> <http://x/p> "a <b> .c" .\n_:b1 <http://x/p> <http://x/o> .\n'
    assert (out / "g0000.nt.graph").read_text().strip() == version_graph("B1", "http://g/1")
    with gzip.open(dump, "wb") as f:
        f.write(b"<http://x/s> <http://x/p> <http://x/o> .\n")
    with pytest.raises(EngineError, match="outside the named graphs"):
        split_nquads(dump, out, "B2")


def test_split_nquads_in_chunks(tmp_path: Path) -> None:
    from kg.engines.virtuoso import split_nquads

    dump = tmp_path / "d.nq"
    dump.write_bytes(b"".join(b"<http://x/s%d> <http://x/p> <http://x/o> <http://g/1> .\n" % i for i in range(5)))
    assert split_nquads(dump, tmp_path, "B", chunk=2) == {"http://g/1": 5}
    assert sorted(p.name for p in tmp_path.glob("*.nt")) == ["g0000.nt", "g0001.nt", "g0002.nt"]
    assert [len(p.read_bytes().splitlines()) for p in sorted(tmp_path.glob("*.nt"))] == [2, 2, 1]
