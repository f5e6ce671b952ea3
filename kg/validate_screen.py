"""The document-level SPARQL rules screened in Python instead of by shacl-rust (the build's per-batch screen).

The shapes with a SPARQL target (``akgsh:ReceivedAfterSentShape``, ``...UnknownClockShape``, ``DocumentTitleShape``,
``DocumentDateShape``, ``CopiesAddUpShape``) select exactly the nodes that break them. shacl-rust answers their
SPARQL over each batch at ~0.5 ms a page (two fifths of its screen); what they select can be read from a page's own
statements, which the mapping has as N-Triples terms, in microseconds. So the screen runs shacl-rust on the other
shapes (:func:`screen_shapes`) and adds the nodes :func:`candidates` selects: every node one of those targets
selects, and possibly more (a superset: whatever is flagged is validated by pyshacl, the reference, on every shape
that targets it, so a node flagged for nothing costs a pyshacl run and changes no result).

The checks were written for these shapes as they are: :func:`screen_shapes` drops them from shacl-rust's set only
when the description of every shape with a SPARQL target (its triples, blank nodes included) has the digest
:data:`WRITTEN_FOR`; any edit of those shapes, or a new one, keeps them all in shacl-rust (exact, slower) until
the checks here are brought up to date. ``tests/test_validate_screen.py`` checks both, and
``tests/test_validate_partitioned.py`` the whole path against pyshacl over the whole graph.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable

from rdflib import BNode, Graph
from rdflib.namespace import RDF

from kg.namespaces import AKG, SH

# sha256 of the sorted N-Triples of the shapes with a SPARQL target (blank nodes as "_:"), see _described
WRITTEN_FOR = "929c9969141ef83274d106a160a64e30"

_XSD = "http://www.w3.org/2001/XMLSchema#"
_SENT, _RECEIVED = f"<{AKG.sentAt}>", f"<{AKG.receivedAt}>"
_TITLE, _DATE = "<http://purl.org/dc/terms/title>", "<http://purl.org/dc/terms/date>"
_COPIES_MADE, _DISTRIBUTION, _COPIES = f"<{AKG.copiesMade}>", f"<{AKG.distribution}>", f"<{AKG.copies}>"
_WATCHED = frozenset({_SENT, _RECEIVED, _TITLE, _DATE, _COPIES_MADE, _DISTRIBUTION, _COPIES})
_PLAIN = re.compile(r'"(?:[^"\\]|\\.)*"(?:@[A-Za-z]+(?:-[A-Za-z0-9]+)*)?')  # a string, with a language tag or not
_TYPED = re.compile(r'"([^"\\]*)"\^\^<([^>]*)>')  # (an escape in the lexical form: not read here, so flagged)
_DATE_TYPES = frozenset({_XSD + "date", _XSD + "gYearMonth", _XSD + "gYear"})
_DATE_LEX = re.compile(r"[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?")
_TZ = re.compile(r"(Z|[+-][0-9]{2}:[0-9]{2})$")


def _described(g: Graph) -> tuple[set, str]:
    """The shapes with a SPARQL target, and the digest of their description (what :data:`WRITTEN_FOR` is)."""
    shapes = {s for s, t in g.subject_objects(SH.target) if (t, RDF.type, SH.SPARQLTarget) in g}
    lines: set[str] = set()
    todo = list(shapes)
    seen = set(todo)
    while todo:
        node = todo.pop()
        for p, o in g.predicate_objects(node):
            lines.add(" ".join("_:" if isinstance(x, BNode) else x.n3() for x in (node, p, o)))
            if isinstance(o, BNode) and o not in seen:
                seen.add(o)
                todo.append(o)
    return shapes, hashlib.sha256("\n".join(sorted(lines)).encode("utf-8")).hexdigest()[:32]


def screen_shapes(shapes: Graph) -> Graph | None:
    """``shapes`` without the shapes :func:`candidates` screens (each one's triples and blank nodes), or None when
    those shapes are not the ones the checks were written for (:data:`WRITTEN_FOR`): then shacl-rust screens them."""
    found, digest = _described(shapes)
    if not found or digest != WRITTEN_FOR:
        return None
    g = Graph()
    g += shapes
    todo = list(found)
    while todo:
        node = todo.pop()
        for p, o in list(g.predicate_objects(node)):
            g.remove((node, p, o))
            if isinstance(o, BNode):
                todo.append(o)
    return g


def entity_only(shapes: Graph) -> tuple[Graph, frozenset[str]]:
    """``shapes`` with the targets of the shapes that select entities only taken away, and those targets' classes
    (as ``<iri>``).

    A batch's screen keeps only the results about the pages' own nodes (the document and ``{doc}/...``); the nodes
    other pages may describe (entities, aliases) are validated by the pass over every page's statements about them
    (:mod:`kg.validate_global`). A shape whose only targets are classes no document-owned node is meant to have
    (none of :data:`kg.validate.DOCUMENT_CLASSES` and :data:`PAGE_PART_CLASSES`: persons, aliases, offices, ...)
    thus gives the screen nothing
    it keeps, at ~0.5 ms a page (the alias rules' SPARQL over every alias of the authorities, with each batch). The
    caller flags instead every page-owned node typed with one of the returned classes (:func:`typed_with`), and
    keeps those shapes whole when the data says a class is a subclass of another (``rdfs:subClassOf``: a target
    class then selects more than the nodes typed with it)."""
    from rdflib.namespace import RDFS

    from kg.validate import DOCUMENT_CLASSES

    page_classes = DOCUMENT_CLASSES | PAGE_PART_CLASSES
    g = Graph()
    g += shapes
    classes: set[str] = set()
    others = (SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)
    for shape in set(g.subjects(RDF.type, SH.NodeShape)):
        targets = set(g.objects(shape, SH.targetClass))
        if not targets or targets & page_classes or (shape, RDF.type, RDFS.Class) in g \
                or any(True for p in others for _ in g.objects(shape, p)):
            continue
        g.remove((shape, SH.targetClass, None))
        classes.update(f"<{c}>" for c in targets)
    return g, frozenset(classes)


_RDF_TYPE = f"<{RDF.type}>"
# the other classes of the nodes the mapping makes under a page's IRI (kg.participation's meetings and roles, a
# reference that is a publication): their shapes stay in shacl-rust's screen (were one missing here, its nodes
# would be flagged by typed_with and validated by pyshacl: slower, the same results)
PAGE_PART_CLASSES = frozenset({AKG.Meeting, AKG.Participation, AKG.PublishedSource})


def typed_with(triples: Iterable[tuple[str, str, str]], prefix: str) -> list[tuple[str, str]]:
    """``(node, class)`` of the page-owned nodes (IRIs starting with ``prefix``, the documents' namespace) typed with a
    class other than a document class: what :func:`entity_only`'s classes are looked up in (usually nothing)."""
    from kg.validate import DOCUMENT_CLASSES

    doc_classes = _doc_classes(DOCUMENT_CLASSES)
    start = "<" + prefix
    return [(s[1:-1], o) for s, p, o in triples if p == _RDF_TYPE and o not in doc_classes and s.startswith(start)]


_DOC_CLASSES: frozenset[str] | None = None


def _doc_classes(classes: Iterable[object]) -> frozenset[str]:
    global _DOC_CLASSES
    if _DOC_CLASSES is None:
        _DOC_CLASSES = frozenset(f"<{c}>" for c in classes)
    return _DOC_CLASSES


def _lexical(term: str, datatype: str) -> str | None:
    m = _TYPED.fullmatch(term)
    return m[1] if m is not None and m[2] == datatype else None


def _received_before_sent(sent: str, received: str) -> bool:
    """Whether one of the two received-after-sent rules selects the pair (or it cannot be read: flagged)."""
    s, r = _lexical(sent, _XSD + "dateTime"), _lexical(received, _XSD + "dateTime")
    if s is None or r is None:
        return True
    if _TZ.search(s) and _TZ.search(r):  # both clocks known: compared as instants
        try:
            return dt.datetime.fromisoformat(r) < dt.datetime.fromisoformat(s)
        except ValueError:
            return True
    return r[:19] < s[:19]  # as written


def _integer(term: str) -> int | None:
    lex = _lexical(term, _XSD + "integer")
    try:
        return int(lex) if lex is not None else None
    except ValueError:
        return None


def candidates(triples: Iterable[tuple[str, str, str]]) -> set[str]:
    """The IRIs (without brackets) of the nodes the screened shapes' SPARQL targets may select in these statements
    (N-Triples terms: a page's own, as the mapping writes them; every statement about a page's nodes is its own)."""
    by: dict[str, dict[str, list[str]]] = {}
    for s, p, o in triples:
        if p in _WATCHED:
            by.setdefault(s, {}).setdefault(p, []).append(o)
    out: set[str] = set()
    for s, props in by.items():
        sent, received = props.get(_SENT, ()), props.get(_RECEIVED, ())
        if any(_received_before_sent(a, b) for a in sent for b in received) \
                or any(_PLAIN.fullmatch(t) is None for t in props.get(_TITLE, ())) \
                or any((m := _TYPED.fullmatch(d)) is None or m[2] not in _DATE_TYPES or _DATE_LEX.fullmatch(m[1]) is None
                       for d in props.get(_DATE, ())):
            out.add(s)
            continue
        made = props.get(_COPIES_MADE, ())
        rows = [c for e in props.get(_DISTRIBUTION, ()) for c in by.get(e, {}).get(_COPIES, ())]
        if made and rows:  # (SUM over every copiesMade value x entry x copies value; SAMPLE of the values made)
            n = _integer(made[0]) if len(made) == 1 else None
            values = [_integer(c) for c in rows]
            if n is None or None in values or sum(values) != n:  # type: ignore[arg-type]
                out.add(s)
    return {s[1:-1] for s in out if s.startswith("<")}
