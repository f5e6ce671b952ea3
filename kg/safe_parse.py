"""RDF parsing of user-supplied files that never touches the network.

What the parsers do by themselves (checked by ``tests/test_no_outbound.py``):

* rdflib's JSON-LD parser **fetches** a remote ``@context`` (or ``@import``) URL with urllib. Refused here.
* rdflib's RDF/XML parser (``xml.sax``, external general entities off since Python 3.7.1) does not resolve
  external entities, and pyoxigraph's RDF/XML parser rejects external entity declarations; still, a document
  that declares one (``<!ENTITY x SYSTEM "...">``, ``PUBLIC``, or an external DTD) is refused here with a clear
  message rather than half-parsed.
* pyoxigraph's JSON-LD parser has no document loader, so a remote context is an error there already.

Two layers: (1) a scan of the input before parsing, which names the offending IRI and line; (2) while any
parser runs under :func:`no_network`, a Python audit hook refuses every socket connection, name lookup and
``urllib`` request of this thread, so a parser path the scan does not know about still cannot reach out.
An allow-list (argument ``allow`` or ``KG_ALLOW_REMOTE``: comma-separated URL prefixes) lets named remote
contexts through; empty by default.

Use :func:`parse_file` / :func:`parse_data` (rdflib graph) or :func:`load_file` (into a pyoxigraph-backed store)
for any file a user hands to ``kg validate`` or ``kg load``.
"""

from __future__ import annotations

import contextlib
import contextvars
import json
import os
import re
import sys
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pyoxigraph as ox
import rdflib

from kg.errors import IngestError, KGError

ENV_ALLOW = "KG_ALLOW_REMOTE"

#: File suffix -> (rdflib format name, pyoxigraph format)
FORMATS: dict[str, tuple[str, ox.RdfFormat]] = {
    "ttl": ("turtle", ox.RdfFormat.TURTLE),
    "nt": ("nt", ox.RdfFormat.N_TRIPLES),
    "nq": ("nquads", ox.RdfFormat.N_QUADS),
    "trig": ("trig", ox.RdfFormat.TRIG),
    "jsonld": ("json-ld", ox.RdfFormat.JSON_LD),
    "json": ("json-ld", ox.RdfFormat.JSON_LD),
    "rdf": ("xml", ox.RdfFormat.RDF_XML),
    "xml": ("xml", ox.RdfFormat.RDF_XML),
    "owl": ("xml", ox.RdfFormat.RDF_XML),
    "n3": ("n3", ox.RdfFormat.N3),
}


class OutboundRefused(KGError):
    """A parser (or a query) wanted to reach a URL no allow-list names."""

    exit_code = 2

    def __init__(self, what: str, target: str, *, path: str | None = None, line: int | None = None) -> None:
        self.what = what
        self.target = target
        self.path = path
        self.line = line
        where = (f"{path}" + (f":{line}" if line else "") + ": ") if path else ""
        super().__init__(f"{where}{what} <{target}> refused: archive-kg never fetches remote resources while "
                         f"parsing (allow it with {ENV_ALLOW}=<url prefix> if you trust it)")


class UnsafeDocument(KGError):
    """A document that declares XML external entities or an external DTD."""

    exit_code = 2


def allowed_prefixes(allow: Sequence[str] | None = None) -> tuple[str, ...]:
    if allow is not None:
        return tuple(a for a in allow if a)
    return tuple(p.strip() for p in os.environ.get(ENV_ALLOW, "").split(",") if p.strip())


def is_allowed(url: str, allow: Sequence[str]) -> bool:
    return any(url.startswith(p) for p in allow)


# -- the network guard --------------------------------------------------------------------------------------------

@dataclass
class _Guard:
    allow: tuple[str, ...]
    hosts: set[tuple[str, int | None]] = field(default_factory=set)
    refused: list[str] = field(default_factory=list)


_GUARD: contextvars.ContextVar[_Guard | None] = contextvars.ContextVar("kg_no_network", default=None)
_HOOK_LOCK = threading.Lock()
_HOOK_INSTALLED = False


def _host_port(url: str) -> tuple[str, int | None]:
    parts = urlsplit(url)
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    return (parts.hostname or "", port)


def _audit(event: str, args: tuple[Any, ...]) -> None:
    guard = _GUARD.get()
    if guard is None:
        return
    if event == "urllib.Request":
        url = str(args[0])
        if not is_allowed(url, guard.allow):
            guard.refused.append(url)
            raise OutboundRefused("fetching", url)
    elif event == "socket.getaddrinfo":
        host, port = str(args[0]), args[1]
        if not any(h == host for h, _ in guard.hosts):
            guard.refused.append(f"{host}:{port}")
            raise OutboundRefused("resolving", f"{host}:{port}")
    elif event == "socket.connect":
        addr = args[1]
        if isinstance(addr, tuple) and len(addr) >= 2:
            host, port = str(addr[0]), addr[1]
            if not any(h == host and (p is None or p == port) for h, p in guard.hosts):
                guard.refused.append(f"{host}:{port}")
                raise OutboundRefused("connecting to", f"{host}:{port}")
        elif isinstance(addr, str | bytes):  # a Unix socket is not the internet, but not a parser's business
            guard.refused.append(str(addr))
            raise OutboundRefused("connecting to", str(addr))


