"""Virtuoso's answers through us are the embedded store's, or refused, never silently different.

* A result that reaches the engine's ``ResultSetMaxRows`` (``KG_VIRTUOSO_MAX_ROWS``) is refused with the same
  503 as the embedded store's result-size limit, for SELECT (Virtuoso says so in a header) and CONSTRUCT (it does
  not): Virtuoso would cut it without a word.
* Numbers and booleans come out in the embedded store's form; ``DESCRIBE`` is the embedded store's concise bounded
  description (outgoing statements and their blank nodes), not Virtuoso's default (incoming statements too).
* The dba password never appears on a command line (``ps``): administration goes through the ODBC driver.

A managed Virtuoso of its own (``KG_VIRTUOSO_MAX_ROWS=10``) holds one version of the server fixture.
"""

from __future__ import annotations

import json
import subprocess
import threading
from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.virtuoso_support import require_virtuoso

XSD = "http://www.w3.org/2001/XMLSchema#"
NUMBERS = f"""
GRAPH <https://w3id.org/archive-kg/graph/numbers> {{
  <urn:n:1> <urn:n:v> "01"^^<{XSD}integer> . <urn:n:2> <urn:n:v> "1.50"^^<{XSD}decimal> .
  <urn:n:3> <urn:n:v> "1e3"^^<{XSD}double> . <urn:n:4> <urn:n:v> "1"^^<{XSD}boolean> .
  <urn:n:5> <urn:n:v> "12"^^<{XSD}int> . <urn:n:6> <urn:n:v> "0.25"^^<{XSD}float> .
  <urn:n:7> <urn:n:v> "false"^^<{XSD}boolean> . <urn:n:8> <urn:n:v> "-0.0"^^<{XSD}double> .
  <urn:d:a> <urn:d:p> "x" ; <urn:d:q> [ <urn:d:r> "inner" ; <urn:d:s> [ <urn:d:t> "deeper" ] ] .
  <urn:d:b> <urn:d:link> <urn:d:a> .
}}
"""
MAX_ROWS = 10


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory):
    require_virtuoso()
    from kg.engines.managed import ManagedVirtuoso
    from kg.engines.virtuoso import VirtuosoEngine
    from kg.layout import OutDir
    from tests.fixtures.server.build_fixture import make_out

    home = tmp_path_factory.mktemp("virtuoso-rows")
    mp = pytest.MonkeyPatch()
    mp.setenv("KG_VIRTUOSO_MAX_ROWS", str(MAX_ROWS))
    mp.setenv("KG_VIRTUOSO_HOME", str(home))
    managed = ManagedVirtuoso(home)
    managed.start()
    try:
        out = make_out(tmp_path_factory.mktemp("rows") / "var", extra_trig=NUMBERS)
        eng = VirtuosoEngine.from_env(out)
        build = OutDir(out).current()
        eng.load_version(build)
        eng.activate(build.build_id, keep=[build.build_id])
        yield eng, build, managed
    finally:
        managed.stop()
        mp.undo()


def _run(engine, query: str, results: str | None = "application/sparql-results+json",
         rdf: str | None = "application/n-triples") -> bytes:
    from kg.engines import QueryRequest

    eng, build, _ = engine
    return eng.run(QueryRequest(version=build.build_id, query=query, default_graphs=(), named_graphs=(),
                                results_mime=results, rdf_mime=rdf, max_bytes=1 << 24), timeout=30)[1]


def _embedded(engine, query: str) -> ox.QuerySolutions | ox.QueryTriples:
    _, build, _ = engine
    return ox.Store.read_only(str(build.store)).query(query, use_default_graph_as_union=True)


def test_the_managed_engine_records_its_row_limit(engine) -> None:
    eng, _, managed = engine
    assert managed.info()["max_rows"] == MAX_ROWS and eng.settings.max_rows == MAX_ROWS


