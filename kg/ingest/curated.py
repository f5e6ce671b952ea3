"""Hand-curated document records (YAML or JSON) -> :class:`kg.records.DocumentRecord`.

The format is documented in ``docs/record-format.md``; :data:`SCHEMA` is its JSON Schema
(``python -m kg.ingest.curated`` prints it). Every wrong field gives an :class:`IngestError` naming the file,
the line (from the YAML node marks; JSON is read through the same composer) and the field path; when
several fields are wrong, the message lists each of them on its own line.

Persons are written as in the documents ("Feng Xi (Stalin)", "FENG XI [FYN SI; Stalin]",
"the Soviet Ambassador, Peking") and read with the same name parser as archive pages. The record's
``text`` is its body, so the spans of editorial notes and mentions point into the body.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from kg.errors import IngestError
from kg.ingest.clocks import clock_offset
from kg.ingest.common import parse_name
from kg.records import (
    ArchivalCitation,
    DistributionEntry,
    DocumentRecord,
    Flag,
    HeaderEvent,
    NameRef,
    Span,
)

_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "description": "ISO date, YYYY-MM-DD"}
# the document's date, as precise as the source: a day, a month ("1956-10"), a season ("1983-21", EDTF) or a year
# ("1956"), "~" after it when approximate ("1950~")
_DOC_DATE = {"type": "string", "pattern": r"^(?:\d{4}(?:-(?:0[1-9]|1[0-2]|2[1-4])(?:-\d{2})?)?|\d{3}X)~?$",
             "description": "YYYY-MM-DD, YYYY-MM, YYYY (EDTF: a season YYYY-21..24, a decade YYYX, '~' when "
                            "approximate)"}
_TIME = {"type": "string", "pattern": r"^\d{1,2}:\d{2}(:\d{2})?$", "description": "24-hour time, HH:MM, quoted"}
_TEXT = {"type": "string", "minLength": 1, "maxLength": 200_000}
_SHORT = {"type": "string", "minLength": 1, "maxLength": 500}
_AGENT_KIND = {"enum": ["person", "organization", "office", "unknown"]}
_NAME = {
    "oneOf": [
        _SHORT,
        {"type": "object", "additionalProperties": False, "required": ["name"],
         "properties": {"name": _SHORT, "kind": _AGENT_KIND, "honorific": _SHORT, "role": _SHORT}},
    ],
    "description": 'a name as written: "Feng Xi (Stalin)", or {name: ..., kind: office}',
}
_NAMES = {"type": "array", "items": _NAME, "maxItems": 200}
_ID = {"type": "string", "pattern": r"^[a-z0-9][a-z0-9-]{0,119}$"}

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://w3id.org/archive-kg/schema/record.json",
    "title": "archive-kg hand-curated document record",
    "type": "object",
    "additionalProperties": False,
    "required": ["doc_id", "title", "kind"],
    "properties": {
        "doc_id": _ID,
        "title": _SHORT,
        "kind": {"type": "string", "pattern": r"^[a-z][a-z ]{0,60}$",
                 "description": "ciphered telegram, cable, telegram, letter, memorandum of conversation, note, ..."},
        "date": _DOC_DATE,
        "date_as_written": _SHORT,
        "handwritten_dates": {"type": "array", "items": _DATE},
        "number": _SHORT,
        "telegram_number": _SHORT,
        "senders": _NAMES,
        "recipients": _NAMES,
        "via": _NAMES,
        "signatories": _NAMES,
        "translators": _NAMES,
        "participants": _NAMES,
        "author": _NAME,
        "conversation_date": _DATE,
        "incomplete": {"type": "boolean"},
        "sent_from": _SHORT,
        "destination": _SHORT,
        "events": {"type": "array", "maxItems": 50, "items": {
            "type": "object", "additionalProperties": False, "required": ["kind"],
            "properties": {
                "kind": {"enum": ["sent", "received", "arrived", "deciphered", "typed", "issued", "forwarded", "other"]},
                "date": _DATE, "time": _TIME, "clock": _SHORT, "place": _SHORT, "agent": _NAME, "means": _SHORT,
                "clock_place": _SHORT,
                "as_written": _SHORT,
            }}},
        "copies_made": {"type": "integer", "minimum": 1, "maximum": 10_000},
        "distribution": {"type": "array", "maxItems": 500, "items": {
            "type": "object", "additionalProperties": False, "required": ["to"],
            "properties": {"to": _NAME, "copies": {"type": "integer", "minimum": 1, "maximum": 10_000},
                           "copy_number": {"type": "integer", "minimum": 1, "maximum": 10_000}}}},
        "classification": {"type": "array", "items": _SHORT},
        "body": _TEXT,
        "summary": _TEXT,
        "citation": _TEXT,
        "citations": {"type": "array", "maxItems": 20, "items": {
            "type": "object", "additionalProperties": False,
            "properties": {**{k: _SHORT for k in ("repository", "division", "collection", "identifier", "fond",
                                                   "opis", "delo", "papka", "folios", "item", "box", "note",
                                                   "as_written")},
                           "kind": {"enum": ["archive", "publication"]}}}},
        "rights": _TEXT,
        "source_url": {"type": "string", "pattern": r"^https?://\S+$", "maxLength": 2000},
        "publisher": _SHORT,
        "record_id": {"type": "string", "pattern": r"^[\w-]{1,40}$"},
        "doc_type": _SHORT,
        "language": _SHORT,
        "original_uploaded": _DATE,
        "mentions": {"type": "array", "maxItems": 2000, "items": {
            "type": "object", "additionalProperties": False, "required": ["text", "kind"],
            "properties": {"text": _SHORT, "kind": {"enum": ["person", "place", "organization"]}}}},
    },
}

_VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


class _Loader(yaml.SafeLoader):
    """Safe YAML without implicit timestamps: a date stays the string the curator wrote, so an impossible
    date ("1950-02-30") is reported as a field error instead of crashing the loader."""


_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _Marks:
    """Line numbers of the nodes of a composed YAML document, by field path."""

    def __init__(self, node: yaml.Node | None) -> None:
        self.lines: dict[tuple[Any, ...], int] = {}
        if node is not None:
            self._walk(node, ())

    def _walk(self, node: yaml.Node, path: tuple[Any, ...]) -> None:
        self.lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                key = k.value if isinstance(k, yaml.ScalarNode) else None
                self.lines[path + (key,)] = k.start_mark.line + 1
                self._walk(v, path + (key,))
                self.lines[path + (key,)] = k.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode):
            for i, v in enumerate(node.value):
                self._walk(v, path + (i,))

    def line(self, path: tuple[Any, ...]) -> int | None:
        p = tuple(path)
        while p:
            if p in self.lines:
                return self.lines[p]
            p = p[:-1]
        return self.lines.get((), None)


def _field(path: Any) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(record)"


def _plain(value: Any) -> Any:
    """YAML dates and datetimes back to ISO strings, so the schema sees what the curator wrote."""
    if isinstance(value, dict):
        return {(str(k) if not isinstance(k, str) else k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _load(path: Path, shown: str, text: str) -> tuple[Any, _Marks]:
    is_json = path.suffix.lower() == ".json"
    if is_json:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise IngestError(shown, f"bad JSON: {e.msg}", line=e.lineno) from e
        except RecursionError as e:
            raise IngestError(shown, "bad JSON: nested too deeply") from e
        try:
            node = yaml.compose(text, Loader=yaml.SafeLoader)
        except (yaml.YAMLError, RecursionError):
            node = None
        return data, _Marks(node)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                raise IngestError(shown, "YAML aliases (*name) are not allowed in records",
                                  line=event.start_mark.line + 1)
        node = yaml.compose(text, Loader=_Loader)
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except (ValueError, TypeError) as e:
        raise IngestError(shown, f"bad YAML value: {e}") from e
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise IngestError(shown, f"bad YAML: {problem}", line=mark.line + 1 if mark else None) from e
    except RecursionError as e:
        raise IngestError(shown, "bad YAML: nested too deeply") from e
    return data, _Marks(node)


def _value_errors(d: dict[str, Any]) -> list[tuple[tuple[Any, ...], str]]:
    """Dates and times that have the right shape but do not exist (1950-02-30, 25:10)."""
    out: list[tuple[tuple[Any, ...], str]] = []

    def date(path: tuple[Any, ...], v: Any) -> None:
        if isinstance(v, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
            try:
                dt.date.fromisoformat(v)
            except ValueError as e:
                out.append((path, f"impossible date {v!r} ({e})"))

    date(("date",), d.get("date"))
    date(("original_uploaded",), d.get("original_uploaded"))
    date(("conversation_date",), d.get("conversation_date"))
    hd = d.get("handwritten_dates")
    for i, v in enumerate(hd if isinstance(hd, list) else []):
        date(("handwritten_dates", i), v)
    cits = d.get("citations")
    for i, c in enumerate(cits if isinstance(cits, list) else []):
        if isinstance(c, dict) and "repository" not in c and c.get("kind") != "publication":
            out.append((("citations", i), "'repository' is a required property (unless kind: publication)"))
    evs = d.get("events")
    for i, e in enumerate(evs if isinstance(evs, list) else []):
        if not isinstance(e, dict):
            continue
        date(("events", i, "date"), e.get("date"))
        t = e.get("time")
        if isinstance(t, str) and re.fullmatch(r"\d{1,2}:\d{2}(:\d{2})?", t):
            h, m, *sec = (int(x) for x in t.split(":"))
            if h > 23 or m > 59 or (sec and sec[0] > 59):
                out.append((("events", i, "time"), f"impossible time {t!r}"))
    return out


def _date(s: str | None, field: str, shown: str, marks: _Marks, path: tuple[Any, ...]) -> dt.date | None:
    if s is None:
        return None
    try:
        return dt.date.fromisoformat(s)
    except ValueError as e:
        raise IngestError(shown, f"impossible date {s!r} ({e})", line=marks.line(path), field=field) from e


def _name(value: Any, offset_text: str | None = None) -> NameRef:
    if isinstance(value, dict):
        ref, _ = parse_name(value["name"])
        if "kind" in value:
            ref.kind = value["kind"]
        if "honorific" in value:
            ref.honorific = value["honorific"]
        if "role" in value:
            ref.role = value["role"]
    else:
        ref, _ = parse_name(value)
    ref.span = None  # the name is not part of the record's text (the body)
    return ref


def parse_curated(path: Path) -> DocumentRecord:
    """Read one curated record. Raises :class:`IngestError` naming file, line and field."""
    from kg.ingest import display_path, read_text

    path = Path(path)
    shown = display_path(path)
    text = read_text(path)
    data, marks = _load(path, shown, text)
    if not isinstance(data, dict):
        raise IngestError(shown, "a record must be a mapping of fields (see docs/record-format.md)",
                          line=1, field="(record)")
    data = _plain(data)
    if isinstance(data, dict) and isinstance(data.get("date"), int) and not isinstance(data.get("date"), bool):
        data["date"] = str(data["date"])  # "date: 1956" is a year, not a number
    found: list[tuple[tuple[Any, ...], str]] = []
    for e in _VALIDATOR.iter_errors(data):
        msg = e.message if len(e.message) < 300 else e.message[:300] + "..."
        if e.validator == "additionalProperties" and "(" in msg:
            msg = "unknown field(s): " + msg.split("(")[-1].rstrip(")")
        found.append((tuple(e.absolute_path), msg))
    found += _value_errors(data)
    if found:
        found.sort(key=lambda pe: (marks.line(pe[0]) or 0, list(map(str, pe[0]))))
        lines = []
        for p, msg in found[:20]:
            where = marks.line(p)
            lines.append(f"{_field(p)}: {msg}" + (f" (line {where})" if where else ""))
        more = f"\n... and {len(found) - 20} more" if len(found) > 20 else ""
        first = found[0][0]
        raise IngestError(shown, "\n".join(lines) + more, line=marks.line(first), field=_field(first))
    return _to_record(data, shown, path, marks)


def _to_record(d: dict[str, Any], shown: str, path: Path, marks: _Marks) -> DocumentRecord:
    body = d.get("body", "")
    fmt = "curated-json" if path.suffix.lower() == ".json" else "curated-yaml"
    rec = DocumentRecord(doc_id=d["doc_id"], source_path=shown, source_format=fmt, text=body,
                         source_url=d.get("source_url"), publisher=d.get("publisher"), record_id=d.get("record_id"))
    rec.kind = d["kind"]
    rec.title = d["title"]
    raw_date = d.get("date")
    approx = isinstance(raw_date, str) and raw_date.endswith("~")
    raw_date = raw_date.rstrip("~") if isinstance(raw_date, str) else raw_date
    if isinstance(raw_date, str) and raw_date.endswith("X"):  # "195X": the 1950s
        rec.date_precision, rec.date_partial = "decade", raw_date
    elif isinstance(raw_date, str) and len(raw_date) < 10:  # "1956-10", "1983-21" (spring), "1956": as precise as that
        year, _, sub = raw_date.partition("-")
        season = int(sub) if sub and int(sub) > 20 else None
        rec.date_precision = "month" if sub and season is None else "year"
        rec.date_partial = year if season or not sub else raw_date
        rec.date_season = season
    else:
        rec.date = _date(raw_date, "date", shown, marks, ("date",))
        rec.date_precision = "day" if rec.date else None
    rec.date_approximate = approx
    rec.date_verbatim = d.get("date_as_written") or d.get("date")
    rec.handwritten_dates = [x for i, s in enumerate(d.get("handwritten_dates", []))
                             if (x := _date(s, f"handwritten_dates[{i}]", shown, marks, ("handwritten_dates", i)))]
    rec.number = d.get("number")
    rec.telegram_number = d.get("telegram_number")
    for key in ("senders", "recipients", "via", "signatories", "translators", "participants"):
        setattr(rec, key, [_name(v) for v in d.get(key, [])])
    rec.author = _name(d["author"]) if "author" in d else None
    rec.conversation_date = _date(d.get("conversation_date"), "conversation_date", shown, marks,
                                  ("conversation_date",))
    rec.incomplete = bool(d.get("incomplete", False))
    rec.sent_from = d.get("sent_from")
    rec.destination = d.get("destination")
    for i, e in enumerate(d.get("events", [])):
        p = ("events", i)
        time = None
        if "time" in e:
            h, m, *sec = (int(x) for x in e["time"].split(":"))
            try:
                time = dt.time(h, m, sec[0] if sec else 0)
            except ValueError as err:
                raise IngestError(shown, f"impossible time {e['time']!r} ({err})", line=marks.line(p + ("time",)),
                                  field=f"events[{i}].time") from err
        ev = HeaderEvent(kind=e["kind"], verbatim=e.get("as_written", ""),
                         date=_date(e.get("date"), f"events[{i}].date", shown, marks, p + ("date",)), time=time,
                         clock=e.get("clock"), place=e.get("place"), means=e.get("means"),
                         agent=_name(e["agent"]) if "agent" in e else None)
        if e.get("clock_place"):  # the place whose local time the time reads, as the curator states it
            ev.clock_place, ev.clock_basis = e["clock_place"], "stated"
            ev.utc_offset = clock_offset(e["clock_place"], ev.date or rec.date, ev.time)
        rec.events.append(ev)
    rec.copies_made = d.get("copies_made")
    rec.distribution = [DistributionEntry(recipient=_name(x["to"]), copies=x.get("copies"),
                                          copy_number=x.get("copy_number"),
                                          verbatim=x["to"] if isinstance(x["to"], str) else x["to"]["name"])
                        for x in d.get("distribution", [])]
    rec.classification = list(d.get("classification", []))
    rec.summary = d.get("summary")
    rec.citation_verbatim = d.get("citation")
    for c in d.get("citations", []):
        verbatim = c.get("as_written") or ", ".join(
            str(c[k]) for k in ("repository", "division", "collection", "identifier", "fond", "opis", "delo",
                                "papka", "folios") if k in c)
        rec.citations.append(ArchivalCitation(verbatim=verbatim, kind=c.get("kind", "archive"), **{k: c.get(k) for k in (
            "repository", "division", "collection", "identifier", "fond", "opis", "delo", "papka", "folios", "item",
            "box", "note")}))
    if rec.citation_verbatim is None and rec.citations:
        rec.citation_verbatim = "; ".join(c.verbatim for c in rec.citations)
    rec.rights = d.get("rights")
    rec.doc_type = d.get("doc_type")
    rec.language = d.get("language")
    rec.original_uploaded = _date(d.get("original_uploaded"), "original_uploaded", shown, marks,
                                  ("original_uploaded",))
    # body: editorial notes and mentions, spans into the body (the record's text)
    if body:
        from kg.ingest.wilson import _Parser

        rec.body, rec.body_span = body, Span(0, len(body))
        p = _Parser(body, shown, None)
        p.notes(rec, 0, len(p.lines))
        p.mentions(rec)
        rec.flags.extend(p.flags)
        rec.handwritten_dates = list(dict.fromkeys(rec.handwritten_dates))
    declared = d.get("mentions", [])
    if declared:
        from kg.records import Mention

        have = {(m.text, m.kind) for m in rec.mentions}
        for i, m in enumerate(declared):
            at = [x.start() for x in re.finditer(re.escape(m["text"]), body)]
            if not at:
                raise IngestError(shown, f"mention {m['text']!r} does not occur in the body",
                                  line=marks.line(("mentions", i)), field=f"mentions[{i}].text")
            for a in at:
                if (m["text"], m["kind"]) in have and any(x.span.start == a for x in rec.mentions):
                    continue
                rec.mentions.append(Mention(text=m["text"], kind=m["kind"], span=Span(a, a + len(m["text"]))))
        rec.mentions.sort(key=lambda x: x.span.start)
    counts = [e.copies for e in rec.distribution]
    if rec.copies_made is not None and counts and all(c is not None for c in counts):
        total = sum(c for c in counts if c is not None)
        if total != rec.copies_made:
            rec.flags.append(Flag(field="distribution", line=marks.line(("distribution",)), verbatim=str(total),
                                  message=f"distribution copies add up to {total}, copies made is {rec.copies_made}"))
    return rec


if __name__ == "__main__":  # print the JSON Schema
    json.dump(SCHEMA, sys.stdout, indent=2)
    sys.stdout.write("\n")
