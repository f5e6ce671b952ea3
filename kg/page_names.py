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

import hashlib
import os
import pickle
import zlib
from collections.abc import Container, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.authorities.merge import Merge
    from kg.authorities.resolution import Authorities

NAMES = "names.pkl"  # (versions built before the chunks)
NAMES_DIR = "names"


@dataclass
class PageNames:
    """``{path: (size, mtime_ns, doc_id or None, [(key, label)])}`` of every readable source, in source order (a
    version derived by :func:`resolve` from a :class:`NamesState`: of the pages read or looked at only, the others'
    in the previous version's chunks); ``stats``: every readable source's ``(size, mtime_ns)``."""

    pages: dict[str, tuple[int, int, str | None, list[tuple[str, str]]]]
    read: int = 0  # pages whose names were read (not taken from the previous version)
    records: dict[str, str] = field(default_factory=dict)  # path -> record digest, of the pages read
    stats: dict[str, tuple[int, int]] = field(default_factory=dict)
    state: NamesState | None = None  # what the next version derives its merges from (kept by save)
    whole: bool = True  # pages holds every readable source's names

    def __post_init__(self) -> None:
        if not self.stats:
            self.stats = {src: (got[0], got[1]) for src, got in self.pages.items()}

    def rows(self) -> list[tuple[str, str, str]]:
        """``(key, label, doc_id)``, what :func:`kg.authorities.merge.cluster` takes."""
        return [(k, label, doc) for _s, _m, doc, names in self.pages.values() if doc for k, label in names]

    def save(self, root: Path, part_of: dict[str, int] | None = None, prev_root: Path | None = None,
             linked: set[int] | frozenset[int] = frozenset(), kept: Container[str] = frozenset(),
             taken: list[str] | None = None) -> None:
        """In chunks, one per dump part (``names/names-00001.pkl``, ...; ``part_of``: each page's part, 0 when it
        has none); a chunk of a part the previous version's ``linked`` (unchanged) is a hard link to its chunk.
        ``taken``: the pages of the parts written anew (a derived version's, :class:`kg.derive.PartsPlan`; the
        others' parts are linked). And the :class:`NamesState` (``kept``: the pages this version published)."""
        by_part: dict[int, list[str]] = {}
        for src in taken if taken is not None else self.stats if not self.whole else self.pages:
            by_part.setdefault((part_of or {}).get(src, 0), []).append(src)
        for part in linked if taken is not None else ():  # (the parts taken whole: their pages not listed)
            by_part.setdefault(part, [])
        folder = root / NAMES_DIR
        folder.mkdir(exist_ok=True)
        for part, srcs in by_part.items():
            name = f"names-{part:05d}.pkl"
            old = prev_root / NAMES_DIR / name if prev_root is not None else None
            if part and part in linked and old is not None and old.is_file():
                os.link(old, folder / name)
                continue
            if not self.whole and any(src not in self.pages for src in srcs):  # (unchanged pages: as they were)
                self.pages.update({k: v for k, v in _read_chunk(old).items() if k not in self.pages} if old else {})
            pages = {src: self.pages[src] for src in srcs if src in self.pages}
            (folder / name).write_bytes(zlib.compress(pickle.dumps(pages, protocol=pickle.HIGHEST_PROTOCOL), 1))
        if self.state is not None:
            self.state.save(root, prev_root, kept)


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


def _read_chunk(path: Path) -> dict:
    try:
        return pickle.loads(zlib.decompress(path.read_bytes()))
    except OSError:
        return {}


def _file_stats(sources: Iterable[str]) -> dict[str, tuple[int, int]]:
    """Each readable source's (size, modification time in ns), in the sources' order; an unreadable one is left out
    (the build reports it)."""
    stats: dict[str, tuple[int, int]] = {}
    for src in sources:
        try:
            st = os.stat(src)
        except OSError:
            continue
        stats[src] = (st.st_size, st.st_mtime_ns)
    return stats


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
    stats = _file_stats(sources)
    for src in stats:
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


