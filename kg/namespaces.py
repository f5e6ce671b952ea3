"""RDF namespaces used across the pipeline and the server (rdflib ``Namespace`` objects)."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SDO, SKOS, VOID, XSD

from kg.config import ONTOLOGY_NS

AKG = Namespace(ONTOLOGY_NS)
RICO = Namespace("https://www.ica.org/standards/RiC/ontology#")
CRM = Namespace("http://www.cidoc-crm.org/cidoc-crm/")
SCHEMA = SDO  # http://schema.org/ (http, as schema.org's own RDF and rdflib use)
WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")
SH = Namespace("http://www.w3.org/ns/shacl#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
OA = Namespace("http://www.w3.org/ns/oa#")

PREFIXES: dict[str, str] = {
    "akg": str(AKG),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "dcterms": str(DCTERMS),
    "skos": str(SKOS),
    "prov": str(PROV),
    "schema": str(SCHEMA),
    "foaf": str(FOAF),
    "rico": str(RICO),
    "crm": str(CRM),
    "void": str(VOID),
    "dcat": str(DCAT),
    "wd": str(WD),
    "wdt": str(WDT),
    "sh": str(SH),
    "oa": str(OA),
}

__all__ = [
    "AKG", "RICO", "CRM", "SCHEMA", "WD", "WDT", "SH", "SD", "OA", "PREFIXES",
    "DCAT", "DCTERMS", "FOAF", "OWL", "PROV", "RDF", "RDFS", "SKOS", "VOID", "XSD",
]
