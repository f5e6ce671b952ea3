"""Queries run in a pool of worker processes, so that a time limit really stops the work.

pyoxigraph cannot cancel a running query, so each query runs in a worker process that has the build's
store open read-only. The worker serializes the results itself (into a size-capped buffer) and sends bytes
back. When a query passes its time limit, the worker is killed and a fresh one takes its place; the
client gets :class:`QueryTimeout`; other clients' queries run on the other workers meanwhile. When all
workers are busy the pool grows up to a maximum (so short queries are not stuck behind runaway ones); past it
a request waits in a bounded queue, then gets :class:`Busy` (503 with Retry-After).
"""

from __future__ import annotations

import io
import multiprocessing as mp
import os
import queue
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any


class QueryError(Exception):
    """The query is malformed or fails to evaluate (400)."""


class QueryTimeout(Exception):
    """The query ran past its time limit and was cancelled (503)."""


class ResultTooLarge(Exception):
    """The serialized result passed the size limit (413 would be odd for a response: answered 507/503)."""


class NotAcceptable(Exception):
    """No acceptable format for this kind of result (406)."""


class Busy(Exception):
    """Every worker is busy and the queue wait ran out (503 + Retry-After)."""


@dataclass(frozen=True)
class Job:
    store_path: str
    query: str
    default_graphs: tuple[str, ...]
    named_graphs: tuple[str, ...]
    results_mime: str | None  # for SELECT / ASK
    rdf_mime: str | None  # for CONSTRUCT / DESCRIBE
    max_bytes: int
    base_iri: str | None = None


class _Capped(io.RawIOBase):
    def __init__(self, limit: int) -> None:
        self.buf = bytearray()
        self.limit = limit

    def writable(self) -> bool:
        return True

    def write(self, b: Any) -> int:
        self.buf.extend(b)
        if len(self.buf) > self.limit:
            raise ResultTooLarge(f"the result is larger than {self.limit} bytes")
        return len(b)


def _execute(stores: dict[str, Any], job: Job) -> tuple[str, Any, Any]:
    import pyoxigraph as ox

    from kg.store import RDF_FORMATS, RESULT_FORMATS

    store = stores.get(job.store_path)
    if store is None:
        stores.clear()
        store = ox.Store.read_only(job.store_path)
        stores[job.store_path] = store
    kwargs: dict[str, Any] = {}
    if job.default_graphs or job.named_graphs:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs]
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs]
    else:
        kwargs["use_default_graph_as_union"] = True
    try:
        result = store.query(job.query, base_iri=job.base_iri, **kwargs)
        out = _Capped(job.max_bytes)
        if isinstance(result, ox.QueryTriples):
            if job.rdf_mime is None:
                return ("notacceptable", "this query returns RDF triples; ask for Turtle, N-Triples, JSON-LD or RDF/XML", None)
            ox.serialize(result, out, format=RDF_FORMATS[job.rdf_mime])
            return ("ok", job.rdf_mime, bytes(out.buf))
        if job.results_mime is None:
            return ("notacceptable", "this query returns a result table or boolean; ask for SPARQL JSON, XML, CSV or TSV", None)
        result.serialize(out, format=RESULT_FORMATS[job.results_mime])
        return ("ok", job.results_mime, bytes(out.buf))
    except ResultTooLarge as e:
        return ("toolarge", str(e), None)
    except SyntaxError as e:
        return ("error", f"malformed query: {e}", None)
    except (OSError, ValueError, TypeError) as e:
        return ("error", f"query failed: {e}", None)


def _watch_parent(parent: int) -> None:  # pragma: no cover - runs in a child process
    """End the worker, even mid-query, as soon as the server process is gone (no orphans after a kill)."""
    import os

    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(0)


def _worker(conn: Connection, parent: int) -> None:  # pragma: no cover - runs in a child process
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    stores: dict[str, Any] = {}
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            conn.send(_execute(stores, job))
        except Exception as e:  # never let a worker die on a bad query
            conn.send(("error", f"query failed: {e}", None))


class _Worker:
    def __init__(self, ctx: Any) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker, args=(child, os.getpid()), daemon=True)
        self.proc.start()
        child.close()

    def kill(self) -> None:
        try:
            self.proc.kill()
            self.proc.join(5)
        finally:
            self.conn.close()


class QueryExecutor:
    """A pool of query worker processes with a per-query time limit.

    ``workers`` processes are kept ready. When all are busy, the pool grows on demand up to ``max_workers``, so a
    short query never waits behind runaway ones for a worker: it gets a process of its own and shares the CPU
    with them until the time limit kills them. Workers beyond ``workers`` retire when they are no longer needed.
    Past ``max_workers`` a query waits up to ``queue_wait`` seconds for a free worker, then gets :class:`Busy`.
    """

    def __init__(self, workers: int = 2, queue_wait: float = 10.0, max_workers: int | None = None) -> None:
        self._ctx = mp.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._all: list[_Worker] = []
        self.queue_wait = queue_wait
        self.size = workers
        self.max_workers = max(workers, max_workers if max_workers is not None else 16)
        self.cancelled = 0
        for _ in range(workers):
            self._spawn()

    def _spawn(self) -> None:
        w = _Worker(self._ctx)
        with self._lock:
            self._all.append(w)
        self._idle.put(w)

    def _acquire(self) -> _Worker:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            if len(self._all) < self.max_workers:
                w = _Worker(self._ctx)  # the process boots while the job waits in its pipe
                self._all.append(w)
                return w
        try:
            return self._idle.get(timeout=self.queue_wait)
        except queue.Empty:
            raise Busy(f"all {self.max_workers} query workers are busy") from None

    def _release(self, w: _Worker) -> None:
        with self._lock:
            retire = len(self._all) > self.size and self._idle.qsize() >= self.size
            if retire:
                self._all.remove(w)
        if retire:
            try:
                w.conn.send(None)
            except (OSError, BrokenPipeError):
                pass
            w.kill()
        else:
            self._idle.put(w)

    def workers(self) -> int:
        with self._lock:
            return len(self._all)

    def run(self, job: Job, timeout: float) -> tuple[str, bytes]:
        """Run a job; returns (media type, body). Raises QueryError, QueryTimeout, ResultTooLarge, NotAcceptable, Busy."""
        w = self._acquire()
        start = time.monotonic()
        try:
            w.conn.send(job)
            if not w.conn.poll(timeout):
                raise QueryTimeout(f"the query ran past the time limit of {timeout:g} s and was cancelled")
            status, a, b = w.conn.recv()
        except (QueryTimeout, EOFError, OSError, BrokenPipeError) as e:
            self._replace(w)
            w = None  # type: ignore[assignment]
            if isinstance(e, QueryTimeout):
                self.cancelled += 1
                raise
            raise QueryError(f"the query worker failed after {time.monotonic() - start:.1f} s") from e
        finally:
            if w is not None:
                self._release(w)
        if status == "ok":
            return a, b
        if status == "notacceptable":
            raise NotAcceptable(a)
        if status == "toolarge":
            raise ResultTooLarge(a)
        raise QueryError(a)

    def _replace(self, w: _Worker) -> None:
        """A killed worker is replaced while the pool is below its standing size."""
        w.kill()
        with self._lock:
            if w in self._all:
                self._all.remove(w)
            short = len(self._all) < self.size
        if short:
            self._spawn()

    def close(self) -> None:
        with self._lock:
            workers, self._all = self._all, []
        for w in workers:
            try:
                w.conn.send(None)
            except (OSError, BrokenPipeError):
                pass
            w.kill()
