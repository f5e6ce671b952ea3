"""A new version derived from the previous one: only the pages whose files changed are processed again.

Each published version keeps an index beside its store (``index.pkl`` and its chunks in ``index/``, one per dump
part, hard-linked from the previous version when the part is): for every page it published, the file's size and
modification time, its cache key, what it states about shared nodes (entities, aliases), its unreconciled
names and warnings, and where its parts lie in that version's dumps. A build whose code, shapes, ontology and
authorities are those of the current version (same :func:`kg.build_workers.fingerprint`) takes every unchanged
page from it: its dump parts are copied (byte ranges; the old files are never changed), the store is a
checkpoint of the old one (its files shared, not copied) from which the statements of the changed, removed
and left-out pages are deleted before the new ones are loaded. The result is the same as a build from scratch
(``tests/test_build_derived.py``).

This module reads the previous version and plans from it (:class:`PreviousVersion`) and prunes the page cache;
the index and summary as written and read are in :mod:`kg.derive_index`, the kept tail pieces and parsed inputs
in :mod:`kg.derive_memo` (their names are importable from here too).
"""

from __future__ import annotations

import dataclasses
import gc
import gzip
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import pyoxigraph as ox

from kg import dump_parts
from kg.build_workers import DocOut
from kg.derive_index import (  # noqa: F401 (kg.derive's names, as before the split)
    _CONTEXT,
    _DOC_ID,
    _FIELDS,
    _MERGE_SIG,
    _SHARED,
    INDEX,
    INDEX_DIR,
    KEYS,
    KEYS_DIR,
    SUMMARY,
    Summary,
    _doc,
    _docs,
    _part,
    _read_pickle,
    _row,
    _write_pickle,
    dup_keys,
    save_index,
    unreconciled_rows,
    version_keys,
)
from kg.derive_memo import MEMO_KEEP, TailPieces, authorities, memo, ontology_nt  # noqa: F401
from kg.layout import BuildDir, OutDir
from kg.store import OxigraphStore

CACHE_MAX_BYTES = int(os.environ.get("KG_CACHE_MAX_BYTES", str(16 << 30)))


LEDGER = "documents.bytes"  # beside OUT/cache/documents: the entries' total size as the last prune left it
RECOUNT_EVERY = 20  # derived builds between two prunes that stat every entry (a drift of the ledger is bounded)


def prune_cache(out: OutDir, max_bytes: int | None = None, added: Iterable[str] | None = None) -> tuple[int, int]:
    """Remove from ``OUT/cache/documents`` the entries no kept version was made of, then, while the cache is
    larger than ``max_bytes`` (``KG_CACHE_MAX_BYTES``, 16 GiB), the least recently written ones. Returns the
    number of entries and bytes removed. Unused entries are kept when some version does not list its own (one
    built before versions listed them): they may be its pages.

    ``added``: the keys of the entries this build wrote (a derived build). The total size is then the ledger's
    (:data:`LEDGER`) plus theirs; while it is under ``max_bytes`` nothing else is looked at (the unused entries,
    the pages of the versions dropped since, a few per republish, wait for the next full pass; reading every kept
    version's keys and listing 100k entries took ~1 s); over it, the unused entries go and only they are looked
    at before the oldest entries. Every :data:`RECOUNT_EVERY` builds, or without a ledger, all are."""
    from kg.search_versions import collect

    collect(out.root)  # and the full-text index files no version uses
    explicit = max_bytes is not None
    max_bytes = CACHE_MAX_BYTES if max_bytes is None else max_bytes
    folder = out.cache / "documents"
    if not folder.is_dir():
        return 0, 0
    ledger = _read_ledger(folder) if added is not None and not explicit else None
    if ledger is not None:  # a derived build under the bound: its entries counted, the look for unused ones left
        total = ledger[0] + _sizes(folder, added or ())  # to the next full count (they are the few pages the
        if total <= max_bytes:  # versions dropped since replaced: reading every version's keys and listing 100k
            _write_ledger(folder, total, ledger[1] + 1)  # entries cost ~1 s a republish)
            return 0, 0
    used: set[str] | None = set()
    read: set[tuple[int, int]] = set()  # (the versions' key files are mostly hard links of one another: read once)
    for v in out.versions():
        if (v.root / KEYS_DIR).is_dir():
            for f in os.scandir(v.root / KEYS_DIR):
                st = f.stat()
                if (st.st_dev, st.st_ino) not in read:
                    read.add((st.st_dev, st.st_ino))
                    used.update(Path(f.path).read_text(encoding="ascii").split())  # type: ignore[union-attr]
            continue
        keys = version_keys(v.root)
        if keys is not None:
            used.update(keys)  # type: ignore[union-attr]
        elif (v.root / INDEX).is_file():
            used = None
            break
    removed = freed = 0
    kept: list[tuple[float, int, str]] = []
    names: list[str] = []  # (with a ledger: the entries kept, not looked at)
    for sub in os.scandir(folder):
        if not sub.is_dir():
            continue
        for entry in os.scandir(sub.path):
            unused = used is not None and entry.name not in used and not entry.name.startswith(".")
            if ledger is not None and not unused:
                names.append(entry.path)
                continue
            try:
                st = entry.stat()
            except OSError:
                continue
            if unused:
                Path(entry.path).unlink(missing_ok=True)
                removed, freed = removed + 1, freed + st.st_size
            else:
                kept.append((st.st_mtime, st.st_size, entry.path))
    if ledger is not None:
        total = max(0, ledger[0] - freed) + _sizes(folder, added or ())
        if total <= max_bytes:
            _write_ledger(folder, total, ledger[1] + 1)
            return removed, freed
        kept = [(st.st_mtime, st.st_size, path) for path in names if (st := _stat(path)) is not None]
    total = sum(size for _t, size, _p in kept)
    if total > max_bytes:
        for _t, size, path in sorted(kept):
            Path(path).unlink(missing_ok=True)
            removed, freed, total = removed + 1, freed + size, total - size
            if total <= max_bytes:
                break
    _write_ledger(folder, total, 0)
    return removed, freed


