"""The authority entries as RDF: the named graph ``graph/authorities``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

from kg.authorities.model import Source
from kg.iris import slug
from kg.namespaces import AKG, SCHEMA, WD

if TYPE_CHECKING:
    from kg.authorities.resolution import Authorities
    from kg.iris import IRIs


ALIAS_CLASSES = {"cover name": AKG.CoverName, "nickname": AKG.Nickname}


def _lit(text: str, lang: str | None) -> Literal:
    return Literal(text, lang=lang) if lang else Literal(text)


def _add_sources(g: Graph, s: URIRef, sources: list[Source]) -> None:
    """Public sources: ``dcterms:source`` the page or item a reader can open, described by its Record ID and
    title; a published reference without an address as ``dcterms:bibliographicCitation``."""
    for src in sources:
        if src.url:
            page = URIRef(src.url)
            g.add((s, DCTERMS.source, page))
            if src.record_id:
                g.add((page, DCTERMS.identifier, Literal(src.record_id)))
            if src.title:
                g.add((page, DCTERMS.title, Literal(src.title, lang="en")))
        if src.citation:
            g.add((s, DCTERMS.bibliographicCitation, Literal(src.citation, lang="en")))


def authorities_graph(auth: Authorities, iris: IRIs) -> Graph:
    """The entries' public fields as RDF; curators' notes and how a QID was verified are never mapped."""
    g = Graph()
    for prefix, ns in (("akg", AKG), ("skos", SKOS), ("dcterms", DCTERMS), ("owl", OWL), ("schema", SCHEMA),
                       ("wd", WD)):
        g.bind(prefix, ns)
    classes = {
        "person": (AKG.Person, AKG.Agent),
        "organization": (AKG.Organization, AKG.Agent),
        "archive": (AKG.Archive, AKG.Organization, AKG.Agent),
        "place": (AKG.Place,),
        "office": (AKG.Office, AKG.Agent),
    }
    for e in auth.entities():
        s = iris.entity(e.etype, e.key)
        for c in classes[e.etype]:
            g.add((s, RDF.type, c))
        g.add((s, RDFS.label, Literal(e.label, lang="en")))
        g.add((s, SKOS.prefLabel, Literal(e.label, lang="en")))
        g.add((s, DCTERMS.identifier, Literal(e.key)))
        g.add((s, AKG.reconciled, Literal(True)))
        if e.description:
            g.add((s, DCTERMS.description, Literal(e.description, lang="en")))
        _add_sources(g, s, e.sources)
        seen: set[tuple[str, str | None]] = {(e.label, "en")}
        derived: list[str] = []
        for v in e.variants:
            if v.confidence == "low" or (v.text, v.lang) in seen:
                continue  # a doubtful form stays in the curators' file; it is not published as a name
            seen.add((v.text, v.lang))
            g.add((s, SKOS.altLabel, _lit(v.text, v.lang)))
            if v.derived:
                derived.append(v.text)
        if derived:
            g.add((s, SKOS.editorialNote, Literal(
                "Forms written from general knowledge of the language, not seen in a source: " + "; ".join(derived),
                lang="en")))
        for m in e.misspellings:
            g.add((s, SKOS.hiddenLabel, _lit(m.text, m.lang)))
        for note in e.notes:
            g.add((s, SKOS.note, Literal(note, lang="en")))
        if e.wikidata:
            item = URIRef(f"https://www.wikidata.org/wiki/{e.wikidata}")
            g.add((s, OWL.sameAs, WD[e.wikidata]))
            g.add((s, SCHEMA.sameAs, item))
            if e.wikidata_retrieved:
                g.add((s, SKOS.editorialNote, Literal(
                    f"Identified with Wikidata item {e.wikidata} ({item}), checked on {e.wikidata_retrieved}.",
                    lang="en")))
        for a in e.aliases:
            ai = iris.alias(e.key, a.label)
            g.add((ai, RDF.type, AKG.Alias))
            g.add((ai, RDF.type, ALIAS_CLASSES[a.kind]))
            g.add((ai, RDFS.label, _lit(a.label, a.lang)))
            for x in a.forms:
                if x.confidence != "low":
                    g.add((ai, SKOS.altLabel, _lit(x.text, x.lang)))
            g.add((ai, AKG.aliasOf, s))
            g.add((s, AKG.hasAlias, ai))
            _add_sources(g, ai, a.sources)
        for r in e.roles:
            rn = URIRef(f"{s}/role/{slug(r.title)}" + (f"-{r.start}" if r.start else ""))
            g.add((s, AKG.role, rn))
            g.add((rn, RDF.type, AKG.RoleHolding))
            g.add((rn, RDFS.label, Literal(r.title, lang="en")))
            _add_date(g, rn, AKG.start, r.start)
            _add_date(g, rn, AKG.end, r.end)
            if r.organization:
                org = auth.find_org(r.organization)
                if org is not None:
                    g.add((rn, AKG.inOrganization, iris.entity(org.etype, org.key)))
        for t in e.holders:
            tn = URIRef(f"{s}/term/{t.person}" + (f"-{t.start}" if t.start else ""))
            g.add((s, AKG.officeHeldBy, tn))
            g.add((tn, RDF.type, AKG.OfficeTerm))
            g.add((tn, AKG.holder, iris.person(t.person)))
            holder = auth.get("person", t.person)
            span = "\u2013".join(x or "?" for x in (t.start, t.end)) if (t.start or t.end) else ""
            g.add((tn, RDFS.label, Literal(f"{holder.label if holder else t.person}, {e.label}"
                                           + (f", {span}" if span else ""), lang="en")))
            _add_date(g, tn, AKG.start, t.start)
            _add_date(g, tn, AKG.end, t.end)
        if e.part_of:
            target = auth.part_of_target(e)
            if target is not None:
                g.add((s, AKG.partOf, iris.entity(target.etype, target.key)))
    for m in auth.merges():  # one person under several unreconciled names (kg.authorities.merge)
        s = iris.entity("person", m.key)
        g.add((s, RDF.type, AKG.Person))
        g.add((s, RDF.type, AKG.Agent))
        g.add((s, RDFS.label, Literal(m.label)))
        g.add((s, DCTERMS.identifier, Literal(m.key)))
        g.add((s, AKG.reconciled, Literal(False)))
        g.add((s, AKG.mergeNote, Literal(m.note, lang="en")))
        for label in sorted(set(m.members.values())):
            g.add((s, AKG.mergedName, Literal(label)))
            if label != m.label:
                g.add((s, SKOS.altLabel, Literal(label)))
    for r in auth.replaced():  # a published IRI whose person now stands under another (kg.authorities.stable_iris)
        old, new = iris.entity("person", r.old), iris.entity("person", r.new)
        g.add((old, DCTERMS.isReplacedBy, new))
        g.add((old, OWL.sameAs, new))
        g.add((old, OWL.deprecated, Literal(True)))
        g.add((old, DCTERMS.modified, Literal(r.date, datatype=XSD.date)))
        g.add((old, SKOS.changeNote, Literal(
            f"merged into person/{r.new} on {r.date}: the same person, published before under the names "
            + "; ".join(r.names), lang="en")))
        g.add((old, RDFS.label, Literal(f"{r.old} (merged into {r.new})")))
    return g


def _add_date(g: Graph, s: Any, p: URIRef, value: str | None) -> None:
    if value is None:
        return
    dtype = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}[len(value)]
    g.add((s, p, Literal(value, datatype=dtype)))


