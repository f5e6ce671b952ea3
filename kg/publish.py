"""Dumps and the description of a build: Turtle, N-Triples (gzip), N-Quads (gzip), JSON-LD, VoID/DCAT, checksums.

Dumps are written from the store, streamed to disk. ``SHA256SUMS`` lists every file of ``dumps/`` but itself;
``void.ttl`` describes the dataset (counts per class and property, named graphs) and each dump as a
``dcat:Distribution`` with its size, media type and checksum (it cannot list its own checksum).
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, VOID, XSD

from kg.dump_parts import PARTS_DIR, read_listing, sha256_file
from kg.iris import IRIs
from kg.namespaces import PREFIXES, SD
from kg.store import OxigraphStore

SPDX = Namespace("http://spdx.org/rdf/terms#")
# of each page's gzip member in the .gz dumps: measured on 300 synthetic pages (47 KB of N-Triples each), level 6
# took 0.35 ms a page and made 3,126 bytes, level 3 0.12 ms and 3,620 bytes (+16 %), level 1 0.14 ms / 3,748;
# two members a page (N-Triples, N-Quads): level 3 saves ~0.45 ms of the ~12 ms a page costs in all
GZIP_LEVEL = 3
LICENSE_DATA = URIRef("https://creativecommons.org/licenses/by/4.0/")

DUMP_FILES: dict[str, tuple[str, str]] = {
    # file name: (media type, description)
    "dataset.ttl": ("text/turtle", "The whole collection (union of all graphs) in Turtle"),
    "dataset.nt.gz": ("application/n-triples", "The whole collection (union of all graphs) in N-Triples, gzip-compressed"),
    "dataset.nq.gz": ("application/n-quads", "The whole collection with its named graphs in N-Quads, gzip-compressed"),
    "dataset.jsonld": ("application/ld+json", "The whole collection with its named graphs in JSON-LD"),
    "void.ttl": ("text/turtle", "VoID and DCAT description of the dataset and its dumps"),
    "validation-report.ttl": ("text/turtle", "The SHACL validation report of this build"),
    "validation-report.txt": ("text/plain", "The SHACL validation report of this build, readable"),
    "unreconciled.tsv": ("text/tab-separated-values", "Names in the documents with no authority entry, for curators"),
}


@dataclass
class DumpInfo:
    name: str
    size: int
    sha256: str  # "" for a dump published in parts (each part has its own)
    media_type: str
    parts: list[DumpInfo] = field(default_factory=list)


def _union_triples(store: OxigraphStore) -> ox.QueryTriples:
    return store.raw.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")  # type: ignore[return-value]


def write_data_dumps(store: OxigraphStore, dumps: Path) -> None:
    """dataset.ttl, dataset.nt.gz, dataset.nq.gz, dataset.jsonld, streamed from the store."""
    dumps.mkdir(parents=True, exist_ok=True)
    with (dumps / "dataset.ttl").open("wb") as f:
        ox.serialize(_union_triples(store), f, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    with gzip.open(dumps / "dataset.nt.gz", "wb", compresslevel=6) as f:
        ox.serialize(_union_triples(store), f, format=ox.RdfFormat.N_TRIPLES)
    with gzip.open(dumps / "dataset.nq.gz", "wb", compresslevel=6) as f:
        store.raw.dump(f, format=ox.RdfFormat.N_QUADS)
    with (dumps / "dataset.jsonld").open("wb") as f:
        store.raw.dump(f, format=ox.RdfFormat.JSON_LD)


def _count(store: OxigraphStore, query: str) -> list[ox.QuerySolution]:
    return list(store.raw.query(query))  # type: ignore[arg-type]


def dataset_statistics(store: OxigraphStore) -> dict:
    """Counts for VoID and build.json: triples, distinct subjects, entities per class, triples per property."""
    total = int(_count(store, "SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?s ?p ?o { GRAPH ?g { ?s ?p ?o } } }")[0]["n"].value)
    subjects = int(_count(store, "SELECT (COUNT(DISTINCT ?s) AS ?n) { GRAPH ?g { ?s ?p ?o } }")[0]["n"].value)
    classes = {
        row["c"].value: int(row["n"].value)
        for row in _count(store, "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) { GRAPH ?g { ?s a ?c } } GROUP BY ?c")
    }
    properties = {
        row["p"].value: int(row["n"].value)
        for row in _count(store, "SELECT ?p (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?p")
    }
    graphs = {
        row["g"].value: int(row["n"].value)
        for row in _count(store, "SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    }
    return {"triples": total, "distinct_subjects": subjects, "classes": classes, "properties": properties, "graphs": graphs}


def void_graph(iris: IRIs, stats: dict, dumps: list[DumpInfo], *, created: dt.datetime, build_id: str) -> Graph:
    """VoID + DCAT description of the dataset and its downloads."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    g.bind("spdx", SPDX)
    base = iris.base
    ds = URIRef(base + "dataset")
    g.add((ds, RDF.type, VOID.Dataset))
    g.add((ds, RDF.type, DCAT.Dataset))
    g.add((ds, DCTERMS.title, Literal("archive-kg: Cold War diplomatic correspondence", lang="en")))
    g.add((ds, DCTERMS.description, Literal(
        "Ciphered telegrams, cables, letters and other diplomatic documents of the Cold War, read from the pages of "
        "the Wilson Center Digital Archive and hand-curated records, as linked data: senders and recipients as written "
        "(with cover names), transmission headers, distribution lists, archival citations, mentioned persons and places.",
        lang="en")))
    g.add((ds, DCTERMS.license, LICENSE_DATA))
    g.add((ds, DCTERMS.created, Literal(created.isoformat(timespec="seconds"), datatype=XSD.dateTime)))
    g.add((ds, DCTERMS.identifier, Literal(build_id)))
    g.add((ds, DCTERMS.source, URIRef("https://digitalarchive.wilsoncenter.org/")))
    g.add((ds, FOAF.homepage, URIRef(base)))
    g.add((ds, VOID.sparqlEndpoint, URIRef(base + "sparql")))
    g.add((ds, VOID.uriSpace, Literal(base + "id/")))
    g.add((ds, VOID.vocabulary, URIRef(PREFIXES["akg"])))
    g.add((ds, VOID.triples, Literal(stats["triples"], datatype=XSD.integer)))
    g.add((ds, VOID.distinctSubjects, Literal(stats["distinct_subjects"], datatype=XSD.integer)))
    g.add((ds, VOID.entities, Literal(stats["distinct_subjects"], datatype=XSD.integer)))
    g.add((ds, VOID.classes, Literal(len(stats["classes"]), datatype=XSD.integer)))
    g.add((ds, VOID.properties, Literal(len(stats["properties"]), datatype=XSD.integer)))
    for cls, n in sorted(stats["classes"].items()):
        part = BNode()
        g.add((ds, VOID.classPartition, part))
        g.add((part, VOID["class"], URIRef(cls)))
        g.add((part, VOID.entities, Literal(n, datatype=XSD.integer)))
    for prop, n in sorted(stats["properties"].items()):
        part = BNode()
        g.add((ds, VOID.propertyPartition, part))
        g.add((part, VOID.property, URIRef(prop)))
        g.add((part, VOID.triples, Literal(n, datatype=XSD.integer)))
    for graph, n in sorted(stats["graphs"].items()):
        sub = URIRef(graph)
        g.add((ds, VOID.subset, sub))
        g.add((sub, RDF.type, VOID.Dataset))
        g.add((sub, RDF.type, SD.NamedGraph))
        g.add((sub, SD.name, sub))
        g.add((sub, VOID.triples, Literal(n, datatype=XSD.integer)))
    for d in dumps:
        url = URIRef(f"{base}dumps/{d.name}")
        if d.name.startswith("dataset."):
            g.add((ds, VOID.dataDump, url))
        dist = URIRef(f"{base}dumps/{d.name}#distribution")
        g.add((ds, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCAT.downloadURL, url))
        g.add((dist, DCAT.mediaType, URIRef(f"https://www.iana.org/assignments/media-types/{d.media_type}")))
        g.add((dist, DCTERMS.format, Literal(d.media_type)))
        if d.name.endswith(".gz"):
            g.add((dist, DCAT.compressFormat, URIRef("https://www.iana.org/assignments/media-types/application/gzip")))
        g.add((dist, DCAT.byteSize, Literal(d.size, datatype=XSD.nonNegativeInteger)))
        g.add((dist, DCTERMS.title, Literal(DUMP_FILES.get(d.name, ("", d.name))[1], lang="en")))
        g.add((dist, DCTERMS.license, LICENSE_DATA))
        _checksum(g, dist, d.sha256)
        for part in d.parts:  # the parts the download is the concatenation of, in order
            pdist = URIRef(f"{base}dumps/{part.name}#distribution")
            g.add((dist, DCTERMS.hasPart, pdist))
            g.add((pdist, RDF.type, DCAT.Distribution))
            g.add((pdist, DCAT.downloadURL, URIRef(f"{base}dumps/{part.name}")))
            g.add((pdist, DCAT.byteSize, Literal(part.size, datatype=XSD.nonNegativeInteger)))
            g.add((pdist, DCTERMS.format, Literal(d.media_type)))
            _checksum(g, pdist, part.sha256)
    return g


