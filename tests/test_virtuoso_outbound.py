"""No outbound fetch with Virtuoso behind the server: a listener on 127.0.0.1 must see no connection.

Virtuoso can fetch in several ways (SERVICE, LOAD, ``define get:soft`` sponging, and ``bif:`` functions such as
its HTTP client). Through our server every one of them is refused before the engine sees it; on the engine itself
the managed configuration takes away the rights to the first three (checked here directly against the engine's
own endpoint, which only listens on 127.0.0.1).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import start_server
from tests.fixtures.server.build_fixture import make_out, stop
from tests.listener import Listener
from tests.virtuoso_support import virtuoso_env


@pytest.fixture
def listener() -> Iterator[Listener]:
    lst = Listener()
    try:
        yield lst
    finally:
        lst.close()


def fetching_queries(url: str) -> dict[str, str]:
    return {
        "SERVICE": f"SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
        "SERVICE after a CR comment": f"SELECT * WHERE {{ # c\rSERVICE <{url}/sparql> {{ ?a ?b ?c }} }}",
        "get:soft": f'define get:soft "replace" SELECT * FROM <{url}/d.ttl> WHERE {{ ?s ?p ?o }}',
        "LOAD": f"LOAD <{url}/d.ttl>",
        "bif:http_get": f'SELECT (bif:http_get("{url}/a") AS ?x) WHERE {{}}',
        "<bif:http_get>": f'SELECT (<bif:http_get>("{url}/b") AS ?x) WHERE {{}}',
        "bif via a prefix": f'PREFIX b: <bi> SELECT (b:f:http_get("{url}/c") AS ?x) WHERE {{}}',
        "bif in a filter": f'SELECT * WHERE {{ ?s ?p ?o FILTER(STRLEN(<bif:http_get>("{url}/d")) > 0) }} LIMIT 1',
        "FROM remote": f"SELECT * FROM <{url}/e.ttl> WHERE {{ ?s ?p ?o }}",
    }


@pytest.fixture(scope="module")
def vserver(virtuoso_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from kg.engines.virtuoso import VirtuosoEngine
    from kg.layout import OutDir

    out = make_out(tmp_path_factory.mktemp("voutbound") / "var", build_id="20500101T000000000000Z-outbound")
    mp = pytest.MonkeyPatch()
    for k, v in virtuoso_env(virtuoso_home).items():
        mp.setenv(k, v)
    try:
        eng = VirtuosoEngine.from_env(out)
        current = OutDir(out).current()
        eng.load_version(current)
        eng.activate(current.build_id, keep=[current.build_id])
    finally:
        mp.undo()
    proc, url = start_server(out, extra_env=virtuoso_env(virtuoso_home))
    try:
        yield url
    finally:
        stop(proc)


@pytest.mark.parametrize("name", list(fetching_queries("http://x")))
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_server_never_lets_virtuoso_fetch(vserver: str, listener: Listener, name: str, method: str) -> None:
    q = fetching_queries(listener.url)[name]
    if method == "GET":
        r = requests.get(vserver + "/sparql", params={"query": q}, timeout=60)
    else:
        r = requests.post(vserver + "/sparql", data=q.encode(), headers={"Content-Type": "application/sparql-query"},
                          timeout=60)
    assert listener.count() == 0, f"{name}: the engine connected to {listener.url}"
    assert 400 <= r.status_code < 500 and r.text.strip(), (name, r.status_code, r.text[:300])


def test_the_fixture_data_is_served(vserver: str) -> None:
    r = requests.get(vserver + "/sparql", params={"query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"},
                     headers={"Accept": "application/sparql-results+json"}, timeout=60)
    assert r.status_code == 200 and int(r.json()["results"]["bindings"][0]["n"]["value"]) > 10


@pytest.mark.parametrize("name", ["SERVICE", "get:soft", "LOAD"])
def test_managed_engine_itself_refuses_to_fetch(virtuoso_home: Path, listener: Listener, name: str) -> None:
    """Even asked directly (bypassing our server), the managed engine's public account may not fetch."""
    from kg.engines.managed import ManagedVirtuoso

    info = ManagedVirtuoso(virtuoso_home).info()
    r = requests.post(info["sparql"], data={"query": fetching_queries(listener.url)[name]}, timeout=60)
    assert listener.count() == 0
    assert r.status_code >= 400 and ("SECURITY" in r.text or "permission" in r.text.lower()), r.text[:300]


FETCHES = ['(<bif:http_get>("{u}/f1") AS ?x)', '(bif:http_get("{u}/f2") AS ?x)', '(<\\u0062if:http_get>("{u}/f3") AS ?x)',
           '(b:f:http_get("{u}/f4") AS ?x)', '(<BIF:HTTP_GET>("{u}/f5") AS ?x)', '(<sql:http_get>("{u}/f6") AS ?x)']
WRAPS = ["{f}", "# {f}", "#\r{f}", "# c\r\n{f}", "#\u2028{f}", '"{f}"', "'''{f}'''", "<x>{f}", "/*{f}*/", "-- {f}",
         "\\\n{f}", "{{ {f} }}"]


@given(st.sampled_from(FETCHES), st.sampled_from(WRAPS), st.sampled_from(["", "PREFIX b: <bi> ", "define x 1 "]),
       st.sampled_from(["SELECT", "select", "SeLeCt"]))
@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
def test_fuzz_no_text_makes_virtuoso_fetch(fuzz_engine, fetch: str, wrap: str, head: str, select: str) -> None:
    """Comments with every line end, strings, escapes, case, prefix tricks: whatever our check lets through,
    Virtuoso itself runs, and the listener must still see nothing."""
    from kg.engines import EngineQueryError, EngineTimeout, QueryRequest

    engine, version, lst = fuzz_engine
    query = f"{head}{select} * {wrap.format(f=fetch.format(u=lst.url))} WHERE {{ }}"
    try:
        engine.run(QueryRequest(version, query), 10)
    except (EngineQueryError, EngineTimeout):
        pass
    assert lst.count() == 0, query


@pytest.fixture(scope="module")
def fuzz_engine(vserver: str, virtuoso_home: Path):
    from kg.engines.virtuoso import VirtuosoEngine

    outs = sorted(virtuoso_home.parent.glob("voutbound*/var"))
    mp = pytest.MonkeyPatch()
    for k, v in virtuoso_env(virtuoso_home).items():
        mp.setenv(k, v)
    lst = Listener()
    try:
        out = outs[-1]
        yield VirtuosoEngine.from_env(out), (out / "current").resolve().name, lst
    finally:
        lst.close()
        mp.undo()
