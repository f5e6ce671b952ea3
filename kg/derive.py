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
"""

from __future__ import annotations

import dataclasses
import gc
import gzip
import hashlib
import os
import pickle
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple, TypeVar

import pyoxigraph as ox

from kg import dump_parts
from kg.build_workers import DocOut
from kg.layout import BuildDir, OutDir
from kg.store import OxigraphStore

INDEX = "index.pkl"
INDEX_DIR = "index"  # the chunks, one per dump part (kg.dump_parts)
KEYS = "cache-keys.txt"  # the page cache entries (kg.build_workers) a version was made of (before KEYS_DIR)
KEYS_DIR = "cache-keys"  # the same, one file per dump part (hard-linked when the part is)
SUMMARY = "summary.pkl"  # kg.derive.Summary
T = TypeVar("T")
CACHE_MAX_BYTES = int(os.environ.get("KG_CACHE_MAX_BYTES", str(16 << 30)))


def save_index(root: Path, fingerprint: str, kept: list[DocOut], own_stats: dict, sources: list[str],
               graph_sums: dict[str, str] | None = None, prev_root: Path | None = None,
               linked: set[int] | frozenset[int] = frozenset(), global_state: object = None,
               summary: Summary | None = None, stats: dict[str, tuple] | None = None) -> None:
    """Write the index in chunks, one per dump part (``index/index-00001.pkl``, ...), and ``index.pkl`` listing
    them; the cache keys of each part's pages (``cache-keys/keys-00001.txt``); and the :class:`Summary`. The chunk
    and keys of a part hard-linked from the previous version (``linked``: its pages are those it published, as they
    were) are hard links to its files: a derived version writes only its changed parts' files. ``kept`` holds the
    pages of the other parts (a derived version's pages of the linked parts need not be in it). ``stats``: each
    page's (size, mtime_ns) as this build looked (else the file is looked at again)."""
    by_part: dict[int, list[DocOut]] = {}
    for d in kept:
        by_part.setdefault(d.spans["#part"][0], []).append(d)
    folder, keys = root / INDEX_DIR, root / KEYS_DIR
    folder.mkdir(exist_ok=True)
    keys.mkdir(exist_ok=True)
    chunks = []
    for part in sorted(set(by_part) | set(linked)):
        name = f"index-{part:05d}.pkl"
        old = prev_root / INDEX_DIR / name if prev_root is not None else None
        if part in linked and old is not None and old.is_file():
            chunks.append(name)
            os.link(old, folder / name)
            old_keys = prev_root / KEYS_DIR / _keys_file(part)  # type: ignore[operator]
            if old_keys.is_file():
                os.link(old_keys, keys / _keys_file(part))
                continue
            pages = [_doc(r) for r in _read_pickle(old)["rows"]]  # type: ignore[index]
        elif part not in by_part:
            continue
        else:
            chunks.append(name)
            pages = by_part[part]
            files = {d.path: _stat_of(d.path, stats) for d in pages}
            _write_pickle(folder / name, {"fields": _FIELDS, "rows": [_row(d) for d in pages], "files": files})
        (keys / _keys_file(part)).write_text("".join(sorted(d.key + "\n" for d in pages)), encoding="ascii")
    _write_pickle(root / INDEX, {"fingerprint": fingerprint, "chunks": chunks, "graph_sums": graph_sums or {},
                                 "global": global_state,
                                 "own_stats": {k: (dict(v) if isinstance(v, Counter) else v)
                                               for k, v in own_stats.items()}})
    if summary is None:
        summary = Summary()
        for d in kept:
            summary.add(d, _stat_of(d.path, stats))
    _write_pickle(root / SUMMARY, summary)


def _keys_file(part: int) -> str:
    return f"keys-{part:05d}.txt"


def _stat_of(path: str, stats: dict[str, tuple] | None) -> tuple[int, int]:
    got = stats.get(path) if stats is not None else None
    if got is not None:
        return got[0], got[1]
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns


@dataclass
class Summary:
    """What the pages of a version add up to, kept beside its index (``summary.pkl``), so that a derived version
    never expands into pages a dump part none of whose pages changed (the index rows of 100k pages took seconds to
    read and go through): each page's file (size, time, part) and merge signature, the keys the duplicate check
    compares, the pages' warnings, and the shared and context lines and unreconciled names with the number of
    pages (occurrences) that make them. :meth:`remove` and :meth:`add` keep it up to date page by page."""

    files: dict[str, tuple[int, int, int]] = dataclasses.field(default_factory=dict)  # path -> size, mtime_ns, part
    sigs: dict[str, str] = dataclasses.field(default_factory=dict)  # path -> merge signature (pages with one)
    seen: dict[tuple[str, str], str] = dataclasses.field(default_factory=dict)  # duplicate-check key -> path
    warnings: dict[str, list] = dataclasses.field(default_factory=dict)  # path -> its warnings (pages with some)
    shared: dict[str, int] = dataclasses.field(default_factory=dict)  # shared line -> occurrences in the pages
    context: dict[str, int] = dataclasses.field(default_factory=dict)
    unreconciled: dict[tuple[str, str], dict | tuple] = dataclasses.field(default_factory=dict)  # (encoded or not)

    def add(self, d: DocOut, stat: tuple[int, int]) -> None:
        self.files[d.path] = (stat[0], stat[1], d.spans["#part"][0])
        if d.merge_sig:
            self.sigs[d.path] = d.merge_sig
        for key in dup_keys(d):
            self.seen.setdefault(key, d.path)
        if d.violations:
            self.warnings[d.path] = d.violations
        for counts, lines in ((self.shared, d.shared), (self.context, d.context)):
            for x in lines:
                counts[x] = counts.get(x, 0) + 1
        for etype, name, doc in d.unreconciled:
            by_doc = self._by_doc((etype, name))
            by_doc[doc] = by_doc.get(doc, 0) + 1

    def _by_doc(self, key: tuple[str, str]) -> dict[str, int]:
        """A name's occurrences by document, decoded (kept encoded while no page of it changes: :meth:`__getstate__`)."""
        got = self.unreconciled.get(key)
        if got is None:
            got = self.unreconciled[key] = {}
        elif not isinstance(got, dict):
            got = self.unreconciled[key] = _decode_docs(got)
        return got

    def __getstate__(self) -> dict:
        """Pickled in forms quick to read and write (at 100k pages the dicts took 0.8 s to write, 0.75 s to read):
        the duplicate-check keys as three lists, each unreconciled name's documents as one string."""
        d = dict(self.__dict__)
        seen = d.pop("seen")
        d["seen_lists"] = ([k for k, _v in seen], [v for _k, v in seen], list(seen.values()))
        d["unreconciled"] = {k: v if not isinstance(v, dict) else _encode_docs(v) for k, v in self.unreconciled.items()}
        return d

    def __setstate__(self, d: dict) -> None:
        if "seen_lists" in d:  # (else a summary pickled as dicts)
            kinds, values, paths = d.pop("seen_lists")
            d["seen"] = dict(zip(zip(kinds, values, strict=True), paths, strict=True))
        self.__dict__.update(d)

    def remove(self, d: DocOut) -> None:
        if self.files.pop(d.path, None) is None:
            return
        self.sigs.pop(d.path, None)
        for key in dup_keys(d):
            if self.seen.get(key) == d.path:
                del self.seen[key]
        self.warnings.pop(d.path, None)
        for counts, lines in ((self.shared, d.shared), (self.context, d.context)):
            for x in lines:
                n = counts[x] - 1
                if n:
                    counts[x] = n
                else:
                    del counts[x]
        for etype, name, doc in d.unreconciled:
            by_doc = self._by_doc((etype, name))
            by_doc[doc] -= 1
            if not by_doc[doc]:
                del by_doc[doc]
                if not by_doc:
                    del self.unreconciled[(etype, name)]


def _encode_docs(by_doc: dict[str, int]) -> tuple[int, str, dict[str, int]]:
    """(occurrences, the documents sorted and joined by spaces, the documents with more than one)."""
    return sum(by_doc.values()), " ".join(sorted(by_doc)), {doc: n for doc, n in by_doc.items() if n > 1}


def _decode_docs(enc: tuple[int, str, dict[str, int]]) -> dict[str, int]:
    _n, docs, more = enc
    return {doc: more.get(doc, 1) for doc in docs.split(" ")} if docs else {}


def unreconciled_rows(found: dict) -> list[tuple[str, str, int, list[str]]]:
    """``(type, name, occurrences, documents)`` from a :class:`Summary`'s unreconciled names (decoded or not), the
    most frequent first, then by type and name (:func:`kg.build_pages._unreconciled_of`)."""
    rows = []
    for (etype, name), v in found.items():
        n, docs, _more = _encode_docs(v) if isinstance(v, dict) else v
        rows.append((etype, name, n, docs.split(" ") if docs else []))
    rows.sort(key=lambda r: (-r[2], r[0], r[1]))
    return rows


def dup_keys(d: DocOut) -> list[tuple[str, str]]:
    """What the build's duplicate check compares (:func:`kg.build_pages._duplicate_of`)."""
    return [k for k in (("document id", d.doc_id), ("source URL", d.source_url), ("Record ID", d.record_id)) if k[1]]


_FIELDS = tuple(f.name for f in dataclasses.fields(DocOut))
_SPANS, _UNREC = _FIELDS.index("spans"), _FIELDS.index("unreconciled")
_US, _RS = "\x1f", "\x1e"  # unit and record separators of a page's unreconciled names in one string


def _row(d: DocOut) -> tuple:
    """A page's index entry as a tuple with its spans flat and its unreconciled names in one string: 100k pages
    read back in half the time of as many objects (dicts of spans, tuples of names)."""
    r = [d.__dict__[f] for f in _FIELDS]
    r[_SPANS] = tuple(x for k, (a, b) in d.spans.items() for x in (k, a, b))
    u = d.unreconciled
    if all(doc == d.doc_id and _US not in e + n and _RS not in e + n for e, n, doc in u):
        r[_UNREC] = _RS.join(e + _US + n for e, n, _doc in u)
    return tuple(r)


_SHARED, _CONTEXT, _DOC_ID, _MERGE_SIG = (_FIELDS.index(f) for f in ("shared", "context", "doc_id", "merge_sig"))


def _part(r: tuple) -> int:
    """The dump part of a row's page (its flat spans hold ``"#part", part, 0``)."""
    sp = r[_SPANS]
    return sp[sp.index("#part") + 1]


def _doc(r: tuple) -> DocOut:
    """A row of this code's fields as a :class:`DocOut`."""
    d = DocOut.__new__(DocOut)
    d.__dict__.update(zip(_FIELDS, r, strict=True))
    return _decoded(d)  # (its lists are the row's: the build replaces them, never changes them)


def _decoded(d: DocOut) -> DocOut:
    """The row's flat forms made whole: spans as a dict, the unreconciled names as tuples ending in the page's id."""
    sp = d.spans
    d.spans = {sp[i]: (sp[i + 1], sp[i + 2]) for i in range(0, len(sp), 3)}
    u = d.unreconciled
    if isinstance(u, str):
        doc = d.doc_id
        d.unreconciled = [(*x.split(_US, 1), doc) for x in u.split(_RS)] if u else []
    return d


def _docs(fields: tuple[str, ...], rows: list[tuple]) -> list[DocOut]:
    known = set(_FIELDS)
    out = []
    for r in rows:
        d = DocOut.__new__(DocOut)
        if tuple(fields) == _FIELDS:
            d.__dict__.update(zip(_FIELDS, r, strict=True))
        else:  # (fields added or taken away since: their defaults)
            d.__dict__.update(DocOut(path="", key="").__dict__)
            d.__dict__.update((k, v) for k, v in zip(fields, r, strict=True) if k in known)
        out.append(_decoded(d))
    return out


def _write_pickle(path: Path, data: object) -> None:
    path.write_bytes(zlib.compress(pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL), 1))


