"""The per-document part of ``kg build``: parse, map and validate a batch of source files in a worker process.

Each document becomes N-Triples text (its own triples, and the shared ones about entities and aliases), the
names that had no authority entry, and the validation results about the nodes it owns, checked with what it
links to (the authorities, the entities it describes). The result is cached on disk by its page key: the digest
of the page's record (what the parser made of the file) and its path, with the page fingerprint (the code that maps,
validates and serializes as what runs, shapes, ontology, authorities, base IRI: :func:`fingerprints`) and the
merge decisions about its names. A rebuild thus maps only the pages whose record changed, whatever the parser's
code did to the others.
"""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import itertools
import json
import os
import pickle
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib.namespace import RDF

from kg.config import Settings
from kg.errors import IngestError
from kg.iris import IRIs
from kg.namespaces import PREFIXES
from kg.publish import GZIP_LEVEL
from kg.quads import nt_lines
from kg.stage_keys import error_key, page_key, record_digest  # noqa: F401  (page_key: the build's plan)
from kg.validate import DOCUMENT_CLASSES, Violation, screen_documents, validate_nt
from kg.validate_screen import candidates, typed_with

if TYPE_CHECKING:
    from kg.records import DocumentRecord



@dataclass
class DocOut:
    path: str
    key: str  # cache key
    doc_id: str = ""
    source_url: str | None = None
    record_id: str | None = None
    own: str = ""  # N-Triples of the document's own triples
    shared: list[str] = field(default_factory=list)  # N-Triples lines about nodes other documents may describe
    context: list[str] = field(default_factory=list)  # types of own nodes the shared lines point at
    unreconciled: list[tuple[str, str, str]] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)
    error: tuple[str, str, int | None, str | None] | None = None  # IngestError (path, message, line, field)
    cached: bool = False
    pieces: dict[str, bytes] = field(default_factory=dict)  # its part of each dump (kg.publish.dump_pieces)
    stats: tuple = ()  # (triples, subjects, {property: n}, {class: n}) of its own triples
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)  # where the build wrote its pieces
    merge_sig: str = ""  # the cross-page merge decisions about its names (kg.page_names), part of its key

    def ingest_error(self) -> IngestError | None:
        if self.error is None:
            return None
        path, message, line, fld = self.error
        return IngestError(path, message, line=line, field=fld)

    @property
    def failed(self) -> bool:
        return any(v.severity == "Violation" for v in self.violations)


@dataclass
class BatchOut:
    docs: list[DocOut]
    times: dict[str, float]
    engines: dict[str, int]
    stats: tuple = ()  # the sum of the ``stats`` of its pages that can be kept (read, and no violation)


# The build's two cached stages, each keyed by its own inputs (kg.code_digest: code as what runs, so comments,
# docstrings and formatting never invalidate an entry):
# - parse: a page's bytes -> its record. Code: what kg.ingest runs.
# - page: the record (its digest, :func:`record_digest`) -> the page's statements, validation results, dump pieces,
#   search row. Code: what the mapping, validation and pieces run, up to the record (the walk stops at kg.ingest);
#   data: shapes, ontology, authority files, base IRI, the authorities' context.
# A parser change thus re-parses every page but re-maps only those whose record changed; any page-stage change
# re-maps every page.
PARSE_ENTRIES = ("kg.ingest",)
PAGE_ENTRIES = ("kg.build_workers", "kg.mapping", "kg.quads", "kg.validate", "kg.search_build", "kg.publish")
# imported by the page stage's modules for other work, never on a page's path (the store, the dump files, the
# full-text index files): their edits leave the pages' cache alone
NOT_PAGE_CODE = ("kg.store", "kg.dump_parts", "kg.search_index", "kg.search_versions")
PARSE_LIBRARIES = ("pyyaml",)
PAGE_LIBRARIES = ("pyoxigraph", "rdflib", "pyshacl", "shacl-rust")
FINGERPRINTS = "fingerprints.json"  # kept with each version (:func:`save_fingerprints`)


@dataclass(frozen=True)
class Fingerprints:
    parse: str  # what a page's record depends on besides the page's file: the parser's code
    page: str  # what a page's output depends on besides its record (and the merges of its names: its key)


def parse_code() -> list[Path]:
    from kg import code_digest

    return code_digest.closure(PARSE_ENTRIES)


def parse_data() -> tuple[Path, ...]:
    """The data files the parser reads besides its code (kg.ingest.wilson.sigla: the authorities' archives)."""
    from kg.ingest.wilson.sigla import DATA_FILES

    return DATA_FILES


