"""Stable identifiers others can link to, and their history (merged / withdrawn).

Every person, place, organization, archive, office, alias and document has a short local identifier, the
last segment(s) of its IRI, which an external dataset stores and expands with one formatter URL per type
(Wikidata's convention: one pattern with ``$1``), e.g. ``https://w3id.org/archive-kg/id/person/$1``.

``data/authorities/history.yaml`` records what became of identifiers that were published once: merged into
another (the IRI answers 301 to the new one, and the RDF says ``dcterms:isReplacedBy``) or withdrawn (410 Gone,
with the reason). An identifier never changes meaning or disappears.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, OWL, RDFS, SKOS, XSD

from kg.errors import IngestError
from kg.iris import ENTITY_TYPES, IRIs
from kg.namespaces import AKG

ID_RE = re.compile(r"^(?P<type>[a-z]+)/(?P<key>[a-z0-9][a-z0-9-]*)$")


def formatter_urls(iris: IRIs) -> dict[str, str]:
    """One formatter URL per entity type: the identifier (the key) replaces ``$1``."""
    return {t: f"{iris.base}id/{t}/$1" for t in ENTITY_TYPES}


@dataclass
class Merge:
    id: str
    into: str
    date: dt.date
    reason: str
    line: int | None = None


@dataclass
class Withdrawal:
    id: str
    date: dt.date
    reason: str
    line: int | None = None


@dataclass
class History:
    merged: dict[str, Merge] = field(default_factory=dict)
    withdrawn: dict[str, Withdrawal] = field(default_factory=dict)

    def final(self, ident: str) -> str:
        """Follow merges to the identifier that stands now."""
        seen = set()
        while ident in self.merged:
            seen.add(ident)
            ident = self.merged[ident].into
        return ident


class _Loader(yaml.SafeLoader):
    """Safe YAML with line numbers on mappings; dates stay strings (checked here, with a clear error)."""


_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _mapping_with_lines(loader: _Loader, node: yaml.MappingNode) -> dict:
    d = loader.construct_mapping(node, deep=True)
    d["__line__"] = node.start_mark.line + 1
    return d


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_lines)


def load_history(path: Path) -> History:
    p = str(path)
    try:
        data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_Loader) or {}
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        raise IngestError(p, f"not valid YAML: {e}", line=mark.line + 1 if mark else None) from e
    if not isinstance(data, dict):
        raise IngestError(p, "expected a mapping with 'merged' and 'withdrawn'", line=1)
    unknown = set(data) - {"merged", "withdrawn", "__line__"}
    if unknown:
        raise IngestError(p, f"unknown field(s) {sorted(unknown)}", line=data.get("__line__"), field=sorted(unknown)[0])
    h = History()

    def entry(item: object, section: str, i: int, fields: set[str]) -> dict:
        if not isinstance(item, dict):
            raise IngestError(p, "each entry is a mapping", field=f"{section}[{i}]")
        line = item.get("__line__")
        extra = set(item) - fields - {"__line__"}
        if extra:
            raise IngestError(p, f"unknown field(s) {sorted(extra)}", line=line, field=f"{section}[{i}].{sorted(extra)[0]}")
        for f in sorted(fields):
            if item.get(f) in (None, ""):
                raise IngestError(p, f"'{f}' is required", line=line, field=f"{section}[{i}].{f}")
        for f in ("id", "into"):
            if f in fields:
                m = ID_RE.match(str(item[f]))
                if not m or m.group("type") not in ENTITY_TYPES:
                    raise IngestError(p, f"{item[f]!r} is not an identifier '<type>/<key>' with type one of "
                                         f"{', '.join(ENTITY_TYPES)}", line=line, field=f"{section}[{i}].{f}")
        if not isinstance(item["date"], dt.date):
            try:
                item["date"] = dt.date.fromisoformat(str(item["date"]))
            except ValueError:
                raise IngestError(p, f"date {item['date']!r} is not YYYY-MM-DD", line=line,
                                  field=f"{section}[{i}].date") from None
        return item

    for i, item in enumerate(data.get("merged") or []):
        e = entry(item, "merged", i, {"id", "into", "date", "reason"})
        if e["id"] in h.merged:
            raise IngestError(p, f"{e['id']} is merged twice", line=e["__line__"], field=f"merged[{i}].id")
        if e["id"].split("/")[0] != e["into"].split("/")[0]:
            raise IngestError(p, f"{e['id']} cannot be merged into an entity of another type ({e['into']})",
                              line=e["__line__"], field=f"merged[{i}].into")
        h.merged[e["id"]] = Merge(e["id"], e["into"], e["date"], str(e["reason"]), e["__line__"])
    for i, item in enumerate(data.get("withdrawn") or []):
        e = entry(item, "withdrawn", i, {"id", "date", "reason"})
        if e["id"] in h.merged:
            raise IngestError(p, f"{e['id']} is both merged and withdrawn", line=e["__line__"], field=f"withdrawn[{i}].id")
        if e["id"] in h.withdrawn:
            raise IngestError(p, f"{e['id']} is withdrawn twice", line=e["__line__"], field=f"withdrawn[{i}].id")
        h.withdrawn[e["id"]] = Withdrawal(e["id"], e["date"], str(e["reason"]), e["__line__"])
    for m in h.merged.values():
        seen = {m.id}
        target = m.into
        while target in h.merged:
            if target in seen:
                raise IngestError(p, f"merges form a cycle through {target}", line=m.line, field="merged")
            seen.add(target)
            target = h.merged[target].into
        if target in h.withdrawn:
            raise IngestError(p, f"{m.id} is merged into {target}, which is withdrawn", line=m.line, field="merged")
    return h


def history_graph(iris: IRIs, path: Path) -> Graph:
    """The history as RDF, for the authorities graph: merged IRIs say what replaced them, withdrawn ones why."""
    h = load_history(path)
    g = Graph()
    for m in h.merged.values():
        old = iris.from_local_path("id/" + m.id)
        new = iris.from_local_path("id/" + h.final(m.id))
        g.add((old, DCTERMS.isReplacedBy, new))
        g.add((old, OWL.sameAs, new))
        g.add((old, OWL.deprecated, Literal(True)))
        g.add((old, DCTERMS.modified, Literal(m.date, datatype=XSD.date)))
        g.add((old, SKOS.changeNote, Literal(f"merged into {h.final(m.id)} on {m.date}: {m.reason}", lang="en")))
        g.add((old, RDFS.label, Literal(f"{m.id} (merged into {h.final(m.id)})")))
    for w in h.withdrawn.values():
        old = iris.from_local_path("id/" + w.id)
        g.add((old, OWL.deprecated, Literal(True)))
        g.add((old, AKG.withdrawnOn, Literal(w.date, datatype=XSD.date)))
        g.add((old, SKOS.changeNote, Literal(f"withdrawn on {w.date}: {w.reason}", lang="en")))
        g.add((old, RDFS.label, Literal(f"{w.id} (withdrawn)")))
    return g