def _read_pickle(path: Path) -> object:
    return pickle.loads(zlib.decompress(path.read_bytes()))


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
    for v in out.versions():
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


def version_keys(root: Path) -> set[str] | None:
    """The page cache entries the version in ``root`` was made of (None: a version that did not list them)."""
    if (root / KEYS_DIR).is_dir():
        return {k for f in (root / KEYS_DIR).iterdir() for k in f.read_text(encoding="ascii").split()}
    if (root / KEYS).is_file():
        return set((root / KEYS).read_text(encoding="ascii").split())
    return None


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


class TailPieces:
    """The dump pieces of the graphs that are no page's own (the entities' statements, the authorities, the
    ontology), kept with each version (``tail-pieces.pkl``) by the hash of their N-Triples: a derived version whose
    graph did not change takes them from there (at 100k pages the entities' statements alone took 1-2 s to write
    in every format)."""

    FILE = "tail-pieces.pkl"

    def __init__(self, previous: Path | None) -> None:
        self.old: dict[str, dict[str, bytes]] = {}
        self.new: dict[str, dict[str, bytes]] = {}
        self.previous = previous
        if previous is not None and (previous / self.FILE).is_file():
            try:
                self.old = _read_pickle(previous / self.FILE)  # type: ignore[assignment]
            except Exception:  # unreadable: made again
                self.old = {}

    def pieces(self, text: str, graph: str) -> dict[str, bytes]:
        from kg import publish

        key = hashlib.sha256(graph.encode() + b"\0" + text.encode("utf-8")).hexdigest()
        got = self.old.get(key)
        if got is None:
            got = publish.dump_pieces(text.encode("utf-8"), graph)
        self.new[key] = got
        return got

    def save(self, root: Path) -> None:
        if self.previous is not None and self.old and set(self.new) == set(self.old):
            os.link(self.previous / self.FILE, root / self.FILE)  # the same pieces: not written again
            return
        _write_pickle(root / self.FILE, self.new)


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
                       data.get("global"), fingerprint)
            try:
                summary = _read_pickle(build.root / SUMMARY) if "docs" not in data else None
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

    def global_pass(self) -> tuple[object, Iterator[str]] | None:
        """What :func:`kg.validate_global.validate` needs of this version: its state and its pages' lines."""
        if self.global_state is None:
            return None
        if getattr(self.global_state, "lines", None) is not None:
            return self.global_state, iter(())  # (the lines it kept: the pages' are not read)
        return self.global_state, (x for r in self.rows for i in (_SHARED, _CONTEXT) for x in r[i])

    def shared_lines(self) -> Iterable[str]:
        """The pages' shared lines (with repeats unless the version kept them once each)."""
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


