"""The full-text index of a build written streaming: each page's row comes from its own statements (computed in
the build's workers and cached with the page), rows are written to disk batch by batch, and the names of what the
pages link to are joined in at the end from the store's entities only: never a pass over every document's
statements, and the memory does not grow with the number of pages.

The index is the same as :func:`kg.search_index.write_index` makes from the store (``tests/test_search_build.py``).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from kg import search_index as si
from kg.config import ONTOLOGY_NS
from kg.namespaces import PREFIXES

_DCT = "http://purl.org/dc/terms/"
_RDF_TYPE = PREFIXES["rdf"] + "type"
_DOCUMENT = ONTOLOGY_NS + "Document"
_VIA = {ONTOLOGY_NS + p for p in ("distribution", "transmissionEvent", "archivalReference")}


def page_row(nt: str | bytes, doc_iri: str, triples: Iterable[ox.Triple] | None = None) -> bytes | None:
    """What the index holds about one page, from its N-Triples (its own statements and those it shares): JSON,
    or None when it states no ``akg:Document``. Entities are IRIs here; their names are joined in by
    :class:`StreamWriter`. ``triples``: the same statements already parsed (then ``nt`` is not read)."""
    data = nt.encode("utf-8") if isinstance(nt, str) else nt
    by_subject: dict[str, list[tuple[str, ox.NamedNode | ox.Literal | ox.BlankNode]]] = {}
    for t in triples if triples is not None else ox.parse(data, format=ox.RdfFormat.N_TRIPLES):
        by_subject.setdefault(t.subject.value, []).append((t.predicate.value, t.object))  # type: ignore[arg-type]
    own = by_subject.get(doc_iri, [])
    if not any(p == _RDF_TYPE and o.value == _DOCUMENT for p, o in own):
        return None
    title = date = summary = body = ""
    kinds, senders, archives, targets, quotes = [], [], [], set(), []
    for p, o in own:
        if isinstance(o, ox.Literal):
            if p == _DCT + "title" and not title:
                title = o.value
            elif p == _DCT + "date" and (not date or o.value < date):
                date = o.value
            elif p == _DCT + "abstract" and not summary:
                summary = o.value
            elif p == ONTOLOGY_NS + "bodyText" and not body:
                body = o.value
            continue
        if isinstance(o, ox.NamedNode):
            targets.add(o.value)
            if p == ONTOLOGY_NS + "documentKind":
                kinds.append(o.value)
            elif p == ONTOLOGY_NS + "sender":
                senders.append(o.value)
        if p in _VIA:
            for p2, o2 in by_subject.get(o.value, []):
                if isinstance(o2, ox.NamedNode):
                    targets.add(o2.value)
                    if p == ONTOLOGY_NS + "archivalReference" and p2 == ONTOLOGY_NS + "repository":
                        archives.append(o2.value)
    in_doc = ONTOLOGY_NS + "inDocument"
    for _s, pos in by_subject.items():
        if any(p == in_doc and o.value == doc_iri for p, o in pos):
            quotes.extend(o.value for p, o in pos if p == ONTOLOGY_NS + "quote" and isinstance(o, ox.Literal))
    return json.dumps({"iri": doc_iri, "title": title or doc_iri.rsplit("/", 1)[-1], "date": date, "summary": summary,
                       "body": body, "kinds": sorted(set(kinds)), "senders": senders, "archives": archives,
                       "targets": sorted(targets), "quotes": quotes}, ensure_ascii=False).encode("utf-8")


class StreamWriter:
    """Collects page rows on disk (a scratch SQLite file beside the index), then writes the index in one pass
    over them in (date, IRI) order, with the names of the entities they link to read from the store."""

    def __init__(self, dest: Path) -> None:
        self.dest = dest
        self.scratch = dest.with_name(dest.name + f".rows-{os.getpid()}")
        self.scratch.unlink(missing_ok=True)
        self.con = sqlite3.connect(self.scratch)
        self.con.execute("PRAGMA journal_mode = OFF")
        self.con.execute("PRAGMA synchronous = OFF")
        self.con.execute("CREATE TABLE rows (iri TEXT PRIMARY KEY, date TEXT, kinds TEXT, row BLOB)")
        self._batch: list[tuple[str, str, str, bytes]] = []

    def add_doc(self, doc: object, iris: object) -> None:
        """A page as the build took it (``kg.build_workers.DocOut``): its row from the workers (``pieces``), or
        made here from its statements (a page cached before rows were)."""
        pieces = doc.pieces  # type: ignore[attr-defined]
        own = doc.own or pieces.get("load.nt", b"").decode("utf-8")  # type: ignore[attr-defined]
        row = pieces["search"] if "search" in pieces else page_row(
            own + "".join(doc.shared), str(iris.document(doc.doc_id)))  # type: ignore[attr-defined]
        self.add(row)

    def add(self, row: bytes | None) -> None:
        if not row:
            return
        head = json.loads(row)
        self._batch.append((head["iri"], head["date"], "\n".join(head["kinds"]), row))
        if len(self._batch) >= 512:
            self._flush()

    def _flush(self) -> None:
        self.con.executemany("INSERT OR REPLACE INTO rows VALUES (?, ?, ?, ?)", self._batch)
        self.con.commit()
        self._batch = []

    def close(self) -> None:
        self.con.close()
        self.scratch.unlink(missing_ok=True)

    def finish(self, store_path: Path | ox.Store, keep: set[str] | None = None) -> int:
        """Write a new index file (``kg.search_versions.new_index``: aside, then renamed in) for the pages in
        ``keep`` (all when None), the entities' names and kinds from the store at ``store_path`` (or that store),
        and make it the index of the version in the folder of ``dest``. Returns the number of documents indexed."""
        self._flush()
        store = store_path if isinstance(store_path, ox.Store) else ox.Store.read_only(str(store_path))
        kinds, names, preferred = si._entity_info(store, None)
        entities = {e: si._entity_row(e, kind, names, preferred) for e, kind in kinds.items()}
        kind_iris = {k for (ks,) in self.con.execute("SELECT DISTINCT kinds FROM rows") for k in ks.split("\n") if k}
        kind_label = _kind_labels(store, kind_iris)
        from kg import search_versions

        dest = search_versions.new_index(self.dest.parent)
        tmp = dest.with_name(dest.name + f".tmp-{os.getpid()}")
        tmp.unlink(missing_ok=True)
        out = sqlite3.connect(tmp)
        out.execute("PRAGMA journal_mode = OFF")
        out.execute("PRAGMA synchronous = OFF")
        n = 0
        try:
            out.executescript(si._SCHEMA)
            entity_row = {iri: j for j, iri in enumerate(sorted(entities), start=1)}
            for (raw,) in self.con.execute("SELECT row FROM rows ORDER BY date, iri"):
                r = json.loads(raw)
                if keep is not None and r["iri"] not in keep:
                    continue
                n += 1
                linked = sorted(e for e in r["targets"] if e in entities)
                doc = si._Doc(r["iri"], r["title"], r["date"], r["summary"], r["body"],
                              kinds=[kind_label.get(k) or k.rsplit("/", 1)[-1].rsplit("#", 1)[-1] for k in r["kinds"]],
                              senders=[_label(entities, s) for s in r["senders"]],
                              archives=[_label(entities, a) for a in r["archives"]],
                              names=list(r["quotes"]) + [x for e in linked for x, _lang in names.get(e, [])])
                si._insert_doc(out, n, doc)
                out.executemany("INSERT INTO links VALUES (?, ?)", [(n, e) for e in linked])
                for e in linked:
                    entities[e]["documents"] += 1
            for iri, j in entity_row.items():
                si._insert_entity(out, j, iri, entities[iri])
            out.execute("INSERT INTO meta VALUES ('documents', ?)", (str(n),))
            out.execute("INSERT INTO fts (fts) VALUES ('optimize')")
            search_versions.version_indexes(out)
            out.commit()
        finally:
            out.close()
            self.close()
        os.replace(tmp, dest)
        search_versions.adopt(self.dest.parent, dest, 1)
        return n


def _label(entities: dict[str, dict], iri: str) -> str:
    return entities[iri]["label"] if iri in entities else iri.rsplit("/", 1)[-1]


def _kind_labels(store: ox.Store, kinds: set[str]) -> dict[str, str]:
    """An English (or untagged) label of each document kind, as :func:`kg.search_index._collect` takes it."""
    if not kinds:
        return {}
    out: dict[str, str] = {}
    for r in si._rows(store, f"""SELECT ?k (SAMPLE(?kl) AS ?label) WHERE {{ {si._values('k', sorted(kinds))}
            ?k skos:prefLabel|rdfs:label ?kl FILTER(LANG(?kl) = "" || LANGMATCHES(LANG(?kl), "en")) }} GROUP BY ?k"""):
        if r["label"] is not None:
            out[si._v(r["k"])] = si._v(r["label"])
    return out
