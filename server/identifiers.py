"""Identifiers never disappear: merged ones answer 301 to the entity they were merged into, withdrawn ones 410.

Runs before every request (so whatever the linked-data blueprint does, a history entry wins) on the entity
paths ``/id/<type>/<key>[...]``, ``/page/...`` and ``/data/...``. The history comes from the published build
(``kg.identifiers.history_graph`` puts it in the authorities graph), cached per build.
"""

from __future__ import annotations

import html
import re

from flask import Blueprint, Response, redirect, request

from server.conneg import wants_html
from server.state import ServerState, state

bp = Blueprint("identifiers", __name__)
_PATH = re.compile(r"^/(?P<form>id|page|data)/(?P<type>[a-z]+)/(?P<key>[a-z0-9][a-z0-9-]*)(?P<rest>(?:\.[a-z]+|/.*)?)$")
HISTORY_QUERY = """
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX akg: <https://w3id.org/archive-kg/ontology#>
SELECT ?old ?new ?withdrawn ?note WHERE {
  ?old owl:deprecated true .
  OPTIONAL { ?old dcterms:isReplacedBy ?new }
  OPTIONAL { ?old akg:withdrawnOn ?withdrawn }
  OPTIONAL { ?old skos:changeNote ?note }
}"""


def history() -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    """(merged: old id -> new id, withdrawn: id -> (date, note)) of the published build."""
    st = state()
    return st.per_build("identifier-history", lambda: _read_history(st))


def _read_history(st: ServerState) -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    prefix = st.settings.base_iri + "id/"
    merged: dict[str, str] = {}
    withdrawn: dict[str, tuple[str, str]] = {}
    for row in st.store().query(HISTORY_QUERY):
        old = row["old"].value
        if not old.startswith(prefix):
            continue
        ident = old[len(prefix):]
        note = row["note"].value if row["note"] is not None else ""
        if row["new"] is not None and row["new"].value.startswith(prefix):
            merged[ident] = row["new"].value[len(prefix):]
        elif row["withdrawn"] is not None:
            withdrawn[ident] = (row["withdrawn"].value, note)
    return merged, withdrawn


@bp.before_app_request
def follow_history() -> Response | None:
    m = _PATH.match(request.path)
    if not m:
        return None
    ident = f"{m.group('type')}/{m.group('key')}"
    try:
        merged, withdrawn = history()
    except FileNotFoundError:
        return None
    if ident in merged:
        target = f"/{m.group('form')}/{merged[ident]}{m.group('rest')}"
        if request.query_string:
            target += "?" + request.query_string.decode("latin-1")
        resp = redirect(target, code=301)
        resp.headers["Vary"] = "Accept"
        return resp
    if ident in withdrawn:
        date, note = withdrawn[ident]
        text = f"{ident} was withdrawn on {date}. {note}".strip()
        if wants_html(request.headers.get("Accept")):
            body = (f"<!doctype html><html lang=en><meta charset=utf-8><title>Gone: {html.escape(ident)}</title>"
                    f"<h1>Gone</h1><p>{html.escape(text)}</p><p><a href=\"/\">archive-kg</a></p></html>")
            return Response(body, status=410, mimetype="text/html", headers={"Vary": "Accept"})
        return Response(text + "\n", status=410, mimetype="text/plain", headers={"Vary": "Accept"})
    return None
