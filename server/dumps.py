"""Blueprint: ``/dumps/``, the downloadable files of the published build.

- ``GET /dumps/`` lists every file of ``OUT/current/dumps/`` with its size, SHA-256, date and format: HTML for
  people, a DCAT catalogue (Turtle, or another RDF format by ``Accept``) for machines, with ``Vary: Accept``.
- ``GET /dumps/<name>`` serves one file, streamed from disk (``send_file`` hands the open file to the WSGI
  server's file wrapper; nothing is read whole into memory), with its media type, a strong ``ETag`` (the
  file's SHA-256), ``Last-Modified``, conditional requests (``If-None-Match`` / ``If-Modified-Since`` -> 304)
  and byte ranges (``Range`` -> 206, ``If-Range``).

Media types: ``dataset.nt.gz`` and ``dataset.nq.gz`` are served as ``application/gzip`` (what the bytes on
the wire are), *not* as ``application/n-triples`` with ``Content-Encoding: gzip``: with that header, HTTP
clients and browsers decompress transparently and save a file whose bytes no longer match its checksum
and whose name lies about its content. The format inside is in the listing (and in DCAT as
``dcat:mediaType`` with ``dcat:compressFormat``).

Only the regular files directly inside the dumps folder are reachable: a name is looked up in the folder's
listing (never joined into a path as given), so ``..``, ``%2e%2e``, absolute paths, sub-folders and
symlinks that lead out of the folder all answer 404.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from flask import Blueprint, Response, abort, redirect, render_template, request, send_file

from kg import dump_parts
from kg.layout import BuildDir
from server import conneg
from server.state import state

bp = Blueprint("dumps", __name__)

NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$")

# file name -> (media type of the bytes served, format of the content, description)
KNOWN: dict[str, tuple[str, str, str]] = {
    "dataset.ttl": ("text/turtle", "Turtle", "The whole collection (union of all graphs)"),
    "dataset.nt.gz": ("application/gzip", "N-Triples, gzip-compressed", "The whole collection (union of all graphs)"),
    "dataset.nq.gz": ("application/gzip", "N-Quads, gzip-compressed", "The whole collection with its named graphs"),
    "dataset.jsonld": ("application/ld+json", "JSON-LD", "The whole collection with its named graphs"),
    "void.ttl": ("text/turtle", "Turtle (VoID, DCAT)", "Description of the dataset, its graphs and its dumps"),
    "validation-report.ttl": ("text/turtle", "Turtle (SHACL report)", "The SHACL validation report of this build"),
    "validation-report.txt": ("text/plain", "plain text", "The SHACL validation report, readable"),
    "unreconciled.tsv": ("text/tab-separated-values", "TSV", "Names in the documents with no authority entry"),
    "SHA256SUMS": ("text/plain", "sha256sum list", "SHA-256 checksums of the other files (sha256sum -c)"),
}
INNER_MEDIA = {"dataset.nt.gz": "application/n-triples", "dataset.nq.gz": "application/n-quads"}
BY_SUFFIX = {".ttl": "text/turtle", ".nt": "application/n-triples", ".nq": "application/n-quads",
             ".jsonld": "application/ld+json", ".gz": "application/gzip", ".txt": "text/plain",
             ".tsv": "text/tab-separated-values", ".rdf": "application/rdf+xml", ".trig": "application/trig"}


@dataclass(frozen=True)
class DumpFile:
    name: str
    path: Path
    size: int
    mtime: float
    sha256: str  # "" for a dump published in parts (each part has its own, in SHA256SUMS)
    media_type: str
    format: str
    description: str
    segments: tuple[dump_parts.Segment, ...] = ()  # a dump in parts: the whole is their concatenation
    etag: str = ""

    @property
    def in_parts(self) -> bool:
        return bool(self.segments)

    @property
    def modified(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(self.mtime, dt.UTC)

    @property
    def human_size(self) -> str:
        n = float(self.size)
        for unit in ("bytes", "KiB", "MiB", "GiB"):
            if n < 1024 or unit == "GiB":
                return f"{int(n)} bytes" if unit == "bytes" else f"{n:.1f} {unit}"
            n /= 1024
        return f"{self.size} bytes"


_sha_cache: dict[tuple[str, int, float], str] = {}
_sha_lock = threading.Lock()


def _sha256(path: Path, size: int, mtime: float) -> str:
    """SHA-256 of a file, computed in chunks once per (path, size, mtime) and cached."""
    key = (str(path), size, mtime)
    with _sha_lock:
        if key in _sha_cache:
            return _sha_cache[key]
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    digest = h.hexdigest()
    with _sha_lock:
        if len(_sha_cache) > 4096:
            _sha_cache.clear()
        _sha_cache[key] = digest
    return digest


def _listed_sums(folder: Path) -> dict[str, str]:
    sums: dict[str, str] = {}
    f = folder / "SHA256SUMS"
    if f.is_file() and not f.is_symlink():
        for line in f.read_text(encoding="utf-8", errors="replace").splitlines():
            digest, _, name = line.partition("  ")
            if re.fullmatch(r"[0-9a-f]{64}", digest) and name:
                sums[name.lstrip("*")] = digest
    return sums


def _in_parts(folder: Path, name: str) -> DumpFile | None:
    """A data dump published in parts (``kg.dump_parts``): one download, the concatenation of its parts."""
    listing = dump_parts.read_listing(folder)
    if listing is None or name not in listing.get("dumps", {}):
        return None
    segs = tuple(dump_parts.segments(folder, name, listing))
    try:
        mtime = (folder / dump_parts.PARTS_FILE).stat().st_mtime
    except OSError:
        return None
    # a strong validator of the whole: the parts' checksums in order (the whole's own would mean reading all of it)
    etag = "parts-" + hashlib.sha256("".join(e["sha256"] for e in listing["dumps"][name]).encode()).hexdigest()[:40]
    media, fmt, desc = KNOWN[name]
    return DumpFile(name, folder / dump_parts.PARTS_FILE, sum(x.length for x in segs), mtime, "", media, fmt,
                    desc + f" ({len(listing['dumps'][name])} parts: see SHA256SUMS)", segs, etag)


def _describe(folder: Path, name: str, sums: dict[str, str]) -> DumpFile | None:
    """A dump file, or None if ``name`` is not a regular file that really lies in ``folder``."""
    if not NAME_RE.match(name) or ".." in name:
        return None
    if name in dump_parts.DATA_DUMPS and not (folder / name).exists():
        return _in_parts(folder, name)
    path = folder / name
    try:
        if path.is_symlink() or not path.is_file():
            return None
        if path.resolve().parent != folder.resolve():
            return None
        st = path.stat()
    except OSError:
        return None
    digest = sums.get(name) or _sha256(path, st.st_size, st.st_mtime)
    media, fmt, desc = KNOWN.get(name, (BY_SUFFIX.get(path.suffix, "application/octet-stream"), path.suffix.lstrip(".") or "file", ""))
    return DumpFile(name, path, st.st_size, st.st_mtime, digest, media, fmt, desc)


def _build() -> BuildDir:
    try:
        return state().build()
    except FileNotFoundError:
        abort(503, description="nothing is published yet: run `kg build`")


def list_dumps(build: BuildDir) -> list[DumpFile]:
    folder = build.dumps
    if not folder.is_dir():
        return []
    sums = _listed_sums(folder)
    files = []
    order = list(KNOWN)
    listing = dump_parts.read_listing(folder) or {}
    for name in sorted(set(os.listdir(folder)) | set(listing.get("dumps", {})), key=lambda n: (order.index(n) if n in order else len(order), n)):
        d = _describe(folder, name, sums)
        if d is not None:
            files.append(d)
    return files


def _dcat(build: BuildDir, files: list[DumpFile], root: str) -> list[ox.Triple]:
    """A DCAT catalogue of the dumps, with download URLs on this server."""
    from kg.namespaces import DCAT, DCTERMS, RDF, XSD

    def n(iri: object) -> ox.NamedNode:
        return ox.NamedNode(str(iri))

    spdx = "http://spdx.org/rdf/terms#"
    iana = "https://www.iana.org/assignments/media-types/"
    base = state().iris.base
    dataset = n(base + "dataset")
    catalog = n(root + "dumps/")
    t = [ox.Triple(catalog, n(RDF.type), n(DCAT.Catalog)),
         ox.Triple(catalog, n(DCTERMS.title), ox.Literal("archive-kg dumps", language="en")),
         ox.Triple(catalog, n(DCAT.dataset), dataset),
         ox.Triple(dataset, n(RDF.type), n(DCAT.Dataset)),
         ox.Triple(dataset, n(DCTERMS.identifier), ox.Literal(build.build_id))]
    def checksum(dist: ox.NamedNode, sha256: str) -> list[ox.Triple]:
        cs = ox.BlankNode()
        return [ox.Triple(dist, n(spdx + "checksum"), cs),
                ox.Triple(cs, n(RDF.type), n(spdx + "Checksum")),
                ox.Triple(cs, n(spdx + "algorithm"), n(spdx + "checksumAlgorithm_sha256")),
                ox.Triple(cs, n(spdx + "checksumValue"), ox.Literal(sha256, datatype=n(XSD.hexBinary)))]

    listing = dump_parts.read_listing(build.dumps) or {}
    for f in files:
        url = n(root + "dumps/" + f.name)
        dist = n(root + "dumps/" + f.name + "#distribution")
        t += [ox.Triple(dataset, n(DCAT.distribution), dist),
              ox.Triple(dist, n(RDF.type), n(DCAT.Distribution)),
              ox.Triple(dist, n(DCAT.downloadURL), url),
              ox.Triple(dist, n(DCAT.accessURL), catalog),
              ox.Triple(dist, n(DCTERMS.title), ox.Literal(f.name)),
              ox.Triple(dist, n(DCAT.byteSize), ox.Literal(str(f.size), datatype=n(XSD.nonNegativeInteger))),
              ox.Triple(dist, n(DCTERMS.modified),
                        ox.Literal(f.modified.isoformat(timespec="seconds"), datatype=n(XSD.dateTime))),
              ox.Triple(dist, n(DCTERMS.format), ox.Literal(f.format)),
              ox.Triple(dist, n(DCAT.mediaType), n(iana + INNER_MEDIA.get(f.name, f.media_type)))]
        if f.sha256:
            t += checksum(dist, f.sha256)
        for e in listing.get("dumps", {}).get(f.name, []) if f.in_parts else []:  # its parts, in order
            part = n(root + f"dumps/{dump_parts.PARTS_DIR}/{e['file']}#distribution")
            t += [ox.Triple(dist, n(DCTERMS.hasPart), part),
                  ox.Triple(part, n(RDF.type), n(DCAT.Distribution)),
                  ox.Triple(part, n(DCAT.downloadURL), n(root + f"dumps/{dump_parts.PARTS_DIR}/{e['file']}")),
                  ox.Triple(part, n(DCAT.byteSize), ox.Literal(str(e["size"]), datatype=n(XSD.nonNegativeInteger))),
                  *checksum(part, e["sha256"])]
        if f.description:
            t.append(ox.Triple(dist, n(DCTERMS.description), ox.Literal(f.description, language="en")))
        if f.name.endswith(".gz"):
            t.append(ox.Triple(dist, n(DCAT.compressFormat), n(iana + "application/gzip")))
    return t


@bp.route("/dumps")
def dumps_redirect() -> Response:
    return redirect(request.script_root + "/dumps/", code=301)  # type: ignore[return-value]


@bp.route("/dumps/")
def listing() -> Response:
    build = _build()
    files = list_dumps(build)
    media = conneg.best_match(request.headers.get("Accept"), conneg.PAGE_OFFERS)
    if media is None:
        resp = Response("406 Not Acceptable: /dumps/ is available as " + ", ".join(conneg.PAGE_OFFERS) + "\n",
                        status=406, mimetype="text/plain")
    elif media == conneg.HTML:
        manifest = {}
        try:
            manifest = build.manifest()
        except (OSError, ValueError):
            pass
        resp = Response(render_template("dumps.html", files=files, build=build, manifest=manifest,
                                        root=request.script_root), mimetype="text/html")
    else:
        from kg.namespaces import PREFIXES

        triples = _dcat(build, files, request.host_url.rstrip("/") + request.script_root + "/")
        body = ox.serialize(triples, format=conneg.rdf_format(media),
                            prefixes={**PREFIXES, "spdx": "http://spdx.org/rdf/terms#"})
        resp = Response(body, content_type=conneg.content_type(media))
    resp.headers["Vary"] = "Accept"
    resp.headers["Access-Control-Allow-Origin"] = "*"
    return resp


@bp.route("/dumps/<name>")
def dump_file(name: str) -> Response:
    build = _build()
    folder = build.dumps
    # look the name up among the files of the folder; never open a path built from what the client sent
    listing = (dump_parts.read_listing(folder) or {}) if folder.is_dir() else {}
    if name not in (os.listdir(folder) if folder.is_dir() else []) and name not in listing.get("dumps", {}):
        abort(404, description=f"no dump named {name!r}; see /dumps/")
    f = _describe(folder, name, _listed_sums(folder))
    if f is None:
        abort(404, description=f"no dump named {name!r}; see /dumps/")
    if f.in_parts:
        return _send_concatenation(f)
    return _send(f)


@bp.route("/dumps/parts/<name>")
def part_file(name: str) -> Response:
    """One part of a dump published in parts, looked up in ``parts.json`` (its checksum is in SHA256SUMS)."""
    build = _build()
    folder = build.dumps / dump_parts.PARTS_DIR
    listing = dump_parts.read_listing(build.dumps) or {}
    known = {e["file"]: (dump, e) for dump, entries in listing.get("dumps", {}).items() for e in entries}
    if name not in known or not NAME_RE.match(name):
        abort(404, description=f"no dump part named {name!r}; see /dumps/")
    dump, entry = known[name]
    path = folder / name
    if path.is_symlink() or not path.is_file():
        abort(404, description=f"no dump part named {name!r}; see /dumps/")
    media, fmt, _desc = KNOWN[dump]
    return _send(DumpFile(name, path, entry["size"], path.stat().st_mtime, entry["sha256"], media, fmt, ""))


def _headers(resp: Response) -> Response:
    resp.headers["Accept-Ranges"] = "bytes"
    resp.headers["X-Content-Type-Options"] = "nosniff"
    resp.headers["Access-Control-Allow-Origin"] = "*"
    return resp


def _send_concatenation(f: DumpFile) -> Response:
    """The whole of a dump in parts, streamed part after part: conditional requests on its ETag, one byte range."""
    etag = f.etag
    if request.if_none_match and request.if_none_match.contains(etag):
        resp = Response(status=304)
        resp.set_etag(etag)
        return _headers(resp)
    start, stop, status = 0, f.size, 200
    rng = request.range
    if_range = request.if_range
    if rng is not None and ((if_range.etag is None and if_range.date is None) or if_range.etag == etag):
        got = rng.range_for_length(f.size)
        if got is None or len(rng.ranges) != 1:
            resp = Response(status=416)
            resp.headers["Content-Range"] = f"bytes */{f.size}"
            return _headers(resp)
        start, stop, status = got[0], got[1], 206
    resp = Response(dump_parts.iter_range(list(f.segments), start, stop), status=status, mimetype=f.media_type,
                    direct_passthrough=True)
    resp.content_length = stop - start
    if status == 206:
        resp.headers["Content-Range"] = f"bytes {start}-{stop - 1}/{f.size}"
    resp.set_etag(etag)
    resp.last_modified = dt.datetime.fromtimestamp(f.mtime, dt.UTC)
    resp.cache_control.max_age = 3600
    resp.cache_control.public = True
    resp.headers["Content-Disposition"] = f"inline; filename={f.name}"
    return _headers(resp)


def _send(f: DumpFile) -> Response:
    resp = send_file(f.path, mimetype=f.media_type, as_attachment=False, download_name=f.name,
                     conditional=True, etag=f.sha256, last_modified=f.mtime, max_age=3600)
    return _headers(resp)