def page_code() -> list[Path]:
    from kg import code_digest

    return code_digest.closure(PAGE_ENTRIES, stop=PARSE_ENTRIES, leave_out=NOT_PAGE_CODE)


def fingerprints(settings: Settings, authorities_dir: Path, extra_context: str,
                 cache: Path | None = None) -> Fingerprints:
    """The fingerprints of both stages (``cache``: a folder where what was learnt about the code files is kept)."""
    from kg import code_digest

    with code_digest.remembered(cache / "code-digests.pkl" if cache is not None else None):
        parse = code_digest.digest(parse_code(), libraries=PARSE_LIBRARIES)
        ph = hashlib.sha256(parse.encode())
        for f in parse_data():  # the data files the parser reads (the archives' sigla)
            ph.update(b"\0" + f.name.encode() + b"\0" + (f.read_bytes() if f.is_file() else b""))
        parse = ph.hexdigest()
        h = hashlib.sha256(code_digest.digest(page_code(), libraries=PAGE_LIBRARIES).encode() + b"\0")
    data = sorted(Path(settings.shapes_dir).glob("*.ttl")) + sorted(Path(settings.ontology_dir).glob("*.ttl")) \
        + sorted(Path(authorities_dir).glob("*"))
    for f in data:
        if f.is_file():
            h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
    # rdflib writes the context's lines in a per-process order
    h.update(settings.base_iri.encode() + b"\0" + "".join(sorted(nt_lines(extra_context))).encode())
    return Fingerprints(parse, h.hexdigest())


def fingerprint(settings: Settings, authorities_dir: Path, extra_context: str) -> str:
    """The page fingerprint (:attr:`Fingerprints.page`): what every page's output depends on besides its record."""
    return fingerprints(settings, authorities_dir, extra_context).page


def save_fingerprints(root: Path, fps: Fingerprints) -> None:
    (root / FINGERPRINTS).write_text(json.dumps(dataclasses.asdict(fps)), encoding="utf-8")


