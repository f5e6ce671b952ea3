"""Exports for Wikidata workflows, from the published build.

* Mix'n'match catalog (TSV: ``id``, ``name``, ``description``, ``type``): every person, place, organization
  and archive, with our short identifier. ``type`` is a Wikidata class QID only where it is certain (Q5 human
  for persons, Q43229 organization for organizations and archives); places are left without one.
* QuickStatements (V1, tab-separated): adds our external identifier to each Wikidata item we link to with
  ``owl:sameAs`` (only verified links; the authority files hold no others). The Wikidata property for our
  identifier does not exist yet: until one is assigned the property is a placeholder (``P_ARCHIVE_KG``), and
  since QuickStatements rejects every statement with a property that is not a P-number, the export refuses to
  write any (:class:`PlaceholderProperty`, exit status 2) and says how to give the real one
  (``--property`` or ``KG_WIKIDATA_PROPERTY``). No P-number is invented. Each statement is checked as
  QuickStatements checks it (item ``Q…``, property ``P…``, a quoted string value without quotes, tabs or line
  breaks); a statement that fails is never written.
"""

from __future__ import annotations

import csv
import io
import os
import re

from kg.errors import BadInput
from kg.store import OxigraphStore

TYPE_QIDS = {"person": "Q5", "organization": "Q43229", "archive": "Q43229"}
DEFAULT_PROPERTY = "P_ARCHIVE_KG"  # a placeholder until Wikidata assigns a property to our identifiers
PROPERTY_RE = re.compile(r"^P[1-9][0-9]*$")
ITEM_RE = re.compile(r"^Q[1-9][0-9]*$")
VALUE_RE = re.compile(r'^[^"\t\r\n]{1,400}$')  # a QuickStatements string: no quote, tab or line break; at most 400


class PlaceholderProperty(BadInput):
    """The Wikidata property for our identifier is not a real P-number (yet): nothing a QuickStatements run
    would accept can be written."""

    def __init__(self, prop: str) -> None:
        super().__init__(
            f"the Wikidata property for archive-kg identifiers is a placeholder ({prop!r}) until Wikidata assigns "
            "one, and QuickStatements rejects every statement whose property is not a P-number: nothing written. "
            "Once the property exists, give it with --property P<number> or KG_WIKIDATA_PROPERTY.")
        self.prop = prop

ENTITIES_QUERY = """
PREFIX akg: <https://w3id.org/archive-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT ?e (SAMPLE(?l) AS ?label) (SAMPLE(?d) AS ?desc) (SAMPLE(?wd) AS ?qid) (SAMPLE(?rec) AS ?reconciled) WHERE {
  VALUES ?c { akg:Person akg:Place akg:Organization }
  ?e a ?c ; rdfs:label ?l .
  OPTIONAL { ?e dcterms:description ?d }
  OPTIONAL { ?e owl:sameAs ?wd FILTER(STRSTARTS(STR(?wd), "http://www.wikidata.org/entity/Q")) }
  OPTIONAL { ?e akg:reconciled ?rec }
} GROUP BY ?e ORDER BY ?e"""


def _rows(store: OxigraphStore, base: str) -> list[dict[str, str]]:
    prefix = base + "id/"
    rows = []
    for s in store.query(ENTITIES_QUERY):
        iri = s["e"].value
        if not iri.startswith(prefix):
            continue
        etype, _, key = iri[len(prefix):].partition("/")
        rows.append({"iri": iri, "type": etype, "key": key, "label": s["label"].value,
                     "description": s["desc"].value if s["desc"] is not None else "",
                     "qid": s["qid"].value.rsplit("/", 1)[1] if s["qid"] is not None else "",
                     "reconciled": s["reconciled"] is None or s["reconciled"].value == "true"})
    return rows


def mixnmatch(store: OxigraphStore, base: str) -> str:
    """The Mix'n'match catalog as TSV. The identifier column is ``<type>/<key>`` (formatter URL: base + ``id/$1``)."""
    out = io.StringIO()
    w = csv.writer(out, delimiter="\t", lineterminator="\n")
    w.writerow(["id", "name", "description", "type"])
    for r in _rows(store, base):
        if not r["reconciled"]:
            continue  # names with no authority entry are not catalogued until a curator reviews them
        desc = " ".join(r["description"].split())
        w.writerow([f"{r['type']}/{r['key']}", r["label"], desc, TYPE_QIDS.get(r["type"], "")])
    return out.getvalue()


def quickstatements(store: OxigraphStore, base: str, prop: str | None = None) -> str:
    """QuickStatements V1 commands adding our identifier to the Wikidata items we link to (verified links only).
    Raises :class:`PlaceholderProperty` while the property is a placeholder; never writes a statement
    QuickStatements would reject."""
    prop = (prop or os.environ.get("KG_WIKIDATA_PROPERTY") or DEFAULT_PROPERTY).strip()
    if not PROPERTY_RE.match(prop):
        raise PlaceholderProperty(prop)
    lines = []
    for r in _rows(store, base):
        value = f"{r['type']}/{r['key']}"
        if r["qid"] and r["reconciled"] and ITEM_RE.match(r["qid"]) and VALUE_RE.match(value):
            lines.append(f'{r["qid"]}\t{prop}\t"{value}"')
    return "\n".join(lines) + ("\n" if lines else "")
