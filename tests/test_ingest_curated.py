"""The record format for hand-curated documents (kg.ingest.curated, docs/record-format.md)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import yaml

from kg.errors import IngestError
from kg.ingest import parse_file
from kg.ingest.curated import SCHEMA, parse_curated

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures" / "curated"
LETTER = FIX / "example-letter.yaml"
NOTE = FIX / "example-note.json"


def test_yaml_record_fields() -> None:
    rec = parse_file(LETTER)
    assert rec.source_format == "curated-yaml"
    assert rec.source_path == "tests/fixtures/curated/example-letter.yaml"
    assert rec.doc_id == "example-letter-ivanov-petrov-1951" and rec.kind == "letter"
    assert rec.date == dt.date(1951, 3, 2) and rec.handwritten_dates == [dt.date(1951, 3, 4)]
    (s,) = rec.senders
    assert (s.written, s.name, s.identified_as) == ("Ivanov (Orlov)", "Ivanov", "Orlov")  # same parser as pages
    r1, r2 = rec.recipients
    assert (r1.name, r1.honorific, r2.name, r2.kind) == ("Petrov", "Cde.", "the Soviet Ambassador, Peking", "office")
    assert [v.name for v in rec.via] == ["Sidorov"] and [s.name for s in rec.signatories] == ["IVANOV"]
    sent, dec = rec.events
    assert (sent.kind, sent.date, sent.time, sent.clock, sent.means) == (
        "sent", dt.date(1951, 3, 2), dt.time(21, 40), "Moscow time", "by wire")
    assert (dec.kind, dec.time, dec.agent.name) == ("deciphered", dt.time(2, 5), "Lebedeva")
    assert rec.copies_made == 3 and [(e.recipient.name, e.copies) for e in rec.distribution] == [
        ("Petrov", 2), ("file", 1)]
    assert not rec.flags  # 2 + 1 == 3
    assert rec.classification == ["Top Secret"]
    (c,) = rec.citations
    assert (c.repository, c.fond, c.opis, c.delo, c.folios) == ("APRF", "99", "1", "2", "3-4")
    assert rec.citation_verbatim == "APRF, 99, 1, 2, 3-4" or rec.citation_verbatim.startswith("APRF")
    assert [t.name for t in rec.translators] == ["A. Example"]


def test_body_spans_point_into_the_body() -> None:
    rec = parse_file(LETTER)
    assert rec.text == rec.body and rec.body_span is not None
    kinds = [(n.kind, n.text) for n in rec.notes]
    assert ("gloss", "Beijing") in kinds and ("transliteration", "soglasovano") in kinds
    assert ("elision", "...") in kinds and ("handwritten", "4 March 1951") in kinds
    for n in rec.notes:
        assert rec.quote(n.span) == n.verbatim
    got = {(m.text, m.kind) for m in rec.mentions}
    assert {("PETROV", "person"), ("PEKING", "place"), ("shipment", "organization")} <= got
    for m in rec.mentions:
        assert rec.quote(m.span) == m.text
    assert sum(1 for m in rec.mentions if m.text == "PETROV") == 1  # declared and found: one mention


def test_json_record() -> None:
    rec = parse_curated(NOTE)
    assert rec.source_format == "curated-json"
    assert rec.recipients[0].kind == "office"
    assert rec.citations[0].papka == "2"
    assert [(n.kind, n.target) for n in rec.notes] == [("gloss", "3.7.52")]
    assert {m.text for m in rec.mentions} == {"Egorov", "PYONGYANG"}


def _write(tmp_path: Path, text: str, name: str = "r.yaml") -> Path:
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    return f


BASE = "doc_id: x-1\ntitle: A title\nkind: letter\n"


@pytest.mark.parametrize(("extra", "field", "line", "words"), [
    ("date: 1950-13-45\n", "date", 4, "impossible date"),
    ("date: 26.9.50\n", "date", 4, "does not match"),
    ("date: 1950-02-30\n", "date", 4, "impossible date"),
    ("copies_made: -1\n", "copies_made", 4, "minimum"),
    ("copies_made: ten\n", "copies_made", 4, "not of type"),
    ("senders: Stalin\n", "senders", 4, "not of type"),
    ("events:\n  - kind: sent\n    time: 8:10\n", "events[0].time", 6, "not of type"),  # YAML 1.1 reads 8:10 as 490
    ("events:\n  - kind: sent\n    time: '25:10'\n", "events[0].time", 6, "impossible time"),
    ("events:\n  - kind: shouted\n", "events[0].kind", 5, "is not one of"),
    ("distribution:\n  - {to: Stalin, copies: 0}\n", "distribution[0].copies", 5, "minimum"),
    ("colour: red\n", "(record)", 1, "colour"),
    ("citations:\n  - {fond: '3'}\n", "citations[0]", 5, "repository"),
    ("mentions:\n  - {text: Nowhere, kind: place}\nbody: some text\n", "mentions[0].text", 5, "does not occur"),
])
def test_wrong_field_names_file_line_field(tmp_path: Path, extra: str, field: str, line: int, words: str) -> None:
    f = _write(tmp_path, BASE + extra)
    with pytest.raises(IngestError) as ei:
        parse_curated(f)
    e = ei.value
    assert e.field == field, str(e)
    assert e.line == line, str(e)
    assert words in str(e)
    assert str(e).startswith(f"{f}:{line} [{field}]")


def test_missing_required_field(tmp_path: Path) -> None:
    f = _write(tmp_path, "doc_id: x-1\nkind: letter\n")
    with pytest.raises(IngestError, match="'title' is a required property"):
        parse_curated(f)


def test_every_wrong_field_is_listed(tmp_path: Path) -> None:
    f = _write(tmp_path, BASE + "date: 1950-99-01\ncopies_made: 0\nsenders: [1]\n")
    with pytest.raises(IngestError) as ei:
        parse_curated(f)
    msg = str(ei.value)
    for part, line in (("date", 4), ("copies_made", 5), ("senders[0]", 6)):
        assert re.search(rf"^(?:.*\]: )?{re.escape(part)}: .*\(line {line}\)$", msg, re.M), msg


@pytest.mark.parametrize(("text", "suffix", "line"), [
    ("{", ".json", 1), ('{"doc_id": "x",\n "title": }', ".json", 2), ("doc_id: [\n", ".yaml", 2),
    ("- a\n- b\n", ".yaml", 1), ("a: &x 1\nb: *x\n", ".yaml", 2), ("!!python/object/apply:os.system ['echo']", ".yaml", 1),
])
def test_malformed_files(tmp_path: Path, text: str, suffix: str, line: int) -> None:
    f = _write(tmp_path, text, "bad" + suffix)
    with pytest.raises(IngestError) as ei:
        parse_curated(f)
    assert ei.value.line == line and str(f) in str(ei.value)


def test_json_errors_have_lines_too(tmp_path: Path) -> None:
    f = _write(tmp_path, json.dumps({"doc_id": "x-1", "title": "t", "kind": "letter", "copies_made": "3"}, indent=1),
               "r.json")
    with pytest.raises(IngestError) as ei:
        parse_curated(f)
    assert ei.value.field == "copies_made" and ei.value.line == 5


def test_schema_is_documented() -> None:
    doc = (ROOT / "docs" / "record-format.md").read_text(encoding="utf-8")
    for key in SCHEMA["properties"]:
        assert f"`{key}`" in doc, key
    yaml.safe_load(LETTER.read_text(encoding="utf-8"))  # the example is plain YAML


def test_conversation_diary_clock_and_publication_fields(tmp_path: Path) -> None:
    f = _write(tmp_path, """\
