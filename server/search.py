"""``/search?q=``: full-text search over the published version's documents (``kg.search_index``, SQLite FTS5).

Ranked by BM25 (title, then summary, names and text), the matched words marked, counts by kind, year, sender and
archive (each a link that narrows the search: ``&kind=…&year=…&sender=…&archive=…``; ``&sort=date`` or ``-date`` orders by date), and the persons, places and
cover names whose names match. HTML for browsers; JSON for ``Accept: application/json`` (or ``format=json``).

The index is the one the version's ``search.json`` names (``kg.search_versions``: a file shared by versions derived
from one another, seen through that version's rows), so it switches with the version. A version published
without one (an older build) gets it made once, into ``OUT/cache/search/``.
"""

from __future__ import annotations

import sqlite3
import threading
import urllib.parse
from pathlib import Path

from flask import Blueprint, Response, jsonify, render_template, request

from kg import search_index as si
from server.conneg import best_match
from server.pages import Linker
from server.state import state

bp = Blueprint("search", __name__)
PAGE_SIZE = 20
FACET_TITLES = {"kind": "Kind", "year": "Year", "sender": "Sender", "archive": "Archive"}
KIND_NAMES = {"alias": "cover name"}
_lock = threading.Lock()


def _open_index() -> sqlite3.Connection:
    from kg import search_versions

    build = state().build()
    con = search_versions.open_index(build.root)  # the version's rows of the index it shares with others
    if con is not None:
        return con
    path = build.root / si.INDEX_FILE
    if not path.is_file():
        import pyoxigraph as ox

        try:
            folder = state().out.cache / "search"
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:  # a read-only output folder: a private temporary one
            import tempfile

            folder = Path(tempfile.mkdtemp(prefix="archive-kg-search-"))
        path = folder / f"{build.build_id}.sqlite"
        if not path.is_file():
            si.write_index(ox.Store.read_only(str(build.store)), path)
    return si.connect(path)


def run_search(q: str, filters: dict[str, str], page: int, sort: str = "relevance") -> si.Results:
    con = state().per_build("search-index", _open_index)
    with _lock:  # one connection per version, shared by the server's threads
        return si.search(con, q, filters=filters, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, sort=sort)


def _wants_json() -> bool:
    if request.args.get("format") == "json":
        return True
    # (server.conneg reads application/json as the JSON-LD media type; either gets the JSON answer)
    return best_match(request.headers.get("Accept"), ("text/html", "application/ld+json")) == "application/ld+json"


@bp.route("/search")
def search() -> Response:
    q = request.args.get("q", "")[:500]
    filters = {f: request.args.get(f, "")[:300] for f in si.FACETS if request.args.get(f)}
    try:
        page = max(1, min(500, int(request.args.get("page", "1"))))
    except ValueError:
        page = 1
    sort = request.args.get("sort", "relevance")
    sort = sort if sort in si.SORTS else "relevance"
    results = run_search(q, filters, page, sort)
    linker = Linker(state().iris.base, request.script_root)
    if _wants_json():
        resp = jsonify({
            "query": q, "filters": results.filters, "total": results.total, "page": page, "pageSize": PAGE_SIZE,
            "sort": sort,
            "results": [{"id": h.iri, "page": linker.href(h.iri), "title": _plain(h.title), "date": h.date or None,
                         "kind": h.kind or None, "senders": h.senders or None, "snippet": _plain(h.snippet),
                         "matches": [p for p, hit in si.marked(h.title) + si.marked(h.snippet) if hit]}
                        for h in results.hits],
            "facets": {f: [{"value": v, "count": n} for v, n in vals] for f, vals in results.facets.items()},
            "entities": [{"id": e.iri, "page": linker.href(e.iri), "label": e.label, "kind": e.kind,
                          "documents": e.documents} for e in results.entities],
        })
        resp.headers["Vary"] = "Accept"
        resp.headers["Access-Control-Allow-Origin"] = "*"
        return resp

    def url(**change: str | None) -> str:
        args = {"q": q, **filters, "sort": sort if sort != "relevance" else None}
        args.update({k: v for k, v in change.items()})
        return request.script_root + "/search?" + urllib.parse.urlencode({k: v for k, v in args.items() if v})

    facets = [{"name": f, "title": FACET_TITLES[f], "values": [
        {"value": v, "count": n, "active": filters.get(f) == v, "href": url(**{f: None if filters.get(f) == v else v})}
        for v, n in results.facets.get(f, [])]} for f in si.FACETS if results.facets.get(f)]
    hits = [{"href": linker.href(h.iri), "title": si.marked(h.title), "date": h.date, "kind": h.kind,
             "senders": h.senders, "snippet": si.marked(h.snippet)} for h in results.hits]
    entities = [{"href": linker.href(e.iri), "label": e.label, "kind": KIND_NAMES.get(e.kind, e.kind), "n": e.documents}
                for e in results.entities]
    pages = (results.total + PAGE_SIZE - 1) // PAGE_SIZE
    resp = Response(render_template(
        "search.html", q=q, results=results, hits=hits, facets=facets, entities=entities, page=page, pages=pages,
        active=[(FACET_TITLES[f], v, url(**{f: None})) for f, v in sorted(filters.items())],
        prev=url(page=str(page - 1)) if page > 1 else None, next=url(page=str(page + 1)) if page < pages else None,
        sorts=[(label, url(sort=None if key == "relevance" else key), key == sort)
               for key, label in (("relevance", "best match"), ("date", "oldest first"), ("-date", "newest first"))]),
        mimetype="text/html")
    resp.headers["Vary"] = "Accept"
    return resp


def _plain(text: str) -> str:
    return text.replace(si.MARK_START, "").replace(si.MARK_END, "")
