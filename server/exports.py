"""``/exports/``: the Wikidata workflow exports of the published build (see kg.exports)."""

from __future__ import annotations

from flask import Blueprint, Response

from kg import exports
from server.state import state

bp = Blueprint("exports", __name__)


def _store_and_base():
    st = state()
    return st.store(), st.settings.base_iri


@bp.route("/exports/mixnmatch.tsv")
def mixnmatch() -> Response:
    store, base = _store_and_base()
    return Response(exports.mixnmatch(store, base), mimetype="text/tab-separated-values",
                    headers={"Content-Disposition": 'inline; filename="archive-kg-mixnmatch.tsv"',
                             "Access-Control-Allow-Origin": "*"})


@bp.route("/exports/quickstatements.txt")
def quickstatements() -> Response:
    store, base = _store_and_base()
    return Response(exports.quickstatements(store, base), mimetype="text/plain",
                    headers={"Content-Disposition": 'inline; filename="archive-kg-quickstatements.txt"',
                             "Access-Control-Allow-Origin": "*"})
