"""The mapping's sink: the triples of one document as N-Triples terms, kept in order without duplicates.

Mapping adds one triple at a time. On the build's path its terms are plain strings (an IRI is a ``str``, a
literal the ``(N-Triples, lexical form)`` tuple of :func:`lit`), turned into N-Triples text once, here; rdflib
terms (``URIRef``, ``Literal``) are accepted too (tests, the reference mapping) and give the same text. Nothing
builds an rdflib graph: the build ships the lines between processes, writes them into the dumps and
bulk-loads them into the store.

A document's triples are split by subject: its **own** triples (subject the document or one of its parts,
``{doc}/...``) belong to that document alone, by construction of the IRIs; its **shared** triples describe
nodes several documents may state (unreconciled entities, aliases) and are deduplicated across documents, so
each statement is stored once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_IRI_BAD = set(' <>"{}|^`\\') | {chr(i) for i in range(0x21)}
_IRI_BAD_RE = re.compile('[\x00-\x20<>"{}|^`\\\\]')  # (the same characters: one search in C, not a loop a character)


def escape(text: str) -> str:
    """A literal's lexical form escaped for N-Triples (backslash, quote, line feed, carriage return): what
    ``text.translate(_ESCAPES)`` gives, without a lookup a character (most texts need no escape at all; a page's
    body is thousands of characters)."""
    if "\\" in text:
        text = text.replace("\\", "\\\\")
    if '"' in text:
        text = text.replace('"', '\\"')
    if "\n" in text:
        text = text.replace("\n", "\\n")
    if "\r" in text:
        text = text.replace("\r", "\\r")
    return text


def iri_needs_escape(value: str) -> bool:
    """Whether an IRI holds a character N-Triples does not allow in one (:data:`_IRI_BAD`)."""
    return _IRI_BAD_RE.search(value) is not None
_iri_cache: dict[str, str] = {}
_RDF_TYPE = f"<{RDF.type}>"


def nt_lines(text: str) -> list[str]:
    """N-Triples text as its lines, each with its ``\\n`` (the last one too if the text has it), split at ``\\n``
    only: N-Triples escapes only ``\\n`` and ``\\r`` in a literal, which may hold U+2028, U+2029, NEL, a form
    feed or a group separator as they are, where ``str.splitlines`` would cut the line."""
    lines = text.split("\n")
    last = lines.pop()
    out = [x + "\n" for x in lines]
    if last:
        out.append(last)
    return out


def nt_iri(value: str) -> str:
    """``<iri>`` in N-Triples; characters an IRI may not hold are percent-encoded (pyoxigraph would refuse them)."""
    out = _iri_cache.get(value)
    if out is None:
        v = str(value)
        if _IRI_BAD_RE.search(v) is not None:
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
        lex = escape(str(term))
        if term.language:
            return f'"{lex}"@{term.language}'
        dt_ = term.datatype
        if dt_ is None or dt_ == XSD.string:
            return f'"{lex}"'
        return f'"{lex}"^^{nt_iri(str(dt_))}'
    if isinstance(term, BNode):
        return f"_:{term}"
    raise TypeError(f"not an RDF term: {term!r}")


class StrNS:
    """A namespace whose terms are plain strings (``AKG.Telegram``, ``AKG["kind-x"]``), each made once."""

    def __init__(self, base: str) -> None:
        self._base = base

    def __getattr__(self, name: str) -> str:
        if name.startswith("__"):
            raise AttributeError(name)
        value = self._base + name
        setattr(self, name, value)
        return value

    def __getitem__(self, name: str) -> str:
        return self._base + name


_XSD_STRING, _XSD_BOOLEAN = str(XSD.string), str(XSD.boolean)
_EXACT = {(int, str(XSD.integer)), (dt.date, str(XSD.date)), (dt.datetime, str(XSD.dateTime))}


def lit(value: object, lang: str | None = None, datatype: str | None = None) -> tuple[str, str]:
    """A literal as ``(N-Triples, lexical form)``: what ``nt_term(Literal(value, lang=, datatype=))`` and
    ``str(Literal(...))`` give, without making the rdflib term (made only for the kinds of value not listed)."""
    t = type(value)
    if t is str:
        if datatype is None or datatype == _XSD_STRING:
            nt = '"' + escape(value) + '"'  # type: ignore[arg-type]
            return (nt + "@" + lang if lang else nt), value  # type: ignore[return-value]
    elif t is bool and datatype is None:
        lex = "true" if value else "false"
        return f'"{lex}"^^<{_XSD_BOOLEAN}>', lex
    elif lang is None and (t, datatype) in _EXACT:
        lex = str(value) if t is int else value.isoformat()  # type: ignore[attr-defined]
        return f'"{lex}"^^<{datatype}>', lex
    term = Literal(value, lang=lang, datatype=datatype)
    return nt_term(term), str(term)


def _nt(x: object) -> str:
    if type(x) is str:
        return _iri_cache.get(x) or nt_iri(x)  # type: ignore[arg-type]
    if type(x) is tuple:
        return x[0]  # type: ignore[index]
    return nt_term(x)


class TripleSink:
    """Graph-like collector of N-Triples terms: ``add((s, p, o))``, ``remove((s, p, o))`` with ``None`` as a
    wildcard, ``len``, ``in``; iteration gives ``(s, p, o)`` as N-Triples strings."""

    __slots__ = ("_t",)

    def __init__(self) -> None:
        self._t: dict[tuple[str, str, str], None] = {}

    def add(self, triple: tuple) -> None:
        s, p, o = triple
        self._t[(_nt(s), _nt(p), _nt(o))] = None

    def remove(self, pattern: tuple) -> None:
        s, p, o = (None if x is None else _nt(x) for x in pattern)
        for t in [t for t in self._t if (s is None or t[0] == s) and (p is None or t[1] == p) and (o is None or t[2] == o)]:
            del self._t[t]

    def __iter__(self) -> Iterator[tuple[str, str, str]]:
        return iter(self._t)

    def __len__(self) -> int:
        return len(self._t)

    def __contains__(self, triple: tuple) -> bool:
        return tuple(_nt(x) for x in triple) in self._t

    @staticmethod
    def _own(prefix: str) -> tuple[str, str]:
        d = nt_iri(prefix)
        return d, d[:-1] + "/"

    def split_lines(self, own_prefix: str) -> tuple[list[str], list[str]]:
        """N-Triples lines of the triples whose subject is ``own_prefix`` or under ``own_prefix/``, and of the rest."""
        own: list[str] = []
        shared: list[str] = []
        d, under = self._own(own_prefix)
        for s, p, o in self._t:
            (own if s == d or s.startswith(under) else shared).append(f"{s} {p} {o} .\n")
        return own, shared

    def context_lines(self, own_prefix: str) -> list[str]:
        """Type triples of the document's own nodes that its shared triples point at (an alias attested in it)."""
        d, under = self._own(own_prefix)
        pointed = {o for s, _p, o in self._t if (o == d or o.startswith(under)) and not (s == d or s.startswith(under))}
        if not pointed:
            return []
        return [f"{s} {p} {o} .\n" for s, p, o in self._t if p == _RDF_TYPE and s in pointed]

    def own_stats(self, own_prefix: str) -> tuple[int, int, dict[str, int], dict[str, int]]:
        """(triples, distinct subjects, triples per property, subjects per class) of the own triples, as
        :func:`kg.build_workers.own_line_stats` counts them from the lines (keys in order of first use)."""
        d, under = self._own(own_prefix)
        own = [t for t in self._t if t[0] == d or t[0].startswith(under)]
        props = Counter([p for _s, p, _o in own])
        classes = Counter([o for _s, p, o in own if p == _RDF_TYPE and o[0] == "<"])
        return (len(own), len({s for s, _p, _o in own}), {p[1:-1]: n for p, n in props.items()},
                {c[1:-1]: n for c, n in classes.items()})

    def to_graph(self) -> Graph:
        g = Graph()
        if self._t:
            g.parse(data="".join(f"{s} {p} {o} .\n" for s, p, o in self._t), format="nt")
        return g
