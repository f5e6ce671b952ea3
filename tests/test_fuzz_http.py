"""Property-based and mutation fuzzing of the HTTP surface on the live server (``kg serve`` on 127.0.0.1, fixture
build): SPARQL endpoint parameters, bodies and headers, and content negotiation on the linked-data and dumps
routes. Whatever the request: never a 500 (a 503/504 only with a readable message), every error says what went
wrong, a 303 points back into this server, nothing is written."""

from __future__ import annotations

import json
import string
from urllib.parse import urlsplit

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import start_server
from tests.fixtures.server.build_fixture import make_out, stop

SETTINGS = settings(max_examples=500, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

QUERIES = [
    "SELECT * WHERE { ?s ?p ?o } LIMIT 5",
    "ASK { ?s a <https://w3id.org/archive-kg/ontology#Telegram> }",
    "PREFIX akg: <https://w3id.org/archive-kg/ontology#> SELECT ?sender (COUNT(?d) AS ?n) WHERE "
    "{ ?d akg:sender ?sender } GROUP BY ?sender ORDER BY DESC(?n)",
    "PREFIX dcterms: <http://purl.org/dc/terms/> SELECT ?d ?date WHERE { ?d dcterms:date ?date "
    "FILTER(?date >= \"1950-01-01\"^^<http://www.w3.org/2001/XMLSchema#date>) }",
    "PREFIX akg: <https://w3id.org/archive-kg/ontology#> SELECT ?d WHERE { ?d akg:bodyText ?t "
    "FILTER(CONTAINS(LCASE(?t), \"pyongyang\")) }",
    "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 10",
    "DESCRIBE <https://w3id.org/archive-kg/id/person/joseph-stalin>",
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
]
TOKENS = ["SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "WHERE", "{", "}", "(", ")", "?x", "$y", "<", ">", "<>",
          "\"", "'", "'''", "\\", "FILTER", "OPTIONAL", "UNION", "MINUS", "GRAPH", "SERVICE", "BIND", "VALUES",
          "LIMIT", "-1", "99999999999999999999", "OFFSET", "ORDER BY", "GROUP BY", "HAVING", "COUNT(*)", "*",
          "a", ".", ";", ",", "^^", "@en", "_:b", "[]", "PREFIX", "BASE", "INSERT DATA", "DELETE", "DROP ALL",
          "CLEAR", "LOAD", "CREATE GRAPH", "#", "\n", "\x00", "\u202e", "é", "𝔘", "REGEX(?x, \"(a+)+$\")",
          "<javascript:alert(1)>", "<file:///etc/passwd>", "<../../etc/passwd>"]
MEDIA = ["application/sparql-results+json", "application/sparql-results+xml", "text/csv",
         "text/tab-separated-values", "text/turtle", "application/n-triples", "application/ld+json",
         "application/rdf+xml", "application/json", "application/xml", "text/html", "text/plain", "*/*",
         "text/*", "application/*", "image/png", "application/n-quads", "application/trig", "", "garbage",
         "text/html;q=0", "*/*;q=0", "text/turtle;q=abc", "text/turtle;charset=utf-16", ";;;", ",,,", "a/b/c"]
HEADER_CHARS = string.ascii_letters + string.digits + " ;=,./*-+_:'\"()[]<>?@!#$%&^`{|}~"
header_text = st.text(alphabet=HEADER_CHARS, max_size=120)


@st.composite
def accept_header(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 5))):
        m = draw(st.one_of(st.sampled_from(MEDIA), header_text))
        if draw(st.booleans()):
            m += ";q=" + draw(st.sampled_from(["0", "0.5", "1", "1.0", "2", "-1", "0.0001", "nan", "", "1e9"]))
        parts.append(m)
    return draw(st.sampled_from([",", ", ", " ,", ";"])).join(parts)


@st.composite
def mutated_query(draw: st.DrawFn) -> str:
    q = draw(st.sampled_from(QUERIES))
    for _ in range(draw(st.integers(0, 4))):
        op = draw(st.sampled_from(["insert", "delete", "replace", "truncate", "repeat"]))
        i = draw(st.integers(0, len(q)))
        if op == "insert":
            q = q[:i] + " " + draw(st.one_of(st.sampled_from(TOKENS), st.text(max_size=5))) + " " + q[i:]
        elif op == "delete":
            j = draw(st.integers(i, min(len(q), i + 10)))
            q = q[:i] + q[j:]
        elif op == "replace" and q:
            q = q[:i] + draw(st.characters()) + q[i + 1:]
        elif op == "truncate":
            q = q[:i]
        elif op == "repeat":
            q = q[:i] + q[i:i + 20] * draw(st.integers(2, 30)) + q[i + 20:]
    return q


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    out = make_out(tmp_path_factory.mktemp("fuzz-http") / "var")
    proc, url = start_server(out)
    session = requests.Session()
    try:
        yield url, session, out
    finally:
        stop(proc)


