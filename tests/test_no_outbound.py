"""No outbound requests: a listener on 127.0.0.1 records every connection, and nothing the parsers, the CLI or
the server are given (JSON-LD remote @context, XML external entities, SPARQL SERVICE / FROM / FROM NAMED / LOAD,
default-graph-uri / named-graph-uri) may reach it unless an allow-list names it."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
import requests

from kg import safe_parse
from kg.safe_parse import OutboundRefused, UnsafeDocument
from tests.conftest import ROOT, start_server
from tests.fixtures.server.build_fixture import make_out, stop
from tests.listener import Listener


@pytest.fixture
def listener():
    lst = Listener()
    try:
        yield lst
    finally:
        lst.close()


def jsonld_remote(url: str) -> str:
    return json.dumps({"@context": f"{url}/context.jsonld", "@id": "http://example.org/a", "name": "A"})


def jsonld_nested_remote(url: str) -> str:
    return json.dumps({"@id": "http://example.org/a", "http://example.org/p": {
        "@context": [f"{url}/nested.jsonld", {"x": "http://example.org/x"}], "name": "B"}})


def rdfxml_xxe(target: str) -> str:
    return f"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
  <!ENTITY leak SYSTEM "{target}">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/a"><ex:p>&leak;</ex:p></rdf:Description>
</rdf:RDF>
"""


# -- the threat is real: rdflib on its own fetches remote JSON-LD contexts ----------------------------------------

def test_plain_rdflib_would_fetch_a_remote_context(listener: Listener) -> None:
    """Why kg.safe_parse exists: rdflib's JSON-LD parser fetches ``@context`` URLs by itself."""
    rdflib.Graph().parse(data=jsonld_remote(listener.url), format="json-ld")
    assert listener.count() == 1 and b"GET /context.jsonld" in listener.hits[0]


# -- kg.safe_parse ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("doc", [jsonld_remote, jsonld_nested_remote])
def test_safe_parse_refuses_remote_context(listener: Listener, doc) -> None:
    with pytest.raises(OutboundRefused) as e:
        safe_parse.parse_data(doc(listener.url), "json-ld", path="upload.jsonld")
    assert listener.count() == 0
    assert listener.url in str(e.value) and "upload.jsonld:" in str(e.value) and "KG_ALLOW_REMOTE" in str(e.value)


def test_safe_parse_guard_holds_without_the_scan(listener: Listener, monkeypatch: pytest.MonkeyPatch) -> None:
    """Second layer: with the pre-parse scan switched off, the audit hook still stops rdflib's fetch."""
    monkeypatch.setattr(safe_parse, "check_jsonld", lambda *a, **k: None)
    with pytest.raises(OutboundRefused):
        safe_parse.parse_data(jsonld_remote(listener.url), "json-ld")
    assert listener.count() == 0


def test_no_network_blocks_urllib_and_sockets(listener: Listener) -> None:
    with safe_parse.no_network():
        with pytest.raises(OutboundRefused):
            urllib.request.urlopen(listener.url + "/x", timeout=2)
        with pytest.raises(OutboundRefused):
            socket.create_connection(("127.0.0.1", listener.port), timeout=2)
    assert listener.count() == 0
    # outside the block the same thread is free again (the guard is scoped, not global)
    with socket.create_connection(("127.0.0.1", listener.port), timeout=2):
        pass
    deadline = time.monotonic() + 3
    while listener.count() == 0 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert listener.count() == 1


def test_allow_list_lets_a_named_context_through(listener: Listener, monkeypatch: pytest.MonkeyPatch) -> None:
    g = safe_parse.parse_data(jsonld_remote(listener.url), "json-ld", allow=[listener.url + "/"])
    assert listener.count() == 1
    assert (rdflib.URIRef("http://example.org/a"), rdflib.URIRef("http://schema.org/name"),
            rdflib.Literal("A")) in g
    monkeypatch.setenv("KG_ALLOW_REMOTE", "http://elsewhere.invalid/")  # a prefix that is not this one
    with pytest.raises(OutboundRefused):
        safe_parse.parse_data(jsonld_remote(listener.url), "json-ld")
    assert listener.count() == 1


