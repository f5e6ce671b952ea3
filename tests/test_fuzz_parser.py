"""Property-based and mutation fuzzing of the page parser (``kg.ingest.wilson.parse_page``) and the record format
(``kg.ingest.curated.parse_curated``): whatever the input, the result is a record whose spans point into its text,
or an ``IngestError`` that names the file. Never another exception, never a hang.

Mutations start from the real pages in ``data/documents/wilson`` (and any curated record in
``data/documents/curated``): lines deleted, duplicated, swapped, truncated, header-like lines with impossible
values, markup and control characters inserted, encodings of line ends changed."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import IngestError
from kg.ingest import curated as curated_format
from kg.ingest import wilson
from kg.records import DocumentRecord, Span
from tests.conftest import DATA, SHARED

FUZZ = settings(max_examples=1500, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])

PAGES = sorted((DATA / "documents" / "wilson").glob("*.txt")) or sorted((SHARED / "corpus" / "seeds").glob("*.txt"))
SEEDS = [p.read_text(encoding="utf-8") for p in PAGES[:6]]

HOSTILE_LINES = [
    "Sent on 99.99.99 at 25:61 p.m., by wire", "Received in Moscow on 31.2.50 at 8:101 a.m.",
    "Number of copies made - -1", "Number of copies made - 99999999999999999999999999",
    "Distribution List:", "Distribution List:\n,,,- - -,", "Deciphered by  on  at ", "From ", "To:", "[", "]", "[[[",
    "[Translator's note:", "Ciphered Telegram No.", "# /sh", "Record ID", "Original Uploaded Date",
    "Citation", "Top Secret", "September 31, 1950", "0000-00-00", "<script>alert(1)</script>", "\x00", "\u202e",
    "\ufeff", "\r", "\t\t\t", "e\u0301" * 50, "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "A" * 5000, "\n" * 50, "APRF, fond , opis , delo , listy .",
]


def event(label: str) -> None:
    """Count outcomes in hypothesis' statistics (``--hypothesis-show-statistics``); a no-op outside @given."""
    from hypothesis import event as hyp_event
    from hypothesis.control import currently_in_test_context

    if currently_in_test_context():
        hyp_event(label)


def _lines(s: str) -> list[str]:
    return s.split("\n")


@st.composite
def mutated_page(draw: st.DrawFn) -> str:
    lines = _lines(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["delete", "dup", "swap", "insert", "hostile", "char", "truncate", "crlf",
                                   "strip", "upper"]))
        if not lines:
            lines = [""]
        i = draw(st.integers(0, len(lines) - 1))
        if op == "delete":
            del lines[i]
        elif op == "dup":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "insert":
            lines.insert(i, draw(st.text(max_size=80)))
        elif op == "hostile":
            lines.insert(i, draw(st.sampled_from(HOSTILE_LINES)))
        elif op == "char" and lines[i]:
            k = draw(st.integers(0, len(lines[i]) - 1))
            lines[i] = lines[i][:k] + draw(st.text(min_size=0, max_size=3)) + lines[i][k + 1:]
        elif op == "truncate":
            lines = lines[:i]
        elif op == "crlf":
            lines = [line + "\r" for line in lines]
        elif op == "strip":
            lines[i] = lines[i].strip()
        elif op == "upper":
            lines[i] = lines[i].upper()
    return "\n".join(lines)


def spans_of(value: Any, where: str = "record") -> list[tuple[str, Span]]:
    """Every Span anywhere in a record."""
    found: list[tuple[str, Span]] = []
    if isinstance(value, Span):
        found.append((where, value))
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            found += spans_of(getattr(value, f.name), f"{where}.{f.name}")
    elif isinstance(value, list | tuple):
        for i, v in enumerate(value):
            found += spans_of(v, f"{where}[{i}]")
    return found


def check_record(rec: Any, path: str) -> None:
    assert isinstance(rec, DocumentRecord), type(rec)
    n = len(rec.text)
    for where, span in spans_of(rec):
        assert 0 <= span.start <= span.end <= n, f"{path}: {where} = {span} outside the text (length {n})"
    # a flag's line is a line of the source file (kg.records.Flag): the page itself, or a curated record's file,
    # whose text field is only the document's body
    source_lines = rec.text.count("\n") + 1
    if rec.source_format != "wilson-page" and Path(path).is_file():
        source_lines = Path(path).read_text(encoding="utf-8").count("\n") + 1
    for flag in rec.flags:
        assert flag.field and flag.message, flag
        if flag.line is not None:
            assert 1 <= flag.line <= source_lines, flag
    json.dumps(rec.to_json(), ensure_ascii=False)  # the record always serialises


def check_error(e: IngestError, path: str) -> None:
    assert str(e).startswith(path) and e.message, str(e)


def parse(text: str, path: str = "fuzz/page.txt") -> None:
    try:
        rec = wilson.parse_page(text, path=path)
    except IngestError as e:
        event("page refused")
        check_error(e, path)
    else:
        event("page accepted" + (" with flags" if rec.flags else ""))
        check_record(rec, path)


def test_seed_pages_parse() -> None:
    assert SEEDS, "no seed pages found"
    for p, text in zip(PAGES, SEEDS, strict=False):
        rec = wilson.parse_page(text, path=str(p))
        check_record(rec, str(p))
        assert rec.title and rec.body


