"""Blueprint: linked data. Entity IRIs that dereference, HTML pages, the ontology, the landing page, VoID.

Every IRI minted under the base (``{base}id/...``) is served at the same path on this server, whatever its
host, following the W3C note "Cool URIs for the Semantic Web" (303 variant):

=======================================  =====================================================================
``/id/<path>``                           303 See Other, by ``Accept`` (``Vary: Accept``), to one of:
``/page/<path>``                         the HTML page (200)
``/data/<path>.{ttl,jsonld,nt,rdf}``     the RDF description in Turtle, JSON-LD, N-Triples, RDF/XML (200)
``/id/<path>.{ttl,jsonld,nt,rdf}``       a suffix picks the format directly (200, ``Content-Location``)
``/data/<path>``                         303 to the suffixed document of the format ``Accept`` asks for
``/ontology``, ``/ontology.ttl``         the ontology: HTML documentation or Turtle (and the other formats)
``/``                                    landing page with a schema.org ``Dataset`` in JSON-LD
``/.well-known/void``                    VoID/DCAT of the build (``dumps/void.ttl``), by ``Accept``
``/dataset``                             the dataset IRI: 303 to ``/`` (HTML) or ``/.well-known/void`` (RDF)
``/graph/<name>``                        a named graph's IRI, dereferenced like an entity (VoID describes it)
=======================================  =====================================================================

Every 200 answer carries an ``ETag`` naming the build, the resource and the variant (304 on a match) and
``Cache-Control: public, max-age=300``; rendered pages and descriptions are kept in a per-build LRU cache.

An unknown IRI answers 404 (HTML for browsers, plain text otherwise); nothing acceptable, 406.

The description of an entity (one SPARQL CONSTRUCT on the store, serialized by pyoxigraph) holds its own
triples from every graph, the labels and types of what it links to, the resources that point to it (with
their labels, titles and dates), for a document its sub-resources (``{doc}/reference/...``,
``/distribution/...``, ``/event/...``, ...) and the attestations in it, and for a person or organization its
cover names with the documents they are attested in.
"""

from __future__ import annotations

import hashlib
import json
import threading
import urllib.parse
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
from flask import Blueprint, Response, redirect, render_template, request, url_for

from kg.config import ONTOLOGY_NS
from kg.namespaces import PREFIXES
from server import conneg
from server.entity_pages import agent_context, document_context, schema_org
from server.examples import EXAMPLE_QUERIES, for_base  # noqa: F401  (EXAMPLE_QUERIES: re-exported)
from server.pages import Description, Linker, curie, local_name
from server.state import state

bp = Blueprint("linked_data", __name__)

AKG = ONTOLOGY_NS
P = PREFIXES
MAX_LIST = 500  # entries per section of an HTML page; the RDF has them all

_LABELS = "rdfs:label, skos:prefLabel, dcterms:title, rdf:type, dcterms:date, akg:aliasOf"

# One UNION branch per part of the description. Every branch starts from ?e (bound by substitution) and
# follows indexed patterns; predicates are restricted with FILTER(... IN ...) after the pattern that binds them.
DESCRIBE = f"""
PREFIX rdf: <{P['rdf']}>
PREFIX rdfs: <{P['rdfs']}>
PREFIX skos: <{P['skos']}>
PREFIX dcterms: <{P['dcterms']}>
PREFIX akg: <{AKG}>
CONSTRUCT {{
  ?e ?p ?o . ?o ?lp ?ol . ?ol2 ?lp2 ?oll .
  ?s ?ip ?e . ?s ?slp ?sl . ?sd ?sdp ?sdl . ?dd akg:distribution ?x2 . ?dd ?ddp ?ddl .
  ?sub ?sp ?so . ?so ?solp ?sol .
  ?al ?alp ?alo . ?ad ?adp ?adl .
}} WHERE {{
  {{ ?e ?p ?o }}
  UNION {{ ?e ?p ?o . ?o ?lp ?ol . FILTER(?lp IN ({_LABELS})) }}
  UNION {{ ?e ?p ?o . ?o akg:aliasOf ?ol2 . ?ol2 ?lp2 ?oll . FILTER(?lp2 IN (rdfs:label, skos:prefLabel)) }}
  UNION {{ ?s ?ip ?e }}
  UNION {{ ?s ?ip ?e . ?s ?slp ?sl . FILTER(?slp IN ({_LABELS}, akg:inDocument, akg:quote, rdf:subject, rdf:predicate)) }}
  UNION {{ ?x rdf:object ?e . ?x akg:inDocument ?sd . ?sd ?sdp ?sdl . FILTER(?sdp IN (dcterms:title, dcterms:date, rdf:type)) }}
  UNION {{ ?x2 akg:distributedTo ?e . ?dd akg:distribution ?x2 .
           OPTIONAL {{ ?dd ?ddp ?ddl . FILTER(?ddp IN (dcterms:title, dcterms:date, rdf:type)) }} }}
  UNION {{ ?e ?x ?sub . FILTER(isIRI(?sub) && STRSTARTS(STR(?sub), CONCAT(STR(?e), "/"))) ?sub ?sp ?so }}
  UNION {{ ?sub akg:inDocument ?e . ?sub ?sp ?so }}
  UNION {{ ?e ?x ?sub . FILTER(isIRI(?sub) && STRSTARTS(STR(?sub), CONCAT(STR(?e), "/")))
           ?sub ?sp ?so . ?so ?solp ?sol . FILTER(?solp IN ({_LABELS})) }}
  UNION {{ ?sub akg:inDocument ?e . ?sub ?sp ?so . ?so ?solp ?sol . FILTER(?solp IN ({_LABELS})) }}
  UNION {{ ?e akg:hasAlias ?al . ?al ?alp ?alo }}
  UNION {{ ?e akg:hasAlias ?al . ?al akg:attestedIn ?ad . ?ad ?adp ?adl . FILTER(?adp IN (dcterms:title, dcterms:date, rdf:type)) }}
}}
"""

