"""Reading the authority files (``data/authorities/*.yaml``) with validation: a bad file raises
:class:`kg.errors.IngestError` naming the file, line and field."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from kg.authorities.model import (
    ALIAS_KINDS,
    DATE_RE,
    FILE_TYPES,
    LANG_RE,
    QID_RE,
    AliasEntry,
    Entity,
    Label,
    OfficeTerm,
    Role,
    Source,
    date_bound,
)
from kg.authorities.names import match_key
from kg.errors import IngestError
from kg.iris import KEY_RE

# Public fields are published; ``curator_note`` (entity, name, alias, role) and ``wikidata_source`` (how a QID was
# verified) are curators' working notes: kept in data/, never mapped to RDF.
ENTITY_FIELDS = {
    "key", "label", "description", "family_names", "part_of", "wikidata", "wikidata_source", "wikidata_retrieved",
    "sources", "variants", "misspellings", "aliases", "roles", "holders", "notes", "curator_note",
}
LABEL_FIELDS = {"text", "lang", "curator_note", "derived", "confidence"}
ALIAS_FIELDS = {"label", "kind", "lang", "forms", "sources", "curator_note"}
SOURCE_FIELDS = {"url", "record_id", "title", "citation", "retrieved"}
ROLE_FIELDS = {"title", "start", "end", "organization", "curator_note"}
TERM_FIELDS = {"person", "start", "end"}
# The team's working material, which public fields never name (tests/test_public_data.py checks whole builds).
WORKING_RE = re.compile(r"(?:\.\./)?shared/|\bdata/(?:documents|authorities)|authorities-draft|\bseeds? ?\d|"
                        r"research[ _-]*note|\bhypothes[ie]s\b|spocwiki|dr5hn|\bcode file|\bUNVERIFIED\b", re.I)
_PUBLIC_URL_RE = re.compile(r"^https?://[^/\s]+\.[^/\s]+(/\S*)?$")


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


class _Fields:
    """One mapping of a file, read field by field: every error names the file, the line and the field."""

    def __init__(self, value: Any, p: str, where: str, allowed: set[str], line: int, what: str) -> None:
        if not isinstance(value, _LineDict):
            raise IngestError(p, f"expected a mapping ({what})", line=line, field=where)
        self.v, self.p, self.where = value, p, where
        for k in value:
            if k not in allowed:
                raise IngestError(p, f"unknown field {k!r} (allowed: {', '.join(sorted(allowed))})",
                                  line=self.line(k), field=f"{where}.{k}")

    def line(self, k: str | None = None) -> int:
        return self.v.lines.get(k, self.v.line) if k else self.v.line

    def fail(self, k: str, message: str) -> IngestError:
        return IngestError(self.p, message, line=self.line(k), field=f"{self.where}.{k}")

    def public(self, k: str, *, required: bool = False) -> str | None:
        """A field that is published: it may not name the team's working material."""
        value = self.text(k, required=required)
        if value and (m := WORKING_RE.search(value)):
            raise self.fail(k, f"{k} is published, and {m.group()!r} is working material: write it for readers, "
                               "and keep working notes in curator_note")
        return value

    def text(self, k: str, *, required: bool = False) -> str | None:
        value = self.v.get(k)
        if value is None:
            if required:
                raise IngestError(self.p, f"missing {k}", line=self.line(k), field=f"{self.where}.{k}")
            return None
        if not isinstance(value, str) or (required and not value.strip()):
            raise self.fail(k, f"{k} must be {'a non-empty' if required else 'a'} string")
        return value.strip()

    def items(self, k: str) -> list[Any]:
        value = self.v.get(k) or []
        if not isinstance(value, list):
            raise self.fail(k, f"{k} must be a list")
        return value

    def date(self, k: str) -> str | None:
        return _check_date(self.v.get(k), self.p, self.line(k), f"{self.where}.{k}")

    def lang(self, k: str = "lang") -> str | None:
        return _lang(self.v.get(k), self.p, self.line(k), f"{self.where}.{k}")

    def flag(self, k: str, default: bool = False) -> bool:
        value = self.v.get(k, default)
        if not isinstance(value, bool):
            raise self.fail(k, f"{k} must be true or false")
        return value

    def each(self, k: str, allowed: set[str], what: str) -> Iterator[_Fields]:
        for i, item in enumerate(self.items(k)):
            yield _Fields(item, self.p, f"{self.where}.{k}[{i}]", allowed, getattr(item, "line", self.line(k)), what)


def _labels(f: _Fields, k: str) -> list[Label]:
    out = []
    for v in f.each(k, LABEL_FIELDS, "with 'text' and 'lang'"):
        conf = v.v.get("confidence", "high")
        if conf not in ("high", "low"):
            raise v.fail("confidence", f"confidence must be 'high' or 'low', not {conf!r}")
        out.append(Label(text=v.text("text", required=True) or "", lang=v.lang(), curator_note=v.text("curator_note"),
                         derived=v.flag("derived"), confidence=conf, line=v.line()))
    return out


def _sources(f: _Fields, k: str = "sources") -> list[Source]:
    out = []
    for v in f.each(k, SOURCE_FIELDS, "with 'url' or 'citation'"):
        url, citation = v.text("url"), v.public("citation")
        if not url and not citation:
            raise IngestError(v.p, "a source needs a url a reader can follow or a published citation",
                              line=v.line(), field=v.where)
        if url and not _PUBLIC_URL_RE.match(url):
            raise v.fail("url", f"source url {url!r} is not a public http(s) address")
        out.append(Source(url=url, record_id=_str(v.v.get("record_id")), title=v.public("title"), citation=citation,
                          retrieved=v.date("retrieved"), line=v.line()))
    return out


