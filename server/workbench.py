"""The query workbench: ``/sparql`` opened in a browser shows a SPARQL editor (Yasgui) instead of a result file.

Only a request that *prefers* HTML gets it: a GET (or HEAD) without ``format`` or ``update`` whose ``Accept``
ranks ``text/html`` above every result and RDF media type (a browser's navigation does; ``*/*``, SPARQLWrapper,
rdflib, curl and the W3C protocol tests do not). Every other request reaches ``server.sparql`` unchanged.
``/sparql?query=...`` in a browser opens the editor with that query and runs it, so shared links work.

The editor, its results table (labels, links to our entity pages) and its chart run from
``static/workbench.js`` with Yasgui from ``static/vendor/`` (installed from npm by ``make install``).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import os
import re
from pathlib import Path

from flask import Blueprint, Response, current_app, jsonify, render_template, request

from kg.iris import ENTITY_TYPES
from kg.namespaces import PREFIXES
from server.conneg import HTML, best_match
from server.state import state

bp = Blueprint("workbench", __name__)

#: What a SPARQL client may ask for: any of these ranked at or above text/html means "not a browser page".
PROTOCOL_MEDIA = ("application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                  "text/tab-separated-values", "text/turtle", "application/n-triples", "application/ld+json",
                  "application/rdf+xml", "application/json", "application/xml", "text/xml", "text/plain")
SPARQL_PATHS = ("/sparql", "/sparql/")


@functools.lru_cache(maxsize=1024)
def prefers_html(accept: str | None) -> bool:
    """True when ``Accept`` ranks HTML first among HTML and the SPARQL protocol's media types (ties: protocol).
    Cached by value: clients send the same few ``Accept`` headers, and this runs before every request."""
    if not accept:
        return False
    return best_match(accept, (*PROTOCOL_MEDIA, HTML, "application/xhtml+xml")) in (HTML, "application/xhtml+xml")


def wants_workbench() -> bool:
    return (request.path in SPARQL_PATHS and request.method in ("GET", "HEAD")
            and prefers_html(request.headers.get("Accept"))
            and not request.args.getlist("update") and not request.args.get("format"))


VENDOR = Path(__file__).resolve().parent / "static" / "vendor"


@functools.cache
def _style_hashes() -> tuple[str, ...]:
    """CSP hashes of the two fixed style sheets Yasgui's column resizer adds to the page (its grip layout, and
    the cursor while a column is dragged), read from the bundled file: the page allows these two and no other
    inline style (no ``'unsafe-inline'``)."""
    try:
        js = (VENDOR / "yasgui.min.js").read_text(encoding="utf-8")
    except OSError:
        return ()
    sheets = re.findall(r"createStyle\(a,`( \.grip-resizable[^`$]*)`\)", js)
    sheets += [f"*{{cursor:{c}!important}}" for c in re.findall(r"dragCursor:`([a-z-]+)`", js)]
    return tuple("'sha256-" + base64.b64encode(hashlib.sha256(c.encode("utf-8")).digest()).decode("ascii") + "'"
                 for c in sheets)


def workbench_csp() -> str:
    from server.limits import HTML_CSP

    csp = str(current_app.config.get("KG_CSP", os.environ.get("KG_CSP", HTML_CSP)))
    hashes = " ".join(_style_hashes())
    return csp.replace("style-src 'self'", f"style-src 'self' {hashes}") if hashes else csp


def prefixes() -> dict[str, str]:
    base = state().iris.base
    return {**PREFIXES, **{t: f"{base}id/{t}/" for t in ENTITY_TYPES}}


@bp.before_app_request
def workbench() -> Response | None:
    if not wants_workbench():
        return None
    from server.examples import for_base

    examples = for_base(state().iris.base)
    queries = request.args.getlist("query")
    config = {
        "endpoint": request.script_root + "/sparql",
        "base": state().iris.base,
        "pages": request.script_root + "/page/",
        "prefixes": prefixes(),
        "prefixList": request.script_root + "/workbench/prefixes.json",
        "query": queries[0] if len(queries) == 1 else None,
        "examples": [{"title": t, "query": q} for t, q in examples],
    }
    resp = Response(render_template("workbench.html", config=config, examples=examples), mimetype="text/html")
    resp.headers["Vary"] = "Accept"
    resp.headers["Cache-Control"] = "no-cache"
    resp.headers["Content-Security-Policy"] = workbench_csp()
    return resp


@bp.route("/workbench/prefixes.json")
def prefix_list() -> Response:
    """Our prefixes for the editor's completion ("PREFIX per" completes to ``person: <…/id/person/>``)."""
    return jsonify(prefixes())
