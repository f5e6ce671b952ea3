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
    assert len(_entries(out)) == 8  # a derived build under the size bound only counts its own entries
    monkeypatch.setattr(derive, "RECOUNT_EVERY", 0)  # the full pass (every RECOUNT_EVERY derived builds)
    page.write_text(page.read_text().replace("Another line.", "One more line.", 1))  # (the second version's page)
    assert build([corpus], settings=settings, progress=False, workers=1).ok
    third = _entries(out)
    assert len(third) == 6 and len(third & first) == 5  # only the current version's pages are left
    assert third == derive.version_keys(OutDir(out).current().root)
    # the size bound: the least recently written entries go first
    removed, freed = derive.prune_cache(OutDir(out), max_bytes=0)
    assert removed == 6 and freed > 0 and not _entries(out)


def test_a_derived_build_keeps_the_size_ledger_without_looking_at_every_entry(tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    corpus, out = tmp_path / "corpus", tmp_path / "var"
    write_corpus(corpus, count=5, seed=3)
    settings = Settings.from_env(out_dir=out)

    def sizes() -> int:
        return sum(p.stat().st_size for p in (out / "cache" / "documents").rglob("*") if p.is_file())

    def ledger() -> list[int]:
        return [int(x) for x in (out / "cache" / derive.LEDGER).read_text().split()]

    assert build([corpus], settings=settings, progress=False, workers=1).ok
    assert ledger() == [sizes(), 0]  # a build from scratch counts every entry
    page = corpus / "synth-000001.txt"
    for n in range(2):
        page.write_text(page.read_text().replace("\nAuthor(s):", f"\nLine {n}.\nAuthor(s):", 1))
        assert build([corpus], settings=settings, progress=False, workers=1).ok
        assert ledger() == [sizes(), n + 1]  # the new entry added, nothing else looked at
    stats: list[str] = []
    real = derive._stat
    monkeypatch.setattr(derive, "_stat", lambda p: stats.append(p) or real(p))
    monkeypatch.setattr(derive, "CACHE_MAX_BYTES", 1)  # over the bound: every entry is looked at, oldest go first
    page.write_text(page.read_text().replace("Line 1.", "Line 2.", 1))
    assert build([corpus], settings=settings, progress=False, workers=1).ok
    assert len(stats) >= 5 and sizes() == 0 and ledger() == [0, 0]
