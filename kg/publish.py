"""Dumps and the description of a build: Turtle, N-Triples (gzip), N-Quads (gzip), JSON-LD, VoID/DCAT, checksums.

Dumps are written from the store, streamed to disk. ``SHA256SUMS`` lists every file of ``dumps/`` but itself;
``void.ttl`` describes the dataset (counts per class and property, named graphs) and each dump as a
``dcat:Distribution`` with its size, media type and checksum (it cannot list its own checksum).
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, VOID, XSD

from kg.iris import IRIs
from kg.namespaces import PREFIXES, SD
from kg.store import OxigraphStore

SPDX = Namespace("http://spdx.org/rdf/terms#")
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
    sha256: str
    media_type: str


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


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
        cs = BNode()
        g.add((dist, SPDX.checksum, cs))
        g.add((cs, RDF.type, SPDX.Checksum))
        g.add((cs, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
        g.add((cs, SPDX.checksumValue, Literal(d.sha256, datatype=XSD.hexBinary)))
    return g


def describe_dumps(dumps: Path, names: list[str]) -> list[DumpInfo]:
    out = []
    for name in names:
        p = dumps / name
        if p.is_file():
            out.append(DumpInfo(name, p.stat().st_size, sha256_file(p), DUMP_FILES.get(name, ("application/octet-stream", ""))[0]))
    return out


def write_checksums(dumps: Path) -> dict[str, str]:
    sums = {p.name: sha256_file(p) for p in sorted(dumps.iterdir()) if p.is_file() and p.name != "SHA256SUMS"}
    (dumps / "SHA256SUMS").write_text("".join(f"{h}  {n}\n" for n, h in sums.items()), encoding="utf-8")
    return sums


def copy_file(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dest)


# ------------------------------------------------------------------------------------ streaming dumps (kg build)

DATA_DUMPS = ("dataset.nt.gz", "dataset.nq.gz", "dataset.ttl", "dataset.jsonld")
_TURTLE_HEADER = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items()).encode()


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
    return {"dataset.nt.gz": gzip.compress(nt, 6, mtime=0), "dataset.nq.gz": gzip.compress(nq, 6, mtime=0),
            "dataset.ttl": ttl, "dataset.jsonld": jsonld}


def nt_quads(nt: str | bytes, graph: str) -> list[ox.Quad]:
    """N-Triples text as quads of one named graph."""
    g = ox.NamedNode(graph)
    data = nt.encode("utf-8") if isinstance(nt, str) else nt
    return [ox.Quad(q.subject, q.predicate, q.object, g) for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]


class DumpWriter:
    """Writes the data dumps piece by piece (one document at a time), streaming; never holds a dump in memory.

    ``extra`` files (name: path) take pieces too (the N-Triples the store is bulk-loaded from). Each piece's byte
    range is returned by :meth:`write`, so pieces can be dropped afterwards (:meth:`keep_only`)."""

    def __init__(self, dumps: Path, extra: dict[str, Path] | None = None) -> None:
        dumps.mkdir(parents=True, exist_ok=True)
        self.paths = {name: dumps / name for name in DATA_DUMPS} | dict(extra or {})
        self.files = {name: p.open("wb") for name, p in self.paths.items()}
        self.files["dataset.ttl"].write(_TURTLE_HEADER)
        self.files["dataset.jsonld"].write(b"[\n")
        self.header = {name: f.tell() for name, f in self.files.items()}
        self._pending: dict[str, list[tuple[int, int]]] = {}
        self._sources: dict[str, Path] = {}

    def write(self, pieces: dict[str, bytes]) -> dict[str, tuple[int, int]]:
        self.flush_copies()
        spans = {}
        for name, f in self.files.items():
            data = pieces.get(name, b"")
            if data and name == "dataset.jsonld":
                data += b",\n"  # the last element is an empty node object: no trailing comma
            start = f.tell()
            f.write(data)
            spans[name] = (start, len(data))
        return spans

    def copy(self, sources: dict[str, Path], spans: dict[str, tuple[int, int]],
             skip: tuple[str, ...] = ()) -> dict[str, tuple[int, int]]:
        """Copy a piece from the files of a previous version (only read). Copies of pieces that lie one after the
        other in both files are made as one (:meth:`flush_copies`, called by :meth:`write` and :meth:`close`)."""
        out = {}
        for name, f in self.files.items():
            start = f.tell() + sum(n for _s, n in self._pending.get(name, ()))
            length = 0
            if name in sources and name not in skip and spans.get(name, (0, 0))[1]:
                src_start, length = spans[name]
                runs = self._pending.setdefault(name, [])
                if runs and runs[-1][0] + runs[-1][1] == src_start:
                    runs[-1] = (runs[-1][0], runs[-1][1] + length)
                else:
                    runs.append((src_start, length))
                self._sources[name] = sources[name]
            out[name] = (start, length)
        return out

    def flush_copies(self) -> None:
        for name, runs in self._pending.items():
            if not runs:
                continue
            f = self.files[name]
            f.flush()
            with self._sources[name].open("rb") as src:
                for src_start, length in runs:
                    done = 0
                    while done < length:
                        n = os.copy_file_range(src.fileno(), f.fileno(), length - done, src_start + done)
                        if n <= 0:
                            raise OSError(f"could not copy {length} bytes from {self._sources[name]}")
                        done += n
            f.seek(0, os.SEEK_END)
        self._pending = {}

    def keep_only(self, spans: list[dict[str, tuple[int, int]]]) -> None:
        """Rewrite every file with only these pieces (after pages were left out), then go on appending."""
        self.flush_copies()
        for name, f in self.files.items():
            f.close()
            tmp = self.paths[name].with_name(self.paths[name].name + ".tmp")
            with self.paths[name].open("rb") as src, tmp.open("wb") as dst:
                dst.write(src.read(self.header[name]))
                for sp in spans:
                    start, length = sp[name]
                    src.seek(start)
                    dst.write(src.read(length))
            os.replace(tmp, self.paths[name])
            self.files[name] = self.paths[name].open("ab")

    def close(self) -> None:
        self.flush_copies()
        self.files["dataset.jsonld"].write(b"{}]\n")
        for f in self.files.values():
            f.close()


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