# ------------------------------------------------------------------------- the merges, derived name by name

STATE = "names-state.pkl"
KEYS_DIR = "names-keys"  # the rows by name key, in buckets (bucket-NN.pkl), hard-linked when unchanged
BUCKETS = 64
Row = tuple[str, str, str]  # (path, label, doc_id)


def _bucket(key: str) -> int:
    return zlib.crc32(key.encode("utf-8")) % BUCKETS


@dataclass
class NamesState:
    """What a version derives its cross-page merges from name by name, kept beside its names (``names-state.pkl``
    and ``names-keys/bucket-NN.pkl``): each unreconciled person name key's rows ``(path, label, doc_id)`` in source
    order (in buckets by key), each key's family name (:func:`kg.authorities.merge.name_form` of its first row the
    rule reads) and first row, the merges of each family name (:func:`kg.authorities.merge.cluster`'s, before
    :mod:`kg.authorities.stable_iris`), what each merged key stood for in the version (``mapped``), the curator's
    keep-apart list, and the names of the readable pages it did not publish (read again by every build).

    The merges of a family name depend only on its keys' rows, in source order: a derived version re-clusters the
    families its changed, added and removed pages name, and takes the others' merges as they were."""

    apart: list[str]
    family: dict[str, str | None]  # key -> family name (None: no name the rule groups)
    merges: dict[str, list]  # family -> merges
    first: dict[str, Row]  # key -> its first row
    mapped: dict[str, tuple[str, str]]  # merged key -> (merged entity's key, label) in the version
    others: dict[str, tuple]  # path -> (size, mtime_ns, doc_id, names) of the readable pages not published
    rows: dict[str, list[Row]] = field(default_factory=dict)  # the keys read (their buckets), not pickled here
    loaded: set[int] = field(default_factory=set)
    dirty: set[int] = field(default_factory=set)
    source: Path | None = None  # the version folder the buckets are read from

    def __getstate__(self) -> dict:
        d = dict(self.__dict__)
        d.update(rows={}, loaded=set(), dirty=set(), source=None)
        return d

    @classmethod
    def load(cls, root: Path) -> NamesState | None:
        try:
            state = pickle.loads(zlib.decompress((root / STATE).read_bytes()))
        except Exception:  # none (a version written before), or unreadable: every page's names are read
            return None
        if not isinstance(state, cls):
            return None
        state.source = root
        return state

    def keys_rows(self, keys: Iterable[str]) -> None:
        """Read the buckets of ``keys`` (their rows into :attr:`rows`)."""
        for b in {_bucket(k) for k in keys} - self.loaded:
            self.loaded.add(b)
            if self.source is not None:
                self.rows.update(_read_chunk(self.source / KEYS_DIR / f"bucket-{b:02d}.pkl"))

    def save(self, root: Path, prev_root: Path | None, kept: Container[str]) -> None:
        folder = root / KEYS_DIR
        folder.mkdir(exist_ok=True)
        by_bucket: dict[int, dict[str, list[Row]]] = {}
        for k, rows in self.rows.items():
            by_bucket.setdefault(_bucket(k), {})[k] = rows
        for b in range(BUCKETS):
            name = f"bucket-{b:02d}.pkl"
            old = prev_root / KEYS_DIR / name if prev_root is not None else None
            if b not in self.dirty and old is not None and old.is_file():
                os.link(old, folder / name)
            else:
                data = zlib.compress(pickle.dumps(by_bucket.get(b, {}), protocol=pickle.HIGHEST_PROTOCOL), 1)
                (folder / name).write_bytes(data)
        self.others = {p: got for p, got in self.others.items() if p not in kept}
        (root / STATE).write_bytes(zlib.compress(pickle.dumps(self, protocol=pickle.HIGHEST_PROTOCOL), 1))


