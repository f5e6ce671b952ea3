"""Compact JSON-LD: what pyoxigraph writes (expanded: full IRIs, every value an array of objects) made readable
with the published context (``/context.jsonld``: our prefixes and entity namespaces).

The answer carries the context inline, identical to the published one, so a parser needs no network to read it
(a remote ``@context`` would make every client fetch it, and ours refuse remote contexts): property names and
``@id``/``@type`` values become prefixed names (``akg:sender``, ``person:joseph-stalin``), plain strings become
strings, and one-element arrays their element.
"""

from __future__ import annotations

import json
from typing import Any

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_KEYWORDS = {"@id", "@type", "@graph", "@value", "@language", "@list", "@set", "@index", "@reverse", "@direction"}


class Compactor:
    def __init__(self, prefixes: dict[str, str]) -> None:
        # longest namespace first, so "person:" wins over a shorter prefix of the same IRI
        self.prefixes = sorted(((p, ns) for p, ns in prefixes.items() if ns), key=lambda kv: -len(kv[1]))

    def iri(self, iri: str) -> str:
        for prefix, ns in self.prefixes:
            if iri.startswith(ns) and len(iri) > len(ns):
                rest = iri[len(ns):]
                if not rest.startswith("//"):
                    return f"{prefix}:{rest}"
        return iri

    def value(self, v: Any) -> Any:
        if isinstance(v, dict):
            if "@value" in v:
                if set(v) == {"@value"} and isinstance(v["@value"], str):
                    return v["@value"]
                out = dict(v)
                if "@type" in out:
                    out["@type"] = self.iri(out["@type"])
                return out
            return self.node(v)
        return v

    def node(self, n: dict) -> dict:
        out: dict[str, Any] = {}
        n = dict(n)
        types = n.get(RDF_TYPE)
        if isinstance(types, list) and all(isinstance(t, dict) and set(t) == {"@id"} and not t["@id"].startswith("_:")
                                           for t in types):
            del n[RDF_TYPE]  # rdf:type written as @type, as JSON-LD readers expect
            n["@type"] = list(n.get("@type", [])) + [t["@id"] for t in types]
        for k, v in n.items():
            if k == "@id":
                out[k] = self.iri(v) if not v.startswith("_:") else v
            elif k == "@type":
                types = [self.iri(t) for t in (v if isinstance(v, list) else [v])]
                out[k] = types[0] if len(types) == 1 else types
            elif k == "@graph":
                out[k] = [self.node(x) for x in v]
            elif k in _KEYWORDS:
                out[k] = v
            else:
                values = [self.value(x) for x in (v if isinstance(v, list) else [v])]
                out[self.iri(k)] = values[0] if len(values) == 1 else values
        return out


def compact(expanded: bytes | str | list | dict, context: dict[str, str]) -> dict:
    """``{"@context": context, "@graph": [...]}`` from expanded JSON-LD (a list of node objects)."""
    data = json.loads(expanded) if isinstance(expanded, (bytes, str)) else expanded
    nodes = data if isinstance(data, list) else [data]
    c = Compactor(context)
    return {"@context": dict(context), "@graph": [c.node(n) for n in nodes]}
