"""Virtuoso as the external engine: `kg engine`, builds loaded as versions, atomic switch, queries through us.

A managed Virtuoso runs in a temporary folder for the session (tests/virtuoso_support.py). Every answer is
compared with the embedded store's answer for the same build.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests

from tests.conftest import DATA, ROOT, start_server
from tests.virtuoso_support import require_virtuoso, virtuoso_env

COUNT_BY_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def kg(*args: str, env: dict[str, str] | None = None, check: bool = True) -> subprocess.CompletedProcess:
    r = subprocess.run([sys.executable, "-m", "kg.cli", *args], cwd=ROOT, capture_output=True, text=True,
                       env={**os.environ, **(env or {})}, timeout=600)
    if check:
        assert r.returncode == 0, r.stdout + r.stderr
    return r


def new_version(out: Path, env: dict[str, str] | None = None, check: bool = True) -> subprocess.CompletedProcess:
    """A new published version, quickly: `kg load` of a small file goes through the same publish step as a build."""
    data = out.parent / "small.nt"
    data.write_text("<http://example.org/s> <http://example.org/p> \"a version\" .\n", encoding="utf-8")
    return kg("load", str(data), "--graph", "http://example.org/graph", "--out", str(out), env=env, check=check)


def embedded_rows(out: Path, query: str) -> list[tuple[str, ...]]:
    from kg.layout import OutDir
    from kg.store import open_store

    store = open_store(OutDir(out).current().store)
    res = store.query(query)
    return [tuple(s[v].value for v in res.variables) for s in res]


@pytest.fixture(scope="module")
def vout(virtuoso_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real collection built with KG_ENGINE=virtuoso."""
    out = tmp_path_factory.mktemp("vbuild") / "var"
    kg("build", str(DATA / "documents"), "--out", str(out), "--quiet", env=virtuoso_env(virtuoso_home))
    return out


@pytest.fixture(scope="module")
def vserver(vout: Path, virtuoso_home: Path):
    proc, url = start_server(vout, extra_env={**virtuoso_env(virtuoso_home), "KG_QUERY_TIMEOUT": "20"})
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(10)


def sparql(url: str, query: str, accept: str = "application/sparql-results+json", **params: str) -> requests.Response:
    return requests.post(url + "/sparql", data={"query": query, **params}, headers={"Accept": accept}, timeout=60)


def bindings(r: requests.Response) -> list[tuple[str, ...]]:
    assert r.status_code == 200, r.text
    data = r.json()
    return [tuple(b[v]["value"] for v in data["head"]["vars"]) for b in data["results"]["bindings"]]


# -- kg engine start|stop|status ----------------------------------------------------------------------------------

def test_engine_start_status_stop(tmp_path: Path) -> None:
    require_virtuoso()
    out = tmp_path / "var"
    try:
        r = kg("engine", "start", "--out", str(out))
        assert "http://127.0.0.1:" in r.stdout
        home = out / "engine"
        ini = (home / "virtuoso.ini").read_text()
        assert "ServerPort           = 127.0.0.1:" in ini  # SQL port on loopback only
        assert "ServerPort           = 127.0.0.1:" in ini.split("[HTTPServer]")[1]
        assert f"DirsAllowed          = {home.resolve() / 'load'}\n" in ini  # the load folder, nothing else
        assert "AllowOSCalls         = 0" in ini
        info = json.loads((home / "engine.json").read_text())
        assert stat.S_IMODE((home / "engine.json").stat().st_mode) == 0o600  # holds the dba password
        assert info["password"] != "dba"
        st = kg("engine", "status", "--out", str(out), env={"KG_ENGINE": "virtuoso"})
        assert info["sparql"] in st.stdout and "holds no version" in st.stdout
        assert kg("engine", "start", "--out", str(out)).stdout.count(info["sparql"]) == 1  # already running: same
        # the well-known default password no longer opens the SQL port
        bad = subprocess.run(["isql-vt", info["isql"], "dba", "dba", "exec=select 1;"], capture_output=True, text=True,
                             timeout=30)
        assert "Bad login" in bad.stdout + bad.stderr
    finally:
        assert "stopped" in kg("engine", "stop", "--out", str(out)).stdout
    assert "not running" in kg("engine", "status", "--out", str(out), env={"KG_ENGINE": "virtuoso"},
                               check=False).stdout
    assert "was not running" in kg("engine", "stop", "--out", str(out)).stdout


