"""``/views/``: pictures drawn from the graph, for readers who would rather look than read query results.

* ``/views/network``: who wrote to whom (an edge per sender and recipient, its weight the number of documents;
  cover names on hover; a click opens the person).
* ``/views/timeline``: the documents by date, with the sent and received times where the headers give them.
* ``/views/map``: the places with coordinates (``schema:latitude``/``schema:longitude``, ``wgs84_pos:lat/long``),
  with their variant names, on a bundled world map (Natural Earth via ``world-atlas``; no tile server).

Each page draws ``/views/<name>.json`` (computed once per published version) with d3 from ``static/vendor/``;
the same data is listed in the page as a table, for keyboards, screen readers and printouts.
"""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox
from flask import Blueprint, Response, abort, jsonify, render_template, request

from kg.config import ONTOLOGY_NS
from kg.namespaces import PREFIXES
from server.pages import Linker
from server.state import state

bp = Blueprint("views", __name__)
P = PREFIXES
HEAD = (f"PREFIX akg: <{ONTOLOGY_NS}> PREFIX rdfs: <{P['rdfs']}> PREFIX skos: <{P['skos']}> "
        f"PREFIX dcterms: <{P['dcterms']}> PREFIX schema: <{P['schema']}> "
        "PREFIX wgs: <http://www.w3.org/2003/01/geo/wgs84_pos#>\n")
VIEWS = {"network": "Correspondence network", "timeline": "Timeline of the collection", "map": "Map of the places"}


def _rows(sparql: str):
    return state().store().raw.query(HEAD + sparql, use_default_graph_as_union=True)


def _v(t: object) -> str:
    return "" if t is None else t.value  # type: ignore[attr-defined]