def _checksum(g: Graph, dist: URIRef, sha256: str) -> None:
    if sha256:
        cs = BNode()
        g.add((dist, SPDX.checksum, cs))
        g.add((cs, RDF.type, SPDX.Checksum))
        g.add((cs, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
        g.add((cs, SPDX.checksumValue, Literal(sha256, datatype=XSD.hexBinary)))


def describe_dumps(dumps: Path, names: list[str]) -> list[DumpInfo]:
    """Name, size, SHA-256 and media type of each file; a dump published in parts (``kg.dump_parts``) has its
    total size and its parts, each with its own checksum (hashing the whole would read every byte of it)."""
    out = []
    listing = read_listing(dumps)
    for name in names:
        p = dumps / name
        media = DUMP_FILES.get(name, ("application/octet-stream", ""))[0]
        if p.is_file():
            out.append(DumpInfo(name, p.stat().st_size, sha256_file(p), media))
        elif listing is not None and name in listing["dumps"]:
            from kg.dump_parts import dump_size

            parts = [DumpInfo(f"{PARTS_DIR}/{e['file']}", e["size"], e["sha256"], media) for e in listing["dumps"][name]]
            out.append(DumpInfo(name, dump_size(dumps, name), "", media, parts))
    return out


def write_checksums(dumps: Path) -> dict[str, str]:
    """``SHA256SUMS``: every file of ``dumps/`` and its parts (their checksums as ``parts.json`` lists them)."""
    sums = {p.name: sha256_file(p) for p in sorted(dumps.iterdir()) if p.is_file() and p.name != "SHA256SUMS"}
    listing = read_listing(dumps)
    for entries in (listing or {}).get("dumps", {}).values():
        sums.update({f"{PARTS_DIR}/{e['file']}": e["sha256"] for e in entries})
    (dumps / "SHA256SUMS").write_text("".join(f"{h}  {n}\n" for n, h in sums.items()), encoding="utf-8")
    return sums


def copy_file(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dest)


# ------------------------------------------------------------------------------------ streaming dumps (kg build)

def dump_pieces(nt: bytes, graph: str) -> dict[str, bytes]:
    """The part of each data dump that holds the N-Triples ``nt`` of ``graph`` (one document, or one named graph):
    gzip members for the ``.gz`` dumps (a ``.gz`` file may be a concatenation of members), Turtle without its
    prefix lines (the file declares them once), JSON-LD without the enclosing array (the file joins the parts)."""
    if nt and not nt.endswith(b"\n"):
        nt += b"\n"
    # a line ends in " .\n" only at its end: literals escape their newlines
    nq = nt.replace(b" .\n", f" <{graph}> .\n".encode())
    triples = list(ox.parse(nt, format=ox.RdfFormat.N_TRIPLES))
    ttl = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    while ttl.startswith(b"@prefix"):
        ttl = ttl.split(b"\n", 1)[1] if b"\n" in ttl else b""
    jsonld = ox.serialize(list(ox.parse(nq, format=ox.RdfFormat.N_QUADS)), format=ox.RdfFormat.JSON_LD).strip()
    if jsonld.startswith(b"[") and jsonld.endswith(b"]"):
        jsonld = jsonld[1:-1].strip()
    return {"dataset.nt.gz": gzip.compress(nt, GZIP_LEVEL, mtime=0), "dataset.nq.gz": gzip.compress(nq, GZIP_LEVEL, mtime=0),
            "dataset.ttl": ttl, "dataset.jsonld": jsonld}


def canonical_nt(graph: Graph, scope: str) -> str:
    """A graph's N-Triples as the same text in every build: blank nodes named by RDFC-1.0 (their content, not the
    parse that made them) and the lines sorted (rdflib writes them in a per-process order). ``scope`` (letters) goes
    into every blank node's label: the graphs of one store or N-Quads file share their blank nodes' labels, so two
    graphs' nodes must never get the same one."""
    data = graph.serialize(format="nt", encoding="utf-8")
    if b"_:" in data:
        ds = ox.Dataset(ox.parse(data, format=ox.RdfFormat.N_QUADS))
        ds.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
        named = {}

        def term(t):  # noqa: ANN001, ANN202
            if isinstance(t, ox.BlankNode):
                return named.setdefault(t.value, ox.BlankNode(f"{scope}-{t.value}"))
            return t

        data = ox.serialize([ox.Quad(term(q.subject), q.predicate, term(q.object)) for q in ds],
                            format=ox.RdfFormat.N_QUADS)
    from kg.quads import nt_lines  # (not splitlines: a literal may hold U+2028 unescaped)

    return "".join(sorted(set(nt_lines(data.decode("utf-8"))) - {"\n"}))


def stable_graph(graph: Graph) -> Graph:
    """The same graph with its blank nodes named by content (RDFC-1.0), so that its Turtle is the same bytes in
    every build (rdflib orders and names blank nodes by their random labels)."""
    out = Graph()
    for prefix, ns in graph.namespaces():
        out.bind(prefix, ns, override=True)
    ds = ox.Dataset(ox.parse(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_QUADS))
    ds.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)

    def term(t):  # noqa: ANN001, ANN202
        if isinstance(t, ox.NamedNode):
            return URIRef(t.value)
        if isinstance(t, ox.BlankNode):
            return BNode(t.value)
        plain = t.language or t.datatype.value == str(XSD.string)  # (as rdflib reads "text")
        return Literal(t.value, lang=t.language, datatype=None if plain else URIRef(t.datatype.value))

    for q in ds:
        out.add((term(q.subject), term(q.predicate), term(q.object)))
    return out


def nt_quads(nt: str | bytes, graph: str) -> list[ox.Quad]:
    """N-Triples text as quads of one named graph."""
    g = ox.NamedNode(graph)
    data = nt.encode("utf-8") if isinstance(nt, str) else nt
    return [ox.Quad(q.subject, q.predicate, q.object, g) for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]


def text_sum(lines: list[str]) -> str:
    """A hash of N-Triples lines in any order (rdflib writes a graph's lines in a per-process order)."""
    h = hashlib.sha256()
    for line in sorted(lines):
        h.update(line.encode("utf-8"))
    return h.hexdigest()


def text_statistics(own: dict, graphs: dict[str, list[str]]) -> dict:
    """:func:`dataset_statistics` from what the build wrote instead of from the store: ``own`` sums the documents'
    own triples (unique to each document, so nothing to deduplicate: ``triples``, ``subjects``, ``classes``,
    ``properties``); ``graphs`` holds the other N-Triples lines by graph name (deduplicated here)."""
    rdf_type = f"<{RDF}type>"
    total, subjects = own["triples"], own["subjects"]
    classes, properties = dict(own["classes"]), dict(own["properties"])
    graph_counts = {name: len(set(lines)) + (own["triples"] if name == own["graph"] else 0)
                    for name, lines in graphs.items()}
    if own["graph"] not in graph_counts:
        graph_counts[own["graph"]] = own["triples"]
    distinct = set()
    for lines in graphs.values():
        distinct.update(lines)
    total += len(distinct)
    subj_seen: set[str] = set()
    typed: set[tuple[str, str]] = set()
    for lines in graphs.values():
        for line in set(lines):
            s, p, rest = line.split(" ", 2)
            properties[p[1:-1]] = properties.get(p[1:-1], 0) + 1
            subj_seen.add(s)
            if p == rdf_type:
                typed.add((s, rest.rsplit(" .", 1)[0].strip()))
    subjects += len(subj_seen)
    for _s, c in typed:
        if c.startswith("<"):
            classes[c[1:-1]] = classes.get(c[1:-1], 0) + 1
    return {"triples": total, "distinct_subjects": subjects, "classes": classes, "properties": properties,
            "graphs": {k: v for k, v in graph_counts.items() if v}}