@pytest.mark.parametrize("kind", ["http", "file"])
def test_xxe_refused(listener: Listener, tmp_path: Path, kind: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    target = f"{listener.url}/xxe" if kind == "http" else secret.as_uri()
    f = tmp_path / "evil.rdf"
    f.write_text(rdfxml_xxe(target), encoding="utf-8")
    with pytest.raises(UnsafeDocument) as e:
        safe_parse.parse_file(f)
    assert "evil.rdf:3" in str(e.value) and "external entity" in str(e.value)
    store = ox.Store()
    with pytest.raises(UnsafeDocument):
        safe_parse.load_file(store, f)
    assert len(store) == 0 and listener.count() == 0


def test_external_dtd_refused(listener: Listener) -> None:
    doc = (f'<?xml version="1.0"?><!DOCTYPE rdf:RDF SYSTEM "{listener.url}/x.dtd">'
           '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>')
    with pytest.raises(UnsafeDocument, match="external DTD"):
        safe_parse.parse_data(doc, "xml")
    assert listener.count() == 0


def test_plain_rdfxml_parsers_do_not_resolve_entities(listener: Listener) -> None:
    """Neither parser resolves an external entity on its own (so the scan is a second line, not the only one)."""
    doc = rdfxml_xxe(f"{listener.url}/xxe")
    g = rdflib.Graph().parse(data=doc, format="xml")
    assert all("TOP" not in str(o) for o in g.objects())
    with pytest.raises(SyntaxError):
        list(ox.parse(doc.encode(), format=ox.RdfFormat.RDF_XML))
    assert listener.count() == 0


def test_safe_parse_reads_ordinary_files(tmp_path: Path) -> None:
    f = tmp_path / "ok.jsonld"
    f.write_text('{"@context": {"n": "http://schema.org/name"}, "@id": "http://example.org/a", "n": "A"}')
    assert len(safe_parse.parse_file(f)) == 1
    t = tmp_path / "ok.ttl"
    t.write_text("<http://example.org/a> <http://example.org/p> 1 .\n")
    store = ox.Store()
    safe_parse.load_file(store, t, graph="http://example.org/g")
    assert len(store) == 1
    bad = tmp_path / "bad.ttl"
    bad.write_text("<http://example.org/a> <http://example.org/p> .\n")
    with pytest.raises(Exception, match="bad.ttl"):
        safe_parse.parse_file(bad)


# -- the CLI ------------------------------------------------------------------------------------------------------

def _kg(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


def test_kg_load_fetches_nothing(listener: Listener, tmp_path: Path) -> None:
    out = make_out(tmp_path / "var")
    for name, text in (("ctx.jsonld", jsonld_remote(listener.url)), ("xxe.rdf", rdfxml_xxe(listener.url + "/x"))):
        f = tmp_path / name
        f.write_text(text, encoding="utf-8")
        r = _kg("load", str(f), "--out", str(out), cwd=tmp_path)
        assert r.returncode != 0, r.stdout + r.stderr
        assert name in r.stderr
    assert listener.count() == 0


def test_kg_validate_fetches_nothing(listener: Listener, tmp_path: Path) -> None:
    f = tmp_path / "ctx.jsonld"
    f.write_text(jsonld_remote(listener.url), encoding="utf-8")
    r = _kg("validate", str(f), cwd=tmp_path)
    assert listener.count() == 0
    assert r.returncode != 0 and "ctx.jsonld" in r.stderr


# -- the server ---------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    out = make_out(tmp_path_factory.mktemp("outbound") / "var")
    proc, url = start_server(out)
    try:
        yield url
    finally:
        stop(proc)


def _queries(remote: str) -> list[tuple[str, dict]]:
    return [
        ("SERVICE", {"query": f"SELECT * WHERE {{ SERVICE <{remote}/sparql> {{ ?s ?p ?o }} }}"}),
        ("SERVICE SILENT", {"query": f"SELECT * WHERE {{ SERVICE SILENT <{remote}/sparql> {{ ?s ?p ?o }} }}"}),
        ("SERVICE variable", {"query": f"SELECT * WHERE {{ VALUES ?e {{ <{remote}/sparql> }} SERVICE ?e {{ ?s ?p ?o }} }}"}),
        ("FROM", {"query": f"SELECT * FROM <{remote}/data.ttl> WHERE {{ ?s ?p ?o }}"}),
        ("FROM NAMED", {"query": f"SELECT * FROM NAMED <{remote}/data.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"}),
        ("default-graph-uri", {"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "default-graph-uri": f"{remote}/d.ttl"}),
        ("named-graph-uri", {"query": "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1",
                             "named-graph-uri": f"{remote}/n.ttl"}),
        ("LOAD", {"update": f"LOAD <{remote}/data.ttl>"}),
        ("LOAD as query", {"query": f"LOAD <{remote}/data.ttl>"}),
        ("CONSTRUCT SERVICE", {"query": f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{remote}/sparql> {{ ?s ?p ?o }} }}"}),
    ]


@pytest.mark.parametrize("name", [n for n, _ in _queries("http://x")])
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparql_never_fetches(server: str, listener: Listener, name: str, method: str) -> None:
    params = dict(_queries(listener.url))[name]
    if method == "GET":
        r = requests.get(server + "/sparql", params=params, timeout=60)
    else:
        r = requests.post(server + "/sparql", data=params, timeout=60)
    assert listener.count() == 0, f"{name}: the server connected to {listener.url}: {listener.hits[:1]}"
    assert r.status_code < 500, f"{name}: {r.status_code} {r.text[:300]}"
    if name.startswith(("SERVICE", "LOAD", "CONSTRUCT")):  # refused with a clear client error, not run silently
        assert 400 <= r.status_code < 500 and r.text.strip(), f"{name}: {r.status_code} {r.text[:300]}"


def test_sparql_direct_body_never_fetches(server: str, listener: Listener) -> None:
    for ctype, body in (("application/sparql-query", f"SELECT * WHERE {{ SERVICE <{listener.url}/sparql> {{ ?s ?p ?o }} }}"),
                        ("application/sparql-update", f"LOAD <{listener.url}/data.ttl>")):
        r = requests.post(server + "/sparql", data=body.encode(), headers={"Content-Type": ctype}, timeout=60)
        assert r.status_code in (400, 403, 415, 501), (ctype, r.status_code, r.text[:200])
    assert listener.count() == 0


# -- the probe that got past the lexical guard, and the defence behind the guard ----------------------------------

def bypass(url: str) -> str:
    """A comment ended by a bare carriage return: the SPARQL grammar (and pyoxigraph) end it there."""
    return f"SELECT * WHERE {{ # c\r SERVICE <{url}/sparql> {{ ?a ?b ?c }} }}"


def test_the_bypass_is_real_for_the_engine(listener: Listener) -> None:
    """Why the guard and the workers' isolation exist: pyoxigraph on its own connects for that query."""
    list(ox.Store().query(bypass(listener.url)))
    assert listener.count() == 1


@pytest.mark.parametrize("method", ["GET", "POST", "POST-direct"])
def test_the_cr_comment_bypass_is_refused(server: str, listener: Listener, method: str) -> None:
    q = bypass(listener.url)
    if method == "GET":
        r = requests.get(server + "/sparql", params={"query": q}, timeout=60)
    elif method == "POST":
        r = requests.post(server + "/sparql", data={"query": q}, timeout=60)
    else:
        r = requests.post(server + "/sparql", data=q.encode(), headers={"Content-Type": "application/sparql-query"},
                          timeout=60)
    assert r.status_code == 403 and "SERVICE" in r.text, (r.status_code, r.text)
    assert listener.count() == 0


def test_query_workers_have_no_network(listener: Listener, tmp_path: Path) -> None:
    """A SERVICE query sent straight to the pool (no guard in front) cannot connect: the worker is in a network
    namespace of its own."""
    from server.executor import Job, QueryError, QueryExecutor

    out = make_out(tmp_path / "var")
    ex = QueryExecutor(workers=1, max_workers=1)
    try:
        assert ex.wait_ready(1, timeout=120)
        assert ex.isolation == {"netns"}, ex.isolation  # root on Linux: a plain network namespace
        job = Job(str(out / "current" / "store"), bypass(listener.url), (), (), "application/sparql-results+json",
                  None, 1 << 20)
        with pytest.raises(QueryError, match="(?i)unreachable|connect|error"):
            ex.run(job, timeout=60)
        time.sleep(0.3)
        assert listener.count() == 0
        ok = Job(str(out / "current" / "store"), "ASK { ?s ?p ?o }", (), (), "application/sparql-results+json",
                 None, 1 << 20)
        assert b"true" in ex.run(ok, timeout=60)[1]  # the worker still answers
    finally:
        ex.close()


def test_guard_switched_off_still_no_fetch(listener: Listener, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole endpoint with its guard replaced by one that lets everything through: the query reaches the
    engine, which tries SERVICE and fails, and the listener sees nothing."""
    from kg.config import Settings
    from server import create_app, sparql
    from server.sparql_guard import Inspection

    out = make_out(tmp_path / "var")
    monkeypatch.setattr(sparql, "inspect", lambda *a, **k: Inspection())
    app = create_app(Settings.from_env(out_dir=out), {"KG_QUERY_WORKERS": 1})
    try:
        for q in (bypass(listener.url), f"SELECT * WHERE {{ SERVICE <{listener.url}/sparql> {{ ?s ?p ?o }} }}"):
            r = app.test_client().get("/sparql", query_string={"query": q},
                                      headers={"Accept": "application/sparql-results+json"})
            assert r.status_code == 400, (r.status_code, r.data[:300])
        time.sleep(0.3)
        assert listener.count() == 0
    finally:
        app.extensions["archive-kg-executor"].close()


def test_inline_threads_have_no_network_either(listener: Listener, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """``SERVICE SILENT`` fails quietly in a worker (no network), so it is cheap and the next runs are answered by
    the server's own query threads: those have left the network too, and the listener still sees nothing."""
    from kg.config import Settings
    from server import create_app, sparql
    from server.sparql_guard import Inspection

    out = make_out(tmp_path / "var")
    monkeypatch.setattr(sparql, "inspect", lambda *a, **k: Inspection())
    app = create_app(Settings.from_env(out_dir=out), {"KG_QUERY_WORKERS": 1})
    q = f"SELECT * WHERE {{ SERVICE SILENT <{listener.url}/sparql> {{ ?s ?p ?o }} }}"
    try:
        timings = []
        for _ in range(3):
            r = app.test_client().get("/sparql", query_string={"query": q},
                                      headers={"Accept": "application/sparql-results+json"})
            assert r.status_code == 200, r.data[:300]
            timings.append(r.headers["Server-Timing"].split(";")[0])
        assert timings == ["queue", "inline", "inline"], timings
        time.sleep(0.3)
        assert listener.count() == 0
    finally:
        app.extensions["archive-kg-executor"].close()