def _labels(kinds: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for r in _rows(f"""SELECT ?e ?l WHERE {{ ?e a ?c . FILTER(?c IN ({kinds}))
            ?e rdfs:label|skos:prefLabel ?l . FILTER(LANG(?l) = "" || LANGMATCHES(LANG(?l), "en")) }}"""):
        out.setdefault(_v(r["e"]), _v(r["l"]))
    return out


def network_data() -> dict:
    edges: dict[tuple[str, str], set[str]] = defaultdict(set)
    as_written: dict[str, set[str]] = defaultdict(set)  # node -> cover names it was addressed or signed under
    for r in _rows("""SELECT DISTINCT ?d ?s ?r ?sa ?ra WHERE { ?d a akg:Document .
            { ?d akg:sender ?s } UNION { ?d akg:senderAlias ?sal . ?sal akg:aliasOf ?s . ?sal rdfs:label ?sa }
            { ?d akg:recipient ?r } UNION { ?d akg:recipientAlias ?ral . ?ral akg:aliasOf ?r . ?ral rdfs:label ?ra } }"""):
        s, t = _v(r["s"]), _v(r["r"])
        if s and t and s != t:
            edges[(s, t)].add(_v(r["d"]))
        if r["sa"] is not None:
            as_written[s].add(_v(r["sa"]))
        if r["ra"] is not None:
            as_written[t].add(_v(r["ra"]))
    covers: dict[str, set[str]] = defaultdict(set)
    for r in _rows("SELECT ?e ?n WHERE { ?e akg:hasAlias ?al . ?al a akg:CoverName ; rdfs:label ?n }"):
        covers[_v(r["e"])].add(_v(r["n"]))
    labels = _labels("akg:Person, akg:Organization, akg:Office, akg:Archive")
    linker = Linker(state().iris.base, request.script_root)
    ids = sorted({x for pair in edges for x in pair})
    degree: dict[str, int] = defaultdict(int)
    for (s, t), docs in edges.items():
        degree[s] += len(docs)
        degree[t] += len(docs)
    nodes = [{"id": i, "label": labels.get(i, i.rsplit("/", 1)[-1]), "href": linker.href(i),
              "coverNames": sorted(covers.get(i, set()) | as_written.get(i, set())), "documents": degree[i]}
             for i in ids]
    links = [{"source": s, "target": t, "documents": len(d)} for (s, t), d in sorted(edges.items())]
    return {"nodes": nodes, "links": links}


def timeline_data() -> dict:
    linker = Linker(state().iris.base, request.script_root)
    docs = []
    for r in _rows("""SELECT ?d (SAMPLE(?t) AS ?title) (MIN(STR(?date)) AS ?day) (MIN(STR(?sent)) AS ?sentAt)
            (MIN(STR(?rec)) AS ?receivedAt) (SAMPLE(?kl) AS ?kind) WHERE { ?d a akg:Document ; dcterms:title ?t .
            OPTIONAL { ?d dcterms:date ?date } OPTIONAL { ?d akg:sentAt ?sent } OPTIONAL { ?d akg:receivedAt ?rec }
            OPTIONAL { ?d akg:documentKind ?k . ?k skos:prefLabel|rdfs:label ?kl } } GROUP BY ?d ORDER BY ?day"""):
        day = _v(r["day"]) or _v(r["sentAt"])[:10] or _v(r["receivedAt"])[:10]
        docs.append({"id": _v(r["d"]), "href": linker.href(_v(r["d"])), "title": _v(r["title"]), "date": day or None,
                     "sentAt": _v(r["sentAt"]) or None, "receivedAt": _v(r["receivedAt"]) or None,
                     "kind": _v(r["kind"]) or None})
    return {"documents": docs}


def map_data() -> dict:
    linker = Linker(state().iris.base, request.script_root)
    places: dict[str, dict] = {}
    for r in _rows("""SELECT ?p (SAMPLE(?la) AS ?lat) (SAMPLE(?lo) AS ?long) WHERE { ?p a akg:Place .
            { ?p schema:latitude ?la ; schema:longitude ?lo } UNION { ?p wgs:lat ?la ; wgs:long ?lo } } GROUP BY ?p"""):
        try:
            lat, lon = float(_v(r["lat"])), float(_v(r["long"]))
        except ValueError:
            continue
        if -90 <= lat <= 90 and -180 <= lon <= 180:
            places[_v(r["p"])] = {"id": _v(r["p"]), "href": linker.href(_v(r["p"])), "lat": lat, "long": lon,
                                  "names": [], "documents": 0}
    labels = _labels("akg:Place")
    for r in _rows("SELECT ?p ?n WHERE { ?p a akg:Place ; skos:altLabel|skos:hiddenLabel ?n }"):
        if _v(r["p"]) in places:
            places[_v(r["p"])]["names"].append(_v(r["n"]))
    if places:  # documents naming each place: directly, or in a transmission line (only the places drawn)
        values = " ".join(str(ox.NamedNode(p)) for p in places)
        for r in _rows(f"""SELECT ?p (COUNT(DISTINCT ?d) AS ?n) WHERE {{ VALUES ?p {{ {values} }}
                {{ ?d akg:mentionsPlace|akg:sentFrom|akg:destination ?p }}
                UNION {{ ?d akg:transmissionEvent ?ev . ?ev akg:atPlace ?p }} }} GROUP BY ?p"""):
            places[_v(r["p"])]["documents"] = int(_v(r["n"]))
    without = sorted(labels.get(p, p.rsplit("/", 1)[-1]) for p in labels if p not in places)
    for p in places.values():
        p["label"] = labels.get(p["id"], p["id"].rsplit("/", 1)[-1])
        p["names"] = sorted(set(p["names"]) - {p["label"]})
    return {"places": sorted(places.values(), key=lambda p: p["label"]), "withoutCoordinates": without}


DATA = {"network": network_data, "timeline": timeline_data, "map": map_data}


def view_data(name: str) -> dict:
    return state().per_build(f"view-{name}-{request.script_root}", DATA[name])


@bp.route("/views/")
@bp.route("/views")
def index() -> Response:
    return Response(render_template("views_index.html", views=VIEWS), mimetype="text/html")


@bp.route("/views/<name>.json")
def data(name: str) -> Response:
    if name not in DATA:
        abort(404)
    resp = jsonify(view_data(name))
    resp.headers["Access-Control-Allow-Origin"] = "*"
    return resp


@bp.route("/views/<name>")
def view(name: str) -> Response:
    if name not in VIEWS:
        abort(404)
    return Response(render_template(f"view_{name}.html", name=name, title=VIEWS[name], data=view_data(name)),
                    mimetype="text/html")


def person_story(iri: str) -> dict:
    """For a person's page: cover names over time, correspondents, and their documents on a small timeline."""
    e = str(ox.NamedNode(iri))  # "<iri>": checked by pyoxigraph, safe to put in a query
    linker = Linker(state().iris.base, request.script_root)
    store = state().store().raw
    covers = []
    for r in store.query(HEAD + """SELECT ?name (MIN(STR(?date)) AS ?first) (MAX(STR(?date)) AS ?last)
            (COUNT(DISTINCT ?d) AS ?n) WHERE { VALUES ?e { ENTITY } ?e akg:hasAlias ?al . ?al a akg:CoverName ; rdfs:label ?name .
            OPTIONAL { ?al akg:attestedIn ?d . OPTIONAL { ?d dcterms:date ?date } } } GROUP BY ?name ORDER BY DESC(BOUND(?first)) ?first ?name""".replace("ENTITY", e),
                         use_default_graph_as_union=True):
        covers.append({"name": _v(r["name"]), "first": _v(r["first"]), "last": _v(r["last"]), "n": int(_v(r["n"]) or 0)})
    corr: dict[str, dict] = {}
    for r in store.query(HEAD + """SELECT ?other ?dir (COUNT(DISTINCT ?d) AS ?n) WHERE { VALUES ?e { ENTITY }
            { { ?d akg:sender ?e } UNION { ?d akg:senderAlias/akg:aliasOf ?e }
              { ?d akg:recipient ?other } UNION { ?d akg:recipientAlias/akg:aliasOf ?other } BIND("to" AS ?dir) }
            UNION
            { { ?d akg:recipient ?e } UNION { ?d akg:recipientAlias/akg:aliasOf ?e }
              { ?d akg:sender ?other } UNION { ?d akg:senderAlias/akg:aliasOf ?other } BIND("from" AS ?dir) }
            FILTER(?other != ?e) } GROUP BY ?other ?dir""".replace("ENTITY", e),
                         use_default_graph_as_union=True):
        o = _v(r["other"])
        c = corr.setdefault(o, {"href": linker.href(o), "iri": o, "to": 0, "from": 0})
        c[_v(r["dir"])] = int(_v(r["n"]))
    labels = {}
    if corr:
        values = " ".join(f"<{o}>" for o in corr)
        for r in store.query(HEAD + f"""SELECT ?e (SAMPLE(?l) AS ?label) WHERE {{ VALUES ?e {{ {values} }}
                ?e rdfs:label|skos:prefLabel ?l }} GROUP BY ?e""", use_default_graph_as_union=True):
            labels[_v(r["e"])] = _v(r["label"])
    correspondents = sorted(({**c, "label": labels.get(o, o.rsplit("/", 1)[-1])} for o, c in corr.items()),
                            key=lambda c: (-(c["to"] + c["from"]), c["label"]))
    events = []
    for r in store.query(HEAD + """SELECT ?d (SAMPLE(?t) AS ?title) (MIN(STR(?date)) AS ?day) (SAMPLE(?role) AS ?how) WHERE { VALUES ?e { ENTITY }
            { ?d akg:sender|akg:signatory ?e BIND("sent" AS ?role) } UNION { ?d akg:senderAlias/akg:aliasOf ?e BIND("sent" AS ?role) }
            UNION { ?d akg:recipient ?e BIND("received" AS ?role) } UNION { ?d akg:recipientAlias/akg:aliasOf ?e BIND("received" AS ?role) }
            UNION { ?d akg:mentionsPerson|akg:mentions ?e BIND("mentioned" AS ?role) }
            ?d a akg:Document ; dcterms:title ?t ; dcterms:date ?date } GROUP BY ?d ORDER BY ?day""".replace("ENTITY", e),
                         use_default_graph_as_union=True):
        events.append({"href": linker.href(_v(r["d"])), "title": _v(r["title"]), "date": _v(r["day"])[:10],
                       "how": _v(r["how"])})
    return {"covers": covers, "correspondents": correspondents, "timeline": _strip(events)}


def _strip(events: list[dict]) -> dict:
    """A small timeline as positions (0–100 %) along the span of the dates, for a server-drawn SVG."""
    dated = [e for e in events if len(e["date"]) in (4, 7, 10)]  # a date to the year or month: at its first day
    if not dated:
        return {"events": [], "start": None, "end": None}
    import datetime as dt

    days = [dt.date.fromisoformat((e["date"] + "-01-01")[:10]).toordinal() for e in dated]
    lo, hi = min(days), max(days)
    span = max(hi - lo, 1)
    for e, d in zip(dated, days, strict=True):
        e["x"] = round(4 + 92 * (d - lo) / span, 2) if hi > lo else 50
    return {"events": dated, "start": dated[0]["date"], "end": dated[-1]["date"]}