def _install_hook() -> None:
    global _HOOK_INSTALLED
    with _HOOK_LOCK:
        if not _HOOK_INSTALLED:
            sys.addaudithook(_audit)  # audit hooks cannot be removed; it is a no-op outside no_network()
            _HOOK_INSTALLED = True


@contextlib.contextmanager
def no_network(allow: Sequence[str] | None = None) -> Iterator[_Guard]:
    """Within this block, this thread can open no connection except to the hosts of allow-listed URL prefixes."""
    _install_hook()
    prefixes = allowed_prefixes(allow)
    guard = _Guard(prefixes, {_host_port(p) for p in prefixes})
    # a connection to an allowed host is made by IP after resolution: allow the resolved addresses too
    for host, port in list(guard.hosts):
        with contextlib.suppress(OSError):
            import socket

            for info in socket.getaddrinfo(host, port):
                guard.hosts.add((str(info[4][0]), port))
    token = _GUARD.set(guard)
    try:
        yield guard
    finally:
        _GUARD.reset(token)


# -- scans before parsing -----------------------------------------------------------------------------------------

_EXTERNAL_ENTITY = re.compile(rb"<!ENTITY\s+%?\s*[^\s>]+\s+(SYSTEM|PUBLIC)\b", re.IGNORECASE)
_EXTERNAL_DTD = re.compile(rb"<!DOCTYPE\s+[^\s>\[]+\s+(SYSTEM|PUBLIC)\b", re.IGNORECASE)


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def check_xml(data: bytes, path: str = "<data>") -> None:
    """Refuse an XML document that declares an external entity or an external DTD."""
    for pattern, what in ((_EXTERNAL_ENTITY, "an external entity"), (_EXTERNAL_DTD, "an external DTD")):
        m = pattern.search(data)
        if m:
            raise UnsafeDocument(f"{path}:{_line_of(data, m.start())}: the document declares {what} "
                                 f"({m.group(0).decode('utf-8', 'replace')}...): refused, archive-kg never "
                                 "resolves XML external entities")


def _contexts(node: Any) -> Iterator[str]:
    """Every remote IRI a JSON-LD document asks for: string ``@context`` values (also in lists) and ``@import``."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "@context":
                for item in value if isinstance(value, list) else [value]:
                    if isinstance(item, str):
                        yield item
                    elif isinstance(item, dict):
                        imp = item.get("@import")
                        if isinstance(imp, str):
                            yield imp
                        yield from _contexts(item)
            else:
                yield from _contexts(value)
    elif isinstance(node, list):
        for item in node:
            yield from _contexts(item)


def check_jsonld(data: bytes, path: str = "<data>", allow: Sequence[str] = ()) -> None:
    """Refuse a JSON-LD document whose ``@context`` names a remote document not allow-listed."""
    try:
        doc = json.loads(data)
    except (ValueError, UnicodeDecodeError) as e:
        line = getattr(e, "lineno", None)
        raise IngestError(path, f"not valid JSON-LD: {getattr(e, 'msg', e)}", line=line) from e
    for iri in _contexts(doc):
        if not is_allowed(iri, allow):
            needle = json.dumps(iri).encode("utf-8")
            pos = data.find(needle)
            raise OutboundRefused("remote JSON-LD @context", iri, path=path,
                                  line=_line_of(data, pos) if pos >= 0 else None)


def _check(data: bytes, rdflib_format: str, path: str, allow: Sequence[str]) -> None:
    if rdflib_format == "json-ld":
        check_jsonld(data, path, allow)
    elif rdflib_format in ("xml", "trix"):
        check_xml(data, path)


def format_of(path: Path) -> tuple[str, ox.RdfFormat]:
    fmt = FORMATS.get(path.suffix.lower().lstrip("."))
    if fmt is None:
        raise IngestError(str(path), "unknown RDF format: use one of " + ", ".join("." + s for s in FORMATS))
    return fmt


# -- syntax errors, in one sentence ------------------------------------------------------------------------------

FORMAT_NAMES = {"turtle": "Turtle", "nt": "N-Triples", "nquads": "N-Quads", "trig": "TriG", "xml": "RDF/XML",
                "json-ld": "JSON-LD", "trix": "TriX", "n3": "Notation3"}
_OX_FORMATS = {"nt": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS, "turtle": ox.RdfFormat.TURTLE,
               "trig": ox.RdfFormat.TRIG}
_OX_POSITION = re.compile(r"(?:at|between) line (\d+) column (\d+)(?: and line \d+ column \d+)?:\s*(.*)", re.S)


def syntax_error(e: Exception, data: bytes, rdflib_format: str, path: str) -> IngestError:
    """A parser's error as bad input (exit status 2) in one readable sentence with the file and line:
    "broken.ttl:3: not valid Turtle: newline found in string literal", not the parser's dump of bytes."""
    name = FORMAT_NAMES.get(rdflib_format, rdflib_format or "RDF")
    line: int | None = None
    why = " ".join(str(e).split())
    if hasattr(e, "_why") and isinstance(getattr(e, "lines", None), int):  # rdflib's Turtle/TriG/N3 parser
        line, why = e.lines + 1, str(e._why)  # type: ignore[attr-defined]
    elif hasattr(e, "getLineNumber"):  # xml.sax
        line, why = e.getLineNumber(), e.getMessage()  # type: ignore[attr-defined]
    elif (m := _OX_POSITION.search(str(e))) is not None:  # pyoxigraph
        line, why = int(m[1]), f"column {m[2]}: {' '.join(m[3].split())}"
    elif _OX_FORMATS.get(rdflib_format) is not None:  # rdflib's N-Triples parser gives no line: ask pyoxigraph
        try:
            for _ in ox.parse(data, format=_OX_FORMATS[rdflib_format]):
                pass
        except SyntaxError as oe:
            if (m := _OX_POSITION.search(str(oe))) is not None:
                line, why = int(m[1]), f"column {m[2]}: {' '.join(m[3].split())}"
    else:
        line = getattr(e, "lineno", None) if isinstance(getattr(e, "lineno", None), int) else None
    why = re.sub(r"\s*\(line \d+\)$", "", why).rstrip(". ")
    if len(why) > 200:
        why = why[:200] + "…"
    return IngestError(path, f"not valid {name}: {why}", line=line)