def _sizes(folder: Path, keys: Iterable[str]) -> int:
    total = 0
    for key in set(keys):
        try:
            total += (folder / key[:2] / key).stat().st_size
        except OSError:
            pass
    return total


def _stat(path: str) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


def _read_ledger(folder: Path) -> tuple[int, int] | None:
    """(total bytes, derived prunes since the last full count), or None: count them all this time."""
    try:
        total, since = (int(x) for x in (folder.parent / LEDGER).read_text(encoding="ascii").split())
    except (OSError, ValueError):
        return None
    return (total, since) if since < RECOUNT_EVERY else None


def _write_ledger(folder: Path, total: int, since: int) -> None:
    tmp = folder.parent / (LEDGER + ".tmp")
    tmp.write_text(f"{total} {since}\n", encoding="ascii")
    os.replace(tmp, folder.parent / LEDGER)


@contextmanager
def no_gc() -> Iterator[None]:
    """No cyclic garbage collection while a version's index is read, and what it read (acyclic: freed by reference
    counting) left out of every later one (:func:`gc.freeze`; :func:`gc.unfreeze` at the end of the build). Each
    collection of the oldest generation visits every object: reading 100k pages' entries (millions of objects)
    triggered collections that took half the time of the read, and every collection after it paid for them again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


class DeltaLoader:
    """The statements of a derived version's few new pages, added to the previous store's checkpoint through its
    memtable, in one transaction after the old pages' statements were removed (:class:`kg.loader.StreamLoader`'s
    interface). A bulk load ingests files of its own into every index of the store: with the flush of the removals,
    two sets of small files a republish that the store soon compacts with the big bulk-loaded ones (their keys are
    hashes: every file overlaps every other), 10-20 s of CPU every few republishes at 100k pages."""

    MAX_PAGES = 200  # more pages to process than this (~50 KB of N-Triples each): the bulk loader

    def __init__(self, graph: str) -> None:
        self.graph = ox.NamedNode(graph)
        self.data: list[bytes] = []
        self.seconds = 0.0

    def add(self, data: bytes) -> None:
        if data:
            self.data.append(data)

    def finish(self, store: OxigraphStore) -> None:
        import time

        t0 = time.perf_counter()
        g = self.graph
        store.raw.extend(ox.Quad(t.subject, t.predicate, t.object, g)
                         for t in ox.parse(b"".join(self.data), format=ox.RdfFormat.N_TRIPLES))
        self.data = []
        self.seconds = time.perf_counter() - t0

    def abort(self) -> None:
        self.data = []


@dataclass
class PartsPlan:
    """:meth:`PreviousVersion.plan_parts`: the part of every page, the parts written anew, the parts taken whole
    (part -> pages), and the previous version's pages of the parts written anew."""

    part_of: dict[str, int]
    dirty: set[int]
    blocks: dict[int, int]
    old: list[DocOut]
    taken: list[str]  # the pages taken one by one (those of the parts written anew), in source order


