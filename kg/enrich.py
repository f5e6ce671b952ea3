"""``kg enrich``: what our Wikidata-linked entities lack, from a Wikidata-compatible SPARQL endpoint.

For every authority entity with a verified QID, asks the endpoint (Wikidata's public one by default,
``--endpoint`` or ``KG_WIKIDATA_ENDPOINT`` to change it) through SPARQLWrapper for labels in Russian, Korean,
Chinese and Japanese scripts, coordinates of places (P625) and dates of birth and death of persons (P569, P570).
The answers become a graph for the named graph ``{base}graph/enrichment``, with their source (the endpoint and
each item) and retrieval date, validated with the same SHACL shapes as everything else, and cached on disk
(``OUT/cache/enrichment/``) so that every later ``kg build`` adds them without any network. A timeout, an HTTP
error or a malformed answer gives a clear message and leaves the cache as it was.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import socket
import urllib.error
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS, XSD

from kg.authorities import Authorities
from kg.config import Settings
from kg.errors import KGError
from kg.iris import IRIs
from kg.namespaces import SCHEMA, WD

DEFAULT_ENDPOINT = "https://query.wikidata.org/sparql"
LANGS = ("ru", "ko", "zh", "zh-hans", "zh-hant", "ja")
WIKIDATA_LICENSE = URIRef("https://creativecommons.org/publicdomain/zero/1.0/")
_POINT = re.compile(r"^\s*Point\(\s*(-?[\d.]+)\s+(-?[\d.]+)\s*\)\s*$", re.IGNORECASE)


class EnrichError(KGError):
    exit_code = 6


def cache_dir(settings: Settings) -> Path:
    return Path(settings.out_dir) / "cache" / "enrichment"


def linked_entities(authorities: Authorities, iris: IRIs) -> dict[str, tuple[URIRef, str, set[str]]]:
    """QID -> (our IRI, entity type, the labels we already have) for every verified link."""
    out = {}
    for e in authorities.entities():
        if e.wikidata:
            have = {e.label, *(v.text for v in e.variants)}
            out[e.wikidata] = (iris.entity(e.etype, e.key), e.etype, have)
    return out


def enrichment_query(qids: list[str]) -> str:
    values = " ".join(f"wd:{q}" for q in qids)
    langs = ", ".join(f'"{lang}"' for lang in LANGS)
    return f"""PREFIX wd: <http://www.wikidata.org/entity/>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?item ?label ?coord ?birth ?death WHERE {{
  VALUES ?item {{ {values} }}
  {{ ?item rdfs:label ?label FILTER(LANG(?label) IN ({langs})) }}
  UNION {{ ?item wdt:P625 ?coord }}
  UNION {{ ?item wdt:P569 ?birth }}
  UNION {{ ?item wdt:P570 ?death }}
}}"""


def ask(endpoint: str, query: str, timeout: float) -> list[dict]:
    """Run a SELECT through SPARQLWrapper; errors become :class:`EnrichError` with a clear message."""
    from SPARQLWrapper import JSON, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    client = SPARQLWrapper(endpoint, agent="archive-kg/0.1 (kg enrich; https://w3id.org/archive-kg/)")
    client.setQuery(query)
    client.setMethod("POST")
    client.setReturnFormat(JSON)
    client.setTimeout(int(max(1, timeout)))
    try:
        raw = client.query().response.read()
    except TimeoutError as e:
        raise EnrichError(f"{endpoint} did not answer within {timeout:g} s; the cache was left as it was") from e
    except urllib.error.HTTPError as e:
        raise EnrichError(f"{endpoint} answered HTTP {e.code} {e.reason}; the cache was left as it was") from e
    except urllib.error.URLError as e:
        reason = e.reason
        if isinstance(reason, (socket.timeout, TimeoutError)):
            raise EnrichError(f"{endpoint} did not answer within {timeout:g} s; the cache was left as it was") from e
        raise EnrichError(f"{endpoint} could not be reached ({reason}); the cache was left as it was") from e
    except SPARQLWrapperException as e:
        raise EnrichError(f"{endpoint} refused the query: {e}; the cache was left as it was") from e
    try:
        data = json.loads(raw)
        return list(data["results"]["bindings"])
    except (ValueError, KeyError, TypeError) as e:
        raise EnrichError(f"{endpoint} sent an answer that is not SPARQL JSON results ({e}); "
                          "the cache was left as it was") from e


def to_graph(bindings: list[dict], linked: dict[str, tuple[URIRef, str, set[str]]], iris: IRIs, endpoint: str,
             retrieved: dt.datetime) -> Graph:
    g = Graph()
    gname = iris.graph("enrichment")
    g.add((gname, RDF.type, PROV.Entity))
    g.add((gname, PROV.wasDerivedFrom, URIRef(endpoint)))
    g.add((gname, PROV.generatedAtTime, Literal(retrieved.isoformat(timespec="seconds"), datatype=XSD.dateTime)))
    g.add((gname, DCTERMS.license, WIKIDATA_LICENSE))
    g.add((gname, DCTERMS.description, Literal(
        "Labels in other scripts, coordinates and dates of birth and death of the entities linked to Wikidata, "
        "as the endpoint answered on the retrieval date.", lang="en")))
    for b in bindings:
        item = b.get("item", {}).get("value", "")
        qid = item.rsplit("/", 1)[-1]
        if qid not in linked:
            continue
        iri, etype, have = linked[qid]
        g.add((gname, DCTERMS.source, WD[qid]))
        if "label" in b:
            text, lang = b["label"]["value"], b["label"].get("xml:lang")
            if text not in have and lang:
                g.add((iri, SKOS.altLabel, Literal(text, lang=lang)))
        if "coord" in b and etype == "place":
            m = _POINT.match(b["coord"]["value"])
            if m:
                g.add((iri, SCHEMA.longitude, Literal(float(m.group(1)), datatype=XSD.double)))
                g.add((iri, SCHEMA.latitude, Literal(float(m.group(2)), datatype=XSD.double)))
        for key, prop in (("birth", SCHEMA.birthDate), ("death", SCHEMA.deathDate)):
            if key in b and etype == "person":
                value = b[key]["value"].lstrip("+")[:10]
                try:
                    g.add((iri, prop, Literal(dt.date.fromisoformat(value), datatype=XSD.date)))
                except ValueError:
                    continue
    return g


def enrich(settings: Settings, *, endpoint: str | None = None, timeout: float = 60.0,
           authorities_dir: Path | None = None) -> tuple[int, Path]:
    """Ask, validate, and replace the cache atomically. Returns (triples, cache file)."""
    from kg.validate import validate_graph

    endpoint = endpoint or os.environ.get("KG_WIKIDATA_ENDPOINT", DEFAULT_ENDPOINT)
    iris = IRIs(settings.base_iri)
    authorities = Authorities.load(authorities_dir or Path(settings.data_dir) / "authorities")
    linked = linked_entities(authorities, iris)
    if not linked:
        raise EnrichError("no authority entry has a verified Wikidata ID: nothing to enrich")
    retrieved = dt.datetime.now(dt.UTC)
    bindings = ask(endpoint, enrichment_query(sorted(linked)), timeout)
    graph = to_graph(bindings, linked, iris, endpoint, retrieved)
    report = validate_graph(graph + authorities.to_graph(iris), settings=settings)
    if not report.conforms:
        raise EnrichError("the endpoint's answers do not pass validation; the cache was left as it was\n" + report.text)
    folder = cache_dir(settings)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "enrichment.ttl"
    tmp = folder / f".enrichment.{os.getpid()}.ttl"
    graph.serialize(tmp, format="turtle")
    meta = {"endpoint": endpoint, "retrieved": retrieved.isoformat(timespec="seconds"), "items": sorted(linked),
            "triples": len(graph)}
    (folder / f".meta.{os.getpid()}.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    os.replace(tmp, target)
    os.replace(folder / f".meta.{os.getpid()}.json", folder / "meta.json")
    return len(graph), target


def cached_graph(settings: Settings) -> Graph | None:
    """The cached answers of the last successful ``kg enrich`` (no network), or None."""
    path = cache_dir(settings) / "enrichment.ttl"
    if not path.is_file():
        return None
    return Graph().parse(path, format="turtle")
