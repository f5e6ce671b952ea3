"""One full-text index file shared by the versions derived from one another, each row visible in some of them.

A build from scratch writes a new index file, ``OUT/search/<build-id>.sqlite`` (SQLite in WAL mode: readers
never wait for the writer and never see its uncommitted rows). Every row of ``docs`` and ``entities`` carries the
versions it belongs to, ``vfrom <= v < vto``; a version's ``search.json`` names the file and its number ``v``,
and :func:`connect_version` shows that version alone (temporary views named like the tables, so
:func:`kg.search_index.search` runs unchanged). A derived version (:func:`derive`) adds rows for the pages that
changed (and the pages linking to an entity whose names changed with them) and ends the rows they replace, in one
transaction: O(changed pages), where a copy of the file was O(collection). The old version's rows are never
changed except for ``vto`` set to a number above it, so what it finds stays the same; the switch stays the
version's ``current`` link (the new ``search.json`` is inside the new version). Rows no kept version sees any more
are deleted by later derivations; index files no kept version names, by :func:`collect`.

Ranking (BM25) uses counts over the file's rows, those of the other kept versions included: an old version's
result set and facets never change, the order of equally good hits may shift slightly.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections import Counter
from pathlib import Path

from kg import search_index as si

POINTER = "search.json"
FOLDER = "search"
END = 9223372036854775807  # vto of a row still visible in the newest version
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,200}\.sqlite$")


def _out(root: Path) -> Path | None:
    """OUT of a version at ``OUT/builds/<id>`` or ``OUT/staging/<id>``; None for a folder laid out otherwise."""
    return root.parent.parent if root.parent.name in ("builds", "staging") else None


def new_index(root: Path) -> Path:
    """Where a build from scratch writes its new index file: ``OUT/search/<build-id>.sqlite`` (beside the version
    itself for a folder outside the usual layout)."""
    out = _out(root)
    if out is None:
        return root / si.INDEX_FILE
    (out / FOLDER).mkdir(parents=True, exist_ok=True)
    return out / FOLDER / f"{root.name}.sqlite"


def adopt(root: Path, index: Path, version: int) -> None:
    """Make ``index`` (at ``version``) the index of the version in ``root``: WAL mode, and ``search.json``."""
    con = sqlite3.connect(index)
    try:
        con.execute("PRAGMA journal_mode = WAL")
    finally:
        con.close()
    tmp = root / (POINTER + ".tmp")
    tmp.write_text(json.dumps({"index": os.path.relpath(index, root), "version": version}), encoding="utf-8")
    os.replace(tmp, root / POINTER)


def pointer(root: Path) -> tuple[Path, int] | None:
    """The index file and version number of the version in ``root`` (None: no shared index)."""
    try:
        data = json.loads((root / POINTER).read_text(encoding="utf-8"))
        path, version = (root / data["index"]).resolve(), int(data["version"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return (path, version) if _NAME.match(path.name) else None


def connect_version(path: Path, version: int) -> sqlite3.Connection:
    """A read-only connection to ``path`` that sees version ``version`` only."""
    con = si.connect(path)
    vis = f"vfrom <= {int(version)} AND {int(version)} < vto"
    con.execute(f"CREATE TEMP VIEW docs AS SELECT rowid AS rowid, iri, title, date, kind, senders, summary "
                f"FROM main.docs WHERE {vis}")
    con.execute(f"CREATE TEMP VIEW entities AS SELECT rowid AS rowid, iri, label, kind, documents "
                f"FROM main.entities WHERE {vis}")
    return con


def open_index(root: Path) -> sqlite3.Connection | None:
    """The index of the version in ``root`` as that version sees it: its shared index, or a file of its own (an
    older layout); None when it has none."""
    got = pointer(root)
    if got is not None and got[0].is_file():
        return connect_version(*got)
    if (root / si.INDEX_FILE).is_file():
        return si.connect(root / si.INDEX_FILE)
    return None


def _published(out: Path | None, index: Path) -> set[int]:
    """The version numbers of the kept versions that use ``index``."""
    if out is None or not (out / "builds").is_dir():
        return set()
    seen = set()
    for v in (out / "builds").iterdir():
        got = pointer(v)
        if got is not None and got[0] == index:
            seen.add(got[1])
    return seen


def collect(out: Path) -> list[Path]:
    """Remove the index files no kept version (nor a build in progress) names."""
    folder = out / FOLDER
    if not folder.is_dir():
        return []
    used = {got[0].name for parent in ("builds", "staging") if (out / parent).is_dir()
            for v in (out / parent).iterdir() if (got := pointer(v)) is not None}
    removed = []
    for p in folder.iterdir():
        base = p.name.split(".sqlite", 1)[0] + ".sqlite"
        if base not in used and (p.name.endswith(".sqlite") or "-" in p.name[len(base):]):
            p.unlink(missing_ok=True)
            removed.append(p)
    return removed


def _drop(con: sqlite3.Connection, where: str, params: tuple = ()) -> None:
    """Delete the docs rows matching ``where`` (on ``docs``) with their text, facets and links; same for entities."""
    _delete(con, "docs", where, params, ("fts", "rowid"), ("facets", "doc"), ("links", "doc"), ("docs", "rowid"))
    _delete(con, "entities", where, params, ("entity_fts", "rowid"), ("entities", "rowid"))


def _delete(con: sqlite3.Connection, table: str, where: str, params: tuple, *targets: tuple[str, str]) -> None:
    """Delete the rows of ``table`` matching ``where`` from each ``(table, column)`` of ``targets`` that refers to
    them by rowid, 500 at a time (SQLite's limit on bound parameters)."""
    ids = [r for (r,) in con.execute(f"SELECT rowid FROM {table} WHERE {where}", params)]
    for chunk in range(0, len(ids), 500):
        part = ids[chunk:chunk + 500]
        marks = ",".join("?" * len(part))
        for target, column in targets:
            con.execute(f"DELETE FROM {target} WHERE {column} IN ({marks})", part)


def version_indexes(con: sqlite3.Connection) -> None:
    """The indexes on the rows' versions, so that a derivation's clean-up reads only the rows it changes (made
    with the index file; at 100k pages, made at the first derivation, they took 20 s)."""
    for table in ("docs", "entities"):
        for column in ("vfrom", "vto"):
            con.execute(f"CREATE INDEX IF NOT EXISTS {table}_by_{column} ON {table} ({column})")


def derive(prev: Path, root: Path, changed: set[str], also: set[str]) -> Path:
    """The index of the version in ``root``, derived from the one in ``prev``: see the module docstring. Falls back
    to a new index file from the store when ``prev`` has no shared index, or is not the newest version of its
    index (a version restored after newer ones were published)."""
    got = pointer(prev)
    if got is None or not got[0].is_file():
        return si.build_for(root)
    index, p = got
    published = _published(_out(root), index)
    if max(published, default=p) > p:
        return si.build_for(root)
    import pyoxigraph as ox

    store = ox.Store.read_only(str(root / "store"))
    con = sqlite3.connect(index, timeout=60)
    try:
        con.execute("PRAGMA journal_mode = WAL")
        con.execute("BEGIN IMMEDIATE")
        version_indexes(con)  # (an index file written before they were made with it)
        # what a version never published (a failed build) left: its rows out, the rows it ended visible again
        _drop(con, "vfrom > ?", (p,))
        con.execute("UPDATE docs SET vto = ? WHERE vto > ? AND vto < ?", (END, p, END))
        con.execute("UPDATE entities SET vto = ? WHERE vto > ? AND vto < ?", (END, p, END))
        # rows no kept version sees any more
        oldest = min(published | {p})
        _drop(con, "vto <= ?", (oldest,))
        s = p + 1
        _derive_rows(con, store, p, s, changed, also)
        con.commit()
    except BaseException:
        con.rollback()
        raise
    finally:
        con.close()
    adopt(root, index, s)
    return index


def _vis(v: int, alias: str = "") -> str:
    a = alias + "." if alias else ""
    return f"{a}vfrom <= {int(v)} AND {int(v)} < {a}vto"


def _marks(items: object) -> str:
    return ",".join("?" * len(items))  # type: ignore[arg-type]


def _derive_rows(con: sqlite3.Connection, store: object, p: int, s: int, changed: set[str], also: set[str]) -> None:
    """Version ``s`` = version ``p`` with the documents ``changed`` (and those linking to an entity whose names,
    label or kind changed) indexed again, and the entities they link to (or linked to) counted again."""
    def rows_of(iris: set[str]) -> dict[str, int]:
        return {iri: i for iri, i in con.execute(
            f"SELECT iri, rowid FROM docs WHERE iri IN ({_marks(iris)}) AND {_vis(p)}", sorted(iris))}

    def stored_rows(iris: set[str]) -> dict[str, tuple]:
        return {iri: (j, label, kind, names, n) for iri, j, label, kind, names, n in con.execute(
            "SELECT e.iri, e.rowid, e.label, e.kind, f.names, e.documents FROM entities e JOIN entity_fts f "
            f"ON f.rowid = e.rowid WHERE e.iri IN ({_marks(iris)}) AND {_vis(p, 'e')}", sorted(iris))}

    doc_row = rows_of(changed)
    before = {e for (e,) in con.execute(
        f"SELECT DISTINCT entity FROM links WHERE doc IN ({_marks(doc_row)})", list(doc_row.values()))} | also
    docs, entities, linked = si._collect(store, changed, before)  # type: ignore[arg-type]
    owners = {si._v(r["e"]) for r in si._rows(store, f"SELECT DISTINCT ?e WHERE {{ {si._values('al', sorted(entities))}"
                                                     "?e akg:hasAlias ?al }")} if entities else set()  # type: ignore[arg-type]
    if owners - set(entities):
        docs, entities, linked = si._collect(store, changed, before | owners)  # type: ignore[arg-type]
    stored = stored_rows(set(entities) | before)
    dirty = {e for e in set(entities) | before if e not in entities or e not in stored or stored[e][1:4] != (
        entities[e]["label"], entities[e]["kind"], "\n".join(entities[e]["names"]))}
    again = set(changed)
    if dirty:
        again |= {d for (d,) in con.execute(
            f"SELECT DISTINCT d.iri FROM links l JOIN docs d ON d.rowid = l.doc WHERE l.entity IN ({_marks(dirty)}) "
            f"AND {_vis(p, 'd')}", sorted(dirty))}
    if again != changed:
        docs, entities, linked = si._collect(store, again, before | owners | dirty)  # type: ignore[arg-type]
        doc_row = rows_of(again)
        stored = stored_rows(set(entities) | before | dirty)
    # the old rows of those documents end with version p; their new rows start with s
    con.executemany("UPDATE docs SET vto = ? WHERE rowid = ?", [(s, i) for i in doc_row.values()])
    next_doc = (con.execute("SELECT max(rowid) FROM docs").fetchone()[0] or 0) + 1
    for doc in sorted(docs.values(), key=lambda d: (d.date, d.iri)):
        si._insert_doc(con, next_doc, doc, vfrom=s)
        con.executemany("INSERT INTO links VALUES (?, ?)", [(next_doc, e) for e in sorted(linked.get(doc.iri, ()))])
        next_doc += 1
    # entities: a new row where the names, label, kind or the number of documents linking to it changed. That number:
    # the previous row's, less the old rows of the documents indexed again that linked to it, plus their new rows
    # that do (counting the links of an entity named in 7,000 documents took ~0.1 s each, ~1 s a republish at 100k)
    gone = Counter(e for (e,) in con.execute(f"SELECT entity FROM links WHERE doc IN ({_marks(doc_row)})",
                                             list(doc_row.values())))
    added = Counter(e for doc in docs.values() for e in set(linked.get(doc.iri, ())))
    next_entity = (con.execute("SELECT max(rowid) FROM entities").fetchone()[0] or 0) + 1
    for iri in sorted(set(entities) | set(stored) | dirty):
        old = stored.get(iri)
        if iri not in entities:
            if old is not None and iri in dirty:
                con.execute("UPDATE entities SET vto = ? WHERE rowid = ?", (s, old[0]))
            continue
        e = dict(entities[iri])
        e["documents"] = old[4] - gone[iri] + added[iri] if old is not None else con.execute(
            f"SELECT count(DISTINCT l.doc) FROM links l JOIN docs d ON d.rowid = l.doc WHERE l.entity = ? AND {_vis(s, 'd')}",
            (iri,)).fetchone()[0]
        if old is not None and old[1:] == (e["label"], e["kind"], "\n".join(e["names"]), e["documents"]):
            continue
        if old is not None:
            con.execute("UPDATE entities SET vto = ? WHERE rowid = ?", (s, old[0]))
        si._insert_entity(con, next_entity, iri, e, vfrom=s)
        next_entity += 1
    # (no row starts after s: those of unpublished versions were dropped; counted on the vto index, not the rows)
    con.execute("INSERT OR REPLACE INTO meta VALUES ('documents', ?)",
                (str(con.execute("SELECT count(*) FROM docs WHERE vto > ?", (s,)).fetchone()[0]),))