@FUZZ
@given(mutated_page())
def test_mutated_pages(text: str) -> None:
    parse(text)


@settings(max_examples=400, deadline=None, database=None)
@given(st.text(max_size=2000))
def test_arbitrary_text(text: str) -> None:
    parse(text)


@settings(max_examples=200, deadline=None, database=None)
@given(st.lists(st.sampled_from(HOSTILE_LINES), max_size=40))
def test_header_soup(lines: list[str]) -> None:
    parse("\n".join(lines))


@pytest.mark.timeout(60)
def test_big_page_is_linear_enough() -> None:
    """A page 200 times the size of a seed (or 2 MB of one repeated line) parses or fails cleanly; a quadratic
    parser stalls and fails on the test's time-out."""
    for text in (SEEDS[0] * 200, ("Distribution List: " + "Stalin - 2, " * 200_000)):
        parse(text)


# -- the record format (curated YAML/JSON) ------------------------------------------------------------------------

def _curated():
    return curated_format


def _base_records() -> list[dict]:
    base: list[dict] = []
    examples = [*sorted((DATA / "documents" / "curated").glob("*")),
                *sorted((DATA.parent / "tests" / "fixtures" / "curated").glob("*"))]
    for p in examples:
        if p.suffix in (".yaml", ".yml"):
            base.append(yaml.safe_load(p.read_text(encoding="utf-8")))
        elif p.suffix == ".json":
            base.append(json.loads(p.read_text(encoding="utf-8")))
    if base:  # real records of the format: mutate those
        return [b for b in base if isinstance(b, dict)]
    for text, p in zip(SEEDS[:2], PAGES[:2], strict=False):
        try:
            rec = wilson.parse_page(text, path=str(p))
        except IngestError:
            continue
        d = rec.to_json()
        d["text"] = rec.text
        base.append(d)
    return [b for b in base if isinstance(b, dict)] or [{"doc_id": "x", "title": "t"}]


BASES = _base_records()
ODD_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30),
    st.sampled_from(["1950-13-45", "1950-02-30", "-1", "", "\x00", "[1, 2]", "<script>", "9" * 400]),
    st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
    st.builds(lambda: [5, 2]), st.builds(lambda: [-1, 10**9]),  # fresh lists: mutations change them in place
)


@st.composite
def mutated_record(draw: st.DrawFn) -> Any:
    rec = json.loads(json.dumps(draw(st.sampled_from(BASES)), default=str))

    def pick_container(node: Any, depth: int = 0) -> Any:
        kids = [v for v in (node.values() if isinstance(node, dict) else node) if isinstance(v, dict | list) and v]
        if kids and depth < 4 and draw(st.booleans()):
            return pick_container(draw(st.sampled_from(kids)), depth + 1)
        return node

    for _ in range(draw(st.integers(1, 5))):
        node = pick_container(rec)
        if isinstance(node, dict) and node:
            key = draw(st.sampled_from(sorted(node)))
            op = draw(st.sampled_from(["delete", "replace", "add"]))
            if op == "delete":
                del node[key]
            elif op == "replace":
                node[key] = draw(ODD_VALUES)
            else:
                node[draw(st.text(max_size=10))] = draw(ODD_VALUES)
        elif isinstance(node, list) and node:
            i = draw(st.integers(0, len(node) - 1))
            node[i] = draw(ODD_VALUES)
    return rec


def _curated_case(tmp_path: Path, content: str, suffix: str) -> None:
    curated = _curated()
    f = tmp_path / f"fuzz{suffix}"
    f.write_text(content, encoding="utf-8")
    try:
        rec = curated.parse_curated(f)
    except IngestError as e:
        event("record refused")
        assert str(f) in str(e) or f.name in str(e), str(e)
        assert e.message
    else:
        event("record accepted")
        check_record(rec, str(f))


@settings(max_examples=800, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(rec=mutated_record(), as_yaml=st.booleans())
def test_mutated_records(tmp_path: Path, rec: Any, as_yaml: bool) -> None:
    if as_yaml:
        _curated_case(tmp_path, yaml.safe_dump(rec, allow_unicode=True), ".yaml")
    else:
        _curated_case(tmp_path, json.dumps(rec, ensure_ascii=False, default=str), ".json")


@settings(max_examples=300, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=st.one_of(st.text(max_size=500), st.sampled_from([
    "", "---", "- a\n- b", "!!python/object/apply:os.system ['echo pwned']", "a: !!binary AAAA", "{", "[1, 2",
    "doc_id: [", "\x00", "a: &x 1\nb: *y", "? [a]\n: b", "%YAML 9.9\n---\na: 1", "null", "1950-01-01",
])), suffix=st.sampled_from([".yaml", ".json"]))
def test_arbitrary_record_files(tmp_path: Path, text: str, suffix: str) -> None:
    _curated_case(tmp_path, text, suffix)


@pytest.mark.timeout(60)
def test_yaml_alias_bomb_is_bounded(tmp_path: Path) -> None:
    """'Billion laughs' in YAML: nine levels of ten aliases each. Refused or read in bounded time (the test's
    time-out) and memory."""

    lines = ['a0: &a0 ["lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    lines.append("title: *a9")
    _curated_case(tmp_path, "\n".join(lines) + "\n", ".yaml")

