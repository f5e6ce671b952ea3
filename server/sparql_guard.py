"""What a query may ask of the public endpoint: never a fetch of a remote URL, decided on a real parse.

The decision is taken on the parse tree of rdflib's SPARQL 1.1 parser, not on a hand-written scan of the text:

* ``SERVICE`` is refused unless an allow-list names the endpoint (``KG_SERVICE_ALLOW``: comma-separated IRI
  prefixes, empty by default, matched on the IRI after prefixes and ``BASE`` are applied); ``SERVICE ?var``
  always (403);
* ``FROM`` / ``FROM NAMED`` must name graphs of our store (400 otherwise: the store never fetches them, but a
  query that expects it gets a clear answer instead of an empty result);
* a query that mentions ``SERVICE`` or ``FROM`` and that the parser cannot read is refused (400), so that no text
  the engine would run can slip past the decision unread; an update (``LOAD``, ``INSERT`` ...) is 403.

Where the two parsers could disagree, the text rdflib reads is made to agree with what pyoxigraph (the engine)
reads: a comment ends at a carriage return as well as at a line feed (the SPARQL grammar's rule; rdflib ends it at
``\\n`` only, so rdflib is given the text with ``\\r`` as ``\\n``, which changes no token boundary anywhere else),
and ``\\uXXXX`` escapes are not expanded before parsing (pyoxigraph does not, so ``\\u0053ERVICE`` is no keyword
for it). The agreement is fuzzed against pyoxigraph itself in ``tests/test_sparql_guard.py``: every query the guard
accepts is run in pyoxigraph beside a listener that must never be reached.

Only a query whose text contains the letters of ``service`` or ``from`` (any case; pyoxigraph reads keywords
literally and case-insensitively in ASCII) can hold those clauses, so other queries skip the parse (about 7 ms);
results are cached by text. The guard is the first line; the second is that query workers have no network
(:func:`server.executor.isolate_network`).

:func:`inspect` also says whether the query is exactly a count of the whole default graph (answered from the
build's statistics by :mod:`server.sparql`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from pyparsing import ParseBaseException
from rdflib.plugins.sparql import parser as _parser
from rdflib.plugins.sparql.algebra import translatePrologue
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import URIRef, Variable

from kg.sparql_parsing import PARSE_LOCK as _PARSE_LOCK

#: Words whose letters must appear in a query that could hold a SERVICE or a dataset clause, or be a count.
TRIGGERS = ("service", "from")
COUNT_TRIGGER = "count"


@dataclass
class Refused(Exception):
    status: int
    message: str

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Inspection:
    """What the guard learnt of an accepted query."""

    parsed: bool = False  # False: the text cannot hold SERVICE / FROM, it was not parsed
    count_var: str | None = None  # the query is exactly SELECT (COUNT(*) AS ?v) WHERE { ?s ?p ?o }


def parser_text(query: str) -> str:
    """The text given to rdflib: the same tokens as pyoxigraph reads (a comment also ends at ``\\r``)."""
    return query.replace("\r", "\n")




def parse(query: str) -> Any:
    """rdflib's parse tree of a query (no escape expansion, see the module docstring); raises ParseBaseException."""
    with _PARSE_LOCK:
        return _parser.Query.parse_string(parser_text(query), parse_all=True)


def is_update(query: str) -> bool:
    try:
        with _PARSE_LOCK:
            _parser.UpdateUnit.parse_string(parser_text(query), parse_all=True)
    except ParseBaseException:
        return False
    return True


def _walk(node: Any) -> Iterator[CompValue]:
    if isinstance(node, CompValue):
        yield node
        for v in node.values():
            yield from _walk(v)
    elif isinstance(node, list | tuple) or type(node).__name__ == "ParseResults":
        for v in node:
            yield from _walk(v)


def _get(node: CompValue, key: str) -> Any:
    """A field of a parse-tree node, or None (``CompValue.get`` answers the key itself when it is missing)."""
    return dict.get(node, key)