class Entry(NamedTuple):
    path: str
    key: str
    doc_id: str


class GCPause:
    """Cyclic garbage collection off while a derived version takes its pages from the previous one (the plan and
    the pass over every page): each collection of the oldest generation visits every object, and 100k pages'
    entries made it 4x slower (0.54 s instead of 0.14 s to make 10k pages' entries, more the more there are).
    :meth:`end` freezes what was made (:func:`gc.freeze`) and turns collection back on."""

    MAX_PAGES = 2_000  # more pages to process than this: back on after the plan (their garbage would pile up)

    def __init__(self) -> None:
        self.was = gc.isenabled()
        gc.disable()

    def end(self) -> None:
        if self.was:
            gc.freeze()
            gc.enable()
            self.was = False


@dataclass
class PreviousVersion:
    """A published version's index, as rows (:func:`_row`): a page becomes a :class:`DocOut` only when the build
    takes it (:meth:`reusable`), or is removed; the passes over all pages read the rows' fields. With a
    :class:`Summary` (``summary``), the rows are read only when asked for (:attr:`rows`), or part by part
    (:meth:`plan_parts`)."""

    build: BuildDir
    chunks: list[str]
    own_stats: dict
    graph_sums: dict[str, str] = dataclasses.field(default_factory=dict)  # the other graphs' (kg.publish.text_sum)
    global_state: object = None  # kg.validate_global.GlobalState (None: a version that kept none)
    fingerprint: str = ""
    summary: Summary | None = None
    tail_stats: dict | None = None  # kg.void.tail_statistics of the graphs no page owns (None: not kept)
    _rows: list[tuple] | None = None
    _files: dict[str, tuple[int, int]] | None = None

    @classmethod
    def open(cls, build: BuildDir, fingerprint: str) -> PreviousVersion | None:
        p = build.root / INDEX
        if not p.is_file() or not build.store.is_dir():
            return None
        with no_gc():
            return cls._open(build, fingerprint, p)

    @classmethod
    def _open(cls, build: BuildDir, fingerprint: str, p: Path) -> PreviousVersion | None:
        try:
            data = _read_pickle(p)
            if data.get("fingerprint") != fingerprint or dump_parts.read_listing(build.dumps) is None:
                return None  # (a version with its dumps in single files: build from scratch)
            prev = cls(build, list(data.get("chunks", [])), data["own_stats"], data.get("graph_sums", {}),
                       data.get("global"), fingerprint, tail_stats=data.get("tail_stats"))
            try:
                summary = Summary.load(build.root) if "docs" not in data else None
            except Exception:  # none (a version written before summaries), or unreadable: every row is read
                summary = None
            prev.summary = summary if isinstance(summary, Summary) else None
            if prev.summary is None:
                prev._load(data)
        except Exception:  # an unreadable index: build from scratch
            return None
        return prev

    def _load(self, data: dict | None = None) -> None:
        rows = [_row(d) for d in (data or {}).get("docs", [])]  # (an index in one file: built before chunks)
        files = dict((data or {}).get("files", {}))
        got, more = self._read_chunks(self.chunks)
        self._rows, self._files = rows + got, {**files, **more}
        self._by_path = {r[0]: r for r in self._rows}

    def _read_chunks(self, names: Iterable[str]) -> tuple[list[tuple], dict[str, tuple[int, int]]]:
        rows: list[tuple] = []
        files: dict[str, tuple[int, int]] = {}
        with no_gc():
            for name in names:
                chunk = _read_pickle(self.build.root / INDEX_DIR / name)
                if "rows" in chunk and tuple(chunk["fields"]) == _FIELDS:
                    rows += chunk["rows"]
                else:  # (fields added or taken away since, or objects: as rows of this code's fields)
                    rows += map(_row, _docs(chunk["fields"], chunk["rows"]) if "rows" in chunk else chunk["docs"])
                files.update(chunk["files"])
        return rows, files

    @property
    def rows(self) -> list[tuple]:
        if self._rows is None:
            self._load()
        return self._rows  # type: ignore[return-value]

    @property
    def files(self) -> dict[str, tuple[int, int]]:
        if self._files is None:
            self._load()
        return self._files  # type: ignore[return-value]

    def plan_parts(self, sources: list[str], stats: dict[str, tuple], merge_sigs: dict[str, str]) -> PartsPlan:
        """The pages to take one by one (those of the dump parts where a page changed, was added or removed: the
        parts written anew) and the parts taken whole, from the :class:`Summary` alone: a part none of whose pages
        changed is never expanded into its pages. ``stats``: each source's (size, mtime_ns) as this build looked."""
        s = self.summary
        assert s is not None
        files, sigs = s.files, s.sigs
        listing = dump_parts.read_listing(self.build.dumps) or {"dumps": {}}
        count = {int(e["file"].split("-", 1)[1].split(".", 1)[0]): e["pages"]
                 for e in listing["dumps"].get("dataset.nt.gz", []) if e["pages"]}
        last = max(count, default=0)
        part_of: dict[str, int] = {}
        dirty: set[int] = set()
        present = 0
        no_stat = (-1, -1)
        for src in sources:
            f = files.get(src)
            if f is None:
                if last == 0 or count.get(last, 0) >= dump_parts.PART_PAGES:
                    last += 1
                part = last
                count[part] = count.get(part, 0) + 1
                dirty.add(part)
            else:
                present += 1
                part = f[2]
                st = stats.get(src, no_stat)
                if st[0] != f[0] or st[1] != f[1] or (src in merge_sigs or src in sigs) and \
                        merge_sigs.get(src) != sigs.get(src):
                    dirty.add(part)
            part_of[src] = part
        if present != len(files):  # pages removed
            now = set(sources)
            dirty.update(f[2] for path, f in files.items() if path not in now)
        names = [f"index-{p:05d}.pkl" for p in sorted(dirty)]
        rows, got = self._read_chunks([n for n in names if n in set(self.chunks)])
        self._by_path = {r[0]: r for r in rows}
        self._files = got
        old = [_doc(r) for r in rows]
        blocks = {p: n for p, n in count.items() if p not in dirty}
        return PartsPlan(part_of, dirty, blocks, old, [src for src in sources if part_of[src] in dirty])

    @property
    def docs(self) -> list[DocOut]:
        """Every page as a :class:`DocOut` (made on demand: at 100k pages, seconds)."""
        return _docs(_FIELDS, self.rows)

    def entries(self) -> Iterator[Entry]:
        """(path, cache key, document id) of every page."""
        return (Entry(r[0], r[1], r[_DOC_ID]) for r in self.rows)

    def page_keys(self) -> dict[str, tuple[str, str]]:
        """``{path: (page key, merge signature)}`` of every page (:func:`kg.page_names.page_names`' ``keys``)."""
        return {r[0]: (r[1], r[_MERGE_SIG]) for r in self.rows}

    @property
    def build_id(self) -> str:
        return self.build.build_id

    def parts_writer(self, plan: list[tuple[str, DocOut | None]], dumps: Path, load: Path,
                     parts: PartsPlan | None = None) -> tuple[dump_parts.PartsWriter, dict[str, int]]:
        """A writer of the new version's dump parts that hard-links every part no changed, added or removed page
        is in; and the part of every page (``parts``: as :meth:`plan_parts` decided)."""
        if parts is not None:
            return dump_parts.PartsWriter(dumps, load, self.build.dumps, parts.dirty), parts.part_of
        listing = dump_parts.read_listing(self.build.dumps) or {"dumps": {}}
        pages = {int(e["file"].split("-", 1)[1].split(".", 1)[0]): e["pages"]
                 for e in listing["dumps"].get("dataset.nt.gz", []) if e["pages"]}
        part_of, dirty = dump_parts.assign_parts([src for src, _r in plan], {
            r[0]: _part(r) for r in self.rows}, pages, {src for src, r in plan if r is not None})
        return dump_parts.PartsWriter(dumps, load, self.build.dumps, dirty), part_of

    def reusable(self, path: str, merge_sig: str = "", stat: tuple | None = None, key: str | None = None) -> DocOut | None:
        """The page as the previous version published it, if the merge decisions about its names are unchanged
        (``merge_sig``: :func:`kg.page_names.merge_signatures`) and so is the page: compared by its ``key``
        (:func:`kg.stage_keys.page_key`, made from the record it was read into) when this build read it again (its
        file changed, ``kg build --rehash``, or new parser code: a page whose record is the same is taken as it
        is), else by its file's size and modification time (``stat`` when this build already looked: its first
        two items)."""
        if "_by_path" not in self.__dict__:  # (a summary, and every page taken one by one: the rows read now)
            self._load()
        row = self._by_path.get(path)
        if row is None or row[_MERGE_SIG] != merge_sig:
            return None
        if key is not None:
            if key != row[1]:
                return None
        else:
            if stat is None:
                try:
                    st = os.stat(path)
                except OSError:
                    return None
                stat = (st.st_size, st.st_mtime_ns)
            if tuple(stat[:2]) != self.files.get(path):
                return None
        new = _doc(row)
        new.cached = True
        return new

    def _global_lines(self) -> None:
        """The global pass's lines and shared lines, kept in a file of their own (read when asked for)."""
        state = self.global_state
        if state is None or getattr(state, "lines", None) is not None:
            return
        from kg.validate_global import LINES_FILE

        p = self.build.root / LINES_FILE
        if p.is_file():
            with no_gc():
                got = _read_pickle(p)
            state.lines, state.shared = got["lines"], got["shared"]  # type: ignore[attr-defined,index]

    def global_pass(self) -> tuple[object, Iterator[str]] | None:
        """What :func:`kg.validate_global.validate` needs of this version: its state and its pages' lines."""
        if self.global_state is None:
            return None
        self._global_lines()
        if getattr(self.global_state, "lines", None) is not None:
            return self.global_state, iter(())  # (the lines it kept: the pages' are not read)
        return self.global_state, (x for r in self.rows for i in (_SHARED, _CONTEXT) for x in r[i])

    def shared_lines(self) -> Iterable[str]:
        """The pages' shared lines (with repeats unless the version kept them once each)."""
        self._global_lines()
        kept = getattr(self.global_state, "shared", None)
        if kept is not None:
            return kept
        return (x for r in self.rows for x in r[_SHARED])

    def checkpoint(self, dest: Path) -> OxigraphStore:
        """A copy of the previous store that shares its files (a RocksDB checkpoint: hard links)."""
        ox.Store.read_only(str(self.build.store)).backup(str(dest))
        return OxigraphStore(dest)

    def remove_left(self, store: OxigraphStore, kept: list[DocOut], graph: str, shared_gone: set[str],
                    own_stats: dict, old: list[DocOut] | None = None) -> int:
        """Delete from ``store`` the statements of the previous pages not kept as they were (``old``: the previous
        pages that may not be, default all), and the shared statements no page makes any more; turn ``own_stats``
        (the new pages' counts) into the new totals."""
        from kg.build_workers import own_line_stats

        kept_keys = {(d.path, d.key) for d in kept}
        removed = [d for d in old if (d.path, d.key) not in kept_keys] if old is not None else [
            _doc(r) for r in self.rows if (r[0], r[1]) not in kept_keys]
        own_stats["triples"] += self.own_stats["triples"]
        own_stats["subjects"] += self.own_stats["subjects"]
        own_stats["properties"].update(self.own_stats["properties"])
        own_stats["classes"].update(self.own_stats["classes"])
        g = ox.NamedNode(graph)
        for d in removed:
            start, length = d.spans["dataset.nt.gz"]
            with dump_parts.part_path(self.build.dumps, "dataset.nt.gz", d.spans).open("rb") as f:
                f.seek(start)
                nt = gzip.decompress(f.read(length))
                n, subjects, props, classes = own_line_stats(nt.decode("utf-8"))
                own_stats["triples"] -= n
                own_stats["subjects"] -= subjects
                own_stats["properties"].subtract(props)
                own_stats["classes"].subtract(classes)
                for q in ox.parse(nt, format=ox.RdfFormat.N_TRIPLES):
                    store.raw.remove(ox.Quad(q.subject, q.predicate, q.object, g))
        if shared_gone:
            for q in ox.parse("".join(shared_gone).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES):
                store.raw.remove(ox.Quad(q.subject, q.predicate, q.object, g))
        for key in ("properties", "classes"):
            own_stats[key] = Counter({k: v for k, v in own_stats[key].items() if v > 0})
        return len(removed)
