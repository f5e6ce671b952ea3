"""The example queries: five questions a historian asks of the collection, and a few overviews. The landing page
lists them (each runs with one click), the workbench has them one click away, and the README shows their answers.
Queries name the default base IRI; ``for_base()`` rewrites them for a server configured with another one.
"""

from __future__ import annotations

from kg.config import DEFAULT_BASE_IRI, ONTOLOGY_NS
from kg.namespaces import PREFIXES

AKG = ONTOLOGY_NS
P = PREFIXES
BASE = DEFAULT_BASE_IRI

HISTORIAN_QUESTIONS: list[tuple[str, str]] = [
    ("Which documents are under the cover name “Feng Xi”, and whom does it stand for?", f"""PREFIX akg: <{AKG}>
PREFIX rdfs: <{P['rdfs']}>
PREFIX skos: <{P['skos']}>
PREFIX dcterms: <{P['dcterms']}>
SELECT DISTINCT ?date ?doc ?person WHERE {{
  ?alias a akg:Alias ; rdfs:label|skos:altLabel ?name ; akg:aliasOf ?person ; akg:attestedIn ?doc .
  FILTER(STR(?name) = "Feng Xi")
  ?doc dcterms:date ?date .
}} ORDER BY ?date"""),
    ("Who got copies of telegram no. 1298/sh, and how many?", f"""PREFIX akg: <{AKG}>
PREFIX rdfs: <{P['rdfs']}>
PREFIX skos: <{P['skos']}>
PREFIX dcterms: <{P['dcterms']}>
SELECT ?recipient ?copies ?asWritten WHERE {{
  ?doc akg:telegramNumber "1298/sh" ; akg:distribution ?entry .
  ?entry akg:distributedTo ?recipient ; rdfs:label ?asWritten .
  OPTIONAL {{ ?entry akg:copies ?copies }}
}} ORDER BY DESC(?copies) ?asWritten"""),
    ("Which documents mention Chemulpo, under any of its names?", f"""PREFIX akg: <{AKG}>
PREFIX rdfs: <{P['rdfs']}>
PREFIX skos: <{P['skos']}>
PREFIX dcterms: <{P['dcterms']}>
SELECT DISTINCT ?place ?date ?doc WHERE {{
  ?place a akg:Place ; rdfs:label|skos:altLabel|skos:hiddenLabel ?name .
  FILTER(LCASE(STR(?name)) = "chemulpo")
  ?doc akg:mentionsPlace ?place ; dcterms:date ?date .
}} ORDER BY ?date"""),
    ("What does fond 3 of the Presidential Archive hold?", f"""PREFIX akg: <{AKG}>
PREFIX rdfs: <{P['rdfs']}>
PREFIX skos: <{P['skos']}>
PREFIX dcterms: <{P['dcterms']}>
SELECT ?doc ?opis ?delo ?folios WHERE {{
  ?doc akg:archivalReference ?ref .
  ?ref akg:repository <{BASE}id/archive/aprf> ; akg:fond "3" .
  OPTIONAL {{ ?ref akg:opis ?opis }} OPTIONAL {{ ?ref akg:delo ?delo }} OPTIONAL {{ ?ref akg:folios ?folios }}
}} ORDER BY ?opis ?delo"""),
    ("Who were Stalin's correspondents?", f"""PREFIX akg: <{AKG}>
PREFIX rdfs: <{P['rdfs']}>
PREFIX skos: <{P['skos']}>
PREFIX dcterms: <{P['dcterms']}>
SELECT ?correspondent ?direction (COUNT(DISTINCT ?doc) AS ?documents) WHERE {{
  VALUES ?me {{ <{BASE}id/person/joseph-stalin> }}
  {{ ?doc akg:recipient|akg:recipientAlias/akg:aliasOf ?me ; akg:sender|akg:senderAlias/akg:aliasOf ?correspondent
     BIND("wrote to him" AS ?direction) }}
  UNION
  {{ ?doc akg:sender|akg:senderAlias/akg:aliasOf ?me ; akg:recipient|akg:recipientAlias/akg:aliasOf ?correspondent
     BIND("he wrote to" AS ?direction) }}
}} GROUP BY ?correspondent ?direction ORDER BY DESC(?documents)"""),
]

OVERVIEWS: list[tuple[str, str]] = [
    ("Documents with their date and title, oldest first", f"""PREFIX akg: <{AKG}>
PREFIX dcterms: <{P['dcterms']}>
SELECT ?doc ?date ?title WHERE {{
  ?doc a akg:Document ; dcterms:title ?title .
  OPTIONAL {{ ?doc dcterms:date ?date }}
}} ORDER BY ?date LIMIT 100"""),
    ("Cover names, whom they stand for, and in how many documents", f"""PREFIX akg: <{AKG}>
PREFIX rdfs: <{P['rdfs']}>
SELECT ?name ?person (COUNT(DISTINCT ?document) AS ?documents) WHERE {{
  ?alias a akg:CoverName ; rdfs:label ?name ; akg:aliasOf ?person .
  OPTIONAL {{ ?alias akg:attestedIn ?document }}
}} GROUP BY ?name ?person ORDER BY ?name LIMIT 200"""),
    ("Documents per sender", f"""PREFIX akg: <{AKG}>
PREFIX rdfs: <{P['rdfs']}>
SELECT ?sender (SAMPLE(?label) AS ?name) (COUNT(DISTINCT ?doc) AS ?documents) WHERE {{
  ?doc akg:sender ?sender .
  OPTIONAL {{ ?sender rdfs:label ?label }}
}} GROUP BY ?sender ORDER BY DESC(?documents) LIMIT 50"""),
    ("Persons mentioned in documents of September 1950", f"""PREFIX akg: <{AKG}>
PREFIX dcterms: <{P['dcterms']}>
PREFIX xsd: <{P['xsd']}>
SELECT DISTINCT ?person ?doc ?date WHERE {{
  ?doc akg:mentionsPerson ?person ; dcterms:date ?date .
  FILTER(?date >= "1950-09-01"^^xsd:date && ?date <= "1950-09-30"^^xsd:date)
}} ORDER BY ?date LIMIT 200"""),
    ("Entities per class", """SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class }
GROUP BY ?class ORDER BY DESC(?n)"""),
]

#: the documents first (a table of titles), then the historians' questions, then the overviews
EXAMPLE_QUERIES: list[tuple[str, str]] = [OVERVIEWS[0], *HISTORIAN_QUESTIONS, *OVERVIEWS[1:]]


def for_base(base: str) -> list[tuple[str, str]]:
    return [(title, q.replace(BASE + "id/", base + "id/")) for title, q in EXAMPLE_QUERIES]
