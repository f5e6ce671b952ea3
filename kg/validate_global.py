"""The rules over all documents together (one entity per alias, an alias naming an agent or a place, every entity
labelled and said to be reconciled or not, ...), run again only where a derived version changed them.

The global pass of a build validates the statements about shared nodes (entities, aliases) of every page, with
the authorities graph and the types of the document nodes they point at (:func:`kg.validate.validate_nt` with
the entity shapes). A build from scratch runs it over all of them. A derived version keeps, beside its index,
the authorities text it validated and the results (:class:`GlobalState`); the next one compares the lines
(old: the previous pages' shared and context lines and that text; new: this build's) and re-validates only the
nodes whose result may differ:

* the subjects and the IRI objects of the lines added or removed (their own statements, or the statements
  pointing at them that name their documents in the report, changed), classes aside (no entity shape targets a
  class: the instances of ``akg:Document`` are not its neighbourhood);
* the nodes with a statement pointing at a subject of those lines (a rule on the type of a value: ``sh:class``,
  "the entity an alias names must be an agent or a place").

Every entity shape targets nodes by class and reads the focus node's own statements and its values' types, so
the result of a node depends on its own statements, those of its values and those pointing at it; the pass
validates exactly that neighbourhood of the nodes above (and every ``rdfs:subClassOf`` line) and keeps the
previous results of every other node. Of a value, only its type lines are taken when no shape reads more of
it (:func:`_values_by_type_only`); shacl-rust screens the neighbourhood and pyshacl reports on the nodes it flags
among those, as in the whole pass. Blank nodes anywhere in the data, or the document shapes in play (a
shared node typed with a document class), mean the whole pass (:func:`validate_all`).
``tests/test_validate_global.py`` compares both on random edits with seeded cross-document violations.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.config import Settings
from kg.quads import nt_lines
from kg.validate import Violation, screen, shape_set, validate_nt

_SUBCLASS = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"
_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


@dataclass
class GlobalState:
    """What the global pass of a published version validated and found (kept in its index)."""

    context_nt: str  # the authorities (and enrichment) lines, as validated
    results: list[Violation]
    entities_only: bool
    base_iri: str = ""
    report_sum: str = ""  # of every result of the version's report (:func:`results_sum`)
    # the lines validated (``context_nt``'s and the pages' shared and context lines, once each, in order) and the
    # pages' shared lines (the documents graph's statements about shared nodes): the next version compares its
    # own with these instead of going through every page's lines again (None: a version that kept none)
    lines: list[str] | None = None
    shared: list[str] | None = None
    # :func:`lines_sum` of what was validated (the same inputs give the same lines and results: the next version
    # then reads neither; the lines are kept in a file of their own, LINES_FILE, hard-linked while they are the same)
    raw_sum: str = ""
    n_lines: int = 0


LINES_FILE = "global-lines.pkl"  # GlobalState.lines and .shared, beside a version's index


def lines_sum(context_nt: str, shared: list[str], context: list[str]) -> str:
    """A digest of the global pass's inputs: the context's lines in any order (rdflib writes them in a per-process
    order), the pages' shared and context lines in order."""
    import hashlib

    h = hashlib.sha256("".join(sorted(nt_lines(context_nt))).encode("utf-8") + b"\0")
    h.update("".join(shared).encode("utf-8") + b"\0")
    h.update("".join(context).encode("utf-8"))
    return h.hexdigest()


@dataclass
class GlobalRun:
    results: list[Violation]
    engine: str
    mode: str = "all"  # all | delta | unchanged
    nodes: int = 0  # nodes re-validated (delta)
    lines: int = 0  # lines of the data validated
    extra: dict = field(default_factory=dict)
    data: list[str] | None = field(default_factory=list)  # every line of the data (GlobalState.lines; None: the previous version's)


def _split(line: str) -> tuple[str, str, str]:
    s, rest = line.split(" ", 1)
    p, o = rest.split(" ", 1)
    return s, p, o.rstrip().removesuffix(".").rstrip()


def validate_all(text: str, *, settings: Settings, keep: Callable[[str], bool] | None,
                 entities_only: bool) -> GlobalRun:
    results, engine = validate_nt(text, settings=settings, keep=keep, entities_only=entities_only)
    return GlobalRun(results, engine, "all", lines=text.count("\n"))