# -- the parsing entry points -------------------------------------------------------------------------------------

def parse_data(data: bytes | str, rdflib_format: str, *, path: str = "<data>", graph: rdflib.Graph | None = None,
               public_id: str | None = None, allow: Sequence[str] | None = None) -> rdflib.Graph:
    """Parse RDF text with rdflib, with no network access. ``rdflib_format`` is an rdflib format name."""
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    prefixes = allowed_prefixes(allow)
    _check(raw, rdflib_format, path, prefixes)
    g = graph if graph is not None else rdflib.Graph()
    with no_network(prefixes) as guard:
        try:
            g.parse(data=raw, format=rdflib_format, publicID=public_id or Path(path).resolve().as_uri()
                    if path != "<data>" else public_id)
        except OutboundRefused as e:
            raise OutboundRefused(e.what, e.target, path=path) from None
        except KGError:
            raise
        except Exception as e:  # rdflib raises many kinds; report them with the file
            if guard.refused:
                raise OutboundRefused("fetching", guard.refused[0], path=path) from None
            raise syntax_error(e, raw, rdflib_format, path) from e
    if guard.refused:  # a parser that swallowed the refusal still does not get its data
        raise OutboundRefused("fetching", guard.refused[0], path=path)
    return g


def parse_file(path: Path, rdflib_format: str | None = None, *, graph: rdflib.Graph | None = None,
               allow: Sequence[str] | None = None) -> rdflib.Graph:
    """Parse an RDF file with rdflib (format from the suffix unless given), with no network access."""
    path = Path(path)
    fmt = rdflib_format or format_of(path)[0]
    return parse_data(path.read_bytes(), fmt, path=str(path), graph=graph, allow=allow)


def load_file(store: Any, path: Path, *, graph: str | None = None, fmt: ox.RdfFormat | None = None,
              allow: Sequence[str] | None = None) -> None:
    """Load an RDF file into a store with a ``load(data, fmt, graph=)`` method (``kg.store.OxigraphStore`` or a
    ``pyoxigraph.Store``), after the same scans and under the same network guard."""
    path = Path(path)
    rdflib_format, ox_format = format_of(path) if fmt is None else ("", fmt)
    if fmt is not None:
        rdflib_format = {v[1]: v[0] for v in FORMATS.values()}.get(fmt, "")
    data = path.read_bytes()
    _check(data, rdflib_format, str(path), allowed_prefixes(allow))
    with no_network(allow) as guard:
        try:
            if isinstance(store, ox.Store):
                store.load(data, format=ox_format, to_graph=ox.NamedNode(graph) if graph else None)
            else:
                store.load(data, ox_format, graph=graph)
        except OutboundRefused as e:
            raise OutboundRefused(e.what, e.target, path=str(path)) from None
        except (SyntaxError, ValueError) as e:
            raise syntax_error(e, data, rdflib_format, str(path)) from e
    if guard.refused:
        raise OutboundRefused("fetching", guard.refused[0], path=str(path))
