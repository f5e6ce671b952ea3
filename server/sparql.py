"""``/sparql``: the SPARQL 1.1 Protocol (queries), read-only, on the embedded pyoxigraph store.

* GET ``?query=``, POST form (``application/x-www-form-urlencoded``), POST ``application/sparql-query``;
  ``default-graph-uri`` / ``named-graph-uri``; a query that names no dataset sees the union of all graphs.
* SELECT/ASK as SPARQL JSON, XML, CSV, TSV; CONSTRUCT/DESCRIBE as Turtle, N-Triples, JSON-LD, RDF/XML, by
  ``Accept`` (or a ``format`` parameter: json, xml, csv, tsv, turtle, ntriples, jsonld, rdfxml).
* Errors: 400 malformed query or request, 403 update / outbound fetch refused, 405 other methods, 406 nothing
  acceptable, 415 wrong content type, 503 (+ ``Retry-After``) time limit hit or all workers busy.
* GET without a query: the SPARQL 1.1 Service Description (Turtle, or another RDF format by ``Accept``).
* CORS for browser clients.

* 429 (+ ``Retry-After``) when one client already has ``KG_QUERY_PER_CLIENT`` queries running.
* ``SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }`` exactly (the size of the default graph, the union of all graphs)
  is answered from the build's statistics (the number of quads of the read-only store, counted once per build)
  without a scan; ``Server-Timing`` says ``stats``.
* ``Server-Timing``: ``queue`` (waiting for a ready worker) and ``exec`` (in the worker), or ``inline``, in ms.

Plain GET and POST requests are answered by :func:`respond` through the WSGI fast path of :mod:`server.sparql_fast`
(without Flask's routing and hooks), everything else through Flask's route; both call :func:`respond`.

Configuration (``app.config`` or environment, read once per app): ``KG_QUERY_TIMEOUT`` (seconds, default 30; a ``timeout``
request parameter may lower it, never raise it), ``KG_QUERY_WORKERS`` (default 3, kept ready),
``KG_QUERY_MAX_WORKERS`` (default 16: the pool grows to this while queries run long), ``KG_QUERY_QUEUE_WAIT``
(seconds a request waits for a ready worker, default 10), ``KG_QUERY_INLINE_MS`` (default 50: a query whose last
run took less is answered by a thread without network instead of a worker; 0 disables), ``KG_QUERY_DEMOTE_AFTER`` (seconds, default 1: a query
running longer runs at idle CPU priority), ``KG_QUERY_ISOLATE`` (default on: workers have no network),
``KG_MAX_RESULT_BYTES`` (default 50 MB), ``KG_SERVICE_ALLOW`` (comma-separated endpoint IRI prefixes SERVICE may
call; empty by default), ``KG_SPARQL_FAST_PATH`` (default on). Pool and guard: :mod:`server.executor`,
:mod:`server.sparql_guard`.
"""

from __future__ import annotations

import atexit
import functools
import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from flask import Blueprint, Flask, Request, Response, current_app, request

from kg.layout import BuildDir
from kg.store import RDF_FORMATS, RESULT_FORMATS
from server.conneg import best_match
from server.engine_pool import EngineExecutor, engine_executor  # KG_ENGINE=virtuoso: the external engine
from server.executor import (
    Busy,
    Job,
    NotAcceptable,
    QueryError,
    QueryExecutor,
    QueryTimeout,
    ResultTooLarge,
    RunInfo,
)
from server.limits import query_client, query_slots
from server.sparql_guard import Refused, inspect, is_update
from server.state import ServerState

bp = Blueprint("sparql", __name__)

RESULT_OFFERS = ("application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                 "text/tab-separated-values")
RDF_OFFERS = ("text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml")
ACCEPT_ALIASES = {"application/json": "application/sparql-results+json", "application/xml": "application/sparql-results+xml",
                  "text/xml": "application/sparql-results+xml", "application/x-turtle": "text/turtle",
                  "text/plain": "application/n-triples"}
FORMAT_PARAM = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml", "csv": "text/csv",
                "tsv": "text/tab-separated-values", "turtle": "text/turtle", "ttl": "text/turtle",
                "ntriples": "application/n-triples", "nt": "application/n-triples", "jsonld": "application/ld+json",
                "json-ld": "application/ld+json", "rdfxml": "application/rdf+xml", "rdf": "application/rdf+xml",
                "n3": "text/turtle"}
