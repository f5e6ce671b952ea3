"""A published version's index and summary, as written and read.

The index (``index.pkl`` and its chunks in ``index/``, one per dump part, hard-linked from the previous version when
the part is): for every page the version published, its cache key, what it states about shared nodes, its
unreconciled names and warnings, and where its parts lie in the version's dumps (:func:`_row`); the cache keys by
part (``cache-keys/``); and the :class:`Summary` (``summary/``, in pieces) a derived version plans from
(:meth:`kg.derive.PreviousVersion.plan_parts`).
"""

from __future__ import annotations

import dataclasses
import os
import pickle
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from kg.build_workers import DocOut

INDEX = "index.pkl"
INDEX_DIR = "index"  # the chunks, one per dump part (kg.dump_parts)
KEYS = "cache-keys.txt"  # the page cache entries (kg.build_workers) a version was made of (before KEYS_DIR)
KEYS_DIR = "cache-keys"  # the same, one file per dump part (hard-linked when the part is)
SUMMARY = "summary.pkl"  # kg.derive.Summary in one file (versions written before SUMMARY_DIR)


def save_index(root: Path, fingerprint: str, kept: list[DocOut], own_stats: dict, sources: list[str],
               graph_sums: dict[str, str] | None = None, prev_root: Path | None = None,
               linked: set[int] | frozenset[int] = frozenset(), global_state: object = None,
               summary: Summary | None = None, stats: dict[str, tuple] | None = None,
               tail_stats: dict | None = None) -> None:
    """Write the index in chunks, one per dump part (``index/index-00001.pkl``, ...), and ``index.pkl`` listing
    them; the cache keys of each part's pages (``cache-keys/keys-00001.txt``); and the :class:`Summary`. The chunk
    and keys of a part hard-linked from the previous version (``linked``: its pages are those it published, as they
    were) are hard links to its files: a derived version writes only its changed parts' files. ``kept`` holds the
    pages of the other parts (a derived version's pages of the linked parts need not be in it). ``stats``: each
    page's (size, mtime_ns) as this build looked (else the file is looked at again). The global pass's lines
    (``global_state``'s ``lines`` and ``shared``) go into a file of their own (``LINES_FILE``), a hard link to the
    previous version's when they are None (the same as its)."""
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
    if global_state is not None:
        from kg.validate_global import LINES_FILE

        lines, shared = getattr(global_state, "lines", None), getattr(global_state, "shared", None)
        old_lines = prev_root / LINES_FILE if prev_root is not None else None
        if lines is not None:
            _write_pickle(root / LINES_FILE, {"lines": lines, "shared": shared})
        elif old_lines is not None and old_lines.is_file():
            os.link(old_lines, root / LINES_FILE)
        global_state = dataclasses.replace(global_state, lines=None, shared=None)  # type: ignore[type-var]
    _write_pickle(root / INDEX, {"fingerprint": fingerprint, "chunks": chunks, "graph_sums": graph_sums or {},
                                 "global": global_state, "tail_stats": tail_stats,
                                 "own_stats": {k: (dict(v) if isinstance(v, Counter) else v)
                                               for k, v in own_stats.items()}})
    if summary is None:
        summary = Summary()
        for d in kept:
            summary.add(d, _stat_of(d.path, stats))
    summary.save(root, prev_root)


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
    """What the pages of a version add up to, kept beside its index (``summary/``), so that a derived version
    never expands into pages a dump part none of whose pages changed (the index rows of 100k pages took seconds to
    read and go through): each page's file (size, time, part) and merge signature, the keys the duplicate check
    compares, the pages' warnings, and the shared and context lines and unreconciled names with the number of
    pages (occurrences) that make them. :meth:`remove` and :meth:`add` keep it up to date page by page.

    Kept in pieces (:meth:`save`, :meth:`load`): the pages' entries one file a dump part (``summary/pages-NNNNN.pkl``),
    the lines' counts (``summary/lines.pkl``) and the unreconciled names (``summary/names.pkl``); a derived version
    writes the pieces its pages changed and hard-links the others (at 100k pages the whole took ~0.4 s to write)."""

    files: dict[str, tuple[int, int, int]] = dataclasses.field(default_factory=dict)  # path -> size, mtime_ns, part
    sigs: dict[str, str] = dataclasses.field(default_factory=dict)  # path -> merge signature (pages with one)
    seen: dict[tuple[str, str], str] = dataclasses.field(default_factory=dict)  # duplicate-check key -> path
    warnings: dict[str, list] = dataclasses.field(default_factory=dict)  # path -> its warnings (pages with some)
    shared: dict[str, int] = dataclasses.field(default_factory=dict)  # shared line -> occurrences (0: none now)
    context: dict[str, int] = dataclasses.field(default_factory=dict)
    unreconciled: dict[tuple[str, str], dict | tuple] = dataclasses.field(default_factory=dict)  # (encoded or not)
    # what changed since it was read (not kept): the parts whose pages did (None: every piece is written), the
    # lines and names with their counts as read
    _dirty: set[int] | None = dataclasses.field(default=None, repr=False, compare=False)
    _lines_before: dict[tuple[int, str], int] = dataclasses.field(default_factory=dict, repr=False, compare=False)
    _names_before: dict[tuple[str, str], tuple | None] = dataclasses.field(default_factory=dict, repr=False,
                                                                          compare=False)

    def add(self, d: DocOut, stat: tuple[int, int]) -> None:
        part = d.spans["#part"][0]
        self.files[d.path] = (stat[0], stat[1], part)
        if self._dirty is not None:
            self._dirty.add(part)
        if d.merge_sig:
            self.sigs[d.path] = d.merge_sig
        for key in dup_keys(d):
            self.seen.setdefault(key, d.path)
        if d.violations:
            self.warnings[d.path] = d.violations
        for i, (counts, lines) in enumerate(((self.shared, d.shared), (self.context, d.context))):
            if self._dirty is None:  # (a summary made here: written whole, nothing to compare)
                for x in lines:
                    counts[x] = counts.get(x, 0) + 1
                continue
            before = self._lines_before
            for x in lines:
                n = counts.get(x, 0)
                before.setdefault((i, x), n)
                counts[x] = n + 1
        for etype, name, doc in d.unreconciled:
            by_doc = self._by_doc((etype, name))
            by_doc[doc] = by_doc.get(doc, 0) + 1

    def _by_doc(self, key: tuple[str, str]) -> dict[str, int]:
        """A name's occurrences by document, decoded (kept encoded while no page of it changes: :meth:`__getstate__`)."""
        got = self.unreconciled.get(key)
        if self._dirty is not None and key not in self._names_before:
            self._names_before[key] = got if not isinstance(got, dict) else _encode_docs(got)
        if got is None:
            got = self.unreconciled[key] = {}
        elif not isinstance(got, dict):
            got = self.unreconciled[key] = _decode_docs(got)
        return got

    def __getstate__(self) -> dict:
        """Pickled in forms quick to read and write (at 100k pages the dicts took 0.8 s to write, 0.75 s to read):
        the duplicate-check keys as three lists, each unreconciled name's documents as one string."""
        d = {k: v for k, v in self.__dict__.items() if not k.startswith("_")}
        d["shared"] = {x: n for x, n in self.shared.items() if n}
        d["context"] = {x: n for x, n in self.context.items() if n}
        seen = d.pop("seen")
        d["seen_lists"] = ([k for k, _v in seen], [v for _k, v in seen], list(seen.values()))
        d["unreconciled"] = {k: v if not isinstance(v, dict) else _encode_docs(v) for k, v in self.unreconciled.items()}
        return d

    def __setstate__(self, d: dict) -> None:
        if "seen_lists" in d:  # (else a summary pickled as dicts)
            kinds, values, paths = d.pop("seen_lists")
            d["seen"] = dict(zip(zip(kinds, values, strict=True), paths, strict=True))
        self.__dict__.update(d)
        self._dirty, self._lines_before, self._names_before = None, {}, {}

    def remove(self, d: DocOut) -> None:
        got = self.files.pop(d.path, None)
        if got is None:
            return
        if self._dirty is not None:
            self._dirty.add(got[2])
        self.sigs.pop(d.path, None)
        for key in dup_keys(d):
            if self.seen.get(key) == d.path:
                del self.seen[key]
        self.warnings.pop(d.path, None)
        for i, (counts, lines) in enumerate(((self.shared, d.shared), (self.context, d.context))):
            before = self._lines_before
            for x in lines:  # (a line no page makes any more stays, at 0, until saved: a page taken again puts it
                n = counts[x]  # back where it was, so that the lines keep their order from version to version)
                before.setdefault((i, x), n)
                counts[x] = n - 1
        for etype, name, doc in d.unreconciled:
            by_doc = self._by_doc((etype, name))
            by_doc[doc] -= 1
            if not by_doc[doc]:
                del by_doc[doc]
                if not by_doc:
                    del self.unreconciled[(etype, name)]

    # ------------------------------------------------------------------------------------------------ kept in pieces

    def save(self, root: Path, prev_root: Path | None) -> None:
        """Write the pieces into ``root/summary/``: those of the parts, lines and names that changed since
        :meth:`load` read them from ``prev_root`` (all, for a summary made here or read from one file); hard links
        to ``prev_root``'s for the others."""
        folder = root / SUMMARY_DIR
        folder.mkdir(exist_ok=True)
        old = prev_root / SUMMARY_DIR if prev_root is not None and self._dirty is not None else None
        by_part: dict[int, list[str]] = {}
        for path, f in self.files.items():
            by_part.setdefault(f[2], []).append(path)
        write = [p for p in by_part if old is None or p in self._dirty or not _link(old, folder, _pages_file(p))]  # type: ignore[operator]
        if write:
            want = set(write)
            seen: dict[int, list[tuple[str, str, str]]] = {}
            for (kind, value), path in self.seen.items():
                part = self.files[path][2] if path in self.files else None
                if part in want:
                    seen.setdefault(part, []).append((kind, value, path))  # type: ignore[arg-type]
            for part in write:
                paths = by_part[part]
                _write_pickle(folder / _pages_file(part), {
                    "files": {p: self.files[p] for p in paths}, "sigs": {p: self.sigs[p] for p in paths if p in self.sigs},
                    "warnings": {p: self.warnings[p] for p in paths if p in self.warnings},
                    "seen": seen.get(part, [])})
        counts = (self.shared, self.context)
        if old is None or any(counts[i].get(x, 0) != n for (i, x), n in self._lines_before.items()) \
                or not _link(old, folder, LINES):
            _write_pickle(folder / LINES, {"shared": {x: n for x, n in self.shared.items() if n},
                                           "context": {x: n for x, n in self.context.items() if n}})
        names = {k: v if not isinstance(v, dict) else _encode_docs(v) for k, v in self.unreconciled.items()}
        if old is None or any(names.get(k) != v for k, v in self._names_before.items()) \
                or not _link(old, folder, NAMES):
            _write_pickle(folder / NAMES, names)

    @classmethod
    def load(cls, root: Path) -> Summary | None:
        """A version's summary (its pieces, or ``summary.pkl`` of a version written before them); None: none."""
        folder = root / SUMMARY_DIR
        if not folder.is_dir():
            got = _read_pickle(root / SUMMARY)
            return got if isinstance(got, Summary) else None
        s = cls()
        lines = _read_pickle(folder / LINES)
        s.shared, s.context = lines["shared"], lines["context"]  # type: ignore[index]
        s.unreconciled = _read_pickle(folder / NAMES)  # type: ignore[assignment]
        seen: list[tuple[str, str, str]] = []
        for f in sorted(folder.glob("pages-*.pkl")):
            chunk = _read_pickle(f)
            s.files.update(chunk["files"])  # type: ignore[index]
            s.sigs.update(chunk["sigs"])  # type: ignore[index]
            s.warnings.update(chunk["warnings"])  # type: ignore[index]
            seen += chunk["seen"]  # type: ignore[index]
        s.seen = {(kind, value): path for kind, value, path in seen}
        s._dirty = set()
        return s


SUMMARY_DIR = "summary"
LINES, NAMES = "lines.pkl", "names.pkl"


def _pages_file(part: int) -> str:
    return f"pages-{part:05d}.pkl"


def _link(old: Path, folder: Path, name: str) -> bool:
    """Hard-link ``old/name`` into ``folder``; False when there is none."""
    try:
        os.link(old / name, folder / name)
    except FileNotFoundError:
        return False
    return True


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


def version_keys(root: Path) -> set[str] | None:
    """The page cache entries the version in ``root`` was made of (None: a version that did not list them)."""
    if (root / KEYS_DIR).is_dir():
        return {k for f in (root / KEYS_DIR).iterdir() for k in f.read_text(encoding="ascii").split()}
    if (root / KEYS).is_file():
        return set((root / KEYS).read_text(encoding="ascii").split())
    return None
