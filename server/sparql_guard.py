"""What a query may ask of the public endpoint: read-only, and never a fetch of a remote URL.

A lexical scan that skips comments, string literals and IRIs, so that ``"SERVICE"`` inside a string or
``<http://x/LOAD>`` does not count. It refuses:

* SPARQL Update in any form (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ADD, MOVE, COPY, WITH ... );
* ``SERVICE <iri>`` unless an allow-list names the endpoint (``KG_SERVICE_ALLOW``: comma-separated IRI
  prefixes; empty by default), and ``SERVICE ?var`` always;
* ``FROM`` / ``FROM NAMED`` with an IRI that is not a graph of our store (the store never fetches them, but a
  query that expects it gets a clear answer instead of an empty result).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
_TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00b7-\uffff]+)
  | (?P<word>[A-Za-z_][A-Za-z0-9_\-]*(?::[A-Za-z0-9_\-.]*)?)
  | (?P<other>\S)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass
class Refused(Exception):
    status: int
    message: str

    def __str__(self) -> str:
        return self.message


def tokens(query: str) -> list[tuple[str, str]]:
    """(kind, text) tokens; comments dropped. Prefixed names stay one word."""
    out = []
    for m in _TOKEN.finditer(query):
        kind = m.lastgroup or "other"
        if kind == "comment":
            continue
        out.append((kind, m.group(0)))
    return out


def check_query(query: str, *, local_graphs: Iterable[str] = (), service_allow: Iterable[str] = ()) -> None:
    """Raise :class:`Refused` if the query would write or fetch."""
    toks = tokens(query)
    graphs = set(local_graphs)
    allow = [a for a in service_allow if a]
    depth = 0
    for i, (kind, text) in enumerate(toks):
        if kind == "other":
            if text == "{":
                depth += 1
            elif text == "}":
                depth -= 1
            continue
        if kind != "word":
            continue
        word = text.upper()
        if word in UPDATE_KEYWORDS and depth == 0:
            raise Refused(403, f"this endpoint is read-only: SPARQL Update ({word}) is not accepted")
        if word == "SERVICE":
            j = i + 1
            if j < len(toks) and toks[j][1].upper() == "SILENT":
                j += 1
            target = toks[j] if j < len(toks) else ("other", "")
            if target[0] != "iri":
                raise Refused(403, "SERVICE with a variable endpoint is not allowed on this endpoint")
            iri = target[1][1:-1]
            if not any(iri.startswith(a) for a in allow):
                raise Refused(403, f"SERVICE <{iri}> is not allowed: this endpoint does not query other endpoints "
                                   "(an administrator can allow named endpoints with KG_SERVICE_ALLOW)")
        if word == "FROM" and depth == 0:
            j = i + 1
            if j < len(toks) and toks[j][1].upper() == "NAMED":
                j += 1
            if j < len(toks) and toks[j][0] == "iri":
                iri = toks[j][1][1:-1]
                if iri not in graphs:
                    raise Refused(400, f"FROM <{iri}> names no graph of this dataset; this endpoint never fetches "
                                       "remote data (the graphs it has are listed in its service description)")