CORS = {"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
        "Access-Control-Allow-Headers": "Content-Type, Accept", "Access-Control-Max-Age": "86400"}

_executor_lock = threading.Lock()


def _setting(app: Flask, name: str, default: str) -> str:
    return str(app.config.get(name, os.environ.get(name, default)))


def _state(app: Flask) -> ServerState:
    return app.extensions["archive-kg"]


@dataclass(frozen=True)
class QuerySettings:
    """The settings every query reads, read once per app (``app.config``, else the environment, else the default),
    like the limits of :mod:`server.limits`."""

    timeout: float  # KG_QUERY_TIMEOUT
    service_allow: tuple[str, ...]  # KG_SERVICE_ALLOW
    max_result_bytes: int  # KG_MAX_RESULT_BYTES
    current_link: str  # OUT/current

    @classmethod
    def of(cls, app: Flask) -> QuerySettings:
        got = app.extensions.get("archive-kg-sparql-settings")
        if got is None:
            got = app.extensions["archive-kg-sparql-settings"] = cls(
                timeout=float(_setting(app, "KG_QUERY_TIMEOUT", "30")),
                service_allow=tuple(a.strip() for a in _setting(app, "KG_SERVICE_ALLOW", "").split(",")),
                max_result_bytes=int(_setting(app, "KG_MAX_RESULT_BYTES", str(50 << 20))),
                current_link=str(_state(app).out.current_link))
        return got


