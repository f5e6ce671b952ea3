"""``/sparql`` on an external engine (``KG_ENGINE=virtuoso``): the same contract as the worker pool.

:class:`EngineExecutor` has the pool's ``run(job, timeout)``: it hands the query to the engine with the published
version's id (the folder ``OUT/current`` points to, so pages, dumps and queries agree on the version) and the
time limit, which the engine enforces on its side; errors become the pool's exceptions, so ``server/sparql.py``
answers exactly as it does for the embedded store.
"""

from __future__ import annotations

import threading
from pathlib import Path

from kg.engines import (
    Engine,
    EngineNotAcceptable,
    EngineQueryError,
    EngineResultTooLarge,
    EngineTimeout,
    QueryRequest,
    engine_name,
    get_engine,
)
from server.executor import Busy, Job, NotAcceptable, QueryError, QueryTimeout, ResultTooLarge


class EngineExecutor:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.cancelled = 0
        self._lock = threading.Lock()

    def run(self, job: Job, timeout: float) -> tuple[str, bytes]:
        request = QueryRequest(version=Path(job.store_path).parent.name, query=job.query,
                               default_graphs=job.default_graphs, named_graphs=job.named_graphs,
                               results_mime=job.results_mime, rdf_mime=job.rdf_mime, max_bytes=job.max_bytes,
                               base_iri=job.base_iri)
        try:
            return self.engine.run(request, timeout)
        except EngineTimeout as e:
            with self._lock:
                self.cancelled += 1
            raise QueryTimeout(str(e)) from None
        except EngineResultTooLarge as e:
            raise ResultTooLarge(str(e)) from None
        except EngineNotAcceptable as e:
            raise NotAcceptable(str(e)) from None
        except EngineQueryError as e:
            if e.status >= 500:
                raise Busy(str(e)) from None
            raise QueryError(str(e)) from None

    def workers(self) -> int:
        return 0

    def close(self) -> None:
        """Nothing to stop: the engine runs on its own."""


def engine_executor(out_root: Path) -> EngineExecutor | None:
    """The executor of the engine named by ``KG_ENGINE``, or None for the embedded store's worker pool."""
    if engine_name() == "embedded":
        return None
    return EngineExecutor(get_engine(out_root))
