"""One full-text index file shared by derived versions (``kg.search_versions``): a derived version adds rows to the
same file, an older version's answers stay what they were, a failed build leaves nothing visible, and a version
restored behind newer ones gets an index file of its own."""

from __future__ import annotations

from pathlib import Path

import pytest

import kg.build
from kg import search_index as si
from kg import search_versions
from kg.build import build, restore_version
from kg.config import Settings
from kg.errors import BuildError
from kg.layout import OutDir
from kg.synth import write_corpus

WORDS = ["telegram", "Stalin", "Pyongyang", "zanzibarian", "quixotical", "1950"]


def _answers(root: Path) -> list:
    con = search_versions.open_index(root)
    assert con is not None
    got = []
    for q in WORDS:
        r = si.search(con, q, limit=1000)
        got.append((q, r.total, sorted(h.iri for h in r.hits), r.facets,
                    sorted((e.iri, e.label, e.kind, e.documents) for e in r.entities)))
    con.close()
    return got


def _page(corpus: Path, n: int) -> Path:
    """The n-th page with a "Synthetic ..." line (the generator's layouts differ)."""
    return [p for p in sorted(corpus.glob("synth-*.txt")) if "\nSynthetic " in p.read_text()][n]


def _edit(page: Path, word: str) -> None:
    text = page.read_text()
    page.write_text(text.replace("\nSynthetic ", f"\nA {word} word, added later. Synthetic ", 1))


@pytest.fixture()
def corpus_out(tmp_path: Path):
    corpus = tmp_path / "corpus"
    write_corpus(corpus, count=12, seed=8)
    settings = Settings.from_env(out_dir=tmp_path / "var")
    assert build([corpus], settings=settings, progress=False, workers=1).ok
    return corpus, settings, tmp_path / "var"


def test_derived_versions_share_one_index_and_old_answers_never_change(corpus_out) -> None:
    corpus, settings, out = corpus_out
    v1 = OutDir(out).current().root
    first = _answers(v1)
    _edit(_page(corpus, 0), "zanzibarian")
    assert build([corpus], settings=settings, progress=False, workers=1).ok
    v2 = OutDir(out).current().root
    index1, index2 = search_versions.pointer(v1), search_versions.pointer(v2)
    assert index1 is not None and index2 is not None
    assert index1[0] == index2[0] and index2[1] == index1[1] + 1  # the same file, the next version
    assert _answers(v1) == first  # the old version finds what it found
    found = dict((a[0], a[1]) for a in _answers(v2))
    assert found["zanzibarian"] == 1 and dict((a[0], a[1]) for a in first)["zanzibarian"] == 0
    _edit(_page(corpus, 1), "quixotical")
    assert build([corpus], settings=settings, progress=False, workers=1).ok
    v3 = OutDir(out).current().root
    assert _answers(v1) == first and dict((a[0], a[1]) for a in _answers(v3))["quixotical"] == 1
    assert dict((a[0], a[1]) for a in _answers(v3))["zanzibarian"] == 1
    assert [p.name for p in (out / "search").glob("*.sqlite")] == [index1[0].name]


def test_a_failed_build_leaves_no_rows_visible(corpus_out, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus, settings, out = corpus_out
    v1 = OutDir(out).current().root
    first = _answers(v1)
    _edit(_page(corpus, 2), "zanzibarian")

    def broken(*_a, **_k):
        raise BuildError("killed before the switch")

    monkeypatch.setattr(kg.build, "_publish", broken)
    with pytest.raises(BuildError):
        build([corpus], settings=settings, progress=False, workers=1)
    monkeypatch.undo()
    assert OutDir(out).current().root == v1 and _answers(v1) == first
    _edit(_page(corpus, 3), "quixotical")
    assert build([corpus], settings=settings, progress=False, workers=1).ok
    now = dict((a[0], a[1]) for a in _answers(OutDir(out).current().root))
    assert now["zanzibarian"] == 1 and now["quixotical"] == 1
    assert _answers(v1) == first
    scratch = build([corpus], settings=Settings.from_env(out_dir=out.parent / "scratch"), progress=False, workers=1)
    assert scratch.ok and _answers(OutDir(out).current().root) == _answers(OutDir(out.parent / "scratch").current().root)


def test_a_restored_version_gets_its_own_index_file(corpus_out) -> None:
    corpus, settings, out = corpus_out
    v1 = OutDir(out).current().root
    _edit(_page(corpus, 4), "zanzibarian")
    assert build([corpus], settings=settings, progress=False, workers=1).ok
    v2 = OutDir(out).current().root
    second = _answers(v2)
    restore_version(v1.name, settings)
    _edit(_page(corpus, 5), "quixotical")
    assert build([corpus], settings=settings, progress=False, workers=1).ok
    v3 = OutDir(out).current().root
    assert search_versions.pointer(v3)[0] != search_versions.pointer(v2)[0]  # type: ignore[index]
    assert _answers(v2) == second
    now = dict((a[0], a[1]) for a in _answers(v3))
    assert now["quixotical"] == 1 and now["zanzibarian"] == 1  # the page's file still says it