def executor(app: Flask | None = None) -> QueryExecutor | EngineExecutor:
    """The app's pool of query workers (started on first use; ``kg serve`` starts it before serving), or the
    external engine's executor (``KG_ENGINE``): both have ``run(job, timeout)``."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    ext = app.extensions
    ex = ext.get("archive-kg-executor")
    if ex is not None:
        return ex
    with _executor_lock:
        ex = ext.get("archive-kg-executor")
        if ex is None:
            st = _state(app)
            external = engine_executor(st.out.root)
            if external is not None:
                ext["archive-kg-executor"] = external
                return external
            try:
                warm: str | None = str(st.build().store)
            except FileNotFoundError:
                warm = None
            ex = QueryExecutor(workers=int(_setting(app, "KG_QUERY_WORKERS", "3")),
                               queue_wait=float(_setting(app, "KG_QUERY_QUEUE_WAIT", "10")),
                               max_workers=int(_setting(app, "KG_QUERY_MAX_WORKERS", "16")),
                               demote_after=float(_setting(app, "KG_QUERY_DEMOTE_AFTER", "1")),
                               isolate=_setting(app, "KG_QUERY_ISOLATE", "1").strip().lower() not in
                               ("0", "false", "no", "off"),
                               warm_store=warm,
                               inline_below=float(_setting(app, "KG_QUERY_INLINE_MS", "50")) / 1000)
            ext["archive-kg-executor"] = ex
            atexit.register(ex.close)
        return ex


def _published(app: Flask) -> tuple[BuildDir, dict[str, Any]]:
    """The published build and a dict of values computed once for it, for one ``readlink`` per request (resolving
    ``OUT/current`` fully costs about 0.3 ms, a third of a cheap query's whole budget). A new target of the link
    (a build switched in, or ``kg restore``) drops every cached value of the previous one."""
    try:
        target = os.readlink(QuerySettings.of(app).current_link)
    except OSError:
        target = ""
    cache: dict[str, tuple[BuildDir, dict[str, Any]]] = app.extensions.setdefault("archive-kg-sparql-build", {})
    hit = cache.get(target)
    if hit is None:
        build = _state(app).build()  # raises FileNotFoundError when nothing is published
        hit = (build, {"store_path": str(build.store)})
        cache.clear()
        cache[target] = hit
    return hit


def _once(values: dict[str, Any], name: str, factory: Callable[[], Any]) -> Any:
    if name not in values:
        values[name] = factory()
    return values[name]


def _local_graphs(st: ServerState, values: dict[str, Any]) -> list[str]:
    return _once(values, "graphs", lambda: st.store().graphs())


def _quads(st: ServerState, values: dict[str, Any]) -> int:
    """The size of the union default graph as pyoxigraph evaluates it (every quad, duplicates across graphs
    included): the store's own count, once per build."""
    return _once(values, "quads", lambda: len(st.store().raw))


def _count_answer(var: str, n: int, media: str) -> bytes:
    """One row ``?var = n`` (xsd:integer) in a SPARQL results format, serialized by pyoxigraph like any result."""
    res = ox.Store().query(f"SELECT ?{var} WHERE {{ VALUES ?{var} {{ {int(n)} }} }}")
    return res.serialize(format=RESULT_FORMATS[media])  # type: ignore[union-attr]


@dataclass(frozen=True)
class Reply:
    """An answer of ``/sparql``: status, headers and a body of bytes. A WSGI application itself (the fast path
    sends it as it is: building a werkzeug ``Response`` costs more than a cheap query), and made into the same
    ``Response`` for Flask's route by :meth:`response`: the same status, headers and body either way."""

    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes

    def response(self) -> Response:
        return Response(self.body, status=self.status, headers=list(self.headers))

    def __call__(self, environ: dict[str, Any], start_response: Callable) -> list[bytes]:
        start_response(_status_line(self.status), [*self.headers, ("Content-Length", str(len(self.body)))])
        return [self.body]


@functools.lru_cache(maxsize=64)
def _status_line(status: int) -> str:
    return Response(status=status).status  # werkzeug's own status line ("503 SERVICE UNAVAILABLE")


_CORS_ITEMS = tuple(CORS.items())


def _plain(status: int, text: str, extra: dict[str, str] | None = None) -> Reply:
    return Reply(status, (("Content-Type", "text/plain; charset=utf-8"), *_CORS_ITEMS, *(extra or {}).items()),
                 (text.rstrip("\n") + "\n").encode("utf-8"))


def _accept(header: str | None) -> str:
    if not header:
        return "*/*"
    parts = []
    for part in header.split(","):
        media, _, params = part.strip().partition(";")
        media = ACCEPT_ALIASES.get(media.strip().lower(), media.strip())
        parts.append(media + (";" + params if params else ""))
    return ", ".join(parts)


def _negotiate(fmt: str | None, accept: str | None) -> tuple[str | None, str | None]:
    """(results media type, RDF media type) for a ``format`` parameter and an ``Accept`` header."""
    return _from_format(fmt.lower()) if fmt and fmt.lower() in FORMAT_PARAM else (
        _best(accept, RESULT_OFFERS), _best(accept, RDF_OFFERS))


def _from_format(fmt: str) -> tuple[str | None, str | None]:
    # other values (SPARQLWrapper sends format=xml, n3, ...) fall back to Accept: not called for them
    media = FORMAT_PARAM[fmt]
    return (media if media in RESULT_OFFERS else None), (media if media in RDF_OFFERS else None)


@functools.lru_cache(maxsize=1024)
def _best(accept: str | None, offers: tuple[str, ...]) -> str | None:
    """Content negotiation for one ``Accept`` value (clients send the same few over and over)."""
    return best_match(_accept(accept), offers)


_BASE_KEYS = ("wsgi.url_scheme", "HTTP_HOST", "SERVER_NAME", "SERVER_PORT", "SCRIPT_NAME", "PATH_INFO")
_base_urls: OrderedDict[tuple[Any, ...], str] = OrderedDict()
_base_urls_lock = threading.Lock()


def _base_url(req: Request) -> str:
    """``req.base_url`` (the query's base IRI), looked up by the environ values it is made of: werkzeug rebuilds
    it (quoting and IRI-decoding each part) on every request, and clients send the same few."""
    environ = req.environ
    key = tuple(environ.get(k) for k in _BASE_KEYS)
    url = _base_urls.get(key)
    if url is None:
        url = req.base_url  # a function of the environ values in ``key`` alone (and the app's fixed settings)
        with _base_urls_lock:
            _base_urls[key] = url
            while len(_base_urls) > 256:
                _base_urls.popitem(last=False)
    return url


def service_description(app: Flask, req: Request, fmt_media: str) -> Response:
    st = _state(app)
    endpoint = req.base_url
    graphs = st.store().graphs()
    lines = [
        "@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .",
        "@prefix void: <http://rdfs.org/ns/void#> .",
        "@prefix dcterms: <http://purl.org/dc/terms/> .",
        "",
        f"<{endpoint}> a sd:Service ;",
        f"  sd:endpoint <{endpoint}> ;",
        "  sd:supportedLanguage sd:SPARQL11Query ;",
        "  sd:feature sd:UnionDefaultGraph ;",
        *[f"  sd:resultFormat <http://www.w3.org/ns/formats/{f}> ;" for f in
          ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV", "Turtle",
           "N-Triples", "JSON-LD", "RDF_XML")],
        '  dcterms:description "Read-only SPARQL 1.1 endpoint of archive-kg. The default graph is the union of all '
        'named graphs. SERVICE, LOAD and updates are refused." ;',
        "  sd:defaultDataset [",
        "    a sd:Dataset ;",
        f"    void:sparqlEndpoint <{endpoint}> ;",
        "    sd:defaultGraph [ a sd:Graph ] ;",
    ]
    for g in graphs:
        lines.append(f"    sd:namedGraph [ a sd:NamedGraph ; sd:name <{g}> ] ;")
    lines[-1] = lines[-1].rstrip(" ;") + " ;"
    lines.append("  ] .")
    turtle = "\n".join(lines) + "\n"
    if fmt_media == "text/turtle":
        body = turtle.encode("utf-8")
    else:
        body = ox.serialize(ox.parse(turtle, format=ox.RdfFormat.TURTLE), format=RDF_FORMATS[fmt_media])
    return Response(body, mimetype=fmt_media, headers={**CORS, "Vary": "Accept"})


