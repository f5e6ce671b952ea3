"""The mapping's sink: the triples of one document, kept in order without duplicates, written as N-Triples text.

Mapping adds rdflib terms (``URIRef``, ``Literal``) one triple at a time, as it always did; instead of an
rdflib ``Graph`` (whose indexes cost more than the mapping itself) they go into a :class:`TripleSink`, which
only remembers them and serializes them straight to N-Triples lines. The build ships those lines between
processes, writes them into the dumps and bulk-loads them into the store; nothing builds a graph in memory.

A document's triples are split by subject: its **own** triples (subject the document or one of its parts,
``{doc}/...``) belong to that document alone, by construction of the IRIs; its **shared** triples describe
nodes several documents may state (unreconciled entities, aliases) and are deduplicated across documents, so
each statement is stored once.
"""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_IRI_BAD = set(' <>"{}|^`\\') | {chr(i) for i in range(0x21)}
_iri_cache: dict[str, str] = {}


def nt_iri(value: str) -> str:
    """``<iri>`` in N-Triples; characters an IRI may not hold are percent-encoded (pyoxigraph would refuse them)."""
    out = _iri_cache.get(value)
    if out is None:
        v = value
        if any(c in _IRI_BAD for c in v):
            v = "".join(f"%{ord(c):02X}" if c in _IRI_BAD else c for c in v)
        out = f"<{v}>"
        if len(_iri_cache) < 200_000:
            _iri_cache[value] = out
    return out


def nt_term(term: object) -> str:
    """One rdflib term as N-Triples."""
    if isinstance(term, URIRef):
        return nt_iri(str(term))
    if isinstance(term, Literal):
        lex = str(term).translate(_ESCAPES)
        if term.language:
            return f'"{lex}"@{term.language}'
        dt = term.datatype
        if dt is None or dt == XSD.string:
            return f'"{lex}"'
        return f'"{lex}"^^{nt_iri(str(dt))}'
    if isinstance(term, BNode):
        return f"_:{term}"
    raise TypeError(f"not an RDF term: {term!r}")


class TripleSink:
    """Graph-like collector: ``add((s, p, o))``, ``remove((s, p, o))`` with ``None`` as a wildcard, ``len``, iteration."""

    __slots__ = ("_t",)

    def __init__(self) -> None:
        self._t: dict[tuple, None] = {}

    def add(self, triple: tuple) -> None:
        self._t[triple] = None

    def remove(self, pattern: tuple) -> None:
        s, p, o = pattern
        for t in [t for t in self._t if (s is None or t[0] == s) and (p is None or t[1] == p) and (o is None or t[2] == o)]:
            del self._t[t]

    def __iter__(self) -> Iterator[tuple]:
        return iter(self._t)

    def __len__(self) -> int:
        return len(self._t)

    def __contains__(self, triple: tuple) -> bool:
        return triple in self._t

    def split_lines(self, own_prefix: str) -> tuple[list[str], list[str]]:
        """N-Triples lines of the triples whose subject is ``own_prefix`` or under ``own_prefix/``, and of the rest."""
        own: list[str] = []
        shared: list[str] = []
        under = own_prefix + "/"
        for s, p, o in self._t:
            line = f"{nt_term(s)} {nt_term(p)} {nt_term(o)} .\n"
            ss = str(s)
            (own if ss == own_prefix or ss.startswith(under) else shared).append(line)
        return own, shared

    def to_graph(self) -> Graph:
        g = Graph()
        for t in self._t:
            g.add(t)
        return g