def saved_fingerprints(root: Path) -> Fingerprints | None:
    """The fingerprints a version was built with (None: a version built before they were kept)."""
    try:
        return Fingerprints(**json.loads((root / FINGERPRINTS).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


@dataclass
class WorkerState:
    settings: Settings
    authorities: object
    iris: IRIs
    context_nt: str  # authorities (+ history, enrichment): what documents link to
    fingerprint: str  # the page fingerprint (Fingerprints.page)
    cache_dir: Path | None
    documents_graph: str = ""
    merge_sigs: dict[str, str] = field(default_factory=dict)  # path -> kg.page_names.merge_signatures (if any)
    records_dir: Path | None = None  # the records the names pass parsed (kg.authorities.merge.record_file)
    parse_fingerprint: str = ""  # (Fingerprints.parse: the key of a page that cannot be parsed)
    _types: dict[str, list[str]] | None = None

    @property
    def graph_tail(self) -> bytes:
        return f" <{self.documents_graph}> .\n".encode()

    @property
    def jsonld_head(self) -> bytes:
        return b'{"@id":' + json.dumps(self.documents_graph).encode() + b',"@graph":'

    def context_types(self) -> dict[str, list[str]]:
        """The ``rdf:type`` lines of the context, by subject (``<iri>``)."""
        if self._types is None:
            self._types = {}
            rdf_type = f" <{RDF.type}> "
            for line in self.context_nt.split("\n"):  # (not splitlines: a literal may hold U+2028 unescaped)
                if rdf_type in line:
                    self._types.setdefault(line.split(" ", 1)[0], []).append(line + "\n")
        return self._types


_state: WorkerState | None = None


def init(state: WorkerState) -> None:
    """Set in the parent before the pool forks (inherited), or in each worker."""
    global _state
    _state = state


def _cache_path(key: str) -> Path | None:
    assert _state is not None
    if _state.cache_dir is None:
        return None
    return _state.cache_dir / key[:2] / key


def _read_cache(key: str) -> DocOut | None:
    p = _cache_path(key)
    if p is None or not p.is_file():
        return None
    try:
        doc = pickle.loads(p.read_bytes())
        if doc.error is None:
            _text_pieces(doc, gzip.decompress(doc.pieces["dataset.nt.gz"]))
    except Exception:  # a damaged cache entry is recomputed
        return None
    doc.cached = True
    return doc


def _write_cache(doc: DocOut) -> None:
    p = _cache_path(doc.key)
    if p is None:
        return
    p.parent.mkdir(parents=True, exist_ok=True)
    tmp = p.with_name(f".{p.name}.{os.getpid()}")
    # the compressed pieces only: the page's N-Triples are its nt.gz piece, the other pieces are made from them
    small = dataclasses.replace(doc, own="", pieces={k: v for k, v in doc.pieces.items() if k.endswith(".gz") or k == "search"})
    tmp.write_bytes(pickle.dumps(small, protocol=pickle.HIGHEST_PROTOCOL))
    os.replace(tmp, p)


def _document_prefix(iris: IRIs) -> str:
    return str(iris.document(""))


_records: dict[Path, dict] = {}  # records folder -> where each kept record lies (kg.authorities.merge.kept_records)


def _kept_record(st: WorkerState, path: str, data: bytes) -> tuple[DocumentRecord, dict, str] | None:
    """The record the names pass parsed from this very content, if it kept one (read once), with what it recognized
    in it (the memo of :func:`kg.recognize.mentions_in_text`) and its digest (:func:`record_digest`)."""
    from kg.authorities.merge import kept_records, record_file

    if st.records_dir is None:
        return None
    index = _records.get(st.records_dir)
    if index is None:
        if len(_records) > 4:
            _records.clear()  # (a process that ran several builds)
        index = _records[st.records_dir] = kept_records(st.records_dir) if st.records_dir.is_dir() else {}
    where = index.pop(record_file(st.records_dir, path, data).name, None)
    if where is None:
        return None
    spool, at, length = where
    try:
        with spool.open("rb") as f:
            f.seek(at)
            got = pickle.loads(f.read(length))
    except (OSError, pickle.UnpicklingError, EOFError, TypeError, ValueError):
        return None
    return got[0], got[1], got[2] if len(got) > 2 else record_digest(got[0])


class _Steps:
    """The wall time of each step of a batch (``parse``, ``map``, ...) and its CPU time (``cpu:parse``, ...: this
    process's user + system, what ``bench/bench_build.py`` divides by page; in the build's own process, when it
    processes a few pages itself, the loader thread's too)."""

    def __init__(self) -> None:
        self.times: dict[str, float] = {}
        self.start()

    def start(self) -> None:
        self._wall, self._cpu = time.perf_counter(), time.process_time()

    def stop(self, step: str) -> None:
        """Count the time since the last start or stop to ``step`` (and start the next step)."""
        wall, cpu = time.perf_counter(), time.process_time()
        self.times[step] = self.times.get(step, 0.0) + wall - self._wall
        self.times["cpu:" + step] = self.times.get("cpu:" + step, 0.0) + cpu - self._cpu
        self._wall, self._cpu = wall, cpu


def process_batch(paths: list[str]) -> BatchOut:
    """Parse, map and validate a batch of files (in a worker). Order of ``paths`` is kept."""
    import kg.mapping
    from kg.ingest import parse_file

    assert _state is not None, "kg.build_workers.init() was not called"
    st = _state
    steps = _Steps()
    for step in ("parse", "map", "validate", "serialize"):
        steps.times[step] = steps.times["cpu:" + step] = 0.0
    engines: dict[str, int] = {}
    out: list[DocOut] = []
    fresh: list[DocOut] = []
    flag: dict[str, set[str]] = {}
    typed: dict[str, list[tuple[str, str]]] = {}
    rows: dict[str, bytes | None] = {}
    for path in paths:
        data = Path(path).read_bytes()
        sig = st.merge_sigs.get(path, "")
        steps.start()
        try:  # the record first (the names pass's, or parsed here): the page's key is made from it
            kept = _kept_record(st, path, data)
            if kept is not None:
                rec, memo, digest = kept
            else:
                rec, memo = parse_file(Path(path)), None
                digest = record_digest(rec)
        except IngestError as e:
            doc = DocOut(path=path, key=error_key(st.parse_fingerprint, path, data), merge_sig=sig)
            doc.error = (e.path, e.message, e.line, e.field)
            steps.stop("parse")
            out.append(doc)
            fresh.append(doc)
            continue
        key = page_key(st.fingerprint, path, digest, sig)
        steps.stop("parse")
        doc = _read_cache(key)
        if doc is not None:
            doc.merge_sig = sig
            out.append(doc)
            continue
        steps.start()
        doc = DocOut(path=path, key=key, merge_sig=sig)
        mapped = kg.mapping.map_record(rec, st.authorities, st.iris, memo=memo)
        own, shared = mapped.lines()
        doc.doc_id, doc.source_url, doc.record_id = rec.doc_id, rec.source_url, rec.record_id
        doc.own = "".join(own)
        doc.shared = shared
        doc.context = mapped.triples.context_lines(str(mapped.doc))
        doc.stats = mapped.triples.own_stats(str(mapped.doc))
        doc.unreconciled = mapped.unreconciled
        flag[path] = candidates(mapped.triples)  # (what the SPARQL rules may select: kg.validate_screen)
        typed[path] = typed_with(mapped.triples, _document_prefix(st.iris))  # (page-owned nodes of other classes)
        rows[path] = page_row_terms(mapped.triples, str(mapped.doc))  # (its full-text row)
        steps.stop("map")
        out.append(doc)
        fresh.append(doc)
    todo = [d for d in fresh if d.error is None]
    steps.start()
    if todo:
        _validate_docs(todo, engines, flag, typed)
        steps.stop("validate")
    for d in todo:
        _pieces(d, rows.get(d.path))
    for d in fresh:
        _write_cache(d)
        d.own = ""  # the same bytes are its load.nt piece: not sent to the build twice
    steps.stop("serialize")
    return BatchOut(out, steps.times, engines, sum_stats(d.stats for d in out if d.error is None and not d.failed))


def sum_stats(stats: Iterable[tuple]) -> tuple:
    """The sum of pages' ``stats`` (``DocOut.stats``)."""
    triples = subjects = 0
    props: dict[str, int] = {}
    classes: dict[str, int] = {}
    for s in stats:
        if s:
            triples += s[0]
            subjects += s[1]
            for k, v in s[2].items():
                props[k] = props.get(k, 0) + v
            for k, v in s[3].items():
                classes[k] = classes.get(k, 0) + v
    return (triples, subjects, props, classes) if triples or props else ()


def _pieces(doc: DocOut, row: bytes | None = None) -> None:
    """The document's parts of the dumps and of the file the store is loaded from (what
    :func:`kg.publish.dump_pieces` makes, parsing the page's N-Triples once). ``row``: its full-text row, if made
    already (:func:`page_row_terms`)."""
    assert _state is not None
    nt = doc.own.encode("utf-8")
    nq = nt.replace(b" .\n", _state.graph_tail)  # a line ends in " .\n" only at its end: literals escape newlines
    doc.pieces = {"dataset.nt.gz": gzip.compress(nt, GZIP_LEVEL, mtime=0),
                  "dataset.nq.gz": gzip.compress(nq, GZIP_LEVEL, mtime=0)}
    _text_pieces(doc, nt)
    if row is None:
        row = page_row_lines(itertools.chain(doc.own.split("\n"), doc.shared), str(_state.iris.document(doc.doc_id)))
    doc.pieces["search"] = row or b""


_UNESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.S)
_ECHAR = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescape(text: str) -> str:
    """An N-Triples string or IRI with its escapes (ECHAR, UCHAR) decoded: pyoxigraph's ``value``."""
    if "\\" not in text:
        return text
    return _UNESCAPE.sub(lambda m: chr(int(m[1] or m[2], 16)) if m[3] is None else _ECHAR.get(m[3], m[0]), text)


def page_row_lines(lines: Iterable[str], doc_iri: str) -> bytes | None:
    """:func:`kg.search_build.page_row` read from the page's N-Triples lines (its own and its shared ones, as the
    mapping writes them: IRIs without escapes) instead of parsed triples: the same bytes
    (``tests/test_page_row_lines.py``); terms are compared as text and only the literals the row keeps are decoded.
    The lines are split at ``\\n`` only (a literal may hold a form feed or U+2028 unescaped: ``str.splitlines``
    would cut it)."""
    by_subject: dict[str, list[tuple[str, str]]] = {}
    for line in lines:
        line = line.rstrip("\n")
        if not line.strip():
            continue
        s, p, o = line.split(" ", 2)
        by_subject.setdefault(s, []).append((p, o[:-2] if o.endswith(" .") else o.rstrip(". ")))
    return _row(by_subject, doc_iri)


def page_row_terms(triples: Iterable[tuple[str, str, str]], doc_iri: str) -> bytes | None:
    """:func:`page_row_lines` from the mapping's terms (:class:`kg.quads.TripleSink`: N-Triples terms, in the
    order the mapping added them), without writing and splitting lines: the same bytes."""
    by_subject: dict[str, list[tuple[str, str]]] = {}
    for s, p, o in triples:
        got = by_subject.get(s)
        if got is None:
            by_subject[s] = [(p, o)]
        else:
            got.append((p, o))
    return _row(by_subject, doc_iri)


def _row(by_subject: dict[str, list[tuple[str, str]]], doc_iri: str) -> bytes | None:
    from kg.search_build import _DCT, _DOCUMENT, _RDF_TYPE, _VIA, ONTOLOGY_NS

    doc = f"<{doc_iri}>"
    own = by_subject.get(doc, [])
    if (f"<{_RDF_TYPE}>", f"<{_DOCUMENT}>") not in own:
        return None
    title = date = summary = body = ""
    kinds, senders, archives, targets, quotes = [], [], [], set(), []
    title_p, date_p, abstract_p = f"<{_DCT}title>", f"<{_DCT}date>", f"<{_DCT}abstract>"
    body_p, kind_p, sender_p, ref_p, repo_p, in_doc, quote_p = (f"<{ONTOLOGY_NS}{x}>" for x in (
        "bodyText", "documentKind", "sender", "archivalReference", "repository", "inDocument", "quote"))
    via = {f"<{x}>" for x in _VIA}
    for p, o in own:
        if o[0] == '"':
            if p == title_p and not title:
                title = _unescape(o[1:o.rindex('"')])
            elif p == date_p:
                value = _unescape(o[1:o.rindex('"')])
                if not date or value < date:
                    date = value
            elif p == abstract_p and not summary:
                summary = _unescape(o[1:o.rindex('"')])
            elif p == body_p and not body:
                body = _unescape(o[1:o.rindex('"')])
            continue
        if o[0] == "<":
            targets.add(o[1:-1])
            if p == kind_p:
                kinds.append(o[1:-1])
            elif p == sender_p:
                senders.append(o[1:-1])
        if p in via:
            for p2, o2 in by_subject.get(o, ()):
                if o2[0] == "<":
                    targets.add(o2[1:-1])
                    if p == ref_p and p2 == repo_p:
                        archives.append(o2[1:-1])
    for pos in by_subject.values():
        if (in_doc, doc) in pos:
            quotes.extend(_unescape(o[1:o.rindex('"')]) for p, o in pos if p == quote_p and o[0] == '"')
    return json.dumps({"iri": doc_iri, "title": title or doc_iri.rsplit("/", 1)[-1], "date": date, "summary": summary,
                       "body": body, "kinds": sorted(set(kinds)), "senders": senders, "archives": archives,
                       "targets": sorted(targets), "quotes": quotes}, ensure_ascii=False).encode("utf-8")


def _text_pieces(doc: DocOut, nt: bytes) -> list[ox.Triple]:
    """The Turtle and JSON-LD pieces and the store's from the page's N-Triples: Turtle without its prefix lines,
    JSON-LD as the node of the documents graph (the file is the array of these nodes)."""
    assert _state is not None
    # lenient: the mapping's own N-Triples, which the store's bulk loader and shacl-rust parse strictly (0.31 ->
    # 0.17 ms a page)
    triples = list(ox.parse(nt, format=ox.RdfFormat.N_TRIPLES, lenient=True))
    ttl = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    while ttl.startswith(b"@prefix"):
        ttl = ttl.split(b"\n", 1)[1] if b"\n" in ttl else b""
    jsonld = ox.serialize(triples, format=ox.RdfFormat.JSON_LD).strip()
    doc.pieces["dataset.ttl"] = ttl
    doc.pieces["dataset.jsonld"] = _state.jsonld_head + jsonld + b"}" if triples else b""
    doc.pieces["load.nt"] = nt
    return triples


def _validate_docs(docs: list[DocOut], engines: dict[str, int], flag: dict[str, set[str]] | None = None,
                   typed: dict[str, list[tuple[str, str]]] | None = None) -> None:
    """Validate documents together with what they link to; keep the results about nodes they own.

    shacl-rust screens the batch; pyshacl then validates only the documents it found anything about (a page's
    results about its own nodes depend on it and what it links to, not on the other pages of the batch). ``flag``:
    each page's nodes the document-level SPARQL rules may select (:func:`kg.validate_screen.candidates`), added to
    what shacl-rust reports when its screen left those rules out; ``typed``: each page's own nodes typed with a
    class that is not a document's (:func:`kg.validate_screen.typed_with`), added when the screen left out the
    targets of such classes."""
    from kg.validate_screen import candidates as _candidates
    from kg.validate_screen import typed_with as _typed_with

    assert _state is not None
    prefix = _document_prefix(_state.iris)

    def doc_id(focus: str) -> str:
        return focus[len(prefix):].split("/", 1)[0]

    def text_of(ds: list[DocOut], context: str) -> str:
        return "".join([context, *(d.own for d in ds), *("".join(d.shared) for d in ds)])

    flagged, without_sparql, classes = screen_documents(text_of(docs, _state.context_nt), settings=_state.settings)
    if flagged is not None and (without_sparql or classes):
        if flag is None or typed is None:  # (a caller that did not collect them)
            terms = {d.path: _own_terms(d) for d in docs}
            flag = {p: _candidates(t) for p, t in terms.items()}
            typed = {p: _typed_with(t, prefix) for p, t in terms.items()}
        for d in docs:
            if without_sparql:
                flagged |= flag.get(d.path, set())
            flagged.update(node for node, c in typed.get(d.path, ()) if c in classes)
    if flagged is not None:
        ids = {doc_id(f) for f in flagged if f.startswith(prefix)}
        docs_to_check = [d for d in docs if d.doc_id in ids]
        if not docs_to_check:
            engines["shacl-rust"] = engines.get("shacl-rust", 0) + 1
            return
    else:
        docs_to_check = docs
    focus = {f for f in flagged if f.startswith(prefix)} if flagged is not None else None
    violations, _engine = validate_nt(text_of(docs_to_check, _linked_types(docs_to_check)), settings=_state.settings,
                                      keep=lambda f: f.startswith(prefix), screened=False, focus=focus)
    engines["pyshacl"] = engines.get("pyshacl", 0) + 1
    by_id = {d.doc_id: d for d in docs_to_check}
    for v in violations:
        if doc_id(v.focus) in by_id:
            by_id[doc_id(v.focus)].violations.append(v)


def _own_terms(doc: DocOut) -> list[tuple[str, str, str]]:
    """A page's statements as N-Triples terms (from its lines)."""
    out = []
    for text in (doc.own, "".join(doc.shared)):
        for line in text.split("\n"):  # (not splitlines: a literal may hold U+2028 unescaped)
            if line:
                s, p, o = line.split(" ", 2)
                out.append((s, p, o[:-2] if o.endswith(" .") else o))
    return out


def _linked_types(docs: list[DocOut]) -> str:
    """What pages link to, as far as their own nodes' results can depend on it: the classes of the authority
    nodes they point at (``sh:class``; no other constraint of a page's nodes looks at another node). Validating
    the whole authority graph with each page would only add results about the authorities, which are dropped."""
    assert _state is not None
    types = _state.context_types()
    out: dict[str, None] = {}
    for d in docs:
        for text in (d.own, "".join(d.shared)):
            for line in text.split("\n"):  # (not splitlines: a literal may hold U+2028 or a form feed unescaped)
                if not line:
                    continue
                rest = line.split(" ", 2)[2]
                if rest.startswith("<"):
                    for t in types.get(rest[: rest.index(">") + 1], ()):
                        out[t] = None
    return "".join(out)


def own_line_stats(text: str) -> tuple[int, int, dict[str, int], dict[str, int]]:
    """(triples, distinct subjects, triples per property, subjects per class) of N-Triples lines of one page."""
    props: dict[str, int] = {}
    classes: dict[str, int] = {}
    subjects = set()
    rdf_type = f"<{RDF.type}>"
    lines = [x for x in text.split("\n") if x]  # (not splitlines: a literal may hold U+2028 unescaped)
    for line in lines:
        s, p, rest = line.split(" ", 2)
        subjects.add(s)
        props[p[1:-1]] = props.get(p[1:-1], 0) + 1
        if p == rdf_type:
            c = rest.rsplit(" .", 1)[0].strip()
            if c.startswith("<"):
                classes[c[1:-1]] = classes.get(c[1:-1], 0) + 1
    return len(lines), len(subjects), props, classes


def shared_is_entities_only(shared: list[str]) -> bool:
    """True unless a shared (non-document) node is typed with a document class, which the entity pass would miss."""
    rdf_type = f" <{RDF.type}> "
    classes = {f"<{c}>" for c in DOCUMENT_CLASSES}
    for line in shared:
        if rdf_type in line and line.rsplit(" ", 2)[0].split(rdf_type, 1)[-1] in classes:
            return False
    return True