def _family(rows: list[Row], key: str, forms: dict) -> str | None:
    """The family name :func:`kg.authorities.merge.cluster` files ``key`` under: that of its first row it reads."""
    from kg.authorities.merge import name_form

    for _p, label, _d in rows:
        if (key, label) not in forms:
            forms[(key, label)] = name_form(label)
        f = forms[(key, label)]
        if f is not None and f.key == key:
            return f.family
    return None


def _merge_family(m: Merge) -> str:
    from kg.authorities.merge import name_form

    f = name_form(m.label)
    return f.family if f is not None else ""


def _mapped(merges: Iterable[Merge]) -> dict[str, tuple[str, str]]:
    return {k: (m.key, m.label) for m in merges for k in m.members}


def state_of(names: PageNames, merges: list[Merge], stable: list[Merge], apart: list[str]) -> NamesState:
    """The :class:`NamesState` of every page's names (a build that read them all)."""
    rows: dict[str, list[Row]] = {}
    for src, (_s, _m, doc, page) in names.pages.items():
        if doc:
            for k, label in page:
                rows.setdefault(k, []).append((src, label, doc))
    forms: dict = {}
    by_family: dict[str, list] = {}
    for m in merges:
        by_family.setdefault(_merge_family(m), []).append(m)
    state = NamesState(sorted(apart), {k: _family(r, k, forms) for k, r in rows.items()}, by_family,
                       {k: r[0] for k, r in rows.items()}, _mapped(stable), dict(names.pages), rows)
    state.loaded, state.dirty = set(range(BUCKETS)), set(range(BUCKETS))
    return state


def resolve(sources: list[str], auth: Authorities, previous: object, *, apart: list[str], cache_dir: Path | None,
            auth_dir: Path | None, records_dir: Path | None, rehash: bool, whole: bool, stabilize: object,
            keys: tuple[str, dict[str, tuple[str, str]]] | None = None) -> tuple[PageNames, list[Merge], dict[str, str]]:
    """The names of every source, the cross-page merges (stable IRIs: ``stabilize(merges, rows)``,
    :func:`kg.authorities.stable_iris.apply`) and each page's merge signature. With the previous version's
    :class:`NamesState` and :class:`kg.derive.Summary` (``previous``: a :class:`kg.derive.PreviousVersion`), only the
    pages whose files changed are read and only the family names they carry are clustered again
    (:func:`derive_merges`); else every page's names (:func:`page_names`) and every family's."""
    from kg.authorities.merge import cluster

    summary = getattr(previous, "summary", None)
    state = NamesState.load(previous.build.root) if previous is not None and summary is not None and whole \
        and not rehash else None  # type: ignore[attr-defined]
    if state is not None and state.apart == sorted(apart):
        return derive_merges(sources, auth, previous, state, apart=apart, cache_dir=cache_dir, auth_dir=auth_dir,
                             records_dir=records_dir, stabilize=stabilize)
    names = page_names(sources, auth, previous.build.root if previous is not None else None,  # type: ignore[attr-defined]
                       cache_dir=cache_dir, auth_dir=auth_dir, records_dir=records_dir, rehash=rehash, keys=keys)
    merges = cluster(names.rows(), auth, apart)
    stable = stabilize(merges, names.rows())  # type: ignore[operator]
    names.state = state_of(names, merges, stable, apart)
    return names, stable, merge_signatures(names, stable)


