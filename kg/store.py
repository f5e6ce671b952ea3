"""The store behind a narrow interface.

Everything above this module (build, CLI, server) talks to a :class:`TripleStore`: load N-Triples/N-Quads
into named graphs, run a SPARQL query, count, dump. The default is :class:`OxigraphStore`, an embedded
pyoxigraph store on disk. A later backend (an external SPARQL engine for collections that outgrow one
machine) implements the same protocol.

A query that names no dataset sees the union of all named graphs (``use_default_graph_as_union``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Protocol

import pyoxigraph as ox

RESULT_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
RDF_FORMATS: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
}


@dataclass(frozen=True)
class Dataset:
    """The RDF dataset of a query (SPARQL protocol ``default-graph-uri`` / ``named-graph-uri``).

    Both empty: the query's own ``FROM`` clauses apply, else the union of all graphs is the default graph.
    """

    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


class TripleStore(Protocol):
    """The narrow interface every store backend implements."""

    def query(self, sparql: str, dataset: Dataset | None = None) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples: ...

    def load(self, data: bytes | str | IO[bytes], fmt: ox.RdfFormat, graph: str | None = None) -> None: ...

    def graphs(self) -> list[str]: ...

    def count(self, graph: str | None = None) -> int: ...

    def dump(self, output: IO[bytes], fmt: ox.RdfFormat, graph: str | None = None) -> None: ...

    def close(self) -> None: ...


class OxigraphStore:
    """Embedded pyoxigraph store on disk (or in memory when ``path`` is None)."""

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        if path is None:
            self._store = ox.Store()
        elif read_only:
            self._store = ox.Store.read_only(str(path))
        else:
            Path(path).mkdir(parents=True, exist_ok=True)
            self._store = ox.Store(str(path))

    @property
    def raw(self) -> ox.Store:
        """The underlying pyoxigraph store (for code that must stream results in pyoxigraph's own types)."""
        return self._store

    def query(self, sparql: str, dataset: Dataset | None = None) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        kwargs: dict[str, object] = {}
        if dataset and (dataset.default_graphs or dataset.named_graphs):
            if dataset.default_graphs:
                kwargs["default_graph"] = [ox.NamedNode(g) for g in dataset.default_graphs]
            else:
                kwargs["default_graph"] = []
            if dataset.named_graphs:
                kwargs["named_graphs"] = [ox.NamedNode(g) for g in dataset.named_graphs]
            else:
                kwargs["named_graphs"] = []
        else:
            kwargs["use_default_graph_as_union"] = True
        return self._store.query(sparql, **kwargs)  # type: ignore[arg-type]

    def load(self, data: bytes | str | IO[bytes], fmt: ox.RdfFormat, graph: str | None = None) -> None:
        to_graph = ox.NamedNode(graph) if graph else ox.DefaultGraph()
        if fmt in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG):
            self._store.bulk_load(data, format=fmt)
        else:
            self._store.bulk_load(data, format=fmt, to_graph=to_graph)

    def add_quads(self, quads: Iterable[ox.Quad]) -> None:
        self._store.bulk_extend(quads)

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def count(self, graph: str | None = None) -> int:
        g = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "GRAPH ?g { ?s ?p ?o }"
        res = self._store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {g} }}")
        return int(next(iter(res))["n"].value)  # type: ignore[index]

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        g = ox.NamedNode(graph) if graph else None
        return iter(self._store.quads_for_pattern(None, None, None, g))

    def dump(self, output: IO[bytes], fmt: ox.RdfFormat, graph: str | None = None) -> None:
        if graph is not None:
            self._store.dump(output, format=fmt, from_graph=ox.NamedNode(graph))
        elif fmt.supports_datasets:
            self._store.dump(output, format=fmt)
        else:
            # a triple format over all named graphs: their union, without duplicates
            triples = self._store.query(
                "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
            )
            ox.serialize(triples, output, format=fmt)  # type: ignore[arg-type]

    def flush(self) -> None:
        if not self.read_only and self.path is not None:
            self._store.flush()

    def optimize(self) -> None:
        if not self.read_only and self.path is not None:
            self._store.optimize()

    def close(self) -> None:
        self.flush()
        del self._store


def open_store(path: str | Path, *, read_only: bool = True) -> OxigraphStore:
    """Open the embedded store of a build (``var/current/store``)."""
    p = Path(path)
    if read_only and not p.exists():
        raise FileNotFoundError(f"no store at {p}: run `kg build` first")
    return OxigraphStore(p, read_only=read_only)
