"""Reading the authority files (``data/authorities/*.yaml``) with validation: a bad file raises
:class:`kg.errors.IngestError` naming the file, line and field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from kg.authorities.model import (
    DATE_RE,
    FILE_TYPES,
    LANG_RE,
    QID_RE,
    AliasEntry,
    Entity,
    Label,
    OfficeTerm,
    Role,
    date_bound,
)
from kg.authorities.names import match_key
from kg.errors import IngestError
from kg.iris import KEY_RE

ENTITY_FIELDS = {
    "key", "label", "description", "family_names", "part_of", "wikidata", "wikidata_source", "source",
    "variants", "misspellings", "aliases", "roles", "holders", "notes",
}
LABEL_FIELDS = {"text", "lang", "note", "derived", "confidence"}
ALIAS_FIELDS = {"label", "lang", "note", "source"}
ROLE_FIELDS = {"title", "start", "end", "organization", "note"}
TERM_FIELDS = {"person", "start", "end"}


# ------------------------------------------------------------------------------------------------ loading


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps each mapping's start line and each value's line (1-based)."""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> dict[str, Any]:
    loader.flatten_mapping(node)
    result: _LineDict = _LineDict()
    result.line = node.start_mark.line + 1
    for knode, vnode in node.value:
        k = loader.construct_object(knode, deep=True)
        if k in result:
            raise IngestError("", f"duplicate field {k!r}", line=knode.start_mark.line + 1, field=str(k))
        result[k] = loader.construct_object(vnode, deep=True)
        result.lines[k] = vnode.start_mark.line + 1
    return result


class _LineDict(dict):
    line: int = 0

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[str, int] = {}


_Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in rs if tag != "tag:yaml.org,2002:timestamp"]
    for ch, rs in yaml.SafeLoader.yaml_implicit_resolvers.items()
}  # dates stay strings: checked by _check_date with a line number
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)  # type: ignore[arg-type]


def _check_date(value: Any, path: str, line: int, fld: str) -> str | None:
    if value is None:
        return None
    s = str(value)
    m = DATE_RE.match(s)
    ok = bool(m)
    if m:
        try:
            dt.date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
        except ValueError:
            ok = False
    if not ok:
        raise IngestError(path, f"bad date {s!r}: expected YYYY, YYYY-MM or YYYY-MM-DD", line=line, field=fld)
    return s


