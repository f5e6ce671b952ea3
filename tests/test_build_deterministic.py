"""Two builds of the same input give the same bytes in every file under ``dumps/``, and so the same checksums: only
the build's own identity (its id and creation time in ``void.ttl``, and that file's line in ``SHA256SUMS``) differs.
The builds run in processes with different string hash seeds (rdflib writes a graph's lines in an order that
depends on it) and parse the ontology's blank nodes anew (each parse labels them at random)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox

from kg.dump_parts import sha256_file
from kg.layout import OutDir
from kg.synth import write_corpus

ROOT = Path(__file__).resolve().parent.parent

_BUILD = """
import sys
from pathlib import Path
from kg.build import build
from kg.config import Settings
r = build([Path(sys.argv[1])], settings=Settings.from_env(out_dir=Path(sys.argv[2])), progress=False, workers=2)
sys.exit(0 if r.ok else 1)
"""


def _build(corpus: Path, out: Path, seed: str) -> Path:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    subprocess.run([sys.executable, "-c", _BUILD, str(corpus), str(out)], check=True, cwd=ROOT, env=env, timeout=600)
    current = OutDir(out).current()
    assert current is not None
    return current.dumps


def _files(dumps: Path) -> dict[str, bytes]:
    return {str(p.relative_to(dumps)): p.read_bytes() for p in sorted(dumps.rglob("*")) if p.is_file()}


_OWN = re.compile(rb"^\s*dcterms:(created|identifier|modified|issued) .*$", re.M)


def test_two_builds_of_the_same_input_give_the_same_dump_bytes(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, count=24, seed=5)
    a = _files(_build(corpus, tmp_path / "a", "1"))
    b = _files(_build(corpus, tmp_path / "b", "2"))
    assert sorted(a) == sorted(b)
    assert any(name.startswith("parts/") for name in a)  # the data dumps are there (in parts), ontology included
    different = sorted(name for name in a if a[name] != b[name])
    assert different == ["SHA256SUMS", "void.ttl"], different
    # void.ttl: only the build's id and time; SHA256SUMS: only void.ttl's line
    assert _OWN.sub(b"", a["void.ttl"]) == _OWN.sub(b"", b["void.ttl"])
    sums_a, sums_b = (dict(line.split("  ")[::-1] for line in x["SHA256SUMS"].decode().splitlines()) for x in (a, b))
    assert {k for k in sums_a if sums_a[k] != sums_b.get(k)} == {"void.ttl"}
    assert b"_:" in a["parts/dataset-graphs.ttl"]  # the ontology's blank nodes are written, and agree


def test_checksums_and_counts_written_while_building_are_those_of_the_files_and_the_store(tmp_path: Path) -> None:
    """The parts' SHA-256 are computed as they are written, and the statement count is summed from what the build
    wrote, not counted in the store: both must be what reading the files and counting the store give."""
    corpus = tmp_path / "corpus"
    write_corpus(corpus, count=20, seed=6)
    dumps = _build(corpus, tmp_path / "var", "0")
    listing = json.loads((dumps / "parts.json").read_text())
    entries = [e for es in listing["dumps"].values() for e in es]
    assert len(entries) == 8  # four dumps, each in one part of pages and the part of the other graphs
    for e in entries:
        assert e["sha256"] == sha256_file(dumps / "parts" / e["file"]), e["file"]
        assert e["size"] == (dumps / "parts" / e["file"]).stat().st_size
    sums = dict(line.split("  ")[::-1] for line in (dumps / "SHA256SUMS").read_text().splitlines())
    assert all(sums[f"parts/{e['file']}"] == e["sha256"] for e in entries)
    version = OutDir(tmp_path / "var").current()
    assert version is not None
    store = ox.Store.read_only(str(version.store))
    assert version.manifest()["counts"]["triples"] == len(store)
