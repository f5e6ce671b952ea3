"""A derived version (one page changed, added or removed) equals a build from scratch of the same sources beside
the same published versions: same statements, dumps, validation report and counts, same full-text index rows; a
sequence of random one-page edits of a small synthetic corpus with pages naming unreconciled persons, including
edits that merge two names across pages and split them again. Each derived version runs the global validation
pass on what changed only (kg.validate_global) and processes the edited page alone unless a merge changed. A
file changed within the same size and modification time is taken for unchanged, and seen with ``--rehash``."""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path

import yaml

from kg.layout import OutDir
from kg.synth import write_corpus
from tests.test_build_derived import _dump
from tests.test_build_merge_derived import _build, _merged, _same_as_scratch, _sums


def _note(src: Path, name: str, body: str) -> None:
    rec = {"doc_id": f"note-{name}", "title": f"Note {name}", "kind": "note", "date": "1962-05-04", "body": body}
    (src / f"{name}.yaml").write_text(yaml.safe_dump(rec, allow_unicode=True), encoding="utf-8")


def test_random_one_page_edits_equal_a_build_from_scratch(tmp_path: Path) -> None:
    rng = random.Random(4)
    src, out, data, spare = tmp_path / "src", tmp_path / "var", tmp_path / "data", tmp_path / "spare"
    write_corpus(src, count=8, seed=5)
    spare.mkdir()
    pages = sorted(src.glob("*.txt"))
    for p in pages[-2:]:  # two pages to add later (with their sidecars)
        for f in src.glob(p.stem + ".*"):
            shutil.move(f, spare / f.name)
    _note(src, "a", "The report of academician M.S. Asimov was read at the session.")
    _note(src, "b", "The weather was fine and the talks went on.")
    _build(src, out, data)
    published = [(OutDir(out).current().root, _sums(OutDir(out).current().root))]

    def change() -> None:
        p = rng.choice(sorted(src.glob("*.txt")))
        text = p.read_text(encoding="utf-8")
        at = "\n\n" if "\n\n" in text else "\nAuthor(s):"
        p.write_text(text.replace(at, f"\nA sentence of edit {rng.randrange(1000)}." + at, 1), encoding="utf-8")

    def add() -> None:
        f = sorted(spare.glob("*.txt"))[0]
        for g in spare.glob(f.stem + ".*"):
            shutil.move(g, src / g.name)

    def remove() -> None:
        p = rng.choice(sorted(src.glob("*.txt")))
        for g in src.glob(p.stem + ".*"):
            g.unlink()

    steps = [
        ("change", change, None),
        ("merge", lambda: _note(src, "b", "Comrade Asimov said the institute needed more funds."), True),
        ("add", add, None),
        ("split", lambda: _note(src, "c", "Academician P.K. Asimov spoke after him."), False),
        ("remove", remove, None),
        ("merge again", lambda: (src / "c.yaml").unlink(), True),
        ("add", add, None),
        ("change", change, None),
    ]
    for what, edit, merged in steps:
        edit()
        m = _build(src, out, data)
        assert m["derived_from"] == published[-1][0].name, what
        assert m["validation"]["global"]["mode"] in ("delta", "unchanged"), (what, m["validation"]["global"])
        if merged is None:
            assert m["counts"]["processed"] <= 1, what
        else:
            assert bool(_merged(out)) is merged, what
        _same_as_scratch(src, out, tmp_path, data)
        published.append((OutDir(out).current().root, _sums(OutDir(out).current().root)))
    for root, sums in published[-5:]:  # published versions never change (the kept ones)
        assert _sums(root) == sums


def test_a_file_changed_within_its_size_and_time_is_seen_with_rehash(tmp_path: Path) -> None:
    from kg.build import build
    from kg.config import Settings

    src, out = tmp_path / "src", tmp_path / "var"
    write_corpus(src, count=4, seed=6)
    settings = Settings.from_env(out_dir=out)
    assert build([src], settings=settings, progress=False, workers=1).ok
    page = sorted(src.glob("*.txt"))[1]
    st = page.stat()
    text = page.read_text(encoding="utf-8")
    word = next(w for w in text.split() if len(w) > 5 and w.isalpha() and w.islower())
    page.write_text(text.replace(word, word[::-1], 1), encoding="utf-8")  # same size
    os.utime(page, ns=(st.st_atime_ns, st.st_mtime_ns))  # and the same modification time
    assert page.stat().st_size == st.st_size
    assert build([src], settings=settings, progress=False, workers=1).ok
    m = OutDir(out).current().manifest()
    assert m["counts"]["processed"] == 0  # size and time alone: taken for unchanged
    assert build([src], settings=settings, progress=False, workers=1, rehash=True).ok
    m = OutDir(out).current().manifest()
    assert m["counts"]["processed"] >= 1 and m["counts"]["names_read"] == 4  # (and a page its names merge with)
    scratch = tmp_path / "scratch"
    os.environ["KG_BUILD_FROM_SCRATCH"] = "1"
    try:
        assert build([src], settings=Settings.from_env(out_dir=scratch), progress=False, workers=1).ok
    finally:
        del os.environ["KG_BUILD_FROM_SCRATCH"]
    assert _dump(out, "dataset.nq.gz") == _dump(scratch, "dataset.nq.gz")
