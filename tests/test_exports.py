"""Mix'n'match and QuickStatements exports: CLI and server downloads, verified links only."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from pathlib import Path

import requests

from tests.conftest import ROOT, SHARED
from tests.test_authorities_qids import VERIFIED_LATER


def _verified_qids() -> set[str]:
    """The research draft's verified column and the curators' later ledger (tests/test_authorities_qids.py)."""
    rows = csv.DictReader((SHARED / "reference" / "authorities-draft.tsv").open(encoding="utf-8"), delimiter="\t")
    return {r["wikidata_qid"].strip() for r in rows if r["wikidata_qid"].strip()} | set(VERIFIED_LATER.values())


def kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_quickstatements_refuses_a_placeholder_property(built_out: Path, tmp_path: Path) -> None:
    """Until Wikidata assigns a property, every statement would be rejected by QuickStatements: the export says
    the property is a placeholder, writes nothing and exits 2 (bad input)."""
    target = tmp_path / "qs.txt"
    for extra in ([], ["--property", "P_ARCHIVE_KG"], ["--property", "P0"], ["--property", "archive-kg"]):
        r = kg("export", "quickstatements", "--out", str(built_out), "--file", str(target), *extra)
        assert r.returncode == 2 and r.stdout == "" and not target.exists(), (extra, r)
        assert "placeholder" in r.stderr and "--property P<number>" in r.stderr
        assert r.stderr.count("\n") == 1  # one sentence, no traceback


def test_quickstatements_only_verified_links(built_out: Path) -> None:
    r = kg("export", "quickstatements", "--out", str(built_out), "--property", "P9999999")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    qids = {line.split("\t")[0] for line in lines}
    assert qids and qids <= _verified_qids()
    assert 'Q855\tP9999999\t"person/joseph-stalin"' in lines
    # every line is one QuickStatements V1 command it accepts: item, property, a quoted string
    assert all(re.fullmatch(r'Q[1-9]\d*\tP9999999\t"[a-z]+/[a-z0-9-]+"', line) for line in lines), lines


def test_mixnmatch_catalog(built_out: Path, tmp_path: Path) -> None:
    target = tmp_path / "mnm.tsv"
    r = kg("export", "mixnmatch", "--out", str(built_out), "--file", str(target))
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(target.read_text()), delimiter="\t"))
    assert list(rows[0]) == ["id", "name", "description", "type"]
    by_id = {row["id"]: row for row in rows}
    assert by_id["person/joseph-stalin"]["name"] == "Joseph Stalin" and by_id["person/joseph-stalin"]["type"] == "Q5"
    assert by_id["place/incheon"]["type"] == ""
    assert not any(i.split("/", 1)[1].startswith("u-") for i in by_id)  # unreconciled names wait for curators
    assert all("\n" not in row["description"] for row in rows)


def test_server_downloads_match_the_cli(live_server: str, built_out: Path) -> None:
    r = requests.get(live_server + "/exports/quickstatements.txt")
    assert r.status_code == 404 and "placeholder" in r.text  # no property assigned yet: nothing QuickStatements takes
    m = requests.get(live_server + "/exports/mixnmatch.tsv")
    assert m.headers["Content-Type"].startswith("text/tab-separated-values")
    assert m.text == kg("export", "mixnmatch", "--out", str(built_out)).stdout
