"""The unreconciled person names of every page, kept with each version (``names.pkl``), and what the cross-page
merges of those names (:mod:`kg.authorities.merge`) mean for each page.

The merges are decided over the names of all pages. A version derived from the previous one reads the names of
the pages whose files changed only, and takes the others from the previous version's index (same code and
authority files: same :func:`kg.build_workers.fingerprint`).

A page's output depends on the merges only through the names it carries: :func:`merge_signatures` gives each page
the merge decisions about its own names, which go into its cache key. A merge that changes (a page added that
names another person of the family name, a curator keeping a name apart) thus re-maps the pages that carry its
names and no other; the merged entities' descriptions are in the authorities graph, replaced as a whole.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.authorities.merge import Merge
    from kg.authorities.resolution import Authorities

NAMES = "names.pkl"  # (versions built before the chunks)
NAMES_DIR = "names"


@dataclass
class PageNames:
    """``{path: (size, mtime_ns, doc_id or None, [(key, label)])}`` of every readable source, in source order."""

    pages: dict[str, tuple[int, int, str | None, list[tuple[str, str]]]]
    read: int = 0  # pages whose names were read (not taken from the previous version)
    records: dict[str, str] = dataclasses.field(default_factory=dict)  # path -> record digest, of the pages read

    def rows(self) -> list[tuple[str, str, str]]:
        """``(key, label, doc_id)``, what :func:`kg.authorities.merge.cluster` takes."""
        return [(k, label, doc) for _s, _m, doc, names in self.pages.values() if doc for k, label in names]

    def save(self, root: Path, part_of: dict[str, int] | None = None, prev_root: Path | None = None,
             linked: set[int] | frozenset[int] = frozenset()) -> None:
        """In chunks, one per dump part (``names/names-00001.pkl``, ...; ``part_of``: each page's part, 0 when it
        has none); a chunk of a part the previous version's ``linked`` (unchanged) is a hard link to its chunk."""
        by_part: dict[int, dict] = {}
        for src, got in self.pages.items():
            by_part.setdefault((part_of or {}).get(src, 0), {})[src] = got
        folder = root / NAMES_DIR
        folder.mkdir(exist_ok=True)
        for part, pages in by_part.items():
            name = f"names-{part:05d}.pkl"
            old = prev_root / NAMES_DIR / name if prev_root is not None else None
            if part and part in linked and old is not None and old.is_file():
                os.link(old, folder / name)
            else:
                (folder / name).write_bytes(zlib.compress(pickle.dumps(pages, protocol=pickle.HIGHEST_PROTOCOL), 1))


def load(root: Path) -> dict | None:
    """The names a version kept: its chunks, or ``names.pkl`` (a version built before chunks)."""
    from kg.derive import no_gc

    try:
        if (root / NAMES_DIR).is_dir():
            with no_gc():  # (100k pages' names: see kg.derive.no_gc)
                return _load_chunks(root)
        return pickle.loads(zlib.decompress((root / NAMES).read_bytes()))
    except Exception:  # none (a version built before), or unreadable: every page is read
        return None


def _load_chunks(root: Path) -> dict:
    out: dict = {}
    for f in sorted((root / NAMES_DIR).glob("names-*.pkl")):
        out.update(pickle.loads(zlib.decompress(f.read_bytes())))
    return out


def page_names(sources: Iterable[str], auth: Authorities, previous: Path | None, *, cache_dir: Path | None,
               auth_dir: Path | None, records_dir: Path | None = None, rehash: bool = False,
               keys: tuple[str, dict[str, tuple[str, str]]] | None = None) -> PageNames:
    """The names of every source: from the version in ``previous`` (its folder; built with the same fingerprint)
    for the files that did not change (size and modification time), read for the others. The records parsed here
    are kept in ``records_dir`` (if given) for the build to map (:func:`kg.authorities.merge.record_file`).
    ``rehash``: every file is read (its names come from the names cache, keyed by content, when it is unchanged).
    ``keys``: the page fingerprint and the previous version's ``{path: (page key, merge signature)}``
    (:meth:`kg.derive.PreviousVersion.page_keys`, same page code): a page read whose record gives its key again
    keeps the names that version has for it, without recognizing them again (new parser code, most pages alike)."""
    from kg.authorities.merge import gather_by_path

    old = (load(previous) if previous is not None else None) or {}
    pages: dict[str, tuple | None] = {}
    todo: list[str] = []
    stats: dict[str, tuple[int, int]] = {}
    for src in sources:
        try:
            st = os.stat(src)
        except OSError:
            continue  # unreadable: the build reports it
        stats[src] = (st.st_size, st.st_mtime_ns)
        got = old.get(src)
        if got is not None and got[:2] == stats[src] and not rehash:
            pages[src] = got
        else:
            pages[src] = None
            todo.append(src)
    same = (keys[0], {p: k for p, k in keys[1].items() if p in old}) if keys is not None else None
    found = gather_by_path(todo, auth, cache_dir, auth_dir, records_dir=records_dir, same=same) if todo else {}
    out: dict[str, tuple[int, int, str | None, list[tuple[str, str]]]] = {}
    records: dict[str, str] = {}  # (kg.stage_keys.record_digest: the build compares a page read again by its key)
    for src, got in pages.items():
        if got is None:
            if src not in found:
                continue
            names = found[src]["names"]
            got = (*stats[src], found[src]["doc"], old[src][3] if names is None else [tuple(x) for x in names])
            if found[src].get("rec"):
                records[src] = found[src]["rec"]
        out[src] = got  # type: ignore[assignment]
    return PageNames(out, read=len(todo), records=records)


def merge_signatures(names: PageNames, merges: Iterable[Merge]) -> dict[str, str]:
    """For each page carrying a merged name: a hash of the merge decisions about its names (name key -> the merged
    entity's key and label, what its statements use). Pages with no merged name are left out (no signature)."""
    merged = {k: m for m in merges for k in m.members}
    out: dict[str, str] = {}
    for src, (_s, _m, _doc, page) in names.pages.items():
        decided = sorted({(k, merged[k].key, merged[k].label) for k, _label in page if k in merged})
        if decided:
            out[src] = hashlib.sha256(repr(decided).encode("utf-8")).hexdigest()[:32]
    return out
