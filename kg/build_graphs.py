"""The graphs of a build that are no page's own: the ontology, what other parts of the project contribute
(identifier history, cached enrichment answers), and the in-memory store of the entities' statements."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg.config import Settings
from kg.iris import IRIs
from kg.layout import OutDir


def ontology_graph(settings: Settings) -> Graph:
    g = Graph()
    for p in sorted(Path(settings.ontology_dir).glob("*.ttl")):
        g.parse(p, format="turtle")
    return g


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


def _entity_store(graphs: dict[str, list[str]]) -> ox.Store:
    """In memory, the statements that are no page's own (entities, authorities, ontology, enrichment): what the
    full-text index reads the entities' names and kinds from (a page's own statements describe only its own nodes)."""
    store = ox.Store()
    for name, lines in graphs.items():
        store.load("".join(lines).encode("utf-8"), ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(name))
    return store