def test_remote_engine_needs_its_settings(tmp_path: Path) -> None:
    r = kg("build", "--out", str(tmp_path), "--quiet", env={"KG_ENGINE": "virtuoso", "KG_VIRTUOSO_URL":
                                                                "http://127.0.0.1:9/sparql"}, check=False)
    assert r.returncode != 0 and "KG_VIRTUOSO_ISQL" in r.stderr and "KG_VIRTUOSO_PASSWORD" in r.stderr
    assert not (tmp_path / "current").exists()
    r = kg("build", "--out", str(tmp_path), "--quiet", env={"KG_ENGINE": "qlever"}, check=False)
    assert r.returncode != 0 and "KG_ENGINE" in r.stderr


# -- builds ------------------------------------------------------------------------------------------------------

def test_build_loads_the_version_into_its_own_graphs(vout: Path, virtuoso_home: Path) -> None:
    from kg.layout import OutDir

    current = OutDir(vout).current()
    held = json.loads((current.root / "engine-graphs.json").read_text())["graphs"]
    expected = {g: int(n) for g, n in embedded_rows(vout, COUNT_BY_GRAPH)}
    assert held == expected
    st = kg("engine", "status", "--out", str(vout), env=virtuoso_env(virtuoso_home)).stdout
    assert f"* {current.build_id}  complete  {sum(expected.values())} triples" in st


def test_kg_query_on_virtuoso_equals_embedded(vout: Path, virtuoso_home: Path) -> None:
    q = ("PREFIX akg: <https://w3id.org/archive-kg/ontology#> SELECT ?d ?who WHERE { ?d akg:sender ?who } "
         "ORDER BY ?d ?who")
    on_v = kg("query", q, "--out", str(vout), "--format", "csv", env=virtuoso_env(virtuoso_home)).stdout
    on_e = kg("query", q, "--out", str(vout), "--format", "csv").stdout
    assert on_v == on_e and on_v.count("\n") > 1


def test_versions_switch_and_are_dropped(use_virtuoso: Path, tmp_path: Path) -> None:
    """Each build is a new version; the engine's pointer follows; KG_KEEP_VERSIONS=1 drops the old one."""
    from kg.engines.virtuoso import VirtuosoEngine

    out = tmp_path / "var"
    env = {**virtuoso_env(use_virtuoso), "KG_KEEP_VERSIONS": "1"}
    new_version(out, env=env)
    eng = VirtuosoEngine.from_env(out)
    first = eng.current()
    assert first and [v["id"] for v in eng.versions()] == [first]
    new_version(out, env=env)
    second = eng.current()
    assert second != first and (out / "current").resolve().name == second
    assert [v["id"] for v in eng.versions()] == [second]
    assert eng.count_version(first) == 0


