"""Published versions: one build at a time, a staged version finished (VoID, checksums, manifest), the versions
kept, switched back to, pruned; and ``kg load`` (RDF files added as a new version). :mod:`kg.build` makes the
versions and switches ``OUT/current`` (``kg.build._publish``)."""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from kg import engines, publish
from kg.config import Settings
from kg.errors import BuildError
from kg.iris import IRIs
from kg.layout import BuildDir, OutDir
from kg.namespaces import PREFIXES
from kg.safe_parse import load_file
from kg.store import OxigraphStore
from kg.void import void_triples


@contextmanager
def build_lock(out: OutDir) -> Iterator[None]:
    """One build (or load, or restore) at a time per output folder. Stale staging folders of builds that
    were killed are removed under the lock, since no other build can be using them then."""
    out.root.mkdir(parents=True, exist_ok=True)
    with (out.root / ".build.lock").open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildError(f"another build is running in {out.root}") from None
        if out.staging.is_dir():
            for stale in out.staging.iterdir():
                shutil.rmtree(stale, ignore_errors=True)
        yield


def new_build_id(now: dt.datetime) -> str:
    """Sortable by time to the microsecond (versions are listed in this order), unique by its random tail."""
    return now.strftime("%Y%m%dT%H%M%S%fZ") + "-" + uuid.uuid4().hex[:6]


def _keep_failed_report(out: OutDir, staging: BuildDir) -> None:
    failed = out.root / "last-failed-build"
    shutil.rmtree(failed, ignore_errors=True)
    failed.mkdir(parents=True, exist_ok=True)
    shutil.copy(staging.dumps / "validation-report.txt", failed / "validation-report.txt")
    shutil.copy(staging.dumps / "validation-report.ttl", failed / "validation-report.ttl")


def _finish(store: OxigraphStore, staging: BuildDir, iris: IRIs, now: dt.datetime, manifest: dict,
            stats: dict | None = None, counted: bool = False) -> None:
    """VoID (also loaded into the build graph), checksums and build.json of a staged version; and its data dumps
    and counts, from the store, unless the build already wrote them (``stats`` given). ``counted``: the statements
    of the store are those ``stats`` counts by graph (a derived version: counting the store reads all of it; the
    tests compare the sum with the count of a build from scratch)."""
    if stats is None:
        stats = publish.dataset_statistics(store)
        publish.write_data_dumps(store, staging.dumps)
    infos = publish.describe_dumps(staging.dumps, [n for n in publish.DUMP_FILES if n != "void.ttl"])
    void = void_triples(iris, stats, infos, created=now, build_id=manifest["id"])
    ox.serialize(void, str(staging.dumps / "void.ttl"), ox.RdfFormat.TURTLE, prefixes=dict(PREFIXES))
    build_graph = ox.NamedNode(str(iris.graph("build")))
    # the previous version's description (a derived version's store, kg load's) replaced by this one: only the
    # statements that differ (its blank nodes are named by what they describe: most of ~2,000 statements stay;
    # clearing and adding them all took ~0.4 s at 100k), through the store's memtable with the build's other
    # changes, one flush (a bulk load made small files of their own in every index, for the store to compact)
    new = [ox.Quad(t.subject, t.predicate, t.object, build_graph) for t in void]
    old = set(store.raw.quads_for_pattern(None, None, None, build_graph))
    for q in old.difference(new):
        store.raw.remove(q)
    store.raw.extend(q for q in new if q not in old)
    store.flush()
    # every statement, this description included: what COUNT(*) on the default graph says
    total = sum(stats["graphs"].values()) + len(void) if counted and stats is not None else len(store.raw)
    store.close()
    manifest["checksums"] = publish.write_checksums(staging.dumps)
    manifest.setdefault("counts", {}).update(
        {"triples": total, "graphs": stats["graphs"], "classes": stats["classes"]})
    staging.manifest_path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")


