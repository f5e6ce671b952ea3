"""The data dumps of a build as parts shared between versions by hard links.

Each data dump (``dataset.nt.gz``, ``dataset.nq.gz``, ``dataset.ttl``, ``dataset.jsonld``) is published as parts
in ``dumps/parts/``: one per :data:`PART_PAGES` pages (``dataset-00001.nt.gz``, ...) and one for the statements
that are not any page's own (entities, authorities, ontology: ``dataset-graphs.nt.gz``). Every part is a valid
file of its format on its own: gzip members, Turtle with its own prefixes, a JSON-LD array. ``dumps/parts.json``
lists them in order with their sizes, page counts and SHA-256.

A version derived from the previous one writes only the parts holding a page that changed, was added or was
removed; every other part is a hard link to the previous version's file (same inode: no bytes copied, and since
published files are never opened for writing, the old version stays whole).

"The dump" stays one download: :func:`open_dump` reads the concatenation of the parts (gzip members concatenate
into one gzip stream; Turtle documents with their own prefixes concatenate into one valid Turtle document; the
JSON-LD parts are joined inside one array, :func:`segments`). The server streams the same bytes with byte ranges.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from kg.namespaces import PREFIXES

DATA_DUMPS = ("dataset.nt.gz", "dataset.nq.gz", "dataset.ttl", "dataset.jsonld")
PART_PAGES = int(os.environ.get("KG_DUMP_PART_PAGES", "2000"))
PARTS_DIR = "parts"
PARTS_FILE = "parts.json"
TAIL = "graphs"  # the part of the statements that are no page's own
TURTLE_HEADER = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items()).encode()
JSONLD_HEAD, JSONLD_TAIL = b"[\n", b"{}]\n"  # the last element is an empty node object: no trailing comma
_HEADERS = {"dataset.ttl": TURTLE_HEADER, "dataset.jsonld": JSONLD_HEAD}
_MAX_OPEN = 32  # part files open at once while writing


def part_file(name: str, part: int | str) -> str:
    stem, ext = name.split(".", 1)
    return f"{stem}-{part:05d}.{ext}" if isinstance(part, int) else f"{stem}-{part}.{ext}"


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def read_listing(dumps: Path) -> dict | None:
    """``parts.json`` of a dumps folder, or None when its dumps are single files."""
    p = dumps / PARTS_FILE
    if not p.is_file():
        return None
    try:
        return json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


@dataclass(frozen=True)
class Segment:
    """``length`` bytes of ``path`` from ``offset`` (or ``data`` itself when ``path`` is None)."""
    path: Path | None
    offset: int
    length: int
    data: bytes = b""


def segments(dumps: Path, name: str, listing: dict | None = None) -> list[Segment]:
    """The pieces whose concatenation is the whole dump ``name`` (empty when it is not in parts)."""
    listing = listing if listing is not None else read_listing(dumps)
    if listing is None or name not in listing.get("dumps", {}):
        return []
    entries = listing["dumps"][name]
    folder = dumps / PARTS_DIR
    if name == "dataset.jsonld":  # one array: each part without its own brackets
        segs = [Segment(None, 0, len(JSONLD_HEAD), JSONLD_HEAD)]
        segs += [Segment(folder / e["file"], len(JSONLD_HEAD), e["size"] - len(JSONLD_HEAD) - len(JSONLD_TAIL))
                 for e in entries]
        return segs + [Segment(None, 0, len(JSONLD_TAIL), JSONLD_TAIL)]
    return [Segment(folder / e["file"], 0, e["size"]) for e in entries]


def dump_size(dumps: Path, name: str) -> int:
    return sum(s.length for s in segments(dumps, name))


def iter_range(segs: list[Segment], start: int = 0, end: int | None = None, chunk: int = 1 << 20) -> Iterator[bytes]:
    """The bytes ``[start, end)`` of the concatenation of ``segs``, read a chunk at a time."""
    pos = 0
    for s in segs:
        s_start, s_end = pos, pos + s.length
        pos = s_end
        if end is not None and s_start >= end:
            break
        if s_end <= start:
            continue
        lo = max(start, s_start) - s_start
        hi = (min(end, s_end) if end is not None else s_end) - s_start
        if s.path is None:
            yield s.data[lo:hi]
            continue
        with s.path.open("rb") as f:
            f.seek(s.offset + lo)
            left = hi - lo
            while left > 0:
                data = f.read(min(chunk, left))
                if not data:
                    raise OSError(f"{s.path} is shorter than its listing says")
                left -= len(data)
                yield data


class _Concat(io.RawIOBase):
    def __init__(self, segs: list[Segment]) -> None:
        self._it = iter_range(segs)
        self._buf = b""

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:  # type: ignore[no-untyped-def]
        while not self._buf:
            try:
                self._buf = next(self._it)
            except StopIteration:
                return 0
        n = min(len(b), len(self._buf))
        b[:n] = self._buf[:n]
        self._buf = self._buf[n:]
        return n


def open_dump(dumps: Path, name: str) -> BinaryIO:
    """The whole dump ``name`` as one binary stream: the file itself, or the concatenation of its parts."""
    if (dumps / name).is_file():
        return (dumps / name).open("rb")
    segs = segments(dumps, name)
    if not segs:
        raise FileNotFoundError(f"no dump {name} in {dumps}")
    return io.BufferedReader(_Concat(segs), 1 << 20)  # type: ignore[return-value]


def read_dump(dumps: Path, name: str) -> bytes:
    with open_dump(dumps, name) as f:
        return f.read()


class PartsWriter:
    """Writes the data dumps of a build as parts, piece by piece (one page at a time), streaming.

    ``prev`` is the dumps folder of the version this one is derived from and ``dirty`` the parts that must be
    written anew (None: all, a build from scratch); every other part of ``prev`` is hard-linked at :meth:`close`.
    ``load`` also takes each page's ``load.nt`` piece (the N-Triples the store is bulk-loaded from)."""

    def __init__(self, dumps: Path, load: Path, prev: Path | None = None, dirty: set[int] | None = None) -> None:
        self.dumps = dumps
        self.folder = dumps / PARTS_DIR
        self.folder.mkdir(parents=True, exist_ok=True)
        self.load = load.open("wb")
        self.prev = prev
        self.prev_listing = read_listing(prev) if prev is not None else None
        self.dirty = dirty
        self._open: OrderedDict[tuple[str, int | str], BinaryIO] = OrderedDict()
        self.written: dict[int | str, int] = {}  # part -> pages written into it
        self.linked: dict[int, list[dict]] = {}  # part -> spans of the pages it holds (hard link at close)
        self._sources: dict[tuple[str, int], BinaryIO] = {}  # previous part files being copied from
        # SHA-256 of the part files this writer made and only appended to, as they are written (no second read of
        # gigabytes at the end); dropped for a file changed any other way (pages copied in, a part rewritten)
        self._hashes: dict[tuple[str, int | str], hashlib._Hash] = {}
        # pages copied from the previous part file and not yet written: one run of adjacent byte ranges a file
        # (source start, length, the file), written in one call when the run breaks (a page per call: 8,000
        # copy_file_range calls for a part of 2,000 pages in four dumps, ~1.5 s of CPU)
        self._runs: dict[tuple[str, int | str], list] = {}

    def _file(self, name: str, part: int | str) -> BinaryIO:
        f = self._open.get((name, part))
        if f is not None:
            self._open.move_to_end((name, part))
            return f
        path = self.folder / part_file(name, part)
        if path.exists():  # (not "ab": copy_file_range refuses a file opened for appending)
            f = path.open("r+b")
            f.seek(0, os.SEEK_END)
        else:
            f = path.open("wb")
            f.write(_HEADERS.get(name, b""))
            self._hashes[(name, part)] = hashlib.sha256(_HEADERS.get(name, b""))
        self._open[(name, part)] = f
        while len(self._open) > _MAX_OPEN:
            key, old = self._open.popitem(last=False)
            self._end_run(key)
            old.close()
        return f

    def _end_run(self, key: tuple[str, int | str]) -> None:
        run = self._runs.pop(key, None)
        if run is not None and run[1]:
            _copy_range(self._source(*key), run[2], run[0], run[1])  # type: ignore[arg-type]

    def is_dirty(self, part: int) -> bool:
        return self.dirty is None or part in self.dirty or self._prev_entry("dataset.nt.gz", part) is None

    def _prev_entry(self, name: str, part: int | str) -> dict | None:
        if self.prev_listing is None:
            return None
        if not hasattr(self, "_prev_by_file"):  # looked up for every page: a dict, not a scan of the listing
            self._prev_by_file = {(n, e["file"]): e for n, es in self.prev_listing["dumps"].items() for e in es}
        return self._prev_by_file.get((name, part_file(name, part)))

    def write(self, pieces: dict[str, bytes], part: int | str) -> dict[str, tuple[int, int]]:
        """Append a page's pieces (:func:`kg.publish.dump_pieces`) to ``part``; returns where they lie."""
        spans: dict[str, tuple[int, int]] = {}
        for name in DATA_DUMPS:
            data = pieces.get(name, b"")
            if data and name == "dataset.jsonld":
                data += b",\n"
            f = self._file(name, part)
            self._end_run((name, part))
            start = f.tell()
            f.write(data)
            h = self._hashes.get((name, part))
            if h is not None:
                h.update(data)
            spans[name] = (start, len(data))
        self.load.write(pieces.get("load.nt", b""))
        self.written[part] = self.written.get(part, 0) + 1
        if isinstance(part, int):
            spans["#part"] = (part, 0)
        return spans

    def copy(self, spans: dict[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
        """A page published by the previous version as it was: nothing to do when its part is linked, else its
        pieces are copied from the previous part file (byte ranges; the old file is only read)."""
        part = spans["#part"][0]
        linked = self.linked.get(part)
        if linked is not None:  # (the common case, once per unchanged page: no more than a dict look-up)
            linked.append(spans)
            return spans
        if not self.is_dirty(part):
            self.linked[part] = [spans]
            return spans
        out = self._copy_page(spans, part)
        self.written[part] = self.written.get(part, 0) + 1
        out["#part"] = (part, 0)
        return out

    def link_part(self, part: int, pages: int) -> None:
        """A part of the previous version none of whose ``pages`` changed: hard-linked whole at :meth:`close`, its
        pages not looked at (:meth:`kg.derive.PreviousVersion.plan_parts`)."""
        assert self.prev is not None and not self.is_dirty(part) and part not in self.linked
        self.linked[part] = _Pages(pages)

    def _copy_page(self, spans: dict[str, tuple[int, int]], part: int) -> dict[str, tuple[int, int]]:
        """One page's pieces copied from the previous version's part file to the end of this one's; their new
        spans per dump."""
        assert self.prev is not None
        out: dict[str, tuple[int, int]] = {}
        for name in DATA_DUMPS:
            start, length = spans[name]
            f = self._file(name, part)
            self._hashes.pop((name, part), None)
            run = self._runs.get((name, part))
            if run is not None and run[0] + run[1] == start:  # right after the run in the old file: extend it
                at = f.tell() + run[1]
                run[1] += length
            else:
                self._end_run((name, part))
                f.flush()
                at = f.tell()
                self._runs[(name, part)] = [start, length, f]
            out[name] = (at, length)
        return out

    def _source(self, name: str, part: int) -> BinaryIO:
        """The previous version's part file, opened once for reading (pages are copied from it one by one)."""
        f = self._sources.get((name, part))
        if f is None:
            f = self._sources[(name, part)] = (self.prev / PARTS_DIR / part_file(name, part)).open("rb")  # type: ignore[operator]
        return f

    def keep_only(self, kept: list[dict[str, tuple[int, int]]]) -> list[dict[str, tuple[int, int]]]:
        """Rewrite the parts that lost pages (left out after the fact) with only the ``kept`` pages' pieces;
        returns their new spans, in the same order."""
        self._close_open()
        by_part: dict[int, list[int]] = {}
        for i, sp in enumerate(kept):
            by_part.setdefault(sp["#part"][0], []).append(i)
        out = list(kept)
        for part in set(self.written) | set(self.linked):
            if not isinstance(part, int) or isinstance(self.linked.get(part), _Pages):
                continue  # (a part taken whole loses no page: kg.build takes every page one by one then)
            idx = by_part.get(part, [])
            had = self.written.get(part, 0) or len(self.linked.get(part, []))
            if len(idx) == had:
                continue
            linked = part in self.linked
            for name in DATA_DUMPS:
                self._hashes.pop((name, part), None)
                src = (self.prev / PARTS_DIR if linked and self.prev else self.folder) / part_file(name, part)
                tmp = self.folder / (part_file(name, part) + ".tmp")
                with tmp.open("wb") as dst:
                    dst.write(_HEADERS.get(name, b""))
                    for i in idx:
                        start, length = out[i][name]
                        dst.flush()
                        at = dst.tell()
                        if length:
                            _copy_range(src, dst, start, length)
                        out[i] = {**out[i], name: (at, length)}
                os.replace(tmp, self.folder / part_file(name, part))
            self.linked.pop(part, None)
            self.written[part] = len(idx)
        return out

    def _close_open(self) -> None:
        for key in list(self._runs):
            self._end_run(key)
        for f in [*self._open.values(), *self._sources.values()]:
            f.close()
        self._open.clear()
        self._sources.clear()

    def close(self) -> dict:
        """Finish the parts (hard links for the unchanged ones) and write ``parts.json``; returns the listing."""
        self._close_open()
        self.load.close()
        for part, spans in list(self.linked.items()):
            had = self._prev_entry("dataset.nt.gz", part)
            if had is None or had.get("pages") != len(spans):  # a page of it was dropped (a duplicate now)
                self.keep_only_part(part, spans)
                continue
            for name in DATA_DUMPS:
                os.link(self.prev / PARTS_DIR / part_file(name, part), self.folder / part_file(name, part))  # type: ignore[operator]
        listing: dict = {"pages_per_part": PART_PAGES, "dumps": {}}
        parts = sorted(p for p in set(self.written) | set(self.linked) if isinstance(p, int))
        if TAIL in self.written:
            parts.append(TAIL)  # type: ignore[arg-type]
        for name in DATA_DUMPS:
            entries = []
            for part in parts:
                path = self.folder / part_file(name, part)
                if name == "dataset.jsonld" and part in self.written:
                    with path.open("ab") as f:
                        f.write(JSONLD_TAIL)
                    if (name, part) in self._hashes:
                        self._hashes[(name, part)].update(JSONLD_TAIL)
                pages = self.written.get(part, 0) or len(self.linked.get(part, []))  # type: ignore[call-overload]
                prev = self._prev_entry(name, part) if part in self.linked else None
                if prev is None and part == TAIL and self.prev is not None:
                    old = self._prev_entry(name, TAIL)
                    digest = self._sha256(name, part, path)
                    if old is not None and old["sha256"] == digest:  # the same bytes: share the old file
                        os.replace(_link_aside(self.prev / PARTS_DIR / old["file"], path), path)
                    entries.append({"file": path.name, "size": path.stat().st_size, "pages": 0, "sha256": digest})
                    continue
                entries.append(prev if prev is not None else {
                    "file": path.name, "size": path.stat().st_size, "pages": pages if part != TAIL else 0,
                    "sha256": self._sha256(name, part, path)})
            listing["dumps"][name] = entries
        tmp = self.dumps / (PARTS_FILE + ".tmp")
        tmp.write_text(json.dumps(listing, indent=1), encoding="utf-8")
        os.replace(tmp, self.dumps / PARTS_FILE)
        return listing

    def _sha256(self, name: str, part: int | str, path: Path) -> str:
        h = self._hashes.pop((name, part), None)
        return h.hexdigest() if h is not None else sha256_file(path)

    def keep_only_part(self, part: int, spans: list[dict]) -> None:
        """Write a part the previous version had anew with only ``spans`` (updated in place: they are the pages'
        own span dicts)."""
        self.linked.pop(part, None)
        self.written[part] = len(spans)
        for sp in spans:
            sp.update(self._copy_page(sp, part))
        self._close_open()


class _Pages(list):
    """The pages of a part taken whole: only their number is known (:meth:`PartsWriter.link_part`)."""

    def __init__(self, n: int) -> None:
        super().__init__()
        self.n = n

    def __len__(self) -> int:
        return self.n

    def append(self, _spans: object) -> None:  # (a page of it taken one by one: it is not taken whole)
        raise ValueError("a page of a part taken whole")


def _link_aside(src: Path, dest: Path) -> Path:
    tmp = dest.with_name(dest.name + ".link")
    tmp.unlink(missing_ok=True)
    os.link(src, tmp)
    return tmp


def _copy_range(src: Path | BinaryIO, dst: BinaryIO, start: int, length: int) -> None:
    """``length`` bytes of ``src`` (a path, or a file open for reading) from ``start`` appended to ``dst``."""
    dst.flush()
    with (src.open("rb") if isinstance(src, Path) else nullcontext(src)) as s:
        done = 0
        while done < length:
            n = os.copy_file_range(s.fileno(), dst.fileno(), length - done, start + done)
            if n <= 0:
                raise OSError(f"could not copy {length} bytes from {src}")
            done += n
    dst.seek(0, os.SEEK_END)


def part_path(dumps: Path, name: str, spans: dict[str, tuple[int, int]]) -> Path:
    """The part file of ``dumps`` that holds a page with these spans."""
    return dumps / PARTS_DIR / part_file(name, spans["#part"][0])


def assign_parts(sources: list[str], prev_parts: dict[str, int] | None, prev_pages: dict[int, int] | None,
                 reused: set[str]) -> tuple[dict[str, int], set[int] | None]:
    """The part of every source page, and the parts to write anew (None: every part, no previous version).

    A page the previous version published stays in its part; a new page goes to the last part while it has
    room, then to new parts. A part is written anew when one of its pages changed, was added or removed."""
    if prev_parts is None or prev_pages is None:
        return {src: i // PART_PAGES + 1 for i, src in enumerate(sources)}, None
    out: dict[str, int] = {}
    dirty: set[int] = set()
    count = dict(prev_pages)
    last = max(count, default=0)
    for src in sources:
        part = prev_parts.get(src)
        if part is None:
            if last == 0 or count.get(last, 0) >= PART_PAGES:
                last += 1
            part = last
            count[part] = count.get(part, 0) + 1
        out[src] = part
        if src not in reused:
            dirty.add(part)
    now = set(sources)
    dirty |= {p for src, p in prev_parts.items() if src not in now}
    return out, dirty
