"""``kg query``: SPARQL on the local store of the published build, or on a remote endpoint (SPARQLWrapper)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pyoxigraph as ox

from kg.config import Settings
from kg.engines import Engine, EngineQueryError, EngineTimeout, QueryRequest, get_engine
from kg.errors import KGError
from kg.layout import OutDir
from kg.store import open_store


class QueryFailed(KGError):
    exit_code = 5


RESULT_FORMAT = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
                 "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
GRAPH_FORMAT = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES}


def _cell(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return f"<{term.value}>"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def table(variables: list[str], rows: list[list[str]]) -> str:
    """Aligned plain-text table."""
    widths = [max([len(v) + 1, *(len(r[i]) for r in rows)]) for i, v in enumerate(variables)]
    line = "  ".join(("?" + v).ljust(w) for v, w in zip(variables, widths, strict=True))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def run_local(text: str, settings: Settings, fmt: str = "table") -> str:
    current = OutDir(Path(settings.out_dir)).current()
    if current is None:
        raise QueryFailed(f"nothing published in {settings.out_dir}: run `kg build` first")
    engine = get_engine(settings.out_dir)
    if engine.external:  # KG_ENGINE=virtuoso
        return run_on_engine(engine, current.build_id, text, fmt)
    store = open_store(current.store, read_only=True)
    try:
        result = store.query(text)
    except SyntaxError as e:
        raise QueryFailed(f"malformed query: {e}") from e
    except (OSError, ValueError) as e:
        raise QueryFailed(f"query failed: {e}") from e
    if isinstance(result, ox.QueryTriples):
        out = io.BytesIO()
        ox.serialize(result, out, format=GRAPH_FORMAT.get(fmt, ox.RdfFormat.TURTLE))
        return out.getvalue().decode("utf-8")
    if isinstance(result, ox.QueryBoolean):
        if fmt in RESULT_FORMAT:
            return result.serialize(format=RESULT_FORMAT[fmt]).decode("utf-8")
        return "true" if bool(result) else "false"
    if fmt in RESULT_FORMAT:
        return result.serialize(format=RESULT_FORMAT[fmt]).decode("utf-8")
    variables = [v.value for v in result.variables]
    rows = [[_cell(sol[v]) for v in variables] for sol in result]
    return table(variables, rows)


def run_on_engine(engine: Engine, version: str, text: str, fmt: str = "table", timeout: float = 600) -> str:
    """The published version on the external engine; the answer is read back into pyoxigraph's types."""
    rdf = {"ntriples": "application/n-triples"}.get(fmt, "text/turtle")
    request = QueryRequest(version, text, results_mime="application/sparql-results+json", rdf_mime=rdf)
    try:
        media, body = engine.run(request, timeout)
    except (EngineQueryError, EngineTimeout) as e:
        raise QueryFailed(str(e)) from e
    if media == rdf:
        return body.decode("utf-8")
    result = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
    if fmt in RESULT_FORMAT:
        return result.serialize(format=RESULT_FORMAT[fmt]).decode("utf-8")
    if isinstance(result, ox.QueryBoolean):
        return "true" if bool(result) else "false"
    variables = [v.value for v in result.variables]
    return table(variables, [[_cell(sol[v]) for v in variables] for sol in result])


def run_remote(text: str, endpoint: str, fmt: str = "table", timeout: int = 60) -> str:
    from SPARQLWrapper import CSV, JSON, N3, TSV, XML, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    client = SPARQLWrapper(endpoint, agent="archive-kg (kg query)")
    client.setQuery(text)
    client.setTimeout(timeout)
    client.setMethod("POST")
    kind = client.queryType
    graph_query = kind in ("CONSTRUCT", "DESCRIBE")
    if graph_query:
        client.setReturnFormat(N3 if fmt in ("turtle", "table") else "nt")
    else:
        client.setReturnFormat({"xml": XML, "csv": CSV, "tsv": TSV}.get(fmt, JSON))
    try:
        response = client.query()
        raw = response.response.read()
    except SPARQLWrapperException as e:
        raise QueryFailed(f"{endpoint}: {e}") from e
    except OSError as e:  # URLError, timeouts, refused connections
        raise QueryFailed(f"{endpoint} did not answer: {e}") from e
    if graph_query or fmt in ("xml", "csv", "tsv", "json"):
        return raw.decode("utf-8")
    try:
        data = json.loads(raw)
    except ValueError as e:
        raise QueryFailed(f"{endpoint} sent an answer that is not SPARQL JSON: {e}") from e
    if "boolean" in data:
        return "true" if data["boolean"] else "false"
    variables = data["head"]["vars"]
    rows = []
    for b in data["results"]["bindings"]:
        rows.append([(f"<{b[v]['value']}>" if b[v]["type"] == "uri" else b[v]["value"]) if v in b else "" for v in variables])
    return table(variables, rows)


def run_query(text: str, *, settings: Settings, endpoint: str | None = None, fmt: str = "table") -> str:
    if endpoint:
        return run_remote(text, endpoint, fmt)
    return run_local(text, settings, fmt)