def check(r: requests.Response, what: str) -> None:
    assert r.status_code != 500 and not (r.status_code > 500 and r.status_code not in (503, 504)), \
        f"{what}: {r.status_code} {r.text[:300]}"
    if r.status_code >= 400 and r.request.method != "HEAD":
        assert r.text.strip(), f"{what}: {r.status_code} with an empty body"
    if r.status_code in (503, 429):
        assert r.headers.get("Retry-After") or "kg build" in r.text, what
    if r.status_code in (301, 302, 303, 307, 308):
        loc = r.headers.get("Location", "")
        assert loc, f"{what}: redirect without Location"
        target = urlsplit(requests.compat.urljoin(r.url, loc))
        assert target.netloc == urlsplit(r.url).netloc, f"{what}: redirect out of the server: {loc}"


def clean(headers: dict[str, str]) -> dict[str, str]:
    """Header values as a client can send them (no leading or trailing white space)."""
    return {k: v.strip() for k, v in headers.items()}


# -- SPARQL endpoint ----------------------------------------------------------------------------------------------

@SETTINGS
@given(query=st.one_of(mutated_query(), st.text(max_size=300)),
       method=st.sampled_from(["GET", "POST-form", "POST-direct"]),
       accept=accept_header(),
       content_type=st.one_of(st.none(), st.sampled_from([
           "application/sparql-query", "application/x-www-form-urlencoded", "text/plain", "application/json",
           "application/sparql-update", "multipart/form-data", "application/sparql-query; charset=latin-1", ""]),
           header_text),
       extra=st.dictionaries(st.sampled_from(["default-graph-uri", "named-graph-uri", "timeout", "format",
                                              "output", "update", "using-graph-uri", "callback"]),
                             st.one_of(st.text(max_size=40), st.sampled_from(
                                 ["https://w3id.org/archive-kg/graph/documents", "-5", "0", "1e308", "nan",
                                  "99999", "http://[::1", "file:///etc/passwd"])), max_size=3))
def test_sparql_parameters_and_headers(server, query, method, accept, content_type, extra) -> None:
    url, session, _ = server
    headers = {"Accept": accept.strip()}
    if method == "GET":
        r = session.get(url + "/sparql", params={"query": query, **extra}, headers=headers, timeout=60)
    elif method == "POST-form":
        if content_type is not None:
            headers["Content-Type"] = content_type.strip()
        r = session.post(url + "/sparql", data={"query": query, **extra}, headers=headers, timeout=60)
    else:
        headers["Content-Type"] = content_type.strip() if content_type is not None else "application/sparql-query"
        r = session.post(url + "/sparql", params=extra, data=query.encode("utf-8", "surrogatepass"),
                         headers=headers, timeout=60)
    check(r, f"{method} /sparql {query!r} Accept={accept!r} CT={content_type!r} {extra}")


def test_sparql_update_never_writes(server) -> None:
    url, session, _ = server
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    acc = {"Accept": "application/sparql-results+json"}
    before = session.get(url + "/sparql", params={"query": count}, headers=acc, timeout=30).json()
    for upd in ("INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }", "DROP ALL", "CLEAR DEFAULT",
                "DELETE WHERE { ?s ?p ?o }", "CREATE GRAPH <http://e/g>"):
        for r in (session.post(url + "/sparql", data={"update": upd}, timeout=30),
                  session.post(url + "/sparql", data=upd, headers={"Content-Type": "application/sparql-update"},
                               timeout=30),
                  session.get(url + "/sparql", params={"update": upd}, timeout=30),
                  session.post(url + "/sparql", data={"query": upd}, timeout=30)):
            check(r, upd)
            assert 400 <= r.status_code < 500, (upd, r.status_code)
    after = session.get(url + "/sparql", params={"query": count}, headers=acc, timeout=30).json()
    assert before == after


# -- content negotiation ------------------------------------------------------------------------------------------

PATHS = ["/", "/dumps/", "/dumps/dataset.ttl", "/dumps/dataset.nt.gz", "/dumps/SHA256SUMS", "/ontology",
         "/ontology.ttl", "/.well-known/void", "/dataset", "/id/person/joseph-stalin", "/id/document/d-telegram",
         "/id/alias/joseph-stalin--feng-xi", "/id/place/pyongyang", "/page/person/joseph-stalin",
         "/data/person/joseph-stalin.ttl", "/data/document/d-telegram.jsonld", "/graph/documents",
         "/id/person/nobody", "/openapi.json", "/static/style.css"]
