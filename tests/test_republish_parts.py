"""A derived version takes the dump parts none of whose pages changed as a whole (kg.derive.Summary,
kg.derive.PreviousVersion.plan_parts): their pages are not looked at, and the version still equals a build from
scratch. With three pages a part: a page changed, added, removed; a new page that duplicates an earlier page
(reported, the parts taken whole all the same); a new page that an unchanged later page duplicates (the build
takes every page one by one: the later page is the one left out); and the one after that takes parts whole again."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kg import dump_parts
from kg.build import build
from kg.config import Settings
from kg.layout import OutDir
from kg.synth import write_corpus
from tests.test_build_derived import _dump, _quads, _sums, _void_counts
from tests.test_search_index_derived import _tables


def _build(src: Path, out: Path) -> tuple[dict, list[tuple[str, str]]]:
    result = build([src], settings=Settings.from_env(out_dir=out), progress=False, keep_going=True, workers=1)
    return OutDir(out).current().manifest(), result.left_out


def _same_as_scratch(src: Path, out: Path, tmp: Path, left_out: list[tuple[str, str]]) -> None:
    scratch = tmp / "scratch"
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(out, scratch, symlinks=True)
    os.environ["KG_BUILD_FROM_SCRATCH"] = "1"
    try:
        manifest, scratch_left_out = _build(src, scratch)
    finally:
        del os.environ["KG_BUILD_FROM_SCRATCH"]
    assert manifest["derived_from"] is None
    assert sorted(left_out) == sorted(scratch_left_out)
    assert _quads(out) == _quads(scratch)
    for name in ("dataset.nq.gz", "dataset.nt.gz", "unreconciled.tsv", "validation-report.txt"):
        assert _dump(out, name) == _dump(scratch, name), name
    # the unreconciled names in the same order (most frequent first, then by type and name), whichever way made
    ours, theirs = OutDir(out).current().manifest(), manifest
    assert (OutDir(out).current().dumps / "unreconciled.tsv").read_bytes() == (
        OutDir(scratch).current().dumps / "unreconciled.tsv").read_bytes()
    assert _void_counts(out) == _void_counts(scratch)
    for key in ("documents", "unreconciled", "skipped"):  # (triples: VoID describes each dump part; the parts differ)
        assert ours["counts"][key] == theirs["counts"][key], key
    assert ours["validation"]["results"] == theirs["validation"]["results"]
    a, b = _tables(out), _tables(scratch)
    for name in a:
        assert a[name] == b[name], name


def _copy_page(src: Path, page: str, new: str) -> None:
    for f in src.glob(page + ".*"):
        shutil.copy(f, src / (new + f.name[len(page):]))


def test_unchanged_parts_are_taken_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dump_parts, "PART_PAGES", 3)
    src, out, spare = tmp_path / "src", tmp_path / "var", tmp_path / "spare"
    write_corpus(src, count=12, seed=11)
    spare.mkdir()
    for f in src.glob("synth-000011.*"):
        shutil.move(f, spare / f.name)
    m, _ = _build(src, out)
    assert m["counts"]["documents"] == 11 and m["counts"]["taken_whole"] == 0  # (from scratch)
    published = [(OutDir(out).current().root, _sums(OutDir(out).current().root))]

    def check(expect_whole: int | None, processed: int | None = None) -> list[tuple[str, str]]:
        m, left_out = _build(src, out)
        assert m["derived_from"] == published[-1][0].name
        if expect_whole is not None:
            assert m["counts"]["taken_whole"] == expect_whole, m["counts"]
        if processed is not None:
            assert m["counts"]["processed"] == processed, m["counts"]
        _same_as_scratch(src, out, tmp_path, left_out)
        published.append((OutDir(out).current().root, _sums(OutDir(out).current().root)))
        return left_out

    page = src / "synth-000004.txt"  # part 2 (pages 3-5)
    text = page.read_text(encoding="utf-8")
    at = "\n\n" if "\n\n" in text else "\nAuthor(s):"
    page.write_text(text.replace(at, "\nA sentence added after publication." + at, 1), encoding="utf-8")
    check(8, processed=1)  # parts 1, 3, 4 whole (3 + 3 + 2 pages)
    check(11, processed=0)  # nothing changed: every part whole
    for f in spare.glob("synth-000011.*"):  # added: into the last part (pages 9-10 and it)
        shutil.copy(f, src / f.name)
    check(9, processed=1)
    for f in src.glob("synth-000001.*"):  # removed from part 1
        f.unlink()
    check(9, processed=0)
    _copy_page(src, "synth-000002", "zz-copy")  # a new page, a later duplicate of synth-000002 (part 1)
    left_out = check(None)
    assert any(path.endswith("zz-copy.txt") and "the same page twice" in why for path, why in left_out)
    _copy_page(src, "synth-000010", "aa-copy")  # a new page that the unchanged synth-000010 duplicates
    left_out = check(0)  # (every page one by one)
    assert any(path.endswith("synth-000010.txt") and "the same page twice" in why for path, why in left_out)
    for f in src.glob("aa-copy.*"):
        f.unlink()
    check(None, processed=2)  # parts taken whole again (the duplicate left out before, and zz-copy, read again)
    assert OutDir(out).current().manifest()["counts"]["taken_whole"] > 0
    for root, sums in published[-5:]:  # published versions never change (the kept ones)
        assert _sums(root) == sums
