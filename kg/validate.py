"""SHACL validation (pyshacl) with reports a curator can read: which document, which field, which rule.

Shapes live in ``shapes/*.ttl``. ``{BASE}`` in their ``sh:pattern`` strings stands for the configured base IRI
(regex-escaped), so IRI patterns follow ``KG_BASE_IRI``. Results of severity ``sh:Violation`` fail a build;
``sh:Warning`` and ``sh:Info`` are reported only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kg.config import Settings
from kg.errors import KGError
from kg.namespaces import AKG, PREFIXES, SH
from kg.safe_parse import format_of, parse_file


@dataclass
class Violation:
    document: str | None  # the doc id the focus node belongs to, or the documents that point at it
    focus: str
    field: str | None  # sh:resultPath as a prefixed name
    rule: str  # the constraint component, and the shape
    message: str
    value: str | None
    severity: str  # Violation | Warning | Info

    def line(self) -> str:
        doc = self.document or "-"
        val = f" (value: {self.value})" if self.value is not None else ""
        return f"{self.severity}: document {doc} | field {self.field or '-'} | rule {self.rule} | {self.message}{val} | node {self.focus}"


@dataclass
class Report:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    graph: Graph = field(default_factory=Graph)

    @property
    def text(self) -> str:
        if not self.violations:
            return "conforms: the graph satisfies every shape"
        errors = sum(1 for v in self.violations if v.severity == "Violation")
        head = f"{'does not conform' if not self.conforms else 'conforms'}: {errors} violation(s), " \
               f"{len(self.violations) - errors} warning(s)"
        return "\n".join([head, *(v.line() for v in self.violations)])


def _qname(term: object) -> str:
    s = str(term)
    for prefix, ns in PREFIXES.items():
        if s.startswith(ns) and len(s) > len(ns):
            return f"{prefix}:{s[len(ns):]}"
    if s.startswith("https://w3id.org/archive-kg/shapes#"):
        return "akgsh:" + s.split("#", 1)[1]
    return s


def load_shapes(settings: Settings | None = None) -> Graph:
    settings = settings or Settings.from_env()
    base = re.escape(settings.base_iri).replace("\\", "\\\\")
    g = Graph()
    files = sorted(Path(settings.shapes_dir).glob("*.ttl"))
    if not files:
        raise KGError(f"no SHACL shapes in {settings.shapes_dir}")
    for p in files:
        g.parse(data=p.read_text(encoding="utf-8").replace("{BASE}", base), format="turtle", publicID=p.as_uri())
    return g


_shapes_cache: dict[tuple[str, str], Graph] = {}


def _cached_shapes(settings: Settings) -> Graph:
    key = (str(settings.shapes_dir), settings.base_iri)
    if key not in _shapes_cache:
        _shapes_cache[key] = load_shapes(settings)
    return _shapes_cache[key]


def _documents_of(data: Graph, focus: URIRef, base: str) -> str | None:
    prefix = base + "id/document/"
    s = str(focus)
    if s.startswith(prefix):
        return s[len(prefix):].split("/", 1)[0]
    docs = set()
    for subj in data.subjects(None, focus):
        t = str(subj)
        if t.startswith(prefix):
            docs.add(t[len(prefix):].split("/", 1)[0])
    for d in data.objects(focus, AKG.attestedIn):
        if str(d).startswith(prefix):
            docs.add(str(d)[len(prefix):])
    return ", ".join(sorted(docs)) if docs else None


def validate_graph(data: Graph, *, shapes: Graph | None = None, ontology: Graph | None = None,
                   settings: Settings | None = None) -> Report:
    """Validate without inference. The report says which document, field and rule each result is about.

    ``ontology`` (optional) is mixed into the data graph by pyshacl for class lookups; no RDFS inference runs,
    so the data must state every class itself (as SPARQL users see it).
    """
    settings = settings or Settings.from_env()
    shapes = shapes if shapes is not None else _cached_shapes(settings)
    conforms, report_graph, _ = shacl_validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", advanced=True, allow_warnings=True, abort_on_first=False,
    )
    violations = []
    for r in report_graph.subjects(RDF.type, SH.ValidationResult):
        focus = report_graph.value(r, SH.focusNode)
        path = report_graph.value(r, SH.resultPath)
        comp = report_graph.value(r, SH.sourceConstraintComponent)
        shape = report_graph.value(r, SH.sourceShape)
        sev = report_graph.value(r, SH.resultSeverity)
        msg = report_graph.value(r, SH.resultMessage)
        value = report_graph.value(r, SH.value)
        if shape is not None and not isinstance(shape, URIRef):  # a property shape: name its node shape
            shape = shapes.value(None, SH.property, shape) or shape
        shape_name = _qname(shape) if isinstance(shape, URIRef) else None
        rule = _qname(comp).replace("sh:", "") if comp is not None else "?"
        if shape_name:
            rule += f" of {shape_name}"
        violations.append(Violation(
            document=_documents_of(data, focus, settings.base_iri) if isinstance(focus, URIRef) else None,
            focus=str(focus),
            field=_qname(path) if path is not None else None,
            rule=rule,
            message=str(msg) if msg is not None else "constraint not satisfied",
            value=str(value) if value is not None else None,
            severity=_qname(sev).replace("sh:", "") if sev is not None else "Violation",
        ))
    violations.sort(key=lambda v: (v.severity != "Violation", v.document or "~", v.field or "", v.focus))
    failed = any(v.severity == "Violation" for v in violations)
    for prefix, ns in PREFIXES.items():
        report_graph.bind(prefix, ns)
    return Report(conforms=bool(conforms) or not failed, violations=violations, graph=report_graph)


def validate_file(path: Path, settings: Settings | None = None) -> Report:
    """Validate any RDF file (format from its suffix) against the shapes."""
    fmt = format_of(path)[0]
    if not path.is_file():
        raise FileNotFoundError(f"no such file: {path}")
    try:
        data = parse_file(path, fmt)  # refuses remote JSON-LD contexts and XML external entities
    except KGError:
        raise
    except Exception as e:  # rdflib raises many kinds of parse errors
        raise KGError(f"{path}: cannot parse as {fmt}: {e}") from e
    return validate_graph(data, settings=settings)
