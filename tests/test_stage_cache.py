"""The build's cache is staged and keyed by what runs: a comment changes nothing, a parser change re-maps only the
pages whose record changed, a mapping change re-maps every page; and each result equals a build from scratch.

The code a fingerprint is computed from is a copy of ``kg/`` (``kg.code_digest.KG`` pointed at it), edited the way a
developer would; the running code is changed to match (the parser by a wrapper that alters one page's record)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg import build_workers as bw
from kg import code_digest
from kg.build import build
from kg.config import Settings
from kg.layout import OutDir
from kg.synth import write_corpus
from tests.test_build_derived import _dump, _quads

KG = Path(code_digest.__file__).resolve().parent


def test_comments_docstrings_and_layout_do_not_count_but_code_does() -> None:
    src = 'def f(x):\n    """What f does."""\n    return x + 1  # one more\n'
    same = '# a comment\ndef f(x):\n    """What f does, said otherwise\n    on two lines."""\n\n    return (x +\n            1)\n'
    assert code_digest.normalized(src) == code_digest.normalized(same)
    assert code_digest.normalized(src) == code_digest.normalized("def f(x):\n    return x + 1\n")
    assert code_digest.normalized(src) != code_digest.normalized(src.replace("x + 1", "x + 2"))
    assert code_digest.normalized(src) != code_digest.normalized(src.replace("return x + 1", "return 'x + 1'"))
    only_doc = code_digest.normalized('def g():\n    """Nothing."""\n')
    assert only_doc == code_digest.normalized("def g():\n    pass\n")


def test_each_stage_runs_the_modules_its_entries_import() -> None:
    parse = {str(p.relative_to(KG)) for p in bw.parse_code()}
    page = {str(p.relative_to(KG)) for p in bw.page_code()}
    assert {"ingest/__init__.py", "ingest/wilson/body.py", "ingest/curated.py", "records.py"} <= parse
    assert not any(p.startswith(("mapping", "quads", "validate", "build_workers")) for p in parse)
    # mapping and what it imports (participation.py: not in the old hand-made list), up to the record
    assert {"mapping.py", "participation.py", "quads.py", "validate.py", "recognize/rules.py",
            "authorities/resolution.py", "records.py", "build_workers.py", "stage_keys.py"} <= page
    assert not any(p.startswith("ingest/") for p in page)
    assert not page & {"store.py", "dump_parts.py", "search_index.py", "search_versions.py", "build.py"}


def _copy_code(tmp: Path) -> Path:
    dest = tmp / "code" / "kg"
    shutil.copytree(KG, dest, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return dest


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _entries(out: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in (out / "cache" / "documents").rglob("*") if p.is_file()}


def _same_publication(a: Path, b: Path) -> None:
    assert _quads(a) == _quads(b)
    for name in ("dataset.nq.gz", "dataset.nt.gz", "dataset.ttl", "unreconciled.tsv", "validation-report.txt"):
        assert _dump(a, name) == _dump(b, name), name


def test_a_code_change_rebuilds_only_what_it_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code = _copy_code(tmp_path)
    monkeypatch.setattr(code_digest, "KG", code)
    corpus = tmp_path / "corpus"
    write_corpus(corpus, count=12, seed=5)
    var = tmp_path / "var"
    settings = Settings.from_env(out_dir=var)

    def run(out: Path = var):
        got = build([corpus], settings=Settings.from_env(out_dir=out), progress=False, workers=1)
        assert got.ok
        return OutDir(out).current().manifest()

    first = run()
    assert first["counts"]["processed"] == 12
    fps = bw.fingerprints(settings, Path(settings.data_dir) / "authorities", "")
    entries = _entries(var)
    assert len(entries) == 12

    # 1. comments, docstrings, blank lines in the parser and in the mapping: nothing is read or mapped again
    _edit(code / "mapping.py", '"""', '"""A docstring said otherwise.\n\n')
    _edit(code / "mapping.py", "\nimport re\n", "\nimport re  # regular expressions\n\n\n")
    _edit(code / "ingest" / "wilson" / "body.py", "\nfrom ", "\n# parsing the body\nfrom ")
    assert bw.fingerprints(settings, Path(settings.data_dir) / "authorities", "") == fps
    second = run()
    assert second["derived_from"] == first["id"]
    assert second["counts"]["processed"] == 0 and second["counts"]["names_read"] == 0
    assert _entries(var) == entries  # every cache entry kept, none written

    # 2. new parser code that changes one page's record: every page is parsed again, one is mapped again
    _edit(code / "ingest" / "common.py", "\nimport re\n", "\nimport re\n\nREVISION = 2\n")
    new_fps = bw.fingerprints(settings, Path(settings.data_dir) / "authorities", "")
    assert new_fps.page == fps.page and new_fps.parse != fps.parse
    import kg.ingest

    parse_file = kg.ingest.parse_file
    target = sorted(corpus.glob("synth-*.txt"))[3]

    def revised(path):
        rec = parse_file(path)
        if Path(path).name == target.name:
            rec.title = (rec.title or "") + " (revised reading)"
        return rec

    monkeypatch.setattr(kg.ingest, "parse_file", revised)
    import kg.authorities.merge as merge

    recognized: list[str] = []
    person_names = merge.person_names

    def counted(rec, *args, **kwargs):
        recognized.append(rec.doc_id)
        return person_names(rec, *args, **kwargs)

    monkeypatch.setattr(merge, "person_names", counted)
    third = run()
    assert third["derived_from"] == second["id"]
    assert third["counts"]["names_read"] == 12  # parsed again
    assert len(recognized) == 1  # names recognized again: only in the page whose record changed
    assert third["counts"]["processed"] == 1 and third["counts"]["cached"] == 11  # mapped again: the one page
    assert any("(revised reading)" in q for q in _quads(var))
    monkeypatch.setattr(merge, "person_names", person_names)
    run(tmp_path / "scratch")  # the same code from scratch
    _same_publication(var, tmp_path / "scratch")

    # 3. a mapping change (any statement): every page mapped again
    _edit(code / "mapping.py", "\nimport datetime as dt\n", "\nimport datetime as dt\n\nREVISION = 2\n")
    assert bw.fingerprints(settings, Path(settings.data_dir) / "authorities", "").page != fps.page
    fourth = run()
    assert fourth["derived_from"] is None and fourth["counts"]["processed"] == 12
    _same_publication(var, tmp_path / "scratch")
