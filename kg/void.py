"""The VoID and DCAT description of a version (``dumps/void.ttl``): the dataset's counts (by class, property and
graph) and each dump as a ``dcat:Distribution`` (its parts with their sizes and checksums).

Kept apart from :mod:`kg.publish`, which is on every page's path (its code is in the page fingerprint,
:func:`kg.build_workers.fingerprints`): a change here is no reason to map a page again.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import pyoxigraph as ox
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, VOID, XSD

from kg.iris import IRIs
from kg.namespaces import PREFIXES, SD
from kg.publish import DUMP_FILES, LICENSE_DATA, SPDX, DumpInfo


def void_triples(iris: IRIs, stats: dict, dumps: list[DumpInfo], *, created: dt.datetime,
                 build_id: str) -> list[ox.Triple]:
    """VoID + DCAT description of the dataset and its downloads, as pyoxigraph triples in one order (a subject's
    types first): the same bytes in every build. Its blank nodes (class and property partitions, checksums) are named
    by what they describe, not by a canonicalization (with a dump in parts the description has thousands of
    statements: an rdflib graph, canonicalized, took ~0.8 s of CPU at 100k pages)."""
    nn, lit = ox.NamedNode, ox.Literal
    rdf_type = nn(str(RDF.type))
    t: list[ox.Triple] = []

    def add(s: ox.NamedNode | ox.BlankNode, p: str, o: ox.NamedNode | ox.BlankNode | ox.Literal) -> None:
        t.append(ox.Triple(s, nn(p), o))

    def typed(value: object, datatype: str) -> ox.Literal:
        return lit(str(value), datatype=nn(datatype))

    def blank(kind: str, of: str) -> ox.BlankNode:
        return ox.BlankNode(kind + hashlib.sha256(of.encode("utf-8")).hexdigest()[:24])

    integer, nonneg = str(XSD.integer), str(XSD.nonNegativeInteger)
    base = iris.base
    ds = nn(base + "dataset")
    add(ds, RDF.type, nn(str(VOID.Dataset)))
    add(ds, RDF.type, nn(str(DCAT.Dataset)))
    add(ds, DCTERMS.title, lit("archive-kg: Cold War diplomatic correspondence", language="en"))
    add(ds, DCTERMS.description, lit(
        "Ciphered telegrams, cables, letters and other diplomatic documents of the Cold War, read from the pages of "
        "the Wilson Center Digital Archive and hand-curated records, as linked data: senders and recipients as written "
        "(with cover names), transmission headers, distribution lists, archival citations, mentioned persons and places.",
        language="en"))
    add(ds, DCTERMS.license, nn(str(LICENSE_DATA)))
    add(ds, DCTERMS.created, typed(created.isoformat(timespec="seconds"), str(XSD.dateTime)))
    add(ds, DCTERMS.identifier, lit(build_id))
    add(ds, DCTERMS.source, nn("https://digitalarchive.wilsoncenter.org/"))
    add(ds, FOAF.homepage, nn(base))
    add(ds, VOID.sparqlEndpoint, nn(base + "sparql"))
    add(ds, VOID.uriSpace, lit(base + "id/"))
    add(ds, VOID.vocabulary, nn(PREFIXES["akg"]))
    add(ds, VOID.triples, typed(stats["triples"], integer))
    add(ds, VOID.distinctSubjects, typed(stats["distinct_subjects"], integer))
    add(ds, VOID.entities, typed(stats["distinct_subjects"], integer))
    add(ds, VOID.classes, typed(len(stats["classes"]), integer))
    add(ds, VOID.properties, typed(len(stats["properties"]), integer))
    for cls, n in sorted(stats["classes"].items()):
        part = blank("class", cls)
        add(ds, VOID.classPartition, part)
        add(part, VOID["class"], nn(cls))
        add(part, VOID.entities, typed(n, integer))
    for prop, n in sorted(stats["properties"].items()):
        part = blank("property", prop)
        add(ds, VOID.propertyPartition, part)
        add(part, VOID.property, nn(prop))
        add(part, VOID.triples, typed(n, integer))
    for graph, n in sorted(stats["graphs"].items()):
        sub = nn(graph)
        add(ds, VOID.subset, sub)
        add(sub, RDF.type, nn(str(VOID.Dataset)))
        add(sub, RDF.type, nn(str(SD.NamedGraph)))
        add(sub, SD.name, sub)
        add(sub, VOID.triples, typed(n, integer))
    gzip_type = nn("https://www.iana.org/assignments/media-types/application/gzip")

    def checksum(dist: ox.NamedNode, sha256: str) -> None:
        if sha256:
            cs = blank("checksum", dist.value)
            add(dist, SPDX.checksum, cs)
            add(cs, RDF.type, nn(str(SPDX.Checksum)))
            add(cs, SPDX.algorithm, nn(str(SPDX.checksumAlgorithm_sha256)))
            add(cs, SPDX.checksumValue, typed(sha256, str(XSD.hexBinary)))

    for d in dumps:
        url = nn(f"{base}dumps/{d.name}")
        if d.name.startswith("dataset."):
            add(ds, VOID.dataDump, url)
        dist = nn(f"{base}dumps/{d.name}#distribution")
        add(ds, DCAT.distribution, dist)
        add(dist, RDF.type, nn(str(DCAT.Distribution)))
        add(dist, DCAT.downloadURL, url)
        add(dist, DCAT.mediaType, nn(f"https://www.iana.org/assignments/media-types/{d.media_type}"))
        add(dist, DCTERMS.format, lit(d.media_type))
        if d.name.endswith(".gz"):
            add(dist, DCAT.compressFormat, gzip_type)
        add(dist, DCAT.byteSize, typed(d.size, nonneg))
        add(dist, DCTERMS.title, lit(DUMP_FILES.get(d.name, ("", d.name))[1], language="en"))
        add(dist, DCTERMS.license, nn(str(LICENSE_DATA)))
        checksum(dist, d.sha256)
        for part in d.parts:  # the parts the download is the concatenation of, in order
            pdist = nn(f"{base}dumps/{part.name}#distribution")
            add(dist, DCTERMS.hasPart, pdist)
            add(pdist, RDF.type, nn(str(DCAT.Distribution)))
            add(pdist, DCAT.downloadURL, nn(f"{base}dumps/{part.name}"))
            add(pdist, DCAT.byteSize, typed(part.size, nonneg))
            add(pdist, DCTERMS.format, lit(d.media_type))
            checksum(pdist, part.sha256)
    t = list(dict.fromkeys(t))  # (a graph: each statement once)
    t.sort(key=lambda x: (str(x.subject), x.predicate != rdf_type, str(x.predicate), str(x.object)))
    return t


def tail_statistics(graphs: dict[str, list[str]]) -> dict:
    """What the N-Triples lines of ``graphs`` (by graph name: the statements no page owns) add to a version's
    counts: distinct statements, distinct subjects, entities by class, statements by property, and the statements
    of each graph. :func:`statistics` adds the pages' own counts; a derived version whose graphs are the previous
    one's takes the previous tail instead of going through their lines again."""
    rdf_type = f"<{RDF.type}>"
    distinct: set[str] = set()
    counts = {}
    properties: dict[str, int] = {}  # (by graph, as the store counts them: a statement in two graphs twice)
    for name, lines in graphs.items():
        own = set(lines)
        counts[name] = len(own)
        distinct.update(own)
        for line in own:
            p = line.split(" ", 2)[1]
            properties[p[1:-1]] = properties.get(p[1:-1], 0) + 1
    subjects: set[str] = set()
    classes: dict[str, int] = {}
    for line in distinct:
        s, p, rest = line.split(" ", 2)
        subjects.add(s)
        if p == rdf_type:
            c = rest.rsplit(" .", 1)[0].strip()
            if c.startswith("<"):
                classes[c[1:-1]] = classes.get(c[1:-1], 0) + 1
    return {"triples": len(distinct), "subjects": len(subjects), "classes": classes, "properties": properties,
            "graphs": counts}


def statistics(own: dict, tail: dict) -> dict:
    """The counts of a version (what :func:`kg.publish.dataset_statistics` counts in the store) from the pages' own
    statements (``own``: unique to each page, so nothing to deduplicate: ``graph``, ``triples``, ``subjects``,
    ``classes``, ``properties``) and the :func:`tail_statistics` of the other lines."""
    classes, properties = dict(own["classes"]), dict(own["properties"])
    for key, got in (("classes", classes), ("properties", properties)):
        for k, n in tail[key].items():
            got[k] = got.get(k, 0) + n
    graph_counts = {name: n + (own["triples"] if name == own["graph"] else 0) for name, n in tail["graphs"].items()}
    if own["graph"] not in graph_counts:
        graph_counts[own["graph"]] = own["triples"]
    return {"triples": own["triples"] + tail["triples"], "distinct_subjects": own["subjects"] + tail["subjects"],
            "classes": classes, "properties": properties, "graphs": {k: v for k, v in graph_counts.items() if v}}
