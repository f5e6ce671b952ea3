"""The search index of a derived version (one page changed, one added, one removed) is made from the previous
version's index, re-indexing only those pages, and answers every query like an index built from scratch."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg import search_index, search_versions
from kg.build import build
from kg.config import Settings
from kg.layout import OutDir
from kg.synth import write_corpus


def _tables(out: Path, direct: bool = False) -> dict:
    con = search_versions.open_index(out if direct else OutDir(out).current().root)  # what that version sees
    assert con is not None
    doc_iri = dict(con.execute("SELECT rowid, iri FROM docs"))
    ent_iri = dict(con.execute("SELECT rowid, iri FROM entities"))
    t = {
        "docs": sorted(con.execute("SELECT iri, title, date, kind, senders, summary FROM docs")),
        "fts": sorted((doc_iri[r], ti, su, bo, tuple(sorted(set(na.split("\n"))))) for r, ti, su, bo, na in con.execute(
            "SELECT rowid, title, summary, body, names FROM fts WHERE rowid IN (SELECT rowid FROM docs)")),
        "facets": sorted((doc_iri[d], f, v) for d, f, v in con.execute(
            "SELECT doc, facet, value FROM facets WHERE doc IN (SELECT rowid FROM docs)")),
        "entities": sorted(con.execute("SELECT iri, label, kind, documents FROM entities")),
        "entity_fts": sorted((ent_iri[r], la, na) for r, la, na in con.execute(
            "SELECT rowid, label, names FROM entity_fts WHERE rowid IN (SELECT rowid FROM entities)")),
        "links": sorted((doc_iri[d], e) for d, e in con.execute(
            "SELECT doc, entity FROM links WHERE doc IN (SELECT rowid FROM docs)")),
        "meta": sorted(con.execute("SELECT key, value FROM meta")),
    }
    assert len(t["fts"]) == len(t["docs"]) and len(t["entity_fts"]) == len(t["entities"])
    con.close()
    return t


def _answers(out: Path, queries: list[str], facets: list[tuple[str, str]]) -> list:
    con = search_versions.open_index(OutDir(out).current().root)
    got = []
    for q in queries:
        r = search_index.search(con, q, limit=1000)
        got.append((q, r.total, sorted(h.iri for h in r.hits), r.facets,
                    sorted((e.iri, e.label, e.kind, e.documents) for e in r.entities)))
    for f, v in facets:
        r = search_index.search(con, "", filters={f: v}, limit=1000)
        got.append((f, v, r.total, [h.iri for h in r.hits], r.facets))
    con.close()
    return got


def test_derived_index_equals_an_index_built_from_scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus, more = tmp_path / "corpus", tmp_path / "more"
    write_corpus(corpus, count=14, seed=5)
    write_corpus(more, count=18, seed=5)  # the same generator: pages 14 onwards are new
    settings = Settings.from_env(out_dir=tmp_path / "var")
    assert build([corpus], settings=settings, progress=False, workers=2).ok
    before = _tables(tmp_path / "var")

    page = next(p for p in sorted(corpus.glob("synth-*.txt")) if "\n\nSynthetic " in p.read_text()
                and p.name != "synth-000007.txt")
    page.write_text(page.read_text().replace("\n\nSynthetic ", "\n\nA zanzibarian paragraph, added later.\n\nSynthetic ", 1))
    for suffix in (".txt", ".source.yaml"):
        (corpus / f"synth-000007{suffix}").unlink()  # removed
        shutil.copy(more / f"synth-000016{suffix}", corpus / f"synth-000016{suffix}")  # added

    full = []
    real_build_for = search_index.build_for
    monkeypatch.setattr(search_index, "build_for", lambda b: full.append(b) or real_build_for(b))
    derived = build([corpus], settings=settings, progress=False, workers=2)
    assert derived.ok and OutDir(tmp_path / "var").current().manifest()["derived_from"]
    assert full == []  # the index was derived, not rebuilt
    monkeypatch.undo()

    assert build([corpus], settings=Settings.from_env(out_dir=tmp_path / "scratch"), progress=False, workers=2).ok
    a, b = _tables(tmp_path / "var"), _tables(tmp_path / "scratch")
    for name in a:
        assert a[name] == b[name], name
    assert a != before
    iris = {d[0] for d in a["docs"]}
    assert any(i.endswith("/synth-000016") for i in iris) and not any(i.endswith("/synth-000007") for i in iris)
    assert any("zanzibarian" in row[3] for row in a["fts"])

    words = sorted({w for row in b["entities"][:40] for w in row[1].split()[:1]}) + ["zanzibarian", "telegram", "1950"]
    facets = sorted({(f, v) for _d, f, v in b["facets"]})
    assert _answers(tmp_path / "var", words, facets) == _answers(tmp_path / "scratch", words, facets)


_FINGERPRINT = """
from pathlib import Path
from kg import build_workers as bw
from kg.authorities import Authorities
from kg.config import Settings
from kg.iris import IRIs
s = Settings.from_env()
auth = Path(s.data_dir) / "authorities"
print(bw.fingerprint(s, auth, Authorities.load(auth).to_graph(IRIs(s.base_iri)).serialize(format="nt")))
"""


def test_the_build_fingerprint_is_the_same_in_every_process() -> None:
    """Else ``kg build`` run again (a new process) never derives from the previous version nor uses its cache."""
    import os
    import subprocess
    import sys

    got = {subprocess.run([sys.executable, "-c", _FINGERPRINT], capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert len(got) == 1 and len(got.pop().strip()) == 64


def _store_at(root: Path, turtle: str) -> Path:
    import pyoxigraph as ox

    from kg.config import ONTOLOGY_NS
    from kg.namespaces import PREFIXES

    head = f"@prefix akg: <{ONTOLOGY_NS}> .\n@prefix : <https://example.org/id/> .\n" + "".join(
        f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items() if p in ("rdfs", "skos", "dcterms"))
    root.mkdir()
    store = ox.Store(str(root / "store"))
    store.load((head + turtle).encode(), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode("https://example.org/g"))
    store.flush()
    del store
    return root


def test_an_entity_renamed_with_a_changed_page_is_found_by_its_new_name_in_every_page(tmp_path: Path) -> None:
    common = """:d1 a akg:Document ; dcterms:title "First cable" ; akg:sender :p1 .
        :a1 a akg:Alias ; rdfs:label "Crow" ."""
    old = _store_at(tmp_path / "v1", common + """
        :p1 a akg:Person ; rdfs:label "Orlov" .
        :d2 a akg:Document ; dcterms:title "Second cable" ; dcterms:date "1950-01-02" ; akg:sender :p1 .
        :d4 a akg:Document ; dcterms:title "Gone cable" ; akg:mentions :p3 .
        :p3 a akg:Person ; rdfs:label "Placeholder" .""")
    new = _store_at(tmp_path / "v2", common + """
        :p1 a akg:Person ; rdfs:label "Orlov" ; skos:altLabel "Orlovsky" ; akg:hasAlias :a1 .
        :d2 a akg:Document ; dcterms:title "Second cable, corrected" ; dcterms:date "1951-01-02" ; akg:sender :p1 .
        :d3 a akg:Document ; dcterms:title "New cable" ; akg:mentions :p2, :a1 .
        :p2 a akg:Person ; skos:prefLabel "Newcomer"@en .""")
    search_index.build_for(old)
    (scratch := tmp_path / "scratch").mkdir()
    shutil.copytree(new / "store", scratch / "store")
    search_index.build_for(scratch)
    changed = {"https://example.org/id/" + d for d in ("d2", "d3", "d4")}
    search_index.derive_for(old, new, changed)
    a, b = _tables(new, direct=True), _tables(scratch, direct=True)
    for name in a:
        assert a[name] == b[name], name
    fts = {row[0].rsplit("/", 1)[-1]: row for row in a["fts"]}
    assert "Orlovsky" in fts["d1"][4] and "Crow" in fts["d1"][4]  # d1 did not change, the name of its sender did
    assert [e[0].rsplit("/", 1)[-1] for e in a["entities"]] == ["a1", "p1", "p2"]
    assert dict((e[0].rsplit("/", 1)[-1], e[3]) for e in a["entities"]) == {"a1": 1, "p1": 2, "p2": 1}