EXISTS = "ASK { { ?e ?p ?o } UNION { ?s ?p ?e } }"

# -- helpers ------------------------------------------------------------------------------------------------------


def _linker() -> Linker:
    return Linker(state().iris.base, request.script_root)


def _query(sparql: str, **bindings: ox.Term):
    subs = {ox.Variable(k): v for k, v in bindings.items()}
    return state().store().raw.query(sparql, use_default_graph_as_union=True, substitutions=subs)


def _iri_for(path: str) -> ox.NamedNode | None:
    """The minted IRI of a local path: ``{base}id/<path>`` (or ``{base}graph/<name>`` for a named graph's
    ``graph/<name>``), or None if ``path`` cannot be part of an IRI."""
    if not path or len(path) > 2000 or any(c in path for c in '<>"{}|\\^`') or any(ord(c) <= 0x20 for c in path):
        return None
    base = state().iris.base
    try:
        if path.startswith("graph/"):  # "graph" is no entity type, so this cannot shadow an entity
            return ox.NamedNode(base + path)
        return ox.NamedNode(base + "id/" + path)
    except (ValueError, SyntaxError):
        return None


def _exists(node: ox.NamedNode) -> bool:
    return bool(_query(EXISTS, e=node))


def _split_suffix(path: str) -> tuple[str, str | None]:
    for suffix, media in conneg.SUFFIX_MEDIA.items():
        if path.endswith("." + suffix):
            return path[: -len(suffix) - 1], media
    return path, None


def _ontology_labels() -> dict[str, str]:
    """English labels of the ontology's classes and properties (cached per published build)."""
    build = state().build().root
    with _cache_lock:
        if _label_cache.get("build") == build:
            return _label_cache["labels"]  # type: ignore[return-value]
    labels: dict[str, str] = {}
    for row in _query(f"""PREFIX rdfs: <{P['rdfs']}>
        SELECT ?t ?l WHERE {{ GRAPH ?g {{ ?t rdfs:label ?l }} FILTER(STRSTARTS(STR(?t), "{ONTOLOGY_NS}"))
        FILTER(LANG(?l) = "en" || LANG(?l) = "") }}"""):
        labels.setdefault(row["t"].value, row["l"].value)  # type: ignore[index]
    with _cache_lock:
        _label_cache.update({"build": build, "labels": labels})
    return labels


_label_cache: dict[str, object] = {}
_cache_lock = threading.Lock()


def _describe(node: ox.NamedNode) -> list[ox.Triple]:
    """The description of an entity, grouped by subject (the entity first), so serializations read well."""
    triples = list(dict.fromkeys(_query(DESCRIBE, e=node)))  # type: ignore[call-overload]
    if len(triples) > 20000:  # a hub: grouping is not worth the time
        return triples
    return sorted(triples, key=lambda t: (t.subject != node, str(t.subject), str(t.predicate), str(t.object)))