def _str(value: Any) -> str | None:
    return None if value is None else str(value).strip()


def _entity(item: Any, etype: str, p: str, idx: int) -> Entity:
    f = _Fields(item, p, f"entities[{idx}]", ENTITY_FIELDS, getattr(item, "line", 1), "an entity")
    key = item.get("key")
    if not key:
        raise IngestError(p, "missing key", line=f.line(), field=f"{f.where}.key")
    if not isinstance(key, str) or not KEY_RE.match(key):
        raise f.fail("key", f"bad key {key!r}: lower-case ASCII slug expected")
    if key.startswith("u-"):  # kg.iris.unreconciled_key: a name with no entry gets "u-{slug}"; the two must never meet
        raise f.fail("key", f"bad key {key!r}: keys beginning with 'u-' are kept for unreconciled names")
    f.where = key
    label = f.text("label", required=True) or ""
    qid = item.get("wikidata")
    if qid is not None and not (isinstance(qid, str) and QID_RE.match(qid)):
        raise f.fail("wikidata", f"bad Wikidata ID {qid!r}: expected Q followed by digits")
    for k in ("part_of", "wikidata_source"):
        f.text(k)
    notes_for_curators = item.get("curator_note")
    if isinstance(notes_for_curators, list):
        notes_for_curators = "\n".join(str(x) for x in notes_for_curators)
    elif notes_for_curators is not None and not isinstance(notes_for_curators, str):
        raise f.fail("curator_note", "curator_note must be a string or a list of strings")
    if qid and not item.get("wikidata_source"):
        raise f.fail("wikidata", "a Wikidata ID needs wikidata_source saying how it was verified")
    if "part_of" in item and etype not in ("place", "office", "organization", "archive"):
        raise f.fail("part_of", f"part_of is not allowed for a {etype}")
    if "holders" in item and etype != "office":
        raise f.fail("holders", "holders are only allowed on offices")

    aliases = []
    for v in f.each("aliases", ALIAS_FIELDS, "with 'label'"):
        kind = v.v.get("kind", "cover name")
        if kind not in ALIAS_KINDS:
            raise v.fail("kind", f"kind must be one of {', '.join(map(repr, ALIAS_KINDS))}, not {kind!r}")
        aliases.append(AliasEntry(label=v.text("label", required=True) or "", kind=kind, lang=v.lang(),
                                  forms=_labels(v, "forms"), sources=_sources(v), curator_note=v.text("curator_note"),
                                  line=v.line()))
    roles = [Role(title=v.text("title", required=True) or "", start=v.date("start"), end=v.date("end"),
                  organization=v.text("organization"), curator_note=v.text("curator_note"),
                  line=v.line("organization"))
             for v in f.each("roles", ROLE_FIELDS, "with 'title'")]
    holders = [OfficeTerm(person=v.text("person", required=True) or "", start=v.date("start"), end=v.date("end"),
                          line=v.line("person"))
               for v in f.each("holders", TERM_FIELDS, "with 'person'")]
    for k, terms in (("roles", roles), ("holders", holders)):
        for r in terms:
            if r.start and r.end and date_bound(r.start, end=False) > date_bound(r.end, end=True):  # type: ignore[operator]
                raise f.fail(k, f"end {r.end} is before start {r.start}")
    fams = f.items("family_names")
    if not all(isinstance(x, str) and x.strip() for x in fams):
        raise f.fail("family_names", "family_names must be a list of names")
    notes = f.items("notes")
    if not all(isinstance(x, str) for x in notes):
        raise f.fail("notes", "notes must be a list of strings")
    for note in notes:
        if m := WORKING_RE.search(note):
            raise f.fail("notes", f"notes are published, and {m.group()!r} is working material: keep it in curator_note")
    return Entity(key=key, etype=etype, label=label, variants=_labels(f, "variants"),
                  misspellings=_labels(f, "misspellings"), aliases=aliases, wikidata=qid,
                  wikidata_source=f.text("wikidata_source"), wikidata_retrieved=f.date("wikidata_retrieved"),
                  description=f.public("description"), roles=roles, holders=holders, part_of=f.text("part_of"),
                  sources=_sources(f), family_names=[x.strip() for x in fams], notes=list(notes),
                  curator_note=notes_for_curators, file=p, line=f.line(), part_of_line=item.lines.get("part_of"))


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
        for i, a in enumerate(e.aliases):
            forms.append((f"aliases[{i}]", a.label, "high", a.line))
            forms += [(f"aliases[{i}].forms[{j}]", x.text, x.confidence, x.line) for j, x in enumerate(a.forms)]
        for fld, text, conf, fline in forms:
            if conf == "low":
                continue  # doubtful forms may be shared: resolving them is reported as ambiguous
            mk = match_key(text)
            if not mk:
                raise IngestError(e.file or "", f"form {text!r} has no letters or digits", line=fline,
                                  field=f"{e.key}.{fld}")
            other = claims.get((e.etype, mk))
            if other is not None and other[0] is not e and not (fld.startswith("aliases")
                                                                and other[1].startswith("aliases")):
                # a cover name may stand for different people in different documents (a bare cover name claimed
                # by two entities is then ambiguous); any other name belongs to one entity of a type
                raise IngestError(e.file or "", f"{text!r} is also claimed by {other[0].etype} {other[0].key!r} "
                                  f"({other[1]}); a name may belong to one {e.etype} only",
                                  line=fline, field=f"{e.key}.{fld}")
            if other is None or not other[1].startswith("aliases") or fld.startswith("aliases"):
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