def prune_versions(out: OutDir, keep: int) -> list[Path]:
    """Remove the oldest published versions beyond ``keep`` (never the current one)."""
    current = out.current()
    versions = out.versions()
    removed = []
    for b in versions[: max(0, len(versions) - keep)]:
        if current is not None and b.root == current.root:
            continue
        shutil.rmtree(b.root, ignore_errors=True)
        removed.append(b.root)
    return removed


def load_files(files: list[Path], *, graph: str | None, settings: Settings) -> int:
    """``kg load``: add RDF files as named graphs, published as a new version (the old one is never changed).

    The current store is copied (a pyoxigraph checkpoint), the files are loaded into the copy, dumps and
    VoID are written anew, and the new version is switched in atomically like a build. Each file goes into
    ``graph`` if given, else into a graph named by the file's own ``file://`` IRI.
    """
    out = OutDir(Path(settings.out_dir))
    with build_lock(out):
        return _load_files(files, graph=graph, settings=settings, out=out)


def _load_files(files: list[Path], *, graph: str | None, settings: Settings, out: OutDir) -> int:
    current = out.current()
    now = dt.datetime.now(dt.UTC)
    build_id = new_build_id(now)
    staging = BuildDir(out.staging / build_id)
    iris = IRIs(settings.base_iri)
    staging.root.mkdir(parents=True)
    try:
        manifest: dict = {}
        if current is not None:
            ox.Store.read_only(str(current.store)).backup(str(staging.store))
            manifest = current.manifest()
            for name in ("validation-report.ttl", "validation-report.txt", "unreconciled.tsv"):
                if (current.dumps / name).is_file():
                    publish.copy_file(current.dumps / name, staging.dumps / name)
        store = OxigraphStore(staging.store)
        before = store.count()
        loaded = []
        for f in files:
            if not f.is_file():
                raise FileNotFoundError(f"no such file: {f}")
            name = graph or f.resolve().as_uri()
            try:
                load_file(store, f, graph=name)  # format from the suffix (kg.safe_parse.FORMATS)  # no network: remote contexts, external entities refused
            except (SyntaxError, ValueError) as e:
                raise BuildError(f"{f}: {e}") from e
            loaded.append({"file": str(f), "graph": name})
        added = store.count() - before
        manifest.update({"id": build_id, "created": now.isoformat(timespec="seconds"), "base_iri": settings.base_iri,
                         "derived_from": current.build_id if current else None,
                         "loaded": manifest.get("loaded", []) + loaded})
        _finish(store, staging, iris, now, manifest)
        si = __import__("kg.search_index", fromlist=["build_for"])  # the new version's index: what the files changed
        si.derive_for(current, staging, *si.loaded_changes(staging, [x["graph"] for x in loaded])) if current else si.build_for(staging)
        from kg import build as _build_module  # (its _publish: the switch, and the versions kept)

        _build_module._publish(out, staging)
        return added
    finally:
        if staging.root.exists():
            shutil.rmtree(staging.root, ignore_errors=True)


def list_versions(settings: Settings) -> list[dict]:
    """The published versions kept on disk, oldest first, each with its manifest and whether it is current."""
    out = OutDir(Path(settings.out_dir))
    current = out.current()
    rows = []
    for b in out.versions():
        m = b.manifest()
        rows.append({"id": b.build_id, "created": m.get("created"), "current": current is not None and b.root == current.root,
                     "documents": m.get("counts", {}).get("documents"), "triples": m.get("counts", {}).get("triples"),
                     "path": str(b.root)})
    return rows


def restore_version(build_id: str, settings: Settings) -> BuildDir:
    """Switch ``current`` back (or forth) to a kept version, atomically. Its files are not changed."""
    out = OutDir(Path(settings.out_dir))
    with build_lock(out):
        target = BuildDir(out.builds / build_id)
        if "/" in build_id or build_id.startswith(".") or not target.manifest_path.is_file():
            known = ", ".join(v.build_id for v in out.versions()) or "none"
            raise BuildError(f"no published version {build_id!r} in {out.builds} (kept: {known})")
        out.switch_to(target)
        engines.published(out)
        return target