@bp.route("/sparql", methods=["GET", "POST", "OPTIONS", "HEAD"], strict_slashes=False)
@bp.route("/sparql/", methods=["GET", "POST", "OPTIONS", "HEAD"], strict_slashes=False)
def sparql() -> Response:
    answer = respond(current_app._get_current_object(), request._get_current_object())  # type: ignore[attr-defined]
    return answer.response() if isinstance(answer, Reply) else answer


def respond(app: Flask, request: Request) -> Response | Reply:
    """The answer to one ``/sparql`` request. Flask's route calls it, and so does the WSGI fast path
    (:mod:`server.sparql_fast`) with a request it made itself: the same code decides every answer."""
    if request.method == "OPTIONS":
        return Response(status=204, headers=CORS)
    if request.method == "POST":
        ctype = (request.mimetype or "").lower()
        charset = (request.mimetype_params.get("charset") or "utf-8").lower()
        if charset not in ("utf-8", "utf8"):
            return _plain(415, f"unsupported charset {charset}: SPARQL requests are UTF-8")
        if ctype == "application/sparql-query":
            try:
                queries = [request.get_data().decode("utf-8")]
            except UnicodeDecodeError:
                return _plain(400, "the query is not valid UTF-8")
            if request.args.getlist("query"):
                return _plain(400, "a query in the body and in the URL: send one query")
        elif ctype == "application/x-www-form-urlencoded":
            if request.form.getlist("update") or request.args.getlist("update"):
                return _plain(403, "this endpoint is read-only: SPARQL Update is not accepted")
            queries = request.form.getlist("query") + request.args.getlist("query")
        elif ctype == "application/sparql-update":
            return _plain(403, "this endpoint is read-only: SPARQL Update is not accepted")
        else:
            return _plain(415, f"unsupported content type {request.mimetype or '(none)'}: send "
                               "application/sparql-query or application/x-www-form-urlencoded")
    else:
        if request.args.getlist("update"):
            return _plain(403, "this endpoint is read-only: SPARQL Update is not accepted")
        queries = request.args.getlist("query")
        if not queries:
            media = best_match(request.headers.get("Accept"), RDF_OFFERS) or "text/turtle"
            return service_description(app, request, media)
    if len(queries) != 1:
        return _plain(400, f"exactly one query is expected, got {len(queries)}")
    query = queries[0]
    if not query.strip():
        return _plain(400, "the query is empty")
    base_url = _base_url(request)

    in_form = not (request.method == "GET" or request.mimetype == "application/sparql-query")
    args = request.form if in_form else request.args
    default_graphs = tuple(args.getlist("default-graph-uri") + (request.args.getlist("default-graph-uri")
                                                                if in_form else []))
    named_graphs = tuple(args.getlist("named-graph-uri") + (request.args.getlist("named-graph-uri")
                                                            if in_form else []))
    try:
        _, per_build = _published(app)
    except FileNotFoundError as e:
        return _plain(503, str(e), {"Retry-After": "60"})
    st = _state(app)
    settings = QuerySettings.of(app)
    try:
        seen = inspect(query, local_graphs=_local_graphs(st, per_build), service_allow=settings.service_allow,
                       base_iri=base_url)
    except Refused as e:
        return _plain(e.status, e.message)

    limit = settings.timeout
    asked = request.values.get("timeout")
    if asked:
        try:
            limit = min(limit, max(0.001, float(asked)))
        except ValueError:
            return _plain(400, f"timeout must be a number of seconds, got {asked!r}")
    results_mime, rdf_mime = _negotiate(request.args.get("format") or (request.form.get("format") if
                                                                       request.environ.get("CONTENT_TYPE") else None),
                                        request.headers.get("Accept"))
    if results_mime is None and rdf_mime is None:
        return _plain(406, "none of the accepted media types can be produced; results come as "
                           f"{', '.join(RESULT_OFFERS)}; graphs as {', '.join(RDF_OFFERS)}")
    ex = executor(app)
    if (seen.count_var and not default_graphs and not named_graphs and results_mime is not None
            and isinstance(ex, QueryExecutor)):
        body = _count_answer(seen.count_var, _quads(st, per_build), results_mime)
        return _answer(results_mime, body, "stats;dur=0")
    client, exempt = query_client(app, request.environ)
    slots = query_slots(app)
    if not exempt and not slots.take(client):
        return _plain(429, f"{client} already has {slots.per_client} queries running; wait for one to finish "
                           "(KG_QUERY_PER_CLIENT)", {"Retry-After": "1"})
    job = Job(store_path=per_build["store_path"], query=query, default_graphs=default_graphs, named_graphs=named_graphs,
              results_mime=results_mime, rdf_mime=rdf_mime, max_bytes=settings.max_result_bytes,
              base_iri=base_url)
    info = RunInfo()
    try:
        if isinstance(ex, QueryExecutor):
            media, body = ex.run(job, timeout=limit, info=info)
        else:
            media, body = ex.run(job, timeout=limit)
    except QueryError as e:
        if is_update(query):
            return _plain(403, "this endpoint is read-only: SPARQL Update is not accepted")
        return _plain(400, str(e))
    except QueryTimeout as e:
        return _plain(503, f"{e}. Narrow the query (LIMIT, more specific patterns) or download the dumps.",
                      {"Retry-After": "5"})
    except Busy as e:
        return _plain(503, f"{e}; try again shortly", {"Retry-After": "2"})
    except ResultTooLarge as e:
        return _plain(503, f"{e}; add a LIMIT or download the dumps from /dumps/")
    except NotAcceptable as e:
        return _plain(406, str(e))
    finally:
        if not exempt:
            slots.give_back(client)
    if info.inline:
        return _answer(media, body, f"inline;dur={info.ran * 1000:.1f}")
    return _answer(media, body, f"queue;dur={info.waited * 1000:.1f}, exec;dur={info.ran * 1000:.1f}")


def _answer(media: str, body: bytes, timing: str) -> Reply:
    ctype = media + ("; charset=utf-8" if media.startswith("text/") or media.endswith(("json", "xml")) else "")
    return Reply(200, (("Content-Type", ctype), *_CORS_ITEMS, ("Vary", "Accept"), ("Server-Timing", timing)), body)


assert set(RESULT_OFFERS) <= set(RESULT_FORMATS) and set(RDF_OFFERS) <= set(RDF_FORMATS)
