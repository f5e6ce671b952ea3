"""The full-text index of a published version: SQLite FTS5 (the standard library's ``sqlite3``), one file per build.

``build_for(build_dir)`` reads what the build produced (its store) and writes ``<build>/search.sqlite`` (through a
temporary file and a rename), so the index is switched with the version it belongs to. ``search()`` answers a
query on it: documents ranked by BM25, with the matched words marked, and counts by kind, year, sender and archive.

What a document is found by: its title, summary and body text, and every name of every person, place,
organization, archive, office and cover name it points to (directly or through its distribution list,
transmission lines and archival references), in every language and script, with the words its attestations
quote. So "Chemulpo" finds the documents that mention Incheon, and "Фын Си" the telegrams to Stalin.

Tables: ``docs`` (one row per document), ``facets`` (document, facet, value), ``fts`` (FTS5 over title, summary,
body, names; ``rowid`` = ``docs.rowid``), ``entities`` + ``entity_fts`` (persons, places... by their names).
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.config import ONTOLOGY_NS
from kg.namespaces import PREFIXES

INDEX_FILE = "search.sqlite"
FACETS = ("kind", "year", "sender", "archive")
#: marks around the matched words in titles and snippets (control characters: never in the data's text)
MARK_START, MARK_END = "\x02", "\x03"
ENTITY_CLASSES = ("Person", "Place", "Organization", "Archive", "Office", "Alias")
_KIND_RANK = {k: i for i, k in enumerate(("archive", "office", "alias", "person", "place", "organization"))}
NAME_PROPS = ("rdfs:label", "skos:prefLabel", "skos:altLabel", "skos:hiddenLabel", "schema:name")

_P = PREFIXES
_HEAD = (f"PREFIX akg: <{ONTOLOGY_NS}> PREFIX rdfs: <{_P['rdfs']}> PREFIX skos: <{_P['skos']}> "
         f"PREFIX dcterms: <{_P['dcterms']}> PREFIX schema: <{_P['schema']}> PREFIX rdf: <{_P['rdf']}>\n")
_SCHEMA = """
CREATE TABLE docs (rowid INTEGER PRIMARY KEY, iri TEXT NOT NULL, title TEXT NOT NULL, date TEXT,
                   kind TEXT, senders TEXT, summary TEXT, vfrom INTEGER NOT NULL DEFAULT 1,
                   vto INTEGER NOT NULL DEFAULT 9223372036854775807);
CREATE INDEX docs_by_iri ON docs (iri);
CREATE TABLE facets (doc INTEGER NOT NULL, facet TEXT NOT NULL, value TEXT NOT NULL);
CREATE INDEX facets_by_value ON facets (facet, value, doc);
CREATE VIRTUAL TABLE fts USING fts5(title, summary, body, names, tokenize = "unicode61 remove_diacritics 2");
CREATE TABLE entities (rowid INTEGER PRIMARY KEY, iri TEXT NOT NULL, label TEXT NOT NULL, kind TEXT NOT NULL,
                       documents INTEGER NOT NULL, vfrom INTEGER NOT NULL DEFAULT 1,
                       vto INTEGER NOT NULL DEFAULT 9223372036854775807);