def validate(context_nt: str, lines: Iterable[str], *, settings: Settings, keep: Callable[[str], bool] | None,
             entities_only: bool, previous: tuple[GlobalState, Iterable[str]] | Callable[[], tuple[GlobalState, Iterable[str]] | None] | None = None,
             raw_sum: str = "", previous_state: GlobalState | None = None) -> GlobalRun:
    """The global pass over ``context_nt`` and the (shared and context) ``lines`` of the pages; with ``previous``
    (the previous version's state and its pages' lines, or what gives them), only where the lines differ (see the
    module). ``raw_sum``: :func:`lines_sum` of the inputs; when it is ``previous_state``'s (same settings), the
    previous results are this pass's and nothing is read (``data`` None: the previous version's lines)."""
    if raw_sum and previous_state is not None and getattr(previous_state, "raw_sum", "") == raw_sum \
            and previous_state.entities_only == entities_only and previous_state.base_iri == settings.base_iri:
        return GlobalRun(list(previous_state.results), "previous version", "unchanged",
                         lines=getattr(previous_state, "n_lines", 0) or len(previous_state.lines or ()), data=None)
    if callable(previous):
        previous = previous()
    new = dict.fromkeys(x for x in nt_lines(context_nt) if x.strip())  # (not splitlines: U+2028)
    new.update(dict.fromkeys(lines))
    run = _validate(new, settings=settings, keep=keep, entities_only=entities_only, previous=previous)
    run.data = list(new)
    return run


def _validate(new: dict[str, None], *, settings: Settings, keep: Callable[[str], bool] | None,
              entities_only: bool, previous: tuple[GlobalState, Iterable[str]] | None) -> GlobalRun:
    text = "".join(new)
    if previous is None:
        return validate_all(text, settings=settings, keep=keep, entities_only=entities_only)
    state, old_lines = previous
    if state.entities_only != entities_only or not entities_only or state.base_iri != settings.base_iri \
            or "_:" in text or "_:" in state.context_nt:
        return validate_all(text, settings=settings, keep=keep, entities_only=entities_only)
    if getattr(state, "lines", None) is not None:
        old = dict.fromkeys(state.lines)  # type: ignore[arg-type]
    else:  # (a version that kept no lines: its pages')
        old = dict.fromkeys(x for x in nt_lines(state.context_nt) if x.strip())
        old.update(dict.fromkeys(old_lines))
    changed = [x for x in new if x not in old] + [x for x in old if x not in new]
    if not changed:
        return GlobalRun(list(state.results), "previous version", "unchanged", lines=len(new))
    if any("_:" in x for x in changed):
        return validate_all(text, settings=settings, keep=keep, entities_only=entities_only)
    subjects: set[str] = set()
    nodes: set[str] = set()
    for line in changed:
        s, p, o = _split(line)
        subjects.add(s)
        nodes.add(s)
        if o.startswith("<") and p != _TYPE:  # (a class is no entity: its instances are not its neighbourhood)
            nodes.add(o)
    split = [(_split(x), x) for x in new]
    for (s, _p, o), _x in split:
        if o in subjects:
            nodes.add(s)  # a rule on its value's type
    values = {o for (s, _p, o), _x in split if s in nodes and o.startswith("<")}
    typed_only = _values_by_type_only(settings)  # of a value, only its types count (no nested shapes)
    sub = [x for (s, p, o), x in split if s in nodes or o in nodes or p == _SUBCLASS
           or s in values and (p == _TYPE or not typed_only)]
    focus = {n[1:-1] for n in nodes}
    text = "".join(sub)
    flagged = screen(text, settings=settings, entities_only=entities_only)
    if flagged is not None and not flagged & focus:
        got, engine = [], "shacl-rust"
    else:  # pyshacl about the nodes shacl-rust flagged among those (all of them without shacl-rust)
        got, engine = validate_nt(text, settings=settings, keep=keep, entities_only=entities_only, screened=False,
                                  focus=(flagged & focus) if flagged is not None else focus)
    kept = [v for v in state.results if v.focus not in focus]
    return GlobalRun(kept + [v for v in got if v.focus in focus], engine, "delta", nodes=len(focus), lines=len(sub))


_NESTED = ("node", "or", "and", "xone", "not", "qualifiedValueShape")
_by_type_only: dict[tuple[str, str], bool] = {}


