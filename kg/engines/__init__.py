"""Query engines behind one interface: the embedded pyoxigraph store (default) or an external SPARQL engine.

``KG_ENGINE`` picks the engine (``embedded`` or ``virtuoso``). The build always writes its own version folder
(store, dumps, manifest); an external engine additionally gets each version loaded into graphs of its own before
the version is switched in, and is pointed at the published version after the switch. What an engine must do:

* ``load_version(build)``: load a staged version (from its N-Quads dump) so that it can be queried by its id,
  without touching the published one; a failed or killed load leaves nothing a query can see.
* ``activate(build_id, keep)``: make ``build_id`` the engine's published version; drop versions not in ``keep``.
* ``run(request, timeout)``: run one read-only query on a version and return ``(media type, bytes)``, cancelling
  the work on the engine itself at the time limit.
* ``status()``: where it is and what it holds.

:class:`Engine` is a protocol, so another engine (QLever, Fuseki, GraphDB) fits by implementing these methods:
the version-naming and result-mapping helpers of :mod:`kg.engines.versions` are engine-independent.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from kg.errors import KGError

if TYPE_CHECKING:
    from kg.layout import BuildDir, OutDir

ENGINES = ("embedded", "virtuoso")


class EngineError(KGError):
    """The engine cannot be reached or refused an administrative step (load, switch, drop)."""

    exit_code = 4


class EngineQueryError(Exception):
    """The query is malformed, refused, or fails on the engine (answered 400, or ``status``)."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


class EngineTimeout(Exception):
    """The query ran past its time limit; the engine stopped it."""


class EngineResultTooLarge(Exception):
    """The serialized result is larger than allowed."""


class EngineNotAcceptable(Exception):
    """The result kind cannot be given in any accepted format."""


@dataclass(frozen=True)
class QueryRequest:
    """One query of the SPARQL protocol, as the server or ``kg query`` hands it to an engine."""

    version: str  # build id of the published version to query
    query: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    results_mime: str | None = "application/sparql-results+json"  # SELECT / ASK
    rdf_mime: str | None = "application/n-triples"  # CONSTRUCT / DESCRIBE
    max_bytes: int = 50 << 20
    base_iri: str | None = None  # relative IRIs in the query resolve against this (the endpoint's URL)


class Engine(Protocol):
    name: str
    external: bool  # False: the build's own store answers (the server's worker pool); True: the engine does

    def load_version(self, build: BuildDir) -> None: ...

    def activate(self, build_id: str, keep: list[str]) -> None: ...

    def run(self, request: QueryRequest, timeout: float) -> tuple[str, bytes]: ...

    def status(self) -> dict[str, Any]: ...


def engine_name() -> str:
    name = os.environ.get("KG_ENGINE", "embedded").strip().lower() or "embedded"
    if name not in ENGINES:
        raise EngineError(f"KG_ENGINE={name!r} is not known; use one of {', '.join(ENGINES)}")
    return name


def get_engine(out_dir: Path) -> Engine:
    """The engine named by ``KG_ENGINE`` for the output folder ``out_dir``."""
    if engine_name() == "embedded":
        from kg.engines.embedded import EmbeddedEngine

        return EmbeddedEngine(Path(out_dir))
    from kg.engines.virtuoso import VirtuosoEngine

    return VirtuosoEngine.from_env(out_dir)


# -- the build's hooks (kg/build.py calls these two around the switch of OUT/current) ------------------------------

def load_version(out: OutDir, staging: BuildDir) -> None:
    """Before the switch: load the staged version into the external engine (no-op for the embedded store)."""
    engine = get_engine(out.root)
    if engine.external:
        engine.load_version(staging)


def published(out: OutDir) -> None:
    """After the switch: point the engine at ``OUT/current`` and drop the versions no longer kept on disk."""
    engine = get_engine(out.root)
    current = out.current()
    if engine.external and current is not None:
        engine.activate(current.build_id, keep=[v.build_id for v in out.versions()])
