"""Queries run in a pool of warm worker processes, so that a time limit really stops the work.

pyoxigraph cannot cancel a running query, so each query runs in a worker process that has the build's store open
read-only; the worker serializes the result itself (into a size-capped buffer) and sends bytes back. When a query
passes its time limit the worker is killed and replaced; the client gets :class:`QueryTimeout`.

How the pool holds under load and under attack:

* **Warm workers only.** A worker is started, cuts itself off the network (below), opens the store, answers a
  first query, and only then says it is ready; only ready workers are handed out. Starting a worker is never done
  on a request's path: a supervisor thread keeps the pool at its target size in the background.
* **Short queries are not queued behind long ones.** The target size is ``workers`` plus the number of workers
  busy with a query that has run longer than ``grow_after`` (0.2 s; up to ``max_workers``): each long query makes
  the pool boot one more worker, so ``workers`` of them stay free for everything else. A steady load of short
  queries does not grow the pool (more processes than cores only cost memory). Workers above the target retire
  after ``idle_retire`` seconds idle (no churn under a steady load).
* **Runaways yield the CPU.** A query that runs longer than ``demote_after`` (1 s) has its worker moved to
  ``SCHED_IDLE`` (else nice 19): it keeps running, at the time limit it is killed, and meanwhile short queries get
  the CPU first. Its worker is put back to normal priority before it is reused.
* **No network in workers.** Each worker moves itself into a new, empty network namespace
  (``unshare(CLONE_NEWNET)``; as a fallback an unprivileged user namespace with one), so that no query can open a
  connection, whatever the engine would try (SPARQL ``SERVICE``): a mistake of the guard in
  :mod:`server.sparql_guard` can never become a fetch. Where Linux does not allow either, the worker logs a
  warning and the guard is the only protection.

* **Known-cheap queries skip the hop to a process.** A query (same text, dataset and format, same build) whose
  last run in a worker took less than ``inline_below`` (50 ms) is answered next time by one of a few threads of the
  server process itself, each moved into a network namespace of its own (namespaces are per thread on Linux), on a
  read-only store; the build is immutable, so its cost is known and it needs no kill. Anything new, slow or
  unknown goes to a worker process. Where a thread cannot leave the network, nothing runs inline.

The interface is :meth:`QueryExecutor.run` (``(job, timeout) -> (media type, bytes)``, raising the exceptions
below): another engine (an external SPARQL server) can sit behind the same call.
"""

from __future__ import annotations

import ctypes
import io
import logging
import multiprocessing as mp
import os
import queue
import threading
import time
from collections import OrderedDict
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

log = logging.getLogger("archive-kg.executor")

CLONE_NEWNET = 0x40000000
CLONE_NEWUSER = 0x10000000


class QueryError(Exception):
    """The query is malformed or fails to evaluate (400)."""


class QueryTimeout(Exception):
    """The query ran past its time limit and was cancelled (503)."""


class ResultTooLarge(Exception):
    """The serialized result passed the size limit (answered 503: a response cannot be 413)."""


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


@dataclass
class RunInfo:
    """What happened to one job (for ``Server-Timing`` and for tests of the mechanism)."""

    pid: int = 0
    inline: bool = False  # answered by a thread of the server process (a known-cheap query)
    waited: float = 0.0  # seconds waiting for a ready worker
    ran: float = 0.0  # seconds from hand-out to answer
    ready_at: float = 0.0  # monotonic time the worker reported ready
    handed_at: float = 0.0  # monotonic time the job was handed to it


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
    except (OSError, ValueError, TypeError, RuntimeError) as e:
        return ("error", f"query failed: {e}", None)


