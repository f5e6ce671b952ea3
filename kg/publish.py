"""Dumps and the description of a build: Turtle, N-Triples (gzip), N-Quads (gzip), JSON-LD, VoID/DCAT, checksums.

Dumps are written from the store, streamed to disk. ``SHA256SUMS`` lists every file of ``dumps/`` but itself;
``void.ttl`` describes the dataset (counts per class and property, named graphs) and each dump as a
``dcat:Distribution`` with its size, media type and checksum (it cannot list its own checksum).
"""

from __future__ import annotations

import gzip
import hashlib
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Namespace, URIRef

from kg.dump_parts import PARTS_DIR, read_listing, sha256_file
from kg.namespaces import PREFIXES
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
