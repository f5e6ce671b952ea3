"""Authority files and name resolution.

The authority files in ``data/authorities/*.yaml`` (format: ``data/authorities/README.md``) list persons,
places, organizations, archives (repositories) and offices with their preferred label, variant spellings by
script and romanization system, misspellings seen in sources, cover names and nicknames, roles, office holders
and Wikidata IDs where verified.

The package is split by concern:

* :mod:`kg.authorities.model`: the entries in memory (:class:`Entity`, :class:`Label`, ...) and :class:`Resolution`;
* :mod:`kg.authorities.files`: reading and validating the files (errors name file, line and field);
* :mod:`kg.authorities.names`: how names are compared (case, diacritics, quotes, scripts, titles, letter-spacing);
* :mod:`kg.authorities.resolution`: :class:`Authorities` (``load``, ``resolve``, ``resolve_ref``, ``find_mentions``);
* :mod:`kg.authorities.graph`: the entries as RDF (``Authorities.to_graph``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.authorities.model import (
    ETYPES,
    FILE_TYPES,
    KIND_ACCEPTS,
    MENTION_ETYPES,
    AliasEntry,
    Entity,
    Label,
    OfficeTerm,
    Resolution,
    Role,
)
from kg.authorities.names import match_key, tokens
from kg.authorities.resolution import Authorities

if TYPE_CHECKING:
    from kg.records import Span


def find_mentions(authorities: Authorities, text: str, offset: int = 0) -> list[tuple[Span, Resolution]]:
    """Every known name of a person, place or organization in ``text`` (see :meth:`Authorities.find_mentions`)."""
    return authorities.find_mentions(text, offset)


__all__ = [
    "ETYPES", "FILE_TYPES", "KIND_ACCEPTS", "MENTION_ETYPES", "AliasEntry", "Authorities", "Entity", "Label",
    "OfficeTerm", "Resolution", "Role", "find_mentions", "match_key", "tokens",
]
