"""The embedded engine: each version's own pyoxigraph store (``OUT/builds/<id>/store``, written by the build).

Nothing to load or switch beyond what the build does. The server runs queries on it in its pool of worker
processes (``server/executor.py``), which is how a time limit stops a pyoxigraph query; :meth:`run` here is the
in-process path for ``kg query`` and tests.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.engines import EngineNotAcceptable, EngineQueryError, QueryRequest
from kg.layout import BuildDir, OutDir
from kg.store import RDF_FORMATS, RESULT_FORMATS, Dataset, open_store


class EmbeddedEngine:
    name = "embedded"
    external = False

    def __init__(self, out_dir: Path) -> None:
        self.out = OutDir(Path(out_dir))

    def load_version(self, build: BuildDir) -> None:
        """The build wrote the store itself."""

    def activate(self, build_id: str, keep: list[str]) -> None:
        """``OUT/current`` is the pointer; kept versions are pruned by the build."""

    def run(self, request: QueryRequest, timeout: float) -> tuple[str, bytes]:
        store = open_store(BuildDir(self.out.builds / request.version).store, read_only=True)
        try:
            result = store.query(request.query, Dataset(request.default_graphs, request.named_graphs))
        except SyntaxError as e:
            raise EngineQueryError(f"malformed query: {e}") from e
        except (OSError, ValueError) as e:
            raise EngineQueryError(f"query failed: {e}") from e
        if isinstance(result, ox.QueryTriples):
            if request.rdf_mime is None:
                raise EngineNotAcceptable("this query returns RDF triples")
            return request.rdf_mime, ox.serialize(result, format=RDF_FORMATS[request.rdf_mime])
        if request.results_mime is None:
            raise EngineNotAcceptable("this query returns a result table or boolean")
        return request.results_mime, result.serialize(format=RESULT_FORMATS[request.results_mime])

    def status(self) -> dict[str, Any]:
        current = self.out.current()
        return {"engine": self.name, "sparql": None, "current": current.build_id if current else None,
                "versions": [v.build_id for v in self.out.versions()],
                "store": str(current.store) if current else None}