_KG = Path(__file__).parent
MEMO_KEEP = 4  # entries kept a kind in OUT/cache/memo


def memo(cache: Path, kind: str, inputs: Iterable[Path], make: Callable[[], T]) -> T:
    """What ``make()`` returns for these input files, kept in ``cache/memo/`` by a hash of their names and bytes (and
    of the code under ``kg/`` it is made and unpickled with: ``kind``'s inputs list it). A republish reads the
    authority files and the ontology again each time: 0.35 s (YAML) and 0.15 s (Turtle, canonical N-Triples) of CPU
    that the pickles take in ~5 ms."""
    h = hashlib.sha256(kind.encode() + b"\0")
    for f in inputs:
        if f.is_file():
            h.update(str(f.name).encode() + b"\0" + f.read_bytes() + b"\0")
    folder = cache / "memo"
    path = folder / f"{kind}-{h.hexdigest()[:32]}.pkl"
    try:
        got = _read_pickle(path)
        os.utime(path)
        return got  # type: ignore[return-value]
    except Exception:  # none yet (or unreadable): made again
        pass
    value = make()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
        _write_pickle(tmp, value)
        os.replace(tmp, path)
        old = sorted(folder.glob(f"{kind}-*.pkl"), key=lambda p: p.stat().st_mtime)
        for p in old[:-MEMO_KEEP]:
            p.unlink(missing_ok=True)
    except OSError:  # (a read-only cache: no memo)
        pass
    return value


def authorities(auth_dir: Path, cache: Path) -> object:
    """:meth:`kg.authorities.Authorities.load` of ``auth_dir``, through :func:`memo`."""
    from kg.authorities import Authorities

    code = sorted((_KG / "authorities").glob("*.py")) + sorted((_KG / "recognize").glob("*.py"))
    return memo(cache, "authorities", sorted(Path(auth_dir).glob("*")) + code, lambda: Authorities.load(auth_dir))


def ontology_nt(settings: object, cache: Path) -> str:
    """The ontology graph's canonical N-Triples (:func:`kg.publish.canonical_nt`), through :func:`memo`."""
    from kg import publish
    from kg.build_graphs import ontology_graph

    files = sorted(Path(settings.ontology_dir).glob("*.ttl"))  # type: ignore[attr-defined]
    return memo(cache, "ontology", [*files, _KG / "publish.py", _KG / "build_graphs.py"],
                lambda: publish.canonical_nt(ontology_graph(settings), "ontology"))  # type: ignore[arg-type]