def isolate_network() -> str:
    """Move this process into a new network namespace with no interface up: no connection can be opened.

    Returns how (``"netns"``, ``"userns+netns"``) or ``""`` when Linux refused both (a warning is logged).
    Must run before the process starts threads (a user namespace needs a single-threaded process).
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:  # pragma: no cover - not Linux
        libc = None
    if libc is not None and hasattr(libc, "unshare"):
        if libc.unshare(CLONE_NEWNET) == 0:
            return "netns"
        if libc.unshare(CLONE_NEWUSER | CLONE_NEWNET) == 0:
            return "userns+netns"
        err = os.strerror(ctypes.get_errno())
    else:  # pragma: no cover - not Linux
        err = "unshare() is not available on this system"
    log.warning("query worker %d could not leave the network (%s): only the SPARQL guard stops outbound "
                "requests from queries", os.getpid(), err)
    return ""


def isolate_thread() -> bool:
    """Move the calling thread (only it: namespaces are per task on Linux) into a new network namespace."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(hasattr(libc, "unshare") and libc.unshare(CLONE_NEWNET) == 0)
    except OSError:  # pragma: no cover - not Linux
        return False


class _InlineThreads:
    """A few threads of the server process, each without network, that run known-cheap queries on read-only stores
    (pyoxigraph releases the GIL while it evaluates and serializes)."""

    def __init__(self, threads: int, isolate: bool) -> None:
        self._jobs: queue.SimpleQueue[tuple[Job, Future] | None] = queue.SimpleQueue()
        self._stores: dict[str, Any] = {}
        self._lock = threading.Lock()
        self._isolate = isolate
        started: queue.SimpleQueue[bool] = queue.SimpleQueue()
        self._threads = [threading.Thread(target=self._loop, args=(started,), name="query-inline", daemon=True)
                         for _ in range(threads)]
        for t in self._threads:
            t.start()
        self.usable = all(started.get(timeout=30) for _ in self._threads)

    def _store(self, path: str) -> Any:
        import pyoxigraph as ox

        with self._lock:
            store = self._stores.get(path)
            if store is None:
                self._stores.clear()
                store = self._stores[path] = ox.Store.read_only(path)
            return store

    def _loop(self, started: queue.SimpleQueue[bool]) -> None:
        started.put(isolate_thread() if self._isolate else True)
        while True:
            item = self._jobs.get()
            if item is None:
                return
            job, fut = item
            try:
                fut.set_result(_execute({job.store_path: self._store(job.store_path)}, job))
            except Exception as e:  # noqa: BLE001 - handed back to the request, like a worker's error
                fut.set_result(("error", f"query failed: {e}", None))

    def run_here(self, job: Job) -> tuple[str, Any, Any]:
        """Run in the calling thread (which has no network): no hand-off at all."""
        return _execute({job.store_path: self._store(job.store_path)}, job)

    def submit(self, job: Job) -> Future:
        fut: Future = Future()
        self._jobs.put((job, fut))
        return fut

    def close(self) -> None:
        for _ in self._threads:
            self._jobs.put(None)


def _watch_parent(parent: int) -> None:  # pragma: no cover - runs in a child process
    """End the worker, even mid-query, as soon as the server process is gone (no orphans after a kill)."""
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(0)


def _worker(conn: Connection, parent: int, isolate: bool, warm_store: str | None,
            boot_delay: float) -> None:  # pragma: no cover - runs in a child process
    isolation = isolate_network() if isolate else "off"
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    stores: dict[str, Any] = {}
    if boot_delay:
        time.sleep(boot_delay)  # tests: a slow boot must not be handed out early
    if warm_store:
        try:
            _execute(stores, Job(warm_store, "ASK { ?s ?p ?o }", (), (), "application/sparql-results+json", None, 1 << 16))
        except Exception:  # noqa: BLE001 - a store that cannot be opened is reported by the first real query
            stores.clear()
    conn.send(("ready", isolation, os.getpid()))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            conn.send(_execute(stores, job))
        except Exception as e:  # noqa: BLE001 - never let a worker die on a bad query
            conn.send(("error", f"query failed: {e}", None))


