"""``/exports/``: the Wikidata workflow exports of the published build (see kg.exports), made once per build."""

from __future__ import annotations

from flask import Blueprint, Response, abort

from kg import exports
from server.state import state

bp = Blueprint("exports", __name__)

# file name: (media type, the export)
EXPORTS = {
    "mixnmatch.tsv": ("text/tab-separated-values", exports.mixnmatch),
    "quickstatements.txt": ("text/plain", exports.quickstatements),
}


@bp.route("/exports/<name>")
def download(name: str) -> Response:
    if name not in EXPORTS:
        abort(404)
    media, make = EXPORTS[name]
    st = state()
    try:
        text = st.per_build(f"export-{name}", lambda: make(st.store(), st.settings.base_iri))
    except exports.PlaceholderProperty as e:  # nothing QuickStatements would accept until the property exists
        return Response(str(e) + "\n", status=404, mimetype="text/plain", headers={"Access-Control-Allow-Origin": "*"})
    return Response(text, mimetype=media, headers={"Content-Disposition": f'inline; filename="archive-kg-{name}"',
                                                   "Access-Control-Allow-Origin": "*"})
