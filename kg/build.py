"""``kg build``: ingest → resolve → map → validate → load → dump, published atomically.

A build is written under ``OUT/staging/<build-id>/``. Only when every stage succeeded is it moved to
``OUT/builds/<build-id>/`` and switched in by replacing the ``OUT/current`` link in one rename. On any
failure (bad input without ``--keep-going``, a SHACL violation, an exception, a kill) the staging folder is
abandoned and the published build stays exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import shutil
import sys
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg import engines, publish
from kg.config import Settings
from kg.errors import BuildError, IngestError, ValidationFailed
from kg.iris import IRIs
from kg.layout import BuildDir, OutDir
from kg.safe_parse import load_file
from kg.store import OxigraphStore

KEEP_VERSIONS = int(os.environ.get("KG_KEEP_VERSIONS", "5"))


@dataclass
class BuildResult:
    ok: bool
    build_id: str | None = None
    published: Path | None = None
    documents: int = 0
    errors: list[IngestError] = field(default_factory=list)
    unreconciled: list[tuple[str, str, int, list[str]]] = field(default_factory=list)  # etype, name, count, doc ids
    stages: dict[str, float] = field(default_factory=dict)
    counts: dict = field(default_factory=dict)
    report_text: str = ""

    def summary(self) -> str:
        lines = []
        if self.published:
            lines.append(f"published build {self.build_id}: {self.documents} documents, "
                         f"{self.counts.get('triples', 0)} triples -> {self.published}")
        else:
            lines.append("nothing published")
        if self.errors:
            lines.append(f"{len(self.errors)} document(s) skipped:")
            lines.extend(f"  {e}" for e in self.errors)
        if self.unreconciled:
            lines.append(f"{len(self.unreconciled)} unreconciled name(s) (no authority entry; see dumps/unreconciled.tsv):")
            for etype, name, n, docs in self.unreconciled[:50]:
                more = f" +{len(docs) - 3} more" if len(docs) > 3 else ""
                lines.append(f"  {etype:<12} {name!r} x{n} in {', '.join(docs[:3])}{more}")
            if len(self.unreconciled) > 50:
                lines.append(f"  ... and {len(self.unreconciled) - 50} more")
        if self.stages:
            lines.append("stages: " + ", ".join(f"{k} {v:.2f}s" for k, v in self.stages.items()))
        return "\n".join(lines)


class Progress:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr is not None
        self._last = 0.0

    def stage(self, name: str) -> None:
        if self.enabled:
            print(f"[kg build] {name}", file=sys.stderr, flush=True)

    def tick(self, name: str, i: int, n: int) -> None:
        now = time.monotonic()
        if self.enabled and (now - self._last > 1.0 or i == n):
            self._last = now
            print(f"[kg build]   {name} {i}/{n}", file=sys.stderr, flush=True)


@contextmanager
def _timed(stages: dict[str, float], name: str) -> Iterator[None]:
    t0 = time.perf_counter()
    try:
        yield
    finally:
        stages[name] = stages.get(name, 0.0) + time.perf_counter() - t0


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


def ontology_graph(settings: Settings) -> Graph:
    g = Graph()
    for p in sorted(Path(settings.ontology_dir).glob("*.ttl")):
        g.parse(p, format="turtle")
    return g


def _load_graph(store: OxigraphStore, graph: Graph, name: str) -> None:
    data = graph.serialize(format="nt", encoding="utf-8")
    store.load(data, ox.RdfFormat.N_TRIPLES, graph=name)


def _extra_graphs(settings: Settings, iris: IRIs, out: OutDir) -> dict[str, Graph]:
    """Graphs other parts of the project contribute: identifier history, cached enrichment answers."""
    extra: dict[str, Graph] = {}
    try:
        from kg.identifiers import history_graph  # issue 4: merged / withdrawn identifiers
    except ImportError:
        history_graph = None  # type: ignore[assignment]
    history = Path(settings.data_dir) / "authorities" / "history.yaml"
    if history_graph is not None and history.is_file():
        extra["authorities"] = history_graph(iris, history)
    try:
        from kg.enrich import cached_graph
    except ImportError:
        cached_graph = None  # type: ignore[assignment]
    if cached_graph is not None:
        g = cached_graph(settings)
        if g is not None and len(g):
            extra["enrichment"] = g
    return extra


def build(
    paths: Iterable[Path],
    *,
    settings: Settings,
    keep_going: bool = False,
    progress: bool = True,
    authorities_dir: Path | None = None,
) -> BuildResult:
    """Build and publish. Raises IngestError / ValidationFailed / BuildError; the published build is untouched then."""
    paths = list(paths)
    with build_lock(OutDir(Path(settings.out_dir))):
        return _build(paths, settings=settings, keep_going=keep_going, progress=progress,
                      authorities_dir=authorities_dir)


def _build(
    paths: list[Path],
    *,
    settings: Settings,
    keep_going: bool = False,
    progress: bool = True,
    authorities_dir: Path | None = None,
) -> BuildResult:
    from kg.authorities import Authorities
    from kg.ingest import iter_sources, parse_file
    from kg.mapping import map_record
    from kg.validate import validate_graph

    prog = Progress(progress)
    out = OutDir(Path(settings.out_dir))
    now = dt.datetime.now(dt.UTC)
    build_id = new_build_id(now)
    staging = BuildDir(out.staging / build_id)
    result = BuildResult(ok=False, build_id=build_id)
    stages = result.stages
    iris = IRIs(settings.base_iri)

    staging.root.mkdir(parents=True, exist_ok=False)
    try:
        # 1. parse
        prog.stage("parse")
        with _timed(stages, "parse"):
            sources = list(iter_sources(paths))
            if not sources:
                raise BuildError(f"no source documents under {', '.join(map(str, paths))}")
            records = []
            seen: dict[str, str] = {}
            for i, path in enumerate(sources, 1):
                try:
                    rec = parse_file(path)
                except IngestError as e:
                    if not keep_going:
                        raise
                    result.errors.append(e)
                    continue
                if rec.doc_id in seen:
                    err = IngestError(rec.source_path, f"duplicate document id {rec.doc_id!r} (also in {seen[rec.doc_id]})",
                                      field="doc_id")
                    if not keep_going:
                        raise err
                    result.errors.append(err)
                    continue
                seen[rec.doc_id] = rec.source_path
                records.append(rec)
                prog.tick("parsed", i, len(sources))
            if not records:
                raise BuildError("no document could be read")

        # 2. resolve names (authority files)
        prog.stage("resolve")
        with _timed(stages, "resolve"):
            authorities = Authorities.load(authorities_dir or Path(settings.data_dir) / "authorities")
            auth_graph = authorities.to_graph(iris)

        # 3. map records to RDF
        prog.stage("map")
        documents = Graph()
        unreconciled: dict[tuple[str, str], list[str]] = defaultdict(list)
        with _timed(stages, "map"):
            for i, rec in enumerate(records, 1):
                mapped = map_record(rec, authorities, iris)
                documents += mapped.graph
                for etype, name, doc_id in mapped.unreconciled:
                    unreconciled[(etype, name)].append(doc_id)
                prog.tick("mapped", i, len(records))
            extra = _extra_graphs(settings, iris, out)
            if "authorities" in extra:
                auth_graph += extra["authorities"]
        counter = Counter({k: len(v) for k, v in unreconciled.items()})
        result.unreconciled = [
            (etype, name, n, sorted(set(unreconciled[(etype, name)]))) for (etype, name), n in counter.most_common()
        ]

        # 4. validate
        prog.stage("validate")
        with _timed(stages, "validate"):
            to_validate = documents + auth_graph
            if "enrichment" in extra:
                to_validate += extra["enrichment"]
            report = validate_graph(to_validate)
            result.report_text = report.text
            staging.dumps.mkdir(parents=True, exist_ok=True)
            report.graph.serialize(staging.dumps / "validation-report.ttl", format="turtle")
            (staging.dumps / "validation-report.txt").write_text(report.text + "\n", encoding="utf-8")
            if not report.conforms:
                failed = out.root / "last-failed-build"
                shutil.rmtree(failed, ignore_errors=True)
                failed.mkdir(parents=True, exist_ok=True)
                shutil.copy(staging.dumps / "validation-report.txt", failed / "validation-report.txt")
                shutil.copy(staging.dumps / "validation-report.ttl", failed / "validation-report.ttl")
                raise ValidationFailed(report.text, len(report.violations))

        # 5. load the store
        prog.stage("load")
        with _timed(stages, "load"):
            store = OxigraphStore(staging.store)
            _load_graph(store, documents, str(iris.graph("documents")))
            _load_graph(store, auth_graph, str(iris.graph("authorities")))
            _load_graph(store, ontology_graph(settings), str(iris.graph("ontology")))
            if "enrichment" in extra:
                _load_graph(store, extra["enrichment"], str(iris.graph("enrichment")))
            store.flush()

        # 6. dumps, VoID, manifest
        prog.stage("dump")
        with _timed(stages, "dump"):
            with (staging.dumps / "unreconciled.tsv").open("w", encoding="utf-8") as f:
                f.write("type\tname\toccurrences\tdocuments\n")
                for etype, name, n, docs in result.unreconciled:
                    f.write(f"{etype}\t{name}\t{n}\t{' '.join(docs)}\n")
            result.documents = len(records)
            manifest = {
                "id": build_id,
                "created": now.isoformat(timespec="seconds"),
                "base_iri": settings.base_iri,
                "sources": [str(p) for p in paths],
                "counts": {"documents": len(records), "unreconciled": len(result.unreconciled),
                           "skipped": len(result.errors)},
                "stages": {},
                "skipped": [str(e) for e in result.errors],
                "validation": {"conforms": True, "results": len(report.violations)},
            }
            _finish(store, staging, iris, now, manifest)
        manifest["stages"] = {k: round(v, 3) for k, v in stages.items()}
        staging.manifest_path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
        result.counts = manifest["counts"]

        __import__("kg.search_index", fromlist=["build_for"]).build_for(staging)  # full-text index, switched with the version
        # 7. publish: move into builds/ and switch the link in one rename
        prog.stage("publish")
        final = _publish(out, staging)
        result.published = final.root
        result.ok = not result.errors
        return result
    finally:
        if staging.root.exists():
            shutil.rmtree(staging.root, ignore_errors=True)


def _finish(store: OxigraphStore, staging: BuildDir, iris: IRIs, now: dt.datetime, manifest: dict) -> None:
    """Dumps, VoID (also loaded into the build graph), checksums and build.json of a staged version."""
    stats = publish.dataset_statistics(store)
    publish.write_data_dumps(store, staging.dumps)
    infos = publish.describe_dumps(staging.dumps, [n for n in publish.DUMP_FILES if n != "void.ttl"])
    void = publish.void_graph(iris, stats, infos, created=now, build_id=manifest["id"])
    void.serialize(staging.dumps / "void.ttl", format="turtle")
    build_graph = ox.NamedNode(str(iris.graph("build")))
    if store.raw.contains_named_graph(build_graph):
        store.raw.clear_graph(build_graph)  # kg load: the previous version's description
    store.load(void.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES, graph=build_graph.value)
    store.flush()
    total = len(store.raw)  # every statement, this description included: what COUNT(*) on the default graph says
    store.close()
    manifest["checksums"] = publish.write_checksums(staging.dumps)
    manifest.setdefault("counts", {}).update(
        {"triples": total, "graphs": stats["graphs"], "classes": stats["classes"]})
    staging.manifest_path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")


def _publish(out: OutDir, staging: BuildDir) -> BuildDir:
    """Move a finished staged version into builds/ and switch ``current`` to it in one rename."""
    out.builds.mkdir(parents=True, exist_ok=True)
    final = BuildDir(out.builds / staging.build_id)
    engines.load_version(out, staging)  # KG_ENGINE=virtuoso: bulk-load into the version's own graphs first
    os.replace(staging.root, final.root)
    out.switch_to(final)
    prune_versions(out, keep=KEEP_VERSIONS)
    engines.published(out)  # the engine's pointer follows OUT/current; versions no longer kept are dropped
    return final


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
        __import__("kg.search_index", fromlist=["build_for"]).build_for(staging)  # full-text index of the new version
        _publish(out, staging)
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
