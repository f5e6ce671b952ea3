"""The WSGI fast path of ``/sparql`` (server/sparql_fast.py) answers exactly as Flask's route does.

Two apps over the same build, one with the fast path (the default) and one without (``KG_SPARQL_FAST_PATH=0``),
get the same matrix of requests (queries of every kind, every result format by ``Accept`` and by ``format``,
GET, form POST and direct POST, and the errors: malformed, refused by the guard, update, unacceptable, wrong
content type or charset, query too long); status, body and every header must agree (``Server-Timing`` only by
kind: its figures are times, and inline or worker depends on earlier runs' times). The fast app's counter proves its answers came from the fast path, the other's
that they came from Flask. What the fast path leaves to Flask (HEAD, OPTIONS, the workbench for browsers, other
paths) is checked to still be answered by Flask.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urlencode

import pytest

from kg.config import Settings

AKG = "https://w3id.org/archive-kg/ontology#"
SELECT = f"SELECT ?d ?t WHERE {{ ?d a <{AKG}Document> ; <http://purl.org/dc/terms/title> ?t }} ORDER BY ?t"
QUERIES = {
    "select": SELECT,
    "ask": f"ASK {{ ?a a <{AKG}Alias> }}",
    "construct": f"CONSTRUCT {{ ?d <{AKG}sender> ?s }} WHERE {{ ?d <{AKG}sender> ?s }}",
    "describe": "DESCRIBE <https://w3id.org/archive-kg/id/person/andrei-gromyko>",
    "count-all": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "from-local": "SELECT (COUNT(*) AS ?n) FROM <https://w3id.org/archive-kg/graph/ontology> WHERE { ?s ?p ?o }",
    "relative-iri": "SELECT ?x WHERE { BIND(<rel> AS ?x) }",
    "malformed": "SELECT ?x WHERE { ?x ",
    "service": "SELECT * WHERE { # c\r SERVICE <http://127.0.0.1:9/sparql> { ?a ?b ?c } }",
    "from-remote": "SELECT * FROM <http://example.org/remote> WHERE { ?s ?p ?o }",
    "update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "empty": "   ",
    "too-long": "SELECT * WHERE { ?s ?p ?o } # " + "x" * 3000,
}
ACCEPTS = (None, "application/sparql-results+json", "application/sparql-results+xml", "text/csv",
           "text/tab-separated-values", "text/turtle", "application/n-triples", "application/ld+json",
           "application/rdf+xml", "application/json", "text/plain", "image/png", "text/csv;q=0.5, text/turtle",
           "*/*")


@pytest.fixture(scope="module")
def apps(built_out: Path):
    from server import create_app

    config = {"KG_QUERY_WORKERS": 1, "KG_MAX_QUERY_CHARS": 2000, "KG_RATE_LIMIT": 0}
    fast = create_app(Settings.from_env(out_dir=built_out), dict(config))
    slow = create_app(Settings.from_env(out_dir=built_out), {**config, "KG_SPARQL_FAST_PATH": "0"})
    yield fast, slow
    for app in (fast, slow):
        ex = app.extensions.get("archive-kg-executor")
        if ex is not None:
            ex.close()


def _fast_path(app):
    from server.sparql_fast import SparqlFastPath

    layer = app.wsgi_app
    while not isinstance(layer, SparqlFastPath):
        layer = layer.app
    return layer


def _headers(resp) -> dict[str, str]:
    h = {k: v for k, v in resp.headers.items() if k not in ("Server-Timing", "Date")}
    timing = resp.headers.get("Server-Timing")
    if timing is not None:
        kinds = ",".join(part.split(";")[0].strip() for part in timing.split(","))
        # a query is run inline once it is known to be cheap (its last run took under 50 ms), else in a worker:
        # which of the two depends on how loaded the machine was at the app's earlier runs, not on the path
        h["Server-Timing"] = "ran" if kinds in ("inline", "queue,exec") else kinds
    return h


def _send(app, method: str, query: str | None, accept: str | None, how: str, extra: dict[str, str] | None = None):
    client = app.test_client()
    headers = {"Accept": accept} if accept else {}
    params = {**({"query": query} if query is not None else {}), **(extra or {})}
    if method == "GET":
        return client.get("/sparql?" + urlencode(params), headers=headers)
    if how == "form":
        return client.post("/sparql", data=urlencode(params), headers={**headers,
                           "Content-Type": "application/x-www-form-urlencoded"})
    rest = {k: v for k, v in params.items() if k != "query"}
    return client.post("/sparql" + ("?" + urlencode(rest) if rest else ""), data=(query or "").encode("utf-8"),
                       headers={**headers, "Content-Type": how})


def _same(apps, *args, **kwargs) -> int:
    fast, slow = apps
    before = (_fast_path(fast).answered, _fast_path(slow).answered)
    a = _send(fast, *args, **kwargs)
    b = _send(slow, *args, **kwargs)
    assert (a.status_code, _headers(a), a.data) == (b.status_code, _headers(b), b.data), (args, kwargs)
    assert _fast_path(fast).answered == before[0] + 1, "the fast app did not answer on its fast path"
    assert _fast_path(slow).answered == before[1] == 0, "the fast path answered although it was switched off"
    return a.status_code


@pytest.mark.parametrize("name", sorted(QUERIES))
@pytest.mark.parametrize("method,how", [("GET", ""), ("POST", "form"), ("POST", "application/sparql-query")])
def test_every_kind_of_query_is_answered_alike(apps, name: str, method: str, how: str) -> None:
    status = _same(apps, method, QUERIES[name], None, how)
    for accept in ("application/sparql-results+xml", "text/turtle"):
        _same(apps, method, QUERIES[name], accept, how)
    if name in ("select", "construct"):
        assert status == 200
    if name in ("service", "update"):
        assert status == 403
    if name in ("malformed", "from-remote", "empty"):
        assert status == 400
    if name == "too-long":
        assert status == (414 if method == "GET" else 413)


@pytest.mark.parametrize("accept", ACCEPTS)
@pytest.mark.parametrize("name", ["select", "ask", "construct", "describe"])
def test_every_format_by_accept_is_answered_alike(apps, name: str, accept: str | None) -> None:
    _same(apps, "GET", QUERIES[name], accept, "")


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv", "turtle", "ntriples", "jsonld", "rdfxml", "n3", "bogus"])
@pytest.mark.parametrize("method,how", [("GET", ""), ("POST", "form")])
def test_every_format_parameter_is_answered_alike(apps, fmt: str, method: str, how: str) -> None:
    for name in ("select", "construct"):
        _same(apps, method, QUERIES[name], "text/csv", how, {"format": fmt})


@pytest.mark.parametrize("extra", [
    {"timeout": "5"}, {"timeout": "soon"}, {"default-graph-uri": "https://w3id.org/archive-kg/graph/ontology"},
    {"named-graph-uri": "https://w3id.org/archive-kg/graph/ontology"}, {"update": "CLEAR ALL"}])
@pytest.mark.parametrize("method,how", [("GET", ""), ("POST", "form"), ("POST", "application/sparql-query")])
def test_parameters_are_answered_alike(apps, extra: dict[str, str], method: str, how: str) -> None:
    _same(apps, method, QUERIES["select"], None, how, extra)


@pytest.mark.parametrize("how", ["application/sparql-update", "text/plain", "application/sparql-query; charset=latin-1",
                                 "application/x-www-form-urlencoded; charset=utf-8"])
def test_post_content_types_are_answered_alike(apps, how: str) -> None:
    _same(apps, "POST", QUERIES["ask"], None, how)


def test_no_query_and_two_queries_are_answered_alike(apps) -> None:
    assert _same(apps, "GET", None, "text/turtle", "") == 200  # the service description
    assert _same(apps, "GET", QUERIES["ask"], None, "", {"query": QUERIES["select"]}) == 200  # last one wins in urlencode
    fast, slow = apps
    for app in apps:
        r = app.test_client().get("/sparql?" + urlencode([("query", "ASK {}"), ("query", "ASK {}")]))
        assert r.status_code == 400 and "exactly one query" in r.text
    assert _fast_path(fast).answered > 0


def test_what_the_fast_path_leaves_to_flask(apps) -> None:
    fast, slow = apps
    path = _fast_path(fast)
    before = path.answered
    client = fast.test_client()
    r = client.get("/sparql", headers={"Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"})
    assert r.status_code == 200 and r.mimetype == "text/html" and "yasgui" in r.text.lower()  # the workbench
    assert client.options("/sparql").status_code == 204
    assert client.head("/sparql?" + urlencode({"query": QUERIES["ask"]})).status_code == 200
    assert client.delete("/sparql").status_code == 405
    assert client.get("/sparql/extra").status_code == 404
    assert path.answered == before
    for method in ("options", "head", "delete"):
        a = getattr(client, method)("/sparql")
        b = getattr(slow.test_client(), method)("/sparql")
        assert (a.status_code, _headers(a), a.data) == (b.status_code, _headers(b), b.data)


def test_an_unexpected_error_is_logged_and_answered_500_as_flask_does(apps, monkeypatch, caplog) -> None:
    import server.sparql_fast

    fast, slow = apps

    def boom(app, req):
        raise RuntimeError("boom")

    monkeypatch.setattr(server.sparql_fast, "respond", boom)
    monkeypatch.setattr("server.sparql.respond", boom)
    answers = []
    for app in (fast, slow):
        caplog.clear()
        with caplog.at_level(logging.ERROR):
            r = app.test_client().get("/sparql?" + urlencode({"query": QUERIES["ask"]}))
        answers.append((r.status_code, _headers(r), r.data))
        assert [rec.getMessage() for rec in caplog.records] == ["Exception on /sparql [GET]"]
        assert caplog.records[0].exc_info[1].args == ("boom",)
    assert answers[0] == answers[1] and answers[0][0] == 500