def _load_file(path: Path, etype: str) -> Iterator[Entity]:
    p = str(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise IngestError(p, f"cannot read authority file: {exc}") from exc
    try:
        doc = yaml.load(raw, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except IngestError as exc:
        raise IngestError(p, exc.message, line=exc.line, field=exc.field) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise IngestError(p, f"not valid YAML: {getattr(exc, 'problem', exc)}",
                          line=mark.line + 1 if mark else None) from exc
    if not isinstance(doc, dict):
        raise IngestError(p, "expected a mapping with 'type' and 'entities'", line=1)
    lines = getattr(doc, "lines", {})
    for k in doc:
        if k not in ("type", "entities"):
            raise IngestError(p, f"unknown field {k!r}", line=lines.get(k), field=str(k))
    if doc.get("type") != etype:
        raise IngestError(p, f"type must be {etype!r} in {path.name}, not {doc.get('type')!r}",
                          line=lines.get("type", 1), field="type")
    ents = doc.get("entities")
    if not isinstance(ents, list):
        raise IngestError(p, "'entities' must be a list", line=lines.get("entities", 1), field="entities")
    for idx, item in enumerate(ents):
        yield _entity(item, etype, p, idx)


def _entity(item: Any, etype: str, p: str, idx: int) -> Entity:
    where = f"entities[{idx}]"
    if not isinstance(item, _LineDict):
        raise IngestError(p, "each entity must be a mapping", field=where)
    ln = item.lines

    def line(k: str) -> int:
        return ln.get(k, item.line)

    for k in item:
        if k not in ENTITY_FIELDS:
            raise IngestError(p, f"unknown field {k!r} (allowed: {', '.join(sorted(ENTITY_FIELDS))})",
                              line=line(k), field=f"{where}.{k}")
    key = item.get("key")
    if not key:
        raise IngestError(p, "missing key", line=item.line, field=f"{where}.key")
    if not isinstance(key, str) or not KEY_RE.match(key):
        raise IngestError(p, f"bad key {key!r}: lower-case ASCII slug expected", line=line("key"),
                          field=f"{where}.key")
    where = f"{key}"
    label = item.get("label")
    if not isinstance(label, str) or not label.strip():
        raise IngestError(p, "missing label", line=line("label") if "label" in item else item.line,
                          field=f"{where}.label")
    qid = item.get("wikidata")
    if qid is not None and not (isinstance(qid, str) and QID_RE.match(qid)):
        raise IngestError(p, f"bad Wikidata ID {qid!r}: expected Q followed by digits", line=line("wikidata"),
                          field=f"{where}.wikidata")
    for k in ("description", "part_of", "wikidata_source", "source"):
        if k in item and item[k] is not None and not isinstance(item[k], str):
            raise IngestError(p, f"{k} must be a string", line=line(k), field=f"{where}.{k}")
    if qid and not item.get("wikidata_source"):
        raise IngestError(p, "a Wikidata ID needs wikidata_source saying how it was verified",
                          line=line("wikidata"), field=f"{where}.wikidata_source")
    if "part_of" in item and etype not in ("place", "office", "organization", "archive"):
        raise IngestError(p, f"part_of is not allowed for a {etype}", line=line("part_of"), field=f"{where}.part_of")

    def items(k: str) -> list[Any]:
        v = item.get(k) or []
        if not isinstance(v, list):
            raise IngestError(p, f"{k} must be a list", line=line(k), field=f"{where}.{k}")
        return v

    def labels(k: str) -> list[Label]:
        out = []
        for i, v in enumerate(items(k)):
            f = f"{where}.{k}[{i}]"
            vl = getattr(v, "line", line(k))
            if not isinstance(v, dict):
                raise IngestError(p, "expected a mapping with 'text' and 'lang'", line=line(k), field=f)
            for kk in v:
                if kk not in LABEL_FIELDS:
                    raise IngestError(p, f"unknown field {kk!r}", line=v.lines.get(kk, vl), field=f"{f}.{kk}")
            text = v.get("text")
            if not isinstance(text, str) or not text.strip():
                raise IngestError(p, "missing text", line=vl, field=f"{f}.text")
            lang = _lang(v.get("lang"), p, v.lines.get("lang", vl), f"{f}.lang")
            conf = v.get("confidence", "high")
            if conf not in ("high", "low"):
                raise IngestError(p, f"confidence must be 'high' or 'low', not {conf!r}",
                                  line=v.lines.get("confidence", vl), field=f"{f}.confidence")
            derived = v.get("derived", False)
            if not isinstance(derived, bool):
                raise IngestError(p, "derived must be true or false", line=v.lines.get("derived", vl),
                                  field=f"{f}.derived")
            out.append(Label(text=text.strip(), lang=lang, note=v.get("note"), derived=derived, confidence=conf,
                             line=vl))
        return out

    aliases = []
    for i, v in enumerate(items("aliases")):
        f = f"{where}.aliases[{i}]"
        if not isinstance(v, dict):
            raise IngestError(p, "expected a mapping with 'label'", line=line("aliases"), field=f)
        for kk in v:
            if kk not in ALIAS_FIELDS:
                raise IngestError(p, f"unknown field {kk!r}", line=v.lines.get(kk, v.line), field=f"{f}.{kk}")
        lab = v.get("label")
        if not isinstance(lab, str) or not lab.strip():
            raise IngestError(p, "missing label", line=v.line, field=f"{f}.label")
        aliases.append(AliasEntry(label=lab.strip(), lang=_lang(v.get("lang"), p, v.lines.get("lang", v.line),
                                                                f"{f}.lang"),
                                  note=v.get("note"), source=v.get("source"), line=v.line))
    roles = []
    for i, v in enumerate(items("roles")):
        f = f"{where}.roles[{i}]"
        if not isinstance(v, dict):
            raise IngestError(p, "expected a mapping with 'title'", line=line("roles"), field=f)
        for kk in v:
            if kk not in ROLE_FIELDS:
                raise IngestError(p, f"unknown field {kk!r}", line=v.lines.get(kk, v.line), field=f"{f}.{kk}")
        if not v.get("title"):
            raise IngestError(p, "missing title", line=v.line, field=f"{f}.title")
        roles.append(Role(title=str(v["title"]),
                          start=_check_date(v.get("start"), p, v.lines.get("start", v.line), f"{f}.start"),
                          end=_check_date(v.get("end"), p, v.lines.get("end", v.line), f"{f}.end"),
                          organization=v.get("organization"), note=v.get("note"),
                          line=v.lines.get("organization", v.line)))
    holders = []
    for i, v in enumerate(items("holders")):
        f = f"{where}.holders[{i}]"
        if etype != "office":
            raise IngestError(p, "holders are only allowed on offices", line=line("holders"), field=f"{where}.holders")
        if not isinstance(v, dict):
            raise IngestError(p, "expected a mapping with 'person'", line=line("holders"), field=f)
        for kk in v:
            if kk not in TERM_FIELDS:
                raise IngestError(p, f"unknown field {kk!r}", line=v.lines.get(kk, v.line), field=f"{f}.{kk}")
        if not v.get("person"):
            raise IngestError(p, "missing person", line=v.line, field=f"{f}.person")
        holders.append(OfficeTerm(person=str(v["person"]),
                                  start=_check_date(v.get("start"), p, v.lines.get("start", v.line), f"{f}.start"),
                                  end=_check_date(v.get("end"), p, v.lines.get("end", v.line), f"{f}.end"),
                                  line=v.lines.get("person", v.line)))
    for i, r in enumerate(roles + holders):
        if r.start and r.end and date_bound(r.start, end=False) > date_bound(r.end, end=True):  # type: ignore[operator]
            raise IngestError(p, f"end {r.end} is before start {r.start}", line=line("roles" if i < len(roles)
                                                                                      else "holders"),
                              field=f"{where}.{'roles' if i < len(roles) else 'holders'}")
    fams = items("family_names")
    if not all(isinstance(x, str) and x.strip() for x in fams):
        raise IngestError(p, "family_names must be a list of names", line=line("family_names"),
                          field=f"{where}.family_names")
    notes = items("notes")
    if not all(isinstance(x, str) for x in notes):
        raise IngestError(p, "notes must be a list of strings", line=line("notes"), field=f"{where}.notes")
    return Entity(key=key, etype=etype, label=label.strip(), variants=labels("variants"),
                  misspellings=labels("misspellings"), aliases=aliases, wikidata=qid,
                  wikidata_source=item.get("wikidata_source"), description=item.get("description"), roles=roles,
                  holders=holders, part_of=item.get("part_of"), source=item.get("source"),
                  family_names=[x.strip() for x in fams], notes=list(notes), file=p, line=item.line,
                  part_of_line=ln.get("part_of"))


def _lang(value: Any, p: str, line: int, fld: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not LANG_RE.match(value):
        raise IngestError(p, f"bad language tag {value!r}: BCP 47 expected (e.g. 'ru-Cyrl', 'ko-Latn-x-mr')",
                          line=line, field=fld)
    return value


def _check_entities(entities: list[Entity]) -> None:
    seen: dict[tuple[str, str], Entity] = {}
    claims: dict[tuple[str, str], tuple[Entity, str]] = {}
    keys = {(e.etype, e.key) for e in entities}
    for e in entities:
        k = (e.etype, e.key)
        if k in seen:
            first = seen[k]
            raise IngestError(e.file or "", f"duplicate key {e.key!r} (first at {first.file}:{first.line})",
                              line=e.line, field=f"{e.key}.key")
        seen[k] = e
    for e in entities:
        forms: list[tuple[str, str, str, int | None]] = [("label", e.label, "high", e.line)]
        forms += [(f"variants[{i}]", v.text, v.confidence, v.line) for i, v in enumerate(e.variants)]
        forms += [(f"misspellings[{i}]", m.text, m.confidence, m.line) for i, m in enumerate(e.misspellings)]
        forms += [(f"aliases[{i}]", a.label, "high", a.line) for i, a in enumerate(e.aliases)]
        for fld, text, conf, fline in forms:
            if conf == "low":
                continue  # doubtful forms may be shared: resolving them is reported as ambiguous
            mk = match_key(text)
            if not mk:
                raise IngestError(e.file or "", f"form {text!r} has no letters or digits", line=fline,
                                  field=f"{e.key}.{fld}")
            other = claims.get((e.etype, mk))
            if other is not None and other[0] is not e:
                raise IngestError(e.file or "", f"{text!r} is also claimed by {other[0].etype} {other[0].key!r} "
                                  f"({other[1]}); a name may belong to one {e.etype} only",
                                  line=fline, field=f"{e.key}.{fld}")
            claims[(e.etype, mk)] = (e, fld)
    for e in entities:
        if e.part_of:
            ok = ((e.etype == "place" and ("place", e.part_of) in keys)
                  or (e.etype != "place" and (("organization", e.part_of) in keys or ("archive", e.part_of) in keys)))
            if not ok:
                raise IngestError(e.file or "", f"part_of {e.part_of!r} names no known entity",
                                  line=e.part_of_line or e.line,
                                  field=f"{e.key}.part_of")
        for r in e.roles:
            if r.organization and ("organization", r.organization) not in keys and \
                    ("archive", r.organization) not in keys:
                raise IngestError(e.file or "", f"role organization {r.organization!r} names no known organization",
                                  line=r.line or e.line, field=f"{e.key}.roles")
        for t in e.holders:
            if ("person", t.person) not in keys:
                raise IngestError(e.file or "", f"holder {t.person!r} names no known person", line=t.line or e.line,
                                  field=f"{e.key}.holders")


def load_entities(directory: Path) -> list[Entity]:
    """Every entry of the authority files in ``directory``, checked one by one and together (keys, shared forms,
    references between entries). Other files in the folder (``history.yaml`` of :mod:`kg.identifiers`) are not
    authority files and are left alone."""
    entities: list[Entity] = []
    for name, etype in FILE_TYPES.items():
        path = directory / name
        if path.exists():
            entities.extend(_load_file(path, etype))
    _check_entities(entities)
    return entities
