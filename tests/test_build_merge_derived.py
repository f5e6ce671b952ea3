"""A derived version and the cross-page merges of unreconciled names (kg.authorities.merge, kg.page_names): an
edit that changes a merge re-processes the pages carrying that merge's names and no other, an edit that changes
none re-processes the edited page alone, and either way the version equals a build from scratch. The names are
invented for these tests."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import yaml

from kg.build import build
from kg.config import Settings
from kg.layout import OutDir
from kg.store import OxigraphStore
from tests.test_build_derived import _dump, _quads, _sums, _void_counts
from tests.test_search_index_derived import _tables

ROOT = Path(__file__).resolve().parent.parent
AUTH_DIR = ROOT / "data" / "authorities"
BASE = "https://w3id.org/archive-kg/"
PAGES = {
    "a": "The report of academician M.S. Asimov was read at the session.",
    "b": "Comrade Asimov said the institute needed more funds.",
    "c": "Colonel Verlinsky arrived in the morning.",
    "d": "The delegation visited the port and the shipyard.",
    "e": "The weather was fine and the talks went on.",
}


def _write(src: Path, name: str, body: str) -> None:
    rec = {"doc_id": f"note-{name}", "title": f"Note {name}", "kind": "note", "date": "1962-05-04", "body": body}
    (src / f"{name}.yaml").write_text(yaml.safe_dump(rec, allow_unicode=True), encoding="utf-8")


def _build(src: Path, out: Path, data: Path) -> dict:
    settings = Settings.from_env(out_dir=out, data_dir=data)
    result = build([src], settings=settings, progress=False, authorities_dir=AUTH_DIR, workers=1)
    assert result.ok, result.summary()
    return OutDir(out).current().manifest()


def _merged(out: Path) -> dict[str, set[str]]:
    st = OxigraphStore((out / "current" / "store").resolve(), read_only=True)
    rows = st.query("SELECT ?p ?n WHERE { GRAPH ?g { ?p <https://w3id.org/archive-kg/ontology#mergedName> ?n } }")
    found: dict[str, set[str]] = {}
    for p, n in rows:
        found.setdefault(p.value.rsplit("/", 1)[1], set()).add(n.value)
    return found


def _same_as_scratch(src: Path, out: Path, tmp: Path, data: Path) -> None:
    """The current version equals one built from scratch beside the same published versions (in a copy of OUT:
    the person IRIs published before stay stable, kg.authorities.stable_iris, whichever way a version is built)."""
    scratch = tmp / "scratch"
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(out, scratch, symlinks=True)
    os.environ["KG_BUILD_FROM_SCRATCH"] = "1"
    try:
        manifest = _build(src, scratch, data)
    finally:
        del os.environ["KG_BUILD_FROM_SCRATCH"]
    assert manifest["derived_from"] is None
    assert _quads(out) == _quads(scratch)
    for name in ("dataset.nq.gz", "dataset.nt.gz", "unreconciled.tsv", "validation-report.txt"):
        assert _dump(out, name) == _dump(scratch, name), name
    assert _void_counts(out) == _void_counts(scratch)
    ours = OutDir(out).current().manifest()
    assert ours["validation"]["conforms"] == manifest["validation"]["conforms"]
    assert ours["validation"]["results"] == manifest["validation"]["results"]
    assert ours["counts"]["triples"] == manifest["counts"]["triples"]
    a, b = _tables(out), _tables(scratch)  # the full-text index (made from the previous version's)
    for name in a:
        assert a[name] == b[name], name


def test_a_merge_change_reprocesses_only_the_pages_carrying_its_names(tmp_path: Path) -> None:
    src, out, data = tmp_path / "src", tmp_path / "var", tmp_path / "data"
    src.mkdir()
    for name, body in PAGES.items():
        _write(src, name, body)
    first = _build(src, out, data)
    assert first["counts"]["processed"] == 5
    assert _merged(out) == {"u-m-s-asimov": {"M.S. Asimov", "Asimov"}}
    v1 = OutDir(out).current().root
    before = _sums(v1)

    # 1. an edit that names no one: that page alone
    _write(src, "e", PAGES["e"] + " The meeting ended at noon.")
    m = _build(src, out, data)
    assert m["derived_from"] == v1.name
    assert (m["counts"]["processed"], m["counts"]["names_read"]) == (1, 1)

    # 2. a page names the merged person too: the merge's decisions about names are the same (its note counts one
    #    more document), so the edited page alone is processed; the merged entity's description follows
    _write(src, "d", PAGES["d"] + " Asimov did not come.")
    m = _build(src, out, data)
    assert m["counts"]["processed"] == 1
    notes = OxigraphStore((out / "current" / "store").resolve(), read_only=True).query(
        f"SELECT ?n WHERE {{ GRAPH ?g {{ <{BASE}id/person/u-m-s-asimov> "
        "<https://w3id.org/archive-kg/ontology#mergeNote> ?n } }")
    assert [r[0].value for r in notes] and all("in 3 documents" in r[0].value for r in notes)
    _same_as_scratch(src, out, tmp_path, data)

    # 3. a page names another person of that family name: the merge is undone, and the pages carrying its names
    #    (a, b, d) are mapped again with the page that changed (c); e is not
    _write(src, "c", PAGES["c"] + " Academician P.K. Asimov spoke after him.")
    v3 = OutDir(out).current().root
    before3 = _sums(v3)
    m = _build(src, out, data)
    assert _merged(out) == {}
    assert m["counts"]["processed"] == 4 and m["counts"]["documents"] == 5
    assert m["derived_from"] == v3.name
    _same_as_scratch(src, out, tmp_path, data)

    # 4. and back: the page is restored, the merge comes back, the same four pages again
    _write(src, "c", PAGES["c"])
    m = _build(src, out, data)
    assert _merged(out) == {"u-m-s-asimov": {"M.S. Asimov", "Asimov"}}
    assert m["counts"]["processed"] == 4
    _same_as_scratch(src, out, tmp_path, data)

    assert _sums(v1) == before and _sums(v3) == before3  # published versions never change


def test_a_curator_keeping_a_name_apart_remaps_its_pages_only(tmp_path: Path) -> None:
    from kg.authorities.merge import keep_apart

    src, out, data = tmp_path / "src", tmp_path / "var", tmp_path / "data"
    src.mkdir()
    for name, body in PAGES.items():
        _write(src, name, body)
    _build(src, out, data)
    keep_apart(Settings.from_env(out_dir=out, data_dir=data), "Asimov", "2026-12-01")
    m = _build(src, out, data)
    assert m["derived_from"] is not None and _merged(out) == {}
    assert (m["counts"]["processed"], m["counts"]["names_read"]) == (2, 0)  # a and b; no file changed
    _same_as_scratch(src, out, tmp_path, data)
