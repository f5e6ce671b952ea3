"""kg query on the local store and on a remote endpoint (SPARQLWrapper against the live server)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

Q = "SELECT ?t WHERE { ?d a <https://w3id.org/archive-kg/ontology#Telegram> ; <http://purl.org/dc/terms/title> ?t } ORDER BY ?t"


def kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg.cli", "query", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


def test_local_table_and_formats(built_out: Path) -> None:
    r = kg(Q, "--out", str(built_out))
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].strip() == "?t" and "Cable, Gromyko" in lines[2] and lines[-1] == "(2 rows)"
    csv = kg(Q, "--out", str(built_out), "--format", "csv")
    assert csv.stdout.splitlines()[0] == "t" and len(csv.stdout.splitlines()) == 3
    ttl = kg("CONSTRUCT { ?a ?p ?o } WHERE { ?a a <https://w3id.org/archive-kg/ontology#Alias> ; ?p ?o }",
             "--out", str(built_out))
    assert "Feng Xi" in ttl.stdout


def test_remote_endpoint_through_sparqlwrapper(live_server: str) -> None:
    r = kg(Q, "--endpoint", live_server + "/sparql")
    assert r.returncode == 0, r.stderr
    assert "Ciphered Telegram from Matveyev (Zakharov) to Feng Xi (Stalin)" in r.stdout
    assert kg("ASK { ?s ?p ?o }", "--endpoint", live_server + "/sparql").stdout.strip() == "true"


def test_errors_exit_5_with_a_message(built_out: Path) -> None:
    bad = kg("SELEC ?x", "--out", str(built_out))
    assert bad.returncode == 5 and "malformed query" in bad.stderr
    down = kg("ASK {}", "--endpoint", "http://127.0.0.1:9/sparql")
    assert down.returncode == 5 and "did not answer" in down.stderr
