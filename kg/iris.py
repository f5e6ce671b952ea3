"""Minting IRIs. Every IRI is derived from a source identifier or an authority key, never from order.

Patterns (``{base}`` is :attr:`kg.config.Settings.base_iri`, default ``https://w3id.org/archive-kg/``):

=====================  ===============================================================
entity                 IRI
=====================  ===============================================================
document               ``{base}id/document/{doc_id}``
person                 ``{base}id/person/{key}``
organization           ``{base}id/organization/{key}``
archive (repository)   ``{base}id/archive/{key}``
place                  ``{base}id/place/{key}``
office (a position)    ``{base}id/office/{key}``
alias (a cover name)   ``{base}id/alias/{entity_key}--{slug(alias)}``
archival reference     ``{base}id/document/{doc_id}/reference/{repository_key}``
distribution entry     ``{base}id/document/{doc_id}/distribution/{recipient_slug}``
header event           ``{base}id/document/{doc_id}/event/{kind}``
attestation            ``{base}id/document/{doc_id}/attestation/{digest}``
named graph            ``{base}graph/{name}``
=====================  ===============================================================

Keys of entities with no authority entry ("unreconciled") are ``u-{slug(name)}``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import URIRef

from kg.config import DEFAULT_BASE_IRI

ENTITY_TYPES = ("document", "person", "organization", "archive", "place", "office", "alias")
GRAPHS = ("documents", "authorities", "ontology", "enrichment", "build")

_SLUG_RE = re.compile(r"[^a-z0-9]+")
KEY_RE = re.compile(r"^[a-z0-9][a-z0-9-]*[a-z0-9]$|^[a-z0-9]$")


def ascii_words(text: str) -> str:
    """The Latin letters and digits of ``text`` folded to lower-case ASCII, runs of anything else as one hyphen
    (``"Fëdorov-Li"`` -> ``fedorov-li``); empty for a name without Latin letters. What :func:`slug` is made of."""
    folded = unicodedata.normalize("NFKD", text.replace("’", "").replace("'", ""))
    return _SLUG_RE.sub("-", folded.encode("ascii", "ignore").decode("ascii").lower()).strip("-")


def slug(text: str, *, max_len: int = 80) -> str:
    """ASCII slug of a name: ``"PAK HEON-YEONG"`` -> ``pak-heon-yeong``, ``"Dmitriĭ"`` -> ``dmitrii``.

    A name with no Latin letters (``"Сталин"``) gets a stable digest instead: ``h-3f2a9c01d4``.
    """
    s = ascii_words(text)[:max_len].strip("-")
    if not s:
        s = "h-" + hashlib.sha1(text.strip().encode("utf-8")).hexdigest()[:10]
    return s


def unreconciled_key(name: str) -> str:
    return "u-" + slug(name)


def digest(*parts: object, length: int = 12) -> str:
    h = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:length]


class IRIs:
    """IRI minting under one base."""

    def __init__(self, base: str = DEFAULT_BASE_IRI) -> None:
        if not base.endswith(("/", "#")):
            base += "/"
        self.base = base

    def entity(self, etype: str, key: str) -> URIRef:
        if etype not in ENTITY_TYPES:
            raise ValueError(f"unknown entity type {etype!r}")
        return URIRef(f"{self.base}id/{etype}/{key}")

    def document(self, doc_id: str) -> URIRef:
        return self.entity("document", doc_id)

    def person(self, key: str) -> URIRef:
        return self.entity("person", key)

    def organization(self, key: str) -> URIRef:
        return self.entity("organization", key)

    def archive(self, key: str) -> URIRef:
        return self.entity("archive", key)

    def place(self, key: str) -> URIRef:
        return self.entity("place", key)

    def office(self, key: str) -> URIRef:
        return self.entity("office", key)

    def alias(self, entity_key: str, alias_label: str) -> URIRef:
        return self.entity("alias", f"{entity_key}--{slug(alias_label)}")

    def document_part(self, doc_id: str, part: str, key: str) -> URIRef:
        return URIRef(f"{self.base}id/document/{doc_id}/{part}/{key}")

    def reference(self, doc_id: str, repository_key: str) -> URIRef:
        return self.document_part(doc_id, "reference", repository_key)

    def distribution(self, doc_id: str, recipient_key: str) -> URIRef:
        return self.document_part(doc_id, "distribution", recipient_key)

    def event(self, doc_id: str, kind: str) -> URIRef:
        return self.document_part(doc_id, "event", kind)

    def attestation(self, doc_id: str, *parts: object) -> URIRef:
        return self.document_part(doc_id, "attestation", digest(*parts))

    def graph(self, name: str) -> URIRef:
        if name not in GRAPHS:
            raise ValueError(f"unknown graph {name!r}")
        return URIRef(f"{self.base}graph/{name}")

    def local_path(self, iri: str) -> str | None:
        """The path part an IRI under this base has on a server (``/id/person/x``), or None if foreign."""
        if not iri.startswith(self.base):
            return None
        return "/" + iri[len(self.base):]

    def from_local_path(self, path: str) -> URIRef:
        return URIRef(self.base + path.lstrip("/"))