@dataclass(eq=False)
class _Worker:
    proc: Any
    conn: Connection
    started: float
    ready_at: float = 0.0
    isolation: str = ""
    busy_since: float | None = None
    idle_since: float = field(default_factory=time.monotonic)
    demoted: bool = False

    @property
    def pid(self) -> int:
        return int(self.proc.pid)

    def kill(self) -> None:
        try:
            if self.proc.pid is not None:  # it may have failed before it started
                self.proc.kill()
                self.proc.join(5)
        finally:
            self.conn.close()


def _demote(pid: int) -> bool:
    try:
        os.sched_setscheduler(pid, os.SCHED_IDLE, os.sched_param(0))
        return True
    except (OSError, AttributeError):
        try:
            os.setpriority(os.PRIO_PROCESS, pid, 19)
            return True
        except OSError:
            return False


def _restore(pid: int) -> bool:
    try:
        os.sched_setscheduler(pid, os.SCHED_OTHER, os.sched_param(0))
        os.setpriority(os.PRIO_PROCESS, pid, 0)
        return True
    except (OSError, AttributeError):
        return False


class QueryExecutor:
    """A pool of warm query worker processes with a per-query time limit (see the module docstring).

    :param workers: workers kept ready for ordinary queries.
    :param queue_wait: seconds a query waits for a ready worker before :class:`Busy`.
    :param max_workers: the pool never grows past this (default 16).
    :param demote_after: seconds after which a running query is lowered in CPU priority.
    :param grow_after: seconds after which a running query counts as long (the pool boots one more worker).
    :param idle_retire: seconds an extra worker stays idle before it retires.
    :param isolate: put workers in a network namespace of their own (see :func:`isolate_network`).
    :param boot_delay: test hook: each worker waits this long before it reports ready.
    :param inline_below: seconds; a query whose last run took less runs on an inline thread (0: never).
    :param inline_threads: how many inline threads.
    """

    def __init__(self, workers: int = 2, queue_wait: float = 10.0, max_workers: int | None = None, *,
                 demote_after: float = 1.0, grow_after: float = 0.2, idle_retire: float = 15.0, isolate: bool = True,
                 boot_delay: float = 0.0, warm_store: str | None = None, inline_below: float = 0.05,
                 inline_threads: int = 4) -> None:
        self._ctx = mp.get_context("spawn")
        self.size = max(1, workers)
        self.max_workers = max(self.size, max_workers if max_workers is not None else 16)
        self.queue_wait = queue_wait
        self.demote_after = demote_after
        self.grow_after = grow_after
        self.idle_retire = idle_retire
        self.isolate = isolate
        self.boot_delay = boot_delay
        self.warm_store = warm_store
        self.cancelled = 0
        self.demotions = 0
        self.isolation: set[str] = set()
        self._cond = threading.Condition()
        self._idle: list[_Worker] = []
        self._busy: set[_Worker] = set()
        self._booting = 0
        self._failures = 0
        self._next_boot = 0.0
        self._closed = False
        self._wake = threading.Event()  # the supervisor's own signal (requests wait on _cond)
        self._supervisor = threading.Thread(target=self._supervise, name="query-pool", daemon=True)
        self._supervisor.start()
        self.inline_below = inline_below
        self.inline_in: str | None = None  # kg serve: "waitress-" (request threads run cheap queries themselves)
        self._local = threading.local()
        self._costs: OrderedDict[tuple, float] = OrderedDict()  # last cost of a query in a worker (s)
        self._costs_lock = threading.Lock()
        self._inline: _InlineThreads | None = None
        if inline_below > 0 and inline_threads > 0:
            threads = _InlineThreads(inline_threads, isolate)
            if threads.usable:
                self._inline = threads
            else:
                threads.close()
                log.warning("query threads could not leave the network: every query runs in a worker process")

    # -- the pool's size, kept by one thread ----------------------------------------------------------------------

    def _target(self, now: float) -> int:
        long_running = sum(1 for w in self._busy if w.busy_since is not None and now - w.busy_since >= self.grow_after)
        return min(self.max_workers, self.size + long_running)

    def _supervise(self) -> None:
        while True:
            with self._cond:
                if self._closed:
                    return
                now = time.monotonic()
                total = len(self._idle) + len(self._busy) + self._booting
                target = self._target(now)
                spawn = max(0, target - total) if now >= self._next_boot else 0
                self._booting += spawn
                retire = []
                if total > target:
                    for w in list(self._idle):
                        if total - len(retire) <= target:
                            break
                        if now - w.idle_since >= self.idle_retire:
                            self._idle.remove(w)
                            retire.append(w)
                demote = [w for w in self._busy if not w.demoted and w.busy_since is not None
                          and now - w.busy_since >= self.demote_after]
                for w in demote:
                    w.demoted = True
            for _ in range(spawn):
                threading.Thread(target=self._boot, name="query-worker-boot", daemon=True).start()
            for w in retire:
                self._stop(w)
            for w in demote:
                if _demote(w.pid):
                    self.demotions += 1
            self._wake.wait(0.1)
            self._wake.clear()

    def _boot(self) -> None:
        """Start one worker and hand it to the pool once it says it is ready (never on a request's path)."""
        conn, child = self._ctx.Pipe()
        proc = self._ctx.Process(target=_worker, args=(child, os.getpid(), self.isolate, self.warm_store,
                                                       self.boot_delay), daemon=True)
        w = _Worker(proc=proc, conn=conn, started=time.monotonic())
        try:
            proc.start()
            child.close()
            if not conn.poll(120):
                raise TimeoutError("the worker did not report ready")
            tag, isolation, _pid = conn.recv()
            if tag != "ready":
                raise RuntimeError(f"unexpected first message {tag!r}")
        except Exception as e:  # noqa: BLE001 - a worker that fails to boot is dropped, the supervisor retries
            log.warning("a query worker failed to start: %r", e)
            with self._cond:
                self._booting -= 1
                self._failures += 1
                self._next_boot = time.monotonic() + min(30.0, 0.5 * 2 ** self._failures)  # no crash loop
            w.kill()
            return
        w.ready_at = time.monotonic()
        w.isolation = isolation
        w.idle_since = w.ready_at
        with self._cond:
            self._booting -= 1
            self._failures = 0
            if self._closed:
                closed = True
            else:
                closed = False
                self.isolation.add(isolation)
                self._idle.append(w)
                self._cond.notify()  # one waiting request, the longest waiting first
        if closed:
            self._stop(w)

    def _stop(self, w: _Worker) -> None:
        try:
            w.conn.send(None)
        except (OSError, BrokenPipeError):
            pass
        w.kill()

    # -- handing workers out --------------------------------------------------------------------------------------

    def _acquire(self) -> _Worker:
        deadline = time.monotonic() + self.queue_wait
        with self._cond:
            while not self._idle:
                left = deadline - time.monotonic()
                if self._closed or left <= 0:
                    raise Busy(f"no query worker is free ({len(self._busy)} busy, {self._booting} starting)")
                self._cond.wait(min(left, 0.5))
            w = self._idle.pop()  # the most recently used: its caches are warm
            w.busy_since = time.monotonic()
            self._busy.add(w)
            return w

    def _release(self, w: _Worker) -> None:
        if w.demoted and not _restore(w.pid):
            self._discard(w)  # cannot give it its priority back (not root): replace it
            return
        with self._cond:
            w.demoted = False
            w.busy_since = None
            w.idle_since = time.monotonic()
            self._busy.discard(w)
            if self._closed:
                closed = True
            else:
                closed = False
                self._idle.append(w)
                self._cond.notify()
        if closed:
            self._stop(w)

    def _discard(self, w: _Worker) -> None:
        """Kill a worker (timed out or broken); the supervisor boots a replacement in the background."""
        with self._cond:
            self._busy.discard(w)
            if w in self._idle:
                self._idle.remove(w)
        self._wake.set()
        w.kill()

    def run(self, job: Job, timeout: float, info: RunInfo | None = None) -> tuple[str, bytes]:
        """Run a job; returns (media type, body). Raises QueryError, QueryTimeout, ResultTooLarge, NotAcceptable, Busy."""
        t0 = time.monotonic()
        self.warm_store = job.store_path  # workers booted from now on open this store before they are ready
        key = (job.store_path, job.query, job.default_graphs, job.named_graphs, job.results_mime, job.rdf_mime,
               job.base_iri)
        if self._inline is not None:
            with self._costs_lock:
                cost = self._costs.get(key)
            if cost is not None and cost < self.inline_below:
                return self._run_inline(job, timeout, info)
        w = self._acquire()
        start = time.monotonic()
        if info is not None:
            info.pid, info.waited, info.ready_at, info.handed_at = w.pid, start - t0, w.ready_at, start
        try:
            w.conn.send(job)
            if not w.conn.poll(timeout):
                raise QueryTimeout(f"the query ran past the time limit of {timeout:g} s and was cancelled")
            status, a, b = w.conn.recv()
        except (QueryTimeout, EOFError, OSError, BrokenPipeError) as e:
            self._discard(w)
            if isinstance(e, QueryTimeout):
                self.cancelled += 1
                raise
            raise QueryError(f"the query worker failed after {time.monotonic() - start:.1f} s") from e
        finally:
            if info is not None:
                info.ran = time.monotonic() - start
        self._release(w)
        if status == "ok":
            if self._inline is not None and len(b) <= job.max_bytes:
                with self._costs_lock:
                    self._costs[key] = time.monotonic() - start
                    self._costs.move_to_end(key)
                    while len(self._costs) > 10000:
                        self._costs.popitem(last=False)
        return _answer(status, a, b)

    def _run_inline(self, job: Job, timeout: float, info: RunInfo | None) -> tuple[str, bytes]:
        assert self._inline is not None
        start = time.monotonic()
        try:
            if self._own_thread_isolated():
                status, a, b = self._inline.run_here(job)
            else:
                status, a, b = self._inline.submit(job).result(timeout)
        except FutureTimeout:
            raise QueryTimeout(f"the query ran past the time limit of {timeout:g} s") from None
        finally:
            if info is not None:
                info.inline, info.ran, info.handed_at = True, time.monotonic() - start, start
        return _answer(status, a, b)

    def _own_thread_isolated(self) -> bool:
        """Whether the calling thread is a server request thread that has (now) left the network.

        Only threads named in ``inline_in`` (waitress names its request threads ``waitress-N``) are moved: they
        serve requests on connections already open and never connect out."""
        local = self._local
        state = getattr(local, "isolated", None)
        if state is None:
            name = threading.current_thread().name
            state = bool(self.inline_in and name.startswith(self.inline_in) and isolate_thread())
            local.isolated = state
        return state

    # -- state ----------------------------------------------------------------------------------------------------

    def workers(self) -> int:
        """Workers alive (ready or busy), not counting those still booting."""
        with self._cond:
            return len(self._idle) + len(self._busy)

    def ready(self) -> int:
        with self._cond:
            return len(self._idle)

    def wait_ready(self, n: int | None = None, timeout: float = 60.0) -> bool:
        """Block until ``n`` (default: ``workers``) workers are ready; for start-up and tests."""
        n = self.size if n is None else n
        deadline = time.monotonic() + timeout
        with self._cond:
            while len(self._idle) < n:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(min(left, 0.5))
            return True

    def close(self) -> None:
        if self._inline is not None:
            self._inline.close()
        with self._cond:
            self._closed = True
            workers = self._idle + list(self._busy)
            self._idle, self._busy = [], set()
            self._cond.notify_all()
        self._wake.set()
        for w in workers:
            self._stop(w)


def _answer(status: str, a: str, b: bytes) -> tuple[str, bytes]:
    """A worker's or the inline runner's ``(status, a, b)`` as the executor's answer: ``(media type, body)`` when
    ``ok``, else the exception its status names (``a`` is then the message)."""
    if status == "ok":
        return a, b
    if status == "notacceptable":
        raise NotAcceptable(a)
    if status == "toolarge":
        raise ResultTooLarge(a)
    raise QueryError(a)