def _single(expr: Any) -> Any:
    """Unwrap rdflib's one-operand expression chain (ConditionalOrExpression > ... > PrimaryExpression)."""
    while isinstance(expr, CompValue) and expr.name.endswith("Expression") and set(expr) == {"expr"}:
        expr = expr["expr"]
    return expr


def _whole_store_count(q: CompValue) -> str | None:
    if q.name != "SelectQuery" or any(_get(q, k) for k in ("datasetClause", "groupby", "having", "orderby",
                                                         "limitoffset", "valuesClause", "modifier")):
        return None
    proj = _get(q, "projection")
    if not proj or len(proj) != 1:
        return None
    agg = _single(_get(proj[0], "expr"))
    var = _get(proj[0], "evar")
    if not (isinstance(agg, CompValue) and agg.name == "Aggregate_Count" and _get(agg, "vars") == "*"
            and not _get(agg, "distinct") and isinstance(var, Variable)):
        return None
    where = _get(q, "where")
    parts = list(_get(where, "part") or []) if isinstance(where, CompValue) else []
    if len(parts) != 1 or not isinstance(parts[0], CompValue) or parts[0].name != "TriplesBlock":
        return None
    triples = list(_get(parts[0], "triples") or [])
    if len(triples) != 1 or len(triples[0]) != 3:
        return None
    terms = list(triples[0])
    if not all(isinstance(t, Variable) for t in terms) or len(set(terms)) != 3:
        return None
    return str(var)


def inspect(query: str, *, local_graphs: Iterable[str] = (), service_allow: Iterable[str] = (),
            base_iri: str | None = None) -> Inspection:
    """Raise :class:`Refused` if the query could fetch; otherwise say what was learnt (see :class:`Inspection`)."""
    return _inspect(query, tuple(sorted(set(local_graphs))), tuple(a for a in service_allow if a), base_iri)


@functools.lru_cache(maxsize=4096)
def _inspect(query: str, graphs: tuple[str, ...], allow: tuple[str, ...], base_iri: str | None) -> Inspection:
    folded = query.lower()
    must = any(w in folded for w in TRIGGERS)
    if not must and COUNT_TRIGGER not in folded:
        return Inspection()
    try:
        tree = parse(query)
    except RecursionError:
        raise Refused(400, "the query is nested too deeply to be checked") from None
    except ParseBaseException as e:
        if not must:
            return Inspection()  # only the count shortcut was at stake: the engine decides
        if is_update(query):
            raise Refused(403, "this endpoint is read-only: SPARQL Update (INSERT, DELETE, LOAD, ...) is not "
                               "accepted") from None
        raise Refused(400, f"malformed query (line {e.lineno}, column {e.col}): {e.msg}. A query that names "
                           "SERVICE or FROM must be plain SPARQL 1.1") from None
    prologue = translatePrologue(tree[0], base_iri)
    query_node = tree[1]
    for node in _walk(query_node):
        if node.name == "ServiceGraphPattern":
            term = _get(node, "term")
            if isinstance(term, Variable):
                raise Refused(403, "SERVICE with a variable endpoint is not allowed on this endpoint")
            iri = str(prologue.absolutize(term))
            if not any(iri.startswith(a) for a in allow):
                raise Refused(403, f"SERVICE <{iri}> is not allowed: this endpoint does not query other endpoints "
                                   "(an administrator can allow named endpoints with KG_SERVICE_ALLOW)")
        elif node.name == "DatasetClause":
            term = _get(node, "default") or _get(node, "named")
            iri = str(prologue.absolutize(term)) if isinstance(term, URIRef | CompValue) else str(term)
            if iri not in graphs:
                raise Refused(400, f"FROM <{iri}> names no graph of this dataset; this endpoint never fetches "
                                   "remote data (the graphs it has are listed in its service description)")
    return Inspection(parsed=True, count_var=_whole_store_count(query_node))


def check_query(query: str, *, local_graphs: Iterable[str] = (), service_allow: Iterable[str] = (),
                base_iri: str | None = None) -> None:
    """Raise :class:`Refused` if the query could fetch (:func:`inspect` without the answer)."""
    inspect(query, local_graphs=local_graphs, service_allow=service_allow, base_iri=base_iri)
