"""Virtuoso open source as the external engine (``KG_ENGINE=virtuoso``).

Where it is comes from settings, never from code:

* a remote Virtuoso: ``KG_VIRTUOSO_URL`` (its SPARQL endpoint), ``KG_VIRTUOSO_ISQL`` (``host:port`` of its SQL
  port, for loading), ``KG_VIRTUOSO_USER`` / ``KG_VIRTUOSO_PASSWORD`` (an account allowed to bulk-load, from the
  environment), ``KG_VIRTUOSO_LOAD_DIR`` (a folder this machine writes and the engine reads, listed in the
  engine's ``DirsAllowed``);
* otherwise the managed local one of ``kg engine start`` (:mod:`kg.engines.managed`), found in
  ``KG_VIRTUOSO_HOME`` or ``OUT/engine``.

Versions: each build is bulk-loaded (``ld_dir`` + ``rdf_loader_run``) from its N-Quads dump into graphs of its own
(:mod:`kg.engines.versions`); a marker graph records that the load completed. Only then is ``OUT/current``
switched, and after the switch the engine's pointer for this dataset is moved in one SPARQL update and versions
that are no longer kept are dropped. A failed or killed load leaves graphs no query can reach (queries are pinned
to a completed version's graphs), and they are dropped by the next build.

Queries: checked with a real SPARQL 1.1 parser (only standard SPARQL, no SERVICE, no extension functions),
graph IRIs mapped to the version's, dataset pinned, sent with Virtuoso's per-query ``timeout`` (so the engine
stops the work at the limit), and the answer re-serialized by pyoxigraph in the format the client asked for.
"""

from __future__ import annotations

import gzip
import json
import math
import os
import re
import shutil
import sys
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.engines import (
    EngineError,
    EngineNotAcceptable,
    EngineQueryError,
    EngineResultTooLarge,
    EngineTimeout,
    QueryRequest,
)
from kg.engines.versions import (
    VERSION_NS,
    Refused,
    check_query,
    normalize,
    rewrite_graphs,
    unversion_iri,
    version_graph,
    version_prefix,
)
from kg.layout import BuildDir, OutDir
from kg.store import RDF_FORMATS, RESULT_FORMATS

KG = VERSION_NS  # predicates of the engine's own bookkeeping graphs
POINTERS = f"{VERSION_NS}published"
GRAPHS_FILE = "engine-graphs.json"  # written into the version folder: which graphs the engine holds for it
EMPTY = f"{VERSION_NS}empty"
#: Virtuoso's ``ResultSetMaxRows`` when nothing else is said (``KG_VIRTUOSO_MAX_ROWS``; the managed engine's ini)
DEFAULT_MAX_ROWS = 10_000_000
_QUAD_GRAPH = re.compile(rb"^(.*) (<[^<>\"\s]*>) \.\s*$")


def _binary(*names: str) -> str:
    for n in names:
        found = shutil.which(n)
        if found:
            return found
    raise EngineError(f"{names[0]} is not installed: run `make virtuoso-deps` (Debian package virtuoso-opensource)")


