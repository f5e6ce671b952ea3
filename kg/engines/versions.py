"""Engine-independent parts of serving immutable versions from one external engine.

Each published version lives in graphs of its own: graph ``G`` of version ``ID`` is ``urn:x-kg:ID:G`` in the
engine. Queries are written against the published graph names, so before a query goes to the engine its graph
IRIs are mapped to the version's (:func:`rewrite_graphs`), its dataset is pinned to the version's graphs, and on
the way back every IRI of the version's namespace is mapped back (:func:`unversion_iri`). A query therefore never
sees another version, a half-loaded one, or the engine's own system graphs.

:func:`check_query` decides what reaches the engine on what a real SPARQL 1.1 parser (rdflib's) makes of the
query: only standard SPARQL 1.1, no ``SERVICE``, and no extension function outside XSD casts. Engines expose
their own functions through extension IRIs (Virtuoso's ``bif:`` functions include an HTTP client), and those must
never be reachable from the public endpoint.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from kg.sparql_parsing import PARSE_LOCK

VERSION_NS = "urn:x-kg:"
XSD = "http://www.w3.org/2001/XMLSchema#"


def version_prefix(build_id: str) -> str:
    return f"{VERSION_NS}{build_id}:"


def version_graph(build_id: str, graph: str) -> str:
    return version_prefix(build_id) + graph


def unversion_iri(iri: str, prefix: str) -> str:
    return iri[len(prefix):] if iri.startswith(prefix) else iri


@dataclass(frozen=True)
class Checked:
    """What the parser found: whether the query names its own dataset (FROM / FROM NAMED)."""

    has_dataset: bool
    form: str  # SelectQuery, AskQuery, ConstructQuery, DescribeQuery


class Refused(Exception):
    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def normalize(query: str) -> str:
    """One line-end convention (a comment ends at CR or LF in SPARQL; engines' lexers disagree about a bare CR)."""
    if "\x00" in query:
        raise Refused("the query contains a NUL character")
    return query.replace("\r\n", "\n").replace("\r", "\n")


def _walk(node: object, found: list[tuple[str, object]], depth: int = 0) -> None:
    from rdflib.plugins.sparql.parserutils import CompValue

    if depth > 400:
        raise Refused("the query is nested too deeply")
    if isinstance(node, CompValue):
        if node.name == "Function":
            found.append(("function", node.get("iri")))
        elif node.name in ("ServiceGraphPattern", "SERVICE"):
            found.append(("service", node.get("term")))
        for v in node.values():
            _walk(v, found, depth + 1)
    elif isinstance(node, dict):
        for v in node.values():
            _walk(v, found, depth + 1)
    elif isinstance(node, list | tuple):
        for v in node:
            _walk(v, found, depth + 1)


@functools.lru_cache(maxsize=2048)
def check_query(query: str) -> Checked:
    """Parse with rdflib's SPARQL 1.1 parser; raise :class:`Refused` for anything an engine must not be asked."""
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        with PARSE_LOCK:  # pyparsing is not thread-safe (kg.sparql_parsing)
            parsed = parseQuery(query)
            translated = translateQuery(parsed)
    except Exception as e:  # pyparsing and rdflib raise several kinds; all mean "not SPARQL 1.1 we accept"
        raise Refused(f"malformed query: {str(e).splitlines()[0] if str(e) else type(e).__name__}") from None
    found: list[tuple[str, object]] = []
    _walk(parsed, found)
    _walk(translated.algebra, found)
    for kind, value in found:
        if kind == "service":
            raise Refused("SERVICE is not allowed: this endpoint does not query other endpoints", 403)
        iri = str(value)
        if not iri.startswith(XSD):
            raise Refused(f"the function <{iri}> is not available on this endpoint (SPARQL 1.1 functions and XSD "
                          "casts are)", 400)
    has_dataset = "datasetClause" in parsed[1]
    return Checked(has_dataset=has_dataset, form=translated.algebra.name)


_TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?P<var>[?$][\w\u00b7-\uffff]+)
  | (?P<pname>(?:[A-Za-z\u00c0-\uffff][\w\-.\u00b7-\uffff]*)?:(?:[\w\-.:%\u00b7-\uffff]|\\[_~.\-!$&'()*+,;=/?\#@%])*)
  | (?P<word>[A-Za-z_][\w\-]*)
  | (?P<other>\S)
    """,
    re.VERBOSE | re.DOTALL,
)


_GRAPH_WORDS = {"FROM", "NAMED", "GRAPH"}


def rewrite_graphs(query: str, mapping: dict[str, str]) -> str:
    """Replace each graph name (an IRI, written ``<...>`` or as a prefixed name, right after ``FROM``, ``FROM NAMED``
    or ``GRAPH``) that is a key of ``mapping`` by ``<value>``.

    The same IRI elsewhere is a resource (a graph may describe itself) and stays. A graph IRI bound to a variable
    by other means (``VALUES ?g { <G> }``, ``FILTER(?g = <G>)``) is not mapped: it matches no graph on the engine.
    """
    if not mapping:
        return query
    prefixes: dict[str, str] = {}
    out: list[str] = []
    pos = 0
    pending_prefix: str | None = None
    last_word = ""
    for m in _TOKEN.finditer(query):
        kind, text = m.lastgroup, m.group(0)
        replacement = None
        if kind == "word":
            last_word = text.upper()
            continue
        if kind == "pname":
            if last_word == "PREFIX" and pending_prefix is None and text.endswith(":"):
                pending_prefix = text[:-1]
                last_word = ""
                continue
            local = text
            trail = ""
            while local.endswith(".") and not local.endswith("\\."):
                local, trail = local[:-1], trail + "."
            ns, _, name = local.partition(":")
            if ns in prefixes:
                iri = prefixes[ns] + re.sub(r"\\(.)", r"\1", name)
                if iri in mapping and last_word in _GRAPH_WORDS:
                    replacement = f"<{mapping[iri]}>" + trail
        elif kind == "iri":
            iri = text[1:-1]
            if pending_prefix is not None:
                prefixes[pending_prefix] = iri
                pending_prefix = None
            elif iri in mapping and last_word in _GRAPH_WORDS:
                replacement = f"<{mapping[iri]}>"
        last_word = ""
        if replacement is not None:
            out.append(query[pos:m.start()])
            out.append(replacement)
            pos = m.end()
    out.append(query[pos:])
    return "".join(out)
