"""``/reconcile``: the W3C Entity Reconciliation Service API, version 0.2 (what OpenRefine speaks).

* ``GET /reconcile`` without parameters: the service manifest.
* ``query=`` (one query, a string or JSON) or ``queries=`` (a batch, JSON), by GET or form POST: candidates
  with ``id``, ``name``, ``description`` (which name matched and how), ``score`` (0-100), ``match``,
  ``type`` and ``features``.
* ``/reconcile/suggest/entity|type|property?prefix=``, ``/reconcile/preview?id=``, ``/reconcile/view/<id>``.
* JSONP with ``callback=``; CORS everywhere.

Matching lives in :mod:`kg.reconcile`; the index is built from the published store and rebuilt when a new
build is switched in.
"""

from __future__ import annotations

import json
import re
from typing import Any

from flask import Blueprint, Response, redirect, render_template_string, request, url_for

from kg.reconcile import TYPES, ReconIndex
from server.state import state

bp = Blueprint("reconcile", __name__)
CORS = {"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
        "Access-Control-Allow-Headers": "Content-Type"}
_CALLBACK = re.compile(r"^[A-Za-z_$][\w$.]{0,100}$")
PROPERTIES = [
    {"id": "wikidata", "name": "Wikidata ID (QID)"},
    {"id": "date", "name": "date of the document (YYYY, YYYY-MM or YYYY-MM-DD)"},
    {"id": "year", "name": "a year in which the person held a role"},
]
MAX_BATCH = 100
MAX_QUERY_CHARS = 500


def index() -> ReconIndex:
    st = state()
    return st.per_build("reconcile-index", lambda: ReconIndex.from_store(st.store(), st.settings.base_iri))


def _json(data: Any, status: int = 200) -> Response:
    body = json.dumps(data, ensure_ascii=False)
    cb = request.values.get("callback")
    if cb:
        if not _CALLBACK.match(cb):
            return Response("callback must be a JavaScript identifier\n", status=400, mimetype="text/plain", headers=CORS)
        return Response(f"/**/{cb}({body});", status=status, mimetype="application/javascript", headers=CORS)
    return Response(body, status=status, mimetype="application/json", headers=CORS)


def _error(message: str, status: int = 400) -> Response:
    return _json({"status": "error", "message": message}, status)


def manifest() -> dict:
    root = request.host_url
    return {
        "versions": ["0.2"],
        "name": "archive-kg: Cold War diplomatic correspondence",
        "identifierSpace": state().settings.base_iri + "id/",
        "schemaSpace": "https://w3id.org/archive-kg/ontology#",
        "documentation": root + "reconcile/docs",
        "defaultTypes": [{"id": tid, "name": name} for tid, (_, name) in TYPES.items()],
        "view": {"url": root + "id/{{id}}"},
        "preview": {"url": root + "reconcile/preview?id={{id}}", "width": 420, "height": 180},
        "suggest": {
            "entity": {"service_url": root.rstrip("/"), "service_path": "/reconcile/suggest/entity"},
            "type": {"service_url": root.rstrip("/"), "service_path": "/reconcile/suggest/type"},
            "property": {"service_url": root.rstrip("/"), "service_path": "/reconcile/suggest/property"},
        },
    }


def _answer(q: dict, idx: ReconIndex) -> dict:
    query = q.get("query")
    if not isinstance(query, str):
        raise ValueError("each query needs a string 'query'")
    if len(query) > MAX_QUERY_CHARS:
        raise ValueError(f"a query is at most {MAX_QUERY_CHARS} characters (names, not texts)")
    type_id = q.get("type")
    if isinstance(type_id, dict):
        type_id = type_id.get("id")
    if type_id is not None and not isinstance(type_id, str):
        raise ValueError("'type' must be a type id string or a {id, name} object")
    if type_id is not None and type_id not in TYPES:
        type_id = {v[0]: k for k, v in TYPES.items()}.get(str(type_id), "__none__")
    limit = q.get("limit", 10)
    if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
        raise ValueError("'limit' must be a positive integer")
    props = q.get("properties") or []
    if not isinstance(props, list) or not all(isinstance(p, dict) for p in props) or len(props) > 20:
        raise ValueError("'properties' must be a list of at most 20 {pid, v} objects")
    for prop in props:
        values = prop.get("v") if isinstance(prop.get("v"), list) else [prop.get("v")]
        if len(values) > 50 or any(len(str(v)) > 64 for v in values):
            raise ValueError("a property constraint has at most 50 values of at most 64 characters")
    cands = idx.candidates(query, type_id if type_id != "__none__" else "__none__", props, min(limit, 100))
    top = [c for c in cands if c.score >= 100]  # match only an authority entry, never an unreconciled placeholder
    results = []
    for c in cands:
        results.append({
            "id": c.entry.id,
            "name": c.entry.label,
            "description": c.describe(),
            "score": c.score,
            "match": c.exact and c.entry.reconciled and len(top) == 1 and c is top[0],
            "type": [{"id": t, "name": TYPES[t][1]} for t in sorted(c.entry.types)],
            "features": [
                {"id": "name_exact", "value": c.exact},
                {"id": "name_similarity", "value": c.similarity},
                {"id": "cover_name", "value": "cover name" in c.how},
                {"id": "reconciled", "value": c.entry.reconciled},
                {"id": "property_boost", "value": c.property_boost},
            ],
        })
    return {"result": results}