def test_failed_load_leaves_the_published_version(use_virtuoso: Path, vout: Path, tmp_path: Path) -> None:
    from kg.engines import EngineError
    from kg.engines.virtuoso import VirtuosoEngine
    from kg.layout import BuildDir, OutDir

    eng = VirtuosoEngine.from_env(vout)
    before = eng.current()
    published = OutDir(vout).current()
    # a staged version whose dump breaks half-way through
    staged = BuildDir(tmp_path / "20990101T000000000000Z-broken")
    shutil.copytree(published.root, staged.root, ignore=shutil.ignore_patterns("store"))
    from kg.dump_parts import read_dump

    lines = gzip.decompress(read_dump(published.dumps, "dataset.nq.gz")).splitlines(keepends=True)
    with gzip.open(staged.dumps / "dataset.nq.gz", "wb") as f:
        f.writelines(lines[: len(lines) // 2] + [b'<http://x/s> <http://x/p> "unterminated <http://x/g> .\n'])
    with pytest.raises(EngineError):
        eng.load_version(staged)
    assert eng.current() == before
    assert staged.build_id not in [v["id"] for v in eng.versions()]
    assert eng.count_version(staged.build_id) == 0  # its graphs were dropped
    assert not eng.is_complete(staged.build_id)


def test_killed_load_is_never_served_and_is_dropped_by_the_next_build(use_virtuoso: Path, tmp_path: Path) -> None:
    """What a kill leaves behind (graphs loaded, no completion mark) is invisible, then removed."""
    from kg.engines.versions import version_graph
    from kg.engines.virtuoso import VirtuosoEngine

    out = tmp_path / "var"
    env = virtuoso_env(use_virtuoso)
    new_version(out, env=env)
    eng = VirtuosoEngine.from_env(out)
    ghost = "20990101T000000000000Z-killed"
    eng._mark(ghost, "loading", {})
    eng.isql(f"SPARQL INSERT DATA {{ GRAPH <{version_graph(ghost, 'https://w3id.org/archive-kg/graph/documents')}> "
             "{ <http://x/s> <http://x/p> <http://x/o> } };\n")
    assert not eng.is_complete(ghost) and eng.current() != ghost
    new_version(out, env=env)
    assert ghost not in [v["id"] for v in eng.versions()]
    assert eng.count_version(ghost) == 0


def test_restore_moves_the_engine_pointer(use_virtuoso: Path, tmp_path: Path) -> None:
    from kg.engines.virtuoso import VirtuosoEngine

    out = tmp_path / "var"
    env = virtuoso_env(use_virtuoso)
    new_version(out, env=env)
    eng = VirtuosoEngine.from_env(out)
    first = eng.current()
    new_version(out, env=env)
    assert eng.current() != first
    kg("restore", first, "--out", str(out), env=env)
    assert eng.current() == first


# -- the server in front of Virtuoso --------------------------------------------------------------------------------

def test_server_answers_like_the_embedded_store(vserver: str, vout: Path) -> None:
    assert bindings(sparql(vserver, COUNT_BY_GRAPH)) == embedded_rows(vout, COUNT_BY_GRAPH)
    ask = sparql(vserver, "ASK { GRAPH <https://w3id.org/archive-kg/graph/documents> { ?s ?p ?o } }")
    assert ask.json()["boolean"] is True
    # a protocol dataset names published graphs; the engine's versioned names never show
    r = sparql(vserver, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
               **{"named-graph-uri": "https://w3id.org/archive-kg/graph/ontology"})
    assert bindings(r) == [("https://w3id.org/archive-kg/graph/ontology",)]
    r = sparql(vserver, "CONSTRUCT { ?s a ?c } WHERE { GRAPH ?g { ?s a ?c } } LIMIT 5", accept="text/turtle")
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/turtle")
    assert len(list(ox.parse(r.content, format=ox.RdfFormat.TURTLE))) == 5
    r = sparql(vserver, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 3", accept="text/csv")
    assert r.status_code == 200 and r.text.splitlines()[0] == "s" and len(r.text.splitlines()) == 4
    assert "urn:x-kg:" not in sparql(vserver, "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 500").text


def test_server_is_read_only_on_virtuoso(vserver: str) -> None:
    for body in ("INSERT DATA { <http://x/s> <http://x/p> 1 }", "DROP ALL", "CLEAR DEFAULT"):
        r = requests.post(vserver + "/sparql", data={"update": body}, timeout=30)
        assert r.status_code == 403
        r = sparql(vserver, body)
        assert 400 <= r.status_code < 500
    assert int(bindings(sparql(vserver, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))[0][0]) > 1000


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_time_limit_stops_the_query_on_the_engine(vserver: str, virtuoso_home: Path) -> None:
    from kg.engines.managed import ManagedVirtuoso

    pid = ManagedVirtuoso(virtuoso_home)._pid()
    assert pid
    r = sparql(vserver, RUNAWAY, timeout="1")
    assert r.status_code == 503 and "time limit" in r.text and r.headers.get("Retry-After")
    time.sleep(0.5)
    cpu = _cpu_seconds(pid)
    time.sleep(2)
    assert _cpu_seconds(pid) - cpu < 0.5, "Virtuoso kept working on the cancelled query"
    assert sparql(vserver, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1").status_code == 200


def test_pages_dumps_and_reconciliation_are_unchanged(vserver: str) -> None:
    r = requests.get(vserver + "/dumps/", timeout=30)
    assert r.status_code == 200 and "dataset.nq.gz" in r.text
    r = requests.get(vserver + "/reconcile", params={"query": "Stalin"}, timeout=30)
    assert r.status_code == 200 and r.json()["result"]
    page = requests.get(vserver + "/page/person/joseph-stalin", timeout=30)
    assert page.status_code == 200 and "Stalin" in page.text


def test_a_remote_engine_is_named_by_settings(virtuoso_home: Path, tmp_path: Path) -> None:
    """KG_VIRTUOSO_URL / _ISQL / _USER / _PASSWORD / _LOAD_DIR (here: the managed engine, as if it were remote)."""
    info = json.loads((virtuoso_home / "engine.json").read_text())
    env = {"KG_ENGINE": "virtuoso", "KG_VIRTUOSO_URL": info["sparql"], "KG_VIRTUOSO_ISQL": info["isql"],
           "KG_VIRTUOSO_USER": "dba", "KG_VIRTUOSO_PASSWORD": info["password"], "KG_VIRTUOSO_LOAD_DIR": info["load_dir"],
           "KG_VIRTUOSO_DATASET": "remote-test"}
    out = tmp_path / "var"
    new_version(out, env=env)
    st = kg("engine", "status", "--out", str(out), env=env).stdout
    assert info["sparql"] in st and "dataset: remote-test" in st and "* " in st
    assert "true" in kg("query", "ASK { ?s ?p ?o }", "--out", str(out), env=env).stdout
    bad = {**env, "KG_VIRTUOSO_PASSWORD": "wrong"}
    r = new_version(out, env=bad, check=False)
    assert r.returncode == 4 and "Bad login" in r.stderr and "wrong" not in r.stderr
    assert kg("engine", "status", "--out", str(out), env=env).stdout == st  # the failed build changed nothing


def test_engine_load_fills_a_new_replica(use_virtuoso: Path, tmp_path: Path) -> None:
    """A version built on the embedded store is loaded into the engine afterwards (as for a new replica)."""
    from kg.engines.virtuoso import VirtuosoEngine

    out = tmp_path / "var"
    new_version(out, env={"KG_ENGINE": "embedded"})
    current = (out / "current").resolve().name
    env = virtuoso_env(use_virtuoso)
    r = kg("query", "ASK { ?s ?p ?o }", "--out", str(out), env=env, check=False)
    assert r.returncode == 5 and "was not loaded into Virtuoso" in r.stderr
    assert current in kg("engine", "load", "--out", str(out), env=env).stdout
    assert VirtuosoEngine.from_env(out).current() == current
    assert "true" in kg("query", "ASK { ?s ?p ?o }", "--out", str(out), env=env).stdout
    # a replica gets the next version before the server switches to it (docs/scaling.md)
    new_version(out, env={"KG_ENGINE": "embedded"})
    newer = (out / "current").resolve().name
    kg("restore", current, "--out", str(out))
    assert "kg restore" in kg("engine", "load", "--version", newer, "--out", str(out), env=env).stdout
    assert VirtuosoEngine.from_env(out).current() == current
    kg("restore", newer, "--out", str(out), env=env)
    assert VirtuosoEngine.from_env(out).current() == newer