def _values_by_type_only(settings: Settings) -> bool:
    """True when no entity shape reads more of a value than its types: no nested shape (``sh:node``, logical
    constraints, a qualified value shape with more than ``sh:in``, ``sh:hasValue``), so a value's other lines
    need not be in the neighbourhood (an alias attested in 30,000 documents brings their types only)."""
    key = (str(settings.shapes_dir), settings.base_iri)
    if key not in _by_type_only:
        from rdflib.namespace import SH

        g = shape_set(settings, entities_only=True).graph
        ok = True
        for name in _NESTED:
            for inner in g.objects(None, SH[name]):
                if name != "qualifiedValueShape" or set(g.predicates(inner)) - {SH["in"], SH.hasValue}:
                    ok = False
        _by_type_only[key] = ok
    return _by_type_only[key]


def results_sum(results: list[Violation], engine: str) -> str:
    """A digest of a build's validation report: every result (its line and its terms), in order, and the engine."""
    import hashlib

    h = hashlib.sha256(engine.encode() + b"\0")
    for v in results:
        h.update(f"{v.line()}\t{v.terms!r}\n".encode())
    return h.hexdigest()


REPORT_FILES = ("validation-report.ttl", "validation-report.txt")


def reuse_report(previous: GlobalState | None, prev_dumps: Path, dumps: Path, digest: str) -> str | None:
    """When the previous version's report had the same results (``digest``), its files hard-linked into
    ``dumps`` (a report of thousands of warnings takes seconds to write as Turtle) and its text; else None."""
    if previous is None or getattr(previous, "report_sum", "") != digest:
        return None
    if not all((prev_dumps / n).is_file() for n in REPORT_FILES):
        return None
    for n in REPORT_FILES:
        os.link(prev_dumps / n, dumps / n)
    return (dumps / REPORT_FILES[1]).read_text(encoding="utf-8").rsplit("\nvalidated by ", 1)[0]


_SH = "http://www.w3.org/ns/shacl#"
_RESULT_PROPS = tuple(f"<{_SH}{p}>" for p in ("focusNode", "resultPath", "sourceConstraintComponent", "sourceShape",
                                               "resultSeverity", "resultMessage", "value"))


def report_nt(results: list[Violation], engine: str) -> str:
    """The SHACL report of ``results`` (sorted) as N-Triples, with blank nodes named by the result's content
    (and its rank among equal results): the same bytes in every build, without canonicalizing the graph."""
    import hashlib

    conforms = "false" if any(v.severity == "Violation" for v in results) else "true"
    out = [f"_:report <{_TYPE[1:-1]}> <{_SH}ValidationReport> .\n",
           f'_:report <{_SH}conforms> "{conforms}"^^<http://www.w3.org/2001/XMLSchema#boolean> .\n',
           f'_:report <http://www.w3.org/2000/01/rdf-schema#comment> "validated by {engine}" .\n']
    seen: dict[str, int] = {}
    for v in results:
        digest = hashlib.sha256(f"{v.line()}\t{v.terms!r}".encode()).hexdigest()[:20]
        n = seen[digest] = seen.get(digest, -1) + 1
        r = f"_:r{digest}{'x' + str(n) if n else ''}"
        out.append(f"_:report <{_SH}result> {r} .\n{r} {_TYPE} <{_SH}ValidationResult> .\n")
        for prop, term in zip(_RESULT_PROPS, v.terms, strict=False):
            if term is not None and term.startswith("^"):
                p = "_:p" + r[3:]
                out.append(f"{r} {prop} {p} .\n{p} <{_SH}inversePath> {term[1:]} .\n")
            elif term is not None:
                out.append(f"{r} {prop} {term} .\n")
    return "".join(out)


def write_report(results: list[Violation], engine: str, dumps: Path) -> str:
    """Write a build's validation report (``validation-report.ttl``, ``.txt``) into ``dumps`` and return its
    text. The Turtle is written by pyoxigraph from :func:`report_nt` (an rdflib graph, canonicalized and written as
    Turtle, took ~4 s for 2,800 warnings at 100k pages: a derived version whose results changed paid it)."""
    import pyoxigraph as ox

    from kg.namespaces import PREFIXES
    from kg.validate import Report

    nt = report_nt(results, engine).encode("utf-8")
    ox.serialize(ox.parse(nt, format=ox.RdfFormat.N_TRIPLES), str(dumps / REPORT_FILES[0]), ox.RdfFormat.TURTLE,
                 prefixes=dict(PREFIXES))
    text = Report(conforms=not any(v.severity == "Violation" for v in results), violations=results).text
    (dumps / REPORT_FILES[1]).write_text(f"{text}\nvalidated by {engine}\n", encoding="utf-8")
    return text