CREATE INDEX entities_by_iri ON entities (iri);
CREATE VIRTUAL TABLE entity_fts USING fts5(label, names, tokenize = "unicode61 remove_diacritics 2");
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE links (doc INTEGER NOT NULL, entity TEXT NOT NULL);
CREATE INDEX links_by_doc ON links (doc);
CREATE INDEX links_by_entity ON links (entity);
"""


def _rows(store: ox.Store, sparql: str) -> Iterable[ox.QuerySolution]:
    return store.query(_HEAD + sparql, use_default_graph_as_union=True)  # type: ignore[return-value]


def _v(term: object) -> str:
    return "" if term is None else term.value  # type: ignore[attr-defined]


def _best(labels: list[tuple[str, str]]) -> str:
    """English first, then untagged, then any; among equals not the one in capitals, then the first in order (the
    same whatever order the store gives them: a derived index compares it with the one it stored)."""
    labels = sorted(labels, key=lambda x: (x[0].isupper(), x[0], x[1]))
    for want in ("en", ""):
        for text, lang in labels:
            if lang.split("-")[0] == want:
                return text
    return labels[0][0] if labels else ""


@dataclass
class _Doc:
    iri: str
    title: str = ""
    date: str = ""
    summary: str = ""
    body: str = ""
    kinds: list[str] = field(default_factory=list)
    senders: list[str] = field(default_factory=list)
    archives: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)


def _values(var: str, iris: Iterable[str] | None) -> str:
    """A ``VALUES`` clause restricting ``?var`` to ``iris`` (nothing when None: every one)."""
    if iris is None:
        return ""
    return f"VALUES ?{var} {{ {' '.join(f'<{i}>' for i in iris)} }} "


def _entity_info(store: ox.Store, only: set[str] | None) -> tuple[dict[str, str], dict, dict]:
    """The kind, names and preferred names of every entity (or of those in ``only``)."""
    names: dict[str, list[tuple[str, str]]] = defaultdict(list)
    kinds: dict[str, str] = {}
    preferred: dict[str, list[tuple[str, str]]] = defaultdict(list)
    if only is not None and not only:
        return kinds, names, preferred
    if only is not None:
        _entity_info_of(store, only, kinds, names, preferred)
        return kinds, names, preferred
    ve = _values("e", None)
    classes = " ".join(f"akg:{c}" for c in ENTITY_CLASSES)
    for r in _rows(store, f"SELECT ?e ?c WHERE {{ {ve}VALUES ?c {{ {classes} }} ?e a ?c }}"):
        e, kind = _v(r["e"]), _v(r["c"])[len(ONTOLOGY_NS):].lower()
        if e not in kinds or _KIND_RANK[kind] < _KIND_RANK[kinds[e]]:  # the most specific class, whatever the order
            kinds[e] = kind
    pref_props = (_P["rdfs"] + "label", _P["skos"] + "prefLabel")
    # one pattern per name property (VALUES): the predicate index, not a scan of every statement
    for r in _rows(store, f"SELECT ?e ?p ?n WHERE {{ {ve}VALUES ?p {{ {' '.join(NAME_PROPS)} }} ?e ?p ?n . "
                          "FILTER(isLiteral(?n)) }"):
        e = _v(r["e"])
        if e in kinds:
            n = r["n"]
            names[e].append((n.value, n.language or ""))  # type: ignore[union-attr]
            if _v(r["p"]) in pref_props:
                preferred[e].append((n.value, n.language or ""))  # type: ignore[union-attr]
    for r in _rows(store, f"SELECT ?e ?n WHERE {{ {ve}?e akg:hasAlias ?al . ?al rdfs:label ?n }}"):
        names[_v(r["e"])].append((_v(r["n"]), "alias"))
    return kinds, names, preferred


def _entity_info_of(store: ox.Store, only: set[str], kinds: dict, names: dict, preferred: dict) -> None:
    """:func:`_entity_info` for a few entities (a derived version's): index look-ups per entity, where the SPARQL
    patterns would read every name statement of the store (what they give is the same; order and repeats do not
    matter: kinds go by rank, names into a set, the best label by :func:`_best`)."""
    rdf_type = ox.NamedNode(_P["rdf"] + "type")
    classes = {ONTOLOGY_NS + c for c in ENTITY_CLASSES}
    props = [ox.NamedNode(_P[x.split(":")[0]] + x.split(":")[1]) for x in NAME_PROPS]
    pref_props = {_P["rdfs"] + "label", _P["skos"] + "prefLabel"}
    has_alias, label = ox.NamedNode(ONTOLOGY_NS + "hasAlias"), ox.NamedNode(_P["rdfs"] + "label")
    for e in sorted(only):
        node = ox.NamedNode(e)
        for q in store.quads_for_pattern(node, rdf_type, None):
            if q.object.value in classes:
                kind = q.object.value[len(ONTOLOGY_NS):].lower()
                if e not in kinds or _KIND_RANK[kind] < _KIND_RANK[kinds[e]]:
                    kinds[e] = kind
        if e in kinds:
            for p in props:
                for q in store.quads_for_pattern(node, p, None):
                    if isinstance(q.object, ox.Literal):
                        n = (q.object.value, q.object.language or "")
                        names[e].append(n)
                        if p.value in pref_props:
                            preferred[e].append(n)
        for q in store.quads_for_pattern(node, has_alias, None):
            if isinstance(q.object, (ox.NamedNode, ox.BlankNode)):
                for lq in store.quads_for_pattern(q.object, label, None):
                    names[e].append((lq.object.value, "alias"))


def _entity_row(e: str, kind: str, names: dict, preferred: dict) -> dict:
    labels = preferred.get(e) or [x for x in names.get(e, []) if x[1] != "alias"] or names.get(e, [])
    return {"label": _best(labels) or e.rsplit("/", 1)[-1], "kind": kind,
            "names": sorted({n for n, _ in names.get(e, [])}), "documents": 0}


def _collect(store: ox.Store, only: Iterable[str] | None = None,
             extra_entities: set[str] | None = None) -> tuple[dict[str, _Doc], dict[str, dict], dict[str, set[str]]]:
    """The documents (all, or those of ``only``), the entities (all, or those the documents link to and
    ``extra_entities``) and what each document links to."""
    wanted_docs = None if only is None else sorted(set(only))
    docs: dict[str, _Doc] = {}
    if wanted_docs is not None and not wanted_docs:
        return docs, {}, {}
    vd = _values("d", wanted_docs)
    for r in _rows(store, f"""SELECT ?d (SAMPLE(?t) AS ?title) (MIN(STR(?dt)) AS ?date) (SAMPLE(?a) AS ?abstract)
            (SAMPLE(?b) AS ?body) WHERE {{ {vd}?d a akg:Document .
            OPTIONAL {{ ?d dcterms:title ?t }} OPTIONAL {{ ?d dcterms:date ?dt }} OPTIONAL {{ ?d dcterms:abstract ?a }}
            OPTIONAL {{ ?d akg:bodyText ?b }} }} GROUP BY ?d"""):
        iri = _v(r["d"])
        docs[iri] = _Doc(iri, _v(r["title"]) or iri.rsplit("/", 1)[-1], _v(r["date"]), _v(r["abstract"]), _v(r["body"]))

    # what each document points to (itself or through its own sub-resources), and the words it quotes
    targets: dict[str, set[str]] = defaultdict(set)
    for r in _rows(store, f"""SELECT DISTINCT ?d ?e WHERE {{ {vd}?d a akg:Document .
            {{ ?d ?p ?e }} UNION {{ ?d akg:distribution|akg:transmissionEvent|akg:archivalReference ?x . ?x ?p2 ?e }}
            FILTER(isIRI(?e)) }}"""):
        d, e = _v(r["d"]), _v(r["e"])
        if d in docs:
            targets[d].add(e)

    # every name of every entity (labels in all scripts; a person's cover names count as its names)
    wanted = None if only is None else {e for es in targets.values() for e in es} | (extra_entities or set())
    kinds, names, preferred = _entity_info(store, wanted)
    linked = {d: {e for e in es if e in kinds} for d, es in targets.items()}
    for r in _rows(store, f"SELECT ?d ?q WHERE {{ {vd}?att akg:inDocument ?d ; akg:quote ?q }}"):
        if _v(r["d"]) in docs:
            docs[_v(r["d"])].names.append(_v(r["q"]))

    for r in _rows(store, f"""SELECT ?d ?k (SAMPLE(?kl) AS ?label) WHERE {{ {vd}?d akg:documentKind ?k .
            OPTIONAL {{ ?k skos:prefLabel|rdfs:label ?kl FILTER(LANG(?kl) = "" || LANGMATCHES(LANG(?kl), "en")) }} }}
            GROUP BY ?d ?k"""):
        if _v(r["d"]) in docs:
            docs[_v(r["d"])].kinds.append(_v(r["label"]) or _v(r["k"]).rsplit("/", 1)[-1].rsplit("#", 1)[-1])
    for r in _rows(store, f"SELECT ?d ?s WHERE {{ {vd}?d akg:sender ?s }}"):
        if _v(r["d"]) in docs:
            docs[_v(r["d"])].senders.append(_v(r["s"]))
    for r in _rows(store, f"SELECT ?d ?a WHERE {{ {vd}?d akg:archivalReference ?ref . ?ref akg:repository ?a }}"):
        if _v(r["d"]) in docs:
            docs[_v(r["d"])].archives.append(_v(r["a"]))

    entities = {e: _entity_row(e, kind, names, preferred) for e, kind in kinds.items()}
    for d, es in linked.items():
        for e in es:
            entities[e]["documents"] += 1
            docs[d].names.extend(n for n, _ in names.get(e, []))
    for doc in docs.values():
        doc.senders = [entities[s]["label"] if s in entities else s.rsplit("/", 1)[-1] for s in doc.senders]
        doc.archives = [entities[a]["label"] if a in entities else a.rsplit("/", 1)[-1] for a in doc.archives]
    return docs, entities, linked


def _insert_doc(con: sqlite3.Connection, i: int, doc: _Doc, vfrom: int = 1) -> None:
    con.execute("INSERT INTO docs (rowid, iri, title, date, kind, senders, summary, vfrom) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (i, doc.iri, doc.title, doc.date, "; ".join(dict.fromkeys(doc.kinds)),
                 "; ".join(dict.fromkeys(doc.senders)), doc.summary, vfrom))
    con.execute("INSERT INTO fts (rowid, title, summary, body, names) VALUES (?, ?, ?, ?, ?)",
                (i, doc.title, doc.summary, doc.body, "\n".join(dict.fromkeys(doc.names))))
    values = {("kind", k) for k in doc.kinds} | {("sender", s) for s in doc.senders} | {
        ("archive", a) for a in doc.archives}
    if re.match(r"\d{4}", doc.date):
        values.add(("year", doc.date[:4]))
    con.executemany("INSERT INTO facets VALUES (?, ?, ?)", [(i, f, v) for f, v in sorted(values)])


def _insert_entity(con: sqlite3.Connection, j: int, iri: str, e: dict, vfrom: int = 1) -> None:
    con.execute("INSERT INTO entities (rowid, iri, label, kind, documents, vfrom) VALUES (?, ?, ?, ?, ?, ?)",
                (j, iri, e["label"], e["kind"], e["documents"], vfrom))
    con.execute("INSERT INTO entity_fts (rowid, label, names) VALUES (?, ?, ?)", (j, e["label"], "\n".join(e["names"])))


def write_index(store: ox.Store, dest: Path) -> int:
    """Index the documents of ``store`` into a new SQLite file at ``dest`` (written aside, then renamed in).
    Returns the number of documents indexed."""
    docs, entities, linked = _collect(store)
    tmp = dest.with_name(dest.name + f".tmp-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    try:
        con.executescript(_SCHEMA)
        entity_row = {iri: j for j, iri in enumerate(sorted(entities), start=1)}
        for i, doc in enumerate(sorted(docs.values(), key=lambda d: (d.date, d.iri)), start=1):
            _insert_doc(con, i, doc)
            con.executemany("INSERT INTO links VALUES (?, ?)", [(i, e) for e in sorted(linked.get(doc.iri, ()))])
        for iri, j in entity_row.items():
            _insert_entity(con, j, iri, entities[iri])
        con.execute("INSERT INTO meta VALUES ('documents', ?)", (str(len(docs)),))
        con.execute("INSERT INTO fts (fts) VALUES ('optimize')")
        con.commit()
    finally:
        con.close()
    os.replace(tmp, dest)
    return len(docs)


def _root(build_dir: object) -> Path:
    return Path(build_dir) if isinstance(build_dir, (str, os.PathLike)) else Path(build_dir.root)  # type: ignore[attr-defined]


def build_for(build_dir: object) -> Path:
    """Write the index of a build (a ``kg.layout.BuildDir`` or its folder) from its store, as a new index file
    (``kg.search_versions``: shared with the versions derived from this one); returns its path."""
    from kg import search_versions

    root = _root(build_dir)
    store = ox.Store.read_only(str(root / "store"))
    dest = search_versions.new_index(root)
    write_index(store, dest)
    search_versions.adopt(root, dest, 1)
    return dest


def derive_for(prev_build: object, build_dir: object, changed: Iterable[str], also: Iterable[str] = ()) -> Path:
    """The index of a version derived from ``prev_build`` in which only the documents ``changed`` (IRIs of pages
    changed, added or removed) differ, and the entities ``also`` (e.g. the subjects ``kg load`` added statements
    about): :func:`kg.search_versions.derive`."""
    from kg import search_versions

    return search_versions.derive(_root(prev_build), _root(build_dir), set(changed), set(also))


def loaded_changes(build_dir: object, graphs: Iterable[str]) -> tuple[set[str], set[str]]:
    """What ``kg load`` changed for the index: the documents among the subjects of the loaded ``graphs``, and
    those subjects (entities whose names or kinds the loaded statements may change)."""
    store = ox.Store.read_only(str(_root(build_dir) / "store"))
    subjects: set[str] = set()
    for g in set(graphs):
        for r in _rows(store, f"SELECT DISTINCT ?s WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} FILTER(isIRI(?s)) }}"):
            subjects.add(_v(r["s"]))
    docs = {_v(r["d"]) for r in _rows(store, f"SELECT ?d WHERE {{ {_values('d', sorted(subjects))}?d a akg:Document }}")
            } if subjects else set()
    return docs, subjects


def changed_documents(prev_docs: Iterable[object], kept: Iterable[object], iris: object) -> set[str]:
    """The IRIs of the documents a derived version changed, added or removed (``kg.build_workers.DocOut`` lists)."""
    before = {(d.path, d.key): d.doc_id for d in prev_docs}  # type: ignore[attr-defined]
    now = {(d.path, d.key): d.doc_id for d in kept}  # type: ignore[attr-defined]
    return {str(iris.document(doc_id)) for k, doc_id in (before.items() ^ now.items())}  # type: ignore[attr-defined]


# -- searching ----------------------------------------------------------------------------------------------------

_WORD = re.compile(r"\w+", re.UNICODE)


def match_expression(q: str) -> str | None:
    """The FTS5 expression of what a reader typed: every word must match (the last one as a prefix); quotes,
    operators and punctuation are taken as plain text, never as FTS5 syntax. None when there is no word."""
    words = _WORD.findall(q)[:16]
    if not words:
        return None
    terms = [f'"{w}"' for w in words]
    if len(words[-1]) >= 2:
        terms[-1] += "*"
    return " ".join(terms)


@dataclass
class Hit:
    iri: str
    title: str  # with MARK_START/MARK_END around the matched words
    date: str
    kind: str
    senders: str
    snippet: str  # idem


@dataclass
class EntityHit:
    iri: str
    label: str
    kind: str
    documents: int


@dataclass
class Results:
    query: str
    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]]
    entities: list[EntityHit]
    filters: dict[str, str]


def connect(path: Path | str) -> sqlite3.Connection:
    """A read-only connection to an index file."""
    return sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True, check_same_thread=False)


SORTS = {"relevance": "bm25(fts, 10.0, 4.0, 1.0, 2.0), d.date", "date": "d.date, d.iri", "-date": "d.date DESC, d.iri"}


def search(con: sqlite3.Connection, q: str, *, filters: dict[str, str] | None = None, limit: int = 20,
           offset: int = 0, sort: str = "relevance") -> Results:
    """Documents matching every word of ``q`` (and the facet ``filters``): ranked by BM25 (``sort="relevance"``)
    or by date (``"date"``, ``"-date"``), a page of ``limit`` from ``offset``."""
    order = SORTS.get(sort, SORTS["relevance"])
    filters = {k: v for k, v in (filters or {}).items() if k in FACETS and v}
    expr = match_expression(q)
    where, params = [], []
    if expr is not None:
        where.append("d.rowid IN (SELECT rowid FROM fts WHERE fts MATCH ?)")
        params.append(expr)
    for facet, value in sorted(filters.items()):
        where.append("d.rowid IN (SELECT doc FROM facets WHERE facet = ? AND value = ?)")
        params += [facet, value]
    if expr is None and not filters:
        return Results(q, 0, [], {}, [], filters)
    cond = " AND ".join(where)
    total = con.execute(f"SELECT count(*) FROM docs d WHERE {cond}", params).fetchone()[0]
    facets: dict[str, list[tuple[str, int]]] = {}
    for facet, value, n in con.execute(
            f"SELECT facet, value, count(*) AS n FROM facets WHERE doc IN (SELECT d.rowid FROM docs d WHERE {cond}) "
            "GROUP BY facet, value ORDER BY facet, n DESC, value", params):
        facets.setdefault(facet, []).append((value, n))
    if "year" in facets:
        facets["year"].sort()
    hits = []
    if expr is not None:
        m = [MARK_START, MARK_END]
        sql = (f"SELECT d.iri, highlight(fts, 0, ?, ?), d.date, d.kind, d.senders, snippet(fts, 2, ?, ?, '…', 24), "
               f"snippet(fts, 1, ?, ?, '…', 24), snippet(fts, 3, ?, ?, '', 6), coalesce(d.summary, '') "
               f"FROM fts JOIN docs d ON d.rowid = fts.rowid "
               f"WHERE fts MATCH ? AND {cond} ORDER BY {order} LIMIT ? OFFSET ?")
        for iri, title, date, kind, senders, body, summary, name, plain in con.execute(
                sql, [*m, *m, *m, *m, expr, *params, limit, offset]):
            # the words in the text if they are there, else in the summary, else the name the document was found by
            if MARK_START in body:
                snip = body
            elif MARK_START in summary:
                snip = summary
            elif MARK_START in name:
                snip = "Refers to " + next(line for line in name.splitlines() if MARK_START in line).strip()
            else:
                snip = plain
            hits.append(Hit(iri, title, date or "", kind or "", senders or "", snip))
    else:
        for iri, title, date, kind, senders, snip in con.execute(
                f"SELECT d.iri, d.title, d.date, d.kind, d.senders, coalesce(d.summary, '') FROM docs d "
                f"WHERE {cond} ORDER BY {order if sort != 'relevance' else SORTS['date']} LIMIT ? OFFSET ?",
                [*params, limit, offset]):
            hits.append(Hit(iri, title, date or "", kind or "", senders or "", snip))
    entities = []
    if expr is not None:
        for iri, label, kind, n in con.execute(
                "SELECT e.iri, e.label, e.kind, e.documents FROM entity_fts JOIN entities e ON e.rowid = entity_fts.rowid "
                "WHERE entity_fts MATCH ? ORDER BY bm25(entity_fts, 5.0, 1.0), e.documents DESC LIMIT 12", [expr]):
            entities.append(EntityHit(iri, label, kind, n))
    return Results(q, total, hits, facets, entities, filters)


def marked(text: str) -> list[tuple[str, bool]]:
    """``text`` with its marks as (part, is_match) pairs, for a template to escape and wrap in ``<mark>``."""
    out: list[tuple[str, bool]] = []
    for i, part in enumerate(re.split(f"[{MARK_START}{MARK_END}]", text)):
        if part:
            out.append((part, i % 2 == 1))
    return out