@bp.route("/reconcile", methods=["GET", "POST", "OPTIONS"], strict_slashes=False)
def reconcile() -> Response:
    if request.method == "OPTIONS":
        return Response(status=204, headers=CORS)
    try:
        idx = index()
    except FileNotFoundError as e:
        return _error(str(e), 503)
    raw_batch = request.values.get("queries")
    raw_one = request.values.get("query")
    if raw_batch is None and raw_one is None:
        return _json(manifest())
    try:
        if raw_batch is not None:
            batch = json.loads(raw_batch)
            if not isinstance(batch, dict) or not batch:
                raise ValueError("'queries' must be a non-empty JSON object of queries")
            if len(batch) > MAX_BATCH:
                raise ValueError(f"at most {MAX_BATCH} queries in one batch")
            return _json({k: _answer(q if isinstance(q, dict) else {"query": None}, idx) for k, q in batch.items()})
        try:
            one = json.loads(raw_one)  # type: ignore[arg-type]
        except ValueError:
            one = raw_one
        if isinstance(one, str):
            one = {"query": one}
        if not isinstance(one, dict):
            raise ValueError("'query' must be a string or a JSON query object")
        return _json(_answer(one, idx))
    except ValueError as e:
        return _error(f"bad reconciliation request: {e}")


@bp.route("/reconcile/suggest/<kind>", methods=["GET", "OPTIONS"])
def suggest(kind: str) -> Response:
    if request.method == "OPTIONS":
        return Response(status=204, headers=CORS)
    prefix = request.args.get("prefix", "")
    if kind == "type":
        p = prefix.lower()
        return _json({"result": [{"id": t, "name": n} for t, (_, n) in TYPES.items() if n.lower().startswith(p) or not p]})
    if kind == "property":
        p = prefix.lower()
        return _json({"result": [x for x in PROPERTIES if not p or x["id"].startswith(p) or x["name"].lower().startswith(p)]})
    if kind != "entity":
        return _error(f"no suggest service for {kind!r} (entity, type, property)", 404)
    try:
        idx = index()
    except FileNotFoundError as e:
        return _error(str(e), 503)
    type_id = request.args.get("type")
    results = []
    for e, name in idx.suggest(prefix, type_id if type_id in TYPES else None):
        item: dict[str, Any] = {"id": e.id, "name": e.label,
                                "notable": [{"id": t, "name": TYPES[t][1]} for t in sorted(e.types)]}
        desc = e.description or (f"document of {e.date}" if e.date else None)
        if name != e.label:
            desc = f"{desc.rstrip('.')}; also written \u201c{name}\u201d" if desc else f"also written \u201c{name}\u201d"
        if desc:
            item["description"] = desc
        results.append(item)
    return _json({"result": results})


PREVIEW = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ e.label }}</title>
<style>body{font:14px/1.4 system-ui,sans-serif;margin:8px}h1{font-size:16px;margin:0 0 4px}p{margin:2px 0}</style></head>
<body><h1><a href="{{ link }}" target="_blank" rel="noopener">{{ e.label }}</a></h1>
<p>{{ types }}{% if e.date %} &middot; {{ e.date }}{% endif %}{% if e.wikidata %} &middot; Wikidata {{ e.wikidata }}{% endif %}</p>
{% if e.description %}<p>{{ e.description }}</p>{% endif %}
{% if names %}<p>Also: {{ names }}</p>{% endif %}</body></html>"""


@bp.route("/reconcile/preview")
def preview() -> Response:
    entity_id = request.args.get("id", "")
    try:
        e = index().get(entity_id)
    except FileNotFoundError as err:
        return _error(str(err), 503)
    if e is None:
        return Response(f"no entity {entity_id!r}\n", status=404, mimetype="text/plain", headers=CORS)
    names = ", ".join(sorted({n for n, _, _ in e.names if n != e.label})[:12])
    html = render_template_string(PREVIEW, e=e, link="/id/" + e.id, names=names,
                                  types=", ".join(TYPES[t][1] for t in sorted(e.types)))
    return Response(html, mimetype="text/html", headers=CORS)


@bp.route("/reconcile/view/<path:entity_id>")
def view(entity_id: str) -> Response:
    return redirect("/id/" + entity_id, code=303)


@bp.route("/reconcile/docs")
def docs() -> Response:
    return redirect(url_for("reconcile.reconcile"), code=303)
