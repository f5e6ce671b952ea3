"""The kept source listing (kg.listing): the same list as kg.ingest.source_paths after any change of the folders,
while only the folders whose time changed are listed again."""

from __future__ import annotations

import os
import time
from pathlib import Path

from kg import listing
from kg.ingest import source_paths

_T0 = time.time_ns() - 3_600 * 10**9


def _stamp(folder: Path, k: int) -> None:
    """A distinct modification time, older than the listing by more than RACY_NS."""
    os.utime(folder, ns=(_T0 + k * 10**9, _T0 + k * 10**9))


def _tree(root: Path) -> None:
    (root / "a").mkdir(parents=True)
    (root / "b" / "deep").mkdir(parents=True)
    (root / "empty").mkdir()
    for p in ("p1.txt", "p1.source.yaml", "r1.yaml", ".hidden.txt", "notes.md", "a/p2.txt", "a/z.json",
              "b/deep/p3.txt", "b/p0.TXT"):
        (root / p).write_text("x", encoding="utf-8")


def _list(root: Path, prev: Path | None, dest: Path) -> list[str]:
    dest.mkdir()
    return listing.list_sources([root], prev, dest)


def test_kept_listing_follows_every_change(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    _tree(root)
    for i, d in enumerate([root, root / "a", root / "b", root / "b" / "deep", root / "empty"]):
        _stamp(d, i)
    v = [tmp_path / f"v{i}" for i in range(8)]
    first = _list(root, None, v[0])
    assert first == source_paths([root]) and len(first) == 6
    assert _list(root, v[0], v[1]) == first
    assert (v[1] / listing.FILE).stat().st_ino == (v[0] / listing.FILE).stat().st_ino  # nothing changed: linked

    (root / "empty" / "new.txt").write_text("x", encoding="utf-8")  # a page in a folder that had none
    (root / "a" / "p2.txt").unlink()  # a page gone
    (root / "b" / "deep" / "p4.yml").write_text("x", encoding="utf-8")
    (root / "c" / "d").mkdir(parents=True)  # a new folder with a page
    (root / "c" / "d" / "p5.txt").write_text("x", encoding="utf-8")
    for i, d in enumerate([root, root / "a", root / "b" / "deep", root / "empty", root / "c", root / "c" / "d"]):
        _stamp(d, 10 + i)
    second = _list(root, v[1], v[2])
    assert second == source_paths([root])
    assert str(root / "empty" / "new.txt") in second and str(root / "c" / "d" / "p5.txt") in second
    assert str(root / "a" / "p2.txt") not in second

    for p in (root / "b" / "deep").iterdir():  # a whole folder gone
        p.unlink()
    (root / "b" / "deep").rmdir()
    _stamp(root / "b", 30)
    third = _list(root, v[2], v[3])
    assert third == source_paths([root]) and not any("deep" in p for p in third)


def test_a_folder_with_an_unchanged_time_is_taken_as_it_was_unless_racy(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    _tree(root)
    _stamp(root, 0)
    v = [tmp_path / f"v{i}" for i in range(4)]
    first = _list(root, None, v[0])
    (root / "late.txt").write_text("x", encoding="utf-8")
    _stamp(root, 0)  # the same time as when it was listed: taken as unchanged
    assert _list(root, v[0], v[1]) == first
    assert _list(root, v[0], v[2]) != source_paths([root]) == listing.list_sources([root], v[0], v[2], full=True)
    # a folder changed within RACY_NS of the listing is listed again next time, whatever its time says
    now = time.time_ns()
    os.utime(root, ns=(now, now))
    racy = tmp_path / "racy"
    racy.mkdir()
    listing.list_sources([root], None, racy)
    (root / "later.txt").write_text("x", encoding="utf-8")
    os.utime(root, ns=(now, now))  # (the time it had when listed)
    assert str(root / "later.txt") in _list(root, racy, v[3])


def test_files_named_are_listed_as_source_paths_does(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    _tree(root)
    dest = tmp_path / "v"
    dest.mkdir()
    assert listing.list_sources([root / "p1.txt", root / "a"], None, dest) == source_paths([root / "p1.txt", root / "a"])
    assert not (dest / listing.FILE).exists()


def test_relative_paths_are_listed_again_from_another_folder(tmp_path: Path, monkeypatch) -> None:
    for name in ("one", "two"):
        (tmp_path / name / "corpus").mkdir(parents=True)
        (tmp_path / name / "corpus" / f"{name}.txt").write_text("x", encoding="utf-8")
        _stamp(tmp_path / name / "corpus", 1)  # (the same time in both)
    monkeypatch.chdir(tmp_path / "one")
    first = _list(Path("corpus"), None, tmp_path / "v1")
    monkeypatch.chdir(tmp_path / "two")
    assert first == ["corpus/one.txt"] and _list(Path("corpus"), tmp_path / "v1", tmp_path / "v2") == ["corpus/two.txt"]