def _sparql_string(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


@dataclass(frozen=True)
class VirtuosoSettings:
    sparql_url: str
    isql: str  # host:port
    user: str
    password: str
    load_dir: Path | None
    dataset: str  # whose versions and pointer these are (several datasets may share one engine)
    max_rows: int = DEFAULT_MAX_ROWS  # the engine's ResultSetMaxRows: a result that reaches it may have been cut

    @classmethod
    def from_env(cls, out_dir: Path) -> VirtuosoSettings:
        dataset = os.environ.get("KG_VIRTUOSO_DATASET") or str(Path(out_dir).resolve())
        url = os.environ.get("KG_VIRTUOSO_URL")
        if url:
            missing = [k for k in ("KG_VIRTUOSO_ISQL", "KG_VIRTUOSO_PASSWORD") if not os.environ.get(k)]
            if missing:
                raise EngineError(f"KG_VIRTUOSO_URL names a remote Virtuoso; also set {', '.join(missing)}")
            load = os.environ.get("KG_VIRTUOSO_LOAD_DIR")
            return cls(url, os.environ["KG_VIRTUOSO_ISQL"], os.environ.get("KG_VIRTUOSO_USER", "dba"),
                       os.environ["KG_VIRTUOSO_PASSWORD"], Path(load) if load else None, dataset,
                       int(os.environ.get("KG_VIRTUOSO_MAX_ROWS", str(DEFAULT_MAX_ROWS))))
        from kg.engines.managed import ManagedVirtuoso

        info = ManagedVirtuoso.for_out(Path(out_dir)).info()
        if info is None:
            raise EngineError(f"no Virtuoso to use: start one with `kg engine start --out {out_dir}` (or set "
                              "KG_VIRTUOSO_HOME to a started one), or name a remote one with KG_VIRTUOSO_URL")
        return cls(info["sparql"], info["isql"], "dba", info["password"], Path(info["load_dir"]), dataset,
                   int(info.get("max_rows", DEFAULT_MAX_ROWS)))


class VirtuosoEngine:
    name = "virtuoso"
    external = True

    def __init__(self, settings: VirtuosoSettings, out_dir: Path) -> None:
        self.settings = settings
        self.out = OutDir(Path(out_dir))
        self._complete: set[str] = set()
        self._graphs: dict[str, list[str]] = {}  # per version: its graphs (versions never change)

    @classmethod
    def from_env(cls, out_dir: Path) -> VirtuosoEngine:
        return cls(VirtuosoSettings.from_env(out_dir), out_dir)

    # -- administration (SQL port) -----------------------------------------------------------------------------

    def isql(self, script: str, timeout: float | None = None) -> str:
        """Run SQL statements (an isql-style script) as the loading account; raise :class:`EngineError` on the first
        error. They go through Virtuoso's ODBC driver in this process (:mod:`kg.engines.virtuoso_sql`), not the
        ``isql`` program, which would need the password on its command line, where every user can read it."""
        from kg.engines.virtuoso_sql import run_script

        s = self.settings
        return run_script(s.isql, s.user, s.password, script, timeout)

    def select(self, query: str, timeout: float = 60) -> list[dict[str, str]]:
        """A SELECT on the engine's own SPARQL endpoint (bookkeeping reads), as plain strings."""
        body = self._post(query, [], [], "application/sparql-results+json", timeout)[1]
        data = json.loads(body)
        return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]

    # -- versions ----------------------------------------------------------------------------------------------

    def load_version(self, build: BuildDir) -> None:
        """Bulk-load a staged version's N-Quads dump (and its VoID into graph/build) into its own graphs."""
        if self.settings.load_dir is None:
            raise EngineError("KG_VIRTUOSO_LOAD_DIR is not set: the bulk loader reads files from a folder the engine "
                              "may read (its DirsAllowed)")
        bid = build.build_id
        folder = self.settings.load_dir / bid
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        try:
            counts = split_nquads(build.dumps / "dataset.nq.gz", folder, bid)
            base = build.manifest().get("base_iri") if build.manifest_path.is_file() else None
            void = build.dumps / "void.ttl"
            if base and void.is_file():
                from kg.iris import IRIs

                g = str(IRIs(base).graph("build"))
                if g not in counts:
                    shutil.copy(void, folder / "void.ttl")
                    (folder / "void.ttl.graph").write_text(version_graph(bid, g) + "\n", encoding="utf-8")
                    counts[g] = -1  # not counted in advance
            self._mark(bid, "loading", {})
            d = str(folder.resolve()).replace("'", "''")
            self.isql(f"delete from DB.DBA.LOAD_LIST where ll_file like '{d}/%';\n"
                      f"ld_dir('{d}', '*.nt', NULL);\nld_dir('{d}', '*.ttl', NULL);\n")
            self._run_loaders()
            errors = self.isql(f"select ll_file, ll_error from DB.DBA.LOAD_LIST where ll_file like '{d}/%' "
                               "and (ll_error is not null or ll_state <> 2);\n")
            if "/" in errors:
                raise EngineError(f"the bulk loader failed on version {bid}: {errors.strip()[:800]}")
            held = {}
            for g, expected in counts.items():
                n = self.count(version_graph(bid, g))
                if expected > 0 and n == 0:
                    raise EngineError(f"version {bid}: graph <{g}> holds nothing after the load ({expected} expected)")
                if expected > 0 and n != expected:  # Virtuoso folds equal numeric values (e.g. "01" and "1")
                    print(f"[kg engine] version {bid}: graph <{g}> holds {n} triples, the dump {expected}",
                          file=sys.stderr)
                held[g] = n
            self._mark(bid, "complete", held)
            (build.root / GRAPHS_FILE).write_text(json.dumps({"engine": self.name, "graphs": held}, indent=2),
                                                  encoding="utf-8")
        except BaseException:
            try:
                self.drop_version(bid)
            except EngineError:
                pass
            raise
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def _run_loaders(self) -> None:
        """``rdf_loader_run()`` in ``KG_VIRTUOSO_LOADERS`` sessions at once (each takes the next file of the list),
        then one checkpoint: Virtuoso's documented way to use several cores for a bulk load."""
        n = max(1, int(os.environ.get("KG_VIRTUOSO_LOADERS", str(min(4, os.cpu_count() or 1)))))
        if n == 1:
            self.isql("rdf_loader_run();\ncheckpoint;\n")
            return
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(n) as pool:
            for f in [pool.submit(self.isql, "rdf_loader_run();\n") for _ in range(n)]:
                f.result()
        self.isql("checkpoint;\n")

    def _mark(self, bid: str, state: str, graphs: dict[str, int]) -> None:
        p = version_prefix(bid)
        lines = [f'<{p}> <{KG}state> "{state}" ; <{KG}dataset> {_sparql_string(self.settings.dataset)} .']
        lines += [f"<{p}> <{KG}graph> <{g}> ." for g in graphs]
        self.isql(f"SPARQL CLEAR GRAPH <{p}>;\nSPARQL INSERT DATA {{ GRAPH <{p}> {{ {' '.join(lines)} }} }};\n")

    def count(self, graph: str) -> int:
        rows = self.select(f"SELECT (COUNT(*) AS ?n) FROM <{graph}> WHERE {{ ?s ?p ?o }}")
        return int(rows[0]["n"]) if rows else 0

    def versions(self) -> list[dict[str, str]]:
        """Versions the engine holds for this dataset (state, and whether it is the published one)."""
        rows = self.select(
            f"SELECT ?v ?state WHERE {{ GRAPH ?v {{ ?v <{KG}state> ?state ; <{KG}dataset> "
            f"{_sparql_string(self.settings.dataset)} }} }}")
        current = self.current()
        return [{"id": r["v"][len(VERSION_NS):-1], "state": r["state"],
                 "current": r["v"][len(VERSION_NS):-1] == current} for r in rows]

    def current(self) -> str | None:
        rows = self.select(f"SELECT ?id FROM <{POINTERS}> WHERE {{ <{self._dataset_iri()}> <{KG}version> ?id }}")
        return rows[0]["id"] if rows else None

    def activate(self, build_id: str, keep: list[str]) -> None:
        """Move this dataset's pointer to ``build_id`` (one update), then drop versions not in ``keep``."""
        if not self.is_complete(build_id):
            raise EngineError(f"Virtuoso does not hold a complete load of version {build_id}")
        d = self._dataset_iri()
        self.isql("set autocommit manual;\n"  # one transaction: readers see the old pointer or the new one
                  f"SPARQL DELETE WHERE {{ GRAPH <{POINTERS}> {{ <{d}> <{KG}version> ?old }} }};\n"
                  f"SPARQL INSERT DATA {{ GRAPH <{POINTERS}> {{ <{d}> <{KG}version> {_sparql_string(build_id)} }} }};\n"
                  "commit work;\n")
        for v in self.versions():
            if v["id"] != build_id and v["id"] not in keep:
                self.drop_version(v["id"])

    def _dataset_iri(self) -> str:
        return f"{VERSION_NS}dataset:" + urllib.parse.quote(self.settings.dataset, safe="")

    def is_complete(self, build_id: str) -> bool:
        if build_id in self._complete:
            return True
        p = version_prefix(build_id)
        ok = bool(self.select(f'SELECT ?s FROM <{p}> WHERE {{ <{p}> <{KG}state> "complete" BIND(1 AS ?s) }}'))
        if ok:
            self._complete.add(build_id)
        return ok

    def drop_version(self, build_id: str) -> None:
        p = version_prefix(build_id)
        graphs = [r["g"] for r in self.select(
            f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), {_sparql_string(p)})) }}")]
        script = "log_enable(3,1);\n" + "".join(f"SPARQL CLEAR GRAPH <{g}>;\n" for g in graphs if g != p)
        self.isql(script + f"SPARQL CLEAR GRAPH <{p}>;\ncheckpoint;\n")
        self._complete.discard(build_id)

    # -- queries -----------------------------------------------------------------------------------------------

    def graphs_of(self, build_id: str) -> list[str]:
        if build_id in self._graphs:
            return self._graphs[build_id]
        f = self.out.builds / build_id / GRAPHS_FILE
        if not f.is_file():
            raise EngineQueryError(f"version {build_id} was not loaded into Virtuoso (no {GRAPHS_FILE}); rebuild "
                                   "with KG_ENGINE=virtuoso", 503)
        graphs = self._graphs[build_id] = sorted(json.loads(f.read_text(encoding="utf-8"))["graphs"])
        return graphs

    def run(self, request: QueryRequest, timeout: float) -> tuple[str, bytes]:
        try:
            query = normalize(request.query)
            checked = check_query(query)
        except Refused as e:
            raise EngineQueryError(str(e), e.status) from None
        bid = request.version
        graphs = self.graphs_of(bid)
        if not self.is_complete(bid):
            raise EngineQueryError(f"Virtuoso does not hold version {bid} (was it restarted from an empty "
                                   "database?); rebuild with KG_ENGINE=virtuoso", 503)
        mapping = {g: version_graph(bid, g) for g in graphs}
        text = rewrite_graphs(query, mapping)
        if request.base_iri:  # a later BASE in the query's own prologue still wins
            text = f"BASE <{request.base_iri}>\n{text}"
        if checked.form == "DescribeQuery":  # the embedded store's DESCRIBE: the concise bounded description
            text = f'define sql:describe-mode "CBD"\n{text}'
        default = [version_graph(bid, g) for g in request.default_graphs]
        named = [version_graph(bid, g) for g in request.named_graphs]
        if not default and not named and not checked.has_dataset:
            default = named = [mapping[g] for g in graphs]
        elif default or named:
            default, named = default or [EMPTY], named or [EMPTY]
        graph_form = checked.form in ("ConstructQuery", "DescribeQuery")
        if graph_form and request.rdf_mime is None:
            raise EngineNotAcceptable("this query returns RDF triples; ask for Turtle, N-Triples, JSON-LD or RDF/XML")
        if not graph_form and request.results_mime is None:
            raise EngineNotAcceptable("this query returns a result table or boolean; ask for SPARQL JSON, XML, CSV "
                                      "or TSV")
        accept = "application/n-triples" if graph_form else "application/sparql-results+json"
        _, body = self._post(text, default, named, accept, timeout, engine_timeout=True,
                             max_bytes=request.max_bytes * 4, refuse_cut=True)
        prefix = version_prefix(bid)
        try:
            if graph_form:
                triples = [_unversion_triple(t, prefix) for t in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)]
                self._refuse_cut(len(triples))
                out = ox.serialize(triples, format=RDF_FORMATS[request.rdf_mime])  # type: ignore[index]
                media = request.rdf_mime
            else:
                data = _fix_json(json.loads(body), prefix)
                self._refuse_cut(len(data.get("results", {}).get("bindings", [])))
                results = ox.parse_query_results(json.dumps(data).encode("utf-8"),
                                                 format=ox.QueryResultsFormat.JSON)
                out = results.serialize(format=RESULT_FORMATS[request.results_mime])  # type: ignore[index]
                media = request.results_mime
        except (SyntaxError, ValueError, KeyError) as e:
            raise EngineQueryError(f"Virtuoso sent an answer that could not be read: {e}", 502) from e
        if len(out) > request.max_bytes:
            raise EngineResultTooLarge(f"the result is larger than {request.max_bytes} bytes")
        return media, out  # type: ignore[return-value]

    def _refuse_cut(self, rows: int) -> None:
        """Virtuoso stops a result at ``ResultSetMaxRows`` without an error (a SELECT says so in a header, a
        CONSTRUCT not at all): a result that reaches that many rows is refused, never served cut."""
        if rows >= self.settings.max_rows:
            raise EngineResultTooLarge(_cut_message(self.settings.max_rows))

    def _post(self, query: str, default: list[str], named: list[str], accept: str, timeout: float, *,
              engine_timeout: bool = False, max_bytes: int = 1 << 30, refuse_cut: bool = False) -> tuple[str, bytes]:
        form: list[tuple[str, str]] = [("query", query)]
        form += [("default-graph-uri", g) for g in default] + [("named-graph-uri", g) for g in named]
        if engine_timeout:
            form.append(("timeout", str(max(1, int(timeout * 1000)))))  # Virtuoso stops the query at this limit
        req = urllib.request.Request(self.settings.sparql_url, data=urllib.parse.urlencode(form).encode("utf-8"),
                                     headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"})
        try:
            with urllib.request.urlopen(req, timeout=timeout + 10) as resp:  # noqa: S310 - a configured URL
                if resp.headers.get("X-SQL-State", "").startswith("S1T"):
                    raise EngineTimeout(f"the query ran past the time limit of {timeout:g} s and was cancelled")
                if refuse_cut and resp.headers.get("X-SPARQL-MaxRows"):  # Virtuoso cut the result at its maximum
                    raise EngineResultTooLarge(_cut_message(int(resp.headers["X-SPARQL-MaxRows"])))
                body = resp.read(max_bytes + 1)
                if len(body) > max_bytes:
                    raise EngineResultTooLarge(f"the result is larger than {max_bytes // 4} bytes")
                return resp.headers.get("Content-Type", accept), body
        except urllib.error.HTTPError as e:
            text = e.read(4000).decode("utf-8", "replace")
            if "S1T00" in text or "timed out" in text.lower():
                raise EngineTimeout(f"the query ran past the time limit of {timeout:g} s and was cancelled") from None
            message = text.split("\n\nSPARQL query:", 1)[0].strip()
            raise EngineQueryError(f"query failed: {message}", 400 if 400 <= e.code < 500 or e.code == 500 else 502) \
                from None
        except TimeoutError as e:
            raise EngineTimeout(f"the query ran past the time limit of {timeout:g} s") from e
        except urllib.error.URLError as e:
            raise EngineQueryError(f"Virtuoso at {self.settings.sparql_url} did not answer: {e.reason}", 503) from e

    def status(self) -> dict[str, Any]:
        held = []
        for v in self.versions():
            held.append({**v, "triples": self.count_version(v["id"]) if v["state"] == "complete" else None})
        return {"engine": self.name, "sparql": self.settings.sparql_url, "isql": self.settings.isql,
                "dataset": self.settings.dataset, "current": self.current(), "versions": held}

    def count_version(self, build_id: str) -> int:
        p = version_prefix(build_id)
        rows = self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                           f"FILTER(STRSTARTS(STR(?g), {_sparql_string(p)}) && ?g != <{p}>) }}")
        return int(rows[0]["n"]) if rows else 0


