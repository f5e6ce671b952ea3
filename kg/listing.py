"""The source listing a version was built from, kept with it (``sources.pkl``): the next build lists again only
the folders whose modification time changed, and of those only the names that came or went.

Listing 100k pages (and as many sidecars) with :func:`kg.ingest.source_paths` costs ~2.5 s of CPU, every build; a
republish of one changed page finds every folder unchanged and takes the kept list as it is (one ``stat`` a
folder); one page added or removed changes its folder, whose names are compared with the kept ones (``listdir``
and two sets: ~0.4 s at 200k names) and only the new ones looked at.

A folder is trusted only if its time is older than the previous listing by :data:`RACY_NS` (a name added in the
same tick as the listing, as git's index does with "racily clean" entries). An entry replaced by one of another
kind under the same name (a file by a folder) keeps its kind until a full listing: ``kg build --rehash`` lists
everything again, and so does any change of the listing rules (``kg/ingest/__init__.py``).
"""

from __future__ import annotations

import bisect
import hashlib
import os
import pickle
import time
import zlib
from pathlib import Path

FILE = "sources.pkl"  # the listing: each folder's time and subfolders, and the sorted sources
NAMES = "sources-names.pkl"  # every folder's names (read when a folder changed)
RACY_NS = 2_000_000_000
_RULES = Path(__file__).parent / "ingest" / "__init__.py"


def _key(path: str) -> str:
    """Sorts as :func:`kg.ingest.source_paths` does (on the path's parts: the separator before any character)."""
    return path.replace(os.sep, "\0")


def _rules() -> str:
    return hashlib.sha256(_RULES.read_bytes()).hexdigest()


def list_sources(paths: list[Path], previous: Path | None, dest: Path, *, full: bool = False) -> list[str]:
    """:func:`kg.ingest.source_paths` of ``paths``, from the listing kept in the version folder ``previous``
    where the folders did not change; the new listing is kept in ``dest`` (a hard link to the previous one when
    nothing changed). Paths that are not all folders: :func:`~kg.ingest.source_paths`, nothing kept. ``full``:
    every folder listed again."""
    from kg.ingest import source_paths

    roots = [str(p) for p in paths]
    if not roots or not all(os.path.isdir(r) for r in roots):
        return source_paths(paths)
    rules = _rules()
    cwd = os.getcwd() if not all(os.path.isabs(r) for r in roots) else ""  # (relative paths: from where)
    old = None if full or previous is None else _read(previous / FILE)
    if old is not None and (old.get("rules") != rules or old.get("cwd", "") != cwd):
        old = None
    names = _Names(previous if old is not None else None)
    state: dict = {"rules": rules, "cwd": cwd, "taken": time.time_ns(), "roots": {}}
    new_names: dict = {}
    changed = old is None or set(old["roots"]) != set(roots)
    out: list[str] = []
    seen: set[str] = set()
    for root in roots:
        got = (old or {}).get("roots", {}).get(root)
        mine, listed, root_changed = _list_root(root, got, old["taken"] if old else 0, names.of(root))
        state["roots"][root], new_names[root] = mine, listed
        changed = changed or root_changed
        for f in mine["sources"]:
            if f not in seen:
                seen.add(f)
                out.append(f)
    try:
        if not changed and previous is not None:
            for name in (FILE, NAMES):
                os.link(previous / name, dest / name)
        else:
            for root, listed in new_names.items():
                for top, got in listed.items():
                    if got is None:
                        listed[top] = names.folder(root, top)
            _write(dest / FILE, state)
            _write(dest / NAMES, new_names)
    except OSError:  # (kept for the next build only)
        pass
    return out


class _Names:
    """The names of every folder, read only if a folder changed."""

    def __init__(self, previous: Path | None) -> None:
        self.previous = previous
        self.got: dict | None = None

    def of(self, root: str) -> _Names.Root:
        return _Names.Root(self, root)

    def folder(self, root: str, top: str) -> tuple[set[str], set[str]] | None:
        if self.got is None:
            self.got = (_read(self.previous / NAMES) if self.previous is not None else None) or {}
        return self.got.get(root, {}).get(top)

    class Root:
        def __init__(self, names: _Names, root: str) -> None:
            self.names, self.root = names, root

        def get(self, top: str) -> tuple[set[str], set[str]] | None:
            return self.names.folder(self.root, top)


def _read(path: Path) -> dict | None:
    try:
        return pickle.loads(zlib.decompress(path.read_bytes()))
    except Exception:  # none (a version built before), or unreadable: a full listing
        return None


def _write(path: Path, data: object) -> None:
    path.write_bytes(zlib.compress(pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL), 1))


def _list_root(root: str, old: dict | None, old_taken: int, old_names: _Names.Root) -> tuple[dict, dict, bool]:
    """``({"dirs": {folder: (mtime_ns, subfolders)}, "sources": [sorted paths]}, {folder: (names, subfolders)},
    changed)`` of one root folder."""
    from kg.ingest import _is_source_name

    dirs_old: dict = old["dirs"] if old else {}
    dirs: dict = {}
    listed: dict = {}
    added: list[str] = []
    gone: set[str] = set()
    gone_dirs: list[str] = []
    changed = old is None
    stack = [root]
    while stack:
        top = stack.pop()
        try:
            mtime = os.stat(top).st_mtime_ns
        except OSError:
            continue
        had = dirs_old.get(top)
        if had is not None and had[0] == mtime and old_taken - mtime > RACY_NS:
            subs = had[1]
            listed[top] = None  # (its names: read only if the names file is written again)
            dirs[top] = (mtime, subs)
            stack.extend(os.path.join(top, n) for n in subs)
            continue
        before = old_names.get(top) if had is not None else None
        if before is None:  # a folder not listed before: every entry (its kind from the directory entry)
            changed = True
            names, subs = set(), set()
            with os.scandir(top) as it:
                for e in it:
                    if e.name.startswith("."):
                        continue
                    names.add(e.name)
                    if e.is_dir():
                        subs.add(e.name)
                    elif _is_source_name(e.name) and e.is_file():
                        added.append(e.path)
            listed[top] = (names, subs)
        else:  # changed: only the names that came or went
            changed = True
            names = {n for n in os.listdir(top) if not n.startswith(".")}
            old_set, old_subs = before
            subs = old_subs & names
            for n in names - old_set:
                p = os.path.join(top, n)
                if os.path.isdir(p):
                    subs.add(n)
                elif _is_source_name(n) and os.path.isfile(p):
                    added.append(p)
            for n in old_set - names:
                if n in old_subs:
                    gone_dirs.append(os.path.join(top, n))
                else:
                    gone.add(os.path.join(top, n))
            listed[top] = (names, subs)
        dirs[top] = (mtime, subs)
        stack.extend(os.path.join(top, n) for n in subs)
    if old is None:
        sources = sorted(added, key=_key)
    else:
        changed = changed or set(dirs) != set(dirs_old)
        prefixes = tuple(d + os.sep for d in gone_dirs)
        sources = [f for f in old["sources"] if f not in gone and not (prefixes and f.startswith(prefixes))] \
            if gone or prefixes else list(old["sources"])
        for f in added:
            k = _key(f)
            i = bisect.bisect_left(sources, k, key=_key)
            if i == len(sources) or sources[i] != f:
                sources.insert(i, f)
    return {"dirs": dirs, "sources": sources}, listed, changed
