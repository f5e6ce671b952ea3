"""Name matching for the Reconciliation Service API (what OpenRefine speaks), over a published build.

The index holds every name of every person, place, organization and document: preferred labels, variant
spellings in every script, misspellings seen in sources, cover names (aliases) and document titles. Names are
compared by :func:`kg.authorities.match_key` (case, diacritics, quotes, hyphens and spaces folded), so
"FENG XI", "Feng Xi" and "Feng-Xi" are one key. Scores (0-100) explain themselves: each result says which
name matched and how (exact, cover name, variant, misspelling, similar).
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass, field

from kg.authorities import match_key, tokens
from kg.namespaces import AKG

TYPES: dict[str, tuple[str, str]] = {
    # type id: (class IRI, name)
    "person": (str(AKG.Person), "Person"),
    "place": (str(AKG.Place), "Place"),
    "organization": (str(AKG.Organization), "Organization"),
    "document": (str(AKG.Document), "Document"),
}
KIND_WEIGHT = {"label": 1.0, "title": 1.0, "variant": 1.0, "cover name": 1.0, "nickname": 1.0, "misspelling": 0.95}

INDEX_QUERY = """
PREFIX akg: <https://w3id.org/archive-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT DISTINCT ?e ?type ?name ?kind WHERE {
  VALUES ?type { akg:Person akg:Place akg:Organization akg:Document }
  ?e a ?type .
  { ?e rdfs:label ?name BIND("label" AS ?kind) }
  UNION { ?e skos:altLabel ?name BIND("variant" AS ?kind) }
  UNION { ?e skos:hiddenLabel ?name BIND("misspelling" AS ?kind) }
  UNION { ?e akg:hasAlias ?al . ?al rdfs:label|skos:altLabel ?name .
          BIND(IF(EXISTS { ?al a akg:Nickname }, "nickname", "cover name") AS ?kind) }
  UNION { ?e dcterms:title ?name BIND("title" AS ?kind) }
}"""

DETAILS_QUERY = """
PREFIX akg: <https://w3id.org/archive-kg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT ?e (SAMPLE(?d) AS ?desc) (SAMPLE(?date) AS ?when) (SAMPLE(?wd) AS ?qid) (SAMPLE(?rec) AS ?reconciled)
       (GROUP_CONCAT(DISTINCT STR(?y); separator=" ") AS ?years) WHERE {
  VALUES ?type { akg:Person akg:Place akg:Organization akg:Document }
  ?e a ?type .
  OPTIONAL { ?e dcterms:description ?d }
  OPTIONAL { ?e dcterms:date ?date }
  OPTIONAL { ?e owl:sameAs ?wd }
  OPTIONAL { ?e akg:reconciled ?rec }
  OPTIONAL { ?e akg:role/(akg:start|akg:end) ?y }
} GROUP BY ?e"""


@dataclass
class Entry:
    iri: str
    id: str  # short identifier: "person/joseph-stalin"
    types: set[str] = field(default_factory=set)
    names: list[tuple[str, str, str]] = field(default_factory=list)  # (name, kind, key)
    label: str = ""
    description: str | None = None
    date: str | None = None
    wikidata: str | None = None
    reconciled: bool = True
    years: set[int] = field(default_factory=set)


@dataclass
class Candidate:
    entry: Entry
    score: float
    matched: str
    how: str  # exact | cover name | variant | misspelling | similar | title
    exact: bool
    similarity: float
    property_boost: float = 0.0

    def describe(self) -> str:
        base = self.entry.description or (f"document of {self.entry.date}" if self.entry.date else None)
        if not self.entry.reconciled:
            base = "name as written in the documents, not yet identified with an authority record"
        why = f"matched \u201c{self.matched}\u201d ({self.how}, similarity {self.similarity:.2f})"
        return f"{base.rstrip('.')}; {why}" if base else why


def _fold_tokens(text: str) -> list[str]:
    return [match_key(t) for t in tokens(text) if match_key(t)]


class ReconIndex:
    def __init__(self, base_iri: str, rows: list[tuple[str, str, str, str]], details: list[tuple]) -> None:
        self.base = base_iri
        self.entries: dict[str, Entry] = {}
        self.by_key: dict[str, set[str]] = defaultdict(set)
        self.by_token: dict[str, set[str]] = defaultdict(set)
        type_of = {iri: tid for tid, (iri, _) in TYPES.items()}
        for iri, type_iri, name, kind in rows:
            if not iri.startswith(base_iri + "id/"):
                continue
            e = self.entries.get(iri)
            if e is None:
                e = self.entries[iri] = Entry(iri=iri, id=iri[len(base_iri + "id/"):])
            e.types.add(type_of[type_iri])
            key = match_key(name)
            if not key:
                continue
            if kind in ("label", "title") and not e.label:
                e.label = name
            e.names.append((name, kind, key))
            self.by_key[key].add(iri)
            for tok in _fold_tokens(name):
                self.by_token[tok].add(iri)
        for iri, desc, date, qid, rec, years in details:
            e = self.entries.get(iri)
            if e is None:
                continue
            e.description, e.date = desc, date
            e.wikidata = qid.rsplit("/", 1)[-1] if qid else None
            e.reconciled = rec != "false"
            e.years = {int(y[:4]) for y in (years or "").split() if re.match(r"^-?\d{4}", y)}
        for e in self.entries.values():
            if not e.label and e.names:
                e.label = e.names[0][0]

    @classmethod
    def from_store(cls, store, base_iri: str) -> ReconIndex:
        def val(term):
            return None if term is None else term.value

        rows = [(s["e"].value, s["type"].value, s["name"].value, s["kind"].value) for s in store.query(INDEX_QUERY)]
        details = [(s["e"].value, val(s["desc"]), val(s["when"]), val(s["qid"]), val(s["reconciled"]), val(s["years"]))
                   for s in store.query(DETAILS_QUERY)]
        return cls(base_iri, rows, details)

    def get(self, entity_id: str) -> Entry | None:
        return self.entries.get(self.base + "id/" + entity_id)

    def candidates(self, query: str, type_id: str | None = None, properties: list[dict] | None = None,
                   limit: int = 10) -> list[Candidate]:
        key = match_key(query)[:200]  # names, not texts: similarity is quadratic in length
        if not key:
            return []
        toks = _fold_tokens(query)[:20]
        pool = set(self.by_key.get(key, ()))
        for t in toks:
            pool |= self.by_token.get(t, set())
        out = []
        for iri in pool:
            e = self.entries[iri]
            if type_id and type_id not in e.types:
                continue
            best: Candidate | None = None
            for name, kind, nkey in e.names:
                if nkey == key:
                    how = {"label": "exact", "title": "exact"}.get(kind, kind)
                    c = Candidate(e, 100.0 * KIND_WEIGHT.get(kind, 1.0), name, how, True, 1.0)
                else:
                    sim = difflib.SequenceMatcher(None, key, nkey).ratio()
                    ntoks = set(_fold_tokens(name))
                    overlap = len(ntoks & set(toks)) / max(len(ntoks | set(toks)), 1)
                    s = max(sim, overlap)
                    c = Candidate(e, round(100.0 * s * 0.9 * KIND_WEIGHT.get(kind, 1.0), 1), name,
                                  "similar" if kind in ("label", "title") else f"similar {kind}", False, round(s, 3))
                if best is None or c.score > best.score:
                    best = c
            if best is None:
                continue
            self._apply_properties(best, properties or [])
            out.append(best)
        out.sort(key=lambda c: (-c.score, c.entry.label))
        return out[:limit]

    @staticmethod
    def _apply_properties(c: Candidate, properties: list[dict]) -> None:
        """Property constraints: ``wikidata`` (a QID), ``date`` (a document's date or year), ``year`` (a year in
        which the person held a role). A match adds to the score, a contradiction takes from it."""
        for prop in properties:
            pid = str(prop.get("pid", "")).lower()
            values = prop.get("v")
            values = values if isinstance(values, list) else [values]
            values = [str(v.get("id", "")) if isinstance(v, dict) else str(v) for v in values[:50] if v is not None]
            if any(len(v) > 64 for v in values):
                raise ValueError("property values are at most 64 characters")
            if not values:
                continue
            e = c.entry
            if pid == "wikidata":
                hit = e.wikidata is not None and e.wikidata in values
                miss = e.wikidata is not None and not hit
            elif pid == "date":
                hit = e.date is not None and any(e.date.startswith(v.strip()) for v in values)
                miss = e.date is not None and not hit
            elif pid == "year":
                years = {int(v.strip()) for v in values if v.strip().lstrip("-").isdigit() and len(v.strip()) <= 6}
                hit = bool(e.years) and bool(years) and min(e.years) - 1 <= max(years) and min(years) <= max(e.years) + 1
                miss = bool(e.years) and bool(years) and not hit
            else:
                continue
            if hit:
                c.property_boost += 10
            elif miss:
                c.property_boost -= 30
        c.score = max(0.0, min(100.0, c.score + c.property_boost))

    def suggest(self, prefix: str, type_id: str | None = None, limit: int = 10) -> list[tuple[Entry, str]]:
        key = match_key(prefix)
        if not key:
            return []
        hits: dict[str, tuple[int, str]] = {}
        for iri, e in self.entries.items():
            if type_id and type_id not in e.types:
                continue
            for name, _, nkey in e.names:
                rank = 0 if nkey.startswith(key) else (1 if any(t.startswith(key) for t in _fold_tokens(name)) else -1)
                if rank >= 0 and (iri not in hits or rank < hits[iri][0]):
                    hits[iri] = (rank, name)
        ordered = sorted(hits.items(), key=lambda kv: (kv[1][0], self.entries[kv[0]].label))
        return [(self.entries[iri], name) for iri, (_, name) in ordered[:limit]]
