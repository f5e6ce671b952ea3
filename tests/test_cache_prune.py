"""``OUT/cache/documents`` keeps the entries of the pages the kept versions were made of, within a size bound."""

from __future__ import annotations

from pathlib import Path

import pytest

import kg.build
from kg import derive
from kg.build import build
from kg.config import Settings
from kg.layout import OutDir
from kg.synth import write_corpus


def _entries(out: Path) -> set[str]:
    return {p.name for p in (out / "cache" / "documents").rglob("*") if p.is_file()}


def test_entries_no_kept_version_uses_are_removed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, count=6, seed=2)
    settings = Settings.from_env(out_dir=tmp_path / "var")
    out = tmp_path / "var"
    assert build([corpus], settings=settings, progress=False, workers=1).ok
    first = _entries(out)
    assert len(first) == 6
    page = corpus / "synth-000002.txt"
    page.write_text(page.read_text().replace("\nAuthor(s):", "\nOne more line.\nAuthor(s):", 1))
    assert build([corpus], settings=settings, progress=False, workers=1).ok
    second = _entries(out)
    assert len(second) == 7 and first < second  # the first version still uses the old entry of the changed page
    monkeypatch.setattr(kg.build, "KEEP_VERSIONS", 1)
    page.write_text(page.read_text().replace("One more line.", "Another line.", 1))
    assert build([corpus], settings=settings, progress=False, workers=1).ok
    third = _entries(out)
    assert len(third) == 6 and len(third & first) == 5  # only the current version's pages are left
    assert third == set((OutDir(out).current().root / derive.KEYS).read_text().split())
    # the size bound: the least recently written entries go first
    removed, freed = derive.prune_cache(OutDir(out), max_bytes=0)
    assert removed == 6 and freed > 0 and not _entries(out)