def _cut_message(max_rows: int) -> str:
    return (f"the result reaches the engine's limit of {max_rows} rows (KG_VIRTUOSO_MAX_ROWS), so it may be "
            "incomplete; it is not served cut")


def split_nquads(path: Path, folder: Path, build_id: str, chunk: int = 2_000_000) -> dict[str, int]:
    """Split an N-Quads dump into N-Triples files per graph (at most ``chunk`` lines each, so several loaders can
    share a large graph), each with the ``.graph`` file that names the version's graph for the bulk loader.
    Returns the number of lines per (published) graph name."""
    writers: dict[bytes, Any] = {}
    counts: dict[bytes, int] = {}
    files = 0
    opener = gzip.open if path.suffix == ".gz" else open
    if not path.exists():  # a dump published in parts (kg.dump_parts): read as one stream
        from kg.dump_parts import open_dump

        path, opener = open_dump(path.parent, path.name), (gzip.open if path.suffix == ".gz" else (lambda f, _m: f))
    try:
        with opener(path, "rb") as f:  # type: ignore[operator]
            for line in f:
                if not line.strip() or line.startswith(b"#"):
                    continue
                m = _QUAD_GRAPH.match(line)
                if m is None or m.group(1).count(b" ") < 2:  # a triple in the default graph
                    raise EngineError(f"{path}: a triple outside the named graphs; versions hold named graphs only")
                g = m.group(2)
                w = writers.get(g)
                if w is None or (counts[g] and counts[g] % chunk == 0):
                    if w is not None:
                        w.close()
                    w = writers[g] = (folder / f"g{files:04d}.nt").open("wb", buffering=1 << 20)
                    (folder / f"g{files:04d}.nt.graph").write_text(
                        version_graph(build_id, g[1:-1].decode("utf-8")) + "\n", encoding="utf-8")
                    files += 1
                    counts.setdefault(g, 0)
                w.write(m.group(1) + b" .\n")
                counts[g] += 1
    finally:
        for w in writers.values():
            w.close()
    return {g[1:-1].decode("utf-8"): n for g, n in counts.items()}


