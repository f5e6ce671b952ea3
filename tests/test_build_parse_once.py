"""A build from scratch parses each page once and recognizes its names once: the names pass (kg.page_names) keeps
the records it parsed with the names the recognizer found, and the process stage maps those instead of parsing and
recognizing the pages again (the names are resolved again, with the merges decided in between). The output is the
same as with a second parse. The names are invented for these tests."""

from __future__ import annotations

import gzip
import re
from collections import Counter
from pathlib import Path

import pytest

import kg.build_workers as bw
import kg.ingest
import kg.recognize
from kg.build import build
from kg.config import Settings
from kg.dump_parts import read_dump
from kg.layout import OutDir
from tests.test_build_derived import _dump, _quads
from tests.test_build_merge_derived import AUTH_DIR, PAGES, _merged, _write
from tests.test_search_index_derived import _tables


def _counting(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    calls: Counter[str] = Counter()
    real = kg.ingest.parse_file

    def parse_file(path: Path):  # noqa: ANN202
        calls[Path(path).name] += 1
        return real(path)

    monkeypatch.setattr(kg.ingest, "parse_file", parse_file)
    return calls


def _counting_recognitions(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Calls of the recognizer, by the text it read (a page's body)."""
    calls: Counter[str] = Counter()
    real = kg.recognize.recognize_text

    def recognize_text(text: str, known=()):  # noqa: ANN001, ANN202
        calls[text] += 1
        return real(text, known)

    monkeypatch.setattr(kg.recognize, "recognize_text", recognize_text)
    return calls


def _run(src: Path, out: Path, data: Path):  # noqa: ANN202
    settings = Settings.from_env(out_dir=out, data_dir=data)
    return build([src], settings=settings, progress=False, authorities_dir=AUTH_DIR, workers=1, keep_going=True)


def _raw(out: Path, name: str) -> str:
    """A dump as written, in its order (blank node labels aside: the ontology's differ between any two builds)."""
    data = read_dump(OutDir(out).current().dumps, name)
    return re.sub(r"_:[A-Za-z0-9]+", "_:b", (gzip.decompress(data) if name.endswith(".gz") else data).decode())


def test_a_build_from_scratch_parses_each_page_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src, data = tmp_path / "src", tmp_path / "data"
    src.mkdir()
    for name, body in PAGES.items():
        _write(src, name, body)
    (src / "bad.yaml").write_text("doc_id: note-bad\ntitle: [unclosed\n", encoding="utf-8")  # fails to parse

    calls = _counting(monkeypatch)
    recognized = _counting_recognitions(monkeypatch)
    once = _run(src, tmp_path / "once", data)
    assert once.published is not None, once.summary()  # (partial: the bad page left out)
    assert calls == Counter({f"{n}.yaml": 1 for n in PAGES} | {"bad.yaml": 2})  # a bad page: reported by the build
    # each page's names recognized once: by the names pass, and its mapping takes them from the kept record
    assert len(recognized) == len(PAGES) and set(recognized.values()) == {1}, recognized
    assert _merged(tmp_path / "once") == {"u-m-s-asimov": {"M.S. Asimov", "Asimov"}}  # the merges still apply
    assert not (OutDir(tmp_path / "once").current().root / "records").exists()  # not published

    # the same build, each page parsed a second time by the process stage (as before): the same output
    monkeypatch.setattr(bw, "_kept_record", lambda *_a: None)
    calls.clear()
    recognized.clear()
    twice = _run(src, tmp_path / "twice", data)
    assert calls == Counter({f"{n}.yaml": 2 for n in PAGES} | {"bad.yaml": 2})
    assert len(recognized) == len(PAGES) and set(recognized.values()) == {2}  # (recognized again, merges applied)
    a, b = tmp_path / "once", tmp_path / "twice"
    assert [str(p) for p, _m in once.left_out] == [str(p) for p, _m in twice.left_out] and once.left_out
    assert _quads(a) == _quads(b)
    for name in ("dataset.nq.gz", "dataset.nt.gz", "unreconciled.tsv", "validation-report.txt"):
        assert _dump(a, name) == _dump(b, name), name
    docs = "<https://w3id.org/archive-kg/graph/documents> .\n"  # the pages' statements, in the order written
    ours = [x for x in _raw(a, "dataset.nq.gz").splitlines(True) if x.endswith(docs)]
    assert ours and ours == [x for x in _raw(b, "dataset.nq.gz").splitlines(True) if x.endswith(docs)]
    ta, tb = _tables(a), _tables(b)
    assert ta == tb


def test_a_page_changed_after_the_names_pass_is_parsed_again(tmp_path: Path) -> None:
    """The kept record is found by the page's path and content: other content, no record (the page is parsed)."""
    folder = tmp_path / "records"
    folder.mkdir()
    from kg.authorities import Authorities
    from kg.authorities.merge import _names_of, record_file

    page = tmp_path / "a.yaml"
    _write(tmp_path, "a", PAGES["a"])
    got = _names_of(str(page), Authorities.load(AUTH_DIR), record_file(folder, str(page), page.read_bytes()))
    assert got["doc"] == "note-a"
    state = bw.WorkerState(settings=None, authorities=None, iris=None, context_nt="", fingerprint="",  # type: ignore[arg-type]
                           cache_dir=None, records_dir=folder)
    assert bw._kept_record(state, str(page), page.read_bytes() + b"\n") is None
    kept = bw._kept_record(state, str(page), page.read_bytes())
    assert kept is not None and kept[0].doc_id == "note-a"
    assert bw._kept_record(state, str(page), page.read_bytes()) is None  # read once
    assert len(list(folder.iterdir())) == 2  # one spool and its index for the process, not a file a page