def derive_merges(sources: list[str], auth: Authorities, previous: object, state: NamesState, *, apart: list[str],
                  cache_dir: Path | None, auth_dir: Path | None, records_dir: Path | None, stabilize: object
                  ) -> tuple[PageNames, list[Merge], dict[str, str]]:
    """:func:`resolve` from the previous version's state: see :class:`NamesState`."""
    from kg.authorities.merge import cluster, gather_by_path

    summary = previous.summary  # type: ignore[attr-defined]
    prev_root: Path = previous.build.root  # type: ignore[attr-defined]
    files, others = summary.files, state.others
    stats = _file_stats(sources)
    todo = [src for src, st in stats.items() if (f := files.get(src)) is None or (f[0], f[1]) != st]
    gone = [p for p in files if p not in stats] + [p for p in others if p not in stats]
    found = gather_by_path(todo, auth, cache_dir, auth_dir, records_dir=records_dir) if todo else {}
    pages: dict[str, tuple] = {src: (*stats[src], found[src]["doc"], [tuple(x) for x in found[src]["names"]])
                               for src in todo if src in found}
    # the previous names of the pages read again or gone (their parts' chunks, or the unpublished pages')
    old: dict[str, tuple] = {}
    parts = {files[p][2] for p in [*todo, *gone] if p in files}
    for part in parts:
        chunk = _read_chunk(prev_root / NAMES_DIR / f"names-{part:05d}.pkl")
        old.update((p, chunk[p]) for p in [*todo, *gone] if p in chunk and files.get(p, (0, 0, -1))[2] == part)
    old.update((p, others[p]) for p in [*todo, *gone] if p in others)
    out = set(todo) | set(gone)
    touched = {k for got in [*old.values(), *pages.values()] if got[2] for k, _l in got[3]}
    state.keys_rows(touched)
    pos = {src: i for i, src in enumerate(sources)}
    forms: dict = {}
    families = {state.family.get(k) for k in touched}
    new_rows: dict[str, list[Row]] = {}
    for src, got in pages.items():
        if got[2]:
            for k, label in got[3]:
                new_rows.setdefault(k, []).append((src, label, got[2]))
    for k in touched:
        rows = [r for r in state.rows.get(k, []) if r[0] not in out] + new_rows.get(k, [])
        rows.sort(key=lambda r: pos[r[0]])
        state.dirty.add(_bucket(k))
        if rows:
            state.rows[k], state.first[k] = rows, rows[0]
            state.family[k] = _family(rows, k, forms)
        else:
            state.rows.pop(k, None)
            state.first.pop(k, None)
            state.family.pop(k, None)
        families.add(state.family.get(k))
    families.discard(None)
    keys = [k for k, fam in state.family.items() if fam in families]
    state.keys_rows(keys)
    rows_f = sorted(((src, k, label, doc) for k in keys for src, label, doc in state.rows[k]),
                    key=lambda r: (pos[r[0]], r[1]))
    for fam in families:
        state.merges.pop(fam, None)  # type: ignore[arg-type]
    for m in cluster([(k, label, doc) for _src, k, label, doc in rows_f], auth, apart):
        state.merges.setdefault(_merge_family(m), []).append(m)
    merges = [m for fam in sorted(state.merges) for m in state.merges[fam]]
    stable = stabilize(merges, [(k, r[1], r[2]) for k, r in state.first.items()])  # type: ignore[operator]
    # merge signatures: the pages read, and those carrying a key whose merge changed
    mapped = _mapped(stable)
    changed = {k for k in mapped.keys() | state.mapped.keys() if mapped.get(k) != state.mapped.get(k)}
    state.keys_rows(changed)
    again = {r[0] for k in changed for r in state.rows.get(k, [])} - set(pages)
    for part in {files[p][2] for p in again if p in files}:
        chunk = _read_chunk(prev_root / NAMES_DIR / f"names-{part:05d}.pkl")
        pages.update((p, chunk[p]) for p in again if p in chunk)
    sigs = {p: sig for p, sig in summary.sigs.items() if p not in out and p not in again}
    sigs.update(merge_signatures(PageNames({p: pages[p] for p in set(pages) & (set(todo) | again)}), stable))
    state.mapped = mapped
    state.others = {p: got for p, got in pages.items() if p in set(todo)}  # (the published ones left out at save)
    records = {src: found[src]["rec"] for src in todo if src in found and found[src].get("rec")}
    names = PageNames(pages, read=len(todo), records=records, stats=stats, state=state, whole=False)
    return names, stable, sigs