def _unversion_term(t: Any, prefix: str) -> Any:
    if isinstance(t, ox.NamedNode) and t.value.startswith(prefix):
        return ox.NamedNode(unversion_iri(t.value, prefix))
    return t


def _unversion_triple(t: ox.Triple, prefix: str) -> ox.Triple:
    obj = t.object
    if isinstance(obj, ox.Literal) and obj.datatype.value in _NORMAL:
        value, datatype = _normal_literal(obj.value, obj.datatype.value)
        obj = ox.Literal(value, datatype=ox.NamedNode(datatype))
    return ox.Triple(_unversion_term(t.subject, prefix), t.predicate, _unversion_term(obj, prefix))


XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = frozenset(XSD + t for t in ("int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
                                        "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong",
                                        "unsignedShort", "unsignedByte"))
_NORMAL = _INTEGERS | {XSD + "boolean", XSD + "double", XSD + "float"}


def _normal_literal(value: str, datatype: str) -> tuple[str, str]:
    """A numeric or boolean literal of Virtuoso's in the form the embedded store (pyoxigraph) gives the same value:
    ``"1"^^xsd:boolean`` is ``"true"``, ``"1000.0"^^xsd:double`` is ``"1000"`` (no exponent, no trailing
    ``.0``), and the integer types derived from ``xsd:integer`` are ``xsd:integer``, as pyoxigraph stores them.
    The value never changes; a text that is not a valid number is left as it is."""
    try:
        if datatype == XSD + "boolean":
            return {"1": "true", "0": "false"}.get(value.strip(), value), datatype
        if datatype in _INTEGERS:
            return str(int(value.strip())), XSD + "integer"
        number = float(value)
        if not math.isfinite(number):
            return value, datatype
        text = format(Decimal(repr(number)), "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return text, datatype
    except (ValueError, ArithmeticError):
        return value, datatype


def _fix_json(data: dict, prefix: str) -> dict:
    """Virtuoso's SPARQL JSON in the W3C form: ``typed-literal`` is ``literal``, blank node ids are plain names,
    IRIs of the version's graphs are the published names, and numbers and booleans are written as the embedded
    store writes them (:func:`_normal_literal`)."""
    for row in data.get("results", {}).get("bindings", []):
        for cell in row.values():
            kind = cell.get("type")
            if kind == "typed-literal":
                cell["type"] = "literal"
            elif kind == "bnode":
                cell["value"] = "b" + re.sub(r"\W", "", cell["value"])
            elif kind == "uri":
                cell["value"] = unversion_iri(cell["value"], prefix)
            if cell.get("datatype") in _NORMAL:
                cell["value"], cell["datatype"] = _normal_literal(cell["value"], cell["datatype"])
    data.get("head", {}).pop("link", None)
    return data
