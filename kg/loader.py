"""Loading a build's N-Triples into its store while the workers are still processing later pages.

The build hands each page's statements to a :class:`StreamLoader` as it takes the page. They are appended to a
chunk file in the staging folder; a full chunk (:data:`LOAD_CHUNK` bytes of whole lines) goes to a loader thread,
which gives it to pyoxigraph's bulk loader by path (Rust reads and loads it without the GIL), so loading overlaps
with parsing, mapping and validating the next pages. The bulk loader's memory grows with the chunk it is given,
not with the build (measured at 10k pages: one call for everything held 1.6 GB, 128 MB chunks 0.8 GB and cost
about 5 % more CPU, 64 MB chunks 0.36 GB and about 30 % more).

Without a store yet (a version derived from the previous one: the store is that version's checkpoint, made
after processing), chunks wait on disk until :meth:`StreamLoader.start`. The store is in the staging folder: a
build that fails or is killed never touches the published version; :meth:`StreamLoader.abort` stops the thread
before the staging folder is removed.
"""

from __future__ import annotations

import queue
import threading
import time
from pathlib import Path

import pyoxigraph as ox

from kg.store import OxigraphStore

LOAD_CHUNK = 128 << 20  # bytes of N-Triples per call of the bulk loader


class StreamLoader:
    def __init__(self, folder: Path, graph: str, store: OxigraphStore | None = None, chunk: int | None = None) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.graph = ox.NamedNode(graph)
        self.chunk = chunk or LOAD_CHUNK
        self._n = 0
        self._size = 0
        self._file = self._next_file()
        self._waiting: list[Path] = []  # full chunks, before start()
        self._queue: queue.Queue[Path | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None
        self._stop = False
        self.store: OxigraphStore | None = None
        self.seconds = 0.0  # spent in the bulk loader (on the loader thread)
        self.loaded_bytes = 0
        if store is not None:
            self.start(store)

    def _next_file(self):
        self._n += 1
        self._size = 0
        return (self.folder / f"load-{self._n:05d}.nt").open("wb")

    def add(self, nt: bytes) -> None:
        """N-Triples (whole lines) of the store's documents graph."""
        if self._error is not None:
            raise self._error
        if not nt:
            return
        self._file.write(nt)
        self._size += len(nt)
        if self._size >= self.chunk:
            self._hand_over()

    def _hand_over(self) -> None:
        path = Path(self._file.name)
        self._file.close()
        self._file = self._next_file()
        if self._thread is None:
            self._waiting.append(path)
        else:
            self._queue.put(path)

    def start(self, store: OxigraphStore) -> None:
        """Start loading into ``store``: the chunks written so far, then each one as it fills."""
        self.store = store
        self._thread = threading.Thread(target=self._run, name="kg-bulk-load", daemon=True)
        self._thread.start()
        for path in self._waiting:
            self._queue.put(path)
        self._waiting = []

    def _run(self) -> None:
        assert self.store is not None
        _name_thread(b"kg-bulk-load")  # (the bulk loader's own threads inherit it: what a profile shows by name)
        while (path := self._queue.get()) is not None:
            if self._stop or self._error is not None:
                path.unlink(missing_ok=True)
                continue
            try:
                t0 = time.perf_counter()
                self.store.raw.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES, to_graph=self.graph)
                self.seconds += time.perf_counter() - t0
                self.loaded_bytes += path.stat().st_size
            except BaseException as e:  # raised in the build's thread by add() or finish()
                self._error = e
            finally:
                path.unlink(missing_ok=True)

    def finish(self, store: OxigraphStore | None = None) -> None:
        """Load what is left and wait for the loader thread (started here with ``store`` if it was not)."""
        if self._file.tell() or self._size:
            self._hand_over()
        self._file.close()
        Path(self._file.name).unlink(missing_ok=True)
        if self._thread is None:
            if store is None:
                raise ValueError("no store to load into")
            self.start(store)
        assert self._thread is not None
        self._queue.put(None)
        self._thread.join()
        if self._error is not None:
            raise self._error

    def abort(self) -> None:
        """Stop after the chunk being loaded (the build failed: its staging folder is about to be removed)."""
        self._stop = True
        if not self._file.closed:
            self._file.close()
        if self._thread is not None and self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()


def _name_thread(name: bytes) -> None:
    """The calling thread's name as the kernel shows it (``/proc/PID/task/TID/comm``, ``top -H``); Linux only."""
    try:
        import ctypes

        ctypes.CDLL(None).prctl(15, name[:15], 0, 0, 0)  # PR_SET_NAME
    except (OSError, AttributeError):
        pass


def remove_documents(store: OxigraphStore, graph: str, doc_iris: list[str]) -> None:
    """Delete the statements of pages (their own: subject the page or ``{page}/...``) from ``graph``; for the
    pages left out after they were loaded (``--keep-going`` and a rule over all pages blaming them).

    The graph's distinct subjects (one query, in Rust), each looked up by its prefixes up to each ``/`` (a few set
    lookups a subject), then the statements of the matching subjects removed. (A SPARQL ``DELETE`` with a filter of
    200 pages ``OR``-ed evaluated the filter on every statement of the graph once per 200 pages: at 10k pages with
    ~370 pages left out, more than 25 minutes of one core.)"""
    gone = set(doc_iris)
    if not gone:
        return
    g = ox.NamedNode(graph)
    found = []
    for row in store.raw.query(f"SELECT DISTINCT ?s WHERE {{ GRAPH {g} {{ ?s ?p ?o }} FILTER(isIRI(?s)) }}"):
        s = row["s"]
        v = s.value
        if v in gone:
            found.append(s)
            continue
        i = v.find("/")
        while i != -1:
            if v[:i] in gone:
                found.append(s)
                break
            i = v.find("/", i + 1)
    for s in found:
        for q in list(store.raw.quads_for_pattern(s, None, None, g)):
            store.raw.remove(q)