def test_a_select_that_reaches_the_row_limit_is_refused_not_cut(engine) -> None:
    from kg.engines import EngineResultTooLarge

    with pytest.raises(EngineResultTooLarge, match=f"limit of {MAX_ROWS} rows.*KG_VIRTUOSO_MAX_ROWS"):
        _run(engine, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    rows = json.loads(_run(engine, f"SELECT ?s WHERE {{ ?s ?p ?o }} LIMIT {MAX_ROWS - 1}"))["results"]["bindings"]
    assert len(rows) == MAX_ROWS - 1


def test_a_construct_that_reaches_the_row_limit_is_refused_not_cut(engine) -> None:
    from kg.engines import EngineResultTooLarge

    with pytest.raises(EngineResultTooLarge, match=f"limit of {MAX_ROWS} rows"):
        _run(engine, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    small = _run(engine, "CONSTRUCT { ?s <urn:n:v> ?o } WHERE { ?s <urn:n:v> ?o } LIMIT 3")
    assert len(list(ox.parse(small, format=ox.RdfFormat.N_TRIPLES))) == 3


def test_the_server_answers_a_cut_result_like_the_embedded_size_limit(engine, monkeypatch) -> None:
    from kg.config import Settings
    from server import create_app

    eng, build, managed = engine
    monkeypatch.setenv("KG_ENGINE", "virtuoso")
    app = create_app(Settings.from_env(out_dir=build.root.parent.parent), {"KG_RATE_LIMIT": 0})
    r = app.test_client().get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p ?o }"},
                              headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 503 and "KG_VIRTUOSO_MAX_ROWS" in r.text and "add a LIMIT" in r.text
    r = app.test_client().get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 2"},
                              headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200 and len(r.json["results"]["bindings"]) == 2


def test_numbers_and_booleans_come_out_as_the_embedded_store_writes_them(engine) -> None:
    query = "SELECT ?s ?v WHERE { ?s <urn:n:v> ?v } ORDER BY ?s"
    ours = {str(r["s"].value): str(r["v"]) for r in _embedded(engine, query)}  # type: ignore[union-attr]
    body = _run(engine, query)
    theirs = {str(r["s"].value): str(r["v"]) for r in ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)}
    assert ours == theirs
    assert theirs["urn:n:4"] == f'"true"^^<{XSD}boolean>' and theirs["urn:n:3"] == f'"1000"^^<{XSD}double>'
    construct = "CONSTRUCT { ?s <urn:n:v> ?v } WHERE { ?s <urn:n:v> ?v FILTER(?s != <urn:n:1> && ?s != <urn:n:2>) }"
    want = {str(t) for t in _embedded(engine, construct)}
    got = {str(t) for t in ox.parse(_run(engine, construct), format=ox.RdfFormat.N_TRIPLES)}
    assert got == want and len(got) == 6


def test_describe_is_the_embedded_stores_concise_bounded_description(engine) -> None:
    def shape(triples) -> set[tuple[str, str, str]]:  # blank node labels differ: compare them as "_"
        return {tuple("_" if isinstance(x, ox.BlankNode) else str(x) for x in (t.subject, t.predicate, t.object))
                for t in triples}

    for query in ("DESCRIBE <urn:d:a>", "DESCRIBE ?x WHERE { ?x <urn:d:p> \"x\" }"):
        want = shape(_embedded(engine, query))
        got = shape(ox.parse(_run(engine, query), format=ox.RdfFormat.N_TRIPLES))
        assert got == want, query
        assert ("_", "<urn:d:t>", '"deeper"') in got and not any(s == "<urn:d:b>" for s, _, _ in got)


def test_the_dba_password_is_never_on_a_command_line(engine, monkeypatch) -> None:
    eng, _, _ = engine
    password = eng.settings.password
    launched: list[list[str]] = []
    real = subprocess.Popen.__init__

    def record(self, args, *a, **kw):  # noqa: ANN001, ANN002, ANN003
        launched.append([str(x) for x in (args if isinstance(args, list | tuple) else [args])])
        return real(self, args, *a, **kw)

    monkeypatch.setattr(subprocess.Popen, "__init__", record)
    seen: list[str] = []
    done = threading.Event()

    def scan() -> None:  # every command line on the machine while a statement runs on the engine
        while not done.is_set():
            for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
                try:
                    text = cmdline.read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
                except OSError:
                    continue
                if password in text:
                    seen.append(text)

    t = threading.Thread(target=scan)
    t.start()
    try:
        assert eng.isql("select delay(1);\nselect 40 + 2;\n").strip().endswith("42")
        assert eng.versions()  # the administration reads too
    finally:
        done.set()
        t.join(10)
    assert not seen, seen
    assert not any(password in " ".join(cmd) for cmd in launched), launched


def test_a_wrong_password_is_a_clear_error(engine) -> None:
    from kg.engines import EngineError
    from kg.engines.virtuoso_sql import run_script

    eng, _, _ = engine
    with pytest.raises(EngineError, match="Bad login"):
        run_script(eng.settings.isql, "dba", "not-the-password", "select 1;\n")
    with pytest.raises(EngineError, match="nothing_here"):
        eng.isql("select x from nothing_here;\n")
