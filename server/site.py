"""What crawlers and browsers ask a site for: ``/robots.txt``, ``/sitemap.xml`` (every document and entity page,
for dataset search engines), ``/favicon.ico``, and the published JSON-LD context ``/context.jsonld``."""

from __future__ import annotations

from xml.sax.saxutils import escape

from flask import Blueprint, Response, redirect, request, url_for

from kg.iris import ENTITY_TYPES
from kg.namespaces import PREFIXES
from server.state import state

bp = Blueprint("site", __name__)
SITEMAP_MAX = 50_000  # URLs per sitemap file (the protocol's limit)


def _own() -> str:
    return request.host_url.rstrip("/") + request.script_root


@bp.route("/robots.txt")
def robots() -> Response:
    body = ("User-agent: *\n"
            "Disallow: /sparql\nDisallow: /search\nDisallow: /reconcile\nDisallow: /data/\n"
            "Allow: /\n\n"
            f"Sitemap: {_own()}/sitemap.xml\n")
    return Response(body, mimetype="text/plain")


PAGE_CLASSES = ("Document", "Person", "Organization", "Archive", "Place", "Office", "Alias")


def _pages() -> list[str]:
    from kg.config import ONTOLOGY_NS

    prefix = state().iris.base + "id/"
    classes = ", ".join(f"<{ONTOLOGY_NS}{c}>" for c in PAGE_CLASSES)
    rows = state().store().raw.query(f"SELECT DISTINCT ?e WHERE {{ ?e a ?c . FILTER(?c IN ({classes})) }}",
                                     use_default_graph_as_union=True)
    out = set()
    for r in rows:
        iri = r["e"].value  # type: ignore[index]
        path = iri[len(prefix):] if iri.startswith(prefix) else ""
        if path.split("/", 1)[0] in ENTITY_TYPES and path.count("/") == 1:  # entities, not their sub-resources
            out.add(path)
    return sorted(out)


@bp.route("/sitemap.xml")
def sitemap() -> Response:
    own = _own()
    try:
        modified = state().build().manifest().get("created", "")[:10]
    except (OSError, ValueError):
        modified = ""
    lastmod = f"<lastmod>{escape(modified)}</lastmod>" if modified else ""
    paths = state().per_build("sitemap-paths", _pages)[:SITEMAP_MAX - 5]
    urls = [f"{own}/", f"{own}/views/network", f"{own}/views/timeline", f"{own}/views/map", f"{own}/ontology"]
    urls += [f"{own}/page/{p}" for p in paths]
    body = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    body += [f"<url><loc>{escape(u)}</loc>{lastmod}</url>" for u in urls]
    body.append("</urlset>\n")
    return Response("\n".join(body), mimetype="application/xml")


@bp.route("/favicon.ico")
def favicon() -> Response:
    return redirect(url_for("static", filename="favicon.svg"), code=301)  # type: ignore[return-value]


def context_terms() -> dict[str, str]:
    """The JSON-LD context of every JSON-LD answer (``server.jsonld``): our prefixes and entity namespaces."""
    base = state().iris.base
    ctx = {k: v for k, v in sorted(PREFIXES.items())}
    ctx.update({t: f"{base}id/{t}/" for t in ENTITY_TYPES})
    return ctx


def context() -> dict:
    return {"@context": context_terms()}


@bp.route("/context.jsonld")
def context_jsonld() -> Response:
    import json

    resp = Response(json.dumps(context(), indent=1, ensure_ascii=False), mimetype="application/ld+json")
    resp.headers["Access-Control-Allow-Origin"] = "*"
    resp.headers["Cache-Control"] = "public, max-age=3600"
    return resp
