"""Every `kg` command exits as the README says: 0 success, 1 error, 2 bad input (the message names the file and
line in one readable sentence), 3 SHACL violations, 4 build error, 5 query error. Run as a user runs them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

BROKEN = {
    "broken.ttl": ("@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:d ex:e \"no end .\n", 3, "Turtle"),
    "broken.nt": ("<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n"
                  "<http://example.org/a> <http://example.org/b> .\n", 2, "N-Triples"),
    "broken.trig": ("@prefix ex: <http://example.org/> .\nex:g {\n  ex:a ex:b ex:c\n", 4, "TriG"),  # at the end
    "broken.rdf": ('<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
                   "  <rdf:Description\n", 3, "RDF/XML"),
    "broken.jsonld": ('{"@id": "http://example.org/a",\n "http://example.org/b": [1, 2\n}\n', 3, "JSON-LD"),
}


def kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def _one_sentence(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr  # no traceback, no parser dump of bytes
    assert "Traceback" not in stderr and "b'" not in stderr and "\\n" not in stderr
    return lines[0]


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_validate_a_syntax_error_is_bad_input_with_file_and_line(tmp_path: Path, name: str) -> None:
    text, line, fmt = BROKEN[name]
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    r = kg("validate", str(p))
    assert r.returncode == 2, r
    msg = _one_sentence(r.stderr)
    assert msg.startswith(f"kg validate: {p}:{line}: not valid {fmt}: "), msg


def test_load_a_syntax_error_is_bad_input_and_publishes_nothing(tmp_path: Path) -> None:
    p = tmp_path / "broken.ttl"
    p.write_text(BROKEN["broken.ttl"][0], encoding="utf-8")
    r = kg("load", "--out", str(tmp_path / "var"), str(p))
    assert r.returncode == 2, r
    assert _one_sentence(r.stderr).startswith(f"kg load: {p}:3: not valid Turtle: ")
    assert not (tmp_path / "var" / "current").exists()


def test_bad_files_and_arguments_are_bad_input(tmp_path: Path) -> None:
    missing = tmp_path / "missing.ttl"
    for args, needle in ((("validate", str(missing)), f"{missing}: no such file"),
                         (("parse", str(tmp_path / "missing.txt")), "missing.txt"),
                         (("load", "--out", str(tmp_path), str(missing)), f"{missing}: no such file"),
                         (("validate", str(tmp_path)), "not a file")):
        r = kg(*args)
        assert r.returncode == 2 and needle in _one_sentence(r.stderr), (args, r)
    odd = tmp_path / "data.xyz"
    odd.write_text("x", encoding="utf-8")
    r = kg("validate", str(odd))
    assert r.returncode == 2 and "unknown RDF format" in _one_sentence(r.stderr)
    assert kg("no-such-command").returncode == 2  # a usage error is bad input too (argparse)


def test_validate_violations_exit_3(tmp_path: Path) -> None:
    p = tmp_path / "alias.ttl"
    p.write_text("@prefix akg: <https://w3id.org/archive-kg/ontology#> .\n"
                 "<https://w3id.org/archive-kg/id/alias/x--y> a akg:Alias .\n", encoding="utf-8")
    r = kg("validate", str(p))
    assert r.returncode == 3 and "does not conform" in r.stdout, r


def test_published_build_commands(built_out: Path, tmp_path: Path) -> None:
    r = kg("restore", "--out", str(built_out), "no-such-version")
    assert r.returncode == 2 and "no kept version 'no-such-version'" in _one_sentence(r.stderr)
    r = kg("query", "--out", str(built_out), "SELEC * WHERE")
    assert r.returncode == 5 and _one_sentence(r.stderr).startswith("kg query: ")
    assert kg("query", "--out", str(built_out), "ASK { ?s ?p ?o }").returncode == 0
    empty = tmp_path / "empty"
    empty.mkdir()
    for args in (("versions", "--out", str(empty)), ("export", "mixnmatch", "--out", str(empty)),
                 ("link", "--out", str(empty))):
        assert kg(*args).returncode == 1, args  # nothing published: an error, not bad input
