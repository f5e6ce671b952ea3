"""Stable IRIs for unreconciled persons: an IRI published once keeps naming the same person in later builds.

An unreconciled person's IRI is minted from a name's key (``u-m-s-asimov``). When the names of one person are
merged across pages (:mod:`kg.authorities.merge`), the merge would take the key of its fullest name, so a page
added later with a fuller name ("Mikhail S. Asimov") would move the IRI and the old one would die. Others link
to our IRIs (Wikidata editors, other datasets), so each version keeps a registry of the unreconciled person keys
it published (``entity-iris.json`` beside its store, never in the published data):

* a merge whose names include a key published before keeps that key as its IRI (the earliest published one; the
  fullest name is still its label). A merge with no published key takes the key of its fullest name, as before;
* when two published keys come together (two entities found to be one person), the one that stays is chosen as
  above and the other is *replaced*: the authorities graph says ``dcterms:isReplacedBy`` and ``owl:sameAs`` with
  ``owl:deprecated true`` (what :mod:`kg.identifiers` says of a curator's merge), and the server answers the old
  IRI with a 301 to the new one;
* a published unreconciled person whose name an authority entry now has (``kg link --accept``, a new entry) is
  replaced by that entry's IRI in the same way;
* replacements are carried from version to version (chains followed to the IRI that stands now); an old IRI
  that names a live entity again (a curator kept a name apart) is no longer replaced.

The registry is read from the published version, whatever the build (derived or from scratch), so a rebuild from
scratch keeps the IRIs too.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.authorities.merge import Merge
    from kg.authorities.resolution import Authorities
    from kg.layout import BuildDir

REGISTRY = "entity-iris.json"


@dataclass(frozen=True)
class Replacement:
    old: str  # the key published before
    new: str  # the key that stands now
    date: str  # ISO date the old key was replaced
    names: tuple[str, ...] = ()  # the names merged, for the change note


@dataclass
class Registry:
    """``published``: unreconciled person key -> the build that first published it; ``replaced``: old key ->
    :class:`Replacement`."""

    published: dict[str, str] = field(default_factory=dict)
    replaced: dict[str, Replacement] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)  # published key -> the name it was published under
    live: set[str] = field(default_factory=set)  # the keys this build publishes

    @classmethod
    def load(cls, root: Path | None) -> Registry:
        if root is None or not (root / REGISTRY).is_file():
            return cls()
        try:
            data = json.loads((root / REGISTRY).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        reg = cls()
        for k, v in data.get("published", {}).items():
            reg.published[k], label = (v["since"], v.get("label", "")) if isinstance(v, dict) else (v, "")
            if label:
                reg.labels[k] = label
        for old, r in data.get("replaced", {}).items():
            reg.replaced[old] = Replacement(old, r["by"], r["date"], tuple(r.get("names", ())))
        return reg

    def save(self, root: Path) -> None:
        data = {"published": {k: {"since": b, "label": self.labels.get(k, "")} for k, b in sorted(self.published.items())},
                "replaced": {o: {"by": r.new, "date": r.date, "names": list(r.names)}
                             for o, r in sorted(self.replaced.items())}}
        tmp = root / (REGISTRY + ".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=0), encoding="utf-8")
        os.replace(tmp, root / REGISTRY)

    def final(self, key: str) -> str:
        seen: set[str] = set()
        while key in self.replaced and key not in seen:
            seen.add(key)
            key = self.replaced[key].new
        return key


def stabilize(merges: list[Merge], rows: Iterable[tuple[str, str, str]], previous: Registry, build_id: str,
              today: str | None = None) -> tuple[list[Merge], Registry]:
    """The merges with their keys made stable against ``previous`` (see the module), and this build's registry.
    ``rows``: ``(key, label, doc_id)`` of every unreconciled person name of the collection."""
    today = today or dt.date.today().isoformat()
    pub = previous.published
    out: list[Merge] = []
    for m in merges:
        seen = sorted((pub[k], k) for k in m.members if k in pub)
        if seen and seen[0][1] != m.key:
            # the earliest published key; among keys first published together, the merge's own choice if it is one
            first = seen[0][0]
            tied = [k for b, k in seen if b == first]
            keep = m.key if m.key in tied else tied[0]
            m = replace(m, key=keep)
        out.append(m)
    merged = {k: m for m in out for k in m.members}
    labels: dict[str, str] = {}
    for k, label, _doc in rows:
        labels.setdefault(merged[k].key if k in merged else k, merged[k].label if k in merged else label)
    live = set(labels)
    reg = Registry({k: pub.get(k, build_id) for k in live}, labels=dict(previous.labels), live=live)
    reg.labels.update(labels)
    for k, b in pub.items():  # keys published before and not standing now keep their first build
        reg.published.setdefault(k, b)
    for old, r in previous.replaced.items():
        if old not in live:
            reg.replaced[old] = r
    for m in out:
        for k in m.members:
            if k != m.key and k in pub and k not in live:
                names = tuple(sorted(set(m.members.values())))
                reg.replaced[k] = Replacement(k, m.key, today, names)
    for old in list(reg.replaced):  # chains: A -> B and B -> C is A -> C
        end = reg.final(old)
        if end == old:
            del reg.replaced[old]
        elif end != reg.replaced[old].new:
            reg.replaced[old] = replace(reg.replaced[old], new=end)
    return out, reg


def reconciled(reg: Registry, auth: Authorities, today: str | None = None) -> None:
    """A published unreconciled person whose name an authority entry now has (``kg link --accept``, a curator's
    new entry): its IRI is replaced by the entry's."""
    today = today or dt.date.today().isoformat()
    for k, label in sorted(reg.labels.items()):
        if k in reg.live or k in reg.replaced or not label:
            continue
        res = auth.resolve(label, "person")
        if res.reconciled and res.etype == "person":
            reg.replaced[k] = Replacement(k, res.key, today, (label,))


def apply(merges: list[Merge], rows: Iterable[tuple[str, str, str]], auth: Authorities,
          current: BuildDir | None, staging_root: Path, build_id: str) -> list[Merge]:
    """Stabilize the merges against the published version's registry, tell ``auth`` the replaced keys (for its
    graph) and write this build's registry into the staged version. Returns the merges."""
    merges, reg = stabilize(merges, list(rows), Registry.load(current.root if current else None), build_id)
    reconciled(reg, auth)
    auth.set_replaced(list(reg.replaced.values()))
    reg.save(staging_root)
    return merges