class BodyCache:
    """Rendered pages and descriptions of the published build, least recently used first out, within a byte
    budget. A build never changes, so an entry stays right until another build is switched in (keys name it)."""

    def __init__(self, budget: int = 64 << 20, largest: int = 16 << 20) -> None:
        self.budget, self.largest = budget, largest
        self._entries: OrderedDict[tuple, bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get_or_make(self, key: tuple, make: Callable[[], bytes]) -> bytes:
        key = (state().build().root, *key)
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
        body = make()
        if len(body) <= self.largest:
            with self._lock:
                if key not in self._entries:
                    self._entries[key] = body
                    self._size += len(body)
                while self._size > self.budget and self._entries:
                    _, old = self._entries.popitem(last=False)
                    self._size -= len(old)
        return body


_bodies = BodyCache()


def _describe_as(node: ox.NamedNode, media: str) -> bytes:
    return _bodies.get_or_make(("data", node.value, media), lambda: _serialize(_describe(node), media))


def _serialize(triples: list[ox.Triple], media: str) -> bytes:
    if media == "application/ld+json":  # compacted with the published context (/context.jsonld), carried inline
        from server.jsonld import compact
        from server.site import context_terms

        expanded = ox.serialize(triples, format=ox.RdfFormat.JSON_LD) or b"[]"
        return json.dumps(compact(expanded, context_terms()), ensure_ascii=False, indent=1).encode("utf-8")
    return ox.serialize(triples, format=conneg.rdf_format(media), prefixes=_prefixes(media))  # type: ignore[return-value]


def _rdf_response(triples: list[ox.Triple] | bytes, media: str, *, location: str | None = None) -> Response:
    body = triples if isinstance(triples, bytes) else _serialize(triples, media)
    resp = Response(body, content_type=conneg.content_type(media))
    resp.headers["Access-Control-Allow-Origin"] = "*"
    if location:
        resp.headers["Content-Location"] = location
    return resp


def _prefixes(media: str) -> dict[str, str] | None:
    if media in ("application/n-triples",):
        return None
    base = state().iris.base
    from kg.iris import ENTITY_TYPES

    return {**PREFIXES, **{t: f"{base}id/{t}/" for t in ENTITY_TYPES}}


def _ontology_schema(header: dict | None, classes: list[dict], properties: list[dict]) -> dict:
    """What the ontology page embeds: a schema.org ``DefinedTermSet`` naming its classes and properties (the
    ontology itself is one ``rel=alternate`` link away)."""
    own = request.host_url.rstrip("/") + request.script_root + "/ontology"
    return {"@context": "https://schema.org/", "@type": "DefinedTermSet", "@id": ONTOLOGY_NS.rstrip("#"), "url": own,
            "name": (header or {}).get("label") or "archive-kg ontology",
            "description": (header or {}).get("comment") or "",
            "hasDefinedTerm": [{"@type": "DefinedTerm", "@id": e["iri"], "name": e["label"], "termCode": e["name"],
                                "url": own + "#" + (e["anchor"] or "")} for e in classes + properties]}


def _not_found(what: str) -> Response:
    if conneg.wants_html(request.headers.get("Accept")):
        resp = Response(render_template("not_found.html", what=what), status=404, mimetype="text/html")
    else:
        resp = Response(f"404 Not Found: {what}\n", status=404, mimetype="text/plain")
    resp.headers["Vary"] = "Accept"
    return resp


def _not_acceptable(offers: tuple[str, ...]) -> Response:
    resp = Response("406 Not Acceptable: available as " + ", ".join(offers) + "\n", status=406, mimetype="text/plain")
    resp.headers["Vary"] = "Accept"
    return resp


def _see_other(location: str) -> Response:
    resp = redirect(location, code=303)
    resp.headers["Vary"] = "Accept"
    resp.headers["Access-Control-Allow-Origin"] = "*"
    return resp  # type: ignore[return-value]


def _alternates(path: str) -> list[tuple[str, str]]:
    root = request.script_root
    return [(media, f"{root}/data/{path}.{conneg.suffix_of(media)}") for media in conneg.RDF_OFFERS]


# -- entity routes ------------------------------------------------------------------------------------------------


@bp.route("/id/", defaults={"path": ""})
@bp.route("/id/<path:path>")
def entity(path: str) -> Response:
    node = _iri_for(path)
    if node is not None and _exists(node):
        media = conneg.best_match(request.headers.get("Accept"), conneg.PAGE_OFFERS)
        if media is None:
            return _not_acceptable(conneg.PAGE_OFFERS)
        root = request.script_root
        quoted = urllib.parse.quote(path, safe="/-_.~!$&'()*+,;=:@%")
        if media == conneg.HTML:
            return _see_other(f"{root}/page/{quoted}")
        return _see_other(f"{root}/data/{quoted}.{conneg.suffix_of(media)}")
    stem, media = _split_suffix(path)
    if media is not None:
        node = _iri_for(stem)
        if node is not None and _exists(node):
            return _rdf_response(_describe_as(node, media), media, location=f"{request.script_root}/data/{path}")
    return _not_found(f"no entity at {request.path}")


@bp.route("/graph/<path:name>")
def graph(name: str) -> Response:
    """A named graph's IRI (``{base}graph/documents``): described by the build's VoID, dereferenced like an entity."""
    return entity("graph/" + name)


@bp.route("/data/<path:path>")
def data(path: str) -> Response:
    stem, media = _split_suffix(path)
    node = _iri_for(stem)
    if node is None or not _exists(node):
        return _not_found(f"no entity at {request.path}")
    if media is None:
        chosen = conneg.best_match(request.headers.get("Accept"), conneg.RDF_OFFERS)
        if chosen is None:
            return _not_acceptable(conneg.RDF_OFFERS)
        return _see_other(f"{request.script_root}/data/{urllib.parse.quote(stem, safe='/-_.~:@')}.{conneg.suffix_of(chosen)}")
    resp = _rdf_response(_describe_as(node, media), media)
    return resp


@bp.route("/page/<path:path>")
def page(path: str) -> Response:
    node = _iri_for(path)
    if node is None or not _exists(node):
        return _not_found(f"no entity at {request.path}")
    body = _bodies.get_or_make(("page", request.script_root, node.value), lambda: _render_page(node, path).encode("utf-8"))
    return Response(body, mimetype="text/html")


def _render_page(node: ox.NamedNode, path: str) -> str:
    triples = _describe(node)
    d = Description(triples, _linker(), _ontology_labels())
    iri = node.value
    ctx = {
        "d": d, "iri": iri, "path": path, "title": d.label(iri),
        "types": [d.term(t) for t in d.types(iri)],
        "alternates": _alternates(path), "max_list": MAX_LIST,
    }
    etype = path.split("/", 1)[0]
    own = request.host_url.rstrip("/") + request.script_root
    ctx["jsonld"] = schema_org(d, iri, etype, f"{own}/page/{path}", state().iris.base + "dataset")
    if etype == "document" and "/" not in path[len("document/"):] and d.has_type(iri, AKG + "Document"):
        return render_template("document.html", **ctx, **document_context(d, iri))
    if etype == "person" or d.has_type(iri, AKG + "Person"):
        from server.views import person_story

        return render_template("person.html", **ctx, **agent_context(d, iri), story=person_story(iri))
    if etype in ("organization", "archive", "office", "place", "alias"):
        return render_template("entity.html", **ctx, **agent_context(d, iri), kind=etype)
    return render_template("entity.html", **ctx, **agent_context(d, iri), kind=None)


# -- ontology -----------------------------------------------------------------------------------------------------


def _ontology_triples() -> list[ox.Triple]:
    """The ontology: its graph in the published store, else the Turtle files of ``ontology/``."""
    g = state().iris.graph("ontology")
    triples = list(_query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}"))
    if triples:
        return triples  # type: ignore[return-value]
    folder = Path(state().settings.ontology_dir)
    store = ox.Store()
    for f in sorted(folder.glob("*.ttl")) if folder.is_dir() else []:
        store.load(path=str(f), format=ox.RdfFormat.TURTLE)
    return [q.triple for q in store]


@bp.route("/ontology")
@bp.route("/ontology.<ext>")
def ontology(ext: str | None = None) -> Response:
    if ext is not None:
        media = conneg.SUFFIX_MEDIA.get(ext)
        if media is None:
            return _not_found(f"no ontology format {ext!r}")
    else:
        media = conneg.best_match(request.headers.get("Accept"), conneg.PAGE_OFFERS)
        if media is None:
            return _not_acceptable(conneg.PAGE_OFFERS)
    triples = _ontology_triples()
    if not triples:
        return _not_found("the ontology is not part of this build")
    if media != conneg.HTML:
        resp = _rdf_response(triples, media)
        if ext is None:
            resp.headers["Vary"] = "Accept"
        return resp
    d = Description(triples, _linker(), {})
    classes, properties, others = [], [], []
    class_types = {P["owl"] + "Class", P["rdfs"] + "Class"}
    prop_types = {P["owl"] + x for x in ("ObjectProperty", "DatatypeProperty", "AnnotationProperty")} | {P["rdf"] + "Property"}
    header = None
    for s in sorted(d.out):
        if s.startswith("_:"):
            continue
        types = set(d.types(s))
        entry = {"iri": s, "anchor": s[len(ONTOLOGY_NS):] if s.startswith(ONTOLOGY_NS) else None,
                 "name": curie(s), "label": d.label(s), "comment": d.text(s, P["rdfs"] + "comment"),
                 "rows": d.statements(s, skip=[P["rdfs"] + "label", P["rdfs"] + "comment"])}
        if P["owl"] + "Ontology" in types:
            header = entry
        elif types & class_types:
            classes.append(entry)
        elif types & prop_types:
            properties.append(entry)
        elif s.startswith(ONTOLOGY_NS):
            others.append(entry)
    resp = Response(render_template("ontology.html", header=header, classes=classes, properties=properties,
                                    others=others, namespace=ONTOLOGY_NS, jsonld=_ontology_schema(header, classes, properties),
                                    alternates=[(m, f"{request.script_root}/ontology.{conneg.suffix_of(m)}")
                                                for m in conneg.RDF_OFFERS]), mimetype="text/html")
    resp.headers["Vary"] = "Accept"
    return resp


# -- landing page, VoID -------------------------------------------------------------------------------------------


def _void_path() -> Path:
    return state().build().dumps / "void.ttl"


@bp.route("/.well-known/void")
def void() -> Response:
    media = conneg.best_match(request.headers.get("Accept"), conneg.PAGE_OFFERS)
    if media is None:
        return _not_acceptable(conneg.PAGE_OFFERS)
    path = _void_path()
    if not path.is_file():
        return _not_found("this build has no VoID description")
    if media == conneg.HTML:
        resp = Response(render_template("void.html", turtle=path.read_text(encoding="utf-8")), mimetype="text/html")
    elif media == "text/turtle":
        resp = Response(path.read_bytes(), content_type=conneg.content_type(media))
    else:
        triples = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
        resp = _rdf_response(triples, media)
    resp.headers["Vary"] = "Accept"
    resp.headers["Access-Control-Allow-Origin"] = "*"
    return resp


@bp.route("/dataset")
def dataset() -> Response:
    media = conneg.best_match(request.headers.get("Accept"), conneg.PAGE_OFFERS)
    if media is None:
        return _not_acceptable(conneg.PAGE_OFFERS)
    return _see_other(url_for("linked_data.landing") if media == conneg.HTML else url_for("linked_data.void"))


def _schema_dataset(manifest: dict, files: list, own: str) -> dict:
    from kg.publish import LICENSE_DATA

    base = state().iris.base
    counts = manifest.get("counts", {})
    ds: dict = {
        "@context": "https://schema.org/",
        "@type": "Dataset",
        "@id": base + "dataset",
        "name": "archive-kg: Cold War diplomatic correspondence",
        "description": ("Ciphered telegrams, cables, letters and other diplomatic documents of the Cold War, read from "
                        "the Wilson Center Digital Archive and hand-curated records, published as linked data: senders "
                        "and recipients as written (with their cover names), transmission headers, distribution lists, "
                        "archival citations, and the persons, places and organizations the documents mention."),
        "url": own,
        "sameAs": base + "dataset",
        "license": str(LICENSE_DATA),
        "isAccessibleForFree": True,
        "keywords": ["Cold War", "diplomatic correspondence", "telegrams", "archives", "linked data", "Korean War"],
        "inLanguage": "en",
        "isBasedOn": "https://digitalarchive.wilsoncenter.org/",
        "variableMeasured": [k for k in ("documents", "triples") if k in counts],
        "distribution": [
            {"@type": "DataDownload", "name": f.name, "contentUrl": own + "dumps/" + f.name,
             "encodingFormat": f.media_type, "contentSize": str(f.size), **({"sha256": f.sha256} if f.sha256 else {}),
             "dateModified": f.modified.isoformat(timespec="seconds"), "description": f"{f.format}. {f.description}".strip()}
            for f in files
        ],
    }
    if manifest.get("id"):
        ds["version"] = manifest["id"]
    if manifest.get("created"):
        ds["dateModified"] = manifest["created"]
    return ds


_landing_cache: dict[Path, dict] = {}

INDEX_TYPES = (("Persons", "Person"), ("Places", "Place"), ("Organizations", "Organization"))


def _landing_lists(build_root: Path) -> dict:
    """The first 50 documents by date, and the persons, places and organizations most documents point to
    (computed once per published build: a build never changes)."""
    with _cache_lock:
        if build_root in _landing_cache:
            return _landing_cache[build_root]
    docs = []
    for row in _query(f"""PREFIX akg: <{AKG}> PREFIX dcterms: <{P['dcterms']}>
        SELECT ?doc (SAMPLE(?t) AS ?title) (MIN(?dt) AS ?date) WHERE {{ ?doc a akg:Document ; dcterms:title ?t .
        OPTIONAL {{ ?doc dcterms:date ?dt }} }} GROUP BY ?doc ORDER BY ?date ?doc LIMIT 50"""):
        docs.append({"iri": row["doc"].value, "title": row["title"].value,  # type: ignore[index]
                     "date": row["date"].value if row["date"] is not None else ""})  # type: ignore[index]
    index = []
    for title, cls in INDEX_TYPES:
        entries = []
        for row in _query(f"""PREFIX akg: <{AKG}> PREFIX rdfs: <{P['rdfs']}>
            SELECT ?e (SAMPLE(?l) AS ?label) (COUNT(DISTINCT ?d) AS ?n) WHERE {{
              ?e a akg:{cls} . ?d ?p ?e . ?d a akg:Document . OPTIONAL {{ ?e rdfs:label ?l }}
            }} GROUP BY ?e ORDER BY DESC(?n) ?label LIMIT 40"""):
            e = row["e"].value  # type: ignore[index]
            label = row["label"].value if row["label"] is not None else local_name(e)  # type: ignore[index]
            entries.append({"iri": e, "label": label, "n": int(row["n"].value)})  # type: ignore[index]
        if entries:
            index.append((title, entries))
    lists = {"documents": docs, "index": index}
    with _cache_lock:
        _landing_cache.clear()
        _landing_cache[build_root] = lists
    return lists


@bp.route("/")
def landing() -> Response:
    from server.dumps import list_dumps

    build = state().build()
    try:
        manifest = build.manifest()
    except (OSError, ValueError):
        manifest = {}
    files = list_dumps(build)
    own = request.host_url.rstrip("/") + request.script_root + "/"
    counts = manifest.get("counts", {})
    classes = counts.get("classes", {})
    sizes = [(label if classes[AKG + cls] != 1 else one, classes[AKG + cls]) for one, label, cls in
             (("document", "documents", "Document"), ("person", "persons", "Person"),
              ("organization", "organizations", "Organization"), ("place", "places", "Place"),
              ("cover name", "cover names", "Alias"), ("archive", "archives", "Archive"), ("office", "offices", "Office"))
             if classes.get(AKG + cls)]
    if not sizes and counts.get("documents"):
        sizes = [("documents", counts["documents"])]
    lists = _landing_lists(build.root)
    linker = _linker()
    recent = [{**d, "href": linker.href(d["iri"])} for d in lists["documents"]]
    index = [(title, [{**e, "href": linker.href(e["iri"])} for e in entries]) for title, entries in lists["index"]]
    examples = [(title, q, f"{request.script_root}/sparql?" + urllib.parse.urlencode({"query": q}))
                for title, q in for_base(state().iris.base)]
    resp = Response(render_template(
        "landing.html", manifest=manifest, counts=counts, sizes=sizes, files=files, examples=examples,
        documents=recent, index=index, base=state().iris.base, schema=_schema_dataset(manifest, files, own)), mimetype="text/html")
    return resp


@bp.after_request
def validators(resp: Response) -> Response:
    """A published build never changes, so a page or description is the same until the next build is switched
    in: its ETag names the build, the resource and the variant, and conditional requests get 304."""
    if request.method in ("GET", "HEAD") and resp.status_code == 200 and not resp.headers.get("ETag"):
        try:
            build_id = state().build().build_id
        except FileNotFoundError:
            return resp
        key = "\x1f".join((build_id, request.host, request.full_path, resp.headers.get("Content-Type", "")))
        resp.set_etag(hashlib.sha256(key.encode("utf-8")).hexdigest()[:32])
        resp.headers.setdefault("Cache-Control", "public, max-age=300")
        resp.make_conditional(request)
    return resp


@bp.errorhandler(FileNotFoundError)
def nothing_published(e: FileNotFoundError) -> Response:
    return Response(f"503 Service Unavailable: {e}\n", status=503, mimetype="text/plain")

