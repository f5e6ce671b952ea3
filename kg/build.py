"""``kg build``: ingest → resolve → map → validate → load → dump, published atomically.

A build is written under ``OUT/staging/<build-id>/``. Only when every stage succeeded is it moved to
``OUT/builds/<build-id>/`` and switched in by replacing the ``OUT/current`` link in one rename. On any
failure (bad input without ``--keep-going``, a SHACL violation, an exception, a kill) the staging folder is
abandoned and the published build stays exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import gc
import itertools
import json
import os
import shutil
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from kg import build_workers as bw
from kg import derive, dump_parts, engines, listing, publish, search_build, validate_global, void
from kg.build_graphs import _entity_store, _extra_graphs, ontology_graph
from kg.build_pages import (
    Expand,
    _add_stats,
    _duplicate_of,
    _errors_text,
    _global_lines,
    _read_key,
    _unreconciled,
)
from kg.build_result import BuildResult, Progress, _timed
from kg.config import Settings
from kg.errors import BuildError, IngestError, IngestErrors, ValidationFailed
from kg.iris import IRIs
from kg.layout import BuildDir, OutDir
from kg.loader import StreamLoader, remove_documents
from kg.quads import nt_lines
from kg.store import OxigraphStore
from kg.versions import (
    _finish,
    _keep_failed_report,
    build_lock,
    list_versions,
    load_files,
    new_build_id,
    prune_versions,
    restore_version,
)

__all__ = ["BuildResult", "build", "build_lock", "list_versions", "load_files", "new_build_id", "ontology_graph",
           "prune_versions", "restore_version"]

KEEP_VERSIONS = int(os.environ.get("KG_KEEP_VERSIONS", "5"))
WORKERS = int(os.environ.get("KG_BUILD_WORKERS", "0")) or min(2, os.cpu_count() or 1)
BATCH_SIZE = 128  # documents per task of a worker (shacl-rust parses the authorities with each: ~20 ms a call)
MIN_PARALLEL = 16  # fewer pages than this are processed in the build's own process


def build(
    paths: Iterable[Path],
    *,
    settings: Settings,
    keep_going: bool = False,
    progress: bool = True,
    authorities_dir: Path | None = None,
    workers: int | None = None,
    rehash: bool = False,
) -> BuildResult:
    """Build and publish. ``rehash``: a file whose size and modification time are unchanged is read and compared
    all the same (by content) before its page is taken from the previous version. Raises IngestErrors / ValidationFailed / BuildError; the published build is untouched then."""
    paths = list(paths)
    with build_lock(OutDir(Path(settings.out_dir))):
        try:
            return _build(paths, settings=settings, keep_going=keep_going, progress=progress,
                          authorities_dir=authorities_dir, workers=workers, rehash=rehash)
        except Expand:  # (parts taken whole cannot give this result: every page one by one; kg.build_pages)
            return _build(paths, settings=settings, keep_going=keep_going, progress=progress,
                          authorities_dir=authorities_dir, workers=workers, rehash=rehash, whole=False)


def _batches(items: list[str], workers: int) -> list[list[str]]:
    size = max(1, min(BATCH_SIZE, -(-len(items) // (workers * 4))))
    return [items[i : i + size] for i in range(0, len(items), size)]


def _process(sources: list[str], state: bw.WorkerState, workers: int, prog: Progress) -> Iterator[bw.BatchOut]:
    """Parse, map and validate every source in batches, on ``workers`` processes (in order)."""
    bw.init(state)  # for the in-process path
    batches = _batches(sources, workers)
    bar = prog.bar(len(sources), "documents")
    try:
        if workers <= 1 or len(sources) < MIN_PARALLEL:  # starting workers costs more than a few pages
            for b in batches:
                out = bw.process_batch(b)
                bar.update(len(b))
                yield out
            return
        # not "fork": the parent may hold threads of native libraries (shacl-rust's pool, the store's) that a
        # forked child would inherit in a broken state; a fork server is a clean process started once
        import multiprocessing as mp  # (here: a republish of a few pages starts no worker, nor imports this)

        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(["kg.build_workers", "kg.mapping", "kg.ingest", "kg.validate"])
        with ctx.Pool(workers, initializer=bw.init, initargs=(state,)) as pool:
            for out in pool.imap(bw.process_batch, batches):
                bar.update(len(out.docs))
                yield out
    finally:
        bar.close()


def _build(
    paths: list[Path],
    *,
    settings: Settings,
    keep_going: bool = False,
    progress: bool = True,
    authorities_dir: Path | None = None,
    workers: int | None = None,
    rehash: bool = False,
    whole: bool = True,
) -> BuildResult:
    from kg import page_names
    from kg.authorities import stable_iris
    from kg.authorities.merge import kept_apart
    from kg.validate import engine_name, sort_violations

    prog = Progress(progress)
    out = OutDir(Path(settings.out_dir))
    now = dt.datetime.now(dt.UTC)
    build_id = new_build_id(now)
    staging = BuildDir(out.staging / build_id)
    result = BuildResult(ok=False, build_id=build_id)
    stages = result.stages
    iris = IRIs(settings.base_iri)
    workers = workers or WORKERS
    doc_prefix = str(iris.document(""))
    documents_graph = str(iris.graph("documents"))

    staging.root.mkdir(parents=True, exist_ok=False)
    loader: StreamLoader | derive.DeltaLoader | None = None
    gc_pause: derive.GCPause | None = None
    try:
        # 1. resolve: authority files, and what documents link to (the validation context of every batch)
        prog.stage("resolve")
        with _timed(stages, "resolve"):
            current = out.current()  # (its listing: only the folders that changed are listed again)
            sources = listing.list_sources(paths, current.root if current else None, staging.root, full=rehash)
            if not sources:
                raise BuildError(f"no source documents under {', '.join(map(str, paths))}")
            auth_dir = authorities_dir or Path(settings.data_dir) / "authorities"
            authorities = derive.authorities(auth_dir, out.cache)  # (the parsed files, kept by their hash)
            extra = _extra_graphs(settings, iris, out)
            extra_nt = {k: g.serialize(format="nt") for k, g in extra.items()}
            # what every page depends on: code, shapes, ontology, authority files (not the cross-page merges of
            # unreconciled names: each page's cache key has the merge decisions about its own names)
            fps = bw.fingerprints(settings, auth_dir, "".join(extra_nt.values()), out.cache)
            fingerprint = fps.page  # (a page's output: by its record; the record: by the parser's code)
            prev = _previous(out, fingerprint)  # with it, only the changed pages' names are read
            # new parser code: every page is read again, and taken from the previous version if its record is the same
            reread = rehash or (prev is not None and bw.saved_fingerprints(prev.build.root) != fps)
            gc_pause = derive.GCPause() if prev else None
            # (the names cache per file only for a derived version, where --rehash reads unchanged files: from scratch
            # a page read here is parsed and recognized once for both passes, and a cached page's names would only
            # move its parse to the workers, at the cost of creating a file a page)
            # (a derived version: the changed pages' names, and the family names they carry clustered again)
            names, merges, merge_sigs = page_names.resolve(
                sources, authorities, prev, apart=kept_apart(settings), cache_dir=out.cache / "names" if prev else None,
                auth_dir=auth_dir, records_dir=staging.root / "records", rehash=reread, whole=whole,  # (parsed once)
                stabilize=lambda m, rows: stable_iris.apply(m, rows, authorities, current, staging.root, build_id),
                keys=(fingerprint, prev.page_keys()) if reread and prev else None)
            authorities.set_merges(merges)
            auth_graph = authorities.to_graph(iris)
            if "authorities" in extra:
                auth_graph += extra["authorities"]
            context_nt = auth_graph.serialize(format="nt") + extra_nt.get("enrichment", "")
            state = bw.WorkerState(settings=settings, authorities=authorities, iris=iris, context_nt=context_nt,
                                   fingerprint=fingerprint, cache_dir=out.cache / "documents",
                                   documents_graph=documents_graph, records_dir=staging.root / "records",
                                   parse_fingerprint=fps.parse)

        # 2. parse, map, validate each document in worker processes; stream each one's part of the dumps to disk.
        #    With a previous version built from the same code, shapes and authorities, a page whose file did not
        #    change is taken from it as it is (its parts of the dumps copied, its statements left in the store)
        t_plan = time.perf_counter()
        # a dump part none of whose pages changed is taken whole, its pages not looked at (kg.build_pages)
        parts = prev.plan_parts(sources, names.stats, merge_sigs) if prev is not None and prev.summary is not None \
            and whole and not reread else None  # (reread: new parser code, every page compared by its record)
        summary, pos = (prev.summary, {src: i for i, src in enumerate(sources)}) if parts is not None else (None, {})
        if parts is not None:
            for d in parts.old:  # (what the previous pages of the parts written anew added up to)
                summary.remove(d)  # type: ignore[union-attr]
        plan = [(src, prev.reusable(src, merge_sigs.get(src, ""), names.stats.get(src), _read_key(
            src, names.records, fingerprint, merge_sigs, reread)) if prev else None)
                for src in (parts.taken if parts is not None else sources)]  # (each file's size and time as page_names saw them)
        to_process = [src for src, reused in plan if reused is None]
        if gc_pause is not None and len(to_process) > gc_pause.MAX_PAGES:
            gc_pause.end()
        state.merge_sigs = {src: merge_sigs[src] for src in to_process if src in merge_sigs}
        prog.stage(f"parse, map, validate ({len(to_process)} of {len(sources)} files, {workers} workers)")
        load_path = staging.root / "load.nt"
        writer, part_of = prev.parts_writer(plan, staging.dumps, load_path, parts) if prev else (
            dump_parts.PartsWriter(staging.dumps, load_path), dump_parts.assign_parts(sources, None, None, set())[0])
        for part, n in (parts.blocks if parts is not None else {}).items():
            writer.link_part(part, n)
        rows = None if prev else search_build.StreamWriter(staging.root / "search.sqlite")  # full-text index rows
        # the store is loaded while later pages are processed (from scratch; a derived version's store is the
        # previous one's checkpoint, made below, and takes only the new pages)
        loader = derive.DeltaLoader(documents_graph) if prev is not None and len(to_process) <= derive.DeltaLoader.MAX_PAGES \
            else StreamLoader(staging.root / "load", documents_graph, None if prev else OxigraphStore(staging.store))
        stages["plan"] = time.perf_counter() - t_plan  # the previous version's index read, every file looked at
        failed: list[tuple[bw.DocOut, list]] = []  # pages left out for their validation results
        warnings: list = []  # (of the parts taken whole: put in source order below)
        seen: dict[tuple[str, str], str] = {}
        whole_seen = summary.seen if summary is not None else None
        after = (lambda a, b: pos[a] > pos[b]) if summary is not None else None
        kept: list[bw.DocOut] = []
        engines: Counter[str] = Counter()
        intern: dict[str, str] = {}
        own_stats = {"graph": documents_graph, "triples": 0, "subjects": 0, "properties": Counter(),
                     "classes": Counter()}
        cached = 0
        written: list[str] = []  # the page cache entries this build wrote (kg.derive.prune_cache)
        t0 = time.perf_counter()

        def processed() -> Iterator[bw.DocOut]:
            for batch in _process(to_process, state, workers, prog):
                for k, v in batch.times.items():
                    stages[k] = stages.get(k, 0.0) + v
                engines.update(batch.engines)
                _add_stats(own_stats, batch.stats)  # (the batch's pages that can be kept: one sum a batch)
                yield from batch.docs

        stream = processed()
        for src, reused in plan:
            doc = reused if reused is not None else next(stream)
            if doc.cached or reused is not None:
                cached += 1
            else:
                written.append(doc.key)
            err = doc.ingest_error()
            if err is not None:
                result.errors.append(err)
            elif dup := _duplicate_of(doc, seen, whole_seen, after):
                result.errors.append(IngestError(doc.path, f"the same page twice: {dup}", field="doc_id"))
                if reused is None and not doc.failed:
                    _add_stats(own_stats, doc.stats, -1)  # (counted in its batch's sum)
            elif doc.failed:
                failed.append((doc, doc.violations))
            else:
                warnings.extend(doc.violations)
                if reused is not None:
                    doc.spans = writer.copy(doc.spans)
                else:
                    loader.add(doc.pieces.pop("load.nt", b""))
                    doc.spans = writer.write(doc.pieces, part_of[src])
                    rows.add_doc(doc, iris) if rows is not None else None
                if reused is None:  # (a page of the previous version's index shares its strings already)
                    doc.own, doc.pieces, doc.stats = "", {}, ()  # on disk now: memory stays flat in the number of pages
                    doc.shared = [intern.setdefault(x, x) for x in doc.shared]
                    doc.context = [intern.setdefault(x, x) for x in doc.context]
                kept.append(doc)
        stream.close()  # every page was taken: the workers stop, the progress bar closes
        shutil.rmtree(staging.root / "records", ignore_errors=True)
        stages["process"] = time.perf_counter() - t0
        n_whole = sum(parts.blocks.values()) if parts is not None else 0  # pages of the parts taken whole
        cached += n_whole
        if summary is not None:  # the warnings in source order (as one by one), the summary of this version
            warned = dict(summary.warnings)
            warned.update((d.path, d.violations) for d in kept if d.violations)
            warnings = [v for path in sorted(warned, key=pos.__getitem__) for v in warned[path]]
            for d in kept:
                summary.add(d, names.stats[d.path])
        if gc_pause is not None:
            gc_pause.end()

        # 3. the rules over all documents together (one entity per alias, entities described by many pages); then
        #    leave the failing pages out (--keep-going), or stop with every bad page reported and publish nothing
        prog.stage("validate entities (all documents together)")
        with _timed(stages, "validate-global"):
            before = len(kept)
            loaded = kept
            while True:
                # what will be published (--keep-going); else every page, so that the report is complete
                together = kept if keep_going else kept + [d for d, _vs in failed]
                if summary is not None:  # (the kept pages are in it)
                    extra_docs = [] if keep_going else [d for d, _vs in failed]
                    shared_lines = list(dict.fromkeys(itertools.chain((x for x, n in summary.shared.items() if n), (
                        x for d in extra_docs for x in d.shared))))
                    context = list(dict.fromkeys(itertools.chain((x for x, n in summary.context.items() if n), (
                        x for d in extra_docs for x in d.context))))
                else:
                    shared_lines = list(dict.fromkeys(x for d in together for x in d.shared))
                    context = list(dict.fromkeys(x for d in together for x in d.context))
                entities_only = bw.shared_is_entities_only(shared_lines)
                raw_sum = validate_global.lines_sum(context_nt, shared_lines, context)
                run = validate_global.validate(  # with a previous version: only where the lines changed
                    context_nt, itertools.chain(shared_lines, context), settings=settings, previous=prev.global_pass
                    if prev else None, keep=lambda f: not f.startswith(doc_prefix),
                    entities_only=entities_only, raw_sum=raw_sum, previous_state=prev.global_state if prev else None)
                glob, engine = run.results, run.engine
                engines[engine + " (entities)"] += 1
                glob_errors = [v for v in glob if v.severity == "Violation"]
                if not glob_errors or not keep_going:
                    break
                if summary is not None:
                    raise Expand("the rules over all pages leave pages out")  # (which may be in the parts taken whole)
                blamed = {d.strip() for v in glob_errors for d in (v.document or "").split(",") if d.strip()}
                out_now = [d for d in kept if d.doc_id in blamed]
                if not out_now:  # an entity problem no page can be blamed for: nothing to leave out
                    break
                for d in out_now:
                    failed.append((d, [v for v in glob_errors if d.doc_id in (v.document or "").split(", ")]))
                kept = [d for d in kept if d.doc_id not in blamed]
            if len(kept) != before:
                for d, spans in zip(kept, writer.keep_only([d.spans for d in kept]), strict=True):
                    d.spans = spans
            all_results = warnings + glob + [v for _d, vs in failed for v in vs]
            sort_violations(all_results)
            report_sum = validate_global.results_sum(all_results, engine_name())  # the same as before: its files
            reused_report = validate_global.reuse_report(prev.global_state, prev.build.dumps, staging.dumps,
                                                         report_sum) if prev and not (failed or glob_errors) else None
            if reused_report is not None:
                result.report_text = reused_report
            else:
                result.report_text = validate_global.write_report(all_results, engine_name(), staging.dumps)
            result.left_out = [(e.path, str(e)) for e in result.errors] + [
                (d.path, "fails validation: " + "; ".join(sorted({f"{v.field or '-'}: {v.message}" for v in vs
                                                                 if v.severity == "Violation"})))
                for d, vs in failed]
            if (failed or glob_errors) and not keep_going:
                writer.close()
                _keep_failed_report(out, staging)
                raise ValidationFailed(result.report_text + _errors_text(result.errors),
                                       sum(1 for v in all_results if v.severity == "Violation"))
            if result.errors and not keep_going:
                writer.close()
                raise IngestErrors(result.errors)
            if glob_errors:
                writer.close()
                raise ValidationFailed(result.report_text, len(glob_errors))
            if not kept and not n_whole:
                writer.close()
                raise BuildError("no document could be read" + _errors_text(result.errors))
        result.unreconciled = _unreconciled(kept) if summary is None else derive.unreconciled_rows(summary.unreconciled)

        # 4. the rest of the dumps (the statements about entities, the authorities, the ontology), then the store:
        #    bulk-loaded, or (with a previous version) its checkpoint with only the changed pages' statements replaced
        prog.stage("load")
        with _timed(stages, "load"):
            graphs = {documents_graph: shared_lines,
                      str(iris.graph("authorities")): nt_lines(publish.canonical_nt(auth_graph, "authorities")),
                      str(iris.graph("ontology")): nt_lines(derive.ontology_nt(settings, out.cache))}
            if "enrichment" in extra:  # (canonical: the same bytes and blank node labels in every build)
                graphs[str(iris.graph("enrichment"))] = nt_lines(publish.canonical_nt(extra["enrichment"], "enrichment"))
            # the pages' shared lines as the previous version had them (none to compare when the global pass's inputs
            # were the same: run.data None)
            shared_same = prev is not None and run.data is None
            old_shared = set(prev.shared_lines()) if prev and not shared_same else set()
            tail = derive.TailPieces(prev.build.root if prev else None)  # (unchanged graphs: the previous pieces)
            for name, lines in graphs.items():
                text = "".join(dict.fromkeys(line for line in lines if line.strip()))
                pieces = tail.pieces(text, name)
                if name == documents_graph:
                    if not shared_same:
                        loader.add("".join(x for x in graphs[name] if x not in old_shared).encode("utf-8"))
                writer.write(pieces, dump_parts.TAIL)
                graphs[name] = nt_lines(text)  # (not splitlines: a literal may hold U+2028 unescaped)
            writer.close()
            tail.save(staging.root)
            load_path.unlink()
            if prev is not None:
                store = prev.checkpoint(staging.store)
                replaced = prev.remove_left(store, kept, documents_graph, set() if shared_same else
                                            old_shared - set(shared_lines), own_stats,
                                            parts.old if parts is not None else None)
                loader.finish(store)
            else:
                if rows is not None:  # the full-text index while the loader thread finishes (in Rust, the GIL free):
                    with _timed(stages, "search-index"):  # the entities' names from the statements no page owns
                        rows.finish(_entity_store(graphs), {str(iris.document(d.doc_id)) for d in kept})
                    rows = None
                loader.finish()
                store, replaced = loader.store, 0
                if len(kept) != len(loaded):  # pages left out after they were loaded
                    ids = {d.doc_id for d in kept}
                    remove_documents(store, documents_graph, [str(iris.document(d.doc_id)) for d in loaded
                                                              if d.doc_id not in ids])
            stages["load (thread)"] = loader.seconds
            graph_sums = {name: publish.text_sum(lines) for name, lines in graphs.items() if name != documents_graph}
            for name, lines in graphs.items():  # (a derived version: those that changed, the merged names' entities)
                if name != documents_graph and (prev is None or prev.graph_sums.get(name) != graph_sums[name]):
                    if prev is not None:  # (through the memtable, with the other changes: no files of their own)
                        store.raw.clear_graph(ox.NamedNode(name))
                        store.raw.extend(publish.nt_quads("".join(lines), name))
                    else:
                        store.load("".join(lines).encode("utf-8"), ox.RdfFormat.N_TRIPLES, graph=name)
            # (no flush here: the VoID description is added in kg.versions._finish, which flushes once)
        # hooks on the loaded store go here, one line each (search index, external engines)

        # 5. VoID, checksums, manifest (the data dumps were written above)
        prog.stage("dump")
        with _timed(stages, "dump"):
            with (staging.dumps / "unreconciled.tsv").open("w", encoding="utf-8") as f:
                f.write("type\tname\toccurrences\tdocuments\n")
                for etype, name, n, docs in result.unreconciled:
                    f.write(f"{etype}\t{name}\t{n}\t{' '.join(docs)}\n")
            # the counts of the statements no page owns: the previous version's when its graphs were these
            tail_stats = prev.tail_stats if prev is not None and shared_same and prev.tail_stats is not None \
                and prev.graph_sums == graph_sums else void.tail_statistics(graphs)
            stats = void.statistics(own_stats, tail_stats)
            result.documents = len(kept) + n_whole
            manifest = {
                "id": build_id,
                "created": now.isoformat(timespec="seconds"),
                "base_iri": settings.base_iri,
                "sources": [str(p) for p in paths],
                "counts": {"documents": result.documents, "unreconciled": len(result.unreconciled),
                           "skipped": len(result.left_out), "cached": cached, "processed": len(to_process),
                           "names_read": names.read, "taken_whole": n_whole},
                "derived_from": prev.build_id if prev else None,
                "replaced_pages": replaced if prev else None,
                "stages": {},
                "skipped": [f"{p}: {why}" for p, why in result.left_out],
                "validation": {"conforms": True, "results": len(all_results), "engine": engine_name(),
                               "batches": dict(engines), "global": {"mode": run.mode, "nodes": run.nodes,
                                                                    "lines": run.lines}},
            }
            _finish(store, staging, iris, now, manifest, stats=stats, counted=True)  # (not a count of the store: 11 s at 100k)
            linked = set(writer.linked)  # the parts (and so index and names chunks) as the previous version had them
            derive.save_index(staging.root, state.fingerprint, kept, own_stats, [str(p) for p in sources], graph_sums,
                              prev.build.root if prev else None, linked, validate_global.GlobalState(
                                  context_nt, glob, entities_only, settings.base_iri, report_sum,
                                  *_global_lines(run, shared_lines, prev), raw_sum=raw_sum, n_lines=run.lines),
                              summary, names.stats, tail_stats)
            names.save(staging.root, part_of, prev.build.root if prev else None, linked,
                       summary.files if summary is not None else {d.path for d in kept},
                       parts.taken if parts is not None else None)
            bw.save_fingerprints(staging.root, fps)
        manifest["stages"] = {k: round(v, 3) for k, v in stages.items()}
        staging.manifest_path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
        result.counts = manifest["counts"]

        # hooks on the finished version go here, one line each
        with _timed(stages, "search-index"):
            si = __import__("kg.search_index", fromlist=["build_for"])  # full-text index, switched with the version
            if prev is not None:
                si.derive_for(prev.build, staging, si.changed_documents(
                    parts.old if parts is not None else prev.entries(), kept, iris))
            elif rows is not None:
                rows.finish(staging.store, {str(iris.document(d.doc_id)) for d in kept})

        # 6. publish: move into builds/ and switch the link in one rename
        prog.stage("publish")
        final = _publish(out, staging)
        with _timed(stages, "prune-cache"):
            derive.prune_cache(out, added=written if prev else None)  # page cache entries no kept version uses
        result.published = final.root
        result.ok = not result.left_out
        return result
    finally:
        if gc_pause is not None:
            gc_pause.end()
        gc.unfreeze()  # (what reading the previous version froze: kg.derive.no_gc)
        if loader is not None:
            loader.abort()  # (after a failure: the thread stops before its folder goes)
        if staging.root.exists():
            shutil.rmtree(staging.root, ignore_errors=True)


def _previous(out: OutDir, fingerprint: str) -> derive.PreviousVersion | None:
    current = out.current()
    if current is None or os.environ.get("KG_BUILD_FROM_SCRATCH"):
        return None
    return derive.PreviousVersion.open(current, fingerprint)


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