doc_id: conv-example
title: From the Diary of P. F. Vetrov, Record of Conversation with Mao Zedong
kind: record of conversation
date: 1958-04-19
conversation_date: 1958-04-05
author: P. F. Vetrov
participants: [P. F. Vetrov, Mao Zedong, {name: Li Example, role: interpreter}]
incomplete: true
events:
  - {kind: sent, date: 1958-04-19, time: "08:10", clock_place: Pyongyang}
  - {kind: forwarded, date: 1958-04-19, time: "03:00", clock_place: Moscow, place: 8th Department}
citations:
  - {kind: publication, collection: "Invented Documents, vol. 2 (Moscow: Test Press, 2005)"}
  - {repository: AVPRF, fond: "0100", item: "12", note: Opis not given}
""")
    rec = parse_curated(f)
    assert rec.conversation_date == dt.date(1958, 4, 5) and rec.author is not None and rec.author.name == "P. F. Vetrov"
    assert [(p.name, p.role) for p in rec.participants] == [("P. F. Vetrov", None), ("Mao Zedong", None),
                                                              ("Li Example", "interpreter")]
    assert rec.incomplete
    assert [(e.kind, e.clock_place, e.utc_offset) for e in rec.events] == [("sent", "Pyongyang", 540),
                                                                            ("forwarded", "Moscow", 180)]
    pub, avp = rec.citations
    assert pub.kind == "publication" and pub.repository is None
    assert (avp.repository, avp.item, avp.note) == ("AVPRF", "12", "Opis not given")


def test_citation_without_repository_must_be_a_publication(tmp_path: Path) -> None:
    f = _write(tmp_path, "doc_id: x\ntitle: T\nkind: note\ncitations:\n  - {collection: Some papers}\n")
    with pytest.raises(IngestError) as ei:
        parse_curated(f)
    assert ei.value.field == "citations[0]" and "repository" in str(ei.value)


@pytest.mark.parametrize(("written", "precision", "partial", "season", "approx", "edtf"), [
    ("1956-10", "month", "1956-10", None, False, "1956-10"),
    ("1956", "year", "1956", None, False, "1956"),
    ("1983-21", "year", "1983", 21, False, "1983-21"),
    ("1950~", "year", "1950", None, True, "1950~"),
    ("1975-05~", "month", "1975-05", None, True, "1975-05~"),
    ("195X", "decade", "195X", None, False, "195X"),
    ("196X~", "decade", "196X", None, True, "196X~"),
])
def test_a_record_dated_to_the_month_season_or_year(tmp_path: Path, written: str, precision: str, partial: str,
                                                     season: int | None, approx: bool, edtf: str) -> None:
    """A curated record takes a date as precise as its source: `date: 1956-10`, `date: 1956` (YAML's number)."""
    p = tmp_path / "r.yaml"
    p.write_text(f"doc_id: t-partial\ntitle: An invented record\nkind: letter\ndate: {written}\n", encoding="utf-8")
    rec = parse_curated(p)
    assert rec.date is None
    assert (rec.date_precision, rec.date_partial, rec.date_season, rec.date_approximate, rec.date_edtf) == (
        precision, partial, season, approx, edtf)


def test_a_record_with_an_impossible_month_names_the_field(tmp_path: Path) -> None:
    p = tmp_path / "r.yaml"
    p.write_text("doc_id: t-bad\ntitle: An invented record\nkind: letter\ndate: 1956-13\n", encoding="utf-8")
    with pytest.raises(IngestError) as e:
        parse_curated(p)
    assert e.value.field == "date" and e.value.line == 4