PATH_JUNK = ["", ".", "..", "/", "//", "%2e%2e", "%2F", "%00", ".ttl", ".jsonld", ".rdf", ".nt", ".html", ".exe",
             "?x=1", "#frag", ";a=b", "%", "%zz", "\u00e9", "~", "*", "<script>", "'", " ", "%20", "../../secret.txt"]


@st.composite
def mutated_path(draw: st.DrawFn) -> str:
    p = draw(st.sampled_from(PATHS))
    for _ in range(draw(st.integers(0, 3))):
        i = draw(st.integers(1, len(p)))
        op = draw(st.sampled_from(["insert", "truncate", "append"]))
        junk = draw(st.one_of(st.sampled_from(PATH_JUNK), st.text(alphabet=string.printable.strip(), max_size=6)))
        if op == "insert":
            p = p[:i] + junk + p[i:]
        elif op == "truncate":
            p = p[:i]
        else:
            p = p + junk
    return p if p.startswith("/") else "/" + p


@SETTINGS
@given(path=mutated_path(), accept=accept_header(),
       method=st.sampled_from(["GET", "GET", "GET", "HEAD", "OPTIONS", "POST", "PUT", "DELETE", "PATCH"]),
       headers=st.dictionaries(st.sampled_from(["Accept-Language", "If-None-Match", "If-Modified-Since", "Range",
                                                "Accept-Encoding", "Origin", "X-Forwarded-For", "Host-Extra"]),
                               st.one_of(header_text, st.sampled_from([
                                   "bytes=0-10", "bytes=-5", "bytes=10-0", "bytes=0-0,5-9,1-2", "bytes=99999999999-",
                                   "*", "\"x\"", "W/\"x\"", "Mon, 01 Jan 2001 00:00:00 GMT", "gzip, br",
                                   "yesterday"])), max_size=3))
def test_content_negotiation(server, path: str, accept: str, method: str, headers: dict[str, str]) -> None:
    url, session, out = server
    h = clean({"Accept": accept, **headers})
    req = requests.Request(method, url + path, headers=h)
    prepared = session.prepare_request(req)
    prepared.url = url + path  # as written: no normalisation of the path by the client
    r = session.send(prepared, timeout=60, allow_redirects=False)
    what = f"{method} {path!r} Accept={accept!r} {headers}"
    check(r, what)
    if method in ("PUT", "DELETE", "PATCH"):
        assert r.status_code >= 400, f"{what}: a write method was accepted"
    if method == "POST" and not path.startswith(("/sparql", "/reconcile")):
        assert r.status_code >= 400, f"{what}: POST accepted"
    if r.status_code == 406 and method != "HEAD":
        assert "/" in r.text, f"{what}: a 406 must list what is available"
    assert "TOP-SECRET" not in r.text, f"{what}: a file outside the dumps was served"


# -- reconciliation -----------------------------------------------------------------------------------------------

json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20)),
    lambda kids: st.one_of(st.lists(kids, max_size=4), st.dictionaries(st.text(max_size=8), kids, max_size=4)),
    max_leaves=12)


@st.composite
def reconcile_queries(draw: st.DrawFn) -> str:
    base = {"q0": {"query": "Stalin", "type": "person", "limit": 3},
            "q1": {"query": "Feng Xi", "properties": [{"pid": "alias", "v": "Feng Xi"}]}}
    kind = draw(st.sampled_from(["mutated", "random", "text"]))
    if kind == "text":
        return draw(st.text(max_size=200))
    if kind == "random":
        return json.dumps(draw(json_values))
    for _ in range(draw(st.integers(1, 4))):
        q = base[draw(st.sampled_from(sorted(base)))] if base else {}
        key = draw(st.sampled_from(["query", "type", "limit", "properties", "type_strict", "extra"]))
        q[key] = draw(json_values)
    return json.dumps(base)


@settings(max_examples=300, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(queries=reconcile_queries(), method=st.sampled_from(["GET", "POST"]),
       extra=st.dictionaries(st.sampled_from(["callback", "extend", "queries2"]), st.text(max_size=20), max_size=2))
def test_reconcile_parameters(server, queries: str, method: str, extra: dict[str, str]) -> None:
    url, session, _ = server
    if method == "GET":
        r = session.get(url + "/reconcile", params={"queries": queries, **extra}, timeout=60)
    else:
        r = session.post(url + "/reconcile", data={"queries": queries, **extra}, timeout=60)
    check(r, f"{method} /reconcile queries={queries[:200]!r} {extra}")
    if r.status_code == 200:
        assert r.headers["Content-Type"].startswith(("application/json", "application/javascript", "text/javascript"))
