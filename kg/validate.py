"""SHACL validation with reports a curator can read: which document, which field, which rule.

pyshacl is the reference engine. The build validates in batches (:func:`validate_nt`): ``shacl-rust``, when
installed, screens each batch, and a batch it finds anything in is validated again by pyshacl, whose results
are the ones reported; so the report is always pyshacl's, and a batch shacl-rust passes costs milliseconds.
``tests/test_validate_partitioned.py`` checks the whole path against one pyshacl run over the whole graph.

Shapes live in ``shapes/*.ttl``. ``{BASE}`` in their ``sh:pattern`` strings stands for the configured base IRI
(regex-escaped), so IRI patterns follow ``KG_BASE_IRI``. Results of severity ``sh:Violation`` fail a build;
``sh:Warning`` and ``sh:Info`` are reported only.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg.config import Settings
from kg.errors import KGError
from kg.namespaces import AKG, PREFIXES, SH
from kg.quads import nt_term

try:  # optional: a fast screen in front of pyshacl (see validate_nt)
    import shacl_rust as _shacl_rust
except ImportError:  # pragma: no cover - pyshacl alone is exact, only slower
    _shacl_rust = None
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
    # the result as N-Triples terms: focus, path, component, shape, severity, message, value (for the report graph)
    terms: tuple[str | None, ...] = ()

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


def _term(t: object, g: Graph) -> str | None:
    """A report term as N-Triples; an inverse path (a blank node) as ``^<iri>``."""
    if isinstance(t, (URIRef, Literal)):
        return nt_term(t)
    inverse = g.value(t, SH.inversePath) if t is not None else None
    return "^" + nt_term(inverse) if isinstance(inverse, URIRef) else None


_PREPARED: dict[tuple, object] = {}


def _prepared_query(self, strOrQuery, initBindings=None, initNs=None, base=None, DEBUG=False):  # noqa: N803
    """rdflib's SPARQL processor, with each query text parsed and translated once per process.

    pyshacl sends the same few SPARQL texts (our SPARQL targets and constraints) on every run and rdflib
    parses each anew (pyparsing: most of a small pyshacl run). A translated query is reusable with other
    bindings (what ``prepareQuery`` is for); the key holds everything the translation depends on."""
    if isinstance(strOrQuery, str):
        try:
            key = (strOrQuery, base, tuple(sorted((k, str(v)) for k, v in (initNs or {}).items())))
        except TypeError:
            key = None
        q = _PREPARED.get(key) if key is not None else None
        if q is None:
            q = _translateQuery(_parseQuery(strOrQuery), base, initNs)
            if key is not None and len(_PREPARED) < 512:
                _PREPARED[key] = q
        strOrQuery = q
    return _evalQuery(self.graph, strOrQuery, initBindings, base)


def _install_prepared_queries() -> None:
    global _parseQuery, _translateQuery, _evalQuery
    from rdflib.plugins.sparql import processor

    if getattr(processor.SPARQLProcessor.query, "__name__", "") == "_prepared_query":
        return
    _parseQuery, _translateQuery, _evalQuery = processor.parseQuery, processor.translateQuery, processor.evalQuery
    processor.SPARQLProcessor.query = _prepared_query  # type: ignore[method-assign]



def validate_graph(data: Graph, *, shapes: Graph | None = None, ontology: Graph | None = None,
                   settings: Settings | None = None, focus_nodes: list[str] | None = None,
                   inplace: bool = False) -> Report:
    """Validate without inference. The report says which document, field and rule each result is about.

    ``ontology`` (optional) is mixed into the data graph by pyshacl for class lookups; no RDFS inference runs,
    so the data must state every class itself (as SPARQL users see it). ``focus_nodes``: only the results about
    these nodes (each is still validated with every shape that targets it). ``inplace``: the caller does not use
    ``data`` afterwards (pyshacl need not copy it).
    """
    # (pyshacl and rdflib's SPARQL parser imported when pyshacl first runs: ~0.3 s at start-up that a republish
    # whose pages shacl-rust passes never needs)
    from pyshacl import validate as shacl_validate

    _install_prepared_queries()
    settings = settings or Settings.from_env()
    shapes = shapes if shapes is not None else _cached_shapes(settings)
    extra = {"focus_nodes": focus_nodes} if focus_nodes else {}
    conforms, report_graph, _ = shacl_validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", advanced=True, allow_warnings=True, abort_on_first=False,
        inplace=inplace, **extra,
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
            terms=tuple(_term(t, report_graph) for t in (focus, path, comp, shape, sev, msg, value)),
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


# ---------------------------------------------------------------------------------------------- batches (kg build)

# Classes of the nodes a document owns (its own IRI and ``{doc}/...``): shapes that target only these are checked
# per batch of documents; the others (entities, aliases) once over every document's shared statements.
DOCUMENT_CLASSES = frozenset(AKG[c] for c in (
    "Document", "Telegram", "Letter", "Memorandum", "Note", "Report", "ArchivalReference", "DistributionEntry",
    "TransmissionEvent", "EditorialNote", "QualityFlag", "Attestation")) | {RDF.Statement}


@dataclass
class ShapeSet:
    graph: Graph
    turtle: str


_shape_sets: dict[tuple[str, str, bool], ShapeSet] = {}


def shape_set(settings: Settings, *, entities_only: bool = False) -> ShapeSet:
    """The shapes (as a graph and as Turtle for shacl-rust); ``entities_only`` drops the targets of the shapes
    that can only select document-owned nodes (:data:`DOCUMENT_CLASSES`, SPARQL targets)."""
    key = (str(settings.shapes_dir), settings.base_iri, entities_only)
    if key not in _shape_sets:
        g = Graph()
        g += _cached_shapes(settings)
        if entities_only:
            for shape in set(g.subjects(RDF.type, SH.NodeShape)):
                targets = set(g.objects(shape, SH.targetClass))
                if (g.value(shape, SH.target) is not None or (targets and targets <= DOCUMENT_CLASSES)) \
                        and not set(g.objects(shape, SH.targetNode)) and not set(g.objects(shape, SH.targetSubjectsOf)) \
                        and not set(g.objects(shape, SH.targetObjectsOf)):
                    g.remove((shape, SH.targetClass, None))
                    g.remove((shape, SH.target, None))
        _shape_sets[key] = ShapeSet(g, g.serialize(format="turtle"))
    return _shape_sets[key]


def engine_name() -> str:
    return "shacl-rust screen + pyshacl report" if _shacl_rust is not None else "pyshacl"


_screen_sets: dict[tuple[str, str], tuple[ShapeSet, bool, ShapeSet, frozenset[str]]] = {}
_SUBCLASS_OF = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"


def screen_documents(nt: str, *, settings: Settings) -> tuple[set[str] | None, bool, frozenset[str]]:
    """:func:`screen` for batches of pages (results about the pages' own nodes only), with less work for shacl-rust:
    the shapes whose SPARQL targets :mod:`kg.validate_screen` checks in Python left out when it can, and the
    targets of the shapes that select entities only (:func:`kg.validate_screen.entity_only`) unless the data has
    an ``rdfs:subClassOf`` statement. Returns the focus nodes shacl-rust reports (None without it), whether the
    SPARQL shapes were left out (the caller adds :func:`kg.validate_screen.candidates` of its pages) and the classes
    of the entity-only targets left out (the caller adds its page-owned nodes typed with one of them)."""
    if _shacl_rust is None:
        return None, False, frozenset()
    from kg.validate_screen import entity_only, screen_shapes

    key = (str(settings.shapes_dir), settings.base_iri)
    if key not in _screen_sets:
        full = shape_set(settings).graph
        g = screen_shapes(full)
        without_sparql = g is not None
        g = g if g is not None else full
        fewer, classes = entity_only(g)
        _screen_sets[key] = (ShapeSet(g, g.serialize(format="turtle")), without_sparql,
                             ShapeSet(fewer, fewer.serialize(format="turtle")), classes)
    shapes, without_sparql, fewer, classes = _screen_sets[key]
    if _SUBCLASS_OF not in nt:
        shapes = fewer
    else:
        classes = frozenset()
    r = _shacl_rust.validate(nt, shapes.turtle, data_format="nt", experimental_index=True)
    return {str(x.get("focusNode", "")).strip("<>") for x in r.get("results", [])}, without_sparql, classes


def screen(nt: str, *, settings: Settings, entities_only: bool = False) -> set[str] | None:
    """The focus nodes shacl-rust reports anything about (any severity), or None without shacl-rust."""
    if _shacl_rust is None:
        return None
    shapes = shape_set(settings, entities_only=entities_only)
    r = _shacl_rust.validate(nt, shapes.turtle, data_format="nt", experimental_index=True)
    return {str(x.get("focusNode", "")).strip("<>") for x in r.get("results", [])}


def validate_nt(nt: str, *, settings: Settings, keep: Callable[[str], bool] | None = None,
                entities_only: bool = False, screened: bool = True,
                focus: set[str] | None = None) -> tuple[list[Violation], str]:
    """Validate N-Triples text. Returns the results (pyshacl's) whose focus node ``keep`` accepts, and the engine
    that decided: ``shacl-rust`` when it found nothing at all, else ``pyshacl``, asked only about the focus nodes
    shacl-rust reported (``focus``, when the caller screened already: ``screened=False``)."""
    shapes = shape_set(settings, entities_only=entities_only)
    if _shacl_rust is not None and screened:
        r = _shacl_rust.validate(nt, shapes.turtle, data_format="nt", experimental_index=True)
        if r.get("conforms") and not r.get("results"):
            return [], "shacl-rust"
        focus = {str(x.get("focusNode", "")).strip("<>") for x in r.get("results", [])}
    if focus and not all(f.startswith(_ABSOLUTE) for f in focus):
        focus = None  # (a blank node or a literal: pyshacl's option takes IRIs only)
    g = Graph()
    g.parse(data=nt, format="nt")
    rep = validate_graph(g, shapes=shapes.graph, settings=settings, focus_nodes=sorted(focus) if focus else None,
                         inplace=True)
    return [v for v in rep.violations if keep is None or keep(v.focus)], "pyshacl"


_ABSOLUTE = ("http:", "https:", "urn:", "file:")


def sort_violations(violations: list[Violation]) -> None:
    violations.sort(key=lambda v: (v.severity != "Violation", v.document or "~", v.field or "", v.focus, v.rule))


def report_from(violations: list[Violation], *, engine: str) -> Report:
    """One report (text and graph) from the results of several batches."""
    g = Graph()
    nt = [f"_:report <{RDF.type}> <{SH.ValidationReport}> .\n",
          f'_:report <{SH.conforms}> "{"false" if any(v.severity == "Violation" for v in violations) else "true"}"'
          f"^^<http://www.w3.org/2001/XMLSchema#boolean> .\n",
          f'_:report <http://www.w3.org/2000/01/rdf-schema#comment> "validated by {engine}" .\n']
    props = (SH.focusNode, SH.resultPath, SH.sourceConstraintComponent, SH.sourceShape, SH.resultSeverity,
             SH.resultMessage, SH.value)
    for i, v in enumerate(violations):
        nt.append(f"_:report <{SH.result}> _:r{i} .\n_:r{i} <{RDF.type}> <{SH.ValidationResult}> .\n")
        for prop, term in zip(props, v.terms, strict=False):
            if term is not None and term.startswith("^"):
                nt.append(f"_:r{i} <{prop}> _:p{i} .\n_:p{i} <{SH.inversePath}> {term[1:]} .\n")
            elif term is not None:
                nt.append(f"_:r{i} <{prop}> {term} .\n")
    g.parse(data="".join(nt), format="nt")
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    failed = any(v.severity == "Violation" for v in violations)
    return Report(conforms=not failed, violations=violations, graph=g)
